"""One-to-one greedy matching, best agreement first."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any


def greedy_match(
    candidates: Iterable[tuple[Any, int, int]],
    taken_pred: set[int] | None = None,
    taken_gold: set[int] | None = None,
) -> list[tuple[int, int]]:
    """Pairs (pred, gold) from candidates (sort_key, pred, gold): the smallest key first,
    each side used once. Indices already in `taken_*` are skipped (and get added)."""
    used_pred = taken_pred if taken_pred is not None else set()
    used_gold = taken_gold if taken_gold is not None else set()
    chosen = []
    for _key, p, g in sorted(candidates, key=lambda c: (c[0], c[1], c[2])):
        if p in used_pred or g in used_gold:
            continue
        used_pred.add(p)
        used_gold.add(g)
        chosen.append((p, g))
    return chosen


def match_counts(matches: list[tuple[int, int]], preds: list, golds: list) -> dict[str, int]:
    """True positives, false positives and false negatives of a one-to-one matching."""
    return {"tp": len(matches), "fp": len(preds) - len(matches), "fn": len(golds) - len(matches)}


def unmatched(matches: list[tuple[int, int]], preds: list, golds: list, label: Callable[[Any], Any]) -> dict[str, list]:
    """The gold items no prediction matched ("missed") and the predictions that matched
    no gold item ("spurious"), each as `label` shows it, in list order."""
    matched_p = {p for p, _ in matches}
    matched_g = {g for _, g in matches}
    return {
        "missed": [label(x) for g, x in enumerate(golds) if g not in matched_g],
        "spurious": [label(x) for p, x in enumerate(preds) if p not in matched_p],
    }


def judged(counts: dict[str, int], checks: Iterable[tuple[str, bool, str]]) -> list[str]:
    """A matched item judged field by field: each (key, right, note) that is right adds one
    to `counts[key]`; the notes of the wrong ones are returned, for the details."""
    wrong = []
    for key, right, note in checks:
        if right:
            counts[key] += 1
        else:
            wrong.append(note)
    return wrong
