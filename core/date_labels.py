"""Dates written compactly, as export files and tables show them.

«1403/09/07», «1397/06», «1395–1396» in the Jalali calendar and
«2024-11-27», «2018-08», «2017–2018» in the Gregorian one: the interval of
days at the precision of its granularity. The timeline's merging compares
these labels too, so they live here, apart from the export formats.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache

from core.calendars import gregorian_month_length, gregorian_to_jalali, jalali_month_length
from core.model import Mention

LABEL_CALENDARS = ("jalali", "gregorian")
RANGE = "–"


# How finely a date of each granularity is written: a season shows as months,
# a decade as years («اواخر تابستان ۲۰۱۸» = 1397/06, «سال ۲۰۱۷» = 1395–1396).
_PRECISION = {"day": 3, "week": 3, "month": 2, "season": 2, "year": 1, "decade": 1, "century": 1}


# Kept: a timeline writes the same few thousand days again and again, and
# converting a day to Jalali (jdatetime) is the slow part of writing one.
@lru_cache(maxsize=1 << 14)
def jalali_label(start: date, end: date, granularity: str | None = None) -> str:
    """The Jalali days ``[start, end]``: «1403/09/07», «1397/06», «1395–1396».

    With a granularity, written at its precision; without, as exactly as the
    interval allows (a whole month as «1397/06», a whole year as «1397»)."""
    s, e = gregorian_to_jalali(start), gregorian_to_jalali(end)
    if granularity is not None:
        return _at_precision(s, e, _PRECISION.get(granularity, 3), "/")
    return _label(s, e, start == end, s[2] == 1 and e[2] == jalali_month_length(e[0], e[1]), "/")


def gregorian_label(start: date, end: date, granularity: str | None = None) -> str:
    """The days ``[start, end]``: «2024-11-27», «2018-08», «2018», «2017–2018», as ``jalali_label``."""
    s, e = (start.year, start.month, start.day), (end.year, end.month, end.day)
    if granularity is not None:
        return _at_precision(s, e, _PRECISION.get(granularity, 3), "-")
    whole = start.day == 1 and end.day == gregorian_month_length(end.year, end.month)
    return _label(s, e, start == end, whole, "-")


def _write(d: tuple[int, int, int], parts: int, sep: str) -> str:
    return sep.join([f"{d[0]:04d}", f"{d[1]:02d}", f"{d[2]:02d}"][:parts])


def _at_precision(s: tuple[int, int, int], e: tuple[int, int, int], parts: int, sep: str) -> str:
    first, last = _write(s, parts, sep), _write(e, parts, sep)
    return first if first == last else f"{first}{RANGE}{last}"


def _label(s: tuple[int, int, int], e: tuple[int, int, int], one_day: bool, whole_months: bool, sep: str) -> str:
    if one_day:
        return _write(s, 3, sep)
    if not whole_months:
        return _at_precision(s, e, 3, sep)
    if s[1] == 1 and e[1] == 12:
        return _at_precision(s, e, 1, sep)
    return _at_precision(s, e, 2, sep)


def date_label(mention: Mention, calendar: str) -> str:
    """The mention's days in ``calendar`` ("jalali" or "gregorian"), at its granularity."""
    if calendar == "gregorian":
        return gregorian_label(mention.start, mention.end, mention.granularity)
    return jalali_label(mention.start, mention.end, mention.granularity)
