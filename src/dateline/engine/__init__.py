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
from typing import TYPE_CHECKING

from ..errors import EngineError
from ..record import Article
from ..registry import Registry

if TYPE_CHECKING:
    from ..options import RunOptions

__all__ = ["ENGINES", "EngineError", "annotate_stream", "register_engine"]

# An engine takes the articles and the run's (already checked) options.
Engine = Callable[[Iterable[Article], "RunOptions"], Iterator[Article]]
ENGINES: dict[str, Engine] = Registry("engine")
register_engine = ENGINES.register


@register_engine("local")
def _local(articles: Iterable[Article], options: RunOptions) -> Iterator[Article]:
    if options.workers <= 1:
        from ..pipeline import annotate

        return annotate(articles, batch_size=options.language_batch)
    from .processes import annotate_in_processes

    return annotate_in_processes(articles, workers=options.workers, batch_size=options.language_batch)


@register_engine("dask")
def _dask(articles: Iterable[Article], options: RunOptions) -> Iterator[Article]:
    from .dask_engine import annotate_on_dask

    return annotate_on_dask(articles, scheduler=options.scheduler, workers=options.workers, batch_size=options.language_batch)


def annotate_stream(articles: Iterable[Article], options: RunOptions | None = None, **values) -> Iterator[Article]:
    """The articles annotated by the engine `options` name (or `RunOptions(**values)`), in input order."""
    from ..options import RunOptions

    options = RunOptions.of(options, **values)
    if not options.language:
        return iter(articles)
    return ENGINES[options.engine](articles, options)
