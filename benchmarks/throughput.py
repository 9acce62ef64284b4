"""Throughput and memory of the language layer on every engine (issue 6).

Builds a corpus of realistic articles (default 2,000) from the development data in
../shared (the Reuters sample dumps and JSON Lines in corpus/, re3d documents,
PLOVER sentences and UCDP source headlines in eval/), or from the sample corpus that
ships with dateline when ../shared is absent. Each article is a real headline as
its lead followed by real news paragraphs drawn at random (about 300 to 850 words,
like a wire story), so no two articles are versions of one story and
de-duplication does not collapse the corpus (the number of stories found is
printed to show it).

Then, in one run and on the same texts, each in a fresh process:
  (a) spaCy: the bare model's nlp.pipe with the pipes the dateline pipeline runs
      (timed around nlp.pipe only);
  (b) `dateline extract` with 1 worker (the full job: read, annotate, code events,
      assign stories, write), wall time of the command;
  (c) the same with every core (--workers = os.cpu_count());
  (d) the same on the Dask engine, a LocalCluster of 2 worker processes;
and prints articles/s, words/s, peak RSS (summed over the process and all its
children, sampled every 0.1 s) and CPU seconds (the same tree) for each, and the
ratios b/a, c/b, d/b. CPU seconds hardly depend on what else runs on the machine, so
the script also prints b/a by CPU time and the work each parallel engine adds. Last, memory
flatness: peak RSS of (c) on a 1,000- and a 10,000-article input.

Targets: b/a >= 0.5, c/b >= 1.7 on 2 cores, d/b >= 1.5, peak RSS < 1.5 GB with
2 workers, peak RSS flat within 10% between 1,000 and 10,000 articles. The load
average is printed before and after: figures from a busy machine are not the
engines' figures.

    .venv/bin/python benchmarks/throughput.py                  # full run (about half an hour on 2 cores)
    .venv/bin/python benchmarks/throughput.py --articles 200 --flat 100,400   # a quick check of the script
    .venv/bin/python benchmarks/throughput.py --skip-flat      # throughput only
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("DATELINE_SHARED", ROOT.parent / "shared"))
SEED = 6
MIN_WORDS, MAX_WORDS = 300, 850
BATCH_SIZE = 16  # the engines' default batch size, used for the bare spaCy pass too
SAMPLE_EVERY = 0.1
RUN_DATELINE = "from dateline.cli import entry; entry()"

TARGETS = {"b/a": 0.5, "c/b": 1.7, "d/b": 1.5}
MAX_RSS_2_WORKERS_MB = 1500
FLAT_WITHIN = 0.10


# --- the corpus ----------------------------------------------------------------------


@dataclass
class Pool:
    leads: list[str]  # one-line headlines and sentences that open an article
    titles: list[str]
    paragraphs: list[str]  # body paragraphs, unique


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\u201c\"])")
_DATELINE = re.compile(r"\((?:Reuters|AFP|AP|Dateline Wire)\)\s*[\u2013\u2014-]")
MAX_PARAGRAPH_WORDS = 70  # longer paragraphs are cut at sentence ends, like wire copy


def _paragraphs(text: str) -> list[str]:
    """Paragraphs of at least 6 words; long ones cut into runs of whole sentences, so that
    one long paragraph shared by two articles does not make them look like versions."""
    out: list[str] = []
    for par in re.split(r"\n\s*\n|\n", text):
        chunk: list[str] = []
        for sentence in _SENTENCE_END.split(par.strip()):
            chunk.append(sentence)
            if len(" ".join(chunk).split()) >= MAX_PARAGRAPH_WORDS // 2:
                out.append(" ".join(chunk))
                chunk = []
        if chunk:
            out.append(" ".join(chunk))
    return [p for p in out if len(p.split()) >= 6]


def _read_articles(paths: list[Path]) -> list:
    from dateline.read import ReadReport, read_inputs

    return list(read_inputs([str(p) for p in paths], report=ReadReport()))


def load_pool() -> tuple[Pool, str]:
    """Headlines, titles and paragraphs from ../shared, or from the shipped sample."""
    leads: list[str] = []
    titles: list[str] = []
    paragraphs: list[str] = []
    corpus = SHARED / "corpus"
    evaldir = SHARED / "eval"
    if corpus.is_dir() and evaldir.is_dir():
        origin = f"{SHARED} (corpus/, eval/re3d, eval/plover-gsr, eval/ucdp-ged-iraq)"
        for art in _read_articles(sorted(corpus.glob("*.txt")) + sorted(corpus.glob("*.jsonl"))):
            paragraphs += _paragraphs(art.body)
            if art.title:
                titles.append(art.title)
        for docs in sorted((evaldir / "re3d").glob("*/documents.json")):
            for line in docs.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    doc = json.loads(line)
                    paragraphs += _paragraphs(doc.get("text", ""))
                    if doc.get("title"):
                        titles.append(doc["title"])
        plover = evaldir / "plover-gsr" / "PLOVER_GSR_CAMEO.json"
        if plover.exists():
            for rec in json.loads(plover.read_text(encoding="utf-8")):
                if isinstance(rec.get("text"), str) and len(rec["text"].split()) >= 6:
                    paragraphs.append(rec["text"].strip())
        for ged in sorted((evaldir / "ucdp-ged-iraq").glob("*.csv")):
            with open(ged, encoding="utf-8", newline="") as fh:
                for row in csv.DictReader(fh):
                    headline = (row.get("source_headline") or "").strip()
                    if len(headline.split()) >= 5:
                        leads.append(headline)
    else:
        sys.path.insert(0, str(ROOT / "src"))
        from dateline.sample import SAMPLE_CORPUS

        origin = f"{SAMPLE_CORPUS} (../shared is absent)"
        for art in _read_articles([SAMPLE_CORPUS]):
            paragraphs += _paragraphs(art.body)
            if art.title:
                titles.append(art.title)
    # A dateline paragraph ("BEIRUT (Reuters) - ...") opens an article; in the middle of a
    # body the reader rightly takes what precedes it for captions. Use those as leads only.
    openers = [p for p in paragraphs if _DATELINE.search(p[:120])]
    paragraphs = list(dict.fromkeys(p for p in paragraphs if not _DATELINE.search(p[:120])))
    titles = list(dict.fromkeys(titles))
    leads = list(dict.fromkeys(leads + openers)) or [p for p in paragraphs if len(p.split()) <= 40]
    return Pool(leads, titles or leads, paragraphs), origin


def write_corpus(pool: Pool, n: int, path: Path, seed: int = SEED) -> int:
    """`n` articles as JSON Lines; returns the number of words in their text."""
    rng = random.Random(seed)
    words = 0
    with open(path, "w", encoding="utf-8") as fh:
        for i in range(n):
            target = rng.randint(MIN_WORDS, MAX_WORDS)
            body = [rng.choice(pool.leads)]
            count = len(body[0].split())
            for j in rng.sample(range(len(pool.paragraphs)), len(pool.paragraphs)):
                if count >= target:
                    break
                body.append(pool.paragraphs[j])
                count += len(pool.paragraphs[j].split())
            row = {"title": rng.choice(pool.titles), "text": "\n\n".join(body)}
            if i % 2 == 0:  # half with a given date, half left to inference
                row["published"] = f"{rng.randint(2016, 2019)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
            words += count
    return words


# --- measuring -----------------------------------------------------------------------


@dataclass
class Measure:
    label: str
    articles: int
    words: int
    seconds: float
    peak_mb: float
    cpu_seconds: float
    note: str = ""

    @property
    def per_second(self) -> tuple[float, float]:
        return self.articles / self.seconds, self.words / self.seconds


def sample_tree(proc: psutil.Process, cpu: dict[int, float]) -> int:
    """Summed RSS of a process and all its children; records each one's CPU seconds in `cpu`."""
    total = 0
    for p in [proc, *proc.children(recursive=True)]:
        try:
            with p.oneshot():
                total += p.memory_info().rss
                times = p.cpu_times()
            cpu[p.pid] = times.user + times.system
        except psutil.Error:
            pass
    return total


def run_measured(cmd: list[str]) -> tuple[float, float, float, str]:
    """(wall seconds, peak summed RSS in MB, CPU seconds, stdout) of a command and all its children.

    CPU seconds are summed over every process of the tree as last sampled (a process
    that ends between two samples loses at most SAMPLE_EVERY of its time). Unlike wall
    time they hardly change when other work shares the cores."""
    started = time.perf_counter()
    child = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
    proc = psutil.Process(child.pid)
    peak = 0
    cpu: dict[int, float] = {}
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            try:
                peak = max(peak, sample_tree(proc, cpu))
            except psutil.Error:
                pass
            done.wait(SAMPLE_EVERY)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = child.communicate()
    seconds = time.perf_counter() - started
    done.set()
    sampler.join()
    if child.returncode != 0:
        raise SystemExit(f"failed ({child.returncode}): {' '.join(cmd)}\n{err[-3000:]}")
    return seconds, peak / 1e6, sum(cpu.values()), out


def measure_spacy(corpus: Path, articles: int, words: int) -> Measure:
    cmd = [sys.executable, __file__, "--child-spacy", str(corpus)]
    _, peak, _, out = run_measured(cmd)
    report = json.loads(out.strip().splitlines()[-1])
    return Measure(
        "(a) spaCy nlp.pipe, 1 process",
        articles,
        report["words"],
        report["seconds"],
        peak,
        report["cpu"],
        f"pipes: {','.join(report['pipes'])}",
    )


def measure_extract(label: str, corpus: Path, out: Path, articles: int, words: int, *options: str) -> Measure:
    cmd = [sys.executable, "-c", RUN_DATELINE, "extract", str(corpus), "-o", str(out), "-q", "--no-progress", *options]
    seconds, peak, cpu, _ = run_measured(cmd)
    with open(out, encoding="utf-8") as fh:
        records = [json.loads(line) for line in fh]
    stories = len({r["story"] for r in records})
    out.unlink()
    if len(records) != articles:
        raise SystemExit(f"{label}: {len(records)} records for {articles} articles")
    return Measure(label, articles, words, seconds, peak, cpu, f"{stories} stories, {sum(len(r['events']) for r in records)} events")


def child_spacy(corpus: Path) -> None:
    """The bare model over the same bodies dateline annotates (reading not timed)."""
    import spacy

    from dateline.language.pipeline import MODEL

    bodies = [a.body for a in _read_articles([corpus])]
    nlp = spacy.load(MODEL)
    started, cpu_started = time.perf_counter(), time.process_time()
    for _ in nlp.pipe(bodies, batch_size=BATCH_SIZE):
        pass
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    words = sum(len(b.split()) for b in bodies)
    print(json.dumps({"seconds": seconds, "cpu": cpu, "words": words, "pipes": nlp.pipe_names}))


# --- report --------------------------------------------------------------------------


def print_table(rows: list[Measure]) -> None:
    print(f"{'':34} {'articles':>8} {'words':>9} {'seconds':>8} {'articles/s':>10} {'words/s':>9} {'peak RSS':>10} {'CPU s':>7}")
    for m in rows:
        aps, wps = m.per_second
        print(f"{m.label:34} {m.articles:8d} {m.words:9d} {m.seconds:8.1f} {aps:10.2f} {wps:9.0f} {m.peak_mb:7.0f} MB {m.cpu_seconds:7.1f}")
    for m in rows:
        if m.note:
            print(f"  {m.label}: {m.note}")


def verdict(ok: bool) -> str:
    return "ok" if ok else "MISSED"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=2000, help="articles in the throughput corpus (default 2000)")
    ap.add_argument("--flat", default="1000,10000", help="the two input sizes of the memory check (default 1000,10000)")
    ap.add_argument("--skip-flat", action="store_true", help="throughput only")
    ap.add_argument("--skip-throughput", action="store_true", help="memory flatness only")
    ap.add_argument("--dask-workers", type=int, default=2)
    ap.add_argument("--child-spacy", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child_spacy:
        child_spacy(Path(args.child_spacy))
        return

    cores = os.cpu_count() or 1
    load_before = os.getloadavg()
    pool, origin = load_pool()
    print(f"source: {origin}")
    print(f"pool: {len(pool.leads)} leads, {len(pool.titles)} titles, {len(pool.paragraphs)} paragraphs")
    print(f"machine: {cores} cores, load average {load_before[0]:.2f} {load_before[1]:.2f} {load_before[2]:.2f} (1/5/15 min)")
    with tempfile.TemporaryDirectory(prefix="dateline-bench-") as tmp:
        tmpdir = Path(tmp)
        out = tmpdir / "out.jsonl"
        if not args.skip_throughput:
            corpus = tmpdir / "corpus.jsonl"
            words = write_corpus(pool, args.articles, corpus)
            n = args.articles
            print(f"corpus: {n} articles, {words} words ({words / n:.0f} per article), {corpus.stat().st_size / 1e6:.1f} MB\n")
            a = measure_spacy(corpus, n, words)
            b = measure_extract("(b) dateline extract, 1 worker", corpus, out, n, a.words, "--workers", "1")
            c = measure_extract(f"(c) dateline extract, {cores} workers", corpus, out, n, a.words, "--workers", str(cores))
            d = measure_extract(
                f"(d) dask LocalCluster, {args.dask_workers} workers",
                corpus, out, n, a.words, "--engine", "dask", "--workers", str(args.dask_workers),
            )
            print_table([a, b, c, d])
            ratios = {"b/a": a.seconds / b.seconds, "c/b": b.seconds / c.seconds, "d/b": b.seconds / d.seconds}
            print()
            for name, value in ratios.items():
                print(f"{name} = {value:.2f}  (target >= {TARGETS[name]})  {verdict(value >= TARGETS[name])}")
            # CPU seconds barely move with the machine's load: what the ratios would be on
            # idle cores (startup included, parallel runs assumed to get every core).
            print(f"by CPU time: b/a = {a.cpu_seconds / b.cpu_seconds:.2f}; work added by the engines: "
                  f"c {c.cpu_seconds / b.cpu_seconds - 1:+.0%}, d {d.cpu_seconds / b.cpu_seconds - 1:+.0%} over b")
            two = [m for m in (c, d) if ("2 workers" in m.label)]
            for m in two:
                print(f"peak RSS {m.label}: {m.peak_mb:.0f} MB  (target < {MAX_RSS_2_WORKERS_MB})  "
                      f"{verdict(m.peak_mb < MAX_RSS_2_WORKERS_MB)}")
        if not args.skip_flat:
            small, large = (int(x) for x in args.flat.split(","))
            print(f"\nmemory flatness, dateline extract --workers {cores}:")
            peaks = []
            for size in (small, large):
                corpus = tmpdir / f"flat-{size}.jsonl"
                words = write_corpus(pool, size, corpus, seed=SEED + size)
                m = measure_extract(f"{size} articles", corpus, out, size, words, "--workers", str(cores))
                corpus.unlink()
                aps, wps = m.per_second
                print(f"  {size:6d} articles  {words:9d} words  {m.seconds:7.1f} s  {aps:6.2f} articles/s  peak RSS {m.peak_mb:6.0f} MB")
                peaks.append(m.peak_mb)
            growth = peaks[1] / peaks[0] - 1
            print(f"  growth {growth:+.1%}  (target within {FLAT_WITHIN:.0%})  {verdict(abs(growth) <= FLAT_WITHIN)}")
    load_after = os.getloadavg()
    print(f"\nload average after: {load_after[0]:.2f} {load_after[1]:.2f} {load_after[2]:.2f}"
          f"  (above {cores} means other work shared these cores: ratios are not the engines')")


if __name__ == "__main__":
    main()
