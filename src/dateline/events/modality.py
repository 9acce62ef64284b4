"""Did it happen? Leave out plans, threats, forecasts, negations, questions,
conditionals and generic history: only what the article reports as having happened
is an event.

Each check looks at the trigger's clause in the dependency parse: its own modifiers
(a negation, a modal, an infinitive "to"), the verbs that govern it up to the clause
root ("plans to pull out", "threatened to attack"), and the sentence around it.
"""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.tokens import Token

from .. import settings, vocab


@lru_cache(maxsize=1)
def _habit_pattern() -> re.Pattern:
    """The habit phrases as one pattern ('#' in a phrase is a number in digits)."""
    phrases = sorted(vocab.words("habit_phrases"), key=len, reverse=True)
    alternatives = "|".join(re.escape(p).replace("\\#", r"\d+").replace("\\ ", " ") for p in phrases)
    return re.compile(rf"\b(?:{alternatives})\b", re.IGNORECASE)


def clause_chain(token: Token, limit: int = 6) -> list[Token]:
    """The trigger and the heads above it, up to the sentence root."""
    chain = [token]
    while token.head.i != token.i and len(chain) < limit:
        token = token.head
        chain.append(token)
    return chain


def is_negated(trigger: Token) -> bool:
    negators = vocab.words("negators")
    for tok in clause_chain(trigger, limit=3):
        if any(c.dep_ == "neg" or c.lower_ in negators and c.dep_ in ("det", "advmod", "neg") for c in tok.children):
            return True
        if tok.pos_ == "VERB" or tok.dep_ in ("ROOT", "ccomp", "xcomp", "advcl"):
            break
    return False


def unrealised_reason(trigger: Token) -> str | None:
    """Why the trigger is not a realised event ('plan', 'modal', ...), or None.

    Climbs from the trigger through the clauses that govern it, and stops at a
    reporting verb: what is above "said" is the attribution, not the event's mood.
    """
    from ..language.doccache import sent_of

    sent = sent_of(trigger)
    if sent.text.rstrip().endswith("?"):
        return "question"
    if is_negated(trigger):
        return "negation"
    chain = clause_chain(trigger, limit=8)
    reporting, modals, governors = (vocab.words(c) for c in ("reporting_verbs", "modal_verbs", "unrealised_governors"))
    for i, tok in enumerate(chain):
        if i > 0 and tok.lemma_.lower() in reporting:
            break
        kids = list(tok.children)
        if any(k.dep_ == "aux" and k.lower_ in modals for k in kids):
            return "modal"
        if any(k.dep_ == "mark" and k.lower_ in ("if", "unless", "whether") for k in kids):
            return "conditional"
        if tok.tag_ in ("VBZ", "VBP") and any(k.dep_ in ("mark", "advmod") and k.lower_ in ("once", "when", "until") for k in kids):
            return "conditional"  # "once Albu Kamal falls": a future time clause
        if i > 0 and tok.lemma_.lower() in governors:
            return "plan"
        if tok.tag_ == "VB" and any(k.dep_ == "aux" and k.lower_ == "to" for k in kids):
            # An infinitive: "to capture", "to take them back" (purpose or intention).
            return "infinitive"
        if tok.tag_ == "VBG" and any(k.lower_ == "been" for k in kids) and tok.pos_ == "VERB":
            # "has been bombing": an activity over time, not one event.
            return "ongoing"
        if tok.tag_ == "VBD" and tok.dep_ == "relcl":
            break  # "to push back protesters who broke into the Green Zone": told as done, whatever governs it
    # "a planned assault", "the expected offensive"
    if any(c.dep_ == "amod" and c.lemma_.lower() in vocab.words("plan_adjectives") for c in trigger.children):
        return "plan"
    return None


def agreed(trigger: Token) -> bool:
    """'agreed to hand over their weapons under a deal': a verb of agreeing, itself told as done,
    governs the trigger."""
    for tok in clause_chain(trigger)[1:4]:
        if tok.lemma_.lower() in vocab.words("agreeing_verbs"):
            return unrealised_reason(tok) is None
    return False


def attempted(trigger: Token) -> bool:
    """'as they attempted to overrun the enclave', 'a battle to capture': an attempt, not an outcome."""
    for tok in clause_chain(trigger)[1:4]:
        if tok.lemma_.lower() in vocab.words("attempt_verbs"):
            # the attempt itself must have happened: not "will try to", "did not try to"
            return unrealised_reason(tok) is None
    return False


def present_habit(trigger: Token) -> bool:
    """In a story's body, the simple present tells what keeps happening ("its cells still
    attack security forces"); in a headline it tells news ("IS suicide bomber kills 36")."""
    from ..language.doccache import sents

    if trigger.tag_ not in ("VBZ", "VBP") or trigger.lemma_.lower() in ("be", "have"):
        return False
    if len(sents(trigger.doc)) <= settings.HEADLINE_MAX_SENTENCES:
        return False  # a headline or a one-line report
    return not any(c.dep_ in ("aux", "auxpass") for c in trigger.children)


def is_habitual(trigger: Token) -> bool:
    """A habit or a long stretch of time in the trigger's own clause ('has for years besieged',
    'continues to carry out bombings'), not elsewhere in the sentence."""
    head = trigger
    while head.head.i != head.i and not (head.pos_ in ("VERB", "AUX") and head.dep_ in ("ROOT", "ccomp", "advcl", "relcl", "conj", "xcomp", "acl")):
        head = head.head
    words = []
    for tok in head.subtree:
        # stay inside the clause: skip tokens under a subordinate clause of another verb
        anc = tok
        inside = True
        while anc.i != head.i:
            if anc.dep_ in ("advcl", "relcl", "ccomp", "acl") and anc.i != trigger.i:
                inside = False
                break
            anc = anc.head
        if inside:
            words.append(tok.text_with_ws)
    return _habit_pattern().search("".join(words)) is not None
