"""Pure conversions between the Jalali, Gregorian and Hijri lunar calendars.

Jalali arithmetic is jdatetime's (the 33-year arithmetic rule that matches the
official calendar for the years news mentions). Hijri lunar dates use the
Umm al-Qura tables of ``hijridate`` where they exist (1343–1500 AH) and the
tabular Islamic calendar elsewhere; both can differ from Iran's sighted
calendar by a day, so callers mark Hijri values approximate.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

import hijridate
import jdatetime

_UMM_AL_QURA_YEARS = range(1343, 1501)


@lru_cache(maxsize=4096)
def is_jalali_leap(year: int) -> bool:
    return jdatetime.date(year, 1, 1).isleap()


def jalali_month_length(year: int, month: int) -> int:
    if not 1 <= month <= 12:
        raise ValueError(f"no Jalali month {month}")
    if month <= 6:
        return 31
    if month <= 11:
        return 30
    return 30 if is_jalali_leap(year) else 29


# jdatetime builds a locale-aware object per call: the engine converts the
# same few days again and again, so the answers are kept.
@lru_cache(maxsize=65536)
def jalali_to_gregorian(year: int, month: int, day: int) -> date:
    """Raises ValueError for a day that does not exist (1404/12/30)."""
    if not 1 <= day <= jalali_month_length(year, month):
        raise ValueError(f"no Jalali day {year}/{month}/{day}")
    return jdatetime.date(year, month, day).togregorian()


def gregorian_to_jalali(day: date) -> tuple[int, int, int]:
    j = jdatetime.date.fromgregorian(date=day)
    return j.year, j.month, j.day


def jalali_month_interval(year: int, month: int) -> tuple[date, date]:
    return (jalali_to_gregorian(year, month, 1),
            jalali_to_gregorian(year, month, jalali_month_length(year, month)))


def jalali_year_interval(year: int) -> tuple[date, date]:
    return jalali_to_gregorian(year, 1, 1), jalali_to_gregorian(year + 1, 1, 1) - timedelta(days=1)


def gregorian_month_length(year: int, month: int) -> int:
    if month == 12:
        return 31
    return (date(year, month + 1, 1) - date(year, month, 1)).days


def gregorian_month_interval(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), date(year, month, gregorian_month_length(year, month))


# --- Hijri lunar -----------------------------------------------------------
# Outside the Umm al-Qura tables the tabular calendar takes over, anchored on
# the tables' first and last day so the two never overlap or leave a gap.

def _tabular_jdn(year: int, month: int, day: int) -> int:
    return (day + (59 * (month - 1) + 1) // 2 + 354 * (year - 1)
            + (3 + 11 * year) // 30 + 1948439)


def _tabular_month_length(year: int, month: int) -> int:
    if month % 2 == 1:
        return 30
    if month < 12:
        return 29
    return 30 if (14 + 11 * year) % 30 < 11 else 29


def _tabular_from_jdn(jdn: int) -> tuple[int, int, int]:
    year = (30 * (jdn - 1948440) + 10646) // 10631
    month = 1
    while month < 12 and _tabular_jdn(year, month + 1, 1) <= jdn:
        month += 1
    return year, month, jdn - _tabular_jdn(year, month, 1) + 1


def _uq_first_day() -> date:
    g = hijridate.Hijri(_UMM_AL_QURA_YEARS[0], 1, 1).to_gregorian()
    return date(g.year, g.month, g.day)


def _uq_last_day() -> date:
    y = _UMM_AL_QURA_YEARS[-1]
    g = hijridate.Hijri(y, 12, hijridate.Hijri(y, 12, 1).month_length()).to_gregorian()
    return date(g.year, g.month, g.day)


def hijri_month_length(year: int, month: int) -> int:
    if not 1 <= month <= 12:
        raise ValueError(f"no Hijri month {month}")
    if year in _UMM_AL_QURA_YEARS:
        return hijridate.Hijri(year, month, 1).month_length()
    return _tabular_month_length(year, month)


def hijri_to_gregorian(year: int, month: int, day: int) -> date:
    if not 1 <= day <= hijri_month_length(year, month):
        raise ValueError(f"no Hijri day {year}/{month}/{day}")
    if year in _UMM_AL_QURA_YEARS:
        g = hijridate.Hijri(year, month, day).to_gregorian()
        return date(g.year, g.month, g.day)
    jdn = _tabular_jdn(year, month, day)
    if year < _UMM_AL_QURA_YEARS[0]:
        return _uq_first_day() - timedelta(days=_tabular_jdn(_UMM_AL_QURA_YEARS[0], 1, 1) - jdn)
    return _uq_last_day() + timedelta(days=jdn - _tabular_jdn(_UMM_AL_QURA_YEARS[-1] + 1, 1, 1) + 1)


def gregorian_to_hijri(day: date) -> tuple[int, int, int]:
    first, last = _uq_first_day(), _uq_last_day()
    if first <= day <= last:
        h = hijridate.Gregorian(day.year, day.month, day.day).to_hijri()
        return h.year, h.month, h.day
    if day < first:
        return _tabular_from_jdn(_tabular_jdn(_UMM_AL_QURA_YEARS[0], 1, 1) - (first - day).days)
    return _tabular_from_jdn(_tabular_jdn(_UMM_AL_QURA_YEARS[-1] + 1, 1, 1) + (day - last).days - 1)


def hijri_month_interval(year: int, month: int) -> tuple[date, date]:
    return (hijri_to_gregorian(year, month, 1),
            hijri_to_gregorian(year, month, hijri_month_length(year, month)))


def hijri_year_interval(year: int) -> tuple[date, date]:
    return hijri_to_gregorian(year, 1, 1), hijri_month_interval(year, 12)[1]


# --- Weeks -------------------------------------------------------------------

def week_interval(day: date) -> tuple[date, date]:
    """The Saturday-to-Friday week (the Iranian week) that holds ``day``."""
    start = day - timedelta(days=(day.weekday() - 5) % 7)
    return start, start + timedelta(days=6)


# --- any of the three, by name -----------------------------------------------------

@lru_cache(maxsize=65536)
def to_calendar(day: date, calendar: str) -> tuple[int, int, int]:
    """``day`` as (year, month, day) in "jalali", "gregorian" or "hijri"."""
    if calendar == "jalali":
        return gregorian_to_jalali(day)
    if calendar == "hijri":
        return gregorian_to_hijri(day)
    return day.year, day.month, day.day


def from_calendar(year: int, month: int, day: int, calendar: str) -> date:
    """Raises ValueError for a day that does not exist in that calendar."""
    if calendar == "jalali":
        return jalali_to_gregorian(year, month, day)
    if calendar == "hijri":
        return hijri_to_gregorian(year, month, day)
    return date(year, month, day)


def month_length(year: int, month: int, calendar: str) -> int:
    if calendar == "jalali":
        return jalali_month_length(year, month)
    if calendar == "hijri":
        return hijri_month_length(year, month)
    return gregorian_month_length(year, month)
