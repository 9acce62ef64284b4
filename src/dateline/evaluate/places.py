"""Places (scoring.md, "Places").

A predicted place matches a gold place when their spans overlap (one to one, largest
overlap first). Over matched places: resolution within 161 km and within 25 km, and the
right `country_code`.

Places the gold leaves without coordinates ("the West", "Middle East", a river) cannot
be judged by distance: they are left out of the distance figures (their count is
reported as `unlocated_gold`, with how many the prediction also left unlocated) but
still judged on `country_code`, where null must meet null. A prediction without
coordinates for a gold place that has them is wrong at both distances.
"""

from __future__ import annotations

from typing import Any

from .geo import coordinates, distance_km
from .matching import greedy_match, match_counts, unmatched
from .metrics import prf, rate
from .pairing import ArticlePair
from .registry import article_section
from .text import fold

NEAR_KM = 161.0  # 100 miles, the usual geoparsing cut-off
EXACT_KM = 25.0


def span_candidates(preds: list[dict], golds: list[dict], pair: ArticlePair) -> list[tuple]:
    """(key, pred, gold) for every overlapping pair of spans, the largest overlap first."""
    found = []
    for p, item in enumerate(preds):
        span = pair.offsets.span(item["start"], item["end"])
        if span is None:
            continue
        ps, pe = span
        for g, gold in enumerate(golds):
            overlap = min(pe, gold["end"]) - max(ps, gold["start"])
            if overlap > 0:
                found.append(((-overlap, abs(ps - gold["start"])), p, g))
    return found


def label(item: dict) -> str:
    return f"{item.get('name')}@{item.get('start')}"


@article_section("places")
class PlacesSection:
    def count(self, pair: ArticlePair) -> tuple[dict, dict]:
        preds = (pair.pred or {}).get("places") or []
        golds = pair.gold.get("places") or []
        matches = greedy_match(span_candidates(preds, golds, pair))
        counts: dict[str, Any] = {
            **match_counts(matches, preds, golds),
            "located_gold": 0, "within_161km": 0, "within_25km": 0,
            "unlocated_gold": 0, "unlocated_both": 0, "country_code": 0,
        }
        wrong = []
        for p, g in matches:
            pred, gold = preds[p], golds[g]
            if fold(pred.get("country_code")) == fold(gold.get("country_code")):
                counts["country_code"] += 1
            if coordinates(gold) is None:
                counts["unlocated_gold"] += 1
                counts["unlocated_both"] += coordinates(pred) is None
                continue
            counts["located_gold"] += 1
            km = distance_km(pred, gold)
            if km is not None and km <= NEAR_KM:
                counts["within_161km"] += 1
            if km is not None and km <= EXACT_KM:
                counts["within_25km"] += 1
            else:
                wrong.append({
                    "gold": label(gold), "resolved": pred.get("resolved"),
                    "km": None if km is None else round(km, 1),
                })
        details = {
            **unmatched(matches, preds, golds, label),
            "misplaced": wrong,
        }
        return counts, details

    def summarise(self, counts: dict) -> dict:
        out = prf(counts.get("tp", 0), counts.get("fp", 0), counts.get("fn", 0))
        located = counts.get("located_gold", 0)
        out["within_161km"] = rate(counts.get("within_161km", 0), located)
        out["within_25km"] = rate(counts.get("within_25km", 0), located)
        out["country_code"] = rate(counts.get("country_code", 0), counts.get("tp", 0))
        out["unlocated_gold_left_null"] = rate(counts.get("unlocated_both", 0), counts.get("unlocated_gold", 0))
        return out
