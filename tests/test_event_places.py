"""Where an event is (events/locate.py): the place its own clause names, on sentences written
for these tests."""

import pytest
import spacy

import dateline
from dateline.events.context import ArticleContext
from dateline.events.locate import locate


def _place(doc, name, country, lat, lon, feature="town"):
    start = doc.text.index(name)
    return {"name": name, "resolved": name, "start": start, "end": start + len(name), "country_code": country,
            "feature": feature, "latitude": lat, "longitude": lon}


def test_a_namesake_abroad_is_not_the_event_place():
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    doc = nlp("Rebels shelled Qasr Dala near Palmyra on Monday.")
    abroad = _place(doc, "Qasr Dala", "SS", 7.0, 30.0)  # a namesake the resolver took in South Sudan
    home = _place(doc, "Palmyra", "SY", 34.55, 38.27)
    ctx = ArticleContext(doc=doc, places=[abroad, home], countries=frozenset({"SY"}), focus_country="SY")
    place, _ = locate(ctx, doc[1], next(doc.sents))
    assert place["name"] == "Palmyra"


@pytest.fixture(scope="module")
def extract(tmp_path_factory):
    def run(text: str) -> list[dict]:
        path = tmp_path_factory.mktemp("places") / "in.jsonl"
        import json

        path.write_text(json.dumps({"id": "a", "text": text, "published": "2021-06-15"}) + "\n")
        return list(next(iter(dateline.extract(path))).events)

    return run


def test_a_place_that_says_where_another_is_gives_way(extract):
    evs = extract("The town of Qaryatain, 100 km southeast of Homs, was retaken by Syrian troops on Sunday.")
    assert [e["location"] for e in evs] == ["Qaryatain"]


def test_a_country_that_speaks_is_not_where_the_event_is(extract):
    evs = extract("Syrian government forces shelled the rebel-held town of Saraqeb in Idlib province on Sunday. "
                  "France said on Monday there were reports of new attacks on opposition forces.")
    assert evs and all(e["country"] == "Syria" for e in evs)
    assert "Opposition Rebels (Syria)" in {e["actor2"] for e in evs}



def test_a_capital_standing_for_its_government_is_not_where_the_event_is(extract):
    evs = extract("Russian air strikes on Kurdish fighters in northern Syria have infuriated Ankara, "
                  "officials said on Tuesday.")
    assert evs and all(e["country"] == "Syria" for e in evs), evs


def test_where_someone_spoke_is_not_where_the_event_is(extract):
    evs = extract("Rebel commanders accused the government of breaking the truce around Hama.\n\n"
                  "A rebel spokesman spoke in a television interview in Amman. "
                  "\"Today there were about 20 air strikes by the regime,\" he said.\n")
    strikes = [e for e in evs if e["sub_event_type"] == "Air/drone strike"]
    assert strikes and all(e["country"] == "Syria" for e in strikes), strikes


def test_a_country_that_acts_is_not_where_the_event_is(extract):
    evs = extract("Kurdish fighters advanced on Tal Rifaat on Monday.\n\n"
                  "Turkey has shelled Kurdish positions inside Syria for three straight days.\n")
    shelling = [e for e in evs if e["sub_event_type"] == "Shelling/artillery/missile attack"]
    assert shelling and all(e["country"] == "Syria" for e in shelling), shelling


def test_an_event_known_only_to_its_province_stands_at_the_province_seat(extract):
    # ACLED codes such an event at the provincial capital (geo_precision 3), not the unit's middle.
    evs = extract("Militants attacked an army patrol in Borno state on Saturday, killing three soldiers, "
                  "a military spokesman said.")
    assert [e["geo_precision"] for e in evs] == [3], evs
    maiduguri = (11.85, 13.16)
    assert abs(evs[0]["latitude"] - maiduguri[0]) < 0.1 and abs(evs[0]["longitude"] - maiduguri[1]) < 0.1, evs


def test_a_province_seat_is_its_largest_town_inside_it():
    from dateline.language.gazetteer import get_gazetteer

    gaz = get_gazetteer()
    seats = {}
    for name in ("Helmand Province", "Raqqa Governorate", "Mississippi"):
        unit = next(p for p in gaz.lookup(name) if p.feature in ("province", "state"))
        seats[name] = gaz.seat(unit).name
    # Raqqa's towns spell the province "Ar-Raqqah": matched by name key, not by spelling
    assert seats == {"Helmand Province": "Lashkar Gāh", "Raqqa Governorate": "Ar Raqqah", "Mississippi": "Jackson"}


def test_an_event_in_a_part_of_a_country_stands_in_that_part(extract):
    # "northern Nigeria" is far from Nigeria's middle: the event stands among the north's towns.
    evs = extract("Gunmen killed seven villagers in northern Nigeria on Friday, police said.")
    assert evs and evs[0]["geo_precision"] == 3 and evs[0]["location"] == "northern Nigeria", evs
    assert evs[0]["latitude"] > 10.5, evs
    evs = extract("Two soldiers were killed in a bomb blast in south-eastern Turkey on Monday.")
    assert evs and evs[0]["location"] == "south-eastern Turkey" and evs[0]["longitude"] > 38.0, evs


def test_a_country_named_alone_keeps_its_point(extract):
    evs = extract("Gunmen killed seven villagers in Nigeria on Friday, police said.")
    assert evs and evs[0]["location"] == "Nigeria", evs


def test_a_part_of_a_country_is_the_middle_of_its_provinces_there():
    from dateline.language.gazetteer import get_gazetteer

    gaz = get_gazetteer()
    north, south = gaz.part_of_country("AF", "n"), gaz.part_of_country("AF", "s")
    assert north[0] > 35.0 and south[0] < 33.0
    assert gaz.part_of_country("AF", "ns") is None  # no province is in both thirds
    assert gaz.part_of_country(None, "n") is None


def test_the_capital_a_demonym_names_is_the_event_place(extract):
    evs = extract("A car bomb killed four people in the Afghan capital on Tuesday, officials said.")
    assert [e["location"] for e in evs] == ["Afghan capital"], evs
    assert abs(evs[0]["latitude"] - 34.53) < 0.1, evs  # Kabul


def test_a_settlement_word_right_before_a_name_says_it_is_that_settlement(extract):
    evs = extract("Two dead, nine wounded by roadside bomb in the northern Iraqi city Tal Afar")
    assert [e["location"] for e in evs] == ["Tal Afar"], evs
