"""The HTTP API: every filter against an independent reading of the records, cursor
pages, formats, write protection, limits, malformed input, the OpenAPI document."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
import time
import warnings
from pathlib import Path

import httpx
import pytest

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from dateline.serve import create_app
from dateline.store import Store
from eventdata import build_records, write_dump
from test_csv import ACLED_EXPORT, OURS

TOKEN = "correct-horse-battery"
LOCAL = "http://127.0.0.1:8000"  # the Host a browser on this machine sends


@pytest.fixture(scope="module")
def records():
    return build_records(40, seed=11)


@pytest.fixture(scope="module")
def all_events(records):
    """(article id, evidence start) -> event, with the article, read straight from the records."""
    out = {}
    for rec in records:
        for ev in rec["events"]:
            out[(rec["id"], ev["evidence"]["start"])] = {**ev, "article_id": rec["id"]}
    return out


@pytest.fixture(scope="module")
def db(tmp_path_factory, records):
    path = tmp_path_factory.mktemp("api") / "api.db"
    with Store(path) as store:
        store.add_records(records)
        store.assign_stories()
    return path


@pytest.fixture(scope="module")
def client(db):
    return TestClient(create_app(db, language=False), base_url=LOCAL)


def keys(events):
    return {(e["article_id"], e["evidence"]["start"]) for e in events}


def fetch_all(client, params, limit=1000):
    r = client.get("/api/events", params={**params, "limit": limit})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["next_cursor"] is None
    assert body["total"] == len(body["events"])
    return body["events"]


def expect(all_events, pred):
    return {k for k, ev in all_events.items() if pred(ev)}


FILTERS = [
    ({"event_type": "Battles"}, lambda ev: ev["event_type"] == "Battles"),
    ({"event_type": ["Riots", "Protests"]}, lambda ev: ev["event_type"] in ("Riots", "Protests")),
    ({"sub_event_type": "Air/drone strike"}, lambda ev: ev["sub_event_type"] == "Air/drone strike"),
    ({"country": "iraq"}, lambda ev: ev["country"] == "Iraq"),
    ({"admin1": "Deir-ez-Zor"}, lambda ev: ev.get("admin1") == "Deir-ez-Zor"),
    ({"attribution": "claimed"}, lambda ev: ev["attribution"] == "claimed"),
    ({"attribution": ["alleged", "claimed"]}, lambda ev: ev["attribution"] in ("alleged", "claimed")),
    ({"min_confidence": 0.8}, lambda ev: ev["confidence"] >= 0.8),
    ({"min_fatalities": 20}, lambda ev: (ev["fatalities"] or 0) >= 20 and ev["fatalities"] is not None),
    ({"date_from": "2018-03-01"}, lambda ev: ev["event_date"] >= "2018-03-01"),
    ({"date_to": "2017-09"}, lambda ev: ev["event_date"] <= "2017-09-30"),
    ({"date_from": "2018", "date_to": "2018"}, lambda ev: ev["event_date"].startswith("2018")),
    ({"bbox": "42,33,45,37"}, lambda ev: ev["longitude"] is not None and 42 <= ev["longitude"] <= 45 and 33 <= ev["latitude"] <= 37),
    ({"actor": "Islamic State"}, lambda ev: any("Islamic State" in (a or "") for a in (ev["actor1"], ev["actor2"]))),
    ({"actor": "Military Forces of Iraq"}, lambda ev: "Military Forces of Iraq" in (ev["actor1"], ev["actor2"])),
    # an alias the articles used, resolved through their entities
    ({"actor": "SDF"}, lambda ev: "QSD: Syrian Democratic Forces" in (ev["actor1"], ev["actor2"])),
    ({"q": "farmers"}, lambda ev: "farmers" in ev["evidence"]["text"]),
    ({"q": '"provincial council"'}, lambda ev: "provincial council" in ev["evidence"]["text"]),
    ({"article": "test000000000003"}, lambda ev: ev["article_id"] == "test000000000003"),
    (
        {"event_type": "Explosions/Remote violence", "country": "Syria", "date_from": "2018-01-01"},
        lambda ev: ev["event_type"] == "Explosions/Remote violence" and ev["country"] == "Syria" and ev["event_date"] >= "2018-01-01",
    ),
]


@pytest.mark.parametrize("params, pred", FILTERS, ids=[json.dumps(p) for p, _ in FILTERS])
def test_each_filter_returns_exactly_the_matching_events(client, all_events, params, pred):
    want = expect(all_events, pred)
    assert want, "the test data should hold matching events"
    assert want != set(all_events), "the filter should leave something out"
    assert keys(fetch_all(client, params)) == want


def test_filters_also_drive_stats(client, all_events):
    stats = client.get("/api/stats", params={"country": "Syria"}).json()
    syria = [ev for ev in all_events.values() if ev["country"] == "Syria"]
    assert stats["events"] == len(syria)
    assert sum(r["events"] for r in stats["by_type"]) == len(syria)
    assert sum(r["events"] for r in stats["by_period"]) == len(syria)
    by_month = {}
    for ev in syria:
        by_month[ev["event_date"][:7] + "-01"] = by_month.get(ev["event_date"][:7] + "-01", 0) + 1
    got = {}
    for r in stats["by_period"]:
        got[r["period"]] = got.get(r["period"], 0) + r["events"]
    assert got == by_month
    weeks = client.get("/api/stats", params={"country": "Syria", "interval": "week"}).json()["by_period"]
    assert all(time.strptime(r["period"], "%Y-%m-%d").tm_wday == 0 for r in weeks)  # Mondays
    assert stats["fatalities"] == sum(ev["fatalities"] or 0 for ev in syria)


@pytest.mark.parametrize("sort", ["-date", "date", "-fatalities", "type", "location", "-confidence", "actor1"])
def test_cursor_pages_cover_every_event_once_in_order(client, all_events, sort):
    seen, cursor, pages = [], None, 0
    while True:
        params = {"limit": 7, "sort": sort}
        if cursor:
            params["cursor"] = cursor
        body = client.get("/api/events", params=params).json()
        seen.extend(body["events"])
        pages += 1
        cursor = body["next_cursor"]
        if not cursor:
            break
    assert pages == -(-len(all_events) // 7)
    assert len(seen) == len(all_events) and keys(seen) == set(all_events)
    field = {"date": "event_date", "type": "event_type"}.get(sort.lstrip("-"), sort.lstrip("-"))
    values = [(e[field] if e[field] is not None else (-1 if field in ("fatalities", "confidence") else "")) for e in seen]
    assert values == sorted(values, reverse=sort.startswith("-"))


def test_cursor_for_another_sort_or_forged_is_refused(client):
    first = client.get("/api/events", params={"limit": 5, "sort": "-date"}).json()
    r = client.get("/api/events", params={"limit": 5, "sort": "date", "cursor": first["next_cursor"]})
    assert r.status_code == 422 and "sort" in r.json()["detail"]
    r = client.get("/api/events", params={"cursor": "eyJub3QiOiAiYSBjdXJzb3IifQ"})
    assert r.status_code == 422 and "cursor" in r.json()["detail"]


def test_csv_is_in_acled_column_order_and_matches_json(client, all_events):
    r = client.get("/api/events", params={"format": "csv", "event_type": "Battles"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    assert "attachment" in r.headers["content-disposition"]
    rows = list(csv.reader(io.StringIO(r.text)))
    assert rows[0] == ACLED_EXPORT + OURS
    js = fetch_all(client, {"event_type": "Battles"})
    assert len(rows) - 1 == len(js)
    col = {c: i for i, c in enumerate(rows[0])}
    for row, ev in zip(rows[1:], js):
        assert row[col["article_id"]] == ev["article_id"] == row[col["corroboration"]]
        assert row[col["event_date"]] == ev["event_date"] and row[col["year"]] == ev["event_date"][:4]
        assert row[col["actor1"]] == (ev["actor1"] or "")
        assert row[col["fatalities"]] == ("" if ev["fatalities"] is None else str(ev["fatalities"]))
        assert row[col["evidence"]] == ev["evidence"]["text"]
        assert float(row[col["latitude"]]) == ev["latitude"]
    assert len({row[col["event_id"]] for row in rows[1:]}) == len(rows) - 1  # stable ids, one per event


def test_geojson_points_for_events_with_coordinates(client, all_events):
    r = client.get("/api/events", params={"format": "geojson"})
    assert r.headers["content-type"].startswith("application/geo+json")
    fc = r.json()
    assert fc["type"] == "FeatureCollection"
    placed = [ev for ev in all_events.values() if ev["latitude"] is not None]
    assert len(placed) < len(all_events)  # the test data holds an event with no place
    assert len(fc["features"]) == len(placed)
    for f in fc["features"]:
        assert f["geometry"]["type"] == "Point"
        lon, lat = f["geometry"]["coordinates"]
        ev = all_events[(f["properties"]["article_id"], f["properties"]["evidence"]["start"])]
        assert (lat, lon) == (ev["latitude"], ev["longitude"])


def test_jsonl_export_and_its_page_limit(client, all_events):
    r = client.get("/api/events", params={"format": "jsonl", "limit": 10, "sort": "date"})
    lines = [json.loads(l) for l in r.text.splitlines()]
    assert len(lines) == 10
    nxt = r.headers["x-next-cursor"]
    rest = client.get("/api/events", params={"format": "jsonl", "sort": "date", "cursor": nxt}).text.splitlines()
    assert len(lines) + len(rest) == len(all_events)
    assert "x-next-cursor" not in client.get("/api/events", params={"format": "jsonl"}).headers


def test_page_size_limits(client):
    assert client.get("/api/events", params={"limit": 1001}).status_code == 422
    assert client.get("/api/events", params={"limit": 1001, "format": "csv"}).status_code == 200
    r = client.get("/api/events", params={"limit": 100_001, "format": "csv"})
    assert r.status_code == 422 and "limit" in r.json()["detail"]
    assert client.get("/api/articles", params={"limit": 5000}).status_code == 422


@pytest.mark.parametrize(
    "params, needle",
    [
        ({"date_from": "2017-13-01"}, "date_from"),
        ({"date_to": "yesterday"}, "date_to"),
        ({"bbox": "1,2,3"}, "bbox"),
        ({"bbox": "10,50,20,40"}, "bbox"),
        ({"min_confidence": "high"}, "min_confidence"),
        ({"min_confidence": 2}, "min_confidence"),
        ({"sort": "evidence"}, "sort"),
        ({"format": "xlsx"}, "format"),
        ({"q": "***"}, "words"),
        ({"limit": 0}, "limit"),
    ],
)
def test_malformed_queries_are_422_with_a_message(client, params, needle):
    r = client.get("/api/events", params=params)
    assert r.status_code == 422
    assert needle in r.json()["detail"]


def test_injection_attempts_are_just_values(client, db, all_events):
    for value in ["x' OR '1'='1", "Battles); DROP TABLE events; --", "%", "_"]:
        for param in ("actor", "event_type", "country", "article"):
            body = client.get("/api/events", params={param: value}).json()
            assert body["total"] == 0, (param, value)
    assert client.get("/api/actors", params={"q": "%"}).json()["actors"] == []
    assert fetch_all(client, {})  # all still there
    assert len(fetch_all(client, {})) == len(all_events)


def test_articles_listing_record_and_search(client, records):
    listing = client.get("/api/articles", params={"limit": 15}).json()
    assert listing["total"] == len(records) and len(listing["articles"]) == 15
    rest = client.get("/api/articles", params={"limit": 100, "cursor": listing["next_cursor"]}).json()
    assert [a["id"] for a in listing["articles"] + rest["articles"]] == [r["id"] for r in records]
    rec = records[5]
    got = client.get(f"/api/articles/{rec['id']}").json()
    assert got["body"] == rec["body"] and got["quotes"] == rec["quotes"] and got["places"] == rec["places"]
    for ev, want in zip(got["events"], rec["events"]):
        assert {k: v for k, v in ev.items() if k != "event_id"} == want
        assert got["body"][ev["evidence"]["start"] : ev["evidence"]["end"]] == ev["evidence"]["text"]
        assert client.get("/api/events", params={"article": rec["id"]}).json()["total"] == len(rec["events"])
    assert client.get("/api/articles/nosuchid").status_code == 404
    assert client.get("/api/articles/bad%20id%3B").status_code == 422

    speaker = rec["quotes"][0]["speaker"]
    found = client.get("/api/search", params={"q": speaker, "limit": 100}).json()
    want = {r["id"] for r in records if speaker in r["body"]}
    assert {a["id"] for a in found["articles"]} == want
    assert all("\u00ab" in a["snippet"] for a in found["articles"])
    ev_hits = client.get("/api/search", params={"q": "suicide bomber"}).json()["events"]
    assert ev_hits and all("suicide bomber" in h["snippet"].replace("\u00ab", "").replace("\u00bb", "") for h in ev_hits)
    tal_afar = client.get("/api/articles", params={"q": "Tal Afar", "limit": 100}).json()["articles"]
    assert {a["id"] for a in tal_afar} == {r["id"] for r in records if "Tal Afar" in r["body"]} != set()
    # FTS5 operators in user text are plain words: OR is required as a word, not a union.
    assert client.get("/api/articles", params={"q": "Tal OR Afar"}).json()["articles"] == []


def test_actors_with_counts_and_aliases(client, all_events):
    actors = {a["actor"]: a for a in client.get("/api/actors", params={"limit": 1000}).json()["actors"]}
    for name, a in actors.items():
        want = sum(1 for ev in all_events.values() if name in (ev["actor1"], ev["actor2"]))
        assert a["events"] == want, name
    assert "SDF" in actors["QSD: Syrian Democratic Forces"]["aliases"]
    assert set(client.get("/api/actors", params={"q": "coalition"}).json()["actors"][0]["aliases"]) >= {"U.S.-led coalition"}


def test_openapi_document_lists_every_endpoint_and_filter(client):
    doc = client.get("/openapi.json").json()
    paths = doc["paths"]
    for path, method in [
        ("/api/events", "get"),
        ("/api/stats", "get"),
        ("/api/actors", "get"),
        ("/api/articles", "get"),
        ("/api/articles", "post"),
        ("/api/articles/{article_id}", "get"),
        ("/api/search", "get"),
    ]:
        assert method in paths[path], (path, method)
    params = {p["name"] for p in paths["/api/events"]["get"]["parameters"]}
    assert params >= {
        "date_from", "date_to", "event_type", "sub_event_type", "actor", "country", "admin1", "bbox",
        "attribution", "min_confidence", "q", "sort", "cursor", "limit", "format",
    }
    fmt = next(p for p in paths["/api/events"]["get"]["parameters"] if p["name"] == "format")
    assert set(fmt["schema"]["enum"]) == {"json", "csv", "geojson", "jsonl"}
    post = paths["/api/articles"]["post"]
    assert {"202", "401", "403", "413", "422", "503"} <= set(post["responses"])
    assert "get" in paths["/api/jobs/{job_id}"]
    assert "text/plain" in post["requestBody"]["content"]


def test_no_request_path_reaches_the_file_system(client):
    assert client.get("/").status_code == 200
    assert client.get("/static/js/main.js").headers["content-type"].startswith("text/javascript")
    for path in ["/static/../app.py", "/static/..%2fapp.py", "/static/%2e%2e/%2e%2e/pyproject.toml", "/static//etc/passwd", "/static/js/../../app.py"]:
        r = client.get(path)
        assert r.status_code == 404, path
        assert b"create_app" not in r.content and b"root:" not in r.content


def test_dashboard_page_allows_this_server_only(client):
    csp = client.get("/").headers["content-security-policy"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp
    html = client.get("/").text
    for src in re.findall(r'(?:src|href)="([^"]+)"', html):
        assert src.startswith("/static/"), src
        assert client.get(src).status_code == 200, src


# -- writing -------------------------------------------------------------------------

ARTICLE = (
    "Mortar fire hits Tarn market\n\n"
    "TARN (Test Wire) – Mortar rounds landed in the main market of Tarn on Tuesday, killing four traders, a medic said.\n\n"
    "(Reporting by Test Desk; Editing by Night Editor)\n"
)


@pytest.fixture
def writable(tmp_path):
    path = tmp_path / "w.db"
    with TestClient(create_app(path, write_token=TOKEN, language=False, max_body_bytes=2_000), base_url=LOCAL) as client:
        yield client, path  # leaving stops the app's write worker


def test_writes_are_off_without_a_server_token(client):
    r = client.post("/api/articles", content=ARTICLE, headers={"Authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 403 and "disabled" in r.json()["detail"]


def finished(client, answer, timeout: float = 60.0) -> dict:
    """The job a write answered with (202), polled until the worker has run it."""
    assert answer.status_code == 202, answer.text
    url = answer.json()["url"]
    assert answer.headers["location"] == url
    deadline = time.monotonic() + timeout
    while True:
        job = client.get(url).json()
        if job["state"] in ("done", "failed"):
            return job
        assert time.monotonic() < deadline, job
        time.sleep(0.05)


def test_writes_need_the_right_bearer_token(writable):
    c, path = writable
    assert c.post("/api/articles", content=ARTICLE).status_code == 403
    for header in ("Bearer wrong", f"Basic {TOKEN}", f"Bearer {TOKEN}x", "Bearer"):
        r = c.post("/api/articles", content=ARTICLE, headers={"Authorization": header})
        assert r.status_code == 401, header
        assert r.headers["www-authenticate"] == "Bearer"
    with Store(path) as store:
        assert store.counts()["articles"] == 0
    r = c.post("/api/articles", content=ARTICLE, headers={"Authorization": f"Bearer {TOKEN}"})
    assert r.json()["state"] == "queued" and r.json()["articles"] == 1
    job = finished(c, r)
    assert job["state"] == "done" and job["result"]["added"] == 1 and job["error"] is None
    assert job["submitted"] <= job["started"] <= job["finished"]
    art = c.get(f"/api/articles/{job['result']['ids'][0]}").json()
    assert art["title"] == "Mortar fire hits Tarn market" and art["body"].startswith("TARN (Test Wire)")
    again = finished(c, c.post("/api/articles", content=ARTICLE, headers={"Authorization": f"Bearer {TOKEN}"}))
    assert again["result"] == {**again["result"], "added": 0, "skipped": 1}


def test_jsonl_bodies_are_ingested(writable):
    c, _ = writable
    lines = [
        json.dumps({"id": "j1", "title": "One", "text": "HAJIN (Test Wire) – A car bomb exploded in Hajin on Friday.", "published": "2018-11-02"}),
        json.dumps({"id": "j2", "title": "Two", "text": "RAQQA (Test Wire) – Fighters cleared mines from a school in Raqqa on Sunday."}),
    ]
    r = c.post("/api/articles", content="\n".join(lines) + "\n", headers={"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/x-ndjson"})
    assert sorted(finished(c, r)["result"]["ids"]) == ["j1", "j2"]
    assert c.get("/api/articles/j1").json()["published"]["date"] == "2018-11-02"


def test_oversize_body_is_413(writable):
    c, _ = writable
    auth = {"Authorization": f"Bearer {TOKEN}"}
    assert c.post("/api/articles", content="x" * 2_001, headers=auth).status_code == 413

    def chunks():  # no Content-Length: counted while reading
        for _ in range(5):
            yield b"y" * 1_000

    r = c.post("/api/articles", content=chunks(), headers=auth)
    assert r.status_code == 413


@pytest.mark.parametrize(
    "body, needle",
    [
        (b"", "empty"),
        (b"   \n\n  ", "empty"),
        (b"\xff\xfe\x00bad", "UTF-8"),
        (b'{"id": "x", "text": "ok"\n', "not JSON"),
        (b'{"id": "x", "title": "no text"}\n', "text"),
        (b"plain\x00text", "NUL"),
    ],
)
def test_malformed_bodies_are_422_with_a_message(writable, body, needle):
    c, _ = writable
    r = c.post("/api/articles", content=body, headers={"Authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 422, r.text
    assert needle in r.json()["detail"]


# -- the command ---------------------------------------------------------------------


def test_serve_command_starts_the_app_and_prints_its_url(tmp_path):
    corpus = tmp_path / "c.txt"
    write_dump(corpus, 3)
    db = tmp_path / "served.db"
    from dateline.cli import main

    assert main(["ingest", str(corpus), "--db", str(db), "--no-language", "--workers", "1", "-q"]) == 0
    env = {**os.environ, "DATELINE_WRITE_TOKEN": TOKEN}
    proc = subprocess.Popen(
        [str(Path(sys.executable).with_name("dateline")), "serve", "--db", str(db), "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        line = proc.stdout.readline()
        m = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
        assert m, line + proc.stderr.read() if proc.poll() is not None else line
        url = m.group(0)
        for _ in range(100):
            try:
                r = httpx.get(url + "api/articles", timeout=2)
                break
            except httpx.TransportError:
                time.sleep(0.1)
        assert r.json()["total"] == 3
        assert "writes (POST /api/articles): on" in proc.stdout.readline()
        # the token from the environment guards writes
        assert httpx.post(url + "api/articles", content=ARTICLE, headers={"Authorization": "Bearer nope"}).status_code == 401
        # a page whose domain an attacker points at 127.0.0.1 is refused (DNS rebinding)
        assert httpx.get(url + "api/articles", headers={"Host": "attacker.example"}).status_code == 400
        head = httpx.head(url + "api/articles")
        assert head.status_code == 200 and head.content == b"" and head.headers["x-content-type-options"] == "nosniff"
    finally:
        proc.terminate()
        proc.wait(timeout=10)
