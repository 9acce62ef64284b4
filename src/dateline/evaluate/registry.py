"""Sections of the score, registered by name (spaCy-style), so the scorer runs them all
without knowing them and a new section is one module with one decorator.

An article section counts one article pair at a time; its counts are summed over the
corpus (micro-averaging) and then summarised into rates:

    class Section:
        name: str
        def count(self, pair: ArticlePair) -> tuple[dict, dict]:   # (counts, details)
        def summarise(self, counts: dict) -> dict:                 # figures
"""

from __future__ import annotations

from typing import Any, Callable, Protocol

from .pairing import ArticlePair


class ArticleSection(Protocol):
    name: str

    def count(self, pair: ArticlePair) -> tuple[dict[str, Any], dict[str, Any]]: ...

    def summarise(self, counts: dict[str, Any]) -> dict[str, Any]: ...


ARTICLE_SECTIONS: dict[str, Callable[[], ArticleSection]] = {}


def article_section(name: str):
    """Register a section class under `name` (the key of its figures in the result)."""

    def register(cls):
        cls.name = name
        ARTICLE_SECTIONS[name] = cls
        return cls

    return register
