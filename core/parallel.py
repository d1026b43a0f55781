"""Analyse many documents, each on its own: in worker processes when there are
many, in this process when there are few; one failing document is named and
skipped, and its failure or results never reach another document.

``analyze_all`` streams: it reads its input only as workers need documents
and yields ``(document, analysis)`` pairs (or ``Problem``) in input order, so
at most a window of documents is held, whatever the corpus size.

Why workers are plain subprocesses speaking pickle over their stdin/stdout,
not ``multiprocessing``:
- they start the same way from any thread and under any stdio (inside the
  Textual app ``sys.stderr`` has no file descriptor, which the
  ``multiprocessing`` resource tracker needs; ``fork`` is unsafe once
  threads run);
- a worker whose pipe ends has died, and the document it was on is known (it
  analyses its batch in order and answers once per document), so a crash
  costs that document only and the rest of its batch goes to a new worker;
- a worker's stray output cannot reach the terminal or the JSON on our
  stdout: its stdout is the pipe, its stderr /dev/null;
- no ``__main__`` re-import: any script may call this without a guard.

Stopping: workers ignore SIGINT and run in their own process group (Ctrl-C
reaches only this process, which then ends them: SIGTERM, then SIGKILL
after a short grace). If this process dies without cleaning up, each worker
notices within ``PARENT_CHECK`` seconds (its parent id changes) and exits.
"""

from __future__ import annotations

import os
import pickle
import select
import signal
import struct
import subprocess
import sys
import threading
import time
import traceback
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING

from core.documents import Problem
from core.model import Document

if TYPE_CHECKING:
    from core.timeline import DocumentAnalysis

__all__ = ["analyze_all", "usable_cores", "PARALLEL_MIN"]

# Fewer documents than this are analysed in this process: starting a worker
# (interpreter, imports, grammar) costs about as much as analysing these.
PARALLEL_MIN = 48
# Documents sent to a worker at once; it answers for each as it finishes it.
BATCH = 8
# Documents read ahead of the first one not yet yielded, per worker: bounds
# memory when one slow document holds up the output.
WINDOW_PER_WORKER = 4 * BATCH
# A worker that has not imported the engine by then is given up.
START_TIMEOUT = 120.0
# Time a worker gets to exit after SIGTERM before SIGKILL.
STOP_GRACE = 0.5
# How often a worker checks that its parent is alive.
PARENT_CHECK = 0.2
# Workers that died before taking a batch (no document to blame) are replaced
# this many times; after that the ones left, or this process, do the work.
MAX_UNEXPLAINED_DEATHS = 4

_LENGTH = struct.Struct("!Q")
_ROOT = str(Path(__file__).resolve().parent.parent)  # the folder holding the ``core`` package
_BOOT = "import sys; sys.path.insert(0, sys.argv[1]); from core.parallel import _serve; _serve()"
_CAUSE_LIMIT = 240

Result = tuple[Document, "DocumentAnalysis"] | Problem


def usable_cores() -> int:
    """Cores this process may run on (its CPU affinity, not the machine's count)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def analyze_all(items: Iterable[Document | Problem], published: date | None = None,
                workers: int | None = None,
                progress: Callable[[int], None] | None = None) -> Iterator[Result]:
    """Each document of ``items`` analysed (``core.timeline.analyze``), in input
    order: ``(document, analysis)``, or a ``Problem`` naming the document (file
    and line, or id) and the cause in one line if its analysis raised. Input
    Problems pass through in their place. ``workers`` is capped at the usable
    cores (default: all of them); fewer than ``PARALLEL_MIN`` documents, or
    one worker, stay in this process. ``progress`` gets the number of
    documents done so far."""
    count = min(workers, usable_cores()) if workers is not None else usable_cores()
    stream = iter(items)
    head: list[Document | Problem] = []
    documents = 0
    if count > 1:
        for item in stream:
            head.append(item)
            documents += isinstance(item, Document)
            if documents >= PARALLEL_MIN:
                break
    source = chain(head, stream)
    done = _Counter(progress)
    if count <= 1 or documents < PARALLEL_MIN or not sys.executable:
        yield from _in_process(source, published, done)
    else:
        yield from _Pool(count, published, done).run(source)


# --- one document --------------------------------------------------------------------

def _analyze_one(document: Document, published: date | None) -> DocumentAnalysis | str:
    """The analysis, or the cause of its failure in one line."""
    from core.timeline import analyze  # core.timeline imports this module

    try:
        analysis = analyze(document, published)
        return _date_that_cannot_be_shown(analysis) or analysis
    except Exception as error:  # noqa: BLE001 — any failure of one document is that document's
        return _cause(error)


def _date_that_cannot_be_shown(analysis: DocumentAnalysis) -> str | None:
    """Every date the analysis holds, written in each calendar, as every output
    and the app will write it: a date outside a converter's range (jdatetime
    stops before 622 CE) fails here, for this document only, not later while
    the whole timeline is printed. None if all can be written."""
    from core.calendars import to_calendar
    from core.model import CALENDARS

    for mention in (*analysis.mentions, *(e.date for e in analysis.events)):
        for day in (mention.start, mention.end):
            for calendar in CALENDARS:
                try:
                    to_calendar(day, calendar)
                except (ValueError, OverflowError) as error:
                    return (f"«{' '.join(mention.text.split())}» is {day.isoformat()}, "
                            f"which the {calendar} calendar cannot write ({error})")
    return None


def _cause(error: BaseException) -> str:
    """``Type: message (where)`` on one line; where = the innermost frame, for a bug report."""
    message = " ".join(str(error).split())
    text = type(error).__name__ + (f": {message}" if message else "")
    if len(text) > _CAUSE_LIMIT:
        text = text[: _CAUSE_LIMIT - 1] + "…"
    frames = traceback.extract_tb(error.__traceback__)
    if frames:
        last = frames[-1]
        text += f" (at {'/'.join(Path(last.filename).parts[-2:])}:{last.lineno})"
    return text


def _problem(document: Document, cause: str) -> Problem:
    # A record of a JSON Lines file is named by file and line, anything else
    # by its path (a .txt file) or, built in code, by its id alone.
    if not document.path:
        return Problem(f"document {document.id}", None, f"not analysed: {cause}")
    return Problem(document.path, document.line, f"document {document.id} not analysed: {cause}")


def _result(document: Document, outcome: DocumentAnalysis | str) -> Result:
    return _problem(document, outcome) if isinstance(outcome, str) else (document, outcome)


class _Counter:
    def __init__(self, progress: Callable[[int], None] | None) -> None:
        self.progress = progress
        self.done = 0

    def add(self) -> None:
        self.done += 1
        if self.progress is not None:
            self.progress(self.done)


def _in_process(items: Iterable[Document | Problem], published: date | None, done: _Counter) -> Iterator[Result]:
    for item in items:
        if isinstance(item, Document):
            result = _result(item, _analyze_one(item, published))
            done.add()
            yield result
        else:
            yield item


# --- the wire: length-prefixed pickles on raw file descriptors -------------------------
# Raw reads (no buffering in Python) so that select() sees every pending message.

def _write(fd: int, message: object) -> None:
    _write_bytes(fd, pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL))


def _write_bytes(fd: int, payload: bytes) -> None:
    data = memoryview(_LENGTH.pack(len(payload)) + payload)
    while data:
        data = data[os.write(fd, data):]


def _read_exact(fd: int, size: int) -> bytes | None:
    chunks = []
    while size:
        chunk = os.read(fd, min(size, 1 << 20))
        if not chunk:
            return None  # end of file: the other side is gone
        chunks.append(chunk)
        size -= len(chunk)
    return b"".join(chunks)


def _read(fd: int) -> object:
    """One message; EOFError if the other side is gone."""
    head = _read_exact(fd, _LENGTH.size)
    body = _read_exact(fd, _LENGTH.unpack(head)[0]) if head is not None else None
    if body is None:
        raise EOFError
    return pickle.loads(body)


# --- the worker side -------------------------------------------------------------------

def _serve() -> None:
    """A worker's main loop: batches in on stdin, one answer per document on stdout."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    _exit_with_parent()
    # The protocol keeps the pipes; whatever else writes to stdout goes where stderr goes (/dev/null).
    inbox, outbox = os.dup(0), os.dup(1)
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    import core.timeline  # noqa: F401 — before saying ready: a worker that cannot import fails at start

    try:
        _write(outbox, ("ready", os.getpid()))
        while True:
            try:
                published, batch = _read(inbox)
            except EOFError:
                return
            for seq, doc_id, pickled in batch:
                # Each document is unpickled only when its turn comes: if that
                # kills this process, the parent blames the right document.
                try:
                    outcome = _analyze_one(pickle.loads(pickled), published)
                except Exception as error:  # noqa: BLE001 — a document that cannot be read back is a failure
                    outcome = f"cannot be read by the worker: {_cause(error)}"
                try:
                    payload = pickle.dumps((seq, doc_id, outcome), protocol=pickle.HIGHEST_PROTOCOL)
                except Exception as error:  # noqa: BLE001 — an analysis that cannot be sent is a failure
                    payload = pickle.dumps((seq, doc_id, f"result cannot be sent: {_cause(error)}"))
                _write_bytes(outbox, payload)
    except (BrokenPipeError, EOFError):
        return  # the parent is gone


def _exit_with_parent() -> None:
    """End this worker soon after its parent dies however it dies (SIGKILL, or
    SIGTERM in a program that does not catch it), not only when its next
    answer meets a closed pipe: an orphan is reparented, so its parent id changes."""
    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_CHECK)
        os._exit(0)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()


# --- the parent side --------------------------------------------------------------------

class _WorkerGone(Exception):
    """A worker's pipe ended (it crashed, was killed, or could not start)."""


@dataclass(eq=False)
class _Worker:
    process: subprocess.Popen
    started: float
    ready: bool = False
    batch: deque[tuple[int, Document]] = field(default_factory=deque)  # sent, not yet answered

    @property
    def inbox(self) -> int:
        return self.process.stdin.fileno()

    @property
    def outbox(self) -> int:
        return self.process.stdout.fileno()

    def status(self) -> str:
        try:
            code = self.process.wait(timeout=STOP_GRACE)
        except subprocess.TimeoutExpired:
            return "stopped answering"
        if code < 0:
            try:
                return f"killed by {signal.Signals(-code).name}"
            except ValueError:
                return f"killed by signal {-code}"
        return f"exited with status {code}"


def _start_worker() -> _Worker:
    process = subprocess.Popen(
        [sys.executable, "-c", _BOOT, _ROOT], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL, close_fds=True, process_group=0)
    return _Worker(process, time.monotonic())


class _Pool:
    """Dispatches batches to workers, collects answers by sequence number and
    yields them in input order."""

    def __init__(self, size: int, published: date | None, done: _Counter) -> None:
        self.size = size
        self.published = published
        self.done = done
        self.workers: list[_Worker] = []
        self.retry: deque[tuple[int, Document]] = deque()  # the rest of a dead worker's batch
        # By sequence number: what to yield, and whether it is a document's
        # outcome (counted as done) rather than an input Problem.
        self.results: dict[int, tuple[Result, bool]] = {}
        self.next_seq = 0     # of the next item read from the input
        self.next_out = 0     # of the next item to yield
        self.exhausted = False
        self.window = size * WINDOW_PER_WORKER
        self.unexplained_deaths = 0

    def run(self, items: Iterator[Document | Problem]) -> Iterator[Result]:
        try:
            for _ in range(self.size):
                self._spawn()
            while True:
                yield from self._ready_results()
                if self.exhausted and self.next_out == self.next_seq:
                    return
                if not any(w.ready for w in self.workers) and not self._starting():
                    # No worker could start (or all died at start): this process does the rest.
                    yield from self._finish_in_process(items)
                    return
                for worker in self.workers:
                    if worker.ready and not worker.batch:
                        self._dispatch(worker, items)
                self._wait()
        finally:
            self._stop()

    def _ready_results(self) -> Iterator[Result]:
        while self.next_out in self.results:
            result, analysed = self.results.pop(self.next_out)
            self.next_out += 1
            if analysed:
                self.done.add()
            yield result

    # -- input ------------------------------------------------------------------------

    def _take(self, items: Iterator[Document | Problem]) -> tuple[int, Document] | None:
        """The next document to analyse (a retried one first); input Problems are
        placed in the output as they are met."""
        if self.retry:
            return self.retry.popleft()
        while not self.exhausted and self.next_seq - self.next_out < self.window:
            item = next(items, None)
            if item is None:
                self.exhausted = True
                return None
            seq = self.next_seq
            self.next_seq += 1
            if isinstance(item, Document):
                return seq, item
            self.results[seq] = (item, False)
        return None

    def _dispatch(self, worker: _Worker, items: Iterator[Document | Problem]) -> None:
        wire = []
        while len(worker.batch) < BATCH and (job := self._take(items)) is not None:
            seq, document = job
            try:
                pickled = pickle.dumps(document, protocol=pickle.HIGHEST_PROTOCOL)
            except Exception as error:  # noqa: BLE001 — a document that cannot be sent is that document's problem
                self.results[seq] = (_problem(document, f"cannot be sent to a worker: {_cause(error)}"), True)
                continue
            worker.batch.append(job)
            wire.append((seq, document.id, pickled))
        if not wire:
            return
        try:
            _write(worker.inbox, (self.published, wire))
        except OSError:  # BrokenPipeError: it died before taking the batch, which no document caused
            self._gone(worker, blame=False)

    # -- answers ----------------------------------------------------------------------

    def _starting(self) -> bool:
        return any(not w.ready and time.monotonic() - w.started < START_TIMEOUT for w in self.workers)

    def _wait(self) -> None:
        listening = {w.outbox: w for w in self.workers if w.batch or not w.ready}
        if not listening:
            return
        timeout = 1.0 if any(not w.ready for w in self.workers) else None
        readable, _, _ = select.select(list(listening), [], [], timeout)
        for fd in readable:
            worker = listening[fd]
            try:
                self._answer(worker, _read(fd))
            except (EOFError, OSError, pickle.UnpicklingError, _WorkerGone):
                self._gone(worker)
        for worker in list(self.workers):
            if not worker.ready and time.monotonic() - worker.started >= START_TIMEOUT:
                self._gone(worker)

    def _answer(self, worker: _Worker, message: object) -> None:
        if not worker.ready:
            if not (isinstance(message, tuple) and message[:1] == ("ready",)):
                raise _WorkerGone
            worker.ready = True
            return
        # A worker answers for its batch in order: the answer must be for the
        # first document still pending, and carry that document's id.
        if not (isinstance(message, tuple) and len(message) == 3 and worker.batch):
            raise _WorkerGone
        seq, doc_id, outcome = message
        expected_seq, document = worker.batch[0]
        if seq != expected_seq or doc_id != document.id:
            raise _WorkerGone
        worker.batch.popleft()
        self.results[seq] = (_result(document, outcome), True)

    def _gone(self, worker: _Worker, blame: bool = True) -> None:
        """A worker died: the document it was on is the cause (a Problem), the
        rest of its batch is retried first, and a new worker takes its place
        if it had been working (one that never started is not replaced, nor
        one of too many dying for no document)."""
        self.workers.remove(worker)
        status = worker.status()
        _end(worker)
        if worker.batch and blame:
            seq, document = worker.batch.popleft()
            self.results[seq] = (_problem(document, f"the worker process analysing it {status}"), True)
        elif not blame:
            self.unexplained_deaths += 1
        self.retry.extendleft(reversed(worker.batch))
        worker.batch.clear()
        if worker.ready and self.unexplained_deaths <= MAX_UNEXPLAINED_DEATHS:
            self._spawn()

    def _spawn(self) -> None:
        try:
            self.workers.append(_start_worker())
        except OSError:
            pass  # no more processes: the others, or this process, do the work

    def _finish_in_process(self, items: Iterator[Document | Problem]) -> Iterator[Result]:
        pending = [*self.retry, *(job for w in self.workers for job in w.batch)]
        self.retry.clear()
        for worker in self.workers:
            worker.batch.clear()
        for seq, document in pending:
            self.results[seq] = (_result(document, _analyze_one(document, self.published)), True)
        yield from self._ready_results()
        yield from _in_process(items, self.published, self.done)

    def _stop(self) -> None:
        """End every worker: end-of-file and SIGTERM, then SIGKILL after a grace."""
        for worker in self.workers:
            _close(worker)
            try:
                worker.process.terminate()
            except OSError:
                pass
        deadline = time.monotonic() + STOP_GRACE
        for worker in self.workers:
            try:
                worker.process.wait(timeout=max(0.0, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                worker.process.kill()
                worker.process.wait()
        self.workers.clear()


def _close(worker: _Worker) -> None:
    for stream in (worker.process.stdin, worker.process.stdout):
        try:
            stream.close()
        except OSError:
            pass


def _end(worker: _Worker) -> None:
    _close(worker)
    if worker.process.poll() is None:
        worker.process.kill()
        worker.process.wait()
