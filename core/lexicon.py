"""Loads the language data under ``core/lexicon/`` and turns word lists into regex.

Every file is TSV, ``#`` starts a comment, the first column is a form written
in matching spelling (what ``core.normalize.fold`` produces). A space in a form
matches a space, a ZWNJ (folded to a space) or nothing, so «سه شنبه» finds
«سه‌شنبه», «سه شنبه» and «سهشنبه» without listing them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib.resources import files


def read_rows(name: str, folder: str = "lexicon") -> list[list[str]]:
    """Rows of ``core/<folder>/<name>.tsv`` without comments and blank lines."""
    text = (files("core") / folder / f"{name}.tsv").read_text(encoding="utf-8")
    rows = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        rows.append(line.split("\t"))
    return rows


def form_pattern(form: str) -> str:
    """Regex for one form: its spaces become optional."""
    return " ?".join(re.escape(part) for part in form.split(" "))


def alternation(forms: list[str] | set[str]) -> str:
    """One regex for many forms, factored as a trie: the engine tries one
    branch per distinct next letter instead of every form at every position
    (a flat list of a hundred number words made the grammar several times
    slower). Greedy optional tails keep longest-first: «جمادی الاولی» wins
    over «جمادی الاول»."""
    trie: dict = {}
    for form in set(forms):
        node = trie
        for ch in form:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _trie_pattern(trie)


def _trie_pattern(node: dict) -> str:
    ends_here = "" in node
    branches = []
    for ch in sorted(k for k in node if k):
        # A space in a form matches a space, a ZWNJ (folded to a space) or nothing.
        head = " ?" if ch == " " else re.escape(ch)
        branches.append(head + _trie_pattern(node[ch]))
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if ends_here else body


def key(form: str) -> str:
    """Lookup key for a matched surface: spaces removed, as form_pattern allows."""
    return form.replace(" ", "")


@dataclass(frozen=True, slots=True)
class MonthName:
    calendar: str
    month: int
    # 0: always a month; 1: only beside a day, a year or «ماه»; 2: only beside a
    # year or «ماه»; 3: as 2, or after a day written in digits.
    ambiguity: int


@dataclass(frozen=True, slots=True)
class Modifier:
    mod: str
    part: str  # "third", "half" or "whole"


@dataclass(frozen=True, slots=True)
class RelativeWord:
    unit: str
    offset: int
    part_of_day: str | None


@dataclass(frozen=True, slots=True)
class Lexicon:
    months: dict[str, MonthName]
    weekdays: dict[str, int]
    seasons: dict[str, int]
    calendar_suffixes: dict[str, str]
    units: dict[str, str]
    deixis_after: dict[str, int]
    deixis_before: dict[str, int]
    relative_words: dict[str, RelativeWord]
    parts_of_day: dict[str, str]
    modifiers: dict[str, Modifier]
    cardinals: dict[str, int]
    ordinals: dict[str, int]
    place_nouns: set[str]
    not_dates: set[str]


@cache
def lexicon() -> Lexicon:
    deixis = read_rows("deixis")
    return Lexicon(
        months={key(r[0]): MonthName(r[1], int(r[2]), int(r[3])) for r in read_rows("months")},
        weekdays={key(r[0]): int(r[1]) for r in read_rows("weekdays")},
        seasons={key(r[0]): int(r[1]) for r in read_rows("seasons")},
        calendar_suffixes={key(r[0]): r[1] for r in read_rows("calendar_suffixes")},
        units={key(r[0]): r[1] for r in read_rows("units")},
        deixis_after={key(r[0]): int(r[1]) for r in deixis if r[2] == "after"},
        deixis_before={key(r[0]): int(r[1]) for r in deixis if r[2] == "before"},
        relative_words={key(r[0]): RelativeWord(r[1], int(r[2]), r[3] if len(r) > 3 and r[3] else None)
                        for r in read_rows("relative_words")},
        parts_of_day={key(r[0]): r[1] for r in read_rows("parts_of_day")},
        modifiers={key(r[0]): Modifier(r[1], r[2]) for r in read_rows("modifiers")},
        # Number words keep their spelling: the grammar builds patterns from them.
        cardinals={r[0]: int(r[1]) for r in read_rows("number_words") if r[2] == "cardinal"},
        ordinals={r[0]: int(r[1]) for r in read_rows("number_words") if r[2] == "ordinal"},
        place_nouns={r[0] for r in read_rows("place_nouns")},
        not_dates={r[0] for r in read_rows("not_dates")},
    )
