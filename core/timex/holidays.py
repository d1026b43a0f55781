"""Holidays and named days («نوروز ۱۴۰۳», «شب یلدا», «عید فطر», «اربعین»):
data in ``core/lexicon/holidays.tsv``, each fixed in its own calendar; the
resolver finds the one that falls in the year written, or nearest the
reference, in whichever calendar that year is written.
"""

from __future__ import annotations

import re

from core.lexicon import key
from core.timex import arithmetic as ar
from core.timex.dates import calendar_suffix, read_year_tail
from core.timex.reading import Reading
from core.timex.rule import rule
from core.timex.words import Words


@rule("holiday", "date",
      r"{WB}(?P<name>{HOLIDAY}){WE}"
      r"(?: (?:سال )?(?P<year>1[2-9]\d\d|2[01]\d\d|\d\d{NOT_AMOUNT})(?![\w/]|[:.]\d)| (?P<ydx>{YDEIX}){WE})?"
      r"(?: (?P<cal>{CAL}){WE})?", before=r"عید ")
def read_holiday(m: re.Match[str], w: Words) -> Reading:
    calendar, month, day, days = w.holidays[key(m["name"])]
    r = Reading(m.start(), m.end(), "holiday", calendar, month=month, day=day, day_to=day + days - 1)
    read_year_tail(r, m)
    if r.year is not None:
        r.year_calendar = calendar_suffix(m) or ("jalali" if r.year_digits == 2 else ar.calendar_of_year(r.year))
    return r
