"""When an event happened: the time phrase of its own clause, else the story's reference time.

A time phrase dates the trigger when it sits in the trigger's phrase or clause, right
behind a noun trigger ("the strike on Sunday"), before the relative clause that tells
the event ("an attack earlier this week that killed eight"), or on a governing clause
that reports what happened then ("forces said on Friday they had captured the town").
It does not when it dates the saying or the claim ("claimed on Tuesday the killing of
...") or is a yardstick ("the deadliest attack since 2001").
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from .. import settings, vocab
from .context import PRECISION_CODE, ArticleContext

def date_for(ctx: ArticleContext, trigger: Token, sent: Span) -> tuple[tuple[str | None, int, int | None], bool]:
    """((event_date, time_precision, year), whether the date is the clause's own)."""
    timexes = [t for t in ctx.timexes_in(sent) if t.get("date") or t.get("year")]
    own = [t for t in timexes if _in_clause_of(sent.doc, t, trigger)]
    if own and _claimed_act(trigger):
        # "X claimed responsibility on Tuesday for the killing of ...": Tuesday dates the claim
        own = [t for t in own if trigger.left_edge.idx <= t["start"] <= trigger.right_edge.idx
               or _right_after(sent.doc, t, trigger) or _just_before_clause(sent.doc, t, trigger)]
    if not own:
        if ctx.reference[0] and _some_time_before(trigger):
            # "the attack came days after the army said it had killed dozens": earlier, on a
            # day the story does not give; its month, not the day of the act it is told beside
            return (ctx.reference[0][:8] + "01", 3, None), False
        return ctx.reference, False
    t = min(own, key=lambda t: abs(t["start"] - trigger.idx))
    if not t.get("date") or t.get("precision") == "year":
        return (None, 3, t.get("year") or (int(t["date"][:4]) if t.get("date") else None)), True
    tp = t.get("time_precision") or PRECISION_CODE.get(t.get("precision"), 3)
    return (t["date"], tp, None), True


def _some_time_before(trigger: Token) -> bool:
    """Is the trigger in a clause told as days, weeks or months before the one it hangs on
    ("came days after the army said it had killed ...", "two weeks after fighters seized")?
    Not hours: "hours after" may well be the same day."""
    units = vocab.words("calendar_units") - {"hour"}
    tok = trigger
    for _ in range(settings.SOME_TIME_BEFORE_MAX_STEPS):
        after = next((c for c in tok.children if c.lower_ == "after" and c.dep_ == "mark"), None)
        if after is not None and any(c.dep_ == "npadvmod" and c.lemma_.lower() in units and c.i < after.i
                                     for w in (tok, after) for c in w.children):
            return True
        if tok.head.i == tok.i:
            return False
        tok = tok.head
    return False


def _claimed_act(trigger: Token) -> bool:
    tok = trigger
    for _ in range(4):
        if tok.head.i == tok.i:
            return False
        tok = tok.head
        if tok.lemma_.lower() == "claim" and any(c.lemma_.lower() == "responsibility" for c in tok.children):
            return trigger.lemma_.lower() not in ("claim", "responsibility")
    return False


def _clause_head(tok: Token) -> Token:
    """The verb (or root) heading the clause a token is in."""
    while tok.head.i != tok.i and not (tok.pos_ in ("VERB", "AUX") and tok.dep_ in CLAUSE_DEPS):
        tok = tok.head
    return tok


CLAUSE_DEPS = {"ROOT", "ccomp", "advcl", "relcl", "xcomp", "conj", "acl", "pcomp", "csubj", "parataxis"}


def _in_clause_of(doc: Doc, timex: dict, trigger: Token) -> bool:
    """Does the time expression belong to the trigger's clause (or the trigger's own phrase)?

    "Trump said on Friday that IS had claimed the attacker who killed eight": Friday
    dates the saying, not the killing."""
    span = doc.char_span(timex["start"], timex["end"], alignment_mode="expand")
    if span is None:
        return True
    root = span.root
    if root.dep_ == "pobj" and root.head.lower_ in ("since", "until", "before"):
        return False  # "the deadliest attack since Sept. 11, 2001": a yardstick, not the date
    t_head = _clause_head(root)
    if t_head.dep_ == "relcl" and t_head.head.i != trigger.i and t_head.i != _clause_head(trigger).i \
            and trigger.is_ancestor(t_head):
        return False  # "attacking the town of Heet, which the army recaptured last month": the town's story
    if trigger.left_edge.i <= root.i <= trigger.right_edge.i:
        return not (_coarse(timex) and _in_clause_on_other(root, trigger))
    if _right_after(doc, timex, trigger):
        return True
    head = _clause_head(trigger)
    if t_head == head:
        return True
    if head.dep_ in ("relcl", "advcl", "acl") and span.start <= head.head.i < span.end:
        return True  # "in July, when Iraqi forces completed the recapture": a clause on the date itself
    if _relative_clause(head) and 0 <= head.left_edge.i - span.end <= 1:
        return True  # "a truck attack earlier this week that killed eight": the date of what the clause describes
    # A time phrase on the governing clause dates a clause that reports what happened then
    # ("forces said on Friday they had captured the town"), or a clause set at that time
    # ("collapsed in July, when Iraqi forces completed the recapture of Mosul").
    # Up a short chain too: "On Sunday, the SDF faced mines as they attempted to overrun the enclave".
    if trigger.tag_ == "VBG":
        # a bare participle tells what its clause's act did, then: "air strikes hit a
        # hospital last week, killing children" (not "after capturing", "while fleeing");
        # whatever dates that act dates it ("two attacks earlier this year that struck a
        # convoy, killing dozens")
        if trigger.dep_ not in ("advcl", "xcomp", "conj") or any(c.dep_ == "mark" for c in trigger.children):
            return False
        return _dates_clause(span, _clause_head(trigger.head), t_head)
    for _ in range(3):
        if head.dep_ not in ("ccomp", "xcomp", "conj", "advcl"):
            return False
        if head.head == t_head:
            return True
        head = _clause_head(head.head)
    return False


def _coarse(timex: dict) -> bool:
    """A month or a year, not a day: the time a place's past is told by."""
    return (timex.get("time_precision") or PRECISION_CODE.get(timex.get("precision"), 3)) >= 3


def _in_clause_on_other(tok: Token, trigger: Token) -> bool:
    """Is the token in a relative clause that tells what was done to a place of the trigger's
    phrase? "attacking the town of Heet, which the army recaptured last month": last month
    dates the recapture (told by a month or a year, as a place's past is). Not "the town,
    where ... on Monday" (the event's own scene), nor a clause on the people hit ("guests who
    had gathered")."""
    while tok.i != trigger.i and tok.head.i != tok.i:
        if tok.dep_ == "relcl" and tok.head.i != trigger.i:
            return _place_word(tok.head) and any(
                c.dep_ in ("dobj", "nsubj", "nsubjpass") and c.lower_ in vocab.words("relative_pronouns") for c in tok.children)
        tok = tok.head
    return False


def _place_word(tok: Token) -> bool:
    return tok.ent_type_ in ("GPE", "LOC", "FAC") or tok.lemma_.lower() in vocab.words("settlement_nouns") \
        or tok.lemma_.lower() in vocab.words("territory_nouns")


def _dates_clause(span: Span, head: Token, t_head: Token) -> bool:
    """Does the time phrase `span` (in the clause headed by `t_head`) date the clause headed by
    `head`: its own, the one its clause is about ("in July, when ..."), or the noun phrase its
    relative clause describes ("two attacks earlier this year that struck a convoy")?"""
    if t_head == head:
        return True
    if head.dep_ in ("relcl", "advcl", "acl") and span.start <= head.head.i < span.end:
        return True
    return _relative_clause(head) and 0 <= head.left_edge.i - span.end <= 1


def _relative_clause(head: Token) -> bool:
    """A relative clause, also when the parser took "that killed eight" for a complement."""
    if head.dep_ == "relcl":
        return True
    return head.dep_ == "ccomp" and any(
        c.dep_ == "nsubj" and c.lower_ in ("that", "which", "who") and c.i == head.left_edge.i for c in head.children)


def _just_before_clause(doc: Doc, timex: dict, trigger: Token) -> bool:
    """The time phrase closing the noun phrase a relative clause describes: "an attack
    earlier this week that killed eight" dates the killing."""
    span = doc.char_span(timex["start"], timex["end"], alignment_mode="expand")
    head = _clause_head(trigger)
    return span is not None and _relative_clause(head) and 0 <= head.left_edge.i - span.end <= 1


def _right_after(doc: Doc, timex: dict, trigger: Token) -> bool:
    """A time phrase right behind a noun trigger's phrase is the noun's, however the parser
    hangs it: "claimed a truck attack earlier this week", "the strike on Sunday"."""
    if trigger.pos_ not in ("NOUN", "PROPN"):
        return False
    span = doc.char_span(timex["start"], timex["end"], alignment_mode="expand")
    return span is not None and span.start == trigger.right_edge.i + 1
