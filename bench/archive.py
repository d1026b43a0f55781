"""The archive at scale: ``ruydad index`` against ``ruydad extract`` on the same corpus.

    .venv/bin/python bench/archive.py 10000            # one size
    .venv/bin/python bench/archive.py 10000 100000     # to see how figures grow

Each corpus is built with ../shared/tools/make_corpus.py from ../shared/corpus
(new ids, dates shifted by whole years, sentences rotated, so merging is not
trivial). For each size it prints: index time (wall, and CPU per article:
the time per core), archive size on disk, peak memory of ``index``, a
re-index of the unchanged input, adding 100 new articles (farsnews-dev's
first, under their own ids, so their events merge with the copies'), ``extract --format json`` on the same input
(time and memory), and, in a fresh process as the app would: the time to open
the archive and read the first screen of events (and that process's memory),
the latency of a year filter, of a search and of ``G`` (the last event).
Commands run as subprocesses; memory is each one's peak RSS (``wait4``).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
MAKE_CORPUS = SHARED / "tools" / "make_corpus.py"
CORPUS = SHARED / "corpus"


def run(command: list[str], stdout=subprocess.DEVNULL) -> tuple[float, float, int, int]:
    """Wall seconds, CPU seconds, peak RSS in MiB, exit status of ``command``."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, stdout=stdout, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    err = process.stderr.read().decode("utf-8", "replace") if process.stderr else ""
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        print(f"  {' '.join(command[:3])} … failed ({code}): {err.strip()[-400:]}", file=sys.stderr)
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss // 1024, code


# Runs in a fresh process: what the app does to show its first screen, and then the moves.
_READER = r"""
import json, resource, sys, time
t0 = time.perf_counter()
from core.archive import ArchiveStore
from core.store import Query
from datetime import date
store = ArchiveStore(sys.argv[1])
everything = store.select(Query())
first = everything.page(0, 40)
opened = time.perf_counter() - t0
middle = everything[len(everything) // 2].date.start.year
t = time.perf_counter(); year = store.select(Query(start=date(middle, 1, 1), end=date(middle, 12, 31)))
year.page(0, 40); year_s = time.perf_counter() - t
t = time.perf_counter(); found = store.select(Query(search="تهران")); found.page(0, 40)
search_s = time.perf_counter() - t
t = time.perf_counter(); everything[len(everything) - 1]; everything.page(max(0, len(everything) - 40), 40)
last_s = time.perf_counter() - t
t = time.perf_counter(); everything.matches("تهران"); matches_s = time.perf_counter() - t
print(json.dumps({"open_first_page": opened, "events": len(everything), "first": len(first),
                  "year": year_s, "year_events": len(year), "search": search_s, "search_events": len(found),
                  "last": last_s, "matches": matches_s,
                  "rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024}))
"""


# The same in a fresh process for one article read from its file, as the app opens it today.
_ONE_ARTICLE = r"""
import json, resource, sys, time
t0 = time.perf_counter()
from core.documents import iter_documents
from core.timeline import build_timeline
timeline = build_timeline(iter_documents([sys.argv[1]]))
first = timeline.events[:40]
print(json.dumps({"seconds": time.perf_counter() - t0,
                  "rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024}))
"""


def disk_size(db: Path) -> int:
    return sum(p.stat().st_size for p in db.parent.glob(db.name + "*"))


def bench(size: int, work: Path) -> None:
    corpus = work / f"corpus-{size}.jsonl"
    with corpus.open("w") as out:
        subprocess.run([sys.executable, str(MAKE_CORPUS), str(CORPUS), str(size)], stdout=out, check=True)
    db = work / f"archive-{size}.ruydad"
    ruydad = [sys.executable, "-m", "tui.cli"]
    cores = os.cpu_count() or 1
    print(f"\n{size} articles ({corpus.stat().st_size / 2**20:.0f} MiB of JSON Lines), {cores} cores")

    wall, cpu, rss, _ = run(ruydad + ["index", str(corpus), "--db", str(db)])
    print(f"  index           {wall:7.1f} s  {1000 * wall / size:6.2f} ms/article wall, "
          f"{1000 * cpu / size:6.2f} ms/article CPU (per core), peak {rss} MiB")
    print(f"  archive         {disk_size(db) / 2**20:7.1f} MiB on disk")
    again, _, again_rss, _ = run(ruydad + ["index", str(corpus), "--db", str(db)])
    print(f"  re-index        {again:7.1f} s  ({100 * again / wall:.0f}% of the first run), peak {again_rss} MiB")
    extra = work / "extra.jsonl"
    with (CORPUS / "farsnews-dev.jsonl").open(encoding="utf-8") as source:
        extra.write_text("".join(line for _, line in zip(range(100), source)), encoding="utf-8")
    added, _, _, _ = run(ruydad + ["index", str(extra), "--db", str(db)])
    print(f"  add 100 new     {added:7.1f} s  (their events merged into the archive's timeline)")
    wall_x, cpu_x, rss_x, _ = run(ruydad + ["extract", str(corpus), "--format", "json"])
    print(f"  extract (json)  {wall_x:7.1f} s  {1000 * wall_x / size:6.2f} ms/article wall, "
          f"{1000 * cpu_x / size:6.2f} ms/article CPU, peak {rss_x} MiB")
    wall_a, _, rss_a, _ = run(ruydad + ["extract", str(db), "--format", "json"])
    print(f"  extract ARCHIVE {wall_a:7.1f} s  peak {rss_a} MiB")

    out = subprocess.run([sys.executable, "-c", _READER, str(db)], cwd=ROOT, capture_output=True, text=True)
    if out.returncode != 0:
        print(f"  reader failed: {out.stderr.strip()[-400:]}")
        return
    r = json.loads(out.stdout)
    print(f"  open + first page {1000 * r['open_first_page']:6.0f} ms ({r['events']} events; "
          f"process peak {r['rss_mib']} MiB, imports included)")
    one = subprocess.run([sys.executable, "-c", _ONE_ARTICLE, str(ROOT / "fixtures" / "etemadonline-688273.txt")],
                         cwd=ROOT, capture_output=True, text=True)
    if one.returncode == 0:
        o = json.loads(one.stdout)
        print(f"  (one article from its file today: {1000 * o['seconds']:.0f} ms, peak {o['rss_mib']} MiB)")
    print(f"  year filter     {1000 * r['year']:7.1f} ms ({r['year_events']} events)")
    print(f"  search «تهران»  {1000 * r['search']:7.1f} ms ({r['search_events']} events); "
          f"its positions in the whole list {1000 * r['matches']:.1f} ms")
    print(f"  G (last page)   {1000 * r['last']:7.1f} ms")


def main() -> int:
    if not MAKE_CORPUS.exists() or not CORPUS.exists():
        print(f"bench/archive.py needs {MAKE_CORPUS} and {CORPUS} (the shared corpora); they are absent",
              file=sys.stderr)
        return 1
    sizes = [int(a) for a in sys.argv[1:]] or [10_000]
    with tempfile.TemporaryDirectory(prefix="ruydad-archive-bench-") as work:
        for size in sizes:
            bench(size, Path(work))
    return 0


if __name__ == "__main__":
    sys.exit(main())
