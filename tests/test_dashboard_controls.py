"""The dashboard's controls in Chromium: the filters the API has (sub-event type, region,
attribution, fatalities, confidence, the map's extent), free-text search, the map's
re-fit, legend, on-demand cluster lists and loading bar, and the reader's views of a
story's versions and of an event's corroborating reports.

Each is checked against the API's own answer for the same question."""

from __future__ import annotations

from urllib.parse import parse_qsl

import pytest

from eventdata import PLACES, build_records
from livepage import LiveServer, Watched, browser, serve_records, watched_page  # noqa: F401 (browser: a fixture)

pytestmark = pytest.mark.browser


def retold(rec: dict, new_id: str) -> dict:
    """Another version of an article: the same story with a line added (a near-duplicate)."""
    return {**rec, "id": new_id, "story": new_id, "title": rec["title"] + " (updated)", "body": rec["body"] + "\nThis version adds one line."}


def other_report(rec: dict, new_id: str) -> dict:
    """Another outlet's report of the first event of `rec`: its own words, the same event."""
    ev = rec["events"][0]
    body = f"Officials confirmed the incident in {ev['location']} on the day it happened."
    event = {**ev, "evidence": {"start": 0, "end": len(body), "text": body}, "fatalities": (ev["fatalities"] or 0) + 1}
    return {**rec, "id": new_id, "story": new_id, "title": "A second outlet's account", "body": body,
            "events": [event], "quotes": [], "quantities": [], "places": [], "entities": []}


@pytest.fixture(scope="module")
def records():
    return build_records(60, seed=5)


@pytest.fixture(scope="module")
def server(tmp_path_factory, records):
    yield from serve_records(tmp_path_factory, "controls", records)


@pytest.fixture
def page(browser, server):
    yield from watched_page(browser, server)


@pytest.fixture(scope="module")
def base(records):
    """An article whose first event is placed and dated."""
    return next(r for r in records if r["events"] and r["events"][0]["latitude"] is not None and r["events"][0]["event_date"])


@pytest.fixture(scope="module")
def reader_server(tmp_path_factory, base):
    """Three articles: one, another version of it, and another outlet's report of its first
    event. (The generated articles above share one template, so the store groups them
    all into one story; these do not.)"""
    yield from serve_records(tmp_path_factory, "reader", [base, retold(base, "retold-version"), other_report(base, "second-outlet")])


@pytest.fixture
def reader_page(browser, reader_server):
    yield from watched_page(browser, reader_server)


def map_view(page: Watched) -> tuple[float, float, float, float]:
    query = dict(parse_qsl(page.data("#map", "query")))
    return tuple(float(x) for x in query["view"].split(","))


def zoom_in(page: Watched) -> None:
    """One step in with the map's + button, and wait until the map has drawn the new view."""
    zoom = int(page.data("#map", "zoom"))
    page.page.locator("#map .leaflet-control-zoom-in").click()
    page.until(lambda: int(page.data("#map", "zoom")) == zoom + 1 and page.data("#map", "state") == "ready")


def search_for(page: Watched, text: str) -> None:
    page.page.fill("#search-q", text)
    page.page.press("#search-q", "Enter")
    page.page.wait_for_selector("#search-results[data-state='ready']")


def table_column(page: Watched, index: int) -> list[str]:
    return page.page.eval_on_selector_all(f"#events-table tbody tr td:nth-child({index})", "tds => tds.map(t => t.textContent)")


def events_total(server: LiveServer, **params) -> int:
    return server.api("/api/events", limit=1, **params).json()["total"]


def located(server: LiveServer, **params) -> int:
    return len(server.api("/api/events", format="geojson", **params).json()["features"])


# -- filters ------------------------------------------------------------------------


def test_sub_event_type_filter(page, server):
    page.open()
    page.after(lambda: page.page.select_option("#f-sub-type", "Air/drone strike"), url_has="sub_event_type=")
    assert page.query()["sub_event_type"] == ["Air/drone strike"]
    assert set(table_column(page, 3)) == {"Air/drone strike"}
    want = events_total(server, sub_event_type="Air/drone strike")
    assert 0 < want == int(page.data("#events-table", "total"))
    assert int(page.data("#map", "points")) == located(server, sub_event_type="Air/drone strike")
    assert page.problems == []


def test_region_filter(page, server):
    page.open()
    page.page.fill("#f-admin1", "Ninewa")
    page.after(lambda: page.page.press("#f-admin1", "Enter"), url_has="admin1=Ninewa")
    want = events_total(server, admin1="Ninewa")
    assert 0 < want == int(page.data("#events-table", "total")) < events_total(server)
    assert int(page.data("#map", "points")) == located(server, admin1="Ninewa")
    # the region's suggestions are the store's regions
    options = page.page.eval_on_selector_all("#admin1-list option", "os => os.map(o => o.value)")
    assert set(options) == set(server.api("/api/facets").json()["admin1"]) >= {"Ninewa", "Aleppo"}


def test_attribution_fatalities_and_confidence_filters(page, server):
    page.open()
    page.after(lambda: page.page.select_option("#f-attribution", "alleged"), url_has="attribution=alleged")
    page.page.fill("#f-min-fatalities", "10")
    page.after(lambda: page.page.press("#f-min-fatalities", "Enter"), url_has="min_fatalities=10")
    page.page.fill("#f-min-confidence", "0.5")
    page.after(lambda: page.page.press("#f-min-confidence", "Enter"), url_has="min_confidence=0.5")
    params = {"attribution": "alleged", "min_fatalities": 10, "min_confidence": 0.5}
    want = events_total(server, **params)
    assert 0 < want == int(page.data("#events-table", "total"))
    assert all(int(x) >= 10 for x in table_column(page, 8))
    assert all(float(x) >= 0.5 for x in table_column(page, 9))
    assert int(page.data("#map", "points")) == located(server, **params)
    # the URL alone restores the controls
    page.page.reload()
    page.ready()
    assert page.page.input_value("#f-attribution") == "alleged"
    assert page.page.input_value("#f-min-fatalities") == "10"
    assert page.page.input_value("#f-min-confidence") == "0.5"
    assert int(page.data("#events-table", "total")) == want
    assert page.problems == []


# -- the map --------------------------------------------------------------------------


def test_the_map_refits_to_the_filtered_events(page, server):
    page.open()
    whole = map_view(page)
    page.after(lambda: page.page.select_option("#f-country", "Iraq"), url_has="country=Iraq")
    iraq = map_view(page)
    # a region's view: the country outlines come at 1:50m (the world's view has 1:110m)
    assert int(page.data("#map", "zoom")) >= 5
    page.until(lambda: page.data("#map", "outlines") == "50m")
    assert int(page.data("#map", "countries")) > 200
    inside = lambda place, v: v[0] <= PLACES[place][3] <= v[2] and v[1] <= PLACES[place][2] <= v[3]  # noqa: E731
    iraqi = [p for p, (country, *_) in PLACES.items() if country == "Iraq"]
    assert all(inside(p, iraq) for p in iraqi)
    assert not inside("Aleppo", iraq) and inside("Aleppo", whole)
    assert (iraq[2] - iraq[0]) <= (whole[2] - whole[0])
    assert int(page.data("#map", "points")) == int(page.data("#map", "located")) == located(server, country="Iraq")
    # and back to Syria: the map moves there
    page.after(lambda: page.page.select_option("#f-country", "Syria"), url_has="country=Syria")
    syria = map_view(page)
    assert inside("Aleppo", syria) and not inside("Baghdad", syria)


def test_the_legend_explains_circle_size_and_disc_colour(page):
    page.open()
    legend = page.page.locator("#map .map-legend")
    assert legend.is_visible()
    text = legend.inner_text()
    assert "fatalities" in text and "most frequent type" in text
    radii = page.page.eval_on_selector_all("#map .map-legend circle", "cs => cs.map(c => Number(c.getAttribute('r')))")
    assert len(radii) == 3 and radii == sorted(radii) and radii[0] < radii[-1]
    # the sizes drawn for single events are the legend's: a marker's radius grows with its fatalities
    sizes = page.page.eval_on_selector_all("#map path.event-point", "ps => ps.map(p => p.getBBox().width)")
    assert all(2 * radii[0] - 1 <= s <= 2 * 22 + 1 for s in sizes)


def test_a_cluster_lists_its_events_when_clicked(page, server):
    page.open()
    cluster = page.page.locator("#map .cluster-icon").first
    count = int(cluster.inner_text())
    before = len([u for u in page.requests if "/api/events?" in u and "bbox=" in u])
    cluster.click()
    popup = page.page.wait_for_selector(".leaflet-popup .popup[data-count]")
    assert int(popup.get_attribute("data-count")) == count
    assert len([u for u in page.requests if "/api/events?" in u and "bbox=" in u]) == before + 1  # fetched on demand
    items = page.page.locator(".leaflet-popup .popup-events li")
    assert items.count() == min(8, count)
    page.page.locator(".leaflet-popup a.open-article").first.click()
    page.page.wait_for_selector("#reader:not([hidden]) mark.evidence.current")
    assert page.problems == []


def test_filter_to_the_maps_extent(page, server):
    page.open()
    whole = int(page.data("#events-table", "total"))
    zoom_in(page)
    zoom_in(page)
    view = map_view(page)
    page.after(lambda: page.page.click("#filter-to-view"), url_has="bbox=")
    box = page.query()["bbox"][0]
    assert [round(float(x), 3) for x in box.split(",")] == [round(x, 3) for x in view]
    want = events_total(server, bbox=box)
    assert 0 < want == int(page.data("#events-table", "total")) < whole
    assert page.page.is_visible("#f-area")
    assert page.page.locator("#map path.area-box").count() == 1
    page.after(lambda: page.page.click("#f-area-clear"), url_lacks="bbox")
    assert int(page.data("#events-table", "total")) == whole


def test_panning_asks_for_the_new_view_only(page, server):
    page.open()
    before = [u for u in page.requests if "/api/map?" in u]
    zoom_in(page)
    assert len([u for u in page.requests if "/api/map?" in u]) == len(before) + 1
    query = dict(parse_qsl(page.data("#map", "query")))
    answer = server.api("/api/map", **query).json()
    assert int(page.data("#map", "points")) == answer["events"]
    assert int(page.data("#map", "markers")) == len(answer["clusters"])
    assert not [u for u in page.requests if "format=geojson" in u]


# -- loading ------------------------------------------------------------------------


def test_a_loading_bar_shows_while_the_dashboard_loads(browser, server):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = Watched(context.new_page(), server.url)
    held = []
    released = []
    page.page.route("**/api/stats*", lambda route: route.continue_() if released else held.append(route))
    try:
        page.page.goto(server.url)
        page.until(lambda: held)
        assert page.page.get_attribute("body", "data-state") == "loading"
        assert page.page.is_visible("#loading")
        assert page.page.get_attribute("main.panels", "aria-busy") == "true"
        released.append(True)
        for route in held:
            route.continue_()
        page.ready()
        assert not page.page.is_visible("#loading")
        assert page.page.get_attribute("main.panels", "aria-busy") is None
    finally:
        context.close()


# -- search ---------------------------------------------------------------------------


def test_search_lists_articles_and_events_and_opens_them(page, server):
    page.open()
    word = "checkpoint"
    want = server.api("/api/search", q=word, limit=20).json()
    assert want["articles"] and want["events"]
    search_for(page, word)
    titles = page.page.eval_on_selector_all("#search-articles li a", "as => as.map(a => a.textContent)")
    assert titles == [a["title"] for a in want["articles"]]
    assert page.page.locator("#search-events li a").count() == len(want["events"])
    marked = page.page.eval_on_selector_all("#search-results mark", "ms => ms.map(m => m.textContent.toLowerCase())")
    assert marked and all(m.startswith(word) for m in marked)
    page.page.locator("#search-events li a").first.click()
    page.page.wait_for_selector("#reader:not([hidden]) mark.evidence.current")
    assert page.page.get_attribute("#reader", "data-article") == want["events"][0]["article_id"]
    page.page.keyboard.press("Escape")
    assert page.page.is_hidden("#reader")
    page.page.click("#search-close")
    assert page.page.is_hidden("#search-results")
    assert page.problems == []


# -- the reader -----------------------------------------------------------------------


def test_the_reader_shows_the_storys_other_versions(reader_page, reader_server, base):
    page, server = reader_page, reader_server
    page.open()
    search_for(page, "version adds one line")
    page.page.locator("#search-articles a[data-article='retold-version']").click()
    page.page.wait_for_selector("#reader-story:not([hidden])")
    versions = page.page.eval_on_selector_all("#reader-story li", "ls => ls.map(l => l.textContent)")
    story = server.api("/api/articles/retold-version").json()["story"]
    same = server.api("/api/articles", story=story).json()["articles"]
    assert len(versions) == len(same) == 2
    page.page.locator(f"#reader-story a[data-article='{base['id']}']").click()
    page.until(lambda: page.page.get_attribute("#reader", "data-article") == base["id"])
    assert page.page.inner_text("#reader-title") == base["title"]
    assert page.problems == []


def test_the_reader_shows_an_events_corroborating_reports(reader_page, reader_server, base):
    page, server = reader_page, reader_server
    page.open()
    search_for(page, "Officials confirmed the incident")
    page.page.locator("#search-events a[data-article='second-outlet']").first.click()
    page.page.wait_for_selector("#reader-corroboration[data-state='ready']")
    event_id = int(page.page.get_attribute("#reader-corroboration", "data-event"))
    want = server.api(f"/api/events/{event_id}/corroboration").json()["reports"]
    # the original and its retold version both report it
    assert {r["article_id"] for r in want} == {base["id"], "retold-version"}
    links = page.page.eval_on_selector_all("#reader-corroboration a", "as => as.map(a => a.dataset.article)")
    assert links == [r["article_id"] for r in want]
    page.page.locator(f"#reader-corroboration a[data-article='{base['id']}']").click()
    page.until(lambda: page.page.get_attribute("#reader", "data-article") == base["id"])
    # from the original: the second outlet, and the retold copy marked as a version of the story
    page.until(lambda: page.page.get_attribute("#reader-corroboration", "data-state") == "ready"
               and page.page.get_attribute("#reader-corroboration", "data-event") != str(event_id))
    items = page.page.eval_on_selector_all("#reader-corroboration li", "ls => ls.map(l => [l.querySelector('a').dataset.article, l.textContent])")
    assert {a for a, _ in items} == {"second-outlet", "retold-version"}
    assert [("a version of this story" in text) for a, text in sorted(items)] == [True, False]  # retold-version, second-outlet
    assert page.problems == []
