"""Cut one article's paragraphs into title, captions, byline, dateline, body and credits.

Scraped wire copy keeps everything the page showed: headline, photo captions, the
byline, the dateline paragraph, the story with its subheads, and the closing credits
parenthesis. Only the story belongs in `body`; the rest becomes metadata.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

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

    @property
    def body(self) -> str:
        return self.verbatim if self.verbatim is not None else "\n\n".join(self.paragraphs)


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
    letters = [c for c in par if c.isalpha()]
    return bool(letters) and _SUBHEAD.match(par) is not None and len(letters) >= 3 and not is_dateline(par)


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
    m = DATELINE.match(par)
    if not m:
        return None
    places = [p.strip() for p in m.group("places").split("/") if p.strip()]
    country = m.group("country")
    return {"places": places, "country": country.strip() if country else None, "agency": m.group("agency")}, m.group(
        "date"
    )


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
    if parts.paragraphs:
        parsed = parse_dateline(parts.paragraphs[0])
        if parsed:
            parts.dateline, parts.dateline_date = parsed
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
