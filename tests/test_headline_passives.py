"""Headlines write the passive without its auxiliary ("51 killed in attacks"); spaCy then reads
the participle as the main verb or as a noun's modifier. The people of such a headline are
the victims, when what harmed them is violence: our own headlines, one capability each."""

from __future__ import annotations

import pytest

from tests.test_events import events_of

@pytest.mark.parametrize("headline, sub_event_type", [
    ("At least 14 killed in attacks in Kaduna", "Attack"),  # the participle read as the main verb
    ("Nine people killed in attacks near Ouagadougou", "Attack"),  # read as the noun's modifier
    ("At least 30 killed in Kabul bombings", "Remote explosive/landmine/IED"),  # the bombings did it
    ("Attacks kill at least 20 in Borno", "Attack"),  # a number with a place after it is people
])
def test_a_headline_passive_names_the_victims(headline, sub_event_type):
    evs = events_of(headline)
    assert [e["sub_event_type"] for e in evs] == [sub_event_type]
    assert evs[0]["actor2"].startswith("Civilians")


@pytest.mark.parametrize("headline", [
    "At least 40 killed in floods in Kerala",
    "Six people killed in road crash near Kisumu",
    "At least 12 killed in stampede at a stadium in Luanda",
])
def test_harm_that_is_no_attack_is_no_event(headline):
    assert events_of(headline) == []


@pytest.mark.parametrize("headline, sub_event_type", [
    ("Army says it killed 20 militants in air strikes near Jilib", "Air/drone strike"),  # what killed them
    ("Dozens killed, buried in rubble - Iraqi officials, residents", "Attack"),  # the credit is no noun of the rubble
    ("Bandit leader killed in drone strike -army spokesman", "Air/drone strike"),  # "-army spokesman" is the source
    ("Eight dead as gunmen take hostages at hotel in Bamako: police", "Abduction/forced disappearance"),
])
def test_a_headline_credit_and_the_means_of_killing(headline, sub_event_type):
    assert sub_event_type in [e["sub_event_type"] for e in events_of(headline)]


def test_a_headline_line_is_one_sentence_up_to_its_credit():
    """"12 killed as gunmen ...": the parser cut "12" off as a sentence; within a headline a
    sentence starts only after punctuation, and the credit after the last dash is its own."""
    from dateline.pipeline import load_pipeline

    doc = load_pipeline()("Filler line one\n\n12 killed as gunmen take hostages in Baghdad mall - police\n\nAnother line")
    assert [s.text.strip() for s in doc.sents][1:3] == ["12 killed as gunmen take hostages in Baghdad mall", "- police"]


@pytest.mark.parametrize("text, sub_event_type", [
    ("Rights group accuses Malian soldiers of executing 12 villagers in Mopti region", "Attack"),
    ("Militia fighters are accused of raping five women near Bunia, the UN mission said on Tuesday.", "Sexual violence"),
])
def test_an_act_a_report_lays_on_a_side_is_the_alleged_event(text, sub_event_type):
    evs = events_of(text)
    assert [e["sub_event_type"] for e in evs] == [sub_event_type]
    assert not evs[0]["actor1"].startswith("Civilians")


@pytest.mark.parametrize("text", [
    "A man accused of killing two police officers in Nairobi went on trial on Monday.",
    "Police arrested a man accused of robbing three petrol stations at gunpoint.",
])
def test_the_accused_of_a_trial_or_an_arrest_is_no_event(text):
    assert events_of(text) == []
