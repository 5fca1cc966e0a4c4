import json
import re

import numpy as np
import pytest

from devtools.target_eval import evaluate_method, macro_f1, read_newsmtsc
from toolkit.tone.targets import (expand_negation, lexicon_features, load_linear_model, marked_parts, score_targets,
                                  target_window, textblob_polarity)


def test_window_stays_in_the_clause():
    s = 'Rutte said Putin, the aggressor, "is a brutal man" and left.'
    assert target_window(s, 11, 16) == "Rutte said Putin"
    long = "one two three four five six seven eight nine ten X eleven"
    assert target_window(long, long.index("X"), long.index("X") + 1, max_words=2) == "nine ten X eleven"


def test_negation_is_handled_for_textblob():
    assert textblob_polarity("It is a bad idea.") == pytest.approx(-0.7)
    assert textblob_polarity("It isn't a bad idea.") == pytest.approx(0.35)   # TextBlob alone: -0.7
    assert expand_negation("We can't, they cannot.") == "We ca not, they can not."


def test_methods_on_clear_cases():
    texts = ["Critics praised the brave doctor.", "Protesters condemned the corrupt, brutal regime.",
             "The minister arrived in Paris on Monday."]
    starts, ends = [20, 25, 4], [32, 48, 12]
    for method in ("vader-window", "newsmtsc-linear"):
        labels, scores = score_targets(texts, starts, ends, method=method)
        assert labels == ["positive", "negative", "neutral"], method
        assert scores.shape == (3,) and np.all(np.abs(scores) <= 1)


def test_linear_model_is_stored_as_plain_arrays():
    model = load_linear_model()
    assert model.metadata["train_targets"] == 8739 and model.metadata["C"] == 1.0
    proba = model.predict_proba(["Critics praised the brave doctor."], [20], [32])
    assert proba.shape == (1, 3) and proba.sum() == pytest.approx(1.0)
    assert marked_parts("Critics attacked Putin over the war.", 17, 22) == (
        "Critics attacked TARGET over the war.", "Critics attacked", "over the war.")


def test_missing_model_and_bad_method(tmp_path):
    with pytest.raises(FileNotFoundError, match="the linear target model is missing in .*python -m devtools.train_linear"):
        load_linear_model(tmp_path)
    with pytest.raises(ValueError, match="method='bert' is not valid; choose one of 'textblob-window', 'vader-window'"):
        score_targets(["x"], [0], [1], method="bert")


def test_macro_f1_and_reader(tmp_path):
    assert macro_f1(["negative", "neutral", "positive", "neutral"], ["negative", "neutral", "neutral", "neutral"]) == (0.6, 0.75)
    path = tmp_path / "d.jsonl"
    path.write_text(json.dumps({"sentence_normalized": "Putin lied.", "targets": [{"from": 0, "to": 5, "mention": "Putin", "polarity": 2.0}]})
                    + "\n{broken\n")
    with pytest.raises(ValueError, match="d.jsonl, line 2: not valid JSON"):
        read_newsmtsc(path)


# --- validation on the NewsMTSC development splits (figures published in the models README) --

DEV = {("dev_rw", "textblob-window"): 0.3753, ("dev_rw", "vader-window"): 0.5298, ("dev_rw", "newsmtsc-linear"): 0.6606,
       ("dev_mt", "textblob-window"): 0.3870, ("dev_mt", "vader-window"): 0.5127, ("dev_mt", "newsmtsc-linear"): 0.5902}


@pytest.mark.parametrize("split, method", sorted(DEV))
def test_published_dev_figures(shared_path, split, method):
    data = read_newsmtsc(shared_path / "data" / "newsmtsc" / f"{split}.jsonl")
    result = evaluate_method(data, method)
    assert round(result["macro_f1"], 4) == DEV[(split, method)]
    assert result["n"] == {"dev_rw": 343, "dev_mt": 442}[split]


def test_linear_beats_vader_by_eight_points_on_dev_rw():
    assert DEV[("dev_rw", "newsmtsc-linear")] - DEV[("dev_rw", "vader-window")] >= 0.08
    metadata = load_linear_model().metadata["dev"]
    assert {(k.split("/")[0], k.split("/")[1]): v["macro_f1"] for k, v in metadata.items()} == DEV


# --- the fast lexicon scores, target parts and TF-IDF equal the libraries' ---------------------

from hypothesis import given, settings
from hypothesis import strategies as st

from toolkit.tone import fastlex
from toolkit.tone.fasttfidf import NgramTfidf

TRICKY = [
    "", "   ", ".", "!!!", "?? ?", "...", "VADER is smart, handsome, and funny.", "VADER is VERY SMART, handsome, and FUNNY!!!",
    "VADER is not smart, handsome, nor funny.", "At least it isn't a horrible book.", "The book was only kind of good.",
    "The plot was good, but the characters are uncompelling and the dialog is not great.", "Today SUX!",
    "Today only kinda sux! But I'll get by, lol", "Make sure you :) or :D today!", "Catch utf-8 emoji such as 💘 and 💋 and 😁",
    "Not bad at all", "It was the least bad option, at least not the worst, very least good.", "no good, no no bad",
    "never so good", "without doubt great", "He is the shit and the bomb, a bad ass.", "kiss of death", "to die for",
    "yeah right, great", "It's not the best, but it's not the worst but good", "GOOD bad UGLY", "ALL CAPS ONLY GOOD",
    "the cut the mustard is in the red", "sort of good, kind of bad, kinda great", "not really good", "really not good",
    "It is a bad idea.", "It is not a bad idea!", "very very good!!!", "(!) great", "Great (!)", "see page 8) and good",
    "good :-) bad :( meh :-/ <3 ♥ XD", "Mr. U.S. good etc. and Dr. bad...", "\"Good,\" he said; 'bad' – ‘great’ — “awful”",
    "The don't can't won't isn't good", "Putin's war is a disaster", "good\n\nbad", "good.\nbad", "O_o o.O :o) ;-) :'(",
    "Fine. Bad! Good? Awful...", "A ( ! ) B", "lol wtf omg great!!", "Dr. No is no good", "uh-uh good", "badass",
]


@pytest.mark.parametrize("text", TRICKY)
def test_fast_vader_equals_vader(text):
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer
    assert fastlex.vader_compound(text) == SentimentIntensityAnalyzer().polarity_scores(text)["compound"]


@pytest.mark.parametrize("text", TRICKY)
def test_fast_textblob_equals_textblob(text):
    from textblob.en import sentiment
    assert fastlex.textblob_polarity(text) == sentiment(text)[0]


def _lexicon_words():
    from textblob.en import sentiment
    from vaderSentiment.vaderSentiment import BOOSTER_DICT, NEGATE, SPECIAL_CASES, SentimentIntensityAnalyzer
    len(sentiment)
    words = sorted(SentimentIntensityAnalyzer().lexicon)[::7] + sorted(dict.keys(sentiment))[::3]
    words += [*BOOSTER_DICT, *NEGATE, *SPECIAL_CASES, "but", "BUT", "least", "at", "very", "kind", "of", "no", "so",
              "this", "never", "without", "doubt", "or", "nor", "the", "Putin", "GOOD", "BAD", "Very", "n't", "'s"]
    return words


WORDS = _lexicon_words()
PUNCT = [".", ",", "!", "?", "!!", "...", ";", ":", "(", ")", "'", '"', "“", "”", "’", "-", " - ", "—", ":)", ":(", ":-)",
         "<3", "8", "D", "XD", ":", "😁", "💔", "(!)"]
TOKEN = st.one_of(st.sampled_from(WORDS), st.sampled_from(PUNCT))
SEPARATOR = st.sampled_from([" ", " ", " ", "", "  ", "\t", "\n", "\n\n"])


@st.composite
def texts(draw):
    parts = draw(st.lists(st.tuples(TOKEN, SEPARATOR), max_size=25))
    return "".join(token + sep for token, sep in parts)


@pytest.mark.slow
@settings(max_examples=400, deadline=None)
@given(texts())
def test_fast_lexicons_equal_the_libraries_on_random_texts(text):
    from textblob.en import sentiment
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer
    assert fastlex.vader_compound(text) == SentimentIntensityAnalyzer().polarity_scores(text)["compound"]
    assert fastlex.textblob_polarity(text) == sentiment(text)[0]


_BOUNDARY = re.compile(r"[,;:()\u2014\u2013\"\u2018\u2019]|\s-\s")
_RUN = re.compile(r"\S+")


def _window_by_regex(text, start, end, max_words=8):
    """The window as the regular expressions define it (the reference of target_window)."""
    left_bound = max((m.end() for m in _BOUNDARY.finditer(text, 0, start)), default=0)
    right = _BOUNDARY.search(text, end)
    right_bound = right.start() if right else len(text)
    left_words = _RUN.findall(text[left_bound:start])[-max_words:]
    right_words = _RUN.findall(text[end:right_bound])[:max_words]
    return " ".join([*left_words, text[start:end], *right_words]).strip()


def _parts_by_regex(text, start, end, context_words=10):
    left = " ".join(_RUN.findall(text[:start])[-context_words:])
    right = " ".join(_RUN.findall(text[end:])[:context_words])
    return f"{text[:start]}TARGET{text[end:]}", left, right


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab ,;:()-\u2014\"\u2018\u2019.\t")), max_size=40), st.data())
def test_window_and_parts_equal_the_regular_expressions(text, data):
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    assert target_window(text, start, end) == _window_by_regex(text, start, end)
    assert target_window(text, start, end, max_words=1) == _window_by_regex(text, start, end, 1)
    assert marked_parts(text, start, end) == _parts_by_regex(text, start, end)
    assert marked_parts(text, start, end, context_words=2) == _parts_by_regex(text, start, end, 2)


def test_fast_tfidf_equals_the_vectorizers():
    model = load_linear_model()
    docs = ["Critics attacked TARGET over the war.", "TARGET's allies, the U.S. and E.U., said: “no deal”!", "",
            "   ", "über ÉLAN naïve TARGETs xTARGET ΣΑΣ 42 a b", "the the the war war", "Putin Putin's Kyiv-based"]
    for vec in model.vectorizers:
        fast = NgramTfidf(vec)
        assert fast.exact
        expected, got = vec.transform(docs), fast.transform(docs)
        assert got.shape == expected.shape and (got != expected).nnz == 0
        assert np.array_equal(got.indices, expected.indices) and np.array_equal(got.data, expected.data)


def test_linear_features_are_unchanged():
    from scipy import sparse
    model = load_linear_model()
    texts = ["Critics attacked Putin over the war, but praised Biden.", "Critics attacked Putin over the war, but praised Biden.",
             "“Great,” said Rutte - the PM - about NATO :)", "No."]
    starts, ends = [17, 48, 23, 0], [22, 53, 28, 2]
    rows = []
    for t, s, e in zip(texts, starts, ends):
        marked, left, right = _parts_by_regex(t, s, e)
        blocks = [vec.transform([part]) for vec, part in zip(model.vectorizers, (marked, left, right))]
        rows.append(sparse.hstack([*blocks, sparse.csr_matrix([lexicon_features(t, s, e)])]).tocsr())
    expected = sparse.vstack(rows).tocsr()
    got = model.features(texts, starts, ends)
    assert (got != expected).nnz == 0
