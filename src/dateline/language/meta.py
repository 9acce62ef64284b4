"""The article's metadata on the Doc, and the Doc extensions the components use.

`doc._.meta` is set before the pipeline runs (`pipeline.make_doc`) from the article
record, as the reader filled it:

    {"id": str, "title": str | None,
     "published": {"date", "precision", "source", "earliest", "latest"} | None,
     "dateline": {"places": [...], "country": str | None, "agency": str | None,
                  "start": int, "end": int} | None}

Each component registers the extensions it assigns or reads (`ensure`, called from
its factory), so no module is imported for the side effect of registering them.
"""

from __future__ import annotations

from spacy.tokens import Doc

from ..read.parts import dateline_end as reader_dateline_end
from ..record import Article
from .doccache import text as doc_text


def ensure(*names: str) -> None:
    """Register `doc._.<name>` (default None) for each name not registered yet."""
    for name in names:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


def article_meta(article: Article) -> dict:
    return {"published": article.published, "dateline": article.dateline, "title": article.title, "id": article.id}


def dateline_end(doc: Doc) -> int:
    """Where the dateline ends in the body (0: none). The reader's offset when it gave one
    (`doc._.meta["dateline"]["end"]`); a Doc without it (made outside `make_doc`, or a
    record stored before datelines had offsets) is read with the reader's own parser."""
    meta = (doc._.meta if Doc.has_extension("meta") else None) or {}
    end = (meta.get("dateline") or {}).get("end")
    return end if isinstance(end, int) else reader_dateline_end(doc_text(doc))
