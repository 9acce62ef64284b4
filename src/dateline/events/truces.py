"""Truces read from the parse: the agreement a verb says came into force or was agreed on a day
(the in_force trigger class's check, checks.truce_in_force), and the parties a subject names
together (resolve's `parties`)."""

from __future__ import annotations

from spacy.tokens import Token

from .. import vocab
from ..language.actors import actor_for_role
from ..language.countries import iso2_for
from .modality import dated_participle
from .roles import state_of_modifier


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


def named_together(ctx, subject) -> list[dict]:
    """The distinct sides a subject joins with "and" ("Congo's government and M23 rebels", read
    by the parser as one phrase or as two conjuncts; "federal officials and Fano commanders"), in
    the order named."""
    if subject is None or not any(t.dep_ == "cc" and t.lower_ == "and" for t in subject.subtree):
        return []
    tokens = list(subject.subtree)
    found = [(s["start"], s) for s in ctx.actors_in(tokens)]
    for tok in tokens:
        # delegates whose phrase already names a side ("government delegates") are that side; a
        # side joined to their demonym ("Taliban and Pakistani officials") is a party of its own
        named = tok.i in ctx.actor_at or any(c.i in ctx.actor_at and not c.conjuncts for c in tok.children) \
            or any(t.i in ctx.actor_at for c in tok.children if c.lower_ == "of" for t in c.subtree)  # "delegations of the LNA"
        side = None if named else _delegates_party(tok)
        if side is not None:
            found.append((side["start"], side))
    sides: list[dict] = []
    for _, side in sorted(found, key=lambda f: f[0]):
        if side["canonical"] is None or all(side["canonical"] != s["canonical"] for s in sides):
            sides.append(side)
    return sides


def _delegates_party(tok: Token) -> dict | None:
    """"Pakistani officials", "federal negotiators": delegates of a state named by its demonym or a
    state cue stand for its government (the cue's country is the event's)."""
    if tok.lemma_.lower() not in vocab.words("delegate_nouns") and tok.lower_ not in vocab.words("delegate_nouns"):
        return None
    span = {"text": tok.text, "start": tok.idx, "end": tok.idx + len(tok.text), "type": "political"}
    # "Taliban and Pakistani officials": the parser hangs the demonym on the other party
    mods = [m for ch in tok.children if ch.dep_ in ("amod", "compound", "nmod") for m in (ch, *ch.conjuncts)]
    for mod in mods:
        iso2 = iso2_for(mod.text)
        if iso2 and mod.ent_type_ in ("NORP", "GPE"):
            return dict(span, canonical=actor_for_role("government", iso2), country=iso2, owned=True)
    if any(m.lower_ in vocab.words("state_cues") - {"military", "army"} for m in mods):  # not "military delegations"
        return dict(span, canonical=None, role="government")
    return None


def country_party(tok: Token) -> dict | None:
    """A country named as a party ("Russia and Ukraine swapped prisoners"): its state forces."""
    return state_of_modifier(tok) if tok.ent_type_ == "GPE" and tok.pos_ == "PROPN" else None
