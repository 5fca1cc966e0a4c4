"""Narrative roles (hero, villain, victim): features, training, storage, evidence, the shipped model and its figures."""

import json

import numpy as np
import pandas as pd
import pytest

from toolkit import actor_roles, framing_table, load_role_model, role_profile, role_validation
from toolkit.actors.roles import COLUMNS, ROLES, describe, mention_features, role_documents, train_role_model


def test_features_are_the_words_around_the_mention_never_its_name():
    assert mention_features("Rebels shelled the city of Aleppo.", 19, 23) == [
        "L:rebel", "L:shell", "L:the", "R:of", "R:<name>", "L1:the", "R1:of", "R2:<name>", "L:neg", "N:city"]
    # a name near the mention is <name>, whoever it is; a proper name gives no N: feature; the sentence's start and end are features of their own
    assert mention_features("Aleppo.", 0, 6, first=True) == ["L1:^", "R1:$", "first"]
    # only six words each side count
    text = "one two three four five six seven ACTOR a b c d e f g"
    features = mention_features(text, 34, 39)
    assert [f for f in features if f.startswith("L:")] == ["L:two", "L:three", "L:four", "L:five", "L:six", "L:seven"]
    assert [f for f in features if f.startswith("R:")] == ["R:a", "R:b", "R:c", "R:d", "R:e", "R:f"]


def test_features_read_as_plain_words():
    assert [describe(f) for f in ["L1:^", "R1:$", "L:pos", "R:kill"]] == [
        "start of sentence, _", "_, end of sentence", "positive word … _", "_ … kill"]


TRAIN_DOCS = ["R1:rescue R:rescue R:help", "R1:help R:save", "R1:rescue R:save R:help",
              "R1:bomb R:attack R:neg", "R1:attack R:bomb R:neg", "R1:bomb R:kill R:neg",
              "L1:kill L:kill L:neg", "L1:hit L:hit L:neg", "L1:kill L:hit L:neg"] * 2
TRAIN_ROLES = ["hero"] * 3 + ["villain"] * 3 + ["victim"] * 3
TRAIN_ROLES = TRAIN_ROLES * 2


@pytest.fixture(scope="module")
def tiny_model():
    return train_role_model(TRAIN_DOCS, TRAIN_ROLES, np.arange(18) // 2, c_grid=(1.0, 10.0), folds=3)


def test_training_learns_the_roles_and_stores_them(tiny_model, tmp_path):
    assert tiny_model.roles == ROLES and tiny_model.metadata["C"] in (1.0, 10.0)
    assert tiny_model.metadata["actors"] == 18
    proba = tiny_model.predict_proba(["R1:rescue R:help", "R1:bomb R:neg", "L1:kill L:neg"])
    assert proba.argmax(axis=1).tolist() == [0, 1, 2]
    assert np.allclose(proba.sum(axis=1), 1.0)
    tiny_model.save(tmp_path)
    loaded = load_role_model(tmp_path)
    assert loaded.roles == ROLES and json.loads((tmp_path / "model.json").read_text())["roles"] == list(ROLES)
    assert np.array_equal(loaded.predict_proba(TRAIN_DOCS), tiny_model.predict_proba(TRAIN_DOCS))


def test_roles_keep_their_features_and_sentences(tiny_model):
    sentences = pd.DataFrame({"article_id": ["a", "a", "a"], "sentence": [0, 1, 2], "start": [0, 30, 60],
                              "text": ["Volunteers rescue the stranded.", "Critics say Volunteers help.",
                                       "Then the army came."]})
    mentions = pd.DataFrame({"article_id": ["a", "a", "a"], "outlet": ["X"] * 3, "sentence": [0, 1, 2],
                             "actor": ["Volunteers", "Volunteers", "army"], "start": [0, 42, 69],
                             "end": [10, 52, 73]})
    table = actor_roles(sentences, mentions, model=tiny_model, top_features=2)
    assert table.columns.tolist() == COLUMNS
    first = table.iloc[0]
    assert (first["actor"], first["mentions"], first["role"]) == ("Volunteers", 2, "hero")
    assert first["features"] == "_ help (+0.27) | _ rescue (+0.26)"
    # the sentence whose mention pushed most towards hero comes first
    assert (first["sentences"], first["evidence"]) == SENTENCES
    assert first["probability"] == pytest.approx(first["hero"]) and first[list(ROLES)].sum() == pytest.approx(1.0)
    assert table["actor"].tolist() == ["Volunteers", "army"]


SENTENCES = ("0, 1", "Volunteers rescue the stranded.")


def test_bad_and_empty_input_is_named(tiny_model, tmp_path):
    with pytest.raises(ValueError, match=r"unknown role\(s\) \['saint'\]"):
        train_role_model(["a", "b"], ["hero", "saint"], [0, 1])
    with pytest.raises(FileNotFoundError, match="the role model is missing in .*python -m devtools.role_eval"):
        load_role_model(tmp_path)
    with pytest.raises(FileNotFoundError, match="no figures in .*metrics.json is written by"):
        role_validation(tmp_path)
    with pytest.raises(ValueError, match="the mentions table lacks"):
        actor_roles(pd.DataFrame(columns=["article_id", "sentence", "start", "text"]), pd.DataFrame({"actor": []}),
                    model=tiny_model)
    sentences = pd.DataFrame({"article_id": ["a"], "sentence": [0], "start": [0], "text": ["X came."]})
    lost = pd.DataFrame({"article_id": ["b"], "outlet": ["O"], "sentence": [3], "actor": ["X"], "start": [0], "end": [1]})
    with pytest.raises(ValueError, match=r"1 mentions have no sentence .*'article_id': 'b', 'sentence': 3"):
        actor_roles(sentences, lost, model=tiny_model)
    empty = actor_roles(sentences, lost.iloc[0:0], model=tiny_model)
    assert empty.columns.tolist() == COLUMNS and empty.empty
    assert role_profile(empty).columns.tolist() == ["outlet", "actor", "role_articles", *ROLES, "main_role"]


def test_role_documents_pool_an_actors_mentions_per_article():
    sentences = pd.DataFrame({"article_id": ["a", "b"], "sentence": [0, 0], "start": [0, 0],
                              "text": ["Kyiv and Kyiv.", "Kyiv wins."]})
    mentions = pd.DataFrame({"article_id": ["a", "b", "a"], "outlet": ["X", "Y", "X"], "sentence": [0, 0, 0],
                             "actor": ["Kyiv"] * 3, "start": [0, 0, 9], "end": [4, 4, 13]})
    actors, docs = role_documents(sentences, mentions)
    assert actors[["article_id", "outlet", "actor", "mentions", "rows"]].values.tolist() == [
        ["a", "X", "Kyiv", 2, [0, 2]], ["b", "Y", "Kyiv", 1, [1]]]
    assert docs[1] == "R:wins L1:^ R1:wins R:pos first" and actors["documents"][0] == f"{docs[0]} {docs[2]}"


def test_role_profile_and_the_framing_table():
    roles = pd.DataFrame({"outlet": ["A", "A", "B"], "actor": ["X", "X", "X"], "role": ["hero", "villain", "victim"]})
    assert role_profile(roles)["main_role"].tolist() == ["hero/villain", "victim"]
    scored = pd.DataFrame({"outlet": ["A", "A", "B"], "actor": ["X", "Y", "Y"], "variant": ["X", "Y", "Y"],
                           "kind": ["name"] * 3, "score": [0.1, 0.2, 0.3], "label": ["neutral"] * 3,
                           "in_quote": [False] * 3, "method": "m"})
    table = framing_table(scored, roles=roles, n_boot=10)
    assert table[["outlet", "actor", "role_articles", "villain", "main_role"]].fillna(-1).values.tolist() == [
        ["A", "X", 2, 0.5, "hero/villain"], ["A", "Y", 0, -1, ""], ["B", "X", 1, 0.0, "victim"], ["B", "Y", 0, -1, ""]]


def test_shipped_model_casts_the_sample_offline(sample_sentences, sample_path):
    from toolkit import find_mentions, load_actors, sample_actors_path
    mentions = find_mentions(sample_sentences, load_actors(sample_actors_path()))
    table = actor_roles(sample_sentences, mentions)
    assert len(table) == len(mentions.groupby(["article_id", "actor"])) == 71
    assert table.groupby("outlet")["role"].value_counts().to_dict() == ROLE_COUNTS
    putin = table[table["actor"] == "Vladimir Putin"].set_index("outlet")
    assert putin["role"].to_dict() == {"Morning Star": "villain", "AP wire copy": "villain"}
    assert putin["probability"].round(3).to_dict() == PUTIN_PROBABILITY
    assert all(e in s for e, s in zip(table["evidence"], [" ".join(sample_sentences["text"])] * len(table)))


ROLE_COUNTS = {("AP wire copy", "hero"): 16, ("AP wire copy", "victim"): 10, ("AP wire copy", "villain"): 16,
               ("Morning Star", "hero"): 11, ("Morning Star", "victim"): 5, ("Morning Star", "villain"): 13}
PUTIN_PROBABILITY = {"Morning Star": 0.406, "AP wire copy": 0.576}


def test_published_figures_match_the_data(shared_path):
    """metrics.json says how many annotated actors were scored; the data gives the same count."""
    from devtools.frame_eval import corpus_sentences, read_frames_data
    from devtools.role_eval import labelled_documents, read_roles
    folder = shared_path / "data" / "frames"
    roles = read_roles(folder)
    table = labelled_documents(corpus_sentences(read_frames_data(folder)[0]), roles)
    published = role_validation()
    assert (published["actors"] == len(table)).all() and len(roles) == 1573
    assert f"{len(table)} of 1573 annotated actors" in published["data"].iloc[0]
    model = published.set_index(["method", "check"])["macro_f1"].round(3)
    assert model.to_dict() == PUBLISHED_F1
    assert load_role_model().metadata["actors"] == len(table)


ARTICLES = "cross-validated: 5 folds keeping each article together, mean of 3 shuffles"
OUTLETS = "cross-validated: 5 folds keeping each outlet together"
PUBLISHED_F1 = {("roles-linear (context, no proper names)", ARTICLES): 0.552,
                ("reference: with proper names", ARTICLES): 0.599,
                ("reference: always the most common role", ARTICLES): 0.193,
                ("roles-linear (context, no proper names)", OUTLETS): 0.536,
                ("reference: with proper names", OUTLETS): 0.59,
                ("reference: always the most common role", OUTLETS): 0.193}


def test_role_profile_names_a_table_without_roles():
    with pytest.raises(ValueError, match="the roles table lacks"):
        role_profile(pd.DataFrame({"outlet": ["A"], "actor": ["X"]}))
