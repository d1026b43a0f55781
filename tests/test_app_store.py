"""The app reads its timeline through a store, page by page (Pilot tests).

A made-up store of a million events counts every event it hands out: opening,
G, a year filter, a search and moves in time must read only the pages on
screen. The loader ``ruydad PATH`` runs is driven on plain inputs and on an
archive file.
"""

from __future__ import annotations

import json
import sqlite3
import sys
import types
from datetime import date
from pathlib import Path

import pytest
from textual.widgets import Input

from app_fixtures import drive, make_app, strip_text
from counting_store import FIRST_DAY, PER_DAY, RARE_EVERY, RARE_WORD, CountingStore
from tui.app import RuydadApp
from tui.app_command import run_app, timeline_loader
from tui.config import Settings
from tui.screens.filter_screen import FilterScreen
from core.resolve import year_period
from tui.widgets.density_strip import DensityStrip
from tui.widgets.timeline_list import TimelineList

# Opening, G, a year filter and a search read fewer events than this.
FEW = 1000
# A key that lands far away reads the page there (and its neighbour, when the
# rows on screen straddle two) and the events of the article it shows.
PAGE = 100
PER_MOVE = 2 * PAGE + 10


def listing(pilot) -> TimelineList:
    return pilot.app.main.timeline_list


def title(pilot) -> str:
    return pilot.app.main.query_one("#timeline-title").text


def counting_app(store: CountingStore) -> RuydadApp:
    return RuydadApp(lambda report: store, Settings())


def test_a_million_events_are_read_a_few_pages_at_a_time() -> None:
    store = CountingStore(1_000_000)
    reads: dict[str, int] = {}

    async def scenario(pilot):
        reads["open"] = store.events_read
        assert "1000000 events" in title(pilot) and "100000 documents" in title(pilot)
        assert listing(pilot).event.id == "e0"
        assert pilot.app.main.article.document.id == "d0"
        first, last = year_period("jalali", 1379)
        assert pilot.app.main.query_one(DensityStrip)._per_year[1379] == ((last - first).days + 1) * PER_DAY
        await pilot.press("G")
        assert listing(pilot).event.id == "e999999"
        reads["G"] = store.events_read
        # A year filter: the events of 2010, and the selection moves to the nearest date.
        await pilot.press("f")
        screen = pilot.app.screen
        assert isinstance(screen, FilterScreen)
        screen.query_one("#filter-from", Input).value = "2010-01-01"
        screen.query_one("#filter-to", Input).value = "2010-12-31"
        await pilot.press("enter")
        shown = listing(pilot).events
        days_2010 = date(2011, 1, 1).toordinal() - date(2010, 1, 1).toordinal()
        assert len(shown) == days_2010 * PER_DAY
        assert f"{days_2010 * PER_DAY} of 1000000 events" in title(pilot)
        assert listing(pilot).event.date.start == date(2010, 12, 31)  # nearest to where it was (2027)
        reads["filter"] = store.events_read
        # A search inside the filter: every RARE_EVERY-th event, the cursor on the first after it.
        await pilot.press("g", "g", "slash", *RARE_WORD, "enter")
        matches = listing(pilot)._matches
        first_of_2010 = (date(2010, 1, 1).toordinal() - FIRST_DAY) * PER_DAY
        assert len(matches) == days_2010 * PER_DAY // RARE_EVERY
        event = listing(pilot).event
        assert int(event.id[1:]) % RARE_EVERY == 0 and int(event.id[1:]) >= first_of_2010
        reads["search"] = store.events_read
        await pilot.press("n", "n")
        assert int(listing(pilot).event.id[1:]) == int(event.id[1:]) + 2 * RARE_EVERY
        await pilot.press("enter")
        assert pilot.app.main.article.current.id == listing(pilot).event.id
        await pilot.press("escape")
        assert pilot.app.focused is listing(pilot)
        reads["article"] = store.events_read
        for key in ("n", "N", "M", "D", "right_curly_bracket", "pagedown", "j", "left_square_bracket", "G", "g", "g"):
            before = store.events_read
            await pilot.press(key)
            moved = store.events_read - before
            assert moved <= PER_MOVE, (key, moved)

    drive(counting_app(store), scenario)
    assert reads["search"] < FEW, reads
    assert reads["open"] <= PER_MOVE, reads  # the first page and the first article


def test_a_year_heading_starts_each_year_and_rows_map_both_ways() -> None:
    store = CountingStore(3 * 366 * PER_DAY)

    async def scenario(pilot):
        timeline = listing(pilot)
        # 1 Jan 2000 is in Jalali 1378; Nowruz (20 Mar 2000) starts 1379.
        assert timeline._headings[:3] == [1378, 1379, 1380]
        nowruz = (date(2000, 3, 20).toordinal() - FIRST_DAY) * PER_DAY
        assert timeline._group_starts[1] == nowruz
        for index in (0, nowruz - 1, nowruz, nowruz + 1, len(timeline.events) - 1):
            assert timeline.row_item(timeline.row_of_event(index)) == index
        assert timeline.row_item(0) == -1 and timeline.row_item(nowruz + 1) == -2
        await pilot.press("right_square_bracket")
        assert timeline.cursor == nowruz
        await pilot.press("c")  # Gregorian years: the headings move to 1 January
        assert timeline._headings[:3] == [2000, 2001, 2002]
        assert timeline.event.id == f"e{nowruz}"

    drive(counting_app(store), scenario)
    assert store.events_read < FEW


def write_articles(folder: Path) -> Path:
    records = [
        {"id": "flood", "title": "سیل در گلستان", "date": "2024-03-10",
         "text": "روز ۱۵ اسفند ۱۴۰۲ سیل به روستاهای گلستان رسید. در سال ۱۳۹۸ نیز سیلی بزرگ آمده بود."},
        {"id": "quake", "title": "زلزله در کرمان", "date": "2024-05-02",
         "text": "زمین‌لرزه‌ای در ۱۲ اردیبهشت ۱۴۰۳ کرمان را لرزاند. در سال ۲۰۰۳ بم ویران شده بود."},
        {"id": "fair", "title": "نمایشگاه کتاب", "date": "2024-05-10",
         "text": "نمایشگاه کتاب تهران از ۲۰ اردیبهشت ۱۴۰۳ آغاز به کار کرد."},
    ]
    path = folder / "news.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


def test_plain_inputs_through_the_loader_ruydad_path_runs(tmp_path: Path) -> None:
    from core.documents import iter_documents
    from core.timeline import build_timeline

    path = write_articles(tmp_path)
    expected = [e.id for e in build_timeline(iter_documents([str(path)])).events]
    app = RuydadApp(timeline_loader([str(path)], None), Settings())

    async def scenario(pilot):
        assert [e.id for e in listing(pilot).events] == expected and len(expected) >= 5
        assert f"{len(expected)} events · 3 documents" in title(pilot)
        await pilot.press("slash", *"زلزله", "enter")
        assert listing(pilot).event.document == "quake"
        await pilot.press("enter")
        assert pilot.app.main.article.document.id == "quake"
        await pilot.press("escape", "f")
        pilot.app.screen.query_one("#filter-document", Input).value = "fair"
        await pilot.press("enter")
        assert {e.document for e in listing(pilot).events} == {"fair"}
        assert listing(pilot).event.document == "fair"

    drive(app, scenario)


def sqlite_file(path: Path) -> Path:
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE marker (x)")
    connection.close()
    return path


def test_an_archive_path_opens_the_archive_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    archive = sqlite_file(tmp_path / "news.db")
    opened: list[str] = []
    store = CountingStore(5000)

    def open_store(path: str) -> CountingStore:
        opened.append(path)
        return store

    monkeypatch.setitem(sys.modules, "core.archive", types.SimpleNamespace(ArchiveStore=open_store))
    app = RuydadApp(timeline_loader([str(archive)], None), Settings())

    async def scenario(pilot):
        assert opened == [str(archive)]
        assert "5000 events" in title(pilot) and listing(pilot).event.id == "e0"

    drive(app, scenario)


def test_an_archive_this_build_cannot_open_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    archive = sqlite_file(tmp_path / "news.db")
    monkeypatch.setitem(sys.modules, "core.archive", None)  # import fails
    app = RuydadApp(timeline_loader([str(archive)], None), Settings())

    async def scenario(pilot):
        text = " ".join(str(n.message) for n in pilot.app._notifications)
        assert "is an archive, but this build cannot open archives" in text
        assert listing(pilot).event is None

    drive(app, scenario)


@pytest.mark.parametrize("extra, message", [
    (["other.jsonl"], "open it on its own"),
    (["--date", "2024-01-01"], "--date applies when articles are read"),
])
def test_an_archive_opens_on_its_own(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                     capsys: pytest.CaptureFixture[str], extra: list[str], message: str) -> None:
    (tmp_path / "empty.toml").write_text("", encoding="utf-8")
    monkeypatch.setenv("RUYDAD_CONFIG", str(tmp_path / "empty.toml"))
    archive = sqlite_file(tmp_path / "news.db")
    assert run_app([str(archive), *extra]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"ruydad: {archive} is an archive") and message in err and err.count("\n") == 1


def test_export_writes_the_filtered_selection(tmp_path: Path) -> None:
    async def scenario(pilot):
        pilot.app.main.apply_filter(pilot.app.main.filter_spec.__class__(place="کرج"))
        await pilot.pause()
        commands = {c.title: c for c in pilot.app.get_system_commands(pilot.app.screen)}
        commands["export: timeline as JSON"].callback()
        await pilot.pause()
        await pilot.press("enter")
        written = json.loads((tmp_path / "ruydad-timeline.json").read_text(encoding="utf-8"))
        assert [e["id"] for e in written["events"]] == ["dam:1", "trip:1"]
        assert [d["id"] for d in written["documents"]] == ["dam", "trip"]

    drive(make_app(export_folder=tmp_path), scenario)


def test_filter_fields_complete_names_the_store_gives() -> None:
    async def scenario(pilot):
        await pilot.press("f")
        place = pilot.app.screen.query_one("#filter-place", Input)
        place.focus()
        await pilot.press("ش")
        await pilot.pause(0.2)
        assert place._suggestion == "شیراز"
        await pilot.press("right")  # accepts the completion
        assert place.value == "شیراز"
        document = pilot.app.screen.query_one("#filter-document", Input)
        document.focus()
        await pilot.press("t")
        await pilot.pause(0.2)
        assert document._suggestion == "trip"
        await pilot.press("right", "enter")
        assert [e.id for e in listing(pilot).events] == ["trip:1"]

    drive(make_app(), scenario)


def test_under_a_filter_the_article_marks_only_the_events_shown() -> None:
    async def scenario(pilot):
        main = pilot.app.main
        await pilot.press("G", "enter")
        assert [e.id for e in main.article._events] == ["dam:1", "dam:2", "dam:3", "dam:4", "dam:5"]
        await pilot.press("escape")
        main.apply_filter(main.filter_spec.__class__(place="کرج"))
        await pilot.pause()
        assert listing(pilot).event.id == "trip:1"  # nearest to late 1405 among those kept
        await pilot.press("k", "enter")
        assert main.article.document.id == "dam" and [e.id for e in main.article._events] == ["dam:1"]

    drive(make_app(), scenario)


def test_date_columns_widen_when_wider_dates_come_into_view() -> None:
    from dataclasses import replace
    from datetime import timedelta

    from app_fixtures import many_events_timeline

    timeline = many_events_timeline(300)
    # The last half (past the first page) span a year each: wider labels, measured only once drawn.
    for k in range(150, 300):
        event = timeline.events[k]
        timeline.events[k] = replace(event, date=replace(event.date, end=event.date.start + timedelta(days=400)))

    async def scenario(pilot):
        timeline_list = listing(pilot)
        narrow = timeline_list._first_width
        await pilot.press("G")
        await pilot.pause()
        assert timeline_list._first_width > narrow
        # Every row on screen is drawn with the new width: the summaries start in one column.
        rows = [timeline_list.row_of_event(timeline_list.cursor - k) - int(timeline_list.scroll_y) for k in (0, 1)]
        texts = [strip_text(timeline_list.render_line(y)) for y in rows]
        assert texts[0].index("رویداد") == texts[1].index("رویداد") > narrow + 4

    drive(make_app(timeline), scenario)


def test_an_archive_opens_to_the_same_timeline_as_its_inputs(tmp_path: Path) -> None:
    """``ruydad ARCHIVE`` and ``ruydad INPUTS`` through the same loader: the same
    rows, tags, search matches, filter and article."""
    from tui.cli import main

    articles = Path(__file__).resolve().parent / "articles"
    inputs = [str(articles / "quake-irna.txt"), str(articles / "quake-isna.txt"), str(articles / "news.jsonl")]
    archive = tmp_path / "news.ruydad"
    assert main(["index", *inputs, "--db", str(archive)]) == 0
    seen: dict[str, dict] = {}

    async def look(pilot, label: str) -> None:
        main_screen = pilot.app.main
        timeline = listing(pilot)
        found = seen[label] = {"rows": [e.id for e in timeline.events]}
        found["tags"] = [main_screen.document_tags.get(e.document, "") for e in timeline.events]
        found["title"] = title(pilot)
        await pilot.press("slash", *"زلزله", "enter")
        found["matches"] = list(timeline._matches)
        await pilot.press("enter")
        found["article"] = (main_screen.article.document.id, [e.id for e in main_screen.article._events])
        await pilot.press("escape")
        main_screen.apply_filter(main_screen.filter_spec.__class__(place="تهران"))
        await pilot.pause()
        found["filtered"] = [e.id for e in timeline.events]

    for label, paths in (("inputs", inputs), ("archive", [str(archive)])):
        async def scenario(pilot, label=label):
            await look(pilot, label)

        drive(RuydadApp(timeline_loader(paths, None), Settings()), scenario)
    assert len(seen["inputs"]["rows"]) > 10 and seen["inputs"]["matches"] and seen["inputs"]["filtered"]
    assert seen["archive"] == seen["inputs"]
