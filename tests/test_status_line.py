"""The status line: position, search match, filter (and its one-key clear), inputs."""

from __future__ import annotations

from textual.widgets import Input

from app_fixtures import drive, make_app
from tui.app_command import inputs_label
from tui.widgets.status_line import StatusLine


def _status(pilot) -> str:
    return pilot.app.main.query_one(StatusLine).text


def test_position_search_and_filter_with_one_key_clear() -> None:
    seen: list[str] = []

    async def scenario(pilot) -> None:
        seen.append(_status(pilot))
        await pilot.press("j", "j")
        seen.append(_status(pilot))
        await pilot.press("slash", *"کرج", "enter")  # matches dam:1 (4th) and trip:1 (6th)
        seen.append(_status(pilot))
        await pilot.press("j")  # off the matches
        seen.append(_status(pilot))
        await pilot.press("f")
        pilot.app.screen.query_one("#filter-place", Input).value = "کرج"
        pilot.app.screen.query_one("#filter-from", Input).value = "2023-01-01"
        await pilot.press("enter")
        seen.append(_status(pilot))
        await pilot.press("F")
        seen.append(_status(pilot))

    drive(make_app(inputs="news.jsonl"), scenario)
    first, moved, searched, off_match, filtered, cleared = seen
    assert first.startswith(" 1/8 events") and "news.jsonl · 2 documents" in first
    assert moved.startswith(" 3/8 events")
    assert "search «کرج» 1/2" in searched and searched.startswith(" 4/8")
    assert "search «کرج» –/2" in off_match
    assert "of 8 events" in filtered and "filter place=کرج, from 2023-01-01 (F clears)" in filtered
    assert "filter" not in cleared and "search" not in cleared and "/8 events" in cleared


def test_x_with_nothing_to_clear_changes_nothing() -> None:
    seen: list[int] = []

    async def scenario(pilot) -> None:
        await pilot.press("F")
        seen.append(len(pilot.app.main.timeline_list.events))

    drive(make_app(), scenario)
    assert seen == [8]


def test_inputs_label() -> None:
    assert inputs_label([]) == "the example article"
    assert inputs_label(["/data/news/farsnews.jsonl"]) == "farsnews.jsonl"
    assert inputs_label(["articles/", "-"]) == "articles and 1 more"
    assert inputs_label(["-"]) == "standard input"
