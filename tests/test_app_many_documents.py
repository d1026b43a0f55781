"""The app on more documents than one process analyses: through the loader
``ruydad PATH`` uses, from the app's loading thread, into worker processes;
a document that fails is listed under problems (``p``)."""

from __future__ import annotations

import asyncio
import json
from datetime import date
from pathlib import Path

import core.parallel as parallel
from core.memory_store import MemoryStore
from core.model import Document
from core.parallel import PARALLEL_MIN
from core.timeline import build_timeline
from tui.app_command import timeline_loader
from tui.config import Settings

MONTHS = ["فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور", "مهر", "آبان", "آذر", "دی", "بهمن", "اسفند"]


def article(n: int) -> str:
    return (f"شورای شهر شماره {n} در {1 + n % 28} {MONTHS[n % 12]} {1395 + n % 8} طرح {n} را تصویب کرد. "
            f"اجرای آن از {1 + (n * 5) % 28} {MONTHS[(n + 3) % 12]} {1396 + n % 8} آغاز شد.")


def forbid_parent_analysis(monkeypatch) -> None:
    """Every document must be analysed in a worker process: this one refuses."""

    def refuse(document, published):
        raise AssertionError(f"{document.id} analysed in the app's process")

    monkeypatch.setattr(parallel, "analyze_one", refuse)


def run(app, scenario) -> None:
    async def main() -> None:
        async with app.run_test(size=(120, 40)) as pilot:
            # The load starts after the first screen is drawn and runs in a thread:
            # wait for its end (a hang guard, not a speed test).
            for _ in range(1200):
                await pilot.app.workers.wait_for_complete()
                await pilot.pause(0.1)
                if pilot.app.main.store is not None or not pilot.app.main.load_status:
                    break
            await pilot.pause()
            await scenario(pilot)

    asyncio.run(main())


def test_the_app_opens_more_than_48_documents_through_worker_processes(tmp_path: Path, monkeypatch):
    from tui.app import RuydadApp

    count = PARALLEL_MIN + 12
    path = tmp_path / "news.jsonl"
    path.write_text("\n".join(json.dumps({"id": f"n{n}", "date": "2024-11-30", "text": article(n)},
                                         ensure_ascii=False) for n in range(count)) + "\n", encoding="utf-8")
    forbid_parent_analysis(monkeypatch)

    async def scenario(pilot):
        main = pilot.app.main
        assert main.store is not None, main.problems
        assert main.problems == []
        assert main.document_count == count
        reported = {s.document for e in main.everything for s in e.sources}
        assert reported == {f"n{n}" for n in range(count)}
        title = main.query_one("#timeline-title").text
        assert f"{count} documents" in title and "could not" not in title

    run(RuydadApp(timeline_loader([str(path)], None), Settings()), scenario)


def test_a_document_that_fails_is_listed_under_problems(monkeypatch):
    from tui.app import RuydadApp

    documents = [Document(id=f"n{n}", text=article(n), published=date(2024, 11, 30)) for n in range(60)]
    documents.insert(30, Document(id="poison", text=12345, path="news.jsonl", line=31))
    forbid_parent_analysis(monkeypatch)

    def load(report):
        report.documents([d for d in documents if d.id != "poison"], [])
        return MemoryStore(build_timeline(documents, workers=2))

    async def scenario(pilot):
        main = pilot.app.main
        assert main.document_count == 60
        assert len(main.problems) == 1
        assert str(main.problems[0]).startswith("news.jsonl:31: document poison not analysed: ")
        await pilot.press("p")
        shown = str(pilot.app.screen.query_one("Static").render())
        assert "news.jsonl:31: document poison not analysed" in shown
        await pilot.press("escape")

    run(RuydadApp(load, Settings()), scenario)


def test_quitting_while_loading_stops_the_load(tmp_path: Path, monkeypatch):
    """A long load (here: each document takes 50 ms, 2,000 of them) ends soon
    after the app quits, instead of running to its end in the background."""
    import threading
    import time

    import core.timeline
    from tui.app import RuydadApp

    path = tmp_path / "news.jsonl"
    path.write_text("\n".join(json.dumps({"id": f"n{n}", "date": "2024-11-30", "text": article(n)},
                                         ensure_ascii=False) for n in range(2000)) + "\n", encoding="utf-8")
    monkeypatch.setattr(parallel, "PARALLEL_MIN", 10**9)  # in this process, where analysis can be slowed
    real = core.timeline.analyze
    analysed: list[str] = []

    def slow(document, published=None, merge_words=True):
        time.sleep(0.05)
        analysed.append(document.id)
        return real(document, published, merge_words)

    monkeypatch.setattr(core.timeline, "analyze", slow)

    async def main() -> None:
        app = RuydadApp(timeline_loader([str(path)], None), Settings())
        async with app.run_test(size=(120, 40)) as pilot:
            for _ in range(600):  # until the analysis has started (hang guard)
                await pilot.pause(0.05)
                if analysed:
                    break
            assert analysed
            await pilot.press("q")

    asyncio.run(main())
    loads = [t for t in threading.enumerate() if t is not threading.current_thread() and not t.daemon]
    deadline = time.monotonic() + 60  # hang guard: the whole load would take 100 s
    while any(t.is_alive() for t in loads) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(t.is_alive() for t in loads)
    assert len(analysed) < 2000
