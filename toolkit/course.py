"""The course's notebooks: where a lesson is, and running it quietly for its solutions notebook.

Each lesson (``notebooks/NN-*.ipynb``) ends with exercises and empty "your turn" cells; the worked
answers are in ``notebooks/solutions/NN-*-solutions.ipynb``, which start with
``toolkit.run_lesson("NN")`` so that the answers find the lesson's tables.
"""

from __future__ import annotations

import json
import re
import shlex
import tempfile
from pathlib import Path

#: The folder of the lessons in a checkout of the project.
NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"


def lesson_path(number: str | int) -> Path:
    """The notebook of lesson ``number`` ("03" or 3).

    Raises
    ------
    FileNotFoundError
        If no lesson has that number (or the toolkit is installed without its notebooks).

    Examples
    --------
    >>> lesson_path(3).name
    '03-who-gets-a-voice.ipynb'
    """
    prefix = f"{int(number):02d}-"
    found = sorted(NOTEBOOKS.glob(f"{prefix}*.ipynb"))
    if not found:
        raise FileNotFoundError(f"no lesson {prefix[:2]} in {NOTEBOOKS} (the notebooks come with a checkout "
                                "of the project, not with an installed package)")
    return found[0]


#: A Markdown cell that asks an exercise ("## Exercise 1", "### Exercise: one more mistake").
_EXERCISE = re.compile(r"#{2,3} Exercise\b")


def lesson_without_answers(notebook: dict) -> dict:
    """A copy of a lesson notebook without its "your turn" cells, so that a student's saved answer
    (perhaps a mistake) is not run again.

    A "your turn" cell is a code cell that follows an exercise's Markdown cell, or that starts with
    ``# Your turn``; the other cells are kept as they are.

    Examples
    --------
    >>> cells = [{"cell_type": "code", "source": "x = 1"},
    ...          {"cell_type": "markdown", "source": "## Exercise 1\\n\\nAsk."},
    ...          {"cell_type": "code", "source": "x = method='vader'  # a saved mistake"},
    ...          {"cell_type": "code", "source": ["# Your turn: ...\\n", "y = 1/0"]},
    ...          {"cell_type": "markdown", "source": "**What to remember.**"}]
    >>> [c["source"] for c in lesson_without_answers({"cells": cells})["cells"]]
    ['x = 1', '## Exercise 1\\n\\nAsk.', '**What to remember.**']
    """
    kept, after_exercise = [], False
    for cell in notebook["cells"]:
        source = "".join(cell["source"])
        if cell["cell_type"] == "markdown":
            after_exercise = bool(_EXERCISE.match(source))
        elif after_exercise or source.lstrip().startswith("# Your turn"):
            after_exercise = False
            continue
        kept.append(cell)
    return {**notebook, "cells": kept}


def run_lesson(number: str | int) -> Path:
    """Run a lesson's notebook in this notebook, quietly, so that its tables are defined here.

    Its outputs and figures are not shown: the solutions notebook shows only the answers. The
    lesson's "your turn" cells are not run (:func:`lesson_without_answers`): an answer a student
    saved in the lesson, even a wrong one, cannot break the worked answers.

    Raises
    ------
    RuntimeError
        Outside IPython (Jupyter).
    FileNotFoundError
        As :func:`lesson_path`.
    """
    from IPython import get_ipython

    shell = get_ipython()
    if shell is None:
        raise RuntimeError("run_lesson runs a notebook inside Jupyter (IPython); here there is none")
    path = lesson_path(number)
    import matplotlib.pyplot as plt
    from IPython.utils.capture import capture_output

    clean = lesson_without_answers(json.loads(path.read_text(encoding="utf-8")))
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / path.name
        copy.write_text(json.dumps(clean), encoding="utf-8")
        with capture_output():
            shell.run_line_magic("run", shlex.quote(str(copy)))
    plt.close("all")
    return path


#: Left-aligned table cells, so that sentences read as text (JupyterLab right-aligns them).
TABLE_STYLE = "<style>.jp-OutputArea .dataframe td, .jp-OutputArea .dataframe th { text-align: left; }</style>"

#: The characters of a table cell shown by :func:`course_display` (about two lines of a table); longer
#: cells end in "...", and :func:`print_texts` prints them whole.
CELL_WIDTH = 160


def course_display(precision: int = 2, *, width: int | None = CELL_WIDTH) -> None:
    """Show tables as the lessons do: numbers rounded, long cells cut, cells left-aligned.

    Sets pandas' display precision (fixed decimals, never scientific notation) and column width
    for this session, and (in Jupyter) a style that left-aligns table cells. Nothing in the
    tables changes, only how they are shown: a cell longer than ``width`` characters is cut and
    ends in "..."; :func:`print_texts` prints such cells whole.

    Parameters
    ----------
    precision : int, default 2
        Decimals shown.
    width : int or None, default 160
        The characters of a cell shown; None shows every cell whole (wide tables).
    """
    import pandas as pd

    pd.set_option("display.precision", precision)
    pd.set_option("display.float_format", f"{{:.{precision}f}}".format)   # never 6.77e-03
    pd.set_option("display.max_colwidth", width)
    try:
        from IPython import get_ipython
        from IPython.display import HTML, display
    except ImportError:    # plain Python: pandas options only
        return
    if get_ipython() is not None:
        display(HTML(TABLE_STYLE))


def print_texts(table, column: str = "text", *, label=("outlet",), width: int = 100) -> None:
    """Print the whole text of a column, row by row, wrapped: what a table cut at its cell width hides.

    Parameters
    ----------
    table : pandas.DataFrame
        Any table with ``column``.
    column : str, default "text"
        The column printed whole.
    label : sequence of str, default ("outlet",)
        The columns that name each row, printed before its text (those the table has).
    width : int, default 100
        The characters of a printed line.

    Raises
    ------
    ValueError
        If the table has no column ``column``.

    Examples
    --------
    >>> import pandas as pd
    >>> rows = pd.DataFrame({"outlet": ["Wire"], "sentence": [3], "text": ["A long sentence " * 8]})
    >>> print_texts(rows, label=("outlet", "sentence"), width=60)
    Wire, 3:
        A long sentence A long sentence A long sentence A long
        sentence A long sentence A long sentence A long sentence
        A long sentence
    """
    import textwrap

    import pandas as pd

    if column not in table:
        raise ValueError(f"the table has no column {column!r}; its columns: {', '.join(map(str, table.columns))}")
    names = [c for c in label if c in table]
    for _, row in table.iterrows():
        print(", ".join(str(row[c]) for c in names) + ":" if names else "-")
        text = str(row[column]) if pd.notna(row[column]) and str(row[column]).strip() else "(empty)"
        print(textwrap.fill(text, width=width, initial_indent="    ", subsequent_indent="    "))
