"""The named word lists rules are built from, read once from ``core/lexicon/``.

``Words.patterns`` holds one regex fragment per list («{MONTH}», «{WEEKDAY}»,
«{CARDW}» …) and the shared pieces built from them («{YEAR_TAIL}», «{DAY}»);
a rule's pattern names them in braces. The lookups turn what a rule matched
back into values.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from core.lexicon import Lexicon, alternation, key, lexicon, read_rows


def _numbers(lx: Lexicon, limit: int, ordinal: bool) -> dict[str, int]:
    """Number words 1..limit, compounds («بیست و پنجم») built from atoms."""
    units = {k: v for k, v in lx.cardinals.items() if 1 <= v <= 9}
    teens_tens = {k: v for k, v in lx.cardinals.items() if 10 <= v <= 90}
    out: dict[str, int] = {}
    if ordinal:
        for k, v in lx.ordinals.items():
            if v <= limit:
                out[k] = v
        # «بیست و یکم», not «بیست و اول».
        unit_ords = {k: v for k, v in lx.ordinals.items() if 1 <= v <= 9 and k not in ("اول", "نخست")}
    else:
        out.update({k: v for k, v in lx.cardinals.items() if v <= limit})
        unit_ords = units
    for tk, tv in teens_tens.items():
        if tv % 10 or tv < 20:
            continue
        for uk, uv in unit_ords.items():
            if tv + uv <= limit:
                out[f"{tk} و {uk}"] = tv + uv
    return out


def _hundreds(lx: Lexicon) -> dict[str, int]:
    """«سیصد» … «نهصد»: the hundreds of a year in words («هزار و سیصد و …»)."""
    return {k: v for k, v in lx.cardinals.items() if v in range(300, 1000, 100)}


@dataclass(frozen=True, slots=True)
class Words:
    patterns: dict[str, str]
    day_words: dict[str, int]      # 1..31, cardinal and ordinal
    count_words: dict[str, int]    # 1..99, cardinal
    ordinal_words: dict[str, int]  # 1..99, ordinal
    hundreds: dict[str, int]       # «سیصد» 300 … «نهصد» 900
    positions: dict[str, int]      # «اول» 1 … «آخر» 0
    directions: dict[str, str]     # «پیش» ago …
    day_deixis_today: frozenset[str]  # «روز گذشته» counts from today; «روز بعد» does not
    holidays: dict[str, tuple[str, int, int, int]]  # form → calendar, month, day, days
    duration_units: dict[str, tuple[str, str]]       # form → unit, TIMEX3 letter
    set_words: dict[str, str]      # form → TIMEX3 value
    fractions: dict[str, float]
    month_abbreviations: dict[str, tuple[str, int]]  # «خرد» → jalali, 3
    short_year_nouns: frozenset[str]  # names after which a two-digit year is a year («انتخابات ۹۶»)

    def number(self, surface: str) -> int | None:
        """A count in digits or words («۴۸», «سه», «بیست و پنج»)."""
        if surface.isdigit():
            return int(surface)
        return self.count_words.get(key(surface))


@cache
def words() -> Words:
    lx = lexicon()
    raw = {name: [r[0] for r in read_rows(name)] for name in (
        "months", "weekdays", "seasons", "calendar_suffixes", "units", "relative_words",
        "parts_of_day", "modifiers", "place_nouns", "not_dates", "amount_words", "period_qualifiers")}
    year_nouns = read_rows("year_nouns")
    deixis = read_rows("deixis")
    day_words = _numbers(lx, 31, ordinal=True) | _numbers(lx, 31, ordinal=False)
    count_words = _numbers(lx, 99, ordinal=False)
    ordinal_words = _numbers(lx, 99, ordinal=True)
    hundreds = _hundreds(lx)
    holidays = {key(r[0]): (r[1], int(r[2]), int(r[3]), int(r[4])) for r in read_rows("holidays")}
    duration_units = {key(r[0]): (r[1], r[2]) for r in read_rows("duration_units")}
    set_words = {key(r[0]): r[1] for r in read_rows("set_words")}
    fractions = {key(r[0]): float(r[1]) for r in read_rows("fractions")}
    positions = {key(r[0]): int(r[1]) for r in read_rows("positions")}
    month_abbreviations = {key(r[0]): (r[1], int(r[2])) for r in read_rows("month_abbreviations")}
    directions = {key(r[0]): r[1] for r in read_rows("directions")}

    p: dict[str, str] = {"WB": r"(?<!\w)", "WE": r"(?!\w)"}
    p["MONTH"] = alternation(raw["months"])
    p["WEEKDAY"] = alternation(raw["weekdays"])
    p["SEASON"] = alternation(raw["seasons"])
    p["CAL"] = alternation(raw["calendar_suffixes"])
    p["UNIT"] = rf"(?:{alternation(raw['units'] + ['ساعت'])})(?! ?نامه)"
    p["DAFTER"] = alternation([r[0] for r in deixis if r[2] == "after"])
    p["DBEFORE"] = alternation([r[0] for r in deixis if r[2] == "before"])
    p["RELWORD"] = alternation(raw["relative_words"])
    p["PART"] = alternation(raw["parts_of_day"])
    p["PART_ALONE"] = alternation([r[0] for r in read_rows("parts_of_day") if len(r) > 2 and r[2] == "alone"])
    p["MONTH_ABBR"] = alternation(list(month_abbreviations))
    p["MOD"] = alternation(raw["modifiers"])
    p["DAYW"] = alternation(list(day_words))
    p["CARDW"] = alternation(list(count_words))
    p["ORDW"] = alternation(list(ordinal_words))
    # «هزار و سیصد و پنجاه و هفت»: thousand, hundreds, then a number below 100.
    thousand = alternation([k for k, v in lx.cardinals.items() if v == 1000])
    p["YEARW"] = (rf"(?:{thousand}) ?و ?(?P<hundreds>{alternation(list(hundreds))})"
                  rf"(?: ?و ?(?P<rest>{p['CARDW']}))?")
    p["TENSW"] = alternation([k for k, v in lx.cardinals.items() if 10 <= v <= 90 and v % 10 == 0])
    p["POSITION"] = alternation(list(read_row[0] for read_row in read_rows("positions")))
    p["DIRECTION"] = alternation(list(r[0] for r in read_rows("directions")))
    p["YEAR_NOUN4"] = alternation([r[0] for r in year_nouns])
    p["YEAR_NOUN2"] = alternation([r[0] for r in year_nouns if r[1] == "1"])
    p["PERIODQ"] = alternation(raw["period_qualifiers"])
    p["AMOUNT"] = alternation(raw["amount_words"])
    p["PLACE"] = alternation(raw["place_nouns"])
    p["NOTDATE"] = alternation(raw["not_dates"])
    p["HOLIDAY"] = alternation([r[0] for r in read_rows("holidays")])
    p["DUNIT"] = alternation([r[0] for r in read_rows("duration_units")])
    p["SETWORD"] = alternation([r[0] for r in read_rows("set_words")])
    p["FUTURE"] = alternation([r[0] for r in read_rows("future_markers")])
    p["FRACTION"] = alternation([r[0] for r in read_rows("fractions")])

    links = read_rows("links")
    for role in ("since", "same_date", "range", "range_end", "agent"):
        p[role.upper()] = alternation([r[0] for r in links if r[1] == role])
    p["YEAR"] = r"(?:1[2-9]\d\d|2[01]\d\d|\d\d)"
    # «سه روز پیش از انتخابات» counts from the elections, not from today
    # («از سوی» is only "by").
    p["NOT_RELATIVE_TO_EVENT"] = rf"(?! از(?! (?:{p['AGENT']})))"
    p["NOT_AMOUNT"] = rf"(?! (?:{p['AMOUNT']}){p['WE']})"
    p["YDEIX"] = rf"(?:سال ?(?:{p['DAFTER']})|امسال|پارسال)"
    p["YEAR_TAIL"] = (
        # A four-digit year may be glued to the next word («۱۳۹۹ساعت ۱۰:۳۰»).
        rf"(?:,? (?:سال )?(?P<year>(?:1[2-9]\d\d|2[01]\d\d)(?![\d/_]|[:.]\d)|\d\d{p['NOT_AMOUNT']}(?![\w/]|[:.]\d))"
        rf"| (?P<ydx>{p['YDEIX']}){p['WE']}"
        rf"| (?P<mdx>جاری|گذشته|آینده){p['WE']})?(?: (?P<cal>{p['CAL']}){p['WE']})?")
    p["DAY"] = rf"(?:(?P<day>[0-3]?\d)(?: ?ام(?!\w))?|(?P<dayw>{p['DAYW']}))"
    return Words(p, {key(f): v for f, v in day_words.items()}, {key(f): v for f, v in count_words.items()},
                 {key(f): v for f, v in ordinal_words.items()}, {key(f): v for f, v in hundreds.items()},
                 positions, directions, frozenset(key(r[0]) for r in deixis if len(r) > 3 and r[3] == "today"),
                 holidays, duration_units, set_words, fractions, month_abbreviations,
                 frozenset(key(r[0]) for r in year_nouns if r[1] == "1"))
