"""``f``: narrow the timeline by actor, place, document and date range.

Names are completed as they are typed, by asking the store for the names
that start with what is written (``EventStore.names``), never from a list of
every name.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Vertical
from textual.screen import ModalScreen
from textual.suggester import Suggester
from textual.widgets import Input, Label

from core.store import Query
from tui.widgets.bidi_input import BidiInput
from tui.widgets.strips import visual_label

# names(kind, prefix, limit): the names of a kind that start with prefix, best first.
NameLookup = Callable[[str, str, int], list[str]]


@dataclass(frozen=True, slots=True)
class FilterSpec:
    actor: str = ""
    place: str = ""
    document: str = ""
    start: date | None = None
    end: date | None = None

    @property
    def empty(self) -> bool:
        return self == FilterSpec()

    def query(self) -> Query:
        return Query(start=self.start, end=self.end, actor=self.actor or None, place=self.place or None,
                     document=self.document or None)

    def describe(self) -> str:
        parts = [f"{name}={value}" for name, value in
                 (("actor", self.actor), ("place", self.place), ("document", self.document)) if value]
        if self.start and self.end:
            parts.append(f"{self.start}…{self.end}")
        elif self.start:
            parts.append(f"from {self.start}")
        elif self.end:
            parts.append(f"until {self.end}")
        return ", ".join(parts)


class NameSuggester(Suggester):
    """Completes a field with the first name of its kind that starts with what is typed."""

    def __init__(self, kind: str, names: NameLookup) -> None:
        super().__init__(use_cache=True, case_sensitive=False)
        self._kind = kind
        self._names = names

    async def get_suggestion(self, value: str) -> str | None:
        if not value:
            return None
        found = self._names(self._kind, value, 1)
        return found[0] if found else None


class FilterScreen(ModalScreen[FilterSpec | None]):
    """Returns the new filter (all fields empty: no filter), or None when cancelled."""

    BINDINGS = [Binding("escape", "cancel", "cancel", id="filter.cancel")]

    def __init__(self, current: FilterSpec, parse_date: Callable[[str], date], names: NameLookup | None = None,
                 visual: bool = False) -> None:
        super().__init__()
        self._visual = visual
        self._current = current
        self._parse_date = parse_date
        self._names = names

    def compose(self) -> ComposeResult:
        current = self._current
        values = {"actor": current.actor, "place": current.place, "document": current.document,
                  "from": current.start.isoformat() if current.start else "",
                  "to": current.end.isoformat() if current.end else ""}
        with Vertical(id="filter-box", classes="prompt"):
            yield Label("filter the timeline — Tab moves, Enter applies, empty fields match all, Escape cancels")
            with Grid(id="filter-grid"):
                for name, value in values.items():
                    yield Label(name, classes="field-name")
                    suggester = (NameSuggester(name, self._names)
                                 if self._names is not None and name in ("actor", "place", "document") else None)
                    placeholder = "YYYY-MM-DD or Jalali 1403-09-07" if name in ("from", "to") else f"any {name}"
                    yield BidiInput(value, placeholder=placeholder, id=f"filter-{name}", suggester=suggester,
                                    visual=self._visual)
            yield Label("", id="filter-error", markup=False)

    def _field(self, name: str) -> str:
        return self.query_one(f"#filter-{name}", Input).value.strip()

    @on(Input.Submitted)
    def submitted(self) -> None:
        dates: dict[str, date | None] = {}
        for name in ("from", "to"):
            value = self._field(name)
            try:
                dates[name] = self._parse_date(value) if value else None
            except ValueError as error:
                self.query_one("#filter-error", Label).update(visual_label(f"{name}: {error}", self._visual))
                self.query_one(f"#filter-{name}", Input).focus()
                return
        self.dismiss(FilterSpec(self._field("actor"), self._field("place"), self._field("document"),
                                dates["from"], dates["to"]))

    def action_cancel(self) -> None:
        self.dismiss(None)
