"""The foundation issue's figures on the sample corpus (needs ../shared)."""

from dateline.read import read_inputs
from dateline.read.stories import assign_stories, signature


def test_seed_corpus_parts_match_gold(seed_corpus, seed_gold):
    arts = list(read_inputs([str(seed_corpus)]))
    assert len(arts) == len(seed_gold) == 10
    for art, gold in zip(arts, seed_gold):
        assert art.id == gold["id"]
        assert art.title == gold["title"]
        assert art.byline == gold["byline"]
        # the record may add fields (the dateline's offsets in the body); the contract's must agree
        assert {k: art.dateline[k] for k in gold["dateline"]} == gold["dateline"]
        assert art.body[art.dateline["start"]:art.dateline["end"]].startswith(art.dateline["places"][0])
        assert art.credits == gold["credits"]
        assert art.captions == gold["captions"]
        assert art.body == gold["body"]


def test_seed_stories(seed_corpus, seed_gold):
    arts = list(read_inputs([str(seed_corpus)]))
    stories = assign_stories([signature(a.id, a.body) for a in arts])
    assert [stories[a.id] for a in arts] == [(g["story"], g["duplicate_of"]) for g in seed_gold]
