"""Plots over tidy tables, in the manner of seaborn: data first, options by keyword, one Axes.

Every ``plot_*`` function draws on the Axes it is given (or the current one), returns it, and
never calls ``show()`` or ``savefig()``. Empty data gives an empty Axes with a note, not an error.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from .._checks import check_columns
from ..text.sentences import body_of
from .alt_text import actor_tone_alt, attach_alt, naming_alt, sentence_tone_alt, tone_arc_alt, voices_alt


#: A colour-blind-safe palette (Okabe and Ito 2008, "Color Universal Design"), without its black; yellow,
#: the faintest on white, last.
PALETTE = ("#E69F00", "#56B4E9", "#009E73", "#0072B2", "#D55E00", "#CC79A7", "#999999", "#F0E442")
#: The colour of points whose groups are labelled on an axis (colour then carries nothing): the palette's blue.
ONE_COLOUR = PALETTE[3]
#: Above and below zero (a score's sign): the palette's blue and vermilion, told apart by colour-blind readers.
POSITIVE, NEGATIVE = PALETTE[3], PALETTE[4]
#: Hatches of the segments of stacked bars, so that neighbouring segments differ in more than colour.
HATCHES = ("", "//", "..", "\\\\", "xx", "--", "oo", "++", "**")
#: Markers paired with the palette, so that groups differ in shape as well as colour.
MARKERS = ("o", "s", "^", "D", "v", "P", "X", "*")
#: Up to this many groups, one Axes with a legend reads well; beyond it, draw small multiples.
MANY_GROUPS = len(PALETTE)


def group_style(i: int) -> tuple[str, str]:
    """The colour and marker of the ``i``-th group: a distinct pair for each of the first 64 groups.

    Examples
    --------
    >>> group_style(0), group_style(8)
    (('#E69F00', 'o'), ('#E69F00', 's'))
    """
    colour, turn = i % len(PALETTE), i // len(PALETTE)
    return PALETTE[colour], MARKERS[(colour + turn) % len(MARKERS)]


def plain(text) -> str:
    """A label from the data, to be drawn as it is: every ``$`` escaped, so matplotlib never reads it as math.

    Matplotlib draws the text between two ``$`` as mathematics (``Price $5 to $6`` in italics) and fails on
    text it cannot parse as such (``Ca$h_$ News``); a ``\\$`` is drawn as a plain ``$``. Every string a plot
    takes from the data (outlets, actors, words, titles, file names) goes through this function.

    Parameters
    ----------
    text : object
        The label; turned into a string.

    Returns
    -------
    str

    Examples
    --------
    >>> print(plain("Price $5 to $6 Daily"))
    Price \\$5 to \\$6 Daily
    """
    return str(text).replace("$", r"\$")


def _empty(ax, message: str = "no data"):
    ax.text(0.5, 0.5, plain(message), ha="center", va="center", transform=ax.transAxes, color="0.4")
    return attach_alt(ax, f"An empty plot: {message}.")


def plot_sentence_tone(data: pd.DataFrame, *, x: str = "polarity", group: str = "outlet",
                       ax=None, seed: int = 0, **kwargs):
    """Show the distribution of a sentence score per group: box, points and mean.

    Parameters
    ----------
    data : pandas.DataFrame
        Scored sentences (see :func:`toolkit.score_sentences`).
        Every part counts: headline, captions and body (to leave the first two out, pass
        :func:`toolkit.body_of` of the table).
    x : str, default "polarity"
        The score column.
    group : str, default "outlet"
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
    >>> ax = plot_sentence_tone(scored, ax=plt.figure().gca())
    >>> [t.get_text() for t in ax.get_yticklabels()]
    ['AP wire copy (n=46)', 'Morning Star (n=17)']
    """
    ax = ax if ax is not None else plt.gca()
    check_columns(data, [x, group], what="the data")
    ax.set_xlabel(plain(x))
    if data.empty:
        return _empty(ax)
    groups = sorted(data[group].dropna().unique(), key=str)
    values = [data.loc[data[group] == g, x].dropna().to_numpy() for g in groups]
    positions = np.arange(len(groups))
    ax.boxplot(values, positions=positions, orientation="horizontal", widths=0.5, showfliers=False,
               medianprops={"color": "black"})
    rng = np.random.default_rng(seed)
    point_style = {"s": 14, "alpha": 0.6, "zorder": 3, "color": ONE_COLOUR} | kwargs
    for pos, vals in zip(positions, values):
        ax.scatter(vals, pos + rng.uniform(-0.15, 0.15, len(vals)), **point_style)
        if len(vals):
            ax.plot(vals.mean(), pos, marker="D", color=NEGATIVE, markeredgecolor="black", zorder=4,
                    label="mean" if pos == 0 else None)
    ax.set_yticks(positions, [plain(f"{g} (n={len(v)})") for g, v in zip(groups, values)])
    ax.axvline(0, color="0.7", lw=0.8, zorder=0)
    ax.invert_yaxis()  # the first group on top, as in a table
    ax.legend(loc="best", frameon=False)
    means = pd.DataFrame({"outlet": groups, "mean_polarity": [v.mean() if len(v) else np.nan for v in values]})
    return attach_alt(ax, sentence_tone_alt(means))


def plot_naming(data: pd.DataFrame, *, by: str = "variant", group: str = "outlet", actors=None,
                min_forms: int = 2, ax=None, cmap: str = "Blues", **kwargs):
    """Show which forms each outlet uses for each actor: a grid of counts.

    Rows are actor × form (Kyiv: Kiev, Kyiv: Kyiv ...), columns are outlets, each cell is the
    number of mentions, written in the cell.

    Parameters
    ----------
    data : pandas.DataFrame
        The naming table (:func:`toolkit.naming`).
    by : str, default "variant"
        The form column of the table ("variant" or "surface").
    group : str, default "outlet"
        The column of the grid.
    actors : list of str, optional
        Only these actors; by default every actor named in at least ``min_forms`` ways.
    min_forms : int, default 2
    ax : matplotlib.axes.Axes, optional
    cmap : str, default "Blues"
    **kwargs
        Passed to ``Axes.imshow``.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import pandas as pd
    >>> table = pd.DataFrame({"outlet": ["A", "B", "B"], "actor": ["Kyiv"] * 3,
    ...     "variant": ["Kiev", "Kyiv", "Kiev"], "mentions": [1, 3, 1]})
    >>> ax = plot_naming(table, ax=plt.figure().gca())
    >>> [t.get_text() for t in ax.get_yticklabels()], [t.get_text() for t in ax.texts]
    (['Kyiv: Kiev', 'Kyiv: Kyiv'], ['1', '1', '0', '3'])
    """
    ax = ax if ax is not None else plt.gca()
    check_columns(data, [group, "actor", by, "mentions"], what="the naming table")
    forms = data.groupby("actor")[by].nunique()
    chosen = list(actors) if actors is not None else forms[forms >= min_forms].index.tolist()
    subset = data[data["actor"].isin(chosen)]
    if subset.empty:
        return _empty(ax, "no actor named in more than one way")
    grid = subset.pivot_table(index=["actor", by], columns=group, values="mentions", aggfunc="sum", fill_value=0)
    ax.imshow(grid.to_numpy(), cmap=cmap, aspect="auto", **kwargs)
    ax.xaxis.tick_top()
    ax.xaxis.set_label_position("top")
    ax.set_xticks(range(grid.shape[1]), [plain(c).replace(" ", "\n") for c in grid.columns])
    ax.set_yticks(range(grid.shape[0]), [plain(f"{a}: {f}") for a, f in grid.index])
    peak = grid.to_numpy().max()
    for (i, j), value in np.ndenumerate(grid.to_numpy()):
        ax.text(j, i, str(value), ha="center", va="center", color="white" if value > peak / 2 else "black")
    ax.set_xlabel(plain(group))
    return attach_alt(ax, naming_alt(subset[[group, "actor", by]].set_axis(["outlet", "actor", "variant"], axis=1),
                                     actors=chosen))


def plot_voices(data: pd.DataFrame, *, by: str = "speaker", group: str = "outlet", top: int = 8,
                x: str = "share_of_words", ax=None, **kwargs):
    """Show each outlet's share of voice: stacked bars of quoted words by speaker or side.

    Parameters
    ----------
    data : pandas.DataFrame
        The voices table (:func:`toolkit.voices`), with the same ``by``.
    by : str, default "speaker"
        The voice column ("speaker", "side", ...).
    group : str, default "outlet"
        One bar per value of this column.
    top : int, default 8
        The voices with the most quoted words overall get their own colour; the rest are
        summed as "others".
    x : str, default "share_of_words"
        The quantity stacked: "share_of_words", "quoted_words" or "quotes".
    ax : matplotlib.axes.Axes, optional
    **kwargs
        Passed to ``Axes.barh``.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import pandas as pd
    >>> table = pd.DataFrame({"outlet": ["A", "A", "B"], "side": ["Russia", "Ukraine", "Russia"],
    ...     "share_of_words": [0.25, 0.75, 1.0]})
    >>> ax = plot_voices(table, by="side", ax=plt.figure().gca())
    >>> [t.get_text() for t in ax.get_yticklabels()], ax.get_legend_handles_labels()[1]
    (['A', 'B'], ['Russia', 'Ukraine'])
    """
    ax = ax if ax is not None else plt.gca()
    check_columns(data, [group, by, x], what="the voices table")
    if data.empty:
        return _empty(ax)
    leaders = data.groupby(by)[x].sum().sort_values(ascending=False, kind="stable").index[:top].tolist()
    labelled = data.assign(**{by: data[by].where(data[by].isin(leaders), "others")})
    grid = labelled.pivot_table(index=group, columns=by, values=x, aggfunc="sum", fill_value=0)
    grid = grid[[c for c in leaders + ["others"] if c in grid.columns]]
    left = np.zeros(len(grid))
    positions = np.arange(len(grid))
    for i, column in enumerate(grid.columns):
        values = grid[column].to_numpy(dtype=float)
        style = {"color": PALETTE[i % len(PALETTE)] if column != "others" else "0.85", "edgecolor": "white",
                 "hatch": HATCHES[i % len(HATCHES)]} | kwargs
        ax.barh(positions, values, left=left, label=plain(column), **style)
        left += values
    ax.set_yticks(positions, [plain(i) for i in grid.index])
    ax.invert_yaxis()
    ax.set_xlabel(plain(x.replace("_", " ")))
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False, fontsize="small")
    shares = grid.div(grid.sum(axis=1).where(lambda total: total > 0), axis=0).stack().rename("share_of_words")
    return attach_alt(ax, voices_alt(shares.rename_axis(["outlet", by]).reset_index(), by=by))


_TONE_COLUMNS = ["actor", "mentions", "mean_score", "ci_low", "ci_high", "too_few"]
_TONE_LABEL = "mean tone towards the actor (-1 negative .. +1 positive)"


def _top_actors(data: pd.DataFrame, top: int) -> list:
    return data.groupby("actor")["mentions"].sum().sort_values(ascending=False, kind="stable").index[:top].tolist()


def _tone_points(ax, rows: pd.DataFrame, y, *, color, marker, label=None, **kwargs):
    """Draw the mean tone of ``rows`` at heights ``y``: the interval, and a point hollow where too few."""
    y = np.asarray(y, dtype=float)
    known = rows["ci_low"].notna().to_numpy() & rows["ci_high"].notna().to_numpy()   # no interval below min_n
    if known.any():
        bars = rows[known]
        ax.errorbar(bars["mean_score"], y[known], xerr=[bars["mean_score"] - bars["ci_low"],
                    bars["ci_high"] - bars["mean_score"]], fmt="none", ecolor=color, capsize=2, **kwargs)
    face = [("white" if few else color) for few in rows["too_few"]]
    ax.scatter(rows["mean_score"], y, facecolors=face, edgecolors=color, marker=marker, zorder=3, label=label)


def plot_actor_tone(data: pd.DataFrame, *, hue: str = "outlet", actors=None, top: int = 12, ax=None, **kwargs):
    """Show the mean tone towards each actor per outlet, with its 95 % interval.

    One row per actor, one point per outlet, each outlet with its own colour (a colour-blind-safe
    palette) and marker, the legend outside the plot. Cells marked ``too_few`` are drawn hollow:
    read them as "not enough evidence". Beyond :data:`MANY_GROUPS` outlets the points crowd each
    row: draw :func:`actor_tone_panels` instead (one panel per actor, the outlets labelled).

    Parameters
    ----------
    data : pandas.DataFrame
        The framing table (:func:`toolkit.framing_table`).
    hue : str, default "outlet"
    actors : list of str, optional
        Only these actors; by default the ``top`` most mentioned.
    top : int, default 12
    ax : matplotlib.axes.Axes, optional
    **kwargs
        Passed to ``Axes.errorbar``.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import pandas as pd
    >>> table = pd.DataFrame({"outlet": ["A", "B"], "actor": ["X", "X"], "mentions": [6, 2], "mean_score": [0.2, -0.1],
    ...     "ci_low": [0.0, -0.3], "ci_high": [0.4, 0.1], "too_few": [False, True], "n": [6, 2]})
    >>> ax = plot_actor_tone(table, ax=plt.figure().gca())
    >>> [t.get_text() for t in ax.get_yticklabels()], ax.get_legend_handles_labels()[1]
    (['X'], ['A', 'B'])
    """
    ax = ax if ax is not None else plt.gca()
    check_columns(data, [hue, *_TONE_COLUMNS], what="the framing table")
    ax.set_xlabel(_TONE_LABEL)
    if data.empty or data["mentions"].sum() == 0:
        return _empty(ax)
    actors = list(actors) if actors is not None else _top_actors(data, top)
    groups = sorted(data[hue].unique(), key=str)
    offsets = np.linspace(-0.25, 0.25, len(groups)) if len(groups) > 1 else [0.0]
    shown = data[data["actor"].isin(actors) & (data["mentions"] > 0)]      # filtered once, not for every group
    for i, (g, offset) in enumerate(zip(groups, offsets)):
        rows = shown[shown[hue] == g]
        color, marker = group_style(i)
        _tone_points(ax, rows, [actors.index(a) + offset for a in rows["actor"]], color=color, marker=marker,
                     label=plain(g), **kwargs)
    ax.set_yticks(range(len(actors)), [plain(a) for a in actors])
    ax.invert_yaxis()
    ax.axvline(0, color="0.7", lw=0.8, zorder=0)
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False, fontsize="small", title=plain(hue))
    return attach_alt(ax, actor_tone_alt(shown.rename(columns={hue: "outlet"}) if hue != "outlet" else shown,
                                         actors=actors, panels=False))


def actor_tone_panels(data: pd.DataFrame, *, actors=None, top: int = 9, ncols: int = 3, order=None,
                      hue: str = "outlet", figure=None, **kwargs):
    """Small multiples of the tone towards each actor: one panel per actor, one labelled row per outlet.

    A figure-level view for many outlets (17 outlets in one Axes need 17 colours and a legend that
    hides the data): every panel lists the same outlets in the same order, so a row can be read
    across panels; hollow points are cells with too few mentions; no colour, no legend.

    Parameters
    ----------
    data : pandas.DataFrame
        The framing table (:func:`toolkit.framing_table`).
    actors : list of str, optional
        The actors, one panel each; by default the ``top`` most mentioned.
    top : int, default 9
    ncols : int, default 3
        Panels per row.
    order : list, optional
        The outlets, top to bottom; by default every outlet of ``data``, sorted.
    hue : str, default "outlet"
        The column of the rows.
    figure : matplotlib.figure.Figure, optional
        Where to draw; by default a new figure sized to the panels.
    **kwargs
        Passed to ``Axes.errorbar``.

    Returns
    -------
    matplotlib.figure.Figure
        Its axes are the panels (unused ones hidden).

    Examples
    --------
    >>> import pandas as pd
    >>> table = pd.DataFrame({"outlet": ["A", "B", "A"], "actor": ["X", "X", "Y"], "mentions": [6, 2, 5],
    ...     "mean_score": [0.2, -0.1, 0.0], "ci_low": [0.0, -0.3, -0.2], "ci_high": [0.4, 0.1, 0.2],
    ...     "too_few": [False, True, False]})
    >>> fig = actor_tone_panels(table, ncols=2)
    >>> [(ax.get_title(), [t.get_text() for t in ax.get_yticklabels()]) for ax in fig.axes]
    [('X', ['A', 'B']), ('Y', ['A', 'B'])]
    """
    check_columns(data, [hue, *_TONE_COLUMNS], what="the framing table")
    shown = data[data["mentions"] > 0]
    actors = list(actors) if actors is not None else _top_actors(shown, top)
    order = list(order) if order is not None else sorted(data[hue].unique(), key=str)
    nrows = max(1, -(-len(actors) // ncols))
    figure = figure if figure is not None else plt.figure(
        figsize=(3.6 * min(ncols, max(len(actors), 1)) + 1.5, 0.6 + nrows * (0.8 + 0.22 * len(order))))
    axes = figure.subplots(nrows, min(ncols, max(len(actors), 1)), sharex=True, sharey=True, squeeze=False).ravel()
    if not actors:
        _empty(axes[0], "no actor mentioned")
    row = {g: i for i, g in enumerate(order)}
    for ax, actor in zip(axes, actors):
        rows = shown[(shown["actor"] == actor) & shown[hue].isin(row)]
        _tone_points(ax, rows, rows[hue].map(row), color=ONE_COLOUR, marker="o", **kwargs)
        ax.set_title(plain(actor), fontsize="medium")
        ax.axvline(0, color="0.7", lw=0.8, zorder=0)
        ax.set_yticks(range(len(order)), [plain(g) for g in order])
        ax.set_ylim(len(order) - 0.5, -0.5)
        ax.grid(axis="y", color="0.92", lw=0.6)
        ax.tick_params(labelleft=True, labelbottom=True, labelsize="small")
        ax.set_xlabel("mean tone (-1 .. +1)", fontsize="small")
    for ax in axes[max(len(actors), 1):]:
        ax.set_visible(False)
    if not actors:
        return attach_alt(figure, "An empty plot: no actor mentioned.")
    return attach_alt(figure, actor_tone_alt(shown.rename(columns={hue: "outlet"}) if hue != "outlet" else shown,
                                             actors=actors, panels=True))


def plot_tone_arc(data: pd.DataFrame, *, article_id: str, x: str = "polarity", ax=None, **kwargs):
    """The arc of an article: a diverging bar of sentence tone, sentence by sentence.

    Parameters
    ----------
    data : pandas.DataFrame
        Scored sentences (:func:`toolkit.score_sentences`); only the body is drawn.
    article_id : str
        Which article.
    x : str, default "polarity"
    ax : matplotlib.axes.Axes, optional
    **kwargs
        Passed to ``Axes.bar``.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import pandas as pd
    >>> scored = pd.DataFrame({"article_id": "a", "sentence": [0, 1, 2], "polarity": [0.5, -0.2, 0.0], "part": "body"})
    >>> ax = plot_tone_arc(scored, article_id="a", ax=plt.figure().gca())
    >>> [round(float(p.get_height()), 2) for p in ax.patches]
    [0.5, -0.2, 0.0]
    """
    ax = ax if ax is not None else plt.gca()
    check_columns(data, ["article_id", "sentence", x], what="the scored sentences")
    rows = body_of(data[data["article_id"] == article_id])
    ax.set_xlabel("sentence")
    ax.set_ylabel(plain(x))
    if rows.empty:
        return _empty(ax, f"no sentences for {article_id!r}")
    rows = rows.sort_values("sentence")
    values = rows[x].to_numpy(dtype=float)
    colors = np.where(values > 0, POSITIVE, np.where(values < 0, NEGATIVE, "0.6"))
    ax.bar(rows["sentence"], values, color=colors, **kwargs)
    ax.axhline(0, color="0.5", lw=0.8)
    ax.set_ylim(-1, 1)
    return attach_alt(ax, tone_arc_alt(rows, article_id=article_id, x=x))
