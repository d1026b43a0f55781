"""The article: its text, wrapped, with the selected event's sentence and date marked.

The text is shown whole and exactly as read (made safe to draw, one character
for one, so every span still points at the right place). The selected event's
source sentence is highlighted and its date expression marked; the dates of
the other events in the article are underlined, and ``n``/``N`` move between
them. Lines are wrapped in logical order, then drawn through ``tui.widgets.strips``
(reordered in visual bidi mode).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence

from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.cache import LRUCache
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from core.model import Document, Event
from core.search_spans import search_spans
from tui.bidi import is_rtl
from tui.widgets.safe_text import safe_text
from tui.widgets.strips import Piece, line_strip
from tui.widgets.wrap import line_of, wrap


def document_order(events_: Sequence[Event]) -> list[Event]:
    """Events as they appear in their article: by sentence, then date position."""
    return sorted(events_, key=lambda e: (e.sentence.span[0], e.date.span[0], e.id))


class ArticleView(ScrollView, can_focus=True, inherit_bindings=False):
    """One document's text; follows the selected event, or is read on its own."""

    COMPONENT_CLASSES = {
        "article-view--title",
        "article-view--sentence",
        "article-view--date",
        "article-view--event-date",
        "article-view--match",
    }

    BINDINGS = [
        Binding("n", "event(1)", "next", id="article.next-event"),
        Binding("N", "event(-1)", "previous", id="article.previous-event"),
        Binding("escape", "leave", "back", id="article.back"),
        Binding("right_square_bracket", "report(1)", "next report", id="article.next-report"),
        Binding("left_square_bracket", "report(-1)", "previous report", id="article.previous-report"),
        Binding("j,down", "scroll_lines(1)", "scroll down", show=False, id="article.down"),
        Binding("k,up", "scroll_lines(-1)", "scroll up", show=False, id="article.up"),
        Binding("pagedown,ctrl+f,space", "scroll_page(1)", "page down", show=False, id="article.page-down"),
        Binding("pageup,ctrl+b", "scroll_page(-1)", "page up", show=False, id="article.page-up"),
        Binding("home", "scroll_home", "top", show=False, id="article.top"),
        Binding("G,end", "scroll_end", "end", show=False, id="article.bottom"),
    ]

    class EventChosen(Message):
        """``n``/``N`` moved to ``event``; the timeline should select it too."""

        def __init__(self, event: Event) -> None:
            super().__init__()
            self.event = event

    class Left(Message):
        """Escape: back to the timeline."""

    class ReportRequested(Message):
        """``]``/``[``: the next (previous) article that reports the selected event."""

        def __init__(self, step: int) -> None:
            super().__init__()
            self.step = step

    class Notice(Message):
        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.document: Document | None = None
        self.current: Event | None = None
        self.visual = False
        self._text = ""
        self._events: list[Event] = []
        self._events_key: tuple[str, ...] = ()
        self._date_spans: list[tuple[int, int]] = []  # every event's date, sorted
        self._longest_span = 0
        self._lines: list[tuple[int, int]] = []
        self._line_rtl: list[bool] = []
        self._laid_out_width = -1
        # Wrapped lines per (document, width): moving between articles re-wraps nothing.
        self._layouts: LRUCache[tuple[str, int], tuple[list[tuple[int, int]], list[bool]]] = LRUCache(32)
        self._strips: LRUCache[tuple, Strip] = LRUCache(512)
        self._styles: dict[str, Style] | None = None
        self._search = ""
        self._matches: list[tuple[int, int]] = []  # search matches in this article, sorted
        self._matches_key: tuple[str, str] = ("", "")

    # --- content -------------------------------------------------------------

    def show(self, document: Document | None, events_: Sequence[Event], current: Event | None) -> None:
        """Show ``document`` with ``events_`` (its events now on the timeline)
        marked and ``current`` highlighted and scrolled into view."""
        if document is not self.document:
            self.document = document
            self._text = safe_text(document.text) if document is not None else ""
            self._laid_out_width = -1
            self._strips.clear()
            self.scroll_to(y=0, animate=False)
        self._find_matches()
        key = tuple(e.id for e in events_)
        if key != self._events_key:
            self._events_key = key
            self._events = document_order(events_)
            self._date_spans = sorted(e.date.span for e in self._events)
            self._longest_span = max((b - a for a, b in self._date_spans), default=0)
            self._strips.clear()
        self.current = current
        self._layout()
        self.refresh()
        self.call_after_refresh(self.scroll_to_current)

    def set_search(self, query: str) -> None:
        """Mark the matches of ``query`` (the timeline's search) in the article."""
        if query != self._search:
            self._search = query
            self._find_matches()
            self._strips.clear()
            self.refresh()

    def _find_matches(self) -> None:
        key = (self.document.id if self.document is not None else "", self._search)
        if key != self._matches_key:
            self._matches_key = key
            self._matches = search_spans(self._text, self._search) if self._search and self._text else []

    def set_visual(self, visual: bool) -> None:
        self.visual = visual
        self.refresh()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles = None
        self._strips.clear()

    def _style(self, name: str) -> Style:
        if self._styles is None:
            styles = {"": self.rich_style}
            for component in self.COMPONENT_CLASSES:
                styles[component.removeprefix("article-view--")] = self.get_component_rich_style(component)
            self._styles = styles
        return self._styles[name]

    def _layout(self) -> None:
        width = self.scrollable_content_region.width
        if width <= 0 or width == self._laid_out_width:
            return
        self._laid_out_width = width
        key = (self.document.id if self.document is not None else "", width)
        cached = self._layouts.get(key)
        if cached is None:
            cached = self._layouts[key] = self._wrap(width)
        self._lines, self._line_rtl = cached
        self._set_virtual_size(Size(width, len(self._lines)))

    def _set_virtual_size(self, size: Size) -> None:
        """A new article's length, without laying out the screen again: the
        scrollbar is always shown (``overflow-y: scroll``), so only it and this
        pane change. Assigning ``virtual_size`` would repaint every line of
        the screen, some 20 KB per key press over SSH."""
        if size == self.virtual_size:
            return
        if not self.is_mounted or self.size.height == 0:
            self.virtual_size = size
            return
        self.set_reactive(ArticleView.virtual_size, size)
        scrollbar = self.vertical_scrollbar
        scrollbar.window_virtual_size = size.height
        scrollbar.window_size = self.scrollable_content_region.height
        scrollbar.refresh()
        self.scroll_y = self.validate_scroll_y(self.scroll_y)
        self.refresh()

    def _wrap(self, width: int) -> tuple[list[tuple[int, int]], list[bool]]:
        lines = wrap(self._text, width)
        # Each line takes the direction of its whole paragraph, not its own words.
        rtl: list[bool] = []
        paragraph_rtl = True
        previous_end = -1
        for start, end in lines:
            if start != previous_end:  # a new paragraph starts after a line break
                stop = self._text.find("\n", start)
                paragraph_rtl = is_rtl(self._text[start: stop if stop >= 0 else len(self._text)])
            rtl.append(paragraph_rtl)
            previous_end = end
        return lines, rtl

    def on_resize(self, event: events.Resize) -> None:
        self._layout()
        self.call_after_refresh(self.scroll_to_current)

    # --- drawing ---------------------------------------------------------------

    @staticmethod
    def _clip(span: tuple[int, int], start: int, end: int) -> tuple[int, int] | None:
        a, b = max(span[0], start), min(span[1], end)
        return (a, b) if a < b else None

    def render_line(self, y: int) -> Strip:
        _, scroll_y = self.scroll_offset
        index = scroll_y + y
        width = self.scrollable_content_region.width
        if index >= len(self._lines) or width <= 0:
            return Strip.blank(width, self._style(""))
        start, end = self._lines[index]
        end = start + len(self._text[start:end].rstrip())
        sentence = self.current.sentence.span if self.current is not None else (0, 0)
        mention = self.current.date.span if self.current is not None else (0, 0)
        # Only the highlight inside this line matters: other lines stay cached as the selection moves.
        key = (index, width, self.visual, self._clip(sentence, start, end), self._clip(mention, start, end),
               self._matches_key)
        strip = self._strips.get(key)
        if strip is None:
            strip = line_strip(self._pieces(start, end, sentence, mention), width, self._style(""),
                               visual=self.visual, rtl=self._line_rtl[index])
            self._strips[key] = strip
        return strip

    def _pieces(self, start: int, end: int, sentence: tuple[int, int], mention: tuple[int, int]) -> list[Piece]:
        base = self._style("")
        body_start = self.document.body_start if self.document is not None else 0
        first = bisect_left(self._date_spans, (start - self._longest_span, 0))
        dates = [s for s in self._date_spans[first:bisect_left(self._date_spans, (end, 0))] if s[1] > start]
        cuts = {start, end, body_start, *sentence, *mention}
        matches = [m for m in self._matches if m[0] < end and m[1] > start]
        for a, b in (*dates, *matches):
            cuts.update((a, b))
        points = sorted(p for p in cuts if start <= p <= end)
        pieces: list[Piece] = []
        for a, b in zip(points, points[1:]):
            if a == b:
                continue
            style: Style = base
            if a < body_start:
                style += self._style("title")
            if sentence[0] <= a < sentence[1]:
                style += self._style("sentence")
            if any(x <= a < y for x, y in dates):
                style += self._style("event-date")
            if mention[0] <= a < mention[1]:
                style += self._style("date")
            if any(x <= a < y for x, y in matches):
                style += self._style("match")
            pieces.append((self._text[a:b], style))
        return pieces

    # --- moving ----------------------------------------------------------------

    def scroll_to_current(self, to_top: bool = False) -> None:
        """Bring the current sentence into view if it is not (``to_top``: put
        its first line at the top, as when the reader moves into the article)."""
        self._layout()
        if self.current is None or not self._lines:
            return
        height = self.scrollable_content_region.height
        if height <= 0:
            return
        first = line_of(self._lines, self.current.sentence.span[0])
        last = line_of(self._lines, max(self.current.sentence.span[1] - 1, 0))
        if to_top:
            self.scroll_to(y=first, animate=False)
        elif first < self.scroll_y or last >= self.scroll_y + height:
            self.scroll_to(y=max(first - 1, 0), animate=False)

    def enter(self, document: Document | None, events_: Sequence[Event], current: Event | None) -> None:
        """Move into the article at ``current``'s sentence."""
        self.show(document, events_, current)
        self.call_after_refresh(self.scroll_to_current, True)
        self.focus()

    def action_event(self, step: int) -> None:
        if not self._events:
            self.post_message(self.Notice("no events in this article"))
            return
        if self.current is not None and self.current in self._events:
            position = self._events.index(self.current) + step
        else:
            position = 0 if step > 0 else len(self._events) - 1
        if not 0 <= position < len(self._events):
            self.post_message(self.Notice("last event in this article" if step > 0 else "first event in this article"))
            return
        self.current = self._events[position]
        self.refresh()
        self.scroll_to_current()
        self.post_message(self.EventChosen(self.current))

    def action_report(self, step: int) -> None:
        self.post_message(self.ReportRequested(step))

    def action_leave(self) -> None:
        self.post_message(self.Left())

    def action_scroll_lines(self, amount: int) -> None:
        self.scroll_to(y=self.scroll_y + amount, animate=False)

    def action_scroll_page(self, direction: int) -> None:
        height = max(self.scrollable_content_region.height - 1, 1)
        self.scroll_to(y=self.scroll_y + direction * height, animate=False)

    def action_scroll_home(self) -> None:
        self.scroll_to(y=0, animate=False)

    def action_scroll_end(self) -> None:
        self.scroll_to(y=self.max_scroll_y, animate=False)
