import warnings

import matplotlib.pyplot as plt
import pandas as pd
import pytest
from matplotlib.collections import PathCollection

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


def _profile(shares: dict) -> pd.DataFrame:
    return pd.DataFrame({"outlet": list(shares), "share": list(shares.values()),
                         "ci_low": [s - 0.1 for s in shares.values()], "ci_high": [s + 0.1 for s in shares.values()],
                         "events": [6] * len(shares), "too_few": [False] * len(shares)})


def _points(ax, labels_from=None):
    """(tick label of the row, x) of every point drawn, from the scatter collections (the labels of
    ``labels_from`` for a panel that shares its rows with it)."""
    source = labels_from if labels_from is not None else ax
    labels = {round(tick): t.get_text() for tick, t in zip(source.get_yticks(), source.get_yticklabels())}
    return sorted((labels[round(y)], round(float(x), 2)) for collection in ax.collections
                  if isinstance(collection, PathCollection) for x, y in collection.get_offsets())


def test_profile_panels_align_labels_and_values_when_outlet_sets_differ():
    """Issue 23: the coverage panel held 17 outlets and the others 15; with a shared y axis the last panel's
    15 labels were put under the 17 coverage points, so OAN's and TASS's values stood under other names."""
    coverage = _profile({"AP": 0.9, "OAN": 0.2, "Reuters": 0.8, "TASS": 0.3})
    omissions = _profile({"AP": 0.1, "Reuters": 0.4})          # OAN and TASS: no event with three outlets
    fig = toolkit.profile_panels({"Coverage": coverage, "Omissions": omissions.assign(events=[7, 8])})
    try:
        left, right = fig.axes
        assert [t.get_text() for t in left.get_yticklabels()] == ["AP", "OAN", "Reuters", "TASS"]
        assert _points(left) == [("AP", 0.9), ("OAN", 0.2), ("Reuters", 0.8), ("TASS", 0.3)]
        assert _points(right, labels_from=left) == [("AP", 0.1), ("Reuters", 0.4)]
        assert list(right.get_yticks()) == list(left.get_yticks())
        # each row's number of events, in the right margin of each panel, row by row
        assert [(t.get_text(), t.xy[1]) for t in right.texts] == [("7", 0), ("0", 1), ("8", 2), ("0", 3), ("events", -0.5)]
        assert [ax.get_title() for ax in fig.axes] == ["Coverage", "Omissions"]
    finally:
        plt.close(fig)


def test_profile_rows_follow_a_given_order_and_keep_missing_rows_empty(ax):
    toolkit.plot_profile(_profile({"B": 0.5, "A": 0.7}), order=["A", "B", "C"], ax=ax)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["A (6 events)", "B (6 events)", "C (no events)"]
    assert _points(ax) == [("A (6 events)", 0.7), ("B (6 events)", 0.5)]


def test_frames_of_many_outlets_as_a_labelled_grid(ax):
    """Issue 23: with 17 outlets the grouped bars repeat colours and need a legend; the grid labels rows directly."""
    outlets = [f"Outlet {i:02d}" for i in range(17)]
    profile = pd.DataFrame({"frame": ["conflict", "economic"] * 17, "label": ["Conflict", "Economic"] * 17,
                            "outlet": [o for o in outlets for _ in range(2)], "per_1000_words": [1.25, 0.5] * 17})
    toolkit.plot_frames(profile, kind="grid", ax=ax)
    assert [t.get_text() for t in ax.get_yticklabels()] == outlets
    assert [t.get_text() for t in ax.get_xticklabels()] == ["Conflict", "Economic"]
    assert ax.get_legend() is None
    assert [t.get_text() for t in ax.texts][:2] == ["1.2", "0.5"]
    with pytest.raises(ValueError, match="kind='pie' is not valid; choose one of 'bars', 'grid'"):
        toolkit.plot_frames(profile, kind="pie", ax=ax)


def test_frame_bars_tell_outlets_apart_by_hatch_as_well_as_colour(ax):
    """Issue 26 §6: grouped bars readable without colour vision."""
    profile = pd.DataFrame({"frame": ["conflict", "economic"] * 3, "label": ["Conflict", "Economic"] * 3,
                            "outlet": ["A", "A", "B", "B", "C", "C"], "per_1000_words": [1.0, 0.5] * 3})
    toolkit.plot_frames(profile, ax=ax)
    hatches = [bar.get_hatch() for bar in ax.patches]
    assert hatches == ["", "", "//", "//", "..", ".."]
    assert [patch.get_hatch() for patch in ax.get_legend().get_patches()] == ["", "//", ".."]
