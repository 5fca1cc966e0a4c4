import json
from pathlib import Path

import pandas as pd
import pytest

import toolkit
from toolkit.validation.alignment_gold import evaluate_alignment, gold_sets, read_alignment_gold


def test_gold_files_match_the_toolkit_sentences():
    for name, (gold_path, articles_path) in gold_sets().items():
        gold = read_alignment_gold(gold_path)
        sentences = toolkit.split_sentences(toolkit.load_articles(articles_path)).set_index(["article_id", "sentence"])
        assert len(gold) == len(sentences), name
        assert all(sentences.loc[(a, s), "text"] == t for a, s, t in zip(gold["article_id"], gold["sentence"],
                                                                         gold["text"])), name


def test_figures_of_the_published_validation():
    """The figures in data/gold/alignment/README.md and the docs, with the default thresholds."""
    sets = gold_sets()
    actors = toolkit.load_actors(toolkit.sample_actors_path())
    figures = {}
    for name, (gold_path, articles_path) in sets.items():
        sentences = toolkit.split_sentences(toolkit.load_articles(articles_path))
        mentions = toolkit.find_mentions(sentences, actors) if name.startswith("sample") else None
        scores = evaluate_alignment(toolkit.align(sentences, mentions=mentions), read_alignment_gold(gold_path))
        figures[name] = [round(scores[k], 2) for k in ("precision", "recall_same_fact", "one_outlet_precision",
                                                       "one_outlet_recall")]
    assert figures == {"sample (dev)": [0.68, 1.0, 0.49, 0.83],
                       "fictional-pair-1 (held out)": [0.67, 0.78, 0.47, 0.57],
                       "fictional-pair-2 (held out)": [0.6, 0.64, 0.45, 0.42]}
    page = (Path(__file__).resolve().parents[1] / "docs" / "methods" / "alignment.md").read_text(encoding="utf-8")
    for name, (precision, recall, one_p, one_r) in figures.items():
        gold = name.split(" (")[0]
        row = next(line for line in page.splitlines() if line.startswith(f"| `{gold}` "))
        assert row.endswith(f"| {precision:.2f} | {recall:.2f} | {one_p:.2f} / {one_r:.2f} |"), row


def test_asymmetric_gold_is_an_error(tmp_path):
    path = tmp_path / "gold.jsonl"
    lines = [{"article_id": "a", "sentence": 0, "text": "x", "matches": [{"article_id": "b", "sentence": 0,
                                                                          "relation": "same_fact"}]},
             {"article_id": "b", "sentence": 0, "text": "y", "matches": []}]
    path.write_text("\n".join(json.dumps(x) for x in lines))
    with pytest.raises(ValueError, match="line 1: the match a:0 - b:0 \\(same_fact\\) is not symmetric"):
        read_alignment_gold(path)
    path.write_text('{"article_id": "a"}\n')
    with pytest.raises(ValueError, match="line 1: missing field\\(s\\) sentence, text, matches"):
        read_alignment_gold(path)


def test_evaluate_counts():
    gold = pd.DataFrame({"article_id": ["a", "a", "b", "b"], "sentence": [0, 1, 0, 1], "text": [""] * 4,
                         "topic": [""] * 4, "matches": [[("b", 0, "same_fact")], [], [("a", 0, "same_fact")], []]})
    pairs = pd.DataFrame({"article_id_a": ["a", "a"], "sentence_a": [0, 1], "article_id_b": ["b", "b"],
                          "sentence_b": [0, 1]})
    scores = evaluate_alignment(pairs, gold)
    assert (scores["precision"], scores["recall_same_fact"], scores["one_outlet_recall"]) == (0.5, 1.0, 0.0)
    assert scores["sentence_accuracy"] == 0.5
