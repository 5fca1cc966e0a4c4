"""The alternative text of each figure of the report: what it shows and what it says, in words.

A reader who cannot see a figure (a screen reader reads the text aloud) gets its layout and its
main values, computed from the table the figure draws.

Every ``plot_*`` function of the toolkit records the alternative text of what it drew
(:func:`attach_alt`); :func:`figure_alt` reads it back, and :func:`toolkit.show_figure` shows a
figure with it, so that an HTML export of a notebook keeps it (``<img alt="...">``).
"""

from __future__ import annotations

import weakref

import pandas as pd

#: The alternative texts recorded by the plots, by Axes or Figure (forgotten with the figure).
_ALT: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


def attach_alt(drawn, text: str):
    """Record ``text`` as the alternative text of ``drawn`` (a matplotlib Axes or Figure) and return it.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> ax = attach_alt(plt.figure().gca(), "Bars of  counts.")
    >>> figure_alt(ax.figure)
    'Bars of counts.'
    """
    _ALT[drawn] = " ".join(str(text).split())
    return drawn


def figure_alt(figure) -> str:
    """The alternative text of a figure: its own (figure-level plots), or else those of its visible
    Axes in order, joined; an empty string when no toolkit plot drew on it."""
    if figure in _ALT:
        return _ALT[figure]
    return " ".join(_ALT[ax] for ax in figure.axes if ax in _ALT and ax.get_visible())


def _names(rows: pd.DataFrame, label: str) -> str:
    names = [str(v) for v in rows[label]]
    return ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")


def _extremes(table: pd.DataFrame, value: str, label: str = "outlet", digits: int = 2) -> str:
    """The highest and lowest values with their labels, every tie named (up to three)."""
    rows = table.dropna(subset=[value])
    if rows.empty:
        return "no values"
    shown = rows[value].map(lambda v: f"{v:.{digits}f}")
    high, low = shown[rows[value].idxmax()], shown[rows[value].idxmin()]
    if high == low:
        return f"{len(rows)} at {high}" if len(rows) > 1 else f"{rows[label].iat[0]} {high}"
    return f"highest {_names(rows[shown == high], label)} {high}, lowest {_names(rows[shown == low], label)} {low}"


def profiles_alt(profiles: dict, *, outlets: int) -> str:
    """The profile panels (:func:`toolkit.profile_panels`).

    Examples
    --------
    >>> table = pd.DataFrame({"outlet": ["A", "B"], "share": [0.5, 0.8]})
    >>> profiles_alt({"Coverage": table}, outlets=2)
    'One panel per profile, one row per outlet (2 outlets), each point a share from 0 to 1 with its 95 % interval over events. Coverage: highest B 0.80, lowest A 0.50.'
    """
    parts = [f"{title}: {_extremes(table, 'share')}" for title, table in profiles.items()]
    return (f"One panel per profile, one row per outlet ({outlets} outlets), each point a share from 0 to 1 with its "
            f"95 % interval over events. " + "; ".join(parts) + ".")


def coverage_alt(facts: pd.DataFrame, *, label: str | None = None) -> str:
    """The coverage matrix of one event, ``label`` (:func:`toolkit.plot_coverage`)."""
    reported = facts[facts["sentences"] > 0]
    per_outlet = reported.groupby("outlet")["fact"].nunique()
    only = reported.loc[reported["only_in"] != "", "fact"].nunique()
    listed = ", ".join(f"{o} {n}" for o, n in per_outlet.items())
    event = f" of the event {label}" if label else ""
    return (f"Matrix of the facts{event} (rows, {facts['fact'].nunique()} facts) by outlet (columns): "
            f"a square where the outlet reports the fact. Facts reported per outlet: {listed}; {only} fact(s) are "
            "reported by one outlet only.")


def aligned_alt(pairs: pd.DataFrame) -> str:
    """The two articles side by side (:func:`toolkit.plot_aligned_pairs`)."""
    a, b = sorted(set(pairs["outlet_a"]) | set(pairs["outlet_b"]))
    return (f"The sentences of {a} (left) and {b} (right) in article order, with a line for each of the "
            f"{len(pairs)} aligned pairs; darker lines are more similar pairs.")


def naming_alt(grid: pd.DataFrame, *, actors: list) -> str:
    """The naming grid (:func:`toolkit.plot_naming`)."""
    forms = grid.groupby("actor")["variant"].nunique()
    listed = "; ".join(f"{a}: {forms.get(a, 0)} forms" for a in actors)
    return (f"Grid of counts: rows are the forms used for each actor, columns the {grid['outlet'].nunique()} outlets, "
            f"each cell the number of mentions. {listed}.")


def voices_alt(by_side: pd.DataFrame, *, by: str = "side") -> str:
    """The stacked bars of quoted words by side, or by the column ``by`` (:func:`toolkit.plot_voices`)."""
    lead = by_side.sort_values("share_of_words", ascending=False, kind="stable").drop_duplicates("outlet")
    listed = "; ".join(f"{outlet}: {voice} {share * 100:.0f} %"
                       for outlet, voice, share in lead.sort_values("outlet")[["outlet", by, "share_of_words"]].itertuples(
                           index=False))
    return (f"Stacked bars, one per outlet: the share of its quoted words given to each {by}. Largest {by} per "
            f"outlet: {listed}.")


def sentence_tone_alt(summary: pd.DataFrame) -> str:
    """The box plots of sentence polarity (:func:`toolkit.plot_sentence_tone`)."""
    return (f"Box plots of sentence polarity from -1 to +1, one row per outlet ({len(summary)} outlets), with every "
            f"sentence as a point and the mean as a vermilion diamond. Mean polarity: "
            f"{_extremes(summary, 'mean_polarity', digits=3)}.")


def arcs_alt(rows: pd.DataFrame, *, label: str) -> str:
    """The tone arcs of the articles of one event (:func:`toolkit.plot_tone_arc`)."""
    return (f"One bar chart per article of the event {label} ({len(rows)} articles: "
            + "; ".join(f"{r.outlet}, {r.title}" if pd.notna(r.title) and r.title else f"{r.outlet}, untitled"
                        for r in rows.itertuples())
            + "): the polarity of each body sentence in order, blue positive, vermilion negative.")


def actor_tone_alt(framing: pd.DataFrame, *, actors: list, panels: bool) -> str:
    """The tone towards the most mentioned actors (:func:`toolkit.plot_actor_tone` or the panels)."""
    shown = framing[framing["actor"].isin(actors) & (framing["mentions"] > 0)]
    layout = ("One panel per actor, one row per outlet" if panels else "One row per actor, one point per outlet")
    parts = [f"{actor}: {_extremes(rows, 'mean_score')}" for actor, rows in shown.groupby("actor", sort=False)]
    return (f"{layout}: the mean tone towards the actor from -1 to +1 with its 95 % interval; hollow points rest on "
            f"fewer than five mentions. " + "; ".join(parts) + ".")


def keyness_alt(table: pd.DataFrame, *, outlet: str) -> str:
    """The distinctive words of one outlet (:func:`toolkit.plot_keyness`)."""
    ranked = table.sort_values("z", ascending=False, kind="stable")
    up = ", ".join(ranked.loc[ranked["z"] > 0, "term"].head(5))
    down = ", ".join(ranked.loc[ranked["z"] < 0, "term"].tail(5)[::-1])
    less = f", to the left those it uses less ({down})" if down else ""
    return (f"Bars of z-scores: to the right the words {outlet} uses more than the other outlets ({up or 'none'})"
            f"{less}; dashed lines at z = ±1.96.")


def frames_alt(profile: pd.DataFrame, *, grid: bool, x: str = "per_1000_words") -> str:
    """The frame profile (:func:`toolkit.plot_frames`), measured by the column ``x``."""
    layout = ("Grid: one row per outlet, one column per frame" if grid
              else "Bars: one group per frame, one bar per outlet")
    measure = "the frame's cue words per 1,000 words" if x == "per_1000_words" else x.replace("_", " ")
    parts = [f"{label}: {_extremes(rows, x, digits=1)}" for label, rows in profile.groupby("label", sort=False)]
    return f"{layout}, {measure}. " + "; ".join(parts) + "."


def profile_alt(profile: pd.DataFrame, *, x: str = "share", y: str = "outlet") -> str:
    """One outlet profile (:func:`toolkit.plot_profile`).

    Examples
    --------
    >>> table = pd.DataFrame({"outlet": ["A", "B"], "share": [0.5, 0.8], "events": [12, 3]})
    >>> profile_alt(table)
    'One row per outlet (2 outlets), each point a share from 0 to 1 with its 95 % interval over events; hollow points rest on fewer than five events. Highest B 0.80, lowest A 0.50.'
    """
    extremes = _extremes(profile.rename(columns={y: "outlet"}), x)
    return (f"One row per {y} ({profile[y].nunique()} {y}s), each point a {x.replace('_', ' ')} from 0 to 1 with its "
            f"95 % interval over events; hollow points rest on fewer than five events. "
            f"{extremes[0].upper() + extremes[1:]}.")


def tone_arc_alt(rows: pd.DataFrame, *, article_id: str, x: str = "polarity") -> str:
    """The arc of one article (:func:`toolkit.plot_tone_arc`): its body sentences' scores in order.

    Examples
    --------
    >>> rows = pd.DataFrame({"outlet": "A", "sentence": [0, 1, 2], "polarity": [0.5, -0.2, 0.0]})
    >>> tone_arc_alt(rows, article_id="a1")
    'Bars, one per body sentence of article a1 (A) in order, the polarity from -1 to +1: 1 above zero (blue), 1 below (vermilion), 1 at zero. Highest sentence 0 (0.50), lowest sentence 1 (-0.20).'
    """
    values = rows[x]
    outlet = f" ({rows['outlet'].iat[0]})" if "outlet" in rows and len(rows) else ""
    high, low = rows.loc[values.idxmax()], rows.loc[values.idxmin()]
    return (f"Bars, one per body sentence of article {article_id}{outlet} in order, the {x} from -1 to +1: "
            f"{int((values > 0).sum())} above zero (blue), {int((values < 0).sum())} below (vermilion), "
            f"{int((values == 0).sum())} at zero. Highest sentence {high['sentence']} ({high[x]:.2f}), "
            f"lowest sentence {low['sentence']} ({low[x]:.2f}).")
