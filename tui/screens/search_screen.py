"""``/``: one line to type a search; Enter searches, Escape cancels."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label

from tui.widgets.bidi_input import BidiInput


class SearchScreen(ModalScreen[str | None]):
    """Returns the query ("" clears the search), or None when cancelled."""

    BINDINGS = [Binding("escape", "cancel", "cancel", id="search.cancel")]

    def __init__(self, query: str = "", visual: bool = False) -> None:
        super().__init__()
        self._query = query
        self._visual = visual

    def compose(self) -> ComposeResult:
        with Vertical(id="search-box", classes="prompt"):
            yield Label("search summaries, sentences, actors, places (letter variants and ZWNJ ignored; empty clears)")
            yield BidiInput(value=self._query, placeholder="search…", id="search-input", visual=self._visual)

    @on(Input.Submitted)
    def submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value.strip())

    def action_cancel(self) -> None:
        self.dismiss(None)
