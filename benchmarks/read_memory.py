"""Reading and splitting a large dump streams: peak memory stays bounded.

Builds a dump of the requested size (default 100 MB) by repeating articles with a
counter in each so no two are identical, then reads and splits it in a fresh
process and prints articles, MB/s and peak RSS. Target: peak RSS under 500 MB.

    .venv/bin/python benchmarks/read_memory.py [--mb 100]
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def source_text() -> str:
    shared = ROOT.parent / "shared" / "corpus" / "reuters-islamic-state-2017-2019.txt"
    if shared.exists():
        return shared.read_text(encoding="utf-8")
    sys.path.insert(0, str(ROOT / "src"))
    from dateline.sample import SAMPLE_CORPUS

    return SAMPLE_CORPUS.read_text(encoding="utf-8")


def build_dump(path: Path, megabytes: int) -> None:
    base = source_text()
    target = megabytes * 1_000_000
    written = 0
    n = 0
    with open(path, "w", encoding="utf-8") as fh:
        while written < target:
            n += 1
            chunk = base.replace("(Reuters) –", f"(Reuters) – [copy {n}]") + "\n\n"
            fh.write(chunk)
            written += len(chunk.encode("utf-8"))


def child(path: str) -> None:
    from dateline.read import ReadReport, read_inputs

    started = time.perf_counter()
    report = ReadReport()
    count = 0
    for _ in read_inputs([path], report=report):
        count += 1
    seconds = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    size_mb = os.path.getsize(path) / 1e6
    print(f"articles        {count}")
    print(f"input           {size_mb:.0f} MB")
    print(f"time            {seconds:.1f} s ({size_mb / seconds:.1f} MB/s)")
    print(f"peak RSS        {peak_mb:.0f} MB  (target < 500 MB)")
    print(f"errors          {len(report.errors)}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--mb", type=int, default=100)
    ap.add_argument("--child", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(args.child)
        return
    with tempfile.TemporaryDirectory() as tmp:
        dump = Path(tmp) / "dump.txt"
        build_dump(dump, args.mb)
        subprocess.run([sys.executable, __file__, "--child", str(dump)], check=True)


if __name__ == "__main__":
    main()
