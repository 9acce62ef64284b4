"""`python -m dateline ...`: the same as the `dateline` command."""

from .cli import entry

entry()
