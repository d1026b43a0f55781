"""``r``: the search's matches as a list (date and summary); Enter goes to one."""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from tui.widgets.safe_text import safe_line
from tui.widgets.strips import fit, visual_label

LIMIT = 1000  # entries listed; n/N still reach every match


class ResultsScreen(ModalScreen[int | None]):
    """Returns the chosen match's position in the timeline, or None."""

    BINDINGS = [Binding("escape,r", "cancel", "close", id="results.close")]

    def __init__(self, query: str, matches: Sequence[tuple[int, str, str]], current: int | None,
                 visual: bool = False, total: int | None = None) -> None:
        """``matches``: (timeline position, date label, summary) of each match listed
        (at most ``LIMIT``); ``total``: how many there are in all."""
        super().__init__()
        self._query = query
        self._matches = list(matches)[:LIMIT]
        self._total = total if total is not None else len(matches)
        self._current = current
        self._visual = visual

    def compose(self) -> ComposeResult:
        shown = f"{len(self._matches)} of {self._total}" if self._total > len(self._matches) else str(self._total)
        with Vertical(id="results-box", classes="prompt"):
            yield Label(visual_label(f"{shown} events match «{safe_line(self._query)}» — ↑ ↓ move, Enter goes "
                                     "there, Escape closes", self._visual), markup=False)
            yield OptionList(*[Option(self._entry(label, summary), id=str(position))
                               for position, label, summary in self._matches], id="results-list")

    def _entry(self, label: str, summary: str) -> Text:
        # One line each, cut before reordering: a list would wrap a reordered
        # line from its end, putting a sentence's last words first.
        room = max(self.app.size.width - 8 - cell_len(label), 10)
        cut = "".join(text for text, _ in fit([(safe_line(summary), Style())], room))
        text = Text(visual_label(label, self._visual), style="bold", no_wrap=True, overflow="ellipsis")
        text.append("  " + visual_label(cut, self._visual))
        return text

    def on_mount(self) -> None:
        listing = self.query_one(OptionList)
        positions = [p for p, _, _ in self._matches]
        if positions:
            listing.highlighted = positions.index(self._current) if self._current in positions else 0
        listing.focus()

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(int(event.option.id or 0))

    def action_cancel(self) -> None:
        self.dismiss(None)
