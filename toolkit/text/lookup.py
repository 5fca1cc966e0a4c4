"""The evidence behind a number: the sentences that rows of any table come from."""

from __future__ import annotations

import pandas as pd

from .._checks import check_columns
from .nlp import LONG_SENTENCE


#: In a sentence longer than :data:`toolkit.text.nlp.LONG_SENTENCE` characters (never met in real
#: news: a list or a transcript run together), a mention is read with this many characters either
#: side of it, not on the whole sentence: reading all of it for each of its mentions grows with
#: the square of its length (tone and roles of a 2 MB paragraph of names: hours, or over 23 GB).
LONG_CONTEXT = 500


def _around(start: int, end: int) -> tuple[int, int]:
    """Where the part of an over-long sentence read for a span begins and ends."""
    return max(0, start - LONG_CONTEXT), end + LONG_CONTEXT


def bounded_context(texts: list[str], offsets: list[tuple[int, int]]) -> tuple[list[str], list[tuple[int, int]]]:
    """Each mention's text and offsets, cut to :data:`LONG_CONTEXT` characters either side of the
    mention in an over-long sentence (others unchanged).

    Examples
    --------
    >>> bounded_context(["Ann met Bo.", "x" * 6000 + " Ann " + "y" * 6000], [(0, 3), (6001, 6004)])[1]
    [(0, 3), (500, 503)]
    """
    out_texts, out_offsets = [], []
    for text, (start, end) in zip(texts, offsets):
        if len(text) > LONG_SENTENCE:
            first, last = _around(start, end)
            text, start, end = text[first:last], start - first, end - first
        out_texts.append(text)
        out_offsets.append((start, end))
    return out_texts, out_offsets


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
        a row's sentence is not in ``sentences``. ``text`` holds Python strings (object dtype),
        each sentence's one string shared by its rows.

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
    found = sentences.set_index(["article_id", "sentence"])[[c for c in columns if c != "text"]].reindex(keys)
    if "text" in columns:
        # one string per sentence, shared by its rows (not a copy of a long sentence in each of its rows)
        texts, positions = sentences["text"].tolist(), sentence_positions(rows, sentences)
        found["text"] = pd.Series([texts[p] if p >= 0 else None for p in positions], index=keys, dtype=object)
    return found[list(columns)]


def sentence_positions(rows: pd.DataFrame, sentences: pd.DataFrame):
    """The position (row number) in ``sentences`` of each row's sentence, -1 where it is not there.

    Take texts by position from ``sentences["text"].tolist()``: one string per sentence, shared by
    all its rows (a text column reindexed to the rows copies the text into every row: a long
    sentence with many mentions then fills the memory).

    Examples
    --------
    >>> import pandas as pd
    >>> sentences = pd.DataFrame({"article_id": ["a", "a"], "sentence": [0, 1], "text": ["One.", "Two."]})
    >>> sentence_positions(pd.DataFrame({"article_id": ["a", "a", "b"], "sentence": [1, 1, 0]}), sentences).tolist()
    [1, 1, -1]
    """
    check_columns(rows, ["article_id", "sentence"], what="the rows")
    check_columns(sentences, ["article_id", "sentence"], what="the sentences table")
    index = pd.MultiIndex.from_arrays([sentences["article_id"], sentences["sentence"]])
    return index.get_indexer(pd.MultiIndex.from_arrays([rows["article_id"], rows["sentence"]]))


def add_sentence_text(rows: pd.DataFrame, sentences: pd.DataFrame) -> pd.DataFrame:
    """Add the full text of each row's sentence, so that every row can be read in context (of a
    sentence over :data:`toolkit.text.nlp.LONG_SENTENCE` characters, the :data:`LONG_CONTEXT`
    characters around the row's ``start`` and ``end``, or its beginning, marked "…").

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
    >>> long = pd.DataFrame({"article_id": ["b"], "sentence": [0], "start": [0], "text": ["x" * 6000 + " Ann " + "y" * 6000]})
    >>> text = add_sentence_text(pd.DataFrame({"article_id": ["b"], "sentence": [0], "start": [6001], "end": [6004]}),
    ...                          long)["sentence_text"].iloc[0]
    >>> len(text), text[499:506]
    (1005, 'x Ann y')
    """
    found = sentences_of(rows, sentences, ["text", "start"] if "start" in sentences else ["text"])
    texts = found["text"].tolist()
    spans = "start" in rows and "end" in rows and "start" in found
    for i, text in enumerate(texts):
        if not isinstance(text, str) or len(text) <= LONG_SENTENCE:
            continue
        # an over-long sentence: the part around the row, not a copy of all of it in each of its rows
        first, last = 0, 2 * LONG_CONTEXT
        if spans and pd.notna(rows["start"].iloc[i]) and pd.notna(found["start"].iloc[i]):
            base = int(found["start"].iloc[i])
            first, last = _around(int(rows["start"].iloc[i]) - base, int(rows["end"].iloc[i]) - base)
        texts[i] = ("…" if first else "") + text[first:last] + ("…" if last < len(text) else "")
    return rows.assign(sentence_text=texts)
