"""Sentence tone: lexicon sentiment scores of each sentence.

What it measures: TextBlob's polarity (-1 negative .. +1 positive) and subjectivity
(0 factual .. 1 subjective) are averages of the scores of the adjectives (and a few other words)
of the sentence in the Pattern lexicon, with simple handling of intensifiers ("very") and
negation ("not"). They measure the evaluative vocabulary of the sentence as a whole, not the
tone towards any actor in it, and they are blind to news events ("killed" scores 0). On the
NewsMTSC development data, TextBlob sentence polarity reaches about 43 macro-F1 as a
target-sentiment classifier (see ``../shared/data/newsmtsc/README.md``): read it as a rough
indicator of tone, never as a stance measure.
"""

from __future__ import annotations

from typing import Literal

import pandas as pd
from textblob.en import sentiment as _pattern_sentiment

from .._checks import check_choice, check_columns
from ..parallel import map_in_chunks
from .targets import vader_compound

Method = Literal["textblob", "vader"]


def score_sentences(sentences: pd.DataFrame, *, method: Method = "textblob",
                    processes: int | None = None) -> pd.DataFrame:
    """Add sentiment scores to each sentence.

    Parameters
    ----------
    sentences : pandas.DataFrame
        The sentences table (needs ``text``).
        Every part counts: headline, captions and body (to leave the first two out, pass
        :func:`toolkit.body_of` of the table).
    method : {"textblob", "vader"}, default "textblob"
        The lexicon. TextBlob's pattern analyzer is called directly, which gives exactly the
        values of ``TextBlob(text).sentiment`` at a fraction of the cost. VADER's compound score
        is its polarity; VADER has no subjectivity (missing values).
    processes : int, optional
        Worker processes; by default both cores for more than 20,000 sentences, else one.
        The results are identical whatever the number.

    Returns
    -------
    pandas.DataFrame
        A new table: the sentences' columns plus ``polarity`` (-1..1), ``subjectivity`` (0..1)
        and ``method``.

    Raises
    ------
    ValueError
        For an unknown method or a table without ``text``.

    Examples
    --------
    >>> import pandas as pd
    >>> score_sentences(pd.DataFrame({"text": ["A terrible, brutal war.", "Talks went well."]}))[
    ...     ["polarity", "subjectivity"]].round(3).values.tolist()
    [[-0.938, 1.0], [0.0, 0.0]]
    """
    check_choice("method", method, Method)
    check_columns(sentences, ["text"], what="the sentences table")
    scorer = _textblob_scores if method == "textblob" else _vader_scores
    scores = map_in_chunks(scorer, sentences["text"].tolist(), processes=processes)
    result = sentences.copy()
    result["polarity"] = [p for p, _ in scores]
    result["subjectivity"] = [s for _, s in scores]
    result["method"] = method
    return result


def _textblob_scores(texts: list[str]) -> list[tuple[float, float]]:
    return [tuple(_pattern_sentiment(text))[:2] for text in texts]


def _vader_scores(texts: list[str]) -> list[tuple[float, float]]:
    return [(vader_compound(text), float("nan")) for text in texts]


def tone_summary(scored: pd.DataFrame, *, group: str = "outlet") -> pd.DataFrame:
    """Summarize sentence scores per group.

    Parameters
    ----------
    scored : pandas.DataFrame
        Output of :func:`score_sentences`.
        Every part counts: headline, captions and body (to leave the first two out, pass
        :func:`toolkit.body_of` of the table).
    group : str, default "outlet"
        The grouping column.

    Returns
    -------
    pandas.DataFrame
        One row per group: ``<group>, sentences, mean_polarity, sd_polarity,
        share_negative`` (polarity < 0), ``share_positive`` (polarity > 0),
        ``mean_subjectivity``, ``method``.

    Examples
    --------
    >>> import pandas as pd
    >>> scored = score_sentences(pd.DataFrame({"outlet": ["A", "A", "B"],
    ...     "text": ["A terrible war.", "Talks went well.", "A great deal."]}))
    >>> tone_summary(scored)[["outlet", "sentences", "mean_polarity", "share_negative"]].values.tolist()
    [['A', 2, -0.5, 0.5], ['B', 1, 0.8, 0.0]]
    """
    check_columns(scored, [group, "polarity", "subjectivity", "method"], what="the scored sentences")
    summary = scored.groupby(group).agg(
        sentences=("polarity", "size"), mean_polarity=("polarity", "mean"),
        sd_polarity=("polarity", "std"),
        share_negative=("polarity", lambda p: float((p < 0).mean())),
        share_positive=("polarity", lambda p: float((p > 0).mean())),
        mean_subjectivity=("subjectivity", "mean"), method=("method", "first"))
    return summary.reset_index()


def extreme_sentences(scored: pd.DataFrame, *, n: int = 3, group: str = "outlet",
                      x: str = "polarity") -> pd.DataFrame:
    """Return the ``n`` lowest- and ``n`` highest-scoring sentences of each group.

    Parameters
    ----------
    scored : pandas.DataFrame
        Output of :func:`score_sentences`.
        Every part counts: headline, captions and body (to leave the first two out, pass
        :func:`toolkit.body_of` of the table).
    n : int, default 3
        How many sentences at each end.
    group : str, default "outlet"
    x : str, default "polarity"
        The score to rank by.

    Returns
    -------
    pandas.DataFrame
        ``<group>, end`` ("lowest" or "highest"), ``article_id, sentence, <x>, text`` (the
        columns of those present in ``scored``).

    Examples
    --------
    >>> import pandas as pd
    >>> scored = score_sentences(pd.DataFrame({"outlet": ["A", "A", "A"],
    ...     "text": ["A terrible war.", "Talks went well.", "A great deal."]}))
    >>> extreme_sentences(scored, n=1)[["end", "text"]].values.tolist()
    [['lowest', 'A terrible war.'], ['highest', 'A great deal.']]
    """
    check_columns(scored, [group, x, "text"], what="the scored sentences")
    if n < 1:
        raise ValueError(f"n={n!r} must be at least 1")
    columns = [c for c in [group, "article_id", "sentence", x, "text"] if c in scored.columns]
    ranked = scored.sort_values([group, x], kind="stable")
    lowest = ranked.groupby(group).head(n).assign(end="lowest")
    highest = ranked.iloc[::-1].groupby(group).head(n).assign(end="highest")
    highest = highest[highest[x] > 0]
    lowest = lowest[lowest[x] < 0]
    both = pd.concat([lowest, highest])
    order = both.assign(_end=both["end"].map({"lowest": 0, "highest": 1}))
    order = order.sort_values([group, "_end", x], kind="stable")
    return order[[group, "end", *columns[1:]]].reset_index(drop=True)
