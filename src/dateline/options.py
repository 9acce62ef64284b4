"""How a run does its work, as opposed to what it extracts: one object, checked once.

The command line builds a `RunOptions` from its flags, the Python API and the server
build one from their arguments, and it travels unchanged through `run_extract` and
`ingest` to the engine, so every face of dateline accepts the same values and refuses
the same ones with the same words (an `OptionError`, before any work starts).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from typing import Any

from .errors import OptionError

# Articles per store transaction (`ingest --batch-size`): a kill loses at most this
# many, and commits stay rare.
BATCH_SIZE = 32
# Articles per `nlp.pipe` call (and per task shipped to a worker): big enough to keep
# spaCy's batching, small enough that two per worker in flight stay a few MB.
LANGUAGE_BATCH = 16


@dataclass(frozen=True)
class RunOptions:
    workers: int = 1  # worker processes (local engine) or LocalCluster processes (dask)
    engine: str | None = None  # "local" or "dask"; None: dask when a scheduler is given, else local
    scheduler: str | None = None  # a Dask scheduler address or scheduler file
    language: bool = True  # run the language layer (off: text only)
    batch_size: int = BATCH_SIZE
    language_batch: int = LANGUAGE_BATCH

    def __post_init__(self) -> None:
        from .engine import ENGINES

        for name in ("workers", "batch_size", "language_batch"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise OptionError(f"--{name.replace('_', '-')} must be a whole number of at least 1, not {value!r}")
        if self.scheduler is not None and not (isinstance(self.scheduler, str) and self.scheduler.strip()):
            raise OptionError(f"--scheduler must be an address or a scheduler file, not {self.scheduler!r}")
        engine = self.engine if self.engine is not None else ("dask" if self.scheduler else "local")
        if engine not in ENGINES:
            raise OptionError(f"--engine must be one of: {', '.join(sorted(ENGINES))} (not {engine!r})")
        if self.scheduler and engine == "local":
            raise OptionError("a scheduler address needs the dask engine (--engine dask)")
        object.__setattr__(self, "engine", engine)

    @classmethod
    def of(cls, options: RunOptions | None = None, **values: Any) -> RunOptions:
        """`options` with `values` put in (a keyword a run function was given), checked again."""
        base = options if options is not None else cls()
        return replace(base, **values) if values else base


def all_cores() -> int:
    return os.cpu_count() or 1

