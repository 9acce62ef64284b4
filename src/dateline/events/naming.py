"""ACLED actor names for an event, which depend on the event's country:
"Islamic State" fighting in Syria is "Islamic State (Syria)", civilians in Iraq are
"Civilians (Iraq)". The rules live with the actor dictionary
(`dateline.language.actors.actor_for_event`) and the country table; this module is
the event coder's one door to them.
"""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=4096)
def country_name(iso2: str | None) -> str | None:
    if not iso2:
        return None
    try:
        from ..language.countries import country_name as name
    except ImportError:  # the country table is not installed in this build
        return None
    return name(iso2)


def country_name_of(iso2: str | None, place: dict | None) -> str | None:
    return country_name(iso2) or (place or {}).get("country")


def actor_name(canonical: str | None, iso2: str | None) -> str | None:
    if not canonical:
        return None
    try:
        from ..language.actors import actor_for_event
    except ImportError:
        return canonical
    return actor_for_event(canonical, iso2)


def civilians_of(iso2: str | None) -> str:
    name = country_name(iso2)
    return f"Civilians ({name})" if name else "Civilians"


def unidentified_of(iso2: str | None) -> str:
    name = country_name(iso2)
    return f"Unidentified Armed Group ({name})" if name else "Unidentified Armed Group"


def police_of(iso2: str | None) -> str:
    name = country_name(iso2)
    return f"Police Forces of {name}" if name else "Police Forces"
