"""The write worker: a process of its own that ingests the jobs the API files.

spaCy's memory and CPU stay out of the API process, so reads keep their pace while
articles are written, and a write request is answered at once (202, a job to poll).
The worker runs at the lowest CPU priority (reads first: it works on what the API
leaves idle) and only while the API process lives: its standard input is a pipe from
the API, on which each new job is announced by a line; end of file means the API is
gone (exited, or killed with -9), and the worker exits at once. A job cut short that
way is run again by the next worker (store/jobs.py); ingest skips what it had already
stored.

    python -m dateline.serve.worker DB [--no-language]
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import traceback
from pathlib import Path

NICENESS = 19  # the lowest priority: a read waits for no write
POLL_SECONDS = 30.0  # a missed announcement costs at most this
STOP_SECONDS = 5.0


def run_job(store, queue, job: tuple[int, str, str | None], *, language: bool) -> None:
    from ..errors import InputError
    from ..store.ingest import ingest_text

    job_id, text, published = job
    try:
        summary = ingest_text(store, text, published=published, label="<request>", language=language)
    except InputError as e:
        queue.fail(job_id, e.problem if e.path == "<request>" and e.line is None else str(e))
        return
    except Exception as e:  # noqa: BLE001 - the job fails, the worker carries on with the next
        traceback.print_exc()
        queue.fail(job_id, f"internal error ({type(e).__name__})")
        return
    queue.finish(
        job_id,
        {
            "added": summary.added,
            "skipped": summary.skipped,
            "ids": summary.added_ids,
            "events": sum(summary.events_by_type.values()),
            "articles_in_store": summary.articles_in_store,
        },
    )


def _listen(wake: threading.Event) -> None:
    """Bytes on stdin: a job to claim. End of file: the API process is gone, and so are we."""
    while os.read(0, 4096):  # the raw descriptor: no buffer lock held at exit
        wake.set()
    os._exit(0)


def lower_priority() -> None:
    """Yield the CPU to the API, not to the whole machine.

    The worker stays in the API's session, so with Linux autogrouping (each session a
    scheduling group, the desktop default) both share one group and the nice counts
    against the API's threads; a session of its own would make the worker a group as
    weighty as the API's. The group itself keeps its weight: a busy neighbour elsewhere on
    the machine does not starve the writes.
    """
    try:
        os.nice(NICENESS - os.nice(0))
    except OSError:
        pass
    # Linux's policy for work that should only use idle CPU: a waking read thread preempts it
    # at once, where a niced process would keep the core until its slice ends.
    if hasattr(os, "SCHED_IDLE"):
        try:
            os.sched_setscheduler(0, os.SCHED_IDLE, os.sched_param(0))
        except OSError:
            pass


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    language = "--no-language" not in args
    db = Path(next(a for a in args if not a.startswith("--")))
    lower_priority()
    from ..store import Store
    from ..store.jobs import JobQueue

    wake = threading.Event()
    threading.Thread(target=_listen, args=(wake,), daemon=True).start()
    try:
        with Store(db) as store:
            queue = JobQueue(db)
            queue.recover()
            while True:
                wake.clear()
                job = queue.claim()
                if job is None:
                    wake.wait(POLL_SECONDS)
                    continue
                run_job(store, queue, job, language=language)
    except KeyboardInterrupt:
        os._exit(130)
    except BaseException:  # the API starts another on its next write; its job is run again then
        traceback.print_exc()
        os._exit(1)


class WorkerProcess:
    """The API's handle on its worker: started when first needed, restarted if it died."""

    def __init__(self, db: Path, *, language: bool = True) -> None:
        self.db = db
        self.language = language
        self.proc: subprocess.Popen | None = None
        self.lock = threading.Lock()

    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def wake(self) -> None:
        """Tell the worker a job is waiting (starting it when it is not running)."""
        with self.lock:
            if not self.alive():
                argv = [sys.executable, "-m", "dateline.serve.worker", str(self.db)]
                # A process group of its own, so Ctrl+C in the terminal stops the API only (which then
                # closes the pipe); the API's session, so the two share one scheduling group.
                self.proc = subprocess.Popen(
                    argv + ([] if self.language else ["--no-language"]), stdin=subprocess.PIPE, process_group=0
                )
            try:
                self.proc.stdin.write(b"\n")
                self.proc.stdin.flush()
            except (BrokenPipeError, OSError):
                pass  # it just died: the next request starts another, which finds the job queued

    def stop(self) -> None:
        with self.lock:
            if self.proc is None:
                return
            try:
                self.proc.stdin.close()  # end of file: it exits
            except OSError:
                pass
            try:
                self.proc.wait(STOP_SECONDS)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
            self.proc = None


if __name__ == "__main__":
    sys.exit(main())
