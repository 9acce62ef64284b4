"""The group a headline names for the story's main act, where the body names no one.

Wire copy often names the perpetrator only in the headline ("Al-Shabaab attack on Kenyan army
camp kills 4", "Boko Haram gunmen kill six in Cameroon") and writes "gunmen" or "the
attackers" in the body. The headline is not parsed with the body (it is the article's title),
so it is read here by the actor dictionary's names: one named armed group, standing as the
headline's subject or on the attack or attackers it tells of ("Al-Shabaab attack", "Boko Haram
gunmen"), names the main incident's actor1 when the body left it unnamed or known only by its
kind (incidents.attach_claims). A name in a place phrase ("Islamic State-held Falluja") is no
perpetrator, nor is one of two groups.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .. import vocab
from ..language.actor_dictionary import load_dictionary
from ..language.affiliation import ARMED_NAMED_TYPES

# shorter names ("IS", "ADF", "NPA") only as written; longer ones in any case ("AL-SHABAAB")
_ANY_CASE_FROM = 5


@lru_cache(maxsize=1)
def _names() -> tuple[re.Pattern, dict[str, str]]:
    """One pattern over the armed groups' names (no name that needs a context country or is
    ambiguous), and the canonical each name stands for."""
    canonical: dict[str, str] = {}
    for entry in load_dictionary().named.values():
        if entry.type not in ARMED_NAMED_TYPES:
            continue
        for alias in entry.aliases:
            if alias in entry.alias_context or alias in entry.ambiguous or len(alias) < 3:
                continue
            canonical.setdefault(alias.lower(), entry.canonical)
    parts = [re.escape(a) if len(a) < _ANY_CASE_FROM else f"(?i:{re.escape(a)})"
             for a in sorted({a for e in load_dictionary().named.values() if e.type in ARMED_NAMED_TYPES
                              for a in e.aliases if a.lower() in canonical}, key=len, reverse=True)]
    return re.compile(rf"(?<![\w-])(?:{'|'.join(parts)})(?![\w’'])"), canonical


def headline_group(title: str | None) -> str | None:
    """The canonical of the one armed group a headline names as the doer of its act, or None."""
    if not title:
        return None
    pattern, canonical = _names()
    found = list(pattern.finditer(title))
    groups = {canonical.get(m.group(0).lower()) for m in found}
    if len(groups) != 1:
        return None
    doers = vocab.words("attacker_nouns") | vocab.words("unnamed_armed") | vocab.words("claimed_act_nouns")
    suspects = vocab.words("suspicion_words")
    for m in found:
        before = title[:m.start()].split()
        after = title[m.end():].lstrip(" -").split()
        nxt = after[0].lower().rstrip("s,;:") if after else ""
        if not before or (len(before) == 1 and before[0].lower() in suspects) or nxt in doers:
            return groups.pop()
    return None
