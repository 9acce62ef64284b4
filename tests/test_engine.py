"""Engines: the same records whatever runs the language layer (one process, worker
processes, a Dask LocalCluster), in input order, with bounded work in flight and
clear errors instead of hangs.

The end-to-end tests load the full pipeline once per worker (seconds each), so they
share one small input of our own and one run per engine.
"""

from __future__ import annotations

import functools
import json
import os
import time

import psutil
import pytest
import spacy

import dateline.language.pipeline  # noqa: F401 - registers the Doc extensions make_doc writes
from dateline.engine import EngineError, annotate_stream
from dateline.errors import OptionError
from dateline.options import RunOptions
from dateline.engine.processes import annotate_in_processes
from dateline.record import Article
from dateline.run import run_extract

# Our own short reports. Two are versions of one story (the second adds a paragraph
# and a new lead), the rest are separate events on related topics.
FLOOD_BRIDGE = [
    "Militants blew up a road bridge outside the town of Sarwan on Tuesday night, cutting the only supply "
    "route to three villages in the valley, a district official said.",
    "Nobody was hurt in the blast, which happened shortly after midnight, the official said, adding that "
    "engineers from the provincial government would reach the site on Thursday.",
    "Residents said trucks carrying flour and fuel had been turned back at the river.",
    "The army blamed the Valley Front, an armed group that has attacked checkpoints in the area since March. "
    "The group did not respond to a request for comment.",
]
FLOOD_BRIDGE_UPDATE = [
    "Three villages in the Sarwan valley were cut off on Wednesday after militants destroyed the road bridge "
    "outside the town overnight, officials said.",
    FLOOD_BRIDGE[1],
    FLOOD_BRIDGE[2],
    "A convoy of the Red Crescent waited on the far bank with medicine for the district clinic, a volunteer said.",
    FLOOD_BRIDGE[3],
]
REPORTS = [
    ("Bridge destroyed near Sarwan", "2023-05-10", FLOOD_BRIDGE),
    (
        "Protest over fuel prices in Port Lena",
        "2023-05-11",
        [
            "About two thousand people marched through Port Lena on Thursday to protest against a rise in fuel "
            "prices, blocking the coastal highway for several hours.",
            "Police fired tear gas when some protesters threw stones at the governor's office, witnesses said. "
            "Twelve people were arrested, according to a police statement.",
            "The transport workers' union said it would call a general strike if the increase was not reversed.",
        ],
    ),
    ("Bridge attack leaves valley villages cut off", "2023-05-10", FLOOD_BRIDGE_UPDATE),
    (
        "Drone strike kills four in Amra",
        "2023-05-12",
        [
            "A drone strike killed four men travelling in a pickup truck near Amra on Friday, two security "
            "sources said.",
            "The sources said the men were members of an armed group that had kidnapped two engineers last month. "
            "No government has said it carried out the strike.",
        ],
    ),
    (
        "Clashes between herders and farmers",
        "2023-05-13",
        [
            "At least seven people were killed in clashes between herders and farmers over grazing land in the "
            "north of Kalo district on Saturday, the local council said.",
            "Houses were set on fire in two hamlets, and about 400 people fled to the district town, an aid worker "
            "said. Soldiers were sent to the area on Sunday morning.",
        ],
    ),
    (
        "Talks resume in the capital",
        "2023-05-14",
        [
            "Negotiators for the government and the Valley Front met in the capital on Sunday for the first time "
            "in a year, a mediator said, describing the talks as frank.",
            "“We have agreed to meet again next week,” the mediator told reporters. The two sides are discussing "
            "a ceasefire and an exchange of prisoners.",
        ],
    ),
]


def write_input(path) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        for title, published, paragraphs in REPORTS:
            row = {"title": title, "published": published, "text": "\n\n".join(paragraphs)}
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")


def read_records(path) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


@pytest.fixture(scope="module")
def outputs(tmp_path_factory) -> dict[str, list[dict]]:
    """One extraction of the same input per engine."""
    tmp = tmp_path_factory.mktemp("engines")
    source = tmp / "reports.jsonl"
    write_input(source)
    runs = {
        "in process": dict(workers=1),
        "2 worker processes": dict(workers=2),
        "dask LocalCluster of 2": dict(workers=2, engine="dask"),
    }
    results = {}
    for name, options in runs.items():
        out = tmp / (name.replace(" ", "-") + ".jsonl")
        summary = run_extract([str(source)], out, **options)
        assert summary.articles == len(REPORTS), name
        results[name] = read_records(out)
    return results


@pytest.mark.slow
def test_worker_processes_give_the_in_process_records(outputs):
    assert outputs["2 worker processes"] == outputs["in process"]


@pytest.mark.slow
def test_dask_gives_the_local_records_record_for_record(outputs):
    local, dask = outputs["in process"], outputs["dask LocalCluster of 2"]
    assert len(dask) == len(local)
    for got, expected in zip(dask, local):
        assert got == expected


@pytest.mark.slow
def test_order_ids_and_stories_do_not_depend_on_the_engine(outputs):
    local = outputs["in process"]
    titles = [r["title"] for r in local]
    assert titles == [title for title, _, _ in REPORTS]  # input order
    # The two versions of the bridge story share one story, named after the fuller
    # version, and nothing else joins it.
    first, update = local[0], local[2]
    assert first["story"] == update["story"] == update["id"]
    assert first["duplicate_of"] == update["id"] and update["duplicate_of"] is None
    assert all(r["story"] == r["id"] for i, r in enumerate(local) if i not in (0, 2))
    for records in outputs.values():
        assert [(r["id"], r["story"], r["duplicate_of"]) for r in records] == [
            (r["id"], r["story"], r["duplicate_of"]) for r in local
        ]


@pytest.mark.slow
def test_the_language_layer_ran_in_the_workers(outputs):
    # Equality is only meaningful if the workers did real work: the protest report
    # carries an event or an entity found by the pipeline.
    for records in outputs.values():
        found = sum(len(r["events"]) + len(r["entities"]) + len(r["quotes"]) for r in records)
        assert found > 0


# --- the process engine's machinery, with a light pipeline ---------------------------
# A blank English pipeline loads in milliseconds, so these check ordering, bounds and
# failures without paying for the full model in every worker.

BLANK = functools.partial(spacy.blank, "en")


def articles(n: int) -> list[Article]:
    return [Article(body=f"Report {i}: shelling was heard near the river crossing at dawn.") for i in range(n)]


def test_results_come_back_in_input_order_even_when_a_later_batch_finishes_first():
    # The first batch holds one very long article: the other worker finishes several
    # later batches before it, and they must wait for their turn.
    long_one = Article(body=" ".join(["Fighting continued in the district."] * 25_000))
    arts = [long_one] + articles(60)
    out = list(annotate_in_processes(arts, workers=2, batch_size=3, loader=BLANK))
    assert [a.id for a in out] == [a.id for a in arts]
    assert [a.body for a in out] == [a.body for a in arts]


def test_input_is_pulled_lazily_with_a_bounded_number_of_batches_in_flight():
    pulled = 0

    def stream():
        nonlocal pulled
        for art in articles(200):
            pulled += 1
            yield art

    batch_size, in_flight = 5, 3
    gen = annotate_in_processes(stream(), workers=2, batch_size=batch_size, loader=BLANK, in_flight=in_flight)
    yielded = 0
    worst = 0
    for _ in gen:
        yielded += 1
        worst = max(worst, pulled - yielded)
    assert yielded == 200
    # Never more than `in_flight` batches read ahead of what has been handed on.
    assert worst <= batch_size * in_flight


def test_a_failing_article_is_named_in_a_clear_error():
    bad = Article(body=None, id="broken-article")  # the tokenizer cannot take None
    arts = articles(7) + [bad] + articles(7)
    started = time.monotonic()
    with pytest.raises(EngineError, match="failed on article broken-article: TypeError"):
        list(annotate_in_processes(arts, workers=2, batch_size=4, loader=BLANK))
    assert time.monotonic() - started < 60


def test_a_worker_that_cannot_load_the_pipeline_ends_the_run():
    missing_model = functools.partial(spacy.load, "no_such_model_here")
    with pytest.raises(EngineError, match="could not load the language pipeline.*no_such_model_here"):
        list(annotate_in_processes(articles(10), workers=2, loader=missing_model))


def test_a_worker_that_dies_ends_the_run_instead_of_hanging():
    dies = functools.partial(os._exit, 3)
    with pytest.raises(EngineError, match=r"died \(exit code 3\)"):
        list(annotate_in_processes(articles(10), workers=2, loader=dies))


def test_stopping_early_terminates_the_workers():
    me = psutil.Process()
    before = {p.pid for p in me.children(recursive=True)}
    gen = annotate_in_processes(articles(400), workers=2, batch_size=2, loader=BLANK)
    next(gen)
    workers = {p.pid for p in me.children(recursive=True)} - before
    assert workers, "the engine should have started worker processes"
    gen.close()  # what a KeyboardInterrupt or a failed write in the consumer does
    alive = [pid for pid in workers if psutil.pid_exists(pid) and psutil.Process(pid).status() != "zombie"]
    # The forkserver may stay; the workers it forked may not.
    alive = [pid for pid in alive if "forkserver" not in " ".join(psutil.Process(pid).cmdline())]
    assert alive == []


def test_unknown_engine_and_misplaced_scheduler_are_refused():
    with pytest.raises(OptionError, match="--engine must be one of: dask, local"):
        annotate_stream(articles(1), engine="spark")
    with pytest.raises(OptionError, match="needs the dask engine"):
        annotate_stream(articles(1), engine="local", scheduler="tcp://127.0.0.1:8786")


@pytest.mark.parametrize(
    "values, problem",
    [
        (dict(workers=0), "--workers must be a whole number of at least 1"),
        (dict(workers=True), "--workers must be a whole number"),
        (dict(workers=1.5), "--workers must be a whole number"),
        (dict(batch_size=0), "--batch-size must be"),
        (dict(language_batch=-3), "--language-batch must be"),
        (dict(engine="spark"), "--engine must be one of"),
        (dict(scheduler=""), "--scheduler must be an address"),
    ],
)
def test_run_options_are_checked_once_the_same_for_every_caller(tmp_path, values, problem):
    """The Python API, the engines and the CLI refuse the same values with the same words."""
    with pytest.raises(OptionError, match=problem):
        RunOptions(**values)
    with pytest.raises(OptionError, match=problem):
        run_extract([str(tmp_path / "none.txt")], tmp_path / "out.jsonl", **values)
    assert not (tmp_path / "out.jsonl.partial.json").exists()  # refused before any work


def test_a_scheduler_address_means_the_dask_engine():
    assert RunOptions(scheduler="tcp://127.0.0.1:8786").engine == "dask"
    assert RunOptions().engine == "local"
