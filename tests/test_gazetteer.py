"""The offline gazetteer: name keys that survive transliteration, and lookups in the compiled file."""

import csv
from pathlib import Path

import pytest

from dateline.language.gazetteer import DATA_DIR, Gazetteer, distance_km, fold, name_key, skeleton

CURATED = DATA_DIR.parent / "places_curated.csv"


@pytest.fixture(scope="module")
def gaz():
    return Gazetteer()


@pytest.mark.parametrize(
    "spellings",
    [
        ["Deir al-Zor", "Deir ez-Zor", "Dayr az Zawr", "Deir Al Zor", "Deir-ez-Zor", "DEIR AL-ZOR"],
        ["Albu Kamal", "Abu Kamal", "Al Bukamal", "Abukamal"],
        ["Qaim", "al-Qaim", "Al Qa'im", "al Qaim", "Al Qā’im"],
        ["Hasaka", "Hasakah", "Al-Hasakah", "Al-Hasakeh", "Hasakah Governorate", "Hasaka province"],
        ["Raqqa", "Raqqah", "Ar Raqqah", "Ar-Raqqa", "al-Raqqa"],
        ["Ayn Isa", "Ayn Issa", "Ain Issa", "Ein Issa"],
        ["Hawija", "Hawijah", "Al-Hawija", "Al Ḩawījah"],
        ["Qamishli", "Kamishli", "Al-Qamishli"],
    ],
)
def test_transliteration_variants_share_a_key(spellings):
    keys = {name_key(s) for s in spellings}
    assert len(keys) == 1, dict(zip(spellings, map(name_key, spellings)))


@pytest.mark.parametrize("a,b", [("Homs", "Hama"), ("Raqqa", "Rawa"), ("Mosul", "Mashhad"), ("Iraq", "Iran")])
def test_different_places_keep_different_keys(a, b):
    assert name_key(a) != name_key(b)


def test_fold_drops_accents_apostrophes_and_punctuation():
    assert fold("Tall ‘Afar") == "tall afar"
    assert fold("Ḩalab") == "halab"
    assert fold("Côte d’Ivoire") == "cote divoire"


def test_skeleton_unites_a_misspelling_the_key_does_not():
    assert name_key("Dayr Az Zayr") != name_key("Dayr az Zawr")
    assert skeleton(name_key("Dayr Az Zayr")) == skeleton(name_key("Dayr az Zawr"))


def test_distance_km_baghdad_to_mosul():
    assert 330 < distance_km(33.34, 44.40, 36.34, 43.13) < 360


def test_lookup_finds_the_city_under_any_spelling(gaz):
    for spelling in ("Deir ez-Zor", "Dayr az Zawr", "Deir al-Zor"):
        cities = [p for p in gaz.lookup(spelling) if p.feature == "city" and p.country_code == "SY"]
        assert cities, spelling
        assert distance_km(cities[0].latitude, cities[0].longitude, 35.33, 40.14) < 10


def test_lookup_finds_provinces_with_their_admin_names(gaz):
    provinces = [p for p in gaz.lookup("Deir ez-Zor Governorate") if p.feature == "province"]
    assert provinces and provinces[0].country_code == "SY"
    towns = [p for p in gaz.lookup("Al Busayrah") if p.country_code == "SY"]
    assert any(p.admin1 and name_key(p.admin1) == name_key("Deir ez-Zor") for p in towns)


def test_curated_places_fill_what_the_lists_lack(gaz):
    baghouz = [p for p in gaz.lookup("Baghouz") if p.source == "curated"]
    assert baghouz and baghouz[0].country_code == "SY"
    camp = [p for p in gaz.lookup("al-Hol camp") if p.feature == "camp"]
    assert camp and abs(camp[0].latitude - 36.38) < 0.1
    river = [p for p in gaz.lookup("Euphrates") if p.feature == "river"]
    assert river and river[0].latitude is None  # a river has no single point
    middle_east = [p for p in gaz.lookup("Middle East") if p.source == "curated"]
    assert middle_east and middle_east[0].latitude is None


def test_country_aliases_resolve_to_the_country(gaz):
    for alias, iso in (("Britain", "GB"), ("U.S.", "US"), ("United States of America", "US"), ("Burma", "MM")):
        assert any(p.feature == "country" and p.country_code == iso for p in gaz.lookup(alias)), alias
    syria = gaz.country("SY")
    assert syria.name == "Syria" and syria.latitude is not None


def test_us_states_have_points_inside_them(gaz):
    virginia = [p for p in gaz.lookup("Virginia") if p.feature == "state"][0]
    assert distance_km(virginia.latitude, virginia.longitude, 37.5, -78.85) < 161


def test_neighbours_come_from_geonames(gaz):
    assert {"IQ", "TR", "JO", "LB", "IL"} <= gaz.neighbours("SY")


def test_excluded_sources_are_hidden(gaz):
    hidden = Gazetteer(exclude_sources=("curated",))
    assert not [p for p in hidden.lookup("Baghouz") if p.source == "curated"]
    assert [p for p in gaz.lookup("Baghouz") if p.source == "curated"]


def test_curated_rows_name_a_source_and_valid_points():
    with open(CURATED, encoding="utf-8") as fh:
        rows = [r for r in csv.DictReader(fh) if r["name"] and not r["name"].startswith("#")]
    assert len(rows) > 50
    for row in rows:
        assert row["source"].strip(), row["name"]
        if row["latitude"]:
            assert -90 <= float(row["latitude"]) <= 90 and -180 <= float(row["longitude"]) <= 180, row["name"]
        assert row["feature"], row["name"]


def test_credits_ship_next_to_the_gazetteer():
    credits = (DATA_DIR / "CREDITS.md").read_text(encoding="utf-8")
    for line in ("GeoNames", "Who's On First", "OpenSyria", "UCDP", "CC BY 4.0"):
        assert line in credits


def test_compiled_gazetteer_stays_small():
    size = sum(p.stat().st_size for p in Path(DATA_DIR).iterdir())
    assert size < 40_000_000


def _build_tool():
    import importlib.util

    path = Path(__file__).resolve().parents[1] / "tools" / "build_gazetteer.py"
    spec = importlib.util.spec_from_file_location("build_gazetteer", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_build_keeps_latin_names_and_drops_codes_and_scripts():
    tool = _build_tool()
    assert tool.usable_key("Dayr az Zawr") == name_key("Deir ez-Zor")
    assert tool.usable_key("Tall ‘Afar") == name_key("Tal Afar")
    assert tool.usable_key("دير الزور") is None  # Arabic script: an English text does not use it
    assert tool.usable_key("BGW") is None  # an airport code
    assert tool.usable_key("Camp 4") is None


def test_build_keeps_two_letter_keys_for_big_cities_only():
    """Vowel folding leaves "Yei" as "ye": too loose for a village, kept for a city of 100,000."""
    tool = _build_tool()
    assert tool.usable_key("Yei") is None
    assert tool.usable_key("Yei", big=True) == name_key("Yei")
    assert tool.usable_key("Ab", big=True) is None  # two letters as written stay out


def test_big_cities_with_short_names_are_found(gaz):
    assert any(p.country_code == "YE" and p.feature == "city" for p in gaz.lookup("Ibb"))
    assert any(p.country_code == "SS" for p in gaz.lookup("Yei"))
    assert any(p.country_code == "NG" for p in gaz.lookup("Owo"))


def test_build_drops_adjectives_among_alternate_names():
    tool = _build_tool()
    kept = tool._alternates("Baghdad", ["Bagdad", "Baghdadi", "Bagdadi", "Madinat as Salam"])
    assert kept == ["Bagdad", "Madinat as Salam"]


def test_build_reads_the_licence_section_of_a_source_note():
    tool = _build_tool()
    note = "# X\n\n## Columns\nstuff\n\n## License and attribution\n\nData CC BY 4.0, credit: X.\n\n## Use\nmore\n"
    assert tool._credit_section(note) == "Data CC BY 4.0, credit: X."


def test_first_level_units_of_every_country_are_places_with_a_point(gaz):
    # (name, country, a point inside the unit): provinces and states outside the conflict lists
    for name, iso, lat, lon in (("Ontario", "CA", 50.0, -85.0), ("New South Wales", "AU", -32.0, 147.0),
                                ("Anhui", "CN", 31.8, 117.2), ("Uttar Pradesh", "IN", 27.0, 80.9),
                                ("KwaZulu-Natal", "ZA", -28.5, 30.9)):
        units = [p for p in gaz.lookup(name) if p.feature == "province" and p.country_code == iso]
        assert units, name
        assert distance_km(units[0].latitude, units[0].longitude, lat, lon) < 500, name


def test_a_units_short_name_drops_the_kind_of_unit(gaz):
    # GeoNames writes "Province of Pangasinan" and "Anhui Sheng"; texts write "Pangasinan", "Anhui"
    assert [p for p in gaz.lookup("Pangasinan") if p.feature == "district" and p.country_code == "PH"]
    assert [p for p in gaz.lookup("Anhui Sheng") if p.feature == "province"]
    tool = _build_tool()
    names = tool.AdminNames()
    assert names.short("Province of Pangasinan", "PH") == "Pangasinan"
    assert names.short("Guangxi Zhuangzu Zizhiqu", "CN") == "Guangxi"
    assert names.short("Fulton County", "US") == "Fulton County"  # written whole in US texts
    assert names.names("Central Region", "GH") == ["Central Region"]  # "Central" alone is a direction
    assert names.names("Southern Province", "ZM") == []  # nor is its key, which drops "Province"
    assert names.names("Western Cape", "ZA") == ["Western Cape"]


def test_counties_are_places_and_towns_know_their_units(gaz):
    fulton = [p for p in gaz.lookup("Fulton County") if p.admin1 == "Georgia"]
    assert fulton and distance_km(fulton[0].latitude, fulton[0].longitude, 33.79, -84.47) < 100
    suffolk = [p for p in gaz.lookup("Suffolk") if p.country_code == "GB"]
    assert suffolk and suffolk[0].feature == "district"
    london_on = [p for p in gaz.lookup("London") if p.country_code == "CA" and p.feature == "city"]
    assert london_on and london_on[0].admin1 == "Ontario"  # a town's province, for "London, Ontario"


def test_a_territory_without_a_country_point_takes_its_capitals(gaz):
    hong_kong = gaz.country("HK")
    assert hong_kong.latitude is not None and distance_km(hong_kong.latitude, hong_kong.longitude, 22.3, 114.2) < 50


def test_state_abbreviations(gaz):
    assert [p.name for p in gaz.lookup("N.S.W.")] == ["New South Wales"]
    assert [p.name for p in gaz.lookup("NSW")] == ["New South Wales"]
    assert [p.name for p in gaz.abbreviation("Okla.")] == ["Oklahoma"]
    assert {p.country_code for p in gaz.abbreviation("WA")} == {"US", "AU"}  # Washington, Western Australia
    assert gaz.abbreviation("Ok") == ()  # only the written form, period included
    assert not [p for p in gaz.lookup("Miss") if p.feature == "state"]  # a word elsewhere: only after a town
