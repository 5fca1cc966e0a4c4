"""Loading articles from text, HTML, tables and data frames into the articles table.

:func:`load_corpus` reads every input, records each one in a load log, cleans the text (see
:mod:`toolkit.loading.cleaning`) and returns the articles table with its cleaning log and load log.
:func:`load_articles` returns the articles table alone.

Metadata precedence, from strongest to weakest: the arguments of the call, the manifest, the
file's own header or HTML metadata, then inference (the headline found by cleaning, the
outlet from the URL's domain).
"""

from __future__ import annotations

import errno
import csv
import hashlib
import io
import os
import re
import stat
import unicodedata
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal
from urllib.parse import urlparse

import numpy as np
import pandas as pd

from .._checks import check_choice
from .._files import json_lines, parse_yaml
from ..text.normalize import remove_invisible
from .cleaning import CLEANING_LOG_COLUMNS, CleaningRules, clean_text, load_rules
from .encoding import InputError, decode_bytes
from .language import language_of

#: The columns of the articles table (DESIGN.md's contract first, then additions).
ARTICLE_COLUMNS = ["article_id", "outlet", "published", "title", "url", "text", "source",
                   "paywalled", "truncated", "duplicate_of", "author", "encoding", "captions", "language", "event"]
#: The columns of the load log.
LOAD_LOG_COLUMNS = ["path", "status", "reason", "article_id"]
#: Metadata fields that a call, a manifest, a file header or a table column may set.
METADATA_FIELDS = ("outlet", "published", "title", "url", "author", "event")
#: The column names a table's fields are read from, in order of preference, when ``columns=``
#: does not name them. Names match ignoring letter case, spaces, ``_``, ``-`` and ``.``
#: (``published_at``, ``publishedAt`` and ``Published At`` are one name); the first present is read.
COLUMN_NAMES = {
    "text": ("text", "body", "content", "full_text", "article_text", "maintext"),
    "article_id": ("article_id", "id", "doc_id", "document_id", "uuid", "guid"),
    "outlet": ("outlet", "source", "site", "publisher", "source_name", "site_name", "sitename", "publication",
               "newspaper", "media"),
    "published": ("published", "date", "published_at", "pubdate", "datetime", "timestamp", "publish_date",
                  "publication_date", "date_published"),
    "title": ("title", "headline"),
    "url": ("url", "link"),
    "author": ("author", "authors", "byline"),
    "event": ("event", "event_id"),
}
#: File types, by extension.
FILE_TYPES = {".txt": "text", ".text": "text", ".html": "html", ".htm": "html",
              ".csv": "table", ".tsv": "table", ".jsonl": "table", ".ndjson": "table",
              ".json": "table", ".parquet": "table"}
MANIFEST_NAMES = ("manifest.csv", "manifest.yml", "manifest.yaml")
#: Files in a folder that document it and are not read: README and LICENSE files, Markdown.
_DOCUMENTATION = re.compile(r"(?i)^(readme|licen[cs]e|copying)(\.\w+)?$|\.(md|markdown|rst)$")

Errors = Literal["raise", "skip"]


@dataclass(frozen=True)
class Corpus:
    """Articles with the record of how they were loaded and cleaned.

    Attributes
    ----------
    articles : pandas.DataFrame
        One row per article; columns in :data:`ARTICLE_COLUMNS`.
    cleaning_log : pandas.DataFrame
        One row per removed line: ``article_id, outlet, line, text, reason, rule``.
    load_log : pandas.DataFrame
        One row per input (file, table row, manifest row without a file) and per path seen
        while walking a folder that was not read: ``path, status, reason, article_id``. Status
        is "loaded"; "skipped" (bad input, with ``errors="skip"``: the reason says what is
        wrong); "ignored" (hidden files and folders, a second link to a file already read,
        anything that is not a regular file: never an error); or "followed" (a symbolic link
        to a folder, whose files are listed under the link's name). The reason of a loaded
        input lists every decision that changed its text (encoding, bytes replaced, mojibake
        repaired).
    """

    articles: pd.DataFrame
    cleaning_log: pd.DataFrame
    load_log: pd.DataFrame


@dataclass
class _Raw:
    """One article as read from its input, before cleaning and metadata merging."""

    article_id: str
    source: str
    text: str
    meta: dict = field(default_factory=dict)
    encoding: str | None = None
    notes: list[str] = field(default_factory=list)
    header: list[tuple[int, str, str, str]] = field(default_factory=list)
    manifest_key: str | None = None


class _Log:
    """Collects load-log rows and applies the ``errors=`` policy."""

    def __init__(self, errors: str):
        self.errors = errors
        self.rows: list[tuple] = []

    def fail(self, path: str, reason: str) -> None:
        if self.errors == "raise":
            raise InputError(f"{path}: {reason}")
        self.rows.append((path, "skipped", reason, None))

    def note(self, path: str, status: str, reason: str) -> None:
        """Record a path that is not read, or a link followed: never an error."""
        self.rows.append((path, status, reason, None))

    def loaded(self, path: str, article_id: str, notes: list[str]) -> None:
        self.rows.append((path, "loaded", "; ".join(notes), article_id))


# --- text files ---------------------------------------------------------------------------

_HEADER_KEY = re.compile(
    r"^\s*(?P<key>date|published|title|headline|url|link|outlet|publisher|author|byline|event)\b"
    r"\s*(?P<colon>:)?\s*", re.IGNORECASE)
_HEADER_KEYS = {"date": "published", "published": "published", "title": "title",
                "headline": "title", "url": "url", "link": "url", "outlet": "outlet",
                "publisher": "outlet", "author": "author", "byline": "author", "event": "event"}
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:?\d{2})?)?")
_URL = re.compile(r"https?://\S+")


_SEPARATOR = re.compile(r"^\s*(?:-{3,}|={3,}|\*{3,}|_{3,}|~{3,})\s*$")


def parse_header(text: str) -> tuple[dict, str, list[tuple[int, str, str, str]]]:
    """Read the optional metadata header that opens a text file.

    A header is a run of lines at the top such as ``title: ...``, ``url: ...`` or
    ``date 2025-12-04``. With a colon, the rest of the line is the value. Without one, only
    an ISO date (for ``date``/``published``) or a URL (for ``url``/``link``) is taken, and the
    body may go on on the same line, as in ``date 2025-12-04 Ukraine and its allies ...``.
    A blank line or a separator line (``---``, also ``===``, ``***``) ends the header; the
    separator is removed with it, as is a separator that opens the file before the header
    (YAML front matter: ``---``, header lines, ``---``).

    Parameters
    ----------
    text : str
        The file's text.

    Returns
    -------
    meta : dict
        Field name (``published``, ``title``, ``url``, ``outlet``, ``author``, ``event``) to value.
    body : str
        The text without the header; line numbers are unchanged.
    removed : list of tuple
        ``(line, text, reason, rule)`` for each piece of header removed.

    Examples
    --------
    >>> meta, body, removed = parse_header(" date 2025-12-04 Ukraine and its allies said")
    >>> meta, body
    ({'published': '2025-12-04'}, 'Ukraine and its allies said')
    >>> meta, body, removed = parse_header("title: Talks end\\noutlet: Herald\\n---\\nThe talks ended.")
    >>> meta, body, [line for line, *_ in removed]
    ({'title': 'Talks end', 'outlet': 'Herald'}, '\\n\\n\\nThe talks ended.', [1, 2, 3])
    """
    lines = text.split("\n")
    meta: dict = {}
    removed = []
    opening = None          # a separator before the first header line
    ended = False           # the header ended at a separator
    i = 0
    while i < len(lines) and not lines[i].strip():
        i += 1
    if i < len(lines) and _SEPARATOR.match(lines[i]):
        opening, i = i, i + 1
    for i in range(i, len(lines)):
        line = lines[i]
        if not line.strip():
            if meta:
                break
            continue
        m = _HEADER_KEY.match(line)
        if not m:
            if meta and _SEPARATOR.match(line):
                removed.append((i + 1, line.strip(), "metadata header (end)", "header"))
                lines[i], ended = "", True
            break
        name = _HEADER_KEYS[m["key"].lower()]
        rest = line[m.end():]
        if m["colon"]:
            value, body_rest = rest.strip(), ""
        else:
            pattern = {"published": _ISO_DATE, "url": _URL}.get(name)
            value_match = pattern.match(rest) if pattern else None
            if value_match is None:
                break
            value, body_rest = value_match.group(), rest[value_match.end():].lstrip()
        if name in meta or not value:
            break
        meta[name] = value
        header_text = line[: len(line) - len(body_rest)].strip() if body_rest else line.strip()
        removed.append((i + 1, header_text, f"metadata header ({name})", "header"))
        lines[i] = body_rest
        if body_rest:
            break
    else:
        i = len(lines)
    if meta:
        # a separator after the blank lines that end the header ends it too
        j = i
        while j < len(lines) and not lines[j].strip():
            j += 1
        if not ended and j < len(lines) and _SEPARATOR.match(lines[j]):
            removed.append((j + 1, lines[j].strip(), "metadata header (end)", "header"))
            lines[j] = ""
        if opening is not None:
            removed.insert(0, (opening + 1, lines[opening].strip(), "metadata header (start)", "header"))
            lines[opening] = ""
    return meta, "\n".join(lines), removed


def _read_text(path: Path, name: str, article_id: str, encoding: str | None) -> list[_Raw]:
    decoded = decode_bytes(path.read_bytes(), name=name, encoding=encoding)
    meta, body, header = parse_header(decoded.text)
    return [_Raw(article_id, name, body, meta, decoded.encoding, list(decoded.notes), header, manifest_key=name)]


# --- HTML ---------------------------------------------------------------------------------

def _read_html(path: Path, name: str, article_id: str, encoding: str | None) -> list[_Raw]:
    import trafilatura  # imported here: it is slow to import and only HTML needs it

    decoded = decode_bytes(path.read_bytes(), name=name, encoding=encoding)
    extracted = trafilatura.bare_extraction(decoded.text, with_metadata=True, include_comments=False,
                                            include_tables=False)
    doc = extracted.as_dict() if extracted is not None else {}
    if not (doc.get("text") or "").strip():
        raise InputError(f"{name}: no main text found in the HTML")
    meta = {"title": doc.get("title"), "published": doc.get("date"),
            "outlet": doc.get("sitename"), "url": doc.get("url"), "author": doc.get("author")}
    meta = {k: v for k, v in meta.items() if v}
    notes = ["main text extracted by trafilatura", *decoded.notes]
    return [_Raw(article_id, name, doc["text"], meta, decoded.encoding, notes, manifest_key=name)]


# --- tables -------------------------------------------------------------------------------

#: A Parquet file is compressed: a few hundred bytes can decode to gigabytes. It is read in batches, and refused
#: when its data once decoded exceed this many times the file's size (at least :data:`MIN_PARQUET_BUDGET` bytes)...
PARQUET_EXPANSION = 100
MIN_PARQUET_BUDGET = 64 * 1024**2
#: ... or this many bytes: larger tables are analyzed in pieces (:func:`toolkit.analyze_partitioned`).
MAX_TABLE_BYTES = 1024**3


def _decoded_size(batch) -> int:
    """The bytes a record batch takes once its dictionary-encoded columns are decoded."""
    import pyarrow as pa
    import pyarrow.compute as pc

    size = 0
    for column in batch.columns:
        if pa.types.is_dictionary(column.type):
            lengths = pc.binary_length(column.dictionary) if (
                pa.types.is_string(column.dictionary.type) or pa.types.is_binary(column.dictionary.type)
                or pa.types.is_large_string(column.dictionary.type) or pa.types.is_large_binary(column.dictionary.type)
            ) else None
            size += (pc.sum(pc.take(lengths, column.indices)).as_py() or 0) if lengths is not None else column.nbytes
            size += column.indices.nbytes
        else:
            size += column.nbytes
    return size


def read_parquet_table(path: str | Path, *, name: str | None = None, row_groups=None) -> pd.DataFrame:
    """Read a Parquet file (or some of its row groups) within a size budget, in batches.

    Text columns are read dictionary-encoded and measured before they are decoded, so that a
    small file that expands to gigabytes (the same long text in every row) is refused before it
    fills the memory: the data once decoded may not exceed :data:`PARQUET_EXPANSION` times the
    file's size (at least :data:`MIN_PARQUET_BUDGET`), nor :data:`MAX_TABLE_BYTES`.

    Parameters
    ----------
    path : str or pathlib.Path
    name : str, optional
        The file's name in messages (by default its path).
    row_groups : list of int, optional
        Only these row groups (a piece of :func:`toolkit.analyze_partitioned`).

    Returns
    -------
    pandas.DataFrame

    Raises
    ------
    toolkit.InputError
        If the data exceed the budget; the message gives the budget and what to do.
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    name = name or str(path)
    size = os.path.getsize(path)
    budget = min(MAX_TABLE_BYTES, max(MIN_PARQUET_BUDGET, PARQUET_EXPANSION * size))
    whole = pq.ParquetFile(path)
    schema, meta = whole.schema_arrow, whole.metadata
    stored = sum(meta.row_group(g).column(c).total_uncompressed_size          # pages as stored, before decoding
                 for g in (range(meta.num_row_groups) if row_groups is None else row_groups)
                 for c in range(meta.num_columns))
    text = [f.name for f in schema if pa.types.is_string(f.type) or pa.types.is_large_string(f.type)
            or pa.types.is_binary(f.type) or pa.types.is_large_binary(f.type)]
    file = pq.ParquetFile(path, read_dictionary=text)
    batches, total, rows = [], 0, 0
    for batch in ([] if stored > budget else file.iter_batches(batch_size=1024, row_groups=row_groups)):
        total += _decoded_size(batch)
        if total > budget:
            raise _over_budget(name, budget, size, rows)
        rows += batch.num_rows
        batches.append(pa.RecordBatch.from_arrays(
            [c.dictionary_decode() if pa.types.is_dictionary(c.type) else c for c in batch.columns],
            names=batch.schema.names))
    if stored > budget:
        raise _over_budget(name, budget, size, 0)
    return (pa.Table.from_batches(batches) if batches else schema.empty_table()).to_pandas()


def _over_budget(name: str, budget: int, size: int, rows: int) -> InputError:
    shown = f"{budget / 1024**2:,.0f} MB" if budget >= 1024**2 else f"{budget:,} bytes"
    return InputError(f"{name}: its table holds more than {shown} once decompressed (after "
                      f"{rows:,} rows), from a file of {size:,} bytes; the budget of a table read whole is "
                      f"{PARQUET_EXPANSION} times its file's size and at most {MAX_TABLE_BYTES / 1024**3:g} GB: "
                      "a larger corpus is analyzed in pieces with toolkit.analyze_partitioned (a Parquet file "
                      "a row group at a time), or split into several files")


_TABLE_KINDS = {".parquet": "Parquet", ".json": "JSON", ".csv": "CSV", ".tsv": "TSV"}
_BAD_CSV_LINE = re.compile(r"Skipping line (\d+): (.+)")


_CSV_ERRORS = {"expected after": "text after a closing quote mark (a quote mark inside a field must be doubled)",
               "unexpected end of data": "a quote mark opened here is never closed (the field runs to the end of the file)"}


def _checked_csv(text: str, *, sep: str, name: str, kind: str, log: _Log, shift: int = 0) -> tuple[str, list[int]]:
    """The text of a CSV or TSV file without its malformed records, each logged with the lines it spans,
    and the line each record kept starts on.

    Python's CSV reader in strict mode reads every record, as pandas would, but refuses what pandas
    reads silently: text after a closing quote mark (``"broken"x`` read as ``brokenx``), and a quote
    mark never closed (which swallows the lines after it). A record with more fields than the header
    is malformed too. The header itself must be well formed. ``shift`` is added to the number of
    every line after the header (for a piece of a file, :func:`line_pieces`).
    """
    lines = list(io.StringIO(text, newline=""))
    reader = csv.reader(iter(lines), delimiter=sep, strict=True)
    width, bad, starts = None, [], []
    while True:
        first = reader.line_num + 1
        try:
            record = next(reader)
        except StopIteration:
            break
        except csv.Error as err:
            problem = next((said for key, said in _CSV_ERRORS.items() if key in str(err)), str(err))
        else:
            if not record:
                continue
            if width is None:
                width = len(record)
                continue
            if len(record) <= width:
                starts.append(first + shift)
                continue
            problem = f"expected {width} fields, saw {len(record)}"
        last = max(reader.line_num, first)
        if width is None:
            raise InputError(f"{name} is not a valid {kind} table: its header (line {first}) is malformed: {problem}")
        where = f"line={first + shift}" if last == first else f"lines={first + shift}-{last + shift}"
        if last > first:
            problem += f" (a quote mark left open joined lines {first + shift} to {last + shift} into one record)"
        log.fail(f"{name}#{where}", f"malformed {kind} line: {problem}")
        bad.append((first, last))
    if not bad:
        return text, starts
    dropped = {number for first, last in bad for number in range(first, last + 1)}
    return "".join(line for number, line in enumerate(lines, start=1) if number not in dropped), starts


def _csv_table(text: str, *, suffix: str, name: str, log: _Log, shift: int = 0) -> tuple[pd.DataFrame, list[int]]:
    """The rows of CSV or TSV text, its malformed records logged (:func:`_checked_csv`), and the line each row
    starts on."""
    sep = "\t" if suffix == ".tsv" else ","
    text, starts = _checked_csv(text, sep=sep, name=name, kind=_TABLE_KINDS[suffix], log=log, shift=shift)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        table = pd.read_csv(io.StringIO(text), sep=sep, dtype=str, keep_default_na=False, na_values=[""],
                            on_bad_lines="warn")
    for warning in caught:
        for number, problem in _BAD_CSV_LINE.findall(str(warning.message)):
            log.fail(f"{name}#line={int(number) + shift}",
                     f"malformed {_TABLE_KINDS[suffix]} line: {problem.strip().rstrip('.')}")
    return table, starts


def _jsonl_table(text: str, name: str, log: _Log, first_line: int = 1) -> tuple[pd.DataFrame, list[str]]:
    """The objects of JSON Lines text and a label for each (``line=N``, counted from ``first_line``); each line that
    is not a JSON object is logged."""
    records, labels = [], []
    for number, value, error in json_lines(text):
        number += first_line - 1
        if error is None and not isinstance(value, dict):
            error = f"a JSON {type(value).__name__}, not an object with a text field"
        if error:
            log.fail(f"{name}#line={number}", error)
        else:
            records.append(value)
            labels.append(f"line={number}")
    return pd.DataFrame.from_records(records), labels


#: A JSON Lines, CSV or TSV file larger than this is read in pieces of whole records of about this size
#: (:func:`line_pieces`): one piece at a time by :func:`load_corpus`, each piece by one worker by
#: :func:`toolkit.analyze_partitioned`.
PIECE_BYTES = 32 * 1024**2
_LINE_FILES = (".jsonl", ".ndjson")
_CSV_FILES = (".csv", ".tsv")


def line_pieces(path: str | Path, *, size: int | None = None) -> list[tuple[int, int, int]]:
    """Split a JSON Lines, CSV or TSV file into pieces of whole records: ``(start byte, end byte, number of the
    first line)``.

    A piece of a CSV or TSV file ends at a line break outside quotes (an even number of quote marks
    before it in the piece: a field may hold line breaks), and is read with the file's header line
    (:func:`load_line_piece`). A file of at most ``size`` bytes (default :data:`PIECE_BYTES`), of another kind, or
    in UTF-16 or UTF-32 (whose line breaks are not single bytes) is one piece. The file is read once, a piece at a
    time.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "t.jsonl"
    >>> _ = path.write_text('{"text": "a"}\\n{"text": "b"}\\n{"text": "c"}\\n')
    >>> line_pieces(path, size=20)
    [(0, 28, 1), (28, 42, 3)]
    >>> _ = (path.parent / "t.csv").write_text('text,outlet\\n"a\\nb",X\\n"c",Y\\n')
    >>> line_pieces(path.parent / "t.csv", size=14)
    [(0, 20, 1), (20, 26, 4)]
    """
    size = PIECE_BYTES if size is None else size
    path = Path(path)
    total, suffix = path.stat().st_size, path.suffix.lower()
    with open(path, "rb") as handle:
        wide = handle.read(4).startswith((b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff"))
        if total <= size or suffix not in _LINE_FILES + _CSV_FILES or wide:
            return [(0, total, 1)]
        pieces, start, line = [], 0, 1
        while start < total:
            handle.seek(start)
            chunk = handle.read(size)
            rest = [handle.readline()] if not chunk.endswith(b"\n") else []
            if suffix in _CSV_FILES:        # on to a line break outside quotes
                quotes = chunk.count(b'"') + sum(r.count(b'"') for r in rest)
                while quotes % 2 and (more := handle.readline()):
                    rest.append(more)
                    quotes += more.count(b'"')
            end = start + len(chunk) + sum(map(len, rest))
            pieces.append((start, end, line))
            line += chunk.count(b"\n") + sum(r.count(b"\n") for r in rest)
            start = end
    return pieces


def load_line_piece(path: str | Path, *, name: str, start: int, end: int, first_line: int,
                    columns: dict | None = None, errors: Errors = "raise", clean: bool = True, rules=None,
                    encoding: str | None = None) -> Corpus:
    """Load the articles of a piece of a JSON Lines, CSV or TSV file (:func:`line_pieces`), named as in the whole
    file.

    Each record's place is ``name#line=N`` (the line it starts on) and an article without an
    ``article_id`` is called ``<name without extension>-N``, N counted in the whole file, so that the
    pieces give the articles of :func:`load_corpus` on the whole file (which reads a large file in the
    same pieces).

    Parameters
    ----------
    path : str or pathlib.Path
    name : str
        The file's name (relative to the folder listed).
    start, end : int
        The piece's bytes (end exclusive), at line breaks.
    first_line : int
        The number of its first line in the whole file, from 1.
    columns, errors, clean, rules, encoding
        As for :func:`load_corpus`.

    Returns
    -------
    Corpus
    """
    log, rules = _policy(errors, rules)
    raws = _piece_rows(Path(path), name=name, start=start, end=end, first_line=first_line, columns=columns,
                       encoding=encoding, log=log)
    return _assemble(raws, log, manifest_path=None, manifest_rows={}, explicit={}, rules=rules, clean=clean)


def _piece_rows(path: Path, *, name: str, start: int, end: int, first_line: int, columns, encoding, log: _Log):
    """The raw articles of a piece of a JSON Lines, CSV or TSV file (see :func:`load_line_piece`)."""
    suffix = path.suffix.lower()
    with open(path, "rb") as handle:
        header = handle.readline() if suffix in _CSV_FILES and start > 0 else b""
        handle.seek(start)
        data = header + handle.read(end - start)
    decoded = decode_bytes(data, name=name, encoding=encoding)
    if suffix in _CSV_FILES:        # (its header is line 1; the piece's lines go on from first_line)
        table, starts = _csv_table(decoded.text, suffix=suffix, name=name, log=log,
                                   shift=first_line - 2 if start > 0 else 0)
        if len(starts) != len(table):
            raise InputError(f"{name}: the records of lines {first_line} on could not be told apart "
                             f"({len(starts)} records, {len(table)} rows read)")
        labels = [f"line={n}" for n in starts]
    else:
        table, labels = _jsonl_table(decoded.text, name, log, first_line)
    return _table_rows(table, name=name, id_prefix=Path(name).with_suffix("").as_posix(), columns=columns, log=log,
                       labels=labels, notes=list(decoded.notes)) if len(table) else []


def _read_table_file(path: Path, name: str, encoding: str | None, log: _Log) -> tuple[pd.DataFrame, list, list[str]]:
    """Read a table file: (table, a label for each row, notes on the decoding).

    Malformed lines of CSV, TSV and JSON Lines files are logged by line number (an error with
    ``errors="raise"``) and the good rows are kept.
    """
    suffix = path.suffix.lower()
    notes: list[str] = []
    try:
        if suffix == ".parquet":
            table = read_parquet_table(path, name=name)
            return table, [f"row={i}" for i in range(1, len(table) + 1)], notes
        decoded = decode_bytes(path.read_bytes(), name=name, encoding=encoding)
        notes = list(decoded.notes)
        if suffix in (".jsonl", ".ndjson"):
            return (*_jsonl_table(decoded.text, name, log), notes)
        if suffix in (".csv", ".tsv"):
            table, _ = _csv_table(decoded.text, suffix=suffix, name=name, log=log)
        else:
            table = pd.read_json(io.StringIO(decoded.text), dtype=False)
        return table, [f"row={i}" for i in range(1, len(table) + 1)], notes
    except InputError:
        raise
    except Exception as err:  # pandas and pyarrow raise many kinds; name the file and the cause
        raise InputError(f"{name} is not a valid {_TABLE_KINDS.get(suffix, 'JSON Lines')} table: "
                         f"{str(err).splitlines()[0]}") from None


def _text_value(value, where: str) -> tuple[str | None, list[str], str | None]:
    """A table cell meant to hold article text: (text, notes, what is wrong with it)."""
    if isinstance(value, (bytes, bytearray)):
        try:
            decoded = decode_bytes(bytes(value), name=where)
        except InputError as err:
            return None, [], f"text holds bytes that are not text: {str(err).removeprefix(where).strip()}"
        return decoded.text, [f"text stored as bytes, decoded as {decoded.encoding}", *decoded.notes], None
    if isinstance(value, str):
        return (value, [], None) if value.strip() else (None, [], "empty text")
    if value is None or _is_missing(value):
        return None, [], "empty text"
    shown = repr(value)
    return None, [], (f"text is of type {type(value).__name__} ({shown[:40]}{'…' if len(shown) > 40 else ''}), not a "
                      "string: is the text column mapped to the right column?")


def _column_key(name) -> str:
    """A column name as :data:`COLUMN_NAMES` matches it: no case, spaces, ``_``, ``-`` or ``.``."""
    return re.sub(r"[\s_.\-]", "", str(name).casefold())


def table_columns(names, columns: dict | None = None) -> tuple[dict, list[str]]:
    """Which column of a table each field is read from.

    A field named in ``columns`` is read from that column; any other field from the first of
    its names in :data:`COLUMN_NAMES` that the table has (ignoring letter case, spaces,
    ``_``, ``-`` and ``.``). A column is read for one field at most.

    Parameters
    ----------
    names : list
        The table's column names.
    columns : dict, optional
        The user's mapping, field to column name.

    Returns
    -------
    fields : dict
        Field (``text``, ``article_id``, ``outlet``, ``published``, ``title``, ``url``, ``author``,
        ``event``) to the column it is read from; fields without a column are left out.
    unread : list of str
        The columns that no field is read from.

    Examples
    --------
    >>> table_columns(["id", "source", "date", "headline", "body", "bias"])
    ({'text': 'body', 'article_id': 'id', 'outlet': 'source', 'published': 'date', 'title': 'headline'}, ['bias'])
    """
    columns = dict(columns or {})
    fields = {f: c for f, c in columns.items() if c in list(names)}
    taken = set(fields.values())
    by_key: dict[str, object] = {}
    for name in names:
        by_key.setdefault(_column_key(name), name)
    for field_name, aliases in COLUMN_NAMES.items():
        if field_name in columns:
            continue
        for alias in aliases:
            name = by_key.get(_column_key(alias))
            if name is not None and name not in taken:
                fields[field_name] = name
                taken.add(name)
                break
    return fields, [str(n) for n in names if n not in taken]


def _table_rows(table: pd.DataFrame, *, name: str, id_prefix: str, columns: dict | None,
                log: _Log, labels: list | None = None, notes: list[str] = ()) -> list[_Raw]:
    """Turn the rows of a table into raw articles, using the column mapping."""
    columns = dict(columns or {})
    unknown = set(columns) - {"text", "article_id", *METADATA_FIELDS}
    if unknown:
        raise ValueError(f"columns= maps unknown field(s) {', '.join(sorted(unknown))}; "
                         f"valid fields are text, article_id, {', '.join(METADATA_FIELDS)}")
    if table.empty:
        log.fail(name, "the table has no rows to load")
        return []
    present, unread = table_columns(list(table.columns), columns)
    missing = [f"{col!r} (for {f})" for f, col in columns.items() if col not in table.columns]
    if missing:
        raise InputError(f"{name} lacks the column(s) {', '.join(missing)}; its columns are "
                         f"{', '.join(map(repr, map(str, table.columns))) or '(none)'}. "
                         "Map them with columns={'text': 'your_column', ...}")
    if "text" not in present:
        raise InputError(f"{name} has no text column: none of {', '.join(COLUMN_NAMES['text'])}; its columns are "
                         f"{', '.join(map(repr, map(str, table.columns))) or '(none)'}. "
                         "Map it with columns={'text': 'your_column'}")
    read_as = [f"{col} as {f}" for f, col in present.items() if str(col) != f]
    column_notes = ([f"columns read: {', '.join(read_as)}"] if read_as else []) + (
        [f"columns not read: {', '.join(unread)}"] if unread else [])
    labels = labels if labels is not None else [f"row={i}" for i in range(1, len(table) + 1)]
    raws = []
    records = table[list(present.values())].to_dict("records")
    for label, record in zip(labels, records):
        values = {f: record[col] for f, col in present.items()}
        values = {f: v if f == "text" else _cell_value(v) for f, v in values.items() if not _is_missing(v)}
        where = f"{name}#{label}"
        text, text_notes, problem = _text_value(values.pop("text", None), where)
        if problem:
            log.fail(where, problem)
            continue
        article_id = str(values.pop("article_id", f"{id_prefix}-{label.split('=')[1]}"))
        meta = {k: v.decode("utf-8", errors="replace") if isinstance(v, (bytes, bytearray)) else str(v)
                for k, v in values.items()}
        raws.append(_Raw(article_id, where, text, meta, notes=[*notes, *column_notes, *text_notes]))
    return raws


def _cell_value(value):
    """A metadata cell as a plain value: the ``name`` of a mapping such as NewsAPI's
    ``"source": {"id": ..., "name": "BBC News"}``, a list of names joined by commas."""
    if isinstance(value, dict) and value.get("name") is not None:
        return value["name"]
    if isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value):
        return ", ".join(value)
    return value


def _is_missing(value) -> bool:
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


# --- manifest -----------------------------------------------------------------------------

def read_manifest(path: str | Path) -> pd.DataFrame:
    """Read a manifest: one row per file, with the metadata we know about it.

    A manifest is a CSV or YAML file with a ``file`` column (the file's path relative to the
    folder being loaded, or its name) and any of ``outlet, published, title, url, author,
    event`` (``event``: the user's own grouping into events, see :func:`toolkit.group_events`).
    A YAML manifest is a list of mappings with the same keys.

    Parameters
    ----------
    path : str or pathlib.Path

    Returns
    -------
    pandas.DataFrame
        Columns ``file`` and the metadata columns present.

    Raises
    ------
    InputError
        If the file is missing or malformed, lacks ``file``, or names a file twice.

    Examples
    --------
    >>> from toolkit import sample_data_path
    >>> read_manifest(sample_data_path() / "manifest.csv")["outlet"].tolist()
    ['Morning Star', 'AP wire copy']
    """
    path = Path(path)
    if not path.is_file():
        raise InputError(f"manifest not found: {path}")
    decoded = decode_bytes(path.read_bytes(), name=str(path))
    for note in decoded.notes:
        warnings.warn(f"manifest {path}: {note}", UserWarning, stacklevel=2)
    try:
        if path.suffix.lower() in (".yml", ".yaml"):
            data, _ = parse_yaml(decoded.text, f"manifest {path}", InputError)
            if not isinstance(data, list) or not all(isinstance(r, dict) for r in data):
                raise InputError(f"manifest {path}: expected a list of mappings with a 'file' key")
            table = pd.DataFrame(data, dtype=object)
        else:
            table = pd.read_csv(io.StringIO(decoded.text), dtype=str, keep_default_na=False, na_values=[""])
    except pd.errors.ParserError as err:
        raise InputError(f"manifest {path} is malformed: {str(err).splitlines()[0]}") from None
    if "file" not in table.columns:
        raise InputError(f"manifest {path} has no 'file' column; its columns are "
                         f"{', '.join(map(repr, table.columns))}")
    unknown = set(table.columns) - {"file", "notes", *METADATA_FIELDS}
    if unknown:
        raise InputError(f"manifest {path} has unknown column(s) {', '.join(sorted(map(str, unknown)))}; "
                         f"expected file, notes, {', '.join(METADATA_FIELDS)}")
    doubled = table["file"][table["file"].duplicated()].tolist()
    if doubled:
        raise InputError(f"manifest {path} names these files more than once: {', '.join(map(str, doubled))}")
    return table


# --- the loader ---------------------------------------------------------------------------

#: The load log's reason for a path that a run writes (its report, tables and figures), when it lies among the inputs.
OUTPUT_IGNORED = "written by this run (its output), not an input"


def _walk(folder: Path, log: _Log, exclude: frozenset = frozenset()) -> list[tuple[Path, str, list[str]]]:
    """Every regular file under a folder, recursively, following symbolic links.

    Returns (path, display name relative to the folder, notes) for each file; every other path
    seen is logged with the reason it was not read: hidden, a broken link, a link loop, a
    second path to a file or folder already read, not a regular file, unreadable, or one of
    the ``exclude`` paths (real paths: a run's own output).
    """
    found: list[tuple[Path, str, list[str]]] = []
    seen: dict[str, str] = {}

    def visit(directory: Path, prefix: str, ancestors: frozenset):
        try:
            with os.scandir(directory) as scan:
                entries = sorted(scan, key=lambda e: e.name)
        except OSError as err:
            log.fail(prefix.rstrip("/") or str(directory), f"cannot read the folder ({err.strerror})")
            return
        for entry in entries:
            name = prefix + entry.name
            link = entry.is_symlink()
            if entry.name.startswith("."):
                log.note(name, "ignored", "hidden folder, not read" if entry.is_dir() else "hidden file")
                continue
            try:
                mode = os.stat(entry.path).st_mode   # follows symbolic links
            except OSError as err:
                if link and err.errno == errno.ELOOP:
                    log.fail(name, "symbolic link loop")
                elif link:
                    log.fail(name, f"broken symbolic link (to {os.readlink(entry.path)}, which does not exist)")
                else:
                    log.fail(name, f"cannot read ({err.strerror})")
                continue
            real = os.path.realpath(entry.path)
            if real in exclude:
                log.note(name, "ignored", OUTPUT_IGNORED)
            elif real in seen:
                log.note(name, "ignored", f"same {'folder' if stat.S_ISDIR(mode) else 'file'} as {seen[real]}, "
                                          "already read (symbolic link)")
            elif stat.S_ISDIR(mode):
                if real in ancestors:
                    log.note(name, "ignored", "symbolic link to a folder that holds it (a loop), not followed")
                    continue
                seen[real] = name
                if link:
                    log.note(name, "followed", f"symbolic link to the folder {real}")
                visit(Path(entry.path), name + "/", ancestors | {real})
            elif stat.S_ISREG(mode):
                seen[real] = name
                found.append((Path(entry.path), name, [f"symbolic link to {real}"] if link else []))
            else:
                log.note(name, "ignored", "not a regular file (a pipe, socket or device)")

    visit(folder, "", frozenset({os.path.realpath(folder)}))
    return found


def _find_inputs(source, log: _Log, exclude=()) -> tuple[list[tuple[Path, str, list[str]]], Path | None]:
    """Return (path, display name, notes) for each input file, and the folder's own manifest; the
    ``exclude`` paths (a run's output) are left out, with a note in the log."""
    exclude = frozenset(os.path.realpath(p) for p in exclude)
    sources = source if isinstance(source, (list, tuple)) else [source]
    found: list[tuple[Path, str, list[str]]] = []
    folder_manifest = None
    for item in sources:
        path = Path(item)
        if path.is_dir():
            files = _walk(path, log, exclude)
            manifests = [f for f in files if "/" not in f[1] and f[1].lower() in MANIFEST_NAMES]
            if manifests:
                folder_manifest = manifests[0][0]
            files = [f for f in files if f not in manifests]
            for f in [f for f in files if _DOCUMENTATION.search(Path(f[1]).name)]:
                log.note(f[1], "ignored", "documentation of the folder (README, LICENSE, .md), not an article")
                files.remove(f)
            if not files:
                log.fail(str(path), "folder holds no files")
            found.extend(files)
        elif path.is_file():
            found.append((path, path.name, [f"symbolic link to {path.resolve()}"] if path.is_symlink() else []))
        elif path.is_symlink() and not path.exists():
            log.fail(str(path), f"broken symbolic link (to {os.readlink(path)}, which does not exist)")
        elif path.exists():
            log.fail(str(path), "not a regular file (a pipe, socket or device)")
        else:
            log.fail(str(path), "no such file or folder")
    return found, folder_manifest


def _read_file(path: Path, name: str, *, columns, encoding, log: _Log) -> list[_Raw]:
    kind = FILE_TYPES.get(path.suffix.lower())
    article_id = str(Path(name).with_suffix("").as_posix())
    if kind is None:
        raise InputError(f"{name}: unsupported file type {path.suffix or '(no extension)'!r}; "
                         f"supported: {', '.join(sorted(FILE_TYPES))}")
    try:
        if kind == "text":
            return _read_text(path, name, article_id, encoding)
        if kind == "html":
            return _read_html(path, name, article_id, encoding)
        pieces = line_pieces(path)
        if len(pieces) > 1:     # a large file, a piece at a time (never the whole text, its records and rows at once)
            return [raw for start, end, first in pieces
                    for raw in _piece_rows(path, name=name, start=start, end=end, first_line=first, columns=columns,
                                           encoding=encoding, log=log)]
        table, labels, notes = _read_table_file(path, name, encoding, log)
    except OSError as err:
        raise InputError(f"{name}: cannot read the file ({err.strerror or err})") from None
    return _table_rows(table, name=name, id_prefix=article_id, columns=columns, log=log, labels=labels, notes=notes)


_EPOCH = re.compile(r"\d{9,13}(?:\.\d+)?")


def _parse_date(value, notes: list[str]):
    if value is None or _is_missing(value) or value == "":
        return pd.NaT
    try:
        if isinstance(value, str) and _EPOCH.fullmatch(value.strip()):
            # a Unix timestamp: seconds since 1970, or milliseconds (13 digits)
            unit = "ms" if len(value.strip().split(".")[0]) > 11 else "s"
            stamp = pd.Timestamp(float(value), unit=unit)
            notes.append(f"date {value} read as {'milli' if unit == 'ms' else ''}seconds since 1970 (UTC): {stamp}")
            return stamp
        stamp = pd.Timestamp(value)
    except (ValueError, TypeError, OverflowError):
        notes.append(f"date {value!r} not understood")
        return pd.NaT
    return stamp.tz_convert("UTC").tz_localize(None) if stamp.tzinfo else stamp


def _domain(url) -> str | None:
    if not isinstance(url, str) or "//" not in url:
        return None
    host = urlparse(url).netloc.lower()
    return host[4:] if host.startswith("www.") else host or None


def _fingerprint(text: str) -> str:
    return hashlib.blake2b(" ".join(text.casefold().split()).encode(), digest_size=12).hexdigest()


def load_corpus(source, *, manifest: str | Path | None = None, outlet: str | None = None,
                published=None, title: str | None = None, url: str | None = None,
                columns: dict | None = None, clean: bool = True,
                rules: str | Path | CleaningRules | None = None, encoding: str | None = None,
                errors: Errors = "raise", exclude=()) -> Corpus:
    """Load articles from files, folders or a data frame, with their cleaning and load logs.

    Parameters
    ----------
    source : str, pathlib.Path, list of those, or pandas.DataFrame
        A file, a folder (read recursively; hidden files are ignored), a list of files and
        folders, or a data frame with one article per row. Files may be ``.txt`` (with an
        optional metadata header, see :func:`parse_header`), ``.html``/``.htm`` (main text and
        metadata extracted by trafilatura), or tables: ``.csv``, ``.tsv``, ``.jsonl``,
        ``.json``, ``.parquet``.
    manifest : str or pathlib.Path, optional
        A CSV or YAML file of per-file metadata (see :func:`read_manifest`). By default a
        ``manifest.csv`` or ``manifest.yml`` in the loaded folder is used.
    outlet, published, title, url : optional
        Metadata for every article; overrides all other sources.
    columns : dict, optional
        For tables: which column holds each field, e.g. ``{"text": "story", "outlet": "paper"}``.
        Unmapped fields are read from the first column with one of their common names
        (:data:`COLUMN_NAMES`: ``id``, ``source``, ``date``, ``published_at``, ``headline``,
        ``link``, ``body``...; see :func:`table_columns`); the load log says which.
    clean : bool, default True
        Remove boilerplate lines (see :func:`toolkit.clean_text`). Quote marks and white space
        are always normalized.
    rules : str, pathlib.Path or CleaningRules, optional
        Cleaning rules; by default the toolkit's own.
    encoding : str, optional
        Read every file with this encoding instead of detecting it.
    errors : {"raise", "skip"}, default "raise"
        On a bad input, raise an error naming it, or skip it and record why in the load log.
    exclude : list of str or pathlib.Path, optional
        Files and folders inside the source folders that are not inputs (a report's own output
        written into the folder it reads): left out, each with the status "ignored" in the load log.

    Returns
    -------
    Corpus
        ``articles`` (columns in :data:`ARTICLE_COLUMNS`), ``cleaning_log`` and ``load_log``.

    Raises
    ------
    toolkit.InputError
        With ``errors="raise"``, for a missing path, an empty, binary or undecodable file, an
        unsupported extension, a table without the mapped columns or without a text column, an
        article id used twice, a manifest row without a file, a file without a manifest row, or
        an article with no text after cleaning.

    Notes
    -----
    Outlet names that differ only in letter case, spacing or Unicode form are merged into
    their most frequent spelling (:func:`outlet_spellings`), with a note in the load log.
    :func:`load_warnings` says what the analysis loses when dates or outlets are missing.

    Examples
    --------
    >>> from toolkit import sample_data_path
    >>> corpus = load_corpus(sample_data_path())
    >>> corpus.articles[["article_id", "outlet", "paywalled"]].to_string(index=False)
    '          article_id       outlet  paywalled\\n000_f630b2af681dd528 Morning Star       True\\n002_4cb80e3135c7eb75 AP wire copy      False'
    """
    log, rules = _policy(errors, rules)
    explicit = {"outlet": outlet, "published": published, "title": title, "url": url}
    explicit = {k: v for k, v in explicit.items() if v is not None}

    if isinstance(source, pd.DataFrame):
        raws = _table_rows(source, name="data frame", id_prefix="row", columns=columns, log=log)
        inputs, folder_manifest = [], None
    else:
        inputs, folder_manifest = _find_inputs(source, log, exclude)
        if manifest is not None:
            inputs = [i for i in inputs if i[0].resolve() != Path(manifest).resolve()]
        raws = _read_inputs(inputs, log, columns=columns, encoding=encoding)
    manifest_path = manifest if manifest is not None else folder_manifest
    manifest_rows = _match_manifest(manifest_path, inputs, log) if manifest_path else {}
    return _assemble(raws, log, manifest_path=manifest_path, manifest_rows=manifest_rows, explicit=explicit,
                     rules=rules, clean=clean)


def _policy(errors: str, rules) -> tuple[_Log, CleaningRules | None]:
    """The load log for an ``errors=`` choice (checked), and the cleaning rules to use."""
    check_choice("errors", errors, Errors)
    if not isinstance(rules, CleaningRules):
        rules = load_rules(rules) if rules is not None else None
    return _Log(errors), rules


def _read_inputs(inputs: list[tuple[Path, str, list[str]]], log: _Log, *, columns, encoding) -> list[_Raw]:
    """The raw articles of each (path, display name, notes) input; a bad input is logged (or raised)."""
    raws = []
    for path, name, notes in inputs:
        try:
            read = _read_file(path, name, columns=columns, encoding=encoding, log=log)
            for raw in read:
                raw.notes[:0] = notes
            raws.extend(read)
        except InputError as err:
            if log.errors == "raise":
                raise
            log.fail(name, str(err).removeprefix(name).removeprefix(":").strip())
    return raws


def list_inputs(source, *, manifest: str | Path | None = None) -> tuple[list, pd.DataFrame, tuple | None]:
    """The files :func:`load_corpus` would read from ``source``, without reading them.

    Parameters
    ----------
    source : str, pathlib.Path or list of those
        Files and folders, as for :func:`load_corpus`.
    manifest : str or pathlib.Path, optional
        As for :func:`load_corpus` (by default the folder's ``manifest.csv`` or ``.yml``).

    Returns
    -------
    files : list of (pathlib.Path, str, list of str)
        Each file, its name (relative to its folder) and notes on how it was found (a
        symbolic link): give them, in pieces, to :func:`load_files`.
    log : pandas.DataFrame
        What was not read while listing, and why (hidden files, broken links, manifest rows
        that match no file), in the columns of the load log.
    manifest : (str, dict) or None
        The manifest's path and each file's metadata in it, for :func:`load_files`.
    """
    log = _Log("skip")
    inputs, folder_manifest = _find_inputs(source, log)
    path = manifest if manifest is not None else folder_manifest
    if manifest is not None:
        inputs = [i for i in inputs if i[0].resolve() != Path(manifest).resolve()]
    rows = (str(path), _match_manifest(path, inputs, log)) if path is not None else None
    return inputs, pd.DataFrame(log.rows, columns=LOAD_LOG_COLUMNS), rows


def load_files(files: list, *, manifest: tuple | None = None, columns: dict | None = None,
               encoding: str | None = None, errors: Errors = "raise", clean: bool = True, rules=None) -> Corpus:
    """Load the given files, each under the name given (see :func:`list_inputs`).

    Parameters
    ----------
    files : list of (str or pathlib.Path, str, list of str)
        Each file, the name it is known by (its path relative to the folder listed: the
        article of ``a/b.txt`` is called ``a/b``, as :func:`load_corpus` of the folder calls it)
        and notes for its load-log row.
    manifest : (str, dict), optional
        The manifest's path and each file's metadata, as :func:`list_inputs` gives them.
    columns, encoding, errors, clean, rules
        As for :func:`load_corpus`.

    Returns
    -------
    Corpus
    """
    log, rules = _policy(errors, rules)
    raws = _read_inputs([(Path(path), name, list(notes)) for path, name, notes in files], log, columns=columns,
                        encoding=encoding)
    path, rows = manifest if manifest is not None else (None, {})
    return _assemble(raws, log, manifest_path=path, manifest_rows=rows, explicit={}, rules=rules, clean=clean)


def load_rows(table: pd.DataFrame, *, name: str, prefix: str | None = None, first_row: int = 1,
              columns: dict | None = None, errors: Errors = "raise", clean: bool = True, rules=None) -> Corpus:
    """Load the articles of part of a table, numbered as in the whole table.

    For a table read in pieces (a Parquet dataset, a Dask partition): each row's place is
    ``name#row=N`` in the load log, and an article without an ``article_id`` is called
    ``<prefix>-N``, where N counts from ``first_row``, so that the pieces give the articles of
    :func:`load_corpus` on the whole table.

    Parameters
    ----------
    table : pandas.DataFrame
        Rows of articles (see :func:`load_corpus` for the columns).
    name : str
        The table's name (its file name, for a file).
    prefix : str, optional
        The start of the articles' names (by default ``name``; :func:`load_corpus` uses the
        file name without its extension, and "row" for a data frame).
    first_row : int, default 1
        The number of the first row in the whole table.
    columns, errors, clean, rules
        As for :func:`load_corpus`.

    Returns
    -------
    Corpus

    Examples
    --------
    >>> import pandas as pd
    >>> rows = pd.DataFrame({"text": ["Rain fell.", "Sun shone."], "outlet": ["A", "B"]})
    >>> load_rows(rows, name="news", first_row=11).articles["article_id"].tolist()
    ['news-11', 'news-12']
    """
    if not isinstance(table, pd.DataFrame):
        raise TypeError(f"load_rows needs a pandas DataFrame of articles, not {type(table).__name__}")
    if isinstance(first_row, bool) or not isinstance(first_row, (int, np.integer)) or first_row < 1:
        raise ValueError(f"first_row={first_row!r} is not a row number; rows are numbered from 1")
    log, rules = _policy(errors, rules)
    labels = [f"row={i}" for i in range(first_row, first_row + len(table))]
    raws = _table_rows(table, name=name, id_prefix=prefix or name, columns=columns, log=log, labels=labels)
    return _assemble(raws, log, manifest_path=None, manifest_rows={}, explicit={}, rules=rules, clean=clean)


def _remove_invisible(meta: dict, notes: list[str]) -> None:
    """Remove the invisible characters (zero-width, soft hyphens, bidirectional controls) of the names and titles
    of an article's metadata, as :func:`toolkit.text.normalize.normalize_line` does in its text; note each change."""
    for key in ("outlet", "title", "author"):
        value = meta.get(key)
        if isinstance(value, str) and (visible := remove_invisible(value)) != value:
            notes.append(f"{len(value) - len(visible)} invisible character(s) removed from the {key} {value!r} "
                         "(zero-width, soft hyphen or bidirectional control)")
            meta[key] = visible


#: The budget of one article, in characters (about 300,000 words; a long news article has under 100,000): a
#: longer text is skipped with a line in the load log, so that one pathological input (a scraped dump, a corpus
#: saved as one article) never stalls the run. Every stage is linear in the text's length (see
#: ``docs/performance.md``); to analyze a longer text anyway, set this higher before loading.
MAX_ARTICLE_CHARS = 2_000_000


def _assemble(raws: list[_Raw], log: _Log, *, manifest_path, manifest_rows: dict, explicit: dict, rules,
              clean: bool) -> Corpus:
    """Clean the raw articles, add their metadata and make the corpus with its logs."""
    rows, removed, logged = [], [], []
    first_source: dict[str, str] = {}
    first_by_text: dict[str, str] = {}
    for raw in raws:
        if raw.article_id in first_source:
            log.fail(raw.source, f"duplicate article_id {raw.article_id!r}, already the id of "
                                 f"{first_source[raw.article_id]}: each article needs an id of its own (correct the "
                                 "ids, or map another column with columns={'article_id': ...})")
            continue
        if manifest_path and raw.manifest_key is not None and raw.manifest_key not in manifest_rows:
            log.fail(raw.source, f"no row in the manifest {manifest_path}")
            continue
        if len(raw.text) > MAX_ARTICLE_CHARS:
            log.fail(raw.source, f"{len(raw.text):,} characters, over the budget of {MAX_ARTICLE_CHARS:,} for one "
                                 "article (a scraped dump, or many articles in one?); to analyze it anyway, set "
                                 "toolkit.loading.corpus.MAX_ARTICLE_CHARS higher")
            continue
        cleaned = clean_text(raw.text, rules=rules, clean=clean)
        if not cleaned.text:
            log.fail(raw.source, f"no article text left after cleaning ({len(cleaned.removed)} lines removed)")
            continue
        first_source[raw.article_id] = raw.source
        meta = {"title": cleaned.title}
        meta.update(raw.meta)
        meta.update(manifest_rows.get(raw.manifest_key, {}))
        meta.update(explicit)
        _remove_invisible(meta, raw.notes)
        if not meta.get("outlet"):
            meta["outlet"] = _domain(meta.get("url")) or "unknown"
            raw.notes.append(f"{OUTLET_INFERRED}{meta['outlet']}")
        fingerprint = _fingerprint(cleaned.text)
        duplicate_of = first_by_text.setdefault(fingerprint, raw.article_id)
        duplicate_of = None if duplicate_of == raw.article_id else duplicate_of
        if duplicate_of:
            raw.notes.append(f"duplicate of {duplicate_of} (flagged, kept)")
        language = language_of(cleaned.text)
        if language not in ("en", ""):
            raw.notes.append(f"language {language}, not English (flagged, kept): the toolkit's resources are for English")
        rows.append({
            "article_id": raw.article_id, "outlet": str(meta["outlet"]),
            "published": _parse_date(meta.get("published"), raw.notes),
            "title": meta.get("title"), "url": meta.get("url"), "text": cleaned.text,
            "source": raw.source, "paywalled": cleaned.paywalled, "truncated": cleaned.truncated,
            "duplicate_of": duplicate_of, "author": meta.get("author"), "encoding": raw.encoding,
            "captions": "\n".join(cleaned.captions), "language": language, "event": meta.get("event"),
        })
        removed.append(sorted(raw.header + cleaned.removed))
        logged.append((len(log.rows), raw))
        log.loaded(raw.source, raw.article_id, raw.notes)

    spellings = outlet_spellings([row["outlet"] for row in rows])
    cleaning = []
    for row, lines, (index, raw) in zip(rows, removed, logged):
        if row["outlet"] in spellings:
            raw.notes.append(f"{OUTLET_MERGED}{row['outlet']!r} read as {spellings[row['outlet']]!r} (the same name but "
                             "for letter case, spacing or Unicode form; the most frequent spelling is kept)")
            row["outlet"] = spellings[row["outlet"]]
            log.rows[index] = (raw.source, "loaded", "; ".join(raw.notes), raw.article_id)
        cleaning.extend((row["article_id"], row["outlet"], line, text, reason, rule) for line, text, reason, rule in lines)

    articles = pd.DataFrame(rows, columns=ARTICLE_COLUMNS)
    articles["published"] = pd.to_datetime(articles["published"])
    articles[["paywalled", "truncated"]] = articles[["paywalled", "truncated"]].astype(bool)
    foreign = articles[~articles["language"].isin(["en", ""])]
    if len(foreign):
        listed = ", ".join(f"{a} ({lang})" for a, lang in zip(foreign["article_id"][:5], foreign["language"][:5]))
        warnings.warn(f"{len(foreign)} article(s) not in English: {listed}{' ...' if len(foreign) > 5 else ''}; "
                      "the toolkit's splitter, dictionaries and lexicons are for English, so their results for "
                      "these articles are not meaningful (see the articles' 'language' column)", UserWarning,
                      stacklevel=2)
    return Corpus(articles=articles,
                  cleaning_log=pd.DataFrame(cleaning, columns=CLEANING_LOG_COLUMNS),
                  load_log=pd.DataFrame(log.rows, columns=LOAD_LOG_COLUMNS))


#: How the load log says that an article's outlet was inferred, or that its spelling was merged.
OUTLET_INFERRED = "outlet inferred: "
OUTLET_MERGED = "outlet "


def _outlet_key(name: str) -> str:
    """An outlet's name without letter case, spaces, invisible characters or Unicode variants (NFKC)."""
    return "".join(c for c in unicodedata.normalize("NFKC", name).casefold()
                   if not c.isspace() and unicodedata.category(c) != "Cf")


def outlet_spellings(names) -> dict[str, str]:
    """Outlet names that are one name spelled differently, each mapped to the most frequent spelling.

    Two names are one when they differ only in letter case, spacing (spaces at either end, or
    between words), invisible characters or Unicode form (NFKC: full-width letters,
    ligatures, non-breaking spaces): ``nyt`` and ``NYT``; ``AP``, ``AP `` and ``ＡＰ``. The
    spelling kept is the most frequent one (with its spacing tidied); on a tie, the one in plain
    Unicode, then one in mixed case or a single word in capitals (``NYT``, ``New York Times``)
    before several words in capitals, before lower case; then the first seen. :func:`load_corpus` applies it and writes each change
    in the load log.

    Parameters
    ----------
    names : iterable of str
        The outlet of each article.

    Returns
    -------
    dict
        Each spelling that is replaced, to the spelling that replaces it.

    Examples
    --------
    >>> outlet_spellings(["NYT", "nyt", "NYT", "AP ", "\uff21\uff30", "AP", "NEW YORK TIMES", "New York Times"])
    {'nyt': 'NYT', 'AP ': 'AP', 'ＡＰ': 'AP', 'NEW YORK TIMES': 'New York Times'}
    """
    counts: dict[str, int] = {}
    for name in names:
        counts[name] = counts.get(name, 0) + 1
    groups: dict[str, dict[str, int]] = {}
    for name, count in counts.items():
        group = groups.setdefault(_outlet_key(name), {})
        tidy = " ".join(name.split())
        group[tidy] = group.get(tidy, 0) + count

    def preference(group: dict, spelling: str) -> tuple:
        plain = spelling == unicodedata.normalize("NFKC", spelling) and all(
            unicodedata.category(c) != "Cf" for c in spelling)
        case = 0 if spelling.islower() else 1 if spelling.isupper() and " " in spelling else 2
        return group[spelling], plain, case

    mapping = {}
    for name in counts:
        group = groups[_outlet_key(name)]
        kept = max(group, key=lambda spelling: preference(group, spelling))
        if name != kept:
            mapping[name] = kept
    return mapping


def _abbreviates(short: str, name: str) -> bool:
    """Whether ``short`` can abbreviate ``name``: its letters are letters of ``name`` in order, the
    first opening it and each other one opening a word, written as a capital, or next to the
    letter before (``NYT``: New York Times; ``HPO``: HuffPost; ``FOX``: Fox News; not ``RT``: Reuters)."""
    if not name or name[0].casefold() != short[0].casefold():
        return False
    marks = [i == 0 or c.isupper() or not name[i - 1].isalnum() for i, c in enumerate(name)]

    def rest(letters: str, after: int) -> bool:
        if not letters:
            return True
        return any(name[i].casefold() == letters[0].casefold() and (marks[i] or i == after + 1) and rest(letters[1:], i)
                   for i in range(after + 1, len(name)))

    return rest(short[1:], 0)


def outlet_abbreviations(names) -> list[tuple[str, str]]:
    """Pairs of outlet names of which one may abbreviate the other (``NYT`` and ``New York Times``,
    ``FOX`` and ``Fox News``, ``HPO`` and ``HuffPost``) or differ by a leading "The" (``New York Times``
    and ``The New York Times``): probably one outlet under two names, which the
    comparisons would count as two. They are not merged (``AP`` may be a news agency or another
    paper): :func:`load_warnings` names them, and a user who agrees renames one.

    Parameters
    ----------
    names : iterable of str
        The outlet names.

    Returns
    -------
    list of (str, str)
        The short name (a single word of 2 to 5 capitals, or the name without "The") and the
        other name, sorted.

    Examples
    --------
    >>> for pair in outlet_abbreviations(["NYT", "New York Times", "FOX", "Fox News", "HPO", "HuffPost", "AP",
    ...                                   "AFP", "RT", "Reuters", "Tass", "The New York Times", "The Hill"]):
    ...     print(pair)
    ('FOX', 'Fox News')
    ('HPO', 'HuffPost')
    ('NYT', 'New York Times')
    ('NYT', 'The New York Times')
    ('New York Times', 'The New York Times')
    """
    names = sorted(set(names))
    shorts = [n for n in names if n.isalpha() and n.isupper() and 2 <= len(n) <= 5]
    longer = [n for n in names if not n.isupper() or " " in n.strip()]    # not another short name (AP, AFP)
    bare = {n: re.sub(r"(?i)^the\s+", "", n.strip()) for n in names}
    pairs = {(short, name) for short in shorts for name in longer
             if len(name) > len(short) and _abbreviates(short, bare[name])}
    pairs |= {(a, b) for a in names for b in names if a < b and bare[a] != a and _outlet_key(bare[a]) == _outlet_key(b)}
    pairs |= {(b, a) for a in names for b in names if a > b and bare[a] != a and _outlet_key(bare[a]) == _outlet_key(b)}
    return sorted(pairs)


def _match_manifest(path, inputs, log: _Log) -> dict[str, dict]:
    """Map each file's display name to its manifest metadata; log rows that match no file."""
    table = read_manifest(path)
    names = {name for _, name, _ in inputs}
    by_basename = {Path(n).name: n for n in names}
    matched: dict[str, dict] = {}
    for row in table.to_dict("records"):
        key = str(row["file"])
        name = key if key in names else by_basename.get(Path(key).name)
        if name is None:
            log.fail(f"{path}: {key}", "manifest row matches no file")
            continue
        matched[name] = {k: v for k, v in row.items()
                         if k in METADATA_FIELDS and not _is_missing(v) and v != ""}
    return matched


def _listed(items, limit: int = 3) -> str:
    items = list(items)
    return ", ".join(map(str, items[:limit])) + (", ..." if len(items) > limit else "")


def load_warnings(corpus: Corpus) -> list[str]:
    """What a reader must know about a loaded corpus before reading its analysis.

    One message for each of: articles without a publication date, articles without an
    outlet (given the domain of their URL, or "unknown"), outlet names merged because they
    differ only in case, spacing or Unicode form, outlet names of which one may abbreviate the
    other (:func:`outlet_abbreviations`), and inputs skipped. Each says how many
    articles, what it changes in the analysis, and how to give the missing field.
    :func:`toolkit.analyze` and the command line show them as warnings.

    Parameters
    ----------
    corpus : Corpus or Study
        As :func:`load_corpus` returns it, or anything with its ``articles`` and ``load_log``
        tables: a :class:`toolkit.Study`, also one reopened with :func:`toolkit.open_study`
        (for a report to show the same messages).

    Returns
    -------
    list of str
        The messages; empty when every article has its date and outlet and nothing was skipped.

    Examples
    --------
    >>> import pandas as pd
    >>> corpus = load_corpus(pd.DataFrame({"body": ["Talks ended in Miami.", "Talks ended in Moscow."],
    ...                                    "site": ["Herald", "herald"], "date": ["2025-12-05", None]}))
    >>> for message in load_warnings(corpus):
    ...     print(message[:64])
    1 of 2 articles have no publication date (for example row-2): th
    Outlet names that differ only in letter case, spacing or Unicode
    """
    articles, log = corpus.articles, corpus.load_log
    n = len(articles)
    messages: list[str] = []
    if n == 0:
        return messages
    loaded = log[log["status"] == "loaded"]
    notes = [note for reason in loaded["reason"].fillna("") for note in str(reason).split("; ")]
    given = f"a column named {', '.join(map(repr, COLUMN_NAMES['published'][:5]))} or {COLUMN_NAMES['published'][5]!r}"
    undated = articles.loc[articles["published"].isna(), "article_id"]
    unread = sum(1 for note in notes if note.startswith("date ") and note.endswith(" not understood"))
    unread = f"; {unread} dates were not understood (see the load log)" if unread else ""
    how = (f"Give the dates in {given} (with columns={{'published': ...}} for another name), a 'date: "
           "2025-12-04' line in each text file's header, or the manifest's 'published' column.")
    if len(undated) == n:
        messages.append(f"No article has a publication date{unread}: events are grouped by their words alone (unless "
                        "an 'event' column gives them), with no time window, so articles of different days and "
                        "different events with similar words can fall into one event; event dates are empty and "
                        f"nothing is ordered in time. {how}")
    elif len(undated):
        messages.append(f"{len(undated)} of {n} articles have no publication date (for example {_listed(undated)})"
                        f"{unread}: they are grouped into events by their words alone (unless an 'event' column "
                        f"gives them), with no time window, and come last in time. {how}")
    inferred = [note.removeprefix(OUTLET_INFERRED) for note in notes if note.startswith(OUTLET_INFERRED)]
    how = (f"Give the outlets in a column named {', '.join(map(repr, COLUMN_NAMES['outlet'][:3]))} or "
           f"{COLUMN_NAMES['outlet'][3]!r} (with "
           "columns={'outlet': ...} for another name), an 'outlet: ...' line in each text file's header, or "
           "the manifest's 'outlet' column.")
    if inferred and (articles["outlet"] == "unknown").all():
        messages.append("No article names its outlet: every article is counted under 'unknown', so there are no "
                        f"outlets to compare. {how}")
    elif inferred:
        domains = pd.Series([d for d in inferred if d != "unknown"], dtype=object).value_counts()
        unknown = len(inferred) - int(domains.sum())
        parts = ([f"{int(domains.sum())} take the domain of their URL as outlet "
                  f"({_listed(f'{d}: {c}' for d, c in domains.items())})"] if len(domains) else []) + (
            [f"{unknown} are 'unknown'"] if unknown else [])
        effect = (["each domain counts as an outlet of its own, so a site with several domains "
                   "(www., mobile., blogs.) is split"] if len(domains) else []) + (
            ["the 'unknown' articles are compared as if they were one outlet"] if unknown else [])
        messages.append(f"{len(inferred)} of {n} articles do not name their outlet: {' and '.join(parts)}. "
                        f"{'; '.join(effect).capitalize()}. {how}")
    merged = pd.Series([note.split(" (the same name")[0] for note in notes
                        if note.startswith(OUTLET_MERGED) and " read as " in note], dtype=object).value_counts()
    if len(merged):
        messages.append("Outlet names that differ only in letter case, spacing or Unicode form were merged into "
                        "their most frequent spelling: " + _listed((f"{m} ({c} article{'s' * (c > 1)})"
                                                                   for m, c in merged.items()), 5)
                        + ". Each change is in the load log.")
    abbreviations = outlet_abbreviations(articles["outlet"].dropna().astype(str))
    if abbreviations:
        messages.append("Some outlet names may be one outlet under a short and a long name: "
                        + _listed((f"{a!r} and {b!r}" for a, b in abbreviations), 5)
                        + ". They are compared as different outlets (an event may then seem to have two reports "
                          "of one outlet, and an outlet may seem to leave out what it reported under its other "
                          "name). If they are one, give them one name (e.g. articles.replace({'outlet': "
                          "{'NYT': 'New York Times'}}) before toolkit.analyze).")
    skipped = log[log["status"] == "skipped"]
    if len(skipped):
        messages.append(f"{len(skipped)} input(s) were skipped and are not in the analysis: "
                        + _listed(f"{p} ({r})" for p, r in zip(skipped["path"], skipped["reason"]))
                        + ". The load log says why for each.")
    return messages


def load_articles(source, **options) -> pd.DataFrame:
    """Load articles and return the articles table; see :func:`load_corpus` for the options.

    With ``errors="skip"``, a warning says how many inputs were skipped; the full account of
    every input is ``load_corpus(...).load_log``.

    Parameters
    ----------
    source : str, pathlib.Path, list or pandas.DataFrame
        As for :func:`load_corpus`.
    **options
        Keyword options of :func:`load_corpus`.

    Returns
    -------
    pandas.DataFrame
        The articles table: ``article_id, outlet, published, title, url, text, source,
        paywalled, truncated, duplicate_of, author, encoding``.

    Examples
    --------
    >>> from toolkit import sample_data_path
    >>> articles = load_articles(sample_data_path())
    >>> articles.loc[1, "text"][:32]
    'Ukraine and its European allies '
    """
    corpus = load_corpus(source, **options)
    skipped = corpus.load_log[corpus.load_log["status"] == "skipped"]
    if len(skipped):
        warnings.warn(f"{len(skipped)} input(s) skipped; see load_corpus(...).load_log for why: "
                      + "; ".join(f"{p} ({r})" for p, r in zip(skipped["path"][:3], skipped["reason"][:3])),
                      stacklevel=2)
    return corpus.articles
