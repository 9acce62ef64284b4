"""Sides (actor1, actor2) as ACLED names them, one capability at a time, on sentences of our own."""

from __future__ import annotations

import pytest

from tests.test_events import events_of


def only(text: str) -> dict:
    evs = events_of(text)
    assert len(evs) == 1, [(e["sub_event_type"], e["actor1"], e["actor2"]) for e in evs]
    return evs[0]


@pytest.mark.parametrize("text, actor1, actor2", [
    # the side fought in the clause the capture came out of is the side that lost the ground
    ("Fano fighters briefly captured the town of Debre Markos on Wednesday after clashing with federal "
     "forces, residents said.", "Fano Militia", "Military Forces of Ethiopia"),
    ("Malian soldiers retook the town of Menaka on Friday following heavy clashes with JNIM fighters, "
     "the army said.", "Military Forces of Mali", "JNIM: Group for Support of Islam and Muslims"),
    # another group named earlier in the story is not the one this advance was made against
    ("Kenyan troops took the village of Bula Haji on Monday after a battle with ISIS fighters. Kenyan troops "
     "also regained control of a road to the town of Kismayo after making advances against al-Shabaab fighters.",
     "Military Forces of Kenya", "Al Shabaab"),
])
def test_the_side_fought_before_a_capture_is_actor2(text, actor1, actor2):
    evs = [e for e in events_of(text) if e["evidence"]["text"].startswith(text.split(". ")[-1][:20])]
    assert [(e["actor1"], e["actor2"]) for e in evs] == [(actor1, actor2)]


def test_the_side_fought_by_the_dead_is_not_what_was_hit():
    # "killed in clashes with security forces": the forces did the killing
    evs = events_of("Nigeria says most of the dead in Borno were militants, with the rest killed in clashes with troops.")
    assert all(e["actor2"] != "Military Forces of Nigeria" for e in evs), evs


@pytest.mark.parametrize("text, actor2", [
    ("A suicide bomber detonated his vest among shoppers at a market in Maiduguri on Saturday, killing himself "
     "and 12 others.", "Civilians (Nigeria)"),
    ("A landmine exploded under a minibus carrying farmers near Gao on Monday, killing five of them.", "Civilians (Mali)"),
])
def test_a_bombing_that_kills_civilians_has_them_as_actor2(text, actor2):
    ev = only(text)
    assert ev["event_type"] == "Explosions/Remote violence" and ev["actor2"] == actor2, ev


@pytest.mark.parametrize("text, actor1", [
    # the text says it does not know who: not the group the story named before
    ("Islamic State militants hold parts of the province. Nine farmers were abducted near Kirkuk on Sunday by "
     "unidentified militants, police said.", "Unidentified Armed Group (Iraq)"),
    ("Boko Haram fighters roam the forest. Unknown fighters kidnapped 14 traders on the road to Damboa on Monday, "
     "residents said.", "Unidentified Armed Group (Nigeria)"),
])
def test_an_unknown_side_is_unidentified_not_the_group_named_before(text, actor1):
    assert only(text)["actor1"] == actor1


def test_a_state_machine_named_by_its_kind_is_the_state_forces():
    ev = only("A military jet bombed a market in Magway region on Tuesday, killing 11 people, witnesses said.")
    assert (ev["actor1"], ev["actor2"]) == ("Military Forces of Myanmar", "Civilians (Myanmar)")


@pytest.mark.parametrize("text, sub_event_type, actor1, actor2", [
    # a story of an air war does not make a named group's bombing an air strike
    ("Government jets have bombed the province for a month. A bus station in Hama was struck on Tuesday by a "
     "bombing carried out by Hayat Tahrir al-Sham, killing six people.",
     "Remote explosive/landmine/IED", "HTS: Hayat Tahrir al Sham", "Civilians (Syria)"),
    # who uses the weapon acts on what the verb hits
    ("Russian jets have bombed the province for a month. On Tuesday Hayat Tahrir al-Sham fighters struck an army "
     "checkpoint near Hama with a car bomb.",
     "Remote explosive/landmine/IED", "HTS: Hayat Tahrir al Sham", "Military Forces of Syria"),
])
def test_a_ground_bombing_in_an_air_war_is_its_makers(text, sub_event_type, actor1, actor2):
    ev = only(text)
    assert (ev["sub_event_type"], ev["actor1"], ev["actor2"]) == (sub_event_type, actor1, actor2), ev


def test_a_bomb_hits_whoever_is_there_not_its_makers_adversary():
    evs = events_of("U.S. troops are helping Iraqi forces fight Islamic State in the region. "
                    "An Islamic State bomb exploded on a road near Tikrit on Monday.")
    bombs = [e for e in evs if e["sub_event_type"] == "Remote explosive/landmine/IED"]
    assert [(e["actor1"], e["actor2"]) for e in bombs] == [("Islamic State (Iraq)", None)]


def test_what_a_weapon_was_thrown_at_is_actor2():
    ev = only("Mexican soldiers have fought the Sinaloa Cartel for years. Suspected cartel gunmen hurled grenades "
              "at a police station in Culiacan on Thursday night, causing no injuries.")
    assert (ev["sub_event_type"], ev["actor2"]) == ("Grenade", "Police Forces of Mexico")


@pytest.mark.parametrize("text, actor2", [
    # a bomb, strike or shell that hits a place where civilians gather hits them
    ("Russian jets carried out an air strike on a hospital in Idlib on Monday. Russia says it is fighting "
     "Hayat Tahrir al-Sham.", "Civilians (Syria)"),
    ("A market bombing in Kabul on Friday was claimed by the Taliban.", "Civilians (Afghanistan)"),
    # not when the place is inside the forces' own ground and soldiers were killed
    ("A missile fired by rebels struck a mosque in an army camp in Marib on Saturday, killing dozens of soldiers.",
     "Military Forces of Yemen"),
])
def test_a_place_where_civilians_gather_makes_them_actor2(text, actor2):
    bombs = [e for e in events_of(text) if e["event_type"] == "Explosions/Remote violence"]
    assert [e["actor2"] for e in bombs] == [actor2], bombs


@pytest.mark.parametrize("text, actor2", [
    # the toll clause counts people at large, though the parse ties it to no side of the trigger
    ("Al-Shabaab claimed responsibility on Sunday for suicide bombings that officials said left at least 14 "
     "people dead in the port city of Kismayo.", "Civilians (Somalia)"),
    # what the strike is blamed for (the passive's subject) is not whom it hit
    ("The rise in deaths was attributed largely to a Nigerian air force strike on a crowded market in Rann "
     "in January that killed 51 traders and shoppers, the report said.", "Civilians (Nigeria)"),
])
def test_the_dead_a_toll_names_as_people_are_civilians(text, actor2):
    ev = only(text)
    assert ev["event_type"] == "Explosions/Remote violence" and ev["actor2"] == actor2, ev


def test_an_attacker_killed_is_no_civilian_victim():
    ev = only("A suicide bomber rammed a car into a convoy of Ugandan troops near Afgooye on Saturday; the army "
              "said the driver of the car bomb was killed.")
    assert ev["actor2"] != "Civilians (Somalia)", ev


def test_forces_that_fire_back_after_an_ambush_stay_actor2():
    ev = only("Three gendarmes were wounded in an ambush near Dori on Friday, the army said. Gendarmes killed two "
              "of the attackers as they fought back.")
    assert (ev["actor1"], ev["actor2"]) == ("Unidentified Armed Group (Burkina Faso)", "Police Forces of Burkina Faso"), ev


@pytest.mark.parametrize("text", [
    "Hundreds of students marched through Dhaka on Sunday, demanding the arrest of the officers who shot a classmate.",
    "Opposition supporters rallied outside the legislature in Bulawayo on Thursday, calling for the detention of a minister.",
])
def test_an_arrest_the_marchers_demand_is_no_intervention(text):
    ev = only(text)
    assert (ev["sub_event_type"], ev["actor2"]) == ("Peaceful protest", None), ev


@pytest.mark.parametrize("text, actor1, actor2", [
    # whoever hits or steps on a planted bomb was hit by it; "laid by X" names its maker
    ("Eleven soldiers died when their convoy struck an explosive device near Arbinda on Wednesday, Burkina Faso's "
     "army said.", "Unidentified Armed Group (Burkina Faso)", "Military Forces of Burkina Faso"),
    ("A Ukrainian soldier was killed on Sunday when he stepped on a mine left by Russian forces near Izium.",
     "Military Forces of Russia", "Military Forces of Ukraine"),
])
def test_who_trips_a_planted_bomb_is_hit_by_it(text, actor1, actor2):
    ev = only(text)
    assert (ev["actor1"], ev["actor2"]) == (actor1, actor2), ev


def test_a_car_bomb_driven_into_a_target_is_its_drivers_act():
    ev = only("A suicide bomber drove a car bomb into the gate of a police station in Kirkuk on Sunday, killing three officers.")
    assert (ev["actor1"], ev["actor2"]) == ("Unidentified Armed Group (Iraq)", "Police Forces of Iraq"), ev


def test_a_killings_stated_sides_win_over_the_fightings_guessed_ones():
    ev = only("Rebels attacked government positions north of Hama on Thursday, killing at least eight soldiers in "
              "fighting that went on into the night, a war monitor said.")
    assert (ev["actor1"], ev["actor2"]) == ("Opposition Rebels (Syria)", "Military Forces of Syria"), ev


def test_a_gerund_with_a_demonym_is_that_states_act():
    ev = only("Turkish shelling of the Syrian border town of Tal Rifaat killed a child on Sunday, a war monitor said.")
    assert (ev["actor1"], ev["actor2"]) == ("Military Forces of Turkey", "Civilians (Syria)"), ev


def test_the_side_that_left_before_a_capture_is_actor2():
    ev = only("Islamic State militants seized the town of Hit in Iraq's Anbar province on Monday after government "
              "troops abandoned their positions, police sources said.")
    assert (ev["actor1"], ev["actor2"]) == ("Islamic State (Iraq)", "Military Forces of Iraq"), ev


def test_police_killed_at_a_march_are_no_force_used_on_it():
    evs = events_of("Gunmen shot dead four policemen at an opposition rally in Peshawar on Sunday, officials said.")
    protests = [e for e in evs if e["event_type"] == "Protests"]
    assert [(e["sub_event_type"], e["actor2"], e["fatalities"]) for e in protests] == [("Peaceful protest", None, None)], evs


@pytest.mark.parametrize("text, actor2", [
    ("Militiamen looted shops and burned dozens of houses in the town of Djugu on Thursday, residents said.",
     "Civilians (Democratic Republic of Congo)"),
    ("Soldiers set fire to a row of market stalls in Kidal on Friday, traders said.", "Civilians (Mali)"),
    ("Al-Shabaab fighters blew up a telecommunications mast outside Beledweyne on Monday, officials said.", None),
])
def test_looted_homes_and_shops_make_their_owners_actor2(text, actor2):
    ev = only(text)
    assert (ev["sub_event_type"], ev["actor2"]) == ("Looting/property destruction", actor2), ev


def test_gas_that_sickens_people_hits_civilians():
    ev = only("Government aircraft dropped bombs carrying chlorine on the town of Saraqeb on Tuesday, leaving "
              "dozens of residents struggling to breathe, doctors said.")
    assert (ev["sub_event_type"], ev["actor2"]) == ("Chemical weapon", "Civilians (Syria)"), ev


def test_the_target_a_weapons_participle_names_is_actor2():
    """The parser hangs "on X" on the participle of "grenades packed with gas"."""
    ev = only("Russian drones dropped grenades packed with tear gas on Ukrainian trenches near Kreminna on Sunday.")
    assert (ev["actor1"], ev["actor2"]) == ("Military Forces of Russia", "Military Forces of Ukraine"), ev


@pytest.mark.parametrize("text, actor1", [
    ("Sierra Leone's army attacked a rebel camp near Kailahun on Monday.", "Military Forces of Sierra Leone"),
    ("Burkina Faso's army killed dozens of jihadists in clashes near Djibo on Monday.",
     "Military Forces of Burkina Faso"),
])
def test_a_country_of_several_words_owns_its_army(text, actor1):
    assert only(text)["actor1"] == actor1


def test_a_two_word_demonym_names_the_country_of_generic_sides():
    ev = only("Clashes between soldiers and rebels in a South Sudanese border village killed 12 people on Sunday.")
    assert ev["actor2"] == "Opposition Rebels (South Sudan)", ev


def test_a_truce_signed_abroad_names_the_sides_by_their_war():
    ev = only("Chad's government and northern rebels signed a ceasefire in Doha on Monday, Qatari mediators said.")
    assert (ev["sub_event_type"], ev["actor1"], ev["actor2"]) == (
        "Agreement", "Government of Chad", "Opposition Rebels (Chad)"), ev


@pytest.mark.parametrize("text, actor2", [
    ("Police detained 30 student activists in night raids across Kampala on Friday, their union said.", "Civilians (Uganda)"),
    ("Soldiers rounded up hundreds of villagers near Kidal on Monday, residents said.", "Civilians (Mali)"),
    ("Police arrested four men in Mombasa on Friday in connection with the bombing of a bus.", None),
])
def test_people_arrested_for_who_they_are_are_civilians(text, actor2):
    ev = only(text)
    assert (ev["sub_event_type"], ev["actor2"]) == ("Arrests", actor2), ev
