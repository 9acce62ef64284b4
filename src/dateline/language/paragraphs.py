"""Paragraph breaks are sentence breaks.

The statistical parser sometimes runs a sentence across a blank line (a subhead
glued to the next paragraph's first sentence). Evidence must be a sentence of one
paragraph, so a token after a paragraph break always starts a sentence; this runs
before the parser, which respects boundaries already set.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.component("dateline_paragraphs")
def paragraph_boundaries(doc: Doc) -> Doc:
    for i, tok in enumerate(doc[:-1]):
        if "\n" in tok.whitespace_ or (tok.is_space and "\n" in tok.text):
            doc[i + 1].is_sent_start = True
    return doc
