"""Benchmark of the report on a real corpus: ``python -m toolkit report`` timed stage by stage.

Run ``python -m devtools.report_bench CORPUS --out DIR`` (build a corpus of distinct articles
with :mod:`devtools.distinct_corpus`). It runs ``python -m toolkit report CORPUS --out
DIR/report.html`` in a child process under ``/usr/bin/time -v`` and prints:

- each progress line with the seconds since the start, and the seconds of each stage: from its
  line ``name ...`` to its line ``name: ...`` (or, for the sections of the report, to the next
  line);
- the CPU seconds of each stage, of all processes together and of the busiest one (from the
  CPU time of every process, sampled at each line and twice a second): the busiest process's
  figure is about the stage's length on an idle machine, when the machine is shared;
- the wall time, the CPU time (user + system, of the command and every process it started and
  waited for: workers and the report's kernel, as ``time`` counts them) and the peak memory in
  two ways: the largest single process (``time``'s maximum resident set size) and the peak of
  the sum of the resident memory of every process of the run (the command, its worker
  processes and the kernel), sampled twice a second; pages shared between processes (the
  workers are forked) are counted in each, so the sum is an upper bound.

With ``--python`` it measures in this process instead what a user of :func:`toolkit.analyze`
waits for: every table, then ``study.save`` and ``study.report``, each timed on its own.

Figures are printed, never asserted in tests: timings depend on the machine and on what else
runs on it (the load average at the start and the end is printed with them).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path


def _stage_bounds(lines: list[tuple[float, str]]) -> list[tuple[str, int, int]]:
    """Each stage's name and the indices of its first and last line: a stage starts with a line
    ``name ...`` and ends with the first later line that starts with ``name:``; a stage that no
    line ends (a section of the report) ends at the next line."""
    bounds = []
    for i, (_, line) in enumerate(lines):
        if line.endswith(" ..."):
            name = line[:-4]
            end = next((j for j in range(i + 1, len(lines)) if lines[j][1].startswith(f"{name}:")),
                       min(i + 1, len(lines) - 1))
            bounds.append((name, i, end))
    return bounds


def stage_seconds(lines: list[tuple[float, str]]) -> list[tuple[str, float]]:
    """The seconds of each stage from timed progress lines (see :func:`_stage_bounds`).

    Examples
    --------
    >>> stage_seconds([(0.0, "events ..."), (2.5, "events: 3 rows, 2.5 s"), (3.0, "report section 'A' ..."),
    ...                (4.0, "report written")])
    [('events', 2.5), ("report section 'A'", 1.0)]
    """
    return [(name, round(lines[end][0] - lines[i][0], 1)) for name, i, end in _stage_bounds(lines)]


def stage_cpu(lines: list[tuple[float, str]], cpu: list[dict]) -> list[tuple[str, float, float]]:
    """The CPU seconds of each stage (as :func:`stage_seconds` bounds it), from the CPU seconds
    of every process at each line: of all processes together, and of the busiest one (the
    stage's length on an idle machine with a core for each busy process, if none waits).

    Examples
    --------
    >>> stage_cpu([(0.0, "events ..."), (5.0, "events: 4.0 s")], [{1: 1.0}, {1: 2.0, 7: 3.0, 8: 2.5}])
    [('events', 6.5, 3.0)]
    """
    figures = []
    for name, i, end in _stage_bounds(lines):
        spent = [cpu[end].get(pid, 0.0) - cpu[i].get(pid, 0.0) for pid in cpu[end]]
        figures.append((name, round(sum(spent), 1), round(max(spent, default=0.0), 1)))
    return figures


def stage_memory(lines: list[tuple[float, str]], peaks: list[float]) -> list[tuple[str, float]]:
    """The peak memory of each stage, from the peak of all processes between one line and the next.

    Examples
    --------
    >>> stage_memory([(0.0, "events ..."), (1.0, "x"), (5.0, "events: 4.0 s")], [100.0, 300.0, 200.0])
    [('events', 300.0)]
    """
    return [(name, max(peaks[i + 1:end + 1], default=peaks[i])) for name, i, end in _stage_bounds(lines)]


def _time_figures(text: str) -> dict:
    """Wall, CPU and maximum resident set size from the output of ``/usr/bin/time -v``."""
    def value(label):
        found = re.search(rf"{re.escape(label)}: (.+)", text)
        return found.group(1).strip() if found else None
    wall = value("Elapsed (wall clock) time (h:mm:ss or m:ss)")
    seconds = None
    if wall:
        parts = [float(p) for p in wall.split(":")]
        seconds = sum(p * 60 ** i for i, p in enumerate(reversed(parts)))
    return {"wall": seconds, "user": float(value("User time (seconds)") or "nan"),
            "system": float(value("System time (seconds)") or "nan"),
            "max_rss_mb": float(value("Maximum resident set size (kbytes)") or "nan") / 1024}


def run_command(corpus: str, out: Path, *, extra: list[str] | None = None) -> dict:
    """Run the report command on ``corpus`` and return its timed lines and figures."""
    from .scale_bench import MemorySampler

    out.mkdir(parents=True, exist_ok=True)
    command = [sys.executable, "-m", "toolkit", "report", corpus, "--out", str(out / "report.html"), *(extra or [])]
    timing = out / "time.txt"
    if shutil.which("time") or Path("/usr/bin/time").is_file():
        command = ["/usr/bin/time", "-v", "-o", str(timing), *command]
    lines: list[tuple[float, str]] = []
    cpu: list[dict] = []
    peaks: list[float] = []
    load = os.getloadavg()
    started = time.perf_counter()
    process = subprocess.Popen(command, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    with MemorySampler(pid=process.pid) as memory:
        def read():
            for line in process.stderr:
                lines.append((time.perf_counter() - started, line.rstrip("\n")))
                cpu.append(memory.cpu_now())
                peaks.append(memory.take_peak())
        reader = threading.Thread(target=read, daemon=True)
        reader.start()
        code = process.wait()
        reader.join()
    figures = {"returncode": code, "lines": lines, "stages": stage_seconds(lines), "cpu": stage_cpu(lines, cpu),
               "memory": stage_memory(lines, peaks), "peak_sum_mb": max([memory.peak_mb, *peaks]),
               "seconds": time.perf_counter() - started, "load_before": load, "load_after": os.getloadavg()}
    if timing.is_file():
        figures.update(_time_figures(timing.read_text()))
    return figures


def run_python(corpus: str, out: Path, *, columns: dict | None = None) -> dict:
    """Analyze ``corpus`` in this process: every table, ``study.save`` and ``study.report``, each timed."""
    import resource

    from toolkit.study import analyze

    lines: list[tuple[float, str]] = []
    started = time.perf_counter()
    study = analyze(corpus, columns=columns, progress=lambda line: lines.append((time.perf_counter() - started, line)))
    times = {}
    for name, call in (("tables", study.tables), ("save", lambda: study.save(out / "study")),
                       ("report", lambda: study.report(out / "python-report.html"))):
        begin = time.perf_counter()
        call()
        times[name] = time.perf_counter() - begin
    cpu = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {"lines": lines, "stages": stage_seconds(lines), **times, "seconds": time.perf_counter() - started,
            "cpu_seconds": cpu.ru_utime + cpu.ru_stime + children.ru_utime + children.ru_stime}


def report(figures: dict) -> str:
    """The figures as lines of text."""
    lines = [f"{at:7.1f} s  {line}" for at, line in figures["lines"]]
    if "save" in figures:
        lines.append("stages (seconds):")
        lines += [f"  {seconds:7.1f}  {name}" for name, seconds in figures["stages"]]
    else:
        lines.append("stages: wall seconds; CPU seconds of all processes; CPU seconds of the busiest process; "
                     "peak MB of all processes")
        lines += [f"  {seconds:7.1f} {total:7.1f} {busiest:7.1f} {peak:7.0f}  {name}" for (name, seconds), (_, total, busiest),
                  (_, peak) in zip(figures["stages"], figures["cpu"], figures["memory"])]
    if "save" in figures:
        lines.append(f"from Python: every table {figures['tables']:.1f} s, study.save {figures['save']:.1f} s, "
                     f"study.report {figures['report']:.1f} s; CPU {figures['cpu_seconds']:.1f} s")
    else:
        lines.append(f"wall {figures['seconds']:.1f} s; CPU {figures.get('user', float('nan')) + figures.get('system', float('nan')):.1f} s "
                     f"(user {figures.get('user', float('nan')):.1f}, system {figures.get('system', float('nan')):.1f}); "
                     f"peak memory: largest process {figures.get('max_rss_mb', float('nan')):,.0f} MB, all processes "
                     f"together {figures['peak_sum_mb']:,.0f} MB; load average {figures['load_before'][0]:.1f} before, "
                     f"{figures['load_after'][0]:.1f} after; exit code {figures['returncode']}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    """Command line: ``python -m devtools.report_bench CORPUS --out DIR [--python]``."""
    parser = argparse.ArgumentParser(prog="python -m devtools.report_bench", description=__doc__.splitlines()[0])
    parser.add_argument("corpus")
    parser.add_argument("--out", required=True, help="a folder for the report and its tables")
    parser.add_argument("--columns", help="as for python -m toolkit report: article_id=id,published=date,...")
    parser.add_argument("--python", action="store_true", help="measure toolkit.analyze, study.save and "
                        "study.report in this process instead of the command line")
    args = parser.parse_args(argv)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    columns = dict(item.split("=", 1) for item in args.columns.split(",")) if args.columns else None
    figures = (run_python(args.corpus, out, columns=columns) if args.python else
               run_command(args.corpus, out, extra=["--columns", args.columns] if args.columns else None))
    print(report(figures))


if __name__ == "__main__":
    main()
