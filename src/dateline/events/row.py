"""Building an event's row: the record-format fields, its evidence and its confidence."""

from __future__ import annotations

from spacy.tokens import Span

from .. import settings
from ..language.doccache import text as doc_text
from .lexicon import TriggerClass
from .locate import location_name
from .naming import country_name_of


def build_event(ctx, cls, span, sent, event_type, sub_event, a1, a2, place, geo_precision, iso2,
                event_date, time_precision, year, own_date) -> dict:
    """The event's row in the record format, plus the coder's own working fields ("_...")."""
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
        "evidence": evidence(sent, ev_start),
        "trigger": {"text": span.text, "start": span.start_char, "end": span.end_char, "class": cls.name},
        "_undated": not own_date,
        "_guessed_actor1": False,
    }
    if year is not None:
        event["year"] = year
    event["confidence"] = confidence(cls, event, place_in_sentence=bool(ctx.places_in(sent)), dated=own_date)
    return event


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
