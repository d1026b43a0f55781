"""What ``ruydad extract`` and ``ruydad index`` share on the command line:
exit statuses, a parser whose mistakes are one line and status 2, dates as
``--date`` takes them, and how many documents the inputs hold (for progress).
"""

from __future__ import annotations

import argparse
import os
import sys
from datetime import date
from pathlib import Path

from core.documents import JSONL_SUFFIXES, parse_date
from core.export import display_text

EXIT_SKIPPED = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 70
EXIT_OUTPUT = 74  # sysexits' EX_IOERR


class UsageError(Exception):
    pass


class OneLineParser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line and exit status 2, as argparse, but no SystemExit here
        raise UsageError(message)


def date_argument(value: str) -> date:
    """A publication date, Gregorian (2024-11-30) or Jalali (1403/09/10)."""
    try:
        return parse_date(value)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def parse_arguments(parser: OneLineParser, argv: list[str]) -> argparse.Namespace | int:
    """The parsed arguments, or the exit status after a usage line (2) or --help (0)."""
    try:
        return parser.parse_args(argv)
    except UsageError as error:
        print(parser.format_usage().rstrip(), file=sys.stderr)
        print(f"{parser.prog}: error: {display_text(str(error))}", file=sys.stderr)
        return EXIT_USAGE
    except SystemExit as leave:  # --help
        return int(leave.code or 0)


def report_internal_error(error: Exception) -> int:
    """A bug: one line, never a traceback."""
    print(f"ruydad: internal error: {display_text(f'{type(error).__name__}: {error}')}", file=sys.stderr)
    return EXIT_INTERNAL


def estimate_documents(paths: list[str]) -> int | None:
    """How many documents the paths hold (lines of JSON Lines, .txt files); None for stdin."""
    total = 0
    for path in paths:
        if path == "-":
            return None
        if os.path.isdir(path):
            for root, dirs, files in os.walk(path):
                dirs[:] = [d for d in dirs if not d.startswith(".")]
                total += sum(_count_file(os.path.join(root, f), listed=False)
                             for f in files if not f.startswith("."))
        else:
            total += _count_file(path, listed=True)
    return total or None


def _count_file(path: str, listed: bool) -> int:
    """``listed``: named on the command line, so read whatever its suffix."""
    suffix = Path(path).suffix.lower()
    if suffix not in JSONL_SUFFIXES:
        return 1 if listed or suffix == ".txt" else 0
    try:
        with open(path, "rb") as f:
            return sum(chunk.count(b"\n") for chunk in iter(lambda: f.read(1 << 20), b"")) or 1
    except OSError:
        return 0
