"""Who was harmed, when the parse names no side: the noun that names the victims.

Headlines and short reports name their dead by what they were ("Policeman killed in
sniper attack", "Militants kill five family members", "journalist killed south of
Mosul"), not by a side the actor dictionary knows. The victims resolver reads that noun:
armed people (soldiers, policemen, fighters, a commander) make a killing a clash with
them; people at large (a family, shepherds, truffle hunters) make it violence against
civilians (a cleric, a hostage); a leader or a member may belong to either, so they decide
nothing. What a killing verb kills is people, so its object is people
even when the noun is none of ours (animals are left out before); an "attack" may hit a
town, a base or a convoy, so only nouns of people count there.
"""

from __future__ import annotations

from spacy.tokens import Token

from .. import vocab
from .context import ArticleContext
from .fatalities import killed_in_manner
from .roles import STATE_ROLE_WORDS, _child, _forces_of_country, _prep_object, headline_passive_subject, role_side, unnamed_side

ARMED = "armed"
CIVILIAN = "civilian"


def victim_noun(trigger: Token) -> Token | None:
    """The noun naming who the trigger harmed: the subject of a headline's passive, the
    object, the passive subject, the noun a reduced relative clause hangs on, or a noun
    trigger's 'on', 'against' or 'of' phrase ('the killing of three elders')."""
    subject = headline_passive_subject(trigger)
    if subject is not None:
        return subject
    if trigger.pos_ == "VERB":
        found = _child(trigger, {"dobj", "nsubjpass"})
        if found is None and trigger.dep_ == "acl" and trigger.tag_ in ("VBN", "VBD") and trigger.head.pos_ in ("NOUN", "PROPN"):
            found = trigger.head  # "a military commander killed during battles"
        return found
    if trigger.pos_ == "NOUN":
        return _prep_object(trigger, {"on", "against", "of"})
    return None


def _lemmas(noun: Token) -> set[str]:
    """The noun's lemma and those of the nouns compounded with it ('family members', 'village chiefs')."""
    return {noun.lemma_.lower()} | {c.lemma_.lower() for c in noun.children if c.dep_ == "compound"}


def _counted(noun: Token | None) -> Token | None:
    """What a number counts: '11 of the passengers'; '11 of them', the plural of people told
    before it in the sentence ('pulled passengers off buses ... and shot 11 of them dead')."""
    if noun is None or noun.pos_ != "NUM":
        return noun
    of = next((o for p in noun.children if p.dep_ == "prep" and p.lower_ == "of" for o in p.children if o.dep_ == "pobj"), None)
    if of is None or of.pos_ != "PRON":
        return of or noun
    people = vocab.words("civilian_nouns") | vocab.words("person_nouns") | vocab.words("kin_nouns")
    before = [t for t in of.sent if t.i < noun.i and t.tag_ == "NNS" and t.lemma_.lower() in people]
    return before[-1] if before else noun


def _modifiers(noun: Token) -> set[str]:
    return {c.lemma_.lower() for c in noun.children if c.dep_ in ("amod", "compound", "nmod")}


def no_longer(noun: Token | None) -> bool:
    """Is the noun a role its person no longer holds ('a former army officer', 'a retired
    policeman', 'an ex-soldier')?"""
    if noun is None:
        return False
    words = {t.lower_ for t in noun.subtree if t.i < noun.i and t.dep_ in ("amod", "compound", "nmod", "advmod", "prefix")}
    if noun.i > 0 and noun.doc[noun.i - 1].lower_ == "-" and noun.i > 1:
        words.add(noun.doc[noun.i - 2].lower_)  # "ex-soldier"
    return bool(words & vocab.words("no_longer_modifiers"))


def victims_kind(trigger: Token) -> tuple[str, Token] | None:
    """(ARMED or CIVILIAN, the noun) for the victims a harm trigger names, or None."""
    noun = _counted(victim_noun(trigger))
    if noun is None or noun.pos_ not in ("NOUN", "PROPN"):
        return None
    lemma = noun.lemma_.lower()
    if no_longer(noun):
        return CIVILIAN, noun  # "a former army officer": armed no more
    if lemma in vocab.words("armed_target_nouns") | vocab.words("attacker_nouns") | vocab.words("unnamed_armed") \
            | vocab.words("armed_units"):
        return ARMED, noun
    if _lemmas(noun) & (vocab.words("civilian_nouns") | vocab.words("kin_nouns")):
        return CIVILIAN, noun
    if lemma in vocab.words("member_nouns"):
        if _modifiers(noun) & vocab.words("civic_role_modifiers"):
            return CIVILIAN, noun  # "a social leader", "a community leader": civil society
        return None  # a leader, a member: of which side, the noun does not say
    killing = trigger.lemma_.lower() in vocab.words("killing_words") or killed_in_manner(trigger)  # "shot dead a mayor"
    if lemma in vocab.words("person_nouns") or (killing and noun.pos_ == "NOUN"):
        return CIVILIAN, noun  # "killed six truffle hunters", "presenter killed": what is killed is people
    return None


def armed_victims_side(ctx: ArticleContext, noun: Token) -> dict | None:
    """The side armed victims belong to: named ('IS fighters'), a country's forces ('Iraqi
    soldiers'), a force by its kind ('a military commander', 'a policeman'), or unnamed."""
    side = ctx.actor_of(noun) or _forces_of_country(noun) or unnamed_side(noun)
    if side is not None:
        return side
    for child in noun.children:
        role = STATE_ROLE_WORDS.get(child.lemma_.lower()) if child.dep_ in ("amod", "compound") else None
        if role is not None:
            return role_side(role, noun)
    return None
