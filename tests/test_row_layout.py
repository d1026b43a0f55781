"""Timeline rows share their width by priority and never cut a date."""

from __future__ import annotations

import pytest

from app_fixtures import drive, make_app, many_documents_timeline, strip_text
from tui.widgets.row_layout import GAP, MARKS, MIN_SUMMARY, Columns, column_width, fit_row, plan
from tui.widgets.timeline_list import TimelineList


@pytest.mark.parametrize("width, first, second, tag, expected", [
    # wide: every column, the summary takes the rest
    (100, 16, 13, 3, Columns(16, 13, 100 - (MARKS + 1 + 16 + GAP + 13 + GAP + 1 + 3), 3)),
    # the tag goes first, then the second date; the first date stays whole
    (MARKS + 1 + 16 + GAP + 13 + GAP + MIN_SUMMARY, 16, 13, 3, Columns(16, 13, MIN_SUMMARY, 0)),
    (MARKS + 1 + 16 + GAP + MIN_SUMMARY, 16, 13, 3, Columns(16, 0, MIN_SUMMARY, 0)),
    (30, 16, 13, 0, Columns(16, 0, 30 - (MARKS + 1 + 16 + GAP), 0)),
    # no tags with one document
    (100, 16, 13, 0, Columns(16, 13, 100 - (MARKS + 1 + 16 + GAP + 13 + GAP), 0)),
])
def test_plan_gives_way_by_priority(width, first, second, tag, expected) -> None:
    assert plan(width, first, second, tag) == expected


def test_a_wide_label_takes_cells_from_its_summary_then_drops_columns() -> None:
    columns = plan(60, 16, 13, 3)
    wider = fit_row(columns, 60, 22, 10)
    assert (wider.first, wider.second, wider.tag) == (22, 13, 3)
    assert wider.summary == columns.summary - 6
    widest = fit_row(columns, 60, 40, 10)
    assert widest.first == 40 and widest.second == 0  # second date dropped whole, never cut
    assert MARKS + 1 + widest.first + GAP + widest.summary + (1 + widest.tag if widest.tag else 0) <= 60
    assert fit_row(columns, 60, 10, 10) == columns  # narrower labels: the planned columns


@pytest.mark.parametrize("widths, expected", [([], 0), ([5], 5), ([10] * 19 + [30], 10), ([10] * 5 + [30] * 5, 30)])
def test_column_width_leaves_out_the_widest_few(widths, expected) -> None:
    assert column_width(widths) == expected


@pytest.mark.parametrize("width", [80, 100, 120, 200])
@pytest.mark.parametrize("visual", [False, True])
def test_rows_show_every_date_whole(width: int, visual: bool) -> None:
    """Each event row holds its first-calendar date untouched, and its marks."""
    timeline = many_documents_timeline()
    app = make_app(timeline, visual=visual)

    async def scenario(pilot) -> None:
        timeline_list = pilot.app.screen.query_one(TimelineList)
        region_width = timeline_list.scrollable_content_region.width
        for index in range(len(timeline_list.events)):
            first, second, mark = timeline_list._label(index)
            text = strip_text(timeline_list._event_strip(index, region_width, False))
            from tui.bidi import to_visual
            shown_first = to_visual(first, timeline_list.display_options.first != "gregorian")[0] if visual else first
            assert shown_first in text, (index, first, text)
            assert "…" not in first
            marks = mark[::-1] if visual else mark
            assert marks in text

    drive(app, scenario, size=(width, 40))
