"""Phase one: what the words say, before any calendar arithmetic.

The grammar's matches become ``Reading``s; overlaps are settled longest
first, and neighbours are joined: a weekday, part of day or modifier beside
a date, a clock time beside a day, one day named twice.
"""

from __future__ import annotations

import re
from dataclasses import replace

from core.lexicon import Lexicon, key
from core.timex.grammar import Grammar
from core.timex.joined import Joined
from core.timex.reading import Reading


def readings(s: str, g: Grammar) -> list[Reading]:
    """Every reading of the normalized text ``s``, overlaps settled, in order."""
    found: list[Reading] = []
    w = g.words
    for c in g.rules:
        if c.gate is not None and not any(word in s for word in c.gate):
            continue
        read = c.rule.read
        before = c.before
        if not c.word_start and before is None and not c.not_after:
            for m in c.regex.finditer(s):
                r = read(m, w)
                if r is not None:
                    found.append(r)
            continue
        search = c.regex.search
        m = search(s)
        while m is not None:
            a = m.start()
            if a and s[a - 1] in c.not_after:
                m = search(s, a + 1)
                continue
            head = _before(before, s, a, c.before_width) if before is not None else None
            if head is None and (c.before_required
                                 or (c.word_start and a and (s[a - 1].isalnum() or s[a - 1] == "_"))):
                m = search(s, a + 1)  # inside a word: look again from the next letter
                continue
            r = read(m if before is None else Joined(m, head), w)
            if r is not None:
                found.append(r)
            m = search(s, m.end() if m.end() > a else a + 1)
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


def _before(rx: re.Pattern[str], s: str, a: int, width: int) -> re.Match[str] | None:
    """The longest match of ``rx`` (at most ``width`` letters) that ends at
    ``a`` and starts a word."""
    pos = max(0, a - width)
    while pos < a:
        m = rx.search(s, pos, a)
        if m is None:
            return None
        b = m.start()
        if not b or not (s[b - 1].isalnum() or s[b - 1] == "_"):
            return m if m.end() == a else None
        pos = b + 1
    return None



def _is_quoted_title(r: Reading, s: str) -> bool:
    """A lone relative word or month in guillemets is a title: «فردا»."""
    if r.kind not in ("relative", "weekday", "date") or (r.kind == "date" and r.day is not None):
        return False
    return s[max(0, r.a - 2):r.a].strip() == "«" and s[r.b:r.b + 2].strip() == "»"


def _is_place_name(r: Reading, s: str, g: Grammar) -> bool:
    """«میدان ۱۵ خرداد»: a day and month right after a place noun, no year."""
    if r.kind not in ("date", "holiday") or r.day is None or r.year is not None or r.year_offset is not None:
        return False
    return bool(g.place_before.search(s, max(0, r.a - 30), r.a))


# --- joining neighbours -------------------------------------------------------

def _is_day(r: Reading) -> bool:
    if r.kind in ("date", "holiday"):
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
            if r.mod is not None or r.kind in ("clock", "weekday", "duration", "set") or (
                    r.kind == "date" and r.day is not None and lx.modifiers[key(gd["mod"])].part != "whole"):
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
        rank = {"date": 0, "holiday": 1, "weekday": 2, "relative": 1}
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
