"""Tests for toolkit.validation.sample: the sample to code, with its context."""

import warnings

import pandas as pd
import pytest

from toolkit.validation import MEASURES, validation_sample
from toolkit.validation.sample import KEY_COLUMNS, SHEET_COLUMNS

from .validation_tables import tables


def test_tone_sample_is_stratified_shuffled_and_marked():
    sample = validation_sample(tables(), "tone", n=2, seed=0)
    assert list(sample.columns) == SHEET_COLUMNS + KEY_COLUMNS[2:]
    assert sample[["item_id", "title", "before", "text", "after", "machine", "outlet", "article_id", "sentence",
                   "row"]].values.tolist() == [
        ["tone-001", "Ann speaks", "", "[[Ann]] spoke.", "Bo left.", "neutral", "Y", "b1", 0, 4],
        ["tone-002", "", "", "[[Bo]] wins.", "Ann fails.", "positive", "X", "a2", 0, 2],
        ["tone-003", "Ann speaks", "Ann spoke.", "[[Bo]] left.", "", "neutral", "Y", "b1", 1, 5],
        ["tone-004", "", "Bo wins.", "[[Ann]] fails.", "", "negative", "X", "a2", 1, 3]]
    assert sample["question"].iloc[0] == "Is the text negative, neutral or positive towards Ann (named in [[ ]])?"
    assert set(sample["choices"]) == {"negative / neutral / positive"}
    assert set(sample["coded"]) == {""} and set(sample["coder"]) == {""}
    assert "shown_outlet" not in sample       # the outlet is in the key only


def test_same_seed_same_sample_and_outlet_shown_on_request():
    first = validation_sample(tables(), "tone", n=2, seed=5)
    assert first.equals(validation_sample(tables(), "tone", n=2, seed=5))
    assert validation_sample(tables(), "tone", n=2, seed=6)["row"].tolist() != first["row"].tolist()
    shown = validation_sample(tables(), "tone", n=1, seed=3, by=None, show_outlet=True)
    assert shown[["shown_outlet", "outlet", "row"]].values.tolist() == [["Y", "Y", 4]]


def test_a_small_group_is_taken_whole_with_a_warning():
    with pytest.warns(UserWarning, match=r"1 group\(s\) have fewer than n=3 items; .*: Y \(2\)"):
        sample = validation_sample(tables(), "tone", n=3, seed=0)
    assert sample.groupby("outlet").size().to_dict() == {"X": 3, "Y": 2}
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert len(validation_sample(tables(), "tone", n=2, by=["outlet", "event"])) == 4


def test_a_quote_over_two_sentences_is_marked_once():
    sample = validation_sample(tables(), "quotes", n=1, seed=0)
    assert sample[["question", "title", "before", "text", "after", "machine"]].values.tolist() == [
        ["Are the words in [[ ]] quoted from someone, and did Cy say them?", "Vote day", "Bo lost the vote.",
         "Cy said: [[no]].", "", "Cy"],
        ["Are the words in [[ ]] quoted from someone whom the text does not name?", "Ann speaks", "",
         "[[Ann spoke. Bo left.]]", "", "(no speaker)"]]


def test_bad_arguments_are_named():
    with pytest.raises(ValueError, match=r"measure='speakers' is not valid; choose one of 'quotes', 'tone'"):
        validation_sample(tables(), "speakers")
    with pytest.raises(ValueError, match=r"n=0 must be a whole number of at least 1"):
        validation_sample(tables(), "tone", n=0)
    with pytest.raises(ValueError, match=r"measure 'roles' needs the table\(s\) roles"):
        validation_sample(tables(), "roles")
    with pytest.raises(ValueError, match=r"the items of 'tone' lacks the column\(s\) 'paper'"):
        validation_sample(tables(), "tone", by="paper")
    no_outlet = tables()
    no_outlet["stance"] = no_outlet["stance"].assign(outlet=["X", None, "X", "X", "Y", "Y"])
    with pytest.raises(ValueError, match=r"1 item\(s\) have no outlet: .* use by=None"):
        validation_sample(no_outlet, "tone")


def test_every_measure_on_the_sample_corpus(sample_study):
    sizes = {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")     # groups smaller than n
        for measure in MEASURES:
            sample = sample_study.validation_sample(measure, n=3, seed=0)
            assert list(sample.columns) == SHEET_COLUMNS + KEY_COLUMNS[2:]
            assert sample["item_id"].is_unique
            whole = (sample["article"] != "").all() if MEASURES[measure].whole_article else (sample["article"] == "").all()
            assert whole
            sizes[measure] = len(sample)
    assert sizes == {"quotes": 6, "tone": 6, "cue_frames": 6, "learned_frames": 6, "roles": 6, "omissions": 0,
                     "events": 2, "coverage": 2, "actors": 0}


def test_the_key_joins_back_to_the_study_table(sample_study):
    sample = sample_study.validation_sample("quotes", n=3, seed=2)
    quotes = sample_study.quotes.iloc[sample["row"]]
    assert quotes["article_id"].tolist() == sample["article_id"].tolist()
    assert quotes["speaker"].fillna("(no speaker)").tolist() == sample["machine"].tolist()
    assert all("[[" in text and "]]" in text for text in sample["text"])


@pytest.fixture(scope="module")
def sample_study():
    import toolkit

    return toolkit.analyze(toolkit.sample_data_path(), actors=toolkit.sample_actors_path(), progress=False)


def test_a_measure_without_items_says_so():
    empty = tables()
    empty["stance"] = empty["stance"].iloc[:0]
    with pytest.warns(UserWarning, match=r"measure 'tone' has no items in these tables \(its table 'stance' is empty: "
                                         r"no actors \(give a dictionary"):
        sample = validation_sample(empty, "tone")
    assert len(sample) == 0 and list(sample.columns) == SHEET_COLUMNS + KEY_COLUMNS[2:]
