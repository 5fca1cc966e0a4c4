"""The study's tables as one Excel workbook: a sheet per table, and a contents sheet first.

Excel has limits that CSV and Parquet do not: 1,048,576 rows per sheet (the header included),
32,767 characters per cell and 31 characters per sheet name, some characters not allowed in
sheet names or cells. Nothing is cut silently: the contents sheet lists, for each table, its
sheet, its rows, the rows written, and what was cut (the full table is always in the CSV and
Parquet files beside it). A text that starts with "=" is written as text, never as a formula.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pandas as pd

#: Rows of an Excel sheet, the header row included.
EXCEL_ROWS = 1_048_576
#: Characters of an Excel cell.
EXCEL_CELL = 32_767
#: Characters of a sheet name.
EXCEL_SHEET_NAME = 31
#: The first sheet: what each sheet holds.
CONTENTS = "contents"

_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
# Control characters that the XML of a workbook cannot hold (openpyxl refuses them).
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def sheet_names(names) -> dict[str, str]:
    """A valid, unique Excel sheet name for each table name.

    Characters Excel forbids (``[]:*?/\\``) become ``_``; names longer than 31 characters are
    cut, and a cut name that repeats another gets a number (``~2``).

    Parameters
    ----------
    names : iterable of str

    Returns
    -------
    dict of str to str

    Examples
    --------
    >>> sheet_names(["facts", "a/b", "x" * 40, "x" * 35])
    {'facts': 'facts', 'a/b': 'a_b', 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx': 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', \
'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx': 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxx~2'}
    """
    chosen, taken = {}, {CONTENTS}
    for name in names:
        base = _FORBIDDEN.sub("_", str(name)).strip("'") or "sheet"
        sheet, number = base[:EXCEL_SHEET_NAME], 1
        while sheet.lower() in taken:
            number += 1
            suffix = f"~{number}"
            sheet = base[:EXCEL_SHEET_NAME - len(suffix)] + suffix
        chosen[name] = sheet
        taken.add(sheet.lower())
    return chosen


def _cell(value):
    """A value Excel can hold, and whether its text was cut."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None, False
    if isinstance(value, float) and value != value:
        return None, False
    if isinstance(value, pd.Timestamp):
        # Excel has no time zones: an aware time is written as text with its offset
        return (value.isoformat() if value.tzinfo is not None else value.to_pydatetime()), False
    if hasattr(value, "item") and not isinstance(value, (str, bytes)) and getattr(value, "ndim", 0) == 0:
        value = value.item()        # numpy scalars
    if isinstance(value, (bool, int, float)):
        return value, False
    text = value if isinstance(value, str) else str(value)
    text = _ILLEGAL.sub("\ufffd", text)
    return text[:EXCEL_CELL], len(text) > EXCEL_CELL


def write_workbook(tables: dict, path: str | Path, *, max_rows: int = EXCEL_ROWS) -> pd.DataFrame:
    """Write tables as one Excel workbook (``.xlsx``), a sheet per table after a contents sheet.

    Needs ``openpyxl`` (a dependency of the toolkit). The file is the same, byte for byte,
    whenever the tables are (no time stamps inside).

    Parameters
    ----------
    tables : dict of str to pandas.DataFrame
        The tables, by name (as :meth:`toolkit.Study.tables` gives them).
    path : str or pathlib.Path
        The workbook to write; replaced if it exists.
    max_rows : int, default :data:`EXCEL_ROWS`
        Rows of a sheet, the header included; a longer table is cut and the contents sheet
        says so.

    Returns
    -------
    pandas.DataFrame
        The contents sheet: ``table``, ``sheet``, ``rows`` (of the table), ``rows_written``,
        ``note`` (what was cut, and where the whole table is), in the order of ``tables``.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> write_workbook({"facts": pd.DataFrame({"fact": [1, 2, 3]})}, folder / "t.xlsx", max_rows=3).to_dict("records")
    [{'table': 'facts', 'sheet': 'facts', 'rows': 3, 'rows_written': 2, 'note': 'cut at 2 rows (the sheet limit): \
the whole table is in facts.csv and facts.parquet'}]
    """
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    path = Path(path)
    names = sheet_names(tables)
    book = Workbook(write_only=True)
    contents_sheet = book.create_sheet(CONTENTS)
    contents = []
    for name, table in tables.items():
        sheet = book.create_sheet(names[name])
        sheet.append([str(c) for c in table.columns])
        written = table.head(max_rows - 1)
        cut_cells = 0
        for row in written.itertuples(index=False, name=None):
            cells = []
            for value in row:
                value, cut = _cell(value)
                cut_cells += cut
                if isinstance(value, str) and value.startswith("="):
                    cell = WriteOnlyCell(sheet, value=value)
                    cell.data_type = "s"        # text, not a formula
                    value = cell
                cells.append(value)
            sheet.append(cells)
        notes = []
        if len(written) < len(table):
            notes.append(f"cut at {len(written):,} rows (the sheet limit)")
        if cut_cells:
            notes.append(f"{cut_cells:,} text cell(s) cut at {EXCEL_CELL:,} characters (the cell limit)")
        note = "; ".join(notes) + (f": the whole table is in {name}.csv and {name}.parquet" if notes else "")
        contents.append({"table": name, "sheet": names[name], "rows": len(table), "rows_written": len(written),
                         "note": note})
    contents = pd.DataFrame(contents, columns=["table", "sheet", "rows", "rows_written", "note"])
    contents_sheet.append(list(contents.columns))
    for row in contents.itertuples(index=False, name=None):
        contents_sheet.append(list(row))
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
    _without_time_stamps(path)
    return contents


def _without_time_stamps(path: Path) -> None:
    """Rewrite a workbook without its dates (file entries and document properties)."""
    with zipfile.ZipFile(path) as archive:
        entries = [(info.filename, archive.read(info.filename)) for info in archive.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries:
            if name == "docProps/core.xml":
                data = re.sub(rb"<dcterms:(created|modified)\b[^>]*>[^<]*</dcterms:\1>", b"", data)
            archive.writestr(zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0)), data,
                             compress_type=zipfile.ZIP_DEFLATED)
