"""From event mentions to an article's events: one per sentence and kind, one per occurrence.

`select` keeps, within one sentence, one event per sub-event type and lets specific
triggers absorb generic ones; `fold` makes later mentions of one event (in later
sentences) fill the first; `drop_totals` leaves out a country-wide total beside its
itemised breakdown. (Grouping every mention of one occurrence into one incident is
this module's job to grow into.)
"""

from __future__ import annotations

from .. import vocab
from . import merge
from .checks import check
from .coding import Candidate
from .grammar import _subject
from .fatalities import add_toll, before_the_act
from .context import ArticleContext
from .naming import unidentified_of
from .notes import note_for
from .resolve import settlement_attacked
from .roles import hit_civilian_site

def select(candidates: list[Candidate]) -> list[Candidate]:
    """Within one sentence: one event per sub-event type, and specific triggers absorb generic ones.

    "Her husband was killed in the air strike" is one air strike that killed one,
    not an air strike and a killing. A battle sentence listing the mines, car bombs
    and ambushes one side met is one clash, plus what the other side did to it.
    """
    by_sentence: dict[int, list[Candidate]] = {}
    for cand in candidates:
        by_sentence.setdefault(cand.sent.start, []).append(cand)
    kept: list[Candidate] = []
    for group in (part for sentence in by_sentence.values() for part in _by_own_date(sentence)):
        group = _absorb_parts(group)
        # Generic words that kill or attack are absorbed by a specific trigger of the sentence.
        generic = [c for c in group if c.cls.generic]
        specific = [c for c in group if not c.cls.generic]
        if not any(c.event["event_type"] != "Strategic developments" for c in specific):
            # No specific weapon named: an explosion still says more than "killed".
            specific += [c for c in generic if c.cls.stands_in_for_specific]
            generic = [c for c in generic if not c.cls.stands_in_for_specific]
        harm = [c for c in specific if c.event["event_type"] != "Strategic developments"]
        battles = [c for c in specific if c.event["event_type"] == "Battles"]
        chosen: dict[tuple, Candidate] = {}
        towns = _towns(specific if harm else group)
        for cand in (specific if harm else group):
            ev = cand.event
            if ev["event_type"] == "Explosions/Remote violence" and ev["sub_event_type"] != "Air/drone strike" \
                    and any(_same_sides(b.event, ev) and not _told_aside(b, cand) for b in battles):
                continue  # the mines and car bombs a side met in the battle are the battle; planes are no part of it
            key = (ev["event_type"], ev["sub_event_type"], _town_of(ev, towns))
            if key not in chosen or _completeness(cand) > _completeness(chosen[key]):
                chosen[key] = cand
        if harm:
            targets = [c for c in chosen.values() if c.event["event_type"] != "Strategic developments"]
            for cand in generic:
                own = [t for t in targets if not _told_aside(t, cand) and not _not_the_crowds(cand, t)
                       and not _hit_sides_own_act(t, cand)]
                if own:
                    _absorb(cand, own)
                elif targets:  # the only specific act is told aside: the generic one is its own event
                    chosen[(cand.event["event_type"], cand.event["sub_event_type"], None)] = cand
            for cand in targets:
                cand.attribute()  # the sides may have changed: who says it decides again
                cand.event["notes"] = note_for(cand.event)
        _one_owner_per_toll(list(chosen.values()))
        kept.extend(chosen.values())
    return kept


def _by_own_date(group: list[Candidate]) -> list[list[Candidate]]:
    """A sentence that dates its clauses apart tells apart events ("On April 25 a car bomb struck a
    checkpoint, and in February a series of blasts killed 83"): one part per own date, a mention
    with no date of its own going with the nearest dated one."""
    dated = [c for c in group if not c.event.get("_undated") and c.event.get("event_date")]
    if len({c.event["event_date"] for c in dated}) < 2:
        return [group]
    parts: dict[str, list[Candidate]] = {}
    for cand in group:
        own = cand if cand in dated else min(dated, key=lambda d: abs(d.trigger.i - cand.trigger.i))
        parts.setdefault(own.event["event_date"], []).append(cand)
    return list(parts.values())


def _one_owner_per_toll(group: list[Candidate]) -> None:
    """Two events of one sentence that took their dead from the same killing: the dead are the
    event the killing belongs to, the one whose trigger it is or the nearest act governing it
    ("attacked an army post and then killed six villagers": the villagers are the killing's, not
    the clash's; "dropped a chlorine bomb before warplanes bombed the market, killing three": the
    air strike's)."""
    by_killing: dict[int, list[Candidate]] = {}
    for cand in group:
        killing = cand.event.get("_killing")
        if killing is not None and cand.event.get("fatalities"):
            by_killing.setdefault(killing.i, []).append(cand)
    for sharing in by_killing.values():
        if len(sharing) < 2:
            continue
        killing = sharing[0].event["_killing"]
        owner = next((c for c in sharing if c.trigger.i == killing.i), None)
        if owner is None and killing.tag_ == "VBG":
            # "..., killing three": the act told just before the participle, however the parser hangs it
            owner = max((c for c in sharing if c.trigger.i < killing.i), key=lambda c: c.trigger.i, default=None)
        elif owner is None:
            owner = _act_above(killing, sharing)
        if owner is None:
            continue
        for cand in sharing:
            if cand is not owner:
                cand.event["fatalities"], cand.event["_toll"] = None, {}


def _absorb_parts(group: list[Candidate]) -> list[Candidate]:
    """A mention that its class says is part of an event type coded in the same sentence
    (`absorbed_by`: the arrests at a protest, the houses burned in a raid, the protest a riot
    became) is no row of its own: it gives that event the toll and the other side it lacked."""
    kept = []
    for cand in group:
        holders = [o for o in group if o is not cand and (o.event["event_type"] in cand.cls.absorbed_by
                                                          or o.event["sub_event_type"] in cand.cls.absorbed_by)]
        if not holders:
            kept.append(cand)
            continue
        target = min(holders, key=lambda o: abs(o.trigger.i - cand.trigger.i)).event
        if target["fatalities"] is None:
            target["fatalities"] = cand.event["fatalities"]
        if not target.get("actor2") and cand.event.get("actor2") not in (None, target.get("actor1")):
            target["actor2"] = cand.event["actor2"]  # the police that broke up the protest the riot became
            target["notes"] = note_for(target)
    return kept


def _act_above(killing, sharing: list[Candidate]) -> Candidate | None:
    """The nearest act above a killing in the parse, or None when the killing hangs first on a
    noun naming the whole incident ("fought their way in, in an attack that killed three": the
    attack's dead, not the fight's alone)."""
    triggers = {c.trigger.i: c for c in sharing}
    for tok in killing.ancestors:
        if tok.i in triggers:
            return triggers[tok.i]
        if tok.pos_ == "NOUN" and tok.lemma_.lower() in vocab.words("event_head_nouns"):
            return None
    return None


def _told_aside(specific: Candidate, generic: Candidate) -> bool:
    """Is the specific act told in a relative clause on a noun of the generic act's phrase
    ("attacking the town of Heet, which the army recaptured last month")? Then it is another
    act, told to say what the place is, not the one the generic word reports."""
    trigger = specific.trigger
    if before_the_act(generic.trigger, trigger):
        return True  # "burned tyres after police shot dead a vendor": the shooting came first, its own act
    return trigger.dep_ == "relcl" and trigger.head.i != generic.trigger.i and generic.trigger not in trigger.subtree


def _hit_sides_own_act(specific: Candidate, generic: Candidate) -> bool:
    """Is the generic act one the specific act's target did, outside the specific act's phrase
    ("Houthi fighters attacked government positions, and the coalition responded with air
    strikes that killed 17 of the rebels"): the side struck had attacked, its own event."""
    if specific.event["event_type"] in ("Protests", "Riots"):
        return False  # a crowd event's actor2 is the force that met it, not a side it struck
    a1, a2 = generic.event.get("actor1"), specific.event.get("actor2")
    return bool(a1) and a1 == a2 and a1 != specific.event.get("actor1") \
        and generic.event.get("actor2") != a2 and generic.trigger not in specific.trigger.subtree \
        and any(ch.dep_ == "nsubj" for ch in generic.trigger.children)  # told with its own doer, not "..., killing three"


def _not_the_crowds(generic: Candidate, target: Candidate) -> bool:
    """Police or soldiers shot at a peaceful march ("two officers were shot dead by a sniper
    during a march"): the crowd met no force (crowds.protest), so the shooting is no part of the
    protest but its own attack on the forces, coded beside it."""
    return target.event["sub_event_type"] == "Peaceful protest" and generic.event["event_type"] == "Battles" \
        and bool(generic.event.get("actor2"))


def _towns(group: list[Candidate]) -> dict[tuple, list[str]]:
    """Per kind, the towns a sentence places its mentions in, when it names more than one ("stormed
    the parliament in Baghdad, while in Basra others hurled stones"): ACLED codes each place apart."""
    towns: dict[tuple, list[str]] = {}
    for cand in group:
        ev = cand.event
        if (ev.get("geo_precision") == 1 or ev.get("_town")) and ev.get("location"):
            named = towns.setdefault((ev["event_type"], ev["sub_event_type"]), [])
            if ev["location"] not in named:
                named.append(ev["location"])
    return {kind: named for kind, named in towns.items() if len(named) > 1}


def _town_of(ev: dict, towns: dict[tuple, list[str]]) -> str | None:
    """The town a mention is kept apart by: its own among several, else the first told."""
    named = towns.get((ev["event_type"], ev["sub_event_type"]))
    if not named:
        return None
    own = ev.get("geo_precision") == 1 or ev.get("_town")
    return ev["location"] if own and ev.get("location") in named else named[0]


def _same_sides(a: dict, b: dict) -> bool:
    return {a.get("actor1"), a.get("actor2")} == {b.get("actor1"), b.get("actor2")}


def _completeness(cand: Candidate) -> tuple:
    ev = cand.event
    return (bool(ev["actor1"]) + bool(ev["actor2"]), not ev.get("_undated"), cand.priority, ev["fatalities"] is not None)


def _absorb(generic: Candidate, specific: list[Candidate]) -> None:
    """Give the killing's victims and toll to the specific event nearest it."""
    target = min(specific, key=lambda c: abs(c.trigger.i - generic.trigger.i))
    ev, gev = target.event, generic.event
    if ev["fatalities"] is None and gev["fatalities"] is not None and ev["sub_event_type"] != "Peaceful protest":
        ev["fatalities"] = gev["fatalities"]  # (a peaceful protest's dead were not its own: see crowds.protest)
    if ev["event_type"] == "Protests":
        return  # the protest's sides are settled by the protest rules
    if ev["sub_event_type"] == "Armed clash" and gev["event_type"] == "Violence against civilians" \
            and gev.get("actor2") and (not ev.get("actor2") or ev.get("_guessed_actor2")) \
            and (settlement_attacked(target.trigger) or hit_civilian_site(target.trigger)):
        # "stormed the village, killing more than 100 people": a place where people live was
        # stormed, no armed side is named as met, and the dead are people at large: an attack on them
        ev["event_type"], ev["sub_event_type"] = gev["event_type"], gev["sub_event_type"]
    if gev["event_type"] == ev["event_type"] and ev.get("_guessed_actor1") and gev.get("actor1") \
            and not gev.get("_guessed_actor1"):
        # "Rebels attacked government positions, killing eight soldiers in fighting ...": the
        # fighting's sides were only guessed; the killing's are stated
        ev["actor1"], ev["_guessed_actor1"] = gev["actor1"], False
        if gev.get("actor2") and not gev.get("_guessed_actor2") and gev["actor2"] != ev["actor1"]:
            ev["actor2"], ev["_guessed_actor2"] = gev["actor2"], False
        elif ev.get("actor2") == ev["actor1"]:
            ev["actor2"] = None
    if not ev.get("actor2") and gev.get("actor2") and gev["actor2"] != ev.get("actor1"):
        ev["actor2"] = gev["actor2"]  # "a roadside bomb ..., killing two soldiers": the soldiers' side
        ev["_guessed_actor2"] = gev.get("_guessed_actor2", False)  # a guess stays one
    if gev["event_type"] == "Violence against civilians" and gev.get("actor2"):
        if not ev.get("actor2") or ev.get("_guessed_actor2"):
            # the killing's victims, unless the bombing names what it targeted ("struck a
            # military checkpoint, killing eight people": the checkpoint's side)
            ev["actor2"] = gev["actor2"]
            ev["_guessed_actor2"] = gev.get("_guessed_actor2", False)  # the victims are told
        if ev.get("actor1") == gev["actor2"] or ev.get("_guessed_actor1"):
            # Civilians killed by a blast nobody is named for: an unidentified side.
            ev["actor1"] = gev["actor1"] if gev.get("actor1") and not gev.get("_guessed_actor1") else unidentified_of(_iso_of(ev))
    ev["notes"] = note_for(ev)


def _iso_of(ev: dict) -> str | None:
    from ..language.countries import iso2_for

    return iso2_for(ev["country"]) if ev.get("country") else None


def fold(candidates: list[Candidate]) -> list[dict]:
    """Mentions of one event become one event; the first mention is the evidence, later
    ones fill what it lacked (a named side, a more precise date, a death toll).

    A later mention with no date of its own ("the attack", "the strike that wounded
    her") joins the earlier event it re-tells. Two mentions that each carry a date are
    one event only when one period holds the other ("earlier this week" and "Tuesday").
    An earlier undated mention never swallows a later dated one: "her husband was killed
    in the air strike" and "193 strikes between March 10 and 23" stay two events.
    """
    events: list[dict] = []
    for cand in sorted(candidates, key=lambda c: c.trigger.idx):
        ev = cand.event
        kept = None
        if ev.get("_undated"):
            kept = next((k for k in events if _re_mention(k, ev)), None)
        else:
            kept = next((k for k in events if not k.get("_undated") and _same_event(k, ev)), None)
        if kept is None:
            events.append(ev)
            continue
        # the fight told from the other side ("police killed the gunman" after "officers were
        # wounded in the ambush"): who struck first stays actor1
        swapped = ev["actor1"] is not None and ev["actor1"] == kept["actor2"]
        for side in ("actor1", "actor2"):
            if ev[side] is not None and not swapped and (kept[side] is None or kept[side].startswith("Unidentified Armed Group")):
                kept[side] = ev[side]
        if kept["actor1"] and kept["actor1"] == kept["actor2"]:
            kept["actor2"] = None  # the side a later mention names acted; it was only guessed the target
        if not ev.get("_undated") and (ev["time_precision"] or 3) < (kept["time_precision"] or 3) and ev.get("event_date"):
            kept["event_date"], kept["time_precision"] = ev["event_date"], ev["time_precision"]
        add_toll(kept, ev["fatalities"], ev.get("_toll") or {}, ev["evidence"]["start"])
        if ev["attribution"] == "reported" and kept["attribution"] == "claimed" and ev["actor1"] == kept["actor1"]:
            # Stated in the article's own voice somewhere: reported. Not when only the claim
            # names who did it ("IS claimed the attack" + "eight were killed in the attack").
            kept["attribution"] = "reported"
        kept["confidence"] = max(kept["confidence"], ev["confidence"])
        kept["notes"] = note_for(kept)
    return events


def drop_totals(events: list[dict], ctx: ArticleContext) -> list[dict]:
    """A country-wide total beside its itemised breakdown ("34 strikes in Syria", then
    "Near Raqqa, 15 strikes ...") is the breakdown: code the items, not the total."""
    out = []
    for ev in events:
        if ev["geo_precision"] == 3 and ev.get("location") and ev["location"] == ev.get("country"):
            itemised = any(
                o is not ev and o["sub_event_type"] == ev["sub_event_type"] and o.get("country") == ev.get("country")
                and o["geo_precision"] < 3 and (o["actor1"] == ev["actor1"] or not ev["actor1"])
                for o in events
            )
            if itemised:
                continue
        out.append(ev)
    return out


def _re_mention(earlier: dict, ev: dict) -> bool:
    """An undated mention of an event already told ("the attack", later in the story)."""
    if (earlier["event_type"], earlier["sub_event_type"]) != (ev["event_type"], ev["sub_event_type"]):
        return False
    if earlier.get("country") != ev.get("country") and not ev.get("_anaphoric"):
        return False
    if (
        ev.get("location") and earlier.get("location") and ev["location"] != earlier["location"]
        and ev["geo_precision"] < 3 and not ev.get("_anaphoric")
    ):
        return False  # a strike near another town is another strike; "the strike" is the one told
    if ev.get("_guessed_actor2") or earlier.get("_guessed_actor2"):
        return earlier["actor1"] is None or ev["actor1"] is None or earlier["actor1"] == ev["actor1"] or (
            ev["actor1"] or "").startswith("Unidentified Armed Group")
    return _sides_compatible(earlier, ev)


def _sides_compatible(a: dict, b: dict) -> bool:
    """Sides agree when equal, or when one is unnamed or only an unidentified armed group."""
    for side in ("actor1", "actor2"):
        x, y = a[side], b[side]
        if x is None or y is None or x == y:
            continue
        if x.startswith("Unidentified Armed Group") or y.startswith("Unidentified Armed Group"):
            continue
        return False
    return True


def _same_event(a: dict, b: dict) -> bool:
    """Two dated mentions in one article of one event: same kind, agreeing place and
    sides, and one date period inside the other."""
    if (a["event_type"], a["sub_event_type"]) != (b["event_type"], b["sub_event_type"]):
        return False
    if not merge.places_agree(a, b):
        return False
    pa, pb = _period(a), _period(b)
    if pa is None or pb is None:
        return pa == pb and a.get("year") == b.get("year")
    nested = (pa[0] <= pb[0] and pb[1] <= pa[1]) or (pb[0] <= pa[0] and pa[1] <= pb[1])
    return nested and _sides_compatible(a, b)


def _period(ev: dict) -> tuple | None:
    from datetime import date, timedelta

    from ..chrono import month_end

    if not ev.get("event_date"):
        return None
    d = date.fromisoformat(ev["event_date"])
    tp = ev.get("time_precision") or 1
    if tp == 1:
        return d, d
    if tp == 2:
        return d, d + timedelta(days=6)
    return d.replace(day=1), month_end(d)


# what attackers do in the course of their attack: no event of its own (tests/bank/README.md:
# "houses burned in a raid are part of that event")
AFTERMATH_SUB_EVENTS = frozenset({"Looting/property destruction", "Change to group/activity", "Disrupted weapons use"})


@check("attackers_aftermath", stage="dated")
def _attackers_aftermath(c) -> bool:
    """"The attackers set fire to the post before withdrawing", "the gunmen then looted shops",
    "the assailants fled": the attackers the story told of (a definite attacker noun) did it in
    the attack it told, with no time of its own; part of that event, not one of its own."""
    if c.sub_event not in AFTERMATH_SUB_EVENTS or c.own_date or c.trigger.pos_ not in ("VERB", "AUX"):
        return False
    doer = _subject(c.trigger)
    return doer is not None and doer.lemma_.lower() in vocab.words("attacker_nouns") and any(
        d.dep_ == "det" and d.lower_ in vocab.words("definite_determiners") for d in doer.children)
