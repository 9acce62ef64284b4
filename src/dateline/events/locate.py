"""Where an event happened: the place its clause or sentence names, else the story's.

The place inside the trigger's own phrase first, then the one nearest it in the sentence
(not a place that says where someone is from, nor one outside a witness's own words, nor a
country that speaks or acts, "France said", "Turkey shelled", nor a place standing for its
government, "Moscow said", "infuriated Ankara", nor where someone spoke, "said
in Riyadh", nor, beside a place of the story's countries, a place in
a country the article neither names nor implies: a namesake abroad);
"near", "outside", "north of" make it approximate (geo_precision 2). A sentence that
names only a country or province takes the story's focus place approximately, or the
region (3). A sentence with no place takes its paragraph's last place, then the place of
the last event located, then the story's focus place, then the country (3).
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from .. import settings, vocab
from ..language.doccache import text as doc_text
from ..language.gazetteer import get_gazetteer
from .context import ArticleContext

BROAD_FEATURES = {"country", "region", "province", "governorate", "admin1", "state", "continent", "river", "admin2", "district"}


def location_name(place: dict | None) -> str | None:
    """The place as the text names it ("al-Qaim", "Deir al-Zor"), the way an analyst reads it;
    the gazetteer's spelling stays in `location_resolved`. Capitals from datelines are tamed."""
    if not place:
        return None
    name = re.sub(r"[’']s$", "", place.get("name") or "").strip()
    if name.islower():
        return place.get("resolved")  # "Iraq's capital": the text's word is no name
    if name.isupper() and len(name) > 3:
        name = " ".join(w.capitalize() if not w.startswith("AL-") else "al-" + w[3:].capitalize() for w in name.split())
    return name or place.get("resolved")


def _modifies_a_person(doc: Doc, place: dict) -> bool:
    """'a New Jersey man', 'Iraqi Shi'ite militias', 'Scott Dayton, 42, of Woodbridge, Virginia':
    a place naming where someone is from."""
    span = doc.char_span(place["start"], place["end"], alignment_mode="expand")
    if span is None:
        return False
    root = span.root
    if root.dep_ == "pobj" and root.head.lower_ == "of" and (root.head.head.ent_type_ == "PERSON" or root.head.head.lemma_.lower() in vocab.words("origin_person_nouns")):
        return True
    return root.dep_ in ("compound", "amod", "nmod") and root.head.pos_ == "NOUN" and root.head.lemma_.lower() in vocab.words("origin_person_nouns")


def _near(doc: Doc, place: dict) -> bool:
    """'near Kandahar', 'outside the town of Lashkar Gah', 'north of Mosul': close to, not in."""
    span = doc.char_span(place["start"], place["end"], alignment_mode="expand")
    if span is None:
        return False
    tok = span.root
    for _ in range(5):
        if tok.dep_ == "pobj" and tok.head.lower_ in vocab.words("near_words"):
            return True
        if tok.lower_ in vocab.words("near_words") and tok.pos_ in ("ADP", "ADV", "ADJ", "NOUN"):
            return True
        if tok.dep_ in ("pobj", "prep", "appos", "compound") or (tok.pos_ == "NOUN" and tok.dep_ == "pobj"):
            tok = tok.head
            continue
        if tok.pos_ == "NOUN" and tok.lemma_.lower() in vocab.words("place_kind_nouns"):
            tok = tok.head
            continue
        break
    before = doc_text(doc)[max(0, place["start"] - settings.NEAR_LOOKBACK_CHARS) : place["start"]].lower().split()
    return bool(set(before[-settings.NEAR_LOOKBACK_WORDS:]) & vocab.words("near_words"))


def _reference_point(doc: Doc, place: dict) -> bool:
    """'Hit, 60 km from Ramadi', 'Falluja, west of Baghdad': the place says where another one is."""
    span = doc.char_span(place["start"], place["end"], alignment_mode="expand")
    if span is None:
        return False
    root = span.root
    if root.dep_ != "pobj" or root.head.lower_ not in ("of", "from"):
        return False
    before = root.head.head if root.head.head.i < root.head.i else doc[max(root.head.i - 1, 0)]
    return before.lower_ in vocab.words("reference_point_words") or doc[max(root.head.i - 1, 0)].lower_ in vocab.words("reference_point_words")


def _locates(places: list[dict], ref: dict) -> bool:
    """Is a reference point told of a place named just before it ("Hit, 60 km from Ramadi")?
    Not of an unnamed thing ("Houthi positions north of Sanaa"): then it is the best place there is."""
    return any(0 <= ref["start"] - p["end"] <= settings.REFERENCE_POINT_REACH_CHARS for p in places if p is not ref)


def _direct_quote_around(ctx: ArticleContext, trigger: Token) -> dict | None:
    for q in ctx.quotes:
        if q.get("kind") == "direct" and q["start"] <= trigger.idx < q["end"]:
            return q
    return None


def _speaks(doc: Doc, place: dict, trigger: Token) -> bool:
    """'France said ...', 'Russia announced ...', 'Turkey has shelled ...': a country as a
    speaker or as the side that acts, not where anything happened; so is any place that
    speaks ('Moscow said') or is moved or addressed ('has infuriated Ankara', 'urged Kabul'):
    it stands for its government."""
    span = doc.char_span(place["start"], place["end"], alignment_mode="expand")
    if span is None:
        return False
    root = span.root
    verb = root.head.lemma_.lower()
    if root.dep_ == "dobj" and verb in vocab.words("addressee_verbs"):
        return True
    if place.get("feature") != "country":
        return root.dep_ == "nsubj" and verb in vocab.words("reporting_verbs")
    return root.dep_ == "nsubj" and (verb in vocab.words("reporting_verbs") or root.head.i == trigger.i)


def _where_said(doc: Doc, place: dict) -> bool:
    """'said in Riyadh', 'in a television interview with Reuters in Riyadh', 'told a news
    conference in Geneva': where someone spoke, not where anything happened."""
    span = doc.char_span(place["start"], place["end"], alignment_mode="expand")
    if span is None:
        return False
    tok = span.root
    for _ in range(settings.SAID_AT_MAX_STEPS):
        if tok.dep_ not in ("pobj", "prep", "compound", "appos") or tok.head.i == tok.i:
            return False
        tok = tok.head
        lemma = tok.lemma_.lower()
        if (tok.pos_ == "VERB" and lemma in vocab.words("reporting_verbs")) or (
                tok.pos_ == "NOUN" and lemma in vocab.words("speech_occasion_nouns")):
            return True
    return False


def _foreign(ctx: ArticleContext, place: dict) -> bool:
    """A place in a country the article neither names nor implies: a namesake abroad (a
    Syrian village read as one in South Sudan), never where the story's events are."""
    return bool(ctx.countries) and place.get("country_code") is not None and place["country_code"] not in ctx.countries


def locate(ctx: ArticleContext, trigger: Token, sent: Span, nationwide: bool = False) -> tuple[dict | None, int]:
    """The event's place and geo_precision; `nationwide`: with no place in the sentence, the
    article's country ("the truce came into force on Saturday"), not a place told before."""
    places = [p for p in ctx.places_in(sent) if not _modifies_a_person(sent.doc, p)
              and not _speaks(sent.doc, p, trigger) and not _where_said(sent.doc, p)]
    quote = _direct_quote_around(ctx, trigger)
    if quote is not None:
        # Told in a witness's own words: the places of the quote, not of "said X at al-Hol camp".
        places = [p for p in places if quote["start"] <= p["start"] < quote["end"]]
    at_home = [p for p in places if not _foreign(ctx, p)]
    if any(p.get("feature") not in BROAD_FEATURES and p.get("latitude") is not None for p in at_home):
        # a namesake abroad gives way to a place of the story's own countries; alone, it may
        # well be right ("a missile struck Zaporizhzhia" names no country but the town's)
        places = at_home
    specific = [p for p in places if p.get("feature") not in BROAD_FEATURES and p.get("latitude") is not None]
    chosen = None
    if specific:
        # Prefer the place inside the trigger's own phrase, then the one nearest the trigger.
        inside = [p for p in specific if trigger.left_edge.idx <= p["start"] <= trigger.right_edge.idx + len(trigger.right_edge)]
        pool = inside or specific
        # a place that says where another is ("60 km from Ramadi") gives way to the place itself
        pool = [p for p in pool if not (_reference_point(sent.doc, p) and _locates(pool, p))] or pool
        chosen = min(pool, key=lambda p: abs(p["start"] - trigger.idx))
        # the places layer knows "East Mosul" or a province standing in for a village (2, 3)
        return chosen, max(2 if _near(sent.doc, chosen) else 1, chosen.get("geo_precision") or 1)
    broad = [p for p in places if p.get("latitude") is not None]
    if broad and ctx.focus_place and not nationwide and any(p.get("country_code") == ctx.focus_place.get("country_code") and p.get("feature") == "country" for p in broad):
        # "strikes in Syria" while the story is about one place in Syria: that place, approximately.
        return ctx.focus_place, 2
    if broad:
        region = [p for p in broad if p.get("feature") != "country"]
        pool = region or broad
        home = [p for p in pool if p.get("country_code") == ctx.focus_country]
        return _part_of_country(sent.doc, (home or pool)[0]), 3
    if nationwide:
        return _country_place(ctx)
    # Nothing in the sentence: the paragraph's last specific place, then the focus place.
    para_start = doc_text(sent.doc).rfind("\n\n", 0, sent.start_char)
    earlier = [
        p for p in ctx.places
        if para_start <= p["start"] < sent.start_char and not p.get("in_dateline")
        and p.get("feature") not in BROAD_FEATURES and p.get("latitude") is not None and not _foreign(ctx, p)
        and not _where_said(sent.doc, p)
    ]
    if earlier:
        return earlier[-1], 1
    if ctx.last_place is not None:
        return ctx.last_place  # where the story last placed an event
    if ctx.focus_place:
        return ctx.focus_place, 1
    return _country_place(ctx)


# the word or two right before a name: "northern ", "north-western ", "South East "
_WORDS_BEFORE = re.compile(r"([A-Za-z]+)(?:([- ])([A-Za-z]+))? $")


def _part_of_country(doc: Doc, place: dict) -> dict:
    """'in northern Iraq', 'southeast Turkey': the middle of that part of the country, named
    as written, instead of the country's point; any other place as it is."""
    if place.get("feature") != "country":
        return place
    m = _WORDS_BEFORE.search(doc_text(doc)[max(0, place["start"] - 20) : place["start"]])
    if m is None:
        return place
    parts = vocab.mapping("compass_parts")
    written = (m.group(1) + (m.group(3) or "")).lower()
    part, start = parts.get(written), m.start(1)
    if part is None and m.group(3):  # "Kurds in northern Iraq": the last word alone
        part, start = parts.get(m.group(3).lower()), m.start(3)
    point = get_gazetteer().part_of_country(place.get("country_code"), part) if part else None
    if point is None:
        return place
    start += max(0, place["start"] - 20)
    return {**place, "name": doc_text(doc)[start : place["end"]], "start": start, "feature": "region",
            "latitude": point[0], "longitude": point[1]}


def _country_place(ctx: ArticleContext) -> tuple[dict | None, int]:
    """Only the country is known: its representative point, at precision 3."""
    country = next(
        (p for p in ctx.places if p.get("feature") == "country" and p.get("latitude") is not None
         and (ctx.focus_country is None or p.get("country_code") == ctx.focus_country)),
        None,
    )
    return country, 3


def coordinated(ctx: ArticleContext, sent: Span, place: dict | None) -> list[tuple[dict, int]]:
    """The towns told together with the event's own ("marched in Paris and Marseille", "protests
    in Lagos, Abuja and Kano", "air strikes on Aleppo and Idlib"), each with its geo_precision:
    ACLED codes one event per place. Not the ends of one stretch ("between Mosul and Kirkuk", "the
    road linking Goma and Rutshuru", "from X and Y"), not a region ("Idlib and Hama provinces", a
    modifier), not alternatives ("in Paris or Lyon"), not a town of another country."""
    if not place or place.get("feature") in BROAD_FEATURES or place.get("start") is None:
        return []
    doc = sent.doc
    span = doc.char_span(place["start"], place["end"], alignment_mode="expand")
    if span is None or not span.root.conjuncts:
        return []
    first = span.root
    while first.dep_ == "conj":
        first = first.head
    if first.dep_ not in ("pobj", "dobj", "nsubj", "nsubjpass", "appos", "npadvmod") or \
            first.head.lemma_.lower() in vocab.words("stretch_words") or first.head.lower_ in vocab.words("stretch_words"):
        return []
    if any(t.dep_ in ("cc", "preconj") and t.lower_ in ("or", "nor", "either", "neither", "between")
           for c in (first, *first.conjuncts) for t in c.children):
        return []
    others = [c for c in first.conjuncts if c.i != span.root.i]
    if not others:
        return []
    spots = {}
    for p in ctx.places_in(sent):
        if p is place or p.get("feature") in BROAD_FEATURES or p.get("latitude") is None \
                or p.get("country_code") != place.get("country_code"):
            continue
        pspan = doc.char_span(p["start"], p["end"], alignment_mode="expand")
        if pspan is not None and any(c.i == pspan.root.i for c in others) and location_name(p) != location_name(place):
            spots[location_name(p)] = p
    return [(p, max(2 if _near(doc, p) else 1, p.get("geo_precision") or 1)) for p in spots.values()]
