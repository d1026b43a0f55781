"""Snapshots of the explorer's look at 80×24 and 120×40 (pytest-textual-snapshot).

Update after an intended change with ``pytest tests/test_app_snapshots.py --snapshot-update``
and look at the SVGs under tests/__snapshots__/ before accepting them.
"""

from __future__ import annotations

import pytest

from app_fixtures import loaded, make_app, many_documents_timeline
from tui.config import Settings


async def wait_for_timeline(pilot) -> None:
    await loaded(pilot)


def test_80x24_logical(snap_compare) -> None:
    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=wait_for_timeline)


def test_120x40_logical(snap_compare) -> None:
    assert snap_compare(make_app(), terminal_size=(120, 40), run_before=wait_for_timeline, press=["j", "j", "j"])


def test_80x24_visual(snap_compare) -> None:
    assert snap_compare(make_app(visual=True), terminal_size=(80, 24), run_before=wait_for_timeline,
                        press=["j", "j", "j"])


def test_120x40_visual_in_the_article(snap_compare) -> None:
    assert snap_compare(make_app(visual=True), terminal_size=(120, 40), run_before=wait_for_timeline,
                        press=["G", "enter"])


def test_120x40_article_after_enter(snap_compare) -> None:
    assert snap_compare(make_app(), terminal_size=(120, 40), run_before=wait_for_timeline,
                        press=["G", "enter", "N"])


def test_80x24_gregorian_first(snap_compare) -> None:
    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=wait_for_timeline, press=["c", "j"])


def test_80x24_help(snap_compare) -> None:
    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=wait_for_timeline, press=["question_mark"])


def test_80x24_no_color(snap_compare, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=wait_for_timeline, press=["j", "enter"])


def test_120x40_light_theme(snap_compare) -> None:
    app = make_app(settings=Settings(theme="textual-light"))
    assert snap_compare(app, terminal_size=(120, 40), run_before=wait_for_timeline, press=["j", "j"])


def test_80x24_ansi_colours(snap_compare) -> None:
    assert snap_compare(make_app(ansi_colors=True), terminal_size=(80, 24), run_before=wait_for_timeline,
                        press=["j"])


@pytest.mark.parametrize("width", [80, 100, 120, 200])
@pytest.mark.parametrize("visual", [False, True], ids=["logical", "visual"])
def test_many_documents_rows(snap_compare, width: int, visual: bool) -> None:
    """Thirteen documents: tags, a date range wider than its column, every date whole."""
    app = make_app(many_documents_timeline(), visual=visual)
    assert snap_compare(app, terminal_size=(width, 30), run_before=wait_for_timeline, press=["j", "j"])
