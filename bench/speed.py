"""How fast the whole engine reads Persian: prints figures, asserts nothing.

    .venv/bin/python bench/speed.py [--repeat 200] [--runs 5]

Times ``find_mentions`` (with each document's publication date) on the seed
fixture repeated, and on each ``../shared/corpus/*.jsonl`` file (development
data outside the repository, skipped with a message when absent); then the
cold start of ``ruydad extract`` and the peak memory.
"""

from __future__ import annotations

import argparse
import dataclasses
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEED = ROOT / "fixtures" / "etemadonline-688273.txt"
SEED_DATE = "2024-11-30"
sys.path.insert(0, str(ROOT))

from core.documents import Document, iter_documents, parse_date  # noqa: E402


def engine():
    try:
        from core.timex import find_mentions
    except ImportError as error:
        sys.exit(f"bench/speed.py: cannot time the engine yet: core.timex.find_mentions is missing ({error})")
    return find_mentions


def time_engine(label: str, docs: list[Document], find_mentions) -> None:
    chars = sum(len(d.text) for d in docs)
    utf8 = sum(len(d.text.encode("utf-8")) for d in docs)
    start = time.perf_counter()
    mentions = sum(len(find_mentions(d.text, d.published)) for d in docs)
    seconds = time.perf_counter() - start
    print(f"{label:26} {len(docs):6} docs {chars:>11,} chars {1000 * seconds / len(docs):8.2f} ms/doc "
          f"{chars / seconds:>11,.0f} chars/s {utf8 / seconds / 1e6:6.2f} MB/s {mentions:>7} mentions")


def read(path: Path) -> tuple[list[Document], int, float]:
    start = time.perf_counter()
    items = list(iter_documents([str(path)]))
    docs = [i for i in items if isinstance(i, Document)]
    return docs, len(items) - len(docs), time.perf_counter() - start


def cold_start(runs: int) -> bool:
    exe = Path(sys.executable).parent / "ruydad"
    if not exe.exists():
        print(f"cold start: skipped, no ruydad next to {sys.executable} (run `make test` or `pip install -e .`)")
        return False
    command = [str(exe), "extract", str(SEED), "--format", "json", "--date", SEED_DATE]
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
        times.append(time.perf_counter() - start)
        if done.returncode != 0:
            last = (done.stderr.strip().splitlines() or ["no message"])[-1]
            print(f"cold start: `ruydad extract` failed (exit {done.returncode}): {last}")
            return False
    print(f"cold start of `ruydad extract {SEED.name} --format json`: "
          f"median {1000 * statistics.median(times):.0f} ms of {runs} runs")
    return True


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=200, help="copies of the seed article to time")
    parser.add_argument("--runs", type=int, default=5, help="cold starts to take the median of")
    args = parser.parse_args()
    find_mentions = engine()

    seed = next(d for d in iter_documents([str(SEED)]) if isinstance(d, Document))
    seed = dataclasses.replace(seed, published=parse_date(SEED_DATE))  # the date the cold start passes too
    start = time.perf_counter()
    find_mentions(seed.text, seed.published)  # builds and caches the grammar
    print(f"first call (lexicons, grammar): {1000 * (time.perf_counter() - start):.0f} ms")
    time_engine(f"seed x{args.repeat}", [seed] * args.repeat, find_mentions)

    corpus = sorted((SHARED / "corpus").glob("*.jsonl"))
    if not corpus:
        print(f"corpus: skipped, no {SHARED / 'corpus'}/*.jsonl (development data outside the repository)")
    for path in corpus:
        docs, problems, seconds = read(path)
        print(f"{path.name}: read {len(docs)} documents in {seconds:.2f} s, {problems} problems")
        if docs:
            time_engine(path.name, docs, find_mentions)

    started = cold_start(args.runs)
    scale = 1 if sys.platform == "darwin" else 1024  # ru_maxrss is bytes on macOS, KiB on Linux
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * scale / 2**20
    child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * scale / 2**20
    print(f"peak memory: {own:.0f} MiB this process" + (f", {child:.0f} MiB largest `ruydad extract`" if started else ""))


if __name__ == "__main__":
    main()
