"""Article records with events, written for the store, API and dashboard tests.

The event coder is not what these tests exercise, so records are built here in the
record format, from sentences we wrote, with every span's offsets found in the body
(never typed by hand). Deterministic for a given seed.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

# name -> (country, admin1, latitude, longitude)
PLACES = {
    "Raqqa": ("Syria", "Ar-Raqqa", 35.9528, 39.0079),
    "Deir al-Zor": ("Syria", "Deir-ez-Zor", 35.3359, 40.1408),
    "Hajin": ("Syria", "Deir-ez-Zor", 34.6936, 40.8306),
    "Aleppo": ("Syria", "Aleppo", 36.2021, 37.1343),
    "Idlib": ("Syria", "Idlib", 35.9306, 36.6339),
    "Mosul": ("Iraq", "Ninewa", 36.3350, 43.1189),
    "Tal Afar": ("Iraq", "Ninewa", 36.3793, 42.4484),
    "Kirkuk": ("Iraq", "Kirkuk", 35.4681, 44.3922),
    "Ramadi": ("Iraq", "Al-Anbar", 33.4258, 43.2994),
    "Baghdad": ("Iraq", "Baghdad", 33.3152, 44.3661),
}

# (canonical by country, alias as written in text, entity label)
def islamic_state(country: str) -> str:
    return f"Islamic State ({country})"


STATE_FORCES = {"Syria": ("Military Forces of Syria", "Syrian government forces"), "Iraq": ("Military Forces of Iraq", "Iraqi troops")}
SDF = ("QSD: Syrian Democratic Forces", "SDF")
COALITION = ("Global Coalition Against Daesh", "U.S.-led coalition")

SPEAKERS = ["Ahmed Khalil", "Layla Hassan", "Omar Faris", "Mona Saleh", "Karim Nouri"]


def _templates(country: str, place: str, n: int) -> list[dict]:
    """Event sentences of each type; `alias` names actor1 as written."""
    state, state_text = STATE_FORCES[country]
    is_name = islamic_state(country)
    fighter = SDF if country == "Syria" else STATE_FORCES[country]
    return [
        {
            "type": ("Battles", "Armed clash"),
            "text": f"Fighters of the {fighter[1]} clashed with Islamic State militants on the outskirts of {place}, leaving {n} fighters dead, a local commander said.",
            "actors": (fighter[0], is_name),
            "alias": fighter[1],
            "fatalities": n,
            "counts": "fighters dead",
            "claimant": "a local commander",
            "attribution": "reported",
        },
        {
            "type": ("Battles", "Government regains territory"),
            "text": f"{state_text} retook the centre of {place} from Islamic State militants after {n} days of street fighting.",
            "actors": (state, is_name),
            "alias": state_text,
            "fatalities": None,
            "counts": "days of street fighting",
            "claimant": None,
            "attribution": "reported",
        },
        {
            "type": ("Explosions/Remote violence", "Air/drone strike"),
            "text": f"An air strike by the {COALITION[1]} hit a market in {place}, killing {n} people, residents said.",
            "actors": (COALITION[0], f"Civilians ({country})"),
            "alias": COALITION[1],
            "fatalities": n,
            "counts": "people killed",
            "claimant": "residents",
            "attribution": "alleged",
        },
        {
            "type": ("Explosions/Remote violence", "Suicide bomb"),
            "text": f"A suicide bomber drove a truck packed with explosives into a checkpoint in {place}, killing {n} soldiers, and Islamic State claimed the attack.",
            "actors": (is_name, state),
            "alias": "Islamic State",
            "fatalities": n,
            "counts": "soldiers killed",
            "claimant": "Islamic State",
            "attribution": "claimed",
        },
        {
            "type": ("Violence against civilians", "Attack"),
            "text": f"Islamic State gunmen shot dead {n} farmers in fields near {place}, witnesses said.",
            "actors": (is_name, f"Civilians ({country})"),
            "alias": "Islamic State",
            "fatalities": n,
            "counts": "farmers shot dead",
            "claimant": "witnesses",
            "attribution": "reported",
        },
        {
            "type": ("Strategic developments", "Arrests"),
            "text": f"Police in {place} detained {n} men suspected of smuggling weapons for Islamic State.",
            "actors": (f"Police Forces of {country}", None),
            "alias": "Police",
            "fatalities": None,
            "counts": "men detained",
            "claimant": "police",
            "attribution": "reported",
        },
        {
            "type": ("Protests", "Peaceful protest"),
            "text": f"About {n * 10} residents marched through {place} to demand news of relatives held since the fighting ended.",
            "actors": (f"Protesters ({country})", None),
            "alias": "residents",
            "fatalities": None,
            "counts": "residents marched",
            "claimant": None,
            "attribution": "reported",
        },
        {
            "type": ("Riots", "Violent demonstration"),
            "text": f"Demonstrators set fire to the provincial council building in {place} and threw stones at police, injuring {n} officers.",
            "actors": (f"Rioters ({country})", f"Police Forces of {country}"),
            "alias": "Demonstrators",
            "fatalities": None,
            "counts": "officers injured",
            "claimant": None,
            "attribution": "reported",
        },
    ]


def _span(body: str, text: str, after: int = 0) -> tuple[int, int]:
    start = body.index(text, after)
    return start, start + len(text)


def build_article(rng: random.Random, i: int, start: date) -> dict:
    place = rng.choice(sorted(PLACES))
    country, admin1, lat, lon = PLACES[place]
    day = start + timedelta(days=rng.randrange(0, 900))
    n_events = rng.choice([1, 1, 2, 2, 3])
    chosen = rng.sample(range(8), n_events)
    sentences = []
    specs = []
    for k in chosen:
        n = rng.randrange(2, 40)
        spec = _templates(country, place, n)[k]
        spec["n"] = n
        specs.append(spec)
        sentences.append(spec["text"])
    speaker = SPEAKERS[i % len(SPEAKERS)]
    quote = "We could hear the fighting all night and nobody came to help us"
    lead = f"{place.upper()} (Test Wire) - {sentences[0]}"
    paragraphs = [lead, *sentences[1:], f'"{quote}," said {speaker}, who lives in {place}.', f"Article number {i} of the test set was written for dateline's own tests."]
    body = "\n\n".join(paragraphs)

    events, quantities, places, entities = [], [], [], []
    cursor = 0
    for spec in specs:
        s, e = _span(body, spec["text"], cursor)
        cursor = e
        event_type, sub_type = spec["type"]
        figure = str(spec["n"] * 10) if sub_type == "Peaceful protest" else str(spec["n"])
        fs, fe = _span(body, figure, s)
        quantities.append(
            {"low": int(figure), "high": int(figure), "approximate": sub_type == "Peaceful protest", "counts": spec["counts"], "claimant": spec["claimant"], "start": fs, "end": fe}
        )
        ps, pe = _span(body, place, s)
        places.append({"name": place, "resolved": place, "geonameid": None, "latitude": lat, "longitude": lon, "country_code": "SY" if country == "Syria" else "IQ", "feature": "city", "start": ps, "end": pe})
        a_s, a_e = _span(body, spec["alias"], s)
        entities.append({"text": spec["alias"], "label": "ORG", "canonical": spec["actors"][0], "start": a_s, "end": a_e})
        events.append(
            {
                "event_date": (day - timedelta(days=1)).isoformat(),
                "time_precision": 1,
                "event_type": event_type,
                "sub_event_type": sub_type,
                "actor1": spec["actors"][0],
                "actor2": spec["actors"][1],
                "location": place,
                "country": country,
                "admin1": admin1,
                "latitude": lat,
                "longitude": lon,
                "geo_precision": 1,
                "fatalities": spec["fatalities"],
                "attribution": spec["attribution"],
                "source": spec["claimant"],
                "evidence": {"start": s, "end": e, "text": body[s:e]},
                "confidence": round(0.5 + 0.05 * (i % 10), 2),
            }
        )
    qs, qe = _span(body, quote)
    quotes = [{"text": quote, "kind": "direct", "speaker": speaker, "speaker_title": None, "start": qs, "end": qe}]
    ss, se = _span(body, speaker, qe)
    entities.append({"text": speaker, "label": "PERSON", "canonical": speaker, "start": ss, "end": se})
    title = f"{specs[0]['type'][1]} reported in {place}"
    return {
        "id": f"test{i:012d}",
        "title": title,
        "byline": [],
        "dateline": {"places": [place.upper()], "country": country, "agency": "Test Wire"},
        "published": {"date": day.isoformat(), "precision": "day", "source": "given", "earliest": None, "latest": None},
        "captions": [],
        "credits": {"reporting": [], "writing": [], "editing": [], "additional_reporting": []},
        "body": body,
        "story": f"test{i:012d}",
        "duplicate_of": None,
        "events": events,
        "quotes": quotes,
        "quantities": quantities,
        "places": places,
        "entities": sorted(entities, key=lambda x: x["start"]),
    }


def build_records(n: int = 40, seed: int = 7) -> list[dict]:
    rng = random.Random(seed)
    start = date(2017, 1, 1)
    records = [build_article(rng, i, start) for i in range(n)]
    # One statement with no place: an event the map cannot show.
    body = "BEIRUT (Test Wire) - The two sides agreed to a ceasefire on Sunday, officials said."
    records.append(
        {
            **{k: v for k, v in records[0].items() if k not in ("id", "title", "body", "events", "quotes", "quantities", "places", "entities", "story")},
            "id": "testnoplace0001",
            "story": "testnoplace0001",
            "title": "Ceasefire agreed",
            "body": body,
            "events": [
                {
                    "event_date": "2018-05-06",
                    "time_precision": 1,
                    "event_type": "Strategic developments",
                    "sub_event_type": "Agreement",
                    "actor1": None,
                    "actor2": None,
                    "location": None,
                    "country": None,
                    "latitude": None,
                    "longitude": None,
                    "geo_precision": 3,
                    "fatalities": None,
                    "attribution": "reported",
                    "evidence": {"start": 0, "end": len(body), "text": body},
                    "confidence": 0.4,
                }
            ],
            "quotes": [],
            "quantities": [],
            "places": [],
            "entities": [],
        }
    )
    return records


# -- raw text, for tests that run the real reader and language layer -----------------

DUMP_EVENTS = [
    "An air strike hit a fuel depot on the edge of {place} on {weekday}, killing {n} people, residents said.",
    "Gunmen attacked a police checkpoint in {place} on {weekday} and killed {n} officers, police said.",
    "A roadside bomb struck a bus near {place} on {weekday}, killing {n} passengers, a hospital official said.",
    "Army troops recaptured two villages south of {place} on {weekday} after fighting in which {n} militants died.",
    "Security forces arrested {n} men in {place} on {weekday} on suspicion of planning attacks.",
]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def dump_article(i: int) -> str:
    """One short wire-style article, distinct from every other i (its number is in the text)."""
    place = sorted(PLACES)[i % len(PLACES)]
    event = DUMP_EVENTS[i % len(DUMP_EVENTS)].format(place=place, weekday=WEEKDAYS[i % 7], n=2 + i % 37)
    return (
        f"Report {i} from {place}\n\n"
        f"{place.upper()} (Test Wire) – {event}\n\n"
        f"The local council said report number {i} was the {['first', 'second', 'third'][i % 3]} of its kind this month.\n\n"
        f"(Reporting by Test Desk {i}; Editing by Night Editor)\n\n"
    )


def write_dump(path, n: int, start: int = 0) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        for i in range(start, start + n):
            fh.write(dump_article(i))
