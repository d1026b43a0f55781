"""Lines about the selected event: its full date, then who, where and from where.

First its date in all three calendars (the first calendar first), the
interval of days, the granularity and qualifiers; then the event's kind and
how its date was found (the expression as written, or the reason: «dated by
«دیروز» from the publication date 1403/09/10»), actors, places and sources
(with their count when several articles report it). The lines read left to
right; each value is drawn on its own, in its own direction (a Jalali label
or a Persian name right to left, reordered in visual bidi mode; a Gregorian
label left to right; a reason left to right with its Persian quotes
reordered inside it). Nothing is clipped: items that do not fit go to the
next line, and the widget grows (up to ``MAX_LINES``) to show them.
"""

from __future__ import annotations

from collections.abc import Mapping

from rich.style import Style
from textual.strip import Strip
from textual.widget import Widget

from core.model import Event
from tui.bidi import is_rtl
from core.model import CALENDARS
from tui.date_display import DateDisplay, mention_label, qualifiers
from tui.widgets.safe_text import safe_line
from tui.widgets.strips import Piece, fit, pieces_width, to_strip, visual_pieces
from tui.widgets.wrap import wrap

_SEPARATOR = " │ "
MIN_LINES = 2
MAX_LINES = 5

Item = list[Piece]  # drawn pieces that stay on one line


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
        self._laid_out: tuple[int, list[list[Piece]]] | None = None
        self._height = MIN_LINES
        self._height_width = 0

    def show(self, event: Event | None, display: DateDisplay, visual: bool,
             document_tags: Mapping[str, str], message: str = "") -> None:
        self.event, self.display_options, self.visual = event, display, visual
        self.document_tags, self.message = document_tags, message
        self._relayout()

    def on_resize(self) -> None:
        self._relayout()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._laid_out = None

    def _relayout(self) -> None:
        self._laid_out = None
        if self.is_mounted and self.size.width:
            # Grows, never shrinks while the width stays: a change of height
            # lays out (and repaints) the whole screen, so it should be rare.
            if self._height_width != self.size.width:
                self._height_width, self._height = self.size.width, MIN_LINES
            self._height = min(max(len(self._screen_lines()), self._height), MAX_LINES)
            if self.styles.height is None or self.styles.height.value != self._height:
                self.styles.height = self._height
        self.refresh()

    # --- items -------------------------------------------------------------------

    def _value(self, text: str, style: Style, rtl: bool | None = None, width: int = 0) -> list[Item]:
        """``text`` as items no wider than ``width`` (cut at spaces, in reading
        order), each drawn in its direction: right to left if ``rtl`` (by its
        first strong letter when None, left to right when it has none)."""
        text = safe_line(text)
        if rtl is None:
            rtl = is_rtl(text, default=False)
        chunks = [text[a:b].rstrip() for a, b in wrap(text, width)] if width and len(text) > width else [text]
        if self.visual:  # a left-to-right value may still hold Persian (a quote in a reason)
            return [visual_pieces([(chunk, style)], rtl) for chunk in chunks]
        return [[(chunk, style)] for chunk in chunks]

    def _items(self, width: int) -> list[list[Item]]:
        """Groups of items; each group starts a new line."""
        base = self.rich_style
        label = base + self.get_component_rich_style("detail-line--label")
        date_style = base + self.get_component_rich_style("detail-line--date")
        quote = base + self.get_component_rich_style("detail-line--quote")
        event = self.event
        if event is None:
            return [self._value(self.message or "no event selected", label, width=width)]
        display = self.display_options
        dates: list[Item] = []
        calendars = (display.first, *[c for c in CALENDARS if c != display.first])
        for number, calendar in enumerate(calendars):
            [drawn] = self._value(mention_label(event.date, calendar, display), date_style,
                                  rtl=calendar != "gregorian")
            dates.append(([(" · ", label)] if number else []) + drawn)
        mention = event.date
        if mention.start != mention.end:
            dates.append([(_SEPARATOR + f"{mention.start.isoformat()}…{mention.end.isoformat()}", base)])
        for number, words in enumerate(qualifiers(event)):
            for k, item in enumerate(self._value(words, base, width=width - 3)):
                lead = (_SEPARATOR if number == 0 else ", ") if k == 0 else ""
                dates.append([(lead, base), *item])
        about: list[Item] = []
        if event.reason:
            # How the date was found («dated by «دیروز» from the publication date
            # 1403/09/10»): a line of its own, wrapped, never cut.
            items = self._value(event.reason, label, rtl=False, width=width - len(event.kind) - 2)
            about.extend([[(f"{event.kind}: ", label), *items[0]], *items[1:]])
            if mention.text or event.inferred:
                about.append([(_SEPARATOR, label)])
        if mention.text:
            about.append([(f"{'' if event.reason else event.kind + ': '}written ({mention.calendar}) ", label)])
            about.extend(self._value(f"«{mention.text}»", quote, rtl=True, width=width))
        elif not event.reason:  # a lead: dated by the article itself, not by words in it
            about.append([(f"{event.kind}: publication date" + (" (inferred)" if event.inferred else ""), label)])
        for name, values in (("actors", event.actors), ("places", event.places)):
            lead: Item = [(f"{_SEPARATOR}{name}: ", label)]
            if not values:
                about.append([*lead, ("—", base)])
                continue
            # One list, in the direction of its names: a Persian list reads
            # right to left with Persian commas, as the names inside it.
            joined = [safe_line(v) for v in values]
            rtl = is_rtl(joined[0], default=False)
            items = self._value(("، " if rtl else ", ").join(joined), base, rtl=rtl, width=width)
            about.extend([[*lead, *items[0]], *items[1:]])
        sources = event.sources or []
        sources_label = f"{_SEPARATOR}sources" + (f" ({len(sources)})" if len(sources) > 1 else "") + ": "
        names = [f"{self.document_tags.get(s.document, '')} {s.document} ¶{s.sentence.index + 1}".strip()
                 for s in sources] or [f"{event.document} ¶{event.sentence.index + 1}"]
        for number, name in enumerate(names):
            lead = [(sources_label, label)] if number == 0 else [(", ", base)]
            about.append([*lead, *self._value(name, base, rtl=False)[0]])
        return [dates, about]

    def _screen_lines(self) -> list[list[Piece]]:
        width = self.size.width
        if self._laid_out is not None and self._laid_out[0] == width:
            return self._laid_out[1]
        lines: list[list[Piece]] = []
        for group in self._items(width):
            line: list[Piece] = []
            used = 0
            for item in group:
                size = pieces_width(item)
                if line and used + size > width:
                    lines.append(line)
                    line, used = [], 0
                    if item and item[0][0].startswith((_SEPARATOR, ", ")):  # no separator at a line's start
                        text, style = item[0]
                        item = [(text.removeprefix(_SEPARATOR).removeprefix(", "), style), *item[1:]]
                        size = pieces_width(item)
                line.extend(item)
                used += size
            lines.append(line)
        self._laid_out = (width, lines)
        return lines

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        lines = self._screen_lines()
        if y >= len(lines):
            return Strip.blank(width, self.rich_style)
        return to_strip(fit(lines[y], width), width, self.rich_style)
