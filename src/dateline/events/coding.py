"""An event mention (`Candidate`): the coded row of one trigger and what it was read from."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from .attribution import attribute
from .lexicon import TriggerClass

@dataclass
class Candidate:
    cls: TriggerClass
    trigger: Token
    sent: Span
    event: dict
    priority: int
    quote: dict | None = None
    speaker_side: str | None = None
    agency: str | None = None

    def attribute(self) -> None:
        self.event["attribution"], self.event["source"] = attribute(
            self.sent, self.event, self.quote, self.speaker_side, self.agency
        )
