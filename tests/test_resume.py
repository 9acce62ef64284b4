"""A killed `dateline extract` resumes where it stopped: same output as a clean run, no duplicates."""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from dateline.sample import SAMPLE_CORPUS

pytestmark = pytest.mark.slow


def extract_cmd(src: Path, out: Path) -> list[str]:
    return [sys.executable, "-m", "dateline.cli", "extract", str(src), "-o", str(out), "--workers", "1", "-q"]


def test_killed_extract_resumes_without_duplicates(tmp_path):
    # A corpus long enough to kill mid-way: the sample, three times, each copy made distinct.
    text = SAMPLE_CORPUS.read_text(encoding="utf-8")
    src = tmp_path / "corpus.txt"
    src.write_text("\n\n".join(text.replace("(Dateline Wire) –", f"(Dateline Wire) – [{i}]") for i in range(3)))
    clean = tmp_path / "clean.jsonl"
    subprocess.run(extract_cmd(src, clean), check=True)

    out = tmp_path / "out.jsonl"
    partial = out.with_name(out.name + ".partial")
    proc = subprocess.Popen(extract_cmd(src, out))
    deadline = time.time() + 300
    while time.time() < deadline:
        if partial.exists() and partial.read_bytes().count(b"\n") >= 4:
            break
        time.sleep(0.05)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert not out.exists(), "the output appears only when the run completes"
    done_before = partial.read_bytes().count(b"\n")
    assert 4 <= done_before < 36

    subprocess.run(extract_cmd(src, out), check=True)
    assert not partial.exists()
    got = [json.loads(line) for line in out.read_text().splitlines()]
    want = [json.loads(line) for line in clean.read_text().splitlines()]
    assert [r["id"] for r in got] == [r["id"] for r in want]  # no duplicates, none missing, same order
    assert got == want


def test_a_second_run_on_the_same_output_refuses_at_once_and_the_first_completes(tmp_path):
    src = tmp_path / "corpus.txt"
    src.write_text(SAMPLE_CORPUS.read_text(encoding="utf-8"))
    clean = tmp_path / "clean.jsonl"
    subprocess.run(extract_cmd(src, clean), check=True)

    out = tmp_path / "out.jsonl"
    first = subprocess.Popen(extract_cmd(src, out))
    lock = out.with_name(out.name + ".lock")
    deadline = time.time() + 120
    while not lock.exists() and time.time() < deadline:
        time.sleep(0.02)
    started = time.time()
    second = subprocess.run(extract_cmd(src, out), capture_output=True, text=True)
    assert time.time() - started < 30 and first.poll() is None, "refused while the first still runs, without waiting for it"
    assert second.returncode == 2
    lines = [l for l in second.stderr.splitlines() if l.strip()]
    assert len(lines) == 1 and str(out) in lines[0] and "another dateline run" in lines[0] and "Traceback" not in second.stderr
    assert first.wait(timeout=300) == 0
    assert out.read_text() == clean.read_text()  # complete, nothing lost or doubled
    assert not lock.exists()
