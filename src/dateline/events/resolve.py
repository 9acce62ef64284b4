"""What the sides and the sentence decide about an event's kind.

A capture needs ground as its object, not hardware; an attack's victims make it violence
against civilians or a clash; a bombing from the air is an air strike; an explosion of
unstated cause takes the weapon its paragraph names.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from .. import vocab
from ..language.doccache import sent_of
from ..language.doccache import text as doc_text
from .context import ArticleContext
from .roles import _child, _prep_object

def names_territory(ctx: ArticleContext, trigger: Token, sent: Span) -> bool:
    """A capture needs a place or a piece of ground as its object."""
    if _seizes_goods(trigger):
        return False  # "seized the tanks from the airfield": hardware, not ground
    if trigger.lemma_.lower() == "take":
        # "took Raqqa", "took control of the town" -- not "was taken to hospital"
        obj = next((c for c in trigger.children if c.dep_ == "dobj"), None)
        if obj is None:
            return False
        if obj.lemma_.lower() in vocab.words("territory_nouns"):
            return True
        return any(p["start"] <= obj.idx < p["end"] for p in ctx.places_in(sent))
    for tok in trigger.subtree:
        if tok.lemma_.lower() in vocab.words("territory_nouns"):
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
    return False


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
    return any(t.lemma_.lower() in vocab.words("seized_goods") for t in (seized, *seized.conjuncts))


def civilian_victims(ctx: ArticleContext, trigger: Token, patient: dict | None) -> bool:
    if patient is not None:
        return patient.get("type") == "civilians"
    scope = list(trigger.subtree)
    if trigger.dep_ == "nsubj" and trigger.head.lemma_.lower() in ("kill", "wound", "injure", "hit", "destroy"):
        # "an explosion killed my husband": the verb's object are the victims
        scope += [t for c in trigger.head.children if c.dep_ == "dobj" for t in c.subtree]
    for tok in scope:
        if tok.lemma_.lower() in vocab.words("civilian_nouns") and tok.dep_ in ("dobj", "nsubjpass", "pobj", "conj"):
            return True
        if tok.ent_type_ == "NORP" and tok.tag_ in ("NNS", "NNPS", "NNP") and (
            tok.dep_ in ("dobj", "nsubjpass")
            or (tok.dep_ == "pobj" and tok.head.lower_ in ("on", "against") and tok.head.head.i == trigger.i)
        ):
            return True  # "kill seven Iraqis", "20 Yazidis were killed", "an attack on Shia": people
        if (tok.pos_ == "NUM" and tok.dep_ in ("dobj", "nsubjpass") and tok.head.i == trigger.i
                and not any(c.dep_ == "prep" for c in tok.children)  # not "one of our service members"
                and not armed_target_named(trigger)):  # not "attacks Iraqi forces, killing 7"
            return True  # headline style: "Gunmen kill nine in Anbar", "20 killed in bombings": people
    return False


def armed_target_named(trigger: Token) -> bool:
    """Is what the trigger (or the attack it reports) hits an armed side or its post?
    "Islamic State attacks Iraqi forces ..., killing 7"; "an attack on a police station kills three"."""
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
    return any(t.lemma_.lower() in vocab.words("armed_target_nouns") for t in targets)


def airborne(span: Span, agent: dict | None) -> bool:
    words = {t.lemma_.lower() for t in sent_of(span.root)}
    if words & vocab.words("airborne_words"):
        return True
    return agent is not None and agent.get("type") in ("state", "international")


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
