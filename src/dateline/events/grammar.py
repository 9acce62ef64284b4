"""The parse's shapes that the side readers read: a verb's subject, a headline's passive, a
preposition's object. No vocabulary of sides here (that is `roles.py`), only grammar.
"""

from __future__ import annotations

from spacy.tokens import Token

from .. import vocab


def _subject(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ in ("nsubj", "csubj"):
            return child
    # Participles and coordinated verbs borrow the subject of the verb they hang on.
    if verb.dep_ in ("xcomp", "conj", "advcl", "acl") and verb.head.i != verb.i:
        if verb.dep_ == "acl":
            return verb.head
        if verb.dep_ == "xcomp" and verb.tag_ in ("VBG", "VB"):
            # "a column was seen moving", "troops were ordered to withdraw": the passive's subject does it
            raised = next((c for c in verb.head.children if c.dep_ == "nsubjpass"), None)
            if raised is not None:
                return raised
        return _subject(verb.head)
    if verb.dep_ == "relcl":
        return verb.head
    return None


def headline_passive(verb: Token) -> bool:
    """Headline style drops "were": "25 fighters killed", "3 soldiers wounded in blast"."""
    return headline_passive_subject(verb) is not None


def headline_passive_subject(verb: Token) -> Token | None:
    """Who a headline's passive without "were" was done to: "25 fighters killed", "Policeman
    killed in sniper attack", "Two soldiers said killed" (the reported verb lends its subject)."""
    if verb.lemma_.lower() not in vocab.words("headline_passive_verbs") or verb.tag_ not in ("VBN", "VBD"):
        return None
    if any(c.dep_ in ("aux", "auxpass") for c in verb.children):
        return None
    subj = _child(verb, {"nsubj"})
    if subj is None and verb.dep_ == "xcomp" and verb.head.lemma_.lower() in vocab.words("reporting_verbs"):
        subj = _subject(verb.head)  # "Two policemen said killed in IS attack"
    if subj is None:
        return None
    if any(c.dep_ == "nummod" or c.like_num for c in subj.children):
        counted_object = any(c.dep_ == "dobj" and (c.like_num or any(g.dep_ == "nummod" for g in c.children)) for c in verb.children)
        return None if counted_object else subj
    # An uncounted subject: only a verb of harm with nothing it acts on, told as the news
    # ("journalist killed south of Mosul"); a past active of these verbs always has an object.
    if subj.pos_ not in ("NOUN", "PROPN") or verb.dep_ not in ("ROOT", "ccomp", "xcomp"):
        return None
    if any(c.dep_ in ("dobj", "dative", "ccomp", "xcomp", "prt") for c in verb.children):
        return None
    if any(c.dep_ == "conj" and c.pos_ == "VERB" for c in verb.children):
        return None  # "gunmen killed and wounded dozens": the object hangs on the last verb
    return subj


def harmed_in(trigger: Token) -> bool:
    """'killed during battles', 'wounded in clashes', 'a journalist killed in fighting': the
    fighting is what people were hurt in at the time of the news, so it is reported too."""
    prep = trigger.head
    return (trigger.dep_ == "pobj" and trigger.lemma_.lower() in vocab.words("battle_nouns")
            and (prep.lower_ == "in" or prep.lower_ in vocab.words("concurrent_prepositions"))
            and prep.head.lemma_.lower() in vocab.words("hurt_words"))


def killed_in(head: Token) -> bool:
    """Is `head`, which an "in" phrase hangs on, a verb of harm told with its victims ("51 killed",
    "Dozens killed" a headline writes as a past tense) or the victims it harmed ("killed 29 militants")?"""
    if head.dep_ in ("dobj", "nsubjpass") and head.head.pos_ == "VERB":
        head = head.head
    if head.lemma_.lower() not in vocab.words("harm_verbs"):
        return False
    counted = (c for c in head.children if c.dep_ in ("dobj", "nsubj", "nsubjpass"))
    return head.tag_ == "VBN" or any(c.like_num or c.tag_ == "NNS" or any(n.dep_ == "nummod" for n in c.children) for c in counted)


def alleged_act(act: Token) -> bool:
    """"HRW accuses X of executing civilians", "X are accused of abusing two girls": the act the
    report's own clause lays on a side is the news (alleged), not scene-setting; "a man accused of
    robbing ..." (a clause hung on a noun, as courts and arrests tell it) stays background."""
    of = act.head
    verb = of.head
    return of.lower_ == "of" and verb.lemma_.lower() in vocab.words("allegation_verbs") and verb.dep_ in ("ROOT", "ccomp", "conj")


def _is_passive(verb: Token) -> bool:
    # a participle hanging on a noun is passive ("a commander killed in battle") unless it has an
    # object: then the parser took a sentence's subject for the noun it hangs on ("Bandits killed 30 villagers")
    return any(c.dep_ in ("nsubjpass", "auxpass", "agent") for c in verb.children) or (
        verb.dep_ == "acl" and verb.tag_ == "VBN" and not any(c.dep_ == "dobj" for c in verb.children)
    )


def _child(tok: Token, deps: set[str]) -> Token | None:
    for child in tok.children:
        if child.dep_ in deps:
            return child
    return None


def by_object(verb: Token | None) -> Token | None:
    """Who a passive's by-phrase names: "was beaten to death by a crowd" -> crowd."""
    by = _child(verb, {"agent"}) if verb is not None else None
    return _child(by, {"pobj"}) if by is not None else None


def _prep_object(tok: Token, preps: set[str]) -> Token | None:
    for child in tok.children:
        if child.dep_ in ("prep", "agent") and child.lower_ in preps:
            obj = _child(child, {"pobj", "pcomp"})
            if obj is not None:
                return obj
    return None


def describes_a_thing(trigger: Token) -> bool:
    """A trigger word naming a kind of thing, not an event: 'fighting position', 'artillery
    systems', '...; destroyed two vehicles, an IED and a rocket propelled grenade system'."""
    tok = trigger
    if tok.dep_ in ("compound", "amod", "nmod") and tok.head.pos_ in ("NOUN", "PROPN"):
        if tok.head.lemma_.lower() not in vocab.words("event_head_nouns"):
            return True
        tok = tok.head
    # climb a list of nouns to the word that governs it
    for _ in range(12):
        if tok.dep_ in ("conj", "appos", "compound", "amod", "nmod", "npadvmod") and tok.head.i != tok.i and tok.head.pos_ in ("NOUN", "PROPN", "NUM"):
            tok = tok.head
        else:
            break
    return tok.pos_ in ("NOUN", "PROPN") and tok.dep_ in ("dobj", "pobj", "conj") and tok.head.lemma_.lower() in vocab.words("thing_object_verbs")


def has_object(trigger: Token, objects: frozenset[str]) -> bool:
    """'slowed an offensive', 'resumed its assault': the object decides ('no device was
    found' names none)."""
    for child in trigger.children:
        if any(d.dep_ == "det" and d.lower_ == "no" for d in child.children):
            continue
        if child.dep_ in ("dobj", "nsubjpass", "nsubj", "pobj", "prt", "xcomp") and child.lemma_.lower() in objects:
            return True
        if trigger.dep_ == "amod" and child.dep_ in ("npadvmod", "compound") and child.lemma_.lower() in objects:
            return True  # "rock-throwing youths": the object written before the participle
        if child.dep_ in ("dobj", "nsubjpass") and any(t.lemma_.lower() in objects for t in child.subtree):
            return True
    if trigger.dep_ == "xcomp" and not any(c.dep_ in ("nsubj", "dobj") for c in trigger.children):
        # "a column of fighters was seen moving toward Menaka": the verb's subject is its head's
        subj = next((c for c in trigger.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        return subj is not None and subj.lemma_.lower() in objects
    return False


def describes_a_crowd(trigger: Token) -> bool:
    """"stone-throwing protesters", "rock-throwing youths": the act of the crowd it describes."""
    head = trigger.head
    return head.tag_ == "NNS" and head.lemma_.lower() in vocab.mapping("crowd_nouns")
