"""Bytes to clean text: encoding detection, line ends, stray non-breaking spaces.

News arrives as UTF-8, UTF-8 with a BOM, UTF-16 from Windows tools, and cp1252 from
old CMS exports. We decide once per file from its first bytes, then stream with an
incremental decoder so a 100 MB dump never sits in memory whole.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from pathlib import Path

from ..errors import InputError

SNIFF_BYTES = 1 << 20
CHUNK_BYTES = 1 << 20
# No paragraph of news is this long; a longer line means the file is not news text,
# and refusing it keeps memory bounded whatever the input.
MAX_LINE_CHARS = 10_000_000

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Magic numbers of formats people point a text tool at by mistake.
_MAGIC = (
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or a .docx/.xlsx file)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x7fELF", "an executable"),
    (b"SQLite format 3\x00", "an SQLite database"),
)

_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
_CONTROL = re.compile(rb"[\x00-\x08\x0e-\x1f]")
# A line holding only white space, NBSPs included, is an empty line.
_BLANKISH = re.compile(r"^[\s\u00a0\u200b\u200e\u200f\ufeff]+$")


def sniff_encoding(head: bytes, path: str, *, whole: bool) -> tuple[str, int]:
    """Return (codec, bytes to skip) for a file starting with `head`.

    Raises InputError for empty, binary or undecodable input. `whole` says whether
    `head` is the entire file (then a truncated multibyte tail is an error).
    """
    if not head:
        raise InputError(path, "empty file")
    for bom, codec in _BOMS:
        if head.startswith(bom):
            return codec, len(bom)
    for magic, what in _MAGIC:
        if head.startswith(magic):
            raise InputError(path, f"binary file: looks like {what}, not text")
    sample = head[:65536]
    if b"\x00" in sample:
        codec = _utf16_without_bom(sample)
        if codec:
            return codec, 0
        raise InputError(path, "binary file: contains NUL bytes, not text")
    if len(_CONTROL.findall(sample)) > max(8, len(sample) // 100):
        raise InputError(path, "binary file: too many control characters to be text")
    try:
        head.decode("utf-8")
        return "utf-8", 0
    except UnicodeDecodeError as err:
        truncated_tail = err.start >= len(head) - 3 and err.reason == "unexpected end of data"
        if truncated_tail and not whole:
            return "utf-8", 0
        bad = err.start
    if _UTF8_MULTIBYTE.search(head):
        # Mostly UTF-8 with broken bytes: decoding it as cp1252 would turn every
        # accent and curly quote into mojibake, so say where it breaks instead.
        line = head.count(b"\n", 0, bad) + 1
        raise InputError(path, f"undecodable bytes: invalid UTF-8 at byte {bad} (line {line})")
    try:
        head.decode("cp1252")
        return "cp1252", 0
    except UnicodeDecodeError:
        pass
    guess = _charset_guess(head)
    if guess:
        return guess, 0
    line = head.count(b"\n", 0, bad) + 1
    raise InputError(path, f"undecodable bytes at byte {bad} (line {line}): not UTF-8, UTF-16 or cp1252")


def _utf16_without_bom(sample: bytes) -> str | None:
    even = sample[0::2]
    odd = sample[1::2]
    if not even or not odd:
        return None
    if odd.count(0) > 0.4 * len(odd) and even.count(0) < 0.05 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.4 * len(even) and odd.count(0) < 0.05 * len(odd):
        return "utf-16-be"
    return None


def _charset_guess(data: bytes) -> str | None:
    from charset_normalizer import from_bytes

    best = from_bytes(data[:SNIFF_BYTES]).best()
    if best is None or best.chaos > 0.2:
        return None
    return best.encoding


def normalise_line(line: str) -> str:
    """Strip line ends and turn NBSP-only lines into empty ones."""
    line = line.rstrip("\r\n")
    if _BLANKISH.match(line):
        return ""
    return line


def iter_lines(path: str | Path, *, label: str | None = None) -> Iterator[str]:
    """Yield the decoded, normalised lines of a file, streaming."""
    label = label or str(path)
    try:
        fh = open(path, "rb")
    except FileNotFoundError:
        raise InputError(label, "no such file") from None
    except IsADirectoryError:
        raise InputError(label, "is a directory") from None
    except PermissionError:
        raise InputError(label, "permission denied") from None
    with fh:
        head = fh.read(SNIFF_BYTES)
        whole = len(head) < SNIFF_BYTES
        codec, skip = sniff_encoding(head, label, whole=whole)
        yield from _decode_stream(head[skip:], fh, codec, label)


def iter_lines_bytes(data: bytes, label: str) -> Iterator[str]:
    codec, skip = sniff_encoding(data, label, whole=True)
    yield from _decode_stream(data[skip:], None, codec, label)


def _decode_stream(first: bytes, fh, codec: str, label: str) -> Iterator[str]:
    decoder = codecs.getincrementaldecoder(codec)(errors="strict")
    pending = ""
    line_no = 0
    consumed = 0
    chunk = first
    while True:
        final = fh is None or not chunk
        try:
            text = decoder.decode(chunk, final=final)
        except UnicodeDecodeError as err:
            raise InputError(
                label, f"undecodable bytes ({codec}) near byte {consumed + err.start}", line_no + 1
            ) from None
        consumed += len(chunk)
        if text:
            text = pending + text.replace("\r\n", "\n").replace("\r", "\n")
            # A chunk may end between \r and \n: keep a trailing \r-free remainder.
            parts = text.split("\n")
            pending = parts.pop()
            for part in parts:
                line_no += 1
                if len(part) > MAX_LINE_CHARS:
                    raise InputError(label, _too_long(len(part)), line_no)
                yield normalise_line(part)
            if len(pending) > MAX_LINE_CHARS:
                raise InputError(label, _too_long(len(pending)), line_no + 1)
        if final:
            break
        chunk = fh.read(CHUNK_BYTES)
    if pending:
        yield normalise_line(pending)


def _too_long(n: int) -> str:
    return f"a line of over {MAX_LINE_CHARS // 1_000_000} million characters: not news text (is this a data dump or a binary file?)"
