"""dateline_dates: time expressions in the body, resolved against the publication date.

Sets `doc._.timexes`: one dict per expression, in text order, without overlaps:
`text, start, end` (character offsets into the body), `date` (first day, or None),
`end_date` (last day, or None), `precision` ("day", "span", "week", "month",
"year"), `time_precision` (ACLED's 1, 2, 3), `year` (int or None), and our own
`kind` (which rule found it: "weekday", "date_range", "relative", ...).

Recognition and calendar arithmetic live in `dateline.chrono` (shared with the
reader, which infers publication dates). This component adds what only the parse
can tell: the tense of the verb an expression hangs on, which decides whether
"on Thursday" or "in March" lies behind the publication date or ahead of it.

Why not dateparser: with past preference it sends "on Thursday" in a Thursday
story back a week, it finds nothing in "in late March", and it splits "between
March 10 and March 23" into two days; news needs spans and precision, which the
rules in `chrono` give directly.
"""

# No `from __future__ import annotations`: spaCy reads the factory's annotations at run time.
from spacy.language import Language
from spacy.tokens import Doc, Token

from .. import vocab
from ..chrono import Reference, find_mentions, resolve_all, timex_dict
from .doccache import text as doc_text
from .meta import ensure

_FUTURE_AUX = {"will", "shall", "'ll", "wo", "would"}


def tense_from_parse(doc: Doc, start: int, end: int) -> str | None:
    """'past', 'future' or None from the verb governing the characters start..end."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    token: Token = span.root
    if token.head.pos_ in ("NOUN", "PROPN") and token.head not in span:
        return None  # "Saturday's attack", "the capture of Raqqa in 2017": no verb of its own
    for _ in range(8):  # climb to the governing verb
        if token.pos_ in ("VERB", "AUX") and token.dep_ not in ("aux", "auxpass"):
            break
        if token.head is token:
            return None
        token = token.head
    else:
        return None
    if token.pos_ not in ("VERB", "AUX"):
        return None
    aux = {child.lower_ for child in token.children if child.dep_ in ("aux", "auxpass")}
    if aux & _FUTURE_AUX:
        return "future"
    if any(child.dep_ == "aux" and child.lower_ == "to" for child in token.children):
        governor = token.head
        if governor.lemma_.lower() in vocab.words("looking_ahead_verbs") or governor.lower_ in ("going", "due", "set", "poised"):
            return "future"
    if token.tag_ in ("VBD", "VBN") or aux & vocab.words("past_auxiliaries"):
        return "past"
    return None


class DateNormaliser:
    """Finds time expressions and resolves them against `doc._.meta["published"]`."""

    def __call__(self, doc: Doc) -> Doc:
        meta = doc._.meta or {}
        ref = Reference.from_published(meta.get("published"))
        mentions = find_mentions(doc_text(doc))
        if doc.has_annotation("DEP"):
            # The cue words right before an expression are the surer sign ("said
            # last week ... would" parses as future); the parse fills in where
            # they are silent ("The SDF this weekend resumed ...").
            for mention in mentions:
                if mention.tense is None:
                    mention.tense = tense_from_parse(doc, mention.start, mention.end)
        doc._.timexes = [timex_dict(m, w) for m, w in resolve_all(mentions, ref)]
        return doc


# The parse is used where it is there (the tense of the governing verb), not required.
@Language.factory("dateline_dates", assigns=["doc._.timexes"])
def make_dateline_dates(nlp: Language, name: str) -> DateNormaliser:
    ensure("meta", "timexes")
    return DateNormaliser()
