"""Calendar arithmetic: turn an underspecified reading into an interval of Gregorian days.

The resolvers (``core/timex/resolvers.py``) know what the words say — "the 7th of Azar,
no year", "last week", "late summer 2018". This module knows the calendars:
it fills a missing year from a reference interval, anchors relative units on
the publication date, and cuts periods into thirds or halves for a modifier.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from core import calendars as cal

Interval = tuple[date, date]


@dataclass(frozen=True, slots=True)
class Period:
    start: date
    end: date
    granularity: str


# --- years -----------------------------------------------------------------

# Three-digit years come only with a calendar word («سال ۲۶۰ هجری قمری»).
YEAR_RANGE = {"jalali": (1, 1499), "gregorian": (100, 2199), "hijri": (1, 1500)}


def calendar_of_year(year: int) -> str:
    """A four-digit year with no other clue: 1200–1499 Jalali, else Gregorian."""
    return "jalali" if 1200 <= year <= 1499 else "gregorian"


def calendar_year(day: date, calendar: str) -> int:
    return cal.to_calendar(day, calendar)[0]


def expand_two_digit_year(yy: int, calendar: str, published: date | None) -> int:
    """«سال ۸۶» → 1386: the century that puts the year at most one year past
    the publication year."""
    if calendar == "jalali":
        centuries = (1300, 1400)
        default = 1300 if yy >= 20 else 1400
    elif calendar == "hijri":
        centuries = (1300, 1400)
        default = 1400 if yy < 60 else 1300
    else:
        centuries = (1900, 2000)
        default = 1900 if yy >= 30 else 2000
    if published is None:
        return default + yy
    limit = calendar_year(published, calendar) + 1
    fits = [c + yy for c in centuries if c + yy <= limit]
    return max(fits) if fits else centuries[0] + yy


def year_valid(year: int, calendar: str) -> bool:
    lo, hi = YEAR_RANGE[calendar]
    return lo <= year <= hi


# --- periods of each calendar ----------------------------------------------

def year_period(calendar: str, year: int) -> Interval:
    if calendar == "jalali":
        return cal.jalali_year_interval(year)
    if calendar == "hijri":
        return cal.hijri_year_interval(year)
    return date(year, 1, 1), date(year, 12, 31)


def month_period(calendar: str, year: int, month: int) -> Interval:
    if calendar == "jalali":
        return cal.jalali_month_interval(year, month)
    if calendar == "hijri":
        return cal.hijri_month_interval(year, month)
    return cal.gregorian_month_interval(year, month)


def day_date(calendar: str, year: int, month: int, day: int) -> date:
    return cal.from_calendar(year, month, day, calendar)


def season_period(calendar: str, year: int, season: int) -> Interval:
    """Seasons are three Jalali months; a Gregorian year's season is the one
    that starts in that Gregorian year (see docs/time-expressions.md)."""
    if calendar == "gregorian":
        # Spring starts in March of Y = Jalali year Y − 621; winter starts in December of Y too.
        year = year - 621
    first = 3 * (season - 1) + 1
    return cal.jalali_month_interval(year, first)[0], cal.jalali_month_interval(year, first + 2)[1]


def decade_period(calendar: str, first_year: int) -> Interval:
    return year_period(calendar, first_year)[0], year_period(calendar, first_year + 9)[1]


def century_period(calendar: str, number: int) -> Interval:
    first = (number - 1) * 100 + 1
    return year_period(calendar, first)[0], year_period(calendar, first + 99)[1]


# --- underspecified years ----------------------------------------------------

def closest_in_reference(candidates: list[Interval], reference: Interval) -> Interval:
    """The candidate inside the reference interval, else the nearest one, with
    the future counted twice as far (news reports mostly what has happened)."""
    ref_start, ref_end = reference
    inside = [c for c in candidates if ref_start <= c[0] and c[1] <= ref_end]
    if inside:
        return inside[0]

    def distance(c: Interval) -> int:
        if c[1] < ref_start:
            return (ref_start - c[1]).days
        if c[0] > ref_end:
            return 2 * (c[0] - ref_end).days
        return 0

    return min(candidates, key=distance)


def year_candidates(calendar: str, reference: Interval) -> list[int]:
    mid = reference[0] + (reference[1] - reference[0]) / 2
    y = calendar_year(mid, calendar)
    return [y - 1, y, y + 1]


# --- relative units ----------------------------------------------------------

def shift_unit(calendar: str, published: date, unit: str, offset: int) -> Period | None:
    """The ``unit`` that is ``offset`` units from the one holding ``published``."""
    if unit in ("day", "hour"):
        d = published + timedelta(days=offset if unit == "day" else 0)
        return Period(d, d, "day")
    if unit == "week":
        s, e = cal.week_interval(published + timedelta(weeks=offset))
        return Period(s, e, "week")
    y = calendar_year(published, calendar)
    if unit == "month":
        m = cal.to_calendar(published, calendar)[1]
        total = y * 12 + (m - 1) + offset
        s, e = month_period(calendar, total // 12, total % 12 + 1)
        return Period(s, e, "month")
    if unit == "year":
        s, e = year_period(calendar, y + offset)
        return Period(s, e, "year")
    if unit == "decade":
        s, e = decade_period(calendar, (y // 10 + offset) * 10)
        return Period(s, e, "decade")
    if unit == "century":
        s, e = century_period(calendar, (y - 1) // 100 + 1 + offset)
        return Period(s, e, "century")
    return None


def span_back(calendar: str, published: date, unit: str, count: int) -> Interval | None:
    """«دو سال گذشته»: from ``count`` units before published up to published."""
    p = shift_unit(calendar, published, unit, -count)
    if p is None:
        return None
    start = p.start if unit != "day" else published - timedelta(days=count)
    return start, published


def span_ahead(calendar: str, published: date, unit: str, count: int) -> Interval | None:
    p = shift_unit(calendar, published, unit, count)
    if p is None:
        return None
    end = p.end if unit != "day" else published + timedelta(days=count)
    return published, end


# --- modifiers ---------------------------------------------------------------

def apply_part(interval: Interval, mod: str, part: str) -> Interval:
    """First/middle/last third or first/second half of an interval's days."""
    start, end = interval
    days = (end - start).days + 1
    if part == "half" and days >= 2:
        half = days // 2
        if mod == "START":
            return start, start + timedelta(days=half - 1)
        return start + timedelta(days=half), end
    if part == "third" and days >= 3:
        third = days // 3
        if mod == "START":
            return start, start + timedelta(days=third - 1)
        if mod == "MID":
            return start + timedelta(days=third), start + timedelta(days=days - third - 1)
        return start + timedelta(days=days - third), end
    return interval
