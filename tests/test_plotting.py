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
