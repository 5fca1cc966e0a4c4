"""The analysis on a Dask cluster: a real ``distributed`` scheduler with two worker processes
started on this machine. The tables must be those of one process."""

from __future__ import annotations

import os
import sys
from functools import partial

import pandas as pd
import pytest

import toolkit
from toolkit.study import TABLES

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
    from toolkit.dev.bench import event_corpus

    corpus = event_corpus(80, events=8, outlets=4)     # no dictionary: the actors are discovered
    one = toolkit.analyze(corpus, processes=1)
    on_dask = toolkit.analyze(corpus, client=client)
    assert (len(on_dask.articles), on_dask.events["event"].nunique(), len(on_dask.actors), len(on_dask.mentions),
            len(on_dask.quotes), len(on_dask.pairs)) == (80, 7, 214, 1373, 200, 387)
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
