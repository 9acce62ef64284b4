#!/usr/bin/env python
"""The learned event-type classifier against the rule coder (issue 4: "measure whether a
learned classifier ... beats the rules on held-apart data; keep what measures better").

    .venv/bin/python benchmarks/event_classifier.py [--shared ../shared] [--keep DIR]
        [--held-pred FILE] [--seed-pred FILE] [--centcom-pred FILE] [--skip held|veto]

1. Held-apart sentences: the test split that tools/train_event_classifier.py set aside
   (same seed; the split's fingerprint is checked against the shipped model's). Each
   sentence runs through the whole pipeline as a one-sentence article; the rules' label
   is the type of its most confident event, "none" when it yields none ("rules, any":
   right when the gold label is among its events' types). Printed for the rules, the
   classifier, and the rules with the classifier as a veto: accuracy, macro-F1 over the 7
   labels, per-label precision/recall/F1, "event vs none" precision/recall/F1, accuracy
   per source.

2. The classifier as a veto on the rules' events, on the gold sets: the seed corpus (raw
   text, ../shared/gold/seed.jsonl) and the CENTCOM press releases (centcom.jsonl) are
   extracted, every event whose evidence sentence the classifier gives P(none) > X is
   dropped, and `dateline eval`'s event figures are recomputed, for several X. These
   documents are never trained on. X chosen here is chosen on this data: treat the best
   line as optimistic.

The coder itself now vetoes with the classifier (the check "learned_no_event" at
settings.EVENT_VETO_NONE_PROBABILITY): "rules" here are rules and veto, and part 2 vetoes
once more on top. benchmarks/dev_sets.py measures the coder's veto on every development set.
"""

from __future__ import annotations

import argparse
import copy
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tools"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from dateline.evaluate import load_records, score  # noqa: E402
from dateline.events.classifier import NONE, load_classifier  # noqa: E402
from events_dev import extract_records, git_head, primary_event  # noqa: E402
from train_event_classifier import held_apart_split, load_examples, split_fingerprint  # noqa: E402

LABELS = [
    "Battles",
    "Explosions/Remote violence",
    "Violence against civilians",
    "Protests",
    "Riots",
    "Strategic developments",
    NONE,
]
SHORT = {
    "Battles": "Battles",
    "Explosions/Remote violence": "Expl/Remote",
    "Violence against civilians": "VAC",
    "Protests": "Protests",
    "Riots": "Riots",
    "Strategic developments": "Strategic",
    NONE: "none",
}
VETO_THRESHOLDS = (0.5, 0.6, 0.7, 0.8, 0.9)
HELD_VETO = 0.8  # the veto line printed with the held-apart comparison
SHOW_MISSED = 12


# ---------------------------------------------------------------- figures


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def figures(gold: list[str], pred: list[str]) -> dict:
    per = {}
    for lab in LABELS:
        tp = sum(g == lab and p == lab for g, p in zip(gold, pred))
        fp = sum(g != lab and p == lab for g, p in zip(gold, pred))
        fn = sum(g == lab and p != lab for g, p in zip(gold, pred))
        per[lab] = prf(tp, fp, fn) + (tp + fn,)
    ev_tp = sum(g != NONE and p != NONE for g, p in zip(gold, pred))
    ev_fp = sum(g == NONE and p != NONE for g, p in zip(gold, pred))
    ev_fn = sum(g != NONE and p == NONE for g, p in zip(gold, pred))
    return {
        "accuracy": sum(g == p for g, p in zip(gold, pred)) / len(gold) if gold else 0.0,
        "macro_f1": sum(per[lab][2] for lab in LABELS) / len(LABELS),
        "macro_f1_present": _mean([per[lab][2] for lab in LABELS if per[lab][3]]),
        "per_label": per,
        "event_vs_none": prf(ev_tp, ev_fp, ev_fn),
    }


def _mean(xs: list[float]) -> float:
    return sum(xs) / len(xs) if xs else 0.0


def print_comparison(gold: list[str], systems: dict[str, list[str]], sources: list[str], extra: dict[str, float]) -> dict:
    figs = {name: figures(gold, pred) for name, pred in systems.items()}
    names = list(systems)
    width = 16
    head = f"  {'':<34}" + "".join(f"{n:>{width}}" for n in names)
    print(head)
    print("  " + "-" * (len(head) - 2))

    def line(label: str, values: list[str]) -> None:
        print(f"  {label:<34}" + "".join(f"{v:>{width}}" for v in values))

    line("accuracy", [f"{figs[n]['accuracy']:.3f}" for n in names])
    for name, value in extra.items():
        line(name, [f"{value:.3f}" if n == "rules" else "" for n in names])
    line("macro-F1 (7 labels)", [f"{figs[n]['macro_f1']:.3f}" for n in names])
    line("macro-F1 (labels in the test set)", [f"{figs[n]['macro_f1_present']:.3f}" for n in names])
    for n_label in ("precision", "recall", "F1"):
        i = ("precision", "recall", "F1").index(n_label)
        line(f"event vs none: {n_label}", [f"{figs[n]['event_vs_none'][i]:.3f}" for n in names])
    for lab in LABELS:
        support = figs[names[0]]["per_label"][lab][3]
        line(
            f"{SHORT[lab]} P/R (n={support})",
            [f"{figs[n]['per_label'][lab][0]:.2f}/{figs[n]['per_label'][lab][1]:.2f}" for n in names],
        )
    for src in sorted(set(sources)):
        idx = [i for i, s in enumerate(sources) if s == src]
        line(
            f"accuracy on {src} (n={len(idx)})",
            [f"{sum(gold[i] == systems[n][i] for i in idx) / len(idx):.3f}" for n in names],
        )
    return figs


# ---------------------------------------------------------------- 1. held-apart sentences


def held_apart(shared: Path, workdir: Path, held_pred: Path | None) -> dict:
    clf = load_classifier()
    meta = clf.meta
    examples = load_examples(shared)
    _, test = held_apart_split(examples, meta["seed"], meta["test_fraction"])
    if split_fingerprint(test) != meta.get("test_split_fingerprint"):
        raise SystemExit(
            "the held-apart split differs from the one the shipped model was trained beside: "
            "retrain (tools/train_event_classifier.py) or check ../shared/eval"
        )
    print(f"\nHeld-apart sentences: {len(test)} ({dict(Counter(ex.label for ex in test))})")
    items = []
    for i, ex in enumerate(test):
        item = {"id": f"held-{i:04d}", "text": ex.text}
        if ex.published:
            item["published"] = ex.published
        items.append(item)
    records = {r["id"]: r for r in load_records(held_pred)} if held_pred else extract_records(items, workdir, "held_apart")
    gold = [ex.label for ex in test]
    rules, rules_any_right = [], 0
    for item, g in zip(items, gold):
        events = records[item["id"]].get("events") or []
        top = primary_event(events)
        rules.append(top["event_type"] if top else NONE)
        rules_any_right += (g in {e.get("event_type") for e in events}) if g != NONE else not events
    probs = clf.probabilities([ex.text for ex in test])
    learned = [clf.labels[i] for i in probs.argmax(axis=1)]
    p_none = probs[:, clf.labels.index(NONE)]
    vetoed = [NONE if (r != NONE and pn > HELD_VETO) else r for r, pn in zip(rules, p_none)]
    systems = {"rules": rules, "classifier": learned, f"rules+veto{HELD_VETO}": vetoed}
    print()
    figs = print_comparison(gold, systems, [ex.source for ex in test], {"accuracy, rules any of its events": rules_any_right / len(gold)})
    # Where the two disagree on event vs none: what a lexicon could learn from the classifier.
    missed = [i for i, (r, c) in enumerate(zip(rules, learned)) if r == NONE and c != NONE]
    right = sum(gold[i] != NONE for i in missed)
    print(f"\n  rules found no event, the classifier did: {len(missed)} sentences, {right} of them events in the gold labels")
    for i in missed[:SHOW_MISSED]:
        print(f"    [{SHORT[gold[i]]} / classifier {SHORT[learned[i]]}] {test[i].text[:110]}")
    return figs


# ---------------------------------------------------------------- 2. the veto on gold sets


def veto(records: list[dict], p_none: dict[tuple[str, int], float], threshold: float | None) -> list[dict]:
    out = copy.deepcopy(records)
    if threshold is None:
        return out
    for rec in out:
        rec["events"] = [e for i, e in enumerate(rec.get("events") or []) if p_none[(rec["id"], i)] <= threshold]
    return out


def none_probabilities(records: list[dict]) -> dict[tuple[str, int], float]:
    clf = load_classifier()
    keys, sentences = [], []
    for rec in records:
        for i, ev in enumerate(rec.get("events") or []):
            keys.append((rec["id"], i))
            sentences.append((ev.get("evidence") or {}).get("text") or "")
    return dict(zip(keys, clf.none_probability(sentences)))


def veto_experiment(shared: Path, workdir: Path, seed_pred: Path | None, centcom_pred: Path | None) -> dict:
    sets = {
        "seed": (seed_pred, [str(shared / "corpus" / "reuters-islamic-state-2017-2019.txt")], shared / "gold" / "seed.jsonl"),
        "centcom": (centcom_pred, [str(shared / "corpus" / "centcom-press-releases.jsonl")], shared / "gold" / "centcom.jsonl"),
    }
    out: dict = {}
    print("\nThe classifier as a veto on rule events: drop an event when P(none | evidence sentence) > X")
    print(f"  {'set':<8} {'X':>5} {'events':>7} {'strict P':>9} {'R':>6} {'F1':>6} {'lenient P':>10} {'R':>6} {'F1':>6}")
    for name, (pred, inputs, gold_path) in sets.items():
        if pred:
            records = load_records(pred)
        else:
            from dateline.run import run_extract

            out_path = workdir / f"{name}.out.jsonl"
            run_extract(inputs, out_path, workers=1)
            records = load_records(out_path)
        gold = load_records(gold_path)
        p_none = none_probabilities(records)
        out[name] = {}
        for x in (None, *VETO_THRESHOLDS):
            kept = veto(records, p_none, x)
            ev = score(kept, gold)["events"]
            n = sum(len(r["events"]) for r in kept)
            s, le = ev["strict"], ev["lenient"]
            out[name][str(x)] = {"events": n, "strict": s, "lenient": le}
            label = "rules" if x is None else f"{x:.1f}"
            print(
                f"  {name:<8} {label:>5} {n:>7} {s['precision']:>9.3f} {s['recall']:>6.3f} {s['f1']:>6.3f}"
                f" {le['precision']:>10.3f} {le['recall']:>6.3f} {le['f1']:>6.3f}"
            )
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Learned event-type classifier vs the rule coder")
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--keep", type=Path, default=None, help="keep inputs and extractions in this folder")
    ap.add_argument("--held-pred", type=Path, default=None, help="an earlier extraction of the held-apart sentences")
    ap.add_argument("--seed-pred", type=Path, default=None, help="an earlier extraction of the seed corpus")
    ap.add_argument("--centcom-pred", type=Path, default=None, help="an earlier extraction of the CENTCOM corpus")
    ap.add_argument("--skip", choices=("held", "veto"), action="append", default=[])
    args = ap.parse_args(argv)
    if not (args.shared / "eval").exists():
        print(f"needs {args.shared}/eval", file=sys.stderr)
        return 2
    meta = load_classifier().meta
    print(f"dateline at {git_head()}; classifier C={meta['C']}, seed {meta['seed']}, trained on {meta['train_examples']} sentences")
    with tempfile.TemporaryDirectory(prefix="event_classifier.") as tmp:
        workdir = args.keep or Path(tmp)
        workdir.mkdir(parents=True, exist_ok=True)
        if "held" not in args.skip:
            held_apart(args.shared, workdir, args.held_pred)
        if "veto" not in args.skip:
            veto_experiment(args.shared, workdir, args.seed_pred, args.centcom_pred)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
