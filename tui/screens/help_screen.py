"""``?``: every key (as remapped by the config), the row marks, the bidi modes."""

from __future__ import annotations

from collections.abc import Mapping

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.date_display import GRANULARITY_MARKS, INFERRED_MARK, KIND_MARKS, KIND_WORDS, MOD_MARKS, MOD_WORDS
from tui.keymap import HELP_SECTIONS, keys_in_effect

_NOTES = (
    "Moving in time goes to the event nearest one day, month or year before (after) the selected one, "
    "in the calendar shown first; g must be pressed twice.",
    "bidi: 'logical' sends Persian in reading order, for terminals that reorder it themselves "
    "(GNOME Terminal and other VTE terminals, Konsole, mlterm); 'visual' reorders and joins letters here, "
    "for xterm, tmux, Windows Terminal. b switches; --bidi auto guesses from the terminal.",
    "The command palette (ctrl+p or :) lists every command as 'group: verb'. "
    "Keys are remapped in ~/.config/ruydad/config.toml under [keys], by the ids shown here.",
)


def help_text(bindings: Mapping[str, Binding], keymap: Mapping[str, str]) -> Text:
    """The help page as plain styled text (no markup is parsed)."""
    text = Text()
    for title, ids in HELP_SECTIONS:
        text.append(f"{title}\n", style="bold underline")
        for binding_id in ids:
            binding = bindings.get(binding_id)
            if binding is None:
                continue
            keys = " ".join(keys_in_effect(binding, keymap))
            text.append(f"  {keys:<16}", style="bold")
            text.append(f"{binding.description:<28}")
            text.append(f"{binding_id}\n", style="dim")
        text.append("\n")
    text.append("Row marks\n", style="bold underline")
    for grain, symbol in GRANULARITY_MARKS.items():
        if symbol.strip():
            text.append(f"  {symbol} {grain}")
    text.append("\n")
    for mod, symbol in MOD_MARKS.items():
        text.append(f"  {symbol} {MOD_WORDS[mod]}")
    text.append(f"\n  {INFERRED_MARK} inferred date   * search match\n")
    text.append("Before the summary\n", style="bold underline")
    for kind, symbol in KIND_MARKS.items():
        text.append(f"  {symbol} {KIND_WORDS[kind]}\n")
    text.append("  ×3 reported by three articles (the detail line lists them)\n\n")
    for note in _NOTES:
        text.append(note + "\n\n")
    return text


class HelpScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape,q,question_mark", "close", "close", id="help.close"),
        Binding("j,down", "scroll(1)", "scroll", show=False, id="help.down"),
        Binding("k,up", "scroll(-1)", "scroll", show=False, id="help.up"),
    ]

    def __init__(self, bindings: Mapping[str, Binding], keymap: Mapping[str, str]) -> None:
        """``bindings`` by id (the app's), ``keymap`` the user's ``[keys]``."""
        super().__init__()
        self._listed = bindings
        self._user_keys = keymap

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-box"):
            yield Static(help_text(self._listed, self._user_keys), id="help-text")

    def action_scroll(self, amount: int) -> None:
        self.query_one("#help-box", VerticalScroll).scroll_relative(y=amount, animate=False)

    def action_close(self) -> None:
        self.dismiss(None)
