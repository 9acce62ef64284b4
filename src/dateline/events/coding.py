"""One trigger being coded (`Coding`), and the event mention it becomes (`Candidate`).

A `Coding` is what the exclusion checks (`checks.py`) and the strategies (`resolve.py`,
`sides.py`) read and fill in as the coder works through its stages: first the trigger
and its sentence, then its sides from the parse, then its place and the sides' names,
then its date. Fields stay at their defaults until their stage has run.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from spacy.tokens import Span, Token

from ..language.doccache import sent_of
from .attribution import attribute
from .context import ArticleContext
from .lexicon import TriggerClass
from .modality import attempted


@dataclass
class Candidate:
    """An event mention: the coded row and what it was read from."""

    cls: TriggerClass
    trigger: Token
    sent: Span
    event: dict
    priority: int
    quote: dict | None = None
    speaker_side: str | None = None
    agency: str | None = None
    towns: tuple = ()  # (place, geo_precision) of the towns told together with its own ("in Paris and Marseille")

    def attribute(self) -> None:
        self.event["attribution"], self.event["source"] = attribute(
            self.sent, self.event, self.quote, self.speaker_side, self.agency
        )


@dataclass
class Coding:
    """One trigger on its way to an event."""

    ctx: ArticleContext
    cls: TriggerClass
    span: Span
    event_type: str = ""
    sub_event: str = ""
    # sides, from the parse and the article ("roles" stage)
    quote: dict | None = None
    speaker_actor: dict | None = None
    agent: dict | None = None
    patient: dict | None = None
    undergo: bool = False  # the patient is the subject of a verb of undergoing
    victims_civilian: bool = False
    actor1: dict | None = None
    guessed_actor1: bool = False  # actor1 is the article's guess, not the sentence's
    actor1_of_article: bool = False  # actor1 is the article's main side of the class's agent types
    allies1: list = field(default_factory=list)  # associates of actor1 ("backed by ...")
    allies2: list = field(default_factory=list)  # associates of actor2
    # place and the sides' names ("sides" stage)
    place: dict | None = None
    geo_precision: int = 3
    country_code: str | None = None
    a1: str | None = None
    a2: str | None = None
    assoc1: str | None = None  # ACLED's assoc_actor_1: the allies' names, "; " between them
    assoc2: str | None = None
    guessed_actor2: bool = False
    # date ("dated" stage): (event_date, time_precision, year), and whether it is the clause's own
    date: tuple[str | None, int, int | None] = (None, 3, None)
    own_date: bool = False

    @classmethod
    def of(cls, ctx: ArticleContext, trigger_class: TriggerClass, span: Span) -> "Coding":
        return cls(ctx, trigger_class, span, trigger_class.event_type, trigger_class.sub_event_type)

    @property
    def trigger(self) -> Token:
        return self.span.root

    @cached_property
    def sent(self) -> Span:
        return sent_of(self.span.root)

    @property
    def lemma(self) -> str:
        return self.span.root.lemma_.lower()

    @cached_property
    def tried(self) -> bool:
        """An attempt that was made ('tried to storm the town'), for classes where that is a fight."""
        return self.cls.attempt_is_fight and attempted(self.trigger)
