import matplotlib.pyplot as plt
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from matplotlib.collections import PathCollection

from toolkit import plot_sentence_tone, score_sentences


@pytest.fixture
def ax():
    fig, ax = plt.subplots()
    yield ax
    plt.close(fig)


def test_one_row_per_outlet_with_n(ax, sample_sentences):
    returned = plot_sentence_tone(score_sentences(sample_sentences), ax=ax)
    assert returned is ax
    assert [t.get_text() for t in ax.get_yticklabels()] == ["AP wire copy (n=46)", "Morning Star (n=17)"]
    means = [line.get_xdata()[0] for line in ax.get_lines() if line.get_marker() == "D"]
    assert [round(m, 4) for m in means] == [0.0958, -0.0066]


def test_empty_data_gives_an_empty_axes(ax):
    plot_sentence_tone(pd.DataFrame(columns=["polarity", "outlet"]), ax=ax)
    assert [t.get_text() for t in ax.texts] == ["no data"]


def test_missing_column(ax):
    with pytest.raises(ValueError, match="the data lacks the column\\(s\\) 'polarity'"):
        plot_sentence_tone(pd.DataFrame({"outlet": ["A"]}), ax=ax)


def test_naming_grid_of_the_sample(ax, sample_sentences):
    from toolkit import find_mentions, load_actors, naming, plot_naming, sample_actors_path
    table = naming(find_mentions(sample_sentences, load_actors(sample_actors_path())), by="variant")
    plot_naming(table, actors=["Kyiv"], ax=ax)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Kyiv: Kiev", "Kyiv: Kyiv"]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["AP\nwire\ncopy", "Morning\nStar"]
    assert [t.get_text() for t in ax.texts] == ["0", "1", "3", "1"]  # Kyiv in the caption


def test_naming_plot_with_nothing_to_show(ax):
    from toolkit import plot_naming
    plot_naming(pd.DataFrame({"outlet": ["A"], "actor": ["X"], "variant": ["X"], "mentions": [1]}), ax=ax)
    assert [t.get_text() for t in ax.texts] == ["no actor named in more than one way"]


def test_voices_plot_stacks_shares(ax):
    from toolkit import plot_voices
    table = pd.DataFrame({"outlet": ["A", "A", "B"], "speaker": ["X", "Y", "X"], "share_of_words": [0.25, 0.75, 1.0]})
    plot_voices(table, ax=ax)
    widths = sorted((round(p.get_x(), 2), round(p.get_width(), 2)) for p in ax.patches)
    assert widths == [(0.0, 0.25), (0.0, 1.0), (0.25, 0.75), (1.0, 0.0)]
    assert ax.get_legend_handles_labels()[1] == ["X", "Y"]
    plot_voices(table.iloc[0:0], ax=ax)


def _many_outlets_framing(outlets=17, actors=("X", "Y")):
    rows = [(f"Outlet {i:02d}", a, 6, 0.1 * (i % 5) - 0.2, 0.1 * (i % 5) - 0.4, 0.1 * (i % 5), i % 4 == 0)
            for i in range(outlets) for a in actors]
    return pd.DataFrame(rows, columns=["outlet", "actor", "mentions", "mean_score", "ci_low", "ci_high", "too_few"])


def test_actor_tone_markers_and_colours_tell_every_outlet_apart(ax):
    """Issue 23: with more outlets than colours the colours repeated; each outlet now has its own colour and
    marker pair, from a colour-blind-safe palette, and the legend is outside the data."""
    from toolkit import plot_actor_tone
    plot_actor_tone(_many_outlets_framing(outlets=12), ax=ax)
    styles = [(tuple(c.get_edgecolor()[0]), c.get_paths()[0].vertices.tobytes()) for c in ax.collections
              if c.get_label() and not c.get_label().startswith("_")]
    assert len(styles) == 12 and len(set(styles)) == 12
    legend = ax.get_legend()
    assert legend is not None and legend.get_bbox_to_anchor().x0 > ax.get_window_extent().x1 - 1


def test_actor_tone_panels_one_per_actor_with_the_outlets_labelled():
    """Issue 23: 17 outlets as small multiples: one panel per actor, every outlet a labelled row, no legend."""
    from toolkit import actor_tone_panels
    fig = actor_tone_panels(_many_outlets_framing(), ncols=2)
    try:
        drawn = [ax for ax in fig.axes if ax.get_visible()]
        assert [ax.get_title() for ax in drawn] == ["X", "Y"]
        assert [t.get_text() for t in drawn[0].get_yticklabels()] == [f"Outlet {i:02d}" for i in range(17)]
        assert all(ax.get_legend() is None for ax in drawn)
        points = [c for c in drawn[0].collections if isinstance(c, PathCollection)]
        assert sum(len(c.get_offsets()) for c in points) == 17
    finally:
        plt.close(fig)


# Issue 24: a "$" in a label from the data made matplotlib read mathtext: "Ca$h_$ News" failed to draw (the whole
# report stopped), "Price $5 to $6 Daily" was drawn in math italics. Every label from the data is plain text.
DOLLARS = ["Ca$h_$ News", "Price $5 to $6 Daily"]
FILE = "costs_$100_vs_$200.txt"


def _tone(outlets, actors):
    rows = [(o, a) for o in outlets for a in actors]
    return pd.DataFrame({"outlet": [o for o, _ in rows], "actor": [a for _, a in rows], "mentions": 6,
                         "mean_score": 0.1, "ci_low": 0.0, "ci_high": 0.2, "too_few": False, "n": 6})


def _dollar_plots():
    import toolkit
    from toolkit.report import plots
    a, b = DOLLARS
    sentences = pd.DataFrame({"article_id": [FILE, "x"], "outlet": DOLLARS, "sentence": [0, 0],
                              "text": [f"It cost ${n} to $6." for n in (5, 7)], "part": "body"})
    pairs = pd.DataFrame({"outlet_a": [a], "outlet_b": [b], "sentence_a": [0], "sentence_b": [0], "similarity": [0.5],
                          "article_id_a": [FILE], "article_id_b": ["x"]})
    profile = pd.DataFrame({"outlet": DOLLARS, "share": [0.5, 0.8], "ci_low": [0.3, 0.6], "ci_high": [0.7, 1.0],
                            "events": [12, 3], "too_few": [False, True]})
    frames = pd.DataFrame({"frame": ["f", "f"], "label": ["$x$ frame", "$x$ frame"], "outlet": DOLLARS,
                           "per_1000_words": [1.0, 2.0]})
    return {
        "sentence_tone": lambda ax: toolkit.plot_sentence_tone(pd.DataFrame({"outlet": DOLLARS, "polarity": [0.1, 0.2]}), ax=ax),
        "naming": lambda ax: toolkit.plot_naming(pd.DataFrame({"outlet": DOLLARS, "actor": FILE, "variant": ["$a", "b$"],
                                                              "mentions": [1, 2]}), ax=ax),
        "voices": lambda ax: toolkit.plot_voices(pd.DataFrame({"outlet": DOLLARS, "speaker": ["$1$", "_$2_$"],
                                                              "share_of_words": [1.0, 1.0]}), ax=ax),
        "actor_tone": lambda ax: toolkit.plot_actor_tone(_tone(DOLLARS, [FILE]), ax=ax),
        "actor_tone_panels": lambda ax: toolkit.actor_tone_panels(_tone(DOLLARS, [FILE]), figure=ax.figure),
        "tone_arc": lambda ax: toolkit.plot_tone_arc(sentences.assign(polarity=0.0), article_id=f"no {FILE}", ax=ax),
        "coverage": lambda ax: toolkit.plot_coverage(pd.DataFrame({"fact": [1, 1], "label": f"fell to ${FILE}",
                                                                   "text": "", "outlet": DOLLARS, "sentences": [1, 0],
                                                                   "only_in": a}), ax=ax),
        "aligned_pairs": lambda ax: toolkit.plot_aligned_pairs(pairs, sentences=sentences, ax=ax),
        "keyness": lambda ax: toolkit.plot_keyness(pd.DataFrame({"term": ["$5", "$6"], "z": [2.0, -2.0], "n_target": [3, 0],
                                                                 "n_reference": [0, 3], "target": a, "reference": b}), ax=ax),
        "frames": lambda ax: toolkit.plot_frames(frames, ax=ax),
        "frames_grid": lambda ax: toolkit.plot_frames(frames, kind="grid", ax=ax),
        "profile": lambda ax: toolkit.plot_profile(profile, ax=ax),
        "profile_panels": lambda ax: toolkit.profile_panels({"Cost $1": profile, "Cost $2": profile}, figure=ax.figure),
        "empty": lambda ax: plots._empty(ax, FILE),
    }


@pytest.mark.parametrize("name", list(_dollar_plots()))
def test_labels_from_the_data_are_drawn_as_plain_text(name):
    from matplotlib.text import Text
    fig = plt.figure()
    try:
        _dollar_plots()[name](fig.gca() if name not in ("actor_tone_panels", "profile_panels") else fig.gca())
        fig.canvas.draw()      # mathtext that does not parse fails here
        texts = [t for t in fig.findobj(Text) if t.get_visible() and "$" in t.get_text()]
        assert texts, "the plot draws no label with a $"
        drawn = {t._preprocess_math(t.get_text()) for t in texts}
        assert {math for _, math in drawn} == {False}
        assert any(any(label in text for label in [*DOLLARS, FILE, "$5", "$x$"]) for text, _ in drawn)
    finally:
        plt.close(fig)


@given(st.text())
def test_plain_labels_are_drawn_as_given(label):
    from matplotlib.text import Text

    from toolkit.report.plots import plain
    assert Text(text=plain(label))._preprocess_math(plain(label)) == (label, False)
