"""The learned event-type classifier: the shipped model, its labelling rules, its training."""

import gzip
import json
import sys
from pathlib import Path

import pytest

from conftest import ROOT, shared_path
from dateline.events.classifier import NONE, load_classifier, normalise, predict_event_types, read_model

sys.path.insert(0, str(ROOT / "tools"))
import train_event_classifier as training  # noqa: E402

MODEL = ROOT / "src" / "dateline" / "data" / "event_classifier" / "model.json.gz"
ACLED_TYPES = {
    "Battles",
    "Explosions/Remote violence",
    "Violence against civilians",
    "Protests",
    "Riots",
    "Strategic developments",
}


def test_model_is_small_and_names_its_training():
    assert MODEL.stat().st_size < 5_000_000
    clf = load_classifier()
    assert set(clf.labels) == ACLED_TYPES | {NONE}
    assert clf.meta["train_examples"] > 500
    assert clf.meta["test_split_fingerprint"]
    assert load_classifier() is clf  # cached
    readme = (MODEL.parent / "README.md").read_text(encoding="utf-8")
    for credit in ("CC BY-SA 4.0", "CC BY 4.0", "UCDP", "PLOVER", "re3d"):
        assert credit in readme


def test_model_file_is_plain_data():
    with gzip.open(MODEL, "rt", encoding="utf-8") as fh:
        model = json.load(fh)
    n_features = sum(len(v["vocabulary"]) for v in model["vectorizers"])
    assert all(len(row) == n_features for row in model["coef"])
    assert len(model["coef"]) == len(model["labels"]) == len(model["intercept"])


def test_predicts_remote_violence():
    sentences = [
        "Warplanes bombed a fuel depot outside Sirte on Monday, residents said.",
        "Artillery shells struck the eastern districts of the town overnight, killing four people.",
        "A roadside bomb exploded next to a police patrol near Gao.",
    ]
    assert [label for label, _ in predict_event_types(sentences)] == ["Explosions/Remote violence"] * 3


def test_predicts_fighting():
    sentences = [
        "Troops killed 12 militants in clashes north of the city.",
        "Soldiers and militants exchanged fire for hours near the border crossing.",
    ]
    assert [label for label, _ in predict_event_types(sentences)] == ["Battles", "Battles"]


def test_predicts_none_for_diplomacy_plans_and_threats():
    sentences = [
        "The foreign minister will travel to Oslo next month to discuss fishing quotas.",
        "The two governments signed a trade agreement covering textiles and grain.",
        "The rebel commander threatened to attack the capital unless his demands were met.",
    ]
    assert [label for label, _ in predict_event_types(sentences)] == [NONE] * 3


def test_none_probability_orders_reports_and_statements():
    clf = load_classifier()
    strike, visit = clf.none_probability(
        [
            "An air strike hit a crowded market in the town, killing 15 civilians.",
            "The president thanked the delegation for its visit and praised the talks.",
        ]
    )
    assert strike < 0.5 < visit


def test_prediction_shape():
    out = predict_event_types(["Gunmen opened fire on a bus carrying pilgrims.", "The weather was fine."])
    assert len(out) == 2
    for label, prob in out:
        assert label in ACLED_TYPES | {NONE}
        assert 0.0 <= prob <= 1.0
    assert predict_event_types([]) == []
    assert normalise("Killed  12\nIN  2016") == "killed 00 in 0000"


# ---------------------------------------------------------------- labelling rules


@pytest.fixture(scope="module")
def mapping():
    return training.LabelMapping()


def test_ucdp_mapping(mapping):
    assert mapping.ucdp_label("3", "Car bomb kills nine at a busy market") == "Explosions/Remote violence"
    assert mapping.ucdp_label("3", "Gunmen execute twelve villagers accused of informing") == "Violence against civilians"
    assert mapping.ucdp_label("1", "Troops retake three villages after heavy fighting") == "Battles"
    assert mapping.ucdp_label("1", "Five killed south of the city", ["Airwars"]) == "Explosions/Remote violence"
    assert not mapping.ucdp_has_sentence("UNAMI")


def test_plover_mapping(mapping):
    def label(event, text, mode=None, context=""):
        return mapping.plover_label({"event": event, "mode": mode, "context": context, "text": text})

    assert label("THREATEN", "The union threatened to call a general strike next week.") == NONE
    assert label("PROTEST", "Youths rioted in the market, burning cars.", mode="riot-spon") == "Riots"
    assert label("PROTEST", "Hundreds marched to the ministry.", mode="demo-spon") == "Protests"
    assert label("FIGHT", "Rebels shelled the port for two days.", mode="heavy-weapons") == "Explosions/Remote violence"
    assert label("FIGHT", "Troops captured the ridge after a day of fighting.", mode="heavy-weapons") == "Battles"
    assert label("COERCE", "Militiamen kidnapped six aid workers.", mode="detain") == "Violence against civilians"
    assert label("COERCE", "Police arrested forty students.", mode="arrest") == "Strategic developments"
    assert label("AGREE", "The factions agreed to a ceasefire on Friday.") == "Strategic developments"
    # a non-violent code whose sentence also reports killing is no clean negative
    assert label("DISAPPROVE", "The ministry condemned raids that killed nine.") is None
    assert label("DOCUMENT", "Notes on the file.") is None


# ---------------------------------------------------------------- training


@pytest.mark.shared
@pytest.mark.slow
def test_training_is_reproducible_on_a_small_subset(tmp_path):
    shared = shared_path("eval").parent
    examples = training.first_of_each_source(training.load_examples(shared), 60)
    assert {ex.source for ex in examples} == {"ucdp", "plover", "re3d"}
    first, test_a = training.train(examples, seed=3)
    second, test_b = training.train(examples, seed=3)
    assert first == second
    assert [ex.text for ex in test_a] == [ex.text for ex in test_b]
    path_a = training.write_model(first, tmp_path / "a")
    path_b = training.write_model(second, tmp_path / "b")
    assert path_a.read_bytes() == path_b.read_bytes()
    # held-apart documents are never trained on
    train_part, test_part = training.held_apart_split(examples, seed=3)
    assert not {ex.group for ex in train_part} & {ex.group for ex in test_part}
    assert first["training"]["test_examples"] == len(test_part) > 0
    # and the written file loads and predicts
    clf = training.classifier_from_dict(read_model(path_a))
    assert len(clf.predict(["Rebels shelled the airport."])) == 1


def test_near_duplicate_headlines_share_a_group():
    ex = training.Example
    examples = [
        ex("25 soldiers killed repelling an assault on the base: commander", "Battles", "ucdp", "a"),
        ex("25 soldiers killed repelling an assault on the base in Anbar: commander", "Battles", "ucdp", "b"),
        ex("Protesters block the main road into the capital", "Protests", "plover", "c"),
    ]
    merged = training.merge_near_duplicates(examples)
    assert merged[0].group == merged[1].group != merged[2].group
