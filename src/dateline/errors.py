"""Every error dateline raises on purpose, in one place.

Each one's `str()` is the one line a user sees: the command line prints it after
"error:" and exits with the code its kind calls for (bad input or options 2, a failed
engine 1), and the API answers it as a 4xx with that text. Anything else that
escapes is a bug and is reported as an internal error.
"""

from __future__ import annotations


class InputError(Exception):
    """Input dateline cannot read: always with the file (and line) it concerns."""

    def __init__(self, path: str, problem: str, line: int | None = None) -> None:
        self.path = path
        self.problem = problem
        self.line = line
        where = f"{path}:{line}" if line is not None else path
        super().__init__(f"{where}: {problem}")


class OptionError(ValueError):
    """A run option out of its range ("--workers must be at least 1"), found before any work starts."""


class EngineError(RuntimeError):
    """A worker raised, died, or could not load the pipeline.

    The message is one line a user can act on (which article, which worker, what went
    wrong); the worker's own traceback, when there is one, is the `__cause__`.
    """


class RemoteTraceback(Exception):
    """A traceback formatted in another process, shown as the cause of an EngineError."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.text = text

    def __str__(self) -> str:
        return f"\n\"\"\"\n{self.text}\"\"\""


class QueryError(ValueError):
    """A request the store cannot answer as asked (bad cursor, sort, search text)."""


class VocabularyError(LookupError):
    """A concept that has no data file, or a data file of the wrong shape."""


class TriggerTableError(ValueError):
    """A row of the event trigger table of the wrong shape, or naming an unregistered strategy or check."""


class PipelineError(RuntimeError):
    """The language pipeline cannot be built as listed (a component's module is missing)."""
