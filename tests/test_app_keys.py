"""Pilot tests: every key path of the timeline explorer, with assertions on state.

The sample timeline (tests/app_fixtures.py), in order, Jalali years in brackets:
0 trip:2 about 1390 [1390] · 1 dam:2 2019 [1397] · 2 dam:3 spring 1400 [1400] ·
3 dam:1 15 Mehr 1402 [1402] · 4 dam:4 Azar 1402 [1402] · 5 trip:1 27 Nov 2024 [1403] ·
6 trip:3 29 Nov 2024 [1403] · 7 dam:5 late 1405 [1405]
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.command import CommandPalette
from textual.widgets import Input

from app_fixtures import drive, make_app, many_events_timeline, sample_timeline, strip_text
from core.memory_store import MemoryStore
from tui.config import Settings
from tui.screens.export_screen import ExportScreen
from tui.screens.filter_screen import FilterScreen
from tui.screens.help_screen import HelpScreen
from tui.screens.search_screen import SearchScreen
from tui.widgets.article_view import ArticleView
from tui.widgets.detail_line import DetailLine
from tui.widgets.timeline_list import TimelineList


def ids(pilot) -> str:
    return pilot.app.screen.timeline_list.event.id


def listing(pilot) -> TimelineList:
    return pilot.app.main.timeline_list


def notices(pilot) -> list[str]:
    return [str(n.message) for n in pilot.app._notifications]


def test_opens_on_the_first_event_with_its_article_and_detail() -> None:
    async def scenario(pilot):
        screen = pilot.app.screen
        assert listing(pilot).cursor == 0 and ids(pilot) == "trip:2"
        assert screen.article.document.id == "trip"
        assert screen.article.current.id == "trip:2"
        assert screen.query_one(DetailLine).event.id == "trip:2"
        assert pilot.app.focused is listing(pilot)
        assert "8 events" in screen.query_one("#timeline-title").text

    drive(make_app(), scenario)


def test_up_and_down() -> None:
    async def scenario(pilot):
        await pilot.press("j")
        assert listing(pilot).cursor == 1
        await pilot.press("down", "down")
        assert listing(pilot).cursor == 3
        await pilot.press("k")
        assert listing(pilot).cursor == 2
        await pilot.press("up", "up", "up")
        assert listing(pilot).cursor == 0  # stops at the top
        await pilot.press("G", "j")
        assert listing(pilot).cursor == 7  # and at the bottom

    drive(make_app(), scenario)


def test_gg_top_and_G_bottom() -> None:
    async def scenario(pilot):
        await pilot.press("G")
        assert listing(pilot).cursor == 7
        await pilot.press("g")
        assert listing(pilot).cursor == 7  # one g is not enough
        await pilot.press("g")
        assert listing(pilot).cursor == 0
        await pilot.press("G", "g", "k", "g")
        assert listing(pilot).cursor == 6  # g k g is not gg
        await pilot.press("home")
        assert listing(pilot).cursor == 0
        await pilot.press("end")
        assert listing(pilot).cursor == 7

    drive(make_app(), scenario)


def test_page_down_and_up() -> None:
    async def scenario(pilot):
        await pilot.press("pagedown")
        after_one = listing(pilot).cursor
        assert 4 <= after_one <= 12
        await pilot.press("pagedown")
        assert listing(pilot).cursor > after_one
        await pilot.press("pageup", "pageup")
        assert listing(pilot).cursor <= 1
        row = listing(pilot).row_of_event(listing(pilot).cursor)
        assert listing(pilot).scroll_y <= row < listing(pilot).scroll_y + listing(pilot).size.height

    drive(make_app(many_events_timeline(400)), scenario, size=(80, 24))


def test_previous_and_next_year() -> None:
    async def scenario(pilot):
        seen = []
        for _ in range(6):
            await pilot.press("right_square_bracket")
            seen.append(listing(pilot).cursor)
        assert seen == [1, 2, 3, 5, 7, 7]  # first event of each Jalali year; stays at the last
        assert "no later year" in notices(pilot)
        await pilot.press("left_square_bracket")
        assert listing(pilot).cursor == 5
        await pilot.press("j", "left_square_bracket")
        assert listing(pilot).cursor == 3  # from 6 (year 1403) to the first of 1402

    drive(make_app(), scenario)


@pytest.mark.parametrize("start, keys, expected", [
    (3, ["D"], "dam:4"),      # a day on from 15 Mehr 1402: nearest later event
    (3, ["d"], "dam:3"),      # a day back
    (3, ["M"], "dam:4"),      # a month on: 15 Aban 1402 → Azar 1402 is nearest
    (5, ["m"], "dam:4"),      # a month back from 7 Azar 1403
    (5, ["D"], "trip:3"),     # 27 → 29 Nov 2024
    (3, ["right_curly_bracket"], "trip:1"),  # a year on: 15 Mehr 1403 → 27 Nov 2024
    (3, ["Y"], "trip:1"),     # «Y» too
    (3, ["left_curly_bracket"], "dam:3"),    # a year back: 15 Mehr 1401 → spring 1400
    (7, ["D"], "dam:5"),      # nothing later: stays
])
def test_moves_in_time(start: int, keys: list[str], expected: str) -> None:
    async def scenario(pilot):
        listing(pilot).cursor = start
        await pilot.pause()
        await pilot.press(*keys)
        assert ids(pilot) == expected

    drive(make_app(), scenario)


def test_moves_in_time_use_the_calendar_shown_first() -> None:
    async def scenario(pilot):
        await pilot.press("c")  # Gregorian first
        listing(pilot).cursor = 5  # 2024-11-27
        await pilot.press("m")     # → 2024-10-27: nearest earlier event is Azar 1402 (2023-11-22)
        assert ids(pilot) == "dam:4"

    drive(make_app(), scenario)


def test_enter_goes_to_the_sentence_and_escape_comes_back() -> None:
    async def scenario(pilot):
        await pilot.press("G", "enter")
        article = pilot.app.screen.article
        assert pilot.app.focused is article
        assert article.current.id == "dam:5"
        first = article._lines and [i for i, (a, b) in enumerate(article._lines)
                                     if a <= article.current.sentence.span[0] < b + 1][0]
        assert article.scroll_y <= first < article.scroll_y + article.size.height
        await pilot.press("escape")
        assert pilot.app.focused is listing(pilot)
        assert ids(pilot) == "dam:5"

    drive(make_app(), scenario, size=(80, 24))


def test_n_and_N_move_between_events_inside_the_article() -> None:
    async def scenario(pilot):
        listing(pilot).cursor = 3  # dam:1, the first dated sentence of the dam article
        await pilot.pause()
        await pilot.press("enter", "n")
        article = pilot.app.screen.article
        assert article.current.id == "dam:2"
        assert ids(pilot) == "dam:2"  # the timeline follows
        await pilot.press("n", "n", "n")
        assert article.current.id == "dam:5"
        await pilot.press("n")
        assert article.current.id == "dam:5"
        assert "last event in this article" in notices(pilot)
        await pilot.press("N")
        assert article.current.id == "dam:4"
        await pilot.press("escape")
        assert pilot.app.focused is listing(pilot) and ids(pilot) == "dam:4"

    drive(make_app(), scenario)


def test_search_jumps_to_matches_and_n_cycles() -> None:
    async def scenario(pilot):
        await pilot.press("slash")
        assert isinstance(pilot.app.screen, SearchScreen)
        await pilot.press(*"کرج", "enter")
        assert not isinstance(pilot.app.screen, SearchScreen)
        assert listing(pilot)._matches == [3, 5]  # dam:1 (place), trip:1 (sentence)
        assert ids(pilot) == "dam:1"
        await pilot.press("n")
        assert ids(pilot) == "trip:1"
        await pilot.press("n")
        assert ids(pilot) == "dam:1"  # wraps around
        await pilot.press("N")
        assert ids(pilot) == "trip:1"
        assert pilot.app.main.search_query == "کرج"
        # An empty search clears; Escape cancels without change.
        await pilot.press("slash")
        pilot.app.screen.query_one(Input).value = ""
        await pilot.press("enter")
        assert listing(pilot)._matches == []
        await pilot.press("slash", "x", "escape")
        assert pilot.app.main.search_query == ""

    drive(make_app(), scenario)


def test_search_ignores_zwnj_and_letter_variants() -> None:
    async def scenario(pilot):
        await pilot.press("slash")
        pilot.app.screen.query_one(Input).value = "بتنريزي"  # no ZWNJ, Arabic yeh
        await pilot.press("enter")
        assert ids(pilot) == "dam:4"

    drive(make_app(), scenario)


def test_filter_by_place_range_and_clear() -> None:
    async def scenario(pilot):
        main = pilot.app.main
        await pilot.press("f")
        assert isinstance(pilot.app.screen, FilterScreen)
        pilot.app.screen.query_one("#filter-place", Input).value = "کرج"
        await pilot.press("enter")
        assert [e.id for e in listing(pilot).events] == ["dam:1", "trip:1"]
        assert ids(pilot) == "dam:1"  # the selection moved to the nearest date
        # A Jalali date range.
        await pilot.press("f")
        screen = pilot.app.screen
        screen.query_one("#filter-place", Input).value = ""
        screen.query_one("#filter-from", Input).value = "1402-01-01"
        screen.query_one("#filter-to", Input).value = "1402/12/29"
        await pilot.press("enter")
        assert [e.id for e in listing(pilot).events] == ["dam:1", "dam:4"]
        assert "2 of 8 events" in main.query_one("#timeline-title").text
        # A bad date keeps the prompt open with the reason.
        await pilot.press("f")
        pilot.app.screen.query_one("#filter-to", Input).value = "1402-13-01"
        await pilot.press("enter")
        assert isinstance(pilot.app.screen, FilterScreen)
        assert "1402-13-01" in str(pilot.app.screen.query_one("#filter-error").render())
        await pilot.press("escape")
        main.apply_filter_clear()
        await pilot.pause()
        assert len(listing(pilot).events) == 8 and ids(pilot) == "dam:1"

    drive(make_app(), scenario)


def test_filter_by_document() -> None:
    async def scenario(pilot):
        await pilot.press("f")
        pilot.app.screen.query_one("#filter-document", Input).value = "trip"
        await pilot.press("enter")
        assert {e.document for e in listing(pilot).events} == {"trip"}

    drive(make_app(), scenario)


def test_calendar_cycle_regroups_and_relabels() -> None:
    async def scenario(pilot):
        timeline = listing(pilot)
        assert strip_text(timeline.render_line(0)).startswith(" ۱۳۹۰")
        await pilot.press("j", "j")
        await pilot.press("c")
        assert timeline.display_options.first == "gregorian"
        assert strip_text(timeline.render_line(0)).startswith(" 2011")
        assert ids(pilot) == "dam:3"  # the selection stays
        assert "Gregorian dates first" in notices(pilot)
        await pilot.press("c")
        assert timeline.display_options.first == "hijri"
        assert strip_text(timeline.render_line(0)).startswith(" ۱۴۳۲")
        await pilot.press("c")
        assert timeline.display_options.first == "jalali"

    drive(make_app(), scenario)


def test_bidi_toggle_reorders_and_shapes() -> None:
    async def scenario(pilot):
        main = pilot.app.main
        row = strip_text(listing(pilot).render_line(1))
        assert "حدود سال" in row  # logical order, unshaped
        await pilot.press("b")
        assert main.options.visual and main.article.visual and listing(pilot).visual
        row = strip_text(listing(pilot).render_line(1))
        assert "ﻝﺎﺳ ﺩﻭﺪﺣ" in row  # reversed, presentation forms
        assert row.rstrip().endswith("~y")  # the mark at the right edge
        heading = strip_text(listing(pilot).render_line(0))
        assert heading.endswith("۱۳۹۰ ") and heading.startswith(" ")  # right-aligned
        line = strip_text(main.article.render_line(0))
        assert "\u200c" not in line and line.startswith(" ")
        await pilot.press("b")
        assert not main.options.visual
        assert "حدود سال" in strip_text(listing(pilot).render_line(1))

    drive(make_app(), scenario)


def test_copy_puts_the_event_on_the_clipboard_and_says_so() -> None:
    async def scenario(pilot):
        listing(pilot).cursor = 5
        await pilot.press("y")
        copied = pilot.app.clipboard
        assert copied.startswith("۷ آذر ۱۴۰۳ · 2024-11-27\n")
        assert "در ۲۷ نوامبر ۲۰۲۴ هیئتی از شیراز به کرج رفت." in copied
        assert "\x1b" not in copied
        assert any("copied" in n for n in notices(pilot))

    drive(make_app(), scenario)


def test_export_writes_a_new_file_and_refuses_to_overwrite(tmp_path: Path) -> None:
    async def scenario(pilot):
        await pilot.press("e")
        screen = pilot.app.screen
        assert isinstance(screen, ExportScreen)
        path_input = screen.query_one("#export-path", Input)
        assert path_input.value == str(tmp_path / "ruydad-timeline.md")
        await pilot.press("enter")
        written = (tmp_path / "ruydad-timeline.md").read_text(encoding="utf-8")
        assert written.count("\n") == 2 + 8 and "بتن" in written
        assert any("exported 8 events as Markdown" in n for n in notices(pilot))
        # The next default name is free; an existing name is refused, nothing overwritten.
        await pilot.press("e")
        path_input = pilot.app.screen.query_one("#export-path", Input)
        assert path_input.value == str(tmp_path / "ruydad-timeline-2.md")
        path_input.value = str(tmp_path / "ruydad-timeline.md")
        await pilot.press("enter")
        assert isinstance(pilot.app.screen, ExportScreen)
        assert "exists" in str(pilot.app.screen.query_one("#export-error").render())
        await pilot.press("escape")
        assert (tmp_path / "ruydad-timeline.md").read_text(encoding="utf-8") == written

    drive(make_app(export_folder=tmp_path), scenario)


def test_export_formats_from_the_palette_commands(tmp_path: Path) -> None:
    async def scenario(pilot):
        commands = {c.title: c for c in pilot.app.get_system_commands(pilot.app.screen)}
        commands["export: timeline as JSON"].callback()
        await pilot.pause()
        assert pilot.app.screen.query_one("#export-path", Input).value.endswith("ruydad-timeline.json")
        await pilot.press("enter")
        assert '"events"' in (tmp_path / "ruydad-timeline.json").read_text(encoding="utf-8")

    drive(make_app(export_folder=tmp_path), scenario)


def test_help_lists_keys_and_closes() -> None:
    async def scenario(pilot):
        await pilot.press("question_mark")
        assert isinstance(pilot.app.screen, HelpScreen)
        text = str(pilot.app.screen.query_one("#help-text").render())
        assert "timeline.down" in text and "previous year" in text and "visual" in text
        await pilot.press("escape")
        assert not isinstance(pilot.app.screen, HelpScreen)

    drive(make_app(), scenario)


def test_q_quits_with_status_0() -> None:
    app = make_app()

    async def scenario(pilot):
        await pilot.press("q")

    drive(app, scenario)
    assert app.return_code == 0 and not app.is_running


def test_q_inside_a_prompt_is_typed_not_quit() -> None:
    async def scenario(pilot):
        await pilot.press("slash", "q")
        assert pilot.app.is_running and isinstance(pilot.app.screen, SearchScreen)
        assert pilot.app.screen.query_one(Input).value == "q"

    drive(make_app(), scenario)


def test_keymap_from_settings_remaps_bindings() -> None:
    app = make_app(settings=Settings(keys={"timeline.down": "ctrl+n", "app.quit": "x"}))

    async def scenario(pilot):
        await pilot.press("ctrl+n")
        assert listing(pilot).cursor == 1
        await pilot.press("j")
        assert listing(pilot).cursor == 1  # j no longer moves
        await pilot.press("question_mark")
        assert "ctrl+n" in str(pilot.app.screen.query_one("#help-text").render())
        await pilot.press("escape", "x")

    drive(app, scenario)
    assert app.return_code == 0


def test_palette_has_group_verb_commands_that_work() -> None:
    async def scenario(pilot):
        commands = {c.title: c for c in pilot.app.get_system_commands(pilot.app.screen)}
        for title in ("calendar: show Gregorian first", "export: timeline as Markdown", "bidi: visual order",
                      "filter: clear", "event: copy to clipboard", "app: quit"):
            assert title in commands
        assert all(": " in title for title in commands)
        commands["calendar: show Gregorian first"].callback()
        assert listing(pilot).display_options.first == "gregorian"
        commands["digits: Persian"].callback()
        assert listing(pilot).display_options.digits == "persian"
        await pilot.press("colon")
        assert isinstance(pilot.app.screen, CommandPalette)

    drive(make_app(), scenario)


def test_resizing_keeps_the_selection_in_view() -> None:
    async def scenario(pilot):
        await pilot.press("G", "k", "k")
        before = ids(pilot)
        for size in ((80, 24), (60, 15), (120, 40)):
            await pilot.resize_terminal(*size)
            await pilot.pause()
            await pilot.pause()
            timeline = listing(pilot)
            assert ids(pilot) == before
            row = timeline.row_of_event(timeline.cursor)
            assert timeline.scroll_y <= row < timeline.scroll_y + timeline.size.height

    drive(make_app(many_events_timeline(300)), scenario)


def test_problems_are_shown_and_listed_without_stopping_the_rest() -> None:
    from core.documents import Problem

    problems = [Problem("bad.txt", None, "binary file"), Problem("x.jsonl", 3, "not valid JSON")]

    async def scenario(pilot):
        assert len(listing(pilot).events) == 8
        assert any("bad.txt: binary file" in n for n in notices(pilot))
        assert "2 problem(s)" in pilot.app.main.query_one("#timeline-title").text
        await pilot.press("p")
        shown = str(pilot.app.screen.query_one("Static").render())
        assert "x.jsonl:3: not valid JSON" in shown
        await pilot.press("escape")

    drive(make_app(sample_timeline(problems)), scenario)


def test_a_failing_loader_is_reported_not_fatal() -> None:
    def broken(report):
        raise RuntimeError("disk on fire")

    from tui.app import RuydadApp

    app = RuydadApp(broken, Settings())

    async def scenario(pilot):
        assert pilot.app.is_running
        assert any("disk on fire" in n for n in notices(pilot))
        assert listing(pilot).event is None
        await pilot.press("j", "enter", "y", "slash", "escape", "q")

    drive(app, scenario)
    assert app.return_code == 0


def test_first_screen_before_the_timeline_is_built() -> None:
    import threading

    from app_fixtures import DAM, TRIP
    from tui.app import RuydadApp

    release = threading.Event()

    def slow(report):
        report.documents([DAM, TRIP], [])
        report.progress("finding dates in 2 document(s)…")
        release.wait(10)
        return MemoryStore(sample_timeline())

    async def scenario_before(pilot):
        await pilot.pause(0.2)
        main = pilot.app.main
        assert main.store is None
        assert main.article.document.id == "dam"  # the text is readable already
        assert "finding dates" in main.query_one("#timeline-title").text
        release.set()
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        assert len(listing(pilot).events) == 8

    import asyncio

    async def main():
        app = RuydadApp(slow, Settings())
        async with app.run_test(size=(80, 24)) as pilot:
            await scenario_before(pilot)

    asyncio.run(main())


def test_article_text_is_shown_as_text_never_interpreted() -> None:
    async def scenario(pilot):
        listing(pilot).cursor = 5  # trip:1, whose line ends with ESC [31m
        await pilot.pause()
        article = pilot.app.main.article
        lines = [strip_text(article.render_line(y)) for y in range(article.size.height)]
        assert any("[bold]فنی[/bold]" in line for line in lines)
        assert any("␛[31m" in line for line in lines)
        segments = [s for y in range(article.size.height) for s in article.render_line(y)]
        assert all("\x1b" not in s.text for s in segments)
        title = pilot.app.main.query_one("#article-title").text
        assert "[bold]فنی[/bold]" in title

    drive(make_app(), scenario)


def test_the_selected_sentence_and_date_are_styled() -> None:
    async def scenario(pilot):
        article = pilot.app.main.article
        event = article.current
        y = next(i for i, (a, b) in enumerate(article._lines) if a <= event.date.span[0] < b)
        styled = {s.text: s.style for s in article.render_line(y - int(article.scroll_y))}
        date_style = next(style for text, style in styled.items() if "۱۳۹۰" in text)
        assert date_style.bold and date_style.underline

    drive(make_app(), scenario)


def test_the_bundled_seed_article_loads_through_the_real_engine() -> None:
    from importlib.resources import as_file, files

    from tui.app import RuydadApp
    from tui.app_command import SEED_ARTICLE, SEED_PACKAGE, timeline_loader

    with as_file(files(SEED_PACKAGE) / SEED_ARTICLE) as seed:
        app = RuydadApp(timeline_loader([str(seed)], None), Settings())

        async def scenario(pilot):
            first = listing(pilot).event
            assert first.date.start.year == 2017
            await pilot.press("G", "g", "g", "enter")
            assert "چهار منطقه امن" in pilot.app.main.article.current.sentence.text
            await pilot.press("escape", "G", "enter")
            assert pilot.app.main.article.current is listing(pilot).events[-1]
            await pilot.press("q")

        drive(app, scenario, size=(80, 24))
    assert app.return_code == 0


def test_visual_mode_from_the_start() -> None:
    async def scenario(pilot):
        assert listing(pilot).visual and pilot.app.main.article.visual
        assert isinstance(pilot.app.main.article, ArticleView)

    drive(make_app(visual=True), scenario)


def test_a_filter_that_matches_nothing_leaves_keys_harmless() -> None:
    async def scenario(pilot):
        await pilot.press("f")
        pilot.app.screen.query_one("#filter-actor", Input).value = "کسی که نیست"
        await pilot.press("enter")
        assert len(listing(pilot).events) == 0 and listing(pilot).event is None
        assert pilot.app.main.query_one(DetailLine).event is None
        await pilot.press("j", "k", "G", "g", "g", "d", "M", "right_square_bracket", "enter", "n", "y", "c", "b")
        assert pilot.app.is_running and listing(pilot).cursor == -1
        assert "0 of 8 events" in pilot.app.main.query_one("#timeline-title").text

    drive(make_app(), scenario)


def test_date_option_places_the_lead_at_that_day() -> None:
    from datetime import date
    from importlib.resources import as_file, files

    from tui.app import RuydadApp
    from tui.app_command import SEED_ARTICLE, SEED_PACKAGE, timeline_loader

    with as_file(files(SEED_PACKAGE) / SEED_ARTICLE) as seed:
        app = RuydadApp(timeline_loader([str(seed)], None, date(2024, 11, 30)), Settings())

        async def scenario(pilot):
            last = listing(pilot).events[-1]
            assert last.lead and not last.inferred
            assert last.date.start == date(2024, 11, 30)
            await pilot.press("q")

        drive(app, scenario, size=(80, 24))


def test_date_option_rejects_a_bad_date(capsys) -> None:
    from tui.app_command import run_app

    assert run_app(["--date", "1403/13/40"]) == 2
    assert "not a date" in capsys.readouterr().err
