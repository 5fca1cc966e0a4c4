"""The benchmark corpus of distinct articles: real articles once each, retold ones that repeat no sentence."""

import pandas as pd

from devtools.distinct_corpus import build, retell_sentence
from devtools.report_bench import stage_cpu, stage_memory, stage_seconds


def test_real_articles_are_kept_once_and_retold_ones_repeat_no_sentence():
    real = pd.DataFrame({
        "article_id": ["a", "b", "c"], "outlet": ["X", "Y", "X"], "published": ["2019-03-01", None, "2019-03-02"],
        "title": ["Talks fail", None, None], "corpus": "test",
        "text": ["The talks failed on Monday. Officials said 12 people were hurt.\n\nThe mayor spoke.",
                 "Rain fell in March. Roads closed.", "The talks failed on Monday. Officials said 12 people were hurt."
                 "\n\nThe mayor spoke."]})
    corpus = build([real], articles=4, seed=0)
    assert corpus["article_id"].tolist()[:2] == ["a", "b"]          # c repeats a's text: dropped
    retold = corpus.iloc[2:]
    assert retold["outlet"].tolist() == ["Retold A", "Retold B"] and set(retold["corpus"]) == {"retold"}
    first = retold.iloc[0]
    original = real.set_index("article_id").loc[first["article_id"].split("/", 2)[2]]
    assert first["text"] != original["text"]
    assert not set(first["text"].split(". ")) & set(original["text"].split(". "))   # no sentence repeats
    assert retell_sentence("The mayor spoke.", 0) == "Meanwhile, the mayor spoke."


def test_stage_times_from_progress_lines():
    lines = [(0.0, "events ..."), (1.0, "facts ..."), (3.0, "facts: 2.0 s"), (4.0, "events: 4.0 s")]
    assert stage_seconds(lines) == [("events", 4.0), ("facts", 2.0)]
    assert stage_memory(lines, [50.0, 80.0, 60.0, 40.0]) == [("events", 80.0), ("facts", 60.0)]
    assert stage_cpu(lines, [{1: 0.0}, {1: 1.0}, {1: 2.0, 2: 1.5}, {1: 3.5, 2: 1.5}]) == [
        ("events", 5.0, 3.5), ("facts", 2.5, 1.5)]
