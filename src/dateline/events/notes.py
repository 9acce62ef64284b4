"""A short ACLED-style note per event, generated from its fields:
"On 3 November 2017, Military Forces of Iraq regained al-Qaim (Anbar) from Islamic
State (Iraq). Reported by Reuters."
"""

from __future__ import annotations

from datetime import date

from .. import vocab

ATTRIBUTION = {"reported": "Reported", "claimed": "Claimed", "alleged": "Alleged", "denied": "Denied"}


def _when(event: dict) -> str:
    d = event.get("event_date")
    if not d:
        return f"In {event['year']}" if event.get("year") else "On an unknown date"
    day = date.fromisoformat(d)
    if event.get("time_precision") == 3:
        return f"In {day:%B %Y}"
    if event.get("time_precision") == 2:
        return f"Around {day.day} {day:%B %Y}"
    return f"On {day.day} {day:%B %Y}"


def note_for(event: dict) -> str:
    actor1 = event.get("actor1") or "An unidentified side"
    verb = vocab.mapping("note_verbs").get(event.get("sub_event_type"), event.get("sub_event_type", "").lower())
    target = event.get("actor2")
    what = f"{actor1} {verb} {target}" if target else f"{actor1}: {event.get('sub_event_type', '').lower()}"
    where = ""
    if event.get("location"):
        admin = f" ({event['admin1']})" if event.get("admin1") and event["admin1"] != event["location"] else ""
        where = f" in {event['location']}{admin}"
    elif event.get("country"):
        where = f" in {event['country']}"
    dead = ""
    if event.get("fatalities"):
        n = event["fatalities"]
        dead = f", {n} {'fatality' if n == 1 else 'fatalities'}"
    source = event.get("source")
    by = f" {ATTRIBUTION.get(event.get('attribution'), 'Reported')}" + (f" by {source}." if source else ".")
    return f"{_when(event)}, {what}{where}{dead}.{by}"
