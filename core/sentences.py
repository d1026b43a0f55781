"""Sentences and clauses as spans of the original text.

Sentences end at «. ! ? ؟ …» followed by a space or the end of the text, and
at every line break (Persian articles put one paragraph per line). A full
stop with no space after it («۳.۵», «farsnews.ir», «ج.ا.ا») or after a
one-letter word («ق.م.», «U.S.») ends nothing. A plain regex is enough here,
and it keeps hazm (0.45 s to import) out of the command's start-up.

Clauses split a sentence for summaries: at commas (soft: a list «ایران،
روسیه و ترکیه» also has commas, so a summary may run across them), and at
«؛ ; :», at conjunctions such as «اما»، «زیرا» and at «و»/«که» right after a
verb (hard: another happening starts there).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import accumulate, compress, count

from core.gazetteer import read_table
from core.model import Sentence, Span
from core.normalize import NormalizedText, normalize

_LINE_BREAKS = "\r\n\u2028\u2029\x85"
# A run of end marks (and closing quotes) before a space or the end of the
# text, or a run of line breaks. The pattern opens with one character class,
# the lookbehind telling which run it starts: the regex engine then skips to
# candidates in C instead of trying two branches at every character (4x faster).
_BREAK = re.compile(r"[.!?؟…\r\n\u2028\u2029\x85]"
                    r"(?:(?<=[.!?؟…])[.!?؟…]*[»\"')\]”’]*(?=\s|$)"
                    r"|(?<=[\r\n\u2028\u2029\x85])[\r\n\u2028\u2029\x85]*)")
_INVISIBLE = "\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff"
_CONTENT = re.compile(r"[^\W_]")


def split_sentences(text: str) -> list[Sentence]:
    """Every sentence of ``text`` in order, trimmed of spaces, indexed from 0."""
    cuts: list[int] = []
    for m in _BREAK.finditer(text):
        mark = m.group()
        if mark[0] in _LINE_BREAKS:
            cuts.append(m.start())
            cuts.append(m.end())
        elif not _is_abbreviation(text, m.start(), mark):
            cuts.append(m.end())
    sentences: list[Sentence] = []
    start = 0
    for cut in cuts + [len(text)]:
        a, b = _trim(text, start, cut)
        if a < b and _CONTENT.search(text, a, b):
            sentences.append(Sentence(len(sentences), (a, b), text[a:b]))
        start = max(start, cut)
    return sentences


def sentence_at(sentences: list[Sentence], offset: int) -> Sentence | None:
    """The sentence whose span holds ``offset`` (sentences sorted, disjoint)."""
    lo, hi = 0, len(sentences)
    while lo < hi:
        mid = (lo + hi) // 2
        if sentences[mid].span[1] <= offset:
            lo = mid + 1
        else:
            hi = mid
    if lo < len(sentences) and sentences[lo].span[0] <= offset < sentences[lo].span[1]:
        return sentences[lo]
    return None


def _is_abbreviation(text: str, at: int, mark: str) -> bool:
    if not mark.startswith(".") or mark.startswith(".."):
        return False
    # The word before: only one of at most 8 characters can be an
    # abbreviation, so 9 characters back are enough to tell.
    tail = text[max(0, at - 9):at]
    word = tail.rsplit(None, 1)[-1] if tail and not tail[-1].isspace() else ""
    # «ق.م.», «U.S.»: a one-letter word, or letters joined by full stops.
    return len(word) == 1 and word.isalpha() or ("." in word and len(word) <= 8)


def _trim(text: str, a: int, b: int) -> Span:
    while a < b and (text[a].isspace() or text[a] in _INVISIBLE):
        a += 1
    while b > a and (text[b - 1].isspace() or text[b - 1] in _INVISIBLE):
        b -= 1
    return a, b


# --- clauses -----------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Clause:
    """Part of a sentence between two clause boundaries (without them)."""

    span: Span
    # How it is separated from the clause before: "start" (first clause),
    # "soft" (a comma) or "hard" (a conjunction, «؛», «:», or «و»/«که» after a verb).
    opens: str
    ends_with_verb: bool


# Splitting on words (kept by the group) yields gap, word, gap, …, word, gap in
# one C call: far cheaper than a Match object per word.
_WORD_SPLIT = re.compile(r"([^\W_]+)")
# A comma, or «؛ ; :» not inside a number («۱۰:۳۰», «۱,۰۰۰»).
# Written to open with one character class, for speed as _BREAK.
_PUNCT = re.compile(r"[،,؛;:](?:(?<=[،,])(?:(?<!\d[،,])|(?!\d))|(?<=[؛;])|(?<=:)(?!\d))")


@dataclass(frozen=True, slots=True)
class _ClauseWords:
    always: frozenset[str]   # keys (no spaces) of conjunctions that open a clause
    always_max: int          # longest such conjunction, in words
    always_starts: frozenset[str]  # keys of the leading words of those conjunctions
    after_verb: frozenset[str]
    triggers: frozenset[str]  # always_starts and after_verb: the words a clause may open with
    always_prefixes: frozenset[str]  # every leading part (in letters) of a key in ``always``
    verb_forms: frozenset[str]
    copulas: frozenset[str]


def _affixes() -> dict[str, tuple[str, ...]]:
    """Verb prefixes, preverbs and person endings (core/lexicon/verb_affixes.tsv)."""
    from core.lexicon import read_rows

    return {kind: tuple("" if f == "-" else f for f in forms.split()) for kind, forms in read_rows("verb_affixes")}


_AFFIXES = _affixes()
_PREFIXES = _AFFIXES["prefix"]
_PREVERBS = _AFFIXES["preverb"]
_PAST_ENDINGS = _AFFIXES["past_ending"]
_PRESENT_ENDINGS = _AFFIXES["present_ending"]


@cache
def _clause_words() -> _ClauseWords:
    rows = read_table("clause_words")
    always = {r[0].replace(" ", "") for r in rows if r[1] == "always"}
    always_starts = frozenset("".join(r[0].split()[:n]) for r in rows if r[1] == "always"
                              for n in range(1, len(r[0].split()) + 1))
    after_verb = frozenset(r[0] for r in rows if r[1] == "after_verb")
    forms: set[str] = set()
    for past, present in read_table("verb_stems"):
        forms.update(past + e for e in _PAST_ENDINGS)
        forms.update(present + e for e in _PRESENT_ENDINGS)
    return _ClauseWords(
        always=frozenset(always),
        always_max=max((len(r[0].split()) for r in rows if r[1] == "always"), default=1),
        always_starts=always_starts,
        after_verb=after_verb,
        triggers=always_starts | after_verb,
        always_prefixes=frozenset(k[:n] for k in always for n in range(1, len(k) + 1)),
        verb_forms=frozenset(forms),
        copulas=frozenset(r[0] for r in read_table("copulas")),
    )


# A text repeats its verbs: the answer for a word is kept (bounded for archives).
@lru_cache(maxsize=1 << 16)
def is_verb(word: str) -> bool:
    """Whether a word (matching spelling) reads as a finite verb: a verb form,
    after at most a preverb and «می»/«نمی»/«ن»/«ب» («درآمد», «نمی‌شود»).
    Short stems need their prefix to be one, so «رشد» and «ارشد» are not «شد»."""
    cw = _clause_words()
    if word in cw.copulas or word in cw.verb_forms:
        return True
    for preverb in ("", *_PREVERBS):
        if not word.startswith(preverb):
            continue
        rest = word[len(preverb):]
        if preverb and rest in cw.verb_forms:
            return True
        for prefix in _PREFIXES:
            if rest.startswith(prefix) and rest[len(prefix):] in cw.verb_forms:
                return True
    return False


def normalized_span(normalized: NormalizedText, span: Span) -> Span:
    """Where the original ``span`` lies in ``normalized.text``: the kept
    characters of ``normalized.original[a:b]`` are ``normalized.text[x:y]``."""
    return _to_normalized(normalized, span[0]), _to_normalized(normalized, span[1])


def _to_normalized(nt: NormalizedText, i: int) -> int:
    """Normalized offset of the first kept character at or after original ``i``."""
    k = bisect_right(nt.orig_starts, i) - 1
    end = nt.norm_starts[k + 1] if k + 1 < len(nt.norm_starts) else len(nt.text)
    return min(nt.norm_starts[k] + (i - nt.orig_starts[k]), end)


def split_clauses(text: str, span: Span, normalized: NormalizedText | None = None) -> list[Clause]:
    """The clauses of ``text[span[0]:span[1]]`` (a sentence), in order.

    ``normalized``: ``normalize(text)``, if the caller has it, so a document's
    sentences are not normalized one by one again."""
    a0, b0 = span
    base, end = normalized_span(normalized, span) if normalized is not None else (0, 0)
    # Normalizing is context free but for one case: a space with only marks
    # after it up to the span's end may join a space beyond it. So only when
    # the span's last character is kept, and no space, is the document's
    # normalization the span's.
    if (normalized is not None and end > base and normalized.text[end - 1] != " "
            and normalized.to_original(end - 1) == b0 - 1):
        nt = normalized
        s = nt.text[base:end]
    else:
        nt, base = normalize(text[a0:b0]), 0
        s = nt.text
    cw = _clause_words()
    # (normalized offset where the boundary starts, where the next clause starts)
    cuts: list[tuple[int, int]] = []
    for m in _PUNCT.finditer(s):
        cuts.append((m.start(), m.end(), "soft" if m.group() in "،," else "hard"))
    parts = _WORD_SPLIT.split(s)
    words = parts[1::2]
    gaps = parts[2::2]  # gaps[i]: what follows words[i]
    # Only words a clause may open with are looked at (the filter runs in C).
    triggers = list(compress(count(), map(cw.triggers.__contains__, words)))
    starts = list(accumulate(map(len, parts), initial=0))[1::2]  # where words[i] starts
    for i in triggers:
        if (_opens_conjunction(words, gaps, i, cw)
                or (words[i] in cw.after_verb and i > 0 and is_verb(words[i - 1]) and not gaps[i - 1].strip())):
            cuts.append((starts[i], starts[i], "hard"))
    cuts.sort()
    clauses: list[Clause] = []
    start, opens = 0, "start"
    for cut_a, cut_b, kind in cuts + [(len(s), len(s), "end")]:
        if cut_a < start:
            continue
        piece = s[start:cut_a]
        if piece.strip():
            left = start + (len(piece) - len(piece.lstrip()))
            right = cut_a - (len(piece) - len(piece.rstrip()))
            oa, ob = nt.to_original_span(base + left, base + right)
            if nt is not normalized:  # offsets into the span's own text
                oa, ob = a0 + oa, a0 + ob
            # Trailing marks after the span are not the span's.
            ob = min(ob, b0)
            # Clause edges fall between words: the clause's last word is the
            # last one starting before its end.
            k = bisect_left(starts, right) - 1
            clauses.append(Clause((oa, ob), opens, k >= 0 and starts[k] >= left and is_verb(words[k])))
            opens = kind
        elif clauses and kind == "hard":
            opens = "hard"
        start = cut_b
    if not clauses:  # only punctuation: the sentence is its one clause
        clauses.append(Clause(span, "start", False))
    return clauses


def _opens_conjunction(words: list[str], gaps: list[str], i: int, cw: _ClauseWords) -> bool:
    """Whether an always-conjunction starts at ``words[i]``, its words one space apart."""
    key = ""
    for k in range(i, min(len(words), i + cw.always_max)):
        if k > i and gaps[k - 1] != " ":
            return False
        key += words[k]
        if key in cw.always:
            return True
        # Longer runs only add letters: stop once no conjunction starts so.
        if key not in cw.always_prefixes:
            return False
    return False
