"""The footer: the keys that matter now, on one line.

Textual's Footer rebuilds a widget per key whenever focus moves (over 100 ms
with a large timeline on screen); this draws the same information as one
line of text, repainted when the screen's bindings change.
"""

from __future__ import annotations

from textual import events
from textual.binding import Binding
from textual.dom import DOMNode
from textual.strip import Strip
from textual.widget import Widget

from tui.widgets.strips import Piece, fit, pieces_width, to_strip


class KeyBar(Widget):
    COMPONENT_CLASSES = {"key-bar--key", "key-bar--description"}

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._spans: list[tuple[int, int, DOMNode, Binding]] = []  # cells of each hint drawn

    async def on_click(self, event: events.Click) -> None:
        """A click on a hint runs it, as its key would."""
        for start, end, node, binding in self._spans:
            if start <= event.x < end:
                event.stop()
                await self.app.run_action(binding.action, node)
                return

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, _screen: object) -> None:
        self.refresh()

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        base = self.rich_style
        if y > 0:
            return Strip.blank(width, base)
        key_style = base + self.get_component_rich_style("key-bar--key")
        description_style = base + self.get_component_rich_style("key-bar--description")
        pieces: list[Piece] = []
        used = 0
        seen: set[str] = set()
        self._spans = []
        for node, binding, enabled, _tooltip in self.screen.active_bindings.values():
            if not binding.show or not enabled or binding.action in seen:
                continue
            seen.add(binding.action)
            key = self.app.get_key_display(binding)
            entry = [(" " if pieces else "", base), (key, key_style), (f" {binding.description}", description_style)]
            size = pieces_width(entry)
            if used + size > width:
                break  # whole entries only: the first keys are the ones that matter most
            pieces.extend(entry)
            self._spans.append((used, used + size, node, binding))
            used += size
        return to_strip(fit(pieces, width), width, base)
