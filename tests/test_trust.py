"""The report's section "How far to trust these figures" (toolkit.report.trust), on the sample corpus."""

import copy

import pytest

import toolkit
from toolkit.report import trust
from toolkit.validation import read_coded, wilson_interval


@pytest.fixture(scope="module")
def sample_study():
    return toolkit.analyze(toolkit.sample_data_path(), actors=toolkit.sample_actors_path(), progress=False)


def test_without_coded_items_the_plan_lists_every_measure_with_items(sample_study):
    plan = trust.coding_plan(sample_study)
    # 97 items for +/- 0.10 (items_needed(0.1)), or all of an outlet's items when it has fewer
    assert plan[["measure", "outlet", "items", "coded", "needed", "to_code"]].values.tolist() == [
        ["quotes", "AP wire copy", 31, 0, 31, 31], ["quotes", "Morning Star", 9, 0, 9, 9],
        ["tone", "AP wire copy", 111, 0, 97, 97], ["tone", "Morning Star", 48, 0, 48, 48],
        ["cue_frames", "AP wire copy", 18, 0, 18, 18], ["cue_frames", "Morning Star", 8, 0, 8, 8],
        ["learned_frames", "AP wire copy", 5, 0, 5, 5], ["learned_frames", "Morning Star", 5, 0, 5, 5],
        ["roles", "AP wire copy", 42, 0, 42, 42], ["roles", "Morning Star", 29, 0, 29, 29],
        ["events", "AP wire copy", 1, 0, 1, 1], ["events", "Morning Star", 1, 0, 1, 1],
        ["coverage", "AP wire copy", 1, 0, 1, 1], ["coverage", "Morning Star", 1, 0, 1, 1]]
    assert plan["figures"].iloc[2] == "Tone and stance: the tone towards each actor"
    assert trust.corrected_profiles(sample_study).empty


def test_with_coded_items_the_profiles_stand_side_by_side_and_the_plan_counts_them(sample_study):
    study = copy.copy(sample_study)
    sample = study.validation_sample("tone", n=3, seed=1)
    # AP: negative/negative, positive/neutral, negative/negative; Morning Star: neutral/neutral,
    # neutral/positive, negative/neutral (machine/coder)
    sample["coded"] = ["negative", "neutral", "neutral", "positive", "neutral", "negative"]
    study.add_coded(read_coded(sample, key=sample, coder="me"))
    plan = trust.coding_plan(study)
    assert plan.loc[plan["measure"] == "tone", ["outlet", "coded", "needed", "to_code"]].values.tolist() == [
        ["AP wire copy", 3, 97, 94], ["Morning Star", 3, 48, 45]]
    profiles = trust.corrected_profiles(study).set_index(["label", "outlet"])
    assert list(profiles.index) == [(label, outlet) for label in ("negative", "neutral", "positive")
                                    for outlet in ("AP wire copy", "Morning Star")]
    negative = profiles.loc[("negative", "Morning Star")]
    # the machine: 16 of the 48 mentions negative; the coder: none of the 3 coded items
    assert (negative["items"], negative["coded"], round(negative["uncorrected"], 4)) == (48, 3, 0.3333)
    assert negative["corrected"] == 0
    # the normal interval has no width: the Wilson interval of 0 of 3, (0, 0.5615), and the figure says so
    assert (negative["corrected_low"], negative["corrected_high"]) == wilson_interval(0, 3)
    assert round(negative["corrected_high"], 4) == 0.5615
    assert negative["figure"] == ("corrected (PPI++) with 3 coded item(s) (only 3 coded item(s), fewer than 30); none "
                                  "of the 3 coded items have the label, so the interval is the Wilson interval of "
                                  "their share")
    assert round(profiles.loc[("negative", "AP wire copy"), "uncorrected"], 4) == round(43 / 111, 4)
