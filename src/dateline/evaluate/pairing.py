"""Pair predicted articles with gold articles (scoring.md, "Articles").

By `id` first; the articles left over on both sides are paired by the best title
match, then by the largest overlap of body text, one to one, best pair first. A gold
article left without a partner is "not found"; a predicted one is listed but not
scored, since the gold says nothing about it.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import cached_property

from .align import OffsetMap
from .text import fold

# A pair by title needs titles this alike (difflib ratio on folded titles) ...
TITLE_MIN = 0.8
# ... or, failing that, bodies sharing this share of word 4-grams (Jaccard).
BODY_MIN = 0.5
SHINGLE_WORDS = 4
# Above this many leftover pairs, only articles sharing a title or a shingle are compared.
ALL_PAIRS_MAX = 250_000
# A shingle in more predicted articles than this says nothing about which one is meant.
COMMON_SHINGLE = 50

_WORD = re.compile(r"\w+")


@dataclass
class ArticlePair:
    gold: dict
    pred: dict | None
    paired_by: str | None = None  # "id", "title" or "body"; None when not found
    title_similarity: float | None = None
    body_overlap: float | None = None

    def scores(self, section: str) -> bool:
        """Whether the gold record was coded for `section` (scoring.md: a gold record may list
        the sections it was coded for in `scored`; without the field every section counts)."""
        scored = self.gold.get("scored")
        return scored is None or section in scored

    @cached_property
    def offsets(self) -> OffsetMap:
        return OffsetMap((self.pred or {}).get("body") or "", self.gold.get("body") or "")


@dataclass
class Pairing:
    pairs: list[ArticlePair]  # one per gold article, in gold order
    unpaired_pred: list[dict] = field(default_factory=list)

    @property
    def pred_to_gold(self) -> dict[str, str]:
        return {p.pred["id"]: p.gold["id"] for p in self.pairs if p.pred is not None}


def shingles(body: str) -> set[int]:
    words = _WORD.findall(fold(body))
    if len(words) < SHINGLE_WORDS:
        return {hash(tuple(words))} if words else set()
    return {hash(tuple(words[i : i + SHINGLE_WORDS])) for i in range(len(words) - SHINGLE_WORDS + 1)}


def title_similarity(a: str | None, b: str | None) -> float:
    fa, fb = fold(a), fold(b)
    if not fa or not fb:
        return 0.0
    if fa == fb:
        return 1.0
    return SequenceMatcher(None, fa, fb, autojunk=False).ratio()


def _candidates(gold: list[dict], pred: list[dict], pred_shingles: list[set[int]]) -> set[tuple[int, int]]:
    if len(gold) * len(pred) <= ALL_PAIRS_MAX:
        return {(g, p) for g in range(len(gold)) for p in range(len(pred))}
    by_title: dict[str, list[int]] = defaultdict(list)
    by_shingle: dict[int, list[int]] = defaultdict(list)
    for p, rec in enumerate(pred):
        by_title[fold(rec.get("title"))].append(p)
        for s in pred_shingles[p]:
            by_shingle[s].append(p)
    found: set[tuple[int, int]] = set()
    for g, rec in enumerate(gold):
        title = fold(rec.get("title"))
        if title:
            found.update((g, p) for p in by_title.get(title, ()))
        for s in shingles(rec.get("body") or ""):
            hits = by_shingle.get(s, ())
            if len(hits) <= COMMON_SHINGLE:
                found.update((g, p) for p in hits)
    return found


def _pair_leftovers(gold: list[dict], pred: list[dict]) -> list[tuple[int, int, float, float]]:
    pred_shingles = [shingles(r.get("body") or "") for r in pred]
    gold_shingles = [shingles(r.get("body") or "") for r in gold]
    scored = []
    for g, p in _candidates(gold, pred, pred_shingles):
        title = title_similarity(pred[p].get("title"), gold[g].get("title"))
        a, b = pred_shingles[p], gold_shingles[g]
        body = len(a & b) / len(a | b) if a or b else 0.0
        if title >= TITLE_MIN or body >= BODY_MIN:
            scored.append((g, p, title, body))
    scored.sort(key=lambda t: (-t[2], -t[3], t[0], t[1]))
    used_g: set[int] = set()
    used_p: set[int] = set()
    chosen = []
    for g, p, title, body in scored:
        if g in used_g or p in used_p:
            continue
        used_g.add(g)
        used_p.add(p)
        chosen.append((g, p, title, body))
    return chosen


def pair_articles(pred_records: list[dict], gold_records: list[dict]) -> Pairing:
    pairs = [ArticlePair(gold=g, pred=None) for g in gold_records]
    pred_by_id: dict[str, list[int]] = defaultdict(list)
    for i, rec in enumerate(pred_records):
        pred_by_id[rec.get("id")].append(i)
    used: set[int] = set()
    for pair in pairs:
        waiting = pred_by_id.get(pair.gold.get("id"))
        if waiting:
            i = waiting.pop(0)
            used.add(i)
            pair.pred, pair.paired_by = pred_records[i], "id"
    left_gold = [k for k, pair in enumerate(pairs) if pair.pred is None]
    left_pred = [i for i in range(len(pred_records)) if i not in used]
    if left_gold and left_pred:
        chosen = _pair_leftovers([gold_records[k] for k in left_gold], [pred_records[i] for i in left_pred])
        for g, p, title, body in chosen:
            pair = pairs[left_gold[g]]
            pair.pred = pred_records[left_pred[p]]
            pair.paired_by = "title" if title >= TITLE_MIN else "body"
            pair.title_similarity, pair.body_overlap = round(title, 4), round(body, 4)
            used.add(left_pred[p])
    unpaired = [rec for i, rec in enumerate(pred_records) if i not in used]
    return Pairing(pairs=pairs, unpaired_pred=unpaired)
