"""Article ids an input gives: checked once, for every way an article comes in.

An id becomes a URL path (`/api/articles/{id}`), a filter value, a CSV cell and a
key the dashboard's reader opens, so it must be plain: 1 to 128 ASCII letters,
digits, '_', '.', ':' or '-', starting with a letter or digit (so never '../..',
never a spreadsheet formula, never a Python repr of an object). A JSON whole number
is taken as its digits. Ids dateline makes itself (16 hex digits of the body's
hash) always pass.
"""

from __future__ import annotations

import re
from typing import Any

ID_PATTERN = r"[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}"
ID_FORMS = "use 1 to 128 letters, digits, '_', '.', ':' or '-', starting with a letter or digit"
_ID = re.compile(ID_PATTERN)


def check_id(value: Any) -> str | None:
    """A given article id, validated; None when none is given (the id is then the body's hash).

    A value that is there but cannot be an id raises ValueError, whose message is the
    one-line problem, so the CLI's readers and the API refuse it the same way.
    """
    if value is None or value == "":
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str) or not _ID.fullmatch(value):
        raise ValueError(f"not an article id: {value!r} ({ID_FORMS})")
    return value
