"""The dateline_events component's contract with spaCy: what it assigns and requires, its
config, its own extension, and its place as the last stage after the language pipeline."""

import pytest
from spacy.tokens import Doc

import dateline
from dateline.errors import TriggerTableError
from dateline.events.coder import EventCoder
from dateline.language import pipeline as language
from dateline.pipeline import build_pipeline

TEXT = ("KABUL (Reuters) - Taliban fighters attacked an army checkpoint near Kunduz on Sunday, killing four soldiers, "
        "a provincial official said. \"They came at night,\" a resident said.")


def test_the_coder_declares_what_it_assigns_and_reads(nlp):
    meta = nlp.get_pipe_meta("dateline_events")
    assert meta.assigns == ["doc._.events"]
    assert meta.default_config == {"trigger_table": "event_triggers.jsonl"}
    assert {"doc._.actors", "doc._.places", "doc._.timexes", "doc._.quotes", "doc.sents"} <= set(meta.requires)
    # what it requires is assigned by the components before it
    assert nlp.analyze_pipes()["problems"]["dateline_events"] == []
    # and is there once the language pipeline has run, with the metadata make_doc sets
    (art,) = dateline.extract(TEXT, published="2021-06-14", language=False)
    doc = language.make_doc(nlp, art)
    for name, proc in nlp.pipeline[:-1]:
        doc = proc(doc)
    for attr in [*meta.requires, "doc._.meta"]:
        if attr.startswith("doc._."):
            assert getattr(doc._, attr[len("doc._."):]) is not None, attr


def test_the_coder_is_the_last_stage_after_the_language_pipeline(nlp):
    assert nlp.pipe_names[-1] == "dateline_events"
    assert "dateline_events" not in [factory for _, factory, _ in language.COMPONENTS]
    # the language pipeline alone does not code events
    assert "dateline_events" not in build_pipeline(["dateline_dates"]).pipe_names


def test_the_coder_registers_its_own_extension(nlp):
    Doc.remove_extension("events")
    try:
        EventCoder(nlp)
        assert Doc.has_extension("events")
    finally:
        if not Doc.has_extension("events"):
            Doc.set_extension("events", default=None)


def test_the_trigger_table_is_read_on_first_use_and_named_when_missing(nlp):
    coder = EventCoder(nlp, trigger_table="no_such_table.jsonl")  # made without reading anything
    with pytest.raises(TriggerTableError, match="no_such_table.jsonl"):
        coder(nlp("Rebels attacked the town of Kunduz on Sunday."))
    with pytest.raises(TriggerTableError, match="no_such_table.jsonl"):
        coder.initialize()
