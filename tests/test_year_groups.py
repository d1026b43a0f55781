"""Year headings and nearest dates found from start days alone (no event read)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from core.resolve import calendar_year
from tui.widgets.time_moves import TimeIndex
from tui.widgets.year_groups import year_groups

D = date


def days(*values: date) -> list[int]:
    return [d.toordinal() for d in values]


@pytest.mark.parametrize("starts, calendar, expected", [
    # Nowruz 1403 is 20 March 2024: the day before is still 1402.
    (days(D(2024, 3, 19), D(2024, 3, 20), D(2024, 3, 20), D(2024, 12, 31), D(2025, 1, 1)), "jalali",
     ([1402, 1403], [0, 1])),
    (days(D(2024, 3, 19), D(2024, 3, 20), D(2024, 3, 20), D(2024, 12, 31), D(2025, 1, 1)), "gregorian",
     ([2024, 2025], [0, 4])),
    (days(D(1990, 5, 1), D(2024, 5, 1)), "gregorian", ([1990, 2024], [0, 1])),  # years between: no heading
    (days(D(2024, 7, 6), D(2024, 7, 7), D(2024, 7, 8)), "hijri", ([1445, 1446], [0, 1])),  # 1 Muharram 1446
    ([], "jalali", ([], [])),
    (days(D(1, 1, 1), D(1, 1, 2), D(9999, 12, 31)), "jalali", ([1, 9999], [0, 2])),  # outside Jalali: Gregorian year
])
def test_year_groups(starts: list[int], calendar: str, expected: tuple[list[int], list[int]]) -> None:
    assert year_groups(starts, calendar) == expected


def test_year_groups_agree_with_the_year_of_each_event() -> None:
    starts = days(*(D(1995, 1, 1) + timedelta(days=k * 37 // 5) for k in range(3000)))
    for calendar in ("jalali", "gregorian", "hijri"):
        years, firsts = year_groups(starts, calendar)
        each = [calendar_year(date.fromordinal(s), calendar) for s in starts]
        expected_firsts = [k for k in range(len(each)) if k == 0 or each[k] != each[k - 1]]
        assert firsts == expected_firsts and years == [each[k] for k in expected_firsts]


STARTS = days(D(2020, 1, 1), D(2020, 1, 1), D(2020, 1, 10), D(2020, 2, 1), D(2020, 2, 1), D(2021, 1, 1))


@pytest.mark.parametrize("target, expected", [
    (D(2019, 6, 1), 0),
    (D(2020, 1, 5), 0),    # 4 days back, 5 days on: the earlier; the first of the two on 1 Jan
    (D(2020, 1, 6), 2),
    (D(2020, 1, 21), 2),   # a tie between 10 Jan and 1 Feb: the first in timeline order
    (D(2020, 2, 1), 3),
    (D(2030, 1, 1), 5),
])
def test_closest(target: date, expected: int) -> None:
    assert TimeIndex(STARTS).closest(target) == expected
    assert TimeIndex([]).closest(target) is None
