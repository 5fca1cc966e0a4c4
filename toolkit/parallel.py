"""Spreading per-item work over processes or a Dask cluster, with results identical to one process.

Two ways to run batches of work at once:

- ``processes=N``: N worker processes on this machine (:class:`concurrent.futures.ProcessPoolExecutor`);
- ``client=``: the workers of a Dask cluster (a :class:`distributed.Client`, the ``dask``
  extra). Dask sends each batch to a worker, retries a batch whose worker died, and raises
  ``distributed.KilledWorker`` if batches keep killing workers.

Either way the batches are put back together in their order, so that the result is the one
of a single call.
"""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor

#: Below this many items, one process is faster than starting workers.
PARALLEL_THRESHOLD = 20_000


def _run_batches(func, batches: list, *, processes: int, client=None) -> list:
    """``func`` applied to each batch, in order: on the Dask ``client`` if given, else in processes."""
    if client is not None:
        futures = client.map(func, batches, pure=False)
        return client.gather(futures)
    with ProcessPoolExecutor(max_workers=processes) as pool:
        return list(pool.map(func, batches))


def cluster_workers(client) -> int:
    """How many batches a Dask cluster runs at once: the threads of all its workers (at least 1)."""
    return max(1, sum(client.nthreads().values()))


def map_in_chunks(func, items: list, *, processes: int | None = None, chunks_per_process: int = 4,
                  client=None) -> list:
    """Apply ``func`` (list of items -> list of results) to chunks of ``items``, in order.

    ``func`` must be a module-level function (workers receive it by name) that treats each
    item on its own, so that the result does not depend on how items are chunked.

    Parameters
    ----------
    func : callable
        Takes a list of items, returns a list of results of the same length.
    items : list
    processes : int, optional
        By default every core when there are more than :data:`PARALLEL_THRESHOLD` items,
        else one (no worker processes at all).
    chunks_per_process : int, default 4
    client : distributed.Client, optional
        Run the chunks on this Dask cluster instead (``processes`` is then ignored).

    Returns
    -------
    list
        ``func`` applied to every item, in the order of ``items``.

    Examples
    --------
    >>> map_in_chunks(sorted, [3, 1, 2], processes=1)
    [1, 2, 3]
    """
    if client is not None:
        processes = cluster_workers(client)
    elif processes is None:
        processes = (os.cpu_count() or 1) if len(items) > PARALLEL_THRESHOLD else 1
    if processes < 1:
        raise ValueError(f"processes={processes!r} must be at least 1")
    if (processes == 1 and client is None) or len(items) < 2:
        return func(items)
    size = max(1, -(-len(items) // (processes * chunks_per_process)))
    chunks = [items[i:i + size] for i in range(0, len(items), size)]
    return [result for chunk in _run_batches(func, chunks, processes=processes, client=client) for result in chunk]


def article_batches(table, *, batches: int, by: str = "article_id") -> list:
    """Split a table into about ``batches`` contiguous parts, never splitting the rows of one article.

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"article_id": ["a", "a", "b", "c", "c", "c"]})
    >>> [part["article_id"].tolist() for part in article_batches(t, batches=2)]
    [['a', 'a', 'b'], ['c', 'c', 'c']]
    """
    if table.empty:
        return [table]
    starts = (table[by] != table[by].shift()).to_numpy().nonzero()[0].tolist()   # where each article's rows begin
    size = -(-len(starts) // max(1, batches))
    bounds = starts[::size] + [len(table)]
    return [table.iloc[a:b] for a, b in zip(bounds, bounds[1:])]


def map_tables(func, table, *, processes: int, batches_per_process: int = 4, by: str = "article_id",
               order: dict | None = None, client=None) -> dict:
    """Apply ``func`` (a table -> a dict of tables) to batches of articles in ``processes``
    processes or on a Dask cluster, and put each result table back together, as one call on the
    whole table gives it.

    Parameters
    ----------
    func : callable
        A module-level function (or a :func:`functools.partial` of one) that treats each
        article on its own: a batch of rows in, a dict of tables out.
    table : pandas.DataFrame
        Rows of one article are contiguous (as in the articles or sentences table).
    processes : int
        1: ``func(table)`` in this process.
    batches_per_process : int, default 4
        Batches per process (or per thread of the cluster's workers).
    by : str, default "article_id"
    order : dict, optional
        For a result table that ``func`` sorts over the whole input, its sort columns
        (``{"quotes": ["article_id", "part", "start"]}``): the joined table is sorted the same way
        (stable, so the rows of one article keep their order).
    client : distributed.Client, optional
        Run the batches on this Dask cluster instead (``processes`` is then ignored).

    Returns
    -------
    dict
        The tables of ``func``, each joined in batch order with a fresh index.
    """
    if client is not None:
        processes = cluster_workers(client)
    if processes < 1:
        raise ValueError(f"processes={processes!r} must be at least 1")
    batches = article_batches(table, batches=processes * batches_per_process, by=by) \
        if processes > 1 or client is not None else [table]
    if len(batches) < 2 and client is None:
        return func(table)
    results = _run_batches(func, batches, processes=processes, client=client)
    return {name: join_batches([result[name] for result in results], sort=(order or {}).get(name))
            for name in results[0]}


def join_batches(parts: list, *, sort: list | None = None):
    """The tables of batches of articles, in batch order, as one call on all of them makes it.

    Parameters
    ----------
    parts : list of pandas.DataFrame
        The same table for each batch, in batch order (at least one).
    sort : list of str, optional
        For a table that one call sorts over the whole input, its sort columns: the joined
        table is sorted the same way (stable, so the rows of one article keep their order).

    Returns
    -------
    pandas.DataFrame
        With a fresh index. A column typed differently in two batches (text in one, only
        missing values in another) is typed as one call types the mix: from its values.

    Examples
    --------
    >>> import pandas as pd
    >>> whole = join_batches([pd.DataFrame({"a": [None]}), pd.DataFrame({"a": [2.5]})])
    >>> whole["a"].tolist(), str(whole["a"].dtype)
    ([nan, 2.5], 'float64')
    """
    import pandas as pd

    parts = [part for part in parts if len(part)] or parts[:1]
    mixed = [c for c in parts[0].columns if len({str(p[c].dtype) for p in parts}) > 1]
    whole = pd.concat(parts, ignore_index=True)
    for column in mixed:
        whole[column] = pd.Series(whole[column].tolist(), index=whole.index)
    if sort:
        whole = whole.sort_values(sort, kind="stable").reset_index(drop=True)
    return whole


def release_memory() -> None:
    """Give freed memory back to the operating system (a worker between partitions).

    Python, glibc's ``malloc`` and pyarrow's pool keep memory that tables no longer use; in a
    long run a worker's footprint then creeps up until Dask pauses or restarts it. Measured on
    1,000-article partitions: about 150 MB a worker returned. Does nothing where glibc is absent.
    """
    import ctypes
    import ctypes.util
    import gc

    gc.collect()
    name = ctypes.util.find_library("c")
    try:
        ctypes.CDLL(name).malloc_trim(0)
    except (OSError, AttributeError, TypeError):   # not glibc (macOS, Windows, musl without malloc_trim)
        pass
    try:
        import pyarrow

        pyarrow.default_memory_pool().release_unused()
    except ImportError:
        pass
