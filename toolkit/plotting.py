"""Plots over tidy tables, in the manner of seaborn: data first, options by keyword, one Axes.

Every ``plot_*`` function draws on the Axes it is given (or the current one), returns it, and
never calls ``show()`` or ``savefig()``. Empty data gives an empty Axes with a note, not an error.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from ._checks import check_columns


def _empty(ax, message: str = "no data"):
    ax.text(0.5, 0.5, message, ha="center", va="center", transform=ax.transAxes, color="0.4")
    return ax


def plot_sentence_tone(data: pd.DataFrame, *, x: str = "polarity", hue: str = "outlet",
                       ax=None, seed: int = 0, **kwargs):
    """Show the distribution of a sentence score per group: box, points and mean.

    Parameters
    ----------
    data : pandas.DataFrame
        Scored sentences (see :func:`toolkit.score_sentences`).
    x : str, default "polarity"
        The score column.
    hue : str, default "outlet"
        The grouping column; one row of the plot per group, labelled with its n.
    ax : matplotlib.axes.Axes, optional
        Where to draw; by default the current Axes.
    seed : int, default 0
        Seed of the vertical jitter of the points, so that plots are reproducible.
    **kwargs
        Passed to ``Axes.scatter`` for the points.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> from toolkit import load_articles, sample_data_path, score_sentences, split_sentences
    >>> scored = score_sentences(split_sentences(load_articles(sample_data_path())))
    >>> ax = plot_sentence_tone(scored)
    >>> [t.get_text() for t in ax.get_yticklabels()]
    ['AP wire copy (n=46)', 'Morning Star (n=15)']
    """
    ax = ax if ax is not None else plt.gca()
    check_columns(data, [x, hue], what="the data")
    ax.set_xlabel(x)
    if data.empty:
        return _empty(ax)
    groups = sorted(data[hue].dropna().unique(), key=str)
    values = [data.loc[data[hue] == g, x].dropna().to_numpy() for g in groups]
    positions = np.arange(len(groups))
    ax.boxplot(values, positions=positions, orientation="horizontal", widths=0.5, showfliers=False,
               medianprops={"color": "black"})
    rng = np.random.default_rng(seed)
    point_style = {"s": 14, "alpha": 0.6, "zorder": 3} | kwargs
    for pos, vals in zip(positions, values):
        ax.scatter(vals, pos + rng.uniform(-0.15, 0.15, len(vals)), **point_style)
        if len(vals):
            ax.plot(vals.mean(), pos, marker="D", color="crimson", zorder=4,
                    label="mean" if pos == 0 else None)
    ax.set_yticks(positions, [f"{g} (n={len(v)})" for g, v in zip(groups, values)])
    ax.axvline(0, color="0.7", lw=0.8, zorder=0)
    ax.invert_yaxis()  # the first group on top, as in a table
    ax.legend(loc="best", frameon=False)
    return ax
