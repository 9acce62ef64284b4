"""Who does the reporting: the speaker of a reporting verb, resolved in document order.

Every reporting verb ("said", "told", "added", "according to") gets its speaker from
the parse: surnames to the full name the article gives, pronouns and "the fighter" to
the last speaker they can refer to, acronyms to their long form, "the militia" to the
actor the article means. Read by `dateline_quotes` and borrowed by
`dateline_quantities` (who claims a figure).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from .doccache import sent_of
from .quote_marks import CLOSING, OPENING, STRAIGHT
from .speaker_names import (
    BODY_LABELS,
    PERSON_LABELS,
    ArticleNames,
    clean,
    ends_sentence,
    names_itself,
    phrase_text,
    strip_determiners,
)


@dataclass
class Speaker:
    name: str
    title: str | None
    kind: str  # "person" or "body"
    at: int  # offset of the mention
    head: str  # lower-case head word, for "the fighter said"


class SpeakerResolver(ArticleNames):
    """Turns the subject of a reporting verb into a Speaker, in document order."""

    def __init__(self, doc: Doc, in_quote=None) -> None:
        super().__init__(doc)
        self._by_lemma: dict[str, list[int]] | None = None
        self.in_quote = in_quote  # offset -> inside a quotation?
        self.history: list[Speaker] = []
        self.titles: dict[str, str] = {}
        self._mentions: list[Speaker] | None = None

    # -- subjects ---------------------------------------------------------------------------

    def subject_of(self, verb: Token) -> Token | None:
        """Who does the reporting: the verb's subject, or what the parse missed around it."""
        doc = self.doc
        if verb.lower_ == "according":
            to = next((c for c in verb.children if c.lower_ == "to"), None)
            if to is None and verb.i + 1 < len(doc) and doc[verb.i + 1].lower_ == "to":
                to = doc[verb.i + 1]
            if to is not None:
                return next((g for g in to.children if g.dep_ == "pobj"), None)
            return None
        surface = self._surface_subject(verb)
        if surface is not None:
            return surface
        subjects = [
            c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"} and not c.is_punct and self._usable(c, verb)
        ]
        for c in verb.children:
            if c.dep_ in {"nsubj", "nsubjpass"} and c.idx < self.body_start:
                # "NAIROBI (Dateline Wire) – President William Ruto said": the parser hung him on the dateline
                subjects += [a for a in c.children if a.dep_ == "appos" and a.idx >= self.body_start]
        if subjects:
            # before the verb, nearest first; after it only when inverted ('," said X')
            return min(subjects, key=lambda c: (c.i > verb.i, abs(c.i - verb.i)))
        if verb.dep_ == "conj" and verb.head.pos_ in {"VERB", "AUX"}:
            for c in verb.head.children:
                if c.dep_ in {"nsubj", "nsubjpass"} and self._usable(c, verb):
                    return c
        before = self.text[sent_of(verb).start_char : verb.idx].rstrip()
        if verb.lemma_ in self.lex["inverted_verbs"] and (
            not before or before.endswith(("”", '"', ",", "’"))
        ):
            # inverted: "..., said SDF spokesman Mustafa Bali on Twitter"
            return self._phrase_head_after(verb)
        # the parser hung the subject elsewhere: the first subject-like word before the verb, in the
        # same sentence however the parser cut it ("died.[3] A local physician ... said")
        for t in sent_of(verb):
            if t.i >= verb.i:
                break
            if t.dep_ in {"nsubj", "nsubjpass"} and self._usable(t, verb) and t.head.i < verb.i:
                if not any(ends_sentence(x) for x in doc[t.i : verb.i]):
                    return t
        return None

    def _surface_subject(self, verb: Token) -> Token | None:
        """ "..., a spokesman for the provincial government told AFP.": the noun phrase between the last
        comma and the verb is the speaker, whatever the parser attached it to."""
        doc = self.doc
        j = verb.i - 1
        while j >= sent_of(verb).start and doc[j].head == verb and doc[j].dep_ in {"aux", "neg", "advmod"}:
            j -= 1  # "... has said", "... also said"
        span: list[Token] = []
        while j >= sent_of(verb).start and doc[j].text != ",":
            t = doc[j]
            # "a member of the team trying to broker a pact has said"
            participle = t.tag_ in {"VBG", "VBN"} and t.dep_ in {"acl", "amod", "xcomp", "advcl"} or t.tag_ == "VB" and t.dep_ == "xcomp"
            if (t.pos_ in {"VERB", "AUX", "PRON", "SCONJ", "CCONJ"} and not participle and t.dep_ != "aux") or (
                t.text in OPENING + CLOSING + STRAIGHT or t.is_space
            ):
                return None
            span.insert(0, t)
            j -= 1
        if j < sent_of(verb).start or not span or doc[j].text != ",":
            return None
        if not any(t.pos_ in {"NOUN", "PROPN"} for t in span) or span[0].pos_ == "ADP":
            return None
        ids = {t.i for t in span}
        roots = [t for t in span if t.head.i not in ids and t.pos_ in {"NOUN", "PROPN"}]
        if not roots:
            # the parser made the participle the root: its subject, else the first noun
            verbs = [t for t in span if t.head.i not in ids and t.pos_ == "VERB"]
            subj = [c for v in verbs for c in v.children if c.i in ids and c.dep_ in {"nsubj", "nsubjpass"}]
            roots = subj or [t for t in span if t.pos_ in {"NOUN", "PROPN"}][:1]
        parsed = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}]
        if not roots or any(r in parsed or r.head in parsed for r in roots):
            return None  # the parser already has it right ("Joseph Votel, commander of ... said")
        if not self._usable(roots[0], verb):
            return None
        return roots[0]

    def _usable(self, subj: Token, verb: Token) -> bool:
        """Not inside a quotation or the dateline, not across a paragraph break from the verb."""
        if subj.idx < self.body_start:
            return False  # "NAIROBI (Dateline Wire) –" is where the story was filed, not who spoke
        lo, hi = sorted((subj.idx, verb.idx))
        between = self.text[lo:hi]
        if "\n\n" in between or re.search(r"[a-z][.!?](?:\[\d+\])*\s+[A-Z]", between):
            return False  # a paragraph or a sentence ("died.[3] A local physician") lies between
        return not (self.in_quote and self.in_quote(subj.idx))

    def _phrase_head_after(self, verb: Token) -> Token | None:
        """The last noun of the noun phrase right after `verb` ("said the fighter, ..." -> fighter)."""
        head = None
        for t in self.doc[verb.i + 1 : verb.i + 9]:
            if t.ent_type_ == "PERSON" or t.pos_ in {"PROPN", "NOUN"}:
                head = t
                if t.ent_type_ == "PERSON" and (t.i + 1 >= len(self.doc) or self.doc[t.i + 1].ent_type_ != "PERSON"):
                    break
            elif t.pos_ in {"DET", "ADJ", "NUM"} or t.text in {".", "-"}:
                if head is not None:
                    break
            else:
                break
        return head

    def resolve(self, verb: Token) -> Speaker | None:
        subj = self.subject_of(verb)
        if subj is None:
            return None
        speaker = self.describe(subj)
        if speaker is not None:
            self.remember(speaker)
        return speaker

    def remember(self, speaker: Speaker) -> None:
        self.history.append(speaker)
        if speaker.title and speaker.kind == "person":
            self.titles.setdefault(speaker.name, speaker.title)

    def describe(self, subj: Token) -> Speaker | None:
        doc, lex = self.doc, self.lex
        low = subj.lower_
        if subj.pos_ == "PRON" or low in lex["person_pronouns"] | lex["group_pronouns"]:
            if low in {"who", "that", "which"}:
                # "Hashimi, who advises ..., told": the relative pronoun stands for its antecedent
                return self.describe(subj.head.head) if subj.head.dep_ == "relcl" else None
            if low not in lex["person_pronouns"] | lex["group_pronouns"]:
                # "those interviewed", "many of them": the phrase itself, when it says who
                if any(c.dep_ in {"relcl", "acl", "prep", "amod"} for c in subj.children):
                    return Speaker(phrase_text(doc, list(subj.subtree)), None, "body", subj.idx, low)
                return None
            return self.pronoun(subj)

        # "the fighter, Chegovara Zerik": a named apposition is the speaker, the noun its title
        appos = [c for c in subj.children if c.dep_ == "appos"]
        named_appos = [a for a in appos if self._is_name(a)]
        if not self._is_name(subj) and named_appos:
            person = self.named(named_appos[0])
            if person is not None:
                role = phrase_text(doc, strip_determiners([t for t in subj.subtree if t.i < named_appos[0].left_edge.i]))
                person.title = ", ".join(p for p in (role, person.title) if p) or None
                return person

        if self._is_name(subj):
            person = self.named(subj)
            if person is not None:
                return person

        return self.nominal(subj)

    def _is_name(self, tok: Token) -> bool:
        label = self.label_at(tok)
        if label in PERSON_LABELS:
            return True
        if tok.pos_ != "PROPN" or not tok.text[:1].isupper() or label in BODY_LABELS and not self._known_surname(tok.text):
            return False
        if tok.lower_ in self.lex["honorifics"] or tok.lower_ in self.lex["person_nouns"]:
            return False  # "Commander", "President" alone name an office, not a person
        if tok.text in self.acronyms or tok.text.isupper():
            return False
        return self._known_surname(tok.text) or label is None

    def named(self, tok: Token) -> Speaker | None:
        """A person named by `tok` (a PROPN inside the name), with title from the phrase around it."""
        doc = self.doc
        # the name: the PERSON entity, else the run of PROPN compounds ending at tok
        ent = next((e for e in self.ents if e.start <= tok.i < e.end and e.label_ in PERSON_LABELS), None)
        if ent is not None:
            name_toks = list(ent)
        else:
            name_toks = [tok]
            j = tok.i - 1
            while j >= 0 and doc[j].pos_ == "PROPN" and doc[j].head.i in {t.i for t in name_toks} | {tok.i}:
                name_toks.insert(0, doc[j])
                j -= 1
        name_toks = [t for t in name_toks if t.dep_ != "punct" or t.text in {".", "-"}]
        words = clean(phrase_text(doc, name_toks)).split()
        honor = []
        while len(words) > 1 and words[0].lower() in self.lex["honorifics"]:
            honor.append(words.pop(0))
        if not words:
            return None
        words = self.full_name([re.sub(r"[’']s$", "", w) for w in words], tok.idx)
        name = " ".join(words)
        # title: modifiers before the name ("German Foreign Minister"), honorifics, appositions
        head = tok if tok.dep_ not in {"compound", "flat"} else tok.head
        left = [t for t in head.subtree if t.i < name_toks[0].i and t.dep_ not in {"det", "punct"}]
        left = strip_determiners(left)
        parts = []
        if left and left[-1].i == name_toks[0].i - 1 or left and all(t.i < name_toks[0].i for t in left):
            parts.append(phrase_text(doc, left))
        if honor:
            parts.append(" ".join(honor))
        for a in head.children:
            if a.dep_ == "appos" and a.i > head.i and not a.like_num:  # "Kevin Mwangi, 23, a student"
                parts.append(phrase_text(doc, list(a.subtree)))
                break
        title = ", ".join(p for p in parts if p) or self.titles.get(name)
        return Speaker(name, title, "person", tok.idx, words[-1].lower())

    def nominal(self, subj: Token) -> Speaker | None:
        """A description: "the U.S.-led coalition", "state media", "the fighter", "an SDF official"."""
        doc, lex = self.doc, self.lex
        toks = [t for t in subj.subtree if t.i <= subj.i and not (t != subj and (t.dep_ == "appos" or t.head.dep_ == "appos" and t.head != subj))]
        # keep only the contiguous phrase ending at the head
        while toks:
            have = {x.i for x in toks}  # once per step, not once per token
            if not any(t.i > toks[0].i and t.i - 1 not in have for t in toks[1:]):
                break
            toks = toks[1:]
        toks = strip_determiners(toks)
        # "co-chairman" cut by the tokenizer into "co", "-", "chairman"
        j = subj.i
        while j + 2 < len(doc) and doc[j + 1].text == "-" and not doc[j].whitespace_ and not doc[j + 1].whitespace_:
            toks = toks + [doc[j + 1], doc[j + 2]]
            j += 2
        # "the Iraqi and Syrian governments and their international backers"
        for c in subj.children:
            if c.dep_ == "conj" and c.i > subj.i and toks:
                toks = toks + list(doc[subj.i + 1 : c.i + 1])
        # "the Federal Bureau of Investigation": a name that runs through "of"
        if subj.pos_ == "PROPN":
            for c in subj.children:
                if c.dep_ == "prep" and c.lower_ == "of" and c.i == subj.i + 1:
                    toks = toks + list(c.subtree)
        definite = any(t.dep_ == "det" and t.lower_ in {"the", "this", "that"} for t in subj.children)
        head = subj.lemma_.lower()
        person_noun = head in lex["person_nouns"] or subj.lower_ in lex["person_nouns"]
        if toks and toks[-1] == subj:
            toks = toks + self._post_modifiers(subj, group=subj.tag_ in {"NNS", "NNPS"} or not person_noun)
        phrase = self._phrase_with_named_possessor(toks)
        if not phrase:
            return None
        if phrase in self.acronyms:
            phrase = self.acronyms[phrase]
        group = subj.tag_ in {"NNS", "NNPS"} or not person_noun
        fuller = self.fuller_mention(subj) if toks == [subj] and group else None
        if fuller:
            # "militants said": the article named them in full earlier ("Islamic State militants")
            return Speaker(fuller, None, "body", subj.idx, head)
        if definite and (person_noun or "year" in phrase):
            found = self.by_role(head, phrase)
            if found is not None:
                return Speaker(found.name, found.title, found.kind, subj.idx, found.head)
        if head in lex["generic_group_nouns"] and not names_itself(toks):
            # "the militia", "U.S.-backed fighters": name the actor the article means
            canon = self.canonical_at(subj.left_edge.idx, subj.idx + len(subj.text))
            if canon:
                phrase = canon
        title = None
        if subj.pos_ == "PROPN" and subj.text[:1].isupper() and toks and toks[0].i < subj.i:
            # "police agency Europol", "state-funded Kenya National Commission ...": a descriptor, then the name
            k = next((k for k, t in enumerate(toks) if t.text[:1].isupper()), 0)
            if k > 0:
                title, phrase = phrase_text(doc, toks[:k]), self._phrase_with_named_possessor(toks[k:])
        return Speaker(phrase, title, "person" if person_noun else "body", subj.idx, head)

    def fuller_mention(self, head: Token) -> str | None:
        """The last earlier mention of the same noun with modifiers that say whose it is."""
        if self._by_lemma is None:
            self._by_lemma = {}
            for t in self.doc:
                if t.pos_ in {"NOUN", "PROPN"}:
                    self._by_lemma.setdefault(t.lemma_, []).append(t.i)
        for i in reversed(self._by_lemma.get(head.lemma_, [])):
            t = self.doc[i]
            if t.i >= head.i or t.pos_ != head.pos_:
                continue
            mods = [c for c in t.lefts if c.dep_ in {"compound", "amod", "nmod", "poss"} and c.pos_ in {"PROPN", "ADJ", "NOUN"}]
            if mods and any(c.pos_ == "PROPN" or c.ent_type_ in {"NORP", "GPE", "ORG"} for c in mods):
                start = min(c.left_edge.i for c in mods)
                return phrase_text(self.doc, list(self.doc[start : t.i + 1]))
        return None

    def _phrase_with_named_possessor(self, toks: list[Token]) -> str:
        """ "the group’s news channel" -> "Islamic State news channel" when the actors know the group."""
        out = []
        skip_case = False
        for t in toks:
            if skip_case and t.dep_ == "case":
                skip_case = False
                continue
            skip_case = False
            if t.dep_ == "poss" and t.lemma_.lower() in self.lex["generic_group_nouns"]:
                canon = self.canonical_at(t.idx, t.idx + len(t.text))
                if canon:
                    out = [x for x in out if x[0].dep_ != "det" or x[0].head != t]
                    out.append((t, canon))
                    skip_case = True
                    continue
            out.append((t, None))
        if not out:
            return ""
        if all(c is None for _, c in out):
            return phrase_text(self.doc, toks)
        parts = []
        for k, (t, canon) in enumerate(out):
            parts.append(canon if canon else t.text)
            if k + 1 < len(out) and (canon or t.whitespace_):
                parts.append(" ")
        return clean("".join(parts))

    def _post_modifiers(self, subj: Token, group: bool) -> list[Token]:
        """ "officials on both sides of the border", "people interviewed", "a report by U.N. experts",
        "a spokesman for the army": who, more exactly. A single person keeps only the role's "for"/"of"."""
        doc = self.doc
        preps = {"for", "of", "by"} | (self.lex["group_place_prepositions"] if group else set())
        for c in subj.children:
            if c.i <= subj.i:
                continue
            if c.dep_ == "prep" and c.lower_ in preps:
                span = list(doc[subj.i + 1 : c.right_edge.i + 1])
                if len(span) <= 8 and not any(t.text in {",", "“", "”", '"'} or t.pos_ in {"VERB", "AUX"} for t in span):
                    return span
            if group and c.dep_ == "acl" and c.tag_ == "VBN" and c.i == subj.i + 1 and not list(c.children):
                return [c]
        return []

    def previous_subject_person(self, pronoun: Token) -> Speaker | None:
        """The named person who is the subject of the previous sentence's main clause, if any."""
        sent = sent_of(pronoun)
        if sent.start == 0:
            return None
        prev = self.doc[sent.start - 1]
        while prev.is_space and prev.i > 0:
            prev = self.doc[prev.i - 1]
        root = sent_of(prev).root
        for c in root.children:
            if c.dep_ in {"nsubj", "nsubjpass"} and self._usable(c, root) and self._is_name(c):
                return self.named(c)
        return None

    def by_role(self, head: str, phrase: str) -> Speaker | None:
        """"the source", "the press secretary": the last speaker so described."""
        words = {w.lower() for w in re.findall(r"[\w-]+", phrase)} - {"the", "this", "that"}
        for sp in reversed(self.history):
            said = f"{sp.name} {sp.title or ''}".lower()
            if head in said or sp.head == head or words and words <= set(re.findall(r"[\w-]+", said)):
                return sp
        for name, title in self.titles.items():
            if head in title.lower():
                return Speaker(name, title, "person", 0, name.split()[-1].lower())
        # "Defense Secretary Ash Carter offered ..." earlier, then "the secretary added"
        for mention in reversed(self.person_mentions()):
            if mention.title and head in mention.title.lower():
                return mention
        return None

    def person_mentions(self) -> list[Speaker]:
        if self._mentions is None:
            self._mentions = []
            for ent in self.ents:
                if ent.label_ in PERSON_LABELS:
                    sp = self.named(ent[-1])
                    if sp is not None:
                        self._mentions.append(sp)
        return self._mentions

    def pronoun(self, subj: Token) -> Speaker | None:
        low = subj.lower_
        if low in self.lex["person_pronouns"]:
            # the person the sentence before is about ("Ruto had called ... . In his address, he said")
            named = self.previous_subject_person(subj)
            if named is not None:
                return Speaker(named.name, named.title, named.kind, subj.idx, named.head)
            for sp in reversed(self.history):
                if sp.kind == "person":
                    return Speaker(sp.name, sp.title, sp.kind, subj.idx, sp.head)
            before = [p for p in self.persons if p[0] < subj.idx]
            if before:
                words = self.full_name(before[-1][1], before[-1][0])
                return Speaker(" ".join(words), self.titles.get(" ".join(words)), "person", subj.idx, words[-1].lower())
            return None
        # it / they: the subject of the clause it reports ("X have slowed ..., they said"), of this
        # sentence's main clause, else of the sentence before
        sent = sent_of(subj)
        candidates = []
        verb = subj.head
        for comp in verb.children:
            if comp.dep_ in {"ccomp", "parataxis"} and comp.i < verb.i:
                candidates += [c for c in comp.children if c.dep_ in {"nsubj", "nsubjpass"}]
        root = sent.root
        for c in root.children:
            if c.dep_ in {"nsubj", "nsubjpass"} and c.i < subj.i and c != subj:
                candidates.append(c)
        if not candidates and sent.start > 0:
            prev = sent_of(self.doc[sent.start - 1])
            if prev.root.is_space and prev.start > 0:
                prev = sent_of(self.doc[prev.start - 1])
            for c in prev.root.children:
                if c.dep_ in {"nsubj", "nsubjpass"}:
                    candidates.append(c)
        for c in candidates:
            if c.pos_ == "PRON" or c.lower_ in self.lex["person_pronouns"] | self.lex["group_pronouns"]:
                continue
            if self._is_name(c):
                continue
            sp = self.describe(c)
            if sp is not None:
                canon = self.canonical_at(c.left_edge.idx, c.idx + len(c.text))
                if canon and c.lemma_.lower() in self.lex["generic_group_nouns"] and not names_itself(list(c.subtree)):
                    sp.name = canon
                return Speaker(sp.name, sp.title, sp.kind, subj.idx, sp.head)
        for sp in reversed(self.history):
            if sp.kind == "body":
                return Speaker(sp.name, sp.title, sp.kind, subj.idx, sp.head)
        return None
