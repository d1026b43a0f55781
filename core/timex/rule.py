"""One rule = one unit: its name, its pattern (built from the named word lists
of ``core/timex/words.py``), and the function that reads its match, side by
side, as Duckling writes them.

    @rule("season", r"{WB}(?P<fasl>فصل )?(?P<season>{SEASON}){WE}…", gate=…)
    def read_season(m: re.Match[str], w: Words) -> Reading | None: ...

A module per dimension (dates, times, durations, sets, holidays) registers
its rules when imported; ``core/timex/grammar.py`` compiles them in order. A
tie between two matches of one length goes to the rule registered first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

from core.timex.reading import Reading
from core.timex.words import Words

Reader = Callable[[re.Match[str], Words], "Reading | None"]


@dataclass(frozen=True, slots=True)
class Rule:
    name: str
    dimension: str  # date | time | duration | set
    pattern: str    # a template: «{MONTH}» is the month list of Words.patterns
    read: Reader
    # Words one of which every match holds: the rule is skipped, at the cost
    # of a substring test, in a text that has none of them. A string names a
    # word list (its forms are the gate).
    gate: tuple[str, ...] | str | None = None
    # What comes right before the pattern («۷ » before «آذر», «سه » before
    # «سال»), read backwards from each match: a pattern that opens with an
    # optional part or a list of numbers makes the regex engine try every
    # position of the text, one that opens with a word list does not. Its
    # groups read like the pattern's own.
    before: str | None = None
    before_required: bool = False


RULES: list[Rule] = []


def rule(name: str, dimension: str, pattern: str, gate: tuple[str, ...] | str | None = None,
         before: str | None = None, before_required: bool = False) -> Callable[[Reader], Reader]:
    def register(read: Reader) -> Reader:
        RULES.append(Rule(name, dimension, pattern, read, gate, before, before_required))
        return read
    return register
