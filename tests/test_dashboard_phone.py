"""The dashboard on a phone: at 390 px wide nothing spills sideways, the table stays in its
panel (it scrolls inside it), and the reader opens the full width with its close button
in view, also after reading down the article."""

from __future__ import annotations

import pytest

from eventdata import build_records
from livepage import Watched, browser, serve_records, watched_page  # noqa: F401 (browser: a fixture)

pytestmark = pytest.mark.browser

WIDTH, HEIGHT = 390, 844


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    yield from serve_records(tmp_path_factory, "phone", build_records(40, seed=8))


@pytest.fixture
def phone(browser, server):
    yield from watched_page(browser, server, viewport={"width": WIDTH, "height": HEIGHT}, is_mobile=True, has_touch=True, device_scale_factor=2)


def box(page: Watched, selector: str) -> dict:
    b = page.page.locator(selector).first.bounding_box()
    assert b is not None, f"{selector} is not laid out"
    return b


def test_nothing_is_wider_than_a_phone(phone):
    phone.open()
    assert phone.problems == []
    page = phone.page
    assert page.evaluate("document.documentElement.scrollWidth") <= WIDTH
    assert page.evaluate("document.body.scrollWidth") <= WIDTH
    # No box on the page reaches past the screen's right edge, except inside something
    # that scrolls or clips it (the table's scroller, the map).
    wide = page.evaluate(
        """(width) => [...document.querySelectorAll('body *')].filter((el) => {
            if (el.closest('.table-scroll, .leaflet-container, [hidden]')) return false;
            const r = el.getBoundingClientRect();
            return r.width > 0 && r.right > width + 0.5;
        }).map((el) => el.tagName + '#' + el.id + '.' + el.className)""",
        WIDTH,
    )
    assert wide == []
    for panel in (".map-panel", ".timeline-panel", ".table-panel", "#filters", "header.top"):
        b = box(phone, panel)
        assert b["x"] >= 0 and b["x"] + b["width"] <= WIDTH, panel


def test_the_table_stays_in_its_panel(phone):
    phone.open()
    panel = box(phone, ".table-panel")
    scroller = box(phone, ".table-scroll")
    assert panel["x"] <= scroller["x"] and scroller["x"] + scroller["width"] <= panel["x"] + panel["width"]
    widths = phone.page.eval_on_selector(".table-scroll", "s => [s.scrollWidth, s.clientWidth]")
    assert widths[0] > widths[1]  # nine columns do not fit: they scroll inside the panel
    phone.until(lambda: phone.page.locator("#events-table tbody tr").count() == 25)


def test_the_reader_opens_full_width_with_its_close_button_in_view(phone):
    phone.open()
    phone.page.locator("#events-table tbody tr").first.tap()
    phone.page.wait_for_selector("#reader:not([hidden]) mark.evidence.current")
    reader = box(phone, "#reader")
    assert reader["x"] == 0 and reader["width"] == WIDTH

    def close_button_is_there() -> None:
        b = box(phone, "#reader-close")
        assert 0 <= b["x"] and b["x"] + b["width"] <= WIDTH and 0 <= b["y"] and b["y"] + b["height"] <= HEIGHT
        # nothing covers it: the topmost element at its centre is the button
        top = phone.page.evaluate(
            "([x, y]) => document.elementFromPoint(x, y)?.id", [b["x"] + b["width"] / 2, b["y"] + b["height"] / 2]
        )
        assert top == "reader-close"

    close_button_is_there()
    phone.page.eval_on_selector("#reader", "r => { r.scrollTop = r.scrollHeight; }")
    phone.until(lambda: phone.page.eval_on_selector("#reader", "r => r.scrollTop") > 0)
    close_button_is_there()
    phone.page.locator("#reader-close").tap()
    phone.until(lambda: phone.page.is_hidden("#reader"))
    assert phone.problems == []
