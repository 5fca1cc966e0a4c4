import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

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


# --- issue 9: crashes and a hang on hostile dictionaries ------------------------------------

def test_non_string_keys_are_named_with_their_line(tmp_path):
    inside = GOOD.replace("    gender: male\n", "    gender: male\n    1: extra\n")
    with pytest.raises(ActorsError, match=r"actors.yml, line 8 \(actor 'Vladimir Putin'\): unknown field\(s\) 1; "
                                          r"expected aliases, descriptors"):
        load_actors(write(tmp_path, inside))
    with pytest.raises(ActorsError, match=r"actors.yml, line 3: unknown top-level key\(s\) 1, extra; expected actors"):
        load_actors(write(tmp_path, GOOD.replace("licence: CC0-1.0\n", "licence: CC0-1.0\n1: x\nextra: y\n")))


def test_a_dictionary_in_another_encoding_is_named_with_its_line(tmp_path):
    path = tmp_path / "actors.yml"
    path.write_bytes(GOOD.replace("Putin]", "Poutine, Vladimir Vladimirovitch Poutine]").replace("Poutine", "Poutine\u00e9")
                     .encode("latin-1"))
    with pytest.raises(ActorsError, match=r"actors.yml, line 8: not UTF-8 \(byte 0xe9\); save the file as UTF-8"):
        load_actors(path)
    path.write_bytes(GOOD.encode("utf-16"))   # with a byte-order mark: unambiguous, read
    assert len(load_actors(path)) == 2
    path.write_bytes(GOOD.encode("utf-16-le"))
    with pytest.raises(ActorsError, match=r"actors.yml, line 1: a NUL byte \(UTF-16 without a byte-order mark\?\)"):
        load_actors(path)


BOMB = "\n".join(["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
                 + [f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 10)}]" for i in range(9)])


@pytest.mark.parametrize("use", ["aliases: *j", "name: *j"])
def test_a_yaml_alias_bomb_is_refused_at_once(tmp_path, use):
    text = f"{BOMB}\nactors:\n  - name: X\n    type: person\n    side: S\n    aliases: [X]\n".replace("aliases: [X]", use) \
        if use.startswith("aliases") else f"{BOMB}\nactors:\n  - {use}\n    type: person\n    side: S\n    aliases: [X]\n"
    assert len(text.encode()) < 800
    with pytest.raises(ActorsError, match=r"actors.yml: its anchors and aliases expand it to more than 100 times its "
                                          r"size \([\d,]+ nodes and characters from \d+ characters\); refused") as caught:
        load_actors(write(tmp_path, text))
    assert len(str(caught.value)) < 300


def test_moderate_anchors_are_still_allowed_and_messages_stay_short(tmp_path):
    reused = GOOD.replace("titles: [Russian President, Mr]", "titles: &titles [Russian President, Mr]") + \
        "  - name: Dmitry Medvedev\n    type: person\n    side: Russia\n    aliases: [Medvedev]\n    titles: *titles\n"
    assert load_actors(write(tmp_path, reused))["Dmitry Medvedev"].titles == ("Russian President", "Mr")
    long_name = GOOD.replace("    type: country", "    type: " + "country" * 1000)
    with pytest.raises(ActorsError) as caught:
        load_actors(write(tmp_path, long_name))
    assert "field 'type' must be one of" in str(caught.value) and len(str(caught.value)) < 300
    with pytest.raises(ActorsError, match=r"an alias refers to a node that contains it"):
        load_actors(write(tmp_path, "name: x\nactors: &a [*a]\n"))


# --- issue 24: dump_actors -> load_actors gives back every name as it was --------------------------------------

# any characters, with line breaks and spaces of every kind often among them
_NAMES = st.text(st.one_of(st.characters(), st.sampled_from("\n\r\x85\u2028\u2029\t\x1f\u1680 '\":#-[]{}&*!|>%@`")),
                 min_size=1, max_size=12).map(str.strip).filter(bool)


@settings(max_examples=100, deadline=None)
@given(name=_NAMES, side=_NAMES, aliases=st.lists(_NAMES, min_size=1, max_size=3, unique=True),
       titles=st.lists(_NAMES, max_size=2, unique=True), labels=st.lists(_NAMES, max_size=2, unique=True))
def test_a_dumped_dictionary_reads_back_as_it_was(tmp_path_factory, name, side, aliases, titles, labels):
    """A NEL (U+0085) inside a name came back as a space: YAML folds a line break in a plain string."""
    from toolkit.actors.dictionary import Actor, ActorDictionary, dump_actors
    actors = ActorDictionary((Actor(name, "person", side, tuple(aliases), tuple(titles), labels=tuple(labels)),),
                             name=name)
    path = tmp_path_factory.mktemp("dump") / "actors.yml"
    dump_actors(actors, path)
    again = load_actors(path)
    assert (again.actors, again.name) == (actors.actors, actors.name)


def test_a_line_break_inside_a_name_reads_back(tmp_path):
    from toolkit.actors.dictionary import Actor, ActorDictionary, dump_actors
    actors = ActorDictionary((Actor("Kevin\x85McCarthy", "person", "House", ("Kevin\x85McCarthy", "K\u2028M")),))
    dump_actors(actors, tmp_path / "a.yml")
    assert load_actors(tmp_path / "a.yml").actors == actors.actors
