"""Ids and publication dates an input gives: refused alike by `extract`, `ingest` and the
API's write endpoint (one line naming the input and line), and every id that is
accepted opens in the API and in the dashboard's reader."""

from __future__ import annotations

import json
import warnings
from urllib.parse import quote

import pytest

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from dateline.cli import main
from dateline.read.ids import check_id
from dateline.serve import create_app
from dateline.store import Store

LOCAL = "http://127.0.0.1:8000"
TOKEN = "a-token-for-tests"
TEXT = "TARN (Test Wire) – Shelling hit the grain market of Tarn on {day}, a trader said."
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "Monday morning", "Tuesday night", "Friday noon"]

GOOD_IDS = ["a1", "reuters:2017-01-02:x9", "LYNX.M_12-3", 12345, "0", "A" * 128]
BAD_IDS = [{"x": 1}, ["a"], True, 1.5, "../../etc/passwd", "=1+2", "+1", "-1", "@SUM(A1)", "a b", "a/b", "A" * 129, ".hidden", "caf\u00e9", "x\n"]
BAD_DATES = ["garbage-date!!", 12345, "2017-02-30", "2017-13", True]


def lines_of(objs: list[dict]) -> str:
    return "".join(json.dumps(o) + "\n" for o in objs)


def error_lines(stderr: str) -> list[str]:
    assert "Traceback" not in stderr
    return [l.strip() for l in stderr.splitlines() if "error:" in l]


def test_the_id_check_takes_plain_ids_and_whole_numbers_only():
    assert [check_id(v) for v in GOOD_IDS] == ["a1", "reuters:2017-01-02:x9", "LYNX.M_12-3", "12345", "0", "A" * 128]
    assert check_id(None) is None and check_id("") is None
    for bad in BAD_IDS:
        with pytest.raises(ValueError, match="not an article id"):
            check_id(bad)


@pytest.fixture
def given_file(tmp_path):
    """Good ids on odd lines, a bad id or date on even ones."""
    objs = []
    for n, good in enumerate(GOOD_IDS):
        objs.append({"id": good, "text": TEXT.format(day=DAYS[n])})
        bad = BAD_IDS[n]
        objs.append({"id": bad, "text": TEXT.format(day=DAYS[n]) + " (bad)"})
    for n, date in enumerate(BAD_DATES):
        objs.append({"id": f"dated{n}", "text": TEXT.format(day=DAYS[n]) + " (dated)", "published": date})
    path = tmp_path / "given.jsonl"
    path.write_text(lines_of(objs), encoding="utf-8")
    return path, objs


def expected_errors(path, objs) -> list[tuple[str, str]]:
    out = []
    for n, obj in enumerate(objs, 1):
        if "published" in obj:
            out.append((f"{path}:{n}:", f"published not a date: {obj['published']!r}"))
        elif check_id_or_none(obj["id"]) is None:
            out.append((f"{path}:{n}:", f"id not an article id: {obj['id']!r}"))
    return out


def check_id_or_none(value):
    try:
        return check_id(value)
    except ValueError:
        return None


def test_ingest_refuses_bad_ids_and_dates_by_line_and_every_stored_id_opens(tmp_path, given_file, capsys):
    path, objs = given_file
    db = tmp_path / "given.db"
    code = main(["ingest", str(path), "--db", str(db), "--no-language", "--workers", "1", "-q"])
    errors = error_lines(capsys.readouterr().err)
    assert code == 2
    want = expected_errors(path, objs)
    assert len(errors) == len(want) == len(GOOD_IDS) + len(BAD_DATES)
    for line, (where, problem) in zip(errors, want):
        assert where in line and problem in line, (line, where, problem)
    with Store(db) as store:
        stored = [r[0] for r in store.conn.execute("SELECT id FROM articles ORDER BY seq")]
    assert stored == [str(i) for i in GOOD_IDS]
    client = TestClient(create_app(db, language=False), base_url=LOCAL)
    for art_id in stored:
        # as the dashboard's reader asks for it: /api/articles/${encodeURIComponent(id)}
        r = client.get("/api/articles/" + quote(art_id, safe="-_.!~*'()"))
        assert r.status_code == 200 and r.json()["id"] == art_id
        assert client.get("/api/events", params={"article": art_id}).status_code == 200


def test_extract_refuses_them_alike(tmp_path, given_file, capsys):
    path, objs = given_file
    out = tmp_path / "out.jsonl"
    code = main(["extract", str(path), "-o", str(out), "--workers", "1", "-q"])
    errors = error_lines(capsys.readouterr().err)
    assert code == 2
    want = expected_errors(path, objs)
    assert len(errors) == len(want)
    for line, (where, problem) in zip(errors, want):
        assert where in line and problem in line
    assert [json.loads(l)["id"] for l in out.read_text().splitlines()] == [str(i) for i in GOOD_IDS]


@pytest.fixture
def writable(tmp_path):
    with TestClient(create_app(tmp_path / "w.db", write_token=TOKEN, language=False), base_url=LOCAL) as client:
        yield client  # leaving stops the app's write worker


def post(client, body: str, **params):
    return client.post("/api/articles", content=body, params=params, headers={"Authorization": f"Bearer {TOKEN}"})


@pytest.mark.parametrize("bad", BAD_IDS)
def test_the_api_refuses_a_bad_id_naming_the_line(writable, bad):
    body = lines_of([{"id": "fine", "text": TEXT.format(day="Monday")}, {"id": bad, "text": TEXT.format(day="Friday")}])
    r = post(writable, body)
    assert r.status_code == 422
    assert r.json()["detail"] == f"<request>:2: id not an article id: {bad!r} (use 1 to 128 letters, digits, '_', '.', ':' or '-', starting with a letter or digit)"


@pytest.mark.parametrize("bad", BAD_DATES)
def test_the_api_refuses_a_bad_date_in_json_lines_naming_the_line(writable, bad):
    r = post(writable, lines_of([{"id": "fine", "text": TEXT.format(day="Monday"), "published": bad}]))
    assert r.status_code == 422
    assert r.json()["detail"].startswith(f"<request>:1: published not a date: {bad!r} (use YYYY-MM-DD, YYYY-MM or YYYY)")


@pytest.mark.parametrize("bad", ["garbage-date!!", "12345", "2017-02-30", "2017-13", "yesterday"])
def test_the_api_published_parameter_is_refused_as_the_cli_flag_is(writable, tmp_path, capsys, bad):
    r = post(writable, TEXT.format(day="Monday"), published=bad)
    assert r.status_code == 422
    f = tmp_path / "a.txt"
    f.write_text(TEXT.format(day="Monday"))
    assert main(["extract", str(f), "-o", str(tmp_path / "o.jsonl"), "--published", bad, "--workers", "1"]) == 2
    (cli_line,) = error_lines(capsys.readouterr().err)
    assert r.json()["detail"] == f"published: not a date: {bad!r} (use YYYY-MM-DD, YYYY-MM or YYYY)"
    assert cli_line.endswith(f"--published: {r.json()['detail'].removeprefix('published: ')}")


def test_the_api_takes_a_full_iso_time_as_published(writable):
    r = post(writable, TEXT.format(day="Monday"), published="2017-02-03T10:00:00+00:00")
    assert r.status_code == 202, r.text


def test_the_store_refuses_an_id_it_could_not_serve(tmp_path):
    with Store(tmp_path / "s.db") as store:
        with pytest.raises(ValueError, match="not an article id"):
            store.add_records([{"id": "../x", "body": "Some text."}])
        assert store.add_records([{"id": 77, "body": "Some text."}]) == 1
        assert store.has("77")
