"""The version is set in one place (toolkit/_version.py) and every place that shows it agrees;
requires-python tells the truth."""

import re
import sys
import tomllib
from pathlib import Path

import pytest
import yaml

import toolkit
from toolkit.__main__ import main

ROOT = Path(__file__).resolve().parents[1]


def test_pyproject_reads_the_version_from_the_package():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "version" not in project["project"] and project["project"]["dynamic"] == ["version"]
    assert project["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "toolkit._version.__version__"}
    assert re.fullmatch(r"\d+\.\d+\.\d+", toolkit.__version__)


def test_the_command_prints_the_version(capsys):
    with pytest.raises(SystemExit) as stop:
        main(["--version"])
    assert stop.value.code == 0 and capsys.readouterr().out == f"framing-toolkit {toolkit.__version__}\n"


def test_citation_and_changelog_give_the_same_version():
    citation = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert citation["version"] == toolkit.__version__
    assert {"cff-version", "message", "title", "authors", "license"} <= set(citation)
    assert f"\n## {toolkit.__version__} " in (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")


def test_requires_python_is_the_oldest_version_the_dependencies_allow():
    """3.10 cannot install the dependencies: every version of nupunkt (the sentence splitter) needs 3.11."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    from toolkit.setup_check import MIN_PYTHON
    assert project["requires-python"] == ">=3.11" == ">=" + ".".join(map(str, MIN_PYTHON))
    assert sys.version_info >= MIN_PYTHON
    versions = [c.rsplit(" :: ", 1)[1] for c in project["classifiers"] if c.count("::") == 2 and "3." in c]
    assert versions[0] == ".".join(map(str, MIN_PYTHON)) and versions == sorted(versions, key=lambda v: int(v[2:]))


def _packages() -> list[str]:
    """The packages the wheel holds: setuptools' discovery with pyproject.toml's settings."""
    from setuptools import find_namespace_packages

    found = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["packages"]["find"]
    return sorted(find_namespace_packages(str(ROOT), include=found["include"], exclude=found.get("exclude", ())))


def test_the_wheel_holds_the_package_and_not_the_development_tools():
    """devtools/ (benchmarks, evaluations, training) runs from the repository; the wheel is toolkit only."""
    packages = _packages()
    assert packages[:3] == ["toolkit", "toolkit.actors", "toolkit.compare"]
    assert [p for p in packages if p.split(".")[0] != "toolkit" or "dev" in p.split(".")] == []
    assert (ROOT / "devtools" / "__init__.py").is_file() and not (ROOT / "toolkit" / "dev").exists()


def _imported_modules(source: str) -> list[str]:
    """The absolute module names a module's source imports (``import x``, ``from x import y``, ``import_module("x")``)."""
    import ast

    names = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            names.append(node.module)
        elif isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", None)) in {
                "import_module", "__import__"} and node.args and isinstance(node.args[0], ast.Constant):
            names.append(node.args[0].value)
    return names


def test_imported_modules_are_read_from_the_source():
    source = "import os.path\nfrom devtools.bench import run\nfrom . import x\nimportlib.import_module('devtools')\n"
    assert _imported_modules(source) == ["os.path", "devtools.bench", "devtools"]


def test_the_package_never_imports_the_development_tools():
    """An installed toolkit has no devtools: no module of the package may import it."""
    found = {str(path.relative_to(ROOT)): name for path in sorted((ROOT / "toolkit").rglob("*.py"))
             for name in _imported_modules(path.read_text(encoding="utf-8")) if name.split(".")[0] == "devtools"}
    assert found == {}
