"""Harm and arrests that are not political violence, and why.

A killing, an explosion or an "attack" whose cause is an illness, a natural hazard, an
accident, an animal or a poisonous drink; harm to animals; harm done for gain or in a
private quarrel (robbers, a man and his wife, a row over a fare); violence words used of
sport; and arrests that are ordinary law enforcement (ACLED codes an arrest when it is
political: protesters, activists, journalists, the opposition, members or suspects of
armed groups, mass arrests in a conflict). Each function reads the trigger's place in
the parse and names a concept of `data/en`; the exclusion checks call them.
"""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.tokens import Span, Token

from .. import settings, vocab
from ..language.doccache import sents
from ..language.actors import ARMED_SIDE_TYPES
from .context import ArticleContext, is_armed
from .fatalities import count_noun_phrase

# Sides whose presence makes an arrest political: armed groups, crowds, parties (the
# state and police arrest; civilians and international bodies say nothing either way).
POLITICAL_SIDE_TYPES = (ARMED_SIDE_TYPES - {"state", "police"}) | {"protesters", "rioters", "political"}
# Where a harm verb names its cause: its subject, its agent, a phrase "in/from/after/of".
# Sides whose harm is political violence whatever the victim: armies and armed groups.
FIGHTING_SIDE_TYPES = {"state", "rebel", "militia", "unidentified"}
CAUSE_MARKS = {"when", "after", "as", "because"}
VICTIM_DEPS = {"dobj", "nsubjpass", "pobj"}


@lru_cache(maxsize=None)
def _phrases(concept: str) -> tuple[frozenset[str], re.Pattern | None]:
    """A concept's single words (matched on lemmas) and its phrases (one pattern, on text)."""
    c = vocab.concept(concept)
    entries = list(c.map) if c.map else list(c.ordered)
    single = frozenset(w for w in entries if " " not in w)
    multi = sorted((w for w in entries if " " in w), key=len, reverse=True)
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in multi) + r")\b") if multi else None
    return single, pattern


def _phrase_tokens(head: Token) -> list[Token]:
    """A noun and what names its kind: compounds and adjectives, an 'of' or 'at' phrase
    ('a gas explosion', 'an outbreak of pneumonic plague', 'a fire at an oil refinery')."""
    out = [head]
    for child in head.children:
        if child.dep_ in ("compound", "amod", "nmod"):
            out.extend(_phrase_tokens(child))
        elif child.dep_ == "prep" and child.lower_ in ("of", "at"):
            for obj in child.children:
                if obj.dep_ == "pobj":
                    out.extend(_phrase_tokens(obj))
    return out


def _matches(tokens: list[Token], concept: str, verbs: bool = True) -> str | None:
    """The concept's word or phrase these tokens hold, if any (with `verbs` False, a
    single word counts only as a noun or an adjective)."""
    single, multi = _phrases(concept)
    for t in tokens:
        if not verbs and t.pos_ in ("VERB", "AUX"):
            continue
        if t.lemma_.lower() in single or t.lower_ in single:
            return t.lemma_.lower() if t.lemma_.lower() in single else t.lower_
    if multi is not None:
        text = " ".join(t.lower_ for t in sorted(tokens, key=lambda t: t.i))
        found = multi.search(text)
        if found:
            return found.group(0)
    return None


def _cause_kind(tokens: list[Token], head: Token | None = None) -> str | None:
    """The kind of non-violent cause these tokens name: a disease, a disaster, an accident,
    a hazard, a substance; an accident verb only without an object ('a bus overturned', not
    'a bomb overturned a truck'); an animal only as the phrase's head, not inside a name
    ('cattle rustlers' are people; the Tamil Tigers are a group)."""
    causes = vocab.mapping("non_violent_causes")
    word = _matches(tokens, "non_violent_causes", verbs=False)
    kind = causes[word] if word is not None else None
    if kind is None:
        intransitive = [t for t in tokens if t.pos_ in ("VERB", "AUX") and not any(c.dep_ == "dobj" for c in t.children)]
        verb_word = _matches(intransitive, "non_violent_causes")
        kind = "accident" if verb_word is not None and causes[verb_word] == "accident" else None
    if kind is None:
        return None
    if kind == "hazard":
        mishap = vocab.words("mishap_words")
        return kind if any(t.lemma_.lower() in mishap for t in tokens) else None
    if kind != "animal":
        return kind
    if head is None or head.pos_ not in ("NOUN", "PROPN"):
        return None
    animal = next((t for t in [head, *head.children] if t.lemma_.lower() == word and t.pos_ == "NOUN"), None)
    if animal is None or not (animal.is_lower or animal.is_sent_start):
        return None
    if animal is head or head.lemma_.lower() in vocab.words("harm_verbs"):
        return kind  # "a hippo killed", "suspected shark attacks" (not "cattle rustlers")
    return None


def _clause_verb(trigger: Token) -> Token:
    """The verb that tells what happened: the trigger itself when it is a verb; a participle
    hung on a clause (', killing 21') stands for that clause's verb."""
    tok = trigger
    if tok.pos_ == "VERB" and tok.tag_ == "VBG" and tok.dep_ in ("advcl", "xcomp", "conj") and tok.head.pos_ in ("VERB", "AUX"):
        return tok.head
    return tok


def non_violent_cause(trigger: Token) -> str | None:
    """Why this harm is no political violence: the kind of its cause ('disease', 'disaster',
    'accident', 'hazard', 'animal', 'substance'), or None.

    Looks where English names a cause: the subject of the verb that kills or explodes ('floods
    have killed 200', 'a gas tanker exploded'), its agent ('killed by a cholera epidemic'), a
    phrase 'in/from/after/at' ('killed in a crash', 'an explosion at a gold mine'), a clause
    'when/after' ('killed when their bus fell into a gorge'), the verb of the clause a
    participle hangs on ('a dam burst ..., killing 40'), and a noun trigger's own modifiers
    ('shark attacks', 'a gas explosion')."""
    candidates: list[tuple[list[Token], Token | None]] = []
    if trigger.pos_ in ("NOUN", "PROPN"):
        candidates.append((_phrase_tokens(trigger)[1:], next((c for c in trigger.children if c.dep_ == "compound"), None)))
        for child in trigger.children:
            if child.dep_ == "prep" and child.lower_ in vocab.words("cause_prepositions"):
                candidates.extend((_phrase_tokens(p), p) for p in child.children if p.dep_ == "pobj")
    if trigger.tag_ == "VBG" and trigger.dep_ == "acl" and trigger.head.pos_ in ("NOUN", "PROPN"):
        # "A minibus overturned ..., killing 9" parsed as a noun with two participles
        noun = trigger.head
        others = [v for v in noun.children if v.dep_ in ("acl", "relcl") and v.i != trigger.i]
        candidates.append((_phrase_tokens(noun) + others, noun))
    verbs = [trigger] if trigger.pos_ in ("VERB", "AUX") else []
    if trigger.dep_ == "relcl" and any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in ("that", "which", "who") for c in trigger.children):
        candidates.append((_phrase_tokens(trigger.head), trigger.head))  # "an outbreak that killed three"
    if trigger.pos_ in ("NOUN", "PROPN") and trigger.dep_ in ("nsubj", "nsubjpass", "dobj") and trigger.head.pos_ == "VERB":
        verbs.append(trigger.head)  # "the outbreak killed ..." with 'killed' not the trigger
    clause = _clause_verb(trigger)
    if clause is not trigger:
        verbs.append(clause)
        candidates.append(([clause], None))  # "a dam burst", "three trains collided"
    # clauses joined by "and" share their circumstances ("nine were killed and sixty remain in
    # critical condition after an outbreak of cholera")
    verbs += [c for v in list(verbs) for c in v.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX")]
    for verb in verbs:
        # people as the subject did it: an 'after' phrase or clause is then the time, not the
        # cause ("taxi drivers set upon and killed a man after a road accident")
        doer = _people_subject(verb)
        for child in verb.children:
            if child.dep_ in ("nsubj", "csubj") or (child.dep_ == "agent"):
                heads = [child] if child.dep_ != "agent" else [p for p in child.children if p.dep_ == "pobj"]
                candidates.extend((_phrase_tokens(h) + [verb], h) for h in heads)  # "a gas cylinder exploded"
            elif child.dep_ == "prep" and child.lower_ in vocab.words("cause_prepositions"):
                if not (doer and child.lower_ == "after"):
                    candidates.extend((_phrase_tokens(p), p) for p in child.children if p.dep_ == "pobj")
            elif child.dep_ == "advcl" and not doer and any(m.dep_ in ("mark", "advmod") and m.lower_ in CAUSE_MARKS for m in child.children):
                # "killed when their bus fell into a gorge": the clause's verb, subject and places
                subj = next((s for s in child.children if s.dep_ in ("nsubj", "nsubjpass")), None)
                places = [p for c in child.children if c.dep_ == "prep" for p in c.children if p.dep_ == "pobj"]
                tokens = [child] + (_phrase_tokens(subj) if subj is not None else []) + [t for p in places for t in _phrase_tokens(p)]
                candidates.append((tokens, subj))
    for tokens, head in candidates:
        kind = _cause_kind(tokens, head)
        if kind is not None:
            return kind
    return None


def _people_subject(verb: Token) -> bool:
    """The active subject of the verb (or of the verb it is joined to by 'and') is people."""
    for v in (verb, verb.head if verb.dep_ == "conj" else None):
        subj = next((c for c in v.children if c.dep_ == "nsubj"), None) if v is not None else None
        if subj is not None:
            return subj.lemma_.lower() in vocab.words("person_nouns")
    return False


def animals_harmed(trigger: Token) -> bool:
    """The harm falls on animals ('killing animals', 'rounding up chickens for a cull')."""
    verb = trigger if trigger.pos_ in ("VERB", "AUX") else None
    heads = []
    if verb is not None:
        heads = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    else:
        heads = [p for c in trigger.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children if p.dep_ == "pobj"]
    return any(_cause_kind([h], h) == "animal" for h in heads)


def _possessed_by_a_pronoun(tok: Token) -> bool:
    return any(c.dep_ == "poss" and c.pos_ == "PRON" for c in tok.children)


def private_crime(ctx: ArticleContext, trigger: Token, agent: dict | None) -> str | None:
    """Harm done in private life or for gain, by no armed side: 'shot his wife', 'killed his
    brother', 'shot dead by robbers', 'stabbed in a row over a fare'. The reason, or None."""
    if agent is not None and _fighting(agent):
        return None
    sent = trigger.sent
    if any(_fighting(a) for a in ctx.actors_in(sent)):
        return None  # (the police who report a crime say nothing either way)
    kin = vocab.words("kin_nouns")
    verb = trigger if trigger.pos_ in ("VERB", "AUX") else None
    victims = [c for c in (verb.children if verb is not None else ()) if c.dep_ in ("dobj", "nsubjpass")]
    if verb is None:
        victims = [p for c in trigger.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children if p.dep_ == "pobj"]
    for v in victims:
        if v.lemma_.lower() in kin and _possessed_by_a_pronoun(v):
            return "kin"
    criminals = vocab.words("criminal_nouns")
    if verb is not None:
        doers = [c for c in verb.children if c.dep_ == "nsubj"]
        doers += [p for c in verb.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]
        if any(d.lemma_.lower() in criminals or d.lower_ in criminals for d in doers):
            return "criminals"
    if verb is not None and not _unnamed_armed_in(sent):
        # "stabbed in a row over a fare", "shot dead during a robbery": the harm's own setting
        settings_of_harm = [t for p in verb.children if p.dep_ == "prep" for o in p.children if o.dep_ == "pobj"
                            for t in _phrase_tokens(o)]
        if _matches(settings_of_harm, "private_motive_words"):
            return "motive"
    accused = _accused(trigger)
    if accused is not None and ctx.actor_of(accused) is None and accused.lemma_.lower() in vocab.words("civilian_nouns"):
        return "accused-individual"  # "a driver was accused of rape": one person's crime
    return None


def _accused(trigger: Token) -> Token | None:
    """The person a verb of accusation puts the act on ('a driver was accused of rape')."""
    if not (trigger.dep_ == "pobj" and trigger.head.lower_ == "of"):
        return None
    verb = trigger.head.head
    if verb.lemma_.lower() not in vocab.words("accusation_verbs"):
        return None
    person = next((c for c in verb.children if c.dep_ in ("nsubjpass", "dobj")), None)
    if person is not None and person.lower_ == "one":  # "one of its drivers"
        person = next((p for c in person.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children if p.dep_ == "pobj"), person)
    return person


def _fighting(actor: dict) -> bool:
    """An army or an armed group, gunmen included; robbers named as an unknown side are not."""
    if actor.get("type") not in FIGHTING_SIDE_TYPES:
        return False
    words = (actor.get("text") or "").lower().split()
    return not (words and words[-1] in vocab.words("criminal_nouns"))


def _unnamed_armed_in(tokens) -> bool:
    words = vocab.words("unnamed_armed")
    return any(t.lemma_.lower() in words or t.lower_ in words for t in tokens)


def sport_sense(trigger: Token) -> bool:
    """A violence word told of sport: what it hits, takes or aims at is a goal, a title, a
    lead, a match ('bombarded the Polish goal', 'stormed to victory', 'shot a final-round 66
    to seize the lead'). Only the verb's own objects count, not a phrase further down
    ('a grenade thrown at a crowd gathered for a football match' is an attack)."""
    verb = trigger if trigger.pos_ in ("VERB", "AUX") else trigger.head
    return any(tok.pos_ == "NOUN" and _lemma_of(tok) in vocab.words("sport_nouns") for tok in _objects(verb, purpose=True))


def _lemma_of(tok: Token) -> str:
    return tok.lemma_.lower()


def _objects(verb: Token, purpose: bool = False) -> list[Token]:
    """A verb's direct object and the objects of its prepositions (and, with `purpose`, of a
    purpose clause: 'to seize the lead')."""
    out = []
    for child in verb.children:
        if child.dep_ in ("dobj", "attr", "oprd"):
            out.append(child)
            out += [p for c in child.children if c.dep_ == "prep" for p in c.children if p.dep_ == "pobj"]
        elif child.dep_ in ("prep", "dative"):
            out += [p for p in child.children if p.dep_ == "pobj"]
        elif purpose and child.dep_ in ("xcomp", "advcl") and any(a.dep_ == "aux" and a.lower_ == "to" for a in child.children):
            out += _objects(child)
    return out


def figurative_use(trigger: Token) -> str | None:
    """A violence or protest word in another sense: 'demonstrated its intent' (shown), 'is
    battling the political system', 'fighting corruption' (what is fought is no side).
    Why, or None."""
    lemma = trigger.lemma_.lower()
    if trigger.pos_ == "VERB" and lemma in vocab.words("display_verbs") and any(c.dep_ == "dobj" for c in trigger.children):
        return "display"
    verb = trigger if trigger.pos_ in ("VERB", "AUX") else None
    if verb is not None:
        targets = [c for c in verb.children if c.dep_ == "dobj"]
        targets += [p for c in verb.children if c.dep_ == "prep" and c.lower_ in ("against", "on") for p in c.children if p.dep_ == "pobj"]
    else:
        targets = [p for c in trigger.children if c.dep_ == "prep" and c.lower_ in ("against", "on", "of") for p in c.children if p.dep_ == "pobj"]
    if any(_matches(_phrase_tokens(t)[:1] + [x for x in t.children if x.dep_ == "compound"], "figurative_objects") for t in targets):
        return "figurative-object"
    return None


def quality_word(trigger: Token) -> bool:
    """A trigger word used as an adjective describes, it reports nothing ('a striking
    resemblance'; 'this map is striking', which the parser reads as a verb with nothing
    to act on, where 'jets were striking the outskirts' acts on a place)."""
    if trigger.pos_ == "ADJ" or trigger.tag_ == "JJ":
        return True
    if trigger.tag_ != "VBG" or not any(c.dep_ == "aux" and c.lemma_.lower() == "be" for c in trigger.children):
        return False
    return not any(c.dep_ in ACTING_DEPS for c in trigger.children)


# What a verb acts on or where and when it acts: a verb with none of these only describes.
ACTING_DEPS = {"dobj", "prep", "agent", "npadvmod", "advcl", "xcomp", "ccomp", "dative", "prt", "attr", "oprd"}


def _window(ctx: ArticleContext, sent: Span) -> list[Span]:
    """The sentence and the one before it, in the same article."""
    all_sents = sents(sent.doc)
    for i, s in enumerate(all_sents):
        if s.start == sent.start:
            return [all_sents[i - 1], s] if i > 0 and all_sents[i - 1].start_char >= ctx.body_start else [s]
    return [sent]


def _mass(trigger: Token) -> bool:
    """Many people held at once ('detained 70 people', 'dozens were arrested'): the count of
    the arrest's object, not any number in the sentence (an age, a weight)."""
    verb = trigger if trigger.pos_ in ("VERB", "AUX") else trigger.head
    held = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    if trigger.pos_ in ("NOUN", "PROPN"):
        held += [p for c in trigger.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children if p.dep_ == "pobj"]
    held += [c for h in list(held) for c in h.conjuncts]
    return any((count_noun_phrase(h) or 0) >= settings.MASS_ARREST_MIN for h in held)


def ordinary_arrest(ctx: ArticleContext, trigger: Token) -> bool:
    """An arrest or a charge with nothing political about it: no protester, activist,
    journalist, opposition figure, armed or terrorist group, plot or spying in its sentence
    or the one before, and not a mass arrest; or one made for an ordinary offence ('for
    fraud', 'for drunk driving', 'over rotten meat') with no armed group named."""
    sent = trigger.sent
    offence = _matches(list(sent), "ordinary_crime_words")
    # an ordinary offence named: only the sentence itself can make the arrest political
    scope = [sent] if offence else _window(ctx, sent)
    if any(a.get("type") in POLITICAL_SIDE_TYPES for s in scope for a in ctx.actors_in(s)):
        return False
    if not offence and _matches([t for s in scope for t in s], "political_arrest_cues"):
        return False
    return not _mass(trigger)
