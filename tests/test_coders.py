"""Two coders of one sample: their disagreements, settled, and one answer per item kept (toolkit.validation.coders)."""

import pandas as pd
import pytest

import toolkit
from toolkit.validation import agreement, combine_coders, disagreements, read_coded


def _answers(ann, bo, measure="tone"):
    items = [f"t-{i}" for i in range(1, len(ann) + 1)]
    return pd.DataFrame({"item_id": items * 2, "measure": measure, "coder": ["ann"] * len(ann) + ["bo"] * len(bo),
                         "coded": [*ann, *bo], "outlet": ["X", "Y"] * len(ann)})


def test_disagreements_list_both_answers_and_combining_needs_each_settled():
    coded = _answers(["negative", "neutral", "positive", None], ["negative", "positive", "negative", "neutral"])
    table = disagreements(coded)
    assert table[["item_id", "outlet", "answers"]].values.tolist() == [
        ["t-2", "Y", "ann: neutral; bo: positive"], ["t-3", "X", "ann: positive; bo: negative"]]
    with pytest.raises(ValueError, match=r"the coders differ on 2 item\(s\) with no settled answer: t-2, t-3"):
        combine_coders(coded)
    settled = table.assign(coded=["positive", "negative"])
    combined = combine_coders(coded, settled=settled)
    # t-1 agreed, t-2 and t-3 settled, t-4 answered by bo alone
    assert combined[["item_id", "coded", "coder", "outlet"]].values.tolist() == [
        ["t-1", "negative", "ann+bo", "X"], ["t-2", "positive", "ann+bo", "Y"], ["t-3", "negative", "ann+bo", "X"],
        ["t-4", "neutral", "bo", "Y"]]
    assert combine_coders(coded, settled=settled, coder="panel")["coder"].unique().tolist() == ["panel"]


def test_bad_settled_answers_are_named():
    coded = _answers(["negative", "neutral"], ["negative", "positive"])
    settle = lambda items, answers: pd.DataFrame({"measure": "tone", "item_id": items, "coded": answers})  # noqa: E731
    with pytest.raises(ValueError, match=r"settled answer\(s\) for 1 item\(s\) the coders did not differ on: t-1"):
        combine_coders(coded, settled=settle(["t-1", "t-2"], ["neutral", "neutral"]))
    with pytest.raises(ValueError, match=r"list item\(s\) more than once: t-2"):
        combine_coders(coded, settled=settle(["t-2", "t-2"], ["neutral", "positive"]))
    with pytest.raises(ValueError, match=r"not among the measure's choices: 't-2': 'angry'"):
        combine_coders(coded, settled=settle(["t-2"], ["angry"]))
    with pytest.raises(ValueError, match=r"1 item\(s\) answered twice by the same coder, e.g. 't-1' by 'ann'"):
        disagreements(pd.concat([coded, coded.iloc[:1]]))
    with pytest.raises(ValueError, match=r"1 answer\(s\) have no coder"):
        disagreements(coded.assign(coder=["ann", None, "bo", "bo"]))


def test_two_coders_of_a_study_sample_agree_settle_and_are_kept():
    study = toolkit.analyze(toolkit.sample_data_path(), actors=toolkit.sample_actors_path(), progress=False)
    sample = study.validation_sample("tone", n=3, seed=1)
    ann = read_coded(sample.assign(coded=["negative", "neutral", "neutral", "positive", "neutral", "negative"]),
                     key=sample, coder="ann")
    bo = read_coded(sample.assign(coded=["negative", "neutral", "negative", "positive", "neutral", "neutral"]),
                    key=sample, coder="bo")
    both = pd.concat([ann, bo], ignore_index=True)
    assert agreement(both)[["coders", "items", "agreement"]].values.tolist() == [[2, 6, 4 / 6]]
    settled = disagreements(both).assign(coded=["neutral", "negative"])
    kept = study.add_coded(combine_coders(both, settled=settled))
    assert study.coded["coder"].unique().tolist() == ["ann+bo"] and len(study.coded) == 6
    assert kept["n"].sum() == 6
