"""What an engine raises when the language layer cannot finish the job."""

from __future__ import annotations


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
