"""Functions registered by name, the way spaCy registers factories: the trigger table
names a function (`"resolve": "territory"`), a decorator puts it in its registry
(`@resolver("territory")`), and the coder looks it up. A name registered twice is an
error, so two modules cannot silently replace each other's function."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


class Registry(dict):
    """Functions by name; `what` names them in errors ("resolve strategy")."""

    def __init__(self, what: str) -> None:
        super().__init__()
        self.what = what

    def register(self, name: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
        def add(fn: Callable[..., Any]) -> Callable[..., Any]:
            if name in self:
                raise ValueError(f"{self.what} {name!r} is registered twice")
            self[name] = fn
            return fn

        return add
