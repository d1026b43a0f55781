"""An archive of analysed documents on disk: SQLite (standard library) with
an FTS5 index, written by ``ruydad index`` and read page by page.

What it holds: every document with the fields its input carried (keyed by a
hash of its content, so the same document is never read twice), its
sentences, its mentions, its single-document events (``reports``, with the
words they are merged on), and the timeline's events (``events``: reports of
one happening merged, with their sources, actors and places and a
``position`` in timeline order). Mentions and events are kept as the JSON
records ``extract --format json`` writes (``core.export``), so fields the
contract gains later are kept too, next to the columns queries use.

Writing (``ArchiveWriter``): documents go in batches, a document always with
its whole analysis in one transaction, and each mark the intervals (days)
their reports touch as dirty. Merging (``merge_dirty``) then rebuilds the
events of each dirty interval from all the reports the archive holds for it,
with ``core.merging`` (the algorithm the in-memory timeline uses), and
positions are renumbered. Killed at any point, the archive keeps what was
committed, and the next run finds the same dirty intervals and finishes.

Reading (``ArchiveStore``, the ``core.store`` protocol): a query is answered
with the positions of the events it selects and their start days (two
integer columns); events are read a page at a time. Search uses the FTS5
``trigram`` tokenizer over the squashed text (``core.timeline.squash``), which
is a substring match as ``Timeline.search`` is; needles shorter than three
characters are looked for by a scan.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import threading
from array import array
from bisect import bisect_left
from collections import OrderedDict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import islice
from datetime import date
from pathlib import Path

from core.archive_header import is_archive  # one test of the header, light enough for the app to start with
from core.documents import Problem
from core.events import Publication
from core.export import event_record, mention_record
from core.merging import merge_interval
from core.model import GRANULARITY_RANK, MARKS, Document, Event, Sentence
from core.records import event_from_record, mentions_from_records
from core.store import DocumentView, Query
from core.timeline import DocumentAnalysis, Timeline, name_keys, search_text, squash

SCHEMA_VERSION = "1"
PAGE = 64
_PAGES_KEPT = 32

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS documents (
    doc_no INTEGER PRIMARY KEY,          -- input order: the timeline's document order
    hash TEXT NOT NULL UNIQUE,
    id TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL, source TEXT NOT NULL, url TEXT NOT NULL, category TEXT NOT NULL,
    tags TEXT NOT NULL,                  -- JSON list
    given_date TEXT,                     -- the date the input carried
    published TEXT,                      -- the date used (given, --date, or inferred)
    published_inferred INTEGER NOT NULL, published_reason TEXT NOT NULL,
    path TEXT NOT NULL, line INTEGER, body_start INTEGER NOT NULL,
    text TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS sentences (
    doc_no INTEGER NOT NULL, idx INTEGER NOT NULL, start INTEGER NOT NULL, end INTEGER NOT NULL,
    PRIMARY KEY (doc_no, idx)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS mentions (
    doc_no INTEGER NOT NULL, n INTEGER NOT NULL, start_day INTEGER, end_day INTEGER,
    record TEXT NOT NULL, PRIMARY KEY (doc_no, n)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS reports (
    report_no INTEGER PRIMARY KEY, doc_no INTEGER NOT NULL, n INTEGER NOT NULL,
    start_day INTEGER NOT NULL, end_day INTEGER NOT NULL, granularity_rank INTEGER NOT NULL,
    lead INTEGER NOT NULL, span_start INTEGER NOT NULL,
    words TEXT NOT NULL,                 -- the words it is merged on, one a line
    record TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS reports_interval ON reports (start_day, end_day);
CREATE UNIQUE INDEX IF NOT EXISTS reports_document ON reports (doc_no, n);
CREATE TABLE IF NOT EXISTS events (
    event_no INTEGER PRIMARY KEY, event_id TEXT NOT NULL, position INTEGER,
    start_day INTEGER NOT NULL, end_day INTEGER NOT NULL, granularity_rank INTEGER NOT NULL,
    kind TEXT,
    marks INTEGER NOT NULL,              -- Event.marks, bit k for core.model.MARKS[k]
    lead INTEGER NOT NULL, doc_no INTEGER NOT NULL, span_start INTEGER NOT NULL,
    n INTEGER NOT NULL,
    record TEXT);                        -- NULL: the same as its (only) report's
CREATE INDEX IF NOT EXISTS events_position ON events (position);
CREATE INDEX IF NOT EXISTS events_interval ON events (start_day, end_day);
CREATE INDEX IF NOT EXISTS events_id ON events (event_id);
CREATE INDEX IF NOT EXISTS events_document ON events (doc_no);
CREATE TABLE IF NOT EXISTS event_sources (
    event_no INTEGER NOT NULL, doc_no INTEGER NOT NULL, sentence_idx INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS event_sources_event ON event_sources (event_no);
CREATE INDEX IF NOT EXISTS event_sources_doc ON event_sources (doc_no);
CREATE TABLE IF NOT EXISTS names (
    event_no INTEGER NOT NULL, kind TEXT NOT NULL, name TEXT NOT NULL,
    key TEXT NOT NULL,                   -- the name squashed, for filters
    weight INTEGER NOT NULL);            -- reports of the event, for ranking names
CREATE INDEX IF NOT EXISTS names_event ON names (event_no);
CREATE INDEX IF NOT EXISTS names_kind ON names (kind, key);
CREATE VIRTUAL TABLE IF NOT EXISTS events_text USING fts5 (haystack, tokenize = 'trigram');
CREATE TABLE IF NOT EXISTS dirty (start_day INTEGER NOT NULL, end_day INTEGER NOT NULL,
    PRIMARY KEY (start_day, end_day)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS problems (problem_no INTEGER PRIMARY KEY, line TEXT NOT NULL);
"""

_TIMELINE_ORDER = "start_day, end_day, granularity_rank, lead, doc_no, span_start, n"
# An event's record: its own, or (one report, nothing merged) its report's.
_EVENT_RECORD = ("coalesce(e.record, (SELECT r.record FROM reports r WHERE r.doc_no = e.doc_no AND r.n = e.n))"
                 " FROM events e")


def content_hash(document: Document) -> str:
    """The key of a document: everything read from the input that the analysis
    depends on or the archive shows, not where it was read from. An archive
    holds a document once: ``--date`` applies to the documents a run adds."""
    fields = [document.id, document.title, document.text, document.source, document.url, document.category,
              list(document.tags), document.published.isoformat() if document.published else None,
              document.body_start]
    return hashlib.sha256(json.dumps(fields, ensure_ascii=False).encode("utf-8")).hexdigest()


def _connect(path: str | Path, read_only: bool) -> sqlite3.Connection:
    if read_only:
        db = sqlite3.connect(f"file:{Path(path).resolve()}?mode=ro", uri=True, check_same_thread=False,
                             isolation_level=None)
    else:
        db = sqlite3.connect(path, isolation_level=None)
        # Another program's database is left as it is (WAL would rewrite its header).
        tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if tables and "meta" not in tables:
            db.close()
            raise ArchiveError(f"{path}: a SQLite database, but not a ruydad archive")
        db.execute("PRAGMA journal_mode = WAL")
        # WAL with synchronous=NORMAL: a crash loses at most the last commits, never the file.
        db.execute("PRAGMA synchronous = NORMAL")
    db.execute("PRAGMA busy_timeout = 10000")
    return db


class ArchiveError(Exception):
    """The file is not an archive ruydad can read (one line for the user)."""


def _check(db: sqlite3.Connection, path: str | Path) -> None:
    try:
        row = db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
    except sqlite3.DatabaseError as error:
        raise ArchiveError(f"{path}: not a ruydad archive ({error})") from None
    if row is None or row[0] != SCHEMA_VERSION:
        raise ArchiveError(f"{path}: not a ruydad archive of version {SCHEMA_VERSION}")


# --- writing --------------------------------------------------------------------------

@dataclass
class MergeSummary:
    intervals: int = 0
    events: int = 0


class ArchiveWriter:
    """Adds analysed documents to an archive (creating it), then merges.

    Use: ``known``/``unique_id`` while reading, ``add`` per document,
    ``commit`` every batch, ``merge_dirty`` and ``close`` at the end."""

    def __init__(self, path: str | Path) -> None:
        self.path = path
        self.db = _connect(path, read_only=False)
        self.db.execute("BEGIN IMMEDIATE")
        try:
            for statement in _SCHEMA.split(";"):
                if statement.strip():
                    self.db.execute(statement)
            row = self.db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
            if row is None:
                self.db.execute("INSERT INTO meta VALUES ('schema', ?)", (SCHEMA_VERSION,))
            elif row[0] != SCHEMA_VERSION:
                raise ArchiveError(f"{path}: an archive of version {row[0]}, not {SCHEMA_VERSION}")
            self.db.execute("COMMIT")
        except BaseException:
            self.db.execute("ROLLBACK")
            self.db.close()
            raise
        # Documents of this run on their way to analysis: the archive does
        # not have them yet, but a repeat of one must see it. Dropped when
        # written, so these hold only what is in flight.
        self._ids: set[str] = set()
        self._hashes: set[str] = set()
        self._open = False

    # -- reading inputs

    def known(self, key: str) -> bool:
        """Whether a document with this content hash is in the archive (or added in this run)."""
        if key in self._hashes:
            return True
        return self.db.execute("SELECT 1 FROM documents WHERE hash = ?", (key,)).fetchone() is not None

    def unique_id(self, doc_id: str) -> str:
        """``doc_id``, or with a suffix (``~2``, ``~3`` …) if the archive holds
        another document by that id: as ``build_timeline`` names repeats."""
        def taken(candidate: str) -> bool:
            return candidate in self._ids or self.db.execute(
                "SELECT 1 FROM documents WHERE id = ?", (candidate,)).fetchone() is not None

        chosen = doc_id
        if taken(doc_id):
            n = 2
            while taken(f"{doc_id}~{n}"):
                n += 1
            chosen = f"{doc_id}~{n}"
        self._ids.add(chosen)
        return chosen

    def claim(self, key: str) -> None:
        """This run reads the document with this hash (so a repeat of it is skipped)."""
        self._hashes.add(key)

    # -- adding

    def _begin(self) -> None:
        if not self._open:
            self.db.execute("BEGIN IMMEDIATE")
            self._open = True

    def add(self, document: Document, analysis: DocumentAnalysis, key: str) -> None:
        self._begin()
        self._hashes.discard(key)
        self._ids.discard(document.id)
        p = analysis.publication
        cursor = self.db.execute(
            "INSERT INTO documents (hash, id, title, source, url, category, tags, given_date, published,"
            " published_inferred, published_reason, path, line, body_start, text)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (key, document.id, document.title, document.source, document.url, document.category,
             json.dumps(list(document.tags), ensure_ascii=False),
             document.published.isoformat() if document.published else None,
             p.date.isoformat() if p.date else None, int(p.inferred), p.reason,
             document.path, document.line, document.body_start, document.text))
        doc_no = cursor.lastrowid
        self.db.executemany("INSERT INTO sentences VALUES (?, ?, ?, ?)",
                            [(doc_no, s.index, s.span[0], s.span[1]) for s in analysis.sentences])
        self.db.executemany(
            "INSERT INTO mentions VALUES (?, ?, ?, ?, ?)",
            [(doc_no, n, _day(m.start), _day(m.end),
              json.dumps(mention_record(document.id, m, analysis.mentions), ensure_ascii=False))
             for n, m in enumerate(analysis.mentions)])
        rows = []
        for n, (event, words) in enumerate(zip(analysis.events, analysis.words)):
            m = event.date
            rows.append((doc_no, n, m.start.toordinal(), m.end.toordinal(), _rank(m.granularity), int(event.lead),
                         m.span[0], "\n".join(sorted(words)), json.dumps(event_record(event), ensure_ascii=False)))
        self.db.executemany("INSERT INTO reports (doc_no, n, start_day, end_day, granularity_rank, lead,"
                            " span_start, words, record) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
        self.db.executemany("INSERT OR IGNORE INTO dirty VALUES (?, ?)", {(r[2], r[3]) for r in rows})
        if rows:
            self.db.execute("INSERT OR REPLACE INTO meta VALUES ('positions', 'stale')")

    def start_problems(self) -> None:
        """Problems are those of the latest run: the list starts empty."""
        self._begin()
        self.db.execute("DELETE FROM problems")

    def add_problem(self, problem: Problem | str) -> None:
        self._begin()
        self.db.execute("INSERT INTO problems (line) VALUES (?)", (str(problem),))

    def commit(self) -> None:
        if self._open:
            self.db.execute("COMMIT")
            self._open = False

    # -- merging

    def merge_dirty(self, progress=None, batch: int = 200) -> MergeSummary:
        """Rebuild the events of every interval new reports touched, then renumber positions."""
        self.commit()
        summary = MergeSummary()
        while True:
            intervals = self.db.execute(
                "SELECT start_day, end_day FROM dirty ORDER BY start_day, end_day LIMIT ?", (batch,)).fetchall()
            if not intervals:
                break
            self._begin()
            for start, end in intervals:
                summary.events += self._merge_interval(start, end)
                self.db.execute("DELETE FROM dirty WHERE start_day = ? AND end_day = ?", (start, end))
            self.commit()
            summary.intervals += len(intervals)
            if progress is not None:
                progress(summary.intervals)
        stale = self.db.execute("SELECT value FROM meta WHERE key = 'positions'").fetchone()
        if stale is not None and stale[0] == "stale":
            self._begin()
            self.db.execute(
                f"UPDATE events SET position = o.p FROM (SELECT event_no, row_number() OVER"
                f" (ORDER BY {_TIMELINE_ORDER}) - 1 AS p FROM events) AS o"
                " WHERE events.event_no = o.event_no AND events.position IS NOT o.p")
            self.db.execute("INSERT OR REPLACE INTO meta VALUES ('positions', 'current')")
            self.commit()
        return summary

    def _merge_interval(self, start: int, end: int) -> int:
        rows = self.db.execute(
            "SELECT doc_no, n, granularity_rank, lead, span_start, words, record FROM reports"
            f" WHERE start_day = ? AND end_day = ? ORDER BY {_TIMELINE_ORDER}", (start, end)).fetchall()
        old = [r[0] for r in self.db.execute(
            "SELECT event_no FROM events WHERE start_day = ? AND end_day = ?", (start, end))]
        for part in _chunks(old):
            marks = ",".join("?" * len(part))
            for table in ("event_sources", "names"):
                self.db.execute(f"DELETE FROM {table} WHERE event_no IN ({marks})", part)
            self.db.execute(f"DELETE FROM events_text WHERE rowid IN ({marks})", part)
            self.db.execute(f"DELETE FROM events WHERE event_no IN ({marks})", part)
        reports = []
        first: dict[str, tuple] = {}
        for doc_no, n, rank, lead, span_start, words, record in rows:
            event = event_from_record(json.loads(record))
            first[event.id] = (doc_no, n, rank, lead, span_start, record)
            reports.append((event, frozenset(w for w in words.split("\n") if w)))
        doc_numbers = self._doc_numbers({s.document for e, _ in reports for s in e.sources})
        merged = 0
        for event in merge_interval(reports):
            doc_no, n, rank, lead, span_start, own = first[event.id]
            # One report, nothing merged into it: the event is its report, record and all.
            written = own if len(event.sources) == 1 else json.dumps(event_record(event), ensure_ascii=False)
            cursor = self.db.execute(
                "INSERT INTO events (event_id, position, start_day, end_day, granularity_rank, kind, marks, lead,"
                " doc_no, span_start, n, record) VALUES (?, NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (event.id, start, end, rank, event.kind, _mark_bits(event.marks), lead, doc_no, span_start, n,
                 None if written == own else written))
            event_no = cursor.lastrowid
            self.db.executemany("INSERT INTO event_sources VALUES (?, ?, ?)",
                                [(event_no, doc_numbers[s.document], s.sentence.index) for s in event.sources])
            self.db.executemany("INSERT INTO names VALUES (?, ?, ?, ?, ?)",
                                [(event_no, kind, name, squash(name), max(len(event.sources), 1))
                                 for kind, names in (("actor", event.actors), ("place", event.places))
                                 for name in names])
            self.db.execute("INSERT INTO events_text (rowid, haystack) VALUES (?, ?)", (event_no, search_text(event)))
            merged += 1
        return merged

    def _doc_numbers(self, ids: set[str]) -> dict[str, int]:
        out: dict[str, int] = {}
        for part in _chunks(sorted(ids)):
            marks = ",".join("?" * len(part))
            out.update(self.db.execute(f"SELECT id, doc_no FROM documents WHERE id IN ({marks})", part).fetchall())
        return out

    def counts(self) -> tuple[int, int]:
        """Documents and events in the archive."""
        return (self.db.execute("SELECT count(*) FROM documents").fetchone()[0],
                self.db.execute("SELECT count(*) FROM events").fetchone()[0])

    def close(self) -> None:
        if self._open:
            self.db.execute("ROLLBACK")
            self._open = False
        self.db.close()


def _chunks(values: list, size: int = 500) -> Iterator[list]:
    """A long list in parts: SQLite takes a bounded number of parameters per statement."""
    for k in range(0, len(values), size):
        yield values[k:k + size]


def _day(value: date | None) -> int | None:
    return value.toordinal() if value is not None else None


def _rank(granularity: str) -> int:
    return GRANULARITY_RANK.get(granularity, len(GRANULARITY_RANK))


# --- reading --------------------------------------------------------------------------

class ArchiveStore:
    """An archive read through the ``core.store`` protocol: every call is a query."""

    def __init__(self, path: str | Path) -> None:
        if not is_archive(path):
            raise ArchiveError(f"{path}: not a SQLite archive")
        self.path = str(path)
        self.db = _connect(path, read_only=True)
        self.lock = threading.Lock()
        self._ranked: dict[str, list[str]] = {}
        self._numbered_in_order: bool | None = None  # doc_no is 1..n without a gap (see document_number)
        _check(self.db, path)

    def query(self, sql: str, params: Sequence = ()) -> list[tuple]:
        with self.lock:
            return self.db.execute(sql, params).fetchall()

    # -- selections

    def select(self, query: Query) -> ArchiveSelection:
        where, params = _where(query)
        # An event without a position was written by a run that was stopped
        # before renumbering: left out until a rerun finishes it.
        where.insert(0, "position IS NOT NULL")
        rows = self.query(f"SELECT position, start_day FROM events WHERE {' AND '.join(where)} ORDER BY position",
                          params)
        positions = array("l", (r[0] for r in rows))
        if not positions or (positions[0] == 0 and positions[-1] == len(positions) - 1):
            positions = None  # every position from 0: the k-th event is at position k
        return ArchiveSelection(self, positions, array("l", (r[1] for r in rows)))

    def events_at(self, positions: Sequence[int]) -> list[Event]:
        """Events at these timeline positions, in the order asked."""
        if not positions:
            return []
        lo, hi = min(positions), max(positions)
        if hi - lo + 1 == len(positions):
            rows = self.query(f"SELECT e.position, {_EVENT_RECORD} WHERE e.position BETWEEN ? AND ?", (lo, hi))
        else:
            marks = ",".join("?" * len(positions))
            rows = self.query(f"SELECT e.position, {_EVENT_RECORD} WHERE e.position IN ({marks})", list(positions))
        by_position = {p: event_from_record(json.loads(r)) for p, r in rows}
        return [by_position[p] for p in positions if p in by_position]

    def search_positions(self, search: str) -> list[int] | None:
        """Timeline positions of the events that match ``search`` (None: it matches everything)."""
        where, params = _search(search)
        if where is None:
            return None
        return [r[0] for r in self.query(
            f"SELECT position FROM events WHERE position IS NOT NULL AND {where} ORDER BY position", params)]

    # -- documents

    def document_count(self) -> int:
        return self.query("SELECT count(*) FROM documents")[0][0]

    def event_count(self) -> int:
        return self.query("SELECT count(*) FROM events")[0][0]

    def documents(self, first: int = 0, count: int | None = None) -> Iterator[Document]:
        """Documents in input order. Read in chunks: an archive is never in memory whole."""
        left = count
        after = None  # the last doc_no read: each chunk starts after it, not at an offset counted again
        while left is None or left > 0:
            size = 500 if left is None else min(500, left)
            if after is None:
                rows = self.query(f"SELECT doc_no, {_DOCUMENT_COLUMNS} FROM documents ORDER BY doc_no"
                                  " LIMIT ? OFFSET ?", (size, first))
            else:
                rows = self.query(f"SELECT doc_no, {_DOCUMENT_COLUMNS} FROM documents WHERE doc_no > ?"
                                  " ORDER BY doc_no LIMIT ?", (after, size))
            if not rows:
                return
            for row in rows:
                yield _document(row[1:])
            after = rows[-1][0]
            if left is not None:
                left -= len(rows)

    def publications(self, first: int = 0, count: int | None = None) -> Iterator[tuple[str, Publication]]:
        for doc_id, published, inferred, reason in self.query(
                "SELECT id, published, published_inferred, published_reason FROM documents ORDER BY doc_no"
                " LIMIT ? OFFSET ?", (-1 if count is None else count, first)):
            yield doc_id, Publication(date.fromisoformat(published) if published else None, bool(inferred), reason)

    def document_view(self, doc_id: str) -> DocumentView | None:
        rows = self.query(f"SELECT doc_no, {_DOCUMENT_COLUMNS} FROM documents WHERE id = ?", (doc_id,))
        if not rows:
            return None
        doc_no, document = rows[0][0], _document(rows[0][1:])
        sentences = [Sentence(i, (a, b), document.text[a:b]) for i, a, b in self.query(
            "SELECT idx, start, end FROM sentences WHERE doc_no = ? ORDER BY idx", (doc_no,))]
        mentions = mentions_from_records([json.loads(r[0]) for r in self.query(
            "SELECT record FROM mentions WHERE doc_no = ? ORDER BY n", (doc_no,))])
        # The events this document tells itself (their spans point into its text).
        events = sorted((event_from_record(json.loads(r[0])) for r in self.query(
            f"SELECT {_EVENT_RECORD} WHERE e.doc_no = ?", (doc_no,))),
            key=lambda e: (e.sentence.span[0], e.date.span[0], e.id))
        published, inferred, reason = self.query(
            "SELECT published, published_inferred, published_reason FROM documents WHERE doc_no = ?", (doc_no,))[0]
        publication = Publication(date.fromisoformat(published) if published else None, bool(inferred), reason)
        # The view gains the publication used with the app's reading of stores
        # (branch appstore); given as soon as DocumentView has the field.
        extra = {"publication": publication} if "publication" in DocumentView.__dataclass_fields__ else {}
        return DocumentView(document, sentences, mentions, events, **extra)

    def document_number(self, doc_id: str) -> int | None:
        """1-based place of the document in input order: its ``doc_no`` when the
        documents are numbered 1..n without a gap (as the writer numbers them),
        else counted. The app asks once per document whose rows it draws:
        counting for each would read a large archive's whole table."""
        rows = self.query("SELECT doc_no FROM documents WHERE id = ?", (doc_id,))
        if not rows:
            return None
        if self._numbered_in_order is None:
            top, count = self.query("SELECT max(doc_no), count(*) FROM documents")[0]
            self._numbered_in_order = top == count
        if self._numbered_in_order:
            return rows[0][0]
        return self.query("SELECT count(*) FROM documents WHERE doc_no <= ?", (rows[0][0],))[0][0]

    def problems(self) -> list[str]:
        return [r[0] for r in self.query("SELECT line FROM problems ORDER BY problem_no")]

    def names(self, kind: str, prefix: str = "", limit: int = 50) -> list[str]:
        """Names that start with ``prefix`` (ignoring case): actors or places,
        most reported first; document ids in input order."""
        if kind == "document":
            candidates: Iterable[str] = (r[0] for r in self._cursor("SELECT id FROM documents ORDER BY doc_no"))
        elif kind in ("actor", "place"):
            # Ranked once (the archive does not change while it is open): completion asks at each key.
            if kind not in self._ranked:
                self._ranked[kind] = [r[0] for r in self.query(
                    "SELECT name FROM names WHERE kind = ? GROUP BY name ORDER BY sum(weight) DESC, name", (kind,))]
            candidates = self._ranked[kind]
        else:
            raise ValueError(f"no kind of name {kind!r} (actor, place, document)")
        folded = prefix.casefold()
        return list(islice((n for n in candidates if n.casefold().startswith(folded)), max(limit, 0)))

    def _cursor(self, sql: str, params: Sequence = ()) -> Iterator[tuple]:
        """Rows one chunk at a time (the lock held only while a chunk is read)."""
        with self.lock:
            cursor = self.db.execute(sql, params)
            rows = cursor.fetchmany(1000)
        while rows:
            yield from rows
            with self.lock:
                rows = cursor.fetchmany(1000)

    def timeline(self, query: Query = Query(), texts: bool = True) -> Timeline:
        """The whole selection as an in-memory ``Timeline``, for ``extract``,
        which prints it all. ``texts=False`` leaves the documents' texts out
        (``""``): no output format prints them, and they are most of an archive."""
        selection = self.select(query)
        events = [e for first in range(0, len(selection), 1000) for e in selection.page(first, 1000)]
        if texts:
            documents = list(self.documents())
        else:
            documents = [_document((doc_id, "", *rest)) for doc_id, *rest in self.query(
                f"SELECT {_DOCUMENT_COLUMNS.replace('text, ', '')} FROM documents ORDER BY doc_no")]
        publications = dict(self.publications())
        mentions: dict[str, list] = {}
        with self.lock:
            rows = self.db.execute("SELECT d.id, m.record FROM mentions m JOIN documents d USING (doc_no)"
                                   " ORDER BY m.doc_no, m.n")
            records: list[dict] = []
            current = None
            for doc_id, record in rows:
                if doc_id != current and records:
                    mentions[current] = mentions_from_records(records)
                    records = []
                current = doc_id
                records.append(json.loads(record))
            if records:
                mentions[current] = mentions_from_records(records)
        return Timeline(documents, events, [], mentions, {}, publications)

    def close(self) -> None:
        with self.lock:
            self.db.close()


_DOCUMENT_COLUMNS = "id, text, title, source, given_date, path, body_start, url, category, tags, line"


def _document(row: Sequence) -> Document:
    doc_id, text, title, source, given, path, body_start, url, category, tags, line = row
    return Document(id=doc_id, text=text, title=title, source=source,
                    published=date.fromisoformat(given) if given else None, path=path, body_start=body_start,
                    url=url, category=category, tags=tuple(json.loads(tags)), line=line)


def _search(search: str | None) -> tuple[str | None, list]:
    needle = squash(search or "")
    if not needle:
        return None, []
    if len(needle) >= 3:
        # A quoted trigram phrase: every three letters of the needle, in order, i.e. a substring.
        return ("event_no IN (SELECT rowid FROM events_text WHERE events_text MATCH ?)",
                ['"' + needle.replace('"', '""') + '"'])
    return "event_no IN (SELECT rowid FROM events_text WHERE instr(haystack, ?) > 0)", [needle]


def _names(kind: str, query: str) -> tuple[str, list]:
    keys = sorted(k for k in (name_keys(query) or ()) if k)
    if not keys:
        return "1", []
    return (f"event_no IN (SELECT event_no FROM names WHERE kind = ? AND ("
            + " OR ".join("instr(key, ?) > 0" for _ in keys) + "))", [kind, *keys])


def _where(query: Query) -> tuple[list[str], list]:
    where: list[str] = []
    params: list = []
    if query.start is not None:
        where.append("end_day >= ?")
        params.append(query.start.toordinal())
    if query.end is not None:
        where.append("start_day <= ?")
        params.append(query.end.toordinal())
    for kind, value in (("actor", query.actor), ("place", query.place)):
        if value is not None:
            clause, more = _names(kind, value)
            where.append(clause)
            params.extend(more)
    if query.document is not None:
        where.append("event_no IN (SELECT s.event_no FROM event_sources s JOIN documents d USING (doc_no)"
                     " WHERE d.id = ?)")
        params.append(query.document)
    clause, more = _search(query.search)
    if clause is not None:
        where.append(clause)
        params.extend(more)
    if query.kinds is not None:
        # Kept when every mark of the event is one asked for.
        where.append("marks & ? = 0")
        params.append(_mark_bits(frozenset(MARKS) - query.kinds))
    return where, params


def _mark_bits(marks: frozenset[str]) -> int:
    return sum(1 << k for k, mark in enumerate(MARKS) if mark in marks)


class ArchiveSelection:
    """The events a query selects: their timeline positions and start days,
    and the events themselves read a page at a time (the latest pages kept)."""

    def __init__(self, store: ArchiveStore, positions: array | None, starts: array) -> None:
        self.store = store
        self._positions = positions  # None: every event (position k is the k-th)
        self._starts = starts
        self._pages: OrderedDict[int, list[Event]] = OrderedDict()

    def __len__(self) -> int:
        return len(self._starts)

    def starts(self) -> Sequence[int]:
        return self._starts

    def _position(self, k: int) -> int:
        return k if self._positions is None else self._positions[k]

    def _page(self, number: int) -> list[Event]:
        page = self._pages.get(number)
        if page is None:
            first = number * PAGE
            last = min(len(self), first + PAGE)
            page = self.store.events_at([self._position(k) for k in range(first, last)])
            self._pages[number] = page
            if len(self._pages) > _PAGES_KEPT:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(number)
        return page

    def page(self, first: int, count: int) -> list[Event]:
        first = max(0, first)
        last = min(len(self), first + max(0, count))
        out: list[Event] = []
        k = first
        while k < last:
            page = self._page(k // PAGE)
            take = page[k % PAGE: k % PAGE + (last - k)]
            if not take:
                break
            out.extend(take)
            k += len(take)
        return out

    def __getitem__(self, position: int) -> Event:
        if position < 0:
            position += len(self)
        if not 0 <= position < len(self):
            raise IndexError(position)
        return self._page(position // PAGE)[position % PAGE]

    def __iter__(self) -> Iterator[Event]:
        for first in range(0, len(self), PAGE):
            yield from self.page(first, PAGE)

    def _index_of(self, timeline_position: int) -> int | None:
        if self._positions is None:
            return timeline_position if 0 <= timeline_position < len(self) else None
        k = bisect_left(self._positions, timeline_position)
        return k if k < len(self._positions) and self._positions[k] == timeline_position else None

    def position_of(self, event_id: str) -> int | None:
        rows = self.store.query("SELECT position FROM events WHERE event_id = ?", (event_id,))
        if not rows or rows[0][0] is None:
            return None
        return self._index_of(rows[0][0])

    def matches(self, search: str) -> list[int]:
        found = self.store.search_positions(search)
        if found is None:
            return list(range(len(self)))
        return [k for k in (self._index_of(p) for p in found) if k is not None]
