"""Title Case headlines ("Car Bomb Kills 9 At Market In Mogadishu") are read as the sentences
they are: the verb a verb, its subject and object around it; names keep their capitals and
the text is untouched. Our own headlines, one event type each, and ones that are no event."""

from __future__ import annotations

import pytest

from tests.test_events import events_of


def test_the_verb_of_a_title_case_headline_is_read_as_a_verb(nlp):
    text = "Malian Troops Kill 12 Jihadists In Clash Near Gao"
    doc = nlp(text)
    verb = doc[2]
    assert (verb.text, verb.pos_, verb.dep_, verb.lemma_) == ("Kill", "VERB", "ROOT", "kill")
    assert [t.text for t in verb.children if t.dep_ == "nsubj"] == ["Troops"]
    assert doc.text == text
    assert "Gao" in [e.text for e in doc.ents]  # the NER still reads the capitals


def test_a_sentence_case_headline_and_a_line_of_names_are_left_as_the_model_reads_them(nlp):
    for text in ("Malian troops kill 12 jihadists in clash near Gao", "Amadou Kone Moussa Traore Bamako Mopti"):
        with nlp.select_pipes(disable=["dateline_title_case"]):
            plain = [(t.tag_, t.dep_, t.head.i) for t in nlp(text)]
        assert [(t.tag_, t.dep_, t.head.i) for t in nlp(text)] == plain


def test_only_the_title_case_line_of_an_article_is_read_again(nlp):
    body = ("Government Troops Retake Border Town\n\n"
            "Government troops retook the border town on Tuesday after two days of fighting, officers said.")
    with nlp.select_pipes(disable=["dateline_title_case"]):
        plain = nlp(body)
    doc = nlp(body)
    lead = next(t.i for t in doc if t.text == "troops")
    assert [(t.tag_, t.dep_) for t in doc[lead:]] == [(t.tag_, t.dep_) for t in plain[lead:]]
    assert doc[2].pos_ == "VERB"  # "Retake"


@pytest.mark.parametrize("headline, event_type, sub_event_type", [
    ("Somali Forces Battle Al-Shabaab Fighters Outside Kismayo", "Battles", "Armed clash"),
    ("Nigerian Army Repels Boko Haram Attack On Base In Borno", "Battles", "Armed clash"),
    ("Car Bomb Kills 9 At Market In Mogadishu", "Explosions/Remote violence", "Remote explosive/landmine/IED"),
    ("Drone Strike Kills Three Militants In North Waziristan", "Explosions/Remote violence", "Air/drone strike"),
    ("Jihadists Behead Four Christians In Cabo Delgado", "Violence against civilians", "Attack"),
])
def test_a_title_case_headline_is_coded_as_its_sentence_would_be(headline, event_type, sub_event_type):
    evs = events_of(headline)
    assert [(e["event_type"], e["sub_event_type"]) for e in evs] == [(event_type, sub_event_type)]


@pytest.mark.parametrize("headline", [
    "Rebels Threaten To Attack Capital Of Central African Republic",
    "Army Chief Vows To Crush Insurgents In Sahel",
    "Cyclone Kills 12 In Coastal Villages Of Bangladesh",
    "Bus Crash Kills 20 On Highway Near Nairobi",
    "Police Arrest Three Suspects Over Bank Robbery In Lagos",
    "Hackers Attack Government Websites In Kenya",
    "Ministers Meet In Addis Ababa To Discuss Ceasefire",
])
def test_a_title_case_headline_that_reports_no_event_stays_no_event(headline):
    assert events_of(headline) == []
