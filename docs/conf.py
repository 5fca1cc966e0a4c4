"""Sphinx configuration of the framing toolkit's documentation (``make docs``; offline)."""

import os
import shutil
import sys
from pathlib import Path

DOCS = Path(__file__).resolve().parent
ROOT = DOCS.parent
sys.path.insert(0, str(ROOT))

import toolkit  # noqa: E402 (after the path)

import warnings  # noqa: E402

# The stored notebooks' cells have no ids (nbformat fills them in on reading and says so each time).
warnings.filterwarnings("ignore", message="Cell is missing an id field")

project = "framing toolkit"
author = "the framing toolkit contributors"
copyright = "2026, the framing toolkit contributors (MIT licence)"
version = release = toolkit.__version__

extensions = [
    "sphinx.ext.autodoc",
    "sphinx.ext.autosummary",
    "numpydoc",
    "myst_nb",
    "sphinx_design",
]

# The lessons are rendered as stored (they are kept without outputs; the test suite runs them).
# NB_EXECUTION_MODE=cache make docs executes them once and keeps the outputs in docs/_build/.jupyter_cache.
nb_execution_mode = os.environ.get("NB_EXECUTION_MODE", "off")
nb_execution_timeout = 600
nb_execution_raise_on_error = True
nb_execution_cache_path = str(DOCS / "_build" / ".jupyter_cache")
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3

source_suffix = {".rst": "restructuredtext", ".md": "myst-nb", ".ipynb": "myst-nb"}
exclude_patterns = ["_build", "Thumbs.db", ".DS_Store", "**.ipynb_checkpoints", "README.md", "api/_study_tables.md"]
templates_path = ["_templates"]

autosummary_generate = True
autosummary_imported_members = True
autodoc_typehints = "none"          # numpydoc gives the types; hints of pandas types would not resolve offline
autodoc_default_options = {"members": True, "inherited-members": False}
numpydoc_show_class_members = False
numpydoc_class_members_toctree = False
numpydoc_validation_checks = set()

# The lessons' headings are the course's (a solution may jump from H1 to H3); they are not rewritten here.
suppress_warnings = ["myst.header"]

nitpicky = True
nitpick_ignore_regex = [(r"py:.*", r"(pd|pandas|np|numpy|matplotlib|dask|distributed|Path|pathlib)\..*")]

html_theme = "pydata_sphinx_theme"
html_title = f"framing toolkit {release}"
html_theme_options = {
    "navigation_with_keys": False,
    "show_toc_level": 2,
    "footer_start": ["copyright"],
    "footer_end": ["sphinx-version"],
}
html_static_path = []
# Pages without sub-pages need no section navigation on the left.
html_sidebars = {page: [] for page in ("index", "getting-started", "course", "performance", "development",
                                       "data-and-licences", "changelog")}
html_last_updated_fmt = None


def _copy_lessons(app) -> None:
    """Copy the course's notebooks into docs/lessons/ (generated, not committed) so Sphinx renders them."""
    target = DOCS / "lessons"
    shutil.rmtree(target, ignore_errors=True)
    (target / "solutions").mkdir(parents=True)
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        shutil.copy2(path, target / path.name)
    for path in sorted((ROOT / "notebooks" / "solutions").glob("*.ipynb")):
        shutil.copy2(path, target / "solutions" / path.name)


def _write_study_tables(app) -> None:
    """docs/api/_study_tables.md (generated): the tables of a study, one row per what (toolkit.study.TABLES)."""
    from toolkit.study import TABLES

    rows = [f"| `study.{name}` | {what} |" for name, what in TABLES.items()]
    text = "| table | one row per |\n|---|---|\n" + "\n".join(rows) + "\n"
    (DOCS / "api" / "_study_tables.md").write_text(text, encoding="utf-8")


def _internal_names() -> set[str]:
    """Every name defined in a module of the package (public or not), and every module's dotted path."""
    import importlib
    import pkgutil

    names = set()
    for info in pkgutil.walk_packages(toolkit.__path__, "toolkit."):
        try:
            module = importlib.import_module(info.name)
        except ImportError:        # an optional extra (torch, Dask) that is not installed
            continue
        names.add(info.name)
        names.update(vars(module))
        names.update(f"{info.name}.{name}" for name in vars(module))
    return names


INTERNAL = _internal_names()


def _internal_reference(app, env, node, contnode):
    """A docstring may name a module, constant or helper outside the public API (``TABLES``,
    ``toolkit.text.nlp.LONG_SENTENCE``): shown as text, not a link. A name that exists nowhere in the
    package is still a warning (an error with ``-W``)."""
    target = node.get("reftarget", "")
    if node.get("refdomain") == "py" and (target in INTERNAL or target.rsplit(".", 1)[-1] in INTERNAL
                                          and target.split(".")[0] not in {"toolkit"}):
        return contnode
    return None


def setup(app):
    app.connect("builder-inited", _copy_lessons)
    app.connect("builder-inited", _write_study_tables)
    app.connect("missing-reference", _internal_reference)
