"""``t``: go to a date, written in either calendar, as in the filter.

``2024-11-30`` or ``1403/09/10`` (a year below 1700 is Jalali), or a month
(``1403-09``, ``2024-11``) or a year (``1399``, ``2020``) for its first day;
Persian digits too. The timeline selects the event that starts nearest it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label

from tui.widgets.bidi_input import BidiInput
from tui.widgets.strips import visual_label

_MONTH_OR_YEAR = re.compile(r"(\d{3,4})(?:[-/.](\d{1,2}))?")
_DIGITS = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "01234567890123456789")


def read_day(text: str, parse_date: Callable[[str], date]) -> date:
    """The first day ``text`` names; ValueError (with the reason) if none."""
    value = text.strip()
    match = _MONTH_OR_YEAR.fullmatch(value.translate(_DIGITS))
    if match is None:
        return parse_date(value)
    year, month = int(match[1]), int(match[2] or 1)
    return parse_date(f"{year:04d}-{month:02d}-01")


class GoToDateScreen(ModalScreen[date | None]):
    """Returns the day to go to, or None when cancelled."""

    BINDINGS = [Binding("escape", "cancel", "cancel", id="goto.cancel")]

    def __init__(self, parse_date: Callable[[str], date], visual: bool = False) -> None:
        super().__init__()
        self._parse_date = parse_date
        self._visual = visual

    def compose(self) -> ComposeResult:
        with Vertical(id="goto-box", classes="prompt"):
            yield Label("go to a date — Gregorian or Jalali: 2024-11-30, 1403/09/10, a month 1403-09, a year 1399")
            yield BidiInput(placeholder="date…", id="goto-input", visual=self._visual)
            yield Label("", id="goto-error", markup=False)

    @on(Input.Submitted)
    def submitted(self, event: Input.Submitted) -> None:
        try:
            day = read_day(event.value, self._parse_date)
        except ValueError as error:
            self.query_one("#goto-error", Label).update(visual_label(str(error), self._visual))
            return
        self.dismiss(day)

    def action_cancel(self) -> None:
        self.dismiss(None)
