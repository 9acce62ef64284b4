"""Engines that run the language layer over a stream of articles, in input order.

- "local" with workers=1: in this process;
- "local" with workers>1: worker processes, each loading the pipeline once;
- "dask": a Dask cluster (a LocalCluster when no scheduler address is given).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from ..record import Article


def annotate_stream(
    articles: Iterable[Article],
    *,
    workers: int = 1,
    engine: str = "local",
    scheduler: str | None = None,
    language: bool = True,
    batch_size: int = 16,
) -> Iterator[Article]:
    if not language:
        yield from articles
        return
    if engine == "local" and workers <= 1:
        from ..language import annotate

        yield from annotate(articles, batch_size=batch_size)
        return
    if engine == "local":
        from .processes import annotate_in_processes

        yield from annotate_in_processes(articles, workers=workers, batch_size=batch_size)
        return
    if engine == "dask":
        from .dask_engine import annotate_on_dask

        yield from annotate_on_dask(articles, scheduler=scheduler, batch_size=batch_size)
        return
    raise ValueError(f"unknown engine {engine!r} (use 'local' or 'dask')")
