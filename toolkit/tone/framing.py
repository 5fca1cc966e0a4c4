"""The outlet × actor framing table, and the evidence behind each of its numbers."""

from __future__ import annotations

import html

import numpy as np
import pandas as pd

from .._checks import check_columns
from ..text.lookup import bounded_context, sentences_of
from ..actors.voices import counted_by

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


def _cells(rows: pd.DataFrame, group: str, groups: list, actors: list) -> np.ndarray:
    """Each row's cell of the framing table (group rank × actors + actor rank; -1 if not in it)."""
    g = rows[group].map({value: rank for rank, value in enumerate(groups)}).to_numpy(dtype=float, na_value=np.nan)
    a = rows["actor"].map({value: rank for rank, value in enumerate(actors)}).to_numpy(dtype=float, na_value=np.nan)
    cell = g * len(actors) + a
    cell[(rows[group].isna() | rows["actor"].isna()).to_numpy()] = np.nan
    return np.where(np.isnan(cell), -1, cell).astype("int64")


def _cell_sums(cell: np.ndarray, values: pd.Series, size: int) -> np.ndarray:
    """The sum of ``values`` in each cell (missing values count 0), as integers."""
    return np.bincount(cell, weights=values.fillna(0).to_numpy(dtype=float), minlength=size).astype("int64")


def _counted_by_cell(cell: np.ndarray, values: pd.Series, size: int, *, top: int | None = None) -> list:
    """:func:`toolkit.actors.voices.counted` of the values of each cell, in one grouped pass."""
    texts = [""] * size
    for at, joined in counted_by(pd.DataFrame({"cell": cell}), values, top=top).items():
        texts[at] = joined
    return texts


def _voice_shares(quotes: pd.DataFrame, group: str, groups: list, actors: list) -> np.ndarray:
    """Each cell's share of its group's quoted words (0 where the actor is not quoted)."""
    words = quotes.groupby([group, "actor"])["words"].sum()
    voice = words / quotes.groupby(group)["words"].sum().reindex(words.index.get_level_values(0)).to_numpy()
    keys = voice.index.to_frame(index=False)
    at = _cells(keys, group, groups, actors)
    shares = np.zeros(len(groups) * len(actors))
    shares[at[at >= 0]] = voice.to_numpy(dtype=float)[at >= 0]
    return shares


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
    if quotes is not None:
        check_columns(quotes, [group, "actor", "words", "verb"], what="the quotes table")
    groups = sorted(scored[group].unique(), key=str)
    actors = sorted(scored["actor"].unique(), key=str)
    if not groups:
        return pd.DataFrame([], columns=[group, "actor", *FRAMING_COLUMNS])
    # one grouped pass over the mentions that exist; cell = group rank × actors + actor rank, so
    # that the cells come in the order of the table (groups, then actors, each sorted as text)
    method = np.full(len(groups) * len(actors), scored["method"].iloc[0], dtype=object)
    cell = _cells(scored, group, groups, actors)
    scored, cell = scored[cell >= 0], cell[cell >= 0]       # a mention without outlet or actor is in no cell
    size = len(groups) * len(actors)
    table = pd.DataFrame({group: [g for g in groups for _ in actors], "actor": actors * len(groups)})
    order = np.argsort(cell, kind="stable")
    present, starts, counts = np.unique(cell[order], return_index=True, return_counts=True)
    mentions = np.zeros(size, dtype="int64")
    mentions[present] = counts
    totals = scored.groupby(group).size()
    table["mentions"] = mentions
    table["share_of_mentions"] = mentions / np.repeat(totals.reindex(groups).fillna(1).to_numpy(), len(actors))
    table["share_of_voice"] = _voice_shares(quotes, group, groups, actors) if quotes is not None else float("nan")
    table["n"] = mentions
    mean, low, high = np.full(size, np.nan), np.full(size, np.nan), np.full(size, np.nan)
    rng = np.random.default_rng(seed)
    scores = scored["score"].to_numpy(dtype=float)[order]
    for at, first, count in zip(present, starts, counts):
        values = scores[first:first + count]
        mean[at] = values.mean()
        # below min_n no interval: resampling two or three values gives a range that looks
        # narrow (or is a single point) and says nothing about the outlet
        if count >= min_n:
            low[at], high[at] = _bootstrap(values, rng, n_boot)
    table["mean_score"], table["ci_low"], table["ci_high"] = mean, low, high
    table["too_few"] = mentions < min_n
    for label in ("negative", "neutral", "positive"):
        table[label] = np.bincount(cell, weights=(scored["label"] == label).to_numpy(), minlength=size).astype("int64")
    table["in_quotes"] = _cell_sums(cell, scored["in_quote"], size)
    named = scored["kind"].isin(["name", "title", "descriptor"]).to_numpy()
    table["naming"] = _counted_by_cell(cell[named], scored["variant"][named], size)
    labelled = (scored["kind"] == "label").to_numpy()
    table["labels"] = _counted_by_cell(cell[labelled], scored["variant"][labelled], size)
    if quotes is not None:
        verbs = quotes[quotes["verb"] != ""]
        at = _cells(verbs, group, groups, actors)
        table["top_verbs"] = _counted_by_cell(at[at >= 0], verbs["verb"][at >= 0], size, top=3)
    else:
        table["top_verbs"] = ""
    method[present] = scored["method"].to_numpy(dtype=object)[order][starts]
    table["method"] = list(method)
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
    # (of a sentence over LONG_SENTENCE characters, the part around the mention: not a copy of it all per mention)
    texts, offsets = bounded_context(located["text"].tolist(), [
        (s - b, e - b) for b, s, e in zip(located["start"], rows["start"], rows["end"])])
    highlighted = [f"{t[:s]}«{t[s:e]}»{t[e:]}" for t, (s, e) in zip(texts, offsets)]
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
