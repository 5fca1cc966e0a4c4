"""Filters by period and outlet (issue 23): --from, --to, --outlets and analyze(start=, end=, outlets=)."""

import pandas as pd
import pytest

import toolkit
from toolkit import InputError, load_corpus
from toolkit.__main__ import main
from toolkit.loading.filters import filter_corpus


@pytest.fixture
def corpus():
    return load_corpus(pd.DataFrame({
        "article_id": ["a", "b", "c", "d", "e"], "outlet": ["AP", "AP", "TASS", "TASS", "AP"],
        "published": ["2025-12-01", "2025-12-03 23:30", "2025-12-04", None, "2025-12-02"],
        "text": ["The talks began in Moscow on Monday, officials said."] * 5}))


def test_a_period_keeps_both_days_and_logs_every_article_left_out(corpus):
    kept = filter_corpus(corpus, start="2025-12-02", end="2025-12-03")
    assert kept.articles["article_id"].tolist() == ["b", "e"]     # b at 23:30 on the last day is kept
    log = kept.load_log.set_index("article_id")
    assert log["status"].to_dict() == {"a": "filtered", "b": "loaded", "c": "filtered", "d": "filtered", "e": "loaded"}
    assert log.at["a", "reason"].startswith("published 2025-12-01, before the start 2025-12-02")
    assert log.at["c", "reason"].startswith("published 2025-12-04, after the end 2025-12-03")
    assert log.at["d", "reason"].startswith("no date, and a period was chosen")
    assert len(kept.load_log) == len(corpus.load_log)


def test_outlets_and_a_start_alone(corpus):
    kept = filter_corpus(corpus, outlets=["TASS"], start="2025-12-04")
    assert kept.articles["article_id"].tolist() == ["c"]
    reasons = kept.load_log.set_index("article_id")["reason"]
    assert reasons["a"].startswith("outlet 'AP' not among the outlets chosen")
    assert reasons["d"].startswith("no date, and a period was chosen")
    assert filter_corpus(corpus) is corpus


def test_bad_filters_are_clear_errors(corpus):
    with pytest.raises(ValueError, match=r"outlets: 'Reuters' not in the corpus; its outlets are 'AP', 'TASS'"):
        filter_corpus(corpus, outlets=["AP", "Reuters"])
    with pytest.raises(ValueError, match=r"start='2025-13-01' is not a date; write it as YYYY-MM-DD"):
        filter_corpus(corpus, start="2025-13-01")
    with pytest.raises(ValueError, match=r"start='2025-12-05' is after end='2025-12-01'"):
        filter_corpus(corpus, start="2025-12-05", end="2025-12-01")
    with pytest.raises(InputError, match=r"no article is left after the filters \(end='2020-01-01'\): the corpus has "
                                         r"5 article\(s\), published 2025-12-01 to 2025-12-04, from AP, TASS"):
        filter_corpus(corpus, end="2020-01-01")


def test_analyze_filters_records_the_filters_and_says_so(sample_path):
    study = toolkit.analyze(sample_path, outlets=["Morning Star"], start="2025-12-01", discover=False)
    assert study.articles["outlet"].tolist() == ["Morning Star"]
    assert (study.settings.start, study.settings.end, study.settings.outlets) == ("2025-12-01", None, ["Morning Star"])
    assert study.load_log["status"].value_counts().to_dict() == {"loaded": 1, "filtered": 1}
    assert ("1 article(s) were left out by the filters (from 2025-12-01, outlets Morning Star); the load log lists "
            "them.") in study.notes()


def test_cli_passes_the_filters_to_the_report(monkeypatch, tmp_path, sample_path, capsys):
    seen = {}

    def fake_report(source, out, **options):
        seen.update(options)
        return tmp_path / "r.html"
    monkeypatch.setattr(toolkit.corpus_report, "build_report", fake_report)
    assert main(["report", str(sample_path), "--out", str(tmp_path / "r.html"), "--quiet", "--from", "2025-12-01",
                 "--to", "2025-12-31", "--outlets", "AP wire copy, Morning Star"]) == 0
    assert (seen["start"], seen["end"], seen["outlets"]) == ("2025-12-01", "2025-12-31", ["AP wire copy", "Morning Star"])
    monkeypatch.undo()      # the real report: the corpus is loaded and the filter checked before any analysis
    assert main(["report", str(sample_path), "--out", str(tmp_path / "r.html"), "--outlets", "Reuters"]) == 2
    assert "error: outlets: 'Reuters' not in the corpus; its outlets are 'AP wire copy', 'Morning Star'" in \
        capsys.readouterr().err
