"""Running the app under uvicorn, on a socket we bind ourselves (so port 0 works and
the printed URL is the real one)."""

from __future__ import annotations

import os
import socket
from collections.abc import Callable, Iterable
from pathlib import Path

import uvicorn

from ..errors import InputError
from .app import create_app
from .guards import allowed_hosts


def bind(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as e:
        sock.close()
        raise InputError(f"{host}:{port}", f"cannot listen there ({e.strerror or e})") from None
    sock.listen(128)
    sock.set_inheritable(True)
    return sock


def url_of(sock: socket.socket) -> str:
    host, port = sock.getsockname()[:2]
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}/"


def serve(
    db: str | os.PathLike,
    *,
    host: str = "127.0.0.1",
    port: int = 8000,
    write_token: str | None = None,
    on_ready: Callable[[str], None] | None = None,
    log_level: str = "warning",
    allow_hosts: Iterable[str] = (),
) -> None:
    """Serve the API and the dashboard over the store at `db` until interrupted.

    Requests must name this server in their Host header: a loopback name, the address
    bound, or one of `allow_hosts`.
    """
    app = create_app(Path(db), write_token=write_token, hosts=allowed_hosts(host, allow_hosts))
    sock = bind(host, port)
    if on_ready:
        on_ready(url_of(sock))
    config = uvicorn.Config(app, log_level=log_level, access_log=False, lifespan="on")
    uvicorn.Server(config).run(sockets=[sock])
