"""Untrusted text made safe to draw: nothing in it reaches the terminal as a command.

Article text, titles, file names and search queries may hold control
characters or escape sequences (a terminal would act on ``ESC [ …``) and
explicit bidi overrides (which could rearrange what the reader sees). Each
such character is replaced by one visible or inert character, so offsets into
the original text still index the safe text. Rich markup is never parsed:
widgets build ``Text``/``Segment`` objects from plain strings.
"""

from __future__ import annotations

_REPLACEMENTS: dict[int, str] = {code: chr(0x2400 + code) for code in range(0x20)}  # ␀ … ␟
_REPLACEMENTS[0x7F] = "\u2421"  # ␡
_REPLACEMENTS.update({code: "\ufffd" for code in range(0x80, 0xA0)})  # C1 controls: �
# Embeddings, overrides and isolates → WORD JOINER: invisible and inert.
_REPLACEMENTS.update({code: "\u2060" for code in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))})
# Unicode line and paragraph separators: some terminals move the cursor on them.
_REPLACEMENTS.update({0x2028: " ", 0x2029: " "})
# Line breaks are kept for the wrapper (which never draws them); a tab is one space.
_TABLE = str.maketrans(_REPLACEMENTS | {0x0A: "\n", 0x0D: "\r", 0x09: " "})
_LINE_TABLE = str.maketrans(_REPLACEMENTS | {0x0A: " ", 0x0D: " ", 0x09: " "})


def safe_text(text: str) -> str:
    """Same length as ``text``; line breaks kept, tabs as spaces, controls as symbols."""
    return text.translate(_TABLE)


def safe_line(text: str) -> str:
    """Same length as ``text``, on one line: newlines and tabs become spaces."""
    return text.translate(_LINE_TABLE)
