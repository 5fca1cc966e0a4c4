"""The benchmark runs and accounts for its corpus; its timings are reported, never asserted."""

from toolkit.dev.bench import main, run


def test_benchmark_corpus_is_cleaned_as_generated():
    figures = run(articles=20, seed=0, event_articles=200)
    # Every article has 4 furniture lines, a headline and a caption at the top; every third
    # (7 of 20) ends with 4 appeal and paywall lines; every second (10) opens with a date header.
    assert figures["articles"] == 20
    assert figures["removed_lines"] == 20 * 6 + 7 * 4 + 10
    assert figures["sentences"] == 753


def test_benchmark_command_prints_the_table(capsys):
    main(["--articles", "5", "--event-articles", "100"])
    out = capsys.readouterr().out
    assert out.startswith("corpus: 5 articles")
    assert "TextBlob sentiment" in out and "peak memory" in out and "extract quotes" in out
    assert "mention matching: " in out and "target scoring, targets/s on one core: vader-window" in out
    assert "comparison: align 2 sample articles" in out
    assert "group_events: 100 articles (5 true events)" in out
    assert "100 near-duplicate texts: align" in out and "(7 facts)" in out and "(7 events)" in out


def test_event_corpus_is_grouped_as_generated():
    from toolkit.dev.bench import event_benchmark

    figures = event_benchmark(2000, seed=0)
    assert (figures["events_true"], figures["events_found"], figures["adjusted_rand"]) == (100, 100, 1.0)
