"""Truces read from the parse: the agreement a verb says came into force or was agreed on a day
(the in_force trigger class's check, checks.truce_in_force)."""

from __future__ import annotations

from spacy.tokens import Token

from .. import vocab
from .modality import dated_participle


def truce_in_force(verb: Token) -> Token | None:
    """The truce noun a verb says came into force: its subject, or the noun its relative clause
    tells of ('the deal, which came into force on Saturday'; 'the ceasefire in South Sudan, which
    ...', the clause hung on the place); or the truce a dated participle says was agreed."""
    pacts = vocab.words("truce_nouns") | vocab.words("pact_nouns")
    if verb.dep_ == "acl" and verb.tag_ == "VBN":
        noun = verb.head
        truce = noun.lemma_.lower() in vocab.words("truce_nouns") or (noun.lemma_.lower() in pacts and any(
            t.lemma_.lower() in vocab.words("truce_nouns") for t in noun.subtree if t.i < noun.i))
        return noun if truce and dated_participle(verb) else None
    if verb.lemma_.lower() not in vocab.words("in_force_verbs"):
        return None
    subject = next((ch for ch in verb.children if ch.dep_ in ("nsubj", "nsubjpass")), None)
    if verb.dep_ == "relcl" and (subject is None or subject.tag_ in ("WDT", "WP")):
        subject = verb.head
        if subject.lemma_.lower() not in pacts and subject.dep_ == "pobj" and subject.head.dep_ == "prep":
            subject = subject.head.head
    return subject if subject is not None and subject.lemma_.lower() in pacts else None
