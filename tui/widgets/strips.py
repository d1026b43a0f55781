"""One screen line built from styled pieces, in logical or visual bidi order.

Widgets that draw Persian (the timeline rows, the article, the detail line)
build lines as ``(text, style)`` pieces in reading order and hand them here:
``logical`` draws them as they are, left-aligned, for terminals that reorder
themselves; ``visual`` shapes and reorders them (``tui.bidi``) and aligns
right-to-left lines to the right. Text is cut to the width before reordering,
so what is cut is the end of the sentence, as a reader expects.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip

from tui.bidi import is_rtl, to_visual

Piece = tuple[str, Style]
ELLIPSIS = "…"


def pieces_width(pieces: Sequence[Piece]) -> int:
    return sum(cell_len(text) for text, _ in pieces)


def fit(pieces: Sequence[Piece], width: int) -> list[Piece]:
    """The pieces cut to ``width`` cells, ending in "…" when something was cut."""
    if pieces_width(pieces) <= width:
        return list(pieces)
    if width <= 0:
        return []
    room = width - 1  # for the ellipsis
    kept: list[Piece] = []
    last_style = pieces[0][1] if pieces else Style()
    for text, style in pieces:
        size = cell_len(text)
        last_style = style
        if size <= room:
            kept.append((text, style))
            room -= size
            continue
        cut = []
        for char in text:
            char_size = cell_len(char)
            if char_size > room:
                break
            cut.append(char)
            room -= char_size
        if cut:
            kept.append(("".join(cut), style))
        break
    kept.append((ELLIPSIS, last_style))
    return kept


def pad(pieces: list[Piece], width: int, style: Style, right: bool = False) -> list[Piece]:
    """Pieces filled with spaces to ``width``: on the right, or on the left if ``right``."""
    gap = width - pieces_width(pieces)
    if gap <= 0:
        return pieces
    return [(" " * gap, style), *pieces] if right else [*pieces, (" " * gap, style)]


def visual_pieces(pieces: Sequence[Piece], rtl: bool | None = None) -> list[Piece]:
    """Pieces of one paragraph line shaped and in drawing order (left to right)."""
    text = "".join(t for t, _ in pieces)
    styles: list[Style] = []
    for piece_text, style in pieces:
        styles.extend([style] * len(piece_text))
    drawn, sources = to_visual(text, rtl)
    out: list[Piece] = []
    for char, source in zip(drawn, sources):
        style = styles[source]
        if out and out[-1][1] is style:
            out[-1] = (out[-1][0] + char, style)
        else:
            out.append((char, style))
    return out


def to_strip(pieces: Sequence[Piece], width: int, fill: Style) -> Strip:
    strip = Strip([Segment(text, style) for text, style in pieces if text])
    return strip.adjust_cell_length(width, fill)


def line_strip(pieces: Sequence[Piece], width: int, fill: Style, visual: bool,
               rtl: bool | None = None) -> Strip:
    """A whole line: cut to ``width``; in visual mode shaped, reordered and,
    if right-to-left, aligned right."""
    cut = fit(pieces, width)
    if not visual:
        return to_strip(cut, width, fill)
    if rtl is None:
        rtl = is_rtl("".join(t for t, _ in cut))
    drawn = visual_pieces(cut, rtl)
    return to_strip(pad(drawn, width, fill, right=rtl), width, fill)


def visual_label(text: str, visual: bool) -> str:
    """Text for a place drawn by Textual itself (a notice, a list): each line
    reordered and shaped in visual mode, in the direction of its first strong
    letter (left to right when it has none, as the English around it)."""
    if not visual:
        return text
    return "\n".join(to_visual(line, is_rtl(line, default=False))[0] for line in text.split("\n"))
