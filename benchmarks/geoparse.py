#!/usr/bin/env python
"""Geoparsing accuracy of the places component on development data in ../shared.

Prints, for each set:
  * UCDP GED Iraq 2016-2018: the headline of each event (`source_headline`) is
    geoparsed and its most specific place compared with the event's point
    (accuracy within 161 km and 25 km; events placed only at country level,
    where_prec 6, are left out). The event place name (`where_coordinates`,
    type suffix stripped) is geocoded too, in "Fighting was reported in X, Iraq."
    and, as reports often name the province, in "... in X, P province, Iraq.".
    Both are run twice: with the whole gazetteer, and with the places taken
    from UCDP itself hidden, the honest figure for unseen text.
  * the seed and CENTCOM gold (../shared/gold): place recognition (span overlap)
    precision, recall, F1, and over matched places resolution within 161 km
    and 25 km and the rate of the right country code.
  * re3d (the texts other than CENTCOM's): recognition against its Location entities.
  * speed: gazetteer and pipeline load times, the places component's time per article.

    .venv/bin/python benchmarks/geoparse.py [--shared ../shared] [--limit N] [--pred seed=PRED.jsonl]
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from dateline.language.gazetteer import Gazetteer, distance_km  # noqa: E402

PLACE_COMPONENTS = ["dateline_actor_ruler", "dateline_places"]
# the most specific first: what a headline's event happened at
SPECIFICITY = {"camp": 0, "airbase": 0, "dam": 0, "crossing": 0, "military base": 0, "neighbourhood": 0,
               "village": 1, "town": 1, "city": 1, "district": 2, "subdistrict": 2, "province": 3,
               "state": 3, "region": 4, "country": 5}


def _nlp(gaz: Gazetteer):
    from dateline.language import build_pipeline

    try:
        nlp = build_pipeline(PLACE_COMPONENTS)
    except Exception as err:  # a half-built neighbouring component must not stop the measure
        print(f"(actor ruler unavailable: {err}; places alone)")
        nlp = build_pipeline(["dateline_places"])
    nlp.get_pipe("dateline_places")._gaz = gaz
    return nlp


def _doc(nlp, text: str, title: str | None = None):
    doc = nlp.make_doc(text)
    doc._.meta = {"id": "", "title": title, "published": None, "dateline": None}
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    return doc


def _most_specific(places: list[dict]) -> dict | None:
    placed = [p for p in places if p.get("latitude") is not None]
    if not placed:
        return None
    return min(placed, key=lambda p: (SPECIFICITY.get(p.get("feature") or "", 1), p["start"]))


def ucdp(shared: Path, limit: int | None, verbose: bool = False) -> None:
    path = shared / "eval" / "ucdp-ged-iraq" / "ucdp_ged_iraq_2016_2018.csv"
    with open(path, encoding="utf-8") as fh:
        rows = [r for r in csv.DictReader(fh) if r["where_prec"] != "6"]
    if limit:
        rows = rows[:limit]
    print(f"\nUCDP GED Iraq 2016-2018: {len(rows)} events placed below country level")
    for label, exclude in (("whole gazetteer", ()), ("UCDP places hidden", ("ucdp-iq", "ucdp-ssd"))):
        gaz = Gazetteer(exclude_sources=exclude)
        nlp = _nlp(gaz)
        t0 = time.time()
        head = {"n": 0, "found": 0, "161": 0, "25": 0}
        where = {"n": 0, "found": 0, "161": 0, "25": 0}
        where_prov = {"n": 0, "found": 0, "161": 0, "25": 0}
        for r in rows:
            lat, lon = float(r["latitude"]), float(r["longitude"])
            doc = _doc(nlp, r["source_headline"])
            best = _most_specific(doc._.places)
            if not _tally(head, best, lat, lon) and verbose and not exclude:
                head.setdefault("errors", []).append((r["source_headline"], r["where_coordinates"], best and best["resolved"]))
            name = _where_name(r["where_coordinates"])
            doc = _doc(nlp, f"Fighting was reported in {name}, Iraq.")
            best = _most_specific([p for p in doc._.places if p["name"] != "Iraq"]) or _most_specific(doc._.places)
            if not _tally(where, best, lat, lon) and verbose and not exclude:
                where.setdefault("errors", []).append((name, r["adm_1"], best and (best["resolved"], best["country_code"])))
            # as reports often write it, with the province: "X, Nineveh province, Iraq"
            province = re.sub(r"\s+province$", "", r["adm_1"].strip())
            text = f"Fighting was reported in {name}, {province} province, Iraq." if province else doc.text
            doc = _doc(nlp, text)
            skip = {"Iraq", province}
            best = _most_specific([p for p in doc._.places if p["name"] not in skip]) or _most_specific(doc._.places)
            _tally(where_prov, best, lat, lon)
        secs = time.time() - t0
        print(f"  [{label}]  ({secs:.0f} s)")
        _line("headline (source_headline)", head)
        _line("place name (where_coordinates)", where)
        _line("place name, province (adm_1)", where_prov)
        for acc in (head, where):
            for err in acc.get("errors", [])[:40]:
                print("      miss:", err)


def _where_name(where: str) -> str:
    """UCDP's place as a report would name it: type suffix dropped, the first
    place of "Road between X and Y"."""
    where = re.sub(r"^Road between (.+?) and .*$", r"\1", where.strip())
    return re.sub(r"\s+(town|city|village|locality|area|province|district|districts|mountains|border|base)$", "",
                  where.strip(), flags=re.I)


def _tally(acc: dict, best: dict | None, lat: float, lon: float) -> bool:
    """Count one event; True when placed within 161 km."""
    acc["n"] += 1
    if best is None:
        return False
    acc["found"] += 1
    d = distance_km(lat, lon, best["latitude"], best["longitude"])
    acc["161"] += d <= 161
    acc["25"] += d <= 25
    return d <= 161


def _line(label: str, acc: dict) -> None:
    n = acc["n"] or 1
    print(f"    {label:34s} placed {acc['found'] / n:6.1%}   within 161 km {acc['161'] / n:6.1%}"
          f"   within 25 km {acc['25'] / n:6.1%}   (n={acc['n']})")


# ---------------------------------------------------------------- gold places

def score_places(pred: list[dict], gold: list[dict]) -> dict:
    """Span-overlap matching per article (one-to-one, in order), as in scoring.md."""
    by_id = {g["id"]: g for g in gold}
    tp = fp = fn = 0
    r161 = r25 = cc_ok = resolvable = 0
    misses, false_hits, wrong = [], [], []
    for p in pred:
        g = by_id.get(p["id"])
        if g is None:
            continue
        gold_places = list(g["places"])
        used = set()
        for pp in p["places"]:
            match = None
            for k, gp in enumerate(gold_places):
                if k not in used and pp["start"] < gp["end"] and gp["start"] < pp["end"]:
                    match = k
                    break
            if match is None:
                fp += 1
                false_hits.append((p["id"][:8], pp["name"], pp.get("resolved")))
                continue
            used.add(match)
            tp += 1
            gp = gold_places[match]
            cc_ok += (pp.get("country_code") or None) == (gp.get("country_code") or None)
            if gp.get("latitude") is None:
                ok = pp.get("latitude") is None or gp.get("feature") in ("river", "region")
                r161 += ok
                r25 += ok
                resolvable += 1
                if not ok:
                    wrong.append((p["id"][:8], pp["name"], pp.get("resolved"), "gold has no point"))
                continue
            resolvable += 1
            if pp.get("latitude") is None:
                wrong.append((p["id"][:8], pp["name"], pp.get("resolved"), gp["resolved"]))
                continue
            d = distance_km(gp["latitude"], gp["longitude"], pp["latitude"], pp["longitude"])
            r161 += d <= 161
            r25 += d <= 25
            if d > 161:
                wrong.append((p["id"][:8], pp["name"], pp.get("resolved"), f"{gp['resolved']} {d:.0f} km"))
        for k, gp in enumerate(gold_places):
            if k not in used:
                fn += 1
                misses.append((p["id"][:8], gp["name"], gp["resolved"]))
    prec = tp / (tp + fp) if tp + fp else 0.0
    rec = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return {"tp": tp, "fp": fp, "fn": fn, "precision": prec, "recall": rec, "f1": f1,
            "within_161": r161 / resolvable if resolvable else 0.0, "within_25": r25 / resolvable if resolvable else 0.0,
            "country_code": cc_ok / tp if tp else 0.0, "misses": misses, "false_hits": false_hits, "wrong": wrong}


def gold_sets(shared: Path, preds: dict[str, Path], verbose: bool) -> None:
    sets = {"seed": ("corpus/reuters-islamic-state-2017-2019.txt", "gold/seed.jsonl"),
            "centcom": ("corpus/centcom-press-releases.jsonl", "gold/centcom.jsonl")}
    nlp = None
    for name, (corpus, gold_file) in sets.items():
        gold = [json.loads(line) for line in (shared / gold_file).read_text(encoding="utf-8").splitlines() if line.strip()]
        if name in preds:
            pred = [json.loads(line) for line in preds[name].read_text(encoding="utf-8").splitlines() if line.strip()]
        else:
            from dateline.language import annotate
            from dateline.read import read_inputs

            if nlp is None:
                nlp = _nlp(Gazetteer())
            arts = list(read_inputs([str(shared / corpus)]))
            pred = [{"id": a.id, "places": a.places} for a in annotate(arts, nlp)]
        _pair_ids(pred, gold)
        s = score_places(pred, gold)
        print(f"\n{name} gold places: P {s['precision']:.3f}  R {s['recall']:.3f}  F1 {s['f1']:.3f}"
              f"   resolved within 161 km {s['within_161']:.3f}, 25 km {s['within_25']:.3f},"
              f" country code {s['country_code']:.3f}   (tp {s['tp']}, fp {s['fp']}, fn {s['fn']})")
        if verbose:
            for label in ("misses", "false_hits", "wrong"):
                print(f"  {label}: {s[label]}")


def re3d(shared: Path, verbose: bool) -> None:
    """Recognition against re3d's Location entities in the texts that are not CENTCOM's
    (State Department, UK Government, Wikipedia, Australian DFAT): recall over Locations
    that are proper names, precision over our places against any re3d Location. re3d
    also tags phrases ("the city") and its conventions differ from ours, so read the
    figures as a second opinion, not a score."""
    nlp = _nlp(Gazetteer())
    tp_r = n_r = tp_p = n_p = 0
    misses, extra = [], []
    for folder in ("US_State_Department", "UK_Government", "Wikipedia", "Australian_Department_of_Foreign_Affairs"):
        base = shared / "eval" / "re3d" / folder
        docs = [json.loads(line) for line in (base / "documents.json").read_text(encoding="utf-8").splitlines() if line.strip()]
        ents = [json.loads(line) for line in (base / "entities.json").read_text(encoding="utf-8").splitlines() if line.strip()]
        locs: dict[str, list[dict]] = {}
        for e in ents:
            if e["type"] == "Location":
                locs.setdefault(e["documentId"], []).append(e)
        for d in docs:
            doc = _doc(nlp, d["text"], d.get("title"))
            ours = doc._.places
            gold = locs.get(d["_id"], [])
            named = [e for e in gold if re.search(r"\b[A-Z][a-z]", e["value"])]
            for e in named:
                n_r += 1
                hit = any(p["start"] < e["end"] and e["begin"] < p["end"] for p in ours)
                tp_r += hit
                if not hit:
                    misses.append(e["value"])
            for p in ours:
                n_p += 1
                hit = any(p["start"] < e["end"] and e["begin"] < p["end"] for e in gold)
                tp_p += hit
                if not hit:
                    extra.append(p["name"])
    print(f"\nre3d Locations (State Dept, UK Gov, Wikipedia, DFAT): recall of named Locations {tp_r / max(n_r, 1):.3f}"
          f" ({tp_r}/{n_r}), our places that are re3d Locations {tp_p / max(n_p, 1):.3f} ({tp_p}/{n_p})")
    if verbose:
        print("  missed:", misses)
        print("  not re3d Locations:", extra)


def speed(shared: Path) -> None:
    """Load times and the places component's time per article (the seed and CENTCOM texts)."""
    from dateline.language import build_pipeline
    from dateline.read import read_inputs

    t0 = time.perf_counter()
    Gazetteer()
    load = time.perf_counter() - t0
    t0 = time.perf_counter()
    nlp = build_pipeline()
    pipeline = time.perf_counter() - t0
    arts = list(read_inputs([str(shared / "corpus" / "reuters-islamic-state-2017-2019.txt")]))
    arts += list(read_inputs([str(shared / "corpus" / "centcom-press-releases.jsonl")]))
    docs = []
    for a in arts:
        doc = nlp.make_doc(a.body)
        doc._.meta = {"id": a.id, "title": a.title, "published": a.published, "dateline": a.dateline}
        for name, proc in nlp.pipeline:
            if name == "dateline_places":
                break
            doc = proc(doc)
        docs.append(doc)
    places = nlp.get_pipe("dateline_places")
    t0 = time.perf_counter()
    for doc in docs:
        places(doc)
    per = (time.perf_counter() - t0) / max(len(docs), 1)
    chars = sum(len(d.text) for d in docs) / max(len(docs), 1)
    print(f"\nspeed: gazetteer load {load:.2f} s, whole pipeline load {pipeline:.2f} s,"
          f" places {per * 1000:.0f} ms per article ({chars:.0f} characters)")


def _pair_ids(pred: list[dict], gold: list[dict]) -> None:
    """Ids can differ (a reader that does not keep the input's id): pair by order then."""
    gold_ids = {g["id"] for g in gold}
    if pred and all(p["id"] not in gold_ids for p in pred) and len(pred) == len(gold):
        for p, g in zip(pred, gold):
            p["id"] = g["id"]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="geoparsing accuracy on ../shared development data")
    ap.add_argument("--shared", type=Path, default=Path(os.environ.get("DATELINE_SHARED", ROOT.parent / "shared")))
    ap.add_argument("--limit", type=int, default=None, help="UCDP rows to use (default: all)")
    ap.add_argument("--pred", action="append", default=[], help="NAME=PRED.jsonl: score an extract output instead")
    ap.add_argument("--skip-ucdp", action="store_true")
    ap.add_argument("--skip-gold", action="store_true")
    ap.add_argument("-v", "--verbose", action="store_true", help="list misses, false hits and wrong resolutions")
    args = ap.parse_args(argv)
    if not (args.shared / "eval").is_dir():
        print(f"{args.shared}: development data not found", file=sys.stderr)
        return 2
    preds = dict(p.split("=", 1) for p in args.pred)
    if not args.skip_gold:
        gold_sets(args.shared, {k: Path(v) for k, v in preds.items()}, args.verbose)
    if not args.skip_gold:
        re3d(args.shared, args.verbose)
        speed(args.shared)
    if not args.skip_ucdp:
        ucdp(args.shared, args.limit, args.verbose)
    return 0


if __name__ == "__main__":
    sys.exit(main())
