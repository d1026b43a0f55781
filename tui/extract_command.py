"""``ruydad extract PATH...``: the timeline printed, for people and pipelines.

A table on a terminal, JSON otherwise (``--format`` chooses). PATH is
articles, or one archive (``ruydad index``; told by its SQLite header, not
its name). ``--from/--to/--search/--actor/--place`` keep some events, the same
way on both. Inputs that
cannot be read, and documents whose analysis fails, get one line each on
stderr and the rest is still printed. Output is written as ``tui.output``
says (checked, ``-o`` atomic, never onto an input). Exit status: 0, 1 when
anything was skipped, 2 for usage errors, 70 for a bug (one line, never a
traceback), 74 when the output could not be written, 130 on Ctrl-C and 143
on SIGTERM (workers ended, no traceback). Rich is imported only to print a
table.
"""

from __future__ import annotations

import argparse
import io
import os
import shutil
import sys
import time
from typing import TextIO

from core.archive import is_archive
from core.documents import iter_documents
from core.export import FORMATS, LABEL_CALENDARS, date_label, display_text, render
from core.model import CALENDAR_NAMES
from core.parallel import usable_cores
from core.store import Query
from core.timeline import Timeline, build_timeline
from tui.bidi import BIDI_CHOICES, resolve_mode
from tui.command_line import (EXIT_OUTPUT, EXIT_SKIPPED, EXIT_USAGE, OneLineParser, date_argument,
                              estimate_documents, parse_arguments, report_internal_error)
from tui.output import OutputError, clash, write_file, write_stdout
from tui.stopping import Stopped, report_stop, stop_signals_raise

def _parser() -> OneLineParser:
    p = OneLineParser(prog="ruydad extract",
                description="Print the timeline of dated events in Persian news articles.")
    p.add_argument("paths", nargs="+", metavar="PATH",
                   help=".txt article, .jsonl file, folder of these, - for standard input, "
                        "or one archive (ruydad index)")
    p.add_argument("--format", choices=("table", *FORMATS),
                   help="output format (default: table on a terminal, json otherwise)")
    p.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of standard output")
    p.add_argument("--date", type=date_argument, metavar="DATE",
                   help="publication date for every article: 2024-11-30 or Jalali 1403/09/10")
    p.add_argument("--calendar", choices=LABEL_CALENDARS, default="jalali", help="calendar of displayed dates")
    p.add_argument("--bidi", choices=BIDI_CHOICES, default="auto",
                   help="table only: logical (the terminal reorders Persian), visual (ruydad does), "
                        "auto (default: visual on a terminal that does not reorder, logical into a file)")
    p.add_argument("--workers", type=int, metavar="N",
                   help=f"processes to use, at most the usable cores (default: all, here {usable_cores()})")
    chosen = p.add_argument_group("which events (on archives and plain inputs alike)")
    chosen.add_argument("--from", dest="start", type=date_argument, metavar="DATE",
                        help="events that end on or after DATE (2024-11-30 or Jalali 1403/09/10)")
    chosen.add_argument("--to", dest="end", type=date_argument, metavar="DATE", help="events that start on or before DATE")
    chosen.add_argument("--search", metavar="TEXT",
                        help="events whose text holds TEXT (ignores ZWNJ, letter forms, digit scripts, spaces)")
    chosen.add_argument("--actor", metavar="NAME", help="events that name this actor (any known spelling)")
    chosen.add_argument("--place", metavar="NAME", help="events that name this place (any known spelling)")
    return p


def _query(args: argparse.Namespace) -> Query:
    return Query(start=args.start, end=args.end, actor=args.actor, place=args.place, search=args.search)


def _selected(timeline: Timeline, query: Query) -> Timeline:
    """The events of ``query`` (documents and mentions stay all), as an archive selects them."""
    if query.empty:
        return timeline
    kept = timeline.filter(start=query.start, end=query.end, actor=query.actor, place=query.place,
                           document=query.document)
    if query.search:
        kept.events = kept.search(query.search)
    return kept


def _read_archive(path: str, query: Query) -> Timeline:
    from core.archive import ArchiveStore

    store = ArchiveStore(path)
    try:
        # Problems of the index runs are not repeated: this reads the archive, not those inputs.
        return store.timeline(query, texts=False)
    finally:
        store.close()


def run_extract(argv: list[str]) -> int:
    if sys.stderr is None:  # started with descriptor 2 closed: messages must not fall back to stdout
        sys.stderr = open(os.devnull, "w", encoding="utf-8")
    try:
        with stop_signals_raise():
            return _run(argv)
    except Stopped as stop:
        return report_stop(stop)
    except OutputError as error:
        print(f"ruydad: {display_text(str(error))}", file=sys.stderr)
        return EXIT_OUTPUT
    except BrokenPipeError:
        # The reader went away (| head): not an error; keep Python quiet at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception as error:  # noqa: BLE001 — a bug: one line, never a traceback
        return report_internal_error(error)


def _run(argv: list[str]) -> int:
    args = parse_arguments(_parser(), argv)
    if isinstance(args, int):
        return args
    if args.workers is not None and args.workers < 1:
        print("ruydad extract: error: --workers must be at least 1", file=sys.stderr)
        return EXIT_USAGE
    overwrite = clash(args.output, args.paths)
    if overwrite is not None:
        print(f"ruydad extract: error: {display_text(overwrite)}; inputs are never overwritten", file=sys.stderr)
        return EXIT_USAGE
    to_terminal = not args.output and os.isatty(1)
    fmt = args.format or ("table" if to_terminal else "json")
    # A file keeps reading order unless visual is asked for by name.
    visual = resolve_mode(args.bidi) == "visual" if (to_terminal or args.bidi != "auto") else False

    archives = [p for p in args.paths if p != "-" and is_archive(p)]
    if archives and len(args.paths) > 1:
        print("ruydad extract: error: an archive is read on its own (add the other inputs with ruydad index)",
              file=sys.stderr)
        return EXIT_USAGE
    if archives and (args.date or args.workers):
        print("ruydad extract: error: --date and --workers apply to reading articles; an archive was read "
              "when it was indexed", file=sys.stderr)
        return EXIT_USAGE
    query = _query(args)
    if archives:
        from core.archive import ArchiveError

        try:
            timeline = _read_archive(archives[0], query)
        except ArchiveError as error:
            print(f"ruydad extract: error: {display_text(str(error))}", file=sys.stderr)
            return EXIT_USAGE
    else:
        meter = _Progress(args.paths) if sys.stderr.isatty() else None
        try:
            timeline = build_timeline(iter_documents(args.paths), published=args.date,
                                      progress=meter.update if meter else None, workers=args.workers)
        finally:
            if meter:
                meter.close()
        timeline = _selected(timeline, query)
    for problem in timeline.problems:
        print(f"ruydad: {problem}", file=sys.stderr)

    if fmt == "table":
        buffer = io.StringIO()
        _print_table(timeline, args.calendar, buffer, terminal=to_terminal, visual=visual)
        text = buffer.getvalue()
    else:
        # Indented JSON for a person at a terminal, compact for programs.
        text = render(timeline, fmt, args.calendar, pretty=to_terminal)
    if args.output:
        write_file(args.output, text.encode("utf-8"))
    else:
        write_stdout(text.encode("utf-8"))
    return EXIT_SKIPPED if timeline.problems else 0


# --- the table ------------------------------------------------------------------------

def _print_table(timeline: Timeline, calendar: str, out: TextIO, terminal: bool, visual: bool = False) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    other = "gregorian" if calendar == "jalali" else "jalali"
    many = len(timeline.documents) > 1
    width = shutil.get_terminal_size().columns if terminal else 160
    console = Console(file=out, force_terminal=terminal, no_color=not terminal or None,
                      width=width, highlight=False, markup=False, emoji=False)
    cell = _VisualCells(timeline, calendar, other, many, console.width) if visual else None
    table = Table(show_lines=bool(cell), expand=False)
    table.add_column(CALENDAR_NAMES[calendar], no_wrap=True)
    table.add_column(CALENDAR_NAMES[other], no_wrap=True)
    table.add_column("Summary", ratio=1, no_wrap=bool(cell))
    table.add_column("Actors", no_wrap=bool(cell))
    table.add_column("Places", no_wrap=bool(cell))
    if many:
        table.add_column("Sources")
    for e in timeline.events:
        when = Text(cell.line(date_label(e.date, calendar), calendar != "gregorian") if cell else
                    date_label(e.date, calendar))
        if e.inferred:
            when.append("\ninferred", style="italic")
        summary = Text(cell.lines(display_text(e.summary), "summary") if cell else display_text(e.summary))
        if e.reason:
            reason = display_text(e.reason)
            summary.append("\n" + (cell.lines(reason, "summary") if cell else reason), style="dim")
        # Text(...) is never parsed for markup; display_text removed escapes.
        second = date_label(e.date, other)
        actors, places = display_text("، ".join(e.actors)), display_text("، ".join(e.places))
        row = [when, Text(cell.line(second, other != "gregorian") if cell else second), summary,
               Text(cell.lines(actors, "names") if cell else actors),
               Text(cell.lines(places, "names") if cell else places)]
        if many:
            row.append(Text(display_text(", ".join(dict.fromkeys(s.document for s in e.sources)))))
        table.add_row(*row)
    console.print(table)
    if not timeline.events:
        console.print(Text("no dated events found"))


class _VisualCells:
    """Cells for a terminal that does not reorder: wrapped here to their
    column's width (Rich would wrap the reordered text from the wrong end),
    then each line shaped and reordered."""

    def __init__(self, timeline: Timeline, calendar: str, other: str, many: bool, width: int) -> None:
        from rich.cells import cell_len

        def widest(texts, cap: int) -> int:
            return min(max((cell_len(t) for t in texts), default=1), cap)

        events = timeline.events
        dates = widest((date_label(e.date, c) for e in events for c in (calendar, other)), 40)
        self.widths = {"names": widest(("، ".join(e.actors + e.places) for e in events), 18)}
        sources = widest((", ".join(s.document for s in e.sources) for e in events), 30) if many else 0
        used = 2 * dates + 2 * self.widths["names"] + sources + 3 * (5 + many) + 1
        self.widths["summary"] = max(width - used, 20)

    def line(self, text: str, rtl: bool) -> str:
        from tui.bidi import to_visual

        return to_visual(text, rtl)[0]

    def lines(self, text: str, column: str) -> str:
        from tui.bidi import is_rtl, to_visual
        from tui.widgets.wrap import wrap

        rtl = is_rtl(text)
        width = self.widths[column]
        drawn = [to_visual(text[a:b].rstrip(), rtl)[0] for a, b in wrap(text, width)]
        # Right-to-left lines end at the column's right edge, as Persian is read.
        return "\n".join(line.rjust(width) if rtl else line for line in drawn)


# --- progress on stderr ----------------------------------------------------------------

class _Progress:
    """``ruydad: [#####.....] 120/494 documents``, redrawn at most ten times a second."""

    def __init__(self, paths: list[str]) -> None:
        self.total = estimate_documents(paths)
        self.last = 0.0
        self.width = 0  # of the line drawn last, to blank it out with spaces (plain text, no escapes)

    def update(self, done: int) -> None:
        now = time.monotonic()
        if now - self.last < 0.1 and done != self.total:
            return
        self.last = now
        if self.total:
            width = 30
            filled = min(width, width * done // self.total)
            line = f"ruydad: [{'#' * filled}{'.' * (width - filled)}] {done}/{self.total} documents"
        else:
            line = f"ruydad: {done} documents"
        sys.stderr.write("\r" + line.ljust(self.width))
        sys.stderr.flush()
        self.width = len(line)

    def close(self) -> None:
        if self.width:
            sys.stderr.write("\r" + " " * self.width + "\r")
            sys.stderr.flush()
