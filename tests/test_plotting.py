import matplotlib.pyplot as plt
import pandas as pd
import pytest
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
