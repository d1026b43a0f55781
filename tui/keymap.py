"""Every key binding of the app by id: for the config's ``[keys]`` and the help screen.

Bindings live with the widget or screen they act on (``Binding(..., id=…)``);
this module only gathers them from the classes it is given (the app knows
which: ``tui.app.binding_owners``), checks a user keymap against their ids
and says which keys are in effect. It imports no screen, so nothing imports
back into it in a circle.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from textual.binding import Binding
from textual.keys import format_key

from tui.config import ConfigError

# Help screen sections: title, binding ids in order.
HELP_SECTIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Timeline", ("timeline.down", "timeline.up", "timeline.top", "timeline.first", "timeline.bottom",
                  "timeline.page-up", "timeline.page-down", "timeline.previous-year", "timeline.next-year",
                  "timeline.go-to-date", "timeline.open-source")),
    ("Moving in time (the nearest event)", ("time.day-back", "time.day-forward", "time.month-back",
                                            "time.month-forward", "time.year-back", "time.year-forward")),
    ("Article", ("article.next-event", "article.previous-event", "article.next-report", "article.previous-report",
                 "article.back", "article.down", "article.up",
                 "article.page-down", "article.page-up", "article.top", "article.bottom")),
    ("Search and filter", ("timeline.search", "search.next", "search.previous", "search.results", "timeline.filter",
                           "timeline.documents", "filter.clear")),
    ("Show and hide by kind", ("kinds.relative", "kinds.inferred", "kinds.lead", "kinds.planned",
                               "kinds.recurring")),
    ("View", ("view.calendar", "view.bidi", "view.problems", "app.help", "app.palette")),
    ("Event and timeline", ("event.copy", "timeline.export", "app.quit", "app.interrupt")),
)


def all_bindings(owners: Iterable[type]) -> dict[str, Binding]:
    """Bindings by id, from the classes that own them (``tui.app.binding_owners``)."""
    found: dict[str, Binding] = {}
    for owner in owners:
        for binding in getattr(owner, "BINDINGS", ()):
            if isinstance(binding, Binding) and binding.id:
                found.setdefault(binding.id, binding)
    return found


def check_keymap(keys: Mapping[str, str], source: str, known: Mapping[str, Binding]) -> dict[str, str]:
    """The user's ``[keys]`` if every id is ``known`` and no value is empty."""
    for binding_id, value in keys.items():
        if binding_id not in known:
            raise ConfigError(f"{source}: [keys] has no binding {binding_id!r} (see the help screen, ? in the app)")
        if not [k for k in value.split(",") if k.strip()]:
            raise ConfigError(f"{source}: [keys] {binding_id!r} has no key")
    return dict(keys)


def keys_in_effect(binding: Binding, keymap: Mapping[str, str]) -> list[str]:
    """The keys that trigger ``binding`` now, written as a person types them."""
    value = keymap.get(binding.id or "", binding.key)
    shown = []
    for key in value.split(","):
        key = key.strip()
        shown.append(key if len(key) == 1 else format_key(key))  # a character shows as itself
    return shown
