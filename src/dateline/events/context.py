"""What the event coder knows about the whole article before it reads a sentence:
which actor each token belongs to, the places and dates of each sentence, the
article's main armed sides, its focus place, and its reference time.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from spacy.tokens import Doc, Span, Token

from .. import settings, vocab
from ..chrono import _iso
from ..language.actors import ARMED_SIDE_TYPES
from ..language.affiliation import describes_another, membership_named
from ..language.doccache import sents as doc_sents
from ..language.doccache import text as doc_text
from ..language.meta import dateline_end

# Sides that can act or be acted on in an event; media and other bodies cannot. (An
# international body is a side, armed or not: a coalition fights, the UN does not.)
SIDE_TYPES = ARMED_SIDE_TYPES | {"international", "civilians", "protesters", "rioters", "political"}
PRECISION_CODE = {"day": 1, "span": 2, "week": 2, "month": 3, "year": 3}


# A state's forces: one state's army and police are one side of its wars.
STATE_FORCES = frozenset({"state", "police"})


def is_armed(actor: dict) -> bool:
    """Can this side fight? (The UN, the ICRC or an aid agency cannot.) Mentions say so
    themselves; the coder's own stand-ins (an unnamed side, a country's forces) by their type."""
    if "armed" in actor:
        return bool(actor["armed"])
    return actor.get("type") in ARMED_SIDE_TYPES


@dataclass
class ArticleContext:
    doc: Doc
    actors: list[dict] = field(default_factory=list)
    places: list[dict] = field(default_factory=list)
    timexes: list[dict] = field(default_factory=list)
    quotes: list[dict] = field(default_factory=list)
    actor_at: dict[int, dict] = field(default_factory=dict)  # token index -> actor mention
    armed_counts: Counter = field(default_factory=Counter)
    # the same, less the mentions that only report ("..., the army said"): a source, not a side
    acting_counts: Counter = field(default_factory=Counter)
    focus_country: str | None = None
    focus_place: dict | None = None
    reference: tuple[str | None, int, int | None] = (None, 3, None)  # (date, time_precision, year)
    agency: str | None = None
    body_start: int = 0  # where the story starts after a "PLACE (Agency) –" dateline
    last_place: tuple[dict, int] | None = None  # the place of the last event located
    last_actor1: dict | None = None  # the acting side of the last event read (for "they")
    air_war: bool = False  # the article talks of aircraft: its bare "strikes" are air strikes
    # the countries the article names or implies: named countries, the dateline's, the focus
    # country, the home countries of the sides it names ("Kenyan troops", Hezbollah)
    countries: frozenset = frozenset()

    @classmethod
    def of(cls, doc: Doc) -> "ArticleContext":
        ctx = cls(doc=doc)
        ctx.actors = sorted(doc._.actors or [], key=lambda a: a["start"])
        ctx.places = sorted(doc._.places or [], key=lambda p: p["start"])
        ctx.timexes = sorted(doc._.timexes or [], key=lambda t: t["start"])
        ctx.quotes = list(doc._.quotes or [])
        ctx.focus_country = doc._.focus_country
        meta = doc._.meta or {}
        dateline = meta.get("dateline") or {}
        ctx.agency = dateline.get("agency")
        ctx.body_start = dateline_end(doc) if dateline else 0
        ctx.actors = [a for a in ctx.actors if a.get("type") in SIDE_TYPES and a["start"] >= ctx.body_start
                      and not (a.get("resolved_by") == "affiliation" and membership_named(doc, a))
                      and not (a.get("resolved_by") == "dictionary" and describes_another(doc, a["start"], a["end"]))]
        named = set(filter(None, [ctx.focus_country]
                           + [p.get("country_code") for p in ctx.places if p.get("feature") == "country" or p.get("in_dateline")]
                           + [a.get("country") for a in ctx.actors if a.get("resolved_by") != "role" or a.get("owned")]))
        ctx.countries = frozenset(named)
        for actor in ctx.actors:
            span = doc.char_span(actor["start"], actor["end"], alignment_mode="expand")
            if span is None:
                continue
            for tok in span:
                ctx.actor_at.setdefault(tok.i, actor)
            if is_armed(actor):
                ctx.armed_counts[actor["canonical"]] += 1
                if not _reports(span.root):
                    ctx.acting_counts[actor["canonical"]] += 1
        ctx.focus_place = ctx._focus_place()
        aircraft = vocab.words("aircraft_words")
        ctx.air_war = any(t.lemma_.lower() in aircraft or t.lower_ in aircraft for t in doc)
        ctx.reference = ctx._reference_time(meta.get("published"))
        return ctx

    # --- places -------------------------------------------------------------
    def _focus_place(self) -> dict | None:
        counts: Counter = Counter()
        first: dict[str, dict] = {}
        for p in self.places:
            if p.get("in_dateline") or p.get("latitude") is None:
                continue
            if p.get("feature") in ("country", "region", "continent", "river"):
                continue
            if self.focus_country and p.get("country_code") != self.focus_country:
                continue
            key = p.get("resolved") or p["name"]
            counts[key] += 1
            first.setdefault(key, p)
        if not counts:
            return None
        key, n = counts.most_common(1)[0]
        return first[key] if n >= settings.FOCUS_PLACE_MIN_MENTIONS or len(counts) == 1 else None

    def places_in(self, sent: Span) -> list[dict]:
        return [
            p for p in self.places
            if sent.start_char <= p["start"] and p["end"] <= sent.end_char and not p.get("in_dateline")
        ]

    def timexes_in(self, sent: Span) -> list[dict]:
        return [t for t in self.timexes if sent.start_char <= t["start"] and t["end"] <= sent.end_char]

    # --- actors -------------------------------------------------------------
    def actors_in(self, tokens) -> list[dict]:
        seen: list[dict] = []
        for tok in tokens:
            actor = self.actor_at.get(tok.i)
            if actor is not None and actor not in seen:
                seen.append(actor)
        return seen

    def actor_of(self, tok: Token | None, leave_out: Token | None = None) -> dict | None:
        """The actor a phrase headed by `tok` names (its own mention first, then its subtree,
        less the clause `leave_out` heads). A relative clause on people tells what they did, not
        whose they are: "two men they accused of spying for the government", "six men accused of
        spying for the army" name no side (though "people suspected of links to IS" do) (one
        on a place may say who holds it: "an area that is home to government buildings")."""
        if tok is None:
            return None
        if tok.i in self.actor_at:
            return self.actor_at[tok.i]
        people = tok.lemma_.lower() in vocab.words("person_nouns") | vocab.words("civilian_nouns")
        told = {t.i for r in tok.subtree if people and r.dep_ == "relcl" and r.head.i == tok.i for t in r.subtree}
        # "men accused of spying for the government": the side they are said to have served
        told |= {t.i for r in tok.children if people and r.dep_ == "acl" and r.lemma_.lower() in vocab.words("accusation_verbs")
                 for p in r.subtree if p.dep_ == "prep" and p.lower_ in vocab.words("served_side_prepositions") for t in p.subtree}
        if leave_out is not None:
            told |= {t.i for t in leave_out.subtree}
        found = self.actors_in(t for t in tok.subtree if t.i not in told)
        return found[0] if found else None

    def previous_actor(self, before_char: int, *, armed: bool = True, exclude: str | None = None) -> dict | None:
        for actor in reversed(self.actors):
            if actor["start"] >= before_char:
                continue
            if armed and not is_armed(actor):
                continue
            if exclude and actor["canonical"] == exclude:
                continue
            return actor
        return None

    def main_adversary(self, of: str | None, allies: tuple = (), acting: bool = False) -> str | None:
        """The armed side the article names most, other than `of`, its allies, the other
        forces of its own state (the army is not the adversary of the police) and, for state
        forces, any police force; `acting`: only sides named other than as a source ("Rebels
        seized two villages, the army said" names no army in the fight)."""
        home = next((a.get("country") for a in self.actors if a["canonical"] == of and a.get("type") in STATE_FORCES), None)
        for canonical, _ in (self.acting_counts if acting else self.armed_counts).most_common():
            if canonical == of or canonical in allies:
                continue
            if home and any(a["canonical"] == canonical and a.get("type") in STATE_FORCES
                            and (a.get("country") == home or a.get("type") == "police") for a in self.actors):
                continue  # nor a police force: police do not make war on another state's forces
            return canonical
        return None

    def main_side_of(self, types: frozenset[str], exclude: str | None = None) -> dict | None:
        """The armed side of these types the article names most (for air strikes, the state
        or coalition that flies the strikes it mentions)."""
        counts: Counter = Counter()
        first: dict[str, dict] = {}
        for actor in self.actors:
            if actor.get("type") in types and is_armed(actor) and actor["canonical"] != exclude:
                counts[actor["canonical"]] += 1
                first.setdefault(actor["canonical"], actor)
        return first[counts.most_common(1)[0][0]] if counts else None

    # --- time ---------------------------------------------------------------
    def _reference_time(self, published: dict | None) -> tuple[str | None, int, int | None]:
        """The date an event with no date of its own is coded to.

        The lead's own day first ("On Jan. 8, coalition forces conducted 34 strikes"
        dates the list of strikes below it). Else, with a publication day, that day.
        When the day is unknown, the latest month the story itself talks about (an
        account of "the last days of the fighting" published in April about March is
        coded to March), else the publication month or year; when the publication is
        only bounded from below, no date rather than a guessed one.
        """
        pub_date = _as_date(published.get("date")) if published else None
        precision = published.get("precision") if published else None
        latest = _as_date(published.get("latest")) if published else None
        lead = self._lead_day(latest, pub_date)
        if lead is not None:
            return lead
        if pub_date and precision == "day":
            return pub_date.isoformat(), 1, None
        story_months = [
            _as_date(t["date"]) for t in self.timexes
            if t.get("date") and t.get("precision") in ("day", "span", "week", "month")
        ]
        story_months = [d for d in story_months if d and (latest is None or d <= latest)]
        if pub_date and latest and story_months:
            recent = max(story_months)
            if (pub_date - recent).days <= settings.STORY_MONTH_MAX_AGE_DAYS or recent >= pub_date:
                return recent.replace(day=1).isoformat(), 3, None
        if pub_date and precision == "month":
            return pub_date.replace(day=1).isoformat(), 3, None
        if pub_date and latest and precision == "year":
            return None, 3, pub_date.year
        return None, 3, None

    def _lead_day(self, latest: date | None, pub_date: date | None) -> tuple[str, int, None] | None:
        """The day the lead reports, when it is recent (not 'the deadliest since Sept. 11, 2001')."""
        body = doc_text(self.doc)
        first_par_end = body.find("\n\n")
        first_par_end = len(body) if first_par_end < 0 else first_par_end
        lead_end = next((s.end_char for s in doc_sents(self.doc) if s.end_char > self.body_start), first_par_end)
        for t in self.timexes:
            if t["start"] >= min(lead_end, first_par_end):
                break
            if t.get("precision") == "day" and t.get("date"):
                day = _as_date(t["date"])
                recent = pub_date is None or (pub_date - day).days <= settings.LEAD_DAY_MAX_AGE_DAYS
                if day and recent and (latest is None or day <= latest):
                    return day.isoformat(), int(t.get("time_precision") or 1), None
        return None


_as_date = _iso  # "YYYY-MM-DD..." -> date, or None


def _reports(tok: Token) -> bool:
    """Is `tok` the subject of a reporting verb ("the army said", "police told reporters")? Not
    of a claim: a side that claims an act is a side of it."""
    verb = tok.head.lemma_.lower()
    return tok.dep_ == "nsubj" and verb in vocab.words("reporting_verbs") and verb != "claim"
