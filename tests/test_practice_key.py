"""The practice corpus's answer key (toolkit.validation.practice): it codes the whole sample of lesson 08."""

import warnings

import pandas as pd
import pytest

import toolkit
from toolkit.validation import practice_answers, practice_key_path


@pytest.fixture(scope="module")
def practice_sample():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)      # the practice corpus's undated article
        study = toolkit.analyze(toolkit.events_corpus_path(), actors=toolkit.practice_actors_path(), progress=False)
    return study, study.validation_sample("tone", n=25, seed=8)


def test_the_key_codes_every_item_of_the_lessons_sample(practice_sample):
    study, sample = practice_sample
    key = pd.read_csv(practice_key_path())
    assert len(key) == 100 and set(key["coded"]) == {"negative", "neutral", "positive"}
    with warnings.catch_warnings():
        warnings.simplefilter("error")                   # read_coded warns for an item left uncoded
        coded = practice_answers(sample)
    assert coded["coded"].notna().all() and set(coded["coder"]) == {"answer key"}
    assert coded.groupby("outlet").size().tolist() == [25, 25, 25, 25]
    # the figures lesson 08 narrates
    table = study.validate(coded)
    assert table["right"].tolist() == [15, 11, 12, 7] and round(float(table["p_differential"].iloc[0]), 2) == 0.15


def test_another_sample_keeps_the_items_the_key_lacks_uncoded_and_says_so(practice_sample):
    study, _ = practice_sample
    other = study.validation_sample("tone", n=25, seed=1)
    with pytest.warns(UserWarning, match=r"item\(s\) are not coded yet"):
        coded = practice_answers(other)
    assert coded["coded"].isna().any() and coded["coded"].notna().any()


def test_the_key_is_for_tone_only(practice_sample):
    study, _ = practice_sample
    with pytest.raises(ValueError, match=r"answer key codes the measure 'tone'; the sample holds 'roles'"):
        practice_answers(study.validation_sample("roles", n=2, seed=1))


def test_two_coders_of_the_key_agree_on_89_items_alpha_071(practice_sample):
    """Issue 25 §1: the key's second coder, coded blind; the figures the key's docstring quotes."""
    from toolkit.validation import agreement

    _, sample = practice_sample
    first = practice_answers(sample)
    second = practice_answers(sample, coder="second", answers="second")
    table = agreement(pd.concat([first, second], ignore_index=True))
    assert table[["coders", "items"]].values.tolist() == [[2, 100]]
    assert table["agreement"].iat[0] == 0.89 and round(table["alpha"].iat[0], 2) == 0.71
    differ = pd.crosstab(first["coded"], second["coded"].to_numpy())
    assert (differ.loc["negative", "neutral"], differ.loc["positive", "neutral"]) == (9, 2)
    with pytest.raises(ValueError, match=r"answers='third' is not valid"):
        practice_answers(sample, answers="third")
