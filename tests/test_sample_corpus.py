"""The sample corpus we ship: the reader cuts it cleanly and `dateline extract` runs on it.

A user's clone has no ../shared/, so this corpus is what the README's first command
runs on. Its articles are ours (see src/dateline/sample/SOURCES.md); the dates below
are the days each report is set on, which its caption and weekday references imply.
"""

import json
import re
from datetime import date

import pytest

from dateline.cli import main
from dateline.read import ReadReport, read_inputs
from dateline.sample import SAMPLE_CORPUS

# Dateline place -> the day the report is set on (caption date plus weekday references).
SET_ON = {
    "MOSUL": date(2017, 6, 22),
    "MOGADISHU": date(2017, 10, 16),
    "SAADA": date(2018, 8, 9),
    "BAGHOUZ": date(2019, 3, 23),
    "MAIDUGURI": date(2020, 12, 1),
    "KABUL": date(2021, 8, 9),
    "BAGHDAD": date(2021, 10, 11),
    "GOMA": date(2022, 6, 13),
    "PRETORIA": date(2022, 11, 2),
    "KHARTOUM": date(2023, 4, 16),
    "NAIROBI": date(2024, 6, 26),
    # A FILE PHOTO only bounds this one from below; the attack was on Sat 24 Aug 2024.
    "OUAGADOUGOU": date(2024, 8, 27),
}

_DATELINE_PARAGRAPH = re.compile(r"^([A-Z][A-Z .'\-]+)(?:, [A-Z][A-Za-z ]+)? \(Dateline Wire\) – ", re.MULTILINE)


@pytest.fixture(scope="module")
def raw() -> str:
    return SAMPLE_CORPUS.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def articles():
    report = ReadReport()
    arts = list(read_inputs([str(SAMPLE_CORPUS)], report=report))
    assert report.errors == []
    return arts


def _place_of(art) -> str:
    m = _DATELINE_PARAGRAPH.match(art.body)
    assert m, f"body does not open with its dateline paragraph: {art.body[:80]!r}"
    return m.group(1)


def test_sample_is_a_dozen_short_reports(raw):
    places = _DATELINE_PARAGRAPH.findall(raw)
    assert sorted(places) == sorted(SET_ON)
    # The raw-dump shape: one paragraph per line, a blank line between paragraphs.
    assert "\n\n\n" not in raw and not re.search(r"[^\n]\n[^\n]", raw)
    assert "REUTERS/" not in raw  # no real photographer credits


def test_reader_finds_twelve_articles_with_their_titles(articles, raw):
    assert len(articles) == 12
    titles = [a.title for a in articles]
    assert all(titles) and len(set(titles)) == 12
    for art in articles:
        assert not art.title.endswith("."), art.title
        assert art.title not in art.body
        # The title is the line right above the article's caption in the dump.
        assert f"{art.title}\n\n{art.captions[0]}\n\n" in raw


def test_captions_and_credits_stay_out_of_the_body(articles):
    for art in articles:
        assert len(art.captions) == 1, art.title
        assert art.captions[0] not in art.body
        assert "Picture taken" not in art.body and "FILE PHOTO" not in art.body
        assert "(Reporting by" not in art.body and "Editing by" not in art.body
        assert art.credits["reporting"] and art.credits["writing"] and art.credits["editing"], art.title
        # The body ends on the last sentence of the story, not on metadata.
        assert re.search(r"[.”\"]$", art.body), art.body[-60:]


def test_bylines_and_subheads_are_recognised(articles, raw):
    byline_lines = re.findall(r"^By (.+)$", raw, re.MULTILINE)
    assert sorted(n for a in articles for n in a.byline) == sorted(byline_lines)
    subhead_lines = [line for line in raw.splitlines() if line.strip() and line == line.upper() and len(line) < 40]
    assert sorted(s for a in articles for s in a.subheads) == sorted(subhead_lines)
    # Subheads stay in the body, in place: they belong to the story's text.
    assert all(s in a.body.split("\n\n") for a in articles for s in a.subheads)


def test_datelines_name_place_country_and_agency(articles):
    """Needs "Dateline Wire" among the agencies the reader knows (read/parts.py AGENCIES)."""
    for art in articles:
        place = _place_of(art)
        assert art.dateline is not None, f"no dateline read for {place}"
        assert art.dateline["places"] == [place]
        assert art.dateline["agency"] == "Dateline Wire"
    countries = {a.dateline["places"][0]: a.dateline["country"] for a in articles}
    assert countries["GOMA"] == "Democratic Republic of Congo"
    assert countries["KABUL"] is None


def test_publication_dates_are_inferred_honestly(articles):
    inside, day_precise = 0, 0
    for art in articles:
        pub = art.published
        assert pub is not None and pub["source"] == "inferred", art.title
        truth = SET_ON[_place_of(art)]
        earliest = date.fromisoformat(pub["earliest"]) if pub["earliest"] else date.min
        latest = date.fromisoformat(pub["latest"]) if pub["latest"] else date.max
        inside += earliest <= truth <= latest
        day_precise += pub["precision"] == "day" and pub["date"] == truth.isoformat()
    assert inside == 12
    assert day_precise >= 10


@pytest.mark.slow
def test_extract_writes_one_record_per_article(tmp_path):
    out = tmp_path / "sample.jsonl"
    code = main(["extract", str(SAMPLE_CORPUS), "-o", str(out), "--workers", "1", "-q"])
    assert code == 0
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(records) == 12
    assert len({r["id"] for r in records}) == 12
    # Twelve different stories on related topics: none is taken for a version of another.
    assert len({r["story"] for r in records}) == 12
    assert all(r["duplicate_of"] is None for r in records)
    for r in records:
        assert r["title"] and r["captions"] and r["credits"]["reporting"]
        assert r["published"]["source"] == "inferred"
        assert not r["body"].startswith(r["title"])
