"""Show that a change leaves `dateline extract` output byte-identical.

A refactor promises no change in behaviour; this script is how the promise is checked.
It extracts the same inputs with the code of a git ref (default: HEAD) and with the
working tree, and compares the JSON Lines byte for byte:

    python tools/same_output.py                 # working tree against HEAD
    python tools/same_output.py --ref 3356530   # against an older commit
    python tools/same_output.py --keep out/cmp  # keep both outputs for a diff

The inputs are the sample corpus we ship and, when ../shared/ is there, the seed dump,
the CENTCOM releases and news2016. The ref's code runs from a temporary `git worktree`
put first on PYTHONPATH, with the same installed dependencies.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"

INPUTS = {
    "sample": ROOT / "src/dateline/sample/corpus.txt",
    "seed": SHARED / "corpus/reuters-islamic-state-2017-2019.txt",
    "centcom": SHARED / "corpus/centcom-press-releases.jsonl",
    "news2016": SHARED / "corpus/news2016.jsonl",
}


def extract_all(src: Path, out: Path) -> dict[str, Path]:
    """Run `python -m dateline extract` with the package under `src` on every input."""
    out.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ, PYTHONPATH=str(src))
    done = {}
    for name, path in INPUTS.items():
        if not path.exists():
            continue
        target = out / f"{name}.jsonl"
        cmd = [sys.executable, "-m", "dateline", "extract", str(path), "-o", str(target), "--no-progress", "-q"]
        proc = subprocess.run(cmd, env=env, capture_output=True, text=True)
        if proc.returncode != 0:
            sys.exit(f"same_output: extract of {name} with {src} failed:\n{proc.stderr[-2000:]}")
        done[name] = target
    return done


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16]


def first_difference(a: Path, b: Path) -> str:
    for n, (x, y) in enumerate(zip(a.read_text().splitlines(), b.read_text().splitlines()), 1):
        if x != y:
            i = next((k for k, (p, q) in enumerate(zip(x, y)) if p != q), min(len(x), len(y)))
            return f"line {n}, column {i}: {x[max(0, i - 60):i + 60]!r} != {y[max(0, i - 60):i + 60]!r}"
    return "one file is longer"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--ref", default="HEAD", help="git ref whose output is the reference")
    ap.add_argument("--keep", type=Path, help="keep both outputs under this folder")
    args = ap.parse_args()

    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="same_output-"))
    tree = work / "ref-tree"
    if tree.exists():
        subprocess.run(["git", "worktree", "remove", "--force", str(tree)], cwd=ROOT, capture_output=True)
    subprocess.run(["git", "worktree", "add", "--detach", str(tree), args.ref], cwd=ROOT, check=True,
                   capture_output=True)
    try:
        before = extract_all(tree / "src", work / "before")
        after = extract_all(ROOT / "src", work / "after")
    finally:
        subprocess.run(["git", "worktree", "remove", "--force", str(tree)], cwd=ROOT, capture_output=True)
    same = True
    for name, path in before.items():
        other = after[name]
        ok = path.read_bytes() == other.read_bytes()
        same &= ok
        lines = len(path.read_text().splitlines())
        print(f"{name:10} {lines:4} records  {args.ref}: {digest(path)}  work tree: {digest(other)}  "
              f"{'identical' if ok else 'DIFFERENT'}")
        if not ok:
            print("           first difference at " + first_difference(path, other))
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    print("byte-identical" if same else "outputs differ")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
