"""Quotes: direct and indirect speech, speakers and titles, on sentences written for these tests."""

import pytest

from dateline.language.quotes import scan_quote_marks


@pytest.fixture(scope="module")
def nlp():
    from dateline.language.pipeline import build_pipeline

    return build_pipeline(["dateline_quotes"])


def quotes(nlp, text, kind=None):
    doc = nlp(text)
    found = doc._.quotes
    for q in found:
        assert text[q["start"] : q["end"]] == q["text"]  # offsets point at the evidence
    return [q for q in found if kind is None or q["kind"] == kind]


def one(nlp, text, kind="direct"):
    found = quotes(nlp, text, kind)
    assert len(found) == 1, found
    return found[0]


# --- quotation marks -------------------------------------------------------------------------


def test_curly_quote_before_said_drops_the_trailing_comma(nlp):
    q = one(nlp, "“The roads to the north are closed,” said Laila Haddad, a nurse at the clinic in Tal Abyad.")
    assert q["text"] == "The roads to the north are closed"
    assert q["speaker"] == "Laila Haddad"
    assert q["speaker_title"].startswith("a nurse at the clinic")


def test_straight_quotes_are_paired_too(nlp):
    q = one(nlp, 'The brigade commander, Colonel Omar Fadel, said: "We will hold the bridge until the relief column arrives."')
    assert q["text"].startswith("We will hold the bridge")
    assert q["speaker"] == "Omar Fadel"


def test_end_punctuation_other_than_the_comma_is_kept(nlp):
    q = one(nlp, "Residents fled overnight. “We left everything behind.” said Amina Yusuf, a farmer from Bama.")
    assert q["text"] == "We left everything behind."


def test_quote_split_by_she_said_gives_two_quotes_with_one_speaker(nlp):
    text = (
        "Fatima Bello, a teacher in Maiduguri, described the night of the raid.\n\n"
        "“They came at midnight,” she said. “By morning the market was ash and the school was empty.”"
    )
    found = quotes(nlp, text, "direct")
    assert [q["text"] for q in found] == ["They came at midnight", "By morning the market was ash and the school was empty."]
    assert {q["speaker"] for q in found} == {"Fatima Bello"}


def test_quote_running_over_two_paragraphs_keeps_its_speaker(nlp):
    text = (
        "“The shelling started before dawn and did not stop until the afternoon. Nobody could reach the wounded.\n\n"
        "“We buried eleven people in the orchard,” said Yusuf Karimi, a village elder."
    )
    marks = scan_quote_marks(text)
    assert [m.closed for m in marks if m.depth == 0] == [False, True]
    found = quotes(nlp, text, "direct")
    assert len(found) == 2
    assert all(q["speaker"] == "Yusuf Karimi" for q in found)


def test_nested_quote_counts_only_when_it_reports_another_speaker(nlp):
    text = "“The guards walked in and they were, like, “Who sent you here?” and then took our phones,” said Rania Saleh."
    found = quotes(nlp, text, "direct")
    assert "Who sent you here?" in [q["text"] for q in found]
    text = "“The army has pushed them back “much further” than anyone expected this year,” General Tomas Rivera said."
    found = quotes(nlp, text, "direct")
    assert [q["text"] for q in found] == ["The army has pushed them back “much further” than anyone expected this year"]


def test_scare_quotes_are_not_speech(nlp):
    text = "The rebels began the assault on Friday, seeking to end the group’s self-declared “emirate” in the hills."
    assert quotes(nlp, text, "direct") == []


def test_short_quoted_words_a_named_party_said_are_kept(nlp):
    q = one(nlp, "The ministry said the attack on the convoy was “cowardly” and promised an inquiry.")
    assert q["text"] == "cowardly"
    assert q["speaker"] == "ministry"


def test_nicknames_in_quotes_are_not_speech(nlp):
    assert quotes(nlp, 'Major Dan "Hawk" Miller will brief reporters on the investigation.', "direct") == []


# --- speakers ----------------------------------------------------------------------------------


def test_surname_resolves_to_the_full_name_given_earlier(nlp):
    text = (
        "Army spokesman Tariq Mansour said the road had been cleared of mines.\n\n"
        "“The convoy can move tomorrow,” Mansour said."
    )
    q = one(nlp, text)
    assert q["speaker"] == "Tariq Mansour"


def test_pronoun_carries_the_last_named_speaker(nlp):
    text = (
        "“Nobody warned us about the curfew,” said Grace Akello, who sells vegetables in Gulu.\n\n"
        "“The soldiers took the bicycles first,” she said."
    )
    found = quotes(nlp, text, "direct")
    assert [q["speaker"] for q in found] == ["Grace Akello", "Grace Akello"]


def test_the_role_noun_refers_back_to_the_named_person(nlp):
    text = (
        "“We lost two vehicles on the ridge,” said the officer, Captain Elias Mbeki.\n\n"
        "“The rest of the company is safe,” the officer said."
    )
    found = quotes(nlp, text, "direct")
    assert [q["speaker"] for q in found] == ["Elias Mbeki", "Elias Mbeki"]


def test_title_before_the_name(nlp):
    q = one(nlp, "“There will be no ceasefire before the talks,” Kenyan Foreign Minister Ruth Wambui said on Tuesday.")
    assert q["speaker"] == "Ruth Wambui"
    assert "Foreign Minister" in q["speaker_title"]


def test_bodies_speak_too(nlp):
    q = one(nlp, "The U.N. mission said it had “credible reports of summary executions” in the district.")
    assert q["speaker"] == "U.N. mission"
    q = one(nlp, "“Order has been restored in the capital,” state television reported.")
    assert q["speaker"] == "state television"


def test_acronym_speaker_is_spelled_out(nlp):
    text = (
        "The Rapid Support Forces (RSF) took the airport on Monday.\n\n"
        "“The airport is under our control,” the RSF said in a statement."
    )
    q = one(nlp, text)
    assert q["speaker"] == "Rapid Support Forces"


def test_quote_with_no_verb_of_its_own_takes_the_last_speaker(nlp):
    text = (
        "The ambush killed four soldiers, district governor Paul Nkosi told Reuters by telephone.\n\n"
        "“The attackers knew the route and the time.”"
    )
    direct = quotes(nlp, text, "direct")
    assert [q["speaker"] for q in direct] == ["Paul Nkosi"]


def test_according_to_names_the_speaker(nlp):
    q = one(nlp, "The bridge was “completely destroyed,” according to a local official, Hamid Rasuli.")
    assert q["speaker"] == "Hamid Rasuli"


# --- indirect quotes ---------------------------------------------------------------------------


def test_said_that_clause_is_an_indirect_quote(nlp):
    q = one(nlp, "Police chief Samuel Otieno said on Sunday that the gunmen had escaped across the river.", "indirect")
    assert q["text"] == "the gunmen had escaped across the river"
    assert q["speaker"] == "Samuel Otieno"


def test_clause_before_said_at_the_end_of_the_sentence(nlp):
    text = "Three bridges on the main road were blown up overnight, the interior ministry said."
    q = one(nlp, text, "indirect")
    assert q["text"] == "Three bridges on the main road were blown up overnight"
    assert q["speaker"] == "interior ministry"


def test_told_estimated_announced_report(nlp):
    text = (
        "Colonel Ahmed Saeed told Reuters the militants had withdrawn from the valley. "
        "He estimated that about 300 fighters remained in the mountains."
    )
    found = quotes(nlp, text, "indirect")
    assert [q["text"] for q in found] == [
        "the militants had withdrawn from the valley",
        "about 300 fighters remained in the mountains",
    ]
    assert [q["speaker"] for q in found] == ["Ahmed Saeed", "Ahmed Saeed"]


def test_deny_complain_and_according_to_are_not_indirect_quotes(nlp):
    text = (
        "The government denied that its jets had bombed the market. "
        "Aid workers complained that the trucks were held at the border. "
        "The town was shelled overnight, according to residents."
    )
    assert quotes(nlp, text, "indirect") == []


def test_attribution_of_a_direct_quote_is_not_also_indirect(nlp):
    text = "“We need more doctors and more fuel,” said Hassan Nuri, who runs the hospital."
    assert quotes(nlp, text, "indirect") == []


def test_two_reports_in_one_sentence_are_two_indirect_quotes(nlp):
    text = "The ministry said on Friday that the border was closed, but now says some crossings are open."
    found = quotes(nlp, text, "indirect")
    assert [q["text"] for q in found] == ["the border was closed", "some crossings are open"]


def test_pronoun_it_refers_to_the_body_that_spoke(nlp):
    text = (
        "The coalition said it had carried out nine strikes near the dam.\n\n"
        "It said the strikes destroyed two boats and a mortar position."
    )
    found = quotes(nlp, text, "indirect")
    assert [q["speaker"] for q in found] == ["coalition", "coalition"]


def test_single_quotation_marks_british_style(nlp):
    text = "‘We have not been paid since March,’ said Joseph Lado, a soldier in Juba. The army’s ‘reforms’ were announced last year."
    found = quotes(nlp, text, "direct")
    assert [q["text"] for q in found] == ["We have not been paid since March"]
    assert found[0]["speaker"] == "Joseph Lado"


def test_apostrophes_are_not_quotation_marks(nlp):
    text = "The fighters’ wives didn’t leave the Shi’ite district, the council said."
    assert quotes(nlp, text, "direct") == []
    assert len(quotes(nlp, text, "indirect")) == 1


# --- unseen-text habits ------------------------------------------------------------------------


def test_the_dateline_is_not_the_speaker(nlp):
    text = "JUBA (Dateline Wire) – South Sudan's President Salva Kiir said on Monday his forces would withdraw from the town."
    q = one(nlp, text, "indirect")
    assert q["speaker"] == "Salva Kiir"
    assert q["text"] == "his forces would withdraw from the town"


def test_he_said_refers_to_the_person_the_last_sentence_was_about(nlp):
    text = (
        "“They shot at the crowd,” said Peter Oduya, a student.\n\n"
        "Interior Minister Grace Mutua visited the hospital on Friday. Later, she said the officers had been suspended."
    )
    found = quotes(nlp, text, "indirect")
    assert [q["speaker"] for q in found] == ["Grace Mutua"]


def test_questions_and_denials_are_not_reports(nlp):
    text = "Officials did not release the names of the dead or say whether foreign troops were involved."
    assert quotes(nlp, text, "indirect") == []


def test_speaker_between_the_last_comma_and_the_verb(nlp):
    text = "The toll rose to 19, including four police officers, a spokesman for the regional government told AFP."
    q = one(nlp, text, "indirect")
    assert q["speaker"] == "spokesman for the regional government"
    assert q["text"] == "The toll rose to 19, including four police officers"


def test_descriptor_before_a_body_s_name_is_its_title(nlp):
    q = one(nlp, "Prisons are overcrowded and guards are unpaid, rights group Amnesty International said.", "indirect")
    assert (q["speaker"], q["speaker_title"]) == ("Amnesty International", "rights group")


def test_a_quote_that_ends_its_sentence_is_not_attributed_to_the_next_report(nlp):
    text = (
        "The movement said its men had killed “dozens of mercenaries.” A local official said "
        "up to 500 fighters had left the town."
    )
    found = quotes(nlp, text, "direct")
    assert [(q["text"], q["speaker"]) for q in found] == [("dozens of mercenaries.", "movement")]


def test_statement_after_said_colon_is_a_direct_quote(nlp):
    text = (
        "The Foreign Secretary Anna Berg said:\n\n"
        "I condemn the attack on the aid convoy, which killed four drivers.\n\n"
        "The convoy was travelling to the besieged town of Daraya."
    )
    assert quotes(nlp, text, "indirect") == []
    q = one(nlp, text, "direct")
    assert q["text"] == "I condemn the attack on the aid convoy, which killed four drivers."
    assert q["speaker"] == "Anna Berg"


def test_report_inside_a_relative_clause(nlp):
    q = one(nlp, "Lebanon protested over two air raids in which it said 20 people were killed.", "indirect")
    assert (q["text"], q["speaker"]) == ("20 people were killed", "Lebanon")


def test_speaker_phrase_with_a_participle_and_has_said(nlp):
    text = "The rebels broke the ceasefire, a member of the team trying to broker a truce has said."
    q = one(nlp, text, "indirect")
    assert q["speaker"] == "member of the team"
