"""The files of a saved study: written whole, checked when opened, nothing read from outside.

A study's folder (:meth:`toolkit.Study.save`, :func:`toolkit.analyze_partitioned`) holds its
tables as Parquet, its actor dictionary as ``actors.yml`` and ``study.json``, which records the
settings and, for every file, its size, SHA-256 hash, row count and columns with their types.
:func:`toolkit.open_study` checks every file against that record before it reads a row, so that
a study never opens with a table missing, emptied, damaged, replaced or mixed with another
study's; what is wrong is a :class:`StudyError` that names the file.

A study is self-contained: the paths in ``study.json`` are relative to its folder, and nothing
outside the folder is read (no absolute path, no ``..``, no table whose name is not one of
:data:`toolkit.study.TABLES`, no file reached through a link that leaves the folder).

``Study.save`` writes into a new folder beside the target and swaps it in when the last file is
written: a save that stops half-way leaves the older study as it was. A save that is killed (no
chance to clean up) may leave a hidden ``.<name>.saving-...`` or ``.<name>.old-...`` folder beside
it: the next save of that folder deletes them, and opening a folder that such a save left missing
names them.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import uuid
from pathlib import Path

import pandas as pd

#: The version of the layout of ``study.json``; a study without ``format`` was written before
#: files were recorded (it opens, with its row counts checked).
FORMAT = 2
#: The columns a study's core tables must hold (see DESIGN.md's table contract).
CORE_COLUMNS = {
    "articles": ["article_id", "outlet", "published", "title", "url", "text", "source", "paywalled"],
    "cleaning_log": ["article_id", "line", "text", "reason"],
    "load_log": ["path", "status", "reason"],
    "sentences": ["article_id", "outlet", "paragraph", "sentence", "start", "end", "text"],
    "mentions": ["article_id", "outlet", "sentence", "actor", "surface", "start", "end", "kind"],
    "quotes": ["article_id", "outlet", "sentence", "speaker", "actor", "verb", "kind", "text", "start", "end"],
}
#: The name of a study's actor dictionary, in its folder.
DICTIONARY = "actors.yml"


class StudyError(ValueError):
    """A saved study that cannot be opened as it is; the message names the file and what is wrong."""


# --- one file ------------------------------------------------------------------------------

def sha256(path: Path) -> str:
    """The SHA-256 hash of a file's bytes, in hexadecimal."""
    with open(path, "rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def parquet_columns(path: Path) -> dict[str, str]:
    """The columns of a Parquet file and their Arrow types, from its schema (no row is read)."""
    import pyarrow.parquet as pq

    schema = pq.read_schema(path)
    return {name: str(schema.field(name).type) for name in schema.names}


def file_record(path: Path) -> dict:
    """What ``study.json`` records of a file: its size and hash, and for a Parquet table its
    rows and columns."""
    record = {"bytes": path.stat().st_size, "sha256": sha256(path)}
    if path.suffix == ".parquet":
        import pyarrow.parquet as pq

        record.update(rows=pq.ParquetFile(path).metadata.num_rows, columns=parquet_columns(path))
    return record


def inside(folder: Path, relative: str, *, where: str) -> Path:
    """``folder / relative``, refused (:class:`StudyError`) if it would leave the folder.

    Examples
    --------
    >>> inside(Path("study"), "../../etc/passwd", where="study.json")
    Traceback (most recent call last):
    ...
    toolkit.study_files.StudyError: study.json: '../../etc/passwd' is not a file of the study's folder ...
    """
    path = Path(relative)
    if not isinstance(relative, str) or not relative or path.is_absolute() or ".." in path.parts \
            or path.drive or "\\" in relative:
        raise StudyError(f"{where}: {relative!r} is not a file of the study's folder (a study reads nothing "
                         "outside its folder: paths are relative to it, without '..')")
    full = folder / path
    if full.exists() and not full.resolve().is_relative_to(folder.resolve()):
        raise StudyError(f"{full} is a link to {full.resolve()}, outside the study's folder; a study reads nothing "
                         "outside its folder: copy the file into it")
    return full


def file_problem(folder: Path, relative: str, record) -> str | None:
    """What is wrong with a file of a study, compared with its record; None if nothing.

    Checked in this order, so that the message is the most telling: present, readable as
    Parquet, the columns and their types, the rows, the size, the hash.
    """
    path = folder / relative
    if not path.is_file():
        return f"{relative} is missing"
    if not isinstance(record, dict) or not isinstance(record.get("bytes"), int) \
            or not isinstance(record.get("sha256"), str):
        return f"{relative} has no record of its size and hash"
    if path.suffix == ".parquet":
        try:
            columns = parquet_columns(path)
            import pyarrow.parquet as pq

            rows = pq.ParquetFile(path).metadata.num_rows
        except Exception as err:  # noqa: BLE001 - any file pyarrow cannot read: named in the message
            return f"{relative} is not a readable Parquet table ({type(err).__name__}: {str(err)[:200]})"
        expected = record.get("columns")
        if isinstance(expected, dict) and columns != expected:
            return f"{relative} has other columns than were saved: {column_difference(columns, expected)}"
        if rows != record.get("rows"):
            return f"{relative} holds {rows:,} rows, {record.get('rows')!r} were saved"
    size = path.stat().st_size
    if size != record["bytes"]:
        return f"{relative} holds {size:,} bytes, {record['bytes']:,} were saved"
    if sha256(path) != record["sha256"]:
        return f"{relative} is not the file that was saved (its SHA-256 hash differs)"
    return None


def column_difference(columns: dict[str, str], expected: dict[str, str]) -> str:
    """The columns missing, added or of another type, in words.

    Examples
    --------
    >>> column_difference({"a": "int64", "c": "string"}, {"a": "double", "b": "string"})
    'missing b; not saved: c; a is int64, not double'
    """
    parts = []
    missing = [c for c in expected if c not in columns]
    added = [c for c in columns if c not in expected]
    if missing:
        parts.append(f"missing {', '.join(missing)}")
    if added:
        parts.append(f"not saved: {', '.join(added)}")
    parts += [f"{c} is {columns[c]}, not {expected[c]}" for c in expected if c in columns and columns[c] != expected[c]]
    return "; ".join(parts) or "the same columns in another order"


def write_file(data, path: Path) -> None:
    """Write a table (Parquet) or a JSON value under a temporary name, then rename it: never a
    half-written file."""
    from .study import _to_parquet

    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.{uuid.uuid4().hex[:8]}.tmp")
    try:
        if path.suffix == ".json":
            temporary.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        else:
            _to_parquet(data, temporary)
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


# --- the actor dictionary ------------------------------------------------------------------

def write_dictionary(actors, folder: Path) -> str | None:
    """Write a study's actor dictionary into its folder as ``actors.yml``; its name there, or None.

    The file it was read from is copied as it is (with its comments, source and licence) if it
    still reads as the same dictionary; otherwise the dictionary is written out
    (:func:`toolkit.actors.dictionary.dump_actors`; a discovered one with its evidence).
    """
    from .actors.dictionary import ActorsError, dump_actors, load_actors

    if actors is None:
        return None
    target = folder / DICTIONARY
    source = Path(actors.source) if actors.source else None
    if source is not None and source.is_file() and source.resolve() != target.resolve():
        shutil.copyfile(source, target)
        try:
            copied = load_actors(target)
        except ActorsError:
            copied = None
        if copied is not None and (copied.actors, copied.name, copied.licence) == \
                (actors.actors, actors.name, actors.licence):
            return DICTIONARY
    if hasattr(actors, "to_yaml"):
        actors.to_yaml(target)
    else:
        dump_actors(actors, target)
    return DICTIONARY


def dictionary_text(actors) -> str | None:
    """The YAML text of a dictionary as :func:`write_dictionary` writes it (for comparing runs)."""
    import tempfile

    if actors is None:
        return None
    with tempfile.TemporaryDirectory() as folder:
        write_dictionary(actors, Path(folder))
        return (Path(folder) / DICTIONARY).read_text(encoding="utf-8")


def read_dictionary(folder: Path, meta: dict):
    """The actor dictionary of a saved study, read from its folder (or None)."""
    from .actors.dictionary import ActorsError, load_actors

    recorded = meta["settings"].get("actors")
    if recorded is None:
        return None
    where = folder / "study.json"
    if "format" not in meta and recorded != DICTIONARY:
        # written before studies held their dictionary: a copy in the folder, or a clear error
        if (folder / DICTIONARY).is_file():
            recorded = DICTIONARY
        elif recorded.endswith((".yml", ".yaml")) or "/" in recorded or "\\" in recorded:
            raise StudyError(f"{where}: the study was saved by an earlier version of the toolkit, which kept its "
                             f"actor dictionary outside the study's folder ({recorded}); a study reads nothing outside "
                             f"its folder: copy that file into {folder} as {DICTIONARY} and open it again")
        else:
            return None      # a dictionary given in memory, recorded by its name only
    if recorded != DICTIONARY:
        raise StudyError(f"{where}: settings.actors is {recorded!r}; a study's dictionary is the file "
                         f"{DICTIONARY!r} in its folder (or null)")
    path = checked_file(folder, DICTIONARY, meta, where=str(where), missing=f"its actor dictionary {DICTIONARY}")
    try:
        return load_actors(path)
    except ActorsError as err:
        raise StudyError(f"the study in {folder}: its actor dictionary is malformed: {err}") from None


# --- study.json ------------------------------------------------------------------------------

def read_meta(folder: Path) -> dict:
    """``study.json`` of a study's folder, checked: a mapping with the right keys and types.

    Raises
    ------
    FileNotFoundError
        If the folder has no ``study.json``.
    StudyError
        Naming the file and what is wrong.
    """
    from .study import TABLES, check_settings

    path = folder / "study.json"
    if not path.is_file():
        left = [p for p in leftovers(folder) if (p / "study.json").is_file()]
        what = [f"{p.name} (the study {'being saved' if '.saving-' in p.name else 'it replaced'})" for p in left]
        raise FileNotFoundError(f"no saved study in {folder} (no study.json)" + (
            f"; a save of it was killed before it finished, and left {' and '.join(what)} beside it: each is a "
            "whole study, rename one to open it" if left else ""))
    try:
        meta = json.loads(path.read_bytes().decode("utf-8"))
    except UnicodeDecodeError as err:
        raise StudyError(f"{path} is not UTF-8 text (byte {err.start}); it is not a study's record") from None
    except json.JSONDecodeError as err:
        raise StudyError(f"{path} is not valid JSON ({err.msg}, line {err.lineno}, column {err.colno})") from None
    except RecursionError:
        raise StudyError(f"{path}: nested too deeply to be a study's record") from None
    if not isinstance(meta, dict):
        raise StudyError(f"{path} holds a JSON {type(meta).__name__}, not an object with the study's settings "
                         "and tables")
    partitioned = "partitions" in meta
    if partitioned:
        partitions = meta["partitions"]
        if not isinstance(partitions, int) or isinstance(partitions, bool) or partitions < 1:
            raise StudyError(f"{path}: 'partitions' must be a whole number of at least 1, not {partitions!r}")
        if not isinstance(meta.get("complete"), bool):
            raise StudyError(f"{path}: 'complete' must be true or false, not {meta.get('complete')!r}")
        written = sum(partition_record(folder, number).is_file() for number in range(partitions))
        if not meta["complete"] or written != partitions:
            raise StudyError(f"the study in {folder} is incomplete: {written:,} of {partitions:,} partitions were "
                             "written; run the same analyze_partitioned call again to finish it")
    for key in ("settings", "tables"):
        if key not in meta:
            raise StudyError(f"{path} lacks the key {key!r}")
    if not isinstance(meta["settings"], dict):
        raise StudyError(f"{path}: 'settings' must be an object of settings, not {json.dumps(meta['settings'])[:60]}")
    try:
        meta["settings"] = check_settings(meta["settings"])
    except ValueError as err:
        raise StudyError(f"{path}: settings: {err}") from None
    format_ = meta.get("format")
    if "format" in meta and (not isinstance(format_, int) or isinstance(format_, bool) or format_ > FORMAT
                             or format_ < 2):
        raise StudyError(f"{path}: format {format_!r} is not one this version reads (up to {FORMAT}); "
                         "update the toolkit")
    tables = meta["tables"]
    if partitioned:
        if not isinstance(tables, list) or not all(isinstance(t, str) for t in tables):
            raise StudyError(f"{path}: 'tables' of a partitioned study must be a list of table names, not "
                             f"{json.dumps(tables)[:60]}")
    elif not isinstance(tables, dict) or not all(isinstance(n, int) and not isinstance(n, bool) and n >= 0
                                                 for n in tables.values()):
        raise StudyError(f"{path}: 'tables' must be an object of table names and row counts "
                         f"({{\"articles\": 2, ...}}), not {json.dumps(tables)[:60]}")
    names = list(tables)
    unknown = [name for name in names if name not in TABLES]
    if unknown:
        raise StudyError(f"{path}: {', '.join(map(repr, unknown))} is not a table of a study (a study reads only "
                         f"its own tables: {', '.join(TABLES)})")
    if len(set(names)) != len(names):
        raise StudyError(f"{path}: a table is listed twice")
    missing = [name for name in ("articles", "cleaning_log", "load_log") if name not in names]
    if missing:
        raise StudyError(f"the study in {folder} lacks the table(s) {', '.join(missing)}")
    if "format" in meta and (not isinstance(meta.get("files"), dict)
                             or not all(isinstance(r, dict) for r in meta["files"].values())):
        raise StudyError(f"{path}: 'files' must be an object of the study's files and their records")
    return meta


# --- saving ------------------------------------------------------------------------------

def _study_entries(names) -> set[str]:
    """The names a study writes in its folder (what a new save replaces)."""
    return {"study.json", DICTIONARY, "_partitions", *names, *(f"{n}.parquet" for n in names),
            *(f"{n}.csv" for n in names)}


def leftovers(folder: Path) -> list[Path]:
    """The folders a save of ``folder`` writes beside it (``.<name>.saving-...``, ``.<name>.old-...``)
    and left there: a save was killed (a crash, a power cut, a killed kernel) before it cleaned up."""
    parent = Path(folder).parent
    if not parent.is_dir():
        return []
    name = Path(folder).name
    return sorted(p for p in parent.iterdir() if p.is_dir() and re.fullmatch(
        rf"\.{re.escape(name)}\.(?:saving|old)-[0-9a-f]{{12}}", p.name))


def save_folder(folder: Path, tables: dict[str, pd.DataFrame], meta: dict, actors) -> Path:
    """Write a study (tables, dictionary, ``study.json`` last) into a new folder beside ``folder``
    and swap it in; the entries of an older study's folder that are not the study's are kept.

    Raises
    ------
    StudyError
        If ``folder`` is a file, or a folder that is not empty and holds no study.
    """
    from .study import TABLES

    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise StudyError(f"{folder} is a file, not a folder: choose a folder for the study")
    if folder.is_dir() and any(folder.iterdir()) and not (folder / "study.json").is_file():
        raise StudyError(f"{folder} is not empty and holds no study: choose an empty folder (a study's folder is "
                         "replaced when saved again)")
    folder.parent.mkdir(parents=True, exist_ok=True)
    for stale in leftovers(folder):        # of a save killed before it could clean up
        shutil.rmtree(stale, ignore_errors=True)
    new = folder.parent / f".{folder.name}.saving-{uuid.uuid4().hex[:12]}"
    new.mkdir()
    try:
        files = {}
        for name, table in tables.items():
            write_file(table, new / f"{name}.parquet")
            files[f"{name}.parquet"] = file_record(new / f"{name}.parquet")
        settings = dict(meta["settings"], actors=write_dictionary(actors, new))
        if actors is not None:
            files[DICTIONARY] = file_record(new / DICTIONARY)
        write_file({**meta, "settings": settings, "format": FORMAT, "files": files}, new / "study.json")
        if folder.is_dir():
            ours = _study_entries(TABLES)
            for entry in folder.iterdir():     # the user's own files in the folder move to the new one
                if entry.name not in ours and not (new / entry.name).exists():
                    os.replace(entry, new / entry.name)
            old = folder.parent / f".{folder.name}.old-{uuid.uuid4().hex[:12]}"
            os.replace(folder, old)
            os.replace(new, folder)
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.replace(new, folder)
    except BaseException:
        if new.exists() and not (new / "study.json").is_file():
            shutil.rmtree(new, ignore_errors=True)
        raise
    return folder


# --- opening -----------------------------------------------------------------------------

def checked_file(folder: Path, relative: str, meta: dict, *, where: str, missing: str, advice: str = "") -> Path:
    """The path of a file of a study, inside its folder and as its record says (size and hash), or a
    :class:`StudyError` naming what is wrong; a study saved before files were recorded is only
    checked for the file's presence."""
    path = inside(folder, relative, where=where)
    if "format" in meta:
        problem = file_problem(folder, relative, meta["files"].get(relative))
        if problem:
            raise StudyError(f"the study in {folder}: {problem}{advice}")
    elif not path.is_file():
        raise StudyError(f"the study in {folder} lacks {missing}")
    return path


def read_table(folder: Path, relative: str, meta: dict, *, name: str) -> pd.DataFrame:
    """A table file of a study, checked against its record (and the core columns), then read."""
    path = checked_file(folder, relative, meta, where=str(folder / "study.json"), missing=f"the table(s) {name}",
                        advice="; save the study again (or run it again)")
    try:
        table = pd.read_parquet(path)
    except Exception as err:  # noqa: BLE001 - any file pyarrow cannot read: named in the message
        raise StudyError(f"{path} is not a readable Parquet table ({type(err).__name__}: {str(err)[:200]})") from None
    check_core_columns(table, name, path)
    return table


def check_core_columns(table: pd.DataFrame, name: str, path: Path) -> None:
    """A core table must hold the columns of the table contract (:data:`CORE_COLUMNS`)."""
    missing = [c for c in CORE_COLUMNS.get(name, ()) if c not in table.columns]
    if missing:
        raise StudyError(f"{path} is not a {name} table: it lacks the column(s) {', '.join(missing)}")


def read_saved_tables(folder: Path, meta: dict) -> dict[str, pd.DataFrame]:
    """The tables of a study written by :meth:`toolkit.Study.save`, each checked, then read."""
    tables = {}
    for name, rows in meta["tables"].items():
        table = read_table(folder, f"{name}.parquet", meta, name=name)
        if len(table) != rows:
            raise StudyError(f"the study in {folder}: {name}.parquet holds {len(table):,} rows, study.json records "
                             f"{rows:,}; save the study again")
        tables[name] = table
    return tables


# --- partitioned studies -----------------------------------------------------------------

def partition_record(folder: Path, number: int) -> Path:
    """The record of a partition of a partitioned study (written when its tables are)."""
    return folder / "_partitions" / f"part-{number:05d}.json"


def partition_part(name: str, number: int) -> str:
    """The file of a table's partition, relative to the study's folder."""
    return f"{name}/part-{number:05d}.parquet"


def read_partition_record(folder: Path, number: int) -> tuple[dict | None, str | None]:
    """A partition's record and what is wrong with it (None, or the problem in words)."""
    path = partition_record(folder, number)
    if not path.is_file():
        return None, f"its record {path.relative_to(folder).as_posix()} is missing"
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, RecursionError):
        return None, f"its record {path.relative_to(folder).as_posix()} is not valid JSON"
    if not isinstance(record, dict) or not isinstance(record.get("files"), dict):
        return None, (f"its record {path.relative_to(folder).as_posix()} holds no sizes and hashes of its files "
                      "(written by an earlier version of the toolkit)")
    return record, None


def partition_problem(folder: Path, number: int, tables) -> str | None:
    """What is wrong with a partition's files, compared with its record; None if nothing."""
    record, problem = read_partition_record(folder, number)
    if problem:
        return problem
    for name in tables:
        inside(folder, partition_part(name, number), where=str(partition_record(folder, number)))
        problem = file_problem(folder, partition_part(name, number), record["files"].get(partition_part(name, number)))
        if problem:
            return problem
    return None


def read_partitioned_tables(folder: Path, meta: dict) -> dict[str, pd.DataFrame]:
    """The tables of a study written by :func:`toolkit.analyze_partitioned`, every partition and
    file checked against its record, then read (only the files the study lists)."""
    from .cluster import PARTITION_TABLES
    from .parallel import join_batches
    from .study import _TABLE_ORDER

    partitions = meta["partitions"]
    if "format" not in meta:
        raise StudyError(f"the study in {folder} was written by an earlier version of the toolkit, which did not "
                         "record the sizes and hashes of its files; run analyze_partitioned again into an empty "
                         "folder")
    for number in range(partitions):
        problem = partition_problem(folder, number, PARTITION_TABLES)
        if problem:
            raise StudyError(f"the study in {folder} has a damaged partition {number}: {problem}; run the same "
                             "analyze_partitioned call again to compute it again")
    where = str(folder / "study.json")
    for relative, record in meta["files"].items():
        inside(folder, relative, where=where)
        problem = file_problem(folder, relative, record)
        if problem:
            raise StudyError(f"the study in {folder}: {problem}; run the same analyze_partitioned call again")
    tables = {}
    for name in meta["tables"]:
        files = sorted([partition_part(name, n) for n in range(partitions)] if name in PARTITION_TABLES else [])
        files = sorted(files + [r for r in meta["files"] if r.startswith(f"{name}/")])
        if not files:
            raise StudyError(f"the study in {folder} lacks the table(s) {name}")
        parts = []
        for relative in files:
            try:
                parts.append(pd.read_parquet(folder / relative))
            except Exception as err:  # noqa: BLE001 - checked above; a race with another writer
                raise StudyError(f"{folder / relative} is not a readable Parquet table ({err})") from None
        tables[name] = join_batches(parts, sort=_TABLE_ORDER.get(name))
        check_core_columns(tables[name], name, folder / name)
    return tables
