"""Events (scoring.md, "Events").

A predicted event matches a gold event of the same article when the event type is the
same, the place agrees (coordinates within 50 km, or the gold has none and the country
is the same) and the date agrees (within 1 day at gold time precision 1, 7 days at 2,
the same month at 3, anything when the gold date is null). The lenient line drops the
date condition.

Optional gold events count for nothing. Matching runs in two rounds so that they also
cannot take a prediction away from a required event: predictions are first matched to
the required gold events (one to one, best agreement first: same sub-event type, then
nearer place, then nearer date, then more of actors, attribution and fatalities); only
the predictions left over are then matched to optional gold events, which takes them
out of the false positives.
"""

from __future__ import annotations

import math
from typing import Any

from .geo import coordinates, distance_km
from .matching import greedy_match, judged
from .metrics import prf, rate
from .pairing import ArticlePair
from .registry import article_section
from .text import fold, same_actor
from .values import parse_date, same_value

PLACE_MATCH_KM = 50.0
PLACE_RIGHT_KM = 25.0
# Gold time_precision -> how far apart the dates may be.
DATE_RULES = {1: "day", 2: "week", 3: "month"}
DAY_TOLERANCE = {"day": 1, "week": 7}
MATCHED_FIELDS = ("sub_event_type", "actor1", "actor2", "attribution", "fatalities")
TIE_FIELDS = MATCHED_FIELDS[1:]
# What an analyst counts on per row (scoring.md, "exact"): attribution is left out; the
# place within 25 km and the date (condition 3, on the lenient line too) are judged apart.
EXACT_FIELDS = ("sub_event_type", "actor1", "actor2", "fatalities")


def date_agrees(pred: dict, gold: dict) -> bool:
    gold_day = parse_date(gold.get("event_date"))
    if gold_day is None:
        return True
    pred_day = parse_date(pred.get("event_date"))
    if pred_day is None:
        return False
    # An unknown gold precision is judged at the strictest rule.
    rule = DATE_RULES.get(gold.get("time_precision"), "day")
    if rule == "month":
        return (pred_day.year, pred_day.month) == (gold_day.year, gold_day.month)
    return abs((pred_day - gold_day).days) <= DAY_TOLERANCE[rule]


def date_gap(pred: dict, gold: dict) -> float:
    gold_day = parse_date(gold.get("event_date"))
    if gold_day is None:
        return 0.0
    pred_day = parse_date(pred.get("event_date"))
    return float(abs((pred_day - gold_day).days)) if pred_day else math.inf


def place_agrees(pred: dict, gold: dict) -> tuple[bool, float | None]:
    """Whether the place agrees, and the distance when both have coordinates."""
    if coordinates(gold) is None:
        return fold(pred.get("country")) == fold(gold.get("country")), None
    km = distance_km(pred, gold)
    return (km is not None and km <= PLACE_MATCH_KM), km


def field_right(name: str, pred: dict, gold: dict) -> bool:
    if name in ("actor1", "actor2"):
        return same_actor(pred.get(name), gold.get(name))
    if name == "fatalities":
        return same_value(pred.get(name), gold.get(name))
    return fold(pred.get(name)) == fold(gold.get(name))


def describe(event: dict) -> str:
    return (
        f"{event.get('event_date') or '?'} {event.get('sub_event_type') or event.get('event_type')}"
        f" | {event.get('actor1')} -> {event.get('actor2')} | {event.get('location') or event.get('country')}"
    )


def candidates(preds: list[dict], golds: list[dict], gold_ids: list[int], strict: bool) -> list[tuple]:
    found = []
    for p, pe in enumerate(preds):
        for g in gold_ids:
            ge = golds[g]
            if fold(pe.get("event_type")) != fold(ge.get("event_type")):
                continue
            ok, km = place_agrees(pe, ge)
            if not ok or (strict and not date_agrees(pe, ge)):
                continue
            same_sub = fold(pe.get("sub_event_type")) == fold(ge.get("sub_event_type"))
            # Ties (two events of one kind, place and day) go to the pair agreeing on more fields.
            disagreements = sum(not field_right(name, pe, ge) for name in TIE_FIELDS)
            key = (0 if same_sub else 1, km if km is not None else math.inf, date_gap(pe, ge), disagreements)
            found.append((key, p, g))
    return found


def match_events(preds: list[dict], golds: list[dict], strict: bool) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """(pairs with required gold events, pairs with optional ones)."""
    required = [g for g, e in enumerate(golds) if not e.get("optional")]
    optional = [g for g, e in enumerate(golds) if e.get("optional")]
    used_pred: set[int] = set()
    main = greedy_match(candidates(preds, golds, required, strict), used_pred, set())
    rest = [p for p in range(len(preds)) if p not in used_pred]
    extra = greedy_match(
        [(k, rest[i], g) for k, i, g in candidates([preds[p] for p in rest], golds, optional, strict)],
        used_pred,
        set(),
    )
    return main, extra


def place_right(pred: dict, gold: dict) -> bool:
    """Within 25 km of the gold point; where the gold has none, the matched country is enough."""
    if coordinates(gold) is None:
        return True
    km = distance_km(pred, gold)
    return km is not None and km <= PLACE_RIGHT_KM


def exact(pred: dict, gold: dict) -> bool:
    return (all(field_right(name, pred, gold) for name in EXACT_FIELDS)
            and place_right(pred, gold) and date_agrees(pred, gold))


def duplicates(preds: list[dict], golds: list[dict], matched_pred: set[int], taken_gold: set[int], strict: bool) -> list[int]:
    """Unmatched predictions that would have matched a gold event already taken: the same
    occurrence coded twice (scoring.md, "duplicates")."""
    taken = sorted(taken_gold)
    return [p for p, pe in enumerate(preds)
            if p not in matched_pred and candidates([pe], golds, taken, strict)]


def count_line(preds: list[dict], golds: list[dict], strict: bool) -> tuple[dict, dict]:
    main, extra = match_events(preds, golds, strict)
    required = sum(1 for e in golds if not e.get("optional"))
    matched_pred = {p for p, _ in main} | {p for p, _ in extra}
    matched_gold = {g for _, g in main}
    twice = duplicates(preds, golds, matched_pred, matched_gold | {g for _, g in extra}, strict)
    counts: dict[str, Any] = {
        "tp": len(main),
        "fp": len(preds) - len(matched_pred),
        "fn": required - len(main),
        "exact_tp": sum(exact(preds[p], golds[g]) for p, g in main),
        "duplicates": len(twice),
        "counted": len(preds) - len(extra),  # predictions that count (not on optional gold)
        "optional_gold": len(golds) - required,
        "matched_optional": len(extra),
        "matched": {name: 0 for name in MATCHED_FIELDS},
        "place_judged": 0,
        "place_within_25km": 0,
    }
    wrong = []
    for p, g in main:
        pe, ge = preds[p], golds[g]
        bad = judged(counts["matched"], ((name, field_right(name, pe, ge), f"{name}: {pe.get(name)!r} (gold {ge.get(name)!r})")
                                         for name in MATCHED_FIELDS))
        if coordinates(ge) is not None:
            counts["place_judged"] += 1
            km = distance_km(pe, ge)
            if km is not None and km <= PLACE_RIGHT_KM:
                counts["place_within_25km"] += 1
            else:
                bad.append(f"place: {pe.get('location')!r} {'%.0f km away' % km if km is not None else 'no coordinates'}")
        if bad:
            wrong.append({"gold": describe(ge), "wrong": bad})
    details = {
        "missed": [describe(e) for g, e in enumerate(golds) if g not in matched_gold and not e.get("optional")],
        "spurious": [describe(e) for p, e in enumerate(preds) if p not in matched_pred and p not in twice],
        "duplicates": [describe(preds[p]) for p in twice],
        "mismatched": wrong,
    }
    return counts, details


def summarise_line(counts: dict) -> dict:
    tp = counts.get("tp", 0)
    out = prf(tp, counts.get("fp", 0), counts.get("fn", 0))
    # Exact: a matched event counts only when every field an analyst counts on agrees; the
    # denominators stay those of detection (predictions that count, required gold events).
    exact_tp = counts.get("exact_tp", 0)
    out["exact"] = prf(exact_tp, tp + counts.get("fp", 0) - exact_tp, tp + counts.get("fn", 0) - exact_tp)
    out["duplicates"] = counts.get("duplicates", 0)
    counted = counts.get("counted", 0)
    out["duplicate_rate"] = counts.get("duplicates", 0) / counted if counted else None
    out["optional_gold"] = counts.get("optional_gold", 0)
    out["matched_optional"] = counts.get("matched_optional", 0)
    matched = counts.get("matched", {})
    out["matched"] = {name: rate(matched.get(name, 0), tp) for name in MATCHED_FIELDS}
    out["matched"]["place_within_25km"] = rate(counts.get("place_within_25km", 0), counts.get("place_judged", 0))
    return out


@article_section("events")
class EventsSection:
    LINES = {"strict": True, "lenient": False}

    def count(self, pair: ArticlePair) -> tuple[dict, dict]:
        preds = (pair.pred or {}).get("events") or []
        golds = pair.gold.get("events") or []
        counts, details = {}, {}
        for line, strict in self.LINES.items():
            counts[line], line_details = count_line(preds, golds, strict)
            if strict:
                details = line_details
        return counts, details

    def summarise(self, counts: dict) -> dict:
        return {line: summarise_line(counts.get(line, {})) for line in self.LINES}
