"""From the air: when a weapon's class is the air strike class instead.

A trigger class may name the class it becomes in the air (`becomes_in_the_air`): a
bombing told in a sentence or story about aircraft ("the U.S. bombing of Raqqa",
`airborne_lemmas`), a rocket or missile an aircraft fired ("helicopter gunships fired
rockets", `aircraft_fired_lemmas`) and a bomb that was dropped ("bombs dropped on the
market", `air_dropped_lemmas`). ACLED codes these as air/drone strikes, not shelling or planted
bombs.
"""

from __future__ import annotations

from spacy.tokens import Token

from .. import vocab
from .checks import airborne, check, in_an_air_war
from .coding import Coding
from .lexicon import TriggerClass
from .roles import _subject


def from_the_air(c: Coding, classes: dict[str, TriggerClass]) -> None:
    """A class that is another in the air becomes it: "the U.S. bombing of Raqqa", "bombing
    raids by warplanes" are air strikes (sentence or article about aircraft, or an agent of
    the air class's types); so are rockets and missiles an aircraft fired ("helicopter
    gunships fired rockets", "a missile fired from a drone"), though not those of an army; and
    bombs that were dropped ("helicopters dropped barrel bombs", "bombs dropped on a market")."""
    target = c.cls.becomes_in_the_air
    if target is None:
        return
    air = classes[target]
    in_the_air = c.lemma in c.cls.airborne_lemmas and (airborne(c.span, c.agent, air.agent_types)
                                                        or in_an_air_war(c.ctx, c.agent, air.agent_types))
    # the small model leaves a sentence-initial plural as it is ("Missiles fired by ...")
    lemmas = {c.lemma, c.lemma.removesuffix("s")}
    if in_the_air or (lemmas & c.cls.aircraft_fired_lemmas and fired_by_aircraft(c.trigger)) \
            or (lemmas & c.cls.air_dropped_lemmas and dropped(c.trigger)) or flown_by_a_side(c):
        c.cls = air
        c.event_type, c.sub_event = air.event_type, air.sub_event_type


def fired_by_aircraft(trigger: Token) -> bool:
    """Did an aircraft fire the weapon: the subject of the verb it is the object of
    ("helicopters fired rockets"), a "from"/"by" phrase on it or its verb ("rockets fired from
    drones", "missiles launched by warplanes"), or its own modifier ("a drone-fired missile")?"""
    aircraft = vocab.words("firing_aircraft")
    phrases: list[Token] = [w for ch in trigger.children if ch.dep_ in ("compound", "amod", "acl", "prep") for w in ch.subtree]
    verb = trigger.head if trigger.dep_ in ("dobj", "nsubjpass") or _subject_of_its_participle(trigger) else None
    if verb is not None:
        doer = _subject(verb) if trigger.dep_ == "dobj" else None
        phrases += list(doer.subtree) if doer is not None else []
        phrases += [w for ch in verb.children if ch.dep_ in ("prep", "agent") and ch.lower_ in ("from", "by") for w in ch.subtree]
    return any(w.lemma_.lower() in aircraft or w.lower_ in aircraft
               or (w.i > 0 and f"{w.doc[w.i - 1].lower_} {w.lower_}" in aircraft) for w in phrases)


def flown(trigger: Token) -> bool:
    """Did an aircraft do it: the subject or by-phrase of the act's verb, or of the verb a
    participle hangs from ("jets destroyed a hideout, killing 12", "helicopters attacked a convoy",
    "killed by a drone", "the air force destroyed sites")? An aircraft's act is an air strike."""
    return _flying_doer(trigger) is not None


def _flying_doer(trigger: Token) -> Token | None:
    verb = trigger
    for _ in range(3):
        doers = [ch for ch in verb.children if ch.dep_ == "nsubj"]
        doers += [w for ch in verb.children if ch.dep_ == "agent" for w in ch.children if w.dep_ == "pobj"]
        if doers or verb.dep_ not in ("advcl", "xcomp", "conj", "pobj", "pcomp"):
            break
        verb = verb.head  # ", killing 12": the participle's doer is its verb's
    # a bomber that acts is mostly a person ("a suicide bomber struck a police truck")
    return next((d for d in doers if d.lemma_.lower() not in vocab.words("attacker_nouns")
                 and _aircraft(d, vocab.words("firing_aircraft"))), None)


def _aircraft(noun: Token, kinds: frozenset[str]) -> bool:
    """The noun or a word compounded with it is of these kinds ("jets", "Air Force jets", "air force")."""
    words = [noun, *(ch for ch in noun.children if ch.dep_ == "compound")]
    return any(w.lemma_.lower() in kinds or w.lower_ in kinds
               or (w.i > 0 and f"{w.doc[w.i - 1].lower_} {w.lower_}" in kinds) for w in words)


def dropped(trigger: Token) -> bool:
    """Was the weapon dropped: the object or passive subject of a dropping verb ("dropped
    bombs", "bombs were dropped"), or modified by one ("bombs dropped by a helicopter")?"""
    verbs = vocab.words("dropping_verbs")
    if trigger.dep_ in ("dobj", "nsubjpass", "nsubj") and trigger.head.lemma_.lower() in verbs:
        return trigger.dep_ != "nsubj" or _subject_of_its_participle(trigger)
    return any(ch.dep_ == "acl" and ch.lemma_.lower() in verbs for ch in trigger.children)


def _subject_of_its_participle(trigger: Token) -> bool:
    """"Bombs dropped by a helicopter ...": the small model makes the participle the main verb and
    the weapon its subject; the by-phrase shows it is the weapon's participle."""
    if trigger.dep_ != "nsubj":
        return False
    verb = trigger.head  # "Missiles fired from a drone struck ...": a firing verb with no object of its own
    return any(ch.dep_ == "agent" for ch in verb.children) or (
        verb.lemma_.lower() in vocab.words("weapon_object_verbs") and not any(ch.dep_ == "dobj" for ch in verb.children))


def flown_by_a_side(c: Coding) -> bool:
    """An aircraft of a named side did it ("Iraqi jets", "Army helicopters", "a U.S. drone"); an
    aircraft of nobody's ("a passenger plane hit a mountain") is an accident's, not a strike's."""
    return c.agent is not None and c.agent.get("canonical") is not None and flown(c.trigger)


@check("not_flown", stage="roles", listed=True)
def _not_flown(c: Coding) -> bool:  # "coalition jets destroyed a depot" is an air strike; "floods destroyed homes" no event
    return not flown_by_a_side(c)


@check("unowned_aircraft", stage="roles", listed=True)
def _unowned_aircraft(c: Coding) -> bool:
    """"A helicopter carrying a governor hit a power line, killing five": an aircraft of no named
    side that is not built for war (a plane, a helicopter) kills in an accident, not an attack."""
    if c.agent is not None and c.agent.get("canonical") is not None:
        return False
    doer = _flying_doer(c.trigger)
    return doer is not None and not _aircraft(doer, vocab.words("war_aircraft"))
