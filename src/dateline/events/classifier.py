"""A learned sentence classifier: which ACLED event type a sentence reports, or "none".

The model (`data/event_classifier/model.json.gz`) is TF-IDF word and character n-grams
with a multinomial logistic regression, trained by `tools/train_event_classifier.py`
from public data (see `data/event_classifier/README.md` for the data and licences).
It is stored as plain numbers and vocabularies, not a pickle: loading it runs no code
and does not depend on the scikit-learn version that trained it.

    from dateline.events.classifier import predict_event_types
    predict_event_types(["An air strike hit a market in Idlib, killing 12."])
    # -> [("Explosions/Remote violence", 0.83)]

The rule coder uses it as a veto: the exclusion check "learned_no_event" (checks.py) drops
an event whose sentence it gives P(none) >= settings.EVENT_VETO_NONE_PROBABILITY.
benchmarks/event_classifier.py compares the two; benchmarks/dev_sets.py measures the veto.
"""

from __future__ import annotations

import gzip
import json
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib import resources

import numpy as np

MODEL_FILE = "event_classifier/model.json.gz"
NONE = "none"
_DIGITS = re.compile(r"\d")
_SPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    """What the vectorisers see: lower case, digits as 0 (a death toll's digits say
    nothing about the event type), white space collapsed."""
    return _SPACE.sub(" ", _DIGITS.sub("0", text.lower())).strip()


@dataclass(frozen=True)
class EventTypeClassifier:
    labels: tuple[str, ...]
    vectorizers: tuple  # fitted TfidfVectorizers, in the order of the coefficient columns
    coef: np.ndarray  # (labels, features)
    intercept: np.ndarray  # (labels,)
    meta: dict

    def probabilities(self, sentences: Sequence[str]) -> np.ndarray:
        """(sentences, labels) array of probabilities; rows sum to 1."""
        from scipy.sparse import hstack

        if not sentences:
            return np.zeros((0, len(self.labels)))
        texts = [normalise(s) for s in sentences]
        features = hstack([v.transform(texts) for v in self.vectorizers]).tocsr()
        scores = features @ self.coef.T + self.intercept
        scores -= scores.max(axis=1, keepdims=True)
        exp = np.exp(scores)
        return exp / exp.sum(axis=1, keepdims=True)

    @cached_property
    def _readers(self) -> tuple:
        """(analyzer, vocabulary, idf, first column) per vectorizer, for one sentence at a time."""
        out, offset = [], 0
        for v in self.vectorizers:
            out.append((v.build_analyzer(), v.vocabulary_, v.idf_, offset))
            offset += len(v.vocabulary_)
        return tuple(out)

    def none_probability_of(self, sentence: str) -> float:
        """P(none) for one sentence, as `none_probability` gives it, without building sparse
        matrices: the coder asks sentence by sentence, where that overhead was most of the time."""
        text = normalise(sentence)
        scores = self.intercept.copy()
        for analyse, vocabulary, idf, offset in self._readers:
            counts = Counter(i for i in (vocabulary.get(term) for term in analyse(text)) if i is not None)
            if not counts:
                continue
            columns = np.fromiter(counts, dtype=np.intp, count=len(counts))
            weights = (1.0 + np.log(np.fromiter(counts.values(), dtype=np.float64, count=len(counts)))) * idf[columns]
            weights /= np.sqrt(weights @ weights)  # sublinear tf * idf, l2-normalised per vectorizer
            scores += self.coef[:, offset + columns] @ weights
        exp = np.exp(scores - scores.max())
        return float(exp[self.labels.index(NONE)] / exp.sum())

    def predict(self, sentences: Sequence[str]) -> list[tuple[str, float]]:
        probs = self.probabilities(sentences)
        best = probs.argmax(axis=1) if len(probs) else []
        return [(self.labels[i], float(probs[row, i])) for row, i in enumerate(best)]

    def none_probability(self, sentences: Sequence[str]) -> list[float]:
        probs = self.probabilities(sentences)
        col = self.labels.index(NONE)
        return [float(p) for p in probs[:, col]]


def vectorizer_from_dict(spec: dict):
    """A fitted TfidfVectorizer rebuilt from its parameters, vocabulary and idf weights."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    params = dict(spec["params"])
    params["ngram_range"] = tuple(params["ngram_range"])
    vec = TfidfVectorizer(vocabulary={term: i for i, term in enumerate(spec["vocabulary"])}, **params)
    vec.idf_ = np.asarray(spec["idf"], dtype=np.float64)
    return vec


def classifier_from_dict(model: dict) -> EventTypeClassifier:
    return EventTypeClassifier(
        labels=tuple(model["labels"]),
        vectorizers=tuple(vectorizer_from_dict(v) for v in model["vectorizers"]),
        coef=np.asarray(model["coef"], dtype=np.float64),
        intercept=np.asarray(model["intercept"], dtype=np.float64),
        meta=model.get("training", {}),
    )


def read_model(path=None) -> dict:
    source = path if path is not None else resources.files("dateline.data").joinpath(MODEL_FILE)
    with source.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as fh:
        return json.load(fh)


@lru_cache(maxsize=1)
def load_classifier() -> EventTypeClassifier:
    """The shipped model, loaded once per process."""
    return classifier_from_dict(read_model())


def predict_event_types(sentences: Sequence[str]) -> list[tuple[str, float]]:
    """For each sentence, the most probable label (an ACLED event type or "none") and its probability."""
    return load_classifier().predict(list(sentences))


@lru_cache(maxsize=4096)
def sentence_none_probability(sentence: str) -> float:
    """P(none) for one sentence, remembered: several triggers of one sentence ask once."""
    return load_classifier().none_probability_of(sentence)
