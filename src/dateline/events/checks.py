"""Exclusion checks: what a trigger word does not report as an event.

Each check is a named predicate registered with `@check`: true when the trigger is no
event. The coder runs them at four stages of its work, in registration order within a
stage, and drops a trigger at the first check that holds:

- "trigger": the trigger and its sentence alone (inside a name, in the dateline, a word
  naming a thing, an idle weapon, a subhead, a habit, a tally over years, scene-setting,
  not realised: plans, negations, questions, conditionals; see `modality.py`);
- "roles": once the parse has given the sides (a generic plural nobody is named in);
- "sides": once the sides are named (a battle with no side, a development nobody made);
- "dated": once the date is known (history known only to the year, a total over a period,
  undated background, acts in general); last, the learned classifier's veto on the sentence
  (`classifier.py`).

Beyond mood and habit, the checks leave out what is no political violence (`not_political.py`:
illness, disaster, accident, animals, private crime, sport, ordinary arrests) and what is no
news of now (`modality.py`: plots and drills, reactions to and remembrance of old events,
inquiries, totals over a war, a period or a region, background in the past perfect).

A check registered with `listed=True` applies only to the trigger classes that name it
in their `checks` (the trigger table, `data/event_triggers.jsonl`); the others apply to
every class. A new check is one function here, a test in `tests/test_event_checks.py`,
and (if listed) its name in the table rows that want it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from spacy.tokens import Span, Token

from .. import settings, vocab
from ..language.doccache import ents as doc_ents
from ..language.doccache import per_sentence, sent_of, span_text
from .coding import Coding
from .weapon_use import weapon_in_action
from .context import ArticleContext, is_armed
from .classifier import sentence_none_probability
from .fatalities import attackers_own_death, fatalities_in
from .roles import harmed_in
from .grammar import alleged_act, describes_a_crowd, describes_a_thing, has_object, killed_in
from .truces import truce_in_force
from .modality import (
    acts_in_general,
    agreed,
    dated_participle,
    dated_to_the_day,
    background_past,
    framed_as_fiction,
    habit_modified,
    inquiry_into,
    is_habitual,
    long_duration,
    period_total,
    present_habit,
    reaction_to,
    role_description,
    simulated,
    spread_over_countries,
    unrealised_reason,
)
from .not_political import (
    animals_harmed,
    figurative_use,
    non_violent_cause,
    ordinary_arrest,
    private_crime,
    quality_word,
    sport_sense,
)

STAGES = ("trigger", "roles", "sides", "dated")


@dataclass(frozen=True)
class Check:
    name: str
    stage: str
    excludes: Callable[[Coding], bool]
    listed: bool  # applies only to the classes whose `checks` name it


CHECKS: list[Check] = []


def check(name: str, *, stage: str, listed: bool = False) -> Callable:
    """Register an exclusion check (true: the trigger is no event)."""
    if stage not in STAGES:
        raise ValueError(f"unknown stage {stage!r} for check {name!r}")

    def register(fn: Callable[[Coding], bool]) -> Callable[[Coding], bool]:
        if any(c.name == name for c in CHECKS):
            raise ValueError(f"check {name!r} is registered twice")
        CHECKS.append(Check(name, stage, fn, listed))
        return fn

    return register


def trigger_check(name: str, predicate: Callable[[Token], bool]) -> None:
    """Register a check of stage "trigger" that asks one question of the trigger word alone."""
    check(name, stage="trigger")(lambda c: bool(predicate(c.trigger)))


def excluded(stage: str, c: Coding) -> str | None:
    """The name of the first check of this stage that excludes the trigger, or None."""
    for chk in CHECKS:
        if chk.stage == stage and (not chk.listed or chk.name in c.cls.checks) and chk.excludes(c):
            return chk.name
    return None


def listed_names() -> set[str]:
    return {c.name for c in CHECKS if c.listed}


# --- stage "trigger": the trigger and its sentence ----------------------------------------


@check("inside_name", stage="trigger")
def _inside_a_name(c: Coding) -> bool:
    return inside_name(c.ctx, c.span)


@check("in_dateline", stage="trigger")
def _in_dateline(c: Coding) -> bool:
    """'BAGHDAD (Reuters) -': the dateline's words are not the story."""
    return c.span.start_char < c.ctx.body_start


@check("names_a_thing", stage="trigger")
def _names_a_thing(c: Coding) -> bool:
    return describes_a_thing(c.trigger) and not (c.cls.crowd_riots and describes_a_crowd(c.trigger))


@check("idle_weapon", stage="trigger")
def _idle_weapon(c: Coding) -> bool:
    """A weapon noun counted, found or destroyed, not used."""
    t = c.trigger
    return t.pos_ in ("NOUN", "PROPN") and t.lemma_.lower() in vocab.words("weapon_nouns") and not weapon_in_action(t)


@check("subhead", stage="trigger")
def _subhead(c: Coding) -> bool:
    return is_subhead(c.sent)


@check("habitual", stage="trigger")
def _habitual(c: Coding) -> bool:
    return is_habitual(c.trigger)


@check("present_habit", stage="trigger")
def _present_habit(c: Coding) -> bool:
    return present_habit(c.trigger)


@check("tally_over_years", stage="trigger")
def _tally_over_years(c: Coding) -> bool:
    """A tally over years; but not an act its own clause dates to the day ("killed 130 people in
    Paris on Nov. 13, the bloodiest of the attacks of the past two years": the years are the comparison's)."""
    return aggregate_over_years(c.ctx, c.sent) and not dated_to_the_day(c.ctx, c.trigger, c.sent)


@check("background_clause", stage="trigger")
def _background(c: Coding) -> bool:
    """Scene-setting; but a noun that names people who were there, at the time of the news,
    reports them ("shot dead 11 people during protests": the protest happened)."""
    concurrent = c.cls.noun_names_participants and c.trigger.head.lower_ in vocab.words("concurrent_prepositions")
    return background_clause(c.trigger) and not concurrent and not harmed_in(c.trigger)


@check("unrealised", stage="trigger")
def _unrealised(c: Coding) -> bool:
    """Planned, threatened, expected, negated, denied, asked, conditional: see modality.py.
    A noun of a class that names people who were there keeps them there whatever the mood
    over it ("police fired tear gas to disperse protesters"), unless it is negated, asked
    or denied; a noun of the gathering itself only under a purpose ("to break up a march"),
    not a plan ("unions will hold a march"). An attempt that was made is a fight."""
    reason = unrealised_reason(c.trigger)
    if reason is None:
        return False
    if c.cls.noun_names_participants and c.trigger.pos_ != "VERB":
        if c.lemma in vocab.words("participant_nouns") and reason not in ("negation", "question", "denial"):
            return False
        if reason == "infinitive":
            return False
    if c.cls.sub_event_type == "Agreement" and reason in ("infinitive", "plan") and agreed(c.trigger):
        return False  # "agreed to hand over their weapons under a deal": the agreeing is the event
    return not c.tried


@check("object_named", stage="trigger", listed=True)
def _object_not_named(c: Coding) -> bool:
    """'slowed an offensive', 'resumed its assault': only with one of the class's `objects`."""
    return not has_object(c.trigger, c.cls.objects)


@check("destination_named", stage="trigger", listed=True)
def _no_destination(c: Coding) -> bool:
    """Forces moved somewhere named ('sent brigades to the Pokrovsk sector', 'crossed into
    Masisi', 'withdrew from Zinjibar'); not 'moved from house to house', 'rushed to evacuate'."""
    return not names_destination(c.ctx, c.trigger, c.sent)


@check("fighting_reported", stage="trigger", listed=True)
def _fighting_not_reported(c: Coding) -> bool:
    return not reports_fighting(c.ctx, c.trigger)


# --- stage "roles": the sides the parse gives ----------------------------------------------


@check("in_the_air", stage="roles", listed=True)
def _not_in_the_air(c: Coding) -> bool:
    """A bare 'strike' is an air strike only in the air: aircraft in the sentence or the
    article, or an agent of the class's agent types (a labour strike, a strike on goal are not)."""
    if c.lemma in c.cls.air_only_lemmas and struck_by_a_ground_weapon(c.trigger):
        return True  # "the market was struck by a bombing": the bombing is the event
    return c.lemma in c.cls.air_only_lemmas and not (airborne(c.span, c.agent, c.cls.agent_types)
                                                     or in_an_air_war(c.ctx, c.agent, c.cls.agent_types))


def struck_by_a_ground_weapon(trigger: Token) -> bool:
    """'was struck by a market bombing', 'a car bomb struck a checkpoint': a verb of striking said
    of a weapon on the ground (ground_weapon_nouns) with no aircraft in its own phrase."""
    if trigger.pos_ != "VERB":
        return False
    by = next((ch for ch in trigger.children if ch.dep_ == "agent"), None)
    doers = [ch for ch in (by.children if by is not None else trigger.children) if ch.dep_ in ("pobj", "nsubj")]
    return any(d.lemma_.lower() in vocab.words("ground_weapon_nouns")
               and not any(t.lemma_.lower() in vocab.words("airborne_words") for t in d.subtree) for d in doers)


@check("attackers_own_dead", stage="trigger")
def _attackers_own_dead(c: Coding) -> bool:  # "The bomber was also killed": a toll of the incident before
    return c.cls.generic and c.trigger.pos_ == "VERB" and attackers_own_death(c.trigger)


@check("generic_mention", stage="roles")
def _generic(c: Coding) -> bool:
    return generic_mention(c.trigger, c.agent, c.patient)


# --- stage "sides": the sides named --------------------------------------------------------


@check("battle_without_sides", stage="sides")
def _battle_without_sides(c: Coding) -> bool:
    """A battle needs a side: "heavy fighting" with nobody named or known is no row."""
    return c.event_type == "Battles" and c.a1 is None and c.a2 is None


@check("nobody_fought", stage="roles", listed=True)
def _nobody_fought(c: Coding) -> bool:
    """"Gunmen stormed a boarding school", "fighters who raided a village": with no armed side
    there, nobody fought; what was done to the people there (abducted, raped, killed) is the event,
    coded by its own words."""
    if c.patient is not None or c.trigger.pos_ != "VERB" or c.tried:
        return False  # "tried to storm the village": met resistance
    obj = next((ch for ch in c.trigger.children if ch.dep_ == "dobj"), None)
    places = vocab.words("settlement_nouns") | vocab.words("civilian_site_nouns")
    if obj is None or obj.lemma_.lower() not in places:
        return False
    named = any(t.dep_ == "pobj" and t.head.lower_ == "of" and t.head.head.i == obj.i and t.pos_ == "PROPN" for t in obj.subtree)
    # "the village of Tal Afar": ground a side holds; "a village near Wad Madani": its people
    return not named and not any(t.lemma_.lower() in vocab.words("armed_target_nouns") for t in obj.subtree)


@check("truce_in_force", stage="trigger", listed=True)
def _not_a_truce(c: Coding) -> bool:
    """'came into force', 'took effect' is an agreement only said of a truce or a deal ('the new
    tax took effect' is none); 'agreed', 'brokered' only as a truce's participle with its own day
    ('a ceasefire brokered by the U.S. and Russia on Feb 27')."""
    return truce_in_force(c.trigger) is None


@check("development_without_actor", stage="sides")
def _development_without_actor(c: Coding) -> bool:
    """"the U.S. withdrawal" with nobody named acting: nothing to code (but a grave found is,
    whoever dug it: `needs_actor` false)."""
    return c.event_type == "Strategic developments" and c.a1 is None and c.cls.needs_actor


@check("armed_actor", stage="sides", listed=True)
def _unarmed_actor(c: Coding) -> bool:
    """An aid agency halting its operations is not a conflict event: the actor must be armed."""
    return c.actor1 is not None and not is_armed(c.actor1)


# --- stage "dated" ---------------------------------------------------------------------------


@check("known_only_to_the_year", stage="dated")
def _known_only_to_the_year(c: Coding) -> bool:
    """History dated only to a year ("seized Goma in 2012", "protests that began in 2019"): no ACLED row."""
    event_date, _, year = c.date
    return c.own_date and event_date is None and year is not None


# --- not political violence (`not_political.py`) and not news of now (`modality.py`) --------


@check("plot_or_drill", stage="trigger")
def _plot_or_drill(c: Coding) -> bool:
    """A film's or a novel's plot, a drill or an exercise: nothing happened."""
    return framed_as_fiction(c.trigger) or simulated(c.trigger)


@check("reaction_or_remembrance", stage="trigger")
def _reaction_or_remembrance(c: Coding) -> bool:
    """An event named only as what is condemned, mourned or remembered."""
    return reaction_to(c.trigger) is not None


# 'arrested in connection with the killing': what an inquiry or a case is about
trigger_check("inquiry_subject", inquiry_into)


@check("side_described", stage="trigger")
def _side_described(c: Coding) -> bool:
    """'officials fighting Islamic State said': what a side does, not what it did. (A crowd
    'protesting' is there: nouns naming participants keep them; 'forces battling IS in
    Anbar' fight at a place: that is news.)"""
    if not role_description(c.trigger) or c.cls.noun_names_participants:
        return False
    # the noun described is a side: a name, a pronoun, people in the plural or an actor
    # ('an attack killing 20' tells an event)
    head = c.trigger.head
    if not (head.pos_ in ("PROPN", "PRON") or head.tag_ in ("NNS", "NNPS") or head.i in c.ctx.actor_at):
        return False
    start, end = c.trigger.idx, c.trigger.right_edge.idx + len(c.trigger.right_edge)
    return not any(start <= place["start"] < end for place in c.ctx.places_in(c.sent))


# 'fought the state for five decades', 'has besieged the town for months'
trigger_check("long_stretch", long_duration)


@check("habit_or_campaign", stage="trigger")
def _habit_or_campaign(c: Coding) -> bool:
    """'continued shelling', 'daily air strikes', 'repeated raids': a habit or a campaign,
    not one event. (A 'weekly protest' held on Friday is one.)"""
    return habit_modified(c.trigger) and not c.cls.noun_names_participants


trigger_check("sport_talk", sport_sense)


@check("figurative_use", stage="trigger")
def _figurative_use(c: Coding) -> bool:
    """'demonstrated its intent', 'battling the political system': another sense. (Marching
    or rioting against a reform or a law is no figure of speech: a protest's target is
    often a policy.)"""
    why = figurative_use(c.trigger)
    return why is not None and not (why == "figurative-object" and c.cls.event_type in PROTEST_TYPES)


# Event types whose acts are aimed at policies as often as at people.
PROTEST_TYPES = frozenset({"Protests", "Riots"})


@check("non_violent_cause", stage="trigger")
def _non_violent_cause(c: Coding) -> bool:
    """Killed or hurt by an illness, a disaster, an accident, a mishap, an animal or poison."""
    return non_violent_cause(c.trigger) is not None


trigger_check("animals_harmed", animals_harmed)


# 'this map is striking': a trigger word that describes
trigger_check("quality_word", quality_word)


@check("regional_total", stage="trigger")
def _regional_total(c: Coding) -> bool:
    """A toll over three countries or more: a regional total."""
    return spread_over_countries(c.ctx, c.trigger)


@check("private_crime", stage="roles", listed=True)
def _private_crime(c: Coding) -> bool:
    """Harm in private life or for gain by no armed side ('shot his wife', 'killed by
    robbers', 'a driver accused of rape')."""
    return private_crime(c.ctx, c.trigger, c.agent) is not None


@check("ordinary_arrest", stage="roles", listed=True)
def _ordinary_arrest(c: Coding) -> bool:
    """An arrest that is law enforcement, not politics (ACLED codes political arrests only)."""
    return ordinary_arrest(c.ctx, c.trigger)


@check("period_total", stage="dated")
def _period_total(c: Coding) -> bool:
    """A toll over a war or a period ('the war has killed 250,000', 'killed 1,200 in the past
    three months'), unless the clause gives the day of one event."""
    _, time_precision, _ = c.date
    if c.own_date and time_precision == 1:
        return False
    return period_total(c.trigger, fatalities_in(c.sent, c.trigger)) is not None


@check("undated_background", stage="dated")
def _undated_background(c: Coding) -> bool:
    """An earlier event told in the past perfect with no time of its own ('after U.S. strikes
    had knocked out its air defences'): background, which no date the story gives would fit."""
    return not c.own_date and background_past(c.trigger)


@check("acts_in_general", stage="dated")
def _acts_in_general(c: Coding) -> bool:
    """Acts in general with no time of their own ('a launchpad for recent bombings in the
    capital', 'like previous attacks'): background, no one event."""
    return not c.own_date and acts_in_general(c.trigger)


@check("learned_no_event", stage="dated")
def _learned_no_event(c: Coding) -> bool:
    """The learned classifier (classifier.py) reads the sentence as reporting no event: an
    outbreak that "killed 80", an accident, crime, sport, a war-wide total, a condemnation,
    where a trigger word alone cannot tell. Last of all checks, so it reads only the
    sentences that every rule let through."""
    return c.cls.learned_veto and sentence_none_probability(span_text(c.sent)) >= settings.EVENT_VETO_NONE_PROBABILITY


# --- what the checks read --------------------------------------------------------------------


def in_an_air_war(ctx: ArticleContext, agent: dict | None, agent_types: frozenset[str]) -> bool:
    """A story of an air war makes a bare 'strike' or 'bombing' an air strike, unless the sentence
    names a doer of a kind that does not fly ("a market bombing by the Islamic State")."""
    return ctx.air_war and (agent is None or agent.get("canonical") is None or agent.get("type") in agent_types)


def airborne(span: Span, agent: dict | None, agent_types: frozenset[str]) -> bool:
    """Is the attack in this sentence from the air: aircraft named, or carried out by a
    side of the types that fly (states and coalitions)?"""
    words = {t.lemma_.lower() for t in sent_of(span.root)}
    if words & vocab.words("airborne_words"):
        return True
    return agent is not None and agent.get("type") in agent_types


def names_destination(ctx: ArticleContext, trigger: Token, sent: Span) -> bool:
    """A 'to', 'into', 'toward' or 'from' phrase of the trigger or its object that names a place,
    a piece of ground, or a place name the gazetteer may not know."""
    places = ctx.places_in(sent)
    for prep in trigger.subtree:
        if prep.dep_ != "prep" or prep.lower_ not in vocab.words("direction_prepositions"):
            continue
        if any(h.pos_ in ("VERB", "AUX") for h in prep.ancestors if h.i != trigger.i and trigger in h.ancestors):
            continue  # "rushed to evacuate people from Punjab": the place is another verb's
        named = [w for o in prep.children if o.dep_ == "pobj" for w in (o, *o.children) if w.dep_ in ("pobj", "compound", "amod")]
        for w in named:  # the phrase's own noun and its modifiers, not phrases hung on it
            if w.lemma_.lower() in vocab.words("territory_nouns") or any(p["start"] <= w.idx < p["end"] for p in places):
                return True
            if w.ent_type_ in ("GPE", "LOC", "FAC") and w.i not in ctx.actor_at:
                return True  # "to the Pokrovsk sector": a name the gazetteer may not know
    return False


def reports_fighting(ctx: ArticleContext, trigger: Token) -> bool:
    """Fighting as the thing reported, not as background ('during lulls in fighting').

    A noun after a preposition sets the scene; the verb 'fight' needs a side to fight
    ('fought over bags of flour' is not a battle).
    """
    if trigger.pos_ == "NOUN" and trigger.dep_ == "pobj":
        # "killed in clashes", and any fight the dead died in ("died in an ambush": no killing verb
        # there to tell the event by; "killed in a raid" is told by "killed")
        prep = trigger.head
        dying = vocab.words("undergo_verbs") & vocab.words("killing_words")
        return harmed_in(trigger) or (prep.lower_ == "in" and prep.head.lemma_.lower() in dying)
    if trigger.pos_ == "NOUN" and trigger.dep_ in ("dobj", "nsubjpass") and trigger.head.lemma_.lower() in vocab.words("battle_frame_verbs"):
        return False
    if trigger.lemma_.lower() == "fight" and trigger.pos_ == "VERB":
        for child in trigger.children:
            if child.dep_ == "dobj" or (child.dep_ == "prep" and child.lower_ in ("against", "with", "alongside", "between")):
                return True
            if child.dep_ == "nsubj" and child.conjuncts and all(_armed_noun(ctx, t) for t in (child, *child.conjuncts)):
                return True  # "Fano militiamen and federal troops fought": both sides named (not "militants and families")
        return False
    return True


def _armed_noun(ctx: ArticleContext, tok: Token) -> bool:
    """Does the noun name an armed side: a known one, or armed people by their kind?"""
    side = ctx.actor_of(tok)
    armed_words = vocab.words("armed_units") | vocab.words("unnamed_armed")
    return (side is not None and is_armed(side)) or tok.lemma_.lower() in armed_words


def generic_mention(trigger: Token, agent: dict | None, patient: dict | None) -> bool:
    """A bare plural with nobody named ('urban bombings', 'attacks in European capitals')."""
    if agent is not None or patient is not None:
        return False
    if trigger.pos_ != "NOUN" or trigger.tag_ != "NNS":
        return False
    struck = vocab.words("harm_verbs") | {"hit", "rock", "strike"}
    if trigger.dep_ in ("nsubj", "nsubjpass") and trigger.head.lemma_.lower() in struck:
        return False  # "Blasts in Kirkuk kill two people": these blasts did something
    if any(ch.dep_ == "relcl" and ch.lemma_.lower() in struck for ch in trigger.children):
        return False  # "air strikes that hit a hospital in Aleppo": these strikes, told by what they did
    if trigger.dep_ in ("nsubj", "nsubjpass") and trigger.lemma_.lower() in vocab.words("weapon_nouns") and weapon_in_action(trigger):
        return False  # "rockets slammed into Kabul": these rockets did something
    if trigger.dep_ == "nsubj" and trigger.lower_ in vocab.words("firing_aircraft") and trigger.head.lemma_.lower() in vocab.words("weapon_subject_verbs"):
        return False  # "Warplanes pounded the outskirts of Idlib": these aircraft struck
    if trigger.dep_ == "pobj" and trigger.head.lower_ == "of" and trigger.head.head.lemma_.lower() in vocab.words("series_nouns"):
        return False  # "a series of bombings in Baghdad": these bombings, counted
    if (trigger.dep_ == "pobj" and trigger.head.lower_ == "with" and trigger.head.head.lemma_.lower() in vocab.words("harm_verbs")) or (
            trigger.dep_ == "nsubjpass" and trigger.head.lemma_.lower() in vocab.words("weapon_object_verbs")):
        return False  # "attacked their positions with gas grenades", "gas canisters were dropped on the town"
    if trigger.dep_ == "pobj" and trigger.head.lower_ == "in" and killed_in(trigger.head.head):
        return False  # "51 killed in Baghdad bombings", "killed 29 militants in air strikes": what killed them
    if any(c.dep_ in ("compound", "amod") and (c.pos_ == "PROPN" or c.ent_type_ in ("GPE", "LOC")) for c in trigger.children) \
            and any(t.lemma_.lower() in vocab.words("killing_words") for t in trigger.sent):
        return False  # "Baghdad bombings: at least 20 dead", "Death toll from Iraq bombings rises": the place's, counted
    return not any(c.dep_ in ("det", "nummod", "poss") for c in trigger.children)


def background_clause(trigger: Token) -> bool:
    """Scene-setting, not the report: 'since IS's declared defeat', 'after capturing Mosul in 2014',
    'charged with acting ... by plowing a truck'."""
    first = trigger
    while first.dep_ == "conj" and first.head.i != first.i and first.head.tag_ == "VBG":
        first = first.head  # "aimed at killing and capturing its leaders": both are the purpose
    if trigger.tag_ == "VBG" and first.dep_ == "pcomp":
        return not alleged_act(first)
    tok = trigger
    for _ in range(4):
        if tok.dep_ == "pobj" and tok.head.lower_ in vocab.words("background_prepositions") and trigger.pos_ == "NOUN":
            return True
        if tok.head.i == tok.i or tok.dep_ in ("ROOT",):
            break
        if tok.pos_ == "VERB" and tok.dep_ not in ("advcl", "relcl", "acl", "xcomp", "conj"):
            break
        tok = tok.head
    return False


@per_sentence
def is_subhead(sent: Span) -> bool:
    letters = [c for c in span_text(sent) if c.isalpha()] if len(sent) <= settings.SUBHEAD_MAX_TOKENS else []
    return bool(letters) and all(c.isupper() for c in letters)


YEARS_SPAN = re.compile(r"\b(?:from|between) (?:19|20)\d\d (?:to|and|until) (?:19|20)\d\d\b|\bsince (?:19|20)\d\d\b|\bover the (?:past|last) (?:\w+ )?(?:years|decades?)\b")


def aggregate_over_years(ctx: ArticleContext, sent: Span) -> bool:
    """'from 2014 to 2017': a tally over years, not one event."""
    if YEARS_SPAN.search(span_text(sent)):
        return True
    for t in ctx.timexes_in(sent):
        if t.get("date") and t.get("end_date"):
            try:
                if (date.fromisoformat(t["end_date"]) - date.fromisoformat(t["date"])).days > settings.TALLY_MIN_DAYS:
                    return True
            except ValueError:
                continue
    return False


def inside_name(ctx: ArticleContext, span: Span) -> bool:
    """A trigger word inside a name ('Mine Action Service', 'Operation Inherent Resolve') is no trigger."""
    for ent in doc_ents(span.doc):
        if ent.start <= span.start and span.end <= ent.end and ent.label_ in ("ORG", "FAC", "WORK_OF_ART", "EVENT", "LAW", "PRODUCT"):
            # a common noun capitalised only because it opens the sentence ("Warplanes pounded ..."),
            # which the small model takes for a name, is no name
            return not (ent.start == span.start and ent.end == span.end and span[0].is_sent_start)
    return False
