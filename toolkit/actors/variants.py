"""Which discovered names are one actor: the merging step of :func:`toolkit.discover_actors`.

Names are merged only on evidence, each rule cheap on a large corpus (lookups in tables, no
comparison of every pair of names):

- **a shipped list** (``resources/name_variants.yml``, :func:`name_variants`): countries and
  institutions under their abbreviations ("U.S.", "United States", "America"; "F.B.I.", "FBI"),
  places under their spellings ("Kiev", "Kyiv"); these are typed by the list;
- **the same name** in other capitals, accents or hyphens ("Raúl Labrador", "Raul Labrador"; "Kim
  Jong-un", "Kim Jong Un");
- **full names** of a person with the same surname and the same first name, or first names of
  one nickname group ("Jim Mattis", "James Mattis"), middle names and initials aside ("Robert S.
  Mueller III", "Robert Mueller"); "Jr." and "Sr." are other people ("Donald Trump Jr.");
- **spellings one letter apart** (:func:`spelling_variants`) only with evidence: the other words
  of the name are the same ("Kellyanne Conway", "Kellyanne Conaway"), or the difference is a
  transliteration ("Zelensky", "Zelenskyy", "Zelenskiy"); never a feminine "-a" ("Zelenska");
  "Conway" and "Conaway" alone are two people;
- **a surname alone** ("Mueller") with the full names that end with it, when most articles that
  write it name that person in full too (:data:`SURNAME_SHARE`), and clearly more of them than
  any other person of that surname: a bare "Fox" written mostly in articles without "Vicente
  Fox" is not him; a first name alone ("Hillary") likewise, unless the corpus also writes it
  before another surname ("Andrew" beside Andrew Wheeler and Andrew Yang: no one's);
- **a group's name and its plural** ("Republican", "Republicans");
- **an acronym** with the one name it abbreviates ("NATO", "North Atlantic Treaty Organization").
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

from .._files import read_yaml, resource_path

#: Of the articles that write a surname alone, the share that must name the person in full too
#: (by the recognizer's label of the surname: a person, or another type).
SURNAME_SHARE = {"PERSON": 0.5, "other": 0.75}
_SUFFIXES = {"II", "III", "IV"}          # the same person as without ("Robert S. Mueller III")
_GENERATIONS = {"Jr", "Jr.", "Sr", "Sr."}  # another person ("Donald Trump Jr.")
# letters that transliterations trade for one another ("Zelenskiy", "Zelenskyy")
_TRADED = [{"i", "y"}, {"i", "j"}, {"y", "j"}, {"k", "c"}, {"v", "w"}, {"e", "y"}]


@dataclass(frozen=True)
class NameVariants:
    """The shipped list of name variants (see :func:`name_variants`).

    Attributes
    ----------
    forms : dict
        Each form written for a listed actor -> (the actor's name, its type).
    nicknames : dict
        Each first name -> the indices of the nickname groups that hold it.
    """

    forms: dict
    nicknames: dict

    def same_first_name(self, a: str, b: str) -> bool:
        """Whether two first names may name one person: equal but for accents ("Raúl", "Raul"),
        or of one nickname group."""
        return fold(a) == fold(b) or bool(self.nicknames.get(a, frozenset()) & self.nicknames.get(b, frozenset()))


class NameVariantsError(ValueError):
    """A malformed name-variants file."""


@lru_cache(maxsize=4)
def name_variants(path: str | None = None) -> NameVariants:
    """Read the list of name variants (by default the shipped ``name_variants.yml``).

    Parameters
    ----------
    path : str, optional
        Another file of the same format.

    Returns
    -------
    NameVariants

    Examples
    --------
    >>> variants = name_variants()
    >>> variants.forms["Kiev"], variants.forms["U.S."], variants.same_first_name("Jim", "James")
    (('Kyiv', 'place'), ('United States', 'place'), True)
    """
    path, data, _ = read_yaml(path or resource_path("name_variants.yml"), NameVariantsError, what="name-variants list")
    if not isinstance(data, dict) or not isinstance(data.get("names"), list):
        raise NameVariantsError(f"{path}: expected a mapping with a list 'names' (and optionally 'nicknames')")
    forms = {}
    for entry in data["names"]:
        if not (isinstance(entry, dict) and isinstance(entry.get("name"), str) and entry.get("type") in
                ("place", "organization") and isinstance(entry.get("forms"), list)):
            raise NameVariantsError(f"{path}: each name needs a name, a type (place or organization) and forms; "
                                    f"got {entry!r}")
        for form in entry["forms"]:
            if form in forms and forms[form][0] != entry["name"]:
                raise NameVariantsError(f"{path}: the form {form!r} is listed for {forms[form][0]!r} "
                                        f"and {entry['name']!r}")
            forms[str(form)] = (entry["name"], entry["type"])
    nicknames: dict[str, set] = defaultdict(set)
    for index, group in enumerate(data.get("nicknames") or []):
        for name in group:
            nicknames[str(name)].add(index)
    return NameVariants(forms, {k: frozenset(v) for k, v in nicknames.items()})


def surname(name: str) -> str:
    """The surname of a full name: its last word, without "II"/"III"/"IV"; with "Jr."/"Sr."
    the two last words ("Trump Jr").

    Examples
    --------
    >>> [surname(n) for n in ("Robert S. Mueller III", "Donald Trump Jr.", "Kevin McCarthy")]
    ['Mueller', 'Trump Jr', 'McCarthy']
    """
    words = name.replace(",", "").split()
    if len(words) > 2 and words[-1] in _SUFFIXES:
        words = words[:-1]
    if len(words) > 1 and words[-1] in _GENERATIONS:
        return f"{words[-2]} {words[-1].rstrip('.')}"
    return words[-1]


def fold(name: str) -> str:
    """A name without accents, case, dots or hyphens, to find the same name written otherwise.

    Examples
    --------
    >>> fold("Raúl Labrador"), fold("Kim Jong-un"), fold("U.S.")
    ('raul labrador', 'kim jong un', 'us')
    """
    plain = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    return plain.lower().replace("-", " ").replace(".", "")


def first_name(name: str) -> str:
    """The first word of a name that is not an initial ("K. Michael Conaway": "Michael").

    Examples
    --------
    >>> first_name("K. Michael Conaway"), first_name("H.R. McMaster")
    ('Michael', 'H.R.')
    """
    words = name.split()
    return next((w for w in words[:-1] if not re.fullmatch(r"(?:[A-Z]\.)+", w)), words[0])


def one_apart(a: str, b: str) -> bool:
    """Whether two words differ by one inserted, deleted or replaced letter."""
    a, b = a.lower(), b.lower()
    if a == b or abs(len(a) - len(b)) > 1:
        return a == b
    if len(a) > len(b):
        a, b = b, a
    i = next((k for k, (x, y) in enumerate(zip(a, b)) if x != y), len(a))
    return a[i + (len(a) == len(b)):] == b[i + 1:]


def transliterated(a: str, b: str) -> bool:
    """Whether two words one letter apart differ as transliterations do: a doubled letter
    ("Zelensky", "Zelenskyy"), an "i" or "h" added next to a vowel or "y" ("Zelenskiy",
    "Gadhafi"), or letters that transliterations trade ("i"/"y", "k"/"c", "v"/"w", "sz"/"sh").

    Examples
    --------
    >>> [transliterated(*pair) for pair in [("Zelensky", "Zelenskyy"), ("Zelensky", "Zelenskiy"), ("Conway", "Conaway")]]
    [True, True, False]
    """
    a, b = a.lower(), b.lower()
    if not one_apart(a, b) or a == b:
        return False
    if len(a) == len(b):
        i = next(k for k, (x, y) in enumerate(zip(a, b)) if x != y)
        return {a[i], b[i]} in _TRADED or {a[i], b[i]} == {"z", "h"} and i > 0 and a[i - 1] == "s"   # "sz", "sh"
    short, long = (a, b) if len(a) < len(b) else (b, a)
    i = next((k for k, (x, y) in enumerate(zip(short, long)) if x != y), len(short))
    added, before, after = long[i], long[i - 1:i], long[i + 1:i + 2]
    return added in (before, after) or (added in "ih" and bool(set(before + after) & set("aeiouy")))


def _variant(a: str, b: str, *, evidence: bool) -> bool:
    """Whether two words of six letters or more are spellings of one name, not a feminine form
    in "-a": with other evidence (the rest of the name is the same) one letter apart is enough,
    without it the difference must be a transliteration."""
    if len(a) < 6 or len(b) < 6 or a.endswith("a") != b.endswith("a"):
        return False
    return one_apart(a, b) if evidence else transliterated(a, b)


def one_apart_pairs(names: list[str]):
    """The pairs of names one inserted, deleted or replaced character apart (in the order
    given), found through their one-character deletions instead of comparing every pair."""
    keys: dict[str, list[int]] = defaultdict(list)
    for i, name in enumerate(names):
        for key in {name} | {name[:k] + name[k + 1:] for k in range(len(name))}:
            keys[key].append(i)
    pairs = {(i, j) for ids in keys.values() for i in ids for j in ids if i < j}
    for i, j in sorted(pairs):
        if one_apart(names[i], names[j]):
            yield names[i], names[j]


def spelling_variants(a: str, b: str) -> bool:
    """Whether two names one letter apart are one name spelled two ways (see the module's
    documentation): the same number of words, one word different, on evidence.

    Examples
    --------
    >>> [spelling_variants(*p) for p in [("Kellyanne Conway", "Kellyanne Conaway"), ("Conway", "Conaway"),
    ...                                  ("Zelensky", "Zelenskyy"), ("Zelensky", "Zelenska")]]
    [True, False, True, False]
    """
    words_a, words_b = a.split(), b.split()
    if len(words_a) != len(words_b):
        return False
    differ = [(x, y) for x, y in zip(words_a, words_b) if x != y]
    return len(differ) == 1 and _variant(*differ[0], evidence=len(words_a) > 1)


def near_index(words) -> dict[str, list[str]]:
    """Words of six letters or more by first letter and length, for :func:`near`."""
    index: dict[str, list[str]] = defaultdict(list)
    for word in words:
        if len(word) >= 6 and " " not in word:
            index[f"{word[0]}{len(word)}"].append(word)
    return index


def near(word: str, index: dict[str, list[str]]) -> list[str]:
    """The words of an index (:func:`near_index`) that are transliterations of ``word``
    ("Zelenskyy" for "Zelensky"), found without comparing every word."""
    return [other for n in (len(word) - 1, len(word), len(word) + 1) for other in index.get(f"{word[:1]}{n}", [])
            if _variant(other, word, evidence=False)]


def _initials(name: str) -> str:
    return "".join(w[0] for w in name.split() if w[0].isupper())


class _Union:
    def __init__(self, names):
        self.parent = {name: name for name in names}

    def root(self, name):
        while self.parent[name] != name:
            self.parent[name] = self.parent[self.parent[name]]
            name = self.parent[name]
        return name

    def join(self, a, b):
        a, b = self.root(a), self.root(b)
        if a != b:
            self.parent[b] = a


def group_variants(cores: dict[str, tuple[str, int]], articles: dict[str, set],
                   variants: NameVariants | None = None, titled: dict[str, set] | None = None,
                   written=()) -> dict[str, str]:
    """Merge the variants of each name (see the module's documentation).

    Parameters
    ----------
    cores : dict
        Each name -> (its recognizer label, its count).
    articles : dict
        Each name -> the set of articles that write it.
    variants : NameVariants, optional
        By default the shipped list.
    titled : dict, optional
        Each name -> the set of articles that write it after a person's title ("Mr. Mueller").
    written : iterable of str, optional
        Every name the corpus writes, however rare (typed or not): a first name alone joins no
        one if it also begins the name of someone of another surname ("Andrew" beside Andrew
        Wheeler and Andrew Yang).

    Returns
    -------
    dict
        Each name -> the name of its actor: a listed actor's name where the corpus writes it,
        else the most frequent full name (more than a surname: not "Trump Jr"), else the most
        frequent one.

    Examples
    --------
    >>> cores = {"Robert Mueller": ("PERSON", 3), "Robert S. Mueller III": ("PERSON", 2), "Mueller": ("ORG", 9),
    ...          "Kellyanne Conway": ("PERSON", 4), "Conaway": ("PERSON", 2), "Kiev": ("GPE", 2), "Kyiv": ("GPE", 1)}
    >>> articles = {"Robert Mueller": {1, 2}, "Robert S. Mueller III": {3}, "Mueller": {1, 2, 3},
    ...             "Kellyanne Conway": {4}, "Conaway": {5}, "Kiev": {6}, "Kyiv": {7}}
    >>> {name: actor for name, actor in sorted(group_variants(cores, articles).items()) if name != actor}
    {'Kiev': 'Kyiv', 'Mueller': 'Robert Mueller', 'Robert S. Mueller III': 'Robert Mueller'}
    """
    variants = variants or name_variants()
    union = _Union(cores)
    # the shipped list, and the same name in other capitals or hyphens
    same: dict[tuple, str] = {}
    for name in sorted(cores, key=lambda n: (-cores[n][1], n)):
        listed = variants.forms.get(name)
        key = ("listed", listed[0]) if listed else (cores[name][0], fold(name))
        union.join(same.setdefault(key, name), name)
    # full names of one person: the same surname, and first names that may be the same
    people = [n for n, (label, _) in cores.items() if label == "PERSON" and len(n.split()) > 1 and surname(n) != n]
    by_surname: dict[str, list[str]] = defaultdict(list)
    for name in people:
        by_surname[surname(name)].append(name)
    for names in by_surname.values():
        _same_people(names, union, variants)
    # spellings one letter apart, of the same label and number of words, on evidence
    ordered = sorted(cores, key=lambda n: (-cores[n][1], n))
    for a, b in one_apart_pairs(ordered):
        if cores[a][0] == cores[b][0] and spelling_variants(a, b):
            union.join(a, b)
    # a group's name and its plural: "Republican", "Republicans"
    for name, (label, _) in cores.items():
        if label == "NORP" and cores.get(name + "s", ("",))[0] == "NORP":
            union.join(name + "s", name)
    _surnames_and_first_names(cores, articles, union, by_surname, titled or {}, written)
    # acronyms: "NATO" with "North Atlantic Treaty Organization"
    long_forms: dict[str, list[str]] = defaultdict(list)
    for name in cores:
        if len(name.split()) > 1:
            long_forms[_initials(name)].append(name)
    for name in cores:
        short = name.replace(".", "")
        if short.isupper() and len(long_forms.get(short, [])) == 1 and cores[long_forms[short][0]][0] == cores[name][0]:
            union.join(long_forms[short][0], name)
    groups: dict[str, list[str]] = defaultdict(list)
    for name in cores:
        groups[union.root(name)].append(name)
    result = {}
    for members in groups.values():
        listed = {variants.forms[m][0] for m in members if m in variants.forms}
        ranked = sorted(members, key=lambda n: (n not in listed, surname(n) == n, -cores[n][1], n))
        for member in members:
            result[member] = ranked[0]
    return result


def middle_initials(name: str) -> str:
    """The initials of the names between a person's first name and surname.

    Examples
    --------
    >>> [middle_initials(n) for n in ("George H.W. Bush", "George Herbert Walker Bush", "George Bush")]
    ['HW', 'HW', '']
    """
    words = name.replace(",", "").split()
    first = first_name(name)
    last = surname(name).split()[0]
    inner = words[words.index(first) + 1:len(words) - 1 - words[::-1].index(last)] if last in words else []
    return "".join(c for w in inner for c in w if c.isupper())


def _same_people(names: list[str], union: _Union, variants: NameVariants) -> None:
    """Join the full names of one surname that name one person: first names that may be the
    same, and middle names that agree ("George W. Bush" is not "George H.W. Bush"; "George
    Bush" joins neither when both are there)."""
    by_first: list[list[str]] = []
    for name in names:
        group = next((g for g in by_first if variants.same_first_name(first_name(g[0]), first_name(name))), None)
        if group is None:
            by_first.append([name])
        else:
            group.append(name)
    for group in by_first:
        middles = sorted({middle_initials(n) for n in group} - {""}, key=len)
        agree = all(longer.startswith(shorter) for shorter, longer in zip(middles, middles[1:]))
        for name in group[1:]:
            if agree or middle_initials(name) and middle_initials(name) == middle_initials(group[0]):
                union.join(group[0], name)
        if not agree:       # the names with middles agreeing with one another still join
            for name in group:
                for other in group:
                    if middle_initials(name) and middle_initials(name) == middle_initials(other):
                        union.join(name, other)


def _surnames_after(written) -> dict[str, set[str]]:
    """Each first word of the names written -> the surnames written after it ("Andrew": {"Wheeler", "Yang"})."""
    after: dict[str, set[str]] = defaultdict(set)
    for name in written:
        words = name.split()
        if len(words) > 1 and words[0][:1].isupper():
            after[words[0]].add(surname(name))
    return after


def shared_first_names(written) -> set[str]:
    """The words the corpus writes as the first name of two people or more of different
    surnames and never as a surname: alone, such a word names no one ("Andrew" where the corpus
    writes Andrew Wheeler and Andrew Yang; not "Ross" if it writes Wilbur Ross too).

    Examples
    --------
    >>> sorted(shared_first_names(["Andrew Wheeler", "Andrew Yang", "Ross Eisenberg", "Ross Perot", "Wilbur Ross",
    ...                            "Hillary Clinton", "Hillary Rodham Clinton"]))
    ['Andrew']
    """
    written = list(written)
    surnames = {surname(name) for name in written if " " in name}
    return {word for word, after in _surnames_after(written).items() if len(after) > 1 and word not in surnames}


def _surnames_and_first_names(cores, articles, union: _Union, by_surname: dict, titled: dict, written=()) -> None:
    """Join a surname alone, or a first name alone, to a person named in full: where most
    articles that write it (:data:`SURNAME_SHARE`) name a person of that surname in full or
    write it after a person's title, to the person most of them name in full (twice as many as
    any other), or to the only one. A first name alone joins no one if a name the corpus
    writes begins with it and ends with another surname (``written``)."""
    by_first: dict[str, list[str]] = defaultdict(list)
    for names in by_surname.values():
        for name in names:
            by_first[first_name(name)].append(name)
    surnames_after = _surnames_after(written)
    index = near_index(by_surname)
    for name, (label, _) in cores.items():
        own = articles.get(name, set())
        if " " in name and surname(name) != name or not own:      # a surname alone, or "Trump Jr"
            continue
        lasts = [name] if name in by_surname else near(name, index)
        fulls = [full for last in lasts for full in by_surname[last]]
        if not fulls and label == "PERSON":
            fulls = by_first.get(name, [])                                   # "Hillary", "Kim" (Jong Un)
            if surnames_after.get(name, set()) - {surname(full) for full in fulls}:
                continue                                                     # "Andrew" (Yang, Wheeler)
        if not fulls:
            continue
        named = defaultdict(set)
        for full in fulls:
            named[union.root(full)] |= own & articles.get(full, set())
        licensed = set().union(*named.values()) | (own & titled.get(name, set()))
        if len(licensed) < SURNAME_SHARE["PERSON" if label == "PERSON" else "other"] * len(own):
            continue
        ranked = sorted(named, key=lambda person: (-len(named[person]), -cores[person][1], person))
        if len(ranked) == 1 or len(named[ranked[0]]) >= max(1, 2 * len(named[ranked[1]])):
            union.join(ranked[0], name)
