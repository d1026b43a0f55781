"""A ``Reading``: what an expression says, before any calendar arithmetic.

Each field means one thing whatever the rule that filled it; the resolver
table (``core/timex/resolvers.py``) turns a reading into days by its ``kind``.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(slots=True)
class Reading:
    a: int  # span in the normalized text
    b: int
    # date | monthpart | yearmonths | year | season | decade | century |
    # relative | count | weekday | clock | holiday | duration | set
    kind: str
    calendar: str | None = None
    year: int | None = None
    year_digits: int = 4
    year_calendar: str | None = None  # a holiday's year may be written in another calendar
    year_offset: int | None = None   # «آذر سال گذشته»: a year relative to the publication date
    year_to: int | None = None       # «۱۳۵۹ تا ۱۳۶۷»: the last year of a range, as written
    month: int | None = None
    month_to: int | None = None      # «سه ماهه دوم»: the last month of a run of months
    month_dir: int | None = None     # «آبان ماه گذشته/جاری/آینده»: the last, this year's, the next
    day: int | None = None
    day_to: int | None = None        # «۱۵ تا ۲۵ اردیبهشت», a holiday of several days
    season: int | None = None
    decade: int | None = None        # a decade's first year
    century: int | None = None       # a century's number
    position: int | None = None      # «هفته دوم آذر»: which part; 0 = the last
    count: int | None = None         # «سه روز پیش»: how many units; None = «چند»
    unit: str | None = None          # day, week, month, year, decade, century, hour; tenday
    offset: int = 0                  # units from the one holding the publication date
    direction: str | None = None     # count: ago, later, past, next
    weekday: int | None = None       # 0 = Monday, as datetime.date.weekday
    mod: str | None = None
    part: str | None = None          # third, half, whole: how a mod cuts the period
    time: str | None = None          # "HH:MM" or a part of day
    future: bool = False             # a weekday in a sentence about what will happen
    value: str | None = None         # TIMEX3 value fixed by the words (durations, sets)
