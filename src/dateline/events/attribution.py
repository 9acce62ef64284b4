"""According to whom: reported, claimed, alleged or denied, and the source credited.

- claimed: a side's own statement about its own act or gains ("the SDF said",
  "Islamic State claimed responsibility"), unless the article also states it in its
  own voice;
- alleged: an unverified account: witnesses, survivors, residents, "could not verify",
  "purported", "unverified", an adversary's accusation;
- denied: the accused side denies it;
- reported: stated as fact by the article (the agency is the source).
"""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.tokens import Span

from .. import settings, vocab
from ..language.doccache import span_text

CLAIM_CUES = re.compile(r"\bclaim(?:ed|s|ing)? responsibility\b|\bclaimed\b|\bsaid it (?:had )?carried out\b", re.IGNORECASE)
# Headline style: the side claims the act itself ("IS claims double attack in western Iraq").
CLAIMED_ACT = re.compile(
    r"\bclaim(?:s|ed)\s+(?:an?\s+|the\s+|another\s+|its\s+)?(?:[\w'-]+\s+){0,2}(?:attacks?|bombings?|blasts?|killings?|assassinations?)\b",
    re.IGNORECASE,
)
DENIAL_CUES = re.compile(r"\b(?:den(?:y|ies|ied|ying)|rejected the (?:report|claim|accusation)s?|dismissed the (?:report|claim)s?)\b", re.IGNORECASE)


@lru_cache(maxsize=1)
def _doubt() -> re.Pattern:
    """An unverified account or an accusation: the doubt cues, each at the start of a word."""
    return re.compile(rf"\b(?:{_alternatives('doubt_cues')})", re.IGNORECASE)


@lru_cache(maxsize=1)
def _witness() -> re.Pattern:
    """Speakers whose word is testimony, not a party's statement (plural forms too)."""
    return re.compile(rf"\b(?:{_alternatives('witness_words')})(?:es|s)?\b", re.IGNORECASE)


def _alternatives(concept: str) -> str:
    return "|".join(re.escape(w) for w in sorted(vocab.words(concept), key=len, reverse=True))


def speaker_for(sent: Span, quotes: list[dict]) -> dict | None:
    """The quote (direct or indirect) that covers most of this sentence, if any."""
    best = None
    best_overlap = 0
    for q in quotes:
        overlap = min(sent.end_char, q["end"]) - max(sent.start_char, q["start"])
        if overlap > best_overlap:
            best, best_overlap = q, overlap
    if best is not None and best_overlap >= settings.QUOTE_COVER_SHARE * max(1, min(len(span_text(sent)), best["end"] - best["start"])):
        return best
    return None


def same_side(speaker: str | None, actor: str | None, speaker_actor: str | None) -> bool:
    if not speaker or not actor:
        return False
    if speaker_actor and speaker_actor == actor:
        return True
    a = actor.lower()
    s = speaker.lower()
    key = a.split(":")[0].strip() if ":" in a else a
    return key in s or s in a


def _next_sentence(sent: Span) -> Span | None:
    from ..language.doccache import next_sent

    return next_sent(sent)


def attribute(sent: Span, event: dict, quote: dict | None, speaker_actor: str | None, agency: str | None) -> tuple[str, str | None]:
    """(attribution, source) for an event found in `sent`.

    A doubt voiced in the next sentence ("Reuters could not verify the account") counts:
    wire copy states the claim, then qualifies it."""
    text = span_text(sent)
    following = _next_sentence(sent)
    if following is not None and _doubt().search(span_text(following)) and len(following) < settings.DOUBT_SENTENCE_MAX_TOKENS:
        text = text + " " + span_text(following)
    speaker = quote.get("speaker") if quote else None
    if DENIAL_CUES.search(text) and not quote:
        return "denied", None
    if (CLAIM_CUES.search(text) and "responsibility" in text.lower()) or CLAIMED_ACT.search(text):
        return "claimed", event.get("actor1")
    if _doubt().search(text):
        return "alleged", speaker
    if speaker:
        if same_side(speaker, event.get("actor1"), speaker_actor):
            return "claimed", speaker
        if (
            speaker_actor and event.get("actor1") and not same_side(speaker, event.get("actor1"), speaker_actor)
            and not same_side(speaker, event.get("actor2"), speaker_actor)
        ):
            return "alleged", speaker  # one side accusing another of what it did to a third
        if _witness().search(speaker) or (quote and quote.get("kind") == "direct" and not speaker_actor):
            return "alleged", speaker
        return "reported", speaker
    return "reported", agency or None
