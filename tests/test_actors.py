import pytest

from toolkit import ActorsError, load_actors

GOOD = """\
name: tiny
licence: CC0-1.0
actors:
  - name: Vladimir Putin
    type: person
    side: Russia
    gender: male
    aliases: [Vladimir Putin, Putin]
    titles: [Russian President, Mr]
    descriptors: [the Russian leader]
  - name: Russia
    type: country
    side: Russia
    aliases: [Russia]
    labels: [the aggressor]
"""


def write(tmp_path, text):
    path = tmp_path / "actors.yml"
    path.write_text(text, encoding="utf-8")
    return path


def test_surfaces_are_derived_from_aliases_titles_descriptors_and_labels(tmp_path):
    actors = load_actors(write(tmp_path, GOOD))
    assert len(actors) == 2 and actors.name == "tiny"
    assert {t: (s.actor, s.kind, s.variant) for t, s in actors.surfaces.items()} == {
        "Vladimir Putin": ("Vladimir Putin", "name", "Vladimir Putin"),
        "Putin": ("Vladimir Putin", "name", "Putin"),
        "Russian President Vladimir Putin": ("Vladimir Putin", "title", "Vladimir Putin"),
        "Russian President Putin": ("Vladimir Putin", "title", "Putin"),
        "Mr Vladimir Putin": ("Vladimir Putin", "title", "Vladimir Putin"),
        "Mr Putin": ("Vladimir Putin", "title", "Putin"),
        "Mr. Vladimir Putin": ("Vladimir Putin", "title", "Vladimir Putin"),
        "Mr. Putin": ("Vladimir Putin", "title", "Putin"),
        "the Russian leader": ("Vladimir Putin", "descriptor", "the Russian leader"),
        "The Russian leader": ("Vladimir Putin", "descriptor", "the Russian leader"),
        "Russia": ("Russia", "name", "Russia"),
        "the aggressor": ("Russia", "label", "the aggressor"),
        "The aggressor": ("Russia", "label", "the aggressor"),
    }


def test_table(tmp_path):
    table = load_actors(write(tmp_path, GOOD)).table()
    assert table.loc[0].to_dict() == {"actor": "Vladimir Putin", "type": "person", "side": "Russia",
                                      "gender": "male", "aliases": "Vladimir Putin | Putin",
                                      "titles": "Russian President | Mr", "descriptors": "the Russian leader",
                                      "labels": ""}


def test_sample_dictionary_covers_the_spelling_variants(sample_path):
    from toolkit import sample_actors_path
    actors = load_actors(sample_actors_path())
    assert {"Zelensky", "Zelenskyy", "Zelenskiy"} <= set(actors["Volodymyr Zelenskyy"].aliases)
    assert actors.surfaces["Kiev"].actor == actors.surfaces["Kyiv"].actor == "Kyiv"
    assert actors.surfaces["Kiev"].kind == "name"
    assert actors.surfaces["the aggressor"].actor == "Russia"


@pytest.mark.parametrize("text, message", [
    ("actors: [", "is not valid YAML"),
    ("- a\n", "expected a mapping with a key 'actors'"),
    ("actors: []\nowner: me\n", "unknown top-level key"),
    ("actors:\n  - just a name\n", "line 2: expected a mapping"),
    ("actors:\n  - name: X\n    type: person\n    side: A\n", r"line 2 \(actor 'X'\): field 'aliases' must be a non-empty list"),
    ("actors:\n  - name: X\n    type: persn\n    side: A\n    aliases: [X]\n",
     r"line 3 \(actor 'X'\): field 'type' must be one of person, organization, government, country, place, group; got 'persn'"),
    ("actors:\n  - name: X\n    type: person\n    aliases: [X]\n", r"actor 'X'\): field 'side' must be a non-empty string"),
    ("actors:\n  - name: X\n    type: person\n    side: A\n    aliases: [X]\n    gender: m\n",
     r"line 6 \(actor 'X'\): field 'gender' must be male or female"),
    ("actors:\n  - name: X\n    type: person\n    side: A\n    aliases: [X]\n    nick: [Y]\n", "unknown field"),
    ("actors:\n  - name: X\n    type: person\n    side: A\n    aliases: [X, 3]\n", "field 'aliases' must be"),
    ("actors:\n  - name: X\n    type: person\n    side: A\n    aliases: [X]\n"
     "  - name: X\n    type: person\n    side: B\n    aliases: [Z]\n", "line 6: actor name 'X' already used on line 2"),
    ("actors:\n  - name: X\n    type: person\n    side: A\n    aliases: [Kyiv]\n"
     "  - name: Y\n    type: place\n    side: B\n    aliases: [Kyiv]\n", "'Kyiv' refers to both 'X' and 'Y'"),
])
def test_malformed_dictionaries_are_named(tmp_path, text, message):
    with pytest.raises(ActorsError, match=message):
        load_actors(write(tmp_path, text))


def test_missing_dictionary(tmp_path):
    with pytest.raises(ActorsError, match="actor dictionary not found"):
        load_actors(tmp_path / "none.yml")
