"""One-to-one greedy matching, best agreement first."""

from __future__ import annotations

from collections.abc import Iterable
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
