import pandas as pd
import pytest

from toolkit import add_sentence_text, extract_quotes, load_actors, sample_actors_path


def test_quotes_get_their_sentences(sample_sentences):
    quotes = extract_quotes(sample_sentences, load_actors(sample_actors_path()))
    unnamed = add_sentence_text(quotes[quotes["speaker"] == "a senior Trump administration official"], sample_sentences)
    assert unnamed["sentence_text"].tolist() == [
        "Witkoff and Kushner are set to meet with Ukraine's lead negotiator, Rustem Umerov, on Thursday in Miami "
        "for further talks, according to a senior Trump administration official who was not authorised to comment "
        "publicly and spoke on the condition of anonymity."]
    assert list(unnamed.index) == list(quotes.index[quotes["speaker"] == "a senior Trump administration official"])


def test_missing_sentence_and_bad_input():
    sentences = pd.DataFrame({"article_id": ["a"], "sentence": [0], "text": ["One."]})
    rows = add_sentence_text(pd.DataFrame({"article_id": ["a", "b"], "sentence": [0, 0]}), sentences)
    assert rows["sentence_text"].tolist()[0] == "One." and pd.isna(rows["sentence_text"].tolist()[1])
    with pytest.raises(ValueError, match="the rows lacks the column\\(s\\) 'sentence'"):
        add_sentence_text(pd.DataFrame({"article_id": ["a"]}), sentences)
