"""Search matches found in an article's text, spans of the text as written."""

from __future__ import annotations

import pytest

from core.search_spans import search_spans

ZWNJ = "\u200c"


@pytest.mark.parametrize("text, query, expected", [
    ("نخستین بتن" + ZWNJ + "ریزی انجام شد", "بتن ریزی", ["بتن" + ZWNJ + "ریزی"]),
    ("نخستین بتن" + ZWNJ + "ریزی انجام شد", "بتنريزي", ["بتن" + ZWNJ + "ریزی"]),   # Arabic yeh, no ZWNJ
    ("در ۲۷ نوامبر ۲۰۲۴ رفت", "27 نوامبر", ["۲۷ نوامبر"]),                           # digit scripts
    ("کرج و کرج", "کرج", ["کرج", "کرج"]),
    ("سد تازه", "تهران", []),                                                        # no match
    ("سد تازه", "  ", []),                                                           # an empty query
])
def test_search_spans(text: str, query: str, expected: list[str]) -> None:
    assert [text[a:b] for a, b in search_spans(text, query)] == expected
