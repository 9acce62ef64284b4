"""No module of the package grows past 600 lines (issue 11): a module that long is several
things, and is split along the seams its docstring names (as language/quotes.py and
events/coder.py were)."""

from __future__ import annotations

from pathlib import Path

from dateline import record

PACKAGE = Path(record.__file__).parent
MAX_LINES = 600


def test_no_module_over_600_lines():
    sizes = {p.relative_to(PACKAGE).as_posix(): len(p.read_text(encoding="utf-8").splitlines())
             for p in PACKAGE.rglob("*.py")}
    assert len(sizes) > 50  # the whole package was read
    too_long = {name: n for name, n in sizes.items() if n > MAX_LINES}
    assert not too_long, f"split these modules along their seams: {too_long}"
