"""Two or more coders of one sample: where they differ, and one answer per item to use.

The usual way (Krippendorff 2004; Neuendorf, *The Content Analysis Guidebook*, 2017): two coders
code the same items blind to each other; their agreement is measured
(:func:`toolkit.validation.agreement`); the items they answer differently are discussed and
settled (:func:`disagreements` lists them with both answers); and the settled answers, one per
item, are the ones the study keeps (:func:`combine_coders`, then :meth:`toolkit.Study.add_coded`).
"""

from __future__ import annotations

import pandas as pd

from .._checks import check_columns
from .sample import MEASURES, _listed

#: What identifies an item across coders' tables.
ITEM = ["measure", "item_id"]


def _answered(coded: pd.DataFrame) -> pd.DataFrame:
    check_columns(coded, [*ITEM, "coder", "coded"], what="the coded table")
    answered = coded[coded["coded"].notna()]
    if answered["coder"].isna().any():
        raise ValueError(f"{int(answered['coder'].isna().sum())} answer(s) have no coder: name the coder "
                         "(read_coded(..., coder=...)) so that answers of different coders can be told apart")
    twice = answered.duplicated([*ITEM, "coder"])
    if twice.any():
        first = answered[twice].iloc[0]
        raise ValueError(f"{int(twice.sum())} item(s) answered twice by the same coder, e.g. {first['item_id']!r} "
                         f"by {first['coder']!r}")
    return answered


def _answers(answered: pd.DataFrame) -> pd.Series:
    """Each item's answers as text, "coder: answer; coder: answer" (coders sorted)."""
    ordered = answered.sort_values([*ITEM, "coder"], kind="stable")
    return (ordered["coder"].astype(str) + ": " + ordered["coded"].astype(str)).groupby(
        [ordered["measure"], ordered["item_id"]], sort=True).agg("; ".join)


def disagreements(coded: pd.DataFrame) -> pd.DataFrame:
    """The items that coders answered differently, with every coder's answer.

    Parameters
    ----------
    coded : pandas.DataFrame
        The answers of several coders, one row per item and coder (the coded sheets read with
        :func:`toolkit.validation.read_coded` and joined with ``pandas.concat``).

    Returns
    -------
    pandas.DataFrame
        One row per item answered by two coders or more who differ, sorted by measure and item:
        the first coder's row (its key columns: ``item_id``, ``measure``, the ``machine``'s label,
        ``subject``, ``outlet`` ...) without ``coded`` and ``coder``, and ``answers`` ("ann:
        negative; bo: neutral"). Add a ``coded`` column with the settled answers and give it to
        :func:`combine_coders` as ``settled``.

    Raises
    ------
    ValueError
        For an answer without a coder, or an item answered twice by one coder.

    Examples
    --------
    >>> coded = pd.DataFrame({"item_id": ["t-1", "t-2", "t-1", "t-2"], "measure": "tone",
    ...     "coder": ["ann", "ann", "bo", "bo"], "coded": ["negative", "neutral", "negative", "positive"]})
    >>> disagreements(coded).values.tolist()
    [['t-2', 'tone', 'ann: neutral; bo: positive']]
    """
    answered = _answered(coded)
    kinds = answered.groupby(ITEM, sort=True)["coded"].nunique()
    differ = kinds.index[kinds > 1]
    first = answered.drop_duplicates(ITEM).set_index(ITEM).reindex(differ)
    table = first.drop(columns=["coded", "coder"]).reset_index()
    table = table[[c for c in answered.columns if c in table.columns]]
    return table.assign(answers=_answers(answered).reindex(differ).to_numpy())


def combine_coders(coded: pd.DataFrame, *, settled: pd.DataFrame | None = None,
                   coder: str | None = None) -> pd.DataFrame:
    """One answer per item from several coders: theirs where they agree, the settled one where not.

    Parameters
    ----------
    coded : pandas.DataFrame
        As for :func:`disagreements`.
    settled : pandas.DataFrame, optional
        The settled answers of the items the coders answered differently: ``measure``,
        ``item_id`` and ``coded`` (e.g. :func:`disagreements` with a ``coded`` column added).
        Every such item needs one; a settled answer for an item they agreed on is an error.
    coder : str, optional
        The ``coder`` of the combined answers; by default the coders' names joined by "+".

    Returns
    -------
    pandas.DataFrame
        One row per item (in the order of its first answer): the first coder's row with
        ``coded`` the agreed or settled answer and ``coder``; an item answered by one coder only
        keeps that answer. Ready for :meth:`toolkit.Study.add_coded`.

    Raises
    ------
    ValueError
        Naming the items: coders who differ on items with no settled answer; a settled answer
        missing, listed twice, not one of the items the coders differ on, or not one of the
        measure's choices.

    Examples
    --------
    >>> coded = pd.DataFrame({"item_id": ["t-1", "t-2", "t-1", "t-2"], "measure": "tone",
    ...     "coder": ["ann", "ann", "bo", "bo"], "coded": ["negative", "neutral", "negative", "positive"]})
    >>> settled = pd.DataFrame({"measure": ["tone"], "item_id": ["t-2"], "coded": ["neutral"]})
    >>> combine_coders(coded, settled=settled).values.tolist()
    [['t-1', 'tone', 'ann+bo', 'negative'], ['t-2', 'tone', 'ann+bo', 'neutral']]
    """
    answered = _answered(coded)
    differ = disagreements(answered).set_index(ITEM).index
    settled = pd.DataFrame(columns=[*ITEM, "coded"]) if settled is None else settled
    check_columns(settled, [*ITEM, "coded"], what="the settled answers")
    given = settled[settled["coded"].notna()]
    keys = pd.MultiIndex.from_frame(given[ITEM]) if len(given) else pd.MultiIndex.from_arrays([[], []], names=ITEM)
    if keys.duplicated().any():
        raise ValueError(f"the settled answers list item(s) more than once: {_listed(given['item_id'].to_numpy()[keys.duplicated()])}")
    open_items = differ[~differ.isin(keys)]
    if len(open_items):
        raise ValueError(f"the coders differ on {len(open_items)} item(s) with no settled answer: "
                         f"{_listed(open_items.get_level_values('item_id'))}; list them with disagreements(coded), "
                         "settle each, and pass them as settled=")
    extra = keys[~keys.isin(differ)]
    if len(extra):
        raise ValueError(f"settled answer(s) for {len(extra)} item(s) the coders did not differ on: "
                         f"{_listed(extra.get_level_values('item_id'))}")
    bad = [(item, answer) for (measure, item), answer in zip(keys, given["coded"])
           if measure in MEASURES and answer not in MEASURES[measure].choices]
    if bad:
        raise ValueError(f"settled answer(s) not among the measure's choices: "
                         f"{', '.join(f'{item!r}: {answer!r}' for item, answer in bad[:5])}")
    first = answered.drop_duplicates(ITEM).copy()
    at = pd.MultiIndex.from_frame(first[ITEM])
    answer = pd.Series(given["coded"].to_numpy(), index=keys).reindex(at)
    first["coded"] = answer.where(answer.notna(), first["coded"].to_numpy()).to_numpy()
    names = answered.groupby(ITEM)["coder"].agg(lambda c: "+".join(sorted(map(str, c.unique())))).reindex(at)
    first["coder"] = names.to_numpy() if coder is None else coder
    return first.reset_index(drop=True)
