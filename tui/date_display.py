"""Dates as the app shows them, in any of the three calendars, in words.

A label covers the event's interval in units that match its granularity: a
day («۷ آذر ۱۴۰۳», ``2024-11-27``), months («آبان–آذر ۱۴۰۳», ``2024-08…09``)
or years («۱۳۹۵–۱۳۹۶», ``2017``), so the same interval reads naturally in a
calendar it was not written in. Jalali and Hijri labels use Persian digits and
Gregorian ones ISO-style Latin digits unless the ``digits`` setting says
otherwise. Month and season names come from the engine's lexicon (its first
form for each), not from a second list here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache, lru_cache

from core import calendars
from core.lexicon import read_rows
from core.model import CALENDARS, Event, Mention
from core.resolve import calendar_year, shift_unit, year_period

DIGIT_CHOICES: tuple[str, ...] = ("auto", "persian", "latin")
_PERSIAN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
_LATIN_DIGITS = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "01234567890123456789")

# Granularity and uncertainty marks of a timeline row (the help screen explains them).
GRANULARITY_MARKS: dict[str, str] = {
    "day": " ", "week": "w", "month": "m", "season": "s", "year": "y", "decade": "x", "century": "c"}
MOD_MARKS: dict[str, str] = {
    "START": "‹", "MID": "·", "END": "›", "APPROX": "~", "BEFORE": "<", "AFTER": ">", "SINCE": "≥", "UNTIL": "≤"}
INFERRED_MARK = "?"
# What the date places, before the summary (a happening has none); the count
# of reports follows when several articles report the event.
KIND_MARKS: dict[str, str] = {"planned": "+", "recurring": "=", "statement": '"'}
KIND_WORDS: dict[str, str] = {"planned": "planned (future tense, a plan, a date after publication)",
                              "recurring": "recurring (an anniversary, a yearly day)",
                              "statement": "statement (the day someone said something)"}
MOD_WORDS: dict[str, str] = {
    "START": "early", "MID": "middle of", "END": "late", "APPROX": "about",
    "BEFORE": "before", "AFTER": "after", "SINCE": "since", "UNTIL": "until"}


@dataclass(frozen=True, slots=True)
class DateDisplay:
    """Which calendar is shown first, and which digits each calendar uses."""

    first: str = "jalali"
    digits: str = "auto"

    @property
    def second(self) -> str:
        return "jalali" if self.first == "gregorian" else "gregorian"

    def persian_digits(self, calendar: str) -> bool:
        if self.digits == "auto":
            return calendar != "gregorian"
        return self.digits == "persian"

    def next_calendar(self) -> DateDisplay:
        following = CALENDARS[(CALENDARS.index(self.first) + 1) % len(CALENDARS)]
        return DateDisplay(following, self.digits)


def with_digits(text: str, persian: bool) -> str:
    return text.translate(_PERSIAN_DIGITS if persian else _LATIN_DIGITS)


@cache
def month_names(calendar: str) -> dict[int, str]:
    names: dict[int, str] = {}
    for form, cal, month, *_ in read_rows("months"):
        if cal == calendar:
            names.setdefault(int(month), form)
    return names


@cache
def season_names() -> dict[int, str]:
    names: dict[int, str] = {}
    for form, season, *_ in read_rows("seasons"):
        names.setdefault(int(season), form)
    return names


# --- moving in time (the arithmetic is core.resolve's) -------------------------

def shift(day: date, unit: str, amount: int, calendar: str) -> date:
    """``day`` moved by ``amount`` days, months or years of ``calendar``;
    a day past the end of the target month becomes its last day."""
    if unit == "day":
        return day + timedelta(days=amount)
    if unit not in ("month", "year"):
        raise ValueError(f"no time unit {unit!r}")
    months = amount if unit == "month" else 12 * amount
    try:
        target = shift_unit(calendar, day, "month", months)
        day_of_month = calendars.to_calendar(day, calendar)[2]
        return min(target.start + timedelta(days=day_of_month - 1), target.end)
    except (ValueError, OverflowError):
        return date.min if amount < 0 else date.max


# --- labels ---------------------------------------------------------------------

def _unit(granularity: str) -> str:
    if granularity in ("month", "season"):
        return "month"
    if granularity in ("year", "decade", "century"):
        return "year"
    return "day"


def _gregorian_label(start: date, end: date, unit: str) -> str:
    if unit == "year":
        return f"{start.year}" if start.year == end.year else f"{start.year}–{end.year}"
    if unit == "month":
        first = f"{start.year}-{start.month:02d}"
        if (start.year, start.month) == (end.year, end.month):
            return first
        last = f"{end.month:02d}" if start.year == end.year else f"{end.year}-{end.month:02d}"
        return f"{first}…{last}"
    first = start.isoformat()
    if start == end:
        return first
    if (start.year, start.month) == (end.year, end.month):
        return f"{first}…{end.day:02d}"
    if start.year == end.year:
        return f"{first}…{end.month:02d}-{end.day:02d}"
    return f"{first}…{end.isoformat()}"


def _persian_label(start: date, end: date, unit: str, granularity: str, calendar: str) -> str:
    """Jalali or Hijri, in words: day month year."""
    y1, m1, d1 = calendars.to_calendar(start, calendar)
    y2, m2, d2 = calendars.to_calendar(end, calendar)
    names = month_names(calendar)
    if unit == "year":
        return f"{y1}" if y1 == y2 else f"{y1}–{y2}"
    if unit == "month":
        if calendar == "jalali" and granularity == "season" and d1 == 1 and m1 % 3 == 1 \
                and y1 == y2 and m2 == m1 + 2 and d2 == calendars.month_length(y2, m2, calendar):
            return f"{season_names()[(m1 - 1) // 3 + 1]} {y1}"
        if (y1, m1) == (y2, m2):
            return f"{names[m1]} {y1}"
        if y1 == y2:
            return f"{names[m1]}–{names[m2]} {y1}"
        return f"{names[m1]} {y1} – {names[m2]} {y2}"
    if start == end:
        return f"{d1} {names[m1]} {y1}"
    if (y1, m1) == (y2, m2):
        return f"{d1}–{d2} {names[m1]} {y1}"
    if y1 == y2:
        return f"{d1} {names[m1]} – {d2} {names[m2]} {y1}"
    return f"{d1} {names[m1]} {y1} – {d2} {names[m2]} {y2}"


@lru_cache(maxsize=65536)
def interval_label(start: date, end: date, granularity: str, calendar: str, persian_digits: bool) -> str:
    """The interval [start, end] in ``calendar``, in units fit for ``granularity``."""
    unit = _unit(granularity)
    try:
        if calendar == "gregorian":
            text = _gregorian_label(start, end, unit)
        else:
            text = _persian_label(start, end, unit, granularity, calendar)
    except (ValueError, OverflowError, KeyError):  # outside a calendar's range
        text = f"{start.isoformat()}…{end.isoformat()}"
    return with_digits(text, persian_digits)


def mention_label(mention: Mention, calendar: str, display: DateDisplay) -> str:
    return interval_label(mention.start, mention.end, mention.granularity, calendar,
                          display.persian_digits(calendar))


def date_column(event: Event, display: DateDisplay) -> tuple[str, str]:
    """The row's date: first calendar, second calendar."""
    return (mention_label(event.date, display.first, display),
            mention_label(event.date, display.second, display))


def day_labels(day: date, display: DateDisplay) -> tuple[str, str]:
    """One day in the first and the second calendar."""
    return tuple(interval_label(day, day, "day", calendar, display.persian_digits(calendar))  # type: ignore[return-value]
                 for calendar in (display.first, display.second))


def mark(event: Event) -> str:
    """Two characters: the granularity, then inferred/modifier."""
    grain = GRANULARITY_MARKS.get(event.date.granularity, " ")
    if event.inferred:
        return grain + INFERRED_MARK
    return grain + MOD_MARKS.get(event.date.mod or "", " ")


def kind_mark(event: Event) -> str:
    """The kind mark and the count of reports, as the row shows them before
    the summary («+ », «"×3 »); "" for a happening with one report."""
    count = len(event.sources)
    text = KIND_MARKS.get(event.kind, "") + (f"×{count}" if count > 1 else "")
    return text + " " if text else ""


def year_heading(year: int, display: DateDisplay) -> tuple[str, str]:
    """A year of the first calendar and the years of the second it overlaps."""
    first = with_digits(str(year), display.persian_digits(display.first))
    try:
        start, end = year_period(display.first, year)
    except (ValueError, OverflowError):
        return first, ""
    return first, interval_label(start, end, "year", display.second, display.persian_digits(display.second))


def event_year(event: Event, calendar: str) -> int:
    """The year an event is listed under: where its interval starts."""
    try:
        return calendar_year(event.date.start, calendar)
    except (ValueError, OverflowError):
        return event.date.start.year


def qualifiers(event: Event) -> list[str]:
    """Granularity, modifier, time of day, relative, inferred, in words."""
    mention = event.date
    words = [mention.granularity]
    if mention.mod:
        words.append(MOD_WORDS.get(mention.mod, mention.mod.lower()))
    if mention.time:
        words.append(mention.time)
    if mention.relative:
        words.append("relative to publication")
    if event.inferred:
        words.append("inferred")  # why: the detail line's next line gives the reason
    return words
