"""A one-line pane title. Its size is fixed by CSS, so changing the words
repaints one line instead of laying out the screen again (as ``Static.update``
does); words that do not fit end in "…". A right-to-left title in visual bidi
mode is reordered and aligned right, like the article under it."""

from __future__ import annotations

from rich.cells import cell_len
from textual.strip import Strip
from textual.widget import Widget

from tui.bidi import is_rtl
from tui.widgets.strips import fit, line_strip, pad, to_strip, visual_pieces


class PaneTitle(Widget):
    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.text = ""
        self.kept = ""
        self.visual = False

    def show(self, text: str, kept: str = "", visual: bool = False) -> None:
        """``text``, then ``kept``, which is never cut (``text`` ends in "…" first)."""
        if (text, kept, visual) != (self.text, self.kept, self.visual):
            self.text, self.kept, self.visual = text, kept, visual
            self.refresh()

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        style = self.rich_style
        if y > 0:
            return Strip.blank(width, style)
        kept = self.kept if cell_len(self.kept) < width else ""
        head = fit([(self.text, style)], width - cell_len(kept))
        if not (self.visual and kept and is_rtl(self.text)):
            return line_strip([*head, (kept, style)], width, style, visual=self.visual)
        # Right to left: the title at the right, the dates after it at the left,
        # each reordered on its own (as one paragraph the cut would mix them).
        drawn = [*visual_pieces([(kept, style)], True), *visual_pieces(head, True)]
        return to_strip(pad(drawn, width, style, right=True), width, style)
