"""Reading and comparing the plain values of records: dates and numbers."""

from __future__ import annotations

from datetime import date
from typing import Any


def parse_date(value: Any) -> date | None:
    """A "YYYY-MM-DD" string as a date; None for null or anything unreadable."""
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def same_value(a: Any, b: Any) -> bool:
    """Numbers compared as numbers (3 == 3.0); null equals only null."""
    if a is None or b is None:
        return a is None and b is None
    try:
        return float(a) == float(b)
    except (TypeError, ValueError):
        return False
