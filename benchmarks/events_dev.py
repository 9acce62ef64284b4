#!/usr/bin/env python
"""Event coding on the development data in ../shared/eval (issue 4, "Done when"):
event type, place within 25 km and fatality figures.

    .venv/bin/python benchmarks/events_dev.py [--shared ../shared] [--sample N --seed S]
        [--keep DIR] [--ucdp-pred FILE] [--centcom-pred FILE] [--json OUT.json]

1. UCDP GED Iraq 2016-2018 (1,579 events). Every row becomes an article whose body is
   its source headline (a row citing several sources: each distinct headline, one per
   paragraph; Factiva credit lines dropped; the title is ours, "UCDP source headlines",
   so that no headline is taken for the title, which is not coded), published on the row's `source_date` (the first one; `date_end` when
   it is not a date). Rows with the same text and date share one article. The whole
   dateline pipeline runs on them (`run_extract`, 1 worker), and each row is compared
   with the events of its article. The "primary" event is the one with the highest
   confidence.

   Event type. UCDP's type_of_violence is not ACLED's event type, so the row's type is
   mapped (src/dateline/data/event_classifier/label_mapping.json, "ucdp"):
     * a headline with a remote-violence cue (air strike, shelling, bomb, IED, suicide,
       rocket, mortar, mine, ...) or an Airwars record -> Explosions/Remote violence
       (ACLED codes a bombing that kills civilians as Explosions/Remote violence, with
       civilians as actor2);
     * otherwise type 1 (state-based) -> Battles, 3 (one-sided) -> Violence against
       civilians (type 2, non-state, does not occur in this file).
   The mapping is only as good as its cues, so type agreement is reported at three
   levels: any event found; organised political violence found (Battles, Explosions/
   Remote violence or Violence against civilians, which every UCDP event is); the mapped
   type (primary event, and any event); and one-sided vs not (UCDP type 3 against a
   predicted event that targets civilians: Violence against civilians, or civilians as
   actor2), the distinction UCDP itself draws.
   Airwars incident codes ("March 3rd 2017: (I410a) ... Mosul") and UNAMI report titles
   are not sentences about an event; they are counted apart ("report titles").

   Sides: UCDP names both sides of every row (side_a, side_b: "Government of Iraq", "IS",
   "Civilians", ...). For rows with an event, whether the primary event names each as its
   actor1 or actor2 under ACLED's name for it (UCDP_SIDES: "Military Forces of Iraq" or
   "Police Forces of Iraq" for the government, and the forces UCDP codes on its side: the
   PMF, the Peshmerga, the U.S.-led coalition; "Islamic State" for IS), and for one-sided
   rows whether the perpetrator (side A) is actor1: sides checked on headlines no rule was
   written from.

   Place: the primary event's coordinates within 25 km of UCDP's point, for rows whose
   point is the place itself or within 25 km of it (where_prec 1-2); 161 km for
   where_prec 1-4, for scale.

   Fatalities: the primary event's figure against `best` (exact) and `low`..`high`;
   and per article (several UCDP rows can come from one headline's toll) the sum of the
   predicted figures against the sum of its rows' `best` and `low`..`high`.

2. The CENTCOM strike reports (../shared/corpus/centcom-press-releases.jsonl, the 23
   re3d CENTCOM documents, scored against ../shared/gold/centcom.jsonl with
   `dateline.evaluate.score`): event precision/recall/F1 (strict and lenient), and over
   matched events sub-event type, place within 25 km and exact fatalities. Event type on
   its own: gold and predicted events matched while ignoring the type (place and, for
   the strict line, date agreeing), and the share of those pairs of the same type.

Halves: `--half even` keeps the rows with an even UCDP `id`, `--half odd` the odd ones.
Rules are written looking at the even half's misses only; the odd half is the check.
(Rows of both halves can share a headline: UCDP codes several events from one report.)

Runtime: the 1,579 rows make 1,298 one-headline articles, extracted in about 90 s on one
busy core, so all rows are run by default; `--sample N` takes a fixed seeded sample.
"""

from __future__ import annotations

import argparse
import copy
import hashlib
import json
import random
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tools"))

from dateline.evaluate import load_records, score  # noqa: E402
from dateline.evaluate.events import match_events  # noqa: E402
from dateline.evaluate.geo import coordinates, haversine_km  # noqa: E402
from dateline.evaluate.pairing import pair_articles  # noqa: E402
from train_event_classifier import LabelMapping, ucdp_row_headlines, ucdp_rows  # noqa: E402

VIOLENCE = ("Battles", "Explosions/Remote violence", "Violence against civilians")
REPORT_OFFICES = ("Airwars", "UNAMI")
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
TYPES_SHORT = {
    "Battles": "Battles",
    "Explosions/Remote violence": "Expl/Remote",
    "Violence against civilians": "VAC",
    "Protests": "Protests",
    "Riots": "Riots",
    "Strategic developments": "Strategic",
    None: "(none)",
}


# ---------------------------------------------------------------- running the pipeline


def extract_records(items: list[dict], workdir: Path, name: str) -> dict[str, dict]:
    """Run the real extraction (run_extract, 1 worker) over JSON Lines items; records by id."""
    from dateline.run import run_extract

    src = workdir / f"{name}.input.jsonl"
    out = workdir / f"{name}.out.jsonl"
    with open(src, "w", encoding="utf-8") as fh:
        for item in items:
            fh.write(json.dumps(item, ensure_ascii=False) + "\n")
    started = time.perf_counter()
    summary = run_extract([str(src)], out, workers=1)
    if summary.errors:
        raise SystemExit(f"{name}: {summary.errors[0]}")
    print(f"  {name}: {summary.articles} articles extracted in {time.perf_counter() - started:.0f} s")
    return {rec["id"]: rec for rec in load_records(out)}


def primary_event(events: list[dict]) -> dict | None:
    if not events:
        return None
    return max(enumerate(events), key=lambda ie: (ie[1].get("confidence") or 0.0, -ie[0]))[1]


def git_head() -> str:
    try:
        head = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
        dirty = subprocess.run(["git", "-C", str(ROOT), "status", "--porcelain", "src"], capture_output=True, text=True)
        return head.stdout.strip() + (" + uncommitted changes in src/" if dirty.stdout.strip() else "")
    except OSError:
        return "?"


# ---------------------------------------------------------------- figures


def share(num: int, den: int) -> dict:
    return {"n": num, "of": den, "rate": (num / den) if den else None}


def fmt(fig: dict) -> str:
    if fig["rate"] is None:
        return f"{'-':>6}  (0/0)"
    return f"{fig['rate']:6.1%}  ({fig['n']}/{fig['of']})"


def prf(tp: int, fp: int, fn: int) -> dict:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0, "tp": tp, "fp": fp, "fn": fn}


def print_rows(title: str, rows: list[tuple[str, str]]) -> None:
    width = max(len(k) for k, _ in rows)
    print(f"\n{title}")
    print("-" * len(title))
    for key, value in rows:
        print(f"  {key:<{width}}  {value}")


# ---------------------------------------------------------------- UCDP


# Every headline goes in the body, so the article gets this title of ours: else a reader
# takes the first of several headlines for the title, which is not coded (titles repeat
# the lead in real articles), and that row's event is lost to the benchmark, not the coder.
UCDP_TITLE = "UCDP source headlines"
# Factiva's credit line ("CR" and a tab, then the agency), which some rows carry inside the headline.
CREDIT_LINE = re.compile(r"^CR\s*\t.*$", re.MULTILINE)


def ucdp_article(row: dict) -> tuple[str, str | None]:
    heads: list[str] = []
    for head, _, _ in ucdp_row_headlines(row):
        head = CREDIT_LINE.sub("", head).strip()
        if head and head not in heads:
            heads.append(head)
    # UCDP writes placeholder days ("1753-01-01") where a source has none: GED starts in 1989.
    dates = [d.strip() for d in row["source_date"].split(";") if DATE.match(d.strip()) and d.strip() >= "1989"]
    published = dates[0] if dates else (row["date_end"] if DATE.match(row["date_end"]) else None)
    return "\n\n".join(heads), published


def is_report_title(row: dict) -> bool:
    return all(office.strip() in REPORT_OFFICES for _, _, office in ucdp_row_headlines(row))


def targets_civilians(event: dict) -> bool:
    return event.get("event_type") == "Violence against civilians" or (event.get("actor2") or "").startswith("Civilians")


# UCDP's side names, and the ACLED actor names (taxonomy.md) that stand for the same side.
# UCDP's side A of a state-based conflict is the government with every force fighting for it:
# GED codes an event of a state's secondary warring party (troops sent to its aid) or of forces under
# its command in that state's dyad. In Iraq 2016-2018 that is, besides the army and police, the
# Popular Mobilization Forces (by law part of the armed forces from November 2016), the Kurdistan
# Region's Peshmerga, and the U.S.-led coalition and its members' forces: the file codes "US strikes
# kill Fallujah's IS commander", "Iraqi Kurdish forces take more ground" and "Shia militia liberates
# two districts" as Government of Iraq - IS. ACLED names each apart, so each of those names counts.
IRAQ_ALLIES = (r"^Peshmerga\b|^PMF: |^Global Coalition Against Daesh\b"
               r"|^Military Forces of (?:the United States|the United Kingdom|France|Australia|Canada)\b")
UCDP_SIDES = {
    "Government of Iraq": re.compile(r"^(?:Military|Police) Forces of Iraq\b|^Government of Iraq\b|" + IRAQ_ALLIES),
    "Government of Turkey": re.compile(r"^(?:Military|Police) Forces of Turkey\b|^Government of Turkey\b"),
    "Government of Iran": re.compile(r"^(?:Military|Police) Forces of Iran\b|^Government of Iran\b"),
    "IS": re.compile(r"^Islamic State\b"),
    "PKK": re.compile(r"\bPKK\b"),
    "KDPI": re.compile(r"\bKDPI\b"),
    "Civilians": re.compile(r"^Civilians\b"),
}


def names_side(actor: str | None, ucdp_side: str) -> bool:
    pattern = UCDP_SIDES.get(ucdp_side)
    return bool(actor) and pattern is not None and pattern.search(actor) is not None


def ucdp_judge(rows: list[dict], records: dict[str, dict], ids: list[str], mapping: LabelMapping) -> dict:
    """Counts for each row group ('all', 'news headlines', 'report titles')."""
    groups: dict[str, Counter] = defaultdict(Counter)
    confusion: Counter = Counter()
    articles: dict[str, dict] = {}
    for row, art_id in zip(rows, ids):
        events = records[art_id].get("events") or []
        heads = ucdp_row_headlines(row)
        gold_type = mapping.ucdp_label(row["type_of_violence"], " ".join(h for h, _, _ in heads), [o for _, _, o in heads])
        top = primary_event(events)
        kind = "report titles" if is_report_title(row) else "news headlines"
        if kind == "news headlines":
            confusion[(gold_type, top.get("event_type") if top else None)] += 1
        for group in ("all", kind):
            c = groups[group]
            c["rows"] += 1
            c["any_event"] += bool(events)
            c["violent_event"] += any(e.get("event_type") in VIOLENCE for e in events)
            c["type_primary"] += bool(top) and top.get("event_type") == gold_type
            c["type_any"] += any(e.get("event_type") == gold_type for e in events)
            one_sided = row["type_of_violence"] == "3"
            civ = any(targets_civilians(e) for e in events)
            c["one_sided_tp"] += one_sided and civ
            c["one_sided_fp"] += (not one_sided) and civ
            c["one_sided_fn"] += one_sided and not civ
            c["one_sided_right"] += one_sided == civ
            prec = int(row["where_prec"])
            point = (float(row["latitude"]), float(row["longitude"]))
            where = coordinates(top) if top else None
            if prec <= 2:
                c["place_rows"] += 1
                c["place_placed"] += where is not None
                c["place_25"] += where is not None and haversine_km(where, point) <= 25
                c["place_any_25"] += any(
                    coordinates(e) is not None and haversine_km(coordinates(e), point) <= 25 for e in events
                )
            if prec <= 4:
                c["place161_rows"] += 1
                c["place161"] += where is not None and haversine_km(where, point) <= 161
            if top is not None:
                # sides: UCDP names both; the primary event should name each as actor1 or actor2, and a
                # one-sided row's perpetrator (side A) as actor1
                actors = (top.get("actor1"), top.get("actor2"))
                a_named = any(names_side(x, row["side_a"]) for x in actors)
                b_named = any(names_side(x, row["side_b"]) for x in actors)
                c["sides_rows"] += 1
                c["side_a_named"] += a_named
                c["side_b_named"] += b_named
                c["both_named"] += a_named and b_named
                if one_sided:
                    c["perpetrator_rows"] += 1
                    c["perpetrator_actor1"] += names_side(top.get("actor1"), row["side_a"])
                figure = top.get("fatalities")
                c["fat_events"] += 1
                c["fat_given"] += figure is not None
                if figure is not None:
                    c["fat_exact"] += figure == int(row["best"])
                    c["fat_range"] += int(row["low"]) <= figure <= int(row["high"])
        art = articles.setdefault(art_id, {"best": 0, "low": 0, "high": 0, "kind": kind, "events": events})
        for key in ("best", "low", "high"):
            art[key] += int(row[key])
    for art in articles.values():
        figures = [e["fatalities"] for e in art["events"] if e.get("fatalities") is not None]
        for group in ("all", art["kind"]):
            c = groups[group]
            c["art_n"] += 1
            c["art_given"] += bool(figures)
            if figures:
                total = sum(figures)
                c["art_exact"] += total == art["best"]
                c["art_range"] += art["low"] <= total <= art["high"]
    return {"groups": groups, "confusion": confusion}


def ucdp_report(counts: dict) -> dict:
    out = {}
    for group, c in counts["groups"].items():
        out[group] = {
            "rows": c["rows"],
            "any event found": share(c["any_event"], c["rows"]),
            "violent event found (Battles/ExplRemote/VAC)": share(c["violent_event"], c["rows"]),
            "mapped type = primary event's type": share(c["type_primary"], c["rows"]),
            "mapped type among the events": share(c["type_any"], c["rows"]),
            "one-sided vs not: accuracy": share(c["one_sided_right"], c["rows"]),
            "one-sided (UCDP 3) vs civilian-targeting events": prf(c["one_sided_tp"], c["one_sided_fp"], c["one_sided_fn"]),
            "sides: side A named (rows with an event)": share(c["side_a_named"], c["sides_rows"]),
            "sides: side B named": share(c["side_b_named"], c["sides_rows"]),
            "sides: both named": share(c["both_named"], c["sides_rows"]),
            "one-sided: perpetrator is actor1": share(c["perpetrator_actor1"], c["perpetrator_rows"]),
            "place within 25 km (where_prec 1-2, primary event)": share(c["place_25"], c["place_rows"]),
            "  ... of rows whose primary event has coordinates": share(c["place_25"], c["place_placed"]),
            "  ... any event within 25 km": share(c["place_any_25"], c["place_rows"]),
            "place within 161 km (where_prec 1-4)": share(c["place161"], c["place161_rows"]),
            "fatality figure given (rows with an event)": share(c["fat_given"], c["fat_events"]),
            "fatalities = best (rows with a figure)": share(c["fat_exact"], c["fat_given"]),
            "fatalities in low..high (rows with a figure)": share(c["fat_range"], c["fat_given"]),
            "article total = sum of best (articles with a figure)": share(c["art_exact"], c["art_given"]),
            "article total in sum of low..high": share(c["art_range"], c["art_given"]),
            "articles with a figure": share(c["art_given"], c["art_n"]),
        }
    out["confusion_news_headlines"] = {f"{g} -> {p}": n for (g, p), n in sorted(counts["confusion"].items(), key=str)}
    return out


def print_ucdp(report: dict, confusion: Counter) -> None:
    for group in ("all", "news headlines", "report titles"):
        if group not in report:
            continue
        rows = []
        for key, value in report[group].items():
            if key == "rows":
                continue
            if "f1" in value:
                rows.append((key, f"P {value['precision']:.2f}  R {value['recall']:.2f}  F1 {value['f1']:.2f}"))
            else:
                rows.append((key, fmt(value)))
        print_rows(f"UCDP GED Iraq: {group} ({report[group]['rows']} rows)", rows)
    gold_types = sorted({g for g, _ in confusion}, key=str)
    pred_types = [t for t in TYPES_SHORT if any(p == t for _, p in confusion)]
    print("\nUCDP news headlines: mapped type (rows) x primary predicted type (columns)")
    print(f"  {'':<28}" + "".join(f"{TYPES_SHORT[p]:>12}" for p in pred_types))
    for g in gold_types:
        print(f"  {g:<28}" + "".join(f"{confusion[(g, p)]:>12}" for p in pred_types))


def in_half(row: dict, half: str | None) -> bool:
    """Is the row in the half asked for (`even`/`odd` UCDP id; None: every row)?"""
    return half is None or (int(row["id"]) % 2 == 0) == (half == "even")


def run_ucdp(shared: Path, workdir: Path, sample: int | None, seed: int, pred: Path | None, half: str | None = None) -> dict:
    mapping = LabelMapping()
    rows = ucdp_rows(shared / "eval" / "ucdp-ged-iraq" / "ucdp_ged_iraq_2016_2018.csv")
    rows = [row for row in rows if in_half(row, half)]
    if sample and sample < len(rows):
        rows = sorted(random.Random(seed).sample(rows, sample), key=lambda r: int(r["id"]))
    items: dict[str, dict] = {}
    ids = []
    for row in rows:
        text, published = ucdp_article(row)
        art_id = "ucdp-" + hashlib.sha256(f"{text}\x00{published}".encode()).hexdigest()[:16]
        ids.append(art_id)
        items.setdefault(art_id, {"id": art_id, "title": UCDP_TITLE, "text": text, "published": published})
    print(f"\nUCDP: {len(rows)} rows{f' ({half} ids)' if half else ''}, {len(items)} distinct articles")
    records = {r["id"]: r for r in load_records(pred)} if pred else extract_records(list(items.values()), workdir, "ucdp")
    missing = [i for i in items if i not in records]
    if missing:
        raise SystemExit(f"UCDP: {len(missing)} articles missing from the extraction (first: {missing[0]})")
    counts = ucdp_judge(rows, records, ids, mapping)
    report = ucdp_report(counts)
    print_ucdp(report, counts["confusion"])
    return report


# ---------------------------------------------------------------- CENTCOM


def matched_pairs(preds: list[dict], golds: list[dict], strict: bool, type_blind: bool) -> list[tuple[dict, dict]]:
    """(predicted, gold) events matched as the scorer matches them (required gold events
    only); with `type_blind` the event type is ignored."""
    found = []
    for pair in pair_articles(preds, golds).pairs:
        if pair.pred is None:
            continue
        p_events = pair.pred.get("events") or []
        g_events = pair.gold.get("events") or []
        if type_blind:
            main, _ = match_events([{**e, "event_type": "*"} for e in p_events], [{**e, "event_type": "*"} for e in g_events], strict)
        else:
            main, _ = match_events(p_events, g_events, strict)
        found.extend((p_events[p], g_events[g]) for p, g in main)
    return found


def run_centcom(shared: Path, workdir: Path, pred: Path | None) -> dict:
    gold = load_records(shared / "gold" / "centcom.jsonl")
    if pred:
        preds = load_records(pred)
    else:
        print("\nCENTCOM press releases")
        items = [json.loads(line) for line in open(shared / "corpus" / "centcom-press-releases.jsonl", encoding="utf-8")]
        preds = list(extract_records(items, workdir, "centcom").values())
    result = score(copy.deepcopy(preds), gold)
    report = {}
    for line in ("strict", "lenient"):
        ev = result["events"][line]
        blind = matched_pairs(preds, gold, line == "strict", type_blind=True)
        same = sum(p.get("event_type") == g.get("event_type") for p, g in blind)
        with_figure = [(p, g) for p, g in matched_pairs(preds, gold, line == "strict", False) if g.get("fatalities") is not None]
        required_with_figure = sum(
            1 for rec in gold for e in rec.get("events") or [] if not e.get("optional") and e.get("fatalities") is not None
        )
        report[line] = {
            "events": {k: ev[k] for k in ("precision", "recall", "f1", "tp", "fp", "fn")},
            "sub_event_type": ev["matched"]["sub_event_type"],
            "place_within_25km": ev["matched"]["place_within_25km"],
            "fatalities": ev["matched"]["fatalities"],
            "event type among type-blind matches": share(same, len(blind)),
            "gold figures matched with the same figure": share(
                sum(p.get("fatalities") == g["fatalities"] for p, g in with_figure), required_with_figure
            ),
            "matched events with a gold figure: figure right": share(
                sum(p.get("fatalities") == g["fatalities"] for p, g in with_figure), len(with_figure)
            ),
        }
    rows = []
    for line, r in report.items():
        e = r["events"]
        rows.append((f"{line}: events", f"P {e['precision']:.2f}  R {e['recall']:.2f}  F1 {e['f1']:.2f}  (tp {e['tp']}, fp {e['fp']}, fn {e['fn']})"))
        rows.append((f"{line}: event type among type-blind matches", fmt(r["event type among type-blind matches"])))
        for key in ("sub_event_type", "place_within_25km", "fatalities"):
            m = r[key]
            rows.append((f"{line}: matched {key}", fmt({"n": m["right"], "of": m["total"], "rate": m["rate"]})))
        rows.append((f"{line}: matched events with a gold figure: figure right", fmt(r["matched events with a gold figure: figure right"])))
        rows.append((f"{line}: gold figures found (matched, same figure)", fmt(r["gold figures matched with the same figure"])))
    predicted = Counter(e.get("event_type") for rec in preds for e in rec.get("events") or [])
    golden = Counter(e.get("event_type") for rec in gold for e in rec.get("events") or [] if not e.get("optional"))
    rows.append(("predicted events by type", ", ".join(f"{TYPES_SHORT.get(k, k)} {n}" for k, n in predicted.most_common())))
    rows.append(("gold (non-optional) by type", ", ".join(f"{TYPES_SHORT.get(k, k)} {n}" for k, n in golden.most_common())))
    print_rows(f"CENTCOM strike reports vs ../shared/gold/centcom.jsonl ({len(gold)} documents)", rows)
    return report


def main(argv: Iterable[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Event type, place and fatalities on UCDP headlines and CENTCOM reports")
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--sample", type=int, default=None, help="a seeded sample of UCDP rows (default: all)")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--keep", type=Path, default=None, help="keep the inputs and extractions in this folder")
    ap.add_argument("--ucdp-pred", type=Path, default=None, help="score an earlier UCDP extraction instead of running one")
    ap.add_argument("--centcom-pred", type=Path, default=None, help="score an earlier CENTCOM extraction")
    ap.add_argument("--half", choices=("even", "odd"), default=None,
                    help="UCDP rows with an even id (the half to look at while tuning) or odd id (the check)")
    ap.add_argument("--skip", choices=("ucdp", "centcom"), action="append", default=[])
    ap.add_argument("--json", type=Path, default=None, help="write the figures here")
    args = ap.parse_args(list(argv) if argv is not None else None)
    if not (args.shared / "eval").exists():
        print(f"needs {args.shared}/eval", file=sys.stderr)
        return 2
    print(f"dateline at {git_head()}")
    figures: dict = {"commit": git_head()}
    with tempfile.TemporaryDirectory(prefix="events_dev.") as tmp:
        workdir = args.keep or Path(tmp)
        workdir.mkdir(parents=True, exist_ok=True)
        if "ucdp" not in args.skip:
            figures["ucdp"] = run_ucdp(args.shared, workdir, args.sample, args.seed, args.ucdp_pred, args.half)
        if "centcom" not in args.skip:
            figures["centcom"] = run_centcom(args.shared, workdir, args.centcom_pred)
    if args.json:
        args.json.write_text(json.dumps(figures, indent=1, default=str))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
