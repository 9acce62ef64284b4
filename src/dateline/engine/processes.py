"""Worker processes for the language layer: every core of one machine.

Each worker loads the pipeline once (in its initializer) and takes articles in
batches; results come back in input order, so output, ids and stories do not depend
on the worker count. Only a bounded number of batches is in flight, so memory grows
with workers, not with input size.
"""

from __future__ import annotations

import multiprocessing as mp
from collections import deque
from collections.abc import Iterable, Iterator
from itertools import islice

from ..record import Article

_nlp = None


def _init_worker() -> None:
    global _nlp
    from ..language import load_pipeline

    _nlp = load_pipeline()


def _annotate_batch(batch: list[dict]) -> list[dict]:
    from ..language import annotate

    arts = [Article.from_dict(d) for d in batch]
    return [a.to_dict() for a in annotate(arts, nlp=_nlp, batch_size=len(arts) or 1)]


def _batches(articles: Iterable[Article], size: int) -> Iterator[list[dict]]:
    it = iter(articles)
    while True:
        chunk = list(islice(it, size))
        if not chunk:
            return
        yield [a.to_dict() for a in chunk]


def annotate_in_processes(articles: Iterable[Article], *, workers: int, batch_size: int = 16) -> Iterator[Article]:
    ctx = mp.get_context("spawn" if mp.get_start_method(allow_none=True) == "spawn" else "forkserver")
    in_flight_limit = workers * 2
    with ctx.Pool(workers, initializer=_init_worker) as pool:
        pending: deque = deque()
        for batch in _batches(articles, batch_size):
            pending.append(pool.apply_async(_annotate_batch, (batch,)))
            while len(pending) >= in_flight_limit:
                for d in pending.popleft().get():
                    yield Article.from_dict(d)
        while pending:
            for d in pending.popleft().get():
                yield Article.from_dict(d)
