"""The Typer application every command module registers on."""

from __future__ import annotations

import typer
from rich.console import Console

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


class Exit(Exception):
    """Stop with a message and an exit code, without a traceback."""

    def __init__(self, message: str, code: int = 2) -> None:
        super().__init__(message)
        self.code = code


@app.callback()
def _root() -> None:
    """dateline: conflict event data from news text, offline."""
