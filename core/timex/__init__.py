"""The time engine: finds Persian time expressions (dates, times of day,
durations, sets) and gives each a span, a type, a TIMEX3 value and, when
they can be known, its days.

    rule.py        one rule = name + pattern + reader (the unit everything else is built from)
    words.py       the named word lists patterns are built from (core/lexicon/*.tsv)
    dates.py, times.py, durations.py, sets.py, holidays.py
                   the rules, one file per dimension
    grammar.py     the rules compiled, with the context patterns
    reading.py     ``Reading``: what an expression says
    spans.py       phase one: matches → readings, overlaps settled, neighbours joined
    resolvers.py   phase two: one resolver per reading kind, in one table
    arithmetic.py  the calendar arithmetic the resolvers use
    mentions.py    ranges, two-calendar pairs, spans → ``find_mentions``
"""

from core.timex.mentions import find_mentions

__all__ = ["find_mentions"]
