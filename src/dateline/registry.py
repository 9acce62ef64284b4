"""Functions registered by name, the way spaCy registers factories.

A table or an option names a function (the trigger table's `"resolve": "territory"`,
`--engine dask`, a migration's version), a decorator puts it in its registry
(`@resolver("territory")`), and the caller looks it up. A name registered twice is an
error, so two modules cannot silently replace each other's function. The coder's
strategies, the engines, the input readers and the store's migrations all register here.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any


class Registry(dict):
    """Functions by name; `what` names them in errors ("resolve strategy")."""

    def __init__(self, what: str) -> None:
        super().__init__()
        self.what = what

    def register(self, name: Hashable) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
        def add(fn: Callable[..., Any]) -> Callable[..., Any]:
            if name in self:
                raise ValueError(f"{self.what} {name!r} is registered twice")
            self[name] = fn
            return fn

        return add
