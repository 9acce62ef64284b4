"""The main job: inputs -> article records on disk, streaming, resumable, atomic.

    read (lazy) -> language + events (engine: in process, worker processes, Dask)
      -> records appended to OUT.partial, signatures kept
      -> stories assigned over all signatures -> OUT written atomically

A run killed at any point leaves OUT untouched (or absent) and OUT.partial holding
whole records only; rerunning the same command skips the records already done and
finishes the job, so nothing is extracted twice and nothing is duplicated.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .errors import InputError
from .lock import OutputLock
from .options import RunOptions
from .read import ReadReport, read_dated, read_inputs, read_string
from .read.sources import Spooled
from .read.published import refine_published
from .read.stories import Signature, assign_stories, signature
from .record import Article, article_id

ProgressHook = Callable[[int], None]


@dataclass
class RunSummary:
    articles: int = 0
    stories: int = 0
    duplicates: int = 0
    events_by_type: Counter = field(default_factory=Counter)
    output: str | None = None
    errors: list[InputError] = field(default_factory=list)
    skipped_files: list[str] = field(default_factory=list)  # in a directory, in no format dateline reads
    resumed: int = 0
    repeated: int = 0  # inputs that repeat an earlier article exactly: written once
    seconds: float = 0.0


def extract(text_or_path: str | os.PathLike, published: str | None = None, *, language: bool = True) -> list[Article]:
    """Articles from a path (file, directory, glob) or from text, fully annotated.

    Raises InputError for unreadable input.
    """
    if isinstance(text_or_path, os.PathLike) or (
        isinstance(text_or_path, str) and "\n" not in text_or_path and len(text_or_path) < 4096 and _exists(text_or_path)
    ):
        report = ReadReport()
        arts = list(read_inputs([os.fspath(text_or_path)], published=published, report=report))
        if report.errors:
            raise report.errors[0]
    else:
        arts = read_string(str(text_or_path), published=published)
    refine_published(arts)
    if language:
        from .engine import annotate_stream

        arts = list(annotate_stream(arts, RunOptions(workers=1)))
    _apply_stories(arts, [signature(a.id, a.body, a.published) for a in arts])
    return arts


def _exists(s: str) -> bool:
    """Is `s` a path (or a glob that matches files), rather than text to read?"""
    import glob

    try:
        return Path(s).exists() or (any(ch in s for ch in "*?[") and bool(glob.glob(s, recursive=True)))
    except OSError:
        return False


def _apply_stories(arts: list[Article], sigs: list[Signature]) -> None:
    stories = assign_stories(sigs)
    for art in arts:
        art.story, art.duplicate_of = stories[art.id]


def _fingerprint(inputs: list[str], options: dict) -> str:
    h = hashlib.sha256()
    for raw in inputs:
        h.update(raw.encode())
        p = Path(raw)
        if p.is_file():
            st = p.stat()
            h.update(f"{st.st_size}:{st.st_mtime_ns}".encode())
    h.update(json.dumps(options, sort_keys=True, default=str).encode())
    return h.hexdigest()


@dataclass
class Resumed:
    """What an earlier, killed run of the same job left: counted, not held in memory."""

    count: int = 0
    signatures: list[Signature] = field(default_factory=list)
    events_by_type: Counter = field(default_factory=Counter)


def _resume_partial(partial: Path, meta: Path, fingerprint: str) -> Resumed:
    """Whole records already written by an earlier run of the same job (a torn last line is cut)."""
    resumed = Resumed()
    if not (partial.exists() and meta.exists()):
        return resumed
    try:
        if json.loads(meta.read_text()).get("fingerprint") != fingerprint:
            return resumed
    except (OSError, json.JSONDecodeError):
        return resumed
    good_bytes = 0
    with open(partial, "rb") as fh:
        for raw in fh:
            if not raw.endswith(b"\n"):
                break  # cut mid-write
            try:
                rec = json.loads(raw)
            except json.JSONDecodeError:
                break
            resumed.count += 1
            resumed.signatures.append(signature(rec["id"], rec["body"], rec.get("published")))
            resumed.events_by_type.update(ev.get("event_type") for ev in rec.get("events", []))
            good_bytes += len(raw)
    with open(partial, "r+b") as fh:
        fh.truncate(good_bytes)
    return resumed


def _spool_stdin(inputs: list[str], partial: Path) -> tuple[list[str], Path | None]:
    """Standard input can be read once; keep a copy beside the output to read it twice."""
    if "-" not in inputs:
        return inputs, None
    import sys

    copy = partial.with_name(partial.name + ".stdin")
    with open(copy, "wb") as fh:
        while chunk := sys.stdin.buffer.read(1 << 20):
            fh.write(chunk)
    return [Spooled(copy) if raw == "-" else raw for raw in inputs], copy


def _once_each(articles: Iterator[Article], report: ReadReport, summary: RunSummary) -> Iterator[Article]:
    """Each id once: an exact repeat of an earlier article is counted and passed over; another
    article under an id already given is an input error naming where it came from.

    Before the resume skip, so a resumed run passes over the same repeats as the first.
    """
    seen: dict[str, str] = {}  # id -> the body's own id
    for art in articles:
        body_id = article_id(art.body)
        first = seen.get(art.id)
        if first is None:
            seen[art.id] = body_id
            yield art
        elif first == body_id:
            summary.repeated += 1
        else:
            origin = art.source or {}
            problem = f"id {art.id!r} is already an earlier article's, with other text"
            report.errors.append(InputError(str(origin.get("file", "?")), problem, origin.get("line")))


def write_jsonl(records: Callable[[], Iterator[dict]], path: Path) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        for rec in records():
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")


def run_extract(
    inputs: list[str],
    output: str | os.PathLike,
    *,
    published: str | None = None,
    options: RunOptions | None = None,
    on_progress: ProgressHook | None = None,
    write: Callable[[Callable[[], Iterator[dict]], Path], None] | None = None,
    on_total: ProgressHook | None = None,
    **option_values,
) -> RunSummary:
    """Extract every article of `inputs` into `output`.

    `options` (or its fields as keywords: `workers=2`) say how the work is done.
    `on_total(n)` is told how many articles the inputs hold once the reader has counted them.
    `write(records, path)` writes the finished records (JSON Lines by default);
    `records()` can be called more than once, for writers that need two passes.
    """
    options = RunOptions.of(options, **option_values)
    started = time.perf_counter()
    out = Path(output)
    out.parent.mkdir(parents=True, exist_ok=True)
    with OutputLock(out):  # a second run on the same output stops here, before touching it
        return _extract_locked(inputs, out, published, options, on_progress, on_total, write, started)


def _extract_locked(
    inputs: list[str],
    out: Path,
    published: str | None,
    options: RunOptions,
    on_progress: ProgressHook | None,
    on_total: ProgressHook | None,
    write: Callable[[Callable[[], Iterator[dict]], Path], None] | None,
    started: float,
) -> RunSummary:
    from .engine import annotate_stream

    partial = out.with_name(out.name + ".partial")
    meta = out.with_name(out.name + ".partial.json")
    fingerprint = _fingerprint(inputs, {"published": published, "language": options.language})
    done = _resume_partial(partial, meta, fingerprint)
    if not done.count:
        partial.unlink(missing_ok=True)
    meta.write_text(json.dumps({"fingerprint": fingerprint, "inputs": inputs}))

    summary = RunSummary(resumed=done.count)
    report = ReadReport()
    sigs = done.signatures
    inputs, stdin_copy = _spool_stdin(inputs, partial)
    # Undated articles are dated with each other's help (two reads; see read_dated).
    stream: Iterator[Article] = _once_each(read_dated(inputs, published=published, report=report, on_count=on_total), report, summary)
    for _ in range(done.count):  # input order is deterministic: skip what is done
        next(stream, None)
    if on_progress and done.count:
        on_progress(done.count)
    annotated = annotate_stream(stream, options)
    summary.events_by_type.update(done.events_by_type)
    with open(partial, "a", encoding="utf-8") as fh:
        for art in annotated:
            sigs.append(signature(art.id, art.body, art.published))
            summary.events_by_type.update(ev.get("event_type") for ev in art.events)
            fh.write(json.dumps(art.to_dict(), ensure_ascii=False) + "\n")
            fh.flush()
            if on_progress:
                on_progress(1)
        os.fsync(fh.fileno())

    stories = assign_stories(sigs)
    summary.errors = report.errors
    summary.skipped_files = report.skipped
    if not sigs:
        # Nothing readable: leave any earlier output as it was, and nothing of this run.
        partial.unlink(missing_ok=True)
        meta.unlink(missing_ok=True)
        if stdin_copy:
            stdin_copy.unlink(missing_ok=True)
        summary.seconds = time.perf_counter() - started
        return summary
    summary.output = str(out)
    summary.articles = len(sigs)
    summary.duplicates = sum(1 for _, dup in stories.values() if dup is not None)

    def records() -> Iterator[dict]:
        """The finished records, story fields filled; callable again for a second pass."""
        with open(partial, encoding="utf-8") as fh:
            for line in fh:
                rec = json.loads(line)
                rec["story"], rec["duplicate_of"] = stories[rec["id"]]
                yield rec

    tmp = out.with_name(out.name + ".tmp")
    (write or write_jsonl)(records, tmp)
    os.replace(tmp, out)
    partial.unlink(missing_ok=True)
    meta.unlink(missing_ok=True)
    if stdin_copy:
        stdin_copy.unlink(missing_ok=True)
    summary.stories = len({s for s, _ in stories.values()})
    summary.seconds = time.perf_counter() - started
    return summary
