"""A store of a million events made up on demand, counting every event it hands out.

It keeps to ``core.store``'s protocol as an archive does: a selection is a
range of positions, its start days are computed (not read), and events are
built only when a page or a document is asked for. ``events_read`` counts
them, so a test can show how much of the timeline the app really reads.

Event ``k`` (``e{k}``) starts on day ``FIRST_DAY + k // PER_DAY``, belongs to
document ``d{k // PER_DOCUMENT}`` and, every ``RARE_EVERY`` events, names the
rare word ``RARE_WORD`` (what a search finds).
"""

from __future__ import annotations

from array import array
from collections.abc import Iterator
from datetime import date

from core.model import Document, Event, Mention, Sentence, Source
from core.normalize import fold
from core.page_cache import PageCache
from core.store import DocumentView, Query

FIRST_DAY = date(2000, 1, 1).toordinal()
PER_DAY = 100
PER_DOCUMENT = 10
RARE_EVERY = 1000
RARE_WORD = "زلزله"


class CountingSelection:
    """Positions ``first`` .. ``last - 1`` of the store's events."""

    def __init__(self, store: CountingStore, first: int, last: int) -> None:
        self._store = store
        self._first, self._last = first, last
        self._cache = PageCache(self.page, last - first)
        self._starts: array | None = None

    def __len__(self) -> int:
        return self._last - self._first

    def __getitem__(self, position: int) -> Event:
        return self._cache[position]

    def starts(self) -> array:
        if self._starts is None:
            self._starts = array("l", (FIRST_DAY + k // PER_DAY for k in range(self._first, self._last)))
        return self._starts

    def page(self, first: int, count: int) -> list[Event]:
        low = self._first + max(first, 0)
        high = min(low + max(count, 0), self._last)
        return [self._store.make_event(k) for k in range(low, high)]

    def position_of(self, event_id: str) -> int | None:
        k = int(event_id[1:]) if event_id[:1] == "e" and event_id[1:].isdigit() else -1
        return k - self._first if self._first <= k < self._last else None

    def matches(self, search: str) -> list[int]:
        if not search or fold(search) not in fold(RARE_WORD):
            return []
        start = -(-self._first // RARE_EVERY) * RARE_EVERY
        return [k - self._first for k in range(start, self._last, RARE_EVERY)]


class CountingStore:
    def __init__(self, size: int = 1_000_000) -> None:
        self.size = size
        self.events_read = 0
        self.selects: list[Query] = []

    # --- events, made up -------------------------------------------------------------

    def _sentence_text(self, k: int) -> str:
        extra = f" {RARE_WORD}" if k % RARE_EVERY == 0 else ""
        return f"رویداد {k} در روز {k // PER_DAY} رخ داد{extra}."

    def _document_text(self, number: int) -> str:
        first = number * PER_DOCUMENT
        return f"خبر {number}\n" + "".join(self._sentence_text(k) + "\n"
                                             for k in range(first, min(first + PER_DOCUMENT, self.size)))

    def make_event(self, k: int) -> Event:
        self.events_read += 1
        number = k // PER_DOCUMENT
        text = self._document_text(number)
        sentence_text = self._sentence_text(k)
        a = text.index(sentence_text)
        sentence = Sentence(index=k % PER_DOCUMENT, span=(a, a + len(sentence_text)), text=sentence_text)
        when = f"روز {k // PER_DAY}"
        m = text.index(when, a)
        day = date.fromordinal(FIRST_DAY + k // PER_DAY)
        mention = Mention(span=(m, m + len(when)), text=when, start=day, end=day, granularity="day", mod=None,
                          calendar="gregorian", relative=False)
        return Event(id=f"e{k}", document=f"d{number}", date=mention, sentence=sentence, summary=sentence_text,
                     sources=[Source(f"d{number}", sentence)])

    # --- the protocol ------------------------------------------------------------------

    def select(self, query: Query) -> CountingSelection:
        self.selects.append(query)
        unsupported = [name for name in ("actor", "place", "document", "kinds") if getattr(query, name)]
        if unsupported:
            raise ValueError(f"the counting store cannot select by {', '.join(unsupported)}")
        first, last = 0, self.size
        if query.start is not None:
            first = max(first, (query.start.toordinal() - FIRST_DAY) * PER_DAY)
        if query.end is not None:
            last = min(last, (query.end.toordinal() - FIRST_DAY + 1) * PER_DAY)
        first, last = min(max(first, 0), self.size), min(max(last, 0), self.size)
        last = max(first, last)
        if query.search:
            raise ValueError("the counting store finds matches in a selection, not as a query")
        return CountingSelection(self, first, last)

    def document_count(self) -> int:
        return -(-self.size // PER_DOCUMENT)

    def documents(self, first: int = 0, count: int | None = None) -> Iterator[Document]:
        stop = self.document_count() if count is None else min(first + count, self.document_count())
        for number in range(first, stop):
            yield self._document(number)

    def _document(self, number: int) -> Document:
        text = self._document_text(number)
        return Document(id=f"d{number}", text=text, title=f"خبر {number}", body_start=text.index("\n") + 1)

    def document_number(self, doc_id: str) -> int | None:
        number = self._number(doc_id)
        return None if number is None else number + 1

    def _number(self, doc_id: str) -> int | None:
        if doc_id[:1] != "d" or not doc_id[1:].isdigit():
            return None
        number = int(doc_id[1:])
        return number if number < self.document_count() else None

    def document_view(self, doc_id: str) -> DocumentView | None:
        number = self._number(doc_id)
        if number is None:
            return None
        first = number * PER_DOCUMENT
        events = [self.make_event(k) for k in range(first, min(first + PER_DOCUMENT, self.size))]
        return DocumentView(self._document(number), [e.sentence for e in events], [e.date for e in events], events)

    def problems(self) -> list[str]:
        return []

    def names(self, kind: str, prefix: str = "", limit: int = 50) -> list[str]:
        return []

    def close(self) -> None:
        pass

