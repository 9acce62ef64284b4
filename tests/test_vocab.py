"""Every vocabulary file loads and has the self-describing shape vocab.py documents."""

import json
import re
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



def test_alternation_matches_every_word_of_a_concept_longest_first():
    months = re.compile(rf"(?:{vocab.alternation('month_names')})$")
    assert all(months.match(m) for m in vocab.mapping("month_names"))  # a map's keys
    assert not months.match("mayday")
    # "sep" and "sept" are both abbreviations: the longer is tried first
    assert re.match(rf"(?:{vocab.alternation('month_abbreviations')})", "sept. 11").group(0) == "sept"
