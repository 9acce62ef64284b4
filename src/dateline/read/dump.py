"""Split a text dump of many articles, one after another, into one block per article.

Boundaries, in order of trust: the closing credits parenthesis ends an article; a
second dateline paragraph ("PLACE (Agency) –") starts a new one, and the headline,
captions and byline just above it belong to the new article, not the old. Only one
article's paragraphs are held at a time, so dumps of any size stream.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from ..errors import InputError
from .parts import is_byline, is_caption, is_credits, is_dateline, looks_like_title

# A news article is a few KB; a block far beyond this is not an article.
MAX_ARTICLE_CHARS = 2_000_000
_SENTENCE_END = re.compile(r"[.!?:;”\"’')\]]\s*$")
# Body paragraphs close a sentence ('... he said.”'); headlines do not.
_SENTENCE_CLOSE = re.compile(r"[.!…][”\"’')\]]*\s*$")


@dataclass
class Block:
    paragraphs: list[str]
    line: int  # 1-based line of the block's first paragraph in the file


def paragraphs(lines: Iterable[str]) -> Iterator[tuple[int, str]]:
    """Group lines into paragraphs, yielding (line number, paragraph).

    One paragraph per line is the wire norm; hard-wrapped text (a line that stops
    mid-sentence, followed by one in lower case) is joined back together.
    """
    current: list[str] = []
    start = 0
    for n, line in enumerate(lines, 1):
        stripped = line.strip()
        if not stripped:
            if current:
                yield start, " ".join(current)
                current = []
            continue
        if current and not _SENTENCE_END.search(current[-1]) and stripped[:1].islower():
            current.append(stripped)
            continue
        if current:
            yield start, " ".join(current)
        current = [stripped]
        start = n
    if current:
        yield start, " ".join(current)


def split_dump(lines: Iterable[str], label: str) -> Iterator[Block]:
    pending: list[str] = []
    pending_lines: list[int] = []
    has_body = False
    size = 0
    for line_no, par in paragraphs(lines):
        if is_dateline(par) and has_body:
            head = _head_length(pending)
            if head < len(pending):
                yield Block(pending[: len(pending) - head], pending_lines[0])
                pending = pending[len(pending) - head :]
                pending_lines = pending_lines[len(pending_lines) - head :]
                size = sum(len(p) for p in pending)
        if not pending:
            has_body = False
        pending.append(par)
        pending_lines.append(line_no)
        size += len(par)
        if is_dateline(par):
            has_body = True
        if size > MAX_ARTICLE_CHARS:
            raise InputError(
                label,
                f"no article boundary in {MAX_ARTICLE_CHARS // 1_000_000} MB of text from here: "
                "not news text, or articles without datelines or credits",
                pending_lines[0],
            )
        if is_credits(par):
            yield Block(pending, pending_lines[0])
            pending, pending_lines, size, has_body = [], [], 0, False
    if pending:
        yield Block(pending, pending_lines[0])


def _head_length(pending: list[str]) -> int:
    """How many paragraphs at the end of `pending` are the next article's head."""
    n = 0
    i = len(pending) - 1
    if i >= 0 and is_byline(pending[i]):
        n += 1
        i -= 1
    while i >= 0 and is_caption(pending[i]) and not is_dateline(pending[i]):
        n += 1
        i -= 1
    if i >= 0 and looks_like_title(pending[i]) and not _SENTENCE_CLOSE.search(pending[i]):
        n += 1
    return n
