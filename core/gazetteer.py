"""Actors and places named in a text, from the data files in ``core/gazetteer/``.

Matching runs on words of the normalized text (core/normalize.py), so Arabic
letters, diacritics and ZWNJ do not matter, and a space inside a name may be
missing («سازمانملل»). A name may carry a suffix, joined or after a ZWNJ
(«روس‌ها», «ترکیه‌ای»); the longest name wins.

Roles:
- countries are actors, except right after «در» (past heads like «شمال غربی»)
  or right after a city («سوچی روسیه»), where they are places;
- demonyms and adjectives are actors, as their country («روس‌ها» → روسیه);
- cities, provinces and regions are places; organizations and people actors;
- a news agency is no actor where it is only the source («به گزارش ایرنا»);
- a country right after a head such as «ارتش» names a body: «ارتش سوریه».
People: known names (people.tsv), a first name before a word («ولادیمیر
پوتین» → پوتین, also after a title: «رئیس جمهور روسیه ولادیمیر پوتین»), an
honorific before a word («آقای فرهادی»); a surname found so is then known in
the rest of that text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from itertools import accumulate, compress, count

from core.lexicon import read_rows
from core.model import Span
from core.normalize import NormalizedText, fold, normalize

ACTOR = "actor"
PLACE = "place"


def read_table(name: str) -> list[list[str]]:
    """Rows of ``core/gazetteer/<name>.tsv``, read as the lexicons are."""
    return read_rows(name, "gazetteer")


@dataclass(frozen=True, slots=True)
class EntityMatch:
    span: Span   # in the original text
    name: str    # canonical name, for display and filters
    kind: str    # country | city | province | region | org | media | person
    role: str    # actor | place


@dataclass(frozen=True, slots=True)
class _Entry:
    name: str
    kind: str
    form_kind: str  # countries: name | adjective | people; others: same as kind
    plural_only: bool


@dataclass(frozen=True, slots=True)
class _Data:
    entries: dict[str, _Entry]        # key (form without spaces) → entry
    starts: frozenset[str]            # keys of every leading run of a form's words, bare or with a suffix
    max_words: int
    plural: tuple[tuple[int, frozenset[str]], ...]     # suffixes grouped by length, longest first
    adjective: tuple[tuple[int, frozenset[str]], ...]
    org_heads: frozenset[str]
    org_head_tails: frozenset[str]   # keys of every trailing run of a head's words
    given: dict[str, bool]            # first name → ambiguous
    honorifics: frozenset[str]
    title_ends: frozenset[str]        # last words of titles: only after one can a title precede a name
    person_cues: frozenset[str]       # first names and title_ends
    offices: frozenset[str]
    title_words: frozenset[str]
    prepositions: frozenset[str]
    place_heads: frozenset[str]
    attributions: frozenset[tuple[str, ...]]
    attribution_lengths: tuple[int, ...]  # in words, each once
    function_words: frozenset[str]


def _key(form: str) -> str:
    return form.replace(" ", "")


@cache
def _data() -> _Data:
    entries: dict[str, _Entry] = {}
    starts: set[str] = set()
    max_words = 1

    def add(form: str, entry: _Entry) -> None:
        nonlocal max_words
        entries[_key(form)] = entry
        parts = form.split(" ")
        max_words = max(max_words, len(parts))
        for n in range(1, len(parts) + 1):
            starts.add("".join(parts[:n]))

    for form, name, kind, plural_only in read_table("countries"):
        add(form, _Entry(name, "country", kind, plural_only == "1"))
    for form, name, kind in read_table("places"):
        add(form, _Entry(name, kind, kind, False))
    for form, name, kind in read_table("organizations"):
        add(form, _Entry(name, kind, kind, False))
    for form, name in read_table("people"):
        add(form, _Entry(name, "person", "person", False))
    suffixes = read_table("suffixes")
    starts |= {start + suffix[0] for start in list(starts) for suffix in suffixes}
    heads = [r[0] for r in read_table("org_heads")]
    titles = read_table("titles")
    title_ends = frozenset(r[0].split(" ")[-1] for r in titles)
    given = {r[0]: r[1] == "1" for r in read_table("given_names")}
    locatives = read_table("locatives")
    return _Data(
        entries=entries,
        starts=frozenset(starts),
        max_words=max_words,
        plural=_by_length(r[0] for r in suffixes if r[1] == "plural"),
        adjective=_by_length(r[0] for r in suffixes if r[1] == "adjective"),
        org_heads=frozenset(_key(h) for h in heads),
        org_head_tails=frozenset("".join(h.split(" ")[n:]) for h in heads for n in range(len(h.split(" ")))),
        given=given,
        honorifics=frozenset(_key(r[0]) for r in titles if r[1] == "honorific"),
        title_ends=title_ends,
        person_cues=title_ends | frozenset(given),
        offices=frozenset(_key(r[0]) for r in titles if r[1] == "office"),
        title_words=frozenset(w for r in titles for w in r[0].split(" ")),
        prepositions=frozenset(r[0] for r in locatives if r[1] == "preposition"),
        place_heads=frozenset(r[0] for r in locatives if r[1] == "head"),
        attributions=frozenset(tuple(r[0].split(" ")) for r in read_table("attributions")),
        attribution_lengths=tuple(sorted({len(r[0].split(" ")) for r in read_table("attributions")})),
        function_words=frozenset(r[0] for r in read_table("function_words")),
    )


def _by_length(suffixes: Iterable[str]) -> tuple[tuple[int, frozenset[str]], ...]:
    """Suffixes as (length, set), longest first: a word has one ending of each
    length, so one set lookup per length replaces an endswith per suffix."""
    groups: dict[int, set[str]] = {}
    for suffix in suffixes:
        groups.setdefault(len(suffix), set()).add(suffix)
    return tuple((n, frozenset(group)) for n, group in sorted(groups.items(), reverse=True))


_WORD = re.compile(r"[^\W\d_]+")
# Splitting on words (kept by the group) yields gap, word, gap, …, word, gap
# in one C call: far cheaper than a Match object per word.
_WORD_SPLIT = re.compile(r"([^\W\d_]+)")
_WORD_OR_NUMBER = re.compile(r"[^\W_]+(?:\.\d+)?")


@dataclass(slots=True)
class _Found:
    first: int   # word indices, inclusive
    last: int
    entry: _Entry


# Words of the normalized text are a tuple of strings; ``joined[i]``: word i
# and the next are separated by exactly one space (so they may form one name);
# ``starts[i]``: where word i starts in the normalized text.
_Words = tuple[str, ...]


def find_entities(text: str, normalized: NormalizedText | None = None) -> list[EntityMatch]:
    """Every actor and place named in ``text``, in text order."""
    nt = normalized if normalized is not None else normalize(text)
    s = nt.text
    parts = _WORD_SPLIT.split(s)
    words = tuple(parts[1::2])
    if not words:
        return []
    joined = list(map(" ".__eq__, parts[2::2]))
    joined[-1] = False  # the last gap runs to the end of the text
    starts = list(accumulate(map(len, parts), initial=0))[1::2]
    data = _data()
    found = _names(words, joined, data)
    found = _bodies(found, words, joined, data)
    found += _people(words, joined, starts, data, found, text, nt)
    found.sort(key=lambda f: f.first)
    matches = []
    for k, f in enumerate(found):
        role = _role(f, k, found, words, joined, data)
        if role is None:
            continue
        a, b = nt.to_original_span(starts[f.first], starts[f.last] + len(words[f.last]))
        matches.append(EntityMatch((a, b), f.entry.name, f.entry.kind, role))
    return matches


def actors_and_places(matches: Iterable[EntityMatch], span: Span | None = None) -> tuple[list[str], list[str]]:
    """Distinct actor and place names (first appearance first), within ``span`` if given."""
    actors: list[str] = []
    places: list[str] = []
    for m in matches:
        if span is not None and not (span[0] <= m.span[0] and m.span[1] <= span[1]):
            continue
        bucket = actors if m.role == ACTOR else places
        if m.name not in bucket:
            bucket.append(m.name)
    return actors, places


def canonical_name(query: str) -> str | None:
    """The canonical name a query names («روس‌ها» → «روسیه»), if it is one."""
    matches = find_entities(query)
    if len(matches) == 1:
        return matches[0].name
    return None


# --- names from the tables ------------------------------------------------------

def _lookup(key: str, data: _Data) -> _Entry | None:
    """The entry a run of words names, with any suffix it may carry."""
    entry = data.entries.get(key)
    if entry is not None:
        return None if entry.plural_only else entry
    for n, suffixes in data.plural:
        if key[-n:] in suffixes:
            entry = data.entries.get(key[:-n])
            if entry is not None and entry.form_kind in ("people", "adjective"):
                return entry
    for n, suffixes in data.adjective:
        if key[-n:] in suffixes:
            entry = data.entries.get(key[:-n])
            if entry is not None and entry.form_kind not in ("people", "adjective", "person", "org", "media"):
                return entry
    return None


def _names(words: _Words, joined: list[bool], data: _Data) -> list[_Found]:
    found: list[_Found] = []
    starts = data.starts
    n = len(words)
    resume = 0  # a found name's words start no other name
    # Only words that can begin a name are tried (the filter runs in C).
    for i in compress(count(), map(starts.__contains__, words)):
        if i < resume:
            continue
        best: _Found | None = None
        key = ""
        # One extra word for a suffix written apart («روس ها»).
        for j in range(i, min(n, i + data.max_words + 1)):
            key += words[j]
            # Every name, bare or with a suffix, is in ``starts``: skip the rest.
            if key in starts:
                entry = _lookup(key, data)
                if entry is not None:
                    best = _Found(i, j, entry)
            if not joined[j]:
                break
        if best is not None:
            found.append(best)
            resume = best.last + 1
    return found


def _bodies(found: list[_Found], words: _Words, joined: list[bool], data: _Data) -> list[_Found]:
    """«ارتش سوریه»: a head right before a country names that country's body."""
    out: list[_Found] = []
    for f in found:
        is_country = f.entry.kind == "country" and f.entry.form_kind == "name"
        head = _head_before(f.first, words, joined, data) if is_country else None
        if head is not None and (not out or out[-1].last < head):
            name = " ".join(words[head:f.first]) + " " + f.entry.name
            out.append(_Found(head, f.last, _Entry(name, "org", "org", False)))
        else:
            out.append(f)
    return out


def _head_before(first: int, words: _Words, joined: list[bool], data: _Data) -> int | None:
    key = ""
    for start in range(first - 1, max(-1, first - 4), -1):
        if not joined[start]:
            return None
        key = words[start] + key
        if key in data.org_heads:
            return start
        if key not in data.org_head_tails:
            return None
    return None


# --- people by pattern ----------------------------------------------------------

def _people(words: _Words, joined: list[bool], starts: list[int], data: _Data,
            found: list[_Found], text: str, nt: NormalizedText) -> list[_Found]:
    # A person starts at a first name or right after a title's last word;
    # finding those words in C spares a Python step per word of the text.
    candidates: set[int] = set()
    for h in compress(count(), map(data.person_cues.__contains__, words)):
        if words[h] in data.given:
            candidates.add(h)
        if words[h] in data.title_ends and h + 1 < len(words):
            candidates.add(h + 1)
    if not candidates:
        return []
    covered = {i: f.entry.kind for f in found for i in range(f.first, f.last + 1)}
    people: list[_Found] = []
    surnames: dict[str, str] = {}
    resume = 0  # a person's words start no other person
    for i in sorted(candidates):
        if i < resume or i in covered:
            continue
        titled = i > 0 and _title_before(words, joined, i, data, covered)
        honorific = titled == "honorific"
        j = i
        while (j < len(words) and j not in covered and words[j] in data.given
               and (not data.given[words[j]] or titled or j > i) and joined[j]):
            j += 1
        if (j > i or honorific) and j < len(words) and j not in covered and _surname_word(words[j], data):
            last = j
            # «خامنه‌ای»: an ending joined by a ZWNJ belongs to the name.
            end = starts[last] + len(words[last])
            if last + 1 < len(words) and words[last + 1] in ("ای", "ی") and joined[last]:
                a, _ = nt.to_original_span(end, end + 1)
                if text[a:a + 1] == "\u200c":
                    last += 1
            a, b = nt.to_original_span(starts[j], starts[last] + len(words[last]))
            name = " ".join(text[a:b].split())
            key = "".join(words[j:last + 1])
            surnames.setdefault(key, name)
            people.append(_Found(i, last, _Entry(surnames[key], "person", "person", False)))
            covered.update((n, "person") for n in range(i, last + 1))
            resume = last + 1
    if surnames:
        for k, w in enumerate(words):
            if k not in covered and w in surnames:
                people.append(_Found(k, k, _Entry(surnames[w], "person", "person", False)))
    return people


def _title_before(words: _Words, joined: list[bool], i: int, data: _Data,
                  covered: dict[int, str]) -> str | None:
    """"honorific" if a title ends right before word ``i``, "office" if an office
    title does, maybe followed by a country or body («رئیس جمهور روسیه …»)."""
    key = ""
    between = False
    for start in range(i - 1, max(-1, i - 6), -1):
        if not joined[start]:
            return None
        if start in covered:
            if covered[start] not in ("country", "org", "media"):
                return None
            between, key = True, ""
            continue
        key = words[start] + key
        if key in data.honorifics:
            return None if between else "honorific"
        if key in data.offices:
            return "office"
    return None


def _surname_word(word: str, data: _Data) -> bool:
    return (len(word) >= 2 and word not in data.function_words and word not in data.title_words
            and word not in data.given and _key(word) not in data.entries)


# --- roles ------------------------------------------------------------------------

def _role(f: _Found, k: int, found: list[_Found], words: _Words, joined: list[bool],
          data: _Data) -> str | None:
    kind = f.entry.kind
    if kind in ("city", "province", "region"):
        return PLACE
    if kind == "media":
        return None if _after_attribution(f.first, words, data) else ACTOR
    if kind == "country" and f.entry.form_kind == "name":
        if (k > 0 and found[k - 1].last == f.first - 1 and joined[f.first - 1]
                and found[k - 1].entry.kind in ("city", "province")):
            return PLACE
        if _after_preposition(f.first, words, data):
            return PLACE
    return ACTOR


def _after_preposition(first: int, words: _Words, data: _Data) -> bool:
    i = first - 1
    while i >= 0 and first - i <= 4:
        word = words[i]
        if word in data.prepositions:
            return True
        if word not in data.place_heads:
            return False
        i -= 1
    return False


def _after_attribution(first: int, words: _Words, data: _Data) -> bool:
    """An attribution phrase ends at most two words before ``first``
    («به نقل از خبرگزاری اسپوتنیک»)."""
    for gap in range(0, 3):
        end = first - gap
        # One set lookup per phrase length, not one comparison per phrase.
        for n in data.attribution_lengths:
            if end - n >= 0 and words[end - n:end] in data.attributions:
                return True
    return False


def lint_forms() -> list[str]:
    """Problems in the data files: forms not in matching spelling, one form
    with two meanings. Empty when the files are sound (a test checks)."""
    problems = []
    seen: dict[str, tuple[str, str]] = {}
    columns = {"countries": 4, "places": 3, "organizations": 3, "people": 2, "given_names": 2, "titles": 2,
               "suffixes": 2, "locatives": 2, "attributions": 1, "function_words": 1, "org_heads": 1,
               "clause_words": 2, "verb_stems": 2, "copulas": 1}
    for table, wanted in columns.items():
        for row in read_table(table):
            if len(row) != wanted:
                problems.append(f"{table}: {row!r} should have {wanted} columns")
    for table in ("countries", "places", "organizations", "people"):
        for row in read_table(table):
            form = row[0]
            if fold(form) != form or "  " in form or form != form.strip():
                problems.append(f"{table}: {form!r} is not in matching spelling")
            key = _key(form)
            if key in seen and seen[key] != (table, row[1]):
                problems.append(f"{table}: {form!r} also in {seen[key][0]} as {seen[key][1]!r}")
            seen[key] = (table, row[1])
    for table in ("given_names", "titles", "suffixes", "locatives", "attributions", "function_words",
                  "org_heads", "clause_words", "verb_stems", "copulas"):
        keys = set()
        for row in read_table(table):
            for cell in (row if table == "verb_stems" else row[:1]):
                if fold(cell) != cell:
                    problems.append(f"{table}: {cell!r} is not in matching spelling")
            if row[0] in keys:
                problems.append(f"{table}: {row[0]!r} listed twice")
            keys.add(row[0])
    return problems


def opens_with_attribution(text: str) -> bool:
    """Whether ``text`` starts with a phrase naming a report's source («به گزارش …»)."""
    words = _WORD.findall(fold(text), 0, 80)
    return any(tuple(words[: len(p)]) == p for p in _data().attributions)


_LIGHT_ENDINGS = ("هایی", "های", "ها", "ای", "ی")


def content_words(text: str, folded: bool = False) -> frozenset[str]:
    """Words that carry content, for telling whether two sentences report one
    happening: matching spelling, function words left out, plural and «ی»
    endings taken off («ریشتری» = «ریشتر», «خیابان‌ها» = «خیابان»).
    ``folded``: ``text`` is in matching spelling already."""
    stop = _data().function_words
    words = set()
    # Each distinct word once; most have none of the endings (one C test).
    for w in set(_WORD_OR_NUMBER.findall(text if folded else fold(text))):
        if len(w) < 2 or w in stop:
            continue
        if w.endswith(_LIGHT_ENDINGS):
            for ending in _LIGHT_ENDINGS:
                if w.endswith(ending) and len(w) - len(ending) >= 3:
                    w = w[: -len(ending)]
                    break
        words.add(w)
    return frozenset(words)
