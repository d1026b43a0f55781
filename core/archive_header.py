"""Is this path an archive? An SQLite database file starts with a 16-byte header.

Told apart by content, not by name: ``ruydad news.db`` and ``ruydad news``
open the same archive, and a ``.jsonl`` file is never mistaken for one.
"""

from __future__ import annotations

import os

SQLITE_HEADER = b"SQLite format 3\x00"


def is_archive(path: str | os.PathLike[str]) -> bool:
    """True when ``path`` is a regular file that starts with SQLite's header."""
    try:
        with open(path, "rb") as handle:
            if not os.path.isfile(path):
                return False
            return handle.read(len(SQLITE_HEADER)) == SQLITE_HEADER
    except OSError:
        return False
