"""The evidence behind a number: the sentences that rows of any table come from."""

from __future__ import annotations

import pandas as pd

from .._checks import check_columns


def sentences_of(rows: pd.DataFrame, sentences: pd.DataFrame, columns=("start", "text")) -> pd.DataFrame:
    """The sentence of each row (by ``article_id`` and ``sentence``), aligned with the rows.

    Parameters
    ----------
    rows : pandas.DataFrame
        Any table with ``article_id`` and ``sentence``.
    sentences : pandas.DataFrame
        The sentences table.
    columns : sequence of str, default ("start", "text")
        The sentence columns wanted.

    Returns
    -------
    pandas.DataFrame
        One row per row of ``rows``, in the same order, with ``columns``; missing values where
        a row's sentence is not in ``sentences``.

    Examples
    --------
    >>> import pandas as pd
    >>> sentences = pd.DataFrame({"article_id": ["a", "a"], "sentence": [0, 1], "start": [0, 5], "text": ["One.", "Two."]})
    >>> sentences_of(pd.DataFrame({"article_id": ["a"], "sentence": [1]}), sentences).values.tolist()
    [[5, 'Two.']]
    """
    check_columns(rows, ["article_id", "sentence"], what="the rows")
    check_columns(sentences, ["article_id", "sentence", *columns], what="the sentences table")
    keys = pd.MultiIndex.from_arrays([rows["article_id"], rows["sentence"]])
    return sentences.set_index(["article_id", "sentence"])[list(columns)].reindex(keys)


def add_sentence_text(rows: pd.DataFrame, sentences: pd.DataFrame) -> pd.DataFrame:
    """Add the full text of each row's sentence, so that every row can be read in context.

    Parameters
    ----------
    rows : pandas.DataFrame
        Any table with ``article_id`` and ``sentence`` (mentions, quotes, scores).
    sentences : pandas.DataFrame
        The sentences table the rows were derived from.

    Returns
    -------
    pandas.DataFrame
        A new table: the rows with a ``sentence_text`` column, in the same order.

    Examples
    --------
    >>> import pandas as pd
    >>> sentences = pd.DataFrame({"article_id": ["a", "a"], "sentence": [0, 1], "text": ["One.", "Two."]})
    >>> add_sentence_text(pd.DataFrame({"article_id": ["a"], "sentence": [1], "actor": ["X"]}), sentences).values.tolist()
    [['a', 1, 'X', 'Two.']]
    """
    return rows.assign(sentence_text=sentences_of(rows, sentences, ["text"])["text"].to_numpy())
