"""The map's endpoints: clusters per grid cell of a view (counted along the map index),
the extent of a filter, and an event's corroborating reports; and the tiles they rest on.

Every count is checked against an independent reading: the records themselves, or
/api/events with the cell's bounds as bbox.
"""

from __future__ import annotations

import random
import sqlite3
import warnings
from collections import Counter

import pytest

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from dateline.serve import create_app
from dateline.serve.dashboard import level_for
from dateline.store import Store, tiles
from eventdata import build_records

WORLD = "-180,-90,180,90"
LOCAL = "http://127.0.0.1:8000"  # the Host a browser on this machine sends


@pytest.fixture(scope="module")
def records():
    recs = build_records(50, seed=23)
    # Spread the events a little, so that cells at a fine zoom split them, and put a
    # few across the antimeridian and near the poles.
    rng = random.Random(3)
    far = [(-16.5, 179.7), (-17.2, -179.6), (64.8, -147.7), (-77.8, 166.7)]
    for i, rec in enumerate(recs):
        for ev in rec["events"]:
            if ev["latitude"] is None:
                continue
            if i < len(far):
                ev["latitude"], ev["longitude"] = far[i]
            else:
                ev["latitude"] = round(ev["latitude"] + rng.uniform(-0.4, 0.4), 4)
                ev["longitude"] = round(ev["longitude"] + rng.uniform(-0.4, 0.4), 4)
    return recs


@pytest.fixture(scope="module")
def located(records):
    return [{**ev, "article_id": r["id"]} for r in records for ev in r["events"] if ev["latitude"] is not None]


@pytest.fixture(scope="module")
def db(tmp_path_factory, records):
    path = tmp_path_factory.mktemp("map") / "map.db"
    with Store(path) as store:
        store.add_records(records)
        store.assign_stories()
    return path


@pytest.fixture(scope="module")
def client(db):
    return TestClient(create_app(db, language=False), base_url=LOCAL)


def in_box(ev, box) -> bool:
    west, south, east, north = box
    lon_ok = west <= ev["longitude"] <= east if west <= east else (ev["longitude"] >= west or ev["longitude"] <= east)
    return south <= ev["latitude"] <= north and lon_ok


# -- tiles ----------------------------------------------------------------------------


def test_the_sql_tile_is_the_python_tile(tmp_path):
    rng = random.Random(9)
    points = [(rng.uniform(-90, 90), rng.uniform(-180, 180)) for _ in range(2000)]
    points += [(-90.0, -180.0), (90.0, 180.0), (0.0, 0.0), (35.9528, 39.0079), (-0.0001, -0.0001)]
    conn = sqlite3.connect(":memory:")
    got = [conn.execute(f"SELECT {tiles.tile_sql(repr(lat), repr(lon))}").fetchone()[0] for lat, lon in points]
    assert got == [tiles.tile_of(lat, lon) for lat, lon in points]


@pytest.mark.parametrize("level", [0, 1, 3, 7, 12, 16])
def test_a_cell_is_exactly_the_run_of_codes_of_its_points(level):
    rng = random.Random(level)
    for _ in range(500):
        lat, lon = rng.uniform(-90, 90), rng.uniform(-180, 180)
        x, y = tiles.column_row(lat, lon, level)
        first, end = tiles.cell_codes(x, y, level)
        assert first <= tiles.tile_of(lat, lon) < end
        west, south, east, north = tiles.cell_bounds(x, y, level)
        assert west <= lon <= east and south <= lat <= north
    # cells of one level never share a code
    cells = {tiles.cell_codes(x, y, 2) for x in range(4) for y in range(2)}
    spans = sorted(cells)
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:]))


def test_cells_covering_a_view_across_the_antimeridian():
    cells = tiles.cells_covering((170.0, -20.0, -170.0, -10.0), 6)
    columns = {x for x, _ in cells}
    assert columns == set(range(tiles.column_row(0, 170.0, 6)[0], 64)) | set(range(0, tiles.column_row(0, -170.0, 6)[0] + 1))
    assert len(cells) <= tiles.cells_across((170.0, -20.0, -170.0, -10.0), 6)


def test_the_store_keeps_each_events_tile(db, located):
    conn = sqlite3.connect(db)
    rows = conn.execute("SELECT latitude, longitude, map_tile FROM events").fetchall()
    assert len([r for r in rows if r[2] is not None]) == len(located)
    for lat, lon, tile in rows:
        assert tile == (None if lat is None else tiles.tile_of(lat, lon))
    # moving an event moves its tile; losing the coordinates loses it
    conn.execute("UPDATE events SET latitude = 10.5, longitude = -20.25 WHERE id = (SELECT min(id) FROM events WHERE latitude IS NOT NULL)")
    assert conn.execute("SELECT map_tile FROM events WHERE latitude = 10.5").fetchone()[0] == tiles.tile_of(10.5, -20.25)
    conn.rollback()
    conn.close()


# -- /api/map -------------------------------------------------------------------------


VIEWS = {2: (-180, -90, 180, 90), 5: (30, 28, 50, 42), 9: (37.5, 34.0, 41.5, 37.0), 14: None}  # 14: around an event


@pytest.mark.parametrize("zoom", sorted(VIEWS))
def test_clusters_count_every_located_event_once_with_its_types(client, located, zoom):
    box = VIEWS[zoom]
    if box is None:
        some = located[len(located) // 2]
        box = (some["longitude"] - 0.06, some["latitude"] - 0.05, some["longitude"] + 0.06, some["latitude"] + 0.05)
    data = client.get("/api/map", params={"view": ",".join(map(str, box)), "zoom": zoom}).json()
    level = level_for(zoom)
    cell_of = lambda ev: tiles.column_row(ev["latitude"], ev["longitude"], level)  # noqa: E731
    # every event in the view is counted, in the cell that holds it; cells are counted whole
    inside = [ev for ev in located if in_box(ev, box)]
    touched = {cell_of(ev) for ev in inside}
    want = [ev for ev in located if cell_of(ev) in touched]
    assert inside
    assert data["events"] == sum(c["count"] for c in data["clusters"]) == len(want)
    assert {tuple(c["cell"]) for c in data["clusters"]} == touched
    for c in data["clusters"]:
        members = [ev for ev in want if cell_of(ev) == tuple(c["cell"])]
        assert c["count"] == len(members)
        assert c["types"] == dict(Counter(ev["event_type"] for ev in members))
        assert c["type"] == max(sorted(c["types"]), key=c["types"].get)
        if c["count"] == 1:
            assert c["fatalities"] == members[0]["fatalities"]
        else:
            assert c["fatalities"] is None
        assert c["lat"] == pytest.approx(sum(ev["latitude"] for ev in members) / len(members), abs=1e-5)
        west, south, east, north = c["bounds"]
        assert all(west <= ev["longitude"] < east and south <= ev["latitude"] < north for ev in members)
        assert (c["event"] is not None) == (c["count"] == 1)


def test_a_finer_zoom_splits_what_a_coarser_one_gathers(client):
    view = ",".join(map(str, VIEWS[9]))
    coarse = client.get("/api/map", params={"view": view, "zoom": 5}).json()
    fine = client.get("/api/map", params={"view": view, "zoom": 9}).json()
    assert len(fine["clusters"]) > len(coarse["clusters"])
    assert max(c["count"] for c in fine["clusters"]) < max(c["count"] for c in coarse["clusters"])


def test_a_cells_events_are_the_events_api_with_its_bounds(client):
    data = client.get("/api/map", params={"view": "35,30,47,40", "zoom": 7, "event_type": "Battles"}).json()
    assert data["clusters"]
    for c in data["clusters"]:
        west, south, east, north = c["bounds"]
        listed = client.get("/api/events", params={"bbox": f"{west},{south},{east - 1e-9},{north - 1e-9}", "event_type": "Battles", "limit": 1000}).json()
        assert listed["total"] == c["count"]
        assert {e["event_type"] for e in listed["events"]} == {"Battles"}
        if c["event"] is not None:
            assert [e["id"] for e in listed["events"]] == [c["event"]]


@pytest.mark.parametrize(
    "params",
    [
        {"country": "Iraq"},
        {"date_from": "2017-06-01", "date_to": "2018-03-31"},
        {"min_fatalities": 10},
        {"actor": "SDF"},
        {"q": "checkpoint"},
        {"attribution": "alleged", "min_confidence": 0.5},
        {"bbox": "38,34,41,37"},
    ],
)
def test_filters_narrow_the_clusters_as_they_narrow_the_events(client, params):
    data = client.get("/api/map", params={"view": WORLD, "zoom": 3, **params}).json()
    total = client.get("/api/events", params={**params, "limit": 1}).json()["total"]
    placed = len(client.get("/api/events", params={**params, "format": "geojson"}).json()["features"])
    assert 0 < data["events"] == placed <= total
    extent = client.get("/api/map/extent", params=params).json()
    assert extent["located"] == placed


def test_clusters_across_the_antimeridian(client, located):
    across = [ev for ev in located if abs(ev["longitude"]) > 170]
    assert len({ev["longitude"] > 0 for ev in across}) == 2  # both sides hold events
    data = client.get("/api/map", params={"view": "170,-30,-170,0", "zoom": 5}).json()
    assert data["events"] == len([ev for ev in across if -30 <= ev["latitude"] <= 0])
    assert {c["lon"] > 0 for c in data["clusters"]} == {True, False}


def test_extent_is_the_box_around_the_located_events(client, located):
    extent = client.get("/api/map/extent", params={"country": "Syria"}).json()
    syria = [ev for ev in located if ev["country"] == "Syria"]
    assert extent["located"] == len(syria)
    assert extent["bounds"] == [
        min(ev["longitude"] for ev in syria),
        min(ev["latitude"] for ev in syria),
        max(ev["longitude"] for ev in syria),
        max(ev["latitude"] for ev in syria),
    ]
    assert client.get("/api/map/extent", params={"country": "Atlantis"}).json() == {"located": 0, "bounds": None}


@pytest.mark.parametrize(
    "params, needle",
    [
        ({"view": WORLD, "zoom": 19}, "zoom"),
        ({"view": WORLD, "zoom": -1}, "zoom"),
        ({"view": "1,2,3", "zoom": 3}, "bbox"),
        ({"view": "0,50,10,40", "zoom": 3}, "south <= north"),
        ({"view": WORLD, "zoom": 12}, "too large"),
        ({"view": WORLD, "zoom": 3, "min_confidence": 2}, "min_confidence"),
    ],
)
def test_bad_map_requests_are_422_with_a_message(client, params, needle):
    r = client.get("/api/map", params=params)
    assert r.status_code == 422 and needle in r.json()["detail"], r.text


def test_the_answer_does_not_grow_with_the_events(tmp_path, records):
    """Ten times the events in the same places: the same cells come back, only counted higher."""
    small = tmp_path / "small.db"
    large = tmp_path / "large.db"
    with Store(small) as store:
        store.add_records(records)
    with Store(large) as store:
        for k in range(10):
            store.add_records([{**r, "id": f"{r['id']}-{k}", "story": f"{r['story']}-{k}"} for r in records])
    params = {"view": WORLD, "zoom": 3}
    a = TestClient(create_app(small, language=False), base_url=LOCAL).get("/api/map", params=params)
    b = TestClient(create_app(large, language=False), base_url=LOCAL).get("/api/map", params=params)
    assert [c["cell"] for c in a.json()["clusters"]] == [c["cell"] for c in b.json()["clusters"]]
    assert [10 * c["count"] for c in a.json()["clusters"]] == [c["count"] for c in b.json()["clusters"]]
    assert len(b.content) < 1.2 * len(a.content)


# -- corroboration --------------------------------------------------------------------


def test_corroboration_finds_other_articles_reporting_the_same_event(tmp_path, records):
    base = next(r for r in records if r["events"] and r["events"][0]["latitude"] is not None and r["events"][0]["event_date"])
    ev = base["events"][0]
    # Another agency's report of the same event: same type, place and day, its own words.
    other = {**base, "id": "other-agency-report", "story": "other-agency-report", "title": "Another report", "quotes": [], "quantities": [], "places": [], "entities": []}
    other["events"] = [{**ev, "latitude": ev["latitude"] + 0.05, "fatalities": (ev["fatalities"] or 0) + 2}]
    # And one of the same kind a hundred kilometres away: a different event.
    far = {**other, "id": "far-away-report", "story": "far-away-report"}
    far["events"] = [{**ev, "latitude": ev["latitude"] + 1.0}]
    db = tmp_path / "c.db"
    with Store(db) as store:
        store.add_records([base, other, far])
    client = TestClient(create_app(db, language=False), base_url=LOCAL)
    first = client.get("/api/events", params={"article": base["id"], "sort": "date", "limit": 100}).json()["events"]
    event_id = next(e["id"] for e in first if e["evidence"]["start"] == ev["evidence"]["start"])
    data = client.get(f"/api/events/{event_id}/corroboration").json()
    assert data["event"]["id"] == event_id
    assert [r["article_id"] for r in data["reports"]] == ["other-agency-report"]
    assert data["reports"][0]["same_story"] is False
    assert client.get("/api/events/999999/corroboration").status_code == 404
    assert client.get("/api/events/0/corroboration").status_code == 422
    assert client.get(f"/api/events/{2**70}/corroboration").status_code == 422


def test_facets_offer_admin1(client, located):
    assert set(client.get("/api/facets").json()["admin1"]) == {ev["admin1"] for ev in located if ev["admin1"]}


def test_without_a_view_the_map_is_the_world_at_zoom_2(client, located):
    data = client.get("/api/map").json()
    assert data["zoom"] == 2 and data["events"] == len(located)
    assert data == client.get("/api/map", params={"view": WORLD, "zoom": 2}).json()


def test_a_kept_answer_is_dropped_when_the_store_changes(tmp_path, records):
    db = tmp_path / "changing.db"
    with Store(db) as store:
        store.add_records(records[:20])
    client = TestClient(create_app(db, language=False), base_url=LOCAL)
    params = {"view": WORLD, "zoom": 3}
    before = client.get("/api/map", params=params).json()
    assert client.get("/api/map", params=params).json() == before  # kept
    extent = client.get("/api/map/extent").json()
    with Store(db) as store:  # another writer, as `dateline ingest` would be
        store.add_records(records[20:])
    after = client.get("/api/map", params=params).json()
    located = sum(1 for r in records for ev in r["events"] if ev["latitude"] is not None)
    assert before["events"] < after["events"] == located
    assert client.get("/api/map/extent").json()["located"] == located > extent["located"]


def test_counts_and_filter_choices_are_kept_until_the_store_changes(tmp_path, records):
    db = tmp_path / "counted.db"
    with Store(db) as store:
        store.add_records(records[:10])
    client = TestClient(create_app(db, language=False), base_url=LOCAL)
    params = {"interval": "month", "top": 8}
    stats = client.get("/api/stats", params=params).json()
    assert client.get("/api/stats", params=dict(reversed(params.items()))).json() == stats  # one answer, kept
    countries = client.get("/api/facets").json()["country"]
    with Store(db) as store:
        store.add_records(records[10:])
    after = client.get("/api/stats", params=params).json()
    assert stats["events"] < after["events"] == sum(len(r["events"]) for r in records)
    assert sum(row["events"] for row in after["by_type"]) == after["events"]
    wider = client.get("/api/facets").json()["country"]
    assert set(countries) <= set(wider)
    assert set(wider) == {ev["country"] for r in records for ev in r["events"] if ev["country"]}


def test_the_counts_read_an_index_not_the_event_rows(db):
    conn = sqlite3.connect(db)
    plan = " ".join(str(row) for row in conn.execute(
        "EXPLAIN QUERY PLAN SELECT e.event_type, count(*), sum(e.fatalities) FROM events e"
        " WHERE e.event_date IS NULL GROUP BY e.event_type"))
    assert "COVERING INDEX events_period" in plan
