"""Versions of one story share a story id; other stories on the same topic stay apart."""

from dateline.read.stories import assign_stories, signature

BASE = [
    "KALAA (Reuters) – Government forces captured the town of Kalaa on Friday after a week of fighting, "
    "the army said, leaving insurgents with a single village on the river.",
    "The insurgents still hold Dorum, a farming village on the opposite bank, a military spokesman said.",
    "Aid agencies said about 3,000 families had fled Kalaa in the past month and were sheltering in camps "
    "south of the provincial capital.",
    "“We expect the last pocket to fall within days,” the spokesman told reporters at a briefing.",
    "The offensive began in early March with air support from allied aircraft.",
]
UPDATE = [
    "KALAA (Reuters) – Insurgents were on the verge of losing their last town on Friday as government forces "
    "swept into Kalaa, the army said.",
    BASE[1],
    BASE[2],
    "Engineers were clearing mines from the streets of the town, a local official said.",
    BASE[3],
    BASE[4],
]
SAME_TOPIC = [
    "DORUM (Reuters) – Insurgents in the village of Dorum fired rockets across the river on Sunday, "
    "the army said, as government forces prepared an assault.",
    "The army said its forces had surrounded the village and that civilians had been told to leave.",
    "Aid agencies said camps south of the provincial capital were full.",
]


def test_versions_share_a_story_and_the_fuller_one_is_the_original():
    a = "\n\n".join(BASE)
    b = "\n\n".join(UPDATE)
    c = "\n\n".join(SAME_TOPIC)
    result = assign_stories([signature("a", a), signature("b", b), signature("c", c)])
    assert result["a"][0] == result["b"][0] == "b"  # the update is longer: it names the story
    assert result["a"][1] == "b" and result["b"][1] is None
    assert result["c"] == ("c", None)


def test_short_reports_of_different_events_stay_apart():
    one = "On 14 June 2021, gunmen attacked an army checkpoint near Kalaa, killing 2 soldiers."
    two = "On 15 June 2021, gunmen attacked an army checkpoint near Kalaa, killing 3 soldiers."
    result = assign_stories([signature("one", one), signature("two", two)])
    assert result["one"][0] != result["two"][0]


def test_identical_text_twice_is_one_story():
    text = "\n\n".join(BASE)
    result = assign_stories([signature("x", text), signature("y", text)])
    assert result["x"][0] == result["y"][0]


def test_story_assignment_scales_without_all_pairs(monkeypatch):
    # 3,000 distinct short articles: LSH proposes only likely pairs, so the signatures are
    # compared a handful of times, not for all 4.5 million pairs.
    import random

    from dateline.read import stories

    compared = []
    real = stories._containment
    monkeypatch.setattr(stories, "_containment", lambda a, b: compared.append(1) or real(a, b))
    rng = random.Random(7)
    words = [f"w{i}" for i in range(5000)]
    sigs = [signature(str(i), " ".join(rng.choice(words) for _ in range(120))) for i in range(3000)]
    result = assign_stories(sigs)
    assert len({s for s, _ in result.values()}) == 3000
    assert len(compared) < len(sigs)  # all pairs would be 4,498,500


def test_templated_daily_reports_are_not_versions():
    # Daily strike lists share their template (more text than versions of one story
    # share), but they are published on different days: different stories.
    def daily(day, places):
        lines = [f"On Jan. {day}, coalition forces conducted {len(places) * 3} strikes against the group."]
        lines += [f"Near {p}, {n} strikes engaged a tactical unit and destroyed a fighting position." for n, p in enumerate(places, 2)]
        lines += ["These strikes were conducted as part of the operation to destroy the group."] * 1
        return "\n\n".join(lines)

    towns = ["Alpha", "Bravo", "Charlie", "Delta", "Echo", "Foxtrot", "Golf", "Hotel"]
    one = signature("d9", daily(8, towns), {"date": "2017-01-09", "precision": "day"})
    two = signature("d10", daily(9, towns[1:] + ["India"]), {"date": "2017-01-10", "precision": "day"})
    result = assign_stories([one, two])
    assert result["d9"][0] != result["d10"][0]
    # The same pair with no dates known would be taken for versions.
    undated = assign_stories([signature("a", daily(8, towns)), signature("b", daily(9, towns[1:] + ["India"]))])
    assert undated["a"][0] == undated["b"][0]


def test_many_copies_and_versions_of_one_story_cost_no_more_than_one_comparison_each(monkeypatch):
    # A syndicated wire story: 300 copies of the first version and 300 of the update. They are
    # one story, as comparing every pair would say, yet each article is compared about once.
    from dateline.read import stories

    compared = []
    real = stories._containment
    monkeypatch.setattr(stories, "_containment", lambda a, b: compared.append(1) or real(a, b))
    first, update, other = ("\n\n".join(p) for p in (BASE, UPDATE, SAME_TOPIC))
    sigs = [signature(f"{kind}{i}", text) for i in range(300) for kind, text in (("first", first), ("update", update))]
    sigs.append(signature("other", other))
    result = assign_stories(sigs)
    assert {story for story, _ in result.values()} == {"update0", "other"}  # the fuller version, first copy
    assert all(dup == "update0" for art, (_, dup) in result.items() if art not in ("update0", "other"))
    assert len(compared) < 10  # all pairs would be 180,000
