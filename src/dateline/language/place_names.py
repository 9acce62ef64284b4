"""Place names and their candidates: the first half of `dateline_places`.

Cutting a text into words, finding runs of capitalised words that the gazetteer
knows (longest match first, on transliteration-folded keys, with a
consonant-skeleton fallback for odd spellings), and what a candidate is worth on
its own, before the article says anything: how readily its name is a place
(`prior`), how big it is (`size_score`), how close a spelling is (`likeness`).
Read by recognition (`place_recognition`) and resolution (`place_resolution`).
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import lru_cache

from spacy.lang.en.stop_words import STOP_WORDS

from .. import vocab
from .gazetteer import ADMIN_WORDS, DATA_DIR, Gazetteer, Place, fold, name_key

# ------------------------------------------------------------------ words

# A word: letters with inner apostrophes or periods ("Qa'im", "U.S."), an
# optional opening ayn mark ("‘Afar"), an optional possessive ("Syria’s").
_WORD = re.compile(r"[‘ʿʾ']?[^\W\d_][^\W_]*(?:[’'ʼ‘ʿʾ.][^\W\d_]+)*(?:[’']s\b|’(?!\w)|\.)?")
ABBREVIATION = re.compile(r"^(?:[A-Z]\.){2,}$")  # U.S., U.K., U.A.E.
_MAX_WORDS = 7

# The words read around a name live in data/gazetteer/place_words.json.
PLACE_WORDS = json.loads((DATA_DIR / "place_words.json").read_text(encoding="utf-8"))
# Arabic articles that may open a name in lower case ("al-Qaim", "al Qaim");
# "as", "at", "an", "en" only with a hyphen, being English words too.
OPENING_ARTICLES = frozenset(PLACE_WORDS["opening_articles"])
ARTICLE_WORDS = OPENING_ARTICLES | frozenset(PLACE_WORDS["hyphen_only_articles"])
INNER_WORDS = ARTICLE_WORDS | frozenset(PLACE_WORDS["inner_words"])
TAIL_WORDS = frozenset(PLACE_WORDS["tail_words"])  # lower-case words that may end a name ("al-Hol camp")
SUFFIX_HINTS: dict[str, str] = PLACE_WORDS["suffix_hints"]  # what a following word says the place is
HINT_FEATURES = {hint: frozenset(features) for hint, features in PLACE_WORDS["hint_features"].items()}
LOCATIVE_CUES = frozenset(PLACE_WORDS["locative_cues"])  # words before a name that say a place follows
OF_CUES = frozenset(PLACE_WORDS["of_cues"])  # "the village of", "a native of"
DIRECTIONS = frozenset(PLACE_WORDS["directions"])
# "east|eastern|...": the directions as a regex alternation, in file order
DIRECTION_ALTERNATION = "|".join(PLACE_WORDS["directions"])
MONTHS_DAYS = frozenset(PLACE_WORDS["months_days"])
# Words that never begin or end a place's name, and never are one alone.
FUNCTION_WORDS = (frozenset(STOP_WORDS) | LOCATIVE_CUES | {"the", "near"}) - {"us"}
NOT_NAMES = FUNCTION_WORDS | MONTHS_DAYS | DIRECTIONS
BUILDING_WORDS = frozenset(PLACE_WORDS["building_words"])  # "Bellevue Hospital" is a building
MEDIA_WORDS = frozenset(PLACE_WORDS["media_words"])  # "Al-Naba newspaper", "the Al Salem hospital": a body or building
# "Al Qayyarah Military Base", "Bayji Oil Refinery": a facility at the place, which places it
FACILITY_WORDS = frozenset(PLACE_WORDS["facility_words"])
# "Jabal Sinjar", "Mount Sinjar", "Wadi Barada": not a place's name alone
GENERIC_HEADS = frozenset(PLACE_WORDS["generic_heads"])


# How coarse a kind of place is: a container ("Woodbridge, Virginia") is coarser than what it holds.
LEVEL = {"continent": 5, "country": 4, "state": 3, "province": 3, "region": 3, "district": 2, "subdistrict": 2}


def level(place: Place) -> int:
    return LEVEL.get(place.feature, 1)


class Word:
    """A word of the text and where it stands; `cap` and `lower` are computed once, being read
    for every n-gram that holds the word."""

    __slots__ = ("text", "start", "end", "cap", "lower")

    def __init__(self, text: str, start: int, end: int) -> None:
        self.text, self.start, self.end = text, start, end
        self.cap = text[:1].isupper()
        self.lower = text.lower()

    def __repr__(self) -> str:
        return f"Word({self.text!r}, {self.start}, {self.end})"


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
    container_span: tuple[int, int] | None = None  # where that container is written
    list_feature: str | None = None  # the kind of place the list it stands in names ("Ohio, Utah and Washington")
    part_of: Place | None = None  # the city it is a part of ("Rifai neighbourhood, West Mosul")
    unit_after: str | None = None  # the kind word written right after it ("Plateau state")
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
        if w[0] in "‘ʿʾ'":
            w, start = w[1:], start + 1
            if not w:
                continue
        last = w[-1]  # one look at the last letter: most words end in none of these
        if last == "s" and len(w) >= 2 and w[-2] in "’'":
            w = w[:-2]
        elif last == "’":
            w = w[:-1]
        elif last == "." and not ABBREVIATION.match(w):
            w = w[:-1]
        if w:
            out.append(Word(w, start, start + len(w)))
    return out


def _joined(text: str, a: Word, b: Word) -> bool:
    gap = text[a.end : b.start]
    # a closing hamza before an article, an opening ayn, still join: "Qaḑā’ al Ḩawījah", "Tall ‘Afar"
    return (gap in (" ", "-", "\u00a0", " ‘", " ʿ", " '")
            or (gap in ("’ ", "ʼ ") and b.lower in ARTICLE_WORDS)
            or _abbreviated_opening(text, a, b))


def _abbreviated_opening(text: str, a: Word, b: Word) -> bool:
    """"St. Louis", "Ft. Worth": an abbreviated word whose period does not end the name."""
    return text[a.end : b.start] == ". " and a.cap and a.lower in vocab.words("name_abbreviations") and b.cap


# The lower-case words a name may begin with (the first test of _ngram_ok).
_LOWER_OPENERS = OPENING_ARTICLES | ARTICLE_WORDS | {"the"}
# The lower-case words a name may hold after its first (inside it or last: _ngram_ok).
_RUN_WORDS = INNER_WORDS | TAIL_WORDS


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
        if not ws[i].cap and ws[i].lower not in _LOWER_OPENERS:
            i += 1  # most words: no name begins with a lower-case word but an article (see _ngram_ok)
            continue
        run = [ws[i]]
        for j in range(i + 1, min(len(ws), i + _MAX_WORDS)):
            if not (ws[j].cap or ws[j].lower in _RUN_WORDS) or not _joined(text, ws[j - 1], ws[j]):
                break  # no n-gram holding this lower-case word after the first passes _ngram_ok
            run.append(ws[j])
        found = None
        for n in range(len(run), 0, -1):
            grams = run[:n]
            if not _ngram_ok(text, grams) or (n < len(run) and _abbreviated_opening(text, run[n - 1], run[n])):
                continue  # nor "The St" of "The St. Louis Cardinals"
            span = text[grams[0].start : grams[-1].end]
            cands = gaz.lookup(span)
            fuzzy = False
            if not cands and n >= 2 and all(w.cap for w in grams if w.lower not in ARTICLE_WORDS):
                cands = _similar(span, gaz.lookup_skeleton(span), gaz)
                fuzzy = bool(cands)
                if fuzzy and _big_place_opens(text, grams, gaz):
                    continue  # "Baghdad Shiite district" is Baghdad, not a village spelled like "Bagh Dasht"
            if cands:
                found = Mention(offset + grams[0].start, offset + grams[-1].end, span, cands, fuzzy=fuzzy)
                i += n
                break
        if found is None:
            # "ST. LOUIS" unknown whole: its "LOUIS" is no town of its own
            i += 2 if len(run) > 1 and _abbreviated_opening(text, run[0], run[1]) else 1
        else:
            out.append(found)
    return out


def _big_place_opens(text: str, grams: list[Word], gaz: Gazetteer) -> bool:
    """The words open with a big place written as its own name ("Baghdad" of "Baghdad Shiite"):
    an exact name the reader knows beats a longer one only spelled close to a village's."""
    for k in range(len(grams) - 1, 0, -1):
        if _ngram_ok(text, grams[:k]):
            span = text[grams[0].start : grams[k - 1].end]
            if big_place_named(span, gaz.lookup(span)):
                return True
    return False


def big_place_named(written: str, cands) -> bool:
    """Is a well-known place (a big city, a province) among `cands` written as its own name?"""
    return any(prior(c, written) >= 2.5 and fold(written) == fold(c.name) for c in cands)


def _similar(span: str, cands: tuple[Place, ...], gaz: Gazetteer) -> tuple[Place, ...]:
    """Skeleton hits whose own name is close in spelling ("Dayr Az Zayr" ~ "Dayr az Zawr")."""
    key = name_key(span)
    return tuple(c for c in cands if _key_likeness(key, name_key(c.name)) >= 0.75)


@lru_cache(maxsize=100_000)
def _key_likeness(a: str, b: str) -> float:
    return SequenceMatcher(None, a, b).ratio()


# ------------------------------------------------------------------ scoring


def prior(place: Place, written: str | None = None) -> float:
    """How readily a name that reaches this place is a place at all. A name
    spelled unlike the place's own name reached it through an alternate name,
    often another language's ("Bali" is an old name of Paris): trust it less."""
    if written is not None and place.feature != "country" and place.source != "curated":
        if likeness(written, place.name, admin_blind=True) < 0.7:
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
        # the seat a province is named after, written as both ("Arauca", "Kherson"), is as well
        # known as the province ("Marburg" is an old name of Maribor, not its province's)
        named_after = written is not None and place.admin1 and _same_key(written, place.admin1)
        return 2.5 if named_after and _same_key(written, place.name) else 1.5
    return 0.5


def written_as(m: Mention, c: Place) -> str:
    """The mention's text, with the kind word written after it where the place's own name
    has it too ("Unity state": "Unity State"; "Niger state": "Niger State", not the country)."""
    if m.unit_after:
        whole = f"{m.text} {m.unit_after}"
        if likeness(whole, c.name) > likeness(m.text, c.name):
            return whole
    return m.text


@lru_cache(maxsize=100_000)
def _same_key(a: str, b: str) -> bool:
    return name_key(a) == name_key(b)


@lru_cache(maxsize=100_000)
def likeness(a: str, b: str, admin_blind: bool = False) -> float:
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


def size_score(place: Place) -> float:
    if place.feature == "country":
        log_pop = 9.0
    elif place.source == "curated" and not place.population:
        log_pop = 7.0
    elif not place.population:
        log_pop = UNKNOWN_LOG_POP.get(place.feature, 2.0)
    else:
        log_pop = math.log10(place.population + 1)
    return SIZE_WEIGHT * log_pop


@lru_cache(maxsize=20_000)
def bare_key(name: str) -> str:
    """The key of a name without a generic tail word ("Euphrates river" -> "Euphrates")."""
    ws = words_of(name)
    while len(ws) > 1 and ws[-1].lower in TAIL_WORDS:
        ws = ws[:-1]
    return name_key(name[ws[0].start : ws[-1].end]) if ws else name_key(name)


# "East Mosul", "Mount Sinjar": a direction or a mountain's or valley's head right before a name
_DIRECTION_BEFORE = re.compile(
    r"\b(" + "|".join(w.capitalize() for w in PLACE_WORDS["directions"] + PLACE_WORDS["generic_heads"]) + r")[ \u00a0]$"
)


def add_directions(text: str, found: list[Mention]) -> list[Mention]:
    """'East Mosul', 'Mount Sinjar': a direction or a mountain's or valley's head joins
    the span of the town it is named after (geo_precision 2)."""
    for m in found:
        d = _DIRECTION_BEFORE.search(text[max(0, m.start - 12) : m.start])
        if d and not any(c.feature in ("country", "continent", "province", "state") for c in m.candidates):
            m.start -= len(d.group(0))
            m.text = text[m.start : m.end]
            m.notes.append("directional")
    return found


def trim_entity(text: str, s: int, e: int) -> tuple[int, int]:
    """An entity's span without leading cue words ("Near Palmyra") and a trailing possessive."""
    ws = words_of(text[s:e])
    while ws and (ws[0].lower in NOT_NAMES or len(ws[0].text) == 1) and not ws[0].text.isupper():
        ws = ws[1:]
    while ws and ws[-1].lower in FUNCTION_WORDS and not ws[-1].text.isupper():
        ws = ws[:-1]  # "Aleppo and"
    if not ws:
        return s, e
    return s + ws[0].start, s + ws[-1].end


def fitting(cands: tuple[Place, ...], written: str, gaz: Gazetteer) -> tuple[Place, ...]:
    """Candidates less the countries the name only folds onto ("As Samawah" is not Samoa):
    a country must be written close to one of its own names. A key of two letters is loose
    ("Day" folds onto Daye, "Lu" onto Lou): the place must be spelled as written ("Yei", "Ibb")."""
    if len(name_key(written)) < 3:  # (countries, US states and curated rows have short forms of their own: "U.S.", "NY")
        cands = tuple(c for c in cands if c.feature in ("country", "state") or c.source == "curated"
                      or fold(c.name) == fold(written))
    return tuple(
        c for c in cands
        if c.feature != "country" or max((likeness(written, n) for n in gaz.country_names(c.country_code)),
                                         default=1.0) >= 0.8
    )
