"""The Textual application: settings, keymap, app-wide keys and the command palette.

Everything on screen lives in ``tui/screens`` and ``tui/widgets``; this class
only wires them up. Commands in the palette are named "group: verb".
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from pathlib import Path

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from tui.config import Settings
from tui.screens.export_screen import EXPORT_FORMATS
from tui.screens.help_screen import HelpScreen
from tui.screens.timeline_screen import Loader, TimelineScreen, ViewOptions
from tui.widgets.date_labels import DateDisplay


class RuydadApp(App[int]):
    """ruydad's timeline explorer."""

    CSS_PATH = "app.tcss"
    TITLE = "ruydad"
    ENABLE_COMMAND_PALETTE = True

    BINDINGS = [
        Binding("q", "quit_app", "quit", id="app.quit"),
        Binding("question_mark,f1", "help", "help", id="app.help"),
        Binding("colon", "command_palette", "commands", id="app.palette"),
    ]

    def __init__(self, loader: Loader, settings: Settings | None = None, visual: bool = False,
                 export_folder: Path | None = None, ansi_colors: bool = False) -> None:
        super().__init__()
        self.settings = settings or Settings()
        self._loader = loader
        self._export_folder = export_folder
        self._visual = visual
        if self.settings.theme:
            self.theme = self.settings.theme
        elif ansi_colors:
            self.theme = "ansi-dark"

    def get_default_screen(self) -> Screen:
        options = ViewOptions(DateDisplay(self.settings.calendar, self.settings.digits), self._visual)
        return TimelineScreen(self._loader, options, self._export_folder)

    def on_mount(self) -> None:
        if self.settings.keys:
            self.set_keymap(self.settings.keys)

    @property
    def main(self) -> TimelineScreen:
        return next(s for s in self.screen_stack if isinstance(s, TimelineScreen))

    def action_quit_app(self) -> None:
        self.exit(0)

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        main = self.main
        for calendar, name in (("jalali", "Jalali"), ("gregorian", "Gregorian"), ("hijri", "Hijri")):
            yield SystemCommand(f"calendar: show {name} first", f"{name} dates in the first column",
                                partial(main.action_show_calendar, calendar))
        yield SystemCommand("bidi: logical order", "the terminal reorders Persian (VTE, Konsole, mlterm)",
                            partial(main.action_set_bidi, "logical"))
        yield SystemCommand("bidi: visual order", "ruydad reorders and joins Persian (xterm, tmux, Windows)",
                            partial(main.action_set_bidi, "visual"))
        for digits, text in (("auto", "by calendar"), ("persian", "Persian"), ("latin", "Latin")):
            yield SystemCommand(f"digits: {text}", f"write dates with {text.lower()} digits",
                                partial(main.action_set_digits, digits))
        for fmt, (label, _) in EXPORT_FORMATS.items():
            yield SystemCommand(f"export: timeline as {label}", "write the events on screen to a file",
                                partial(main.action_export, fmt))
        yield SystemCommand("event: copy to clipboard", "date, summary and sentence, by OSC 52",
                            main.action_copy_event)
        yield SystemCommand("search: find events", "search summaries, sentences, actors, places",
                            main.action_search)
        yield SystemCommand("filter: set", "by actor, place, document, date range", main.action_filter)
        yield SystemCommand("filter: clear", "show every event", partial(main.apply_filter_clear))
        for mark, words in (("relative", "dated from the publication date"), ("inferred", "dated by a guess"),
                            ("lead", "the articles' leads"), ("planned", "plans and future dates"),
                            ("recurring", "anniversaries and yearly days")):
            yield SystemCommand(f"kinds: show/hide {mark}", words, partial(main.action_toggle_kind, mark))
        yield SystemCommand("view: problems", "inputs that could not be read", main.action_problems)
        yield SystemCommand("view: help", "keys, marks and bidi modes", self.action_help)
        yield SystemCommand("theme: choose", "colours (light and dark themes)", self.action_change_theme)
        yield SystemCommand("app: quit", "leave ruydad", self.action_quit_app)
