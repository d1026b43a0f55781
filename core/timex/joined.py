"""A rule's match together with the match of what comes right before it
(``Rule.before``), read by a reader as one match."""

from __future__ import annotations

import re


class Joined:
    """Looks like the ``re.Match`` of the whole: ``m["day"]``, ``m.start()``,
    ``m.end()``, ``m.span(group)``, ``m.groupdict()``, ``m.string``. A group
    neither part has is None."""

    __slots__ = ("main", "before", "string")

    def __init__(self, main: re.Match[str], before: re.Match[str] | None) -> None:
        self.main, self.before, self.string = main, before, main.string

    def __getitem__(self, group: str) -> str | None:
        d = self.main.groupdict()
        if d.get(group) is not None:
            return d[group]
        return self.before.groupdict().get(group) if self.before is not None else None

    def group(self, group: str | int = 0) -> str | None:
        if group == 0:
            return self.string[self.start():self.end()]
        return self[group]

    def groupdict(self) -> dict[str, str | None]:
        d = dict(self.before.groupdict()) if self.before is not None else {}
        d.update({k: v for k, v in self.main.groupdict().items() if v is not None or k not in d})
        return d

    def start(self, group: str | int = 0) -> int:
        return self.span(group)[0]

    def end(self, group: str | int = 0) -> int:
        return self.span(group)[1]

    def span(self, group: str | int = 0) -> tuple[int, int]:
        if group == 0:
            return (self.before or self.main).start(), self.main.end()
        if self.before is None or (group in self.main.groupdict() and self.main.group(group) is not None):
            return self.main.span(group)
        return self.before.span(group)
