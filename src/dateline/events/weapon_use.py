"""Weapon use: is a weapon noun used in the sentence, or only counted, found or brought down?

"A mortar hit the market", "fired rockets", "killed by mines": used, so an event; "seized 40
rockets", "shot down 34 of 40 drones (launched overnight)": not used on a target. Read by the
idle_weapon and generic_mention checks (`checks.py`).
"""

from __future__ import annotations

from spacy.tokens import Token

from .. import vocab
from .modality import clause_chain


def _intercepted(tok: Token) -> bool:
    """Is the weapon what a verb of interception governs, within two clauses ('intercepted two
    missiles', 'shot down 34 drones launched overnight')?"""
    for head in clause_chain(tok, limit=4)[1:]:
        if head.lemma_.lower() in vocab.words("interception_verbs") or (
                head.lemma_.lower() == "shoot" and any(c.lower_ == "down" for c in head.children)):
            return True
    return False


def weapon_in_action(trigger: Token) -> bool:
    """Is the weapon noun used: the subject of a verb of hitting ('a mortar hit the market'),
    the object of one of firing ('fired rockets', 'a grenade was hurled', 'stepped on a mine'),
    what harmed ('killed by mines'), or the weapon of a blast ('grenade blast')?"""
    tok = trigger
    while tok.dep_ in ("conj", "appos", "compound") and tok.head.i != tok.i and tok.head.pos_ in ("NOUN", "PROPN"):
        if tok.dep_ == "compound" and tok.head.lemma_.lower() in vocab.words("weapon_use_nouns"):
            return True  # "a grenade blast", "a mine explosion": the weapon went off
        tok = tok.head  # "landmines, car bombs and tunnel ambushes": the list's first item speaks for all
    if tok.dep_ == "pobj" and tok.head.lower_ == "of" and (
            tok.head.head.like_num or tok.head.head.lemma_.lower() in vocab.words("salvo_nouns")):
        tok = tok.head.head  # "fired dozens of rockets", "a barrage of shells hit the town"
    head = tok.head
    lemma = head.lemma_.lower()
    if tok.dep_ in ("nsubj", "nsubjpass") and lemma in vocab.words("weapon_subject_verbs"):
        return True
    if _intercepted(tok):
        return False  # "shot down 34 of 40 drones (launched overnight)": brought down before they struck
    if tok.dep_ == "dobj" and lemma in vocab.words("weapon_object_verbs"):
        return True
    if tok.dep_ in ("nsubj", "nsubjpass") and lemma in vocab.words("weapon_object_verbs") and not any(
            w.dep_ == "dobj" for w in head.children):
        return True  # "a grenade was lobbed into", "shells fired from the hills landed" (a reduced passive)
    if tok.dep_ == "pobj" and head.lower_ in ("on", "over") and head.head.lemma_.lower() in vocab.words("weapon_object_verbs"):
        return True  # "stepped on a mine", "the truck drove over a landmine"
    if tok.dep_ == "pobj" and head.lower_ in ("by", "in", "with", "from", "of") and head.head.lemma_.lower() in vocab.words("harm_verbs") | {"attack", "strike"}:
        return True
    if tok.dep_ == "pobj" and head.lower_ == "with" and head.head.lemma_.lower() in vocab.words("weapon_instrument_verbs"):
        return True  # the instrument: "pounded the town with artillery", "opened up with mortars"
    if tok.dep_ == "pobj" and head.dep_ == "agent":
        return True
    return False
