"""Actors found in the corpus, for a user who has no actor dictionary (or an incomplete one).

:func:`discover_actors` works in three steps, each cheap enough for a large corpus:

1. **Candidates** by rule, on every sentence: runs of capitalized words (see
   :func:`toolkit.candidate_actors`), with the title written before them ("Mr.", "Rep.").
2. **Types** by the named-entity recognizer of a spaCy pipeline (:mod:`toolkit.text.nlp`), run
   on a few sentences per distinct candidate (not on every sentence): the label most of its
   contexts give it (PERSON, ORG, GPE, ...); a name written after a person's title ("Mr.",
   "Sen.", "President") at least half the time is a person without asking the recognizer. A candidate the recognizer never marks as an
   entity ("Previous", "Rep") is dropped; where the entity is shorter than the candidate
   ("President Vladimir Putin" gives "Vladimir Putin"), the rest is kept as a title.
3. **Variants merged** into one actor: a surname alone ("McCarthy", "McCarthy's") with the one
   full name it ends ("Kevin McCarthy"), or with the full name that is at least twice as
   frequent as any other with that surname; full names with the same first and last word;
   spellings one letter apart in names of six letters or more ("Zelensky", "Zelenskyy"; not a
   feminine form, "Zelenska") of the same type; an acronym with the name it abbreviates ("NATO", "North Atlantic Treaty
   Organization"). The actor's name is its most frequent full form.

The result is an :class:`~toolkit.actors.dictionary.ActorDictionary` (it finds mentions and
speakers like a hand-written one), with the evidence for each actor, and it writes itself as a
YAML dictionary (:meth:`DiscoveredActors.to_yaml`) to check, edit and read back with
:func:`toolkit.load_actors`. A user's own dictionary can be given: its actors come first and
win, and the names it covers are not discovered again.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from functools import partial

import pandas as pd

from .._checks import check_columns
from ..parallel import map_in_chunks
from .dictionary import Actor, ActorDictionary, _surfaces, dump_actors
from .discovery import _NOT_NAMES, _is_candidate, _rule_names
from .mentions import match_spans

#: The columns of :attr:`DiscoveredActors.evidence`.
EVIDENCE_COLUMNS = ["actor", "type", "entity", "count", "articles", "outlets", "forms", "titles", "example",
                    "article_id", "sentence", "source"]

#: Dictionary type of each named-entity label kept.
ENTITY_TYPES = {"PERSON": "person", "ORG": "organization", "GPE": "place", "LOC": "place", "FAC": "place",
                "NORP": "group"}
#: The side given to discovered actors (a dictionary needs one; the user assigns the real ones).
UNASSIGNED = "unassigned"
#: What a discovered dictionary says about itself, in reports and in its YAML file.
FOUND_AUTOMATICALLY = "found automatically: check and edit"

_TITLE_BEFORE = re.compile(r"\b(Mr|Mrs|Ms|Dr|Gov|Sen|Rep|Gen|Lt|Col|Capt|Prof|Rev|Sgt|Adm|Amb|Pres|President|"
                           r"Senator|Governor|Mayor|Chancellor|General|Minister|Secretary|King|Queen|Prince)\.?\s+$")
_LEADING_TITLE = re.compile(r"^(?:(?:Mr|Mrs|Ms|Dr|Prof|Sir|Dame|Lady|Lord|Rev)\.?\s+)+")
_FEMALE_TITLES, _MALE_TITLES = {"Ms", "Mrs"}, {"Mr"}
_POSSESSIVE = re.compile(r"['\u2019]s?$")
# Capitalized words that open a run but are no title ("For Trump", "If Clinton")
_NOT_TITLES = _NOT_NAMES - {"Mr", "Mrs", "Ms", "Dr", "President", "Minister", "Prime", "Foreign", "Secretary",
                            "Secretary-General", "Mayor", "Gov", "Governor", "Spokesman", "Spokeswoman",
                            "Chancellor", "King", "Queen", "Prince", "General", "Senator", "Representative", "Envoy"}


@dataclass(frozen=True)
class DiscoveredActors(ActorDictionary):
    """An actor dictionary found in a corpus (see the module's documentation).

    Attributes
    ----------
    evidence : pandas.DataFrame
        One row per actor (:data:`EVIDENCE_COLUMNS`): its ``type`` and recognizer label
        (``entity``), ``count`` of candidate occurrences, ``articles``, ``outlets``, the
        ``forms`` merged into it and ``titles`` seen before it (joined with " | "), an
        ``example`` sentence with its ``article_id`` and ``sentence``, and ``source``
        ("discovered", or "given" for the user's own actors).
    """

    evidence: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=EVIDENCE_COLUMNS),
                                   repr=False, compare=False)

    def to_yaml(self, path=None) -> str:
        """Write the dictionary as YAML, each discovered actor with its evidence as a comment.

        Parameters
        ----------
        path : str or pathlib.Path, optional
            Where to write it; without one, only return the text.

        Returns
        -------
        str
            The YAML text, readable by :func:`toolkit.load_actors`.
        """
        notes = {row.actor: f"{row.count} occurrences in {row.articles} article(s); {row.entity}; "
                            f"e.g. {row.example[:100]!r}"
                 for row in self.evidence.itertuples() if row.source == "discovered"}
        return dump_actors(self, path, header=FOUND_AUTOMATICALLY, notes=notes)


def _titled(text: str, start: int) -> str | None:
    match = _TITLE_BEFORE.search(text[max(0, start - 12):start])
    return match.group(1) if match else None


def _candidates(sentences: pd.DataFrame, given: ActorDictionary | None):
    """Every candidate occurrence: (name, row position, start, title written before it)."""
    texts = sentences["text"].tolist()
    capitalized_elsewhere = {w for t in texts for w in re.findall(r"(?<=[a-z,] )[A-Z][a-z]+", t)}
    for position, text in enumerate(texts):
        covered = match_spans(text, given) if given is not None and len(given) else []
        for start, name in _rule_names(text, capitalized_elsewhere, keep_initial_names=True):
            end = start + len(name)
            if any(a < end and b > start for a, b, *_ in covered) or not _is_candidate(name):
                continue
            yield name, position, start, _titled(text, start)


def _entity_of(text: str, entities: tuple, start: int, end: int):
    """The entity of a candidate's span: (label, the entity's part of the candidate), or Nones.

    Of the entities (``(start, end, label)`` of :func:`_recognize`) that overlap the span, one of
    a kept label that ends with it ("Russian President Vladimir Putin": PERSON "Vladimir Putin",
    not NORP "Russian"), else the longest.
    """
    overlapping = [e for e in entities if e[0] < end and e[1] > start]
    if not overlapping:
        return None, None
    first, last, label = max(overlapping, key=lambda e: (e[2] in ENTITY_TYPES and e[1] >= end,
                                                         min(e[1], end) - max(e[0], start)))
    return label, text[max(first, start):min(last, end)]


def _recognize(texts: list[str], *, pipeline: str | None, batch_size: int) -> list[tuple]:
    """The recognizer's entities of each text, ``(start, end, label)`` (a function of each text
    alone: the texts can be read in batches in worker processes)."""
    from ..text.nlp import load_pipeline

    nlp = load_pipeline(pipeline)
    keep = {"ner"} | ({"tok2vec"} if _ner_listens(nlp) else set())
    return [tuple((e.start_char, e.end_char, e.label_) for e in doc.ents)
            for doc in nlp.pipe(texts, batch_size=batch_size, disable=[n for n in nlp.pipe_names if n not in keep])]


def _types(occurrences: dict, texts: list[str], contexts: int, pipeline: str | None, batch_size: int,
           processes: int | None = 1) -> dict:
    """The recognizer's vote for each candidate: name -> (label, core name) or None."""
    # rare names first; a name takes sentences already chosen for others before new ones
    chosen, taken = {}, set()
    for name, places in sorted(occurrences.items(), key=lambda item: len(item[1])):
        shared = [place for place in places if place[0] in taken][:contexts]
        chosen[name] = shared + [place for place in places if place[0] not in taken][:contexts - len(shared)]
        taken.update(p for p, _ in chosen[name])
    distinct = list(dict.fromkeys(texts[p] for p in sorted(taken)))     # each distinct sentence once
    by_text = dict(zip(distinct, map_in_chunks(partial(_recognize, pipeline=pipeline, batch_size=batch_size),
                                               distinct, processes=processes)))
    result = {}
    for name, places in chosen.items():
        votes = Counter(_entity_of(texts[p], by_text[texts[p]], start, start + len(name)) for p, start in places)
        (label, core), n = votes.most_common(1)[0]
        if label not in ENTITY_TYPES or n * 2 < len(places):
            result[name] = None
            continue
        core = _POSSESSIVE.sub("", core.strip(" .,'\u2019"))
        if label == "PERSON":       # "Ms Kerrow" as the recognizer may give it: the title is not the name
            core = _LEADING_TITLE.sub("", core)
        result[name] = (label, core if core and _is_candidate(core) else name)
    return result


def _rare_variants(rare: list[str], typed: dict) -> dict:
    """Rare one-word candidates, not typed, kept as a variant of a typed name: in other
    capitals, or a person's surname (also one letter apart, "Zelensky")."""
    lower = {name.lower(): found for name, found in typed.items() if found is not None}
    last_words = defaultdict(list)
    for name, found in typed.items():
        if found is not None and found[0] == "PERSON" and " " in found[1]:
            last_words[found[1].split()[-1]].append(found[1])
    result = {}
    for name in rare:
        if " " in name:
            continue
        if name.lower() in lower:
            result[name] = (lower[name.lower()][0], name)
        elif last_words.get(name) or _near(name, last_words):
            result[name] = ("PERSON", name)
    return result


def _ner_listens(nlp) -> bool:
    """Whether the recognizer reads the shared ``tok2vec`` (then it must run too)."""
    ner = nlp.get_pipe("ner")
    return any("listener" in node.name for node in ner.model.walk())


def _one_apart(a: str, b: str) -> bool:
    """Whether two words differ by one inserted, deleted or replaced letter."""
    a, b = a.lower(), b.lower()
    if a == b or abs(len(a) - len(b)) > 1:
        return a == b
    if len(a) > len(b):
        a, b = b, a
    i = next((k for k, (x, y) in enumerate(zip(a, b)) if x != y), len(a))
    return a[i + (len(a) == len(b)):] == b[i + 1:]


def _variant(a: str, b: str) -> bool:
    """Whether two words of six letters or more are spellings of one name: one letter apart, but
    not a feminine form in "-a" ("Zelensky", "Zelenskyy"; not "Zelenska")."""
    return len(a) >= 6 and len(b) >= 6 and a.endswith("a") == b.endswith("a") and _one_apart(a, b)


def _one_apart_pairs(names: list[str]):
    """The pairs of names one inserted, deleted or replaced character apart (in the order
    given), found through their one-character deletions instead of comparing every pair."""
    keys: dict[str, list[int]] = defaultdict(list)
    for i, name in enumerate(names):
        for key in {name} | {name[:k] + name[k + 1:] for k in range(len(name))}:
            keys[key].append(i)
    pairs = {(i, j) for ids in keys.values() for i in ids for j in ids if i < j}
    for i, j in sorted(pairs):
        if _one_apart(names[i], names[j]):
            yield names[i], names[j]


def _near(word: str, by_last: dict[str, list[str]]) -> list[str]:
    """The full names whose last word is a spelling variant of a word (see :func:`_variant`)."""
    if len(word) < 6:
        return []
    return [name for last, names in by_last.items()
            if len(last) >= 6 and abs(len(last) - len(word)) <= 1 and last[0] == word[0]
            and _variant(last, word) for name in names]


def _initials(name: str) -> str:
    return "".join(w[0] for w in name.split() if w[0].isupper())


def _groups(cores: dict[str, tuple[str, int]]) -> dict[str, str]:
    """Merge variant names (see the module's documentation): core name -> the actor's name."""
    parent = {name: name for name in cores}

    def root(name):
        while parent[name] != name:
            name = parent[name]
        return name

    def join(a, b):
        a, b = root(a), root(b)
        if a != b:
            parent[b] = a

    people = [n for n, (label, _) in cores.items() if label == "PERSON"]
    full = [n for n in people if len(n.split()) > 1]
    by_last: dict[str, list[str]] = defaultdict(list)
    for name in full:
        by_last[name.split()[-1]].append(name)
    for names in by_last.values():     # "Kevin McCarthy", "Kevin O. McCarthy"
        for other in names[1:]:
            if other.split()[0] == names[0].split()[0]:
                join(names[0], other)
    by_first: dict[str, list[str]] = defaultdict(list)
    for name in full:
        by_first[name.split()[0]].append(name)
    for name, (label, count) in cores.items():
        if len(name.split()) > 1:
            continue
        # a surname: with the one full name, or the dominant one; the recognizer may have typed
        # it otherwise in its few contexts ("Kasich" as a place) unless it is mostly itself
        ranked = sorted(by_last.get(name, []) or _near(name, by_last), key=lambda n: -cores[n][1])
        if ranked and (len(ranked) == 1 or cores[ranked[0]][1] >= 2 * cores[ranked[1]][1]) \
                and (label == "PERSON" or 3 * cores[ranked[0]][1] >= count):
            join(ranked[0], name)
        elif label == "PERSON" and len(by_first.get(name, [])) == 1 and name not in by_last \
                and cores[by_first[name][0]][1] >= count:      # "Hillary" with "Hillary Clinton"
            join(by_first[name][0], name)
    # spellings one letter apart, of the same label and number of words
    ordered = sorted(cores, key=lambda n: (-cores[n][1], n))
    for a, b in _one_apart_pairs(ordered):
        if cores[a][0] == cores[b][0] and len(a.split()) == len(b.split()):
            differ = [(x, y) for x, y in zip(a.split(), b.split()) if x != y]
            if len(differ) == 1 and _variant(*differ[0]):
                join(a, b)
    # the same name in other capitals: "Nato" with "NATO"
    by_lower: dict[tuple, str] = {}
    for name in ordered:
        join(by_lower.setdefault((cores[name][0], name.lower()), name), name)
    # acronyms: "NATO" with "North Atlantic Treaty Organization"
    long_forms: dict[str, list[str]] = defaultdict(list)
    for name in cores:
        if len(name.split()) > 1:
            long_forms[_initials(name)].append(name)
    for name in cores:
        if name.isupper() and len(long_forms.get(name, [])) == 1 and cores[long_forms[name][0]][0] == cores[name][0]:
            join(long_forms[name][0], name)
    groups: dict[str, list[str]] = defaultdict(list)
    for name in cores:
        groups[root(name)].append(name)
    result = {}
    for members in groups.values():
        ranked = sorted(members, key=lambda n: (len(n.split()) == 1, -cores[n][1], n))
        for member in members:
            result[member] = ranked[0]
    return result


#: Below this many articles, :func:`discover_actors` keeps names seen once (``min_count=None``).
SMALL_CORPUS = 100


def discover_actors(sentences: pd.DataFrame, actors: ActorDictionary | None = None, *, min_count: int | None = None,
                    contexts: int = 2, pipeline: str | None = None, batch_size: int = 64,
                    processes: int | None = None) -> DiscoveredActors:
    """Find the people, organizations, places and groups of a corpus (see the module's documentation).

    Parameters
    ----------
    sentences : pandas.DataFrame
        The sentences table (every part counts).
    actors : ActorDictionary, optional
        The user's own dictionary: its actors are kept first and win; names its surface forms
        cover are not discovered again.
    min_count : int, optional
        Leave out candidates seen fewer times, counting together the names that end with the
        same word ("Aurel Dovan" and "Dovan"). By default 1 for a corpus of fewer than
        :data:`SMALL_CORPUS` articles (every name counts, and typing them all costs little),
        else 2 (a name seen once in a large corpus is seldom an actor of its framing).
    contexts : int, default 2
        Sentences per candidate that the recognizer reads to type it (on ties, the first).
    pipeline : str, optional
        The spaCy pipeline (see :func:`toolkit.text.nlp.load_pipeline`).
    batch_size : int, default 64
    processes : int, optional
        Worker processes for the recognizer (the actors are the same whatever the number); by
        default every core from 20,000 sentences to read (:func:`toolkit.parallel.map_in_chunks`).

    Returns
    -------
    DiscoveredActors
        Named "discovered"; its ``evidence`` table lists each actor's forms, counts and an
        example sentence.

    Examples
    --------
    >>> import pandas as pd
    >>> s = pd.DataFrame({"article_id": ["a", "a", "b"], "outlet": ["X", "X", "Y"], "sentence": [0, 1, 0],
    ...     "text": ["Rep. Kevin McCarthy spoke in Washington on Monday.", "Mr. McCarthy's bill failed.",
    ...              "Kevin McCarthy said Washington must act, McCarthy added."]})
    >>> found = discover_actors(s)
    >>> [(a.name, a.type, a.aliases, a.titles, a.gender) for a in found.actors]
    [('Kevin McCarthy', 'person', ('Kevin McCarthy', 'McCarthy'), ('Mr', 'Rep'), 'male'), ('Washington', 'place', ('Washington',), (), None)]
    """
    check_columns(sentences, ["article_id", "outlet", "sentence", "text"], what="the sentences table")
    if min_count is None:
        min_count = 1 if sentences["article_id"].nunique() < SMALL_CORPUS else 2
    if not isinstance(min_count, int) or min_count < 1 or not isinstance(contexts, int) or contexts < 1:
        raise ValueError(f"min_count and contexts must be positive integers; got {min_count!r} and {contexts!r}")
    occurrences: dict[str, list[tuple[int, int]]] = defaultdict(list)
    titles: dict[str, Counter] = defaultdict(Counter)
    for name, position, start, title in _candidates(sentences, actors):
        occurrences[name].append((position, start))
        if title:
            titles[name][title] += 1
    # typed: the frequent candidates, counting a name with the others of its last word ("Aurel
    # Dovan" once and "Dovan" once make two), and rare full names of a frequent word ("Yuri Ushakov")
    family = Counter()
    for name, places in occurrences.items():
        family[name.split()[-1]] += len(places)
    frequent = {n for n in occurrences if family[n.split()[-1]] >= min_count}
    words = {n for n in frequent if " " not in n}
    wanted = {n: p for n, p in occurrences.items() if n in frequent or " " in n and n.split()[-1] in words}
    texts = sentences["text"].tolist()
    # a name written after a person's title at least half the time ("Mr. Garin") is a person:
    # the recognizer need not read it
    titled = {n for n in wanted if sum(titles[n].values()) * 2 >= len(wanted[n])}
    untitled = {n: p for n, p in wanted.items() if n not in titled}
    typed = _types(untitled, texts, contexts, pipeline, batch_size, processes) if untitled else {}
    typed.update({n: ("PERSON", n) for n in titled})
    typed.update(_rare_variants([n for n in occurrences if n not in wanted], typed))
    cores: dict[str, list] = {}
    for name, found in typed.items():
        if found is None:
            continue
        label, core = found
        entry = cores.setdefault(core, [label, 0, Counter(), []])
        entry[1] += len(occurrences[name])
        entry[2][name] += len(occurrences[name])
        entry[3].append(name)
        prefix = name[:-len(core)].strip() if core != name and name.endswith(core) else ""
        if prefix and prefix.split()[0] not in _NOT_TITLES:      # "President Vladimir Putin": a title
            titles[core][prefix] += len(occurrences[name])
    merged = _groups({core: (label, count) for core, (label, count, _, _) in cores.items()})
    members: dict[str, list[str]] = defaultdict(list)
    for core, actor in merged.items():
        members[actor].append(core)
    article_ids, outlets = sentences["article_id"].tolist(), sentences["outlet"].tolist()
    numbers = sentences["sentence"].tolist()
    new, rows = [], []
    for name, cores_of in members.items():
        label = cores[name][0]
        forms = sorted(cores_of, key=lambda c: (c != name, -cores[c][1], c))
        places = sorted(p for c in cores_of for raw in cores[c][3] for p in occurrences[raw])
        seen_titles = Counter()
        for c in cores_of:
            seen_titles += titles.get(c, Counter())
            for raw in cores[c][3]:
                seen_titles += titles.get(raw, Counter())
        title_list = tuple(sorted(seen_titles)) if label == "PERSON" else ()
        gender = ("male" if seen_titles.keys() & _MALE_TITLES and not seen_titles.keys() & _FEMALE_TITLES
                  else "female" if seen_titles.keys() & _FEMALE_TITLES and not seen_titles.keys() & _MALE_TITLES
                  else None)
        new.append(Actor(name=name, type=ENTITY_TYPES[label], side=UNASSIGNED, aliases=tuple(forms),
                         titles=title_list, gender=gender))
        first = places[0][0]
        rows.append((name, ENTITY_TYPES[label], label, len(places), len({article_ids[p] for p, _ in places}),
                     " | ".join(sorted({str(outlets[p]) for p, _ in places})), " | ".join(forms),
                     " | ".join(title_list), texts[first], article_ids[first], numbers[first], "discovered"))
    order = sorted(range(len(new)), key=lambda i: (-rows[i][3], rows[i][0]))
    new, rows = [new[i] for i in order], [rows[i] for i in order]
    given = tuple(actors.actors) if actors is not None else ()
    kept = _without_clashes(new, given)
    names = {a.name for a in kept}
    evidence = _evidence(_listed_rows(given, "given") + [r for r in rows if r[0] in names])
    return DiscoveredActors(given + tuple(kept), name="discovered",
                            source=f"{FOUND_AUTOMATICALLY} ({len(sentences)} sentences)",
                            licence=actors.licence if actors is not None else "", evidence=evidence)


def _listed_rows(actors, source: str) -> list[tuple]:
    """Evidence rows of actors listed in a dictionary: their type, forms and titles, no counts."""
    return [(a.name, a.type, "", None, None, "", " | ".join(a.aliases), " | ".join(a.titles), "", None, None, source)
            for a in actors]


def _evidence(rows: list[tuple]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=EVIDENCE_COLUMNS).astype({"count": "Int64", "articles": "Int64",
                                                                "sentence": "Int64"})


def listed_actors(actors: ActorDictionary | None, source: str = "given") -> pd.DataFrame:
    """The evidence table (:data:`EVIDENCE_COLUMNS`) of a dictionary's actors, without counts.

    Parameters
    ----------
    actors : ActorDictionary or None
    source : str, default "given"
        The ``source`` of every row.

    Returns
    -------
    pandas.DataFrame
        One row per actor: ``actor``, ``type``, ``forms`` and ``titles`` (joined with " | ")
        and ``source``; the counts and the example are missing or empty.

    Examples
    --------
    >>> listed_actors(ActorDictionary((Actor("Ann Lee", "person", "city", ("Ann Lee", "Lee")),)))[
    ...     ["actor", "type", "forms", "source"]].values.tolist()
    [['Ann Lee', 'person', 'Ann Lee | Lee', 'given']]
    """
    return _evidence(_listed_rows(actors.actors if actors is not None else (), source))


def _surface_forms(actor: Actor) -> set[str]:
    """Every text that names ``actor``: its aliases, with each title, its descriptors and labels."""
    return set(_surfaces([actor], actor.name))


def _without_clashes(new: list[Actor], given: tuple[Actor, ...]) -> list[Actor]:
    """Drop the aliases (and titles) of discovered actors that would name a given (or an
    earlier discovered) actor too, and actors left without any alias: "Moscow Rutte" is not a
    new actor if "Rutte" with the title "Moscow" already names one."""
    taken = {form for actor in given for form in _surface_forms(actor)} | {a.name for a in given}
    kept = []
    for actor in new:
        aliases = tuple(a for a in actor.aliases if a not in taken)
        if not aliases or actor.name in taken:
            continue
        titles = tuple(t for t in actor.titles
                       if not _surface_forms(replace(actor, aliases=aliases, titles=(t,))) & taken)
        actor = replace(actor, aliases=aliases, titles=titles)
        taken |= _surface_forms(actor)
        kept.append(actor)
    return kept
