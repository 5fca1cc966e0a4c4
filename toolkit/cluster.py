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
from .study import Settings, _to_parquet, actor_list, dictionary_path

#: The tables written for each partition, in this order.
PARTITION_TABLES = ("articles", "cleaning_log", "load_log", "sentences", "sentence_tone", "mentions", "quotes",
                    "stance")
#: The columns of the summary :func:`analyze_partitioned` returns (one row per partition).
SUMMARY_COLUMNS = ["partition", "inputs", "articles", "sentences", "mentions", "quotes", "seconds", "resumed"]
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
PIECE_COLUMNS = ["path", "name", "notes", "row_group", "first_row"]


def input_pieces(source, *, manifest=None) -> tuple[pd.DataFrame, pd.DataFrame, tuple | None]:
    """The inputs of ``source`` in pieces that a worker loads on its own.

    A piece is a file (text, HTML, a small table), or one row group of a Parquet file: large
    Parquet files are read a row group at a time.

    Parameters
    ----------
    source : str, pathlib.Path or list of those
        Files and folders, as for :func:`toolkit.load_corpus`.
    manifest : str or pathlib.Path, optional
        As for :func:`toolkit.load_corpus`.

    Returns
    -------
    pieces : pandas.DataFrame
        ``path, name, notes, row_group, first_row``: ``notes`` (a JSON list) say how the file
        was found, ``row_group`` is -1 for a whole file, ``first_row`` is the number of the row
        group's first row in its file, from 1.
    log : pandas.DataFrame
        What was not read while listing, and why (load-log columns).
    manifest : (str, dict) or None
        The manifest's path and each file's metadata (see :func:`toolkit.loading.corpus.list_inputs`).
    """
    import pyarrow.parquet as pq

    from .loading.corpus import list_inputs

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
                    rows.append((str(path), name, json.dumps(notes), group, first))
                    first += meta.row_group(group).num_rows
                continue
        rows.append((str(path), name, json.dumps(notes), -1, 1))
    return pd.DataFrame(rows, columns=PIECE_COLUMNS), log, manifest


def _load_pieces(pieces: pd.DataFrame, plan: _Plan):
    """The corpus of a partition of pieces: whole files, and row groups of Parquet files."""
    import pyarrow.parquet as pq

    from .loading.corpus import Corpus, load_files, load_rows

    whole = pieces[pieces["row_group"] < 0]
    parts = [load_files(list(zip(whole["path"], whole["name"], map(json.loads, whole["notes"]))), manifest=plan.manifest,
                        columns=plan.columns, errors="skip")] if len(whole) else []
    for path, name, group, first in pieces.loc[pieces["row_group"] >= 0, ["path", "name", "row_group", "first_row"]] \
            .itertuples(index=False):
        table = pq.ParquetFile(path).read_row_group(int(group)).to_pandas()
        parts.append(load_rows(table, name=name, prefix=Path(name).with_suffix("").as_posix(), first_row=int(first),
                               columns=plan.columns, errors="skip"))
    return Corpus(*(join_batches([getattr(p, f) for p in parts]) for f in ("articles", "cleaning_log", "load_log")))


# --- one partition -----------------------------------------------------------------------

def _write(table: pd.DataFrame, path: Path) -> None:
    """Write a file under a temporary name, then rename it: never a half-written file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    if path.suffix == ".json":
        temporary.write_text(json.dumps(table, indent=1) + "\n", encoding="utf-8")
    else:
        _to_parquet(table, temporary)
    os.replace(temporary, path)


def _record(out: Path, number: int) -> Path:
    return out / "_partitions" / f"part-{number:05d}.json"


def _partition(inputs: pd.DataFrame, partition_info=None, *, plan: _Plan, kind: str) -> pd.DataFrame:
    """Analyze one partition and write its tables; a partition already written is not redone."""
    from .loading.corpus import load_rows
    from .study import article_tables
    from .tone.stance import score_mentions

    number = partition_info["number"] if partition_info else 0
    out = Path(plan.out)
    record = _record(out, number)
    if record.is_file():
        return pd.DataFrame([{**json.loads(record.read_text(encoding="utf-8")), "resumed": True}],
                            columns=SUMMARY_COLUMNS)
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
    for name in PARTITION_TABLES:
        _write(tables[name], out / name / f"part-{number:05d}.parquet")
    summary = {"partition": number, "inputs": len(inputs), "articles": len(corpus.articles),
               "sentences": len(tables["sentences"]), "mentions": len(tables["mentions"]),
               "quotes": len(tables["quotes"]), "seconds": round(time.perf_counter() - started, 3)}
    _write(summary, record)
    del tables, corpus
    release_memory()
    return pd.DataFrame([{**summary, "resumed": False}], columns=SUMMARY_COLUMNS)


def _summary_meta() -> pd.DataFrame:
    types = {"seconds": "float64", "resumed": "bool"}
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
        One row per partition (:data:`SUMMARY_COLUMNS`): what it held, how long it took, and
        whether it was written by an earlier run (``resumed``).

    Raises
    ------
    ValueError
        For an unknown setting, or if ``out`` holds a study made otherwise.
    """
    require_dask()
    allowed = {"tone_method", "target_method", "pipeline", "event_threshold", "event_days"}
    unknown = set(settings) - allowed
    if unknown:
        raise ValueError(f"unknown setting(s) {', '.join(sorted(unknown))}; valid: {', '.join(sorted(allowed))}")
    dictionary = actors if isinstance(actors, ActorDictionary) or actors is None else load_actors(actors)
    frame, kind, listing, rows = input_frame(source, manifest=manifest, pieces_per_partition=pieces_per_partition)
    out = Path(out)
    _check_folder(out)
    chosen = Settings(actors=dictionary_path(dictionary, out), discover=False, processes=1, **settings)
    meta = {"toolkit": _version(), "settings": asdict(chosen), "partitions": frame.npartitions,
            "source": str(source) if not hasattr(source, "npartitions") else "a Dask DataFrame",
            "pieces_per_partition": pieces_per_partition, "complete": False}
    _start(out, meta)
    started = time.perf_counter()
    if progress:
        progress(f"{frame.npartitions:,} partitions to {out}")
    plan = _Plan(out=str(out.resolve()), actors=dictionary, settings=chosen, columns=columns, manifest=rows)
    work = frame.map_partitions(_partition, plan=plan, kind=kind, meta=_summary_meta(), align_dataframes=False)
    summary = (client.compute(work).result() if client is not None else work.compute(scheduler=scheduler))
    summary = summary.reset_index(drop=True)
    _write(listing, out / "load_log" / "listing.parquet")
    _write(actor_list(dictionary), out / "actor_list" / "part-00000.parquet")
    per_article = time.perf_counter() - started
    if client is not None and restart_workers:
        client.restart()
    elif client is not None:
        client.run(release_memory)     # what the partitions left behind, before the reductions
    if progress:
        progress(f"per-article tables: {per_article:.1f} s; now the corpus-wide ones")
    corpus_wide = corpus_tables(out, settings=chosen, client=client, scheduler=scheduler)
    for name, table in corpus_wide.items():
        _write(table, out / name / "part-00000.parquet")
    meta.update(complete=True, seconds=round(time.perf_counter() - started, 3), rows=_row_counts(out),
                tables=["actor_list", *PARTITION_TABLES, *corpus_wide])
    _write(meta, out / "study.json")
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


def _row_counts(out: Path) -> dict:
    """Inputs, articles, sentences, mentions and quotes, from the partitions' records."""
    records = [json.loads(p.read_text(encoding="utf-8")) for p in sorted((out / "_partitions").glob("part-*.json"))]
    return {name: sum(r[name] for r in records) for name in ("inputs", "articles", "sentences", "mentions", "quotes")}


def _check_folder(out: Path) -> None:
    """``out`` must be empty, or hold a study (of the same call: :func:`_start` checks)."""
    if out.exists() and any(out.iterdir()) and not (out / "study.json").is_file():
        raise ValueError(f"{out} is not empty and holds no study; choose an empty folder")


def _start(out: Path, meta: dict) -> None:
    """Begin (or resume) a run in ``out``: an empty folder, or one left by the same call."""
    path = out / "study.json"
    if path.is_file():
        before = json.loads(path.read_text(encoding="utf-8"))
        same = {k: before.get(k) for k in ("settings", "partitions", "source", "pieces_per_partition")} == \
            {k: meta[k] for k in ("settings", "partitions", "source", "pieces_per_partition")}
        if not same:
            raise ValueError(f"{out} holds a study made with other inputs or settings; choose an empty folder")
    _write(meta, path)
