"""Durations: a length of time («سه سال», «دو ماه و نیم», «۴۸ ساعت», «نیم
ساعت»), TIMEX3 value ``P3Y``, ``P2.5M``, ``PT48H``. No place on the calendar
unless the words anchor it («سه سال گذشته» is read by the ``count`` rule of
``core/timex/dates.py``: a duration and an interval).
"""

from __future__ import annotations

import re

from core.lexicon import key
from core.timex.reading import Reading
from core.timex.rule import rule
from core.timex.words import Words


def timex_duration(amount: float | None, letter: str) -> str:
    """«P3Y», «PT48H», «P2.5M»; an unknown amount is X («چند سال» = PXY)."""
    if amount is None:
        number = "X"
    else:
        number = f"{amount:g}"
    if letter.startswith("T"):
        return f"PT{number}{letter[1:]}"
    return f"P{number}{letter}"


@rule("duration", "duration", r"{WB}(?P<unit>{DUNIT})(?: ?ها)?(?: و (?P<frac2>{FRACTION}))?{WE}",
      before=r"(?:(?P<n>\d{{1,4}}(?:[./]\d{{1,2}})?|{CARDW}|چند)(?: و (?P<frac>{FRACTION}))? |(?P<lone>{FRACTION}) )",
      before_required=True)
def read_duration(m: re.Match[str], w: Words) -> Reading | None:
    unit, letter = w.duration_units[key(m["unit"])]
    if m["lone"]:
        amount: float | None = w.fractions[key(m["lone"])]
    elif m["n"] == "چند":
        amount = None
    else:
        n = m["n"].replace("/", ".")
        amount = float(n) if n[0].isdigit() else w.number(n)
        if not amount:
            return None
    frac = m["frac"] or m["frac2"]
    if frac and amount is not None:
        amount += w.fractions[key(frac)]
    if letter == "TH" and amount is not None and amount < 1:
        amount, letter = amount * 60, "TM"  # «نیم ساعت» = PT30M
    mod = "APPROX" if amount is None else None
    return Reading(m.start(), m.end(), "duration", None, unit=unit, mod=mod, value=timex_duration(amount, letter))
