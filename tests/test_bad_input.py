"""Bad input: one line naming the file (and line), exit code 2, no traceback, and the
good inputs of a batch still processed."""

import json

import pytest

from dateline.cli import main

GOOD = "TARN (Reuters) – A strike hit a fuel depot in Tarn on Friday, police said.\n"


def run(args, capsys):
    code = main(args)
    captured = capsys.readouterr()
    return code, captured.err


def assert_one_line_error(stderr: str, *needles: str) -> None:
    lines = [l for l in stderr.splitlines() if l.strip()]
    assert lines, "no error printed"
    assert "Traceback" not in stderr
    error_lines = [l for l in lines if "error:" in l]
    assert len(error_lines) == 1, stderr
    for needle in needles:
        assert needle in error_lines[0], (needle, error_lines[0])


@pytest.fixture
def out(tmp_path):
    return str(tmp_path / "out.jsonl")


def test_missing_path(tmp_path, out, capsys):
    missing = str(tmp_path / "nope.txt")
    code, err = run(["extract", missing, "-o", out, "--workers", "1"], capsys)
    assert code == 2
    assert_one_line_error(err, missing, "no such file")


def test_directory_with_nothing_readable(tmp_path, out, capsys):
    d = tmp_path / "pics"
    d.mkdir()
    (d / "photo.png").write_bytes(b"\x89PNG\r\n")
    code, err = run(["extract", str(d), "-o", out, "--workers", "1"], capsys)
    assert code == 2
    assert_one_line_error(err, str(d), "no readable files")


def test_empty_file(tmp_path, out, capsys):
    f = tmp_path / "empty.txt"
    f.write_text("")
    code, err = run(["extract", str(f), "-o", out, "--workers", "1"], capsys)
    assert code == 2
    assert_one_line_error(err, str(f), "empty file")


def test_whitespace_only_file(tmp_path, out, capsys):
    f = tmp_path / "blank.txt"
    f.write_text("\n \u00a0\n\n")
    code, err = run(["extract", str(f), "-o", out, "--workers", "1"], capsys)
    assert code == 2
    assert_one_line_error(err, str(f), "empty file")


def test_binary_file(tmp_path, out, capsys):
    f = tmp_path / "report.txt"
    f.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 4)
    code, err = run(["extract", str(f), "-o", out, "--workers", "1"], capsys)
    assert code == 2
    assert_one_line_error(err, str(f), "binary file", "PDF")


def test_binary_without_magic(tmp_path, out, capsys):
    f = tmp_path / "blob.txt"
    f.write_bytes(b"abc\x00\x01\x02\x03" * 100 + b"\x00" * 50)
    code, err = run(["extract", str(f), "-o", out, "--workers", "1"], capsys)
    assert code == 2
    assert_one_line_error(err, str(f), "binary file")


def test_undecodable_bytes(tmp_path, out, capsys):
    # UTF-8 text with a broken byte in the middle: decoding it as cp1252 would silently
    # garble every curly quote, so it is refused with the place it breaks.
    f = tmp_path / "broken.txt"
    f.write_bytes("“Quote,” he said.\nSecond line.\n".encode() + b"bad \xff\xfe byte\n")
    code, err = run(["extract", str(f), "-o", out, "--workers", "1"], capsys)
    assert code == 2
    assert_one_line_error(err, str(f), "undecodable", "line 3")


def test_huge_unsplittable_file(tmp_path, out, capsys):
    # 200 MB with no line breaks: not news text. Refused after reading a bounded
    # amount, so memory stays small.
    f = tmp_path / "huge.txt"
    with open(f, "wb") as fh:
        block = b"word " * 200_000  # 1 MB
        for _ in range(200):
            fh.write(block)
    code, err = run(["extract", str(f), "-o", out, "--workers", "1"], capsys)
    assert code == 2
    assert_one_line_error(err, str(f), "not news text")


def test_jsonl_line_that_is_not_json_names_the_line(tmp_path, out, capsys):
    f = tmp_path / "batch.jsonl"
    f.write_text(json.dumps({"text": GOOD}) + "\n{not json\n" + json.dumps({"text": GOOD.replace("Friday", "Monday")}) + "\n")
    code, err = run(["extract", str(f), "-o", out, "--workers", "1"], capsys)
    assert code == 2
    assert f"{f}:2" in err and "not JSON" in err and "Traceback" not in err
    # The good lines were still processed.
    assert len(open(out).read().splitlines()) == 2


def test_batch_processes_good_inputs_and_lists_bad_ones(tmp_path, out, capsys):
    good = tmp_path / "good.txt"
    good.write_text(GOOD)
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    missing = tmp_path / "missing.txt"
    code, err = run(["extract", str(good), str(empty), str(missing), "-o", out, "--workers", "1"], capsys)
    assert code == 2
    assert len(open(out).read().splitlines()) == 1
    assert "2 inputs that could not be read" in err
    assert str(empty) in err and str(missing) in err


def test_bad_run_keeps_earlier_output(tmp_path, out, capsys):
    with open(out, "w") as fh:
        fh.write('{"kept": true}\n')
    code, _ = run(["extract", str(tmp_path / "missing.txt"), "-o", out, "--workers", "1"], capsys)
    assert code == 2
    assert open(out).read() == '{"kept": true}\n'


def test_bad_published_flag(tmp_path, out, capsys):
    good = tmp_path / "good.txt"
    good.write_text(GOOD)
    code, err = run(["extract", str(good), "-o", out, "--published", "yesterday", "--workers", "1"], capsys)
    assert code == 2
    assert_one_line_error(err, "--published", "not a date")


@pytest.mark.parametrize("published", ["garbage-date!!", 12345, "2017-02-30", True, ["2017-02-03"]])
def test_garbage_given_date_in_json_lines_is_refused_naming_file_and_line(tmp_path, out, capsys, published):
    f = tmp_path / "dated.jsonl"
    lines = [{"text": GOOD, "published": "2017-02-03"}, {"text": GOOD.replace("Friday", "Monday"), "published": published}]
    f.write_text("".join(json.dumps(obj) + "\n" for obj in lines))
    code, err = run(["extract", str(f), "-o", out, "--workers", "1", "-q"], capsys)
    assert code == 2
    assert_one_line_error(err, f"{f}:2", "published", "not a date", repr(published))
    # The good line was still processed, with its given date.
    records = [json.loads(line) for line in open(out)]
    assert [r["published"]["date"] for r in records] == ["2017-02-03"]


def test_overlong_article_in_json_lines_is_listed_and_skipped(tmp_path, out, capsys):
    f = tmp_path / "big.jsonl"
    f.write_text(json.dumps({"text": "word " * 300_000}) + "\n" + json.dumps({"text": GOOD}) + "\n")
    code, err = run(["extract", str(f), "-o", out, "--workers", "1"], capsys)
    assert code == 2
    assert f"{f}:1" in err and "over the 1,000,000" in err and "Traceback" not in err
    assert len(open(out).read().splitlines()) == 1


def test_unknown_engine(tmp_path, out, capsys):
    good = tmp_path / "good.txt"
    good.write_text(GOOD)
    code, err = run(["extract", str(good), "-o", out, "--engine", "spark"], capsys)
    assert code == 2
    assert_one_line_error(err, "--engine must be one of")


@pytest.mark.parametrize("command", ["extract", "ingest", "eval", "serve"])
def test_an_unknown_option_is_a_usage_error_not_an_internal_one(command, capsys):
    code, err = run([command, "--no-such-option"], capsys)
    assert code == 2
    assert "No such option" in err and "internal error" not in err and "Traceback" not in err


@pytest.mark.parametrize("command", ["extract", "ingest"])
@pytest.mark.parametrize(
    "flags, problem",
    [(["--workers", "0"], "--workers must be a whole number of at least 1"), (["--engine", "spark"], "--engine must be one of")],
)
def test_run_options_are_refused_alike_by_every_command(tmp_path, capsys, command, flags, problem):
    good = tmp_path / "good.txt"
    good.write_text(GOOD)
    target = ["-o", str(tmp_path / "out.jsonl")] if command == "extract" else ["--db", str(tmp_path / "x.db")]
    code, err = run([command, str(good), *target, *flags], capsys)
    assert code == 2
    assert_one_line_error(err, problem)
    assert not (tmp_path / "x.db").exists() and not (tmp_path / "out.jsonl").exists()


def feed_stdin(monkeypatch, data: bytes) -> None:
    import io
    import sys

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))


def test_errors_on_stdin_name_stdin_not_a_temporary_file(tmp_path, out, monkeypatch, capsys):
    feed_stdin(monkeypatch, (json.dumps({"text": GOOD}) + "\n{not json\n").encode())
    code, err = run(["extract", "-", "-o", out, "--workers", "1", "-q"], capsys)
    assert code == 2
    assert_one_line_error(err, "<stdin>:2", "not JSON")
    assert "partial" not in err and "dateline-stdin" not in err
    assert len(open(out).read().splitlines()) == 1


@pytest.mark.parametrize("data", [b"", b"%PDF-1.7\n" + bytes(range(256)) * 4], ids=["empty", "binary"])
def test_unreadable_stdin_leaves_nothing_beside_the_output(tmp_path, out, monkeypatch, capsys, data):
    feed_stdin(monkeypatch, data)
    code, err = run(["extract", "-", "-o", out, "--workers", "1"], capsys)
    assert code == 2
    assert_one_line_error(err, "<stdin>")
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_files_a_directory_holds_in_no_readable_format_are_listed(tmp_path, out, capsys):
    d = tmp_path / "news"
    d.mkdir()
    (d / "report.txt").write_text(GOOD)
    (d / "archive.zip").write_bytes(b"PK\x03\x04" + b"\x00" * 40)
    (d / ".hidden.zip").write_bytes(b"PK\x03\x04")
    code, err = run(["extract", str(d), "-o", out, "--workers", "1", "-q"], capsys)
    assert code == 0
    assert f"skipped: {d / 'archive.zip'}" in err and ".hidden" not in err
    assert len(open(out).read().splitlines()) == 1


def test_exact_repeats_are_written_once_so_ids_stay_unique(tmp_path, out, capsys):
    batch = tmp_path / "batch.jsonl"
    other = GOOD.replace("Friday", "Monday")
    batch.write_text("".join(json.dumps({"text": t}) + "\n" for t in (GOOD, other, GOOD)))
    copy = tmp_path / "copy.txt"
    copy.write_text(other)
    code, err = run(["extract", str(batch), str(copy), "-o", out, "--workers", "1"], capsys)
    assert code == 0, err
    ids = [json.loads(line)["id"] for line in open(out)]
    assert len(ids) == 2 == len(set(ids))
    assert "repeated inputs" in err


def test_a_given_id_used_again_for_other_text_is_refused_naming_the_line(tmp_path, out, capsys):
    batch = tmp_path / "batch.jsonl"
    batch.write_text(json.dumps({"text": GOOD, "id": "r1"}) + "\n" + json.dumps({"text": GOOD.replace("Friday", "Monday"), "id": "r1"}) + "\n")
    code, err = run(["extract", str(batch), "-o", out, "--workers", "1", "-q"], capsys)
    assert code == 2
    assert_one_line_error(err, f"{batch}:2", "'r1'", "already")
    assert [json.loads(line)["id"] for line in open(out)] == ["r1"]
