"""Advances and offensives (events/advances.py): our own sentences."""

from __future__ import annotations

import pytest

from tests.test_events import events_of


def kinds(text):
    return [(e["event_type"], e["sub_event_type"]) for e in events_of(text)]


@pytest.mark.parametrize("text", [
    "Malian army columns advanced toward Kidal on Sunday, a military source said.",
    "Sudanese army units advanced on Wad Madani from the south on Saturday, a military spokesman said.",
])
def test_an_advance_with_no_fight_told_is_a_movement_of_forces(text):
    assert kinds(text) == [("Strategic developments", "Change to group/activity")]


def test_an_advance_that_met_resistance_is_the_fight():
    events = events_of("Ukrainian troops pushed into the outskirts of Bakhmut on Tuesday despite fierce resistance "
                       "from Russian forces, the general staff said.")
    assert [(e["sub_event_type"], e["actor1"], e["actor2"]) for e in events] == [
        ("Armed clash", "Military Forces of Ukraine", "Military Forces of Russia")]


def test_a_fight_only_promised_leaves_the_advance_a_movement():
    assert kinds("Iraqi troops expand foothold in Mosul as IS pledges more suicide attacks") == [
        ("Strategic developments", "Change to group/activity")]


def test_an_advance_into_ground_its_holders_left_is_a_transfer():
    assert kinds("Malian troops pushed into Kidal on Tuesday after rebels withdrew.") == [
        ("Strategic developments", "Non-violent transfer of territory")]


@pytest.mark.parametrize("text", [
    "Kenya's army volleyball team advanced to the final in Cairo on Sunday.",
    "Police pushed back demonstrators outside the ministry in Belgrade on Saturday.",
    "Chinese carmakers push deeper into European markets",
])
def test_no_ground_no_advance(text):
    assert ("Strategic developments", "Change to group/activity") not in kinds(text)


@pytest.mark.parametrize("text, sides", [
    ("Somali forces launch second phase of offensive against al-Shabaab in Hiraan", ("Military Forces of Somalia", "Al Shabaab")),
    ("Iraqi forces launch operation to seize last Islamic State enclave in Mosul", ("Military Forces of Iraq", "Islamic State (Iraq)")),
])
def test_an_operation_launched_against_a_side_is_a_clash(text, sides):
    assert [(e["sub_event_type"], e["actor1"], e["actor2"]) for e in events_of(text)] == [("Armed clash", *sides)]


@pytest.mark.parametrize("text", [
    "The army launched a rescue operation after floods cut off villages in Sindh on Monday.",
    "Police launched an operation against drug gangs in Rio de Janeiro on Tuesday.",
    "The health ministry launched the second phase of its vaccination campaign in Kano on Monday.",
])
def test_an_operation_aimed_at_no_side_is_no_clash(text):
    assert events_of(text) == []
