"""``core.parallel.analyze_all``: one document's failure, crash or results never
reach another; order, streaming, worker caps and fallbacks."""

from __future__ import annotations

import os
import signal
from datetime import date

import pytest

import core.parallel as parallel
import core.workers as worker_module
from core.documents import Problem
from core.model import Document
from core.parallel import analyze_all, usable_cores
from core.timeline import DocumentAnalysis, build_timeline

MONTHS = ["فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور", "مهر", "آبان", "آذر", "دی", "بهمن", "اسفند"]
PUBLISHED = date(2024, 11, 30)


def good_document(n: int) -> Document:
    """An article of its own: a different length of preamble and a different
    date, so a mention attached to the wrong document would not quote it."""
    preamble = " ".join(["گزارش"] * (n % 7))
    day, month, year = 1 + n % 28, MONTHS[n % 12], 1390 + n % 10
    text = (f"{preamble} شورای شهر شماره {n} در {day} {month} {year} طرح {n} را تصویب کرد. "
            f"اجرای طرح از {1 + (n * 3) % 28} {MONTHS[(n + 5) % 12]} {year + 1} آغاز می‌شود.")
    return Document(id=f"good-{n}", text=text, published=PUBLISHED, path="good.jsonl", line=n + 1)


class Exit:
    """A document text whose unpickling ends the worker process at once (as a
    crash in C code or the kernel's OOM killer would)."""

    def __init__(self, how: str) -> None:
        self.how = how

    def __reduce__(self):
        if self.how == "exit":
            return os._exit, (3,)
        return signal.raise_signal, (signal.SIGKILL,)


def assert_isolated(items: list, results: list) -> None:
    """Results come in input order; every good document's mentions quote its own
    text and its events name it; a document is never matched to another's results."""
    assert len(results) == len(items)
    for item, result in zip(items, results, strict=True):
        if isinstance(result, Problem):
            continue
        document, analysis = result
        assert document is item or document == item
        assert isinstance(analysis, DocumentAnalysis)
        assert analysis.mentions, document.id
        for mention in analysis.mentions:
            assert document.text[mention.span[0]:mention.span[1]] == mention.text, document.id
        for event in analysis.events:
            assert event.document == document.id


def forbid_parent_analysis(monkeypatch) -> None:
    """Prove the worker path: analysing in this process fails the test."""

    def refuse(document, published):
        raise AssertionError(f"{document.id} analysed in the parent, not in a worker")

    monkeypatch.setattr(parallel, "analyze_one", refuse)


# Poisons that fail whatever the engine does: a text that is not a string, or
# one that kills the process analysing it.
POISONS = [
    ("text-not-a-string", Document(id="poison", text=12345, path="bad.jsonl", line=51), "bad.jsonl:51: document poison not analysed: "),
    ("text-is-bytes", Document(id="poison", text="۱۲ آذر ۱۴۰۳".encode(), path="bad.jsonl", line=51), "bad.jsonl:51: document poison not analysed: "),
    ("worker-exits", Document(id="poison", text=Exit("exit"), path="bad.jsonl", line=51), "exited with status 3"),
    ("worker-killed", Document(id="poison", text=Exit("kill"), path="bad.jsonl", line=51), "killed by SIGKILL"),
]


@pytest.mark.parametrize("position", [0, 50, 100], ids=["first", "middle", "last"])
@pytest.mark.parametrize("name, poison, named", POISONS, ids=[p[0] for p in POISONS])
def test_a_poisoned_document_among_100_good_ones_in_two_workers(monkeypatch, name, poison, named, position):
    forbid_parent_analysis(monkeypatch)
    items = [good_document(n) for n in range(100)]
    items.insert(position, poison)
    results = list(analyze_all(items, workers=2))
    assert_isolated(items, results)
    problems = [(k, r) for k, r in enumerate(results) if isinstance(r, Problem)]
    assert [k for k, _ in problems] == [position]
    assert named in str(problems[0][1]) and "poison" in str(problems[0][1])
    assert "\n" not in str(problems[0][1])


@pytest.mark.parametrize("name, poison, named", POISONS[:2], ids=[p[0] for p in POISONS[:2]])
def test_a_poisoned_document_in_this_process(name, poison, named):
    items = [good_document(n) for n in range(10)]
    items.insert(5, poison)
    results = list(analyze_all(items, workers=1))
    assert_isolated(items, results)
    assert [k for k, r in enumerate(results) if isinstance(r, Problem)] == [5]
    assert str(results[5]).startswith(named)


# Articles that have made the engine raise. Whatever it does with them now,
# the batch survives: each is analysed (its mentions quote it) or named.
ENGINE_POISONS = [
    "این جلسه در ۳۰ اسفند ماه جاری برگزار می‌شود.",           # Esfand 30 in a non-leap year
    "این بنا در سال ۱۰ پیش از میلاد ساخته شد و در ۵ دی سال ۵۰۰ قمری مرمت شد.",  # before jdatetime's range
    "این پیش‌بینی برای ۱۲ آذر ۱۲۰۰۰ و سال ۹۹۹۹۹ میلادی است.",   # after it
    "این شهر در ۱۲ مارس ۳۰۰ میلادی بنا شد.",                 # a Gregorian date no Jalali converter writes
    "این نسخه در دهه ۹۹۹۰ میلادی و قرن ۹۹ میلادی خوانده شد.",  # at the end of the range
]


def test_a_date_no_calendar_can_write_is_named_with_its_document():
    poison = Document(id="old", text="این شهر در سال ۳۰۰ میلادی بنا شد.", published=PUBLISHED)
    results = list(analyze_all([good_document(1), poison, good_document(2)], workers=1))
    assert_isolated([good_document(1), poison, good_document(2)], results)
    if isinstance(results[1], Problem):  # until the calendars write years before 622
        assert str(results[1]).startswith("document old: not analysed: «سال ۳۰۰ میلادی» is 0300-01-01, "
                                          "which the jalali calendar cannot write")


@pytest.mark.parametrize("workers", [1, 2])
@pytest.mark.parametrize("text", ENGINE_POISONS)
def test_real_engine_poisons_never_take_the_batch_down(text, workers):
    poison = Document(id="engine-poison", text=text, published=date(2023, 5, 1), path="bad.jsonl", line=7)
    items = [good_document(n) for n in range(60)]
    items.insert(30, poison)
    results = list(analyze_all(items, workers=workers))
    assert_isolated(items, results)
    assert sum(isinstance(r, Problem) for r in results) <= 1
    if isinstance(results[30], Problem):
        assert str(results[30]).startswith("bad.jsonl:7: document engine-poison not analysed: ")


def test_input_problems_pass_through_in_place_and_progress_counts_documents(monkeypatch):
    forbid_parent_analysis(monkeypatch)
    read_problem = Problem("news.jsonl", 3, "not valid JSON")
    items: list = [good_document(n) for n in range(60)]
    items.insert(10, read_problem)
    items.append(Problem("news.jsonl", 99, "empty"))
    seen: list[int] = []
    results = list(analyze_all(items, workers=2, progress=seen.append))
    assert results[10] is read_problem and results[-1] == items[-1]
    assert_isolated(items, results)
    assert seen == list(range(1, 61))


def test_output_order_is_input_order_with_ids_checked(monkeypatch):
    forbid_parent_analysis(monkeypatch)
    items = [good_document(n) for n in range(200)]
    results = list(analyze_all(iter(items), workers=2))
    assert [r[0].id for r in results] == [d.id for d in items]


def test_a_stream_is_read_a_window_at_a_time():
    pulled = 0

    def documents():
        nonlocal pulled
        for n in range(600):
            pulled += 1
            yield good_document(n)

    ahead = []
    for k, _ in enumerate(analyze_all(documents(), workers=2), start=1):
        ahead.append(pulled - k)
    assert max(ahead) <= max(parallel.PARALLEL_MIN, 2 * worker_module.WINDOW_PER_WORKER) + 1
    assert pulled == 600


def count_started_workers(monkeypatch) -> list[int]:
    started: list[int] = []
    real = worker_module.start_worker

    def start():
        worker = real()
        started.append(worker.process.pid)
        return worker

    monkeypatch.setattr(worker_module, "start_worker", start)
    return started


@pytest.mark.parametrize("asked, documents, most", [
    (1000, 100, usable_cores()),   # capped at the usable cores
    (2, 100, min(2, usable_cores())),
    (None, 100, usable_cores()),
    (1, 100, 0),                   # one worker: this process
    (4, parallel.PARALLEL_MIN - 1, 0),  # a few documents: this process
])
def test_workers_are_capped_and_few_documents_stay_in_process(monkeypatch, asked, documents, most):
    started = count_started_workers(monkeypatch)
    items = [good_document(n) for n in range(documents)]
    results = list(analyze_all(items, workers=asked))
    assert_isolated(items, results)
    assert len(started) <= most
    if most == 0:
        assert started == []


def test_one_usable_core_means_no_worker(monkeypatch):
    started = count_started_workers(monkeypatch)
    monkeypatch.setattr(parallel, "usable_cores", lambda: 1)
    assert len(list(analyze_all([good_document(n) for n in range(60)], workers=8))) == 60
    assert started == []


@pytest.mark.parametrize("boot", [
    "import sys; sys.exit(3)",                  # dies at start
    "import sys; sys.stdout.write('hello')",    # says something else than ready
])
def test_workers_that_cannot_start_leave_the_work_to_this_process(monkeypatch, boot):
    monkeypatch.setattr(worker_module, "BOOT", boot)
    items = [good_document(n) for n in range(60)]
    results = list(analyze_all(items, workers=2))
    assert_isolated(items, results)
    assert not any(isinstance(r, Problem) for r in results)


def test_no_worker_outlives_the_run_even_when_the_reader_stops_early(monkeypatch):
    started = count_started_workers(monkeypatch)
    stream = analyze_all([good_document(n) for n in range(300)], workers=2)
    next(stream)
    stream.close()
    assert started
    assert [pid for pid in started if os.path.exists(f"/proc/{pid}")] == []


def test_a_progress_callback_that_raises_stops_the_run_and_its_workers(monkeypatch):
    started = count_started_workers(monkeypatch)

    class Stop(Exception):
        pass

    def progress(done: int) -> None:
        if done == 5:
            raise Stop

    with pytest.raises(Stop):
        list(analyze_all([good_document(n) for n in range(300)], workers=2, progress=progress))
    assert started
    assert [pid for pid in started if os.path.exists(f"/proc/{pid}")] == []


def test_build_timeline_leaves_a_failed_document_out_and_names_it(monkeypatch):
    forbid_parent_analysis(monkeypatch)
    items = [good_document(n) for n in range(60)]
    items.insert(20, Document(id="poison", text=12345, path="bad.jsonl", line=21))
    timeline = build_timeline(items, workers=2)
    assert [d.id for d in timeline.documents] == [d.id for d in items if d.id != "poison"]
    assert len(timeline.problems) == 1 and "poison" in str(timeline.problems[0])
    for event in timeline.events:
        document = timeline.document(event.document)
        a, b = event.date.span
        assert document.text[a:b] == event.date.text
