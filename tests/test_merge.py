"""One event, many reports: merging across articles, the corroboration list, the events CSV."""

import csv
import json

from dateline.cli import main
from test_csv import ACLED_EXPORT, OURS

VERSION_A = """Army retakes Kalaa from rebels

KALAA, Wadiland (Reuters) – Government forces recaptured the town of Kalaa from rebels on Friday, the army said.

Rebels shelled the nearby village of Dorum on Thursday, killing three civilians, residents said.

(Writing by Ana Reyes; Editing by Lee Chan)
"""

VERSION_B = """Wadiland army says it holds Kalaa

KALAA, Wadiland (Reuters) – Government forces recaptured the town of Kalaa from rebels on Friday, the army said, after a week of fighting.

Engineers were clearing mines from the streets of the town, a local official said.

(Writing by Ana Reyes; Editing by Lee Chan)
"""

OTHER = """Protest in the capital

DORU (Reuters) – Thousands of teachers marched in Doru on Saturday to demand unpaid salaries.

(Writing by Tom Okafor)
"""


def test_merged_events_carry_their_corroboration(tmp_path):
    src = tmp_path / "news.txt"
    src.write_text(VERSION_A + "\n" + VERSION_B + "\n" + OTHER)
    out = tmp_path / "merged.jsonl"
    assert main(["extract", str(src), "--merge", "--published", "2021-06-14", "-o", str(out), "--workers", "1", "-q"]) == 0
    records = [json.loads(line) for line in out.read_text().splitlines()]
    a, b, c = records
    captures = [
        ev for rec in (a, b) for ev in rec["events"] if ev["event_type"] == "Battles"
    ]
    assert len(captures) == 2, captures
    assert captures[0]["event_id"] == captures[1]["event_id"]
    assert sorted(captures[0]["corroboration"]) == sorted([a["id"], b["id"]])
    assert all(ev["corroboration"] == [c["id"]] for ev in c["events"])


def test_events_csv_has_acled_columns_and_one_row_per_merged_event(tmp_path):
    src = tmp_path / "news.txt"
    src.write_text(VERSION_A + "\n" + VERSION_B)
    out = tmp_path / "events.csv"
    assert main(["extract", str(src), "--merge", "-f", "events-csv", "--published", "2021-06-14", "-o", str(out),
                 "--workers", "1", "-q"]) == 0
    with open(out, newline="") as fh:
        reader = csv.DictReader(fh)
        rows = list(reader)
    assert reader.fieldnames == ACLED_EXPORT + OURS
    battles = [r for r in rows if r["event_type"] == "Battles"]
    assert len(battles) == 1 and battles[0]["corroboration"].count(";") == 1
    assert battles[0]["event_date"] == "2021-06-11" and battles[0]["year"] == "2021"
    assert battles[0]["evidence"].startswith("Government forces recaptured the town of Kalaa")
