"""`dateline_object_verbs` (after the title case reading): a word with a direct object is a verb.

Headlines drop the words that tell a verb from a noun ("Army shells rebel positions",
"Forces storm airport"); the small model then tags the verb NOUN while its parser still
gives it the object ("positions" dobj of "shells"). A noun cannot take a direct object,
so such a word is tagged as the present-tense verb it is and lemmatised as one; the tree
is left as the parser built it.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Token


def takes_an_object(tok: Token) -> bool:
    return tok.pos_ == "NOUN" and any(c.dep_ == "dobj" for c in tok.children)


@Language.factory("dateline_object_verbs", assigns=["token.tag", "token.pos", "token.lemma"],
                  requires=["token.dep", "token.pos"])
def make_object_verbs(nlp, name):  # no annotations: spaCy reads them
    lemmatizer = nlp.get_pipe("lemmatizer") if "lemmatizer" in nlp.pipe_names else None

    def object_verbs(doc: Doc) -> Doc:
        for tok in doc:
            if not takes_an_object(tok):
                continue
            # "shells" after a singular subject, "storm" after a plural one
            tok.tag_ = "VBZ" if tok.tag_ == "NNS" else "VBP"
            tok.pos_ = "VERB"
            if lemmatizer is not None:
                lemmas = lemmatizer.rule_lemmatize(tok)
                tok.lemma_ = lemmas[0] if lemmas else tok.lemma_
        return doc

    return object_verbs
