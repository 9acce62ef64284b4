"""Which gazetteer names in an article are places: the recognition half of `dateline_places`.

A hit is kept as a place when the evidence adds up: what the gazetteer knows (a
country, a big city, a curated camp, a town in a country the article is
about), what the text says around it ("in", "near", "the village of", ",
Syria", "province"), and what the NER thinks. One sense per article: a name
accepted once is accepted at its other mentions. Not places: names inside
longer names of people, organisations and buildings ("Jordan Armed Forces",
"Mustafa Bali", "Bellevue Hospital"), words of a person's name used alone
("Baghdadi" after "Abu Bakr al-Baghdadi") unless a place preposition puts them
on the map ("in Cornwall"), "U.S." used as a modifier ("U.S.-backed"; but
"Atlanta-area" is a place), demonyms, common words capitalised at the start of a
sentence or ending a longer name ("Agent Orange", "Soviet Union"), pieces of an
unknown unit's name ("County of X", "ST. LOUIS" is not a town Louis), acronyms
that reach a name only through spelling folds ("AIDS"), and names of diseases
and buildings named after a place ("Marburg virus", "Franklin Elementary"), at
their other mentions too.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from spacy.tokens import Doc

from .. import vocab
from ..settings import PLACE_ACCEPT
from .gazetteer import ADMIN_WORDS, DATELINE_ONLY, Gazetteer, Place, fold, get_gazetteer, name_key
from .place_names import (
    ABBREVIATION,
    ARTICLE_WORDS,
    BUILDING_WORDS,
    DIRECTION_ALTERNATION,
    DIRECTIONS,
    FACILITY_WORDS,
    HINT_FEATURES,
    LOCATIVE_CUES,
    MEDIA_WORDS,
    MONTHS_DAYS,
    NOT_NAMES,
    OF_CUES,
    PLACE_WORDS,
    SUFFIX_HINTS,
    TAIL_WORDS,
    Mention,
    bare_key,
    big_place_named,
    find_names,
    fitting,
    level,
    likeness,
    prior,
    size_score,
    trim_entity,
    words_of,
    written_as,
)
from .meta import dateline_end
from .place_resolution import ABBREVIATED_CONTAINER, Context, inside

# What the NER says about a span.
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
NONPLACE_LABELS = frozenset({"PERSON", "ORG", "NORP", "ARMED_GROUP", "WORK_OF_ART", "PRODUCT", "EVENT", "LAW", "LANGUAGE"})

_COORDINATED = re.compile(r"(?:(?:,| and|, and|,? or) (?:the )?[A-Z][\w.’'-]*)+")
# "the Government of Iraq": the country after the head is a place
_STATE_OF = re.compile(r"(?:^|\b)(?:the )?(?:" + "|".join(re.escape(h) for h in PLACE_WORDS["state_of_heads"]) + r") of (?:the )?$", re.I)
_APPOSITIVE = re.compile(r"\b(?:" + "|".join(PLACE_WORDS["kind_words"]) + r")\b[^.;:!?\n]*, $")
_LIST_GAP = re.compile(r",? (?:and|or) ")
# what follows a part of a city: "neighbourhood, West Mosul", " area of western Mosul", ", Mosul, Nineveh"
_PART_OF = re.compile(
    r"(?: (" + "|".join(PLACE_WORDS["city_part_words"]) + r")(?: of)?)?( of)?,?(?: the)?"
    r"(?: (?:" + DIRECTION_ALTERNATION + r"|old|right side of|left side of))?"
    r" ([A-Z][\w’'.-]+(?: [A-Z][\w’'.-]+)*)(, [A-Z])?"
)
# "West Mosul", "the Old City": the city's name without the quarter's word
_CITY_QUARTER = re.compile(r"^(?:" + "|".join(w.capitalize() for w in PLACE_WORDS["directions"]) + r"|Old) ")
# "the town of", "the province of": what the name after it is (`of_hints`)
_KIND_OF = re.compile(r"\b(" + "|".join(PLACE_WORDS["of_hints"]) + r") of (the )?$")
_COUNTRY_OWNER = re.compile(r"\b([A-Z][\w.-]+(?: [A-Z][\w.-]+)?)[’']s $")
# "the Iraqi city Tal Afar": a lower-case kind of settlement right before the name, no "of"
_SETTLEMENT_BEFORE = re.compile(
    r"\b(" + "|".join(k for k, hint in PLACE_WORDS["of_hints"].items() if hint == "settlement") + r") $")
_OWNER_BEFORE = re.compile(r"\b([A-Z][\w-]+(?: [A-Z][\w-]+)*)[’']s (?:the )?$")
# the kind word a unit's name may carry before its container ("Gangaw township, Magway region")
_KIND_ALTERNATION = "|".join(sorted((re.escape(w) for w in SUFFIX_HINTS if " " not in w), key=len, reverse=True))
_CONTAINER_AFTER = re.compile(
    r"(?: (?:" + _KIND_ALTERNATION + r"))?"
    r"(?:,| in(?: the)?(?: (?:" + DIRECTION_ALTERNATION + r"|"
    r"north-?eastern|north-?western|south-?eastern|south-?western))?) ([A-Z][\w’'.-]+(?: [A-Z][\w’'.-]+)*)"
)


CONTAINERS = frozenset({"country", "state", "province", "district"})
# why a name is the name of another thing (a building, a disease), as _blocked says it
_OTHER_THING = ("building", "names a")


def _capitalised(concept: str) -> str:
    """A concept's words as capitalised name heads, in a regular-expression alternation."""
    return "|".join(re.escape(w.capitalize()) for w in sorted(vocab.words(concept), key=lambda w: (-len(w), w)))


# "the City of X", "the County of X": the head of a longer name, no place of its own
_GENERIC_HEAD = re.compile(rf"(?:[Tt]he )?(?:{_capitalised('unit_head_nouns')})")
# a unit's name of which the name is only a piece, when no such unit is known: "County of X"
_UNIT_OF = re.compile(rf"\b({_capitalised('unit_of_nouns')}) of (?:the )?$")


def _folded_acronym(written: str) -> bool:
    """An acronym ("AIDS") that reaches a place only through the spelling folds of
    name keys (Eads): its letters are not the key it is looked up by."""
    letters = written.replace(".", "")
    return (2 <= len(letters) <= 4 and letters.isalpha() and letters.isupper()
            and name_key(written) != fold(written).replace(" ", ""))


def _capitalised_word_before(text: str, start: int) -> bool:
    """A capitalised word right before, joined by a space, that opens no sentence and is
    no cue, direction or month: the name ends a longer one ("Agent Orange", "Soviet Union")."""
    m = re.search(r"(\S*)\s([A-Z][a-z]+) $", text[max(0, start - 40) : start])
    if not m or not m.group(1) or m.group(1).endswith((".", "!", "?", ":", ";", '"', "“")):
        return False  # nothing before, or the word opens a sentence
    return m.group(2).lower() not in _NEIGHBOUR_SKIP | NOT_NAMES


class PlaceRecognizer:
    """Decides which gazetteer hits are places (`Mention.kept`), with the reasons (`Mention.why`)."""

    def __init__(self, gazetteer: Gazetteer | None = None, lexicon: frozenset[str] = frozenset(),
                 demonym: Callable[[str], str | None] = lambda word: None, accept: float = PLACE_ACCEPT):
        self._gaz = gazetteer
        self._lexicon = lexicon  # English words (WordNet's, from the model's lemmatizer)
        self._demonym = demonym
        self.accept_at = accept  # evidence needed to call a gazetteer hit a place

    @property
    def gaz(self) -> Gazetteer:
        if self._gaz is None:
            self._gaz = get_gazetteer()
        return self._gaz

    def live(self, doc, text, meta, ents, person_words, mentions, wholes) -> list[Mention]:
        """The gazetteer hits that may be places: candidates fitted to the text, blocked names noted."""
        # where the dateline the reader found ends in the body
        end = dateline_end(doc) if (meta.get("dateline") or {}).get("places") else 0
        live = []
        other_things: set[str] = set()
        for m in mentions:
            m.in_dateline = m.end <= end
            whole = next((w for w in wholes if w.start <= m.start and m.end <= w.end), None)
            if whole is not None and not m.in_dateline:
                m.notes.append(f"a piece of the unknown place name {whole.text!r}")
                continue
            if not m.in_dateline:
                m.candidates = tuple(c for c in m.candidates if not c.flags & DATELINE_ONLY)
                if _folded_acronym(m.text):
                    m.notes.append("an acronym that reaches a name only through spelling folds")  # "AIDS" is not Eads
                    continue
            m.candidates = fitting(m.candidates, m.text, self.gaz)
            if not m.candidates:
                m.notes.append("no fitting candidate")
                continue
            self._hint(text, m)
            why = None if m.in_dateline else self._blocked(doc, text, m, ents, person_words)
            if why:
                m.notes.append(why)
                if why.startswith(_OTHER_THING):
                    other_things.add(bare_key(m.text))
                continue
            live.append(m)
        # one sense per article: a name the article writes as a building's or a disease's
        # ("Franklin Elementary", "Marburg virus") is that thing alone too ("away from
        # Franklin", "Marburg kills"), unless a place preposition puts it on the map
        kept = []
        for m in live:
            # "Baghdad Street" leaves Baghdad a city: a big place stays one (asked only of the other things' names)
            if bare_key(m.text) in other_things and not (
                    m.in_dateline or any(prior(c, m.text) >= 2.5 for c in m.candidates) or self._placed_by_text(text, m)):
                m.notes.append("the article's name of a building or disease")
            else:
                kept.append(m)
        return kept

    def accept(self, text: str, live: list[Mention], ctx: Context,
               score: Callable[[Place, Mention, Context], float]) -> None:
        """Weigh the evidence of each name and decide which are places (`kept`)."""
        top: dict[int, int] = {}
        held: dict[int, tuple[str, float]] = {}
        for k, m in enumerate(live):
            best = max(m.candidates, key=lambda c: score(c, m, ctx))
            top[k] = best.id
            # how placelike the name is: by the best candidate, or a likelier one where the article is
            likely = [c for c in m.candidates if c.country_code in ctx.relevant] + [best]
            known = max(likely, key=lambda c: prior(c, written_as(m, c)))
            m.why.insert(0, (f"gazetteer {known.name} ({known.feature}, {known.country_code})", prior(known, written_as(m, known))))
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
            group = (top[k], bare_key(m.text))
            best_by_place[group] = max(best_by_place.get(group, -99.0), m.evidence)
        for k, m in enumerate(live):
            group = (top[k], bare_key(m.text))
            m.kept = m.evidence >= self.accept_at or (best_by_place[group] >= self.accept_at and m.evidence >= 0.5)
            if m.fuzzy and any(reason == "NER PERSON" for reason, _ in m.why) and not self._placed_by_text(text, m):
                m.kept = False  # a name spelled only close to a place's, that the NER reads as a person's: "Ben Gale"
        # a name listed with places is a place: "Al Huwayjah and Tuz Khurmatu", "Raqqa, Hasaka and Deir ez-Zor"
        for k, m in enumerate(live):
            pending = held.get(k, ("", 0.0))[1]
            if m.kept or m.evidence + pending + 1.5 < self.accept_at:
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


    def unknown_wholes(self, doc: Doc, text: str, ents, mentions: list[Mention], person_words: set[str]) -> list[Mention]:
        """Place names the NER sees whole and the gazetteer only in pieces ("Cabo Delgado":
        not Cape Town and a town in El Salvador): the pieces are not places, the whole is."""
        wholes = []
        for s, e, label in ents:
            if label not in ("GPE", "LOC"):
                continue
            lo, hi = trim_entity(text, s, e)
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
            self.context_evidence(doc, text, whole, ents)
            # the NER's word alone is not enough ("HMS Ocean", "Nadia Murad"): the text must say place
            if any(w > 0 for reason, w in whole.why if not reason.startswith("NER")):
                wholes.append(whole)
        return wholes


    def person_words(self, doc: Doc) -> set[str]:
        """Words of the article's person names ("Abu Bakr al-Baghdadi" makes a
        later "Baghdadi" a person), from names of two capitalised words or more
        that are not themselves a place the NER mislabelled ("Albu Kamal")."""
        words = set()
        for e in doc.ents:
            if e.label_ != "PERSON":
                continue
            if any(t.tag_ in ("VBG", "VBD", "VBZ", "VBP") for t in e):
                continue  # "Addressing Falluja": a participle and a place the NER took for a name
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
            m.unit_after = after.group(1)
        low = m.text.lower()
        for word, hint in (("province", "admin"), ("governorate", "admin"), ("camp", "camp"), ("district", "district")):
            if low.endswith(word):
                m.hint = hint
        before = _KIND_OF.search(text[max(0, m.start - 20) : m.start].lower()) or _SETTLEMENT_BEFORE.search(
            text[max(0, m.start - 12) : m.start])
        if before:
            # "the town of Rawa", "the state of Washington", "the northern Iraqi city Tal Afar"
            m.hint = PLACE_WORDS["of_hints"][before.group(1)]
        if m.unit_after and any(c.feature == "country" for c in m.candidates):
            # "Niger state": a province whose own name carries the kind word, not the country
            named = tuple(c for c in m.candidates if c.feature in ("province", "state")
                          and written_as(m, c) != m.text and likeness(written_as(m, c), c.name) == 1.0)
            if named:
                m.candidates = named
        if m.hint in HINT_FEATURES and not any(c.feature == "country" for c in m.candidates):
            fit = tuple(c for c in m.candidates if c.feature in HINT_FEATURES[m.hint])
            if fit and m.hint == "settlement" and not before and not any(
                    c.feature == "city" and likeness(m.text, c.name) == 1.0 for c in fit):
                # "a key Anbar town", "a Diyala village": one in the province, unless a city is so named
                fit += tuple(c for c in m.candidates if c.feature == "province"
                             and likeness(m.text, c.name, admin_blind=True) == 1.0)
            if fit:
                m.candidates = fit
        after = _CONTAINER_AFTER.match(text[m.end : m.end + 40])
        if after:
            m.container, m.container_span = self._container(after, m)
        if any(c.feature in ("country", "state", "province") for c in m.candidates):
            return  # a country or province is no part of a city
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
            city = _CITY_QUARTER.sub("", city)
            cities = [c for c in self.gaz.lookup(city) if c.feature == "city" and likeness(city, c.name) >= 0.8]
            if cities:
                m.part_of = max(cities, key=size_score)

    def _container(self, after: re.Match, m: Mention) -> tuple[tuple[Place, ...], tuple[int, int] | None]:
        """The places that may hold `m` as the text writes them after it ("Woodbridge, Virginia",
        "Tulsa, Okla.", "Basira in Deir-ez-Zor"), and where that is written. A container is
        coarser than every sense of the name: "Alaska, Alabama" is a list of states."""
        start = m.end + after.start(1)
        words = after.group(1).split(" ")
        boxes: tuple[Place, ...] = ()
        for n in range(len(words), 0, -1):  # the longest name: "Deir ez-Zor", not "Deir"; "Virginia" of "Virginia. The"
            written = " ".join(words[:n])
            boxes = tuple(c for c in self.gaz.lookup(written) if c.feature in CONTAINERS)
            if boxes:
                break
        if not boxes and "," in after.group(0)[: after.start(1) - after.start(0)]:
            # a state abbreviation names a state only here, right after a town: "Paris, Mo."
            written = words[0]
            boxes = self.gaz.abbreviation(written)
            if boxes:
                m.notes.append(ABBREVIATED_CONTAINER)
        # "Iraq, Iran", "Alaska, Alabama": a list of places of one level, no container
        boxes = tuple(b for b in boxes if not any(level(c) == level(b) for c in m.candidates if c.is_area))
        # a container holds one of the name's senses ("Palestine, Texas"); when none is known
        # there, it is at least coarser than every sense ("Kuriga in Kaduna state")
        holding = tuple(b for b in boxes if any(level(b) > level(c) and inside(c, b) for c in m.candidates))
        own = max((level(c) for c in m.candidates), default=1)
        boxes = holding or tuple(b for b in boxes if level(b) > own)
        return boxes, ((start, start + len(written)) if boxes else None)

    def _blocked(self, doc: Doc, text: str, m: Mention, ents, person_words: set[str]) -> str | None:
        """Why a name is not a place whatever the gazetteer says, or None."""
        if self._demonym(m.text) and not any(c.feature == "country" for c in m.candidates):
            return "a demonym"  # "Iraqi" is also a village in Afghanistan
        content = [w.lower for w in words_of(m.text) if w.lower not in ARTICLE_WORDS]
        if content and all(w in person_words for w in content) and not self._placed_by_text(text, m):
            if not any(c.feature == "country" for c in m.candidates):
                return "a word of a person's name in this article"
        # the noun it names, right after it or after one adjective: "Marburg haemorrhagic fever"
        nxt = re.match(r"[ \u00a0-]([a-z]+)\b(?: ([a-z]+)\b)?", text[m.end : m.end + 40])
        eponym = next((w for w in (nxt.groups() if nxt else ()) if w in vocab.words("place_eponym_nouns")), None)
        if eponym:
            return f"{_OTHER_THING[1]} {eponym}"  # "Marburg virus", "Marburg haemorrhagic fever"
        if text[m.end : m.end + 4] == " of " and (_GENERIC_HEAD.fullmatch(m.text) or (
                self._common_word(m.text) and re.match(r" of (?:the )?[A-Z]", text[m.end : m.end + 9])
                and not any(c.feature in ("country", "state", "province") or prior(c) >= 2.5 for c in m.candidates))):
            return "the head of a longer name"  # "the City of Santa Ana", "the Line of Control"
        kind = _UNIT_OF.search(text[max(0, m.start - 30) : m.start])
        if kind and not any(c.feature in HINT_FEATURES[PLACE_WORDS["of_hints"][kind.group(1).lower()]]
                            for c in m.candidates):
            return f"a piece of the unknown name '{kind.group(1)} of {m.text}'"  # "County of X" is not the town X
        if (self._common_word(m.text) and _capitalised_word_before(text, m.start)
                and not any(c.feature in ("country", "state", "province") or prior(c) >= 2.5 for c in m.candidates)):
            return "a common word ending a longer name"  # "Soviet Union"; "Old Mosul" is Mosul, a city
        for s, e, label in ents:
            if label in PLACE_LABELS or not (s <= m.start and m.end <= e):
                continue
            lo, hi = trim_entity(text, s, e)
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
            if rest and lo == m.start and rest[0].lower in BUILDING_WORDS:
                return f"{_OTHER_THING[0]} {rest[0].text}"  # "Franklin Elementary", "Bellevue Hospital"
            return f"inside {label} {text[s:e]!r}"
        nxt = re.match(r"[ \u00a0]([A-Z][a-z]+)", text[m.end : m.end + 20])
        if nxt and nxt.group(1).lower() in BUILDING_WORDS:
            return f"{_OTHER_THING[0]} {nxt.group(1)}"
        if nxt and self._starts_a_name(m, nxt.group(1).lower()):
            return "a common word starting a longer name"  # "the Green Zone", "Red Square"
        nxt = re.match(r"[ \u00a0]([a-z]+)", text[m.end : m.end + 20])
        if nxt and nxt.group(1) in MEDIA_WORDS and not big_place_named(m.text, m.candidates):
            return f"a {nxt.group(1)}'s name"  # but "a Baghdad mosque", "Kabul hospital": one in the city
        hyphened = re.match(r"-([a-z]\w*)", text[m.end : m.end + 20])
        locative = bool(hyphened) and hyphened.group(1) in vocab.words("locative_hyphen_suffixes")
        if hyphened and not locative:
            return "modifier (X-backed, X-led)"  # as gold conventions have it for "U.S.-backed"
        # "U.S." as a modifier: "U.S.-backed", "U.S. forces", "U.S. Central Command"
        short = m.text.replace(".", "")
        if ABBREVIATION.match(m.text) or (short.isupper() and len(short) <= 3):
            if re.match(r"-\w", text[m.end : m.end + 2]) and not locative:
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

    def _country_owned(self, text: str, m: Mention) -> None:
        """"Iraq's Tal Afar", "Nigeria's Borno": a name owned by a country is a place in it, as a
        name followed by its country is ("Tal Afar, Iraq"); its namesakes elsewhere are not."""
        owner = _COUNTRY_OWNER.search(text, max(0, m.start - 40), m.start)
        if owner is None:
            return
        countries = {c.country_code for c in self.gaz.lookup(owner.group(1)) if c.feature == "country"}
        inside = tuple(c for c in m.candidates if c.country_code in countries and c.feature != "country")
        if inside:
            m.candidates = inside
            m.why.append((f"after {owner.group(1)}'s", 1.5))

    def _placed_by_text(self, text: str, m: Mention) -> bool:
        """The words around the name say it is a place: a place preposition right before it
        ("in Cornwall") or a container after it ("Victoria, Australia"); not a possessive."""
        if re.match(r"[’']s\b", text[m.end : m.end + 2]):
            return False  # "Dayton’s family"
        prev = re.search(r"([A-Za-z]+) $", text[max(0, m.start - 30) : m.start])
        return bool(m.container) or (bool(prev) and prev.group(1).lower() in vocab.words("place_prepositions"))

    def _all_places(self, name: str) -> bool:
        """`name` is places joined by "in", "," or "and" ("Goma in North Kivu"): every
        capitalised word is inside a gazetteer name found in it."""
        found = find_names(name, self.gaz)
        words = [w for w in words_of(name) if w.cap and w.lower not in NOT_NAMES]
        joined = all(re.fullmatch(r",? (?:in|and|near) |, |/", name[a.end : b.start]) for a, b in zip(found, found[1:]))
        return (len(found) >= 2 and joined
                and all(any(m.start <= w.start and w.end <= m.end for m in found) for w in words))

    def _starts_a_name(self, m: Mention, following: str) -> bool:
        """A common word ("Green") before a capitalised word that is no kind of place
        ("Zone") begins a longer name; not a big or well-known place ("Nice Airport")."""
        word = re.sub(r"^(?:the|The|THE) ", "", m.text)
        if not self._common_word(word) or following in TAIL_WORDS | FACILITY_WORDS | ADMIN_WORDS or following in SUFFIX_HINTS:
            return False
        return not any(c.feature in ("country", "state", "province") or prior(c) >= 2.5 for c in m.candidates)

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

    def context_evidence(self, doc: Doc, text: str, m: Mention, ents) -> None:
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
        elif label == "ARMED_GROUP" and not any(c.name.lower() == m.text.lower() and prior(c) >= 2.5 for c in m.candidates):
            m.why.append(("a known armed group's name", -2.0))  # "struck Hamas positions" is no "Hama"
        prev = re.findall(r"[A-Za-z]+", text[max(0, m.start - 40) : m.start])
        if len(prev) >= 2 and prev[-1].lower() == "the" and prev[-2].lower() in LOCATIVE_CUES:
            prev = prev[:-1]  # "hit the Al Qayyarah base", "in the Bekaa"
        cue = bool(prev) and prev[-1].lower() in LOCATIVE_CUES
        if label == "PERSON":  # the small model calls many Arabic and Hebrew place names people
            m.why.append(("NER PERSON", -0.5 if "ragged" in m.notes or cue else -1.0))
        elif label in NONPLACE_LABELS and label not in ("NORP", "ARMED_GROUP"):
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
        else:
            self._country_owned(text, m)
        if _capitalised_neighbour(doc, m):
            m.why.append(("part of a longer name", -2.0))  # "Eager Lion", "Nadia Murad"
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is not None and not any(t.pos_ == "PROPN" for t in span):
            m.why.append(("not a proper noun", -2.0))  # a common word opening a sentence
        if m.fuzzy:
            m.why.append(("spelling only close", -0.5))


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

