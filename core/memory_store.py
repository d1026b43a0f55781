"""A timeline built in this process, read through the store protocol.

``MemoryStore`` wraps a ``Timeline`` (plain inputs: a few articles, or a file
of thousands) so that the app and ``extract`` read it exactly as they read an
archive on disk (``core.store``). Its selections are lists underneath: a
page is a slice, an index is an index.
"""

from __future__ import annotations

from array import array
from collections import Counter
from collections.abc import Iterator, Sequence
from itertools import islice

from core.model import Document, Event
from core.store import DocumentView, Query
from core.timeline import Timeline


class MemorySelection:
    """Events of a ``MemoryStore`` in timeline order; indexes like a list."""

    def __init__(self, store: MemoryStore, events: list[Event]) -> None:
        self._store = store
        self._events = events
        self._starts: array | None = None
        self._positions: dict[str, int] | None = None

    def __len__(self) -> int:
        return len(self._events)

    def __getitem__(self, position: int | slice) -> Event | list[Event]:
        return self._events[position]

    def __iter__(self) -> Iterator[Event]:
        return iter(self._events)

    def starts(self) -> Sequence[int]:
        if self._starts is None:
            self._starts = array("l", (e.date.start.toordinal() for e in self._events))
        return self._starts

    def page(self, first: int, count: int) -> list[Event]:
        return self._events[max(first, 0): max(first, 0) + max(count, 0)]

    def position_of(self, event_id: str) -> int | None:
        if self._positions is None:
            self._positions = {e.id: i for i, e in enumerate(self._events)}
        return self._positions.get(event_id)

    def matches(self, search: str) -> list[int]:
        found = self._store.matching_ids(search)
        return [i for i, e in enumerate(self._events) if e.id in found]


class MemoryStore:
    """``EventStore`` over a ``Timeline`` held in memory."""

    def __init__(self, timeline: Timeline) -> None:
        self.timeline = timeline
        self._everything = MemorySelection(self, timeline.events)
        self._numbers = {d.id: n for n, d in enumerate(timeline.documents, start=1)}
        self._documents = {d.id: d for d in timeline.documents}
        self._by_document: dict[str, list[Event]] | None = None
        self._name_counts: dict[str, list[str]] = {}

    def select(self, query: Query) -> MemorySelection:
        if query.empty:
            return self._everything
        events = self.timeline.filter(start=query.start, end=query.end, actor=query.actor or None,
                                      place=query.place or None, document=query.document or None,
                                      kinds=query.kinds).events
        if query.search:
            found = self.matching_ids(query.search)
            events = [e for e in events if e.id in found]
        return MemorySelection(self, events)

    def matching_ids(self, search: str) -> set[str]:
        """Ids of the events ``search`` finds (as ``Timeline.search``)."""
        return {e.id for e in self.timeline.search(search)}

    def document_count(self) -> int:
        return len(self.timeline.documents)

    def documents(self, first: int = 0, count: int | None = None) -> Iterator[Document]:
        stop = None if count is None else first + count
        return islice(iter(self.timeline.documents), first, stop)

    def document_number(self, doc_id: str) -> int | None:
        return self._numbers.get(doc_id)

    def document_view(self, doc_id: str) -> DocumentView | None:
        document = self._documents.get(doc_id)
        if document is None:
            return None
        if self._by_document is None:
            by_document: dict[str, list[Event]] = {}
            for event in self.timeline.events:
                by_document.setdefault(event.document, []).append(event)
            self._by_document = by_document
        events = sorted(self._by_document.get(doc_id, []), key=lambda e: (e.sentence.span[0], e.date.span[0], e.id))
        return DocumentView(document, self.timeline.sentences.get(doc_id, []), self.timeline.mentions.get(doc_id, []),
                            events, self.timeline.publications.get(doc_id))

    def problems(self) -> list[str]:
        return [str(p) for p in self.timeline.problems]

    def names(self, kind: str, prefix: str = "", limit: int = 50) -> list[str]:
        if kind == "document":
            candidates: list[str] = [d.id for d in self.timeline.documents]
        elif kind in ("actor", "place"):
            candidates = self._ranked_names(kind)
        else:
            raise ValueError(f"no kind of name {kind!r} (actor, place, document)")
        folded = prefix.casefold()
        return list(islice((n for n in candidates if n.casefold().startswith(folded)), max(limit, 0)))

    def _ranked_names(self, kind: str) -> list[str]:
        ranked = self._name_counts.get(kind)
        if ranked is None:
            counts: Counter[str] = Counter()
            for event in self.timeline.events:
                for name in event.actors if kind == "actor" else event.places:
                    counts[name] += max(len(event.sources), 1)
            ranked = self._name_counts[kind] = sorted(counts, key=lambda n: (-counts[n], n))
        return ranked

    def close(self) -> None:
        pass
