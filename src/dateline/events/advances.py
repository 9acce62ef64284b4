"""Advances and offensives: forces moving on ground, and an operation launched against a side.

- the `advance` strategy: forces that advance or push into ground ("pushed deeper into the Old
  City", "advanced on Sirte") moved; ACLED codes that a movement of forces (Strategic
  developments, Change to group/activity) unless the sentence tells of fighting ("despite suicide
  bombers", "met fierce resistance"), when the fight is the event (Battles, Armed clash) between
  the advancing side and the side it met; into ground its holders left, a non-violent transfer.
  Only a headline or a one- or two-sentence report makes an advance with no fight a movement of
  forces: in a longer report it is the frame of the fighting the report tells in other sentences;
- the `aimed_at_a_side` check: "launched an operation" or "the second phase" is an offensive only
  when aimed at a side ("against Islamic State"), at ground to take ("to retake Mosul"), or part of
  an offensive ("the second phase of the Mosul offensive"), not a rescue or an inquiry.
"""

from __future__ import annotations

from spacy.tokens import Token

from .. import settings, vocab
from ..language.doccache import sents as doc_sents
from .checks import check, names_destination
from .coding import Coding
from .modality import headline_line, unrealised_reason
from .context import is_armed
from .resolve import _transferred, resolver, without_a_fight

OFFENSIVE_NOUNS = "offensive_nouns"  # concept: what is launched against a side


@resolver("advance")
def _advance(c: Coding) -> bool:
    t = c.trigger
    if t.pos_ != "VERB" or t.dep_ in ("acl", "amod") or not _ground_entered(c):
        return False  # "advanced to the final", "pushed for talks": no ground; "troops advancing in Mosul": who they are
    if any(ch.dep_ == "prt" and ch.lower_ == "back" for ch in t.children) or t.i + 1 < len(t.doc) and t.doc[t.i + 1].lower_ == "back":
        return False  # "pushed back demonstrators": a side driven off, not ground entered
    if without_a_fight(c.sent, departure=True):
        return _transferred(c)  # "pushed into Kidal after the rebels withdrew": the place changed hands
    if _fighting_told(c):
        c.event_type, c.sub_event = "Battles", "Armed clash"
        c.patient = _opponent(c) or c.patient
        return True
    if len(doc_sents(t.doc)) > settings.HEADLINE_MAX_SENTENCES and not headline_line(c.sent):
        return False  # in a longer report the advance frames the fighting its other sentences tell
    c.event_type, c.sub_event = "Strategic developments", "Change to group/activity"
    return True


def _ground_entered(c: Coding) -> bool:
    """Ground the advance reaches: a place or piece of ground after 'into', 'toward', 'to' ("pushed
    into Kidal") or 'on' ("advanced on Sirte"), or gained as its object ("gained ground", "expanded
    their foothold in Mosul"); not "advanced to the final in Cairo"."""
    t = c.trigger
    if names_destination(c.ctx, t, c.sent):
        return True
    places = c.ctx.places_in(c.sent)
    territory = vocab.words("territory_nouns")
    heads = vocab.words("direction_prepositions") | {"on"}

    def ground(o: Token) -> bool:
        return o.lemma_.lower() in territory or any(p["start"] <= w.idx < p["end"] for p in places for w in (o, *o.children))

    for ch in t.children:
        if ch.dep_ == "prep" and ch.lower_ in heads:  # "into the outskirts of Bakhmut"
            objs = [o for o in ch.children if o.dep_ == "pobj"]
        elif ch.dep_ == "dobj":  # "gained ground", "expanded their foothold in Mosul"
            objs = [ch, *(o for p in (*ch.children, *t.children) if p.dep_ == "prep" and p.lower_ == "in" for o in p.children if o.dep_ == "pobj")]
        else:
            continue
        objs += [o for x in objs for p in x.children if p.dep_ == "prep" and p.lower_ == "of" for o in p.children if o.dep_ == "pobj"]
        if any(ground(o) for o in objs):
            return True
    return False


def _fighting_told(c: Coding) -> bool:
    """A word of fighting or of resistance met elsewhere in the sentence, told as done (not after
    'without', not planned or threatened)."""
    words = vocab.words("fighting_words") | vocab.words("resistance_words")
    for tok in c.sent:
        if tok.i == c.trigger.i or tok.lemma_.lower() not in words:
            continue
        if any(t.lower_ == "without" for t in tok.doc[max(tok.i - 2, c.sent.start):tok.i]):
            continue
        if _in_phrase_of(tok, c.trigger) or unrealised_reason(tok) is None:
            return True  # "despite fierce resistance" the advance met; not "as IS pledges more suicide attacks"
    return False


def _in_phrase_of(tok: Token, trigger: Token) -> bool:
    """Is the word in the trigger's own phrases, with no other verb's clause between them?"""
    head = tok.head
    while head.i != trigger.i:
        if head.pos_ in ("VERB", "AUX") or head.head.i == head.i:
            return False
        head = head.head
    return True


def _opponent(c: Coding) -> dict | None:
    """The armed side the sentence names besides the advancing one ("IS bombers", "against the
    Taliban", "Islamic State-held districts")."""
    for tok in c.sent:
        side = c.ctx.actor_at.get(tok.i)
        if side is not None and side is not c.actor1 and side is not c.agent and is_armed(side) \
                and side.get("canonical") != (c.actor1 or {}).get("canonical"):
            return side
    return None


@check("aimed_at_a_side", stage="trigger", listed=True)
def _not_aimed(c: Coding) -> bool:
    return not aimed_at_a_side(c.ctx, c.trigger)


def aimed_at_a_side(ctx, trigger: Token) -> bool:
    """'launched an operation against IS', '... to retake Mosul from the rebels', 'the second phase
    of the offensive': an armed side named as its target (not 'an operation against drug gangs',
    'a rescue operation'), or a phase of an offensive."""
    launched = next((ch for ch in trigger.children if ch.dep_ == "dobj"), None)
    if launched is None:
        return False
    aims = vocab.words("offensive_aim_verbs")
    for tok in (trigger, launched):
        for ch in tok.children:
            aimed = (ch.dep_ == "prep" and ch.lower_ == "against") or (
                ch.dep_ in ("acl", "advcl", "relcl", "xcomp") and ch.lemma_.lower() in aims)  # "an operation to seize ..."
            if aimed and any((side := ctx.actor_at.get(t.i)) is not None and is_armed(side) for t in ch.subtree):
                return True
    of = next((ch for ch in launched.children if ch.dep_ == "prep" and ch.lower_ == "of"), None)
    part_of = next((o for o in of.children if o.dep_ == "pobj"), None) if of is not None else None
    return part_of is not None and part_of.lemma_.lower() in vocab.words(OFFENSIVE_NOUNS)
