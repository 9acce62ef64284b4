"""A verbless-looking headline ("Protesters torch ruling party office") has its bare verb read
as one (language/headline_verbs.py): our own headlines."""

from __future__ import annotations

import pytest

from dateline.language.headline_verbs import past_form
from tests.test_events import events_of


def test_the_bare_verb_heads_the_line(nlp):
    doc = nlp("Protesters torch ruling party office in Dhaka")
    with nlp.select_pipes(disable=["dateline_headline_verbs"]):
        plain = nlp("Protesters torch ruling party office in Dhaka")
    assert plain[1].pos_ == "NOUN"
    torch = doc[1]
    assert (torch.pos_, torch.tag_, torch.lemma_, torch.dep_) == ("VERB", "VBP", "torch", "ROOT")
    assert doc[0].dep_ == "nsubj" and doc[0].head.i == 1
    assert doc[0].text == "Protesters" and torch.text == "torch"  # the text is untouched


@pytest.mark.parametrize("text", [
    "US soldier killed in Iraq during a patrol outside Mosul",  # has its verb: "soldier" is no verb here
    "Rebels battled the army near Bambari on Tuesday, officials said.",  # prose
    "Dozens of soldiers in Taliban Mass Grave",  # a name after "in" is no subject: "Mass" is no verb
])
def test_lines_with_a_verb_or_a_full_stop_are_left(nlp, text):
    with nlp.select_pipes(disable=["dateline_headline_verbs"]):
        plain = nlp(text)
    doc = nlp(text)
    assert [(t.pos_, t.dep_, t.head.i) for t in doc] == [(t.pos_, t.dep_, t.head.i) for t in plain]


@pytest.mark.parametrize("headline, sub_event_type", [
    ("Protesters torch ruling party office in Dhaka", "Violent demonstration"),
    ("Rebels battle army near Bambari", "Armed clash"),
    ("Somalis protest election delay in Mogadishu", "Peaceful protest"),  # the verb left in a compound
    ("Houthis shell Saudi border villages in Jazan", "Shelling/artillery/missile attack"),  # name and verb read as adjectives
])
def test_the_headline_is_coded(headline, sub_event_type):
    assert [e["sub_event_type"] for e in events_of(headline)] == [sub_event_type]


def test_past_forms():
    assert [past_form(w) for w in ("torch", "storm", "raze", "bury", "fight")] == ["torched", "stormed", "razed", "buried", "fought"]
