import math
import warnings

import pandas as pd
import pytest

import toolkit


def sentences(rows):
    return pd.DataFrame([{"article_id": a, "outlet": o, "sentence": i, "start": 10 * i, "text": t}
                         for i, (a, o, t) in enumerate(rows)])


def quiet_keyness(*args, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return toolkit.keyness(*args, **kwargs)


def test_monroe_formula_on_a_literal_table():
    table = sentences([("a", "A", "war war war peace"), ("b", "B", "peace peace peace war")])
    result = quiet_keyness(table, target="A", min_count=1)
    war = result[result["term"] == "war"].iloc[0]
    # y_a=3, y_b=1, n_a=n_b=4; prior alpha_w = 4, alpha_0 = 8
    delta = math.log((3 + 4) / (4 + 8 - 3 - 4)) - math.log((1 + 4) / (4 + 8 - 1 - 4))
    assert war["log_odds"] == pytest.approx(delta)
    assert war["z"] == pytest.approx(delta / math.sqrt(1 / 7 + 1 / 5))
    assert (war["n_target"], war["n_reference"], war["per_1000_target"]) == (3, 1, 750.0)
    assert result["term"].tolist() == ["war", "peace"]
    assert result["z"].iloc[1] == pytest.approx(-war["z"])
    assert war["key_for"] == ""


def test_clear_difference_is_key_and_carries_an_example():
    rows = [("a", "A", "Kiev said the talks in Kiev failed.")] * 20 + [("b", "B", "Kyiv said the talks in Kyiv failed.")] * 20
    result = quiet_keyness(sentences(rows), target="A")
    kiev = result[result["term"] == "kiev"].iloc[0]
    assert (kiev["n_target"], kiev["n_reference"], kiev["sentences_target"]) == (40, 0, 20)
    assert kiev["key_for"] == "A" and kiev["z"] > 1.96
    assert (kiev["example_article_id"], kiev["example_sentence"]) == ("a", 0)
    kyiv = result[result["term"] == "kyiv"].iloc[0]
    assert kyiv["key_for"] == "B" and kyiv["example_article_id"] == "b"
    assert result.loc[result["term"] == "talks", "key_for"].item() == ""


def test_min_count_guard():
    table = sentences([("a", "A", "rare common common"), ("b", "B", "common common common")])
    assert "rare" not in set(quiet_keyness(table, target="A")["term"])
    assert "rare" in set(quiet_keyness(table, target="A", min_count=1)["term"])


def test_small_texts_warn(sample_sentences):
    with pytest.warns(UserWarning, match=r"small texts \(Morning Star 410 words; AP wire copy 983 words; "
                                         r"fewer than 5,000 on a side\) and one article only"):
        result = toolkit.keyness(sample_sentences, target="Morning Star")
    top = result.head(3)[["term", "n_target", "n_reference"]].values.tolist()
    assert top == [["mr", 4, 0], ["port", 4, 0], ["ukrainian", 8, 4]]
    assert result.iloc[-1]["term"] == "that" and result.iloc[-1][["n_target", "n_reference"]].tolist() == [2, 20]


def test_bad_groups():
    table = sentences([("a", "A", "one two")])
    with pytest.raises(ValueError, match="keyness needs a reference: 'outlet' has only 'A'"):
        toolkit.keyness(table)
    with pytest.raises(ValueError, match="target 'C' has no sentences; the values of 'outlet' are 'A'"):
        toolkit.keyness(table, target="C", reference="A")
    with pytest.raises(ValueError, match="target and reference overlap"):
        toolkit.keyness(table, target="A", reference="A")
    with pytest.raises(ValueError, match="the sentences table is empty"):
        toolkit.keyness(table.iloc[:0])
    with pytest.raises(ValueError, match="min_count must be at least 1 and prior above 0"):
        toolkit.keyness(table, target="A", min_count=0)


def test_kwic_offsets_point_into_the_article(sample_corpus, sample_sentences):
    body = sample_sentences[sample_sentences["part"] == "body"]
    result = toolkit.kwic(body, ["Kiev", "Kyiv"], window=3)
    text = sample_corpus.articles.set_index("article_id")["text"]
    assert all(text[a][s:e] == m for a, s, e, m in zip(result["article_id"], result["start"], result["end"],
                                                        result["match"]))
    assert result.groupby("outlet")["match"].apply(list).to_dict() == {
        "AP wire copy": ["Kyiv", "Kyiv", "Kyiv"], "Morning Star": ["Kiev"]}
    kiev = result[result["match"] == "Kiev"].iloc[0]
    assert (kiev["left"], kiev["right"]) == ("have not moved ", ".")


def test_kwic_window_wildcard_regex_and_errors():
    table = sentences([("a", "A", "Negotiators met; the negotiations, said one negotiator, failed.")])
    found = toolkit.kwic(table, "negotiat*", window=1)
    assert found[["left", "match", "right"]].values.tolist() == [
        ["", "Negotiators", " met"], ["the ", "negotiations", ", said"], ["one ", "negotiator", ", failed."]]
    assert toolkit.kwic(table, "negotiat*", case_sensitive=True)["match"].tolist() == ["negotiations", "negotiator"]
    assert toolkit.kwic(table, r"\bmet\b", regex=True, window=0)[["left", "right"]].values.tolist() == [["", ""]]
    assert toolkit.kwic(table, "absent").empty
    with pytest.raises(ValueError, match="not a valid regular expression"):
        toolkit.kwic(table, "(", regex=True)
    with pytest.raises(ValueError, match="cue '\\(' has characters other than"):
        toolkit.kwic(table, "(")
    with pytest.raises(ValueError, match="window must be 0 or more"):
        toolkit.kwic(table, "met", window=-1)


def test_side_by_side(sample_sentences):
    wide = toolkit.side_by_side(toolkit.kwic(sample_sentences, "Zelensk*", window=2))
    assert list(wide.columns) == ["AP wire copy", "Morning Star"]
    assert wide["Morning Star"].tolist() == ["President Volodymyr [Zelenskyy] attends a", "President Volodymyr [Zelensky] said his",
                                             "Mr [Zelensky], as well"]
    assert wide["AP wire copy"].tolist() == ["President Volodymyr [Zelenskyy] said \"the", "on Telegram, [Zelenskyy] said the", ""]


def test_an_outlet_without_words_is_a_clear_error():
    table = sentences([("a", "A", "war and peace"), ("b", "Empty", "")])
    with pytest.raises(ValueError, match="reference 'Empty' has sentences but no words: nothing to compare"):
        toolkit.keyness(table, target="A")


def test_rows_record_the_method():
    table = sentences([("a", "A", "war war peace"), ("b", "B", "peace peace war")])
    assert quiet_keyness(table, target="A", min_count=1, prior=0.5)["method"].unique().tolist() == [
        "log-odds informative-dirichlet prior=0.5 min_count=1"]


def test_counts_of_batches_added_up_give_the_keyness_of_the_whole(sample_sentences):
    from toolkit.compare.keyness import group_counts, keyness_of_counts, merge_counts

    articles = sample_sentences["article_id"].unique()
    first = sample_sentences[sample_sentences["article_id"] == articles[0]]
    second = sample_sentences[sample_sentences["article_id"] == articles[1]]
    merged = merge_counts(group_counts(first), group_counts(second))
    pd.testing.assert_frame_equal(keyness_of_counts(merged, top=5), toolkit.keyness_by_group(sample_sentences, top=5))
