"""Benchmark at scale: a generated multi-event corpus on disk, analyzed in partitions on Dask.

Run ``python -m devtools.scale_bench --articles 200000 --folder /tmp/scale`` (needs the
``dask`` extra). It writes the corpus as a Parquet dataset (files of 10,000 articles, row
groups of ``--partition`` articles: one partition each), discovers the actors on its first
1,000 articles, starts a Dask cluster of ``--workers`` worker processes on this machine and runs
:func:`toolkit.cluster.analyze_partitioned`, sampling the memory of every process of the run
(this one, the scheduler's and the workers') twice a second. It prints articles per second,
the peak memory of all processes together, the cost of a partition, and an extrapolation to
1 and 10 million articles on 1, 8 and 64 workers from the measured cost per article.

Run it again with the same folder to resume a run that stopped: partitions already written are
not computed again (the figures then cover only the new ones).

Figures are printed, never asserted in tests: timings depend on the machine.
"""

from __future__ import annotations

import argparse
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pandas as pd

#: Articles per generated Parquet file.
FILE_ARTICLES = 10_000


def write_event_dataset(folder: str | Path, articles: int, *, partition: int = 1000, outlets: int = 20,
                        per_event: int = 20) -> Path:
    """Write a generated multi-event corpus as a Parquet dataset, one file at a time.

    Each file holds :data:`FILE_ARTICLES` articles of :func:`devtools.bench.event_corpus`
    (its own events, ``per_event`` articles each, from ``outlets`` outlets), in row groups of
    ``partition`` articles. Files already written are kept.

    Returns
    -------
    pathlib.Path
        The dataset's folder.
    """
    from .bench import event_corpus

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    for number, first in enumerate(range(0, articles, FILE_ARTICLES)):
        path = folder / f"news-{number:04d}.parquet"
        if path.is_file():
            continue
        size = min(FILE_ARTICLES, articles - first)
        chunk = event_corpus(size, events=max(1, size // per_event), outlets=outlets, seed=number)
        chunk["article_id"] = [f"a{first + i:08d}" for i in range(size)]
        temporary = path.with_suffix(".tmp")
        chunk.drop(columns=["event_true"]).to_parquet(temporary, row_group_size=partition, index=False)
        temporary.rename(path)
    return folder


class MemorySampler:
    """The peak resident memory of a process (this one by default) and all its children, sampled in a thread.

    The children are found again at each sample (recursively), so that workers and kernels
    started later are counted; with ``pid`` and ``include_self``, this process is added too.
    ``cpu`` keeps the CPU seconds (user + system) of every process last seen, by pid."""

    def __init__(self, every: float = 0.5, *, pid: int | None = None, include_self: bool = False):
        import psutil

        self._process, self._every = psutil.Process(pid), every
        self._extra = [psutil.Process()] if include_self and pid is not None else []
        self.peak_mb = 0.0
        self.cpu: dict[int, float] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _total_mb(self) -> float:
        import psutil

        total = 0
        try:
            children = self._process.children(recursive=True)
        except psutil.Error:        # the process has ended
            children = []
        for process in [*self._extra, self._process, *children]:
            try:
                total += process.memory_info().rss
                times = process.cpu_times()
                self.cpu[process.pid] = times.user + times.system
            except psutil.Error:
                pass
        return total / 2**20

    def cpu_now(self) -> dict[int, float]:
        """The CPU seconds of every process seen so far (sampled now for those still running)."""
        self.peak_mb = max(self.peak_mb, self._total_mb())
        return dict(self.cpu)

    def take_peak(self) -> float:
        """The peak since the start or the last call, and start again from the current figure."""
        now = self._total_mb()
        peak, self.peak_mb = max(self.peak_mb, now), now
        return peak

    def _run(self):
        while not self._stop.is_set():
            self.peak_mb = max(self.peak_mb, self._total_mb())
            self._stop.wait(self._every)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()
        self.peak_mb = max(self.peak_mb, self._total_mb())


def run(articles: int, folder: str | Path, *, workers: int = 2, partition: int = 1000,
        memory_limit: str = "1.75GB") -> dict:
    """Generate (or reuse) the corpus, analyze it in partitions and return the figures."""
    import distributed

    from toolkit.cluster import analyze_partitioned

    folder = Path(folder)
    data = write_event_dataset(folder / "corpus", articles, partition=partition)
    started = time.perf_counter()
    with ProcessPoolExecutor(max_workers=1) as pool:     # the driver is left without the models
        found = pool.submit(_discover_actors, next(iter(sorted(data.glob("*.parquet")))), folder / "actors.yml").result()
    figures = {"articles": articles, "workers": workers, "partition": partition, "actors": found,
               "discover_seconds": time.perf_counter() - started}
    with MemorySampler() as memory, \
            distributed.LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                     memory_limit=memory_limit, dashboard_address=None) as cluster, \
            distributed.Client(cluster) as client:
        started = time.perf_counter()
        marks = []
        summary = analyze_partitioned(data, folder / "study", actors=folder / "actors.yml", client=client,
                                      pieces_per_partition=1, restart_workers=True,
                                      progress=lambda line: marks.append((time.perf_counter(), memory.take_peak())))
        figures["seconds"] = time.perf_counter() - started
        # marks: start, end of the per-article tables, end
        figures["corpus_wide_seconds"] = marks[-1][0] - marks[-2][0]
        figures["per_article_peak_mb"] = marks[-2][1]
        figures["corpus_wide_peak_mb"] = marks[-1][1]
    new = summary[~summary["resumed"]]
    figures.update(peak_mb=max(memory.peak_mb, *(peak for _, peak in marks)), partitions=len(summary), new_partitions=len(new),
                   new_articles=int(new["articles"].sum()), sentences=int(summary["sentences"].sum()),
                   mentions=int(summary["mentions"].sum()), quotes=int(summary["quotes"].sum()),
                   partition_seconds=float(summary["seconds"].median()),
                   core_seconds_per_article=float(summary["seconds"].sum() / max(1, summary["articles"].sum())))
    return figures


def _discover_actors(first_file: Path, out: Path) -> int:
    """Discover the actors of the first 1,000 articles, write them to ``out``; how many."""
    import toolkit

    actors = toolkit.analyze(pd.read_parquet(first_file).head(1000), processes=1).actors
    actors.to_yaml(out)
    return len(actors)


def extrapolation(core_seconds_per_article: float, sizes=(1_000_000, 10_000_000), workers=(1, 8, 64)) -> pd.DataFrame:
    """Hours for the per-article stages of ``sizes`` articles on ``workers`` workers (one core
    each), from the measured cost of one article on one core, assuming the partitions spread
    evenly (they are independent) and no other cost.

    Examples
    --------
    >>> extrapolation(0.036, sizes=(1_000_000,), workers=(1, 8)).to_dict("records")
    [{'articles': 1000000, 'hours_1_workers': 10.0, 'hours_8_workers': 1.25}]
    """
    rows = [[n, *[round(n * core_seconds_per_article / w / 3600, 2) for w in workers]] for n in sizes]
    return pd.DataFrame(rows, columns=["articles", *[f"hours_{w}_workers" for w in workers]])


def report(figures: dict) -> str:
    """The figures as lines of text."""
    lines = [f"{figures['articles']:,} generated articles (Parquet, {figures['partitions']:,} partitions of "
             f"{figures['partition']:,}), {figures['workers']} worker processes",
             f"  actors discovered on the first 1,000 articles: {figures['actors']:,} "
             f"({figures['discover_seconds']:.1f} s)",
             f"  run: {figures['seconds']:.1f} s for {figures['new_articles']:,} articles computed "
             f"({figures['new_partitions']:,} partitions; the others were written by an earlier run)",
             f"  {figures['new_articles'] / figures['seconds']:.1f} articles/s; corpus-wide tables "
             f"{figures['corpus_wide_seconds']:.1f} s; peak memory of all processes {figures['peak_mb']:,.0f} MB "
             f"({figures['per_article_peak_mb']:,.0f} MB in the per-article stages, workers then restarted; "
             f"{figures['corpus_wide_peak_mb']:,.0f} MB in the corpus-wide ones)",
             f"  tables: {figures['sentences']:,} sentences, {figures['mentions']:,} mentions, "
             f"{figures['quotes']:,} quotes",
             f"  a partition takes {figures['partition_seconds']:.1f} s on one core (median of all partitions; "
             f"{figures['core_seconds_per_article'] * 1000:.1f} ms per article)",
             "  extrapolated hours for the per-article stages:",
             extrapolation(figures["core_seconds_per_article"]).to_string(index=False)]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    """Command line: ``python -m devtools.scale_bench --articles N --folder DIR``."""
    parser = argparse.ArgumentParser(prog="python -m devtools.scale_bench", description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=200_000)
    parser.add_argument("--folder", required=True, help="where the corpus and the study are written (kept: rerun to resume)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--partition", type=int, default=1000, help="articles per partition")
    parser.add_argument("--memory-limit", default="1.75GB", help="per worker, as Dask reads it")
    args = parser.parse_args(argv)
    if args.articles < 1 or args.workers < 1 or args.partition < 1:
        parser.error("--articles, --workers and --partition must be at least 1")
    print(report(run(args.articles, args.folder, workers=args.workers, partition=args.partition,
                     memory_limit=args.memory_limit)))


if __name__ == "__main__":
    main()
