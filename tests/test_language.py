import warnings

import pytest

import toolkit

FRENCH = ("Des drones russes ont frappé la ville de Ternivka dans la région de Dnipropetrovsk pendant la nuit, "
          "tuant deux personnes et en blessant trois autres, selon le chef de l'administration militaire.")


def test_language_of():
    assert toolkit.language_of("Putin spoke.") == ""
    assert toolkit.language_of(FRENCH) == "fr"
    assert toolkit.language_of(FRENCH, min_words=100) == ""


def test_sample_articles_are_english(sample_corpus):
    assert sample_corpus.articles["language"].tolist() == ["en", "en"]


def test_other_languages_are_flagged_and_kept(tmp_path, sample_path):
    (tmp_path / "fr.txt").write_text(FRENCH, encoding="utf-8")
    (tmp_path / "en.txt").write_text((sample_path / "002_4cb80e3135c7eb75.txt").read_text(encoding="utf-8"),
                                     encoding="utf-8")
    with pytest.warns(UserWarning, match=r"1 article\(s\) not in English: fr \(fr\); the toolkit's splitter"):
        corpus = toolkit.load_corpus(tmp_path, outlet="X")
    assert corpus.articles.set_index("article_id")["language"].to_dict() == {"en": "en", "fr": "fr"}
    note = corpus.load_log.set_index("article_id").loc["fr", "reason"]
    assert "language fr, not English (flagged, kept)" in note


def test_english_corpus_does_not_warn(sample_path):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        toolkit.load_corpus(sample_path)
