import pandas as pd
import pytest

from toolkit import extract_quotes, load_actors, sample_actors_path, voices
from toolkit.actors.voices import VOICE_COLUMNS


@pytest.fixture(scope="module")
def sample_quotes(sample_sentences):
    return extract_quotes(sample_sentences, load_actors(sample_actors_path()))


def test_voices_by_speaker_in_the_morning_star(sample_quotes):
    table = voices(sample_quotes)
    assert list(table.columns) == ["outlet", "speaker", *VOICE_COLUMNS]
    ms = table[table["outlet"] == "Morning Star"]
    assert ms[["speaker", "quotes", "direct", "indirect", "quoted_words", "verbs"]].head(3).values.tolist() == [
        ["Vladimir Putin", 2, 1, 1, 42, "say 1, tell 1"],
        ["Vladyslav Haivanenko", 1, 0, 1, 22, "according to 1"],
        ["Mr Zelensky, as well as European leaders backing him", 1, 0, 1, 18, "accuse 1"]]
    assert ms["share_of_words"].sum() == pytest.approx(1.0)


def test_voices_by_side(sample_quotes):
    table = voices(sample_quotes, by="side")
    assert table[["outlet", "side", "quotes", "quoted_words"]].values.tolist() == [
        ["AP wire copy", "Russia", 12, 104], ["AP wire copy", "(none)", 4, 85], ["AP wire copy", "NATO", 3, 64],
        ["AP wire copy", "EU/Europe", 3, 62], ["AP wire copy", "Ukraine", 6, 62], ["AP wire copy", "US", 2, 34],
        ["AP wire copy", "UK", 1, 23], ["Morning Star", "Russia", 3, 58], ["Morning Star", "(none)", 4, 46],
        ["Morning Star", "Ukraine", 2, 40]]
    assert table.loc[0, "share_of_words"] == pytest.approx(104 / 434)


def test_statements_count_the_quotes_of_one_statement_once(sample_quotes):
    table = voices(sample_quotes)
    assert table.loc[table["quotes"] != table["statements"], ["outlet", "speaker", "quotes", "statements"]].values.tolist() == [
        ["AP wire copy", "Yuri Ushakov", 5, 4], ["AP wire copy", "Margus Tsahkna", 2, 1],
        ["AP wire copy", "Dmitry Peskov", 3, 2]]


def test_empty_and_bad_input():
    empty = voices(pd.DataFrame(columns=["outlet", "speaker", "kind", "words", "verb", "verb_class"]))
    assert empty.empty and list(empty.columns) == ["outlet", "speaker", *VOICE_COLUMNS]
    with pytest.raises(ValueError, match="the quotes table lacks the column\\(s\\) 'side'"):
        voices(pd.DataFrame(columns=["outlet", "speaker", "kind", "words", "verb", "verb_class"]), by="side")
