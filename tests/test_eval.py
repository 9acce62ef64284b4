"""`dateline eval`: each scoring rule of ../shared/docs/scoring.md on records built by hand."""

from __future__ import annotations

import copy
import json

import pytest

from dateline.cli import main
from dateline.evaluate import load_records, score, score_files
from dateline.evaluate.text import Sentences
from dateline.errors import InputError
from dateline.record import article_id

from conftest import shared_path

BODY_A = (
    "RIVERTON, Nowhereland (Agency) – Militia fighters shelled the market town of Riverton on Tuesday, "
    "killing four people, the local council said.\n\n"
    "“We heard the first shell at dawn,” said Mara Quillon, a baker whose shop was hit.\n\n"
    "About 300 families fled the town, according to aid workers. Another 300 were expected to leave."
)
BODY_B = (
    "HILLCREST (Agency) – Soldiers retook the hill village of Hillcrest from rebels on Friday, "
    "the army said in a statement.\n\n"
    "Commander Odile Varga said the rebels had withdrawn to the north overnight."
)
BODY_C = "PORTVALE (Agency) – Dock workers marched through Portvale on Monday demanding higher pay."


def record(body: str, **fields) -> dict:
    """A full article record (all required fields) for `body`; `fields` override."""
    rec = {
        "id": article_id(body),
        "title": None,
        "byline": [],
        "dateline": None,
        "published": None,
        "captions": [],
        "credits": {"reporting": [], "writing": [], "editing": [], "additional_reporting": []},
        "body": body,
        "story": article_id(body),
        "duplicate_of": None,
        "events": [],
        "quotes": [],
        "quantities": [],
        "places": [],
        "entities": [],
    }
    rec.update(fields)
    return rec


def event(**fields) -> dict:
    ev = {
        "event_date": "2024-05-07",
        "time_precision": 1,
        "event_type": "Explosions/Remote violence",
        "sub_event_type": "Shelling/artillery/missile attack",
        "actor1": "Riverton Militia",
        "actor2": "Civilians (Nowhereland)",
        "location": "Riverton",
        "country": "Nowhereland",
        "latitude": 10.0,
        "longitude": 20.0,
        "geo_precision": 1,
        "fatalities": 4,
        "attribution": "reported",
        "evidence": {"start": 0, "end": 10, "text": "RIVERTON, "},
    }
    ev.update(fields)
    return ev


def place(body: str, name: str, lat, lon, cc, nth: int = 0) -> dict:
    start = -1
    for _ in range(nth + 1):
        start = body.index(name, start + 1)
    return {"name": name, "resolved": name, "latitude": lat, "longitude": lon, "country_code": cc,
            "start": start, "end": start + len(name)}


def quote(body: str, text: str, kind: str, speaker: str | None) -> dict:
    start = body.find(text)
    return {"text": text, "kind": kind, "speaker": speaker, "speaker_title": None,
            "start": max(start, 0), "end": max(start, 0) + len(text)}


def quantity(body: str, phrase: str, low, high, claimant=None, nth: int = 0) -> dict:
    start = -1
    for _ in range(nth + 1):
        start = body.index(phrase, start + 1)
    return {"low": low, "high": high, "approximate": False, "counts": "families", "claimant": claimant,
            "start": start, "end": start + len(phrase)}


def events_of(pred_events, gold_events, line="strict"):
    result = score([record(BODY_A, events=pred_events)], [record(BODY_A, events=gold_events)])
    return result["events"][line]


# ---------------------------------------------------------------- events


def test_event_place_within_50_km_matches_and_60_km_does_not():
    gold = [event()]
    near = events_of([event(latitude=10.36)], gold)  # about 40 km north
    far = events_of([event(latitude=10.54)], gold)  # about 60 km north
    assert (near["tp"], near["fp"], near["fn"]) == (1, 0, 0)
    assert (far["tp"], far["fp"], far["fn"]) == (0, 1, 1)
    # matched at 40 km, but not within the 25 km a right place needs
    assert near["matched"]["place_within_25km"] == {"right": 0, "total": 1, "rate": 0.0}


def test_event_type_must_be_the_same():
    got = events_of([event(event_type="Battles", sub_event_type="Armed clash")], [event()])
    assert got["tp"] == 0


def test_gold_event_without_coordinates_matches_on_country():
    gold = [event(latitude=None, longitude=None)]
    assert events_of([event(latitude=50.0, longitude=50.0)], gold)["tp"] == 1
    assert events_of([event(country="Elsewhere")], gold)["tp"] == 0
    # a gold event with coordinates needs predicted coordinates
    assert events_of([event(latitude=None, longitude=None)], [event()])["tp"] == 0


@pytest.mark.parametrize(
    "precision,gold_date,pred_date,strict_match",
    [
        (1, "2024-05-07", "2024-05-08", True),
        (1, "2024-05-07", "2024-05-09", False),
        (2, "2024-05-07", "2024-05-14", True),
        (2, "2024-05-07", "2024-05-15", False),
        (3, "2024-05-01", "2024-05-31", True),
        (3, "2024-05-01", "2024-04-30", False),
        (3, None, "1999-01-01", True),
        (1, "2024-05-07", None, False),
    ],
)
def test_event_date_rules_and_lenient_line(precision, gold_date, pred_date, strict_match):
    gold = [event(event_date=gold_date, time_precision=precision)]
    pred = [event(event_date=pred_date)]
    assert events_of(pred, gold)["tp"] == int(strict_match)
    assert events_of(pred, gold, "lenient")["tp"] == 1


def test_optional_gold_event_neither_rewards_nor_penalises():
    required = event()
    optional = event(event_type="Strategic developments", sub_event_type="Other", optional=True)
    baseline = events_of([event()], [required])
    with_optional_found = events_of([event(), dict(optional, optional=False)], [required, optional])
    with_optional_missed = events_of([event()], [required, optional])
    for got in (baseline, with_optional_found, with_optional_missed):
        assert (got["tp"], got["fp"], got["fn"], got["f1"]) == (1, 0, 0, 1.0)
    assert with_optional_found["matched_optional"] == 1
    assert with_optional_missed["matched_optional"] == 0


def test_optional_gold_event_does_not_take_a_prediction_from_a_required_one():
    # The prediction agrees better with the optional event (same sub-event type, same
    # day), yet a required event it also matches must get it.
    optional = event(optional=True)
    required = event(sub_event_type="Air/drone strike", event_date="2024-05-08")
    got = events_of([event()], [optional, required])
    assert (got["tp"], got["fp"], got["fn"]) == (1, 0, 0)


def test_exact_counts_a_match_only_when_every_analyst_field_agrees():
    gold = [event()]
    assert events_of([event()], gold)["exact"]["tp"] == 1
    # each of these still matches (detection), but is not an exact row
    for wrong in ({"actor1": "Someone Else"}, {"actor2": None}, {"fatalities": 5},
                  {"sub_event_type": "Air/drone strike"}, {"latitude": 10.36}):
        got = events_of([event(**wrong)], gold)
        assert (got["tp"], got["exact"]["tp"]) == (1, 0), wrong
        assert got["exact"]["precision"] == 0.0 and got["exact"]["recall"] == 0.0
    # attribution is left out of exact
    assert events_of([event(attribution="claimed")], gold)["exact"]["tp"] == 1
    # on the lenient line a wrong date still matches but is not exact
    lenient = events_of([event(event_date="2024-05-20")], gold, "lenient")
    assert (lenient["tp"], lenient["exact"]["tp"]) == (1, 0)


def test_a_second_row_for_a_matched_occurrence_is_a_duplicate():
    gold = [event()]
    got = events_of([event(), event(fatalities=None)], gold)
    assert (got["tp"], got["fp"], got["duplicates"]) == (1, 1, 1)
    assert got["duplicate_rate"] == 0.5
    # a spurious row that matches nothing is a false positive, not a duplicate
    other = events_of([event(), event(event_type="Riots", sub_event_type="Mob violence")], gold)
    assert (other["fp"], other["duplicates"]) == (1, 0)


def test_sections_the_gold_was_not_coded_for_are_left_out():
    gold = record(BODY_A, events=[event()], byline=["By Someone"],
                  places=[place(BODY_A, "Riverton", 10.0, 20.0, "NW")], scored=["events", "title"])
    pred = record(BODY_A, events=[event()], byline=[],
                  quotes=[quote(BODY_A, "We heard the first shell at dawn,", "direct", "Mara Quillon")])
    result = score([pred], [gold])
    assert result["events"]["strict"]["f1"] == 1.0
    # no gold article was coded for places or quotes: nothing missed, nothing spurious
    assert result["places"]["articles_scored"] == 0 and result["places"]["fn"] == 0
    assert result["quotes"]["direct"]["fp"] == 0
    # the byline was not coded either, so the wrong byline is not judged
    assert result["articles"]["byline"]["total"] == 0
    assert result["articles"]["title"] == {"right": 1, "total": 1, "rate": 1.0}
    # without `scored`, every section counts
    unscoped = score([pred], [dict(gold, scored=None)])
    assert unscoped["places"]["fn"] == 1 and unscoped["quotes"]["direct"]["fp"] == 1
    assert unscoped["articles"]["byline"]["total"] == 1


def test_greedy_matching_prefers_same_sub_event_type_then_nearer_place():
    gold = [event(sub_event_type="Air/drone strike"), event(latitude=10.2)]
    pred = [event(latitude=10.1)]
    got = events_of(pred, gold)
    assert got["tp"] == 1 and got["fn"] == 1
    assert got["matched"]["sub_event_type"]["rate"] == 1.0
    gold = [event(latitude=10.3), event(latitude=10.05)]
    got = events_of([event()], gold)
    assert got["matched"]["place_within_25km"]["rate"] == 1.0


def test_matched_event_fields_fold_case_and_drop_year_ranges():
    gold = [event(actor1="Military Forces of Nowhereland (2001-)", actor2=None, fatalities=None)]
    pred = [event(actor1="military forces of nowhereland", actor2=None, fatalities=None, attribution="claimed")]
    m = events_of(pred, gold)["matched"]
    assert m["actor1"]["rate"] == 1.0
    assert m["actor2"]["rate"] == 1.0
    assert m["fatalities"]["rate"] == 1.0
    assert m["attribution"]["rate"] == 0.0
    wrong = events_of([event(actor1="Riverton Militia (Faction B)", fatalities=5)], [event()])["matched"]
    assert wrong["actor1"]["rate"] == 0.0 and wrong["fatalities"]["rate"] == 0.0


# ---------------------------------------------------------------- articles


def test_published_month_prediction_against_a_window():
    gold_pub = {"date": "2024-05-01", "precision": "month", "source": "inferred",
                "earliest": "2024-05-20", "latest": "2024-06-10"}

    def published(pred_pub, gold=gold_pub):
        result = score([record(BODY_A, published=pred_pub)], [record(BODY_A, published=gold)])
        return result["articles"]["published"]["rate"], result["articles"]["published_in_window"]["rate"]

    # June as a whole overlaps the window's first ten days
    assert published({"date": "2024-06-01", "precision": "month"}) == (1.0, 1.0)
    # a day inside the window, finer than the gold: right
    assert published({"date": "2024-05-25", "precision": "day"}) == (1.0, 1.0)
    # a day before the window
    assert published({"date": "2024-05-02", "precision": "day"}) == (0.0, 0.0)
    # a whole year overlaps, but is coarser than the gold's month
    assert published({"date": "2024-01-01", "precision": "year"}) == (0.0, 1.0)
    assert published(None) == (0.0, 0.0)
    # no window: the gold period stands in
    no_window = {"date": "2024-05-01", "precision": "month", "earliest": None, "latest": None}
    assert published({"date": "2024-05-31", "precision": "day"}, no_window) == (1.0, 1.0)
    assert published({"date": "2024-06-01", "precision": "day"}, no_window) == (0.0, 0.0)


def test_exact_field_rates_over_paired_articles():
    gold = [record(BODY_A, title="Town shelled", byline=["Ana Writer"]), record(BODY_B, title="Village retaken")]
    # same id (white space is folded into it), a body that is not exactly the same
    loose_b = dict(record(BODY_B, title="Village retaken"), body=BODY_B + " ")
    pred = [record(BODY_A, title="Town shelled", byline=["Ana  Writer"]), loose_b]
    a = score(pred, gold)["articles"]
    assert a["found"]["rate"] == 1.0
    assert a["title"]["rate"] == 1.0
    assert a["byline"]["rate"] == 0.5
    assert a["body"]["rate"] == 0.5


def test_articles_pair_by_title_then_body_when_ids_differ():
    gold = [record(BODY_A, title="Town shelled"), record(BODY_B, title="Village retaken"), record(BODY_C, title="Dock march")]
    pred = [
        # a near-identical title, a body cut differently
        record(BODY_A.replace("\n\n", "\n"), id="x1", title="Town shelled!"),
        # a different title, the same body with a trailing sentence
        record(BODY_B + " More later.", id="x2", title="Hill retaken by army"),
        # unrelated: neither title nor body
        record("Nothing about any of this at all, a weather report.", id="x3", title="Weather"),
    ]
    result = score(pred, gold)
    by = [a["paired_by"] for a in result["per_article"]]
    assert by == ["title", "body", None]
    assert result["articles"]["found"] == {"right": 2, "total": 3, "rate": 2 / 3}
    assert result["articles"]["unpaired_predicted"] == ["x3"]


def test_story_pairs_and_duplicate_of_carried_through_pairing():
    a, b, c = record(BODY_A), record(BODY_B), record(BODY_C)
    b_gold = dict(b, story=a["id"], duplicate_of=a["id"])
    gold = [a, b_gold, c]
    # Predicted ids differ (e.g. another id scheme): pairs and duplicate_of are read through the pairing.
    pa = dict(a, id="p-a", story="s1")
    pb = dict(b, id="p-b", story="s1", duplicate_of="p-a")
    pc = dict(c, id="p-c", story="s2")
    got = score([pa, pb, pc], gold)["articles"]
    assert (got["stories"]["tp"], got["stories"]["fp"], got["stories"]["fn"]) == (1, 0, 0)
    assert got["duplicate_of"]["rate"] == 1.0
    # everything in one story: 3 predicted pairs, 1 right
    lumped = [dict(x, story="s") for x in (pa, pb, pc)]
    got = score(lumped, gold)["articles"]["stories"]
    assert got["precision"] == pytest.approx(1 / 3) and got["recall"] == 1.0
    # nobody puts two articles together: 1 on both sides
    solo = score([a, b, c], [a, b, c])["articles"]["stories"]
    assert solo["f1"] == 1.0 and solo["tp"] == 0
    # the prediction misses the gold pair
    assert score([a, b, c], gold)["articles"]["stories"]["recall"] == 0.0


# ---------------------------------------------------------------- places


def test_places_match_on_span_overlap_and_resolution_distance():
    gold_places = [
        place(BODY_A, "Riverton", 10.0, 20.0, "NL"),
        place(BODY_A, "Nowhereland", None, None, None),
    ]
    rv = place(BODY_A, "Riverton", 10.0, 20.0, "NL")
    pred_places = [
        dict(rv, start=rv["start"] - 9, end=rv["start"] + 3, latitude=11.0),  # "town of Riv", ~111 km off
        dict(place(BODY_A, "Nowhereland", 1.0, 1.0, "NL")),
        place(BODY_A, "RIVERTON", 10.0, 20.0, "NL"),  # the dateline mention, absent from this gold
    ]
    p = score([record(BODY_A, places=pred_places)], [record(BODY_A, places=gold_places)])["places"]
    assert (p["tp"], p["fp"], p["fn"]) == (2, 1, 0)
    # distance judged only where the gold has coordinates
    assert p["within_161km"] == {"right": 1, "total": 1, "rate": 1.0}
    assert p["within_25km"] == {"right": 0, "total": 1, "rate": 0.0}
    # the unlocated gold place expects a null country code and no coordinates
    assert p["country_code"] == {"right": 1, "total": 2, "rate": 0.5}
    assert p["unlocated_gold_left_null"]["rate"] == 0.0


def test_place_offsets_follow_a_body_with_other_white_space():
    gold_places = [place(BODY_A, "Riverton", 10.0, 20.0, "NL")]
    pred_body = BODY_A.replace("\n\n", "\n\n\n").replace("market town", "market  town")
    pred = record(pred_body, places=[place(pred_body, "Riverton", 10.0, 20.0, "NL")])
    assert pred["id"] == article_id(BODY_A)
    p = score([pred], [record(BODY_A, places=gold_places)])["places"]
    assert (p["tp"], p["fp"], p["fn"]) == (1, 0, 0)


# ---------------------------------------------------------------- quotes


def test_quotes_match_by_word_jaccard_and_kind():
    text = "We heard the first shell at dawn"
    gold = [quote(BODY_A, text, "direct", "Mara Quillon")]

    def direct(pred_text, kind="direct", speaker="Mara Quillon"):
        pred = [dict(quote(BODY_A, text, kind, speaker), text=pred_text)]
        return score([record(BODY_A, quotes=pred)], [record(BODY_A, quotes=gold)])["quotes"]

    assert direct("We heard the first shell")["direct"]["tp"] == 1  # 5/7 words shared
    assert direct("the first shell")["direct"]["tp"] == 0  # 3/7
    got = direct(text, kind="indirect")
    assert got["direct"]["fn"] == 1 and got["indirect"]["fp"] == 1


def test_quote_speaker_by_last_name_for_people_and_whole_for_bodies():
    entities = [{"text": "Mara Quillon", "label": "PERSON", "canonical": "Mara Quillon", "start": 0, "end": 1}]
    gold_quotes = [
        quote(BODY_A, "We heard the first shell at dawn", "direct", "Mara Quillon"),
        quote(BODY_B, "the rebels had withdrawn to the north overnight", "indirect", "U.S.-led coalition"),
    ]

    def speaker_rate(direct_speaker, indirect_speaker):
        pred = [dict(gold_quotes[0], speaker=direct_speaker), dict(gold_quotes[1], speaker=indirect_speaker)]
        q = score([record(BODY_A, quotes=pred)], [record(BODY_A, quotes=gold_quotes, entities=entities)])["quotes"]
        return q["direct"]["speaker"]["rate"], q["indirect"]["speaker"]["rate"]

    assert speaker_rate("Quillón", "u.s.-led  coalition") == (1.0, 1.0)
    assert speaker_rate("Pierre Quillon", "coalition") == (1.0, 0.0)
    assert speaker_rate("Mara Quill", "The U.S.-led coalition") == (0.0, 1.0)
    assert speaker_rate("Quillon", "U.S.-led forces") == (1.0, 0.0)
    assert speaker_rate(None, None) == (0.0, 0.0)


# ---------------------------------------------------------------- quantities


def test_quantities_match_on_overlap_or_same_value_in_the_same_sentence():
    first = quantity(BODY_A, "About 300 families", 300, 300)
    gold = [first]

    def got(pred):
        return score([record(BODY_A, quantities=pred)], [record(BODY_A, quantities=gold)])["quantities"]

    # overlapping span, wrong value: matched, value wrong
    q = got([dict(quantity(BODY_A, "300 families", 250, 350))])
    assert q["tp"] == 1 and q["values"]["rate"] == 0.0
    # no overlap, same value, same sentence ("fled the town" is in the sentence of "About 300 families")
    same_sentence = dict(quantity(BODY_A, "fled the town", 300, 300))
    assert got([same_sentence])["tp"] == 1
    # same value in the next sentence: no match
    q = got([quantity(BODY_A, "300 were", 300, 300)])
    assert (q["tp"], q["fp"], q["fn"]) == (0, 1, 1)


def test_quantity_claimant_null_equals_null_only():
    gold = [quantity(BODY_A, "About 300 families", 300, 300, claimant=None)]
    right = score([record(BODY_A, quantities=gold)], [record(BODY_A, quantities=gold)])["quantities"]
    assert right["claimant"]["rate"] == 1.0 and right["values"]["rate"] == 1.0
    pred = [dict(gold[0], claimant="aid workers")]
    wrong = score([record(BODY_A, quantities=pred)], [record(BODY_A, quantities=gold)])["quantities"]
    assert wrong["claimant"]["rate"] == 0.0


def test_sentences_skip_abbreviations():
    text = "Lt. Gen. Ada Stone of the U.S. Army spoke. Then she left.\n\nA new paragraph."
    s = Sentences(text)
    assert s.index(text.index("Ada")) == s.index(text.index("spoke"))
    assert s.index(text.index("Then")) == 1
    assert s.index(text.index("paragraph")) > 1


# ---------------------------------------------------------------- corpus


def test_micro_average_sums_counts_before_rates():
    gold = [record(BODY_A, events=[event()]), record(BODY_B, events=[event(), event(latitude=12), event(latitude=14)])]
    pred = [record(BODY_A, events=[event()]), record(BODY_B)]
    result = score(pred, gold)
    # one of four found: 0.25 (a mean over articles would give 0.5)
    assert result["events"]["strict"]["recall"] == 0.25
    per = [a["events"]["figures"]["strict"]["recall"] for a in result["per_article"]]
    assert per == [1.0, 0.0]
    assert result["per_article"][1]["events"]["details"]["missed"]


def test_unpaired_gold_counts_as_missed():
    gold = [record(BODY_A, events=[event()]), record(BODY_C, events=[event()])]
    result = score([record(BODY_A, events=[event()])], gold)
    assert result["articles"]["found"]["rate"] == 0.5
    assert result["events"]["strict"]["recall"] == 0.5


def test_gold_scored_against_itself_is_perfect():
    for name in ("seed.jsonl", "centcom.jsonl"):
        path = shared_path("gold", name)
        result = score_files(path, path)
        a = result["articles"]
        for key in ("found", "title", "byline", "dateline_places", "credits", "body", "captions", "published",
                    "duplicate_of"):
            assert a[key]["rate"] == 1.0, (name, key)
        assert a["stories"]["f1"] == 1.0
        lines = [result["events"]["strict"], result["events"]["lenient"], result["places"],
                 result["quotes"]["direct"], result["quotes"]["indirect"], result["quantities"]]
        for figures in lines:
            assert figures["f1"] == 1.0, name
        for line in ("strict", "lenient"):
            assert all(r["rate"] == 1.0 for r in result["events"][line]["matched"].values()), name
        for key in ("within_161km", "within_25km", "country_code"):
            assert result["places"][key]["rate"] == 1.0
        assert result["quotes"]["direct"]["speaker"]["rate"] == 1.0
        assert result["quantities"]["values"]["rate"] == result["quantities"]["claimant"]["rate"] == 1.0


def test_gold_with_its_optional_events_removed_loses_nothing():
    path = shared_path("gold", "seed.jsonl")
    gold = load_records(path)
    pred = copy.deepcopy(gold)
    for rec in pred:
        rec["events"] = [e for e in rec["events"] if not e.get("optional")]
    strict = score(pred, gold)["events"]["strict"]
    assert strict["f1"] == 1.0 and strict["matched_optional"] == 0


# ---------------------------------------------------------------- command line


def write_jsonl(path, records):
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return str(path)


def test_cli_prints_json(tmp_path, capsys):
    gold = write_jsonl(tmp_path / "gold.jsonl", [record(BODY_A, events=[event()]), record(BODY_B)])
    pred = write_jsonl(tmp_path / "pred.jsonl", [record(BODY_A, events=[event(latitude=10.54)])])
    assert main(["eval", pred, gold, "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["articles"]["found"]["right"] == 1
    assert result["events"]["strict"]["fp"] == 1
    assert len(result["per_article"]) == 2


def test_cli_half_scores_only_the_odd_or_even_gold_articles(tmp_path, capsys):
    golds = [record(BODY_A, events=[event()]), record(BODY_B), record(BODY_C)]
    preds = [record(BODY_A), record(BODY_B), record(BODY_C)]  # the event of article 1 missed
    write_jsonl(tmp_path / "gold.jsonl", golds)
    write_jsonl(tmp_path / "pred.jsonl", preds)
    figures = {}
    for half in ("odd", "even"):
        assert main(["eval", str(tmp_path / "pred.jsonl"), str(tmp_path / "gold.jsonl"), "--json", "--half", half]) == 0
        figures[half] = json.loads(capsys.readouterr().out)
    assert figures["odd"]["articles"]["gold"] == 2 and figures["even"]["articles"]["gold"] == 1
    assert figures["odd"]["events"]["strict"]["fn"] == 1 and figures["even"]["events"]["strict"]["fn"] == 0


def test_cli_prints_tables(tmp_path, capsys):
    gold = write_jsonl(tmp_path / "gold.jsonl", [record(BODY_A, events=[event()])])
    assert main(["eval", gold, gold]) == 0
    shown = capsys.readouterr().out
    assert "events strict" in shown and "micro-averaged" in shown


@pytest.mark.parametrize(
    "content,message",
    [
        (json.dumps(record(BODY_A)) + "\nthis is not json\n", "gold.jsonl:2: not JSON"),
        ('{"id": "a", "body": "text"}\n', "gold.jsonl:1: record lacks the required field"),
        ("", "holds no article records"),
    ],
)
def test_cli_bad_gold_exits_2_with_one_line(tmp_path, capsys, content, message):
    pred = write_jsonl(tmp_path / "pred.jsonl", [record(BODY_A)])
    gold = tmp_path / "gold.jsonl"
    gold.write_text(content, encoding="utf-8")
    assert main(["eval", pred, str(gold), "--json"]) == 2
    captured = capsys.readouterr()
    assert message in captured.err
    assert "Traceback" not in captured.err and captured.out == ""


def test_bad_item_and_missing_file_raise_input_error(tmp_path):
    bad = record(BODY_A, events=[{"event_type": "Battles"}])
    path = write_jsonl(tmp_path / "pred.jsonl", [record(BODY_B), bad])
    with pytest.raises(InputError) as e:
        load_records(path)
    assert e.value.line == 2 and "events[0]" in e.value.problem
    assert main(["eval", str(tmp_path / "absent.jsonl"), path]) == 2
