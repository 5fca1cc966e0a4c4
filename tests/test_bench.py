"""The benchmark runs and accounts for its corpus; its timings are reported, never asserted."""

import toolkit
from devtools.bench import main, run


def test_benchmark_corpus_is_cleaned_as_generated():
    figures = run(articles=20, seed=0, event_articles=200)
    # Every article has 4 furniture lines, a headline and a caption at the top; every third
    # (7 of 20) ends with 4 appeal and paywall lines; every second (10) opens with a date header.
    assert figures["articles"] == 20
    assert figures["removed_lines"] == 20 * 6 + 7 * 4 + 10
    assert figures["sentences"] == 753


def test_benchmark_command_prints_the_table(capsys):
    main(["--articles", "5", "--event-articles", "100", "--report-articles", "0"])
    out = capsys.readouterr().out
    # issue 28: the environment the figures depend on, then the corpus and the table
    assert out.startswith("command: python -m devtools.bench --articles 5 --event-articles 100 --report-articles 0\n"
                          f"toolkit: {toolkit.__version__}\npython: ")
    assert "\nmachine: " in out and "\npackages: pandas " in out and "\ncorpus: 5 articles" in out
    assert "TextBlob sentiment" in out and "peak memory" in out and "extract quotes" in out
    assert "mention matching: " in out and "target scoring, targets/s on one core: vader-window" in out
    assert "comparison: align 2 sample articles" in out
    assert "group_events: 100 articles (5 true events)" in out
    # near-duplicate texts with no dates: one event (they tell the same story); a fact holds at
    # most one sentence of each of the five articles, so the 100 sentences make 34 facts
    assert "100 near-duplicate texts: align" in out and "(34 facts)" in out and "(1 events)" in out


def test_event_corpus_is_grouped_as_generated():
    from devtools.bench import event_benchmark

    # synthetic events on consecutive days that share their filler words: five of them are joined to a
    # neighbour (the real measure is data/gold/events; this guards the behaviour at scale)
    figures = event_benchmark(2000, seed=0)
    assert (figures["events_true"], figures["events_found"], round(figures["adjusted_rand"], 3)) == (100, 95, 0.937)


def test_written_event_corpus_repeats_the_gold_under_other_names():
    from devtools.bench import written_event_corpus

    corpus = written_event_corpus(200)
    assert len(corpus) == 200 and corpus["outlet"].nunique() == 13     # 9 names a copy, shifted by 3 a copy
    assert corpus["event_true"].nunique() == 29 * 2 + 4     # two full copies of 98 articles, 4 of the third
    first, third = corpus.iloc[0], corpus.iloc[196]
    assert (third["published"] - first["published"]).days == 800 and third["text"] == first["text"]


def test_report_benchmark_without_rendering():
    from devtools.bench import report_benchmark

    figures = report_benchmark(120, render=False)
    assert figures["articles"] == 120 and figures["report"] == 0.0
    assert {"events", "facts within events", "keyness", "frames"} <= set(figures["stages"])
    assert round(figures["adjusted_rand"], 3) == 0.928


def test_actor_benchmark_accounts_for_every_stage():
    from toolkit import sample_data_path
    from devtools.bench import _actor_lines, actor_benchmark

    figures = actor_benchmark(sample_data_path())
    assert {k: figures[k] for k in ("articles", "sentences", "actors", "mentions", "quotes")} == {
        "articles": 2, "sentences": 63, "actors": 48, "mentions": 145, "quotes": 40}
    lines = _actor_lines("sample", figures)
    assert lines[0] == "sample: 2 articles, 63 sentences, 48 actors discovered, 145 mentions, 40 quotes; sentences/s on one core:"
    assert [line.split()[0] for line in lines[1:8]] == [
        "load_clean", "split", "discover_actors", "find_mentions", "extract_quotes", "quotes_rules_only", "textblob"]
    assert "x TextBlob sentiment" in lines[8]


def test_the_process_benchmark_checks_that_two_processes_give_the_same_tables():
    from toolkit import load_actors, load_articles, sample_actors_path, sample_data_path
    from devtools.bench import process_benchmark

    figures = process_benchmark(load_articles(sample_data_path()), load_actors(sample_actors_path()))
    assert (figures["articles"], figures["identical"]) == (2, True)
    assert figures["seconds_1"] > 0 and figures["seconds_2"] > 0
    assert list(figures["stages"]) == ["split", "sentence tone", "mentions and quotes", "tone towards actors", "all"]
    assert all(stage["identical"] for stage in figures["stages"].values())
