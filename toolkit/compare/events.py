"""Grouping the articles of many outlets into events: the first step of every comparison.

Outlets are compared within an event (the same happening), never across events; outlet
profiles then aggregate over events. An event is one happening (an accident, a vote, a
meeting, a ruling) with its aftermath and reactions reported within a few days.

Given events
    An ``event`` column in the input (a table column, or the manifest) is taken as it is.
    Articles with an empty ``event`` are grouped automatically among themselves, into events
    named ``auto-E01``, ``auto-E02``, ...

Automatic grouping (single-pass clustering, as in topic detection and tracking)
    Each article (headline and body) becomes a TF-IDF vector of stemmed content words, the
    features :func:`toolkit.align` uses for sentences. The articles are read in time order;
    each joins the event whose centroid (the sum of its articles' vectors) it is most similar
    to, if the cosine similarity reaches ``threshold`` and the event began at most ``days``
    days before the article; otherwise it starts a new event. Articles without a date come
    last and may join any event. Comparing with the centroid of an event, rather than with its
    nearest article, keeps a chain of similar stories from merging two events; the window,
    counted from an event's first article, keeps later happenings in the same place or with
    the same people apart. No pair of articles far apart in time is ever compared: the cost
    grows with the articles times the events open at a time, not with the square of the corpus.

Validated on ``data/gold/events/`` (fictional articles written blind to this code, with traps:
the same place or people in different events, the same event in very different words). The
settings were chosen on the ``dev`` set and scored once on the ``heldout`` set; figures in
the README there and in :data:`VALIDATION`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from .._checks import check_columns
from .alignment import _surfaces, content_words

#: Default settings of the automatic grouping (chosen on ``data/gold/events/dev``).
THRESHOLD = 0.2
DAYS = 3
#: Articles compared with the open events in one matrix product (memory: this squared, floats).
BATCH = 1024

#: The columns of ``Events.articles``.
EVENT_ARTICLE_COLUMNS = ["article_id", "outlet", "published", "title", "event", "similarity", "method"]
#: The columns of ``Events.summary``.
EVENT_SUMMARY_COLUMNS = ["event", "label", "articles", "outlets", "outlet_names", "comparable", "first", "last",
                         "top_terms", "actors", "titles", "method"]


@dataclass(frozen=True)
class Events:
    """Articles grouped into events.

    Attributes
    ----------
    articles : pandas.DataFrame
        One row per article: ``article_id``, ``outlet``, ``published``, ``title``, ``event``
        (its event's id), ``similarity`` (cosine similarity to its event's centroid when it
        joined; 1 for the article that began the event; empty for given events) and ``method``.
    summary : pandas.DataFrame
        One row per event, the most covered first (most outlets, then most articles):
        ``event``, ``label`` (its top terms, and its most mentioned actors given mentions),
        ``articles``, ``outlets`` (how many) and ``outlet_names``, ``comparable`` (two or more
        outlets report it: outlets can be compared on it), ``first`` and ``last`` (publication
        dates), ``top_terms`` (the highest summed TF-IDF weights), ``actors`` (with counts),
        ``titles`` (up to three) and ``method``.
    """

    articles: pd.DataFrame
    summary: pd.DataFrame


def _vectors(data: pd.DataFrame):
    """TF-IDF vectors (rows of unit length) of headline and body, the vectorizer and the texts."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    titles = data["title"].fillna("").astype(str) if "title" in data else pd.Series([""] * len(data), index=data.index)
    texts = (titles + "\n" + data["text"].fillna("").astype(str)).tolist()
    vectorizer = TfidfVectorizer(analyzer=content_words, sublinear_tf=True)
    return vectorizer.fit_transform(texts).tocsr(), vectorizer, texts


def single_pass(vectors, dates: np.ndarray, *, threshold: float = THRESHOLD, days: float = DAYS,
                batch: int = BATCH) -> tuple[np.ndarray, np.ndarray]:
    """Single-pass clustering of unit vectors in time order (see the module's documentation).

    Parameters
    ----------
    vectors : scipy.sparse matrix
        One row of unit length per item, in time order (undated items last).
    dates : numpy.ndarray of datetime64
        One per row, NaT for undated items.
    threshold : float
        The least cosine similarity to an event's centroid to join it.
    days : float
        How many days after an event's first item an item may still join it.
    batch : int
        Items compared with the open events in one matrix product.

    Returns
    -------
    labels : numpy.ndarray of int
        The event of each row, numbered from 0 in order of creation.
    similarity : numpy.ndarray of float
        Each row's similarity to its event's centroid when it joined (1.0 for the first row).

    Examples
    --------
    >>> import numpy as np, scipy.sparse as sp
    >>> rows = sp.csr_matrix(np.array([[1, 0], [0.8, 0.6], [0, 1], [1, 0]]))
    >>> dates = np.array(["2026-01-01", "2026-01-02", "2026-01-02", "2026-01-09"], dtype="datetime64[D]")
    >>> labels, similarity = single_pass(rows, dates, threshold=0.5, days=3)
    >>> labels.tolist(), similarity.round(2).tolist()
    ([0, 0, 1, 2], [1.0, 0.8, 1.0, 1.0])
    """
    import scipy.sparse as sp

    n = vectors.shape[0]
    labels = np.full(n, -1, dtype=np.int64)
    similarity = np.ones(n)
    window = np.timedelta64(int(round(days * 86400)), "s")
    dates = dates.astype("datetime64[s]")
    sums: list = []                         # each event's summed vectors (sparse rows), up to the last batch
    norms2 = np.zeros(0)                    # the squared norm of each event's sum, kept exact
    firsts = np.zeros(0, dtype="datetime64[s]")   # each event's first date (NaT if it began undated)
    oldest = 0                              # events before this began too long ago for any later item
    for start in range(0, n, batch):
        stop = min(start + batch, n)
        size = stop - start
        block = vectors[start:stop]
        while oldest < len(sums) and not np.isnat(dates[start]) and not np.isnat(firsts[oldest]) \
                and firsts[oldest] + window < dates[start]:
            oldest += 1
        opened = len(sums) - oldest
        # columns: the open events, then room for the events this batch may begin
        dots = np.zeros((size, opened + size))
        if opened:
            dots[:, :opened] = (block @ sp.vstack(sums[oldest:]).T).toarray()
        gram = (block @ block.T).toarray()
        column_norms2 = np.concatenate([norms2[oldest:], np.zeros(size)])
        column_firsts = np.concatenate([firsts[oldest:], np.full(size, np.datetime64("NaT"), dtype="datetime64[s]")])
        used = opened
        column_of = np.full(size, -1)
        for k in range(size):
            when = dates[start + k]
            with np.errstate(divide="ignore", invalid="ignore"):
                sims = np.where(column_norms2[:used] > 0, dots[k, :used] / np.sqrt(column_norms2[:used]), 0.0)
            if not np.isnat(when):
                sims[~np.isnat(column_firsts[:used]) & (column_firsts[:used] + window < when)] = -1.0
            column = int(np.argmax(sims)) if used else -1
            if column < 0 or sims[column] < threshold:
                column, used = used, used + 1
                similarity[start + k] = 1.0
            else:
                similarity[start + k] = sims[column]
            column_norms2[column] += 2 * dots[k, column] + gram[k, k]
            dots[k + 1:, column] += gram[k + 1:, k]
            if not np.isnat(when) and (np.isnat(column_firsts[column]) or when < column_firsts[column]):
                column_firsts[column] = when
            column_of[k] = column
        labels[start:stop] = np.where(column_of < opened, column_of + oldest, len(sums) + column_of - opened)
        for column in range(used):
            members = np.flatnonzero(column_of == column)
            if not len(members):
                continue
            added = sp.csr_matrix(block[members].sum(axis=0))
            if column < opened:
                sums[oldest + column] = sums[oldest + column] + added
            else:
                sums.append(added)
        norms2 = np.concatenate([norms2[:oldest], column_norms2[:used]])
        firsts = np.concatenate([firsts[:oldest], column_firsts[:used]])
    return labels, similarity


def group_events(articles: pd.DataFrame, *, threshold: float = THRESHOLD, days: float = DAYS,
                 mentions: pd.DataFrame | None = None, top_terms: int = 6) -> Events:
    """Group the articles that report the same event, across outlets.

    Parameters
    ----------
    articles : pandas.DataFrame
        The articles table (:func:`toolkit.load_articles`). The headline and the body are used
        (not the captions). An ``event`` column, if present, gives the events (see the module's
        documentation); articles with an empty one are grouped automatically.
    threshold : float, default 0.2
        The least cosine similarity between an article and an event's centroid for the article
        to join the event.
    days : float, default 3
        How many days after an event's first article an article may still join it.
    mentions : pandas.DataFrame, optional
        The mentions table: the event's most mentioned actors are listed in the summary and
        its label.
    top_terms : int, default 6
        How many terms to list per event.

    Returns
    -------
    Events
        ``articles`` (each article's event) and ``summary`` (one row per event).

    Raises
    ------
    ValueError
        If the table is empty, ``threshold`` is outside 0-1 or ``days`` is negative.

    Examples
    --------
    >>> import pandas as pd
    >>> articles = pd.DataFrame({"article_id": ["a1", "b1", "a2", "b2"], "outlet": ["A", "B", "A", "B"],
    ...     "published": pd.to_datetime(["2025-12-04"] * 4), "title": ["", "", "", ""],
    ...     "text": ["Floods hit the river valley; farmers lost their harvest.",
    ...              "The river flooded the valley and ruined the harvest of farmers.",
    ...              "The central bank raised interest rates to fight inflation.",
    ...              "Inflation pushed the central bank to raise rates again."]})
    >>> events = group_events(articles)
    >>> events.articles["event"].tolist()
    ['E1', 'E1', 'E2', 'E2']
    >>> events.summary[["event", "label", "comparable"]].values.tolist()
    [['E1', 'farmers, floods, harvest, river', True], ['E2', 'bank, central, inflation, raised', True]]
    """
    check_columns(articles, ["article_id", "outlet", "text"], what="the articles table")
    if not 0 <= threshold <= 1 or days < 0:
        raise ValueError(f"threshold must be between 0 and 1 and days 0 or more, not {threshold!r} and {days!r}")
    if articles.empty:
        raise ValueError("the articles table is empty: there are no events to group")
    data = articles.reset_index(drop=True)
    vectors, vectorizer, texts = _vectors(data)
    dates = (pd.to_datetime(data["published"]) if "published" in data else pd.Series(pd.NaT, index=data.index))
    given = data["event"] if "event" in data else pd.Series(None, index=data.index, dtype=object)
    given = given.where(given.notna() & (given.astype(str).str.strip() != ""), None)
    event = np.array(given.map(lambda v: None if v is None else str(v).strip()), dtype=object)
    similarity = np.full(len(data), np.nan)
    auto = np.flatnonzero(pd.isna(given).to_numpy())
    automatic = f"single-pass tfidf-centroid threshold={threshold} days={days}"
    if len(auto):
        when = dates.to_numpy(dtype="datetime64[s]")[auto]
        order = auto[np.lexsort((data["article_id"].astype(str).to_numpy()[auto], when, np.isnat(when)))]
        labels, sims = single_pass(vectors[order], dates.to_numpy(dtype="datetime64[s]")[order],
                                   threshold=threshold, days=days)
        width = len(str(labels.max() + 1))
        prefix = "auto-E" if len(auto) < len(data) else "E"
        event[order] = [f"{prefix}{label + 1:0{width}d}" for label in labels]
        similarity[order] = sims
    method = np.where(pd.isna(given).to_numpy(), automatic, "given")
    table = pd.DataFrame({"article_id": data["article_id"], "outlet": data["outlet"], "published": dates,
                          "title": data["title"].fillna("").astype(str) if "title" in data else "",
                          "event": event, "similarity": similarity, "method": method},
                         columns=EVENT_ARTICLE_COLUMNS)
    summary = _summary(table, vectors, vectorizer, texts, mentions, top_terms)
    return Events(articles=table, summary=summary)


def _summary(events: pd.DataFrame, vectors, vectorizer, texts: list[str], mentions, top_terms: int) -> pd.DataFrame:
    from ..actors.voices import counted

    names = vectorizer.get_feature_names_out()
    actors_of: dict = {}
    if mentions is not None and len(mentions):
        # each event's mentioned actors, in the order of the mentions table (one pass, not one per event)
        event_of = mentions["article_id"].map(events.set_index("article_id")["event"])
        actors_of = {event: part for event, part in mentions["actor"].groupby(event_of, sort=False)}
    rows = []
    for event, part in events.groupby("event", sort=True):
        index = part.index.to_numpy()
        weights = np.asarray(vectors[index].sum(axis=0)).ravel()
        surfaces: dict[str, str] = {}
        for i in index[:50]:
            for stem, word in _surfaces(texts[i]).items():
                surfaces.setdefault(stem, word)
        terms = [surfaces.get(names[j], names[j].lstrip("@#")) for j in np.argsort(-weights, kind="stable")[:top_terms]
                 if weights[j] > 0 and not names[j].startswith("#")]
        named = actors_of.get(event, pd.Series([], dtype=object))
        actors = counted(named, top=5)
        label = ", ".join(terms[:4])
        if len(named):
            leading = named.value_counts().sort_index().sort_values(ascending=False, kind="stable").index[:2]
            label += " · " + ", ".join(map(str, leading))
        dates = pd.to_datetime(part["published"])
        rows.append({"event": event, "label": label, "articles": len(part), "outlets": part["outlet"].nunique(),
                     "outlet_names": ", ".join(sorted(map(str, part["outlet"].unique()))),
                     "comparable": part["outlet"].nunique() >= 2, "first": dates.min(), "last": dates.max(),
                     "top_terms": ", ".join(terms), "actors": actors,
                     "titles": " | ".join(t for t in part["title"].head(3) if t),
                     "method": " / ".join(sorted(part["method"].unique()))})
    summary = pd.DataFrame(rows, columns=EVENT_SUMMARY_COLUMNS)
    order = summary.sort_values(["outlets", "articles", "first", "event"], ascending=[False, False, True, True],
                                kind="stable", na_position="last")
    return order.reset_index(drop=True)
