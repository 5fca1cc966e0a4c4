"""Corpora larger than memory: the per-article analysis streamed over partitions with Dask,
written as a partitioned Parquet dataset.

:func:`toolkit.analyze` keeps every table in memory (its ``client=`` runs the work on a Dask
cluster, but the tables come back to this process). :func:`analyze_partitioned` never holds the
corpus: the inputs become a Dask DataFrame of partitions (files, row groups of Parquet files,
or the partitions of a Dask DataFrame you already have); each partition is loaded, cleaned,
split, scored, searched for mentions and quotes and scored for tone towards actors on a
worker, with ``map_partitions``, and its tables are written to disk at once::

    out/articles/part-00000.parquet     out/sentences/part-00000.parquet   ...
    out/_partitions/part-00000.json     (the partition's row counts: it is complete)
    out/study.json                      (written last: the settings, and which partitions the study holds)

Each table folder is a Parquet dataset that pandas, Dask, DuckDB or Spark read as one table
(``pandas.read_parquet("out/mentions")``), and :func:`toolkit.open_study` opens the folder as a
study. The corpus-wide tables that add up over partitions (events, keyness, the tone and voice
profiles: :func:`corpus_tables`) are written with the run; the others (comparisons within
events, framing, frames) are computed when the opened study is asked for them, in memory.

Faults. Every file is written under a temporary name and renamed when complete, and a
partition counts only once its ``_partitions`` record exists: a run that stops half-way leaves
no file that looks complete, ``study.json`` says ``"complete": false`` until every partition is
written (:func:`toolkit.open_study` refuses such a folder), and running the same call again
computes only the partitions that are missing. Dask retries the task of a worker that died;
if tasks keep killing workers it stops with ``distributed.KilledWorker``.

Nothing lost, nothing mixed. A partition's record holds the size, hash, rows and columns of each
of its files and the size and modification time of each input it read (for a data frame, a
hash of its rows). A run of the same call computes a partition again when one of its files is
missing, emptied, damaged or replaced, or when an input changed since it was read (the summary's
``redone`` says why); :func:`toolkit.open_study` checks every partition and file the same way
and refuses a study with one that does not match. The dictionary is saved in the folder as
``actors.yml``; the same call with another dictionary, ``columns`` or manifest is refused as
another study.

Bad input in a partition is skipped and recorded in that partition's load log, as
:func:`toolkit.load_corpus` with ``errors="skip"`` records it.

What differs from one :func:`toolkit.analyze`: near-duplicates (``duplicate_of``) are found,
and outlet names that differ only in case, spacing or Unicode form are merged, within a
partition, not across partitions; the load warnings of :func:`toolkit.analyze` are not given (read
each partition's ``load_log``); and without a dictionary no actors are discovered (discover them on a sample with
:func:`toolkit.discover_actors`, check them, and pass the dictionary).
"""

from __future__ import annotations

import json
import os
import time
from dataclasses import asdict, dataclass
from pathlib import Path

import pandas as pd

from .actors.dictionary import ActorDictionary, load_actors
from .parallel import join_batches, release_memory
from .study import Settings, StudyError, actor_list, check_settings
from .study_files import (DICTIONARY, FORMAT, dictionary_text, file_record, partition_part, partition_problem,
                          partition_record, write_dictionary, write_file)

#: The tables written for each partition, in this order.
PARTITION_TABLES = ("articles", "cleaning_log", "load_log", "sentences", "sentence_tone", "mentions", "quotes",
                    "stance")
#: The columns of the summary :func:`analyze_partitioned` returns (one row per partition).
SUMMARY_COLUMNS = ["partition", "inputs", "articles", "sentences", "mentions", "quotes", "seconds", "resumed",
                   "redone"]
#: Input pieces (files, or row groups of Parquet files) per partition, by default.
PIECES_PER_PARTITION = 500
_TABLE_SUFFIXES = {".parquet"}


def require_dask():
    """Import Dask, or say how to install it."""
    try:
        import dask.dataframe as dd
    except ImportError as err:       # pragma: no cover - the tests run with the extra
        raise ImportError("this needs Dask: pip install 'framing-toolkit[dask]' "
                          "(or pip install 'dask[dataframe]' distributed)") from err
    return dd


@dataclass(frozen=True)
class _Plan:
    """What each partition does; sent to the workers with the task."""

    out: str
    actors: ActorDictionary | None
    settings: Settings
    columns: dict | None
    manifest: tuple | None = None


# --- inputs as a Dask DataFrame -------------------------------------------------------------

#: The columns of the pieces frame: one input to load per row.
PIECE_COLUMNS = ["path", "name", "notes", "row_group", "first_row", "start_byte", "end_byte"]


def input_pieces(source, *, manifest=None) -> tuple[pd.DataFrame, pd.DataFrame, tuple | None]:
    """The inputs of ``source`` in pieces that a worker loads on its own.

    A piece is a file (text, HTML, a small table), one row group of a Parquet file, or a piece
    of whole lines of a large JSON Lines file: large Parquet files are read a row group at a
    time, large JSON Lines files about :data:`toolkit.loading.corpus.PIECE_BYTES` at a time.

    Parameters
    ----------
    source : str, pathlib.Path or list of those
        Files and folders, as for :func:`toolkit.load_corpus`.
    manifest : str or pathlib.Path, optional
        As for :func:`toolkit.load_corpus`.

    Returns
    -------
    pieces : pandas.DataFrame
        ``path, name, notes, row_group, first_row, start_byte, end_byte``: ``notes`` (a JSON
        list) say how the file was found, ``row_group`` is -1 for a whole file, ``first_row`` is
        the number of the row group's first row (or the piece's first line) in its file, from 1,
        and ``start_byte``, ``end_byte`` the bytes of a piece of a JSON Lines file (-1 otherwise).
    log : pandas.DataFrame
        What was not read while listing, and why (load-log columns).
    manifest : (str, dict) or None
        The manifest's path and each file's metadata (see :func:`toolkit.loading.corpus.list_inputs`).
    """
    import pyarrow.parquet as pq

    from .loading.corpus import line_pieces, list_inputs

    files, log, manifest = list_inputs(source, manifest=manifest)
    rows = []
    for path, name, notes in files:
        if path.suffix.lower() in _TABLE_SUFFIXES:
            try:
                meta = pq.ParquetFile(path).metadata
            except Exception:        # noqa: BLE001 - a broken file is loaded whole, and logged there
                meta = None
            if meta is not None and meta.num_row_groups > 1:
                first = 1
                for group in range(meta.num_row_groups):
                    rows.append((str(path), name, json.dumps(notes), group, first, -1, -1))
                    first += meta.row_group(group).num_rows
                continue
        lines = line_pieces(path) if path.is_file() else [(0, 0, 1)]
        if len(lines) > 1:
            rows.extend((str(path), name, json.dumps(notes), -1, first, start, end) for start, end, first in lines)
            continue
        rows.append((str(path), name, json.dumps(notes), -1, 1, -1, -1))
    return pd.DataFrame(rows, columns=PIECE_COLUMNS), log, manifest


def _load_pieces(pieces: pd.DataFrame, plan: _Plan):
    """The corpus of a partition of pieces: whole files, and row groups of Parquet files."""
    from .loading.corpus import Corpus, load_files, load_line_piece, load_rows, read_parquet_table

    whole = pieces[(pieces["row_group"] < 0) & (pieces["start_byte"] < 0)]
    parts = [load_files(list(zip(whole["path"], whole["name"], map(json.loads, whole["notes"]))), manifest=plan.manifest,
                        columns=plan.columns, errors="skip")] if len(whole) else []
    for path, name, group, first in pieces.loc[pieces["row_group"] >= 0, ["path", "name", "row_group", "first_row"]] \
            .itertuples(index=False):
        table = read_parquet_table(path, name=name, row_groups=[int(group)])     # within its size budget
        parts.append(load_rows(table, name=name, prefix=Path(name).with_suffix("").as_posix(), first_row=int(first),
                               columns=plan.columns, errors="skip"))
    for path, name, first, start, end in pieces.loc[pieces["start_byte"] >= 0, ["path", "name", "first_row", "start_byte",
                                                                              "end_byte"]].itertuples(index=False):
        parts.append(load_line_piece(path, name=name, start=int(start), end=int(end), first_line=int(first),
                                     columns=plan.columns, errors="skip"))
    return Corpus(*(join_batches([getattr(p, f) for p in parts]) for f in ("articles", "cleaning_log", "load_log")))


# --- one partition -----------------------------------------------------------------------

def inputs_read(inputs: pd.DataFrame, kind: str) -> list:
    """What a partition reads, to tell later whether it changed: each input file's path, size and
    modification time, or for rows of a data frame their number and a hash of their values."""
    import hashlib

    if kind == "rows":
        try:
            hashes = pd.util.hash_pandas_object(inputs, index=False).to_numpy().tobytes()
        except TypeError:        # values pandas cannot hash (lists, dicts): their text
            hashes = inputs.to_csv(index=False).encode("utf-8", "surrogatepass")
        return [["rows", len(inputs), hashlib.sha256(hashes).hexdigest()]]
    read = []
    for path in dict.fromkeys(inputs["path"]):
        try:
            status = os.stat(path)
            read.append([path, status.st_size, status.st_mtime_ns])
        except OSError:
            read.append([path, None, None])
    return read


def _changed_inputs(before: list, now: list) -> str:
    """The inputs of a partition that changed since it was read, in words."""
    if not isinstance(before, list):
        return "its record does not say what it read"
    if before == now:
        return ""
    old, new = {r[0]: r for r in before}, {r[0]: r for r in now}
    if set(old) != set(new):
        return "it now holds other inputs"
    changed = [path for path in new if old[path] != new[path]]
    return f"its input {changed[0]} changed since it was read" + (f" (and {len(changed) - 1} more)"
                                                                  if len(changed) > 1 else "")


def _partition(inputs: pd.DataFrame, partition_info=None, *, plan: _Plan, kind: str) -> pd.DataFrame:
    """Analyze one partition and write its tables; a partition already written is not computed again
    unless a file of it is not as its record says or an input changed since it was read."""
    from .loading.corpus import load_rows
    from .study import article_tables
    from .tone.stance import score_mentions

    number = partition_info["number"] if partition_info else 0
    out = Path(plan.out)
    record = partition_record(out, number)
    read = inputs_read(inputs, kind)
    redone = ""
    if record.exists():
        redone = partition_problem(out, number, PARTITION_TABLES) or \
            _changed_inputs(json.loads(record.read_text(encoding="utf-8")).get("read"), read)
        if not redone:
            return pd.DataFrame([{**json.loads(record.read_text(encoding="utf-8")), "resumed": True, "redone": ""}],
                                columns=SUMMARY_COLUMNS)
        record.unlink()         # computed again: the partition counts only once its new record is written
    started = time.perf_counter()
    if kind == "rows":
        first = int(inputs["_row"].iloc[0]) if len(inputs) else 1
        corpus = load_rows(inputs.drop(columns=["_row"]), name="data frame", prefix="row", first_row=first,
                           columns=plan.columns, errors="skip")
    else:
        corpus = _load_pieces(inputs, plan)
    settings = plan.settings
    tables = {"articles": corpus.articles, "cleaning_log": corpus.cleaning_log, "load_log": corpus.load_log,
              **article_tables(corpus.articles, actors=plan.actors, tone_method=settings.tone_method,
                               pipeline=settings.pipeline)}
    tables["load_log"] = join_batches([tables["load_log"], tables.pop("article_log")])   # articles analysed in part
    tables["stance"] = score_mentions(tables["mentions"], tables["sentences"], method=settings.target_method,
                                      quotes=tables["quotes"], processes=1) if plan.actors is not None \
        else tables["mentions"].assign(label=pd.Series(dtype=object), score=pd.Series(dtype=float))
    files = {}
    for name in PARTITION_TABLES:
        write_file(tables[name], out / partition_part(name, number))
        files[partition_part(name, number)] = file_record(out / partition_part(name, number))
    summary = {"partition": number, "inputs": len(inputs), "articles": len(corpus.articles),
               "sentences": len(tables["sentences"]), "mentions": len(tables["mentions"]),
               "quotes": len(tables["quotes"]), "seconds": round(time.perf_counter() - started, 3)}
    write_file({**summary, "read": read, "files": files}, record)
    del tables, corpus
    release_memory()
    return pd.DataFrame([{**summary, "resumed": False, "redone": redone}], columns=SUMMARY_COLUMNS)


def _summary_meta() -> pd.DataFrame:
    types = {"seconds": "float64", "resumed": "bool", "redone": "object"}
    return pd.DataFrame({c: pd.Series(dtype=types.get(c, "int64")) for c in SUMMARY_COLUMNS})


# --- the run -------------------------------------------------------------------------------

def input_frame(source, *, manifest=None, pieces_per_partition: int = PIECES_PER_PARTITION):
    """The inputs of ``source`` as a Dask DataFrame, and how :func:`analyze_partitioned` reads it.

    Parameters
    ----------
    source : str, pathlib.Path, list, pandas.DataFrame or dask.dataframe.DataFrame
        Files and folders (text, HTML, tables; a Parquet dataset is a folder of Parquet
        files), a table of articles, or a Dask DataFrame of articles (one article per row, in
        the columns :func:`toolkit.load_corpus` reads from tables).
    manifest : str or pathlib.Path, optional
        For files, as for :func:`toolkit.load_corpus`.
    pieces_per_partition : int, default 500
        For files: how many files (or Parquet row groups) make one partition.

    Returns
    -------
    frame : dask.dataframe.DataFrame
        One row per piece to load, or per article.
    kind : {"pieces", "rows"}
    log : pandas.DataFrame
        What was not read while listing the files, and why.
    manifest : (str, dict) or None
        The manifest's path and each file's metadata.
    """
    dd = require_dask()
    from .loading.corpus import LOAD_LOG_COLUMNS

    if pieces_per_partition < 1:
        raise ValueError(f"pieces_per_partition={pieces_per_partition!r} must be at least 1")
    if isinstance(source, pd.DataFrame):
        source = dd.from_pandas(source, npartitions=max(1, -(-len(source) // pieces_per_partition)), sort=False)
    if isinstance(source, dd.DataFrame):
        # each row's number in the whole table, for the names of articles without an id
        lengths = source.map_partitions(len).compute().tolist()
        starts = [1 + sum(lengths[:i]) for i in range(len(lengths))]
        numbered = source.map_partitions(_numbered, starts, meta=source._meta.assign(_row=pd.Series(dtype="int64")))
        return numbered, "rows", pd.DataFrame(columns=LOAD_LOG_COLUMNS), None
    pieces, log, manifest = input_pieces(source, manifest=manifest)
    if pieces.empty:
        from .loading.encoding import InputError
        raise InputError(f"no file to load in {source}" + (": " + "; ".join(log["path"] + ": " + log["reason"])
                                                           if len(log) else ""))
    frame = dd.from_pandas(pieces, npartitions=max(1, -(-len(pieces) // pieces_per_partition)), sort=False)
    return frame, "pieces", log, manifest


def _numbered(part: pd.DataFrame, starts: list, partition_info=None) -> pd.DataFrame:
    first = starts[partition_info["number"]] if partition_info else 1
    return part.assign(_row=range(first, first + len(part)))


def analyze_partitioned(source, out: str | Path, *, actors=None, client=None, manifest=None, columns: dict | None = None,
                        pieces_per_partition: int = PIECES_PER_PARTITION, scheduler: str = "threads",
                        restart_workers: bool = False, progress=None, **settings) -> pd.DataFrame:
    """Analyze a corpus partition by partition on Dask and write its tables to ``out``.

    See the module's documentation for the layout, the faults handled and what differs from
    :func:`toolkit.analyze`. Run the same call again to finish a run that stopped: the
    partitions already written are not computed again.

    Parameters
    ----------
    source : str, pathlib.Path, list, pandas.DataFrame or dask.dataframe.DataFrame
        See :func:`input_frame`.
    out : str or pathlib.Path
        The study's folder. It must be empty, or hold a study of the same call (to resume).
    actors : str, pathlib.Path or ActorDictionary, optional
        The actor dictionary. Without one the study has no mentions, quotes or tone towards
        actors.
    client : distributed.Client, optional
        The Dask cluster (``distributed.Client("tcp://scheduler:8786")``, or a
        ``distributed.LocalCluster`` on this machine).
    scheduler : {"threads", "processes", "synchronous"}, default "threads"
        Without a client, Dask's scheduler in this process ("synchronous": one partition after
        the other, in order).
    restart_workers : bool, default False
        Restart the ``client``'s workers between the per-article tables and the corpus-wide
        ones. The language pipeline and tone models (and what the allocator keeps after them)
        stay in a worker's memory, about 1 GB, and the reductions do not need them: fresh
        workers give the reductions that memory. It wipes whatever else the cluster holds
        and needs workers started by a nanny (``dask worker``, ``LocalCluster``): use it on a
        cluster of your own run.
    manifest, columns : optional
        As for :func:`toolkit.load_corpus`.
    pieces_per_partition : int, default 500
    progress : callable, optional
        Called with a line of text when the run starts, when the per-article tables are
        written, and when it ends.
    **settings
        ``tone_method``, ``target_method``, ``pipeline``, ``event_threshold`` and
        ``event_days`` (see :class:`toolkit.Settings`).

    Returns
    -------
    pandas.DataFrame
        One row per partition (:data:`SUMMARY_COLUMNS`): what it held, how long it took,
        whether it was written by an earlier run (``resumed``), and why it was computed again
        (``redone``: a file of it missing or not the one written, or an input changed; else "").

    Raises
    ------
    ValueError
        For an unknown setting or a value of the wrong type, or if ``out`` holds a study made
        otherwise (other inputs, settings, dictionary, ``columns`` or manifest).
    """
    require_dask()
    allowed = {"tone_method", "target_method", "pipeline", "event_threshold", "event_days"}
    unknown = set(settings) - allowed
    if unknown:
        raise ValueError(f"unknown setting(s) {', '.join(sorted(unknown))}; valid: {', '.join(sorted(allowed))}")
    settings = check_settings(settings)
    dictionary = actors if isinstance(actors, ActorDictionary) or actors is None else load_actors(actors)
    frame, kind, listing, rows = input_frame(source, manifest=manifest, pieces_per_partition=pieces_per_partition)
    out = Path(out)
    _check_folder(out)
    chosen = Settings(actors=DICTIONARY if dictionary is not None else None, discover=False, processes=1, **settings)
    text = dictionary_text(dictionary)
    meta = {"toolkit": _version(), "format": FORMAT, "settings": asdict(chosen), "partitions": frame.npartitions,
            "source": str(source) if not isinstance(source, pd.DataFrame) and not hasattr(source, "npartitions")
            else "a data frame",
            "pieces_per_partition": pieces_per_partition, "columns": columns,
            "manifest": _digest(json.dumps(rows, sort_keys=True, default=str)) if rows else None,
            "dictionary": _digest(text) if text is not None else None, "complete": False}
    _start(out, meta)
    write_dictionary(dictionary, out)
    started = time.perf_counter()
    if progress:
        progress(f"{frame.npartitions:,} partitions to {out}")
    plan = _Plan(out=str(out.resolve()), actors=dictionary, settings=chosen, columns=columns, manifest=rows)
    work = frame.map_partitions(_partition, plan=plan, kind=kind, meta=_summary_meta(), align_dataframes=False)
    summary = (client.compute(work).result() if client is not None else work.compute(scheduler=scheduler))
    summary = summary.reset_index(drop=True)
    if progress:
        for row in summary[summary["redone"].fillna("") != ""].itertuples():
            progress(f"partition {row.partition} computed again: {row.redone}")
    written = {"load_log/listing.parquet": listing, "actor_list/part-00000.parquet": actor_list(dictionary)}
    per_article = time.perf_counter() - started
    if client is not None and restart_workers:
        client.restart()
    elif client is not None:
        client.run(release_memory)     # what the partitions left behind, before the reductions
    if progress:
        progress(f"per-article tables: {per_article:.1f} s; now the corpus-wide ones")
    corpus_wide = corpus_tables(out, settings=chosen, client=client, scheduler=scheduler)
    written.update({f"{name}/part-00000.parquet": table for name, table in corpus_wide.items()})
    for relative, table in written.items():
        write_file(table, out / relative)
    files = {relative: file_record(out / relative) for relative in [*written, *[DICTIONARY] * (text is not None)]}
    meta.update(complete=True, seconds=round(time.perf_counter() - started, 3),
                rows=_row_counts(out, frame.npartitions), tables=["actor_list", *PARTITION_TABLES, *corpus_wide],
                files=files)
    write_file(meta, out / "study.json")
    if progress:
        progress(f"{int(summary['articles'].sum()):,} articles in {time.perf_counter() - started:.1f} s")
    return summary


# --- corpus-wide tables, streamed from the partitions --------------------------------------

#: The corpus-wide tables :func:`corpus_tables` computes from the partitions.
CORPUS_TABLES = ("events", "event_summary", "coverage_misses", "keyness", "tone_profile", "voice_profile")


def _parts(out: Path, table: str) -> list[str]:
    return [str(p) for p in sorted((out / table).glob("part-*.parquet"))]


def _events_of(out: Path, settings: Settings):
    """Events, grouped in this process from the articles' dates and words (and their mentions'
    actors, for the labels): only these columns are read."""
    from .compare.events import group_events
    from .parallel import join_batches

    articles = join_batches([pd.read_parquet(p, columns=["article_id", "outlet", "published", "title", "text", "event"])
                             for p in _parts(out, "articles")])
    mentions = join_batches([pd.read_parquet(p, columns=["article_id", "actor"]) for p in _parts(out, "mentions")]) \
        if settings.actors else None
    return group_events(articles, threshold=settings.event_threshold, days=settings.event_days, mentions=mentions)


def _counts_of(path: str):
    from .compare.keyness import group_counts

    return group_counts(pd.read_parquet(path, columns=["article_id", "outlet", "sentence", "text"]))


def _tone_units_of(path: str, events: pd.DataFrame) -> pd.DataFrame:
    from .compare.profiles import tone_units

    return tone_units(pd.read_parquet(path, columns=["article_id", "outlet", "actor", "score"]), events)


def _voice_units_of(path: str, events: pd.DataFrame) -> pd.DataFrame:
    from .compare.profiles import voice_units

    return voice_units(pd.read_parquet(path, columns=["article_id", "outlet", "side", "words"]), events)


def _in_order(merge, items: list):
    """Merge adjacent pairs of Dask delayed results until one is left (the order is kept)."""
    import dask

    while len(items) > 1:
        items = [dask.delayed(merge)(a, b) if b is not None else a
                 for a, b in zip(items[::2], [*items[1::2], None])]
    return items[0]


def corpus_tables(out: str | Path, *, settings: Settings, client=None, scheduler: str = "threads") -> dict:
    """The corpus-wide tables of a partitioned study that add up over partitions.

    - ``events``, ``event_summary`` and ``coverage_misses``: :func:`toolkit.group_events` in
      this process, on the articles' dates, titles and texts (the other columns are not read). The grouping is a
      single pass in time order that compares each article only with the events open at its
      date, so it grows with the corpus, not with its square; it needs the texts in memory
      (about 1 GB per million short articles).
    - ``keyness``: word counts per outlet in each partition of sentences, added up in pairs
      on the workers (:func:`toolkit.compare.keyness.merge_counts`), then scored.
    - ``tone_profile`` and ``voice_profile``: each partition's sums per outlet, actor (or
      side) and event, added up, then resampled over events.

    The other tables of a study (comparisons within events, framing, frames) are computed in
    memory when :func:`toolkit.open_study` reads them.

    Returns
    -------
    dict
        :data:`CORPUS_TABLES`, each a pandas.DataFrame.
    """
    import dask

    from .compare.keyness import keyness_of_counts, merge_counts
    from .compare.profiles import tone_profile_of_units, voice_profile_of_units
    from .parallel import join_batches

    out = Path(out)
    grouped = _events_of(out, settings)
    # one copy of the article -> event table for every task (not one embedded in each)
    events = dask.delayed(grouped.articles[["article_id", "event"]], pure=True)
    counts = _in_order(merge_counts, [dask.delayed(_counts_of)(p) for p in _parts(out, "sentences")])
    tone = [dask.delayed(_tone_units_of)(p, events) for p in _parts(out, "stance")]
    voice = [dask.delayed(_voice_units_of)(p, events) for p in _parts(out, "quotes")]
    work = [counts, tone, voice]
    counts, tone, voice = client.compute(work, sync=True) if client is not None else dask.compute(*work, scheduler=scheduler)
    return {"events": grouped.articles, "event_summary": grouped.summary, "coverage_misses": grouped.misses,
            "keyness": keyness_of_counts(counts),
            "tone_profile": tone_profile_of_units(join_batches(tone)),
            "voice_profile": voice_profile_of_units(join_batches(voice))}


def _version() -> str:
    from . import __version__
    return __version__


def _digest(text: str) -> str:
    import hashlib

    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _row_counts(out: Path, partitions: int) -> dict:
    """Inputs, articles, sentences, mentions and quotes, from the partitions' records."""
    records = [json.loads(partition_record(out, number).read_text(encoding="utf-8")) for number in range(partitions)]
    return {name: sum(r[name] for r in records) for name in ("inputs", "articles", "sentences", "mentions", "quotes")}


def _check_folder(out: Path) -> None:
    """``out`` must be empty, or hold a study (of the same call: :func:`_start` checks)."""
    if out.exists() and not out.is_dir():
        raise ValueError(f"{out} is a file, not a folder: choose a folder for the study")
    if out.exists() and any(out.iterdir()) and not (out / "study.json").is_file():
        raise ValueError(f"{out} is not empty and holds no study; choose an empty folder")


#: What must be the same for a run to resume the study in its folder.
_SAME_CALL = ("format", "settings", "partitions", "source", "pieces_per_partition", "columns", "manifest", "dictionary")


def _start(out: Path, meta: dict) -> None:
    """Begin (or resume) a run in ``out``: an empty folder, or one left by the same call."""
    path = out / "study.json"
    if path.is_file():
        try:
            before = json.loads(path.read_text(encoding="utf-8"))
        except (ValueError, RecursionError):
            raise StudyError(f"{path} is not valid JSON: the folder holds no study this call can resume; "
                             "choose an empty folder") from None
        if not isinstance(before, dict) or "format" not in before:
            raise StudyError(f"{out} holds a study written by an earlier version of the toolkit (or something else); "
                             "choose an empty folder")
        differ = [k for k in _SAME_CALL if before.get(k) != meta[k]]
        if differ:
            raise ValueError(f"{out} holds a study made with other inputs or settings ({', '.join(differ)}); choose "
                             "an empty folder")
    write_file(meta, path)
