"""Errors a reader raises for bad input: always with the file (and line) they concern."""

from __future__ import annotations


class InputError(Exception):
    """Input dateline cannot read. `str()` is the one-line message a user sees."""

    def __init__(self, path: str, problem: str, line: int | None = None) -> None:
        self.path = path
        self.problem = problem
        self.line = line
        where = f"{path}:{line}" if line is not None else path
        super().__init__(f"{where}: {problem}")
