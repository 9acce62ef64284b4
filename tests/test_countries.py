"""The country table: ISO codes, ACLED's names, aliases and demonyms."""

import pytest

from dateline.language import countries as C


def test_table_covers_iso_3166_with_unique_codes():
    rows = list(C.all_countries())
    assert len(rows) >= 249
    assert len({c.iso2 for c in rows}) == len(rows)
    assert len({c.iso3 for c in rows}) == len(rows)
    for c in rows:
        assert len(c.iso2) == 2 and c.iso2.isupper()
        assert len(c.iso3) == 3 and c.iso3.isupper()
        assert c.name.strip() == c.name and c.name


@pytest.mark.parametrize("iso2, name", [
    ("US", "United States"),
    ("GB", "United Kingdom"),
    ("SY", "Syria"),
    ("IQ", "Iraq"),
    ("CD", "Democratic Republic of Congo"),
    ("CG", "Republic of Congo"),
    ("RU", "Russia"),
    ("IR", "Iran"),
    ("SS", "South Sudan"),
    ("CI", "Ivory Coast"),
    ("PS", "Palestine"),
    ("MK", "North Macedonia"),
    ("CZ", "Czech Republic"),
    ("TL", "East Timor"),
    ("XK", "Kosovo"),
])
def test_names_follow_acled_spelling(iso2, name):
    assert C.country_name(iso2) == name
    assert C.country_name(iso2.lower()) == name


def test_every_name_resolves_back_to_its_code():
    for c in C.all_countries():
        assert C.iso2_for(c.name) == c.iso2, c.name


@pytest.mark.parametrize("text, iso2", [
    ("U.S.", "US"), ("the U.S.", "US"), ("USA", "US"), ("America", "US"), ("the United States", "US"),
    ("Britain", "GB"), ("UK", "GB"), ("the U.K.", "GB"),
    ("DRC", "CD"), ("DR Congo", "CD"), ("Congo", "CD"), ("Congo-Brazzaville", "CG"),
    ("syria", "SY"), ("SYRIA", "SY"), ("Syria’s", "SY"), ("Iraq's", "IQ"),
    ("the Sudan", "SD"), ("Burma", "MM"), ("Côte d’Ivoire", "CI"), ("Cote d'Ivoire", "CI"),
    ("the Gambia", "GM"), ("Turkiye", "TR"), ("Swaziland", "SZ"),
])
def test_iso2_for_names_and_aliases(text, iso2):
    assert C.iso2_for(text) == iso2


@pytest.mark.parametrize("word, iso2", [
    ("Syrian", "SY"), ("Iraqi", "IQ"), ("Afghan", "AF"), ("Afghans", "AF"), ("Sudanese", "SD"),
    ("South Sudanese", "SS"), ("American", "US"), ("Americans", "US"), ("British", "GB"), ("Britons", "GB"),
    ("Ukrainian", "UA"), ("Moroccan", "MA"), ("Nigerian", "NG"), ("Nigerien", "NE"), ("Malian", "ML"),
    ("Kenyan", "KE"), ("Yemeni", "YE"), ("Somali", "SO"), ("Congolese", "CD"), ("Ivorian", "CI"),
    ("Emirati", "AE"), ("Burkinabe", "BF"), ("Filipino", "PH"), ("Dutch", "NL"), ("Turks", "TR"),
])
def test_demonyms_and_people_nouns(word, iso2):
    assert C.demonym_country(word) == iso2
    assert C.demonym_country(word.lower()) == iso2
    assert C.iso2_for(word) == iso2


def test_demonym_is_not_a_country_name():
    assert C.demonym_country("Syria") is None
    assert C.country_for_name("Syrian") is None
    assert C.country_for_name("Syria") == "SY"


@pytest.mark.parametrize("word", ["us", "car", "can", "chad's friend", "is", "States", "guinea pig", ""])
def test_common_words_are_not_countries(word):
    assert C.iso2_for(word) is None


def test_acronyms_match_only_as_written():
    assert C.iso2_for("CAR") == "CF"
    assert C.iso2_for("car") is None
    assert C.iso2_for("US") == "US"
    assert C.iso2_for("Us") is None


def test_name_with_article_for_acled_state_forces():
    assert C.country_name_with_article("US") == "the United States"
    assert C.country_name_with_article("CD") == "the Democratic Republic of Congo"
    assert C.country_name_with_article("SY") == "Syria"
    assert C.country_name_with_article("ZZ") is None


@pytest.mark.parametrize("iso2", "AF DZ BF CM CF TD CO CD EG ET IN IQ IR IL KE LB LY ML MZ MM NE NG PK PS PH RU "
                                 "SA SO SS SD SY TR UA US YE".split())
def test_conflict_countries_have_demonyms(iso2):
    c = C.country(iso2)
    assert c.demonym, iso2
    assert C.demonym_country(c.demonym) == iso2


def test_surface_forms_cover_every_kind():
    kinds = {kind for _, _, kind in C.surface_forms()}
    assert kinds == {"name", "alias", "demonym", "people"}
    forms = {(form, iso2) for form, iso2, _ in C.surface_forms()}
    assert ("Afghans", "AF") in forms and ("DRC", "CD") in forms
