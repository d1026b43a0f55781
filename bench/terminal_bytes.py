"""Bytes the explorer sends to the terminal per key press, run by hand:
``python bench/terminal_bytes.py [--docs N] [--size 120x40] [--bidi visual]``.

Over SSH every byte of a screen update crosses the link, so this counts what
a key costs there. The real command runs in a pseudo-terminal on the first N
documents of ``../shared/corpus/farsnews-dev.jsonl`` (read from there, written
to a temporary file, never copied into the project); once the events are
listed, each key is pressed in turn and everything the app writes until it
goes quiet is counted. Prints median / 95th percentile / max bytes per key.
It asserts nothing. Without ../shared it says so.
"""

from __future__ import annotations

import argparse
import fcntl
import math
import os
import pty
import select
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "farsnews-dev.jsonl"
KEYS = [b"j"] * 30 + [b"k"] * 10 + [b"\x1b[6~"] * 5 + [b"]"] * 5 + [b"D"] * 5 + [b"\r", b"n", b"n", b"\x1b"]
QUIET = 0.25  # seconds without output: the update is complete


def percentile(values: list[int], fraction: float) -> int:
    ordered = sorted(values)
    return ordered[max(math.ceil(fraction * len(ordered)) - 1, 0)]


def read_until_quiet(master: int, quiet: float = QUIET, limit: float = 10.0) -> bytes:
    seen = b""
    start = last = time.perf_counter()
    while time.perf_counter() - last < quiet and time.perf_counter() - start < limit:
        ready, _, _ = select.select([master], [], [], 0.02)
        if ready:
            try:
                chunk = os.read(master, 65536)
            except OSError:
                break
            seen += chunk
            last = time.perf_counter()
    return seen


def measure(path: Path, size: tuple[int, int], bidi: str) -> None:
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", size[1], size[0], 0, 0))
    env = {**os.environ, "TERM": "xterm-256color", "RUYDAD_CONFIG": os.devnull,
           "XDG_STATE_HOME": tempfile.mkdtemp(prefix="ruydad-bench-state-")}
    env.pop("NO_COLOR", None)
    process = subprocess.Popen(
        [sys.executable, "-c", "import sys; from tui.cli import main; sys.exit(main())", "--bidi", bidi, str(path)],
        stdin=slave, stdout=slave, stderr=slave, env=env, cwd=ROOT, close_fds=True)
    os.close(slave)
    seen = b""
    deadline = time.perf_counter() + 120
    while b" events" not in seen and time.perf_counter() < deadline and process.poll() is None:
        seen += read_until_quiet(master, quiet=0.5)
    seen += read_until_quiet(master, quiet=1.0)
    print(f"first screen: {len(seen)} bytes")
    sizes: list[int] = []
    for key in KEYS:
        os.write(master, key)
        sizes.append(len(read_until_quiet(master)))
        if os.environ.get("BENCH_VERBOSE"):
            print(repr(key), sizes[-1])
    os.write(master, b"q")
    try:
        process.wait(timeout=5)
    except subprocess.TimeoutExpired:
        process.kill()
    os.close(master)
    print(f"bytes per key press at {size[0]}×{size[1]}, bidi {bidi} ({len(sizes)} presses): "
          f"median {statistics.median(sizes):.0f}, 95th {percentile(sizes, 0.95)}, max {max(sizes)}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=40, help="documents of the corpus to open (default 40)")
    parser.add_argument("--size", default="120x40")
    parser.add_argument("--bidi", choices=("visual", "logical"), default="visual")
    args = parser.parse_args()
    if not CORPUS.is_file():
        print(f"{CORPUS} is absent: this benchmark needs it; skipped.")
        return 0
    cols, rows = (int(n) for n in args.size.split("x"))
    with tempfile.TemporaryDirectory() as folder:
        subset = Path(folder) / "subset.jsonl"
        with open(CORPUS, encoding="utf-8") as source, open(subset, "w", encoding="utf-8") as out:
            for number, line in enumerate(source):
                if number >= args.docs:
                    break
                out.write(line)
        measure(subset, (cols, rows), args.bidi)
    return 0


if __name__ == "__main__":
    sys.exit(main())
