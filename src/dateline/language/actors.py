"""`dateline_actors` (after `dateline_places`): who is involved, named the way ACLED names them.

Resolves mentions whose meaning depends on the article: "government forces" or "the
army" in Syria is Military Forces of Syria, "Kenyan police" is Police Forces of Kenya,
"civilians" are Civilians (COUNTRY), "gunmen" an Unidentified Armed Group (COUNTRY),
"the militants" after IS was named are Islamic State, "U.S.-backed fighters" in Syria
are the SDF. It writes `doc._.actors` (every actor mention) and `doc._.entities`
(record-format entities, non-overlapping).

The parts, one module each: the dictionary and its naming rules (`actor_dictionary`,
from `data/actors.jsonl`), the ruler that marks named actors before the NER
(`actor_ruler`, component `dateline_actor_ruler`), which country a phrase belongs to
(`actor_countries`), and the record's entities (`entity_fixes`).
"""

from __future__ import annotations

import bisect

import re
from collections import Counter
from dataclasses import dataclass

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from .. import vocab
from ..settings import ANTECEDENT_WINDOW, MAX_MODIFIER_WORDS
from . import countries as C
from .actor_countries import (
    CountryContext,
    CountryMentions,
    fallback_focus,
    place_mentions,
    sponsor_follows,
)
from .actor_dictionary import (
    ActorDictionary,
    Role,
    actor_for_event,
    actor_for_role,
    has_word,
    load_dictionary,
    named_aliases,
    norm,
)
from .affiliation import ARMED_NAMED_TYPES, affiliate, affiliated_to, describes_another
from .doccache import text as doc_text
from .entity_fixes import record_entities
from .meta import ensure

# what the event coder and the tests read from here
__all__ = [
    "ActorDictionary",
    "actor_for_event",
    "actor_for_role",
    "load_dictionary",
    "named_aliases",
]

# Words before a head noun that hand it to the state of the country in context.
# Phrases that introduce the name of what was just described ("... known as Popular Mobilisation").
NAMING_PHRASES = (("known", "as"), ("called",), ("dubbed",), ("named",))
FUNCTION_POS = frozenset({"DET", "PRON", "ADP", "NUM", "AUX", "SCONJ", "CCONJ", "PUNCT", "PART", "SYM", "SPACE"})


@dataclass
class Modifier:
    """What the words before a head noun say: "U.S.-backed Iraqi government forces"."""

    start: int  # token index where the phrase starts
    text: str  # normalised words, for cue matching
    owners: list[str]  # ISO2 of demonyms and country names ("Iraqi")
    sponsors: list[str]  # "u.s.", "iran" ...
    state_cue: bool  # "government", "pro-government", "regime"
    group: str | None  # remaining capitalised words ("Sunni", "Fulani")
    possessive: bool  # ends in a country's "'s": "Iraq's army", "the country's army"
    name_start: int  # token index after the sponsors and the possessive: where an entity starts
    other_possessor: bool = False  # "Sadr's forces": someone else's, not the state's


ARMED_SIDE_TYPES = frozenset({"state", "police", "rebel", "militia", "unidentified"})


@dataclass
class Mention:
    text: str
    start: int
    end: int
    canonical: str
    type: str
    country: str | None
    how: str  # dictionary, affiliation, member, role, descriptor, coreference
    label: str | None = None  # entity label when the mention is also an entity
    entity_canonical: str | None = None
    entity_start: int | None = None  # where the entity starts when it is shorter than the mention
    owned: bool = False  # its country is the phrase's own ("Kenyan police"), not the context's

    def record(self) -> dict:
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "canonical": self.canonical,
            "type": self.type,
            "country": self.country,
            "resolved_by": self.how,
            "owned": self.owned,
            # bodies such as the UN, the ICRC or the WFP are sides in diplomacy, not in fighting
            "armed": self.type in ARMED_SIDE_TYPES or (self.type == "international" and self.label == "ARMED_GROUP"),
        }


# Dependents that open a clause of their own: a country named inside one says nothing
# about the phrase outside it ("captured al-Qaim, the town where the river leaves Syria").
NESTED_CLAUSE_DEPS = frozenset({"relcl", "advcl", "ccomp", "acl", "conj", "parataxis", "xcomp"})


class ActorResolver:
    """Resolves context-dependent actor mentions; writes doc._.actors and doc._.entities."""

    def __init__(self, nlp: Language, name: str = "dateline_actors", antecedent_window: int = ANTECEDENT_WINDOW,
                 max_modifier_words: int = MAX_MODIFIER_WORDS):
        self.name = name
        self.antecedent_window = antecedent_window  # "the group" refers back at most this many characters
        self.max_modifier_words = max_modifier_words
        self.vocab = nlp.vocab
        self.pipe_names = nlp.pipe_names  # the live list: components added later show up
        self.dictionary = load_dictionary()
        self.heads = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.head_phrases = self.dictionary.head_phrases
        for head in sorted(self.head_phrases):
            variants = sorted({head, head.replace("'", "’")})
            self.heads.add("HEAD", list(nlp.tokenizer.pipe(variants)))
        self.roles_by_head: dict[str, list[Role]] = {}
        for role in self.dictionary.roles:
            for head in role.heads:
                self.roles_by_head.setdefault(head, []).append(role)
        roles = {r.role: r for r in self.dictionary.roles}
        military = roles.get("military")
        # heads that name what forces use, not the forces: actors, never entities
        self.weapon_heads = (military.heads - military.entity_heads) if military else frozenset()
        # heads only descriptors know ("coalition", "alliance"): a body that acts on its own
        role_heads = set().union(*(r.heads for r in self.dictionary.roles)) if self.dictionary.roles else set()
        self.group_heads = frozenset(set().union(*(d.heads for d in self.dictionary.descriptors)) - role_heads) \
            if self.dictionary.descriptors else frozenset()
        self.communal = roles.get("communal")
        self.tribal = roles.get("tribal")
        self.coref = roles.get("coreference")
        self.unidentified = roles.get("unidentified")
        self.generic = [r for r in self.dictionary.roles if r.generic]  # file order: the first that fits names
        self.communal_unnamed = roles.get("communal_unnamed")
        self.countries = CountryMentions(nlp)
    # -- the whole document -------------------------------------------------------------

    def __call__(self, doc: Doc) -> Doc:
        self._text = doc_text(doc)  # Doc.text joins every token: read it once per Doc
        named_ents = [e for e in doc.ents if e.id_ and e.id_ in self.dictionary.named]
        country_hits = self.countries(doc, named_ents)
        # Local actors name their country too: JNIM and FAMa say Mali even when no place does.
        home = [self.dictionary.named[e.id_].country for e in named_ents
                if self.dictionary.named[e.id_].type not in ("international", "other")]
        focus = doc._.focus_country or fallback_focus(doc, country_hits, [h for h in home if h])
        if doc._.focus_country is None and "dateline_places" not in self.pipe_names:
            doc._.focus_country = focus  # places is not in this pipeline: say what we found

        heads = self._head_spans(doc, named_ents)
        self._head_starts = {span.start for span in heads}
        self._head_tokens = {i for span in heads for i in range(span.start, span.end)
                             if norm(span.text) in self.group_heads}
        parsed = [(span, self._modifier(doc, span)) for span in heads]
        # Owners of role phrases ("U.S. troops") say whose forces those are, not where
        # the story is: leave them out of the context for other mentions.
        owned = [(doc[m.start].idx, span.end_char) for span, m in parsed if m.owners]
        hits = [(c, iso, tok, kind in ("demonym", "people")) for c, iso, kind, tok in country_hits
                if not any(s <= c < e for s, e in owned)]
        named_countries = {iso for _, iso, kind, _ in country_hits if kind in ("name", "alias")}
        # a place spelled as an actor's head ("Police in Enugu": the town of Police, Poland) is the actor
        hits += place_mentions(doc, named_ents, owned + [(s.start_char, s.end_char) for s in heads],
                               named_countries | {focus}, set(home))
        context = CountryContext(
            hits=sorted(hits),
            sent_starts=[s.start_char for s in doc.sents],
            paragraph_starts=[0] + [m.end() for m in re.finditer(r"\n\s*\n", self._text)],
            focus=focus,
        )

        # the countries each sentence names, owners too ("Turkish warplanes"), for descriptors abroad
        self._sentence_owners: dict[int, frozenset[str]] = {}
        entries = [(e.start_char, self.dictionary.named[e.id_]) for e in named_ents]
        named_states = [(c, entry.country) for c, entry in entries if entry.type in ("state", "police") and entry.country]
        for c, iso in [(h[0], h[1]) for h in country_hits] + named_states:  # "the Turkish military" too
            si = bisect.bisect_right(context.sent_starts, c) - 1
            self._sentence_owners[si] = self._sentence_owners.get(si, frozenset()) | {iso}
        mentions: list[Mention] = []
        for ent in named_ents:
            mention = self._named_mention(doc, ent, context)
            if mention is not None:
                mentions.append(mention)
        named_mentions = sorted(mentions, key=lambda m: m.start)
        self._called = self._called_by(doc, named_mentions)
        for span, mod in parsed:
            mention = self._resolve_head(doc, span, mod, context, named_mentions)
            if mention is not None:
                mentions.append(mention)
        mentions.sort(key=lambda m: (m.start, m.end))
        doc._.actors = [m.record() for m in mentions]
        doc._.entities = record_entities(doc, self._text, mentions, self.dictionary, self.head_phrases)
        return doc

    @staticmethod
    def _clause(tok: Token) -> set[int] | None:
        """Token indices of the clause a token belongs to: the subtree of its nearest verb,
        less the clauses nested in it."""
        verb = next((a for a in tok.ancestors if a.pos_ in ("VERB", "AUX")), None)
        if verb is None:
            return None
        path = {tok.i}
        for a in tok.ancestors:
            if a.i == verb.i:
                break
            path.add(a.i)
        inside: set[int] = set()
        stack = [verb]
        while stack:
            t = stack.pop()
            inside.add(t.i)
            stack.extend(c for c in t.children if c.dep_ not in NESTED_CLAUSE_DEPS or c.i in path)
        return inside

    # -- named actors -------------------------------------------------------------------

    def _named_mention(self, doc: Doc, ent: Span, context: CountryContext) -> Mention | None:
        entry = self.dictionary.named[ent.id_]
        allowed = entry.alias_context.get(ent.text)
        if allowed is not None and not (context.near(ent.start_char) & allowed):
            # "CJTF" is the coalition's task force in Iraq, the Civilian JTF in Nigeria
            near = context.near(ent.start_char)
            entry = next((e for e in self.dictionary.by_alias.get(ent.text, ())
                          if e is not entry and (ent.text not in e.alias_context or near & e.alias_context[ent.text])),
                         None)
            if entry is None:
                return None
        # "al Qaeda-linked militants": the group is named as an affiliation, not as an actor.
        last = ent[-1].text
        affiliation = sponsor_follows(doc, ent.end) or (
            "-" in last and last.rsplit("-", 1)[-1].lower() in vocab.words("sponsor_suffixes")
        ) or affiliated_to(doc, ent.start)
        return Mention(
            text=ent.text, start=ent.start_char, end=ent.end_char,
            canonical=entry.actor_name, type=entry.type, country=entry.country,
            how="affiliation" if affiliation else "dictionary",
            label=entry.label, entity_canonical=entry.canonical,
        )

    # -- role nouns ---------------------------------------------------------------------

    def _head_spans(self, doc: Doc, named_ents: list[Span]) -> list[Span]:
        taken = {i for e in named_ents for i in range(e.start, e.end)}
        spans = [doc[s:e] for _, s, e in self.heads(doc)]
        spans = [s for s in filter_spans(spans) if not any(i in taken for i in range(s.start, s.end))]
        return sorted(spans, key=lambda s: s.start)

    def _words_before(self, doc: Doc, start: int) -> list[tuple[int, int]]:
        """Whitespace-delimited words right before token `start`, nearest first, as
        (first token, end token); "Iran-backed" is one word of three tokens. Stops at
        a sentence start, line break or punctuation other than a hyphen."""
        words: list[tuple[int, int]] = []
        i = start
        while i > 0 and len(words) < self.max_modifier_words:
            if doc[i].is_sent_start and i < start:
                break
            j = i - 1
            if doc[j].is_space or (doc[j].is_punct and doc[j].text not in ("-", "'s", "’s")):
                break
            while j > 0 and not doc[j - 1].whitespace_ and not doc[j - 1].is_space \
                    and not (doc[j - 1].is_punct and doc[j - 1].text != "-") and not doc[j].is_sent_start:
                j -= 1
            words.append((j, i))
            i = j
        return words

    def _modifier(self, doc: Doc, head: Span) -> Modifier:
        """The pre-modifiers of a head noun: adjectives, names, hyphenated sponsors."""
        chosen: list[tuple[int, int]] = []
        possessive = False
        if head[0].lower_ != "the":
            candidates = self._words_before(doc, head.start)
            for n, (ws, we) in enumerate(candidates):
                toks = doc[ws:we]
                text = toks.text
                last = toks[-1]
                if last.text in ("'s", "’s", "'", "’"):
                    if len(toks) > 1 and toks[0].pos_ not in ("PRON", "DET"):
                        # "Burkina Faso's army", "South Sudan's government": a country of several words
                        ws = next((cws for cws, _ in candidates[n + 1:n + 3]
                                   if C.iso2_for(doc[cws:last.i].text)), ws)
                        chosen.append((ws, we))
                        possessive = True
                    break
                if last.lower_ in ("and", "&"):
                    # coordination only between modifiers: "Kurdish and Arab militias"
                    nxt = candidates[n + 1] if n + 1 < len(candidates) else None
                    if nxt is None or not chosen:
                        break
                    prev = doc[nxt[0]:nxt[1]]
                    if not (prev.text[:1].isupper() or prev.text.endswith("-") or C.iso2_for(prev.text)):
                        break  # "the army and Shi'ite armed groups", "its east and Syrian government"
                    chosen.append((ws, we))
                    continue
                if text in ("-", "–", "—"):
                    break  # "BAGHDAD (Reuters) - Iraqi forces": a dash, not a hyphen
                if text[:1].isdigit() or re.search(r"[;:,()\[\]\"“”/]", text):
                    break  # "60-plus nation coalition": a count; "Salahuddin;Iraqi": two headlines
                if any(t.ent_id_ and t.ent_id_ in self.dictionary.named for t in toks):
                    chosen.append((ws, we))  # "IS militants": the name, whatever its tag
                    continue
                if (len(toks) > 1 and any(t.text == "-" for t in toks)) or text.endswith("-"):
                    chosen.append((ws, we))
                    continue
                if last.pos_ in FUNCTION_POS and not C.iso2_for(text):
                    break
                # the tagger often misreads "Shi'ite" or "Sunni": a capitalised word before
                # the head is a modifier whatever its tag
                if last.pos_ in ("ADJ", "PROPN", "NOUN", "X") or text[:1].isupper() or C.iso2_for(text):
                    chosen.append((ws, we))
                    continue
                break
        chosen.sort()
        start = chosen[0][0] if chosen else head.start
        owners: list[str] = []
        sponsors: list[str] = []
        rest: list[str] = []
        state_cue = False
        name_start = start
        possessor = None
        k = 0
        while k < len(chosen):
            ws, we = chosen[k]
            word = doc[ws:we].text
            if possessive and k == 0:  # the possessor is the farthest word: "Ethiopia's federal government"
                word = re.sub(r"['’]s?$", "", word)
                possessor = norm(word)
                name_start = we
            low = norm(word)
            parts = low.split("-")
            if (len(parts) > 1 and parts[-1] in vocab.words("sponsor_suffixes")) or low.endswith("-"):
                # "Iran-backed", and the first half of "Russian- and Iranian-backed"
                sponsors.append("-".join(parts[:-1]) if not low.endswith("-") else low.rstrip("-"))
                name_start = we
                k += 1
                continue
            if k + 1 < len(chosen):
                two = C.iso2_for(doc[ws:chosen[k + 1][1]].text)
                if two:  # "South Sudanese", "Sri Lankan"
                    owners.append(two)
                    k += 2
                    continue
            iso = C.iso2_for(word)
            if iso and k > 0 and norm(doc[chosen[k - 1][0]:chosen[k - 1][1]].text).replace("-", "") in vocab.mapping("compass_parts"):
                pass  # "a north Iraq air strike": a part of a country is where, not whose
            elif iso:
                owners.append(iso)
            elif low in vocab.words("state_cues"):
                state_cue = True
            elif low in ("country", "nation") and possessive:
                pass  # "the country's army": the country in context
            elif low not in ("and", "&"):
                rest.append(word)
            k += 1
        # An "and" left between sponsors and owner belongs to the sponsors.
        while name_start < head.start and doc[name_start].lower_ in ("and", "&"):
            name_start += 1
        words = [doc[ws:we].text for ws, we in chosen]
        group = " ".join(w for w in rest if w[:1].isupper()) or None
        # "Iraq's army" and "the country's army" are state forces; "Sadr's forces" are not
        other_possessor = possessive and not (
            C.iso2_for(possessor or "") or (possessor or "") in vocab.words("state_possessors")
        )
        return Modifier(
            start=start, text=norm(" ".join(words)), owners=owners, sponsors=sponsors,
            state_cue=state_cue, group=group, possessive=possessive and not other_possessor,
            name_start=name_start if owners or state_cue or possessive else start,
            other_possessor=other_possessor,
        )

    def _named_in(self, doc: Doc, lo: int, hi: int) -> bool:
        """A named actor among the modifiers ("IS fighters"), unless only as a sponsor."""
        for tok in doc[lo:hi]:
            if tok.ent_id_ and tok.ent_id_ in self.dictionary.named:
                ent_end = tok.i + 1
                while ent_end < hi and doc[ent_end].ent_iob_ == "I":
                    ent_end += 1
                last = doc[ent_end - 1].text
                if not (sponsor_follows(doc, ent_end) or last.rsplit("-", 1)[-1].lower() in vocab.words("sponsor_suffixes")):
                    return True
        return False

    def _named_after_of(self, doc: Doc, end: int) -> bool:
        """Does "of" or "from" (and an article) follow, then a named armed group ("fighters of the
        SDF", "militiamen from the CODECO group")?"""
        if end >= len(doc) or doc[end].lower_ not in ("of", "from") or (doc[end].lower_ == "from" and (
                doc[end].head.i != end - 1 or doc[end - 1].lemma_.lower() not in vocab.words("attacker_nouns"))):
            return False  # "retaken by soldiers from M23 rebels": only fighters come "from" their group
        k = end + 1
        while k < len(doc) and doc[k].lower_ in ("the", "a", "an"):
            k += 1
        entry = self.dictionary.named.get(doc[k].ent_id_) if k < len(doc) and doc[k].ent_id_ else None
        return entry is not None and entry.type in ARMED_NAMED_TYPES

    def _resolve_head(self, doc: Doc, head: Span, mod: Modifier, context: CountryContext,
                      named: list[Mention]) -> Mention | None:
        key = norm(head.text)
        if self._named_in(doc, mod.start, head.start):
            return None  # "IS fighters", "SDF forces": the name is the actor
        if self._named_after_of(doc, head.end):
            return None  # "11 militants of Islamic State group": so is the name after "of"
        if mod.other_possessor:
            return None  # "Sadr's forces", "the group's fighters"
        if any(i in self._head_tokens for i in range(mod.start, head.start)):
            return None  # "coalition air strikes": the coalition is the actor, named by its own head
        member_of = affiliate(doc, head.start, head.end, mod.start if mod.sponsors else head.start, self.dictionary.named)
        nxt = doc[head.end] if head.end < len(doc) else None
        clause = self._clause(head[-1])
        here = context.at(head.start_char, clause)
        owner = mod.owners[-1] if mod.owners else None
        span_start = doc[mod.start].idx
        text = self._text[span_start:head.end_char]
        entity_start = doc[mod.name_start].idx if mod.name_start < head.end else span_start
        named_next = _names_follow(doc, head.end)

        def mention(canonical, type_, country, how, label=None, entity_canonical=None) -> Mention:
            if named_next:
                label = None  # "... known as Popular Mobilisation": the name is the entity
            return Mention(text=text, start=span_start, end=head.end_char, canonical=canonical, type=type_,
                           country=country, how=how, label=label, entity_canonical=entity_canonical,
                           entity_start=entity_start, owned=bool(owner or mod.possessive))

        if member_of is not None:  # named by the group's branch in the event's country (events.sides)
            return mention(member_of.actor_name, member_of.type, member_of.country, "member", None,
                           member_of.canonical)
        owners_here = self._sentence_owners.get(bisect.bisect_right(context.sent_starts, head.start_char) - 1, frozenset()) \
            if self._sentence_owners else frozenset()
        for d in self.dictionary.descriptors:
            if d.country_by == "owner" and owner:
                countries = {owner}
            else:
                countries = context.near(head.start_char, clause)
            if d.matches(key, mod.text, countries, owners_here):
                entry = self.dictionary.named[d.canonical]
                label = None if key in self.weapon_heads else entry.label  # "U.S.-led air strikes"
                return mention(entry.actor_name, entry.type, entry.country, "descriptor",
                               label, entry.canonical)

        where = owner or here
        roles = self.roles_by_head.get(key, [])
        if self.tribal in roles:
            # a clan or tribe the text does not name is a communal militia to ACLED
            role = self.tribal if mod.group or self.communal_unnamed is None else self.communal_unnamed
            name = role.name(where, mod.group)
            if name:
                return mention(name, role.type, where, "role", self.tribal.label if mod.group else None, name)
        if self.communal in roles and mod.group:
            group = next((g for g in self.communal.groups if has_word(mod.text, g.lower())), None)
            name = self.communal.name(where, group) if group else None
            if name:
                return mention(name, self.communal.type, where, "role", self.communal.label, name)

        for role in roles:
            if role is self.tribal or role is self.communal:
                continue
            if nxt is not None and nxt.lower_ in role.not_before:
                continue
            if role is self.coref or role.generic:
                if nxt is not None and nxt.text == "-" and not head[-1].whitespace_:
                    return None  # "rebel-held", "militant-run": a word about a place, not a side
                if head.end in self._head_starts:
                    return None  # "rebel fighters": the modifier of the next head, which names the side
                return self._coreference(head, key, mod, here, named, mention)
            bare = not (owner or mod.state_cue or mod.possessive)
            if role.country_from == "owner":
                if bare and key not in role.standalone:
                    continue  # "forces" alone says nothing about whose
                if bare and head[-1].dep_ == "amod":
                    continue  # "a military source": an adjective, not the forces
            country = where
            name = role.name(country)
            if not name:
                continue
            is_entity = bool(role.label) and key in role.entity_heads
            if role.entity_needs_owner and not owner:
                is_entity = False
            if role.role == "military" and bare and key not in ("army", "military", "armed forces"):
                is_entity = False  # bare "soldiers" is a common noun, not a name
            if nxt is not None and nxt.text in ("'s", "’s"):
                is_entity = False  # "the military's Joint Operations Command"
            if mod.possessive:
                is_entity = False  # "Syria's government": the entity is the country
            return mention(name, role.type, country, "role", role.label if is_entity else None, name)
        return None

    def _generic_for(self, key: str, mod: Modifier) -> Role | None:
        """The generic side a noun names when no group is meant: by the noun ("rebels",
        "mutineers") or, for a coreference noun, by its modifiers ("Islamist militants")."""
        for role in self.generic:
            if key in role.heads:
                return role
            if key in self.coref.heads and any(has_word(mod.text, cue) for cue in role.cues):
                return role
        return None

    def _called_by(self, doc: Doc, named: list[Mention]) -> dict[str, set[str]]:
        """For each generic role with own words, the named groups the article calls by one of
        them ("Houthi rebels", "the rebel M23", "SPLM-IO rebels")."""
        called: dict[str, set[str]] = {}
        for role in self.generic:
            if not role.own_words:
                continue
            found = called.setdefault(role.role, set())
            for m in named:
                if m.type not in ARMED_NAMED_TYPES:
                    continue
                around = norm(self._text[max(0, m.start - 12):m.end + 20]).replace("-", " ").split()
                if any(w in role.own_words for w in around):
                    found.add(m.canonical)
        return called

    def _coreference(self, head: Span, key: str, mod: Modifier, context_country: str | None,
                     named: list[Mention], mention) -> Mention | None:
        """"the militants" after IS was named are IS; with no group named before, a generic
        side by country ("rebels": Opposition Rebels (COUNTRY)); never an entity."""
        if self.unidentified is not None and any(has_word(mod.text, w) for w in vocab.words("unknown_side_cues")):
            # "unknown militants": the text says it does not know the side, so no antecedent
            name = self.unidentified.name(context_country) if context_country else None
            return mention(name, self.unidentified.type, context_country, "role") if name else None
        generic = self._generic_for(key, mod)
        if mod.owners:
            # "Syrian rebels" are not the last group named; they are the country's rebels
            if generic is None:
                return None
            name = generic.name(mod.owners[-1])
            return mention(name, generic.type, mod.owners[-1], "role") if name else None
        words = set(key.replace("-", " ").split()) | set(mod.text.replace("-", " ").split())
        strict = generic is not None and bool(words & generic.own_words)
        earlier = []
        if key in self.coref.heads or strict:
            earlier = [m for m in named if m.start < head.start_char and m.type in ARMED_NAMED_TYPES
                       and m.how == "dictionary" and not describes_another(head.doc, m.start, m.end)]
        if strict:
            earlier = [m for m in earlier if m.canonical in self._called.get(generic.role, ())]
        if key in vocab.words("insurgent_nouns"):
            # "militants", "insurgents", "jihadists" are the insurgents named, not a
            # pro-government militia the article also mentions
            earlier = [m for m in earlier if m.type == "rebel"] or earlier
        antecedent = None
        if key.endswith("group"):
            # "the group": the last group named, if not too far back
            if earlier and head.start_char - earlier[-1].end <= self.antecedent_window:
                antecedent = earlier[-1]
        elif earlier:
            # "militants", "jihadists": the group the article is about so far (most named),
            # the later one on a tie
            counts = Counter(m.canonical for m in earlier)
            best = max(counts.values())
            antecedent = next(m for m in reversed(earlier) if counts[m.canonical] == best)
        if antecedent is not None:
            return mention(antecedent.canonical, antecedent.type, antecedent.country, "coreference")
        if generic is not None and context_country:
            name = generic.name(context_country)
            return mention(name, generic.type, context_country, "role") if name else None
        if key in self.coref.standalone and context_country:
            name = self.coref.name(context_country)
            return mention(name, "unidentified", context_country, "role") if name else None
        return None



def _names_follow(doc: Doc, end: int) -> bool:
    """", known as Popular Mobilisation": the phrase is followed by the name it describes."""
    i = end
    if i < len(doc) and doc[i].text == ",":
        i += 1
    for phrase in NAMING_PHRASES:
        if all(i + k < len(doc) and doc[i + k].lower_ == w for k, w in enumerate(phrase)):
            return True
    return False


@Language.factory("dateline_actors", assigns=["doc._.actors", "doc._.entities", "doc._.focus_country"],
                  requires=["doc.ents", "doc.sents", "token.dep"],
                  default_config={"antecedent_window": ANTECEDENT_WINDOW, "max_modifier_words": MAX_MODIFIER_WORDS})
def make_actor_resolver(nlp, name, antecedent_window, max_modifier_words):  # no annotations: spaCy reads them
    # focus_country: set only when dateline_places is not in the pipeline
    ensure("meta", "places", "focus_country", "actors", "entities")
    return ActorResolver(nlp, name, antecedent_window, max_modifier_words)


