"""/api/docs renders with no network: Swagger UI is served from the package's vendored
files (tools/vendor_static.sh), in Chromium with every request off this machine blocked."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest

from eventdata import build_records
from livepage import browser, serve_records  # noqa: F401 (browser: a fixture)

pytestmark = pytest.mark.browser

LOOPBACK = {"127.0.0.1", "localhost", "[::1]", "::1"}


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    yield from serve_records(tmp_path_factory, "docs", build_records(3, seed=2))


def test_api_docs_render_with_every_outside_request_blocked(browser, server):
    context = browser.new_context()
    blocked: list[str] = []
    failures: list[str] = []

    def only_loopback(route):
        url = route.request.url
        if url.startswith("data:") or urlparse(url).hostname in LOOPBACK:
            route.continue_()
        else:
            blocked.append(url)
            route.abort()

    context.route("**/*", only_loopback)
    page = context.new_page()
    page.on("response", lambda r: r.status >= 400 and failures.append(f"{r.status} {r.url}"))
    page.on("pageerror", lambda e: failures.append(f"page error: {e}"))
    page.on("console", lambda m: m.type == "error" and failures.append(f"console: {m.text}"))
    try:
        page.goto(server.url + "api/docs")
        page.wait_for_selector(".swagger-ui .opblock", timeout=20_000)
        paths = page.eval_on_selector_all(".opblock-summary-path", "ps => ps.map(p => p.getAttribute('data-path'))")
        title = page.inner_text(".swagger-ui .info .title")
    finally:
        context.close()
    assert blocked == [] and failures == []
    assert {"/api/events", "/api/map", "/api/search", "/api/articles/{article_id}"} <= set(paths)
    assert title.startswith("dateline")


def test_the_docs_page_names_only_files_of_this_server(server):
    html = server.api("api/docs").text
    assert "/static/vendor/swagger-ui/swagger-ui-bundle.js" in html and "/static/vendor/swagger-ui/swagger-ui.css" in html
    assert "://" not in html.replace(server.url, "")  # no absolute URL to anywhere
    for name in ("swagger-ui-bundle.js", "swagger-ui.css", "LICENSE", "NOTICE"):
        assert server.api(f"static/vendor/swagger-ui/{name}").content
