"""Grouping the articles of many outlets into events, for corpora too large to read.

Each article (headline and text) becomes a TF-IDF vector of stemmed content words, the same
features as :func:`toolkit.align` uses for sentences. Each article is linked to its nearest
articles (scikit-learn's sparse nearest-neighbour search: ``neighbours`` per article, so memory
grows with the number of articles, not its square) when their cosine similarity reaches the
threshold and, if ``days`` is set, they were published within that many days of each other.
An event is a connected group of linked articles (scipy's connected components).

What it measures is shared vocabulary. Linking is transitive, so a chain of similar articles
can join two events: lower the threshold to merge more, raise it to split more, and read the
summary's top terms and titles to check.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from .._checks import check_columns
from .alignment import _surfaces, components, content_words, kneighbors

#: The columns of ``Events.articles``.
EVENT_ARTICLE_COLUMNS = ["article_id", "outlet", "published", "title", "event", "nearest_similarity", "method"]
#: The columns of ``Events.summary``.
EVENT_SUMMARY_COLUMNS = ["event", "articles", "outlets", "outlet_names", "first", "last", "top_terms", "actors",
                         "titles"]


@dataclass(frozen=True)
class Events:
    """Articles grouped into events.

    Attributes
    ----------
    articles : pandas.DataFrame
        One row per article: ``article_id``, ``outlet``, ``published``, ``title``, ``event``
        (an integer, 1 for the largest event), ``nearest_similarity`` (to its most similar
        other article, whether linked or not) and ``method`` (threshold, days, neighbours).
    summary : pandas.DataFrame
        One row per event: ``articles``, ``outlets`` (how many) and ``outlet_names``, ``first``
        and ``last`` (publication dates), ``top_terms`` (the highest summed TF-IDF weights),
        ``actors`` (most mentioned, with counts; needs ``mentions``) and ``titles`` (up to three).
    """

    articles: pd.DataFrame
    summary: pd.DataFrame


def group_events(articles: pd.DataFrame, *, threshold: float = 0.3, days: float | None = None,
                 mentions: pd.DataFrame | None = None, neighbours: int = 10, top_terms: int = 6) -> Events:
    """Group the articles that report the same event, across outlets.

    Parameters
    ----------
    articles : pandas.DataFrame
        The articles table (:func:`toolkit.load_articles`).
        The headline and the body are used (not the captions).
    threshold : float, default 0.3
        The least cosine similarity for two articles to be linked.
    days : float, optional
        Link only articles published at most this many days apart (articles without a date
        can be linked to any). Default: no limit.
    mentions : pandas.DataFrame, optional
        The mentions table: its actors are listed in the summary.
    neighbours : int, default 10
        How many nearest articles each article can be linked to.
    top_terms : int, default 6
        How many terms to list per event.

    Returns
    -------
    Events
        ``articles`` (each article's event) and ``summary`` (one row per event), sorted by
        event size.

    Raises
    ------
    ValueError
        If the table is empty, or ``threshold`` is outside 0-1, or ``neighbours`` is below 1.

    Examples
    --------
    >>> import pandas as pd
    >>> articles = pd.DataFrame({"article_id": ["a1", "b1", "a2", "b2"], "outlet": ["A", "B", "A", "B"],
    ...     "published": pd.to_datetime(["2025-12-04"] * 4), "title": ["", "", "", ""],
    ...     "text": ["Floods hit the river valley; farmers lost their harvest.",
    ...              "The river flooded the valley and ruined the harvest of farmers.",
    ...              "The central bank raised interest rates to fight inflation.",
    ...              "Inflation pushed the central bank to raise rates again."]})
    >>> group_events(articles).articles["event"].tolist()
    [1, 1, 2, 2]
    """
    check_columns(articles, ["article_id", "outlet", "text"], what="the articles table")
    if not 0 <= threshold <= 1 or neighbours < 1:
        raise ValueError(f"threshold must be between 0 and 1 and neighbours at least 1, not {threshold!r} "
                         f"and {neighbours!r}")
    if articles.empty:
        raise ValueError("the articles table is empty: there are no events to group")
    from sklearn.feature_extraction.text import TfidfVectorizer

    data = articles.reset_index(drop=True)
    titles = data["title"].fillna("").astype(str) if "title" in data else pd.Series([""] * len(data))
    texts = (titles + "\n" + data["text"].fillna("").astype(str)).tolist()
    vectorizer = TfidfVectorizer(analyzer=content_words, sublinear_tf=True)
    vectors = vectorizer.fit_transform(texts)
    n = len(data)
    k = min(neighbours + 1, n)
    similarity, positions = kneighbors(vectors, vectors, k)
    rows = np.repeat(np.arange(n), k)
    cols = positions.ravel()
    sims = similarity.ravel()
    keep = (rows != cols) & (sims >= threshold) & (sims > 0)
    if days is not None and "published" in data:
        dates = pd.to_datetime(data["published"]).to_numpy()
        gap = np.abs((dates[rows] - dates[cols]).astype("timedelta64[s]").astype(float)) / 86400
        keep &= ~(gap > days)  # NaN (no date) keeps the link
    labels = components(n, rows[keep], cols[keep])
    nearest = np.where(positions[:, 0] == np.arange(n), similarity[:, 1] if k > 1 else np.nan, similarity[:, 0])
    sizes = pd.Series(labels).value_counts()
    first_seen = pd.Series(np.arange(n)).groupby(labels).min()
    order = sorted(sizes.index, key=lambda g: (-sizes[g], first_seen[g]))
    number = {g: i for i, g in enumerate(order, start=1)}
    events = pd.DataFrame({"article_id": data["article_id"], "outlet": data["outlet"],
                           "published": data["published"] if "published" in data else pd.NaT,
                           "title": titles, "event": [number[g] for g in labels],
                           "nearest_similarity": np.clip(nearest, 0, 1),
                           "method": f"tfidf-cosine threshold={threshold} days={days} neighbours={neighbours}"},
                          columns=EVENT_ARTICLE_COLUMNS)
    summary = _summary(events, vectors, vectorizer, texts, mentions, top_terms)
    return Events(articles=events, summary=summary)


def _summary(events: pd.DataFrame, vectors, vectorizer, texts: list[str], mentions, top_terms: int) -> pd.DataFrame:
    from ..actors.voices import counted

    names = vectorizer.get_feature_names_out()
    rows = []
    for event, part in events.groupby("event", sort=True):
        index = part.index.to_numpy()
        weights = np.asarray(vectors[index].sum(axis=0)).ravel()
        surfaces: dict[str, str] = {}
        for i in index[:50]:
            for stem, word in _surfaces(texts[i]).items():
                surfaces.setdefault(stem, word)
        terms = [surfaces.get(names[j], names[j].lstrip("@#")) for j in np.argsort(-weights, kind="stable")[:top_terms]
                 if weights[j] > 0]
        actors = ""
        if mentions is not None and len(mentions):
            actors = counted(mentions.loc[mentions["article_id"].isin(part["article_id"]), "actor"], top=5)
        dates = pd.to_datetime(part["published"])
        rows.append({"event": event, "articles": len(part), "outlets": part["outlet"].nunique(),
                     "outlet_names": ", ".join(sorted(part["outlet"].unique())), "first": dates.min(),
                     "last": dates.max(), "top_terms": ", ".join(terms), "actors": actors,
                     "titles": " | ".join(t for t in part["title"].head(3) if t)})
    return pd.DataFrame(rows, columns=EVENT_SUMMARY_COLUMNS)
