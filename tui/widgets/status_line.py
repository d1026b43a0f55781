"""One line about where the reader is: position, search, filter, inputs.

``37/1357`` (the selected event and how many are shown), ``search «…» 3/54``
(which match the selection is on), the filter in force with the key that
clears it, and what was opened. Parts that do not fit are left out from the
end (the inputs first); the filter is never cut before them. Persian values
(a searched word, an actor) are drawn in their own direction, reordered in
visual bidi mode; the line itself reads left to right.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.strip import Strip
from textual.widget import Widget

from tui.bidi import is_rtl
from tui.widgets.safe_text import safe_line
from tui.widgets.strips import Piece, fit, pieces_width, to_strip, visual_pieces

_SEPARATOR = " │ "


@dataclass(frozen=True, slots=True)
class Status:
    position: int = 0  # 1-based; 0: nothing selected
    shown: int = 0
    total: int = 0
    search: str = ""
    match: int = 0  # 1-based index of the selected event among the matches; 0: not on a match
    matches: int = 0
    filter: str = ""
    clear_key: str = "F"
    inputs: str = ""
    note: str = ""  # loading progress, problems


class StatusLine(Widget):
    COMPONENT_CLASSES = {"status-line--label", "status-line--value"}

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.status = Status()
        self.visual = False

    def show(self, status: Status, visual: bool) -> None:
        if (status, visual) != (self.status, self.visual):
            self.status, self.visual = status, visual
            self.refresh()

    @property
    def text(self) -> str:
        """What the line says, in reading order (for tests and screen readers)."""
        return "".join(text for part in self._parts(logical=True) for text, _ in part)

    def _value(self, text: str, logical: bool) -> list[Piece]:
        style = self.rich_style + self.get_component_rich_style("status-line--value")
        text = safe_line(text)
        if self.visual and not logical:
            return visual_pieces([(text, style)], is_rtl(text, default=False))
        return [(text, style)]

    def _parts(self, logical: bool = False) -> list[list[Piece]]:
        status = self.status
        label = self.rich_style + self.get_component_rich_style("status-line--label")
        plain = self.rich_style
        parts: list[list[Piece]] = []
        if status.shown or status.total:
            position = f"{status.position}/{status.shown}" if status.position else f"–/{status.shown}"
            of_total = f" of {status.total}" if status.total != status.shown else ""
            parts.append([(" " + position, plain), (of_total + " events", label)])
        if status.search:
            where = f"{status.match}/{status.matches}" if status.match else f"–/{status.matches}"
            parts.append([("search «", label), *self._value(status.search, logical), ("» ", label),
                          (where, plain), (" n N", label)])
        if status.filter:
            parts.append([("filter ", label), *self._value(status.filter, logical),
                          (f" ({status.clear_key} clears)", label)])
        if status.note:
            parts.append([(status.note, label)])
        if status.inputs:
            parts.append([*self._value(status.inputs, logical)])
        return parts

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        style = self.rich_style
        if y > 0:
            return Strip.blank(width, style)
        pieces: list[Piece] = []
        for part in self._parts():
            entry = ([(_SEPARATOR, style)] if pieces else []) + part
            if pieces and pieces_width(pieces) + pieces_width(entry) > width:
                break  # whole parts only, the first ones matter most
            pieces.extend(entry)
        return to_strip(fit(pieces, width), width, style)
