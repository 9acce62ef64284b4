"""The record's entities: actors, places and the statistical NER's, corrected.

`dateline_actors` writes `doc._.entities` with `record_entities`: the actor mentions
that are also entities first, then the places `dateline_places` found, then the
NER's own entities cleaned up ("BEIRUT/ERBIL" in two, a possessive cut off, "Bali"
after "Mustafa Bali" a person, "Staff Sgt." no one), with no overlap, and acronyms
the article defines ("Syrian Arab Coalition (SAC)") given their long form's name.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from spacy.tokens import Doc, Span

from .. import vocab
from . import countries as C
from .actor_dictionary import ActorDictionary, norm

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


def record_entities(doc: Doc, body: str, mentions: list, dictionary: ActorDictionary,
                    head_phrases: set[str]) -> list[dict]:
    """Record-format entities, non-overlapping: actors first, then places, then the NER's own,
    each corrected with the country table and the article's full names."""
    candidates: list[tuple[int, int, int, str, str]] = []  # (priority, start, end, label, canonical)
    for m in mentions:
        if m.label and not rank_follows(body, m.end):
            start = m.entity_start if m.entity_start is not None else m.start
            candidates.append((0 if m.how in ("dictionary", "affiliation") else 1, start, m.end,
                               m.label, m.entity_canonical or m.canonical))
    places = doc._.places
    persons = person_names(doc)
    if places is not None:
        for p in places:
            full = full_name([p["name"]], persons) if " " not in p["name"] else None
            if full:  # "Bali" after "Mustafa Bali" is the man, not a place
                candidates.append((2, p["start"], p["end"], "PERSON", full))
                continue
            label = vocab.mapping("place_feature_labels").get((p.get("feature") or "").lower(), "GPE")
            candidates.append((2, p["start"], p["end"], label, ascii_name(p.get("resolved") or p["name"])))
    for ent in doc.ents:
        label = NER_LABELS.get(ent.label_)
        if label is None or (ent.id_ and ent.id_ in dictionary.named):
            continue
        for start, end in ner_pieces(body, ent):
            piece = doc.char_span(start, end, alignment_mode="expand")
            text = body[start:end]
            if piece is None or text in dictionary.not_entities:
                continue
            if norm(without_article(text)) in head_phrases:
                continue  # "Jihadists" opening a sentence is a common noun, not a name
            fixed, canonical = fix_ner(text, piece, label, persons)
            if fixed is None:
                continue
            if places is not None and fixed in ("GPE", "LOC") and not C.country_for_name(without_article(text)):
                continue  # places knows better which names are places (a country stays: "U.S. help")
            candidates.append((3, start, end, fixed, canonical))
    candidates.sort(key=lambda c: (c[0], -(c[2] - c[1]), c[1]))
    taken: list[tuple[int, int]] = []
    out = []
    for _prio, start, end, label, canonical in candidates:
        if any(start < e and s < end for s, e in taken):
            continue
        taken.append((start, end))
        out.append({"text": body[start:end], "label": label, "canonical": canonical,
                    "start": start, "end": end})
    out.sort(key=lambda e: e["start"])
    apply_acronyms(body, out)
    return out


ACRONYM_AFTER = re.compile(r"\s*\(([A-Z][A-Z0-9&-]{1,9})\)")


def apply_acronyms(text: str, entities: list[dict]) -> None:
    """"Syrian Arab Coalition (SAC)" defines SAC for the rest of the article."""
    defined: dict[str, dict] = {}
    for e in entities:
        m = ACRONYM_AFTER.match(text, e["end"])
        # the acronym starts with the name's first letter: "(SAC)" after "Syrian Arab Coalition",
        # not "(Reuters)" after a dateline place
        if m and m.group(1) != e["text"] and m.group(1)[0] == without_article(e["text"])[:1].upper():
            defined.setdefault(m.group(1), e)
    if not defined:
        return
    for e in entities:
        source = defined.get(e["text"])
        if source is not None and e["canonical"] == e["text"] and source is not e:
            e["canonical"] = source["canonical"]
            e["label"] = source["label"]


@lru_cache(maxsize=1)
def _rank_after() -> re.Pattern:
    """"U.S. Army Gen. Joseph Votel": a rank right after a force (data/en/rank_words.json)."""
    return re.compile(r"\s+(?:" + "|".join(vocab.ordered("rank_words")) + r")\b\.?")


def rank_follows(text: str, end: int) -> bool:
    """"U.S. Army Gen. Joseph Votel": the force names a person's rank, not an actor."""
    return _rank_after().match(text, end) is not None


def ner_pieces(doc_text: str, ent: Span) -> list[tuple[int, int]]:
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
NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
NICKNAME = re.compile(r"\s*[“\"][^”\"]{1,20}[”\"]")


def _name_words(text: str) -> list[str]:
    """The words of a person's name, without a quoted nickname, initials or suffix."""
    words = re.findall(r"[^\W\d_][\w'’-]*\.?", NICKNAME.sub("", text))
    words = [w.rstrip(".") for w in words if not (len(w.rstrip(".")) == 1)]
    while words and words[-1].lower() in NAME_SUFFIXES:
        words.pop()
    return words


def person_names(doc: Doc) -> list[tuple[list[str], str]]:
    """(name words, full name) for every multi-word PERSON mention, longest first."""
    seen: dict[str, tuple[list[str], str]] = {}
    for ent in doc.ents:
        if ent.label_ != "PERSON" or "\n" in ent.text:
            continue
        full = re.sub(r"['’]s$", "", NICKNAME.sub("", ent.text)).strip()
        words = _name_words(full)
        if len(words) >= 2 and words[-1].lower() not in vocab.words("name_particles"):
            seen.setdefault(" ".join(words), (words, full))
    return sorted(seen.values(), key=lambda x: -len(x[0]))


def full_name(words: list[str], persons: list[tuple[list[str], str]]) -> str | None:
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


def ascii_name(name: str) -> str:
    """"Ālbū Kamāl" -> "Albu Kamal": canonical names without diacritics."""
    folded = unicodedata.normalize("NFKD", name)
    return "".join(ch for ch in folded if not unicodedata.combining(ch))


def without_article(text: str) -> str:
    return re.sub(r"^(?:the|The|THE)\s+", "", text)


def fix_ner(text: str, span: Span, label: str, persons: list[tuple[list[str], str]]) -> tuple[str | None, str]:
    """Label and canonical name for a statistical entity, corrected with the country
    table and the article's own full names; (None, _) drops it."""
    bare = without_article(text)
    if label in ("PERSON", "GPE", "ORG", "LOC", "NORP"):
        iso = C.country_for_name(bare)
        if iso:
            return "GPE", C.country_name(iso)
        if C.demonym_country(bare):
            return "NORP", _demonym_canonical(bare)
    if label == "PERSON":
        words = _name_words(text)
        if not words or all(w.lower() in vocab.words("title_words") for w in words):
            return None, text  # "Staff Sgt", "Navy Capt"
        full = full_name(words, persons)
        if full:
            return "PERSON", full
        return "PERSON", NICKNAME.sub("", text).strip()
    if label in ("GPE", "ORG", "LOC") and len(span) == 1:
        full = full_name([span.text], persons)
        if full:
            return "PERSON", full  # "Bali" after "Mustafa Bali"
    if label == "NORP":
        return "NORP", _singular(bare)
    if all(w.lower() in vocab.words("title_words") for w in _name_words(text)):
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
    if c is not None and c.demonyms and norm(word) in {norm(p) for p in c.people}:
        return c.demonyms[0]
    return word
