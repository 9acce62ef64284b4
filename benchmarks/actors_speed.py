"""Speed of the actor components: load time, and words per second against bare spaCy.

    python benchmarks/actors_speed.py [CORPUS ...]   # default: the sample corpus shipped in the package

Prints the time to build the pipeline with the actor ruler and resolver, and the
throughput of the bare English model, of the model with the two actor components, and
of the full pipeline. The target: the actor components keep at least half the speed of
bare spaCy, and the full pipeline loads in under 5 s.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path


def bodies(paths: list[Path]) -> list[str]:
    from dateline.read.sources import ReadReport, expand_inputs, read_source

    out = []
    for source in expand_inputs([str(p) for p in paths], ReadReport()):
        out.extend(a.body for a in read_source(source, {}))
    return out


def throughput(nlp, texts: list[str], rounds: int = 2) -> float:
    words = sum(len(t.split()) for t in texts) * rounds
    start = time.perf_counter()
    for _ in range(rounds):
        for _doc in nlp.pipe(texts, batch_size=16):
            pass
    return words / (time.perf_counter() - start)


def component_times(nlp, texts: list[str]) -> dict[str, float]:
    """Seconds spent in each component over all texts, measured doc by doc, so a busy
    machine slows every component alike."""
    from collections import defaultdict

    spent: dict[str, float] = defaultdict(float)
    for text in texts:
        doc = nlp.make_doc(text)
        for name, proc in nlp.pipeline:
            start = time.perf_counter()
            doc = proc(doc)
            spent[name] += time.perf_counter() - start
    return dict(spent)


def main(argv: list[str]) -> int:
    import spacy

    from dateline.language.pipeline import MODEL, build_pipeline
    from dateline.pipeline import build_pipeline as build_full_pipeline

    paths = [Path(a) for a in argv] or sorted((Path(__file__).parents[1] / "src/dateline/sample").glob("*.txt"))
    texts = bodies(paths)
    if not texts:
        print("no articles read", file=sys.stderr)
        return 2
    start = time.perf_counter()
    full = build_full_pipeline()
    print(f"full pipeline load: {time.perf_counter() - start:.2f} s ({', '.join(full.pipe_names)})")
    bare = spacy.load(MODEL)
    actors = build_pipeline(["dateline_actor_ruler", "dateline_actors"])
    throughput(bare, texts[:2], rounds=1)  # warm up
    b = throughput(bare, texts)
    a = throughput(actors, texts)
    f = throughput(full, texts)
    print(f"{len(texts)} articles, {sum(len(t.split()) for t in texts)} words")
    print(f"bare spaCy:            {b:8.0f} words/s")
    print(f"spaCy + actors:        {a:8.0f} words/s  ({a / b:.2f} of bare)")
    print(f"full pipeline:         {f:8.0f} words/s  ({f / b:.2f} of bare)")
    spent = component_times(actors, texts)
    ours = {k: v for k, v in spent.items() if k.startswith("dateline_")}
    model = sum(v for k, v in spent.items() if k not in ours)
    for name, secs in ours.items():
        print(f"{name:22} {secs:6.2f} s = {secs / model:.1%} of the model's {model:.2f} s")
    print(f"speed with the actor components, per component timing: {model / (model + sum(ours.values())):.2f} of bare")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
