
import pandas as pd
import pytest

from toolkit import find_mentions, load_actors, locate, naming
from toolkit.actors.dictionary import Actor, ActorDictionary
from toolkit.actors.mentions import MENTION_COLUMNS, match_spans

from .test_actors import GOOD


@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    path = tmp_path_factory.mktemp("actors") / "a.yml"
    path.write_text(GOOD, encoding="utf-8")
    return load_actors(path)


@pytest.fixture(scope="module")
def sample_actors():
    from toolkit import sample_actors_path
    return load_actors(sample_actors_path())


def sentences(*texts, outlet="X"):
    starts = [sum(len(t) + 1 for t in texts[:i]) for i in range(len(texts))]
    return pd.DataFrame({"article_id": "a", "outlet": outlet, "paragraph": 0, "sentence": range(len(texts)),
                         "start": starts, "end": [s + len(t) for s, t in zip(starts, texts)], "text": list(texts)})


def test_longest_match_wins_and_kinds(tiny):
    found = find_mentions(sentences("Russian President Vladimir Putin met Mr Putin's team.",
                                    "The Russian leader blamed the aggressor, Russia."), tiny)
    assert list(found.columns) == MENTION_COLUMNS
    assert found[["sentence", "surface", "kind", "variant", "start", "end", "possessive"]].values.tolist() == [
        [0, "Russian President Vladimir Putin", "title", "Vladimir Putin", 0, 32, False],
        [0, "Mr Putin", "title", "Putin", 37, 45, True],
        [1, "The Russian leader", "descriptor", "the Russian leader", 54, 72, False],
        [1, "the aggressor", "label", "the aggressor", 80, 93, False],
        [1, "Russia", "name", "Russia", 95, 101, False],
    ]


def test_whole_words_case_and_pronouns(tiny):
    found = find_mentions(sentences("RUSSIAN drones and Putinism; he said Russians and pro-Putin crowds."), tiny)
    assert found["surface"].tolist() == ["Putin"]


def test_offsets_point_into_the_article(sample_corpus, sample_sentences, sample_actors):
    found = find_mentions(sample_sentences, sample_actors)
    assert (locate(sample_corpus.articles, found) == found["surface"]).all()
    assert found["part"].value_counts().to_dict() == {"body": 154, "caption": 4, "title": 1}


def test_sample_naming_done_when(sample_sentences, sample_actors):
    mentions = find_mentions(sample_sentences, sample_actors)
    table = naming(mentions, by="variant")
    forms = {(r.outlet, r.variant): r.mentions for r in table.itertuples()}
    # the Morning Star page writes both Zelensky (its report) and Zelenskyy (the photo
    # caption); the wire copy only Zelenskyy
    assert {v: n for (o, v), n in forms.items() if o == "Morning Star" and "Zelensk" in v} == {
        "Volodymyr Zelensky": 1, "Zelensky": 1, "Volodymyr Zelenskyy": 1}
    assert {v: n for (o, v), n in forms.items() if o == "AP wire copy" and "Zelensk" in v} == {
        "Volodymyr Zelenskyy": 1, "Zelenskyy": 1}
    # Kiev only in the Morning Star (its own words); Kyiv in the wire copy, and in the caption
    assert forms[("Morning Star", "Kiev")] == 1 and ("AP wire copy", "Kiev") not in forms
    assert forms[("AP wire copy", "Kyiv")] == 3
    kyiv = mentions[(mentions["outlet"] == "Morning Star") & (mentions["variant"] == "Kyiv")]
    assert kyiv["part"].tolist() == ["caption"]


def test_naming_shares_and_labels(tiny):
    found = find_mentions(sentences("Putin spoke. Mr Putin left. Putin returned.", "The aggressor struck."), tiny)
    table = naming(found)
    assert table[["actor", "surface", "kind", "mentions", "share"]].values.tolist() == [
        ["Russia", "The aggressor", "label", 1, 1.0],
        ["Vladimir Putin", "Putin", "name", 2, 2 / 3],
        ["Vladimir Putin", "Mr Putin", "title", 1, 1 / 3],
    ]


def test_bad_input(tiny):
    with pytest.raises(ValueError, match="by='name' is not valid; choose one of 'surface', 'variant'"):
        naming(pd.DataFrame(columns=MENTION_COLUMNS), by="name")
    with pytest.raises(ValueError, match="the sentences table lacks the column"):
        find_mentions(pd.DataFrame({"text": ["x"]}), tiny)
    with pytest.raises(TypeError, match="actors must be an ActorDictionary"):
        find_mentions(sentences("x"), {"Putin": "Vladimir Putin"})


def test_empty_sentences(tiny):
    assert find_mentions(sentences(), tiny).empty


def test_match_spans_with_many_aliases_finds_the_same():
    small = ActorDictionary((Actor("Putin", "person", "Russia", ("Putin",)),))
    big = ActorDictionary(small.actors + tuple(Actor(f"P{i}", "person", "x", (f"Name{i}",)) for i in range(5000)))
    text = "Putin met Name7 and Name4999. " * 3
    assert [m[2] for m in match_spans(text, big)] == ["Putin", "P7", "P4999"] * 3
    assert [m[2] for m in match_spans(text, small)] == ["Putin"] * 3


def test_naming_differences_of_the_sample(sample_sentences, sample_actors):
    from toolkit import naming_differences
    table = naming_differences(naming(find_mentions(sample_sentences, sample_actors), by="variant"))
    rows = {(r.outlet, r.actor, r.variant): r.used_by for r in table.itertuples()}
    assert rows[("Morning Star", "Kyiv", "Kiev")] == "Morning Star"
    assert rows[("Morning Star", "Volodymyr Zelenskyy", "Zelensky")] == "Morning Star"
    assert rows[("AP wire copy", "Volodymyr Zelenskyy", "Zelenskyy")] == "AP wire copy"
    assert rows[("AP wire copy", "Russia", "the aggressor")] == "AP wire copy"
    assert ("AP wire copy", "Kyiv", "Kyiv") not in rows  # both outlets write Kyiv (the Morning Star in its caption)
    assert len(table) == 10
    with pytest.raises(ValueError, match="the naming table lacks the column"):
        naming_differences(table.drop(columns="kind"))
