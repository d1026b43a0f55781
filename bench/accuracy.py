"""Span accuracy of the time engine on annotated Persian sentences.

    python bench/accuracy.py [--show 25] [--set peyma|parstdex]

Reads ../shared/data/peyma-dev.jsonl and parstdex-cases.jsonl (outside the
project; they are never copied in). Prints precision / recall / F1 with exact
and with overlap matching, false alarms per 20 sentences that have no gold
span, and the most frequent misses and false alarms so they can be read.
Each score is given with a fixed publication date (2017-03-01) and with none
(relative expressions are then unresolved mentions: same spans expected),
and per type of mention: PEYMA's DAT against dates, its TIM against times of
day; parstdex's DATETIME against every type. Only spans are scored here
(values are checked by tests/cases).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from core.timex import find_mentions  # noqa: E402

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data"
ANCHOR = date(2017, 3, 1)


def spans_found(text: str, types: tuple[str, ...], published: date | None) -> list[tuple[int, int]]:
    return sorted(m.span for m in find_mentions(text, published) if _type(m) in types)


def _type(m) -> str:
    """«سه سال گذشته» is a duration counted from the publication date: an
    interval, which PEYMA annotates as a date."""
    return "date" if m.type == "duration" and m.relative else m.type


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def score(rows: list[dict], labels: set[str], types: tuple[str, ...], published: date | None, show: int,
          name: str) -> None:
    tp_exact = tp_overlap_gold = tp_overlap_pred = n_gold = n_pred = 0
    empty_sentences = false_in_empty = 0
    missed: Counter[str] = Counter()
    false: Counter[str] = Counter()
    for row in rows:
        text = row["text"]
        gold = [(d["start"], d["end"]) for d in row["dates"] if d["label"] in labels]
        other = [(d["start"], d["end"]) for d in row["dates"] if d["label"] not in labels]
        pred = [p for p in spans_found(text, types, published) if not any(overlaps(p, o) for o in other)]
        n_gold += len(gold)
        n_pred += len(pred)
        tp_exact += len(set(gold) & set(pred))
        for g in gold:
            if any(overlaps(g, p) for p in pred):
                tp_overlap_gold += 1
            else:
                missed[text[g[0]:g[1]]] += 1
        for p in pred:
            if any(overlaps(g, p) for g in gold):
                tp_overlap_pred += 1
            else:
                false[text[p[0]:p[1]]] += 1
        if not row["dates"]:
            empty_sentences += 1
            false_in_empty += len(pred)

    def prf(tp_p: int, tp_g: int) -> str:
        p = tp_p / n_pred if n_pred else 0.0
        r = tp_g / n_gold if n_gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return f"P {p:.3f}  R {r:.3f}  F1 {f:.3f}"

    print(f"== {name}: {len(rows)} sentences, {n_gold} gold spans, {n_pred} found")
    print(f"   exact    {prf(tp_exact, tp_exact)}")
    print(f"   overlap  {prf(tp_overlap_pred, tp_overlap_gold)}")
    if empty_sentences:
        print(f"   false alarms per 20 sentences with no date: {20 * false_in_empty / empty_sentences:.2f}"
              f" ({false_in_empty} in {empty_sentences})")
    if show:
        print("   most missed:", "; ".join(f"{t} ×{n}" for t, n in missed.most_common(show)))
        print("   most false: ", "; ".join(f"{t} ×{n}" for t, n in false.most_common(show)))


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--show", type=int, default=20)
    ap.add_argument("--set", choices=["peyma", "parstdex", "all"], default="all")
    a = ap.parse_args()
    if not SHARED.exists():
        print(f"no development data at {SHARED}: nothing to measure")
        return 0
    for published in (ANCHOR, None):
        when = f"publication date {published}" if published else "no publication date"
        if a.set in ("peyma", "all"):
            rows = [json.loads(line) for line in (SHARED / "peyma-dev.jsonl").open(encoding="utf-8")]
            score(rows, {"DAT"}, ("date",), published, a.show, f"PEYMA dev, DAT vs dates, {when}")
            score(rows, {"TIM"}, ("time",), published, 0, f"PEYMA dev, TIM vs times, {when}")
            score(rows, {"DAT", "TIM"}, ("date", "time"), published, 0, f"PEYMA dev, DAT+TIM vs dates+times, {when}")
            score(rows, {"DAT", "TIM"}, ("date", "time", "duration", "set"), published, 0,
                  f"PEYMA dev, DAT+TIM vs every type, {when}")
        if a.set in ("parstdex", "all"):
            rows = [json.loads(line) for line in (SHARED / "parstdex-cases.jsonl").open(encoding="utf-8")]
            score(rows, {"DATETIME"}, ("date", "time", "duration", "set"), published, a.show,
                  f"parstdex cases (dates, times, durations) vs every type, {when}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
