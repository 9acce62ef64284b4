"""Incidents, not sentences: the mentions of one occurrence in an article are one row.

Our own short reports, one capability each; each runs the whole pipeline.
"""

from __future__ import annotations

import pytest

import dateline

pytestmark = pytest.mark.slow


def events_of(text: str, published: str = "2023-04-12") -> list[dict]:
    (article,) = dateline.extract(text, published=published)
    return [e for e in article.events if e["event_type"] != "Strategic developments"]


def test_lead_and_later_paragraph_on_one_bombing_give_one_row():
    evs = events_of(
        "MAIDUGURI, Nigeria — A suicide bomber killed nine people at a cattle market in Konduga on Tuesday, "
        "police said.\n\n"
        "The blast tore through stalls shortly after dawn, witnesses said.\n\n"
        "The attack was the third in the town this year."
    )
    assert len(evs) == 1, evs
    assert evs[0]["sub_event_type"] == "Suicide bomb"
    assert evs[0]["fatalities"] == 9
    assert len(evs[0]["mentions"]) >= 2


def test_the_killing_told_apart_from_the_bombing_is_the_bombing():
    evs = events_of(
        "A roadside bomb struck a minibus near Ghazni on Monday. Four passengers were killed in the attack, "
        "a provincial spokesman said."
    )
    kinds = [e["sub_event_type"] for e in evs]
    assert kinds == ["Remote explosive/landmine/IED"], kinds
    assert evs[0]["actor2"].startswith("Civilians")


def test_two_weapons_on_one_day_are_two_events():
    evs = events_of(
        "Government aircraft bombed rebel positions outside Kafr Nabl on Sunday. "
        "Later that day a car bomb exploded at a checkpoint in the town, killing three soldiers."
    )
    kinds = sorted(e["sub_event_type"] for e in evs)
    assert len(kinds) == 2 and kinds[0] == "Air/drone strike", kinds


def test_an_earlier_dated_capture_is_not_folded_into_todays():
    evs = events_of(
        "Iraqi troops recaptured the town of Baiji on Tuesday, the army said. "
        "Islamic State fighters had seized Baiji in June last year.",
        published="2015-10-21",
    )
    territory = [e for e in evs if e["event_type"] == "Battles"]
    assert len(territory) == 2, territory
    assert {e["sub_event_type"] for e in territory} == {"Government regains territory", "Non-state actor overtakes territory"}


def test_a_claim_in_a_later_sentence_names_the_attacker_and_is_no_row_of_its_own():
    evs = events_of(
        "A bomb hidden in a motorcycle exploded outside a bus station in Quetta on Monday, killing six people, "
        "police said.\n\nIslamic State claimed responsibility for the attack in a statement."
    )
    assert len(evs) == 1, evs
    assert evs[0]["actor1"].startswith("Islamic State")
    assert evs[0]["attribution"] == "claimed"
    (article,) = dateline.extract(
        "A bomb hidden in a motorcycle exploded outside a bus station in Quetta on Monday, killing six people, "
        "police said.\n\nIslamic State claimed responsibility for the attack in a statement.", published="2023-04-12")
    assert not [e for e in article.events if e["sub_event_type"] == "Change to group/activity"]


def test_a_claim_of_attacks_in_general_names_nobody():
    evs = events_of(
        "A bomb exploded outside a bus station in Quetta on Monday, killing six people, police said. "
        "Nobody claimed the blast. Islamic State has claimed responsibility for similar attacks in the province."
    )
    assert len(evs) == 1, evs
    assert evs[0]["actor1"].startswith("Unidentified Armed Group")


def test_a_live_update_that_leads_undated_takes_the_day_told_further_down():
    evs = events_of(
        "A car bomb exploded outside a police station in Mosul, killing seven people, officials said.\n\n"
        "The car bomb went off on Tuesday morning as officers changed shifts, a police captain said.\n",
        published="2023-04-12",
    )
    assert len(evs) == 1, evs
    assert evs[0]["event_date"] == "2023-04-11"
    assert evs[0]["fatalities"] == 7


def test_an_older_dated_attack_is_not_the_undated_lead():
    evs = events_of(
        "A car bomb exploded outside a police station in Mosul, killing seven people, officials said.\n\n"
        "A car bomb exploded outside the same police station on March 20, killing two.\n",
        published="2023-04-12",
    )
    assert sorted(e["event_date"] for e in evs) == ["2023-03-20", "2023-04-12"], evs


def test_a_guessed_target_does_not_split_one_bombing():
    # "blew themselves up" names no target: the coder guesses the article's other side (the
    # police); the later sentence says whom the attack killed, and it is one incident
    evs = events_of(
        "Islamic State attackers blew themselves up at a bus station in Kirkuk after opening fire on "
        "passengers, officials said.\n\n"
        "Police checked cars on every road out of the city.\n\n"
        "The attacks at the station killed at least 14 civilians, the health ministry said.\n"
    )
    violent = [e for e in evs if e["event_type"] in ("Explosions/Remote violence", "Violence against civilians")]
    assert len(violent) == 1, violent
    assert violent[0]["sub_event_type"] == "Suicide bomb"
    assert violent[0]["actor2"].startswith("Civilians")
    assert violent[0]["fatalities"] == 14


def test_the_wounded_told_apart_from_the_bombing_are_the_bombing():
    evs = events_of(
        "A bomb went off at a bus station in Peshawar, killing 12 people, police said.\n\n"
        "Another 40 people were wounded in the attack near the station, a hospital official said.\n"
    )
    assert [e["sub_event_type"] for e in evs] == ["Remote explosive/landmine/IED"], evs
    assert evs[0]["fatalities"] == 12
