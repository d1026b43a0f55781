"""Reports of one happening from several documents joined into one event.

One algorithm for both timelines: ``core.timeline`` (in memory) merges every
interval of its events with ``merge_interval``, and ``core.archive`` merges
with it each interval that new documents touched, from all the reports the
archive holds for that interval. So an archive indexed from A and then B
holds the same events as one indexed from A and B together, and the same as
``extract A B``.

Only reports with the same days (``start``, ``end``) can be one happening. A
report joins the earlier cluster it resembles most (``similarity`` of their
content words at least ``MERGE_JACCARD``; a tie goes to the older cluster),
never one that already has a report from its own document.

Cost: candidates come from an index of words (a report is compared only with
clusters whose wordings share a word with it), and a word shared by more than
``COMMON_WORD_CLUSTERS`` wordings of the interval is no candidate-maker (it
cannot tell them apart). A candidate is scored only when an upper bound of
its similarity, from the count of shared words, can reach the threshold; the
compound check («زمینلرزه» / «زمین لرزه») looks only at the few words of the
interval that can be cut into two other words of it, found once per interval.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from core.model import GRANULARITY_RANK, Event

MERGE_JACCARD = 0.35
# A report joins a cluster by resembling one of its first few wordings; more
# add nothing but cost (a story syndicated a thousand times).
CLUSTER_WORDINGS = 8
COMMON_WORD_CLUSTERS = 64

Report = tuple[Event, frozenset[str]]


def order_key(event: Event, document_rank: int) -> tuple:
    """Timeline order: interval, granularity (a day before the month that
    holds it), lead, document (input order), place in the document. A lead
    comes after the other happenings of its day: the article was written
    after them (and an inferred date is the day of the latest one)."""
    m = event.date
    return (m.start, m.end, GRANULARITY_RANK.get(m.granularity, len(GRANULARITY_RANK)), event.lead,
            document_rank, m.span[0])


def similarity(x: frozenset[str], y: frozenset[str]) -> float:
    """Jaccard of two word sets, a word of one written as two words of the
    other («زمینلرزه» / «زمین لرزه») counted as those two."""
    if not x or not y:
        return 0.0
    vocabulary = x | y
    cuts = {w: c for w in vocabulary if (c := _cuts(w, vocabulary))}
    return _similarity(x, y, cuts)


def _cuts(word: str, vocabulary: frozenset[str] | set[str]) -> tuple[tuple[str, str], ...]:
    """The ways ``word`` is two words of ``vocabulary`` (two letters each at least), first cut first."""
    if len(word) < 4:
        return ()
    return tuple((word[:k], word[k:]) for k in range(2, len(word) - 1)
                 if word[:k] in vocabulary and word[k:] in vocabulary)


def _split(words: frozenset[str], other: frozenset[str], cuts: dict[str, tuple[tuple[str, str], ...]]
           ) -> frozenset[str]:
    out: set[str] | None = None
    for w in words:
        pairs = cuts.get(w)
        if pairs is None or w in other:
            continue
        for head, tail in pairs:
            if head in other and tail in other:
                if out is None:
                    out = set(words)
                out.discard(w)
                out.update((head, tail))
                break
    return words if out is None else frozenset(out)


def _similarity(x: frozenset[str], y: frozenset[str], cuts: dict[str, tuple[tuple[str, str], ...]]) -> float:
    if not x or not y:
        return 0.0
    x, y = _split(x, y, cuts), _split(y, x, cuts)
    return len(x & y) / len(x | y)


def _bound(shared: int, x: int, y: int, splittable: int) -> float:
    """The most ``similarity`` can be for sets of ``x`` and ``y`` words that
    share ``shared``, when at most ``splittable`` words are cut in two: a cut
    adds at most two shared words and takes one word out of the union."""
    union = x + y - shared - splittable
    return 1.0 if union <= 0 else min(1.0, (shared + 2 * splittable) / union)


@dataclass(slots=True)
class _Cluster:
    event: Event
    documents: set[str]
    wordings: list[int]  # indices into the interval's wordings


def merge_interval(reports: Sequence[Report]) -> list[Event]:
    """The events of one interval (``reports`` in timeline order, all with
    the same days): each report joined to the cluster it belongs to. The
    first report of a cluster is its event and takes the others' sources,
    actors and places; events come out in the order of their first report."""
    vocabulary = {w for _, words in reports for w in words}
    cuts = {w: c for w in vocabulary if (c := _cuts(w, vocabulary))}
    clusters: list[_Cluster] = []
    wordings: list[frozenset[str]] = []
    owner: list[int] = []               # wording → cluster
    splittable: list[int] = []          # wording → how many of its words can be cut
    # A wording → the clusters that have it: an exact repeat (a syndicated
    # story) scores 1 without a comparison.
    seen: dict[frozenset[str], list[int]] = {}
    by_word: dict[str, list[int]] = {}
    for event, words in reports:
        shared: dict[int, int] = {}
        for w in words:
            posting = by_word.get(w)
            # A word in very many wordings («گزارش», a city) cannot tell them
            # apart: it makes no candidates, so a day with thousands of
            # events is not compared all against all.
            if posting is not None and len(posting) <= COMMON_WORD_CLUSTERS:
                for k in posting:
                    shared[k] = shared.get(k, 0) + 1
        own_cuts = sum(1 for w in words if w in cuts)
        scores: dict[int, float] = dict.fromkeys(seen.get(words, ()) if words else (), 1.0)
        # A cluster is a candidate when one of its wordings shares a word;
        # then each of its wordings may make its score (a compound can match
        # a wording that shares no word as written).
        for c in {owner[k] for k in shared}:
            if scores.get(c, 0.0) >= 1.0 or event.document in clusters[c].documents:
                continue
            for k in clusters[c].wordings:
                bound = _bound(shared.get(k, 0), len(words), len(wordings[k]), own_cuts + splittable[k])
                if bound < MERGE_JACCARD or bound <= scores.get(c, -1.0):
                    continue
                score = _similarity(words, wordings[k], cuts)
                if score > scores.get(c, -1.0):
                    scores[c] = score
        best, best_score = None, MERGE_JACCARD
        for c, score in scores.items():
            if event.document in clusters[c].documents:
                continue
            if score > best_score or (score == best_score and (best is None or c < best)):
                best, best_score = c, score
        if best is None:
            clusters.append(_Cluster(event, {event.document}, []))
            best = len(clusters) - 1
        else:
            _absorb(clusters[best].event, event)
            clusters[best].documents.add(event.document)
        cluster = clusters[best]
        holders = seen.setdefault(words, [])
        if len(cluster.wordings) < CLUSTER_WORDINGS and best not in holders:
            k = len(wordings)
            wordings.append(words)
            owner.append(best)
            splittable.append(own_cuts)
            holders.append(best)
            cluster.wordings.append(k)
            for w in words:
                by_word.setdefault(w, []).append(k)
    return [c.event for c in clusters]


def merge(reports: Iterable[Report]) -> list[Event]:
    """Events of reports in timeline order, each interval merged on its own."""
    out: list[Event] = []
    run: list[Report] = []
    days = None
    for report in reports:
        key = (report[0].date.start, report[0].date.end)
        if key != days and run:
            out.extend(merge_interval(run))
            run = []
        days = key
        run.append(report)
    if run:
        out.extend(merge_interval(run))
    return out


def _absorb(into: Event, other: Event) -> None:
    into.sources.extend(other.sources)
    into.actors.extend(a for a in other.actors if a not in into.actors)
    into.places.extend(p for p in other.places if p not in into.places)
