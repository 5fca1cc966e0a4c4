"""Reading the toolkit's editable resource files (YAML) and finding the shipped ones."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import yaml


def resource_path(name: str) -> Path:
    """Return the path of a file shipped in ``toolkit/resources``."""
    return Path(str(resources.files("toolkit") / "resources" / name))


def read_yaml_list(path: str | Path, key: str, error: type[Exception], *, what: str) -> tuple[Path, dict]:
    """Read a YAML file whose top level is a mapping holding a list under ``key``.

    Parameters
    ----------
    path : str or pathlib.Path
    key : str
        The key that must hold a list ("rules", "verbs").
    error : type of Exception
        The error to raise, with a message naming the file and the problem.
    what : str
        What the file is, for the message ("cleaning rules file").

    Returns
    -------
    path : pathlib.Path
    data : dict
        The parsed file.
    """
    path = Path(path)
    if not path.is_file():
        raise error(f"{what} not found: {path}")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as err:
        raise error(f"{path} is not valid YAML: {err}") from None
    if not isinstance(data, dict) or not isinstance(data.get(key), list):
        raise error(f"{path}: expected a top-level key {key!r} holding a list")
    return path, data


def jsonl_records(path: str | Path):
    """Yield (line number, parsed object) for each non-blank line of a JSON Lines file.

    Raises
    ------
    ValueError
        For a line that is not valid JSON, naming the file and the line.
    """
    path = Path(path)
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                yield number, json.loads(line)
            except json.JSONDecodeError as error:
                raise ValueError(f"{path}, line {number}: not valid JSON ({error.msg})") from None
