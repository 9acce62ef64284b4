"""Sides said to belong to a named armed group: "Islamic State-linked insurgents",
"al-Qaeda-affiliated fighters", "insurgents linked to Islamic State" are that group (the actor
resolver names them by its local branch where the dictionary lists one); the group's own name in
such a phrase is an affiliation, not a side of its own."""

from __future__ import annotations

from spacy.tokens import Doc

from .. import vocab
from .actor_countries import sponsor_follows

ARMED_NAMED_TYPES = frozenset({"rebel", "militia"})


def affiliated_to(doc: Doc, start: int) -> bool:
    """"insurgents linked to (the) Islamic State": the name a side is said to belong to."""
    i = start - 1
    if i >= 0 and doc[i].lower_ in ("the", "a", "an"):
        i -= 1
    return i >= 1 and doc[i].lower_ in ("to", "with") and doc[i - 1].lower_ in vocab.words("affiliation_suffixes")


def affiliate(doc: Doc, head_start: int, head_end: int, mod_start: int, named: dict):
    """The dictionary entry of the armed group a head noun's side belongs to, named before it
    with a hyphen ("IS-allied militants", modifiers from `mod_start`) or after it ("linked to
    IS"); None when there is none."""
    tokens = list(range(mod_start, head_start))
    k = head_end
    if k + 1 < len(doc) and doc[k].lower_ in vocab.words("affiliation_suffixes") and doc[k + 1].lower_ in ("to", "with"):
        k += 2
        while k < len(doc) and doc[k].lower_ in ("the", "a", "an"):
            k += 1
        tokens.append(k)
    for i in tokens:
        entry = named.get(doc[i].ent_id_) if i < len(doc) and doc[i].ent_id_ else None
        if entry is None or entry.type not in ARMED_NAMED_TYPES:
            continue
        end = i + 1
        while end < len(doc) and doc[end].ent_iob_ == "I":
            end += 1
        if i >= head_end or (sponsor_follows(doc, end) and doc[end + 1].lower_ in vocab.words("affiliation_suffixes")):
            return entry
    return None


def membership_named(doc: Doc, mention: dict) -> bool:
    """Is a group's name only what a side is said to belong to ("al Qaeda-linked militants",
    "linked to IS"), no side of its own (not "IS-controlled town", which says who holds it)?"""
    span = doc.char_span(mention["start"], mention["end"], alignment_mode="expand")
    if span is None:
        return False
    suffixes = vocab.words("affiliation_suffixes")
    last = span[-1].text
    return affiliated_to(doc, span.start) or (sponsor_follows(doc, span.end) and doc[span.end + 1].lower_ in suffixes) \
        or ("-" in last and last.rsplit("-", 1)[-1].lower() in suffixes)


def describes_another(doc: Doc, start_char: int, end_char: int) -> bool:
    """Is a group's name only part of what another group, named just before it, is said to be
    ("JNIM, an al-Qaeda affiliate", "Ansaru, a Boko Haram splinter group", "JNIM, al-Qaeda's
    Sahel branch")? Such a name is no side of its own, nor the group 'the militants' refer to."""
    span = doc.char_span(start_char, end_char, alignment_mode="expand")
    if span is None:
        return False
    i = span.start - 1
    if i >= 0 and doc[i].lower_ in ("a", "an", "the"):
        i -= 1
    if i < 1 or doc[i].text != "," or not doc[i - 1].ent_id_:
        return False
    relations = vocab.words("group_relation_nouns")
    for tok in doc[span.end:span.end + 4]:
        if tok.lemma_.lower() in relations:
            return True
        if tok.is_punct and tok.text not in ("'s", "’s", "-") or tok.pos_ in ("VERB", "AUX"):
            return False
    return False
