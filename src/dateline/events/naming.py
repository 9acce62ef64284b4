"""ACLED actor names for an event, which depend on the event's country:
"Islamic State" fighting in Syria is "Islamic State (Syria)", civilians in Iraq are
"Civilians (Iraq)", police in the United States "Police Forces of the United States".
The rules live with the actor dictionary (`dateline.language.actors`) and the
country table; this module is the event coder's one door to them.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..acled import actor_kind
from ..language.actors import actor_for_event, actor_for_role, load_dictionary
from ..language.countries import country_name as _country_name
from ..language.countries import iso2_for

# What a crowd is called in each kind of crowd event: protesters who riot are rioters.
CROWD_ROLES = {"Protests": "protesters", "Riots": "rioters"}


@lru_cache(maxsize=4096)
def country_name(iso2: str | None) -> str | None:
    return _country_name(iso2) if iso2 else None


def country_name_of(iso2: str | None, place: dict | None) -> str | None:
    return country_name(iso2) or (place or {}).get("country")


def actor_name(canonical: str | None, iso2: str | None) -> str | None:
    return actor_for_event(canonical, iso2) if canonical else None


def member_name(canonical: str, iso2: str | None) -> str | None:
    """A side said to belong to a group ("IS-linked insurgents"): the group's branch in the event's
    country where the dictionary names one ("Islamic State (Mozambique)"), else the group."""
    entry = load_dictionary().lookup(canonical)
    branch = entry.branches.get((iso2 or "").upper()) if entry is not None else None
    return actor_name(branch or canonical, iso2)


def _role(role: str, iso2: str | None, bare: str) -> str:
    return (actor_for_role(role, iso2) if iso2 else None) or bare


def civilians_of(iso2: str | None) -> str:
    return _role("civilians", iso2, "Civilians")


def unidentified_of(iso2: str | None) -> str:
    return _role("unidentified", iso2, "Unidentified Armed Group")


def forces_of(role: str, iso2: str | None) -> str:
    """A country's forces of a kind ("military", "police") named for the event's country."""
    return _role(role, iso2, "Police Forces" if role == "police" else "Military Forces")


def rioters_of(iso2: str | None) -> str:
    return _role("rioters", iso2, "Rioters")


def police_of(iso2: str | None) -> str:
    return _role("police", iso2, "Police Forces")


def government_of(iso2: str | None) -> str:
    return _role("government", iso2, "Government")


def crowd_role(name: str | None) -> tuple[str, str | None] | None:
    """(role, ISO2) when `name` is a crowd's name ("Protesters (Iraq)", "Rioters (Iraq)"), else None."""
    kind = actor_kind(name)
    if kind is None or kind.role not in CROWD_ROLES.values():
        return None
    return kind.role, iso2_for(kind.country) if kind.country else None


def crowd_for(name: str | None, event_type: str | None) -> str | None:
    """A crowd's name for the kind of event it is in: in a riot the protesters are "Rioters (X)",
    in a protest the rioters "Protesters (X)"; any other name as it is."""
    crowd = crowd_role(name)
    role = CROWD_ROLES.get(event_type or "")
    if crowd is None or role is None or crowd[0] == role:
        return name
    return _role(role, crowd[1], name)


@lru_cache(maxsize=1)
def _role_patterns() -> list:
    """Every role's name as a pattern, with the role (not a named community's militia)."""
    found = []
    for role in load_dictionary().roles:
        if "{group}" in role.template:
            continue
        pattern = re.escape(role.template).replace(r"\{country\}", ".+")
        found.append((re.compile(pattern + "$"), role))
    return found


def in_event_country(name: str | None, iso2: str | None) -> str | None:
    """A side named by the country of its context ("Opposition Rebels (France)" from "France
    said ... attacks on opposition forces"), renamed for the country where the event is. Only
    roles ACLED names by the event's country (civilians, protesters, rioters, an unidentified
    armed group, generic rebels); state forces stay their owner's."""
    if not name or not iso2:
        return name
    for pattern, role in _role_patterns():
        if role.country_from == "context" and pattern.match(name):
            return role.name(iso2) or name
    return name
