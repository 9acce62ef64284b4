"""Show the statistical model "IS" the group, not "is" the verb; and a headline's
scare-quoted word ("IS 'executes' 15 civilians") as the word it is.

The English model reads "IS suicide bomber kills 36" as "is suicide bomber kills" and
parses the sentence around an auxiliary verb. Its token-to-vector layer looks at each
token's NORM, so before it runs we give an all-capitals IS (in a sentence that is not
itself in capitals) the norm of "ISIS": the parse then treats it as the name it is.
Text and offsets are untouched.

Headlines put a verb in scare quotes to keep their distance from a claim; the model
then reads the quote marks as the sentence's frame and loses the verb. In a short
text (a headline or a one-line report), a single lower-case word between quote marks
becomes one token whose norm is the bare word, so the parse sees the verb; its
lemma is set from the bare word once the lemmatizer has run. Longer texts keep their
quote marks as tokens: the quote finder reads them.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..settings import HEADLINE_CHARS
from .doccache import text as doc_text

# Acronyms the model confuses with common words, and the norm it knows them by.
NAME_NORMS = {"IS": "isis"}


@Language.component("dateline_norms", assigns=["token.norm"])
def name_norms(doc: Doc) -> Doc:
    letters = [c for c in doc_text(doc)[:400] if c.isalpha()]
    shouting = letters and sum(c.isupper() for c in letters) > 0.8 * len(letters)
    if shouting:
        return doc
    for tok in doc:
        norm = NAME_NORMS.get(tok.text)
        if norm is not None:
            tok.norm_ = norm
    return doc


SINGLE_MARKS = {"'", "\u2018", "\u2019"}


def _scare_quoted(doc: Doc) -> list:
    # Single marks only: the model parses a word in double quotes well enough already
    # (measured on the UCDP headlines), and merging those lost more events than it found.
    return [
        doc[i - 1 : i + 2]
        for i in range(1, len(doc) - 1)
        if doc[i - 1].text in SINGLE_MARKS and doc[i + 1].text in SINGLE_MARKS and doc[i].is_alpha and doc[i].is_lower
        and not doc[i - 1].whitespace_ and not doc[i].whitespace_
    ]


def _headline(doc: Doc, headline_chars: int) -> bool:
    """A headline or a one-line report: the only texts whose scare quotes we merge."""
    text = doc_text(doc)
    return len(text) <= headline_chars and "\n\n" not in text.strip()


# no annotations on factories: spaCy validates their signatures at run time
@Language.factory("dateline_scare_quotes", assigns=["token.norm"], default_config={"headline_chars": HEADLINE_CHARS})
def make_scare_quotes(nlp, name, headline_chars):
    def scare_quotes(doc: Doc) -> Doc:
        if not _headline(doc, headline_chars):
            return doc
        spans = _scare_quoted(doc)
        if spans:
            with doc.retokenize() as retokenizer:
                for span in spans:
                    retokenizer.merge(span, attrs={"NORM": span[1].text.lower()})
        return doc

    return scare_quotes


@Language.factory("dateline_quoted_lemmas", assigns=["token.lemma"], requires=["token.lemma"],
                  default_config={"headline_chars": HEADLINE_CHARS})
def make_quoted_lemmas(nlp, name, headline_chars):
    lemmatizer = nlp.get_pipe("lemmatizer") if "lemmatizer" in nlp.pipe_names else None

    def quoted_lemmas(doc: Doc) -> Doc:
        if not _headline(doc, headline_chars):
            return doc  # nothing was merged: skip the token scan on every full article
        for tok in doc:
            text = tok.text
            if len(text) > 2 and text[0] in SINGLE_MARKS and text[-1] in SINGLE_MARKS and text[1:-1].isalpha():
                bare = Doc(doc.vocab, words=[text[1:-1]])
                bare[0].pos_ = tok.pos_
                lemmas = lemmatizer.rule_lemmatize(bare[0]) if lemmatizer is not None and tok.pos_ else [bare[0].text]
                tok.lemma_ = lemmas[0] if lemmas else text[1:-1]
        return doc

    return quoted_lemmas
