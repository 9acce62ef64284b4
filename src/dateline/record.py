"""The article record: dateline's output contract (docs/record-format.md).

An `Article` is what every stage hands on: the reader fills the text parts, the
language layer fills entities, places, quotes and quantities, the event coder fills
events. Items inside the lists are plain dicts shaped exactly like the contract, so
what a component produces is what lands in the JSON Lines file.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

_WS = re.compile(r"\s+")

CREDIT_ROLES = ("reporting", "writing", "editing", "additional_reporting")


def article_id(body: str) -> str:
    """First 16 hex digits of sha256 of the NFC body with white space collapsed."""
    norm = unicodedata.normalize("NFC", body)
    norm = _WS.sub(" ", norm.replace("\u00a0", " ")).strip()
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()[:16]


def empty_credits() -> dict[str, list[str]]:
    return {role: [] for role in CREDIT_ROLES}


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
    events: list[dict[str, Any]] = field(default_factory=list)
    quotes: list[dict[str, Any]] = field(default_factory=list)
    quantities: list[dict[str, Any]] = field(default_factory=list)
    places: list[dict[str, Any]] = field(default_factory=list)
    entities: list[dict[str, Any]] = field(default_factory=list)
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
