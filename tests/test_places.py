"""`dateline_places` on sentences of our own: one test per recognition or resolution rule."""

import pytest

from dateline.language.gazetteer import distance_km
from dateline.language.pipeline import build_pipeline


@pytest.fixture(scope="module")
def nlp():
    # the actor ruler runs before the NER in the real pipeline and names armed groups and forces
    return build_pipeline(["dateline_actor_ruler", "dateline_places"])


def run(nlp, text, dateline=None, title=None):
    doc = nlp.make_doc(text)
    doc._.meta = {"id": "t", "title": title, "published": None, "dateline": dateline}
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    return doc


def names(doc):
    return [p["name"] for p in doc._.places]


def place(doc, name):
    found = [p for p in doc._.places if p["name"] == name]
    assert found, f"{name!r} not among {names(doc)}"
    return found[0]


def near(p, lat, lon, km=25):
    return p["latitude"] is not None and distance_km(p["latitude"], p["longitude"], lat, lon) <= km


def test_offsets_point_at_the_name(nlp):
    text = "Kurdish-led fighters entered the town of Manbij in northern Syria on Tuesday."
    doc = run(nlp, text)
    for p in doc._.places:
        assert text[p["start"] : p["end"]] == p["name"]
    assert names(doc) == ["Manbij", "Syria"]


@pytest.mark.parametrize("spelling", ["Deir al-Zor", "Deir ez-Zor", "Dayr az Zawr", "Deir Al Zor", "Deir-ez-Zor"])
def test_transliteration_variants_resolve_to_one_city(nlp, spelling):
    doc = run(nlp, f"Syrian troops pushed toward {spelling} in eastern Syria, a monitoring group said.")
    p = place(doc, spelling)
    assert p["country_code"] == "SY" and near(p, 35.33, 40.14)


@pytest.mark.parametrize("spelling", ["Albu Kamal", "Abu Kamal", "Al Bukamal"])
def test_albu_kamal_spellings(nlp, spelling):
    doc = run(nlp, f"Government forces attacked {spelling} near the Iraqi border in Syria.")
    assert near(place(doc, spelling), 34.45, 40.92)


def test_a_misspelling_close_to_a_known_name_is_found(nlp):
    doc = run(nlp, "Syria\nNear Dayr Az Zayr, five strikes destroyed three oil wellheads.")
    assert near(place(doc, "Dayr Az Zayr"), 35.33, 40.14)


def test_possessive_is_not_part_of_the_name(nlp):
    text = "Syria’s government and Iraq's army both claimed the area."
    doc = run(nlp, text)
    assert names(doc) == ["Syria", "Iraq"]
    assert text[place(doc, "Syria")["end"]] == "’"


def test_the_article_country_decides_an_ambiguous_name(nlp):
    # Palmyra is a Syrian city and a dozen small American towns.
    syria = run(nlp, "Islamic State fighters retook Palmyra after Syrian troops withdrew from the desert city in Syria.")
    assert place(syria, "Palmyra")["country_code"] == "SY"
    usa = run(nlp, "He grew up in Palmyra, Pennsylvania, and joined the Marines in the United States.")
    assert place(usa, "Palmyra")["country_code"] == "US"


def test_nearby_places_decide_between_two_towns_of_one_name(nlp):
    # Two Iraqi villages are written Al Huwayjah: one near Kirkuk, one by Baghdad.
    doc = run(nlp, "Iraqi troops massed south of Kirkuk before advancing on Al Huwayjah and Tuz Khurmatu in Iraq.")
    assert near(place(doc, "Al Huwayjah"), 35.33, 43.77, km=30)


def test_the_province_the_text_names_ranks_candidates(nlp):
    doc = run(nlp, "Clashes broke out in Basira in Deir ez-Zor province, Syria, residents said.")
    p = place(doc, "Basira")
    assert p["country_code"] == "SY" and p["admin1"] and "Deir" in p["admin1"]


def test_city_state_pattern(nlp):
    doc = run(nlp, "The sailor, of Woodbridge, Virginia, was killed in Syria last week.")
    assert near(place(doc, "Woodbridge"), 38.66, -77.25)


def test_unknown_village_falls_back_to_the_province_the_text_names(nlp):
    # Garmsir is known only as an Afghan place: in a Syrian story it must not land in Afghanistan,
    # and the province written after it stands in for it (geo_precision 3).
    doc = run(nlp, "Fighting was reported in the village of Garmsir in Idlib province in Syria.")
    p = place(doc, "Garmsir")
    assert (p["resolved"], p["country_code"], p["geo_precision"]) == ("Idlib Governorate", "SY", 3)


def test_unknown_village_in_a_province_with_a_particle_stays_unresolved(nlp):
    # What happens today: the province after the village is read only up to its first
    # lower-case word ("Deir", not "Deir ez-Zor"), so no province stands in and the village
    # stays unplaced, though never put in Afghanistan.
    doc = run(nlp, "Fighting was reported in the village of Garmsir in Deir ez-Zor province in Syria.")
    p = place(doc, "Garmsir")
    assert (p["resolved"], p["country_code"], p["geo_precision"]) == (None, None, 3)


def test_dateline_places_are_listed_but_do_not_set_the_focus(nlp):
    text = "BEIRUT (Reuters) – Iraqi forces captured the town of al-Qaim in western Iraq on Friday, pushing on to Rawa."
    doc = run(nlp, text, dateline={"places": ["BEIRUT"], "country": None, "agency": "Reuters"})
    beirut = place(doc, "BEIRUT")
    assert beirut["in_dateline"] and beirut["country_code"] == "LB"
    assert doc._.focus_country == "IQ"
    assert place(doc, "al-Qaim")["country_code"] == "IQ"
    assert place(doc, "Rawa")["country_code"] == "IQ"
    assert not place(doc, "Iraq")["in_dateline"]


def test_a_sponsor_country_is_not_the_focus(nlp):
    # "US-backed", "Rwanda-backed": the country that backs a side is not where the story is
    doc = run(nlp, "US-backed Iraqi fighters killed eight militants in an overnight raid.")
    assert doc._.focus_country == "IQ"
    doc = run(nlp, "Rwanda-backed rebels and Congolese troops fought overnight, and Rwanda-backed units held the hills.")
    assert doc._.focus_country == "CD"


def test_focus_falls_back_to_the_dateline_when_the_body_names_nowhere(nlp):
    doc = run(nlp, "CAIRO (Reuters) – The minister said talks would resume next week.",
              dateline={"places": ["CAIRO"], "country": None, "agency": "Reuters"})
    assert doc._.focus_country == "EG"


def test_islamic_state_is_not_a_place(nlp):
    doc = run(nlp, "Islamic State claimed the attack. The Islamic State of Iraq and the Levant has lost ground.")
    assert names(doc) == []


def test_names_inside_organisations_are_not_places(nlp):
    doc = run(nlp, "Jordan Armed Forces trained with U.S. Army Central in the desert of Jordan.")
    assert names(doc) == ["Jordan"]
    assert place(doc, "Jordan")["start"] > 40


def test_us_as_a_modifier_is_not_a_place_but_as_a_noun_is(nlp):
    doc = run(nlp, "U.S.-backed fighters and U.S. forces advanced. Turkey warned the U.S. on Monday.")
    assert names(doc) == ["Turkey", "U.S."]
    assert place(doc, "U.S.")["start"] > 40


def test_demonyms_are_not_places(nlp):
    doc = run(nlp, "Syrian troops and Iraqi militias met Kurdish fighters near the border.")
    assert names(doc) == []
    assert doc._.focus_country in ("SY", "IQ")


def test_a_person_named_after_a_town_is_not_the_town(nlp):
    doc = run(nlp, "Abu Bakr al-Baghdadi urged followers to fight. Baghdadi said the war would go on in Iraq.")
    assert names(doc) == ["Iraq"]


def test_hospital_names_are_buildings(nlp):
    doc = run(nlp, "The wounded were taken to Bellevue Hospital in New York City.")
    assert names(doc) == ["New York City"]


def test_curated_camps_rivers_and_regions(nlp):
    doc = run(nlp, "Families moved from Baghouz across the Euphrates to al-Hol camp, a sprawling site in the Middle East.")
    assert names(doc) == ["Baghouz", "Euphrates", "al-Hol camp", "Middle East"]
    assert place(doc, "Euphrates")["feature"] == "river" and place(doc, "Euphrates")["latitude"] is None
    assert near(place(doc, "al-Hol camp"), 36.38, 41.15)


def test_common_words_opening_a_sentence_are_not_places(nlp):
    doc = run(nlp, "Even so, March was quiet. People said Monday would be calm near Mosul.")
    assert names(doc) == ["Mosul"]


def test_province_word_after_a_name_picks_the_province(nlp):
    doc = run(nlp, "Air strikes hit villages in Idlib province and the city of Idlib in Syria.")
    first, second = [p for p in doc._.places if p["name"] == "Idlib"]
    assert first["feature"] == "province"
    assert second["feature"] == "city" or second["feature"] == "town"


def test_record_fields(nlp):
    doc = run(nlp, "Protesters gathered in Baghdad, Iraq.")
    p = place(doc, "Baghdad")
    for key in ("name", "resolved", "geonameid", "latitude", "longitude", "country_code", "feature", "start", "end",
                "admin1", "country", "population", "in_dateline"):
        assert key in p
    assert p["country"] == "Iraq" and p["population"] > 1_000_000 and p["in_dateline"] is False


def test_a_dateline_names_the_city_not_the_state(nlp):
    doc = run(nlp, "NEW YORK (Reuters) – Police said the suspect acted alone.",
              dateline={"places": ["NEW YORK"], "country": None, "agency": "Reuters"})
    assert near(place(doc, "NEW YORK"), 40.71, -74.01)


def test_a_dateline_only_name_is_a_place_only_in_the_dateline(nlp):
    doc = run(nlp, "UNITED NATIONS (Reuters) – The United Nations Security Council met on Iraq.",
              dateline={"places": ["UNITED NATIONS"], "country": None, "agency": "Reuters"})
    assert names(doc) == ["UNITED NATIONS", "Iraq"]
    assert place(doc, "UNITED NATIONS")["in_dateline"]


def test_one_name_one_place_per_article(nlp):
    # "a Brussels meeting" is the Brussels the article is in elsewhere, not a small American namesake
    text = ("Ministers met in Brussels on Monday. The United States and the U.S. envoy said the United States "
            "would attend a Brussels meeting, the United States said.")
    doc = run(nlp, text)
    assert {p["country_code"] for p in doc._.places if p["name"] == "Brussels"} == {"BE"}


def test_a_country_after_a_town_places_it(nlp):
    doc = run(nlp, "A coalition strike hit a headquarters near Sarmada, Syria, officials said.")
    assert place(doc, "Sarmada")["country_code"] == "SY"


def test_places_listed_together_support_each_other(nlp):
    doc = run(nlp, "Government troops shelled Kafr Nabl and Maarat al-Numan in Syria.")
    assert {"Kafr Nabl", "Maarat al-Numan"} <= set(names(doc))


def test_abbreviation_coordinated_with_a_demonym_is_a_modifier(nlp):
    doc = run(nlp, "Warships joined U.S., U.K. and French maritime operations, the U.S. and Britain said.")
    assert names(doc) == ["U.S.", "Britain"]


def test_the_country_a_government_governs_is_a_place(nlp):
    doc = run(nlp, "The Government of Iraq asked for help. The Islamic State of Iraq and the Levant lost ground.")
    assert names(doc) == ["Iraq"]


def test_a_name_that_only_folds_onto_a_country_is_not_that_country(nlp):
    doc = run(nlp, "A car bomb exploded in As Samawah, in southern Iraq.")
    p = next(p for p in doc._.places if "Samawah" in p["name"])
    assert p["country_code"] == "IQ" and p["feature"] != "country"


def test_a_mountain_named_after_a_town_is_placed_near_it(nlp):
    doc = run(nlp, "Yazidis fled to Mount Sinjar as militants advanced in Iraq.")
    p = place(doc, "Mount Sinjar")
    assert p["geo_precision"] == 2 and near(p, 36.32, 41.88, km=40)


def test_a_facility_named_after_a_town_does_not_hide_the_town(nlp):
    doc = run(nlp, "Rockets hit the Al Qayyarah Military Base south of Mosul in Iraq.")
    p = next(p for p in doc._.places if "Qayyarah" in p["name"])
    assert near(p, 35.80, 43.29, km=40)


def test_an_opening_ayn_does_not_split_a_name(nlp):
    doc = run(nlp, "Clashes were reported in Tall ‘Afar, Iraq.")
    assert near(place(doc, "Tall ‘Afar"), 36.38, 42.45)


def test_a_part_of_a_city_stays_in_that_city(nlp):
    # "Aden" is a city in Yemen, and a neighbourhood of Mosul
    doc = run(nlp, "Air strikes hit the Aden neighbourhood, eastern Mosul, Nineveh province, Iraq.")
    p = place(doc, "Aden")
    assert p["country_code"] == "IQ" and near(p, 36.34, 43.13, km=30) and p["geo_precision"] == 2


def test_an_unknown_quarter_of_a_named_city_is_that_city(nlp):
    doc = run(nlp, "Militants held out in Mosul's Old City, in northern Iraq.")
    p = place(doc, "Old City")
    assert p["country_code"] == "IQ" and near(p, 36.34, 43.13) and p["geo_precision"] == 2


def test_persian_ezafe_names_hold_together(nlp):
    doc = run(nlp, "Taliban fighters entered Pul-e-Khumri and Mazar-i-Sharif in Afghanistan.")
    assert names(doc) == ["Pul-e-Khumri", "Mazar-i-Sharif", "Afghanistan"]
    assert near(place(doc, "Mazar-i-Sharif"), 36.71, 67.11)


def test_a_name_the_gazetteer_knows_only_in_pieces_is_not_its_pieces(nlp):
    # "Cabo Delgado" is unknown whole; "Cabo" and "Delgado" alone are places far away
    doc = run(nlp, "Insurgents attacked the town of Palma in Cabo Delgado province, Mozambique, the ministry said.")
    assert "Cabo" not in names(doc) and "Delgado" not in names(doc)
    assert all(p["country_code"] in (None, "MZ") for p in doc._.places)


def test_a_namesake_outside_the_province_named_gives_way_to_the_province(nlp):
    # the village is not in the gazetteer; a Moroccan city is spelled close to it
    doc = run(nlp, "Gunmen kidnapped 80 students from a school in Kuriga in Kaduna state, Nigeria, residents said.")
    p = place(doc, "Kuriga")
    assert p["country_code"] == "NG" and p["geo_precision"] == 3


# ---------------------------------------------------------------- places outside the development set (issue 13)


def test_an_acronym_is_not_a_place_its_letters_fold_onto(nlp):
    doc = run(nlp, "Doctors in Kenya said AIDS and malaria killed more people than the war.")
    assert names(doc) == ["Kenya"]  # "AIDS" folds onto the key of Eads, Colorado


def test_a_place_that_names_a_disease_is_no_place_of_the_story(nlp):
    doc = run(nlp, "The Marburg virus spread further in Angola this week. Marburg kills more slowly than Ebola.")
    assert names(doc) == ["Angola"]


def test_a_name_the_article_gives_a_school_is_the_school_alone_too(nlp):
    doc = run(nlp, "Five boys at Franklin Elementary in Santa Ana, California fell ill. Three more children at "
                   "Franklin were tested.")
    assert "Franklin" not in names(doc)
    assert near(place(doc, "Santa Ana"), 33.75, -117.87)


def test_a_season_is_not_a_town(nlp):
    doc = run(nlp, "The first cases in Texas were seen in Spring 2002 and again in the Summer of 2008.")
    assert names(doc) == ["Texas"]


def test_states_in_a_list_are_states(nlp):
    doc = run(nlp, "Cases were reported in Ohio, Utah, Washington and Wyoming, health officials said.")
    assert names(doc) == ["Ohio", "Utah", "Washington", "Wyoming"]
    assert all(p["feature"] == "state" for p in doc._.places)
    assert near(place(doc, "Washington"), 47.4, -120.5, km=300)


def test_a_state_the_text_writes_after_a_town_is_the_state(nlp):
    doc = run(nlp, "A second patient was admitted to a hospital in Rockville, Maryland on Friday.")
    assert place(doc, "Maryland")["feature"] == "state"
    assert near(place(doc, "Rockville"), 39.08, -77.15)


def test_the_container_decides_between_namesakes(nlp):
    doc = run(nlp, "The company moved from Dublin, Ohio to London, Ontario last year.")
    assert near(place(doc, "Dublin"), 40.10, -83.11)
    assert near(place(doc, "London"), 42.98, -81.23)


def test_a_state_abbreviation_after_a_town_places_it(nlp):
    doc = run(nlp, "The storm flattened barns near Paris, Mo., and in Tulsa, Okla., on Tuesday.")
    assert near(place(doc, "Paris"), 39.48, -92.00)
    assert near(place(doc, "Tulsa"), 36.15, -95.99)
    assert place(doc, "Mo.")["resolved"] == "Missouri" and place(doc, "Okla.")["resolved"] == "Oklahoma"


def test_a_us_state_is_not_the_country_of_the_same_name_in_a_us_story(nlp):
    doc = run(nlp, "Storms in Alabama and Georgia left thousands without power, officials in Atlanta said.")
    assert place(doc, "Georgia")["country_code"] == "US"


def test_the_state_of_x_is_the_state(nlp):
    doc = run(nlp, "The first case in the United States was found in the state of Washington in 2003.")
    assert place(doc, "Washington")["feature"] == "state"


def test_fragments_of_longer_names_are_not_places(nlp):
    doc = run(nlp, "Veterans of the Soviet Union met officials in ST. LOUIS, and the County of Santa Clara "
                   "issued a health order.")
    assert "Union" not in names(doc) and "LOUIS" not in names(doc) and "Santa Clara" not in names(doc)
    assert near(place(doc, "ST. LOUIS"), 38.63, -90.20)


def test_a_common_word_starting_a_longer_name_is_not_a_place(nlp):
    """"Green" is a town in Ohio and "the Green" a village in Vermont; "the Green Zone" is neither."""
    doc = run(nlp, "Protesters broke into the fortified Green Zone in Baghdad on Friday, and police closed Nice Airport.")
    assert "Green" not in names(doc) and "the Green" not in names(doc)
    assert near(place(doc, "Nice"), 43.70, 7.27)


def test_a_hyphened_place_where_something_is_stays_a_place(nlp):
    doc = run(nlp, "An Atlanta-area hospital treated two patients, and U.S.-backed trials began.")
    assert near(place(doc, "Atlanta"), 33.75, -84.39)
    assert "U.S." not in names(doc)  # who backs, not where


def test_a_name_also_a_persons_is_a_place_after_a_place_preposition(nlp):
    doc = run(nlp, "Inspector David Cornwall said the dog was found in a caravan park in Cornwall, England.")
    assert place(doc, "Cornwall")["country_code"] == "GB"


def test_a_participle_the_ner_took_for_a_name_does_not_hide_the_place(nlp):
    # the NER reads "Addressing Kirkuk" as a person; its words are no one's name, so Kirkuk
    # stays a place wherever else the article names it
    doc = run(nlp, "Iraqi troops retook the centre of Kirkuk on Friday, the army said.\n\n"
                   "Addressing Kirkuk on Saturday, the governor promised the city would be rebuilt.")
    assert near(place(doc, "Kirkuk"), 35.47, 44.39)


def test_a_demonym_or_a_country_names_its_capital(nlp):
    doc = run(nlp, "Protesters gathered in the Kenyan capital on Monday, then marched on Uganda's capital.")
    assert [(p["name"], p["resolved"]) for p in doc._.places] == [
        ("Kenyan capital", "Nairobi"), ("Uganda", "Uganda"), ("capital", "Kampala")]
    doc = run(nlp, "Shelling hit the capital of Yemen overnight.")
    assert ("capital", "Sanaa") in [(p["name"], p["resolved"]) for p in doc._.places]


def test_a_capital_named_after_the_word_is_not_found_twice(nlp):
    doc = run(nlp, "A blast shook the Somali capital, Mogadishu, on Sunday.")
    assert names(doc) == ["Mogadishu"]


def test_a_name_a_country_owns_is_a_place_in_it(nlp):
    # the NER reads these as people; "Nigeria's" says where they are
    doc = run(nlp, "Gunmen stormed a school in Nigeria's Zamfara and a market in Iraq's Tal Afar.")
    assert place(doc, "Zamfara")["country_code"] == "NG"
    assert place(doc, "Tal Afar")["country_code"] == "IQ"


def test_a_big_city_before_a_building_word_is_the_city(nlp):
    doc = run(nlp, "Bomber kills six at Kabul mosque")
    assert near(place(doc, "Kabul"), 34.53, 69.17)
    # a small place's name before the word is the building's own name
    doc = run(nlp, "Gunmen raided the Al Salem hospital in Mosul.")
    assert names(doc) == ["Mosul"]


def test_a_big_city_is_not_swallowed_by_a_longer_name_only_spelled_close(nlp):
    doc = run(nlp, "Suicide bombing in Baghdad Shiite district kills 12")
    assert near(place(doc, "Baghdad"), 33.34, 44.40)


def test_a_province_before_town_or_village_is_the_province(nlp):
    doc = run(nlp, "Iraqi troops entered a key Anbar town on Sunday.")
    assert place(doc, "Anbar")["feature"] == "province" and place(doc, "Anbar")["country_code"] == "IQ"
    doc = run(nlp, "Clashes erupted in Idlib city on Friday.")
    assert place(doc, "Idlib")["feature"] == "city"


def test_a_french_name_joined_by_inner_words_is_one_place(nlp):
    """"au", "aux", "les", "sous" join a French name's parts: the whole is the place, not "Prince"."""
    doc = run(nlp, "Gunmen blocked the road out of Port-au-Prince on Monday.")
    assert place(doc, "Port-au-Prince")["country_code"] == "HT"
    assert "Prince" not in names(doc)
    doc = run(nlp, "French riot police fired tear gas at youths in Aulnay-sous-Bois.")
    assert place(doc, "Aulnay-sous-Bois")["country_code"] == "FR"


def test_a_town_written_as_the_province_it_is_the_seat_of_is_a_place(nlp):
    """A province's seat that bears its name is as well known as the province, with no country written."""
    doc = run(nlp, "Two engineers were seized in Dosso on Friday.")
    assert place(doc, "Dosso")["country_code"] == "NE"


def test_the_name_after_the_shelling_or_the_siege_of_is_a_place(nlp):
    """War news names the place an act hit after "the shelling of", "the siege of", "the fall of"."""
    doc = run(nlp, "The bombardment of Rafah went on through the night.")
    assert place(doc, "Rafah")["country_code"] == "PS"
    doc = run(nlp, "Residents fled after the fall of Kherson to the invading forces.")
    assert place(doc, "Kherson")["country_code"] == "UA"


def test_the_city_after_a_neighbourhood_of_is_a_place(nlp):
    """A district the gazetteer lacks, then "neighbourhood of" and the city (which the NER may tag ORG)."""
    doc = run(nlp, "A grenade went off in a bar in the Kinama neighbourhood of Bujumbura late on Friday.")
    assert place(doc, "Bujumbura")["country_code"] == "BI"


def test_a_name_like_a_foreign_town_is_no_vote_for_its_country(nlp):
    """An unknown region name that only looks like a town abroad does not pull the article there."""
    doc = run(nlp, "Rescuers said 12 people choked after shells hit the eastern Ghouta town of Hammouriyeh.")
    assert doc._.focus_country in (None, "SY"), doc._.focus_country


def test_a_unit_word_before_its_container_keeps_the_container(nlp):
    """ "X township, Magway region": the region holds X; no look-alike town across the border."""
    doc = run(nlp, "Troops burned houses in Gangaw township, Magway region, on Friday.")
    assert place(doc, "Gangaw")["country_code"] == "MM"


def test_an_attackers_nationality_does_not_hide_the_town_it_hit(nlp):
    """The only people named are the attackers; the one town so spelled is where it happened."""
    doc = run(nlp, "Russian jets bombed a bakery in the town of Kafranbel on Tuesday.")
    assert place(doc, "Kafranbel")["country_code"] == "SY"


def test_a_name_is_no_anchor_for_its_own_namesake(nlp):
    """A town on a border with a namesake across it ("Rafah") stays where the article is."""
    doc = run(nlp, "An air strike on a house in Rafah killed four people, Palestinian medics said.")
    assert place(doc, "Rafah")["country_code"] == "PS"


def test_a_name_before_a_country_that_holds_none_of_it_is_no_namesake_abroad(nlp):
    """ "a U.S. Marine in Iraq": no "Marine" is in Iraq, so no American village of that name."""
    doc = run(nlp, "A rocket fired by militants killed a U.S. Marine in Iraq, the Pentagon said on Sunday. "
                   "He came from San Diego, California.")
    assert place(doc, "Marine")["country_code"] in (None, "IQ")


def test_the_kind_word_after_a_name_picks_the_unit_so_named(nlp):
    """ "Plateau state" is Nigeria's Plateau State, not Benin's Plateau department; "Niger state"
    is a Nigerian state, not the country; "Unity state" is a place although "unity" is a word."""
    doc = run(nlp, "Gunmen attacked a village in Plateau state, killing 18 people.")
    assert place(doc, "Plateau")["country_code"] == "NG"
    doc = run(nlp, "Bandits kidnapped 20 farmers in Niger state on Monday.")
    assert place(doc, "Niger")["country_code"] == "NG"
    doc = run(nlp, "Floods and fighting displaced thousands in Unity state last week.")
    assert place(doc, "Unity")["country_code"] == "SS"


def test_a_common_word_heading_an_of_name_is_not_a_place(nlp):
    """ "the Line of Control" is a ceasefire line, not the Chinese town "Lin'e"; the bank in
    "the Bank of England" is no place either."""
    doc = run(nlp, "Indian and Pakistani troops exchanged fire across the Line of Control on Tuesday.")
    assert "Line" not in names(doc)
    doc = run(nlp, "Protesters gathered outside the Bank of England in London on Friday.")
    assert "Bank" not in names(doc) and near(place(doc, "London"), 51.51, -0.13)
