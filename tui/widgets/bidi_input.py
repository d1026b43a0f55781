"""A one-line input that shows typed Persian in visual bidi mode.

Textual's ``Input`` draws its value in logical order: fine on a terminal that
reorders, unreadable (reversed, unjoined letters) on one that does not. In
visual mode this input draws the value — with the completion, the selection
and the cursor — shaped and reordered like every other line, while the value
and the cursor stay logical: keys move through the text in reading order and
the cursor is drawn on the cell where that character now stands.
"""

from __future__ import annotations

import unicodedata

from rich.cells import cell_len
from textual import events
from textual.strip import Strip
from textual.widgets import Input

from tui.bidi import is_rtl, to_visual
from tui.widgets.safe_text import safe_line
from tui.widgets.strips import Piece, pad, to_strip


def _has_rtl(text: str) -> bool:
    return any(unicodedata.bidirectional(char) in ("R", "AL") for char in text)


class BidiInput(Input):
    """``Input`` with a ``visual`` switch (set by the screen that owns it)."""

    def __init__(self, *args, visual: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.visual = visual

    def on_key(self, event: events.Key) -> None:
        # The app hands each key to the input focused when the key arrives,
        # and Tab's binding would run only once Tab has bubbled back up to the
        # app: the keys typed after a Tab in the same burst would already be
        # queued here. So Tab moves the focus at once, and keys that reach
        # this input after the focus left it go on to the input now focused.
        # (prevent_default: Input's own handler then does not type the key here.)
        focused = self.screen.focused
        if focused is not None and focused is not self:
            event.stop()
            event.prevent_default()
            focused.post_message(events.Key(event.key, event.character))
            return
        if event.key in ("tab", "shift+tab"):
            event.stop()
            event.prevent_default()
            if event.key == "tab":
                self.screen.focus_next()
            else:
                self.screen.focus_previous()

    def render_line(self, y: int) -> Strip:
        shown = self.value + self._shown_suggestion()
        if y != 0 or not self.visual or self.password or not _has_rtl(shown):
            return super().render_line(y)
        return self._visual_line(shown)

    def _shown_suggestion(self) -> str:
        suggestion = self._suggestion  # Input keeps the completion only here (read, never written)
        if self.has_focus and len(suggestion) > len(self.value):
            return suggestion[len(self.value):]
        return ""

    def _visual_line(self, shown: str) -> Strip:
        width = self.scrollable_content_region.width
        base = self.rich_style
        value_style = base
        suggestion_style = base + self.get_component_rich_style("input--suggestion")
        cursor_style = base + self.get_component_rich_style("input--cursor")
        selection_style = base + self.get_component_rich_style("input--selection")
        text = safe_line(shown)
        cursor = self.cursor_position
        if cursor >= len(text):
            text += " "  # the cursor after the last character
        styles = [value_style if i < len(self.value) else suggestion_style for i in range(len(text))]
        if self.has_focus:
            if not self.selection.is_empty:
                start, end = sorted(self.selection)
                for i in range(start, min(end, len(text))):
                    styles[i] = styles[i] + selection_style
            if cursor < len(text):  # drawn steadily: a blink would repaint the line twice a second
                styles[cursor] = styles[cursor] + cursor_style
        rtl = is_rtl(text)
        drawn, sources = to_visual(text, rtl)
        cells: list[Piece] = [(char, styles[source]) for char, source in zip(drawn, sources)]
        if sum(cell_len(char) for char, _ in cells) > width:  # too long: the part around the cursor
            at = sources.index(cursor) if cursor in sources else 0
            first = min(max(at - width // 2, 0), max(len(cells) - width, 0))
            cells = cells[first:first + width]
            while sum(cell_len(char) for char, _ in cells) > width:
                cells.pop()
        return to_strip(pad(cells, width, base, right=rtl), width, base)
