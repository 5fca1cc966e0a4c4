from pathlib import Path

import pandas as pd
import pytest

from toolkit import locate, paragraph_spans, sentence_spans, split_sentences
from devtools.segmentation_eval import newsmtsc_gold, read_gold, score_segmentation, split_halves
from toolkit.text.sentences import SENTENCE_COLUMNS


def split(paragraph):
    return [paragraph[s:e] for s, e in sentence_spans(paragraph)]


def test_sample_sentence_counts_and_columns(sample_sentences):
    assert list(sample_sentences.columns) == SENTENCE_COLUMNS
    body = sample_sentences[sample_sentences["part"] == "body"]
    counts = body.groupby("outlet").agg(sentences=("sentence", "size"),
                                                    paragraphs=("paragraph", "nunique"))
    assert counts.to_dict("index") == {"AP wire copy": {"sentences": 46, "paragraphs": 30},
                                       "Morning Star": {"sentences": 15, "paragraphs": 12}}


def test_offsets_point_into_the_article_text(sample_corpus, sample_sentences):
    texts = dict(zip(sample_corpus.articles["article_id"], sample_corpus.articles["text"]))
    for row in sample_sentences[sample_sentences["part"] == "body"].itertuples():
        assert texts[row.article_id][row.start:row.end] == row.text
    assert (locate(sample_corpus.articles, sample_sentences) == sample_sentences["text"]).all()


def test_title_and_caption_are_paratext(sample_sentences):
    paratext = sample_sentences[sample_sentences["part"] != "body"]
    assert paratext[["outlet", "part", "paragraph", "sentence", "start", "end"]].values.tolist() == [
        ["Morning Star", "title", -1, -1, 0, 71], ["Morning Star", "caption", -2, -2, 0, 151]]
    assert paratext["text"].str[:30].tolist() == ["Russian strike on Ukraine kill", "Ukrainian President Volodymyr "]
    body_only = split_sentences(pd.DataFrame({"article_id": ["a"], "outlet": ["x"], "text": ["One. Two."]}), parts="body")
    assert body_only["sentence"].tolist() == [0, 1]
    with pytest.raises(ValueError, match="parts='footer' is not valid; choose one of 'title', 'caption', 'body'"):
        split_sentences(pd.DataFrame({"article_id": ["a"], "outlet": ["x"], "text": ["x"]}), parts=["footer"])


def test_quote_closing_one_sentence_and_opening_the_next(sample_sentences):
    ap = sample_sentences[sample_sentences["outlet"] == "AP wire copy"].set_index("sentence")["text"]
    assert ap[20] == ('Asked whether peace was closer or further away after the talks, Ushakov said: '
                      '"Not further, that\'s for sure."')
    assert ap[21] == '"But there\'s still a lot of work to be done, both in Washington and in Moscow," he said.'
    assert ap[45].startswith("Falling drone debris sparked a fire") and ap[45].endswith("Gov. Yegveniy Pervyshov said.")


def test_sentence_and_paragraph_indices(sample_sentences):
    ms = sample_sentences[(sample_sentences["outlet"] == "Morning Star") & (sample_sentences["part"] == "body")]
    assert ms["sentence"].tolist() == list(range(15))
    assert ms["paragraph"].tolist() == [0, 1, 2, 2, 2, 3, 3, 4, 5, 6, 7, 8, 9, 10, 11]


@pytest.mark.parametrize("paragraph, expected", [
    ("Mr Putin met U.S. envoys at 5 p.m. on Tuesday. They talked.",
     ["Mr Putin met U.S. envoys at 5 p.m. on Tuesday.", "They talked."]),
    ("Gov. Yegveniy Pervyshov said 3.5 tonnes burned. Nobody was hurt.",
     ["Gov. Yegveniy Pervyshov said 3.5 tonnes burned.", "Nobody was hurt."]),
    ('He said: "Not further, that\'s for sure." "But there\'s work," he said.',
     ['He said: "Not further, that\'s for sure."', '"But there\'s work," he said.']),
    ("Is peace closer? Nobody knows!", ["Is peace closer?", "Nobody knows!"]),
])
def test_hard_cases(paragraph, expected):
    assert split(paragraph) == expected


def test_paragraph_spans():
    text = "  One.\n\n\nTwo. Three.\n  \nFour\nstill four.\n"
    assert [text[s:e] for s, e in paragraph_spans(text)] == ["One.", "Two. Three.", "Four\nstill four."]


def test_empty_and_missing_input():
    empty = split_sentences(pd.DataFrame(columns=["article_id", "outlet", "text"]))
    assert list(empty.columns) == SENTENCE_COLUMNS and empty.empty
    with pytest.raises(ValueError, match="the articles table lacks the column\\(s\\) 'text'"):
        split_sentences(pd.DataFrame({"article_id": ["a"], "outlet": ["x"]}))


# --- accuracy on gold standards (figures published in toolkit/text/sentences.py) -----------------

GOLD = Path(__file__).resolve().parents[1] / "data" / "gold" / "sentences" / "handmade.jsonl"


def test_accuracy_on_the_handmade_gold():
    result = score_segmentation(read_gold(GOLD), sentence_spans)
    assert (result["true_positives"], result["false_positives"], result["false_negatives"]) == (73, 0, 3)
    assert round(result["f1"], 3) == 0.980


def test_accuracy_on_newsmtsc_held_out(shared_path):
    _, held_out = split_halves(newsmtsc_gold(shared_path / "data" / "newsmtsc" / "train.jsonl"))
    result = score_segmentation(held_out, sentence_spans)
    assert round(result["f1"], 3) == 0.984
    assert result["n_gold_boundaries"] == 1020


@pytest.mark.parametrize("paragraph, expected", [
    ("Prices rose in New York. Officials said so.", ["Prices rose in New York.", "Officials said so."]),
    ("Lt. Col. Smith spoke. St. Mary's church burned.", ["Lt. Col. Smith spoke.", "St. Mary's church burned."]),
    ("Sen. Tim Kaine (D-Va.) said no.", ["Sen. Tim Kaine (D-Va.) said no."]),
    ("Belle Image: Nick Moreau.", ["Belle", "Image: Nick Moreau."]),
    ("It was held in Washington D.C. Image: United States Navy.",
     ["It was held in Washington D.C.", "Image: United States Navy."]),
    ("Trump and Xi (Photo: Andy Wong, AP) met.", ["Trump and Xi (Photo: Andy Wong, AP) met."]),
    ("Thursday, May 7, 2015 On Tuesday, the government spoke.",
     ["Thursday, May 7, 2015", "On Tuesday, the government spoke."]),
    ('"So far, so good. But it\'s a long game." - Matthew Ingram',
     ['"So far, so good.', 'But it\'s a long game." - Matthew Ingram']),
])
def test_post_processing_rules(paragraph, expected):
    assert split(paragraph) == expected
