import pytest

from toolkit import articles_overview, outlet_summary


def test_outlet_summary_of_the_sample(sample_corpus, sample_sentences):
    summary = outlet_summary(sample_corpus.articles, sample_sentences)
    assert summary.to_dict("records") == [
        {"outlet": "AP wire copy", "articles": 1, "paragraphs": 30, "sentences": 46, "words": 983,
         "paywalled": 0, "truncated": 0},
        {"outlet": "Morning Star", "articles": 1, "paragraphs": 12, "sentences": 15, "words": 379,
         "paywalled": 1, "truncated": 1},
    ]


def test_articles_overview(sample_corpus):
    overview = articles_overview(sample_corpus.articles, preview=20)
    assert overview["preview"].tolist() == ["RUSSIAN overnight dr…", "Ukraine and its Euro…"]
    assert overview["words"].tolist() == [379, 983]
    assert "text" not in overview.columns


def test_missing_columns(sample_corpus, sample_sentences):
    with pytest.raises(ValueError, match="the sentences table lacks the column\\(s\\) 'paragraph'"):
        outlet_summary(sample_corpus.articles, sample_sentences.drop(columns="paragraph"))
