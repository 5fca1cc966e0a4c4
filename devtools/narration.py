"""Check that the figures a notebook's narration quotes are the figures its code shows.

The course's rule: every number a lesson's text quotes is computed and shown by the code (best: a
code cell prints the sentence with an f-string), so that a change of method or data cannot leave the
text saying one thing and the output another. :func:`unshown_numbers` finds the numbers of each
Markdown cell that no nearby code cell shows; ``tests/test_notebooks.py`` runs every lesson and
worked answer once and fails, naming the notebook, the cell and the number, on any it finds.

What counts as a quoted figure
    Every number written with digits in a Markdown cell ("0.17", "3 of 20", "60.4 %", "2,192"),
    and every proportion in words ("two targets in three", "six articles of ten"). Not checked:
    headings, numbered-list markers, inline code and links (code the reader types or a file name),
    references to a notebook, lesson, section, exercise or step ("notebook 05", "section 3"),
    years (1900-2099, mostly citations) and the course's conventions (:data:`CONVENTIONS`: the
    time a lesson takes, versions, lesson numbers, dates, the 95 % level of the intervals, the ends of a scale).

Where it must be shown
    In the outputs (printed text and tables) of the ``before`` code cells above the Markdown cell,
    or of the ``after`` code cells below it. A number quoted with fewer decimals matches a shown
    number that rounds to it ("0.2" matches "0.24" as quoted to one decimal); a percentage ("60 %",
    "54 to 56 %") matches a shown share ("0.60") or percentage ("60.4"); a proportion in words
    matches a shown number within 0.05 of it, or its two counts shown as numbers. This is a safety
    net with some slack, not a proof: vague words ("most", "almost half") are not checked, so the
    narration should quote the printed figure rather than a word for it.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from devtools import python_path

_WORDS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty".split())}
_WORD = "|".join(sorted(_WORDS, key=len, reverse=True))
#: A number written with digits: 1,150 or 0.17 or -0.27 (a minus sign only before a digit, not a hyphen in 06-2).
_NUMBER = re.compile(r"(?<![\w.,/])(?P<sign>[-−](?=\d))?(?P<digits>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?![\w])"
                     r"(?P<percent>\s?%|\s?per ?cent)?")
_RANGE_PERCENT = re.compile(r"^\s*(?:to|and|or|–|-)\s*[-−]?\d[\d.,]*\s?%")
_FRACTION = re.compile(rf"(?i)\b(?P<a>{_WORD})\s+(?:[a-z'-]+\s+){{0,2}}?(?:in|of|out of)\s+(?:(?:the|those|these|its)\s+)?(?P<b>{_WORD}|\d+)\b")
_REFERENCE = re.compile(r"(?i)\b(?:notebooks?|lessons?|sections?|exercises?|steps?|parts?|chapters?|cells?)"
                        r"\s+\d+(?:\s*(?:,|and|or|to|-|–)\s*\d+)*")
_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
#: Numbers that are conventions of the course, not figures of a result: the time a lesson takes,
#: versions, lesson numbers (02), dates, the level of the intervals, and the ends of a scale ("0.5 is a coin toss, 1 perfect").
CONVENTIONS = [
    r"\b(?:about )?\d+(?: to \d+)? ?(?:minutes|min)\b",
    rf"\b\d{{1,2}} (?:{_MONTHS})(?: \d{{4}})?",
    r"\b95 ?%",
    r"\b\d+(?:\.\d+)? (?:is )?(?:a coin toss|chance|perfect)\b",
    r"from [-−]1\b[^.;]{0,40}? to \+1\b",
    r"±\d+(?:\.\d+)?",
    r"\b(?:Python|version) \d+(?:\.\d+)+",
    r"(?<![\d.,])\b0\d(?:-0\d)?\b(?![.,]\d)",     # a lesson's number: 02, 02-04
]
_CONVENTION = re.compile("|".join(f"(?:{c})" for c in CONVENTIONS), re.I)
_CODE = re.compile(r"```.*?```|`[^`\n]*`", re.S)
_LINK = re.compile(r"\]\([^)]*\)|https?://\S+")
_HTML_TAG = re.compile(r"<[^>]+>")


def _markdown_prose(text: str) -> str:
    """The Markdown's prose: no headings, list numbers, code, links or references to other parts."""
    lines = [line for line in text.splitlines() if not line.lstrip().startswith("#")]
    prose = re.sub(r"(?m)^\s*\d+\.\s", " ", "\n".join(lines))
    for pattern in (_CODE, _LINK, _REFERENCE, _CONVENTION):
        prose = pattern.sub(" ", prose)
    return prose


def quoted_numbers(text: str) -> list[dict]:
    """The figures a Markdown text quotes, as dictionaries (text, value, decimals, percent, kind).

    ``kind`` is "number" (written with digits) or "proportion" (in words, value = a / b, with the
    counts ``a`` and ``b``).

    Examples
    --------
    >>> [q["text"] for q in quoted_numbers("In section 2: 3 of 20 (0.15); about two targets in three, 54 to 56 %.")]
    ['3', '20', '0.15', 'two targets in three', '54', '56 %']
    >>> [(q["value"], q["percent"]) for q in quoted_numbers("54 to 56 %")]
    [(54.0, True), (56.0, True)]
    """
    prose = _markdown_prose(text)
    found = []
    for match in _NUMBER.finditer(prose):
        digits = match["digits"].replace(",", "")
        value = float(digits) * (-1 if match["sign"] else 1)
        if "." not in digits and "," not in match["digits"] and 1900 <= value <= 2099:
            continue                                            # a year
        percent = bool(match["percent"]) or bool(_RANGE_PERCENT.match(prose[match.end():]))
        found.append({"text": match.group(0).strip(), "value": value, "kind": "number", "percent": percent,
                      "decimals": len(digits.split(".")[1]) if "." in digits else 0, "start": match.start()})
    for match in _FRACTION.finditer(prose):
        a = _WORDS[match["a"].lower()]
        b = int(match["b"]) if match["b"].isdigit() else _WORDS[match["b"].lower()]
        if 0 < a <= b:
            found.append({"text": match.group(0), "value": a / b, "kind": "proportion", "percent": False,
                          "decimals": 2, "a": a, "b": b, "start": match.start()})
    return sorted(found, key=lambda q: q["start"])


def _output_text(output: dict) -> str:
    if output.get("output_type") == "stream":
        return "".join(output.get("text", ""))
    data = output.get("data", {})
    if "text/plain" in data and not "".join(data["text/plain"]).startswith("<IPython.core.display.HTML"):
        return "".join(data["text/plain"])
    return _HTML_TAG.sub(" ", "".join(data.get("text/html", "")))


def shown_numbers(outputs: list[dict]) -> set[float]:
    """Every number in a code cell's outputs (printed text, tables; the plain-text form when there is one).

    Examples
    --------
    >>> sorted(shown_numbers([{"output_type": "stream", "text": "11 of 12 (0.92), 1,150 jobs, -0.27"}]))
    [-0.27, 0.92, 11.0, 12.0, 1150.0]
    """
    values = set()
    for output in outputs:
        for match in _NUMBER.finditer(_output_text(output)):
            values.add(float(match["digits"].replace(",", "")) * (-1 if match["sign"] else 1))
    return values


def _is_shown(quoted: dict, shown: set[float]) -> bool:
    if quoted["kind"] == "proportion":
        return (any(abs(v - quoted["value"]) <= 0.05 or abs(v / 100 - quoted["value"]) <= 0.05 for v in shown)
                or {float(quoted["a"]), float(quoted["b"])} <= shown)
    value, decimals = quoted["value"], quoted["decimals"]
    candidates = shown | ({v * 100 for v in shown} if quoted["percent"] else set())
    # the quoted decimals may be fewer than the shown ones (rounding), never more
    return any(round(v, decimals) == value or (decimals == 0 and abs(v - value) < 1e-9) for v in candidates)


def unshown_numbers(cells: list[dict], *, before: int = 3, after: int = 1) -> pd.DataFrame:
    """The figures quoted in each Markdown cell that no nearby code cell shows.

    Parameters
    ----------
    cells : list of dict
        The cells of an executed notebook (``nbformat`` cells: ``cell_type``, ``source``, ``outputs``).
    before, after : int
        How many code cells above (``before``) and below (``after``) each Markdown cell are searched.

    Returns
    -------
    pandas.DataFrame
        One row per figure not shown: ``cell`` (index in the notebook), ``cell_id``, ``number`` (as
        written) and ``context`` (the words around it).

    Examples
    --------
    >>> cells = [{"cell_type": "code", "source": "", "outputs": [{"output_type": "stream", "text": "3 of 20"}]},
    ...          {"cell_type": "markdown", "source": "The wire leaves out 2 of 19, section 2.", "id": "m"}]
    >>> unshown_numbers(cells)[["cell", "cell_id", "number"]].values.tolist()
    [[1, 'm', '2'], [1, 'm', '19']]
    """
    code = [i for i, cell in enumerate(cells) if cell["cell_type"] == "code"]
    rows = []
    for i, cell in enumerate(cells):
        if cell["cell_type"] != "markdown":
            continue
        near = ([j for j in code if j < i][-before:] if before else []) + [j for j in code if j > i][:after]
        shown = set().union(*(shown_numbers(cells[j].get("outputs", [])) for j in near)) if near else set()
        source = "".join(cell["source"])
        prose = _markdown_prose(source)
        for quoted in quoted_numbers(source):
            if not _is_shown(quoted, shown):
                context = " ".join(prose[max(0, quoted["start"] - 60):quoted["start"] + 60].split())
                rows.append({"cell": i, "cell_id": cell.get("id"), "number": quoted["text"], "context": context})
    return pd.DataFrame(rows, columns=["cell", "cell_id", "number", "context"])


def execute_notebook(path: str | Path, *, timeout: int = 900):
    """Run a notebook top to bottom in its own folder and return it with its outputs (``nbformat``).

    The kernel imports the toolkit of this checkout (its root is put first on ``PYTHONPATH``).

    Raises
    ------
    nbclient.exceptions.CellExecutionError
        If a cell raises: the error names the cell and shows its traceback.
    """
    import os

    import nbformat
    from nbclient import NotebookClient

    path = Path(path)
    notebook = nbformat.read(path, as_version=4)
    saved = os.environ.get("PYTHONPATH")
    os.environ["PYTHONPATH"] = python_path()
    try:
        NotebookClient(notebook, timeout=timeout, resources={"metadata": {"path": str(path.parent)}}).execute()
    finally:
        if saved is None:
            os.environ.pop("PYTHONPATH", None)
        else:
            os.environ["PYTHONPATH"] = saved
    return notebook
