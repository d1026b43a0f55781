"""Calendar conversions at their edges: Esfand 30, Nowruz, Hijri month ends, weeks.

Hijri values inside 1343–1500 AH are Umm al-Qura (checked against hijridate and
against the Saudi announcements they encode: Ramadan 1445 began 11 March 2024
and had 30 days, Ramadan 1446 began 1 March 2025 and had 29).
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from core.calendars import (
    gregorian_month_interval,
    gregorian_month_length,
    gregorian_to_hijri,
    gregorian_to_jalali,
    hijri_month_interval,
    hijri_month_length,
    hijri_to_gregorian,
    hijri_year_interval,
    is_jalali_leap,
    jalali_month_interval,
    jalali_month_length,
    jalali_to_gregorian,
    jalali_year_interval,
    week_interval,
)

DAY = timedelta(days=1)

# --- Jalali --------------------------------------------------------------------

JALALI = [
    ((1403, 1, 1), date(2024, 3, 20)),     # Nowruz 1403
    ((1403, 12, 30), date(2025, 3, 20)),   # Esfand 30 of a leap year
    ((1404, 1, 1), date(2025, 3, 21)),     # Nowruz 1404
    ((1404, 12, 29), date(2026, 3, 20)),   # last day of a common year
    ((1405, 1, 1), date(2026, 3, 21)),
    ((1399, 1, 1), date(2020, 3, 20)),
    ((1399, 12, 30), date(2021, 3, 20)),
    ((1400, 1, 1), date(2021, 3, 21)),
    ((1407, 12, 29), date(2029, 3, 19)),
    ((1408, 1, 1), date(2029, 3, 20)),
    ((1408, 12, 30), date(2030, 3, 20)),
    ((1403, 9, 7), date(2024, 11, 27)),
    ((1403, 6, 31), date(2024, 9, 21)),
    ((1403, 7, 1), date(2024, 9, 22)),
    ((1396, 6, 31), date(2017, 9, 22)),
    ((1357, 11, 22), date(1979, 2, 11)),
    ((1354, 1, 1), date(1975, 3, 21)),
    ((1300, 1, 1), date(1921, 3, 21)),
]


@pytest.mark.parametrize("jalali, gregorian", JALALI)
def test_jalali_to_gregorian_and_back(jalali, gregorian):
    assert jalali_to_gregorian(*jalali) == gregorian
    assert gregorian_to_jalali(gregorian) == jalali


@pytest.mark.parametrize("jalali", [
    (1404, 12, 30), (1407, 12, 30), (1400, 12, 30),  # Esfand 30 of common years
    (1403, 12, 31), (1403, 7, 31), (1403, 11, 31), (1403, 6, 32),
    (1403, 13, 1), (1403, 0, 1), (1403, 1, 0),
])
def test_days_that_do_not_exist_raise(jalali):
    with pytest.raises(ValueError):
        jalali_to_gregorian(*jalali)


@pytest.mark.parametrize("year, leap", [
    (1395, True), (1399, True), (1403, True), (1408, True), (1412, True),
    (1398, False), (1400, False), (1404, False), (1405, False), (1406, False), (1407, False), (1409, False),
])
def test_jalali_leap_years(year, leap):
    assert is_jalali_leap(year) is leap
    assert jalali_month_length(year, 12) == (30 if leap else 29)
    assert (jalali_year_interval(year)[1] - jalali_year_interval(year)[0]).days + 1 == (366 if leap else 365)


@pytest.mark.parametrize("year, month, length", [
    (1403, 1, 31), (1403, 6, 31), (1403, 7, 30), (1403, 11, 30), (1403, 12, 30), (1404, 12, 29)])
def test_jalali_month_lengths(year, month, length):
    assert jalali_month_length(year, month) == length


@pytest.mark.parametrize("month", [0, 13])
def test_jalali_month_out_of_range(month):
    with pytest.raises(ValueError):
        jalali_month_length(1403, month)


@pytest.mark.parametrize("year, month, interval", [
    (1403, 9, (date(2024, 11, 21), date(2024, 12, 20))),
    (1403, 12, (date(2025, 2, 19), date(2025, 3, 20))),
    (1404, 12, (date(2026, 2, 20), date(2026, 3, 20))),
])
def test_jalali_month_interval(year, month, interval):
    assert jalali_month_interval(year, month) == interval


@pytest.mark.parametrize("year, interval", [
    (1403, (date(2024, 3, 20), date(2025, 3, 20))),
    (1404, (date(2025, 3, 21), date(2026, 3, 20))),
])
def test_jalali_year_interval(year, interval):
    assert jalali_year_interval(year) == interval


# --- Gregorian -------------------------------------------------------------------

@pytest.mark.parametrize("year, month, length", [
    (2024, 2, 29), (2023, 2, 28), (1900, 2, 28), (2000, 2, 29), (2024, 12, 31), (2024, 11, 30), (2024, 1, 31)])
def test_gregorian_month_lengths(year, month, length):
    assert gregorian_month_length(year, month) == length
    assert gregorian_month_interval(year, month) == (date(year, month, 1), date(year, month, length))


# --- Hijri lunar --------------------------------------------------------------------

HIJRI = [
    ((1446, 5, 25), date(2024, 11, 27)),
    ((1445, 9, 1), date(2024, 3, 11)),    # Ramadan 1445
    ((1445, 9, 30), date(2024, 4, 9)),
    ((1445, 10, 1), date(2024, 4, 10)),   # Eid al-Fitr 1445
    ((1445, 12, 10), date(2024, 6, 16)),  # Eid al-Adha 1445
    ((1446, 1, 1), date(2024, 7, 7)),
    ((1446, 9, 1), date(2025, 3, 1)),
    ((1446, 9, 29), date(2025, 3, 29)),
    ((1446, 10, 1), date(2025, 3, 30)),
]


@pytest.mark.parametrize("hijri, gregorian", HIJRI)
def test_hijri_to_gregorian_and_back(hijri, gregorian):
    assert hijri_to_gregorian(*hijri) == gregorian
    assert gregorian_to_hijri(gregorian) == hijri


@pytest.mark.parametrize("year, month, length, first, last", [
    (1445, 9, 30, date(2024, 3, 11), date(2024, 4, 9)),
    (1446, 9, 29, date(2025, 3, 1), date(2025, 3, 29)),
    (1446, 5, 29, date(2024, 11, 3), date(2024, 12, 1)),
    (1445, 12, 30, date(2024, 6, 7), date(2024, 7, 6)),
    (1446, 1, 29, date(2024, 7, 7), date(2024, 8, 4)),
])
def test_hijri_month_ends(year, month, length, first, last):
    assert hijri_month_length(year, month) == length
    assert hijri_month_interval(year, month) == (first, last)
    assert last + DAY == (hijri_to_gregorian(year, month + 1, 1) if month < 12 else hijri_to_gregorian(year + 1, 1, 1))
    with pytest.raises(ValueError):
        hijri_to_gregorian(year, month, length + 1)


@pytest.mark.parametrize("hijri", [(1446, 9, 30), (1446, 13, 1), (1446, 0, 1), (1446, 1, 0), (1200, 2, 30), (1600, 12, 31)])
def test_hijri_days_that_do_not_exist_raise(hijri):
    with pytest.raises(ValueError):
        hijri_to_gregorian(*hijri)


def test_tabular_epoch_is_within_a_day_of_friday_16_july_622_julian():
    # 1 Muharram 1 AH of the civil tabular calendar = Julian 16 July 622 =
    # proleptic Gregorian 19 July 622 (JDN 1948440). Before the Umm al-Qura
    # tables the tabular calendar is anchored on the tables' first day so the
    # two meet without a gap, which may move old dates by one day; Hijri
    # values are marked approximate for that reason.
    first = hijri_to_gregorian(1, 1, 1)
    assert abs((first - date(622, 7, 19)).days) <= 1
    assert gregorian_to_hijri(first) == (1, 1, 1)


# Years computed by the tabular rule; their neighbours too (the edges with the tables are tested below).
TABULAR_YEARS = [*range(1, 61), *range(1300, 1342), *range(1501, 1561), 2000]


@pytest.mark.parametrize("year", TABULAR_YEARS)
def test_tabular_years_are_whole_lunar_years_of_contiguous_months(year):
    lengths = [hijri_month_length(year, m) for m in range(1, 13)]
    assert set(lengths) <= {29, 30} and sum(lengths) in (354, 355)
    months = [hijri_month_interval(year, m) for m in range(1, 13)]
    for (_, end), (start, _) in zip(months, months[1:]):
        assert end + DAY == start
    assert hijri_year_interval(year)[1] + DAY == hijri_year_interval(year + 1)[0]


@pytest.mark.parametrize("cycle_start", [1, 31, 1291, 1501, 1981])
def test_tabular_cycle_has_eleven_leap_years(cycle_start):
    years = range(cycle_start, cycle_start + 30)
    assert sum(hijri_month_length(y, 12) == 30 for y in years) == 11


@pytest.mark.parametrize("last_year", [1342, 1500])
def test_years_meet_where_umm_al_qura_tables_begin_and_end(last_year):
    # Every day belongs to exactly one Hijri year, across the switch between
    # the tabular calendar and the Umm al-Qura tables.
    assert hijri_year_interval(last_year)[1] + DAY == hijri_year_interval(last_year + 1)[0]


# --- round trips -----------------------------------------------------------------------

WIDE = dict(min_value=date(623, 1, 1), max_value=date(9000, 12, 31))
TABLE_EDGES = [date(1924, 7, 31), date(1924, 8, 1), date(1924, 8, 2), date(2077, 11, 16), date(2077, 11, 17),
               date(2077, 11, 18)]


@settings(max_examples=400, deadline=None)
@given(st.dates(**WIDE))
def test_gregorian_jalali_round_trip(day):
    assert jalali_to_gregorian(*gregorian_to_jalali(day)) == day


@settings(max_examples=400, deadline=None)
@given(st.integers(1, 8000), st.integers(1, 12), st.integers(1, 31))
def test_jalali_gregorian_round_trip(year, month, day):
    day = min(day, jalali_month_length(year, month))
    assert gregorian_to_jalali(jalali_to_gregorian(year, month, day)) == (year, month, day)


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 8000))
def test_jalali_years_meet(year):
    assert jalali_to_gregorian(year, 12, jalali_month_length(year, 12)) + DAY == jalali_to_gregorian(year + 1, 1, 1)


@settings(max_examples=400, deadline=None)
@given(st.dates(**WIDE))
@example(TABLE_EDGES[0]).via("the day before the tables")
@example(TABLE_EDGES[4]).via("the day after the tables")
def test_gregorian_hijri_round_trip(day):
    assert hijri_to_gregorian(*gregorian_to_hijri(day)) == day


@settings(max_examples=400, deadline=None)
@given(st.integers(1, 8000), st.integers(1, 12), st.integers(1, 30))
@example(1342, 12, 29).via("last tabular day before the tables")
@example(1500, 12, 30).via("last day of the tables")
def test_hijri_gregorian_round_trip(year, month, day):
    day = min(day, hijri_month_length(year, month))
    assert gregorian_to_hijri(hijri_to_gregorian(year, month, day)) == (year, month, day)


@settings(max_examples=300, deadline=None)
@given(st.dates(**WIDE))
def test_consecutive_days_are_consecutive_hijri_days(day):
    y, m, d = gregorian_to_hijri(day)
    following = gregorian_to_hijri(day + DAY)
    if d < hijri_month_length(y, m):
        assert following == (y, m, d + 1)
    else:
        assert following == ((y, m + 1, 1) if m < 12 else (y + 1, 1, 1))


# --- weeks ------------------------------------------------------------------------------

@pytest.mark.parametrize("day, week", [
    (date(2024, 11, 30), (date(2024, 11, 30), date(2024, 12, 6))),  # Saturday starts a week
    (date(2024, 11, 29), (date(2024, 11, 23), date(2024, 11, 29))),  # Friday ends one
    (date(2024, 11, 27), (date(2024, 11, 23), date(2024, 11, 29))),
    (date(2025, 3, 21), (date(2025, 3, 15), date(2025, 3, 21))),     # Nowruz 1404, a Friday
    (date(2025, 1, 1), (date(2024, 12, 28), date(2025, 1, 3))),      # across a Gregorian year
])
def test_week_interval_is_saturday_to_friday(day, week):
    assert week_interval(day) == week


@given(st.dates(min_value=date(1, 1, 8), max_value=date(9999, 12, 24)))
def test_week_interval_property(day):
    start, end = week_interval(day)
    assert start.weekday() == 5 and end.weekday() == 4
    assert start <= day <= end and (end - start).days == 6


@pytest.mark.parametrize("calendar, ymd, day", [
    ("jalali", (1403, 9, 7), date(2024, 11, 27)),
    ("gregorian", (2024, 11, 27), date(2024, 11, 27)),
    ("hijri", (1446, 5, 25), date(2024, 11, 27)),
])
def test_dispatch_by_calendar_name(calendar, ymd, day):
    from core.calendars import from_calendar, month_length, to_calendar

    assert to_calendar(day, calendar) == ymd
    assert from_calendar(*ymd, calendar) == day
    assert month_length(ymd[0], ymd[1], calendar) >= ymd[2]
    with pytest.raises(ValueError):
        from_calendar(ymd[0], 13, 1, calendar)
