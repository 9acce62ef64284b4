"""Crowds: protests and riots, whose sides are roles of the place, not the parse's sides.

A crowd is no organised armed side: protesters, a mob, villagers or youths acting together.
- A protest (the `protest` strategy): the protesters are actor1 and the force that used
  force on them actor2 (ACLED, and the news2016 gold): police breaking it up make it a
  protest with intervention; protesters killed, or force that maims (live rounds, people
  blinded), excessive force against protesters.
- A riot: an act a class can report (`crowd_riots` in the trigger table: a clash, a killing,
  burning, stone throwing) committed by a crowd. It is a violent demonstration when the
  crowd demonstrates (protesters, supporters, a protest in the sentence) or goes for the
  state (stones at police, a police post burned); otherwise mob violence (a man lynched,
  a family's home attacked, rival crowds fighting). The rioters are "Rioters (COUNTRY)";
  the other side is the force they fought, the crowd they fought, or the civilians a mob
  attacked.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Token

from .. import vocab
from ..language.actors import actor_for_role
from .checks import excluded
from .coding import Candidate, Coding
from .context import is_armed
from .dating import date_for
from .fatalities import fatalities_in, toll_victims
from .locate import locate
from .modality import is_negated
from .naming import civilians_of, police_of
from .grammar import by_object
from .roles import _child, _subject, headline_passive, post_holder
from .row import build_event, finish
from .sides import side_name

DEMONSTRATING, MOB = "demonstrating", "mob"
FORCE_TYPES = ("police", "state")
NON_STATE_TYPES = ("rebel", "militia", "unidentified")  # armed sides that break up no crowd
CROWD_SIDE_KINDS = {"protesters": DEMONSTRATING, "rioters": MOB, "civilians": MOB}
# A side named as what the crowd hit, not as who tells of it ("police said").
_HIT_DEPS = ("dobj", "pobj", "nsubjpass", "conj", "appos")


def crowd_kind(tok: Token | None, c: Coding) -> str | None:
    """Is the phrase headed by `tok` a crowd, and of which kind (demonstrating or a mob)?
    "Students armed with sticks" are still a crowd; gunmen, soldiers, militants are not."""
    if tok is None:
        return None
    kinds = vocab.mapping("crowd_nouns")
    lemma = tok.lemma_.lower()
    words = [lemma, tok.lower_] + [f"{m.lemma_.lower()} {lemma}" for m in tok.children if m.dep_ == "amod"]
    kind = next((kinds[w] for w in words if w in kinds), None)
    many = tok.tag_ in ("NNS", "NNPS") or lemma in vocab.words("collective_crowd_nouns")
    if not many:
        return None  # "youths", "a mob"; not "the driver", nor "those killed"
    if kind is not None:
        return kind
    side = c.ctx.actor_at.get(tok.i)
    return CROWD_SIDE_KINDS.get(side.get("type")) if side is not None and not is_armed(side) else None


def acting_crowd(c: Coding) -> tuple[Token | None, str | None]:
    """The crowd that acts in the trigger's clause, and its kind."""
    trigger = c.trigger
    described = _described_crowd(trigger, c)
    if described is not None:
        return described, crowd_kind(described, c)
    if trigger.pos_ in ("NOUN", "PROPN"):
        own = crowd_kind(trigger, c)  # "a mob", "rioters", "the riot"
        if own is not None:
            return trigger, own
        # "petrol bombs thrown by protesters" (not "residents reporting gunfire": onlookers)
        kind = DEMONSTRATING if (c.agent or {}).get("type") in ("protesters", "rioters") else None
        return None, kind
    elif any(ch.dep_ == "nsubjpass" for ch in trigger.children):
        actor = by_object(trigger)  # "was beaten to death by a crowd"
    elif headline_passive(trigger) or (
            trigger.dep_ == "acl" and trigger.tag_ == "VBN" and trigger.lemma_.lower() in vocab.words("headline_passive_verbs")
            and not any(ch.dep_ == "dobj" for ch in trigger.children)):
        # a headline's passive ("Four farmers killed in ...") or a participle of harm hung on whom
        # it was done to ("civilians killed in clashes"): only its "by" acts
        actor = by_object(trigger)
        return actor, crowd_kind(actor, c)
    else:
        actor = _subject(trigger)
        if actor is not None and actor.tag_ in ("WP", "WDT") and trigger.dep_ == "relcl":
            actor = trigger.head  # "demonstrators who had set fire to a customs post"
    kind = crowd_kind(actor, c)
    if kind is None and trigger.dep_ == "acl" and _child(trigger, {"nsubj"}) is None:
        # a misparse hangs the verb under a modifier ("Protesters angry over lockdown
        # measures set fire ..."): the crowd it tells of is the clause's subject above it
        for above in trigger.ancestors:
            if above.dep_ in ("ROOT", "nsubj") and above.pos_ == "NOUN" and crowd_kind(above, c) is not None:
                return above, crowd_kind(above, c)
    return actor, kind


def _described_crowd(trigger: Token, c: Coding) -> Token | None:
    """The crowd an act describes as a modifier: "stone-throwing protesters", "rock-throwing
    youths" (the parse hangs "stone" on "throwing", and "throwing" on the crowd)."""
    tok = trigger
    for _ in range(2):
        if tok.dep_ not in ("amod", "compound", "npadvmod") or tok.head.i == tok.i:
            return None
        tok = tok.head
        if tok.pos_ == "NOUN" and crowd_kind(tok, c) is not None:
            return tok
    return None


def _forces_on_crowd(crowd: Token | None, c: Coding) -> list[dict]:
    """Police or troops whose act the rioting crowd is the object of ("riot police chased
    rock-throwing youths", "fired tear gas at stone-throwing students"): the other side."""
    if crowd is None or crowd.dep_ not in ("dobj", "pobj"):
        return []
    verb = crowd.head.head if crowd.dep_ == "pobj" else crowd.head
    side = c.ctx.actor_of(_child(verb, {"nsubj"}))
    return [side] if side is not None and side.get("type") in FORCE_TYPES else []


def _forces_hit(c: Coding) -> list[dict]:
    """Police or troops the crowd went for or fought, not those who tell of it."""
    hit = []
    for side in c.ctx.actors_in(c.sent):
        if side.get("type") not in FORCE_TYPES:
            continue
        span = c.sent.doc.char_span(side["start"], side["end"], alignment_mode="expand")
        if span is not None and span.root.dep_ in _HIT_DEPS:
            hit.append(side)
    return hit


def _names_a_building(c: Coding, side: dict) -> bool:
    """A government named only as what a building is ("government buildings", "the area home to
    the parliament and other government buildings"): a place the crowd went for, not a side."""
    if side.get("type") != "political":
        return False
    span = c.sent.doc.char_span(side["start"], side["end"], alignment_mode="expand")
    return span is None or span.root.dep_ not in _HIT_DEPS


def _post_hit(c: Coding) -> dict | None:
    """The forces whose post the crowd went for: "set fire to a police station", "broke through
    police barricades" (the side that holds it, as for an armed attack on a post)."""
    for tok in c.trigger.subtree if c.trigger.pos_ != "VERB" else [t for ch in c.trigger.children for t in ch.subtree]:
        if tok.dep_ in _HIT_DEPS:
            holder = post_holder(tok)
            if holder is not None:
                return holder
    return None


def _names_a_crowd(c: Coding) -> bool:
    return _protesting(c) or any(crowd_kind(t, c) is not None for t in c.sent)


def _protesting(c: Coding) -> bool:
    if any(_protest_word(t) for t in c.sent):
        return True
    # "thousands of people demanding the return of civilian rule": a crowd told by its demand
    demands = vocab.words("crowd_demand_verbs")
    return any(t.dep_ == "acl" and t.tag_ == "VBG" and t.lemma_.lower() in demands and t.head.tag_ in ("NNS", "NNPS") for t in c.sent)


def _protest_word(t: Token) -> bool:
    """A word of protest in this sense: "a strike" by workers, not "an air strike" nor "jets
    struck a base" (a verb with an object, or a noun an aircraft or weapon word modifies)."""
    lemma = t.lemma_.lower()
    if lemma not in vocab.words("protest_words"):
        return False
    if lemma not in vocab.words("attack_sense_protest_words"):
        return True
    if t.pos_ == "VERB":
        return not any(ch.dep_ in ("dobj", "nsubjpass", "agent") for ch in t.children)
    weapons = vocab.words("airborne_words") | vocab.words("attack_sense_modifiers")
    return not any(ch.dep_ in ("compound", "amod", "nmod") and ch.lemma_.lower() in weapons for ch in t.children)


def riot(c: Coding) -> Candidate | None | bool:
    """The riot a crowd's act is (a Candidate), False when the act is no event, None when no
    crowd acts (the class codes it its own way)."""
    tok, kind = acting_crowd(c)
    if kind is None:
        if c.event_type != "Riots":
            return None
        if c.agent is not None and is_armed(c.agent):
            return False  # "riot" by an organised side: not a crowd
        kind = MOB  # stones thrown, a mob nobody names
    no_longer_generic(c)
    forces = _forces_hit(c) or _forces_on_crowd(tok, c)
    place_and_country(c)
    iso2 = c.country_code
    rioters = actor_for_role("rioters", iso2) if iso2 else "Rioters"
    c.event_type = "Riots"
    other_crowd = c.cls.name == "clash" and c.patient is None and not forces  # "rival crowds clashed"
    if not forces and kind == MOB and not _protesting(c) and (other_crowd or _targets_people(c)):
        c.sub_event = "Mob violence"
        a2 = rioters if other_crowd else civilians_of(iso2)
    else:
        c.sub_event = "Violent demonstration"
        a2 = side_name(forces[0], iso2) if forces else None
        if a2 is None and c.patient is not None and c.patient.get("type") not in ("civilians", "protesters", "rioters") \
                and not _names_a_building(c, c.patient):
            a2 = side_name(c.patient, iso2)
        if a2 is None:
            a2 = side_name(_post_hit(c), iso2)
    return crowd_row(c, rioters, a2, fatalities_in(c.sent, c.trigger))


def _targets_people(c: Coding) -> bool:
    """Does the crowd go for people, or their homes and shops ("lynched a man", "attacked the
    home of a Christian family", "Muslim-owned shops"), rather than things or the state?"""
    t = c.trigger
    if t.pos_ in ("NOUN", "PROPN") and t.dep_ in ("nsubj", "nsubjpass") and t.head.pos_ == "VERB":
        t = t.head  # "a mob lynched a man": what the mob did
    if (c.patient or {}).get("type") == "civilians":
        return True
    people = vocab.words("civilian_nouns") | vocab.words("person_nouns") | vocab.words("mob_target_nouns")
    for verb in (t, *t.conjuncts):  # "set upon and killed a bus driver"
        if verb.lemma_.lower() in vocab.words("killing_words") or any(
            p.lower_ == "to" and any(o.lemma_.lower() == "death" for o in p.children) for p in verb.children
        ):
            return True  # "killed two", "beat a man to death"
        hit = _child(verb, {"dobj", "nsubjpass"}) or next(
            (_child(p, {"pobj"}) for p in verb.children if p.dep_ == "prep" and p.lower_ in ("on", "at", "upon")), None)
        if hit is not None and post_holder(hit) is None and any(  # a police station is the state's, not people's
            w.lemma_.lower() in people or w.lower_ in ("him", "her", "them") or w.ent_type_ == "NORP"
            or w.lower_ == "owned"  # "Muslim-owned shops": people's property
            for w in hit.subtree
        ):
            return True
    return False


def protest(c: Coding) -> Candidate | bool:
    """A protest: the protesters act; a force breaking it up makes it a protest with
    intervention, lethal or maiming force excessive force (protesters first, as ACLED and the
    news2016 gold code it)."""
    ctx, trigger, sent = c.ctx, c.trigger, c.sent
    # who marches ("Somali troops marched toward Kismayo" are no protesters); a word of
    # breaking up a crowd ("police dispersed them") has the force as its subject instead
    marching = c.lemma in vocab.words("protest_words")
    marcher = next((t for t in trigger.children if t.dep_ in ("nsubj", "poss")), None) if marching else None
    side = ctx.actor_at.get(marcher.i) if marcher is not None else None
    if marcher is not None and side is None and not any(crowd_kind(t, c) for t in marcher.subtree):
        side = ctx.actor_of(marcher)  # but "thousands of Houthi supporters rallied" are a crowd
    if marcher is not None and marcher.lower_ in ("their", "its", "his"):
        # "In their march toward Raqqa, the SDF has ...": the pronoun looks ahead to the
        # clause's subject, else back to the side the story was telling about.
        side = ctx.actor_of(_child(sent.root, {"nsubj", "nsubjpass"})) or ctx.last_actor1
    if side is not None and is_armed(side):
        return False  # troops marching on a town ("their march toward Raqqa") are not protesters
    if not marching and c.agent is not None and is_armed(c.agent) and c.agent.get("type") in NON_STATE_TYPES:
        return False  # "gunmen opened fire on worshippers": an attack, no crowd broken up
    if not _names_a_crowd(c):
        return False  # tear gas dropped on trenches: no crowd to break up
    if not marching and c.agent is not None and is_armed(c.agent) and c.agent.get("type") not in FORCE_TYPES \
            and not _protesting(c):
        return False  # "gunmen opened fire on worshippers": an attack on people, no crowd broken up
    place_and_country(c)
    iso2 = c.country_code
    protesters = actor_for_role("protesters", iso2) if iso2 else "Protesters"
    lemmas = {t.lemma_.lower() for t in sent}
    force = next((a for a in ctx.actors_in(sent) if a.get("type") in FORCE_TYPES), None)
    force_name = side_name(force, iso2) if force else police_of(iso2)
    toll = fatalities_in(sent, trigger)
    killed = bool(lemmas & vocab.words("killing_words")) or toll
    # "police officers were shot dead at a protest": no force was used on the crowd
    forces_hit = bool(killed) and _forces_killed(sent, trigger)
    c.event_type = "Protests"
    if (killed or _maiming(sent)) and not forces_hit:
        c.sub_event, a2 = "Excessive force against protesters", force_name
    elif _intervened(sent) and not forces_hit:
        c.sub_event, a2 = "Protest with intervention", force_name
    else:
        c.sub_event, a2, toll = c.cls.sub_event_type, None, None
    return crowd_row(c, protesters, a2, toll)


def _intervened(sent) -> bool:
    """Does the sentence tell of a force breaking the protest up? Not when negated, nor what
    the crowd demands or protests against ("demanding his arrest", "calling for the arrest of
    the officers who shot a student", "protesting police beatings"): that is its cause."""
    words = vocab.words("intervention_words")
    return any(t.lemma_.lower() in words and not is_negated(t) and not _demanded(t) for t in sent)


def _demanded(tok: Token) -> bool:
    """Is the word inside the object of a demand or a protest ("demanding his arrest")?"""
    demands = vocab.words("unrealised_governors") | vocab.words("protest_words")
    child = tok
    for head in tok.ancestors:
        if head.lemma_.lower() in demands and child.dep_ in ("dobj", "prep", "xcomp", "ccomp"):
            return True
        child = head
    return False


def force_on_protesters(c: Coding) -> Candidate | bool:
    """Force used on protesters ("opened fire on marchers, killing seven"): excessive force when
    it kills or maims, else a protest with intervention; the protesters are actor1."""
    no_longer_generic(c)
    place_and_country(c)
    iso2 = c.country_code
    protesters = actor_for_role("protesters", iso2) if iso2 else "Protesters"
    force = side_name(c.agent, iso2) if c.agent is not None and is_armed(c.agent) else police_of(iso2)
    toll = fatalities_in(c.sent, c.trigger)
    c.event_type = "Protests"
    lethal = toll or _maiming(c.sent) or c.lemma in vocab.words("killing_words")
    c.sub_event = "Excessive force against protesters" if lethal else "Protest with intervention"
    return crowd_row(c, protesters, force, toll if lethal else None)


def fired_on_crowd(c: Coding) -> bool:
    """Is what the trigger hits a demonstrating crowd ("fired on supporters of the opposition")?"""
    if c.patient is not None:
        return c.patient.get("type") == "protesters"
    t = c.trigger
    heads = [t, *(ch for ch in t.children if ch.dep_ == "dobj")]  # "opened fire on marchers"
    # "opened fire with live ammunition on marchers": the parser hangs the target on the means
    heads += [o for p in t.children if p.dep_ == "prep" and p.lower_ == "with" for o in p.children if o.dep_ == "pobj"]
    hits = [ch for ch in t.children if ch.dep_ == "dobj"] + [
        o for h in heads for p in h.children if p.dep_ == "prep" and p.lower_ in ("on", "at", "into")
        for o in p.children if o.dep_ == "pobj"]
    return any(
        crowd_kind(hit, c) == DEMONSTRATING or (c.ctx.actor_at.get(hit.i) or {}).get("type") == "protesters"
        or any(ch.dep_ == "acl" and ch.lemma_.lower() in vocab.words("protest_words") for ch in hit.children)
        for hit in hits
    )


def _forces_killed(sent, trigger: Token) -> bool:
    """Are the dead the sentence counts all police or soldiers ("an attack in which five police
    officers were shot dead at a protest")? Then whoever killed them fought the forces; the
    crowd was not met with force."""
    victims = toll_victims(sent, trigger)[1]
    armed = vocab.words("armed_target_nouns")
    return bool(victims) and all(v.lemma_.lower() in armed for v in victims)


def _maiming(sent) -> bool:
    """Force that kills or maims ("live rounds", "blinding 30 protesters")."""
    lemmas = [t.lemma_.lower() for t in sent]
    text = " " + " ".join(lemmas) + " "
    return any(f" {w} " in text for w in vocab.words("maiming_force_words"))


def no_longer_generic(c: Coding) -> None:
    """A generic word ("killed", "attacked") that a crowd did, or that hit protesters, names a
    riot or force on a protest: specific, so the sentence's other generic words fold into it."""
    c.cls = replace(c.cls, generic=False)


def place_and_country(c: Coding) -> None:
    c.place, c.geo_precision = locate(c.ctx, c.trigger, c.sent)
    c.country_code = c.place.get("country_code") if c.place else c.ctx.focus_country


def crowd_row(c: Coding, a1: str | None, a2: str | None, toll: int | None) -> Candidate | bool:
    """The crowd event's row, once its kind and sides are settled (placed already)."""
    c.a1, c.a2 = a1, (a2 if a2 != a1 or c.sub_event == "Mob violence" else None)
    c.date, c.own_date = date_for(c.ctx, c.trigger, c.sent)
    if excluded("dated", c):
        return False
    event = build_event(c)
    event["fatalities"] = toll
    return finish(c, event)
