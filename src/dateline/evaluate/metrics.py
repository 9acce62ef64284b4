"""Counts and the figures computed from them.

Scoring is micro-averaged: every section first *counts* (true positives, hits, totals)
per article, the counts are summed over the corpus, and only then are rates computed.
Counts are nested dicts of ints so that summing them needs no knowledge of the section.
"""

from __future__ import annotations

from typing import Any


def add_counts(total: dict[str, Any], part: dict[str, Any]) -> dict[str, Any]:
    """Add the ints of `part` into `total` (in place, nested dicts recursed); return `total`."""
    for key, value in part.items():
        if isinstance(value, dict):
            add_counts(total.setdefault(key, {}), value)
        elif isinstance(value, bool):
            total[key] = total.get(key, 0) + int(value)
        elif isinstance(value, int):
            total[key] = total.get(key, 0) + value
    return total


def ratio(num: int, den: int) -> float | None:
    return num / den if den else None


def prf(tp: int, fp: int, fn: int) -> dict[str, Any]:
    """Precision, recall and F1 from summed counts.

    Nothing predicted and nothing to find is a perfect score (1.0); predictions with
    nothing to find, or gold with nothing predicted, score 0 on the empty side.
    """
    if tp + fp + fn == 0:
        p = r = f = 1.0
    else:
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
    return {"tp": tp, "fp": fp, "fn": fn, "precision": p, "recall": r, "f1": f}


def rate(right: int, total: int) -> dict[str, Any]:
    """A share of right answers; `rate` is None when there was nothing to judge."""
    return {"right": right, "total": total, "rate": ratio(right, total)}

