"""The events CSV: ACLED's export columns in ACLED's order, then ours; one writer for
`dateline extract -f events-csv` and `/api/events?format=csv`; formula cells defused."""

from __future__ import annotations

import copy
import csv
import io
import json

import pytest
from fastapi.testclient import TestClient

from dateline.acled import acled_columns
from dateline.cli import main
from dateline.serve.app import create_app
from dateline.store import Store
from eventdata import build_records

# ACLED's export columns as its codebook lists them, typed here from the codebook, apart
# from the implementation, so that a change to the one list in events/export.py shows.
ACLED_EXPORT = (
    "event_id_cnty event_date year time_precision disorder_type event_type sub_event_type actor1 assoc_actor_1"
    " inter1 actor2 assoc_actor_2 inter2 interaction civilian_targeting iso region country admin1 admin2 admin3"
    " location latitude longitude geo_precision source source_scale notes fatalities tags timestamp"
).split()
OURS = ["attribution", "evidence", "confidence", "article_id", "corroboration", "event_id"]
HOSTILE = "=HYPERLINK(\"http://example.invalid\",\"click\")"


@pytest.fixture(scope="module")
def records():
    recs = copy.deepcopy(build_records(12, seed=5))
    # Text a spreadsheet would run, where the news (or an input) could put it.
    ev = recs[0]["events"][0]
    ev["notes"], ev["source"], ev["actor2"] = HOSTILE, "+1+1", "@SUM(A1:A9)"
    recs[1]["events"][0]["evidence"]["text"] = "-2+3 " + recs[1]["events"][0]["evidence"]["text"]
    return recs


@pytest.fixture(scope="module")
def both(records, tmp_path_factory):
    """The same events as CSV from the command line and from the API."""
    tmp = tmp_path_factory.mktemp("csv")
    jsonl = tmp / "records.jsonl"
    jsonl.write_text("".join(json.dumps(r) + "\n" for r in records))
    db = tmp / "csv.db"
    with Store(db) as store:
        store.add_records(records)
        store.assign_stories()
    api = TestClient(create_app(db, language=False), base_url="http://127.0.0.1").get("/api/events", params={"format": "csv", "limit": 10_000})
    assert api.status_code == 200, api.text
    # The CLI's writer over the same records (extract would run the language layer first).
    from dateline.events.export import write_events_csv

    cli = tmp / "events.csv"
    write_events_csv(lambda: iter(json.loads(line) for line in jsonl.read_text().splitlines()), cli)
    return list(csv.reader(io.StringIO(cli.read_text(encoding="utf-8")))), list(csv.reader(io.StringIO(api.text)))


def test_both_headers_are_acleds_export_columns_in_acleds_order_then_ours(both):
    cli, api = both
    assert cli[0] == api[0] == ACLED_EXPORT + OURS


def test_the_cli_and_the_api_write_the_same_rows_for_the_same_events(both, records):
    cli, api = both
    header = cli[0]
    stamp = header.index("timestamp")
    # ACLED's timestamp is when a row entered the dataset: the file's writing for the CLI;
    # the API leaves it empty. Every other cell is the same.
    assert {row[stamp] for row in api[1:]} == {""}
    assert all(row[stamp].isdigit() for row in cli[1:])
    key = header.index("event_id")
    strip = lambda rows: sorted((r[:stamp] + r[stamp + 1:] for r in rows[1:]), key=lambda r: r[key - 1])
    assert strip(cli) == strip(api)
    assert len(cli) - 1 == sum(len(r["events"]) for r in records)


def test_formula_cells_are_defused_in_both_outputs(both):
    for rows in both:
        col = {c: i for i, c in enumerate(rows[0])}
        cells = [cell for row in rows[1:] for cell in row]
        assert "'" + HOSTILE in cells and "'+1+1" in cells and "'@SUM(A1:A9)" in cells
        assert any(row[col["evidence"]].startswith("'-2+3 ") for row in rows[1:])
        assert not any(cell.startswith(("=", "+", "@", "\t", "\r")) for cell in cells)
        # Numbers stay numbers: a negative coordinate is not text to defuse.
        assert all(row[col["longitude"]].lstrip("-").replace(".", "").isdigit() for row in rows[1:] if row[col["longitude"]])


def test_acled_columns_are_filled_from_the_event_and_left_empty_otherwise(both):
    cli, _ = both
    col = {c: i for i, c in enumerate(cli[0])}
    for row in cli[1:]:
        for name in ("event_id_cnty", "assoc_actor_1", "assoc_actor_2", "admin2", "admin3", "source_scale", "tags"):
            assert row[col[name]] == ""
        assert row[col["year"]] == row[col["event_date"]][:4]
        if row[col["country"]]:
            assert row[col["iso"]] in ("760", "368") and row[col["region"]] == "Middle East"  # Syria, Iraq
        assert row[col["disorder_type"]] in ("Political violence", "Demonstrations", "Political violence; Demonstrations", "Strategic developments")


@pytest.mark.parametrize(
    "event, expected",
    [
        # Syria's army against Islamic State in Syria: state forces (1) and a rebel group (2).
        (dict(event_type="Battles", sub_event_type="Armed clash", actor1="Military Forces of Syria (2000-)",
              actor2="Islamic State (Syria)", country="Syria"),
         dict(disorder_type="Political violence", inter1=1, inter2=2, interaction=12, civilian_targeting=None, iso=760)),
        # A foreign state's forces are external forces (8) to ACLED; civilians are 7 and targeted.
        (dict(event_type="Explosions/Remote violence", sub_event_type="Air/drone strike",
              actor1="Military Forces of the United States", actor2="Civilians (Iraq)", country="Iraq"),
         dict(disorder_type="Political violence", inter1=8, inter2=7, interaction=78, civilian_targeting="Civilian targeting",
              region="Middle East")),
        # Protesters alone: interaction 60; a peaceful protest is a demonstration.
        (dict(event_type="Protests", sub_event_type="Peaceful protest", actor1="Protesters (Iraq)", actor2=None, country="Iraq"),
         dict(disorder_type="Demonstrations", inter1=6, inter2=None, interaction=60)),
        (dict(event_type="Protests", sub_event_type="Excessive force against protesters", actor1="Police Forces of Iraq",
              actor2="Protesters (Iraq)", country="Iraq"),
         dict(disorder_type="Political violence; Demonstrations", inter1=1, inter2=6, interaction=16)),
        # A militia the tables cannot place (political or identity?) leaves its code and the pair empty.
        (dict(event_type="Riots", sub_event_type="Mob violence", actor1="PMF: Popular Mobilization Forces",
              actor2="Civilians (Iraq)", country="Iraq"),
         dict(disorder_type="Political violence", inter1=None, inter2=7, interaction=None)),
        # A country ACLED's region of which dateline does not know for sure: no region, the iso still.
        (dict(event_type="Strategic developments", sub_event_type="Other", actor1=None, actor2=None, country="Angola"),
         dict(disorder_type="Strategic developments", inter1=None, region=None, iso=24)),
    ],
)
def test_acled_codes_follow_the_codebook(event, expected):
    got = acled_columns(event)
    assert {k: got[k] for k in expected} == expected


def test_events_csv_from_the_command_line_has_the_same_header(tmp_path):
    src = tmp_path / "news.txt"
    src.write_text("TARN (Reuters) - Gunmen killed two villagers in Tarn on Friday, police said.\n")
    out = tmp_path / "events.csv"
    assert main(["extract", str(src), "-f", "events-csv", "--published", "2021-06-14", "-o", str(out), "--workers", "1", "-q"]) == 0
    with open(out, newline="", encoding="utf-8") as fh:
        assert next(csv.reader(fh)) == ACLED_EXPORT + OURS


def test_associated_actors_fill_their_columns():
    from dateline.events.export import COLUMNS, event_row

    ev = {"event_date": "2024-03-04", "event_type": "Battles", "sub_event_type": "Government regains territory",
          "actor1": "Military Forces of Iraq", "assoc_actor_1": "Military Forces of the United States",
          "actor2": "Islamic State (Iraq)", "country": "Iraq", "evidence": {"start": 0, "end": 5, "text": "Iraqi"}}
    row = dict(zip(COLUMNS, event_row(ev, "a1")))
    assert row["assoc_actor_1"] == "Military Forces of the United States"
    assert row["assoc_actor_2"] == ""
