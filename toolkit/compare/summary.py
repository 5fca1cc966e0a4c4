"""Per-outlet counts: how much text each outlet contributes."""

from __future__ import annotations

import pandas as pd

from .._checks import check_columns
from ..text.normalize import count_words
from ..text.sentences import body_of


def outlet_summary(articles: pd.DataFrame, sentences: pd.DataFrame) -> pd.DataFrame:
    """Count articles, paragraphs, sentences and words per outlet.

    Parameters
    ----------
    articles : pandas.DataFrame
        The articles table (``outlet``, ``text``, ``paywalled``, ``truncated``).
    sentences : pandas.DataFrame
        Its sentences table (``article_id``, ``outlet``, ``paragraph``); only the body's
        sentences are counted (not the title and captions).

    Returns
    -------
    pandas.DataFrame
        One row per outlet: ``outlet, articles, paragraphs, sentences, words, paywalled,
        truncated`` (the last two count articles).

    Examples
    --------
    >>> from toolkit import load_articles, sample_data_path, split_sentences
    >>> articles = load_articles(sample_data_path())
    >>> outlet_summary(articles, split_sentences(articles))[["outlet", "sentences", "words"]].values.tolist()
    [['AP wire copy', 46, 983], ['Morning Star', 15, 379]]
    """
    check_columns(articles, ["outlet", "text", "paywalled", "truncated"], what="the articles table")
    check_columns(sentences, ["article_id", "outlet", "paragraph"], what="the sentences table")
    sentences = body_of(sentences)
    per_article = articles.assign(words=articles["text"].map(count_words))
    counts = per_article.groupby("outlet").agg(
        articles=("text", "size"), words=("words", "sum"),
        paywalled=("paywalled", "sum"), truncated=("truncated", "sum"))
    sentence_counts = sentences.groupby("outlet").agg(sentences=("paragraph", "size"))
    paragraphs = sentences.drop_duplicates(["article_id", "paragraph"]).groupby("outlet").size()
    counts = counts.join(sentence_counts).assign(paragraphs=paragraphs)
    counts = counts.fillna(0).astype("int64").reset_index()
    return counts[["outlet", "articles", "paragraphs", "sentences", "words", "paywalled", "truncated"]]


def articles_overview(articles: pd.DataFrame, *, preview: int = 100) -> pd.DataFrame:
    """The articles table for display: metadata, size and the start of the text.

    Parameters
    ----------
    articles : pandas.DataFrame
        The articles table.
    preview : int, default 100
        How many characters of the text to show.

    Returns
    -------
    pandas.DataFrame
        ``article_id, outlet, published, title, words, paywalled, truncated, duplicate_of,
        preview``.

    Examples
    --------
    >>> from toolkit import load_articles, sample_data_path
    >>> articles_overview(load_articles(sample_data_path()), preview=20)["preview"].tolist()
    ['RUSSIAN overnight dr…', 'Ukraine and its Euro…']
    """
    check_columns(articles, ["article_id", "outlet", "published", "title", "text", "paywalled",
                             "truncated", "duplicate_of"], what="the articles table")
    clipped = articles["text"].map(lambda t: t if len(t) <= preview else t[:preview].rstrip() + "…")
    overview = articles[["article_id", "outlet", "published", "title"]].assign(
        words=articles["text"].map(count_words))
    overview = overview.join(articles[["paywalled", "truncated", "duplicate_of"]])
    return overview.assign(preview=clipped)
