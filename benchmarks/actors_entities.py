"""Entity recognition against gold: span-overlap precision, recall, F1, and canonical agreement.

    # records written by `dateline extract`, scored against gold records with `entities`
    python benchmarks/actors_entities.py PRED.jsonl ../shared/gold/seed.jsonl
    # gold bodies run through the language components the entities need (ruler, places, actors)
    python benchmarks/actors_entities.py --run ../shared/gold/seed.jsonl
    # re3d (Organisation and Nationality spans), running the actor components directly
    python benchmarks/actors_entities.py --re3d ../shared/eval/re3d

A predicted entity matches a gold one when their spans overlap (one-to-one, greedy by
overlap). Canonical agreement is over matched pairs, case-folded. Per-label lines show
where the errors are; `--errors` lists misses and false alarms.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path


def load_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def match(pred: list[dict], gold: list[dict]) -> list[tuple[dict, dict]]:
    pairs = []
    for g in gold:
        for p in pred:
            overlap = min(g["end"], p["end"]) - max(g["start"], p["start"])
            if overlap > 0:
                pairs.append((overlap, id(g), id(p), g, p))
    pairs.sort(key=lambda x: -x[0])
    used_g, used_p, out = set(), set(), []
    for _, ig, ip, g, p in pairs:
        if ig in used_g or ip in used_p:
            continue
        used_g.add(ig)
        used_p.add(ip)
        out.append((g, p))
    return out


def prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


class Score:
    def __init__(self) -> None:
        self.tp = self.n_pred = self.n_gold = self.canon_ok = self.label_ok = 0
        self.by_label: dict[str, Counter] = defaultdict(Counter)
        self.errors: list[str] = []

    def add(self, body: str, pred: list[dict], gold: list[dict], *, canon=True, labels=None) -> None:
        pairs = match(pred, gold)
        self.tp += len(pairs)
        self.n_pred += len(pred)
        self.n_gold += len(gold)
        matched_g = {id(g) for g, _ in pairs}
        matched_p = {id(p) for _, p in pairs}
        for g, p in pairs:
            ok = (g.get("canonical") or "").casefold() == (p.get("canonical") or "").casefold()
            self.canon_ok += ok
            same = (labels or {}).get(p["label"], p["label"]) == g["label"] if labels is not None else p["label"] == g["label"]
            self.label_ok += same
            self.by_label[g["label"]]["tp"] += 1
            self.by_label[g["label"]]["canon"] += ok
            if canon and not ok:
                self.errors.append(f"  canon {g['label']:11} {g['text']!r}: gold {g.get('canonical')!r} pred {p.get('canonical')!r}")
        for g in gold:
            self.by_label[g["label"]]["gold"] += 1
            if id(g) not in matched_g:
                ctx = body[max(0, g["start"] - 30): g["end"] + 30].replace("\n", " ")
                self.errors.append(f"  miss  {g['label']:11} {g['text']!r}   …{ctx}…")
        for p in pred:
            self.by_label[(labels or {}).get(p["label"], p["label"])]["pred"] += 1
            if id(p) not in matched_p:
                ctx = body[max(0, p["start"] - 30): p["end"] + 30].replace("\n", " ")
                self.errors.append(f"  false {p['label']:11} {p['text']!r}   …{ctx}…")

    def report(self, title: str, canon: bool = True) -> None:
        p, r, f = prf(self.tp, self.n_pred, self.n_gold)
        print(f"{title}: P {p:.3f}  R {r:.3f}  F1 {f:.3f}  (tp {self.tp}, pred {self.n_pred}, gold {self.n_gold})")
        if self.tp:
            extra = f"  canonical {self.canon_ok / self.tp:.3f}" if canon else ""
            print(f"  over matched: label {self.label_ok / self.tp:.3f}{extra}")
        for label, c in sorted(self.by_label.items()):
            lp, lr, lf = prf(c["tp"], c["pred"] or c["tp"], c["gold"])
            canon_rate = f"  canonical {c['canon'] / c['tp']:.2f}" if canon and c["tp"] else ""
            print(f"  {label:12} gold {c['gold']:4}  pred {c['pred']:4}  matched {c['tp']:4}  R {lr:.2f}{canon_rate}")


ENTITY_COMPONENTS = ["dateline_actor_ruler", "dateline_places", "dateline_actors"]


def run_components(gold_path: Path) -> list[dict]:
    """Entities for each gold body from the components that make them (no event coder)."""
    from dateline.language import build_pipeline

    nlp = build_pipeline(ENTITY_COMPONENTS)
    out = []
    for g in load_jsonl(gold_path):
        doc = nlp.make_doc(g["body"])
        doc._.meta = {"id": g["id"], "title": g.get("title"), "dateline": g.get("dateline"),
                      "published": None}
        doc = nlp(doc)
        out.append({"id": g["id"], "body": g["body"], "entities": doc._.entities or []})
    return out


def score_records(pred_path: Path | None, gold_path: Path, show_errors: bool) -> None:
    records = run_components(gold_path) if pred_path is None else load_jsonl(pred_path)
    preds = {r["id"]: r for r in records}
    score = Score()
    for g in load_jsonl(gold_path):
        p = preds.get(g["id"])
        if p is None:  # pair by body when ids differ
            p = next((r for r in preds.values() if r.get("body") == g["body"]), None)
        score.add(g["body"], (p or {}).get("entities", []), g.get("entities", []))
    score.report(f"entities {gold_path.name}")
    if show_errors:
        print("\n".join(score.errors))


RE3D_LABELS = {"Organisation": "ORGISH", "Nationality": "NORP"}
PRED_TO_RE3D = {"ORG": "ORGISH", "ARMED_GROUP": "ORGISH", "NORP": "NORP"}


PRONOUNS = {"we", "us", "our", "they", "them", "their", "it", "its", "he", "she", "his", "her", "i", "you"}


def is_named(text: str) -> bool:
    """A name, not a pronoun or a common-noun phrase ("we", "the teams", "subject matter experts")."""
    words = [w for w in text.split() if w.lower() not in ("the", "a", "an")]
    return bool(words) and words[0][:1].isupper() and words[0].lower() not in PRONOUNS


def score_re3d(root: Path, show_errors: bool) -> None:
    from dateline.language import build_pipeline

    nlp = build_pipeline(ENTITY_COMPONENTS)
    score = Score()
    named = Score()
    for folder in sorted(p for p in root.iterdir() if (p / "entities.json").exists()):
        docs = {}
        for line in (folder / "documents.json").read_text(encoding="utf-8").splitlines():
            if line.strip():
                d = json.loads(line)
                docs[d["_id"]] = d["text"]
        gold: dict[str, list[dict]] = defaultdict(list)
        for line in (folder / "entities.json").read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            e = json.loads(line)
            label = RE3D_LABELS.get(e["type"])
            if label:
                gold[e["documentId"]].append({"start": e["begin"], "end": e["end"], "label": label, "text": e["value"]})
        for doc_id, text in docs.items():
            doc = nlp(text)
            pred = [dict(e, label=PRED_TO_RE3D[e["label"]]) for e in doc._.entities or [] if e["label"] in PRED_TO_RE3D]
            score.add(text, pred, gold.get(doc_id, []), canon=False, labels={})
            named.add(text, pred, [g for g in gold.get(doc_id, []) if is_named(g["text"])], canon=False, labels={})
    score.report("re3d Organisation+Nationality, all mentions (ORG/ARMED_GROUP/NORP)", canon=False)
    named.report("re3d Organisation+Nationality, named mentions only", canon=False)
    if show_errors:
        print("\n".join(named.errors))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("pred", nargs="?", type=Path)
    ap.add_argument("gold", nargs="?", type=Path)
    ap.add_argument("--re3d", type=Path, help="re3d folder (documents.json + entities.json per source)")
    ap.add_argument("--run", type=Path, help="gold file: run the entity components on its bodies and score")
    ap.add_argument("--errors", action="store_true")
    args = ap.parse_args(argv)
    if args.re3d:
        score_re3d(args.re3d, args.errors)
    elif args.run:
        score_records(None, args.run, args.errors)
    elif args.pred and args.gold:
        score_records(args.pred, args.gold, args.errors)
    else:
        ap.error("give PRED GOLD or --re3d DIR")
    return 0


if __name__ == "__main__":
    sys.exit(main())
