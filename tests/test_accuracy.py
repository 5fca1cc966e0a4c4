"""Tests for toolkit.validation.accuracy: accuracy per outlet, differential errors, agreement."""

import math
import warnings

import pandas as pd
import pytest

from toolkit.validation import agreement, class_scores, validate, wilson_interval


def _coded(outlets, machine, coded, measure="tone"):
    return pd.DataFrame({"item_id": [f"{measure}-{i:03d}" for i in range(len(outlets))], "measure": measure,
                         "machine": machine, "outlet": outlets, "coded": coded})


def test_wilson_interval_by_hand():
    # p = 0.8, z = 1.959964: centre (0.8 + z²/20) / (1 + z²/10), half z / (1 + z²/10) * sqrt(0.016 + z²/400)
    z = 1.959963984540054
    centre, half = (0.8 + z * z / 20) / (1 + z * z / 10), z / (1 + z * z / 10) * math.sqrt(0.016 + z * z / 400)
    assert wilson_interval(8, 10) == pytest.approx((centre - half, centre + half), abs=1e-15)
    assert [round(x, 4) for x in wilson_interval(0, 5)] == [0.0, 0.4345]
    assert all(math.isnan(x) for x in wilson_interval(0, 0))


def test_accuracy_per_outlet_and_differential_errors():
    # outlet A: the machine right on 10 of 10; outlet B: on 2 of 10 (Fisher's exact test p = 0.0007)
    outlets = ["A"] * 10 + ["B"] * 10
    machine = ["negative"] * 20
    coded = ["negative"] * 10 + ["negative"] * 2 + ["neutral"] * 8
    with pytest.warns(UserWarning, match=r"tone: the machine's accuracy differs between outlets by more than chance "
                                         r"\(p = 0.000714: A 100%, B 20%\)"):
        table = validate(_coded(outlets, machine, coded))
    assert table[["outlet", "items", "n", "uncoded", "right", "accuracy", "differential"]].values.tolist() == [
        ["A", 10, 10, 0, 10, 1.0, True], ["B", 10, 10, 0, 2, 0.2, True]]
    # Fisher's exact test of [[10, 0], [2, 8]], by hand: 2 * C(12,10) C(8,0) / C(20,10) = 2 * 66 / 184756
    assert table["p_differential"].iloc[0] == pytest.approx(2 * 66 / 184756, rel=1e-12)
    assert table["warning"].str.startswith("tone: the machine's accuracy differs").all()


def test_no_warning_when_errors_are_alike_and_checks_count_the_right_answer():
    outlets = ["A"] * 4 + ["B"] * 4
    coded = ["right", "right", "wrong speaker", "right", "right", "not a quote", "right", None]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        table = validate(_coded(outlets, ["Ann"] * 8, coded, measure="quotes"))
    assert table[["outlet", "n", "uncoded", "right", "accuracy", "p_differential", "differential", "warning"]
                 ].values.tolist() == [["A", 4, 0, 3, 0.75, 1.0, False, ""], ["B", 3, 1, 2, 2 / 3, 1.0, False, ""]]


def test_three_outlets_use_the_chi_square_test():
    outlets = ["A"] * 5 + ["B"] * 5 + ["C"] * 5
    coded = ["yes"] * 5 + ["yes"] * 4 + ["no"] + ["yes"] * 2 + ["no"] * 3
    with warnings.catch_warnings():
        warnings.simplefilter("error")       # p = 0.092: not more than chance, no warning
        table = validate(_coded(outlets, ["yes"] * 15, coded, measure="cue_frames"))
    # right 5, 4, 2 and wrong 0, 1, 3: expected wrong 4/3 each; chi-square by hand
    expected_right, expected_wrong = 11 / 3, 4 / 3
    statistic = sum((o - expected_right) ** 2 / expected_right for o in (5, 4, 2)) + \
        sum((o - expected_wrong) ** 2 / expected_wrong for o in (0, 1, 3))
    assert statistic == pytest.approx(4.772727272727272)
    assert table["p_differential"].iloc[0] == pytest.approx(math.exp(-statistic / 2), rel=1e-12)   # 2 df
    assert table["accuracy"].tolist() == [1.0, 0.8, 0.4]
    assert round(table["p_differential"].iloc[0], 4) == 0.092 and not table["differential"].any()


def test_bad_coded_tables():
    with pytest.raises(ValueError, match=r"lacks the column\(s\) 'outlet'"):
        validate(_coded(["A"], ["x"], ["x"]).drop(columns="outlet"))
    twice = pd.concat([_coded(["A"], ["negative"], ["negative"])] * 2)
    with pytest.raises(ValueError, match=r"lists item id\(s\) more than once: tone-000"):
        validate(twice)
    with pytest.raises(ValueError, match=r"unknown measure\(s\) 'speakers'"):
        validate(_coded(["A"], ["x"], ["x"], measure="speakers"))
    with pytest.raises(ValueError, match=r"level=1.5 is not valid"):
        validate(_coded(["A"], ["negative"], ["negative"]), level=1.5)


def test_class_scores_by_hand():
    table = _coded(["A"] * 5 + ["B"] * 2, ["negative", "negative", "neutral", "positive", "neutral", "hero", "none"],
                   ["negative", "neutral", "neutral", "neutral", None, "hero", "villain"])
    table.loc[5:, "measure"] = "roles"
    table = pd.concat([table, _coded(["A"], ["Ann"], ["right"], measure="quotes")], ignore_index=True)
    scores = class_scores(table)
    assert scores.fillna(-1).values.tolist() == [
        ["roles", "B", "hero", 1, 1, 1, 1.0, 1.0], ["roles", "B", "villain", 0, 1, 0, -1, 0.0],
        ["roles", "B", "victim", 0, 0, 0, -1, -1], ["roles", "B", "none", 1, 0, 0, 0.0, -1],
        ["tone", "A", "negative", 2, 1, 1, 0.5, 1.0], ["tone", "A", "neutral", 1, 3, 1, 1.0, 1 / 3],
        ["tone", "A", "positive", 1, 0, 0, 0.0, -1]]


def test_krippendorff_alpha_by_hand():
    # items a (neg, neg), b (neu, neu), c (neu, pos), d answered by one coder only (left out).
    # Coincidences: n = 6 values, n_neg 2, n_neu 3, n_pos 1; disagreeing pairs o(neu,pos) + o(pos,neu) = 2.
    # D_o = 2/6, D_e = (36 - 4 - 9 - 1) / (6 * 5) = 22/30, alpha = 1 - D_o / D_e = 12/22.
    coded = pd.DataFrame({"item_id": ["a", "b", "c", "d", "a", "b", "c"], "measure": "tone",
                          "coder": ["X"] * 4 + ["Y"] * 3,
                          "coded": ["negative", "neutral", "neutral", "positive", "negative", "neutral", "positive"]})
    table = agreement(coded)
    assert table[["measure", "coders", "items", "agreement"]].values.tolist() == [["tone", 2, 3, 2 / 3]]
    assert table["alpha"].iloc[0] == pytest.approx(12 / 22, abs=1e-12)
    three = pd.concat([coded, coded[coded["coder"] == "Y"].assign(coder="Z")], ignore_index=True)
    # a and b: 3 agreeing pairs each; c (neu, pos, pos): 1 of 3
    assert agreement(three)["agreement"].iloc[0] == pytest.approx(7 / 9)


def test_agreement_needs_named_coders():
    coded = pd.DataFrame({"item_id": ["a", "a"], "measure": "tone", "coder": ["X", None], "coded": ["neutral"] * 2})
    with pytest.raises(ValueError, match=r"1 answer\(s\) have no coder"):
        agreement(coded)
    with pytest.raises(ValueError, match=r"measure 'tone' has the answers of 1 coder\(s\) \(X\); agreement needs two"):
        agreement(coded.assign(coder="X", item_id=["a", "b"]))
    with pytest.raises(ValueError, match=r"1 item\(s\) answered twice by the same coder, e.g. 'a' by 'X'"):
        agreement(coded.assign(coder="X"))
