"""People taken: whom a capture or a 'take' carries off, when it takes people and not ground.

"Captured a senior commander", "seized the trio from a private apartment", "took a rights
activist from her home": people, so an arrest by the state or an abduction (the territory
strategy in `resolve.py` decides which); "captured al-Qaim", "recaptured Kafr Nabl from
rebels": ground.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from .. import vocab
from .context import ArticleContext
from .roles import _child, _is_passive


def captured_person(ctx: ArticleContext, trigger: Token) -> Token | None:
    """The person a capture takes ("captured a senior commander", "the drivers it had seized"),
    if what it takes is a person and not ground."""
    if trigger.pos_ != "VERB":
        return None
    if trigger.lemma_.lower() in vocab.words("taking_away_verbs"):
        return taken_away(ctx, trigger)
    if trigger.lemma_.lower() not in vocab.words("taking_verbs"):
        return None
    taken = trigger.head if trigger.dep_ == "relcl" else _child(trigger, {"dobj", "nsubjpass"})
    if taken is None or any(p.lower_ == "from" for p in taken.children):
        return None  # "recaptures Kafr Nabl from rebels": ground, whatever the NER thought
    if any(p["start"] <= taken.idx < p["end"] for p in ctx.places):
        return None  # "captured al-Qaim": a place the NER took for a person
    people = vocab.words("person_nouns") | vocab.words("civilian_nouns") | vocab.words("released_people")
    if taken.ent_type_ == "PERSON" or taken.lemma_.lower() in people or (
            taken.like_num and any(w.lemma_.lower() in people for w in taken.subtree)):
        return taken
    if taken.lemma_.lower() in vocab.words("people_group_nouns") and not any(
            p.lower_ == "of" and not any(n.like_num for n in p.children) for p in taken.children):
        return taken  # "seized the trio from a private apartment", "a family of five"
    return None


def taken_away(ctx: ArticleContext, trigger: Token) -> Token | None:
    """The people an active 'take' carries off ('took a rights activist from her home', 'took
    away scores of boys', 'took 14 villagers from a village'): only people the noun names, and
    only away or from somewhere."""
    if _is_passive(trigger):
        return None  # "was taken to hospital"
    taken = _child(trigger, {"dobj"})
    if taken is None:
        return None
    away = any(c.dep_ in ("prt", "advmod") and c.lower_ == "away" for c in trigger.children)
    away = away or any(p.dep_ == "prep" and p.lower_ == "from" for p in (*trigger.children, *taken.children))
    people = vocab.words("person_nouns") | vocab.words("civilian_nouns") | vocab.words("released_people")
    named = [taken] + [o for p in taken.children if p.dep_ == "prep" and p.lower_ == "of" for o in p.children]
    if away and any(w.lemma_.lower() in people or w.lower_ in people for w in named):
        return taken
    return None


def clause_ground(ctx: ArticleContext, trigger: Token, sent: Span) -> bool:
    """A capture told in a relative clause takes the noun the clause is on ("the town of Heet,
    which the army recaptured last month"): ground when that noun is a place or a piece of ground."""
    if trigger.dep_ != "relcl" or any(c.dep_ in ("dobj", "nsubjpass") and c.lower_ not in vocab.words("relative_pronouns")
                                      for c in trigger.children):
        return False
    ground = trigger.head
    return ground.lemma_.lower() in vocab.words("territory_nouns") or any(
        p["start"] <= ground.idx < p["end"] for p in ctx.places_in(sent))
