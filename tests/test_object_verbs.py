"""Headline verbs the model tags as nouns ("Army shells rebel positions") are verbs when they
take a direct object: our own headlines."""

from __future__ import annotations

import pytest

from tests.test_events import events_of


def test_a_noun_with_a_direct_object_is_read_as_a_verb(nlp):
    # the headline verbs component would parse this verbless line again: left out to see this one alone
    with nlp.select_pipes(disable=["dateline_headline_verbs"]):
        doc = nlp("Rebel fighters storm army barracks near Goma")
    with nlp.select_pipes(disable=["dateline_object_verbs", "dateline_headline_verbs"]):
        plain = nlp("Rebel fighters storm army barracks near Goma")
    storm = next(t for t in doc if t.text == "storm")
    assert plain[storm.i].pos_ == "NOUN" and any(c.dep_ == "dobj" for c in plain[storm.i].children)
    assert (storm.pos_, storm.lemma_) == ("VERB", "storm")
    assert [(t.dep_, t.head.i) for t in doc] == [(t.dep_, t.head.i) for t in plain]  # the tree is kept


@pytest.mark.parametrize("headline, sub_event_type", [
    ("Syrian army shells rebel positions near Hama", "Shelling/artillery/missile attack"),
    ("Government forces storm rebel-held hill in South Kivu", "Armed clash"),
])
def test_a_telegraphese_headline_is_coded(headline, sub_event_type):
    assert [e["sub_event_type"] for e in events_of(headline)] == [sub_event_type]


def test_a_noun_without_an_object_stays_a_noun(nlp):
    doc = nlp("Storm damage closes roads across Kent")
    assert doc[0].pos_ != "VERB"


@pytest.mark.parametrize("text, subject, victim", [
    ("Three men on a motorbike shot dead a tax collector in Quetta", "men", "collector"),
    ("A sniper shot dead a nurse near the market", "sniper", "nurse"),
])
def test_a_killing_verb_read_as_a_noun_before_dead_heads_the_clause(nlp, text, subject, victim):
    doc = nlp(text)
    shot = next(t for t in doc if t.text == "shot")
    assert (shot.pos_, shot.lemma_) == ("VERB", "shoot")
    kids = {c.dep_: c.text for c in shot.children}
    assert kids.get("nsubj") == subject and kids.get("dobj") == victim and kids.get("oprd") == "dead"


def test_a_shot_that_is_a_noun_stays_one(nlp):
    doc = nlp("The first shot was fired at dawn")
    assert next(t for t in doc if t.text == "shot").pos_ == "NOUN"
