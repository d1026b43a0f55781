"""How a timeline row shares its width: dates first, never cut.

Columns by priority: the marks (search match, granularity, qualifier), the
date in the first calendar, the summary (at least ``MIN_SUMMARY`` cells when
the pane allows), the date in the second calendar, the document tag; the
summary takes what is left and ends in "…" when it is longer. A column that
does not fit is left out whole — a date is never shown cut, since a cut
date (``۱ خرداد`` for ``۱۶ خرداد``) reads as another date.

Columns are planned once for the pane (so rows line up); a row whose date
label is wider than its column takes the extra cells from its own summary,
then drops its second date and document tag rather than cutting a date.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

MARKS = 3  # search match, granularity, qualifier
GAP = 2  # between columns
MIN_SUMMARY = 12
# A date column is as wide as all but the widest few labels (wide ranges),
# which widen their own row only: one long range must not push the summary
# and the second date off every row.
COVERED = 0.95
MAX_FIRST = 24
MAX_SECOND = 22


def column_width(label_widths: Sequence[int]) -> int:
    """Cells that hold ``COVERED`` of the labels whole."""
    if not label_widths:
        return 0
    ordered = sorted(label_widths)
    return ordered[max(math.ceil(len(ordered) * COVERED) - 1, 0)]


def column_width_counted(counts: Mapping[int, int]) -> int:
    """``column_width`` from how many labels have each width (labels counted as they are read)."""
    total = sum(counts.values())
    if not total:
        return 0
    wanted = max(math.ceil(total * COVERED) - 1, 0)  # the position column_width takes, in sorted order
    seen = 0
    for width in sorted(counts):
        seen += counts[width]
        if seen > wanted:
            return width
    return max(counts)


@dataclass(frozen=True, slots=True)
class Columns:
    """Cells given to each column of a row; 0 means the column is not shown."""

    first: int
    second: int
    summary: int
    tag: int


def plan(width: int, first: int, second: int, tag: int) -> Columns:
    """Columns for a pane ``width`` cells wide, given the widest first and
    second date labels and document tag (0: no tags)."""
    first = min(first, MAX_FIRST)
    second = min(second, MAX_SECOND)
    used = MARKS + 1 + first
    shown_second = shown_tag = 0
    if second and used + GAP + second + GAP + MIN_SUMMARY <= width:
        shown_second = second
        used += GAP + second
    if tag and used + GAP + MIN_SUMMARY + 1 + tag <= width:
        shown_tag = tag
        used += 1 + tag
    summary = max(width - used - GAP, 0)
    return Columns(first, shown_second, summary, shown_tag)


def fit_row(columns: Columns, width: int, first: int, second: int) -> Columns:
    """``columns`` for one row whose labels are ``first`` and ``second`` cells
    wide: a wider label widens its column, taken from the summary, then from
    the second date and the tag, which are dropped whole."""
    first_cells = max(columns.first, first)
    second_cells = max(columns.second, second) if columns.second else 0
    tag = columns.tag

    def used() -> int:
        return MARKS + 1 + first_cells + (GAP + second_cells if second_cells else 0) + (1 + tag if tag else 0)

    if second_cells and used() + GAP > width:
        second_cells = 0
    if tag and used() + GAP > width:
        tag = 0
    summary = max(width - used() - GAP, 0)
    if summary == 0 and used() > width:  # only a very narrow pane cuts the first date
        first_cells = max(width - MARKS - 1, 0)
    return Columns(first_cells, second_cells, summary, tag)
