"""`dateline_places`: find the places an article names and put each on the map.

Three steps, one module each, joined here:

- names (`place_names`): every run of capitalised words is looked up in the
  gazetteer (the statistical NER misses most Syrian and Iraqi places: it tags
  al-Qaim and Albu Kamal as people or organisations);
- recognition (`place_recognition`): which of those hits are places, by the
  evidence of the gazetteer, the words around them and the NER;
- resolution (`place_resolution`): the article's countries, then one place on
  the map for each kept name, or the province the text names (geo_precision 3),
  or none.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from ..settings import PLACE_ACCEPT
from .doccache import text as doc_text
from .gazetteer import ADMIN_FEATURES, Gazetteer, get_gazetteer
from .meta import ensure
from .place_names import Mention, add_directions, find_names, size_score, words_of
from .place_recognition import PlaceRecognizer
from .place_resolution import Context, PlaceResolver


# "the Iraqi capital", "Iraq's capital", "the capital of Iraq" ("head": what the place's span is)
_CAPITAL = re.compile(
    r"\b(?:(?P<people>[A-Z][a-z]+) (?P<head>capital)\b|(?P<owner>[A-Z][\w.-]*)['’]s (?P<head2>capital)\b"
    r"|(?P<head3>capital)(?: city)? of (?:the )?(?P<country>[A-Z][\w.-]*(?: [A-Z][\w.-]*)*))"
)
# what comes between "capital" and the capital's own name: "capital, Kabul", "capital city of Kabul"
_NAMED_AFTER = re.compile(r",? (?:city )?(?:of )?(?:the )?")


class PlaceFinder:
    """The spaCy component (see the module docstring)."""

    def __init__(self, gazetteer: Gazetteer | None = None, lexicon: frozenset[str] = frozenset(),
                 accept: float = PLACE_ACCEPT):
        self._gaz = gazetteer
        self._country_name = _country_namer()
        demonym = _demonym_reader()
        self._demonym = demonym
        self.recognizer = PlaceRecognizer(gazetteer, lexicon, demonym, accept)
        self.resolver = PlaceResolver(gazetteer, demonym)

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

    def analyse(self, doc: Doc) -> tuple[list[Mention], Context]:
        """Every gazetteer hit with its verdict (`kept`) and resolution, and the article context."""
        text = doc_text(doc)
        meta = doc._.meta or {}
        ents = [(e.start_char, e.end_char, e.label_) for e in doc.ents]
        person_words = self.recognizer.person_words(doc)
        words = words_of(text)
        mentions = add_directions(text, find_names(text, self.gaz, ws=words))
        wholes = self.recognizer.unknown_wholes(doc, text, ents, mentions, person_words)
        live = self.recognizer.live(doc, text, meta, ents, person_words, mentions, wholes)
        # what the text around each name says, before anything is known of the article's countries
        for m in live:
            self.recognizer.context_evidence(doc, text, m, ents)
        ctx = self.resolver.context(live, meta, words, text)
        self.recognizer.accept(text, live, ctx, self.resolver.score)
        kept = [m for m in live if m.kept]
        mentions += self.resolver.resolve_all(text, kept, ctx)
        for whole in wholes:  # known to the NER, unknown here: listed, placed only by what surrounds it
            whole.kept, whole.geo_precision = True, 3
            boxes = [b for b in whole.container if b.feature in ADMIN_FEATURES and b.country_code in ctx.relevant]
            if whole.part_of is not None:
                whole.resolved, whole.geo_precision = whole.part_of, 2
            elif boxes:
                whole.resolved = max(boxes, key=size_score)
            mentions.append(whole)
        if "capital" in text:
            mentions += self._capitals(text, [m for m in mentions if m.kept])
        mentions.sort(key=lambda m: m.start)
        return mentions, ctx

    def _capitals(self, text: str, kept: list[Mention]) -> list[Mention]:
        """'the Iraqi capital', "Iraq's capital", 'the capital of Iraq': the country's capital,
        unless the text names it right after ('the Afghan capital, Kabul')."""
        found = []
        for m in _CAPITAL.finditer(text):
            head = next(h for h in ("head", "head2", "head3") if m.group(h))
            lo, hi = (m.start("people") if m.group("people") else m.start(head)), m.end(head)
            after = _NAMED_AFTER.match(text, m.end(head))
            named_at = after.end() if after else -1
            if any(k.start < hi and lo < k.end or (k.start == named_at and k.resolved is not None
                                                   and k.resolved.feature != "country") for k in kept):
                continue
            if m.group("people"):
                cc = self._demonym(m.group("people"))
            else:
                at = m.start("owner") if m.group("owner") else m.start("country")
                cc = next((k.resolved.country_code for k in kept if k.start == at and k.resolved is not None
                           and k.resolved.feature == "country"), None)
            capital = self.gaz.capital(cc)
            if capital is None:
                continue
            whole = Mention(lo, hi, text[lo:hi], (capital,), kept=True, resolved=capital, evidence=3.0)
            whole.notes.append("a country's capital")
            found.append(whole)
        return found

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


@Language.factory("dateline_places", assigns=["doc._.places", "doc._.focus_country"],
                  requires=["doc.ents", "token.dep"], default_config={"accept": PLACE_ACCEPT})
def make_places(nlp, name, accept):  # no annotations: spaCy's config validation cannot read postponed ones
    ensure("meta", "places", "focus_country")
    # the gazetteer is loaded with the pipeline (~0.5 s), not on the first article
    return PlaceFinder(get_gazetteer(), english_words(nlp), accept=accept)
