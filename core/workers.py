"""Worker processes for ``core.parallel.analyze_all``: batches of documents
out, one answer per document back, in input order.

Why plain subprocesses speaking pickle over their stdin/stdout, not
``multiprocessing``:
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

Each answer carries its document's sequence number and id, and the parent
checks both against the document it sent: nothing is matched by position.

Stopping: workers ignore SIGINT and run in their own process group (Ctrl-C
reaches only the parent, which then ends them: SIGTERM, then SIGKILL after a
short grace). If the parent dies without cleaning up, each worker notices
within ``PARENT_CHECK`` seconds (its parent id changes) and exits.
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
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from core import parallel
from core.documents import Problem
from core.model import Document
from core.parallel import Result

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
# this many times; after that the ones left, or the parent, do the work.
MAX_UNEXPLAINED_DEATHS = 4

_LENGTH = struct.Struct("!Q")
_ROOT = str(Path(__file__).resolve().parent.parent)  # the folder holding the ``core`` package
BOOT = "import sys; sys.path.insert(0, sys.argv[1]); from core.workers import serve; serve()"


# --- the wire: length-prefixed pickles on raw file descriptors -------------------------
# Raw reads (no buffering in Python) so that poll() sees every pending message.

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

def serve() -> None:
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
                    outcome = parallel.analyze_one(pickle.loads(pickled), published)
                except Exception as error:  # noqa: BLE001 — a document that cannot be read back is a failure
                    outcome = f"cannot be read by the worker: {parallel.failure_cause(error)}"
                try:
                    payload = pickle.dumps((seq, doc_id, outcome), protocol=pickle.HIGHEST_PROTOCOL)
                except Exception as error:  # noqa: BLE001 — an analysis that cannot be sent is a failure
                    cause = f"result cannot be sent: {parallel.failure_cause(error)}"
                    payload = pickle.dumps((seq, doc_id, cause))
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


def start_worker() -> _Worker:
    process = subprocess.Popen(
        [sys.executable, "-c", BOOT, _ROOT], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL, close_fds=True, process_group=0)
    return _Worker(process, time.monotonic())


class Pool:
    """Dispatches batches to workers, collects answers by sequence number and
    yields them in input order."""

    def __init__(self, size: int, published: date | None, done: parallel.DoneCounter) -> None:
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
                # Workers are kept busy before each result is handed over: the
                # caller may take its time with it (writing an archive).
                for worker in self.workers:
                    if worker.ready and not worker.batch:
                        self._dispatch(worker, items)
                self._collect(block=False)
                if self.next_out in self.results:
                    yield self._next_result()
                    continue
                if self.exhausted and self.next_out == self.next_seq:
                    return
                stuck = not any(w.ready for w in self.workers) and not self._starting()
                if stuck or not self._collect(block=True):
                    # No worker could start (or all died at start): this process does the rest.
                    yield from self._finish_in_process(items)
                    return
        finally:
            self._stop()

    def _next_result(self) -> Result:
        result, analysed = self.results.pop(self.next_out)
        self.next_out += 1
        if analysed:
            self.done.add()
        return result

    def _ready_results(self) -> Iterator[Result]:
        while self.next_out in self.results:
            yield self._next_result()

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
                cause = f"cannot be sent to a worker: {parallel.failure_cause(error)}"
                self.results[seq] = (parallel.failure_problem(document, cause), True)
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

    def _collect(self, block: bool) -> bool:
        """Read the answers that are there (``block``: wait for one, or a
        second while a worker starts). False if no worker has anything to say."""
        listening = {w.outbox: w for w in self.workers if w.batch or not w.ready}
        if not listening:
            return False
        poller = select.poll()  # no limit on descriptor numbers, unlike select()
        for fd in listening:
            poller.register(fd, select.POLLIN)
        timeout = (1000 if any(not w.ready for w in self.workers) else None) if block else 0
        for fd, _event in poller.poll(timeout):
            worker = listening[fd]
            if worker not in self.workers:
                continue
            try:
                self._answer(worker, _read(fd))
            except (EOFError, OSError, pickle.UnpicklingError, _WorkerGone):
                self._gone(worker)
        for worker in list(self.workers):
            if not worker.ready and time.monotonic() - worker.started >= START_TIMEOUT:
                self._gone(worker)
        return True

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
        self.results[seq] = (parallel.result_of(document, outcome), True)

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
            cause = f"the worker process analysing it {status}"
            self.results[seq] = (parallel.failure_problem(document, cause), True)
        elif not blame:
            self.unexplained_deaths += 1
        self.retry.extendleft(reversed(worker.batch))
        worker.batch.clear()
        if worker.ready and self.unexplained_deaths <= MAX_UNEXPLAINED_DEATHS:
            self._spawn()

    def _spawn(self) -> None:
        try:
            self.workers.append(start_worker())
        except OSError:
            pass  # no more processes: the others, or this process, do the work

    def _finish_in_process(self, items: Iterator[Document | Problem]) -> Iterator[Result]:
        pending = [*self.retry, *(job for w in self.workers for job in w.batch)]
        self.retry.clear()
        for worker in self.workers:
            worker.batch.clear()
        for seq, document in pending:
            outcome = parallel.analyze_one(document, self.published)
            self.results[seq] = (parallel.result_of(document, outcome), True)
        yield from self._ready_results()
        yield from parallel.analyze_here(items, self.published, self.done)

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
