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
from dataclasses import dataclass
from functools import cache

from core.gazetteer import read_table
from core.model import Sentence, Span
from core.normalize import normalize

_BREAK = re.compile(r"(?P<end>[.!?؟!…]+[»\"')\]”’]*)(?=\s|$)|(?P<line>[\r\n\u2028\u2029\x85]+)")
_INVISIBLE = "\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff"
_CONTENT = re.compile(r"[^\W_]")


def split_sentences(text: str) -> list[Sentence]:
    """Every sentence of ``text`` in order, trimmed of spaces, indexed from 0."""
    cuts: list[int] = []
    for m in _BREAK.finditer(text):
        if m.group("line"):
            cuts.append(m.start())
            cuts.append(m.end())
        elif not _is_abbreviation(text, m.start(), m.group("end")):
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
    word_start = at
    while word_start > 0 and not text[word_start - 1].isspace():
        word_start -= 1
    word = text[word_start:at]
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


_WORD = re.compile(r"[^\W_]+")
# A comma, or «؛ ; :» not inside a number («۱۰:۳۰», «۱,۰۰۰»).
_PUNCT = re.compile(r"(?<!\d)[،,]|[،,](?!\d)|[؛;]|:(?!\d)")


@dataclass(frozen=True, slots=True)
class _ClauseWords:
    always: frozenset[str]   # keys (no spaces) of conjunctions that open a clause
    always_max: int          # longest such conjunction, in words
    always_starts: frozenset[str]  # keys of the leading words of those conjunctions
    after_verb: frozenset[str]
    verb_forms: frozenset[str]
    copulas: frozenset[str]


_PREFIXES = ("نمی", "می", "ن", "ب")
_PREVERBS = ("در", "بر", "باز", "فرا", "فرو", "وا", "ور")
_PAST_ENDINGS = ("", "م", "ی", "یم", "ید", "ند", "ه", "هام", "های", "هایم", "هاید", "هاند", "هاست")
_PRESENT_ENDINGS = ("م", "ی", "د", "یم", "ید", "ند")


@cache
def _clause_words() -> _ClauseWords:
    rows = read_table("clause_words")
    always = {r[0].replace(" ", "") for r in rows if r[1] == "always"}
    forms: set[str] = set()
    for past, present in read_table("verb_stems"):
        forms.update(past + e for e in _PAST_ENDINGS)
        forms.update(present + e for e in _PRESENT_ENDINGS)
    return _ClauseWords(
        always=frozenset(always),
        always_max=max((len(r[0].split()) for r in rows if r[1] == "always"), default=1),
        always_starts=frozenset("".join(r[0].split()[:n]) for r in rows if r[1] == "always"
                                for n in range(1, len(r[0].split()) + 1)),
        after_verb=frozenset(r[0] for r in rows if r[1] == "after_verb"),
        verb_forms=frozenset(forms),
        copulas=frozenset(r[0] for r in read_table("copulas")),
    )


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


def split_clauses(text: str, span: Span) -> list[Clause]:
    """The clauses of ``text[span[0]:span[1]]`` (a sentence), in order."""
    a0, b0 = span
    nt = normalize(text[a0:b0])
    s = nt.text
    cw = _clause_words()
    # (normalized offset where the boundary starts, where the next clause starts)
    cuts: list[tuple[int, int]] = []
    for m in _PUNCT.finditer(s):
        cuts.append((m.start(), m.end(), "soft" if m.group() in "،," else "hard"))
    words = list(_WORD.finditer(s))
    for i, w in enumerate(words):
        if w.group() not in cw.always_starts and w.group() not in cw.after_verb:
            continue
        for n in range(cw.always_max, 0, -1):
            if i + n > len(words) or not _adjacent(s, words[i:i + n]):
                continue
            if "".join(x.group() for x in words[i:i + n]) in cw.always:
                cuts.append((w.start(), w.start(), "hard"))
                break
        else:
            if (w.group() in cw.after_verb and i > 0 and is_verb(words[i - 1].group())
                    and not s[words[i - 1].end():w.start()].strip()):
                cuts.append((w.start(), w.start(), "hard"))
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
            oa, ob = nt.to_original_span(left, right)
            last = _WORD.findall(s, left, right)
            clauses.append(Clause((a0 + oa, a0 + ob), opens, bool(last) and is_verb(last[-1])))
            opens = kind
        elif clauses and kind == "hard":
            opens = "hard"
        start = cut_b
    if not clauses:  # only punctuation: the sentence is its one clause
        clauses.append(Clause(span, "start", False))
    return clauses


def _adjacent(s: str, words: list[re.Match[str]]) -> bool:
    return all(s[x.end():y.start()] == " " for x, y in zip(words, words[1:]))
