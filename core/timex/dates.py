"""Dates: days, months, years, seasons, decades, centuries, and the words that
count them from the publication date. One rule per form, each beside its reader.
"""

from __future__ import annotations

import re

from core.lexicon import key, lexicon
from core.timex import arithmetic as ar
from core.timex.reading import Reading
from core.timex.rule import rule
from core.timex.words import Words


# --- shared readers ---------------------------------------------------------------

def calendar_suffix(m: re.Match[str]) -> str | None:
    c = m.groupdict().get("cal")
    return lexicon().calendar_suffixes.get(key(c)) if c else None


def read_year_tail(r: Reading, m: re.Match[str]) -> None:
    """A year after a date: digits, «امسال», «سال گذشته»; or «ماه جاری»."""
    gd = m.groupdict()
    if gd.get("year"):
        r.year = int(gd["year"])
        r.year_digits = len(gd["year"])
    elif gd.get("ydx"):
        ydx = key(gd["ydx"])
        words = lexicon().relative_words
        if ydx in words:  # «امسال», «پارسال»
            r.year_offset = words[ydx].offset
        else:
            r.year_offset = lexicon().deixis_after.get(ydx[3:], 0)
    if gd.get("mdx"):
        r.month_dir = lexicon().deixis_after[gd["mdx"]]


def _month_reading(m: re.Match[str], kind: str) -> tuple[Reading, object] | None:
    month = lexicon().months[key(m["mon"])]
    r = Reading(m.start(), m.end(), kind, month.calendar, month=month.month)
    read_year_tail(r, m)
    if calendar_suffix(m) == "hijri" and month.calendar != "hijri":
        return None
    return r, month


# --- numeric dates ------------------------------------------------------------------

@rule("numeric_ymd", "date",
      r"(?<![\w/.\-:])(?P<year>1[2-9]\d\d|2[01]\d\d)(?P<sep>[/\-.])(?P<month>[01]?\d)(?P=sep)"
      r"(?P<day>[0-3]?\d)(?![\w/\-]|[.:]\d)", gate=("/", "-", "."))
def read_numeric_ymd(m: re.Match[str], w: Words) -> Reading:
    year = int(m["year"])
    return Reading(m.start(), m.end(), "date", ar.calendar_of_year(year), year=year,
                   month=int(m["month"]), day=int(m["day"]))


@rule("numeric_dmy", "date",
      r"(?<![\w/.\-:])(?P<day>[0-3]?\d)(?P<sep>[/\-.])(?P<month>[01]?\d)(?P=sep)"
      r"(?P<year>1[2-9]\d\d|2[01]\d\d)(?![\w/\-]|[.:]\d)", gate=("/", "-", "."))
def read_numeric_dmy(m: re.Match[str], w: Words) -> Reading:
    return read_numeric_ymd(m, w)


@rule("numeric_yy", "date", r"(?<![\w/.\-:])(?P<p1>\d\d?)/(?P<p2>[01]?\d)/(?P<p3>\d\d?)(?![\w/\-]|[.:]\d)", gate=("/",))
def read_numeric_yy(m: re.Match[str], w: Words) -> Reading | None:
    p1, p2, p3 = int(m["p1"]), int(m["p2"]), int(m["p3"])
    if p1 > 31 and p3 <= 31:
        yy, day = p1, p3
    elif p3 > 31 and p1 <= 31:
        yy, day = p3, p1
    else:
        return None
    return Reading(m.start(), m.end(), "date", "jalali", year=yy, year_digits=2, month=p2, day=day)


# «۱۴۰۱-خرد-۰۳», «1401-Kho-03»: how calendar libraries print a date with %b.
@rule("numeric_named_month", "date",
      r"(?<![\w/.\-:])(?P<year>1[2-9]\d\d|2[01]\d\d)-(?P<abbr>{MONTH_ABBR})-(?P<day>[0-3]?\d)(?![\w/\-]|[.:]\d)", gate=("-",))
def read_numeric_named_month(m: re.Match[str], w: Words) -> Reading:
    calendar, month = w.month_abbreviations[key(m["abbr"])]
    return Reading(m.start(), m.end(), "date", calendar, year=int(m["year"]), month=month, day=int(m["day"]))


# --- day and month ------------------------------------------------------------------

@rule("date", "date", r"{WB}(?P<mon>{MONTH})(?P<mah> ?ماه)?{WE}{YEAR_TAIL}",
      before=r"{DAY} (?:ماه )?|(?P<mpre>ماه(?: مبارک)?) ")
def read_date(m: re.Match[str], w: Words) -> Reading | None:
    got = _month_reading(m, "date")
    if got is None:
        return None
    r, month = got
    gd = m.groupdict()
    if gd.get("day"):
        r.day = int(gd["day"])
    elif gd.get("dayw"):
        r.day = w.day_words.get(key(gd["dayw"]))
    if r.year is None and r.day is not None and month.ambiguity and not m["mah"] and _verb_follows(m):
        return None  # «۲۳ می شود»: the verb prefix, not May
    return r if _month_is_evident(r, m, month, w) else None


_NEXT_WORD = re.compile(r" ?(\w+)")


def _verb_follows(m: re.Match[str]) -> bool:
    """Whether the month word and the word after it read as one verb («می شود»)."""
    from core.sentences import is_verb

    nxt = _NEXT_WORD.match(m.string, m.end())
    return bool(nxt) and is_verb(key(m["mon"]) + nxt[1])


def _month_is_evident(r: Reading, m: re.Match[str], month, w: Words) -> bool:
    """A month name that is also a word counts only with evidence (lexicon
    column ``ambiguity``): a day, a year, «ماه», a modifier."""
    if not month.ambiguity:
        return True
    gd = m.groupdict()
    has_year = r.year is not None or r.year_offset is not None
    # A modifier («اوایل آذر») is evidence enough, but not for «می»/«مه».
    has_mah = bool(gd.get("mah") or gd.get("mpre") or (gd.get("mod") and month.ambiguity == 1))
    # A cardinal word («دو مهر») is weaker evidence than an ordinal («دوم مهر»).
    word_day = bool(gd.get("dayw")) and key(gd["dayw"]) not in w.ordinal_words
    day_counts = {1: r.day is not None and not word_day, 2: False, 3: bool(gd.get("day"))}[month.ambiguity]
    return has_year or has_mah or day_counts


@rule("modmonth", "date", r"{WB}(?P<mod>{MOD}) (?:ماه )?(?P<mon>{MONTH})(?P<mah> ?ماه)?{WE}{YEAR_TAIL}")
def read_modmonth(m: re.Match[str], w: Words) -> Reading | None:
    got = _month_reading(m, "date")
    if got is None:
        return None
    r, month = got
    modifier = lexicon().modifiers[key(m["mod"])]
    r.mod, r.part = modifier.mod, modifier.part
    return r if _month_is_evident(r, m, month, w) else None


# «پایان سال», «اوایل هفته»: a part of the current unit. A week is named by
# what follows it («هفته دولت»), so «هفته» only before punctuation.
@rule("modunit", "date",
      r"{WB}(?P<mod>{MOD}) (?:(?P<unit>سال|ماه){WE}"
      r"(?! ?\d| ?ها| (?:{DAFTER}|{MONTH}|{SEASON}|{ORDW}|{PERIODQ}){WE})"
      r"(?: (?P<cal>میلادی){WE})?|(?P<week>هفته)(?= ?[.،,؛:!?؟)»]| ?$))")
def read_modunit(m: re.Match[str], w: Words) -> Reading:
    lx = lexicon()
    modifier = lx.modifiers[key(m["mod"])]
    unit = lx.units[key(m["unit"] or m["week"])]
    calendar = "gregorian" if m["cal"] else "jalali"
    return Reading(m.start(), m.end(), "relative", calendar, unit=unit, offset=0, mod=modifier.mod, part=modifier.part)


# «دهه اول محرم», «هفته دوم آذر»: ten days or seven days of a month.
@rule("monthpart", "date",
      r"{WB}(?P<part>دهه|هفته) (?P<ord>{POSITION}) (?:ماه )?(?P<mon>{MONTH})(?P<mah> ?ماه)?{WE}{YEAR_TAIL}",
      gate=("دهه", "هفته"))
def read_monthpart(m: re.Match[str], w: Words) -> Reading | None:
    got = _month_reading(m, "monthpart")
    if got is None:
        return None
    r = got[0]
    r.unit = "tenday" if m["part"] == "دهه" else "week"
    r.position = w.positions[key(m["ord"])]
    if r.unit == "tenday" and r.position == 4:
        return None
    return r


# --- years ----------------------------------------------------------------------------

@rule("year", "date",
      r"{WB}(?P<yw>سال(?: ?های| ?ها)?) (?:(?P<year>{YEAR})|(?P<y3>\d{{3}})(?= (?:{CAL}){WE})){WE}{NOT_AMOUNT}"
      r"(?: (?P<cal>{CAL}){WE})?", gate=("سال",))
def read_year(m: re.Match[str], w: Words) -> Reading:
    digits = m["year"] or m["y3"]
    year = int(digits)
    calendar = calendar_suffix(m)
    if len(digits) == 2:
        calendar = calendar or "jalali"
    return Reading(m.start(), m.end(), "year", calendar or ar.calendar_of_year(year), year=year,
                   year_digits=4 if len(digits) == 3 else len(digits))


# «سال هفتاد و شش», «سال هزار و سیصد و پنجاه و هفت»: a year in words.
@rule("year_in_words", "date", r"{WB}سال (?:{YEARW}|(?P<yy>{CARDW})){WE}{NOT_AMOUNT}(?: (?P<cal>{CAL}){WE})?",
      gate=("سال",))
def read_year_in_words(m: re.Match[str], w: Words) -> Reading | None:
    if m["hundreds"]:
        year = 1000 + w.hundreds[key(m["hundreds"])] + (w.number(m["rest"]) or 0 if m["rest"] else 0)
        return Reading(m.start(), m.end(), "year", calendar_suffix(m) or ar.calendar_of_year(year), year=year)
    yy = w.count_words[key(m["yy"])]
    # Only a two-digit year written as tens («هفتاد و شش», «نود»): «سال دو» is a count.
    if yy < 20:
        return None
    return Reading(m.start(), m.end(), "year", calendar_suffix(m) or "jalali", year=yy, year_digits=2)


@rule("year_noun", "date",
      r"{WB}(?P<noun>{YEAR_NOUN4}) (?:(?P<year>1[2-4]\d\d|19\d\d|20\d\d)|(?P<yy>\d\d)){WE}{NOT_AMOUNT}")
def read_year_noun(m: re.Match[str], w: Words) -> Reading | None:
    if m["yy"] and key(m["noun"]) not in w.short_year_nouns:
        return None  # «انتخابات ۹۶», but not «المپیک ۱۶»
    return _number_as_year(m)


def _number_as_year(m: re.Match[str]) -> Reading:
    group = "yy" if m.groupdict().get("yy") else "year"
    ya, yb = m.span(group)
    digits = yb - ya
    year = int(m[group])
    return Reading(ya, yb, "year", "jalali" if digits == 2 else ar.calendar_of_year(year),
                   year=year, year_digits=digits)


@rule("year_paren", "date", r"\( ?(?P<year>1[34]\d\d|19\d\d|20\d\d) ?\)", gate=("(",))
def read_year_paren(m: re.Match[str], w: Words) -> Reading:
    return _number_as_year(m)


# «۹ ماهه سال جاری», «هفت ماه نخست سال ۱۴۰۲»: the year's first months.
@rule("monthsof", "date",
      r"{WB}ماه(?P<he>ه)?(?: (?P<first>نخست|اول|ابتدایی))?"
      r"(?: (?:سال )?(?:(?P<year>{YEAR}){WE}{NOT_AMOUNT}|(?P<ydx>{YDEIX}){WE})| (?P<bare>سال){WE}"
      r"(?! ?\d| (?:{PERIODQ}){WE}))(?: (?P<cal>{CAL}){WE})?", gate=("ماه",),
      before=r"(?P<n>\d{{1,2}}|{CARDW}) ", before_required=True)
def read_monthsof(m: re.Match[str], w: Words) -> Reading | None:
    n = w.number(m["n"])
    # «سه ماه سال» is not a time; «سه ماه نخست سال» and «۹ ماهه سال جاری» are.
    if not n or n > 12 or not (m["he"] or m["first"]) or (m["bare"] and not m["first"]):
        return None
    r = Reading(m.start(), m.end(), "yearmonths", None, month=1, month_to=n, unit="month")
    read_year_tail(r, m)
    if m["bare"]:
        r.year_offset = 0
    r.calendar = calendar_suffix(m) or ("gregorian" if r.year and r.year >= 1500 else "jalali")
    return r


@rule("quarter", "date",
      r"{WB}(?:سه ?ماهه|فصل) (?P<q>{POSITION}) (?:سال )?(?:(?P<year>{YEAR}){WE}{NOT_AMOUNT}"
      r"|(?P<ydx>{YDEIX}){WE})(?: (?P<cal>{CAL}){WE})?", gate=("ماهه", "فصل"))
def read_quarter(m: re.Match[str], w: Words) -> Reading:
    q = w.positions[key(m["q"])] or 4
    r = Reading(m.start(), m.end(), "yearmonths", None, month=3 * q - 2, month_to=3 * q, unit="season")
    read_year_tail(r, m)
    r.calendar = calendar_suffix(m) or ("gregorian" if r.year and r.year >= 1500 else "jalali")
    return r


@rule("year_cal", "date", r"{WB}(?P<year>1[2-9]\d\d|2[01]\d\d|\d{{3}}) (?P<cal>{CAL}){WE}")
def read_year_cal(m: re.Match[str], w: Words) -> Reading:
    a, year = m.start(), int(m["year"])
    before = m.string[max(0, a - 5):a]
    if before.endswith("-") and (len(before) < 2 or not before[-2].isalnum()):
        a, year = a - 1, -year  # «سال -۵۰۰ میلادی»: BCE
    if m.string.endswith("سال ", 0, a) and (a < 5 or not m.string[a - 5].isalnum()):
        a -= 4
    return Reading(a, m.end(), "year", calendar_suffix(m), year=year)


# «۱۳۵۹-۱۳۶۷», and «۱۳۶۷-۱۳۵۹» as right-to-left text often shows it.
@rule("year_span", "date", r"{WB}(?P<year>1[2-4]\d\d|19\d\d|20\d\d) ?- ?(?P<year2>1[2-4]\d\d|19\d\d|20\d\d){WE}",
      gate=("-",))
def read_year_span(m: re.Match[str], w: Words) -> Reading | None:
    y1, y2 = sorted((int(m["year"]), int(m["year2"])))
    calendar = ar.calendar_of_year(y1)
    # «۱۳۰۱-۱۳۹۵»: a span of years within one calendar, not a code or a score.
    if calendar != ar.calendar_of_year(y2) or not 0 < y2 - y1 <= 200:
        return None
    return Reading(m.start(), m.end(), "year", calendar, year=y1, year_to=y2)


@rule("season", "date",
      r"{WB}(?P<fasl>فصل )?(?P<season>{SEASON}){WE}"
      r"(?:(?: (?:سال )?(?P<year>{YEAR}){WE}| (?P<ydx>{YDEIX}){WE})(?: (?P<cal>{CAL}){WE})?)?", gate="seasons")
def read_season(m: re.Match[str], w: Words) -> Reading | None:
    r = Reading(m.start(), m.end(), "season", None, season=lexicon().seasons[key(m["season"])])
    read_year_tail(r, m)
    if r.year is None and r.year_offset is None and not m["fasl"]:
        return None
    suffix = calendar_suffix(m)
    r.calendar = suffix or ("jalali" if r.year is None or r.year < 1500 else "gregorian")
    if r.year is not None and r.year_digits == 2 and suffix is None:
        r.calendar = "jalali"
    return r


@rule("decade", "date", r"{WB}دهه(?: ?ی)? (?:(?P<num>\d{{2,4}})|(?P<word>{TENSW}))(?: ?های)?{WE}(?: (?P<cal>{CAL}){WE})?",
      gate=("دهه",))
def read_decade(m: re.Match[str], w: Words) -> Reading | None:
    suffix = calendar_suffix(m)
    n = w.number(m["num"] or m["word"]) or 0
    digits = len(m["num"]) if m["num"] else 2
    if n % 10 or digits == 3:
        return None
    if digits == 2:
        # «دهه ۶۰» is the 1360s, «دهه ۶۰ میلادی» the 1960s, «دهه ۶۰ قمری» the 1360s AH.
        calendar = suffix or "jalali"
        n += 1900 if calendar == "gregorian" else 1300
    else:
        calendar = suffix or ar.calendar_of_year(n)
        # «دهه ۵۱۴۰» with no calendar word is no decade a text dates by.
        if suffix is None and not 1200 <= n <= 2199:
            return None
    return Reading(m.start(), m.end(), "decade", calendar, decade=n)


@rule("century", "date", r"{WB}(?:قرن|سده)(?: ?ی)? (?:(?P<num>\d{{1,2}})(?: ?ام| ?م)?|(?P<word>{ORDW})){WE}"
      r"(?: (?P<cal>{CAL}){WE})?", gate=("قرن", "سده"))
def read_century(m: re.Match[str], w: Words) -> Reading | None:
    n = int(m["num"]) if m["num"] else w.ordinal_words.get(key(m["word"]))
    if not n or n > 22:
        return None
    calendar = calendar_suffix(m) or ("gregorian" if n >= 16 else "jalali")
    return Reading(m.start(), m.end(), "century", calendar, century=n)


_HABIT_BEFORE = re.compile(r"(?<!\w)(?:هر|روز ?های) $")


# --- counted from the publication date ----------------------------------------------------

@rule("relword", "date", r"{WB}(?P<rw>{RELWORD}){WE}")
def read_relword(m: re.Match[str], w: Words) -> Reading:
    word = lexicon().relative_words[key(m["rw"])]
    return Reading(m.start(), m.end(), "relative", "jalali", unit=word.unit, offset=word.offset, time=word.part_of_day)


@rule("relunit_this", "date",
      r"{WB}(?P<pre>{DBEFORE}) (?P<unit1>{UNIT})(?! ?ها){WE}{NOT_RELATIVE_TO_EVENT}(?: (?P<cal>{CAL}){WE})?")
def read_relunit_this(m: re.Match[str], w: Words) -> Reading | None:
    return read_relunit(m, w)


@rule("relunit", "date",
      r"{WB}(?P<unit2>{UNIT})(?: ?ی)? (?P<deix>{DAFTER}){WE}{NOT_RELATIVE_TO_EVENT}(?: (?P<cal>{CAL}){WE})?")
def read_relunit(m: re.Match[str], w: Words) -> Reading | None:
    a = m.start()
    if a >= 2 and m.string[a - 1] == " " and m.string[a - 2].isdigit():
        return None  # «۲۵۰۰ سال پیش» is a count, never «سال پیش»
    lx = lexicon()
    gd = m.groupdict()
    unit = lx.units.get(key(gd.get("unit1") or gd["unit2"]), "hour")
    if unit == "hour":
        return None
    if gd.get("pre"):
        if unit in ("day", "year"):
            # «این روز», «در این سال» point at a time named earlier, not at
            # the publication date («امسال» is this year).
            return None
        offset = lx.deixis_before[key(m["pre"])]
    else:
        deix = key(m["deix"])
        if unit == "day" and deix not in w.day_deixis_today:
            return None
        offset = lx.deixis_after[deix]
    calendar = calendar_suffix(m) or "jalali"
    return Reading(m.start(), m.end(), "relative", calendar, unit=unit, offset=offset)


@rule("count", "date",
      r"{WB}(?P<unit>{UNIT})(?: ?ی)? (?P<dir>{DIRECTION}){WE}{NOT_RELATIVE_TO_EVENT}(?: (?P<cal>میلادی){WE})?",
      before=r"(?P<n>\d{{1,4}}|{CARDW}|چند)(?: (?P<n2>{CARDW}))? ", before_required=True)
def read_count(m: re.Match[str], w: Words) -> Reading | None:
    unit = lexicon().units.get(key(m["unit"]), "hour")
    n = m["n"]
    count = None if n == "چند" else w.number(n)
    if m["n2"]:
        # «سه چهار ماه پیش»: two neighbouring numbers are an estimate; the first counts.
        second = w.number(m["n2"])
        if count is None or second != count + 1:
            return None
    direction = w.directions[key(m["dir"])]
    calendar = "gregorian" if m["cal"] else "jalali"
    mod = "APPROX" if count is None or m["n2"] else None
    return Reading(m.start(), m.end(), "count", calendar, unit=unit, count=count, direction=direction, mod=mod)


@rule("weekday", "date",
      r"{WB}(?P<wd>{WEEKDAY}){WE}(?! ?ها)"
      r"(?: (?:هفته|ی هفته) (?P<wdx>{DAFTER}){WE}| (?P<wdx2>گذشته|آینده){WE})?")
def read_weekday(m: re.Match[str], w: Words) -> Reading | None:
    if _HABIT_BEFORE.search(m.string, max(0, m.start() - 9), m.start()):
        return None  # «هر دوشنبه», «روزهای دوشنبه»: a set (core/timex/sets.py)
    lx = lexicon()
    r = Reading(m.start(), m.end(), "weekday", "jalali", weekday=lx.weekdays[key(m["wd"])])
    wdx = m["wdx"] or m["wdx2"]
    r.offset = lx.deixis_after.get(key(wdx), 0) if wdx else 0
    r.unit = "week" if wdx else None
    return r
