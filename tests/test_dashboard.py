"""The dashboard in headless Chromium (Debian's package, driven by Playwright's Python
package) against a server this test starts on 127.0.0.1.

Skips when Chromium or Playwright is missing. Set DATELINE_UPDATE_SCREENSHOT=1 to
rewrite docs/dashboard.png from the screenshot test.
"""

from __future__ import annotations

import csv
import io
import json
import time
import os
from pathlib import Path

import httpx
import pytest

from eventdata import build_records
from livepage import CHROMIUM, FLAGS, ROOT, LiveServer, Watched, browser, hex_rgb, pixels, serve_records, web_mercator  # noqa: F401 (browser: a fixture; CHROMIUM, FLAGS: other tests import them from here)

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def records():
    return build_records(60, seed=5)


@pytest.fixture(scope="module")
def server(tmp_path_factory, records):
    yield from serve_records(tmp_path_factory, "dash", records)


@pytest.fixture
def page(browser, server):
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    watched = Watched(context.new_page(), server.url)
    yield watched
    context.close()


def table_types(page: Watched) -> set[str]:
    return set(page.page.eval_on_selector_all("#events-table tbody tr[data-type]", "rows => rows.map(r => r.dataset.type)"))


def test_loads_offline_with_no_failed_requests_and_maps_every_placed_event(page, server, records):
    page.open()
    assert page.problems == []
    assert page.requests and all(u.startswith(server.url) or u.startswith("data:") for u in page.requests), page.requests
    # basemap: Natural Earth countries drawn from the vendored TopoJSON
    assert int(page.data("#map", "countries")) > 150
    assert page.page.locator("#map canvas").count() == 1  # the outlines are drawn on a canvas
    # the map asked for its view's clusters, never for every event
    assert not [u for u in page.requests if "format=geojson" in u]
    assert [u for u in page.requests if "/api/map?" in u]
    placed = [ev for r in records for ev in r["events"] if ev["latitude"] is not None]
    features = server.api("/api/events", format="geojson").json()["features"]
    # fitted to the events, the view holds them all
    assert int(page.data("#map", "points")) == int(page.data("#map", "located")) == len(features) == len(placed)
    drawn = page.page.locator("#map .cluster-icon, #map path.event-point").count()
    assert drawn == int(page.data("#map", "markers"))
    assert 0 < drawn < len(placed)  # dense points are clustered
    counts = page.page.eval_on_selector_all("#map .cluster-icon", "cs => cs.map(c => Number(c.textContent))")
    assert counts and sum(counts) + page.page.locator("#map path.event-point").count() == len(placed)
    assert page.page.locator("#map .map-legend").is_visible()
    unplaced = sum(len(r["events"]) for r in records) - len(placed)
    assert page.page.inner_text("#map-note") == (f"Not on the map: {unplaced} event{'s' if unplaced != 1 else ''} without coordinates." if unplaced else "")
    total = sum(len(r["events"]) for r in records)
    assert int(page.data("#timeline", "events")) == total  # all test events are dated
    assert page.page.locator("#timeline rect.bar").count() > 0
    assert page.page.locator("#events-table tbody tr").count() == 25
    assert page.data("#events-table", "total") == str(total)
    assert page.page.inner_text("#summary").startswith(f"{total} events")


def test_type_filter_changes_map_timeline_and_table_and_lives_in_the_url(page, server):
    page.open()
    before_points = int(page.data("#map", "points"))
    before_bars = page.page.locator("#timeline rect.bar").count()
    page.after(lambda: page.page.check('#f-types input[value="Battles"]'), url_has="event_type=Battles")
    assert page.query()["event_type"] == ["Battles"]

    battles_geo = server.api("/api/events", format="geojson", event_type="Battles").json()["features"]
    battles_total = server.api("/api/events", event_type="Battles", limit=1).json()["total"]
    points = int(page.data("#map", "points"))
    assert points == len(battles_geo) < before_points
    assert set(json.loads(page.data("#map", "types"))) == {"Battles"}
    bar_types = set(page.page.eval_on_selector_all("#timeline rect.bar", "rs => rs.map(r => r.dataset.type)"))
    assert bar_types == {"Battles"} and page.page.locator("#timeline rect.bar").count() < before_bars
    assert int(page.data("#timeline", "events")) == battles_total
    assert table_types(page) == {"Battles"}
    assert page.data("#events-table", "total") == str(battles_total)
    assert page.page.get_attribute("#download-csv", "href").count("event_type=Battles") == 1

    # The URL alone restores the view.
    page.page.reload()
    page.ready()
    assert page.page.is_checked('#f-types input[value="Battles"]')
    assert int(page.data("#map", "points")) == points
    # Back returns to the unfiltered view.
    page.after(lambda: page.page.go_back(), url_lacks="event_type")
    assert int(page.data("#map", "points")) == before_points
    assert page.problems == []


def test_row_opens_the_reader_with_evidence_quotes_figures_and_places(page, server):
    page.open()
    first = server.api("/api/events", limit=1).json()["events"][0]
    page.page.click("#events-table tbody tr:first-child")
    page.page.wait_for_selector("#reader:not([hidden]) mark.evidence.current")
    record = server.api(f"/api/articles/{first['article_id']}").json()
    assert page.page.inner_text("#reader-title") == record["title"]
    marked = page.page.eval_on_selector_all("mark.evidence.current", "ms => ms.map(m => m.textContent).join('')")
    assert marked == first["evidence"]["text"]
    assert page.page.locator("#reader-body mark.evidence").count() >= len(record["events"])
    # body text is untouched apart from the speaker/claimant tags
    body_text = page.page.eval_on_selector("#reader-body", "b => { const c = b.cloneNode(true); c.querySelectorAll('.tag').forEach(t => t.remove()); return c.textContent; }")
    assert body_text == record["body"]
    quote = record["quotes"][0]
    assert page.page.inner_text("#reader-body .quote") == quote["text"]
    assert quote["speaker"] in page.page.eval_on_selector_all("#reader-body .tag.speaker", "ts => ts.map(t => t.textContent)")
    figures = page.page.eval_on_selector_all("#reader-body .figure", "fs => fs.map(f => f.textContent)")
    assert figures == [record["body"][q["start"] : q["end"]] for q in record["quantities"]]
    page.page.click("#reader-body a.place >> nth=0")
    page.page.wait_for_selector("#map .place-ring")
    page.page.click("#reader-close")
    assert page.page.is_hidden("#reader")
    assert page.problems == []


def test_csv_download_matches_the_api(page, server):
    page.open("?country=Syria&event_type=Battles&event_type=Explosions%2FRemote+violence")
    assert page.page.input_value("#f-country") == "Syria"
    with page.page.expect_download() as info:
        page.page.click("#download-csv")
    download = info.value
    assert download.suggested_filename == "dateline-events.csv"
    got = Path(download.path()).read_bytes()
    want = httpx.get(
        server.url + "api/events",
        params=[("country", "Syria"), ("event_type", "Battles"), ("event_type", "Explosions/Remote violence"), ("format", "csv")],
    ).content
    assert got == want
    rows = list(csv.DictReader(io.StringIO(got.decode())))
    assert len(rows) == int(page.data("#events-table", "total")) > 0
    assert {r["country"] for r in rows} == {"Syria"}
    assert {r["event_type"] for r in rows} == {"Battles", "Explosions/Remote violence"}
    for fmt in ("geojson", "jsonl"):
        href = page.page.get_attribute(f"#download-{fmt}", "href")
        assert httpx.get(server.url + href.lstrip("/")).status_code == 200


def test_brushing_the_timeline_filters_by_date(page, server):
    page.open()
    box = page.page.locator("#timeline svg").bounding_box()
    y = box["y"] + box["height"] * 0.5

    def drag():
        page.page.mouse.move(box["x"] + box["width"] * 0.35, y)
        page.page.mouse.down()
        page.page.mouse.move(box["x"] + box["width"] * 0.5, y, steps=5)
        page.page.mouse.move(box["x"] + box["width"] * 0.65, y, steps=5)
        page.page.mouse.up()

    page.after(drag, url_has="date_to")
    q = page.query()
    date_from, date_to = q["date_from"][0], q["date_to"][0]
    assert date_from < date_to
    assert page.page.input_value("#f-date-from") == date_from
    total = server.api("/api/events", date_from=date_from, date_to=date_to, limit=1).json()["total"]
    everything = server.api("/api/events", limit=1).json()["total"]
    assert 0 < total < everything
    assert page.data("#events-table", "total") == str(total)
    placed = len(server.api("/api/events", format="geojson", date_from=date_from, date_to=date_to).json()["features"])
    assert int(page.data("#map", "points")) == placed
    assert page.page.get_attribute("#timeline rect.brush", "visibility") == "visible"
    # a click clears the range
    page.after(lambda: page.page.mouse.click(box["x"] + box["width"] * 0.5, y), url_lacks="date_from")
    assert page.data("#events-table", "total") == str(everything)
    assert page.problems == []


def test_table_sorts_by_header_and_pages(page, server):
    page.open()
    page.after(lambda: page.page.click('#events-table th[data-sort="fatalities"] button'), url_has="sort=-fatalities")
    top = server.api("/api/events", sort="-fatalities", limit=1).json()["events"][0]
    first_cells = page.page.eval_on_selector_all("#events-table tbody tr:first-child td", "tds => tds.map(t => t.textContent)")
    assert first_cells[7] == str(top["fatalities"])
    assert page.page.get_attribute('#events-table th[data-sort="fatalities"]', "aria-sort") == "descending"
    page.after(lambda: page.page.click('#events-table th[data-sort="fatalities"] button'), url_has="sort=fatalities")
    assert page.page.get_attribute('#events-table th[data-sort="fatalities"]', "aria-sort") == "ascending"

    page.open()
    first_page = page.page.eval_on_selector_all("#events-table tbody tr", "rs => rs.map(r => r.dataset.event)")
    page.page.click("#page-next")
    page.until(lambda: page.page.inner_text("#table-range").startswith("26"))
    second_page = page.page.eval_on_selector_all("#events-table tbody tr", "rs => rs.map(r => r.dataset.event)")
    want = [str(e["id"]) for e in server.api("/api/events", limit=50).json()["events"]]
    assert first_page + second_page == want
    page.page.click("#page-prev")
    page.until(lambda: page.page.inner_text("#table-range").startswith("1–"))
    assert page.page.is_disabled("#page-prev")
    assert page.problems == []


# -- the sample corpus, through the real extraction ----------------------------------


@pytest.fixture(scope="module")
def sample_server(tmp_path_factory):
    """The sample corpus through the real extraction; it must give events with coordinates
    (the map's regression tests below would otherwise test nothing)."""
    from dateline.sample import SAMPLE_CORPUS
    from dateline.store import ingest

    assert Path(SAMPLE_CORPUS).is_file(), "the sample corpus ships with the package"
    db = tmp_path_factory.mktemp("sample") / "sample.db"
    summary = ingest([str(SAMPLE_CORPUS)], db, workers=1)
    assert not summary.errors
    with LiveServer(db) as live:
        placed = live.api("/api/map/extent").json()["located"]
        assert placed >= 10, f"the extraction placed {placed} sample events on the map"
        yield live


@pytest.mark.slow
def test_the_map_shows_the_sample_corpus_events(browser, sample_server):
    events = sample_server.api("/api/events", limit=1000).json()
    placed = sample_server.api("/api/events", format="geojson").json()["features"]
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = Watched(context.new_page(), sample_server.url)
    try:
        page.open()
        assert page.problems == []
        assert int(page.data("#map", "points")) == int(page.data("#map", "located")) == len(placed)
        assert page.page.locator("#map .cluster-icon, #map path.event-point").count() > 0
        assert page.data("#events-table", "total") == str(events["total"])
        # spread over a continent, the map is at a world zoom: its outlines are the light 1:110m
        assert int(page.data("#map", "zoom")) < 5
        assert page.data("#map", "outlines") == "110m"
        assert not [u for u in page.requests if "countries-50m" in u]
    finally:
        context.close()


def expected_markers(page: Watched, server: LiveServer) -> list[tuple[float, float, float, str, str]]:
    """Where the map must have drawn each cluster of its view, worked out here from the
    API's answer and the map's centre and zoom: (x, y, radius, colour, kind) in page pixels.

    A marker sits at its events' centre moved inside its cell by its radius (map.js)."""
    from urllib.parse import parse_qsl

    colors = {t: c for t, c in json.loads(page.page.eval_on_selector("#map", "m => JSON.stringify([...m.ownerDocument.querySelectorAll('#f-types label')].map(l => [l.querySelector('input').value, l.querySelector('.swatch').style.background]))"))}
    data = server.api("/api/map", **dict(parse_qsl(page.data("#map", "query")))).json()
    zoom = int(page.data("#map", "zoom"))
    lat0, lon0 = map(float, page.data("#map", "center").split(","))
    box = page.page.locator("#map").bounding_box()
    cx, cy = web_mercator(lat0, lon0, zoom)

    def to_page(lat: float, lon: float) -> tuple[float, float]:
        x, y = web_mercator(lat, lon, zoom)
        return box["x"] + box["width"] / 2 + (x - cx), box["y"] + box["height"] / 2 + (y - cy)

    out = []
    for c in data["clusters"]:
        r = min(22, 5 + 2.2 * (c["fatalities"] or 0) ** 0.5) if c["count"] == 1 else min(48, 22 + 12 * __import__("math").log10(c["count"] + 1)) / 2
        x, y = to_page(c["lat"], c["lon"])
        west, south, east, north = c["bounds"]
        left, top = to_page(north, west)
        right, bottom = to_page(south, east)
        x = min(max(x, left + r), right - r) if left + r <= right - r else (left + right) / 2
        y = min(max(y, top + r), bottom - r) if top + r <= bottom - r else (top + bottom) / 2
        rgb = colors.get(c["type"], "rgb(127, 127, 127)")
        out.append((x, y, r, "#%02x%02x%02x" % tuple(int(v) for v in rgb[4:-1].split(",")), "single" if c["count"] == 1 else "cluster"))
    return out


def nearest(rgb: tuple[int, int, int], palette: dict[str, tuple[int, int, int]]) -> str:
    return min(palette, key=lambda k: sum((a - b) ** 2 for a, b in zip(rgb, palette[k])))


@pytest.mark.slow
def test_screenshot_of_the_sample_corpus_shows_its_markers_where_its_events_are(browser, sample_server):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = Watched(context.new_page(), sample_server.url)
    try:
        page.open()
        page.page.wait_for_timeout(300)
        markers = expected_markers(page, sample_server)
        map_box = page.page.locator("#map").bounding_box()
        controls = [page.page.locator(sel).bounding_box() for sel in ("#map .leaflet-control-zoom", "#map .map-legend", "#map .map-area-button", "#map .leaflet-control-attribution")]
        shot = page.page.screenshot(full_page=False)
    finally:
        context.close()
    assert page.problems == []
    assert len(markers) >= 2

    def clear(x, y, r):  # inside the viewport and under no control
        if not (r < x < 1400 - r and r < y < 1000 - r):
            return False
        return not any(b["x"] - r <= x <= b["x"] + b["width"] + r and b["y"] - r <= y <= b["y"] + b["height"] + r for b in controls if b)

    land, sea = hex_rgb("#f7f5f0"), hex_rgb("#dde8f0")
    types = {m[3] for m in markers}
    palette = {"land": land, "sea": sea, **{c: hex_rgb(c) for c in types}}
    blended = {"land": land, "sea": sea, **{c: tuple(round(0.85 * a + 0.15 * b) for a, b in zip(hex_rgb(c), land)) for c in types}}
    checked = 0
    for x, y, r, color, kind in markers:
        if not clear(x, y, r):
            continue
        if kind == "cluster":
            # around the count, between it and the white rim
            ring = [(x + 0.7 * r * dx, y + 0.7 * r * dy) for dx, dy in ((0, -1), (0, 1), (-0.7, -0.7), (0.7, -0.7), (-0.7, 0.7), (0.7, 0.7))]
            seen = [nearest(p, palette) for p in pixels(browser, shot, ring)]
            assert seen.count(color) >= 4, (x, y, color, seen)
        else:
            [seen] = [nearest(p, blended) for p in pixels(browser, shot, [(x, y)])]
            assert seen == color, (x, y, color, seen)
        checked += 1
    assert checked >= 2
    # and away from every marker the map is bare land or sea
    bare = [
        (mx, my)
        for mx in range(int(map_box["x"]) + 40, int(map_box["x"] + map_box["width"]) - 40, 90)
        for my in range(int(map_box["y"]) + 40, int(map_box["y"] + map_box["height"]) - 40, 90)
        if clear(mx, my, 30) and all((mx - x) ** 2 + (my - y) ** 2 > (r + 30) ** 2 for x, y, r, _, _ in markers)
    ]
    assert len(bare) > 10
    assert {nearest(p, palette) for p in pixels(browser, shot, bare)} <= {"land", "sea"}
    if os.environ.get("DATELINE_UPDATE_SCREENSHOT"):
        (ROOT / "docs" / "dashboard.png").write_bytes(shot)


def test_demo_command_serves_the_sample_corpus(sample_server, tmp_path):
    """`dateline demo` ingests (here: finds already stored) and serves, printing the URL."""
    import re
    import subprocess
    import sys

    from dateline.sample import SAMPLE_CORPUS

    db = sample_server.db
    proc = subprocess.Popen(
        [str(Path(sys.executable).with_name("dateline")), "demo", "--db", str(db), "--corpus", str(SAMPLE_CORPUS), "--port", "0", "--workers", "1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        line = proc.stdout.readline()
        m = re.search(r"http://127\.0\.0\.1:\d+/", line)
        assert m, (line, proc.poll())
        deadline = time.monotonic() + 20
        while True:
            try:
                stats = httpx.get(m.group(0) + "api/stats", timeout=5).json()
                break
            except httpx.TransportError:
                assert time.monotonic() < deadline
                time.sleep(0.1)
        assert stats["events"] == sample_server.api("/api/stats").json()["events"]
        assert httpx.get(m.group(0)).text.startswith("<!doctype html>")
    finally:
        proc.terminate()
        proc.wait(timeout=10)
