"""Publication dates inferred from text alone, with an honest window.

Articles are our own short texts. 2021-03-15 is a Monday.
"""

from datetime import date

import pytest

from dateline.chrono import parse_period
from dateline.read import read_string
from dateline.read.anchors import AnchorBook
from dateline.read.bounds import Bound, Window, apply_bounds
from dateline.read.published import (
    check_published,
    given_published,
    infer_published,
    refine_published,
)
from dateline.record import Article


def art(body: str, captions: list[str] | None = None) -> Article:
    return Article(body=body, captions=captions or [])


def window(pub: dict | None) -> tuple:
    assert pub is not None
    return pub["date"], pub["precision"], pub["earliest"], pub["latest"]


# ---- given dates -------------------------------------------------------------


def test_given_dates_are_kept_as_given():
    assert given_published("2021-03-15") == {
        "date": "2021-03-15", "precision": "day", "source": "given", "earliest": "2021-03-15", "latest": "2021-03-15",
    }
    assert given_published("2021-03")["latest"] == "2021-03-31"
    assert given_published("not a date") is None


def test_a_given_value_that_is_no_date_is_refused_not_replaced():
    assert check_published("2017-02-03")["source"] == "given"
    assert check_published({"date": "2017-02", "precision": "month"})["latest"] == "2017-02-28"
    for nothing in (None, "", {"date": None}):
        assert check_published(nothing) is None
    for garbage in ("garbage-date!!", 12345, "2017-02-30", "2017-13", False, {"date": "yesterday"}):
        with pytest.raises(ValueError, match="not a date"):
            check_published(garbage)


def test_refinement_leaves_given_dates_alone():
    a = art("The group lost the town last year, officials said on Monday.")
    a.published = given_published("2021-03-15")
    refine_published([a])
    assert a.published["source"] == "given" and a.published["date"] == "2021-03-15"


# ---- captions and weekdays ------------------------------------------------------


def test_fresh_photo_and_weekday_pin_the_day():
    a = art(
        "Rebels shelled the port on Sunday, killing six people, officials said on Monday.",
        ["Smoke rises over the port of Hodeidah, Yemen March 14, 2021. Picture taken March 14, 2021."],
    )
    pub = infer_published(a)
    assert pub["date"] == "2021-03-15" and pub["precision"] == "day" and pub["source"] == "inferred"
    assert pub["earliest"] == "2021-03-14"  # the window stays honest about the photo


def test_fresh_photo_without_weekdays_gives_the_month():
    a = art(
        "Aid agencies warned of famine in the besieged city.",
        ["Children queue for bread in Taiz, Yemen April 2, 2021. Picture taken April 2, 2021."],
    )
    assert window(infer_published(a)) == ("2021-04-01", "month", "2021-04-02", "2021-04-08")


def test_file_photo_is_only_a_floor():
    a = art(
        "The group's leader urged followers to keep fighting, in a recording released on Wednesday.",
        ["FILE PHOTO: Fighters parade in Raqqa, Syria June 30, 2014. REUTERS/File Photo"],
    )
    pub = infer_published(a)
    assert pub["earliest"] == "2014-06-30" and pub["latest"] is None and pub["precision"] == "year"


def test_file_photo_counts_as_fresh_when_the_body_shows_pictures_of_that_day():
    a = art(
        "Fighters pressed their assault, they said on Monday. Photographs from Baghouz on Sunday showed smoke over the camp.",
        ["FILE PHOTO: Smoke rises over Baghouz, Syria March 14, 2021. REUTERS/File Photo"],
    )
    assert window(infer_published(a))[:2] == ("2021-03-15", "day")


def test_dateline_date_takes_its_year_from_the_caption():
    a = art("KABUL, March 15 (Reuters) - A bomb killed four people.", ["Police at the scene in Kabul, Afghanistan March 15, 2021."])
    assert window(infer_published(a, dateline_date="March 15")) == ("2021-03-15", "day", "2021-03-15", "2021-03-15")


def test_dateline_date_read_from_the_body_when_not_passed():
    a = art("KABUL, March 15 (Reuters) - A bomb killed four people.", ["Police at the scene in Kabul, Afghanistan March 14, 2021."])
    assert window(infer_published(a))[:2] == ("2021-03-15", "day")


# ---- dates, months and years in the body -----------------------------------------


def test_past_dates_in_the_body_bound_from_below():
    a = art("The offensive began on Nov. 6, 2016, and has taken dozens of villages.")
    pub = infer_published(a)
    assert pub["earliest"] == "2016-11-06" and pub["latest"] is None


def test_future_dates_bound_from_above():
    a = art("The ceasefire, agreed in Geneva on March 2, 2021, will expire on April 30, 2021.")
    assert window(infer_published(a)) == ("2021-01-01", "year", "2021-03-02", "2021-04-30")


def test_written_out_past_year_means_a_later_year():
    # Wire style writes "this year" for the current year: "fell in 2017" is older.
    a = art("The city fell in 2017 after a nine-month siege.")
    pub = infer_published(a)
    assert pub["earliest"] == "2018-01-01"


def test_written_out_year_gives_way_to_a_fresh_photo():
    a = art(
        "The city fell in 2017 after a nine-month siege, the army said on Monday.",
        ["Soldiers in the old city, July 10, 2017. Picture taken July 10, 2017."],
    )
    pub = infer_published(a)
    assert pub["date"] == "2017-07-10" and pub["precision"] == "day"


def test_no_evidence_no_date():
    assert infer_published(art("Fighting continued in the north, residents said.")) is None


# ---- dating by events dated elsewhere ----------------------------------------------


def test_relative_reference_dated_in_the_same_article():
    a = art(
        "Government forces recaptured Falluja in June 2016 after a month-long battle. "
        "Aid workers said on Monday that few families have returned since troops recaptured Falluja last year."
    )
    pub = infer_published(a)
    assert (pub["earliest"], pub["latest"], pub["precision"]) == ("2017-01-01", "2017-12-31", "year")


def test_relative_reference_in_the_same_sentence_does_not_count():
    a = art("Troops recaptured Falluja in June 2016, and recaptured Falluja's outskirts last year.")
    pub = infer_published(a)
    assert pub["latest"] is None  # only the floor from the written date


def dated_story() -> Article:
    a = art(
        "The army declared victory in Sirte on Thursday. The rebel stronghold at Marib collapsed in July, "
        "when militiamen completed its capture.",
        ["Fighters in Sirte, Libya September 21, 2017. Picture taken September 21, 2017."],
    )
    return a


def undated_story() -> Article:
    return art(
        "Rebel commanders have renewed their pledge to their leader, the first since the stronghold at Marib collapsed last year."
    )


def test_another_article_of_the_input_dates_a_relative_reference():
    dated, undated = dated_story(), undated_story()
    dated.published = infer_published(dated)
    assert dated.published["date"] == "2017-09-21"
    undated.published = infer_published(undated)
    assert undated.published is None
    assert refine_published([dated, undated]) == 1
    assert (undated.published["date"], undated.published["precision"]) == ("2018-01-01", "year")
    assert (undated.published["earliest"], undated.published["latest"]) == ("2018-01-01", "2018-12-31")


def test_bare_month_solved_against_a_dated_occurrence():
    book = AnchorBook()
    book.add(art("Militias completed the capture of Marib in July 2017, officials said."))
    a = art("Pledges have multiplied since militias completed the capture of Marib in July.")
    (bound,) = book.bounds_for(a)
    assert (bound.lo, bound.hi) == (date(2017, 7, 1), date(2018, 6, 30))


def test_transliterations_of_a_name_anchor_each_other():
    book = AnchorBook()
    book.add(art("The SDF began their advance to isolate al-Raqqah, Syria, Nov. 6, 2016."))
    a = art("The isolation of Raqqa began early last month, the spokesman said.")
    (bound,) = book.bounds_for(a)
    assert (bound.lo, bound.hi) == (date(2016, 12, 1), date(2016, 12, 31))


def test_conflicting_anchors_date_nothing():
    book = AnchorBook()
    book.add(art("Militias completed the capture of Marib in 2015, officials said."))
    book.add(art("Militias completed the capture of Marib in 2019, officials said."))
    assert book.bounds_for(undated_story()) == []
    assert book.bounds_for(art("Pledges have multiplied since the capture of Marib last year.")) == []


def test_unrelated_occurrences_do_not_anchor():
    book = AnchorBook()
    book.add(art("Militias completed the capture of Marib in 2015, officials said."))
    # the same kind of occurrence, but of another place: common nouns do not link them
    assert book.bounds_for(art("Militias completed the capture of Aden last year.")) == []


def dated_in(day: str) -> Article:
    a = art("Aid convoys reached the northern districts, the agency said.")
    a.published = given_published(day)
    return a


def weekday_story() -> Article:
    # 15 March falls on a Monday in 2010, 2021 and 2027 only, between 2009 and 2030
    return art("On Monday, March 15, gunmen attacked a checkpoint outside the town, killing two guards.")


def test_weekday_and_date_take_their_year_from_the_inputs_era():
    story = weekday_story()
    assert infer_published(story) is None  # alone, the year is unknown
    refine_published([dated_in("2020-11-02"), story, dated_in("2021-06-30")])
    assert window(story.published)[2:] == ("2021-03-15", "2021-03-22")


def test_a_future_weekday_and_date_bound_from_above():
    story = art("Talks between the two sides will resume on Tuesday, March 15, the mediator said.")
    refine_published([dated_in("2022-01-20"), story])
    assert (story.published["earliest"], story.published["latest"]) == ("2022-03-08", "2022-03-15")


def test_no_year_when_the_era_is_too_wide_or_the_weekday_fits_no_year():
    wide = weekday_story()
    refine_published([dated_in("2009-05-01"), wide, dated_in("2023-05-01")])
    assert wide.published is None  # 2010 and 2021 both fit
    unfit = weekday_story()
    refine_published([dated_in("2017-05-01"), unfit])  # 2016-2018: 15 March is never a Monday
    assert unfit.published is None


# ---- the window ---------------------------------------------------------------------


def test_a_bound_that_would_empty_the_window_is_dropped():
    bounds = [Bound(date(2021, 3, 1), date(2021, 3, 31), "photo"), Bound(date(2022, 1, 1), None, "guess")]
    win, kept = apply_bounds(bounds)
    assert win == Window(date(2021, 3, 1), date(2021, 3, 31))
    assert [b.why for b in kept] == ["photo"]


# ---- on the development corpus --------------------------------------------------------


@pytest.mark.shared
def test_seed_published_inside_gold_window_for_seven_of_ten(seed_corpus, seed_gold):
    articles = read_string(seed_corpus.read_text(encoding="utf-8"))
    refine_published(articles)
    assert len(articles) == len(seed_gold)
    rank = {"day": 0, "month": 1, "year": 2}
    right = 0
    for a, g in zip(articles, seed_gold):
        p, gp = a.published, g["published"]
        if not p:
            continue
        length = {"day": 10, "month": 7, "year": 4}[p["precision"]]
        period = parse_period(p["date"][:length])
        inside = period.start <= date.fromisoformat(gp["latest"]) and period.end >= date.fromisoformat(gp["earliest"])
        right += inside and rank[p["precision"]] <= rank[gp["precision"]]
    assert right >= 7
