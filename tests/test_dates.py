"""The temporal normaliser: time expressions in news, resolved against the publication date.

Sentences are our own. Publication days are chosen for their weekdays:
2021-03-15 is a Monday, 2021-03-18 a Thursday.
"""

from datetime import date

import pytest

from dateline.chrono import Reference, find_mentions, resolve, tense_before, timexes

MONDAY = {"date": "2021-03-15", "precision": "day", "source": "given", "earliest": "2021-03-15", "latest": "2021-03-15"}
THURSDAY = {"date": "2021-03-18", "precision": "day", "source": "given", "earliest": "2021-03-18", "latest": "2021-03-18"}
MARCH_ONLY = {"date": "2021-03-01", "precision": "month", "source": "inferred", "earliest": "2021-03-01", "latest": "2021-03-31"}
YEAR_ONLY = {"date": "2021-01-01", "precision": "year", "source": "inferred", "earliest": "2021-01-01", "latest": "2021-12-31"}


def only(text: str, published: dict | None, phrase: str) -> dict:
    """The one timex whose text contains `phrase`."""
    found = [t for t in timexes(text, published) if phrase in t["text"]]
    assert len(found) == 1, (phrase, timexes(text, published))
    return found[0]


def when(t: dict) -> tuple:
    return t["date"], t["end_date"], t["precision"], t["time_precision"], t["year"]


# ---- explicit dates -------------------------------------------------------


def test_explicit_dates_with_years_need_no_publication_date():
    text = "The towers fell on Sept. 11, 2001, and the talks opened on 14 June 2021 in Geneva."
    assert when(only(text, None, "Sept. 11")) == ("2001-09-11", "2001-09-11", "day", 1, 2001)
    assert when(only(text, None, "14 June")) == ("2021-06-14", "2021-06-14", "day", 1, 2021)


def test_offsets_point_at_the_expression():
    text = "Rebels entered the town on March 2, 2021, residents said."
    t = only(text, None, "March")
    assert text[t["start"] : t["end"]] == "March 2, 2021"


def test_month_and_day_without_year_take_the_publication_year():
    text = "The ceasefire collapsed on March 3 after two weeks."
    assert when(only(text, MONDAY, "March 3")) == ("2021-03-03", "2021-03-03", "day", 1, 2021)


def test_month_and_day_ahead_of_a_past_verb_belong_to_last_year():
    # Said in March 2021, "was killed on November 20" happened in November 2020.
    text = "The commander was killed on November 20 in an ambush."
    assert only(text, MONDAY, "November")["date"] == "2020-11-20"


def test_future_month_and_day_lie_ahead():
    text = "Voters will go to the polls on February 2."
    assert only(text, MONDAY, "February")["date"] == "2022-02-02"


# ---- weekdays -------------------------------------------------------------


def test_weekday_is_within_the_past_week():
    text = "Gunmen attacked the convoy on Sunday, the army said on Monday."
    assert only(text, MONDAY, "Sunday")["date"] == "2021-03-14"
    assert only(text, MONDAY, "Monday")["date"] == "2021-03-15"


def test_weekday_of_publication_is_that_day_not_a_week_back():
    text = "The council on Thursday approved the resolution."
    assert when(only(text, THURSDAY, "Thursday")) == ("2021-03-18", "2021-03-18", "day", 1, 2021)


def test_future_weekday_lies_ahead():
    text = "The envoy will meet rebel leaders on Friday."
    assert only(text, MONDAY, "Friday")["date"] == "2021-03-19"


def test_last_and_next_weekday():
    assert only("The raid took place last Monday.", MONDAY, "Monday")["date"] == "2021-03-08"
    assert only("Talks resume next Monday.", MONDAY, "Monday")["date"] == "2021-03-22"


def test_possessive_weekday():
    assert only("Sunday's bombing killed nine people.", MONDAY, "Sunday")["date"] == "2021-03-14"


def test_weekday_with_only_the_publication_month_is_that_month():
    # the gold convention: the first of the publication month, time precision 3
    t = only("Fighters began the assault on Saturday.", MARCH_ONLY, "Saturday")
    assert when(t) == ("2021-03-01", "2021-03-31", "month", 3, 2021)


def test_weekday_with_a_publication_window_of_days_is_a_span():
    # published between Tuesday 16 and Friday 19 March: "in the past 24 hours" is 15..19 March
    pub = {"date": "2021-03-01", "precision": "month", "source": "inferred", "earliest": "2021-03-16", "latest": "2021-03-19"}
    t = only("Jets carried out eight strikes in the past 24 hours.", pub, "24 hours")
    assert when(t) == ("2021-03-15", "2021-03-19", "span", 2, 2021)


def test_weekday_with_only_the_publication_year_keeps_the_year():
    t = only("Fighters began the assault on Saturday.", YEAR_ONLY, "Saturday")
    assert (t["date"], t["year"], t["time_precision"]) == (None, 2021, 3)


def test_weekday_without_publication_date_is_unresolved():
    t = only("Fighters began the assault on Saturday.", None, "Saturday")
    assert t["date"] is None and t["year"] is None


# ---- relative days, weeks, months, years -----------------------------------


def test_yesterday_and_today():
    text = "Two soldiers died yesterday and a third today."
    assert only(text, MONDAY, "yesterday")["date"] == "2021-03-14"
    assert only(text, MONDAY, "today")["date"] == "2021-03-15"


def test_earlier_this_week_is_a_week_span_before_publication():
    t = only("Protests spread earlier this week.", THURSDAY, "this week")
    assert when(t) == ("2021-03-15", "2021-03-17", "week", 2, 2021)


def test_this_weekend_in_a_monday_story_is_the_weekend_just_past():
    t = only("The army this weekend resumed its offensive.", MONDAY, "weekend")
    assert (t["date"], t["end_date"], t["time_precision"]) == ("2021-03-13", "2021-03-14", 2)


def test_this_weekend_ahead_when_the_verb_looks_ahead():
    t = only("Mediators will travel to the capital this weekend.", MONDAY, "weekend")
    assert t["date"] == "2021-03-20"


def test_last_week_is_the_calendar_week_before():
    t = only("A general said last week that the group was regrouping.", THURSDAY, "last week")
    assert (t["date"], t["end_date"], t["precision"]) == ("2021-03-08", "2021-03-14", "week")


def test_last_month_is_the_month_before():
    t = only("The minister resigned last month.", MONDAY, "last month")
    assert when(t) == ("2021-02-01", "2021-02-28", "month", 3, 2021)


def test_last_month_when_the_publication_is_known_to_the_month():
    assert only("The minister resigned last month.", MARCH_ONLY, "last month")["date"] == "2021-02-01"


def test_last_year_and_this_year_are_years():
    text = "The group lost its last town last year and has struck twice this year."
    assert when(only(text, MONDAY, "last year")) == (None, None, "year", 3, 2020)
    assert only(text, MONDAY, "this year")["year"] == 2021


def test_written_year():
    t = only("The city fell in 2017 after a long siege.", None, "2017")
    assert when(t) == (None, None, "year", 3, 2017)


def test_counts_with_commas_are_not_years():
    assert timexes("Some 2,000 troops and 1,500 police took part.", MONDAY) == []


def test_years_ago():
    t = only("At its height four years ago the group held a third of the country.", MONDAY, "years ago")
    assert (t["year"], t["date"]) == (2017, None)


def test_days_ago():
    assert only("The convoy left three days ago.", MONDAY, "days ago")["date"] == "2021-03-12"


def test_over_the_last_two_days_is_a_span_ending_at_publication():
    t = only("Jets have hit the town over the last two days.", THURSDAY, "two days")
    assert when(t) == ("2021-03-16", "2021-03-18", "span", 2, 2021)


def test_past_24_hours():
    t = only("Eight strikes were carried out in the past 24 hours.", THURSDAY, "24 hours")
    assert (t["date"], t["end_date"], t["time_precision"]) == ("2021-03-17", "2021-03-18", 2)


def test_month_last_year():
    t = only("Experts said in June last year that the killings were genocide.", MONDAY, "June")
    assert (t["date"], t["end_date"], t["time_precision"]) == ("2020-06-01", "2020-06-30", 3)


# ---- months, parts of months, spans --------------------------------------


def test_bare_month_in_the_past_is_the_latest_one_before_publication():
    text = "The president announced in December that troops would leave."
    assert only(text, MONDAY, "December")["date"] == "2020-12-01"


def test_bare_month_with_a_year_window_resolves_when_both_ends_agree():
    # Published some time in the first half of 2018: "in July" can only be July 2017.
    pub = {"date": "2018-01-01", "precision": "year", "source": "inferred", "earliest": "2018-01-01", "latest": "2018-06-30"}
    t = only("Government forces recaptured the city in July.", pub, "July")
    assert when(t) == ("2017-07-01", "2017-07-31", "month", 3, 2017)


def test_bare_month_with_a_whole_year_window_is_unresolved():
    t = only("Government forces recaptured the city in July.", YEAR_ONLY, "July")
    assert t["date"] is None and t["precision"] == "month"


def test_late_and_early_month_are_spans():
    text = "The battle ended in late March; the siege was relieved in early September."
    late = only(text, {"date": "2021-04-02", "precision": "day"}, "late March")
    early = only(text, {"date": "2021-11-03", "precision": "day"}, "early September")
    assert when(late) == ("2021-03-21", "2021-03-31", "span", 2, 2021)
    assert when(early) == ("2021-09-01", "2021-09-10", "span", 2, 2021)


def test_mid_month():
    assert only("Fighting flared in mid-March.", {"date": "2021-04-02", "precision": "day"}, "mid-March")["date"] == "2021-03-11"


def test_between_two_dates_is_one_span():
    text = "The coalition carried out 90 strikes between March 10 and March 23."
    found = timexes(text, {"date": "2021-04-02", "precision": "day"})
    assert len(found) == 1
    assert when(found[0]) == ("2021-03-10", "2021-03-23", "span", 2, 2021)


def test_between_a_date_and_a_named_day():
    text = "It carried out 40 strikes between March 10 and the declared victory on March 23."
    t = only(text, {"date": "2021-04-02", "precision": "day"}, "between")
    assert (t["date"], t["end_date"]) == ("2021-03-10", "2021-03-23")


def test_day_ranges_in_one_month():
    text = "The exercise ran Oct. 25-26, 2016, and the tanks were seized between 11-13 Dec."
    assert only(text, None, "Oct.")["end_date"] == "2016-10-26"
    t = only(text, {"date": "2016-12-20", "precision": "day"}, "Dec.")
    assert (t["date"], t["end_date"]) == ("2016-12-11", "2016-12-13")


def test_a_span_of_weeks_is_month_precision():
    t = only("Aid convoys reached the town between May 2 and June 20.", {"date": "2021-07-01", "precision": "day"}, "between")
    assert t["time_precision"] == 3


def test_earlier_in_the_day_takes_the_day_before_it():
    text = "Troops entered the town on Saturday. Earlier in the day, they seized the checkpoint."
    assert only(text, MONDAY, "Earlier in the day")["date"] == "2021-03-13"


def test_may_the_verb_is_not_a_month():
    assert timexes("Officials said fighting may resume.", MONDAY) == []
    assert only("Elections were held in May.", MONDAY, "May")["date"] == "2020-05-01"


def test_decades_are_spans_of_years_not_years():
    t = only("The movement was founded in the 1990s.", MONDAY, "1990s")
    assert when(t) == ("1990-01-01", "1999-12-31", "span", 3, None)


def test_dates_inside_names_are_not_times():
    text = "Fighters of the March 23 Movement marched on the town, marking the February 17 Revolution."
    assert timexes(text, MONDAY) == []


def test_seasons():
    text = "The unit deployed in the summer of 2017 and again last summer."
    assert when(only(text, None, "2017")) == ("2017-06-01", "2017-08-31", "span", 3, 2017)
    assert only(text, MONDAY, "last summer")["date"] == "2020-06-01"


def test_the_fall_of_a_city_is_not_a_season():
    assert timexes("The fall of the city shocked the region.", MONDAY) == []


# ---- tense and the publication window --------------------------------------


def test_tense_from_the_nearest_cue():
    text = "The SDF hoped to capture the area by the end of February."
    assert tense_before(text, text.index("the end")) == "future"
    text = "A general, who is planning to retire, said on Wednesday the group was weak."
    assert tense_before(text, text.index("Wednesday")) == "past"
    text = "The pullout is due to be completed by the end of March."
    assert tense_before(text, text.index("the end")) == "future"
    text = "IS redrew the map of the region in 2014."
    assert tense_before(text, text.index("2014")) == "past"


def test_floor_only_reference_resolves_nothing_relative():
    # inferred from a file photo alone: the year printed is a floor, not a claim
    pub = {"date": "2014-01-01", "precision": "year", "source": "inferred", "earliest": "2014-06-29", "latest": None}
    ref = Reference.from_published(pub)
    assert ref is not None and ref.hi is None
    mention = find_mentions("The group lost the town last year.")[0]
    assert resolve(mention, ref).year is None


# ---- the spaCy component --------------------------------------------------


@pytest.fixture(scope="module")
def dates_nlp():
    from dateline.language.pipeline import build_pipeline

    return build_pipeline(["dateline_dates"])


def test_component_is_registered_in_the_pipeline_order():
    from dateline.language.pipeline import COMPONENTS

    assert ("dateline.language.dates", "dateline_dates", {}) in COMPONENTS


def test_component_sets_timexes_with_offsets(dates_nlp):
    text = "Militants attacked a checkpoint on Sunday, killing four soldiers, the army said on Monday."
    doc = dates_nlp.make_doc(text)
    doc._.meta = {"published": MONDAY}
    doc = dates_nlp(doc)
    got = [(t["text"], t["date"], t["time_precision"]) for t in doc._.timexes]
    assert got == [("Sunday", "2021-03-14", 1), ("Monday", "2021-03-15", 1)]
    for t in doc._.timexes:
        assert text[t["start"] : t["end"]] == t["text"]
        assert set(t) >= {"text", "start", "end", "date", "end_date", "precision", "time_precision", "year"}


def test_component_takes_tense_from_the_parse_where_no_cue_word_says(dates_nlp):
    # No cue word before "this weekend"; the verb it hangs on ("resumed") is past.
    text = "The Syrian army this weekend resumed its assault on the town."
    doc = dates_nlp.make_doc(text)
    doc._.meta = {"published": THURSDAY}
    doc = dates_nlp(doc)
    (t,) = doc._.timexes
    assert t["date"] == "2021-03-13"  # the weekend before Thursday, not the one after


def test_component_without_metadata(dates_nlp):
    doc = dates_nlp("Rebels took the town in 2012.")
    assert [(t["text"], t["year"]) for t in doc._.timexes] == [("2012", 2012)]


def test_a_day_earlier_or_later_counts_from_the_day_told_before():
    text = ("Police shot a man in Tulsa on Wednesday. The day earlier, officers in Dayton had shot another. "
            "A day later, crowds marched in both cities.")
    assert only(text, MONDAY, "The day earlier")["date"] == "2021-03-09"
    assert only(text, MONDAY, "A day later")["date"] == "2021-03-10"


def test_hours_later_is_the_day_told_before():
    text = "Soldiers clashed with militants outside Zaria on Sunday. Hours later, gunmen attacked a church."
    assert only(text, THURSDAY, "Hours later")["date"] == "2021-03-14"
