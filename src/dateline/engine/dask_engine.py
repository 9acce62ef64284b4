"""The language layer on a Dask cluster: more machines than one.

With no scheduler address we start a LocalCluster of `workers` single-threaded
worker processes (the same job as the process engine, through Dask); with an
address we connect to a running cluster (Slurm via dask-jobqueue, Kubernetes via
dask-kubernetes, `dask scheduler` by hand: see docs/scaling.md).

- Each worker loads the pipeline once: a worker plugin loads it when the worker
  joins (in parallel on every worker, before work arrives), and tasks fetch it
  through the process-wide cache of `load_pipeline`, so a worker that joins later
  (adaptive scaling) loads it on its first batch.
- The input is never materialised: batches are read from the stream and submitted
  as futures with a bounded number in flight (two per worker thread), and results
  are gathered in submission order, so records come back in input order whatever
  the cluster does. The window follows the cluster as it grows or shrinks.
- Stories are not decided here: the caller builds one MinHash index over the
  signatures of every article after the engine (dateline.run), so versions of one
  story in different partitions still meet.

Workers must be able to import the same version of dateline (and its model).
Use one thread per worker process: spaCy releases the GIL rarely, so threads add
no speed, and a pipeline is not meant to be shared between threads.
"""

from __future__ import annotations

import logging
import os
import time
from collections import deque
from pathlib import Path
from collections.abc import Iterable, Iterator
from typing import Any

from ..record import Article
from .batching import annotate_batch, batches
from ..errors import EngineError

IN_FLIGHT_PER_THREAD = 2
# How often the window is resized to the cluster's current number of threads.
RESIZE_SECONDS = 5.0
CONNECT_TIMEOUT = "30s"
PLUGIN_NAME = "dateline-pipeline"

# Housekeeping of a LocalCluster we start ourselves (a running cluster keeps its own
# settings). Defaults suit interactive work, not a CPU-bound batch on a laptop: the
# statistical profiler samples every worker's stack each 10 ms, and the event-loop
# tick (20 ms), system monitor and memory monitor wake the scheduler, each nanny and
# each worker many times a second. Idle, that cost 1.6 s of CPU per 20 s in the
# client process and 0.6 s in each worker; with these, 0.2 s and 0.1 s.
LOCAL_CLUSTER_CONFIG = {
    "distributed.worker.profile.enabled": False,
    "distributed.admin.tick.interval": "1s",
    "distributed.admin.system-monitor.interval": "5s",
    "distributed.worker.memory.monitor-interval": "1s",
}


def annotate_on_dask(
    articles: Iterable[Article],
    *,
    scheduler: str | None = None,
    workers: int | None = None,
    batch_size: int = 16,
    in_flight: int | None = None,
) -> Iterator[Article]:
    """Annotated articles, in input order, from a Dask cluster.

    `scheduler`: address of a running scheduler (tcp://host:8786) or its scheduler
    file; None starts a LocalCluster of `workers` processes (default: every core),
    closed at the end.
    `in_flight`: cap on batches out at once (default: two per worker thread).
    """
    client, cluster = _connect(scheduler, workers)
    pending: deque = deque()
    try:
        _preload(client)
        source = batches(articles, batch_size)
        window = in_flight or _window(client)
        resized = time.monotonic()
        for batch in source:
            pending.append(client.submit(_annotate_on_worker, batch, pure=False))
            if in_flight is None and time.monotonic() - resized > RESIZE_SECONDS:
                window, resized = _window(client), time.monotonic()
            while len(pending) >= window:
                yield from _result(pending.popleft())
        while pending:
            yield from _result(pending.popleft())
    finally:
        if pending:
            client.cancel(list(pending))
            pending.clear()
        client.close()
        if cluster is not None:
            cluster.close()


def _connect(scheduler: str | None, workers: int | None) -> tuple[Any, Any]:
    from distributed import Client, LocalCluster

    if scheduler:
        # An address (tcp://host:8786) or a scheduler file (dask scheduler --scheduler-file).
        file = Path(scheduler).expanduser()
        target = {"scheduler_file": str(file)} if file.is_file() else {"address": scheduler}
        try:
            return Client(**target, timeout=CONNECT_TIMEOUT), None
        except (OSError, TimeoutError) as exc:
            raise EngineError(f"could not reach the Dask scheduler at {scheduler}: {exc}") from exc
    import dask

    # The nanny starts workers with MALLOC_TRIM_THRESHOLD_=65536, and any explicit trim
    # threshold also turns off glibc's adaptive mmap threshold: spaCy's large short-lived
    # arrays are then mapped and unmapped on every batch, which cost about a fifth more
    # CPU per article here. Workers keep glibc's defaults, like the process engine's.
    spawn_env = {
        key: value
        for key, value in dask.config.get("distributed.nanny.pre-spawn-environ", {}).items()
        if key != "MALLOC_TRIM_THRESHOLD_"
    }
    # Scoped: the scheduler, nannies and workers read these when they start, and the
    # caller's own Dask settings are left as they were.
    with dask.config.set({**LOCAL_CLUSTER_CONFIG, "distributed.nanny.pre-spawn-environ": spawn_env}):
        cluster = LocalCluster(
            n_workers=workers or os.cpu_count() or 1,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,  # no web server (and no port clash) unless asked for
            silence_logs=logging.ERROR,
        )
    return Client(cluster), cluster


def _preload(client: Any) -> None:
    """Load the pipeline on every worker now, and on workers that join later."""
    try:
        client.register_plugin(PipelineOnWorker(), name=PLUGIN_NAME)
    except Exception as exc:  # noqa: BLE001 - most often dateline missing on a worker
        raise EngineError(
            f"the Dask workers could not load the dateline pipeline ({type(exc).__name__}: {exc}); "
            "every worker needs the same dateline, model and Dask versions as this machine"
        ) from exc


def _window(client: Any) -> int:
    threads = sum(client.nthreads().values())
    return max(IN_FLIGHT_PER_THREAD, IN_FLIGHT_PER_THREAD * threads)


def _result(future: Any) -> list[Article]:
    try:
        return future.result()
    except EngineError:
        raise
    except Exception as exc:  # noqa: BLE001 - one clear message, the original as the cause
        raise EngineError(f"the Dask engine failed: {type(exc).__name__}: {exc}") from exc
    finally:
        future.release()


def _annotate_on_worker(batch: list[Article]) -> list[Article]:
    from ..pipeline import load_pipeline

    return annotate_batch(batch, load_pipeline())


try:
    from distributed.diagnostics.plugin import WorkerPlugin
except ImportError:  # distributed is a dependency; this keeps `import dateline.engine` light if it breaks
    WorkerPlugin = object  # type: ignore[misc,assignment]


class PipelineOnWorker(WorkerPlugin):  # type: ignore[misc,valid-type]
    """Loads the dateline pipeline once in each worker process, when it starts."""

    name = PLUGIN_NAME

    def setup(self, worker: Any) -> None:
        from ..pipeline import load_pipeline

        load_pipeline()
