"""Spreading per-item work over processes, with results identical to one process."""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor

#: Below this many items, one process is faster than starting workers.
PARALLEL_THRESHOLD = 20_000


def map_in_chunks(func, items: list, *, processes: int | None = None, chunks_per_process: int = 4) -> list:
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

    Returns
    -------
    list
        ``func`` applied to every item, in the order of ``items``.

    Examples
    --------
    >>> map_in_chunks(sorted, [3, 1, 2], processes=1)
    [1, 2, 3]
    """
    if processes is None:
        processes = (os.cpu_count() or 1) if len(items) > PARALLEL_THRESHOLD else 1
    if processes < 1:
        raise ValueError(f"processes={processes!r} must be at least 1")
    if processes == 1 or len(items) < 2:
        return func(items)
    size = max(1, -(-len(items) // (processes * chunks_per_process)))
    chunks = [items[i:i + size] for i in range(0, len(items), size)]
    with ProcessPoolExecutor(max_workers=processes) as pool:
        return [result for chunk in pool.map(func, chunks) for result in chunk]
