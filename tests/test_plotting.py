import matplotlib.pyplot as plt
import pandas as pd
import pytest

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
