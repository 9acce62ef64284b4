"""Article fields (scoring.md, "Articles"): exact-match rates over paired articles, and
whether the publication date is right.

Exact means equal as written: strings compared as strings (the body too, paragraph
breaks included), lists as lists in order, credits role by role.
"""

from __future__ import annotations

import calendar
from datetime import date
from typing import Any

from ..record import CREDIT_ROLES
from .metrics import rate
from .pairing import ArticlePair
from .registry import article_section
from .values import parse_date

# Coarseness of a publication-date precision; a prediction may be finer, never coarser.
PRECISION_RANK = {"day": 0, "month": 1, "year": 2}


def credits_of(record: dict) -> dict[str, list]:
    credits = record.get("credits") or {}
    roles = set(CREDIT_ROLES) | set(credits)
    return {role: list(credits.get(role) or []) for role in sorted(roles)}


def dateline_places(record: dict) -> list:
    return list((record.get("dateline") or {}).get("places") or [])


def dateline_whole(record: dict) -> tuple:
    d = record.get("dateline")
    if d is None:
        return ()
    return (tuple(d.get("places") or []), d.get("country"), d.get("agency"))


# The `scored` section of the gold record (scoring.md) each field belongs to.
FIELD_SECTION = {"dateline_places": "dateline"}

# Each field: how to read the comparable value from a record.
EXACT_FIELDS = {
    "title": lambda r: r.get("title"),
    "byline": lambda r: list(r.get("byline") or []),
    "dateline_places": dateline_places,
    "dateline": dateline_whole,
    "credits": credits_of,
    "body": lambda r: r.get("body"),
    "captions": lambda r: list(r.get("captions") or []),
}


def period(day: date, precision: str | None) -> tuple[date, date]:
    """The days a date stands for at its precision: the day, its month, or its year."""
    if precision == "year":
        return date(day.year, 1, 1), date(day.year, 12, 31)
    if precision == "month":
        return day.replace(day=1), day.replace(day=calendar.monthrange(day.year, day.month)[1])
    return day, day


def gold_window(published: dict | None) -> tuple[date, date] | None:
    """The gold window earliest..latest; the gold period stands in for a missing bound."""
    if not published:
        return None
    day = parse_date(published.get("date"))
    start, end = period(day, published.get("precision")) if day else (None, None)
    start = parse_date(published.get("earliest")) or start
    end = parse_date(published.get("latest")) or end
    if start is None and end is None:
        return None
    return start or date.min, end or date.max


def judge_published(pred: dict | None, gold: dict | None) -> dict[str, Any]:
    """Counts for one article: judged (the gold gives a window), in_window, right."""
    window = gold_window(gold)
    if window is None:
        return {"judged": 0, "in_window": 0, "right": 0}
    day = parse_date((pred or {}).get("date"))
    precision = (pred or {}).get("precision")
    if day is None or precision not in PRECISION_RANK:
        return {"judged": 1, "in_window": 0, "right": 0}
    start, end = period(day, precision)
    inside = start <= window[1] and window[0] <= end
    fine_enough = PRECISION_RANK[precision] <= PRECISION_RANK.get((gold or {}).get("precision"), 2)
    return {"judged": 1, "in_window": int(inside), "right": int(inside and fine_enough)}


@article_section("articles")
class ArticleFieldsSection:
    def count(self, pair: ArticlePair) -> tuple[dict, dict]:
        counts: dict[str, Any] = {"gold": 1, "found": int(pair.pred is not None)}
        if pair.pred is None:
            return counts, {"found": False}
        wrong = []
        for name, read in EXACT_FIELDS.items():
            if not pair.scores(FIELD_SECTION.get(name, name)):
                continue
            same = read(pair.pred) == read(pair.gold)
            counts[name] = {"right": int(same), "judged": 1}
            if not same:
                wrong.append(name)
        if pair.scores("published"):
            counts["published"] = judge_published(pair.pred.get("published"), pair.gold.get("published"))
            if counts["published"]["judged"] and not counts["published"]["right"]:
                wrong.append("published")
        details = {"found": True, "wrong": wrong}
        if "published" in wrong:
            details["published"] = {"pred": pair.pred.get("published"), "gold_window": [
                str(d) for d in gold_window(pair.gold.get("published"))]}
        return counts, details

    def summarise(self, counts: dict) -> dict:
        found = counts.get("found", 0)
        out: dict[str, Any] = {"found": rate(found, counts.get("gold", 0))}
        for name in EXACT_FIELDS:
            field = counts.get(name, {})
            out[name] = rate(field.get("right", 0), field.get("judged", 0))
        pub = counts.get("published", {})
        out["published"] = rate(pub.get("right", 0), pub.get("judged", 0))
        out["published_in_window"] = rate(pub.get("in_window", 0), pub.get("judged", 0))
        return out
