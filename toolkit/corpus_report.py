"""A corpus in, its report out: :func:`build_report` runs :func:`toolkit.analyze` and then
:func:`toolkit.report.build.report_from_study` (the command line's ``report``).

It lives apart from :mod:`toolkit.report` so that the report takes a study and never imports the
analysis (``toolkit.study`` imports the report; the report does not import ``toolkit.study``).
"""

from __future__ import annotations

from pathlib import Path

from .loading.corpus import read_manifest
from .report.build import check_output, report_from_study
from .study import analyze


def build_report(source, out: str | Path, *, manifest=None, actors=None, columns: dict | None = None,
                 title: str = "How the outlets frame the same events", progress=None, discover: bool = True,
                 processes: int | None = None, start=None, end=None, outlets=None, excel: bool = False) -> Path:
    """Analyze a corpus (:func:`toolkit.analyze`) and write its self-contained HTML report.

    The HTML loads nothing from the network and runs no script: nbconvert's scripts are
    removed and a Content-Security-Policy forbids any fetch but the embedded images. The same
    input and settings give byte-identical HTML, executed notebook and tables.

    Parameters
    ----------
    source : str or pathlib.Path
        What to load: a file or folder, as for :func:`toolkit.load_corpus`.
    out : str or pathlib.Path
        The HTML file to write. Beside it: the executed notebook (``.ipynb``), so that every
        figure can be reproduced; every table of the study in full, as Parquet and CSV, in
        the folder ``<name>-tables``; every figure as PNG and SVG in the folder
        ``<name>-figures``; with ``excel``, the tables as a workbook ``<name>-tables.xlsx``.
    manifest : str or pathlib.Path, optional
        A manifest for the corpus.
    actors : str or pathlib.Path, optional
        An actor dictionary (see :func:`toolkit.load_actors`); without one, the actors are
        found in the corpus (:func:`toolkit.discover_actors`), and the report says so.
    columns : dict, optional
        For tables with other column names, as for :func:`toolkit.load_corpus`.
    title : str
        The report's title.
    progress : callable or True, optional
        As for :func:`toolkit.analyze`.
    discover : bool, default True
        Without a dictionary, find the actors; if False, the sections on actors, naming,
        voices and tone towards actors say that there is no dictionary.
    processes : int, optional
        Worker processes for the per-article stages (:class:`toolkit.Settings`); by default
        every core from 200 articles.
    start, end : str, optional
        Only the articles published from ``start`` to ``end`` (dates, both days included).
    outlets : list of str, optional
        Only the articles of these outlets.
    excel : bool, default False
        Also write the tables as an Excel workbook beside the report (see :func:`report_from_study`).

    Returns
    -------
    pathlib.Path
        The path of the HTML report.

    Raises
    ------
    FileNotFoundError
        If ``source`` or the actor dictionary does not exist.
    toolkit.ActorsError, toolkit.InputError
        If the actor dictionary or the manifest is malformed, or no article could be loaded (or
        none is left after the filters).
    ValueError
        If a filter is not valid (a date that is not one, an outlet not in the corpus).
    ReportError
        If a section of the template fails; the message names the section and the error, and
        the partly executed notebook is kept beside ``out``.
    """
    source = Path(source).resolve()
    if not source.exists():
        raise FileNotFoundError(f"no such file or folder: {source}")
    if not source.is_file() and not source.is_dir():
        raise ValueError(f"{source} is not a regular file or folder (a pipe, socket or device): nothing to read")
    outputs = check_output(out, source=source)
    if actors is not None and not Path(actors).is_file():
        raise FileNotFoundError(f"no such actor dictionary: {actors}")
    if manifest is not None:
        read_manifest(manifest)
    study = analyze(source, actors=Path(actors).resolve() if actors else None,
                    manifest=Path(manifest).resolve() if manifest else None, columns=columns, progress=progress,
                    discover=discover, processes=processes, start=start, end=end, outlets=outlets, exclude=outputs)
    return report_from_study(study, out, title=title, progress=progress, excel=excel)
