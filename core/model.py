"""The values that flow through ruydad: Document → Sentence → Mention → Event.

Every span is a pair of character offsets ``(a, b)`` into ``Document.text``,
the original text exactly as read, end-exclusive, so ``text[a:b]`` quotes it.
Dates are ``datetime.date`` values in the proleptic Gregorian calendar and
intervals are inclusive on both ends.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

Span = tuple[int, int]

# Finest first: the timeline puts a day before the month that holds it.
GRANULARITIES: tuple[str, ...] = ("day", "week", "month", "season", "year", "decade", "century")
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


@dataclass(frozen=True, slots=True)
class Mention:
    """One temporal expression, resolved to an interval of Gregorian days."""

    span: Span
    text: str
    start: date
    end: date
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

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


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
