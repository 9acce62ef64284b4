"""The language pipeline's contract: what each component assigns and requires, in order."""

import pytest

from dateline.errors import PipelineError
from dateline.language import pipeline


def test_analyze_pipes_finds_no_problem_in_the_full_pipeline(nlp):
    report = nlp.analyze_pipes(pretty=False)
    assert report["problems"] == {name: [] for name in nlp.pipe_names}
    # every component of ours says what it leaves on the Doc
    ours = [name for name in nlp.pipe_names if name.startswith("dateline_") and name != "dateline_events"]
    assert ours and all(nlp.get_pipe_meta(name).assigns for name in ours)


def test_components_with_settings_show_them_in_the_config(nlp):
    assert nlp.config["components"]["dateline_places"]["accept"] > 0
    assert nlp.config["components"]["dateline_quotes"]["short_quote_words"] > 0
    assert nlp.config["components"]["dateline_scare_quotes"]["headline_chars"] > 0


def test_a_listed_component_whose_module_is_missing_is_an_error(monkeypatch):
    monkeypatch.setattr(pipeline, "COMPONENTS",
                        [("dateline.language.no_such_module", "dateline_no_such_component", {})])
    with pytest.raises(PipelineError, match="no_such_module"):
        pipeline.build_pipeline()
