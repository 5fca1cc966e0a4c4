import json

import pandas as pd
import pytest

from toolkit.validation.quote_gold import match_quotes, quote_errors, read_quote_gold, score_quotes

ARTICLES = pd.DataFrame({"article_id": ["a"], "text": ['"We won," Holm said. Varga said the vote was rigged badly.']})


def gold_file(tmp_path, rows):
    path = tmp_path / "g.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    return path


def test_scores_and_errors(tmp_path):
    gold = read_quote_gold(gold_file(tmp_path, [
        {"doc_id": "a", "kind": "direct", "text": "We won,", "speaker": "Holm", "verb": "say"},
        {"doc_id": "a", "kind": "indirect", "text": "the vote was rigged badly", "speaker": "Varga", "verb": "say"}]),
        ARTICLES)
    assert gold[["start", "end"]].values.tolist() == [[1, 8], [32, 57]]
    predicted = pd.DataFrame({"article_id": ["a", "a"], "start": [1, 41], "end": [8, 57],
                              "speaker": ["Holm", "Holm"], "verb": ["say", "claim"], "kind": ["direct", "indirect"],
                              "text": ["We won,", "rigged badly"]})
    scores = score_quotes(gold, predicted).set_index(["subset", "measure"])
    assert scores.loc[("all", "quotes"), ["correct", "precision", "recall"]].tolist() == [2, 1.0, 1.0]
    assert scores.loc[("all", "speaker"), ["correct", "precision", "recall"]].tolist() == [1, 0.5, 0.5]
    assert scores.loc[("direct+mixed", "quotes"), ["correct", "predicted", "gold"]].tolist() == [1, 1, 1]
    assert quote_errors(gold, predicted)[["error", "gold", "predicted"]].values.tolist() == [
        ["speaker", "Varga", "Holm"], ["verb", "say", "claim"]]


def test_one_to_one_matching():
    gold = pd.DataFrame({"doc_id": ["a"], "start": [0], "end": [10]})
    pred = pd.DataFrame({"article_id": ["a", "a"], "start": [0, 2], "end": [10, 9]})
    assert match_quotes(gold, pred) == [(0, 0)]


@pytest.mark.parametrize("row, message", [
    ("{broken", "line 1: not valid JSON"),
    (json.dumps({"doc_id": "a", "text": "x"}), "line 1: missing field\\(s\\) kind, speaker, verb"),
    (json.dumps({"doc_id": "b", "kind": "direct", "text": "x", "speaker": "s", "verb": "say"}), "article 'b' is not in the articles table"),
    (json.dumps({"doc_id": "a", "kind": "direct", "text": "nowhere", "speaker": "s", "verb": "say"}), "text not found in article 'a'"),
])
def test_malformed_gold(tmp_path, row, message):
    path = tmp_path / "g.jsonl"
    path.write_text(row, encoding="utf-8")
    with pytest.raises(ValueError, match=message):
        read_quote_gold(path, ARTICLES)
