"""The analysis of documents on a Dask cluster (``ruydad index --dask``).

The client reads the inputs and sends partitions of the documents the
archive lacks to the workers; each worker analyses a partition with the same
function as a local run (``core.parallel.analyze_one``) and sends the
analyses back. Only the client writes the archive, and it takes results in
input order, so the archive is the same as without Dask. A few partitions
are in flight at a time, so the client's memory does not grow with the corpus.

``local`` starts a small cluster of worker processes on this machine.
Workers on other machines need ruydad installed (the same version).
"""

from __future__ import annotations

import logging
import os
from collections import deque
from collections.abc import Iterable, Iterator
from datetime import date

from core.documents import Problem
from core.indexing import Analyzed
from core.parallel import analyze_one, result_of
from core.model import Document

PARTITION = 32
LOCAL_WORKERS = 2


def analyze_partition(documents: list[Document], published: date | None) -> list[Analyzed]:
    """Runs on a worker."""
    return [result_of(d, analyze_one(d, published)) for d in documents]


class DaskAnalyzer:
    """An analyzer (see ``core.indexing``) backed by a Dask cluster; a context manager."""

    def __init__(self, address: str, partition: int = PARTITION) -> None:
        from distributed import Client, LocalCluster

        self.partition = partition
        self.cluster = None
        if address == "local":
            # Processes, so the work really runs outside the client; two at most.
            self.cluster = LocalCluster(n_workers=min(LOCAL_WORKERS, os.cpu_count() or 1), threads_per_worker=1,
                                        processes=True, dashboard_address=None, silence_logs=logging.ERROR)
            self.client = Client(self.cluster)
        else:
            self.client = Client(address, timeout="20s")
        self.workers = max(1, len(self.client.scheduler_info().get("workers", {})))

    def __enter__(self) -> DaskAnalyzer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()

    def __call__(self, items: Iterable[Document | Problem], published: date | None = None,
                 workers: int | None = None, progress=None) -> Iterator[Analyzed]:
        stream = iter(items)
        in_flight: deque = deque()
        window = 2 * self.workers + 1
        held: list[Problem] = []

        def submit() -> bool:
            part: list[Document] = []
            for item in stream:
                if isinstance(item, Document):
                    part.append(item)
                    if len(part) >= self.partition:
                        break
                else:
                    held.append(item)
            if not part:
                return False
            in_flight.append(self.client.submit(analyze_partition, part, published, pure=False))
            return True

        more = True
        while more and len(in_flight) < window:
            more = submit()
        while in_flight:
            yield from held
            held.clear()
            future = in_flight.popleft()
            results = future.result()
            future.release()
            if more:
                more = submit()
            yield from results
        yield from held

