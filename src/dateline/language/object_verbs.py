"""`dateline_object_verbs` (after the title case reading): a word with a direct object is a verb.

Headlines drop the words that tell a verb from a noun ("Army shells rebel positions",
"Forces storm airport"); the small model then tags the verb NOUN while its parser still
gives it the object ("positions" dobj of "shells"). A noun cannot take a direct object,
so such a word is tagged as the present-tense verb it is and lemmatised as one; the tree
is left as the parser built it.

"Shot dead" is the other wire-copy misreading: "Two men on a motorcycle shot dead a judge"
comes out as a noun compound "motorcycle shot" with "dead" heading the clause, "A sniper
shot dead a woman" as a noun "sniper shot" with the victim under "dead". A noun form of a
killing verb right before "dead" is that verb: it is retagged and takes the clause over
(the subject, the victim and the rest of "dead"'s words), and the noun before it in its
compound stands where the misread noun stood.
"""

from __future__ import annotations

import numpy
from spacy.attrs import DEP, HEAD
from spacy.language import Language
from spacy.tokens import Doc, Token

from .. import vocab


def takes_an_object(tok: Token) -> bool:
    return tok.pos_ == "NOUN" and any(c.dep_ == "dobj" for c in tok.children)


def _relemmatize(tok: Token, lemmatizer) -> None:
    if lemmatizer is not None:
        lemmas = lemmatizer.rule_lemmatize(tok)
        tok.lemma_ = lemmas[0] if lemmas else tok.lemma_


def _shot_dead(dead: Token, lemmatizer) -> bool:
    """Read a NOUN "shot" right before "dead" as the verb heading the clause; True if done."""
    if dead.i == 0:
        return False
    tok = dead.doc[dead.i - 1]
    if tok.pos_ != "NOUN" or not (dead.is_ancestor(tok) or tok.is_ancestor(dead)):
        return False
    victim = next((c for c in dead.children if c.dep_ in ("dobj", "pobj") and c.i > dead.i), None)
    if victim is None:
        return False
    # the noun of the compound ("motorcycle", "sniper") takes the misread noun's place
    stand_in = next((c for c in reversed(list(tok.lefts)) if c.dep_ == "compound" and c.pos_ in ("NOUN", "PROPN")), None)
    if stand_in is None:
        return False
    tag, pos, lemma = tok.tag_, tok.pos_, tok.lemma_
    tok.tag_, tok.pos_ = "VBD", "VERB"
    _relemmatize(tok, lemmatizer)
    if tok.lemma_.lower() not in vocab.words("killing_manner_verbs"):
        tok.tag_, tok.pos_, tok.lemma_ = tag, pos, lemma
        return False
    doc = tok.doc
    heads = [t.head.i for t in doc]
    deps = [t.dep_ for t in doc]
    for c in tok.children:
        if c is not stand_in:
            heads[c.i] = stand_in.i
    if dead.is_ancestor(tok):  # "men on a motorcycle shot dead a judge": "dead" heads the clause
        # "A sniper shot dead": the misread noun was the subject of "dead"; its noun is the verb's
        heads[stand_in.i], deps[stand_in.i] = (tok.i if tok.head.i == dead.i else tok.head.i), deps[tok.i]
        heads[tok.i] = tok.i if dead.head.i == dead.i else dead.head.i
        deps[tok.i] = deps[dead.i]
        for c in dead.children:
            if c is not tok:
                heads[c.i] = tok.i
    else:  # "A sniper shot dead a woman": "shot" heads it, its subject read as a compound
        heads[stand_in.i], deps[stand_in.i] = tok.i, "nsubj"
    heads[victim.i], deps[victim.i] = tok.i, "dobj"
    heads[dead.i], deps[dead.i] = tok.i, "oprd"
    arr = numpy.array([[(h - i) % 2**64, doc.vocab.strings.add(d)] for i, (h, d) in enumerate(zip(heads, deps))], dtype="uint64")
    doc.from_array([HEAD, DEP], arr)
    return True


@Language.factory("dateline_object_verbs", assigns=["token.tag", "token.pos", "token.lemma", "token.dep", "token.head"],
                  requires=["token.dep", "token.pos"])
def make_object_verbs(nlp, name):  # no annotations: spaCy reads them
    lemmatizer = nlp.get_pipe("lemmatizer") if "lemmatizer" in nlp.pipe_names else None

    def object_verbs(doc: Doc) -> Doc:
        dead = []
        for tok in doc:
            if tok.lower_ == "dead":
                dead.append(tok)
            if not takes_an_object(tok):
                continue
            # "shells" after a singular subject, "storm" after a plural one
            tok.tag_ = "VBZ" if tok.tag_ == "NNS" else "VBP"
            tok.pos_ = "VERB"
            _relemmatize(tok, lemmatizer)
        for tok in dead:
            _shot_dead(tok, lemmatizer)
        return doc

    return object_verbs
