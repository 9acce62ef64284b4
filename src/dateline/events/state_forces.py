"""The state's side in a phrase: a country's name or demonym before a force or a weapon ("Turkish
air strikes", "25 Iraq fighters"), a state named as the subject of an act of war ("Turkey shelled
..."), a post held by a kind of force ("a police station"), and soldiers in revolt."""

from __future__ import annotations

from spacy.tokens import Token

from .. import vocab
from ..language.actors import actor_for_role
from ..language.countries import country_for_name, iso2_for
from .context import ArticleContext
from .grammar import _child, _is_passive


def state_of_modifier(tok: Token | None) -> dict | None:
    """'a U.S. drone strike', 'Turkish air strikes': the state forces of the country named."""
    if tok is None:
        return None
    if tok.i > 0 and tok.doc[tok.i - 1].lower_.replace("-", "") in vocab.mapping("compass_parts"):
        return None  # "a north Iraq air strike": a part of a country is where, not whose
    iso2 = iso2_for(tok.text.strip(".") if tok.text != "U.S." else "U.S.") or iso2_for(tok.text)
    return _military_of(iso2, tok.text, tok.idx, tok.idx + len(tok.text))


def names_where_bombed(tok: Token, trigger: Token, ctx: ArticleContext) -> bool:
    """'Iraq funeral bombing', 'Iraq suicide bombings in Tikrit kill 22': a country's name (a demonym
    says whose) before a bomb or blast in that country says where it went off: the places the
    sentence names are in it (or it names none, and the article is about it)."""
    iso2 = country_for_name(tok.text)
    if iso2 is None or not (trigger.lemma_.lower() in vocab.words("planted_blast_nouns")
                            or any(t.lower_ == "suicide" for t in trigger.doc[trigger.left_edge.i:trigger.i])):
        return False
    where = {p.get("country_code") for p in ctx.places_in(trigger.sent) if not p["start"] <= tok.idx < p["end"]}
    return where == {iso2} if where else iso2 == ctx.focus_country


def _military_of(iso2: str | None, text: str, start: int, end: int) -> dict | None:
    """The side a country's name stands for in an act of war: its military."""
    name = actor_for_role("military", iso2) if iso2 else None
    return {"canonical": name, "type": "state", "text": text, "start": start, "end": end, "country": iso2} if name else None


def state_subject(trigger: Token) -> dict | None:
    """'Turkey has shelled YPG positions', 'Russia attacked Kyiv with missiles': a state named
    as the subject of an act of war acts through its military (a country's name, not a
    demonym or people noun; the act itself or the weapon it used or the act a light verb carries)."""
    verb = trigger
    if not (trigger.pos_ in ("VERB", "AUX") or trigger.tag_.startswith("VB")):
        head = trigger.head
        if trigger.dep_ == "pobj" and head.lower_ == "with":
            verb = head.head  # "attacked Ukraine with cruise missiles"
        elif trigger.dep_ == "dobj" and head.lemma_.lower() in vocab.words("light_verbs"):
            verb = head  # "Turkey launched air strikes"
        else:
            return None
    if verb.pos_ not in ("VERB", "AUX") or _is_passive(verb):
        return None
    subj = _child(verb, {"nsubj"})
    if subj is None or subj.pos_ != "PROPN" or any(c.dep_ not in ("compound", "det") for c in subj.children):
        return None
    name = " ".join(t.text for t in subj.subtree if t.dep_ != "det")
    return _military_of(country_for_name(name), name, subj.left_edge.idx, subj.idx + len(subj.text))


def mutineers(side: dict | None, tok: Token | None) -> dict | None:
    """'soldiers attempting a coup', 'troops suspected of taking part in the failed coup': a
    state's military that a clause or modifier of its own describes in revolt are mutineers,
    "Mutiny of Military Forces of X" (taxonomy); None when they are not."""
    if side is None or tok is None or side.get("type") != "state" or not side.get("country"):
        return None
    coup = vocab.words("coup_words")
    described = [t for ch in tok.children if ch.dep_ in ("acl", "relcl", "amod", "prep", "compound")
                 for t in ch.subtree]
    if not any(t.lemma_.lower() in coup or t.lower_ in coup for t in described):
        return None
    name = actor_for_role("mutiny", side["country"])
    return dict(side, canonical=name, type="militia", resolved_by="role", owned=True) if name else None


def _forces_of_country(tok: Token | None) -> dict | None:
    """'25 Iraq fighters', 'Afghan soldiers': the state forces of the country that modifies them."""
    if tok is None or tok.lemma_.lower() not in vocab.words("force_nouns"):
        return None
    for child in tok.children:
        if child.dep_ in ("compound", "amod", "nmod"):
            side = state_of_modifier(child)
            if side is not None:
                if tok.lemma_.lower() in ("policeman", "police", "officer"):
                    side = dict(side, canonical=actor_for_role("police", side["country"]), type="police")
                return side
    return None


# A country's forces named only by a word of their kind ("a military checkpoint", "a police
# vehicle"): the coder names them for the event's country (sides.side_name).
STATE_ROLE_WORDS = {"military": "military", "army": "military", "police": "police", "government": "military", "regime": "military"}  # "government positions": the army's


def role_side(role: str, tok: Token) -> dict:
    """A stand-in for the forces of a role whose country is the event's."""
    return {"canonical": None, "role": role, "type": "police" if role == "police" else "state",
            "text": tok.text, "start": tok.idx, "end": tok.idx + len(tok.text)}


def post_holder(tok: Token | None) -> dict | None:
    """The side that holds an attacked post: 'Armenian positions', 'a military checkpoint',
    'a police station' (the side named inside the phrase is found before, by `actor_of`)."""
    if tok is None:
        return None
    if tok.lemma_.lower() not in vocab.words("armed_post_nouns"):
        # "the entrance of a police station", "the gate of an army base"
        inner = next((t for t in tok.subtree if t.dep_ == "pobj" and t.head.lower_ == "of" and t.head.head.i == tok.i), None)
        return post_holder(inner) if inner is not None else None
    role = None
    for child in tok.children:
        if child.dep_ not in ("compound", "amod", "nmod"):
            continue
        side = state_of_modifier(child)
        if side is not None:
            return side
        role = role or STATE_ROLE_WORDS.get(child.lemma_.lower()) or vocab.mapping("post_role_words").get(child.lemma_.lower())
        if role is None and child.dep_ == "compound":
            role = next((STATE_ROLE_WORDS[g.lemma_.lower()] for g in child.children
                         if g.lemma_.lower() in STATE_ROLE_WORDS), None)  # "an army border post"
    return role_side(role, tok) if role else None
