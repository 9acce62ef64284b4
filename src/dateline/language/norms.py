"""Show the statistical model "IS" the group, not "is" the verb.

The English model reads "IS suicide bomber kills 36" as "is suicide bomber kills" and
parses the sentence around an auxiliary verb. Its token-to-vector layer looks at each
token's NORM, so before it runs we give an all-capitals IS (in a sentence that is not
itself in capitals) the norm of "ISIS": the parse then treats it as the name it is.
Text and offsets are untouched.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

# Acronyms the model confuses with common words, and the norm it knows them by.
NAME_NORMS = {"IS": "isis"}


@Language.component("dateline_norms")
def name_norms(doc: Doc) -> Doc:
    letters = [c for c in doc.text[:400] if c.isalpha()]
    shouting = letters and sum(c.isupper() for c in letters) > 0.8 * len(letters)
    if shouting:
        return doc
    for tok in doc:
        norm = NAME_NORMS.get(tok.text)
        if norm is not None:
            tok.norm_ = norm
    return doc
