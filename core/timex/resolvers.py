"""Phase two: a reading becomes days. One resolver per reading kind, in one
table (``RESOLVERS``); each gets the reading, the publication date and the
reference interval (the latest earlier mention with a year).

A resolver returns ``None`` when the words name no real time (a day that
does not exist: «۳۰ اسفند ۱۴۰۳»), and an unresolved ``Value`` (start and end
None, a TIMEX3 value with offsets) when the days cannot be known: no
publication date, or a time outside what the calendars convert (before 622
or after 9377 in the Jalali calendar; BCE years). Nothing here raises.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Callable

from core import calendars as cal
from core.timex import arithmetic as ar
from core.timex.reading import Reading

Interval = tuple[date, date]

# The days every calendar (and the Jalali labels) can convert: Jalali 1/1/1
# to the last day of Jalali 9377 (jdatetime's range).
FIRST_DAY = date(622, 3, 22)
LAST_DAY = date(9999, 3, 20)

_SEASON_CODES = {1: "SP", 2: "SU", 3: "FA", 4: "WI"}
_UNIT_LETTERS = {"day": "D", "hour": "D", "week": "W", "month": "M", "year": "Y", "decade": "DE", "century": "CE"}


@dataclass(slots=True)
class Value:
    start: date | None
    end: date | None
    granularity: str
    calendar: str
    relative: bool
    mod: str | None
    type: str = "date"
    value: str = ""

    @property
    def known(self) -> bool:
        return self.start is not None


@dataclass(frozen=True, slots=True)
class Context:
    published: date | None                 # the publication date
    reference: Interval | None       # the latest earlier mention with a year


class Unknowable(Exception):
    """The days exist in the words but not on any calendar the engine converts."""

    def __init__(self, value: str) -> None:
        super().__init__(value)
        self.value = value


# --- TIMEX3 values ----------------------------------------------------------------------

def offset_value(unit: str, offset: int) -> str:
    """«دیروز» with no publication date: «DCT-P1D», the unit holding the
    publication date moved back one; «امروز» = «DCT+P0D»."""
    sign = "-" if offset < 0 else "+"
    return f"DCT{sign}P{abs(offset)}{_UNIT_LETTERS.get(unit, 'D')}"


def year_value(year: int) -> str:
    """A Gregorian year as TIMEX3 writes it, BCE as a negative year: «0570», «-0500»."""
    return f"-{-year:04d}" if year < 0 else f"{year:04d}"


def interval_value(start: date, end: date, granularity: str, calendar: str) -> str:
    """The days as TIMEX3 names them: «2024-11-27», «2024-11», «2018», «199»,
    «2018-SU»; a span that is not one Gregorian unit as «start/end» (ISO 8601)."""
    if start == end:
        return start.isoformat()
    whole_months = start.day == 1 and end == cal.gregorian_month_interval(end.year, end.month)[1]
    if whole_months and start.year == end.year and start.month == end.month:
        return f"{start.year:04d}-{start.month:02d}"
    if whole_months and (start.month, end.month) == (1, 12):
        years = end.year - start.year + 1
        if years == 1:
            return f"{start.year:04d}"
        if years == 10 and start.year % 10 == 0:
            return f"{start.year // 10:03d}"
        if years == 100 and start.year % 100 == 1:
            return f"{start.year // 100:02d}"
    return f"{start.isoformat()}/{end.isoformat()}"


# --- the resolvers ------------------------------------------------------------------------

def _year_of(r: Reading, published: date | None) -> int | None:
    if r.year is None:
        return None
    if r.year_digits == 2:
        return ar.expand_two_digit_year(r.year, r.year_calendar or r.calendar or "jalali", published)
    return r.year


def _need(published: date | None, value: str) -> date:
    if published is None:
        raise Unknowable(value)
    return published


def _date_interval(r: Reading, calendar: str, year: int) -> Interval:
    if r.kind == "monthpart":
        ms, me = ar.month_period(calendar, year, r.month)
        size = 10 if r.unit == "tenday" else 7
        if r.position == 0 or (r.unit == "tenday" and r.position == 3):
            # The last part runs to the month's end (a month's third decade is 9 to 11 days).
            return (ms + timedelta(days=20) if r.unit == "tenday" and r.position == 3
                    else me - timedelta(days=size - 1)), me
        first = ms + timedelta(days=size * (r.position - 1))
        return first, first + timedelta(days=size - 1)
    if r.day is None:
        return ar.month_period(calendar, year, r.month)
    d = ar.day_date(calendar, year, r.month, r.day)
    if r.day_to is not None and r.day_to != r.day:
        return d, ar.day_date(calendar, year, r.month, r.day_to)
    return d, d


def _nearest(r: Reading, calendar: str, anchor: Interval) -> Interval | None:
    options = []
    for y in ar.year_candidates(calendar, anchor):
        try:
            options.append(_date_interval(r, calendar, y))
        except ValueError:
            continue
    return ar.closest_in_reference(options, anchor) if options else None


def _month_by_direction(r: Reading, calendar: str, published: date) -> Interval | None:
    """«آبان ماه گذشته»: the latest Aban before the current month; «جاری»: this
    year's; «آینده»: the next one after the current month."""
    options = []
    for y in ar.year_candidates(calendar, (published, published)):
        try:
            options.append((y, _date_interval(r, calendar, y)))
        except ValueError:
            continue  # a day this year does not have («۳۰ اسفند ماه جاری» in a common year)
    this_year = ar.calendar_year(published, calendar)
    if r.month_dir == 0:
        return next((iv for y, iv in options if y == this_year), None)
    current = ar.shift_unit(calendar, published, "month", 0)
    if r.month_dir < 0:
        before = [iv for _, iv in options if iv[1] < current.start]
        return max(before, key=lambda iv: iv[0]) if before else None
    after = [iv for _, iv in options if iv[0] > current.end]
    return min(after, key=lambda iv: iv[0]) if after else None


def resolve_date(r: Reading, c: Context) -> Value | None:
    """«۷ آذر ۱۴۰۳», «آذر», «۱۵ دی ماه جاری», «دهه اول محرم»."""
    calendar = r.calendar or "jalali"
    relative = False
    year = _year_of(r, c.published)
    gran = "day" if r.day is not None else ("week" if r.kind == "monthpart" else "month")
    unknown = "XXXX-XX-XX" if r.day is not None else "XXXX-XX"
    if year is None and r.year_offset is not None:
        year = ar.calendar_year(_need(c.published, unknown), calendar) + r.year_offset
        relative = True
    # A day that does not exist («۳۰ اسفند ۱۴۰۳», «۲۹ فوریه ۲۰۲۳») is no time;
    # one whose year comes from the publication date («۳۰ اسفند ماه جاری» in a
    # common year) stays a mention, with days unknown, as it would be without
    # that date: a publication date never adds or removes a mention.
    if year is not None:
        if not ar.year_valid(year, calendar):
            if relative:
                raise Unknowable(unknown)
            return None
        try:
            s, e = _date_interval(r, calendar, year)
        except ValueError:
            if relative:
                raise Unknowable(unknown) from None
            return None
    elif r.month_dir is not None:
        iv = _month_by_direction(r, calendar, _need(c.published, unknown))
        if iv is None:
            raise Unknowable(unknown)
        (s, e), relative = iv, True
    else:
        anchor = c.reference or ((c.published, c.published) if c.published else None)
        if anchor is None:
            raise Unknowable(unknown)
        iv = _nearest(r, calendar, anchor)
        if iv is None:
            raise Unknowable(unknown)
        (s, e), relative = iv, True
    return Value(s, e, gran, calendar, relative, r.mod)


def resolve_holiday(r: Reading, c: Context) -> Value | None:
    """A named day in its own calendar: the one inside the year written (in
    that year's calendar), else the one nearest the reference."""
    calendar = r.calendar or "jalali"
    year = _year_of(r, c.published)
    if year is None and r.year_offset is not None:
        year_calendar = "jalali"
        year = ar.calendar_year(_need(c.published, "XXXX-XX-XX"), year_calendar) + r.year_offset
        relative = True
    else:
        year_calendar, relative = r.year_calendar or calendar, False
    if year is not None:
        if not ar.year_valid(year, year_calendar):
            return None
        ys, ye = ar.year_period(year_calendar, year)
        own = ar.calendar_year(ys, calendar)
        for y in (own, own + 1):
            try:
                s, e = _date_interval(r, calendar, y)
            except ValueError:
                continue
            if ys <= s <= ye:
                return Value(s, e, "day", calendar, relative, r.mod)
        return None
    anchor = c.reference or ((c.published, c.published) if c.published else None)
    if anchor is None:
        raise Unknowable("XXXX-XX-XX")
    iv = _nearest(r, calendar, anchor)
    return Value(iv[0], iv[1], "day", calendar, True, r.mod) if iv else None


def resolve_year(r: Reading, c: Context) -> Value | None:
    calendar = r.calendar or "jalali"
    year = _year_of(r, c.published)
    if year is None:
        return None
    if not ar.year_valid(year, calendar):
        if calendar == "gregorian" and -9999 <= year <= 9999 and year != 0:
            raise Unknowable(year_value(year))
        return None
    s, e = ar.year_period(calendar, year)
    if r.year_to is not None:
        y2 = r.year_to
        if y2 < 100:  # «۱۳۸۸ تا ۹۲»
            y2 = year - year % 100 + y2 + (100 if year - year % 100 + y2 < year else 0)
        if ar.year_valid(y2, calendar) and 0 < y2 - year <= 200:
            e = ar.year_period(calendar, y2)[1]
        elif ar.year_valid(y2, calendar) and 0 < year - y2 <= 200:
            # «سال‌های ۱۳۶۷-۱۳۵۹»: right-to-left text shows a range high to low.
            s = ar.year_period(calendar, y2)[0]
    if calendar == "gregorian" and not FIRST_DAY <= s:
        raise Unknowable(year_value(year))
    return Value(s, e, "year", calendar, False, r.mod)


def resolve_season(r: Reading, c: Context) -> Value | None:
    calendar = r.calendar or "jalali"
    relative = False
    year = _year_of(r, c.published)
    if year is None:
        published = _need(c.published, f"XXXX-{_SEASON_CODES[r.season]}")
        year = ar.calendar_year(published, "jalali") + (r.year_offset or 0)
        calendar = "jalali" if r.calendar != "gregorian" else calendar
        relative = True
    if calendar == "gregorian" and year < 1500:
        return None
    s, e = ar.season_period(calendar, year, r.season)
    return Value(s, e, "season", calendar, relative, r.mod)


def resolve_yearmonths(r: Reading, c: Context) -> Value | None:
    """«سه ماهه دوم ۱۴۰۲», «۹ ماهه سال جاری»."""
    calendar = r.calendar or "jalali"
    relative = False
    year = _year_of(r, c.published)
    if year is None:
        if r.year_offset is None:
            return None
        year = ar.calendar_year(_need(c.published, "XXXX-XX"), calendar) + r.year_offset
        relative = True
    if not ar.year_valid(year, calendar) or calendar == "hijri":
        return None
    s, e = ar.month_period(calendar, year, r.month)[0], ar.month_period(calendar, year, r.month_to)[1]
    return Value(s, e, r.unit, calendar, relative, r.mod)


def resolve_decade(r: Reading, c: Context) -> Value:
    calendar = r.calendar or "jalali"
    s, e = ar.decade_period(calendar, r.decade)
    return Value(s, e, "decade", calendar, False, r.mod)


def resolve_century(r: Reading, c: Context) -> Value:
    calendar = r.calendar or "jalali"
    s, e = ar.century_period(calendar, r.century)
    return Value(s, e, "century", calendar, False, r.mod)


def resolve_relative(r: Reading, c: Context) -> Value | None:
    """«دیروز», «هفته گذشته», «پایان سال»: a unit counted from the publication date."""
    calendar = r.calendar or "jalali"
    published = _need(c.published, offset_value(r.unit, r.offset))
    p = ar.shift_unit(calendar, published, r.unit, r.offset)
    return Value(p.start, p.end, p.granularity, calendar, True, r.mod) if p else None


def resolve_weekday(r: Reading, c: Context) -> Value:
    """The latest such weekday on or before the publication date; the next one
    in a sentence about the future; in the week named («دوشنبه هفته آینده»)."""
    published = _need(c.published, f"XXXX-WXX-{r.weekday + 1}")
    if r.unit == "week":
        ws, _ = cal.week_interval(published + timedelta(weeks=r.offset))
        d = ws + timedelta(days=(r.weekday - ws.weekday()) % 7)
    elif r.future:
        d = published + timedelta(days=(r.weekday - published.weekday()) % 7 or 7)
    else:
        d = published - timedelta(days=(published.weekday() - r.weekday) % 7)
    return Value(d, d, "day", r.calendar or "jalali", True, r.mod)


def resolve_clock(r: Reading, c: Context) -> Value:
    """A time of day alone: on the publication day when there is one."""
    part = r.time if r.time and ":" in r.time else _PART_CODES.get(r.time or "", "DT")
    time_value = f"T{part}"
    if c.published is None:
        raise Unknowable(time_value)
    return Value(c.published, c.published, "day", "jalali", True, r.mod, "time", c.published.isoformat() + time_value)


_PART_CODES = {"dawn": "MO", "morning": "MO", "noon": "MI", "afternoon": "AF", "evening": "EV", "night": "NI"}


def resolve_count(r: Reading, c: Context) -> Value | None:
    """«سه روز پیش» (a date), «سه سال گذشته» (a duration and its interval)."""
    calendar = r.calendar or "jalali"
    letter = _UNIT_LETTERS.get(r.unit, "D")
    n = r.count
    past = r.direction in ("ago", "past")
    if r.direction in ("past", "next"):
        kind = "duration"
        amount = "X" if n is None else str(n)
        unknown = f"PT{amount}H" if r.unit == "hour" else f"P{amount}{letter}"
    else:
        kind = "date"
        unknown = ("PAST_REF" if past else "FUTURE_REF") if n is None else offset_value(r.unit, -n if past else n)
    published = _need(c.published, unknown)
    gran = "day" if r.unit == "hour" else r.unit
    if n is None:
        lo, hi = 2, 9
        a = ar.shift_unit(calendar, published, r.unit, -hi if past else lo)
        b = ar.shift_unit(calendar, published, r.unit, -lo if past else hi)
        iv = (a.start, b.end) if a and b else None
    elif r.direction in ("ago", "later"):
        if r.unit == "year" and not FIRST_DAY.year < published.year - n:
            raise Unknowable(year_value(published.year - n))
        p = ar.shift_unit(calendar, published, r.unit, -n if past else n)
        iv = (p.start, p.end) if p else None
        gran = p.granularity if p else gran
    elif r.unit == "hour":
        days = timedelta(days=max(1, n // 24))
        iv = (published - days, published) if past else (published, published + days)
    else:
        iv = ar.span_back(calendar, published, r.unit, n) if past else ar.span_ahead(calendar, published, r.unit, n)
    if iv is None:
        return None
    value = unknown if kind == "duration" else ""
    return Value(iv[0], iv[1], gran, calendar, True, r.mod, kind, value)


def resolve_fixed(r: Reading, c: Context) -> Value:
    """Durations and sets: a value from the words, no place on the calendar."""
    return Value(None, None, r.unit or "day", "jalali", False, r.mod, r.kind, r.value or "")


Resolver = Callable[[Reading, Context], "Value | None"]

RESOLVERS: dict[str, Resolver] = {
    "date": resolve_date,
    "monthpart": resolve_date,
    "holiday": resolve_holiday,
    "year": resolve_year,
    "season": resolve_season,
    "yearmonths": resolve_yearmonths,
    "decade": resolve_decade,
    "century": resolve_century,
    "relative": resolve_relative,
    "weekday": resolve_weekday,
    "clock": resolve_clock,
    "count": resolve_count,
    "duration": resolve_fixed,
    "set": resolve_fixed,
}

_TYPES = {"clock": "time", "duration": "duration", "set": "set"}


def resolve(r: Reading, published: date | None, reference: Interval | None) -> Value | None:
    """The reading's days, or an unresolved value; ``None`` for no real time."""
    calendar = r.calendar or "jalali"
    try:
        v = RESOLVERS[r.kind](r, Context(published, reference))
    except Unknowable as unknown:
        return _unresolved(r, unknown.value)
    except (ValueError, OverflowError):
        # A calendar library cannot convert these days (a publication date
        # of 9999-12-31, «دهه ۹۹۹۰ میلادی»): still a mention, days unknown.
        return _unresolved(r, _fallback_value(r))
    if v is None:
        return None
    if v.start is not None:
        if not (FIRST_DAY <= v.start and v.end <= LAST_DAY):
            return _unresolved(r, _fallback_value(r))
        if calendar == "hijri":
            v.mod = v.mod or "APPROX"
        if r.part == "half" and r.mod in ("START", "END") and v.granularity == "year":
            # «نیمه اول سال»: six calendar months, not half the days.
            year = ar.calendar_year(v.start, v.calendar)
            first = 1 if r.mod == "START" else 7
            v.start = ar.month_period(v.calendar, year, first)[0]
            v.end = ar.month_period(v.calendar, year, first + 5)[1]
        elif r.part in ("third", "half") and r.mod:
            v.start, v.end = ar.apply_part((v.start, v.end), r.mod, r.part)
        if not v.value:
            v.value = interval_value(v.start, v.end, v.granularity, v.calendar)
            if v.granularity == "season" and r.season:
                v.value = f"{v.start.year:04d}-{_SEASON_CODES[r.season]}"
            if r.time and v.type == "date":
                v.value = v.start.isoformat() + "T" + (r.time if ":" in r.time else _PART_CODES.get(r.time, "DT"))
    return v


def _fallback_value(r: Reading) -> str:
    """What stays known of a time the calendars cannot convert: its year."""
    if r.kind == "decade" and r.decade is not None and r.calendar == "gregorian":
        return f"{r.decade // 10:03d}"
    if r.kind == "century" and r.century is not None and r.calendar == "gregorian":
        return f"{r.century - 1:02d}"
    if r.year is not None and r.calendar == "gregorian" and r.year_digits == 4:
        return year_value(r.year)
    return "XXXX-XX-XX" if r.kind in ("date", "holiday", "weekday", "relative", "count") else "XXXX"


def _unresolved(r: Reading, value: str) -> Value:
    granularity = {"year": "year", "decade": "decade", "century": "century", "season": "season"}.get(r.kind, "day")
    if r.kind == "date" and r.day is None:
        granularity = "month"
    if r.kind in ("relative", "count") and r.unit in _UNIT_LETTERS:
        granularity = "day" if r.unit == "hour" else r.unit
    kind = _TYPES.get(r.kind, "date")
    if r.kind == "count" and r.direction in ("past", "next"):
        kind = "duration"
    relative = r.kind in ("relative", "weekday", "count", "clock") or r.year is None
    return Value(None, None, granularity, r.calendar or "jalali", relative, r.mod, kind, value)
