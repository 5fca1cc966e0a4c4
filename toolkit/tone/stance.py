"""Tone towards each actor: target-level sentiment of every mention.

See :mod:`toolkit.tone.targets` for the methods, what they measure and how well.
"""

from __future__ import annotations

from bisect import bisect_right
from functools import partial
from itertools import accumulate

import pandas as pd

from .._checks import check_choice, check_columns
from ..text.lookup import bounded_context, sentences_of
from ..parallel import map_in_chunks
from ..actors.quotes import quote_spans
from .targets import Method, score_targets

#: Columns that :func:`score_mentions` adds to the mentions table.
STANCE_COLUMNS = ["label", "score", "method", "in_quote", "quote_speaker"]


def _score_chunk(triples: list[tuple[str, int, int]], method: str) -> list[tuple[str, float]]:
    labels, scores = score_targets([t for t, _, _ in triples], [s for _, s, _ in triples],
                                   [e for _, _, e in triples], method=method)
    return list(zip(labels, scores.tolist()))


def score_mentions(mentions: pd.DataFrame, sentences: pd.DataFrame, *, method: Method = "newsmtsc-linear",
                   quotes: pd.DataFrame | None = None, processes: int | None = None,
                   client=None) -> pd.DataFrame:
    """Score the tone of each mention's sentence *towards that mention*.

    Parameters
    ----------
    mentions : pandas.DataFrame
        The mentions table (:func:`toolkit.find_mentions`).
        Every part counts: headline, captions and body (to leave the first two out, pass
        :func:`toolkit.body_of` of the table).
    sentences : pandas.DataFrame
        The sentences table the mentions were found in.
    method : {"newsmtsc-linear", "vader-window", "textblob-window", "newsmtsc-minilm"}
        See :mod:`toolkit.tone.targets`; "newsmtsc-minilm" needs the ``neural`` extra.
    quotes : pandas.DataFrame, optional
        The quotes table: a mention inside a direct or mixed quote gets the quote's speaker in
        ``quote_speaker``. Without it, quote marks in the sentence still set ``in_quote``.
    processes : int, optional
        Worker processes (see :func:`toolkit.parallel.map_in_chunks`); results are identical.
    client : distributed.Client, optional
        Score on this Dask cluster instead; results are identical.

    Returns
    -------
    pandas.DataFrame
        The mentions with ``label`` (negative, neutral, positive), ``score`` (-1..1),
        ``method``, ``in_quote`` (the mention is inside quote marks: the tone there is the
        speaker's, not the outlet's) and ``quote_speaker``. In a sentence over
        :data:`toolkit.text.nlp.LONG_SENTENCE` characters a mention is scored on the
        :data:`toolkit.text.lookup.LONG_CONTEXT` characters either side of it.

    Examples
    --------
    >>> from toolkit import find_mentions, load_actors, load_articles, sample_actors_path, sample_data_path, split_sentences
    >>> sentences = split_sentences(load_articles(sample_data_path()))
    >>> mentions = find_mentions(sentences, load_actors(sample_actors_path()))
    >>> scored = score_mentions(mentions, sentences, method="vader-window")
    >>> scored.loc[scored["surface"] == "the aggressor", ["label", "in_quote"]].values.tolist()
    [['negative', True], ['negative', True]]
    """
    check_choice("method", method, Method)
    check_columns(mentions, ["article_id", "sentence", "start", "end"], what="the mentions table")
    located = sentences_of(mentions, sentences)     # each sentence's one string, shared by its mentions
    if located["text"].isna().any():
        missing = located.index[located["text"].isna().to_numpy()][:3].tolist()
        raise ValueError(f"mentions refer to sentences that are not in the sentences table, e.g. {missing}")
    texts = located["text"].tolist()
    offsets = [(s - base, e - base) for s, e, base in zip(mentions["start"].tolist(), mentions["end"].tolist(),
                                                          located["start"].tolist())]
    bounded = zip(*bounded_context(texts, offsets))
    results = map_in_chunks(partial(_score_chunk, method=method),
                            [(t, s, e) for t, (s, e) in bounded], processes=processes, client=client)
    scored = mentions.assign(label=[label for label, _ in results], score=[score for _, score in results],
                             method=method)
    in_quote, speakers = _quote_marks(scored, texts, offsets, quotes)
    return scored.assign(in_quote=in_quote, quote_speaker=speakers)


def _quote_marks(mentions, texts, offsets, quotes):
    """Whether each mention is inside quote marks, and whose quote it is (if quotes are given)."""
    if quotes is not None and len(quotes):
        marked = quotes[quotes["kind"] != "indirect"]
        parts = marked["part"] if "part" in marked.columns else pd.Series("body", index=marked.index)
        spans: dict[tuple, list] = {}
        for a, p, s, e, who in zip(marked["article_id"], parts, marked["start"], marked["end"], marked["speaker"]):
            spans.setdefault((a, p), []).append((s, e, who))
        m_parts = mentions["part"] if "part" in mentions.columns else pd.Series("body", index=mentions.index)
        found = {key: _first_holding(group) for key, group in spans.items()}
        speakers = [found[(a, p)](start) if (a, p) in found else None
                    for a, p, start in zip(mentions["article_id"], m_parts, mentions["start"])]
        return [w is not None for w in speakers], speakers
    marks = {text: _first_holding([(a, b, True) for a, b in quote_spans(text)]) for text in set(texts)}
    inside = [marks[t](s) is not None for t, (s, _) in zip(texts, offsets)]
    return inside, [None] * len(inside)


def _first_holding(spans: list[tuple]):
    """A function of an offset: the value of the first span ``(start, end, value)``, by start,
    that holds it, or None (by bisection: a mention costs the log of its article's quotes)."""
    spans = sorted(spans, key=lambda span: span[0])
    starts = [s for s, _, _ in spans]
    reach = list(accumulate((e for _, e, _ in spans), max))

    def first(offset):
        i = bisect_right(reach, offset)     # the first span that ends after the offset ...
        return spans[i][2] if i < bisect_right(starts, offset) else None   # ... if it starts at or before it
    return first
