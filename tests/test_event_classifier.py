"""The learned event-type classifier: the shipped model, its labelling rules, its training."""

import gzip
import json
import sys
from collections import Counter
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
    for credit in ("CC BY-SA 4.0", "CC BY 4.0", "UCDP", "PLOVER", "re3d", "CC BY 2.5", "WikiNews", "GeoVirus"):
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


# The veto (settings.EVENT_VETO_NONE_PROBABILITY): sentences written for this test. Crime is
# the veto's weak kind: of eight crime sentences written for it, four pass (README.md beside
# the model lists the misses); these are two of the four.
NOT_EVENTS = [
    # disease outbreaks that "kill"
    "A cholera outbreak in the northern districts has killed 43 people since the start of the month, health officials said.",
    "The measles epidemic has now killed 80 children in the province, the health ministry said on Tuesday.",
    # ordinary crime
    "A man was sentenced to life in prison on Monday for the murder of his former business partner.",
    "Two men were charged with armed robbery after a jewellery shop in the city centre was held up at knifepoint.",
]
EVENTS = [
    # a bombing
    "A car bomb exploded outside a police station in Kirkuk on Monday, killing six officers.",
    "Two suicide bombers blew themselves up at a crowded bus station in Maiduguri, killing at least 14 people.",
    # a clash
    "Government troops clashed with rebel fighters near Rutshuru on Friday, leaving at least nine dead on both sides.",
    "Soldiers repelled an attack by militants on an army post in Tillaberi region overnight, the defence ministry said.",
]


def test_veto_drops_outbreaks_and_crime_and_keeps_bombings_and_clashes():
    from dateline import settings

    clf = load_classifier()
    threshold = settings.EVENT_VETO_NONE_PROBABILITY
    assert 0.0 < threshold < 1.0
    assert all(p >= threshold for p in clf.none_probability(NOT_EVENTS)), clf.none_probability(NOT_EVENTS)
    assert all(p < threshold for p in clf.none_probability(EVENTS)), clf.none_probability(EVENTS)


def test_one_sentence_path_gives_the_batch_probabilities():
    clf = load_classifier()
    sentences = NOT_EVENTS + EVENTS + ["", "Ok."]
    one_by_one = [clf.none_probability_of(s) for s in sentences]
    assert one_by_one == pytest.approx(clf.none_probability(sentences), abs=1e-9)


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
    assert {ex.source for ex in examples} == {"ucdp", "plover", "re3d", "geovirus", "bank"}
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


def test_bank_trains_on_its_even_half_only(mapping):
    examples = training.bank_examples(ROOT / "tests" / "bank", mapping)
    ids = [ex.group.removeprefix("bank:") for ex in examples]
    assert ids and all(int(i.rsplit("-", 1)[1]) % 2 == 0 for i in ids)
    labels = {ex.label for ex in examples}
    assert NONE in labels and ACLED_TYPES <= labels
    negatives = [ex for ex in examples if ex.group.startswith("bank:neg-")]
    assert negatives and all(ex.label == NONE for ex in negatives)


@pytest.mark.shared
def test_geovirus_trains_on_half_a_with_its_events_labelled(mapping):
    path = shared_path("eval", "geovirus", "GeoVirus.xml")
    paragraphs = training.geovirus_paragraphs(path)
    halves = {half for _, half, _ in paragraphs}
    assert halves == {"A", "B"}
    examples = training.geovirus_examples(path, mapping)
    in_a = {f"geovirus:{i}" for i, half, _ in paragraphs if half == "A"}
    assert examples and all(ex.group in in_a for ex in examples)
    counts = Counter(ex.label for ex in examples)
    assert counts[NONE] > 10 * sum(n for label, n in counts.items() if label != NONE) > 0
    assert len([ex for ex in examples if ex.label != NONE]) == len(mapping.spec["geovirus"]["events"])


def test_near_duplicate_headlines_share_a_group():
    ex = training.Example
    examples = [
        ex("25 soldiers killed repelling an assault on the base: commander", "Battles", "ucdp", "a"),
        ex("25 soldiers killed repelling an assault on the base in Anbar: commander", "Battles", "ucdp", "b"),
        ex("Protesters block the main road into the capital", "Protests", "plover", "c"),
    ]
    merged = training.merge_near_duplicates(examples)
    assert merged[0].group == merged[1].group != merged[2].group


ANALYSER_TEXTS = [
    "warplanes bombed a fuel depot outside sirte on monday, residents said.",
    "a  b  cd   x-ray al-qaim's 00 civilians — “killed”",
    "i o u",
    "ṣāliḥ çatı ğ ıraq żabbar",
    "",
    "   ",
    "the 00-year-old was shot dead at 0:00 p.m. (local time) near kirkuk/hawija",
]


@pytest.mark.parametrize("params", [training.WORD_PARAMS, training.CHAR_PARAMS], ids=["word", "char_wb"])
def test_reader_reads_ngrams_as_the_trained_vectoriser_does(params):
    """The runtime reads n-grams without scikit-learn; the vectoriser it was trained with must agree,
    term for term and in the same order (the order sums the weights)."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    from dateline.events.classifier import ANALYSERS

    kept = {k: v for k, v in params.items() if k != "min_df"}
    analyse = TfidfVectorizer(**{**kept, "ngram_range": tuple(kept["ngram_range"])}).build_analyzer()
    low, high = kept["ngram_range"]
    for text in ANALYSER_TEXTS + [normalise(s) for s in NOT_EVENTS + EVENTS]:
        assert ANALYSERS[kept["analyzer"]](text, low, high) == analyse(text), text


def test_runtime_does_not_import_scikit_learn():
    import subprocess

    code = ("import sys; from dateline.events.classifier import sentence_none_probability; "
            "sentence_none_probability('Rebels shelled the airport.'); print('sklearn' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"
