"""Moving through a timeline by time rather than by row.

``d``/``D``, ``m``/``M`` and the year keys pick the event nearest to "a day
(month, year) before or after the selected one" among the events that start
strictly earlier (or later): always a real move, never a jump the wrong way.
Several events on the nearest date: the first of them in timeline order.

Start days are ``date.toordinal()`` integers (as ``Selection.starts()`` gives
them; dates are accepted too). In timeline order they are already sorted, and
then nothing is copied: a move is two binary searches.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from datetime import date

from tui.widgets.year_groups import is_sorted


def _day(value: int | date) -> int:
    return value.toordinal() if isinstance(value, date) else value


class TimeIndex:
    """Events' start days, sorted once (if they are not), for O(log n) nearest-date moves."""

    def __init__(self, starts: Sequence[int] | Sequence[date]) -> None:
        days: Sequence[int] = [_day(s) for s in starts] if starts and isinstance(starts[0], date) else starts  # type: ignore[assignment]
        self._starts = days
        self._order: list[int] | None = None
        self._sorted = days
        if not is_sorted(days):
            self._order = sorted(range(len(days)), key=lambda i: (days[i], i))
            self._sorted = [days[i] for i in self._order]

    def __len__(self) -> int:
        return len(self._starts)

    def _first_at(self, position: int) -> int:
        """Timeline index of the first event sharing the date at sorted ``position``."""
        first = bisect_left(self._sorted, self._sorted[position])
        return first if self._order is None else self._order[first]

    def nearest(self, current: int, target: date | int, forward: bool) -> int | None:
        """The event nearest ``target`` that starts after (before) event ``current``."""
        target = _day(target)
        here = self._starts[current]
        if forward:
            low, high = bisect_right(self._sorted, here), len(self._sorted)
        else:
            low, high = 0, bisect_left(self._sorted, here)
        if low >= high:
            return None
        position = min(max(bisect_left(self._sorted, target, low, high), low), high - 1)
        best = position
        if position - 1 >= low:
            before = abs(target - self._sorted[position - 1])
            after = abs(self._sorted[position] - target)
            if before < after or (not forward and before == after):
                best = position - 1
        return self._first_at(best)

    def nearest_to(self, target: date | int) -> int | None:
        """The event whose start is nearest ``target`` (the first in timeline order on a tie)."""
        if not self._sorted:
            return None
        target = _day(target)
        position = bisect_left(self._sorted, target)
        candidates = [p for p in (position - 1, position) if 0 <= p < len(self._sorted)]
        distance = min(abs(self._sorted[p] - target) for p in candidates)
        return min(self._first_at(p) for p in candidates if abs(self._sorted[p] - target) == distance)
