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

KILL_LEMMAS = {"kill", "die", "dead", "death", "slay", "execute", "behead", "massacre", "murder", "assassinate", "perish", "toll", "lose"}
NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "a dozen": 12, "dozen": 12,
}
ACLED_VAGUE = {"dozens": 12, "hundreds": 100, "thousands": 1000}
NO_FIGURE = {"scores", "many", "several", "some", "numerous", "few"}
PERSON_NOUNS = {
    "husband", "wife", "son", "daughter", "child", "father", "mother", "brother", "sister", "man", "woman", "boy",
    "girl", "soldier", "officer", "policeman", "fighter", "militant", "civilian", "commander", "leader", "guard",
    "driver", "journalist", "worker", "teacher", "doctor", "farmer", "student", "person", "member", "insurgent",
    "jihadist", "gunman", "bomber", "attacker", "police", "officer", "trooper", "marine", "sailor", "airman",
    "servicemember", "colonel", "general", "cleric", "official", "resident", "villager", "pilgrim", "worshipper",
    "shepherd", "nurse", "medic", "aid worker", "protester", "demonstrator", "prisoner", "hostage", "chief",
}
_DIGITS = re.compile(r"^\d{1,3}(?:,\d{3})*$|^\d+$")


def number_value(tok: Token) -> int | None:
    text = tok.lower_
    if _DIGITS.match(text):
        return int(text.replace(",", ""))
    if text in NUMBER_WORDS:
        return NUMBER_WORDS[text]
    if "-" in text:  # twenty-five
        parts = text.split("-")
        if all(p in NUMBER_WORDS for p in parts):
            return sum(NUMBER_WORDS[p] for p in parts)
    return None


def count_noun_phrase(head: Token) -> int | None:
    """How many people a victim noun phrase names: 'two of my children' 2, 'my husband' 1."""
    lemma = head.lemma_.lower()
    if lemma in ACLED_VAGUE or head.lower_ in ACLED_VAGUE:
        return ACLED_VAGUE.get(head.lower_, ACLED_VAGUE.get(lemma))
    if head.lower_ in NO_FIGURE:
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
    if lemma in PERSON_NOUNS and head.tag_ in ("NN", "NNP"):
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
    for tok in sent:
        lemma = tok.lemma_.lower()
        shot_dead = lemma in ("shoot", "gun", "beat", "stab", "hack") and any(c.lower_ == "dead" for c in tok.children)
        if lemma not in KILL_LEMMAS and not shot_dead:
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
