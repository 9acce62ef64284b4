"""Stories: versions of one story found across the whole input, without comparing all pairs.

Wire services re-send a story as it develops: a new lead, a paragraph added, others
cut. Two versions of the 3 November 2017 story share most paragraphs, yet their
whole-text shingle Jaccard is only about 0.4, while unrelated articles on the same
topic stay under 0.03 (measured on the sample corpus, 4-word shingles). So we index
MinHash signatures in an LSH table with a low Jaccard threshold to find candidates,
then keep a pair only when the estimated *containment* of the shorter text in the
longer one is high: a version is mostly contained in its sibling, a topical
neighbour is not.

Signatures are small fixed arrays, so they can be computed anywhere (worker
processes, Dask partitions) and joined here into one index over the whole corpus.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from ..settings import STORY_LSH_THRESHOLD as LSH_THRESHOLD
from ..settings import STORY_MIN_CONTAINMENT as MIN_CONTAINMENT
from ..settings import STORY_NUM_PERM as NUM_PERM
from ..settings import STORY_OTHER_DAY_CONTAINMENT as OTHER_DAY_CONTAINMENT
from ..settings import STORY_SHINGLE_WORDS as SHINGLE_WORDS
from ..settings import STORY_SHORT_TEXT_JACCARD as SHORT_TEXT_JACCARD
from ..settings import STORY_SHORT_TEXT_SHINGLES as SHORT_TEXT_SHINGLES

_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass
class Signature:
    id: str
    hashvalues: np.ndarray
    size: int  # number of distinct shingles
    day: str | None = None  # publication day (YYYY-MM-DD) when known to the day

    def minhash(self):
        from datasketch import MinHash

        # The stored permutations: drawing them anew for each signature cost more than the LSH.
        return MinHash(num_perm=NUM_PERM, hashvalues=self.hashvalues, permutations=_permutations())


def shingles(text: str, k: int = SHINGLE_WORDS) -> set[bytes]:
    words = _WORD.findall(text.lower())
    if len(words) < k:
        return {" ".join(words).encode("utf-8")} if words else set()
    return {" ".join(words[i : i + k]).encode("utf-8") for i in range(len(words) - k + 1)}


_PERMUTATIONS = None


def _permutations():
    """datasketch draws the same permutations from a fixed seed for every MinHash; draw them once."""
    global _PERMUTATIONS
    if _PERMUTATIONS is None:
        from datasketch import MinHash

        _PERMUTATIONS = MinHash(num_perm=NUM_PERM).permutations
    return _PERMUTATIONS


def signature(article_id: str, body: str, published: dict | None = None) -> Signature:
    # datasketch pulls in scipy (seconds to import): loaded on first use, not with dateline
    from datasketch import MinHash

    grams = shingles(body)
    mh = MinHash(num_perm=NUM_PERM, permutations=_permutations())
    if grams:
        mh.update_batch(list(grams))
    day = published.get("date") if published and published.get("precision") == "day" else None
    return Signature(article_id, mh.hashvalues.copy(), len(grams), day)


def _containment(a: Signature, b: Signature) -> tuple[float, float]:
    """(Jaccard, containment of the smaller in the larger), estimated from signatures."""
    j = float(np.mean(a.hashvalues == b.hashvalues))
    small, large = sorted((a.size, b.size))
    if small == 0:
        return j, 0.0
    inter = j * (small + large) / (1.0 + j)
    return j, min(1.0, inter / small)


def same_story(a: Signature, b: Signature) -> bool:
    j, c = _containment(a, b)
    if min(a.size, b.size) < SHORT_TEXT_SHINGLES:
        return j >= SHORT_TEXT_JACCARD
    if a.day and b.day and a.day != b.day:
        return c >= OTHER_DAY_CONTAINMENT
    return c >= MIN_CONTAINMENT


def assign_stories(signatures: list[Signature]) -> dict[str, tuple[str, str | None]]:
    """Map each article id to (story id, duplicate_of).

    The story is named after its fullest version (most shingles; the earlier article
    on ties), and every other version points to it as `duplicate_of`. The result
    depends only on the signatures and their order, never on how work was split.
    """
    from datasketch import MinHashLSH

    lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
    parent = list(range(len(signatures)))
    index_of: dict[str, int] = {}
    # A text seen before (same signature, size and day) joins the story of its first copy
    # without another query: every comparison would answer alike, and a corpus holding a
    # thousand copies of one wire story would otherwise cost a thousand squared.
    first_copy: dict[tuple[bytes, int, str | None], int] = {}

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, sig in enumerate(signatures):
        if sig.id in index_of:  # the same article twice: one story, first one wins
            parent[find(i)] = find(index_of[sig.id])
            continue
        if sig.size == 0:
            index_of[sig.id] = i
            continue
        copy_key = (sig.hashvalues.tobytes(), sig.size, sig.day)
        if copy_key in first_copy:
            parent[find(i)] = find(first_copy[copy_key])
            index_of[sig.id] = i
            continue
        first_copy[copy_key] = i
        mh = sig.minhash()
        for key in lsh.query(mh):
            j = index_of[key]
            ri, rj = find(i), find(j)
            # Already one story: comparing again cannot change the grouping, and skipping
            # it keeps a story of many versions (a syndicated wire story) linear, not quadratic.
            if ri != rj and same_story(signatures[j], sig):
                parent[max(ri, rj)] = min(ri, rj)
        lsh.insert(sig.id, mh)
        index_of[sig.id] = i

    groups: dict[int, list[int]] = {}
    for i in range(len(signatures)):
        groups.setdefault(find(i), []).append(i)
    result: dict[str, tuple[str, str | None]] = {}
    for members in groups.values():
        fullest = max(members, key=lambda m: (signatures[m].size, -m))
        story = signatures[fullest].id
        for m in members:
            sid = signatures[m].id
            if sid in result:
                continue
            result[sid] = (story, None if sid == story or len(members) == 1 else story)
    return result
