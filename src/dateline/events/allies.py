"""Allies: the sides ACLED codes as associated actors, not as actor1 or actor2.

"Government forces, backed by coalition air strikes, recaptured Hays from the Houthis":
the government forces act, the Houthis are acted on, and the coalition is an associate of
actor1 (`assoc_actor_1`). An ally is named by a participle of help with "by" ("backed by",
"supported by"), a noun of help ("with the support of", "with help from", "under cover of")
or "alongside"; it belongs to the side whose phrase (or clause) the cue qualifies: the
acting side's, or the side acted on ("Kurdish fighters backed by U.S. advisers").
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from .. import vocab
from ..language import doccache
from .context import ArticleContext
from .grammar import by_object
from .roles import _child, _prep_object, state_of_modifier


@doccache.per_sentence  # asked once per trigger of the sentence
def _ally_phrases(sent: Span) -> list[tuple[Token, Token]]:
    """(where the cue attaches, the ally's head) for every ally cue of the sentence."""
    found = []
    doc = sent.doc
    lemmas, lowers = doccache.lower_lemmas(doc), doccache.lower_words(doc)
    verbs, preps, nouns = vocab.words("ally_verbs"), vocab.words("ally_prepositions"), vocab.words("ally_nouns")
    for i in range(sent.start, sent.end):
        lemma = lemmas[i]
        if lemma not in verbs and lemma not in nouns and lowers[i] not in preps:
            continue  # no cue (the tests below): no Token needed
        tok = doc[i]
        if lemma in vocab.words("ally_verbs") and tok.tag_ == "VBN":
            ally = by_object(tok)
            if ally is not None:
                found.append((tok.head if tok.dep_ in ("acl", "advcl", "amod", "relcl") else tok, ally))
        elif tok.dep_ == "prep" and tok.lower_ in vocab.words("ally_prepositions"):
            ally = _child(tok, {"pobj"})
            if ally is not None:
                found.append((tok.head, ally))
        elif tok.dep_ == "pobj" and lemma in vocab.words("ally_nouns") and tok.head.lower_ in ("with", "under"):
            ally = _prep_object(tok, {"of", "from", "by"})
            if ally is not None:
                found.append((tok.head.head, ally))
    return found


def _side(ctx: ArticleContext, tok: Token) -> list[dict]:
    """The sides an ally phrase names ("Rwandan troops and local militias" gives two)."""
    sides = []
    for head in (tok, *tok.conjuncts):
        side = ctx.actor_of(head) or next((s for c in head.children if c.dep_ in ("amod", "compound")
                                           for s in [state_of_modifier(c)] if s), None)
        if side is not None and side not in sides:
            sides.append(side)
    return sides


def _clause_of(tok: Token, trigger: Token) -> bool:
    """Does `tok` govern the trigger's clause (the trigger itself, or a verb it hangs on)?"""
    t = trigger
    for _ in range(6):
        if t.i == tok.i:
            return True
        if t.head.i == t.i:
            return False
        t = t.head
    return False


def allies_of(ctx: ArticleContext, trigger: Token, sent: Span, agent_tok: Token | None,
              patient_tok: Token | None) -> tuple[list[dict], list[dict]]:
    """(allies of actor1, allies of actor2) the sentence names around the trigger."""
    first: list[dict] = []
    second: list[dict] = []
    for attach, ally in _ally_phrases(sent):
        if trigger.i in {t.i for t in ally.subtree}:
            # the ally's own act ("support from Russian air strikes") is an event of its own,
            # whose associate is the side it helped, never its target
            # (the acting side: a subject; "an offensive against rebels supported by Russian
            # strikes" is too loosely parsed to say whom the strikes helped)
            helped = attach if attach.dep_ in ("nsubj", "nsubjpass") else (
                _child(attach, {"nsubj"}) if attach.pos_ in ("VERB", "AUX") else None)
            if helped is not None:
                first.extend(s for s in _side(ctx, helped) if s not in first)
            continue
        if patient_tok is not None and attach.i in {t.i for t in patient_tok.subtree}:
            second.extend(s for s in _side(ctx, ally) if s not in second)
        elif (agent_tok is not None and attach.i in {t.i for t in agent_tok.subtree}) or _clause_of(attach, trigger):
            first.extend(s for s in _side(ctx, ally) if s not in first)
    return first, second


def token_of(sent: Span, side: dict | None) -> Token | None:
    """The head token of a side's mention in the sentence, if it is there."""
    if side is None or side.get("start", -1) < 0:
        return None
    span = sent.doc.char_span(side["start"], side["end"], alignment_mode="expand")
    return span.root if span is not None else None


def same_side(a: dict, b: dict) -> bool:
    return a.get("canonical") == b.get("canonical") and a.get("role") == b.get("role")
