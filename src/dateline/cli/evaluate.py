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
) -> None:
    """Score an extraction against gold: articles, stories, events, places, quotes, quantities."""
    result = score_files(pred, gold)
    if as_json:
        sys.stdout.write(json.dumps(result, ensure_ascii=False, indent=2) + "\n")
        sys.stdout.flush()
    else:
        render(result, console=out, per_article=articles)
