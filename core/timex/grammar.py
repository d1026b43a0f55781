"""The compiled grammar: every rule of the dimension modules, in order, and
the context patterns phase one and the range joiner use.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from core.lexicon import read_rows
from core.timex.rule import RULES, Rule
from core.timex.words import Words, words


@dataclass(frozen=True, slots=True)
class Compiled:
    rule: Rule
    regex: re.Pattern[str]
    gate: tuple[str, ...] | None


@dataclass(frozen=True, slots=True)
class Grammar:
    rules: tuple[Compiled, ...]
    words: Words
    left_context: re.Pattern[str]
    right_context: re.Pattern[str]
    range_tail: re.Pattern[str]
    range_head: re.Pattern[str]
    since_tail: re.Pattern[str]
    same_date_link: re.Pattern[str]
    range_link: re.Pattern[str]
    same_date_more: re.Pattern[str]
    joiner: re.Pattern[str]
    place_before: re.Pattern[str]
    not_date: re.Pattern[str]
    future_verb: re.Pattern[str]


def _load_rules() -> None:
    # Importing a dimension registers its rules; holidays first, so «نیمه شعبان»
    # (a day) wins the tie with «نیمه» + «شعبان» (half a month).
    from core.timex import dates, durations, holidays, sets, times  # noqa: F401


def _gate(rule: Rule) -> tuple[str, ...] | None:
    if isinstance(rule.gate, str):
        return tuple(r[0] for r in read_rows(rule.gate))
    return rule.gate


@cache
def grammar() -> Grammar:
    _load_rules()
    w = words()
    p = w.patterns
    order = {"holiday": 0}
    rules = sorted(RULES, key=lambda r: order.get(r.name, 1))
    compiled = tuple(Compiled(r, re.compile(r.pattern.format_map(p)), _gate(r)) for r in rules)

    def rx(template: str) -> re.Pattern[str]:
        return re.compile(template.format_map(p))

    return Grammar(
        compiled, w,
        left_context=rx(r"(?:(?P<mod>{MOD})|(?P<part>{PART})(?: ?های)?(?: روز)?|(?P<wd>{WEEKDAY}),?(?: روز)?|(?P<rooz>روز)) $"),
        right_context=rx(r" (?:(?P<part>{PART})|(?P<wd>{WEEKDAY})|(?P<cal>{CAL})){WE}"),
        range_tail=rx(r" ?(?:تا|الی|-|–|و) ?(?:سال )?(?P<year>{YEAR})(?![\w/]|[:.]\d)"),
        range_head=rx(r"(?:(?P<az>از) |(?P<head>روز ?های) )?(?:(?P<day>[0-3]?\d)|(?P<dayw>{DAYW})) ?(?:تا|الی|-|–|و) ?$"),
        since_tail=rx(r" ?(?:تا ?کنون|تا به ?حال|تا به امروز|تا امروز|به این سو|به بعد)(?!\w)"),
        same_date_link=rx(r" ?[,،]? ?(?:برابر|مطابق|معادل|مصادف)(?: با)? ?:? ?| ?\( ?"),
        range_link=rx(r" ?(?:تا|الی|-|–) ?| تا (?:پایان|انتهای|اواخر) ?"),
        same_date_more=rx(r" ?(?:و|[,،]) ?"),
        joiner=rx(r"^ ?(?:,|،)? ?$"),
        place_before=rx(r"(?:^|\W)(?:{PLACE})(?: ?های| ?ها| ?ی)? $"),
        not_date=rx(r"{WB}(?:{NOTDATE}){WE}"),
        future_verb=rx(r"{WB}(?:{FUTURE}){WE}"),
    )
