"""Documents → one ordered, merged, searchable timeline of events.

Order: by interval (start, then end), then granularity (a day before the
month that holds it), then document, then place in the document; a lead
comes after the other events of its interval.

The same happening reported by several articles (the same days, and
sentences whose content words overlap by ``MERGE_JACCARD`` or more, see
``core.merging``, shared with the archive) is one event with every report
in ``sources``.

Publication dates: ``published`` (the ``--date`` flag) overrides every
document's; without either, the date is inferred as the latest day the
article writes in full (day, month and year), the article
is read again against it for relative expressions («امروز»), and every
event whose date came from it is marked inferred with the reason.

Many documents are analysed in worker processes (``core.parallel``), each
document on its own; merging and ordering happen here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from itertools import chain

from core.documents import Problem
from core.events import Publication, events_of
from core.date_labels import gregorian_label, jalali_label
from core.gazetteer import canonical_name, content_words
from core.lemmas import lemma_words
from core.merging import MERGE_JACCARD, merge, order_key, similarity
from core.model import Document, Event, Mention, Sentence
from core.normalize import NormalizedText, fold, normalize
from core.parallel import analyze_all
from core.sentences import normalized_span, split_sentences
from core.timex.resolvers import FIRST_DAY, LAST_DAY

MERGE_ON_LEMMAS = True

__all__ = ["MERGE_JACCARD", "similarity", "Timeline", "Publication", "DocumentAnalysis", "build_timeline",
           "mentions_of", "analyze",
           "analysis_from_mentions", "assemble", "infer_publication", "resolve_publication"]


@dataclass
class Timeline:
    documents: list[Document]
    events: list[Event]          # timeline order
    problems: list[Problem]
    # Per document id: every mention (document order), the sentences, and the
    # publication date used (with whether it was inferred and why).
    mentions: dict[str, list[Mention]] = field(default_factory=dict)
    sentences: dict[str, list[Sentence]] = field(default_factory=dict)
    publications: dict[str, Publication] = field(default_factory=dict)
    _haystacks: dict[str, str] = field(default_factory=dict, repr=False, compare=False)

    def document(self, doc_id: str) -> Document | None:
        """The document with this id (ids are unique in a timeline)."""
        return next((d for d in self.documents if d.id == doc_id), None)

    def filter(self, *, start: date | None = None, end: date | None = None, actor: str | None = None,
               place: str | None = None, document: str | None = None,
               granularity: str | None = None, kinds: frozenset[str] | None = None) -> Timeline:
        """Events that overlap ``[start, end]``, name ``actor``/``place`` (any
        spelling or form the gazetteer knows, or part of a name), are reported
        by ``document`` (an id), at ``granularity``, and whose ``Event.marks``
        are all in ``kinds`` (as ``Query.kinds``: hiding "relative" hides
        every relative date, whatever its kind). Documents stay all."""
        actor_keys = _name_keys(actor)
        place_keys = _name_keys(place)
        kept = [e for e in self.events
                if (start is None or e.date.end >= start)
                and (end is None or e.date.start <= end)
                and (actor_keys is None or _names_match(actor_keys, e.actors))
                and (place_keys is None or _names_match(place_keys, e.places))
                and (document is None or any(s.document == document for s in e.sources))
                and (granularity is None or e.date.granularity == granularity)
                and (kinds is None or e.marks <= kinds)]
        return Timeline(self.documents, kept, self.problems, self.mentions, self.sentences, self.publications,
                        self._haystacks)

    def search(self, query: str) -> list[Event]:
        """Events whose summary, sentences, date, actors or places hold
        ``query``, ignoring spaces and ZWNJ, Arabic/Persian letter forms,
        digit scripts and diacritics."""
        needle = _squash(query)
        if not needle:
            return list(self.events)
        return [e for e in self.events if needle in self._haystack(e)]

    def _haystack(self, event: Event) -> str:
        hay = self._haystacks.get(event.id)
        if hay is None:
            hay = self._haystacks[event.id] = search_text(event)
        return hay


def search_text(event: Event) -> str:
    """What ``Timeline.search`` (and the archive's index) looks in: summary,
    sentences, actors, places and the date in every way it is written,
    squashed (``squash``)."""
    m = event.date
    parts = [event.summary, event.sentence.text, *(s.sentence.text for s in event.sources),
             *event.actors, *event.places, m.text, m.start.isoformat(), m.end.isoformat(),
             jalali_label(m.start, m.end), gregorian_label(m.start, m.end),
             jalali_label(m.start, m.end, m.granularity), gregorian_label(m.start, m.end, m.granularity)]
    # A part held in another (the summary in its sentence, a sentence every
    # copy of a story repeats) can match nothing the other does not: left out.
    squashed = sorted({squash(p) for p in parts}, key=lambda part: (-len(part), part))
    kept: list[str] = []
    for part in squashed:
        if not any(part in longer for longer in kept):
            kept.append(part)
    return "\n".join(kept)


def squash(text: str) -> str:
    """Text as search compares it: folded (ZWNJ, letter forms, digits) and without spaces."""
    return fold(text).replace(" ", "")


_squash = squash


def name_keys(query: str | None) -> set[str] | None:
    """What a name filter looks for: the query and the gazetteer's name for it, squashed."""
    if query is None:
        return None
    keys = {squash(query)}
    canonical = canonical_name(query)
    if canonical is not None:
        keys.add(squash(canonical))
    return keys


_name_keys = name_keys


def _names_match(keys: set[str], names: list[str]) -> bool:
    return any(k and k in _squash(n) for n in names for k in keys)


# --- one document ---------------------------------------------------------------------

@dataclass(slots=True)
class DocumentAnalysis:
    """Everything the timeline needs from one document."""

    publication: Publication
    sentences: list[Sentence]
    mentions: list[Mention]
    events: list[Event]       # document order
    words: list[frozenset[str]]  # per event: content words of its sentence, for merging


UNDATED = "undated: no publication date, and no day written in full to infer one from"


def infer_publication(absolute: list[Mention], today: date | None = None) -> Publication:
    """The publication date of an article with none: the latest day it names
    in full (``absolute``: mentions found without a date; a day, with its
    year), never after ``today`` (the machine's date): an article cannot be
    published in the future, and one naming a planned event is dated by what
    has already happened. A year or a month is no day of publication (its
    last day, or today, would be a guess): without a day the article is
    undated, and ``reason`` says so."""
    today = today or date.today()
    # Only a date with known days: never a duration, a set, or a mention
    # whose days are unknown (start None).
    days = [m for m in absolute if m.datable and m.granularity == "day" and m.start == m.end and m.end <= today]
    if not days:
        return Publication(None, reason=UNDATED)
    latest = max(days, key=lambda m: m.end)
    day = latest.end
    return Publication(day, inferred=True,
                       reason=f"no publication date; inferred as the day of the latest dated event "
                              f"«{' '.join(latest.text.split())}» ({day.isoformat()})")


def resolve_publication(document: Document, published: date | None = None
                        ) -> tuple[Publication, list[Mention], set[int]]:
    """The publication date used for ``document``, its mentions read against
    it, and the indices of mentions whose value came from an inferred date."""
    from core.extract import find_mentions  # the grammar compiles on first use, not at import

    day = published or document.published
    if day is not None and not FIRST_DAY <= day <= LAST_DAY:
        # A date the calendars cannot convert (9999-12-31, before 622) dates
        # nothing: the article is read as if it had none.
        day = None
    if day is not None:
        return Publication(day), find_mentions(document.text, day), set()
    absolute = find_mentions(document.text, None)
    publication = infer_publication(absolute)
    if publication.date is None:
        return publication, absolute, set()
    mentions = find_mentions(document.text, publication.date)
    known = {(m.span, m.start, m.end) for m in absolute}
    inferred = {k for k, m in enumerate(mentions) if (m.span, m.start, m.end) not in known}
    return publication, mentions, inferred


def mentions_of(document: Document, published: date | None) -> list[Mention]:
    """Every time mention of ``document``, resolved as the timeline resolves
    them: against ``published`` if given, else the document's date, else the
    inferred one."""
    return resolve_publication(document, published)[1]


def analysis_from_mentions(document: Document, mentions: list[Mention], publication: Publication,
                           inferred: Iterable[int] = (), merge_words: bool = True) -> DocumentAnalysis:
    """The analysis of a document whose mentions are already known.
    ``merge_words``: find the words events are merged on (hazm's lemmas);
    a timeline of one document merges nothing and need not load hazm."""
    sentences = split_sentences(document.text)
    # One normalization serves the clauses, the names and the merge words; an
    # article with neither a time mention nor a publication date has no event.
    normalized = normalize(document.text) if mentions or publication.date is not None else None
    # events_of finds the actors and places itself, only if there is an event.
    # events_of dates events only by dates with known days (datable_mentions).
    events = events_of(document, sentences, mentions, publication, None, inferred, normalized)
    words: list[frozenset[str]] = [frozenset()] * len(events)
    if events and merge_words:
        normalized = normalized if normalized is not None else normalize(document.text)
        # Events of one sentence share its words: computed once per sentence.
        by_sentence: dict[int, frozenset[str]] = {}
        for e in events:
            if e.sentence.index not in by_sentence:
                by_sentence[e.sentence.index] = _merge_words(e.sentence, mentions, normalized)
        words = [by_sentence[e.sentence.index] for e in events]
    return DocumentAnalysis(publication, sentences, mentions, events, words)


def analyze(document: Document, published: date | None = None, merge_words: bool = True) -> DocumentAnalysis:
    publication, mentions, inferred = resolve_publication(document, published)
    return analysis_from_mentions(document, mentions, publication, inferred, merge_words)


def _merge_words(sentence: Sentence, mentions: list[Mention], normalized: NormalizedText) -> frozenset[str]:
    """Lemmas of the content words of a sentence (``core.lemmas``), its time
    mentions left out: two reports name one day in different words («امروز»,
    «۱۲ آذر»). ``MERGE_ON_LEMMAS = False`` compares surface words instead
    (for measuring what lemmas change)."""
    a, b = sentence.span
    pieces = []
    pos = a
    for m in mentions:
        if a <= m.span[0] < b:
            pieces.append((pos, max(pos, m.span[0])))
            pos = max(pos, min(m.span[1], b))
    pieces.append((pos, b))
    # The pieces cut from the document's normalization: the same words as
    # folding them anew (they can differ only in runs of spaces).
    folded = normalized.text
    words = lemma_words if MERGE_ON_LEMMAS else content_words
    return words(" ".join(folded[x:y] for x, y in (normalized_span(normalized, p) for p in pieces)), folded=True)


# --- many documents --------------------------------------------------------------------

def assemble(documents: list[Document], analyses: list[DocumentAnalysis], problems: list[Problem]) -> Timeline:
    """One timeline from analysed documents (``analyses[i]`` is of ``documents[i]``)."""
    doc_index = {d.id: i for i, d in enumerate(documents)}
    pairs = [(e, w) for a in analyses for e, w in zip(a.events, a.words)]
    pairs.sort(key=lambda p: order_key(p[0], doc_index.get(p[0].document, 0)))
    return Timeline(
        documents=list(documents), events=merge(pairs), problems=list(problems),
        mentions={d.id: a.mentions for d, a in zip(documents, analyses)},
        sentences={d.id: a.sentences for d, a in zip(documents, analyses)},
        publications={d.id: a.publication for d, a in zip(documents, analyses)})


def _unique_ids(items: Iterable[Document | Problem]) -> Iterator[Document | Problem]:
    """Items in order, a repeated document id given a suffix so every event
    and filter names one document."""
    seen: set[str] = set()
    for item in items:
        if isinstance(item, Document):
            if item.id in seen:
                n = 2
                while f"{item.id}~{n}" in seen:
                    n += 1
                item = replace(item, id=f"{item.id}~{n}")
            seen.add(item.id)
        yield item


def build_timeline(documents: Iterable[Document | Problem], published: date | None = None,
                   progress: Callable[[int], None] | None = None, workers: int | None = None) -> Timeline:
    """The timeline of ``documents`` (as ``core.documents.iter_documents`` yields
    them). ``published`` overrides every publication date; ``progress`` is
    called with the number of documents analysed so far; ``workers`` caps the
    processes (default: every usable core; 1 = this process only). A document
    whose analysis fails is left out and named in ``problems``
    (``core.parallel.analyze_all``)."""
    docs: list[Document] = []
    analyses: list[DocumentAnalysis] = []
    problems: list[Problem] = []
    stream = _unique_ids(documents)
    # One document merges with nothing: its merge words (hazm's lemmas) are
    # not needed, and hazm is not loaded.
    head: list[Document | Problem] = []
    for item in stream:
        head.append(item)
        if sum(isinstance(h, Document) for h in head) > 1:
            break
    merge_words = sum(isinstance(h, Document) for h in head) > 1
    for result in analyze_all(chain(head, stream), published, workers, progress, merge_words=merge_words):
        if isinstance(result, Problem):
            problems.append(result)
        else:
            docs.append(result[0])
            analyses.append(result[1])
    return assemble(docs, analyses, problems)
