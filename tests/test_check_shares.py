"""Share of voice and omission rates corrected with coded checks (toolkit.validation.check_shares; issue 25 §3)."""

import copy
import warnings
from statistics import NormalDist

import pandas as pd
import pytest

import toolkit
from toolkit.report import trust
from toolkit.validation import (corrected_omission_profile, corrected_voice_shares, read_coded, voice_share_tables,
                                wilson_interval)

Z = NormalDist().inv_cdf(0.975)


def _quote_tables(**columns):
    quotes = pd.DataFrame({"article_id": "a", "sentence": range(len(columns["side"])), "speaker": "S",
                           "start": 0, "end": 5} | columns)
    return {"quotes": quotes, "sentences": None, "articles": None}


def _coded(measure, rows, answers, outlet="A"):
    return pd.DataFrame({"measure": measure, "row": rows, "coded": answers, "outlet": outlet})


@pytest.fixture(scope="module")
def sample_study():
    return toolkit.analyze(toolkit.sample_data_path(), actors=toolkit.sample_actors_path(), progress=False)


@pytest.fixture(scope="module")
def practice_study():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)      # the practice corpus's undated article
        return toolkit.analyze(toolkit.events_corpus_path(), actors=toolkit.practice_actors_path(), progress=False)


def test_a_voice_share_is_corrected_by_hand_computed_prediction_powered_inference():
    # outlet A: 40 quoted words, 30 of side X; weights = words / (40 / 3) = 1.5, 0.75, 0.75
    tables = _quote_tables(outlet="A", side=["X", "X", "Y"], words=[20, 10, 10])
    coded = _coded("quotes", [1, 2], ["not a quote", "right"])
    corpus, sample = voice_share_tables(tables, coded, voice="X")
    assert corpus["predicted"].tolist() == [1.5, 0.75, 0.0]
    assert sample[["item", "predicted", "human"]].values.tolist() == [[1, 0.75, 0.0], [2, 0.0, 0.0]]
    row = corrected_voice_shares(tables, coded, voices=["X"], min_coded=2).iloc[0]
    # the machine: 30 of 40 words; corrected: 0.75 + mean(0 - 0.75, 0 - 0) = 0.375
    assert (row["side"], row["outlet"], row["N"], row["n"], row["machine"], row["corrected"]) == ("X", "A", 3, 2, 0.75,
                                                                                               0.375)
    # se = sqrt(var(1.5, 0.75, 0) / 3 + var(-0.75, 0) / 2) = sqrt(0.125 + 0.0703125)
    assert round((row["corrected_high"] - row["corrected_low"]) / (2 * Z), 6) == round((0.125 + 0.0703125) ** 0.5, 6)


def test_the_machines_voice_shares_are_the_voice_profiles(sample_study):
    study = copy.copy(sample_study)
    sample = study.validation_sample("quotes", n=4, seed=1)
    sample["coded"] = ["right", "not a quote", "right", "wrong speaker", "right", "right", "right", "right"]
    study.add_coded(read_coded(sample, key=sample, coder="me"))
    table = study.corrected_voice_shares(top=20).set_index(["outlet", "side"]).sort_index()
    profile = study.voice_profile.set_index(["outlet", "side"]).sort_index()
    assert list(table.index) == list(profile.index)
    assert (table["machine"] - profile["share"]).abs().max() < 1e-12
    # coded in sample order: the wire's Ushakov right, Ushakov not a quote, Defence Ministry right, Rutte right;
    # the Morning Star's Zelenskyy wrong speaker, the rest right
    russia = table.loc[("AP wire copy", "Russia")]
    assert (russia["N"], russia["n"], round(russia["machine"], 4)) == (31, 4, 0.2396)
    # one of four coded quotes of the wire is not a quote: its weight (its words over the mean) comes off;
    # with 4 coded items the corrected share even falls below 0, and the row says they are too few
    assert round(russia["corrected"], 4) == -0.0461 and bool(russia["too_few"])
    assert table.loc[("AP wire copy", "NATO"), "corrected"] == table.loc[("AP wire copy", "NATO"), "machine"]
    ukraine = table.loc[("Morning Star", "Ukraine")]
    assert (round(ukraine["machine"], 4), round(ukraine["corrected"], 4)) == (0.2778, -0.0035)
    # the report's section shows them, marked
    profiles = trust.corrected_profiles(study)
    voice = profiles[profiles["measure"] == "quotes"]
    assert len(voice) == 14 and voice["label"].iloc[0] == "share of voice: (none)"
    assert voice["figure"].iloc[0] == ("corrected (PPI, quoted words of the quotes found) with 4 coded item(s) (only 4 "
                                       "coded item(s), fewer than 30)")


def test_an_omission_rate_is_the_rate_times_the_coded_precision_with_a_joint_interval():
    profile = pd.DataFrame({"outlet": ["A"], "share": [0.5], "ci_low": [0.3], "ci_high": [0.7]})
    omissions = pd.DataFrame({"outlet": "A", "event": "e", "fact": [1, 2, 3, 4], "example_text": "x",
                              "nearest_article_id": "a", "nearest_sentence": 0})
    tables = {"omissions": omissions, "articles": pd.DataFrame({"event": ["e"], "outlet": ["A"], "article_id": ["a"]}),
              "sentences": pd.DataFrame({"article_id": ["a"], "sentence": [0], "part": ["body"]})}
    coded = _coded("omissions", [0, 1, 2, 3], ["yes", "no", "yes", "yes"])
    row = corrected_omission_profile(profile, tables, coded, min_coded=4).iloc[0]
    low, high = wilson_interval(3, 4, level=0.975)
    assert (row["coded"], row["precision"], row["corrected"], row["note"]) == (4, 0.75, 0.375, "")
    assert (row["precision_low"], row["precision_high"]) == (low, high)
    assert (row["corrected_low"], row["corrected_high"]) == (0.3 * low, 0.7 * high)
    with pytest.raises(ValueError, match=r"gives omissions items the answer\(s\) \['maybe'\]; the choices are"):
        corrected_omission_profile(profile, tables, _coded("omissions", [0], ["maybe"]))
    with pytest.raises(ValueError, match=r"1 coded omission\(s\) are not in the omissions table \(rows \[9\]\)"):
        corrected_omission_profile(profile, tables, _coded("omissions", [9], ["yes"]))


def test_bad_voice_options_and_rows_are_named():
    tables = _quote_tables(outlet="A", side=["X", "Y"], words=[5, 5])
    with pytest.raises(ValueError, match=r"by='colour'"):
        corrected_voice_shares(tables, _coded("quotes", [0], ["right"]), by="colour")
    with pytest.raises(ValueError, match=r"1 coded quote\(s\) are not in the quotes table \(rows \[7\]\)"):
        corrected_voice_shares(tables, _coded("quotes", [7], ["right"]))
    with pytest.raises(ValueError, match=r"gives quotes items the answer\(s\) \['yes'\]"):
        corrected_voice_shares(tables, _coded("quotes", [0], ["yes"]))


@pytest.mark.slow
def test_omission_rates_of_the_practice_corpus_are_corrected_in_the_study_and_the_report(practice_study):
    study = practice_study
    with pytest.warns(UserWarning, match=r"Northline News Agency \(3\)"):
        sample = study.validation_sample("omissions", n=4, seed=2)
    assert sample.groupby("outlet").size().to_dict() == {"Northline News Agency": 3, "The Daily Klaxon": 4,
                                                         "The Palvarian Ledger": 4}
    sample["coded"] = ["no" if i % 4 == 0 else "yes" for i in range(len(sample))]
    coded = read_coded(sample, key=sample, coder="me")
    study = copy.copy(study)
    study.add_coded(coded)
    table = study.corrected_omission_profile().set_index("outlet")
    answers = coded.groupby("outlet")["coded"].agg(lambda a: ((a == "yes").sum(), len(a)))
    for outlet, (yes, n) in answers.items():
        row = table.loc[outlet]
        assert (row["coded"], row["precision"]) == (n, yes / n)
        assert row["corrected"] == row["share"] * yes / n
    assert table.loc["The Free Tribune", "note"] == "no coded items: not corrected"
    # the same rates as the study's profile; only the interval's level differs (0.975, for the joint 0.95)
    assert (table["share"] == study.omission_profile.set_index("outlet")["share"]).all()
    rates = trust.corrected_profiles(study).query("measure == 'omissions'").set_index("outlet")
    assert rates.loc["The Daily Klaxon", ["items", "coded"]].tolist() == [14, 4] == [table.loc["The Daily Klaxon", "numerator"], 4]
    assert rates.loc["The Daily Klaxon", "corrected"] == table.loc["The Daily Klaxon", "corrected"]


def test_cue_word_frames_of_the_sample_study_are_corrected_in_the_study_and_the_report(sample_study):
    study = copy.copy(sample_study)
    sample = study.validation_sample("cue_frames", n=4, seed=3)
    # every second cue sentence does not use its frame, to the coder
    sample["coded"] = ["yes" if i % 2 else "no" for i in range(len(sample))]
    coded = read_coded(sample, key=sample, coder="me")
    study.add_coded(coded)
    table = study.corrected_cue_frames()
    done = table[table["coded"] > 0]
    kept = coded.merge(sample[["item_id", "subject"]], on="item_id", suffixes=("", "_sample"))
    answers = kept.groupby(["outlet", "subject"])["coded"].agg(lambda a: ((a == "yes").sum(), len(a)))
    assert len(done) == len(answers) and len(table) == len(study.frames)
    for row in done.itertuples():
        yes, n = answers.loc[(row.outlet, row.frame)]
        assert (row.coded, row.precision, row.corrected) == (n, yes / n, row.share_of_sentences * yes / n)
        low, high = wilson_interval(yes, n)
        assert (row.corrected_low, row.corrected_high) == (row.share_of_sentences * low, row.share_of_sentences * high)
    assert set(table.loc[table["coded"] == 0, "note"]) == {"no coded items: not corrected"}
    rows = trust.corrected_profiles(study).query("measure == 'cue_frames'")
    assert len(rows) == len(table) and rows["label"].str.startswith("frame: ").all()
    assert (rows["uncorrected_low"] == rows["uncorrected"]).all()


@pytest.mark.slow
def test_coverage_is_a_coded_measure_of_outlet_and_event_corrected_both_ways(practice_study):
    """Issue 25 §3: coverage corrected with coded (outlet, event) units, reported or not: the misses and the
    false reports both count (PPI), unlike a correction by the precision of event membership (reverted)."""
    study = copy.copy(practice_study)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        sample = study.validation_sample("coverage", n=4, seed=1)
    units = study.coverage_units
    assert (len(units), int(units["reported"].sum()), int(units["split"].sum())) == (48, 41, 2)
    assert sample.groupby("outlet").size().tolist() == [4, 4, 4, 4]
    assert set(sample["machine"]) == {"reported", "not reported"} and (sample["article"] != "").any()
    assert sample["question"].str.startswith("Does this outlet report the event that other outlets report as").all()
    # the coder finds every unit reported: the machine's misses in the sample are its errors
    sample["coded"] = "reported"
    study.add_coded(read_coded(sample, key=sample, coder="me"))
    table = study.corrected_shares(measure="coverage", label="reported", min_coded=4).set_index("outlet")
    profile = study.coverage_profile.set_index("outlet")
    assert ((table["machine"] - profile["share"]).abs() < 1e-12).all()       # the machine's share is the profile's
    for outlet, row in table.iterrows():
        missed = int((sample.loc[sample["outlet"] == outlet, "machine"] == "not reported").sum())
        assert abs(row["corrected"] - (row["machine"] + missed / 4)) < 1e-12
    rows = trust.corrected_profiles(study).query("measure == 'coverage' and label == 'reported'")
    assert len(rows) == 4


def test_bad_frame_profiles_coded_rows_and_event_tables_are_named():
    from toolkit.compare.profiles import coverage_units
    from toolkit.validation import corrected_cue_frames

    rows = pd.DataFrame({"article_id": "a", "outlet": "A", "event": "e", "sentence": [0], "frame": "conflict",
                         "label": "Conflict", "evidence": ["attack"]})
    tables = {"frame_sentences": rows, "sentences": None, "articles": None}
    profile = pd.DataFrame({"outlet": ["A"], "frame": ["conflict"], "share_of_sentences": [0.5]})
    with pytest.raises(ValueError, match=r"the frame profile lacks the column\(s\) 'share_of_sentences'"):
        corrected_cue_frames(profile.drop(columns="share_of_sentences"), tables, _coded("cue_frames", [0], ["yes"]))
    with pytest.raises(ValueError, match=r"1 coded cue sentence\(s\) are not in the frame sentences table \(rows \[4\]\)"):
        corrected_cue_frames(profile, tables, _coded("cue_frames", [4], ["yes"]))
    with pytest.raises(ValueError, match=r"the events table lacks the column\(s\) 'event'"):
        coverage_units(pd.DataFrame({"outlet": ["A"]}))
