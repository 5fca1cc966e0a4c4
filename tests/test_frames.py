import pandas as pd
import pytest

import toolkit
from toolkit.compare.frames import FramesError, default_frames_path


def sentences(*texts, outlets=None):
    outlets = outlets or ["X"] * len(texts)
    return pd.DataFrame({"article_id": [f"a{i}" for i in range(len(texts))], "outlet": outlets,
                         "sentence": range(len(texts)), "text": list(texts)})


def test_shipped_dictionary_has_the_five_frames():
    frames = toolkit.load_frames()
    assert list(frames.labels) == ["conflict", "human_interest", "responsibility", "morality", "economic"]
    assert all(len(cues) >= 30 for cues in frames.cues.values())
    assert frames.source == str(default_frames_path())


def test_sentence_scores_with_evidence():
    table = toolkit.frame_scores(sentences("The minister blamed rivals and accused them of an attack on families.",
                                           "Nothing here."))
    assert table[["sentence", "frame", "cues", "evidence", "words"]].values.tolist() == [
        [0, "conflict", 3, "rivals | accused | attack", 12],
        [0, "human_interest", 1, "families", 12],
        [0, "responsibility", 1, "blamed", 12]]


def test_cues_match_whole_words_only():
    # "sin*" is not a cue (since, single); "moral" does not match "morale"; "rival" not in "arrival"
    table = toolkit.frame_scores(sentences("Since the arrival of troops, morale is high in Europe."))
    assert table.empty


def test_outlet_profile_includes_zero_frames():
    table = toolkit.frame_scores(sentences("Rivals clashed.", "Prices rose and costs soared.", "Calm day.",
                                           outlets=["A", "B", "B"]), by="outlet")
    assert len(table) == 10
    a = table[table["outlet"] == "A"].set_index("frame")
    assert a.loc["conflict", ["sentences", "cues", "top_cues", "articles"]].tolist() == [1, 2, "clashed 1, rivals 1", 1]
    assert a.loc["conflict", "per_1000_words"] == 1000.0
    b = table[table["outlet"] == "B"].set_index("frame")
    assert b.loc["economic", ["sentences", "share_of_sentences", "cues"]].tolist() == [1, 0.5, 2]
    assert b.loc["morality", "cues"] == 0 and b.loc["morality", "top_cues"] == ""


def test_sample_profile(sample_sentences):
    body = sample_sentences[sample_sentences["part"] == "body"]
    table = toolkit.frame_scores(body, by="outlet").set_index(["outlet", "frame"])
    assert table.loc[("AP wire copy", "conflict"), ["sentences", "cues"]].tolist() == [14, 19]
    assert table.loc[("Morning Star", "conflict"), ["sentences", "cues"]].tolist() == [6, 7]
    assert table.loc[("Morning Star", "economic"), "top_cues"] == "loans 1"


def test_custom_dictionary_and_errors(tmp_path):
    path = tmp_path / "frames.yml"
    path.write_text("frames:\n  - frame: peace\n    label: Peace\n    cues: [ceasefire, truce*]\n")
    table = toolkit.frame_scores(sentences("A truce, then a ceasefire."), frames=path)
    assert table[["frame", "label", "evidence"]].values.tolist() == [["peace", "Peace", "truce | ceasefire"]]
    bad = {
        "frames: []\n": "the list 'frames' is empty",
        "frames:\n  - frame: Peace\n    cues: [a]\n": "'frame' is an id of lower-case letters",
        "frames:\n  - frame: peace\n    cues: []\n": r"frame 1 \(peace\): field 'cues' must be a non-empty list",
        "frames:\n  - frame: a\n    cues: [x]\n  - frame: b\n    cues: [x]\n": r"frame 2 \(b\): the cue 'x' is also in frame 'a'",
        "frames:\n  - frame: a\n    cues: [x]\n  - frame: a\n    cues: [y]\n": "the frame id 'a' is used twice",
        "frames:\n  - frame: a\n    cues: ['x(']\n": r"cue 'x\(' has characters other than",
        "frames: [\n": "is not valid YAML",
        "cues: []\n": "expected a top-level key 'frames'",
    }
    for text, message in bad.items():
        path.write_text(text)
        with pytest.raises(FramesError, match=message):
            toolkit.load_frames(path)
    with pytest.raises(FramesError, match="frame dictionary not found"):
        toolkit.load_frames(tmp_path / "missing.yml")
    with pytest.raises(ValueError, match="by='article' is not valid; choose one of 'sentence', 'outlet'"):
        toolkit.frame_scores(sentences("x"), by="article")


def test_case_and_text_whose_lower_case_changes_length():
    table = toolkit.frame_scores(sentences("İstanbul families ATTACKED rivals."))
    assert table[["frame", "evidence"]].values.tolist() == [["conflict", "ATTACKED | rivals"],
                                                           ["human_interest", "families"]]


def test_an_outlet_without_words_gets_zeros_not_an_error():
    table = toolkit.frame_scores(sentences("Rivals clashed.", "", outlets=["A", "Empty"]), by="outlet")
    empty = table[table["outlet"] == "Empty"]
    assert len(empty) == 5 and empty[["sentences", "cues", "per_1000_words", "articles"]].sum().tolist() == [0, 0, 0, 0]


def test_rows_record_the_dictionary():
    table = toolkit.frame_scores(sentences("Rivals clashed."))
    assert table["method"].tolist() == ["cue words: generic-news-frames (frames.yml)"]
    assert toolkit.frame_scores(sentences("x"), by="outlet")["method"].unique().tolist() == [
        "cue words: generic-news-frames (frames.yml)"]
