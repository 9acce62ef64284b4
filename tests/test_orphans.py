"""After kill -9 of the main process no dateline process outlives it: the workers, the
forkserver and the resource tracker all go within seconds (issue 14, item 4)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time

import psutil
import pytest

pytestmark = pytest.mark.slow

TRIALS = 10
GONE_WITHIN = 5.0

# A run of the process engine with its two workers loaded and fed big batches, so that
# the kill often lands while a task is half written into the pipe: the state in which
# the issue found workers blocked for ever on a read, keeping the forkserver and the
# resource tracker alive.
DRIVER = textwrap.dedent(
    """
    import functools, itertools
    import spacy
    from dateline.engine.processes import annotate_in_processes
    from dateline.record import Article

    def articles():
        for i in itertools.count():
            yield Article(body=f"Report {i}. " + "A strike hit a depot on Friday, officials said. " * 20_000)

    stream = annotate_in_processes(articles(), workers=2, batch_size=1, loader=functools.partial(spacy.blank, "en"))
    for n, _ in enumerate(stream, 1):
        if n == 1:
            print("ready", flush=True)
    """
)


def descendants(pid: int) -> list[psutil.Process]:
    return psutil.Process(pid).children(recursive=True)


def alive(procs: list[psutil.Process]) -> list[str]:
    left = []
    for p in procs:
        try:
            if p.is_running() and p.status() != psutil.STATUS_ZOMBIE:
                left.append(" ".join(p.cmdline())[:80])
        except psutil.NoSuchProcess:
            pass
    return left


@pytest.mark.parametrize("trial", range(TRIALS))
def test_nothing_outlives_a_killed_main_process(trial):
    main = subprocess.Popen([sys.executable, "-c", DRIVER], stdout=subprocess.PIPE, text=True)
    try:
        assert main.stdout.readline().strip() == "ready"
        time.sleep(0.3 * (trial % 5))  # kill at different moments of the transfers
        procs = descendants(main.pid)
        assert len(procs) >= 3, "expected workers, the forkserver and the resource tracker"
    finally:
        os.kill(main.pid, signal.SIGKILL)
        main.wait()
    deadline = time.monotonic() + GONE_WITHIN
    while alive(procs) and time.monotonic() < deadline:
        time.sleep(0.1)
    left = alive(procs)
    for p in procs:  # leave the machine clean even when the test fails
        try:
            p.kill()
        except psutil.NoSuchProcess:
            pass
    assert left == []
