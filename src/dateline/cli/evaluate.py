"""`dateline eval`: score predicted article records against gold."""

from __future__ import annotations

import json
import sys
from typing import Annotated

import typer

from ..evaluate import render, score_files
from .app import app, out


@app.command("eval")
def eval_command(
    pred: Annotated[str, typer.Argument(help="Predicted article records (JSON Lines), e.g. from `dateline extract`.")],
    gold: Annotated[str, typer.Argument(help="Gold article records (JSON Lines).")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the figures as JSON (with a per-article breakdown).")] = False,
    articles: Annotated[bool, typer.Option("--articles", help="Also print a table per article.")] = False,
    half: Annotated[str | None, typer.Option(
        "--half", help="Score only the odd- or even-numbered gold articles (1-based, in file order): tune on one"
        " half, check on the other.")] = None,
) -> None:
    """Score an extraction against gold: articles, stories, events, places, quotes, quantities."""
    if half not in (None, "odd", "even"):
        raise typer.BadParameter("--half takes odd or even")
    result = score_files(pred, gold, half=half)
    if as_json:
        sys.stdout.write(json.dumps(result, ensure_ascii=False, indent=2) + "\n")
        sys.stdout.flush()
    else:
        render(result, console=out, per_article=articles)
