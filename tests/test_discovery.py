import pandas as pd
import pytest

from toolkit import candidate_actors, load_actors, sample_actors_path
from toolkit.actors.discovery import CANDIDATE_COLUMNS


def sentences(*texts):
    return pd.DataFrame({"article_id": "a", "outlet": "X", "sentence": range(len(texts)), "text": list(texts)})


def test_names_not_openings_or_demonyms():
    found = candidate_actors(sentences(
        "RUSSIAN drones hit Ternivka, Gov. Ivan Petrov said on Monday.",
        '"It\'s over," said Petrov. Meanwhile Ukrainian officials met NATO envoys in Brussels.',
        "Previous attempts failed: Either way, the Secretary-General of the Alliance spoke."))
    assert list(found.columns) == CANDIDATE_COLUMNS
    assert found[["candidate", "count"]].values.tolist() == [
        ["Brussels", 1], ["Ivan Petrov", 1], ["NATO", 1], ["Petrov", 1], ["Secretary-General of the Alliance", 1],
        ["Ternivka", 1]]
    assert found.loc[found["candidate"] == "Ternivka", "example"].item().startswith("RUSSIAN drones hit Ternivka")


def test_dictionary_covers_the_sample(sample_sentences):
    assert candidate_actors(sample_sentences, load_actors(sample_actors_path())).empty
    found = candidate_actors(sample_sentences, min_count=5)
    assert found[["candidate", "count", "articles"]].values.tolist() == [
        ["Ukraine", 20, 2], ["Russia", 12, 2], ["US", 12, 2], ["Kremlin", 8, 2], ["Putin", 7, 1], ["Moscow", 6, 1],
        ["Trump", 6, 1]]


def test_bad_options():
    with pytest.raises(ValueError, match="method='ner' is not valid; choose one of 'rules', 'spacy'"):
        candidate_actors(sentences("x"), method="ner")
    with pytest.raises(ValueError, match="method='spacy' needs spaCy and its model 'no_such_model' installed"):
        candidate_actors(sentences("x"), method="spacy", model="no_such_model")


# --- discover_actors: a dictionary found in the corpus ---------------------------------------

from toolkit import discover_actors  # noqa: E402
from toolkit.actors.dictionary import Actor, ActorDictionary  # noqa: E402
from toolkit.actors.discovered import EVIDENCE_COLUMNS, FOUND_AUTOMATICALLY  # noqa: E402

NEWS = (
    "Rep. Kevin McCarthy spoke in Washington on Monday.",
    "Mr. McCarthy's bill failed in the House.",
    "Kevin McCarthy said Washington must act, McCarthy added.",
    "President Volodymyr Zelenskyy met NATO leaders in Brussels.",
    "Later, Zelensky told the North Atlantic Treaty Organization that Ukraine needs air defence.",
    "Ms. Zelenska and Zelenskyy visited Brussels, where Nato ministers met.",
)


def test_discovered_people_places_and_organizations_with_variants_merged():
    found = discover_actors(sentences(*NEWS), min_count=1)
    assert isinstance(found, ActorDictionary) and found.name == "discovered"
    actors = {a.name: (a.type, a.aliases, a.titles, a.gender) for a in found.actors}
    assert actors["Kevin McCarthy"] == ("person", ("Kevin McCarthy", "McCarthy"), ("Mr", "Rep"), "male")
    assert actors["Volodymyr Zelenskyy"][:2] == ("person", ("Volodymyr Zelenskyy", "Zelensky", "Zelenskyy"))
    assert actors["Zelenska"] == ("person", ("Zelenska",), ("Ms",), "female")    # his wife: not a variant
    assert actors["Volodymyr Zelenskyy"][2] == ("President",)
    assert actors["Washington"][:2] == ("place", ("Washington",))
    assert actors["Brussels"][:2] == ("place", ("Brussels",))
    assert actors["NATO"][:2] == ("organization", ("NATO", "Nato", "North Atlantic Treaty Organization"))
    assert list(found.evidence.columns) == EVIDENCE_COLUMNS
    row = found.evidence.set_index("actor").loc["Kevin McCarthy"]
    assert (row["count"], row["articles"], row["entity"], row["source"]) == (4, 1, "PERSON", "discovered")
    assert row["example"] == NEWS[0]
    assert {a.side for a in found.actors} == {"unassigned"}


def test_discovered_dictionary_round_trips_through_yaml(tmp_path):
    found = discover_actors(sentences(*NEWS))
    text = found.to_yaml(tmp_path / "found.yml")
    assert text.startswith(f"# {FOUND_AUTOMATICALLY}\nname: discovered\nactors:\n# 4 occurrences in 1 article(s); PERSON")
    again = load_actors(tmp_path / "found.yml")
    assert again.actors == found.actors
    assert again.surfaces == found.surfaces


def test_a_users_dictionary_wins():
    mine = ActorDictionary((Actor("Kevin O. McCarthy", "person", "GOP", ("McCarthy",)),
                            Actor("Belgium", "country", "EU", ("Belgium", "Brussels"))), name="mine")
    found = discover_actors(sentences(*NEWS), mine, min_count=2)
    # the user's actors first and unchanged; names their forms cover are not discovered again
    assert found.actors[:2] == mine.actors
    assert [a.name for a in found.actors] == ["Kevin O. McCarthy", "Belgium", "Volodymyr Zelenskyy", "Washington"]
    assert found.evidence[["actor", "source"]].values.tolist() == [
        ["Kevin O. McCarthy", "given"], ["Belgium", "given"], ["Volodymyr Zelenskyy", "discovered"],
        ["Washington", "discovered"]]
    assert found.evidence["count"].tolist()[3] == 2 and found.evidence["count"].isna().tolist() == [
        True, True, False, False]


def test_discover_on_the_sample_corpus(sample_sentences):
    found = discover_actors(sample_sentences)
    top = found.evidence[["actor", "type", "count", "articles"]].head(5).values.tolist()
    assert top == [["Ukraine", "place", 20, 2], ["Russia", "place", 12, 2], ["US", "place", 12, 2],
                   ["Vladimir Putin", "person", 11, 2], ["Donald Trump", "person", 9, 2]]
    assert found["Vladimir Putin"].titles == ("Mr", "Russian President")


def test_discover_bad_options():
    with pytest.raises(ValueError, match="min_count and contexts must be positive integers; got 0 and 2"):
        discover_actors(sentences("x"), min_count=0)
    with pytest.raises(ValueError, match="the sentences table"):
        discover_actors(pd.DataFrame({"text": ["x"]}))
    assert len(discover_actors(sentences("no names here at all."))) == 0


def test_an_empty_discovery_still_writes_a_dictionary(tmp_path):
    found = discover_actors(sentences("no names here at all."))
    found.to_yaml(tmp_path / "none.yml")
    assert len(load_actors(tmp_path / "none.yml")) == 0


def test_an_uninstalled_pipeline_is_named():
    from toolkit.text.nlp import PipelineError

    with pytest.raises(PipelineError, match="no spaCy pipeline no_such_model is installed"):
        discover_actors(sentences(*NEWS), pipeline="no_such_model")


def test_mention_recall_against_the_sample_dictionary(sample_sentences):
    from toolkit.dev.discovery_eval import mention_recall

    found = mention_recall(sample_sentences, load_actors(sample_actors_path()))
    assert (found["gold_names"], found["recalled"], found["actors"], found["merged"]) == (127, 124, 19, 18)
    assert found["missed"] == ["Ukrainian delegation", "Russian army", "Canada"]


def test_the_parse_sets_word_classes_from_the_tags():
    from toolkit.text.nlp import load_pipeline, parse

    text = "She was told that nobody had seen the Senator's letter, and Lee did not say anything."
    fast = parse([text], ner=False)[0]
    full = load_pipeline()(text)
    assert [t.pos_ for t in fast] == [t.pos_ for t in full]
    assert [t.lemma_ for t in fast if t.pos_ == "AUX"] == ["be", "have", "do"]


def test_a_discovered_actor_named_by_anothers_title_and_alias_is_dropped_and_the_dictionary_reads_back(tmp_path):
    from toolkit.actors.dictionary import Actor
    from toolkit.actors.discovered import _without_clashes

    rutte = Actor("Putin Rutte", "person", "unassigned", ("Putin Rutte", "Rutte"), ("Moscow", "President"))
    moscow_rutte = Actor("Moscow Rutte", "person", "unassigned", ("Moscow Rutte",))
    lee = Actor("Ann Lee", "person", "unassigned", ("Ann Lee", "Lee"), ("Moscow",))
    kept = _without_clashes([moscow_rutte, lee], (rutte,))
    assert [(a.name, a.aliases, a.titles) for a in kept] == [("Ann Lee", ("Ann Lee", "Lee"), ("Moscow",))]
    # the other way round: the title that would name an earlier actor goes, the actor stays
    kept = _without_clashes([rutte], (moscow_rutte,))
    assert [(a.name, a.aliases, a.titles) for a in kept] == [("Putin Rutte", ("Putin Rutte", "Rutte"), ("President",))]
    from toolkit.actors.dictionary import ActorDictionary, dump_actors

    dump_actors(ActorDictionary((moscow_rutte, *kept)), tmp_path / "actors.yml")
    assert load_actors(tmp_path / "actors.yml").surfaces["Moscow Rutte"].actor == "Moscow Rutte"
