"""The whole annotation: the language pipeline, then the event coder as its last stage.

    read -> language (dateline.language.pipeline) -> events (dateline_events) -> record

The language layer does not know the event coder; the coder reads what the language
components leave on the Doc (its factory declares what it `requires`). This module sits
above both and adds the coder to the end of the language pipeline, so one spaCy
`Language` runs everything and `nlp.pipe` batches articles through all of it: the
engines, the CLI and the Python API use `load_pipeline` and `annotate` from here.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.language import Language

from .cache import process_wide
from .events import coder  # noqa: F401 - importing it registers the dateline_events factory
from .language import pipeline as language
from .record import Article

EVENTS = "dateline_events"


def build_pipeline(components: Iterable[str] | None = None) -> Language:
    """The language pipeline with the event coder last; `components` limits which are added
    (name "dateline_events" to have the coder)."""
    wanted = None if components is None else set(components)
    nlp = language.build_pipeline(None if wanted is None else wanted - {EVENTS})
    if wanted is None or EVENTS in wanted:
        nlp.add_pipe(EVENTS, last=True)
    return nlp


@process_wide
def load_pipeline() -> Language:
    """The process-wide pipeline, loaded once (threads wait for the first load)."""
    return build_pipeline()


def annotate(articles: Iterable[Article], nlp: Language | None = None, batch_size: int = 16) -> Iterator[Article]:
    """Annotate articles (language and events), in order, batching through `nlp.pipe`."""
    return language.annotate(articles, nlp=nlp or load_pipeline(), batch_size=batch_size)
