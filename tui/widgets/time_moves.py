"""Moving through a timeline by time rather than by row.

``d``/``D``, ``m``/``M`` and the year keys pick the event nearest to "a day
(month, year) before or after the selected one" among the events that start
strictly earlier (or later): always a real move, never a jump the wrong way.
Several events on the nearest date: the first of them in timeline order.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from datetime import date


class TimeIndex:
    """Events' start dates, sorted once, for O(log n) nearest-date moves."""

    def __init__(self, starts: Sequence[date]) -> None:
        self._starts = list(starts)
        order = sorted(range(len(starts)), key=lambda i: (starts[i], i))
        self._sorted = [starts[i] for i in order]
        self._order = order

    def __len__(self) -> int:
        return len(self._starts)

    def _first_at(self, position: int) -> int:
        """Timeline index of the first event sharing the date at sorted ``position``."""
        day = self._sorted[position]
        return self._order[bisect_left(self._sorted, day)]

    def closest(self, target: date) -> int | None:
        """The event that starts nearest ``target`` (the earlier on a tie)."""
        if not self._sorted:
            return None
        position = bisect_left(self._sorted, target)
        candidates = [p for p in (position - 1, position) if 0 <= p < len(self._sorted)]
        best = min(candidates, key=lambda p: (abs((self._sorted[p] - target).days), p))
        return self._first_at(best)

    def nearest(self, current: int, target: date, forward: bool) -> int | None:
        """The event nearest ``target`` that starts after (before) event ``current``."""
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
            before = self._sorted[position - 1]
            if abs((target - before).days) < abs((self._sorted[position] - target).days) or (
                    not forward and abs((target - before).days) == abs((self._sorted[position] - target).days)):
                best = position - 1
        return self._first_at(best)
