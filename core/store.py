"""What the app and ``extract`` read a timeline through: a store of events
that is asked for pages, never handed the whole timeline.

Two kinds of store keep to this protocol:
- ``MemoryStore`` (``core.memory_store``): a ``Timeline`` built in this process
  from plain inputs (a few articles, or a file of thousands);
- ``ArchiveStore`` (``core.archive``): an archive on disk (SQLite), which
  answers every call with a query and keeps only what is on screen.

A ``Query`` selects events; a ``Selection`` is its answer: how many events,
their start days in timeline order (one small integer per event, enough to
draw year headings, the density strip and to move by time), and the events
themselves one page at a time. Positions in a selection are 0-based in
timeline order.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Protocol

from core.model import Document, Event, Mention, Sentence

if TYPE_CHECKING:
    from core.events import Publication


@dataclass(frozen=True, slots=True)
class Query:
    """Which events to show. Empty fields select everything.

    ``start``/``end``: events whose interval overlaps ``[start, end]``;
    ``actor``/``place``: any spelling the gazetteer knows, or part of a name;
    ``document``: reported by this document id; ``search``: text that
    ignores ZWNJ, Arabic/Persian letter forms, digit scripts and spaces;
    ``kinds``: the ``Event.marks`` to keep (None: all): an event is kept
    when every one of its marks is ("happened", "planned", "recurring",
    "statement", "relative", "inferred", "lead"; see ``core.model.MARKS``)."""

    start: date | None = None
    end: date | None = None
    actor: str | None = None
    place: str | None = None
    document: str | None = None
    search: str | None = None
    kinds: frozenset[str] | None = None

    @property
    def empty(self) -> bool:
        return all(getattr(self, name) in (None, "") for name in self.__slots__)


class Selection(Protocol):
    """The events a query selects, in timeline order, read a page at a time."""

    def __len__(self) -> int: ...

    def starts(self) -> Sequence[int]:
        """``date.toordinal()`` of each event's start day, in timeline order:
        never decreasing (timeline order sorts by start day first), so the app
        finds a date or a year's first event by binary search."""

    def page(self, first: int, count: int) -> list[Event]:
        """Events at positions ``first`` .. ``first + count - 1`` (fewer at the end)."""

    def __getitem__(self, position: int) -> Event:
        """One event; a store reads (and caches) the page around it, so code
        that indexes a selection like a list stays cheap."""

    def position_of(self, event_id: str) -> int | None:
        """Where the event with this id stands in this selection, if it does."""

    def matches(self, search: str) -> list[int]:
        """Positions in this selection of the events that match ``search``
        (the same matching as ``Query.search``), ascending."""


@dataclass(frozen=True, slots=True)
class DocumentView:
    """One document as the article pane needs it: its text, sentences,
    mentions and the events it reports (document order): the events whose
    ``document`` is this one, so their spans point into its text.
    ``publication``: the date the timeline used (None: the document's own)."""

    document: Document
    sentences: list[Sentence]
    mentions: list[Mention]
    events: list[Event]
    publication: Publication | None = None


class EventStore(Protocol):
    """A timeline to read from: documents, problems, and selections of events.

    The app opens a store in its loading thread and reads it afterwards on
    its UI thread (never from two threads at once)."""

    def select(self, query: Query) -> Selection: ...

    def document_count(self) -> int: ...

    def documents(self, first: int = 0, count: int | None = None) -> Iterator[Document]:
        """Documents in input order, a slice of them when asked."""

    def document_view(self, doc_id: str) -> DocumentView | None: ...

    def document_number(self, doc_id: str) -> int | None:
        """1-based place of the document in input order (the app tags rows
        «#n» with it), None for an unknown id."""

    def problems(self) -> list[str]:
        """One line per input (or record) that could not be read or analysed."""

    def names(self, kind: str, prefix: str = "", limit: int = 50) -> list[str]:
        """Names for completion whose start matches ``prefix`` (ignoring case):
        actors (``kind="actor"``) or places (``"place"``), most reported first;
        document ids (``"document"``) in input order."""

    def close(self) -> None: ...
