"""Quotation marks paired into stretches of quoted text: the first step of `dateline_quotes`.

Curly and straight marks, nested quotes, and quotes that run on over paragraphs (an
unclosed quote runs to the paragraph's end; an opening mark that starts the next
paragraph continues it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .speaker_names import speech_pattern

OPENING = "“«„"
CLOSING = "”»"
STRAIGHT = '"'
SINGLE_OPEN, SINGLE_CLOSE = "‘", "’"
# The characters the scan acts on; every other character is passed over.
_ACTED_ON = re.compile("[\n" + re.escape(OPENING + CLOSING + STRAIGHT + SINGLE_OPEN + SINGLE_CLOSE) + "]")


# What follows a closing mark that says whose the quote is: 'Caughlin said', 'he added'.
ATTRIBUTION_AHEAD = r"(?:[A-Z][\w.’'-]*(?: [A-Z][\w.’'-]*){0,3}|[Hh]e|[Ss]he|[Tt]hey|[Ii]t) (?:{words})\b"


@dataclass
class Stretch:
    """Text between a pair of quotation marks (or from an opening mark to a paragraph's end)."""

    open: int  # offset of the opening mark
    close: int  # offset of the closing mark, or of the paragraph end when the quote runs on
    depth: int  # 0 for a top-level quote
    parent: int | None  # index of the enclosing stretch
    closed: bool = True
    runs_on_from: int | None = None  # index of the stretch in the previous paragraph it continues

    def text_span(self, text: str) -> tuple[int, int]:
        """Offsets of the quoted words: white space and a sentence's trailing comma dropped."""
        start, end = self.open + 1, self.close
        while start < end and text[start].isspace():
            start += 1
        while end > start and (text[end - 1].isspace() or text[end - 1] in ",;"):
            end -= 1
        return start, end


def is_paragraph_break(text: str, i: int) -> bool:
    """A newline ends a paragraph when a blank line follows, the line ends a sentence, or a quote opens."""
    j = i + 1
    while j < len(text) and text[j] in " \t\u00a0\u200e":
        j += 1
    if j < len(text) and text[j] == "\n":
        return True
    nxt = text[j] if j < len(text) else ""
    k = i - 1
    while k >= 0 and text[k] in " \t\u00a0\u200e":
        k -= 1
    prev = text[k] if k >= 0 else ""
    return nxt in OPENING + STRAIGHT + SINGLE_OPEN or prev in ".!?:”\"’)" or nxt.isupper()


def next_visible(text: str, i: int) -> str:
    while i < len(text) and text[i].isspace():
        i += 1
    return text[i] if i < len(text) else ""


def scan_quote_marks(text: str) -> list[Stretch]:
    """Pair quotation marks into stretches; unclosed quotes run to the paragraph end, and an opening
    mark that starts the next paragraph continues them (`runs_on_from`)."""
    stretches: list[Stretch] = []
    stack: list[tuple[int, str]] = []  # (offset of the opening mark, the mark)
    run_on_opens: set[int] = set()  # opening marks that continue the last paragraph's quote
    pending = False  # the last paragraph ended inside a quote

    def push(i: int, mark: str) -> None:
        nonlocal pending
        if pending and not text[para_start:i].strip():
            run_on_opens.add(i)
        pending = False
        stack.append((i, mark))

    def pop(i: int, closed: bool = True) -> None:
        start, _mark = stack.pop()
        stretches.append(Stretch(open=start, close=i, depth=len(stack), parent=None, closed=closed))

    def drop_stray_singles() -> None:
        # a ‘ never closed was an apostrophe or a typo, not a quotation
        while stack and stack[-1][1] == SINGLE_OPEN:
            stack.pop()

    n = len(text)
    para_start = 0
    for found in _ACTED_ON.finditer(text):
        i, ch = found.start(), found.group()
        prev = text[i - 1] if i else " "
        nxt = text[i + 1] if i + 1 < n else " "
        if ch == "\n":
            if is_paragraph_break(text, i):
                if stack and stack[-1][1] == SINGLE_OPEN and next_visible(text, i) != SINGLE_OPEN:
                    drop_stray_singles()
                if stack:
                    pending = True
                    while stack:
                        pop(i, closed=False)
                elif text[para_start:i].strip():
                    pending = False
                para_start = i + 1
            continue
        if ch in OPENING:
            if stack and not prev.isspace() and (nxt.isspace() or nxt in ".,;") and prev not in "([—–":
                pop(i)  # a “ typed where ” was meant
            elif stack and speech_pattern(ATTRIBUTION_AHEAD, "attribution_ahead_forms").match(text, i + 1):
                pop(i)  # '..., “Caughlin said.': an opening mark typed where the closing one was meant
            else:
                push(i, ch)
        elif ch in CLOSING:
            if stack and stack[-1][1] == SINGLE_OPEN and any(m != SINGLE_OPEN for _, m in stack):
                drop_stray_singles()
            if stack:
                pop(i)
            elif (prev.isspace() or i == 0) and nxt.isalnum():
                push(i, ch)  # a ” typed where “ was meant
        elif ch == STRAIGHT:
            opening_context = (prev.isspace() or prev in "([—–/:" or i == para_start) and not nxt.isspace()
            if stack and stack[-1][1] == STRAIGHT and opening_context and prev.isspace():
                stack.pop()  # two straight openers in a row: the earlier one was stray
                push(i, ch)
            elif stack and not (opening_context and stack[-1][1] != STRAIGHT):
                pop(i)
            elif opening_context:
                push(i, ch)
        elif ch == SINGLE_OPEN:
            # British style quotes with single marks, or a quote inside a quote
            if not prev.isalnum() and not nxt.isspace():
                push(i, ch)
        elif ch == SINGLE_CLOSE:
            # not the apostrophe of "didn’t" or "Shi’ite"
            if stack and stack[-1][1] == SINGLE_OPEN and not nxt.isalpha():
                pop(i)
    drop_stray_singles()
    while stack:
        pop(n, closed=False)
    stretches.sort(key=lambda s: (s.open, -s.close))
    _set_parents(stretches)
    for k, s in enumerate(stretches):
        if s.open in run_on_opens:
            earlier = [j for j in range(k) if stretches[j].depth == 0 and not stretches[j].closed]
            if earlier:
                s.runs_on_from = earlier[-1]
    return stretches


def _set_parents(stretches: list[Stretch]) -> None:
    for k, s in enumerate(stretches):
        for j in range(k - 1, -1, -1):
            p = stretches[j]
            if p.open < s.open and s.close <= p.close:
                s.parent = j
                s.depth = p.depth + 1
                break
        else:
            s.depth = 0
