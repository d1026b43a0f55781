"""Finds Persian time expressions and gives each a span and a dated interval.

Phase one (``core/reading.py``, with the rules of ``core/grammar.py``) reads
the normalized text into ``Reading``s that hold only what the words say and
joins neighbours. Phase two, here, joins ranges («از … تا …») and one date
written in two calendars, and turns each reading into days with the calendar
arithmetic of ``core/resolve.py``, in document order, so a year missing from
«۷ آذر» can come from the mention before it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from core import resolve as rv
from core.grammar import Grammar, grammar
from core.lexicon import key, lexicon
from core.model import Duration, Mention
from core.normalize import NormalizedText, normalize
from core.reading import Reading, extend_and_join, readings


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
    rs = extend_and_join(readings(s, g, lx), s, g, lx)
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
