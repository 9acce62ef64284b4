"""Where each place is: the resolution half of `dateline_places`.

The way good geoparsers rank candidates: the country the article is about first
(worked out from the body and title, not from the dateline, which only says where
the reporter is), then the countries it names and their neighbours, then nearness
to the article's other places and the province the text names ("Basira in
Deir-ez-Zor"), then population. The container the text writes after a name
("Dublin, Ohio", "Paris, Mo.", "London, Ontario") rules out namesakes outside it
and is itself that unit; a list takes the kind of place most of its members are
("Ohio, Utah and Washington" are states); a country nothing else in the text
names loses to a state of the focus country ("Georgia" in a US story). A small
place found only in a country the article never mentions is not taken: the
mention falls back to the province the text names (geo_precision 3), or stays
unresolved.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from .. import vocab
from .gazetteer import ADMIN_FEATURES, CAPITAL, HISTORIC, Gazetteer, Place, get_gazetteer, name_key
from .place_names import (
    DIRECTION_ALTERNATION,
    NOT_NAMES,
    Mention,
    Word,
    bare_key,
    find_names,
    fitting,
    likeness,
    written_as,
    prior,
    size_score,
)

ABBREVIATED_CONTAINER = "its container is a state abbreviation"
LIST_BONUS = 2.5  # a name in a list takes the kind of place its neighbours are ("Ohio, Utah and Washington")
# the word a hyphen joins to a name: "US-backed", "Iran-allied" (sponsor_suffixes)
_HYPHEN_WORD = re.compile(r"-([a-z]+)\b")


def _sponsor(text: str, end: int, sponsors: frozenset[str]) -> bool:
    """Is the name ending at `end` a sponsor ("US-backed", "Iran-allied")?"""
    joined = _HYPHEN_WORD.match(text, end)
    return joined is not None and joined.group(1) in sponsors


FOREIGN_COUNTRY = 3.0  # what a country nothing else in the text names loses to a unit of the focus country
# between two names of one list: ", ", " and ", ", or "
_LIST_GAP = re.compile(r",? (?:and|or) |, ")

CAPITAL_BONUS = 2.0
# Degrees of latitude that hold 251 km of a meridian (a bound on any great-circle distance between
# points that far apart): past it, an anchor is beyond the 250 km of _resolve's nearness bonus.
_FAR_DEGREES = 251 / (6371.0 * math.pi / 180)

FEATURE_BONUS = {
    "country": 3.0, "continent": 2.0, "city": 0.6, "town": 0.6, "village": 0.4, "camp": 0.6,
    "province": 0.0, "state": 0.2, "district": -0.3, "subdistrict": -0.5, "neighbourhood": -0.5,
}


@dataclass
class Context:
    """What the article as a whole says about where it is."""

    focus: str | None = None
    named: dict[str, float] = field(default_factory=dict)  # countries the body names, with weight
    near: frozenset[str] = frozenset()  # neighbours of the focus country
    peoples: frozenset[str] = frozenset()  # countries whose people the text names ("Israeli strikes")
    # provinces the text names: 2 when named as such ("Idlib province"), 1 when
    # the name may be the province's or its capital's ("Raqqa")
    admin_keys: dict[str, float] = field(default_factory=dict)
    anchors: list[Place] = field(default_factory=list)  # places resolved with confidence

    @property
    def relevant(self) -> set[str]:
        return set(self.named) | ({self.focus} if self.focus else set())

    def weight(self, cc: str) -> float:
        """How much the article is about country `cc`: the focus 2, a named
        country up to 1.5 by how often it is named, a neighbour of the focus 0.75."""
        if cc == self.focus:
            return 2.0
        if cc in self.named:
            most = max(self.named.values())
            return max(0.5, 1.5 * self.named[cc] / most)
        return 0.75 if cc in self.near else 0.0


class PlaceResolver:
    """Works out the article's countries (`Context`) and puts each kept name on the map."""

    def __init__(self, gazetteer: Gazetteer | None = None,
                 demonym: Callable[[str], str | None] = lambda word: None):
        self._gaz = gazetteer
        self._demonym = demonym

    @property
    def gaz(self) -> Gazetteer:
        if self._gaz is None:
            self._gaz = get_gazetteer()
        return self._gaz

    def resolve_all(self, text: str, kept: list[Mention], ctx: Context) -> list[Mention]:
        """Put each place on the map: score candidates, then again with the confident
        ones as anchors, one place per name, no far namesakes. Returns the places the
        text writes only as a container no name was found at ("Tulsa, Okla.")."""
        _local_countries(text, kept)
        for m in kept:
            if any(c.feature in ADMIN_FEATURES for c in m.candidates):
                sure = 2.0 if m.hint == "admin" or all(c.feature in ADMIN_FEATURES for c in m.candidates) else 1.0
                ctx.admin_keys[m.key] = max(ctx.admin_keys.get(m.key, 0.0), sure)
        for m in kept:
            self._resolve(m, ctx)
        confident = [m.resolved for m in kept if m.resolved and not m.resolved.is_area and m.margin > 1.0]
        ctx.anchors = list({id(p): p for p in confident}.values())  # a town named ten times is one anchor
        _list_features(text, kept)
        for m in kept:
            self._resolve(m, ctx)
        _one_sense(kept)
        confirmed, written = _containers_agree(text, kept)
        for m in kept:
            if m.part_of is not None:
                _inside_its_city(m)
            elif m.resolved is None or m.resolved.id not in confirmed:
                self._no_far_village(m, ctx)
        return written

    # ---------------------------------------------------------- the article's country

    def context(self, mentions: list[Mention], meta: dict, words: list[Word], text: str = "") -> Context:
        """The focus country: the country the body (and title) names most, with
        places that can only be in one country and demonyms ("Iraqi forces")
        counting half; the dateline counts only when nothing else does."""
        votes: Counter = Counter()
        first: dict[str, int] = {}

        def vote(cands: tuple[Place, ...], written: str, pos: int) -> None:
            countries = [c for c in cands if c.feature == "country"]
            if countries:
                cc, w = countries[0].country_code, 1.0
            else:
                # a place in one country only: a big city or curated place counts half,
                # a town spelled as its own name a quarter
                for least, w in ((3.0, 0.5), (1.5, 0.25)):
                    ccs = {c.country_code for c in cands if prior(c, written) >= least and c.country_code}
                    if ccs:
                        break
                # the town that votes is the one spelled so ("Ghouta" is no vote for a Slovak town
                # one of whose old names is "Guta", because a Ukrainian "Huta" looks like it)
                voters = [c for c in cands if prior(c, written) >= least and c.country_code]
                if len(ccs) != 1 or (w < 0.5 and max(likeness(written, c.name) for c in voters) < 0.8):
                    return
                cc = ccs.pop()
            if countries and any(c.feature in ("state", "province") for c in cands):
                w = 0.5  # "Georgia" may be a state: a country name that is also a province's counts half
            votes[cc] += w
            first.setdefault(cc, pos)

        sponsors = vocab.words("sponsor_suffixes")
        for m in mentions:
            if _sponsor(text, m.end, sponsors):
                continue  # "US-backed Iraqi Kurds": a sponsor is not where the story is
            if not m.in_dateline and (m.positive or any(c.feature == "country" for c in m.candidates)):
                vote(m.candidates, m.text, m.start)
        for m in find_names(meta.get("title") or "", self.gaz):
            vote(fitting(m.candidates, m.text, self.gaz), m.text, -1)
        demonyms = Counter()
        after_pair = -1  # "South Sudanese", "Sri Lankan": one demonym of two words
        for k, w in enumerate(words):
            if w.cap and w.start > after_pair and not _sponsor(text, w.end, sponsors):
                nxt = words[k + 1] if k + 1 < len(words) else None
                cc = None
                if nxt is not None and nxt.cap and nxt.start == w.end + 1:
                    cc = self._demonym(f"{w.text} {nxt.text}")
                    after_pair = nxt.start if cc else -1
                if cc is None and w.lower not in NOT_NAMES:
                    cc = self._demonym(w.text)
                if cc:
                    demonyms[cc] += 0.5
                    first.setdefault(cc, w.start)
        votes.update(demonyms)
        ctx = Context(named={cc: v for cc, v in votes.items() if v >= 1.0}, peoples=frozenset(demonyms))
        # The dateline says where the reporter is, not where the story is: it
        # weighs one mention and wins ties, so a body that names another
        # country twice ("BEIRUT (Reuters) – ... Syria ... Syria") is about that one.
        home = self.dateline_country(meta, votes)
        if home and votes:
            votes[home] += 1.0
            first[home] = -2
        if votes:
            ctx.focus = max(votes, key=lambda cc: (votes[cc], -first.get(cc, 10**9)))
        else:
            ctx.focus = home
        ctx.near = self.gaz.neighbours(ctx.focus)
        return ctx

    def dateline_country(self, meta: dict, votes: Counter | None = None) -> str | None:
        """The country of the dateline: the one it writes, else its place's, read
        as a big city and, between namesakes, the one of a country the body names
        ("TRIPOLI" over a story on Lebanon is Lebanon's Tripoli)."""
        dl = meta.get("dateline") or {}
        votes = votes or Counter()
        names = ([dl["country"]] if dl.get("country") else []) + list(dl.get("places") or [])
        for name in names:
            cands = fitting(self.gaz.lookup(name), name, self.gaz)
            if cands:
                best = max(cands, key=lambda c: (c.feature == "country",
                                                 size_score(c) + (3.0 if votes.get(c.country_code) else 0.0)
                                                 + (CAPITAL_BONUS if c.flags & CAPITAL else 0.0)))
                return best.country_code
        return None

    # ---------------------------------------------------------- resolution

    def score(self, c: Place, m: Mention, ctx: Context) -> float:
        s = size_score(c) + FEATURE_BONUS.get(c.feature, 0.0)
        if c.source == "curated":
            s += 1.0
        if c.flags & HISTORIC:
            s -= 1.5
        if c.country_code:
            # a dateline's place too: the reporter is in or near the country written about
            s += ctx.weight(c.country_code) * (0.5 if m.in_dateline else 1.0)
        if c.flags & CAPITAL and likeness(m.text, c.name) >= 0.8:
            s += CAPITAL_BONUS  # capitals are named far more than their namesakes ("Washington"), by their own name
        if (c.feature == "country" and c.country_code not in ctx.relevant | ctx.near | ctx.peoples
                and any(o.country_code == ctx.focus and o.feature in ("state", "province") for o in m.candidates)):
            s -= FOREIGN_COUNTRY  # "Georgia" in a story on the US: the state, unless the text names the country
        if m.list_feature and (c.feature == m.list_feature or (m.list_feature, c.feature) == ("province", "state")):
            s += LIST_BONUS
        if m.in_dateline and m.hint is None and c.feature in ADMIN_FEATURES:
            s -= 2.0  # a dateline names a city ("NEW YORK"), a province only when it says so
        if m.hint == "settlement" and c.feature in ("district", "subdistrict"):
            s -= 1.5  # "the town of Geneina": the town, not the district named after it
        alike = likeness(written_as(m, c), c.name)  # "Plateau state": Plateau State
        if alike == 1.0:
            s += 1.0  # written as the place's own name, not an alternate one
        elif alike < 0.5:
            s -= 0.5
        if c.country_code and c.country_code in m.local:
            s += 1.0  # the country named next to it: "Iraq\n. Near Al Huwayjah", "X in northern Syria"
        return s

    def _resolve(self, m: Mention, ctx: Context) -> None:
        scored = []
        # "Woodbridge, Virginia", "Paris, Mo.", "Basira in Deir-ez-Zor": the container the text
        # writes rules out the namesakes outside it
        held = [c for c in m.candidates if any(inside(c, box) for box in m.container)]
        # a name is no anchor for itself: "Rafah" resolved once must not pull its namesake across the border
        own = {x.id for x in m.candidates}
        anchors = [a for a in ctx.anchors if a.id not in own]
        for c in held or m.candidates:
            s = self.score(c, m, ctx)
            if c.admin1 and (c.feature not in ADMIN_FEATURES or c.feature in ("district", "subdistrict")):
                s += ctx.admin_keys.get(name_key(c.admin1), 0.0)  # the province the article names elsewhere
            if held:
                s += 3.0
            if anchors and c.latitude is not None and not c.is_area:
                # an anchor _FAR_DEGREES north or south is over 250 km away, whatever its longitude: no bonus
                dists = [d for a in anchors if a.latitude is not None and abs(a.latitude - c.latitude) < _FAR_DEGREES
                         and (d := c.km_to(a)) is not None]
                if dists:
                    d = min(dists)
                    s += 2.0 if d < 30 else 1.5 if d < 100 else 0.75 if d < 250 else 0.0
            scored.append((s, c))
        scored.sort(key=lambda x: (-x[0], x[1].id))
        m.resolved = scored[0][1]
        m.margin = scored[0][0] - scored[1][0] if len(scored) > 1 else 99.0

    def _no_far_village(self, m: Mention, ctx: Context) -> None:
        """No silent wrong village: a small place outside every country the
        article is about falls back to a province the article names in those
        countries (geo_precision 3), or stays unresolved."""
        c = m.resolved
        if c is None or m.in_dateline or not ctx.relevant:
            return
        if any(inside(c, box) for box in m.container):
            return  # the text says where it is: "Woodbridge, Virginia"
        if any(b.feature == "country" for b in m.container) and not c.is_area and prior(c) < 2.5:
            # "X in Iraq" with no X known in Iraq: a village the gazetteer lacks, or no place at all
            # ("a U.S. Marine in Iraq"); never a small namesake in another country. (A state is
            # spared: "California, Colorado, Georgia" is a list, not Colorado in Georgia.)
            m.notes.append(f"not in the country written after it: {c.name} ({c.country_code})")
            m.resolved, m.geo_precision = None, 3
            return
        boxes = [b for b in m.container if b.feature in ADMIN_FEATURES and b.country_code in ctx.relevant]
        same_country = c.country_code == boxes[0].country_code if boxes else False
        if boxes and (not same_country or (c.admin1 and prior(c) < 2.5)):
            # "Kuriga in Kaduna state": not a namesake outside the province the text names
            m.notes.append(f"not in {boxes[0].name}: {c.name} ({c.country_code})")
            m.resolved, m.geo_precision = max(boxes, key=size_score), 3
            return
        # "Palma in Cabo Delgado province, Mozambique" is not the Palma of Spain
        elsewhere = (m.country_after is not None and c.country_code != m.country_after and not c.is_area
                     and c.country_code not in ctx.relevant)
        if not elsewhere and (c.country_code in ctx.relevant or c.country_code in ctx.near or prior(c) >= 2.5):
            return
        if not ctx.named and m.positive and len({x.country_code for x in m.candidates}) == 1 \
                and likeness(m.text, c.name) >= 0.9:
            # the focus rests on one people's name ("Russian warplanes struck the town of Kafranbel"):
            # the attacker's country, not the place's; a town written as only one country has it is there
            return
        m.notes.append(f"only candidate far away: {c.name} ({c.country_code})")
        m.resolved, m.geo_precision = None, 3
        boxes = [b for b in m.container if b.feature in ADMIN_FEATURES and b.country_code in ctx.relevant]
        if boxes:
            m.resolved = max(boxes, key=size_score)


_UP_TO_COUNTRY = re.compile(
    r"(?:,| in| of)(?: the)?(?: (?:" + DIRECTION_ALTERNATION + r")(?:-?\w+ern)?)?"
    r"(?: [A-Z][\w’'.-]+){0,4}(?: (?:province|governorate|region|state|district))?,? (?:the )?"
)


def _local_countries(text: str, kept: list[Mention]) -> None:
    """For each place, the countries named just before it in the same
    paragraph (a list under a "Syria" heading) or right after it in the same
    sentence ("Palmyra, Syria", "Ayn Issa in northern Syria")."""
    countries = []
    for m in kept:
        country = next((c for c in m.candidates if c.feature == "country"), None)
        if country is not None:
            countries.append((m.start, m.end, country.country_code))
    for m in kept:
        local = set()
        before = [x for x in countries if x[1] <= m.start and m.start - x[1] <= 300 and "\n\n" not in text[x[1] : m.start]]
        if before:
            local.add(before[-1][2])
        for s, e, cc in countries:
            if 0 < s - m.end <= 60 and _UP_TO_COUNTRY.fullmatch(text[m.end : s]):
                local.add(cc)
                m.country_after = cc
                break
        m.local = frozenset(local)




def _list_features(text: str, kept: list[Mention]) -> None:
    """The kind of place each list names: in "Ohio, Utah and Washington", "Anhui,
    Guangdong, Hainan" the names the first pass placed as states or provinces make
    the others states or provinces too (at least two, and half of its members, agree)."""
    ordered = sorted(kept, key=lambda m: m.start)
    lists, run = [], [ordered[0]] if ordered else []
    for a, b in zip(ordered, ordered[1:]):
        if _LIST_GAP.fullmatch(text[a.end : b.start]):
            run.append(b)
        else:
            lists.append(run)
            run = [b]
    lists.append(run)
    for members in lists:
        if len(members) < 3:
            continue
        kinds = Counter("province" if m.resolved.feature == "state" else m.resolved.feature  # one level
                        for m in members if m.resolved is not None and m.margin > 1.0)
        if not kinds:
            continue
        kind, n = kinds.most_common(1)[0]
        if kind in ("country", "province") and n >= 2 and n * 2 >= len(members):
            for m in members:
                m.list_feature = kind


def _containers_agree(text: str, kept: list[Mention]) -> tuple[set[int], list[Mention]]:
    """A name placed inside the container the text writes after it ("Rockville, Maryland")
    makes the container's own mention that very unit, and is confirmed: its other
    mentions need no more evidence. A container no name was found at (a state
    abbreviation: "Tulsa, Okla.") becomes a place of its own. Returns the ids of
    confirmed places and those new places."""
    confirmed: set[int] = set()
    written: list[Mention] = []
    by_start = {m.start: m for m in kept}
    for m in kept:
        c = m.resolved
        boxes = [b for b in m.container if c is not None and inside(c, b)]
        if not boxes or m.container_span is None:
            continue
        confirmed.update((c.id, boxes[0].id))
        box_mention = by_start.get(m.container_span[0])
        if box_mention is None:
            if ABBREVIATED_CONTAINER not in m.notes:
                continue
            start, end = m.container_span
            box_mention = Mention(start, end, text[start:end], (boxes[0],), kept=True, resolved=boxes[0],
                                  in_dateline=m.in_dateline)
            written.append(box_mention)
            by_start[start] = box_mention
        elif boxes[0] in box_mention.candidates and box_mention.resolved is not boxes[0]:
            box_mention.notes.append(f"the container of {m.text}")
            box_mention.resolved = boxes[0]
    return confirmed, written


def inside(c: Place, box: Place) -> bool:
    """Whether place `c` lies in the country, state or province `box` (by name, not shape)."""
    if c is box or c.country_code != box.country_code or not c.country_code:
        return False
    if box.feature == "country":
        return True
    keys = {name_key(box.name)} | ({name_key(box.admin1)} if box.admin1 else set())
    if box.feature == "district":
        return bool(c.admin2) and name_key(c.admin2) in keys
    return bool(c.admin1) and name_key(c.admin1) in keys


def _inside_its_city(m: Mention) -> None:
    """A part of a city is in that city: the candidate within 30 km of it, or,
    when the part is unknown, the city itself at geo_precision 2 (never an
    "Aden" in Yemen for the Aden neighbourhood of Mosul)."""
    city = m.part_of
    if city is None or m.resolved is city or m.in_dateline:
        return
    if m.resolved is not None and m.resolved.country_code == city.country_code and prior(m.resolved) >= 2.5:
        return  # a city of its own in that country ("Mosul, Iraq's second city"), not a part
    near = [c for c in m.candidates if (d := c.km_to(city)) is not None and d <= 30]
    if near:
        m.resolved = max(near, key=size_score)
    else:
        m.notes.append(f"unknown part of {city.name}")
        m.resolved, m.geo_precision = city, 2


def _one_sense(kept: list[Mention]) -> None:
    """One place per name per article: the resolution its mentions agree on
    most firmly ("a Brussels meeting" is the Brussels of "in Brussels"). A dateline
    names a city and "Raqqa province" the province: neither decides for the bare
    name in the body ("toward Raqqa" stays the city)."""
    groups: dict[tuple[str, bool], list[Mention]] = {}
    for m in kept:
        if m.resolved is not None and not m.in_dateline:
            groups.setdefault((bare_key(m.text), m.hint in ("admin", "district")), []).append(m)
    for group in groups.values():
        if len(group) < 2:
            continue
        support: Counter = Counter()
        for m in group:
            support[m.resolved.id] += 1.0 + min(m.margin, 5.0)
        winner_id = max(support, key=support.get)
        winner = next(m.resolved for m in group if m.resolved.id == winner_id)
        for m in group:
            if m.resolved.id != winner_id and winner in m.candidates:
                m.notes.append(f"one sense per article: {m.resolved.name} -> {winner.name}")
                m.resolved = winner


