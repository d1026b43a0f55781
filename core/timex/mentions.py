"""The engine's entry: text → ``Mention``s, in document order.

Phase one (``spans.py``, with the rules of the dimension modules) reads the
normalized text into ``Reading``s and joins neighbours. Here ranges («از …
تا …») and one date written in two calendars are joined, and each reading
gets its days from the resolver table (``resolvers.py``), in document order,
so a year missing from «۷ آذر» can come from the mention before it.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from core.lexicon import key, lexicon
from core.model import GRANULARITY_RANK, Mention
from core.normalize import NormalizedText, normalize
from core.timex.grammar import Grammar, grammar
from core.timex.reading import Reading
from core.timex.resolvers import Value, resolve
from core.timex.spans import extend_and_join, readings

_SENTENCE_END = re.compile(r"[.!?؟\n]")


def _attach_ranges(rs: list[Reading], s: str, g: Grammar) -> list[Reading]:
    """«۱۵ تا ۲۵ اردیبهشت», «۵ و ۶ خرداد», «سال‌های ۲۰۱۰ تا ۲۰۱۴»; and in
    «از فروردین تا شهریور ۱۴۰۲» the first part takes the last part's year."""
    for i, r in enumerate(rs):
        nxt = rs[i + 1] if i + 1 < len(rs) else None
        if r.kind == "date" and r.day is not None and r.day_to is None:
            floor = rs[i - 1].b if i else 0  # never into the mention before
            m = g.range_head.search(s, max(floor, r.a - 40), r.a)
            if m and m.end() == r.a and (m.start() == 0 or not s[m.start() - 1].isalnum()):
                first = int(m["day"]) if m["day"] else g.words.day_words.get(key(m["dayw"]))
                if first and first < r.day:
                    r.day, r.day_to, r.a = first, r.day, m.start()
        elif r.kind == "year" and r.year_to is None:
            m = g.range_tail.match(s, r.b)
            # A last part that is a mention of its own is joined later, whole.
            if m and not (nxt and nxt.a < m.end()):
                r.year_to = int(m["year"])  # the range's last year, same calendar
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


def _mark_future(rs: list[Reading], s: str, g: Grammar) -> None:
    """A weekday with no week named, in a sentence about the future («جلسه
    روز دوشنبه تشکیل خواهد شد»), is the next such day."""
    for r in rs:
        if r.kind != "weekday" or r.unit is not None:
            continue
        start = max((m.end() for m in _SENTENCE_END.finditer(s, max(0, r.a - 300), r.a)), default=0)
        end_match = _SENTENCE_END.search(s, r.b)
        end = end_match.start() if end_match else len(s)
        if g.future_verb.search(s, start, end):
            r.future = True


def _dated(v: Value | None) -> bool:
    return v is not None and v.start is not None and v.type in ("date", "time")


# Kinds whose days come from the publication date: beside another date after
# a dash they restate it («امروز - ۲۸ فروردین»), they do not start a range.
_COUNTED_FROM_TODAY = ("relative", "weekday", "count", "clock")


def _joins_as_range(r: Reading, nr: Reading, v: Value | None, w: Value | None, s: str, g: Grammar) -> bool:
    if v is None or w is None or v.type not in ("date", "time") or w.type not in ("date", "time"):
        return False
    if (r.calendar or "jalali") != (nr.calendar or "jalali"):
        return False
    link = g.range_link.fullmatch(s, r.b, nr.a)
    if not link:
        return False
    if "-" in link.group() or "–" in link.group():
        return r.kind not in _COUNTED_FROM_TODAY and nr.kind not in _COUNTED_FROM_TODAY
    return True


def _pair_and_span(text: str, nt: NormalizedText, rs: list[Reading], values: list[Value | None],
                   s: str, g: Grammar, published: date | None) -> list[Mention]:
    mentions: list[Mention] = []
    norm_ends: list[int] = []  # where each mention ends in the normalized text
    i = 0
    while i < len(rs):
        r, v = rs[i], values[i]
        if v is None:
            i += 1
            continue
        a, b = r.a, r.b
        start, end, gran, mod, relative, value = v.start, v.end, v.granularity, v.mod, v.relative, v.value
        # «X تا Y» between two mentions is one range. Whether it is one is
        # read from the words alone, so a publication date never changes it.
        if i + 1 < len(rs) and _joins_as_range(r, rs[i + 1], v, values[i + 1], s, g):
            w = values[i + 1]
            b = rs[i + 1].b
            gran = max(gran, w.granularity, key=lambda x: GRANULARITY_RANK.get(x, 0))
            relative = relative or w.relative
            if start is not None and w.start is not None:
                start, end = min(start, w.start), max(end, w.end)
                value = f"{start.isoformat()}/{end.isoformat()}"
            else:
                start = end = None
                value = f"{v.value}/{w.value}"
            i += 1
        since = g.since_tail.match(s, b) if v.type in ("date", "time") else None
        if since:
            b, mod, relative = since.end(), "SINCE", True
            if published is None or start is None:
                # «از سال ۱۳۷۲ تاکنون» with no publication date: from a known
                # day to an unknown one; the value keeps the start.
                value = f"{start.isoformat() if start else value}/PRESENT_REF"
                start = end = None
            elif start <= published:
                end = published
                value = f"{start.isoformat()}/{end.isoformat()}"
        # «تا امروز», «تا ۱۵ آذر»: up to that time (the span leaves «تا» out).
        if (_dated(v) and start is not None and mod is None and b == r.b and end == v.end and s.endswith("تا ", 0, a)
                and (a < 4 or not s[a - 4].isalnum())):
            mod = "UNTIL"
        # A range keeps its «از».
        if (v.type in ("date", "time") and (b != r.b or end != v.end or r.year_to is not None
                           or (r.day_to is not None and r.kind == "date"))
                and s.endswith("از ", 0, a) and (a < 4 or not s[a - 4].isalnum())):
            a -= 3
        oa, ob = nt.to_original_span(a, b)
        same_as, disagrees = None, False
        if mentions and _dated(v) and start is not None:
            prev = mentions[-1]
            # Hijri dates may differ by a day between conventions.
            slack = timedelta(days=1 if "hijri" in (v.calendar, prev.calendar) else 0)
            if prev.start is None or not prev.datable:
                pass
            elif (g.same_date_link.fullmatch(s, norm_ends[-1], a) and prev.calendar != v.calendar
                    and prev.same_as is None):
                same_as = len(mentions) - 1
                disagrees = start > prev.end + slack or prev.start > end + slack
            elif (prev.same_as is not None and g.same_date_more.fullmatch(s, norm_ends[-1], a)
                  and v.calendar not in (prev.calendar, mentions[prev.same_as].calendar)
                  and abs((start - prev.start).days) <= slack.days and abs((end - prev.end).days) <= slack.days):
                # «… برابر با ۲ جمادی‌الثانی ۱۴۴۶ و ۳ دسامبر ۲۰۲۴»: a third calendar for the same day.
                same_as = prev.same_as
        mentions.append(Mention((oa, ob), text[oa:ob], start, end, gran, mod, v.calendar, relative,
                                time=r.time, same_as=same_as, disagrees=disagrees, type=v.type, value=value))
        norm_ends.append(b)
        i += 1
    return mentions


def find_mentions(text: str, published: date | None = None) -> list[Mention]:
    """Every time expression in ``text``, in document order, with spans into
    ``text``. With no ``published`` date, an expression counted from it is
    still found, with ``start``/``end`` None and an offset as its value."""
    g, lx = grammar(), lexicon()
    nt = normalize(text)
    s = nt.text
    rs = extend_and_join(readings(s, g), s, g, lx)
    rs = _attach_ranges(rs, s, g)
    _mark_future(rs, s, g)
    values: list[Value | None] = []
    reference: tuple[date, date] | None = None
    reference_sentence = -1
    # Sentence numbers are needed only for a day or month with no year.
    sentence_of = _sentence_numbers(rs, s) if any(_needs_year(r) for r in rs) else [0] * len(rs)
    for i, r in enumerate(rs):
        anchor = reference
        if _needs_year(r) and reference_sentence != sentence_of[i]:
            # «قیام ۱۵ خرداد … در سال ۴۲»: a year written later in the same sentence.
            anchor = _year_later_in_sentence(rs, i, sentence_of, published) or reference
        v = resolve(r, published, anchor)
        values.append(v)
        if (v is not None and v.start is not None and v.type == "date"
                and v.granularity in ("day", "week", "month", "season", "year")):
            reference, reference_sentence = (v.start, v.end), sentence_of[i]
    return _pair_and_span(text, nt, rs, values, s, g, published)


def _needs_year(r: Reading) -> bool:
    return (r.kind in ("date", "holiday", "monthpart") and r.year is None and r.year_offset is None
            and r.month_dir is None)


def _sentence_numbers(rs: list[Reading], s: str) -> list[int]:
    ends = [m.start() for m in _SENTENCE_END.finditer(s)] if len(rs) > 1 else []
    out, k = [], 0
    for r in rs:
        while k < len(ends) and ends[k] < r.a:
            k += 1
        out.append(k)
    return out


def _year_later_in_sentence(rs: list[Reading], i: int, sentence_of: list[int],
                            published: date | None) -> tuple[date, date] | None:
    for j in range(i + 1, len(rs)):
        if sentence_of[j] != sentence_of[i]:
            return None
        later = rs[j]
        if later.kind in ("year", "date") and later.year is not None and later.year_to is None:
            v = resolve(later, published, None)
            if v is not None and v.start is not None:
                return v.start, v.end
    return None
