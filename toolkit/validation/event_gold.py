"""Checking the grouping of articles into events against a hand-made gold standard.

A gold CSV has one row per article file (``file, event, ...``; see ``data/gold/events/README.md``).
Figures: the adjusted Rand index (1 is perfect, 0 is chance; scikit-learn), and over all pairs
of articles, the precision and recall of "same event" (of the pairs put in one event, the share
that are one gold event; of the gold same-event pairs, the share put together), with the events
that mix gold events and the gold events split in two or more. ``python -m devtools.event_eval``
scores the toolkit's gold sets with them.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import pandas as pd

from .._checks import check_columns

#: The columns of :func:`evaluate_events`.
EVENT_EVAL_FIELDS = ["articles", "gold_events", "found_events", "adjusted_rand", "pair_precision", "pair_recall",
                     "pair_f1", "mixed_events", "split_gold_events"]


def read_event_gold(path: str | Path) -> pd.DataFrame:
    """Read a gold CSV of events: one row per article file.

    Parameters
    ----------
    path : str or pathlib.Path

    Returns
    -------
    pandas.DataFrame
        ``file`` (relative to the corpus folder) and ``event``, and the other columns of the file.

    Raises
    ------
    ValueError
        If a column is missing or a file is listed twice.
    """
    gold = pd.read_csv(path, dtype=str, keep_default_na=False)
    check_columns(gold, ["file", "event"], what=f"the gold file {path}")
    doubled = gold["file"][gold["file"].duplicated()].tolist()
    if doubled:
        raise ValueError(f"{path}: files listed twice: {', '.join(doubled)}")
    return gold


def _same_pairs(labels: pd.Series) -> set[tuple]:
    pairs = set()
    for _, members in labels.groupby(labels):
        pairs.update(itertools.combinations(sorted(members.index), 2))
    return pairs


def evaluate_events(found: pd.DataFrame, gold: pd.DataFrame) -> dict:
    """Compare an article-to-event assignment with the gold standard.

    Parameters
    ----------
    found : pandas.DataFrame
        ``source`` (the article's file, relative to the corpus folder, as the loader records it)
        and ``event``: for example the articles table merged with ``Events.articles``.
    gold : pandas.DataFrame
        From :func:`read_event_gold`.

    Returns
    -------
    dict
        The fields of :data:`EVENT_EVAL_FIELDS`.

    Raises
    ------
    ValueError
        If the two do not cover the same files.

    Examples
    --------
    >>> import pandas as pd
    >>> gold = pd.DataFrame({"file": ["a", "b", "c", "d"], "event": ["E1", "E1", "E2", "E2"]})
    >>> found = pd.DataFrame({"source": ["a", "b", "c", "d"], "event": [1, 1, 1, 2]})
    >>> scores = evaluate_events(found, gold)
    >>> scores["pair_precision"], scores["pair_recall"], scores["mixed_events"], scores["split_gold_events"]
    (0.3333333333333333, 0.5, 1, 1)
    """
    from sklearn.metrics import adjusted_rand_score

    check_columns(found, ["source", "event"], what="the found events")
    predicted = found.set_index("source")["event"]
    truth = gold.set_index("file")["event"]
    if set(predicted.index) != set(truth.index):
        missing, extra = sorted(set(truth.index) - set(predicted.index)), sorted(set(predicted.index) - set(truth.index))
        raise ValueError(f"the found events and the gold differ in their files: missing {missing[:5]}, "
                         f"not in the gold {extra[:5]}")
    predicted = predicted.loc[truth.index]
    said, true = _same_pairs(predicted), _same_pairs(truth)
    hits = len(said & true)
    precision = hits / len(said) if said else 1.0
    recall = hits / len(true) if true else 1.0
    mixed = sum(truth[members.index].nunique() > 1 for _, members in predicted.groupby(predicted))
    split = sum(predicted[members.index].nunique() > 1 for _, members in truth.groupby(truth))
    return {"articles": len(truth), "gold_events": truth.nunique(), "found_events": predicted.nunique(),
            "adjusted_rand": float(adjusted_rand_score(truth.to_numpy(), predicted.to_numpy())),
            "pair_precision": precision, "pair_recall": recall,
            "pair_f1": 2 * precision * recall / (precision + recall) if precision + recall else 0.0,
            "mixed_events": int(mixed), "split_gold_events": int(split)}
