"""Quotes (scoring.md, "Quotes").

A predicted quote matches a gold quote of the same kind when the word sets of their
texts have a Jaccard index of at least 0.5 (one to one, highest index first). Direct and
indirect quotes are scored apart; over matched quotes, the rate of the right speaker
(see `text.PartyJudge`). Offsets play no part, so a quote found in a body cut slightly
differently still counts.
"""

from __future__ import annotations

from typing import Any

from .matching import greedy_match, match_counts, unmatched
from .metrics import prf, rate
from .pairing import ArticlePair
from .registry import article_section
from .text import PartyJudge, jaccard, word_set

KINDS = ("direct", "indirect")
JACCARD_MIN = 0.5


def short(text: str, limit: int = 80) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


@article_section("quotes")
class QuotesSection:
    def count(self, pair: ArticlePair) -> tuple[dict, dict]:
        preds = (pair.pred or {}).get("quotes") or []
        golds = pair.gold.get("quotes") or []
        judge = PartyJudge(pair.gold.get("entities"))
        counts: dict[str, Any] = {}
        details: dict[str, Any] = {}
        for kind in KINDS:
            p_items = [q for q in preds if q.get("kind") == kind]
            g_items = [q for q in golds if q.get("kind") == kind]
            p_words = [word_set(q.get("text")) for q in p_items]
            g_words = [word_set(q.get("text")) for q in g_items]
            cands = []
            for p, pw in enumerate(p_words):
                for g, gw in enumerate(g_words):
                    j = jaccard(pw, gw)
                    if j >= JACCARD_MIN:
                        cands.append((-j, p, g))
            matches = greedy_match(cands)
            right = 0
            wrong_speaker = []
            for p, g in matches:
                if judge.same(p_items[p].get("speaker"), g_items[g].get("speaker")):
                    right += 1
                else:
                    wrong_speaker.append({
                        "quote": short(g_items[g].get("text")),
                        "speaker": p_items[p].get("speaker"), "gold": g_items[g].get("speaker"),
                    })
            counts[kind] = {**match_counts(matches, p_items, g_items), "speaker": right}
            details[kind] = {
                **unmatched(matches, p_items, g_items, lambda q: short(q.get("text"))),
                "wrong_speaker": wrong_speaker,
            }
        # A kind the format does not know can match nothing: it is a false positive of its own.
        counts["unknown_kind"] = sum(1 for q in preds if q.get("kind") not in KINDS)
        return counts, details

    def summarise(self, counts: dict) -> dict:
        out: dict[str, Any] = {}
        for kind in KINDS:
            c = counts.get(kind, {})
            out[kind] = prf(c.get("tp", 0), c.get("fp", 0), c.get("fn", 0))
            out[kind]["speaker"] = rate(c.get("speaker", 0), c.get("tp", 0))
        out["unknown_kind"] = counts.get("unknown_kind", 0)
        return out
