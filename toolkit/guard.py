"""One article cannot stop a run: a per-article stage that fails on a batch is run again article by
article, and the articles it fails on are recorded and left out of that stage.

The record has the columns of the load log (``path, status, reason, article_id``; status
"incomplete"), so that a study adds it to its load log: every article is accounted for there,
read or not, analysed in full or not.
"""

from __future__ import annotations

import pandas as pd

#: The columns of the record of articles analysed in part (those of the load log).
ARTICLE_LOG_COLUMNS = ["path", "status", "reason", "article_id"]


def guarded(stage: str, func, table: pd.DataFrame, log: list, *, sort: list | None = None) -> pd.DataFrame:
    """``func(table)``; if it raises, ``func`` on each article's rows, without those it raises on.

    Parameters
    ----------
    stage : str
        The stage's name, for the record ("sentences", "quotes", ...).
    func : callable
        A per-article stage: a table of whole articles in, a table out.
    table : pandas.DataFrame
        With ``article_id``; the rows of one article contiguous.
    log : list
        Each article that ``func`` fails on is appended as ``(article_id, reason)``.
    sort : list of str, optional
        For a table that ``func`` sorts over its whole input: its sort columns.

    Returns
    -------
    pandas.DataFrame
        As ``func(table)`` gives it when nothing fails; else the articles' tables joined.

    Examples
    --------
    >>> import pandas as pd
    >>> def lengths(t):
    ...     if (t["text"] == "bad").any():
    ...         raise ValueError("cannot read it")
    ...     return t.assign(n=t["text"].str.len())
    >>> log = []
    >>> guarded("lengths", lengths, pd.DataFrame({"article_id": ["a", "b"], "text": ["good", "bad"]}), log)
      article_id  text  n
    0          a  good  4
    >>> log
    [('b', 'lengths: ValueError: cannot read it; the article has no rows in this stage')]
    """
    from .parallel import join_batches

    try:
        return func(table)
    except Exception:       # noqa: BLE001 - retried article by article below, each failure recorded
        pass
    parts, failed = [], []
    for article_id, rows in table.groupby("article_id", sort=False):
        try:
            parts.append(func(rows))
        except Exception as err:        # noqa: BLE001 - recorded: the run goes on without this article
            failed.append(rows.iloc[:0])
            log.append((article_id, f"{stage}: {type(err).__name__}: {err}; the article has no rows in this stage"))
    if not parts:
        parts = [func(pd.concat(failed))]   # no article left: the stage's empty table, with its columns
    return join_batches(parts, sort=sort)


def article_log(entries: list, sources: dict | None = None) -> pd.DataFrame:
    """The record of the articles analysed in part, as rows of the load log.

    Parameters
    ----------
    entries : list of (article_id, reason)
    sources : dict, optional
        Each article's input (the articles table's ``source``), for ``path``.

    Returns
    -------
    pandas.DataFrame
        :data:`ARTICLE_LOG_COLUMNS`, status "incomplete".
    """
    sources = sources or {}
    return pd.DataFrame([(sources.get(article_id), "incomplete", reason, article_id) for article_id, reason in entries],
                        columns=ARTICLE_LOG_COLUMNS)
