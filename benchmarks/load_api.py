"""Load on `/api/events`: requests per second and latency percentiles on a store of at
least 50,000 events, over loopback only, for a bounded number of requests.

The store is synthesised from real records: the sample corpus (or an extraction you
name with --records) is extracted once, then copied with every copy perturbed (dates
shifted, coordinates jittered, fatalities varied, a new article id) until the events
reach --events (the copies keep their events and drop the other spans, which
/api/events does not read). The server is the real `dateline serve` (uvicorn, one process) on
127.0.0.1; the client is asyncio + httpx with --concurrency connections, running a
mix of the queries the dashboard makes.

    .venv/bin/python benchmarks/load_api.py [--events 50000] [--requests 3000] [--concurrency 8]

With --dashboard it measures the dashboard instead: the time until the page is ready
in headless Chromium (a fresh browser context each time, so nothing is cached), and
the map's own request for the view it shows (taken from what the page asked for),
replayed at 1 and at --concurrency clients.

    .venv/bin/python benchmarks/load_api.py --dashboard [--db PATH] [--runs 5] [--map-requests 200]

Without --dashboard, and unless --no-write, it then measures reads during a write: the
read rate alone, during a POST of --write-articles sample articles (as JSON Lines, new
ids each run) until they are stored, and alone again after; the POST's answer time,
how long until the articles were stored, and the resident memory of the API process
and of its children.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import date, timedelta
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from dateline.store import Store  # noqa: E402

MAX_SECONDS = 300  # the load phase stops here whatever --requests says
WRITE_TOKEN = "load-api-benchmark-token"
WRITE_TIMEOUT = 600  # seconds a write may take before the benchmark gives up on it
BUILD_BATCH = 240  # articles per transaction while building (FTS merges less often)


def real_records(path: str | None) -> list[dict]:
    if path:
        with open(path, encoding="utf-8") as fh:
            return [json.loads(line) for line in fh if line.strip()]
    from dateline.run import extract
    from dateline.sample import SAMPLE_CORPUS

    return [a.to_dict() for a in extract(Path(SAMPLE_CORPUS))]


def perturbed(rec: dict, copy: int, rng: random.Random) -> dict:
    shift = timedelta(days=rng.randrange(-700, 700))
    out = json.loads(json.dumps(rec))
    out["id"] = f"{rec['id'][:8]}{copy:08x}"
    out["story"] = out["id"]
    out["duplicate_of"] = None
    # /api/events reads events only: copies leave the other spans out, which keeps
    # building the store (not what is measured) short.
    for key in ("quotes", "quantities", "places", "entities"):
        out[key] = []
    if out.get("title"):
        out["title"] = f"{out['title']} (copy {copy})"
    for ev in out["events"]:
        if ev.get("event_date"):
            d = date.fromisoformat(ev["event_date"]) + shift
            ev["event_date"] = d.isoformat()
        if ev.get("latitude") is not None:
            ev["latitude"] = round(ev["latitude"] + rng.uniform(-0.3, 0.3), 4)
            ev["longitude"] = round(ev["longitude"] + rng.uniform(-0.3, 0.3), 4)
        if ev.get("fatalities") is not None:
            ev["fatalities"] = max(0, ev["fatalities"] + rng.randrange(-3, 4))
        ev["confidence"] = round(rng.uniform(0.3, 0.95), 2)
    return out


def build_store(db: Path, records: list[dict], target_events: int) -> tuple[int, int, float]:
    with_events = [r for r in records if r.get("events")]
    if not with_events:
        raise SystemExit("the records hold no events: nothing to multiply")
    rng = random.Random(1)
    started = time.perf_counter()
    events = articles = copy = 0
    with Store(db) as store:
        while events < target_events:
            batch = []
            while len(batch) < BUILD_BATCH and events < target_events:
                for rec in with_events:
                    copy += 1
                    batch.append(perturbed(rec, copy, rng))
                    events += len(rec["events"])
            store.add_records(batch)
            articles += len(batch)
        store.conn.execute("ANALYZE")
    return articles, events, time.perf_counter() - started


def queries(facets: dict, rng: random.Random) -> list[tuple[str, dict]]:
    types = facets["event_type"] or ["Battles"]
    countries = facets["country"] or ["Syria"]
    mix = [
        ("first page", {}),
        ("type", {"event_type": rng.choice(types)}),
        ("country+dates", {"country": rng.choice(countries), "date_from": "2018-01-01", "date_to": "2021-12-31"}),
        ("sorted by fatalities", {"sort": "-fatalities"}),
        ("text", {"q": rng.choice(["killed", "attack", "forces", "said"])}),
        ("bbox", {"bbox": "30,0,50,40"}),
        ("min confidence", {"min_confidence": 0.8, "event_type": rng.choice(types)}),
        ("actor", {"actor": rng.choice(facets.get("actors") or ["Islamic State"])}),
    ]
    return mix


async def run_load(base: str, total: int, concurrency: int, facets: dict) -> dict[str, list[float]]:
    rng = random.Random(2)
    latencies: dict[str, list[float]] = {}
    errors = 0
    deadline = time.monotonic() + MAX_SECONDS
    counter = iter(range(total))

    async def worker(client: httpx.AsyncClient) -> None:
        nonlocal errors
        for _ in counter:
            if time.monotonic() > deadline:
                return
            name, params = rng.choice(queries(facets, rng))
            started = time.perf_counter()
            r = await client.get("/api/events", params=params)
            elapsed = time.perf_counter() - started
            if r.status_code != 200:
                errors += 1
            latencies.setdefault(name, []).append(elapsed)

    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=60) as client:
        await asyncio.gather(*(worker(client) for _ in range(concurrency)))
    if errors:
        print(f"non-200 responses: {errors}")
    return latencies


# -- the dashboard: ready time in Chromium, and the map's request under load --------------

CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"]


def is_map_request(url: str) -> bool:
    """What the map asks for: its own endpoint, or (before it had one) every event as GeoJSON."""
    parts = httpx.URL(url)
    return parts.path.startswith("/api/map") or (parts.path == "/api/events" and parts.params.get("format") == "geojson")


def dashboard_ready(base: str, runs: int) -> tuple[list[float], list[str], list[int]]:
    """Seconds from navigation to the page's ready state, per run; the map's requests and their sizes."""
    import os
    import shutil

    from playwright.sync_api import sync_playwright

    chromium = os.environ.get("DATELINE_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    times: list[float] = []
    map_urls: list[str] = []
    sizes: list[int] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_FLAGS, headless=True)
        try:
            for _ in range(runs):
                context = browser.new_context(viewport={"width": 1400, "height": 1000})
                page = context.new_page()
                seen: list = []
                page.on("requestfinished", lambda r: is_map_request(r.url) and seen.append(r))
                started = time.perf_counter()
                page.goto(base)
                page.wait_for_selector("body[data-state='ready']", state="attached", timeout=120_000)
                times.append(time.perf_counter() - started)
                map_urls = [r.url for r in seen]
                sizes = [r.sizes()["responseBodySize"] for r in seen]
                context.close()
        finally:
            browser.close()
    return times, map_urls, sizes


def nudged(url: str, rng: random.Random) -> str:
    """The same map request with its view moved by a hair: the same cells, but not an
    answer the server has kept (what panning, or another window size, asks)."""
    parts = httpx.URL(url)
    if "view" not in parts.params:
        return url
    west, south, east, north = (float(x) for x in parts.params["view"].split(","))
    dx, dy = rng.uniform(-1e-3, 1e-3), rng.uniform(-1e-3, 1e-3)
    view = f"{west + dx:.6f},{max(-90, south + dy):.6f},{east + dx:.6f},{min(90, north + dy):.6f}"
    return str(parts.copy_set_param("view", view))


async def replay(url: str, requests: int, clients: int, vary: bool) -> list[float]:
    """Latencies of `requests` GETs of one URL (or, with `vary`, of its nudged views) over `clients` connections."""
    latencies: list[float] = []
    counter = iter(range(requests))
    deadline = time.monotonic() + MAX_SECONDS
    rng = random.Random(5)

    async def worker(client: httpx.AsyncClient) -> None:
        for _ in counter:
            if time.monotonic() > deadline:
                return
            target = nudged(url, rng) if vary else url
            started = time.perf_counter()
            r = await client.get(target)
            latencies.append(time.perf_counter() - started)
            if r.status_code != 200:
                raise SystemExit(f"{target}: HTTP {r.status_code}")

    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(limits=limits, timeout=120) as client:
        await asyncio.gather(*(worker(client) for _ in range(clients)))
    return latencies


def dashboard_benchmark(base: str, runs: int, requests: int, concurrency: int) -> None:
    times, map_urls, sizes = dashboard_ready(base, runs)
    print(f"dashboard ready in Chromium ({runs} runs, fresh context each): "
          f"median {statistics.median(times):.2f} s   slowest {max(times):.2f} s   first {times[0]:.2f} s")
    if not map_urls:
        print("the map made no request")
        return
    print(f"the map's requests on opening: {len(map_urls)}, {sum(sizes):,} bytes of response")
    url = map_urls[-1]  # the one for the view the page settled on
    print(f"  the view's request: {url.removeprefix(base.rstrip('/'))}")
    for vary, label in ((False, "as asked (kept answers)"), (True, "view nudged each time (computed)")):
        print(f"  {label}:")
        for clients in sorted({1, concurrency}):
            xs = asyncio.run(replay(url, requests if clients > 1 else max(1, requests // 4), clients, vary))
            print(f"    {clients} client{'s' if clients > 1 else ' '}: n={len(xs):<4} p50 {pct(xs, 50) * 1000:7.1f} ms   p95 {pct(xs, 95) * 1000:7.1f} ms")


# -- reads during a write ------------------------------------------------------------------


def write_body(n: int) -> str:
    """`n` articles of the sample corpus (repeated as needed) as JSON Lines, with ids new to the store."""
    from dateline.read import read_inputs
    from dateline.sample import SAMPLE_CORPUS

    arts = list(read_inputs([str(SAMPLE_CORPUS)]))
    nonce = f"{time.time_ns():x}"
    lines = []
    for i in range(n):
        art = arts[i % len(arts)]
        lines.append(json.dumps({"id": f"load-{nonce}-{i}", "title": art.title, "text": art.body}))
    return "\n".join(lines) + "\n"


def rss_mb(pid: int) -> float:
    """Resident memory of a process, in MB (0 when it is gone)."""
    try:
        with open(f"/proc/{pid}/status") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def cpu_seconds(pid: int) -> float:
    """User + system CPU time a process has used so far, in seconds (0 when it is gone)."""
    try:
        with open(f"/proc/{pid}/stat") as fh:
            fields = fh.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return 0.0


def children(pid: int) -> list[int]:
    found = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as fh:
                found += [int(c) for c in fh.read().split()]
    except OSError:
        pass
    return found


class Write(threading.Thread):
    """One POST of article text, then (for a 202) polling its job until the articles are stored."""

    def __init__(self, base: str, body: str) -> None:
        super().__init__(daemon=True)
        self.base, self.body = base, body
        self.answered = self.stored = None  # seconds after the start
        self.status = None
        self.outcome: dict = {}
        self.done = threading.Event()

    def run(self) -> None:
        started = time.perf_counter()
        try:
            with httpx.Client(base_url=self.base, timeout=WRITE_TIMEOUT) as client:
                r = client.post("/api/articles", content=self.body, headers={"Authorization": f"Bearer {WRITE_TOKEN}"})
                self.answered, self.status = time.perf_counter() - started, r.status_code
                self.outcome = r.json()
                job = self.outcome.get("job")
                while job and self.outcome.get("state") not in ("done", "failed") and time.perf_counter() - started < WRITE_TIMEOUT:
                    time.sleep(0.25)
                    self.outcome = client.get(self.outcome.get("url") or f"/api/jobs/{job}").json()
                if self.outcome.get("state", "done") == "done":
                    self.stored = time.perf_counter() - started
        except httpx.HTTPError as e:
            self.outcome = {"state": f"no answer within {WRITE_TIMEOUT} s ({type(e).__name__})"}
        finally:
            self.done.set()


async def reads_until(base: str, concurrency: int, facets: dict, stop: threading.Event | float) -> tuple[int, float]:
    """Reads from `concurrency` connections until `stop` (an event, or a number of seconds): (answered, seconds)."""
    rng = random.Random(3)
    answered = 0
    started = time.monotonic()

    def over() -> bool:
        if isinstance(stop, threading.Event):
            return stop.is_set() or time.monotonic() - started > WRITE_TIMEOUT
        return time.monotonic() - started >= stop

    async def worker(client: httpx.AsyncClient) -> None:
        nonlocal answered
        while not over():
            _, params = rng.choice(queries(facets, rng))
            r = await client.get("/api/events", params=params)
            answered += r.status_code == 200

    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=60) as client:
        await asyncio.gather(*(worker(client) for _ in range(concurrency)))
    return answered, time.monotonic() - started


def write_phase(base: str, server_pid: int, concurrency: int, facets: dict, articles: int, alone_seconds: float) -> None:
    body = write_body(articles)
    cpu0 = cpu_seconds(server_pid)
    before_n, before_s = asyncio.run(reads_until(base, concurrency, facets, alone_seconds))
    cpu1 = cpu_seconds(server_pid)
    api_before = rss_mb(server_pid)
    write = Write(base, body)
    peaks = {"api": api_before, "children": 0.0, "children_cpu": 0.0}

    def sample() -> None:
        while not write.done.wait(0.5):
            peaks["api"] = max(peaks["api"], rss_mb(server_pid))
            kids = children(server_pid)
            peaks["children"] = max(peaks["children"], sum(rss_mb(c) for c in kids))
            peaks["children_cpu"] = max(peaks["children_cpu"], sum(cpu_seconds(c) for c in kids))

    sampler = threading.Thread(target=sample, daemon=True)
    write.start()
    sampler.start()
    during_n, during_s = asyncio.run(reads_until(base, concurrency, facets, write.done))
    write.join()
    cpu2 = cpu_seconds(server_pid)
    after_n, after_s = asyncio.run(reads_until(base, concurrency, facets, alone_seconds))
    cpu3 = cpu_seconds(server_pid)
    alone = (before_n + after_n) / (before_s + after_s)
    during = during_n / during_s
    print(f"reads during a write: POST of {articles} articles ({len(body.encode()) / 1000:,.0f} kB JSON Lines), {concurrency} read connections")
    print(f"  reads alone         {alone:,.0f} requests/s   (before {before_n / before_s:,.0f}, after {after_n / after_s:,.0f})")
    print(f"  reads during write  {during:,.0f} requests/s   = {during / alone:.0%} of alone, over {during_s:.1f} s")
    # CPU per answered read does not depend on what else the machine runs: it tells the
    # store's own cost during a write (cache invalidation, a growing WAL) from contention.
    alone_cpu = ((cpu1 - cpu0) + (cpu3 - cpu2)) / max(1, before_n + after_n)
    during_cpu = (cpu2 - cpu1) / max(1, during_n)
    print(f"  API CPU per read    alone {alone_cpu * 1000:.1f} ms, during the write {during_cpu * 1000:.1f} ms (the POST and job polls included); the worker used {peaks['children_cpu']:.1f} s of CPU")
    answered = f"{write.status} in {write.answered * 1000:,.0f} ms" if write.answered is not None else "nothing"
    stored = f"stored after {write.stored:.1f} s" if write.stored is not None else write.outcome.get("state")
    print(f"  the POST answered   {answered}; the articles: {stored}")
    print(f"  memory (RSS)        API process {api_before:,.0f} -> peak {peaks['api']:,.0f} MB; its child processes peak {peaks['children']:,.0f} MB")


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--events", type=int, default=50_000)
    ap.add_argument("--requests", type=int, default=3_000)
    ap.add_argument("--concurrency", type=int, default=8)
    ap.add_argument("--records", help="article records (JSON Lines) to multiply instead of the sample corpus")
    ap.add_argument("--db", help="reuse (or keep) the database here instead of a temporary one")
    ap.add_argument("--dashboard", action="store_true", help="measure the dashboard (Chromium) and the map's request instead")
    ap.add_argument("--runs", type=int, default=5, help="--dashboard: page loads to time")
    ap.add_argument("--map-requests", type=int, default=200, help="--dashboard: map requests to replay at --concurrency clients")
    ap.add_argument("--no-write", action="store_true", help="skip the reads-during-a-write measurement")
    ap.add_argument("--write-articles", type=int, default=48, help="articles in the POST")
    ap.add_argument("--alone-seconds", type=float, default=15, help="seconds of reads alone before and after the write")
    args = ap.parse_args()

    tmp = tempfile.TemporaryDirectory(prefix="dateline-load-")
    db = Path(args.db) if args.db else Path(tmp.name) / "load.db"
    if db.exists():
        with Store(db) as store:
            counts = store.counts()
        print(f"store: {db} ({counts['articles']} articles, {counts['events']} events, reused)")
    else:
        records = real_records(args.records)
        articles, events, seconds = build_store(db, records, args.events)
        print(f"store: {articles} articles, {events} events, built in {seconds:.1f} s ({events / seconds:,.0f} events/s)")

    dateline = str(Path(sys.executable).with_name("dateline"))
    env = {**os.environ, "DATELINE_WRITE_TOKEN": WRITE_TOKEN}
    server = subprocess.Popen([dateline, "serve", "--db", str(db), "--host", "127.0.0.1", "--port", "0"], stdout=subprocess.PIPE, text=True, env=env)
    try:
        m = re.search(r"http://127\.0\.0\.1:\d+/", server.stdout.readline())
        if not m:
            raise SystemExit("the server did not start")
        base = m.group(0)
        for _ in range(100):
            try:
                facets = httpx.get(base + "api/facets", timeout=5).json()
                break
            except httpx.TransportError:
                time.sleep(0.1)
        if args.dashboard:
            dashboard_benchmark(base, args.runs, args.map_requests, args.concurrency)
            return
        facets["actors"] = [a["actor"] for a in httpx.get(base + "api/actors", params={"limit": 10}).json()["actors"]]
        total_events = httpx.get(base + "api/events", params={"limit": 1}).json()["total"]
        asyncio.run(run_load(base, 50, args.concurrency, facets))  # warm up caches
        started = time.perf_counter()
        latencies = asyncio.run(run_load(base, args.requests, args.concurrency, facets))
        wall = time.perf_counter() - started
        report_reads(latencies, wall, total_events, args.concurrency)
        if not args.no_write:
            write_phase(base, server.pid, args.concurrency, facets, args.write_articles, args.alone_seconds)
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:  # still busy with a write it could not finish
            server.kill()
            server.wait()
    tmp.cleanup()


def report_reads(latencies: dict[str, list[float]], wall: float, total_events: int, concurrency: int) -> None:
    every = [x for xs in latencies.values() for x in xs]
    print(f"/api/events on {total_events:,} events: {len(every)} requests, {concurrency} connections, {wall:.1f} s")
    print(f"  throughput {len(every) / wall:,.0f} requests/s   p50 {pct(every, 50) * 1000:.1f} ms   p95 {pct(every, 95) * 1000:.1f} ms   p99 {pct(every, 99) * 1000:.1f} ms")
    for name, xs in sorted(latencies.items()):
        print(f"  {name:<22} n={len(xs):<5} median {statistics.median(xs) * 1000:6.1f} ms   p95 {pct(xs, 95) * 1000:6.1f} ms")


if __name__ == "__main__":
    main()
