"""Benchmark: what the events of a corpus are, and what lemmas change in merging.

Reads ``../shared/corpus/farsnews-dev.jsonl`` (beside the repository; not
part of it, never copied in) or the JSON Lines files given, builds the
timeline twice — merging on hazm's lemmas, then on surface words — and
prints events by kind and by how they are dated, the share dated by
«امروز», reports merged each way, and a seeded sample of events
with their sentences for a person to judge. Not a test: nothing is asserted.

    .venv/bin/python bench/events.py [FILE.jsonl ...] [--sample 50] [--seed 9] [--limit N]
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import time
from collections import Counter
from itertools import islice
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import core.timeline as timeline_module  # noqa: E402
from core.documents import iter_documents  # noqa: E402
from core.export import display_text, jalali_label  # noqa: E402
from core.normalize import fold  # noqa: E402

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
CORPUS = SHARED / "corpus" / "farsnews-dev.jsonl"


def _build(paths: list[str], limit: int | None, lemmas: bool):
    timeline_module.MERGE_ON_LEMMAS = lemmas
    began = time.perf_counter()
    documents = islice(iter_documents(paths), limit) if limit else iter_documents(paths)
    tl = timeline_module.build_timeline(documents, workers=1)
    return tl, time.perf_counter() - began


def _merged(tl) -> tuple[int, int]:
    """Events with more than one report, and reports joined into them."""
    merged = [e for e in tl.events if len(e.sources) > 1]
    return len(merged), sum(len(e.sources) - 1 for e in merged)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*")
    parser.add_argument("--sample", type=int, default=50)
    parser.add_argument("--seed", type=int, default=9)
    parser.add_argument("--limit", type=int, default=None, help="first N documents only")
    args = parser.parse_args()
    paths = args.paths or [str(CORPUS)]
    missing = [p for p in paths if not Path(p).exists()]
    if missing:
        print(f"bench/events.py: {', '.join(missing)} absent (shared development data); nothing to measure.")
        return 0

    tl, seconds = _build(paths, args.limit, lemmas=True)
    surface, surface_seconds = _build(paths, args.limit, lemmas=False)
    events = tl.events
    total = len(events) or 1
    today = sum(1 for e in events if fold(e.date.text).replace(" ", "") == "امروز")
    undated = sum(1 for p in tl.publications.values() if p.date is None)
    print(f"corpus:      {', '.join(paths)}")
    print(f"documents:   {len(tl.documents)} ({undated} undated)")
    print(f"events:      {len(events)}")
    print("kinds:       " + ", ".join(f"{k} {n}" for k, n in Counter(e.kind for e in events).most_common()))
    print("dated:       " + ", ".join(f"{k} {n}" for k, n in Counter(
        "lead" if e.lead and not e.date.text else e.basis for e in events).most_common()))
    print(f"«امروز»:     {today} ({today / total:.1%} of events)")
    with_lemmas, without = _merged(tl), _merged(surface)
    print(f"merged:      lemmas {with_lemmas[0]} events ({with_lemmas[1]} reports joined), "
          f"surface words {without[0]} events ({without[1]} reports joined)")
    print(f"seconds:     {seconds:.1f} with lemmas, {surface_seconds:.1f} with surface words")
    # Drawn by a hash of what an event is (document, sentence, date as written), so a
    # change elsewhere in the corpus leaves the rest of the sample as it was.
    def draw(e) -> str:
        return hashlib.sha256(f"{args.seed}|{e.document}|{e.sentence.index}|{e.date.text}".encode()).hexdigest()

    sample = sorted(events, key=draw)[:args.sample]
    sample.sort(key=events.index)
    print(f"\n{len(sample)} sampled events (seed {args.seed}): kind, basis, Jalali date, «date», sentence, reason")
    for n, e in enumerate(sample, start=1):
        when = jalali_label(e.date.start, e.date.end, e.date.granularity)
        print(f"{n:2}. {e.id} {e.kind}/{e.basis}{' lead' if e.lead else ''} {when} "
              f"«{display_text(e.date.text)}» {display_text(e.sentence.text)[:220]}")
        if e.reason:
            print(f"    ({display_text(e.reason)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
