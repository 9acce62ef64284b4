"""Splitting raw dumps and cutting articles into their parts, on text we wrote."""

from dateline.read import read_string
from dateline.read.parts import parse_credits, parse_dateline

TWO_ARTICLES = """Floods cut road to northern town

A truck crosses a flooded road near Kalaa, Wadiland March 2, 2021. REUTERS/Jo Example

By Ana Reyes and Tom Okafor

KALAA, Wadiland (Reuters) – Floods cut the only road to the northern town of Kalaa on Tuesday, officials said.

Rescue teams reached the town by boat.

“The water rose in an hour,” said Mira Osei, a resident.

AFTER THE WATER

Officials said repairs would take weeks.

(Reporting by Ana Reyes in Kalaa; Writing by Tom Okafor; Editing by Lee Chan)

Talks resume in capital

DORU (Reuters) – Talks between the government and the opposition resumed on Wednesday in the capital Doru.

Both sides said progress was slow.
"""


def test_dump_splits_into_articles_with_all_parts():
    first, second = read_string(TWO_ARTICLES)
    assert first.title == "Floods cut road to northern town"
    assert first.captions == ["A truck crosses a flooded road near Kalaa, Wadiland March 2, 2021. REUTERS/Jo Example"]
    assert first.byline == ["Ana Reyes", "Tom Okafor"]
    assert first.dateline == {"places": ["KALAA"], "country": "Wadiland", "agency": "Reuters", "start": 0,
                              "end": len("KALAA, Wadiland (Reuters) - ")}
    assert first.body.startswith("KALAA, Wadiland (Reuters) – Floods cut")
    assert first.body.endswith("Officials said repairs would take weeks.")
    assert "AFTER THE WATER" in first.body.split("\n\n") and first.subheads == ["AFTER THE WATER"]
    assert first.credits == {
        "reporting": ["Ana Reyes"],
        "writing": ["Tom Okafor"],
        "editing": ["Lee Chan"],
        "additional_reporting": [],
    }
    # The second article has no credits: it ends at the end of the dump, and its
    # headline was not swallowed by the first article.
    assert second.title == "Talks resume in capital"
    assert second.dateline["places"] == ["DORU"]
    assert "Talks resume" not in first.body


def test_captions_never_enter_the_body():
    text = TWO_ARTICLES.replace(
        "Rescue teams reached the town by boat.",
        "Rescue teams reached the town by boat.\n\nA boat in Kalaa, Wadiland, March 2, 2021. REUTERS/Jo Example",
    )
    first = read_string(text)[0]
    assert "REUTERS/" not in first.body
    assert len(first.captions) == 2


def test_article_without_credits_followed_by_one_with_byline():
    text = (
        "Strike hits depot\n\nA depot burns in Tarn, Examplestan May 1, 2020. REUTERS/Sam Lee\n\n"
        "TARN (Reuters) – A strike hit a fuel depot in Tarn on Friday.\n\nNo one was hurt, police said.\n\n"
        "Second story title\n\nBy Kim Park\n\nOSLO (Reuters) – A second story begins here.\n"
    )
    first, second = read_string(text)
    assert first.body.endswith("No one was hurt, police said.")
    assert second.title == "Second story title" and second.byline == ["Kim Park"]


def test_credits_roles_and_qualifiers():
    credits = parse_credits(
        "(Reporting by Angus Reed and Tom Lake in Beirut and Raya Moss in Erbil; Writing by Angus Reed; "
        "editing by Robert Birch, William Mace)"
    )
    assert credits["reporting"] == ["Angus Reed", "Tom Lake", "Raya Moss"]
    assert credits["writing"] == ["Angus Reed"]
    assert credits["editing"] == ["Robert Birch", "William Mace"]
    assert parse_credits("(Additional reporting by Ian Sim in Washington)")["additional_reporting"] == ["Ian Sim"]


def test_dateline_forms():
    assert parse_dateline("BEIRUT/ERBIL (Reuters) – text")[0] == {
        "places": ["BEIRUT", "ERBIL"],
        "country": None,
        "agency": "Reuters",
    }
    assert parse_dateline("AL-HOL CAMP, Syria (Reuters) – text")[0]["country"] == "Syria"
    meta, day = parse_dateline("KABUL, March 3 (Reuters) - text")
    assert meta["places"] == ["KABUL"] and meta["country"] is None and day == "March 3"
    assert parse_dateline("BAGHDAD - text") is None


def test_single_article_plain_text_without_dateline():
    (art,) = read_string("Ceasefire holds in the south\n\nA ceasefire held for a third day.\n\nAid trucks entered.")
    assert art.title == "Ceasefire holds in the south"
    assert art.body == "A ceasefire held for a third day.\n\nAid trucks entered."
    assert art.dateline is None


def test_id_is_sha256_of_normalised_body():
    import hashlib

    (art,) = read_string("TARN (Reuters) – One  line\u00a0here.")
    expected = hashlib.sha256("TARN (Reuters) – One line here.".encode()).hexdigest()[:16]
    assert art.id == expected
