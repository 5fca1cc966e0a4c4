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
