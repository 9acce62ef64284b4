"""The actor dictionary (`data/actors.jsonl`) and the ACLED names it gives.

Named actors with their aliases, roles ("government forces" -> "Military Forces of
{country}"), descriptors ("U.S.-backed fighters" in Syria are the SDF) and words
that are never entities. Read by the actor ruler, the actor resolver and the event
coder (`actor_for_event`, `actor_for_role`). Naming is by rule from the country
table (`countries.py`), so it works for every country.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from . import countries as C

_APOS = str.maketrans({"’": "'", "‘": "'", "`": "'"})


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", text.translate(_APOS)).strip().lower()


def has_word(text: str, word: str) -> bool:
    return _word_pattern(word).search(text) is not None


@lru_cache(maxsize=20_000)  # more words than re's own cache of 512 patterns holds
def _word_pattern(word: str) -> re.Pattern:
    return re.compile(r"(?<![\w.'])" + re.escape(word) + r"(?![\w'])")


def is_exact_alias(alias: str) -> bool:
    """Acronyms and short names match only as written ("IS", "LeT", "JeM", "Fano")."""
    return C.is_exact_form(alias) or sum(ch.isalpha() for ch in alias) <= 4


@dataclass(frozen=True)
class NamedActor:
    canonical: str  # entity name ("U.S. Central Command")
    type: str
    label: str
    country: str | None
    aliases: tuple[str, ...]
    actor: str | None = None  # ACLED actor when it differs ("Military Forces of the United States")
    per_country: frozenset[str] = frozenset()
    branches: dict[str, str] = field(default_factory=dict)  # ISO2 -> its local branch's canonical, for affiliates
    ambiguous: frozenset[str] = frozenset()
    exact: frozenset[str] = frozenset()
    alias_context: dict[str, frozenset[str]] = field(default_factory=dict)

    @property
    def actor_name(self) -> str:
        return self.actor or self.canonical


@dataclass(frozen=True)
class Role:
    role: str
    type: str
    label: str | None
    template: str
    country_from: str  # "owner": needs an owner, a state cue or a standalone head; "context": always
    heads: frozenset[str]
    standalone: frozenset[str]
    entity_heads: frozenset[str]
    entity_needs_owner: bool
    not_before: frozenset[str]
    groups: tuple[str, ...]
    # A generic side ACLED names by country when no group is meant ("Opposition Rebels (Syria)"):
    # the resolver gives it to a coreference noun with no antecedent, by the noun or its modifiers.
    generic: bool = False
    cues: frozenset[str] = frozenset()  # modifiers that make a coreference noun this side ("Islamist militants")
    # words that refer back only to a group the article itself calls by one of them: "the
    # rebels" after "Houthi rebels" are the Houthis, after a jihadist group named alone they are not
    own_words: frozenset[str] = frozenset()

    def name(self, iso2: str | None, group: str | None = None) -> str | None:
        c = C.country(iso2)
        if c is None:
            return None
        where = c.name_with_article if "of {country}" in self.template else c.name
        text = self.template.replace("{country}", where)
        if "{group}" in text:
            text = text.replace("{group}", group or "").strip()
        return text


@dataclass(frozen=True)
class Descriptor:
    canonical: str
    heads: frozenset[str]
    cues: tuple[tuple[str, ...], ...]  # alternatives; each: words that must all appear
    context: frozenset[str]
    blockers: tuple[str, ...]
    country_by: str  # "owner" (an owner demonym decides, else the context) or "context"
    # countries where it also holds when its sentence names forces of a `context` country
    # ("Turkish warplanes kill Kurdish militants in northern Iraq": the PKK there too)
    abroad: frozenset[str] = frozenset()

    def matches(self, head: str, modifier: str, countries: set[str], owners: frozenset[str] = frozenset()) -> bool:
        if head not in self.heads:
            return False
        if self.context and not (countries & self.context) and not (countries & self.abroad and owners & self.context):
            return False
        if any(has_word(modifier, b) for b in self.blockers):
            return False
        return any(all(has_word(modifier, w) for w in cue) for cue in self.cues)


@dataclass
class ActorDictionary:
    named: dict[str, NamedActor]
    roles: list[Role]
    descriptors: list[Descriptor]
    by_actor_name: dict[str, NamedActor]
    not_entities: frozenset[str] = frozenset()
    by_alias: dict[str, list[NamedActor]] = field(default_factory=dict)

    @property
    def head_phrases(self) -> set[str]:
        heads: set[str] = set()
        for role in self.roles:
            heads |= role.heads
        for d in self.descriptors:
            heads |= d.heads
        return heads

    def lookup(self, name: str | None) -> NamedActor | None:
        if not name:
            return None
        return self.named.get(name) or self.by_actor_name.get(name)


def lowered(items: Iterable[str]) -> frozenset[str]:
    return frozenset(norm(x) for x in items)


@lru_cache(maxsize=1)
def load_dictionary() -> ActorDictionary:
    named: dict[str, NamedActor] = {}
    roles: list[Role] = []
    descriptors: list[Descriptor] = []
    not_entities: set[str] = set()
    path = resources.files("dateline.data").joinpath("actors.jsonl")
    with path.open(encoding="utf-8") as handle:
        for line_no, line in enumerate(handle, 1):
            if not line.strip():
                continue
            row = json.loads(line)
            kind = row.get("kind", "actor")
            if kind == "actor":
                named[row["canonical"]] = NamedActor(
                    canonical=row["canonical"],
                    type=row["type"],
                    label=row.get("label") or "ORG",
                    country=row.get("country"),
                    aliases=tuple(dict.fromkeys(row["aliases"])),
                    actor=row.get("actor"),
                    per_country=frozenset(row.get("per_country", ())),
                    branches=dict(row.get("branches") or {}),
                    ambiguous=frozenset(row.get("ambiguous", ())),
                    exact=frozenset(row.get("exact", ())),
                    alias_context={k: frozenset(v) for k, v in (row.get("alias_context") or {}).items()},
                )
            elif kind == "role":
                roles.append(Role(
                    role=row["role"],
                    type=row["type"],
                    label=row.get("label"),
                    template=row["template"],
                    country_from=row.get("country_from", "owner"),
                    heads=lowered(row["heads"]),
                    standalone=lowered(row.get("standalone", ())),
                    entity_heads=lowered(row.get("entity_heads", ())),
                    entity_needs_owner=bool(row.get("entity_needs_owner")),
                    not_before=lowered(row.get("not_before", ())),
                    groups=tuple(row.get("groups", ())),
                    generic=bool(row.get("generic")),
                    cues=lowered(row.get("cues", ())),
                    own_words=lowered(row.get("own_words", ())),
                ))
            elif kind == "descriptor":
                descriptors.append(Descriptor(
                    canonical=row["canonical"],
                    heads=lowered(row["heads"]),
                    cues=tuple(tuple(norm(w) for w in cue) for cue in row["cues"]),
                    context=frozenset(row.get("context", ())),
                    blockers=tuple(norm(b) for b in row.get("blockers", ())),
                    country_by=row.get("country_by", "owner"),
                    abroad=frozenset(row.get("abroad", ())),
                ))
            elif kind == "not_entity":
                not_entities.update(row["words"])
            elif kind != "note":
                raise ValueError(f"actors.jsonl line {line_no}: unknown kind {kind!r}")
    for d in descriptors:
        if d.canonical not in named:
            raise ValueError(f"actors.jsonl: descriptor names {d.canonical!r}, which has no actor line")
    by_actor: dict[str, NamedActor] = {}
    for entry in named.values():
        by_actor.setdefault(entry.actor_name, entry)
    by_alias: dict[str, list[NamedActor]] = {}
    for entry in named.values():
        for alias in entry.aliases:
            by_alias.setdefault(alias, []).append(entry)
    return ActorDictionary(named=named, roles=roles, descriptors=descriptors, by_actor_name=by_actor,
                           not_entities=frozenset(not_entities), by_alias=by_alias)


def actor_for_event(canonical: str | None, event_country_iso2: str | None) -> str | None:
    """The ACLED actor name for an event in a country.

    "Islamic State" + SY -> "Islamic State (Syria)"; in other countries plain
    "Islamic State"; an entity such as "U.S. Central Command" becomes its actor,
    "Military Forces of the United States"; state forces and names the dictionary
    does not know come back unchanged.
    """
    if not canonical:
        return canonical
    entry = load_dictionary().lookup(canonical)
    if entry is None:
        return canonical
    name = entry.actor_name
    if event_country_iso2 and event_country_iso2.upper() in entry.per_country:
        return f"{name} ({C.country_name(event_country_iso2)})"
    return name


def actor_for_role(role: str, iso2: str | None, group: str | None = None) -> str | None:
    """The actor a role names in a country: ("military", "KE") -> "Military Forces of Kenya".

    Roles: military, police, government, civilians, protesters, rioters, unidentified,
    communal ("{group} Ethnic Militia (COUNTRY)"), tribal, and the generic sides (rebels,
    islamist, communal_unnamed, mutiny)."""
    for r in load_dictionary().roles:
        if r.role == role:
            return r.name(iso2, group)
    raise KeyError(role)


def named_aliases() -> Iterable[tuple[str, str]]:
    """(alias, canonical) for every named actor; for other components' lookups."""
    for entry in load_dictionary().named.values():
        for alias in entry.aliases:
            yield alias, entry.canonical
