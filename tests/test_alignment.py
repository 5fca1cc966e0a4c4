import pandas as pd
import pytest

import toolkit
from toolkit.compare.alignment import content_words, numbers

AP, MS = "002_4cb80e3135c7eb75", "000_f630b2af681dd528"


def sentences(*rows):
    """A sentences table from (article_id, outlet, text) rows."""
    return pd.DataFrame([{"article_id": a, "outlet": o, "sentence": i, "start": 0, "text": t}
                         for i, (a, o, t) in enumerate(rows)])


@pytest.fixture(scope="module")
def body(sample_sentences):
    return sample_sentences[sample_sentences["part"] == "body"]


@pytest.fixture(scope="module")
def mentions(body):
    return toolkit.find_mentions(body, toolkit.load_actors(toolkit.sample_actors_path()))


@pytest.fixture(scope="module")
def pairs(body, mentions):
    return toolkit.align(body, mentions=mentions)


def pair_keys(table):
    return {(a, b) for a, b in zip(table["sentence_a"], table["sentence_b"])}


def test_numbers_and_features():
    assert numbers("Four regions, a 12-year-old boy, 1,200 drones and one thing") == ["4", "12", "1200"]
    assert content_words("Kiev said the territories were taken", actors=["Kyiv"]) == [
        "kiev", "territori", "taken", "@Kyiv"]


def test_sample_pairs_the_four_shared_facts(pairs):
    # a = AP wire copy, b = Morning Star
    assert set(pairs["outlet_a"]) == {"AP wire copy"} and set(pairs["outlet_b"]) == {"Morning Star"}
    keys = pair_keys(pairs)
    assert (8, 7) in keys    # the Miami meeting with Ukraine's delegation
    assert (0, 8) in keys    # Putin's talks with the US envoys at the Kremlin
    assert (7, 8) in keys
    assert (41, 1) in keys   # the drone strike in Dnipropetrovsk, through Haivanenko
    assert (19, 14) in keys  # the territory question
    assert len(pairs) == 19


def test_pairs_carry_their_evidence(pairs):
    strike = pairs[(pairs["sentence_a"] == 41) & (pairs["sentence_b"] == 1)].iloc[0]
    assert strike["shared_actors"] == "Dnipropetrovsk region, Ukraine, Vladyslav Haivanenko"
    assert strike["shared_words"] == "killing"
    assert strike["mutual"]
    assert round(strike["similarity"], 3) == 0.326
    assert strike["text_b"].startswith("The strike on Ukraine's central Dnipropetrovsk region")
    miami = pairs[(pairs["sentence_a"] == 8) & (pairs["sentence_b"] == 7)].iloc[0]
    assert miami["shared_actors"] == "Jared Kushner, Miami, Steve Witkoff"
    assert miami["shared_words"] == "meet, Thursday, official"
    territory = pairs[(pairs["sentence_a"] == 19) & (pairs["sentence_b"] == 14)].iloc[0]
    assert territory["shared_words"] == "territory" and territory["mutual"]


def test_mentions_make_spellings_meet():
    table = sentences(("a", "A", "Zelensky met the mayor of Kiev on Monday."),
                      ("b", "B", "Zelenskyy met the mayor of Kyiv on Monday."))
    actors = toolkit.load_actors(toolkit.sample_actors_path())
    mentions = toolkit.find_mentions(table, actors)
    with_actors = toolkit.align(table, mentions=mentions)
    assert with_actors["similarity"].round(6).tolist() == [1.0]
    assert with_actors["shared_actors"].tolist() == ["Kyiv, Volodymyr Zelenskyy"]
    without = toolkit.align(table)
    assert without["similarity"].round(3).tolist() == [0.432]


def test_threshold_and_within():
    table = sentences(("a", "A", "Floods hit the valley."), ("b", "B", "Floods hit the green valley."),
                      ("c", "A", "Rates rose."), ("d", "B", "Rates rose sharply."))
    table["day"] = [1, 2, 1, 2]
    assert pair_keys(toolkit.align(table)) == {(0, 1), (2, 3)}
    assert toolkit.align(table, threshold=1.0, mutual_threshold=1.0).empty
    table["day"] = [1, 1, 2, 3]
    assert pair_keys(toolkit.align(table, within="day")) == {(0, 1)}


def test_one_outlet_is_a_clear_error():
    table = sentences(("a", "A", "Floods hit the valley."))
    with pytest.raises(ValueError, match="needs sentences from at least two values of 'outlet'; found 'A'"):
        toolkit.align(table)
    with pytest.raises(ValueError, match="found none"):
        toolkit.coverage(table.iloc[:0])


def test_bad_options():
    table = sentences(("a", "A", "Floods."), ("b", "B", "Floods."))
    with pytest.raises(ValueError, match="threshold and mutual_threshold must be between 0 and 1, not 1.5"):
        toolkit.align(table, threshold=1.5)
    with pytest.raises(ValueError, match="top must be at least 1, not 0"):
        toolkit.align(table, top=0)
    with pytest.raises(ValueError, match="lacks the column\\(s\\) 'start'"):
        toolkit.align(table.drop(columns="start"))


def test_sentences_without_content_words_give_no_pairs():
    table = sentences(("a", "A", "He said so."), ("b", "B", "It was."))
    assert toolkit.align(table).empty
    cov = toolkit.coverage(table)
    assert cov["only_in"].tolist() == ["A", "A", "B", "B"]


def test_near_duplicates_are_bounded_by_top():
    texts = [f"Russian drones hit the town of Ternivka {i % 3} times overnight." for i in range(400)]
    table = sentences(*[(f"x{i}", "A" if i < 200 else "B", t) for i, t in enumerate(texts)])
    pairs = toolkit.align(table, top=2)
    assert len(pairs) <= 2 * 400
    assert (pairs["similarity"] > 0.99).all()
    assert toolkit.coverage(table)["fact"].nunique() == 3


def test_coverage_of_the_sample(body, mentions):
    table = toolkit.coverage(body, mentions=mentions)
    assert set(table.groupby("fact")["outlet"].count()) == {2}  # every outlet on every fact
    only = table[(table["only_in"] != "") & (table["sentences"] > 0)]
    ms_only = set(only.loc[only["outlet"] == "Morning Star", "first_sentence"])
    ap_only = set(only.loc[only["outlet"] == "AP wire copy", "first_sentence"])
    assert {4, 12} <= ms_only    # Turkey's call; the frozen-assets dispute
    assert 36 in ap_only         # Canada, Germany, Poland and the Netherlands buy weapons
    assert ms_only == {4, 6, 9, 10, 12, 13}
    assert len(ap_only) == 34
    assets = only[only["first_sentence"].eq(12) & only["outlet"].eq("Morning Star")].iloc[0]
    assert assets["label"] == "assets, fearing, deal, European Central Bank"
    absent = table[(table["fact"] == assets["fact"]) & (table["outlet"] == "AP wire copy")].iloc[0]
    assert absent["sentences"] == 0 and absent["text"] == ""
    assert absent["nearest_sentence"] == 10 and round(absent["nearest_similarity"], 3) == 0.107
    shared = table[table["reported_by"] == 2]
    assert shared["fact"].nunique() == 3
    territory = shared[shared["first_sentence"].isin([14, 19])]
    assert territory["first_sentence"].tolist() == [19, 14]


def test_rows_record_their_method(pairs, body):
    assert pairs["method"].unique().tolist() == ["tfidf-cosine threshold=0.15 mutual_threshold=0.12 top=3 actors"]
    assert toolkit.coverage(body, threshold=0.3)["method"].unique().tolist() == [
        "tfidf-cosine threshold=0.3 mutual_threshold=0.12 top=3"]
