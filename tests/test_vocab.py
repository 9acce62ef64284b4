"""Every vocabulary file loads and has the self-describing shape vocab.py documents."""

import json
from importlib import resources

import pytest

from dateline import vocab


def test_every_concept_file_has_the_documented_shape():
    folder = resources.files("dateline.data").joinpath(vocab.DEFAULT_LANG)
    names = vocab.concept_names()
    assert names, "data/en holds no concepts"
    for name in names:
        raw = json.loads(folder.joinpath(f"{name}.json").read_text(encoding="utf-8"))
        assert set(raw) <= {"concept", "description", "words", "map", "source"}, name
        c = vocab.concept(name)
        assert c.description.strip(), name
        assert c.words or c.map, name
        assert all(isinstance(w, str) and w == w.strip() and w for w in c.ordered), name
        assert len(c.ordered) == len(c.words), f"{name}: a word is listed twice"


def test_an_unknown_concept_is_an_error_naming_it():
    with pytest.raises(vocab.VocabularyError, match="no_such_concept"):
        vocab.words("no_such_concept")
