"""Check that the pinned environment (``environment.yml``) resolves from pip as one set.

Run ``python -m devtools.env_check`` (CI does, after the tests). It reads the pip section of
``environment.yml``, asks pip to resolve all the pins together, with the lock (``constraints.txt``)
for their dependencies, without installing anything
(``pip install --dry-run --ignore-installed``: it needs the package registry), and says how the
pins compare with what this environment has installed. Exit status 1 if pip cannot resolve them.
Conda is not on the project's machines, so this is the check the course's set-up rests on:
every package and version a student's ``environment.yml`` asks for exists and fits together.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from devtools import ROOT



def pinned_requirements(path: str | Path = ROOT / "environment.yml") -> list[str]:
    """The pip requirements of an ``environment.yml`` (its ``pip:`` list, without ``-e .`` and options).

    Raises
    ------
    FileNotFoundError, ValueError
        If the file is missing, has no pip list, or a requirement is not pinned with ``==``.

    Examples
    --------
    >>> reqs = pinned_requirements()
    >>> "pandas==3.1.1" in reqs and all("==" in r for r in reqs)
    True
    """
    import yaml

    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"{path} not found")
    env = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    lists = [entry["pip"] for entry in env.get("dependencies", []) if isinstance(entry, dict) and "pip" in entry]
    if not lists:
        raise ValueError(f"{path} has no pip list under dependencies")
    requirements = [r.strip() for r in lists[0] if not r.strip().startswith("-")]
    loose = [r for r in requirements if "==" not in r]
    if loose:
        raise ValueError(f"{path}: not pinned with ==: {', '.join(loose)}")
    return requirements


def installed_differences(requirements: list[str]) -> list[str]:
    """The pins whose version differs from (or is missing in) this Python environment."""
    differences = []
    for requirement in requirements:
        name, pinned = re.split(r"==", requirement, maxsplit=1)
        name = name.split("[")[0]
        try:
            have = version(name)
        except PackageNotFoundError:
            have = "not installed"
        if have != pinned:
            differences.append(f"{name}: pinned {pinned}, installed {have}")
    return differences


def main(argv: list[str] | None = None) -> int:
    """Resolve the pins with pip (dry run); print the result and the differences with this environment."""
    parser = argparse.ArgumentParser(prog="python -m devtools.env_check", description=__doc__.splitlines()[0])
    parser.add_argument("--file", default=str(ROOT / "environment.yml"))
    args = parser.parse_args(argv)
    requirements = pinned_requirements(args.file)
    for line in installed_differences(requirements):
        print("note:", line)
    lock = ROOT / "constraints.txt"          # the course's lock, as environment.yml's pip list reads it
    command = [sys.executable, "-m", "pip", "install", "--dry-run", "--ignore-installed", "--quiet",
               "--disable-pip-version-check", *(["-c", str(lock)] if lock.is_file() else []), *requirements]
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        print(f"pip cannot resolve the pins of {args.file}:\n{result.stderr.strip()[-3000:]}", file=sys.stderr)
        return 1
    print(f"{len(requirements)} pinned packages of {args.file} resolve together with pip")
    return 0


if __name__ == "__main__":
    sys.exit(main())
