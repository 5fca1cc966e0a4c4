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
    rows = []
    for (g, who), part in data.groupby([group, by], sort=True):
        rows.append({group: g, by: who, "quotes": len(part),
                     "statements": len(part.drop_duplicates(keys)) if "statement" in keys else len(part),
                     **{k: int((part["kind"] == k).sum()) for k in ("direct", "mixed", "indirect")},
                     "quoted_words": int(part["words"].sum()),
                     "verbs": counted(part.loc[part["verb"] != "", "verb"]),
                     "evaluative_verbs": int((part["verb_class"] == "evaluative").sum())})
    table = pd.DataFrame(rows, columns=[group, by, *VOICE_COLUMNS])
    totals = table.groupby(group)["quoted_words"].transform("sum")
    table["share_of_words"] = (table["quoted_words"] / totals.where(totals > 0)).fillna(0.0)
    table = table.sort_values([group, "quoted_words", by], ascending=[True, False, True], kind="stable")
    return table.reset_index(drop=True)
