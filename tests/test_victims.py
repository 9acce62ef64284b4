"""Victims named by what they were, not by a side the dictionary knows ("Policeman killed in
ambush", "Gunmen kill four farm workers"): armed people make the killing a clash with them,
people at large violence against civilians; and the fighting people were killed in is
reported with them. Our own headlines and leads, one capability each (events/victims.py)."""

from __future__ import annotations

import pytest

from tests.test_events import events_of


@pytest.mark.parametrize("text, sub_event_type, actor2, fatalities", [
    # a headline's passive with one person and no count: the subject was killed
    ("Radio journalist killed north of Goma", "Attack", "Civilians (Democratic Republic of Congo)", 1),
    # the object of a killing verb is people, even when the noun is none of ours
    ("Gunmen kill four honey collectors in Zamfara forest", "Attack", "Civilians (Nigeria)", 4),
    # a compound names the people ("farm workers", "family members")
    ("Militants kill six family members near Maiduguri", "Attack", "Civilians (Nigeria)", 6),
    # armed people: a clash with their side, named for the country
    ("Two soldiers said killed in militant attack in Tillaberi", "Armed clash", "Military Forces of Niger", 2),
    ("Policeman killed in ambush near Mandera", "Armed clash", "Police Forces of Kenya", 1),
])
def test_victims_named_by_what_they_were(text, sub_event_type, actor2, fatalities):
    evs = events_of(text)
    assert [e["sub_event_type"] for e in evs] == [sub_event_type]
    assert evs[0]["actor2"].startswith(actor2)
    assert evs[0]["fatalities"] == fatalities


@pytest.mark.parametrize("text", [
    "Army says commander killed during battles with al-Shabaab near Baidoa",
    "Three soldiers wounded in clashes with rebels near Beni",
])
def test_the_fighting_people_were_hurt_in_is_reported(text):
    evs = events_of(text)
    assert [e["event_type"] for e in evs] == ["Battles"]


def test_a_leader_killed_names_no_side_by_himself():
    # 'leaders' may be anyone's: no violence against civilians read from the noun alone
    evs = events_of("Unknown assailants killed two senior leaders near Kidal on Monday.")
    assert all(e["event_type"] != "Violence against civilians" for e in evs)


def test_a_raid_people_were_killed_in_is_the_attack_on_them():
    evs = events_of("Gunmen killed nine villagers in a raid on a hamlet near Bokkos on Sunday, police said.")
    assert [(e["event_type"], e["sub_event_type"]) for e in evs] == [("Violence against civilians", "Attack")]


def test_a_battle_noun_with_a_side_names_the_other_side():
    (ev,) = events_of("Heavy clashes with al-Shabaab near Baidoa, army says")
    assert (ev["sub_event_type"], ev["actor1"], ev["actor2"]) == ("Armed clash", "Military Forces of Somalia", "Al Shabaab")


@pytest.mark.parametrize("text", [
    "Soldier killed in road accident near Gao",
    "Farmer killed by elephant in Tsavo",
    "The army commander killed in the 2015 clashes was buried in his home village.",
])
def test_victims_of_no_political_violence_now_give_no_event(text):
    assert events_of(text) == []


@pytest.mark.parametrize("text, actor1", [
    ("Clan militias thwarted an al-Shabaab attack on Beledweyne on Monday, elders said.", "Al Shabaab"),
    ("Iraqi forces foil Islamic State attack on Tarmiyah", "Islamic State (Iraq)"),
])
def test_an_attack_beaten_off_is_a_clash(text, actor1):
    evs = events_of(text)
    assert [(e["sub_event_type"], e["actor1"]) for e in evs] == [("Armed clash", actor1)]


@pytest.mark.parametrize("text, sub_event_type, actor2", [
    # a village attacked, nobody named as hit: its people were (ACLED: an attack on civilians)
    ("Jihadists attacked a village near Djibo on Sunday, residents said.", "Attack", "Civilians (Burkina Faso)"),
    ("Gunmen attacked two farming communities near Jos overnight, police said.", "Attack", "Civilians (Nigeria)"),
    # a post in the village is what was hit: the clash is with its holders
    ("Jihadists attacked an army post in the village of Boni on Saturday.", "Armed clash", None),
])
def test_an_attack_on_a_village_is_on_its_people(text, sub_event_type, actor2):
    evs = events_of(text)
    assert [e["sub_event_type"] for e in evs] == [sub_event_type]
    if actor2 is not None:
        assert evs[0]["actor2"] == actor2


@pytest.mark.parametrize("text", [
    "The group threatened to attack villages that refuse to pay its tax.",
    "Hackers attacked the website of a village council in Kent.",
])
def test_a_village_that_was_not_attacked_gives_no_event(text):
    assert events_of(text) == []


@pytest.mark.parametrize("text, actor2", [
    # a leader of civil society is a civilian, whoever killed him
    ("Gunmen shot dead a community leader outside his farm near Buenaventura on Tuesday, police said.",
     "Civilians (Colombia)"),
    # a former fighter or officer is armed no more
    ("Militants executed a retired police officer at his home in Ghazni province on Sunday, relatives said.",
     "Civilians (Afghanistan)"),
    # a relative clause on the victims says what they were accused of, not whose they were
    ("Jihadists killed three men they accused of working for the army near Djibo on Friday, residents said.",
     "Civilians (Burkina Faso)"),
    # "11 of them": the people the sentence told of before
    ("Gunmen pulled passengers off a minibus near Quetta on Monday and shot six of them dead.",
     "Civilians (Pakistan)"),
])
def test_civilians_named_by_role_or_by_the_sentence(text, actor2):
    evs = events_of(text)
    assert [(e["sub_event_type"], e["actor2"]) for e in evs] == [("Attack", actor2)]


def test_a_coordinated_killing_does_not_make_the_first_attack_on_civilians():
    evs = events_of("Militants attacked an army post near Menaka on Sunday and then killed 12 villagers in a nearby market.")
    assert sorted(e["sub_event_type"] for e in evs) == ["Armed clash", "Attack"]
