"""The outlet × actor framing table, and the evidence behind each of its numbers."""

from __future__ import annotations

import html

import numpy as np
import pandas as pd

from .._checks import check_columns
from ..text.lookup import sentences_of
from ..actors.voices import counted

#: The columns of :func:`framing_table`.
FRAMING_COLUMNS = ["mentions", "share_of_mentions", "share_of_voice", "n", "mean_score", "ci_low", "ci_high",
                   "too_few", "negative", "neutral", "positive", "in_quotes", "naming", "labels", "top_verbs",
                   "method"]


def _bootstrap(values: np.ndarray, rng: np.random.Generator, n_boot: int) -> tuple[float, float]:
    if len(values) == 0:
        return float("nan"), float("nan")
    means = rng.choice(values, size=(n_boot, len(values)), replace=True).mean(axis=1)
    low, high = np.percentile(means, [2.5, 97.5])
    return float(low), float(high)


def framing_table(scored: pd.DataFrame, quotes: pd.DataFrame | None = None, *, roles: pd.DataFrame | None = None,
                  group: str = "outlet", min_n: int = 5, n_boot: int = 2000, seed: int = 0) -> pd.DataFrame:
    """One row per outlet × actor: how much, how named, how voiced, and with which tone.

    Parameters
    ----------
    scored : pandas.DataFrame
        Scored mentions (:func:`toolkit.score_mentions`).
        Every part counts: headline, captions and body (to leave the first two out, pass
        :func:`toolkit.body_of` of the table).
    quotes : pandas.DataFrame, optional
        The quotes table, for the share of voice and the attribution verbs.
    roles : pandas.DataFrame, optional
        The narrative roles of the actors (:func:`toolkit.actor_roles`), for the role profile.
    group : str, default "outlet"
    min_n : int, default 5
        Cells with fewer scored mentions are marked ``too_few`` and get no interval: an
        average of four mentions is not a finding, and an interval resampled from two or three
        values looks narrow for no good reason.
    n_boot : int, default 2000
        Bootstrap resamples for the 95 % interval of the mean score.
    seed : int, default 0
        Seed of the bootstrap, so that the table is reproducible.

    Returns
    -------
    pandas.DataFrame
        Every actor of ``scored`` for every group (an actor an outlet never mentions has
        ``mentions`` 0): ``<group>, actor`` and ``mentions``, ``share_of_mentions`` (of the
        group's mentions), ``share_of_voice`` (of the group's quoted words), ``n`` (mentions
        behind the score), ``mean_score`` with its bootstrap interval ``ci_low, ci_high``
        (missing below ``min_n``),
        ``too_few``, the counts of ``negative, neutral, positive`` labels, ``in_quotes``
        (mentions inside quote marks), ``naming`` (forms and counts), ``labels`` (evaluative
        labels and counts), ``top_verbs`` (of the actor's quotes) and ``method``; with
        ``roles``, the role profile (:func:`toolkit.role_profile`): ``role_articles`` (articles
        whose role was estimated), the share of them casting it as ``hero``, ``villain`` and
        ``victim``, and ``main_role``.

    Examples
    --------
    >>> import pandas as pd
    >>> scored = pd.DataFrame({"outlet": ["A", "A", "B"], "actor": ["X", "X", "Y"], "variant": ["X", "Mr X", "Y"],
    ...     "kind": ["name", "title", "name"], "score": [0.5, -0.5, 0.2], "label": ["positive", "negative", "neutral"],
    ...     "in_quote": [False, False, True], "method": "m"})
    >>> table = framing_table(scored, min_n=2)
    >>> table[["outlet", "actor", "mentions", "n", "mean_score", "too_few", "naming"]].values.tolist()
    [['A', 'X', 2, 2, 0.0, False, 'Mr X 1, X 1'], ['A', 'Y', 0, 0, nan, True, ''], ['B', 'X', 0, 0, nan, True, ''], ['B', 'Y', 1, 1, 0.2, True, 'Y 1']]
    """
    check_columns(scored, [group, "actor", "variant", "kind", "score", "label", "in_quote", "method"],
                  what="the scored mentions")
    rng = np.random.default_rng(seed)
    groups = sorted(scored[group].unique(), key=str)
    actors = sorted(scored["actor"].unique(), key=str)
    totals = scored.groupby(group).size()
    voice = None
    if quotes is not None:
        check_columns(quotes, [group, "actor", "words", "verb"], what="the quotes table")
        words = quotes.groupby([group, "actor"])["words"].sum()
        voice = words / quotes.groupby(group)["words"].sum().reindex(words.index.get_level_values(0)).to_numpy()
    cells = {key: part for key, part in scored.groupby([group, "actor"])}
    rows = []
    for g in groups:
        for actor in actors:
            part = cells.get((g, actor), scored.iloc[0:0])
            values = part["score"].to_numpy(dtype=float)
            # below min_n no interval: resampling two or three values gives a range that looks
            # narrow (or is a single point) and says nothing about the outlet
            low, high = _bootstrap(values, rng, n_boot) if len(values) >= min_n else (float("nan"), float("nan"))
            actor_quotes = quotes[(quotes[group] == g) & (quotes["actor"] == actor)] if quotes is not None else None
            rows.append({
                group: g, "actor": actor, "mentions": len(part),
                "share_of_mentions": len(part) / totals.get(g, 1),
                "share_of_voice": float(voice.get((g, actor), 0.0)) if voice is not None else float("nan"),
                "n": len(values), "mean_score": float(values.mean()) if len(values) else float("nan"),
                "ci_low": low, "ci_high": high, "too_few": len(values) < min_n,
                **{label: int((part["label"] == label).sum()) for label in ("negative", "neutral", "positive")},
                "in_quotes": int(part["in_quote"].sum()),
                "naming": counted(part.loc[part["kind"].isin(["name", "title", "descriptor"]), "variant"]),
                "labels": counted(part.loc[part["kind"] == "label", "variant"]),
                "top_verbs": counted(actor_quotes.loc[actor_quotes["verb"] != "", "verb"], top=3)
                if actor_quotes is not None else "",
                "method": part["method"].iloc[0] if len(part) else scored["method"].iloc[0],
            })
    table = pd.DataFrame(rows, columns=[group, "actor", *FRAMING_COLUMNS])
    if roles is None:
        return table
    from ..actors.roles import role_profile

    table = table.merge(role_profile(roles, group=group), on=[group, "actor"], how="left")
    table["role_articles"] = table["role_articles"].fillna(0).astype("int64")
    table["main_role"] = table["main_role"].fillna("")
    return table


def evidence(scored: pd.DataFrame, sentences: pd.DataFrame, *, actor: str | None = None,
             outlet: str | None = None, label: str | None = None, group: str = "outlet") -> pd.DataFrame:
    """The sentences behind a cell of the framing table, with the mention highlighted.

    Parameters
    ----------
    scored : pandas.DataFrame
        Scored mentions (:func:`toolkit.score_mentions`).
    sentences : pandas.DataFrame
        The sentences table.
    actor, outlet, label : str, optional
        Which cell (and, with ``label``, which of its negative, neutral or positive mentions).
    group : str, default "outlet"
        The column ``outlet`` filters.

    Returns
    -------
    pandas.DataFrame
        One row per mention: ``<group>, actor, article_id, part, sentence, surface, label,
        score, in_quote, quote_speaker`` and ``highlighted``: the sentence with the mention
        between « and ». Most negative first.

    Examples
    --------
    >>> import pandas as pd
    >>> sentences = pd.DataFrame({"article_id": ["a"], "sentence": [0], "start": [0], "text": ["Critics blasted Putin."]})
    >>> scored = pd.DataFrame({"outlet": ["A"], "actor": ["Vladimir Putin"], "article_id": ["a"], "sentence": [0],
    ...     "start": [16], "end": [21], "surface": ["Putin"], "label": ["negative"], "score": [-0.6],
    ...     "in_quote": [False], "quote_speaker": [None]})
    >>> evidence(scored, sentences, actor="Vladimir Putin")["highlighted"].tolist()
    ['Critics blasted «Putin».']
    """
    check_columns(scored, [group, "actor", "article_id", "sentence", "start", "end", "surface", "label", "score"],
                  what="the scored mentions")
    rows = scored
    if actor is not None:
        rows = rows[rows["actor"] == actor]
    if outlet is not None:
        rows = rows[rows[group] == outlet]
    if label is not None:
        rows = rows[rows["label"] == label]
    located = sentences_of(rows, sentences)
    highlighted = [f"{t[:s - b]}«{t[s - b:e - b]}»{t[e - b:]}" for t, b, s, e in
                   zip(located["text"], located["start"], rows["start"], rows["end"])]
    columns = [c for c in [group, "actor", "article_id", "part", "sentence", "surface", "label", "score",
                           "in_quote", "quote_speaker"] if c in rows.columns]
    result = rows[columns].assign(highlighted=highlighted)
    return result.sort_values(["score", "article_id", "sentence"], kind="stable").reset_index(drop=True)


def evidence_html(rows: pd.DataFrame, *, group: str = "outlet", limit: int = 50) -> str:
    """Render evidence rows as HTML, the mention marked, every text escaped.

    Parameters
    ----------
    rows : pandas.DataFrame
        From :func:`evidence`.
    group : str, default "outlet"
        The column named first in each item (as in :func:`evidence`).
    limit : int, default 50

    Returns
    -------
    str
        An HTML list; display it with ``IPython.display.HTML``.

    Examples
    --------
    >>> import pandas as pd
    >>> evidence_html(pd.DataFrame({"outlet": ["A"], "label": ["negative"], "score": [-0.5],
    ...     "highlighted": ["<b>x</b> said «Putin» lied."]}))
    '<ul class="evidence"><li><b>A</b> · negative (-0.50): &lt;b&gt;x&lt;/b&gt; said <mark>Putin</mark> lied.</li></ul>'
    """
    items = []
    for row in rows.head(limit).itertuples(index=False):
        text = html.escape(row.highlighted).replace("«", "<mark>").replace("»", "</mark>")
        who = html.escape(str(getattr(row, group, "")))
        items.append(f"<li><b>{who}</b> · {html.escape(row.label)} ({row.score:+.2f}): {text}</li>")
    more = f"<li>… {len(rows) - limit} more</li>" if len(rows) > limit else ""
    return f'<ul class="evidence">{"".join(items)}{more}</ul>'
