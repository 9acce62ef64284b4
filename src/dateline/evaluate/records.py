"""Read the two files `dateline eval` compares, and check they hold article records.

Every problem is an `InputError` naming the file and line, so the command line prints
one line and exits 2. Only presence and shape are checked; wrong values are what the
scorer is there to measure.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..record import ITEMS, required

# Required fields of docs/record-format.md, and the kind of value each must hold.
ARTICLE_FIELDS: dict[str, tuple[type, ...]] = {
    "id": (str,),
    "title": (str, type(None)),
    "byline": (list,),
    "dateline": (dict, type(None)),
    "published": (dict, type(None)),
    "captions": (list,),
    "credits": (dict,),
    "body": (str,),
    "story": (str,),
    "duplicate_of": (str, type(None)),
    "events": (list,),
    "quotes": (list,),
    "quantities": (list,),
    "places": (list,),
    "entities": (list,),
}

# Required keys of the items of each list: the fields the record types mark Required.
ITEM_FIELDS: dict[str, tuple[str, ...]] = {name: required(item) for name, item in ITEMS.items()}
OFFSET_KEYS = ("start", "end")


def check_record(record: Any) -> str | None:
    """What is wrong with a record, in a few words, or None when it is usable."""
    if not isinstance(record, dict):
        return f"expected a JSON object (an article record), got {type(record).__name__}"
    for name, kinds in ARTICLE_FIELDS.items():
        if name not in record:
            return f"record lacks the required field '{name}'"
        if not isinstance(record[name], kinds):
            wanted = " or ".join("null" if k is type(None) else k.__name__ for k in kinds)
            return f"field '{name}' should be {wanted}, got {type(record[name]).__name__}"
    for name, keys in ITEM_FIELDS.items():
        for i, item in enumerate(record[name]):
            if not isinstance(item, dict):
                return f"{name}[{i}] should be an object"
            missing = [k for k in keys if k not in item]
            if missing:
                return f"{name}[{i}] lacks the required field '{missing[0]}'"
            for k in OFFSET_KEYS:
                if k in keys and (not isinstance(item[k], int) or isinstance(item[k], bool)):
                    return f"{name}[{i}].{k} should be an integer offset"
    return None


def load_records(path: str | Path) -> list[dict]:
    """Article records from a JSON Lines file; blank lines are skipped."""
    p = Path(path)
    name = str(path)
    if not p.exists():
        raise InputError(name, "no such file")
    if p.is_dir():
        raise InputError(name, "is a directory; give a JSON Lines file")
    records: list[dict] = []
    try:
        with open(p, encoding="utf-8-sig") as fh:
            for lineno, line in enumerate(fh, start=1):
                if not line.strip():
                    continue
                try:
                    record = json.loads(line)
                except json.JSONDecodeError as e:
                    raise InputError(name, f"not JSON ({e.msg} at column {e.colno})", lineno) from None
                problem = check_record(record)
                if problem:
                    raise InputError(name, problem, lineno)
                records.append(record)
    except UnicodeDecodeError as e:
        raise InputError(name, f"not UTF-8 text ({e.reason} at byte {e.start})") from None
    except OSError as e:
        raise InputError(name, f"cannot read ({e.strerror or e})") from None
    if not records:
        raise InputError(name, "holds no article records")
    return records
