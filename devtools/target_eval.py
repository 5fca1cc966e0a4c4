"""Measuring target-level sentiment on NewsMTSC (Hamborg & Donnay, EACL 2021; MIT licence).

The data is read from where the user keeps it (in this project, ``../shared/data/newsmtsc``);
it is never copied into the repository.
"""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np
import pandas as pd

from toolkit._files import jsonl_records
from toolkit.tone.targets import LABELS, score_targets

_POLARITY = {2.0: "negative", 4.0: "neutral", 6.0: "positive"}


def read_newsmtsc(path: str | Path) -> pd.DataFrame:
    """Read a NewsMTSC JSON Lines file: one row per annotated target.

    Parameters
    ----------
    path : str or pathlib.Path

    Returns
    -------
    pandas.DataFrame
        ``text`` (the sentence), ``start, end`` (the target's offsets), ``mention``, ``label``
        (negative, neutral, positive), ``gid`` (the sentence's ``primary_gid``, which starts with
        the collection it was drawn from, ``allsides`` or ``polusa``; None where absent).

    Raises
    ------
    ValueError
        For a malformed line, naming it.
    """
    path = Path(path)
    rows = []
    for number, record in jsonl_records(path):
        try:
            for target in record["targets"]:
                rows.append((record["sentence_normalized"], int(target["from"]), int(target["to"]),
                             target["mention"], _POLARITY[float(target["polarity"])], record.get("primary_gid")))
        except (KeyError, TypeError, ValueError) as err:
            raise ValueError(f"{path}, line {number}: not a NewsMTSC record ({err!r})") from None
    return pd.DataFrame(rows, columns=["text", "start", "end", "mention", "label", "gid"])


def macro_f1(gold, predicted) -> tuple[float, float]:
    """Macro-averaged F1 over the three classes, and accuracy.

    Examples
    --------
    >>> macro_f1(["negative", "neutral", "positive", "neutral"], ["negative", "neutral", "neutral", "neutral"])
    (0.6, 0.75)
    """
    gold, predicted = np.asarray(gold), np.asarray(predicted)
    f1s = []
    for label in LABELS:
        tp = np.sum((gold == label) & (predicted == label))
        fp = np.sum((gold != label) & (predicted == label))
        fn = np.sum((gold == label) & (predicted != label))
        f1s.append(2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 0.0)
    return round(float(np.mean(f1s)), 10), round(float(np.mean(gold == predicted)), 10)


def evaluate_method(data: pd.DataFrame, method: str) -> dict:
    """Score a method on annotated targets.

    Parameters
    ----------
    data : pandas.DataFrame
        From :func:`read_newsmtsc`.
    method : str
        As for :func:`toolkit.tone.targets.score_targets`.

    Returns
    -------
    dict
        ``method, n, macro_f1, accuracy, targets_per_second``.
    """
    start = time.perf_counter()
    labels, _ = score_targets(data["text"], data["start"], data["end"], method=method)
    seconds = time.perf_counter() - start
    f1, accuracy = macro_f1(data["label"], labels)
    return {"method": method, "n": len(data), "macro_f1": f1, "accuracy": accuracy,
            "targets_per_second": len(data) / seconds if seconds else float("inf")}
