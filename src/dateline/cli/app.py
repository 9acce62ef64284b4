"""The Typer application every command module registers on."""

from __future__ import annotations

from typing import Annotated, Any, Optional

import typer
from rich.console import Console

from ..options import RunOptions, all_cores

app = typer.Typer(
    name="dateline",
    help="Conflict event data from news text: who did what to whom, where, when, and according to whom.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
# Human-facing output goes to stderr so that `-o -` can stream records on stdout.
err = Console(stderr=True, highlight=False)
out = Console(highlight=False)


# What every command that reads news text takes: the inputs, a publication date, progress and quiet.
InputsArgument = Annotated[list[str], typer.Argument(help="Files, directories, globs, or - for stdin.")]
PublishedOption = Annotated[Optional[str], typer.Option(help="Publication date for every input (YYYY-MM-DD, YYYY-MM, YYYY).")]
ProgressOption = Annotated[Optional[bool], typer.Option("--progress/--no-progress", help="Force the progress bar on or off.")]
QuietOption = Annotated[bool, typer.Option("-q", "--quiet", help="No summary.")]

# The flags every command that runs the language layer shares (fields of RunOptions).
WorkersOption = Annotated[Optional[int], typer.Option(help="Worker processes (default: all cores).")]
EngineOption = Annotated[Optional[str], typer.Option(help="local or dask (default: local; dask when --scheduler is given).")]
SchedulerOption = Annotated[Optional[str], typer.Option(help="Dask scheduler address or file (default: a LocalCluster).")]


def run_options(workers: int | None = None, **values: Any) -> RunOptions:
    """The run options the flags ask for; every command's default is all cores."""
    return RunOptions(workers=workers if workers is not None else all_cores(), **values)


class Exit(Exception):
    """Stop with a message and an exit code, without a traceback."""

    def __init__(self, message: str, code: int = 2) -> None:
        super().__init__(message)
        self.code = code


@app.callback()
def _root() -> None:
    """dateline: conflict event data from news text, offline."""
