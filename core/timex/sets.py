"""Sets: recurring times («هر هفته», «سالانه», «جمعه‌ها», «هر سه ماه یک بار»,
«دو بار در سال»), TIMEX3 value ``P1W``, ``XXXX-WXX-5``; no place on the calendar.
"""

from __future__ import annotations

import re

from core.lexicon import key, lexicon
from core.timex.durations import timex_duration
from core.timex.reading import Reading
from core.timex.rule import rule
from core.timex.words import Words


@rule("every_unit", "set",
      r"{WB}هر (?:(?P<n>\d{{1,3}}|{CARDW}) )?(?P<unit>{DUNIT})(?: یک ?بار| یکبار)?{WE}", gate=("هر",))
def read_every_unit(m: re.Match[str], w: Words) -> Reading | None:
    unit, letter = w.duration_units[key(m["unit"])]
    n = w.number(m["n"]) if m["n"] else 1
    if not n:
        return None
    return Reading(m.start(), m.end(), "set", None, unit=unit, value=timex_duration(n, letter))


@rule("times_per_unit", "set", r"بار در (?P<unit>{DUNIT}){WE}", gate=("بار",),
      before=r"(?P<n>\d{{1,2}}|{CARDW}) ?", before_required=True)
def read_times_per_unit(m: re.Match[str], w: Words) -> Reading | None:
    unit, letter = w.duration_units[key(m["unit"])]
    return Reading(m.start(), m.end(), "set", None, unit=unit, value=timex_duration(1, letter))


@rule("set_word", "set", r"{WB}(?P<word>{SETWORD}){WE}")
def read_set_word(m: re.Match[str], w: Words) -> Reading:
    return Reading(m.start(), m.end(), "set", None, value=w.set_words[key(m["word"])])


# «جمعه‌ها», «روزهای جمعه», «هر دوشنبه»: that weekday of every week.
@rule("every_weekday", "set", r"{WB}(?P<wd>{WEEKDAY})(?P<ha> ?ها)?{WE}", before=r"(?P<every>هر|روز ?های) ")
def read_every_weekday(m: re.Match[str], w: Words) -> Reading | None:
    if not m["every"] and not m["ha"]:
        return None  # one weekday: a date (core/timex/dates.py)
    weekday = lexicon().weekdays[key(m["wd"])]
    return Reading(m.start(), m.end(), "set", None, weekday=weekday, value=f"XXXX-WXX-{weekday + 1}")
