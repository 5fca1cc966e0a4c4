"""The size of a useful coded sample (toolkit.validation.power): exact values computed by hand."""

import pandas as pd
import pytest

from toolkit.validation import items_needed, sample_plan

# z of 95 %: 1.959964; z**2 = 3.841459


def test_coded_items_alone_follow_the_textbook_formula():
    assert items_needed(0.05) == 385                        # 3.841459 * 0.25 / 0.0025 = 384.15
    assert items_needed(0.1) == 97                          # 3.841459 * 0.25 / 0.01 = 96.04
    assert items_needed(0.05, share=0.2) == 246             # 3.841459 * 0.16 / 0.0025 = 245.85
    assert items_needed(0.05, level=0.9) == 271             # 1.644854**2 * 0.25 / 0.0025 = 270.56


def test_a_good_machine_needs_fewer_coded_items():
    # PPI: z**2 (1 - accuracy) / h**2 = 3.841459 * 0.1 / 0.0025 = 153.66
    assert items_needed(0.05, accuracy=0.9) == 154
    # a poor machine: the coded items alone (385) are fewer than 3.841459 * 0.4 / 0.0025 = 614.6
    assert items_needed(0.05, accuracy=0.6) == 385
    # N = 1,000 items: h**2 - z**2 0.5 * 0.5 / 1000 = 0.0025 - 0.00096036 = 0.00153964;
    # 3.841459 * 0.1 / 0.00153964 = 249.50
    assert items_needed(0.05, accuracy=0.9, items=1000) == 250
    # the machine's own sampling error wider than wanted (N = 100): the coded items alone
    assert items_needed(0.05, accuracy=0.99, items=100) == 385


def test_a_plan_per_outlet_and_label_from_the_machine_labels():
    labels = pd.DataFrame({"outlet": ["A"] * 8 + ["B"] * 2, "machine": ["neg"] * 2 + ["neu"] * 6 + ["neg", "neu"]})
    plan = sample_plan(labels, half_width=0.2, accuracy=0.9)
    # A, neg: share 0.25, N 8: alone 3.841459 * 0.1875 / 0.04 = 18.01 -> 19;
    # room 0.04 - 3.841459 * 0.1875 / 8 = -0.050 < 0: the coded items alone
    assert plan.values.tolist() == [["A", "neg", 8, 0.25, 19, 25, False], ["A", "neu", 8, 0.75, 19, 25, False],
                                    ["B", "neg", 2, 0.5, 25, 25, False], ["B", "neu", 2, 0.5, 25, 25, False]]
    big = pd.DataFrame({"outlet": "A", "machine": ["neg"] * 300 + ["neu"] * 700})
    # share 0.3, N 1000, h 0.05, accuracy 0.8: min(323, 454) = 323
    assert sample_plan(big, accuracy=0.8).loc[0, ["needed", "enough_items"]].tolist() == [323, True]


@pytest.mark.parametrize("options, message", [
    ({"half_width": 0}, r"half_width=0 is not valid; give a number between 0 and 1, 0 and 1 excluded"),
    ({"half_width": 0.05, "share": 1.5}, r"share=1.5 is not valid"),
    ({"half_width": 0.05, "accuracy": -0.1}, r"accuracy=-0.1 is not valid"),
    ({"half_width": 0.05, "items": 0}, r"items=0 is not valid; give the outlet's number of items"),
    ({"half_width": 0.05, "level": 95}, r"level=95 is not valid"),
])
def test_bad_input_is_named(options, message):
    with pytest.raises(ValueError, match=message):
        items_needed(**options)


def test_a_labels_table_without_its_columns_is_named():
    with pytest.raises(ValueError, match=r"the labels table lacks the column\(s\) 'machine'"):
        sample_plan(pd.DataFrame({"outlet": ["A"]}))
