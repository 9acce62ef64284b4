"""Resolve strategies: how a trigger class's event type depends on the sides and the sentence.

A trigger class names its strategy in the trigger table (`resolve`); each strategy is a
function registered with `@resolver(name)` that the coder calls once the sides are read
from the parse (`Coding.agent`, `.patient`, `.actor1`). It may change the event type and
sub-event type and returns whether the trigger is an event. A strategy may also code the
whole event itself and return it (protests: their sides are roles of the place, not the
parse's sides).

- territory: a capture needs ground as its object, not hardware; by the state it is
  "Government regains territory", by others "Non-state actor overtakes territory"; an
  attempt that was made is a clash;
- victims: an attack's victims make it violence against civilians, or a clash when an
  armed side or its post was hit, or force against protesters when a protest was; with
  nobody named, no event;
- explosion_kind (events/suicide.py): an explosion of unstated cause takes the weapon its paragraph
  names (`weapon_of_context`), a suicide bomb when its bombers died with their victims;
- handover: a place handed over, or entered or taken without a fight, is a non-violent
  transfer of territory (so is a capture told with no fighting and its holders gone);
- what_was_blown_up: a building blown up with nobody hurt is property destruction;
- parties: an agreement's two sides, from the clause it is told in;
- chemical_payload: a bomb, shell or rocket that carries a chemical agent is a chemical weapon;
- protest: protesters act (actor1 of every protest event); a force breaking it up, or
  killing protesters, changes the kind and is actor2 (`crowds.py`).

Before its strategy, a class whose acts a crowd can commit (`crowd_riots`) is a riot when a
crowd commits it (`crowds.riot`). A class may also turn into another in the air (`airborne_lemmas`, `becomes_in_the_air`:
"the U.S. bombing of Raqqa" is an air strike), see `air.from_the_air`.
"""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from .. import vocab
from ..language.doccache import sents as doc_sents
from ..language.doccache import text as doc_text
from ..registry import Registry
from . import crowds
from .coding import Candidate, Coding
from .context import ArticleContext, is_armed
from .fatalities import fatalities_in
from .lexicon import TriggerClass
from .modality import headline_line
from .roles import _child, _prep_object, _subject, agent_and_patient, hit_civilian_site, paired_modifier_states, repelled_attack
from .sides import toll_of_civilians
from .taken import captured_person, clause_ground
from .truces import country_party as _country_party
from .truces import named_together as _named_together
from .victims import CIVILIAN, armed_victims_side, no_longer, victim_noun, victims_kind

Resolution = bool | Candidate  # an event or not, or the event coded by the strategy itself
RESOLVERS = Registry("resolve strategy")  # name -> function(Coding) -> Resolution
resolver = RESOLVERS.register

# Who regains territory: the state and the forces acting for states.
GOVERNMENT_TYPES = {"state", "police", "international"}


def resolve(c: Coding) -> Resolution:
    """A crowd's act is a riot (`crowds.riot`); else run the class's strategy, if it has one."""
    if c.cls.crowd_riots:
        riot = crowds.riot(c)
        if riot is not None:
            return riot
    return RESOLVERS[c.cls.resolve](c) if c.cls.resolve else True


@resolver("territory")
def _territory(c: Coding) -> Resolution:
    if c.tried:  # "as they attempted to overrun the enclave": the fight, not a capture
        if c.patient is None and not names_territory(c.ctx, c.trigger, c.sent):
            return False  # "police tried to clear a road blockade": nobody to fight
        c.event_type, c.sub_event = "Battles", "Armed clash"
        return True
    taken = captured_person(c.ctx, c.trigger)
    if taken is not None:  # "captured a senior IS commander": an arrest, or by others an abduction
        if c.trigger.dep_ == "relcl":
            return False  # "the drivers it had seized": told to say who they are
        # people carried off ("took 14 villagers from a village") are abducted, whoever took them
        by_state = c.actor1 is not None and c.actor1.get("type") in GOVERNMENT_TYPES \
            and c.lemma not in vocab.words("taking_away_verbs")
        c.event_type, c.sub_event = (("Strategic developments", "Arrests") if by_state
                                     else ("Violence against civilians", "Abduction/forced disappearance"))
        return True
    if (c.trigger.dep_, c.trigger.tag_) in (("amod", "VBN"), ("pcomp", "VBN"), ("pcomp", "VBD")):
        return False  # "in occupied Nova Kakhovka", "the liberated town": a place told by who holds it
    if not names_territory(c.ctx, c.trigger, c.sent):
        return False
    if c.actor1 is None and c.lemma == "fall":
        c.actor1 = c.ctx.actor_of(_prep_object(c.trigger, {"to"}))  # "the districts fell to the Taliban"
    if c.patient is None or not is_armed(c.patient):
        c.patient = holder_taken_from(c.ctx, c.trigger) or c.patient  # "retook Marte from Boko Haram"
    if without_a_fight(c.sent, departure=c.lemma in vocab.words("occupying_verbs")):  # "occupied the village after the militia left it"
        return _transferred(c)
    by_government = c.actor1 is not None and c.actor1.get("type") in GOVERNMENT_TYPES
    c.sub_event = "Government regains territory" if by_government else "Non-state actor overtakes territory"
    return True


@resolver("handover")
def _handover(c: Coding) -> Resolution:
    """A place handed over ("handed its camp over to the army": the army takes it), or entered
    or taken without a fight, after its holders left, or under a deal: a non-violent transfer."""
    if c.lemma in vocab.words("handing_over_words"):
        receiver = c.ctx.actor_of(_prep_object(c.trigger, {"to"}) or _prep_object(_child(c.trigger, {"prt"}) or c.trigger, {"to"}))
        given = _child(c.trigger, {"dobj"})
        ground = names_territory(c.ctx, c.trigger, c.sent) or (  # "withdrew from the town and handed it over"
            given is not None and given.lower_ == "it" and (c.ctx.places_in(c.sent) or any(
                t.lemma_.lower() in vocab.words("territory_nouns") for t in c.sent)))
        if receiver is None or not is_armed(receiver) or not ground:
            return False  # "handed four hostages to the Red Cross": no ground
        c.actor1, c.patient = receiver, c.agent
        c.event_type, c.sub_event = "Strategic developments", "Non-violent transfer of territory"
        return True
    if not (names_territory(c.ctx, c.trigger, c.sent) or c.ctx.places_in(c.sent)):
        return False
    if without_a_fight(c.sent, departure=True):
        return _transferred(c)
    if c.lemma in vocab.words("entering_verbs"):
        return False  # "troops entered the town": no more than that
    return _territory(c)  # "took over the town": a capture, told with no word of how


def _transferred(c: Coding) -> Resolution:
    """The side that takes the place is actor1; the one that left it (or made the deal) actor2."""
    c.event_type, c.sub_event = "Strategic developments", "Non-violent transfer of territory"
    if c.patient is None or not is_armed(c.patient):
        c.patient = side_that_left(c) or c.patient
    return True


@resolver("parties")
def _parties(c: Coding) -> Resolution:
    """An agreement's two parties: the side that signed it or acted under it ("the ELN freed
    six hostages under a deal with the government": the ELN) and the other ("with the
    government", "between X and Y", "X and Y signed")."""
    verb = c.trigger
    for _ in range(4):  # the clause the deal is told in
        if verb.pos_ in ("VERB", "AUX") or verb.head.i == verb.i:
            break
        verb = verb.head
    subject = _subject(verb) if verb.pos_ in ("VERB", "AUX") else None
    together = _named_together(c.ctx, subject)
    if len(together) >= 2:
        # "Congo's government and M23 rebels signed": both parties, the one named first acts
        c.actor1, c.patient = together[0], together[1]
    if c.actor1 is None and subject is not None:
        c.actor1 = c.ctx.actor_of(subject) or _country_party(subject)
    between = next((_prep_object(t, {"between"}) for t in (c.trigger, verb, *c.trigger.subtree)
                    if _prep_object(t, {"between"}) is not None), None)
    if between is not None and c.patient is None:
        # "elders brokered a truce between two clan militias": the parties are the sides between
        # which it holds, one side twice when a plural names both
        sides = [side for side in (c.ctx.actor_of(t) for t in (between, *between.conjuncts)) if side is not None]
        sides = list(paired_modifier_states(between) or ()) or sides  # "between Armenian and Azerbaijani forces"
        if len(sides) == 1 and between.tag_ in ("NNS", "NNPS"):
            sides *= 2
        if c.actor1 is None and sides:
            c.actor1 = sides.pop(0)
        elif len(sides) > 1 and sides[0].get("canonical") == (c.actor1 or {}).get("canonical"):
            sides.pop(0)
        c.patient = sides[0] if sides else None
    if c.patient is None:
        partners = [_prep_object(t, {"with", "between"}) for t in (c.trigger, verb)]
        partners += [_prep_object(t, {"with"}) for t in c.trigger.subtree if t.dep_ == "acl"]  # "a deal negotiated with"
        partners += [conj for conj in (subject.conjuncts if subject is not None else ())]
        for tok in partners:
            side = (c.ctx.actor_of(tok) or _country_party(tok)) if tok is not None else None
            if side is not None and side is not c.actor1:
                c.patient = side
                break
    return True


@resolver("warring_parties")
def _warring_parties(c: Coding) -> Resolution:
    """A truce in force: its parties as the sentence names them (`parties`); with none named, the
    two sides of the country's war, its army and its rebels ("the cessation of hostilities came
    into force on Saturday"; the powers that brokered it are no party)."""
    _parties(c)
    if c.actor1 is None and c.patient is None:
        c.actor1, c.patient = {"role": "military", "type": "state"}, {"role": "rebels", "type": "rebel"}
    return True


@resolver("payload_carrier")
def _payload_carrier(c: Coding) -> Resolution:
    """A chemical agent named inside the phrase of what carried it ("helicopters dropped barrel
    bombs filled with chlorine", "an aircraft dropped bombs releasing a choking gas"): the
    carrier's sides are the attack's, when the agent's own phrase names none."""
    if c.agent is not None and c.patient is not None:
        return True
    carrier = c.trigger
    for _ in range(4):
        if carrier.head.i == carrier.i:
            return True
        carrier = carrier.head
        if carrier.pos_ in ("NOUN", "PROPN") and carrier.dep_ in ("dobj", "nsubj", "nsubjpass", "pobj") \
                and carrier.head.dep_ not in ("acl", "relcl", "amod"):
            break
    else:
        return True
    agent, patient, _ = agent_and_patient(carrier, c.ctx, c.speaker_actor)
    if agent is not None and c.agent is None:
        c.agent = c.actor1 = agent
        c.guessed_actor1 = False
    if c.patient is None and patient is not None and patient is not agent:
        c.patient = patient
    return True


@resolver("chemical_payload")
def _chemical_payload(c: Coding) -> Resolution:
    """A bomb, shell, rocket or grenade that carries a chemical agent ("barrel bombs filled
    with chlorine", "a chlorine-filled truck bomb") or that left people choking is a chemical
    weapon, whatever carried it; tear gas only where no crowd is."""
    if carries_chemical(c.trigger, c.sent):
        c.event_type, c.sub_event = "Explosions/Remote violence", "Chemical weapon"
    return True


@resolver("detention")
def _detention(c: Coding) -> Resolution:
    """People taken where nobody knows ("detained a journalist, whose whereabouts are unknown",
    "rounded up young men and took them to an unknown location") are forcibly disappeared
    (ACLED), not arrested, whoever took them. (Not by who took them: a group that rules a
    territory, as the Taliban or the Houthis, makes arrests there.)"""
    if whereabouts_unknown(c.sent):
        c.event_type, c.sub_event = "Violence against civilians", "Abduction/forced disappearance"
        c.victims_civilian = True
    return True


@resolver("what_was_blown_up")
def _what_was_blown_up(c: Coding) -> Resolution:
    """A building, a shrine, a mast or a bridge blown up with nobody hurt is property
    destruction; a vehicle, a checkpoint or people blown up, a remote explosive."""
    t = c.trigger
    target = _child(t, {"dobj", "nsubjpass"}) or (t.head if t.dep_ == "acl" else None)
    hurt = fatalities_in(c.sent, t) or any(w.lemma_.lower() in vocab.words("hurt_words") for w in c.sent)
    if target is not None and not hurt and target.lemma_.lower() in vocab.words("property_nouns"):
        c.event_type, c.sub_event = "Strategic developments", "Looting/property destruction"
    return True


@resolver("victims")
def _victims(c: Coding) -> Resolution:
    if crowds.fired_on_crowd(c):  # "opened fire on marchers": force against protesters
        return crowds.force_on_protesters(c)
    if c.victims_civilian:
        c.event_type, c.sub_event = "Violence against civilians", "Attack"
    elif c.patient is not None and is_armed(c.patient):
        c.event_type, c.sub_event = "Battles", "Armed clash"
    elif c.patient is None and c.agent is not None and is_armed(c.agent) and armed_target_named(c.trigger):
        # "IS attack on a police station kills three": the post's defenders were hit
        c.event_type, c.sub_event = "Battles", "Armed clash"
    elif repelled_attack(c.trigger) and c.agent is not None and is_armed(c.agent):
        # "Iraqi militias thwart IS attack in western Mosul": beaten off, so fought
        c.event_type, c.sub_event = "Battles", "Armed clash"
    elif c.patient is None and c.agent is not None and is_armed(c.agent) and settlement_attacked(c.trigger):
        # "Jihadists attacked a village near Djibo": with no defenders named, its people were hit
        c.victims_civilian = True
        c.event_type, c.sub_event = "Violence against civilians", "Attack"
    elif c.patient is None and c.agent is not None and is_armed(c.agent) and assault_on_holders(c.ctx, c.trigger, c.sent):
        # "IS fighters attack town south of Mosul", "IS claims attack on training camp": an armed
        # side's assault with nobody named as hit met whoever held the place
        named = victims_kind(c.trigger)
        if named is not None:
            c.patient = armed_victims_side(c.ctx, named[1])  # "IS attack leaves six PMF casualties"
        c.event_type, c.sub_event = "Battles", "Armed clash"
    elif c.patient is None and (named := victims_kind(c.trigger)) is not None:
        # "Policeman killed in sniper attack", "Militants kill five family members"
        kind, noun = named
        if kind == CIVILIAN:
            c.victims_civilian = True
            c.event_type, c.sub_event = "Violence against civilians", "Attack"
        else:
            c.patient = armed_victims_side(c.ctx, noun)
            c.event_type, c.sub_event = "Battles", "Armed clash"
    elif c.patient is None and fatalities_in(c.sent, c.trigger) and (hit_civilian_site(c.trigger) or toll_of_civilians(c)):
        # "Attack on Shiite mosque in Baghdad kills 12", "25 dead in attack at funeral": nobody named
        # as hit, but the dead were at a place of civilian life, or are counted as people at large
        c.victims_civilian = True
        c.event_type, c.sub_event = "Violence against civilians", "Attack"
    elif c.patient is None and c.trigger.lemma_.lower() in vocab.words("execution_words"):
        # "IS executes Iraqi photojournalist", "carried out executions in Mosul": captives killed
        c.victims_civilian = True
        c.event_type, c.sub_event = "Violence against civilians", "Attack"
    else:
        return False  # a bare "attack" or "killed" with nobody named is too vague
    return True


@resolver("protest")
def _protest(c: Coding) -> Resolution:
    return crowds.protest(c)


# --- what the strategies read ------------------------------------------------------------------


def names_territory(ctx: ArticleContext, trigger: Token, sent: Span) -> bool:
    """A capture needs a place or a piece of ground as its object."""
    if _seizes_goods(trigger):
        return False  # "seized the tanks from the airfield": hardware, not ground
    if trigger.lemma_.lower() == "take":
        # "took Raqqa", "took control of the town", "the post was taken" -- not "was taken to hospital"
        obj = next((c for c in trigger.children if c.dep_ in ("dobj", "nsubjpass")), None)
        if obj is None:
            return False
        if obj.lemma_.lower() in vocab.words("territory_nouns"):
            return True
        if obj.lower_ == "it" and trigger.dep_ == "conj" and trigger.head.pos_ == "VERB":
            obj = _child(trigger.head, {"dobj"}) or obj  # "stormed the town and took it"
            if obj.lemma_.lower() in vocab.words("territory_nouns"):
                return True
        return any(p["start"] <= obj.idx < p["end"] for p in ctx.places_in(sent)) or _names_ground(ctx, obj)
    if any(tok.lemma_.lower() in vocab.words("territory_nouns") for tok in trigger.subtree) or clause_ground(ctx, trigger, sent):
        return True
    trigger_span = range(trigger.left_edge.idx, trigger.right_edge.idx + len(trigger.right_edge))
    for place in ctx.places_in(sent):
        if place["start"] in trigger_span:
            return True
    if trigger.lemma_.lower() == "fall":
        # "Mosul fell", "the fall of Raqqa" -- not "the shells fell near the market"
        subj = next((c for c in trigger.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        of = next((c for c in trigger.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        holder = subj if subj is not None else (next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None)
        if holder is None:
            return False
        return holder.lemma_.lower() in vocab.words("territory_nouns") or any(
            p["start"] <= holder.idx < p["end"] or (holder.left_edge.idx <= p["start"] <= holder.right_edge.idx) for p in ctx.places_in(sent)
        )
    if trigger.dep_ in ("nsubj", "nsubjpass"):
        return any(p for p in ctx.places_in(sent))
    return trigger.pos_ == "VERB" and _names_ground(ctx, _child(trigger, {"dobj", "nsubjpass"}))


def carries_chemical(trigger: Token, sent: Span) -> bool:
    if trigger.dep_ == "compound" and trigger.head.pos_ == "NOUN":
        trigger = trigger.head  # "mortar rounds filled with chlorine": the rounds carry it
    phrase = list(trigger.subtree) if trigger.pos_ in ("NOUN", "PROPN") else [
        w for ch in trigger.children if ch.dep_ in ("dobj", "nsubjpass") for w in ch.subtree]
    if _says(phrase, vocab.words("riot_gases")):  # "tear gas grenades": on trenches, not on a crowd
        return not any(w.lemma_.lower() in vocab.words("protest_words") or w.lemma_.lower() in vocab.mapping("crowd_nouns")
                       for w in sent)
    return _says(phrase, vocab.words("chemical_agents")) or _says(list(sent), vocab.words("chemical_effects"))


def _says(tokens: list[Token], phrases: frozenset[str]) -> bool:
    """Do the tokens' lemmas (or words) hold one of the phrases ("chlorine", "nerve agent")?"""
    text = " " + " ".join(t.lemma_.lower() for t in tokens) + " "
    words = " " + " ".join(t.lower_ for t in tokens) + " "
    return any(f" {p} " in text or f" {p} " in words for p in phrases)


def without_a_fight(sent: Span, *, departure: bool = False) -> bool:
    """Does the sentence say the place changed hands without fighting ("unopposed", "without a
    shot"; with `departure`, for verbs of entering, also "after the army abandoned its camp",
    "under a deal"), and tell of no fighting?"""
    lemmas = [t.lemma_.lower() for t in sent]
    text = " " + " ".join(lemmas) + " "
    cues = vocab.words("no_fight_cues") | (vocab.words("departure_cues") if departure else frozenset())
    if not any(f" {cue} " in text for cue in cues):
        return False
    fighting = vocab.words("fighting_words")
    return not any(w in fighting and "without" not in lemmas[max(0, i - 2):i] for i, w in enumerate(lemmas))


def side_that_left(c: Coding) -> dict | None:
    """The armed side the sentence says left or gave up the place ("after the Peshmerga
    withdrew", "the army abandoned its camp") or made the deal ("under a deal with the SDF")."""
    cues = vocab.words("departure_cues")
    for tok in c.sent:
        if tok.i == c.trigger.i or tok.pos_ != "VERB" or tok.lemma_.lower() not in cues:
            continue
        side = c.ctx.actor_of(_child(tok, {"nsubj"}))
        if side is not None and is_armed(side) and side is not c.actor1:
            return side
    for tok in c.sent:
        if tok.lemma_.lower() in ("deal", "agreement") and (side := c.ctx.actor_of(_prep_object(tok, {"with"}))) is not None:
            return side
    return None


def holder_taken_from(ctx: ArticleContext, trigger: Token) -> dict | None:
    """The side ground was taken from: "retook the town from IS", "retaken ... from M23 rebels"."""
    for tok in trigger.subtree:
        if tok.dep_ == "prep" and tok.lower_ == "from" and tok.head.i in (trigger.i, *(c.i for c in trigger.children)):
            side = ctx.actor_of(_child(tok, {"pobj"}))
            if side is not None and is_armed(side):
                return side
    return None


def _names_ground(ctx: ArticleContext, tok: Token | None) -> bool:
    """A proper name taken that is no side and no person ("Army retakes Marte"), or any name
    taken from an armed side ("recaptures Kafr Nabl from rebels", whatever the NER thought):
    a place the gazetteer may not know."""
    if tok is None or tok.pos_ != "PROPN" or tok.i in ctx.actor_at:
        return False
    return tok.ent_type_ not in ("PERSON", "NORP") or holder_taken_from(ctx, tok.head) is not None


def _seizes_goods(trigger: Token) -> bool:
    """Is what the trigger seizes hardware or goods ("seized the tanks", "equipment captured
    near Palmyra", "the weapons were seized")?"""
    if trigger.pos_ == "NOUN":
        seized = _prep_object(trigger, {"of"})
    elif trigger.dep_ == "acl" and trigger.tag_ == "VBN":
        seized = trigger.head
    else:
        seized = _child(trigger, {"dobj", "nsubjpass"})
    if seized is None:
        return False
    # "a tonne of explosives", "mortar rounds and dozens of rockets", "more than a tonne of
    # explosives": the items, their kinds, what they count
    items, todo = [], [seized, *seized.conjuncts]
    while todo:
        t = todo.pop()
        items.append(t)
        todo += [o for p in t.children if p.dep_ == "prep" and p.lower_ in ("of", "than") for o in p.children if o.dep_ == "pobj"]
    parts = [m for t in items for m in t.children if m.dep_ == "compound"]
    return any(t.lemma_.lower() in vocab.words("seized_goods") for t in (*items, *parts))


def civilian_victims(ctx: ArticleContext, trigger: Token, patient: dict | None) -> bool:
    if no_longer(victim_noun(trigger)):
        return True  # "executed a former army officer": no fighter any more
    if patient is not None:
        return patient.get("type") == "civilians"
    # a verb coordinated with the trigger is another act ("attacked a post and then killed 20 civilians")
    other_acts = {t.i for c in trigger.children if c.dep_ == "conj" and c.pos_ == "VERB" for t in c.subtree}
    scope = [t for t in trigger.subtree if t.i not in other_acts]
    if trigger.dep_ == "nsubj" and trigger.head.lemma_.lower() in ("kill", "wound", "injure", "hit", "destroy"):
        # "an explosion killed my husband": the verb's object are the victims
        scope += [t for c in trigger.head.children if c.dep_ == "dobj" for t in c.subtree]
    reduced = _reduced_passive_patient(trigger)
    if reduced is not None:
        # headline passive with no auxiliary: "51 killed in attacks", "Five people killed in X"
        if reduced.lemma_.lower() in vocab.words("civilian_nouns") or (
                reduced.pos_ == "NUM" and not any(c.dep_ == "prep" and c.lower_ == "of" for c in reduced.children)
                and not armed_target_named(trigger)):
            return True
        if reduced.ent_type_ == "NORP" and reduced.tag_ in ("NNS", "NNPS"):
            return True  # "Five Iraqis killed in IS attack": people of a nation, as "kill seven Iraqis" below
    dead = trigger.head.head if trigger.dep_ == "pobj" and trigger.head.lower_ == "in" else None
    if dead is not None and dead.lower_ == "dead" and dead.dep_ == "amod" and dead.head.pos_ == "NUM" \
            and not armed_target_named(trigger):
        return True  # headline style: "25 dead in attack on market", as "25 killed in attack" above
    for tok in scope:
        if tok.lemma_.lower() in vocab.words("civilian_nouns") and tok.dep_ in ("dobj", "nsubjpass", "pobj", "conj"):
            return True
        if tok.ent_type_ == "NORP" and tok.tag_ in ("NNS", "NNPS", "NNP") and (
            tok.dep_ in ("dobj", "nsubjpass")
            or (tok.dep_ == "pobj" and tok.head.lower_ in ("on", "against") and tok.head.head.i == trigger.i)
        ):
            return True  # "kill seven Iraqis", "20 Yazidis were killed", "an attack on Shia": people
        if (tok.pos_ == "NUM" and tok.dep_ in ("dobj", "nsubjpass") and tok.head.i == trigger.i
                and not any(c.dep_ == "prep" and c.lower_ == "of" for c in tok.children)  # not "one of our service members"
                and not armed_target_named(trigger)):  # not "attacks Iraqi forces, killing 7"
            return True  # headline style: "Gunmen kill nine in Anbar", "20 killed in bombings": people
    return False


def _reduced_passive_patient(trigger: Token) -> Token | None:
    """Who a past participle with no auxiliary and no object was done to, as headlines write
    the passive: the subject of "51 killed in attacks" (a participle read as the main verb), the
    noun of "Five people killed in Baghdad" (a participle read as the noun's modifier)."""
    if trigger.tag_ != "VBN" or any(c.dep_ in ("aux", "auxpass", "dobj") for c in trigger.children):
        return None
    causes = [o for p in trigger.children if p.dep_ == "prep" and p.lower_ in ("in", "by", "during")
              for o in p.children if o.dep_ == "pobj" and o.pos_ == "NOUN"]
    if causes and not any(o.lemma_.lower() in vocab.words("violent_cause_nouns") for o in causes):
        return None  # "12 killed in a stampede", "51 dead in floods": harm, but no attack
    if trigger.dep_ == "ROOT":
        return next((c for c in trigger.children if c.dep_ == "nsubj"), None)
    if trigger.dep_ == "acl" and trigger.head.i < trigger.i and (trigger.head.dep_ == "ROOT" or trigger.head.pos_ == "NUM"):
        return trigger.head  # (a count misparsed as another noun's number: "25 killed in IS attacks: officials")
    return None


def attack_targets(trigger: Token) -> list[Token]:
    """The words of what the trigger (or the attack it reports) hits: its object, or the object
    of its "on"/"against" ("attacks Iraqi forces, killing 7"; "an attack on a police station")."""
    heads = [trigger]
    if trigger.dep_ in ("advcl", "conj", "xcomp") and trigger.head.pos_ == "VERB":
        heads.append(trigger.head)  # "attacks Iraqi forces, killing at least 7"
    subj = _child(trigger, {"nsubj"})
    if subj is not None:
        heads.append(subj)  # "an attack on a police station kills three"
    targets: list[Token] = []
    for head in heads:
        for c in head.children:
            if c.dep_ == "dobj" and head is not subj:
                targets.extend(c.subtree)
            elif c.dep_ == "prep" and c.lower_ in ("on", "against"):
                targets.extend(c.subtree)
            elif c.dep_ == "appos" and head is trigger and trigger.dep_ == "ROOT":
                targets.extend(c.subtree)  # "Islamic State attacks Kurdish village": a headline's verb tagged a noun
    return targets


def assault_on_holders(ctx: ArticleContext, trigger: Token, sent: Span) -> bool:
    """An assault ("attack", "assault") told as the news, in a headline or the lead (deeper in
    a story it re-tells the story's incident), not pointing back to one told before: with
    fighters named as its casualties, or nobody said to be hurt at all (the harm a sentence
    tells of people, "a truck attack that killed eight people", is coded by its own words)."""
    if trigger.lemma_.lower() not in vocab.words("assault_words") or told_before(trigger):
        return False
    if not (headline_line(sent) or sent is next((s for s in doc_sents(sent.doc) if s.end_char > ctx.body_start), None)):
        return False
    if trigger.pos_ == "NOUN" and (trigger.dep_ == "pobj" or (trigger.tag_ == "NNS" and trigger.dep_ != "ROOT")):
        return False  # "in an attack on", "attacks by government forces": a setting or a tally, not the news
    named = victims_kind(trigger)
    if named is not None:
        return named[0] != CIVILIAN
    return not any(t.lemma_.lower() in vocab.words("hurt_words") for t in sent)


def told_before(trigger: Token) -> bool:
    """A noun that points back ("claimed the attack", "its assault"): the act was told
    elsewhere in the story, which codes it there."""
    return trigger.pos_ == "NOUN" and any(
        t.dep_ == "poss" or (t.dep_ == "det" and t.lower_ in ("the", "this", "that", "these", "those")) for t in trigger.children)


def armed_target_named(trigger: Token) -> bool:
    """Is what the trigger (or the attack it reports) hits an armed side or its post?
    "Islamic State attacks Iraqi forces ..., killing 7"; "an attack on a police station kills three"."""
    return any(t.lemma_.lower() in vocab.words("armed_target_nouns") for t in attack_targets(trigger))


def settlement_attacked(trigger: Token) -> bool:
    """Is what the trigger hits a village (and no armed side or post)? "gunmen attacked a village";
    not "killed three village chiefs", where the village only says whose chiefs."""
    targets = attack_targets(trigger)
    heads = {t.lemma_.lower() for t in targets if t.dep_ in ("dobj", "pobj", "conj", "appos")}
    words = {t.lemma_.lower() for t in targets} | {t.lower_ for t in targets}
    armed = words & vocab.words("armed_target_nouns")
    # "a camp for displaced people", "a refugee camp": where civilians live, as a village is
    camp = bool(heads & vocab.words("territory_nouns")) and bool(words & vocab.words("displaced_people_words"))
    return (bool(heads & vocab.words("settlement_nouns")) or camp) and not armed


def weapon_of_context(ctx: ArticleContext, sent: Span) -> str:
    """An explosion of unstated cause takes the weapon its paragraph names: shells
    ("Shells landed every 20 minutes ... an explosion killed my husband"), a bomb ("a truck
    packed with explosives blew up"); shelling when nothing says."""
    text = doc_text(sent.doc)
    lo = text.rfind("\n\n", 0, sent.start_char)
    hi = text.find("\n\n", sent.end_char)
    para = sent.doc.char_span(max(lo, 0), hi if hi > 0 else len(text), alignment_mode="expand")
    lemmas = {t.lemma_.lower() for t in (para if para is not None else sent)}
    if lemmas & vocab.words("bomb_words") and not lemmas & vocab.words("shelling_words"):
        return "Remote explosive/landmine/IED"
    return "Shelling/artillery/missile attack"


def whereabouts_unknown(sent: Span) -> bool:
    """Does the sentence say nobody knows where the people taken are ('whereabouts unknown',
    'taken to an unknown location', 'held incommunicado')?"""
    return re.search(rf"\b(?:{vocab.alternation('whereabouts_unknown_cues')})\b", doc_text(sent.doc)[sent.start_char:sent.end_char].lower()) is not None

