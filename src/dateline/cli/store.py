"""`dateline ingest`: inputs, extracted as `dateline extract` does, into the store."""

from __future__ import annotations

from typing import Annotated, Optional

import typer
from rich.table import Table

from ..errors import InputError
from ..options import BATCH_SIZE
from ..store import DEFAULT_DB
from ..store.ingest import IngestSummary, ingest
from .app import EngineOption, Exit, SchedulerOption, WorkersOption, app, err, run_options
from .extract import ArticleProgress, print_skipped


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
    inputs: Annotated[list[str], typer.Argument(help="Files, directories, globs, or - for stdin.")],
    db: Annotated[str, typer.Option("--db", help="The database file (created when missing).")] = DEFAULT_DB,
    published: Annotated[
        Optional[str], typer.Option(help="Publication date for every input (YYYY-MM-DD, YYYY-MM, YYYY).")
    ] = None,
    workers: WorkersOption = None,
    engine: EngineOption = None,
    scheduler: SchedulerOption = None,
    batch_size: Annotated[int, typer.Option(help="Articles per transaction.")] = BATCH_SIZE,
    language: Annotated[bool, typer.Option("--language/--no-language", help="Run the language layer (off: text only).")] = True,
    progress: Annotated[Optional[bool], typer.Option("--progress/--no-progress", help="Force the progress bar on or off.")] = None,
    quiet: Annotated[bool, typer.Option("-q", "--quiet", help="No summary.")] = False,
) -> None:
    """Extract articles into the database; rerunning (or rerunning after a kill) adds only what is missing."""
    options = run_options(workers, engine=engine, scheduler=scheduler, language=language, batch_size=batch_size)
    with ArticleProgress(force=progress) as bar:
        summary = ingest(
            inputs,
            db,
            published=published,
            options=options,
            on_progress=bar.advance,
            on_total=bar.total,
        )
    if summary.added == 0 and summary.skipped == 0 and not summary.errors:
        summary.errors.append(InputError(", ".join(inputs), "no articles found"))
    print_skipped(summary.skipped_files)
    if not quiet and (summary.added or summary.skipped):
        print_ingest_summary(summary, db)
    if summary.errors:
        if quiet or not (summary.added or summary.skipped):
            for e in summary.errors:
                err.print(f"[bold red]error:[/] {e}", soft_wrap=True)
        else:
            err.print(f"[bold red]{len(summary.errors)} inputs that could not be read:[/]")
            for e in summary.errors:
                err.print(f"  [red]error:[/] {e}", soft_wrap=True)
        raise Exit("", code=2)
