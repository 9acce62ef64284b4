"""The dashboard in headless Chromium (Debian's package, driven by Playwright's Python
package) against a server this test starts on 127.0.0.1.

Skips when Chromium or Playwright is missing. Set DATELINE_UPDATE_SCREENSHOT=1 to
rewrite docs/dashboard.png from the screenshot test.
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import threading
import time
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import httpx
import pytest

from dateline.serve import create_app
from dateline.serve.server import bind, url_of
from dateline.store import Store
from eventdata import build_records

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = os.environ.get("DATELINE_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"]


class LiveServer:
    """The real app under uvicorn, in a thread, on a free loopback port."""

    def __init__(self, db: Path) -> None:
        import uvicorn

        self.db = db
        self.sock = bind("127.0.0.1", 0)
        self.url = url_of(self.sock)
        self.server = uvicorn.Server(uvicorn.Config(create_app(db, language=False), log_level="warning", lifespan="on"))
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [self.sock]}, daemon=True)

    def __enter__(self) -> "LiveServer":
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            assert time.monotonic() < deadline, "server did not start"
            time.sleep(0.05)
        return self

    def __exit__(self, *exc) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)

    def api(self, path: str, **params):
        r = httpx.get(self.url + path.lstrip("/"), params=params, timeout=30)
        r.raise_for_status()
        return r


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip(f"needs Chromium ({CHROMIUM} is absent)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        yield b
        b.close()


@pytest.fixture(scope="module")
def records():
    return build_records(60, seed=5)


@pytest.fixture(scope="module")
def server(tmp_path_factory, records):
    db = tmp_path_factory.mktemp("dash") / "dash.db"
    with Store(db) as store:
        store.add_records(records)
        store.assign_stories()
    with LiveServer(db) as live:
        yield live


class Watched:
    """A page with a log of everything that went wrong or left this server."""

    def __init__(self, page, base: str) -> None:
        self.page = page
        self.base = base
        self.problems: list[str] = []
        self.requests: list[str] = []
        page.on("request", lambda r: self.requests.append(r.url))
        page.on("requestfailed", lambda r: self.problems.append(f"failed {r.url}: {r.failure}"))
        page.on("response", lambda r: r.status >= 400 and self.problems.append(f"{r.status} {r.url}"))
        page.on("pageerror", lambda e: self.problems.append(f"page error: {e}"))
        page.on("console", lambda m: m.type == "error" and self.problems.append(f"console: {m.text}"))

    def open(self, query: str = "") -> None:
        self.page.goto(self.base + query)
        self.ready()

    # The page's CSP forbids eval, so waits are selectors and Python-side polls.
    def ready(self) -> None:
        self.page.wait_for_selector("body[data-state='ready']", state="attached", timeout=20_000)

    def after(self, action, url_has: str | None = None, url_lacks: str | None = None) -> None:
        """Do `action`, then wait for the URL to change as said and the dashboard to settle."""
        action()
        if url_has:
            self.page.wait_for_url(lambda u: url_has in urlparse(u).query, timeout=10_000)
        if url_lacks:
            self.page.wait_for_url(lambda u: url_lacks not in urlparse(u).query, timeout=10_000)
        self.ready()

    def until(self, check, timeout: float = 10.0) -> None:
        deadline = time.monotonic() + timeout
        while not check():
            assert time.monotonic() < deadline, "the page did not get there"
            time.sleep(0.05)

    def data(self, selector: str, key: str) -> str | None:
        return self.page.eval_on_selector(selector, f"e => e.dataset[{json.dumps(key)}] ?? null")

    def query(self) -> dict:
        return parse_qs(urlparse(self.page.url).query)


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
    assert int(page.data("#map", "countries")) > 200
    assert page.page.locator("#map path.country").count() > 200
    placed = [ev for r in records for ev in r["events"] if ev["latitude"] is not None]
    features = server.api("/api/events", format="geojson").json()["features"]
    assert int(page.data("#map", "points")) == len(features) == len(placed)
    drawn = page.page.locator("#map .cluster-icon, #map path.event-point").count()
    assert 0 < drawn <= len(placed)  # dense points are clustered
    assert page.page.locator("#map .cluster-icon").count() > 0
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
    from dateline.sample import SAMPLE_CORPUS
    from dateline.store import ingest

    if not Path(SAMPLE_CORPUS).is_file():
        pytest.skip("the sample corpus is not in this checkout")
    db = tmp_path_factory.mktemp("sample") / "sample.db"
    summary = ingest([str(SAMPLE_CORPUS)], db, workers=1)
    assert not summary.errors
    with LiveServer(db) as live:
        yield live


@pytest.mark.slow
def test_the_map_shows_the_sample_corpus_events(browser, sample_server):
    events = sample_server.api("/api/events", limit=1000).json()
    placed = sample_server.api("/api/events", format="geojson").json()["features"]
    if not placed:
        pytest.skip(f"the extraction gave {events['total']} sample events, none with coordinates yet")
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = Watched(context.new_page(), sample_server.url)
    try:
        page.open()
        assert page.problems == []
        assert int(page.data("#map", "points")) == len(placed)
        assert page.page.locator("#map .cluster-icon, #map path.event-point").count() > 0
        assert page.data("#events-table", "total") == str(events["total"])
    finally:
        context.close()


@pytest.mark.slow
def test_screenshot_of_the_sample_corpus(browser, sample_server):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = Watched(context.new_page(), sample_server.url)
    try:
        page.open()
        page.page.wait_for_timeout(400)  # let the map's fit animation end
        shot = page.page.screenshot(full_page=False)
    finally:
        context.close()
    assert shot[:8] == b"\x89PNG\r\n\x1a\n" and len(shot) > 20_000
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
