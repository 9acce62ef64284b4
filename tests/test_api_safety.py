"""The API under misuse: numbers out of any range, foreign Host headers, HEAD, and the
security headers on every response, the internal errors included."""

from __future__ import annotations

import base64
import json
import warnings

import pytest

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from dateline.serve import create_app
from dateline.store import Store
from dateline.store import queries as Q
from eventdata import build_records

LOCAL = "http://127.0.0.1:8000"  # the Host a browser on this machine sends
SECURITY_HEADERS = ("content-security-policy", "x-content-type-options", "x-frame-options", "referrer-policy")
HUGE = 10**30


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("safety") / "s.db"
    with Store(path) as store:
        store.add_records(build_records(12, seed=5))
        store.assign_stories()
    return path


@pytest.fixture(scope="module")
def client(db):
    return TestClient(create_app(db, language=False), base_url=LOCAL, raise_server_exceptions=False)


def cursor(sort: str, value, last_id) -> str:
    raw = json.dumps({"s": sort, "v": value, "i": last_id}).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def assert_safe_headers(r) -> None:
    for name in SECURITY_HEADERS:
        assert name in r.headers, (r.request.url, r.status_code, name)
    assert r.headers["x-content-type-options"] == "nosniff"


# -- numbers -------------------------------------------------------------------------


def numeric_parameters(doc: dict) -> list[tuple[str, str, str, dict]]:
    """(path, method, name, schema) of every integer or number parameter in the OpenAPI document."""
    found = []
    for path, ops in doc["paths"].items():
        for method, op in ops.items():
            for p in op.get("parameters", []):
                schemas = [p["schema"], *p["schema"].get("anyOf", [])]
                for s in schemas:
                    if s.get("type") in ("integer", "number"):
                        found.append((path, method, p["name"], s))
    return found


def test_every_integer_parameter_declares_a_range_sqlite_can_hold(client):
    params = numeric_parameters(client.get("/openapi.json").json())
    assert {name for _, _, name, _ in params} >= {"min_fatalities", "min_confidence", "limit", "top"}
    for path, method, name, schema in params:
        if schema["type"] == "integer":
            assert Q.SQL_INT_MIN <= schema.get("minimum", schema.get("exclusiveMinimum", Q.SQL_INT_MIN - 1)), (path, name)
            assert schema.get("maximum", Q.SQL_INT_MAX + 1) <= Q.SQL_INT_MAX, (path, name)


def test_every_numeric_query_parameter_out_of_range_is_422(client):
    doc = client.get("/openapi.json").json()
    tried = 0
    for path, method, name, _ in numeric_parameters(doc):
        if method != "get" or "{" in path:
            continue
        extra = {"q": "attack"} if path == "/api/search" else {}
        for value in (HUGE, -HUGE, "1e400", "nan", "inf", "-inf", "9" * 400):
            r = client.get(path, params={**extra, name: value})
            assert r.status_code == 422, (path, name, value, r.status_code, r.text[:200])
            assert name in r.json()["detail"]
            assert_safe_headers(r)
            tried += 1
    assert tried >= 7 * 6


@pytest.mark.parametrize(
    "path, params",
    [
        ("/api/events", {"min_fatalities": HUGE}),
        ("/api/stats", {"min_fatalities": HUGE}),
        ("/api/events", {"cursor": cursor("-date", "2018-01-01", HUGE)}),
        ("/api/events", {"cursor": cursor("-date", "2018-01-01", -HUGE)}),
        ("/api/events", {"sort": "-fatalities", "cursor": cursor("-fatalities", HUGE, 3)}),
        ("/api/events", {"sort": "-fatalities", "cursor": cursor("-fatalities", HUGE, 3), "format": "csv"}),
        ("/api/events", {"sort": "-fatalities", "cursor": cursor("-fatalities", 5, HUGE), "format": "jsonl"}),
        ("/api/articles", {"cursor": "99999999999999999999"}),
        ("/api/articles", {"cursor": "-99999999999999999999"}),
        ("/api/articles", {"cursor": "1_000"}),
    ],
)
def test_numbers_beyond_sqlite_in_filters_and_cursors_are_422(client, path, params):
    r = client.get(path, params=params)
    assert r.status_code == 422, r.text
    assert ("cursor" in params and "cursor" in r.json()["detail"]) or "min_fatalities" in r.json()["detail"]
    assert_safe_headers(r)


def test_cursors_the_server_gave_still_page(client):
    first = client.get("/api/events", params={"limit": 3, "sort": "-fatalities"}).json()
    assert first["next_cursor"]
    second = client.get("/api/events", params={"limit": 3, "sort": "-fatalities", "cursor": first["next_cursor"]})
    assert second.status_code == 200 and second.json()["events"]
    arts = client.get("/api/articles", params={"limit": 2}).json()
    assert client.get("/api/articles", params={"cursor": arts["next_cursor"]}).status_code == 200


# -- headers, HEAD, Host -----------------------------------------------------------------


@pytest.mark.parametrize(
    "method, path",
    [
        ("GET", "/"),
        ("GET", "/static/js/main.js"),
        ("GET", "/api/events?limit=2"),
        ("GET", "/api/events?format=csv&limit=2"),
        ("GET", "/api/articles/nosuchid"),
        ("GET", "/api/events?limit=0"),
        ("GET", "/openapi.json"),
        ("GET", "/api/docs"),
        ("GET", "/no/such/page"),
        ("DELETE", "/api/events"),
        ("POST", "/api/articles"),
        ("HEAD", "/api/events"),
    ],
)
def test_security_headers_on_every_response(client, method, path):
    r = client.request(method, path)
    assert_safe_headers(r)
    assert r.headers["x-frame-options"] == "DENY" and r.headers["referrer-policy"] == "no-referrer"


def test_an_internal_error_is_a_bare_500_with_the_security_headers(client, monkeypatch):
    def broken(conn):
        raise RuntimeError("secret detail of a bug")

    monkeypatch.setattr(Q, "facets", broken)
    r = client.get("/api/facets")
    assert r.status_code == 500
    assert r.json() == {"detail": "internal error"}
    assert_safe_headers(r)
    assert "default-src 'self'" in r.headers["content-security-policy"]


@pytest.mark.parametrize("path", ["/", "/api/events?limit=3", "/api/events?format=csv&limit=3", "/api/stats", "/static/js/main.js", "/openapi.json"])
def test_head_is_answered_wherever_get_is(client, path):
    got = client.get(path)
    head = client.head(path)
    assert head.status_code == got.status_code == 200
    assert head.content == b""
    assert head.headers["content-type"] == got.headers["content-type"]
    assert_safe_headers(head)


def test_head_where_there_is_no_get_is_still_405(client):
    r = client.head("/api/articles/../../nothing")
    assert r.status_code in (404, 405)
    assert client.request("PUT", "/api/events").status_code == 405


@pytest.mark.parametrize("host", ["127.0.0.1", "127.0.0.1:8000", "localhost:8000", "LOCALHOST", "[::1]:8000"])
def test_loopback_host_names_are_answered(client, host):
    assert client.get("/api/facets", headers={"host": host}).status_code == 200


@pytest.mark.parametrize("host", ["attacker.example", "attacker.example:8000", "127.0.0.1.attacker.example", "localhost.attacker.example", "", "[::1"])
def test_a_foreign_host_gets_400(client, host):
    r = client.get("/api/events", headers={"host": host})
    assert r.status_code == 400
    assert "events" not in r.text
    assert_safe_headers(r)


def test_other_names_are_answered_when_the_server_is_told_them(db):
    from dateline.serve.guards import allowed_hosts

    c = TestClient(create_app(db, language=False, hosts=allowed_hosts("0.0.0.0", ["dateline.lan"])), base_url=LOCAL)
    assert c.get("/api/facets", headers={"host": "dateline.lan:8000"}).status_code == 200
    assert c.get("/api/facets", headers={"host": "127.0.0.1"}).status_code == 200
    assert c.get("/api/facets", headers={"host": "other.lan"}).status_code == 400
    bound = TestClient(create_app(db, language=False, hosts=allowed_hosts("192.0.2.7")), base_url=LOCAL)
    assert bound.get("/api/facets", headers={"host": "192.0.2.7:8000"}).status_code == 200


# -- the API docs' own policy ----------------------------------------------------------


def test_docs_page_has_a_csp_that_allows_exactly_its_own_scripts(client):
    from dateline.serve.guards import page_csp

    r = client.get("/api/docs")
    csp = r.headers["content-security-policy"]
    assert csp == page_csp(r.text)
    script_src = next(d for d in csp.split("; ") if d.startswith("script-src"))
    assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src
    assert script_src.count("'sha256-") == r.text.count("<script>") >= 1
    assert "frame-ancestors 'none'" in csp and "connect-src 'self'" in csp
    # a script the page does not carry gets a hash the policy lacks
    assert page_csp(r.text.replace("</body>", "<script>alert(1)</script></body>")) != csp


@pytest.mark.browser
def test_docs_page_runs_its_inline_script_under_its_csp_and_nothing_injected(db):
    from pathlib import Path

    from test_dashboard import CHROMIUM, FLAGS, LiveServer

    if not Path(CHROMIUM).exists():
        pytest.skip(f"needs Chromium ({CHROMIUM} is absent)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with LiveServer(db) as live, sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        page = browser.new_page()
        messages: list[str] = []
        page.on("console", lambda m: messages.append(m.text))
        # Offline: anything off this machine fails, as on an air-gapped laptop.
        page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(live.url) else route.abort())
        page.goto(live.url + "api/docs")
        page.wait_for_load_state("load")
        own = list(messages)
        with pytest.raises(sync_api.Error, match="Content Security Policy"):
            page.add_script_tag(content="document.body.dataset.injected = 'ran'")
        injected = page.get_attribute("body", "data-injected")
        browser.close()
    assert not [m for m in own if "Content Security Policy" in m], own
    assert injected is None


# -- `dateline serve`: tokens, hosts, warnings ---------------------------------------------


@pytest.fixture
def served(monkeypatch, db):
    """`dateline serve` run in process with the server itself replaced: what it would serve with."""
    import dateline.serve.server as server

    calls = []
    monkeypatch.setattr(server, "serve", lambda path, **kw: calls.append(kw))
    monkeypatch.delenv("DATELINE_WRITE_TOKEN", raising=False)

    def run(*args, capsys):
        from dateline.cli import main

        code = main(["serve", "--db", str(db), *args])
        return code, capsys.readouterr().err, (calls[-1] if calls else None)

    return run


def test_a_token_on_the_command_line_is_refused(served, capsys):
    code, err, call = served("--write-token", "s3cret-on-the-command-line", capsys=capsys)
    assert code == 2 and call is None
    (line,) = [l for l in err.splitlines() if "error:" in l]
    assert "--write-token" in line and "ps" in line and "DATELINE_WRITE_TOKEN" in line
    assert "s3cret" not in err


def test_the_token_comes_from_the_environment_or_a_file(served, capsys, monkeypatch, tmp_path):
    monkeypatch.setenv("DATELINE_WRITE_TOKEN", "from-the-environment")
    assert served(capsys=capsys)[2]["write_token"] == "from-the-environment"
    monkeypatch.delenv("DATELINE_WRITE_TOKEN")
    f = tmp_path / "token"
    f.write_text("from-a-file\n")
    f.chmod(0o600)
    code, err, call = served("--write-token-file", str(f), capsys=capsys)
    assert code == 0 and call["write_token"] == "from-a-file" and "warning" not in err
    f.chmod(0o644)
    code, err, call = served("--write-token-file", str(f), capsys=capsys)
    assert call["write_token"] == "from-a-file" and "readable by other users" in err
    assert served(capsys=capsys)[2]["write_token"] is None  # neither: writes off


@pytest.mark.parametrize("content, needle", [(None, "cannot read"), ("", "one word"), ("two words\n", "one word")])
def test_a_bad_token_file_is_one_line_and_exit_2(served, capsys, tmp_path, content, needle):
    f = tmp_path / "token"
    if content is not None:
        f.write_text(content)
    code, err, call = served("--write-token-file", str(f), capsys=capsys)
    assert code == 2 and call is None
    (line,) = [l for l in err.splitlines() if "error:" in l]
    assert str(f) in line and needle in line


def test_serving_beyond_loopback_with_writes_on_is_warned_about(served, capsys, monkeypatch):
    code, err, call = served("--host", "0.0.0.0", capsys=capsys)
    assert code == 0 and "with writes on" not in err and "--allow-host" in err
    monkeypatch.setenv("DATELINE_WRITE_TOKEN", "a-token-for-tests")
    code, err, call = served("--host", "0.0.0.0", "--allow-host", "dateline.lan", capsys=capsys)
    assert code == 0 and call["write_token"] == "a-token-for-tests" and call["allow_hosts"] == ["dateline.lan"]
    (warning,) = [l for l in err.splitlines() if "warning:" in l]
    assert "0.0.0.0" in warning and "writes on" in warning
    code, err, call = served("--host", "127.0.0.1", capsys=capsys)
    assert "warning" not in err and "note" not in err
