"""Incidents, not sentences: every mention of one occurrence in an article becomes one row.

A story tells one bombing in its headline, its lead, a later paragraph with the toll and
another with the claim of responsibility; the coder finds an event in each. ACLED codes
one row per actor pair, place and day, so the mentions are assembled here into incidents
that take their place, day, sides and toll from all of them.

Two mentions belong to one incident when
- their kinds can be one occurrence (`FAMILIES`): the same sub-event type; a bombing and
  the attack on civilians it was; a clash and the capture it ended in; a protest, the
  force used on it and the riot it became;
- their places agree (the same place, within a short distance, or one says only the
  country or nothing);
- their days agree (one period inside the other; a mention with no time of its own
  re-tells the one told before; one told first without a time of its own takes the day a
  later mention gives it when that day is just before the story's);
- their sides do not conflict (equal, or one unnamed or unidentified).

The incident's row takes the most specific kind (a suicide bombing over an explosion
over an attack), the named sides over unidentified ones, the most precise place and
day, the toll the story leads with (a later figure may count only a part), the article's own voice
over a claim, and the first mention as its evidence; `mentions` lists the evidence of all.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, timedelta

from functools import lru_cache

from .. import settings, vocab
from ..acled import actor_kind
from .context import STATE_FORCES
from .fatalities import add_toll
from .lexicon import load_classes
from .merge import _km
from .naming import crowd_for, crowd_role
from .responsibility import CLAIMANT_TYPES, acts_in_general
from .sides import BOMBS

# Kinds that can be one occurrence, and which one names it (earlier in the list wins).
FAMILIES: tuple[tuple[str, ...], ...] = (
    # a bombing and the killing of civilians it caused are one attack
    ("Suicide bomb", "Remote explosive/landmine/IED", "Grenade", "Air/drone strike",
     "Shelling/artillery/missile attack", "Chemical weapon", "Attack"),
    # a capture and the fighting that won it
    ("Government regains territory", "Non-state actor overtakes territory", "Armed clash"),
    # a protest, the force used on it, the riot it turned into
    ("Excessive force against protesters", "Violent demonstration", "Protest with intervention",
     "Peaceful protest", "Mob violence"),
)
# The event type of each sub-event type that a family can hand the incident.
EVENT_TYPE = {
    "Suicide bomb": "Explosions/Remote violence", "Remote explosive/landmine/IED": "Explosions/Remote violence",
    "Grenade": "Explosions/Remote violence", "Air/drone strike": "Explosions/Remote violence",
    "Shelling/artillery/missile attack": "Explosions/Remote violence", "Chemical weapon": "Explosions/Remote violence",
    "Attack": "Violence against civilians", "Government regains territory": "Battles",
    "Non-state actor overtakes territory": "Battles", "Armed clash": "Battles",
    "Excessive force against protesters": "Protests", "Protest with intervention": "Protests",
    "Peaceful protest": "Protests", "Violent demonstration": "Riots", "Mob violence": "Riots",
}
UNIDENTIFIED = "Unidentified Armed Group"


@lru_cache(maxsize=1)
def _generic_classes() -> frozenset[str]:
    """Trigger classes the table marks generic: an explosion of unstated cause is coded as
    shelling until something says more, and a bare "attack" says nothing of the weapon."""
    classes, _ = load_classes()
    return frozenset(name for name, cls in classes.items() if cls.generic)


@lru_cache(maxsize=1)
def _generic_words() -> tuple[frozenset[str], frozenset[str]]:
    words = vocab.words("generic_violence_words")
    return words, frozenset(w.rstrip("sed") for w in words)


def _family(sub: str | None) -> tuple[str, ...] | None:
    return next((f for f in FAMILIES if sub in f), None)


def _rank(ev: dict) -> tuple:
    """Lower is more telling: a specific trigger over a generic one, then the family's order."""
    fam = _family(ev.get("sub_event_type")) or ()
    order = fam.index(ev["sub_event_type"]) if ev.get("sub_event_type") in fam else 0
    return (_generic(ev), order)


def _generic_word(word: str) -> bool:
    words, stems = _generic_words()
    return word in words or word.rstrip("sed") in stems


def _generic(ev: dict) -> bool:
    """The mention names violence without the weapon: a generic class ('blast', 'attack') with a
    generic word, or any class found by one generic word alone ('struck')."""
    trigger = ev.get("trigger") or {}
    words = (trigger.get("text") or "").lower().split()
    if not words or ev.get("_flown"):
        return False
    if trigger.get("class") in _generic_classes():
        return any(_generic_word(w) for w in words)
    return len(words) == 1 and _generic_word(words[0])


def kinds_agree(a: dict, b: dict) -> bool:
    """The same kind; or kinds of one family where one says less ("the blast", "the attack"
    beside "a suicide bombing"), where one is the capture the other's fighting won, or where
    both tell one crowd. Two named weapons (a suicide bomb, an air strike) are two events."""
    if a.get("sub_event_type") == b.get("sub_event_type"):
        return a.get("event_type") == b.get("event_type")
    fam = _family(a.get("sub_event_type"))
    if fam is None or b.get("sub_event_type") not in fam:
        return False
    return fam is not FAMILIES[0] or _generic(a) or _generic(b)


def _broad(ev: dict) -> bool:
    """Says no more than the country (or nothing) about where."""
    return ev.get("latitude") is None or (ev.get("geo_precision") == 3 and ev.get("location") == ev.get("country"))


def places_agree(a: dict, b: dict) -> bool:
    if a.get("country") and b.get("country") and a["country"] != b["country"]:
        return False
    if _broad(a) or _broad(b):
        return True
    if a.get("location") and a.get("location") == b.get("location"):
        return True
    km = _km(a, b)
    return km is not None and km <= settings.SAME_PLACE_KM


def _period(ev: dict) -> tuple[date, date] | None:
    try:
        d = date.fromisoformat(ev["event_date"]) if ev.get("event_date") else None
    except ValueError:
        return None
    if d is None:
        return None
    tp = ev.get("time_precision") or 1
    if tp == 1:
        return d, d
    if tp == 2:
        return d, d + timedelta(days=6)
    nxt = date(d.year + (d.month == 12), d.month % 12 + 1, 1)
    return d.replace(day=1), nxt - timedelta(days=1)


def days_agree(a: dict, b: dict) -> bool:
    """`b`, told after `a`: with no time of its own it re-tells the occurrence told before; with
    one, it must fall in the same period (an earlier mention dated only by the story's day never
    swallows a later dated one: "declared victory" and "relieved it in September" are two)."""
    if b.get("_undated"):
        return True
    if a.get("_undated"):
        return _day_of_undated(a, b)
    pa, pb = _period(a), _period(b)
    if pa is None or pb is None:
        return pa == pb and a.get("year") == b.get("year")
    return (pa[0] <= pb[0] and pb[1] <= pa[1]) or (pb[0] <= pa[0] and pa[1] <= pb[1])


def _day_of_undated(a: dict, b: dict) -> bool:
    """`a` has no time of its own (it is coded on the story's day), `b`, told later, gives a day
    shortly before: a live update's "an attack at the airport" above "the attack on Tuesday"; or
    any day, when both count the same dead ("after IS killed 130 people in Paris" ... "killed 130
    people in Paris on Nov. 13")."""
    dead = a.get("fatalities")
    if dead is not None and dead >= settings.SAME_TOLL_MIN_DEAD and dead == b.get("fatalities"):
        return True
    if a.get("time_precision") != 1 or b.get("time_precision") != 1:
        return False
    pa, pb = _period(a), _period(b)
    return pa is not None and pb is not None and 0 <= (pa[0] - pb[0]).days <= settings.UNDATED_LEAD_MAX_DAYS


def _side_conflict(x: str | None, y: str | None) -> bool:
    if not x or not y or x == y:
        return False
    if crowd_role(x) and crowd_role(x)[1] == (crowd_role(y) or ("", None))[1]:
        return False  # one crowd, protesting in one sentence and rioting in the next
    return not (x.startswith(UNIDENTIFIED) or y.startswith(UNIDENTIFIED))


def _stated(ev: dict, side: str) -> str | None:
    """The side as the mention's text names it: a side the coder only guessed (the article's
    main adversary of the side named: "the attackers blew themselves up") names nobody. Not in
    a battle, whose two sides are what it is (and may be told either way round)."""
    if ev.get(f"_guessed_{side}") and ev.get("event_type") != "Battles":
        return None
    return ev.get(side)


def sides_agree(a: dict, b: dict) -> bool:
    """Sides do not conflict; the same two sides named the other way round agree too."""
    a1, a2, b1, b2 = _stated(a, "actor1"), _stated(a, "actor2"), _stated(b, "actor1"), _stated(b, "actor2")
    if _bystanders(a, a2) or _bystanders(b, b2):
        a2 = b2 = None  # "30 people were wounded" beside "a bomb hit a police bus": the same bomb's toll
    straight = not _side_conflict(a1, b1) and not _side_conflict(a2, b2)
    if straight or a.get("event_type") != "Battles" or b.get("event_type") != "Battles":
        return straight
    # a battle is fought by both: "troops and militants fought" and "four soldiers were killed"
    # by the militants tell one clash
    return not _side_conflict(a1, b2) and not _side_conflict(a2, b1)


def _bystanders(ev: dict, actor2: str | None) -> bool:
    """Civilians a generic mention counts with nobody named doing it ("30 people were wounded"):
    people who were there, not a side that was targeted ("militants killed five villagers" is)."""
    return (bool(actor2) and actor2.startswith("Civilians") and bool(ev.get("_agentless")) and _generic(ev)
            and ev.get("event_type") == "Violence against civilians")


def same_incident(a: dict, b: dict) -> bool:
    return kinds_agree(a, b) and places_agree(a, b) and days_agree(a, b) and sides_agree(a, b)


def _better_side(row: dict, ev: dict, side: str) -> tuple[str | None, bool]:
    """The incident's side and whether it is a guess: a named side over a guess or an
    unidentified one."""
    x, y = row.get(side), ev.get(side)
    gx, gy = bool(row.get(f"_guessed_{side}")), bool(ev.get(f"_guessed_{side}"))
    if not x or (y and gx and not gy):
        return y, gy
    if not y or (gy and not gx):
        return x, gx
    if x.startswith(UNIDENTIFIED) and not y.startswith(UNIDENTIFIED):
        return y, gy
    return x, gx


def _forces_met(row: dict, ev: dict) -> tuple[str, str] | None:
    """A bombing nobody is named for, told again with state forces acting ("the attacker
    detonated his vest when guards approached him", "police carried out controlled
    explosions"): the forces confronted or cleared up after the attack, they did not make it.
    (unidentified attacker, the forces) or None."""
    if not {row.get("sub_event_type"), ev.get("sub_event_type")} & BOMBS:
        return None
    for attack, other in ((row, ev), (ev, row)):
        attacker, forces = attack.get("actor1") or "", other.get("actor1")
        kind = actor_kind(forces)
        if attacker.startswith(UNIDENTIFIED) and kind is not None and kind.type in STATE_FORCES:
            return attacker, forces
    return None


def _absorb(row: dict, ev: dict) -> None:
    """Fold mention `ev` into incident `row` (both event dicts; `row` is changed)."""
    from .notes import note_for

    head = min((row, ev), key=_rank)
    if head is ev:
        row["event_type"], row["sub_event_type"] = ev["event_type"], ev["sub_event_type"]
        row["trigger"] = ev.get("trigger")
    met = _forces_met(row, ev)
    for side in ("actor1", "actor2"):
        row[side], row[f"_guessed_{side}"] = _better_side(row, ev, side)
    if met is not None:
        # the bomber's side stays unnamed; the forces that met the attack are its other side
        row["actor1"] = met[0]
        if not row.get("actor2") or row.get("_guessed_actor2") or row["actor2"] == met[1]:
            row["actor2"], row["_guessed_actor2"] = met[1], False
    for assoc in ("assoc_actor_1", "assoc_actor_2"):
        names = [n for r in (row, ev) for n in (r.get(assoc) or "").split("; ") if n]
        if names:
            row[assoc] = "; ".join(dict.fromkeys(names))
    if row.get("actor1") and row.get("actor1") == row.get("actor2"):
        row["actor2"] = None
    # the most precise place: a named place over the country, a village over a province
    if _broad(row) and not _broad(ev) or (
        not _broad(ev) and (ev.get("geo_precision") or 3) < (row.get("geo_precision") or 3)
    ):
        for key in ("location", "location_resolved", "country", "admin1", "latitude", "longitude", "geo_precision"):
            if key in ev:
                row[key] = ev[key]
    # the most precise day the text gives the occurrence itself
    if not ev.get("_undated") and ev.get("event_date") and (
        row.get("_undated") or not row.get("event_date")
        or (ev.get("time_precision") or 3) < (row.get("time_precision") or 3)
    ):
        row["event_date"], row["time_precision"] = ev["event_date"], ev["time_precision"]
        row["_undated"] = False
    add_toll(row, ev.get("fatalities"), ev.get("_toll") or {}, ev["evidence"]["start"])
    # the article's own voice over a claim, a claim over an allegation, when the actor agrees
    if ev.get("attribution") == "reported" and row.get("attribution") != "reported" and (
        not ev.get("actor1") or ev.get("actor1") == row.get("actor1")
    ):
        row["attribution"], row["source"] = "reported", ev.get("source")
    elif row.get("attribution") == "reported" and ev.get("attribution") in ("claimed", "alleged") and (
        ev.get("actor1") == row.get("actor1") and not ev.get("actor1", "").startswith(UNIDENTIFIED)
    ) and not _named_by_own_voice(row, ev):
        row["attribution"], row["source"] = ev["attribution"], ev.get("source")
    row["confidence"] = max(row.get("confidence") or 0, ev.get("confidence") or 0)
    row.setdefault("mentions", [dict(row["evidence"])])
    row["mentions"].append(dict(ev["evidence"]))
    row["notes"] = note_for(row)


def attach_tolls(rows: list[dict], tolls: list[dict]) -> None:
    """Tolls told in sentences of their own ("Officials said later that seven of the passengers
    had died") go to the incident whose last mention came just before them (within
    settings.LATER_TOLL_MAX_CHARS), never further: a figure far from any incident is a
    tally, not its toll."""
    for toll in tolls:
        before = [(max(m["end"] for m in r.get("mentions", [r["evidence"]])), r) for r in rows
                  if r.get("event_type") in TOLL_TYPES and r["evidence"]["start"] < toll["start"]]
        if not before:
            continue
        end, row = max(before, key=lambda pair: pair[0])
        if toll["start"] - end <= settings.LATER_TOLL_MAX_CHARS:
            add_toll(row, toll["count"], toll, toll["start"])


def _named_by_own_voice(row: dict, ev: dict) -> bool:
    """The perpetrator was named in the article's voice before the claim came."""
    return bool(row.get("_actor1_reported"))


# "claimed responsibility for the attack": the claim is about one act the story tells;
# "for similar attacks", "for attacks on the army" speak of acts in general.
_CLAIM = re.compile(r"\bclaim\w*\s+(?:\w+\s+){0,2}?responsibility\b", re.IGNORECASE)


@lru_cache(maxsize=1)
def _claimed_one() -> re.Pattern:
    weekdays = "|".join(day.capitalize() for day in vocab.mapping("weekday_names"))
    return re.compile(
        r"\bresponsibility\s+(?:on\s+\w+\s+)?for\s+(?:"
        rf"(?:the|this|that|(?:{weekdays})[’']s)\b"  # the act told
        rf"|an?\s+(?:[a-z-]+\s+){{0,2}}(?:{vocab.alternation('claimed_act_nouns')})\b"
        r"|(?:[a-z-]+\s+){0,2}(?:attack|bombing|blast|explosion|assault)s?\s+(?:on|in|at|near)\s+(?:the\s+)?[A-Z]"
        rf")(?!\s+(?:{vocab.alternation('acts_in_general_words')})\b)"
    )


VIOLENT_TYPES = ("Battles", "Explosions/Remote violence", "Violence against civilians")
TOLL_TYPES = (*VIOLENT_TYPES, "Protests", "Riots")  # the events a toll told apart can belong to


def is_claim(ev: dict) -> bool:
    """A side's claim of responsibility coded as an event of its own."""
    return ev.get("event_type") == "Strategic developments" and bool(_CLAIM.search(ev["evidence"]["text"]))


def _open(row: dict, named_group: bool = True) -> bool:
    """A violent incident whose perpetrator the story has not named (or only guessed). A side
    known only by its kind ("suspected jihadists", "communist guerrillas": Islamist Militia,
    Opposition Rebels) is open to a named armed group (`named_group`) that claims the act or is
    blamed for it later ("JNIM said it had carried out the attack", "The army blamed the NPA")."""
    return row.get("event_type") in VIOLENT_TYPES and (
        not row.get("actor1") or row["actor1"].startswith(UNIDENTIFIED) or bool(row.get("_guessed_actor1"))
        or (named_group and _generic_side(row["actor1"])))


# the roles of actors.jsonl that name a side only by its kind and country
GENERIC_SIDE_ROLES = frozenset({"rebels", "islamist", "communal_unnamed"})


def _generic_side(name: str) -> bool:
    kind = actor_kind(name)
    return kind is not None and kind.role in GENERIC_SIDE_ROLES


def _blamed_here(row: dict, item) -> bool:
    """An act whose actor1 is only the article's main side of its kind ("the air strikes" in a
    story of the coalition's) is open to a blame told in its own sentence ("blaming the air
    strikes in Aleppo on government forces"), not to a claim or a blame told elsewhere."""
    return (item.kind == "alleged" and bool(row.get("_article_actor1"))
            and _told_in(row, item.start, item.end))


def _name_perpetrator(target: dict, name: str, attribution: str, source: str | None, evidence: dict) -> None:
    from .notes import note_for

    if target.get("_guessed_actor2") and target.get("actor1") != name and not _generic_side(target.get("actor1") or ""):
        target["actor2"] = None  # guessed as the adversary of the side that was guessed before
    target["actor1"] = name
    if target.get("actor2") == name:
        target["actor2"] = None
    target["_guessed_actor1"] = False
    target["_article_actor1"] = False
    target["attribution"], target["source"] = attribution, source
    target.setdefault("mentions", [dict(target["evidence"])]).append(dict(evidence))
    target["notes"] = note_for(target)


def _told_in(row: dict, start: int, end: int) -> bool:
    return any(start <= m["start"] < end for m in [row["evidence"], *row.get("mentions", [])])


def _incident_of(said, rows: list[dict]) -> dict | None:
    """The open incident a claim or blame is about: one told in its own sentence, else the
    last one told before it ("... killing four soldiers. The BLA said it had planted the device")."""
    here = next((r for r in rows if _told_in(r, said.start, said.end)), None)
    if here is not None:
        return here
    before = [r for r in rows if r["evidence"]["start"] < said.start]
    return max(before, key=lambda r: r["evidence"]["start"]) if before else None


def attach_claims(rows: list[dict], said: Sequence = (), text: str = "", headline: str | None = None) -> list[dict]:
    """A claim of responsibility is not an event (taxonomy): it names actor1 of the incident it
    is about, with attribution 'claimed'; so does a blame, with 'alleged' (`said`: the claims
    and blames read from the parse, events/responsibility.py). A claim of acts in general
    ("similar attacks") names no incident and is dropped."""
    kept = [r for r in rows if not is_claim(r)]
    for claim in (r for r in rows if is_claim(r)):
        claimant = claim.get("actor1")
        text_ = claim["evidence"]["text"]
        if not claimant or claimant.startswith(UNIDENTIFIED) or not _claimed_one().search(text_) or acts_in_general().search(text_):
            continue
        open_rows = [r for r in kept if _open(r)]
        if not open_rows:
            continue
        # the story's main incident: the first told (headline, lead), unless one is told nearer before the claim
        _name_perpetrator(open_rows[0], claimant, "claimed", claimant, claim["evidence"])
    for item in said:
        group = item.side.get("type") in CLAIMANT_TYPES
        target = _incident_of(item, [r for r in kept if _open(r, group) or _blamed_here(r, item)])
        name = item.name_in(target.get("country")) if target is not None else None
        if not name:
            continue
        _name_perpetrator(target, name, item.kind, name if item.kind == "claimed" else item.source, item.evidence(text))
    if headline and kept and kept[0].get("event_type") in VIOLENT_TYPES:
        _name_from_headline(kept[0], headline)
    return kept


def _name_from_headline(row: dict, canonical: str) -> None:
    """The story's main incident takes the group its headline names (events/headline_side.py)
    for the side the body left unnamed or known only by its kind: the doer ("Al-Shabaab attack
    ... kills 4" over "gunmen attacked"), else the side a named doer hit ("Somali army kills 15
    al-Shabaab fighters" over "troops killed 15 militants")."""
    from ..language.countries import iso2_for
    from .notes import note_for
    from .sides import side_name

    name = side_name({"canonical": canonical, "resolved_by": "member"}, iso2_for(row["country"]) if row.get("country") else None)
    if not name or name in (row.get("actor1"), row.get("actor2")):
        return
    if _open(row):
        row["actor1"], row["_guessed_actor1"], row["_article_actor1"] = name, False, False
    elif row.get("actor2") and (row["actor2"].startswith(UNIDENTIFIED) or _generic_side(row["actor2"])) \
            and not _generic_side(row["actor1"]):
        row["actor2"], row["_guessed_actor2"] = name, False
    else:
        return
    row["notes"] = note_for(row)


def assemble(events: list[dict], tolls: list[dict] = (), said: Sequence = (), text: str = "", headline: str | None = None) -> list[dict]:
    """Events of one article, in text order, assembled into incidents (in order of first
    mention); `tolls` are tolls told apart from any event (`fatalities.later_tolls`), `said` the
    article's claims and blames (events/responsibility.py), `text` its body, `headline` the
    group its headline names as a doer (events/headline_side.py)."""
    rows: list[dict] = []
    for ev in sorted(events, key=lambda e: e["evidence"]["start"]):
        if ev.get("attribution") == "reported" and ev.get("actor1") and not ev["actor1"].startswith(UNIDENTIFIED):
            ev["_actor1_reported"] = True
        home = next((r for r in rows if same_incident(r, ev)), None)
        if home is None:
            rows.append(ev)
            continue
        _absorb(home, ev)
    rows = attach_claims(rows, said, text, headline)
    attach_tolls(rows, list(tolls))
    for row in rows:
        row.pop("_actor1_reported", None)
        row.pop("_toll", None)
        row.pop("_tolls_from", None)
        row.pop("_toll_revised", None)
        if row.get("event_type") != EVENT_TYPE.get(row.get("sub_event_type"), row.get("event_type")):
            row["event_type"] = EVENT_TYPE[row["sub_event_type"]]
        row["actor1"] = crowd_for(row.get("actor1"), row.get("event_type"))
    return rows
