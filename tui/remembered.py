"""Where the reader was, per set of inputs, kept between runs.

Opening the same files again brings back the selected event, the filter and
the search. One small JSON file under the XDG state directory
(``$XDG_STATE_HOME/ruydad/places.json``, by default ``~/.local/state``),
keyed by the inputs' absolute paths; the most recent ``KEEP`` sets are kept.
Standard input is never remembered (it is not the same input twice). A
missing, unreadable or damaged file is treated as empty, and a failed write
is ignored: remembering is a convenience, never a reason to fail.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

KEEP = 50


@dataclass(frozen=True, slots=True)
class Place:
    event: str = ""
    search: str = ""
    actor: str = ""
    place: str = ""
    document: str = ""
    start: date | None = None
    end: date | None = None


def state_file(environ: Mapping[str, str] | None = None) -> Path:
    env = os.environ if environ is None else environ
    base = env.get("XDG_STATE_HOME") or str(Path(env.get("HOME", "~")).expanduser() / ".local" / "state")
    return Path(base) / "ruydad" / "places.json"


def inputs_key(paths: Sequence[str]) -> str | None:
    """One key for these inputs (None: not rememberable, e.g. standard input)."""
    if not paths or "-" in paths:
        return None
    named = sorted(str(Path(p).resolve()) for p in paths)
    return hashlib.sha256("\n".join(named).encode("utf-8")).hexdigest()[:24]


def _read(path: Path) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _day(value: object) -> date | None:
    try:
        return date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def recall(key: str, path: Path | None = None) -> Place | None:
    entry = _read(path or state_file()).get(key)
    if not isinstance(entry, dict):
        return None
    text = {name: entry.get(name) if isinstance(entry.get(name), str) else ""
            for name in ("event", "search", "actor", "place", "document")}
    return Place(**text, start=_day(entry.get("start")), end=_day(entry.get("end")))


def remember(key: str, place: Place, path: Path | None = None) -> None:
    path = path or state_file()
    entries = _read(path)
    entries.pop(key, None)
    entries[key] = {"event": place.event, "search": place.search, "actor": place.actor, "place": place.place,
                    "document": place.document, "start": place.start.isoformat() if place.start else None,
                    "end": place.end.isoformat() if place.end else None}
    kept = dict(list(entries.items())[-KEEP:])  # insertion order: the most recent last
    written: str | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=path.parent, delete=False,
                                         prefix=".places-", suffix=".json") as handle:
            written = handle.name
            json.dump(kept, handle, ensure_ascii=False)
        os.replace(written, path)  # whole or not at all: a reader never sees half a file
    except OSError:
        if written is not None and os.path.exists(written):
            os.unlink(written)
