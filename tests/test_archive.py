"""The archive (``ruydad index``, ``extract ARCHIVE``), through the code the commands run."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest

from core.archive import ArchiveStore, is_archive
from core.documents import iter_documents
from core.model import MARKS
from core.store import Query
from core.timeline import build_timeline
from tui.cli import main

HERE = Path(__file__).resolve().parent
ARTICLES = HERE / "articles"
IRNA = str(ARTICLES / "quake-irna.txt")
ISNA = str(ARTICLES / "quake-isna.txt")
NEWS = str(ARTICLES / "news.jsonl")
ROOT = HERE.parent


def extract_json(tmp_path: Path, *args: str) -> dict:
    out = tmp_path / f"out-{time.monotonic_ns()}.json"
    assert main(["extract", *args, "--format", "json", "-o", str(out)]) == 0
    return json.loads(out.read_text(encoding="utf-8"))


def index(db: Path, *paths: str) -> int:
    return main(["index", *paths, "--db", str(db)])


def rows(db: Path, table: str) -> list[tuple]:
    with sqlite3.connect(db) as c:
        columns = [r[1] for r in c.execute(f"PRAGMA table_info({table})")]
        keep = ", ".join(c for c in columns if c not in ("path",))
        return c.execute(f"SELECT {keep} FROM {table} ORDER BY 1, 2").fetchall()


# --- incremental ----------------------------------------------------------------------

def test_indexing_the_same_files_again_adds_nothing(tmp_path: Path, capsys):
    db = tmp_path / "a.ruydad"
    assert index(db, IRNA, ISNA, NEWS) == 0
    first = {t: rows(db, t) for t in ("documents", "mentions", "reports", "events", "event_sources")}
    assert len(first["documents"]) == 6 and first["events"]
    capsys.readouterr()
    assert index(db, NEWS, IRNA, ISNA) == 0
    assert "0 documents new, 6 skipped, 0 failed" in capsys.readouterr().err
    assert {t: rows(db, t) for t in first} == first


def test_a_then_b_gives_the_events_of_a_and_b_together(tmp_path: Path):
    # The two quake reports are one event (same day, same words): the second
    # run must join its report to the event the first run wrote.
    stepwise = tmp_path / "stepwise.ruydad"
    assert index(stepwise, IRNA, NEWS) == 0
    assert index(stepwise, ISNA) == 0
    together = tmp_path / "together.ruydad"
    assert index(together, IRNA, NEWS, ISNA) == 0
    plain = extract_json(tmp_path, IRNA, NEWS, ISNA)
    from_stepwise = extract_json(tmp_path, str(stepwise))
    assert from_stepwise["events"] == extract_json(tmp_path, str(together))["events"] == plain["events"]
    assert from_stepwise["documents"] == plain["documents"]
    assert from_stepwise["mentions"] == plain["mentions"]
    joined = [e for e in from_stepwise["events"] if {s["document"] for s in e["sources"]} >= {"quake-irna",
                                                                                             "quake-isna"}]
    assert joined, "the report of the second run was not merged into the first run's event"


def test_a_repeated_id_in_a_later_run_is_renamed_as_in_one_run(tmp_path: Path):
    first = tmp_path / "first.jsonl"
    second = tmp_path / "second.jsonl"
    first.write_text(json.dumps({"id": "x", "date": "2024-12-01", "text": "جلسه روز ۱۰ آذر ۱۴۰۳ برگزار شد."},
                                ensure_ascii=False) + "\n", encoding="utf-8")
    second.write_text(json.dumps({"id": "x", "date": "2024-12-02", "text": "سد روز ۱۱ آذر ۱۴۰۳ افتتاح شد."},
                                 ensure_ascii=False) + "\n", encoding="utf-8")
    db = tmp_path / "a.ruydad"
    assert index(db, str(first)) == 0
    assert index(db, str(second)) == 0
    archived = extract_json(tmp_path, str(db))
    assert [d["id"] for d in archived["documents"]] == ["x", "x~2"]
    assert archived["events"] == extract_json(tmp_path, str(first), str(second))["events"]


# --- killed and resumed -----------------------------------------------------------------

MONTHS = ["فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور", "مهر", "آبان", "آذر", "دی", "بهمن", "اسفند"]


def write_corpus(path: Path, count: int) -> None:
    with path.open("w", encoding="utf-8") as out:
        for i in range(count):
            day, month = i % 28 + 1, MONTHS[i % 12]
            text = (f"نشست شماره {i % 50} شورای شهر در {day} {month} ۱۴۰۲ برگزار شد. "
                    f"اعضای شورا درباره بودجه سال ۱۴۰۳ گفتگو کردند.")
            out.write(json.dumps({"id": f"s{i}", "text": text, "date": "1403-09-10"}, ensure_ascii=False) + "\n")


@pytest.mark.parametrize("stop,status", [(signal.SIGKILL, -signal.SIGKILL), (signal.SIGINT, 130),
                                         (signal.SIGTERM, 143)])
def test_stopped_mid_run_the_archive_opens_and_a_rerun_completes_it(tmp_path: Path, stop: int, status: int):
    corpus = tmp_path / "many.jsonl"
    write_corpus(corpus, 3000)
    db = tmp_path / "killed.ruydad"
    command = [sys.executable, "-m", "tui.cli", "index", str(corpus), "--db", str(db)]
    run = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        committed = 0
        deadline = time.monotonic() + 120
        while committed < 400 and time.monotonic() < deadline and run.poll() is None:
            time.sleep(0.02)
            if db.exists():
                try:
                    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as c:
                        committed = c.execute("SELECT count(*) FROM documents").fetchone()[0]
                except sqlite3.OperationalError:
                    pass  # the schema is being created
        run.send_signal(stop)
    finally:
        run.wait(timeout=60)
    assert run.returncode == status, "the run ended before it could be stopped"
    assert 400 <= committed < 3000
    err = run.stderr.read().decode()
    assert "Traceback" not in err
    if stop != signal.SIGKILL:
        assert "run the same command to finish" in err

    # Opens, and shows what was committed (events may wait for the rerun's merge).
    store = ArchiveStore(db)
    kept = store.document_count()
    assert kept >= committed
    store.close()

    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    assert f"{3000 - kept} documents new, {kept} skipped, 0 failed" in done.stderr
    clean = tmp_path / "clean.ruydad"
    assert index(clean, str(corpus)) == 0
    for table in ("documents", "mentions", "reports", "events", "event_sources"):
        assert rows(db, table) == rows(clean, table), table


# --- reading an archive ---------------------------------------------------------------------

def test_extract_from_an_archive_equals_extract_from_the_inputs(tmp_path: Path):
    db = tmp_path / "news.db"   # any name: an archive is told by its header
    assert index(db, IRNA, ISNA, NEWS) == 0
    assert is_archive(db) and not is_archive(NEWS)
    assert extract_json(tmp_path, str(db)) == extract_json(tmp_path, IRNA, ISNA, NEWS)


@pytest.mark.parametrize("flags", [
    ["--from", "2025-01-01"],
    ["--to", "1403/09/30"],
    ["--from", "2024-12-01", "--to", "2024-12-31"],
    ["--search", "اوپک"],
    ["--search", "زمينلرزه"],          # Arabic ye, no ZWNJ, no space
    ["--search", "1404"],              # Latin digits for ۱۴۰۴
    ["--actor", "هلال احمر"],
    ["--place", "کرمان"],
    ["--place", "کرمان", "--search", "بم"],
])
def test_filters_select_the_same_events_on_archives_and_plain_inputs(tmp_path: Path, flags: list[str]):
    db = tmp_path / "a.ruydad"
    assert index(db, IRNA, ISNA, NEWS) == 0
    everything = extract_json(tmp_path, IRNA, ISNA, NEWS)["events"]
    plain = extract_json(tmp_path, IRNA, ISNA, NEWS, *flags)["events"]
    archived = extract_json(tmp_path, str(db), *flags)["events"]
    assert archived == plain
    assert 0 < len(plain) < len(everything)


def test_a_filter_that_matches_nothing_selects_nothing_on_both(tmp_path: Path):
    db = tmp_path / "a.ruydad"
    assert index(db, IRNA, NEWS) == 0
    for flags in (["--search", "پنگوئن"], ["--actor", "ناپلئون"], ["--from", "2099-01-01"]):
        assert extract_json(tmp_path, str(db), *flags)["events"] == []
        assert extract_json(tmp_path, IRNA, NEWS, *flags)["events"] == []


SEARCHES = [
    # query, as written in the article
    ("میشود", "می‌شود"),                 # ZWNJ left out
    ("می شود", "می‌شود"),                # a space instead
    ("كشور", "کشور"),                    # Arabic kaf
    ("ايران", "ایران"),                  # Arabic ye
    ("1403", "۱۴۰۳"),                    # Latin digits
    ("١٤٠٣", "۱۴۰۳"),                    # Arabic-Indic digits
    ("سد", "سد"),                        # two letters: found by a scan, not the trigram index
]


@pytest.mark.parametrize("query,written", SEARCHES)
def test_archive_search_ignores_zwnj_letter_forms_digits_and_spaces(tmp_path: Path, query: str, written: str):
    source = tmp_path / "one.jsonl"
    records = [
        {"id": "hit", "date": "2024-12-01",
         "text": f"گفته {written} که سد کشور ایران روز ۱۰ آذر ۱۴۰۳ افتتاح شد و می‌شود از آن بهره برد."},
        {"id": "miss", "date": "2023-06-01", "text": "مسابقه فوتبال روز ۱۲ خرداد ۱۴۰۲ برگزار شد."},
    ]
    source.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    db = tmp_path / "a.ruydad"
    assert index(db, str(source)) == 0
    store = ArchiveStore(db)
    found = store.select(Query(search=query))
    memory = build_timeline(iter_documents([str(source)]), workers=1)
    assert [e.id for e in found] == [e.id for e in memory.search(query)]
    assert found and {e.document for e in found} == {"hit"}
    assert store.select(Query()).matches(query) == [store.select(Query()).position_of(e.id) for e in found]
    store.close()


def test_selection_pages_positions_and_names(tmp_path: Path):
    db = tmp_path / "a.ruydad"
    assert index(db, IRNA, ISNA, NEWS) == 0
    memory = build_timeline(iter_documents([IRNA, ISNA, NEWS]), workers=1)
    store = ArchiveStore(db)
    everything = store.select(Query())
    assert len(everything) == len(memory.events)
    assert list(everything.starts()) == [e.date.start.toordinal() for e in memory.events]
    assert [e.id for e in everything.page(2, 3)] == [e.id for e in memory.events[2:5]]
    assert everything[-1].id == memory.events[-1].id
    assert everything.page(len(everything) - 1, 10)[0].id == memory.events[-1].id
    assert everything.position_of(memory.events[4].id) == 4
    assert everything.position_of("no-such-event") is None
    recent = store.select(Query(start=date(2024, 12, 1)))
    expected = [e for e in memory.events if e.date.end >= date(2024, 12, 1)]
    assert [e.id for e in recent] == [e.id for e in expected] and 0 < len(expected) < len(memory.events)
    assert recent.position_of(expected[0].id) == 0 and recent.position_of(memory.events[0].id) is None
    for kinds in ({"happened"}, {"happened", "lead"}, set(MARKS) - {"relative"}, set()):
        kept = [e.id for e in memory.filter(kinds=frozenset(kinds)).events]
        assert [e.id for e in store.select(Query(kinds=frozenset(kinds)))] == kept, kinds
    assert 0 < len(memory.filter(kinds=frozenset({"happened", "lead"})).events) < len(memory.events)
    assert "کرمان" in store.names("place")
    assert store.names("place", "کرم")[0] == "کرمان"
    view = store.document_view("quake-isna")
    assert view is not None and view.document.source == "ایسنا"
    assert all(view.document.text[s.span[0]:s.span[1]] == s.text for s in view.sentences)
    assert all(view.document.text[m.span[0]:m.span[1]] == m.text for m in view.mentions)
    own = sorted((e for e in memory.events if e.document == "quake-isna"),
                 key=lambda e: (e.sentence.span[0], e.date.span[0], e.id))
    assert own and [e.id for e in view.events] == [e.id for e in own]
    assert store.names("document", "QUAKE") == ["quake-irna", "quake-isna"]
    assert store.names("document", "", limit=1) == [memory.documents[0].id]
    assert store.document_number(memory.documents[2].id) == 3 and store.document_number("nothing") is None
    assert store.document_view("nothing") is None
    assert [d.id for d in store.documents()] == [d.id for d in memory.documents]
    assert [d.id for d in store.documents(1, 2)] == [d.id for d in memory.documents[1:3]]
    assert store.document_count() == len(memory.documents)
    store.close()


# --- failures ---------------------------------------------------------------------------------

def test_a_failed_document_is_named_and_the_others_are_indexed(tmp_path: Path, capsys, monkeypatch):
    import core.timeline

    real = core.timeline.analyze

    def poisoned(document, published=None, merge_words=True):
        if document.id == "tasnim-opec":
            raise StopIteration  # what an impossible date once raised deep in the engine
        return real(document, published, merge_words)

    monkeypatch.setattr(core.timeline, "analyze", poisoned)
    broken = tmp_path / "broken.jsonl"
    broken.write_text('{"id": "ok", "date": "2024-12-01", "text": "جلسه روز ۱۰ آذر ۱۴۰۳ برگزار شد."}\n'
                      "{not json\n", encoding="utf-8")
    db = tmp_path / "a.ruydad"
    assert index(db, NEWS, str(broken)) == 1
    err = capsys.readouterr().err
    assert f"{NEWS}:2: document tasnim-opec not analysed: StopIteration" in err
    assert f"{broken}:2:" in err
    assert "failed" in err.splitlines()[-1] and " 2 failed" in err.splitlines()[-1]
    store = ArchiveStore(db)
    ids = [d.id for d in store.documents()]
    assert "tasnim-opec" not in ids and "ok" in ids and "mehr-opec" in ids
    assert len(store.problems()) == 2
    store.close()
    # A rerun tries the failed document again (it is not in the archive).
    monkeypatch.setattr(core.timeline, "analyze", real)
    assert index(db, NEWS) == 0
    assert "1 documents new" in capsys.readouterr().err


def test_a_file_that_is_not_an_archive_is_refused_in_one_line(tmp_path: Path, capsys):
    fake = tmp_path / "fake.db"
    fake.write_bytes(b"SQLite format 3\x00" + b"\x00" * 100)
    assert main(["extract", str(fake), "--format", "json"]) == 2
    assert main(["index", IRNA, "--db", str(fake)]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and str(fake) in err
    # Another program's database: refused, and not a byte of it changed.
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as c:
        c.execute("CREATE TABLE t (x)")
    before = other.read_bytes()
    assert main(["index", IRNA, "--db", str(other)]) == 2
    assert main(["extract", str(other), "--format", "json"]) == 2
    assert other.read_bytes() == before
    assert "not a ruydad archive" in capsys.readouterr().err


# --- Dask -----------------------------------------------------------------------------------

def test_a_local_dask_cluster_builds_the_same_archive(tmp_path: Path):
    plain = tmp_path / "plain.ruydad"
    on_dask = tmp_path / "dask.ruydad"
    assert index(plain, IRNA, ISNA, NEWS) == 0
    # In a subprocess: a Dask client leaves threads behind in the process that ran it.
    run = subprocess.run([sys.executable, "-m", "tui.cli", "index", IRNA, ISNA, NEWS, "--db", str(on_dask),
                          "--dask", "local"], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr[-2000:]
    assert "6 documents new, 0 skipped, 0 failed" in run.stderr
    for table in ("documents", "sentences", "mentions", "reports", "events", "event_sources", "names"):
        assert rows(on_dask, table) == rows(plain, table), table
    assert os.path.getsize(on_dask) > 0


def test_an_archive_stopped_before_merging_reads_what_it_has_and_a_rerun_finishes(tmp_path: Path):
    from core.archive import ArchiveWriter, content_hash
    from core.parallel import analyze_one

    db = tmp_path / "a.ruydad"
    assert index(db, IRNA) == 0
    before = [e.id for e in ArchiveStore(db).select(Query())]
    # A second run stopped after writing its documents, before merging them.
    writer = ArchiveWriter(db)
    for document in iter_documents([ISNA, NEWS]):
        writer.add(document, analyze_one(document, None), content_hash(document))
    writer.commit()
    writer.close()
    store = ArchiveStore(db)
    assert store.document_count() == 6
    selection = store.select(Query())
    assert [e.id for e in selection] == before and [selection[k].id for k in range(len(selection))] == before
    store.close()
    assert index(db, ISNA, NEWS) == 0     # reads nothing new, merges what is waiting
    assert extract_json(tmp_path, str(db)) == extract_json(tmp_path, IRNA, ISNA, NEWS)
