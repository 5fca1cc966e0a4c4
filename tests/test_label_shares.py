"""Tests for toolkit.validation.label_shares: a coded sample joined to the corrected shares."""

import warnings
from pathlib import Path

import pandas as pd
import pytest

import toolkit
from toolkit.validation import (corrected_label_shares, label_share_tables, read_coded, validate, validation_sample,
                                write_sheet)

from .validation_tables import tables


@pytest.fixture
def coded():
    sample = validation_sample(tables(), "tone", n=2, seed=0)     # rows 4, 2, 5, 3
    sheet = sample.assign(coded=["neutral", "negative", "negative", "negative"])
    return read_coded(sheet, sample, coder="ann")


def test_shares_of_a_label_corrected_by_hand(coded):
    corpus, sample = label_share_tables(tables(), coded, measure="tone", label="negative")
    assert corpus.values.tolist() == [[0, "X", 0], [1, "X", 1], [2, "X", 0], [3, "X", 1], [4, "Y", 0], [5, "Y", 0]]
    assert sample.values.tolist() == [[4, 0, 0], [2, 1, 0], [5, 1, 0], [3, 1, 1]]
    table = corrected_label_shares(tables(), coded, measure="tone", label="negative", min_coded=2)
    # X: machine 2/4 = 0.5, coded errors (1 - 0, 1 - 1) mean 0.5: corrected 1.0; Y: 0 + (0 + 1) / 2 = 0.5
    assert table[["outlet", "N", "n", "machine", "coded", "corrected"]].values.tolist() == [
        ["X", 4, 2, 0.5, 1.0, 1.0], ["Y", 2, 2, 0.0, 0.5, 0.5]]
    ann = label_share_tables(tables(), coded, measure="tone", label="negative", subject="Ann")
    assert [len(t) for t in ann] == [3, 2]


def test_bad_measures_labels_and_changed_tables(coded):
    with pytest.raises(ValueError, match=r"measure='quotes' is not valid; choose one of 'tone', 'learned_frames', "
                                         r"'roles'"):
        label_share_tables(tables(), coded, measure="quotes", label="right")
    with pytest.raises(ValueError, match=r"label='bad' is not valid; choose one of 'negative', 'neutral', 'positive'"):
        label_share_tables(tables(), coded, measure="tone", label="bad")
    changed = tables()
    changed["stance"] = changed["stance"].assign(label=["positive", "negative", "positive", "neutral", "neutral",
                                                        "neutral"])
    with pytest.raises(ValueError, match=r"column 'predicted' of the coded table differs from the corpus table's for "
                                         r"1 item\(s\): 3"):
        corrected_label_shares(changed, coded, measure="tone", label="negative")


@pytest.fixture(scope="module")
def round_trip(tmp_path_factory):
    """Draw, write, code, read, validate and correct on the sample corpus (the example of docs/user-guide/checking.md)."""
    study = toolkit.analyze(toolkit.sample_data_path(), actors=toolkit.sample_actors_path(), progress=False)
    sample = study.validation_sample("tone", n=10, seed=1)
    sheet, key = write_sheet(sample, tmp_path_factory.mktemp("sheet") / "tone.xlsx")
    coded = pd.read_excel(sheet, dtype=str)
    coded["coded"] = ["neutral"] * len(coded)           # a coder who finds every mention neutral
    coded.to_excel(sheet, index=False)
    answers = read_coded(sheet, coder="me")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        accuracy = study.validate(answers)
    corrected = study.corrected_shares(answers, measure="tone", label="negative", min_coded=10)
    return {"study": study, "sample": sample, "accuracy": accuracy, "corrected": corrected}


def test_the_study_round_trip_on_the_sample_corpus(round_trip):
    sample, accuracy, corrected = round_trip["sample"], round_trip["accuracy"], round_trip["corrected"]
    assert sample.groupby("outlet").size().to_dict() == {"AP wire copy": 10, "Morning Star": 10}
    # every answer "neutral": the machine is right where it said neutral
    neutral = sample.groupby("outlet")["machine"].agg(lambda m: int((m == "neutral").sum())).tolist()
    assert accuracy[["outlet", "n", "right"]].values.tolist() == [["AP wire copy", 10, neutral[0]],
                                                                 ["Morning Star", 10, neutral[1]]]
    assert corrected[["outlet", "N", "n"]].values.tolist() == [["AP wire copy", 111, 10], ["Morning Star", 48, 10]]
    assert corrected["coded"].tolist() == [0.0, 0.0]


def test_the_docs_page_states_the_computed_figures(round_trip):
    """The user guide's "Checking the machine on your corpus" (docs/user-guide/checking.md) quotes them."""
    page = Path(__file__).resolve().parents[1] / "docs" / "user-guide" / "checking.md"
    text = " ".join(page.read_text(encoding="utf-8").split())
    start = text.index("## Measure the machine on a coded sample")
    section = text[start:text.index("## ", start + 4)]
    first, second = round_trip["corrected"]["N"].tolist()
    assert (f"Of the sample corpus's {len(round_trip['study'].stance)} mentions ({first} and {second} in its two "
            f"outlets), `n=10` draws {len(round_trip['sample'])}, 10 per outlet") in section


def test_each_actor_and_outlet_in_one_pass_equals_one_actor_at_a_time(coded):
    """Issue 25 §3: tone towards each actor in each outlet, corrected, without a loop over actors."""
    table = corrected_label_shares(tables(), coded, measure="tone", label="negative", by_subject=True, min_coded=1)
    cells = list(zip(table["subject"], table["outlet"]))
    assert cells == sorted(cells) and len(cells) == len(set(cells))
    assert table.columns[:4].tolist() == ["subject", "outlet", "N", "n"]
    for subject in table["subject"].unique():
        one = corrected_label_shares(tables(), coded, measure="tone", label="negative", subject=subject, min_coded=1)
        mine = table[table["subject"] == subject].drop(columns="subject").reset_index(drop=True)
        pd.testing.assert_frame_equal(mine, one, check_dtype=False)
