"""Words are data: no module under language/ or events/ holds a word list (issue 11).

English words live in `data/en/<concept>.json`, read through `dateline.vocab`; code names the
concept. This reads every module under `src/dateline/language/` and `src/dateline/events/` with
`ast` and fails on a literal list, set, tuple or dict, a `"...".split()`, or an alternation in a
regular expression, that holds more than five words. Not words: spaCy's grammar labels
(dependencies, parts of speech, tags, entity types), the record's field names and entity
labels, ACLED's event, sub-event and actor types, and the named label sets in ALLOWED, each
with why.
"""

from __future__ import annotations

import ast
import json
import re
from importlib import resources
from pathlib import Path

import pytest
from spacy.glossary import GLOSSARY

from dateline import record

PACKAGE = Path(record.__file__).parent
TAXONOMY = Path(__file__).parent / "bank" / "taxonomy.json"  # ACLED's event and sub-event types
CHECKED = ("language", "events")
MAX_WORDS = 5

# Named collections of labels, not words, that the exemptions by content cannot recognise:
# (module, name) -> why.
ALLOWED: dict[tuple[str, str], str] = {
    ("events/notes.py", "ATTRIBUTION"): "the record's attribution values and how a note writes them",
    ("events/locate.py", "BROAD_FEATURES"): "the gazetteer's feature kinds (Place.feature), labels of its data",
    ("language/place_names.py", "LEVEL"): "the gazetteer's feature kinds (Place.feature), labels of its data",
    ("language/place_names.py", "UNKNOWN_LOG_POP"): "the gazetteer's feature kinds (Place.feature), labels of its data",
    ("language/place_resolution.py", "FEATURE_BONUS"): "the gazetteer's feature kinds (Place.feature), labels of its data",
    ("language/gazetteer.py", "_SPECIAL"): "letters and their plain spelling, for folding names",
    ("language/gazetteer.py", "_VOWELS"): "spellings of sounds in transliteration schemes, for folding names",
}
# Word lists still in code, in files another change holds at the moment; each is to move to
# data/en/. The test fails when one of them is gone, so that its line is taken out here.
PENDING: dict[tuple[str, str], str] = {}

# A word: letters, with inner spaces, hyphens, apostrophes or dots ("al-Qaeda", "U.S.");
# not an identifier ("event_date", "doc._.places").
WORD = re.compile(r"[^\W\d_](?:[^\W\d_'’.\- ]|['’.\- ](?=[^\W\d_]))*\.?")


def _labels() -> frozenset[str]:
    """Strings that are labels of a schema (spaCy's, the record's, ACLED's), not words."""
    labels = set(GLOSSARY)
    labels |= {"ARMED_GROUP", "FACILITY", "OTHER"}  # the record's entity labels beyond spaCy's (record-format.md)
    for item in [*record.ITEMS.values(), record.Evidence]:
        labels |= {f.name for f in record.fields(item)}
    labels |= set(record.Article.__dataclass_fields__)
    for event_type, sub_types in json.loads(TAXONOMY.read_text(encoding="utf-8"))["event_types"].items():
        labels |= {event_type, *sub_types}
    acled = json.loads(resources.files("dateline.data").joinpath("acled.json").read_text(encoding="utf-8"))
    labels |= {k for k in acled["inter"] if k != "description"}  # dateline's actor types (data/actors.jsonl)
    return frozenset(labels)


LABELS = _labels()


MODULE_PATH = re.compile(r"[a-z_]+(?:\.[a-z_]+)+")  # "dateline.language.norms"


def is_word(value: object) -> bool:
    return (isinstance(value, str) and sum(c.isalpha() for c in value) >= 2 and WORD.fullmatch(value) is not None
            and value not in LABELS and not MODULE_PATH.fullmatch(value))


def regex_words(pattern: str) -> list[str]:
    """The word alternatives of the largest alternation in a regular expression:
    "(?:attacks?|bombings?|blasts?)" gives three, "jan(?:uary)?|feb(?:ruary)?" two."""
    best: list[str] = []
    for group in alternations(pattern):
        words = [a.strip() for a in group if re.search(r"[^\W\d_]{2,}", a)]
        if len(words) > len(best):
            best = words
    return best


def alternations(pattern: str) -> list[list[str]]:
    """The alternatives of each group of a regular expression (the whole pattern is one
    group), each with its nested groups left out: 'a(?:b|c)|d' gives [['a', 'd'], ['b', 'c']]."""
    stack = [[""]]  # open groups: their alternatives so far
    done = []
    i = 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            stack[-1][-1] += " "  # an escape (\b, \s, \.) is no letter of a word
            i += 2
            continue
        if c == "[":  # a character class: no word
            j = i + 1
            if j < len(pattern) and pattern[j] == "^":
                j += 1
            if j < len(pattern) and pattern[j] == "]":
                j += 1
            while j < len(pattern) and pattern[j] != "]":
                j += 2 if pattern[j] == "\\" else 1
            stack[-1][-1] += " "
            i = j + 1
            continue
        if c == "(":
            opening = re.match(r"\((?:\?(?:P<\w+>|<?[=!]|[aiLmsux-]*:|[aiLmsux]+\)|P=\w+\)))?", pattern[i:]).group(0)
            i += len(opening)
            if opening.endswith(")"):  # (?i), (?P=name): no group
                continue
            stack[-1][-1] += " "
            stack.append([""])
            continue
        if c == ")" and len(stack) > 1:
            done.append(stack.pop())
            i += 1
            continue
        if c == "|":
            stack[-1].append("")
            i += 1
            continue
        stack[-1][-1] += c if c.isalpha() else " "
        i += 1
    return done + stack


def _string_elements(node: ast.AST) -> list:
    """The strings a literal collection holds (a dict's keys and values), or a split string's words."""
    if isinstance(node, (ast.List, ast.Set, ast.Tuple)):
        out = []
        for e in node.elts:
            out += _string_elements(e) if isinstance(e, (ast.List, ast.Set, ast.Tuple)) else [getattr(e, "value", None)]
        return out
    if isinstance(node, ast.Dict):
        return [getattr(n, "value", None) for n in [*node.keys, *node.values] if n is not None]
    if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "split"
            and isinstance(node.func.value, ast.Constant) and isinstance(node.func.value.value, str)):
        return node.func.value.value.split()
    return []


def _assigned_names(tree: ast.Module) -> dict[int, str]:
    """id of every node inside a value assigned to a name -> that name."""
    names: dict[int, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, (ast.Assign, ast.AnnAssign)) and node.value is not None:
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                if isinstance(target, ast.Name):
                    for sub in ast.walk(node.value):
                        names.setdefault(id(sub), target.id)
    return names


def word_lists(path: Path, rel: str) -> dict[tuple[str, str], str]:
    """Each literal of the module that holds more than MAX_WORDS words: (rel, name) -> where and which."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = _assigned_names(tree)
    docstrings = {id(n.value) for n in ast.walk(tree) if isinstance(n, ast.Expr) and isinstance(n.value, ast.Constant)}
    nested: set[int] = set()  # collections inside a collection are counted with it
    found = {}
    for node in ast.walk(tree):
        name = names.get(id(node), "")
        if id(node) in nested or name == "__all__":
            continue
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            words = [] if id(node) in docstrings else regex_words(node.value)
        else:
            words = [w for w in _string_elements(node) if is_word(w)]
            if isinstance(node, (ast.List, ast.Set, ast.Tuple)):
                nested |= {id(e) for e in ast.walk(node) if e is not node}
        if len(set(words)) > MAX_WORDS:
            found.setdefault((rel, name), f"{rel}:{node.lineno}: {name or '(unnamed)'}: {sorted(set(words))[:8]}")
    return found


def modules() -> list[Path]:
    return sorted(p for folder in CHECKED for p in (PACKAGE / folder).rglob("*.py"))


def _rel(path: Path) -> str:
    return path.relative_to(PACKAGE).as_posix()


@pytest.mark.parametrize("path", modules(), ids=_rel)
def test_no_word_list_in_code(path):
    found = {key: where for key, where in word_lists(path, _rel(path)).items() if key not in ALLOWED}
    for key in [k for k in PENDING if k[0] == _rel(path)]:
        assert key in found, f"{key} holds no word list any more: take it out of PENDING"
        del found[key]
    assert not found, "words belong in data/en/<concept>.json, read through dateline.vocab:\n" + "\n".join(found.values())


def test_allowed_and_pending_name_real_collections():
    everything = {}
    for path in modules():
        everything |= word_lists(path, _rel(path))
    assert set(ALLOWED) <= set(everything), set(ALLOWED) - set(everything)


@pytest.mark.parametrize("source, flagged", [
    ("VERBS = {'say', 'tell', 'add', 'note', 'claim', 'state'}", True),
    ("VERBS = ('say', 'tell', 'add', 'note', 'claim')", False),  # five is allowed
    ("NUMBERS = {'one': 1, 'two': 2, 'three': 3, 'four': 4, 'five': 5, 'six': 6}", True),
    ("PAIRS = [('known', 'as'), ('called',), ('dubbed',), ('named',), ('termed',), ('styled',)]", True),
    ("VERBS = 'say tell add note claim state'.split()", True),
    ("CUE = re.compile(r'\\b(?:says?|told|added|noted|claimed|stated)\\b')", True),
    ("MONTH = re.compile(r'(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?)\\.?$')", True),
    ("CUE = re.compile(r'\\bfrom (?:19|20)\\d\\d (?:to|and|until) (?:19|20)\\d\\d|\\bsince (?:19|20)\\d\\d')", False),
    ("DEPS = {'nsubj', 'nsubjpass', 'dobj', 'pobj', 'conj', 'appos', 'ROOT'}", False),
    ("ENTS = ('PERSON', 'ORG', 'GPE', 'LOC', 'NORP', 'FAC', 'ARMED_GROUP')", False),
    ("ROW = {'event_date': d, 'actor1': a, 'actor2': b, 'location': l, 'country': c, 'notes': n}", False),
    ("KINDS = ('Air/drone strike', 'Armed clash', 'Attack', 'Suicide bomb', 'Grenade', 'Mob violence')", False),
    ("__all__ = ['Country', 'country_name', 'demonym', 'iso2_for', 'neighbours', 'continent']", False),
])
def test_the_checker_finds_a_word_list_in_each_form(tmp_path, source, flagged):
    module = tmp_path / "probe.py"
    module.write_text(source + "\n", encoding="utf-8")
    assert bool(word_lists(module, "probe.py")) is flagged
