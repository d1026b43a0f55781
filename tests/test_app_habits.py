"""What users of terminal tools expect: Ctrl+C quits, the copy says when it may be lost."""

from __future__ import annotations

import pytest

from app_fixtures import drive, make_app
from tui.screens.timeline_screen import copy_notice


@pytest.mark.parametrize("prompt", [None, "slash", "f"])
def test_ctrl_c_quits_from_the_timeline_and_from_prompts(prompt) -> None:
    app = make_app()

    async def scenario(pilot) -> None:
        if prompt:
            await pilot.press(prompt)
        await pilot.press("ctrl+c")

    drive(app, scenario, size=(80, 24))
    assert app.return_code == 0 and not app.is_running


@pytest.mark.parametrize("environ, warned", [
    ({"TMUX": "/tmp/tmux-1/default,1,0", "TERM": "tmux-256color"}, "set-clipboard"),
    ({"STY": "1.pts", "TERM": "screen"}, "may drop it"),
    ({"TERM": "vt100"}, "may drop it"),
    ({}, "may drop it"),
    ({"TERM": "xterm-256color"}, "without OSC 52"),
])
def test_copy_notice_says_when_the_copy_may_be_dropped(environ, warned) -> None:
    notice = copy_notice(environ)
    assert notice.startswith("copied the event") and "OSC 52" in notice and warned in notice


def test_export_format_is_chosen_with_arrows_and_shown_in_text(tmp_path) -> None:
    from textual.widgets import Input, Label

    shown: list[str] = []
    paths: list[str] = []

    async def scenario(pilot) -> None:
        await pilot.press("e")
        screen = pilot.app.screen
        for key in (None, "down", "down", "up", "up", "up"):
            if key:
                await pilot.press(key)
            shown.append(str(screen.query_one("#export-format", Label).render()))
            paths.append(screen.query_one("#export-path", Input).value)
        await pilot.press("enter")

    drive(make_app(export_folder=tmp_path), scenario, size=(80, 24))
    assert "(•) Markdown" in shown[0] and "( ) JSON" in shown[0]
    assert "(•) JSON" in shown[1] and "( ) Markdown" in shown[1]
    assert "(•) CSV" in shown[2]
    assert "(•) Markdown" in shown[4] and "(•) TimelineJS (JSON)" in shown[5]  # wraps around
    assert paths[1].endswith("ruydad-timeline.json") and paths[5].endswith("ruydad-timeline.timelinejs.json")
    assert (tmp_path / "ruydad-timeline.timelinejs.json").is_file()


def test_mouse_click_selects_a_row_and_runs_a_key_hint() -> None:
    from tui.screens.search_screen import SearchScreen
    from tui.widgets.key_bar import KeyBar
    from tui.widgets.timeline_list import TimelineList

    seen: dict[str, object] = {}

    async def scenario(pilot) -> None:
        listing = pilot.app.screen.query_one(TimelineList)
        # Rows: heading 1390, event 0, heading 1397, event 1, heading 1400, event 2 …
        await pilot.click(TimelineList, offset=(10, 5))
        seen["row 5"] = listing.cursor
        await pilot.click(TimelineList, offset=(10, 2))  # a heading: its first event
        seen["heading"] = listing.cursor
        bar = pilot.app.screen.query_one(KeyBar)
        hint = next(start for start, _, _, binding in bar._spans if binding.action == "search")
        await pilot.click(KeyBar, offset=(hint + 1, 0))
        seen["screen"] = type(pilot.app.screen)

    drive(make_app(), scenario, size=(120, 40))
    assert seen["row 5"] == 2 and seen["heading"] == 1
    assert seen["screen"] is SearchScreen


@pytest.mark.parametrize("text, expected", [
    ("2024-11-30", "2024-11-30"), ("1403/09/10", "2024-11-30"), ("۱۴۰۳-۰۹-۱۰", "2024-11-30"),
    ("1403-09", "2024-11-21"), ("2024-11", "2024-11-01"), ("1399", "2020-03-20"), ("2020", "2020-01-01"),
])
def test_read_day_takes_either_calendar_and_months_or_years(text, expected) -> None:
    from core.documents import parse_date
    from tui.screens.goto_screen import read_day

    assert read_day(text, parse_date).isoformat() == expected


@pytest.mark.parametrize("text", ["abc", "1403-13-01", "", "2024-02-30"])
def test_read_day_refuses_what_is_not_a_date(text) -> None:
    from core.documents import parse_date
    from tui.screens.goto_screen import read_day

    with pytest.raises(ValueError):
        read_day(text, parse_date)


def test_t_goes_to_the_event_nearest_a_date() -> None:
    from tui.screens.goto_screen import GoToDateScreen

    seen: list[object] = []

    async def scenario(pilot) -> None:
        main = pilot.app.main
        for typed in ("1400", "2024-11-28", "۱۳۹۰", "abc"):
            await pilot.press("t")
            for char in typed:
                await pilot.press(char)
            await pilot.press("enter")
            seen.append(main.timeline_list.cursor if not isinstance(pilot.app.screen, GoToDateScreen)
                        else "still asking")

    drive(make_app(), scenario, size=(80, 24))
    assert seen == [2, 5, 0, "still asking"]


def test_document_picker_narrows_by_title_and_filters_by_the_chosen_document() -> None:
    from textual.widgets import OptionList

    from app_fixtures import many_documents_timeline

    seen: dict[str, object] = {}

    async def scenario(pilot) -> None:
        await pilot.press("o")
        listing = pilot.app.screen.query_one(OptionList)
        seen["all"] = listing.option_count
        for char in "نمایشگاه":
            await pilot.press(char)
        seen["narrowed"] = [listing.get_option_at_index(i).id for i in range(listing.option_count)]
        await pilot.press("enter")
        main = pilot.app.main
        seen["shown"] = [e.document for e in main.timeline_list.events]
        await pilot.press("F")
        # A tag typed in the filter form names a document too.
        await pilot.press("f")
        pilot.app.screen.query_one("#filter-document").value = "#2"
        await pilot.press("enter")
        seen["by tag"] = sorted({e.document for e in main.timeline_list.events})

    drive(make_app(many_documents_timeline()), scenario, size=(120, 40))
    assert seen["all"] == 13 and seen["narrowed"] == ["fair"]
    assert seen["shown"] == ["fair"]
    assert seen["by tag"] == ["trip1"]


def test_search_matches_are_marked_in_the_article() -> None:
    from app_fixtures import DAM_TEXT
    from tui.widgets.article_view import ArticleView

    seen: dict[str, object] = {}

    async def scenario(pilot) -> None:
        article = pilot.app.screen.query_one(ArticleView)
        seen["before"] = list(article._matches)
        await pilot.press("slash", *"کرج", "enter")  # selects dam:1, in the dam article
        seen["after"] = list(article._matches)
        title_end = DAM_TEXT.index("\n")
        expected = article._style("") + article._style("title") + article._style("match")
        seen["styled"] = [text for text, style in article._pieces(0, title_end, (0, 0), (0, 0)) if style == expected]
        await pilot.press("slash")
        pilot.app.screen.query_one("#search-input").value = ""
        await pilot.press("enter")
        seen["cleared"] = list(article._matches)

    drive(make_app(), scenario, size=(120, 40))
    where = DAM_TEXT.index("کرج")
    assert seen["before"] == [] and seen["cleared"] == []
    assert seen["after"] == [(where, where + 3)]
    assert seen["styled"] == ["کرج"]


def test_r_lists_the_search_results_and_goes_to_the_chosen_one() -> None:
    from textual.widgets import OptionList

    from tui.screens.results_screen import ResultsScreen

    seen: dict[str, object] = {}

    async def scenario(pilot) -> None:
        await pilot.press("r")
        seen["without search"] = isinstance(pilot.app.screen, ResultsScreen)
        await pilot.press("slash", *"کرج", "enter")  # matches at 3 and 5; the cursor goes to 3
        await pilot.press("r")
        listing = pilot.app.screen.query_one(OptionList)
        seen["listed"] = [listing.get_option_at_index(i).id for i in range(listing.option_count)]
        seen["highlighted"] = listing.highlighted
        await pilot.press("down", "enter")
        seen["cursor"] = pilot.app.main.timeline_list.cursor

    drive(make_app(), scenario, size=(120, 40))
    assert seen["without search"] is False
    assert seen["listed"] == ["3", "5"] and seen["highlighted"] == 0 and seen["cursor"] == 5


@pytest.mark.parametrize("visual", [False, True])
def test_the_article_title_gives_way_before_its_dates(visual: bool) -> None:
    from app_fixtures import strip_text
    from tui.bidi import to_visual
    from tui.widgets.pane_title import PaneTitle

    shown: list[str] = []

    async def scenario(pilot) -> None:
        title = pilot.app.main.query_one("#article-title", PaneTitle)
        shown.append(strip_text(title.render_line(0)))

    drive(make_app(visual=visual), scenario, size=(100, 30))  # a narrow article pane
    text = shown[0]
    assert "…" in text  # the title was cut …
    jalali = "۱۰ آذر ۱۴۰۳"
    assert "2024-11-30" in text and (to_visual(jalali)[0] if visual else jalali) in text  # … the dates were not
