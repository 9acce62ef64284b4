"""Datelines in every common house style are read, and where they end is known.

Our own sentences; one house style per case. The dateline's places are where the reporter
filed from, so the body offsets matter: later stages keep them out of the story's places.
"""

from __future__ import annotations

import pytest

from dateline.read.parts import read_dateline
from dateline.read.sources import article_from_object


def article(text: str, title: str = "A headline"):
    """An article read from a JSON Lines object, as `dateline extract` reads one."""
    return article_from_object({"text": text, "title": title}, {}, origin={"file": "test.jsonl"})

STYLES = [
    # (opening of the story, places, country, agency, text the dateline ends before)
    ("KHARTOUM (Reuters) - Fighting spread to two more districts of the capital on Tuesday.",
     ["KHARTOUM"], None, "Reuters", "Fighting"),
    ("NIAMEY, Niger (AP) — Soldiers patrolled the main roads after a night of gunfire.",
     ["NIAMEY"], "Niger", "AP", "Soldiers"),
    ("MOGADISHU — A car bomb went off near a checkpoint close to the airport on Sunday.",
     ["MOGADISHU"], None, None, "A car"),
    ("GOMA, Congo -- Rebels shelled the outskirts of the city overnight, residents said.",
     ["GOMA"], "Congo", None, "Rebels"),
    ("TUCSON, Ariz. — A county sheriff said two deputies were hurt in a shootout.",
     ["TUCSON"], None, None, "A county"),
    ("HALIFAX, N.S. - Dock workers marched to the port authority's offices on Monday.",
     ["HALIFAX"], None, None, "Dock"),
    ("ODESA/KYIV, Ukraine — Drones struck port buildings before dawn, officials said.",
     ["ODESA", "KYIV"], "Ukraine", None, "Drones"),
    ("BAMAKO, Mali/DAKAR — Talks between the junta and the mediators stalled on Friday.",
     ["BAMAKO", "DAKAR"], "Mali", None, "Talks"),
    ("KABUL Gunmen stormed a wedding hall in the west of the city on Thursday evening.",
     ["KABUL"], None, None, "Gunmen"),
    ("NEW DELHI Police detained dozens of farmers who tried to march into the capital.",
     ["NEW DELHI"], None, None, "Police"),
    ("PORT-AU-PRINCE, Haiti Gang members set fire to a police station in the capital's north.",
     ["PORT-AU-PRINCE"], "Haiti", None, "Gang"),
    ("ABUJA U.S. officials said they would send more trainers to the region.",
     ["ABUJA"], None, None, "U.S."),
    ("SOUTHERN OUTSKIRTS OF MOSUL, Iraq Troops pushed into the first streets of the old city.",
     ["SOUTHERN OUTSKIRTS OF MOSUL"], "Iraq", None, "Troops"),
    ("LIMA, Peru, March 3 (Reuters) - Protesters blocked a highway into the capital.",
     ["LIMA"], "Peru", "Reuters", "Protesters"),
]


@pytest.mark.parametrize("text,places,country,agency,after", STYLES)
def test_house_style(text, places, country, agency, after):
    found = read_dateline(text)
    assert found is not None, text
    dateline, _date, end = found
    assert (dateline["places"], dateline["country"], dateline["agency"]) == (places, country, agency)
    assert text[end:].startswith(after)


NOT_DATELINES = [
    "NATO Secretary General said the alliance would meet again next month in Brussels.",
    "ISIS fighters withdrew from the last villages they held along the river.",
    "A suicide bomber struck a market in the north of the country on Sunday.",
    "U.S. officials said the talks would resume in Geneva next week.",
    "The army said on Monday that it had retaken the town.",
    "BREAKING",
    "UPDATE 2-Suicide attack targets market southeast of Baghdad",
    "CORRECTED-Islamic State says it carried out attack on mall",
    "WRAPUP 4-Troops storm rebel-held town as fighting spreads",
]


@pytest.mark.parametrize("text", NOT_DATELINES)
def test_sentences_that_open_with_capitals_are_not_datelines(text):
    assert read_dateline(text) is None


def test_a_dateline_after_a_timestamp_line_is_found_and_located_in_the_body():
    text = ("Last Updated Mar 9, 2021 6:02 AM EST\n\n"
            "JUBA, South Sudan -- Clashes between two army factions left at least 12 dead.\n\n"
            "The fighting began near the barracks, witnesses said.")
    art = article(text)
    d = art.dateline
    assert d["places"] == ["JUBA"] and d["country"] == "South Sudan"
    assert art.body[d["start"]:d["end"]] == "JUBA, South Sudan -- "


def test_a_long_first_paragraph_is_not_head_matter():
    text = ("The ceasefire held through the night in most districts, officials said, and aid trucks moved. "
            "Markets opened again.\n\nKANO — Police said the curfew would stay in force.")
    assert article(text).dateline is None


def test_a_wire_slug_opening_a_later_headline_is_no_dateline():
    """Lines before "CORRECTED-..." are headlines, not head matter before a dateline."""
    text = "Gunmen take hostages in Baghdad mall\n\nTwelve killed in mall siege: police\n\nCORRECTED-Group says it carried out mall attack"
    assert article(text).dateline is None
