"""How many items to code: the size of a useful coded sample, before any item is coded.

A coded sample serves two purposes: measuring the machine's accuracy in each outlet
(:func:`toolkit.validation.validate`) and correcting each outlet's share of a label
(:func:`toolkit.validation.corrected_shares`). Both give an interval whose half-width shrinks as
the square root of the number of coded items ``n``. With ``z`` the normal quantile of the
confidence level (1.96 for 95 %) and ``h`` the half-width wanted:

- **a share from the coded items alone** (an accuracy, or a share without the machine): its
  standard error is ``sqrt(p (1 - p) / n)``, so ``n = ceil(z**2 p (1 - p) / h**2)``; ``p = 0.5``
  is the worst case (385 items for +/- 0.05 at 95 %);
- **a share corrected with the machine** (prediction-powered inference): its variance is
  ``p_m (1 - p_m) / N + var(human - machine) / n`` (:mod:`toolkit.validation.correct`), with
  ``p_m`` the machine's share over the outlet's ``N`` items. For a yes/no label ``human - machine``
  is -1, 0 or 1, and its variance is at most the share of items where the two differ, which is at
  most ``1 - accuracy`` of the machine on the measure's labels. So
  ``n = ceil(z**2 (1 - accuracy) / (h**2 - z**2 p_m (1 - p_m) / N))``. The power-tuned estimate
  (PPI++) is never much wider than the coded items' alone, so the items needed are the smaller of
  the two figures.

What it assumes: a simple random sample of each outlet's items (:func:`validation_sample` draws
one per outlet), normal intervals (from about 30 coded items), and an accuracy guessed before
coding (the figure measured on other corpora, or a first small sample's): the number is a
planning figure, not a promise. A larger share of errors, or errors that all go one way, need more
items; the interval that :func:`corrected_shares` reports after coding is the one to publish.
"""

from __future__ import annotations

import math
from statistics import NormalDist

import numpy as np
import pandas as pd

from .._checks import check_columns
from .correct import _check_level

_UNIT = "a number between 0 and 1"


def _check_share(name: str, value, *, closed: bool = True) -> None:
    ok = isinstance(value, (int, float, np.number)) and not isinstance(value, bool) and (
        0 <= value <= 1 if closed else 0 < value < 1)
    if not ok:
        raise ValueError(f"{name}={value!r} is not valid; give {_UNIT}"
                         + ("" if closed else ", 0 and 1 excluded"))


def items_needed(half_width: float, *, share: float = 0.5, accuracy: float | None = None,
                 items: int | None = None, level: float = 0.95) -> int:
    """The coded items of one outlet that give an interval of ``+/- half_width``.

    Parameters
    ----------
    half_width : float
        The half-width wanted (0.05: +/- 5 points), between 0 and 1.
    share : float, default 0.5
        The share expected: the machine's share of the label in the outlet (the worst case, 0.5,
        when it is not known), or the accuracy expected when the interval is the machine's
        accuracy.
    accuracy : float, optional
        The machine's accuracy expected on the measure (the share of items it labels as a coder
        would). With it, the corrected share (prediction-powered inference) is planned for, and
        the smaller of its figure and the coded items' alone is returned; without it, the coded
        items' alone (and the interval of an accuracy).
    items : int, optional
        The outlet's items that the machine labels (``N``); by default so many that the machine's
        own sampling error is nil.
    level : float, default 0.95

    Returns
    -------
    int
        Coded items needed (see :mod:`toolkit.validation.power` for the formulas).

    Raises
    ------
    ValueError
        For a half-width, share or accuracy outside (0, 1) or [0, 1], items below 1, or a bad level.

    Examples
    --------
    The classic figure, then a machine right four times in five on an outlet of 1,000 items:

    >>> items_needed(0.05)
    385
    >>> items_needed(0.05, share=0.3, accuracy=0.8)
    308
    >>> items_needed(0.05, share=0.3, accuracy=0.8, items=1000)
    323
    """
    _check_share("half_width", half_width, closed=False)
    _check_share("share", share)
    _check_level(level)
    if items is not None and (not isinstance(items, (int, np.integer)) or isinstance(items, bool) or items < 1):
        raise ValueError(f"items={items!r} is not valid; give the outlet's number of items (1 or more), or None")
    z2 = NormalDist().inv_cdf(0.5 + level / 2) ** 2
    alone = math.ceil(z2 * share * (1 - share) / half_width ** 2)
    if accuracy is None:
        return alone
    _check_share("accuracy", accuracy)
    room = half_width ** 2 - (0.0 if items is None else z2 * share * (1 - share) / items)
    if room <= 0:       # the machine's own sampling error is already wider than wanted
        return alone
    return min(alone, math.ceil(z2 * (1 - accuracy) / room))


def sample_plan(labels: pd.DataFrame, *, half_width: float = 0.05, accuracy: float | None = None,
                level: float = 0.95, group: str = "outlet", label: str = "machine") -> pd.DataFrame:
    """The coded items each outlet needs for each label's share, from the machine's own labels.

    Parameters
    ----------
    labels : pandas.DataFrame
        One row per item the machine labelled (:func:`toolkit.validation.machine_labels`): its
        group and its label.
    half_width, accuracy, level
        As for :func:`items_needed`.
    group : str, default "outlet"
    label : str, default "machine"

    Returns
    -------
    pandas.DataFrame
        One row per group and label (sorted): ``<group>``, ``label``, ``N`` (the group's items),
        ``machine_share`` (of the label), ``needed`` (:func:`items_needed` with that share and N),
        ``needed_for_accuracy`` (the worst case, share 0.5: the items for the machine's accuracy in
        the group to within ``half_width``), ``enough_items`` (N at least ``needed``: otherwise
        code them all).

    Examples
    --------
    >>> labels = pd.DataFrame({"outlet": ["A"] * 4 + ["B"] * 2,
    ...                        "machine": ["negative", "negative", "neutral", "neutral", "neutral", "positive"]})
    >>> sample_plan(labels, half_width=0.1, accuracy=0.8).values.tolist()    # doctest: +NORMALIZE_WHITESPACE
    [['A', 'negative', 4, 0.5, 97, 97, False], ['A', 'neutral', 4, 0.5, 97, 97, False],
     ['B', 'neutral', 2, 0.5, 97, 97, False], ['B', 'positive', 2, 0.5, 97, 97, False]]
    """
    check_columns(labels, [group, label], what="the labels table")
    rows = []
    for name, mine in labels.groupby(group, sort=True):
        counts = mine[label].value_counts()
        for value in sorted(counts.index, key=str):
            share = float(counts[value] / len(mine))
            needed = items_needed(half_width, share=share, accuracy=accuracy, items=len(mine), level=level)
            rows.append({group: name, "label": value, "N": len(mine), "machine_share": share, "needed": needed,
                         "needed_for_accuracy": items_needed(half_width, level=level),
                         "enough_items": len(mine) >= needed})
    return pd.DataFrame(rows, columns=[group, "label", "N", "machine_share", "needed", "needed_for_accuracy",
                                       "enough_items"])
