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

from core.model import CALENDAR_NAMES
from tui.config import Settings
from tui.keymap import all_bindings
from tui.screens.export_screen import EXPORT_FORMATS, ExportScreen
from tui.screens.help_screen import HelpScreen
from tui.screens.timeline_screen import Loader, TimelineScreen, ViewOptions
from tui.date_display import DateDisplay


def binding_owners() -> list[type]:
    """Every class whose BINDINGS carry ids: what ``[keys]`` may remap."""
    from tui.screens.filter_screen import FilterScreen
    from tui.screens.documents_screen import DocumentsScreen
    from tui.screens.goto_screen import GoToDateScreen
    from tui.screens.results_screen import ResultsScreen
    from tui.screens.problems_screen import ProblemsScreen
    from tui.screens.search_screen import SearchScreen
    from tui.widgets.article_view import ArticleView
    from tui.widgets.timeline_list import TimelineList

    return [RuydadApp, TimelineScreen, TimelineList, ArticleView, SearchScreen, FilterScreen, ExportScreen,
            HelpScreen, ProblemsScreen, GoToDateScreen, DocumentsScreen, ResultsScreen]


class RuydadApp(App[int]):
    """ruydad's timeline explorer."""

    CSS_PATH = "app.tcss"
    TITLE = "ruydad"
    ENABLE_COMMAND_PALETTE = True

    BINDINGS = [
        Binding("q", "quit_app", "quit", id="app.quit"),
        # Ctrl+C quits, as in every terminal program, even from a prompt.
        Binding("ctrl+c", "quit_app", "quit", show=False, priority=True, id="app.interrupt"),
        Binding("question_mark,f1", "help", "help", id="app.help"),
        Binding("colon", "command_palette", "commands", id="app.palette"),
    ]

    def __init__(self, loader: Loader, settings: Settings | None = None, visual: bool = False,
                 export_folder: Path | None = None, ansi_colors: bool = False, inputs: str = "",
                 remember_key: str | None = None) -> None:
        """``remember_key``: where the reader was is kept under it between runs (None: not kept)."""
        super().__init__()
        self._inputs = inputs
        self._remember_key = remember_key
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
        return TimelineScreen(self._loader, options, self._export_folder, inputs=self._inputs,
                              remember_key=self._remember_key)

    def on_mount(self) -> None:
        if self.settings.keys:
            self.set_keymap(self.settings.keys)

    @property
    def main(self) -> TimelineScreen:
        return next(s for s in self.screen_stack if isinstance(s, TimelineScreen))

    def action_quit_app(self) -> None:
        self.main.remember_place()
        self.exit(0)

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(all_bindings(binding_owners()), self.settings.keys))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        main = self.main
        for calendar, name in CALENDAR_NAMES.items():
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
        yield SystemCommand("timeline: go to a date", "Gregorian or Jalali, the nearest event",
                            main.action_go_to_date)
        yield SystemCommand("filter: by document", "pick a document by title, date, source, url",
                            main.action_documents)
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
