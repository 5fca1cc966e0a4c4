"""Share of voice: who is quoted, how much, and with which verbs."""

from __future__ import annotations

import pandas as pd

from .._checks import check_columns

#: The columns of :func:`voices`.
VOICE_COLUMNS = ["quotes", "statements", "direct", "mixed", "indirect", "quoted_words", "share_of_words", "verbs",
                 "evaluative_verbs"]


def counted(values: pd.Series, top: int | None = None) -> str:
    """Values with their counts, most frequent first (ties alphabetical): ``"say 3, claim 1"``.

    Examples
    --------
    >>> counted(pd.Series(["say", "claim", "say"]))
    'say 2, claim 1'
    """
    counts = values.value_counts().sort_index().sort_values(ascending=False, kind="stable")
    return ", ".join(f"{v} {n}" for v, n in (counts.head(top) if top is not None else counts).items())


def counted_by(keys: pd.DataFrame, values: pd.Series, *, top: int | None = None) -> pd.Series:
    """:func:`counted` of the values of each group of rows, in one grouped pass.

    Parameters
    ----------
    keys : pandas.DataFrame
        The columns that name each row's group (rows with a missing key are left out).
    values : pandas.Series
        The values to count, aligned with ``keys`` (missing values are not counted).
    top : int, optional
        Only the ``top`` most frequent values of each group.

    Returns
    -------
    pandas.Series
        The text of :func:`counted` for each group that has a value, indexed by the groups.

    Examples
    --------
    >>> keys = pd.DataFrame({"outlet": ["A", "A", "A", "B"]})
    >>> counted_by(keys, pd.Series(["say", "claim", "say", "tell"])).to_dict()
    {'A': 'say 2, claim 1', 'B': 'tell 1'}
    """
    names = list(keys.columns)
    data = keys.reset_index(drop=True).assign(_value=values.to_numpy(dtype=object)).dropna()
    counts = data.groupby([*names, "_value"]).size().rename("_n").reset_index()
    # as counted(): most frequent first, ties in the order of the values
    counts = counts.sort_values([*names, "_value"], kind="stable").sort_values(
        [*names, "_n"], ascending=[True] * len(names) + [False], kind="stable")
    if top is not None:
        counts = counts[counts.groupby(names).cumcount() < top]
    items = pd.Series([f"{v} {n}" for v, n in zip(counts["_value"], counts["_n"])], index=counts.index)
    return items.groupby([counts[name] for name in names], sort=True).agg(", ".join)


def voices(quotes: pd.DataFrame, *, by: str = "speaker", group: str = "outlet") -> pd.DataFrame:
    """Count quotes and quoted words per group (outlet) and speaker (or side).

    Parameters
    ----------
    quotes : pandas.DataFrame
        The quotes table (:func:`toolkit.extract_quotes`).
        Every part counts: headline, captions and body (to leave the first two out, pass
        :func:`toolkit.body_of` of the table).
    by : str, default "speaker"
        The column to count voices by: "speaker", "actor", "side", "speaker_type" ...
        Missing values (an unnamed source has no side) are counted as "(none)".
    group : str, default "outlet"

    Returns
    -------
    pandas.DataFrame
        One row per group × ``by``: ``quotes``, ``statements`` (the quotes of one statement
        counted once, see :func:`toolkit.statements`; as many as quotes for a table without
        the ``statement`` column), the counts of ``direct``, ``mixed`` and
        ``indirect`` quotes, ``quoted_words`` (words in the quotes), ``share_of_words`` (of all
        the group's quoted words), ``verbs`` (the lemmas used, most frequent first, with
        counts) and ``evaluative_verbs`` (how many quotes have an evaluative verb). Sorted by
        group, then by quoted words.

    Examples
    --------
    >>> import pandas as pd
    >>> quotes = pd.DataFrame({"outlet": ["A", "A", "A"], "speaker": ["X", "X", "Y"],
    ...     "kind": ["direct", "indirect", "direct"], "words": [6, 2, 2],
    ...     "verb": ["say", "claim", "say"], "verb_class": ["neutral", "evaluative", "neutral"]})
    >>> voices(quotes)[["speaker", "quotes", "quoted_words", "share_of_words", "verbs"]].values.tolist()
    [['X', 2, 8, 0.8, 'claim 1, say 1'], ['Y', 1, 2, 0.2, 'say 1']]
    """
    check_columns(quotes, [group, by, "kind", "words", "verb", "verb_class"], what="the quotes table")
    data = quotes.assign(**{by: quotes[by].fillna("(none)")})
    keys = [c for c in ("article_id", "part", "statement") if c in data.columns]
    cells = [group, by]
    data = data[data[group].notna()]
    if data.empty:
        table = pd.DataFrame([], columns=[group, by, *VOICE_COLUMNS])
    else:
        # one grouped pass over the quotes: a row per outlet and voice that has quotes
        grouped = data.assign(**{k: data["kind"] == k for k in ("direct", "mixed", "indirect")},
                              evaluative_verbs=data["verb_class"] == "evaluative").groupby(cells, sort=True)
        table = grouped.size().rename("quotes").to_frame()
        table["statements"] = (data.drop_duplicates([*cells, *keys]).groupby(cells).size() if "statement" in keys
                               else table["quotes"])
        sums = grouped[["direct", "mixed", "indirect", "words", "evaluative_verbs"]].sum()
        for column in ("direct", "mixed", "indirect"):
            table[column] = sums[column].astype("int64")
        table["quoted_words"] = sums["words"].astype("int64")
        verbs = data[data["verb"] != ""]
        table["verbs"] = counted_by(verbs[cells], verbs["verb"]).reindex(table.index, fill_value="")
        table["evaluative_verbs"] = sums["evaluative_verbs"].astype("int64")
        table = table.reset_index().assign(share_of_words=0.0)[[group, by, *VOICE_COLUMNS]]
    totals = table.groupby(group)["quoted_words"].transform("sum")
    table["share_of_words"] = (table["quoted_words"] / totals.where(totals > 0)).fillna(0.0)
    table = table.sort_values([group, "quoted_words", by], ascending=[True, False, True], kind="stable")
    return table.reset_index(drop=True)
