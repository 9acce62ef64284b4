"""`dateline_title_case` (before `ner`): a Title Case headline parsed as the sentence it is.

Agency headlines capitalise every word ("Turkish Forces Kill 14 Militants In Northern
Iraq"). The English model learnt capitals as a sign of names: it tags "Kill" as a proper
noun and reads the line as one long name, so the verb, its subject and its object are
lost. A line that is Title Case is parsed again as a copy whose common words are in
lower case (words that are names keep their capitals), and the copy's tags, lemmas
and parse are written back onto the original tokens. Only the case differs, so the
tokens are the same; the text, and the NER that reads capitals, see the original.

A word keeps its capitals when it is a name: an acronym, a country or its people, a
named actor the ruler found, a word the article capitalises mid-sentence elsewhere, a
word the English dictionary (the lemmatizer's index) does not know, or a large place
that the dictionary knows only as a noun ("Mosul" is in it; "Kill" is a verb and a
village).
"""

from __future__ import annotations

from spacy.attrs import DEP, HEAD, LEMMA, MORPH, POS, TAG
from spacy.language import Language
from spacy.tokens import Doc, Token

from ..settings import HEADLINE_CHARS, TITLE_CASE_PLACE_POPULATION, TITLE_CASE_SHARE
from . import countries
from .gazetteer import get_gazetteer

CARRIED = [TAG, POS, MORPH, LEMMA, HEAD, DEP]
# Components before this one that set only entities, which a copy's parse does not need.
ENTITY_ONLY = frozenset({"ner", "dateline_actor_ruler"})
# The lemmatizer's parts of speech (its tables' keys), and those whose words are not only names.
PARTS = ("noun", "verb", "adj", "adv")
NOT_ONLY_NAMES = frozenset(PARTS[1:])


class EnglishWords:
    """Which lower-case words the English dictionary knows, by part of speech
    (the lemmatizer's WordNet index, its exceptions and suffix rules)."""

    def __init__(self, nlp: Language):
        tables = nlp.get_pipe("lemmatizer").lookups if "lemmatizer" in nlp.pipe_names else None
        self.index = tables.get_table("lemma_index") if tables else {}
        self.exceptions = tables.get_table("lemma_exc") if tables else {}
        self.rules = tables.get_table("lemma_rules") if tables else {}
        self.stop_words = nlp.Defaults.stop_words
        self._known: dict[str, frozenset[str]] = {}

    def parts(self, word: str) -> frozenset[str]:
        """The parts of speech the dictionary knows `word` (lower case) as."""
        known = self._known.get(word)
        if known is None:
            known = self._known[word] = frozenset(pos for pos in PARTS if pos in self.index and self._is(word, pos))
        return known

    def _is(self, word: str, pos: str) -> bool:
        index = self.index[pos]
        if word in index or word in self.exceptions.get(pos, {}):
            return True
        return any(word.endswith(old) and word[: len(word) - len(old)] + new in index
                   for old, new in self.rules.get(pos, ()) if old)

    def is_word(self, word: str) -> bool:
        return word in self.stop_words or bool(self.parts(word))


def lines(doc: Doc) -> list[tuple[int, int]]:
    """(start, end) token ranges of the Doc's lines (a line break in a token's trailing
    whitespace or a space token ends one)."""
    out, start = [], 0
    for tok in doc:
        gap = tok.text if tok.is_space else tok.whitespace_
        if "\n" in gap:
            end = tok.i if tok.is_space else tok.i + 1
            if end > start:
                out.append((start, end))
            start = tok.i + 1
    if start < len(doc):
        out.append((start, len(doc)))
    return out


def is_title_case(tokens: list[Token], share: float) -> bool:
    """Most content words (three at least) start with a capital, and not all are capitals."""
    words = [t.text for t in tokens if t.is_alpha and not t.is_stop]
    if len(words) < 3 or all(w.isupper() for w in words):
        return False
    return sum(w[0].isupper() for w in words) >= share * len(words)


class ReadsEnglishWords:
    """A component that asks the English dictionary (`words`), built on first use: the
    lemmatizer is in the pipeline only once the pipeline is built."""
    nlp: Language
    _words: EnglishWords | None = None

    @property
    def words(self) -> EnglishWords:
        if self._words is None:
            self._words = EnglishWords(self.nlp)
        return self._words


class TitleCase(ReadsEnglishWords):
    def __init__(self, nlp: Language, name: str, headline_chars: int, share: float, place_population: int):
        self.nlp = nlp
        self.name = name
        self.headline_chars = headline_chars
        self.share = share
        self.place_population = place_population

    def __call__(self, doc: Doc) -> Doc:
        headlines = [(s, e) for s, e in lines(doc) if e - s > 2
                     and doc[e - 1].idx + len(doc[e - 1]) - doc[s].idx <= self.headline_chars
                     and is_title_case(list(doc[s:e]), self.share)]
        if not headlines:
            return doc
        inside = {i for s, e in headlines for i in range(s, e)}
        capitalised, lowered = self._elsewhere(doc, inside)
        rows = doc.to_array(CARRIED)
        ents = list(doc.ents)
        changed = False
        for start, end in headlines:
            words = [self._folded(tok, capitalised, lowered) for tok in doc[start:end]]
            if words == [t.text for t in doc[start:end]]:
                continue  # a line of names: nothing to read differently
            copy = self._parsed(doc, start, end, words)
            if len(copy) != end - start:
                continue  # a component merged tokens in the copy (a lower-case scare-quoted word)
            rows[start:end] = copy.to_array(CARRIED)
            for tok, twin in zip(doc[start:end], copy):
                if twin.text != tok.text and twin.pos_ == "PROPN":
                    rows[tok.i, CARRIED.index(LEMMA)] = doc.vocab.strings.add(tok.text)
            changed = True
        if changed:
            doc.from_array(CARRIED, rows)
            doc.ents = ents  # the NER read the capitals; writing the parse must not lose them
        return doc

    def _elsewhere(self, doc: Doc, inside: set[int]) -> tuple[set[str], set[str]]:
        """Words the rest of the article writes with a capital mid-sentence, and in lower case."""
        capitalised, lowered = set(), set()
        for tok in doc:
            if tok.i in inside or not tok.is_alpha or tok.is_sent_start:
                continue
            (capitalised if tok.text[0].isupper() else lowered).add(tok.lower_)
        return capitalised - lowered, lowered

    def _folded(self, tok: Token, capitalised: set[str], lowered: set[str]) -> str:
        word, lower = tok.text, tok.lower_
        if not tok.is_alpha or word == lower or len(lower) != len(word) or tok.ent_id:
            return word
        if len(word) > 1 and word.isupper() and lower not in lowered:
            return word  # an acronym
        if lower in capitalised or countries.iso2_for(word) or not self.words.is_word(lower):
            return word
        if not (self.words.parts(lower) & NOT_ONLY_NAMES) and self._large_place(word):
            return word
        return lower

    def _large_place(self, word: str) -> bool:
        return any((p.population or 0) >= self.place_population for p in get_gazetteer().lookup(word))

    def _parsed(self, doc: Doc, start: int, end: int, words: list[str]) -> Doc:
        """The line as a Doc of its own, lower-cased words, run through the pipeline so far."""
        span = doc[start:end]
        spaces = [bool(t.whitespace_) for t in span]
        spaces[-1] = False
        copy = Doc(doc.vocab, words=words, spaces=spaces)
        for twin, tok in zip(copy, span):
            twin.norm_ = tok.norm_  # the norms components set ("IS", scare-quoted words)
        for name, proc in self.nlp.pipeline:
            if name == self.name:
                break
            if name in ENTITY_ONLY:
                continue  # the copy's entities are never read (the original's NER read the capitals)
            copy = proc(copy)
        return copy


@Language.factory("dateline_title_case", assigns=["token.tag", "token.pos", "token.lemma", "token.dep", "token.head"],
                  requires=["token.dep", "token.lemma"],
                  default_config={"headline_chars": HEADLINE_CHARS, "share": TITLE_CASE_SHARE,
                                  "place_population": TITLE_CASE_PLACE_POPULATION})
def make_title_case(nlp, name, headline_chars, share, place_population):  # no annotations: spaCy reads them
    return TitleCase(nlp, name, headline_chars, share, place_population)
