"""One writer per output: an exclusive lock beside the file a run writes.

Two `dateline extract -o SAME` runs would share OUT.partial and each other's resume
state, and lose or duplicate records. The first run holds `OUT.lock` (an advisory
`flock`, released by the kernel whenever the holder exits, even by kill -9) for as
long as it works; a second run finds it taken and stops at once with a one-line error.
"""

from __future__ import annotations

import os
from pathlib import Path

from .errors import InputError

try:
    import fcntl
except ImportError:  # not POSIX (Windows): runs are not locked there
    fcntl = None  # type: ignore[assignment]


class OutputLock:
    """`with OutputLock(out):` holds `out.lock` or raises InputError naming `out`."""

    def __init__(self, output: Path) -> None:
        self.output = output
        self.path = output.with_name(output.name + ".lock")
        self.fd: int | None = None

    def __enter__(self) -> "OutputLock":
        if fcntl is None:
            return self
        while True:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                holder = _read(fd)
                os.close(fd)
                who = f" (process {holder})" if holder else ""
                raise InputError(
                    str(self.output), f"another dateline run is writing this output{who}; wait for it or choose another -o"
                ) from None
            # A finishing run unlinks the lock file while holding it: ours must still be the one there.
            try:
                current = os.stat(self.path).st_ino == os.fstat(fd).st_ino
            except FileNotFoundError:
                current = False
            if current:
                os.ftruncate(fd, 0)
                os.write(fd, f"{os.getpid()}\n".encode())
                self.fd = fd
                return self
            os.close(fd)

    def __exit__(self, *exc) -> None:
        if self.fd is not None:
            self.path.unlink(missing_ok=True)  # before the release, so no one locks a file about to vanish
            os.close(self.fd)
            self.fd = None


def _read(fd: int) -> str:
    try:
        return os.pread(fd, 32, 0).decode(errors="replace").strip()
    except OSError:
        return ""
