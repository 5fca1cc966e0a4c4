import numpy as np
import pandas as pd
import pytest

import toolkit

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
                         "published": pd.Timestamp("2025-12-04") + pd.Timedelta(days=2 * i if event == "flood" else 0),
                         "text": text})
    return pd.DataFrame(rows)


def test_articles_grouped_by_event_across_outlets(articles):
    events = toolkit.group_events(articles)
    assert events.articles["event"].tolist() == [1, 1, 1, 2, 2, 2, 3, 3]
    summary = events.summary.set_index("event")
    assert summary.loc[1, ["articles", "outlets", "outlet_names"]].tolist() == [3, 3, "Outlet 0, Outlet 1, Outlet 2"]
    assert summary.loc[1, "top_terms"].split(", ")[:3] == ["farmers", "floods", "harvest"]
    assert (summary.loc[1, "first"], summary.loc[1, "last"]) == (pd.Timestamp("2025-12-04"), pd.Timestamp("2025-12-08"))
    assert summary.loc[3, "articles"] == 2
    assert (events.articles["nearest_similarity"] > 0.3).all()


def test_threshold_and_days(articles):
    assert toolkit.group_events(articles, threshold=1.0).articles["event"].nunique() == 8
    split = toolkit.group_events(articles, days=1).articles.set_index("article_id")["event"]
    assert split["flood-0"] != split["flood-1"] and split["rates-0"] == split["rates-1"]


def test_actors_in_the_summary(articles):
    mentions = pd.DataFrame({"article_id": ["rates-0", "rates-1"], "actor": ["Central bank", "Central bank"]})
    summary = toolkit.group_events(articles, mentions=mentions).summary.set_index("event")
    assert summary.loc[2, "actors"] == "Central bank 2" and summary.loc[1, "actors"] == ""


def test_single_article_and_errors(articles):
    one = toolkit.group_events(articles.head(1))
    assert one.articles["event"].tolist() == [1] and np.isnan(one.articles["nearest_similarity"].iloc[0])
    with pytest.raises(ValueError, match="the articles table is empty"):
        toolkit.group_events(articles.iloc[:0])
    with pytest.raises(ValueError, match="threshold must be between 0 and 1 and neighbours at least 1"):
        toolkit.group_events(articles, neighbours=0)
    with pytest.raises(ValueError, match="lacks the column\\(s\\) 'text'"):
        toolkit.group_events(articles.drop(columns="text"))


def test_near_duplicates_do_not_blow_up():
    texts = [f"Drones hit the Ternivka depot overnight, wave {i % 4}" for i in range(3000)]
    table = pd.DataFrame({"article_id": [f"x{i}" for i in range(3000)], "outlet": [f"o{i % 30}" for i in range(3000)],
                          "text": texts})
    events = toolkit.group_events(table, neighbours=5)
    assert events.summary["articles"].tolist() == [750, 750, 750, 750]


def test_rows_record_the_method(articles):
    assert toolkit.group_events(articles, days=2).articles["method"].unique().tolist() == [
        "tfidf-cosine threshold=0.3 days=2 neighbours=10"]
