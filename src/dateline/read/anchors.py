"""Dating by events dated elsewhere: the anchor book of the publication-date reader.

Events the text dates relatively ("collapsed last year", "recaptured Mosul in July")
are dated absolutely elsewhere: in the same article, or in another article of the
same input. `AnchorBook` keeps the dated occurrences (keyed by the words around
them, from `data/time_anchors.json`) and gives an article the bounds they imply;
`published.refine_published` re-infers the articles that are not sure with it.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from importlib import resources

from .. import vocab
from ..chrono import (
    MONTHS,
    RESOLVERS,
    WEEKDAYS,
    Mention,
    Reference,
    find_mentions,
    month_end,
    month_number,
    resolve,
    safe_date,
)
from ..record import Article
from ..settings import ANCHOR_BIND_TOKENS as BIND_TOKENS
from ..settings import ANCHOR_CONTEXT_TOKENS as CONTEXT_TOKENS
from ..settings import MAX_ANCHOR_WINDOW_DAYS, WEEKDAY_ERA_YEARS, WEEKDAY_FIT_DAYS
from .bounds import Bound, Window, period_bounds


@lru_cache(maxsize=1)
def _lexicon() -> tuple[dict[str, frozenset[str]], frozenset[str]]:
    data = json.loads(resources.files("dateline.data").joinpath("time_anchors.json").read_text(encoding="utf-8"))
    classes: dict[str, set[str]] = defaultdict(set)
    for cls, forms in data["classes"].items():
        for form in forms:
            classes[form].add(cls)
    return {k: frozenset(v) for k, v in classes.items()}, frozenset(data["generic_words"])


_TOKEN = re.compile(r"[A-Za-z][A-Za-z’'.-]*[A-Za-z]|[A-Za-z]")
_SENTENCE_END = re.compile(r"(?<=[.!?”\"])\s+(?=[A-Z“\"‘(])|\n+")
# Kinds whose relation to the publication date can be solved from a dated occurrence.
ANCHORABLE = {"relative", "relative_part", "ago", "month", "month_part", "month_of_year", "season"}


_ARTICLES = "|".join(vocab.ordered("arabic_articles"))  # "al-Raqqa", "ash-Shaddadi"
_LOWER_PREFIXED_NAME = re.compile(r"(?:" + _ARTICLES + r")-[A-Z]")
_ARTICLE_PREFIX = re.compile(r"^(?:" + _ARTICLES + r")-")


def _norm(token: str) -> str:
    """Lower case, no possessive, and one spelling for common transliteration variants
    (al-Raqqah, Raqqah and Raqqa are one name)."""
    token = token.lower().replace("’", "'")
    if token.endswith("'s"):
        token = token[:-2]
    token = token.rstrip(".'")
    token = _ARTICLE_PREFIX.sub("", token)
    if len(token) > 4 and token.endswith("ah"):
        token = token[:-1]
    return token


@dataclass(frozen=True)
class Statement:
    """A time expression with the occurrence it is bound to and the names around it."""

    mention: Mention
    classes: frozenset[str]
    words: frozenset[str]
    sentence: int


@lru_cache(maxsize=64)  # dating one article reads its body's time expressions up to six times in a row
def body_mentions(body: str) -> tuple[Mention, ...]:
    """The body's time expressions, for reading only: the read layer never changes them."""
    return tuple(find_mentions(body))


@lru_cache(maxsize=64)
def body_statements(body: str) -> tuple[Statement, ...]:
    return tuple(statements(body, list(body_mentions(body))))


def statements(body: str, mentions: list[Mention]) -> list[Statement]:
    """Time expressions bound to an occurrence word ("recaptured Mosul in July")."""
    forms, generic = _lexicon()
    sentences = [0] + [m.end() for m in _SENTENCE_END.finditer(body)] + [len(body)]
    reach = max(BIND_TOKENS, CONTEXT_TOKENS)

    def tokens(start: int, end: int) -> list[tuple[str, bool]]:
        """(normalised token, is a name) between two offsets. Names identify an
        occurrence; common nouns ("militias", "the town") do not, and a capital at
        the start of a sentence proves nothing."""
        out = []
        for m in _TOKEN.finditer(body, start, end):
            i = m.start()
            named = (body[i].isupper() or bool(_LOWER_PREFIXED_NAME.match(body, i))) and i not in sentence_starts
            named = named and body[max(0, i - 1)] not in "“\"‘("
            out.append((_norm(m.group(0)), named))
        return out

    sentence_starts = set(sentences)
    out: list[Statement] = []
    for k, mention in enumerate(mentions):
        sent = bisect_right(sentences, mention.start) - 1
        left = max(sentences[sent], mentions[k - 1].end if k else 0)
        right = min(sentences[sent + 1] if sent + 1 < len(sentences) else len(body),
                    mentions[k + 1].start if k + 1 < len(mentions) else len(body))
        # eight words fit in well under 150 characters; no need to read further
        before = tokens(max(left, mention.start - 150), mention.start)[::-1][:reach]
        after = tokens(mention.end, min(right, mention.end + 150))[:reach]
        classes: frozenset[str] = frozenset()
        for word, _ in before[:BIND_TOKENS] + after[:BIND_TOKENS]:  # nearest before, then nearest after
            if word in forms:
                classes = forms[word]
                break
        if not classes:
            continue
        words = frozenset(
            word for word, named in before[:CONTEXT_TOKENS] + after[:CONTEXT_TOKENS]
            if named and len(word) >= 3 and word not in generic and word not in MONTHS and word not in WEEKDAYS
        )
        if words:
            out.append(Statement(mention, classes, words, sent))
    return out


def _solve(mention: Mention, period: tuple[date, date]) -> Bound | None:
    """The publication days from which `mention` lands on `period` (month-end steps)."""
    fn = RESOLVERS[mention.kind]
    first, last = period
    agreeing: list[date] = []
    # Publication days worth trying: a year either side of the period, shifted by the
    # mention's own distance when it has one ("four years ago", "a decade ago").
    reach = 1
    if mention.kind == "ago":
        from ..chrono import _count

        n = _count(mention.parts.get("n", "")) or 0
        unit = (mention.parts.get("unit") or "").lower()
        reach += n * (10 if unit == "decade" else 1) if unit in ("year", "decade") else 0
    month = date(max(first.year - 1, 1), 1, 1)
    stop = date(min(last.year + reach + 2, 9998), 1, 1)
    while month < stop:
        for pub in (month, month_end(month)):
            when = fn(mention.parts, pub, mention.tense)
            span = period_bounds(when) if when else None
            if span and span[0] <= last and first <= span[1]:
                agreeing.append(pub)
        month = month_end(month) + timedelta(days=1)
    if not agreeing:
        return None
    lo, hi = min(agreeing), max(agreeing)
    if (hi - lo).days > MAX_ANCHOR_WINDOW_DAYS:
        return None
    return Bound(lo, hi, f"'{mention.text}' dated by {first}..{last} elsewhere")


class AnchorBook:
    """Occurrences dated in the text, to date other texts that mention them relatively.

    Keyed by (occurrence class, content word): "Mosul ... recaptured ... July 2017"
    files July 2017 under (recapture, mosul). An article saying "recaptured Mosul
    in July" with no year is then published between July 2017 and June 2018. A key
    holding several periods counts for each; a mention is dated by the period most
    of its words point to, and not at all when two periods tie.
    """

    def __init__(self) -> None:
        self._index: dict[tuple[str, str], dict[tuple[date, date], set[tuple[str, int]]]] = defaultdict(lambda: defaultdict(set))
        # Years the input's surely dated articles were published in: its era.
        self._years: set[int] = set()

    def add(self, art: Article, *, relative: bool = True, mentions: list[Mention] | None = None) -> None:
        """File the article's dated occurrences: absolute ones always, relative ones
        ("in July") when `relative` and its publication date is known to the day or month."""
        reference = _reliable_reference(art.published) if relative else None
        if reference is not None:
            self._years.add(reference.lo.year)
        for st in body_statements(art.body) if mentions is None else statements(art.body, mentions):
            when = RESOLVERS[st.mention.kind](st.mention.parts, None, st.mention.tense)
            if when is None:
                if reference is None:
                    continue
                when = resolve(st.mention, reference)
            period = period_bounds(when)
            if period is None:
                continue
            for cls in st.classes:
                for word in st.words:
                    self._index[(cls, word)][period].add((art.id, st.sentence))

    def bounds_for(self, art: Article, mentions: list[Mention] | None = None) -> list[Bound]:
        """Bounds on the article's publication from its relatively dated occurrences."""
        out: list[Bound] = []
        for st in body_statements(art.body) if mentions is None else statements(art.body, mentions):
            if st.mention.kind not in ANCHORABLE:
                continue
            if RESOLVERS[st.mention.kind](st.mention.parts, None, st.mention.tense) is not None:
                continue  # dated on its own
            votes: Counter[tuple[date, date]] = Counter()
            for word in st.words:
                periods: set[tuple[date, date]] = set()
                for cls in st.classes:
                    for period, sources in self._index.get((cls, word), {}).items():
                        if any(src != (art.id, st.sentence) for src in sources):
                            periods.add(period)
                for period in periods:
                    votes[period] += 1
            bound = self._best(st.mention, votes)
            if bound is not None:
                out.append(bound)
        out.extend(self._weekday_date_bounds(body_mentions(art.body) if mentions is None else mentions))
        return out

    def era(self) -> tuple[int, int] | None:
        """The years the input's surely dated articles span, one year either side."""
        if not self._years:
            return None
        return min(self._years) - 1, max(self._years) + 1

    def _weekday_date_bounds(self, mentions: list[Mention]) -> list[Bound]:
        """Bounds from days named with weekday and date but no year ("On Monday, Dec. 26").

        A month, day and weekday recur only every 5, 6 or 11 years, so within the
        input's era (at most five years wide) one year at most fits. News style names
        the weekday only for days within a week of the story (AP: "within seven days
        before or after"), so that day bounds the publication: from it to a week after
        for a past or untensed day, from a week before to it for a future one. Nothing
        when no surely dated article gives an era, or when the era admits two years.
        """
        era = self.era()
        if era is None or era[1] - era[0] > WEEKDAY_ERA_YEARS:
            return []
        out = []
        for m in mentions:
            if m.kind != "date" or "w" not in m.parts or "y" in m.parts:
                continue
            month, dom = month_number(m.parts["m"]), int(m.parts["d"])
            weekday = WEEKDAYS.get(m.parts["w"].lower())
            days = [
                d
                for year in range(era[0], era[1] + 1)
                if (d := safe_date(year, month, dom)) is not None and d.weekday() == weekday
            ]
            if len(days) != 1:
                continue
            (d,) = days
            if m.tense == "future":
                out.append(Bound(d - timedelta(days=WEEKDAY_FIT_DAYS), d, f"'{m.text}' ahead, in {d.year} of the input's era"))
            else:
                out.append(Bound(d, d + timedelta(days=WEEKDAY_FIT_DAYS), f"'{m.text}', in {d.year} of the input's era"))
        return out

    @staticmethod
    def _best(mention: Mention, votes: Counter) -> Bound | None:
        """The window the best-supported period gives; None on a tie between disagreeing ones."""
        solved: list[tuple[int, Bound]] = []
        for period, n in votes.items():
            bound = _solve(mention, period)
            if bound is not None:
                solved.append((n, bound))
        if not solved:
            return None
        solved.sort(key=lambda item: -item[0])
        top_n, top = solved[0]
        for n, other in solved[1:]:
            if n == top_n and Window(top.lo, top.hi).narrowed(other) is None:
                return None  # two periods equally supported and incompatible
        return top


def _reliable_reference(published: dict | None) -> Reference | None:
    """A publication date good enough to date other articles' events by."""
    ref = Reference.from_published(published)
    if ref is None or ref.hi is None:
        return None
    if (ref.hi - ref.lo).days > 31:
        return None
    return ref
