"""Times of day: «ساعت ۱۰ و ربع صبح», «۱۶:۴۵», «۷:۱۵ PM», «نیمه‌شب». Next to
a day they join its date (``core/timex/spans.py``); alone they are mentions
of type ``time``.
"""

from __future__ import annotations

import re

from core.lexicon import key, lexicon
from core.timex.reading import Reading
from core.timex.rule import rule
from core.timex.words import Words

# A part of day that moves a clock hour past noon («ساعت ۷ عصر» = 19:00).
_AFTER_NOON = ("afternoon", "evening", "night")


def _clock(hour: int, minute: int, part: str | None) -> str | None:
    if hour > 24 or minute > 59:
        return None
    if part in _AFTER_NOON and hour < 12:
        hour += 12
    return f"{hour % 24:02d}:{minute:02d}"


@rule("clock", "time",
      r"(?:{WB}|(?<=\d))ساعت (?:(?P<h>[0-2]?\d)(?:[:.](?P<mi>[0-5]\d))?|(?P<hw>{CARDW}))"
      r"(?: و (?:(?P<mi2>[0-5]?\d|{CARDW}) دقیقه|(?P<frac>{FRACTION})))?{WE}(?: (?P<part>{PART}){WE})?",
      gate=("ساعت",))
def read_clock(m: re.Match[str], w: Words) -> Reading | None:
    hour = w.number(m["h"] or m["hw"])
    if hour is None:
        return None
    minute = int(m["mi"]) if m["mi"] else (w.number(m["mi2"]) or 0) if m["mi2"] else 0
    if m["frac"]:
        minute = round(60 * w.fractions[key(m["frac"])])
    part = lexicon().parts_of_day.get(key(m["part"])) if m["part"] else None
    time = _clock(hour, minute, part)
    return Reading(m.start(), m.end(), "clock", None, time=time) if time else None


# «۱۶:۴۵», «۷:۱۵ pm» (normalized text is lower case); minutes in two digits
# keep scores («۲:۱») out.
@rule("hhmm", "time",
      r"(?<![\w:/.\-])\d\d?:(?P<mi>[0-5]\d)(?::[0-5]\d)?(?: ?(?P<ampm>[ap]\.? ?m\.?)(?!\w))?(?![\w:/]|[.,]\d)",
      gate=(":",))
def read_hhmm(m: re.Match[str], w: Words) -> Reading | None:
    hour, minute = int(m.group(0).split(":", 1)[0]), int(m["mi"])
    if m["ampm"]:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if m["ampm"].startswith("p") else 0)
    time = _clock(hour, minute, None)
    return Reading(m.start(), m.end(), "clock", None, time=time) if time else None


@rule("part_of_day", "time", r"{WB}(?P<part>{PART_ALONE}){WE}")
def read_part_of_day(m: re.Match[str], w: Words) -> Reading:
    return Reading(m.start(), m.end(), "clock", None, time=lexicon().parts_of_day[key(m["part"])])
