#!/usr/bin/env python
"""Event figures on every development set in one run: what each commit that changes
extraction quotes (issue 12: before/after on seed, CENTCOM, news2016 by half, and text
with no conflict event at all).

    .venv/bin/python benchmarks/dev_sets.py [--shared ../shared] [--keep DIR] [--json OUT]

- seed (the Reuters dump, read raw), CENTCOM and news2016 extracted and scored with
  `dateline eval` (events strict and exact F1, duplicate rate, dateline right);
  news2016 also by half (even-numbered articles are the ones to look at while tuning,
  odd-numbered the check), and its articles whose gold has no event at all;
- GeoVirus (229 WikiNews articles on outbreaks, no conflict events but for a handful
  of real ones): events coded per article, a false-alarm rate on news of another kind;
  also by half (A: even-numbered stories, which the event classifier trains on; B: odd,
  never trained on: the check).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tools"))

from dateline.evaluate import score_files  # noqa: E402
from train_event_classifier import geovirus_paragraphs  # noqa: E402


def extract(inp: Path, out: Path) -> Path:
    cmd = [sys.executable, "-m", "dateline", "extract", str(inp), "-o", str(out), "--workers", "1", "-q", "--no-progress"]
    subprocess.run(cmd, check=True, cwd=ROOT)
    return out


def events_line(result: dict) -> dict:
    s = result["events"]["strict"]
    return {"f1": s["f1"], "p": s["precision"], "r": s["recall"], "exact_f1": s["exact"]["f1"],
            "dup_rate": s["duplicate_rate"], "tp": s["tp"], "fp": s["fp"], "fn": s["fn"],
            "dateline": result["articles"]["dateline_places"]["rate"]}


def geovirus_jsonl(shared: Path, out: Path) -> tuple[Path, dict[str, str]]:
    """The GeoVirus paragraphs as JSON Lines, and each one's half (A or B) by id."""
    halves = {}
    with open(out, "w", encoding="utf-8") as fh:
        for i, half, text in geovirus_paragraphs(shared / "eval/geovirus/GeoVirus.xml"):
            halves[f"geovirus-{i}"] = half
            fh.write(json.dumps({"id": f"geovirus-{i}", "text": text}) + "\n")
    return out, halves


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--keep", type=Path, default=None)
    ap.add_argument("--json", type=Path, default=None)
    args = ap.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="dev_sets-"))
    work.mkdir(parents=True, exist_ok=True)
    sh = args.shared
    figures: dict = {}
    sets = {
        "seed": (sh / "corpus/reuters-islamic-state-2017-2019.txt", sh / "gold/seed.jsonl"),
        "centcom": (sh / "corpus/centcom-press-releases.jsonl", sh / "gold/centcom.jsonl"),
        "news2016": (sh / "corpus/news2016.jsonl", sh / "gold/news2016.jsonl"),
    }
    for name, (inp, gold) in sets.items():
        pred = extract(inp, work / f"{name}.jsonl")
        figures[name] = events_line(score_files(pred, gold))
        if name == "news2016":
            for half in ("even", "odd"):
                figures[f"news2016 {half}"] = events_line(score_files(pred, gold, half=half))
            golds = {json.loads(l)["id"]: json.loads(l) for l in open(gold, encoding="utf-8")}
            quiet = [i for i, g in golds.items() if not g["events"]]
            preds = {json.loads(l)["id"]: json.loads(l) for l in open(pred, encoding="utf-8")}
            noisy = sum(1 for i in quiet if preds.get(i, {}).get("events"))
            figures["news2016 no-event articles with events"] = f"{noisy}/{len(quiet)}"
    gv_in, halves = geovirus_jsonl(sh, work / "geovirus.in.jsonl")
    recs = [json.loads(l) for l in open(extract(gv_in, work / "geovirus.jsonl"), encoding="utf-8")]
    figures["geovirus articles with events"] = f"{sum(1 for r in recs if r['events'])}/{len(recs)}"
    figures["geovirus events"] = sum(len(r["events"]) for r in recs)
    for half, what in (("A", "trained on"), ("B", "the check")):
        figures[f"geovirus events, half {half} ({what})"] = sum(len(r["events"]) for r in recs if halves.get(r["id"]) == half)

    for name, f in figures.items():
        if isinstance(f, dict):
            print(f"{name:14} strict F1 {f['f1']:.3f} (P {f['p']:.3f} R {f['r']:.3f}; tp {f['tp']} fp {f['fp']} fn {f['fn']})"
                  f"  exact F1 {f['exact_f1']:.3f}  dup {f['dup_rate'] or 0:.3f}  dateline {f['dateline'] or 0:.3f}")
        else:
            print(f"{name}: {f}")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
