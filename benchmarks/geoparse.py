#!/usr/bin/env python
"""Geoparsing accuracy of the places component on development data in ../shared.

For each set: recognition precision, recall and F1 (span overlap, one-to-one),
accuracy within 161 km over the recognised toponyms, and the AUC of the error
over log distance as geoparsing papers report it (Gritta et al. 2018: the area
under the sorted curve of ln(1 + km), scaled by ln(20039 km), the farthest two
points on Earth can be; 0 is perfect, lower is better; a recognised toponym left
without a point counts as the farthest error).

  * GeoVirus (../shared/eval/geovirus): 229 WikiNews paragraphs, scored as its
    SOURCE.md says: a prediction that resolves to a country or first-level
    region (state, province) of the same name is right within 4,000 km of the
    gold point (Wikipedia's and GeoNames' points for an area differ), every
    other place within 161 km. Printed whole and in two halves, split by the
    parity of the source article's index (paragraphs of one WikiNews story stay
    in one half): tune on half A (`-v` lists its errors), check on half B.
  * UCDP GED Iraq 2016-2018 headlines: (1) the headline's most specific place
    against the event's point (events placed only at country level, where_prec
    6, left out; a headline with no place counts as a miss); (2) the
    toponym: where the headline writes the event's place name
    (`where_coordinates`, type suffix dropped), whether it is recognised and
    resolved within 161 km of the event. Then the place name alone, geocoded in
    "Fighting was reported in X, Iraq." and "... in X, P province, Iraq.".
    `--hidden` repeats this with the places taken from UCDP hidden from the
    gazetteer, the honest figure for unseen text.
  * the seed and CENTCOM gold (../shared/gold): places as `dateline eval`
    matches them (a gold place without a point, a river or region, is right
    unplaced).
  * re3d (the texts other than CENTCOM's): recognition against its Location entities.
  * speed: gazetteer and places-layer load times, the places component's time per article.

    .venv/bin/python benchmarks/geoparse.py [--shared ../shared] [--only geovirus,ucdp,gold,re3d,speed]
        [--json] [-v] [--hidden] [--limit N] [--pred seed=PRED.jsonl]
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import os
import re
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from dateline.language.gazetteer import Gazetteer, distance_km, fold, name_key  # noqa: E402

# the most specific first: what a headline's event happened at
SPECIFICITY = {"camp": 0, "airbase": 0, "dam": 0, "crossing": 0, "military base": 0, "neighbourhood": 0,
               "village": 1, "town": 1, "city": 1, "district": 2, "subdistrict": 2, "province": 3,
               "state": 3, "region": 4, "country": 5}
FARTHEST_KM = 20039.0  # half the Earth's circumference: the largest error there can be
AREA_FEATURES = frozenset({"country", "state", "province"})  # SOURCE.md's "country or first-level region"
AREA_KM = 4000.0
SETS = ("geovirus", "ucdp", "gold", "re3d", "speed")


# ---------------------------------------------------------------- the pipeline

def _nlp(gaz: Gazetteer):
    """The pipeline as `dateline extract` runs it, up to and including the places component."""
    from dateline.language import build_pipeline
    from dateline.language.pipeline import COMPONENTS

    upto = []
    for _, factory, _ in COMPONENTS:
        upto.append(factory)
        if factory == "dateline_places":
            break
    nlp = build_pipeline(upto)
    nlp.get_pipe("dateline_places")._gaz = gaz
    return nlp


def _doc(nlp, text: str, title: str | None = None):
    doc = nlp.make_doc(text)
    doc._.meta = {"id": "", "title": title, "published": None, "dateline": None}
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    return doc


# ---------------------------------------------------------------- scoring

def auc(errors: list[float]) -> float | None:
    """Gritta et al.'s AUC: trapezoid area under sorted ln(1 + km), over ln(20039) times the width."""
    if len(errors) < 2:
        return None
    logs = sorted(math.log1p(min(max(e, 0.0), FARTHEST_KM)) for e in errors)
    area = sum((a + b) / 2 for a, b in zip(logs, logs[1:]))
    return area / (math.log(FARTHEST_KM) * (len(logs) - 1))


def match(pred: list[dict], gold: list[dict]) -> tuple[list[tuple[dict, dict]], list[dict], list[dict]]:
    """Span-overlap matching, one-to-one, in order (as scoring.md): pairs, false hits, misses."""
    used: set[int] = set()
    pairs, false_hits = [], []
    for pp in sorted(pred, key=lambda p: p["start"]):
        hit = next((k for k, gp in enumerate(gold) if k not in used and pp["start"] < gp["end"] and gp["start"] < pp["end"]),
                   None)
        if hit is None:
            false_hits.append(pp)
        else:
            used.add(hit)
            pairs.append((pp, gold[hit]))
    return pairs, false_hits, [gp for k, gp in enumerate(gold) if k not in used]


class Tally:
    """Recognition and resolution counts over a set."""

    def __init__(self) -> None:
        self.tp = self.fp = self.fn = 0
        self.errors: list[float] = []  # km, one per recognised toponym that has a gold point
        self.within = 0
        self.misses: list = []
        self.false_hits: list = []
        self.wrong: list = []

    def add(self, doc_id: str, pred: list[dict], gold: list[dict], judge) -> None:
        pairs, false_hits, misses = match(pred, gold)
        self.tp += len(pairs)
        self.fp += len(false_hits)
        self.fn += len(misses)
        self.false_hits += [(doc_id, p["name"], p.get("resolved"), p.get("country_code")) for p in false_hits]
        self.misses += [(doc_id, g["name"]) for g in misses]
        for pp, gp in pairs:
            verdict = judge(pp, gp)
            if verdict is None:
                continue
            ok, km = verdict
            self.errors.append(km)
            self.within += ok
            if not ok:
                self.wrong.append((doc_id, pp["name"], pp.get("resolved"), pp.get("country_code"), gp.get("resolved", ""),
                                   round(km)))

    def figures(self) -> dict:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        n = len(self.errors)
        return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0,
                "within_161": round(self.within / n, 4) if n else 0.0,
                "auc": round(a, 4) if (a := auc(self.errors)) is not None else None,
                "tp": self.tp, "fp": self.fp, "fn": self.fn, "resolved_n": n}


def _line(label: str, f: dict) -> str:
    auc_text = f"{f['auc']:.3f}" if f["auc"] is not None else "-"
    return (f"  {label:22s} P {f['precision']:.3f}  R {f['recall']:.3f}  F1 {f['f1']:.3f}   within 161 km "
            f"{f['within_161']:.3f}   AUC {auc_text}   (tp {f['tp']}, fp {f['fp']}, fn {f['fn']})")


def _km(pp: dict, lat: float, lon: float) -> float:
    if pp.get("latitude") is None:
        return FARTHEST_KM
    return distance_km(lat, lon, pp["latitude"], pp["longitude"])


# ---------------------------------------------------------------- GeoVirus

def geovirus_articles(shared: Path) -> list[dict]:
    """GeoVirus paragraphs with their toponyms. The file's offsets count one
    character more than its text holds (a leading character lost in export):
    each span is checked against its name."""
    root = ET.parse(shared / "eval" / "geovirus" / "GeoVirus.xml").getroot()
    sources: dict[str, int] = {}
    out = []
    for i, art in enumerate(root.findall("article")):
        text = art.findtext("text") or ""
        source = art.findtext("source") or ""
        gold = []
        for loc in art.find("locations"):
            name = loc.findtext("name")
            start, end = int(loc.findtext("start")) - 1, int(loc.findtext("end")) - 1
            if text[start:end] != name:
                raise SystemExit(f"GeoVirus.xml: article {i}: {name!r} not at {start}")
            gold.append({"name": name, "start": start, "end": end, "lat": float(loc.findtext("lat")),
                         "lon": float(loc.findtext("lon")), "resolved": loc.findtext("page", "").rsplit("/", 1)[-1]})
        half = "A" if sources.setdefault(source, len(sources)) % 2 == 0 else "B"
        out.append({"id": f"gv{i:03d}", "text": text, "gold": gold, "half": half})
    return out


def judge_geovirus(pp: dict, gp: dict) -> tuple[bool, float]:
    km = _km(pp, gp["lat"], gp["lon"])
    same_name = name_key(pp["name"]) == name_key(gp["name"]) or name_key(pp.get("resolved") or "") == name_key(gp["name"])
    if pp.get("feature") in AREA_FEATURES and same_name and km <= AREA_KM:
        return True, 0.0  # an area's point is a convention: the area itself is right
    return km <= 161, km


def geovirus(shared: Path, nlp, verbose: bool) -> dict:
    arts = geovirus_articles(shared)
    tallies = {"A": Tally(), "B": Tally(), "all": Tally()}
    t0 = time.time()
    for art in arts:
        doc = _doc(nlp, art["text"])
        for key in (art["half"], "all"):
            tallies[key].add(art["id"], doc._.places, art["gold"], judge_geovirus)
    print(f"\nGeoVirus: {len(arts)} paragraphs, {sum(len(a['gold']) for a in arts)} toponyms ({time.time() - t0:.0f} s)")
    out = {}
    for key, label in (("A", "half A (tune)"), ("B", "half B (check)"), ("all", "all")):
        out[key] = tallies[key].figures()
        print(_line(label, out[key]))
    if verbose:  # half A only: half B stays unseen
        t = tallies["A"]
        for label, rows in (("missed", t.misses), ("not toponyms", t.false_hits), ("wrong place", t.wrong)):
            print(f"  half A {label} ({len(rows)}):")
            for row in rows:
                print("     ", row)
    return out


# ---------------------------------------------------------------- UCDP

def _most_specific(places: list[dict]) -> dict | None:
    placed = [p for p in places if p.get("latitude") is not None]
    if not placed:
        return None
    return min(placed, key=lambda p: (SPECIFICITY.get(p.get("feature") or "", 1), p["start"]))


def _where_name(where: str) -> str:
    """UCDP's place as a report would name it: type suffix dropped, the first
    place of "Road between X and Y"."""
    where = re.sub(r"^Road between (.+?) and .*$", r"\1", where.strip())
    return re.sub(r"\s+(town|city|village|locality|area|province|district|districts|mountains|border|base)$", "",
                  where.strip(), flags=re.I)


def _find_name(text: str, name: str) -> tuple[int, int] | None:
    """Where `name` is written in `text` (case, hyphens and spaces aside), or None."""
    words = fold(name).split()
    if not words:
        return None
    pattern = r"\b" + r"[\s\-']+".join(re.escape(w) for w in words) + r"\b"
    m = re.search(pattern, text, re.I)
    return (m.start(), m.end()) if m else None


def ucdp(shared: Path, limit: int | None, verbose: bool, hidden: bool) -> dict:
    path = shared / "eval" / "ucdp-ged-iraq" / "ucdp_ged_iraq_2016_2018.csv"
    with open(path, encoding="utf-8") as fh:
        rows = [r for r in csv.DictReader(fh) if r["where_prec"] != "6"]
    if limit:
        rows = rows[:limit]
    print(f"\nUCDP GED Iraq 2016-2018: {len(rows)} events placed below country level")
    out = {}
    passes = [("whole gazetteer", ())] + ([("UCDP places hidden", ("ucdp-iq", "ucdp-ssd"))] if hidden else [])
    for label, exclude in passes:
        nlp = _nlp(Gazetteer(exclude_sources=exclude))
        t0 = time.time()
        head = {"n": 0, "placed": 0, "within": 0, "errors": []}
        named = Tally()
        where = {"n": 0, "placed": 0, "within": 0, "errors": []}
        where_prov = {"n": 0, "placed": 0, "within": 0, "errors": []}
        head_misses, name_misses = [], []
        for k, r in enumerate(rows):
            lat, lon = float(r["latitude"]), float(r["longitude"])
            headline = r["source_headline"]
            doc = _doc(nlp, headline)
            best = _most_specific(doc._.places)
            if not _count(head, best, lat, lon):
                head_misses.append((headline, r["where_coordinates"], best and best["resolved"]))
            name = _where_name(r["where_coordinates"])
            span = _find_name(headline, name)
            if span:
                gold = [{"name": name, "start": span[0], "end": span[1], "lat": lat, "lon": lon,
                         "resolved": r["where_coordinates"]}]
                named.add(f"u{k}", [p for p in doc._.places if p["start"] < span[1] and span[0] < p["end"]], gold,
                          lambda pp, gp: (_km(pp, gp["lat"], gp["lon"]) <= 161, _km(pp, gp["lat"], gp["lon"])))
            doc = _doc(nlp, f"Fighting was reported in {name}, Iraq.")
            best = _most_specific([p for p in doc._.places if p["name"] != "Iraq"]) or _most_specific(doc._.places)
            if not _count(where, best, lat, lon):
                name_misses.append((name, r["adm_1"], best and (best["resolved"], best["country_code"])))
            province = re.sub(r"\s+province$", "", r["adm_1"].strip())
            text = f"Fighting was reported in {name}, {province} province, Iraq." if province else doc.text
            doc = _doc(nlp, text)
            skip = {"Iraq", province}
            best = _most_specific([p for p in doc._.places if p["name"] not in skip]) or _most_specific(doc._.places)
            _count(where_prov, best, lat, lon)
        tag = "ucdp" if not exclude else "ucdp_hidden"
        # recall only: the headline's other places are not gold
        toponym = {k: v for k, v in named.figures().items() if k not in ("precision", "f1", "fp")}
        out[tag] = {"headline_event": _figures(head), "headline_toponym": toponym,
                    "place_name": _figures(where), "place_name_province": _figures(where_prov)}
        print(f"  [{label}]  ({time.time() - t0:.0f} s)")
        f = out[tag]["headline_event"]
        print(f"  {'headline, event place':34s} placed {f['placed']:.3f}   within 161 km {f['within_161']:.3f}"
              f"   AUC {f['auc']:.3f}   (n={f['n']}; the headline's most specific place against the event's point)")
        f = out[tag]["headline_toponym"]
        print(f"  {'headline, the event toponym':34s} recognised {f['recall']:.3f}   within 161 km {f['within_161']:.3f}"
              f"   AUC {f['auc']:.3f}   (of {f['tp'] + f['fn']} headlines that write the event's place name)")
        for key, title in (("place_name", "place name (where_coordinates)"),
                           ("place_name_province", "place name, province (adm_1)")):
            f = out[tag][key]
            print(f"  {title:34s} placed {f['placed']:.3f}   within 161 km {f['within_161']:.3f}   AUC {f['auc']:.3f}")
        if verbose and not exclude:
            for row in named.wrong:
                print("      toponym wrong:", row)
            for row in named.misses:
                print("      toponym missed:", row, rows[int(row[0][1:])]["source_headline"])
            for err in name_misses[:40]:
                print("      place name miss:", err)
    return out


def _count(acc: dict, best: dict | None, lat: float, lon: float) -> bool:
    """Count one event; True when placed within 161 km."""
    acc["n"] += 1
    if best is None:
        acc["errors"].append(FARTHEST_KM)
        return False
    acc["placed"] += 1
    d = distance_km(lat, lon, best["latitude"], best["longitude"])
    acc["within"] += d <= 161
    acc["errors"].append(d)
    return d <= 161


def _figures(acc: dict) -> dict:
    n = acc["n"] or 1
    return {"n": acc["n"], "placed": round(acc["placed"] / n, 4), "within_161": round(acc["within"] / n, 4),
            "auc": round(auc(acc["errors"]) or 0.0, 4)}


# ---------------------------------------------------------------- gold places

def judge_gold(pp: dict, gp: dict) -> tuple[bool, float]:
    if gp.get("latitude") is None:  # a river or region: right unplaced (or placed, for those)
        ok = pp.get("latitude") is None or gp.get("feature") in ("river", "region")
        return ok, 0.0 if ok else FARTHEST_KM
    km = _km(pp, gp["latitude"], gp["longitude"])
    return km <= 161, km


def gold_sets(shared: Path, nlp, preds: dict[str, Path], verbose: bool) -> dict:
    sets = {"seed": ("corpus/reuters-islamic-state-2017-2019.txt", "gold/seed.jsonl"),
            "centcom": ("corpus/centcom-press-releases.jsonl", "gold/centcom.jsonl")}
    out = {}
    for name, (corpus, gold_file) in sets.items():
        gold = [json.loads(line) for line in (shared / gold_file).read_text(encoding="utf-8").splitlines() if line.strip()]
        if name in preds:
            pred = [json.loads(line) for line in preds[name].read_text(encoding="utf-8").splitlines() if line.strip()]
        else:
            from dateline.language import annotate
            from dateline.read import read_inputs

            arts = list(read_inputs([str(shared / corpus)]))
            pred = [{"id": a.id, "places": a.places} for a in annotate(arts, nlp)]
        _pair_ids(pred, gold)
        by_id = {g["id"]: g for g in gold}
        tally = Tally()
        for p in pred:
            g = by_id.get(p["id"])
            if g is not None:
                tally.add(p["id"][:8], p["places"], g["places"], judge_gold)
        out[name] = tally.figures()
        print("\n" + _line(f"{name} gold places", out[name]))
        if verbose:
            for label, rows in (("missed", tally.misses), ("not places", tally.false_hits), ("wrong", tally.wrong)):
                print(f"    {label}: {rows}")
    return out


def _pair_ids(pred: list[dict], gold: list[dict]) -> None:
    """Ids can differ (a reader that does not keep the input's id): pair by order then."""
    gold_ids = {g["id"] for g in gold}
    if pred and all(p["id"] not in gold_ids for p in pred) and len(pred) == len(gold):
        for p, g in zip(pred, gold):
            p["id"] = g["id"]


# ---------------------------------------------------------------- re3d

def re3d(shared: Path, nlp, verbose: bool) -> dict:
    """Recognition against re3d's Location entities in the texts that are not CENTCOM's
    (State Department, UK Government, Wikipedia, Australian DFAT): recall over Locations
    that are proper names, precision over our places against any re3d Location. re3d
    also tags phrases ("the city") and its conventions differ from ours, so read the
    figures as a second opinion, not a score."""
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
            ours = _doc(nlp, d["text"], d.get("title"))._.places
            gold = locs.get(d["_id"], [])
            for e in (e for e in gold if re.search(r"\b[A-Z][a-z]", e["value"])):
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
    out = {"recall_named": round(tp_r / max(n_r, 1), 4), "precision": round(tp_p / max(n_p, 1), 4)}
    print(f"\nre3d Locations (State Dept, UK Gov, Wikipedia, DFAT): recall of named Locations {out['recall_named']:.3f}"
          f" ({tp_r}/{n_r}), our places that are re3d Locations {out['precision']:.3f} ({tp_p}/{n_p})")
    if verbose:
        print("  missed:", misses)
        print("  not re3d Locations:", extra)
    return out


# ---------------------------------------------------------------- speed

def speed(shared: Path) -> dict:
    """Load times (the gazetteer; the places layer: gazetteer and component) and the
    places component's time per article (the seed and CENTCOM texts)."""
    from dateline.language import build_pipeline
    from dateline.language.places import PlaceFinder, english_words
    from dateline.read import read_inputs

    t0 = time.perf_counter()
    gaz = Gazetteer()
    load = time.perf_counter() - t0
    t0 = time.perf_counter()
    nlp = build_pipeline()
    pipeline = time.perf_counter() - t0
    t0 = time.perf_counter()
    PlaceFinder(Gazetteer(), english_words(nlp))
    layer = time.perf_counter() - t0
    del gaz
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
    print(f"\nspeed: gazetteer load {load:.2f} s, places layer load {layer:.2f} s, whole pipeline load {pipeline:.2f} s,"
          f" places {per * 1000:.0f} ms per article ({chars:.0f} characters)")
    return {"gazetteer_load_s": round(load, 3), "places_layer_load_s": round(layer, 3),
            "pipeline_load_s": round(pipeline, 3), "places_ms_per_article": round(per * 1000, 1)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="geoparsing accuracy on ../shared development data")
    ap.add_argument("--shared", type=Path, default=Path(os.environ.get("DATELINE_SHARED", ROOT.parent / "shared")))
    ap.add_argument("--only", default=",".join(SETS), help=f"comma-separated sets of {', '.join(SETS)}")
    ap.add_argument("--limit", type=int, default=None, help="UCDP rows to use (default: all)")
    ap.add_argument("--hidden", action="store_true", help="UCDP again with UCDP's own places hidden")
    ap.add_argument("--pred", action="append", default=[], help="NAME=PRED.jsonl: score an extract output instead")
    ap.add_argument("--json", action="store_true", help="print the figures as one JSON object (after the report)")
    ap.add_argument("-v", "--verbose", action="store_true", help="list misses, false hits and wrong resolutions")
    args = ap.parse_args(argv)
    if not (args.shared / "eval").is_dir():
        print(f"{args.shared}: development data not found", file=sys.stderr)
        return 2
    wanted = {s.strip() for s in args.only.split(",") if s.strip()}
    unknown = wanted - set(SETS)
    if unknown:
        print(f"--only: unknown set(s) {', '.join(sorted(unknown))}", file=sys.stderr)
        return 2
    preds = {k: Path(v) for k, v in (p.split("=", 1) for p in args.pred)}
    report = sys.stdout
    if args.json:
        sys.stdout = sys.stderr  # the report goes to stderr, the JSON alone to stdout
    figures: dict = {}
    nlp = _nlp(Gazetteer()) if wanted & {"geovirus", "gold", "re3d"} else None
    try:
        if "geovirus" in wanted:
            figures["geovirus"] = geovirus(args.shared, nlp, args.verbose)
        if "gold" in wanted:
            figures.update(gold_sets(args.shared, nlp, preds, args.verbose))
        if "ucdp" in wanted:
            figures.update(ucdp(args.shared, args.limit, args.verbose, args.hidden))
        if "re3d" in wanted:
            figures["re3d"] = re3d(args.shared, nlp, args.verbose)
        if "speed" in wanted:
            figures["speed"] = speed(args.shared)
    finally:
        sys.stdout = report
    if args.json:
        print(json.dumps(figures, indent=1, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
