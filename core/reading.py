"""Phase one: what the words say, before any calendar arithmetic.

The grammar's matches become ``Reading``s; overlaps are settled longest
first, and neighbours are joined: a weekday, part of day or modifier beside
a date, a clock time beside a day, one day named twice.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from core import resolve as rv
from core.grammar import Grammar
from core.lexicon import Lexicon, key


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


def readings(s: str, g: Grammar, lx: Lexicon) -> list[Reading]:
    """Every reading of the normalized text ``s``, overlaps settled, in order."""
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


def extend_and_join(rs: list[Reading], s: str, g: Grammar, lx: Lexicon) -> list[Reading]:
    """Each reading grows into the words around it, never into a neighbour;
    then neighbours that name one moment become one reading."""
    for i, r in enumerate(rs):
        _extend_left(r, s, g, lx, rs[i - 1].b if i else 0)
        _extend_right(r, s, g, lx, rs[i + 1].a if i + 1 < len(rs) else len(s))
    return _join_neighbours(rs, s, g)
