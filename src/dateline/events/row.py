"""Building an event's row: the record-format fields, its evidence and its confidence."""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Span

from .. import settings
from ..language.doccache import text as doc_text
from ..language.gazetteer import get_gazetteer
from .coding import Candidate, Coding
from .lexicon import TriggerClass
from .locate import coordinated, location_name
from .naming import country_name_of
from .notes import note_for
from .sides import side_name

SEATED_FEATURES = {"province", "governorate", "state", "admin1"}


def build_event(c: Coding) -> dict:
    """The event's row in the record format, plus the coder's own working fields ("_...")."""
    ctx, sent, span, place = c.ctx, c.sent, c.span, c.place
    event_date, time_precision, year = c.date
    ev_start = max(sent.start_char, ctx.body_start)
    event = {
        "event_date": event_date,
        "time_precision": time_precision,
        "event_type": c.event_type,
        "sub_event_type": c.sub_event,
        "actor1": c.a1,
        "actor2": c.a2,
        **({"assoc_actor_1": c.assoc1} if c.assoc1 else {}),
        **({"assoc_actor_2": c.assoc2} if c.assoc2 else {}),
        "location": location_name(place),
        "location_resolved": place.get("resolved") if place else None,
        "country": country_name_of(c.country_code, place),
        "admin1": place.get("admin1") if place else None,
        **_point(place),
        "geo_precision": c.geo_precision,
        "fatalities": None,
        "attribution": "reported",
        "source": None,
        "evidence": evidence(sent, ev_start),
        "trigger": {"text": span.text, "start": span.start_char, "end": span.end_char, "class": c.cls.name},
        "_undated": not c.own_date,
        "_guessed_actor1": False,
    }
    if year is not None:
        event["year"] = year
    event["confidence"] = confidence(c.cls, event, place_in_sentence=bool(ctx.places_in(sent)), dated=c.own_date)
    return event


def _point(place: dict | None) -> dict:
    """The event's coordinates: a province or state the text names stands at its seat, as ACLED
    codes an event known only to the province (geo_precision 3)."""
    if not place:
        return {"latitude": None, "longitude": None}
    if place.get("feature") in SEATED_FEATURES:
        seat = get_gazetteer().seat(place)
        if seat is not None:
            return {"latitude": seat.latitude, "longitude": seat.longitude}
    return {"latitude": place.get("latitude"), "longitude": place.get("longitude")}


def finish(c: Coding, event: dict) -> Candidate:
    """The event mention: attributed (who says so), with its note."""
    cand = Candidate(c.cls, c.trigger, c.sent, event, c.cls.priority, c.quote,
                     side_name(c.speaker_actor, c.country_code), c.ctx.agency)
    cand.attribute()
    event["notes"] = note_for(event)
    if c.geo_precision < 3:
        cand.towns = tuple(coordinated(c.ctx, c.sent, c.place))
    return cand


def per_town(cand: Candidate) -> list[Candidate]:
    """One mention told of several towns ("marched in Paris and Marseille") is one event per
    town, as ACLED codes them: copies of its row placed at each; `_town` keeps them apart in
    `folding.select`. A toll told once for all stays with the first town told."""
    if not cand.towns:
        return [cand]
    cand.event["_town"] = True
    out = [cand]
    for place, precision in cand.towns:
        ev = {k: (dict(v) if isinstance(v, dict) else v) for k, v in cand.event.items()}
        ev.update(location=location_name(place), location_resolved=place.get("resolved"), admin1=place.get("admin1"),
                  geo_precision=precision, fatalities=None, _toll={}, _killing=None, **_point(place))
        out.append(replace(cand, event=ev, towns=()))
    return out


def evidence(sent: Span, start: int) -> dict:
    text = doc_text(sent.doc)[start : sent.end_char].rstrip()
    return {"start": start, "end": start + len(text), "text": text}


def confidence(cls: TriggerClass, event: dict, *, place_in_sentence: bool, dated: bool) -> float:
    score = settings.CONFIDENCE_BASE + settings.CONFIDENCE_SPECIFIC * (cls.priority >= settings.SPECIFIC_PRIORITY)
    score += settings.CONFIDENCE_ACTOR1 if event["actor1"] else 0.0
    score += settings.CONFIDENCE_ACTOR2 if event["actor2"] else 0.0
    score += settings.CONFIDENCE_PLACE if place_in_sentence else 0.0
    score += settings.CONFIDENCE_DATED if dated else 0.0
    return round(min(score, settings.CONFIDENCE_MAX), 2)
