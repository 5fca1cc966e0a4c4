"""The comparison report: a parameterized notebook run by papermill, converted to HTML.

The template is ``toolkit/resources/report.ipynb``; it imports everything from the toolkit.
The report is one self-contained HTML file (plots embedded as images, no scripts or styles
fetched from the network) with the code hidden. Article text reaches the HTML only through
pandas tables and matplotlib, which escape it.
"""

from __future__ import annotations

import html
import os
import re
import tempfile
import threading
import time
from pathlib import Path

import numpy as np
import pandas as pd

from .._files import resource_path
from ..progress import print_progress
from ..text.normalize import BIDI_CONTROLS

TEMPLATE = "report.ipynb"
# Tables laid out for reading sentences: columns as wide as their content needs (the lab
# template fixes them to equal widths, squeezing the text), text aligned left and to the top.
_TABLE_STYLE = ("<style>.jp-OutputArea-output.jp-RenderedHTMLCommon table { table-layout: auto; }\n"
                ".jp-OutputArea-output.jp-RenderedHTMLCommon td, .jp-OutputArea-output.jp-RenderedHTMLCommon th "
                "{ text-align: left; vertical-align: top; }</style>\n")


def template_path() -> Path:
    """Return the path of the report's notebook template.

    Returns
    -------
    pathlib.Path

    Examples
    --------
    >>> template_path().name
    'report.ipynb'
    """
    return resource_path(TEMPLATE)


def safe_html(template: str, /, **values) -> str:
    """Fill a trusted HTML template with values from the data, each escaped.

    Everything that comes from the data (outlets, titles, words, warnings that quote them)
    must reach the report as text, whatever Markdown, HTML or template syntax it holds; so the
    report never builds Markdown from the data, only HTML through this function.

    Parameters
    ----------
    template : str
        HTML written by the toolkit, with ``{name}`` fields.
    **values
        The values of the fields; each is turned into a string and HTML-escaped.

    Returns
    -------
    str

    Examples
    --------
    >>> safe_html("<p><em>Note: {text}.</em></p>", text="[x](javascript:alert(1)) <b>{{7*7}}</b>")
    '<p><em>Note: [x](javascript:alert(1)) &lt;b&gt;{{7*7}}&lt;/b&gt;.</em></p>'
    """
    return template.format(**{name: html.escape(str(value)) for name, value in values.items()})


def report_heading(title: str, articles: pd.DataFrame) -> str:
    """The report's opening lines, in HTML, with the title and every article-derived string escaped.

    Parameters
    ----------
    title : str
        The report's title.
    articles : pandas.DataFrame
        The articles table.

    Returns
    -------
    str

    Examples
    --------
    >>> import pandas as pd
    >>> print(report_heading("T", pd.DataFrame({"outlet": ["<b>X</b>", "Y"], "published": pd.to_datetime(["2025-12-04", None])})))
    <h1>T</h1>
    <p>2 articles from 2 outlets (&lt;b&gt;X&lt;/b&gt;, Y), published 2025-12-04 to 2025-12-04.</p>
    """
    outlets = sorted(articles["outlet"].unique(), key=str)
    dates = articles["published"].dropna()
    span = (f", published {dates.min():%Y-%m-%d} to {dates.max():%Y-%m-%d}" if len(dates) else "")
    return safe_html("<h1>{title}</h1>\n<p>{n} article{s} from {k} outlet{t} ({outlets}){span}.</p>",
                     title=title, n=len(articles), s="s" * (len(articles) != 1), k=len(outlets),
                     t="s" * (len(outlets) != 1), outlets=", ".join(map(str, outlets)), span=span)


class ReportError(RuntimeError):
    """The report template failed on a corpus; the message names the section and the cause."""


def check_output(out: str | Path, *, source: str | Path | None = None) -> list[Path]:
    """Check, before any work, that a report can be written at ``out``; return every path it writes.

    Parameters
    ----------
    out : str or pathlib.Path
        The HTML file of the report.
    source : str or pathlib.Path, optional
        What the report reads: the report may not overwrite it, nor write into it (its tables
        and figures folders); a report written inside a source folder is left out of the inputs
        (pass the paths returned as ``exclude`` to :func:`toolkit.analyze`).

    Returns
    -------
    list of pathlib.Path
        The report, its executed notebook, its tables and figures folders and its workbook (resolved).

    Raises
    ------
    ValueError
        If ``out`` is a folder, if a folder above it is a file, or if it would overwrite ``source``
        or write into it.

    Examples
    --------
    >>> [p.name for p in check_output("reports/r.html")]
    ['r.html', 'r.ipynb', 'r-tables', 'r-figures', 'r-tables.xlsx']
    """
    out = Path(out).resolve()
    if out.is_dir():
        raise ValueError(f"--out {out} is a folder: give the name of the HTML file to write")
    above = next((p for p in out.parents if p.exists()), None)
    if above is not None and not above.is_dir():
        raise ValueError(f"--out {out} cannot be written: {above} is a file, not a folder")
    outputs = [out, out.with_suffix(".ipynb"), tables_folder(out), figures_folder(out), workbook_path(out)]
    if source is not None:
        source = Path(source).resolve()
        for path in outputs:
            if path == source or path in source.parents:
                raise ValueError(f"--out {out} would overwrite the input {source} (with {path.name}): write the report "
                                 "elsewhere")
    return outputs


def _beside(out: str | Path, suffix: str) -> Path:
    """A path beside the report ``out``: its name without ``.html``, then ``suffix``."""
    out = Path(out)
    return out.with_name(f"{out.stem}{suffix}")


def tables_folder(out: str | Path) -> Path:
    """The folder beside a report that holds its tables in full (``<name>-tables``).

    Examples
    --------
    >>> tables_folder("reports/sample-report.html").as_posix()
    'reports/sample-report-tables'
    """
    return _beside(out, "-tables")


def figures_folder(out: str | Path) -> Path:
    """The folder beside a report that holds its figures as PNG and SVG files (``<name>-figures``).

    Examples
    --------
    >>> figures_folder("reports/sample-report.html").as_posix()
    'reports/sample-report-figures'
    """
    return _beside(out, "-figures")


def workbook_path(out: str | Path) -> Path:
    """The Excel workbook beside a report that holds its tables (``<name>-tables.xlsx``).

    Examples
    --------
    >>> workbook_path("reports/sample-report.html").as_posix()
    'reports/sample-report-tables.xlsx'
    """
    return _beside(out, "-tables.xlsx")


def report_from_study(study, out: str | Path, *, title: str = "How the outlets frame the same events",
                      progress=None, excel: bool = False) -> Path:
    """Write the HTML report of a :class:`toolkit.Study`, with its tables in full beside it.

    Parameters
    ----------
    study : toolkit.Study
    out : str or pathlib.Path
        The HTML file (see :func:`build_report` for what is written beside it).
    title : str
    progress : callable or True, optional
    excel : bool, default False
        Also write every table as an Excel workbook, ``<name>-tables.xlsx``, a sheet per table
        after a contents sheet (:func:`toolkit.report.export.write_workbook`; Excel's limits
        of 1,048,576 rows and 32,767 characters a cell are noted there when a table exceeds
        them). Off by default: it takes much longer than the CSV and Parquet files (``docs/user-guide/study.md``,
        "Export", gives a measure). Without it, a workbook of an earlier run is removed, so that
        no stale tables lie beside the report.

    Returns
    -------
    pathlib.Path

    Raises
    ------
    ReportError
        If a section of the template fails.
    """
    from .export import write_workbook

    progress = print_progress if progress is True else progress
    check_output(out)
    out = Path(out).resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    folder = tables_folder(out)
    study.save(folder)
    # the CSV files are written in a thread while the report's kernel (another process, which
    # reads the Parquet files) renders: this process mostly waits for the kernel meanwhile
    csv_writer = _CsvWriter(study.tables(), folder, progress)
    csv_writer.start()
    workbook = workbook_path(out)
    if excel:
        if progress:
            progress(f"writing the Excel workbook {workbook.name} ...")
        contents = write_workbook(study.tables(), workbook)
        for row in contents[contents["note"] != ""].itertuples():
            if progress:
                progress(f"Excel: {row.table}: {row.note}")
    elif workbook.is_file():
        workbook.unlink()
    if progress:
        progress("rendering the report ...")
    started = time.perf_counter()
    import papermill
    from nbconvert import HTMLExporter

    figures = figures_folder(out)
    figures.mkdir(exist_ok=True)
    for old in [*figures.glob("*.png"), *figures.glob("*.svg")]:   # the figures of an earlier run
        old.unlink()
    executed = out.with_suffix(".ipynb")
    with tempfile.TemporaryDirectory() as workdir:
        try:
            papermill.execute_notebook(
                str(template_path()), str(executed), kernel_name="python3", cwd=workdir,
                parameters={"study_path": str(folder), "tables_name": folder.name, "report_title": title,
                            "figures_path": str(figures), "workbook_name": workbook.name if excel else ""},
                progress_bar=False, log_output=False, **_kernel_options(progress, workdir))
        except papermill.PapermillExecutionError as err:
            raise ReportError(f"the report failed in section {_section_of(err.cell_index)!r}: "
                              f"{err.ename}: {err.evalue} (the partly executed notebook is {executed})") from None
        finally:
            csv_writer.join()
            if executed.is_file():
                _make_deterministic(executed)
    csv_writer.raise_error()
    if progress:
        progress("report notebook run; converting it to HTML ...")
    exporter = HTMLExporter(template_name="lab", exclude_input=True, exclude_input_prompt=True,
                            exclude_output_prompt=True)
    body, _ = exporter.from_filename(str(executed), resources={"metadata": {"name": title}})
    out.write_text(offline_html(body), encoding="utf-8")
    if progress:
        progress(f"report written to {out} ({out.stat().st_size / 1e6:.1f} MB); rendered in "
                 f"{time.perf_counter() - started:.1f} s")
    return out


class _CsvWriter(threading.Thread):
    """Writes every table as ``<name>.csv`` in ``folder``; :meth:`raise_error` raises, after
    :meth:`join`, what writing raised."""

    def __init__(self, tables: dict, folder: Path, progress):
        super().__init__(name="csv-writer", daemon=True)
        self._tables, self._folder, self._progress, self._error = tables, folder, progress, None

    def start(self):
        if self._progress:      # said before the thread starts, so that it comes before the next line
            self._progress(f"writing the tables as CSV to {self._folder} ...")
        super().start()

    def run(self):
        started, what = time.perf_counter(), f"writing the tables as CSV to {self._folder}"
        try:
            for name, table in self._tables.items():
                table.to_csv(self._folder / f"{name}.csv", index=False)
        except Exception as err:        # raised again in the caller's thread by raise_error
            self._error = err
            return
        if self._progress:
            self._progress(f"{what}: {time.perf_counter() - started:.1f} s")

    def raise_error(self):
        if self._error is not None:
            raise self._error


def format_number(value: float) -> str:
    """A number as a reader expects it in a table: two decimals, never scientific notation.

    Values below 0.01 keep two significant digits, so that a small share does not read as 0.

    Examples
    --------
    >>> [format_number(v) for v in (0.0819, -0.00661, 8.19e-05, 14013.0, 0.0, 1e-09)]
    ['0.08', '-0.0066', '0.000082', '14,013.00', '0.00', '0.00']
    """
    if value == 0 or abs(value) >= 0.01 or abs(value) < 1e-6 or value != value:
        return f"{value:,.2f}"
    return np.format_float_positional(value, precision=2, unique=False, fractional=False, trim="-")


def show_table(table: pd.DataFrame, *, rows: int = 15, name: str | None = None, folder: str | None = None,
               columns: list[str] | None = None, wide: bool = False,
               empty: str = "No rows: the table is empty.") -> None:
    """Display the first rows of a table in a notebook, and say how many more there are and where.

    Parameters
    ----------
    table : pandas.DataFrame
    rows : int, default 15
    name : str, optional
        The table's name in the study (``facts``): the note points to its full file.
    folder : str, optional
        Where the full tables are (shown in the note).
    columns : list of str, optional
        The columns to show (all by default).
    wide : bool, default False
        Show long texts whole (no cut at the display width).
    empty : str
        What to say when there is no row: say what is missing, so that the note reads on its own.
    """
    from IPython.display import HTML, display

    shown = table[columns] if columns is not None else table
    if shown.empty:
        display(HTML(safe_html("<p><em>{empty}</em></p>", empty=empty)))
        return
    with pd.option_context("display.max_colwidth", None if wide else 120, "display.max_columns", None,
                           "display.float_format", format_number):
        display(shown.head(rows).reset_index(drop=True))
    if len(shown) > rows:
        where = f" The full table: <code>{html.escape(folder)}/{html.escape(name)}.csv</code> (and .parquet)." \
            if name and folder else ""
        display(HTML(safe_html("<p><em>… and {more} more rows.</em>", more=f"{len(shown) - rows:,}")
                     + where + "</p>"))


def show_figure(figure, *, alt: str | None = None, name: str = "figure", folder: str | Path | None = None,
                dpi: int = 100) -> None:
    """Show a figure in a notebook as an image with its alternative text, and save it as PNG and SVG.

    The image is shown as HTML (``<img alt="...">``), so that the alternative text is kept when the
    notebook is exported (``jupyter nbconvert --to html``) or built into a site; matplotlib's own
    display gives an image without one.

    Parameters
    ----------
    figure : matplotlib.figure.Figure
        Closed once shown.
    alt : str, optional
        The alternative text: what the figure shows and what it says, for a reader who cannot
        see it (a screen reader reads it aloud). Escaped. By default the text the toolkit's
        ``plot_*`` functions recorded for what they drew (:func:`toolkit.report.alt_text.figure_alt`).
    name : str, default "figure"
        The files' name; in ``folder`` they are numbered in the order shown (``03-naming.png``).
    folder : str or pathlib.Path, optional
        Where to write the PNG and SVG files (none without it). The same figure gives the same
        bytes every time.
    dpi : int, default 100

    Raises
    ------
    ValueError
        If there is no alternative text: none given, and no toolkit plot on the figure.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> import pandas as pd
    >>> import toolkit
    >>> fig, ax = plt.subplots()
    >>> table = pd.DataFrame({"outlet": ["A", "B"], "share": [0.5, 0.8], "ci_low": [0.3, 0.6], "ci_high": [0.7, 1.0],
    ...     "events": [12, 3], "too_few": [False, True]})
    >>> ax = toolkit.plot_profile(table, ax=ax)
    >>> toolkit.show_figure(fig)    # doctest: +ELLIPSIS
    <IPython.core.display.HTML object>
    """
    import base64
    import io

    import matplotlib.pyplot as plt
    from IPython.display import HTML, display

    from .alt_text import figure_alt

    alt = figure_alt(figure) if alt is None else alt
    if not alt.strip():
        raise ValueError("alt must describe the figure for a reader who cannot see it (no toolkit plot on it "
                         "recorded one: pass alt='...')")
    buffer = io.BytesIO()
    # SVG: text kept as text (editable, searchable) and ids from a fixed salt (the same bytes every time)
    with plt.rc_context({"svg.hashsalt": "toolkit", "svg.fonttype": "none"}):
        figure.savefig(buffer, format="png", dpi=dpi, bbox_inches="tight")
        if folder is not None:
            folder = Path(folder)
            stem = f"{len(list(folder.glob('*.png'))) + 1:02d}-{_slug(name)}"
            (folder / f"{stem}.png").write_bytes(buffer.getvalue())
            figure.savefig(folder / f"{stem}.svg", format="svg", bbox_inches="tight", metadata={"Date": None})
    plt.close(figure)
    display(HTML(safe_html('<img src="data:image/png;base64,{data}" alt="{alt}">',
                           data=base64.b64encode(buffer.getvalue()).decode("ascii"), alt=" ".join(alt.split()))))


def _slug(name: str) -> str:
    """A file name made of the letters and digits of ``name``.

    Examples
    --------
    >>> _slug("E17: tone"), _slug("Вести / AP"), _slug("***")
    ('e17-tone', 'вести-ap', 'figure')
    """
    return re.sub(r"[\W_]+", "-", name.lower()).strip("-")[:60] or "figure"


def _template_sections() -> list[str]:
    """The heading of the report section that holds each cell of the template."""
    import nbformat

    sections, current = [], "loading the corpus"
    for cell in nbformat.read(template_path(), as_version=4).cells:
        found = re.search(r"^## (.+)$", cell.source, re.M) if cell.cell_type == "markdown" else None
        current = found.group(1) if found else current
        sections.append(current)
    return sections


def _section_of(cell_index: int, sections: list[str] | None = None) -> str:
    """The heading of the report section that holds a cell of the executed notebook."""
    sections = sections or _template_sections()
    # papermill inserts the injected-parameters cell after the parameters cell
    return sections[min(max(cell_index - 1, 0), len(sections) - 1)]


#: The longest path of a Unix socket file (108 bytes on Linux, 104 on macOS), with room for "-N".
_SOCKET_PATH = 100


def _kernel_options(progress, workdir: str) -> dict:
    """Options of the notebook run: a line of progress as each section of the report starts, and,
    where the system has them, the kernel's channels on socket files in the run's own temporary
    folder (IPC) instead of TCP ports on localhost: nothing else on the machine can connect to
    them, and ipykernel then has no reason to warn "Kernel is running over TCP without encryption"."""
    from traitlets.config import Config

    options = {}
    sockets = os.path.join(workdir, "kernel")
    if os.name == "posix" and len(sockets.encode()) < _SOCKET_PATH:
        options["config"] = Config({"KernelManager": {"transport": "ipc", "ip": sockets}})
    if progress:
        sections, said = _template_sections(), []

        def on_cell_start(cell, cell_index):
            section = _section_of(cell_index, sections)
            if not said or said[-1] != section:
                said.append(section)
                progress(f"report section {section!r} ...")
        options["on_cell_start"] = on_cell_start
    return options


# Execution metadata that changes from run to run: timings and papermill's random cell id.
_TIMING_KEYS = ("start_time", "end_time", "duration")


def _make_deterministic(path: Path) -> None:
    """Rewrite an executed notebook without timings and with cell ids numbered in order."""
    import nbformat

    notebook = nbformat.read(path, as_version=4)
    for key in _TIMING_KEYS:
        notebook.metadata.get("papermill", {}).pop(key, None)
    for number, cell in enumerate(notebook.cells):
        cell.id = f"cell-{number:03d}"
        cell.metadata.pop("execution", None)
        for key in _TIMING_KEYS:
            cell.metadata.get("papermill", {}).pop(key, None)
    nbformat.write(notebook, path)


_SCRIPT = re.compile(r"<script\b[^>]*>.*?</script\s*>\s*", re.I | re.S)
_BIDI = re.compile(f"[{BIDI_CONTROLS}]")
# No fetch of any kind (scripts, styles, fonts, frames, connections), images only when embedded.
_CSP = ('<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; img-src data:; '
        'style-src \'unsafe-inline\'; font-src data:">')


def offline_html(page: str) -> str:
    """Make an nbconvert page safe to open offline: no script, no fetch, tables styled for reading.

    Every ``<script>`` element is removed (the report needs none; nbconvert's templates load
    MathJax and mermaid from a CDN) and a Content-Security-Policy is put first in the head,
    so that a browser refuses any script and any request other than embedded images.
    Bidirectional control characters (:data:`toolkit.text.normalize.BIDI_CONTROLS`) are removed
    from the whole page, so that no name from the data (a file name, an actor of a dictionary)
    is shown reordered; the article text and its metadata lose them when they are loaded.

    Parameters
    ----------
    page : str
        The HTML page written by nbconvert.

    Returns
    -------
    str

    Raises
    ------
    ReportError
        If the page has no ``<head>`` element to hold the policy.

    Examples
    --------
    >>> page = offline_html('<html><head><script src="https://cdn.example/x.js"></script></head><body></body></html>')
    >>> "<script" in page, "Content-Security-Policy" in page
    (False, True)
    >>> offline_html("<html><head></head><body>Fox\u202eswen\u202c</body></html>").endswith("<body>Foxswen</body></html>")
    True
    """
    head = re.search(r"<head\b[^>]*>", page, re.I)
    if head is None:
        raise ReportError("the exported page has no <head> element: nbconvert's template has changed")
    page = page[:head.end()] + "\n" + _CSP + page[head.end():]
    page = _BIDI.sub("", _SCRIPT.sub("", page))
    return page.replace("</head>", _TABLE_STYLE + "</head>", 1)
