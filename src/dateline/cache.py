"""Values each process builds once: the pipeline, the gazetteer, a model.

`@process_wide` turns a function of no arguments into one that runs it on the first call
and hands every later call, in any thread, the same value; threads that ask while the
first call runs wait for it rather than building a second copy (a pipeline is 1 GB).
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def process_wide(build: Callable[[], T]) -> Callable[[], T]:
    lock = threading.Lock()
    built: list[T] = []

    @functools.wraps(build)
    def get() -> T:
        with lock:
            if not built:
                built.append(build())
            return built[0]

    return get
