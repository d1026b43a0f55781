"""The timeline: events under year headings, one line each, moved through by key.

Drawn with the line API (only the visible rows are built), so moving through
10,000 events costs the same as through ten. A row is: the search match,
granularity and uncertainty marks, the date in the first and second calendar,
the kind mark with the count of reports and the one-line summary, and the
document tag (when there are several); how the width is shared, and what
gives way first, is ``row_layout``'s job.

The events are a ``Selection`` (``core.store``): its length, its start days
(one integer per event: year headings and moves in time come from these) and
the events on screen, read a page at a time. Nothing here walks every event,
so a selection of a million events opens as fast as one of ten. The date
columns are planned from the labels of the first events and of every event
drawn so far.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Mapping, Sequence
from datetime import date

from rich.cells import cell_len
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.cache import LRUCache
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from core.model import Event
from core.store import Selection
from tui.bidi import is_rtl
from tui.date_display import DateDisplay, date_column, kind_mark, mark, shift, year_heading
from tui.widgets import row_layout
from tui.widgets.safe_text import safe_line
from tui.widgets.strips import Piece, fit, line_strip, pad, to_strip, visual_pieces
from tui.widgets.time_moves import TimeIndex
from tui.widgets.year_groups import year_groups

_LRM = "\u200e"  # keeps an ISO date left-to-right inside Persian, for terminals that reorder
# Events whose date labels set the columns' widths before any is drawn.
_MEASURED_FIRST = 100


class _NoEvents:
    """The empty selection, before anything is loaded."""

    def __len__(self) -> int:
        return 0

    def __getitem__(self, position: int) -> Event:
        raise IndexError(position)

    def starts(self) -> list[int]:
        return []

    def position_of(self, event_id: str) -> int | None:
        return None


NO_EVENTS = _NoEvents()


class TimelineList(ScrollView, can_focus=True, inherit_bindings=False):
    """Events in timeline order with a cursor; posts ``Highlighted`` as it moves."""

    COMPONENT_CLASSES = {
        "timeline-list--cursor",
        "timeline-list--cursor-blurred",
        "timeline-list--year",
        "timeline-list--mark",
        "timeline-list--date",
        "timeline-list--second",
        "timeline-list--document",
        "timeline-list--match",
    }

    BINDINGS = [
        Binding("j,down", "move(1)", "down", show=False, id="timeline.down"),
        Binding("k,up", "move(-1)", "up", show=False, id="timeline.up"),
        Binding("g", "top", "top (press twice)", show=False, id="timeline.top"),
        Binding("home", "first", "first event", show=False, id="timeline.first"),
        Binding("G,end", "last", "last event", show=False, id="timeline.bottom"),
        Binding("pageup,ctrl+b", "page(-1)", "page up", show=False, id="timeline.page-up"),
        Binding("pagedown,ctrl+f", "page(1)", "page down", show=False, id="timeline.page-down"),
        Binding("left_square_bracket", "year_group(-1)", "previous year", show=False, id="timeline.previous-year"),
        Binding("right_square_bracket", "year_group(1)", "next year", show=False, id="timeline.next-year"),
        Binding("d", "time_jump('day', -1)", "a day back", show=False, id="time.day-back"),
        Binding("D", "time_jump('day', 1)", "a day on", show=False, id="time.day-forward"),
        Binding("m", "time_jump('month', -1)", "a month back", show=False, id="time.month-back"),
        Binding("M", "time_jump('month', 1)", "a month on", show=False, id="time.month-forward"),
        Binding("left_curly_bracket", "time_jump('year', -1)", "a year back", show=False, id="time.year-back"),
        # «y» copies (vim's yank), so a year back is «{»; «Y» and «}» go a year on.
        Binding("right_curly_bracket,Y", "time_jump('year', 1)", "a year on", show=False, id="time.year-forward"),
        Binding("n", "match(1)", "next match", show=False, id="search.next"),
        Binding("N", "match(-1)", "previous match", show=False, id="search.previous"),
        Binding("enter", "open_source", "source", id="timeline.open-source"),
    ]

    # repaint=False: watch_cursor repaints the two rows that change, not the whole pane
    cursor: reactive[int] = reactive(-1, init=False, repaint=False)
    """Index of the selected event in ``events``; -1 when there are none."""

    class Highlighted(Message):
        """The selection moved to ``event`` (None: the timeline is empty)."""

        def __init__(self, event: Event | None) -> None:
            super().__init__()
            self.event = event

    class SourceRequested(Message):
        """Enter: read ``event`` in its article."""

        def __init__(self, event: Event) -> None:
            super().__init__()
            self.event = event

    class Notice(Message):
        """Something to tell the reader (no earlier event, no matches …)."""

        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.events: Selection | _NoEvents = NO_EVENTS
        self.display_options = DateDisplay()
        self.visual = False
        self._document_tags: Mapping[str, str] = {}
        self._headings: list[int] = []  # year of each heading
        self._group_starts: list[int] = []  # first event index of each year group
        self._group_rows: list[int] = []  # row of each year heading
        self._row_count = 0
        self._labels: LRUCache[int, tuple[str, str, str]] = LRUCache(4096)
        # Events whose labels count towards the date columns' widths, and those widths' counts.
        self._measured: set[int] = set()
        self._first_widths: Counter[int] = Counter()
        self._second_widths: Counter[int] = Counter()
        self._first_width = 0
        self._second_width = 0
        self._tag_width = 0
        self._planned: tuple[int, row_layout.Columns] | None = None
        self._time_index = TimeIndex([])
        self._matches: list[int] = []
        self._match_set: frozenset[int] = frozenset()
        self._strips: LRUCache[tuple, Strip] = LRUCache(512)
        self._styles: dict[str, Style] | None = None
        self._last_key: str | None = None
        self._key_before: str | None = None

    # --- data ----------------------------------------------------------------

    @property
    def event(self) -> Event | None:
        return self.events[self.cursor] if 0 <= self.cursor < len(self.events) else None

    def set_events(self, events_: Selection, document_tags: Mapping[str, str],
                   keep: str | None = None, near: date | None = None) -> None:
        """Show the selection ``events_``; select the event with id ``keep`` if
        present, else the one nearest ``near``, else the first."""
        self.events = events_
        self._document_tags = document_tags
        # Tags are «#1» … «#n», one per document: the widest is the last one's.
        self._tag_width = len(f"#{len(document_tags)}") if len(document_tags) else 0
        self._time_index = TimeIndex(events_.starts())
        self._matches, self._match_set = [], frozenset()
        target = 0 if len(events_) else -1
        if keep is not None and len(events_):
            found = events_.position_of(keep)
            if found is None and near is not None:
                found = self._time_index.closest(near)
            target = found if found is not None else 0
        self._relayout()
        self.set_reactive(TimelineList.cursor, -2)  # so the watcher runs even if the index is unchanged
        self.cursor = target

    def configure(self, display: DateDisplay | None = None, visual: bool | None = None) -> None:
        """Change the calendar shown first or the bidi mode; the selection stays."""
        if display is not None and display != self.display_options:
            self.display_options = display
            self._relayout()  # headings and labels depend on the calendar
        if visual is not None and visual != self.visual:
            self.visual = visual
            self._strips.clear()
            self.refresh()
        self._scroll_to_cursor()

    def set_matches(self, indices: Sequence[int]) -> None:
        self._matches = sorted(indices)
        self._match_set = frozenset(indices)
        self._strips.clear()
        self.refresh()

    @property
    def matches(self) -> list[int]:
        """Positions of the search matches, ascending."""
        return list(self._matches)

    def match_position(self) -> tuple[int, int]:
        """(1-based index of the selected event among the search matches, or 0
        when it is not one; how many matches)."""
        position = bisect_left(self._matches, self.cursor)
        on_match = position < len(self._matches) and self._matches[position] == self.cursor
        return (position + 1 if on_match else 0), len(self._matches)

    # --- rows: a year heading before the first event of each year --------------------

    def row_of_event(self, index: int) -> int:
        """The row that shows event ``index`` (after its year's heading and those before)."""
        return index + bisect_right(self._group_starts, index)

    def row_item(self, row: int) -> int:
        """What row ``row`` shows: an event index, or ``-(k + 1)`` for heading ``k``."""
        group = bisect_right(self._group_rows, row) - 1
        if group < 0:
            return row
        if row == self._group_rows[group]:
            return -(group + 1)
        return row - group - 1

    def _relayout(self) -> None:
        """Rows (headings + events) for the current calendar; column widths
        (from the first events here, then from the rows on screen as they are drawn)."""
        self._headings, self._group_starts = year_groups(self.events.starts(), self.display_options.first)
        self._group_rows = [first + k for k, first in enumerate(self._group_starts)]
        self._row_count = len(self.events) + len(self._headings)
        self._labels.clear()
        self._measured = set()
        self._first_widths, self._second_widths = Counter(), Counter()
        self._first_width = self._second_width = 0
        self._measure(range(min(len(self.events), _MEASURED_FIRST)))
        self._planned = None
        self._strips.clear()
        self.virtual_size = Size(self.size.width, self._row_count)
        self.refresh()

    def _measure(self, indices: range) -> bool:
        """Count these events' labels into the date columns' widths; True if the widths changed."""
        new = [i for i in indices if i not in self._measured]
        if not new:
            return False
        for index in new:
            label_first, label_second, _ = self._label(index)
            self._first_widths[cell_len(label_first)] += 1
            self._second_widths[cell_len(label_second)] += 1
        self._measured.update(new)
        widths = (row_layout.column_width_counted(self._first_widths),
                  row_layout.column_width_counted(self._second_widths))
        changed = widths != (self._first_width, self._second_width)
        if changed:
            self._first_width, self._second_width = widths
            self._planned = None
        return changed

    def _label(self, index: int) -> tuple[str, str, str]:
        found = self._labels.get(index)
        if found is None:
            event = self.events[index]
            first, second = date_column(event, self.display_options)
            found = self._labels[index] = (first, second, mark(event))
        return found

    # --- drawing -------------------------------------------------------------

    def render_lines(self, crop: Region) -> list[Strip]:
        # Rows coming into view may hold a wider date: the columns widen first,
        # so every row on screen is drawn with the same widths.
        top = int(self.scroll_offset.y) + crop.y
        shown = [i for i in map(self.row_item, range(max(top, 0), min(top + crop.height, self._row_count))) if i >= 0]
        if shown and self._measure(range(shown[0], shown[-1] + 1)):
            self._strips.clear()
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        row = scroll_y + y
        width = self.scrollable_content_region.width
        if row >= self._row_count or width <= 0:
            return Strip.blank(width, self.rich_style)
        index = self.row_item(row)
        selected = index >= 0 and index == self.cursor
        key = (row, index, width, selected, self.has_focus, index in self._match_set)
        strip = self._strips.get(key)
        if strip is None:
            strip = self._heading_strip(-index - 1, width) if index < 0 else self._event_strip(index, width, selected)
            self._strips[key] = strip
        return strip

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles = None
        self._strips.clear()

    def _style(self, name: str) -> Style:
        """The widget's style plus a component's (cached: render_line runs per row)."""
        if self._styles is None:
            base = self.rich_style
            styles = {"": base}
            for component in self.COMPONENT_CLASSES:
                styles[component.removeprefix("timeline-list--")] = self.get_component_rich_style(component)
            self._styles = styles
        return self._styles[name]

    def _heading_strip(self, heading: int, width: int) -> Strip:
        style = self._style("") + self._style("year")
        first, second = year_heading(self._headings[heading], self.display_options)
        second_is_gregorian = self.display_options.second == "gregorian"
        if not self.visual:
            lrm = _LRM if second_is_gregorian else ""
            return line_strip([(f" {first} · {lrm}{second}", style)], width, style, visual=False)
        # Right to left: the first calendar's year at the right edge.
        pieces = [*visual_pieces([(second, style)], not second_is_gregorian), (" · ", style),
                  *visual_pieces([(first, style)], second_is_gregorian), (" ", style)]
        return to_strip(pad(fit(pieces, width), width, style, right=True), width, style)

    def _event_strip(self, index: int, width: int, selected: bool) -> Strip:
        base = self._style("")
        overlay = Style()
        if selected:
            overlay = self._style("cursor" if self.has_focus else "cursor-blurred")
        fill = base + overlay
        mark_style = base + self._style("match" if index in self._match_set else "mark") + overlay
        first_style = base + self._style("date") + overlay
        second_style = base + self._style("second") + overlay
        doc_style = base + self._style("document") + overlay
        event = self.events[index]
        first, second, event_mark = self._label(index)
        first_gregorian = self.display_options.first == "gregorian"
        columns = row_layout.fit_row(self._columns(width), width, cell_len(first), cell_len(second))
        tag = self._document_tags.get(event.document, "") if columns.tag else ""
        # The kind and the count of reports (+×3) open the summary's column, never cut.
        kind = kind_mark(event).strip()
        kind_cells = min(cell_len(kind) + 1, columns.summary) if kind else 0
        kind_pieces: list[Piece] = [(kind + " ", mark_style)] if kind else []
        summary = fit([(safe_line(event.summary), fill)], columns.summary - kind_cells)
        match_mark = "*" if index in self._match_set else " "
        first_col = fit([(first, first_style)], columns.first)
        second_col = fit([(second, second_style)], columns.second)
        gap = " " * row_layout.GAP
        if not self.visual:
            pieces: list[Piece] = [
                (match_mark + event_mark + " ", mark_style),
                *pad([((_LRM if first_gregorian else "") + t, s) for t, s in first_col], columns.first, first_style),
            ]
            if columns.second:
                pieces += [(gap, fill), *pad([((_LRM if not first_gregorian else "") + t, s) for t, s in second_col],
                                             columns.second, second_style)]
            pieces += [(gap, fill), *kind_pieces, *pad(summary, columns.summary - kind_cells, fill)]
            if columns.tag:
                pieces += [(" ", fill), *pad([(tag, doc_style)], columns.tag, doc_style, right=True)]
            return line_strip(pieces, width, fill, visual=False)
        # Visual: columns laid out right to left, each reordered on its own.
        columns_drawn: list[list[Piece]] = [
            [(match_mark + event_mark[::-1], mark_style)],  # read from the right: mark, then match
            [(" ", fill)],
            pad(visual_pieces(first_col, not first_gregorian), columns.first, first_style, right=True),
        ]
        if columns.second:
            columns_drawn += [[(gap, fill)],
                              pad(visual_pieces(second_col, first_gregorian), columns.second, second_style,
                                  right=True)]
        # The kind mark reads from the right too, before the summary.
        kind_drawn = [(" ", fill), (kind[::-1], mark_style)] if kind else []
        columns_drawn += [[(gap, fill)],
                          pad([*visual_pieces(summary, is_rtl(event.summary)), *kind_drawn], columns.summary, fill,
                              right=True)]
        if columns.tag:
            columns_drawn += [[(" ", fill)], pad([(tag, doc_style)], columns.tag, doc_style)]
        drawn = [piece for column in reversed(columns_drawn) for piece in column]
        return to_strip(drawn, width, fill)

    def _columns(self, width: int) -> row_layout.Columns:
        if self._planned is None or self._planned[0] != width:
            self._planned = (width, row_layout.plan(width, self._first_width, self._second_width, self._tag_width))
        return self._planned[1]

    # --- selection -------------------------------------------------------------

    def watch_cursor(self, old: int, new: int) -> None:
        for index in (old, new):
            if 0 <= index < len(self.events):
                self.refresh_line(self.row_of_event(index))
        self._scroll_to_cursor()
        self.post_message(self.Highlighted(self.event))

    def validate_cursor(self, value: int) -> int:
        if not len(self.events):
            return -1
        return min(max(value, 0), len(self.events) - 1)

    def _scroll_to_cursor(self) -> None:
        if not 0 <= self.cursor < len(self.events):
            return
        height = self.scrollable_content_region.height
        if height <= 0:
            return
        row = self.row_of_event(self.cursor)
        # Show the year heading too when the cursor is the first of its year.
        top = row - 1 if row > 0 and self.row_item(row - 1) < 0 else row
        if top < self.scroll_y:
            self.scroll_to(y=top, animate=False)
        elif row >= self.scroll_y + height:
            self.scroll_to(y=row - height + 1, animate=False)

    def on_resize(self, event: events.Resize) -> None:
        self.virtual_size = Size(self.scrollable_content_region.width, self._row_count)
        self._strips.clear()
        self.call_after_refresh(self._scroll_to_cursor)

    def on_focus(self) -> None:
        self._refresh_cursor_row()  # only the cursor looks different (rows are cached by focus)

    def on_blur(self) -> None:
        self._refresh_cursor_row()

    def _refresh_cursor_row(self) -> None:
        if 0 <= self.cursor < len(self.events):
            self.refresh_line(self.row_of_event(self.cursor))

    def on_click(self, event: events.Click) -> None:
        """A click selects the event on that row (a year heading: its first event)."""
        offset = event.get_content_offset(self)
        if offset is None:
            return
        row = self.scroll_offset.y + offset.y
        if 0 <= row < self._row_count:
            index = self.row_item(row)
            self.cursor = index if index >= 0 else self._group_starts[-index - 1]
            if event.chain == 2:  # a double click opens the source, as Enter
                self.action_open_source()

    def on_key(self, event: events.Key) -> None:
        # Remember the key before this one, for two-key commands like "gg".
        self._key_before, self._last_key = self._last_key, event.key

    def go_to_date(self, day: date) -> bool:
        """Select the event that starts nearest ``day``; False when there are none."""
        found = self._time_index.closest(day)
        if found is None:
            return False
        self.cursor = found
        return True

    def select_event(self, event_id: str) -> bool:
        index = self.events.position_of(event_id)
        if index is None:
            return False
        self.cursor = index
        return True

    # --- actions ---------------------------------------------------------------

    def action_move(self, step: int) -> None:
        if len(self.events):
            self.cursor = self.cursor + step

    def action_top(self) -> None:
        if self._key_before == self._last_key:
            self._last_key = None  # a third press starts over
            self.action_first()

    def action_first(self) -> None:
        if len(self.events):
            self.cursor = 0

    def action_last(self) -> None:
        if len(self.events):
            self.cursor = len(self.events) - 1

    def action_page(self, direction: int) -> None:
        if not len(self.events):
            return
        height = max(self.scrollable_content_region.height - 1, 1)
        row = self.row_of_event(self.cursor) + direction * height
        row = min(max(row, 0), self._row_count - 1)
        # Land on an event row: the nearest in the direction of travel, else back.
        for step in (direction, -direction):
            probe = row
            while 0 <= probe < self._row_count and self.row_item(probe) < 0:
                probe += step
            if 0 <= probe < self._row_count:
                self.cursor = self.row_item(probe)
                return

    def action_year_group(self, direction: int) -> None:
        if not len(self.events):
            return
        group = bisect_right(self._group_starts, self.cursor) - 1
        target = group + direction
        if 0 <= target < len(self._group_starts):
            self.cursor = self._group_starts[target]
        else:
            self.post_message(self.Notice("no earlier year" if direction < 0 else "no later year"))

    def action_time_jump(self, unit: str, amount: int) -> None:
        event = self.event
        if event is None:
            return
        target = shift(event.date.start, unit, amount, self.display_options.first)
        found = self._time_index.nearest(self.cursor, target, forward=amount > 0)
        if found is None:
            self.post_message(self.Notice("no earlier event" if amount < 0 else "no later event"))
        else:
            self.cursor = found

    def action_match(self, direction: int) -> None:
        if not self._matches:
            self.post_message(self.Notice("no search matches: / to search"))
            return
        if direction > 0:
            position = bisect_right(self._matches, self.cursor)
            self.cursor = self._matches[position % len(self._matches)]
        else:
            position = bisect_left(self._matches, self.cursor) - 1
            self.cursor = self._matches[position % len(self._matches)]

    def action_open_source(self) -> None:
        if self.event is not None:
            self.post_message(self.SourceRequested(self.event))
