"""Shares and means corrected for the machine's errors with a hand-coded sample.

Every outlet profile rests on automatic labels that are right only part of the time, and their
errors can differ between outlets: a machine that calls 25 % of one outlet's neutral items
negative and 5 % of another's can manufacture a difference between them. The correction here
is **prediction-powered inference** (PPI; Angelopoulos, Bates, Fannjiang, Jordan and Zrnic,
"Prediction-powered inference", *Science* 382, 669-674, 2023): the machine labels every item of
the corpus, people code a simple random sample of each outlet's items, and the corrected
estimate is the machine's figure on the whole corpus plus the machine's average error measured
on the coded sample,

    corrected = mean(machine, all N items) + mean(human - machine, n coded items),

with the variance of both terms: ``var(machine) / N + var(human - machine) / n``. Its interval
covers the share people would give when the machine's errors are anything at all (they may
differ by outlet); it is narrower than the interval from the coded sample alone when the
machine is good, and may be wider when it is poor. *Power tuning* (PPI++: Angelopoulos, Duchi and
Zrnic, "PPI++: Efficient prediction-powered inference", arXiv:2311.01453, 2023) weighs the
machine by a factor ``lam`` in [0, 1] estimated from the coded sample, so that the interval is
never much wider than the coded sample's alone (``lam = 0`` is the coded sample alone,
``lam = 1`` plain PPI).

The figures equal those of the reference implementation, ``ppi-python`` 0.2.3
(``ppi_py.ppi_mean_pointestimate``, ``ppi_py.ppi_mean_ci`` with ``lam=1`` and ``lam=None``,
``ppi_py.classical_mean_ci``), called with the coded items' human and machine labels and the
machine's labels of the whole corpus (``tests/test_correct.py`` checks this when it is installed;
it is not a dependency). Standard deviations divide by n, as there; intervals are normal
(z) intervals and are not clipped to [0, 1].

What it assumes: the coded items are a simple random sample of each group's items (stratified
by group: draw them per outlet), coded without seeing the machine's label; the groups' samples
are independent, so the variances of two groups add for their difference. The interval is for
the share the coders would give to items like the group's (as in the paper); for the share of
exactly the corpus's N items it is slightly conservative. ``devtools/ppi_simulation.py``
measures the coverage (``docs/methods/corrected-comparisons.md``).
"""

from __future__ import annotations

from itertools import combinations
from statistics import NormalDist
from typing import Literal

import numpy as np
import pandas as pd

from .._checks import check_choice, check_columns

Kind = Literal["share", "mean"]

#: Below this many coded items in a group, its row is marked ``too_few``.
MIN_CODED = 30

#: The estimators of each row, in the order of their columns.
ESTIMATORS = ("machine", "coded", "corrected", "tuned")

_NOTE_NONE = "no coded items: not corrected"
_EMPTY = ["group", "N", "n", *ESTIMATORS, *(f"{e}_se" for e in ESTIMATORS), "lam", "too_few", "note"]


def _fmt(values, limit: int = 5) -> str:
    values = list(values)
    shown = ", ".join(repr(v.item() if isinstance(v, np.generic) else v) for v in values[:limit])
    return shown + (f" and {len(values) - limit} more" if len(values) > limit else "")


def _ids(table: pd.DataFrame, on: list[str], mask) -> list:
    rows = table.loc[mask, on]
    return list(rows.iloc[:, 0]) if len(on) == 1 else list(rows.itertuples(index=False, name=None))


def _check_values(table: pd.DataFrame, column: str, on: list[str], *, kind: str, what: str) -> None:
    values = table[column]
    missing = values.isna().to_numpy()
    if missing.any():
        raise ValueError(f"column {column!r} of the {what} is missing for {missing.sum()} item(s): "
                         f"{_fmt(_ids(table, on, missing))}")
    if kind == "share":
        bad = ~values.isin([0, 1]).to_numpy()
        if bad.any():
            raise ValueError(f"column {column!r} of the {what} must hold 0 and 1 (or True and False) for a "
                             f"share; it holds {_fmt(pd.unique(values[bad]))}")
    else:
        numeric = pd.to_numeric(values, errors="coerce")
        bad = (numeric.isna() | ~np.isfinite(numeric.astype(float))).to_numpy()
        if bad.any():
            raise ValueError(f"column {column!r} of the {what} must hold finite numbers for a mean; it holds "
                             f"{_fmt(pd.unique(values[bad]))}")


def _keys(table: pd.DataFrame, on: list[str]) -> pd.Index:
    return pd.Index(table[on[0]]) if len(on) == 1 else pd.MultiIndex.from_frame(table[on])


def _joined(corpus: pd.DataFrame, coded: pd.DataFrame, *, on, predicted: str, human: str, group: str | None,
            kind: str) -> tuple[list, np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Check both tables; return the groups (sorted), the corpus's group codes and machine labels,
    and the coded items' group codes, machine labels and human labels."""
    check_choice("kind", kind, Kind)
    on = [on] if isinstance(on, str) else list(on)
    groups = [group] if group is not None else []
    check_columns(corpus, [*on, predicted, *groups], what="corpus table")
    check_columns(coded, [*on, human], what="coded table")
    keys = {}
    for table, what in ((corpus, "corpus table"), (coded, "coded table")):
        keys[what] = _keys(table, on)
        if not keys[what].is_unique:
            twice = table.duplicated(on, keep="first").to_numpy()
            raise ValueError(f"the {what} lists {twice.sum()} item(s) more than once ({', '.join(on)}): "
                             f"{_fmt(_ids(table, on, twice))}")
    _check_values(corpus, predicted, on, kind=kind, what="corpus table")
    _check_values(coded, human, on, kind=kind, what="coded table")
    if group is not None and corpus[group].isna().any():
        raise ValueError(f"column {group!r} of the corpus table is missing for "
                         f"{int(corpus[group].isna().sum())} item(s): {_fmt(_ids(corpus, on, corpus[group].isna()))}")
    position = keys["corpus table"].get_indexer(keys["coded table"])
    outside = position < 0
    if outside.any():
        raise ValueError(f"{outside.sum()} coded item(s) are not in the corpus table ({', '.join(on)}): "
                         f"{_fmt(_ids(coded, on, outside))}; the coded sample must be drawn from the corpus")
    for column in (c for c in [predicted, *groups] if c in coded.columns):
        differ = corpus[column].to_numpy()[position] != coded[column].to_numpy()
        if differ.any():
            raise ValueError(f"column {column!r} of the coded table differs from the corpus table's for "
                             f"{differ.sum()} item(s): {_fmt(_ids(coded, on, differ))}")
    if group is None:
        codes, names = np.zeros(len(corpus), dtype=int), [None]
    else:
        codes, names = pd.factorize(corpus[group], sort=True)
        names = list(names)
    machine = corpus[predicted].to_numpy(dtype=float)
    return names, codes, machine, codes[position], machine[position], coded[human].to_numpy(dtype=float)


def _std(values: np.ndarray) -> float:
    return float(values.std()) if len(values) else float("nan")


def power_tuning(human, machine_coded, machine_all) -> float:
    """The power-tuning factor ``lam`` of PPI++ for a mean, clipped to [0, 1].

    ``lam = cov(human, machine) / ((1 + n / N) var(machine))`` over the coded items (covariance
    dividing by n) and the machine's labels of the coded and all items together (variance dividing
    by n + N - 1), as ``ppi_py`` computes it (Angelopoulos, Duchi and Zrnic 2023, eq. 6). A
    machine that labels every item alike carries no information: ``lam`` is then 0.

    Parameters
    ----------
    human, machine_coded : array-like
        The coded items' human and machine labels.
    machine_all : array-like
        The machine's labels of every item of the corpus.

    Returns
    -------
    float

    Examples
    --------
    >>> power_tuning([1, 1, 0, 0], [1, 0, 0, 0], [1, 0, 0, 0, 1, 1, 0, 0])
    0.34375
    """
    human, coded, every = (np.asarray(a, dtype=float) for a in (human, machine_coded, machine_all))
    n, big_n = len(human), len(every)
    if n < 2:
        return 0.0
    variance = np.var(np.concatenate([coded, every]), ddof=1)
    if variance == 0:
        return 0.0
    covariance = np.mean((human - human.mean()) * (coded - coded.mean()))
    return round(float(np.clip(covariance / ((1 + n / big_n) * variance), 0, 1)), 12)


def _uncoded(every: np.ndarray) -> dict:
    """The machine's estimate and standard error for a group without coded items; the rest NaN."""
    big_n = len(every)
    return {"N": big_n, "n": 0, "machine": every.mean() if big_n else np.nan,
            "machine_se": _std(every) / np.sqrt(big_n) if big_n else np.nan,
            "coded": np.nan, "coded_se": np.nan, "corrected": np.nan, "corrected_se": np.nan,
            "lam": np.nan, "tuned": np.nan, "tuned_se": np.nan}


def _estimates(human: np.ndarray, coded: np.ndarray, every: np.ndarray) -> dict:
    """Estimate and standard error of each estimator for one group with coded items."""
    n, big_n = len(human), len(every)
    out = {"N": big_n, "n": n, "machine": every.mean(), "machine_se": _std(every) / np.sqrt(big_n)}
    lam = power_tuning(human, coded, every)
    out |= {"coded": human.mean(), "coded_se": _std(human) / np.sqrt(n)}
    for name, weight in (("corrected", 1.0), ("tuned", lam)):
        out[name] = weight * every.mean() + (human - weight * coded).mean()
        out[f"{name}_se"] = np.sqrt((weight * _std(every)) ** 2 / big_n + _std(human - weight * coded) ** 2 / n)
    out["lam"] = lam
    return out


def _with_intervals(columns: dict, level: float) -> dict:
    z = NormalDist().inv_cdf(0.5 + level / 2)
    for name in ESTIMATORS:
        estimate, se = np.asarray(columns[name], dtype=float), np.asarray(columns[f"{name}_se"], dtype=float)
        columns[f"{name}_low"], columns[f"{name}_high"] = estimate - z * se, estimate + z * se
    return columns


def _check_level(level: float) -> None:
    if not 0 < level < 1:
        raise ValueError(f"level={level!r} is not valid; give a confidence level between 0 and 1, such as 0.95")


def _group_rows(corpus, coded, *, on, predicted, human, group, kind, min_coded) -> list[dict]:
    """One dict per group (sorted): its name (``group``), N, n, each estimate and its se, lam, too_few, note."""
    names, codes, machine, coded_codes, coded_machine, coded_human = _joined(
        corpus, coded, on=on, predicted=predicted, human=human, group=group, kind=kind)
    # each group's items as a slice of one sorted order (one pass, not a mask per group: a table of
    # thousands of actors x outlets has as many groups); a group's items keep their order
    order, coded_order = np.argsort(codes, kind="stable"), np.argsort(coded_codes, kind="stable")
    ends = np.cumsum(np.bincount(codes, minlength=len(names)))
    coded_ends = np.cumsum(np.bincount(coded_codes, minlength=len(names)))
    machine, coded_machine, coded_human = machine[order], coded_machine[coded_order], coded_human[coded_order]
    rows = []
    for code, name in enumerate(names):
        every = machine[ends[code - 1] if code else 0:ends[code]]
        first, last = coded_ends[code - 1] if code else 0, coded_ends[code]
        row = {"group": name} | (_estimates(coded_human[first:last], coded_machine[first:last], every) if last > first
                                 else _uncoded(every))
        n = row["n"]
        row["too_few"] = n < min_coded
        row["note"] = (_NOTE_NONE if n == 0 else f"only {n} coded item(s), fewer than {min_coded}" if n < min_coded
                       else "")
        rows.append(row)
    return rows


def _public(columns: dict, names: list[str], level: float) -> pd.DataFrame:
    columns = _with_intervals(columns, level)
    order = [*names]
    for name in ESTIMATORS:
        order += [name, f"{name}_low", f"{name}_high"]
    order += [c for c in ("lam", "too_few", "note") if c in columns]
    return pd.DataFrame({c: columns[c] for c in order})


def corrected_shares(corpus: pd.DataFrame, coded: pd.DataFrame, *, on: str | list[str] = "item",
                     predicted: str = "predicted", human: str = "human", group: str | None = "outlet",
                     kind: Kind = "share", level: float = 0.95, min_coded: int = MIN_CODED) -> pd.DataFrame:
    """Each group's share (or mean) corrected for the machine's errors with a coded sample.

    Prediction-powered inference (Angelopoulos et al., *Science* 2023): the machine's share over
    all of the group's items plus its average error on the group's coded items, with a 95 %
    interval that holds whatever the machine's errors are; beside it the machine's own figure,
    the coded sample's alone, and the power-tuned estimate (PPI++, Angelopoulos, Duchi and Zrnic
    2023). See :mod:`toolkit.validation.correct` for the formulas and what they assume.

    Parameters
    ----------
    corpus : pandas.DataFrame
        One row per item the machine labelled (the whole corpus, coded items included): the
        item's id (``on``), the machine's label (``predicted``) and its group.
    coded : pandas.DataFrame
        One row per coded item: its id and the human label (``human``); a simple random sample
        of each group's items. The machine's label and the group are read from ``corpus``
        (if ``coded`` has them too, they must agree).
    on : str or list of str, default "item"
        The column(s) that identify an item in both tables.
    predicted, human : str, default "predicted", "human"
        The machine's label (in ``corpus``) and the human one (in ``coded``).
    group : str or None, default "outlet"
        One row per group; ``None`` for the corpus as a whole.
    kind : {"share", "mean"}, default "share"
        A share needs labels 0 and 1 (or True and False); a mean takes any numbers.
    level : float, default 0.95
    min_coded : int, default MIN_CODED (30)
        Rows with fewer coded items are marked ``too_few`` (normal intervals need some).

    Returns
    -------
    pandas.DataFrame
        One row per group (sorted): ``<group>`` (unless ``group=None``), ``N`` (items),
        ``n`` (coded items), ``machine, machine_low, machine_high`` (the machine's share of all
        N items and its interval: no correction, the interval only for sampling),
        ``coded, coded_low, coded_high`` (the coded items' human share alone),
        ``corrected, corrected_low, corrected_high`` (PPI), ``tuned, tuned_low, tuned_high``
        (PPI++ with power tuning), ``lam`` (its factor), ``too_few`` (n below ``min_coded``),
        ``note`` ("no coded items: not corrected", with NaN figures, or the small n, or "").

    Raises
    ------
    ValueError
        Naming the problem: a missing column, an item listed twice, a coded item not in the
        corpus, a missing label, labels other than 0 and 1 for a share, a machine label or group
        in ``coded`` that differs from the corpus's, a bad ``kind`` or ``level``.

    Examples
    --------
    Two outlets of eight items each; four of each are coded. The machine calls too many of
    outlet A's items 1; the correction takes that back:

    >>> corpus = pd.DataFrame({"item": range(16), "outlet": ["A"] * 8 + ["B"] * 8,
    ...                        "predicted": [1, 1, 1, 1, 1, 1, 0, 0] + [1, 0, 0, 0, 1, 1, 0, 0]})
    >>> coded = pd.DataFrame({"item": [0, 1, 2, 6, 8, 9, 10, 11], "human": [1, 0, 0, 0, 1, 1, 0, 0]})
    >>> table = corrected_shares(corpus, coded, min_coded=4)
    >>> table[["outlet", "N", "n", "machine", "coded", "corrected", "tuned", "lam"]].round(4)
      outlet  N  n  machine  coded  corrected  tuned     lam
    0      A  8  4    0.750   0.25      0.250  0.250  0.2037
    1      B  8  4    0.375   0.50      0.625  0.543  0.3438

    Four coded items give wide intervals (normal intervals, not clipped to [0, 1]):

    >>> table[["corrected_low", "corrected_high"]].round(3)
       corrected_low  corrected_high
    0         -0.325           0.825
    1          0.084           1.166
    """
    _check_level(level)
    rows = _group_rows(corpus, coded, on=on, predicted=predicted, human=human, group=group, kind=kind,
                       min_coded=min_coded)
    columns = {key: [row[key] for row in rows] for key in rows[0]} if rows else {key: [] for key in _EMPTY}
    if group is not None:
        columns[group] = columns.pop("group")
    return _public(columns, ([group] if group else []) + ["N", "n"], level)


def corrected_differences(corpus: pd.DataFrame, coded: pd.DataFrame, *, pairs=None, on: str | list[str] = "item",
                          predicted: str = "predicted", human: str = "human", group: str = "outlet",
                          kind: Kind = "share", level: float = 0.95, min_coded: int = MIN_CODED) -> pd.DataFrame:
    """The difference between two groups' shares, corrected for the machine's errors.

    Each group's estimate is that of :func:`corrected_shares`; the groups' coded samples are
    drawn independently (one per outlet), so the variances of the two estimates add:
    ``se(a - b) = sqrt(se(a)**2 + se(b)**2)``. A difference between outlets that the machine's
    figures show can shrink, vanish or turn round once its errors (which may differ by outlet)
    are corrected.

    Parameters
    ----------
    corpus, coded, on, predicted, human, kind, level, min_coded
        As for :func:`corrected_shares`.
    pairs : list of (a, b), optional
        The groups to compare (``a`` minus ``b``); by default every pair of groups, in sorted
        order.
    group : str, default "outlet"

    Returns
    -------
    pandas.DataFrame
        One row per pair: ``<group>_a, <group>_b``, ``N_a, N_b, n_a, n_b``, then for each
        estimator of :func:`corrected_shares` (``machine``, ``coded``, ``corrected``, ``tuned``)
        the difference a - b and its interval (``corrected, corrected_low, corrected_high``, ...),
        ``too_few`` (either group below ``min_coded``) and ``note`` (the groups' notes, named).

    Raises
    ------
    ValueError
        As :func:`corrected_shares`, and for a group in ``pairs`` that is not in the corpus.

    Examples
    --------
    The machine finds outlet A's share twice B's; corrected, A's is lower:

    >>> corpus = pd.DataFrame({"item": range(16), "outlet": ["A"] * 8 + ["B"] * 8,
    ...                        "predicted": [1, 1, 1, 1, 1, 1, 0, 0] + [1, 0, 0, 0, 1, 1, 0, 0]})
    >>> coded = pd.DataFrame({"item": [0, 1, 2, 6, 8, 9, 10, 11], "human": [1, 0, 0, 0, 1, 1, 0, 0]})
    >>> table = corrected_differences(corpus, coded, min_coded=4)
    >>> table[["outlet_a", "outlet_b", "machine", "corrected", "corrected_low", "corrected_high"]].round(3)
      outlet_a outlet_b  machine  corrected  corrected_low  corrected_high
    0        A        B    0.375     -0.375         -1.164           0.414
    """
    _check_level(level)
    rows = {row["group"]: row for row in _group_rows(corpus, coded, on=on, predicted=predicted, human=human,
                                                     group=group, kind=kind, min_coded=min_coded)}
    if pairs is None:
        pairs = list(combinations(rows, 2))
    unknown = [g for pair in pairs for g in pair if g not in rows]
    if unknown:
        raise ValueError(f"pairs names {_fmt(dict.fromkeys(unknown))}, not in column {group!r} of the corpus "
                         f"table; its values are {_fmt(rows, limit=20)}")
    names = [f"{group}_a", f"{group}_b", "N_a", "N_b", "n_a", "n_b"]
    columns = {key: [] for key in [*names, *ESTIMATORS, *(f"{e}_se" for e in ESTIMATORS), "too_few", "note"]}
    for a, b in pairs:
        first, second = rows[a], rows[b]
        for key, value in zip(names, (a, b, first["N"], second["N"], first["n"], second["n"])):
            columns[key].append(value)
        for name in ESTIMATORS:
            columns[name].append(first[name] - second[name])
            columns[f"{name}_se"].append(np.hypot(first[f"{name}_se"], second[f"{name}_se"]))
        columns["too_few"].append(bool(first["too_few"] or second["too_few"]))
        columns["note"].append("; ".join(f"{g}: {row['note']}" for g, row in ((a, first), (b, second)) if row["note"]))
    return _public(columns, names, level)
