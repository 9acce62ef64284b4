"""`dateline_places`: find the places an article names and put each on the map.

Recognition. The statistical NER misses most Syrian and Iraqi places (it tags
al-Qaim and Albu Kamal as people or organisations), so every run of
capitalised words is also looked up in the gazetteer (longest match first, on
transliteration-folded keys, with a consonant-skeleton fallback for odd
spellings; possessives and "province"/"camp" suffixes understood). A hit is
kept as a place when the evidence adds up: what the gazetteer knows (a
country, a big city, a curated camp, a town in a country the article is
about), what the text says around it ("in", "near", "the village of", ",
Syria", "province"), and what the NER thinks. One sense per article: a name
accepted once is accepted at its other mentions. Not places: names inside
longer names of people, organisations and buildings ("Jordan Armed Forces",
"Mustafa Bali", "Bellevue Hospital"), words of a person's name used alone
("Baghdadi" after "Abu Bakr al-Baghdadi"), "U.S." used as a modifier,
demonyms, common words capitalised at the start of a sentence.

Resolution, the way good geoparsers rank candidates: the country the article
is about first (worked out from the body and title, not from the dateline,
which only says where the reporter is), then the countries it names and
their neighbours, then nearness to the article's other places and the
province the text names ("Basira in Deir-ez-Zor"), then population. A small
place found only in a country the article never mentions is not taken: the
mention falls back to the province the text names (geo_precision 3), or
stays unresolved.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import lru_cache

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.language import Language
from spacy.tokens import Doc

from .gazetteer import (
    CAPITAL,
    ADMIN_FEATURES,
    ADMIN_WORDS,
    DATA_DIR,
    DATELINE_ONLY,
    HISTORIC,
    Gazetteer,
    Place,
    fold,
    get_gazetteer,
    name_key,
)

# ------------------------------------------------------------------ words

# A word: letters with inner apostrophes or periods ("Qa'im", "U.S."), an
# optional opening ayn mark ("‘Afar"), an optional possessive ("Syria’s").
_WORD = re.compile(r"[‘ʿʾ']?[^\W\d_][^\W_]*(?:[’'ʼ‘ʿʾ.][^\W\d_]+)*(?:[’']s\b|’(?!\w)|\.)?")
_ABBREV = re.compile(r"^(?:[A-Z]\.){2,}$")  # U.S., U.K., U.A.E.
_MAX_WORDS = 7

# The words read around a name live in data/gazetteer/place_words.json.
_WORDS = json.loads((DATA_DIR / "place_words.json").read_text(encoding="utf-8"))
# Arabic articles that may open a name in lower case ("al-Qaim", "al Qaim");
# "as", "at", "an", "en" only with a hyphen, being English words too.
OPENING_ARTICLES = frozenset(_WORDS["opening_articles"])
ARTICLE_WORDS = OPENING_ARTICLES | frozenset(_WORDS["hyphen_only_articles"])
INNER_WORDS = ARTICLE_WORDS | frozenset(_WORDS["inner_words"])
TAIL_WORDS = frozenset(_WORDS["tail_words"])  # lower-case words that may end a name ("al-Hol camp")
SUFFIX_HINTS: dict[str, str] = _WORDS["suffix_hints"]  # what a following word says the place is
HINT_FEATURES = {hint: frozenset(features) for hint, features in _WORDS["hint_features"].items()}
LOCATIVE_CUES = frozenset(_WORDS["locative_cues"])  # words before a name that say a place follows
OF_CUES = frozenset(_WORDS["of_cues"])  # "the village of", "a native of"
DIRECTIONS = frozenset(_WORDS["directions"])
MONTHS_DAYS = frozenset(_WORDS["months_days"])
# Words that never begin or end a place's name, and never are one alone.
FUNCTION_WORDS = (frozenset(STOP_WORDS) | LOCATIVE_CUES | {"the", "near"}) - {"us"}
NOT_NAMES = FUNCTION_WORDS | MONTHS_DAYS | DIRECTIONS
BUILDING_WORDS = frozenset(_WORDS["building_words"])  # "Bellevue Hospital" is a building
MEDIA_WORDS = frozenset(_WORDS["media_words"])  # "Al-Naba newspaper", "the Al Salem hospital": a body or building
# "Al Qayyarah Military Base", "Bayji Oil Refinery": a facility at the place, which places it
FACILITY_WORDS = frozenset(_WORDS["facility_words"])
# "Jabal Sinjar", "Mount Sinjar", "Wadi Barada": not a place's name alone
GENERIC_HEADS = frozenset(_WORDS["generic_heads"])
# What the NER says about a span.
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
NONPLACE_LABELS = frozenset({"PERSON", "ORG", "NORP", "ARMED_GROUP", "WORK_OF_ART", "PRODUCT", "EVENT", "LAW", "LANGUAGE"})
ACCEPT = 3.0  # evidence needed to call a gazetteer hit a place
CAPITAL_BONUS = 2.0


@dataclass
class Word:
    text: str
    start: int
    end: int

    @property
    def cap(self) -> bool:
        return self.text[:1].isupper()

    @property
    def lower(self) -> str:
        return self.text.lower()


@dataclass
class Mention:
    start: int
    end: int
    text: str
    candidates: tuple[Place, ...]
    fuzzy: bool = False  # found by consonant skeleton, not by key
    hint: str | None = None
    in_dateline: bool = False
    evidence: float = 0.0
    kept: bool = False
    resolved: Place | None = None
    margin: float = 0.0
    geo_precision: int = 1
    local: frozenset[str] = frozenset()  # countries named right before or just after it
    country_after: str | None = None  # the country named just after it ("Palma in Cabo Delgado, Mozambique")
    why: list[tuple[str, float]] = field(default_factory=list)  # the evidence, reason by reason
    container: tuple[Place, ...] = ()  # the country, state or province written after it ("Woodbridge, Virginia")
    part_of: Place | None = None  # the city it is a part of ("Rifai neighbourhood, West Mosul")
    notes: list[str] = field(default_factory=list)

    @property
    def key(self) -> str:
        return name_key(self.text)

    @property
    def positive(self) -> bool:
        """Whether anything in the text says this is a place (NER, a cue word, a suffix, a container)."""
        return any(w > 0 for reason, w in self.why if not reason.startswith("gazetteer"))


def words_of(text: str) -> list[Word]:
    out = []
    for m in _WORD.finditer(text):
        w, start = m.group(), m.start()
        if w[:1] in "‘ʿʾ'":
            w, start = w[1:], start + 1
        if w.endswith(("’s", "'s")):
            w = w[:-2]
        elif w.endswith("’"):
            w = w[:-1]
        elif w.endswith(".") and not _ABBREV.match(w):
            w = w[:-1]
        if w:
            out.append(Word(w, start, start + len(w)))
    return out


def _joined(text: str, a: Word, b: Word) -> bool:
    gap = text[a.end : b.start]
    # a closing hamza before an article, an opening ayn, still join: "Qaḑā’ al Ḩawījah", "Tall ‘Afar"
    return (gap in (" ", "-", "\u00a0", " ‘", " ʿ", " '")
            or (gap in ("’ ", "ʼ ") and b.lower in ARTICLE_WORDS))


def _ngram_ok(text: str, ws: list[Word]) -> bool:
    first, last = ws[0], ws[-1]
    if not first.cap:
        if len(ws) == 1 or not ws[1].cap:
            return False
        hyphen = text[first.end : ws[1].start] == "-"
        if not (first.lower in OPENING_ARTICLES or (hyphen and first.lower in ARTICLE_WORDS) or first.lower == "the"):
            return False
    if not last.cap and last.lower not in TAIL_WORDS:
        return False
    if len(ws) > 1 and last.lower in ARTICLE_WORDS:
        return False
    if not all(w.cap or w.lower in INNER_WORDS for w in ws[1:-1]):
        return False
    if first.lower == "the":  # "the West", "The Hague": only whole names with "the" are keys
        return len(ws) >= 2 and any(w.cap for w in ws[1:])
    if len(ws) == 1 and first.lower in GENERIC_HEADS:
        return False
    if any(w.lower in FUNCTION_WORDS and not w.text.isupper() for w in (first, last)):
        return False  # "A U.S.", "Near Al": a name does not begin or end with a function word
    content = [w for w in ws if w.lower not in ARTICLE_WORDS]
    return bool(content) and not all(w.lower in NOT_NAMES and not w.text.isupper() for w in content)


def find_names(text: str, gaz: Gazetteer, offset: int = 0, ws: list[Word] | None = None) -> list[Mention]:
    """Longest gazetteer matches over runs of capitalised words, left to right
    (`ws`: the words of `text` when already cut)."""
    ws = words_of(text) if ws is None else ws
    out: list[Mention] = []
    i = 0
    while i < len(ws):
        run = [ws[i]]
        for j in range(i + 1, min(len(ws), i + _MAX_WORDS)):
            if not _joined(text, ws[j - 1], ws[j]):
                break
            run.append(ws[j])
        found = None
        for n in range(len(run), 0, -1):
            grams = run[:n]
            if not _ngram_ok(text, grams):
                continue
            span = text[grams[0].start : grams[-1].end]
            cands = gaz.lookup(span)
            fuzzy = False
            if not cands and n >= 2 and all(w.cap for w in grams if w.lower not in ARTICLE_WORDS):
                cands = _similar(span, gaz.lookup_skeleton(span), gaz)
                fuzzy = bool(cands)
            if cands:
                found = Mention(offset + grams[0].start, offset + grams[-1].end, span, cands, fuzzy=fuzzy)
                i += n
                break
        if found is None:
            i += 1
        else:
            out.append(found)
    return out


def _similar(span: str, cands: tuple[Place, ...], gaz: Gazetteer) -> tuple[Place, ...]:
    """Skeleton hits whose own name is close in spelling ("Dayr Az Zayr" ~ "Dayr az Zawr")."""
    key = name_key(span)
    return tuple(c for c in cands if SequenceMatcher(None, key, name_key(c.name)).ratio() >= 0.75)


# ------------------------------------------------------------------ scoring


def prior(place: Place, written: str | None = None) -> float:
    """How readily a name that reaches this place is a place at all. A name
    spelled unlike the place's own name reached it through an alternate name,
    often another language's ("Bali" is an old name of Paris): trust it less."""
    if written is not None and place.feature != "country" and place.source != "curated":
        if _likeness(written, place.name, admin_blind=True) < 0.7:
            return min(1.5, prior(place))
    if place.feature == "country":
        return 4.0
    if place.feature == "continent" or place.source == "curated":
        return 3.5
    if place.feature in ("state", "province"):
        return 2.5
    if not place.population:  # by kind: the seat of a province is a city, of a district a town
        return {"city": 2.5, "town": 1.5}.get(place.feature, 0.5)
    pop = place.population
    if pop >= 1_000_000:
        return 3.0
    if pop >= 100_000:
        return 2.5
    if pop >= 10_000:
        return 1.5
    return 0.5


@lru_cache(maxsize=100_000)
def _likeness(a: str, b: str, admin_blind: bool = False) -> float:
    """How alike two spellings are (0..1), articles ignored, and admin words
    ("Nineveh" ~ "Nineveh Governorate") when `admin_blind`."""
    drop = ARTICLE_WORDS | ADMIN_WORDS if admin_blind else ARTICLE_WORDS
    fa = " ".join(w for w in fold(a).split() if w not in drop)
    fb = " ".join(w for w in fold(b).split() if w not in drop)
    return SequenceMatcher(None, fa, fb).ratio()


# log10 of the population a place of unknown population is taken to have, by its kind
UNKNOWN_LOG_POP = {"city": 5.0, "town": 3.8, "village": 2.0, "camp": 4.0, "airbase": 4.0, "dam": 4.0,
                   "crossing": 3.0, "military base": 4.0, "region": 6.0, "sea": 6.0, "river": 6.0}
SIZE_WEIGHT = 0.75  # a tenfold population is worth 0.75; the focus country 2.0


def _size_score(place: Place) -> float:
    if place.feature == "country":
        log_pop = 9.0
    elif place.source == "curated" and not place.population:
        log_pop = 7.0
    elif not place.population:
        log_pop = UNKNOWN_LOG_POP.get(place.feature, 2.0)
    else:
        log_pop = math.log10(place.population + 1)
    return SIZE_WEIGHT * log_pop


FEATURE_BONUS = {
    "country": 3.0, "continent": 2.0, "city": 0.6, "town": 0.6, "village": 0.4, "camp": 0.6,
    "province": 0.0, "state": 0.2, "district": -0.3, "subdistrict": -0.5, "neighbourhood": -0.5,
}


@dataclass
class Context:
    """What the article as a whole says about where it is."""

    focus: str | None = None
    named: dict[str, float] = field(default_factory=dict)  # countries the body names, with weight
    near: frozenset[str] = frozenset()  # neighbours of the focus country
    peoples: frozenset[str] = frozenset()  # countries whose people the text names ("Israeli strikes")
    # provinces the text names: 2 when named as such ("Idlib province"), 1 when
    # the name may be the province's or its capital's ("Raqqa")
    admin_keys: dict[str, float] = field(default_factory=dict)
    anchors: list[Place] = field(default_factory=list)  # places resolved with confidence

    @property
    def relevant(self) -> set[str]:
        return set(self.named) | ({self.focus} if self.focus else set())

    def weight(self, cc: str) -> float:
        """How much the article is about country `cc`: the focus 2, a named
        country up to 1.5 by how often it is named, a neighbour of the focus 0.75."""
        if cc == self.focus:
            return 2.0
        if cc in self.named:
            most = max(self.named.values())
            return max(0.5, 1.5 * self.named[cc] / most)
        return 0.75 if cc in self.near else 0.0


class PlaceFinder:
    """The spaCy component (see the module docstring)."""

    def __init__(self, gazetteer: Gazetteer | None = None, lexicon: frozenset[str] = frozenset()):
        self._gaz = gazetteer
        self._lexicon = lexicon  # English words (WordNet's, from the model's lemmatizer)
        self._country_name = _country_namer()
        self._demonym = _demonym_reader()

    @property
    def gaz(self) -> Gazetteer:
        if self._gaz is None:
            self._gaz = get_gazetteer()
        return self._gaz

    def __call__(self, doc: Doc) -> Doc:
        mentions, ctx = self.analyse(doc)
        doc._.places = [self.record(m) for m in mentions if m.kept]
        doc._.focus_country = ctx.focus
        return doc

    # ---------------------------------------------------------- the steps

    def analyse(self, doc: Doc) -> tuple[list[Mention], Context]:
        """Every gazetteer hit with its verdict (`kept`) and resolution, and the article context."""
        text = doc.text
        meta = doc._.meta or {}
        ents = [(e.start_char, e.end_char, e.label_) for e in doc.ents]
        person_words = self._person_words(doc)
        words = words_of(text)
        mentions = _add_directions(text, find_names(text, self.gaz, ws=words))
        wholes = self._unknown_wholes(doc, text, ents, mentions, person_words)
        live = self._live(doc, text, meta, ents, person_words, mentions, wholes)
        # what the text around each name says, before anything is known of the article's countries
        for m in live:
            self._context_evidence(doc, text, m, ents)
        ctx = self._context(live, meta, words)
        self._accept(text, live, ctx)
        kept = [m for m in live if m.kept]
        self._resolve_all(text, kept, ctx)
        for whole in wholes:  # known to the NER, unknown here: listed, placed only by what surrounds it
            whole.kept, whole.geo_precision = True, 3
            boxes = [b for b in whole.container if b.feature in ADMIN_FEATURES and b.country_code in ctx.relevant]
            if whole.part_of is not None:
                whole.resolved, whole.geo_precision = whole.part_of, 2
            elif boxes:
                whole.resolved = max(boxes, key=_size_score)
            mentions.append(whole)
        mentions.sort(key=lambda m: m.start)
        return mentions, ctx

    def _live(self, doc, text, meta, ents, person_words, mentions, wholes) -> list[Mention]:
        """The gazetteer hits that may be places: candidates fitted to the text, blocked names noted."""
        dateline_end = _dateline_end(text, meta)
        live = []
        for m in mentions:
            m.in_dateline = m.end <= dateline_end
            whole = next((w for w in wholes if w.start <= m.start and m.end <= w.end), None)
            if whole is not None and not m.in_dateline:
                m.notes.append(f"a piece of the unknown place name {whole.text!r}")
                continue
            if not m.in_dateline:
                m.candidates = tuple(c for c in m.candidates if not c.flags & DATELINE_ONLY)
            m.candidates = self._fitting(m.candidates, m.text)
            if not m.candidates:
                m.notes.append("no fitting candidate")
                continue
            self._hint(text, m)
            why = None if m.in_dateline else self._blocked(doc, text, m, ents, person_words)
            if why:
                m.notes.append(why)
                continue
            live.append(m)
        return live

    def _accept(self, text: str, live: list[Mention], ctx: Context) -> None:
        """Weigh the evidence of each name and decide which are places (`kept`)."""
        top: dict[int, int] = {}
        held: dict[int, tuple[str, float]] = {}
        for k, m in enumerate(live):
            best = max(m.candidates, key=lambda c: self._score(c, m, ctx))
            top[k] = best.id
            # how placelike the name is: by the best candidate, or a likelier one where the article is
            likely = [c for c in m.candidates if c.country_code in ctx.relevant] + [best]
            known = max(likely, key=lambda c: prior(c, m.text))
            m.why.insert(0, (f"gazetteer {known.name} ({known.feature}, {known.country_code})", prior(known, m.text)))
            # Being in the article's country makes a name likelier a place only where
            # something else says it is one: a capitalised "Justice" or "God" stays a word.
            rel = self._relevance(best, m, ctx)
            if rel and (m.positive or prior(known, m.text) >= 2.5 or not self._common_word(m.text)):
                m.why.append(rel)
            elif rel:
                held[k] = rel  # counts if the name turns out listed with places
            if m.in_dateline:
                m.why.append(("dateline", 3.0))
            m.evidence = sum(w for _, w in m.why)
        # one sense per article: a place accepted at one mention is a place at the others
        best_by_place: dict[tuple[int, str], float] = {}
        for k, m in enumerate(live):
            group = (top[k], _bare_key(m.text))
            best_by_place[group] = max(best_by_place.get(group, -99.0), m.evidence)
        for k, m in enumerate(live):
            group = (top[k], _bare_key(m.text))
            m.kept = m.evidence >= ACCEPT or (best_by_place[group] >= ACCEPT and m.evidence >= 0.5)
        # a name listed with places is a place: "Al Huwayjah and Tuz Khurmatu", "Raqqa, Hasaka and Deir ez-Zor"
        for k, m in enumerate(live):
            pending = held.get(k, ("", 0.0))[1]
            if m.kept or m.evidence + pending + 1.5 < ACCEPT:
                continue
            for other in live[max(0, k - 1) : k] + live[k + 1 : k + 2]:
                lo, hi = (other.end, m.start) if other.start < m.start else (m.end, other.start)
                if other.kept and _LIST_GAP.fullmatch(text[lo:hi]):
                    m.kept = True
                    m.why.append(("listed with a place", 1.5))
                    if pending:
                        m.why.append(held[k])
                    m.evidence = sum(w for _, w in m.why)
                    break

    def _resolve_all(self, text: str, kept: list[Mention], ctx: Context) -> None:
        """Put each place on the map: score candidates, then again with the confident
        ones as anchors, one place per name, no far namesakes."""
        _local_countries(text, kept)
        for m in kept:
            if any(c.feature in ADMIN_FEATURES for c in m.candidates):
                sure = 2.0 if m.hint == "admin" or all(c.feature in ADMIN_FEATURES for c in m.candidates) else 1.0
                ctx.admin_keys[m.key] = max(ctx.admin_keys.get(m.key, 0.0), sure)
        for m in kept:
            self._resolve(m, ctx)
        ctx.anchors = [m.resolved for m in kept if m.resolved and not m.resolved.is_area and m.margin > 1.0]
        for m in kept:
            self._resolve(m, ctx)
        _one_sense(kept)
        for m in kept:
            if m.part_of is not None:
                _inside_its_city(m)
            else:
                self._no_far_village(m, ctx)

    def _unknown_wholes(self, doc: Doc, text: str, ents, mentions: list[Mention], person_words: set[str]) -> list[Mention]:
        """Place names the NER sees whole and the gazetteer only in pieces ("Cabo Delgado":
        not Cape Town and a town in El Salvador): the pieces are not places, the whole is."""
        wholes = []
        for s, e, label in ents:
            if label not in ("GPE", "LOC"):
                continue
            lo, hi = _trim(text, s, e)
            name = text[lo:hi]
            ws = words_of(name)
            inside = [m for m in mentions if lo <= m.start and m.end <= hi and (m.start, m.end) != (lo, hi)]
            if not inside or not 2 <= len(ws) <= 5 or any(ch.isdigit() for ch in name):
                continue
            covered = [w for w in ws if any(m.start <= lo + w.start and lo + w.end <= m.end for m in inside)]
            extra = [w for w in ws if w not in covered and w.lower not in NOT_NAMES and w.lower not in ARTICLE_WORDS]
            if not extra and len(inside) < 2:
                continue  # the NER's span is one known name give or take a word
            if not all(w.cap for w in extra):
                continue
            if any(w.lower in TAIL_WORDS or w.lower in FACILITY_WORDS or w.lower in ADMIN_WORDS for w in extra):
                continue  # "Idlib Province", "Samarra Barrage": a known place and a kind of thing
            if self.gaz.lookup(name) or self._all_places(name) or any(w.lower in person_words for w in ws):
                continue
            whole = Mention(lo, hi, name, ())
            self._hint(text, whole)
            self._context_evidence(doc, text, whole, ents)
            # the NER's word alone is not enough ("HMS Ocean", "Nadia Murad"): the text must say place
            if any(w > 0 for reason, w in whole.why if not reason.startswith("NER")):
                wholes.append(whole)
        return wholes

    # ---------------------------------------------------------- recognition

    def _person_words(self, doc: Doc) -> set[str]:
        """Words of the article's person names ("Abu Bakr al-Baghdadi" makes a
        later "Baghdadi" a person), from names of two capitalised words or more
        that are not themselves a place the NER mislabelled ("Albu Kamal")."""
        words = set()
        for e in doc.ents:
            if e.label_ != "PERSON":
                continue
            ws = [w for w in words_of(e.text) if w.cap and w.lower not in NOT_NAMES]
            if len(ws) < 2 or any(w.lower in TAIL_WORDS or w.lower in BUILDING_WORDS for w in ws):
                continue  # "Samarra Barrage" is no one's name
            inner = e.text[ws[0].start : ws[-1].end]
            whole = [m for m in find_names(inner, self.gaz) if m.start == 0 and m.end == len(inner)]
            if any(not m.fuzzy or any(prior(c) >= 2.5 for c in m.candidates) for m in whole):
                continue  # the whole name is a place the NER took for a person ("Albu Kamal", "Dayr Az Zayr")
            words.update(w.lower for w in ws)
        return words

    def _hint(self, text: str, m: Mention) -> None:
        """What the words around a name say it is: "Idlib province", "the town of Rawa"."""
        after = re.match(r"[ \u00a0-]([A-Za-z]+)", text[m.end : m.end + 25])
        if after and after.group(1).lower() in SUFFIX_HINTS:
            m.hint = SUFFIX_HINTS[after.group(1).lower()]
        low = m.text.lower()
        for word, hint in (("province", "admin"), ("governorate", "admin"), ("camp", "camp"), ("district", "district")):
            if low.endswith(word):
                m.hint = hint
        before = re.search(r"\b(city|town|village|province|governorate|district) of (the )?$",
                           text[max(0, m.start - 20) : m.start].lower())
        if before:
            m.hint = {"province": "admin", "governorate": "admin", "district": "district"}.get(before.group(1), "settlement")
        if m.hint in HINT_FEATURES and not any(c.feature == "country" for c in m.candidates):
            fit = tuple(c for c in m.candidates if c.feature in HINT_FEATURES[m.hint])
            if fit:
                m.candidates = fit
        after = _CONTAINER_AFTER.match(text[m.end : m.end + 40])
        if after:
            m.container = tuple(c for c in self.gaz.lookup(after.group(1)) if c.feature in CONTAINERS)
        # a part of a city: "X neighbourhood, West Mosul", "X, Mosul, Nineveh province",
        # "the Old City of Mosul", "Mosul's Old City"
        part = _PART_OF.match(text[m.end : m.end + 80])
        owner = _OWNER_BEFORE.search(text[max(0, m.start - 40) : m.start])
        city = None
        if part and (part.group(1) or part.group(2) or part.group(4)):
            city = part.group(3)
        elif owner:
            city = owner.group(1)
        if city:
            city = re.sub(r"^(?:East|West|North|South|Eastern|Western|Northern|Southern|Central|Old) ", "", city)
            cities = [c for c in self.gaz.lookup(city) if c.feature == "city" and _likeness(city, c.name) >= 0.8]
            if cities:
                m.part_of = max(cities, key=_size_score)

    def _blocked(self, doc: Doc, text: str, m: Mention, ents, person_words: set[str]) -> str | None:
        """Why a name is not a place whatever the gazetteer says, or None."""
        if self._demonym(m.text) and not any(c.feature == "country" for c in m.candidates):
            return "a demonym"  # "Iraqi" is also a village in Afghanistan
        content = [w.lower for w in words_of(m.text) if w.lower not in ARTICLE_WORDS]
        if content and all(w in person_words for w in content):
            if not any(c.feature == "country" for c in m.candidates):
                return "a word of a person's name in this article"
        for s, e, label in ents:
            if label in PLACE_LABELS or not (s <= m.start and m.end <= e):
                continue
            lo, hi = _trim(text, s, e)
            if (lo, hi) == (m.start, m.end) or hi <= m.end and lo >= m.start:
                if (lo, hi) != (s, e):
                    m.notes.append("ragged")  # the NER's span is this name give or take "Near", "’s"
                continue
            if lo == m.start and re.match(r"[’']s\b", text[m.end : m.end + 2]):
                continue  # "Austria’s Foreign Minister": the country's
            if label == "ORG" and self.gaz.lookup(text[lo:hi]):
                continue  # "AL-HOL CAMP" as ORG is still the camp
            rest = words_of(text[m.end : hi])
            if rest and lo == m.start and all(w.lower in TAIL_WORDS or w.lower in FACILITY_WORDS for w in rest):
                continue  # "the Samarra Barrage", "Baghdad Airport": a facility that places the town
            if label != "PERSON" and self._all_places(text[lo:hi]):
                continue  # the NER joined places into one name: "Goma in North Kivu"
            if _STATE_OF.search(text[s : m.start]):
                continue  # "the Government of Iraq": the country it governs
            return f"inside {label} {text[s:e]!r}"
        nxt = re.match(r"[ \u00a0]([A-Z][a-z]+)", text[m.end : m.end + 20])
        if nxt and nxt.group(1).lower() in BUILDING_WORDS:
            return f"building {nxt.group(1)}"
        nxt = re.match(r"[ \u00a0]([a-z]+)", text[m.end : m.end + 20])
        if nxt and nxt.group(1) in MEDIA_WORDS:
            return f"a {nxt.group(1)}'s name"
        if re.match(r"-[a-z]", text[m.end : m.end + 2]):
            return "modifier (X-backed, X-led)"  # as gold conventions have it for "U.S.-backed"
        # "U.S." as a modifier: "U.S.-backed", "U.S. forces", "U.S. Central Command"
        short = m.text.replace(".", "")
        if _ABBREV.match(m.text) or (short.isupper() and len(short) <= 3):
            if re.match(r"-\w", text[m.end : m.end + 2]):
                return "abbreviation as modifier"
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is not None and span.end < len(doc):
                root, nxt_tok = span.root, doc[span.end]
                if root.head.i >= span.end and (
                    root.dep_ == "compound"
                    or (nxt_tok.pos_ in ("NOUN", "PROPN", "ADJ", "NUM") and root.dep_ in ("amod", "nmod", "npadvmod"))
                ):
                    return "abbreviation as modifier"
            chain = _COORDINATED.match(text[m.end : m.end + 80])
            if chain and any(self._demonym(w) for w in re.findall(r"[A-Z][\w’'-]+", chain.group(0))):
                return "abbreviation as modifier"  # "U.S., U.K. and French maritime operations"
        return None

    def _all_places(self, name: str) -> bool:
        """`name` is places joined by "in", "," or "and" ("Goma in North Kivu"): every
        capitalised word is inside a gazetteer name found in it."""
        found = find_names(name, self.gaz)
        words = [w for w in words_of(name) if w.cap and w.lower not in NOT_NAMES]
        joined = all(re.fullmatch(r",? (?:in|and|near) |, |/", name[a.end : b.start]) for a, b in zip(found, found[1:]))
        return (len(found) >= 2 and joined
                and all(any(m.start <= w.start and w.end <= m.end for m in found) for w in words))

    def _fitting(self, cands: tuple[Place, ...], written: str) -> tuple[Place, ...]:
        """Candidates less the countries the name only folds onto ("As Samawah" is not Samoa):
        a country must be written close to one of its own names."""
        return tuple(
            c for c in cands
            if c.feature != "country" or max((_likeness(written, n) for n in self.gaz.country_names(c.country_code)),
                                             default=1.0) >= 0.8
        )

    def _common_word(self, name: str) -> bool:
        """An English word ("Justice", "Book", "Union"), as against a name only ("Sinjar")."""
        return " " not in name and name.lower() in self._lexicon

    def _relevance(self, best: Place, m: Mention, ctx: Context) -> tuple[str, float] | None:
        """Evidence from the country of the likeliest candidate (none for countries and datelines)."""
        if best.feature in ("country", "continent") or m.in_dateline:
            return None
        if best.country_code == ctx.focus:
            return ("in the focus country", 2.0)
        if best.country_code in ctx.named:
            return ("in a country named", 1.5)
        if best.country_code in ctx.near or best.country_code in ctx.peoples:
            return ("in a neighbour or a country whose people are named", 1.0)
        return None

    def _context_evidence(self, doc: Doc, text: str, m: Mention, ents) -> None:
        """What the text around a name says for and against its being a place (into `m.why`)."""
        label = None
        for s, e, lab in ents:
            if s < m.end and m.start < e:
                label = lab
                if lab in PLACE_LABELS:
                    break
        if label in PLACE_LABELS:
            m.why.append((f"NER {label}", 2.0))
        elif label == "NORP":
            m.why.append(("NER NORP", -2.0))
        prev = re.findall(r"[A-Za-z]+", text[max(0, m.start - 40) : m.start])
        if len(prev) >= 2 and prev[-1].lower() == "the" and prev[-2].lower() in LOCATIVE_CUES:
            prev = prev[:-1]  # "hit the Al Qayyarah base", "in the Bekaa"
        cue = bool(prev) and prev[-1].lower() in LOCATIVE_CUES
        if label == "PERSON":  # the small model calls many Arabic and Hebrew place names people
            m.why.append(("NER PERSON", -0.5 if "ragged" in m.notes or cue else -1.0))
        elif label in NONPLACE_LABELS and label != "NORP":
            m.why.append((f"NER {label}", -0.5))
        if prev and prev[-1].lower() in LOCATIVE_CUES:
            m.why.append((f"after '{prev[-1]}'", 1.0))
        elif len(prev) >= 2 and prev[-1].lower() in ("of", "the") and any(p.lower() in OF_CUES for p in prev[-3:-1]):
            m.why.append((f"after '{' '.join(prev[-2:])}'", 1.5))
        elif prev and prev[-1].lower() in DIRECTIONS:
            m.why.append((f"after '{prev[-1]}'", 1.0))
        if m.hint:
            m.why.append((f"{m.hint} word", 1.5))
        elif _APPOSITIVE.search(text[max(0, m.start - 70) : m.start]):
            m.why.append(("named after 'the town, ...'", 1.0))  # "another smaller town ..., Rawa"
        if m.container:
            m.why.append((f"in {m.container[0].name}", 1.5))
        if _capitalised_neighbour(doc, m):
            m.why.append(("part of a longer name", -2.0))  # "Eager Lion", "Nadia Murad"
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is not None and not any(t.pos_ == "PROPN" for t in span):
            m.why.append(("not a proper noun", -2.0))  # a common word opening a sentence
        if m.fuzzy:
            m.why.append(("spelling only close", -0.5))

    # ---------------------------------------------------------- the article's country

    def _context(self, mentions: list[Mention], meta: dict, words: list[Word]) -> Context:
        """The focus country: the country the body (and title) names most, with
        places that can only be in one country and demonyms ("Iraqi forces")
        counting half; the dateline counts only when nothing else does."""
        votes: Counter = Counter()
        first: dict[str, int] = {}

        def vote(cands: tuple[Place, ...], written: str, pos: int) -> None:
            countries = [c for c in cands if c.feature == "country"]
            if countries:
                cc, w = countries[0].country_code, 1.0
            else:
                # a place in one country only: a big city or curated place counts half,
                # a town spelled as its own name a quarter
                for least, w in ((3.0, 0.5), (1.5, 0.25)):
                    ccs = {c.country_code for c in cands if prior(c, written) >= least and c.country_code}
                    if ccs:
                        break
                if len(ccs) != 1 or (w < 0.5 and max(_likeness(written, c.name) for c in cands) < 0.8):
                    return
                cc = ccs.pop()
            votes[cc] += w
            first.setdefault(cc, pos)

        for m in mentions:
            if not m.in_dateline and (m.positive or any(c.feature == "country" for c in m.candidates)):
                vote(m.candidates, m.text, m.start)
        for m in find_names(meta.get("title") or "", self.gaz):
            vote(self._fitting(m.candidates, m.text), m.text, -1)
        demonyms = Counter()
        for w in words:
            if w.cap and w.lower not in NOT_NAMES:
                cc = self._demonym(w.text)
                if cc:
                    demonyms[cc] += 0.5
                    first.setdefault(cc, w.start)
        votes.update(demonyms)
        ctx = Context(named={cc: v for cc, v in votes.items() if v >= 1.0}, peoples=frozenset(demonyms))
        # The dateline says where the reporter is, not where the story is: it
        # weighs one mention and wins ties, so a body that names another
        # country twice ("BEIRUT (Reuters) – ... Syria ... Syria") is about that one.
        home = self._dateline_country(meta, votes)
        if home and votes:
            votes[home] += 1.0
            first[home] = -2
        if votes:
            ctx.focus = max(votes, key=lambda cc: (votes[cc], -first.get(cc, 10**9)))
        else:
            ctx.focus = home
        ctx.near = self.gaz.neighbours(ctx.focus)
        return ctx

    def _dateline_country(self, meta: dict, votes: Counter | None = None) -> str | None:
        """The country of the dateline: the one it writes, else its place's, read
        as a big city and, between namesakes, the one of a country the body names
        ("TRIPOLI" over a story on Lebanon is Lebanon's Tripoli)."""
        dl = meta.get("dateline") or {}
        votes = votes or Counter()
        names = ([dl["country"]] if dl.get("country") else []) + list(dl.get("places") or [])
        for name in names:
            cands = self._fitting(self.gaz.lookup(name), name)
            if cands:
                best = max(cands, key=lambda c: (c.feature == "country",
                                                 _size_score(c) + (3.0 if votes.get(c.country_code) else 0.0)
                                                 + (CAPITAL_BONUS if c.flags & CAPITAL else 0.0)))
                return best.country_code
        return None

    # ---------------------------------------------------------- resolution

    def _score(self, c: Place, m: Mention, ctx: Context) -> float:
        s = _size_score(c) + FEATURE_BONUS.get(c.feature, 0.0)
        if c.source == "curated":
            s += 1.0
        if c.flags & HISTORIC:
            s -= 1.5
        if c.country_code:
            # a dateline's place too: the reporter is in or near the country written about
            s += ctx.weight(c.country_code) * (0.5 if m.in_dateline else 1.0)
        if c.flags & CAPITAL:
            s += CAPITAL_BONUS  # capitals are named far more than their namesakes ("Washington")
        if m.in_dateline and m.hint is None and c.feature in ADMIN_FEATURES:
            s -= 2.0  # a dateline names a city ("NEW YORK"), a province only when it says so
        if m.hint == "settlement" and c.feature in ("district", "subdistrict"):
            s -= 1.5  # "the town of Geneina": the town, not the district named after it
        likeness = _likeness(m.text, c.name)
        if likeness == 1.0:
            s += 1.0  # written as the place's own name, not an alternate one
        elif likeness < 0.5:
            s -= 0.5
        if c.country_code and c.country_code in m.local:
            s += 1.0  # the country named next to it: "Iraq\n. Near Al Huwayjah", "X in northern Syria"
        return s

    def _resolve(self, m: Mention, ctx: Context) -> None:
        scored = []
        for c in m.candidates:
            s = self._score(c, m, ctx)
            if c.admin1 and c.feature not in ADMIN_FEATURES:
                s += ctx.admin_keys.get(name_key(c.admin1), 0.0)  # the province the article names elsewhere
            if any(_inside(c, box) for box in m.container):
                s += 3.0  # "Woodbridge, Virginia", "Basira in Deir-ez-Zor", "Palmyra, Syria"
            if ctx.anchors and c.latitude is not None and not c.is_area:
                dists = [d for a in ctx.anchors if a is not c and (d := c.km_to(a)) is not None]
                if dists:
                    d = min(dists)
                    s += 2.0 if d < 30 else 1.5 if d < 100 else 0.75 if d < 250 else 0.0
            scored.append((s, c))
        scored.sort(key=lambda x: (-x[0], x[1].id))
        m.resolved = scored[0][1]
        m.margin = scored[0][0] - scored[1][0] if len(scored) > 1 else 99.0

    def _no_far_village(self, m: Mention, ctx: Context) -> None:
        """No silent wrong village: a small place outside every country the
        article is about falls back to a province the article names in those
        countries (geo_precision 3), or stays unresolved."""
        c = m.resolved
        if c is None or m.in_dateline or not ctx.relevant:
            return
        if any(_inside(c, box) for box in m.container):
            return  # the text says where it is: "Woodbridge, Virginia"
        boxes = [b for b in m.container if b.feature in ADMIN_FEATURES and b.country_code in ctx.relevant]
        same_country = c.country_code == boxes[0].country_code if boxes else False
        if boxes and (not same_country or (c.admin1 and prior(c) < 2.5)):
            # "Kuriga in Kaduna state": not a namesake outside the province the text names
            m.notes.append(f"not in {boxes[0].name}: {c.name} ({c.country_code})")
            m.resolved, m.geo_precision = max(boxes, key=_size_score), 3
            return
        # "Palma in Cabo Delgado province, Mozambique" is not the Palma of Spain
        elsewhere = (m.country_after is not None and c.country_code != m.country_after and not c.is_area
                     and c.country_code not in ctx.relevant)
        if not elsewhere and (c.country_code in ctx.relevant or c.country_code in ctx.near or prior(c) >= 2.5):
            return
        m.notes.append(f"only candidate far away: {c.name} ({c.country_code})")
        m.resolved, m.geo_precision = None, 3
        boxes = [b for b in m.container if b.feature in ADMIN_FEATURES and b.country_code in ctx.relevant]
        if boxes:
            m.resolved = max(boxes, key=_size_score)

    # ---------------------------------------------------------- output

    def record(self, m: Mention) -> dict:
        c = m.resolved
        precision = m.geo_precision
        if c is not None and "directional" in m.notes and precision == 1:
            precision = 2
        return {
            "name": m.text,
            "resolved": c.name if c else None,
            "geonameid": c.geonameid if c else None,
            "latitude": c.latitude if c else None,
            "longitude": c.longitude if c else None,
            "country_code": c.country_code if c else None,
            "feature": c.feature if c else None,
            "start": m.start,
            "end": m.end,
            "admin1": c.admin1 if c else None,
            "country": self._country_name(c.country_code, self.gaz) if c and c.country_code else None,
            "population": c.population if c else None,
            "in_dateline": m.in_dateline,
            "geo_precision": precision,
        }


# ------------------------------------------------------------------ helpers


def _dateline_end(text: str, meta: dict) -> int:
    """Where the dateline ("BEIRUT/ERBIL (Reuters) –") ends in the body, or 0."""
    dl = meta.get("dateline") or {}
    if not dl.get("places"):
        return 0
    if isinstance(dl.get("end"), int):  # the reader found it
        return dl["end"]
    m = re.search(r"\([^)]{1,40}\)\s*[–—-]|\s[–—-]\s", text[:200])
    return m.start() if m else 0


# ", U.K. and French", " and Iraqi": what follows a name coordinated with other capitalised words
_COORDINATED = re.compile(r"(?:(?:,| and|, and|,? or) (?:the )?[A-Z][\w.’'-]*)+")
# "the Government of Iraq": the country after the head is a place
_STATE_OF = re.compile(r"(?:^|\b)(?:the )?(?:" + "|".join(re.escape(h) for h in _WORDS["state_of_heads"]) + r") of (?:the )?$", re.I)
_APPOSITIVE = re.compile(r"\b(?:town|village|city|hamlet|district|province)\b[^.;:!?\n]*, $")
_LIST_GAP = re.compile(r",? (?:and|or) ")
# what follows a part of a city: "neighbourhood, West Mosul", " area of western Mosul", ", Mosul, Nineveh"
_PART_OF = re.compile(
    r"(?: (neighbourhood|neighborhood|district|area|quarter|suburb)(?: of)?)?( of)?,?(?: the)?"
    r"(?: (?:east|west|north|south|eastern|western|northern|southern|central|old|right side of|left side of))?"
    r" ([A-Z][\w’'.-]+(?: [A-Z][\w’'.-]+)*)(, [A-Z])?"
)
_OWNER_BEFORE = re.compile(r"\b([A-Z][\w-]+(?: [A-Z][\w-]+)*)[’']s (?:the )?$")
_CONTAINER_AFTER = re.compile(
    r"(?:,| in(?: the)?(?: (?:north|south|east|west|central|northern|southern|eastern|western|"
    r"north-?eastern|north-?western|south-?eastern|south-?western))?) ([A-Z][\w’'.-]+(?: [A-Z][\w’'.-]+)*)"
)


# between a place and the country it is in: ", ", " in northern ", " in Cabo Delgado province, "
_UP_TO_COUNTRY = re.compile(
    r"(?:,| in| of)(?: the)?(?: (?:north|south|east|west|central|northern|southern|eastern|western)(?:-?\w+ern)?)?"
    r"(?: [A-Z][\w’'.-]+){0,4}(?: (?:province|governorate|region|state|district))?,? (?:the )?"
)


def _local_countries(text: str, kept: list[Mention]) -> None:
    """For each place, the countries named just before it in the same
    paragraph (a list under a "Syria" heading) or right after it in the same
    sentence ("Palmyra, Syria", "Ayn Issa in northern Syria")."""
    countries = []
    for m in kept:
        country = next((c for c in m.candidates if c.feature == "country"), None)
        if country is not None:
            countries.append((m.start, m.end, country.country_code))
    for m in kept:
        local = set()
        before = [x for x in countries if x[1] <= m.start and m.start - x[1] <= 300 and "\n\n" not in text[x[1] : m.start]]
        if before:
            local.add(before[-1][2])
        for s, e, cc in countries:
            if 0 < s - m.end <= 60 and _UP_TO_COUNTRY.fullmatch(text[m.end : s]):
                local.add(cc)
                m.country_after = cc
                break
        m.local = frozenset(local)


CONTAINERS = frozenset({"country", "state", "province", "district"})


def _inside(c: Place, box: Place) -> bool:
    """Whether place `c` lies in the country, state or province `box` (by name, not shape)."""
    if c is box or c.country_code != box.country_code or not c.country_code:
        return False
    if box.feature == "country":
        return True
    keys = {name_key(box.name)} | ({name_key(box.admin1)} if box.admin1 else set())
    if box.feature == "district":
        return bool(c.admin2) and name_key(c.admin2) in keys
    return bool(c.admin1) and name_key(c.admin1) in keys


def _inside_its_city(m: Mention) -> None:
    """A part of a city is in that city: the candidate within 30 km of it, or,
    when the part is unknown, the city itself at geo_precision 2 (never an
    "Aden" in Yemen for the Aden neighbourhood of Mosul)."""
    city = m.part_of
    if city is None or m.resolved is city or m.in_dateline:
        return
    if m.resolved is not None and m.resolved.country_code == city.country_code and prior(m.resolved) >= 2.5:
        return  # a city of its own in that country ("Mosul, Iraq's second city"), not a part
    near = [c for c in m.candidates if (d := c.km_to(city)) is not None and d <= 30]
    if near:
        m.resolved = max(near, key=_size_score)
    else:
        m.notes.append(f"unknown part of {city.name}")
        m.resolved, m.geo_precision = city, 2


def _one_sense(kept: list[Mention]) -> None:
    """One place per name per article: the resolution its mentions agree on
    most firmly ("a Brussels meeting" is the Brussels of "in Brussels")."""
    groups: dict[str, list[Mention]] = {}
    for m in kept:
        if m.resolved is not None:
            groups.setdefault(_bare_key(m.text), []).append(m)
    for group in groups.values():
        if len(group) < 2:
            continue
        support: Counter = Counter()
        for m in group:
            support[m.resolved.id] += 1.0 + min(m.margin, 5.0)
        winner_id = max(support, key=support.get)
        winner = next(m.resolved for m in group if m.resolved.id == winner_id)
        for m in group:
            if m.resolved.id != winner_id and winner in m.candidates:
                m.notes.append(f"one sense per article: {m.resolved.name} -> {winner.name}")
                m.resolved = winner


@lru_cache(maxsize=20_000)
def _bare_key(name: str) -> str:
    """The key of a name without a generic tail word ("Euphrates river" -> "Euphrates")."""
    ws = words_of(name)
    while len(ws) > 1 and ws[-1].lower in TAIL_WORDS:
        ws = ws[:-1]
    return name_key(name[ws[0].start : ws[-1].end]) if ws else name_key(name)


def _add_directions(text: str, found: list[Mention]) -> list[Mention]:
    """'East Mosul', 'Mount Sinjar': a direction or a mountain's or valley's head joins
    the span of the town it is named after (geo_precision 2)."""
    for m in found:
        d = re.search(r"\b(East|West|North|South|Eastern|Western|Northern|Southern|Central|Jabal|Jebel|Mount|Wadi)[ \u00a0]$",
                      text[max(0, m.start - 12) : m.start])
        if d and not any(c.feature in ("country", "continent", "province", "state") for c in m.candidates):
            m.start -= len(d.group(0))
            m.text = text[m.start : m.end]
            m.notes.append("directional")
    return found


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    """An entity's span without leading cue words ("Near Palmyra") and a trailing possessive."""
    ws = words_of(text[s:e])
    while ws and (ws[0].lower in NOT_NAMES or len(ws[0].text) == 1) and not ws[0].text.isupper():
        ws = ws[1:]
    while ws and ws[-1].lower in FUNCTION_WORDS and not ws[-1].text.isupper():
        ws = ws[:-1]  # "Aleppo and"
    if not ws:
        return s, e
    return s + ws[0].start, s + ws[-1].end


_NEIGHBOUR_SKIP = (MONTHS_DAYS | LOCATIVE_CUES | DIRECTIONS | TAIL_WORDS | FACILITY_WORDS
                   | {"the", "and", "of", "near", "heights"})


def _capitalised_neighbour(doc: Doc, m: Mention) -> bool:
    """A proper noun joined to the name by a space that the name does not cover:
    the name is part of a longer one ("Exercise Eager Lion", "Nadia Murad",
    "Raqqa Internal Security Forces"). Sentence openers, possessives ("Syria’s
    Idlib"), cue words, months and days do not count."""
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    if span is None:
        return False
    if span.start > 0:
        prev = doc[span.start - 1]
        if (prev.whitespace_ and prev.pos_ == "PROPN" and prev.text[:1].isupper() and not prev.is_sent_start
                and prev.lower_ not in _NEIGHBOUR_SKIP and "-" not in prev.text and not prev.text.isupper()
                and not (prev.ent_type_ == "PERSON" and prev.ent_iob_ != "B" and span[0].ent_type_ != "PERSON")):
            return True
    if span.end < len(doc) and span[-1].whitespace_:
        nxt = doc[span.end]
        if (nxt.pos_ == "PROPN" and nxt.text[:1].isupper() and nxt.lower_ not in _NEIGHBOUR_SKIP
                and not nxt.text.isupper() and nxt.text not in ("’s", "'s")
                and not (nxt.ent_type_ == "PERSON" and nxt.ent_iob_ == "B")):  # "Minister for the Middle East Tobias Ellwood"
            return True
    return False


def _demonym_reader():
    """ISO2 of a demonym ("Iraqi", "Britons") from the countries module when it
    exists (another component owns it), else nothing."""
    try:
        from . import countries  # type: ignore[attr-defined]

        reader = getattr(countries, "demonym_country", None)
    except ImportError:
        reader = None
    cache: dict[str, str | None] = {}

    def demonym(word: str) -> str | None:
        if reader is None:
            return None
        if word not in cache:
            try:
                cache[word] = reader(word)
            except Exception:  # a miss there must not stop the places here
                cache[word] = None
        return cache[word]

    return demonym


def _country_namer():
    """ACLED-style English country names from the countries module when it
    exists (another component owns it), else the gazetteer's GeoNames name."""
    try:
        from . import countries  # type: ignore[attr-defined]

        name_of = getattr(countries, "country_name", None)
    except ImportError:
        name_of = None

    def country_name(iso2: str, gaz: Gazetteer) -> str | None:
        if name_of is not None:
            try:
                found = name_of(iso2)
            except Exception:  # a miss there must not lose the place here
                found = None
            if found:
                return found
        place = gaz.country(iso2)
        return place.name if place else None

    return country_name


def english_words(nlp) -> frozenset[str]:
    """The English words the model's rule lemmatizer knows (WordNet's index), or none."""
    try:
        index = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index")
    except (KeyError, ValueError, AttributeError):
        return frozenset()
    return frozenset(w for words in index.values() for w in words if "_" not in w)


@Language.factory("dateline_places")
def make_places(nlp, name):  # no annotations: spaCy's config validation cannot read postponed ones
    # the gazetteer is loaded with the pipeline (~0.5 s), not on the first article
    return PlaceFinder(get_gazetteer(), english_words(nlp))
