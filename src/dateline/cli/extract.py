"""`dateline extract`: inputs to article records."""

from __future__ import annotations

import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TaskProgressColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table

from ..errors import InputError
from ..run import RunSummary, run_extract
from .app import EngineOption, Exit, InputsArgument, ProgressOption, PublishedOption, QuietOption, SchedulerOption, WorkersOption
from .app import app, err, run_options

# How often progress is written as a plain line when stderr is a log, not a terminal.
PLAIN_EVERY_SECONDS = 10.0


class ArticleProgress:
    """Progress on stderr: a Rich bar with total, percentage and ETA in a terminal; a plain
    line every PLAIN_EVERY_SECONDS in a log (nohup, Slurm, CI); nothing with --no-progress.

    The total is known once the reader's first pass has counted the articles (`total`).
    """

    def __init__(self, force: bool | None = None, *, console: Console = err, clock=time.monotonic,
                 every: float = PLAIN_EVERY_SECONDS) -> None:
        on = force is not False
        self.console, self.clock, self.every = console, clock, every
        self.bar = (
            Progress(
                SpinnerColumn(),
                TextColumn("[bold]extracting"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("articles"),
                TaskProgressColumn(),
                TextColumn("{task.fields[rate]:.1f} articles/s"),
                TimeElapsedColumn(),
                TextColumn("ETA"),
                TimeRemainingColumn(),
                console=console,
                transient=False,
            )
            if on and console.is_terminal
            else None
        )
        self.plain = on and not console.is_terminal
        self.task = None
        self.done = 0
        self.of: int | None = None
        self.started = self.last = 0.0

    def __enter__(self) -> "ArticleProgress":
        self.started = self.last = self.clock()
        if self.bar:
            self.bar.start()
            self.task = self.bar.add_task("extract", total=None, rate=0.0)
        return self

    def __exit__(self, *exc) -> None:
        if self.bar:
            self.bar.stop()

    def total(self, n: int) -> None:
        self.of = n
        if self.bar and self.task is not None:
            self.bar.update(self.task, total=n)

    def advance(self, n: int) -> None:
        self.done += n
        now = self.clock()
        elapsed = now - self.started
        rate = self.done / elapsed if elapsed > 0 else 0.0
        if self.bar and self.task is not None:
            self.bar.update(self.task, advance=n, rate=rate)
        elif self.plain and now - self.last >= self.every:
            self.last = now
            self.console.print(self.line(rate), soft_wrap=True, highlight=False, markup=False)

    def line(self, rate: float) -> str:
        if not self.of:
            return f"extracting: {self.done:,} articles, {rate:.1f} articles/s"
        share = min(self.done / self.of, 1.0)
        left = (self.of - self.done) / rate if rate > 0 else None
        eta = f", about {_duration(left)} left" if left is not None else ""
        return f"extracting: {self.done:,}/{self.of:,} articles ({share:.0%}), {rate:.1f} articles/s{eta}"


def _duration(seconds: float) -> str:
    seconds = max(0, round(seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours} h {minutes:02d} min"
    return f"{minutes} min {secs:02d} s" if minutes else f"{secs} s"


def print_skipped(files: list[str]) -> None:
    """Files a directory held that dateline does not read: said, not silently passed over."""
    for path in files:
        err.print(f"[yellow]skipped:[/] {path} (not a format dateline reads: .txt, .jsonl, .json, .html)", soft_wrap=True)


def with_progress(progress: bool | None, run: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """`run(*args, **kwargs)` with an `ArticleProgress` fed through its on_progress and on_total."""
    with ArticleProgress(force=progress) as bar:
        return run(*args, on_progress=bar.advance, on_total=bar.total, **kwargs)


def print_errors(errors: list, *, under_summary: bool) -> None:
    """The inputs that could not be read: listed under the summary table, or one line each alone."""
    if under_summary:
        err.print(f"[bold red]{len(errors)} inputs that could not be read:[/]")
        for e in errors:
            err.print(f"  [red]error:[/] {e}", soft_wrap=True)
    else:
        for e in errors:
            err.print(f"[bold red]error:[/] {e}", soft_wrap=True)


def print_summary(summary: RunSummary) -> None:
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


@app.command()
def extract(
    inputs: InputsArgument,
    output: Annotated[str, typer.Option("-o", "--output", help="Where to write (JSON Lines); - for stdout.")],
    published: PublishedOption = None,
    fmt: Annotated[str, typer.Option("-f", "--format", help="jsonl (article records) or events-csv.")] = "jsonl",
    merge: Annotated[bool, typer.Option(help="Merge events reported by several articles (corroboration).")] = False,
    workers: WorkersOption = None,
    engine: EngineOption = None,
    scheduler: SchedulerOption = None,
    progress: ProgressOption = None,
    quiet: QuietOption = False,
) -> None:
    """Extract article records (events, quotes, figures, places, actors) from news text."""
    if fmt not in FORMATS:
        raise Exit(f"--format must be one of: {', '.join(FORMATS)}")
    options = run_options(workers, engine=engine, scheduler=scheduler)
    to_stdout = output == "-"
    target = Path(tempfile.mkdtemp(prefix="dateline-")) / "out" if to_stdout else Path(output)
    if target.exists() and target.is_dir():
        raise InputError(str(target), "output is a directory; give a file name")
    summary = with_progress(progress, run_extract, inputs, target, published=published, options=options,
                            write=FORMATS[fmt](merge))
    if to_stdout:
        with open(target, "rb") as fh:
            sys.stdout.buffer.write(fh.read())
        target.unlink()
        summary.output = "<stdout>"
    if summary.articles == 0 and not summary.errors:
        summary.errors.append(InputError(", ".join(inputs), "no articles found"))
    print_skipped(summary.skipped_files)
    summarised = not quiet and summary.articles > 0
    if summarised:
        print_summary(summary)
    if summary.errors:
        print_errors(summary.errors, under_summary=summarised)
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
