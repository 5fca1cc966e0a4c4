"""Growth benchmark: how each per-article stage grows with one pathological article's length.

Run ``python -m devtools.growth_bench`` (``--sizes 10000 100000 1000000``, ``--timeout``
seconds per run, ``--cases`` to choose; ``--corpora PATH ...`` prints instead how long the
sentences of real corpora are, against the limit on a sentence's length). Each case is one article of generated text built to
defeat one stage (an unclosed quote mark, nested or unbalanced marks, a paragraph without a full
stop full of speech verbs, a sentence of only names, a sentence of over a million characters);
each size runs in a fresh process, under a time limit, through loading, sentences, tone,
mentions and quotes (the parser included, as :func:`toolkit.analyze` runs them), and prints
the seconds of each stage and the process's peak memory. A stage linear in the article's
length takes about ten times longer for each tenfold size.

Figures are printed, never asserted in tests: timings depend on the machine.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time

from devtools import python_path

#: Each case: how to build ``size`` characters of one article (one paragraph unless it says).
CASES = {
    "unclosed single quote": lambda n: _repeat("He said \u2018no more. ", n),
    "nested marks": lambda n: _repeat("\u00ab\u201e\u201c\u2018Stop,\u2019\u201d\u201c\u00bb he said. ", n),
    "unbalanced marks": lambda n: _repeat("\u00ab word \u201e word \u2033 word '' word ", n),
    "said chains": lambda n: _repeat("Putin said Zelensky said ", n),
    "right-to-left with said": lambda n: _repeat("\u05e9\u05dc\u05d5\u05dd said \u0645\u0631\u062d\u0628\u0627 said ", n),
    "speech verbs without a full stop": lambda n: _repeat(
        "the minister said that the official claimed, the spokesman told reporters, ", n),
    # the worst that the limit on a sentence's length leaves: sentences just under it, full of speech verbs
    "speech verbs in sentences just under the limit": lambda n: _repeat(
        "A " + _repeat("the minister said that the official claimed, the spokesman told reporters, ", 4_988) + ". ", n),
    "quoted words in one sentence": lambda n: _repeat('"a" ', n),
    "names only": lambda n: _repeat("Vladimir Putin Zelensky Kyiv Moscow Donald Trump ", n),
    "unbalanced double quotes": lambda n: _repeat('" ', n),
    "one sentence over a million characters": lambda n: 'Officials said "no" and ' + _repeat("a ", n),
}
STAGES = ("load", "sentences", "tone", "mentions", "quotes")


def _repeat(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


def measure(case: str, size: int) -> dict:
    """Run every per-article stage on the case's article of ``size`` characters (this process).

    Returns
    -------
    dict
        ``case``, ``size``, the seconds of each of :data:`STAGES`, ``sentence_rows``,
        ``mention_rows``, ``quote_rows``, ``log`` (the sentences not searched for speakers, as
        the study's load log records them) and ``peak_mb``.
    """
    import pandas as pd

    from toolkit import load_actors, sample_actors_path
    from toolkit.actors.quotes import long_sentences
    from toolkit.study import article_tables
    from toolkit.loading.corpus import load_corpus
    from toolkit.text.nlp import load_pipeline

    load_pipeline()
    actors = load_actors(sample_actors_path())
    actors.automaton  # noqa: B018 - built outside the timing
    load_corpus(pd.DataFrame({"id": ["w"], "outlet": ["X"], "text": ["A warm-up."]}))   # imports, outside the timing
    text = CASES[case](size)
    seconds = {}
    start = time.perf_counter()
    corpus = load_corpus(pd.DataFrame({"id": ["a"], "outlet": ["X"], "text": [text]}))
    seconds["load"] = time.perf_counter() - start
    timed = _timed_stages(corpus.articles, actors)
    tables = timed.pop("tables")
    return {"case": case, "size": size, **seconds, **timed, "sentence_rows": len(tables["sentences"]),
            "mention_rows": len(tables["mentions"]), "quote_rows": len(tables["quotes"]),
            "log": [reason for _, reason in long_sentences(tables["sentences"])], "peak_mb": _peak_mb()}


def _timed_stages(articles, actors) -> dict:
    """The per-article stages one by one, timed (as :func:`toolkit.article_tables` runs them)."""
    from toolkit import extract_quotes, find_mentions, score_sentences, split_sentences

    seconds, start = {}, time.perf_counter()
    sentences = split_sentences(articles)
    seconds["sentences"] = time.perf_counter() - start
    start = time.perf_counter()
    score_sentences(sentences, processes=1)
    seconds["tone"] = time.perf_counter() - start
    start = time.perf_counter()
    mentions = find_mentions(sentences, actors)
    seconds["mentions"] = time.perf_counter() - start
    start = time.perf_counter()
    quotes = extract_quotes(sentences, actors, mentions=mentions)
    seconds["quotes"] = time.perf_counter() - start
    return {**seconds, "tables": {"sentences": sentences, "mentions": mentions, "quotes": quotes}}


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run(cases=tuple(CASES), sizes=(10_000, 100_000, 1_000_000), *, timeout: float = 120,
        memory_gb: float = 6) -> list[dict]:
    """Measure each case at each size in a fresh process with a time and memory limit; once a
    size fails, the larger ones of that case are not run.

    Returns
    -------
    list of dict
        As :func:`measure` returns them, or ``case, size, error`` ("over N s", "over N GB", or
        the error's last line).
    """
    results = []
    for case in cases:
        failed = False
        for size in sizes:
            if failed:
                results.append({"case": case, "size": size, "error": "not run (a smaller size failed)"})
                continue
            command = [sys.executable, "-m", "devtools.growth_bench", "--one", case, str(size),
                       "--memory-gb", str(memory_gb)]
            try:
                done = subprocess.run(command, capture_output=True, text=True, timeout=timeout,
                                      env={**os.environ, "PYTHONPATH": python_path()})
            except subprocess.TimeoutExpired:
                results.append({"case": case, "size": size, "error": f"over {timeout:g} s"})
                failed = True
                continue
            if done.returncode != 0:
                last = (done.stderr.strip().splitlines() or ["exit code %d" % done.returncode])[-1]
                error = f"over {memory_gb:g} GB" if "MemoryError" in last else last[:160]
                results.append({"case": case, "size": size, "error": error})
                failed = True
                continue
            results.append(json.loads(done.stdout.strip().splitlines()[-1]))
    return results


def table(results: list[dict]) -> str:
    """The results as a Markdown table: one row per case and size."""
    lines = ["| case | size | " + " | ".join(f"{s} s" for s in STAGES) + " | peak MB | sentences | quotes | recorded |",
             "|---|---:|" + "---:|" * len(STAGES) + "---:|---:|---:|---|"]
    for r in results:
        size = f"{r['size'] / 1000:,.0f} KB" if r["size"] < 1_000_000 else f"{r['size'] / 1e6:g} MB"
        if "error" in r:
            lines.append(f"| {r['case']} | {size} | {r['error']} |" + " |" * (len(STAGES) + 3))
            continue
        note = f"{len(r['log'])} sentence(s) not searched for speakers" if r["log"] else ""
        lines.append(f"| {r['case']} | {size} | " + " | ".join(f"{r[s]:.2f}" for s in STAGES)
                     + f" | {r['peak_mb']:,.0f} | {r['sentence_rows']:,} | {r['quote_rows']:,} | {note} |")
    return "\n".join(lines)


def sentence_lengths(source, **load_options) -> dict:
    """How long the sentences of a real corpus are, against :data:`toolkit.text.nlp.LONG_SENTENCE`.

    Returns
    -------
    dict
        ``articles``, ``sentences``, ``longest`` (characters) and ``over_limit`` (sentences).
    """
    from toolkit.loading.corpus import load_corpus
    from toolkit.text.nlp import LONG_SENTENCE
    from toolkit.text.sentences import split_sentences

    articles = load_corpus(source, **load_options).articles
    lengths = split_sentences(articles)["text"].str.len()
    return {"articles": len(articles), "sentences": len(lengths), "longest": int(lengths.max()),
            "over_limit": int((lengths > LONG_SENTENCE).sum())}


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--cases", nargs="+", choices=list(CASES), default=list(CASES))
    parser.add_argument("--timeout", type=float, default=120)
    parser.add_argument("--memory-gb", type=float, default=6)
    parser.add_argument("--corpora", nargs="+", default=[],
                        help="real corpora (what load_corpus reads): print how long their sentences are instead")
    parser.add_argument("--one", nargs=2, metavar=("CASE", "SIZE"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.corpora:
        for source in args.corpora:
            print(f"{source}: {sentence_lengths(source)}")
        return
    if args.one:
        limit = int(args.memory_gb * 2**30)
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
        print(json.dumps(measure(args.one[0], int(args.one[1]))))
        return
    print(table(run(args.cases, args.sizes, timeout=args.timeout, memory_gb=args.memory_gb)))


if __name__ == "__main__":
    main()
