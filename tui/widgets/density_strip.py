"""How many events fall in each year, as one line of bars, marking the selection's year.

Years are those of the calendar shown first, oldest on the left. When there
are more years than cells, each cell holds several consecutive years. The
counts come from the events' start days (``Selection.starts()``): no event is read.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence

from textual.strip import Strip
from textual.widget import Widget

from core.model import Event
from tui.date_display import DateDisplay, event_year, with_digits
from tui.widgets.strips import Piece, fit, to_strip
from tui.widgets.year_groups import year_groups

_BARS = "▁▂▃▄▅▆▇█"


def bucket_counts(years: Sequence[int], cells: int) -> tuple[int, int, list[int]]:
    """(first year, years per cell, count per cell) for ``years`` in ``cells`` cells."""
    return bucket_year_counts(Counter(years), cells)


def bucket_year_counts(per_year: Mapping[int, int], cells: int) -> tuple[int, int, list[int]]:
    """``bucket_counts`` from the number of events in each year."""
    if not per_year or cells <= 0:
        return 0, 1, []
    low, high = min(per_year), max(per_year)
    per_cell = max(1, -(-(high - low + 1) // cells))  # ceiling division
    counts = [0] * ((high - low) // per_cell + 1)
    for year, count in per_year.items():
        counts[(year - low) // per_cell] += count
    return low, per_cell, counts


def bar(count: int, most: int) -> str:
    if count == 0:
        return " "
    return _BARS[min(len(_BARS) - 1, (count * len(_BARS) - 1) // max(most, 1))]


class DensityStrip(Widget):
    """Events per year; the selected event's year is highlighted."""

    COMPONENT_CLASSES = {"density-strip--bar", "density-strip--selected", "density-strip--label"}

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._per_year: Counter[int] = Counter()
        self._buckets: dict[int, tuple[int, int, list[int]]] = {}  # by number of cells
        self._selected: int | None = None
        self.display_options = DateDisplay()

    def show(self, starts: Sequence[int], display: DateDisplay) -> None:
        """``starts``: ``date.toordinal()`` of each event's start, in timeline order."""
        self.display_options = display
        years, firsts = year_groups(starts, display.first)
        per_year: Counter[int] = Counter()
        for year, first, following in zip(years, firsts, [*firsts[1:], len(starts)]):
            per_year[year] += following - first
        self._per_year = per_year
        self._buckets = {}
        self.refresh()

    def select(self, event: Event | None) -> None:
        self._selected = None if event is None else event_year(event, self.display_options.first)
        self.refresh()

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        base = self.rich_style
        label = base + self.get_component_rich_style("density-strip--label")
        if y > 0 or not self._per_year:
            return Strip.blank(width, base)
        persian = self.display_options.persian_digits(self.display_options.first)
        low, high = min(self._per_year), max(self._per_year)
        left, right = with_digits(f"{low} ", persian), with_digits(f" {high}", persian)
        status = ""
        if self._selected is not None:
            count = self._per_year[self._selected]
            status = with_digits(f"  {self._selected}: {count} ", persian) + ("event" if count == 1 else "events")
        cells = max(width - len(left) - len(right) - len(status), 1)
        if cells not in self._buckets:
            self._buckets[cells] = bucket_year_counts(self._per_year, cells)
        start, per_cell, counts = self._buckets[cells]
        most = max(counts)
        # Few years: each gets several cells, so the strip spans the line.
        cell_width = max(1, min(cells // len(counts), 8))
        selected_cell = None if self._selected is None else (self._selected - start) // per_cell
        bar_style = base + self.get_component_rich_style("density-strip--bar")
        selected_style = base + self.get_component_rich_style("density-strip--selected")
        pieces: list[Piece] = [(left, label)]
        for cell, count in enumerate(counts):
            text = bar(count, most) * cell_width
            if cell == selected_cell:
                pieces.append((text if count else "▁" * cell_width, selected_style))
            else:
                pieces.append((text, bar_style))
        pieces += [(right, label), (status, label)]
        return to_strip(fit(pieces, width), width, base)
