"""The coded samples a study keeps: joined into one table, checked against the study's own labels.

A :class:`toolkit.Study` keeps the coded samples given to :meth:`toolkit.Study.add_coded` in one
table (:data:`CODED_COLUMNS`), saves it with its other tables (``coded.parquet``, with the
machine's accuracy per measure and outlet, ``validation.parquet``) and reads both back with
:func:`toolkit.open_study`. Each sample gets a number (``sample``): two samples of one measure
have the same item ids ("tone-001"), never the same item (``measure`` and ``row``).
"""

from __future__ import annotations

import warnings

import pandas as pd

from .._checks import check_columns
from .accuracy import validate
from .sample import KEY_COLUMNS, MEASURES, _listed

#: The columns of a study's coded table.
CODED_COLUMNS = ["sample", "item_id", "measure", "coded", "coder", "machine", "subject", "outlet", "event",
                 "article_id", "sentence", "row"]


def empty_coded() -> pd.DataFrame:
    """A coded table with no row (a study with no coded sample)."""
    return pd.DataFrame({c: pd.Series(dtype="int64" if c in ("sample", "row") else "Int64" if c == "sentence"
                                      else object) for c in CODED_COLUMNS})


def join_coded(kept: pd.DataFrame, coded: pd.DataFrame, *, labels, replace: bool = False) -> pd.DataFrame:
    """The kept coded table with a new coded sample added.

    Parameters
    ----------
    kept : pandas.DataFrame
        The study's coded table (:data:`CODED_COLUMNS`; :func:`empty_coded` at first).
    coded : pandas.DataFrame
        A coded sample (:func:`toolkit.validation.read_coded`): its key columns and ``coded``.
    labels : callable
        ``labels(measure)``: the machine's label of every item of the measure in the study
        (:func:`toolkit.validation.machine_labels`), to check that the sample is the study's.
    replace : bool, default False
        Replace the answers already kept for the same items (else an error).

    Returns
    -------
    pandas.DataFrame
        :data:`CODED_COLUMNS`, the new sample numbered one more than the last.

    Raises
    ------
    ValueError
        For a missing column, an unknown measure, an item id listed twice, an item that is not one
        of the study's (its ``row`` is not in the measure's table, or the machine's label there
        differs: the sample was drawn from other tables), or an item already kept (without
        ``replace``).
    """
    check_columns(coded, [*KEY_COLUMNS, "coded"], what="the coded table")
    unknown = sorted(set(coded["measure"].astype(str)) - set(MEASURES))
    if unknown:
        raise ValueError(f"unknown measure(s) {', '.join(map(repr, unknown))}; valid: {', '.join(MEASURES)}")
    twice = coded["item_id"][coded["item_id"].duplicated()]
    if len(twice):
        raise ValueError(f"the coded table lists item id(s) more than once: {_listed(twice.unique())}")
    new = coded.reset_index(drop=True).assign(row=lambda t: t["row"].astype("int64"))
    for measure, items in new.groupby("measure", sort=True):
        machine = labels(measure).set_index("row")["machine"]
        found = items["row"].isin(machine.index)
        differ = found & (items["machine"].astype(str).to_numpy()
                          != machine.reindex(items["row"]).astype(str).to_numpy())
        wrong = items[~found | differ]
        if len(wrong):
            raise ValueError(f"{len(wrong)} coded item(s) of {measure!r} are not this study's items (their row is not "
                             f"in its table, or the machine's label there differs): {_listed(wrong['item_id'])}; the "
                             "sample must be drawn from this study (study.validation_sample), before it was changed")
    keys = pd.MultiIndex.from_frame(new[["measure", "row"]])
    old = pd.MultiIndex.from_frame(kept[["measure", "row"]].astype({"row": "int64"}))
    again = old.isin(keys)
    if again.any() and not replace:
        raise ValueError(f"{int(again.sum())} coded item(s) are kept already (the same measure and row): "
                         f"{_listed(kept['item_id'][again])}; pass replace=True to replace their answers")
    number = int(kept["sample"].max()) + 1 if len(kept) else 1
    new = new.assign(sample=number, coder=new["coder"] if "coder" in new else None)
    parts = [part for part in (kept[~again], new[CODED_COLUMNS]) if len(part)]
    joined = pd.concat(parts, ignore_index=True) if parts else empty_coded()
    return joined.astype({"sample": "int64", "row": "int64", "sentence": "Int64"})[CODED_COLUMNS]


def validation_table(kept: pd.DataFrame, *, level: float = 0.95) -> pd.DataFrame:
    """The machine's accuracy per measure and outlet on a study's coded items
    (:func:`toolkit.validation.validate`; its warning about errors that differ by outlet is in the
    ``warning`` column, not raised again each time the table is read)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        return validate(kept.assign(item_id=kept["sample"].astype(str) + ":" + kept["item_id"].astype(str)),
                        level=level)
