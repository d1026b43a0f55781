"""The values that flow through ruydad: Document → Sentence → Mention → Event.

Every span is a pair of character offsets ``(a, b)`` into ``Document.text``,
the original text exactly as read, end-exclusive, so ``text[a:b]`` quotes it.
Dates are ``datetime.date`` values in the proleptic Gregorian calendar and
intervals are inclusive on both ends.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date

Span = tuple[int, int]

# Finest first: the timeline puts a day before the month that holds it. The
# units below a day are those of durations and sets («۴۸ ساعت», «هر ساعت»).
GRANULARITIES: tuple[str, ...] = ("second", "minute", "hour", "day", "week", "month", "season", "year",
                                  "decade", "century")
GRANULARITY_RANK: dict[str, int] = {g: i for i, g in enumerate(GRANULARITIES)}

# START/MID/END: early, middle, late part of a period (اوایل، اواسط، اواخر);
# APPROX: the value is uncertain (Hijri lunar dates, «حدود»); BEFORE/AFTER:
# open-ended («پیش از», «پس از»); SINCE/UNTIL: a range with one open end.
MODS: tuple[str, ...] = ("START", "MID", "END", "APPROX", "BEFORE", "AFTER", "SINCE", "UNTIL")

CALENDARS: tuple[str, ...] = ("jalali", "gregorian", "hijri")
CALENDAR_NAMES: dict[str, str] = {"jalali": "Jalali", "gregorian": "Gregorian", "hijri": "Hijri"}  # for people


@dataclass(frozen=True, slots=True)
class Document:
    """One article. ``text`` is never altered after reading."""

    id: str
    text: str
    title: str = ""
    source: str = ""
    published: date | None = None
    path: str = ""
    # Where the body starts in ``text`` (after a title line in .txt files).
    body_start: int = 0
    # Provenance the input carries (JSON Lines fields), kept as given.
    url: str = ""
    category: str = ""
    tags: tuple[str, ...] = ()
    # 1-based line of the record in a JSON Lines file (None for a .txt file),
    # so a message about this document can name the file and line.
    line: int | None = None


@dataclass(frozen=True, slots=True)
class Sentence:
    index: int
    span: Span
    text: str


TYPES: tuple[str, ...] = ("date", "time", "duration", "set")


@dataclass(frozen=True, slots=True)
class Mention:
    """One temporal expression and, when its days can be known, the interval
    of Gregorian days it names. ``start``/``end`` are None for a relative
    expression with no publication date, a time the calendars cannot convert,
    and durations and sets the text does not anchor; ``value`` (TIMEX3) says
    what is known then."""

    span: Span
    text: str
    start: date | None
    end: date | None
    granularity: str
    mod: str | None
    calendar: str
    relative: bool
    # Clock time "HH:MM" or a part of day ("dawn", "morning", "noon",
    # "afternoon", "evening", "night") joined to this date, if written.
    time: str | None = None
    # Index (in the same mention list) of another mention that states this
    # same date in another calendar («۷ آذر ۱۴۰۳ برابر با ۲۷ نوامبر ۲۰۲۴»);
    # ``disagrees`` is true when the two do not denote the same days.
    same_as: int | None = None
    disagrees: bool = False
    # date | time | duration | set, and the TIMEX3 value: «2024-11-27», «P3Y»,
    # «T08:30», «XXXX-WXX-5», «DCT-P1D» (see docs/time-expressions.md).
    type: str = "date"
    value: str = ""

    @property
    def days(self) -> int:
        if self.start is None or self.end is None:
            return 0
        return (self.end - self.start).days + 1

    @property
    def datable(self) -> bool:
        """A date (or a time of day on a known day) with known days: what may
        date an event and take a place on the timeline."""
        return self.start is not None and self.type in ("date", "time")


@dataclass(frozen=True, slots=True)
class Duration:
    """A length of time with no place on the calendar («پنج سال», «سه ماه»)."""

    span: Span
    text: str
    amount: float | None
    unit: str


@dataclass(slots=True)
class Source:
    """Where an event is reported: a document and the sentence in it."""

    document: str
    sentence: Sentence


@dataclass(slots=True)
class Event:
    """A happening with a date, tied to the sentence that says it."""

    id: str
    document: str
    date: Mention
    sentence: Sentence
    summary: str
    actors: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    # Every report of this happening, the first being (document, sentence).
    sources: list[Source] = field(default_factory=list)
    # The article's lead, placed at the publication date.
    lead: bool = False
    # True when the date is an inferred publication date.
    inferred: bool = False
    # How the date was found, for a person («dated by «دیروز» from the
    # publication date 1403/09/10»); empty when it is written in full.
    reason: str = ""
    # What the date places: "happened", "planned" (future tense, a plan word,
    # a date after publication), "recurring" (an anniversary, a yearly day)
    # or "statement" (when someone said something).
    kind: str = "happened"
    # Where the date comes from: "written" (in full in the text), "relative"
    # (counted from the publication date, or a day and month without a year),
    # "inferred" (counted from an inferred publication date) or "lead" (the
    # article's lead, at its publication date).
    basis: str = "written"

    @property
    def marks(self) -> frozenset[str]:
        """What the app shows and hides events by: the kind, and "relative",
        "inferred", "lead" when they apply (a lead is "lead", not "relative")."""
        marks = {self.kind}
        if self.lead:
            marks.add("lead")
        if self.inferred:
            marks.add("inferred")
        if self.basis == "relative" and not self.lead:
            marks.add("relative")
        return frozenset(marks)


# Every mark ``Event.marks`` can hold.
MARKS: tuple[str, ...] = ("happened", "planned", "recurring", "statement", "relative", "inferred", "lead")


def datable_mentions(mentions: list[Mention], inferred: Iterable[int] = ()) -> tuple[list[Mention], set[int]]:
    """The mentions that may date an event: dates (and times of day) with
    known days. Durations, sets and mentions whose days are unknown (no
    publication date, out of the calendars' range) never reach events or
    sorting. ``same_as`` and the ``inferred`` indices are renumbered to match."""
    keep = [k for k, m in enumerate(mentions) if m.datable]
    if len(keep) == len(mentions):
        return mentions, set(inferred)
    new_index = {old: new for new, old in enumerate(keep)}
    out = []
    for k in keep:
        m = mentions[k]
        if m.same_as is not None:
            m = replace(m, same_as=new_index.get(m.same_as))
        out.append(m)
    return out, {new_index[k] for k in inferred if k in new_index}
