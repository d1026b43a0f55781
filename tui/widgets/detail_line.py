"""Two lines about the selected event: its full date, then who, where and from where.

Line one: the date in all three calendars (the first calendar first), the
interval of days, the granularity and qualifiers. Line two: the event's kind
and how its date was found (the expression as written, or the reason: «dated
by «دیروز» from the publication date 1403/09/10»), actors, places and
sources (with their count when several articles report it). Each Persian value is drawn on its own (reordered in
visual bidi mode); the line itself reads left to right.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from rich.style import Style
from textual.strip import Strip
from textual.widget import Widget

from core.model import Event
from tui.bidi import is_rtl
from tui.widgets.date_labels import DateDisplay, full_date, qualifiers
from tui.widgets.safe_text import safe_line
from tui.widgets.strips import Piece, fit, to_strip, visual_pieces

_SEPARATOR = " │ "
_QUOTED = re.compile(r"(«[^»]*»)")


class DetailLine(Widget):
    """The selected event's full date, actors, places and sources."""

    COMPONENT_CLASSES = {"detail-line--label", "detail-line--date", "detail-line--quote"}

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.event: Event | None = None
        self.display_options = DateDisplay()
        self.visual = False
        self.document_tags: Mapping[str, str] = {}
        self.message = ""

    def show(self, event: Event | None, display: DateDisplay, visual: bool,
             document_tags: Mapping[str, str], message: str = "") -> None:
        self.event, self.display_options, self.visual = event, display, visual
        self.document_tags, self.message = document_tags, message
        self.refresh()

    def _value(self, text: str, style: Style) -> list[Piece]:
        text = safe_line(text)
        if self.visual and is_rtl(text):
            return visual_pieces([(text, style)], True)
        return [(text, style)]

    def _lines(self) -> list[list[Piece]]:
        base = self.rich_style
        label = base + self.get_component_rich_style("detail-line--label")
        date_style = base + self.get_component_rich_style("detail-line--date")
        quote = base + self.get_component_rich_style("detail-line--quote")
        event = self.event
        if event is None:
            return [[(self.message or "no event selected", label)], []]
        first: list[Piece] = []
        for number, text in enumerate(full_date(event, self.display_options)):
            if number:
                first.append((" · ", label))
            first.extend(self._value(text, date_style))
        mention = event.date
        if mention.start != mention.end:
            first.append((_SEPARATOR + f"{mention.start.isoformat()}…{mention.end.isoformat()}", base))
        first.append((_SEPARATOR + ", ".join(qualifiers(event)), base))
        if event.reason:
            # How the date was found («dated by «دیروز» from the publication date 1403/09/10»):
            # its Persian quotes drawn each on its own, like every Persian value.
            second = [(f"{event.kind}: ", label)]
            for part in _QUOTED.split(event.reason):
                if part.startswith("«"):
                    second.extend(self._value(part, quote))
                elif part:
                    second.append((safe_line(part), label))
        elif mention.text:
            second: list[Piece] = [(f"{event.kind}: written ({mention.calendar}) ", label),
                                   *self._value(f"«{mention.text}»", quote)]
        else:  # a lead: dated by the article itself, not by words in it
            second = [(f"{event.kind}: publication date" + (" (inferred)" if event.inferred else ""), label)]
        for name, values in (("actors", event.actors), ("places", event.places)):
            second.append((f"{_SEPARATOR}{name}: ", label))
            if not values:
                second.append(("—", base))
            for number, value in enumerate(values):
                if number:
                    second.append(("، " if self.visual else ", ", base))
                second.extend(self._value(value, base))
        sources = event.sources or []
        second.append((f"{_SEPARATOR}sources" + (f" ({len(sources)})" if len(sources) > 1 else "") + ": ", label))
        names = [f"{self.document_tags.get(s.document, '')} {s.document} ¶{s.sentence.index + 1}".strip()
                 for s in sources] or [f"{event.document} ¶{event.sentence.index + 1}"]
        second.extend(self._value(", ".join(names), base))
        return [first, second]

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        lines = self._lines()
        if y >= len(lines):
            return Strip.blank(width, self.rich_style)
        return to_strip(fit(lines[y], width), width, self.rich_style)
