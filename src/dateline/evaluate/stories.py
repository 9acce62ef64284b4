"""Stories (scoring.md, "Articles"): which articles are versions of one story.

Pairwise: every two articles that share a `story` make a pair; predicted pairs are
compared with gold pairs after predicted ids are carried to gold ids through the
article pairing. Predicted articles with no gold partner are outside the gold's scope
and are left out. `duplicate_of` is an exact match over paired articles, the predicted
id carried to its gold id the same way.
"""

from __future__ import annotations

from collections import defaultdict
from itertools import combinations
from typing import Any

from .metrics import prf, rate
from .pairing import Pairing


def story_pairs(members: dict[str, list[str]]) -> set[frozenset[str]]:
    pairs: set[frozenset[str]] = set()
    for ids in members.values():
        for a, b in combinations(sorted(set(ids)), 2):
            pairs.add(frozenset((a, b)))
    return pairs


def score_stories(pairing: Pairing) -> dict[str, Any]:
    # Gold records not coded for stories (scoring.md, `scored`) are left out on both sides.
    pairs = [pair for pair in pairing.pairs if pair.scores("stories")]
    gold_groups: dict[str, list[str]] = defaultdict(list)
    pred_groups: dict[str, list[str]] = defaultdict(list)
    for pair in pairs:
        gold_groups[pair.gold.get("story")].append(pair.gold["id"])
        if pair.pred is not None:
            pred_groups[pair.pred.get("story")].append(pair.gold["id"])
    gold = story_pairs(gold_groups)
    pred = story_pairs(pred_groups)
    common = gold & pred
    out = prf(len(common), len(pred - gold), len(gold - pred))
    to_gold = pairing.pred_to_gold
    right = total = 0
    wrong = []
    for pair in pairs:
        if pair.pred is None:
            continue
        total += 1
        dup = pair.pred.get("duplicate_of")
        carried = to_gold.get(dup, f"(unpaired) {dup}") if dup is not None else None
        if carried == pair.gold.get("duplicate_of"):
            right += 1
        else:
            wrong.append({"gold_id": pair.gold["id"], "duplicate_of": carried, "gold": pair.gold.get("duplicate_of")})
    return {
        "stories": out,
        "duplicate_of": rate(right, total),
        "details": {
            "missed_pairs": sorted(sorted(p) for p in gold - pred),
            "spurious_pairs": sorted(sorted(p) for p in pred - gold),
            "wrong_duplicate_of": wrong,
        },
    }
