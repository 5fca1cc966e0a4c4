"""The comparison report: a parameterized notebook run by papermill, converted to HTML.

The template is ``toolkit/resources/report.ipynb``; it imports everything from the toolkit.
The report is one self-contained HTML file (plots embedded as images, no scripts or styles
fetched from the network) with the code hidden. Article text reaches the HTML only through
pandas tables and matplotlib, which escape it.
"""

from __future__ import annotations

import html
import re
import tempfile
from pathlib import Path

import pandas as pd

from ._files import resource_path

TEMPLATE = "report.ipynb"
# Scripts that nbconvert's templates load from a CDN: the report needs none of them.
_REMOTE_SCRIPT = re.compile(r"<script[^>]*\bsrc=\"https?://[^\"]*\"[^>]*>\s*</script>\s*", re.I)
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


def report_heading(title: str, articles: pd.DataFrame) -> str:
    """The report's opening lines, in Markdown, with every article-derived string escaped.

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
    # T
    <BLANKLINE>
    2 articles from 2 outlets (&lt;b&gt;X&lt;/b&gt;, Y), published 2025-12-04 to 2025-12-04.
    """
    outlets = sorted(articles["outlet"].unique(), key=str)
    dates = articles["published"].dropna()
    span = (f", published {dates.min():%Y-%m-%d} to {dates.max():%Y-%m-%d}" if len(dates) else "")
    return (f"# {html.escape(title)}\n\n{len(articles)} article{'s' * (len(articles) != 1)} from "
            f"{len(outlets)} outlet{'s' * (len(outlets) != 1)} ({html.escape(', '.join(map(str, outlets)))}){span}.")


def build_report(source, out: str | Path, *, manifest=None, actors=None,
                 title: str = "How the outlets frame the same events") -> Path:
    """Run the report template on a corpus and write a self-contained HTML report.

    Parameters
    ----------
    source : str or pathlib.Path
        What to load: a file or folder, as for :func:`toolkit.load_corpus`.
    out : str or pathlib.Path
        The HTML file to write. The executed notebook is written beside it (``.ipynb``), so
        that every figure can be reproduced and inspected.
    manifest : str or pathlib.Path, optional
        A manifest for the corpus.
    actors : str or pathlib.Path, optional
        An actor dictionary (see :func:`toolkit.load_actors`); without one, the sections on
        actors, naming and voices are left out.
    title : str
        The report's title.

    Returns
    -------
    pathlib.Path
        The path of the HTML report.

    Raises
    ------
    FileNotFoundError
        If ``source`` does not exist.
    """
    import papermill
    from nbconvert import HTMLExporter

    source = Path(source).resolve()
    if not source.exists():
        raise FileNotFoundError(f"no such file or folder: {source}")
    if actors is not None and not Path(actors).is_file():
        raise FileNotFoundError(f"no such actor dictionary: {actors}")
    out = Path(out).resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    executed = out.with_suffix(".ipynb")
    with tempfile.TemporaryDirectory() as workdir:
        papermill.execute_notebook(
            str(template_path()), str(executed), kernel_name="python3", cwd=workdir,
            parameters={"source": str(source), "report_title": title,
                        "manifest": str(Path(manifest).resolve()) if manifest else None,
                        "actors_path": str(Path(actors).resolve()) if actors else None},
            progress_bar=False, log_output=False)
    exporter = HTMLExporter(template_name="lab", exclude_input=True, exclude_input_prompt=True,
                            exclude_output_prompt=True)
    body, _ = exporter.from_filename(str(executed), resources={"metadata": {"name": title}})
    body = _REMOTE_SCRIPT.sub("", body).replace("</head>", _TABLE_STYLE + "</head>", 1)
    out.write_text(body, encoding="utf-8")
    return out
