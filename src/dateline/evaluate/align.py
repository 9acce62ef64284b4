"""Carry character offsets from a predicted body into the gold body.

Spans are compared in gold coordinates. When the two bodies are the same string the
map is the identity; when they differ (white space, a caption left in, a paragraph
cut), words are aligned with difflib and an offset moves with the word it falls in.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from difflib import SequenceMatcher

_TOKEN = re.compile(r"\S+")


class OffsetMap:
    def __init__(self, pred_body: str, gold_body: str) -> None:
        self.identity = pred_body == gold_body
        if self.identity:
            return
        pred_tokens = list(_TOKEN.finditer(pred_body))
        gold_tokens = list(_TOKEN.finditer(gold_body))
        self._starts = [m.start() for m in pred_tokens]
        self._pred = pred_tokens
        self._gold = gold_tokens
        self._gold_len = len(gold_body)
        # pred token index -> gold token index, for tokens in matching blocks
        self._to_gold: dict[int, int] = {}
        matcher = SequenceMatcher(None, [m.group() for m in pred_tokens], [m.group() for m in gold_tokens], autojunk=False)
        for block in matcher.get_matching_blocks():
            for k in range(block.size):
                self._to_gold[block.a + k] = block.b + k

    def to_gold(self, offset: int) -> int | None:
        """The gold offset of a predicted offset; None when its word has no counterpart."""
        if self.identity:
            return offset
        i = bisect_right(self._starts, offset) - 1
        if i < 0:
            i = 0
        if i >= len(self._pred):
            return None
        j = self._to_gold.get(i)
        if j is None:
            return None
        within = min(max(offset - self._pred[i].start(), 0), len(self._gold[j].group()))
        return self._gold[j].start() + within

    def span(self, start: int, end: int) -> tuple[int, int] | None:
        """A predicted span in gold offsets, or None when neither end can be placed."""
        if self.identity:
            return start, end
        a = self.to_gold(start)
        b = self.to_gold(max(start, end - 1))
        if a is None and b is None:
            return None
        if a is None:
            a = b
        if b is None:
            b = a
        return a, max(a, b + 1)
