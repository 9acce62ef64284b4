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


@app.command("serve")
def serve_command(
    db: Annotated[str, typer.Option("--db", help="The database file.")] = DEFAULT_DB,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port (0: any free one).")] = 8000,
    write_token: Annotated[
        Optional[str], typer.Option("--write-token", envvar=TOKEN_ENV, help=f"Enable POST /api/articles with this bearer token (or ${TOKEN_ENV}).")
    ] = None,
) -> None:
    """Serve the HTTP API and the dashboard over a database."""
    from ..serve.server import serve

    path = Path(db)
    if not path.is_file():
        raise Exit(f"{db}: no such database (create it with `dateline ingest INPUT --db {db}`, or try `dateline demo`)")
    serve(path, host=host, port=_port(port), write_token=write_token or None, on_ready=lambda url: _announce(url, writes=bool(write_token)))


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
