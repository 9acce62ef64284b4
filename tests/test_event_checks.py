"""The event coder's registered parts, one by one, on sentences written for these tests:
each exclusion check (it holds on a sentence it is for, and not on a near neighbour that
reports an event), each resolve strategy, each actor1 fallback and default actor, and the
trigger table's checks on itself. A part registered without an example here fails
`test_every_registered_part_has_an_example`."""

import pytest

import dateline
from dateline.errors import TriggerTableError
from dateline.events import checks, resolve, sides
from dateline.events.coder import check_registered
from dateline.events.coding import Candidate, Coding
from dateline.events.context import ArticleContext
from dateline.events.dating import date_for
from dateline.events.lexicon import TriggerClass, _trigger_class
from dateline.language.pipeline import make_doc

PUBLISHED = "2021-06-14"  # a Monday


def annotated(nlp, text: str):
    """The Doc the event coder reads: the language pipeline's work, without the coder's."""
    (art,) = dateline.extract(text, published=PUBLISHED, language=False)
    doc = make_doc(nlp, art)
    for name, proc in nlp.pipeline:
        if name != "dateline_events":
            doc = proc(doc)
    return doc


def coding(nlp, text: str, trigger: str, stage: str = "trigger") -> Coding:
    """The trigger `trigger` of `text`, coded up to the start of `stage`'s checks."""
    doc = annotated(nlp, text)
    coder = nlp.get_pipe("dateline_events")
    found = [(cls, span) for cls, span in coder.triggers(doc) if span.text == trigger]
    assert found, [span.text for _, span in coder.triggers(doc)]
    ctx = ArticleContext.of(doc)
    c = Coding.of(ctx, *found[0])
    if stage in ("roles", "sides", "dated"):
        coder.read_sides(c)
    if stage in ("sides", "dated"):
        resolve.resolve(c)
        coder.place_and_name(c)
    if stage == "dated":
        c.date, c.own_date = date_for(ctx, c.trigger, c.sent)
    return c


# check name -> (text where it holds, its trigger), (a neighbour that is an event, its trigger)
CHECK_EXAMPLES = {
    "inside_name": (("The Ministry of Explosions Safety issued a report in Kabul on Monday.", "Explosions"),
                    ("Two explosions shook Kabul on Monday, police said.", "explosions")),
    "in_dateline": (("AMBUSH, Kenya (Reuters) - Police arrested two men in Nairobi on Monday.", "AMBUSH"),
                    ("NAIROBI (Reuters) - Gunmen staged an ambush on a bus near Garissa on Monday.", "ambush")),
    "names_a_thing": (("The army destroyed two artillery systems near Idlib on Sunday.", "artillery"),
                      ("Rebels fired artillery at the town of Idlib on Sunday.", "artillery")),
    "idle_weapon": (("Police displayed three rockets in Kirkuk on Monday.", "rockets"),
                    ("A rocket hit a school in Kirkuk on Monday.", "rocket")),
    "subhead": (("Police said the road was open.\n\nAMBUSH ON THE HIGHWAY\n\nThe army said the town was calm on Monday.", "AMBUSH"),
                ("Police said the road was open.\n\nAn ambush on the highway\n\nThe army said the town was calm on Monday.", "ambush")),
    "habitual": (("The militants have often attacked convoys near Kirkuk.", "attacked"),
                 ("The militants attacked a convoy near Kirkuk on Monday.", "attacked")),
    "present_habit": (("The group is active in the north. Its fighters attack convoys near Kirkuk. "
                       "Officials say the roads are unsafe.", "attack"),
                      ("Fighters attack convoy near Kirkuk", "attack")),
    "tally_over_years": (("The militants killed 300 people from 2014 to 2017, officials said.", "killed"),
                         ("The militants killed 30 people on Monday, officials said.", "killed")),
    "background_clause": (("Since the attack on the base, the roads near Kirkuk have been closed.", "attack"),
                          ("The attack on the base near Kirkuk killed three soldiers on Monday.", "attack")),
    "unrealised": (("The army plans to attack the town of Idlib next month.", "attack"),
                   ("The army attacked the town of Idlib on Sunday.", "attacked")),
    "object_named": (("The government halted fuel deliveries to the north on Monday.", "halted"),
                     ("The army halted its offensive on Idlib on Monday.", "halted")),
    "destination_named": (("Kenyan soldiers moved from house to house in Garissa to count voters on Monday.", "moved"),
                          ("Kenyan troops moved two battalions to the Somali border town of Mandera on Monday.", "moved")),
    "fighting_reported": (("Residents returned to Kunduz during a lull in fighting on Monday.", "fighting"),
                          ("Fighting broke out in Kunduz on Monday between the army and the Taliban.", "Fighting")),
    "in_the_air": (("Workers at the port of Mombasa went on strike on Monday.", "strike"),
                   ("Turkish jets carried out a strike on a village near Duhok on Monday.", "strike")),
    "attackers_own_dead": (("A bomb hit a checkpoint in Kirkuk on Monday, killing two soldiers. The bomber was also killed.", "killed"),
                           ("Police killed the gunman in Kirkuk on Monday.", "killed")),
    "generic_mention": (("Urban bombings have become rarer in Kirkuk, analysts say.", "bombings"),
                        ("Two bombings hit Kirkuk on Monday.", "bombings")),
    "battle_without_sides": (("Heavy fighting raged in the area on Monday.", "fighting"),
                             ("Taliban fighters clashed with Afghan soldiers in Kunduz on Sunday.", "clashed")),
    "nobody_fought": (("Gunmen stormed a village near Gusau on Monday and abducted 30 women.", "stormed"),
                      ("Gunmen stormed an army base near Gusau on Monday.", "stormed")),
    "development_without_actor": (("The withdrawal was completed on Monday.", "withdrawal"),
                                  ("The Taliban announced the withdrawal of its fighters from Kunduz on Monday.", "withdrawal")),
    "armed_actor": (("The World Food Programme halted its operations in Kunduz on Monday.", "halted"),
                    ("The Taliban halted its offensive on Kunduz on Monday.", "halted")),
    "known_only_to_the_year": (("Rebels seized the town of Goma in 2012.", "seized"),
                               ("Rebels seized the town of Goma on Sunday.", "seized")),
    "plot_or_drill": (("In the film, rebels storm the presidential palace in Bangui.", "storm"),
                      ("At dawn, rebels stormed the presidential palace in Bangui.", "stormed")),
    "reaction_or_remembrance": (("The bishops condemned the massacre of villagers in Benue.", "massacre"),
                                ("Herders carried out a massacre of villagers in Benue on Sunday.", "massacre")),
    "inquiry_subject": (("Police questioned a guard in connection with the killing of a judge in Lima.", "killing"),
                        ("Gunmen were behind the killing of a judge in Lima on Monday.", "killing")),
    "side_described": (("Officials fighting the rebels said the road to Goma was open.", "fighting"),
                       ("The army was fighting the rebels near Goma on Monday.", "fighting")),
    "long_stretch": (("The rebels have fought the army around Kalehe for eight months.", "fought"),
                     ("The rebels fought the army around Kalehe on Monday.", "fought")),
    "habit_or_campaign": (("Families fled the relentless shelling of Donetsk.", "shelling"),
                          ("Families fled the shelling of Donetsk on Monday.", "shelling")),
    "sport_talk": (("Senegal's forwards bombarded the Egyptian goal in the second half.", "bombarded"),
                   ("Rebel gunners bombarded the Egyptian embassy in Khartoum on Monday.", "bombarded")),
    "non_violent_cause": (("Cholera has killed 60 people in Beira since March, officials said.", "killed"),
                          ("Insurgents have killed 60 people in Macomia since March, officials said.", "killed")),
    "figurative_use": (("The mayor is battling the city's political establishment over the budget.", "battling"),
                       ("The army is battling the rebels near Beni on Monday.", "battling")),
    "animals_harmed": (("Rangers shot three elephants near Hwange on Monday.", "shot"),
                       ("Poachers shot three rangers near Hwange on Monday.", "shot")),
    "quality_word": (("The contrast between the two towns is striking.", "striking"),
                     ("Drones were striking the two towns on Monday.", "striking")),
    "regional_total": (("Over 150 were killed in Chad, Niger and Cameroon, the agency said.", "killed"),
                       ("Over 150 were killed in Diffa, Niger, on Monday, the agency said.", "killed")),
    "not_flown": (("Floods destroyed hundreds of homes in Sylhet on Monday.", "destroyed"),
                  ("Myanmar air force jets destroyed a rebel camp in Kachin state on Monday.", "destroyed")),
    "unowned_aircraft": (("A helicopter carrying a minister hit a power line near Kalay on Monday, killing all five people aboard.", "killing"),
                         ("Myanmar army helicopters hit a rebel camp near Kalay on Monday, killing five fighters.", "killing")),
    "private_crime": (("A farmer shot his wife in Nakuru on Monday, police said.", "shot"),
                      ("Gunmen shot a farmer in Nakuru on Monday, police said.", "shot")),
    "ordinary_arrest": (("Police arrested a man for drunk driving in Mombasa on Monday.", "arrested"),
                        ("Police arrested an opposition activist in Mombasa on Monday.", "arrested")),
    "period_total": (("The insurgency has killed 12,000 people in Cabo Delgado, the UN said.", "killed"),
                     ("The insurgents killed 12 people in Cabo Delgado on Monday, the UN said.", "killed")),
    "undated_background": (("The town was rebuilt after rebels had attacked its market.", "attacked"),
                           ("Police said rebels had attacked the market of Kalehe on Monday.", "attacked")),
    "acts_in_general": (("The market town was a base for recent bombings in the capital, officials said.", "bombings"),
                        ("Two bombings hit the market town on Monday, officials said.", "bombings")),
    "learned_no_event": (("A cholera outbreak in the northern districts of Kenya has killed 43 people this month, "
                          "health officials said.", "killed"),
                         ("A car bomb exploded outside a police station in Kirkuk on Monday, killing six officers.", "exploded")),
    "truce_in_force": (("The new fuel tax took effect in Poland on Monday.", "took effect"),
                       ("A truce between the army and the rebels took effect in Idlib on Monday.", "took effect")),
    "attackers_aftermath": (("Gunmen attacked a police post near Djibo on Sunday. The attackers set fire to the post before withdrawing.", "set fire"),
                            ("Gunmen set fire to a school near Djibo on Sunday, residents said.", "set fire")),
    "claimed_act": (("An explosion hit a church in Beni on Sunday. The ADF said its fighters had planted the bomb.", "bomb"),
                    ("A bomb exploded at a church in Beni on Sunday, the army said.", "bomb")),
    "driven_into": (("Police found a car packed with explosives near the market in Kirkuk on Monday.", "packed with explosives"),
                    ("An attacker drove a truck packed with explosives into the gate of a base near Kirkuk on Monday.", "packed with explosives")),
    "aimed_at_a_side": (("The army launched a rescue operation after floods cut off villages in Sindh on Monday.", "launched a rescue operation"),
                        ("Nigerian troops launched an operation against Boko Haram in the Sambisa forest on Monday.", "launched an operation")),
}


@pytest.mark.parametrize("name", sorted(CHECK_EXAMPLES))
def test_each_check_holds_where_it_should_and_not_on_an_event(nlp, name):
    chk = next(c for c in checks.CHECKS if c.name == name)
    (text, trigger), (event_text, event_trigger) = CHECK_EXAMPLES[name]
    assert chk.excludes(coding(nlp, text, trigger, chk.stage)), text
    assert not chk.excludes(coding(nlp, event_text, event_trigger, chk.stage)), event_text


def test_a_headline_line_in_a_body_of_headlines_is_news_not_a_habit(nlp):
    """A digest of headlines: each one-line paragraph with no full stop tells news in the
    simple present, however many lines the body has; a sentence of a paragraph does not."""
    digest = "Morning briefing\n\nMilitants attack police post near Kirkuk\n\nFlooding cuts main road to Basra\n\nOfficials say the roads are unsafe."
    assert checks.excluded("trigger", coding(nlp, digest, "attack")) is None
    prose = "Morning briefing\n\nThe group is active. Militants attack police posts near Kirkuk\n\nOfficials say the roads are unsafe."
    assert checks.excluded("trigger", coding(nlp, prose, "attack")) == "present_habit"


def test_checks_run_in_order_and_listed_ones_only_for_their_classes(nlp):
    # "The army plans to attack": excluded at the trigger stage, by the mood check
    assert checks.excluded("trigger", coding(nlp, "The army plans to attack the town of Idlib next month.", "attack")) == "unrealised"
    # object_named is listed by pause_offensive only: an attack needs no named offensive
    c = coding(nlp, "The army attacked the town of Idlib on Sunday.", "attacked")
    assert "object_named" not in c.cls.checks and checks.excluded("trigger", c) is None


def test_the_mood_check_spares_participants_and_attempts_made(nlp):
    unrealised = next(c for c in checks.CHECKS if c.name == "unrealised")
    # the tear gas was fired: the protesters were there, whatever "to disperse" says
    assert not unrealised.excludes(coding(nlp, "Police fired tear gas to disperse protesters in Lagos on Saturday.", "protesters"))
    # an attempt that was made is a fight; one that will be made is not
    assert not unrealised.excludes(coding(nlp, "Rebels tried to storm the town of Tarhuna on Sunday.", "storm"))
    assert unrealised.excludes(coding(nlp, "Rebels will try to storm the town of Tarhuna next week.", "storm"))


RESOLVE_EXAMPLES = {
    # strategy -> [(text, trigger, (event type, sub-event type) or None for no event)]
    "advance": [
        ("Malian army columns advanced toward Kidal on Sunday, a military source said.", "advanced",
         ("Strategic developments", "Change to group/activity")),
        ("Colombian troops advanced into rural Saravena despite sniper fire from ELN guerrillas, the army said on Saturday.",
         "advanced", ("Battles", "Armed clash")),
        ("Malian troops pushed into Kidal on Tuesday after rebels withdrew.", "pushed",
         ("Strategic developments", "Non-violent transfer of territory")),
        ("Kenya's army volleyball team advanced to the final in Cairo on Sunday.", "advanced", None),
    ],
    "territory": [
        ("Gunmen seized the trio from a house in the Dora district of Baghdad on Friday.", "seized",
         ("Violence against civilians", "Abduction/forced disappearance")),
        ("Iraqi forces recaptured the town of Rawa from Islamic State on Saturday.", "recaptured",
         ("Battles", "Government regains territory")),
        ("Islamic State militants captured the town of Rawa on Saturday.", "captured",
         ("Battles", "Non-state actor overtakes territory")),
        ("The militants captured three tanks near Rawa on Saturday.", "captured", None),
        ("Iraqi troops attempted to recapture the town of Rawa on Saturday.", "recapture", ("Battles", "Armed clash")),
    ],
    "victims": [
        ("Gunmen killed 12 farmers near Maiduguri on Saturday.", "killed", ("Violence against civilians", "Attack")),
        ("Afghan troops killed six militants in Nangarhar on Sunday.", "killed", ("Battles", "Armed clash")),
        ("Someone was killed in the city on Saturday.", "killed", None),
        ("Rebel fighters attacked the town of Kamanyola on Saturday.", "attacked", ("Battles", "Armed clash")),
        ("The rebels killed six people in Kamanyola on Saturday. The M23 claimed the attack.", "attack", None),
    ],
    "explosion_kind": [
        ("A truck packed with explosives was parked near the market in Kirkuk. An explosion killed four people on Monday.",
         "explosion", ("Explosions/Remote violence", "Remote explosive/landmine/IED")),
        ("Shells landed near the market in Kirkuk every hour. An explosion killed four people on Monday.",
         "explosion", ("Explosions/Remote violence", "Shelling/artillery/missile attack")),
        ("Two bombers detonated their explosives at a market in Konduga on Sunday, killing nine people as well as themselves.",
         "detonated", ("Explosions/Remote violence", "Suicide bomb")),
    ],
    "bomb_kind": [
        ("A car bomb exploded near a market in Kirkuk on Monday, killing four people.", "car bomb",
         ("Explosions/Remote violence", "Remote explosive/landmine/IED")),
        ("A militant drove a car bomb into the gate of an army base near Kirkuk on Monday, killing four soldiers.", "car bomb",
         ("Explosions/Remote violence", "Suicide bomb")),
    ],
    "payload_carrier": [
        ("Syrian government helicopters dropped barrel bombs filled with chlorine on the town of Latamneh on Friday.",
         "chlorine", ("Explosions/Remote violence", "Chemical weapon")),
    ],
    "protest": [
        ("Thousands of teachers marched in Lagos on Saturday to demand unpaid salaries.", "marched",
         ("Protests", "Peaceful protest")),
        ("Somali troops marched toward the town of Kismayo on Saturday.", "marched", None),
    ],
    "handover": [
        ("The rebels handed the town of Kidal over to the Malian army on Sunday.", "handed",
         ("Strategic developments", "Non-violent transfer of territory")),
        ("Malian troops entered the town of Kidal unopposed on Sunday after the rebels withdrew.", "entered",
         ("Strategic developments", "Non-violent transfer of territory")),
        ("Malian troops entered the town of Kidal on Sunday.", "entered", None),
        ("The rebels handed two prisoners to the Red Cross in Kidal on Sunday.", "handed", None),
    ],
    "what_was_blown_up": [
        ("Islamic State fighters blew up a church in Qaraqosh on Sunday.", "blew up",
         ("Strategic developments", "Looting/property destruction")),
        ("Militants blew up an army truck near Qaraqosh on Sunday, killing four soldiers.", "blew up",
         ("Explosions/Remote violence", "Remote explosive/landmine/IED")),
    ],
    "chemical_payload": [
        ("Islamic State fired rockets loaded with chlorine at Iraqi troops near Mosul on Sunday.", "rockets",
         ("Explosions/Remote violence", "Chemical weapon")),
        ("Islamic State fired rockets at Iraqi troops near Mosul on Sunday.", "rockets",
         ("Explosions/Remote violence", "Shelling/artillery/missile attack")),
    ],
    "parties": [
        ("Boko Haram freed 30 women in exchange for four jailed fighters on Sunday.", "in exchange for",
         ("Strategic developments", "Agreement")),
    ],
    "warring_parties": [
        ("A truce brokered by Turkey took effect in Idlib on Monday.", "took effect", ("Strategic developments", "Agreement")),
    ],
    "detention": [
        ("Soldiers arrested a rebel commander in Gao on Monday and his whereabouts are unknown.", "arrested",
         ("Violence against civilians", "Abduction/forced disappearance")),
        ("Soldiers arrested a rebel commander in Gao on Monday.", "arrested", ("Strategic developments", "Arrests")),
    ],
}


@pytest.mark.parametrize("name", sorted(RESOLVE_EXAMPLES))
def test_each_resolve_strategy(nlp, name):
    for text, trigger, expected in RESOLVE_EXAMPLES[name]:
        c = coding(nlp, text, trigger, "roles")
        assert c.cls.resolve == name
        outcome = resolve.RESOLVERS[name](c)
        if expected is None:
            assert outcome is False, text
            continue
        assert outcome, text
        got = (c.event_type, c.sub_event)
        if isinstance(outcome, Candidate):  # the strategy coded the event itself
            got = (outcome.event["event_type"], outcome.event["sub_event_type"])
        assert got == expected, text


def test_a_chemical_agent_in_its_carrier_takes_the_carrier_sides(nlp):
    c = coding(nlp, "Syrian government helicopters dropped barrel bombs filled with chlorine on the town of Latamneh on Friday.",
               "chlorine", "roles")
    resolve.RESOLVERS["payload_carrier"](c)
    assert c.actor1 is not None and c.actor1["canonical"] == "Military Forces of Syria"


def test_a_bombing_from_the_air_is_an_air_strike(nlp):
    c = coding(nlp, "The U.S. bombing of Raqqa killed 20 people on Sunday.", "bombing", "roles")
    assert (c.cls.name, c.sub_event) == ("air_strike", "Air/drone strike")
    assert c.actor1["canonical"] == "Military Forces of the United States"
    c = coding(nlp, "A bombing at a market in Kirkuk killed 20 people on Sunday.", "bombing", "roles")
    assert (c.cls.name, c.sub_event) == ("remote_explosive", "Remote explosive/landmine/IED")


FALLBACK_EXAMPLES = {
    # fallback -> (text, trigger, the side it names)
    "previous_armed": ("The Taliban moved into Kunduz on Sunday.\n\nHeavy fighting broke out near the airport on Monday.",
                       "fighting", "Taliban"),
    "main_adversary": ("Islamic State fighters attacked Iraqi forces near Mosul on Monday. Islamic State said it held two "
                       "villages. Shells fell near the market in Mosul on Tuesday.", "Shells", "Islamic State"),
}


@pytest.mark.parametrize("name", sorted(FALLBACK_EXAMPLES))
def test_each_actor1_fallback_names_a_side_the_article_names(nlp, name):
    text, trigger, side = FALLBACK_EXAMPLES[name]
    c = coding(nlp, text, trigger, "roles")
    assert c.agent is None and c.cls.actor1_fallback == name
    assert sides.ACTOR1_FALLBACKS[name](c)["canonical"] == side
    assert c.actor1["canonical"] == side and c.guessed_actor1


DEFAULT_EXAMPLES = {
    # default -> [(text, trigger, the name it gives)]
    "arresting_authority": [
        ("He was charged in a federal court in Chicago on Wednesday with supporting Islamic State.", "charged",
         "Government of the United States"),
        ("He was arrested in Chicago on Wednesday, officials said.", "arrested", "Police Forces of the United States"),
    ],
    "security_unit": [
        ("A bomb disposal team defused a roadside bomb in Mombasa on Tuesday.", "defused", "Police Forces of Kenya"),
        ("Ukrainian sappers defused a booby trap in a school near Izium on Tuesday.", "defused", "Military Forces of Ukraine"),
    ],
}


@pytest.mark.parametrize("name", sorted(DEFAULT_EXAMPLES))
def test_each_default_actor1(nlp, name):
    for text, trigger, actor in DEFAULT_EXAMPLES[name]:
        c = coding(nlp, text, trigger, "sides")
        assert c.actor1 is None and c.cls.default_actor1 == name
        assert sides.DEFAULT_ACTORS[name](c) == actor == c.a1


def test_every_registered_part_has_an_example():
    assert {c.name for c in checks.CHECKS} == set(CHECK_EXAMPLES)
    assert set(resolve.RESOLVERS) == set(RESOLVE_EXAMPLES)
    assert set(sides.ACTOR1_FALLBACKS) == set(FALLBACK_EXAMPLES)
    assert set(sides.DEFAULT_ACTORS) == set(DEFAULT_EXAMPLES)


def test_the_trigger_table_refuses_unknown_fields_and_unregistered_names():
    with pytest.raises(ValueError, match="unknown field.*colour"):
        _trigger_class({"class": "x", "event_type": "Battles", "sub_event_type": "Armed clash", "colour": "red", "patterns": []})
    for field, name in [("resolve", "guesswork"), ("actor1_fallback", "anyone"), ("default_actor1", "nobody"),
                        ("checks", ("vibes",))]:
        cls = TriggerClass("x", "Battles", "Armed clash", **{field: name})
        with pytest.raises(TriggerTableError, match=f"class 'x' names .*{name if isinstance(name, str) else name[0]}"):
            check_registered({"x": cls})
