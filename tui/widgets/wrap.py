"""Word wrapping that keeps offsets, so a span in the text maps to screen lines.

The article is wrapped in logical order first; ``visual`` bidi mode then
reorders each line on its own (wrapping after reordering would cut a
right-to-left sentence from its end).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence

from rich.cells import cell_len

_BREAK = re.compile(r"\r\n|\r|\n")
_TOKEN = re.compile(r"\S+\s*|\s+")


def _hard_split(text: str, start: int, end: int, width: int) -> list[tuple[int, int]]:
    """A word longer than the line, cut at the last character that fits."""
    lines = []
    line_start, used = start, 0
    for index in range(start, end):
        size = cell_len(text[index])
        if used + size > width and index > line_start:
            lines.append((line_start, index))
            line_start, used = index, 0
        used += size
    lines.append((line_start, end))
    return lines


def wrap(text: str, width: int) -> list[tuple[int, int]]:
    """Screen lines of ``text`` at ``width`` cells, as ``(start, end)`` offsets.

    Lines break at spaces (a line's trailing spaces may pass the width; they
    are not drawn), at line breaks (not included in any line) and inside a
    word only when it alone is wider than the line. An empty paragraph gives
    one empty line.
    """
    width = max(width, 1)
    lines: list[tuple[int, int]] = []
    paragraph_start = 0
    for brk in [*_BREAK.finditer(text), None]:
        paragraph_end = len(text) if brk is None else brk.start()
        line_start, used = paragraph_start, 0
        for token in _TOKEN.finditer(text, paragraph_start, paragraph_end):
            word = token.group().rstrip()
            word_size = cell_len(word)
            if used + word_size > width and token.start() > line_start:
                lines.append((line_start, token.start()))
                line_start, used = token.start(), 0
            if word_size > width:
                pieces = _hard_split(text, token.start(), token.start() + len(word), width)
                lines.extend(pieces[:-1])
                line_start = pieces[-1][0]
                used = cell_len(text[line_start:token.start() + len(word)])
            else:
                used += word_size
            used += cell_len(token.group()[len(word):])
        lines.append((line_start, paragraph_end))
        if brk is None:
            break
        paragraph_start = brk.end()
    return lines


def line_of(lines: Sequence[tuple[int, int]], offset: int) -> int:
    """Index of the line that holds ``offset`` (the last line for the text's end)."""
    starts = [start for start, _ in lines]
    return max(bisect_right(starts, offset) - 1, 0)
