"""A learned sentence classifier: which ACLED event type a sentence reports, or "none".

The model (`data/event_classifier/model.json.gz`) is TF-IDF word and character n-grams
with a multinomial logistic regression, trained by `tools/train_event_classifier.py`
from public data (see `data/event_classifier/README.md` for the data and licences).
It is stored as plain numbers and vocabularies, not a pickle: loading it runs no code
and does not depend on the scikit-learn version that trained it. Reading a sentence does
not import scikit-learn at all (`NgramReader`; tests check it reads n-grams as the trained
vectorisers do).

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
from functools import lru_cache
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


# scikit-learn's default token pattern, which the word vectoriser was trained with
_WORD_TOKEN = re.compile(r"(?u)\b\w\w+\b")


def _word_ngrams(text: str, low: int, high: int) -> list[str]:
    """Word n-grams as the trained word vectoriser reads them (tokens joined by a space)."""
    tokens = _WORD_TOKEN.findall(text)
    return [" ".join(tokens[i : i + n]) for n in range(low, high + 1) for i in range(len(tokens) - n + 1)]


def _char_wb_ngrams(text: str, low: int, high: int) -> list[str]:
    """Character n-grams inside word boundaries, each word padded with a space either side;
    a padded word no longer than n counts once, whole, and ends the word's n-grams."""
    out = []
    for word in text.split():
        padded = f" {word} "
        for n in range(low, high + 1):
            if n >= len(padded):
                out.append(padded)
                break
            out.extend(padded[i : i + n] for i in range(len(padded) - n + 1))
    return out


ANALYSERS = {"word": _word_ngrams, "char_wb": _char_wb_ngrams}


@dataclass(frozen=True)
class NgramReader:
    """One fitted TF-IDF vectoriser as numbers: its n-grams, their columns and idf weights
    (sublinear tf, l2-normalised: the parameters every shipped model was trained with)."""

    analyser: str
    low: int
    high: int
    vocabulary: dict[str, int]
    idf: np.ndarray

    def terms(self, text: str) -> list[str]:
        return ANALYSERS[self.analyser](text, self.low, self.high)


@dataclass(frozen=True)
class EventTypeClassifier:
    labels: tuple[str, ...]
    readers: tuple[NgramReader, ...]  # in the order of the coefficient columns
    coef: np.ndarray  # (labels, features)
    intercept: np.ndarray  # (labels,)
    meta: dict

    def scores(self, sentence: str) -> np.ndarray:
        """The labels' logits for one sentence."""
        text = normalise(sentence)
        scores = self.intercept.copy()
        offset = 0
        for reader in self.readers:
            vocabulary = reader.vocabulary
            counts = Counter(i for i in (vocabulary.get(term) for term in reader.terms(text)) if i is not None)
            if counts:
                columns = np.fromiter(counts, dtype=np.intp, count=len(counts))
                weights = (1.0 + np.log(np.fromiter(counts.values(), dtype=np.float64, count=len(counts)))) * reader.idf[columns]
                weights /= np.sqrt(weights @ weights)
                scores += self.coef[:, offset + columns] @ weights
            offset += len(vocabulary)
        return scores

    def probabilities(self, sentences: Sequence[str]) -> np.ndarray:
        """(sentences, labels) array of probabilities; rows sum to 1."""
        if not sentences:
            return np.zeros((0, len(self.labels)))
        scores = np.vstack([self.scores(s) for s in sentences])
        scores -= scores.max(axis=1, keepdims=True)
        exp = np.exp(scores)
        return exp / exp.sum(axis=1, keepdims=True)

    def none_probability_of(self, sentence: str) -> float:
        """P(none) for one sentence: the coder asks sentence by sentence."""
        scores = self.scores(sentence)
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


def reader_from_dict(spec: dict) -> NgramReader:
    """A vectoriser's stored parameters, vocabulary and idf weights, read without scikit-learn
    (whose import alone costs about a second of every process)."""
    params = spec["params"]
    expected = {"analyzer", "ngram_range", "lowercase", "sublinear_tf"}
    if set(params) != expected or params["lowercase"] or not params["sublinear_tf"] or params["analyzer"] not in ANALYSERS:
        raise ValueError(f"event classifier: vectoriser parameters {params} are not the ones this reader implements")
    low, high = params["ngram_range"]
    return NgramReader(
        analyser=params["analyzer"],
        low=int(low),
        high=int(high),
        vocabulary={term: i for i, term in enumerate(spec["vocabulary"])},
        idf=np.asarray(spec["idf"], dtype=np.float64),
    )


def classifier_from_dict(model: dict) -> EventTypeClassifier:
    return EventTypeClassifier(
        labels=tuple(model["labels"]),
        readers=tuple(reader_from_dict(v) for v in model["vectorizers"]),
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
