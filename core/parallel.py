"""Analyse many documents, each on its own: in worker processes when there are
many (``core.workers``), in this process when there are few. A document whose
analysis raises (or kills its worker) becomes one ``Problem`` naming it and
the cause; its failure or results never reach another document.

``analyze_all`` streams: it reads its input only as workers need documents
and yields ``(document, analysis)`` pairs (or ``Problem``) in input order, so
at most a window of documents is held, whatever the corpus size.
"""

from __future__ import annotations

import os
import sys
import traceback
from collections.abc import Callable, Iterable, Iterator
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
                progress: Callable[[int], None] | None = None, merge_words: bool = True) -> Iterator[Result]:
    """Each document of ``items`` analysed (``core.timeline.analyze``), in input
    order: ``(document, analysis)``, or a ``Problem`` naming the document (file
    and line, or id) and the cause in one line if its analysis raised. Input
    Problems pass through in their place. ``workers`` is capped at the usable
    cores (default: all of them); fewer than ``PARALLEL_MIN`` documents, or
    one worker, stay in this process. ``progress`` gets the number of
    documents done so far; ``merge_words``: find the words events merge on
    (off for a lone document, which merges with nothing)."""
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
    done = DoneCounter(progress)
    if count <= 1 or documents < PARALLEL_MIN or not sys.executable:
        yield from analyze_here(source, published, done, merge_words)
    else:
        from core.workers import Pool  # the workers import this module

        yield from Pool(count, published, done).run(source)


# --- one document --------------------------------------------------------------------

def analyze_one(document: Document, published: date | None, merge_words: bool = True) -> DocumentAnalysis | str:
    """The analysis, or the cause of its failure in one line."""
    from core.timeline import analyze  # core.timeline imports this module

    try:
        analysis = analyze(document, published, merge_words)
        return _date_that_cannot_be_shown(analysis) or analysis
    except Exception as error:  # noqa: BLE001 — any failure of one document is that document's
        return failure_cause(error)


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


def failure_cause(error: BaseException) -> str:
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


def failure_problem(document: Document, cause: str) -> Problem:
    # A record of a JSON Lines file is named by file and line, anything else
    # by its path (a .txt file) or, built in code, by its id alone.
    if not document.path:
        return Problem(f"document {document.id}", None, f"not analysed: {cause}")
    return Problem(document.path, document.line, f"document {document.id} not analysed: {cause}")


def result_of(document: Document, outcome: DocumentAnalysis | str) -> Result:
    return failure_problem(document, outcome) if isinstance(outcome, str) else (document, outcome)


class DoneCounter:
    def __init__(self, progress: Callable[[int], None] | None) -> None:
        self.progress = progress
        self.done = 0

    def add(self) -> None:
        self.done += 1
        if self.progress is not None:
            self.progress(self.done)


def analyze_here(items: Iterable[Document | Problem], published: date | None, done: DoneCounter,
                 merge_words: bool = True) -> Iterator[Result]:
    for item in items:
        if isinstance(item, Document):
            result = result_of(item, analyze_one(item, published, merge_words))
            done.add()
            yield result
        else:
            yield item
