"""The learned frame model: training, storage, evidence, the shipped model and its published figures."""

import json

import numpy as np
import pandas as pd
import pytest

from toolkit.compare.frame_model import (COLUMNS, FRAME_LABELS, article_texts, frame_probabilities,
                                         frame_validation, load_frame_model, train_frame_model)


TEXTS = ["Rivals clashed and traded accusations in parliament.",
         "The opposition attacked the minister in a bitter dispute.",
         "Protesters and police clashed in a fierce dispute.",
         "Two parties traded accusations over the budget dispute.",
         "Prices rose and the costs for farmers soared.",
         "The tax will cost jobs and raise prices for families.",
         "Markets fell and costs rose for every business.",
         "A quiet day at the seaside with sunshine and costs.",
         "Scientists measured the sea ice in the Arctic.",
         "The museum opened a new wing for paintings."]
LABELS = pd.DataFrame({"conflict": [True] * 4 + [False] * 6, "economic": [False] * 4 + [True] * 4 + [False] * 2})


@pytest.fixture(scope="module")
def tiny_model():
    return train_frame_model(TEXTS, LABELS, c_grid=(1.0, 10.0), folds=2)


def test_training_chooses_c_and_thresholds_and_separates_the_frames(tiny_model):
    assert tiny_model.frames == ("conflict", "economic")
    assert tiny_model.metadata["C"] in (1.0, 10.0)
    assert list(tiny_model.metadata["thresholds"]) == ["conflict", "economic"]
    assert tiny_model.thresholds.shape == (2,)
    proba = tiny_model.predict_proba(["Rivals clashed in a dispute.", "Costs and prices rose."])
    assert proba.shape == (2, 2)
    assert proba[0, 0] > 0.5 > proba[0, 1] and proba[1, 1] > 0.5 > proba[1, 0]


def test_saved_model_loads_and_predicts_the_same(tiny_model, tmp_path):
    tiny_model.save(tmp_path)
    loaded = load_frame_model(tmp_path)
    assert loaded.frames == tiny_model.frames
    assert loaded.vectorizer.vocabulary_ == tiny_model.vectorizer.vocabulary_
    assert np.array_equal(loaded.predict_proba(TEXTS), tiny_model.predict_proba(TEXTS))
    assert json.loads((tmp_path / "model.json").read_text())["frames"] == ["conflict", "economic"]


def test_probabilities_keep_their_words_and_sentences(tiny_model):
    sentences = pd.DataFrame({"article_id": ["a", "a", "a"], "outlet": ["X"] * 3, "sentence": [0, 1, 2],
                              "text": ["The museum opened.", "Rivals clashed in a bitter dispute.",
                                       "Costs rose for farmers."]})
    table = frame_probabilities(sentences, model=tiny_model, top_words=2)
    assert table.columns.tolist() == COLUMNS
    assert table[["frame", "label", "words", "sentences", "evidence"]].values.tolist() == [
        ["conflict", "Conflict", "dispute (+1.13) | clashed (+0.61)", "1", "Rivals clashed in a bitter dispute."],
        ["economic", "Economic consequences", "costs (+0.92) | rose (+0.54)", "2", "Costs rose for farmers."]]
    assert table["probability"].round(3).tolist() == [0.525, 0.306]
    # present: the probability reaches the frame's threshold, chosen in training (0.319 and 0.700 here)
    assert tiny_model.thresholds.round(3).tolist() == [0.319, 0.7]
    assert table["present"].tolist() == [True, False]


def test_article_texts_joins_sentences_in_table_order():
    sentences = pd.DataFrame({"article_id": ["b", "a", "b"], "outlet": ["Y", "X", "Y"], "text": ["One.", "Two.", "Three."]})
    assert article_texts(sentences).values.tolist() == [["b", "Y", "One. Three."], ["a", "X", "Two."]]


def test_bad_input_is_named(tiny_model, tmp_path):
    with pytest.raises(ValueError, match="3 texts but 10 rows of labels"):
        train_frame_model(TEXTS[:3], LABELS)
    with pytest.raises(ValueError, match="frame 'moral': the labels are all False; there is nothing to learn"):
        train_frame_model(TEXTS, LABELS.assign(moral=False))
    with pytest.raises(FileNotFoundError, match="the frame model is missing in .*python -m devtools.frame_eval"):
        load_frame_model(tmp_path)
    with pytest.raises(FileNotFoundError, match="no figures in .*: metrics.json is written by"):
        frame_validation(tmp_path)
    with pytest.raises(ValueError, match="lacks the column"):
        frame_probabilities(pd.DataFrame({"text": ["x"]}), model=tiny_model)
    assert frame_probabilities(pd.DataFrame(columns=["article_id", "outlet", "sentence", "text"]),
                               model=tiny_model).columns.tolist() == COLUMNS


def test_shipped_model_scores_the_sample_offline(sample_corpus):
    from toolkit import split_sentences
    table = frame_probabilities(split_sentences(sample_corpus.articles))
    assert len(table) == 10 and list(load_frame_model().frames) == list(FRAME_LABELS)
    wide = table.pivot(index="outlet", columns="frame", values="probability").round(3)
    assert wide.loc["Morning Star"].to_dict() == {"conflict": 0.637, "economic": 0.355, "human_interest": 0.213,
                                                  "moral": 0.163, "resolution": 0.508}
    assert wide.loc["AP wire copy", "conflict"] == 0.711


def test_published_figures_are_the_ones_the_data_gives(shared_path):
    """The cue-word figures in metrics.json are recomputed from the annotated articles (no fitting)."""
    from devtools.frame_eval import corpus_sentences, cue_figures, read_frames_data
    articles, labels = read_frames_data(shared_path / "data" / "frames")
    published = frame_validation()
    assert published.groupby("method").size().to_dict() == {"cue words": 5, "learned (frames-linear)": 10}
    cues = pd.DataFrame(cue_figures(corpus_sentences(articles), labels))
    pd.testing.assert_frame_equal(cues, published[published["method"] == "cue words"].reset_index(drop=True),
                                  check_dtype=False)
    learned = published[published["method"] != "cue words"]
    assert learned["roc_auc"].round(2).tolist() == [0.73, 0.69, 0.82, 0.82, 0.71, 0.70, 0.69, 0.82, 0.88, 0.69]


def test_learned_frames_by_outlet_counts_articles_and_names_bad_input():
    from toolkit import learned_frames_by_outlet
    rows = pd.DataFrame({"outlet": ["A", "A", "A", "A"], "frame": ["moral", "moral", "economic", "economic"],
                         "label": ["Morality", "Morality", "Economic consequences", "Economic consequences"],
                         "probability": [0.2, 0.8, 0.1, 0.3], "present": [False, True, False, False]})
    table = learned_frames_by_outlet(rows)
    assert table[["frame", "articles", "mean_probability", "share_present"]].round(2).values.tolist() == [
        ["moral", 2, 0.5, 0.5], ["economic", 2, 0.2, 0.0]]
    with pytest.raises(ValueError, match="the learned frames lacks"):
        learned_frames_by_outlet(rows.drop(columns="present"))
