"""Quotes and quantities: accuracy on gold bodies and speed of the two components.

    # run the pipeline over gold bodies and score the records as `dateline eval` does
    python benchmarks/quotes_quantities.py ../shared/gold/seed.jsonl ../shared/gold/centcom.jsonl
    # only the speed part (seconds per 100 k characters, on gold bodies and on one long body)
    python benchmarks/quotes_quantities.py --speed ../shared/gold/seed.jsonl

Accuracy figures are `dateline eval`'s quote and quantity lines (scoring.md), computed in process. Speed is measured for dateline_quotes and
dateline_quantities alone, after the statistical pipeline has run, so it says what these two
components cost, not the model.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from dateline.evaluate.scoring import score as score_records
from dateline.language.pipeline import build_pipeline, fill_record, make_doc
from dateline.record import Article

OURS = ("dateline_quotes", "dateline_quantities")


def load_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def score(nlp, gold_path: Path) -> None:
    gold = load_jsonl(gold_path)
    records = []
    for g in gold:
        art = Article(body=g["body"], id=g["id"], title=g.get("title"), published=g.get("published"),
                      dateline=g.get("dateline"))
        records.append(fill_record(art, nlp(make_doc(nlp, art))).to_dict())
    figures = score_records(records, gold)
    q, n = figures["quotes"], figures["quantities"]
    print(f"{gold_path.name}:")
    for kind in ("direct", "indirect"):
        k = q[kind]
        print(f"  quotes {kind:8s} P {k['precision']:.3f} R {k['recall']:.3f} F1 {k['f1']:.3f}  "
              f"speaker {k['speaker']['rate']:.3f}")
    print(f"  quantities      P {n['precision']:.3f} R {n['recall']:.3f} F1 {n['f1']:.3f}  "
          f"values {n['values']['rate']:.3f}  claimant {n['claimant']['rate']:.3f}")


def speed(nlp, gold_path: Path) -> None:
    bodies = [g["body"] for g in load_jsonl(gold_path)]
    for label, texts in (("gold bodies", bodies), ("one long body", ["\n\n".join(bodies * 3)])):
        spent = {name: 0.0 for name in OURS}
        chars = 0
        for text in texts:
            doc = nlp.make_doc(text)
            for name, proc in nlp.pipeline:
                start = time.perf_counter()
                doc = proc(doc)
                if name in spent:
                    spent[name] += time.perf_counter() - start
            chars += len(text)
        per = ", ".join(f"{name} {spent[name] / chars * 100_000:.2f} s" for name in OURS)
        print(f"{label} ({chars:,} characters): per 100 k characters: {per}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("gold", nargs="+", type=Path)
    parser.add_argument("--speed", action="store_true", help="only measure speed")
    args = parser.parse_args()
    nlp = build_pipeline()
    for path in args.gold:
        if not path.exists():
            sys.exit(f"{path}: no such file")
        if not args.speed:
            score(nlp, path)
    speed(nlp, args.gold[0])


if __name__ == "__main__":
    main()
