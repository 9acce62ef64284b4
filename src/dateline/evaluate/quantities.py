"""Quantities (scoring.md, "Quantities").

A predicted quantity matches a gold one when their spans overlap or, where they do not,
when `low` and `high` are the same and both stand in the same sentence. Span overlaps
are matched first (largest overlap first), then the value matches (nearest first).
Over matched quantities: the rate of exact `low` and `high` (both), and of the right
`claimant`, compared like quote speakers (a person by last name, a body whole) with
null (the article's own voice) right only against null.
"""

from __future__ import annotations

from typing import Any

from .matching import greedy_match, judged, match_counts, unmatched
from .metrics import prf, rate
from .pairing import ArticlePair
from .registry import article_section
from .text import PartyJudge, Sentences
from .values import same_value


def label(item: dict) -> str:
    value = item.get("low") if same_value(item.get("low"), item.get("high")) else f"{item.get('low')}-{item.get('high')}"
    return f"{value} {item.get('counts') or ''}".strip() + f" @{item.get('start')}"


@article_section("quantities")
class QuantitiesSection:
    def count(self, pair: ArticlePair) -> tuple[dict, dict]:
        preds = (pair.pred or {}).get("quantities") or []
        golds = pair.gold.get("quantities") or []
        sentences = Sentences(pair.gold.get("body") or "")
        spans = [pair.offsets.span(q["start"], q["end"]) for q in preds]
        cands = []
        for p, q in enumerate(preds):
            if spans[p] is None:
                continue
            ps, pe = spans[p]
            p_sentence = sentences.index(ps)
            for g, gold in enumerate(golds):
                overlap = min(pe, gold["end"]) - max(ps, gold["start"])
                if overlap > 0:
                    cands.append(((0, -overlap), p, g))
                elif (
                    same_value(q.get("low"), gold.get("low"))
                    and same_value(q.get("high"), gold.get("high"))
                    and p_sentence == sentences.index(gold["start"])
                ):
                    cands.append(((1, abs(ps - gold["start"])), p, g))
        matches = greedy_match(cands)
        judge = PartyJudge(pair.gold.get("entities"))
        counts: dict[str, Any] = {
            **match_counts(matches, preds, golds),
            "values": 0, "claimant": 0,
        }
        wrong = []
        for p, g in matches:
            pred, gold = preds[p], golds[g]
            bad = judged(counts, [
                ("values", same_value(pred.get("low"), gold.get("low")) and same_value(pred.get("high"), gold.get("high")),
                 f"values: {pred.get('low')}-{pred.get('high')}"),
                ("claimant", judge.same(pred.get("claimant"), gold.get("claimant")),
                 f"claimant: {pred.get('claimant')!r} (gold {gold.get('claimant')!r})"),
            ])
            if bad:
                wrong.append({"gold": label(gold), "wrong": bad})
        details = {
            **unmatched(matches, preds, golds, label),
            "mismatched": wrong,
        }
        return counts, details

    def summarise(self, counts: dict) -> dict:
        tp = counts.get("tp", 0)
        out = prf(tp, counts.get("fp", 0), counts.get("fn", 0))
        out["values"] = rate(counts.get("values", 0), tp)
        out["claimant"] = rate(counts.get("claimant", 0), tp)
        return out
