"""The event coder: ACLED-style events from the annotated article, each with evidence.

For every trigger the trigger table finds (`lexicon.py`), in stages; the exclusion checks
of each stage (`checks.py`) may drop it:
1. "trigger": keep it only if it reports an event that happened (not inside a name, not
   a weapon counted, not a plan, threat, negation, question, habit or tally);
2. "roles": find the acting and the acted-on side from the parse (`roles.py`), the
   claimant and the speaker's side (`sides.py`); a class may turn into another in the
   air; choose actor1; let the class's resolve strategy settle the sub-event type that
   depends on the sides (`resolve.py`: a capture by the state is "Government regains
   territory", an attack on civilians violence against civilians, on fighters a clash);
3. "sides": place it (`locate.py`) and name its sides for the place's country;
4. "dated": date it (`dating.py`), count its dead (`fatalities.py`), build its row with
   the sentence as evidence (`row.py`) and attribute it (`attribution.py`);
then, per article, keep one event per sentence and kind, fold repeated mentions of one
event into one (`folding.py`) and assemble the mentions of one occurrence into one
incident (`incidents.py`).

What a trigger class needs beyond that is data in the trigger table plus, at most, one
registered function: a resolve strategy, an exclusion check, an actor1 fallback or a
default actor (see docs/architecture.md, "Adding an event sub-type").
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..errors import TriggerTableError
from ..language.doccache import drop as drop_cache
from ..language.doccache import sent_of
from ..language.doccache import sents as doc_sents
from ..language.doccache import text as doc_text
from ..language.meta import ensure
from . import advances  # noqa: F401  (registers the advance strategy and the aimed_at_a_side check)
from . import suicide  # noqa: F401  (registers the bomb_kind and explosion_kind strategies and the driven_into check)
from .air import flown, from_the_air
from .checks import excluded, listed_names
from .coding import Candidate, Coding
from .context import ArticleContext
from .dating import date_for
from .fatalities import fatalities_in, killing_near, later_tolls, tally_of_several, toll_of
from .folding import drop_totals, fold, select
from .incidents import assemble
from .lexicon import LEXICON_FILE, TriggerClass, TriggerTable, load_table
from .locate import BROAD_FEATURES, locate
from .resolve import RESOLVERS, civilian_victims, resolve
from .responsibility import responsibilities
from .row import build_event, finish, per_town
from .headline_side import headline_group
from .sides import ACTOR1_FALLBACKS, DEFAULT_ACTORS, choose_actor1, name_sides, read_roles


# What the coder reads that components assign: the language layer's Doc extensions and
# spaCy's parse. It also reads doc._.meta (set by make_doc before the pipeline runs) and
# token.pos (set by the model's attribute ruler, whose factory declares nothing), which no
# component can be required to assign.
REQUIRES = [
    "doc._.actors", "doc._.places", "doc._.focus_country", "doc._.timexes", "doc._.quotes",
    "doc.ents", "doc.sents", "token.lemma", "token.tag", "token.dep", "token.ent_type",
]


class EventCoder:
    """The `dateline_events` component: reads the annotated Doc, writes `doc._.events`.

    The trigger table is read on first use (or by `initialize`), not when the component
    is made: a pipeline is built in every worker, and the table is checked once there.
    """

    def __init__(self, nlp: Language, name: str = "dateline_events", *, trigger_table: str = LEXICON_FILE) -> None:
        self.name = name
        self.trigger_table = trigger_table
        self._table: TriggerTable | None = None
        ensure("events")

    def initialize(self, get_examples=None, *, nlp: Language | None = None) -> None:
        """Load and check the trigger table now (spaCy calls this from `nlp.initialize()`)."""
        self._table = None
        _ = self.table

    @property
    def table(self) -> TriggerTable:
        if self._table is None:
            table = load_table(self.trigger_table)
            check_registered(table.classes, self.trigger_table)
            self._table = table
        return self._table

    @property
    def classes(self) -> dict[str, TriggerClass]:
        return self.table.classes

    def __call__(self, doc: Doc) -> Doc:
        ctx = ArticleContext.of(doc)
        candidates: list[Candidate] = []
        told: set[int] = set()  # sentences with a trigger: their dead are their own event's, or no event's
        for cls, span in self.triggers(doc):
            told.add(sent_of(span.root).start_char)
            cand = self.code(ctx, cls, span)
            if cand is not None:
                candidates.extend(per_town(cand))
        tolls = later_tolls([s for s in doc_sents(doc) if s.end_char > ctx.body_start], told)
        said = responsibilities(ctx)  # claims and blames name the perpetrators they are about
        headline = headline_group((doc._.meta or {}).get("title"))
        events = drop_totals(assemble(fold(select(candidates)), tolls, said, doc_text(doc), headline), ctx)
        for ev in events:
            ev.pop("_undated", None)
            ev.pop("_guessed_actor1", None)
            ev.pop("_guessed_actor2", None)
            ev.pop("_article_actor1", None)
            ev.pop("_anaphoric", None)
            ev.pop("_agentless", None)
            ev.pop("_flown", None)
            ev.pop("_killing", None)
            ev.pop("_town", None)
        doc._.events = events
        drop_cache(doc)
        return doc

    def triggers(self, doc: Doc) -> list[tuple[TriggerClass, Span]]:
        """The candidate events: trigger matches (`TriggerTable.triggers`)."""
        return self.table.triggers(doc)

    # ------------------------------------------------------------------
    def code(self, ctx: ArticleContext, cls: TriggerClass, span: Span) -> Candidate | None:
        """The event mention one trigger reports, or None."""
        c = Coding.of(ctx, cls, span)
        if excluded("trigger", c):
            return None
        self.read_sides(c)
        resolution = resolve(c)
        if isinstance(resolution, Candidate) or not resolution:
            return resolution or None
        if excluded("roles", c):
            return None
        self.place_and_name(c)
        if excluded("sides", c):
            return None
        if c.actor1 is not None and c.actor1.get("canonical"):
            ctx.last_actor1 = c.actor1  # the side the story is telling about (for "they")
        c.date, c.own_date = date_for(ctx, c.trigger, c.sent)
        if excluded("dated", c):
            return None
        event = build_event(c)
        if c.cls.toll is not None:
            event["fatalities"] = c.cls.toll
        elif c.event_type != "Strategic developments":
            event["fatalities"] = fatalities_in(c.sent, c.trigger)
            if event["fatalities"] and tally_of_several(c.sent, c.trigger, broad_place=c.geo_precision == 3):
                event["fatalities"] = None  # a total over several attacks or days is no one attack's toll
            if event["fatalities"]:
                event["_killing"] = killing_near(c.sent, c.trigger)  # whose dead they are (folding.select)
            toll = toll_of(c.sent) if event["fatalities"] is not None else None
            event["_toll"] = {"adds": toll.adds, "updates": toll.updates, "attackers": toll.attackers, "whole": toll.whole} if toll else {}
        event["_guessed_actor1"] = c.guessed_actor1
        event["_guessed_actor2"] = c.guessed_actor2
        event["_article_actor1"] = c.actor1_of_article
        event["_agentless"] = c.agent is None  # the parse names nobody doing it ("30 people were wounded")
        # "Israeli aircraft struck Hamas positions": the doer names the weapon, so the plain verb is no generic mention
        event["_flown"] = c.sub_event == "Air/drone strike" and flown(c.trigger)
        trigger = c.trigger
        event["_anaphoric"] = trigger.pos_ == "NOUN" and any(t.dep_ == "det" and t.lower_ in ("the", "this", "that") for t in trigger.children)
        return finish(c, event)

    def read_sides(self, c: Coding) -> None:
        """Stage "roles": the sides from the parse, the class in the air, actor1."""
        read_roles(c)
        from_the_air(c, self.classes)
        c.victims_civilian = civilian_victims(c.ctx, c.trigger, c.patient)
        choose_actor1(c)

    def place_and_name(self, c: Coding) -> None:
        """Stage "sides": the place (remembered by the story) and the sides' names in its country."""
        c.place, c.geo_precision = locate(c.ctx, c.trigger, c.sent, nationwide=c.cls.nationwide)
        if c.place is not None and c.place.get("feature") not in BROAD_FEATURES:
            c.ctx.last_place = (c.place, c.geo_precision)  # where the story last placed an event
        c.country_code = c.place.get("country_code") if c.place else c.ctx.focus_country
        name_sides(c)


def check_registered(classes: dict[str, TriggerClass], file: str = LEXICON_FILE) -> None:
    """Every strategy and check a trigger class names must be registered."""
    listed = listed_names()
    for cls in classes.values():
        named = [("resolve strategy", cls.resolve, RESOLVERS), ("actor1 fallback", cls.actor1_fallback, ACTOR1_FALLBACKS),
                 ("default actor1", cls.default_actor1, DEFAULT_ACTORS)]
        named += [("listed check", name, listed) for name in cls.checks]
        for what, name, registry in named:
            if name is not None and name not in registry:
                raise TriggerTableError(f"data/{file}: class {cls.name!r} names {what} {name!r}, which is not registered")


@Language.factory(
    "dateline_events",
    assigns=["doc._.events"],
    requires=REQUIRES,
    default_config={"trigger_table": LEXICON_FILE},
)
def make_event_coder(nlp, name, trigger_table):  # no annotations: spaCy validates factory signatures at run time
    return EventCoder(nlp, name, trigger_table=trigger_table)
