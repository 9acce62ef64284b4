"""A live dateline server and a watched Chromium page, for the browser tests.

Chromium is Debian's package, driven by Playwright's Python package; tests skip when
either is missing. The server is the real app under uvicorn on 127.0.0.1.
"""

from __future__ import annotations

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

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = os.environ.get("DATELINE_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"]


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


def launch_browser():
    if not Path(CHROMIUM).exists():
        pytest.skip(f"needs Chromium ({CHROMIUM} is absent)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        try:
            yield b
        finally:
            b.close()


@pytest.fixture(scope="module")
def browser():
    """Chromium for a module's tests (import this fixture into the module)."""
    yield from launch_browser()


def serve_records(tmp_path_factory, name: str, records: list[dict]):
    """A store of `records` (stories assigned), served live: a module fixture yields from it."""
    db = tmp_path_factory.mktemp(name) / f"{name}.db"
    with Store(db) as store:
        store.add_records(records)
        store.assign_stories()
    with LiveServer(db) as live:
        yield live


def watched_page(browser, server: "LiveServer", **context):
    """A watched page in a fresh browser context (1400 x 1000 unless told): a fixture yields from it."""
    ctx = browser.new_context(**({"viewport": {"width": 1400, "height": 1000}} | context))
    try:
        yield Watched(ctx.new_page(), server.url)
    finally:
        ctx.close()


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




def pixels(browser, png: bytes, points: list[tuple[float, float]]) -> list[tuple[int, int, int]]:
    """The colours of a PNG at some points (x, y), read by Chromium from a canvas in a
    page of its own (no decoder in Python)."""
    import base64

    context = browser.new_context()
    try:
        page = context.new_page()
        page.set_content("<canvas></canvas>")
        return [
            tuple(rgb)
            for rgb in page.evaluate(
                """async ([data, points]) => {
                    const img = new Image();
                    img.src = "data:image/png;base64," + data;
                    await img.decode();
                    const canvas = document.querySelector("canvas");
                    canvas.width = img.width; canvas.height = img.height;
                    const ctx = canvas.getContext("2d");
                    ctx.drawImage(img, 0, 0);
                    return points.map(([x, y]) => Array.from(ctx.getImageData(Math.round(x), Math.round(y), 1, 1).data.slice(0, 3)));
                }""",
                [base64.b64encode(png).decode(), [list(p) for p in points]],
            )
        ]
    finally:
        context.close()


def web_mercator(lat: float, lon: float, zoom: float) -> tuple[float, float]:
    """A position in the pixels of the web map's world at `zoom` (Leaflet's EPSG:3857)."""
    import math

    scale = 256 * 2**zoom
    lat = max(-85.0511287798, min(85.0511287798, lat))
    s = math.sin(math.radians(lat))
    return scale * (lon + 180) / 360, scale * (0.5 - math.log((1 + s) / (1 - s)) / (4 * math.pi))


def hex_rgb(color: str) -> tuple[int, int, int]:
    return tuple(int(color[i : i + 2], 16) for i in (1, 3, 5))
