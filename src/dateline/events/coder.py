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

import re
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from . import merge
from .. import settings, vocab
from .attribution import CLAIMED_ACT, attribute, speaker_for
from ..language.doccache import drop as drop_cache
from ..language.doccache import ents as doc_ents
from ..language.doccache import sent_of
from ..language.doccache import text as doc_text
from .context import AIR_TYPES, PRECISION_CODE, ArticleContext, is_armed
from .fatalities import fatalities_in
from .incidents import assemble
from .lexicon import TriggerClass, TriggerIndex, load_classes
from .modality import attempted, is_habitual, present_habit, unrealised_reason
from ..language.actors import actor_for_role
from .naming import actor_name, civilians_of, country_name_of, government_of, police_of, unidentified_of
from .notes import note_for
from .roles import _child, _prep_object, agent_and_patient

BROAD_FEATURES = {"country", "region", "province", "governorate", "admin1", "state", "continent", "river", "admin2", "district"}


# Acts a side announces itself: when the sentence names no actor, the speaker's side acted.
SPEAKER_ACTS = {"capture", "clash", "shelling", "air_strike", "pause_offensive", "change", "arrest", "disrupted"}
# Generic words that kill or attack, absorbed by a specific trigger in the same sentence.
GENERIC_CLASSES = {"attack", "blast"}


@dataclass
class Candidate:
    cls: TriggerClass
    trigger: Token
    sent: Span
    event: dict
    priority: int
    quote: dict | None = None
    speaker_side: str | None = None
    agency: str | None = None

    def attribute(self) -> None:
        self.event["attribution"], self.event["source"] = attribute(
            self.sent, self.event, self.quote, self.speaker_side, self.agency
        )


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
        force_name = _side_name(force, iso2) if force else police_of(iso2)
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
        event = self._event(ctx, cls, span, sent, "Protests", sub, a1, a2, place, geo_precision, iso2,
                            event_date, time_precision, year, own_date)
        event["fatalities"] = fatalities_in(sent, trigger) if sub == "Excessive force against protesters" else None
        cand = Candidate(cls, trigger, sent, event, cls.priority, quote, _side_name(speaker_actor, iso2), ctx.agency)
        cand.attribute()
        event["notes"] = note_for(event)
        return cand

    def _event(self, ctx, cls, span, sent, event_type, sub_event, a1, a2, place, geo_precision, iso2,
               event_date, time_precision, year, own_date) -> dict:
        ev_start = max(sent.start_char, ctx.body_start)
        event = {
            "event_date": event_date,
            "time_precision": time_precision,
            "event_type": event_type,
            "sub_event_type": sub_event,
            "actor1": a1,
            "actor2": a2,
            "location": location_name(place),
            "location_resolved": place.get("resolved") if place else None,
            "country": country_name_of(iso2, place),
            "admin1": place.get("admin1") if place else None,
            "latitude": place.get("latitude") if place else None,
            "longitude": place.get("longitude") if place else None,
            "geo_precision": geo_precision,
            "fatalities": None,
            "attribution": "reported",
            "source": None,
            "evidence": _evidence(sent, ev_start),
            "trigger": {"text": span.text, "start": span.start_char, "end": span.end_char, "class": cls.name},
            "_undated": not own_date,
            "_guessed_actor1": False,
        }
        if year is not None:
            event["year"] = year
        event["confidence"] = confidence(cls, event, place_in_sentence=bool(ctx.places_in(sent)), dated=own_date)
        return event

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
        if _inside_name(ctx, span) or span.start_char < ctx.body_start or _describes_a_thing(trigger):
            return None
        if trigger.pos_ in ("NOUN", "PROPN") and trigger.lemma_.lower() in vocab.words("weapon_nouns") and not _weapon_in_action(trigger):
            return None
        if _is_subhead(sent) or is_habitual(trigger) or present_habit(trigger) or _aggregate_over_years(ctx, sent) or _background_clause(trigger):
            return None
        reason = unrealised_reason(trigger)
        if reason not in (None, "negation", "question") and cls.resolve == "protest" and trigger.pos_ != "VERB":
            reason = None  # "police fired tear gas to disperse protesters": the protesters were there
        # "tried to overrun the enclave", "attempted to storm the base": the fight happened
        tried = (cls.resolve == "territory" or cls.name == "clash") and attempted(trigger)
        if reason is not None and not tried:
            return None
        if cls.objects and not _has_object(trigger, cls.objects):
            return None
        if cls.name == "clash" and not _reports_fighting(ctx, trigger):
            return None
        sub_event = cls.sub_event_type
        event_type = cls.event_type
        if cls.name == "blast":
            sub_event = _weapon_of_context(ctx, sent)
        quote = speaker_for(sent, ctx.quotes)
        speaker_actor = _speaker_actor(ctx, quote)
        agent, patient, undergo = agent_and_patient(trigger, ctx, speaker_actor)
        claimant = _claimant(ctx, sent)
        if agent is None and claimant is not None and cls.name != "change":
            agent = claimant  # "X claimed responsibility for a truck attack that killed eight"

        if cls.name == "remote_explosive" and trigger.lemma_.lower() == "bombing" and (_airborne(span, agent) or ctx.air_war):
            # "the U.S. bombing of Raqqa", "bombing raids by warplanes": from the air
            cls = self.classes["air_strike"]
            event_type, sub_event = cls.event_type, cls.sub_event_type
        if cls.resolve == "territory":
            if tried:  # "as they attempted to overrun the enclave": the fight, not a capture
                event_type, sub_event = "Battles", "Armed clash"
            elif not _names_territory(ctx, trigger, sent):
                return None
        victims_civilian = _civilian_victims(ctx, trigger, patient)
        if cls.resolve == "victims":
            if victims_civilian:
                event_type, sub_event = "Violence against civilians", "Attack"
            elif patient is not None and is_armed(patient):
                event_type, sub_event = "Battles", "Armed clash"
            elif patient is None and agent is not None and is_armed(agent) and _armed_target_named(trigger):
                # "IS attack on a police station kills three": the post's defenders were hit
                event_type, sub_event = "Battles", "Armed clash"
            else:
                return None  # a bare "attack" or "killed" with nobody named is too vague
        if cls.resolve == "protest":
            return self._protest(ctx, cls, span, trigger, sent, quote, speaker_actor)
        if cls.name == "air_strike" and trigger.lemma_.lower() == "strike" and not (_airborne(span, agent) or ctx.air_war):
            return None
        if _generic_mention(trigger, agent, patient):
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
            and not _victims_are(ctx, trigger, speaker_actor)
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
        country = country_name_of(country_code, place)

        a1 = _side_name(actor1, country_code)
        a2 = _side_name(actor2, country_code)
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
        event = self._event(ctx, cls, span, sent, event_type, sub_event, a1, a2, place, geo_precision, country_code,
                            event_date, time_precision, year, own_date)
        if event_type != "Strategic developments":
            event["fatalities"] = fatalities_in(sent, trigger)
        event["_guessed_actor1"] = guessed
        event["_guessed_actor2"] = guessed2
        event["_anaphoric"] = trigger.pos_ == "NOUN" and any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in trigger.children)
        cand = Candidate(cls, trigger, sent, event, cls.priority, quote, _side_name(speaker_actor, country_code), ctx.agency)
        cand.attribute()
        event["notes"] = note_for(event)
        return cand




def _weapon_in_action(trigger: Token) -> bool:
    tok = trigger
    while tok.dep_ in ("conj", "appos", "compound") and tok.head.i != tok.i and tok.head.pos_ in ("NOUN", "PROPN"):
        tok = tok.head  # "landmines, car bombs and tunnel ambushes": the list's first item speaks for all
    head = tok.head
    lemma = head.lemma_.lower()
    if tok.dep_ in ("nsubj", "nsubjpass") and lemma in vocab.words("weapon_subject_verbs"):
        return True
    if tok.dep_ == "dobj" and lemma in vocab.words("weapon_object_verbs"):
        return True
    if tok.dep_ == "pobj" and head.lower_ in ("by", "in", "with", "from", "of") and head.head.lemma_.lower() in vocab.words("harm_verbs") | {"attack", "strike"}:
        return True
    if tok.dep_ == "pobj" and head.dep_ == "agent":
        return True
    return False


def _describes_a_thing(trigger: Token) -> bool:
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


def location_name(place: dict | None) -> str | None:
    """The place as the text names it ("al-Qaim", "Deir al-Zor"), the way an analyst reads it;
    the gazetteer's spelling stays in `location_resolved`. Capitals from datelines are tamed."""
    if not place:
        return None
    name = re.sub(r"[’']s$", "", place.get("name") or "").strip()
    if name.isupper() and len(name) > 3:
        name = " ".join(w.capitalize() if not w.startswith("AL-") else "al-" + w[3:].capitalize() for w in name.split())
    return name or place.get("resolved")


def _evidence(sent: Span, start: int) -> dict:
    text = doc_text(sent.doc)[start : sent.end_char].rstrip()
    return {"start": start, "end": start + len(text), "text": text}


def _has_object(trigger: Token, objects: frozenset[str]) -> bool:
    """'slowed an offensive', 'resumed its assault': the object decides."""
    for child in trigger.children:
        if child.dep_ in ("dobj", "nsubjpass", "nsubj", "pobj", "prt", "xcomp") and child.lemma_.lower() in objects:
            return True
        if child.dep_ in ("dobj", "nsubjpass") and any(t.lemma_.lower() in objects for t in child.subtree):
            return True
    return False


def _reports_fighting(ctx: ArticleContext, trigger: Token) -> bool:
    """Fighting as the thing reported, not as background ('during lulls in fighting').

    A noun after a preposition sets the scene; the verb 'fight' needs a side to fight
    ('fought over bags of flour' is not a battle).
    """
    if trigger.pos_ == "NOUN" and trigger.dep_ == "pobj":
        return False
    if trigger.pos_ == "NOUN" and trigger.dep_ in ("dobj", "nsubjpass") and trigger.head.lemma_.lower() in vocab.words("battle_frame_verbs"):
        return False
    if trigger.lemma_.lower() == "fight" and trigger.pos_ == "VERB":
        for child in trigger.children:
            if child.dep_ == "dobj" or (child.dep_ == "prep" and child.lower_ in ("against", "with", "alongside")):
                return True
        return False
    return True


def _generic_mention(trigger: Token, agent: dict | None, patient: dict | None) -> bool:
    """A bare plural with nobody named ('urban bombings', 'attacks in European capitals')."""
    if agent is not None or patient is not None:
        return False
    if trigger.pos_ != "NOUN" or trigger.tag_ != "NNS":
        return False
    if trigger.dep_ in ("nsubj", "nsubjpass") and trigger.head.lemma_.lower() in vocab.words("harm_verbs") | {"hit", "rock", "strike"}:
        return False  # "Blasts in Kirkuk kill two people": these blasts did something
    if trigger.dep_ == "pobj" and trigger.head.lower_ == "of" and trigger.head.head.lemma_.lower() in vocab.words("series_nouns"):
        return False  # "a series of bombings in Baghdad": these bombings, counted
    return not any(c.dep_ in ("det", "nummod", "poss") for c in trigger.children)


def _background_clause(trigger: Token) -> bool:
    """Scene-setting, not the report: 'since IS's declared defeat', 'after capturing Mosul in 2014',
    'charged with acting ... by plowing a truck'."""
    if trigger.tag_ == "VBG" and trigger.dep_ == "pcomp":
        return True
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


def _is_subhead(sent: Span) -> bool:
    letters = [c for c in sent.text if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters) and len(sent) <= settings.SUBHEAD_MAX_TOKENS


YEARS_SPAN = re.compile(r"\b(?:from|between) (?:19|20)\d\d (?:to|and|until) (?:19|20)\d\d\b|\bsince (?:19|20)\d\d\b|\bover the (?:past|last) (?:\w+ )?(?:years|decades?)\b")


def _aggregate_over_years(ctx: ArticleContext, sent: Span) -> bool:
    """'from 2014 to 2017': a tally over years, not one event."""
    from datetime import date as _d

    if YEARS_SPAN.search(sent.text):
        return True
    for t in ctx.timexes_in(sent):
        if t.get("date") and t.get("end_date"):
            try:
                if (_d.fromisoformat(t["end_date"]) - _d.fromisoformat(t["date"])).days > settings.TALLY_MIN_DAYS:
                    return True
            except ValueError:
                continue
    return False


def _inside_name(ctx: ArticleContext, span: Span) -> bool:
    """A trigger word inside a name ('Mine Action Service', 'Operation Inherent Resolve') is no trigger."""
    for ent in doc_ents(span.doc):
        if ent.start <= span.start and span.end <= ent.end and ent.label_ in ("ORG", "FAC", "WORK_OF_ART", "EVENT", "LAW", "PRODUCT"):
            return True
    return False


def _claimant(ctx: ArticleContext, sent: Span) -> dict | None:
    """The side that claims responsibility in this sentence, if any."""
    text = sent.text.lower()
    if "claim" not in text or ("responsibility" not in text and not CLAIMED_ACT.search(sent.text)):
        return None
    for tok in sent:
        if tok.lemma_.lower() == "claim" and tok.pos_ == "VERB":
            subj = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subj is not None and ctx.actor_of(subj) is not None:
                return ctx.actor_of(subj)
    return None


def _speaker_actor(ctx: ArticleContext, quote: dict | None) -> dict | None:
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
    from .roles import UNNAMED_SIDE

    unnamed = vocab.words("unnamed_armed")
    if last_word.rstrip("s") in unnamed or last_word in unnamed:
        return UNNAMED_SIDE
    for actor in ctx.actors:
        names = {actor["text"].lower(), actor["canonical"].lower(), actor["canonical"].split(":")[-1].strip().lower()}
        if any(n and (re.search(r"\b" + re.escape(n) + r"\b", said) or (len(said) > 3 and said in n)) for n in names):
            return actor
    return None


def _names_territory(ctx: ArticleContext, trigger: Token, sent: Span) -> bool:
    """A capture needs a place or a piece of ground as its object."""
    if _seizes_goods(trigger):
        return False  # "seized the tanks from the airfield": hardware, not ground
    if trigger.lemma_.lower() == "take":
        # "took Raqqa", "took control of the town" -- not "was taken to hospital"
        obj = next((c for c in trigger.children if c.dep_ == "dobj"), None)
        if obj is None:
            return False
        if obj.lemma_.lower() in vocab.words("territory_nouns"):
            return True
        return any(p["start"] <= obj.idx < p["end"] for p in ctx.places_in(sent))
    for tok in trigger.subtree:
        if tok.lemma_.lower() in vocab.words("territory_nouns"):
            return True
    trigger_span = range(trigger.left_edge.idx, trigger.right_edge.idx + len(trigger.right_edge))
    for place in ctx.places_in(sent):
        if place["start"] in trigger_span:
            return True
    if trigger.lemma_.lower() == "fall":
        # "Mosul fell", "the fall of Raqqa" -- not "the shells fell near the market"
        subj = next((c for c in trigger.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        of = next((c for c in trigger.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        holder = subj if subj is not None else (next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None)
        if holder is None:
            return False
        return holder.lemma_.lower() in vocab.words("territory_nouns") or any(
            p["start"] <= holder.idx < p["end"] or (holder.left_edge.idx <= p["start"] <= holder.right_edge.idx) for p in ctx.places_in(sent)
        )
    if trigger.dep_ in ("nsubj", "nsubjpass"):
        return any(p for p in ctx.places_in(sent))
    return False


def _seizes_goods(trigger: Token) -> bool:
    """Is what the trigger seizes hardware or goods ("seized the tanks", "equipment captured
    near Palmyra", "the weapons were seized")?"""
    if trigger.pos_ == "NOUN":
        seized = _prep_object(trigger, {"of"})
    elif trigger.dep_ == "acl" and trigger.tag_ == "VBN":
        seized = trigger.head
    else:
        seized = _child(trigger, {"dobj", "nsubjpass"})
    if seized is None:
        return False
    return any(t.lemma_.lower() in vocab.words("seized_goods") for t in (seized, *seized.conjuncts))


def _victims_are(ctx: ArticleContext, trigger: Token, actor: dict) -> bool:
    """Does the sentence name `actor`'s side among those hit ("killing four soldiers, the army said")?"""
    sent = sent_of(trigger)
    for a in ctx.actors:
        if a["canonical"] == actor["canonical"] and sent.start_char <= a["start"] < sent.end_char:
            tok = sent.doc.char_span(a["start"], a["end"], alignment_mode="expand")
            if tok is not None and tok.root.dep_ in ("dobj", "nsubjpass", "pobj"):
                return True
    return False


def _civilian_victims(ctx: ArticleContext, trigger: Token, patient: dict | None) -> bool:
    if patient is not None:
        return patient.get("type") == "civilians"
    scope = list(trigger.subtree)
    if trigger.dep_ == "nsubj" and trigger.head.lemma_.lower() in ("kill", "wound", "injure", "hit", "destroy"):
        # "an explosion killed my husband": the verb's object are the victims
        scope += [t for c in trigger.head.children if c.dep_ == "dobj" for t in c.subtree]
    for tok in scope:
        if tok.lemma_.lower() in vocab.words("civilian_nouns") and tok.dep_ in ("dobj", "nsubjpass", "pobj", "conj"):
            return True
        if tok.ent_type_ == "NORP" and tok.tag_ in ("NNS", "NNPS", "NNP") and (
            tok.dep_ in ("dobj", "nsubjpass")
            or (tok.dep_ == "pobj" and tok.head.lower_ in ("on", "against") and tok.head.head.i == trigger.i)
        ):
            return True  # "kill seven Iraqis", "20 Yazidis were killed", "an attack on Shia": people
        if (tok.pos_ == "NUM" and tok.dep_ in ("dobj", "nsubjpass") and tok.head.i == trigger.i
                and not any(c.dep_ == "prep" for c in tok.children)  # not "one of our service members"
                and not _armed_target_named(trigger)):  # not "attacks Iraqi forces, killing 7"
            return True  # headline style: "Gunmen kill nine in Anbar", "20 killed in bombings": people
    return False


def _armed_target_named(trigger: Token) -> bool:
    """Is what the trigger (or the attack it reports) hits an armed side or its post?
    "Islamic State attacks Iraqi forces ..., killing 7"; "an attack on a police station kills three"."""
    heads = [trigger]
    if trigger.dep_ in ("advcl", "conj", "xcomp") and trigger.head.pos_ == "VERB":
        heads.append(trigger.head)  # "attacks Iraqi forces, killing at least 7"
    subj = _child(trigger, {"nsubj"})
    if subj is not None:
        heads.append(subj)  # "an attack on a police station kills three"
    targets: list[Token] = []
    for head in heads:
        for c in head.children:
            if c.dep_ == "dobj" and head is not subj:
                targets.extend(c.subtree)
            elif c.dep_ == "prep" and c.lower_ in ("on", "against"):
                targets.extend(c.subtree)
    return any(t.lemma_.lower() in vocab.words("armed_target_nouns") for t in targets)


def _airborne(span: Span, agent: dict | None) -> bool:
    words = {t.lemma_.lower() for t in sent_of(span.root)}
    if words & vocab.words("airborne_words"):
        return True
    return agent is not None and agent.get("type") in ("state", "international")


def _modifies_a_person(doc: Doc, place: dict) -> bool:
    """'a New Jersey man', 'Iraqi Shi'ite militias', 'Scott Dayton, 42, of Woodbridge, Virginia':
    a place naming where someone is from."""
    span = doc.char_span(place["start"], place["end"], alignment_mode="expand")
    if span is None:
        return False
    root = span.root
    if root.dep_ == "pobj" and root.head.lower_ == "of" and (root.head.head.ent_type_ == "PERSON" or root.head.head.lemma_.lower() in vocab.words("origin_person_nouns")):
        return True
    return root.dep_ in ("compound", "amod", "nmod") and root.head.pos_ == "NOUN" and root.head.lemma_.lower() in vocab.words("origin_person_nouns")


def _near(doc: Doc, place: dict) -> bool:
    """'near Kandahar', 'outside the town of Lashkar Gah', 'north of Mosul': close to, not in."""
    span = doc.char_span(place["start"], place["end"], alignment_mode="expand")
    if span is None:
        return False
    tok = span.root
    for _ in range(5):
        if tok.dep_ == "pobj" and tok.head.lower_ in vocab.words("near_words"):
            return True
        if tok.lower_ in vocab.words("near_words") and tok.pos_ in ("ADP", "ADV", "ADJ", "NOUN"):
            return True
        if tok.dep_ in ("pobj", "prep", "appos", "compound") or (tok.pos_ == "NOUN" and tok.dep_ == "pobj"):
            tok = tok.head
            continue
        if tok.pos_ == "NOUN" and tok.lemma_.lower() in vocab.words("place_kind_nouns"):
            tok = tok.head
            continue
        break
    before = doc_text(doc)[max(0, place["start"] - settings.NEAR_LOOKBACK_CHARS) : place["start"]].lower().split()
    return bool(set(before[-settings.NEAR_LOOKBACK_WORDS:]) & vocab.words("near_words"))


def _direct_quote_around(ctx: ArticleContext, trigger: Token) -> dict | None:
    for q in ctx.quotes:
        if q.get("kind") == "direct" and q["start"] <= trigger.idx < q["end"]:
            return q
    return None


def locate(ctx: ArticleContext, trigger: Token, sent: Span) -> tuple[dict | None, int]:
    """The event's place and geo_precision."""
    places = [p for p in ctx.places_in(sent) if not _modifies_a_person(sent.doc, p)]
    quote = _direct_quote_around(ctx, trigger)
    if quote is not None:
        # Told in a witness's own words: the places of the quote, not of "said X at al-Hol camp".
        places = [p for p in places if quote["start"] <= p["start"] < quote["end"]]
    specific = [p for p in places if p.get("feature") not in BROAD_FEATURES and p.get("latitude") is not None]
    chosen = None
    if specific:
        # Prefer the place inside the trigger's own phrase, then the one nearest the trigger.
        inside = [p for p in specific if trigger.left_edge.idx <= p["start"] <= trigger.right_edge.idx + len(trigger.right_edge)]
        pool = inside or specific
        chosen = min(pool, key=lambda p: abs(p["start"] - trigger.idx))
        # the places layer knows "East Mosul" or a province standing in for a village (2, 3)
        return chosen, max(2 if _near(sent.doc, chosen) else 1, chosen.get("geo_precision") or 1)
    broad = [p for p in places if p.get("latitude") is not None]
    if broad and ctx.focus_place and any(p.get("country_code") == ctx.focus_place.get("country_code") and p.get("feature") == "country" for p in broad):
        # "strikes in Syria" while the story is about one place in Syria: that place, approximately.
        return ctx.focus_place, 2
    if broad:
        region = [p for p in broad if p.get("feature") != "country"]
        pool = region or broad
        home = [p for p in pool if p.get("country_code") == ctx.focus_country]
        return (home or pool)[0], 3
    # Nothing in the sentence: the paragraph's last specific place, then the focus place.
    para_start = doc_text(sent.doc).rfind("\n\n", 0, sent.start_char)
    earlier = [
        p for p in ctx.places
        if para_start <= p["start"] < sent.start_char and not p.get("in_dateline")
        and p.get("feature") not in BROAD_FEATURES and p.get("latitude") is not None
    ]
    if earlier:
        return earlier[-1], 1
    if ctx.last_place is not None:
        return ctx.last_place  # where the story last placed an event
    if ctx.focus_place:
        return ctx.focus_place, 1
    # Only the country is known: its representative point, at precision 3.
    country = next(
        (p for p in ctx.places if p.get("feature") == "country" and p.get("latitude") is not None
         and (ctx.focus_country is None or p.get("country_code") == ctx.focus_country)),
        None,
    )
    return country, 3


def date_for(ctx: ArticleContext, trigger: Token, sent: Span) -> tuple[tuple[str | None, int, int | None], bool]:
    """((event_date, time_precision, year), whether the date is the clause's own)."""
    timexes = [t for t in ctx.timexes_in(sent) if t.get("date") or t.get("year")]
    own = [t for t in timexes if _in_clause_of(sent.doc, t, trigger)]
    if own and _claimed_act(trigger):
        # "X claimed responsibility on Tuesday for the killing of ...": Tuesday dates the claim
        own = [t for t in own if trigger.left_edge.idx <= t["start"] <= trigger.right_edge.idx
               or _right_after(sent.doc, t, trigger) or _just_before_clause(sent.doc, t, trigger)]
    if not own:
        return ctx.reference, False
    t = min(own, key=lambda t: abs(t["start"] - trigger.idx))
    if not t.get("date") or t.get("precision") == "year":
        return (None, 3, t.get("year") or (int(t["date"][:4]) if t.get("date") else None)), True
    tp = t.get("time_precision") or PRECISION_CODE.get(t.get("precision"), 3)
    return (t["date"], tp, None), True


def _claimed_act(trigger: Token) -> bool:
    tok = trigger
    for _ in range(4):
        if tok.head.i == tok.i:
            return False
        tok = tok.head
        if tok.lemma_.lower() == "claim" and any(c.lemma_.lower() == "responsibility" for c in tok.children):
            return trigger.lemma_.lower() not in ("claim", "responsibility")
    return False


def _clause_head(tok: Token) -> Token:
    """The verb (or root) heading the clause a token is in."""
    while tok.head.i != tok.i and not (tok.pos_ in ("VERB", "AUX") and tok.dep_ in CLAUSE_DEPS):
        tok = tok.head
    return tok


CLAUSE_DEPS = {"ROOT", "ccomp", "advcl", "relcl", "xcomp", "conj", "acl", "pcomp", "csubj", "parataxis"}


def _in_clause_of(doc: Doc, timex: dict, trigger: Token) -> bool:
    """Does the time expression belong to the trigger's clause (or the trigger's own phrase)?

    "Trump said on Friday that IS had claimed the attacker who killed eight": Friday
    dates the saying, not the killing."""
    span = doc.char_span(timex["start"], timex["end"], alignment_mode="expand")
    if span is None:
        return True
    root = span.root
    if root.dep_ == "pobj" and root.head.lower_ in ("since", "until", "before"):
        return False  # "the deadliest attack since Sept. 11, 2001": a yardstick, not the date
    if trigger.left_edge.i <= root.i <= trigger.right_edge.i:
        return True
    if _right_after(doc, timex, trigger):
        return True
    head = _clause_head(trigger)
    t_head = _clause_head(root)
    if t_head == head:
        return True
    if head.dep_ in ("relcl", "advcl", "acl") and span.start <= head.head.i < span.end:
        return True  # "in July, when Iraqi forces completed the recapture": a clause on the date itself
    if _relative_clause(head) and 0 <= head.left_edge.i - span.end <= 1:
        return True  # "a truck attack earlier this week that killed eight": the date of what the clause describes
    # A time phrase on the governing clause dates a clause that reports what happened then
    # ("forces said on Friday they had captured the town"), or a clause set at that time
    # ("collapsed in July, when Iraqi forces completed the recapture of Mosul").
    # Up a short chain too: "On Sunday, the SDF faced mines as they attempted to overrun the enclave".
    if trigger.tag_ == "VBG":
        return False
    for _ in range(3):
        if head.dep_ not in ("ccomp", "xcomp", "conj", "advcl"):
            return False
        if head.head == t_head:
            return True
        head = _clause_head(head.head)
    return False


def _relative_clause(head: Token) -> bool:
    """A relative clause, also when the parser took "that killed eight" for a complement."""
    if head.dep_ == "relcl":
        return True
    return head.dep_ == "ccomp" and any(
        c.dep_ == "nsubj" and c.lower_ in ("that", "which", "who") and c.i == head.left_edge.i for c in head.children)


def _just_before_clause(doc: Doc, timex: dict, trigger: Token) -> bool:
    """The time phrase closing the noun phrase a relative clause describes: "an attack
    earlier this week that killed eight" dates the killing."""
    span = doc.char_span(timex["start"], timex["end"], alignment_mode="expand")
    head = _clause_head(trigger)
    return span is not None and _relative_clause(head) and 0 <= head.left_edge.i - span.end <= 1


def _right_after(doc: Doc, timex: dict, trigger: Token) -> bool:
    """A time phrase right behind a noun trigger's phrase is the noun's, however the parser
    hangs it: "claimed a truck attack earlier this week", "the strike on Sunday"."""
    if trigger.pos_ not in ("NOUN", "PROPN"):
        return False
    span = doc.char_span(timex["start"], timex["end"], alignment_mode="expand")
    return span is not None and span.start == trigger.right_edge.i + 1


def confidence(cls: TriggerClass, event: dict, *, place_in_sentence: bool, dated: bool) -> float:
    score = settings.CONFIDENCE_BASE + settings.CONFIDENCE_SPECIFIC * (cls.priority >= settings.SPECIFIC_PRIORITY)
    score += settings.CONFIDENCE_ACTOR1 if event["actor1"] else 0.0
    score += settings.CONFIDENCE_ACTOR2 if event["actor2"] else 0.0
    score += settings.CONFIDENCE_PLACE if place_in_sentence else 0.0
    score += settings.CONFIDENCE_DATED if dated else 0.0
    return round(min(score, settings.CONFIDENCE_MAX), 2)


def select(candidates: list[Candidate]) -> list[Candidate]:
    """Within one sentence: one event per sub-event type, and specific triggers absorb generic ones.

    "Her husband was killed in the air strike" is one air strike that killed one,
    not an air strike and a killing. A battle sentence listing the mines, car bombs
    and ambushes one side met is one clash, plus what the other side did to it.
    """
    by_sentence: dict[int, list[Candidate]] = {}
    for cand in candidates:
        by_sentence.setdefault(cand.sent.start, []).append(cand)
    kept: list[Candidate] = []
    for group in by_sentence.values():
        generic = [c for c in group if c.cls.name in GENERIC_CLASSES]
        specific = [c for c in group if c.cls.name not in GENERIC_CLASSES]
        if not any(c.event["event_type"] != "Strategic developments" for c in specific):
            # No specific weapon named: an explosion still says more than "killed".
            specific += [c for c in generic if c.cls.name == "blast"]
            generic = [c for c in generic if c.cls.name != "blast"]
        harm = [c for c in specific if c.event["event_type"] != "Strategic developments"]
        battles = [c for c in specific if c.event["event_type"] == "Battles"]
        chosen: dict[tuple, Candidate] = {}
        for cand in (specific if harm else group):
            ev = cand.event
            if ev["event_type"] == "Explosions/Remote violence" and any(_same_sides(b.event, ev) for b in battles):
                continue  # the mines and car bombs a side met in the battle are the battle
            key = (ev["event_type"], ev["sub_event_type"])
            if key not in chosen or _completeness(cand) > _completeness(chosen[key]):
                chosen[key] = cand
        if harm:
            targets = [c for c in chosen.values() if c.event["event_type"] != "Strategic developments"]
            for cand in generic:
                if targets:
                    _absorb(cand, targets)
            for cand in targets:
                cand.attribute()  # the sides may have changed: who says it decides again
                cand.event["notes"] = note_for(cand.event)
        kept.extend(chosen.values())
    return kept


def _same_sides(a: dict, b: dict) -> bool:
    return {a.get("actor1"), a.get("actor2")} == {b.get("actor1"), b.get("actor2")}


def _side_name(side: dict | None, iso2: str | None) -> str | None:
    if side is None:
        return None
    if side.get("canonical") is None:  # an armed side the text does not name
        return unidentified_of(iso2)
    return actor_name(side["canonical"], iso2)


def _weapon_of_context(ctx: ArticleContext, sent: Span) -> str:
    """An explosion of unstated cause takes the weapon its paragraph names: shells
    ("Shells landed every 20 minutes ... an explosion killed my husband"), a bomb ("a truck
    packed with explosives blew up"); shelling when nothing says."""
    text = doc_text(sent.doc)
    lo = text.rfind("\n\n", 0, sent.start_char)
    hi = text.find("\n\n", sent.end_char)
    para = sent.doc.char_span(max(lo, 0), hi if hi > 0 else len(text), alignment_mode="expand")
    lemmas = {t.lemma_.lower() for t in (para if para is not None else sent)}
    if lemmas & vocab.words("bomb_words") and not lemmas & vocab.words("shelling_words"):
        return "Remote explosive/landmine/IED"
    return "Shelling/artillery/missile attack"


def _iso_of(ev: dict) -> str | None:
    from ..language.countries import iso2_for

    return iso2_for(ev["country"]) if ev.get("country") else None


def _completeness(cand: Candidate) -> tuple:
    ev = cand.event
    return (bool(ev["actor1"]) + bool(ev["actor2"]), not ev.get("_undated"), cand.priority, ev["fatalities"] is not None)


def _absorb(generic: Candidate, specific: list[Candidate]) -> None:
    """Give the killing's victims and toll to the specific event nearest it."""
    target = min(specific, key=lambda c: abs(c.trigger.i - generic.trigger.i))
    ev, gev = target.event, generic.event
    if ev["fatalities"] is None and gev["fatalities"] is not None:
        ev["fatalities"] = gev["fatalities"]
    if ev["event_type"] == "Protests":
        return  # the protest's sides are settled by the protest rules
    if not ev.get("actor2") and gev.get("actor2") and gev["actor2"] != ev.get("actor1"):
        ev["actor2"] = gev["actor2"]  # "a roadside bomb ..., killing two soldiers": the soldiers' side
    if gev["event_type"] == "Violence against civilians" and gev.get("actor2"):
        ev["actor2"] = gev["actor2"]
        if ev.get("actor1") == gev["actor2"] or ev.get("_guessed_actor1"):
            # Civilians killed by a blast nobody is named for: an unidentified side.
            ev["actor1"] = gev["actor1"] if gev.get("actor1") and not gev.get("_guessed_actor1") else unidentified_of(_iso_of(ev))
    ev["notes"] = note_for(ev)


def fold(candidates: list[Candidate]) -> list[dict]:
    """Mentions of one event become one event; the first mention is the evidence, later
    ones fill what it lacked (a named side, a more precise date, a death toll).

    A later mention with no date of its own ("the attack", "the strike that wounded
    her") joins the earlier event it re-tells. Two mentions that each carry a date are
    one event only when one period holds the other ("earlier this week" and "Tuesday").
    An earlier undated mention never swallows a later dated one: "her husband was killed
    in the air strike" and "193 strikes between March 10 and 23" stay two events.
    """
    events: list[dict] = []
    for cand in sorted(candidates, key=lambda c: c.trigger.idx):
        ev = cand.event
        kept = None
        if ev.get("_undated"):
            kept = next((k for k in events if _re_mention(k, ev)), None)
        else:
            kept = next((k for k in events if not k.get("_undated") and _same_event(k, ev)), None)
        if kept is None:
            events.append(ev)
            continue
        for side in ("actor1", "actor2"):
            if ev[side] is not None and (kept[side] is None or kept[side].startswith("Unidentified Armed Group")):
                kept[side] = ev[side]
        if not ev.get("_undated") and (ev["time_precision"] or 3) < (kept["time_precision"] or 3) and ev.get("event_date"):
            kept["event_date"], kept["time_precision"] = ev["event_date"], ev["time_precision"]
        if kept["fatalities"] is None and ev["fatalities"] is not None:
            kept["fatalities"] = ev["fatalities"]
        if ev["attribution"] == "reported" and kept["attribution"] == "claimed" and ev["actor1"] == kept["actor1"]:
            # Stated in the article's own voice somewhere: reported. Not when only the claim
            # names who did it ("IS claimed the attack" + "eight were killed in the attack").
            kept["attribution"] = "reported"
        kept["confidence"] = max(kept["confidence"], ev["confidence"])
        kept["notes"] = note_for(kept)
    return events


def drop_totals(events: list[dict], ctx: ArticleContext) -> list[dict]:
    """A country-wide total beside its itemised breakdown ("34 strikes in Syria", then
    "Near Raqqa, 15 strikes ...") is the breakdown: code the items, not the total."""
    out = []
    for ev in events:
        if ev["geo_precision"] == 3 and ev.get("location") and ev["location"] == ev.get("country"):
            itemised = any(
                o is not ev and o["sub_event_type"] == ev["sub_event_type"] and o.get("country") == ev.get("country")
                and o["geo_precision"] < 3 and (o["actor1"] == ev["actor1"] or not ev["actor1"])
                for o in events
            )
            if itemised:
                continue
        out.append(ev)
    return out


def _re_mention(earlier: dict, ev: dict) -> bool:
    """An undated mention of an event already told ("the attack", later in the story)."""
    if (earlier["event_type"], earlier["sub_event_type"]) != (ev["event_type"], ev["sub_event_type"]):
        return False
    if earlier.get("country") != ev.get("country") and not ev.get("_anaphoric"):
        return False
    if (
        ev.get("location") and earlier.get("location") and ev["location"] != earlier["location"]
        and ev["geo_precision"] < 3 and not ev.get("_anaphoric")
    ):
        return False  # a strike near another town is another strike; "the strike" is the one told
    if ev.get("_guessed_actor2") or earlier.get("_guessed_actor2"):
        return earlier["actor1"] is None or ev["actor1"] is None or earlier["actor1"] == ev["actor1"] or (
            ev["actor1"] or "").startswith("Unidentified Armed Group")
    return _sides_compatible(earlier, ev)


def _sides_compatible(a: dict, b: dict) -> bool:
    """Sides agree when equal, or when one is unnamed or only an unidentified armed group."""
    for side in ("actor1", "actor2"):
        x, y = a[side], b[side]
        if x is None or y is None or x == y:
            continue
        if x.startswith("Unidentified Armed Group") or y.startswith("Unidentified Armed Group"):
            continue
        return False
    return True


def _same_event(a: dict, b: dict) -> bool:
    """Two dated mentions in one article of one event: same kind, agreeing place and
    sides, and one date period inside the other."""
    if (a["event_type"], a["sub_event_type"]) != (b["event_type"], b["sub_event_type"]):
        return False
    if not merge.places_agree(a, b):
        return False
    pa, pb = _period(a), _period(b)
    if pa is None or pb is None:
        return pa == pb and a.get("year") == b.get("year")
    nested = (pa[0] <= pb[0] and pb[1] <= pa[1]) or (pb[0] <= pa[0] and pa[1] <= pb[1])
    return nested and _sides_compatible(a, b)


def _period(ev: dict) -> tuple | None:
    from datetime import date, timedelta

    from ..chrono import month_end

    if not ev.get("event_date"):
        return None
    d = date.fromisoformat(ev["event_date"])
    tp = ev.get("time_precision") or 1
    if tp == 1:
        return d, d
    if tp == 2:
        return d, d + timedelta(days=6)
    return d.replace(day=1), month_end(d)


@Language.factory("dateline_events")
def make_event_coder(nlp, name):  # no annotations: spaCy validates factory signatures at run time
    return EventCoder(nlp, name)
