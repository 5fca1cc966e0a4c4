import pandas as pd
import pytest

from devtools.attribution_eval import evaluate, head_word, read_polnear, score_attributions

TEXT = 'Clinton wins\n\n\u201cWe will win,\u201d said Rep. Ann Lee. Officials said the vote was close.\n'


def _span(text: str, occurrence: int = 0) -> str:
    start = -1
    for _ in range(occurrence + 1):
        start = TEXT.index(text, start + 1)
    return f"{start} {start + len(text)}"


CONTENT = "We will win,\u201d"
ANN = (f"T1\tContent {_span(CONTENT)}\t{CONTENT}\nT2\tCue {_span('said')}\tsaid\n"
       f"T3\tSource {_span('Rep. Ann Lee')}\tRep. Ann Lee\nT4\tAttribution {_span('said')}\tsaid\n"
       "E1\tAttribution:T4 Content:T1 Cue:T2 Source:T3\n"
       f"T5\tSource {_span('Officials')}\tOfficials\nT6\tCue {_span('said', 1)}\tsaid\n"
       f"T7\tContent {_span('the vote was close')}\tthe vote was close\nthat ran on\n"
       "E2\tAttribution:T6 Content:T7 Source:T5 Cue:T6\n")


@pytest.fixture
def polnear(tmp_path):
    for split in ("train", "dev"):
        (tmp_path / split / "text").mkdir(parents=True)
        (tmp_path / split / "attributions").mkdir()
        (tmp_path / split / "text" / "nyt_2016-01-01_x.txt").write_text(TEXT, encoding="utf-8")
        (tmp_path / split / "attributions" / "nyt_2016-01-01_x_abcd.ann").write_text(ANN, encoding="utf-8")
        (tmp_path / split / "attributions" / "nyt_2016-01-01_x_zzzz.ann").write_text("", encoding="utf-8")
    return tmp_path


def test_read_polnear(polnear):
    articles, gold = read_polnear(polnear, "dev")
    assert articles[["article_id", "outlet"]].values.tolist() == [["nyt_2016-01-01_x", "nyt"]]
    assert articles.loc[0, "text"][15:28] == 'We will win,"'            # curly quotes replaced one for one
    assert gold[["start", "end", "kind", "source", "cue"]].values.tolist() == [
        [15, 28, "mixed", "Rep. Ann Lee", "said"], [63, 81, "indirect", "Officials", "said"]]
    with pytest.raises(ValueError, match="split='test' is not valid; choose 'train' or 'dev' \\(the test split is kept "
                                         "apart"):
        read_polnear(polnear, "test")
    with pytest.raises(FileNotFoundError, match="no PolNeAR dev split at"):
        read_polnear(polnear / "nothing", "dev")


def test_evaluate_on_a_tiny_split(polnear):
    scores = evaluate(polnear, "train")
    assert (scores["gold"], scores["matched"]) == (2, 2)
    assert (scores["precision"], scores["recall"], scores["speaker_named_n"]) == (1.0, 1.0, 2)


def test_head_word_and_scores():
    assert [head_word(p) for p in ("Sen. Elizabeth Warren (D-Mass.)", "the campaign's spokesman", "he", "")] == [
        "warren", "spokesman", "he", ""]
    predicted = pd.DataFrame({"article_id": ["a", "a", "b"], "start": [0, 100, 0], "end": [20, 130, 10],
                              "kind": ["direct", "indirect", "indirect"], "speaker": ["Ann Lee", "unknown", "he"]})
    gold = pd.DataFrame({"article_id": ["a", "a", "b"], "start": [5, 200, 0], "end": [20, 230, 10],
                         "kind": ["direct", "indirect", "indirect"], "source": ["Lee", "Bob Roe", "he"]})
    scores = score_attributions(predicted, gold)
    assert (scores["matched"], round(scores["precision"], 3), round(scores["recall"], 3)) == (2, 0.667, 0.667)
    assert (scores["direct_mixed_f1"], scores["indirect_precision"], scores["indirect_recall"]) == (1.0, 0.5, 0.5)
    assert (scores["speaker_n"], scores["speaker_accuracy"]) == (1, 1.0)      # the pronoun source is not judged
