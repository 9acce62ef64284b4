"""`dateline ingest`: the extraction `dateline extract` runs, written into the store.

    read (lazy) -> skip ids already stored -> language + events (engine)
      -> batches, each committed in one transaction -> stories over the whole store

Stored articles are skipped before the language layer sees them, so a rerun after a
kill costs only the reading of what was done. Input order is deterministic and the
stories are reassigned over every stored article in ingest order, so a killed and
rerun ingest ends with the same database as a clean one.
"""

from __future__ import annotations

import os
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import chain, islice
from pathlib import Path

from ..errors import InputError
from ..options import RunOptions
from ..read import ReadReport, read_dated, read_string
from ..read.published import refine_published
from ..record import Article
from .writer import Store


@dataclass
class IngestSummary:
    added: int = 0
    skipped: int = 0  # already stored (or repeated in the input)
    events_by_type: Counter = field(default_factory=Counter)
    stories: int = 0
    articles_in_store: int = 0
    events_in_store: int = 0
    errors: list[InputError] = field(default_factory=list)
    skipped_files: list[str] = field(default_factory=list)  # in a directory, in no format dateline reads
    seconds: float = 0.0
    added_ids: list[str] = field(default_factory=list)


def batched(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def store_articles(
    store: Store,
    articles: Iterable[Article],
    options: RunOptions | None = None,
    *,
    on_progress: Callable[[int], None] | None = None,
    summary: IngestSummary | None = None,
) -> IngestSummary:
    """Annotate the articles the store lacks and commit them batch by batch, then reassign stories."""
    from ..engine import annotate_stream

    options = options if options is not None else RunOptions()
    summary = summary if summary is not None else IngestSummary()
    started = time.perf_counter()
    fresh = store.unseen(articles)
    first = next(fresh, None)
    # Nothing new: do not load the language layer (or start workers) at all.
    annotated = (
        annotate_stream(chain([first], fresh), options)
        if first is not None
        else iter(())
    )
    for batch in batched(annotated, options.batch_size):
        summary.added += store.add_records(batch)
        summary.added_ids.extend(a.id for a in batch)
        for art in batch:
            summary.events_by_type.update(ev.get("event_type") for ev in art.events if isinstance(ev, dict))
        if on_progress:
            on_progress(len(batch))
    summary.skipped += getattr(store, "skipped", 0)
    # Also after a rerun that added nothing: a run killed before this step left them stale.
    summary.stories = store.assign_stories()
    counts = store.counts()
    summary.articles_in_store, summary.events_in_store = counts["articles"], counts["events"]
    summary.seconds += time.perf_counter() - started
    return summary


def ingest(
    inputs: list[str],
    db: str | os.PathLike,
    *,
    published: str | None = None,
    options: RunOptions | None = None,
    on_progress: Callable[[int], None] | None = None,
    on_total: Callable[[int], None] | None = None,
    **option_values,
) -> IngestSummary:
    """Extract every article of `inputs` (files, directories, globs, '-') into the store at `db`.

    `options` (or its fields as keywords: `workers=2`) say how the work is done.
    """
    options = RunOptions.of(options, **option_values)
    report = ReadReport()
    with Store(Path(db)) as store:
        summary = store_articles(
            store,
            read_dated(inputs, published=published, report=report, on_count=on_total),  # dated as `extract` dates them
            options,
            on_progress=on_progress,
        )
    summary.errors = report.errors
    summary.skipped_files = report.skipped
    return summary


def ingest_text(store: Store, text: str, *, published: str | None = None, label: str = "<text>", language: bool = True) -> IngestSummary:
    """Articles from a string (one article, a dump, or JSON Lines) into an open store."""
    articles = read_string(text, published=published, label=label)
    refine_published(articles)
    return store_articles(store, articles, RunOptions(workers=1, language=language))
