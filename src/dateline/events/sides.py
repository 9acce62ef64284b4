"""Who acted and who was acted on, beyond the parse: the claimant, the speaker's side,
the victims' side, and the sides' ACLED names."""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from .. import vocab
from ..language.doccache import sent_of
from .attribution import CLAIMED_ACT
from .context import ArticleContext
from .naming import actor_name, unidentified_of
from .roles import UNNAMED_SIDE

# Acts a side announces itself: when the sentence names no actor, the speaker's side acted.
SPEAKER_ACTS = {"capture", "clash", "shelling", "air_strike", "pause_offensive", "change", "arrest", "disrupted"}


def claimant_of(ctx: ArticleContext, sent: Span) -> dict | None:
    """The side that claims responsibility in this sentence, if any."""
    text = sent.text.lower()
    if "claim" not in text or ("responsibility" not in text and not CLAIMED_ACT.search(sent.text)):
        return None
    for tok in sent:
        if tok.lemma_.lower() == "claim" and tok.pos_ == "VERB":
            subj = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subj is not None and ctx.actor_of(subj) is not None:
                return ctx.actor_of(subj)
    return None


def side_of_speaker(ctx: ArticleContext, quote: dict | None) -> dict | None:
    """The side a quote's speaker belongs to ("SDF spokesman Mustafa Bali" -> the SDF)."""
    if not quote or not quote.get("speaker"):
        return None
    start = quote.get("speaker_start")
    if start is not None:
        found = [a for a in ctx.actors if a["start"] <= start < a["end"]]
        if found:
            return found[0]
    said = " ".join(filter(None, (quote.get("speaker"), quote.get("speaker_title")))).lower()
    last_word = said.split()[-1] if said.split() else ""
    unnamed = vocab.words("unnamed_armed")
    if last_word.rstrip("s") in unnamed or last_word in unnamed:
        return UNNAMED_SIDE
    for actor in ctx.actors:
        names = {actor["text"].lower(), actor["canonical"].lower(), actor["canonical"].split(":")[-1].strip().lower()}
        if any(n and (re.search(r"\b" + re.escape(n) + r"\b", said) or (len(said) > 3 and said in n)) for n in names):
            return actor
    return None


def victims_are(ctx: ArticleContext, trigger: Token, actor: dict) -> bool:
    """Does the sentence name `actor`'s side among those hit ("killing four soldiers, the army said")?"""
    sent = sent_of(trigger)
    for a in ctx.actors:
        if a["canonical"] == actor["canonical"] and sent.start_char <= a["start"] < sent.end_char:
            tok = sent.doc.char_span(a["start"], a["end"], alignment_mode="expand")
            if tok is not None and tok.root.dep_ in ("dobj", "nsubjpass", "pobj"):
                return True
    return False


def side_name(side: dict | None, iso2: str | None) -> str | None:
    """A side's ACLED name for an event in the country `iso2`."""
    if side is None:
        return None
    if side.get("canonical") is None:  # an armed side the text does not name
        return unidentified_of(iso2)
    return actor_name(side["canonical"], iso2)
