"""Paragraph breaks are sentence breaks.

The statistical parser sometimes runs a sentence across a blank line (a subhead
glued to the next paragraph's first sentence). Evidence must be a sentence of one
paragraph, so a token after a paragraph break always starts a sentence; this runs
before the parser, which respects boundaries already set.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .. import settings, vocab
from .meta import dateline_end


@Language.component("dateline_paragraphs", assigns=["token.is_sent_start"])
def paragraph_boundaries(doc: Doc) -> Doc:
    par_start = 0
    for i, tok in enumerate(doc[:-1]):
        gap = tok.whitespace_ if not tok.is_space else tok.text
        if "\n" not in gap:
            continue
        # A blank line ends a paragraph; a single line break ends a sentence only after
        # its closing punctuation (press releases break lines mid-sentence).
        prev = doc[i - 1] if tok.is_space and i > 0 else tok
        if gap.count("\n") >= 2 or (tok.is_space and tok.text.count("\n") >= 2) or prev.text[-1:] in ".!?:”\"’)":
            doc[i + 1].is_sent_start = True
            if gap.count("\n") >= 2:
                _headline_whole(doc, par_start, i + 1)
                par_start = i + 1
    _headline_whole(doc, par_start, len(doc))
    # "NEW YORK (Reuters) – Islamic State has claimed ...": the dateline is not part of
    # the lead's grammar (the parser would make YORK the subject of "claimed").
    end = dateline_end(doc)
    if end:
        after = next((t for t in doc if t.idx >= end), None)
        if after is not None and after.i > 0:
            after.is_sent_start = True
    return doc


def _headline_whole(doc: Doc, start: int, end: int) -> None:
    """A headline line ("12 killed as gunmen take hostages in Baghdad mall: police") is cut
    into sentences only after punctuation: the parser would otherwise make "12" a sentence
    of its own and leave "killed" with no subject."""
    words = []
    for t in doc[start:end]:  # most paragraphs are longer than a headline: stop reading them early
        if not t.is_space:
            words.append(t)
            if len(words) > settings.HEADLINE_LINE_MAX_TOKENS:
                return
    if len(words) < 2 or words[-1].text in (".", "!", "?"):
        return
    for prev, tok in zip(words, words[1:]):
        if not prev.is_punct:
            tok.is_sent_start = False
    _credit_tail(words)
    if words[0].text in vocab.words("wire_slugs"):
        # "UPDATE 2-Suicide attack targets ...": the wire's slug is no part of the headline's grammar
        at = 1
        while at < len(words) - 1 and (words[at].like_num or words[at].is_punct):
            at += 1
        words[at].is_sent_start = True


DASHES = ("-", "–", "—")


def _credit_tail(words: list) -> None:
    """"... killed in drone strike -coalition spokesman", "... storm hotel in Bamako: police": the
    source a headline credits last is a sentence of its own, not words of the headline's last noun
    phrase (the parser reads "air raid - Iraqi officials" as one noun)."""
    for k in range(len(words) - 1, 0, -1):
        tok = words[k]
        spaced = bool(words[k - 1].whitespace_)
        if spaced and (tok.text in DASHES or (tok.text[:1] in DASHES and tok.text[1:2].isalpha())):
            start, tail = tok, len(words) - k
        elif tok.text == ":" and k + 1 < len(words):
            start, tail = words[k + 1], len(words) - k - 1
        else:
            continue
        if tail <= settings.HEADLINE_CREDIT_MAX_TOKENS and k > 2:
            start.is_sent_start = True
        return
