"""Cut one article's paragraphs into title, captions, byline, dateline, body and credits.

Scraped wire copy keeps everything the page showed: headline, photo captions, the
byline, the dateline paragraph, the story with its subheads, and the closing credits
parenthesis. Only the story belongs in `body`; the rest becomes metadata.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from .. import vocab
from ..record import empty_credits

MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December|"
    "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
)

AGENCIES = (
    r"Reuters|AP|AFP|Associated Press|Agence France-Presse|UPI|dpa|DPA|Xinhua|Anadolu|"
    r"Bloomberg|IANS|PTI|ANI|EFE|ANSA|TASS|Kyodo|Yonhap|Al Jazeera|BBC|CNN|Dateline Wire"
)

# "BEIRUT/ERBIL (Reuters) –", "AL-HOL CAMP, Syria (Reuters) –", "KABUL, March 3 (Reuters) -"
DATELINE = re.compile(
    r"^(?P<places>[A-Z][A-Z0-9 .'’\-/&]*[A-Z.])"
    r"(?:,\s*(?P<country>(?!(?:" + MONTHS + r")\b)[A-Z][A-Za-z.'’ \-]{1,40}?))?"
    r"(?:,\s*(?P<date>(?:" + MONTHS + r")\.?\s+\d{1,2}(?:,\s*\d{4})?))?"
    r"\s*\((?P<agency>" + AGENCIES + r")\)\s*[–—-]+\s*"
)

CREDITS = re.compile(
    r"^\((?=[^()]*\b(?:reporting|writing|editing|compiled|edited|written|reported)\b)[^\n]*\)$",
    re.IGNORECASE,
)
_ROLE = re.compile(
    r"\b(additional reporting|reporting|writing|editing|compiled|written|edited|reported)\s+by\s+",
    re.IGNORECASE,
)
_ROLE_NAME = {
    "additional reporting": "additional_reporting",
    "reporting": "reporting",
    "reported": "reporting",
    "writing": "writing",
    "written": "writing",
    "compiled": "writing",
    "editing": "editing",
    "edited": "editing",
}

BYLINE = re.compile(r"^By\s+(?P<names>[A-Z][^\n]{1,200})$")
_CAPTION_MARK = re.compile(
    r"REUTERS/|Picture taken|^FILE PHOTO|\bAP Photo/|\bAFP(?: PHOTO)?/|Getty Images|"
    r"\(Reuters photo\)|^Photo:|\bFile Photo\b|\bREUTERS TV\b",
)
# Captions name the picture's place and date last: "... in Al-Qaim, Iraq November 3, 2017."
# Prose says "on Nov. 29, 2016" or "at 10 a.m. Nov. 29"; a caption puts the date
# straight after the place.
_CAPTION_DATE_END = re.compile(
    r"(?<!\bon )(?<!\bat )(?<!\bof )(?<!\bby )(?<!\buntil )(?<!\bsince )(?<!\.m\. )(?<!\d )"
    r"(?:" + MONTHS + r")\.? \d{1,2}, (?:19|20)\d\d\.?\s*$"
)
# A subhead is a short line in capitals: "UNPOPULAR", "‘LIMBLESS CHILDREN’".
_SUBHEAD = re.compile(r"^[^a-z]{2,80}$")
_NAME_QUALIFIER = re.compile(r"\s+in\s+[A-Z][\w.'’\- ]*$")


@dataclass
class ArticleParts:
    title: str | None = None
    captions: list[str] = field(default_factory=list)
    byline: list[str] = field(default_factory=list)
    dateline: dict | None = None
    dateline_date: str | None = None
    paragraphs: list[str] = field(default_factory=list)
    subheads: list[str] = field(default_factory=list)
    credits: dict[str, list[str]] = field(default_factory=empty_credits)
    # The input's own text, kept as given when nothing had to be cut from it, so
    # offsets point into the user's document exactly.
    verbatim: str | None = None
    dateline_paragraph: int = 0  # which paragraph opens with the dateline
    dateline_length: int = 0  # its characters, the separator included

    @property
    def body(self) -> str:
        return self.verbatim if self.verbatim is not None else "\n\n".join(self.paragraphs)

    def dateline_span(self) -> tuple[int, int] | None:
        """Where the dateline stands in `body` (start, end), or None without one."""
        if self.dateline is None:
            return None
        body, at = self.body, 0
        for par in self.paragraphs[: self.dateline_paragraph + 1]:
            at = body.find(par, at)
            if at < 0:
                return None
            start = at
            at += len(par)
        return start, start + self.dateline_length


def is_dateline(par: str) -> bool:
    return DATELINE.match(par) is not None


def is_credits(par: str) -> bool:
    return CREDITS.match(par.strip()) is not None and len(par) < 600


def is_byline(par: str) -> bool:
    m = BYLINE.match(par.strip())
    return m is not None and len(par) < 160 and not par.rstrip().endswith(".")


def is_caption(par: str, *, in_body: bool = False) -> bool:
    """Photo captions. In the body only unmistakable ones (photographer credits)."""
    if _CAPTION_MARK.search(par):
        return True
    if in_body:
        return False
    return _CAPTION_DATE_END.search(par) is not None and len(par) > 40


def is_subhead(par: str) -> bool:
    if _SUBHEAD.match(par) is None:  # first: it fails at once on prose, which has lower case
        return False
    letters = [c for c in par if c.isalpha()]
    return bool(letters) and len(letters) >= 3 and not is_dateline(par)


def looks_like_title(par: str) -> bool:
    return 0 < len(par) <= 200 and not is_caption(par) and not is_byline(par) and not is_dateline(par)


def split_names(text: str) -> list[str]:
    """'A and B in Beirut and C in Erbil' -> ['A', 'B', 'C']."""
    text = text.strip().rstrip(".;,")
    names: list[str] = []
    for chunk in re.split(r",\s*|\s+and\s+|\s*&\s*", text):
        chunk = _NAME_QUALIFIER.sub("", chunk.strip()).strip()
        if chunk and chunk not in names:
            names.append(chunk)
    return names


def parse_credits(par: str) -> dict[str, list[str]]:
    credits = empty_credits()
    inner = par.strip()[1:-1]
    marks = list(_ROLE.finditer(inner))
    for i, m in enumerate(marks):
        role = _ROLE_NAME[m.group(1).lower()]
        end = marks[i + 1].start() if i + 1 < len(marks) else len(inner)
        chunk = inner[m.end():end].strip().rstrip(";,").strip()
        for name in split_names(chunk):
            if name not in credits[role]:
                credits[role].append(name)
    return credits


def parse_dateline(par: str) -> tuple[dict, str | None] | None:
    """The wire dateline 'PLACE (Agency) –' that opens a paragraph (the strict form, which
    also splits dumps), as (dateline, date written in it)."""
    m = DATELINE.match(par)
    if not m:
        return None
    places = [p.strip() for p in m.group("places").split("/") if p.strip()]
    country = m.group("country")
    return {"places": places, "country": country.strip() if country else None, "agency": m.group("agency")}, m.group(
        "date"
    )


# ---------------------------------------------------------------- datelines in every house style
#
# Wire copy opens "BEIRUT (Reuters) -"; AP "BEIRUT (AP) —"; newspapers "BAGHDAD —", "DHAKA, Bangladesh —",
# "LANSING, Mich. —", "FLINT, Mich./WASHINGTON —"; re-posted copy often loses the agency and the dash
# ("KABUL Civilian casualties rose ..."). The places are in capitals; a region after a comma is a
# country, a state or province, written in the ordinary way.

# A word in capitals: "BEIRUT", "AL-HOL", "ST."; one capital alone ("A", "I") and an initialism
# ("U.S.", "U.N.") are a sentence's first word, not a place of the dateline.
_CAPS_WORD = r"[A-Z][A-Z'’&\-]*[A-Z]\.?(?![\w’'])"
_CAPS_RUN = re.compile(_CAPS_WORD + r"(?: " + _CAPS_WORD + r")*")
_REGION_WORD = r"[A-Z][A-Za-z'’\-]*\.?(?:[A-Z]\.)*"
# An unlisted region is taken only when a separator or an agency closes the dateline.
_ANY_REGION = re.compile(_REGION_WORD + r"(?: (?:of |and |the )?" + _REGION_WORD + r"){0,3}(?=\s*(?:[–—/(]|-))")
_DATE_PART = re.compile(r",\s*(?P<date>(?:" + MONTHS + r")\.?\s+\d{1,2}(?:,\s*\d{4})?)")
_AGENCY_PART = re.compile(r"\s*\((?P<agency>" + AGENCIES + r")\)")
_SEPARATOR = re.compile(r"\s*(?:[–—]+|-{1,2})\s+|\s*(?:[–—]+|-{1,2})(?=[A-Z\"“‘])")
# With no dash, the sentence starts right after the places: a capital, a digit or a quote.
_SENTENCE_START = re.compile(r" +(?=[A-Z0-9\"“‘'(])")
# Head matter a page may put before the dateline paragraph: a short line with no full stop inside
# ("Last Updated Jul 4, 2016 1:45 AM EDT", "By Associated Press January 24", a deck line).
HEAD_MAX_CHARS = 250
DATELINE_SEARCH_PARAGRAPHS = 3


@lru_cache(maxsize=1)
def _regions() -> tuple[dict[str, str], ...]:
    """Region forms, longest first: {written form: ISO2}."""
    forms = dict(vocab.mapping("subnational_regions"))
    return tuple(sorted(forms.items(), key=lambda kv: -len(kv[0]))),


def _known_region(text: str, pos: int) -> tuple[str, int] | None:
    """A listed state, province or country written at `pos`, and where it ends."""
    from ..language import countries

    for form, _iso in _regions()[0]:
        if text.startswith(form, pos) and not text[pos + len(form):pos + len(form) + 1].isalnum():
            return form, pos + len(form)
    m = re.compile(_REGION_WORD + r"(?: " + _REGION_WORD + r"){0,3}").match(text, pos)
    if m:
        words = m.group().split(" ")
        for n in range(len(words), 0, -1):  # the longest run of words that is a country
            cand = " ".join(words[:n])
            if countries.country_for_name(cand.rstrip(".")):
                return cand, pos + len(cand)
    return None


def _is_country(region: str) -> bool:
    """A dateline region that is no listed state or province is the country ("GOMA, Congo")."""
    return region not in dict(_regions()[0])


@lru_cache(maxsize=1)
def _acronyms() -> frozenset[str]:
    """Organisations written in capitals ('NATO', 'ISIS'): at the head of a sentence they are
    not a dateline. Read from the actor dictionary, which names them."""
    import json
    from importlib import resources

    found = set()
    text = resources.files("dateline.data").joinpath("actors.jsonl").read_text(encoding="utf-8")
    for line in text.splitlines():
        row = json.loads(line) if line.strip() else {}
        for alias in row.get("aliases", ()):
            if alias.isupper() and " " not in alias:
                found.add(alias)
    return frozenset(found)


def read_dateline(par: str, *, loose: bool = True) -> tuple[dict, str | None, int] | None:
    """The dateline opening `par` in any common house style: (dateline, date written in it,
    where it ends in `par`, its separator included). `loose` also takes the form that lost its
    agency and dash ('KABUL Civilian casualties ...')."""
    pos = 0
    places: list[str] = []
    country = None
    listed_region = False
    while True:
        m = _CAPS_RUN.match(par, pos)
        if not m:
            return None
        places.append(m.group().strip())
        pos = m.end()
        comma = re.match(r",\s*", par[pos:])
        if comma:
            at = pos + comma.end()
            known = _known_region(par, at)
            if known is None and (m2 := _ANY_REGION.match(par, at)):
                known = (m2.group(), m2.end())
            elif known is not None:
                listed_region = True
            if known is not None and not _DATE_PART.match(par, pos):
                region, pos = known
                if country is None and _is_country(region):
                    country = region.strip()
        if par.startswith("/", pos):
            pos += 1
            continue
        break
    date = None
    if (d := _DATE_PART.match(par, pos)) is not None:
        date, pos = d.group("date"), d.end()
    agency = None
    if (a := _AGENCY_PART.match(par, pos)) is not None:
        agency, pos = a.group("agency"), a.end()
    sep = _SEPARATOR.match(par, pos)
    if sep is not None:
        end = sep.end()
    elif agency is not None:
        end = pos + len(par[pos:]) - len(par[pos:].lstrip())
    elif loose and (st := _SENTENCE_START.match(par, pos)) is not None and len(par) - st.end() > 40:
        # No dash: only capitals that are a place can open a sentence like this, not an
        # organisation's acronym ("NATO Secretary-General ..."), unless a region vouches for it.
        if not listed_region and len(places) == 1 and places[0] in _acronyms():
            return None
        end = st.end()
    else:
        return None
    if not any(len(re.sub(r"[^A-Z]", "", p)) >= 3 for p in places):
        return None  # "U.S. —" or "AP —" is not a place
    if places[0] in vocab.words("wire_slugs"):
        return None  # "UPDATE 2-", "CORRECTED-": the kind of copy, not a place
    return {"places": places, "country": country, "agency": agency}, date, end


def find_dateline(paragraphs: list[str]) -> tuple[dict, str | None, int, int] | None:
    """The dateline of a story told in `paragraphs`: it opens the first paragraph, or one of the
    next few after short head matter (a timestamp, a deck line). Returns (dateline, date written
    in it, the paragraph's index, where the dateline ends in that paragraph)."""
    for i, par in enumerate(paragraphs[:DATELINE_SEARCH_PARAGRAPHS]):
        found = read_dateline(par, loose=(i == 0))
        if found is not None:
            dateline, date, end = found
            return dateline, date, i, end
        if len(par) > HEAD_MAX_CHARS or re.search(r"[.!?][”\"’']?\s+\S", par):
            return None
    return None


def dateline_end(body: str) -> int:
    """Where a wire dateline that opens `body` ("BEIRUT (Reuters) – ") ends, its dash and the
    space after it included; 0 when it opens with none. For a body the reader did not cut
    itself: the reader's own offsets are in the record's dateline (`start`, `end`)."""
    m = DATELINE.match(body)
    return m.end() if m else 0


def cut_article(paragraphs: list[str], *, title: str | None = None) -> ArticleParts:
    """Cut the paragraphs of one article into its parts."""
    parts = ArticleParts(title=title)
    pars = [p.strip() for p in paragraphs if p.strip()]
    if pars and is_credits(pars[-1]):
        parts.credits = parse_credits(pars.pop())
    start = next((i for i, p in enumerate(pars) if is_dateline(p)), None)
    if start is None:
        start = _body_start_without_dateline(pars, title=title)
    for par in pars[:start]:
        if is_caption(par):
            parts.captions.append(par)
        elif is_byline(par):
            parts.byline = split_names(BYLINE.match(par).group("names"))
        elif parts.title is None and looks_like_title(par):
            parts.title = par
        elif par == parts.title:
            continue
        else:
            # Unrecognised head matter is kept as a caption rather than lost.
            parts.captions.append(par)
    for par in pars[start:]:
        if is_caption(par, in_body=True):
            parts.captions.append(par)
            continue
        if is_subhead(par) and parts.paragraphs:
            parts.subheads.append(par)
        parts.paragraphs.append(par)
    found = find_dateline(parts.paragraphs)
    if found:
        parts.dateline, parts.dateline_date, parts.dateline_paragraph, parts.dateline_length = found
    return parts


def _body_start_without_dateline(pars: list[str], *, title: str | None) -> int:
    """Where the story starts when there is no 'PLACE (Agency) –' paragraph.

    Skip the head: captions, a byline, and the headline (the given one, or a short
    first line with no closing full stop).
    """
    i = 0
    seen_title = False
    while i < len(pars):
        par = pars[i]
        if is_caption(par) or is_byline(par) or (title is not None and par == title):
            i += 1
            continue
        if title is None and not seen_title and len(pars) > 1 and looks_like_title(par) and not par.endswith((".", "”", '"')):
            seen_title = True
            i += 1
            continue
        break
    return min(i, max(len(pars) - 1, 0))
