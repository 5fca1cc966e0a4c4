import numpy as np
import pandas as pd
import pytest

from toolkit import (evidence, evidence_html, extract_quotes, find_mentions, framing_table, load_actors,
                     sample_actors_path, score_mentions, score_sentences)
from toolkit.tone.framing import FRAMING_COLUMNS
from toolkit.parallel import map_in_chunks
from toolkit.tone.stance import STANCE_COLUMNS, _score_chunk


@pytest.fixture(scope="module")
def sample(sample_sentences):
    actors = load_actors(sample_actors_path())
    mentions = find_mentions(sample_sentences, actors)
    quotes = extract_quotes(sample_sentences, actors, mentions=mentions)
    return mentions, quotes, score_mentions(mentions, sample_sentences, quotes=quotes)


def test_scored_mentions(sample):
    mentions, _, scored = sample
    assert list(scored.columns) == list(mentions.columns) + STANCE_COLUMNS
    assert scored["label"].value_counts().to_dict() == {"neutral": 79, "negative": 59, "positive": 21}
    aggressor = scored[scored["surface"] == "the aggressor"]
    assert aggressor[["in_quote", "quote_speaker"]].values.tolist() == [[True, "Volodymyr Zelenskyy"],
                                                                      [True, "Elina Valtonen"]]


def test_one_and_two_processes_give_identical_results(sample, sample_sentences):
    mentions, quotes, scored = sample
    again = score_mentions(mentions, sample_sentences, quotes=quotes, processes=2)
    pd.testing.assert_frame_equal(again, scored)
    sentences = pd.concat([sample_sentences] * 3, ignore_index=True)
    pd.testing.assert_frame_equal(score_sentences(sentences, processes=1), score_sentences(sentences, processes=2))
    triples = [("Critics praised the brave doctor.", 20, 32), ("The minister arrived.", 4, 12)] * 5
    assert map_in_chunks(_vader_chunk, triples, processes=1) == map_in_chunks(_vader_chunk, triples, processes=2)


def _vader_chunk(items):
    return _score_chunk(items, "vader-window")


def test_framing_table_has_every_actor_for_each_outlet(sample):
    _, quotes, scored = sample
    table = framing_table(scored, quotes)
    assert list(table.columns) == ["outlet", "actor", *FRAMING_COLUMNS]
    assert table.groupby("outlet").size().to_dict() == {"AP wire copy": 55, "Morning Star": 55}
    row = table[(table["outlet"] == "Morning Star") & (table["actor"] == "Vladimir Putin")].iloc[0]
    assert row[["mentions", "n", "too_few", "naming", "top_verbs"]].tolist() == [3, 3, True, "Putin 2, Vladimir Putin 1",
                                                                             "say 1, tell 1"]
    assert row["share_of_voice"] == pytest.approx(42 / 144)
    assert np.isnan(row["ci_low"]) and np.isnan(row["ci_high"])   # 3 mentions: too few for an interval
    enough = table[~table["too_few"]]
    assert len(enough) == 8 and (enough["ci_low"] <= enough["mean_score"]).all() and \
        (enough["mean_score"] <= enough["ci_high"]).all()
    assert table.loc[table["too_few"], ["ci_low", "ci_high"]].isna().all().all()
    assert table[table["mentions"] == 0]["too_few"].all()
    pd.testing.assert_frame_equal(framing_table(scored, quotes), table)   # same seed, same intervals


def test_framing_table_from_one_grouped_pass_gives_the_values_of_the_loop_over_every_cell():
    """Issue 28: the table is computed in one grouped pass over the mentions and quotes that exist
    (not by filtering them for each outlet x actor); these values were written down from the loop
    over every cell that it replaces: the cells no mention reaches, the top three verbs, a missing
    score, and the bootstrap intervals drawn in the order of the cells."""
    nan = float("nan")
    scored = pd.DataFrame({
        "outlet": ["B", "A", "A", "B", "A", "A", "A", "A", "C", "B", "C", "C"],
        "actor": ["Kyiv", "Putin", "Putin", "Putin", "Putin", "Kyiv", "Putin", "Putin", "Kyiv", "Kyiv", "Kyiv", "Kyiv"],
        "variant": ["Kyiv", "Putin", "Mr Putin", "Putin", "the aggressor", "Kiev", "Putin", "Mr Putin", "Kyiv", "Kiev",
                    "Kyiv", "Kiev"],
        "kind": ["name", "name", "title", "name", "label", "name", "name", "title", "name", "name", "name", "name"],
        "score": [0.1, -0.5, -0.25, 0.0, -0.75, 0.5, 0.25, nan, 0.3, -0.1, 0.5, -0.2],
        "label": ["neutral", "negative", "negative", "neutral", "negative", "positive", "positive", "neutral",
                  "positive", "neutral", "positive", "negative"],
        "in_quote": [False, True, False, False, True, False, False, False, False, True, True, False], "method": "m"})
    quotes = pd.DataFrame({"outlet": ["A", "A", "A", "A", "B", "C", "A", "A", "A"],
                           "actor": ["Putin", "Putin", "Putin", None, "Kyiv", "Putin", "Putin", "Putin", "Putin"],
                           "words": [10, 4, 6, 5, 3, 8, 2, 2, 1],
                           "verb": ["say", "claim", "", "say", "tell", "warn", "warn", "warn", "tell"]})
    roles = pd.DataFrame({"outlet": ["A", "A", "C"], "actor": ["Putin", "Putin", "Kyiv"],
                          "role": ["villain", "villain", "victim"]})
    table = framing_table(scored, quotes, roles=roles, min_n=3, n_boot=50)
    assert table.round(4).astype(object).where(table.notna(), None).values.tolist() == [
        ["A", "Kyiv", 1, 0.1667, 0.0, 1, 0.5, None, None, True, 0, 0, 1, 0, "Kiev 1", "", "", "m", 0, None, None, None, ""],
        ["A", "Putin", 5, 0.8333, 0.8333, 5, None, None, None, False, 3, 1, 1, 2, "Mr Putin 2, Putin 2", "the aggressor 1",
         "warn 2, claim 1, say 1", "m", 2, 0.0, 1.0, 0.0, "villain"],
        ["B", "Kyiv", 2, 0.6667, 1.0, 2, 0.0, None, None, True, 0, 2, 0, 1, "Kiev 1, Kyiv 1", "", "tell 1", "m", 0, None,
         None, None, ""],
        ["B", "Putin", 1, 0.3333, 0.0, 1, 0.0, None, None, True, 0, 1, 0, 0, "Putin 1", "", "", "m", 0, None, None, None, ""],
        ["C", "Kyiv", 3, 1.0, 0.0, 3, 0.2, -0.0333, 0.4333, False, 1, 0, 2, 1, "Kyiv 2, Kiev 1", "", "", "m", 1, 0.0, 0.0,
         1.0, "victim"],
        ["C", "Putin", 0, 0.0, 1.0, 0, None, None, None, True, 0, 0, 0, 0, "", "", "warn 1", "m", 0, None, None, None, ""]]
    assert table["mentions"].dtype == "int64" and table["too_few"].dtype == bool
    # quotes none of whose speakers is an actor (unnamed sources): no voice, no verbs, as the loop gave
    unnamed = framing_table(scored, quotes.assign(actor=None))
    assert unnamed[["share_of_voice", "top_verbs"]].drop_duplicates().values.tolist() == [[0.0, ""]]


def test_evidence_is_one_call_away(sample, sample_sentences):
    _, _, scored = sample
    rows = evidence(scored, sample_sentences, actor="Russia", outlet="AP wire copy", label="negative")
    assert len(rows) == (scored[(scored["actor"] == "Russia") & (scored["outlet"] == "AP wire copy")]["label"] == "negative").sum()
    assert all("«" in h and "»" in h for h in rows["highlighted"])
    assert rows["score"].is_monotonic_increasing
    assert "<mark>" in evidence_html(rows)


def test_bad_input(sample, sample_sentences):
    mentions, _, _ = sample
    with pytest.raises(ValueError, match="method='gpt' is not valid"):
        score_mentions(mentions, sample_sentences, method="gpt")
    with pytest.raises(ValueError, match="mentions refer to sentences that are not in the sentences table"):
        score_mentions(mentions, sample_sentences.iloc[:3])
    with pytest.raises(ValueError, match="the scored mentions lacks the column"):
        framing_table(mentions)
    with pytest.raises(ValueError, match="processes=0 must be at least 1"):
        map_in_chunks(len, [1, 2], processes=0)
    assert np.isnan(framing_table(pd.DataFrame({"outlet": ["A"], "actor": ["X"], "variant": ["X"], "kind": ["name"],
                                                "score": [np.nan], "label": ["neutral"], "in_quote": [False],
                                                "method": ["m"]}))["mean_score"].iloc[0])
