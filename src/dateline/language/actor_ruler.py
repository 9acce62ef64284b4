"""`dateline_actor_ruler` (before `ner`): the dictionary's named actors as entities.

Marks "Islamic State", "IS", "SDF", "al-Shabaab", "U.N." as entities with the
canonical name as `ent_id`, so the statistical NER cannot split "Islamic State" into
NORP "Islamic" + "State" and "IS" is caught. Acronyms match case-sensitively, so the
verb "is" never matches; an ambiguous acronym ("IS") is also refused in all-capitals
text.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from .actor_dictionary import is_exact_alias, load_dictionary


def _all_caps_context(doc: Doc, start: int, end: int) -> bool:
    """True when the words around a match are all capitals (a shouted headline or dateline),
    where "IS" may be the verb."""
    lo, hi = max(0, start - 3), min(len(doc), end + 3)
    if doc.has_annotation("SENT_START"):
        sent = doc[start].sent
        lo, hi = max(lo, sent.start), min(hi, sent.end)
    words = [t.text for t in doc[lo:hi] if t.is_alpha and not (start <= t.i < end)]
    return bool(words) and all(w.isupper() for w in words)


def _generic_use(doc: Doc, start: int, end: int) -> bool:
    """"to found an Islamic state": an indefinite article before a name that ends its
    noun phrase makes it a common noun."""
    if start == 0 or doc[start - 1].lower_ not in ("a", "an"):
        return False
    return end >= len(doc) or doc[end].pos_ not in ("NOUN", "PROPN")


OBJECT_PREFIXES = frozenset({"anti", "counter", "non", "post", "pre"})


def _prefixed_object(doc: Doc, start: int) -> bool:
    """"counter-ISIL operations", "anti-IS coalition": the group is what the phrase is
    against, not an actor in it."""
    if start >= 2 and doc[start - 1].text == "-" and not doc[start - 2].whitespace_ and not doc[start - 1].whitespace_:
        return doc[start - 2].lower_ in OBJECT_PREFIXES
    return start >= 1 and not doc[start - 1].whitespace_ and doc[start - 1].lower_.rstrip("-") in OBJECT_PREFIXES \
        and doc[start - 1].text.endswith("-")


class ActorRuler:
    """Entity ruler for the dictionary's named actors (runs before `ner`)."""

    def __init__(self, nlp: Language, name: str = "dateline_actor_ruler"):
        self.name = name
        self.vocab = nlp.vocab
        self.dictionary = load_dictionary()
        self.exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.folded = PhraseMatcher(nlp.vocab, attr="LOWER")
        exact_forms: dict[str, list[str]] = {}
        folded_forms: dict[str, list[str]] = {}
        for entry in self.dictionary.named.values():
            for alias in entry.aliases:
                exact = is_exact_alias(alias) or alias in entry.exact
                (exact_forms if exact else folded_forms).setdefault(entry.canonical, []).append(alias)
        for forms, matcher in ((exact_forms, self.exact), (folded_forms, self.folded)):
            for canonical, aliases in forms.items():
                matcher.add(canonical, list(nlp.tokenizer.pipe(aliases)))

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        for matcher in (self.exact, self.folded):
            for match_id, start, end in matcher(doc):
                canonical = self.vocab.strings[match_id]
                entry = self.dictionary.named[canonical]
                text = doc[start:end].text
                if text in entry.ambiguous and _all_caps_context(doc, start, end):
                    continue
                if matcher is self.folded and _generic_use(doc, start, end):
                    continue
                if _prefixed_object(doc, start):
                    continue
                spans.append(Span(doc, start, end, label=entry.label, span_id=canonical))
        if spans:
            doc.ents = filter_spans(list(doc.ents) + spans)
        return doc


@Language.factory("dateline_actor_ruler", assigns=["doc.ents", "token.ent_iob", "token.ent_type"])
def make_actor_ruler(nlp, name):  # no annotations: spaCy's config resolver reads them
    return ActorRuler(nlp, name)
