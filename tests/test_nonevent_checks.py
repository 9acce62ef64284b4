"""What is not a conflict event now, one reason at a time, on sentences written for these
tests: harm with a non-violent cause (illness, disaster, accident, industrial hazard, animal,
poison), harm to animals, private crime, sport talk, ordinary arrests (not political, as
ACLED codes arrests), and what is not news of now (a plot, a drill, a reaction to or
remembrance of an old event, a total over a war or a period, background in the past
perfect, a side described by what it does, a habit, a long stretch of time). Each reason
holds on its sentence and not on a near neighbour that reports an event."""

import pytest

from dateline.events import modality, not_political
from dateline.events.context import ArticleContext
from dateline.events.fatalities import fatalities_in
from test_event_checks import annotated



def token(doc, word: str):
    found = [t for t in doc if t.text == word]
    assert found, f"{word!r} not in {doc.text!r}"
    return found[0]


def trigger_of(nlp, text: str, word: str):
    doc = annotated(nlp, text)
    return ArticleContext.of(doc), token(doc, word)


NON_VIOLENT_CAUSES = [
    # (text, trigger word, kind): the cause named in each place English puts one
    ("Measles has killed 62 children in the highlands of Madagascar since January, doctors said.", "killed", "disease"),
    ("Eleven villagers died of typhoid and 40 were killed by an epidemic of dengue in Chittagong.", "killed", "disease"),
    ("A tremor flattened homes in Van on Sunday, killing 14 people.", "killing", "disaster"),
    ("Twenty-three people were killed in a mudslide above Medellin on Saturday.", "killed", "disaster"),
    ("A minibus overturned on the road to Kisumu on Friday, killing 9 passengers.", "killing", "accident"),
    ("Six miners were killed when their lift plunged down a shaft in Limpopo.", "killed", "accident"),
    ("A gas cylinder exploded in a restaurant in Karachi on Monday, killing three cooks.", "exploded", "hazard"),
    ("A blaze at a fireworks warehouse in Mexico State killed seven workers.", "killed", "hazard"),
    ("Crocodile attacks have risen along the Tana river, wildlife officers said.", "attacks", "animal"),
    ("Three swimmers were hurt in suspected shark attacks off Recife on Sunday.", "hurt", "animal"),
    ("A hippo killed a fisherman on Lake Naivasha on Sunday.", "killed", "animal"),
    ("Bootleg liquor killed 31 people in two villages of Punjab this week.", "killed", "substance"),
]

VIOLENT_NEIGHBOURS = [
    # the same shapes, with a violent cause: no reason to exclude
    ("Gunmen have killed 62 villagers in the highlands of Plateau state since January, officials said.", "killed"),
    ("An air strike flattened homes in Idlib on Sunday, killing 14 people.", "killing"),
    ("Twenty-three people were killed in an ambush above Medellin on Saturday.", "killed"),
    ("A roadside bomb overturned an army truck near Kandahar on Friday, killing 9 soldiers.", "killing"),
    ("A car bomb exploded outside a restaurant in Mogadishu on Monday, killing three guards.", "exploded"),
    ("A bomb at a police station in Quetta killed seven officers.", "killed"),
    ("Militia attacks have risen along the Tana river, police said.", "attacks"),
    ("Cattle rustlers killed a herder near Isiolo on Sunday.", "killed"),
    ("The Tamil Tigers attacked an army camp near Jaffna on Sunday.", "attacked"),
    # people did it: the accident is when, not how
    ("Angry drivers beat and killed a passenger after a road accident in Lagos on Friday.", "killed"),
]


@pytest.mark.parametrize("text, word, kind", NON_VIOLENT_CAUSES)
def test_a_non_violent_cause_is_named(nlp, text, word, kind):
    _, t = trigger_of(nlp, text, word)
    assert not_political.non_violent_cause(t) == kind


@pytest.mark.parametrize("text, word", VIOLENT_NEIGHBOURS)
def test_a_violent_cause_is_not_taken_for_one(nlp, text, word):
    _, t = trigger_of(nlp, text, word)
    assert not_political.non_violent_cause(t) is None


# (reason, text, trigger word, expected): each reason on a sentence where it holds and on a
# near neighbour that reports an event.
def _np(name):
    return lambda ctx, t: getattr(not_political, name)(t)


def _md(name):
    return lambda ctx, t: getattr(modality, name)(t)


PAIRS = [
    ("animals_harmed", _np("animals_harmed"), "Rangers killed forty stray dogs in the park last week.", "killed", True),
    ("animals_harmed", _np("animals_harmed"), "Rangers killed forty poachers in the park last week.", "killed", False),
    ("sport_sense", _np("sport_sense"), "Brazil's strikers bombarded the Chilean goal all evening.", "bombarded", True),
    ("sport_sense", _np("sport_sense"), "Rebel gunners bombarded the town of Mao all evening.", "bombarded", False),
    ("quality_word", _np("quality_word"), "The resemblance between the two photographs is striking.", "striking", True),
    ("quality_word", _np("quality_word"), "Jets were striking the outskirts of Marib on Sunday.", "striking", False),
    ("fiction", _md("framed_as_fiction"), "In the new film, mercenaries storm an embassy in Nairobi.", "storm", True),
    ("fiction", _md("framed_as_fiction"), "The novel opens with an ambush on a convoy in Helmand.", "ambush", True),
    ("fiction", _md("framed_as_fiction"), "In the early morning, mercenaries stormed an embassy in Nairobi.", "stormed", False),
    ("fiction", _md("framed_as_fiction"), "More than 20 were killed in a series of bombings in Kirkuk.", "bombings", False),
    ("drill", _md("simulated"), "Kenyan marines practised storming a ship off Lamu on Tuesday.", "storming", True),
    ("drill", _md("simulated"), "Somali pirates tried storming a ship off Eyl on Tuesday.", "storming", False),
    ("background", _md("background_past"), "The town was rebuilt after the rebels had burned its market.", "burned", True),
    ("background", _md("background_past"), "Police said the rebels had burned the market of Kalehe.", "burned", False),
    ("inquiry", _md("inquiry_into"), "Police arrested a cook in connection with the killing of a lawyer in Lusaka.", "killing", True),
    ("inquiry", _md("inquiry_into"), "Gunmen carried out the killing of a lawyer in Lusaka on Monday.", "killing", False),
    ("role", _md("role_description"), "Commanders fighting the jihadists said the road was open.", "fighting", True),
    ("role", _md("role_description"), "The commanders were fighting the jihadists near Djibo on Sunday.", "fighting", False),
    ("habit", _md("habit_modified"), "Residents fled the continued shelling of Avdiivka.", "shelling", True),
    ("habit", _md("habit_modified"), "Residents fled the shelling of Avdiivka on Sunday.", "shelling", False),
    ("long", _md("long_duration"), "The rebels have besieged the town for eight months.", "besieged", True),
    ("long", _md("long_duration"), "The rebels besieged the town for six hours on Sunday.", "besieged", False),
    ("regional", modality.spread_over_countries, "Over 200 were killed in Chad, Niger, Mali and Burkina Faso, the agency said.", "killed", True),
    ("regional", modality.spread_over_countries, "Over 200 were killed in Diffa, Niger, on Sunday, the agency said.", "killed", False),
    # a headline's present tense: the strike condemned is the news
    ("reaction", _md("reaction_to"), "Kenya condemns Somali air strike on border town of Mandera", "strike", None),
    ("reaction", _md("reaction_to"), "Kenya condemned the Somali air strike on the border town of Mandera.", "strike", "condemnation"),
    ("reaction", _md("reaction_to"), "Gunmen ambushed a bus near Garissa on Friday, and the governor condemned it.", "ambushed", None),
    ("total", lambda ctx, t: modality.period_total(t, fatalities_in(t.sent, t)),
     "At least 40 civilians have been killed since the army began its offensive on Tuesday.", "killed", "running-total"),
]


@pytest.mark.parametrize("reason, holds, text, word, expected", PAIRS, ids=[f"{p[0]}-{i}" for i, p in enumerate(PAIRS)])
def test_each_reason_and_its_neighbour(nlp, reason, holds, text, word, expected):
    ctx, t = trigger_of(nlp, text, word)
    assert holds(ctx, t) == expected, text


@pytest.mark.parametrize("text, word, why", [
    ("A farmer in Meru shot his wife after a quarrel, police said.", "shot", "kin"),
    ("A teacher was shot dead by carjackers in Soweto on Friday.", "shot", "criminals"),
    ("A shopkeeper was stabbed in a quarrel over a debt in Lahore.", "stabbed", "motive"),
])
def test_private_crime(nlp, text, word, why):
    ctx, t = trigger_of(nlp, text, word)
    assert not_political.private_crime(ctx, t, None) == why


@pytest.mark.parametrize("text, word", [
    ("Gunmen shot his wife and two neighbours in Zamfara on Friday, her family said.", "shot"),
    ("Soldiers killed his brother at a checkpoint near Sittwe, residents said.", "killed"),
    ("Al-Shabaab fighters stabbed a village elder in a dispute over taxes in Bay region.", "stabbed"),
])
def test_armed_sides_make_it_political_whoever_the_victim(nlp, text, word):
    ctx, t = trigger_of(nlp, text, word)
    assert not_political.private_crime(ctx, t, None) is None


@pytest.mark.parametrize("text, word", [
    ("Police in Lagos arrested a man for selling expired medicine at a market on Monday.", "arrested"),
    ("A bus driver was arrested for drunk driving in Kampala after a crash.", "arrested"),
    ("Two men were charged with fraud over a fake pension scheme in Accra.", "charged"),
    ("Police said they had arrested a suspect in the death of a student at his lodgings.", "arrested"),
])
def test_ordinary_arrests(nlp, text, word):
    ctx, t = trigger_of(nlp, text, word)
    assert not_political.ordinary_arrest(ctx, t)


@pytest.mark.parametrize("text, word", [
    ("Police in Lagos arrested a man for selling leaflets of the separatist movement on Monday.", "arrested"),
    ("Police in Kampala arrested a journalist who covered the opposition rally on Friday.", "arrested"),
    ("Security forces detained 45 people in Bamako on Sunday.", "detained"),
    ("The army said it had arrested two suspected Boko Haram fighters near Maiduguri.", "arrested"),
    ("Police in Dakar arrested a rapper over a song mocking the president.", "arrested"),
])
def test_political_arrests(nlp, text, word):
    ctx, t = trigger_of(nlp, text, word)
    assert not not_political.ordinary_arrest(ctx, t)


@pytest.mark.parametrize("text, word, why", [
    ("The governor condemned Friday's ambush on a bus near Garissa.", "ambush", "condemnation"),
    ("Leaders deplored the shelling of the hospital in a joint letter.", "shelling", "condemnation"),
    ("Hundreds gathered in Beslan to mark the anniversary of the school siege.", "siege", "commemoration"),
    ("Villagers laid flowers to remember those killed in the raid on Tula.", "killed", "commemoration"),
    ("Families met in Dapchi to mark five years since the students were abducted.", "abducted", "commemoration"),
])
def test_reactions_and_remembrance(nlp, text, word, why):
    _, t = trigger_of(nlp, text, word)
    assert modality.reaction_to(t) == why


@pytest.mark.parametrize("text, word, why", [
    ("The insurgency has killed more than 40,000 people in the north-east.", "killed", "war"),
    ("Two years of fighting have killed 9,000 people in Cabo Delgado.", "killed", "period"),
    ("Bandits killed 2,600 people in the past twelve months, a monitoring group said.", "killed", "period"),
    ("Over 900 civilians have been killed since the coup, a rights group said.", "killed", "period"),
    ("Militias have killed 1,800 people in the province, the UN said.", "killed", "perfect-total"),
])
def test_totals_over_a_war_or_a_period(nlp, text, word, why):
    _, t = trigger_of(nlp, text, word)
    assert modality.period_total(t, fatalities_in(t.sent, t)) == why


@pytest.mark.parametrize("text, word", [
    ("The fighting killed nine soldiers near Palma, the army said.", "killed"),
    ("Militants have killed 18 people in an attack on a church in Owo.", "killed"),
    ("Bandits killed 26 villagers in Zurmi, a police spokesman said.", "killed"),
])
def test_one_event_is_no_total(nlp, text, word):
    _, t = trigger_of(nlp, text, word)
    assert modality.period_total(t, fatalities_in(t.sent, t)) is None


@pytest.mark.parametrize("text, word, reason", [
    ("The militia denied that its fighters had shot at marchers in Kalemie.", "shot", "denial"),
    ("The air force rejected reports that its jets had bombed a market in Darfur.", "bombed", "denial"),
    ("The president dismissed the army chief after the ambush near Gao on Sunday.", "ambush", None),
])
def test_denials(nlp, text, word, reason):
    _, t = trigger_of(nlp, text, word)
    assert (modality.unrealised_reason(t) == "denial") == (reason == "denial")


@pytest.mark.parametrize("text, word, why", [
    ("The speeches demonstrated the party's resolve to win in Kano.", "demonstrated", "display"),
    ("The governor vowed to keep fighting corruption in the ports.", "fighting", "figurative-object"),
    ("Thousands demonstrated in Kano on Friday against fuel prices.", "demonstrated", None),
    ("The army is fighting the rebels near Beni.", "fighting", None),
])
def test_figurative_uses(nlp, text, word, why):
    _, t = trigger_of(nlp, text, word)
    assert not_political.figurative_use(t) == why


def test_a_cue_in_the_sentence_before_makes_an_arrest_political(nlp):
    text = ("The woman had planned to join Islamic State in Syria, prosecutors said. "
            "She was arrested at an airport in Ohio in March while boarding a flight to Turkey.")
    ctx, t = trigger_of(nlp, text, "arrested")
    assert not not_political.ordinary_arrest(ctx, t)


def test_one_person_accused_of_a_crime(nlp):
    ctx, t = trigger_of(nlp, "The city suspended the licence of a taxi firm after one of its drivers was accused of rape.", "rape")
    # the driver is the accused, not a side
    assert not_political.private_crime(ctx, t, None) == "accused-individual"
    ctx, t = trigger_of(nlp, "Soldiers were accused of rape in three villages of Kasai last month.", "rape")
    assert not_political.private_crime(ctx, t, None) is None


def test_a_fight_at_a_place_is_news_even_as_a_participle(nlp):
    from dateline.events import checks
    side_described = next(c for c in checks.CHECKS if c.name == "side_described")
    from dateline.events.coding import Coding
    for text, holds in [("Floods trap commanders fighting jihadists in Kidal", False),
                        ("Commanders fighting the jihadists said the road was open.", True)]:
        doc = annotated(nlp, text)
        coder = nlp.get_pipe("dateline_events")
        cls, span = next((cls, span) for cls, span in coder.triggers(doc) if span.text == "fighting")
        assert side_described.excludes(Coding.of(ArticleContext.of(doc), cls, span)) is holds, text


@pytest.mark.parametrize("name, text, word", [
    # an event noun described by a participle is an event, not a side
    ("side_described", "Islamic State claims a bombing killing at least 12 near Samarra", "killing"),
    # a protest against a policy is a protest: the policy is its target, not a figure of speech
    ("figurative_use", "Nurses marched in Nairobi on Monday against the health reform.", "marched"),
    # the event does the verb: 'slam' is a verb of hitting there, not of condemning
    ("reaction_or_remembrance", "Two shells slammed into a school in Kharkiv on Monday, killing a teacher.", "shells"),
])
def test_neighbours_the_checks_must_leave(nlp, name, text, word):
    from test_event_checks import coding
    from dateline.events import checks
    chk = next(c for c in checks.CHECKS if c.name == name)
    assert not chk.excludes(coding(nlp, text, word, chk.stage)), text


def test_a_purpose_told_with_two_verbs_is_background_for_both(nlp):
    from dateline.events.checks import background_clause

    _, tok = trigger_of(nlp, "Special forces flew raids out of the base in operations aimed at killing and "
                             "capturing militant commanders.", "capturing")
    assert background_clause(tok)
    _, tok = trigger_of(nlp, "Special forces raided a compound near the base on Monday, killing two and "
                             "capturing five militant commanders.", "capturing")
    assert not background_clause(tok)
