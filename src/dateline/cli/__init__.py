"""Command line: a thin face of the Python API. Each module registers its commands."""

from __future__ import annotations

import os
import sys

from ..errors import EngineError, InputError, OptionError
from .app import Exit, app, err

# Command modules register themselves on `app` when imported.
for _optional in ("extract", "evaluate", "store", "serve"):
    try:
        __import__(f"{__name__}.{_optional}")
    except ModuleNotFoundError as _e:
        if _e.name != f"{__name__}.{_optional}":
            raise


def main(argv: list[str] | None = None) -> int:
    try:
        rc = app(args=argv, standalone_mode=False)
        if rc == 130:  # click turns Ctrl-C into this return value
            err.print("interrupted; rerun the same command to resume")
            return 130
    except EngineError as e:
        err.print(f"[bold red]error:[/] {e}", soft_wrap=True)
        return 1
    except (InputError, OptionError) as e:
        err.print(f"[bold red]error:[/] {e}", soft_wrap=True)
        return 2
    except Exit as e:
        if str(e):
            err.print(f"[bold red]error:[/] {e}", soft_wrap=True)
        return e.code
    except KeyboardInterrupt:
        err.print("interrupted; rerun the same command to resume")
        return 130
    except SystemExit as e:
        return int(e.code or 0)
    except Exception as e:  # noqa: BLE001 - a user sees one line, developers can ask for more
        # Usage errors ("No such option", exit 2) come from click or from the copy of click
        # that typer ships (typer._click), whose classes are not click's: known by their shape.
        if callable(getattr(e, "show", None)) and isinstance(getattr(e, "exit_code", None), int):
            e.show()
            return e.exit_code
        if type(e).__name__ == "Abort":
            return 1
        if os.environ.get("DATELINE_DEBUG"):
            raise
        err.print(f"[bold red]internal error:[/] {type(e).__name__}: {e} (set DATELINE_DEBUG=1 for a traceback)")
        return 1
    return 0


def entry() -> None:
    sys.exit(main())
