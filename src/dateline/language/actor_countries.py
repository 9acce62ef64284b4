"""Which country an actor phrase belongs to, read from the text around it.

A country or place named in the same clause, else in the same sentence, else earlier
in the paragraph, else the article's focus country (`CountryContext`). Country names
and demonyms are found by `CountryMentions`; sponsors ("Iran-backed") and places named
as a direction ("near the border with Tajikistan") are not owners.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from .. import vocab
from . import countries as C
from .doccache import text as doc_text

@lru_cache(maxsize=1)
def _geographic_lead() -> re.Pattern:
    """"near the border with Tajikistan, government forces ...": not Tajikistan's (data/en/geographic_leads.json)."""
    leads = "|".join(re.escape(w) for w in vocab.ordered("geographic_leads"))
    return re.compile(r"(?:" + leads + r")\s+(?:the\s+)?$", re.IGNORECASE)


def sponsor_follows(doc: Doc, end: int) -> bool:
    """"Iran - backed": a hyphen and a sponsor word right after token `end - 1`."""
    if end + 1 < len(doc) and doc[end].text == "-" and not doc[end - 1].whitespace_:
        return doc[end + 1].lower_ in vocab.words("sponsor_suffixes")  # "Iran-backed"
    return False


@dataclass
class CountryContext:
    """Country mentions of one document, and the rules that pick one for a position."""

    hits: list[tuple[int, str, int, bool]]  # (char offset, ISO2, token index, is a demonym), sorted
    sent_starts: list[int]
    paragraph_starts: list[int]
    focus: str | None

    def __post_init__(self) -> None:
        self.offsets = [h[0] for h in self.hits]

    def _in(self, lo: int, hi: int) -> list[tuple[int, str, int, bool]]:
        i, j = bisect.bisect_left(self.offsets, lo), bisect.bisect_left(self.offsets, hi)
        return self.hits[i:j]

    @staticmethod
    def _pick(before: list, after: list) -> str | None:
        """Names and places before demonyms ("a Moroccan woman at al-Hol camp" is in Syria),
        nearest before the phrase, else nearest after it."""
        for weak in (False, True):
            b = [h for h in before if h[3] == weak]
            if b:
                return b[-1][1]
            a = [h for h in after if h[3] == weak]
            if a:
                return a[0][1]
        return None

    def at(self, char: int, clause: set[int] | None = None) -> str | None:
        """The country a phrase at `char` is about: the one named in its own clause, else in
        its sentence (see `_pick`), else the nearest before it in the paragraph, else the focus."""
        si = bisect.bisect_right(self.sent_starts, char) - 1
        s_lo = self.sent_starts[si] if si >= 0 else 0
        s_hi = self.sent_starts[si + 1] if si + 1 < len(self.sent_starts) else 1 << 62
        before = self._in(s_lo, char)
        after = self._in(char, s_hi)
        if clause:
            found = self._pick([h for h in before if h[2] in clause], [h for h in after if h[2] in clause])
            if found:
                return found
        found = self._pick(before, after)
        if found:
            return found
        pi = bisect.bisect_right(self.paragraph_starts, char) - 1
        p_lo = self.paragraph_starts[pi] if pi >= 0 else 0
        earlier = self._in(p_lo, char)
        if earlier:
            return earlier[-1][1]
        return self.focus

    def near(self, char: int, clause: set[int] | None = None) -> set[str]:
        """Every country this position could belong to: its context and the article's focus."""
        return {c for c in (self.at(char, clause), self.focus) if c}


class CountryMentions:
    """Country names and demonyms in running text (for context and focus)."""

    def __init__(self, nlp: Language):
        self.vocab = nlp.vocab
        self.exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.folded = PhraseMatcher(nlp.vocab, attr="LOWER")
        by_key: dict[tuple[str, bool], list[str]] = {}
        for form, iso2, kind in C.surface_forms():
            by_key.setdefault((f"{iso2}|{kind}", C.is_exact_form(form)), []).append(form)
        for (key, exact), forms in by_key.items():
            matcher = self.exact if exact else self.folded
            matcher.add(key, list(nlp.tokenizer.pipe(forms)))

    def __call__(self, doc: Doc, named_ents: list[Span]) -> list[tuple[int, str, str, int]]:
        """(char offset, ISO2, kind, token index) of country names and demonyms outside named actors,
        leaving out sponsors ("Iran-backed")."""
        inside = [(e.start, e.end) for e in named_ents]
        spans = []
        for matcher in (self.exact, self.folded):
            for match_id, start, end in matcher(doc):
                spans.append((start, end, self.vocab.strings[match_id]))
        spans.sort(key=lambda x: (x[0], -(x[1] - x[0])))
        hits = []
        last_end = -1
        text = doc_text(doc)
        for start, end, key in spans:
            if start < last_end or any(s <= start < e for s, e in inside):
                continue
            if sponsor_follows(doc, end):
                continue
            iso2, kind = key.split("|")
            if kind == "demonym" and end < len(doc) and doc[end].lower_ in ("border", "borders", "frontier"):
                continue  # "near the Somali border" is said from the other side
            if kind != "demonym" and _geographic_lead().search(text[max(0, doc[start].idx - 30) : doc[start].idx]):
                continue
            last_end = end
            hits.append((doc[start].idx, iso2, kind, start))
        return hits


def place_mentions(doc: Doc, named_ents: list[Span], owned: list[tuple[int, int]],
                    known: set[str | None], homes: set[str]) -> list[tuple[int, str, int, bool]]:
    """Places with a country. A place in a country the article never names, is not about,
    and where none of the local armed groups it names is at home ("near Boni" put in
    Germany in a story about JNIM and the Malian army) is taken for a wrong resolution
    and left out."""
    out = []
    inside = [(e.start_char, e.end_char) for e in named_ents] + owned
    for place in doc._.places or []:
        code = place.get("country_code")
        if not code or place.get("in_dateline"):
            continue
        start = place.get("start", 0)
        if any(s <= start < e for s, e in inside):
            continue
        span = doc.char_span(start, place.get("end", start + 1), alignment_mode="expand")
        if span is not None:
            if homes and code not in known | homes:
                continue
            out.append((start, code, span.start, False))
    return out


def fallback_focus(doc: Doc, hits: list[tuple[int, str, str, int]], homes: list[str] = ()) -> str | None:
    """The country the article is mostly about, when places has not said: the most
    mentioned one, the first paragraph and the dateline's country counting extra, and
    the home countries of the local armed groups it names."""
    scores: Counter = Counter()
    for iso in homes:
        scores[iso] += 1
    text = doc_text(doc)
    first_para_end = text.find("\n\n")
    first_para_end = len(text) if first_para_end < 0 else first_para_end
    first_seen: dict[str, int] = {}
    for char, iso2, _kind, _tok in hits:
        scores[iso2] += 2 if char < first_para_end else 1
        first_seen.setdefault(iso2, char)
    for iso in homes:
        first_seen.setdefault(iso, len(text))
    dateline = (doc._.meta or {}).get("dateline") or {}
    iso = C.iso2_for(dateline.get("country")) if dateline.get("country") else None
    if iso:
        scores[iso] += 3
        first_seen.setdefault(iso, -1)
    if not scores:
        return None
    return max(scores, key=lambda k: (scores[k], -first_seen[k]))
