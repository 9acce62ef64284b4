"""ACLED's less common sub-event types, coded from sentences written for these tests: crowds
(riots, mob violence, force against protesters, arrests at a protest), ground retaken, and
the strategic developments beyond arrests."""

import pytest

from tests.test_events import events_of, one


def kinds(text: str) -> set[tuple[str, str]]:
    return {(e["event_type"], e["sub_event_type"]) for e in events_of(text)}


# --- crowds ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, sub_event_type, actor2",
    [
        ("Demonstrators hurled stones at riot police outside the parliament in Skopje on Friday.",
         "Violent demonstration", "Police Forces of North Macedonia"),
        ("Angry youths torched a bank and two buses in Kinshasa on Monday after the election result was announced.",
         "Violent demonstration", None),
        ("A crowd beat a man accused of stealing a goat to death in a village near Kisumu on Sunday, police said.",
         "Mob violence", "Civilians (Kenya)"),
        ("Villagers attacked the houses of three families they blamed for a drought near Dodoma on Friday.",
         "Mob violence", "Civilians (Tanzania)"),
    ],
)
def test_a_crowds_violence_is_a_riot_with_rioters_first(text, sub_event_type, actor2):
    ev = one(text)
    assert (ev["event_type"], ev["sub_event_type"]) == ("Riots", sub_event_type)
    assert ev["actor1"].startswith("Rioters")
    assert ev["actor2"] == actor2


def test_a_mob_killing_counts_its_dead():
    ev = one("A mob lynched two men suspected of cattle theft in a village near Ranchi on Tuesday, police said.")
    assert (ev["sub_event_type"], ev["actor1"], ev["fatalities"]) == ("Mob violence", "Rioters (India)", 2)


def test_soldiers_burning_homes_are_no_riot():
    ev = one("Soldiers burned down about forty houses in a village near Hpakant on Sunday, residents said.")
    assert (ev["event_type"], ev["sub_event_type"]) == ("Strategic developments", "Looting/property destruction")
    assert ev["actor1"] == "Military Forces of Myanmar"


def test_a_protest_that_turns_violent_is_one_riot():
    ev = one("Protesters marched on the governor's office in Tucuman on Thursday and set fire to its gate, "
             "and police fired rubber bullets at them.")
    assert (ev["event_type"], ev["sub_event_type"], ev["actor2"]) == ("Riots", "Violent demonstration", "Police Forces of Argentina")


def test_arrests_at_a_protest_are_part_of_the_protest():
    ev = one("Police detained 40 people as they broke up a march against fuel prices in Abuja on Monday.")
    assert (ev["event_type"], ev["sub_event_type"]) == ("Protests", "Protest with intervention")
    assert (ev["actor1"], ev["actor2"]) == ("Protesters (Nigeria)", "Police Forces of Nigeria")


def test_lethal_force_on_protesters_puts_the_protesters_first():
    ev = one("Troops opened fire on marchers demanding civilian rule in Khartoum on Sunday, killing three, medics said.")
    assert (ev["event_type"], ev["sub_event_type"], ev["fatalities"]) == ("Protests", "Excessive force against protesters", 3)
    assert (ev["actor1"], ev["actor2"]) == ("Protesters (Sudan)", "Military Forces of Sudan")


def test_tear_gas_on_a_crowd_is_a_protest_with_intervention():
    ev = one("Police fired tear gas at hundreds of opposition supporters outside a court in Harare on Tuesday.")
    assert (ev["event_type"], ev["sub_event_type"]) == ("Protests", "Protest with intervention")


# --- territory ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, actor2",
    [
        ("Malian troops retook the town of Boni from jihadists on Friday, the army said.", None),
        ("The Somali army drove al-Shabaab fighters out of the village of Bacadweyne on Monday.", "Al Shabaab"),
        ("Army recaptures Gwoza from Boko Haram", "Boko Haram - Jamaatu Ahli is-Sunnah lid-Dawati wal-Jihad"),
    ],
)
def test_ground_retaken_by_the_state(text, actor2):
    ev = next(e for e in events_of(text) if e["event_type"] == "Battles")
    assert ev["sub_event_type"] == "Government regains territory"
    if actor2:
        assert ev["actor2"] == actor2
