"""Writes through the API are jobs: answered at once (202), run by a worker process that
is not the API's, kept in the store until done, and no worker outlives its server."""

from __future__ import annotations

import json
import os
import re
import signal
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
from dateline.store.jobs import MAX_ATTEMPTS, JobQueue, jobs_path

LOCAL = "http://127.0.0.1:8000"
TOKEN = "a-token-for-job-tests"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
ARTICLE = (
    "Mortar fire hits Tarn market\n\n"
    "TARN (Test Wire) – Mortar rounds landed in the main market of Tarn on Tuesday, killing four traders, a medic said.\n"
)
PROC = Path("/proc")


def poll(get, url: str, timeout: float = 120.0) -> dict:
    deadline = time.monotonic() + timeout
    while True:
        job = get(url).json()
        if job["state"] in ("done", "failed"):
            return job
        assert time.monotonic() < deadline, job
        time.sleep(0.1)


def children_of(pid: int) -> list[int]:
    found = []
    for task in (PROC / str(pid) / "task").iterdir():
        found += [int(c) for c in (task / "children").read_text().split()]
    return found


def maps_spacy(pid: int) -> bool:
    """Has the process loaded spaCy's compiled modules?"""
    return "/spacy/" in (PROC / str(pid) / "maps").read_text()


def niceness(pid: int) -> int:
    return int((PROC / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[16])


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    status = (PROC / str(pid) / "status").read_text() if (PROC / str(pid)).exists() else ""
    return "State:\tZ" not in status  # a zombie has exited


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "jobs.db"
    Store(path).close()
    return path


class Server:
    """`dateline serve` with writes on, as a user starts it."""

    def __init__(self, db: Path, *args: str) -> None:
        env = {**os.environ, "DATELINE_WRITE_TOKEN": TOKEN}
        dateline = str(Path(sys.executable).with_name("dateline"))
        self.proc = subprocess.Popen([dateline, "serve", "--db", str(db), "--port", "0", *args], stdout=subprocess.PIPE, text=True, env=env)
        m = re.search(r"http://127\.0\.0\.1:\d+/", self.proc.stdout.readline())
        assert m, "the server did not start"
        self.url = m.group(0)
        for _ in range(200):
            try:
                httpx.get(self.url + "api/facets", timeout=2)
                break
            except httpx.TransportError:
                time.sleep(0.05)

    def get(self, path: str):
        return httpx.get(self.url + path.lstrip("/"), timeout=30)

    def post(self, body: str):
        return httpx.post(self.url + "api/articles", content=body, headers=AUTH, timeout=30)

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(timeout=30)


@pytest.mark.slow
@pytest.mark.skipif(not PROC.exists(), reason="reads /proc")
def test_the_language_layer_runs_in_a_worker_process_not_the_api(db):
    server = Server(db)
    try:
        started = time.monotonic()
        r = server.post(ARTICLE)
        answered = time.monotonic() - started
        assert r.status_code == 202 and r.json()["articles"] == 1
        job = poll(server.get, r.json()["url"])
        assert job["state"] == "done", job
        (art_id,) = job["result"]["ids"]
        events = server.get(f"/api/events?article={art_id}").json()["events"]
        assert [ev["fatalities"] for ev in events] == [4]
        # spaCy is loaded in the worker, never in the API process
        (worker,) = children_of(server.proc.pid)
        assert maps_spacy(worker) and not maps_spacy(server.proc.pid)
        # at the lowest CPU priority, within the API's scheduling group (its session), so that
        # it yields to reads; in a process group of its own, so Ctrl+C reaches the API only
        assert niceness(worker) == 19 and niceness(server.proc.pid) == os.nice(0)
        if hasattr(os, "SCHED_IDLE"):  # Linux: only idle CPU, a waking read preempts it at once
            assert os.sched_getscheduler(worker) == os.SCHED_IDLE
        assert os.getsid(worker) == os.getsid(server.proc.pid)
        assert os.getpgid(worker) == worker != os.getpgid(server.proc.pid)
        group = PROC / str(worker) / "autogroup"
        if group.exists():
            assert group.read_text() == (PROC / str(server.proc.pid) / "autogroup").read_text()
        assert answered < job_seconds(job)  # the POST did not wait for the language layer
    finally:
        server.close()


def job_seconds(job: dict) -> float:
    def t(s):
        return time.mktime(time.strptime(s, "%Y-%m-%dT%H:%M:%SZ"))

    return max(1.0, t(job["finished"]) - t(job["submitted"]))


@pytest.mark.slow
@pytest.mark.skipif(not PROC.exists(), reason="reads /proc")
@pytest.mark.parametrize("trial", range(3))
def test_no_worker_outlives_a_killed_server(db, trial):
    server = Server(db)
    try:
        r = server.post(ARTICLE.replace("Tuesday", ["Monday", "Wednesday", "Friday"][trial]))
        assert r.status_code == 202
        deadline = time.monotonic() + 30
        while not children_of(server.proc.pid):
            assert time.monotonic() < deadline
            time.sleep(0.05)
        (worker,) = children_of(server.proc.pid)
        time.sleep(trial)  # idle, loading spaCy, or running the job
        server.proc.send_signal(signal.SIGKILL)
        server.proc.wait()
        deadline = time.monotonic() + 5
        while alive(worker):
            assert time.monotonic() < deadline, f"worker {worker} still alive 5 s after the server was killed"
            time.sleep(0.05)
    finally:
        server.close()
    # the job the killed server had filed is run by the next server's worker
    again = Server(db)
    try:
        assert poll(again.get, r.json()["url"])["state"] == "done"
    finally:
        again.close()


def test_a_job_whose_worker_died_runs_again_then_fails(db):
    queue = JobQueue(db)
    job_id = queue.submit(ARTICLE, "2017-02-03")
    for attempt in range(1, MAX_ATTEMPTS + 1):
        assert queue.claim() == (job_id, ARTICLE, "2017-02-03")
        assert queue.claim() is None  # one job, one worker
        queue.recover()  # what the next worker does first
        state = queue.status(job_id)
        assert state["state"] == ("queued" if attempt < MAX_ATTEMPTS else "failed"), attempt
    assert "stopped" in state["error"]
    assert queue.conn.execute("SELECT body FROM jobs WHERE id = ?", (job_id,)).fetchone()[0] is None
    assert jobs_path(db).name == "jobs.db-jobs" and jobs_path(db).parent == db.parent


def test_filing_a_job_never_waits_for_the_stores_write_lock(db):
    """The worker may hold the store's write lock a long while (at a low CPU priority); the API must not wait."""
    with Store(db) as store:
        store.conn.execute("BEGIN IMMEDIATE")  # a writer in the middle of a batch
        try:
            started = time.monotonic()
            assert JobQueue(db).submit(ARTICLE) == 1
            assert time.monotonic() - started < 2
        finally:
            store.conn.execute("ROLLBACK")


def test_jobs_are_run_in_order_and_show_what_they_added_or_why_they_failed(db):
    with TestClient(create_app(db, write_token=TOKEN, language=False), base_url=LOCAL) as client:
        check_jobs_in_order(client)


def check_jobs_in_order(client) -> None:
    first = client.post("/api/articles", content=ARTICLE, headers=AUTH)
    second = client.post("/api/articles", content=json.dumps({"id": "j-2", "text": ARTICLE.replace("four", "five")}), headers=AUTH)
    assert second.json()["job"] == first.json()["job"] + 1
    a, b = poll(client.get, first.json()["url"]), poll(client.get, second.json()["url"])
    assert a["state"] == b["state"] == "done" and a["finished"] <= b["started"]
    assert b["result"]["ids"] == ["j-2"] and b["result"]["articles_in_store"] == 2
    assert client.get("/api/jobs/999999").status_code == 404
    for bad in ("0", "-1", "x", str(10**30)):
        assert client.get(f"/api/jobs/{bad}").status_code == 422, bad


def test_a_full_queue_is_503_and_files_nothing(db, monkeypatch):
    import dateline.serve.app as app_module

    monkeypatch.setattr(app_module, "MAX_PENDING_JOBS", 2)
    for _ in range(2):
        JobQueue(db).submit("waiting", None)
    client = TestClient(create_app(db, write_token=TOKEN, language=False), base_url=LOCAL)
    r = client.post("/api/articles", content=ARTICLE, headers=AUTH)
    assert r.status_code == 503 and r.headers["retry-after"] == "60" and "waiting" in r.json()["detail"]
    assert JobQueue(db).conn.execute("SELECT count(*) FROM jobs").fetchone()[0] == 2
    assert not client.app.state.worker.alive()  # nothing was filed, nothing woken


def test_bad_input_is_refused_before_a_job_is_filed(db):
    client = TestClient(create_app(db, write_token=TOKEN, language=False), base_url=LOCAL)
    r = client.post("/api/articles", content='{"id": "ok", "text": "Fine."}\n{"id": "=1+2", "text": "Not fine."}\n', headers=AUTH)
    assert r.status_code == 422 and r.json()["detail"].startswith("<request>:2: id not an article id")
    assert JobQueue(db).conn.execute("SELECT count(*) FROM jobs").fetchone()[0] == 0


def test_a_killed_worker_is_replaced_and_its_job_run_again(db):
    with TestClient(create_app(db, write_token=TOKEN, language=False), base_url=LOCAL) as client:
        worker = client.app.state.worker
        queue = JobQueue(db)  # a job the worker is in the middle of when it is killed
        job_id = queue.submit(json.dumps({"id": "k-1", "text": ARTICLE}), None)
        assert queue.claim()[0] == job_id
        worker.wake()
        first = worker.proc.pid
        worker.proc.kill()
        worker.proc.wait()
        job = poll(client.get, f"/api/jobs/{job_id}")  # polling notices the dead worker
        assert job["state"] == "done" and job["result"]["ids"] == ["k-1"]
        assert worker.proc.pid != first
