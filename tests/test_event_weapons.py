"""An explosion is coded by the weapon that made it (grenade, mine, shell), however the
sentence tells of its use: passive, a reduced relative, a weapon stepped on or driven over,
a weapon naming its blast. Sentences written for these tests."""

import pytest

from tests.test_events import events_of


def kinds(text: str) -> set[tuple[str, str]]:
    return {(e["event_type"], e["sub_event_type"]) for e in events_of(text)}


EXPLOSION = "Explosions/Remote violence"


@pytest.mark.parametrize("text, sub_event_type", [
    # the weapon as the subject of a passive verb of throwing or firing
    ("A grenade was thrown into a tea shop in Mardan on Friday, killing two men, police said.", "Grenade"),
    ("Two guards died when a grenade was tossed over the wall of a bank in Bunia on Monday.", "Grenade"),
    # a reduced relative the parser reads as an active verb: "shells fired from ... landed"
    ("Mortar shells fired from the hills landed on a camp near Kalehe on Tuesday, killing four people.",
     "Shelling/artillery/missile attack"),
    # a plural weapon that hit something is no generic mention
    ("Rockets fell on a market in Marib on Sunday, killing six shoppers.", "Shelling/artillery/missile attack"),
    # a weapon stepped on, driven over or struck
    ("A shepherd was killed when he stepped on a landmine near Tessalit on Sunday.", "Remote explosive/landmine/IED"),
    ("Three soldiers died when their truck struck a mine near Djibo on Monday, the army said.",
     "Remote explosive/landmine/IED"),
    # a weapon naming its blast
    ("Grenade blast wounds nine at Kisumu bus stop", "Grenade"),
    # an explosive charge is a planted bomb
    ("An explosive charge hidden in a cart killed three traders in Mosul on Friday, police said.",
     "Remote explosive/landmine/IED"),
])
def test_an_explosion_is_coded_by_its_weapon(text, sub_event_type):
    assert kinds(text) == {(EXPLOSION, sub_event_type)}


@pytest.mark.parametrize("text", [
    "Police displayed three grenades and a mortar shell seized in Mardan on Friday.",
    "The grenades were found in a sack near a school in Bunia, police said on Monday.",
])
def test_a_weapon_shown_or_found_is_no_explosion(text):
    assert EXPLOSION not in {kind for kind, _ in kinds(text)}
