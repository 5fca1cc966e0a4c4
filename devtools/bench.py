"""Benchmark: load, clean and split a generated corpus, and compare with TextBlob sentiment.

Run ``python -m devtools.bench`` (or ``make bench``). It writes a corpus of scrape-like text
files to a temporary folder (sentences of the sample corpus recombined, with navigation,
appeal, caption and paywall lines around them), then times each stage on one core and reports
articles/s, sentences/s, MB/s and the process's peak memory. The goal is that loading,
cleaning and splitting together cost less than TextBlob sentiment on the same sentences.

Figures are printed, never asserted in tests: timings depend on the machine.
"""

from __future__ import annotations

import argparse
import random
import resource
import tempfile
import time
from pathlib import Path

import warnings

import pandas as pd

from toolkit.actors.dictionary import Actor, ActorDictionary, load_actors
from toolkit.compare.alignment import align, coverage
from toolkit.compare.events import group_events
from toolkit.compare.frames import frame_scores
from toolkit.compare.keyness import keyness
from toolkit.loading.corpus import load_corpus
from toolkit.actors.mentions import find_mentions
from toolkit.loading.samples import sample_actors_path, sample_data_path
from toolkit.actors.discovered import discover_actors
from toolkit.actors.quotes import extract_quotes
from toolkit.text.nlp import load_pipeline
from toolkit.text.sentences import split_sentences
from toolkit.tone.sentiment import score_sentences
from toolkit.tone.stance import score_mentions

_FURNITURE_TOP = ["Skip to main content", "Error message",
                  "An error occurred while searching, try again later.", "Donate to the 95 years appeal"]
_FURNITURE_BOTTOM = ["The 95th Anniversary Appeal", "Support the Morning Star",
                     "You have reached the free limit.", "Subscribe to continue reading."]
_CAPTION = "A man walks past a damaged building in Kyiv, Ukraine, December 4, 2025"


def generate_corpus(folder: Path, *, articles: int = 2000, seed: int = 0) -> int:
    """Write ``articles`` scrape-like text files into ``folder``; return the bytes written.

    Parameters
    ----------
    folder : pathlib.Path
        An existing folder.
    articles : int, default 2000
    seed : int, default 0
        Seed of the random recombination, so that runs are comparable.

    Returns
    -------
    int
        The total size of the files, in bytes.
    """
    sample = load_corpus(sample_data_path())
    sentences = split_sentences(sample.articles, parts="body")["text"].tolist()
    rng = random.Random(seed)
    total = 0
    for i in range(articles):
        paragraphs = [" ".join(rng.sample(sentences, rng.randint(1, 3))) for _ in range(rng.randint(8, 30))]
        lines = [*_FURNITURE_TOP, f"Headline number {i} about the war in Ukraine", _CAPTION, "",
                 "\n\n".join(paragraphs), "", *(_FURNITURE_BOTTOM if i % 3 == 0 else [])]
        if i % 2:
            lines.insert(0, f"date 2025-12-{1 + i % 28:02d}")
        data = "\n".join(lines).encode("utf-8")
        (folder / f"article_{i:06d}.txt").write_bytes(data)
        total += len(data)
    return total


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run(articles: int = 2000, seed: int = 0, event_articles: int = 10_000) -> dict:
    """Generate a corpus, time each stage, and return the figures.

    Parameters
    ----------
    articles : int, default 2000
    seed : int, default 0
    event_articles : int, default 10000
        Size of the corpus for :func:`event_benchmark`.

    Returns
    -------
    dict
        ``articles, megabytes, sentences``, the seconds of ``load_clean``, ``split`` and
        ``textblob`` and of the other stages, ``comparison`` (:func:`comparison_benchmark`),
        ``events`` (:func:`event_benchmark`) and ``peak_memory_mb``.
    """
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        size = generate_corpus(folder, articles=articles, seed=seed)
        start = time.perf_counter()
        corpus = load_corpus(folder)
        loaded = time.perf_counter()
    sentences = split_sentences(corpus.articles)
    split = time.perf_counter()
    score_sentences(sentences, processes=1)   # like for like: every stage above runs on one core
    scored = time.perf_counter()
    actors = load_actors(sample_actors_path())
    actors.automaton  # noqa: B018 - build it outside the timing
    mentions = find_mentions(sentences, actors)
    found = time.perf_counter()
    load_pipeline()   # loaded once per process, outside the timing
    quotes = extract_quotes(sentences, actors, mentions=mentions)
    quoted = time.perf_counter()
    extract_quotes(sentences, actors, mentions=mentions, syntax=False)
    rules_only = time.perf_counter() - quoted
    discovered = discover_actors(sentences, processes=1)
    discovery = time.perf_counter() - quoted - rules_only
    sample = mentions.iloc[:20_000]
    target_seconds = {}
    for method in ("vader-window", "newsmtsc-linear"):
        begin = time.perf_counter()
        score_mentions(sample, sentences, method=method, processes=1)
        target_seconds[method] = len(sample) / (time.perf_counter() - begin)
    begin = time.perf_counter()
    score_sentences(sentences, processes=2)
    two_processes = time.perf_counter() - begin
    return {"articles": len(corpus.articles), "megabytes": size / 1e6, "sentences": len(sentences),
            "removed_lines": len(corpus.cleaning_log), "mentions": len(mentions), "quotes": len(quotes),
            "load_clean": loaded - start, "split": split - loaded, "textblob": scored - split,
            "find_mentions": found - scored, "extract_quotes": quoted - found, "quotes_rules_only": rules_only,
            "discover_actors": discovery, "discovered": len(discovered),
            "targets_per_second": target_seconds, "textblob_two_processes": two_processes,
            "dictionary_scaling": dictionary_scaling(sentences),
            "comparison": comparison_benchmark(sentences),
            "events": event_benchmark(event_articles, seed=seed),
            "near_duplicates": near_duplicate_benchmark(event_articles),
            "peak_memory_mb": _peak_mb()}


def actor_benchmark(source, **load_options) -> dict:
    """Time the stages from loading to quotes without an actor dictionary, on one core.

    Parameters
    ----------
    source
        What :func:`toolkit.load_corpus` reads (a folder, a table of real news).
    **load_options
        For :func:`toolkit.load_corpus`.

    Returns
    -------
    dict
        ``articles``, ``sentences``, ``actors`` (discovered), ``quotes`` and the seconds of
        ``load_clean``, ``split``, ``textblob``, ``discover_actors``, ``find_mentions``,
        ``extract_quotes`` (with the parser) and ``quotes_rules_only``.
    """
    load_pipeline()
    start = time.perf_counter()
    corpus = load_corpus(source, **load_options)
    times = {"load_clean": time.perf_counter() - start}
    start = time.perf_counter()
    sentences = split_sentences(corpus.articles)
    times["split"] = time.perf_counter() - start
    start = time.perf_counter()
    score_sentences(sentences, processes=1)
    times["textblob"] = time.perf_counter() - start
    start = time.perf_counter()
    actors = discover_actors(sentences, processes=1)
    times["discover_actors"] = time.perf_counter() - start
    start = time.perf_counter()
    mentions = find_mentions(sentences, actors)
    times["find_mentions"] = time.perf_counter() - start
    start = time.perf_counter()
    quotes = extract_quotes(sentences, actors, mentions=mentions)
    times["extract_quotes"] = time.perf_counter() - start
    start = time.perf_counter()
    extract_quotes(sentences, actors, mentions=mentions, syntax=False)
    times["quotes_rules_only"] = time.perf_counter() - start
    return {"articles": len(corpus.articles), "sentences": len(sentences), "actors": len(actors),
            "mentions": len(mentions), "quotes": len(quotes), **times}


def _split_stage(articles: pd.DataFrame) -> dict:
    return {"sentences": split_sentences(articles)}


def _pipeline(articles: pd.DataFrame, *, actors, processes: int) -> dict:
    """Every per-article stage, tone towards actors included, on ``processes`` processes."""
    from toolkit.study import article_tables

    tables = article_tables(articles, actors=actors, processes=processes)
    return {**tables, "stance": score_mentions(tables["mentions"], tables["sentences"], quotes=tables["quotes"],
                                               processes=processes)}


def process_benchmark(articles: pd.DataFrame, actors, processes: tuple = (1, 2)) -> dict:
    """Time each per-article stage, and all of them together, on 1 and 2 processes, and check
    that the tables are identical.

    The stages: split; sentence tone (TextBlob); mentions and quotes (with the parser); tone
    towards actors (``newsmtsc-linear``). Each runs on its own input, as
    :func:`toolkit.analyze` gives it to the stage; "all" runs them one after the other
    (:func:`toolkit.study.article_tables`, then :func:`toolkit.score_mentions`).

    Parameters
    ----------
    articles : pandas.DataFrame
        The articles table.
    actors : ActorDictionary
    processes : tuple of int, default (1, 2)

    Returns
    -------
    dict
        ``articles``; for all stages together, the seconds per number of processes
        (``seconds_1``, ``seconds_2``) and ``identical`` (bool); ``stages``: the same for each
        stage, by name.
    """
    from toolkit.parallel import map_tables
    from toolkit.study import actor_tables

    sentences = split_sentences(articles)
    found = actor_tables(sentences, actors)
    stages = {
        "split": lambda n: map_tables(_split_stage, articles, processes=n),
        "sentence tone": lambda n: {"tone": score_sentences(sentences, processes=n)},
        "mentions and quotes": lambda n: actor_tables(sentences, actors, processes=n),
        "tone towards actors": lambda n: {"stance": score_mentions(found["mentions"], sentences,
                                                                   quotes=found["quotes"], processes=n)},
        "all": lambda n: _pipeline(articles, actors=actors, processes=n),
    }
    figures = {"articles": len(articles), "stages": {}}
    for name, stage in stages.items():
        timing, tables = {}, {}
        for n in processes:
            start = time.perf_counter()
            tables[n] = stage(n)
            timing[f"seconds_{n}"] = time.perf_counter() - start
        first = tables[processes[0]]
        timing["identical"] = all(first[t].equals(tables[n][t]) for n in processes[1:] for t in first)
        figures["stages"][name] = timing
    figures.update(figures["stages"]["all"])
    return figures


def process_lines(figures: dict, corpus: str) -> list[str]:
    """The lines of :func:`process_benchmark`: each stage's seconds on 1 and 2 processes.

    Examples
    --------
    >>> process_lines({"articles": 10, "stages": {"split": {"seconds_1": 2.0, "seconds_2": 1.25, "identical": True}}}, "x")
    ['per-article stages on x, 10 articles: seconds on 1 and 2 processes', '  split                   2.0     1.2  1.60 x  identical']
    """
    lines = [f"per-article stages on {corpus}, {figures['articles']} articles: seconds on 1 and 2 processes"]
    for name, t in figures["stages"].items():
        lines.append(f"  {name:<20}{t['seconds_1']:>7.1f} {t['seconds_2']:>7.1f} {t['seconds_1'] / t['seconds_2']:>5.2f} x  "
                     f"{'identical' if t['identical'] else 'DIFFERENT'}")
    return lines


def _actor_lines(name: str, a: dict) -> list[str]:
    s = a["sentences"]
    stages = ["load_clean", "split", "discover_actors", "find_mentions", "extract_quotes"]
    lines = [f"{name}: {a['articles']} articles, {s} sentences, {a['actors']} actors discovered, "
             f"{a['mentions']} mentions, {a['quotes']} quotes; sentences/s on one core:"]
    lines += [f"  {stage:<20}{s / a[stage]:>9.0f}" for stage in stages + ["quotes_rules_only", "textblob"]]
    ratio = sum(a[stage] for stage in stages) / a["textblob"]
    lines.append(f"  load + clean + split + discover + mentions + quotes (parser) cost {ratio:.1f} x TextBlob "
                 f"sentiment ({'goal met' if ratio <= 8 else 'goal NOT met'}: at most 8 x)")
    return lines


def comparison_benchmark(sentences) -> dict:
    """Time the comparison of the two sample articles, and keyness and frames on ``sentences``.

    Returns
    -------
    dict
        Seconds of ``align_two`` and ``coverage_two`` (the sample's body, with mentions), and of
        ``keyness`` and ``frames`` on the given sentences (their outlets: the generated corpus
        has one, "unknown", so keyness compares its first half of articles with the second).
    """
    sample = split_sentences(load_corpus(sample_data_path()).articles, parts="body")
    mentions = find_mentions(sample, load_actors(sample_actors_path()))
    start = time.perf_counter()
    align(sample, mentions=mentions)
    aligned = time.perf_counter()
    coverage(sample, mentions=mentions)
    covered = time.perf_counter()
    halves = sentences.assign(half=sentences["article_id"] < sentences["article_id"].iloc[len(sentences) // 2])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        keyness(halves, group="half", target=True)
    keyed = time.perf_counter()
    frame_scores(sentences, by="outlet")
    framed = time.perf_counter()
    return {"align_two": aligned - start, "coverage_two": covered - aligned, "keyness": keyed - covered,
            "frames": framed - keyed, "sentences": len(sentences)}


def near_duplicate_benchmark(n: int = 10_000) -> dict:
    """Time align, coverage and group_events on ``n`` near-duplicate sentences (or articles).

    The texts differ in one digit (seven variants), half from each of two outlets: the worst
    case for nearest-neighbour search, where every text is as near as every other.

    Returns
    -------
    dict
        ``n``, seconds of ``align``, ``coverage`` and ``group_events``, the number of ``pairs``,
        ``facts`` and ``events`` found, and ``peak_memory_mb``.
    """
    texts = [f"Russian drones hit the town of Ternivka {i % 7} times overnight, officials said." for i in range(n)]
    sentences = pd.DataFrame({"article_id": [f"d{i // 20}" for i in range(n)],
                              "outlet": ["A" if i < n // 2 else "B" for i in range(n)],
                              "sentence": range(n), "start": 0, "text": texts})
    start = time.perf_counter()
    pairs = align(sentences)
    aligned = time.perf_counter()
    facts = coverage(sentences)["fact"].nunique()
    covered = time.perf_counter()
    articles = sentences.assign(article_id=[f"d{i}" for i in range(n)])
    events = group_events(articles).articles["event"].nunique()
    grouped = time.perf_counter()
    return {"n": n, "align": aligned - start, "coverage": covered - aligned, "group_events": grouped - covered,
            "pairs": len(pairs), "facts": facts, "events": events, "peak_memory_mb": _peak_mb()}


def event_corpus(articles: int = 10_000, *, events: int = 500, outlets: int = 20, seed: int = 0) -> pd.DataFrame:
    """A synthetic corpus of ``articles`` from ``outlets`` about ``events`` events.

    Each event has twelve invented key words (places, names); each article's two-sentence lead
    uses eight of them, followed by three to six 20-word sentences drawn at random from the
    words of the sample corpus (the background of war news, shared by all events).

    Returns
    -------
    pandas.DataFrame
        An articles table with ``article_id``, ``outlet``, ``published``, ``title``, ``text``
        and the true ``event_true``.
    """
    rng = random.Random(seed)
    vocabulary = [w for t in split_sentences(load_corpus(sample_data_path()).articles, parts="body")["text"]
                  for w in t.split()]
    syllables = ["ka", "lo", "mi", "ren", "sto", "var", "del", "quin", "bra", "tus", "nov", "zel"]
    keys = [["".join(rng.sample(syllables, 3)).capitalize() for _ in range(12)] for _ in range(events)]
    rows = []
    for i in range(articles):
        event = i % events
        w = rng.sample(keys[event], 8)
        lead = (f"In {w[0]}, {w[1]} officials met {w[2]} after the {w[3]} events. "
                f"{w[4]} and {w[5]} said {w[6]} would answer for {w[7]}.")
        filler = [" ".join(rng.choices(vocabulary, k=20)) + "." for _ in range(rng.randint(3, 6))]
        text = " ".join([lead, *filler])
        rows.append({"article_id": f"e{i:06d}", "outlet": f"Outlet {i % outlets}",
                     "published": pd.Timestamp("2025-01-01") + pd.Timedelta(days=event % 300),
                     "title": "", "text": text, "event_true": event})
    return pd.DataFrame(rows)


def event_benchmark(articles: int = 10_000, *, seed: int = 0) -> dict:
    """Time :func:`toolkit.group_events` on :func:`event_corpus` and score it against the truth.

    Returns
    -------
    dict
        ``articles``, ``events_true``, ``events_found``, ``seconds``, ``peak_memory_mb`` and
        ``adjusted_rand`` (1 = the true grouping, 0 = chance; scikit-learn).
    """
    from sklearn.metrics import adjusted_rand_score

    corpus = event_corpus(articles, events=max(1, articles // 20), seed=seed)
    start = time.perf_counter()
    found = group_events(corpus, days=3)
    seconds = time.perf_counter() - start
    return {"articles": articles, "events_true": corpus["event_true"].nunique(),
            "events_found": found.articles["event"].nunique(), "seconds": seconds,
            "adjusted_rand": adjusted_rand_score(corpus["event_true"], found.articles["event"]),
            "peak_memory_mb": _peak_mb()}


def written_event_corpus(articles: int = 3000, *, outlets: int = 15, gold: str | Path = "data/gold/events") -> pd.DataFrame:
    """A many-events corpus of real-length news text: the written event gold sets, repeated.

    The 98 articles of ``data/gold/events`` (dev and held-out: 29 events, 9 outlets) are
    copied as often as needed, each copy 400 days after the previous one (so that its events
    are new events) and under other outlet names (``outlets`` names in all, each copy using
    distinct ones), then cut to ``articles``.

    Returns
    -------
    pandas.DataFrame
        An articles table (``article_id, outlet, published, title, text``) and ``event_true``.
    """
    gold, frames = Path(gold), []
    for name in ("dev", "heldout"):
        loaded = load_corpus(gold / name).articles
        truth = pd.read_csv(gold / f"{name}.csv", dtype=str).set_index("file")["event"]
        frames.append(loaded.assign(event_true=[f"{name}-{truth[source]}" for source in loaded["source"]]))
    base = pd.concat(frames, ignore_index=True)[["article_id", "outlet", "published", "title", "text", "event_true"]]
    originals = sorted(base["outlet"].unique())
    names = [f"Outlet {chr(65 + i)}" for i in range(outlets)]
    copies = []
    for copy in range(-(-articles // len(base))):
        copies.append(base.assign(
            article_id=[f"c{copy:03d}/{a}" for a in base["article_id"]],
            outlet=[names[(originals.index(o) + 3 * copy) % outlets] for o in base["outlet"]],
            published=base["published"] + pd.Timedelta(days=400 * copy),
            event_true=[f"c{copy:03d}-{e}" for e in base["event_true"]]))
    return pd.concat(copies, ignore_index=True).head(articles)


def report_benchmark(articles: int = 3000, *, actors: bool = True, render: bool = True) -> dict:
    """Time :func:`toolkit.analyze` and the HTML report on :func:`written_event_corpus`.

    Parameters
    ----------
    articles : int, default 3000
    actors : bool, default True
        Use the sample actor dictionary (mentions, quotes, tone towards actors).
    render : bool, default True
        Also write the report (tables, papermill, HTML).

    Returns
    -------
    dict
        ``articles``, ``stages`` (seconds per stage, as the progress lines give them),
        ``analysis`` (seconds to compute every table), ``report`` (seconds to write tables and
        HTML), ``html_mb``, ``peak_memory_mb`` (this process and its largest child: the kernel)
        and ``adjusted_rand`` of the events of the dated articles against the true ones.
    """
    from sklearn.metrics import adjusted_rand_score

    from toolkit.study import analyze

    corpus = written_event_corpus(articles)
    lines: list[str] = []
    start = time.perf_counter()
    study = analyze(corpus.drop(columns="event_true"), actors=sample_actors_path() if actors else None,
                    progress=lines.append)
    study.tables()
    analysis = time.perf_counter() - start
    stages = {}
    for line in lines:
        name, _, rest = line.rpartition(": ")
        if rest.endswith(" s") and not line.endswith("..."):
            stages[name] = float(rest.split()[-2])
    # the undated articles of the gold sets are repeated word for word in every copy, and an undated
    # article may join any event: the grouping is scored on the dated ones
    dated = corpus["published"].notna().to_numpy()
    figures = {"articles": len(corpus), "stages": stages, "analysis": analysis, "report": 0.0, "html_mb": 0.0,
               "adjusted_rand": adjusted_rand_score(corpus["event_true"][dated], study.events["event"][dated])}
    if render:
        with tempfile.TemporaryDirectory() as tmp:
            begin = time.perf_counter()
            out = study.report(Path(tmp) / "report.html")
            figures["report"] = time.perf_counter() - begin
            figures["html_mb"] = out.stat().st_size / 1e6
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    figures["peak_memory_mb"] = max(_peak_mb(), children)
    return figures


def dictionary_scaling(sentences, sizes=(50, 5000)) -> dict:
    """Time mention matching with dictionaries of different sizes on the same sentences.

    The small dictionary is the sample dictionary cut to about ``sizes[0]`` surface forms; the
    large one is the same plus synthetic people whose names never occur, up to ``sizes[1]``
    surface forms. Both find the same mentions, so the difference is the cost of the
    dictionary's size alone.

    Parameters
    ----------
    sentences : pandas.DataFrame
    sizes : tuple of int

    Returns
    -------
    dict
        Surface forms (``size``) to seconds of :func:`toolkit.find_mentions`.
    """
    sample = load_actors(sample_actors_path())
    small, count = [], 0
    for actor in sample.actors:
        count += len(actor.aliases)
        if count > sizes[0]:
            break
        small.append(Actor(actor.name, actor.type, actor.side, actor.aliases))
    base = ActorDictionary(tuple(small))
    extra = tuple(Actor(f"Person {i}", "person", "none", (f"Firstname{i} Lastname{i}", f"Lastname{i}"))
                  for i in range((sizes[1] - len(base.surfaces)) // 2))
    timings = {}
    for dictionary in (base, ActorDictionary(base.actors + extra)):
        dictionary.automaton  # noqa: B018 - built once, before timing
        start = time.perf_counter()
        find_mentions(sentences, dictionary)
        timings[len(dictionary.surfaces)] = time.perf_counter() - start
    return timings


def report(figures: dict) -> str:
    """Format the figures of :func:`run` as a small table.

    Parameters
    ----------
    figures : dict

    Returns
    -------
    str
    """
    n, s, mb = figures["articles"], figures["sentences"], figures["megabytes"]
    rows = [("load + clean", figures["load_clean"]), ("split sentences", figures["split"]),
            ("load + clean + split", figures["load_clean"] + figures["split"]),
            ("TextBlob sentiment", figures["textblob"]), ("find mentions", figures["find_mentions"]),
            ("extract quotes", figures["extract_quotes"])]
    lines = [f"corpus: {n} articles, {s} sentences, {mb:.1f} MB, {figures['removed_lines']} lines removed",
             f"{'stage':<22}{'seconds':>9}{'articles/s':>12}{'sentences/s':>13}{'MB/s':>8}"]
    lines += [f"{name:<22}{t:>9.2f}{n / t:>12.0f}{s / t:>13.0f}{mb / t:>8.2f}" for name, t in rows]
    ratio = (figures["load_clean"] + figures["split"]) / figures["textblob"]
    lines.append(f"load + clean + split cost {ratio:.2f} x TextBlob sentiment "
                 f"({'goal met' if ratio < 1 else 'goal NOT met'})")
    lines.append(f"{figures['mentions']} mentions, {figures['quotes']} quotes; quotes with the parser "
                 f"{s / figures['extract_quotes']:.0f} sentences/s, rules only {s / figures['quotes_rules_only']:.0f}; "
                 f"discover_actors {s / figures['discover_actors']:.0f} sentences/s ({figures['discovered']} actors)")
    if "processes_real" in figures:
        lines += process_lines(figures["processes_real"], "PolNeAR train")
    for name in ("actors_generated", "actors_real"):
        if figures.get(name):
            lines += _actor_lines({"actors_generated": "no dictionary, generated corpus",
                                   "actors_real": "no dictionary, real news (PolNeAR train)"}[name], figures[name])
    lines.append("target scoring, targets/s on one core: " + ", ".join(
        f"{method} {rate:.0f}" for method, rate in figures["targets_per_second"].items()))
    lines.append(f"TextBlob sentiment on 2 processes: {figures['textblob_two_processes']:.2f} s "
                 f"({figures['textblob'] / figures['textblob_two_processes']:.2f} x faster, identical results)")
    (small, t_small), (large, t_large) = figures["dictionary_scaling"].items()
    lines.append(f"mention matching: {small} surface forms {t_small:.2f} s, {large} surface forms "
                 f"{t_large:.2f} s ({t_large / t_small:.2f} x)")
    c = figures["comparison"]
    lines.append(f"comparison: align 2 sample articles {c['align_two'] * 1000:.0f} ms, coverage {c['coverage_two'] * 1000:.0f} ms; "
                 f"keyness {c['keyness']:.2f} s and frames {c['frames']:.2f} s on {c['sentences']} sentences")
    e = figures["events"]
    lines.append(f"group_events: {e['articles']} articles ({e['events_true']} true events) in {e['seconds']:.2f} s, "
                 f"{e['events_found']} events found, adjusted Rand {e['adjusted_rand']:.3f}, "
                 f"peak memory so far {e['peak_memory_mb']:.0f} MB")
    r = figures.get("report_run")
    if r:
        stages = ", ".join(f"{name} {seconds:.1f} s" for name, seconds in r["stages"].items())
        lines.append(f"many events: {r['articles']} articles (written event gold, repeated): analysis {r['analysis']:.1f} s "
                     f"({stages}); tables and HTML report {r['report']:.1f} s, {r['html_mb']:.1f} MB; events adjusted "
                     f"Rand {r['adjusted_rand']:.3f} (dated articles); peak memory {r['peak_memory_mb']:.0f} MB")
    d = figures["near_duplicates"]
    lines.append(f"{d['n']} near-duplicate texts: align {d['align']:.2f} s ({d['pairs']} pairs), coverage "
                 f"{d['coverage']:.2f} s ({d['facts']} facts), group_events {d['group_events']:.2f} s "
                 f"({d['events']} events)")
    lines.append(f"peak memory of the process: {figures['peak_memory_mb']:.0f} MB")
    return "\n".join(lines)


#: The packages whose versions the benchmark prints (the figures depend on them).
BENCH_PACKAGES = ("pandas", "numpy", "spacy", "scikit-learn", "textblob", "pyarrow", "papermill")


def environment(argv: list[str]) -> str:
    """What a benchmark's figures depend on, to print above them: the command, the toolkit's and
    Python's versions, the machine (cores, memory, load average) and the versions of
    :data:`BENCH_PACKAGES`.

    Examples
    --------
    >>> text = environment(["--articles", "5"])
    >>> text.splitlines()[0]
    'command: python -m devtools.bench --articles 5'
    >>> [line.split(":")[0] for line in text.splitlines()[1:]]
    ['toolkit', 'python', 'machine', 'packages']
    """
    import os
    import platform
    from importlib.metadata import PackageNotFoundError, version

    from toolkit import __version__

    def installed(name):
        try:
            return version(name)
        except PackageNotFoundError:
            return "not installed"

    try:
        memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 1024**3
    except (ValueError, OSError, AttributeError):
        memory = float("nan")
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "unknown"
    return "\n".join([
        f"command: python -m devtools.bench {' '.join(argv)}".rstrip(),
        f"toolkit: {__version__}",
        f"python: {platform.python_version()} on {platform.system()} {platform.machine()}",
        f"machine: {os.cpu_count()} cores, {memory:.1f} GB memory, load average {load} at the start",
        "packages: " + ", ".join(f"{name} {installed(name)}" for name in BENCH_PACKAGES)])


def main(argv: list[str] | None = None) -> None:
    """Command line: ``python -m devtools.bench [--articles N] [--seed S]``."""
    import sys

    argv = sys.argv[1:] if argv is None else argv
    parser = argparse.ArgumentParser(prog="python -m devtools.bench", description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--event-articles", type=int, default=10_000)
    parser.add_argument("--report-articles", type=int, default=3000,
                        help="articles of the many-events report run (0: skip it)")
    parser.add_argument("--polnear", help="PolNeAR's data folder (outside the repository): time the stages without "
                        "a dictionary on its training articles, real news")
    args = parser.parse_args(argv)
    if args.articles < 1 or args.event_articles < 1 or args.report_articles < 0:
        parser.error("--articles and --event-articles must be at least 1, --report-articles at least 0")
    figures = run(args.articles, args.seed, args.event_articles)
    with tempfile.TemporaryDirectory() as tmp:
        generate_corpus(Path(tmp), articles=args.articles, seed=args.seed)
        figures["actors_generated"] = actor_benchmark(Path(tmp))
    if args.polnear:
        from .attribution_eval import read_polnear

        news = read_polnear(args.polnear, "train")[0]
        figures["actors_real"] = actor_benchmark(news)
        articles = load_corpus(news).articles
        figures["processes_real"] = process_benchmark(articles, discover_actors(split_sentences(articles)))
    header = environment(argv)
    if args.report_articles:
        figures["report_run"] = report_benchmark(args.report_articles)
    print(header)
    print(report(figures))


if __name__ == "__main__":
    main()
