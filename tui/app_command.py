"""``ruydad [PATH ...]``: open the timeline explorer.

With no PATH it opens the example article shipped inside the package (so it
works after ``pipx install`` too). ``-`` reads standard input first, then
gives the keyboard back to the app through ``/dev/tty``. A PATH that is an
archive (an SQLite file, made by ``ruydad index``) is opened as it is, read
page by page: nothing is analysed again. Mistakes in the arguments or the
config file end with one line on stderr and status 2.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
from collections.abc import Callable, Sequence
from contextlib import ExitStack
from dataclasses import replace
from datetime import date
from importlib.resources import as_file, files

from core.archive_header import is_archive
from tui.bidi import BIDI_CHOICES, resolve_mode
from tui.remembered import inputs_key
from tui.config import ConfigError, Settings, config_path, load_settings
from core.model import CALENDARS
from tui.date_display import DIGIT_CHOICES

SEED_PACKAGE = "ruydad_fixtures"
SEED_ARTICLE = "etemadonline-688273.txt"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="ruydad",
        description="Explore the dated events of Persian news articles as one timeline. "
                    "`ruydad extract PATH ...` prints the timeline instead.",
        epilog="Keys: ? in the app. Settings and key remapping: ~/.config/ruydad/config.toml "
               "(or $RUYDAD_CONFIG).")
    parser.add_argument("paths", nargs="*", metavar="PATH",
                        help="articles: .txt or .jsonl files, folders of them, or - for standard input "
                             "(none: the bundled example article); or one archive made by `ruydad index`")
    parser.add_argument("--bidi", choices=BIDI_CHOICES,
                        help="logical: the terminal reorders Persian; visual: ruydad does; "
                             "auto: guess from the terminal (default)")
    parser.add_argument("--calendar", choices=CALENDARS, help="calendar shown first (default jalali)")
    parser.add_argument("--digits", choices=DIGIT_CHOICES,
                        help="auto: Persian digits for Jalali and Hijri dates (default)")
    parser.add_argument("--theme", help="a Textual theme, e.g. textual-light")
    parser.add_argument("--date", help="publication date of every article: 2024-11-30 (Gregorian) or "
                                       "1403/09/10 (Jalali); default: each article's own, else inferred")
    return parser


def inputs_label(paths: Sequence[str]) -> str:
    """What was opened, in a few words: the file or folder name, or how many."""
    if not paths:
        return "the example article"
    names = ["standard input" if path == "-" else os.path.basename(os.path.normpath(path)) or path
             for path in paths]
    return names[0] if len(names) == 1 else f"{names[0]} and {len(names) - 1} more"


def _progress_text(args: tuple[object, ...]) -> str:
    numbers = [a for a in args if isinstance(a, int)]
    if len(numbers) >= 2:
        return f"finding dates… {numbers[0]}/{numbers[1]} documents"
    if numbers:
        return f"finding dates… {numbers[0]} document(s) done"
    return "finding dates…"


class LoadCancelled(Exception):
    """The app quit (or the load was replaced) while loading: stop, ending the worker processes."""


def _cancelled() -> Callable[[], bool]:
    """Whether the Textual worker running this load has been cancelled (the
    app cancels its workers when it quits); never, outside a worker."""
    from textual.worker import NoActiveWorker, get_current_worker

    try:
        worker = get_current_worker()
    except NoActiveWorker:
        return lambda: False
    return lambda: worker.is_cancelled


def timeline_loader(paths: Sequence[str], stdin: bytes | None, published: date | None = None):
    """The loader the app runs in a worker thread: an ``EventStore`` over the
    archive, when PATH is one; else read the inputs, then build the timeline."""

    def load(report):
        if len(paths) == 1 and is_archive(paths[0]):
            return open_archive(paths[0], report)
        from core.documents import iter_documents
        from core.memory_store import MemoryStore
        from core.model import Document

        cancelled = _cancelled()

        def progress(*args: object) -> None:
            # Called once per document: quitting during a long load stops it
            # here, and the worker processes with it, instead of waiting.
            if cancelled():
                raise LoadCancelled
            report.progress(_progress_text(args))

        items: list = []
        documents: list[Document] = []
        problems: list = []
        stream = io.BytesIO(stdin) if stdin is not None else None
        for item in iter_documents(list(paths), stdin=stream):
            items.append(item)
            (documents if isinstance(item, Document) else problems).append(item)
            if len(items) % 100 == 0:
                if cancelled():
                    raise LoadCancelled
                report.progress(f"reading… {len(documents)} documents")
        report.documents(documents, problems)
        report.progress(f"finding dates in {len(documents)} document(s)…")
        from core.timeline import build_timeline  # the slow imports (hazm) happen here, off the UI thread

        return MemoryStore(build_timeline(items, published=published, progress=progress))

    return load


def open_archive(path: str, report):
    """The archive at ``path`` as an ``EventStore``: opened, not read."""
    report.progress(f"opening the archive {path}…")
    try:
        from core.archive import ArchiveStore
    except ImportError as error:
        raise RuntimeError(f"{path} is an archive, but this build cannot open archives ({error})") from None
    return ArchiveStore(path)


def _check_archive_arguments(paths: Sequence[str], published: date | None) -> None:
    """An archive is opened on its own, with the dates it was indexed with."""
    archives = [p for p in paths if p != "-" and is_archive(p)]
    if not archives:
        return
    if len(paths) > 1:
        raise ConfigError(f"{archives[0]} is an archive: open it on its own (index the other inputs into it "
                          "with `ruydad index`)")
    if published is not None:
        raise ConfigError(f"{archives[0]} is an archive: --date applies when articles are read, "
                          "give it to `ruydad index`")


def _settings(parsed: argparse.Namespace) -> Settings:
    from tui.app import binding_owners
    from tui.keymap import all_bindings, check_keymap

    from textual.theme import BUILTIN_THEMES

    path, required = config_path()
    settings = load_settings(path, required)
    check_keymap(settings.keys, str(path), all_bindings(binding_owners()))
    overrides = {name: getattr(parsed, name) for name in ("bidi", "calendar", "digits", "theme")
                 if getattr(parsed, name) is not None}
    settings = replace(settings, **overrides)
    if settings.theme is not None and settings.theme not in BUILTIN_THEMES:
        source = "--theme" if "theme" in overrides else str(path)
        raise ConfigError(f"{source}: no theme {settings.theme!r} (known: {', '.join(sorted(BUILTIN_THEMES))})")
    return settings


def _read_stdin_then_reattach_terminal() -> bytes:
    """All of standard input; then fd 0 is the terminal again, for the keyboard."""
    data = sys.stdin.buffer.read()
    try:
        terminal = os.open("/dev/tty", os.O_RDONLY)
    except OSError:
        raise ConfigError("no terminal to run the app in after reading standard input "
                          "(use `ruydad extract -` in pipelines)") from None
    os.dup2(terminal, 0)
    os.close(terminal)
    return data


def _ansi_only_terminal() -> bool:
    from rich.console import Console

    return Console().color_system in ("standard", "windows")


def run_app(args: list[str]) -> int:
    try:
        parsed = _parser().parse_args(args)
    except SystemExit as stop:  # --help, or a usage error already printed by argparse
        return int(stop.code or 0)
    try:
        settings = _settings(parsed)
        mode = resolve_mode(settings.bidi)
        published = None
        if parsed.date is not None:
            from core.documents import parse_date

            published = parse_date(parsed.date)
        _check_archive_arguments(parsed.paths, published)
        # textual-serve (ruydad serve) runs the app with its web driver, on pipes.
        if not sys.stdout.isatty() and "TEXTUAL_DRIVER" not in os.environ:
            raise ConfigError("the app needs a terminal; use `ruydad extract` to print the timeline")
        stdin = None
        if "-" in parsed.paths:
            if sys.stdin.isatty():
                raise ConfigError("'-' reads an article from standard input, but it is the terminal: pipe one in")
            stdin = _read_stdin_then_reattach_terminal()
    except (ConfigError, ValueError) as error:
        print(f"ruydad: {error}", file=sys.stderr)
        return 2

    from tui.app import RuydadApp

    with ExitStack() as stack:
        paths = list(parsed.paths)
        if not paths:
            paths = [str(stack.enter_context(as_file(files(SEED_PACKAGE) / SEED_ARTICLE)))]
        app = RuydadApp(timeline_loader(paths, stdin, published), settings, visual=mode == "visual",
                        ansi_colors=_ansi_only_terminal(), inputs=inputs_label(parsed.paths),
                        remember_key=inputs_key(parsed.paths))
        app.run()
    return app.return_code or 0
