"""Inputs: typed Persian drawn in visual order, keys typed in one burst kept in order."""

from __future__ import annotations

import pytest
from textual import events
from textual.widgets import Input

from app_fixtures import drive, make_app, strip_text
from tui.bidi import to_visual
from tui.widgets.bidi_input import BidiInput


def _burst(app, text: str) -> None:
    """Keys as a terminal delivers a fast burst: all queued before any is handled."""
    for char in text:
        key = {"\t": "tab", " ": "space"}.get(char, char)
        app.post_message(events.Key(key, char))


def test_a_tab_in_a_burst_moves_to_the_next_field() -> None:
    found: dict[str, str] = {}

    async def scenario(pilot) -> None:
        await pilot.press("f")
        await pilot.pause()
        _burst(pilot.app, "ab\txy\tz")
        for _ in range(4):
            await pilot.pause()
        found.update({i.id: i.value for i in pilot.app.screen.query(Input)})

    drive(make_app(), scenario, size=(80, 24))
    assert (found["filter-actor"], found["filter-place"], found["filter-document"]) == ("ab", "xy", "z")


@pytest.mark.parametrize("visual", [False, True])
def test_typed_persian_is_drawn_in_the_bidi_mode(visual: bool) -> None:
    typed = "سلام 2018-08-09"
    shown: dict[str, object] = {}

    async def scenario(pilot) -> None:
        await pilot.press("slash")
        await pilot.pause()
        for char in typed:
            await pilot.press({" ": "space"}.get(char, char))
        await pilot.press("left")
        await pilot.pause()
        field = pilot.app.screen.query_one(BidiInput)
        shown["line"] = strip_text(field.render_line(0))
        shown["value"], shown["cursor"] = field.value, field.cursor_position

    drive(make_app(visual=visual), scenario, size=(80, 24))
    assert shown["value"] == typed and shown["cursor"] == len(typed) - 1  # the cursor moves logically
    line = str(shown["line"]).strip()
    assert line == (to_visual(typed)[0] if visual else typed)
    if visual:
        assert line.startswith("2018-08-09") and "ﻡﻼﺳ" in line  # joined letters, the date as written


@pytest.mark.parametrize("visual", [False, True])
def test_notices_quoting_persian_follow_the_bidi_mode(visual: bool) -> None:
    said: list[str] = []

    async def scenario(pilot) -> None:
        app = pilot.app
        original = app.notify
        app.notify = lambda message, **options: (said.append(message), original(message, **options))[1]
        await pilot.press("slash", *"ناموجود", "enter")

    drive(make_app(visual=visual), scenario, size=(80, 24))
    word = "ناموجود"
    assert any((to_visual(word)[0] if visual else word) in message for message in said)
    assert all(message.startswith("no event matches") for message in said if "matches" in message)
