"""Scoring extractions against gold (../shared/docs/scoring.md): the API behind `dateline eval`."""

from .records import load_records
from .scoring import score, score_files

__all__ = ["load_records", "score", "score_files", "render"]


def render(result, console=None, per_article: bool = False) -> None:
    """Print a result as Rich tables (imported lazily: Rich is only needed to show it)."""
    from .render import render as _render

    _render(result, console=console, per_article=per_article)
