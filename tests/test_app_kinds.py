"""The app and event kinds: a mark on each row, keys that show and hide by
kind, the reason for a date in the detail line, and stepping through the
reports of a merged event from the article."""

from __future__ import annotations

from dataclasses import replace

from app_fixtures import DAM, TRIP, drive, make_app, sample_events, strip_text
from core.model import Source
from core.timeline import Timeline
from tui.app import binding_owners
from tui.keymap import all_bindings
from tui.screens.help_screen import help_text
from tui.widgets.detail_line import DetailLine
from tui.widgets.status_line import StatusLine
from tui.widgets.timeline_list import TimelineList


def kinds_timeline() -> Timeline:
    """The sample events with kinds: the last is planned, the «۲۷ نوامبر» trip is
    reported by both articles, and one date is relative, with its reason."""
    events = sample_events()
    by_id = {e.id: e for e in events}
    by_id["dam:5"].kind = "planned"
    by_id["trip:2"].kind = "recurring"
    trip = by_id["trip:1"]
    other = next(e for e in events if e.document == "dam" and e.id == "dam:1")
    trip.sources = [trip.sources[0], Source(DAM.id, other.sentence)]
    by_id["dam:4"].date = replace(by_id["dam:4"].date, relative=True)
    by_id["dam:4"].basis = "relative"
    by_id["dam:4"].reason = "dated by «آذر» from the publication date 1402/07/16"
    return Timeline(documents=[DAM, TRIP], events=events, problems=[])


def rows(pilot) -> list[str]:
    listing = pilot.app.main.timeline_list
    return [strip_text(listing.render_line(y)) for y in range(listing.size.height)]


def shown_ids(pilot) -> list[str]:
    return [e.id for e in pilot.app.main.timeline_list.events]


def test_rows_carry_the_kind_mark_and_the_count_of_reports() -> None:
    async def scenario(pilot):
        lines = rows(pilot)
        # The kind mark and count open the summary's column; the document tag ends the row.
        planned = next(line for line in lines if "+ بهره" in line)
        merged = next(line for line in lines if "2024-11-27" in line)
        plain = next(line for line in lines if "2019 " in line)
        assert "۱۴۰۵" in planned and planned.rstrip().endswith("#1")  # «اواخر سال ۱۴۰۵ … انجام می‌شود»
        assert "×2 در ۲۷ نوامبر" in merged and merged.rstrip().endswith("#2")
        recurring = next(line for line in lines if "2011–2012 " in line and "#2" in line)
        assert "= حدود" in recurring
        assert "+" not in plain and "×" not in plain and '"' not in plain and " = " not in plain

    drive(make_app(kinds_timeline()), scenario, size=(120, 30))


def test_keys_hide_and_show_events_by_kind() -> None:
    async def scenario(pilot):
        everything = shown_ids(pilot)
        assert len(everything) == 8
        await pilot.press("P")                      # planned hidden
        assert "dam:5" not in shown_ids(pilot) and len(shown_ids(pilot)) == 7
        await pilot.press("A")                      # recurring hidden too
        assert "trip:2" not in shown_ids(pilot) and len(shown_ids(pilot)) == 6
        await pilot.press("R")                      # and relative dates
        assert "dam:4" not in shown_ids(pilot) and len(shown_ids(pilot)) == 5
        title = pilot.app.main._timeline_title()
        status = pilot.app.main.query_one(StatusLine).text
        assert "5 of 8 events" in title and "hidden planned, recurring, relative" in status
        await pilot.press("P", "A", "R")            # all shown again
        assert shown_ids(pilot) == everything
        await pilot.press("I")                      # the inferred date of the sample
        assert "trip:3" not in shown_ids(pilot)

    drive(make_app(kinds_timeline()), scenario)


def test_detail_line_gives_the_kind_and_the_reason_for_the_date() -> None:
    async def scenario(pilot):
        listing: TimelineList = pilot.app.main.timeline_list
        listing.select_event("dam:4")
        await pilot.pause()
        detail = pilot.app.main.query_one(DetailLine)
        second = strip_text(detail.render_line(1))
        assert second.startswith("happened: dated by «آذر» from the publication date 1402/07/16")
        listing.select_event("trip:1")
        await pilot.pause()
        second = strip_text(detail.render_line(1))
        assert second.startswith("happened: written (gregorian)") and "sources (2): " in second

    drive(make_app(kinds_timeline()), scenario, size=(200, 30))


def test_enter_opens_the_first_report_and_brackets_step_through_the_others() -> None:
    async def scenario(pilot):
        pilot.app.main.timeline_list.select_event("trip:1")
        await pilot.pause()
        await pilot.press("enter")
        article = pilot.app.main.article
        assert article.document.id == "trip"
        await pilot.press("right_square_bracket")
        assert article.document.id == "dam" and article.current.sentence.text.startswith("وزیر نیرو")
        await pilot.press("right_square_bracket")   # no third report: stays
        assert article.document.id == "dam"
        await pilot.press("left_square_bracket")
        assert article.document.id == "trip" and article.current.id == "trip:1"

    drive(make_app(kinds_timeline()), scenario)


def test_help_has_the_kind_legend_and_keys() -> None:
    text = help_text(all_bindings(binding_owners()), {}).plain
    assert "Show and hide by kind" in text and "kinds.planned" in text
    assert "+ planned" in text and "= recurring" in text and '" statement' in text and "×3" in text
    assert "article.next-report" in text
