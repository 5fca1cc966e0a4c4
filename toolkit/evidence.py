"""The evidence behind a number: the sentences that rows of any table come from."""

from __future__ import annotations

import pandas as pd

from ._checks import check_columns


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
    check_columns(rows, ["article_id", "sentence"], what="the rows")
    check_columns(sentences, ["article_id", "sentence", "text"], what="the sentences table")
    lookup = sentences.set_index(["article_id", "sentence"])["text"]
    keys = pd.MultiIndex.from_arrays([rows["article_id"], rows["sentence"]])
    return rows.assign(sentence_text=lookup.reindex(keys).to_numpy())
