"""Where the reader was (event, filter, search) comes back on the same inputs."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from textual.widgets import Input

from app_fixtures import drive, make_app
from tui.remembered import Place, inputs_key, recall, remember, state_file


def test_state_file_follows_xdg() -> None:
    assert state_file({"XDG_STATE_HOME": "/s"}) == Path("/s/ruydad/places.json")
    assert state_file({"HOME": "/h"}) == Path("/h/.local/state/ruydad/places.json")


def test_inputs_key(tmp_path: Path) -> None:
    a, b = str(tmp_path / "a.jsonl"), str(tmp_path / "b")
    assert inputs_key([a, b]) == inputs_key([b, a]) != inputs_key([a])
    assert inputs_key(["-"]) is None and inputs_key([a, "-"]) is None and inputs_key([]) is None


def test_remember_and_recall_round_trip_and_damage(tmp_path: Path) -> None:
    path = tmp_path / "state" / "places.json"
    place = Place("dam:4", "کرج", "وزیر", "", "dam", date(2023, 1, 1), None)
    remember("k1", place, path)
    assert recall("k1", path) == place and recall("k2", path) is None
    path.write_text("{not json", encoding="utf-8")
    assert recall("k1", path) is None  # a damaged file is an empty one
    remember("k1", place, path)
    assert recall("k1", path) == place
    assert [p.name for p in path.parent.iterdir()] == ["places.json"]  # no temporary file left


def test_quitting_keeps_the_place_and_the_next_run_comes_back(tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path))
    seen: dict[str, object] = {}

    async def first_run(pilot) -> None:
        await pilot.press("f")
        pilot.app.screen.query_one("#filter-from", Input).value = "2023-01-01"
        await pilot.press("enter")
        await pilot.press("slash", *"کرج", "enter")
        await pilot.press("j")
        seen["first"] = pilot.app.main.timeline_list.event.id
        await pilot.press("q")

    async def second_run(pilot) -> None:
        main = pilot.app.main
        seen["second"] = main.timeline_list.event.id
        seen["filter"], seen["search"] = main.filter_spec.start, main.search_query

    drive(make_app(remember_key="news"), first_run)
    drive(make_app(remember_key="news"), second_run)
    assert seen["second"] == seen["first"]
    assert seen["filter"] == date(2023, 1, 1) and seen["search"] == "کرج"


def test_without_a_key_nothing_is_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path))

    async def scenario(pilot) -> None:
        await pilot.press("j", "q")

    drive(make_app(), scenario)
    assert list(tmp_path.iterdir()) == []
