"""Exclusion checks: what a trigger word does not report as an event.

A trigger inside a name ("Mine Action Service"), a weapon counted or destroyed but not
used, a word naming a thing ("fighting positions"), a subhead, a habit, a tally over
years, scene-setting ("since the attack"), a battle noun as background, a generic plural
nobody is named in. (Mood: plans, negations, questions and conditionals are in
`modality.py`.)
"""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from .. import settings, vocab
from ..language.doccache import ents as doc_ents
from .context import ArticleContext

def weapon_in_action(trigger: Token) -> bool:
    tok = trigger
    while tok.dep_ in ("conj", "appos", "compound") and tok.head.i != tok.i and tok.head.pos_ in ("NOUN", "PROPN"):
        tok = tok.head  # "landmines, car bombs and tunnel ambushes": the list's first item speaks for all
    head = tok.head
    lemma = head.lemma_.lower()
    if tok.dep_ in ("nsubj", "nsubjpass") and lemma in vocab.words("weapon_subject_verbs"):
        return True
    if tok.dep_ == "dobj" and lemma in vocab.words("weapon_object_verbs"):
        return True
    if tok.dep_ == "pobj" and head.lower_ in ("by", "in", "with", "from", "of") and head.head.lemma_.lower() in vocab.words("harm_verbs") | {"attack", "strike"}:
        return True
    if tok.dep_ == "pobj" and head.dep_ == "agent":
        return True
    return False


def describes_a_thing(trigger: Token) -> bool:
    """A trigger word naming a kind of thing, not an event: 'fighting position', 'artillery
    systems', '...; destroyed two vehicles, an IED and a rocket propelled grenade system'."""
    tok = trigger
    if tok.dep_ in ("compound", "amod", "nmod") and tok.head.pos_ in ("NOUN", "PROPN"):
        if tok.head.lemma_.lower() not in vocab.words("event_head_nouns"):
            return True
        tok = tok.head
    # climb a list of nouns to the word that governs it
    for _ in range(12):
        if tok.dep_ in ("conj", "appos", "compound", "amod", "nmod", "npadvmod") and tok.head.i != tok.i and tok.head.pos_ in ("NOUN", "PROPN", "NUM"):
            tok = tok.head
        else:
            break
    return tok.pos_ in ("NOUN", "PROPN") and tok.dep_ in ("dobj", "pobj", "conj") and tok.head.lemma_.lower() in vocab.words("thing_object_verbs")


def has_object(trigger: Token, objects: frozenset[str]) -> bool:
    """'slowed an offensive', 'resumed its assault': the object decides."""
    for child in trigger.children:
        if child.dep_ in ("dobj", "nsubjpass", "nsubj", "pobj", "prt", "xcomp") and child.lemma_.lower() in objects:
            return True
        if child.dep_ in ("dobj", "nsubjpass") and any(t.lemma_.lower() in objects for t in child.subtree):
            return True
    return False


def reports_fighting(ctx: ArticleContext, trigger: Token) -> bool:
    """Fighting as the thing reported, not as background ('during lulls in fighting').

    A noun after a preposition sets the scene; the verb 'fight' needs a side to fight
    ('fought over bags of flour' is not a battle).
    """
    if trigger.pos_ == "NOUN" and trigger.dep_ == "pobj":
        return False
    if trigger.pos_ == "NOUN" and trigger.dep_ in ("dobj", "nsubjpass") and trigger.head.lemma_.lower() in vocab.words("battle_frame_verbs"):
        return False
    if trigger.lemma_.lower() == "fight" and trigger.pos_ == "VERB":
        for child in trigger.children:
            if child.dep_ == "dobj" or (child.dep_ == "prep" and child.lower_ in ("against", "with", "alongside")):
                return True
        return False
    return True


def generic_mention(trigger: Token, agent: dict | None, patient: dict | None) -> bool:
    """A bare plural with nobody named ('urban bombings', 'attacks in European capitals')."""
    if agent is not None or patient is not None:
        return False
    if trigger.pos_ != "NOUN" or trigger.tag_ != "NNS":
        return False
    if trigger.dep_ in ("nsubj", "nsubjpass") and trigger.head.lemma_.lower() in vocab.words("harm_verbs") | {"hit", "rock", "strike"}:
        return False  # "Blasts in Kirkuk kill two people": these blasts did something
    if trigger.dep_ == "pobj" and trigger.head.lower_ == "of" and trigger.head.head.lemma_.lower() in vocab.words("series_nouns"):
        return False  # "a series of bombings in Baghdad": these bombings, counted
    return not any(c.dep_ in ("det", "nummod", "poss") for c in trigger.children)


def background_clause(trigger: Token) -> bool:
    """Scene-setting, not the report: 'since IS's declared defeat', 'after capturing Mosul in 2014',
    'charged with acting ... by plowing a truck'."""
    if trigger.tag_ == "VBG" and trigger.dep_ == "pcomp":
        return True
    tok = trigger
    for _ in range(4):
        if tok.dep_ == "pobj" and tok.head.lower_ in vocab.words("background_prepositions") and trigger.pos_ == "NOUN":
            return True
        if tok.head.i == tok.i or tok.dep_ in ("ROOT",):
            break
        if tok.pos_ == "VERB" and tok.dep_ not in ("advcl", "relcl", "acl", "xcomp", "conj"):
            break
        tok = tok.head
    return False


def is_subhead(sent: Span) -> bool:
    letters = [c for c in sent.text if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters) and len(sent) <= settings.SUBHEAD_MAX_TOKENS


YEARS_SPAN = re.compile(r"\b(?:from|between) (?:19|20)\d\d (?:to|and|until) (?:19|20)\d\d\b|\bsince (?:19|20)\d\d\b|\bover the (?:past|last) (?:\w+ )?(?:years|decades?)\b")


def aggregate_over_years(ctx: ArticleContext, sent: Span) -> bool:
    """'from 2014 to 2017': a tally over years, not one event."""
    from datetime import date as _d

    if YEARS_SPAN.search(sent.text):
        return True
    for t in ctx.timexes_in(sent):
        if t.get("date") and t.get("end_date"):
            try:
                if (_d.fromisoformat(t["end_date"]) - _d.fromisoformat(t["date"])).days > settings.TALLY_MIN_DAYS:
                    return True
            except ValueError:
                continue
    return False


def inside_name(ctx: ArticleContext, span: Span) -> bool:
    """A trigger word inside a name ('Mine Action Service', 'Operation Inherent Resolve') is no trigger."""
    for ent in doc_ents(span.doc):
        if ent.start <= span.start and span.end <= ent.end and ent.label_ in ("ORG", "FAC", "WORK_OF_ART", "EVENT", "LAW", "PRODUCT"):
            return True
    return False
