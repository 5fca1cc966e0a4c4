"""Reading the toolkit's editable resource files (YAML) and finding the shipped ones."""

from __future__ import annotations

import json
import reprlib
from importlib import resources
from pathlib import Path

import yaml

from .loading.encoding import BYTE_ORDER_MARKS


def resource_path(name: str) -> Path:
    """Return the path of a file shipped in ``toolkit/resources``."""
    return Path(str(resources.files("toolkit") / "resources" / name))


def short_repr(value, limit: int = 60) -> str:
    """A repr of a value cut to about ``limit`` characters, for error messages.

    Bounded whatever the value: a list built by YAML aliases may hold billions of items.

    Examples
    --------
    >>> short_repr([list(range(100)), [[["deep"]]]])
    '[[0, 1, 2, 3, ...], [[[...]]]]'
    """
    shortener = reprlib.Repr()
    shortener.maxlevel, shortener.maxlist, shortener.maxdict, shortener.maxtuple = 3, 4, 4, 4
    shortener.maxstring, shortener.maxother = limit + 20, limit
    return shortener.repr(value)


def _decode_yaml(path: Path, error: type[Exception]) -> str:
    """The text of a YAML file: UTF-8, or UTF-16/32 with a byte-order mark; anything else is an
    error naming the line of the first byte that is not UTF-8."""
    data = path.read_bytes()
    for mark, codec in BYTE_ORDER_MARKS:
        if data.startswith(mark):
            return data.decode(codec)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        raise error(f"{path}, line {line}: not UTF-8 (byte 0x{data[err.start]:02x}); save the file as UTF-8") from None
    if "\x00" in text:
        raise error(f"{path}, line {text.count(chr(10), 0, text.index(chr(0))) + 1}: a NUL byte (UTF-16 without a "
                    "byte-order mark?); save the file as UTF-8")
    return text


def _expanded_size(node, sizes: dict, open_nodes: set) -> int:
    """Nodes and characters of a YAML node with every alias expanded (shared nodes counted at each use)."""
    key = id(node)
    if key in sizes:
        return sizes[key]
    if key in open_nodes:
        raise ValueError("an alias refers to a node that contains it")
    open_nodes.add(key)
    if isinstance(node, yaml.ScalarNode):
        size = 1 + len(node.value)
    elif isinstance(node, yaml.SequenceNode):
        size = 1 + sum(_expanded_size(child, sizes, open_nodes) for child in node.value)
    else:
        size = 1 + sum(_expanded_size(k, sizes, open_nodes) + _expanded_size(v, sizes, open_nodes) for k, v in node.value)
    open_nodes.discard(key)
    sizes[key] = size
    return size


#: Anchors and aliases may repeat parts of a YAML resource, up to this many times its own size.
MAX_YAML_EXPANSION = 100


def read_yaml(path: str | Path, error: type[Exception], *, what: str):
    """Read a YAML resource file safely: (path, data, root node).

    Safe against malformed files and alias bombs ("billion laughs"): the file must be UTF-8 (or
    UTF-16/32 with a byte-order mark), only plain YAML types are built (no Python tags), and a
    file whose aliases expand it beyond :data:`MAX_YAML_EXPANSION` times its size is refused
    before anything is built.

    Parameters
    ----------
    path : str or pathlib.Path
    error : type of Exception
        The error to raise, with a message naming the file (and the line) and the problem.
    what : str
        What the file is, for the message ("actor dictionary").

    Returns
    -------
    path : pathlib.Path
    data : object
        The parsed document (None for an empty file).
    root : yaml.Node or None
        Its node tree, for line numbers.
    """
    path = Path(path)
    if not path.is_file():
        raise error(f"{what} not found: {path}")
    return (path, *parse_yaml(_decode_yaml(path, error), path, error))


def parse_yaml(text: str, path, error: type[Exception]):
    """Parse YAML text safely, as :func:`read_yaml` does: (data, root node).

    Parameters
    ----------
    text : str
    path : str or pathlib.Path
        Where the text comes from, for messages.
    error : type of Exception
        The error to raise.

    Returns
    -------
    data : object
    root : yaml.Node or None
    """
    fast = getattr(yaml, "CSafeLoader", None)     # LibYAML's parser: the same documents, several times faster
    if fast is not None:
        try:
            return _parse_with(fast, text, path, error)
        except error:
            pass        # read again by the pure-Python parser, for its messages (line numbers, context)
    return _parse_with(yaml.SafeLoader, text, path, error)


def _parse_with(loader_class, text: str, path, error: type[Exception]):
    """:func:`parse_yaml` with one of PyYAML's safe loaders."""
    loader = loader_class(text)
    try:
        root = loader.get_single_node()
        if root is None:
            return None, None
        try:
            size = _expanded_size(root, {}, set())
        except ValueError as err:
            raise error(f"{path}: {err}") from None
        if size > MAX_YAML_EXPANSION * len(text) + 10_000:
            raise error(f"{path}: its anchors and aliases expand it to more than {MAX_YAML_EXPANSION} times its size "
                        f"({size:,} nodes and characters from {len(text):,} characters); refused")
        return loader.construct_document(root), root
    except yaml.YAMLError as err:
        raise error(f"{path} is not valid YAML: {err}") from None
    except RecursionError:
        raise error(f"{path}: nested too deeply to be read") from None
    finally:
        loader.dispose()


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
    path, data, _ = read_yaml(path, error, what=what)
    if not isinstance(data, dict) or not isinstance(data.get(key), list):
        raise error(f"{path}: expected a top-level key {key!r} holding a list")
    return path, data


def json_lines(text: str):
    """Parse JSON Lines text, line by line, so that one bad line does not hide the good ones.

    Parameters
    ----------
    text : str
        The content of a JSON Lines file.

    Yields
    ------
    tuple
        ``(line number, value, error)`` for each non-blank line: the parsed value and None, or
        None and a message saying what is wrong with the line.
    """
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            yield number, json.loads(line), None
        except json.JSONDecodeError as error:
            yield number, None, f"not valid JSON ({error.msg}, character {error.colno})"


def jsonl_records(path: str | Path):
    """Yield (line number, parsed object) for each non-blank line of a JSON Lines file.

    Raises
    ------
    ValueError
        For a line that is not valid JSON, naming the file and the line.
    """
    path = Path(path)
    for number, value, error in json_lines(path.read_text(encoding="utf-8")):
        if error:
            raise ValueError(f"{path}, line {number}: {error}")
        yield number, value
