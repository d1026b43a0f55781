"""``o``: pick a document by its title, date, source or url, to show only its events.

Typing narrows the list (letters folded as the search folds them: ZWNJ,
Arabic and Persian letter forms, digits); ↑ ↓ move, Enter picks, Escape
cancels. Each entry: the document's tag (``#5``, as on the timeline rows),
title, publication date, source and url.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from core.model import Document
from core.normalize import fold
from tui.date_display import DateDisplay, day_labels
from tui.widgets.bidi_input import BidiInput
from tui.widgets.safe_text import safe_line
from tui.widgets.strips import fit, visual_label


def _key(text: str) -> str:
    return "".join(fold(text).replace("\u200c", "").split()).lower()


class DocumentsScreen(ModalScreen[str | None]):
    """Returns the chosen document's id, or None when cancelled."""

    BINDINGS = [
        Binding("escape", "cancel", "cancel", id="documents.cancel"),
        Binding("down", "move(1)", "next", show=False, id="documents.down"),
        Binding("up", "move(-1)", "previous", show=False, id="documents.up"),
    ]

    def __init__(self, documents: Sequence[Document], tags: Mapping[str, str], display: DateDisplay,
                 visual: bool = False) -> None:
        super().__init__()
        self._documents = list(documents)
        self._tags = tags
        self._display = display
        self._visual = visual
        self._keys = [_key(" ".join((tags.get(d.id, ""), d.id, d.title, d.source, d.url))) for d in self._documents]

    def compose(self) -> ComposeResult:
        with Vertical(id="documents-box", classes="prompt"):
            yield Label(f"{len(self._documents)} documents — type to narrow, ↑ ↓ move, Enter shows only "
                        "its events (F clears), Escape cancels")
            yield BidiInput(placeholder="title, source, url or #tag…", id="documents-input", visual=self._visual)
            yield OptionList(id="documents-list")

    def on_mount(self) -> None:
        self._fill("")

    def _cut(self, text: str, used: int) -> str:
        """``text`` cut to one line before it is reordered (a list would wrap
        a reordered line from its end)."""
        room = max(self.app.size.width - 8 - used, 10)
        return "".join(piece for piece, _ in fit([(text, Style())], room))

    def _entry(self, document: Document) -> Text:
        visual = self._visual
        tag = self._tags.get(document.id, "")
        title = visual_label(self._cut(safe_line(document.title or document.id), cell_len(tag) + 1), visual)
        text = Text(f"{self._tags.get(document.id, '')} ".lstrip(), style="bold")
        text.append(title, style="bold")
        details = []
        if document.published:
            details.extend(day_labels(document.published, self._display))
        if document.source:
            details.append(safe_line(document.source))
        details.append(safe_line(document.url) if document.url else document.id)
        # Each part in its own direction (a Jalali date right to left, a url left to right).
        text.append("\n  " + " · ".join(visual_label(self._cut(part, 2), visual) for part in details), style="dim")
        return text

    def _fill(self, typed: str) -> None:
        wanted = _key(typed)
        options = [Option(self._entry(d), id=d.id) for d, key in zip(self._documents, self._keys)
                   if wanted in key]
        listing = self.query_one(OptionList)
        listing.clear_options()
        listing.add_options(options)
        if options:
            listing.highlighted = 0

    @on(Input.Changed)
    def _typed(self, event: Input.Changed) -> None:
        self._fill(event.value)

    def action_move(self, step: int) -> None:
        listing = self.query_one(OptionList)
        if listing.option_count:
            current = listing.highlighted or 0
            listing.highlighted = min(max(current + step, 0), listing.option_count - 1)

    @on(Input.Submitted)
    def _submitted(self) -> None:
        listing = self.query_one(OptionList)
        if listing.highlighted is not None and listing.option_count:
            self.dismiss(listing.get_option_at_index(listing.highlighted).id)

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)
