"""Speed of the timeline explorer, run by hand: ``python bench/app.py``.

1. First screen: ``ruydad --bidi logical`` on the bundled seed article in a
   pseudo-terminal (80×24), as a person would start it: the time until the
   screen is drawn (the timeline pane's title is written), until the events
   are listed, and the exit status after ``q``.
2. Keys: a timeline of 10,000 events from ``../shared/corpus`` (read from
   there, never copied; its events are repeated, with new ids, to reach
   10,000 when the corpus yields fewer) in a ``MemoryStore``, driven headless
   with Textual's Pilot at 120×40; the time per key press including the
   screen update, and the time to the first screen with events.
3. The same on a made-up store of 1,000,000 events (``tests/counting_store.py``,
   events built only when read): how the app's own cost grows with the size
   of what it opens, and how many events it read.
4. Once ``core.archive`` exists: an archive indexed from ``../shared/corpus``
   (``ruydad index``, in a temporary folder), opened as ``ruydad ARCHIVE`` in
   a pseudo-terminal (first screen) and through ``ArchiveStore`` (keys).

Aims: first screen under 0.5 s, a key under 50 ms. This prints numbers; it
asserts nothing (timings are not tests). Without ../shared it says so and
still measures what it can.
"""

from __future__ import annotations

import asyncio
import fcntl
import math
import os
import pty
import select
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from dataclasses import replace
from importlib.util import find_spec
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))  # the made-up store the tests use

EVENTS = 10_000


def percentile(values: list[float], fraction: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[max(math.ceil(fraction * len(ordered)) - 1, 0)]


def first_screen(size: tuple[int, int] = (80, 24), timeout: float = 20.0, paths: tuple[str, ...] = (),
                 label: str = "seed") -> None:
    """Start the real command in a pty and watch what it writes."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", size[1], size[0], 0, 0))
    env = {**os.environ, "TERM": "xterm-256color", "RUYDAD_CONFIG": os.devnull}
    env.pop("NO_COLOR", None)
    start = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-c", "import sys; from tui.cli import main; sys.exit(main())", "--bidi", "logical", *paths],
        stdin=slave, stdout=slave, stderr=slave, env=env, cwd=ROOT, close_fds=True)
    os.close(slave)
    seen = b""
    marks: dict[str, float] = {}
    quit_at: float | None = None
    # Keep reading what it writes (a full pty would stall it); q once the events are listed.
    while time.perf_counter() - start < timeout and process.poll() is None:
        ready, _, _ = select.select([master], [], [], 0.01)
        if ready:
            try:
                seen += os.read(master, 65536)
            except OSError:
                break
        now = time.perf_counter() - start
        if "drawn" not in marks and b"Timeline" in seen:
            marks["drawn"] = now
        if "drawn" in marks and "events" not in marks and b" events" in seen:
            marks["events"] = now
            quit_at = now + 0.5
        if quit_at is not None and now >= quit_at:
            os.write(master, b"q")
            quit_at = float("inf")
    try:
        status = process.wait(timeout=5)
    except subprocess.TimeoutExpired:
        process.kill()
        status = "killed (did not quit)"
    os.close(master)
    print(f"first screen ({label}, {size[0]}×{size[1]}, new process): "
          f"drawn {marks.get('drawn', float('nan')):.3f} s, events listed {marks.get('events', float('nan')):.3f} s, "
          f"exit status after q: {status}   (aim: drawn < 0.5 s)")


def corpus_timeline():
    from core.documents import iter_documents
    from core.timeline import Timeline, build_timeline

    started = time.perf_counter()
    built = build_timeline(iter_documents([str(SHARED / "corpus")]))
    found = len(built.events)
    events = list(built.events)
    copy = 1
    while len(events) < EVENTS and found:
        events.extend(replace(e, id=f"{e.id}~{copy}") for e in built.events[: EVENTS - len(events)])
        copy += 1
    events.sort(key=lambda e: (e.date.start, e.date.end))
    print(f"corpus: {len(built.documents)} documents, {found} events in {time.perf_counter() - started:.1f} s; "
          f"{len(events)} events after repeating")
    return Timeline(built.documents, events, built.problems)


async def drive_keys(store, label: str, word: str | None = None) -> None:
    from tui.app import RuydadApp
    from tui.config import Settings

    app = RuydadApp(lambda report: store, Settings(), visual=False)
    started = time.perf_counter()
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        print(f"{label}: events on screen {time.perf_counter() - started:.2f} s after start (headless, "
              f"app and store already imported)")
        plan = [("j", 300), ("k", 100), ("pagedown", 40), ("pageup", 20), ("right_square_bracket", 30),
                ("left_square_bracket", 10), ("D", 30), ("M", 30), ("m", 30), ("d", 30),
                ("right_curly_bracket", 10), ("G", 3), ("g", 6), ("enter", 1), ("n", 20), ("escape", 1),
                ("c", 3), ("b", 2)]
        # CPU time per press: the work the app does for a key and its repaint.
        # (Wall time under Pilot adds its own idle polling, ~80 ms a press even for 8 events.)
        times: dict[str, list[float]] = {}
        walls: list[float] = []
        for key, count in plan:
            for _ in range(count):
                begin, wall = time.process_time(), time.perf_counter()
                await pilot.press(key)
                await pilot.pause()
                times.setdefault(key, []).append(time.process_time() - begin)
                walls.append(time.perf_counter() - wall)
        everything = [t for values in times.values() for t in values]
        print("CPU per key press (ms): median / 95th percentile / max")
        for key, values in times.items():
            print(f"  {key:<22} {statistics.median(values) * 1000:6.1f} / "
                  f"{percentile(values, 0.95) * 1000:6.1f} / {max(values) * 1000:6.1f}")
        print(f"  all {len(everything)} presses: median {statistics.median(everything) * 1000:.1f} ms, "
              f"95th {percentile(everything, 0.95) * 1000:.1f} ms   (aim: < 50 ms); "
              f"wall under Pilot median {statistics.median(walls) * 1000:.0f} ms")
        await filter_and_search(pilot, word)
        await pilot.press("q")


async def filter_and_search(pilot, word: str | None = None) -> None:
    """A year filter (the year of the middle event) and a search (``word``, else the
    longest word of that event's summary), as the app runs them."""
    from datetime import date

    from tui.screens.filter_screen import FilterSpec

    main = pilot.app.main
    middle = main.everything[len(main.everything) // 2]
    year = middle.date.start.year
    word = word or max(middle.summary.split(), key=len)
    for name, run in (("year filter", lambda: main.apply_filter(FilterSpec(start=date(year, 1, 1),
                                                                           end=date(year, 12, 31)))),
                      ("search", lambda: main._apply_search(word, jump=True)),
                      ("clear filter", lambda: main.apply_filter(FilterSpec()))):
        begin, wall = time.process_time(), time.perf_counter()
        run()
        await pilot.pause()
        print(f"  {name:<22} CPU {(time.process_time() - begin) * 1000:6.1f} ms, "
              f"wall {(time.perf_counter() - wall) * 1000:6.1f} ms; {len(main.shown)} events shown, "
              f"{len(main.timeline_list._matches)} search matches")


def made_up_store() -> None:
    from counting_store import RARE_WORD, CountingStore

    store = CountingStore(1_000_000)
    asyncio.run(drive_keys(store, "made-up store of 1,000,000 events", RARE_WORD))
    print(f"  events read from the store over the whole run: {store.events_read}")


def archive_bench() -> None:
    if find_spec("core.archive") is None:
        print("core.archive is absent (not merged yet): the archive benchmark is skipped.")
        return
    from core.archive import ArchiveStore
    from core.store import Query

    with tempfile.TemporaryDirectory() as folder:
        archive = str(Path(folder) / "corpus.db")
        started = time.perf_counter()
        done = subprocess.run([sys.executable, "-c", "import sys; from tui.cli import main; sys.exit(main())",
                               "index", str(SHARED / "corpus"), "--db", archive],
                              cwd=ROOT, capture_output=True, text=True)
        if done.returncode not in (0, 1):
            print(f"ruydad index failed ({done.returncode}): {done.stderr.strip()[-300:]}")
            return
        store = ArchiveStore(archive)
        count = len(store.select(Query()))
        print(f"archive of ../shared/corpus: {count} events, indexed in {time.perf_counter() - started:.1f} s, "
              f"{Path(archive).stat().st_size / 2**20:.1f} MiB")
        first_screen((120, 40), paths=(archive,), label=f"archive, {count} events")
        asyncio.run(drive_keys(store, f"archive of {count} events"))
        store.close()


def main() -> int:
    first_screen()
    first_screen((120, 40))
    made_up_store()
    if not (SHARED / "corpus").is_dir():
        print(f"{SHARED / 'corpus'} is absent: the 10,000-event and archive benchmarks need it; skipped.")
        return 0
    from core.memory_store import MemoryStore

    asyncio.run(drive_keys(MemoryStore(corpus_timeline()), "10,000 events in memory"))
    archive_bench()
    return 0


if __name__ == "__main__":
    sys.exit(main())
