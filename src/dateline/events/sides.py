"""Who acted and who was acted on, beyond the parse, and the sides' ACLED names.

The parse gives the agent and the patient (`roles.py`); here the rest is settled:
- the claimant of the sentence acts when the parse names no agent, unless the class says
  a claim does not name the actor (`claimant_acts`);
- actor1 is the agent, except for classes whose `agent_types` it is not (an air strike
  is flown by the article's main state or coalition); with no agent, the speaker's side
  for acts sides announce (`speaker_acts`), else the class's `actor1_fallback`, a function
  registered here with `@actor1_fallback` that picks a side the article names;
- names: each side's ACLED name in the event's country, the civilians of a violence
  against civilians, the main adversary for a battle or a remote attack with one side
  (unless the class `infers_adversary` false), an unidentified armed group where the act
  needs one, else the class's `default_actor1`, registered with `@default_actor1`: the
  name of a role of the country (the police that arrest).
"""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.tokens import Span, Token

from .. import vocab
from ..language.actors import actor_for_role
from ..language.countries import iso2_for
from ..language.doccache import sent_of, span_text
from ..registry import Registry
from .allies import allies_of, same_side, token_of
from .attribution import CLAIMED_ACT, speaker_for
from .coding import Coding
from .context import STATE_FORCES, ArticleContext, is_armed
from .fatalities import toll_victims
from .naming import (
    actor_name,
    civilians_of,
    forces_of,
    government_of,
    in_event_country,
    member_name,
    police_of,
    rioters_of,
    unidentified_of,
)
from .roles import UNNAMED_SIDE, agent_and_patient, hit_civilian_site, mutineers, state_of_modifier, state_subject
from .roles import _subject as _roles_subject
from .grammar import _prep_object

# A bomb hits whoever is there: its maker's main adversary is not taken for what it hit (in the
# news gold a bombing's actor2 is mostly civilians or nobody named).
BOMBS = frozenset({"Suicide bomb", "Remote explosive/landmine/IED", "Grenade"})
# Acts of war a state named as subject makes through its military ("Turkey has shelled ..."); a
# state that signs, arrests or bans acts through its government or police instead.
STATE_ACTS_OF_WAR = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians",
                               # forces moved, a weapon brought down: the military's acts too
                               "Change to group/activity", "Disrupted weapons use"})
# Sides that are a crowd: rioting, they are rioters to ACLED, whatever the text calls them.
CROWD_TYPES = frozenset({"protesters", "civilians", "rioters"})

# A side the article names, for a sentence that names none: name -> function(Coding) -> actor or None
ACTOR1_FALLBACKS = Registry("actor1 fallback")
actor1_fallback = ACTOR1_FALLBACKS.register
# The name to code when no side is known (a role of the event's country): name -> function(Coding) -> str
DEFAULT_ACTORS = Registry("default actor1")
default_actor1 = DEFAULT_ACTORS.register


@actor1_fallback("previous_armed")
def _previous_armed(c: Coding) -> dict | None:
    """A fight or a capture with nobody named: the armed side the story named last."""
    return c.ctx.previous_actor(c.trigger.idx, exclude=_canonical(c.patient))


@actor1_fallback("main_adversary")
def _main_adversary(c: Coding) -> dict | None:
    """Shells with no side named: the side the article says fires them most, not the last one
    mentioned ("Ugandan police said ... The shells fell near the market"); not when civilians
    were hit (their attacker is unidentified)."""
    if c.victims_civilian:
        return None
    aimed_at = _country_aimed_at(c)
    own = tuple(a["canonical"] for a in c.ctx.actors if aimed_at and a.get("type") in STATE_FORCES and a.get("country") == aimed_at)
    main = c.ctx.main_adversary(_canonical(c.patient), own)
    return next((a for a in c.ctx.actors if a["canonical"] == main), None) if main else None


def _country_aimed_at(c: Coding) -> str | None:
    """The country a weapon was aimed at as a whole ("rockets were fired at southern Israel"):
    its own forces did not fire it. A town is no such aim: armies shell their own rebel towns."""
    verb = c.trigger.head if c.trigger.dep_ in ("nsubjpass", "dobj", "nsubj") else c.trigger
    countries = {p["start"]: p.get("country_code") for p in c.ctx.places_in(c.sent) if p.get("feature") == "country"}
    for prep in (*verb.children, *c.trigger.children):
        if prep.dep_ == "prep" and prep.lower_ in vocab.words("aim_prepositions"):
            for w in prep.subtree:
                if w.idx in countries:
                    return countries[w.idx]
    return None


@default_actor1("arresting_authority")
def _arresting_authority(c: Coding) -> str | None:
    """Charged or indicted in court: the state's prosecutors; arrested: the police."""
    if c.lemma in vocab.words("judicial_verbs"):
        return government_of(c.country_code)
    return police_of(c.country_code)


@default_actor1("security_unit")
def _security_unit(c: Coding) -> str | None:
    """A unit that defuses, clears or shoots down ("Ukrainian sappers", "a bomb disposal team",
    "its air defences") belongs to the state forces of its country (the demonym's, else the
    event's): the military or the police, as `security_unit_nouns` says."""
    t = c.trigger
    doer = _roles_subject(t) if t.pos_ == "VERB" else None
    if doer is None or any(ch.dep_ == "nsubjpass" for ch in t.children):
        by = next((ch for ch in t.children if ch.dep_ == "agent"), None)
        doer = next((ch for ch in by.children if ch.dep_ == "pobj"), None) if by is not None else doer
    if doer is None:
        return None
    units = vocab.mapping("security_unit_nouns")
    words = [doer.lemma_.lower()] + [f"{m.lemma_.lower()} {doer.lemma_.lower()}" for m in doer.children if m.dep_ in ("compound", "amod")]
    role = next((units[w] for w in words if w in units), None)
    if role is None:
        return None
    from_country = next((state_of_modifier(m) for m in doer.children if m.dep_ in ("amod", "compound") and state_of_modifier(m)), None)
    iso2 = from_country["country"] if from_country else c.country_code
    return actor_for_role(role, iso2) if iso2 else None


def read_roles(c: Coding) -> None:
    """The speaker's side, the agent and the patient from the parse, and the claimant."""
    c.quote = speaker_for(c.sent, c.ctx.quotes)
    c.speaker_actor = side_of_speaker(c.ctx, c.quote)
    c.agent, c.patient, c.undergo = agent_and_patient(c.trigger, c.ctx, c.speaker_actor)
    c.agent = speakers_forces(c.agent, c.quote, c.speaker_actor)
    if c.agent is None and (c.event_type in STATE_ACTS_OF_WAR or c.sub_event in STATE_ACTS_OF_WAR):
        c.agent = state_subject(c.trigger)
    c.agent = mutineers(c.agent, token_of(c.sent, c.agent)) or c.agent
    c.patient = mutineers(c.patient, token_of(c.sent, c.patient)) or c.patient
    claimant = claimant_of(c.ctx, c.sent)
    if c.agent is None and claimant is not None and c.cls.claimant_acts:
        c.agent = claimant  # "X claimed responsibility for a truck attack that killed eight"
    c.allies1, c.allies2 = allies_of(c.ctx, c.trigger, c.sent, token_of(c.sent, c.agent), token_of(c.sent, c.patient))
    if c.patient is not None and any(same_side(c.patient, a) for a in c.allies1):
        c.patient = None  # an ally of the acting side is not what it acted on


def choose_actor1(c: Coding) -> None:
    """The acting side: the parse's agent, else the speaker's or the article's (see above)."""
    ctx, cls = c.ctx, c.cls
    actor1 = c.agent
    if cls.agent_types and (actor1 is None or actor1.get("type") not in cls.agent_types):
        actor1 = ctx.main_side_of(cls.agent_types, exclude=_canonical(c.patient)) or actor1
        c.actor1_of_article = actor1 is not None and actor1 is not c.agent
        if c.actor1_of_article and c.sent.start_char <= actor1["start"] < c.sent.end_char:
            # "Turkey says air force kills 13 in north Iraq air strike": the speaking state's
            actor1 = speakers_forces(actor1, c.quote, c.speaker_actor)
    if (
        actor1 is None and c.speaker_actor is not None and cls.speaker_acts
        and is_armed(c.speaker_actor)
        and not victims_are(ctx, c.trigger, c.speaker_actor)
        and not own_forces_hit(c.speaker_actor, c.patient)
        and not (c.speaker_actor.get("type") in STATE_FORCES and c.speaker_actor.get("country") == _country_aimed_at(c))
    ):  # an army telling of rockets fired at its own country did not fire them
        actor1 = c.speaker_actor  # the side that announces its own act
        c.guessed_actor1 = True  # a side the sentence states acting ("troops killed three in a gunfight, police said") wins
    if actor1 is None and cls.actor1_fallback:
        actor1 = ACTOR1_FALLBACKS[cls.actor1_fallback](c)
        c.guessed_actor1 = actor1 is not None
    if c.undergo and c.patient is not None and c.agent is None:
        actor1 = None  # "the SDF faced car bombs": the subject was hit; who acted is not said
    if actor1 is not None and c.agent is None and any(same_side(actor1, a) for a in c.allies1):
        actor1 = None  # a guess that fell on the ally ("backed by coalition air strikes")
    c.actor1 = actor1


def name_sides(c: Coding) -> None:
    """actor1 and actor2 as ACLED names in the event's country (`c.country_code`)."""
    iso2, ctx, event_type = c.country_code, c.ctx, c.event_type
    if c.sub_event == "Agreement":
        # a truce signed abroad ("in Algiers", "in Doha") binds the sides of one country's war:
        # the country a state party is named by
        iso2 = next((s["country"] for s in (c.actor1, c.patient) if s and s.get("owned") and s.get("country")
                     and s.get("type") in STATE_FORCES | {"political"}), iso2)
    a1 = side_name(c.actor1, iso2)
    a2 = side_name(c.patient, iso2)
    if c.patient is not None and c.patient.get("role") and c.actor1 is not None \
            and c.actor1.get("type") in STATE_FORCES and c.actor1.get("country") == iso2:
        a2 = None  # "the army captured a police station": a building, not the army's own police
    if event_type == "Violence against civilians" and (a2 is None or not a2.startswith("Civilians")):
        a2 = civilians_of(iso2)
    if a2 is None and c.cls.people_are_civilians:
        a2 = _people_taken(c, iso2)
    if a2 is None and c.sub_event == "Chemical weapon" and _civilians_exposed(c.sent):
        a2 = civilians_of(iso2)  # "sickening dozens of people": gas reaches whoever lives there
    if a2 is None and c.sub_event == "Looting/property destruction" and _owned_property_hit(c.trigger):
        a2 = civilians_of(iso2)  # "torched dozens of homes": their owners were hit
    if a1 is None and (event_type == "Violence against civilians" or (event_type == "Explosions/Remote violence" and c.victims_civilian)):
        a1 = unidentified_of(iso2)
    if a2 is None and event_type == "Explosions/Remote violence" and (
            c.victims_civilian or hit_civilian_site(c.trigger) or toll_of_civilians(c) or _settlements_hit(c.trigger)):
        # "bombed a village, killing dozens of people", "an air strike on a hospital": the people there were hit
        a2 = civilians_of(iso2)
    if event_type == "Battles" or (event_type == "Explosions/Remote violence" and c.cls.infers_adversary):
        if a1 is None and a2 and not (c.patient or {}).get("role"):
            # the other side of the article's war ("the SDF faced car bombs" in a story of IS);
            # not for a post known only by its kind ("a car bomb struck a military checkpoint":
            # who made the bomb only a claim or a blame says)
            # not forces known only by their kind that tell of their own kind's dead ("Turkish
            # soldier killed in northern Iraq: army": that army is Turkey's)
            own = tuple(a["canonical"] for a in ctx.actors if own_forces_hit(a, c.patient))
            a1 = _named(ctx, ctx.main_adversary(_canonical(c.patient), own), iso2)
            c.guessed_actor1 = a1 is not None
        if a2 is None and a1 and c.actor1 is not None and c.actor1.get("canonical") and c.sub_event not in BOMBS:
            # the named side's main adversary; an unidentified one has none the article knows
            a2 = _named(ctx, ctx.main_adversary(_canonical(c.actor1), tuple(a.get("canonical") for a in c.allies1), acting=True), iso2)
            c.guessed_actor2 = a2 is not None
    if a1 is not None and a1 == a2 and not (c.patient or {}).get("rival"):
        a2 = None
    if a1 is None and event_type == "Explosions/Remote violence" and c.agent is None:
        # A bomb or a shell nobody is named for (an unnamed bomber is already the parse's
        # agent, an unidentified side: see roles.unnamed_side).
        a1 = unidentified_of(iso2)
    if event_type == "Battles" and a1 is None and a2 is not None:
        a1 = unidentified_of(iso2)  # "29 militants killed in raids": by a side not named
    if a1 is None and c.cls.default_actor1:
        a1 = DEFAULT_ACTORS[c.cls.default_actor1](c)
    if event_type == "Riots" and (c.actor1 is None or c.actor1.get("type") in CROWD_TYPES):
        a1 = rioters_of(iso2)  # a crowd that riots, or a mob nobody names, is "Rioters (COUNTRY)"
    if c.sub_event == "Armed clash" and a1 and a2 and a2.startswith("Civilians") and not a1.startswith("Civilians") \
            and not c.guessed_actor2 and c.lemma not in vocab.words("battle_nouns"):
        # "raided a camp for displaced people": an armed side's act on people at large is an
        # attack on civilians; ACLED never codes a clash with them (but "two civilians killed in
        # clashes" were caught in fighting between others)
        c.event_type, c.sub_event = "Violence against civilians", "Attack"
    c.a1, c.a2 = a1, a2
    c.assoc1 = _associates(c.allies1, iso2, (a1, a2))
    c.assoc2 = _associates(c.allies2, iso2, (a1, a2))


def _settlements_hit(trigger: Token) -> bool:
    """Did the weapon fall on villages ("shelled villages", "dropped barrel bombs on nearby villages",
    "rockets slammed into a village")? The people living there were hit (ACLED: civilians)."""
    verb = trigger.head if trigger.dep_ in ("dobj", "nsubjpass", "nsubj") else trigger
    hit = [ch for ch in verb.children if ch.dep_ == "dobj"] if verb is trigger else []
    hit += [o for p in verb.children if p.dep_ == "prep" and p.lower_ in vocab.words("aim_prepositions")
            for o in p.children if o.dep_ == "pobj"]
    return any(t.lemma_.lower() in vocab.words("settlement_nouns") for t in hit)


def toll_of_civilians(c: Coding) -> bool:
    """Are the dead the sentence counts for the event people at large, with no fighter among
    them ("blasts that left at least 20 people dead", "a strike on a clinic that killed 42
    staff and patients"), where the parse ties no victim to the trigger itself? Not the toll of
    another act ("the missiles killed three ... while the drones damaged a substation"), nor
    an attacker ("the driver of the car bomb was killed")."""
    killing, victims = toll_victims(c.sent, c.trigger)
    if killing is None or killing.i in {t.i for t in c.trigger.subtree}:
        return False
    doer = next((ch for ch in killing.children if ch.dep_ == "nsubj"), None)
    if doer is not None and doer.pos_ in ("NOUN", "PROPN") and doer.i != c.trigger.i and doer not in victims:
        return False  # another act's dead
    armed = vocab.words("armed_target_nouns") | vocab.words("attacker_nouns") | vocab.words("unnamed_armed") \
        | vocab.words("bomb_words")
    civilian = vocab.words("civilian_nouns") | vocab.words("kin_nouns")
    if any(w.lemma_.lower() in armed or (c.ctx.actor_of(w) or {}).get("armed") for v in victims for w in v.subtree):
        return False
    return any(v.lemma_.lower() in civilian for v in victims)


def _civilians_exposed(sent: Span) -> bool:
    """Does the sentence name people at large, not as its source ("residents said"), and no armed
    side among them ("sickening dozens of people", "children were treated for burns")?"""
    civilian = vocab.words("civilian_nouns") | vocab.words("kin_nouns")
    armed = vocab.words("armed_target_nouns") | vocab.words("unnamed_armed")
    if any(w.lemma_.lower() in armed and w.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj", "conj", "appos") for w in sent):
        return False  # fighters exposed (not "a rebel-held town")
    telling = vocab.words("reporting_verbs")
    return any(w.lemma_.lower() in civilian and not (w.dep_ == "nsubj" and w.head.lemma_.lower() in telling)
               for w in sent)


def _owned_property_hit(trigger: Token) -> bool:
    """Was what was looted, burned or demolished people's own ("looted the central market",
    "set fire to three trucks", "Dozens of shops were looted", "the looting of homes")?"""
    owned = vocab.words("private_property_nouns")
    hit = [ch for ch in trigger.children if ch.dep_ in ("dobj", "nsubjpass")]
    # through a preposition: "set fire to trucks", "dozens of shops", "the looting of homes"
    for _ in range(2):  # and on: "set fire to a row of market stalls"
        hit += [o for h in [trigger, *hit] for p in h.children if p.dep_ == "prep" and p.lower_ in ("to", "of")
                for o in p.children if o.dep_ == "pobj" and o not in hit]
    return any(h.lemma_.lower() in owned for t in hit for h in (t, *t.conjuncts))


def _people_taken(c: Coding, iso2: str | None) -> str | None:
    """Whom an arrest took when the parse names no side: the armed group named as what they
    belong to ("a man suspected of being a member of Islamic State"); else civilians, for
    people named by a civilian noun ("arrested a blogger", "detained 15 activists"), but not
    suspects of an attack ("three men who were planning to attack a mall"), nor a bare count."""
    t = c.trigger
    if t.pos_ == "VERB":
        taken = next((ch for ch in t.children if ch.dep_ in (("nsubjpass",) if _is_passive_verb(t) else ("dobj",))), None)
    else:
        taken = next((o for p in t.children if p.dep_ == "prep" and p.lower_ == "of" for o in p.children if o.dep_ == "pobj"), None)
    if taken is None:
        return None
    after = [tok for tok in c.sent if tok.i > t.i]
    for tok in after:
        if tok.lemma_.lower() == "member" and tok.i >= taken.i:
            group = next((c.ctx.actor_of(o) for p in tok.children if p.dep_ == "prep" and p.lower_ == "of"
                          for o in p.children if o.dep_ == "pobj"), None)
            if group is not None and is_armed(group):
                return side_name(group, iso2)
    of = _prep_object(taken, {"of"})
    if of is not None and taken.lemma_.lower() not in vocab.words("civilian_nouns"):
        taken = of  # "dozens of people", "hundreds of students"
    if taken.lemma_.lower() not in vocab.words("civilian_nouns"):
        return None
    violence = vocab.words("generic_violence_words") | vocab.words("violent_cause_nouns")
    # not how they were taken ("arrested 15 activists in pre-dawn raids")
    means = {tok.i for p in t.children if p.dep_ == "prep" and p.lower_ in ("in", "during") for tok in p.children}
    if any(tok.lemma_.lower() in violence and tok.i not in means for tok in after):
        return None  # suspects of an attack, not civilians taken for who they are
    return civilians_of(iso2)


def _is_passive_verb(verb: Token) -> bool:
    return any(ch.dep_ in ("nsubjpass", "auxpass") for ch in verb.children)


def _associates(allies: list[dict], iso2: str | None, sides: tuple) -> str | None:
    """ACLED's associated actors: the allies' names, "; " between them, none that is a side."""
    names = []
    for ally in allies:
        name = side_name(ally, iso2)
        if name and name not in sides and name not in names:
            names.append(name)
    return "; ".join(names) or None


def _named(ctx: ArticleContext, canonical: str | None, iso2: str | None) -> str | None:
    """The ACLED name, in the event's country, of a side the article names (by its canonical)."""
    if not canonical:
        return None
    mention = next((a for a in ctx.actors if a["canonical"] == canonical), None)
    return side_name(mention, iso2) if mention else actor_name(canonical, iso2)


def _canonical(side: dict | None) -> str | None:
    return side["canonical"] if side else None


def claimant_of(ctx: ArticleContext, sent: Span) -> dict | None:
    """The side that claims responsibility in this sentence, if any."""
    written = span_text(sent)
    text = written.lower()
    if "claim" not in text or ("responsibility" not in text and not CLAIMED_ACT.search(written)):
        return None
    for tok in sent:
        if tok.lemma_.lower() == "claim" and tok.pos_ == "VERB":
            subj = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subj is not None and ctx.actor_of(subj) is not None:
                return ctx.actor_of(subj)
    return None


@lru_cache(maxsize=20_000)  # every actor's names, asked for every quote: more than re's own cache holds
def _whole_words(name: str) -> re.Pattern:
    return re.compile(r"\b" + re.escape(name) + r"\b")


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
        if any(n and (_whole_words(n).search(said) or (len(said) > 3 and said in n)) for n in names):
            return actor
    return None


def _known_by_kind(side: dict | None) -> bool:
    """State forces named only by their kind, their country guessed from the context ("the army")."""
    return side is not None and side.get("resolved_by") == "role" and not side.get("owned") \
        and side.get("type") in STATE_FORCES


def own_forces_hit(speaker: dict, patient: dict | None) -> bool:
    """"Turkish soldier killed in northern Iraq: army": an army that speaks of its kind's dead,
    known by its kind only, is their army, not the side that killed them."""
    return _known_by_kind(speaker) and patient is not None and patient.get("type") == speaker.get("type")


def speakers_forces(agent: dict | None, quote: dict | None, speaker: dict | None) -> dict | None:
    """"Turkey says air force kills 13 in north Iraq": forces known only by their kind, in what a
    state (or its own forces) says, are that state's, not the forces of the country the act is in."""
    if not _known_by_kind(agent) or not quote or not quote.get("speaker"):
        return agent
    iso2 = iso2_for(quote["speaker"])
    if iso2 is None and speaker is not None and speaker.get("type") in STATE_FORCES and speaker.get("owned"):
        iso2 = speaker.get("country")
    if iso2 is None or iso2 == agent.get("country"):
        return agent
    name = forces_of("police" if agent.get("type") == "police" else "military", iso2)
    return dict(agent, canonical=name, country=iso2, owned=True)


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
    if side.get("role"):  # a country's forces named by their kind ("a military checkpoint")
        return forces_of(side["role"], iso2)
    if side.get("canonical") is None:  # an armed side the text does not name
        return unidentified_of(iso2)
    if side.get("resolved_by") == "member":
        return member_name(side["canonical"], iso2)
    if side.get("resolved_by") == "role" and not side.get("owned"):
        # civilians, an unnamed armed group, rebels: by the country where the event is, not by
        # a country their sentence names ("France said ... attacks on opposition forces")
        return in_event_country(side["canonical"], iso2)
    return actor_name(side["canonical"], iso2)
