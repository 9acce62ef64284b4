"""`dateline extract`: inputs to article records."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from ..errors import InputError
from ..run import RunSummary, run_extract
from .app import EngineOption, Exit, SchedulerOption, WorkersOption, app, err, run_options

# More than a screenful of work: worth a progress bar.
PROGRESS_MIN_BYTES = 200_000


def input_bytes(inputs: list[str]) -> int:
    total = 0
    for raw in inputs:
        p = Path(raw)
        if p.is_file():
            total += p.stat().st_size
        elif p.is_dir():
            total += sum(f.stat().st_size for f in p.rglob("*") if f.is_file())
        elif raw == "-":
            total += PROGRESS_MIN_BYTES
    return total


class ArticleProgress:
    """A Rich progress bar on stderr, shown only when the work is big and stderr is a terminal."""

    def __init__(self, inputs: list[str], force: bool | None = None) -> None:
        size = input_bytes(inputs)
        show = force if force is not None else (err.is_terminal and size >= PROGRESS_MIN_BYTES)
        self.progress = (
            Progress(
                SpinnerColumn(),
                TextColumn("[bold]extracting"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("articles"),
                TextColumn("{task.fields[rate]:.1f} articles/s"),
                TimeElapsedColumn(),
                console=err,
                transient=False,
            )
            if show
            else None
        )
        self.task = None

    def __enter__(self) -> "ArticleProgress":
        if self.progress:
            self.progress.start()
            self.task = self.progress.add_task("extract", total=None, rate=0.0)
        return self

    def __exit__(self, *exc) -> None:
        if self.progress:
            self.progress.stop()

    def advance(self, n: int) -> None:
        if self.progress and self.task is not None:
            self.progress.advance(self.task, n)
            task = self.progress.tasks[0]
            elapsed = task.elapsed or 0.0
            self.progress.update(self.task, rate=(task.completed / elapsed) if elapsed else 0.0)


def print_skipped(files: list[str]) -> None:
    """Files a directory held that dateline does not read: said, not silently passed over."""
    for path in files:
        err.print(f"[yellow]skipped:[/] {path} (not a format dateline reads: .txt, .jsonl, .json, .html)", soft_wrap=True)


def print_summary(summary: RunSummary, *, errors_title: str = "inputs that could not be read") -> None:
    table = Table(title="dateline extract", show_header=False, title_justify="left")
    table.add_column(style="bold")
    table.add_column(justify="right")
    table.add_row("articles", str(summary.articles))
    table.add_row("stories", str(summary.stories))
    table.add_row("duplicate versions", str(summary.duplicates))
    total_events = sum(summary.events_by_type.values())
    table.add_row("events", str(total_events))
    for etype, n in sorted(summary.events_by_type.items(), key=lambda kv: (-kv[1], str(kv[0]))):
        table.add_row(f"  {etype}", str(n))
    if summary.repeated:
        table.add_row("repeated inputs", f"{summary.repeated} (written once)")
    if summary.resumed:
        table.add_row("resumed after", f"{summary.resumed} articles")
    table.add_row("time", f"{summary.seconds:.1f} s")
    err.print(table)
    if summary.output:
        err.print(f"output: [bold]{summary.output}[/]")
    if summary.errors:
        err.print(f"[bold red]{len(summary.errors)} {errors_title}:[/]")
        for e in summary.errors:
            err.print(f"  [red]error:[/] {e}", soft_wrap=True)


@app.command()
def extract(
    inputs: Annotated[list[str], typer.Argument(help="Files, directories, globs, or - for stdin.")],
    output: Annotated[str, typer.Option("-o", "--output", help="Where to write (JSON Lines); - for stdout.")],
    published: Annotated[
        Optional[str], typer.Option(help="Publication date for every input (YYYY-MM-DD, YYYY-MM, YYYY).")
    ] = None,
    fmt: Annotated[str, typer.Option("-f", "--format", help="jsonl (article records) or events-csv.")] = "jsonl",
    merge: Annotated[bool, typer.Option(help="Merge events reported by several articles (corroboration).")] = False,
    workers: WorkersOption = None,
    engine: EngineOption = None,
    scheduler: SchedulerOption = None,
    progress: Annotated[Optional[bool], typer.Option("--progress/--no-progress", help="Force the progress bar on or off.")] = None,
    quiet: Annotated[bool, typer.Option("-q", "--quiet", help="No summary.")] = False,
) -> None:
    """Extract article records (events, quotes, figures, places, actors) from news text."""
    if fmt not in FORMATS:
        raise Exit(f"--format must be one of: {', '.join(FORMATS)}")
    options = run_options(workers, engine=engine, scheduler=scheduler)
    to_stdout = output == "-"
    target = Path(tempfile.mkdtemp(prefix="dateline-")) / "out" if to_stdout else Path(output)
    if target.exists() and target.is_dir():
        raise InputError(str(target), "output is a directory; give a file name")
    with ArticleProgress(inputs, force=progress) as bar:
        summary = run_extract(
            inputs,
            target,
            published=published,
            options=options,
            on_progress=bar.advance,
            write=FORMATS[fmt](merge),
        )
    if to_stdout:
        with open(target, "rb") as fh:
            sys.stdout.buffer.write(fh.read())
        target.unlink()
        summary.output = "<stdout>"
    if summary.articles == 0 and not summary.errors:
        summary.errors.append(InputError(", ".join(inputs), "no articles found"))
    print_skipped(summary.skipped_files)
    if not quiet and summary.articles:
        print_summary(summary)
    if summary.errors:
        if quiet or not summary.articles:
            for e in summary.errors:
                err.print(f"[bold red]error:[/] {e}", soft_wrap=True)
        raise Exit("", code=2)


def _jsonl_writer(merge: bool):
    if not merge:
        return None
    from ..events.merge import write_merged_jsonl

    return write_merged_jsonl


def _events_csv_writer(merge: bool):
    from ..events.export import write_events_csv

    def write(records, path: Path) -> None:
        write_events_csv(records, path, merge=merge)

    return write


FORMATS = {"jsonl": _jsonl_writer, "events-csv": _events_csv_writer}
