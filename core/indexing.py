"""``ruydad index``: documents read, analysed and written into an archive,
in a stream.

Each document is hashed (``core.archive.content_hash``) before anything else:
one the archive holds is skipped, so indexing the same input again only reads
it. New documents get an id no other document of the archive has (``~2``
after a repeated id, as ``build_timeline`` does), are analysed by an
*analyzer* (worker processes, ``core.parallel.analyze_all``, or a Dask
cluster, ``core.dask_analysis``)
and written with their analysis, a batch per transaction; nothing is kept
once written, so memory does not grow with the corpus. Merging follows, per
interval that new reports touched (``ArchiveWriter.merge_dirty``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date

from core.archive import ArchiveWriter, content_hash
from core.documents import Problem
from core.model import Document
from core.parallel import analyze_all
from core.timeline import DocumentAnalysis

BATCH = 200

Analyzed = tuple[Document, DocumentAnalysis] | Problem
# ``analyze_all``'s shape: (items, published) → results in input order.
Analyzer = Callable[..., Iterator[Analyzed]]


@dataclass
class IndexSummary:
    new: int = 0
    skipped: int = 0
    failed: int = 0
    events: int = 0
    documents: int = 0
    problems: list[str] = field(default_factory=list)


def index_documents(items: Iterable[Document | Problem], writer: ArchiveWriter, published: date | None = None,
                    analyzer: Analyzer = analyze_all, workers: int | None = None, progress: Callable[[int], None] | None = None,
                    on_problem: Callable[[str], None] | None = None, merging: Callable[[int], None] | None = None,
                    batch: int = BATCH) -> IndexSummary:
    """Add the documents of ``items`` to the archive of ``writer`` and merge.

    ``progress``: called with the number of documents done (new or skipped);
    ``on_problem``: with each problem's line as it is found; ``merging``: with
    the number of intervals merged so far."""
    summary = IndexSummary()
    keys: dict[str, str] = {}
    writer.start_problems()

    def problem(item: Problem | str) -> None:
        summary.failed += 1
        line = str(item)
        summary.problems.append(line)
        writer.add_problem(line)
        if on_problem is not None:
            on_problem(line)

    def tick() -> None:
        if progress is not None:
            progress(summary.new + summary.skipped + summary.failed)

    def new_documents() -> Iterator[Document | Problem]:
        for item in items:
            if not isinstance(item, Document):
                yield item
                continue
            key = content_hash(item)
            if writer.known(key):
                summary.skipped += 1
                tick()
                continue
            writer.claim(key)
            unique = writer.unique_id(item.id)
            document = item if unique == item.id else replace(item, id=unique)
            keys[document.id] = key
            yield document

    pending = 0
    for result in analyzer(new_documents(), published, workers):
        if isinstance(result, Problem):
            problem(result)
        else:
            document, analysis = result
            writer.add(document, analysis, keys.pop(document.id))
            summary.new += 1
            pending += 1
            if pending >= batch:
                writer.commit()
                pending = 0
        tick()
    writer.commit()
    writer.merge_dirty(merging)
    summary.documents, summary.events = writer.counts()
    return summary
