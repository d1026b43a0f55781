"""``p``: the inputs (or lines of them) that could not be read, one line each."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.widgets.safe_text import safe_line
from tui.widgets.strips import visual_label


class ProblemsScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,p", "close", "close", id="problems.close")]

    def __init__(self, problems: Sequence[object], visual: bool = False) -> None:
        super().__init__()
        self._problems = problems
        self._visual = visual

    def compose(self) -> ComposeResult:
        text = Text()
        text.append(f"{len(self._problems)} input problem(s); everything else was read.\n\n", style="bold")
        for problem in self._problems:
            text.append(visual_label(safe_line(str(problem)), self._visual) + "\n")
        with VerticalScroll(id="problems-box"):
            yield Static(text)

    def action_close(self) -> None:
        self.dismiss(None)
