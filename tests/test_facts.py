"""Facts: constrained average-link clustering, fragments, and the published figures."""
import numpy as np
import pandas as pd
import pytest

from toolkit.compare.facts import (FLOOR, LINK, MIN_SHARED, OTHER_WORDS, SURE, cluster_facts, fact_validation,
                                   furniture_reason)
from devtools.fact_eval import evaluate_facts, gold_corpus_sentences, score_corpus
from devtools.fact_gold import fact_gold_path, read_fact_gold


def _similarity(matrix):
    sims = np.array(matrix, dtype=float)
    return lambda a, b: sims[np.ix_(a, b)]


def test_average_link_keeps_a_member_close_to_the_whole_fact():
    # 0-1 and 1-2 are alike, 0-2 much less: 2 joins only if its mean similarity to {0, 1} reaches the link
    sims = [[1, 0.8, 0.1], [0.8, 1, 0.6], [0.1, 0.6, 1]]
    pairs = [(0, 1, 0.8), (1, 2, 0.6)]
    assert cluster_facts(_similarity(sims), np.array(["a", "b", "c"]), pairs, link=0.3).tolist() == [0, 0, 0]
    assert cluster_facts(_similarity(sims), np.array(["a", "b", "c"]), pairs, link=0.4).tolist() == [0, 0, 2]


def test_every_pair_of_a_fact_shares_something():
    sims = [[1, 0.9, 0.0], [0.9, 1, 0.9], [0.0, 0.9, 1]]   # mean of 2 to {0, 1} is 0.45, but 0 and 2 share nothing
    pairs = [(0, 1, 0.9), (1, 2, 0.9)]
    assert cluster_facts(_similarity(sims), np.array(["a", "b", "c"]), pairs, link=0.3, floor=FLOOR).tolist() == [
        0, 0, 2]


def test_defaults_are_the_chosen_settings():
    assert (LINK, FLOOR, OTHER_WORDS, MIN_SHARED, SURE) == (0.3, 0.05, 0.12, 4, 0.5)


@pytest.mark.parametrize("text, reason", [
    ("Reuters", "fragment"), ("All news", "fragment"), ("403", "fragment"), ("FLORIDA", "fragment"),
    ("regular-article-logo Thursday, 04 December 2025", "fragment"), ("AFP via Getty Images", "credit, byline or prompt"),
    ("By RFE/RL December 06, 2025", "credit, byline or prompt"),
    ("By Jonathan Martin and Maggie Haberman", "credit, byline or prompt"),
    ("Photo: Kevin Lamarque/Reuters shows the president at the rally", "credit, byline or prompt"),
    ("Sign up now: Get ST's newsletters delivered to your inbox", "credit, byline or prompt"),
    ("MOSCOW, December 3.", "dateline"), ("NEW YORK, Dec. 4", "dateline"),
    ("WASHINGTON - President Trump said on Monday that he would meet Kim.", ""),
    ("Several more were wounded.", ""), ("Why?", "fragment"), ("TEAR gas.", "fragment"), ("IT'S official.", "fragment"),
    ("By Tuesday, the bill had passed the Senate.", ""),
    ("Two of his fund-raisers have already been charged.", ""),
])
def test_furniture_reason(text, reason):
    assert furniture_reason(text) == reason


def test_evaluate_facts_on_a_literal_gold():
    gold = pd.DataFrame({"article_id": ["a", "b", "c", "a"], "sentence": [0, 0, 0, 1],
                         "facts": [["F1"], ["F1"], ["F1"], ["F2"]]})
    found = pd.DataFrame({"article_id": ["a", "b", "c", "a"], "sentence": [0, 0, 0, 1], "fact": [1, 1, 2, 2]})
    scores = evaluate_facts(found, gold)
    assert (scores["predicted"], scores["gold"], scores["right"]) == (2, 3, 1)
    assert (scores["precision"], round(scores["recall"], 3), round(scores["recall_articles"], 3)) == (0.5, 0.333, 0.333)


def test_published_figures_of_the_fictional_gold_are_what_the_code_gives():
    gold = read_fact_gold(fact_gold_path())
    scores, checked = score_corpus(gold_corpus_sentences(gold, fact_gold_path().with_suffix("")), gold)
    published = fact_validation().set_index("gold_set").loc["fictional"]
    for name in ("predicted", "gold", "right", "largest_fact", "omissions"):
        assert scores[name] == published[name], name
    for name in ("precision", "recall", "recall_articles", "real_omissions"):
        assert round(scores[name], 6) == round(published[name], 6), name
    assert (checked["verdict"] == "real").sum() == 37 and len(checked) == 38
    assert scores["largest_fact"] == 4          # no chain: at most one sentence per article of the event
    from devtools.fact_eval import gold_size
    assert {k: published[k] for k in ("events", "articles", "sentences", "outlets")} == gold_size(gold) == {
        "events": 3, "articles": 12, "sentences": 296, "outlets": 4}


def test_published_figures_cover_development_and_held_out_sets():
    table = fact_validation()
    assert table[["gold_set", "role"]].values.tolist() == [
        ["fictional", "held out"], ["basil-dev", "development: the settings were chosen here"],
        ["basil-heldout", "held out"]]
    assert (table["largest_fact"] <= 4).all() and (table["precision"] > 0.7).all()


def test_the_fact_gold_readme_gives_the_recorded_figures():
    from devtools.fact_eval import results_table

    assert results_table() in fact_gold_path().with_name("README.md").read_text(encoding="utf-8")


def test_the_report_s_facts_figures_are_the_recorded_ones():
    from toolkit.report.methods import validation_figures

    recorded = fact_validation().set_index("gold_set")
    shown = validation_figures().query("step == 'facts'")
    names = {"pair precision": "precision", "article-pair recall": "recall_articles"}
    sets = ["fictional", "fictional", "basil-heldout", "basil-heldout"]
    for gold_set, row in zip(sets, shown.itertuples()):
        assert row.value == round(recorded.at[gold_set, names[row.measure]], 2), (gold_set, row.measure)
