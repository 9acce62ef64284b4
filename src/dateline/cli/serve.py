"""`dateline serve` (the API and the dashboard) and `dateline demo` (sample corpus, then serve)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated, Optional

import typer

from ..store import DEFAULT_DB
from .app import Exit, WorkersOption, app, err, out, run_options

TOKEN_ENV = "DATELINE_WRITE_TOKEN"
SHARED_CORPUS = Path("shared") / "corpus" / "reuters-islamic-state-2017-2019.txt"
# ../shared next to where the command runs, or next to a source checkout of dateline.
SHARED_ROOTS = (Path(".."), Path(__file__).resolve().parents[4])


def _announce(url: str, *, writes: bool) -> None:
    out.print(f"dateline is serving the dashboard at [bold]{url}[/]  (API: {url}api/docs)", soft_wrap=True)
    out.print("writes (POST /api/articles): " + ("on, with the bearer token" if writes else "off"), soft_wrap=True)
    out.print("press Ctrl+C to stop")


def _port(port: int) -> int:
    if not 0 <= port <= 65535:
        raise Exit("--port must be between 0 and 65535")
    return port


def _token(given_on_command_line: str | None, token_file: str | None) -> str | None:
    """The write token, from the environment or a file; never from the command line, where `ps` shows it."""
    if given_on_command_line is not None:
        raise Exit(
            f"--write-token: a token on the command line shows in `ps` and in shell history;"
            f" set ${TOKEN_ENV} or put it in a file for --write-token-file"
        )
    from_env = os.environ.get(TOKEN_ENV) or None
    if token_file is None:
        return from_env
    if from_env is not None:
        raise Exit(f"--write-token-file: ${TOKEN_ENV} is set too; give the token one way")
    path = Path(token_file)
    try:
        token = path.read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError) as e:
        raise Exit(f"{token_file}: cannot read the write token ({getattr(e, 'strerror', None) or e})") from None
    if not token or any(ch.isspace() for ch in token):
        raise Exit(f"{token_file}: the write token must be one word on the file's first line")
    if path.stat().st_mode & 0o077:
        err.print(f"[yellow]warning:[/] {token_file} is readable by other users (chmod 600 it)", soft_wrap=True)
    return token


def _warn_beyond_loopback(host: str, allow_hosts: list[str], *, writes: bool) -> None:
    from ..serve.guards import LOOPBACK_HOSTS, WILDCARD_ADDRESSES, is_loopback

    if is_loopback(host):
        return
    if writes:
        err.print(
            f"[yellow]warning:[/] serving on {host} with writes on: anyone who can reach this port can try the token,"
            " and plain HTTP shows it to the network (serve on 127.0.0.1 behind a TLS proxy instead)",
            soft_wrap=True,
        )
    if host in WILDCARD_ADDRESSES and not allow_hosts:
        err.print(
            f"note: requests must name this server as {', '.join(LOOPBACK_HOSTS)} in their Host header;"
            " add --allow-host NAME for the name or address others reach it by",
            soft_wrap=True,
        )


@app.command("serve")
def serve_command(
    db: Annotated[str, typer.Option("--db", help="The database file.")] = DEFAULT_DB,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port (0: any free one).")] = 8000,
    allow_host: Annotated[
        Optional[list[str]],
        typer.Option("--allow-host", help="Also answer requests whose Host header names the server so (repeatable); loopback names always."),
    ] = None,
    write_token_file: Annotated[
        Optional[str],
        typer.Option("--write-token-file", help=f"Enable POST /api/articles with the bearer token in this file (or set ${TOKEN_ENV})."),
    ] = None,
    write_token: Annotated[Optional[str], typer.Option("--write-token", hidden=True)] = None,
) -> None:
    """Serve the HTTP API and the dashboard over a database."""
    from ..serve.server import serve

    token = _token(write_token, write_token_file)
    path = Path(db)
    if not path.is_file():
        raise Exit(f"{db}: no such database (create it with `dateline ingest INPUT --db {db}`, or try `dateline demo`)")
    hosts = allow_host or []
    _warn_beyond_loopback(host, hosts, writes=token is not None)
    serve(
        path,
        host=host,
        port=_port(port),
        write_token=token,
        allow_hosts=hosts,
        on_ready=lambda url: _announce(url, writes=token is not None),
    )


def demo_corpus() -> Path:
    for root in SHARED_ROOTS:
        if (root / SHARED_CORPUS).is_file():
            return root / SHARED_CORPUS
    from ..sample import SAMPLE_CORPUS

    if not Path(SAMPLE_CORPUS).is_file():
        raise Exit(f"the sample corpus is missing ({SAMPLE_CORPUS})")
    return Path(SAMPLE_CORPUS)


def default_demo_db() -> Path:
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "dateline"
    return cache / "demo.db"


@app.command("demo")
def demo_command(
    db: Annotated[Optional[str], typer.Option("--db", help="Where to keep the demo database (default: a cache folder).")] = None,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port (0: any free one).")] = 8000,
    workers: WorkersOption = None,
    corpus: Annotated[Optional[str], typer.Option(help="Another corpus to show (default: the sample corpus).")] = None,
) -> None:
    """Ingest the sample corpus into an embedded database and serve the dashboard over it."""
    from ..serve.server import serve
    from ..store.ingest import ingest
    corpus = Path(corpus) if corpus else demo_corpus()
    path = Path(db) if db else default_demo_db()
    path.parent.mkdir(parents=True, exist_ok=True)
    err.print(f"ingesting {corpus} into {path} ...")
    summary = ingest([str(corpus)], path, options=run_options(workers))
    if summary.errors:
        raise summary.errors[0]
    if not summary.articles_in_store:
        raise Exit(f"{corpus}: no articles found")
    err.print(
        f"{summary.articles_in_store} articles, {summary.events_in_store} events, {summary.stories} stories"
        f" ({summary.added} new, {summary.seconds:.1f} s)"
    )
    serve(path, host=host, port=_port(port), on_ready=lambda url: _announce(url, writes=False))
