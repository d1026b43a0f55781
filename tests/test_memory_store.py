"""MemoryStore: a built timeline read through the store protocol (core.store),
the page cache stores index through, and how an archive is told from an article."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest

from app_fixtures import DAM, TRIP, sample_timeline
from core.archive_header import is_archive
from core.documents import Problem
from core.memory_store import MemoryStore
from core.model import MARKS
from core.page_cache import PageCache
from core.store import Query

ORDER = ["trip:2", "dam:2", "dam:3", "dam:1", "dam:4", "trip:1", "trip:3", "dam:5"]


def store() -> MemoryStore:
    return MemoryStore(sample_timeline([Problem("bad.txt", 4, "not UTF-8")]))


def test_everything_in_timeline_order_indexes_like_a_list() -> None:
    everything = store().select(Query())
    assert len(everything) == 8
    assert [e.id for e in everything] == ORDER
    assert everything[0].id == "trip:2" and everything[-1].id == "dam:5"
    assert [e.id for e in everything.page(6, 5)] == ["trip:3", "dam:5"]  # fewer at the end
    assert everything.page(8, 5) == [] and everything.page(0, 0) == []
    with pytest.raises(IndexError):
        everything[8]
    assert list(everything.starts()) == [e.date.start.toordinal() for e in everything]
    assert everything.position_of("dam:4") == 4 and everything.position_of("nope") is None


@pytest.mark.parametrize("query, expected", [
    (Query(place="کرج"), ["dam:1", "trip:1"]),
    (Query(place="كرج"), ["dam:1", "trip:1"]),                      # Arabic kaf
    (Query(actor="وزیر"), ["dam:1"]),                                # part of a name
    (Query(start=date(2023, 1, 1), end=date(2023, 12, 31)), ["dam:1", "dam:4"]),
    (Query(start=date(2026, 12, 1)), ["dam:5"]),                     # overlaps, starts earlier
    (Query(document="trip"), ["trip:2", "trip:1", "trip:3"]),
    (Query(search="بتنريزي"), ["dam:4"]),                             # no ZWNJ, Arabic yeh
    (Query(search="کرج", document="dam"), ["dam:1"]),
    (Query(place="اصفهان"), []),
    (Query(kinds=frozenset(MARKS) - {"inferred"}), [i for i in ORDER if i != "trip:3"]),
    (Query(kinds=frozenset({"planned"})), []),                       # every event here happened
])
def test_select(query: Query, expected: list[str]) -> None:
    assert [e.id for e in store().select(query)] == expected


def test_matches_are_positions_in_the_selection() -> None:
    s = store()
    assert s.select(Query()).matches("کرج") == [3, 5]
    assert s.select(Query(document="trip")).matches("کرج") == [1]
    assert s.select(Query()).matches("اصفهان") == []


def test_documents_numbers_views_and_problems() -> None:
    s = store()
    assert s.document_count() == 2
    assert [d.id for d in s.documents()] == ["dam", "trip"]
    assert [d.id for d in s.documents(1)] == ["trip"] and list(s.documents(0, 1)) == [DAM]
    assert (s.document_number("dam"), s.document_number("trip"), s.document_number("x")) == (1, 2, None)
    view = s.document_view("trip")
    assert view.document is TRIP
    assert [e.id for e in view.events] == ["trip:1", "trip:2", "trip:3"]  # document order
    assert s.document_view("nope") is None
    assert s.problems() == ["bad.txt:4: not UTF-8"]


def test_names_for_completion() -> None:
    s = store()
    assert s.names("place") == ["کرج", "تهران", "شیراز"]  # کرج is named twice
    assert s.names("place", "ش") == ["شیراز"]
    assert s.names("place", "", 1) == ["کرج"]
    assert s.names("actor", "وز") == ["وزیر نیرو"]
    assert s.names("actor", "x") == []
    assert s.names("document", "t") == ["trip"] and s.names("document") == ["dam", "trip"]
    with pytest.raises(ValueError):
        s.names("colour")


def test_page_cache_reads_each_page_once_and_keeps_the_latest() -> None:
    reads: list[tuple[int, int]] = []

    def read(first: int, count: int) -> list[int]:
        reads.append((first, count))
        return list(range(first, min(first + count, 25)))

    cache = PageCache(read, 25, page_size=10, pages_kept=2)
    assert [cache[i] for i in (0, 9, 3, 10, 24, -1)] == [0, 9, 3, 10, 24, 24]
    assert reads == [(0, 10), (10, 10), (20, 10)]
    cache[15]  # still kept
    cache[0]   # the oldest page was dropped: read again
    assert reads[3:] == [(0, 10)]
    for outside in (25, -26):
        with pytest.raises(IndexError):
            cache[outside]


def test_an_archive_is_told_by_its_header(tmp_path: Path) -> None:
    archive = tmp_path / "news"  # no suffix needed
    with sqlite3.connect(archive) as connection:
        connection.execute("CREATE TABLE t (x)")
    connection.close()
    (tmp_path / "a.jsonl").write_text('{"id": "1", "text": "SQLite format 3"}\n', encoding="utf-8")
    (tmp_path / "short.db").write_bytes(b"SQLite format")
    (tmp_path / "empty.db").write_bytes(b"")
    assert is_archive(archive) and is_archive(str(archive))
    for path in ("a.jsonl", "short.db", "empty.db", "missing.db", "."):
        assert not is_archive(tmp_path / path), path
