"""Splitting articles into paragraphs and sentences, with character offsets.

The splitter is nupunkt (an offline Punkt implementation with a model trained on a large
English corpus, shipped inside the package: nothing is downloaded), applied paragraph by
paragraph. Its accuracy on real news text is measured in ``data/gold/sentences`` and
:mod:`toolkit.segmentation_eval`.
"""

from __future__ import annotations

import re

import nupunkt
import pandas as pd

from ._checks import check_columns

#: The columns of the sentences table.
SENTENCE_COLUMNS = ["article_id", "outlet", "paragraph", "sentence", "start", "end", "text"]

_PARAGRAPH = re.compile(r"[^\n]+(?:\n(?![ \t]*\n)[^\n]*)*")


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Return the (start, end) offsets of the paragraphs of a text.

    Paragraphs are separated by one or more blank lines; leading and trailing white space is
    not part of a paragraph.

    Parameters
    ----------
    text : str

    Returns
    -------
    list of tuple of int

    Examples
    --------
    >>> paragraph_spans("One.\\n\\nTwo. Three.\\n")
    [(0, 4), (6, 17)]
    """
    spans = []
    for m in _PARAGRAPH.finditer(text):
        start, end = m.span()
        chunk = m.group()
        start += len(chunk) - len(chunk.lstrip())
        end -= len(chunk) - len(chunk.rstrip())
        if end > start:
            spans.append((start, end))
    return spans


def sentence_spans(paragraph: str) -> list[tuple[int, int]]:
    """Return the (start, end) offsets of the sentences of one paragraph.

    Parameters
    ----------
    paragraph : str

    Returns
    -------
    list of tuple of int
        End-exclusive offsets into ``paragraph``, without surrounding white space.

    Examples
    --------
    >>> p = 'Asked, Ushakov said: "Not further, that\\'s for sure." "But there\\'s work," he said.'
    >>> [p[s:e] for s, e in sentence_spans(p)]
    ['Asked, Ushakov said: "Not further, that\\'s for sure."', '"But there\\'s work," he said.']
    """
    spans = []
    for start, end in nupunkt.sent_spans(paragraph):
        piece = paragraph[start:end]
        start += len(piece) - len(piece.lstrip())
        end -= len(piece) - len(piece.rstrip())
        if end > start:
            spans.append((start, end))
    return spans


def split_sentences(articles: pd.DataFrame) -> pd.DataFrame:
    """Split each article's text into sentences.

    Parameters
    ----------
    articles : pandas.DataFrame
        The articles table; needs ``article_id``, ``outlet`` and ``text``.

    Returns
    -------
    pandas.DataFrame
        The sentences table, one row per sentence: ``article_id, outlet, paragraph`` (index of
        the paragraph in the article, from 0), ``sentence`` (index of the sentence in the
        article, from 0), ``start, end`` (character offsets into the article's ``text``, end
        exclusive) and ``text`` (equal to ``article_text[start:end]``).

    Raises
    ------
    ValueError
        If a needed column is missing.

    Examples
    --------
    >>> from toolkit import load_articles, sample_data_path
    >>> sentences = split_sentences(load_articles(sample_data_path()))
    >>> sentences.groupby("outlet")["sentence"].count().to_dict()
    {'AP wire copy': 46, 'Morning Star': 15}
    """
    check_columns(articles, ["article_id", "outlet", "text"], what="the articles table")
    rows = []
    for article_id, outlet, text in zip(articles["article_id"], articles["outlet"], articles["text"]):
        rows.extend(_article_sentences(article_id, outlet, text))
    table = pd.DataFrame(rows, columns=SENTENCE_COLUMNS)
    return table.astype({"paragraph": "int64", "sentence": "int64", "start": "int64", "end": "int64"})


def _article_sentences(article_id: str, outlet: str, text: str) -> list[tuple]:
    rows = []
    if not isinstance(text, str):
        return rows
    for p, (p_start, p_end) in enumerate(paragraph_spans(text)):
        for s_start, s_end in sentence_spans(text[p_start:p_end]):
            start, end = p_start + s_start, p_start + s_end
            rows.append((article_id, outlet, p, len(rows), start, end, text[start:end]))
    return rows
