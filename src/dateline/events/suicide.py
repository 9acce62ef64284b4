"""Suicide bombs told without the word "suicide" (ACLED: the bomber detonates on purpose).

- a bomb driven into its target ("drove a car bomb into the gate", "rammed a vehicle packed with
  explosives into a checkpoint"): its driver set it off;
- a bombing in which the bombers died among their victims ("killing nine people as well as
  themselves", "killing himself and 12 soldiers").

The `bomb_kind` strategy codes a planted-bomb trigger (after `chemical_payload`) as a suicide bomb
so, and `explosion_kind` a blast its paragraph puts down to a bomb; the `driven_into` check keeps a vehicle "packed with explosives" only when it was driven in
(one found or parked is no attack).
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from .. import vocab
from .checks import check
from .coding import Coding
from .resolve import RESOLVERS, resolver, weapon_of_context

SUICIDE = "Suicide bomb"


def driven_into(trigger: Token) -> bool:
    """Was the bomb (or the vehicle it is packed in) driven into something: the object of a
    driving verb, or the subject of one used intransitively ("the truck bomb crashed into"),
    with an "into" or "through" phrase after the verb?"""
    carrier = trigger.head if trigger.dep_ in ("acl", "amod") and trigger.head.pos_ == "NOUN" else trigger
    verb = carrier.head
    if verb.i == carrier.i or verb.lemma_.lower() not in vocab.words("vehicle_driving_verbs"):
        return False
    if carrier.dep_ != "dobj" and not (carrier.dep_ == "nsubj" and not any(ch.dep_ == "dobj" for ch in verb.children)):
        return False
    return any(t.dep_ == "prep" and t.lower_ in ("into", "through") and t.i > verb.i for t in verb.subtree)


def bombers_died(sent: Span) -> bool:
    """Are the attackers among the dead of a killing word: a reflexive pronoun as its victim
    ("killing nine people as well as themselves", "killing himself and 12 soldiers")?"""
    reflexives, killing = vocab.words("reflexive_pronouns"), vocab.words("killing_words")
    for tok in sent:
        if tok.lower_ not in reflexives:
            continue
        head = tok
        while head.dep_ == "conj" and head.head.i != head.i:
            head = head.head
        if head.dep_ == "dobj" and head.head.lemma_.lower() in killing:
            return True
    return False


def suicide_told(c: Coding) -> bool:
    return driven_into(c.trigger) or bombers_died(c.sent)


@resolver("bomb_kind")
def _bomb_kind(c: Coding) -> bool:
    """A planted bomb's class: a chemical weapon by its payload, else a suicide bomb when driven
    in or when its bombers died with their victims."""
    RESOLVERS["chemical_payload"](c)
    if c.sub_event != "Chemical weapon" and suicide_told(c):
        c.event_type, c.sub_event = "Explosions/Remote violence", SUICIDE
    return True


@resolver("explosion_kind")
def _explosion_kind(c: Coding) -> bool:
    """An explosion of unstated cause: the weapon its paragraph names (`weapon_of_context`); a bomb
    so told is a suicide bomb when driven in or when its bombers died with their victims."""
    c.sub_event = weapon_of_context(c.ctx, c.sent)
    if c.sub_event == "Remote explosive/landmine/IED" and suicide_told(c):
        c.sub_event = SUICIDE
    return True


@check("driven_into", stage="trigger", listed=True)
def _not_driven(c: Coding) -> bool:
    """"a car packed with explosives" is an attack only when driven into its target."""
    return not driven_into(c.trigger)
