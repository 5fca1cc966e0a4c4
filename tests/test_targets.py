import json

import numpy as np
import pytest

from toolkit.dev.target_eval import evaluate_method, macro_f1, read_newsmtsc
from toolkit.tone.targets import (expand_negation, load_linear_model, marked_parts, score_targets, target_window,
                             textblob_polarity)


def test_window_stays_in_the_clause():
    s = 'Rutte said Putin, the aggressor, "is a brutal man" and left.'
    assert target_window(s, 11, 16) == "Rutte said Putin"
    long = "one two three four five six seven eight nine ten X eleven"
    assert target_window(long, long.index("X"), long.index("X") + 1, max_words=2) == "nine ten X eleven"


def test_negation_is_handled_for_textblob():
    assert textblob_polarity("It is a bad idea.") == pytest.approx(-0.7)
    assert textblob_polarity("It isn't a bad idea.") == pytest.approx(0.35)   # TextBlob alone: -0.7
    assert expand_negation("We can't, they cannot.") == "We ca not, they can not."


def test_methods_on_clear_cases():
    texts = ["Critics praised the brave doctor.", "Protesters condemned the corrupt, brutal regime.",
             "The minister arrived in Paris on Monday."]
    starts, ends = [20, 25, 4], [32, 48, 12]
    for method in ("vader-window", "newsmtsc-linear"):
        labels, scores = score_targets(texts, starts, ends, method=method)
        assert labels == ["positive", "negative", "neutral"], method
        assert scores.shape == (3,) and np.all(np.abs(scores) <= 1)


def test_linear_model_is_stored_as_plain_arrays():
    model = load_linear_model()
    assert model.metadata["train_targets"] == 8739 and model.metadata["C"] == 1.0
    proba = model.predict_proba(["Critics praised the brave doctor."], [20], [32])
    assert proba.shape == (1, 3) and proba.sum() == pytest.approx(1.0)
    assert marked_parts("Critics attacked Putin over the war.", 17, 22) == (
        "Critics attacked TARGET over the war.", "Critics attacked", "over the war.")


def test_missing_model_and_bad_method(tmp_path):
    with pytest.raises(FileNotFoundError, match="the linear target model is missing in .*python -m toolkit.dev.train_linear"):
        load_linear_model(tmp_path)
    with pytest.raises(ValueError, match="method='bert' is not valid; choose one of 'textblob-window', 'vader-window'"):
        score_targets(["x"], [0], [1], method="bert")


def test_macro_f1_and_reader(tmp_path):
    assert macro_f1(["negative", "neutral", "positive", "neutral"], ["negative", "neutral", "neutral", "neutral"]) == (0.6, 0.75)
    path = tmp_path / "d.jsonl"
    path.write_text(json.dumps({"sentence_normalized": "Putin lied.", "targets": [{"from": 0, "to": 5, "mention": "Putin", "polarity": 2.0}]})
                    + "\n{broken\n")
    with pytest.raises(ValueError, match="d.jsonl, line 2: not valid JSON"):
        read_newsmtsc(path)


# --- validation on the NewsMTSC development splits (figures published in the models README) --

DEV = {("dev_rw", "textblob-window"): 0.3753, ("dev_rw", "vader-window"): 0.5298, ("dev_rw", "newsmtsc-linear"): 0.6606,
       ("dev_mt", "textblob-window"): 0.3870, ("dev_mt", "vader-window"): 0.5127, ("dev_mt", "newsmtsc-linear"): 0.5902}


@pytest.mark.parametrize("split, method", sorted(DEV))
def test_published_dev_figures(shared_path, split, method):
    data = read_newsmtsc(shared_path / "data" / "newsmtsc" / f"{split}.jsonl")
    result = evaluate_method(data, method)
    assert round(result["macro_f1"], 4) == DEV[(split, method)]
    assert result["n"] == {"dev_rw": 343, "dev_mt": 442}[split]


def test_linear_beats_vader_by_eight_points_on_dev_rw():
    assert DEV[("dev_rw", "newsmtsc-linear")] - DEV[("dev_rw", "vader-window")] >= 0.08
    metadata = load_linear_model().metadata["dev"]
    assert {(k.split("/")[0], k.split("/")[1]): v["macro_f1"] for k, v in metadata.items()} == DEV
