import numpy as np
import pandas as pd
import pytest
import scipy.sparse as sp

import toolkit
from toolkit.compare.events import single_pass

EVENTS = {
    "flood": ["Floods swept the river valley and farmers lost the harvest",
              "The river flooded the valley, ruining the farmers' harvest",
              "Farmers count harvest losses after the valley floods"],
    "rates": ["The central bank raised interest rates to curb inflation",
              "Inflation pushed the central bank to raise rates again",
              "Central bank rate rise aims at stubborn inflation"],
    "match": ["The national team won the football final in extra time",
              "Extra time goal wins the football final for the national team"],
}


@pytest.fixture
def articles():
    rows = []
    for event, texts in EVENTS.items():
        for i, text in enumerate(texts):
            rows.append({"article_id": f"{event}-{i}", "outlet": f"Outlet {i}", "title": "",
                         "published": pd.Timestamp("2025-12-04") + pd.Timedelta(days=i if event == "flood" else 0),
                         "text": text})
    return pd.DataFrame(rows)


def test_articles_grouped_by_event_across_outlets(articles):
    events = toolkit.group_events(articles)
    # numbered in time order (then by article_id); the summary puts the most covered first
    assert events.articles["event"].tolist() == ["E1", "E1", "E1", "E3", "E3", "E3", "E2", "E2"]
    summary = events.summary.set_index("event")
    assert events.summary["event"].tolist() == ["E1", "E3", "E2"]
    assert summary.loc["E1", ["articles", "outlets", "outlet_names", "comparable"]].tolist() == [
        3, 3, "Outlet 0, Outlet 1, Outlet 2", True]
    assert summary.loc["E1", "top_terms"].split(", ")[:3] == ["farmers", "floods", "harvest"]
    assert summary.loc["E1", "label"] == "farmers, floods, harvest, valley"
    assert (summary.loc["E1", "first"], summary.loc["E1", "last"]) == (pd.Timestamp("2025-12-04"), pd.Timestamp("2025-12-06"))
    assert summary.loc["E2", "articles"] == 2
    assert events.articles["similarity"].round(2).tolist() == [1.0, 0.66, 0.55, 1.0, 0.74, 0.51, 1.0, 0.74]


def test_threshold_and_days(articles):
    assert toolkit.group_events(articles, threshold=1.0).articles["event"].nunique() == 8
    # the window counts from an event's first article: flood-2 (day 2) is 1 day after flood-1 (day 1),
    # which joined, but 2 days after the event began
    split = toolkit.group_events(articles, days=1.5).articles.set_index("article_id")["event"]
    assert split["flood-0"] == split["flood-1"] != split["flood-2"] and split["rates-0"] == split["rates-1"]


def test_given_events_are_kept_and_the_rest_grouped(articles):
    given = articles.assign(event=["storm", "storm", "", None, None, None, "cup", "cup"])
    events = toolkit.group_events(given).articles.set_index("article_id")
    assert events["event"].tolist() == ["storm", "storm", "auto-E2", "auto-E1", "auto-E1", "auto-E1", "cup", "cup"]
    assert events["method"].tolist()[:3] == ["given", "given", "single-pass tfidf-centroid threshold=0.2 days=3"]
    assert events["similarity"].isna().tolist() == [True, True, False, False, False, False, True, True]


def test_actors_in_the_summary_and_label(articles):
    mentions = pd.DataFrame({"article_id": ["rates-0", "rates-1", "rates-1"],
                             "actor": ["Central bank", "Central bank", "Finance ministry"]})
    summary = toolkit.group_events(articles, mentions=mentions).summary.set_index("event")
    assert summary.loc["E3", "actors"] == "Central bank 2, Finance ministry 1" and summary.loc["E1", "actors"] == ""
    assert summary.loc["E3", "label"].endswith(" · Central bank, Finance ministry")


def test_single_article_undated_articles_and_errors(articles):
    one = toolkit.group_events(articles.head(1))
    assert one.articles["event"].tolist() == ["E1"] and one.summary["comparable"].tolist() == [False]
    undated = toolkit.group_events(articles.assign(published=pd.NaT)).articles["event"].tolist()
    assert undated == ["E1", "E1", "E1", "E3", "E3", "E3", "E2", "E2"]
    no_dates = toolkit.group_events(articles.drop(columns=["published", "title"])).articles["event"]
    assert no_dates.tolist() == undated
    with pytest.raises(ValueError, match="the articles table is empty"):
        toolkit.group_events(articles.iloc[:0])
    with pytest.raises(ValueError, match="threshold must be between 0 and 1 and days 0 or more, not 1.5 and 3"):
        toolkit.group_events(articles, threshold=1.5)
    with pytest.raises(ValueError, match="lacks the column\\(s\\) 'text'"):
        toolkit.group_events(articles.drop(columns="text"))


def test_single_pass_is_exact_across_batches():
    """Batches only bound memory: the events are the same as one item at a time."""
    rng = np.random.default_rng(0)
    rows = sp.csr_matrix(rng.random((300, 40)) * (rng.random((300, 40)) < 0.15))
    rows = sp.csr_matrix(rows.multiply(1 / np.sqrt(rows.multiply(rows).sum(axis=1) + 1e-12)))
    dates = np.datetime64("2026-01-01") + np.sort(rng.integers(0, 30, 300)).astype("timedelta64[D]")
    one, sims_one = single_pass(rows, dates, threshold=0.3, days=3, batch=1)
    many, sims_many = single_pass(rows, dates, threshold=0.3, days=3, batch=64)
    assert one.tolist() == many.tolist() and np.allclose(sims_one, sims_many)
    assert 20 < one.max() < 280


def test_near_duplicates_do_not_blow_up():
    texts = [f"Drones hit the Ternivka depot overnight, wave {i % 4}" for i in range(3000)]
    table = pd.DataFrame({"article_id": [f"x{i}" for i in range(3000)], "outlet": [f"o{i % 30}" for i in range(3000)],
                          "text": texts})
    events = toolkit.group_events(table)
    assert events.summary["articles"].tolist() == [3000]


def test_the_published_validation_figures():
    """data/gold/events: dev (the settings were chosen on it) and held-out (scored once)."""
    from toolkit.dev.event_eval import score_gold_set

    root = toolkit.sample_data_path().parent / "gold" / "events"
    dev = score_gold_set(root, "dev")
    assert (dev["articles"], dev["gold_events"], dev["found_events"], round(dev["adjusted_rand"], 3)) == (48, 14, 15, 0.927)
    heldout = score_gold_set(root, "heldout")
    assert (heldout["articles"], heldout["gold_events"], heldout["found_events"], round(heldout["adjusted_rand"], 3)) == (
        50, 15, 15, 0.908)
