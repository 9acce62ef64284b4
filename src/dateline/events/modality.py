"""Did it happen? Leave out plans, threats, forecasts, negations, questions,
conditionals and generic history: only what the article reports as having happened
is an event.

Each check looks at the trigger's clause in the dependency parse: its own modifiers
(a negation, a modal, an infinitive "to"), the verbs that govern it up to the clause
root ("plans to pull out", "threatened to attack"), and the sentence around it.
"""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.tokens import Span, Token

from .. import settings, vocab
from ..language.doccache import per_token
from ..language.doccache import text as doc_text


@lru_cache(maxsize=1)
def _habit_pattern() -> re.Pattern:
    """The habit phrases as one pattern ('#' in a phrase is a number in digits)."""
    phrases = sorted(vocab.words("habit_phrases"), key=len, reverse=True)
    alternatives = "|".join(re.escape(p).replace("\\#", r"\d+").replace("\\ ", " ") for p in phrases)
    return re.compile(rf"\b(?:{alternatives})\b", re.IGNORECASE)


def clause_chain(token: Token, limit: int = 6) -> list[Token]:
    """The trigger and the heads above it, up to the sentence root."""
    chain = [token]
    while token.head.i != token.i and len(chain) < limit:
        token = token.head
        chain.append(token)
    return chain


def is_negated(trigger: Token) -> bool:
    if trigger.dep_ == "pobj" and trigger.head.lower_ == "without":
        return True  # "marched for hours but without clashes"
    negators = vocab.words("negators")
    for tok in clause_chain(trigger, limit=3):
        if any(c.dep_ == "neg" or c.lower_ in negators and c.dep_ in ("det", "advmod", "neg") for c in tok.children):
            return True
        if tok.pos_ == "VERB" or tok.dep_ in ("ROOT", "ccomp", "xcomp", "advcl"):
            break
    return False


def dated_participle(tok: Token) -> bool:
    """A participle that gives its own time ('a ceasefire brokered on Feb 27', 'the town captured in
    May'): told as done, whatever the clause it hangs on says of the future."""
    return tok.tag_ == "VBN" and tok.dep_ == "acl" and any(
        ch.dep_ in ("prep", "npadvmod") and any(t.ent_type_ == "DATE" for t in ch.subtree) for ch in tok.children)


def dated_to_the_day(ctx, trigger: Token, sent: Span) -> bool:
    """Does a modifier of the trigger's verb give a day ("on Nov. 13", "on Saturday")? `ctx`: the ArticleContext."""
    verb = trigger if trigger.pos_ in ("VERB", "AUX") else trigger.head
    if verb.pos_ not in ("VERB", "AUX"):
        return False
    spans = [(ch.left_edge.idx, ch.right_edge.idx + len(ch.right_edge)) for ch in verb.children
             if ch.dep_ in ("prep", "npadvmod")]
    return any(t.get("precision") == "day" and any(a <= t["start"] and t["end"] <= b for a, b in spans)
               for t in ctx.timexes_in(sent))


@per_token
def unrealised_reason(trigger: Token) -> str | None:
    """Why the trigger is not a realised event ('plan', 'modal', ...), or None.

    Climbs from the trigger through the clauses that govern it, and stops at a
    reporting verb: what is above "said" is the attribution, not the event's mood.
    """
    from ..language.doccache import sent_of, span_text

    sent = sent_of(trigger)
    if span_text(sent).rstrip().endswith("?"):
        return "question"
    if is_negated(trigger):
        return "negation"
    if denied(trigger):
        return "denial"
    chain = clause_chain(trigger, limit=8)
    reporting, modals, governors = (vocab.words(c) for c in ("reporting_verbs", "modal_verbs", "unrealised_governors"))
    for i, tok in enumerate(chain):
        if (i > 0 and tok.lemma_.lower() in reporting) or (i == 0 and dated_participle(tok)):
            break
        kids = list(tok.children)
        if any(k.dep_ == "aux" and k.lower_ in modals for k in kids):
            return "modal"
        if any(k.dep_ == "mark" and k.lower_ in ("if", "unless", "whether") for k in kids):
            return "conditional"
        if tok.tag_ in ("VBZ", "VBP") and any(k.dep_ in ("mark", "advmod") and k.lower_ in ("once", "when", "until") for k in kids):
            return "conditional"  # "once Albu Kamal falls": a future time clause
        if i > 0 and tok.lemma_.lower() in governors and not (i == 1 and trigger.dep_ == "conj"):
            return "plan"  # but not the trigger's own fellow verb: "stopped a bus and abducted its passengers"
        if tok.tag_ == "VB" and any(k.dep_ == "aux" and k.lower_ == "to" for k in kids) and not (
                tok.dep_ == "xcomp" and tok.head.lemma_.lower() in vocab.words("implicative_verbs")) and not (
                tok.dep_ == "advcl" and tok.head.tag_ == "VBD" and tok.lemma_.lower() in vocab.words("dispersal_verbs")) and not (
                tok.dep_ in ("advcl", "xcomp") and tok.head.tag_ in ("VBD", "VBN") and tok.lemma_.lower() in vocab.words("protest_words")
                and tok.head.lemma_.lower() in vocab.words("gathering_verbs")):
            # An infinitive: "to capture", "to take them back" (purpose or intention); not one
            # that was done ("managed to capture"), nor force used to break up a crowd ("fired
            # live rounds to disperse the marchers": the force was used), nor a protest people
            # gathered for ("had gathered outside the headquarters to protest": they protested).
            return "infinitive"
        if tok.tag_ == "VBG" and any(k.lower_ == "been" for k in kids) and tok.pos_ == "VERB":
            # "has been bombing": an activity over time, not one event.
            return "ongoing"
        if tok.tag_ == "VBD" and tok.dep_ == "relcl":
            break  # "to push back protesters who broke into the Green Zone": told as done, whatever governs it
    # "a planned assault", "the expected offensive"
    if any(c.dep_ == "amod" and c.lemma_.lower() in vocab.words("plan_adjectives") for c in trigger.children):
        return "plan"
    return None


def agreed(trigger: Token) -> bool:
    """'agreed to hand over their weapons under a deal': a verb of agreeing, itself told as done,
    governs the trigger."""
    for tok in clause_chain(trigger)[1:4]:
        if tok.lemma_.lower() in vocab.words("agreeing_verbs"):
            return unrealised_reason(tok) is None
    return False


def denied(trigger: Token) -> bool:
    """Denied by a verb above it, before any reporting verb ('denied that its units had fired
    at protesters', 'rejected reports of killings'): a denial says nothing happened, whoever
    was there."""
    reporting, denials = vocab.words("reporting_verbs"), vocab.words("denial_verbs")
    chain = clause_chain(trigger, limit=8)
    for below, tok in zip(chain, chain[1:]):
        if tok.lemma_.lower() in denials:
            # what is denied is its object, not the setting ('dismissed the chief after the attack')
            return below.dep_ in ("dobj", "ccomp", "xcomp", "pcomp", "nsubjpass")
        if tok.pos_ == "VERB" and tok.lemma_.lower() in reporting:
            return False
    return False


def attempted(trigger: Token) -> bool:
    """'as they attempted to overrun the enclave', 'a battle to capture': an attempt, not an outcome."""
    for tok in clause_chain(trigger)[1:4]:
        if tok.lemma_.lower() in vocab.words("attempt_verbs"):
            # the attempt itself must have happened: not "will try to", "did not try to"
            return unrealised_reason(tok) is None
    return False


@per_token
def present_habit(trigger: Token) -> bool:
    """In a story's body, the simple present tells what keeps happening ("its cells still
    attack security forces"); in a headline it tells news ("IS suicide bomber kills 36")."""
    from ..language.doccache import sent_of, sents

    if trigger.tag_ not in ("VBZ", "VBP") or trigger.lemma_.lower() in ("be", "have"):
        return False
    if len(sents(trigger.doc)) <= settings.HEADLINE_MAX_SENTENCES:
        return False  # a headline or a one-line report
    if headline_line(sent_of(trigger)):
        return False  # a headline standing in the body (a digest of headlines, a related story)
    return not any(c.dep_ in ("aux", "auxpass") for c in trigger.children)


def headline_line(sent: Span) -> bool:
    """A short line that is a paragraph of its own and ends with no full stop is written as
    a headline ("Islamic State attacks Iraqi soldiers in Mosul"), whatever its place; the
    sentence may be only part of it ("WRAPUP 4-Iraqi troops storm ...", "... kills 12 - police")."""
    doc = sent.doc
    text = doc_text(doc)
    words = [t for t in sent if not t.is_space]
    if not words:
        return False
    start, end = words[0].i, words[-1].i  # widen to the paragraph, a headline's length at most
    while start > 0 and end - start <= settings.HEADLINE_LINE_MAX_TOKENS and "\n\n" not in text[doc[start - 1].idx:doc[start].idx]:
        start -= 1
    while end < len(doc) - 1 and end - start <= settings.HEADLINE_LINE_MAX_TOKENS and "\n\n" not in text[
            doc[end].idx + len(doc[end].text):doc[end + 1].idx + len(doc[end + 1].text)]:
        end += 1
    line = [t for t in doc[start:end + 1] if not t.is_space]
    if len(line) > settings.HEADLINE_LINE_MAX_TOKENS or any(t.text in (".", "!", "?") for t in line):
        return False  # a full stop anywhere: prose ("The group is active. Militants attack ...")
    before = text[: line[0].idx].rstrip(" \t")
    after = text[line[-1].idx + len(line[-1].text):].lstrip(" \t")
    return (not before or before.endswith("\n\n")) and (not after or after.startswith("\n\n"))


_SUBORDINATE = ("advcl", "relcl", "ccomp", "acl")


@per_token
def clause_text(trigger: Token) -> str:
    """The text of the trigger's own clause: the clause's verb (or root) and its words,
    without the subordinate clauses of other verbs."""
    head = trigger
    while head.head.i != head.i and not (head.pos_ in ("VERB", "AUX") and head.dep_ in ("ROOT", "ccomp", "advcl", "relcl", "conj", "xcomp", "acl")):
        head = head.head
    # Token.subtree's order (left children, the word, right children), without descending
    # into a subordinate clause of another verb: stay inside the clause
    words: list[str] = []
    todo: list[tuple[Token, bool]] = [(head, False)]
    while todo:
        tok, reached = todo.pop()
        if reached:
            words.append(tok.text_with_ws)
            continue
        todo.extend((r, False) for r in reversed(list(tok.rights)) if r.i == trigger.i or r.dep_ not in _SUBORDINATE)
        todo.append((tok, True))
        todo.extend((lt, False) for lt in reversed(list(tok.lefts)) if lt.i == trigger.i or lt.dep_ not in _SUBORDINATE)
    return "".join(words)


@per_token
def is_habitual(trigger: Token) -> bool:
    """A habit or a long stretch of time in the trigger's own clause ('has for years besieged',
    'continues to carry out bombings'), not elsewhere in the sentence."""
    return _habit_pattern().search(clause_text(trigger)) is not None


# --- not news of now: plots, drills, reactions, remembrance, totals, background ------------

def _headline_present(verb: Token) -> bool:
    """The simple present of a headline ('Iraq condemns Turkish air strike in Sinjar'): the
    event reacted to is the fresh news the headline gives, not one told elsewhere."""
    return verb.tag_ in ("VBZ", "VBP") and not any(c.dep_ in ("aux", "auxpass") for c in verb.children)


def _elapsed_unit(tok: Token) -> bool:
    """'ten years since', 'one year since', 'the anniversary since': time elapsed since what is
    remembered."""
    return tok.lemma_.lower() in vocab.words("calendar_units") or tok.lemma_.lower() == "anniversary"


def _governors(trigger: Token, limit: int = 6) -> list[Token]:
    """The heads above the trigger, stopping at a reporting verb (what is above "said" is
    the attribution)."""
    reporting = vocab.words("reporting_verbs")
    out = []
    for tok in clause_chain(trigger, limit=limit)[1:]:
        if tok.pos_ == "VERB" and tok.lemma_.lower() in reporting:
            break
        out.append(tok)
    return out


def _lemma_in(tok: Token, concept: str) -> bool:
    """The token's lemma or form is one of the concept's words, or with its compounds one of
    its phrases ('TV series', 'video game')."""
    words = vocab.words(concept)
    if tok.lemma_.lower() in words or tok.lower_ in words:
        return True
    compounds = [c.lower_ for c in tok.children if c.dep_ == "compound" and c.i < tok.i]
    return bool(compounds) and " ".join([*compounds, tok.lower_]) in words or " ".join([*compounds, tok.lemma_.lower()]) in words


def framed_as_fiction(trigger: Token) -> bool:
    """A plot, not an event: 'In the film, a commando unit storms a plant', 'The novel follows
    a sniper who hunts down a gang', 'The thriller opens with a suicide bomber'. A work of
    fiction is the subject of a verb above the trigger, or its setting ('in the series')."""
    for tok in [trigger, *_governors(trigger)]:
        for child in tok.children:
            if child.dep_ in ("nsubj", "nsubjpass") and _lemma_in(child, "fiction_nouns"):
                return True
            if child.dep_ == "prep" and child.lower_ == "in" and any(
                    p.dep_ == "pobj" and _lemma_in(p, "fiction_nouns") for p in child.children):
                return True
    return False


def simulated(trigger: Token) -> bool:
    """Practice, not combat: 'practised storming a beach', 'a drill simulating a raid',
    'as part of annual exercises'."""
    for tok in [trigger, *_governors(trigger, limit=4)]:
        if tok is not trigger and _lemma_in(tok, "simulation_words"):
            return True
        for child in tok.children:
            if child.dep_ == "prep" and child.lower_ in ("during", "in") or (child.dep_ == "prep" and child.lower_ == "as"):
                objs = [t for t in child.subtree if t.dep_ == "pobj"]
                if any(_lemma_in(o, "simulation_words") for o in objs):
                    return True
    return False


def reaction_to(trigger: Token) -> str | None:
    """The trigger names an event only as what others react to or remember: 'condemned the
    bombing', 'the anniversary of the massacre', 'remembered those killed in the attacks',
    'to mark ten years since the girls were taken'. Returns 'condemnation' or
    'commemoration', or None. The reaction must govern the event as its object (through
    nouns, prepositions and participles): a clause of its own under it ('condemned the
    fighting, blaming the air strikes on the army'), or a relative clause that tells the
    event itself ('condemned the bombing, which killed 70 on Sunday'), is something else."""
    below = None
    for tok in [trigger, *_governors(trigger, limit=5)]:
        since = next((m for m in tok.children if m.dep_ == "mark" and m.lower_ == "since"), None)
        if since is not None and since.i > 0 and _elapsed_unit(since.doc[since.i - 1]):
            return "commemoration"  # "to mark ten years since their daughters were taken"
        if below is not None and below.dep_ == "nsubj":
            return None  # the event does the verb: "rockets slammed into homes" ('slam' as a verb of hitting)
        if tok is not trigger:
            if _lemma_in(tok, "condemnation_verbs") and not _headline_present(tok):
                return "condemnation"
            if _lemma_in(tok, "commemoration_words"):
                return "commemoration"
            if tok.lower_ == "since" and _elapsed_unit(tok.head):
                return "commemoration"  # "one year since the attack"
        if tok.pos_ in ("VERB", "AUX") and tok.dep_ not in ("acl", "pcomp", "pobj", "dobj", "nsubjpass", "nsubj"):
            return None  # a clause of its own: what governs it is no reaction to this event
        below = tok
    return None


@lru_cache(maxsize=1)
def _count_and_units() -> tuple[str, str]:
    """Regular expressions for a count (digits, a number word, an ordinal, 'a', 'several',
    'few') and a long unit of time (months, years, decades), from the vocabulary."""
    counts = sorted([*vocab.mapping("number_words"), *vocab.words("ordinal_words"), "a", "several", "few"], key=len, reverse=True)
    units = sorted(vocab.words("long_time_units"), key=len, reverse=True)
    count = r"(?:\d[\d,.]*|" + "|".join(re.escape(w) for w in counts) + ")"
    unit = "(?:" + "|".join(re.escape(u) + "s?" for u in units) + ")"
    return count, unit


@lru_cache(maxsize=1)
def _period_pattern() -> re.Pattern:
    """The period-total phrases as one pattern ('#' a number, 'UNIT' months/years/decades)."""
    count, unit = _count_and_units()
    phrases = sorted(vocab.words("period_total_phrases"), key=len, reverse=True)
    alternatives = "|".join(re.escape(p).replace("\\#", count).replace("UNIT", unit).replace("\\ ", " ") for p in phrases)
    return re.compile(rf"\b(?:{alternatives})\b", re.IGNORECASE)


def period_total(trigger: Token, fatalities: int | None = None) -> str | None:
    """A toll over a war or a long period, not one event: 'the war has killed 250,000', 'a year
    of fighting has killed 15,000', 'killed 1,200 civilians over the past year', 'more than
    4,000 killed since the coup', and any toll of thousands told in the perfect. Why, or None.
    (A clause with a day of its own is one event: the caller asks only when there is none.)"""
    verb = trigger if trigger.pos_ in ("VERB", "AUX") else trigger.head
    war = vocab.words("war_nouns")
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass", "agent"):
            heads = [child] if child.dep_ != "agent" else [p for p in child.children if p.dep_ == "pobj"]
            for head in heads:
                phrase = [head, *(c for c in head.children if c.dep_ in ("compound", "amod"))]
                if head.lemma_.lower() in war or " ".join(t.lower_ for t in sorted(phrase, key=lambda t: t.i)) in war:
                    if head.lemma_.lower() != "fighting" or _period_pattern().search(clause_text(verb)):
                        return "war"  # "the war has killed", "the insurgency has killed"
    if _period_pattern().search(clause_text(verb)):
        return "period"
    perfect = any(c.dep_ in ("aux", "auxpass") and c.lemma_.lower() == "have" for c in verb.children)
    if perfect and verb.lemma_.lower() in vocab.words("killing_words") and any(
            c.lower_ == "since" and c.dep_ in ("prep", "mark") for t in (verb, *verb.children) for c in t.children):
        return "running-total"  # "29 have been killed since the group began its assault on Friday"
    if perfect and fatalities is not None and fatalities >= settings.PERIOD_TOTAL_MIN_DEAD:
        return "perfect-total"
    return None


def spread_over_countries(ctx, trigger: Token) -> bool:
    """A toll over many countries ('more than 300 were killed in Malaysia, Myanmar, Somalia and
    Kenya') is a regional total, not one event: countries named in the phrases of the verb."""
    verb = trigger if trigger.pos_ in ("VERB", "AUX") else trigger.head
    spans = [(c.left_edge.idx, c.right_edge.idx + len(c.right_edge)) for c in verb.children if c.dep_ == "prep"]
    countries = {p.get("country_code") for p in ctx.places_in(trigger.sent)
                 if p.get("feature") == "country" and any(a <= p["start"] < b for a, b in spans)}
    return len(countries - {None}) >= settings.REGIONAL_TOTAL_MIN_COUNTRIES


def background_past(trigger: Token) -> bool:
    """Told in the past perfect outside reported speech ('after U.S. strikes had knocked out
    its air defences'): an earlier event set as background. (Under a reporting verb the
    past perfect is the news: 'police said gunmen had attacked the village'.) The caller
    asks only when the clause has no time phrase of its own."""
    verb = trigger if trigger.pos_ in ("VERB", "AUX") else None
    if verb is None and trigger.dep_ in ("nsubj", "nsubjpass", "dobj") and trigger.head.pos_ in ("VERB", "AUX"):
        verb = trigger.head
    if verb is None:
        return False
    if not any(c.dep_ in ("aux", "auxpass") and c.lower_ in ("had", "'d") for c in verb.children):
        return False
    reporting = vocab.words("reporting_verbs")
    return not any(tok.lemma_.lower() in reporting for tok in clause_chain(verb, limit=6)[1:])


def inquiry_into(trigger: Token) -> bool:
    """The event is what an inquiry or a case is about ('arrested in connection with the
    killing of a student', 'an investigation into the bombing'): told elsewhere, or history."""
    return trigger.dep_ == "pobj" and trigger.head.head.lemma_.lower() in vocab.words("inquiry_nouns")


def role_description(trigger: Token) -> bool:
    """A participle that says what a side does, not what it did: 'officials fighting Islamic
    State said', 'the coalition battling the militants', 'rebels fighting the government'."""
    # what it does acts on something ('ISIL shelling kills' is a headline's noun)
    return (trigger.tag_ == "VBG" and trigger.dep_ == "acl" and trigger.head.pos_ in ("NOUN", "PROPN", "PRON")
            and any(c.dep_ in ("dobj", "prep", "prt") for c in trigger.children))


def habit_modified(trigger: Token) -> bool:
    """An event noun told as a habit or a campaign: 'continued shelling', 'daily air strikes',
    'repeated attacks', 'indiscriminate bombing'. The words before the noun count too,
    however the parser hangs them ('the relentless shelling' with 'relentless' as an object)."""
    if trigger.pos_ not in ("NOUN", "PROPN"):
        return False
    before = []
    tok = trigger
    while tok.i > 0 and tok.nbor(-1).pos_ in ("ADJ", "NOUN", "PROPN", "VERB") and tok.nbor(-1).tag_ not in ("VBD", "VBZ", "VBP"):
        tok = tok.nbor(-1)
        before.append(tok)
    modifiers = [c for c in trigger.children if c.dep_ in ("amod", "compound")] + before
    return any(_lemma_in(c, "habit_modifiers") for c in modifiers)


def acts_in_general(trigger: Token) -> bool:
    """A plural event noun told as acts in general: 'recent bombings in Baghdad', 'previous
    attacks', 'many other raids'. No occurrence of its own; a number ('two recent attacks')
    counts occurrences, which may be told elsewhere, so it is left alone."""
    if trigger.tag_ not in ("NNS", "NNPS") or any(c.dep_ == "nummod" for c in trigger.children):
        return False
    return any(c.dep_ in ("amod", "compound", "det") and c.lower_ in vocab.words("acts_in_general_words")
               for c in trigger.children)


def long_duration(trigger: Token) -> bool:
    """What the trigger tells lasted months or more: 'fought the state for more than five
    decades', 'has besieged the town for months' (a 'for' phrase on the trigger or its verb)."""
    verb = trigger if trigger.pos_ in ("VERB", "AUX") or trigger.head.i == trigger.i else trigger.head
    for tok in {trigger, verb}:
        for child in tok.children:
            if child.dep_ == "prep" and child.lower_ == "for":
                phrase = "".join(t.text_with_ws for t in child.subtree)
                if _duration_pattern().match(phrase):
                    return True
    return False


@lru_cache(maxsize=1)
def _duration_pattern() -> re.Pattern:
    """'for (more than) (five) (straight) decades': a 'for' phrase of long units of time."""
    count, unit = _count_and_units()
    qualifiers = "|".join(re.escape(q) for q in sorted(vocab.words("count_qualifiers"), key=len, reverse=True))
    return re.compile(rf"\bfor (?:(?:{qualifiers}) )?(?:{count} )?(?:straight |consecutive )?{unit}\b", re.IGNORECASE)
