"""The analysis on a Dask cluster: a real ``distributed`` scheduler with two worker processes
started on this machine. The tables must be those of one process."""

from __future__ import annotations

import os
import re
import sys
from functools import partial

import pandas as pd
import pytest

import toolkit
from toolkit.study import TABLES

#: Minutes, not seconds: left out of `make quick` (run by `make test`).
pytestmark = pytest.mark.slow

distributed = pytest.importorskip("distributed", reason="the dask extra is not installed")


@pytest.fixture(scope="module")
def client():
    import cloudpickle

    # the workers cannot import this test module: its functions travel by value
    cloudpickle.register_pickle_by_value(sys.modules[__name__])
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            distributed.Client(cluster) as dask_client:
        yield dask_client
    cloudpickle.unregister_pickle_by_value(sys.modules[__name__])


def _assert_same_tables(study, reference):
    for name in TABLES:
        pd.testing.assert_frame_equal(getattr(study, name), getattr(reference, name), obj=name)


def test_two_dask_workers_give_the_tables_of_one_process_on_the_sample_corpus(client, sample_path):
    assert len(client.scheduler_info()["workers"]) == 2
    one = toolkit.analyze(sample_path, actors=toolkit.sample_actors_path(), processes=1)
    on_dask = toolkit.analyze(sample_path, actors=toolkit.sample_actors_path(), client=client)
    assert len(on_dask.quotes) == 40 and len(on_dask.stance) == len(one.stance) == 159
    _assert_same_tables(on_dask, one)


def test_two_dask_workers_give_the_tables_of_one_process_on_a_generated_multi_event_corpus(client):
    from devtools.bench import event_corpus

    corpus = event_corpus(80, events=8, outlets=4)     # no dictionary: the actors are discovered
    one = toolkit.analyze(corpus, processes=1)
    on_dask = toolkit.analyze(corpus, client=client)
    assert (len(on_dask.articles), on_dask.events["event"].nunique(), len(on_dask.actors), len(on_dask.mentions),
            len(on_dask.quotes), len(on_dask.pairs)) == (80, 4, 218, 1445, 200, 429)
    _assert_same_tables(on_dask, one)


def _dies_once(batch, *, marker, func):
    """``func(batch)``, but the first batch to arrive kills its worker process."""
    try:
        os.close(os.open(marker, os.O_CREAT | os.O_EXCL))
    except FileExistsError:
        return func(batch)
    os._exit(1)


def _always_dies(batch):
    os._exit(1)


def test_a_worker_that_dies_in_the_middle_of_a_run_changes_nothing(client, tmp_path, sample_corpus):
    from toolkit.parallel import map_tables
    from toolkit.study import article_tables

    func = partial(article_tables, actors=toolkit.load_actors(toolkit.sample_actors_path()))
    reference = func(sample_corpus.articles)
    marker = tmp_path / "died"
    survived = map_tables(partial(_dies_once, marker=str(marker), func=func), sample_corpus.articles,
                          processes=1, client=client, order={"quotes": ["article_id", "part", "start"]})
    assert marker.exists()       # a worker did die, and Dask ran its batch again on another
    for name, table in reference.items():
        pd.testing.assert_frame_equal(survived[name], table, obj=name)


def test_batches_that_keep_killing_workers_stop_the_run_with_dasks_error(client, sample_corpus):
    from toolkit.parallel import map_tables

    with pytest.raises(distributed.KilledWorker):
        map_tables(_always_dies, sample_corpus.articles, processes=1, client=client)


# --- partitioned runs: toolkit.cluster.analyze_partitioned ----------------------------------

def test_a_partitioned_run_on_two_workers_restarted_before_the_reductions_opens_as_the_study_of_one_process(tmp_path, sample_path):
    import os

    from toolkit.cluster import analyze_partitioned

    # a cluster of its own: the fault tests leave the shared one's workers coming back
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            distributed.Client(cluster) as client:
        before = set(client.run(os.getpid).values())
        summary = analyze_partitioned(sample_path, tmp_path / "study", actors=toolkit.sample_actors_path(),
                                      client=client, pieces_per_partition=1, restart_workers=True)
        assert not before & set(client.run(os.getpid).values())      # the reductions ran on fresh workers
    assert summary[["partition", "inputs", "articles", "sentences", "mentions", "quotes", "resumed"]].values.tolist() \
        == [[0, 1, 1, 17, 48, 9, False], [1, 1, 1, 46, 111, 31, False]]
    assert sorted(p.name for p in (tmp_path / "study" / "mentions").iterdir()) == ["part-00000.parquet",
                                                                                   "part-00001.parquet"]
    one = toolkit.analyze(sample_path, actors=toolkit.sample_actors_path(), processes=1)
    _assert_same_tables(toolkit.open_study(tmp_path / "study"), one)
    # each table folder is one Parquet dataset for other readers
    import dask.dataframe as dd
    assert len(dd.read_parquet(tmp_path / "study" / "stance")) == len(one.stance) == 159
    assert len(pd.read_parquet(tmp_path / "study" / "quotes")) == 40


def test_a_partitioned_run_of_a_dask_dataframe_gives_the_tables_of_one_process(tmp_path):
    import dask.dataframe as dd
    from toolkit.cluster import analyze_partitioned
    from devtools.bench import event_corpus

    corpus = event_corpus(60, events=6, outlets=3)
    one = toolkit.analyze(corpus, processes=1)                 # actors discovered in one process
    rows = dd.from_pandas(corpus, npartitions=3, sort=False)
    summary = analyze_partitioned(rows, tmp_path / "s", actors=one.actors)
    assert summary["articles"].tolist() == [20, 20, 20]
    _assert_same_tables(toolkit.open_study(tmp_path / "s"), toolkit.analyze(corpus, actors=one.actors, processes=1))


def test_parquet_files_are_read_a_row_group_at_a_time_and_numbered_as_one_table(tmp_path):
    from toolkit.cluster import analyze_partitioned, input_pieces
    from devtools.bench import event_corpus

    corpus = event_corpus(30, events=3, outlets=3).drop(columns=["article_id"])
    corpus.loc[4, "text"] = " "                                  # a bad row: recorded in the load log
    (tmp_path / "in").mkdir()
    corpus.to_parquet(tmp_path / "in" / "news.parquet", row_group_size=10)
    pieces, _, _ = input_pieces(tmp_path / "in")
    assert pieces[["name", "row_group", "first_row"]].values.tolist() == [["news.parquet", 0, 1],
                                                                          ["news.parquet", 1, 11],
                                                                          ["news.parquet", 2, 21]]
    analyze_partitioned(tmp_path / "in", tmp_path / "s", actors=toolkit.sample_actors_path(), pieces_per_partition=1)
    study = toolkit.open_study(tmp_path / "s")
    reference = toolkit.analyze(tmp_path / "in", actors=toolkit.sample_actors_path(), processes=1)
    assert study.articles["article_id"].tolist()[:5] == ["news-1", "news-2", "news-3", "news-4", "news-6"]
    skipped = study.load_log[study.load_log["status"] == "skipped"]
    assert skipped[["path", "reason"]].values.tolist() == [["news.parquet#row=5", "empty text"]]
    _assert_same_tables(study, reference)


def _fail_on_the_second_partition(monkeypatch):
    """Make the second partition's per-article stages fail, as a machine that goes down; the real
    function is returned."""
    import toolkit.study

    real, calls = toolkit.study.article_tables, []

    def fails_on_the_second_partition(articles, **options):
        calls.append(1)
        if len(calls) == 2:
            raise RuntimeError("the machine went down")
        return real(articles, **options)

    monkeypatch.setattr(toolkit.study, "article_tables", fails_on_the_second_partition)
    return real


def test_a_run_that_stops_is_never_complete_and_the_same_call_resumes_it(tmp_path, sample_path, monkeypatch):
    import toolkit.study
    from toolkit.cluster import analyze_partitioned

    real = _fail_on_the_second_partition(monkeypatch)
    options = dict(actors=toolkit.sample_actors_path(), pieces_per_partition=1, scheduler="synchronous")
    with pytest.raises(RuntimeError, match="went down"):
        analyze_partitioned(sample_path, tmp_path / "s", **options)
    written = [p.name for p in (tmp_path / "s" / "_partitions").iterdir()]
    assert len(written) == 1                                                     # the first to run
    other = "part-00001" if written == ["part-00000.json"] else "part-00000"
    assert not list((tmp_path / "s" / "sentences").glob(f"*{other}*"))          # nothing half-written
    with pytest.raises(ValueError, match="incomplete: 1 of 2 partitions were written"):
        toolkit.open_study(tmp_path / "s")
    monkeypatch.setattr(toolkit.study, "article_tables", real)
    again = analyze_partitioned(sample_path, tmp_path / "s", **options)
    assert again["resumed"].tolist() == [written == ["part-00000.json"], written == ["part-00001.json"]]
    _assert_same_tables(toolkit.open_study(tmp_path / "s"),
                        toolkit.analyze(sample_path, actors=toolkit.sample_actors_path(), processes=1))


def test_a_partitioned_run_refuses_a_folder_of_something_else(tmp_path, sample_path):
    from toolkit.cluster import analyze_partitioned

    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "notes.txt").write_text("mine")
    with pytest.raises(ValueError, match="is not empty and holds no study"):
        analyze_partitioned(sample_path, tmp_path / "full")
    analyze_partitioned(sample_path, tmp_path / "s", pieces_per_partition=2)
    with pytest.raises(ValueError, match="holds a study made with other inputs or settings"):
        analyze_partitioned(sample_path, tmp_path / "s", pieces_per_partition=2, target_method="vader-window")
    with pytest.raises(ValueError, match="unknown setting"):
        analyze_partitioned(sample_path, tmp_path / "t", events=3)


def test_a_partitioned_run_names_what_is_wrong_with_its_input(tmp_path):
    from toolkit.cluster import analyze_partitioned

    (tmp_path / "empty").mkdir()
    with pytest.raises(toolkit.InputError, match="no file to load in .*empty: .*empty: folder holds no files"):
        analyze_partitioned(tmp_path / "empty", tmp_path / "s")
    with pytest.raises(ValueError, match="pieces_per_partition=0 must be at least 1"):
        analyze_partitioned(pd.DataFrame({"text": ["Rain fell."]}), tmp_path / "s", pieces_per_partition=0)
    assert not (tmp_path / "s").exists()


# --- a partitioned study never opens with rows missing or mixed (issue 24, section 1) ---------

def _damage(path, how):
    import os

    if how == "deleted":
        path.unlink()
    elif how == "emptied":
        pd.read_parquet(path).head(0).to_parquet(path, index=False)
    else:
        path.write_bytes(os.urandom(path.stat().st_size))


@pytest.fixture(scope="module")
def partitioned_sample(tmp_path_factory, sample_path):
    """The sample corpus analyzed in two partitions, without actors."""
    from toolkit.cluster import analyze_partitioned

    out = tmp_path_factory.mktemp("partitioned") / "s"
    analyze_partitioned(sample_path, out, pieces_per_partition=1, scheduler="synchronous")
    return out


@pytest.mark.parametrize("part, how, message", [
    ("mentions/part-00001.parquet", "deleted", "damaged partition 1: mentions/part-00001.parquet is missing"),
    # issue 24: a deleted articles part lost its articles and kept their sentences
    ("articles/part-00001.parquet", "deleted", "damaged partition 1: articles/part-00001.parquet is missing"),
    ("articles/part-00000.parquet", "emptied", "damaged partition 0: articles/part-00000.parquet holds 0 rows, 1 were "
                                               "saved"),
    ("sentences/part-00001.parquet", "corrupted", "damaged partition 1: sentences/part-00001.parquet is not a readable "
                                                  "Parquet table"),
    ("_partitions/part-00001.json", "corrupted", "damaged partition 1: its record _partitions/part-00001.json is not "
                                                 "valid JSON"),
    ("events/part-00000.parquet", "deleted", "events/part-00000.parquet is missing; run the same analyze_partitioned "
                                             "call again"),
])
def test_a_partition_with_a_file_missing_emptied_or_corrupted_is_refused_and_computed_again(
        partitioned_sample, tmp_path, sample_path, part, how, message):
    import shutil

    from toolkit.cluster import analyze_partitioned

    options = dict(pieces_per_partition=1, scheduler="synchronous")
    shutil.copytree(partitioned_sample, tmp_path / "s")
    before = toolkit.open_study(tmp_path / "s")
    _damage(tmp_path / "s" / part, how)
    with pytest.raises(toolkit.StudyError, match=message):
        toolkit.open_study(tmp_path / "s")
    again = analyze_partitioned(sample_path, tmp_path / "s", **options)
    number = int(re.search(r"part-(\d+)", part).group(1)) if not part.startswith("events") else None
    assert again["resumed"].tolist() == [number != 0, number != 1]
    assert (again["redone"] != "").tolist() == [number == 0, number == 1]
    after = toolkit.open_study(tmp_path / "s")
    for name in ("articles", "sentences", "mentions", "events", "keyness"):
        pd.testing.assert_frame_equal(getattr(after, name), getattr(before, name), obj=name)


def test_a_partitioned_study_reads_only_its_own_files_and_keeps_its_dictionary(tmp_path, sample_path):
    import json
    import shutil

    from toolkit.cluster import analyze_partitioned

    dictionary = shutil.copy(toolkit.sample_actors_path(), tmp_path / "mine.yml")
    analyze_partitioned(sample_path, tmp_path / "s", actors=dictionary, pieces_per_partition=1, scheduler="synchronous")
    meta = json.loads((tmp_path / "s" / "study.json").read_text())
    assert meta["settings"]["actors"] == "actors.yml" and "actors.yml" in meta["files"]
    study = toolkit.open_study(tmp_path / "s")
    # a stray part file (from another run, or copied in) is not read into the study
    shutil.copy(tmp_path / "s" / "mentions" / "part-00001.parquet", tmp_path / "s" / "mentions" / "part-00002.parquet")
    (tmp_path / "mine.yml").unlink()
    copy = toolkit.open_study(shutil.copytree(tmp_path / "s", tmp_path / "copy"))
    assert len(copy.mentions) == len(study.mentions) == 159 and len(copy.actors) == 63
    with pytest.raises(ValueError, match="holds a study made with other inputs or settings \\(dictionary\\)"):
        analyze_partitioned(sample_path, tmp_path / "s", actors=toolkit.ActorDictionary(copy.actors.actors[:3]),
                            pieces_per_partition=1, scheduler="synchronous")
    (tmp_path / "s" / "study.json").write_text("{")
    with pytest.raises(toolkit.StudyError, match="study.json is not valid JSON: the folder holds no study this call "
                                                 "can resume"):
        analyze_partitioned(sample_path, tmp_path / "s", pieces_per_partition=1, scheduler="synchronous")


def test_an_input_changed_between_a_stop_and_the_rerun_is_read_again(tmp_path, sample_path, monkeypatch):
    import json
    import shutil
    from pathlib import Path

    import toolkit.study
    from toolkit.cluster import analyze_partitioned

    inputs = shutil.copytree(sample_path, tmp_path / "in")
    real = _fail_on_the_second_partition(monkeypatch)
    options = dict(pieces_per_partition=1, scheduler="synchronous")
    with pytest.raises(RuntimeError, match="went down"):
        analyze_partitioned(inputs, tmp_path / "s", **options)
    monkeypatch.setattr(toolkit.study, "article_tables", real)
    [record] = (tmp_path / "s" / "_partitions").iterdir()     # the partition written before the stop
    number, [(first, _, _)] = int(record.stem[-5:]), json.loads(record.read_text())["read"]
    Path(first).write_text(Path(first).read_text().replace("Ukraine", "Ruritania"))
    again = analyze_partitioned(inputs, tmp_path / "s", **options)
    assert again["resumed"].tolist() == [False, False]
    assert again["redone"].tolist()[number] == f"its input {first} changed since it was read"
    assert again["redone"].tolist()[1 - number] == ""
    pd.testing.assert_frame_equal(toolkit.open_study(tmp_path / "s").sentences,
                                  toolkit.analyze(inputs, discover=False, processes=1, progress=False).sentences)


def test_rows_of_a_data_frame_changed_since_a_run_are_read_again(tmp_path):
    from toolkit.cluster import analyze_partitioned

    # 70 rows: a change in the middle does not show in the frame's repr, which the run once compared
    rows = pd.DataFrame({"article_id": [f"a{i}" for i in range(70)], "outlet": ["A", "B"] * 35,
                         "published": ["2024-01-02"] * 70, "text": [f"Rain fell on town {i}." for i in range(70)]})
    analyze_partitioned(rows, tmp_path / "s", pieces_per_partition=35, scheduler="synchronous")
    changed = rows.copy()
    changed.loc[40, "text"] = "Snow fell on Ash."
    again = analyze_partitioned(changed, tmp_path / "s", pieces_per_partition=35, scheduler="synchronous")
    assert again[["resumed", "redone"]].values.tolist() == [[True, ""], [False, "its input rows changed since it was "
                                                                                "read"]]
    assert toolkit.open_study(tmp_path / "s").articles["text"].tolist()[40] == "Snow fell on Ash."


def test_one_large_json_lines_file_is_split_into_pieces_that_load_as_the_whole_file(tmp_path, monkeypatch):
    """Issue 24: a single 300 MB JSON Lines file was loaded whole; analyze_partitioned now reads it in pieces of whole
    lines, numbered as in the whole file (a bad line keeps its number)."""
    import json

    from toolkit.cluster import _load_pieces, _Plan, input_pieces
    from toolkit.loading import corpus as loader
    body = "Ukrainian and American negotiators met in Miami on Thursday, officials said on Friday."
    lines = [json.dumps({"text": f"{body} Story {i}.", "outlet": "AB"[i % 2]}) for i in range(12)]
    lines[6] = "{not json"
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "news.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    monkeypatch.setattr(loader, "PIECE_BYTES", 400)
    pieces, _, _ = input_pieces(tmp_path / "in")
    assert pieces["first_row"].tolist() == [1, 5, 10] and (pieces["start_byte"] >= 0).all()
    assert pieces["end_byte"].iat[-1] == (tmp_path / "in" / "news.jsonl").stat().st_size
    plan = _Plan(out=str(tmp_path / "s"), actors=None, settings=toolkit.Settings(), columns=None)
    parts = [_load_pieces(pieces.iloc[[i]], plan) for i in range(len(pieces))]
    whole = toolkit.load_corpus(tmp_path / "in", errors="skip")
    articles = pd.concat([p.articles for p in parts], ignore_index=True)
    assert articles[["article_id", "outlet", "text", "source"]].values.tolist() == \
        whole.articles[["article_id", "outlet", "text", "source"]].values.tolist()
    assert articles["article_id"].tolist()[5:7] == ["news-6", "news-8"]
    skipped = pd.concat([p.load_log for p in parts]).query("status == 'skipped'")
    assert skipped[["path", "reason"]].values.tolist() == [
        ["news.jsonl#line=7", "not valid JSON (Expecting property name enclosed in double quotes, character 2)"]]


def test_one_large_csv_file_is_split_at_records_and_loads_as_the_whole_file(tmp_path, monkeypatch):
    """Issue 24 §3: analyze_partitioned could not split one big CSV file, and load_corpus read a large table whole.
    Pieces end at a line break outside quotes (a field may hold line breaks); each is read with the header; a
    malformed record is logged with its line in the whole file."""
    from toolkit.cluster import _load_pieces, _Plan, input_pieces
    from toolkit.loading import corpus as loader
    body = "Ukrainian and American negotiators met in Miami on Thursday, officials said on Friday."
    rows = [f'"{body}\nStory {i}, said ""X"".",{"AB"[i % 2]}' for i in range(12)]
    rows[6] = f'"{body} Broken.",A,extra'
    (tmp_path / "in").mkdir()
    path = tmp_path / "in" / "news.csv"
    path.write_text("text,outlet\n" + "\n".join(rows) + "\n", encoding="utf-8")
    whole = toolkit.load_corpus(path, errors="skip")                   # small: read whole, rows numbered 1, 2, ...
    monkeypatch.setattr(loader, "PIECE_BYTES", 400)
    pieces, _, _ = input_pieces(tmp_path / "in")
    assert pieces["first_row"].tolist() == [1, 10, 17] and pieces["end_byte"].iat[-1] == path.stat().st_size
    plan = _Plan(out=str(tmp_path / "s"), actors=None, settings=toolkit.Settings(), columns=None)
    parts = [_load_pieces(pieces.iloc[[i]], plan) for i in range(len(pieces))]
    articles = pd.concat([p.articles for p in parts], ignore_index=True)
    assert articles[["outlet", "text"]].values.tolist() == whole.articles[["outlet", "text"]].values.tolist()
    assert articles["text"].iat[0].endswith('Story 0, said "X".') and len(articles) == 11
    assert articles["article_id"].tolist()[5:7] == ["news-12", "news-15"]        # named by the line they start on
    skipped = pd.concat([p.load_log for p in parts]).query("status == 'skipped'")
    assert skipped[["path", "reason"]].values.tolist() == [["news.csv#line=14",
                                                            "malformed CSV line: expected 2 fields, saw 3"]]
    streamed = toolkit.load_corpus(path, errors="skip")                # large: read a piece at a time, the same
    assert streamed.articles[["article_id", "text"]].values.tolist() == articles[["article_id", "text"]].values.tolist()


def test_a_large_json_lines_file_is_read_a_piece_at_a_time_with_the_same_articles(tmp_path, monkeypatch):
    """Issue 24 §3: a 300 MB JSON Lines file was read whole (text, records and rows at once: 1.8 GB)."""
    import json

    from toolkit.loading import corpus as loader
    body = "Ukrainian and American negotiators met in Miami on Thursday, officials said on Friday."
    lines = [json.dumps({"text": f"{body} Story {i}.", "outlet": "AB"[i % 2]}) for i in range(12)]
    lines[6] = "{not json"
    (tmp_path / "news.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    whole = toolkit.load_corpus(tmp_path / "news.jsonl", errors="skip")
    read, real = [], loader._piece_rows
    monkeypatch.setattr(loader, "_piece_rows", lambda *a, **k: read.append(k["first_line"]) or real(*a, **k))
    monkeypatch.setattr(loader, "PIECE_BYTES", 400)
    streamed = toolkit.load_corpus(tmp_path / "news.jsonl", errors="skip")
    assert read == [1, 5, 10]
    pd.testing.assert_frame_equal(streamed.articles, whole.articles)
    pd.testing.assert_frame_equal(streamed.load_log, whole.load_log)
