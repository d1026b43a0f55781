"""Stopping and parallel speed of ``ruydad extract``: prints figures, asserts nothing.

    .venv/bin/python bench/isolation.py [--articles 10000] [--stops 3]

Builds a corpus of ``--articles`` articles with ``../shared/tools/make_corpus.py``
from ``../shared/corpus`` (development data outside the repository; without
it a corpus is generated here, and the output says so). Then:
- ``extract --format json`` on it with ``--workers 1`` and ``--workers 2``:
  wall time, CPU time of the process tree, peak memory of the largest process;
- SIGINT and SIGTERM sent while it works: time from the signal to exit, exit
  status, lines on stderr, and worker processes still alive afterwards.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
MAKE_CORPUS = SHARED / "tools" / "make_corpus.py"
CORPUS = SHARED / "corpus"
COMMAND = [sys.executable, "-c", "import sys; from tui.cli import main; sys.exit(main())", "extract"]
MONTHS = ["فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور", "مهر", "آبان", "آذر", "دی", "بهمن", "اسفند"]


def build_corpus(path: Path, articles: int) -> str:
    if MAKE_CORPUS.exists() and (CORPUS / "farsnews-dev.jsonl").exists():
        with path.open("w", encoding="utf-8") as out:
            subprocess.run([sys.executable, str(MAKE_CORPUS), str(CORPUS), str(articles)], stdout=out, check=True)
        return f"{articles} articles from make_corpus.py on {CORPUS}"
    with path.open("w", encoding="utf-8") as out:
        for n in range(articles):
            text = " ".join(f"شورای شهر {n} در {1 + (n + k) % 28} {MONTHS[(n + k) % 12]} {1390 + k} طرح {k} را "
                            "تصویب کرد و گزارش آن را منتشر کرد." for k in range(12))
            out.write(json.dumps({"id": f"n{n}", "date": "2024-01-01", "text": text}, ensure_ascii=False) + "\n")
    return f"{articles} generated articles ({CORPUS} is absent: not comparable with runs on the shared corpus)"


def children(pid: int) -> set[int]:
    found = set()
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    if int(f.read().rsplit(")", 1)[1].split()[1]) == pid:
                        found.add(int(entry))
            except (OSError, IndexError, ValueError):
                pass
    return found


def time_extract(corpus: Path, workers: int) -> None:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    result = subprocess.run([*COMMAND, str(corpus), "--format", "json", "--workers", str(workers)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    problems = len(result.stderr.decode("utf-8", errors="replace").splitlines())
    print(f"extract --workers {workers}: {wall:6.1f} s wall, {cpu:6.1f} s CPU (all processes), "
          f"peak RSS of one process {after.ru_maxrss / 1024:6.0f} MiB, exit {result.returncode}, "
          f"{problems} problem line(s)")


def time_stop(corpus: Path, signum: int, after: float) -> None:
    proc = subprocess.Popen([*COMMAND, str(corpus), "--format", "json", "--workers", "2"], cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    workers: set[int] = set()
    deadline = time.monotonic() + 60
    while len(workers) < 2 and time.monotonic() < deadline and proc.poll() is None:
        workers |= children(proc.pid)
        time.sleep(0.02)
    time.sleep(after)
    if proc.poll() is not None:
        print(f"{signal.Signals(signum).name}: the run ended before the signal; use more --articles")
        return
    sent = time.perf_counter()
    proc.send_signal(signum)
    try:
        _, err = proc.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        proc.kill()
        print(f"{signal.Signals(signum).name}: still running 60 s after the signal (killed)")
        return
    took = time.perf_counter() - sent
    time.sleep(0.2)
    left = [p for p in workers if os.path.exists(f"/proc/{p}")]
    lines = err.decode("utf-8", errors="replace").splitlines()
    traceback = any("Traceback" in line for line in lines)
    print(f"{signal.Signals(signum).name:7} {after:3.1f} s after the workers started: exit {proc.returncode} "
          f"{1000 * took:7.1f} ms after the signal; stderr {lines!r}{' WITH A TRACEBACK' if traceback else ''}; "
          f"workers seen {len(workers)}, alive after exit {len(left)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--stops", type=int, default=3, help="signals of each kind, at different moments")
    args = parser.parse_args()
    # Other work on the machine slows the two-worker run most: say how busy it is.
    print(f"usable cores: {len(os.sched_getaffinity(0))}; load average {os.getloadavg()[0]:.1f}")
    with tempfile.TemporaryDirectory() as folder:
        corpus = Path(folder) / "corpus.jsonl"
        print("corpus:", build_corpus(corpus, args.articles), f"({corpus.stat().st_size / 2**20:.1f} MiB)")
        for workers in (1, 2):
            time_extract(corpus, workers)
        for k in range(args.stops):
            for signum in (signal.SIGINT, signal.SIGTERM):
                time_stop(corpus, signum, after=0.5 * k)


if __name__ == "__main__":
    main()
