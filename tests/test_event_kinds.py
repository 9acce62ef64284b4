"""ACLED's less common sub-event types, coded from sentences written for these tests: crowds
(riots, mob violence, force against protesters, arrests at a protest), ground retaken, and
the strategic developments beyond arrests."""

import pytest

from tests.test_events import events_of, one


def kinds(text: str) -> set[tuple[str, str]]:
    return {(e["event_type"], e["sub_event_type"]) for e in events_of(text)}


# --- crowds ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, sub_event_type, actor2",
    [
        ("Demonstrators hurled stones at riot police outside the parliament in Skopje on Friday.",
         "Violent demonstration", "Police Forces of North Macedonia"),
        ("Angry youths torched a bank and two buses in Kinshasa on Monday after the election result was announced.",
         "Violent demonstration", None),
        ("A crowd beat a man accused of stealing a goat to death in a village near Kisumu on Sunday, police said.",
         "Mob violence", "Civilians (Kenya)"),
        ("Villagers attacked the houses of three families they blamed for a drought near Dodoma on Friday.",
         "Mob violence", "Civilians (Tanzania)"),
    ],
)
def test_a_crowds_violence_is_a_riot_with_rioters_first(text, sub_event_type, actor2):
    ev = one(text)
    assert (ev["event_type"], ev["sub_event_type"]) == ("Riots", sub_event_type)
    assert ev["actor1"].startswith("Rioters")
    assert ev["actor2"] == actor2


def test_a_mob_killing_counts_its_dead():
    ev = one("A mob lynched two men suspected of cattle theft in a village near Ranchi on Tuesday, police said.")
    assert (ev["sub_event_type"], ev["actor1"], ev["fatalities"]) == ("Mob violence", "Rioters (India)", 2)


def test_soldiers_burning_homes_are_no_riot():
    ev = one("Soldiers burned down about forty houses in a village near Hpakant on Sunday, residents said.")
    assert (ev["event_type"], ev["sub_event_type"]) == ("Strategic developments", "Looting/property destruction")
    assert ev["actor1"] == "Military Forces of Myanmar"


def test_a_protest_that_turns_violent_is_one_riot():
    ev = one("Protesters marched on the governor's office in Tucuman on Thursday and set fire to its gate, "
             "and police fired rubber bullets at them.")
    assert (ev["event_type"], ev["sub_event_type"], ev["actor2"]) == ("Riots", "Violent demonstration", "Police Forces of Argentina")


def test_arrests_at_a_protest_are_part_of_the_protest():
    ev = one("Police detained 40 people as they broke up a march against fuel prices in Abuja on Monday.")
    assert (ev["event_type"], ev["sub_event_type"]) == ("Protests", "Protest with intervention")
    assert (ev["actor1"], ev["actor2"]) == ("Protesters (Nigeria)", "Police Forces of Nigeria")


def test_lethal_force_on_protesters_puts_the_protesters_first():
    ev = one("Troops opened fire on marchers demanding civilian rule in Khartoum on Sunday, killing three, medics said.")
    assert (ev["event_type"], ev["sub_event_type"], ev["fatalities"]) == ("Protests", "Excessive force against protesters", 3)
    assert (ev["actor1"], ev["actor2"]) == ("Protesters (Sudan)", "Military Forces of Sudan")


def test_tear_gas_on_a_crowd_is_a_protest_with_intervention():
    ev = one("Police fired tear gas at hundreds of opposition supporters outside a court in Harare on Tuesday.")
    assert (ev["event_type"], ev["sub_event_type"]) == ("Protests", "Protest with intervention")


# --- territory ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, actor2",
    [
        ("Malian troops retook the town of Boni from jihadists on Friday, the army said.", None),
        ("The Somali army drove al-Shabaab fighters out of the village of Bacadweyne on Monday.", "Al Shabaab"),
        ("Army recaptures Gwoza from Boko Haram", "Boko Haram - Jamaatu Ahli is-Sunnah lid-Dawati wal-Jihad"),
    ],
)
def test_ground_retaken_by_the_state(text, actor2):
    ev = next(e for e in events_of(text) if e["event_type"] == "Battles")
    assert ev["sub_event_type"] == "Government regains territory"
    if actor2:
        assert ev["actor2"] == actor2


# --- strategic developments ------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, sub_event_type",
    [
        ("Al-Shabaab fighters set up a new camp in the forest near Jamaame on Sunday, elders said.",
         "Headquarters or base established"),
        ("The Malian army sent two battalions to Gao on Monday, a military source said.", "Change to group/activity"),
        ("About 200 Boko Haram fighters surrendered to Nigerian troops in Bama on Friday, the army said.",
         "Change to group/activity"),
        ("Taliban fighters defected to the government in Herat province on Sunday, officials said.",
         "Change to group/activity"),
        ("Kenyan police seized 30 rifles and a box of grenades from an al-Shabaab hideout in Lamu on Friday.",
         "Disrupted weapons use"),
        ("Houthi fighters released 12 fishermen they had seized off Hodeidah on Thursday, the coast guard said.", "Other"),
        ("A mass grave with the remains of 40 people was found near Tal Afar on Monday, officials said.", "Other"),
        ("The army imposed a curfew on the town of Kassala on Sunday after clashes, the governor said.", "Other"),
        ("Government troops entered the town of Bambari unopposed on Friday after the rebels fled.",
         "Non-violent transfer of territory"),
        ("The rebels and the government exchanged 80 prisoners in Juba on Saturday.", "Agreement"),
        ("Islamic State fighters blew up a mosque in Mosul on Saturday, residents said.", "Looting/property destruction"),
    ],
)
def test_strategic_developments(text, sub_event_type):
    assert ("Strategic developments", sub_event_type) in kinds(text)


def test_a_deal_agreed_to_is_an_agreement_though_what_it_promises_lies_ahead():
    ev = one("Rebels in the besieged town of Zabadani agreed to give up their heavy weapons in exchange for "
             "safe passage to Idlib, under a deal negotiated with government forces on Thursday.")
    assert (ev["sub_event_type"], ev["actor2"]) == ("Agreement", "Military Forces of Syria")


@pytest.mark.parametrize("text", [
    "Al Shabaab fighters occupied the town of Bardere on Sunday after Ethiopian troops left it, residents said.",
    "Turkish troops entered the village of Kobane on Friday under a deal with the YPG.",
])
def test_a_place_taken_after_its_holders_left_or_under_a_deal_changed_hands_without_a_fight(text):
    # the deal it was taken under is a part of the transfer, not an agreement row of its own
    assert kinds(text) == {("Strategic developments", "Non-violent transfer of territory")}


def test_a_grave_found_has_no_dead_of_its_own():
    ev = one("A mass grave with the remains of 40 people was found near Tal Afar on Monday, officials said.")
    assert ev["fatalities"] == 0


def test_a_captured_commander_is_an_arrest():
    assert kinds("Iraqi forces captured a senior Islamic State commander in Kirkuk on Saturday.") == {
        ("Strategic developments", "Arrests")}


def test_weapons_destroyed_by_a_strike_are_the_strike():
    assert kinds("Coalition air strikes destroyed a weapons cache near Raqqa on Sunday, the coalition said.") == {
        ("Explosions/Remote violence", "Air/drone strike")}


# --- chemical weapons --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Government helicopters dropped barrel bombs packed with chlorine on the town of Kafr Zita on Friday, medics said.",
        "Dozens of people were treated for breathing problems after shells hit the village of Talmenes on Monday.",
        "Russian troops dropped tear gas grenades on Ukrainian trenches near Bakhmut on Tuesday, Kyiv said.",
    ],
)
def test_a_chemical_is_a_chemical_weapon_whatever_carried_it(text):
    assert ("Explosions/Remote violence", "Chemical weapon") in kinds(text)


def test_tear_gas_on_a_crowd_is_no_chemical_weapon():
    assert ("Explosions/Remote violence", "Chemical weapon") not in kinds(
        "Police fired tear gas grenades at protesters in Nairobi on Tuesday.")


# --- tolls ---------------------------------------------------------------------------------------


def tolls(text: str) -> list[tuple[str, int | None]]:
    return [(e["sub_event_type"], e["fatalities"]) for e in events_of(text)]


def test_a_range_counts_its_lower_bound():
    assert tolls("Between three and five soldiers were killed when militants attacked an army post near Mopti "
                 "on Tuesday, the army said.") == [("Armed clash", 3)]


def test_the_dead_of_both_sides_of_one_clash_are_summed():
    # the attackers' dead told in a clause of their own
    assert tolls("Militants attacked a police post in Garissa on Monday, killing a constable, and two of the "
                 "attackers died when officers returned fire, police said.") == [("Armed clash", 3)]


def test_a_later_official_update_supersedes_the_first_count():
    assert tolls("A bomb exploded at a crowded market in Maiduguri on Friday, killing 12 people, police said.\n\n"
                 "On Saturday the state government raised the toll to 19.") == [("Remote explosive/landmine/IED", 19)]


def test_a_tally_of_the_war_is_no_toll_of_the_attack():
    assert tolls("Gunmen killed 14 villagers in an attack on a village near Djibo on Sunday, officials said.\n\n"
                 "The violence has killed more than 2,000 people this year.") == [("Attack", 14)]


def test_a_later_partial_figure_does_not_replace_the_lead_toll():
    assert tolls("Suicide bombers struck a mosque in Quetta on Friday, killing at least 20 worshippers, police said.\n\n"
                 "Two policemen were among the dead, a hospital official said.") == [("Suicide bomb", 20)]


# --- sub-types told together -----------------------------------------------------------------------


def test_rockets_fired_by_helicopters_are_an_air_strike():
    assert kinds("Army helicopters fired rockets at Taliban positions near Lashkar Gah on Monday, killing 12 "
                 "militants, officials said.") == {("Explosions/Remote violence", "Air/drone strike")}


def test_rockets_fired_by_an_army_are_shelling():
    assert kinds("The Syrian army fired rockets at rebel-held districts of Daraa on Monday, killing four civilians.") == {
        ("Explosions/Remote violence", "Shelling/artillery/missile attack")}


def test_a_ground_clash_told_with_air_strikes_is_both():
    assert kinds("Syrian troops clashed with Nusra Front fighters south of Aleppo on Tuesday as Russian warplanes "
                 "pounded the militants' positions, a monitor said.") == {
        ("Battles", "Armed clash"), ("Explosions/Remote violence", "Air/drone strike")}


def test_a_repelled_assault_on_a_checkpoint_is_a_clash():
    assert kinds("Soldiers repelled an attack by Boko Haram fighters on a checkpoint near Monguno on Saturday, "
                 "killing five of the assailants.") == {("Battles", "Armed clash")}


def test_force_on_protesters_who_broke_in_is_a_riot():
    # "who broke into" is told as done, though it hangs under a purpose clause ("to push back")
    assert kinds("Soldiers used live rounds and tear gas to push back protesters who broke into the parliament "
                 "compound in Bamako on Friday.") == {("Riots", "Violent demonstration")}


@pytest.mark.parametrize("text", [
    "Mortar rounds fired by the militants landed near a market in Baidoa on Tuesday, killing two women.",
    "Ethiopian artillery pounded rebel positions around Dessie on Thursday, the rebels said.",
    "The rebels fired dozens of rockets at the airport in Mekelle on Sunday; nobody was hurt, officials said.",
])
def test_rounds_that_landed_and_guns_that_pounded_are_shelling(text):
    assert kinds(text) == {("Explosions/Remote violence", "Shelling/artillery/missile attack")}


def test_rounds_and_rockets_seized_are_weapons_disrupted_not_ground_taken():
    assert kinds("Police seized mortar rounds and dozens of rockets in a raid in Kirkuk on Monday.") == {
        ("Strategic developments", "Disrupted weapons use")}


@pytest.mark.parametrize("text, sub_event_type", [
    ("A car bomb exploded near a police station in Kirkuk on Sunday, killing six policemen.", "Remote explosive/landmine/IED"),
    ("A suicide car bomber rammed an army checkpoint near Mogadishu on Monday, killing five soldiers.", "Suicide bomb"),
    ("Roadside blast kills three Kenyan soldiers near Mandera", "Remote explosive/landmine/IED"),
])
def test_a_car_bomb_is_planted_unless_a_suicide_attacker_drove_it(text, sub_event_type):
    assert kinds(text) == {("Explosions/Remote violence", sub_event_type)}


def test_the_attackers_dead_told_twice_are_counted_once():
    # "militiamen" are attackers: a second telling of them is the same dead, not the other side's
    assert [dead for _, dead in tolls("Army drone strike kills 7 militiamen by mistake: officials\n\n"
                                      "Friendly fire by army drone kills seven pro-government fighters\n\n"
                                      "Friendly fire by army drone kills seven pro-government fighters")] == [7]


# --- kinds the event bank found weak (tests/bank/) -------------------------------------------


@pytest.mark.parametrize("text, sub_event_type", [
    # people carried off are abducted, whoever took them
    ("Gunmen took away 20 farmers from a village near Gusau on Tuesday, residents said.", "Abduction/forced disappearance"),
    ("Soldiers took nine villagers from their homes near Pale on Sunday to carry ammunition, residents said.",
     "Abduction/forced disappearance"),
    # a group's make-up changes, whatever the classifier thinks of the sentence
    ("The Islamic State branch in Mozambique has named a new leader, according to a statement on Friday.",
     "Change to group/activity"),
    # forces seen moving toward a town: a movement of forces
    ("A convoy of Wagner fighters was seen moving toward Kidal on Sunday, residents said.", "Change to group/activity"),
    # a country named as the doer of a military act: its forces
    ("Ukraine moved two more brigades to the Kupiansk sector on Tuesday, a military spokesman said.",
     "Change to group/activity"),
])
def test_weak_kinds_of_the_bank(text, sub_event_type):
    assert [e["sub_event_type"] for e in events_of(text)] == [sub_event_type]


def test_suspended_attacks_are_no_attack():
    evs = events_of("Hezbollah said on Monday it was suspending attacks on Israeli positions along the border.")
    assert all(e["event_type"] != "Battles" for e in evs)


def test_storming_a_school_with_nobody_defending_it_is_no_battle():
    evs = events_of("Gunmen stormed a girls' school in Zamfara state on Friday night and took away dozens of students.")
    assert [e["sub_event_type"] for e in evs] == ["Abduction/forced disappearance"]


def test_drones_that_hit_are_a_drone_strike_and_drones_shot_down_are_not():
    assert [e["sub_event_type"] for e in events_of(
        "Russian drones hit a power station in Kharkiv region overnight, the governor said on Friday.")] == ["Air/drone strike"]
    assert [e["sub_event_type"] for e in events_of(
        "Ukraine's air force said its air defences shot down 20 of 25 Russian drones launched overnight.")] \
        == ["Disrupted weapons use"]


def test_a_tear_gas_canister_is_no_chemical_weapon():
    evs = events_of("Riot police killed a student in Nairobi on Tuesday with a tear gas canister fired at close range, witnesses said.")
    assert all(e["sub_event_type"] != "Chemical weapon" for e in evs)


def test_one_sentence_two_towns_is_two_riots():
    evs = events_of("Protesters stormed the governor's office in Kirkuk on Saturday, while in Mosul others threw "
                    "stones at police guarding the city council.")
    assert sorted(e["location"] for e in evs if e["sub_event_type"] == "Violent demonstration") == ["Kirkuk", "Mosul"]


def test_forces_loyal_to_the_government_are_the_state():
    ev = one("Forces loyal to Libya's unity government drove Islamic State fighters from a district of Sirte on Friday.")
    assert (ev["sub_event_type"], ev["actor1"]) == ("Government regains territory", "Military Forces of Libya")
