import warnings

import matplotlib.pyplot as plt
import pandas as pd
import pytest

import toolkit


@pytest.fixture
def ax():
    fig, ax = plt.subplots()
    yield ax
    plt.close(fig)


@pytest.fixture(scope="module")
def body(sample_sentences):
    return sample_sentences[sample_sentences["part"] == "body"]


def test_coverage_matrix(ax, body):
    table = toolkit.coverage(body)
    assert toolkit.plot_coverage(table, ax=ax) is ax
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert len(labels) == table["fact"].nunique()
    assert [t.get_text() for t in ax.get_xticklabels()] == ["AP wire copy", "Morning Star"]
    bold = [t.get_text() for t in ax.get_yticklabels() if t.get_fontweight() == "bold"]
    assert len(bold) == (table.groupby("fact")["only_in"].first() != "").sum()
    counts = sorted(int(t.get_text()) for t in ax.texts)
    assert counts == sorted(table.loc[table["sentences"] > 0, "sentences"].tolist())


def test_aligned_pairs_side_by_side(ax, body):
    pairs = toolkit.align(body)
    toolkit.plot_aligned_pairs(pairs, sentences=body, ax=ax)
    assert len(ax.get_lines()) == len(pairs)
    sentence_labels = [t for t in ax.texts if t.get_text()[:1].isdigit()]
    assert len(sentence_labels) == len(body)
    assert {t.get_text() for t in ax.texts if t.get_fontweight() == "bold"} == {"AP wire copy", "Morning Star"}


def test_aligned_pairs_needs_two_outlets(ax):
    pairs = pd.DataFrame({"outlet_a": ["A", "A"], "outlet_b": ["B", "C"], "sentence_a": [0, 0],
                          "sentence_b": [0, 0], "similarity": [1, 1], "article_id_a": ["a", "a"],
                          "article_id_b": ["b", "c"]})
    sentences = pd.DataFrame(columns=["article_id", "outlet", "sentence", "text"])
    with pytest.raises(ValueError, match="draws two outlets; the pairs have 3: A, B, C"):
        toolkit.plot_aligned_pairs(pairs, sentences=sentences, ax=ax)
    toolkit.plot_aligned_pairs(pairs.iloc[:0], sentences=sentences, ax=ax)
    assert [t.get_text() for t in ax.texts] == ["no aligned sentences"]


def test_keyness_bars(ax, sample_sentences):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        table = toolkit.keyness(sample_sentences, target="Morning Star")
    toolkit.plot_keyness(table, top=3, ax=ax)
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels == ["that (2 vs 20)", "he (1 vs 11)", "moscow (0 vs 6)", "ukrainian (8 vs 4)", "mr (4 vs 0)",
                      "port (4 vs 0)"]
    assert "right: Morning Star; left: AP wire copy" in ax.get_xlabel()


def test_frame_profile(ax, body):
    profile = toolkit.frame_scores(body, by="outlet")
    toolkit.plot_frames(profile, ax=ax)
    assert [t.get_text() for t in ax.get_yticklabels()] == [
        "Conflict", "Human interest", "Attribution of responsibility", "Morality", "Economic consequences"]
    widths = [round(p.get_width(), 2) for p in ax.patches]
    assert widths[0] == round(profile["per_1000_words"].iloc[0], 2)
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["AP wire copy", "Morning Star"]


def test_empty_tables_give_empty_axes(ax):
    toolkit.plot_keyness(pd.DataFrame(columns=["term", "z", "n_target", "n_reference", "target", "reference"]), ax=ax)
    toolkit.plot_frames(pd.DataFrame(columns=["frame", "label", "outlet", "per_1000_words"]), ax=ax)
    toolkit.plot_coverage(pd.DataFrame(columns=["fact", "label", "outlet", "sentences", "only_in"]), ax=ax)
    assert [t.get_text() for t in ax.texts] == ["no words", "no frames", "no facts"]
