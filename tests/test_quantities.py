"""Quantities: counted figures, their values, what they count and who gives them, on sentences
written for these tests."""

import pytest

from dateline.language.quantities import figures_in, number_value


@pytest.fixture(scope="module")
def nlp():
    from dateline.language.pipeline import build_pipeline

    return build_pipeline(["dateline_quotes", "dateline_quantities"])


def figures(nlp, text):
    doc = nlp(text)
    for q in doc._.quantities:
        assert q["start"] < q["end"] and text[q["start"] : q["end"]].strip()
    return doc._.quantities


def values(nlp, text):
    return [(q["low"], q["high"], q["approximate"]) for q in figures(nlp, text)]


def one(nlp, text):
    found = figures(nlp, text)
    assert len(found) == 1, found
    return found[0]


# --- values ------------------------------------------------------------------------------------


def test_number_words_and_digits():
    assert number_value("2,000") == 2000
    assert number_value("Ninety-Four") == 94
    assert number_value("2.5 million") == 2_500_000
    assert number_value("a hundred") == 100
    assert number_value("three thousand") == 3000


def test_digits_and_number_words_in_text(nlp):
    assert values(nlp, "Gunmen killed 193 villagers and burned eight houses in Zamfara.") == [
        (193, 193, False),
        (8, 8, False),
    ]


def test_vague_words_become_ranges(nlp):
    text = (
        "Dozens of soldiers deserted. Hundreds of families fled the district. Thousands of people marched. "
        "The war has displaced millions of people. A few thousand fighters remain."
    )
    assert values(nlp, text) == [
        (24, 99, True),
        (200, 999, True),
        (2000, 9999, True),
        (2_000_000, 9_999_999, True),
        (2000, 5000, True),
    ]


def test_scores_if_not_hundreds_is_one_range(nlp):
    q = one(nlp, "The shelling killed scores, if not hundreds, of civilians in the old city.")
    assert (q["low"], q["high"], q["approximate"]) == (40, 999, True)


def test_ranges(nlp):
    text = (
        "Officials said 300 to 450 fighters were trapped. Another 1,200-1,800 civilians were in the camp. "
        "Between 50 and 70 trucks crossed the border."
    )
    assert values(nlp, text) == [(300, 450, True), (1200, 1800, True), (50, 70, True)]


def test_more_than_and_about_keep_the_number_and_mark_it_approximate(nlp):
    text = "More than 12,000 people were evacuated. About 40 police officers were wounded. Some 600 prisoners escaped."
    assert values(nlp, text) == [(12000, 12000, True), (40, 40, True), (600, 600, True)]


def test_a_dozen_is_twelve(nlp):
    q = one(nlp, "The blast wounded a dozen worshippers at the mosque.")
    assert (q["low"], q["high"], q["approximate"]) == (12, 12, True)


# --- not counts ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The group seized the city in 2014 and held it until 2017.",  # years
        "The attack happened on March 10 and the curfew began on 12 April.",  # dates
        "A 19-year-old student was among the dead.",  # age
        "The suspect, Daniel Okoro, 34, was arrested at the airport.",  # age after a name
        "The siege lasted 14 months and the talks took three weeks.",  # durations
        "The convoy stopped 40 km south of the town after a 20-minute delay.",  # distance, duration
        "The rebels control about 3,000 square kilometres of farmland.",  # area
        "Turnout fell to 35 percent and prices rose 12%.",  # percentages
        "About a third of the province is held by the militia.",  # fraction
        "The donors pledged $250 million for reconstruction.",  # money
        "Families can call the hotline on 555-210-3344 for news.",  # phone number
        "The 3rd Brigade and the 101st Airborne Division arrived.",  # ordinals
        "One of the gunmen was a former police officer.",  # one of
        "The two leaders discussed the offensive on Friday.",  # anaphoric number word
        "The frigate joined Task Force 52 in the Gulf.",  # identifier
        "The curfew starts at 10 p.m. every night.",  # time of day
    ],
)
def test_not_quantities(nlp, text):
    assert figures(nlp, text) == []


def test_digits_after_the_are_still_a_count(nlp):
    q = one(nlp, "The president plans to withdraw the 2,500 troops stationed in the north.")
    assert (q["low"], q["approximate"]) == (2500, False)
    assert "troops" in q["counts"]


# --- what is counted -----------------------------------------------------------------------------


def test_counts_is_the_noun_with_its_modifiers_and_participle(nlp):
    found = figures(nlp, "More than 9,000 civilians were evacuated and 41 enemy positions were seized.")
    assert [q["counts"] for q in found] == ["civilians evacuated", "enemy positions seized"]


def test_counts_through_of(nlp):
    found = figures(nlp, "Around 500 of the fighters’ wives and 900 of their children live in the camp.")
    assert [q["counts"] for q in found] == ["fighters’ wives", "children"]
    assert [q["low"] for q in found] == [500, 900]


def test_a_figure_without_its_noun_counts_what_the_sentence_counted(nlp):
    found = figures(nlp, "There were 700-900 fighters left in Sirte and 400-500 in Derna.")
    assert [(q["low"], q["high"]) for q in found] == [(700, 900), (400, 500)]
    assert found[1]["counts"] == found[0]["counts"] and "fighters" in found[1]["counts"]


def test_span_covers_the_figure_and_its_noun(nlp):
    text = "Rescuers pulled 17 bodies from the rubble."
    q = one(nlp, text)
    assert text[q["start"] : q["end"]] == "17 bodies"


# --- who gives the figure ------------------------------------------------------------------------


def test_claimant_is_the_speaker_of_the_report(nlp):
    text = "The army said its troops had killed 35 insurgents in the forest."
    q = one(nlp, text)
    assert q["claimant"] == "army"


def test_claimant_from_according_to(nlp):
    q = one(nlp, "At least 60 people died in the floods, according to the Red Crescent.")
    assert q["claimant"] == "Red Crescent"


def test_claimant_inside_a_direct_quote(nlp):
    q = one(nlp, "“We counted 28 bodies in the square,” said Idris Musa, a local volunteer.")
    assert q["claimant"] == "Idris Musa"


def test_the_article_s_own_voice_has_no_claimant(nlp):
    q = one(nlp, "Eleven soldiers were killed in the ambush near Gao.")
    assert q["claimant"] is None


def test_a_report_continues_through_the_paragraph(nlp):
    text = (
        "Governor Ali Hamza said the militia was holding 80 hostages. "
        "Around 30 of them are children."
    )
    found = figures(nlp, text)
    assert [q["claimant"] for q in found] == ["Ali Hamza", "Ali Hamza"]


def test_figures_in_finds_spans_without_a_parser():
    text = "Between 500 to 1,000 civilians and 60-plus nations"
    found = figures_in(text)
    assert [(f.low, f.high, f.approximate) for f in found] == [(500, 1000, True), (60, 60, True)]
    assert text[found[0].start : found[0].end] == "Between 500 to 1,000"


def test_from_a_to_b_with_vague_ends(nlp):
    text = "Estimates of the dead range from tens of thousands to several hundred thousand."
    assert values(nlp, text) == [(20_000, 999_999, True)]


def test_a_figure_with_dead_or_wounded_counts_them(nlp):
    found = figures(nlp, "Medics reported around 40 dead and 90 wounded after the bombing.")
    assert [(q["low"], q["counts"]) for q in found] == [(40, "people dead"), (90, "people wounded")]


def test_death_toll_and_figures_that_share_a_noun(nlp):
    found = figures(nlp, "The death toll rose to 27. One soldier was killed and two were wounded in the ambush.")
    assert [(q["low"], q["counts"]) for q in found] == [(27, "deaths"), (1, "soldier killed"), (2, "soldier wounded")]


def test_number_word_that_counts_nothing_named_is_dropped(nlp):
    assert figures(nlp, "Jeanne, a mother of five, fled the camp.") == []


def test_half_a_million_two_dozen_and_strong(nlp):
    text = "Half a million people need aid. Two dozen mines were cleared by a 4,000-strong brigade."
    assert values(nlp, text) == [(500_000, 500_000, False), (24, 24, True), (4000, 4000, False)]


def test_a_second_figure_takes_its_own_verb(nlp):
    found = figures(nlp, "The raid ended after troops killed 12 rebels and wounded 30.")
    assert [q["counts"] for q in found] == ["rebels killed", "rebels wounded"]


def test_a_report_that_governs_the_figure_gives_its_claimant(nlp):
    text = "The army retook the port, the spokesman said in a statement, adding that two dozen mines had been cleared."
    found = figures(nlp, text)
    assert [(q["low"], q["claimant"]) for q in found] == [(24, "spokesman")]
    text = "Dozens of trucks waited at the gate and the drivers said they would leave at dawn."
    assert [q["claimant"] for q in figures(nlp, text)] == [None]


@pytest.mark.parametrize(
    "text",
    [
        "Russia asked for the return of a Mi-26 helicopter.",  # model number
        "Veterans of the 1991-1995 war marched in Zagreb.",  # years
        "The treaty was signed in 1961 [2] and renewed.",  # citation mark
        "The village lies at 33°47′N 44°30′E.",  # coordinates
        "A 7.5 magnitude quake struck.",  # a decimal without a scale
        "Children as young as 10 were recruited as fighters.",  # age
        "Chapter three of the report describes the raid.",  # identifier
    ],
)
def test_more_things_that_are_not_counts(nlp, text):
    assert figures(nlp, text) == []


def test_over_before_a_number_word_is_a_preposition(nlp):
    assert values(nlp, "Lebanon complained over two Israeli air raids.") == [(2, 2, False)]
    assert values(nlp, "The jets flew over 870 missions.") == [(870, 870, True)]
