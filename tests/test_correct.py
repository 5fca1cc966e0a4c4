"""Tests for toolkit.validation.correct: prediction-powered shares and differences."""

import math

import numpy as np
import pandas as pd
import pytest

from toolkit.validation import corrected_differences, corrected_shares, power_tuning

# Twenty items of one outlet labelled by the machine; eight of them coded by hand.
MACHINE = [1, 0, 1, 1, 0, 0, 1, 0, 1, 1, 0, 0, 0, 1, 0, 1, 1, 0, 0, 0]
CODED_ITEMS = [0, 1, 2, 4, 6, 9, 12, 15]
HUMAN = [1, 0, 0, 1, 1, 0, 0, 1]

# What ppi-python 0.2.3 gives on this input (ppi_mean_pointestimate and ppi_mean_ci with lam=1 and
# lam=None, alpha=0.05; classical_mean_ci), recorded from the library.
REFERENCE = {"corrected": 0.325, "corrected_low": -0.14415198589258754, "corrected_high": 0.7941519858925876,
             "tuned": 0.4698660714285714, "tuned_low": 0.1315518047118076, "tuned_high": 0.8081803381453352,
             "coded_low": 0.15352404391258057, "coded_high": 0.8464759560874194}


@pytest.fixture
def literal():
    corpus = pd.DataFrame({"item": range(20), "predicted": MACHINE})
    coded = pd.DataFrame({"item": CODED_ITEMS, "human": HUMAN})
    return corpus, coded


@pytest.fixture
def two_outlets():
    corpus = pd.DataFrame({"item": range(16), "outlet": ["A"] * 8 + ["B"] * 8,
                           "predicted": [1, 1, 1, 1, 1, 1, 0, 0] + [1, 0, 0, 0, 1, 1, 0, 0]})
    coded = pd.DataFrame({"item": [0, 1, 2, 6, 8, 9, 10, 11], "human": [1, 0, 0, 0, 1, 1, 0, 0]})
    return corpus, coded


def test_hand_computed_values(literal):
    row = corrected_shares(*literal, group=None).iloc[0]
    # machine: 9 of 20 items are 1; coded errors human - machine: -1 twice, +1 once, over 8 items
    assert (row["N"], row["n"]) == (20, 8)
    assert row["machine"] == 0.45
    assert row["coded"] == 0.5
    assert row["corrected"] == pytest.approx(0.45 - 1 / 8, abs=1e-15)
    # se**2 = var(machine) / N + var(human - machine) / n, variances dividing by the count
    se = math.sqrt(0.45 * 0.55 / 20 + (3 / 8 - (1 / 8) ** 2) / 8)
    assert row["corrected_high"] - row["corrected"] == pytest.approx(1.959963984540054 * se, abs=1e-12)
    assert row["machine_high"] - row["machine"] == pytest.approx(1.959963984540054 * math.sqrt(0.45 * 0.55 / 20))
    assert row["too_few"] and row["note"] == "only 8 coded item(s), fewer than 30"


def test_power_tuning_by_hand():
    # cov(human, machine) over the coded items = 0.125; var of the 12 machine labels (4 ones), n - 1: 8/33
    assert power_tuning([1, 1, 0, 0], [1, 0, 0, 0], [1, 0, 0, 0, 1, 1, 0, 0]) == 0.125 / (1.5 * 8 / 33)
    assert power_tuning([1, 0], [1, 1], [1, 1, 1]) == 0.0     # a machine that says the same of every item
    assert power_tuning([1, 0, 1], [0, 1, 0], [0, 1, 0, 1]) == 0.0   # negative covariance: clipped to 0


def test_equals_recorded_reference(literal):
    row = corrected_shares(*literal, group=None).iloc[0]
    for column, value in REFERENCE.items():
        assert row[column] == pytest.approx(value, abs=1e-12), column


def test_equals_ppi_python(literal):
    ppi_py = pytest.importorskip("ppi_py", reason="ppi-python is not installed (a development check only)")
    from ppi_py import classical_mean_ci
    corpus, coded = literal
    machine, human = np.array(MACHINE, float), np.array(HUMAN, float)
    coded_machine = machine[CODED_ITEMS]
    row = corrected_shares(corpus, coded, group=None).iloc[0]
    assert row["corrected"] == pytest.approx(ppi_py.ppi_mean_pointestimate(human, coded_machine, machine, lam=1)[0])
    assert row["tuned"] == pytest.approx(ppi_py.ppi_mean_pointestimate(human, coded_machine, machine)[0])
    for name, lam in (("corrected", 1), ("tuned", None)):
        low, high = ppi_py.ppi_mean_ci(human, coded_machine, machine, alpha=0.05, lam=lam)
        assert (row[f"{name}_low"], row[f"{name}_high"]) == pytest.approx((low[0], high[0]), abs=1e-12)
    assert (row["coded_low"], row["coded_high"]) == pytest.approx(classical_mean_ci(human, alpha=0.05), abs=1e-12)


def test_per_outlet_and_difference(two_outlets):
    table = corrected_shares(*two_outlets, min_coded=4)
    assert list(table["outlet"]) == ["A", "B"]
    assert list(table["machine"]) == [0.75, 0.375]
    assert list(table["corrected"]) == [0.25, 0.625]
    assert not table["too_few"].any() and list(table["note"]) == ["", ""]
    difference = corrected_differences(*two_outlets, min_coded=4).iloc[0]
    assert (difference["outlet_a"], difference["outlet_b"], difference["n_a"], difference["N_b"]) == ("A", "B", 4, 8)
    assert difference["corrected"] == -0.375 and difference["machine"] == 0.375
    # independent samples: the variances add
    half = [row["corrected_high"] - row["corrected"] for _, row in table.iterrows()]
    assert difference["corrected_high"] - difference["corrected"] == pytest.approx(math.hypot(*half))
    reverse = corrected_differences(*two_outlets, pairs=[("B", "A")], min_coded=4)
    assert reverse["corrected"].tolist() == [0.375]


def test_outlet_without_coded_items(two_outlets):
    corpus, coded = two_outlets
    table = corrected_shares(corpus, coded[coded["item"] < 8])
    row = table.set_index("outlet").loc["B"]
    assert (row["n"], row["N"], row["machine"]) == (0, 8, 0.375)
    assert row["note"] == "no coded items: not corrected" and row["too_few"]
    assert np.isnan([row["corrected"], row["corrected_low"], row["corrected_high"], row["tuned"], row["coded"]]).all()
    difference = corrected_differences(corpus, coded[coded["item"] < 8]).iloc[0]
    assert math.isnan(difference["corrected_low"]) and difference["machine"] == 0.375
    assert difference["note"] == "A: only 4 coded item(s), fewer than 30; B: no coded items: not corrected"


def test_mean_of_scores_and_booleans():
    corpus = pd.DataFrame({"id": ["a", "b", "c", "d"], "tone": [0.5, -0.5, 1.0, 0.0]})
    coded = pd.DataFrame({"id": ["a", "c"], "human": [0.0, 1.0]})
    row = corrected_shares(corpus, coded, on="id", predicted="tone", group=None, kind="mean").iloc[0]
    assert row["machine"] == 0.25 and row["corrected"] == 0.0
    flags = pd.DataFrame({"item": [1, 2], "predicted": [True, False]})
    assert corrected_shares(flags, pd.DataFrame({"item": [2], "human": [True]}), group=None)["corrected"].tolist() == [1.5]


def test_items_named_by_two_columns():
    corpus = pd.DataFrame({"article_id": ["x", "x", "y"], "start": [0, 9, 0], "predicted": [1, 0, 0]})
    coded = pd.DataFrame({"article_id": ["x", "z"], "start": [9, 4], "human": [1, 0]})
    with pytest.raises(ValueError, match=r"1 coded item\(s\) are not in the corpus table \(article_id, start\): \('z', 4\)"):
        corrected_shares(corpus, coded, on=["article_id", "start"], group=None)


def test_labels_not_zero_or_one(two_outlets):
    corpus, coded = two_outlets
    with pytest.raises(ValueError, match=r"column 'human' of the coded table must hold 0 and 1 .* it holds 2, 'yes'"):
        corrected_shares(corpus, coded.assign(human=[1, 2, 0, "yes", 0, 0, 1, 0]))
    with pytest.raises(ValueError, match=r"column 'predicted' of the corpus table must hold 0 and 1 .* it holds 0.5"):
        corrected_shares(corpus.assign(predicted=0.5), coded)
    with pytest.raises(ValueError, match=r"column 'human' of the coded table must hold finite numbers .* it holds 'x'"):
        corrected_shares(corpus, coded.assign(human=["x"] * 8), kind="mean")


def test_coded_items_outside_the_corpus(two_outlets):
    corpus, coded = two_outlets
    extra = pd.concat([coded, pd.DataFrame({"item": [99, 42], "human": [1, 0]})])
    with pytest.raises(ValueError, match=r"2 coded item\(s\) are not in the corpus table \(item\): 99, 42; the coded"):
        corrected_shares(corpus, extra)


def test_other_bad_input(two_outlets):
    corpus, coded = two_outlets
    with pytest.raises(ValueError, match=r"the coded table lists 1 item\(s\) more than once \(item\): 0"):
        corrected_shares(corpus, pd.concat([coded, coded.head(1)]))
    with pytest.raises(ValueError, match=r"column 'human' of the coded table is missing for 1 item\(s\): 1"):
        corrected_shares(corpus, coded.assign(human=[1, None, 0, 0, 1, 1, 0, 0]))
    with pytest.raises(ValueError, match=r"column 'predicted' of the coded table differs from the corpus table's for 1 item\(s\): 2"):
        corrected_shares(corpus, coded.assign(predicted=[1, 1, 0, 0, 1, 0, 0, 0]))
    with pytest.raises(ValueError, match=r"coded table lacks the column\(s\) 'human'"):
        corrected_shares(corpus, coded.rename(columns={"human": "label"}))
    with pytest.raises(ValueError, match=r"kind='proportion' is not valid; choose one of 'share', 'mean'"):
        corrected_shares(corpus, coded, kind="proportion")
    with pytest.raises(ValueError, match=r"level=95 is not valid"):
        corrected_shares(corpus, coded, level=95)
    with pytest.raises(ValueError, match=r"pairs names 'C', not in column 'outlet' of the corpus table; its values are 'A', 'B'"):
        corrected_differences(corpus, coded, pairs=[("A", "C")])


# --- the development checks (devtools.ppi_simulation, devtools.ppi_realdata) --------------

def test_simulation_with_every_item_coded():
    from devtools.ppi_simulation import simulate, summary
    table = simulate("differing errors", runs=2, items=60, coded=60, seed=3)
    assert len(table) == 6 * 4 and set(table["estimator"]) == {"machine", "coded only", "PPI", "PPI++"}
    ppi = table[table["estimator"] == "PPI"]
    # every item coded: the corrected share is the corpus's human share, inside its own interval
    assert list(ppi["corpus_coverage"]) == [1.0] * 6
    assert list(summary(table)["quantity"]) == ["A", "B", "C", "A-B", "A-C", "B-C"]


def test_real_data_draws_and_overlap():
    from devtools.ppi_realdata import _overlapped, draws
    from devtools.ppi_simulation import markdown
    items = pd.DataFrame({"item": range(4), "group": "g", "human": [1, 1, 0, 0], "predicted": [1, 0, 0, 0]})
    row = draws(items, runs=2, fraction=1.0, seed=0).iloc[0]
    assert (row["N"], row["n"], row["human"], row["machine"], row["wrong %"]) == (4, 4, 0.5, 0.25, 25.0)
    assert (row["corrected_off"], row["machine_off"], row["closer %"], row["covers %"]) == (0.0, 0.25, 100.0, 100.0)
    sentences = pd.DataFrame({"article_id": ["a", "a", "b"], "start": [0, 10, 0], "end": [10, 20, 5]})
    assert list(_overlapped(sentences, pd.DataFrame({"article_id": ["a"], "start": [9], "end": [10]}))) == [1, 0, 0]
    assert markdown(pd.DataFrame({"x": ["a"], "y %": [12.345], "z": [0.5]})) == "| x | y % | z |\n|---|---|---|\n| a | 12.3 | 0.500 |"
