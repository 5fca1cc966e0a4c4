"""Each outlet's share of a label (negative tone, a frame, a role), corrected with a coded sample.

The bridge between a coded validation sample (:func:`toolkit.validation.read_coded`) and the
prediction-powered estimates of :func:`toolkit.validation.corrected_shares`: the machine's label
of every item of the measure is the corpus, the coded items (joined by their ``row``) the sample.
"""

from __future__ import annotations

import pandas as pd

from .._checks import check_choice, check_columns
from .correct import corrected_shares
from .sample import MEASURES, machine_labels

#: Joins a subject and an outlet into one group name.
_JOIN = "\x1f"

#: The measures whose coder gives a label, so that the share of one label can be corrected.
CLASS_MEASURES = tuple(name for name, spec in MEASURES.items() if spec.right is None)


def label_share_tables(tables, coded: pd.DataFrame, *, measure: str, label: str,
                       subject: str | None = None, by_subject: bool = False) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The corpus and coded tables that :func:`corrected_shares` takes, for one label of a measure.

    Parameters
    ----------
    tables : mapping of str to pandas.DataFrame
        The study tables the measure reads (as for :func:`toolkit.validation.validation_sample`;
        the same tables the sample was drawn from).
    coded : pandas.DataFrame
        From :func:`toolkit.validation.read_coded` (other measures' rows and uncoded rows are left
        out).
    measure : {"tone", "learned_frames", "roles", "coverage"}
    label : str
        One of the measure's choices ("negative"; "yes" for a frame; "villain"; "reported").
    subject : str, optional
        Only the items about this actor or frame (``subject`` in the sample's key).
    by_subject : bool, default False
        Add ``subject`` and ``cell`` (subject and outlet, joined by a unit separator) to the
        corpus table: one group per actor (or frame) and outlet.

    Returns
    -------
    tuple of pandas.DataFrame
        ``corpus``: ``item`` (the row), ``outlet``, ``predicted`` (1 where the machine gave
        ``label``); ``coded``: ``item``, ``human`` (1 where the coder gave it), ``predicted``
        (checked against the corpus's: an error if the tables changed since the sample was drawn).

    Raises
    ------
    ValueError
        For a measure without labels, a label not among its choices, or coded items that are not
        in the tables (as :func:`corrected_shares`).
    """
    check_choice("measure", measure, CLASS_MEASURES)
    check_choice("label", label, MEASURES[measure].choices)
    check_columns(coded, ["measure", "row", "coded", "machine"], what="the coded table")
    every = machine_labels(tables, measure)
    mine = coded[(coded["measure"] == measure) & coded["coded"].notna()]
    if subject is not None:
        every = every[every["subject"] == subject]
        mine = mine[mine["subject"] == subject]
    corpus = pd.DataFrame({"item": every["row"].to_numpy(), "outlet": every["outlet"].to_numpy(),
                           "predicted": (every["machine"] == label).astype(int).to_numpy()})
    if by_subject:
        corpus["subject"] = every["subject"].astype(str).to_numpy()
        corpus["cell"] = corpus["subject"] + _JOIN + corpus["outlet"].astype(str)
    sample = pd.DataFrame({"item": mine["row"].astype("int64").to_numpy(),
                           "human": (mine["coded"] == label).astype(int).to_numpy(),
                           "predicted": (mine["machine"] == label).astype(int).to_numpy()})
    return corpus, sample


def corrected_label_shares(tables, coded: pd.DataFrame, *, measure: str, label: str, subject: str | None = None,
                           by_subject: bool = False, **options) -> pd.DataFrame:
    """Each outlet's share of items the machine gives ``label``, corrected with the coded sample.

    :func:`label_share_tables` then :func:`toolkit.validation.corrected_shares` (prediction-powered
    inference: the machine's share, the coded sample's alone, the corrected and the power-tuned
    share, each with its interval).

    Parameters
    ----------
    tables, coded, measure, label, subject
        As for :func:`label_share_tables`.
    by_subject : bool, default False
        One row per actor (or frame) and outlet, in one pass over the items (no loop over
        actors): the tone towards each actor in each outlet, corrected. Each cell's correction
        uses only the coded items of that actor and outlet; most cells have few or none (a
        sample is drawn per outlet, not per actor), and say so in ``note``.
    **options
        ``level``, ``min_coded`` of :func:`corrected_shares`.

    Returns
    -------
    pandas.DataFrame
        As :func:`corrected_shares`: one row per outlet (with ``by_subject``, ``subject`` first:
        one row per subject and outlet, sorted).

    Examples
    --------
    >>> stance = pd.DataFrame({"article_id": "a", "sentence": 0, "start": 0, "end": 1, "outlet": ["X"] * 4,
    ...     "actor": ["Ann", "Ann", "Bo", "Bo"], "label": ["negative", "negative", "neutral", "negative"]})
    >>> coded = pd.DataFrame({"measure": "tone", "row": [0, 3], "coded": ["neutral", "negative"],
    ...                       "machine": ["negative", "negative"], "subject": ["Ann", "Bo"]})
    >>> tables = {"stance": stance, "sentences": None, "articles": None}
    >>> corrected_label_shares(tables, coded, measure="tone", label="negative", by_subject=True,
    ...                        min_coded=1)[["subject", "outlet", "N", "n", "machine", "corrected"]].values.tolist()
    [['Ann', 'X', 2, 1, 1.0, 0.0], ['Bo', 'X', 2, 1, 0.5, 0.5]]
    """
    corpus, sample = label_share_tables(tables, coded, measure=measure, label=label, subject=subject,
                                        by_subject=by_subject)
    if not by_subject:
        return corrected_shares(corpus, sample, **options)
    table = corrected_shares(corpus, sample, group="cell", **options)
    cells = table.pop("cell").str.split(_JOIN, n=1, expand=True)
    table.insert(0, "outlet", cells[1] if len(table) else pd.Series(dtype=object))
    table.insert(0, "subject", cells[0] if len(table) else pd.Series(dtype=object))
    return table
