"""Moving through a timeline by time rather than by row.

``d``/``D``, ``m``/``M`` and the year keys pick the event nearest to "a day
(month, year) before or after the selected one" among the events that start
strictly earlier (or later): always a real move, never a jump the wrong way.
Several events on the nearest date: the first of them in timeline order.

Start days are ``date.toordinal()`` integers (as ``Selection.starts()`` gives
them; dates are accepted too), in timeline order and so never decreasing:
nothing is copied or sorted, a move is a few binary searches.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from datetime import date


def _day(value: int | date) -> int:
    return value.toordinal() if isinstance(value, date) else value


class TimeIndex:
    """Events' start days (never decreasing), for O(log n) nearest-date moves."""

    def __init__(self, starts: Sequence[int] | Sequence[date]) -> None:
        days: Sequence[int] = [_day(s) for s in starts] if starts and isinstance(starts[0], date) else starts  # type: ignore[assignment]
        self._days = days

    def __len__(self) -> int:
        return len(self._days)

    def _first_at(self, position: int) -> int:
        """The first event on the same day as the one at ``position``."""
        return bisect_left(self._days, self._days[position])

    def nearest(self, current: int, target: date | int, forward: bool) -> int | None:
        """The event nearest ``target`` that starts after (before) event ``current``."""
        target = _day(target)
        here = self._days[current]
        if forward:
            low, high = bisect_right(self._days, here), len(self._days)
        else:
            low, high = 0, bisect_left(self._days, here)
        if low >= high:
            return None
        position = min(max(bisect_left(self._days, target, low, high), low), high - 1)
        best = position
        if position - 1 >= low:
            before = abs(target - self._days[position - 1])
            after = abs(self._days[position] - target)
            if before < after or (not forward and before == after):
                best = position - 1
        return self._first_at(best)

    def closest(self, target: date | int) -> int | None:
        """The event that starts nearest ``target`` (the earlier, and the first of its day, on a tie)."""
        if not self._days:
            return None
        target = _day(target)
        position = bisect_left(self._days, target)
        candidates = [p for p in (position - 1, position) if 0 <= p < len(self._days)]
        distance = min(abs(self._days[p] - target) for p in candidates)
        return min(self._first_at(p) for p in candidates if abs(self._days[p] - target) == distance)
