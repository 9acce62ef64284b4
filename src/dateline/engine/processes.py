"""Worker processes for the language layer: every core of one machine.

Each worker loads the pipeline once and then takes whole batches of articles
(one `nlp.pipe` call per batch). Batches carry a sequence number and results are
re-ordered in the parent, so output, ids and stories never depend on the worker
count. At most `IN_FLIGHT_PER_WORKER * workers` batches are out at any time (sent,
being annotated, or waiting for their turn), so memory grows with the number of
workers, never with the size of the input.

Failures end the run with an EngineError, never a hang: a worker that raises
reports the article it failed on, a worker that cannot load the pipeline says so,
a worker that dies (out of memory, killed) is noticed within `POLL_SECONDS`. On any
early exit (an error, Ctrl-C, a consumer that stops reading) the workers are
terminated. Workers ignore SIGINT: Ctrl-C reaches the whole process group, and the
parent alone decides to stop, so the user sees one message instead of one traceback
per worker. Workers also exit by themselves when the parent disappears (kill -9): a
watchdog thread in each checks the parent's pid every POLL_SECONDS, because the main
thread may be blocked for ever on a task the dead parent had half written into the
pipe (the pipe's write end lives on in the sibling workers, so no EOF ever comes), and
multiprocessing's own parent sentinel does not tell under forkserver. With the workers
gone, the forkserver (whose liveness pipe they held) and the resource tracker follow.

A small pool of our own rather than multiprocessing.Pool (which hangs for ever when
a worker dies) or ProcessPoolExecutor (which cannot terminate busy workers before
Python 3.14).
"""

from __future__ import annotations

import multiprocessing as mp
import os
import pickle
import queue
import signal
import sys
import threading
import time
import traceback
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from ..record import Article
from .batching import annotate_batch, batches
from ..errors import EngineError, RemoteTraceback

# One batch being annotated and one queued behind it keeps every worker busy
# while the parent writes records out.
IN_FLIGHT_PER_WORKER = 2
# How often a waiting process checks that the other side is still alive.
POLL_SECONDS = 0.5
# How long finished workers get to exit after being told to stop.
STOP_SECONDS = 10.0

Loader = Callable[[], Any]  # returns a spaCy Language; must be picklable (a module-level function)


def start_method() -> str:
    """How worker processes are started.

    forkserver on Linux: each worker is forked from a small single-threaded server,
    so threads in the parent (the progress bar, a Dask client) cannot leave locks
    held in the child as a plain fork can. spawn elsewhere (macOS, Windows), which
    is their default and the only safe choice there.
    """
    return "forkserver" if sys.platform.startswith("linux") else "spawn"


def annotate_in_processes(
    articles: Iterable[Article],
    *,
    workers: int,
    batch_size: int = 16,
    loader: Loader | None = None,
    in_flight: int | None = None,
) -> Iterator[Article]:
    """Annotated articles, in input order, from `workers` processes.

    `loader` builds the pipeline in each worker (default: the full dateline
    pipeline); `in_flight` caps the batches out at once (default: two per worker).
    """
    if workers < 1:
        raise ValueError("workers must be at least 1")
    limit = in_flight or IN_FLIGHT_PER_WORKER * workers
    pool = WorkerPool(workers, loader)
    finished = False
    try:
        source = batches(articles, batch_size)
        arrived: dict[int, list[Article]] = {}  # results that came back ahead of their turn
        sent = 0
        next_out = 0
        exhausted = False
        while True:
            while not exhausted and sent - next_out < limit:
                batch = next(source, None)
                if batch is None:
                    exhausted = True
                else:
                    pool.submit(sent, batch)
                    sent += 1
            if next_out == sent:
                break
            while next_out not in arrived:
                seq, annotated = pool.receive()
                arrived[seq] = annotated
            yield from arrived.pop(next_out)
            next_out += 1
        pool.close()
        finished = True
    finally:
        if not finished:
            pool.terminate()


class WorkerPool:
    """`n` worker processes fed batches through one task queue; results come back tagged."""

    def __init__(self, n: int, loader: Loader | None) -> None:
        ctx = mp.get_context(start_method())
        self.tasks = ctx.Queue()
        self.results = ctx.Queue()
        self.procs = [
            ctx.Process(
                target=_worker_main,
                args=(loader, self.tasks, self.results, os.getpid()),
                name=f"dateline-worker-{i + 1}",
                daemon=True,  # never outlive the parent's interpreter
            )
            for i in range(n)
        ]
        for proc in self.procs:
            proc.start()

    def submit(self, seq: int, batch: list[Article]) -> None:
        # Pickle here, not in the queue's feeder thread, so an article that cannot be
        # sent fails loudly now instead of silently never arriving.
        self.tasks.put((seq, pickle.dumps(batch, protocol=pickle.HIGHEST_PROTOCOL)))

    def receive(self) -> tuple[int, list[Article]]:
        """The next finished batch, whichever it is; raises EngineError on failure."""
        while True:
            try:
                message = self.results.get(timeout=POLL_SECONDS)
            except queue.Empty:
                dead = next((p for p in self.procs if p.exitcode is not None), None)
                if dead is None:
                    continue
                # A worker that failed to load says why before it exits: read that first.
                try:
                    message = self.results.get(timeout=POLL_SECONDS)
                except queue.Empty:
                    raise EngineError(
                        f"worker process {dead.pid} died {_exit_reason(dead.exitcode)} while annotating"
                    ) from None
            return _unpack(message)

    def close(self) -> None:
        """Normal end: every result is in, so workers stop as soon as they read None."""
        for _ in self.procs:
            self.tasks.put(None)
        for proc in self.procs:
            proc.join(STOP_SECONDS)
        self.terminate()

    def terminate(self) -> None:
        for proc in self.procs:
            if proc.is_alive():
                proc.terminate()
        for proc in self.procs:
            proc.join(STOP_SECONDS)
            if proc.is_alive():
                proc.kill()
                proc.join()
        # Tasks nobody will read must not keep this process waiting at exit.
        for q in (self.tasks, self.results):
            q.cancel_join_thread()
            q.close()


def _unpack(message: tuple[str, int, Any, str | None]) -> tuple[int, list[Article]]:
    kind, seq, payload, tb = message
    if kind == "done":
        return seq, pickle.loads(payload)
    cause = RemoteTraceback(tb) if tb else None
    if kind == "load":
        raise EngineError(f"a worker could not load the language pipeline: {payload}") from cause
    raise EngineError(payload) from cause


def _exit_reason(code: int | None) -> str:
    if code is not None and code < 0:
        try:
            name = signal.Signals(-code).name
        except ValueError:
            name = f"signal {-code}"
        hint = " (out of memory?)" if name == "SIGKILL" else ""
        return f"(killed by {name}{hint})"
    return f"(exit code {code})"


# --- inside a worker process -------------------------------------------------


def _default_loader() -> Any:
    from ..pipeline import load_pipeline

    return load_pipeline()


def _alive(pid: int) -> bool:
    """Is process `pid` still running (not gone, not a zombie waiting to be reaped)?"""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        with open(f"/proc/{pid}/stat", "rb") as fh:
            return fh.read().rsplit(b")", 1)[1].split()[0] != b"Z"
    except (OSError, IndexError):
        return True  # no /proc (macOS): kill(pid, 0) has answered


def _exit_with(parent_pid: int) -> None:
    """End this worker at once when the parent is gone, whatever the main thread is doing."""

    def watch() -> None:
        while _alive(parent_pid):
            time.sleep(POLL_SECONDS)
        os._exit(1)  # nobody is left to read results or to be told

    threading.Thread(target=watch, name="dateline-parent-watch", daemon=True).start()


def _worker_main(loader: Loader | None, tasks: mp.Queue, results: mp.Queue, parent_pid: int) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C and stops us
    _exit_with(parent_pid)
    try:
        nlp = (loader or _default_loader)()
    except BaseException as exc:  # noqa: BLE001 - reported to the parent, which ends the run
        results.put(("load", -1, f"{type(exc).__name__}: {exc}", traceback.format_exc()))
        return
    while True:
        task = tasks.get()  # the watchdog ends us if the parent goes while we wait
        if task is None:
            return
        seq, payload = task
        try:
            done = annotate_batch(pickle.loads(payload), nlp)
            results.put(("done", seq, pickle.dumps(done, protocol=pickle.HIGHEST_PROTOCOL), None))
        except Exception as exc:  # noqa: BLE001 - reported to the parent, which ends the run
            message = str(exc) if isinstance(exc, EngineError) else f"{type(exc).__name__}: {exc}"
            results.put(("error", seq, message, traceback.format_exc()))
