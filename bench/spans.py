"""Proves on real text that every span leaving the engine quotes the original.

    python bench/spans.py

Runs the normalizer and the engine over every article of ../shared/corpus
(outside the project) and counts, for each: words of the normalized text that
do not map back to an original slice that folds to the same word, and
mentions whose span does not quote ``text[a:b]``. Both must be zero.
"""

from __future__ import annotations

import json
import re
import sys
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from core.timex import find_mentions  # noqa: E402
from core.normalize import fold, normalize  # noqa: E402

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"


def main() -> int:
    if not CORPUS.exists():
        print(f"no corpus at {CORPUS}: nothing to check")
        return 0
    bad_words = bad_spans = words = mentions = docs = 0
    for path in sorted(CORPUS.glob("*.jsonl")):
        for line in path.open(encoding="utf-8"):
            text = json.loads(line)["text"]
            docs += 1
            nt = normalize(text)
            for m in re.finditer(r"\S+", nt.text):
                words += 1
                a, b = nt.to_original_span(*m.span())
                if fold(text[a:b]) != m.group(0):
                    bad_words += 1
            for mention in find_mentions(text, date(2015, 1, 1)):
                mentions += 1
                a, b = mention.span
                if text[a:b] != mention.text or not 0 <= a < b <= len(text):
                    bad_spans += 1
    print(f"{docs} articles, {words:,} words, {mentions:,} mentions")
    print(f"words that do not map back: {bad_words}; mention spans that do not quote the text: {bad_spans}")
    return 1 if bad_words or bad_spans else 0


if __name__ == "__main__":
    sys.exit(main())
