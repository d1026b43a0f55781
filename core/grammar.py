"""The grammar of Persian time expressions: one regex per form, built from
the word lists under ``core/lexicon/`` when first needed.

Each rule finds what one kind of expression looks like in normalized text
(``core/normalize.py``); ``core/reading.py`` turns its matches into readings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from core.lexicon import Lexicon, alternation, key, lexicon

WB = r"(?<!\w)"  # word start
WE = r"(?!\w)"   # word end


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
        ("numeric_ymd", r"(?<![\w/.\-:])(?P<year>1[2-9]\d\d|2[01]\d\d)(?P<sep>[/\-.])(?P<month>[01]?\d)(?P=sep)"
                        r"(?P<day>[0-3]?\d)(?![\w/\-]|[.:]\d)"),
        ("numeric_dmy", r"(?<![\w/.\-:])(?P<day>[0-3]?\d)(?P<sep>[/\-.])(?P<month>[01]?\d)(?P=sep)"
                        r"(?P<year>1[2-9]\d\d|2[01]\d\d)(?![\w/\-]|[.:]\d)"),
        ("numeric_yy", r"(?<![\w/.\-:])(?P<p1>\d\d?)/(?P<p2>[01]?\d)/(?P<p3>\d\d?)(?![\w/\-]|[.:]\d)"),
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
        ("year_paren", r"\( ?(?P<year>1[34]\d\d|19\d\d|20\d\d) ?\)"),
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
