"""The sample as a sheet to code in a spreadsheet, and the coded sheet read back with strict checks.

:func:`write_sheet` writes what the coder sees (:data:`toolkit.validation.sample.SHEET_COLUMNS`:
the question, the choices, the context, an empty ``coded`` column) as CSV or Excel, and the key
(the machine's label, the outlet, the article and row of each item) to a file of its own beside it,
``<name>.key.csv``: give the coder the sheet only, so that the outlet and the machine's label stay
hidden. :func:`read_coded` reads the sheet back and joins it to the key. An edited sheet is
checked, and a problem is an error that names the row(s): an item id missing, listed twice or
unknown, or an answer outside the measure's choices. Answers left empty are not an error (coding
takes time): the items are kept with an empty ``coded`` and a warning gives their count.
"""

from __future__ import annotations

import warnings
from pathlib import Path

import numpy as np
import pandas as pd

from .._checks import check_columns
from .sample import KEY_COLUMNS, MEASURES, SHEET_COLUMNS

#: Sheet formats, by file suffix.
FORMATS = (".csv", ".xlsx")


class SheetError(ValueError):
    """A coded sheet that cannot be used as it is: the message names the rows and the problem."""


def key_path(path: str | Path) -> Path:
    """Where :func:`write_sheet` writes the key of the sheet ``path``: ``<name>.key.csv`` beside it.

    Examples
    --------
    >>> key_path("coding/tone.xlsx").as_posix()
    'coding/tone.key.csv'
    """
    path = Path(path)
    return path.with_name(path.stem + ".key.csv")


def _check_format(path: Path) -> None:
    if path.suffix.lower() not in FORMATS:
        raise ValueError(f"path={str(path)!r}: a sheet is written as {' or '.join(FORMATS)}, not {path.suffix!r}")


def write_sheet(sample: pd.DataFrame, path: str | Path) -> tuple[Path, Path]:
    """Write a validation sample as a sheet to code (CSV or Excel), and its key beside it.

    Parameters
    ----------
    sample : pandas.DataFrame
        From :func:`toolkit.validation.validation_sample` (several measures' samples may be
        joined with ``pandas.concat``).
    path : str or pathlib.Path
        The sheet: ``.csv`` (UTF-8) or ``.xlsx`` (where control characters, which a cell cannot
        hold, are written as "\ufffd").

    Returns
    -------
    tuple of pathlib.Path
        The sheet (the coder's columns, with ``shown_outlet`` if the sample shows it) and the
        key (:func:`key_path`: ``item_id``, ``measure``, ``machine``, ``outlet``, ``event``,
        ``article_id``, ``sentence``, ``row``).

    Raises
    ------
    ValueError
        For another suffix, a sample without the sheet's columns, or item ids listed twice.
    """
    path = Path(path)
    _check_format(path)
    check_columns(sample, SHEET_COLUMNS + KEY_COLUMNS[2:], what="the validation sample")
    twice = sample["item_id"][sample["item_id"].duplicated()]
    if len(twice):
        raise ValueError(f"the sample lists item id(s) more than once: {', '.join(map(str, twice.unique()[:5]))}")
    shown = SHEET_COLUMNS[:-2] + (["shown_outlet"] if "shown_outlet" in sample else []) + SHEET_COLUMNS[-2:]
    sheet = sample[shown]
    if path.suffix.lower() == ".csv":
        sheet.to_csv(path, index=False, encoding="utf-8")
    else:
        # characters a spreadsheet cell cannot hold (control characters other than tab and newlines)
        from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

        sheet = sheet.apply(lambda c: c.map(lambda v: ILLEGAL_CHARACTERS_RE.sub("\ufffd", v)
                                            if isinstance(v, str) else v))
        sheet.to_excel(path, index=False, sheet_name="items")
    key = key_path(path)
    sample[KEY_COLUMNS].to_csv(key, index=False, encoding="utf-8")
    return path, key


def read_key(path: str | Path) -> pd.DataFrame:
    """Read a key written by :func:`write_sheet` (the ``.key.csv`` file)."""
    key = pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""])
    check_columns(key, KEY_COLUMNS, what=f"the key {path}")
    return key.assign(sentence=pd.to_numeric(key["sentence"]).astype("Int64"),
                      row=pd.to_numeric(key["row"]).astype("int64"))


def _read(path: Path) -> pd.DataFrame:
    _check_format(path)
    if path.suffix.lower() == ".csv":
        return pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""])
    return pd.read_excel(path, dtype=str, keep_default_na=False, na_values=[""])


def _blank(value) -> bool:
    if isinstance(value, str):
        return not value.strip()
    return value is None or bool(pd.isna(value))


def _rows(positions) -> str:
    """The sheet's row numbers (a spreadsheet's: the header is row 1) of the rows at ``positions``."""
    numbers = sorted(int(p) + 2 for p in positions)
    return ", ".join(map(str, numbers[:10])) + (f" and {len(numbers) - 10} more" if len(numbers) > 10 else "")


def read_coded(sheet, key=None, *, coder: str | None = None) -> pd.DataFrame:
    """Read a coded sheet and join it to its key, with strict checks.

    Answers are compared with the measure's choices after trimming spaces and ignoring case
    (" Negative" is "negative").

    Parameters
    ----------
    sheet : str, pathlib.Path or pandas.DataFrame
        The sheet written by :func:`write_sheet` with the ``coded`` column filled in (CSV or
        Excel), or the same as a table.
    key : str, pathlib.Path or pandas.DataFrame, optional
        The key, or the sample itself; by default the key file beside the sheet
        (:func:`key_path`).
    coder : str, optional
        The coder's name, for rows whose ``coder`` is empty.

    Returns
    -------
    pandas.DataFrame
        One row per item of the key, in the key's order: ``item_id``, ``measure``, ``coded``
        (the choice, or missing where left empty), ``coder``, then the key's ``machine``,
        ``outlet``, ``event``, ``article_id``, ``sentence``, ``row``.

    Raises
    ------
    SheetError
        Naming the sheet's row numbers (the header is row 1): an item id missing or left empty,
        listed twice, or not in the key; an item of the key missing from the sheet; an answer
        that is not one of the measure's choices; a ``measure`` changed.

    Warns
    -----
    UserWarning
        When answers are empty: how many, and their rows (the items are kept, ``coded`` missing).
    """
    path = None if isinstance(sheet, pd.DataFrame) else Path(sheet)
    table = sheet.copy() if path is None else _read(path)
    what = "the coded sheet" if path is None else f"the coded sheet {path.name}"
    if key is None:
        if path is None:
            raise ValueError("key= is needed with a sheet given as a table (the sample, or its key file)")
        key = key_path(path)
    key = (key.copy() if isinstance(key, pd.DataFrame) else read_key(key)).reset_index(drop=True)
    check_columns(table, ["item_id", "coded"], what=what)
    check_columns(key, KEY_COLUMNS, what="the key")
    ids = table["item_id"].astype(object).map(lambda v: None if _blank(v) else str(v).strip())
    empty = ids.isna()
    if empty.any():
        raise SheetError(f"{what}: row(s) {_rows(np.flatnonzero(empty))} have no item_id; every row must keep its id")
    twice = ids.duplicated(keep=False)
    if twice.any():
        raise SheetError(f"{what}: item id(s) listed more than once, row(s) {_rows(np.flatnonzero(twice))}: "
                         f"{', '.join(ids[twice].unique()[:5])}")
    unknown = ~ids.isin(key["item_id"])
    if unknown.any():
        raise SheetError(f"{what}: row(s) {_rows(np.flatnonzero(unknown))} have item id(s) not in the key: "
                         f"{', '.join(ids[unknown].unique()[:5])}; the sheet must be the one written with it")
    absent = ~key["item_id"].isin(ids)
    if absent.any():
        raise SheetError(f"{what}: {int(absent.sum())} item(s) of the key are missing from the sheet: "
                         f"{', '.join(key['item_id'][absent].head(10))}; put the rows back (leave an answer empty "
                         "if it is not coded yet)")
    table = table.assign(item_id=ids).set_index("item_id").reindex(key["item_id"])
    position = ids.reset_index(drop=True).reset_index().set_index("item_id")["index"].reindex(key["item_id"])
    if "measure" in table:
        changed = table["measure"].notna() & (table["measure"].to_numpy() != key["measure"].to_numpy())
        if changed.any():
            raise SheetError(f"{what}: row(s) {_rows(position[changed.to_numpy()])} have a measure that is not "
                             "the key's; leave the columns other than coded and coder as written")
    answers = table["coded"].astype(object).map(lambda v: None if _blank(v) else str(v).strip().lower())
    bad = []
    for measure, rows in key.groupby("measure", sort=False):
        if measure not in MEASURES:
            raise SheetError(f"the key has an unknown measure {measure!r}; valid: {', '.join(MEASURES)}")
        choices = MEASURES[measure].choices
        given = answers.to_numpy()[rows.index]
        wrong = [(p, v) for p, v in zip(position.to_numpy()[rows.index], given) if not pd.isna(v) and v not in choices]
        bad.extend((p, v, choices) for p, v in wrong)
    if bad:
        bad.sort()
        listed = "; ".join(f"row {p + 2}: {v!r}" for p, v, _ in bad[:10])
        choices = sorted({c for *_, cs in bad for c in [" / ".join(cs)]})
        raise SheetError(f"{what}: {len(bad)} answer(s) are not among the measure's choices ({'; '.join(choices)}): "
                         f"{listed}{' and more' if len(bad) > 10 else ''}")
    uncoded = answers.isna().to_numpy()
    if uncoded.any():
        warnings.warn(f"{what}: {int(uncoded.sum())} of {len(answers)} item(s) are not coded yet (row(s) "
                      f"{_rows(position[uncoded])}); they are kept with coded missing, and validate() counts them "
                      "as uncoded", UserWarning, stacklevel=2)
    coders = table["coder"].astype(object) if "coder" in table else pd.Series(None, index=table.index, dtype=object)
    coders = coders.map(lambda v: None if _blank(v) else str(v).strip())
    if coder is not None:
        coders = coders.fillna(coder)
    out = key[KEY_COLUMNS].reset_index(drop=True)
    out.insert(2, "coded", pd.Series([None if pd.isna(v) else v for v in answers], dtype=object))
    out.insert(3, "coder", pd.Series([None if pd.isna(v) else v for v in coders], dtype=object))
    return out
