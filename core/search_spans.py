"""Where a search query occurs in a text, as spans of the original text.

The same matching as the timeline's search (``core.timeline``): letters
folded (Arabic and Persian forms, digit scripts, diacritics), ZWNJ and
spaces ignored. A reader's search for «بتن ریزی» finds «بتن‌ریزی» in the
article, and the span covers the text as written.
"""

from __future__ import annotations

from core.normalize import normalize


def search_spans(text: str, query: str) -> list[tuple[int, int]]:
    """Spans ``(start, end)`` of ``text`` that match ``query``, in order, not overlapping."""
    needle = normalize(query).text.replace(" ", "")
    if not needle:
        return []
    normalized = normalize(text)
    kept = [i for i, char in enumerate(normalized.text) if char != " "]
    squashed = "".join(normalized.text[i] for i in kept)
    spans: list[tuple[int, int]] = []
    position = squashed.find(needle)
    while position >= 0:
        end = position + len(needle)
        spans.append(normalized.to_original_span(kept[position], kept[end - 1] + 1))
        position = squashed.find(needle, end)
    return spans
