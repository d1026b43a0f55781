"""``ruydad index PATH... --db ARCHIVE``: read documents into an archive.

Incremental (a document the archive holds is skipped), resumable (killed, the
archive keeps every committed batch and a rerun finishes the rest) and
streaming (see ``core.indexing``). On a terminal, rich's progress bar on
stderr; at the end one summary line. Documents that could not be read or
analysed are named on stderr, one line each, and the exit status is 1.
``--dask ADDRESS`` (or ``local``) analyses on a Dask cluster.
"""

from __future__ import annotations

import os
import sqlite3
import sys
import time

from core.export import display_text
from core.parallel import usable_cores
from tui.command_line import (EXIT_SKIPPED, EXIT_USAGE, OneLineParser, date_argument, estimate_documents,
                              parse_arguments, report_internal_error)
from tui.stopping import Stopped, report_stop, stop_signals_raise


def _parser() -> OneLineParser:
    p = OneLineParser(prog="ruydad index", description="Read Persian news articles into an archive "
                                                 "(SQLite) that ruydad and ruydad extract open at once.")
    p.add_argument("paths", nargs="+", metavar="PATH",
                   help=".txt article, .jsonl file, folder of these, or - for standard input")
    p.add_argument("--db", required=True, metavar="ARCHIVE", help="the archive to create or add to")
    p.add_argument("--date", type=date_argument, metavar="DATE",
                   help="publication date for every article this run adds: 2024-11-30 or Jalali 1403/09/10")
    p.add_argument("--workers", type=int, metavar="N",
                   help=f"processes to use, at most the usable cores (default: all, here {usable_cores()})")
    p.add_argument("--dask", metavar="ADDRESS",
                   help="analyse on a Dask cluster: the scheduler's address (tcp://host:8786), "
                        "or local for worker processes on this machine (needs ruydad[dask])")
    return p


def run_index(argv: list[str]) -> int:
    if sys.stderr is None:  # started with descriptor 2 closed: messages must not fall back to stdout
        sys.stderr = open(os.devnull, "w", encoding="utf-8")
    try:
        with stop_signals_raise():
            return _run(argv)
    except Stopped as stop:
        report_stop(stop)
        print("ruydad: what was committed stays in the archive; run the same command to finish", file=sys.stderr)
        return stop.exit_status
    except Exception as error:  # noqa: BLE001 — a bug: one line, never a traceback
        return report_internal_error(error)


def _run(argv: list[str]) -> int:
    args = parse_arguments(_parser(), argv)
    if isinstance(args, int):
        return args
    if args.db in args.paths:
        print("ruydad index: error: the archive cannot also be an input", file=sys.stderr)
        return EXIT_USAGE
    if args.workers is not None and args.workers < 1:
        print("ruydad index: error: --workers must be at least 1", file=sys.stderr)
        return EXIT_USAGE
    if args.workers is not None and args.dask:
        print("ruydad index: error: --workers is for this machine; a Dask cluster has its own", file=sys.stderr)
        return EXIT_USAGE

    from core.archive import ArchiveError, ArchiveWriter
    from core.documents import iter_documents
    from core.indexing import index_documents
    from core.parallel import analyze_all

    analyzer = analyze_all
    cluster = None
    if args.dask:
        try:
            from core.dask_analysis import DaskAnalyzer
        except ImportError:
            print("ruydad index: error: --dask needs Dask: pip install 'ruydad[dask]'", file=sys.stderr)
            return EXIT_USAGE
        try:
            cluster = analyzer = DaskAnalyzer(args.dask)
        except OSError as error:
            print(f"ruydad index: error: cannot reach the Dask scheduler {display_text(args.dask)}: "
                  f"{display_text(str(error))}", file=sys.stderr)
            return EXIT_USAGE
    try:
        writer = ArchiveWriter(args.db)
    except (ArchiveError, OSError) as error:
        print(f"ruydad index: error: {display_text(str(error))}", file=sys.stderr)
        if cluster is not None:
            cluster.close()
        return EXIT_USAGE
    except sqlite3.DatabaseError as error:  # a file that is not an archive, or one another run is writing
        if "locked" in str(error):
            print(f"ruydad index: error: {display_text(args.db)} is being written by another run; "
                  "try again when it ends", file=sys.stderr)
        else:
            print(f"ruydad index: error: {display_text(args.db)}: not an archive ({display_text(str(error))})",
                  file=sys.stderr)
        if cluster is not None:
            cluster.close()
        return EXIT_USAGE

    meter = _Meter(estimate_documents(args.paths)) if sys.stderr.isatty() else None
    started = time.monotonic()
    try:
        summary = index_documents(
            iter_documents(args.paths), writer, published=args.date, analyzer=analyzer, workers=args.workers,
            progress=meter.update if meter else None,
            on_problem=(meter.problem if meter else lambda line: print(f"ruydad: {line}", file=sys.stderr)),
            merging=meter.merging if meter else None)
    finally:
        if meter:
            meter.close()
        writer.close()
        if cluster is not None:
            cluster.close()
    seconds = time.monotonic() - started
    print(f"ruydad: {summary.new} documents new, {summary.skipped} skipped, {summary.failed} failed; "
          f"{summary.documents} documents and {summary.events} events in {display_text(args.db)} "
          f"({seconds:.1f} s)", file=sys.stderr)
    return EXIT_SKIPPED if summary.failed else 0


class _Meter:
    """rich's progress bar on stderr: documents, documents/s, time left."""

    def __init__(self, total: int | None) -> None:
        from rich.console import Console
        from rich.progress import (BarColumn, MofNCompleteColumn, Progress, TaskProgressColumn, TextColumn,
                                   TimeRemainingColumn)

        self.console = Console(stderr=True, markup=False, highlight=False, emoji=False)
        self.progress = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                                 TaskProgressColumn(), TextColumn("{task.fields[rate]}"), TimeRemainingColumn(),
                                 console=self.console, transient=True)
        self.task = self.progress.add_task("indexing", total=total, rate="")
        self.progress.start()
        self.started = time.monotonic()

    def update(self, done: int) -> None:
        elapsed = time.monotonic() - self.started
        rate = f"{done / elapsed:.0f} documents/s" if elapsed > 0.5 else ""
        self.progress.update(self.task, completed=done, rate=rate)

    def problem(self, line: str) -> None:
        from rich.text import Text

        # Text(...): a file name or an id is never read as markup.
        self.progress.console.print(Text(f"ruydad: {display_text(line)}"))

    def merging(self, intervals: int) -> None:
        self.progress.update(self.task, description=f"merging ({intervals} dates)")

    def close(self) -> None:
        self.progress.stop()
