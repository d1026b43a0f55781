"""``ruydad serve [PATH ...]``: the explorer in a web browser, for people without a terminal.

An optional extra (``pip install 'ruydad[serve]'``, textual-serve): each
browser tab runs its own ``ruydad`` on the server. The browser's terminal
(xterm.js) does not reorder right-to-left text, so the app runs in visual
bidi mode there. Without the extra, one line says how to get it (status 2).
"""

from __future__ import annotations

import argparse
import shlex
import sys
from collections.abc import Sequence
from pathlib import Path


def served_command(paths: Sequence[str], python: str = sys.executable) -> str:
    """The command each browser tab runs: this Python, the app, visual bidi,
    the inputs as absolute paths (the server may start it elsewhere)."""
    named = [str(Path(p).resolve()) for p in paths]
    return shlex.join([python, "-m", "tui.cli", "--bidi", "visual", *named])


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="ruydad serve",
                                     description="Serve the timeline explorer to a web browser (textual-serve).")
    parser.add_argument("paths", nargs="*", metavar="PATH",
                        help="articles: .txt or .jsonl files or folders (none: the bundled example article)")
    parser.add_argument("--host", default="localhost", help="address to listen on (default localhost)")
    parser.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    return parser


def run_serve(argv: list[str]) -> int:
    try:
        args = _parser().parse_args(argv)
    except SystemExit as stop:
        return int(stop.code or 0)
    if "-" in args.paths:
        print("ruydad serve: standard input cannot be served; give files or folders", file=sys.stderr)
        return 2
    missing = [p for p in args.paths if not Path(p).exists()]
    if missing:
        print(f"ruydad serve: no such file or folder: {missing[0]}", file=sys.stderr)
        return 2
    try:
        from textual_serve.server import Server
    except ImportError:
        print("ruydad serve: the browser view is an optional extra: pip install 'ruydad[serve]' "
              "(or textual-serve)", file=sys.stderr)
        return 2
    server = Server(served_command(args.paths), host=args.host, port=args.port, title="ruydad")
    print(f"ruydad serve: open http://{args.host}:{args.port} in a browser; Ctrl+C stops", file=sys.stderr)
    server.serve()
    return 0
