"""Small argument checks shared by the public functions."""

from __future__ import annotations

import numbers
from typing import Any, get_args

import pandas as pd


def in_range(value: Any, low: float, high: float) -> bool:
    """Whether ``value`` is a real number from ``low`` to ``high`` (both included); False for anything else.

    Examples
    --------
    >>> in_range(0.2, 0, 1), in_range(1.5, 0, 1), in_range(..., 0, 1), in_range("0.2", 0, 1)
    (True, False, False, False)
    """
    return isinstance(value, numbers.Real) and low <= value <= high


def check_choice(name: str, value: Any, choices: Any) -> None:
    """Raise a ValueError unless ``value`` is one of ``choices``.

    Parameters
    ----------
    name : str
        The argument's name, as the user wrote it.
    value : Any
        The value the user passed.
    choices : typing.Literal or iterable
        The valid values; a ``Literal`` type is unpacked.
    """
    valid = get_args(choices) or tuple(choices)
    if value not in valid:
        listed = ", ".join(repr(v) for v in valid)
        raise ValueError(f"{name}={value!r} is not valid; choose one of {listed}")


def check_columns(table: pd.DataFrame, required: list[str], *, what: str) -> None:
    """Raise a ValueError naming the columns of ``required`` that ``table`` lacks.

    Parameters
    ----------
    table : pandas.DataFrame
        The table to check.
    required : list of str
        Column names that must be present.
    what : str
        What the table is, for the message ("sentences table", "the CSV file x.csv").
    """
    if not isinstance(table, pd.DataFrame):
        raise TypeError(f"{what} must be a pandas DataFrame, not {type(table).__name__}")
    missing = [c for c in required if c not in table.columns]
    if missing:
        raise ValueError(
            f"{what} lacks the column(s) {', '.join(map(repr, missing))}; "
            f"its columns are {', '.join(map(repr, table.columns)) or '(none)'}"
        )
