"""The app's pure helpers: date labels, moves in time, wrapping, safe text, strips, density."""

from __future__ import annotations

from datetime import date

import pytest
from rich.style import Style

from app_fixtures import sample_events
from tui.date_display import (DateDisplay, date_column, day_labels, event_year, interval_label, mark,
                                     qualifiers, shift, with_digits, year_heading)
from tui.widgets.density_strip import bar, bucket_counts
from tui.widgets.safe_text import safe_line, safe_text
from tui.widgets.strips import fit, pieces_width
from tui.widgets.time_moves import TimeIndex
from tui.widgets.wrap import line_of, wrap

D = date


@pytest.mark.parametrize("start, end, granularity, calendar, persian, expected", [
    (D(2024, 11, 27), D(2024, 11, 27), "day", "jalali", True, "۷ آذر ۱۴۰۳"),
    (D(2024, 11, 27), D(2024, 11, 27), "day", "gregorian", False, "2024-11-27"),
    (D(2024, 11, 27), D(2024, 11, 27), "day", "hijri", True, "۲۵ جمادی الاول ۱۴۴۶"),
    (D(2024, 11, 27), D(2024, 11, 27), "day", "jalali", False, "7 آذر 1403"),
    (D(2017, 1, 1), D(2017, 12, 31), "year", "gregorian", False, "2017"),
    (D(2017, 1, 1), D(2017, 12, 31), "year", "jalali", True, "۱۳۹۵–۱۳۹۶"),
    (D(2026, 3, 21), D(2027, 3, 20), "year", "jalali", True, "۱۴۰۵"),
    (D(2018, 8, 23), D(2018, 9, 22), "season", "jalali", True, "شهریور ۱۳۹۷"),
    (D(2018, 6, 22), D(2018, 9, 22), "season", "jalali", True, "تابستان ۱۳۹۷"),
    (D(2018, 8, 23), D(2018, 9, 22), "season", "gregorian", False, "2018-08…09"),
    (D(2023, 11, 22), D(2023, 12, 21), "month", "jalali", True, "آذر ۱۴۰۲"),
    (D(2023, 11, 22), D(2023, 12, 21), "month", "gregorian", False, "2023-11…12"),
    (D(2023, 12, 1), D(2024, 1, 31), "month", "gregorian", False, "2023-12…2024-01"),
    (D(2024, 3, 10), D(2024, 3, 30), "month", "jalali", True, "اسفند ۱۴۰۲ – فروردین ۱۴۰۳"),
    (D(2024, 11, 23), D(2024, 11, 29), "week", "gregorian", False, "2024-11-23…29"),
    (D(2024, 11, 23), D(2024, 11, 29), "week", "jalali", True, "۳–۹ آذر ۱۴۰۳"),
    (D(2024, 11, 18), D(2024, 11, 24), "week", "jalali", True, "۲۸ آبان – ۴ آذر ۱۴۰۳"),
    (D(2024, 12, 30), D(2025, 1, 5), "week", "gregorian", False, "2024-12-30…2025-01-05"),
    (D(2011, 3, 21), D(2021, 3, 20), "decade", "jalali", True, "۱۳۹۰–۱۳۹۹"),
])
def test_interval_label(start, end, granularity, calendar, persian, expected) -> None:
    assert interval_label(start, end, granularity, calendar, persian) == expected


def test_date_column_follows_the_first_calendar() -> None:
    event = sample_events()[3]  # 15 Mehr 1402 = 2023-10-07
    assert date_column(event, DateDisplay("jalali")) == ("۱۵ مهر ۱۴۰۲", "2023-10-07")
    assert date_column(event, DateDisplay("gregorian")) == ("2023-10-07", "۱۵ مهر ۱۴۰۲")
    assert date_column(event, DateDisplay("hijri")) == ("۲۲ ربیع الاول ۱۴۴۵", "2023-10-07")
    assert date_column(event, DateDisplay("jalali", "latin")) == ("15 مهر 1402", "2023-10-07")
    assert date_column(event, DateDisplay("gregorian", "persian")) == ("۲۰۲۳-۱۰-۰۷", "۱۵ مهر ۱۴۰۲")


def test_calendar_cycle_and_digits() -> None:
    display = DateDisplay()
    assert [display.first, display.next_calendar().first, display.next_calendar().next_calendar().first,
            display.next_calendar().next_calendar().next_calendar().first] == [
        "jalali", "gregorian", "hijri", "jalali"]
    assert DateDisplay("gregorian").second == "jalali" and DateDisplay("hijri").second == "gregorian"
    assert with_digits("1403-09", True) == "۱۴۰۳-۰۹" and with_digits("۱۴۰۳", False) == "1403"


@pytest.mark.parametrize("index, expected", [(0, "y~"), (1, "y "), (2, "s "), (3, "  "), (4, "m "),
                                             (6, " ?"), (7, "y›")])
def test_marks(index: int, expected: str) -> None:
    assert mark(sample_events()[index]) == expected


def test_qualifiers_in_words() -> None:
    events = sample_events()
    assert qualifiers(events[0]) == ["year", "about"]
    assert qualifiers(events[7]) == ["year", "late"]
    assert qualifiers(events[6]) == ["day", "inferred"]


def test_year_heading_and_event_year() -> None:
    assert year_heading(1403, DateDisplay("jalali")) == ("۱۴۰۳", "2024–2025")
    assert year_heading(2024, DateDisplay("gregorian")) == ("2024", "۱۴۰۲–۱۴۰۳")
    event = sample_events()[1]  # the year 2019 starts in Jalali 1397
    assert event_year(event, "jalali") == 1397 and event_year(event, "gregorian") == 2019
    assert day_labels(D(2024, 11, 27), DateDisplay()) == ("۷ آذر ۱۴۰۳", "2024-11-27")


@pytest.mark.parametrize("day, unit, amount, calendar, expected", [
    (D(2024, 11, 27), "day", -1, "jalali", D(2024, 11, 26)),
    (D(2024, 11, 27), "month", 1, "jalali", D(2024, 12, 27)),      # 7 Azar → 7 Dey
    (D(2024, 11, 27), "month", 1, "gregorian", D(2024, 12, 27)),
    (D(2024, 3, 31), "month", -1, "gregorian", D(2024, 2, 29)),      # clamped to the month's end
    (D(2024, 9, 21), "month", 1, "jalali", D(2024, 10, 21)),        # 31 Shahrivar → 30 Mehr
    (D(2025, 3, 20), "year", -1, "jalali", D(2024, 3, 19)),         # 30 Esfand 1403 → 29 Esfand 1402
    (D(2024, 2, 29), "year", 1, "gregorian", D(2025, 2, 28)),
    (D(2024, 11, 27), "month", -12, "jalali", D(2023, 11, 28)),
])
def test_shift(day, unit, amount, calendar, expected) -> None:
    assert shift(day, unit, amount, calendar) == expected


def test_shift_rejects_unknown_units() -> None:
    with pytest.raises(ValueError):
        shift(D(2024, 1, 1), "fortnight", 1, "gregorian")


STARTS = [D(2020, 1, 1), D(2020, 1, 1), D(2020, 1, 10), D(2020, 2, 1), D(2020, 2, 1), D(2021, 1, 1)]


@pytest.mark.parametrize("current, target, forward, expected", [
    (0, D(2020, 1, 2), True, 2),     # only later dates count; 10 Jan is nearest
    (2, D(2020, 1, 9), False, 0),    # back: the first of the two events on 1 Jan
    (2, D(2020, 2, 10), True, 3),    # forward: first of the two on 1 Feb, not 2021
    (3, D(2020, 3, 1), True, 5),
    (5, D(2020, 12, 1), False, 3),
    (5, D(2022, 1, 1), True, None),  # nothing later
    (0, D(2019, 1, 1), False, None),  # nothing earlier (the twin on the same day is not earlier)
    (2, D(2020, 1, 25), True, 3),    # nearest to the target, even if not the next one in order
])
def test_time_index_nearest(current, target, forward, expected) -> None:
    assert TimeIndex(STARTS).nearest(current, target, forward) == expected


@pytest.mark.parametrize("text, width, expected", [
    ("one two three", 6, ["one ", "two ", "three"]),
    ("one two three", 7, ["one two ", "three"]),      # a word that ends at the edge fits
    ("one two three", 20, ["one two three"]),
    ("abcdefghij", 4, ["abcd", "efgh", "ij"]),
    ("a\nb\r\nc", 10, ["a", "b", "c"]),
    ("a\n\nb", 10, ["a", "", "b"]),
    ("سلام دنیا خوب", 8, ["سلام ", "دنیا خوب"]),
    ("می\u200cشود خوب", 9, ["می\u200cشود خوب"]),   # ZWNJ takes no cell
])
def test_wrap(text: str, width: int, expected: list[str]) -> None:
    lines = wrap(text, width)
    assert [text[a:b] for a, b in lines] == expected


def test_line_of() -> None:
    text = "one two three"
    lines = wrap(text, 6)
    assert [line_of(lines, text.index(w)) for w in ("one", "two", "three")] == [0, 1, 2]


def test_safe_text_keeps_length_and_disarms_controls() -> None:
    hostile = "a\x1b[31mb\x07\u202ec\x9b\nd\te\x7f"
    shown = safe_text(hostile)
    assert len(shown) == len(hostile)
    assert shown == "a␛[31mb␇\u2060c\ufffd\nd e␡"
    assert safe_line("a\nb\r\tc") == "a b  c"
    assert safe_text("[bold]x[/bold]") == "[bold]x[/bold]"  # markup is not parsed anyway, nor altered


def test_fit_cuts_with_an_ellipsis() -> None:
    plain = Style()
    assert fit([("abc", plain), ("def", plain)], 6) == [("abc", plain), ("def", plain)]
    cut = fit([("abc", plain), ("def", plain)], 5)
    assert "".join(t for t, _ in cut) == "abcd…" and pieces_width(cut) == 5
    assert fit([("abc", plain)], 0) == []


@pytest.mark.parametrize("years, cells, expected", [
    ([2017, 2018, 2018, 2020, 2024], 20, (2017, 1, [1, 2, 0, 1, 0, 0, 0, 1])),
    ([2000, 2009, 2010], 5, (2000, 3, [1, 0, 0, 2])),
    ([], 10, (0, 1, [])),
])
def test_bucket_counts(years, cells, expected) -> None:
    assert bucket_counts(years, cells) == expected


def test_bars_scale_to_the_busiest_year() -> None:
    assert [bar(n, 8) for n in (0, 1, 4, 8)] == [" ", "▁", "▄", "█"]
