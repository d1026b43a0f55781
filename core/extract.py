"""Finds Persian time expressions and gives each a span and a dated interval.

Phase one reads the normalized text with a small grammar (one regex per
form, built from the lexicon files) into ``Reading``s that hold only what the
words say. Overlaps are settled longest-first, neighbours are joined (a
weekday or part of day beside a date, a modifier before a period, «از … تا
…» ranges, one date written in two calendars), and phase two
(``core/resolve.py``) turns each reading into days, in document order, so a
year missing from «۷ آذر» can come from the mention before it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import cache

from core import resolve as rv
from core.lexicon import Lexicon, alternation, key, lexicon
from core.model import Duration, Mention
from core.normalize import NormalizedText, normalize

WB = r"(?<!\w)"  # word start
WE = r"(?!\w)"   # word end


@dataclass(slots=True)
class Reading:
    """What an expression says, before any calendar arithmetic."""

    a: int  # span in the normalized text
    b: int
    kind: str  # date | monthpart | yearmonths | year | season | decade | century | relative | count | weekday | clock
    calendar: str | None = None
    year: int | None = None
    year_digits: int = 4
    year_offset: int | None = None  # «آذر سال گذشته»: a year relative to dct
    month: int | None = None
    month_dir: int | None = None  # «آبان ماه گذشته/جاری/آینده»: the last, this year's, the next
    day: int | None = None
    day_to: int | None = None  # «۱۵ تا ۲۵ اردیبهشت»
    season: int | None = None
    number: int | None = None  # decade's first year, century number, count
    unit: str | None = None
    offset: int = 0
    direction: str | None = None  # count: "ago", "later", "past", "next"
    weekday: int | None = None
    mod: str | None = None
    part: str | None = None
    time: str | None = None


# --- the grammar -------------------------------------------------------------


def _numbers(lx: Lexicon, limit: int, ordinal: bool) -> dict[str, int]:
    """Number words 1..limit, compounds («بیست و پنجم») built from atoms."""
    units = {k: v for k, v in lx.cardinals.items() if 1 <= v <= 9}
    teens_tens = {k: v for k, v in lx.cardinals.items() if 10 <= v <= 90}
    out: dict[str, int] = {}
    if ordinal:
        for k, v in lx.ordinals.items():
            if v <= limit:
                out[k] = v
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


@dataclass(frozen=True, slots=True)
class Grammar:
    rules: tuple[tuple[str, re.Pattern[str], tuple[str, ...] | None], ...]
    day_words: dict[str, int]
    count_words: dict[str, int]
    ordinal_words: dict[str, int]
    left_context: re.Pattern[str]
    right_context: re.Pattern[str]
    range_tail: re.Pattern[str]
    range_head: re.Pattern[str]
    since_tail: re.Pattern[str]
    same_date_link: re.Pattern[str]
    range_link: re.Pattern[str]
    same_date_more: re.Pattern[str]
    joiner: re.Pattern[str]
    place_before: re.Pattern[str]
    not_date: re.Pattern[str]
    duration: re.Pattern[str]


@cache
def grammar() -> Grammar:
    from core.lexicon import read_rows

    lx = lexicon()
    raw = {name: [r[0] for r in read_rows(name)] for name in (
        "months", "weekdays", "seasons", "calendar_suffixes", "units", "relative_words",
        "parts_of_day", "modifiers", "place_nouns", "not_dates", "amount_words", "period_qualifiers")}
    year_nouns = read_rows("year_nouns")
    YEAR_NOUN4 = alternation([r[0] for r in year_nouns])
    YEAR_NOUN2 = alternation([r[0] for r in year_nouns if r[1] == "1"])
    deixis_rows = read_rows("deixis")
    deix_after = [r[0] for r in deixis_rows if r[2] == "after"]
    deix_before = [r[0] for r in deixis_rows if r[2] == "before"]

    day_words = _numbers(lx, 31, ordinal=True) | _numbers(lx, 31, ordinal=False)
    count_words = _numbers(lx, 99, ordinal=False)
    ordinal_words = _numbers(lx, 99, ordinal=True)
    tens_words = [k for k, v in lx.cardinals.items() if 10 <= v <= 90 and v % 10 == 0]

    MONTH = alternation(raw["months"])
    WEEKDAY = alternation(raw["weekdays"])
    SEASON = alternation(raw["seasons"])
    CAL = alternation(raw["calendar_suffixes"])
    UNIT = rf"(?:{alternation(raw['units'] + ['ساعت'])})(?! ?نامه)"
    DAFTER = alternation(deix_after)
    DBEFORE = alternation(deix_before)
    RELWORD = alternation(raw["relative_words"])
    PART = alternation(raw["parts_of_day"])
    MOD = alternation(raw["modifiers"])
    DAYW = alternation(list(day_words))
    CARDW = alternation(list(count_words))
    ORDW = alternation(list(ordinal_words))
    # Lookups go by the matched surface with its optional spaces removed.
    day_words, count_words, ordinal_words = (
        {key(f): v for f, v in d.items()} for d in (day_words, count_words, ordinal_words))
    TENSW = alternation(tens_words)

    YEAR = r"(?:1[2-9]\d\d|2[01]\d\d|\d\d)"
    # «سه روز پیش از انتخابات» counts from the elections, not from today
    # («از سوی» is only "by").
    NOT_RELATIVE_TO_EVENT = r"(?! از(?! سوی| طرف| جانب))"
    NOT_AMOUNT = rf"(?! (?:{alternation(raw['amount_words'])}){WE})"
    YDEIX = rf"(?:سال ?(?:{DAFTER})|امسال|پارسال)"
    YEAR_TAIL = (rf"(?:,? (?:سال )?(?P<year>1[2-9]\d\d|2[01]\d\d|\d\d{NOT_AMOUNT})(?![\w/]|[:.]\d)| (?P<ydx>{YDEIX}){WE}"
                 rf"| (?P<mdx>جاری|گذشته|آینده){WE})?(?: (?P<cal>{CAL}){WE})?")
    DAY = rf"(?:(?P<day>[0-3]?\d)(?: ?ام(?!\w))?|(?P<dayw>{DAYW}))"

    rules = [
        ("numeric_ymd", rf"(?<![\w/.\-:])(?P<year>1[2-9]\d\d|2[01]\d\d)(?P<sep>[/\-.])(?P<month>[01]?\d)(?P=sep)"
                        rf"(?P<day>[0-3]?\d)(?![\w/\-]|[.:]\d)"),
        ("numeric_dmy", rf"(?<![\w/.\-:])(?P<day>[0-3]?\d)(?P<sep>[/\-.])(?P<month>[01]?\d)(?P=sep)"
                        rf"(?P<year>1[2-9]\d\d|2[01]\d\d)(?![\w/\-]|[.:]\d)"),
        ("numeric_yy", rf"(?<![\w/.\-:])(?P<p1>\d\d?)/(?P<p2>[01]?\d)/(?P<p3>\d\d?)(?![\w/\-]|[.:]\d)"),
        ("date", rf"{WB}(?:{DAY} (?:ماه )?|(?P<mpre>ماه(?: مبارک)?) )?(?P<mon>{MONTH})(?P<mah> ?ماه)?{WE}{YEAR_TAIL}"),
        ("modmonth", rf"{WB}(?P<mod>{MOD}) (?:ماه )?(?P<mon>{MONTH})(?P<mah> ?ماه)?{WE}{YEAR_TAIL}"),
        # «پایان سال», «اوایل هفته»: a part of the current unit.
        # A week is named by what follows it («هفته دولت»), so «هفته» only before punctuation.
        ("modunit", rf"{WB}(?P<mod>{MOD}) (?:(?P<unit>سال|ماه){WE}"
                    rf"(?! ?\d| ?ها| (?:{DAFTER}|{MONTH}|{SEASON}|{ORDW}|{alternation(raw['period_qualifiers'])}){WE})"
                    rf"(?: (?P<cal>میلادی){WE})?|(?P<week>هفته)(?= ?[.،,؛:!?؟)»]| ?$))"),
        # «دهه اول محرم», «هفته دوم آذر»: ten days or seven days of a month.
        ("monthpart", rf"{WB}(?P<part>دهه|هفته) (?P<ord>اول|نخست|دوم|سوم|چهارم|آخر|پایانی) (?:ماه )?(?P<mon>{MONTH})"
                      rf"(?P<mah> ?ماه)?{WE}"
                   rf"{YEAR_TAIL}"),
        ("year", rf"{WB}(?P<yw>سال(?: ?های| ?ها)?) (?:(?P<year>{YEAR})|(?P<y3>\d{{3}})(?= (?:{CAL}){WE})){WE}{NOT_AMOUNT}"
                 rf"(?: (?P<cal>{CAL}){WE})?"),
        ("year_noun", rf"{WB}(?:(?:{YEAR_NOUN4}) (?P<year>1[2-4]\d\d|19\d\d|20\d\d)|(?:{YEAR_NOUN2}) (?P<yy>\d\d)){WE}{NOT_AMOUNT}"),
        ("year_paren", rf"\( ?(?P<year>1[34]\d\d|19\d\d|20\d\d) ?\)"),
        # «۹ ماهه سال جاری», «هفت ماه نخست سال ۱۴۰۲»: the year's first months.
        ("monthsof", rf"{WB}(?P<n>\d{{1,2}}|{CARDW}) ماه(?P<he>ه)?(?: (?P<first>نخست|اول|ابتدایی))?"
                     rf"(?: (?:سال )?(?:(?P<year>{YEAR}){WE}{NOT_AMOUNT}|(?P<ydx>{YDEIX}){WE})| (?P<bare>سال){WE}"
                     rf"(?! ?\d| (?:{alternation(raw['period_qualifiers'])}){WE}))(?: (?P<cal>{CAL}){WE})?"),
        ("quarter", rf"{WB}(?:سه ?ماهه|فصل) (?P<q>اول|نخست|دوم|سوم|چهارم|آخر|پایانی) (?:سال )?(?:(?P<year>{YEAR}){WE}{NOT_AMOUNT}"
                    rf"|(?P<ydx>{YDEIX}){WE})(?: (?P<cal>{CAL}){WE})?"),
        ("year_cal", rf"{WB}(?P<year>1[2-9]\d\d|2[01]\d\d|\d{{3}}) (?P<cal>{CAL}){WE}"),
        ("year_span", rf"{WB}(?P<year>1[2-4]\d\d|19\d\d|20\d\d) ?- ?(?P<year2>1[2-4]\d\d|19\d\d|20\d\d){WE}"),
        ("season", rf"{WB}(?P<fasl>فصل )?(?P<season>{SEASON}){WE}"
                   rf"(?:(?: (?:سال )?(?P<year>{YEAR}){WE}| (?P<ydx>{YDEIX}){WE})(?: (?P<cal>{CAL}){WE})?)?"),
        ("decade", rf"{WB}دهه(?: ?ی)? (?:(?P<num>\d{{2,4}})|(?P<word>{TENSW}))(?: ?های)?{WE}(?: (?P<cal>{CAL}){WE})?"),
        ("century", rf"{WB}(?:قرن|سده)(?: ?ی)? (?:(?P<num>\d{{1,2}})(?: ?ام| ?م)?|(?P<word>{ORDW})){WE}"
                    rf"(?: (?P<cal>{CAL}){WE})?"),
        ("relword", rf"{WB}(?P<rw>{RELWORD}){WE}"),
        ("relunit", rf"{WB}(?:(?P<pre>{DBEFORE}) (?P<unit1>{UNIT})(?! ?ها)|(?P<unit2>{UNIT})(?: ?ی)? (?P<deix>{DAFTER})){WE}{NOT_RELATIVE_TO_EVENT}"
                    rf"(?: (?P<cal>میلادی|شمسی|قمری){WE})?"),
        ("count", rf"{WB}(?P<n>\d{{1,3}}|{CARDW}|چند) (?P<unit>{UNIT})(?: ?ی)? "
                  rf"(?P<dir>پیش|قبل|بعد|دیگر|گذشته|اخیر|آینده|آتی){WE}{NOT_RELATIVE_TO_EVENT}(?: (?P<cal>میلادی){WE})?"),
        ("weekday", rf"{WB}(?<!\bهر )(?<!\bروزهای )(?<!\bروز های )(?P<wd>{WEEKDAY}){WE}(?! ?ها)(?: (?:هفته|ی هفته) (?P<wdx>{DAFTER}){WE}| (?P<wdx2>گذشته|آینده){WE})?"),
        ("clock", rf"{WB}ساعت (?:(?P<h>[0-2]?\d)(?:[:.](?P<mi>[0-5]\d))?|(?P<hw>{CARDW}))"
                  rf"(?: و (?P<mi2>[0-5]?\d|{CARDW}) دقیقه| و نیم)?{WE}(?: (?P<part>{PART}){WE})?"),
    ]
    # A rule whose every match holds one of these words is skipped, at the
    # cost of a substring test, in a text that has none of them.
    gates = {
        "numeric_ymd": ("/", "-", "."), "numeric_dmy": ("/", "-", "."), "numeric_yy": ("/",),
        "monthpart": ("دهه", "هفته"), "decade": ("دهه",), "monthsof": ("ماه",), "century": ("قرن", "سده"), "clock": ("ساعت",),
        "year_paren": ("(",), "year_span": ("-",), "quarter": ("ماهه", "فصل"),
        "season": tuple(lx.seasons), "year": ("سال",),
    }
    compiled = tuple((name, re.compile(p), gates.get(name)) for name, p in rules)

    left_context = re.compile(
        rf"(?:(?P<mod>{MOD})|(?P<part>{PART})(?: ?های)?(?: روز)?|(?P<wd>{WEEKDAY}),?(?: روز)?|(?P<rooz>روز)) $")
    right_context = re.compile(rf" (?:(?P<part>{PART})|(?P<wd>{WEEKDAY})|(?P<cal>{CAL})){WE}")
    range_tail = re.compile(rf" ?(?:تا|الی|-|–|و) ?(?:سال )?(?P<year>{YEAR})(?![\w/]|[:.]\d)")
    range_head = re.compile(rf"(?:(?P<az>از) |(?P<head>روز ?های) )?(?:(?P<day>[0-3]?\d)|(?P<dayw>{DAYW})) ?(?:تا|الی|-|–|و) ?$")
    since_tail = re.compile(r" ?(?:تا ?کنون|تا به ?حال|تا به امروز|تا امروز|به این سو|به بعد)(?!\w)")
    same_date_link = re.compile(r" ?[,،]? ?(?:برابر|مطابق|معادل|مصادف)(?: با)? ?:? ?| ?\( ?")
    same_date_more = re.compile(r" ?(?:و|[,،]) ?")
    range_link = re.compile(r" ?(?:تا|الی|-|–) ?| تا (?:پایان|انتهای|اواخر) ?")
    joiner = re.compile(r"^ ?(?:,|،)? ?$")
    place_before = re.compile(rf"(?:^|\W)(?:{alternation(raw['place_nouns'])})(?: ?های| ?ها| ?ی)? $")
    not_date = re.compile(rf"{WB}(?:{alternation(raw['not_dates'])}){WE}")
    duration = re.compile(rf"{WB}(?P<n>\d{{1,4}}|{CARDW}|چند) (?P<unit>روز|هفته|ماه|سال|دهه|قرن|ساعت|دقیقه)(?: ?ها)?{WE}")
    return Grammar(compiled, day_words, count_words, ordinal_words, left_context, right_context,
                   range_tail, range_head, since_tail, same_date_link, range_link, same_date_more, joiner, place_before, not_date, duration)


# --- phase one: readings -------------------------------------------------------


def _word_value(words: dict[str, int], surface: str) -> int | None:
    return words.get(key(surface))


def _calendar_suffix(lx: Lexicon, m: re.Match[str]) -> str | None:
    c = m.groupdict().get("cal")
    return lx.calendar_suffixes.get(key(c)) if c else None


def _year_tail(r: Reading, m: re.Match[str], lx: Lexicon) -> None:
    gd = m.groupdict()
    if gd.get("year"):
        r.year = int(gd["year"])
        r.year_digits = len(gd["year"])
    elif gd.get("ydx"):
        ydx = key(gd["ydx"])
        if ydx == "امسال":
            r.year_offset = 0
        elif ydx == "پارسال":
            r.year_offset = -1
        else:
            r.year_offset = lx.deixis_after.get(ydx[3:], 0)


def _read(name: str, m: re.Match[str], g: Grammar, lx: Lexicon) -> Reading | None:
    a, b = m.span()
    gd = m.groupdict()
    if name == "numeric_yy":
        p1, p2, p3 = int(gd["p1"]), int(gd["p2"]), int(gd["p3"])
        if p1 > 31 and p3 <= 31:
            yy, day = p1, p3
        elif p3 > 31 and p1 <= 31:
            yy, day = p3, p1
        else:
            return None
        return Reading(a, b, "date", "jalali", year=yy, year_digits=2, month=p2, day=day)
    if name.startswith("numeric"):
        year = int(gd["year"])
        calendar = rv.calendar_of_year(year)
        return Reading(a, b, "date", calendar, year=year, year_digits=len(gd["year"]),
                       month=int(gd["month"]), day=int(gd["day"]))
    if name in ("date", "monthpart", "modmonth"):
        month = lx.months[key(gd["mon"])]
        r = Reading(a, b, "monthpart" if name == "monthpart" else "date", month.calendar, month=month.month)
        if name == "modmonth":
            modifier = lx.modifiers[key(gd["mod"])]
            r.mod, r.part = modifier.mod, modifier.part
        _year_tail(r, m, lx)
        suffix = _calendar_suffix(lx, m)
        if suffix == "hijri" and month.calendar != "hijri":
            return None
        if gd.get("mdx"):
            r.month_dir = {"جاری": 0, "گذشته": -1, "آینده": 1}[gd["mdx"]]
        if name == "monthpart":
            r.unit = "tenday" if gd["part"] == "دهه" else "week"
            # 0 = the last part of the month.
            r.number = {"اول": 1, "نخست": 1, "دوم": 2, "سوم": 3, "چهارم": 4}.get(gd["ord"], 0)
            if r.unit == "tenday" and r.number == 4:
                return None
            return r
        if gd.get("day"):
            r.day = int(gd["day"])
        elif gd.get("dayw"):
            r.day = _word_value(g.day_words, gd["dayw"])
        has_year = r.year is not None or r.year_offset is not None
        # A modifier («اوایل آذر») is evidence enough, but not for «می»/«مه».
        has_mah = bool(gd.get("mah") or gd.get("mpre") or (gd.get("mod") and month.ambiguity == 1))
        if month.ambiguity:
            # A cardinal word («دو مهر») is weaker evidence than an ordinal («دوم مهر»).
            word_day = bool(gd.get("dayw")) and key(gd["dayw"]) not in g.ordinal_words
            day_counts = {1: r.day is not None and not word_day, 2: False, 3: bool(gd.get("day"))}[month.ambiguity]
            if not (has_year or has_mah or day_counts):
                return None
        return r
    if name == "year":
        digits = gd["year"] or gd["y3"]
        year = int(digits)
        calendar = _calendar_suffix(lx, m)
        if len(digits) == 2:
            calendar = calendar or "jalali"
        return Reading(a, b, "year", calendar or rv.calendar_of_year(year), year=year,
                       year_digits=4 if len(digits) == 3 else len(digits))
    if name == "year_span":
        y1, y2 = sorted((int(gd["year"]), int(gd["year2"])))
        calendar = rv.calendar_of_year(y1)
        # «۱۳۰۱-۱۳۹۵»: a span of years within one calendar, not a code or a score.
        if calendar != rv.calendar_of_year(y2) or not 0 < y2 - y1 <= 200:
            return None
        return Reading(a, b, "year", calendar, year=y1, number=y2)
    if name in ("year_noun", "year_paren"):
        group = "yy" if gd.get("yy") else "year"
        ya, yb = m.span(group)
        digits = yb - ya
        year = int(gd[group])
        return Reading(ya, yb, "year", "jalali" if digits == 2 else rv.calendar_of_year(year),
                       year=year, year_digits=digits)
    if name == "modunit":
        modifier = lx.modifiers[key(gd["mod"])]
        unit = lx.units[key(gd["unit"] or gd["week"])]
        calendar = "gregorian" if gd.get("cal") else "jalali"
        return Reading(a, b, "relative", calendar, unit=unit, offset=0, mod=modifier.mod, part=modifier.part)
    if name == "monthsof":
        n = int(gd["n"]) if gd["n"].isdigit() else _word_value(g.count_words, gd["n"])
        # «سه ماه سال» is not a time; «سه ماه نخست سال» and «۹ ماهه سال جاری» are.
        if not n or n > 12 or not (gd.get("he") or gd.get("first")) or (gd.get("bare") and not gd.get("first")):
            return None
        # A run of the year's months: first in ``month``, last in ``number``.
        r = Reading(a, b, "yearmonths", None, month=1, number=n, unit="month")
        _year_tail(r, m, lx)
        if gd.get("bare"):
            r.year_offset = 0
        suffix = _calendar_suffix(lx, m)
        r.calendar = suffix or ("gregorian" if r.year and r.year >= 1500 else "jalali")
        return r
    if name == "quarter":
        q = {"اول": 1, "نخست": 1, "دوم": 2, "سوم": 3}.get(gd["q"], 4)
        r = Reading(a, b, "yearmonths", None, month=3 * q - 2, number=3 * q, unit="season")
        _year_tail(r, m, lx)
        suffix = _calendar_suffix(lx, m)
        r.calendar = suffix or ("gregorian" if r.year and r.year >= 1500 else "jalali")
        return r
    if name == "year_cal":
        year = int(gd["year"])
        return Reading(a, b, "year", _calendar_suffix(lx, m), year=year)
    if name == "season":
        r = Reading(a, b, "season", None, season=lx.seasons[key(gd["season"])])
        _year_tail(r, m, lx)
        if r.year is None and r.year_offset is None and not gd.get("fasl"):
            return None
        suffix = _calendar_suffix(lx, m)
        r.calendar = suffix or ("jalali" if r.year is None or r.year < 1500 else "gregorian")
        if r.year is not None and r.year_digits == 2 and suffix is None:
            r.calendar = "jalali"
        return r
    if name == "decade":
        suffix = _calendar_suffix(lx, m)
        if gd.get("word"):
            n = _word_value(g.count_words, gd["word"]) or 0
            digits = 2
        else:
            n = int(gd["num"])
            digits = len(gd["num"])
        if digits == 2:
            if n % 10:
                return None
            calendar = suffix or "jalali"
            n += 1300 if calendar == "jalali" else 1900
        elif digits == 4:
            if n % 10:
                return None
            calendar = suffix or rv.calendar_of_year(n)
        else:
            return None
        return Reading(a, b, "decade", calendar, number=n)
    if name == "century":
        n = int(gd["num"]) if gd.get("num") else _word_value(g.ordinal_words, gd["word"])
        if not n or n > 22:
            return None
        calendar = _calendar_suffix(lx, m) or ("gregorian" if n >= 16 else "jalali")
        return Reading(a, b, "century", calendar, number=n)
    if name == "relword":
        w = lx.relative_words[key(gd["rw"])]
        return Reading(a, b, "relative", "jalali", unit=w.unit, offset=w.offset, time=w.part_of_day)
    if name == "relunit":
        unit = lx.units.get(key(gd["unit1"] or gd["unit2"]), "hour")
        if gd.get("pre"):
            if unit in ("day", "year"):
                # «این روز», «در این سال» point at a time named earlier, not at
                # the publication date («امسال» is this year).
                return None
            offset = lx.deixis_before[key(gd["pre"])]
        else:
            deix = key(gd["deix"])
            if unit == "day" and deix in ("دیگر", "بعد", "قبل", "سابق", "آتی", "جاری", "حاضر", "کنونی", "فعلی"):
                return None
            offset = lx.deixis_after[deix]
        if unit == "hour":
            return None
        calendar = {"میلادی": "gregorian", "قمری": "hijri"}.get(gd.get("cal") or "", "jalali")
        return Reading(a, b, "relative", calendar, unit=unit, offset=offset)
    if name == "count":
        unit = lx.units.get(key(gd["unit"]), "hour")
        n = gd["n"]
        number = None if n == "چند" else (int(n) if n.isdigit() else _word_value(g.count_words, n))
        direction = {"پیش": "ago", "قبل": "ago", "بعد": "later", "دیگر": "later",
                     "گذشته": "past", "اخیر": "past", "آینده": "next", "آتی": "next"}[gd["dir"]]
        calendar = "gregorian" if gd.get("cal") else "jalali"
        return Reading(a, b, "count", calendar, unit=unit, number=number, direction=direction,
                       mod="APPROX" if number is None else None)
    if name == "weekday":
        r = Reading(a, b, "weekday", "jalali", weekday=lx.weekdays[key(gd["wd"])])
        wdx = gd.get("wdx") or gd.get("wdx2")
        r.offset = lx.deixis_after.get(key(wdx), 0) if wdx else 0
        r.unit = "week" if wdx else None
        return r
    if name == "clock":
        h = int(gd["h"]) if gd.get("h") else _word_value(g.count_words, gd["hw"])
        if h is None or h > 24:
            return None
        mi2 = gd.get("mi2")
        minute = int(gd["mi"]) if gd.get("mi") else (
            (int(mi2) if mi2.isdigit() else _word_value(g.count_words, mi2) or 0) if mi2 else 0)
        if m.group(0).endswith("و نیم"):
            minute = 30
        part = lx.parts_of_day.get(key(gd["part"])) if gd.get("part") else None
        if part in ("afternoon", "evening", "night") and h < 12:
            h += 12
        return Reading(a, b, "clock", None, time=f"{h % 24:02d}:{minute:02d}")
    return None


def _readings(s: str, g: Grammar, lx: Lexicon) -> list[Reading]:
    found: list[Reading] = []
    for name, rx, gate in g.rules:
        if gate is not None and not any(word in s for word in gate):
            continue
        for m in rx.finditer(s):
            r = _read(name, m, g, lx)
            if r is not None:
                found.append(r)
    # Longest first; a tie goes to the earlier rule (more specific).
    found.sort(key=lambda r: (-(r.b - r.a), r.a))
    taken: list[Reading] = []
    used = bytearray(len(s) + 1)
    for r in found:
        if any(used[r.a:r.b]):
            continue
        used[r.a:r.b] = b"\x01" * (r.b - r.a)
        taken.append(r)
    taken.sort(key=lambda r: r.a)
    blocked = [m.span() for m in g.not_date.finditer(s)]
    if blocked:
        taken = [r for r in taken if not any(a < r.b and r.a < b for a, b in blocked)]
    return [r for r in taken if not _is_place_name(r, s, g) and not _is_quoted_title(r, s)]


def _is_quoted_title(r: Reading, s: str) -> bool:
    """A lone relative word or month in guillemets is a title: «فردا»."""
    if r.kind not in ("relative", "weekday", "date") or (r.kind == "date" and r.day is not None):
        return False
    return s[max(0, r.a - 2):r.a].strip() == "«" and s[r.b:r.b + 2].strip() == "»"


def _is_place_name(r: Reading, s: str, g: Grammar) -> bool:
    """«میدان ۱۵ خرداد»: a day and month right after a place noun, no year."""
    if r.kind != "date" or r.day is None or r.year is not None or r.year_offset is not None:
        return False
    return bool(g.place_before.search(s, max(0, r.a - 30), r.a))


# --- joining neighbours -------------------------------------------------------

def _is_day(r: Reading) -> bool:
    if r.kind == "date":
        return r.day is not None
    if r.kind == "relative":
        return r.unit == "day"
    return r.kind == "weekday"


def _extend_left(r: Reading, s: str, g: Grammar, lx: Lexicon, floor: int) -> None:
    for _ in range(3):
        m = g.left_context.search(s, max(floor, r.a - 40), r.a)
        if not m or m.end() != r.a:
            return
        if m.start() > 0 and (s[m.start() - 1].isalnum() or s[m.start() - 1] == "_"):
            return
        gd = m.groupdict()
        if gd["mod"]:
            if r.mod is not None or r.kind in ("clock", "weekday") or (r.kind == "date" and r.day is not None
                                                                       and lx.modifiers[key(gd["mod"])].part != "whole"):
                return
            mod = lx.modifiers[key(gd["mod"])]
            r.mod, r.part = mod.mod, mod.part
        elif gd["part"]:
            if not _is_day(r) or (r.time and ":" in r.time):
                return
            r.time = r.time or lx.parts_of_day[key(gd["part"])]
        elif gd["wd"]:
            if not (r.kind == "date" and r.day is not None):
                return
        elif gd["rooz"]:
            if not _is_day(r):
                return
        r.a = m.start()


def _extend_right(r: Reading, s: str, g: Grammar, lx: Lexicon, ceiling: int) -> None:
    for _ in range(2):
        m = g.right_context.match(s, r.b, ceiling)
        if not m:
            return
        gd = m.groupdict()
        if gd["part"]:
            if not _is_day(r) or r.time:
                return
            r.time = lx.parts_of_day[key(gd["part"])]
        elif gd["wd"]:
            if not (r.kind == "relative" and r.unit == "day"):
                return
        else:
            return
        r.b = m.end()


def _merge(first: Reading, second: Reading) -> Reading | None:
    """Two neighbours that name one moment («امروز سه‌شنبه», «ساعت ۱۷ روز
    پنجشنبه», «جمعه ۲۸ خرداد ساعت ۱۰»): keep the more specific value."""
    if first.kind == "clock" and _is_day(second):
        return replace(second, a=first.a, time=first.time)
    if second.kind == "clock" and _is_day(first):
        return replace(first, b=second.b, time=second.time or first.time)
    if _is_day(first) and _is_day(second):
        rank = {"date": 0, "weekday": 2, "relative": 1}
        best = first if rank[first.kind] <= rank[second.kind] else second
        if first.kind == second.kind and first.kind != "weekday":
            return None
        return replace(best, a=first.a, b=second.b, time=best.time or first.time or second.time)
    return None


def _join_neighbours(rs: list[Reading], s: str, g: Grammar) -> list[Reading]:
    out: list[Reading] = []
    for r in rs:
        gap = s[out[-1].b:r.a] if out else ""
        # «امروز، ۱۰ آذر» is apposition: two mentions; «امروز دوشنبه» is one.
        if out and "relative" in (out[-1].kind, r.kind) and gap.strip():
            out.append(r)
            continue
        if out and g.joiner.match(gap):
            merged = _merge(out[-1], r)
            if merged is not None:
                out[-1] = merged
                continue
        out.append(r)
    return out


# --- phase two: values ---------------------------------------------------------


@dataclass(slots=True)
class _Value:
    start: date
    end: date
    granularity: str
    calendar: str
    relative: bool
    mod: str | None


def _year_of(r: Reading, dct: date | None) -> int | None:
    if r.year is None:
        return None
    if r.year_digits == 2:
        return rv.expand_two_digit_year(r.year, r.calendar or "jalali", dct)
    return r.year


def _value(r: Reading, dct: date | None, reference: tuple[date, date] | None) -> _Value | None:
    calendar = r.calendar or "jalali"
    relative = False
    try:
        if r.kind in ("date", "monthpart"):
            year = _year_of(r, dct)
            if year is None and r.year_offset is not None:
                if dct is None:
                    return None
                year = rv.calendar_year(dct, calendar) + r.year_offset
                relative = True
            if year is not None:
                if not rv.year_valid(year, calendar):
                    return None
                s, e = _date_interval(r, calendar, year)
            elif r.month_dir is not None:
                if dct is None:
                    return None
                s, e = _month_by_direction(r, calendar, dct)
                relative = True
            else:
                anchor = reference or ((dct, dct) if dct else None)
                if anchor is None:
                    return None
                options = []
                for y in rv.year_candidates(calendar, anchor):
                    try:
                        options.append(_date_interval(r, calendar, y))
                    except ValueError:
                        continue
                if not options:
                    return None
                s, e = rv.closest_in_reference(options, anchor)
                relative = True
            gran = "day" if r.day is not None else ("week" if r.kind == "monthpart" else "month")
        elif r.kind == "year":
            year = _year_of(r, dct)
            if year is None or not rv.year_valid(year, calendar):
                return None
            s, e = rv.year_period(calendar, year)
            gran = "year"
        elif r.kind == "season":
            year = _year_of(r, dct)
            if year is None:
                if dct is None:
                    return None
                year = rv.calendar_year(dct, "jalali") + (r.year_offset or 0)
                calendar = "jalali" if r.calendar != "gregorian" else calendar
                relative = True
            if calendar == "gregorian" and year < 1500:
                return None
            s, e = rv.season_period(calendar, year, r.season)
            gran = "season"
        elif r.kind == "yearmonths":  # «سه ماهه دوم ۱۴۰۲», «۹ ماهه سال جاری»
            year = _year_of(r, dct)
            if year is None:
                if dct is None or r.year_offset is None:
                    return None
                year = rv.calendar_year(dct, calendar) + r.year_offset
                relative = True
            if not rv.year_valid(year, calendar) or calendar == "hijri":
                return None
            s, e = rv.month_period(calendar, year, r.month)[0], rv.month_period(calendar, year, r.number)[1]
            gran = r.unit
        elif r.kind == "decade":
            s, e = rv.decade_period(calendar, r.number)
            gran = "decade"
        elif r.kind == "century":
            s, e = rv.century_period(calendar, r.number)
            gran = "century"
        else:
            if dct is None:
                return None
            relative = True
            p = _relative_period(r, calendar, dct)
            if p is None:
                return None
            s, e, gran = p
    except (ValueError, OverflowError):
        return None
    mod = r.mod
    if calendar == "hijri":
        mod = mod or "APPROX"
    if r.part in ("third", "half") and r.mod:
        s, e = rv.apply_part((s, e), r.mod, r.part)
    return _Value(s, e, gran, calendar, relative, mod)


def _month_by_direction(r: Reading, calendar: str, dct: date) -> tuple[date, date]:
    """«آبان ماه گذشته»: the latest Aban before the current month; «جاری»: this
    year's; «آینده»: the next one after the current month."""
    options = []
    for y in rv.year_candidates(calendar, (dct, dct)):
        try:
            options.append((y, _date_interval(r, calendar, y)))
        except ValueError:
            continue
    this_year = rv.calendar_year(dct, calendar)
    if r.month_dir == 0:
        return next(iv for y, iv in options if y == this_year)
    current = rv.shift_unit(calendar, dct, "month", 0)
    if r.month_dir < 0:
        return max((iv for _, iv in options if iv[1] < current.start), key=lambda iv: iv[0])
    return min((iv for _, iv in options if iv[0] > current.end), key=lambda iv: iv[0])


def _date_interval(r: Reading, calendar: str, year: int) -> tuple[date, date]:
    if r.kind == "monthpart":
        ms, me = rv.month_period(calendar, year, r.month)
        size = 10 if r.unit == "tenday" else 7
        if r.number == 0 or (r.unit == "tenday" and r.number == 3):
            # The last part runs to the month's end (a month's third decade is 9 to 11 days).
            return (me - timedelta(days=size - 1) if r.number == 0 and r.unit == "week"
                    else ms + timedelta(days=20) if r.unit == "tenday" else me - timedelta(days=size - 1)), me
        first = ms + timedelta(days=size * (r.number - 1))
        return first, first + timedelta(days=size - 1)
    if r.day is None:
        return rv.month_period(calendar, year, r.month)
    d = rv.day_date(calendar, year, r.month, r.day)
    if r.day_to is not None:
        return d, rv.day_date(calendar, year, r.month, r.day_to)
    return d, d


def _relative_period(r: Reading, calendar: str, dct: date) -> tuple[date, date, str] | None:
    if r.kind == "relative":
        p = rv.shift_unit(calendar, dct, r.unit, r.offset)
        return (p.start, p.end, p.granularity) if p else None
    if r.kind == "weekday":
        if r.unit == "week":
            ws, _ = rv.cal.week_interval(dct + timedelta(weeks=r.offset))
            d = ws + timedelta(days=(r.weekday - ws.weekday()) % 7)
        else:
            d = dct - timedelta(days=(dct.weekday() - r.weekday) % 7)
        return d, d, "day"
    if r.kind == "clock":
        return dct, dct, "day"
    if r.kind == "count":
        gran = "day" if r.unit == "hour" else r.unit
        if r.number is None:
            lo, hi = (2, 9)
            if r.direction in ("ago", "past"):
                a = rv.shift_unit(calendar, dct, r.unit, -hi)
                b = rv.shift_unit(calendar, dct, r.unit, -lo)
            else:
                a = rv.shift_unit(calendar, dct, r.unit, lo)
                b = rv.shift_unit(calendar, dct, r.unit, hi)
            return (a.start, b.end, gran) if a and b else None
        n = r.number
        if r.direction == "ago":
            p = rv.shift_unit(calendar, dct, r.unit, -n)
        elif r.direction == "later":
            p = rv.shift_unit(calendar, dct, r.unit, n)
        elif r.direction == "past":
            iv = rv.span_back(calendar, dct, r.unit, n) if r.unit != "hour" else (dct - timedelta(days=max(1, n // 24)), dct)
            return (iv[0], iv[1], gran) if iv else None
        else:
            iv = rv.span_ahead(calendar, dct, r.unit, n) if r.unit != "hour" else (dct, dct + timedelta(days=max(1, n // 24)))
            return (iv[0], iv[1], gran) if iv else None
        return (p.start, p.end, p.granularity) if p else None
    return None


# --- ranges and two-calendar pairs ------------------------------------------------


def _attach_ranges(rs: list[Reading], s: str, g: Grammar, dct: date | None) -> list[Reading]:
    """«۱۵ تا ۲۵ اردیبهشت», «۵ و ۶ خرداد», «سال‌های ۲۰۱۰ تا ۲۰۱۴»; and in
    «از فروردین تا شهریور ۱۴۰۲» the first part takes the last part's year."""
    for i, r in enumerate(rs):
        nxt = rs[i + 1] if i + 1 < len(rs) else None
        if r.kind == "date" and r.day is not None and r.day_to is None:
            floor = rs[i - 1].b if i else 0  # never into the mention before
            m = g.range_head.search(s, max(floor, r.a - 40), r.a)
            if m and m.end() == r.a and (m.start() == 0 or not s[m.start() - 1].isalnum()):
                first = int(m["day"]) if m["day"] else g.day_words.get(key(m["dayw"]))
                if first and first < r.day:
                    r.day, r.day_to, r.a = first, r.day, m.start()
        elif r.kind == "year" and r.number is None:
            m = g.range_tail.match(s, r.b)
            # A last part that is a mention of its own is joined later, whole.
            if m and not (nxt and nxt.a < m.end()):
                r.number = int(m["year"])  # the range's last year, same calendar
                r.b = m.end()
        if (nxt is not None and r.kind == nxt.kind == "date" and r.calendar == nxt.calendar
                and r.year is None and r.year_offset is None
                and (nxt.year is not None or nxt.year_offset is not None)
                and g.range_link.fullmatch(s, r.b, nxt.a)):
            r.year, r.year_digits, r.year_offset = nxt.year, nxt.year_digits, nxt.year_offset
            if (r.month, r.day or 1) > (nxt.month, nxt.day or 31):  # «از آذر تا فروردین ۱۴۰۳»
                if r.year is not None:
                    r.year -= 1
                else:
                    r.year_offset -= 1
    return rs


def _year_range_end(r: Reading, dct: date | None) -> int | None:
    if r.kind != "year" or r.number is None:
        return None
    y2 = r.number
    if y2 < 100:
        first = _year_of(r, dct)
        if first is None:
            return None
        y2 = first - first % 100 + y2
        if y2 < first:
            y2 += 100
    return y2


def _pair_and_span(text: str, nt: NormalizedText, rs: list[Reading], values: list[_Value | None],
                   s: str, g: Grammar, dct: date | None) -> list[Mention]:
    mentions: list[Mention] = []
    norm_ends: list[int] = []  # where each mention ends in the normalized text
    i = 0
    while i < len(rs):
        r, v = rs[i], values[i]
        if v is None:
            i += 1
            continue
        a, b = r.a, r.b
        start, end, gran, mod, relative = v.start, v.end, v.granularity, v.mod, v.relative
        # «X تا Y» between two mentions is one range.
        if i + 1 < len(rs) and values[i + 1] is not None and g.range_link.fullmatch(s, r.b, rs[i + 1].a):
            w = values[i + 1]
            # «امروز - ۲۸ فروردین» names one day twice: apposition, not a range.
            if w.end >= start and w.calendar == v.calendar and (w.start, w.end) != (start, end):
                b, end = rs[i + 1].b, w.end
                gran = max(gran, w.granularity, key=_coarseness)
                relative = relative or w.relative
                i += 1
        y_end = _year_range_end(r, dct)
        if y_end is not None and rv.year_valid(y_end, v.calendar) and y_end > (_year_of(r, dct) or 0):
            end = rv.year_period(v.calendar, y_end)[1]
        since = g.since_tail.match(s, b)
        if since and dct is not None and start <= dct:
            b, end, mod, relative = since.end(), dct, "SINCE", True
        # «تا امروز», «تا ۱۵ آذر»: up to that time (the span leaves «تا» out).
        if mod is None and b == r.b and end == v.end and s.endswith("تا ", 0, a) and (
                a < 4 or not s[a - 4].isalnum()):
            mod = "UNTIL"
        # A range keeps its «از».
        if (b != r.b or end != v.end or r.day_to is not None) and s.endswith("از ", 0, a) and (
                a < 4 or not s[a - 4].isalnum()):
            a -= 3
        oa, ob = nt.to_original_span(a, b)
        same_as, disagrees = None, False
        if mentions:
            prev = mentions[-1]
            # Hijri dates may differ by a day between conventions.
            slack = timedelta(days=1 if "hijri" in (v.calendar, prev.calendar) else 0)
            if (g.same_date_link.fullmatch(s, norm_ends[-1], a) and prev.calendar != v.calendar
                    and prev.same_as is None):
                same_as = len(mentions) - 1
                disagrees = start > prev.end + slack or prev.start > end + slack
            elif (prev.same_as is not None and g.same_date_more.fullmatch(s, norm_ends[-1], a)
                  and v.calendar not in (prev.calendar, mentions[prev.same_as].calendar)
                  and abs((start - prev.start).days) <= slack.days and abs((end - prev.end).days) <= slack.days):
                # «… برابر با ۲ جمادی‌الثانی ۱۴۴۶ و ۳ دسامبر ۲۰۲۴»: a third calendar for the same day.
                same_as = prev.same_as
        mentions.append(Mention((oa, ob), text[oa:ob], start, end, gran, mod, v.calendar, relative,
                                time=r.time, same_as=same_as, disagrees=disagrees))
        norm_ends.append(b)
        i += 1
    return mentions


def _coarseness(granularity: str) -> int:
    from core.model import GRANULARITY_RANK

    return GRANULARITY_RANK.get(granularity, 0)


# --- public API -------------------------------------------------------------------


def find_mentions(text: str, published: date | None = None) -> list[Mention]:
    """Every time expression in ``text``, in document order, with spans into
    ``text``. Expressions that need a publication date are left out when
    ``published`` is None."""
    g, lx = grammar(), lexicon()
    nt = normalize(text)
    s = nt.text
    rs = _readings(s, g, lx)
    # Each reading grows into the words around it, never into a neighbour.
    for i, r in enumerate(rs):
        _extend_left(r, s, g, lx, rs[i - 1].b if i else 0)
        _extend_right(r, s, g, lx, rs[i + 1].a if i + 1 < len(rs) else len(s))
    rs = _join_neighbours(rs, s, g)
    rs = _attach_ranges(rs, s, g, published)
    values: list[_Value | None] = []
    reference: tuple[date, date] | None = None
    for r in rs:
        v = _value(r, published, reference)
        values.append(v)
        if v is not None and v.granularity in ("day", "week", "month", "season", "year") and r.kind != "clock":
            reference = (v.start, v.end)
    return _pair_and_span(text, nt, rs, values, s, g, published)


def find_durations(text: str) -> list[Duration]:
    """Lengths of time with no place on the calendar («پنج سال», «سه ماه»)."""
    g = grammar()
    nt = normalize(text)
    taken = [m.span for m in find_mentions(text, date(2000, 1, 1))]
    out = []
    for m in g.duration.finditer(nt.text):
        oa, ob = nt.to_original_span(*m.span())
        if any(a < ob and oa < b for a, b in taken):
            continue
        n = m["n"]
        amount = None if n == "چند" else float(n) if n.isdigit() else float(g.count_words.get(key(n), 0) or 0) or None
        out.append(Duration((oa, ob), text[oa:ob], amount, key(m["unit"])))
    return out
