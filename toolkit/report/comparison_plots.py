"""Plots of the same-event comparison: coverage, aligned sentences, keyness and frames.

Same conventions as :mod:`toolkit.report.plots`: data first, options by keyword, one Axes
returned, no ``show()``; empty data gives an empty Axes with a note.
"""

from __future__ import annotations

import textwrap
from typing import Literal

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from .._checks import check_choice, check_columns
from ..text.sentences import body_of
from .alt_text import aligned_alt, attach_alt, coverage_alt, frames_alt, keyness_alt, profile_alt, profiles_alt
from .plots import HATCHES, NEGATIVE, ONE_COLOUR, POSITIVE, _empty, group_style, plain


def _short(text: str, width: int) -> str:
    return plain(textwrap.shorten(str(text), width=width, placeholder="…"))


def plot_coverage(data: pd.DataFrame, *, facts=None, width: int = 45, ax=None, **kwargs):
    """Draw the coverage matrix: facts (rows) by outlets (columns), filled where reported.

    Parameters
    ----------
    data : pandas.DataFrame
        The table of :func:`toolkit.coverage`.
    facts : list of int, optional
        The facts to show (default all, in order).
    width : int, default 45
        Characters of each fact's label to show.
    ax : matplotlib.axes.Axes, optional
    **kwargs
        Passed to ``Axes.scatter``.

    Returns
    -------
    matplotlib.axes.Axes
        Each cell shows how many of the outlet's sentences report the fact (squares grow up to
        4); a grey dot marks
        an absence. Facts in one outlet only are labelled in bold.
    """
    ax = ax if ax is not None else plt.gca()
    check_columns(data, ["fact", "label", "outlet", "sentences", "only_in"], what="the coverage table")
    table = data if facts is None else data[data["fact"].isin(facts)]
    if table.empty:
        return _empty(ax, "no facts")
    outlets = sorted(table["outlet"].unique())
    order = sorted(table["fact"].unique())
    y = {f: i for i, f in enumerate(order)}
    x = {o: i for i, o in enumerate(outlets)}
    present = table[table["sentences"] > 0]
    absent = table[table["sentences"] == 0]
    ax.scatter(present["outlet"].map(x), present["fact"].map(y), s=80 + 30 * present["sentences"].clip(upper=4),
               marker="s", color=ONE_COLOUR, **kwargs)
    ax.scatter(absent["outlet"].map(x), absent["fact"].map(y), s=12, color="0.75")
    for row in present.itertuples():
        ax.text(x[row.outlet], y[row.fact], str(row.sentences), ha="center", va="center", color="white",
                fontsize=8)
    labels = table.drop_duplicates("fact").set_index("fact")
    ax.set_yticks(range(len(order)))
    # a fact without a label (no distinctive word) is named by its first sentence
    ax.set_yticklabels([f"{f}. {_short(labels.at[f, 'label'] or labels.at[f, 'text'], width)}" for f in order])
    for tick, f in zip(ax.get_yticklabels(), order):
        if labels.at[f, "only_in"]:
            tick.set_fontweight("bold")
    ax.set_xticks(range(len(outlets)))
    ax.set_xticklabels([plain(textwrap.fill(str(o), 14)) for o in outlets], fontsize="small")
    ax.set_xlim(-0.6, len(outlets) - 0.4)
    ax.set_ylim(len(order) - 0.5, -0.5)
    ax.set_title("Which facts each outlet reports (bold: one outlet only)")
    return attach_alt(ax, coverage_alt(table))


def plot_aligned_pairs(pairs: pd.DataFrame, *, sentences: pd.DataFrame, width: int = 60, ax=None, **kwargs):
    """Draw two articles side by side, sentence by sentence, with lines between aligned pairs.

    The left column is outlet ``a`` of the pairs, the right column outlet ``b``, each in
    article order from the top, so the lines also show where each outlet puts a fact (its
    lead, or buried low). Line width and darkness grow with similarity.

    Parameters
    ----------
    pairs : pandas.DataFrame
        The table of :func:`toolkit.align` for one pair of outlets.
    sentences : pandas.DataFrame
        The sentences the pairs came from (both outlets), to draw the unpaired ones too.
    width : int, default 60
        Characters of each sentence to show.
    ax : matplotlib.axes.Axes, optional
    **kwargs
        Passed to ``Axes.plot`` for the lines.

    Returns
    -------
    matplotlib.axes.Axes

    Raises
    ------
    ValueError
        If the pairs are between more than two outlets.
    """
    ax = ax if ax is not None else plt.gca()
    check_columns(pairs, ["outlet_a", "sentence_a", "outlet_b", "sentence_b", "similarity", "article_id_a",
                          "article_id_b"], what="the alignment table")
    check_columns(sentences, ["article_id", "outlet", "sentence", "text"], what="the sentences table")
    outlets = sorted(set(pairs["outlet_a"]) | set(pairs["outlet_b"]))
    if len(outlets) > 2:
        raise ValueError(f"plot_aligned_pairs draws two outlets; the pairs have {len(outlets)}: "
                         f"{', '.join(outlets)}; filter them first")
    if pairs.empty:
        return _empty(ax, "no aligned sentences")
    a, b = outlets
    sides = {}
    for side, outlet, column in ((0, a, "article_id_a"), (1, b, "article_id_b")):
        own = body_of(sentences)
        own = own[(own["outlet"] == outlet) & own["article_id"].isin(pairs[column])]
        own = own.sort_values(["article_id", "sentence"])
        sides[outlet] = {(r.article_id, r.sentence): i for i, r in enumerate(own.itertuples())}
        for r in own.itertuples():
            ax.text(-0.02 if side == 0 else 1.02, sides[outlet][(r.article_id, r.sentence)],
                    f"{r.sentence}: {_short(r.text, width)}", ha="right" if side == 0 else "left", va="center",
                    fontsize=7)
    top = max(sim for sim in pairs["similarity"])
    for r in pairs.itertuples():
        y0 = sides[a].get((r.article_id_a, r.sentence_a))
        y1 = sides[b].get((r.article_id_b, r.sentence_b))
        if y0 is None or y1 is None:
            continue
        strength = r.similarity / top if top else 0
        ax.plot([0, 1], [y0, y1], color=plt.cm.Blues(0.35 + 0.65 * strength), linewidth=0.5 + 3 * strength,
                **kwargs)
    depth = max(len(sides[a]), len(sides[b]))
    ax.set_ylim(depth - 0.5, -1.5)
    ax.set_xlim(0, 1)
    ax.text(0, -1.2, plain(a), ha="right", fontweight="bold")
    ax.text(1, -1.2, plain(b), ha="left", fontweight="bold")
    ax.axis("off")
    return attach_alt(ax, aligned_alt(pairs))


def plot_keyness(data: pd.DataFrame, *, top: int = 12, ax=None, **kwargs):
    """Draw the most distinctive words of each side as bars of their z-scores.

    Parameters
    ----------
    data : pandas.DataFrame
        The table of :func:`toolkit.keyness`.
    top : int, default 12
        How many words per side.
    ax : matplotlib.axes.Axes, optional
    **kwargs
        Passed to ``Axes.barh``.

    Returns
    -------
    matplotlib.axes.Axes
        Bars to the right are key for the target, to the left for the reference; each word is
        labelled with its counts (target vs reference). Dashed lines mark z = ±1.96.
    """
    ax = ax if ax is not None else plt.gca()
    check_columns(data, ["term", "z", "n_target", "n_reference", "target", "reference"], what="the keyness table")
    if data.empty:
        return _empty(ax, "no words")
    ranked = data.sort_values("z", ascending=False)
    shown = pd.concat([ranked.head(top)[ranked.head(top)["z"] > 0], ranked.tail(top)[ranked.tail(top)["z"] < 0]])
    shown = shown.drop_duplicates("term").sort_values("z")
    colors = np.where(shown["z"] > 0, POSITIVE, NEGATIVE)
    ax.barh(range(len(shown)), shown["z"], color=colors, **kwargs)
    ax.set_yticks(range(len(shown)))
    ax.set_yticklabels([plain(f"{t} ({a} vs {b})") for t, a, b in zip(shown["term"], shown["n_target"], shown["n_reference"])])
    for z in (-1.96, 1.96):
        ax.axvline(z, color="0.5", linestyle="--", linewidth=0.8)
    ax.axvline(0, color="black", linewidth=0.8)
    ax.set_xlabel(plain(f"z-score (right: {data['target'].iat[0]}; left: {data['reference'].iat[0]})"))
    ax.set_title("Distinctive words (log-odds, informative Dirichlet prior)")
    return attach_alt(ax, keyness_alt(shown, outlet=data["target"].iat[0]))


def plot_frames(data: pd.DataFrame, *, x: str = "per_1000_words", hue: str = "outlet",
                kind: Literal["bars", "grid"] = "bars", ax=None, **kwargs):
    """Draw each outlet's frame profile: cue words per frame, as grouped bars or as a grid.

    Parameters
    ----------
    data : pandas.DataFrame
        The table of :func:`toolkit.frame_scores` with ``by="outlet"``.
    x : str, default "per_1000_words"
        The measure: ``per_1000_words``, ``share_of_sentences``, ``cues`` or ``sentences``.
    hue : str, default "outlet"
    kind : {"bars", "grid"}, default "bars"
        ``bars``: one bar per outlet in each frame, coloured and hatched by outlet with a legend
        (a few outlets). ``grid``: one row per outlet and one column per frame, each cell shaded and
        labelled with its value: readable for any number of outlets, no legend.
    ax : matplotlib.axes.Axes, optional
    **kwargs
        Passed to ``Axes.barh`` (bars) or ``Axes.imshow`` (grid).

    Returns
    -------
    matplotlib.axes.Axes
    """
    check_choice("kind", kind, ("bars", "grid"))
    ax = ax if ax is not None else plt.gca()
    check_columns(data, ["frame", "label", hue, x], what="the frame profile")
    if data.empty:
        return _empty(ax, "no frames")
    frames = list(dict.fromkeys(data["frame"]))
    labels = data.drop_duplicates("frame").set_index("frame")["label"]
    groups = sorted(data[hue].unique(), key=str)
    measure = plain({"per_1000_words": "frame cue words per 1,000 words"}.get(x, x.replace("_", " ")))
    if kind == "grid":
        grid = data.pivot_table(index=hue, columns="frame", values=x, aggfunc="sum").reindex(index=groups,
                                                                                             columns=frames)
        values = grid.to_numpy(dtype=float)
        ax.imshow(values, cmap=kwargs.pop("cmap", "Blues"), aspect="auto", **kwargs)
        peak = np.nanmax(values) if np.isfinite(values).any() else 0
        for (i, j), value in np.ndenumerate(values):
            ax.text(j, i, "" if np.isnan(value) else f"{value:.1f}", ha="center", va="center", fontsize="small",
                    color="white" if peak and value > peak / 2 else "black")
        ax.xaxis.tick_top()
        ax.set_xticks(range(len(frames)), [plain(textwrap.fill(str(labels[f]), 14)) for f in frames])
        ax.set_yticks(range(len(groups)), [plain(g) for g in groups])
        ax.set_xlabel(measure)
        ax.set_title("Frame cue words by outlet (indicators, not a validated classifier)", pad=36)
        return attach_alt(ax, frames_alt(data.rename(columns={hue: "outlet"}) if hue != "outlet" else data, grid=True, x=x))
    height = 0.8 / len(groups)
    for i, g in enumerate(groups):
        part = data[data[hue] == g].set_index("frame").reindex(frames)
        # colour and hatch: outlets told apart without colour vision too
        style = {"color": group_style(i)[0], "edgecolor": "white", "hatch": HATCHES[i % len(HATCHES)]} | kwargs
        ax.barh(np.arange(len(frames)) + i * height, part[x].fillna(0), height=height, label=plain(g), **style)
    ax.set_yticks(np.arange(len(frames)) + height * (len(groups) - 1) / 2)
    ax.set_yticklabels([plain(labels[f]) for f in frames])
    ax.invert_yaxis()
    ax.set_xlabel(measure)
    ax.set_title("Frame cue words by outlet (indicators, not a validated classifier)")
    ax.legend(title=plain(hue), fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False)
    return attach_alt(ax, frames_alt(data.rename(columns={hue: "outlet"}) if hue != "outlet" else data, grid=False, x=x))


def plot_profile(data: pd.DataFrame, *, x: str = "share", y: str = "outlet", order=None,
                 events: Literal["label", "margin"] = "label", ax=None, **kwargs):
    """Show an outlet profile: each outlet's share with its interval over events.

    Parameters
    ----------
    data : pandas.DataFrame
        A profile (:func:`toolkit.coverage_profile`, :func:`toolkit.omission_profile`,
        :func:`toolkit.lead_profile`): ``y``, ``x``, ``ci_low``, ``ci_high``, ``events`` and
        ``too_few``.
    x : str, default "share"
    y : str, default "outlet"
        One row of the plot per value, labelled with its number of events.
    order : list, optional
        The rows, top to bottom; a value without a row in ``data`` keeps an empty row
        ("no events"). Give the same order to profiles drawn side by side on a shared axis:
        each draws its own labels, and the rows of profiles with different outlets would
        otherwise not line up. By default the rows of ``data`` in their order.
    events : {"label", "margin"}, default "label"
        Where each row's number of events goes: in its label (``A (12 events)``), or in the
        right margin of the plot, the label keeping the name alone (for panels side by side
        that share one set of labels).
    ax : matplotlib.axes.Axes, optional
    **kwargs
        Passed to ``Axes.errorbar``.

    Returns
    -------
    matplotlib.axes.Axes
        Filled points; hollow where ``too_few`` (fewer than five events).

    Examples
    --------
    >>> table = pd.DataFrame({"outlet": ["A", "B"], "share": [0.5, 0.8], "ci_low": [0.3, 0.6], "ci_high": [0.7, 1.0],
    ...     "events": [12, 3], "too_few": [False, True]})
    >>> ax = plot_profile(table, ax=plt.figure().gca())
    >>> [t.get_text() for t in ax.get_yticklabels()]
    ['A (12 events)', 'B (3 events)']
    """
    check_choice("events", events, ("label", "margin"))
    ax = ax if ax is not None else plt.gca()
    check_columns(data, [y, x, "ci_low", "ci_high", "events", "too_few"], what="the profile")
    ax.set_xlabel(plain(x.replace("_", " ")))
    if data.empty and order is None:
        return _empty(ax)
    order = list(order) if order is not None else data[y].tolist()
    rows = data[data[y].isin(order)].reset_index(drop=True)
    positions = rows[y].map({value: i for i, value in enumerate(order)}).to_numpy(dtype=int)
    values = rows[x].to_numpy(dtype=float)
    errors = np.vstack([values - rows["ci_low"].to_numpy(dtype=float), rows["ci_high"].to_numpy(dtype=float) - values])
    known = ~np.isnan(errors).any(axis=0)   # no interval for too few events
    style = {"fmt": "none", "ecolor": "0.5", "capsize": 3} | kwargs
    if known.any():
        ax.errorbar(values[known], positions[known], xerr=np.clip(errors[:, known], 0, None), **style)
    few = rows["too_few"].to_numpy(dtype=bool)
    ax.scatter(values[~few], positions[~few], color=ONE_COLOUR, zorder=3)
    ax.scatter(values[few], positions[few], facecolors="white", edgecolors=ONE_COLOUR, zorder=3)
    counts = dict(zip(rows[y], rows["events"]))
    if events == "label":
        ax.set_yticks(range(len(order)), [plain(f"{v} ({counts[v]} event{'s' * (counts[v] != 1)})" if v in counts
                                                else f"{v} (no events)") for v in order])
    else:
        ax.set_yticks(range(len(order)), [plain(v) for v in order])
        for i, v in enumerate(order):
            ax.annotate(str(counts.get(v, 0)), (1, i), xycoords=("axes fraction", "data"), xytext=(4, 0),
                        textcoords="offset points", va="center", fontsize="small", color="0.35")
        ax.annotate("events", (1, -0.5), xycoords=("axes fraction", "data"), xytext=(4, 2), textcoords="offset points",
                    va="bottom", fontsize="small", color="0.35")
    ax.set_xlim(-0.02, 1.02)
    ax.set_ylim(len(order) - 0.5, -0.5)
    return attach_alt(ax, profile_alt(rows, x=x, y=y))


def profile_panels(profiles: dict, *, x: str = "share", y: str = "outlet", order=None, figure=None, **kwargs):
    """Draw profiles side by side on one shared axis of outlets, each outlet on the same row everywhere.

    Profiles may hold different outlets (an outlet with no event of three outlets has no
    omissions to count): every panel gets the same rows, and an outlet missing from a profile
    keeps an empty row (0 events). The outlets are named once, left of the first panel; each
    panel gives each row's number of events in its right margin.

    Parameters
    ----------
    profiles : dict of str to pandas.DataFrame
        The panel titles and their profiles (as for :func:`plot_profile`), left to right.
    x, y : str
        As for :func:`plot_profile`.
    order : list, optional
        The rows, top to bottom; by default every value of ``y`` in any profile, sorted.
    figure : matplotlib.figure.Figure, optional
        Where to draw; by default a new figure sized to the rows.
    **kwargs
        Passed to :func:`plot_profile`.

    Returns
    -------
    matplotlib.figure.Figure
        One Axes per profile, titled with its key.

    Examples
    --------
    >>> one = pd.DataFrame({"outlet": ["A", "B"], "share": [0.5, 0.8], "ci_low": [0.3, 0.6], "ci_high": [0.7, 1.0],
    ...     "events": [12, 3], "too_few": [False, True]})
    >>> fig = profile_panels({"Coverage": one, "Omissions": one.iloc[1:]})
    >>> [t.get_text() for t in fig.axes[0].get_yticklabels()], [t.get_text() for t in fig.axes[1].texts]
    (['A', 'B'], ['0', '3', 'events'])
    """
    order = list(order) if order is not None else sorted(
        {value for table in profiles.values() for value in table[y]}, key=str)
    figure = figure if figure is not None else plt.figure(
        figsize=(1.5 + 0.07 * max((len(str(v)) for v in order), default=0) + 3.2 * max(len(profiles), 1),
                 1.6 + 0.3 * max(len(order), 1)))
    axes = figure.subplots(1, max(len(profiles), 1), squeeze=False, sharey=True)[0]
    for ax, (title, table) in zip(axes, profiles.items()):
        plot_profile(table, x=x, y=y, order=order, events="margin", ax=ax, **kwargs)
        ax.set_title(plain(title), fontsize="medium")
        ax.grid(axis="y", color="0.92", lw=0.6)
    figure.tight_layout()
    return attach_alt(figure, profiles_alt(profiles, outlets=len(order)))
