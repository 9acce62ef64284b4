"""`dateline ingest`: inputs, extracted as `dateline extract` does, into the store."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from ..errors import InputError
from ..options import BATCH_SIZE
from ..store import DEFAULT_DB
from ..store.ingest import IngestSummary, ingest
from .app import EngineOption, Exit, InputsArgument, ProgressOption, PublishedOption, QuietOption, SchedulerOption, WorkersOption
from .app import app, err, run_options
from .extract import print_errors, print_skipped, with_progress


def print_ingest_summary(summary: IngestSummary, db: str) -> None:
    table = Table(title="dateline ingest", show_header=False, title_justify="left")
    table.add_column(style="bold")
    table.add_column(justify="right")
    table.add_row("articles added", str(summary.added))
    table.add_row("already stored", str(summary.skipped))
    table.add_row("events added", str(sum(summary.events_by_type.values())))
    for etype, n in sorted(summary.events_by_type.items(), key=lambda kv: (-kv[1], str(kv[0]))):
        table.add_row(f"  {etype}", str(n))
    table.add_row("in the store", f"{summary.articles_in_store} articles, {summary.events_in_store} events, {summary.stories} stories")
    table.add_row("time", f"{summary.seconds:.1f} s")
    err.print(table)
    err.print(f"database: [bold]{db}[/]")


@app.command("ingest")
def ingest_command(
    inputs: InputsArgument,
    db: Annotated[str, typer.Option("--db", help="The database file (created when missing).")] = DEFAULT_DB,
    published: PublishedOption = None,
    workers: WorkersOption = None,
    engine: EngineOption = None,
    scheduler: SchedulerOption = None,
    batch_size: Annotated[int, typer.Option(help="Articles per transaction.")] = BATCH_SIZE,
    language: Annotated[bool, typer.Option("--language/--no-language", help="Run the language layer (off: text only).")] = True,
    progress: ProgressOption = None,
    quiet: QuietOption = False,
) -> None:
    """Extract articles into the database; rerunning (or rerunning after a kill) adds only what is missing."""
    options = run_options(workers, engine=engine, scheduler=scheduler, language=language, batch_size=batch_size)
    summary = with_progress(progress, ingest, inputs, db, published=published, options=options)
    if summary.added == 0 and summary.skipped == 0 and not summary.errors:
        summary.errors.append(InputError(", ".join(inputs), "no articles found"))
    print_skipped(summary.skipped_files)
    summarised = not quiet and bool(summary.added or summary.skipped)
    if summarised:
        print_ingest_summary(summary, db)
    if summary.errors:
        print_errors(summary.errors, under_summary=summarised)
        raise Exit("", code=2)
