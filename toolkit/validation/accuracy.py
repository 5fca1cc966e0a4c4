"""How good the machine is on the user's own corpus: accuracy per measure and outlet, agreement
between coders, and a warning when its errors differ between outlets.

A difference between outlets can be made by the machine alone when it errs more on one outlet's
items than on another's (a tabloid's nicknames, a wire's datelines). :func:`validate` measures the
machine on a coded sample (:func:`toolkit.validation.read_coded`) for each measure and outlet,
with a Wilson interval, and tests whether right and wrong answers are spread alike over the
outlets (Fisher's exact test for two outlets, the chi-square test for more); below
:data:`DIFFERENTIAL_P` the rows say so and a warning is raised. :func:`class_scores` gives the
precision and recall of each label where the coder gives labels (tone, learned frames, roles, coverage), and
:func:`agreement` Krippendorff's alpha between several coders of the same items (the
``krippendorff`` package: Castro, "Fast Krippendorff", 2017).
"""

from __future__ import annotations

import warnings
from statistics import NormalDist

import numpy as np
import pandas as pd

from .._checks import check_columns
from .correct import _check_level
from .sample import MEASURES

#: Below this p-value, the machine's error rates are taken to differ between outlets.
DIFFERENTIAL_P = 0.05

_NEEDED = ["item_id", "measure", "machine", "outlet", "coded"]


def wilson_interval(right: int, n: int, *, level: float = 0.95) -> tuple[float, float]:
    """The Wilson score interval of a share ``right / n`` (NaN, NaN when ``n`` is 0).

    Examples
    --------
    >>> [round(x, 4) for x in wilson_interval(8, 10)]
    [0.4902, 0.9433]
    """
    if n == 0:
        return float("nan"), float("nan")
    z = NormalDist().inv_cdf(0.5 + level / 2)
    share = right / n
    centre = (share + z * z / (2 * n)) / (1 + z * z / n)
    half = z / (1 + z * z / n) * np.sqrt(share * (1 - share) / n + z * z / (4 * n * n))
    return float(centre - half), float(centre + half)


def is_right(coded: pd.DataFrame) -> pd.Series:
    """Whether the machine was right on each coded item (missing where the item is not coded).

    For a measure whose coder gives a label (``MEASURES[m].right`` is None) the machine is right
    when its label is the coder's; for the others, when the coder gave the answer that means so
    ("right" or "yes").
    """
    check_columns(coded, ["measure", "machine", "coded"], what="the coded table")
    unknown = sorted(set(coded["measure"]) - set(MEASURES))
    if unknown:
        raise ValueError(f"unknown measure(s) {', '.join(map(repr, unknown))}; valid: {', '.join(MEASURES)}")
    expected = coded["measure"].map(lambda m: MEASURES[m].right)
    expected = expected.where(expected.notna(), coded["machine"].astype(object))
    right = (coded["coded"].astype(object) == expected).astype(object)
    return right.where(coded["coded"].notna(), None)


def _differential(table: pd.DataFrame) -> float:
    """p-value of the test that right and wrong answers are spread alike over the outlets."""
    from scipy.stats import chi2_contingency, fisher_exact

    counts = pd.crosstab(table["outlet"], table["right"].astype(bool)).reindex(columns=[True, False], fill_value=0)
    counts = counts[counts.sum(axis=1) > 0]
    if len(counts) < 2 or (counts.sum(axis=0) == 0).any():
        return 1.0
    if len(counts) == 2:
        return float(fisher_exact(counts.to_numpy()).pvalue)
    return float(chi2_contingency(counts.to_numpy(), correction=False).pvalue)


def validate(coded: pd.DataFrame, *, level: float = 0.95) -> pd.DataFrame:
    """The machine's accuracy on a coded sample, for each measure and outlet.

    Parameters
    ----------
    coded : pandas.DataFrame
        From :func:`toolkit.validation.read_coded` (one coder, or the answers agreed on):
        ``item_id``, ``measure``, ``machine``, ``outlet``, ``coded`` (missing: not coded yet).
    level : float, default 0.95

    Returns
    -------
    pandas.DataFrame
        One row per measure and outlet (sorted): ``measure``, ``outlet``, ``items`` (in the
        sample), ``n`` (coded), ``uncoded``, ``right``, ``accuracy`` (right / n), ``low``,
        ``high`` (its Wilson interval), ``p_differential`` (the measure's test that its errors
        are spread alike over the outlets: Fisher's exact test of right/wrong by outlet for two
        outlets, the chi-square test for more; 1 when all are right or all wrong),
        ``differential`` (``p_differential`` below :data:`DIFFERENTIAL_P`) and ``warning``
        (what it means, or "").

    Warns
    -----
    UserWarning
        For each measure whose error rates differ between outlets by more than chance.

    Examples
    --------
    >>> coded = pd.DataFrame({"item_id": [f"tone-{i}" for i in range(8)], "measure": "tone",
    ...     "machine": ["negative"] * 8, "outlet": ["A"] * 4 + ["B"] * 4,
    ...     "coded": ["negative", "negative", "negative", "neutral", "neutral", "neutral", "negative", None]})
    >>> validate(coded)[["outlet", "items", "n", "uncoded", "right", "accuracy"]].values.tolist()
    [['A', 4, 4, 0, 3, 0.75], ['B', 4, 3, 1, 1, 0.3333333333333333]]
    """
    _check_level(level)
    check_columns(coded, _NEEDED, what="the coded table")
    twice = coded["item_id"].duplicated()
    if twice.any():
        raise ValueError(f"the coded table lists item id(s) more than once: "
                         f"{', '.join(map(str, coded['item_id'][twice].unique()[:5]))}; give one answer per item "
                         "(with several coders, the answers agreed on)")
    table = coded.assign(right=is_right(coded))
    rows = []
    for measure, items in table.groupby("measure", sort=True):
        done = items[items["right"].notna()]
        p = _differential(done)
        for outlet, mine in items.groupby("outlet", sort=True):
            n = int(mine["right"].notna().sum())
            right = int((mine["right"] == True).sum())  # noqa: E712 (object column)
            low, high = wilson_interval(right, n, level=level)
            rows.append({"measure": measure, "outlet": outlet, "items": len(mine), "n": n, "uncoded": len(mine) - n,
                         "right": right, "accuracy": right / n if n else float("nan"), "low": low, "high": high,
                         "p_differential": p, "differential": p < DIFFERENTIAL_P, "warning": ""})
        if p < DIFFERENTIAL_P:
            shares = done.groupby("outlet")["right"].agg(lambda r: (r == True).mean())  # noqa: E712
            message = (f"{measure}: the machine's accuracy differs between outlets by more than chance (p = {p:.3g}: "
                       + ", ".join(f"{o} {s:.0%}" for o, s in shares.items())
                       + "); a difference between these outlets' figures may be made by the machine's errors: "
                       "use the corrected figures (corrected_shares)")
            warnings.warn(message, UserWarning, stacklevel=2)
            for row in rows:
                if row["measure"] == measure:
                    row["warning"] = message
    columns = ["measure", "outlet", "items", "n", "uncoded", "right", "accuracy", "low", "high", "p_differential",
               "differential", "warning"]
    return pd.DataFrame(rows, columns=columns)


def class_scores(coded: pd.DataFrame) -> pd.DataFrame:
    """Precision and recall of each label, for the measures whose coder gives labels, by outlet.

    Parameters
    ----------
    coded : pandas.DataFrame
        As for :func:`validate`; the measures whose coder answers a check (quotes, cue-word
        frames, omissions, events, actors) are left out (their accuracy is their precision).

    Returns
    -------
    pandas.DataFrame
        One row per measure, outlet and label (the measure's choices): ``measure``, ``outlet``,
        ``label``, ``machine`` (coded items the machine gave the label), ``coded`` (items the coder
        gave it), ``both``, ``precision`` (both / machine), ``recall`` (both / coded); NaN where
        the count below is 0. Items not coded are left out.

    Examples
    --------
    >>> coded = pd.DataFrame({"item_id": ["a", "b", "c"], "measure": "tone", "outlet": "A",
    ...     "machine": ["negative", "negative", "neutral"], "coded": ["negative", "neutral", "neutral"]})
    >>> class_scores(coded)[["label", "machine", "coded", "both", "precision", "recall"]].values.tolist()
    [['negative', 2, 1, 1, 0.5, 1.0], ['neutral', 1, 2, 1, 1.0, 0.5], ['positive', 0, 0, 0, nan, nan]]
    """
    check_columns(coded, _NEEDED, what="the coded table")
    rows = []
    done = coded[coded["coded"].notna()]
    for (measure, outlet), items in done.groupby(["measure", "outlet"], sort=True):
        if measure not in MEASURES:
            raise ValueError(f"unknown measure {measure!r}; valid: {', '.join(MEASURES)}")
        if MEASURES[measure].right is not None:
            continue
        for label in MEASURES[measure].choices:
            machine, human = items["machine"] == label, items["coded"] == label
            both = int((machine & human).sum())
            rows.append({"measure": measure, "outlet": outlet, "label": label, "machine": int(machine.sum()),
                         "coded": int(human.sum()), "both": both,
                         "precision": both / machine.sum() if machine.sum() else float("nan"),
                         "recall": both / human.sum() if human.sum() else float("nan")})
    return pd.DataFrame(rows, columns=["measure", "outlet", "label", "machine", "coded", "both", "precision", "recall"])


def agreement(coded: pd.DataFrame) -> pd.DataFrame:
    """Agreement between coders of the same items, for each measure: Krippendorff's alpha.

    Parameters
    ----------
    coded : pandas.DataFrame
        The answers of several coders, one row per item and coder (the coded sheets read with
        :func:`toolkit.validation.read_coded` and joined with ``pandas.concat``): ``item_id``,
        ``measure``, ``coder``, ``coded`` (missing answers are left out).

    Returns
    -------
    pandas.DataFrame
        One row per measure: ``measure``, ``coders``, ``items`` (coded by two coders or more),
        ``agreement`` (the share of pairs of answers to the same item that agree), ``alpha``
        (Krippendorff's alpha for nominal labels, over the measure's choices: 1 is perfect
        agreement, 0 what chance gives; 0.8 is the usual bar, 0.667 the lowest for tentative
        conclusions, Krippendorff 2004).

    Raises
    ------
    ValueError
        For a coder missing, an item answered twice by one coder, or fewer than two coders.

    Examples
    --------
    >>> coded = pd.DataFrame({"item_id": ["a", "b", "c", "a", "b", "c"], "measure": "tone",
    ...     "coder": ["X"] * 3 + ["Y"] * 3,
    ...     "coded": ["negative", "neutral", "neutral", "negative", "neutral", "positive"]})
    >>> agreement(coded).round(4).values.tolist()
    [['tone', 2, 3, 0.6667, 0.5455]]
    """
    import krippendorff

    from .coders import _answered

    answered = _answered(coded)
    rows = []
    for measure, items in answered.groupby("measure", sort=True):
        coders = sorted(items["coder"].unique())
        if len(coders) < 2:
            raise ValueError(f"measure {measure!r} has the answers of {len(coders)} coder(s) ({', '.join(coders)}); "
                             "agreement needs two or more")
        choices = list(MEASURES[measure].choices) if measure in MEASURES else sorted(items["coded"].unique())
        codes = items["coded"].map({c: i for i, c in enumerate(choices)})
        matrix = (items.assign(code=codes).pivot(index="coder", columns="item_id", values="code")
                  .reindex(coders).to_numpy(dtype=float))
        paired = (~np.isnan(matrix)).sum(axis=0) >= 2
        pairs = agree = 0
        for column in matrix[:, paired].T:
            values = column[~np.isnan(column)]
            for i in range(len(values)):
                for j in range(i + 1, len(values)):
                    pairs += 1
                    agree += values[i] == values[j]
        alpha = float(krippendorff.alpha(reliability_data=matrix[:, paired], value_domain=list(range(len(choices))),
                                         level_of_measurement="nominal")) if paired.any() else float("nan")
        rows.append({"measure": measure, "coders": len(coders), "items": int(paired.sum()),
                     "agreement": agree / pairs if pairs else float("nan"), "alpha": alpha})
    return pd.DataFrame(rows, columns=["measure", "coders", "items", "agreement", "alpha"])
