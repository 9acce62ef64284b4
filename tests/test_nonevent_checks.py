"""What is not political violence, one reason at a time, on sentences written for these
tests: harm with a non-violent cause (illness, disaster, accident, industrial hazard, animal,
poison), harm to animals, private crime, sport talk, ordinary arrests (not political, as
ACLED codes arrests). Each reason holds on its sentence and not on a near neighbour that
reports an event."""

import pytest

from dateline.events import not_political
from dateline.events.context import ArticleContext
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



PAIRS = [
    ("animals_harmed", _np("animals_harmed"), "Rangers killed forty stray dogs in the park last week.", "killed", True),
    ("animals_harmed", _np("animals_harmed"), "Rangers killed forty poachers in the park last week.", "killed", False),
    ("sport_sense", _np("sport_sense"), "Brazil's strikers bombarded the Chilean goal all evening.", "bombarded", True),
    ("sport_sense", _np("sport_sense"), "Rebel gunners bombarded the town of Mao all evening.", "bombarded", False),
    ("quality_word", _np("quality_word"), "The resemblance between the two photographs is striking.", "striking", True),
    ("quality_word", _np("quality_word"), "Jets were striking the outskirts of Marib on Sunday.", "striking", False),
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


@pytest.mark.parametrize("name, text, word", [
    # a protest against a policy is a protest: the policy is its target, not a figure of speech
    ("figurative_use", "Nurses marched in Nairobi on Monday against the health reform.", "marched"),
])
def test_neighbours_the_checks_must_leave(nlp, name, text, word):
    from test_event_checks import coding
    from dateline.events import checks
    chk = next(c for c in checks.CHECKS if c.name == name)
    assert not chk.excludes(coding(nlp, text, word, chk.stage)), text
