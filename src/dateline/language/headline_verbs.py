"""`dateline_headline_verbs` (after the title case reading): a headline's bare verb read as one.

Headlines drop the words that mark a verb ("Protesters torch ruling party office", "Troops
battle militants for last town", "Militants ambush convoy near Tillaberi"). The small model
reads such a line as one long noun phrase: the verb is a NOUN in a compound, the line has
no verb at its root, and nothing happens in it. The same line with the verb in the past
tense ("Protesters torched ...") is parsed right, and the past tense is no other part of
speech. So a headline line whose sentence has no verb at its root, where a word the English
dictionary knows as a verb follows a noun in the form that agrees with it ("troops battle",
"gunman storms"), is parsed again as a copy with that word in the past tense; if the copy
makes it a verb with a subject, the copy's tags and parse are written back onto the line
(the word keeps its text, tagged as the present-tense verb it is). Only such lines, a
handful per article at most, are parsed twice.
"""

from __future__ import annotations

from spacy.attrs import LEMMA
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from .. import settings, vocab
from .title_case import CARRIED, ReadsEnglishWords

NOUNS = ("NOUN", "PROPN")
PLURAL_TAGS = ("NNS", "NNPS")
PREDICATES = ("VERB", "AUX")
VERB_FORMS = ("VBD", "VBN", "VBP", "VBZ", "MD")  # a verb that is more than a modifier ("ruling party")
MODIFIERS = ("compound", "amod", "nmod")
PRESENT_TAGS = ("VBP", "VBZ")  # "Somalis protest election delay": a present verb the parse left in a compound is no verb of the line
# the parser components a copy needs (tags, parse, lemmas): no entities, no components of ours
PARSING = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer")


def headline_sentences(doc: Doc, max_tokens: int):
    """Sentences that are a short paragraph of their own with no full stop (a headline line)."""
    for sent in doc.sents:
        words = [t for t in sent if not t.is_space]
        if len(words) < 3 or len(words) > max_tokens or words[-1].text in (".", "!", "?"):
            continue
        first = words[0]
        if first.i > 0 and "\n" not in (doc[first.i - 1].whitespace_ or doc[first.i - 1].text):
            continue  # the line goes on before this sentence: prose, or a line cut by a colon
        yield sent, words


class HeadlineVerbs(ReadsEnglishWords):
    def __init__(self, nlp: Language, max_tokens: int):
        self.nlp = nlp
        self.max_tokens = max_tokens
        self._procs: list | None = None

    @property
    def parsing(self) -> list:
        """The pipeline's parser components (PARSING), looked up once the pipeline is built."""
        if self._procs is None:
            self._procs = [proc for name, proc in self.nlp.pipeline if name in PARSING]
        return self._procs

    def __call__(self, doc: Doc) -> Doc:
        for sent, words in list(headline_sentences(doc, self.max_tokens)):
            if any((t.dep_ == "ROOT" and t.pos_ in PREDICATES) or (t.tag_ in VERB_FORMS and not (
                    t.tag_ in PRESENT_TAGS and t.dep_ in MODIFIERS)) for t in words):
                continue  # the line has its verb ("US soldier killed in ...": the headline's passive)
            found = self._bare_verb(words)
            if found is not None:
                self._reparse(doc, sent, *found)
        return doc

    def _bare_verb(self, words: list[Token]) -> tuple[Token, str] | None:
        """The first noun-tagged word that is a verb agreeing with the noun before it, and its
        lemma: "troops battle", "gunman storms"; else a verb's bare form after a name, which may
        stand for many ("Taliban attack checkpoint"; but "Grenade blast at bus park wounds 12")."""
        after_name = None
        for prev, tok, nxt in zip(words, words[1:], words[2:]):
            if not (self._misread(tok) and tok.is_alpha and not nxt.is_punct):
                continue
            name = prev.pos_ == "PROPN" or self._misread_name(prev)
            if prev.pos_ not in NOUNS and not name:
                continue
            lower = tok.lower_
            if prev.tag_ in PLURAL_TAGS and self._verb(lower):
                return tok, lower
            if prev.tag_ not in PLURAL_TAGS and lower.endswith("s"):
                for stem in (lower[:-1], lower[:-2] if lower.endswith("es") else None):
                    if stem and self._verb(stem):
                        return tok, stem
            if after_name is None and name and self._verb(lower) and not _in_place_phrase(prev):
                after_name = (tok, lower)
        return after_name

    def _misread(self, tok: Token) -> bool:
        """A word the parse did not make a verb heading a clause: a noun, a verb left in a compound,
        or an adjective the dictionary does not know as one ("Houthis shell ...": "shell")."""
        return tok.pos_ in NOUNS or (tok.pos_ == "VERB" and tok.dep_ in MODIFIERS) or (
            tok.pos_ == "ADJ" and "adj" not in self.words.parts(tok.lower_))

    def _misread_name(self, tok: Token) -> bool:
        """A capitalised word tagged as an adjective that is no English adjective: a name ("Houthis")."""
        return tok.pos_ == "ADJ" and tok.text[:1].isupper() and "adj" not in self.words.parts(tok.lower_)

    def _verb(self, word: str) -> bool:
        index = self.words.index.get("verb", ())
        return word in index

    def _reparse(self, doc: Doc, sent: Span, tok: Token, lemma: str) -> None:
        words = [t.text for t in sent]
        words[tok.i - sent.start] = past_form(lemma)
        copy = Doc(doc.vocab, words=words, spaces=[bool(t.whitespace_) for t in sent])
        for proc in self.parsing:
            copy = proc(copy)
        twin = copy[tok.i - sent.start]
        if twin.pos_ != "VERB" or not any(c.dep_ in ("nsubj", "nsubjpass") for c in twin.children):
            return
        rows = doc.to_array(CARRIED)
        part = copy.to_array(CARRIED)
        for k, t in enumerate(sent):
            if t.i != tok.i:
                part[k, CARRIED.index(LEMMA)] = rows[t.i, CARRIED.index(LEMMA)]
        rows[sent.start:sent.end] = part
        doc.from_array(CARRIED, rows)
        tok.tag_ = "VBP" if tok.lower_ == lemma else "VBZ"
        tok.pos_ = "VERB"
        tok.lemma_ = lemma
        tok.set_morph("Number=Sing|Person=3|Tense=Pres|VerbForm=Fin" if tok.lower_ != lemma else "Tense=Pres|VerbForm=Fin")


def _in_place_phrase(tok: Token) -> bool:
    """A name inside a phrase after a preposition other than "of" ("Police in ISIS Mass Grave"):
    no subject there, so the word after it is no verb of the line."""
    while tok.dep_ in ("compound", "amod", "nmod") and tok.head.i != tok.i:
        tok = tok.head
    return tok.dep_ == "pobj" and tok.head.lower_ != "of"


def past_form(lemma: str) -> str:
    """The past tense the parser is sure of: an irregular form, else the regular '-ed'."""
    irregular = vocab.mapping("irregular_verb_forms").get(lemma)
    if irregular:
        return irregular[0]
    if lemma.endswith("e"):
        return lemma + "d"
    if lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        return lemma[:-1] + "ied"
    return lemma + "ed"


@Language.factory("dateline_headline_verbs", assigns=["token.tag", "token.pos", "token.lemma", "token.dep", "token.head"],
                  requires=["token.dep", "token.pos"],
                  default_config={"max_tokens": settings.HEADLINE_LINE_MAX_TOKENS})
def make_headline_verbs(nlp, name, max_tokens):  # no annotations: spaCy reads them
    return HeadlineVerbs(nlp, max_tokens)
