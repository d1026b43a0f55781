"""Benchmark: the whole Fars News development corpus into one timeline.

Reads ``../shared/corpus/farsnews-dev.jsonl`` (beside the repository; not part
of it, and never copied in), builds one timeline with every core, and prints
documents, events, seconds and peak memory, then 30 random events (seeded)
with date and sentence for a person to judge. Not a test: nothing is asserted.

    .venv/bin/python bench/timeline.py [--workers N] [--sample 30] [--seed 7]
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from core.documents import iter_documents  # noqa: E402
from core.export import date_label, display_text  # noqa: E402
from core.timeline import build_timeline  # noqa: E402

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
CORPUS = SHARED / "corpus" / "farsnews-dev.jsonl"


def _peak_mib(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # Linux reports KiB


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=None, help="processes (default: every core)")
    parser.add_argument("--sample", type=int, default=30, help="random events to print")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    if not CORPUS.exists():
        print(f"bench/timeline.py: {CORPUS} is absent (shared development data); nothing to measure.")
        return 0

    def progress(done: int) -> None:
        if sys.stderr.isatty() and done % 25 == 0:
            print(f"\r{done} documents", end="", file=sys.stderr, flush=True)

    began = time.perf_counter()
    timeline = build_timeline(iter_documents([str(CORPUS)]), progress=progress, workers=args.workers)
    seconds = time.perf_counter() - began
    if sys.stderr.isatty():
        print("\r\x1b[K", end="", file=sys.stderr)

    events = timeline.events
    merged = sum(1 for e in events if len(e.sources) > 1)
    inferred = sum(1 for p in timeline.publications.values() if p.inferred)
    chars = sum(len(d.text) for d in timeline.documents)
    print(f"corpus:     {CORPUS}")
    print(f"documents:  {len(timeline.documents)} ({chars:,} characters; {inferred} with an inferred date)")
    print(f"problems:   {len(timeline.problems)}")
    print(f"mentions:   {sum(len(m) for m in timeline.mentions.values())}")
    print(f"events:     {len(events)} ({merged} reported by more than one document, "
          f"{sum(1 for e in events if e.lead)} leads)")
    print(f"seconds:    {seconds:.2f}")
    print(f"peak RSS:   {_peak_mib(resource.RUSAGE_SELF):.0f} MiB (this process), "
          f"{_peak_mib(resource.RUSAGE_CHILDREN):.0f} MiB (largest worker)")
    print()
    rng = random.Random(args.seed)
    for e in sorted(rng.sample(events, min(args.sample, len(events))), key=events.index):
        m = e.date
        flags = " lead" if e.lead else ""
        flags += " inferred" if e.inferred else ""
        print(f"{date_label(m, 'jalali')} | {date_label(m, 'gregorian')} | {m.granularity}{flags}"
              f" | «{display_text(m.text)}» | {e.document}")
        print(f"    {display_text(e.sentence.text)[:300]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
