"""People taken: an arrest, or a forced disappearance when nobody knows where they are held;
acts told one after another ('stopped a bus and abducted its passengers') all happened; a
place named by who holds it ('occupied Kherson') is no capture. Sentences written for these tests."""

import pytest

from tests.test_events import events_of


def kinds(text: str) -> set[tuple[str, str]]:
    return {(e["event_type"], e["sub_event_type"]) for e in events_of(text)}


ABDUCTION = ("Violence against civilians", "Abduction/forced disappearance")
ARREST = ("Strategic developments", "Arrests")


@pytest.mark.parametrize("text", [
    "Soldiers detained an opposition activist in Bamako on Friday and his family has no word of where he is held.",
    "Police arrested a blogger in Minsk on Tuesday and took him to an undisclosed location, his lawyer said.",
])
def test_a_detention_whose_whereabouts_are_unknown_is_a_disappearance(text):
    assert kinds(text) == {ABDUCTION}


def test_a_detention_told_plainly_is_an_arrest():
    assert kinds("Police arrested a senior al-Shabaab commander in Garissa on Tuesday, officials said.") == {ARREST}


@pytest.mark.parametrize("text, kind", [
    ("Gunmen stopped a lorry near Katsina on Monday and kidnapped its six passengers, police said.", ABDUCTION),
    ("Militants halted a minibus near Mandera on Sunday and shot dead four passengers, police said.",
     ("Violence against civilians", "Attack")),
])
def test_an_act_told_after_stopping_a_vehicle_happened(text, kind):
    assert kind in kinds(text)


def test_a_stopped_attack_did_not_happen():
    assert events_of("Police stopped the militants from attacking the village near Mandera on Sunday.") == []


def test_a_place_named_as_occupied_is_no_capture():
    found = kinds("Soldiers detained an opposition activist in the occupied city of Melitopol on Monday and his whereabouts are unknown.")
    assert found == {ABDUCTION}
