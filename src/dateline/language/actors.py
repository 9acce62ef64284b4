"""Actors: who is involved, named the way ACLED names them.

Two spaCy components, both driven by the actor dictionary `data/actors.jsonl`:

- `dateline_actor_ruler` (before `ner`): marks the dictionary's named actors as
  entities ("Islamic State", "IS", "SDF", "al-Shabaab", "U.N.") with the canonical
  name as `ent_id`, so the statistical NER cannot split "Islamic State" into NORP
  "Islamic" + "State" and "IS" is caught. Acronyms match case-sensitively, so the
  verb "is" never matches; an ambiguous acronym ("IS") is also refused in
  all-capitals text.
- `dateline_actors` (after `dateline_places`): resolves mentions whose meaning
  depends on the article: "government forces" or "the army" in Syria is Military
  Forces of Syria, "Kenyan police" is Police Forces of Kenya, "civilians" are
  Civilians (COUNTRY), "gunmen" an Unidentified Armed Group (COUNTRY), "the
  militants" after IS was named are Islamic State, "U.S.-backed fighters" in
  Syria are the SDF. It writes `doc._.actors` (every actor mention) and
  `doc._.entities` (record-format entities, non-overlapping).

Naming is by rule from the country table (`countries.py`), so it works for every
country, not only the ones the dictionary lists. Which country a phrase such as
"government forces" belongs to is read from the text around it: a country or place
named in the same clause, else in the same sentence, else earlier in the paragraph,
else the article's focus country.
"""

from __future__ import annotations

import bisect
import json
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from .. import vocab
from . import countries as C

__all__ = [
    "ActorDictionary",
    "actor_for_event",
    "actor_for_role",
    "load_dictionary",
    "named_aliases",
]

# Words that make the word before them a sponsor, not an owner: "Iran-backed
# militias" are not Iranian forces, "U.S.-led coalition" is not the U.S. military.
SPONSOR_SUFFIXES = frozenset(
    "backed led allied supported sponsored trained aligned funded armed linked affiliated "
    "dominated controlled inspired loyal friendly".split()
)
# Words before a head noun that hand it to the state of the country in context.
POSSESSORS_OF_STATE = frozenset({"country", "nation", "government", "state", "regime", "kingdom", "republic"})
STATE_CUES = frozenset("government pro-government regime pro-regime state loyalist national".split())
# Phrases that introduce the name of what was just described ("... known as Popular Mobilisation").
NAMING_PHRASES = (("known", "as"), ("called",), ("dubbed",), ("named",))
# NER labels -> record-format entity labels; everything else (dates, numbers) is dropped.
NER_LABELS = {
    "PERSON": "PERSON",
    "ORG": "ORG",
    "NORP": "NORP",
    "GPE": "GPE",
    "LOC": "LOC",
    "FAC": "FACILITY",
    "EVENT": "EVENT",
    "LAW": "OTHER",
}
# Gazetteer feature -> entity label for places (doc._.places); other features are GPE.
PLACE_FEATURE_LABELS = {
    "river": "LOC", "lake": "LOC", "sea": "LOC", "mountain": "LOC", "mountains": "LOC",
    "desert": "LOC", "valley": "LOC", "continent": "LOC", "island": "LOC", "plain": "LOC",
    "area": "LOC", "coast": "LOC", "gulf": "LOC", "strait": "LOC", "landmark": "LOC",
    "camp": "FACILITY", "airbase": "FACILITY", "airport": "FACILITY", "dam": "FACILITY",
    "military base": "FACILITY", "base": "FACILITY", "prison": "FACILITY", "crossing": "FACILITY",
    "border crossing": "FACILITY", "hospital": "FACILITY", "oil field": "FACILITY", "oilfield": "FACILITY",
}
ARMED_NAMED_TYPES = frozenset({"rebel", "militia"})
ANTECEDENT_WINDOW = 1500  # "the group" refers back at most this many characters
NAME_PARTICLES = vocab.words("name_particles")
FUNCTION_POS = frozenset({"DET", "PRON", "ADP", "NUM", "AUX", "SCONJ", "CCONJ", "PUNCT", "PART", "SYM", "SPACE"})
MAX_MODIFIER_WORDS = 6

_APOS = str.maketrans({"’": "'", "‘": "'", "`": "'"})


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text.translate(_APOS)).strip().lower()


def _has_word(text: str, word: str) -> bool:
    return re.search(r"(?<![\w.'])" + re.escape(word) + r"(?![\w'])", text) is not None


def _is_exact_alias(alias: str) -> bool:
    """Acronyms and short names match only as written ("IS", "LeT", "JeM", "Fano")."""
    return C.is_exact_form(alias) or sum(ch.isalpha() for ch in alias) <= 4


# --------------------------------------------------------------------------- dictionary


@dataclass(frozen=True)
class NamedActor:
    canonical: str  # entity name ("U.S. Central Command")
    type: str
    label: str
    country: str | None
    aliases: tuple[str, ...]
    actor: str | None = None  # ACLED actor when it differs ("Military Forces of the United States")
    per_country: frozenset[str] = frozenset()
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

    def matches(self, head: str, modifier: str, countries: set[str]) -> bool:
        if head not in self.heads:
            return False
        if self.context and not (countries & self.context):
            return False
        if any(_has_word(modifier, b) for b in self.blockers):
            return False
        return any(all(_has_word(modifier, w) for w in cue) for cue in self.cues)


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


def _lowered(items: Iterable[str]) -> frozenset[str]:
    return frozenset(_norm(x) for x in items)


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
                    heads=_lowered(row["heads"]),
                    standalone=_lowered(row.get("standalone", ())),
                    entity_heads=_lowered(row.get("entity_heads", ())),
                    entity_needs_owner=bool(row.get("entity_needs_owner")),
                    not_before=_lowered(row.get("not_before", ())),
                    groups=tuple(row.get("groups", ())),
                ))
            elif kind == "descriptor":
                descriptors.append(Descriptor(
                    canonical=row["canonical"],
                    heads=_lowered(row["heads"]),
                    cues=tuple(tuple(_norm(w) for w in cue) for cue in row["cues"]),
                    context=frozenset(row.get("context", ())),
                    blockers=tuple(_norm(b) for b in row.get("blockers", ())),
                    country_by=row.get("country_by", "owner"),
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
    communal ("{group} Ethnic Militia (COUNTRY)"), tribal."""
    for r in load_dictionary().roles:
        if r.role == role:
            return r.name(iso2, group)
    raise KeyError(role)


# --------------------------------------------------------------------------- ruler


def _all_caps_context(doc: Doc, start: int, end: int) -> bool:
    """True when the words around a match are all capitals (a shouted headline or dateline),
    where "IS" may be the verb."""
    lo, hi = max(0, start - 3), min(len(doc), end + 3)
    if doc.has_annotation("SENT_START"):
        sent = doc[start].sent
        lo, hi = max(lo, sent.start), min(hi, sent.end)
    words = [t.text for t in doc[lo:hi] if t.is_alpha and not (start <= t.i < end)]
    return bool(words) and all(w.isupper() for w in words)


def _generic_use(doc: Doc, start: int, end: int) -> bool:
    """"to found an Islamic state": an indefinite article before a name that ends its
    noun phrase makes it a common noun."""
    if start == 0 or doc[start - 1].lower_ not in ("a", "an"):
        return False
    return end >= len(doc) or doc[end].pos_ not in ("NOUN", "PROPN")


OBJECT_PREFIXES = frozenset({"anti", "counter", "non", "post", "pre"})


def _prefixed_object(doc: Doc, start: int) -> bool:
    """"counter-ISIL operations", "anti-IS coalition": the group is what the phrase is
    against, not an actor in it."""
    if start >= 2 and doc[start - 1].text == "-" and not doc[start - 2].whitespace_ and not doc[start - 1].whitespace_:
        return doc[start - 2].lower_ in OBJECT_PREFIXES
    return start >= 1 and not doc[start - 1].whitespace_ and doc[start - 1].lower_.rstrip("-") in OBJECT_PREFIXES \
        and doc[start - 1].text.endswith("-")


class ActorRuler:
    """Entity ruler for the dictionary's named actors (runs before `ner`)."""

    def __init__(self, nlp: Language, name: str = "dateline_actor_ruler"):
        self.name = name
        self.vocab = nlp.vocab
        self.dictionary = load_dictionary()
        self.exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.folded = PhraseMatcher(nlp.vocab, attr="LOWER")
        exact_forms: dict[str, list[str]] = {}
        folded_forms: dict[str, list[str]] = {}
        for entry in self.dictionary.named.values():
            for alias in entry.aliases:
                exact = _is_exact_alias(alias) or alias in entry.exact
                (exact_forms if exact else folded_forms).setdefault(entry.canonical, []).append(alias)
        for forms, matcher in ((exact_forms, self.exact), (folded_forms, self.folded)):
            for canonical, aliases in forms.items():
                matcher.add(canonical, list(nlp.tokenizer.pipe(aliases)))

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        for matcher in (self.exact, self.folded):
            for match_id, start, end in matcher(doc):
                canonical = self.vocab.strings[match_id]
                entry = self.dictionary.named[canonical]
                text = doc[start:end].text
                if text in entry.ambiguous and _all_caps_context(doc, start, end):
                    continue
                if matcher is self.folded and _generic_use(doc, start, end):
                    continue
                if _prefixed_object(doc, start):
                    continue
                spans.append(Span(doc, start, end, label=entry.label, span_id=canonical))
        if spans:
            doc.ents = filter_spans(list(doc.ents) + spans)
        return doc


@Language.factory("dateline_actor_ruler")
def make_actor_ruler(nlp, name):  # no annotations: spaCy's config resolver reads them
    return ActorRuler(nlp, name)


# --------------------------------------------------------------------------- resolver


@dataclass
class Modifier:
    """What the words before a head noun say: "U.S.-backed Iraqi government forces"."""

    start: int  # token index where the phrase starts
    text: str  # normalised words, for cue matching
    owners: list[str]  # ISO2 of demonyms and country names ("Iraqi")
    sponsors: list[str]  # "u.s.", "iran" ...
    state_cue: bool  # "government", "pro-government", "regime"
    group: str | None  # remaining capitalised words ("Sunni", "Fulani")
    possessive: bool  # ends in a country's "'s": "Iraq's army", "the country's army"
    name_start: int  # token index after the sponsors and the possessive: where an entity starts
    other_possessor: bool = False  # "Sadr's forces": someone else's, not the state's


ARMED_SIDE_TYPES = frozenset({"state", "police", "rebel", "militia", "unidentified"})


@dataclass
class Mention:
    text: str
    start: int
    end: int
    canonical: str
    type: str
    country: str | None
    how: str  # dictionary, affiliation, role, descriptor, coreference
    label: str | None = None  # entity label when the mention is also an entity
    entity_canonical: str | None = None
    entity_start: int | None = None  # where the entity starts when it is shorter than the mention

    def record(self) -> dict:
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "canonical": self.canonical,
            "type": self.type,
            "country": self.country,
            "resolved_by": self.how,
            # bodies such as the UN, the ICRC or the WFP are sides in diplomacy, not in fighting
            "armed": self.type in ARMED_SIDE_TYPES or (self.type == "international" and self.label == "ARMED_GROUP"),
        }


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


# Dependents that open a clause of their own: a country named inside one says nothing
# about the phrase outside it ("captured al-Qaim, the town where the river leaves Syria").
NESTED_CLAUSE_DEPS = frozenset({"relcl", "advcl", "ccomp", "acl", "conj", "parataxis", "xcomp"})


class ActorResolver:
    """Resolves context-dependent actor mentions; writes doc._.actors and doc._.entities."""

    def __init__(self, nlp: Language, name: str = "dateline_actors"):
        self.name = name
        self.vocab = nlp.vocab
        self.pipe_names = nlp.pipe_names  # the live list: components added later show up
        self.dictionary = load_dictionary()
        self.heads = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.head_phrases = self.dictionary.head_phrases
        for head in sorted(self.head_phrases):
            variants = sorted({head, head.replace("'", "’")})
            self.heads.add("HEAD", list(nlp.tokenizer.pipe(variants)))
        self.roles_by_head: dict[str, list[Role]] = {}
        for role in self.dictionary.roles:
            for head in role.heads:
                self.roles_by_head.setdefault(head, []).append(role)
        roles = {r.role: r for r in self.dictionary.roles}
        military = roles.get("military")
        # heads that name what forces use, not the forces: actors, never entities
        self.weapon_heads = (military.heads - military.entity_heads) if military else frozenset()
        # heads only descriptors know ("coalition", "alliance"): a body that acts on its own
        role_heads = set().union(*(r.heads for r in self.dictionary.roles)) if self.dictionary.roles else set()
        self.group_heads = frozenset(set().union(*(d.heads for d in self.dictionary.descriptors)) - role_heads) \
            if self.dictionary.descriptors else frozenset()
        self.communal = roles.get("communal")
        self.tribal = roles.get("tribal")
        self.coref = roles.get("coreference")
        # Country names and demonyms in running text (for context and focus).
        self.country_exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.country_folded = PhraseMatcher(nlp.vocab, attr="LOWER")
        by_key: dict[tuple[str, bool], list[str]] = {}
        for form, iso2, kind in C.surface_forms():
            by_key.setdefault((f"{iso2}|{kind}", C.is_exact_form(form)), []).append(form)
        for (key, exact), forms in by_key.items():
            matcher = self.country_exact if exact else self.country_folded
            matcher.add(key, list(nlp.tokenizer.pipe(forms)))

    # -- the whole document -------------------------------------------------------------

    def __call__(self, doc: Doc) -> Doc:
        self._text = doc.text  # Doc.text joins every token: read it once
        named_ents = [e for e in doc.ents if e.id_ and e.id_ in self.dictionary.named]
        country_hits = self._country_mentions(doc, named_ents)
        # Local actors name their country too: JNIM and FAMa say Mali even when no place does.
        home = [self.dictionary.named[e.id_].country for e in named_ents
                if self.dictionary.named[e.id_].type not in ("international", "other")]
        focus = doc._.focus_country or self._fallback_focus(doc, country_hits, [h for h in home if h])
        if doc._.focus_country is None and "dateline_places" not in self.pipe_names:
            doc._.focus_country = focus  # places is not in this pipeline: say what we found

        heads = self._head_spans(doc, named_ents)
        self._head_tokens = {i for span in heads for i in range(span.start, span.end)
                             if _norm(span.text) in self.group_heads}
        parsed = [(span, self._modifier(doc, span)) for span in heads]
        # Owners of role phrases ("U.S. troops") say whose forces those are, not where
        # the story is: leave them out of the context for other mentions.
        owned = [(doc[m.start].idx, span.end_char) for span, m in parsed if m.owners]
        hits = [(c, iso, tok, kind in ("demonym", "people")) for c, iso, kind, tok in country_hits
                if not any(s <= c < e for s, e in owned)]
        named_countries = {iso for _, iso, kind, _ in country_hits if kind in ("name", "alias")}
        hits += self._place_mentions(doc, named_ents, owned, named_countries | {focus}, set(home))
        context = CountryContext(
            hits=sorted(hits),
            sent_starts=[s.start_char for s in doc.sents],
            paragraph_starts=[0] + [m.end() for m in re.finditer(r"\n\s*\n", self._text)],
            focus=focus,
        )

        mentions: list[Mention] = []
        for ent in named_ents:
            mention = self._named_mention(doc, ent, context)
            if mention is not None:
                mentions.append(mention)
        named_mentions = sorted(mentions, key=lambda m: m.start)
        for span, mod in parsed:
            mention = self._resolve_head(doc, span, mod, context, named_mentions)
            if mention is not None:
                mentions.append(mention)
        mentions.sort(key=lambda m: (m.start, m.end))
        doc._.actors = [m.record() for m in mentions]
        doc._.entities = self._entities(doc, mentions)
        return doc

    # -- countries in the text ----------------------------------------------------------

    def _country_mentions(self, doc: Doc, named_ents: list[Span]) -> list[tuple[int, str, str, int]]:
        """(char offset, ISO2, kind, token index) of country names and demonyms outside named actors,
        leaving out sponsors ("Iran-backed")."""
        inside = [(e.start, e.end) for e in named_ents]
        spans = []
        for matcher in (self.country_exact, self.country_folded):
            for match_id, start, end in matcher(doc):
                spans.append((start, end, self.vocab.strings[match_id]))
        spans.sort(key=lambda x: (x[0], -(x[1] - x[0])))
        hits = []
        last_end = -1
        text = doc.text
        for start, end, key in spans:
            if start < last_end or any(s <= start < e for s, e in inside):
                continue
            if _sponsor_follows(doc, end):
                continue
            iso2, kind = key.split("|")
            if kind == "demonym" and end < len(doc) and doc[end].lower_ in ("border", "borders", "frontier"):
                continue  # "near the Somali border" is said from the other side
            if kind != "demonym" and _GEOGRAPHIC_LEAD.search(text[max(0, doc[start].idx - 30) : doc[start].idx]):
                continue
            last_end = end
            hits.append((doc[start].idx, iso2, kind, start))
        return hits

    @staticmethod
    def _place_mentions(doc: Doc, named_ents: list[Span], owned: list[tuple[int, int]],
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

    @staticmethod
    def _fallback_focus(doc: Doc, hits: list[tuple[int, str, str, int]], homes: list[str] = ()) -> str | None:
        """The country the article is mostly about, when places has not said: the most
        mentioned one, the first paragraph and the dateline's country counting extra, and
        the home countries of the local armed groups it names."""
        scores: Counter = Counter()
        for iso in homes:
            scores[iso] += 1
        text = doc.text
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

    @staticmethod
    def _clause(tok: Token) -> set[int] | None:
        """Token indices of the clause a token belongs to: the subtree of its nearest verb,
        less the clauses nested in it."""
        verb = next((a for a in tok.ancestors if a.pos_ in ("VERB", "AUX")), None)
        if verb is None:
            return None
        path = {tok.i}
        for a in tok.ancestors:
            if a.i == verb.i:
                break
            path.add(a.i)
        inside: set[int] = set()
        stack = [verb]
        while stack:
            t = stack.pop()
            inside.add(t.i)
            stack.extend(c for c in t.children if c.dep_ not in NESTED_CLAUSE_DEPS or c.i in path)
        return inside

    # -- named actors -------------------------------------------------------------------

    def _named_mention(self, doc: Doc, ent: Span, context: CountryContext) -> Mention | None:
        entry = self.dictionary.named[ent.id_]
        allowed = entry.alias_context.get(ent.text)
        if allowed is not None and not (context.near(ent.start_char) & allowed):
            # "CJTF" is the coalition's task force in Iraq, the Civilian JTF in Nigeria
            near = context.near(ent.start_char)
            entry = next((e for e in self.dictionary.by_alias.get(ent.text, ())
                          if e is not entry and (ent.text not in e.alias_context or near & e.alias_context[ent.text])),
                         None)
            if entry is None:
                return None
        # "al Qaeda-linked militants": the group is named as an affiliation, not as an actor.
        last = ent[-1].text
        affiliation = _sponsor_follows(doc, ent.end) or (
            "-" in last and last.rsplit("-", 1)[-1].lower() in SPONSOR_SUFFIXES
        )
        return Mention(
            text=ent.text, start=ent.start_char, end=ent.end_char,
            canonical=entry.actor_name, type=entry.type, country=entry.country,
            how="affiliation" if affiliation else "dictionary",
            label=entry.label, entity_canonical=entry.canonical,
        )

    # -- role nouns ---------------------------------------------------------------------

    def _head_spans(self, doc: Doc, named_ents: list[Span]) -> list[Span]:
        taken = {i for e in named_ents for i in range(e.start, e.end)}
        spans = [doc[s:e] for _, s, e in self.heads(doc)]
        spans = [s for s in filter_spans(spans) if not any(i in taken for i in range(s.start, s.end))]
        return sorted(spans, key=lambda s: s.start)

    @staticmethod
    def _words_before(doc: Doc, start: int) -> list[tuple[int, int]]:
        """Whitespace-delimited words right before token `start`, nearest first, as
        (first token, end token); "Iran-backed" is one word of three tokens. Stops at
        a sentence start, line break or punctuation other than a hyphen."""
        words: list[tuple[int, int]] = []
        i = start
        while i > 0 and len(words) < MAX_MODIFIER_WORDS:
            if doc[i].is_sent_start and i < start:
                break
            j = i - 1
            if doc[j].is_space or (doc[j].is_punct and doc[j].text not in ("-", "'s", "’s")):
                break
            while j > 0 and not doc[j - 1].whitespace_ and not doc[j - 1].is_space \
                    and not (doc[j - 1].is_punct and doc[j - 1].text != "-") and not doc[j].is_sent_start:
                j -= 1
            words.append((j, i))
            i = j
        return words

    def _modifier(self, doc: Doc, head: Span) -> Modifier:
        """The pre-modifiers of a head noun: adjectives, names, hyphenated sponsors."""
        chosen: list[tuple[int, int]] = []
        possessive = False
        if head[0].lower_ != "the":
            candidates = self._words_before(doc, head.start)
            for n, (ws, we) in enumerate(candidates):
                toks = doc[ws:we]
                text = toks.text
                last = toks[-1]
                if last.text in ("'s", "’s", "'", "’"):
                    if len(toks) > 1 and toks[0].pos_ not in ("PRON", "DET"):
                        chosen.append((ws, we))
                        possessive = True
                    break
                if last.lower_ in ("and", "&"):
                    # coordination only between modifiers: "Kurdish and Arab militias"
                    nxt = candidates[n + 1] if n + 1 < len(candidates) else None
                    if nxt is None or not chosen:
                        break
                    prev = doc[nxt[0]:nxt[1]]
                    if not (prev.text[:1].isupper() or prev.text.endswith("-") or C.iso2_for(prev.text)):
                        break  # "the army and Shi'ite armed groups", "its east and Syrian government"
                    chosen.append((ws, we))
                    continue
                if text in ("-", "–", "—"):
                    break  # "BAGHDAD (Reuters) - Iraqi forces": a dash, not a hyphen
                if text[:1].isdigit() or re.search(r"[;:,()\[\]\"“”/]", text):
                    break  # "60-plus nation coalition": a count; "Salahuddin;Iraqi": two headlines
                if any(t.ent_id_ and t.ent_id_ in self.dictionary.named for t in toks):
                    chosen.append((ws, we))  # "IS militants": the name, whatever its tag
                    continue
                if (len(toks) > 1 and any(t.text == "-" for t in toks)) or text.endswith("-"):
                    chosen.append((ws, we))
                    continue
                if last.pos_ in FUNCTION_POS and not C.iso2_for(text):
                    break
                # the tagger often misreads "Shi'ite" or "Sunni": a capitalised word before
                # the head is a modifier whatever its tag
                if last.pos_ in ("ADJ", "PROPN", "NOUN", "X") or text[:1].isupper() or C.iso2_for(text):
                    chosen.append((ws, we))
                    continue
                break
        chosen.sort()
        start = chosen[0][0] if chosen else head.start
        owners: list[str] = []
        sponsors: list[str] = []
        rest: list[str] = []
        state_cue = False
        name_start = start
        possessor = None
        k = 0
        while k < len(chosen):
            ws, we = chosen[k]
            word = doc[ws:we].text
            if possessive and k == len(chosen) - 1:
                word = re.sub(r"['’]s?$", "", word)
                possessor = _norm(word)
                name_start = we
            low = _norm(word)
            parts = low.split("-")
            if (len(parts) > 1 and parts[-1] in SPONSOR_SUFFIXES) or low.endswith("-"):
                # "Iran-backed", and the first half of "Russian- and Iranian-backed"
                sponsors.append("-".join(parts[:-1]) if not low.endswith("-") else low.rstrip("-"))
                name_start = we
                k += 1
                continue
            if k + 1 < len(chosen):
                two = C.iso2_for(doc[ws:chosen[k + 1][1]].text)
                if two:  # "South Sudanese", "Sri Lankan"
                    owners.append(two)
                    k += 2
                    continue
            iso = C.iso2_for(word)
            if iso:
                owners.append(iso)
            elif low in STATE_CUES:
                state_cue = True
            elif low in ("country", "nation") and possessive:
                pass  # "the country's army": the country in context
            elif low not in ("and", "&"):
                rest.append(word)
            k += 1
        # An "and" left between sponsors and owner belongs to the sponsors.
        while name_start < head.start and doc[name_start].lower_ in ("and", "&"):
            name_start += 1
        words = [doc[ws:we].text for ws, we in chosen]
        group = " ".join(w for w in rest if w[:1].isupper()) or None
        # "Iraq's army" and "the country's army" are state forces; "Sadr's forces" are not
        other_possessor = possessive and not (
            C.iso2_for(possessor or "") or (possessor or "") in POSSESSORS_OF_STATE
        )
        return Modifier(
            start=start, text=_norm(" ".join(words)), owners=owners, sponsors=sponsors,
            state_cue=state_cue, group=group, possessive=possessive and not other_possessor,
            name_start=name_start if owners or state_cue or possessive else start,
            other_possessor=other_possessor,
        )

    def _named_in(self, doc: Doc, lo: int, hi: int) -> bool:
        """A named actor among the modifiers ("IS fighters"), unless only as a sponsor."""
        for tok in doc[lo:hi]:
            if tok.ent_id_ and tok.ent_id_ in self.dictionary.named:
                ent_end = tok.i + 1
                while ent_end < hi and doc[ent_end].ent_iob_ == "I":
                    ent_end += 1
                last = doc[ent_end - 1].text
                if not (_sponsor_follows(doc, ent_end) or last.rsplit("-", 1)[-1].lower() in SPONSOR_SUFFIXES):
                    return True
        return False

    def _resolve_head(self, doc: Doc, head: Span, mod: Modifier, context: CountryContext,
                      named: list[Mention]) -> Mention | None:
        key = _norm(head.text)
        if self._named_in(doc, mod.start, head.start):
            return None  # "IS fighters", "SDF forces": the name is the actor
        if mod.other_possessor:
            return None  # "Sadr's forces", "the group's fighters"
        if any(i in self._head_tokens for i in range(mod.start, head.start)):
            return None  # "coalition air strikes": the coalition is the actor, named by its own head
        nxt = doc[head.end] if head.end < len(doc) else None
        clause = self._clause(head[-1])
        here = context.at(head.start_char, clause)
        owner = mod.owners[-1] if mod.owners else None
        span_start = doc[mod.start].idx
        text = self._text[span_start:head.end_char]
        entity_start = doc[mod.name_start].idx if mod.name_start < head.end else span_start
        named_next = _names_follow(doc, head.end)

        def mention(canonical, type_, country, how, label=None, entity_canonical=None) -> Mention:
            if named_next:
                label = None  # "... known as Popular Mobilisation": the name is the entity
            return Mention(text=text, start=span_start, end=head.end_char, canonical=canonical, type=type_,
                           country=country, how=how, label=label, entity_canonical=entity_canonical,
                           entity_start=entity_start)

        for d in self.dictionary.descriptors:
            if d.country_by == "owner" and owner:
                countries = {owner}
            else:
                countries = context.near(head.start_char, clause)
            if d.matches(key, mod.text, countries):
                entry = self.dictionary.named[d.canonical]
                label = None if key in self.weapon_heads else entry.label  # "U.S.-led air strikes"
                return mention(entry.actor_name, entry.type, entry.country, "descriptor",
                               label, entry.canonical)

        where = owner or here
        roles = self.roles_by_head.get(key, [])
        if self.tribal in roles:
            name = self.tribal.name(where, mod.group)
            if name:
                return mention(name, self.tribal.type, where, "role", self.tribal.label, name)
        if self.communal in roles and mod.group:
            group = next((g for g in self.communal.groups if _has_word(mod.text, g.lower())), None)
            name = self.communal.name(where, group) if group else None
            if name:
                return mention(name, self.communal.type, where, "role", self.communal.label, name)

        for role in roles:
            if role is self.tribal or role is self.communal:
                continue
            if nxt is not None and nxt.lower_ in role.not_before:
                continue
            if role is self.coref:
                return self._coreference(head, key, mod, here, named, mention)
            bare = not (owner or mod.state_cue or mod.possessive)
            if role.country_from == "owner":
                if bare and key not in role.standalone:
                    continue  # "forces" alone says nothing about whose
                if bare and head[-1].dep_ == "amod":
                    continue  # "a military source": an adjective, not the forces
            country = where
            name = role.name(country)
            if not name:
                continue
            is_entity = bool(role.label) and key in role.entity_heads
            if role.entity_needs_owner and not owner:
                is_entity = False
            if role.role == "military" and bare and key not in ("army", "military", "armed forces"):
                is_entity = False  # bare "soldiers" is a common noun, not a name
            if nxt is not None and nxt.text in ("'s", "’s"):
                is_entity = False  # "the military's Joint Operations Command"
            if mod.possessive:
                is_entity = False  # "Syria's government": the entity is the country
            return mention(name, role.type, country, "role", role.label if is_entity else None, name)
        return None

    def _coreference(self, head: Span, key: str, mod: Modifier, context_country: str | None,
                     named: list[Mention], mention) -> Mention | None:
        """"the militants" after IS was named are IS; never an entity."""
        if mod.owners:
            return None  # "Syrian rebels" are not the last group named
        earlier = [m for m in named if m.start < head.start_char and m.type in ARMED_NAMED_TYPES
                   and m.how == "dictionary"]
        if key in INSURGENT_WORDS:
            # "militants", "insurgents", "jihadists" are the insurgents named, not a
            # pro-government militia the article also mentions
            earlier = [m for m in earlier if m.type == "rebel"] or earlier
        antecedent = None
        if key.endswith("group"):
            # "the group": the last group named, if not too far back
            if earlier and head.start_char - earlier[-1].end <= ANTECEDENT_WINDOW:
                antecedent = earlier[-1]
        elif earlier:
            # "militants", "jihadists": the group the article is about so far (most named),
            # the later one on a tie
            counts = Counter(m.canonical for m in earlier)
            best = max(counts.values())
            antecedent = next(m for m in reversed(earlier) if counts[m.canonical] == best)
        if antecedent is not None:
            return mention(antecedent.canonical, antecedent.type, antecedent.country, "coreference")
        if key in self.coref.standalone and context_country:
            name = self.coref.name(context_country)
            return mention(name, "unidentified", context_country, "role") if name else None
        return None

    # -- entities -----------------------------------------------------------------------

    def _entities(self, doc: Doc, mentions: list[Mention]) -> list[dict]:
        candidates: list[tuple[int, int, int, str, str]] = []  # (priority, start, end, label, canonical)
        for m in mentions:
            if m.label and not _rank_follows(self._text, m.end):
                start = m.entity_start if m.entity_start is not None else m.start
                candidates.append((0 if m.how in ("dictionary", "affiliation") else 1, start, m.end,
                                   m.label, m.entity_canonical or m.canonical))
        places = doc._.places
        persons = _person_names(doc)
        if places is not None:
            for p in places:
                full = _full_name([p["name"]], persons) if " " not in p["name"] else None
                if full:  # "Bali" after "Mustafa Bali" is the man, not a place
                    candidates.append((2, p["start"], p["end"], "PERSON", full))
                    continue
                label = PLACE_FEATURE_LABELS.get((p.get("feature") or "").lower(), "GPE")
                candidates.append((2, p["start"], p["end"], label, _ascii(p.get("resolved") or p["name"])))
        for ent in doc.ents:
            label = NER_LABELS.get(ent.label_)
            if label is None or (ent.id_ and ent.id_ in self.dictionary.named):
                continue
            for start, end in _ner_pieces(self._text, ent):
                piece = doc.char_span(start, end, alignment_mode="expand")
                text = self._text[start:end]
                if piece is None or text in self.dictionary.not_entities:
                    continue
                if _norm(_without_article(text)) in self.head_phrases:
                    continue  # "Jihadists" opening a sentence is a common noun, not a name
                fixed, canonical = _fix_ner(text, piece, label, persons)
                if fixed is None:
                    continue
                if places is not None and fixed in ("GPE", "LOC") and not C.country_for_name(_without_article(text)):
                    continue  # places knows better which names are places (a country stays: "U.S. help")
                candidates.append((3, start, end, fixed, canonical))
        candidates.sort(key=lambda c: (c[0], -(c[2] - c[1]), c[1]))
        taken: list[tuple[int, int]] = []
        out = []
        for _prio, start, end, label, canonical in candidates:
            if any(start < e and s < end for s, e in taken):
                continue
            taken.append((start, end))
            out.append({"text": self._text[start:end], "label": label, "canonical": canonical,
                        "start": start, "end": end})
        out.sort(key=lambda e: e["start"])
        _apply_acronyms(self._text, out)
        return out


ACRONYM_AFTER = re.compile(r"\s*\(([A-Z][A-Z0-9&-]{1,9})\)")


def _apply_acronyms(text: str, entities: list[dict]) -> None:
    """"Syrian Arab Coalition (SAC)" defines SAC for the rest of the article."""
    defined: dict[str, dict] = {}
    for e in entities:
        m = ACRONYM_AFTER.match(text, e["end"])
        # the acronym starts with the name's first letter: "(SAC)" after "Syrian Arab Coalition",
        # not "(Reuters)" after a dateline place
        if m and m.group(1) != e["text"] and m.group(1)[0] == _without_article(e["text"])[:1].upper():
            defined.setdefault(m.group(1), e)
    if not defined:
        return
    for e in entities:
        source = defined.get(e["text"])
        if source is not None and e["canonical"] == e["text"] and source is not e:
            e["canonical"] = source["canonical"]
            e["label"] = source["label"]


RANK_AFTER = re.compile(
    r"\s+(?:Gen|General|Lt|Lieutenant|Col|Colonel|Capt|Captain|Maj|Major|Sgt|Sergeant|Cpl|Corporal|Pvt|"
    r"Private|Adm|Admiral|Cmdr|Commander|Brig|Spc|Specialist|Staff|Senior|Chief|Petty|Master|First|Second)\b\.?"
)


def _rank_follows(text: str, end: int) -> bool:
    """"U.S. Army Gen. Joseph Votel": the force names a person's rank, not an actor."""
    return RANK_AFTER.match(text, end) is not None


INSURGENT_WORDS = frozenset({"militant", "militants", "insurgent", "insurgents", "jihadist", "jihadists", "rebel", "rebels", "islamist", "islamists", "extremist", "extremists"})
# A country named as a direction or a neighbour is a place on the map, not the side a
# phrase belongs to: "near the border with Tajikistan, government forces ..."
_GEOGRAPHIC_LEAD = re.compile(
    r"(?:border with|borders with|border of|near|toward|towards|into|across|neighbou?ring|fled to|flee to|from)\s+(?:the\s+)?$",
    re.IGNORECASE,
)


def _sponsor_follows(doc: Doc, end: int) -> bool:
    """"Iran - backed": a hyphen and a sponsor word right after token `end - 1`."""
    if end + 1 < len(doc) and doc[end].text == "-" and not doc[end - 1].whitespace_:
        return doc[end + 1].lower_ in SPONSOR_SUFFIXES
    return False


def _names_follow(doc: Doc, end: int) -> bool:
    """", known as Popular Mobilisation": the phrase is followed by the name it describes."""
    i = end
    if i < len(doc) and doc[i].text == ",":
        i += 1
    for phrase in NAMING_PHRASES:
        if all(i + k < len(doc) and doc[i + k].lower_ == w for k, w in enumerate(phrase)):
            return True
    return False


def _ner_pieces(doc_text: str, ent: Span) -> list[tuple[int, int]]:
    """Character ranges of a statistical entity, cleaned: a possessive or a stray "'s"
    cut off, "BEIRUT/ERBIL" split in two, line breaks and lowercase common words dropped."""
    text = ent.text
    start, end = ent.start_char, ent.end_char
    m = re.match(r"^['’]s\s+", text)
    if m:
        start += m.end()
    m = re.search(r"['’]s?$", doc_text[start:end])
    if m and end - start > m.end() - m.start():
        end -= m.end() - m.start()
    pieces = []
    for part in re.finditer(r"[^\n/]+", doc_text[start:end]):
        s, e = start + part.start(), start + part.end()
        piece = doc_text[s:e].strip().rstrip("-")
        if not piece:
            continue
        s += len(doc_text[s:e]) - len(doc_text[s:e].lstrip())
        e = s + len(piece)
        if not any(ch.isupper() for ch in piece):
            continue  # "jihadist", "the west bank": common words, not names
        pieces.append((s, e))
    return pieces


# Ranks and titles the statistical NER sometimes takes for a name ("Staff Sgt.", "Navy Capt.").
TITLE_WORDS = frozenset(
    "sgt sergeant capt captain col colonel gen general lt lieutenant maj major cpl corporal pvt private "
    "adm admiral cmdr cdr commander brig spc specialist staff navy army air force marine master chief "
    "petty officer first second command sgt. mr mrs ms dr president minister secretary".split()
)
NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
NICKNAME = re.compile(r"\s*[“\"][^”\"]{1,20}[”\"]")


def _name_words(text: str) -> list[str]:
    """The words of a person's name, without a quoted nickname, initials or suffix."""
    words = re.findall(r"[^\W\d_][\w'’-]*\.?", NICKNAME.sub("", text))
    words = [w.rstrip(".") for w in words if not (len(w.rstrip(".")) == 1)]
    while words and words[-1].lower() in NAME_SUFFIXES:
        words.pop()
    return words


def _person_names(doc: Doc) -> list[tuple[list[str], str]]:
    """(name words, full name) for every multi-word PERSON mention, longest first."""
    seen: dict[str, tuple[list[str], str]] = {}
    for ent in doc.ents:
        if ent.label_ != "PERSON" or "\n" in ent.text:
            continue
        full = re.sub(r"['’]s$", "", NICKNAME.sub("", ent.text)).strip()
        words = _name_words(full)
        if len(words) >= 2 and words[-1].lower() not in NAME_PARTICLES:
            seen.setdefault(" ".join(words), (words, full))
    return sorted(seen.values(), key=lambda x: -len(x[0]))


def _full_name(words: list[str], persons: list[tuple[list[str], str]]) -> str | None:
    """The full name a short one stands for: of the longer names in the article, one that
    ends with these words, else one that begins with them, the shortest first ("Trump" ->
    "Donald Trump", "Baghdadi" -> "Abu Bakr al-Baghdadi", "Abu Jandal" -> "Abu Jandal
    al-Kuwaiti"). Names of three words or more are full names already."""
    n = len(words)
    if not n or n > 2:
        return None
    longer = sorted((p for p in persons if len(p[0]) > n), key=lambda p: len(p[0]))
    for fits in (lambda fw: fw[-n:] == words, lambda fw: fw[:n] == words):
        for full_words, full in longer:
            if fits(full_words):
                return full
    return None


def _ascii(name: str) -> str:
    """"Ālbū Kamāl" -> "Albu Kamal": canonical names without diacritics."""
    folded = unicodedata.normalize("NFKD", name)
    return "".join(ch for ch in folded if not unicodedata.combining(ch))


def _without_article(text: str) -> str:
    return re.sub(r"^(?:the|The|THE)\s+", "", text)


def _fix_ner(text: str, span: Span, label: str, persons: list[tuple[list[str], str]]) -> tuple[str | None, str]:
    """Label and canonical name for a statistical entity, corrected with the country
    table and the article's own full names; (None, _) drops it."""
    bare = _without_article(text)
    if label in ("PERSON", "GPE", "ORG", "LOC", "NORP"):
        iso = C.country_for_name(bare)
        if iso:
            return "GPE", C.country_name(iso)
        if C.demonym_country(bare):
            return "NORP", _demonym_canonical(bare)
    if label == "PERSON":
        words = _name_words(text)
        if not words or all(w.lower() in TITLE_WORDS for w in words):
            return None, text  # "Staff Sgt", "Navy Capt"
        full = _full_name(words, persons)
        if full:
            return "PERSON", full
        return "PERSON", NICKNAME.sub("", text).strip()
    if label in ("GPE", "ORG", "LOC") and len(span) == 1:
        full = _full_name([span.text], persons)
        if full:
            return "PERSON", full  # "Bali" after "Mustafa Bali"
    if label == "NORP":
        return "NORP", _singular(bare)
    if all(w.lower() in TITLE_WORDS for w in _name_words(text)):
        return None, text  # "Navy Capt"
    return label, bare


def _singular(word: str) -> str:
    """"Muslims" -> "Muslim", "Yazidis" -> "Yazidi"; short stems stay ("Kurds", "Arabs")."""
    if word.endswith("s") and not word.endswith("ss") and len(word) >= 6 and " " not in word:
        return word[:-1]
    return word


def _demonym_canonical(word: str) -> str:
    """"Syrians" -> "Syrian"; adjectives stay as written."""
    c = C.country(C.demonym_country(word))
    if c is not None and c.demonyms and _norm(word) in {_norm(p) for p in c.people}:
        return c.demonyms[0]
    return word


@Language.factory("dateline_actors")
def make_actor_resolver(nlp, name):  # no annotations: spaCy's config resolver reads them
    return ActorResolver(nlp, name)


def named_aliases() -> Iterable[tuple[str, str]]:
    """(alias, canonical) for every named actor; for other components' lookups."""
    for entry in load_dictionary().named.values():
        for alias in entry.aliases:
            yield alias, entry.canonical
