"""The dashboard's files, read into memory once and served by name.

A request path is only ever a key into this table, never joined onto a directory, so
no request can reach any other file on the machine.
"""

from __future__ import annotations

import hashlib
import mimetypes
from dataclasses import dataclass
from importlib import resources

TYPES = {
    ".js": "text/javascript; charset=utf-8",
    ".mjs": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".html": "text/html; charset=utf-8",
    ".json": "application/json",
    ".png": "image/png",
    ".svg": "image/svg+xml",
    ".txt": "text/plain; charset=utf-8",
}


@dataclass(frozen=True)
class Asset:
    content: bytes
    media_type: str
    etag: str


def load_assets(package: str = "dateline.serve", folder: str = "static") -> dict[str, Asset]:
    root = resources.files(package).joinpath(folder)
    assets: dict[str, Asset] = {}

    def walk(node, prefix: str) -> None:
        for child in node.iterdir():
            name = f"{prefix}{child.name}"
            if child.name.startswith("."):
                continue
            if child.is_dir():
                walk(child, name + "/")
            else:
                data = child.read_bytes()
                suffix = "." + child.name.rsplit(".", 1)[-1] if "." in child.name else ""
                media = TYPES.get(suffix) or mimetypes.guess_type(child.name)[0] or "application/octet-stream"
                # LICENSE files and the like are text.
                if not suffix:
                    media = TYPES[".txt"]
                assets[name] = Asset(data, media, '"' + hashlib.sha256(data).hexdigest()[:20] + '"')

    walk(root, "")
    return assets
