"""The course's practice corpus (Palvaria) and its actor dictionary: big enough, licensed, consistent."""

import pandas as pd

import toolkit

ROOT = toolkit.events_corpus_path().parents[2]


def test_practice_corpus_is_big_enough_and_free_to_use():
    gold = pd.read_csv(toolkit.events_gold_path())
    assert (len(gold), gold["outlet"].nunique(), gold["event"].nunique()) == (48, 4, 14)
    assert "CC0-1.0" in (ROOT / "gold" / "events" / "README.md").read_text(encoding="utf-8")
    actors = toolkit.load_actors(toolkit.practice_actors_path())
    assert actors.licence == "CC0-1.0" and len(actors.actors) == 42


def test_dictionary_finds_the_actors_of_every_outlet():
    corpus = toolkit.load_corpus(toolkit.events_corpus_path())
    sentences = toolkit.split_sentences(corpus.articles)
    actors = toolkit.load_actors(toolkit.practice_actors_path())
    mentions = toolkit.find_mentions(sentences, actors)
    assert mentions.groupby("outlet").size().to_dict() == {
        "Northline News Agency": 202, "The Daily Klaxon": 56, "The Free Tribune": 157, "The Palvarian Ledger": 101}
    assert mentions["actor"].nunique() == 42
    # the tabloid's own forms of names are the same actors
    tabloid = mentions[mentions["outlet"] == "The Daily Klaxon"]
    assert {"Cas Delvane", "Oshmar"} <= set(tabloid["surface"])
    assert set(tabloid.loc[tabloid["surface"] == "Cas Delvane", "actor"]) == {"Casimir Delvane"}


def test_no_side_is_called_none():
    """Issue 26 §2: share of voice counts a quote with no side as "(none)"; a side named "none" gave lesson
    03 two columns, "(none)" and "none", side by side."""
    actors = toolkit.load_actors(toolkit.practice_actors_path())
    sides = {actor.side for actor in actors.actors}
    assert "no camp" in sides and not {side for side in sides if side.strip("()").lower() == "none"}
