"""Who acted and who was acted on: agent and patient of a trigger, from the parse.

Verbs: the subject acts and the object undergoes ("Iraqi forces recaptured Mosul");
in the passive the by-phrase acts ("killed by mines planted by IS"). Nouns: a by-phrase
or a modifier acts ("coalition air strikes", "bombardment by U.S.-backed forces"), an
against/on-phrase undergoes; otherwise the verb that governs the noun lends its
subject ("the SDF carried out strikes"), except verbs of undergoing ("the SDF faced
car bombs", "came under fire") whose subject is the patient.
"""

from __future__ import annotations

from spacy.tokens import Token

from .. import vocab
from .context import ArticleContext

def _subject(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ in ("nsubj", "csubj"):
            return child
    # Participles and coordinated verbs borrow the subject of the verb they hang on.
    if verb.dep_ in ("xcomp", "conj", "advcl", "acl") and verb.head.i != verb.i:
        if verb.dep_ == "acl":
            return verb.head
        return _subject(verb.head)
    if verb.dep_ == "relcl":
        return verb.head
    return None


def headline_passive(verb: Token) -> bool:
    """Headline style drops "were": "25 fighters killed", "3 soldiers wounded in blast"."""
    if verb.lemma_.lower() not in vocab.words("headline_passive_verbs") or verb.tag_ not in ("VBN", "VBD"):
        return False
    if any(c.dep_ in ("aux", "auxpass") for c in verb.children):
        return False
    subj = _child(verb, {"nsubj"})
    if subj is None or not any(c.dep_ == "nummod" or c.like_num for c in subj.children):
        return False
    return not any(c.dep_ == "dobj" and (c.like_num or any(g.dep_ == "nummod" for g in c.children)) for c in verb.children)


def _is_passive(verb: Token) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass", "agent") for c in verb.children) or (
        verb.dep_ == "acl" and verb.tag_ == "VBN"
    )


def _child(tok: Token, deps: set[str]) -> Token | None:
    for child in tok.children:
        if child.dep_ in deps:
            return child
    return None


def _prep_object(tok: Token, preps: set[str]) -> Token | None:
    for child in tok.children:
        if child.dep_ in ("prep", "agent") and child.lower_ in preps:
            obj = _child(child, {"pobj", "pcomp"})
            if obj is not None:
                return obj
    return None


UNNAMED_SIDE = {"canonical": None, "type": "unidentified", "text": "", "start": -1, "end": -1}


def unnamed_side(tok: Token | None) -> dict | None:
    """A stand-in side for an armed noun with no name; the coder calls it an unidentified armed group."""
    if tok is None:
        return None
    unnamed = vocab.words("unnamed_armed")
    if tok.lemma_.lower() in unnamed or tok.lower_ in unnamed:
        return UNNAMED_SIDE
    return None


def state_of_modifier(tok: Token | None) -> dict | None:
    """'a U.S. drone strike', 'Turkish air strikes': the state forces of the country named."""
    if tok is None:
        return None
    from ..language.countries import iso2_for

    iso2 = iso2_for(tok.text.strip(".") if tok.text != "U.S." else "U.S.") or iso2_for(tok.text)
    if not iso2:
        return None
    from ..language.actors import actor_for_role

    name = actor_for_role("military", iso2)
    return {"canonical": name, "type": "state", "text": tok.text, "start": tok.idx, "end": tok.idx + len(tok.text), "country": iso2} if name else None


def _forces_of_country(tok: Token | None) -> dict | None:
    """'25 Iraq fighters', 'Afghan soldiers': the state forces of the country that modifies them."""
    if tok is None or tok.lemma_.lower() not in vocab.words("force_nouns"):
        return None
    for child in tok.children:
        if child.dep_ in ("compound", "amod", "nmod"):
            side = state_of_modifier(child)
            if side is not None:
                if tok.lemma_.lower() in ("policeman", "police", "officer"):
                    from ..language.actors import actor_for_role

                    side = dict(side, canonical=actor_for_role("police", side["country"]), type="police")
                return side
    return None


def resolve_pronoun(tok: Token | None, ctx: ArticleContext, speaker_actor: dict | None) -> dict | None:
    """Actor for a pronoun: the speaker of a reported clause, else the last armed actor named."""
    if tok is None or tok.lower_ not in vocab.words("side_pronouns"):
        return None
    if speaker_actor is not None and tok.lower_ in ("it", "they", "we", "its", "their"):
        return speaker_actor
    if ctx.last_actor1 is not None and ctx.last_actor1["start"] < tok.idx and tok.lower_ in ("they", "it", "we"):
        return ctx.last_actor1  # the side the story was just telling about
    return ctx.previous_actor(tok.idx)


def agent_and_patient(trigger: Token, ctx: ArticleContext, speaker_actor: dict | None) -> tuple[dict | None, dict | None, bool]:
    """(agent actor, patient actor, patient_is_subject_of_undergo)."""
    agent_tok = patient_tok = None
    modifier_side = None
    undergo = False
    is_verb = trigger.pos_ in ("VERB", "AUX") or trigger.tag_.startswith("VB")
    if is_verb:
        # The parser reads "IS forced them" as "is forced": an auxiliary that is an
        # actor's name is the subject of an active verb.
        if headline_passive(trigger):
            # "25 Iraq fighters killed ...": a headline's passive without "were"
            patient_tok = _subject(trigger)
            by = _child(trigger, {"agent"})
            agent_tok = _child(by, {"pobj"}) if by is not None else None
            agent = ctx.actor_of(agent_tok)
            patient = ctx.actor_of(patient_tok) or _forces_of_country(patient_tok) or unnamed_side(patient_tok)
            return agent, patient, False
        named_aux = next((c for c in trigger.children if c.dep_ in ("auxpass", "aux") and c.i in ctx.actor_at), None)
        if named_aux is not None and named_aux.i + 1 < len(trigger.doc) and trigger.doc[named_aux.i + 1].lower_ in ("’s", "'s"):
            # "IS's declared defeat": a possessive, so the named side undergoes the noun
            return None, ctx.actor_at[named_aux.i], False
        passive = _is_passive(trigger) and named_aux is None
        if named_aux is not None:
            agent_tok = named_aux
            patient_tok = _child(trigger, {"dobj", "obj"}) or _prep_object(trigger, vocab.words("patient_prepositions"))
        elif passive:
            patient_tok = _child(trigger, {"nsubjpass"})
            by = _child(trigger, {"agent"})
            agent_tok = _child(by, {"pobj"}) if by is not None else None
            if patient_tok is None and trigger.dep_ in ("acl", "relcl"):
                patient_tok = trigger.head
        else:
            agent_tok = _subject(trigger)
            patient_tok = _child(trigger, {"dobj", "obj"}) or _prep_object(trigger, vocab.words("patient_prepositions"))
    else:
        agent_tok = _prep_object(trigger, {"by"})
        patient_tok = _prep_object(trigger, vocab.words("patient_prepositions") | {"of"})
        modifier_side = None
        if agent_tok is None:
            # "IS suicide bomber", "Taliban car bomb": a side named inside the trigger's phrase
            for tok in trigger.doc[trigger.left_edge.i : trigger.i]:
                if ctx.actor_at.get(tok.i) is not None and tok.dep_ in ("compound", "amod", "nmod", "poss"):
                    agent_tok = tok
                    break
        if agent_tok is None:
            for child in trigger.children:
                if child.dep_ in ("compound", "amod", "poss", "nmod") and ctx.actor_of(child) is not None:
                    agent_tok = child
                    break
                if child.dep_ in ("compound", "amod", "nmod") and modifier_side is None:
                    modifier_side = state_of_modifier(child)
        head = trigger.head
        # Climb through prepositions and conjunctions to the governing verb.
        while head.dep_ in ("prep", "pobj", "conj", "appos", "dobj", "compound") and head.head.i != head.i and not head.pos_ == "VERB":
            head = head.head
        if head.pos_ in ("VERB", "AUX") and head.i != trigger.i and _is_passive(head):
            # "civilians held as human shields by Daesh"
            by = _child(head, {"agent"})
            if agent_tok is None and by is not None:
                agent_tok = _child(by, {"pobj"})
            if patient_tok is None:
                patient_tok = _child(head, {"nsubjpass"}) or (head.head if head.dep_ in ("acl", "relcl") else None)
        elif head.pos_ in ("VERB", "AUX") and head.i != trigger.i and agent_tok is None and any(
            c.dep_ in ("aux", "auxpass") and c.i in ctx.actor_at for c in head.children
        ) and trigger.dep_ == "nsubj":
            # "IS suicide bomber kills 36": the parser read IS as "is"
            agent_tok = next(c for c in head.children if c.dep_ in ("aux", "auxpass") and c.i in ctx.actor_at)
        elif head.pos_ in ("VERB", "AUX") and head.i != trigger.i:
            subj = _subject(head)
            if head.lemma_.lower() in vocab.words("undergo_verbs") or (head.lemma_.lower() == "come" and "under" in [c.lower_ for c in head.children]):
                if subj is not None and patient_tok is None:
                    patient_tok, undergo = subj, True
            elif agent_tok is None and (head.lemma_.lower() in vocab.words("light_verbs") or trigger.dep_ in ("dobj", "nsubj")):
                if trigger.dep_ == "nsubj":
                    pass  # "the attack killed eight": the attack is the subject, not an actor
                else:
                    agent_tok = subj
    agent = (
        ctx.actor_of(agent_tok)
        or resolve_pronoun(agent_tok, ctx, speaker_actor)
        or unnamed_side(agent_tok)
        or (modifier_side if not is_verb else None)
    )
    # Object pronouns ("relieved it") mostly point at places and things, not sides.
    patient = ctx.actor_of(patient_tok) or _forces_of_country(patient_tok) or (
        resolve_pronoun(patient_tok, ctx, None) if patient_tok is not None and patient_tok.lower_ in ("them", "they") else None
    ) or unnamed_side(patient_tok)  # "kills Kurdish fighters": an armed side, unnamed
    if agent is not None and patient is not None and agent["canonical"] == patient["canonical"]:
        patient = None
    return agent, patient, undergo
