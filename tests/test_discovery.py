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
        ["Ukraine", 19, 2], ["US", 12, 2], ["Russia", 11, 2], ["Kremlin", 8, 2], ["Putin", 7, 1], ["Moscow", 6, 1],
        ["Trump", 6, 1]]


def test_bad_options():
    with pytest.raises(ValueError, match="method='ner' is not valid; choose one of 'rules', 'spacy'"):
        candidate_actors(sentences("x"), method="ner")
    with pytest.raises(ValueError, match="method='spacy' needs spaCy and its model 'no_such_model' installed"):
        candidate_actors(sentences("x"), method="spacy", model="no_such_model")
