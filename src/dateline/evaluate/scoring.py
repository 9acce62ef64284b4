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
            # A section the gold record was not coded for is left out for this article
            # (the articles section leaves out field by field itself).
            if name != "articles" and not pair.scores(name):
                entry[name] = {"scored": False}
                continue
            counts, details = section.count(pair)
            counts["articles_scored"] = 1
            add_counts(totals[name], counts)
            entry[name] = {"figures": section.summarise(counts), "details": details}
        per_article.append(entry)

    result: dict[str, Any] = {"averaging": AVERAGING}
    for name, section in sections.items():
        result[name] = section.summarise(totals[name])
        result[name]["articles_scored"] = totals[name].get("articles_scored", 0)
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


def score_files(pred_path: str | Path, gold_path: str | Path, half: str | None = None) -> dict[str, Any]:
    """Score two files; `half` ("odd" or "even") keeps only those gold articles (1-based, in
    file order), so that one half can be looked at while tuning and the other kept for checking."""
    gold = load_records(gold_path)
    if half is not None:
        gold = [rec for n, rec in enumerate(gold, start=1) if n % 2 == (half == "odd")]
    result = score(load_records(pred_path), gold)
    return {"pred": str(pred_path), "gold": str(gold_path), "half": half, **result}
