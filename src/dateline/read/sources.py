"""Turn what a user points at (files, directories, globs, stdin) into articles.

Each input is sniffed for its format by content, not by name, and handed to the
reader registered for that format. Readers yield `Article`s lazily; a bad input
raises `InputError`, which the caller records and moves past, so one broken file
does not stop a batch.
"""

from __future__ import annotations

import glob
import json
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..record import Article
from ..registry import Registry
from .decode import iter_lines, iter_lines_bytes
from .dump import paragraphs, split_dump
from ..errors import InputError
from .ids import check_id
from .parts import ArticleParts, cut_article
from .published import check_published, infer_published

READABLE_SUFFIXES = {".txt", ".text", ".jsonl", ".ndjson", ".json", ".html", ".htm", ".xhtml", ""}
MAX_HTML_BYTES = 50_000_000
# The language model reads at most a million characters at once; no news article is that long.
MAX_BODY_CHARS = 1_000_000
MAX_JSON_BYTES = 100_000_000
MAX_JSONL_LINE_CHARS = 10_000_000

Reader = Callable[["Source", Iterator[str], dict], Iterator[Article]]
READERS: dict[str, Reader] = Registry("reader")
reader = READERS.register


@dataclass
class Source:
    label: str  # what error messages name: the path as given, or "<stdin>"
    path: Path | None = None
    data: bytes | None = None  # stdin is read into memory once; files stream

    def lines(self) -> Iterator[str]:
        if self.data is not None:
            return iter_lines_bytes(self.data, self.label)
        return iter_lines(self.path, label=self.label)


@dataclass
class ReadReport:
    """What a batch read found: the bad inputs and the files passed over, for listing at the end."""

    errors: list[InputError] = field(default_factory=list)
    sources: int = 0
    skipped: list[str] = field(default_factory=list)  # files in a directory in no format we read


class Spooled(str):
    """The path of a copy of standard input: read like a file, named `<stdin>` in messages."""

    label = "<stdin>"


def expand_inputs(inputs: Iterable[str], report: ReadReport) -> Iterator[Source]:
    """Paths, directories (recursively), globs and '-' for stdin, in a stable order."""
    for raw in inputs:
        if raw == "-":
            yield Source("<stdin>", data=sys.stdin.buffer.read())
            continue
        path = Path(raw)
        if isinstance(raw, Spooled):
            yield Source(raw.label, path=path)
        elif path.is_dir():
            files = [
                p
                for p in sorted(path.rglob("*"))
                if p.is_file() and not any(part.startswith(".") for part in p.relative_to(path).parts)
            ]
            found = [p for p in files if p.suffix.lower() in READABLE_SUFFIXES]
            report.skipped.extend(str(p) for p in files if p.suffix.lower() not in READABLE_SUFFIXES)
            if not found:
                report.errors.append(InputError(raw, "directory holds no readable files (.txt, .jsonl, .json, .html)"))
            for p in found:
                yield Source(str(p), path=p)
        elif path.exists():
            yield Source(raw, path=path)
        elif any(ch in raw for ch in "*?["):
            matches = sorted(glob.glob(raw, recursive=True))
            files = [Path(m) for m in matches if Path(m).is_file()]
            if not files:
                report.errors.append(InputError(raw, "no files match this pattern"))
            for p in files:
                yield Source(str(p), path=p)
        else:
            report.errors.append(InputError(raw, "no such file or directory"))


def sniff_kind(first: list[str], source: Source) -> str:
    """'jsonl', 'html' or 'text', from the first non-empty lines."""
    head = "\n".join(first).lstrip()
    low = head[:4096].lower()
    if low.startswith(("<!doctype html", "<html", "<?xml")) or "<body" in low or "<article" in low:
        return "html"
    if head.startswith("{"):
        return "jsonl"
    if head.startswith("[") and source.path is not None and source.path.suffix.lower() == ".json":
        return "json"
    return "text"


def read_source(source: Source, options: dict) -> Iterator[Article]:
    lines = source.lines()
    first: list[str] = []
    for line in lines:
        if line.strip():
            first.append(line)
            break
        first.append(line)
    if not any(line.strip() for line in first):
        raise InputError(source.label, "empty file (no text)")
    kind = sniff_kind([l for l in first if l.strip()], source)
    all_lines = _chain(first, lines)
    yield from READERS[kind](source, all_lines, options)


def _chain(first: list[str], rest: Iterator[str]) -> Iterator[str]:
    yield from first
    yield from rest


@reader("text")
def read_text_dump(source: Source, lines: Iterator[str], options: dict) -> Iterator[Article]:
    """Plain text: one article or a dump of many, split at credits and datelines."""
    for block in split_dump(lines, source.label):
        parts = cut_article(block.paragraphs)
        if not parts.paragraphs:
            continue
        try:
            yield build_article(
                parts, published=options.get("published"), origin={"file": source.label, "line": block.line},
                book=options.get("book"), infer=options.get("infer", True),
            )
        except InputError as err:
            options["report"].errors.append(InputError(source.label, err.problem, block.line))


@reader("jsonl")
def read_jsonl(source: Source, lines: Iterator[str], options: dict) -> Iterator[Article]:
    """One JSON object per line: `text` (or `body`), optional title, published, url, id."""
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        if len(line) > MAX_JSONL_LINE_CHARS:
            options["report"].errors.append(InputError(source.label, "line too long for one article", n))
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as err:
            options["report"].errors.append(InputError(source.label, f"not JSON ({err.msg} at column {err.colno})", n))
            continue
        try:
            yield article_from_object(obj, options, origin={"file": source.label, "line": n})
        except InputError as err:
            options["report"].errors.append(InputError(source.label, err.problem, n))


@reader("json")
def read_json_array(source: Source, lines: Iterator[str], options: dict) -> Iterator[Article]:
    if source.path is not None and source.path.stat().st_size > MAX_JSON_BYTES:
        raise InputError(source.label, f"JSON array over {MAX_JSON_BYTES // 1_000_000} MB: write it as JSON Lines to stream it")
    text = "\n".join(lines)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        raise InputError(source.label, f"not JSON ({err.msg})", err.lineno) from None
    if not isinstance(data, list):
        raise InputError(source.label, "JSON file must hold a list of article objects")
    for i, obj in enumerate(data):
        try:
            yield article_from_object(obj, options, origin={"file": source.label, "item": i})
        except InputError as err:
            options["report"].errors.append(InputError(source.label, f"item {i}: {err.problem}"))


@reader("html")
def read_html(source: Source, lines: Iterator[str], options: dict) -> Iterator[Article]:
    """An HTML page: main text and metadata via trafilatura."""
    import trafilatura

    if source.path is not None and source.path.stat().st_size > MAX_HTML_BYTES:
        raise InputError(source.label, f"HTML page over {MAX_HTML_BYTES // 1_000_000} MB")
    html = "\n".join(lines)
    doc = trafilatura.bare_extraction(
        html,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    if doc is None or not (doc.text or "").strip():
        raise InputError(source.label, "HTML page with no main text")
    obj: dict[str, Any] = {"text": doc.text.replace("\n", "\n\n"), "title": doc.title, "url": doc.url}
    if doc.date:
        obj["published"] = doc.date
    if doc.author:
        obj["byline"] = [a.strip() for a in doc.author.split(";") if a.strip()]
    yield article_from_object(obj, options, origin={"file": source.label})


def article_from_object(obj: Any, options: dict, origin: dict) -> Article:
    if not isinstance(obj, dict):
        raise InputError(origin.get("file", "?"), "expected a JSON object per line")
    text = obj.get("text", obj.get("body"))
    if not isinstance(text, str) or not text.strip():
        raise InputError(origin.get("file", "?"), "no 'text' field with the article text")
    title = obj.get("title") if isinstance(obj.get("title"), str) else None
    pars = [p for _, p in paragraphs(text.replace("\r\n", "\n").split("\n"))]
    parts = cut_article(pars, title=title.strip() if title else None)
    if parts.paragraphs == [p.strip() for p in pars if p.strip()] and "\x00" not in text:
        parts.verbatim = text
    if isinstance(obj.get("byline"), list) and not parts.byline:
        parts.byline = [str(b) for b in obj["byline"]]
    published = options.get("published") or obj.get("published")
    art = build_article(
        parts, published=published, origin=origin, given_id=obj.get("id"), book=options.get("book"), infer=options.get("infer", True)
    )
    if isinstance(obj.get("url"), str):
        art.url = obj["url"]
    return art


def build_article(
    parts: ArticleParts,
    *,
    published: Any = None,
    origin: dict | None = None,
    given_id: Any = None,
    book: Any = None,
    infer: bool = True,
) -> Article:
    if len(parts.body) > MAX_BODY_CHARS:
        raise InputError(
            (origin or {}).get("file", "?"),
            f"article body of {len(parts.body):,} characters, over the {MAX_BODY_CHARS:,} a news article can have",
        )
    if parts.dateline is not None and (span := parts.dateline_span()) is not None:
        parts.dateline.update(start=span[0], end=span[1])
    try:
        article_id = check_id(given_id) or ""
    except ValueError as err:
        raise InputError((origin or {}).get("file", "?"), f"id {err}") from None
    art = Article(
        body=parts.body,
        id=article_id,
        title=parts.title,
        byline=parts.byline,
        dateline=parts.dateline,
        captions=parts.captions,
        credits=parts.credits,
        subheads=parts.subheads,
        source=origin,
    )
    try:
        given = check_published(published)
    except ValueError as err:
        raise InputError((origin or {}).get("file", "?"), f"published {err}") from None
    art.published = given or (infer_published(art, dateline_date=parts.dateline_date, book=book) if infer else None)
    return art


def read_dated(
    inputs: Iterable[str],
    *,
    published: str | None = None,
    report: ReadReport | None = None,
    on_count: Callable[[int], None] | None = None,
) -> Iterator[Article]:
    """`read_inputs`, with undated articles dated with each other's help, in bounded memory.

    `on_count(n)` hears how many articles the inputs hold, after the first read.

    Reads twice: the first, cheap read files every dated occurrence ("recaptured Mosul
    in July 2017") in an `AnchorBook`; the second uses it. Standard input, readable once,
    is spooled to a temporary file first.
    """
    import os
    import tempfile

    from .anchors import AnchorBook

    inputs = list(inputs)
    spool = None
    if "-" in inputs:
        fd, spool = tempfile.mkstemp(prefix="dateline-stdin-")
        with os.fdopen(fd, "wb") as fh:
            while chunk := sys.stdin.buffer.read(1 << 20):
                fh.write(chunk)
        inputs = [Spooled(spool) if raw == "-" else raw for raw in inputs]
    try:
        book = AnchorBook()
        count = 0
        for art in read_inputs(inputs, published=published, report=ReadReport()):
            book.add(art)
            count += 1
        if on_count:
            on_count(count)
        yield from read_inputs(inputs, published=published, report=report, book=book)
    finally:
        if spool is not None:
            os.unlink(spool)


def read_inputs(
    inputs: Iterable[str],
    *,
    published: str | None = None,
    report: ReadReport | None = None,
    book: Any = None,
) -> Iterator[Article]:
    """Every article of every input, in input order. Bad inputs land in `report.errors`.

    `book` (a `anchors.AnchorBook` filled by an earlier read of the same inputs) lets
    undated articles be dated with the other articles' help.
    """
    report = report if report is not None else ReadReport()
    options = {"published": published, "report": report, "book": book}
    try:
        check_published(published)
    except ValueError as err:
        raise InputError("--published", str(err)) from None
    for source in expand_inputs(inputs, report):
        report.sources += 1
        produced = 0
        try:
            for art in read_source(source, options):
                produced += 1
                yield art
        except InputError as err:
            report.errors.append(err)
            continue
        if produced == 0 and not any(e.path == source.label for e in report.errors):
            report.errors.append(InputError(source.label, "no article text found"))


def read_string(text: str, *, published: str | None = None, label: str = "<text>", infer: bool = True) -> list[Article]:
    """Articles from a string: a single article or a dump.

    `infer=False` leaves undated articles undated (most of the cost of reading): enough
    to check the text, as the API does before it files a write job.
    """
    report = ReadReport()
    source = Source(label, data=text.encode("utf-8"))
    arts = list(read_source(source, {"published": published, "report": report, "infer": infer}))
    if report.errors:
        raise report.errors[0]
    return arts


__all__ = ["read_inputs", "read_string", "ReadReport", "InputError", "READERS"]
