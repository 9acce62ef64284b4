"""The event coder on sentences written for these tests: each supported sub-event type,
each exclusion rule (plan, threat, forecast, negation, question, history), and the
fields an analyst relies on (sides, place, date, dead, attribution, evidence)."""

import pytest

import dateline

PUBLISHED = "2021-06-14"  # a Monday


def events_of(text: str, published: str = PUBLISHED) -> list[dict]:
    (art,) = dateline.extract(text, published=published)
    for ev in art.events:
        ev_text = art.body[ev["evidence"]["start"] : ev["evidence"]["end"]]
        assert ev_text == ev["evidence"]["text"]  # evidence offsets point into the body
    return art.events


def one(text: str, **kw) -> dict:
    evs = events_of(text, **kw)
    assert len(evs) == 1, [(e["sub_event_type"], e["evidence"]["text"]) for e in evs]
    return evs[0]


@pytest.mark.parametrize(
    "text, event_type, sub_event_type",
    [
        ("Government warplanes bombed a market in the town of Maarat al-Numan on Sunday, killing nine people, "
         "residents said.", "Explosions/Remote violence", "Air/drone strike"),
        ("Rebels shelled the city of Aleppo on Sunday, killing four soldiers, the army said.",
         "Explosions/Remote violence", "Shelling/artillery/missile attack"),
        ("A suicide bomber blew himself up at a checkpoint in Kirkuk on Saturday, killing three police officers, "
         "police said.", "Explosions/Remote violence", "Suicide bomb"),
        ("A roadside bomb struck an army patrol near Kandahar on Sunday, killing two soldiers, officials said.",
         "Explosions/Remote violence", "Remote explosive/landmine/IED"),
        ("Gunmen attacked a village near Maiduguri on Saturday, killing 12 farmers, residents said.",
         "Violence against civilians", "Attack"),
        ("Militants kidnapped 30 students from a school in Kaduna on Friday, police said.",
         "Violence against civilians", "Abduction/forced disappearance"),
        ("Taliban fighters clashed with Afghan soldiers in Kunduz on Sunday, officials said.",
         "Battles", "Armed clash"),
        ("Iraqi forces recaptured the town of Rawa from Islamic State on Saturday, the military said.",
         "Battles", "Government regains territory"),
        ("Al-Shabaab fighters seized the town of Bulo Burde from Somali troops on Saturday, residents said.",
         "Battles", "Non-state actor overtakes territory"),
        ("Police arrested a senior Boko Haram commander in Maiduguri on Sunday, the army said.",
         "Strategic developments", "Arrests"),
        ("The army and the rebels signed a ceasefire agreement in Juba on Sunday.",
         "Strategic developments", "Agreement"),
        # a claim is no event of its own (taxonomy): it is the claimed bombing, the claimant its actor1
        ("Islamic State claimed responsibility for the bombing of a bus in Kabul on Saturday.",
         "Explosions/Remote violence", "Remote explosive/landmine/IED"),
        ("A man threw a grenade at a police station in Mombasa on Sunday, wounding two officers, police said.",
         "Explosions/Remote violence", "Grenade"),
        ("Government forces carried out a chemical attack on the town of Douma on Saturday, rescuers said.",
         "Explosions/Remote violence", "Chemical weapon"),
        ("Soldiers raped women in the village of Tabit on Friday, residents said.",
         "Violence against civilians", "Sexual violence"),
        ("Police defused a roadside bomb near Kandahar on Sunday, officials said.",
         "Strategic developments", "Disrupted weapons use"),
        ("Militiamen looted shops in the town of Geneina on Saturday, witnesses said.",
         "Strategic developments", "Looting/property destruction"),
        ("Rioters torched cars in the city of Jos on Sunday, police said.",
         "Riots", "Violent demonstration"),
        ("The rebels withdrew from the town of Kidal on Sunday and handed it over to the army without a fight.",
         "Strategic developments", "Non-violent transfer of territory"),
    ],
)
def test_each_sub_event_type(text, event_type, sub_event_type):
    found = {(e["event_type"], e["sub_event_type"]) for e in events_of(text)}
    assert (event_type, sub_event_type) in found, found


@pytest.mark.parametrize(
    "text",
    [
        # plans and intentions
        "The army plans to attack the rebel-held town of Idlib next month.",
        "Government forces are preparing to recapture the city of Mosul, a commander said.",
        # threats
        "The militants threatened to bomb the power station in Kandahar.",
        # forecasts and modal statements
        "Officials said the group would launch attacks on the capital if talks failed.",
        "The fighters could seize the airport in Tripoli within days, analysts said.",
        # attempts that did not happen: an attempt is a fight only when it was made
        "Rebels will try to storm the town of Tarhuna next week, a commander said.",
        "The army is expected to try to capture the town of Tarhuna soon, officials said.",
        "Rebels did not try to storm the town of Tarhuna on Sunday, a commander said.",
        # negations
        "The army said no air strikes were carried out on the village of Tal Abyad.",
        "Police did not arrest anyone after the protest in Nairobi on Sunday.",
        # questions
        "Will the rebels attack the city of Goma before the elections?",
        # generic history with no place or time of its own
        "The group has killed thousands of people over the years.",
        "The militants continue to carry out bombings and ambushes in both countries.",
    ],
)
def test_what_did_not_happen_is_not_an_event(text):
    assert events_of(text) == []


def test_fields_of_a_strike_report():
    ev = one(
        "KABUL (Reuters) – A U.S. drone strike killed four Taliban fighters near the town of Lashkar Gah "
        "on Sunday, a spokesman for the provincial governor said."
    )
    assert ev["sub_event_type"] == "Air/drone strike"
    assert ev["actor1"] == "Military Forces of the United States"
    assert ev["actor2"] == "Taliban"
    assert ev["location"] and "Lashkar" in ev["location"] and ev["country"] == "Afghanistan"
    assert ev["geo_precision"] == 2  # "near" the town
    assert (ev["event_date"], ev["time_precision"]) == ("2021-06-13", 1)  # Sunday before a Monday
    assert ev["fatalities"] == 4
    assert ev["evidence"]["text"].startswith("A U.S. drone strike killed four")  # the dateline is not evidence
    assert 0 < ev["confidence"] <= 1 and ev["notes"].startswith("On 13 June 2021")


def test_attribution_claimed_alleged_denied():
    claimed = one("The rebels said they had captured the town of Tarhuna on Sunday.")
    assert claimed["attribution"] == "claimed"
    alleged = one(
        "Soldiers shot dead six villagers in the town of Ogoja on Saturday, witnesses said. "
        "Reuters could not verify the account."
    )
    assert alleged["attribution"] == "alleged"
    assert alleged["actor2"].startswith("Civilians")


def test_fatalities_follow_acled_for_vague_words():
    ev = one("Dozens of soldiers were killed when militants attacked a base in Menaka on Saturday, the army said.")
    assert ev["fatalities"] == 12


def test_one_event_told_twice_is_one_event():
    evs = events_of(
        "Gunmen attacked a church in the town of Owo on Sunday, killing 22 worshippers, police said.\n\n"
        "The attack was the deadliest in the region this year, the governor said."
    )
    assert len(evs) == 1 and evs[0]["fatalities"] == 22


def test_a_claimed_attack_retold_with_its_day_is_one_claimed_event():
    # "earlier this week" hangs off the claim in the parse, but it dates the attack;
    # the later sentence gives the day and names nobody, so the claim still says who.
    evs = [e for e in events_of(
        "Al-Shabaab has claimed responsibility for a bomb attack earlier this week that killed seven "
        "people at a market in Mogadishu.\n\n"
        "Four traders and three shoppers were killed in Tuesday morning's attack, police said.",
        published="2021-06-17",  # a Thursday
    ) if e["event_type"] != "Strategic developments"]
    assert len(evs) == 1, evs
    ev = evs[0]
    assert ev["actor1"] == "Al Shabaab" and ev["attribution"] == "claimed"
    assert (ev["event_date"], ev["time_precision"]) == ("2021-06-15", 1)
    assert ev["fatalities"] == 7


def test_charged_in_court_is_the_state_not_the_police():
    ev = one("The man was charged in a federal court in Chicago on Wednesday with providing support to Islamic State.")
    assert ev["sub_event_type"] == "Arrests"
    assert ev["actor1"] == "Government of the United States"
    arrest = one("He was arrested in Chicago on Wednesday on suspicion of plotting an attack, officials said.")
    assert arrest["actor1"] == "Police Forces of the United States"


def test_the_side_trying_to_take_ground_starts_the_battle():
    # The side that met the mines is the side attacking: the day of the sentence dates its attempt too.
    evs = events_of(
        "On Sunday, Iraqi troops met roadside bombs and snipers as they tried to storm the village of Tal Afar, "
        "the army said."
    )
    battle = next(e for e in evs if e["event_type"] == "Battles")
    assert battle["actor1"] == "Military Forces of Iraq", battle
    assert battle["event_date"] == "2021-06-13"


def test_actor_naming_works_for_other_countries():
    ev = one("Police fired tear gas at protesters in Nairobi on Sunday, killing one man, witnesses said.")
    assert (ev["actor1"], ev["actor2"], ev["country"]) == ("Protesters (Kenya)", "Police Forces of Kenya", "Kenya")
    assert (ev["sub_event_type"], ev["fatalities"]) == ("Excessive force against protesters", 1)


@pytest.mark.parametrize(
    "headline, sub_event_type, actor1, fatalities",
    [
        ("IS suicide bomber kills 36 in Baghdad market", "Suicide bomb", "Islamic State (Iraq)", 36),
        # a car bomb with no suicide attacker named is a planted bomb (ACLED; the news2016 gold)
        ("Car bomb kills 12 near Kirkuk", "Remote explosive/landmine/IED", "Unidentified Armed Group (Iraq)", 12),
        ("25 Iraqi soldiers killed in Islamic State attack near Haditha", "Armed clash", "Islamic State (Iraq)", 25),
    ],
)
def test_headlines(headline, sub_event_type, actor1, fatalities):
    """Wire headlines drop articles and auxiliaries ("25 soldiers killed"), and the parser
    reads "IS" as "is"; the coder still finds who did what."""
    ev = next(e for e in events_of(headline) if e["sub_event_type"] == sub_event_type)
    assert ev["actor1"] == actor1
    assert ev["fatalities"] == fatalities
    assert ev["country"] == "Iraq" and ev["latitude"] is not None


def test_protests_peaceful_dispersed_and_deadly():
    peaceful = one("Thousands of teachers marched in Lagos on Saturday to demand unpaid salaries.")
    assert (peaceful["event_type"], peaceful["sub_event_type"]) == ("Protests", "Peaceful protest")
    assert peaceful["actor1"] == "Protesters (Nigeria)"
    dispersed = one("Police fired tear gas to disperse protesters in Lagos on Saturday.")
    assert dispersed["sub_event_type"] == "Protest with intervention"
    assert dispersed["actor1"] == "Protesters (Nigeria)" and dispersed["actor2"] == "Police Forces of Nigeria"
    deadly = one("At least nine people were killed in the protests in Lagos on Saturday, a rights group said.")
    assert deadly["sub_event_type"] == "Excessive force against protesters"
    assert deadly["actor1"] == "Protesters (Nigeria)" and deadly["actor2"] == "Police Forces of Nigeria"
    assert deadly["fatalities"] == 9


def test_a_crowd_that_riots_is_rioters():
    riot = [e for e in events_of("Demonstrators hurled stones at police in Lyon on Sunday and set fire to cars, police said.")
            if e["event_type"] == "Riots"]
    assert riot and riot[0]["actor1"] == "Rioters (France)"
    mob = [e for e in events_of("A mob set fire to the house of a suspected thief in Kano on Friday, police said.")
           if e["event_type"] == "Riots"]
    assert mob and mob[0]["actor1"] == "Rioters (Nigeria)"


@pytest.mark.parametrize("text, actor2", [
    ("A roadside bomb hit an army convoy near Kismayo on Monday, officials said.", "Military Forces of Somalia"),
    ("A car bomb targeted a police bus in Diyarbakir on Tuesday, killing four people.", "Police Forces of Turkey"),
    ("A grenade exploded outside a police station in Mombasa on Friday night.", "Police Forces of Kenya"),
    ("A suicide car bomb struck a military checkpoint in Baquba on Tuesday, killing six people.", "Military Forces of Iraq"),
])
def test_the_attacked_post_makes_its_holder_actor2(text, actor2):
    ev = one(text)
    assert ev["actor2"] == actor2, ev


def test_a_post_a_state_takes_is_not_its_own_side():
    # the police station is what the army took, not the army's own police
    evs = events_of("Iraqi troops stormed the town of Karma and captured a police station from Islamic State on Monday.")
    assert evs and all(e["actor2"] != "Police Forces of Iraq" for e in evs), evs


def test_fire_from_somewhere_names_where_it_came_from():
    evs = events_of("Sniper fire from government-held areas killed four civilians in Daraa on Monday, residents said.")
    assert evs and all(not (e["actor2"] or "").startswith("Government of") for e in evs), evs


@pytest.mark.parametrize("text, actor1, actor2", [
    ("Kenyan troops repelled an al-Shabaab assault on their base near Lamu on Monday, the army said.",
     "Al Shabaab", "Military Forces of Kenya"),
    ("Police fought off an attack by gunmen on a checkpoint in Maiduguri on Sunday.",
     "Unidentified Armed Group (Nigeria)", "Police Forces of Nigeria"),
])
def test_a_repelled_attack_is_the_attackers_act(text, actor1, actor2):
    ev = one(text)
    assert (ev["actor1"], ev["actor2"]) == (actor1, actor2), ev


@pytest.mark.parametrize("text, actor1, actor2, assoc", [
    ("Iraqi troops, backed by U.S. air strikes, recaptured the town of Hit from Islamic State on Monday.",
     "Military Forces of Iraq", "Islamic State (Iraq)", "Military Forces of the United States"),
    ("Congolese soldiers fighting alongside Wazalendo militiamen attacked M23 positions near Sake on Monday.",
     "Military Forces of the Democratic Republic of Congo", "M23: March 23 Movement", "Wazalendo"),
])
def test_an_ally_is_an_associated_actor_not_a_side(text, actor1, actor2, assoc):
    # the ally's own strikes may be an event of their own (ACLED codes them so); the side it
    # helped keeps it as an associate
    evs = events_of(text)
    assert all(e["actor2"] != actor1 for e in evs), evs  # the helped side is never the ally's target
    rows = [e for e in evs if e["actor1"] == actor1]
    assert len(rows) == 1, rows
    assert (rows[0]["actor2"], rows[0].get("assoc_actor_1")) == (actor2, assoc)


@pytest.mark.parametrize("text, actor1, attribution", [
    # a claim in the next sentence: the side says it did it
    ("A car bomb exploded near a market in Afgooye on Monday, killing six people. "
     "Al-Shabaab said it had carried out the attack.", "Al Shabaab", "claimed"),
    # a blame in the same sentence
    ("A grenade exploded outside a bar in Kisumu on Saturday, wounding five people, and police blamed al-Shabaab.",
     "Al Shabaab", "alleged"),
    # a claim in a participle of the attack's own sentence
    ("A suicide bomber killed nine people at a market in Gwoza on Friday, in an attack claimed by Boko Haram.",
     "Boko Haram - Jamaatu Ahli is-Sunnah lid-Dawati wal-Jihad", "claimed"),
    # a suspicion in the next sentence
    ("Gunmen killed six farmers near Maiduguri on Tuesday. Boko Haram was suspected.",
     "Boko Haram - Jamaatu Ahli is-Sunnah lid-Dawati wal-Jihad", "alleged"),
])
def test_claims_and_blame_name_the_perpetrator(text, actor1, attribution):
    evs = events_of(text)
    assert len(evs) == 1, evs  # the claim or blame is no event of its own
    assert (evs[0]["actor1"], evs[0]["attribution"]) == (actor1, attribution)


def test_a_claim_of_attacks_in_general_names_nobody():
    evs = events_of("A roadside bomb killed three soldiers near Kismayo on Monday. "
                    "Al-Shabaab has claimed responsibility for a series of similar attacks this year.")
    assert [e["actor1"] for e in evs] == ["Unidentified Armed Group (Somalia)"]


def test_weapons_counted_or_destroyed_are_not_events():
    evs = events_of(
        "Near Raqqa, 15 coalition air strikes destroyed two mortar systems, a rocket launcher, "
        "an IED and a car bomb on Sunday."
    )
    assert [e["sub_event_type"] for e in evs] == ["Air/drone strike"]


def test_the_strike_told_again_is_the_same_strike():
    evs = events_of(
        "An air strike by the Saudi-led coalition hit a bus in the city of Saada on Thursday, killing 40 "
        "children, health officials said.\n\n"
        "A coalition spokesman said the strike targeted fighters who had fired a missile at the city of Jizan."
    )
    strikes = [e for e in evs if e["sub_event_type"] == "Air/drone strike"]
    assert len(strikes) == 1 and strikes[0]["fatalities"] == 40


def test_seizing_hardware_is_not_taking_ground():
    evs = events_of(
        "Al-Shabaab fighters seized three armoured vehicles and a cache of ammunition from an army base "
        "near Kismayo on Saturday, residents said."
    )
    assert "Non-state actor overtakes territory" not in [e["sub_event_type"] for e in evs]
    evs = events_of("Rebels drove off in trucks captured near the airport of Kismayo on Saturday.")
    assert "Non-state actor overtakes territory" not in [e["sub_event_type"] for e in evs]
    # the same verb with ground as its object still is a capture
    ground = one("Al-Shabaab fighters seized an army base near Kismayo on Saturday, residents said.")
    assert ground["sub_event_type"] == "Non-state actor overtakes territory"


def test_an_army_on_the_march_is_not_a_protest():
    evs = events_of(
        "In their march toward Kismayo, Somali troops have retaken six villages from al-Shabaab "
        "since Saturday, the army said."
    )
    assert [e["event_type"] for e in evs] == ["Battles"]


def test_a_bombing_is_a_planted_bomb_unless_it_comes_from_the_air():
    planted = one("A wave of bombings across Kirkuk killed at least 14 people on Sunday, police said.")
    assert planted["sub_event_type"] == "Remote explosive/landmine/IED"
    assert planted["fatalities"] is None  # a wave of bombings across a city: a total over several, no one's toll
    from_air = next(
        e for e in events_of("Russian warplanes kept up their bombing of Idlib on Sunday, killing 11 civilians, rescuers said.")
        if e["event_type"] == "Explosions/Remote violence"
    )
    assert from_air["sub_event_type"] == "Air/drone strike"
    assert from_air["actor1"] == "Military Forces of Russia"
    # a bare plural that names no attack: no event
    assert events_of("Urban bombings have become rarer in Kirkuk since 2019, analysts say.") == []


def test_victims_named_by_nationality_are_civilians_and_unnamed_fighters_a_side():
    people = one("Islamic State militants killed seven Afghans in Nangarhar on Sunday, officials said.")
    assert (people["event_type"], people["actor2"]) == ("Violence against civilians", "Civilians (Afghanistan)")
    fighters = one("Afghan troops killed six militants in Nangarhar on Sunday, officials said.")
    assert fighters["sub_event_type"] == "Armed clash"
    assert (fighters["actor1"], fighters["actor2"]) == ("Military Forces of Afghanistan", "Unidentified Armed Group (Afghanistan)")


def test_a_bare_number_killed_in_a_headline_is_people():
    ev = one("Gunmen kill nine in Afghanistan's Kunar province")
    assert (ev["event_type"], ev["actor2"], ev["fatalities"]) == ("Violence against civilians", "Civilians (Afghanistan)", 9)
    # a part of a group is that group, not people at large
    evs = events_of("One of our soldiers has been killed in Kunar, the defence minister said on Monday.")
    assert "Violence against civilians" not in [e["event_type"] for e in evs]


def test_a_toll_of_an_attack_on_a_post_is_its_defenders():
    ev = one("A Taliban attack on a police checkpoint in Kandahar killed three on Sunday, officials said.")
    assert (ev["event_type"], ev["actor1"], ev["fatalities"]) == ("Battles", "Taliban", 3)
    people = one("A Taliban attack in Kandahar killed three on Sunday, officials said.")
    assert people["event_type"] == "Violence against civilians"


def test_troops_meeting_resistance_are_fighting():
    ev = one("Afghan troops met fierce resistance from the Taliban in Kunduz on Sunday, officials said.")
    assert (ev["sub_event_type"], ev["actor1"], ev["actor2"]) == ("Armed clash", "Military Forces of Afghanistan", "Taliban")
    assert events_of("The reform bill faced stiff resistance in parliament in Kabul on Monday.") == []


def test_a_headline_claim_of_an_attack_on_a_community_is_a_claimed_attack_on_civilians():
    ev = one("Islamic State claims attack on Shia in Kabul")
    assert (ev["event_type"], ev["actor1"], ev["actor2"]) == ("Violence against civilians", "Islamic State", "Civilians (Afghanistan)")
    assert ev["attribution"] == "claimed"


def test_a_scare_quoted_headline_verb_is_still_the_verb():
    ev = one("Afghan troops 'kill' six Taliban fighters in Kunduz")
    assert (ev["sub_event_type"], ev["actor1"], ev["actor2"]) == ("Armed clash", "Military Forces of Afghanistan", "Taliban")
    assert ev["fatalities"] == 6
    assert ev["trigger"]["text"] == "'kill'"


def test_a_participle_takes_the_date_of_the_act_it_tells_what_did():
    # "last month" dates the attacks the relative clause describes; "killing dozens" is what
    # they did, then, not on the story's day
    evs = events_of(
        "Soldiers patrolled the streets of Maiduguri on Thursday.\n\n"
        "A militant group claimed two attacks in the city last month that struck a market and a bus "
        "station, killing dozens of people.\n",
        published="2023-04-20",
    )
    assert [(e["event_date"], e["time_precision"]) for e in evs] == [("2023-03-01", 3)], evs


def test_a_date_in_a_relative_clause_on_the_target_is_not_the_acts():
    # "last month" dates what the town went through before, not the attack on it
    evs = events_of(
        "Islamic State fighters attacked the Iraqi town of Haditha, where local elections were held last "
        "month, killing three policemen, officials said.",
        published="2016-05-30",
    )
    assert [(e["sub_event_type"], e["event_date"]) for e in evs] == [("Armed clash", "2016-05-30")], evs


@pytest.mark.parametrize("sentence, dead", [
    # the subject of a dying verb is the dead
    ("Eleven worshippers perished in the blast, a hospital official said.", 11),
    # "left N dead", however the parser hangs the dead (here as the subject of "dead")
    ("Rebels claimed the car bombs that a monitoring group said left at least 14 people dead and more "
     "wounded in a market town.", 14),
])
def test_the_dead_a_sentence_counts(nlp, sentence, dead):
    from dateline.events.fatalities import fatalities_in

    assert fatalities_in(next(iter(nlp(sentence).sents))) == dead


def test_an_attack_hours_after_another_is_on_its_day():
    evs = events_of(
        "A bomb hit a bus in Kano on Friday, killing four passengers, police said.\n\n"
        "On Sunday, soldiers clashed with militants outside Zaria, the army said. Hours later, gunmen "
        "attacked a church in Zaria, killing two worshippers.\n",
        published="2021-03-15",
    )
    church = [e for e in evs if e["sub_event_type"] == "Attack"]
    assert [e["event_date"] for e in church] == ["2021-03-14"], evs


def test_an_act_told_days_before_another_is_not_put_on_its_day():
    # "came days after the army said it had killed ...": that killing was earlier, on a day the
    # story does not give; "hours after" may be the same day
    evs = events_of("Gunmen shot dead nine traders at a cattle market in Arbinda on Saturday. "
                    "The attack came days after the army said it had killed dozens of militants near Djibo.",
                    published="2022-03-07")
    assert sorted((e["location"], e["event_date"], e["time_precision"]) for e in evs) == [
        ("Arbinda", "2022-03-05", 1), ("Djibo", "2022-03-01", 3)], evs
    evs = events_of("The army shelled the town of Djibo on Monday, hours after jihadists attacked a "
                    "military post there.", published="2022-03-09")
    assert {(e["event_date"], e["time_precision"]) for e in evs} == {("2022-03-07", 1)}, evs
