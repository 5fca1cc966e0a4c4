"""Tests for toolkit.segmentation_eval: tiny literal inputs, exact expected values."""

import json
from pathlib import Path

import pytest

from devtools.segmentation_eval import (
    newsmtsc_gold,
    normalize_gold_text,
    parse_newsmtsc_gid,
    read_gold,
    score_segmentation,
)

REPO = Path(__file__).resolve().parents[1]
HANDMADE = REPO / "data" / "gold" / "sentences" / "handmade.jsonl"
SHARED = Path(__file__).resolve().parents[2] / "shared"
needs_shared = pytest.mark.skipif(
    not SHARED.is_dir(), reason=f"shared data folder {SHARED} is absent (it sits beside the repo clone in CI)"
)


@pytest.fixture
def gold():
    return [
        {"doc_id": "a", "paragraphs": [["Mr. Li left.", "He was sad.", "Rain fell."], ["It ended."]]},
        {"doc_id": "b", "paragraphs": [["Gov. Ng spoke.", '"Yes." "No."']]},
    ]


def perfect(docs):
    lookup = {" ".join(p): p for d in docs for p in d["paragraphs"]}
    return lambda text: lookup[text]


def naive(text):
    return text.replace(". ", ".\n").split("\n")


# --- score_segmentation -------------------------------------------------------


def test_perfect_splitter_scores_one(gold):
    scores = score_segmentation(gold, perfect(gold))
    assert (scores["precision"], scores["recall"], scores["f1"], scores["sentence_accuracy"]) == (1.0, 1.0, 1.0, 1.0)
    assert scores["n_docs"] == 2
    assert scores["n_paragraphs"] == 3
    assert scores["n_gold_sentences"] == 6
    assert scores["n_gold_boundaries"] == 3
    assert scores["true_positives"] == 3
    assert scores["errors"] == []


def test_never_splitting_has_zero_recall(gold):
    scores = score_segmentation(gold, lambda text: [text])
    assert scores["recall"] == 0.0
    assert scores["precision"] == 0.0
    assert scores["f1"] == 0.0
    assert scores["n_predicted_boundaries"] == 0
    assert scores["false_negatives"] == 3
    assert scores["n_predicted_sentences"] == 3
    assert scores["n_exact_sentences"] == 1  # "It ended." is a paragraph of its own
    assert scores["sentence_accuracy"] == pytest.approx(1 / 6)
    assert [e["kind"] for e in scores["errors"]] == ["missed", "missed"]
    assert scores["errors"][1]["gold"] == ["Gov. Ng spoke.", '"Yes." "No."']


def test_known_over_split_gives_known_precision():
    gold = [{"doc_id": "d", "paragraphs": [["Mr. Li left.", "He was sad."]]}]
    scores = score_segmentation(gold, naive)
    assert scores["precision"] == 0.5
    assert scores["recall"] == 1.0
    assert scores["f1"] == pytest.approx(2 / 3)
    assert scores["sentence_accuracy"] == 0.5
    assert (scores["true_positives"], scores["false_positives"], scores["false_negatives"]) == (1, 1, 0)
    assert scores["errors"] == [
        {
            "doc_id": "d",
            "paragraph": 0,
            "kind": "extra",
            "start": 0,
            "end": 13,
            "gold": ["Mr. Li left."],
            "predicted": ["Mr.", "Li left."],
        }
    ]


def test_error_with_missed_and_extra_boundary():
    gold = [{"doc_id": "d", "paragraphs": [['"Yes." "No."', "Gov. Ng spoke."]]}]
    scores = score_segmentation(gold, naive)
    # naive: '"Yes." "No." Gov.' | 'Ng spoke.': misses offset 13, adds offset 18
    assert (scores["true_positives"], scores["false_positives"], scores["false_negatives"]) == (0, 1, 1)
    assert scores["errors"][0]["kind"] == "both"
    assert scores["errors"][0]["predicted"] == ['"Yes." "No." Gov.', "Ng spoke."]


def test_spans_and_whitespace_are_accepted(gold):
    def with_spaces(text):  # keeps the trailing spaces, like sentencex
        return [piece + " " for piece in perfect(gold)(text)[:-1]] + [perfect(gold)(text)[-1]]

    def spans(text):
        out, start = [], 0
        for sentence in perfect(gold)(text):
            out.append((start, start + len(sentence)))
            start += len(sentence) + 1
        return out

    assert score_segmentation(gold, with_spaces)["f1"] == 1.0
    assert score_segmentation(gold, spans)["f1"] == 1.0


def test_splitter_that_changes_text_is_an_error():
    gold = [{"doc_id": "d", "paragraphs": [["He said “yes.”", "Then he left."]]}]
    with pytest.raises(ValueError, match="split changed the text: piece 0"):
        score_segmentation(gold, lambda text: [text.replace("“", '"')])


def test_splitter_that_loses_text_is_an_error():
    gold = [{"doc_id": "d", "paragraphs": [["One.", "Two."]]}]
    with pytest.raises(ValueError, match="split lost text: its pieces stop before 'Two.'"):
        score_segmentation(gold, lambda text: ["One."])


def test_empty_paragraph_lists_are_skipped():
    gold = [{"doc_id": "d", "paragraphs": []}, {"doc_id": "e", "paragraphs": [["One."]]}]
    scores = score_segmentation(gold, lambda text: [text])
    assert (scores["n_docs"], scores["n_paragraphs"], scores["precision"], scores["recall"]) == (2, 1, 1.0, 1.0)


# --- read_gold ----------------------------------------------------------------


def write_lines(path, lines):
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def doc_line(doc_id="d1", **changes):
    doc = {"doc_id": doc_id, "source": "test", "licence": "CC0-1.0", "paragraphs": [["A b.", "C d."]]}
    doc.update(changes)
    return json.dumps(doc)


def test_read_gold_reads_documents_and_skips_blank_lines(tmp_path):
    path = write_lines(tmp_path / "g.jsonl", [doc_line("d1"), "", doc_line("d2")])
    docs = read_gold(path)
    assert [d["doc_id"] for d in docs] == ["d1", "d2"]
    assert docs[0]["paragraphs"] == [["A b.", "C d."]]


def test_read_gold_names_the_line_of_invalid_json(tmp_path):
    path = write_lines(tmp_path / "g.jsonl", [doc_line(), '{"doc_id": "d2",'])
    with pytest.raises(ValueError, match=r"g\.jsonl, line 2: not valid JSON"):
        read_gold(path)


@pytest.mark.parametrize(
    ("line", "message"),
    [
        (json.dumps({"doc_id": "d", "source": "s", "paragraphs": [["A."]]}), r"line 1: missing key\(s\) licence"),
        (doc_line(paragraphs=[["A.", ""]]), "line 1: paragraph 0, sentence 1 must be a non-empty string"),
        (doc_line(paragraphs=[[" A."]]), "line 1: paragraph 0, sentence 0 has leading or trailing whitespace"),
        (doc_line(paragraphs=[[]]), "line 1: paragraph 0 must be a non-empty list of sentences"),
        (doc_line(doc_id=""), "line 1: 'doc_id' must be a non-empty string"),
        ("[1, 2]", "line 1: expected a JSON object, got list"),
    ],
)
def test_read_gold_rejects_malformed_lines(tmp_path, line, message):
    path = write_lines(tmp_path / "g.jsonl", [line])
    with pytest.raises(ValueError, match=message):
        read_gold(path)


def test_read_gold_rejects_repeated_doc_id(tmp_path):
    path = write_lines(tmp_path / "g.jsonl", [doc_line("x"), doc_line("x")])
    with pytest.raises(ValueError, match="line 2: doc_id 'x' already used on line 1"):
        read_gold(path)


# --- NewsMTSC -----------------------------------------------------------------


def test_normalize_gold_text():
    assert normalize_gold_text("\u201cYes,\u201d he said. ''No.''\u00a0 ") == '"Yes," he said. "No."'


@pytest.mark.parametrize(
    ("gid", "expected"),
    [
        (
            "allsides_1000_401_25_Reality Leigh Winner_0_6",
            {"corpus": "allsides", "article": "1000", "event": "401", "position": 25,
             "target": "Reality Leigh Winner", "start": 0, "end": 6},
        ),
        (
            "polusa_v1_131724089_-1_30_Tom Cotton:\n\u201c_0_13",
            {"corpus": "polusa_v1", "article": "131724089", "event": "-1", "position": 30,
             "target": "Tom Cotton:\n\u201c", "start": 0, "end": 13},
        ),
        (
            "allsides_7_3_2_snake_case_name_4_9",
            {"corpus": "allsides", "article": "7", "event": "3", "position": 2,
             "target": "snake_case_name", "start": 4, "end": 9},
        ),
    ],
)
def test_parse_newsmtsc_gid(gid, expected):
    assert parse_newsmtsc_gid(gid) == expected


def test_parse_newsmtsc_gid_rejects_other_strings():
    with pytest.raises(ValueError, match="not a NewsMTSC gid: 'allsides_1_x'"):
        parse_newsmtsc_gid("allsides_1_x")


def newsmtsc_line(gid, sentence):
    return json.dumps({"primary_gid": gid, "sentence_normalized": sentence, "targets": []}, ensure_ascii=False)


def test_newsmtsc_gold_groups_orders_deduplicates_and_drops(tmp_path):
    path = write_lines(
        tmp_path / "train.jsonl",
        [
            newsmtsc_line("allsides_5_2_7_Obama_0_5", "Obama said \u201cno.\u201d"),
            newsmtsc_line("allsides_5_2_3_Trump_0_5", "Trump\u00a0won."),
            newsmtsc_line("allsides_5_2_3_Clinton_9_16", "Trump\u00a0won."),  # same sentence, other target
            newsmtsc_line("allsides_5_2_0_Trump_0_5", "Trump Wins Again"),
            newsmtsc_line("allsides_5_2_9_Sen_0_3", "He thanked Sen."),
            newsmtsc_line("allsides_5_2_8_He_0_2", "He left. She stayed."),
            newsmtsc_line("polusa_v1_9_-1_4_May_0_3", "May spoke.\nPhoto: AP"),
        ],
    )
    docs = newsmtsc_gold(path)
    assert [d["doc_id"] for d in docs] == ["newsmtsc_allsides_5", "newsmtsc_polusa_v1_9"]
    first, second = docs
    assert first["paragraphs"] == [["Trump won.", 'Obama said "no."']]
    assert first["positions"] == [3, 7]
    assert first["licence"] == "MIT"
    assert first["source"] == "NewsMTSC train.jsonl (allsides article 5, event 2)"
    assert [(d["position"], d["reason"]) for d in first["dropped"]] == [
        (0, "no_final_punctuation"),
        (8, "internal_boundary"),
        (9, "ends_in_title"),
    ]
    assert second["paragraphs"] == []
    assert second["dropped"] == [{"position": 4, "sentence": "May spoke.\nPhoto: AP", "reason": "newline"}]


def test_newsmtsc_gold_rejects_conflicting_sentences(tmp_path):
    path = write_lines(
        tmp_path / "train.jsonl",
        [newsmtsc_line("allsides_5_2_3_A_0_1", "One."), newsmtsc_line("allsides_5_2_3_B_0_1", "Two.")],
    )
    with pytest.raises(ValueError, match="line 2: article 5 position 3 already holds a different sentence"):
        newsmtsc_gold(path)


def test_newsmtsc_gold_rejects_rows_without_gid(tmp_path):
    path = write_lines(tmp_path / "train.jsonl", [json.dumps({"sentence_normalized": "One."})])
    with pytest.raises(ValueError, match="line 1: not a NewsMTSC row"):
        newsmtsc_gold(path)


@needs_shared
def test_newsmtsc_train_gold_counts():
    docs = newsmtsc_gold(SHARED / "data" / "newsmtsc" / "train.jsonl")
    sentences = [s for d in docs for p in d["paragraphs"] for s in p]
    reasons = {}
    for d in docs:
        for dropped in d["dropped"]:
            reasons[dropped["reason"]] = reasons.get(dropped["reason"], 0) + 1
    assert len(docs) == 5446
    assert len(sentences) == 6818
    assert sum(len(p) - 1 for d in docs for p in d["paragraphs"]) == 1960
    assert reasons == {"newline": 424, "no_final_punctuation": 391, "ends_in_title": 92, "internal_boundary": 18}
    assert score_segmentation(docs, perfect(docs))["f1"] == 1.0


# --- the hand-built gold file -------------------------------------------------


def test_handmade_gold_is_valid():
    docs = read_gold(HANDMADE)
    written = [d for d in docs if d["source"] == "written for this project"]
    assert len(docs) == 10
    assert sum(len(p) for d in docs for p in d["paragraphs"]) == 139
    assert sum(len(p) for d in written for p in d["paragraphs"]) >= 60
    assert {d["licence"] for d in written} == {"CC0-1.0"}
    assert score_segmentation(docs, perfect(docs))["f1"] == 1.0


def seed_body(name, first, last=None, header=None):
    lines = [normalize_gold_text(line) for line in (SHARED / "seeds" / name).read_text(encoding="utf-8").split("\n")]
    if header:
        lines[0] = lines[0].split(header, 1)[1]
    start = next(i for i, line in enumerate(lines) if line.startswith(first))
    end = next(i for i, line in enumerate(lines) if line.endswith(last)) if last else len(lines) - 1
    return [line for line in lines[start : end + 1] if line]


@needs_shared
@pytest.mark.parametrize(
    ("doc_id", "name", "first", "last", "header"),
    [
        ("seed_000_morning_star", "000_f630b2af681dd528.txt", "RUSSIAN overnight", "he said.", None),
        ("seed_002_wire", "002_4cb80e3135c7eb75.txt", "Ukraine and its", None, "date 2025-12-04 "),
    ],
)
def test_handmade_seed_documents_reproduce_the_seed_bodies(doc_id, name, first, last, header):
    doc = next(d for d in read_gold(HANDMADE) if d["doc_id"] == doc_id)
    assert [" ".join(p) for p in doc["paragraphs"]] == seed_body(name, first, last, header)


def test_conllu_gold_reads_documents_paragraphs_and_names_bad_input():
    from devtools.segmentation_eval import conllu_gold
    text = "\n".join(["# newdoc id = GUM_news_a", "# newpar", "# text = It rained ``hard''.", "1\tIt", "",
                      "# text = Then sun.", "1\tThen", "", "# newdoc id = GUM_news_b", "1\tNo", ""])
    with pytest.raises(ValueError, match=r"line 11: a sentence without # text ="):
        conllu_gold(text)
    with pytest.raises(ValueError, match="line 2: a sentence without a document"):
        conllu_gold("1\tWord\n")
    docs = conllu_gold("\n".join(text.splitlines()[:8]), prefix="GUM_news_")
    assert [(d["doc_id"], d["paragraphs"]) for d in docs] == [("GUM_news_a", [[NORMALIZED, "Then sun."]])]
    assert conllu_gold(text.replace("GUM_news_b", "GUM_bio_b").replace("1\tNo", "# text = No.\n1\tNo"))[0]["licence"] \
        == "Wikinews text CC BY 2.5; GUM annotations CC BY-NC-SA 4.0"


NORMALIZED = 'It rained "hard".'   # PTB quote marks become the loader's straight ones
