"""How many died: figures the sentence attaches to the event's killing.

Victims are read from the killing verb's arguments: the object of "killed",
the subject of "were killed", the noun of "N dead" / "death toll of N". Conjoined
victims are added up ("killed my husband and two of my children" is 3); a single
person noun counts one ("Her husband ... was killed"). Vague words follow ACLED's
conservative rule: "dozens" 12, "hundreds" 100; "scores", "many" give no figure.
Wounded are not fatalities.
"""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from .. import vocab

# ACLED's conservative figure for a vague plural ("dozens" is 12).
ACLED_VAGUE = {"dozens": 12, "hundreds": 100, "thousands": 1000}
_DIGITS = re.compile(r"^\d{1,3}(?:,\d{3})*$|^\d+$")


def number_value(tok: Token) -> int | None:
    """A token's whole number: "12", "1,200", "twelve", "twenty-five", "hundred"."""
    text = tok.lower_
    if _DIGITS.match(text):
        return int(text.replace(",", ""))
    value = _word_value(text)
    if value is not None:
        return value
    if "-" in text:  # twenty-five
        parts = [_word_value(p) for p in text.split("-")]
        if None not in parts:
            return sum(parts)
    return None


def _word_value(word: str) -> int | None:
    for concept in ("number_words", "number_scales", "counting_nouns"):
        value = vocab.mapping(concept).get(word)
        if value is not None:
            return value
    return None


def count_noun_phrase(head: Token) -> int | None:
    """How many people a victim noun phrase names: 'two of my children' 2, 'my husband' 1."""
    lemma = head.lemma_.lower()
    if lemma in ACLED_VAGUE or head.lower_ in ACLED_VAGUE:
        return ACLED_VAGUE.get(head.lower_, ACLED_VAGUE.get(lemma))
    if head.lower_ in vocab.words("no_figure_words"):
        return None
    value = number_value(head)
    if value is not None:
        return value
    for child in head.children:
        if child.dep_ == "nummod" or (child.like_num and child.dep_ in ("amod", "quantmod", "compound")):
            v = number_value(child)
            if v is not None:
                # "more than 20", "at least 12": low end is the figure
                return v
            if child.lower_ in ACLED_VAGUE:
                return ACLED_VAGUE[child.lower_]
        if child.dep_ == "prep" and child.lower_ == "of" and head.lower_ in ACLED_VAGUE:
            return ACLED_VAGUE[head.lower_]
    if lemma in vocab.words("person_nouns") and head.tag_ in ("NN", "NNP"):
        return 1
    if head.tag_ in ("NN", "NNP") and any(c.dep_ == "det" and c.lower_ in ("a", "an", "one") for c in head.children):
        return 1  # "a New Yorker", "a Belgian woman"
    return None


def _victim_heads(verb: Token) -> list[Token]:
    from .roles import headline_passive

    if headline_passive(verb):
        return [c for c in verb.children if c.dep_ == "nsubj"]
    heads: list[Token] = []
    if verb.dep_ == "acl" and verb.tag_ == "VBN":
        heads.append(verb.head)  # "25 soldiers killed in an attack": a reduced relative clause
    for child in verb.children:
        if child.dep_ in ("dobj", "nsubjpass") or (verb.lemma_ == "die" and child.dep_ == "nsubj"):
            heads.append(child)
    return heads


def _with_conjuncts(tok: Token) -> list[Token]:
    """A victim and those listed with it: 'Five tourists, a Belgian woman, a New Yorker and a man'."""
    out = [tok]
    stack = [tok]
    while stack:
        cur = stack.pop()
        for c in cur.children:
            # An apposition renames one person ("Her husband, a militant") unless it
            # continues a counted list ("Five tourists, a Belgian woman, ...").
            listed = c.dep_ == "appos" and cur.tag_ == "NNS"
            if (c.dep_ == "conj" or listed) and c.i > cur.i and c not in out:
                out.append(c)
                stack.append(c)
    return out


def fatalities_in(sent: Span, trigger: Token | None = None) -> int | None:
    """Deaths the sentence reports, preferring the killing nearest the trigger."""
    candidates: list[tuple[int, int]] = []  # (distance to trigger, count)
    killing = vocab.words("killing_words")
    for tok in sent:
        lemma = tok.lemma_.lower()
        shot_dead = lemma in ("shoot", "gun", "beat", "stab", "hack") and any(c.lower_ == "dead" for c in tok.children)
        if lemma not in killing and not shot_dead:
            continue
        total = 0
        found = False
        if tok.pos_ in ("VERB", "AUX") or tok.tag_.startswith("VB"):
            for head in _victim_heads(tok):
                for part in _with_conjuncts(head):
                    n = count_noun_phrase(part)
                    if n is not None:
                        total += n
                        found = True
        else:
            # "8 dead", "death toll of 20", "the deaths of eight people"
            for child in tok.children:
                if child.dep_ == "nummod" or child.like_num:
                    n = number_value(child)
                    if n is not None:
                        total, found = n, True
                if child.dep_ == "prep" and child.lower_ in ("of", "to", "at"):
                    for obj in child.children:
                        n = count_noun_phrase(obj)
                        if n is not None:
                            total, found = n, True
            if tok.head.like_num and tok.lower_ == "dead":
                n = number_value(tok.head)
                if n is not None:
                    total, found = n, True
        if found:
            distance = abs(tok.i - trigger.i) if trigger is not None else 0
            candidates.append((distance, total))
    if not candidates:
        return None
    return min(candidates)[1]
