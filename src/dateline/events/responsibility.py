"""Who is said to have done it: claims of responsibility and blame, read from the parse.

A claim names the claimant actor1 of the attack it is about, with attribution "claimed"; a
blame by officials or sources names the blamed side actor1, with attribution "alleged"
(taxonomy.md). Either may come in the attack's own sentence ("..., residents said, blaming
federal forces") or in a later one ("Al-Shabaab claimed the attack through its radio", "The
Baloch Liberation Army said it had planted the device", "Boko Haram was suspected").
`incidents.attach_claims` gives each to the incident it is about.

Read here:
- a claim: a side claims responsibility or an act ("X claimed the bombing", "X's leader
  claimed in a video that his group had carried out the kidnapping"), or says it did one
  ("X said it had carried out the attack", "... one of its fighters had carried out ...");
- a blame: someone blames, accuses, suspects or holds responsible a side ("police blamed
  IPOB", "blaming the RSF", "attributed the blast to the PKK"), a side "was blamed" or "was
  suspected", or "X was behind the attack" in what someone said.
A claim or blame of acts in general ("for similar attacks", "for a wave of bombings") is about
no one incident and is not read; nor is a denial.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Span, Token

from .. import vocab
from ..language.doccache import sents as doc_sents
from ..language.doccache import lower_lemmas, span_text
from .checks import check
from .coding import Coding
from .context import ArticleContext, is_armed
from .roles import _child, _prep_object

# Who claims an attack: an armed group. A state's forces or a coalition that says it carried
# out strikes reports its own operations ("the coalition said it conducted 12 strikes").
CLAIMANT_TYPES = frozenset({"rebel", "militia"})


@lru_cache(maxsize=1)
def acts_in_general() -> re.Pattern:
    """"for similar attacks", "for a string of other bombings", "for such attacks": a claim or
    blame of acts in general, not of the one told (incidents.attach_claims reads it too)."""
    return re.compile(rf"\bfor\s+(?:an?\s+\w+\s+of\s+)?(?:{vocab.alternation('acts_in_general_words')}|such)\b", re.IGNORECASE)


_DENIAL = re.compile(r"\bden(?:y|ies|ied|ying)\b|\bnot\s+(?:claim|behind|responsible)\b|\brejected\b", re.IGNORECASE)


@dataclass(frozen=True)
class Responsibility:
    """A side said to have done an attack, and in which sentence."""

    side: dict  # the actor mention
    kind: str  # "claimed" or "alleged"
    start: int  # the sentence's character offsets
    end: int
    source: str | None  # who blames ("police"), None for a claim

    def name_in(self, country: str | None) -> str | None:
        """The side's ACLED name for an event in `country` (an English country name)."""
        from ..language.countries import iso2_for
        from .sides import side_name

        return side_name(self.side, iso2_for(country) if country else None)

    def evidence(self, text: str) -> dict:
        return {"start": self.start, "end": self.end, "text": text[self.start:self.end].rstrip()}


def responsibilities(ctx: ArticleContext) -> list[Responsibility]:
    """Every claim and blame of one act the article reports, in text order."""
    found: list[Responsibility] = []
    asking = vocab.words("reporting_verbs") | vocab.words("blame_verbs") | {"claim"} | set(vocab.mapping("identity_verbs"))
    lemmas = lower_lemmas(ctx.doc)
    for sent in doc_sents(ctx.doc):
        if sent.end_char <= ctx.body_start:
            continue
        written = span_text(sent)
        if acts_in_general().search(written) or _DENIAL.search(written):
            continue
        for i in range(sent.start, sent.end):
            if lemmas[i] not in asking:
                continue  # neither a claim nor a blame can turn on this word (see _claim, _blame)
            tok = ctx.doc[i]
            item = _claim(ctx, tok) or _blame(ctx, tok) or _identity(ctx, tok)
            if item is None:
                continue
            side, kind, source = item
            if side.get("canonical") is None or not is_armed(side):
                continue
            if kind == "claimed" and side.get("type") not in CLAIMANT_TYPES:
                continue
            found.append(Responsibility(side, kind, sent.start_char, sent.end_char, source))
    return found


def _acts_claimed() -> frozenset[str]:
    """What a claim's participle can follow: a claimed act ("bombing") or the bomb itself."""
    return vocab.words("claimed_objects") | vocab.words("bomb_words")


def _side(ctx: ArticleContext, tok: Token | None) -> dict | None:
    return ctx.actor_of(tok) if tok is not None else None


def _claim(ctx: ArticleContext, tok: Token) -> tuple[dict, str, None] | None:
    lemma = tok.lemma_.lower()
    if lemma == "claim" and tok.dep_ in ("amod", "compound") and tok.head.lemma_.lower() in vocab.words("claimed_objects") \
            and tok.i >= 2 and tok.doc[tok.i - 1].text == "-" and not tok.doc[tok.i - 2].whitespace_:
        # "an IS-claimed bombing", "a Taliban-claimed attack": the name before the hyphen claimed it
        side = _side(ctx, tok.doc[tok.i - 2])
        return (side, "claimed", None) if side else None
    if tok.pos_ not in ("VERB", "AUX"):
        return None
    if lemma == "claim":
        # "IS claimed responsibility", "Al-Shabaab claimed the attack", "its leader claimed ... that
        # his group had carried out the kidnapping"
        if tok.dep_ in ("acl", "relcl") and tok.head.lemma_.lower() in vocab.words("claimed_objects"):
            # "in an attack claimed by Islamic State", "a bombing that IS claimed"
            by = _child(tok, {"agent"})
            side = _side(ctx, _child(by, {"pobj"}) if by is not None else _child(tok, {"nsubj"}))
            return (side, "claimed", None) if side else None
        done = _child(tok, {"nsubjpass"})
        if done is not None and done.lemma_.lower() in vocab.words("claimed_objects"):
            # "The attack was claimed by JNIM, al-Qaeda's Sahel branch"
            by = _child(tok, {"agent"})
            side = _side(ctx, _child(by, {"pobj"}) if by is not None else None)
            return (side, "claimed", None) if side else None
        by = _child(tok, {"agent"}) if tok.dep_ in ("acl", "advcl") and tok.tag_ == "VBN" else None
        if by is not None and any(t.lemma_.lower() in _acts_claimed() for t in tok.sent if t.i < tok.i):
            # "Five dead in cafe suicide bombing claimed by IS", "Car bomb kills 13, claimed by IS":
            # the parse hangs the participle on the count or the verb; the act before it was claimed
            side = _side(ctx, _child(by, {"pobj"}))
            return (side, "claimed", None) if side else None
        obj = _child(tok, {"dobj"})
        said = any(_says_it_did(v) for v in tok.subtree if v.dep_ in ("ccomp", "relcl") and v.i != tok.i)
        if (obj is not None and obj.lemma_.lower() in vocab.words("claimed_objects")) or said:
            side = _side(ctx, _child(tok, {"nsubj"}))
            return (side, "claimed", None) if side else None
        return None
    if lemma in vocab.words("reporting_verbs"):
        # "The BLA said it had planted the device", "Al-Shabaab said one of its fighters had ..."
        said = _child(tok, {"ccomp"})
        if said is not None and _says_it_did(said):
            side = _side(ctx, _child(tok, {"nsubj"}))
            return (side, "claimed", None) if side else None
    return None


def blamed_on(ctx: ArticleContext, verb: Token) -> Token | None:
    """The side a blame is laid on after the act: "blamed the attack on IPOB" (the parser hangs
    "on IPOB" on the verb, on the act or on a clause of the act: "blamed an air strike that
    killed four herders on Monday on the Kenyan air force")."""
    preps = vocab.words("blamed_on_prepositions")
    act = _child(verb, {"dobj"})
    scope = [verb] + (list(act.subtree) if act is not None else [])
    objects = [o for tok in scope for p in tok.children if p.dep_ == "prep" and p.lower_ in preps
               for o in p.children if o.dep_ == "pobj"]
    return next((o for o in objects if is_armed(_side(ctx, o) or {})), None)


def _says_it_did(verb: Token) -> bool:
    """'it had carried out the attack', 'one of its fighters had carried out', 'it was behind'."""
    subj = _child(verb, {"nsubj", "nsubjpass"})
    if subj is None or not any(t.lower_ in vocab.words("side_pronouns") or t.lower_ == "group" for t in subj.subtree):
        return False
    if verb.lemma_.lower() in vocab.words("claim_act_verbs"):
        return True
    return verb.lemma_.lower() == "be" and _prep_object(verb, {"behind"}) is not None


def _blame(ctx: ArticleContext, tok: Token) -> tuple[dict, str, str | None] | None:
    lemma = tok.lemma_.lower()
    if lemma in vocab.words("blame_verbs") and tok.pos_ in ("VERB", "AUX"):
        source = _child(tok, {"nsubj"})
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in tok.children)
        if passive:
            blamed = _child(tok, {"nsubjpass"})  # "Boko Haram was suspected", "the PKK was blamed"
        elif lemma == "attribute":
            blamed = _prep_object(tok, {"to"})  # "attributed the blast to the PKK"
        else:
            blamed = _child(tok, {"dobj"})  # "police blamed IPOB", "blaming the RSF", "held X responsible"
            laid_on = blamed_on(ctx, tok)
            if laid_on is not None:
                # "blaming the strikes on government forces", "an attack police blamed on IPOB":
                # the object is the act, the side is where the blame is laid
                blamed = laid_on
            if lemma == "hold" and not any(c.lower_ == "responsible" for c in tok.children):
                return None
        side = _side(ctx, blamed)
        if side is None:
            return None
        if source is None and tok.dep_ in ("advcl", "xcomp", "conj"):
            source = _child(tok.head, {"nsubj"})  # "residents said, blaming federal forces"
        return side, "alleged", source.text if source is not None else None
    responsible = any(c.dep_ == "acomp" and c.lower_ == "responsible" and _prep_object(c, {"for"}) is not None
                      for c in tok.children) if lemma == "be" else False
    if lemma == "be" and (_prep_object(tok, {"behind"}) is not None or responsible) and tok.dep_ == "ccomp" \
            and tok.head.lemma_.lower() in vocab.words("reporting_verbs"):
        # "police said Boko Haram was behind the attack", "the army said ADF rebels were responsible for the killings"
        side = _side(ctx, _child(tok, {"nsubj"}))
        speaker = _child(tok.head, {"nsubj"})
        if side is not None and not (speaker is not None and _side(ctx, speaker) == side):
            return side, "alleged", speaker.text if speaker is not None else None
    return None


def _identity(ctx: ArticleContext, tok: Token) -> tuple[dict, str, str | None] | None:
    """"He said the gunmen were Boko Haram fighters", "The attackers were members of the CODECO
    militia", "Militants, who police said belonged to the Islamic State group, ...", "the attack
    appeared to be the work of the Pakistani Taliban", "bore the hallmarks of IS": a side the
    story knew only by what it did ("the gunmen"), or the act itself, said to be a named
    group's, names that group, alleged by whoever says so (the speaker, else the article)."""
    slots = vocab.mapping("identity_verbs").get(tok.lemma_.lower())
    if slots is None or tok.pos_ not in ("VERB", "AUX"):
        return None
    clause = tok.head if tok.dep_ == "xcomp" else tok  # "appeared to be the work of"
    subj = _child(clause, {"nsubj"})
    if subj is not None and subj.lower_ in vocab.words("relative_pronouns") and clause.dep_ == "relcl":
        subj = clause.head  # "Militants, who police said belonged to ..."
    if subj is None:
        return None
    # a sentence-initial plural keeps its form as its lemma ("Insurgents, who ...")
    forms = {subj.lemma_.lower(), subj.lower_.removesuffix("s")}
    act = bool(forms & vocab.words("claimed_objects"))
    if not act and (not forms & (vocab.words("attacker_nouns") | vocab.words("unnamed_armed"))
                    or ctx.actor_at.get(subj.i, {}).get("canonical") and not _unnamed(ctx.actor_at[subj.i])):
        return None
    told = next((_child(tok, {slot}) for slot in ("attr", "dobj") if slot in slots and _child(tok, {slot}) is not None), None)
    if act:
        # an act is said to be a side's only by its authorship ("the work of", "the hallmarks of")
        told = _prep_object(told, {"of"}) if told is not None and told.lemma_.lower() in vocab.words("authorship_nouns") else None
    elif told is None:
        told = _prep_object(tok, set(slots) - {"attr", "dobj"})
    side = _side(ctx, told)
    if side is not None and _unnamed(side) and not act:
        side = _side(ctx, _prep_object(told, {"from", "of"}))  # "jihadists from the Islamic State Sahel Province"
    if side is None or _unnamed(side):
        return None
    speaker = _child(clause.head, {"nsubj"}) if clause.dep_ in ("ccomp", "relcl") else None
    if speaker is not None and speaker.i == subj.i:
        speaker = None
    return side, "alleged", speaker.text if speaker is not None else None


def _unnamed(side: dict) -> bool:
    """A side the coder names only by its kind and country (an unidentified or generic side)."""
    from ..acled import actor_kind
    from .incidents import GENERIC_SIDE_ROLES

    kind = actor_kind(side.get("canonical"))
    return kind is not None and (kind.role in GENERIC_SIDE_ROLES or kind.role in ("unidentified", "coreference"))


@check("claimed_act", stage="trigger")
def _claimed_act(c: Coding) -> bool:
    """"IS said its fighters had planted the bomb": the bomb is the attack the story told, which
    the claim names a perpetrator for (attach_claims); the clause is no event of its own."""
    doc = c.sent.doc
    lemmas, claiming = lower_lemmas(doc), vocab.words("reporting_verbs") | {"claim"}
    for i in range(c.sent.start, c.sent.end):
        if lemmas[i] not in claiming:
            continue
        tok = doc[i]
        if tok.pos_ not in ("VERB", "AUX"):
            continue
        speaker = c.ctx.actor_of(_child(tok, {"nsubj"})) if _child(tok, {"nsubj"}) is not None else None
        if speaker is None or speaker.get("type") not in CLAIMANT_TYPES:
            continue  # "the coalition said it carried out 193 strikes": its report, not a claim
        for said in tok.subtree:
            if said.dep_ in ("ccomp", "relcl") and said.i != tok.i and _says_it_did(said) \
                    and c.trigger.i in {t.i for t in said.subtree}:
                return True
    return False

