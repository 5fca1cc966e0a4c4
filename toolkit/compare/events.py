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

Second pass (:func:`merge_small_events`)
    Read once in time order, the first report of a happening, or one written in other words,
    can start an event of its own that the reports of other outlets then pass by, leaving it
    out of every comparison. Each event that only one outlet reports, with at most three
    articles (:data:`SMALL`), is compared with the final events of two or more outlets of
    nearby dates, and merged into the most similar one if each of its articles reaches
    ``merge`` times ``threshold`` against that event as a whole (its centroid) and the merged
    event spans at most ``days`` days. Never compared with one member of an event, nor with
    another one-outlet event: no chaining.

Coverage misses (``Events.misses``)
    For each comparable event (two or more outlets), every other outlet of the corpus is a
    miss, with its evidence: the outlet's article of nearby dates (``days`` before the event's
    first article to ``days`` after its last, or undated) most similar to the event as a whole.
    A miss is flagged ``likely_split`` when that article is as similar to the event as the
    second pass requires for a merge and no less similar to the event it was put in
    (to the rest of it; 0 when it is alone there): the outlet probably reported the event and
    the grouping split it. :func:`toolkit.coverage_profile` leaves those out of the share and
    lists them apart. Finding the nearest articles compares each comparable event only with
    the articles of nearby dates, as the grouping does. The flag catches a report put in an
    event of its own or pulled into a mixed one; when one happening is split over several
    events of two or more outlets (as in a corpus of one topic over one week), the reports in
    the other parts are as close to their own event and the misses stay misses: read the
    nearest articles before reading a coverage figure.

Validated on ``data/gold/events/`` (fictional articles written blind to this code, with traps:
the same place or people in different events, the same event in very different words). The
settings were chosen on the ``dev`` set and scored once on the ``heldout`` set; figures, and those
measured once on real news (BASIL), in the README there.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .._checks import check_columns, in_range
from .alignment import _analysed

#: Default settings of the automatic grouping (chosen on ``data/gold/events/dev``).
THRESHOLD = 0.2
DAYS = 3
#: Default least similarity for the second pass to merge a one-outlet event, as a fraction of
#: the threshold (0.15 at the default threshold; chosen on ``dev``).
MERGE = 0.75
#: The second pass re-examines the events of one outlet with at most this many articles (a
#: longer series of one outlet is a story of its own, not a report the single pass mislaid).
SMALL = 3
#: Articles compared with the open events in one matrix product (memory: this squared, floats).
BATCH = 1024

#: The columns of ``Events.articles``.
EVENT_ARTICLE_COLUMNS = ["article_id", "outlet", "published", "title", "event", "similarity", "method"]
#: The columns of ``Events.misses``.
MISS_COLUMNS = ["event", "label", "outlet", "first", "last", "nearest_article_id", "nearest_title", "nearest_published",
                "nearest_event", "nearest_similarity", "nearest_own_similarity", "likely_split"]
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
    misses : pandas.DataFrame
        One row per comparable event and outlet of the corpus that has no article in it:
        ``event``, ``label``, ``outlet``, ``first`` and ``last`` (the event's dates), the
        evidence: the outlet's nearest article of nearby dates (``nearest_article_id``,
        ``nearest_title``, ``nearest_published``, ``nearest_event``, ``nearest_similarity``
        to the event's centroid, ``nearest_own_similarity`` to the rest of its own event;
        empty when the outlet has no article at nearby dates), and ``likely_split``.
    """

    articles: pd.DataFrame
    summary: pd.DataFrame
    misses: pd.DataFrame


def _given(features: list[str]) -> list[str]:
    """The features of a text, already found (the analyzer of the events' vectorizer)."""
    return features


def _vectors(data: pd.DataFrame):
    """TF-IDF vectors (rows of unit length) of headline and body, the vectorizer and the surface
    form of each stem of each text (:func:`toolkit.compare.alignment.content_words`: each text is
    analysed once, for the vectors and the events' labels)."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    titles = data["title"].fillna("").astype(str) if "title" in data else pd.Series([""] * len(data), index=data.index)
    texts = (titles + "\n" + data["text"].fillna("").astype(str)).tolist()
    analysed = [_analysed(text) for text in texts]
    vectorizer = TfidfVectorizer(analyzer=_given, sublinear_tf=True)
    return vectorizer.fit_transform([words for words, _ in analysed]).tocsr(), vectorizer, \
        [surfaces for _, surfaces in analysed]


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


def _unit_rows(matrix):
    """The rows of a sparse matrix scaled to unit length (rows of zeros stay zero)."""
    import scipy.sparse as sp

    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    return sp.csr_matrix(sp.diags(1 / np.where(norms > 0, norms, 1.0)) @ matrix)


def _event_sums(vectors, labels: np.ndarray, n_events: int):
    """Each event's summed vectors: one sparse row per event (``labels`` numbered from 0)."""
    import scipy.sparse as sp

    members = sp.csr_matrix((np.ones(len(labels)), (labels, np.arange(len(labels)))), shape=(n_events, len(labels)))
    return sp.csr_matrix(members @ vectors)


def _spans(dates: np.ndarray, labels: np.ndarray, n_events: int) -> tuple[np.ndarray, np.ndarray]:
    """Each event's first and last date (NaT when none of its items is dated)."""
    frame = pd.Series(dates.astype("datetime64[s]")).groupby(labels).agg(["min", "max"])
    frame = frame.reindex(range(n_events))
    return (frame["min"].to_numpy(dtype="datetime64[s]"), frame["max"].to_numpy(dtype="datetime64[s]"))


def _nearby_blocks(first: np.ndarray, last: np.ndarray, dates: np.ndarray, *, days: float,
                   limit: int = BATCH * BATCH):
    """Blocks of queries (time spans) with the targets dated near them: the local comparisons.

    A target is near a query when its date falls within ``days`` days before the query's
    first date to ``days`` days after its last; an undated target is near every query, and
    an undated query near every target. Each block holds the queries of a stretch of time
    with the targets near any of them, at most about ``limit`` pairs (one query at least).

    Yields
    ------
    queries, targets : numpy.ndarray of int
        Indices into ``first``/``last`` and into ``dates``.
    """
    window = np.timedelta64(int(round(days * 86400)), "s")
    undated_targets = np.flatnonzero(np.isnat(dates))
    dated = np.flatnonzero(~np.isnat(dates))
    dated = dated[np.argsort(dates[dated], kind="stable")]
    sorted_dates = dates[dated]
    order = np.lexsort((first, np.isnat(first)))
    query_first, query_last = first[order], last[order]
    dated_query = ~np.isnat(query_first)
    low, high = np.zeros(len(order), dtype=np.int64), np.full(len(order), len(dated), dtype=np.int64)
    low[dated_query] = np.searchsorted(sorted_dates, query_first[dated_query] - window, side="left")
    high[dated_query] = np.searchsorted(sorted_dates, query_last[dated_query] + window, side="right")
    start = 0
    while start < len(order):
        stop, lo, hi = start + 1, low[start], high[start]
        while stop < len(order):
            new_lo, new_hi = min(lo, low[stop]), max(hi, high[stop])
            if (stop + 1 - start) * (new_hi - new_lo + len(undated_targets)) > limit:
                break
            stop, lo, hi = stop + 1, new_lo, new_hi
        yield order[start:stop], np.concatenate([dated[lo:hi], undated_targets])
        start = stop


def merge_small_events(vectors, dates: np.ndarray, labels: np.ndarray, outlets: np.ndarray, *,
                       threshold: float = MERGE * THRESHOLD, days: float = DAYS) -> tuple[np.ndarray, np.ndarray]:
    """The second pass: merge each one-outlet event into the nearby event it is closest to as a whole.

    The single pass reads articles once, in time order, and compares each with the events as
    they are at that moment: the first report of a happening, or one written in other words,
    can start an event of its own that the reports of other outlets then pass by. The second
    pass compares each event that only one outlet reports with at most :data:`SMALL` articles
    with the final events of two or more outlets near it in time, and merges it into
    the one it is most similar to if every one of its articles reaches ``threshold`` against
    that event as a whole (its centroid, grown by the events merged into it so far, the most
    similar first) and the two together span at most ``days`` days (undated events may merge
    with any event). One-outlet events never merge with one another (the single pass compared
    them already) and an event is compared with a whole event, never with one article of it:
    nothing chains. The cost is that of the single pass: each event is compared only with the
    events of nearby dates.

    Parameters
    ----------
    vectors : scipy.sparse matrix
        One row of unit length per item.
    dates : numpy.ndarray of datetime64
        One per row, NaT for undated items.
    labels : numpy.ndarray of int
        The event of each row from the single pass, numbered from 0.
    outlets : numpy.ndarray
        The outlet of each row.
    threshold : float
        The least cosine similarity of each article of a one-outlet event to the centroid of
        the event it joins.
    days : float
        The longest span, in days, of the merged event.

    Returns
    -------
    labels : numpy.ndarray of int
        The event of each row, numbered from 0 in order of first appearance in ``labels``.
    similarity : numpy.ndarray of float
        For the rows of a merged event, the least similarity of one of them to the event it
        joined; NaN for the others.

    Examples
    --------
    >>> import numpy as np, scipy.sparse as sp
    >>> rows = sp.csr_matrix(np.array([[1, 0], [0.8, 0.6], [0.6, 0.8], [0, 1]]))
    >>> dates = np.array(["2026-01-01", "2026-01-01", "2026-01-02", "2026-01-09"], dtype="datetime64[D]")
    >>> labels, similarity = merge_small_events(rows, dates, np.array([0, 0, 1, 2]), np.array(["A", "B", "C", "C"]),
    ...                                         threshold=0.5, days=3)
    >>> labels.tolist(), similarity.round(2).tolist()
    ([0, 0, 0, 1], [nan, nan, 0.82, nan])
    """
    n_events = int(labels.max()) + 1 if len(labels) else 0
    dates = dates.astype("datetime64[s]")
    outlet_count = pd.DataFrame({"event": labels, "outlet": outlets}).groupby("event")["outlet"].nunique()
    outlet_count = outlet_count.reindex(range(n_events)).to_numpy()
    size = np.bincount(labels, minlength=n_events)
    small = np.flatnonzero((outlet_count == 1) & (size <= SMALL))
    comparable = np.flatnonzero(outlet_count >= 2)
    similarity = np.full(len(labels), np.nan)
    if not len(small) or not len(comparable):
        return labels, similarity
    sums = _event_sums(vectors, labels, n_events)
    centroids = _unit_rows(sums)
    first, last = _spans(dates, labels, n_events)
    by_event = np.argsort(labels, kind="stable")
    starts = np.searchsorted(labels[by_event], np.arange(n_events + 1))

    def least(events: np.ndarray, centroid_rows) -> np.ndarray:
        """Each event's least similarity of one of its articles to each centroid (events x centroids)."""
        rows = np.concatenate([by_event[starts[e]:starts[e + 1]] for e in events])
        sims = (vectors[rows] @ centroid_rows.T).toarray()
        return np.minimum.reduceat(sims, np.concatenate([[0], np.cumsum(starts[events + 1] - starts[events])[:-1]]),
                                   axis=0)

    window = np.timedelta64(int(round(days * 86400)), "s")
    candidates = []
    for queries, nearby in _nearby_blocks(first[small], last[small], first[comparable], days=days):
        events, targets = small[queries], comparable[nearby]
        sims = least(events, centroids[targets])
        spans = np.maximum(last[events][:, None], last[targets][None, :]) - \
            np.minimum(first[events][:, None], first[targets][None, :])
        undated = np.isnat(first[events])[:, None] | np.isnat(first[targets])[None, :]
        sims[~undated & (spans > window)] = -1.0
        rows, columns = np.nonzero(sims >= threshold)
        candidates.extend(zip(sims[rows, columns], events[rows], targets[columns]))
    # the most similar pairs first; an event that has received another is compared again, as a whole
    heap = [(-float(sim), int(event), int(target), 0) for sim, event, target in candidates]
    heapq.heapify(heap)
    grown: dict[int, tuple] = {}        # the events that received others: summed vectors and their norm
    version = np.zeros(n_events, dtype=np.int64)
    into = np.arange(n_events)
    joined = np.full(n_events, np.nan)
    while heap:
        negative, event, target, seen = heapq.heappop(heap)
        if into[event] != event:
            continue
        if seen != version[target]:
            total, norm = grown[target]
            rows = by_event[starts[event]:starts[event + 1]]
            sim = float((vectors[rows] @ total.T).toarray().min()) / norm
            if sim >= threshold:
                heapq.heappush(heap, (-sim, event, target, int(version[target])))
            continue
        into[event], joined[event] = target, -negative
        total = grown[target][0] if target in grown else sums[target]
        total = total + sums[event]
        grown[target] = (total, float(np.sqrt(total.multiply(total).sum())))
        version[target] += 1
    merged = into[labels]
    similarity = joined[labels]
    return pd.factorize(merged)[0], similarity


def _coverage_misses(vectors, table: pd.DataFrame, summary: pd.DataFrame, *, days: float,
                     split: float) -> pd.DataFrame:
    """The outlets absent from each comparable event, with each one's nearest article of nearby dates."""
    codes, events = pd.factorize(table["event"])
    sums = _event_sums(vectors, codes, len(events))
    centroids = _unit_rows(sums)
    dates = table["published"].to_numpy(dtype="datetime64[s]")
    first, last = _spans(dates, codes, len(events))
    outlet_codes, outlets = pd.factorize(table["outlet"])
    present = np.zeros((len(events), len(outlets)), dtype=bool)
    present[codes, outlet_codes] = True
    comparable = np.flatnonzero(present.sum(axis=1) >= 2)
    missing_event, missing_outlet = np.nonzero(~present[comparable])
    if not len(missing_event):
        return pd.DataFrame(columns=MISS_COLUMNS)
    window = np.timedelta64(int(round(days * 86400)), "s")
    # per comparable event (in the order of `comparable`) and outlet
    nearest = np.full((len(comparable), len(outlets)), -1, dtype=np.int64)
    best_similarity = np.full((len(comparable), len(outlets)), np.nan)
    for queries, targets in _nearby_blocks(first[comparable], last[comparable], dates, days=days):
        block = comparable[queries]
        sims = (centroids[block] @ vectors[targets].T).toarray()
        near = np.isnat(dates[targets])[None, :] | np.isnat(first[block])[:, None] | (
            (dates[targets][None, :] >= first[block][:, None] - window)
            & (dates[targets][None, :] <= last[block][:, None] + window))
        sims[~near] = -np.inf
        target_outlets = outlet_codes[targets]
        for outlet in np.unique(target_outlets):
            columns = np.flatnonzero(target_outlets == outlet)
            best = columns[np.argmax(sims[:, columns], axis=1)]
            value = sims[np.arange(len(block)), best]
            keep = np.isfinite(value) & ~present[block, outlet]
            nearest[queries[keep], outlet] = targets[best[keep]]
            best_similarity[queries[keep], outlet] = value[keep]
    event_code = comparable[missing_event]
    row = nearest[missing_event, missing_outlet]
    has = row >= 0
    # the nearest article's similarity to the rest of its own event (0 when it is alone there)
    own = np.full(len(row), np.nan)
    if has.any():
        found = row[has]
        dots = np.asarray(vectors[found].multiply(sums[codes[found]]).sum(axis=1)).ravel()
        rest2 = np.asarray(sums.multiply(sums).sum(axis=1)).ravel()[codes[found]] - 2 * dots + 1
        own[has] = np.where(rest2 > 1e-9, (dots - 1) / np.sqrt(np.maximum(rest2, 1e-9)), 0.0)

    def of_nearest(column: str, empty):
        return np.where(has, table[column].to_numpy()[np.maximum(row, 0)], empty)

    misses = pd.DataFrame({
        "event": events[event_code], "label": events[event_code].map(summary.set_index("event")["label"]),
        "outlet": outlets[missing_outlet], "first": pd.to_datetime(first[event_code]),
        "last": pd.to_datetime(last[event_code]), "nearest_article_id": of_nearest("article_id", None),
        "nearest_title": of_nearest("title", None),
        "nearest_published": pd.to_datetime(of_nearest("published", pd.NaT)),
        "nearest_event": of_nearest("event", None),
        "nearest_similarity": best_similarity[missing_event, missing_outlet], "nearest_own_similarity": own})
    misses["likely_split"] = (misses["nearest_similarity"] >= split) & (
        misses["nearest_similarity"] >= misses["nearest_own_similarity"])
    return misses.sort_values(["event", "outlet"], key=lambda c: c.astype(str), kind="stable").reset_index(drop=True)


def group_events(articles: pd.DataFrame, *, threshold: float = THRESHOLD, days: float = DAYS,
                 merge: float | None = MERGE, mentions: pd.DataFrame | None = None, top_terms: int = 6) -> Events:
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
        How many days after an event's first article an article may still join it (and the
        longest span of an event the second pass merges; and how near in time an outlet's
        article must be to count as the evidence of a miss).
    merge : float or None, default 0.75
        The second pass, as a fraction of ``threshold`` (0.75 of 0.2: 0.15): the least cosine
        similarity between the centroids of a one-outlet event and a nearby event for the
        first to be merged into the second, and for a miss's nearest article to flag a likely
        split event. None: no second pass. The merged articles' ``method`` says
        ``second pass``, their ``similarity`` is that of the merge.
    mentions : pandas.DataFrame, optional
        The mentions table: the event's most mentioned actors are listed in the summary and
        its label.
    top_terms : int, default 6
        How many terms to list per event.

    Returns
    -------
    Events
        ``articles`` (each article's event), ``summary`` (one row per event) and ``misses``
        (each outlet absent from a comparable event, with its nearest article).

    Raises
    ------
    ValueError
        If the table is empty, ``threshold`` or ``merge`` is outside 0-1 or ``days`` is negative.

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
    if not in_range(threshold, 0, 1) or not in_range(days, 0, float("inf")):
        raise ValueError(f"threshold must be between 0 and 1 and days 0 or more, not {threshold!r} and {days!r}")
    if merge is not None and not 0 < merge <= 1:
        raise ValueError(f"merge must be above 0 and at most 1 (a fraction of threshold), or None for no second "
                         f"pass, not {merge!r}")
    least = round((MERGE if merge is None else merge) * threshold, 6)
    if articles.empty:
        raise ValueError("the articles table is empty: there are no events to group")
    data = articles.reset_index(drop=True)
    vectors, vectorizer, surfaces = _vectors(data)
    dates = (pd.to_datetime(data["published"]) if "published" in data else pd.Series(pd.NaT, index=data.index))
    given = data["event"] if "event" in data else pd.Series(None, index=data.index, dtype=object)
    given = given.where(given.notna() & (given.astype(str).str.strip() != ""), None)
    event = np.array(given.map(lambda v: None if v is None else str(v).strip()), dtype=object)
    similarity = np.full(len(data), np.nan)
    merged = np.zeros(len(data), dtype=bool)
    auto = np.flatnonzero(pd.isna(given).to_numpy())
    automatic = f"single-pass tfidf-centroid threshold={threshold} days={days}"
    if len(auto):
        when = dates.to_numpy(dtype="datetime64[s]")[auto]
        order = auto[np.lexsort((data["article_id"].astype(str).to_numpy()[auto], when, np.isnat(when)))]
        ordered_dates = dates.to_numpy(dtype="datetime64[s]")[order]
        labels, sims = single_pass(vectors[order], ordered_dates, threshold=threshold, days=days)
        if merge is not None:
            labels, joined = merge_small_events(vectors[order], ordered_dates, labels,
                                                data["outlet"].to_numpy()[order], threshold=least, days=days)
            merged[order] = ~np.isnan(joined)
            sims = np.where(np.isnan(joined), sims, joined)
        width = len(str(labels.max() + 1))
        prefix = "auto-E" if len(auto) < len(data) else "E"
        event[order] = [f"{prefix}{label + 1:0{width}d}" for label in labels]
        similarity[order] = sims
    method = np.where(pd.isna(given).to_numpy(), automatic, "given")
    method[merged] = f"second pass tfidf-centroid merge={least} days={days}"
    table = pd.DataFrame({"article_id": data["article_id"], "outlet": data["outlet"], "published": dates,
                          "title": data["title"].fillna("").astype(str) if "title" in data else "",
                          "event": event, "similarity": similarity, "method": method},
                         columns=EVENT_ARTICLE_COLUMNS)
    summary = _summary(table, vectors, vectorizer, surfaces, mentions, top_terms)
    misses = _coverage_misses(vectors, table, summary, days=days, split=least)
    return Events(articles=table, summary=summary, misses=misses)


def _summary(events: pd.DataFrame, vectors, vectorizer, forms: list[dict], mentions, top_terms: int) -> pd.DataFrame:
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
            for stem, word in forms[i].items():
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
