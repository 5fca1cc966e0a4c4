import pandas as pd
import pytest
from textblob import TextBlob

from toolkit import extreme_sentences, score_sentences, tone_summary


def test_scores_equal_textblob_on_the_sample(sample_sentences):
    scored = score_sentences(sample_sentences)
    expected = [TextBlob(t).sentiment for t in sample_sentences["text"]]
    assert scored["polarity"].tolist() == [s.polarity for s in expected]
    assert scored["subjectivity"].tolist() == [s.subjectivity for s in expected]
    assert set(scored["method"]) == {"textblob"}
    assert scored["polarity"].dtype == "float64"


def test_input_is_not_mutated(sample_sentences):
    before = sample_sentences.copy()
    score_sentences(sample_sentences)
    pd.testing.assert_frame_equal(sample_sentences, before)


def test_sample_tone_by_outlet(sample_sentences):
    summary = tone_summary(score_sentences(sample_sentences)).set_index("outlet")
    assert summary["sentences"].to_dict() == {"AP wire copy": 46, "Morning Star": 17}
    assert summary["mean_polarity"].round(4).to_dict() == {"AP wire copy": 0.0958, "Morning Star": -0.0066}
    assert summary["mean_subjectivity"].round(4).to_dict() == {"AP wire copy": 0.3133, "Morning Star": 0.0766}


def test_extreme_sentences_are_the_evidence():
    scored = score_sentences(pd.DataFrame({"outlet": ["A"] * 3 + ["B"],
                                           "text": ["A terrible war.", "Talks went well.", "A great deal.", "Bad."]}))
    assert extreme_sentences(scored, n=1)[["outlet", "end", "text"]].values.tolist() == [
        ["A", "lowest", "A terrible war."], ["A", "highest", "A great deal."], ["B", "lowest", "Bad."]]


def test_bad_options():
    table = pd.DataFrame({"text": ["x"]})
    with pytest.raises(ValueError, match="method='afinn' is not valid; choose one of 'textblob', 'vader'"):
        score_sentences(table, method="afinn")
    with pytest.raises(ValueError, match="lacks the column\\(s\\) 'text'"):
        score_sentences(pd.DataFrame({"body": ["x"]}))
    with pytest.raises(ValueError, match="n=0 must be at least 1"):
        extreme_sentences(score_sentences(table.assign(outlet="A")), n=0)


def test_vader_sentences():
    scored = score_sentences(pd.DataFrame({"text": ["It isn't a bad idea.", "A brutal war."]}), method="vader")
    assert scored["polarity"].round(3).tolist() == [0.431, -0.84]
    assert scored["subjectivity"].isna().all() and set(scored["method"]) == {"vader"}
