"""``e``: choose a format and a file name for the timeline on screen."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label

# core.export's format id → (label, file extension)
EXPORT_FORMATS: dict[str, tuple[str, str]] = {
    "md": ("Markdown", "md"),
    "json": ("JSON", "json"),
    "csv": ("CSV", "csv"),
    "timelinejs": ("TimelineJS (JSON)", "timelinejs.json"),
}


@dataclass(frozen=True, slots=True)
class ExportRequest:
    format: str
    path: Path


def free_name(folder: Path, stem: str, extension: str) -> Path:
    """``stem.extension`` in ``folder``, or ``stem-2.extension`` … if taken."""
    candidate = folder / f"{stem}.{extension}"
    number = 2
    while candidate.exists():
        candidate = folder / f"{stem}-{number}.{extension}"
        number += 1
    return candidate


def format_line(chosen: str) -> str:
    """Every format, the chosen one marked in text (``(•)``), so the choice is
    visible without colour."""
    return "format: " + "  ".join(f"({'•' if name == chosen else ' '}) {label}"
                                  for name, (label, _) in EXPORT_FORMATS.items())


class ExportScreen(ModalScreen[ExportRequest | None]):
    """Returns what to write where, or None when cancelled."""

    BINDINGS = [
        Binding("escape", "cancel", "cancel", id="export.cancel"),
        # Up and down choose the format while the file name keeps left and right.
        Binding("down", "pick(1)", "next format", show=False, id="export.next-format"),
        Binding("up", "pick(-1)", "previous format", show=False, id="export.previous-format"),
    ]
    AUTO_FOCUS = "#export-path"

    def __init__(self, folder: Path, refuse: Callable[[Path], str | None], chosen: str = "md",
                 stem: str = "ruydad-timeline") -> None:
        """``refuse(path)`` says why a path may not be written (None: it may)."""
        super().__init__()
        self._folder = folder
        self._refuse = refuse
        self._format = chosen
        self._stem = stem

    def compose(self) -> ComposeResult:
        with Vertical(id="export-box", classes="prompt"):
            yield Label("export the timeline on screen (filters apply) — ↑ ↓ pick a format, Enter writes")
            yield Label(format_line(self._format), id="export-format", markup=False)
            yield Input(str(self._default_path()), id="export-path")
            yield Label("", id="export-error", markup=False)

    def _default_path(self) -> Path:
        return free_name(self._folder, self._stem, EXPORT_FORMATS[self._format][1])

    def action_pick(self, step: int) -> None:
        names = list(EXPORT_FORMATS)
        path_input = self.query_one("#export-path", Input)
        was_default = path_input.value == str(self._default_path())
        self._format = names[(names.index(self._format) + step) % len(names)]
        self.query_one("#export-format", Label).update(format_line(self._format))
        if was_default:
            path_input.value = str(self._default_path())

    @on(Input.Submitted)
    def submitted(self, event: Input.Submitted) -> None:
        value = event.value.strip()
        if not value:
            self.query_one("#export-error", Label).update("give a file name")
            return
        path = Path(value).expanduser()
        reason = self._refuse(path)
        if reason:
            self.query_one("#export-error", Label).update(reason)
            return
        self.dismiss(ExportRequest(self._format, path))

    def action_cancel(self) -> None:
        self.dismiss(None)
