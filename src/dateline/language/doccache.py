"""Per-Doc caches for what spaCy recomputes on every access: `doc.text` joins every
token, `token.sent` walks the sentence boundaries, `doc.ents` builds new spans. The
coder asks for these hundreds of times per article."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from functools import wraps
from typing import TypeVar

from spacy.attrs import LEMMA, LOWER, POS, TAG
from spacy.symbols import AUX, VERB
from spacy.tokens import Doc, Span, Token

_KEY = "dateline_events_cache"
# The text apart: it never changes, so every component may read it from the first one on,
# while the sentences and entities are only final once the language pipeline has run.
_TEXT_KEY = "dateline_text"
_LEMMAS_KEY, _WORDS_KEY, _VERBAL_KEY = "dateline_lower_lemmas", "dateline_lower_words", "dateline_verbal"


def text(doc: Doc) -> str:
    """`doc.text`, joined once per Doc."""
    value = doc.user_data.get(_TEXT_KEY)
    if value is None:
        value = doc.user_data[_TEXT_KEY] = doc.text
    return value


def span_text(span: Span) -> str:
    """`span.text`, cut from the Doc's text (the same string: a span's text ends on its last
    token, without that token's space) instead of joined token by token on each access."""
    return text(span.doc)[span.start_char : span.end_char]


def _cache(doc: Doc) -> dict:
    cache = doc.user_data.get(_KEY)
    if cache is None:
        sents = list(doc.sents)
        cache = {
            "sents": sents,
            "starts": [s.start for s in sents],
            "ents": list(doc.ents),
        }
        doc.user_data[_KEY] = cache
    return cache


# lemma hash -> the lemma in lower case, for every Doc: the StringStore's hashes never change
_LOWER_LEMMA: dict[int, str] = {}


def lower_lemmas(doc: Doc) -> list[str]:
    """`token.lemma_.lower()` of every token, by index: scans of a sentence for a few lemmas
    ask this list instead of making a Token of every word. Only once the lemmas are final
    (from the quotes component on: the title-case and headline-verb readings before it rewrite some)."""
    out = doc.user_data.get(_LEMMAS_KEY)
    if out is None:
        strings, known = doc.vocab.strings, _LOWER_LEMMA
        out = doc.user_data[_LEMMAS_KEY] = [known.get(h) or known.setdefault(h, strings[h].lower())
                                            for h in doc.to_array(LEMMA).tolist()]
    return out


def lower_words(doc: Doc) -> list[str]:
    """`token.lower_` of every token, by index (see `lower_lemmas`)."""
    out = doc.user_data.get(_WORDS_KEY)
    if out is None:
        strings = doc.vocab.strings
        out = doc.user_data[_WORDS_KEY] = [strings[h] for h in doc.to_array(LOWER).tolist()]
    return out


def verbal(doc: Doc) -> list[bool]:
    """Is each token a verb: `token.pos_ in ("VERB", "AUX") or token.tag_.startswith("VB")`
    (see `lower_lemmas`)."""
    out = doc.user_data.get(_VERBAL_KEY)
    if out is None:
        strings = doc.vocab.strings
        verb_tags = {h for h in set(doc.to_array(TAG).tolist()) if strings[h].startswith("VB")}
        out = doc.user_data[_VERBAL_KEY] = [p in (VERB, AUX) or t in verb_tags for p, t in doc.to_array([POS, TAG]).tolist()]
    return out


def sents(doc: Doc) -> list[Span]:
    return _cache(doc)["sents"]


def ents(doc: Doc) -> list[Span]:
    return _cache(doc)["ents"]


def sent_of(token: Token | Span) -> Span:
    """The sentence a token (or a span, by its first token) is in."""
    cache = _cache(token.doc)
    i = token.i if isinstance(token, Token) else token.start
    return cache["sents"][bisect_right(cache["starts"], i) - 1]


def next_sent(sent: Span) -> Span | None:
    cache = _cache(sent.doc)
    i = bisect_right(cache["starts"], sent.start)
    return cache["sents"][i] if i < len(cache["sents"]) else None


R = TypeVar("R")


def _remembered_per(key_of: Callable[[Token | Span], object]) -> Callable:
    """A decorator remembering a one-argument function's answer per `key_of(argument)` in the
    Doc's events cache (dropped with it)."""

    def decorate(fn: Callable) -> Callable:
        name = f"{fn.__module__}.{fn.__qualname__}"

        @wraps(fn)
        def remembered(item):
            memo = _cache(item.doc).setdefault(name, {})
            key = key_of(item)
            if key not in memo:
                memo[key] = fn(item)
            return memo[key]

        return remembered

    return decorate


def per_token(fn: Callable[[Token], R]) -> Callable[[Token], R]:
    """`fn(token)` remembered per token of the Doc: the candidate events of one word (one per
    event class) ask the same questions of it. For the event coder only, once the parse is final."""
    return _remembered_per(lambda tok: tok.i)(fn)


def per_sentence(fn: Callable[[Span], R]) -> Callable[[Span], R]:
    """`fn(sentence)` remembered per sentence of the Doc (see `per_token`)."""
    return _remembered_per(lambda sent: (sent.start, sent.end))(fn)


def drop(doc: Doc) -> None:
    """Forget the cache (it must not be serialised with the Doc)."""
    doc.user_data.pop(_KEY, None)
    doc.user_data.pop(_TEXT_KEY, None)
    doc.user_data.pop(_LEMMAS_KEY, None)
    doc.user_data.pop(_WORDS_KEY, None)
    doc.user_data.pop(_VERBAL_KEY, None)
