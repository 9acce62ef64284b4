"""Cutting a stream of articles into batches, and annotating one batch anywhere.

Both parallel engines (worker processes, Dask) ship whole batches: one `nlp.pipe`
call per batch keeps spaCy's batching, and per-task overhead (pickling, scheduling)
is paid once per batch instead of once per article.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice
from typing import TYPE_CHECKING

from ..record import Article
from ..errors import EngineError

if TYPE_CHECKING:
    from spacy.language import Language


def batches(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    """Consecutive batches of at most `size` articles, pulled lazily from the stream."""
    if size < 1:
        raise ValueError("batch size must be at least 1")
    it = iter(articles)
    while chunk := list(islice(it, size)):
        yield chunk


def annotate_batch(batch: list[Article], nlp: Language) -> list[Article]:
    """The language layer over one batch, in order.

    On failure the batch is rerun article by article to name the one that breaks
    the pipeline, so the error says which input to look at.
    """
    from ..pipeline import annotate

    try:
        return list(annotate(batch, nlp=nlp, batch_size=max(1, len(batch))))
    except Exception as exc:  # noqa: BLE001 - re-raised with the article named
        culprit = _first_failing(batch, nlp)
        where = f"article {culprit}" if culprit else f"a batch of {len(batch)} articles starting at {_id(batch[0])}"
        raise EngineError(f"the language layer failed on {where}: {type(exc).__name__}: {exc}") from exc


def _first_failing(batch: list[Article], nlp: Language) -> str | None:
    from ..pipeline import annotate

    for art in batch:
        try:
            list(annotate([art], nlp=nlp, batch_size=1))
        except Exception:  # noqa: BLE001 - looking for the article that fails
            return _id(art)
    return None


def _id(art: object) -> str:
    return str(getattr(art, "id", None) or "<no id>")
