"""Share of voice and omission rates corrected with a coded sample of checked items.

For *check* measures the coder does not give a label but says whether the machine's item is
right: a quote is "right" (a quote, and by that speaker), "wrong speaker" or "not a quote"; an
omission is "yes" (the outlet really leaves the fact out) or "no". Two outlet profiles rest on
such items, and both can be corrected for the items the machine got wrong:

- **Share of voice** (:func:`corrected_voice_shares`): each outlet's share of the quoted words
  found by the machine that are really quotes of a voice (a side, or a speaker). Every quote
  found counts with its words, divided by the outlet's mean words per quote found, so that the
  machine's figure (the mean over all quotes) equals the voice profile's share of words
  (:func:`toolkit.compare.profiles.voice_profile`, pooled over events); the coder's figure counts
  a quote for its voice only when it was coded "right". The correction is prediction-powered
  inference on these means (:func:`toolkit.validation.corrected_shares`, ``kind="mean"``).
- **Omission rates** (:func:`corrected_omission_profile`): the share of the facts that other
  outlets report which an outlet leaves out, times the share of the outlet's omissions that
  the coder finds real (its *precision*).
- **Cue-word frames** (:func:`corrected_cue_frames`): each outlet's share of sentences with a
  frame's cue words, times the share of its coded cue sentences of that frame that the coder
  finds use the frame.

What they correct, and what they do not: both correct the machine's false finds (a quote given
to the wrong speaker or not a quote at all; a fact the outlet does report in other words; a cue
word used in another sense). None corrects what the machine misses: quotes it did not find, the
true speaker of a quote it gave to the wrong one (that quote then counts for no voice), omissions
it did not see, a frame used without its cue words. Those would need a
sample of sentences or facts coded from scratch. The corrected share of voice is therefore a share
of the quoted words the machine *found*; across voices it adds up to the share of found words that
are rightly attributed quotes, not to 1.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .._checks import check_choice, check_columns
from .accuracy import wilson_interval
from .correct import MIN_CODED, corrected_shares
from .sample import MEASURES, machine_labels

#: The columns :func:`corrected_omission_profile` and :func:`corrected_cue_frames` add to the profile.
ADDED_COLUMNS = ["coded", "precision", "precision_low", "precision_high", "corrected", "corrected_low",
                 "corrected_high", "note"]


def _coded_of(coded: pd.DataFrame, measure: str) -> pd.DataFrame:
    check_columns(coded, ["measure", "row", "coded", "outlet"], what="the coded table")
    mine = coded[(coded["measure"] == measure) & coded["coded"].notna()]
    unknown = sorted(set(mine["coded"]) - set(MEASURES[measure].choices))
    if unknown:
        raise ValueError(f"the coded table gives {measure} items the answer(s) {unknown}; the choices are "
                         f"{list(MEASURES[measure].choices)}")
    return mine


def voice_share_tables(tables, coded: pd.DataFrame, *, voice: str, by: str = "side"
                       ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The corpus and coded tables that :func:`corrected_shares` (``kind="mean"``) takes for one
    voice's share of the quoted words each outlet's quotes hold.

    Parameters
    ----------
    tables : mapping of str to pandas.DataFrame
        The tables of the ``quotes`` measure (``quotes``, ``sentences``, ``articles``), the ones
        the sample was drawn from.
    coded : pandas.DataFrame
        Coded items (:func:`toolkit.validation.read_coded`); other measures' rows are left out.
    voice : str
        A value of ``by`` ("(none)" for quotes without one, as in the voice profile).
    by : {"side", "speaker", "speaker_type"}, default "side"

    Returns
    -------
    tuple of pandas.DataFrame
        ``corpus``: ``item`` (the quote's row), ``outlet``, ``predicted`` (its words divided by
        the outlet's mean words per quote where the quote is the voice's, else 0); ``coded``:
        ``item``, ``predicted`` (the same), ``human`` (the same, but 0 unless coded "right").

    Examples
    --------
    >>> quotes = pd.DataFrame({"article_id": "a", "outlet": "A", "sentence": [0, 1], "speaker": ["Ann", "Bo"],
    ...     "side": ["X", "Y"], "words": [30, 10], "start": 0, "end": 5})
    >>> coded = pd.DataFrame({"measure": "quotes", "row": [0, 1], "coded": ["not a quote", "right"],
    ...     "outlet": "A"})
    >>> corpus, sample = voice_share_tables({"quotes": quotes, "sentences": None, "articles": None}, coded, voice="X")
    >>> corpus["predicted"].tolist(), sample["human"].tolist()
    ([1.5, 0.0], [0.0, 0.0])
    """
    check_choice("by", by, ("side", "speaker", "speaker_type"))
    quotes = tables["quotes"].reset_index(drop=True)
    check_columns(quotes, ["outlet", by, "words"], what="the quotes table")
    labels, mine, at = _coded_items(tables, coded, "quotes", item="quote", table="quotes")
    voices = quotes[by].astype(object).where(quotes[by].notna(), "(none)").astype(str).to_numpy()[labels["row"]]
    words = quotes["words"].to_numpy(dtype=float)[labels["row"]]
    outlet = labels["outlet"].to_numpy()
    mean_words = pd.Series(words).groupby(outlet).transform("mean").to_numpy()
    weight = np.divide(words, mean_words, out=np.zeros_like(words), where=mean_words > 0)
    predicted = np.where(voices == voice, weight, 0.0)
    corpus = pd.DataFrame({"item": labels["row"].to_numpy(), "outlet": outlet, "predicted": predicted})
    sample = pd.DataFrame({"item": corpus["item"].to_numpy()[at], "predicted": predicted[at],
                           "human": np.where(mine["coded"].to_numpy() == "right", predicted[at], 0.0)})
    return corpus, sample


def corrected_voice_shares(tables, coded: pd.DataFrame, *, by: str = "side", voices=None, top: int = 8,
                           level: float = 0.95, min_coded: int = MIN_CODED) -> pd.DataFrame:
    """Each outlet's share of voice (quoted words), corrected for quotes the machine got wrong.

    For each voice, :func:`voice_share_tables` then :func:`toolkit.validation.corrected_shares`
    with ``kind="mean"``: the machine's share of the words of the quotes it found, and the share
    the coder would give (only quotes coded "right" count for their voice), with intervals. See
    the module's text for what is and is not corrected.

    Parameters
    ----------
    tables, coded, by
        As for :func:`voice_share_tables`.
    voices : list of str, optional
        The voices; by default the ``top`` voices with the most quoted words.
    top : int, default 8
    level, min_coded
        As for :func:`toolkit.validation.corrected_shares`.

    Returns
    -------
    pandas.DataFrame
        One row per voice and outlet: ``by``, ``outlet``, then the columns of
        :func:`toolkit.validation.corrected_shares` (``N`` quotes, ``n`` coded, ``machine``,
        ``coded``, ``corrected``, ``tuned``, each with its interval, ``lam``, ``too_few``,
        ``note``).

    Examples
    --------
    Two quotes of side X and two of side Y in outlet A; the coder finds one X quote not a quote:

    >>> quotes = pd.DataFrame({"article_id": "a", "outlet": "A", "sentence": [0, 1, 2, 3],
    ...     "speaker": ["Ann", "Ann", "Bo", "Bo"], "side": ["X", "X", "Y", "Y"], "words": 10,
    ...     "start": 0, "end": 5})
    >>> coded = pd.DataFrame({"measure": "quotes", "row": [0, 1, 2, 3],
    ...     "coded": ["right", "not a quote", "right", "right"], "outlet": "A"})
    >>> table = corrected_voice_shares({"quotes": quotes, "sentences": None, "articles": None}, coded,
    ...                                min_coded=4)
    >>> table[["side", "outlet", "N", "n", "machine", "corrected"]].values.tolist()
    [['X', 'A', 4, 4, 0.5, 0.25], ['Y', 'A', 4, 4, 0.5, 0.5]]
    """
    check_choice("by", by, ("side", "speaker", "speaker_type"))
    quotes = tables["quotes"]
    check_columns(quotes, ["outlet", by, "words"], what="the quotes table")
    if voices is None:
        named = quotes[by].astype(object).where(quotes[by].notna(), "(none)").astype(str)
        voices = quotes["words"].groupby(named.to_numpy()).sum().sort_values(ascending=False, kind="stable")
        voices = sorted(voices.index[:top])
    parts = []
    for voice in voices:
        corpus, sample = voice_share_tables(tables, coded, voice=voice, by=by)
        table = corrected_shares(corpus, sample, kind="mean", level=level, min_coded=min_coded)
        parts.append(table.assign(**{by: voice}))
    if not parts:
        return pd.DataFrame(columns=[by, "outlet"])
    table = pd.concat(parts, ignore_index=True)
    return table[[by, *[c for c in table.columns if c != by]]]


def _coded_items(tables, coded: pd.DataFrame, measure: str, *, item: str,
                 table: str) -> tuple[pd.DataFrame, pd.DataFrame, np.ndarray]:
    """The machine's labels of a measure, its coded items, and where each coded item is among the
    labels (an error names the coded ``item`` rows not in the study's ``table``)."""
    mine = _coded_of(coded, measure)
    labels = machine_labels(tables, measure)
    at = pd.Index(labels["row"]).get_indexer(mine["row"].astype("int64"))
    if (at < 0).any():
        raise ValueError(f"{int((at < 0).sum())} coded {item}(s) are not in the {table} table (rows "
                         f"{mine['row'][at < 0].tolist()[:5]}); the coded sample must be drawn from this study")
    return labels, mine, at


def _times_precision(profile: pd.DataFrame, cells: pd.DataFrame, *, keys: list[str], bounds: tuple[str, str, str],
                     level: float, min_coded: int) -> pd.DataFrame:
    """The profile with each row's share (and the ends of its interval, ``bounds``) times the
    precision of its coded items (``cells``: ``keys`` and ``yes``), the precision's Wilson
    interval at ``level``."""
    right = cells.groupby(keys)["yes"].agg(["sum", "size"])
    rows = []
    for *key, share, low, high in profile[[*keys, *bounds]].itertuples(index=False):
        key = key[0] if len(keys) == 1 else tuple(key)
        yes, n = (int(v) for v in right.loc[key]) if key in right.index else (0, 0)
        if n == 0:
            rows.append({"coded": 0, "note": "no coded items: not corrected"})
            continue
        p_low, p_high = wilson_interval(yes, n, level=level)
        rows.append({"coded": n, "precision": yes / n, "precision_low": p_low, "precision_high": p_high,
                     "corrected": share * yes / n, "corrected_low": low * p_low, "corrected_high": high * p_high,
                     "note": f"only {n} coded item(s), fewer than {min_coded}" if n < min_coded else ""})
    added = pd.DataFrame(rows, columns=ADDED_COLUMNS, index=profile.index)
    added["coded"] = added["coded"].astype("int64")
    return pd.concat([profile, added], axis=1)


def corrected_omission_profile(profile: pd.DataFrame, tables, coded: pd.DataFrame, *, level: float = 0.95,
                               min_coded: int = MIN_CODED) -> pd.DataFrame:
    """Each outlet's omission rate, corrected for omissions that the coder finds not real.

    The corrected rate is the rate times the outlet's precision (the share of its coded
    omissions coded "yes"). Its interval multiplies the ends of two intervals at level
    ``1 - (1 - level) / 2`` each, so that it holds at ``level`` at least when both do: the rate's
    (from resampling events: ``profile`` must be computed at that level, see Parameters) and the
    precision's (Wilson). Omissions the machine does not see are not corrected.

    Parameters
    ----------
    profile : pandas.DataFrame
        The omission profile (:func:`toolkit.compare.profiles.omission_profile`) computed with
        ``level=1 - (1 - level) / 2``.
    tables : mapping of str to pandas.DataFrame
        The tables of the ``omissions`` measure (``omissions``, ``sentences``, ``articles``).
    coded : pandas.DataFrame
        Coded items (:func:`toolkit.validation.read_coded`); other measures' rows are left out.
    level : float, default 0.95
    min_coded : int, default MIN_CODED (30)

    Returns
    -------
    pandas.DataFrame
        The profile's columns, then ``coded`` (the outlet's coded omissions), ``precision`` with
        ``precision_low`` and ``precision_high``, ``corrected`` with ``corrected_low`` and
        ``corrected_high`` (NaN without coded items) and ``note``.

    Examples
    --------
    >>> profile = pd.DataFrame({"outlet": ["A", "B"], "share": [0.5, 0.2], "ci_low": [0.3, 0.1],
    ...                         "ci_high": [0.7, 0.3]})
    >>> omissions = pd.DataFrame({"outlet": ["A"] * 4, "event": "e", "fact": [1, 2, 3, 4],
    ...     "example_text": "x", "nearest_article_id": "a", "nearest_sentence": 0})
    >>> coded = pd.DataFrame({"measure": "omissions", "row": [0, 1, 2, 3], "coded": ["yes", "yes", "yes", "no"],
    ...                       "outlet": "A"})
    >>> tables = {"omissions": omissions, "articles": pd.DataFrame({"event": ["e"], "outlet": ["A"],
    ...     "article_id": ["a"]}), "sentences": pd.DataFrame({"article_id": ["a"], "sentence": [0], "part": ["body"]})}
    >>> table = corrected_omission_profile(profile, tables, coded, min_coded=4)
    >>> table[["outlet", "share", "coded", "precision", "corrected"]].values.tolist()
    [['A', 0.5, 4, 0.75, 0.375], ['B', 0.2, 0, nan, nan]]
    """
    check_columns(profile, ["outlet", "share", "ci_low", "ci_high"], what="the omission profile")
    labels, mine, at = _coded_items(tables, coded, "omissions", item="omission", table="omissions")
    cells = pd.DataFrame({"outlet": labels["outlet"].to_numpy()[at], "yes": mine["coded"].to_numpy() == "yes"})
    return _times_precision(profile, cells, keys=["outlet"], bounds=("share", "ci_low", "ci_high"),
                            level=1 - (1 - level) / 2, min_coded=min_coded)




def corrected_cue_frames(profile: pd.DataFrame, tables, coded: pd.DataFrame, *, level: float = 0.95,
                         min_coded: int = MIN_CODED) -> pd.DataFrame:
    """Each outlet's share of sentences with each frame's cue words, corrected for cue sentences
    the coder finds do not use the frame.

    The share counts every sentence of the outlet (no sampling): the corrected share is the
    share times the precision of the outlet's coded cue sentences of that frame (those coded
    "yes"), and its interval is the share times the precision's Wilson interval. A sample drawn
    per outlet holds few items of each frame: most cells have few or none, and say so in ``note``.

    Parameters
    ----------
    profile : pandas.DataFrame
        The frame profile by outlet (:func:`toolkit.frame_scores` with ``by="outlet"``:
        ``outlet``, ``frame``, ``share_of_sentences``).
    tables : mapping of str to pandas.DataFrame
        The tables of the ``cue_frames`` measure (``frame_sentences``, ``sentences``, ``articles``).
    coded : pandas.DataFrame
        Coded items (:func:`toolkit.validation.read_coded`); other measures' rows are left out.
    level : float, default 0.95
    min_coded : int, default MIN_CODED (30)

    Returns
    -------
    pandas.DataFrame
        The profile's columns, then ``coded`` (the cell's coded cue sentences), ``precision`` with
        ``precision_low`` and ``precision_high``, ``corrected`` with ``corrected_low`` and
        ``corrected_high`` (NaN without coded items) and ``note``.

    Examples
    --------
    >>> profile = pd.DataFrame({"outlet": ["A", "A"], "frame": ["conflict", "economic"],
    ...                         "share_of_sentences": [0.4, 0.1]})
    >>> rows = pd.DataFrame({"article_id": "a", "outlet": "A", "event": "e", "sentence": [0, 1, 2], "frame": "conflict",
    ...                      "label": "Conflict", "evidence": ["attack", "war", "fight"]})
    >>> coded = pd.DataFrame({"measure": "cue_frames", "row": [0, 1], "coded": ["yes", "no"], "outlet": "A"})
    >>> table = corrected_cue_frames(profile, {"frame_sentences": rows, "sentences": None, "articles": None},
    ...                              coded, min_coded=2)
    >>> table[["frame", "share_of_sentences", "coded", "precision", "corrected"]].values.tolist()
    [['conflict', 0.4, 2, 0.5, 0.2], ['economic', 0.1, 0, nan, nan]]
    """
    check_columns(profile, ["outlet", "frame", "share_of_sentences"], what="the frame profile")
    labels, mine, at = _coded_items(tables, coded, "cue_frames", item="cue sentence", table="frame sentences")
    cells = pd.DataFrame({"outlet": labels["outlet"].to_numpy()[at], "frame": labels["subject"].to_numpy()[at],
                          "yes": mine["coded"].to_numpy() == "yes"})
    share = "share_of_sentences"
    return _times_precision(profile, cells, keys=["outlet", "frame"], bounds=(share, share, share), level=level,
                            min_coded=min_coded)
