"""ACLED's derived columns for an event: disorder type, inter codes, civilian targeting, iso, region.

Each is worked out from what the event already says (its type, its actors' names, its
country), through ACLED's own tables (data/acled.json, data/acled_countries.csv) and
the actor dictionary (data/actors.jsonl). What the tables do not settle is left empty:
a code dateline is not sure of would be a guess in a column an analyst joins on.
"""

from __future__ import annotations

import csv
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

# "Military Forces of Syria (2000-)", "Military Forces of Iraq (2014-2018)": ACLED's regime years.
_YEARS = re.compile(r"\s*\(\d{4}-(?:\d{4})?\)\s*$")


@dataclass(frozen=True)
class ActorKind:
    type: str  # data/actors.jsonl `type`
    role: str | None = None  # the role whose template named it, if one did
    country: str | None = None  # the actor's own country, as an ACLED country name


def _data(name: str):
    return resources.files("dateline.data").joinpath(name)


@lru_cache(maxsize=1)
def tables() -> dict[str, Any]:
    return json.loads(_data("acled.json").read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _countries() -> tuple[dict[str, tuple[str, str]], dict[str, str]]:
    """ACLED country name -> (iso, region); ISO2 -> ACLED country name."""
    with _data("countries.csv").open(encoding="utf-8") as fh:
        names = {row["iso2"]: row["name"] for row in csv.DictReader(fh)}
    with _data("acled_countries.csv").open(encoding="utf-8") as fh:
        by_name = {names[row["iso2"]]: (row["iso"], row["region"]) for row in csv.DictReader(fh) if row["iso2"] in names}
    return by_name, names


@lru_cache(maxsize=1)
def _actor_index() -> tuple[dict[str, ActorKind], list[tuple[re.Pattern, str, str]]]:
    """Dictionary actors by every name ACLED gives them, and role templates as patterns."""
    _, iso2_names = _countries()
    names: dict[str, ActorKind] = {}
    templates: list[tuple[re.Pattern, str, str]] = []
    with _data("actors.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            entry = json.loads(line)
            if entry.get("kind") == "actor" and entry.get("type"):
                kind = ActorKind(entry["type"], country=iso2_names.get(entry.get("country") or ""))
                for name in filter(None, (entry.get("canonical"), entry.get("actor"))):
                    names.setdefault(name, kind)
                    for iso2 in entry.get("per_country") or ():
                        names.setdefault(f"{name} ({iso2_names.get(iso2, iso2)})", kind)
            elif entry.get("kind") == "role" and entry.get("template") and entry.get("type"):
                pattern = re.escape(entry["template"]).replace(r"\{country\}", r"(?P<country>.+)").replace(r"\{group\}", r".+")
                templates.append((re.compile(pattern + r"$"), entry["type"], entry["role"]))
    return names, templates


def actor_kind(name: str | None) -> ActorKind | None:
    """What kind of actor an event's actor1/actor2 names, when the dictionary or a role's template says."""
    if not name:
        return None
    base = _YEARS.sub("", name.strip())
    names, templates = _actor_index()
    if base in names:
        return names[base]
    for pattern, type_, role in templates:  # file order: "unidentified" before the coreference role
        m = pattern.match(base)
        if m:
            return ActorKind(type_, role, m.groupdict().get("country"))
    return None


def inter_code(name: str | None, event_country: str | None) -> int | None:
    """ACLED's inter code for one side of an event, or None when the tables do not settle it."""
    kind = actor_kind(name)
    if kind is None:
        return None
    inter = tables()["inter"]
    if kind.role in inter["by_role"]:
        return inter["by_role"][kind.role]
    code = inter["by_type"].get(kind.type)
    if code == 1:  # state forces outside their own country are external forces to ACLED
        if not (kind.country and event_country):
            return None
        return 1 if kind.country == event_country else 8
    return code


def interaction(inter1: int | None, inter2: int | None, *, sole: bool) -> int | None:
    """ACLED's interaction code: the two inter codes, lower first; an actor alone (`sole`) is N0.

    None when a side is named but has no code: the pair is then unknown, not sole.
    """
    if inter1 is None:
        return None
    if sole:
        return inter1 * 10
    if inter2 is None:
        return None
    low, high = sorted((inter1, inter2))
    return low * 10 + high


def disorder_type(event_type: str | None, sub_event_type: str | None) -> str | None:
    table = tables()["disorder_type"]
    return table["by_sub_event_type"].get(sub_event_type or "") or table["by_event_type"].get(event_type or "")


def acled_columns(ev: dict[str, Any]) -> dict[str, Any]:
    """The ACLED columns an event's own fields settle (empty ones as None)."""
    country = ev.get("country")
    inter1 = inter_code(ev.get("actor1"), country)
    inter2 = inter_code(ev.get("actor2"), country)
    pair = interaction(inter1, inter2, sole=not ev.get("actor2"))
    disorder = disorder_type(ev.get("event_type"), ev.get("sub_event_type"))
    civilians = tables()["inter"]["civilians"]
    targets_civilians = bool(disorder and "Political violence" in disorder) and civilians in (inter1, inter2)
    if ev.get("event_type") == "Violence against civilians":
        targets_civilians = True  # the event type is civilian targeting by definition
    iso, region = _countries()[0].get(country or "", (None, None))
    return {
        "disorder_type": disorder,
        "inter1": inter1,
        "inter2": inter2,
        "interaction": pair,
        "civilian_targeting": tables()["inter"]["civilian_targeting"] if targets_civilians else None,
        "iso": int(iso) if iso else None,
        "region": region or None,
    }
