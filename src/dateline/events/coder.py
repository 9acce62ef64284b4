"""The event coder: ACLED-style events from the annotated article, each with evidence.

For every trigger the lexicon finds, in order:
1. keep it only if the event happened (modality: no plans, threats, negations,
   questions, conditionals, habitual history);
2. find the acting and the acted-on side (roles), fall back to the speaker or the
   article's main sides when the sentence leaves them implicit;
3. settle the sub-event type that depends on the sides (a capture by the state is
   "Government regains territory"; an attack on civilians is violence against
   civilians, on fighters a clash);
4. place it (the place the trigger's clause names, else the sentence's, else the
   paragraph's, else the article's focus place, else the country), date it (the
   sentence's own time expression, else the article's reference time), count its
   dead, attribute it, and keep the sentence as evidence;
5. fold repeated mentions of one event (same type, sides, place and date) into one.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from .. import vocab
from ..language.actors import actor_for_role
from ..language.doccache import drop as drop_cache
from ..language.doccache import sent_of
from .attribution import speaker_for
from .checks import (
    aggregate_over_years,
    background_clause,
    describes_a_thing,
    generic_mention,
    has_object,
    inside_name,
    is_subhead,
    reports_fighting,
    weapon_in_action,
)
from .coding import Candidate
from .context import AIR_TYPES, ArticleContext, is_armed
from .dating import date_for
from .fatalities import fatalities_in
from .folding import drop_totals, fold, select
from .incidents import assemble
from .lexicon import TriggerClass, TriggerIndex, load_classes
from .locate import BROAD_FEATURES, locate
from .modality import attempted, is_habitual, present_habit, unrealised_reason
from .naming import actor_name, civilians_of, government_of, police_of, unidentified_of
from .notes import note_for
from .resolve import airborne, armed_target_named, civilian_victims, names_territory, weapon_of_context
from .roles import _child, agent_and_patient
from .row import build_event
from .sides import SPEAKER_ACTS, claimant_of, side_name, side_of_speaker, victims_are


class EventCoder:
    def __init__(self, nlp: Language, name: str = "dateline_events") -> None:
        self.name = name
        self.index = TriggerIndex()
        self.classes, _ = load_classes()

    def __call__(self, doc: Doc) -> Doc:
        ctx = ArticleContext.of(doc)
        candidates: list[Candidate] = []
        for cls, span in self.triggers(doc):
            cand = self.code(ctx, cls, span)
            if cand is not None:
                candidates.append(cand)
        events = drop_totals(assemble(fold(select(candidates))), ctx)
        for ev in events:
            ev.pop("_undated", None)
            ev.pop("_guessed_actor1", None)
            ev.pop("_guessed_actor2", None)
            ev.pop("_anaphoric", None)
        doc._.events = events
        drop_cache(doc)
        return doc

    def _protest(self, ctx, cls, span, trigger, sent, quote, speaker_actor) -> Candidate | None:
        """Protesters are actor1 of a protest; police breaking it up make it a protest with
        intervention, killing protesters makes it excessive force (the police acting)."""
        marcher = next((c for c in trigger.children if c.dep_ in ("nsubj", "poss")), None)
        side = ctx.actor_of(marcher) if marcher is not None else None
        if marcher is not None and marcher.lower_ in ("their", "its", "his"):
            # "In their march toward Raqqa, the SDF has ...": the pronoun looks ahead to the
            # clause's subject, else back to the side the story was telling about.
            side = ctx.actor_of(_child(sent.root, {"nsubj", "nsubjpass"})) or ctx.last_actor1
        if side is not None and is_armed(side):
            return None  # troops marching on a town ("their march toward Raqqa") are not protesters
        place, geo_precision = locate(ctx, trigger, sent)
        iso2 = place.get("country_code") if place else ctx.focus_country
        protesters = actor_for_role("protesters", iso2) if iso2 else "Protesters"
        lemmas = {t.lemma_.lower() for t in sent}
        force = next((a for a in ctx.actors_in(sent) if a.get("type") in ("police", "state")), None)
        force_name = side_name(force, iso2) if force else police_of(iso2)
        killed = bool(lemmas & {"kill", "dead", "die", "death"}) or fatalities_in(sent, trigger)
        if killed:  # protesters killed: by the police unless the text names another force
            sub, a1, a2 = "Excessive force against protesters", force_name, protesters
        elif lemmas & vocab.words("intervention_words"):
            sub, a1, a2 = "Protest with intervention", protesters, force_name
        else:
            sub, a1, a2 = cls.sub_event_type, protesters, None
        (event_date, time_precision, year), own_date = date_for(ctx, trigger, sent)
        if own_date and event_date is None and year is not None:
            return None  # "protests that began in 2019": history known only to the year
        event = build_event(ctx, cls, span, sent, "Protests", sub, a1, a2, place, geo_precision, iso2,
                            event_date, time_precision, year, own_date)
        event["fatalities"] = fatalities_in(sent, trigger) if sub == "Excessive force against protesters" else None
        cand = Candidate(cls, trigger, sent, event, cls.priority, quote, side_name(speaker_actor, iso2), ctx.agency)
        cand.attribute()
        event["notes"] = note_for(event)
        return cand

    def triggers(self, doc: Doc) -> list[tuple[TriggerClass, Span]]:
        """Lexicon matches, dropping any inside a longer match ('artillery' in 'air and artillery strikes')."""
        found = [(self.classes[name], doc[s:e]) for name, s, e in self.index.find(doc)]
        kept = []
        for cls, span in found:
            inside_longer = any(
                other.start <= span.start and span.end <= other.end and (other.end - other.start) > (span.end - span.start)
                for _, other in found
            )
            if not inside_longer:
                kept.append((cls, span))
        return sorted(kept, key=lambda item: (item[1].start, item[1].end))

    # ------------------------------------------------------------------
    def code(self, ctx: ArticleContext, cls: TriggerClass, span: Span) -> Candidate | None:
        trigger = span.root
        sent = sent_of(trigger)
        if inside_name(ctx, span) or span.start_char < ctx.body_start or describes_a_thing(trigger):
            return None
        if trigger.pos_ in ("NOUN", "PROPN") and trigger.lemma_.lower() in vocab.words("weapon_nouns") and not weapon_in_action(trigger):
            return None
        if is_subhead(sent) or is_habitual(trigger) or present_habit(trigger) or aggregate_over_years(ctx, sent) or background_clause(trigger):
            return None
        reason = unrealised_reason(trigger)
        if reason not in (None, "negation", "question") and cls.resolve == "protest" and trigger.pos_ != "VERB":
            reason = None  # "police fired tear gas to disperse protesters": the protesters were there
        # "tried to overrun the enclave", "attempted to storm the base": the fight happened
        tried = (cls.resolve == "territory" or cls.name == "clash") and attempted(trigger)
        if reason is not None and not tried:
            return None
        if cls.objects and not has_object(trigger, cls.objects):
            return None
        if cls.name == "clash" and not reports_fighting(ctx, trigger):
            return None
        sub_event = cls.sub_event_type
        event_type = cls.event_type
        if cls.name == "blast":
            sub_event = weapon_of_context(ctx, sent)
        quote = speaker_for(sent, ctx.quotes)
        speaker_actor = side_of_speaker(ctx, quote)
        agent, patient, undergo = agent_and_patient(trigger, ctx, speaker_actor)
        claimant = claimant_of(ctx, sent)
        if agent is None and claimant is not None and cls.name != "change":
            agent = claimant  # "X claimed responsibility for a truck attack that killed eight"

        if cls.name == "remote_explosive" and trigger.lemma_.lower() == "bombing" and (airborne(span, agent) or ctx.air_war):
            # "the U.S. bombing of Raqqa", "bombing raids by warplanes": from the air
            cls = self.classes["air_strike"]
            event_type, sub_event = cls.event_type, cls.sub_event_type
        if cls.resolve == "territory":
            if tried:  # "as they attempted to overrun the enclave": the fight, not a capture
                event_type, sub_event = "Battles", "Armed clash"
            elif not names_territory(ctx, trigger, sent):
                return None
        victims_civilian = civilian_victims(ctx, trigger, patient)
        if cls.resolve == "victims":
            if victims_civilian:
                event_type, sub_event = "Violence against civilians", "Attack"
            elif patient is not None and is_armed(patient):
                event_type, sub_event = "Battles", "Armed clash"
            elif patient is None and agent is not None and is_armed(agent) and armed_target_named(trigger):
                # "IS attack on a police station kills three": the post's defenders were hit
                event_type, sub_event = "Battles", "Armed clash"
            else:
                return None  # a bare "attack" or "killed" with nobody named is too vague
        if cls.resolve == "protest":
            return self._protest(ctx, cls, span, trigger, sent, quote, speaker_actor)
        if cls.name == "air_strike" and trigger.lemma_.lower() == "strike" and not (airborne(span, agent) or ctx.air_war):
            return None
        if generic_mention(trigger, agent, patient):
            return None

        # The acting side: the parse's agent; for a strike from the air, the state or
        # coalition the article names; for acts a side announces, the speaker's side;
        # else the armed side last named.
        actor1 = agent
        if cls.name == "air_strike" and (actor1 is None or actor1.get("type") not in AIR_TYPES):
            actor1 = ctx.main_air_power(exclude=patient["canonical"] if patient else None) or actor1
        if (
            actor1 is None and speaker_actor is not None and cls.name in SPEAKER_ACTS
            and is_armed(speaker_actor)
            and not victims_are(ctx, trigger, speaker_actor)
        ):
            actor1 = speaker_actor  # the side that announces its own act
        guessed = guessed2 = False
        if actor1 is None and cls.name in ("capture", "clash"):
            actor1 = ctx.previous_actor(trigger.idx, exclude=patient["canonical"] if patient else None)
            guessed = actor1 is not None
        elif actor1 is None and cls.name == "shelling" and not victims_civilian:
            # shells with no side named: the side the article says fires them most, not the
            # last one mentioned ("Ugandan police said ... The shells fell near the market")
            main = ctx.main_adversary(patient["canonical"] if patient else None)
            actor1 = next((a for a in ctx.actors if a["canonical"] == main), None) if main else None
            guessed = actor1 is not None
        if undergo and patient is not None and agent is None:
            actor1 = None
        actor2 = patient
        place, geo_precision = locate(ctx, trigger, sent)
        if place is not None and place.get("feature") not in BROAD_FEATURES:
            ctx.last_place = (place, geo_precision)
        country_code = place.get("country_code") if place else ctx.focus_country

        a1 = side_name(actor1, country_code)
        a2 = side_name(actor2, country_code)
        if event_type == "Violence against civilians" and (a2 is None or not a2.startswith("Civilians")):
            a2 = civilians_of(country_code)
        if a1 is None and (event_type == "Violence against civilians" or (event_type == "Explosions/Remote violence" and victims_civilian)):
            a1 = unidentified_of(country_code)
        if event_type == "Battles" or (event_type == "Explosions/Remote violence" and cls.name not in ("demolition",)):
            if a1 is None and a2:
                adversary = ctx.main_adversary(actor2["canonical"] if actor2 else None)
                a1 = actor_name(adversary, country_code) if adversary else None
            if a2 is None and a1:
                adversary = ctx.main_adversary(actor1["canonical"] if actor1 else None)
                a2 = actor_name(adversary, country_code) if adversary else None
                guessed2 = a2 is not None
        if a1 is not None and a1 == a2:
            a2 = None
        if cls.resolve == "territory" and not tried:
            sub_event = (
                "Government regains territory"
                if actor1 is not None and actor1.get("type") in ("state", "police", "international")
                else "Non-state actor overtakes territory"
            )
        if a1 is None and event_type == "Explosions/Remote violence" and agent is None:
            # A bomb or a shell nobody is named for (an unnamed bomber is already the parse's agent,
            # an unidentified side, see roles.unnamed_side).
            a1 = unidentified_of(country_code)
        if event_type == "Battles" and a1 is None and a2 is None:
            return None
        if event_type == "Battles" and a1 is None:
            a1 = unidentified_of(country_code)  # "29 militants killed in raids": by a side not named
        if sub_event == "Arrests" and a1 is None:
            # charged or indicted in court: the state's prosecutors, not the police who arrest
            a1 = government_of(country_code) if trigger.lemma_.lower() in vocab.words("judicial_verbs") else police_of(country_code)
        if event_type == "Strategic developments" and a1 is None:
            return None  # "the U.S. withdrawal" with nobody named acting: nothing to code
        if cls.name in ("pause_offensive", "change", "disrupted", "base") and actor1 is not None and not is_armed(actor1):
            return None  # an aid agency halting its operations is not a conflict event
        if actor1 is not None and actor1.get("canonical"):
            ctx.last_actor1 = actor1

        (event_date, time_precision, year), own_date = date_for(ctx, trigger, sent)
        if own_date and event_date is None and year is not None:
            return None  # history known only to the year ("seized Goma in 2012"): no ACLED row
        event = build_event(ctx, cls, span, sent, event_type, sub_event, a1, a2, place, geo_precision, country_code,
                            event_date, time_precision, year, own_date)
        if event_type != "Strategic developments":
            event["fatalities"] = fatalities_in(sent, trigger)
        event["_guessed_actor1"] = guessed
        event["_guessed_actor2"] = guessed2
        event["_anaphoric"] = trigger.pos_ == "NOUN" and any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in trigger.children)
        cand = Candidate(cls, trigger, sent, event, cls.priority, quote, side_name(speaker_actor, country_code), ctx.agency)
        cand.attribute()
        event["notes"] = note_for(event)
        return cand


@Language.factory("dateline_events")
def make_event_coder(nlp, name):  # no annotations: spaCy validates factory signatures at run time
    return EventCoder(nlp, name)
