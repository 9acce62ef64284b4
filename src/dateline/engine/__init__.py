"""Engines that run the language layer over a stream of articles, in input order.

- "local" with workers=1: in this process;
- "local" with workers>1: worker processes, each loading the pipeline once (processes.py);
- "dask": a Dask cluster, a LocalCluster of `workers` processes when no scheduler
  address is given (dask_engine.py).

Every engine reads its input lazily, keeps a bounded number of batches in flight and
yields records in input order, so the output (order, ids, and the stories run.py
assigns afterwards over all signatures) is the same whichever engine runs it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from ..record import Article
from .errors import EngineError

__all__ = ["ENGINES", "EngineError", "annotate_stream", "register_engine"]

Engine = Callable[..., Iterator[Article]]
ENGINES: dict[str, Engine] = {}


def register_engine(name: str) -> Callable[[Engine], Engine]:
    def register(fn: Engine) -> Engine:
        ENGINES[name] = fn
        return fn

    return register


@register_engine("local")
def _local(articles: Iterable[Article], *, workers: int, scheduler: str | None, batch_size: int) -> Iterator[Article]:
    if scheduler:
        raise ValueError("a scheduler address needs the dask engine (--engine dask)")
    if workers <= 1:
        from ..language import annotate

        return annotate(articles, batch_size=batch_size)
    from .processes import annotate_in_processes

    return annotate_in_processes(articles, workers=workers, batch_size=batch_size)


@register_engine("dask")
def _dask(articles: Iterable[Article], *, workers: int, scheduler: str | None, batch_size: int) -> Iterator[Article]:
    from .dask_engine import annotate_on_dask

    return annotate_on_dask(articles, scheduler=scheduler, workers=workers, batch_size=batch_size)


def annotate_stream(
    articles: Iterable[Article],
    *,
    workers: int = 1,
    engine: str = "local",
    scheduler: str | None = None,
    language: bool = True,
    batch_size: int = 16,
) -> Iterator[Article]:
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r} (use {' or '.join(repr(e) for e in ENGINES)})")
    if not language:
        return iter(articles)
    return ENGINES[engine](articles, workers=workers, scheduler=scheduler, batch_size=batch_size)
