"""Outlet profiles across events: what each outlet covers, leaves out and leads with.

Comparisons are made within each event (:func:`toolkit.group_events`); a profile adds them up
over the events, with the event as the unit: the intervals come from resampling events (an
outlet that leaves out ten facts of one long story has not left out ten stories), and every
figure keeps its n and its evidence (the events, facts and sentences behind it).

- :func:`coverage_profile`: of the comparable events (two or more outlets), how many each
  outlet reports; each miss with the outlet's nearest article of those days, likely split
  events left out.
- :func:`omissions`: in each event an outlet reports, the facts that at least two *other*
  outlets report and it does not, with its nearest sentence (:func:`omission_profile` adds
  them up). An omission is a lead to read, not proof of a choice: the text may stop at a
  paywall (column ``truncated``), be a shorter format, or give the fact in other words.
- :func:`leads`: the fact each article opens with (its first body sentence that carries a
  fact: fragments, credit lines and bylines are skipped), and whether
  another outlet opens its report of the event with the same fact (:func:`lead_profile`).
- :func:`bootstrap_ratio`: the interval method all of them use; :func:`bootstrap_difference`
  the interval of the difference between two of their figures (two outlets, or two sides of one
  outlet), from the same resampled events: two intervals that overlap are no test of a
  difference (:func:`voice_differences` for share of voice, :func:`tone_differences` for tone).

What "fact" means, and how well the pairing of sentences into facts works, is documented in
:mod:`toolkit.compare.alignment` (pair precision 0.60-0.67 on held-out article pairs).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .._checks import check_columns
from .facts import OTHER_WORDS

#: Below this many events, a profile figure is marked ``too_few``.
MIN_EVENTS = 5

#: The columns of :func:`bootstrap_ratio`.
RATIO_COLUMNS = ["events", "numerator", "denominator", "share", "ci_low", "ci_high", "too_few"]


def bootstrap_ratio(units: pd.DataFrame, *, numerator: str, denominator: str, group="outlet",
                    unit: str = "event", n: int = 2000, seed: int = 0, level: float = 0.95,
                    ratio: str = "share") -> pd.DataFrame:
    """A ratio of sums per group, with a percentile interval from resampling units (events).

    For each group, the units (events) are drawn with replacement ``n`` times and the ratio
    ``sum(numerator) / sum(denominator)`` recomputed; the interval is the central ``level`` of
    those ratios. Units with a denominator of 0 carry no information and are dropped.

    Parameters
    ----------
    units : pandas.DataFrame
        One row per group and unit, with the two counts.
    numerator, denominator : str
        The columns to add up.
    group : str or list of str, default "outlet"
    unit : str, default "event"
    n : int, default 2000
        Resamples.
    seed : int, default 0
        For reproducible intervals.
    level : float, default 0.95
    ratio : str, default "share"
        The name of the ratio's column (``mean_score`` for a mean).

    Returns
    -------
    pandas.DataFrame
        One row per group: the group column(s), ``events`` (units), ``numerator``,
        ``denominator``, ``share`` (their ratio; named by ``ratio``), ``ci_low``, ``ci_high`` and ``too_few``
        (fewer than :data:`MIN_EVENTS` units: read the figure as an anecdote; it gets no
        interval, as resampling so few units gives a range that only looks narrow).

    Raises
    ------
    ValueError
        If a column is missing, or ``n`` or ``level`` is out of range.

    Examples
    --------
    >>> units = pd.DataFrame({"outlet": ["A"] * 6, "event": range(6), "hits": [1, 1, 1, 0, 1, 1], "of": [1] * 6})
    >>> bootstrap_ratio(units, numerator="hits", denominator="of").round(2).values.tolist()
    [['A', 6, 5, 6, 0.83, 0.5, 1.0, False]]
    """
    groups = [group] if isinstance(group, str) else list(group)
    check_columns(units, [*groups, unit, numerator, denominator], what="the table of units")
    if n < 1 or not 0 < level < 1:
        raise ValueError(f"n must be at least 1 and level between 0 and 1, not {n!r} and {level!r}")
    rng = np.random.default_rng(seed)
    rows = []
    usable = units[units[denominator] > 0]
    # one grouped pass: the sums per group and unit, sorted by group then unit
    per_unit = usable.groupby([*groups, unit], sort=True)[[numerator, denominator]].sum()
    sizes = per_unit.groupby(level=list(range(len(groups))), sort=False).size()
    all_num, all_den = per_unit[numerator].to_numpy(dtype=float), per_unit[denominator].to_numpy(dtype=float)
    for key, first, units_n in zip(sizes.index, np.cumsum(sizes.to_numpy()) - sizes.to_numpy(), sizes.to_numpy()):
        num, den = all_num[first:first + units_n], all_den[first:first + units_n]
        draws = rng.integers(0, units_n, size=(n, units_n))
        ratios = num[draws].sum(axis=1) / den[draws].sum(axis=1)
        low, high = np.quantile(ratios, [(1 - level) / 2, 1 - (1 - level) / 2])
        if units_n < MIN_EVENTS:   # resampling two or three events gives a range that only looks narrow
            low = high = float("nan")
        key = key if isinstance(key, tuple) else (key,)
        rows.append((*key, int(units_n), num.sum(), den.sum(), num.sum() / den.sum(), low, high,
                     bool(units_n < MIN_EVENTS)))
    table = pd.DataFrame(rows, columns=[*groups, *RATIO_COLUMNS]).rename(columns={"share": ratio})
    for column, source in (("numerator", numerator), ("denominator", denominator)):
        if pd.api.types.is_integer_dtype(units[source]):
            table[column] = table[column].astype("int64")
    return table


#: The columns of :func:`bootstrap_difference`.
DIFFERENCE_COLUMNS = ["a", "b", "events", "share_a", "share_b", "difference", "ci_low", "ci_high", "too_few"]


def bootstrap_difference(units: pd.DataFrame, *, numerator: str, denominator: str, pairs, group="outlet",
                         unit: str = "event", n: int = 2000, seed: int = 0, level: float = 0.95) -> pd.DataFrame:
    """The difference between two groups' ratios of sums, with a percentile interval from resampling
    units (events) together.

    Whether two figures differ is a question about their difference, not about their two intervals:
    two intervals can overlap while the interval of the difference lies clear of zero, and two shares
    of one outlet over the same events move together. So for each pair ``(a, b)``, the units of either
    group are drawn with replacement ``n`` times, **the same draw for both**, and
    ``ratio(a) - ratio(b)`` recomputed (each ratio ``sum(numerator) / sum(denominator)`` as in
    :func:`bootstrap_ratio`); the interval is the central ``level`` of those differences. A draw in
    which one group has no denominator is left out.

    Parameters
    ----------
    units : pandas.DataFrame
        One row per group and unit, with the two counts.
    numerator, denominator : str
        The columns to add up.
    pairs : list of (a, b)
        The groups to compare, ``a`` minus ``b``: values of ``group``, or tuples of values when
        ``group`` is a list of columns (``("The Free Tribune", "opposition")``).
    group : str or list of str, default "outlet"
    unit : str, default "event"
    n, seed, level
        As for :func:`bootstrap_ratio`.

    Returns
    -------
    pandas.DataFrame
        One row per pair: ``a``, ``b``, ``events`` (units with a denominator for either group),
        ``share_a``, ``share_b``, ``difference`` (``share_a - share_b``), ``ci_low``, ``ci_high``
        and ``too_few`` (fewer than :data:`MIN_EVENTS` units: no interval).

    Raises
    ------
    ValueError
        If a column is missing, a group of ``pairs`` is not in the table, or ``n`` or ``level`` is
        out of range.

    Examples
    --------
    Outlet A reports 5 of 6 events' facts, B 2 of 6, event by event:

    >>> units = pd.DataFrame({"outlet": ["A"] * 6 + ["B"] * 6, "event": list(range(6)) * 2,
    ...                       "hits": [1, 1, 1, 0, 1, 1] + [0, 1, 0, 0, 1, 0], "of": 1})
    >>> bootstrap_difference(units, numerator="hits", denominator="of", pairs=[("A", "B")]).round(2).values.tolist()
    [['A', 'B', 6, 0.83, 0.33, 0.5, 0.17, 0.83, False]]
    """
    groups = [group] if isinstance(group, str) else list(group)
    check_columns(units, [*groups, unit, numerator, denominator], what="the table of units")
    if n < 1 or not 0 < level < 1:
        raise ValueError(f"n must be at least 1 and level between 0 and 1, not {n!r} and {level!r}")
    keys = units[groups[0]] if len(groups) == 1 else pd.Series(list(zip(*(units[g] for g in groups))),
                                                                 index=units.index)
    per_unit = {key: table.set_index(unit) for key, table in
                units.assign(_group=keys).groupby(["_group", unit], as_index=False, sort=True)[
                    [numerator, denominator]].sum().groupby("_group")}
    unknown = [g for pair in pairs for g in pair if g not in per_unit]
    if unknown:
        raise ValueError(f"pairs names groups that are not in the table: {unknown!r}; the groups of "
                         f"{group!r} are {sorted(per_unit, key=str)!r}")
    rows = []
    for a, b in pairs:
        rng = np.random.default_rng(seed)   # each pair's interval is the same whatever else is asked
        both = per_unit[a][[numerator, denominator]].merge(per_unit[b][[numerator, denominator]], how="outer",
                                                             left_index=True, right_index=True,
                                                             suffixes=("_a", "_b")).fillna(0)
        both = both[(both[f"{denominator}_a"] > 0) | (both[f"{denominator}_b"] > 0)]
        num_a, den_a, num_b, den_b = (both[f"{c}_{s}"].to_numpy(dtype=float) for s in "ab"
                                      for c in (numerator, denominator))
        units_n = int(len(both))
        draws = rng.integers(0, units_n, size=(n, units_n))
        with np.errstate(invalid="ignore", divide="ignore"):
            differences = (num_a[draws].sum(axis=1) / den_a[draws].sum(axis=1)
                           - num_b[draws].sum(axis=1) / den_b[draws].sum(axis=1))
        differences = differences[np.isfinite(differences)]
        low, high = (np.quantile(differences, [(1 - level) / 2, 1 - (1 - level) / 2])
                     if len(differences) and units_n >= MIN_EVENTS else (float("nan"), float("nan")))
        share_a, share_b = num_a.sum() / den_a.sum(), num_b.sum() / den_b.sum()
        rows.append((a, b, units_n, share_a, share_b, share_a - share_b, low, high, bool(units_n < MIN_EVENTS)))
    return pd.DataFrame(rows, columns=DIFFERENCE_COLUMNS)


def coverage_profile(events: pd.DataFrame, *, summary: pd.DataFrame | None = None,
                     misses: pd.DataFrame | None = None) -> pd.DataFrame:
    """How many of the comparable events each outlet reports.

    Given ``misses`` (``Events.misses``), no miss is counted without evidence: each comes with
    the outlet's nearest article of nearby dates, and a miss whose nearest article is flagged
    ``likely_split`` (it is as close to the event as a whole as a member could be, and no
    closer to the event it was put in: the outlet probably reported the event, and the
    grouping split it) is left out of the share, neither reported nor missed, and listed
    apart (:mod:`toolkit.compare.events` says how; what it gave on real news is in
    ``data/gold/events/README.md``).

    Parameters
    ----------
    events : pandas.DataFrame
        One row per article with ``outlet`` and ``event`` (``Events.articles``).
    summary : pandas.DataFrame, optional
        ``Events.summary``, for the labels of the events an outlet does not report.
    misses : pandas.DataFrame, optional
        ``Events.misses`` of the same grouping: the evidence of each miss.

    Returns
    -------
    pandas.DataFrame
        One row per outlet: :data:`RATIO_COLUMNS` (``events``: comparable events, less its
        likely split events; ``numerator``: those it reports; ``share``), ``missed`` (the
        comparable events it does not report, with their labels and, given ``misses``, its
        nearest article of nearby dates: the evidence), ``likely_split`` (how many misses were
        left out as likely split events) and ``split_events`` (those events, with the article
        that probably reports them).

    Examples
    --------
    >>> events = pd.DataFrame({"outlet": ["A", "B", "A", "B", "C", "C"], "event": ["e1", "e1", "e2", "e2", "e2", "e3"]})
    >>> coverage_profile(events)[["outlet", "events", "numerator", "share", "missed"]].values.tolist()
    [['A', 2, 2, 1.0, ''], ['B', 2, 2, 1.0, ''], ['C', 2, 1, 0.5, 'e1']]
    >>> misses = pd.DataFrame({"event": ["e1"], "outlet": ["C"], "nearest_article_id": ["c3"],
    ...     "nearest_title": ["Fire at the mill"], "nearest_published": [pd.Timestamp("2026-01-02")],
    ...     "nearest_similarity": [0.41], "likely_split": [True]})
    >>> coverage_profile(events, misses=misses)[["outlet", "events", "numerator", "likely_split", "split_events"]
    ...     ].values.tolist()[2]
    ['C', 1, 1, 1, 'e1: c3 "Fire at the mill" 2026-01-02, similarity 0.41']
    """
    units = coverage_units(events, summary=summary, misses=misses)
    counted = units[~units["split"]]
    profile = bootstrap_ratio(counted, numerator="reported", denominator="of") if len(counted) else \
        pd.DataFrame(columns=["outlet", *RATIO_COLUMNS])
    missed = counted[counted["reported"] == 0].groupby("outlet")["text"].agg("; ".join)
    split = units[units["split"]].groupby("outlet")["text"].agg(["; ".join, "size"])
    outlet = profile["outlet"]
    return profile.assign(missed=[missed.get(o, "") for o in outlet],
                          likely_split=[int(split["size"].get(o, 0)) for o in outlet],
                          split_events=[split["join"].get(o, "") for o in outlet])


def coverage_units(events: pd.DataFrame, *, summary: pd.DataFrame | None = None,
                   misses: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per outlet and comparable event (reported by two outlets or more): whether the
    outlet reports it, and the article that shows it (what :func:`coverage_profile` counts).

    Parameters
    ----------
    events, summary, misses
        As for :func:`coverage_profile`.

    Returns
    -------
    pandas.DataFrame
        Outlets sorted, then events in order: ``outlet``, ``event``, ``reported`` (1 or 0),
        ``of`` (1), ``text`` (the event and its label, with the evidence of a miss), ``split``
        (a miss left out as a likely split event), ``article_id`` (the outlet's first article
        in the event; for a miss its nearest article of nearby dates, or missing).

    Examples
    --------
    >>> events = pd.DataFrame({"article_id": ["a1", "b1", "c1"], "outlet": ["A", "B", "C"],
    ...                        "event": ["e1", "e1", "e2"]})
    >>> coverage_units(events)[["outlet", "event", "reported", "article_id"]].values.tolist()
    [['A', 'e1', 1, 'a1'], ['B', 'e1', 1, 'b1'], ['C', 'e1', 0, nan]]
    """
    check_columns(events, ["outlet", "event"], what="the events table")
    outlets_per_event = events.groupby("event")["outlet"].nunique()
    comparable = outlets_per_event.index[outlets_per_event >= 2]
    first = events.drop_duplicates(["outlet", "event"]).set_index(["outlet", "event"])
    outlets = sorted(events["outlet"].unique(), key=str)
    units = pd.MultiIndex.from_product([outlets, comparable], names=["outlet", "event"]).to_frame(index=False)
    keys = pd.MultiIndex.from_frame(units[["outlet", "event"]])
    units["reported"] = keys.isin(first.index).astype("int64")
    units["of"] = 1
    labels = summary.set_index("event")["label"].to_dict() if summary is not None else {}
    units["text"] = [f"{e} ({labels[e]})" if labels.get(e) else str(e) for e in units["event"]]
    units["split"] = False
    own = first["article_id"].reindex(keys).to_numpy(dtype=object) if "article_id" in first else \
        np.full(len(units), None, dtype=object)
    if misses is not None:
        check_columns(misses, ["event", "outlet", "nearest_article_id", "nearest_title", "nearest_published",
                               "nearest_similarity", "likely_split"], what="the misses table")
        found = misses.set_index(["outlet", "event"]).reindex(keys)
        units["text"] = units["text"].to_numpy() + _nearest_article(found).to_numpy()
        units["split"] = found["likely_split"].fillna(False).astype(bool).to_numpy() & (units["reported"] == 0)
        nearest = found["nearest_article_id"].to_numpy(dtype=object)
        own = np.where(units["reported"].to_numpy() == 1, own, nearest)
    units["article_id"] = [None if pd.isna(a) else a for a in own]
    return units


def _nearest_article(found: pd.DataFrame) -> pd.Series:
    """The evidence of each miss: the outlet's nearest article of nearby dates, or that it has none."""
    dates = pd.to_datetime(found["nearest_published"]).dt.strftime("%Y-%m-%d").fillna("undated")
    text = (": " + found["nearest_article_id"].astype(str) + ' "' + found["nearest_title"].fillna("").astype(str)
            + '" ' + dates + ", similarity " + found["nearest_similarity"].map("{:.2f}".format))
    return text.where(found["nearest_article_id"].notna(), ": no article of the outlet at nearby dates").reset_index(
        drop=True)


#: The columns of :func:`omissions`.
OMISSION_COLUMNS = ["event", "outlet", "fact", "label", "reported_by", "reported_by_others", "example_outlet",
                    "example_text", "nearest_article_id", "nearest_sentence", "nearest_similarity", "nearest_text",
                    "truncated"]


def omissions(facts: pd.DataFrame, *, articles: pd.DataFrame | None = None, others: int = 2) -> pd.DataFrame:
    """The facts an outlet does not report although at least ``others`` other outlets do.

    An outlet whose nearest sentence is as close to the fact as the fact's own sentences are
    to each other (``in_other_words`` in the facts table) reports it in a sentence counted
    under another fact (a sentence that gives two facts at once): that is no omission.

    Parameters
    ----------
    facts : pandas.DataFrame
        The coverage table with an ``event`` column (``compare_sentences(..., within="event")``
        or :func:`toolkit.coverage`), one row per fact and outlet that reports the event.
    articles : pandas.DataFrame, optional
        The articles table: an omission by an outlet whose text in that event stops at a
        paywall or is cut off is marked ``truncated``.
    others : int, default 2
        How many other outlets must report a fact for its absence to count.

    Returns
    -------
    pandas.DataFrame
        One row per omission: ``event``, ``outlet``, ``fact``, ``label``, ``reported_by``,
        ``reported_by_others``, ``example_outlet`` and ``example_text`` (one report of the fact
        by another outlet), the outlet's nearest sentence (``nearest_article_id``,
        ``nearest_sentence``, ``nearest_similarity``, ``nearest_text``: read it to check that
        the fact is really absent) and ``truncated``.

    Examples
    --------
    >>> facts = pd.DataFrame({"event": "e1", "fact": [1, 1, 1, 2, 2, 2], "label": ["strike"] * 3 + ["talks"] * 3,
    ...     "outlet": ["A", "B", "C"] * 2, "sentences": [1, 1, 0, 1, 0, 0], "text": ["x", "y", "", "z", "", ""],
    ...     "reported_by": [2, 2, 2, 1, 1, 1], "nearest_article_id": ["", "", "c", "", "", ""],
    ...     "nearest_sentence": [None, None, 4, None, None, None], "nearest_similarity": [None, None, 0.1, 0, 0, 0],
    ...     "nearest_text": ["", "", "Talks went on.", "", "", ""]})
    >>> omissions(facts)[["outlet", "fact", "example_outlet", "nearest_text"]].values.tolist()
    [['C', 1, 'A', 'Talks went on.']]
    """
    check_columns(facts, ["event", "fact", "label", "outlet", "sentences", "text", "reported_by", "nearest_article_id",
                          "nearest_sentence", "nearest_similarity", "nearest_text"], what="the facts table")
    if others < 1:
        raise ValueError(f"others must be at least 1, not {others!r}")
    reporting = facts[facts["sentences"] > 0]
    first_report = reporting.sort_values(["fact", "outlet"], kind="stable").drop_duplicates("fact").set_index("fact")
    absent = facts[(facts["sentences"] == 0) & (facts["reported_by"] >= others) & ~_in_other_words(facts)]
    rows = absent.assign(reported_by_others=absent["reported_by"],
                         example_outlet=absent["fact"].map(first_report["outlet"]),
                         example_text=absent["fact"].map(first_report["text"]))
    truncated = pd.Series(False, index=rows.index)
    if articles is not None and len(rows):
        check_columns(articles, ["article_id", "outlet", "truncated"], what="the articles table")
        with_event = _article_events(articles, facts)
        cut = with_event[with_event["truncated"]].groupby(["event", "outlet"]).size()
        truncated = pd.Series([(e, o) in cut.index for e, o in zip(rows["event"], rows["outlet"])], index=rows.index)
    rows = rows.assign(truncated=truncated.astype(bool))
    return rows[OMISSION_COLUMNS].sort_values(["outlet", "event", "fact"], kind="stable").reset_index(drop=True)


def _in_other_words(facts: pd.DataFrame) -> pd.Series:
    """The rows of outlets whose nearest sentence is as close to the fact as its own sentences
    are to each other (``in_other_words``): they report it, in a sentence counted under another
    fact, so their absence is no omission."""
    if "in_other_words" not in facts.columns:
        return pd.Series(False, index=facts.index)
    return facts["in_other_words"].fillna(False).astype(bool)


def _article_events(articles: pd.DataFrame, facts: pd.DataFrame) -> pd.DataFrame:
    """The articles with their event (from the facts' article ids, or an ``event`` column)."""
    if "event" in articles.columns and articles["event"].notna().all():
        return articles
    events = facts.loc[facts["article_id"] != "", ["article_id", "event"]].drop_duplicates("article_id")
    return articles.drop(columns=["event"], errors="ignore").merge(events, on="article_id", how="inner")


def omission_profile(facts: pd.DataFrame, *, articles: pd.DataFrame | None = None, others: int = 2,
                     level: float = 0.95) -> pd.DataFrame:
    """Per outlet: of the facts at least ``others`` other outlets report in the events it reports,
    the share it leaves out, with an interval from resampling events.

    Parameters
    ----------
    facts, articles, others
        As in :func:`omissions`.
    level : float, default 0.95
        The level of the intervals.

    Returns
    -------
    pandas.DataFrame
        One row per outlet: :data:`RATIO_COLUMNS` (``events``: events with at least one such
        fact; ``denominator``: such facts; ``numerator``: those it leaves out; ``share``), and
        ``in_truncated`` (omissions where its text was cut off).

    Examples
    --------
    >>> facts = pd.DataFrame({"event": "e1", "fact": [1, 1, 1], "label": "strike", "outlet": ["A", "B", "C"],
    ...     "sentences": [1, 1, 0], "text": ["x", "y", ""], "reported_by": 2, "nearest_article_id": "",
    ...     "nearest_sentence": None, "nearest_similarity": 0.0, "nearest_text": ""})
    >>> omission_profile(facts)[["outlet", "denominator", "numerator", "share", "too_few"]].values.tolist()
    [['C', 1, 1, 1.0, True]]
    """
    found = omissions(facts, articles=articles, others=others)
    own = facts[facts["sentences"] > 0].groupby(["fact", "outlet"]).size()
    reporters = facts[facts["sentences"] > 0].groupby("fact")["outlet"].nunique()
    # a fact counts for an outlet when at least `others` outlets other than it report it
    eligible = facts.assign(others=facts["fact"].map(reporters).fillna(0).astype(int)
                            - [int((f, o) in own.index) for f, o in zip(facts["fact"], facts["outlet"])])
    eligible = eligible[(eligible["others"] >= others) & ~_in_other_words(eligible)]
    units = eligible.assign(left_out=(eligible["sentences"] == 0).astype("int64"), of=1).groupby(
        ["outlet", "event"], as_index=False)[["left_out", "of"]].sum()
    profile = bootstrap_ratio(units, numerator="left_out", denominator="of", level=level) if len(units) else \
        pd.DataFrame(columns=["outlet", *RATIO_COLUMNS])
    return profile.assign(in_truncated=profile["outlet"].map(found[found["truncated"]].groupby("outlet").size())
                          .fillna(0).astype("int64"))


#: The columns of :func:`leads`.
LEAD_COLUMNS = ["event", "outlet", "article_id", "fact", "label", "text", "shared", "same_fact", "lead_link",
                "other_leads", "reported_by"]


def leads(sentence_facts: pd.DataFrame, facts: pd.DataFrame, sentences: pd.DataFrame) -> pd.DataFrame:
    """The fact each article opens with, and whether other outlets open with it too.

    The lead is the article's first body sentence that carries a fact (fact above 0: a
    fragment, credit line or byline is no lead), and the headline is left out (it is written by
    another desk, and its numbers are not positions in the story).

    Parameters
    ----------
    sentence_facts : pandas.DataFrame
        Each sentence's fact, with ``event`` (``compare_sentences(..., within="event")``).
    facts : pandas.DataFrame
        The facts table of the same comparison (for labels and ``reported_by``).
    sentences : pandas.DataFrame
        The sentences table (for the lead's text).

    Returns
    -------
    pandas.DataFrame
        One row per article in an event with two or more outlets: ``event``, ``outlet``,
        ``article_id``, ``fact`` and ``label`` (its lead fact), ``text`` (the lead sentence),
        ``shared`` (another outlet opens an article of the event with the same fact: its lead
        is in the same fact, ``same_fact``, or as close to this lead as a sentence that gives a
        fact in other words, ``lead_link`` at least :data:`toolkit.compare.facts.OTHER_WORDS`),
        ``lead_link`` (the highest similarity of the lead to another outlet's lead, when
        ``sentence_facts`` has it), ``other_leads`` (the labels the other outlets lead with)
        and ``reported_by`` (how many outlets report the lead fact anywhere).

    Notes
    -----
    Leads that say the same thing in other words seldom fall in one fact (facts are built to be
    precise), hence the lead similarity; how often ``shared`` is right on annotated events is in
    :func:`toolkit.compare.facts.fact_validation` (``leads``, ``leads_shared``,
    ``leads_right``).

    Examples
    --------
    >>> sentence_facts = pd.DataFrame({"article_id": ["a", "a", "b", "c"], "outlet": ["A", "A", "B", "C"],
    ...     "sentence": [0, 1, 0, 0], "part": "body", "event": "e1", "fact": [1, 2, 1, 3]})
    >>> facts = pd.DataFrame({"fact": [1, 2, 3], "label": ["strike", "talks", "weather"], "reported_by": [2, 1, 1]})
    >>> sentences = sentence_facts[["article_id", "sentence", "part"]].assign(text=["S.", "T.", "S2.", "W."])
    >>> leads(sentence_facts, facts, sentences)[["outlet", "label", "shared", "other_leads"]].values.tolist()
    [['A', 'strike', True, 'strike; weather'], ['B', 'strike', True, 'strike; weather'], ['C', 'weather', False, 'strike']]
    """
    check_columns(sentence_facts, ["article_id", "outlet", "sentence", "event", "fact"], what="the sentence facts")
    check_columns(facts, ["fact", "label", "reported_by"], what="the facts table")
    body = sentence_facts[((sentence_facts["part"] == "body") if "part" in sentence_facts else
                           sentence_facts["sentence"] >= 0) & (sentence_facts["fact"] > 0)]
    firsts = body.sort_values(["article_id", "sentence"], kind="stable").drop_duplicates("article_id")
    outlets = firsts.groupby("event")["outlet"].nunique()
    firsts = firsts[firsts["event"].map(outlets) >= 2]
    info = facts.drop_duplicates("fact").set_index("fact")
    label, reported_by = info["label"].to_dict(), info["reported_by"].to_dict()
    texts = dict(zip(zip(sentences["article_id"], sentences["sentence"]), sentences["text"]))
    rows = []
    for event, part in firsts.groupby("event", sort=True):
        leads_of = list(zip(part["outlet"], part["fact"]))      # each article's lead, by outlet
        for row in part.itertuples(index=False):
            other_facts = {fact for outlet, fact in leads_of if outlet != row.outlet}
            link = getattr(row, "lead_link", float("nan"))
            rows.append({"event": event, "outlet": row.outlet, "article_id": row.article_id, "fact": row.fact,
                         "label": label[row.fact], "text": texts.get((row.article_id, row.sentence), ""),
                         "shared": row.fact in other_facts or bool(link >= OTHER_WORDS),
                         "same_fact": row.fact in other_facts, "lead_link": link,
                         "other_leads": "; ".join(sorted({str(label[f]) for f in other_facts})),
                         "reported_by": int(reported_by[row.fact])})
    return pd.DataFrame(rows, columns=LEAD_COLUMNS).sort_values(["outlet", "event", "article_id"],
                                                                 kind="stable").reset_index(drop=True)


def lead_profile(lead_table: pd.DataFrame) -> pd.DataFrame:
    """Per outlet: how often it opens with a fact another outlet opens with, over events.

    Parameters
    ----------
    lead_table : pandas.DataFrame
        From :func:`leads`.

    Returns
    -------
    pandas.DataFrame
        One row per outlet: :data:`RATIO_COLUMNS` (``denominator``: its articles in
        comparable events; ``numerator``: those whose lead another outlet shares).

    Examples
    --------
    >>> table = pd.DataFrame({"event": ["e1", "e2"], "outlet": "A", "shared": [True, False]})
    >>> lead_profile(table)[["outlet", "numerator", "denominator", "share"]].values.tolist()
    [['A', 1, 2, 0.5]]
    """
    check_columns(lead_table, ["event", "outlet", "shared"], what="the leads table")
    units = lead_table.assign(shared=lead_table["shared"].astype("int64"), of=1).groupby(
        ["outlet", "event"], as_index=False)[["shared", "of"]].sum()
    if units.empty:
        return pd.DataFrame(columns=["outlet", *RATIO_COLUMNS])
    return bootstrap_ratio(units, numerator="shared", denominator="of")


def voice_profile(quotes: pd.DataFrame, events: pd.DataFrame, *, by: str = "side") -> pd.DataFrame:
    """Each outlet's share of quoted words by side (or speaker), pooled over events, with
    intervals from resampling events.

    Parameters
    ----------
    quotes : pandas.DataFrame
        The quotes table (:func:`toolkit.extract_quotes`); every part counts.
    events : pandas.DataFrame
        One row per article with ``article_id`` and ``event``.
    by : str, default "side"
        The voice column; missing values (an unnamed source has no side) count as "(none)".

    Returns
    -------
    pandas.DataFrame
        One row per outlet and voice: the outlet, ``by``, then :data:`RATIO_COLUMNS`
        (``numerator``: the voice's quoted words; ``denominator``: all words the outlet quotes).

    Examples
    --------
    >>> quotes = pd.DataFrame({"article_id": ["a", "a", "b"], "outlet": "A", "side": ["X", None, "X"],
    ...     "words": [10, 10, 5]})
    >>> events = pd.DataFrame({"article_id": ["a", "b"], "event": ["e1", "e2"]})
    >>> voice_profile(quotes, events)[["outlet", "side", "numerator", "denominator", "share"]].values.tolist()
    [['A', '(none)', 10, 25, 0.4], ['A', 'X', 15, 25, 0.6]]
    """
    return voice_profile_of_units(voice_units(quotes, events, by=by), by=by)


def voice_units(quotes: pd.DataFrame, events: pd.DataFrame, *, by: str = "side") -> pd.DataFrame:
    """The quoted words per outlet, event and voice: what :func:`voice_profile` adds up, and
    what batches of quotes add up to (concatenate them and pass them to :func:`voice_profile_of_units`)."""
    check_columns(quotes, ["article_id", "outlet", by, "words"], what="the quotes table")
    check_columns(events, ["article_id", "event"], what="the events table")
    data = quotes.drop(columns=["event"], errors="ignore").merge(events[["article_id", "event"]], on="article_id",
                                                                how="left")
    data = data.assign(**{by: data[by].fillna("(none)").astype(str), "event": data["event"].fillna("(none)")})
    return data.groupby(["outlet", "event", by], as_index=False)["words"].sum()


def _voice_grid(units: pd.DataFrame, *, by: str) -> pd.DataFrame:
    """Every voice's quoted words in every event of each outlet (0 where it is not quoted), with the
    outlet's quoted words in that event (``all_words``)."""
    per_unit = units.groupby(["outlet", "event", by], as_index=False)["words"].sum()
    totals = per_unit.groupby(["outlet", "event"])["words"].sum()
    grid = (per_unit.set_index(["outlet", "event", by])["words"].unstack(by, fill_value=0).stack().rename("words")
            .reset_index())
    grid["all_words"] = [totals[(o, e)] for o, e in zip(grid["outlet"], grid["event"])]
    return grid


def voice_profile_of_units(units: pd.DataFrame, *, by: str = "side") -> pd.DataFrame:
    """:func:`voice_profile` from :func:`voice_units` (of one table, or of batches concatenated)."""
    grid = _voice_grid(units, by=by)
    if grid.empty:
        return pd.DataFrame(columns=["outlet", by, *RATIO_COLUMNS])
    return bootstrap_ratio(grid, numerator="words", denominator="all_words", group=["outlet", by])


def voice_differences(quotes: pd.DataFrame, events: pd.DataFrame, *, pairs, by: str = "side") -> pd.DataFrame:
    """Differences of share of voice, each with an interval from resampling events
    (:func:`bootstrap_difference`): between two outlets for one side, or between two sides of one
    outlet.

    Parameters
    ----------
    quotes, events, by
        As for :func:`voice_profile`.
    pairs : list of ((outlet, voice), (outlet, voice))
        What to compare, the first minus the second: ``(("Wire", "government"), ("Daily",
        "government"))`` compares two outlets, ``(("Daily", "opposition"), ("Daily", "government"))``
        two sides of one outlet over the same events.

    Returns
    -------
    pandas.DataFrame
        One row per pair: :data:`DIFFERENCE_COLUMNS` (``a`` and ``b`` are the (outlet, voice) pairs;
        ``share_a`` and ``share_b`` are the shares of :func:`voice_profile`).

    Examples
    --------
    >>> quotes = pd.DataFrame({"article_id": list("aabbccddee"), "outlet": "A",
    ...     "side": ["X", "Y"] * 5, "words": [10, 5, 8, 4, 9, 1, 6, 6, 12, 2]})
    >>> events = pd.DataFrame({"article_id": list("abcde"), "event": ["e1", "e2", "e3", "e4", "e5"]})
    >>> table = voice_differences(quotes, events, pairs=[(("A", "X"), ("A", "Y"))])
    >>> table[["events", "share_a", "share_b", "difference", "ci_low", "ci_high"]].round(2).values.tolist()
    [[5.0, 0.71, 0.29, 0.43, 0.21, 0.67]]
    """
    grid = _voice_grid(voice_units(quotes, events, by=by), by=by)
    return bootstrap_difference(grid, numerator="words", denominator="all_words", pairs=pairs, group=["outlet", by])


def tone_profile(stance: pd.DataFrame, events: pd.DataFrame, *, top: int | None = None) -> pd.DataFrame:
    """The mean tone towards each actor per outlet, pooled over events, with intervals from
    resampling events (the mention-level intervals of :func:`toolkit.framing_table` treat every
    mention as independent; several mentions of one story are not).

    Parameters
    ----------
    stance : pandas.DataFrame
        Scored mentions (:func:`toolkit.score_mentions`): ``article_id``, ``outlet``, ``actor``,
        ``score``.
    events : pandas.DataFrame
        One row per article with ``article_id`` and ``event``.
    top : int, optional
        Only the ``top`` most mentioned actors of the corpus.

    Returns
    -------
    pandas.DataFrame
        One row per outlet and actor: :data:`RATIO_COLUMNS` with ``mean_score`` for ``share``
        (``numerator``: the sum of the scores; ``denominator``: the mentions).

    Examples
    --------
    >>> stance = pd.DataFrame({"article_id": ["a", "a", "b"], "outlet": "A", "actor": "X", "score": [-1.0, 0.0, 0.5]})
    >>> events = pd.DataFrame({"article_id": ["a", "b"], "event": ["e1", "e2"]})
    >>> tone_profile(stance, events)[["outlet", "actor", "events", "denominator", "mean_score"]].values.tolist()
    [['A', 'X', 2, 3, -0.16666666666666666]]
    """
    return tone_profile_of_units(tone_units(stance, events, top=top))


def tone_differences(stance: pd.DataFrame, events: pd.DataFrame, *, pairs) -> pd.DataFrame:
    """Differences of mean tone towards an actor, each with an interval from resampling events
    (:func:`bootstrap_difference`): between two outlets for one actor, or two actors in one outlet.

    Parameters
    ----------
    stance, events
        As for :func:`tone_profile`.
    pairs : list of ((outlet, actor), (outlet, actor))
        What to compare, the first minus the second.

    Returns
    -------
    pandas.DataFrame
        One row per pair: :data:`DIFFERENCE_COLUMNS`, where ``share_a`` and ``share_b`` are the
        mean scores of :func:`tone_profile`.

    Examples
    --------
    >>> stance = pd.DataFrame({"article_id": list("abcdeABCDE"), "outlet": ["A"] * 5 + ["B"] * 5, "actor": "X",
    ...                        "score": [-0.5, -0.4, -0.6, -0.2, -0.3, -0.1, 0.0, -0.2, 0.1, 0.0]})
    >>> events = pd.DataFrame({"article_id": list("abcdeABCDE"), "event": list("vwxyz") * 2})
    >>> tone_differences(stance, events, pairs=[(("A", "X"), ("B", "X"))])[
    ...     ["events", "share_a", "share_b", "difference", "ci_low", "ci_high"]].round(2).values.tolist()
    [[5.0, -0.4, -0.04, -0.36, -0.4, -0.32]]
    """
    return bootstrap_difference(tone_units(stance, events), numerator="total", denominator="mentions", pairs=pairs,
                                group=["outlet", "actor"])


def tone_units(stance: pd.DataFrame, events: pd.DataFrame, *, top: int | None = None) -> pd.DataFrame:
    """The summed score and the mentions per outlet, actor and event: what :func:`tone_profile`
    adds up, and what batches of mentions add up to (concatenate them and pass them to
    :func:`tone_profile_of_units`; ``top`` counts within one table only)."""
    check_columns(stance, ["article_id", "outlet", "actor", "score"], what="the scored mentions")
    check_columns(events, ["article_id", "event"], what="the events table")
    data = stance.drop(columns=["event"], errors="ignore").merge(events[["article_id", "event"]], on="article_id",
                                                                  how="left")
    if top is not None:
        data = data[data["actor"].isin(data["actor"].value_counts().index[:top])]
    return data.assign(event=data["event"].fillna("(none)"), one=1).groupby(
        ["outlet", "actor", "event"], as_index=False).agg(total=("score", "sum"), mentions=("one", "sum"))


def tone_profile_of_units(units: pd.DataFrame) -> pd.DataFrame:
    """:func:`tone_profile` from :func:`tone_units` (of one table, or of batches concatenated)."""
    units = units.groupby(["outlet", "actor", "event"], as_index=False).agg(total=("total", "sum"),
                                                                           mentions=("mentions", "sum"))
    if units.empty:
        return pd.DataFrame(columns=["outlet", "actor", *RATIO_COLUMNS]).rename(columns={"share": "mean_score"})
    return bootstrap_ratio(units, numerator="total", denominator="mentions", group=["outlet", "actor"],
                           ratio="mean_score")
