"""The compiled grammar: every rule of the dimension modules, in order, and
the context patterns phase one and the range joiner use.
"""

from __future__ import annotations

import re
from re import _parser  # type: ignore[attr-defined]  # the width of a pattern
from dataclasses import dataclass
from functools import cache

from core.lexicon import read_rows
from core.timex.rule import RULES, Rule
from core.timex.words import Words, words


class Compiled:
    """A rule ready to run. Its regexes are compiled when first used: a text
    that never passes a rule's gate never pays for compiling it (the cold
    start of ``ruydad extract`` on one article is mostly regex compiling)."""

    __slots__ = ("rule", "gate", "word_start", "not_after", "before_required",
                 "_template", "_before_template", "_regex", "_before", "_before_width")

    def __init__(self, rule: Rule, template: str, gate: tuple[str, ...] | None, word_start: bool,
                 not_after: frozenset[str], before_template: str | None) -> None:
        self.rule, self.gate = rule, gate
        # The rule starts at a word start. A leading lookbehind keeps the regex
        # engine from scanning ahead for the pattern's first letters (it made
        # every rule two to sixty times slower), so the pattern goes without
        # it and phase one checks the letter before each match; ``not_after``
        # holds the other characters of a lookbehind such as «(?<![\w/.\-:])».
        self.word_start, self.not_after = word_start, not_after
        self.before_required = rule.before_required
        self._template, self._before_template = template, before_template
        self._regex: re.Pattern[str] | None = None
        self._before: re.Pattern[str] | None = None
        self._before_width = 0

    @property
    def regex(self) -> re.Pattern[str]:
        if self._regex is None:
            self._regex = re.compile(self._template)
        return self._regex

    @property
    def before(self) -> re.Pattern[str] | None:
        """What must or may come right before a match (``Rule.before``)."""
        if self._before is None and self._before_template is not None:
            self._before = re.compile(f"(?:{self._before_template})$")
            self._before_width = min(_parser.parse(self._before.pattern).getwidth()[1], 64)
        return self._before

    @property
    def before_width(self) -> int:
        """The longest text ``before`` can match."""
        self.before  # noqa: B018 - compiles it
        return self._before_width


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


# «(?<![\w/.\-:])» opening a pattern: a class of characters it may not follow.
_LEADING_LOOKBEHIND = re.compile(r"^\(\?<!\[((?:\\.|[^\]\\])+)\]\)")


def _compile(rule: Rule, patterns: dict[str, str]) -> Compiled:
    template = rule.pattern
    word_start = template.startswith("{WB}")
    template = template.removeprefix("{WB}")
    not_after: frozenset[str] = frozenset()
    lead = _LEADING_LOOKBEHIND.match(template)
    if lead and not word_start:
        body = lead[1]
        word_start = "\\w" in body
        not_after = frozenset(re.sub(r"\\(.)", r"\1", body.replace("\\w", "")))
        template = template[lead.end():]
    before = rule.before.format_map(patterns) if rule.before else None
    return Compiled(rule, template.format_map(patterns), _gate(rule), word_start, not_after, before)


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
    compiled = tuple(_compile(r, p) for r in rules)

    def rx(template: str) -> re.Pattern[str]:
        return re.compile(template.format_map(p))

    return Grammar(
        compiled, w,
        left_context=rx(r"(?:(?P<mod>{MOD})|(?P<part>{PART})(?: ?های)?(?: روز)?|(?P<wd>{WEEKDAY}),?(?: روز)?|(?P<rooz>روز)) $"),
        right_context=rx(r" (?:(?P<part>{PART})|(?P<wd>{WEEKDAY})|(?P<cal>{CAL})){WE}"),
        range_tail=rx(r" ?(?:{RANGE}|-|–|و) ?(?:سال )?(?P<year>{YEAR})(?![\w/]|[:.]\d)"),
        range_head=rx(r"(?:(?P<az>از) |(?P<head>روز ?های) )?(?:(?P<day>[0-3]?\d)|(?P<dayw>{DAYW})) ?(?:{RANGE}|-|–|و) ?$"),
        since_tail=rx(r" ?(?:{SINCE})(?!\w)"),
        same_date_link=rx(r" ?[,،]? ?(?:{SAME_DATE})(?: با)? ?:? ?| ?\( ?"),
        range_link=rx(r" ?(?:{RANGE}|-|–) ?| (?:{RANGE}) (?:{RANGE_END}) ?"),
        same_date_more=rx(r" ?(?:و|[,،]) ?"),
        joiner=rx(r"^ ?(?:,|،)? ?$"),
        place_before=rx(r"(?:^|\W)(?:{PLACE})(?: ?های| ?ها| ?ی)? $"),
        not_date=rx(r"{WB}(?:{NOTDATE}){WE}"),
        future_verb=rx(r"{WB}(?:{FUTURE}){WE}"),
    )
