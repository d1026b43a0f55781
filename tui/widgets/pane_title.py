"""A one-line pane title. Its size is fixed by CSS, so changing the words
repaints one line instead of laying out the screen again (as ``Static.update``
does); words that do not fit end in "…". A right-to-left title in visual bidi
mode is reordered and aligned right, like the article under it."""

from __future__ import annotations

from textual.strip import Strip
from textual.widget import Widget

from tui.widgets.strips import line_strip


class PaneTitle(Widget):
    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.text = ""
        self.visual = False

    def show(self, text: str, visual: bool = False) -> None:
        if (text, visual) != (self.text, self.visual):
            self.text, self.visual = text, visual
            self.refresh()

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        style = self.rich_style
        if y > 0:
            return Strip.blank(width, style)
        return line_strip([(self.text, style)], width, style, visual=self.visual)
