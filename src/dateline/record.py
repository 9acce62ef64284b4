"""The article record: dateline's output contract (docs/record-format.md).

An `Article` is what every stage hands on: the reader fills the text parts, the
language layer fills entities, places, quotes and quantities, the event coder fills
events. Items inside the lists are plain dicts shaped exactly like the contract, so
what a component produces is what lands in the JSON Lines file; their shapes are the
TypedDicts below (`Event`, `Place`, `Quote`, `Quantity`, `Entity`), one ordered field
list each, in the order the JSON Lines output writes them. `Required[...]` marks the
contract's required fields, `Annotated[..., COLUMN]` the ones the store keeps in a
column of the item's table; everything that lists an item's fields (the store's rows,
the evaluator's checks) reads `fields(Item)` instead of writing the list out again.
"""

from __future__ import annotations

import functools
import hashlib
import re
import types
import typing
import unicodedata
from dataclasses import dataclass, field
from typing import Annotated, Any, Required, TypedDict

_WS = re.compile(r"\s+")

CREDIT_ROLES = ("reporting", "writing", "editing", "additional_reporting")


def article_id(body: str) -> str:
    """First 16 hex digits of sha256 of the NFC body with white space collapsed."""
    norm = unicodedata.normalize("NFC", body)
    norm = _WS.sub(" ", norm.replace("\u00a0", " ")).strip()
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()[:16]


def empty_credits() -> dict[str, list[str]]:
    return {role: [] for role in CREDIT_ROLES}


COLUMN = "column"  # marks a field the store keeps in a column of the item's table


class Evidence(TypedDict):
    start: int
    end: int
    text: str


class Event(TypedDict, total=False):
    event_date: Required[Annotated[str | None, COLUMN]]  # YYYY-MM-DD
    time_precision: Required[Annotated[int, COLUMN]]  # 1 day, 2 week or span, 3 month
    event_type: Required[Annotated[str, COLUMN]]
    sub_event_type: Required[Annotated[str, COLUMN]]
    actor1: Required[Annotated[str | None, COLUMN]]
    actor2: Required[Annotated[str | None, COLUMN]]
    assoc_actor_1: str  # ACLED's associated actors of actor1 ("; " between names), when the text names allies
    assoc_actor_2: str
    location: Required[Annotated[str | None, COLUMN]]
    location_resolved: str | None  # the gazetteer's name for `location`
    country: Required[Annotated[str | None, COLUMN]]
    admin1: Annotated[str | None, COLUMN]
    latitude: Required[Annotated[float | None, COLUMN]]
    longitude: Required[Annotated[float | None, COLUMN]]
    geo_precision: Required[Annotated[int, COLUMN]]  # 1 the place, 2 near it, 3 the region
    fatalities: Required[Annotated[int | None, COLUMN]]
    attribution: Required[Annotated[str, COLUMN]]  # reported, claimed, alleged, denied
    source: Annotated[str | None, COLUMN]
    evidence: Required[Evidence]  # the store keeps it in evidence_start/_end/_text
    trigger: dict[str, Any]  # the words that set the coder off: text, start, end, class
    year: int | None  # an event known only to the year (event_date null)
    confidence: Annotated[float, COLUMN]
    notes: Annotated[str | None, COLUMN]  # ACLED-style one-line description
    mentions: list[Evidence]  # every sentence of the article that tells of it (events/incidents.py)


class Quote(TypedDict, total=False):
    text: Required[Annotated[str, COLUMN]]
    kind: Required[Annotated[str, COLUMN]]  # direct or indirect
    speaker: Required[Annotated[str | None, COLUMN]]
    speaker_title: Annotated[str | None, COLUMN]
    start: Required[Annotated[int, COLUMN]]
    end: Required[Annotated[int, COLUMN]]


class Quantity(TypedDict, total=False):
    low: Required[Annotated[float, COLUMN]]
    high: Required[Annotated[float, COLUMN]]
    approximate: Required[Annotated[bool, COLUMN]]
    counts: Required[Annotated[str, COLUMN]]
    claimant: Required[Annotated[str | None, COLUMN]]
    start: Required[Annotated[int, COLUMN]]
    end: Required[Annotated[int, COLUMN]]


class Place(TypedDict, total=False):
    name: Required[Annotated[str, COLUMN]]
    resolved: Required[Annotated[str | None, COLUMN]]
    geonameid: Annotated[int | None, COLUMN]
    latitude: Required[Annotated[float | None, COLUMN]]
    longitude: Required[Annotated[float | None, COLUMN]]
    country_code: Required[Annotated[str | None, COLUMN]]  # ISO 3166-1 alpha-2
    feature: Annotated[str | None, COLUMN]
    start: Required[Annotated[int, COLUMN]]
    end: Required[Annotated[int, COLUMN]]
    # What the language layer adds for the event coder (docs/architecture.md).
    admin1: str | None
    country: str | None
    population: int | None
    in_dateline: bool
    geo_precision: int


class Entity(TypedDict, total=False):
    text: Required[Annotated[str, COLUMN]]
    label: Required[Annotated[str, COLUMN]]
    canonical: Required[Annotated[str | None, COLUMN]]
    start: Required[Annotated[int, COLUMN]]
    end: Required[Annotated[int, COLUMN]]


@dataclass(frozen=True)
class Field:
    """One field of a record item, as its TypedDict declares it."""

    name: str
    kind: type  # the type of its value when there is one: str, int, float, bool, dict, list
    required: bool  # docs/record-format.md marks it required
    column: bool  # the store keeps it in a column of the item's table


def fields(item: type) -> tuple[Field, ...]:
    """The fields of a record item (`Event`, `Place`, ...), in declared order."""
    return _fields(item)


@functools.lru_cache(maxsize=None)
def _fields(item: type) -> tuple[Field, ...]:
    hints = typing.get_type_hints(item, include_extras=True)
    out = []
    for name in item.__annotations__:
        hint = hints[name]
        column = required = False
        while True:  # unwrap Required[...] and Annotated[..., COLUMN]
            origin = typing.get_origin(hint)
            if origin is Required:
                hint, required = typing.get_args(hint)[0], True
            elif origin is Annotated:
                hint, *marks = typing.get_args(hint)
                column = column or COLUMN in marks
            else:
                break
        # Read from the hints: with postponed annotations TypedDict cannot see Required.
        out.append(Field(name, _value_type(hint), required, column))
    return tuple(out)


def _value_type(hint: Any) -> type:
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        hint = next(a for a in typing.get_args(hint) if a is not type(None))
    origin = typing.get_origin(hint)
    if origin is not None:
        return origin  # dict[str, Any] -> dict
    return dict if typing.is_typeddict(hint) else hint


def columns(item: type) -> dict[str, type]:
    """The fields the store keeps in columns of the item's table, with their value types."""
    return {f.name: f.kind for f in fields(item) if f.column}


def required(item: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(item) if f.required)


# The record's lists of items, and the type of each list's items.
ITEMS: dict[str, type] = {"events": Event, "quotes": Quote, "quantities": Quantity, "places": Place, "entities": Entity}


@dataclass
class Article:
    """One article, in the shape of the record format."""

    body: str
    id: str = ""
    title: str | None = None
    byline: list[str] = field(default_factory=list)
    dateline: dict[str, Any] | None = None
    published: dict[str, Any] | None = None
    captions: list[str] = field(default_factory=list)
    credits: dict[str, list[str]] = field(default_factory=empty_credits)
    story: str = ""
    duplicate_of: str | None = None
    events: list[Event] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    # Additions the contract allows: where the article came from, and its subheads.
    subheads: list[str] = field(default_factory=list)
    url: str | None = None
    source: dict[str, Any] | None = None

    def __post_init__(self) -> None:
        if not self.id:
            self.id = article_id(self.body)
        if not self.story:
            self.story = self.id

    def to_dict(self) -> dict[str, Any]:
        # Shallow: the fields already hold plain dicts and lists, and dataclasses.asdict
        # deep-copies them all (a fifth of the main process's time on a big run).
        return {name: getattr(self, name) for name in _FIELDS}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Article":
        return cls(**{k: v for k, v in data.items() if k in _FIELDS})


_FIELDS = tuple(Article.__dataclass_fields__)
