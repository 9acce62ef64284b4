"""`dateline eval`: score predicted article records against gold (../shared/docs/scoring.md).

    from dateline.evaluate import score, score_files
    result = score(pred_records, gold_records)     # nested dict of figures, JSON-ready

Figures are micro-averaged: each section counts per article pair, the counts are summed
over the corpus, and rates are computed from the sums. `per_article` keeps each
article's own figures and the items it missed, invented or got wrong.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

# Importing the section modules registers them, in the order the result lists them.
from . import fields, events, places, quotes, quantities  # noqa: F401
from .metrics import add_counts
from .pairing import pair_articles
from .records import load_records
from .registry import ARTICLE_SECTIONS
from .stories import score_stories

AVERAGING = "micro-averaged: counts summed over all gold articles, then rates computed from the sums"


def score(pred_records: list[dict], gold_records: list[dict]) -> dict[str, Any]:
    pairing = pair_articles(pred_records, gold_records)
    sections = {name: make() for name, make in ARTICLE_SECTIONS.items()}
    totals: dict[str, dict] = {name: {} for name in sections}
    per_article = []
    for pair in pairing.pairs:
        entry: dict[str, Any] = {
            "gold_id": pair.gold.get("id"),
            "pred_id": pair.pred.get("id") if pair.pred is not None else None,
            "paired_by": pair.paired_by,
            "title": pair.gold.get("title"),
        }
        if pair.paired_by in ("title", "body"):
            entry["title_similarity"] = pair.title_similarity
            entry["body_overlap"] = pair.body_overlap
        for name, section in sections.items():
            counts, details = section.count(pair)
            add_counts(totals[name], counts)
            entry[name] = {"figures": section.summarise(counts), "details": details}
        per_article.append(entry)

    result: dict[str, Any] = {"averaging": AVERAGING}
    for name, section in sections.items():
        result[name] = section.summarise(totals[name])
    stories = score_stories(pairing)
    articles = result["articles"]
    articles["gold"] = len(gold_records)
    articles["predicted"] = len(pred_records)
    articles["paired_by"] = dict(Counter(p.paired_by for p in pairing.pairs if p.paired_by))
    articles["unpaired_predicted"] = [r.get("id") for r in pairing.unpaired_pred]
    articles["stories"] = stories["stories"]
    articles["duplicate_of"] = stories["duplicate_of"]
    result["story_details"] = stories["details"]
    result["per_article"] = per_article
    return result


def score_files(pred_path: str | Path, gold_path: str | Path) -> dict[str, Any]:
    result = score(load_records(pred_path), load_records(gold_path))
    return {"pred": str(pred_path), "gold": str(gold_path), **result}
