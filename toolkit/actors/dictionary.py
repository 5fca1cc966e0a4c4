"""Actor dictionaries: who the actors are, and every way a text may refer to them.

An actor dictionary is a YAML file a user can write by hand (see ``data/actors/``)::

    name: russia-ukraine
    description: Actors in reporting of the Russia-Ukraine war
    licence: CC0-1.0
    actors:
      - name: Vladimir Putin            # canonical name, unique
        type: person                    # person, organization, government, country, place, group
        side: Russia                    # affiliation
        gender: male                    # optional (persons): resolves "he"/"she" for quotes
        aliases: [Vladimir Putin, Putin]          # names and spelling variants, case as written
        titles: [President, Russian President, Mr]  # may precede an alias: "Mr Putin"
        descriptors: [the Russian leader]         # descriptive references
        labels: []                                # evaluative labels: "the aggressor"

From it, :func:`load_actors` derives every *surface form* the matcher looks for: each alias
(kind "name"), each title followed by each alias (kind "title"; "Mr" also as "Mr."), each
descriptor and label, also with a capital first letter (kinds "descriptor" and "label").
All surface forms are compiled into one Aho-Corasick automaton, so that matching costs the
same with 50 or 5,000 aliases.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Literal, get_args

import ahocorasick
import pandas as pd
import yaml

from .._files import read_yaml, short_repr

ActorType = Literal["person", "organization", "government", "country", "place", "group"]
Kind = Literal["name", "title", "descriptor", "label"]
_FIELDS = {"name", "type", "side", "gender", "aliases", "titles", "descriptors", "labels"}
_TOP_FIELDS = {"name", "description", "licence", "source", "actors"}

#: The columns of :meth:`ActorDictionary.table`.
ACTOR_COLUMNS = ["actor", "type", "side", "gender", "aliases", "titles", "descriptors", "labels"]


class ActorsError(ValueError):
    """A malformed actor dictionary; the message names the file, line, actor and field."""


@dataclass(frozen=True)
class Actor:
    """One actor of a dictionary."""

    name: str
    type: str
    side: str
    aliases: tuple[str, ...]
    titles: tuple[str, ...] = ()
    descriptors: tuple[str, ...] = ()
    labels: tuple[str, ...] = ()
    gender: str | None = None


@dataclass(frozen=True)
class Surface:
    """One string the matcher looks for, and what it means."""

    text: str
    actor: str
    kind: str
    variant: str


@dataclass(frozen=True)
class ActorDictionary:
    """Actors and the surface forms that refer to them, as read by :func:`load_actors`.

    Attributes
    ----------
    actors : tuple of Actor
    name : str
        The dictionary's name (recorded in results).
    source : str
        Where it was read from.
    licence : str
    """

    actors: tuple[Actor, ...]
    name: str = "actors"
    source: str = ""
    licence: str = ""
    _by_name: dict = field(init=False, repr=False, compare=False)

    def __post_init__(self):
        object.__setattr__(self, "_by_name", {a.name: a for a in self.actors})

    def __getitem__(self, name: str) -> Actor:
        return self._by_name[name]

    def __contains__(self, name: str) -> bool:
        return name in self._by_name

    def __len__(self) -> int:
        return len(self.actors)

    @cached_property
    def surfaces(self) -> dict[str, Surface]:
        """Every surface form, mapped to its meaning (see the module's documentation)."""
        return _surfaces(self.actors, self.source)

    @cached_property
    def automaton(self) -> ahocorasick.Automaton:
        """One Aho-Corasick automaton over all surface forms."""
        automaton = ahocorasick.Automaton()
        for text, surface in self.surfaces.items():
            automaton.add_word(text, (len(text), surface.actor, surface.kind, surface.variant))
        if not self.surfaces:
            automaton.add_word("\x00", (1, "", "name", ""))  # an automaton may not be empty
        automaton.make_automaton()
        return automaton

    def table(self) -> pd.DataFrame:
        """The dictionary as a table, one row per actor.

        Returns
        -------
        pandas.DataFrame
            ``actor, type, side, gender, aliases, titles, descriptors, labels`` (the last four
            joined with " | ").
        """
        rows = [(a.name, a.type, a.side, a.gender, *(" | ".join(v) for v in
                 (a.aliases, a.titles, a.descriptors, a.labels))) for a in self.actors]
        return pd.DataFrame(rows, columns=ACTOR_COLUMNS)


_SHORT_TITLES = {"Mr", "Mrs", "Ms", "Dr", "Gov", "Sen", "Rep", "Gen", "Lt", "Col", "Capt", "Prof", "St"}


def _capitalized(text: str) -> str:
    return text[:1].upper() + text[1:]


def _surfaces(actors, source: str) -> dict[str, Surface]:
    found: dict[str, Surface] = {}

    def add(text: str, actor: str, kind: str, variant: str):
        previous = found.get(text)
        if previous is not None and previous.actor != actor:
            raise ActorsError(f"{source}: {text!r} refers to both {previous.actor!r} and {actor!r}; "
                              "a surface form must belong to one actor")
        if previous is None or kind == "name":
            found[text] = Surface(text, actor, kind, variant)

    for actor in actors:
        for alias in actor.aliases:
            add(alias, actor.name, "name", alias)
        for title in actor.titles:
            forms = [title, f"{title}."] if title in _SHORT_TITLES else [title]
            for form in forms:
                for alias in actor.aliases:
                    add(f"{form} {alias}", actor.name, "title", alias)
        for kind, phrases in (("descriptor", actor.descriptors), ("label", actor.labels)):
            for phrase in phrases:
                for form in dict.fromkeys([phrase, _capitalized(phrase)]):
                    add(form, actor.name, kind, phrase)
    return found


# --- reading and validating -------------------------------------------------------------

def _node_value(mapping: yaml.MappingNode, key: str):
    for key_node, value_node in mapping.value:
        if key_node.value == key:
            return value_node
    return None


def _line(node) -> int:
    return node.start_mark.line + 1


def _unknown_keys(data: dict, node, known: set[str], where: str, what: str) -> None:
    """Raise for keys that are not in ``known`` (any type of key: YAML allows ``1: x``), naming
    the line of the first one."""
    unknown = [key for key in data if key not in known]
    if unknown:
        first = next((k for k, _ in node.value if k.value not in known), node) if isinstance(node, yaml.MappingNode) else node
        listed = ", ".join(short_repr(key)[1:-1] if isinstance(key, str) else short_repr(key)   # strings unquoted
                           for key in sorted(unknown, key=str))
        raise ActorsError(f"{where.format(line=_line(first))}: unknown {what}(s) {listed}; "
                          f"expected {', '.join(sorted(known))}")


def _strings(value, where: str, field_name: str, *, required: bool) -> tuple[str, ...]:
    if value is None and not required:
        return ()
    if isinstance(value, str):
        value = [value]
    if (not isinstance(value, list) or (required and not value)
            or not all(isinstance(v, str) and v.strip() for v in value)):
        need = "a non-empty list of strings" if required else "a list of strings"
        raise ActorsError(f"{where}: field {field_name!r} must be {need}, got {short_repr(value)}")
    return tuple(v.strip() for v in value)


def _parse_actor(entry, node, path: Path) -> Actor:
    label = entry.get("name") if isinstance(entry, dict) else None
    label = short_repr(label) if isinstance(label, str) and label else None
    where = f"{path}, line {_line(node)}" + (f" (actor {label})" if label else "")
    if not isinstance(entry, dict):
        raise ActorsError(f"{where}: expected a mapping with name, type, side and aliases, got {short_repr(entry)}")

    def at(field_name: str) -> str:
        value_node = _node_value(node, field_name)
        line = _line(value_node) if value_node is not None else _line(node)
        return f"{path}, line {line} (actor {label})" if label else f"{path}, line {line}"

    _unknown_keys(entry, node, _FIELDS, f"{path}, line {{line}}" + (f" (actor {label})" if label else ""), "field")
    for required in ("name", "type", "side"):
        if not isinstance(entry.get(required), str) or not entry[required].strip():
            raise ActorsError(f"{at(required)}: field {required!r} must be a non-empty string")
    if entry["type"] not in get_args(ActorType):
        raise ActorsError(f"{at('type')}: field 'type' must be one of {', '.join(get_args(ActorType))}; "
                          f"got {short_repr(entry['type'])}")
    gender = entry.get("gender")
    if gender is not None and gender not in ("male", "female"):
        raise ActorsError(f"{at('gender')}: field 'gender' must be male or female; got {short_repr(gender)}")
    return Actor(
        name=entry["name"].strip(), type=entry["type"], side=entry["side"].strip(), gender=gender,
        aliases=_strings(entry.get("aliases"), at("aliases"), "aliases", required=True),
        titles=_strings(entry.get("titles"), at("titles"), "titles", required=False),
        descriptors=_strings(entry.get("descriptors"), at("descriptors"), "descriptors", required=False),
        labels=_strings(entry.get("labels"), at("labels"), "labels", required=False))


def load_actors(path: str | Path) -> ActorDictionary:
    """Read an actor dictionary from a YAML file.

    Parameters
    ----------
    path : str or pathlib.Path
        The YAML file (format in this module's documentation).

    Returns
    -------
    ActorDictionary

    Raises
    ------
    ActorsError
        If the file is missing or malformed; the message names the line, the actor, the field
        and what was expected.

    Examples
    --------
    >>> from toolkit import sample_actors_path
    >>> actors = load_actors(sample_actors_path())
    >>> actors["Volodymyr Zelenskyy"].aliases
    ('Volodymyr Zelenskyy', 'Volodymyr Zelensky', 'Volodymyr Zelenskiy', 'Zelenskyy', 'Zelensky', 'Zelenskiy')
    """
    path, data, root = read_yaml(path, ActorsError, what="actor dictionary")
    if not isinstance(data, dict) or not isinstance(data.get("actors"), list):
        raise ActorsError(f"{path}: expected a mapping with a key 'actors' holding a list of actors")
    _unknown_keys(data, root, _TOP_FIELDS, f"{path}, line {{line}}", "top-level key")
    nodes = _node_value(root, "actors").value
    actors = tuple(_parse_actor(entry, node, path) for entry, node in zip(data["actors"], nodes))
    seen: dict[str, int] = {}
    for actor, node in zip(actors, nodes):
        if actor.name in seen:
            raise ActorsError(f"{path}, line {_line(node)}: actor name {actor.name!r} already used "
                              f"on line {seen[actor.name]}")
        seen[actor.name] = _line(node)
    dictionary = ActorDictionary(actors, name=str(data.get("name") or path.stem), source=str(path),
                                 licence=str(data.get("licence") or ""))
    dictionary.surfaces  # noqa: B018 - validate surface conflicts now, not at first use
    return dictionary


class _Dumper(yaml.SafeDumper):
    """YAML that reads back as written: a string holding a line break is written in double quotes."""


# YAML folds a line break inside a plain or single-quoted string into a space (NEL, U+0085, in a name came back as
# a space); in double quotes the break is written as an escape (\N, \L, \P, \n) and reads back as it was.
_LINE_BREAKS = frozenset("\n\r\x85\u2028\u2029")


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = '"' if _LINE_BREAKS.intersection(value) else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _represent_str)


def dump_actors(actors: ActorDictionary, path=None, *, header: str = "", notes: dict[str, str] | None = None) -> str:
    """Write an actor dictionary as YAML in the format :func:`load_actors` reads.

    Parameters
    ----------
    actors : ActorDictionary
    path : str or pathlib.Path, optional
        Where to write it (UTF-8); without one, only return the text.
    header : str, optional
        A comment for the top of the file.
    notes : dict, optional
        A comment to write above an actor, by actor name.

    Returns
    -------
    str
        The YAML text.

    Examples
    --------
    >>> print(dump_actors(ActorDictionary((Actor("Ann Lee", "person", "city", ("Ann Lee", "Lee")),), name="town")))
    name: town
    actors:
    - name: Ann Lee
      type: person
      side: city
      aliases: [Ann Lee, Lee]
    <BLANKLINE>
    """
    notes = notes or {}
    lines = [f"# {line}" for line in header.splitlines()]
    top = {"name": actors.name}
    if actors.licence:
        top["licence"] = actors.licence
    lines.append(yaml.dump(top, Dumper=_Dumper, allow_unicode=True, sort_keys=False).rstrip("\n"))
    lines.append("actors:" if actors.actors else "actors: []")
    for actor in actors.actors:
        entry = {"name": actor.name, "type": actor.type, "side": actor.side}
        if actor.gender:
            entry["gender"] = actor.gender
        for key in ("aliases", "titles", "descriptors", "labels"):
            if getattr(actor, key) or key == "aliases":
                entry[key] = list(getattr(actor, key))
        if actor.name in notes:
            lines.extend(f"# {line}" for line in notes[actor.name].splitlines())
        text = yaml.dump([entry], Dumper=_Dumper, allow_unicode=True, sort_keys=False, default_flow_style=None,
                         width=10_000)
        lines.append(text.rstrip("\n"))
    text = "\n".join(lines) + "\n"
    if path is not None:
        Path(path).write_text(text, encoding="utf-8")
    return text
