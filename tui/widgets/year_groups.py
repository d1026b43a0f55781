"""Where each year of a calendar starts in a list of events, from their start days alone.

The timeline's year headings and the density strip need, per year of the
calendar shown first, the first event of that year and how many there are.
Start days in timeline order are sorted, so each year is found by a binary
search for the first day of the next one: the cost grows with the number of
years, not of events, and no event is read.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from datetime import date

from core.resolve import calendar_year, year_period


def ordinal_year(day: int, calendar: str) -> int:
    """The year of ``calendar`` that holds the day (as ``event_year`` does for an event)."""
    when = date.fromordinal(day)
    try:
        return calendar_year(when, calendar)
    except (ValueError, OverflowError):
        return when.year


def _next_year_start(year: int, calendar: str) -> int | None:
    try:
        return year_period(calendar, year)[1].toordinal() + 1
    except (ValueError, OverflowError):
        return None


def year_groups(starts: Sequence[int], calendar: str) -> tuple[list[int], list[int]]:
    """(years, first positions): one entry per year that holds events, in
    list order. ``starts`` are ``date.toordinal()`` of each event's start,
    never decreasing (as ``Selection.starts()`` gives them)."""
    years: list[int] = []
    firsts: list[int] = []
    position, count = 0, len(starts)
    while position < count:
        year = ordinal_year(starts[position], calendar)
        boundary = _next_year_start(year, calendar)
        after = bisect_left(starts, boundary, position) if boundary is not None else count
        if after <= position:  # a year the calendar cannot place: move past its day at least
            after = bisect_right(starts, starts[position], position)
        if years and years[-1] == year:
            position = after
            continue
        years.append(year)
        firsts.append(position)
        position = after
    return years, firsts

