"""Actors found in the corpus, for a user who has no actor dictionary (or an incomplete one).

:func:`discover_actors` works in three steps, each cheap enough for a large corpus:

1. **Candidates** by rule, on every sentence: runs of capitalized words (see
   :func:`toolkit.candidate_actors`), with the title written before them ("Mr.", "Rep.").
   In headlines written in Title Case ("Trump Bows Out"), only names also found in ordinary
   sentences count. One word the corpus writes more often in lower case ("Summit", "State")
   is kept only as a person's name.
2. **Types** by the named-entity recognizer of a spaCy pipeline (:mod:`toolkit.text.nlp`), run
   on a few sentences per distinct candidate (not on every sentence): the label most of its
   contexts give it (PERSON, ORG, GPE, ...); a name written after a person's title ("Mr.",
   "Sen.", "President") at least half the time is a person without asking the recognizer. A
   candidate the recognizer marks as an entity of a kept type in fewer than half of its
   sentences ("Previous", "Rep") is dropped; where the entity is shorter than the candidate
   ("President Vladimir Putin" gives "Vladimir Putin"), the rest is kept as a title. A name's last
   word can decide its type ("Lorenz Center" an organization, "Larson Ice Shelf" a place), and the
   names of things that cannot act or speak are dropped with their other forms: treaties, laws,
   plans and reports ("Paris Agreement", "Green New Deal" and "GND") and storms ("Hurricane
   Harvey" and "Harvey"); "Paris" in "the Paris agreement" is not counted.
3. **Variants merged** into one actor, only on evidence (:mod:`toolkit.actors.variants`): a
   shipped list of abbreviations and place spellings ("U.S.", "United States"; "Kiev", "Kyiv"),
   other capitals, full names with the same surname and first name (or nickname), a surname
   alone with the person most articles that write it name in full, spellings one letter apart
   with the rest of the name the same or a transliteration ("Zelensky", "Zelenskyy"; not
   "Conway", "Conaway"), acronyms. A person's titles agree in gender: "Mr. Clinton" is not
   Hillary Clinton (it goes to the one other Clinton, or stays apart). The actor's name is its
   most frequent full form.

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
from .dictionary import _SHORT_TITLES, Actor, ActorDictionary, _surfaces, dump_actors
from .discovery import (_NOT_NAMES, FUNCTION_WORDS, ORGANIZATION_WORDS, _is_candidate, _rule_names, case_counts,
                        common_words)
from .mentions import _TREATY_AFTER, match_spans
from .variants import group_variants, name_variants, near, near_index, shared_first_names, surname

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

#: The recognizer's label given to the types of the shipped name list.
_LABELS = {"place": "GPE", "organization": "ORG"}
#: Words that end a title before a name ("Senate Majority Leader", "FBI Special Agent").
_TITLE_WORDS = frozenset(
    "President President-elect Vice Senator Sen Rep Representative Congressman Congresswoman Governor Gov Mayor "
    "Speaker Leader Secretary Secretary-General Minister Chancellor Director Chairman Chairwoman Chair Judge "
    "Justice Agent General Gen Attorney Counsel Ambassador Envoy Spokesman Spokeswoman Spokesperson Sheriff "
    "Commissioner Administrator Adviser Advisor Chief King Queen Prince Princess Pope Mr Mrs Ms Dr Prof Lt Col "
    "Capt Sgt Adm Officer Lawmaker Candidate Nominee Anchor Host CEO Founder Executive Premier Lady Ayatollah "
    "Sheikh Emir Rabbi Bishop Cardinal Commander Colonel Lieutenant Sergeant Captain Admiral Marshal Deputy "
    "Inspector Prosecutor Solicitor Treasurer Whip Delegate Councilman Councilwoman Assemblyman Assemblywoman".split())
#: Titles that only a person holds: the words after one in a run are a person's name.
_PERSON_TITLES = frozenset(
    "President President-elect Secretary Minister Senator Sen Rep Representative Governor Gov Speaker Leader "
    "Director Counsel Chancellor Ambassador Chairman Chairwoman Spokesman Spokeswoman Judge Mayor Premier Envoy "
    "Adviser Advisor Congressman Congresswoman Commissioner Administrator Sheriff".split())
#: Words that end the name of an office or a building, not of a person ("President Trump Tower").
_OFFICES = frozenset("Department Office Committee House Council Agency Party Administration Tower Center Centre "
                     "Foundation Institute University College School Hall Street Avenue Building Fund Group".split())
#: Last words of an organization's name, whatever the recognizer says ("Lorenz Center", "Rasmussen Reports").
ORGANIZATION_HEADS = ORGANIZATION_WORDS | frozenset(
    "Center Centre Reports Corporation Corp Inc Company Group Laboratory Laboratories University College School "
    "Party Police Army Navy Energy Renewables Resources Petroleum Motors Airlines Industries "
    "Holdings Partners Media Press Times Post News Journal Force Forces Guard Patrol Central".split())
#: Last words of a place's name, for a name the recognizer does not take for a person ("Larson Ice Shelf").
PLACE_HEADS = frozenset(
    "River Lake Island Islands Mountain Mountains Valley Bay Sea Ocean Desert Shelf Glacier Forest Park Monument "
    "Point Peninsula County Province Canyon Basin Reservoir Dam Coast Beach Airport Plant Station Mine Lakes State".split())
#: Last words of the name of a thing that cannot act or speak: a treaty, a law, a plan, a report
#: ("Paris Agreement", "Green New Deal", "National Climate Assessment"); not of a person ("Nathan Deal").
THING_HEADS = frozenset(
    "Agreement Agreements Accord Accords Treaty Protocol Act Plan Deal Standard Standards Rule Report Assessment "
    "Amendment Bill Law Doctrine Declaration Directive Regulation Regulations Summit Convention Fire Fires "
    "Wildfire".split())
#: One word alone that names no actor: the head of a treaty's name ("the Accord"); not one that may be a
#: person's name ("Deal", "Bill", "Law") or a word of its own ("Fire").
_NOT_ALONE = THING_HEADS - frozenset("Deal Bill Law Convention Fire Fires Wildfire".split())
#: First words of a storm's name ("Hurricane Harvey", "Cyclone Kenneth"): never an actor.
STORMS = frozenset("Hurricane Hurricanes Cyclone Typhoon Storm Tropical Superstorm".split())
_HEADS = ORGANIZATION_HEADS | PLACE_HEADS
_TITLE_BEFORE = re.compile(r"\b(Mr|Mrs|Ms|Dr|Gov|Sen|Rep|Gen|Lt|Col|Capt|Prof|Rev|Sgt|Adm|Amb|Pres|President|"
                           r"Senator|Governor|Mayor|Chancellor|General|Minister|Secretary|King|Queen|Prince)\.?\s+$")
_LEADING_TITLE = re.compile(r"^(?:(?:Mr|Mrs|Ms|Dr|Prof|Sir|Dame|Lady|Lord|Rev)\.?\s+)+")
_FEMALE_TITLES, _MALE_TITLES = frozenset({"Ms", "Mrs"}), frozenset({"Mr"})
_POSSESSIVE = re.compile(r"['\u2019]s?$")
# Capitalized words that open a run but are no title ("For Trump", "If Clinton")
_NOT_TITLES = _NOT_NAMES - {"Mr", "Mrs", "Ms", "Dr", "President", "Minister", "Prime", "Foreign", "Secretary",
                            "Secretary-General", "Mayor", "Gov", "Governor", "Spokesman", "Spokeswoman",
                            "Chancellor", "King", "Queen", "Prince", "General", "Senator", "Representative", "Envoy",
                            "Ambassador", "Chairman", "Director", "Adviser", "Advisor", "Aide", "Former", "Senior"}


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


def _title_prefix(prefix: str) -> str:
    """The title in the words the recognizer left before a person's name, or "": it ends with a
    title word (or "of" and a name: "Secretary of State") and holds no verb form or
    headline word ("Former Mexican President", not "Saying President", "Rebuke of")."""
    words = prefix.split()
    ends = [k for k, w in enumerate(words) if w.rstrip(".") in _TITLE_WORDS]
    if not ends or not all(w in ("of", "the") or w[:1].isupper() for w in words[ends[-1] + 1:]) \
            or ends[-1] + 1 < len(words) and words[ends[-1] + 1] != "of":
        return ""
    k = ends[-1]
    while k > 0 and _title_part(words[k - 1]):
        k -= 1
    return " ".join(words[k:])


def _title_part(word: str) -> bool:
    bare = word.rstrip(".")
    return bare in _TITLE_WORDS or (word[:1].isupper() and bare not in _NOT_TITLES and not bare.endswith("ing")
                                    and not re.search(r"['\u2019]", bare) and not (bare.isupper() and len(bare) > 4))


def _titled(text: str, start: int) -> str | None:
    match = _TITLE_BEFORE.search(text[max(0, start - 12):start])
    return match.group(1) if match else None


_MONTHS = frozenset("January February March April May June July August September October November December".split())
_ABBREVIATION_END = re.compile(r"(?:^|[\s.])[A-Z]\.$")      # "U.S.", "Robert S.": the dot is the name's
_ALPHA = re.compile(r"[A-Za-z][A-Za-z'\u2019-]*")


def _headline(text: str, lower_words: set[str], *, title: bool = False) -> bool:
    """Whether a sentence is written in Title Case, as headlines are: every word capitalized but
    function words, and (unless it is an article's title) one capitalized word after the first a
    function word or a word the corpus writes in lower case ("Trump Bows Out"; not "Prime
    Minister Theresa May met Mr. Macron")."""
    words = _ALPHA.findall(text)
    return (len(words) >= 2 and all(w[0].isupper() or w in FUNCTION_WORDS for w in words)
            and (title or any(w.lower() in FUNCTION_WORDS or w.lower() in lower_words for w in words[1:]
                              if w[0].isupper() and not w.isupper())))


#: A headline run into its article's first sentence has at least this many capitalized words.
GLUED_HEADLINE = 4
_TOKEN = re.compile(r"\S+")


def _glued_headline(text: str, common: set[str]) -> int:
    """Where a headline written in Title Case and run into the body ends in an article's first
    sentence ("Pope Francis Calls for Action on Climate Change Pope Francis said ..."), or 0: the
    words before the first one in lower case that is not a function word, when at least
    :data:`GLUED_HEADLINE` of them are capitalized and two of those after the first are words the
    corpus mostly writes in lower case (``common``: "Calls", "Climate"; a lede that names people
    in full, "Rep. Adam Schiff, D-Calif., said", is no headline). Where the headline ends and
    the body starts is not known: a name there counts only if ordinary sentences write it.

    Examples
    --------
    >>> text = "Al Gore Wades Into Climate Fight Al Gore said on Monday that it was late."
    >>> text[:_glued_headline(text, {"Climate", "Fight"})]
    'Al Gore Wades Into Climate Fight Al Gore '
    >>> _glued_headline("WASHINGTON - Rep. Adam Schiff, D-Calif., said the bill failed.", {"Climate", "Fight"})
    0
    """
    capitals = lowered = 0
    for k, match in enumerate(_TOKEN.finditer(text)):
        word = match.group().strip("\"'\u201c\u201d\u2018\u2019(),.:;|-")
        if not word or not word[0].isalpha() or word[0].isupper():
            capitals += bool(word) and word[0].isupper()
            lowered += k > 0 and word in common
        elif word.lower() not in FUNCTION_WORDS:
            return match.start() if capitals >= GLUED_HEADLINE and lowered >= 2 else 0
    return 0


def _known_parts(start: int, name: str, known: set[str]):
    """The longest known names inside a run of capitalized words, left to right: (start, name)."""
    words = [(m.start(), m.end()) for m in re.finditer(r"\S+", name)]
    i = 0
    while i < len(words):
        j = next((j for j in range(len(words), i, -1) if name[words[i][0]:words[j - 1][1]] in known), None)
        if j is None:
            i += 1
            continue
        yield start + words[i][0], name[words[i][0]:words[j - 1][1]]
        i = j


def _candidates(sentences: pd.DataFrame, given: ActorDictionary | None):
    """Every candidate occurrence, (name, row position, start, title written before it); the
    positions of the headlines written in Title Case (there only names found in ordinary
    sentences count); the one-word candidates the corpus writes more often in lower case
    than capitalized in mid-sentence ("Summit", "State": common words); the words written in lower
    case; and the capitalized words written in lower case at least as often (see
    :func:`toolkit.actors.discovery.common_words`)."""
    texts = sentences["text"].tolist()
    capitalized, lower = case_counts(texts)
    mostly_lower = common_words(capitalized, lower)
    # a sentence's first word counts only if the corpus writes it capitalized in mid-sentence, at
    # least as often as in lower case ("Long lines were seen" is no name even if "Rep. Long" is)
    capitalized_elsewhere = {w for w, n in capitalized.items() if n >= lower[w.lower()]}
    lower_words = set(lower)
    parts = sentences["part"].tolist() if "part" in sentences.columns else ["body"] * len(texts)
    firsts = (sentences["sentence"] == 0).tolist()
    found, headlines, glued = [], [], {}       # (a headline is read last: the recognizer types names badly there)
    for position, text in enumerate(texts):
        if _headline(text, lower_words, title=parts[position] == "title"):
            headlines.append(position)
            continue
        if firsts[position] and parts[position] == "body" and (end := _glued_headline(text, mostly_lower)):
            glued[position] = end
            continue
        found += _names_in(text, position, given, capitalized_elsewhere, lambda start, name: [(start, name)],
                           mostly_lower)
    known = {name for name, *_ in found}
    for position in headlines:
        found += _names_in(texts[position], position, given, capitalized_elsewhere,
                           lambda start, name: _known_parts(start, name, known), mostly_lower)
    # in a headline run into the body, only known names (not a common word: "City" of "Sink City's
    # Climate Crusade") and names after a title ("Gov. Roy Cooper")
    for position, end in glued.items():
        text = texts[position]
        found += _names_in(text, position, given, capitalized_elsewhere,
                           lambda start, name, end=end, text=text: [
                               (at, part) for at, part in _known_parts(start, name, known)
                               if " " in part or part not in mostly_lower]
                           if start < end and not _titled(text, start) else [(start, name)], mostly_lower)
    common = {name for name, *_ in found if " " not in name and lower[name.lower()] > capitalized[name]}
    return found, set(headlines), common, lower_words, mostly_lower


def _names_in(text: str, position: int, given, capitalized_elsewhere: set[str], parts, common) -> list[tuple]:
    covered = match_spans(text, given) if given is not None and len(given) else []
    found = []
    for run_start, run in _rule_names(text, capitalized_elsewhere, keep_initial_names=True, common=common):
        for start, name in parts(run_start, run):
            end = start + len(name)
            title = _titled(text, start)
            if any(a < end and b > start for a, b, *_ in covered) or _TREATY_AFTER.match(text, end) \
                    or _credit(text, start, end):
                continue        # (nor "Paris" of "the Paris agreement", nor "AFP" of "POOL/AFP via Getty Images")
            if _is_candidate(name) or title and name in _MONTHS:        # "Mrs. May"
                found.append((name, position, start, title))
    return found


def _credit(text: str, start: int, end: int) -> bool:
    """Whether the name at ``start:end`` is written as a picture's credit: after or before a
    slash ("POOL/AFP", "Mark Wilson/Getty Images") or before "via" ("AFP via Getty Images")."""
    return text[start - 1:start] == "/" or text[end:end + 1] == "/" or text.startswith(" via ", end)


def _entity_of(text: str, entities: tuple, start: int, end: int):
    """The entity of a candidate's span: (label, the entity's part of the candidate), or Nones.

    Of the entities (``(start, end, label)`` of :func:`_recognize`) that overlap the span, a
    person whose name "of" follows ("President Xi Jinping of China": PERSON "Xi Jinping", not GPE
    "China"), one of a kept label that ends with it ("Russian President Vladimir Putin": PERSON
    "Vladimir Putin", not NORP "Russian"), else the longest.
    """
    overlapping = [e for e in entities if e[0] < end and e[1] > start]
    if not overlapping:
        return None, None
    first, last, label = max(overlapping, key=lambda e: (e[2] == "PERSON" and text.startswith(" of ", e[1])
                                                         and e[1] < end,
                                                         e[2] in ENTITY_TYPES and e[1] >= end,
                                                         min(e[1], end) - max(e[0], start)))
    return label, text[max(first, start):min(last, end)]


def _recognize(texts: list[str], *, pipeline: str | None, batch_size: int) -> list[tuple]:
    """The recognizer's entities of each text, ``(start, end, label)`` (a function of each text
    alone: the texts can be read in batches in worker processes)."""
    from ..text.nlp import LONG_SENTENCE, load_pipeline

    nlp = load_pipeline(pipeline)
    keep = {"ner"} | ({"tok2vec"} if _ner_listens(nlp) else set())
    # a text too long for the recognizer gives no entity, so no vote: the names in it are typed by
    # their other sentences
    read = [text for text in texts if len(text) <= LONG_SENTENCE]
    found = {text: tuple((e.start_char, e.end_char, e.label_) for e in doc.ents)
             for text, doc in zip(read, nlp.pipe(read, batch_size=batch_size,
                                                 disable=[n for n in nlp.pipe_names if n not in keep]))}
    return [found.get(text, ()) for text in texts]


def _types(occurrences: dict, texts: list[str], contexts: int, pipeline: str | None, batch_size: int,
           processes: int | None = 1) -> dict:
    """The recognizer's vote for each candidate: name -> (label, core name) or None."""
    # rare names first; a name takes sentences already chosen for others before new ones; a
    # frequent name is read in more sentences (one vote decides less)
    chosen, taken = {}, set()
    for name, places in sorted(occurrences.items(), key=lambda item: len(item[1])):
        k = contexts if len(places) < FREQUENT else 2 * contexts + 1
        shared = [place for place in places if place[0] in taken][:k]
        chosen[name] = shared + [place for place in places if place[0] not in taken][:k - len(shared)]
        taken.update(p for p, _ in chosen[name])
    distinct = list(dict.fromkeys(texts[p] for p in sorted(taken)))     # each distinct sentence once
    by_text = dict(zip(distinct, map_in_chunks(partial(_recognize, pipeline=pipeline, batch_size=batch_size),
                                               distinct, processes=processes)))
    result = {}
    for name, places in chosen.items():
        votes = Counter(_entity_of(texts[p], by_text[texts[p]], start, start + len(name)) for p, start in places)
        kept = Counter({vote: n for vote, n in votes.items() if vote[0] in ENTITY_TYPES})
        if sum(kept.values()) * 2 < len(places):        # an entity of a kept label in half its sentences
            result[name] = None
            continue
        (label, core), _ = kept.most_common(1)[0]
        if core != name and name.startswith(core) and label != "PERSON" and " of " not in name[len(core):] \
                and name.split()[-1] in _HEADS:
            core = name         # "Turkey Point" is not Turkey, "British Antarctic Survey" not "British Antarctic"
        core = re.sub(r"\s+(?:and|of|the|for|on|&)$", "", _POSSESSIVE.sub("", core.strip(" ,'\u2019")))
        core = re.sub(r"^(?:the|The)\s+", "", core if _ABBREVIATION_END.search(core) else core.rstrip(". "))
        if label == "PERSON":       # "Ms Kerrow" as the recognizer may give it: the title is not the name
            core = _LEADING_TITLE.sub("", core)
        result[name] = (label, core if core and _is_candidate(core) else name)
    return result


def _rare_variants(rare: list[str], typed: dict) -> dict:
    """Candidates not typed (too rare, or not marked by the recognizer), kept as a variant of a
    typed name: the same name as a typed one ("Xi Jinping" where "President Xi Jinping" was
    typed), in other capitals, or a person's surname (also transliterated, "Zelensky"); the
    merging step still asks for evidence."""
    cores = {found[1]: found[0] for found in typed.values() if found is not None}
    lower = {name.lower(): found for name, found in typed.items() if found is not None}
    surnames = {surname(found[1]) for found in typed.values()
                if found is not None and found[0] == "PERSON" and " " in found[1]}
    index = near_index(surnames)
    result = {}
    for name in rare:
        if name in cores:
            result[name] = (cores[name], name)
        elif " " in name:
            continue
        elif name.lower() in lower:
            result[name] = (lower[name.lower()][0], name)
        elif name in surnames or near(name, index):
            result[name] = ("PERSON", name)
    return result


def _head_label(name: str, label: str) -> str:
    """The recognizer's label of a name, or the one its words give: an organization's by its last
    word (:data:`ORGANIZATION_HEADS`), a place's by its last word (:data:`PLACE_HEADS`, unless the
    recognizer took it for a person: "Michael Bay") or as "State of ...", a person's with a
    middle initial ("Nam Y. Huh")."""
    last = name.split()[-1]
    if " " in name and last in ORGANIZATION_HEADS:
        return "ORG"
    if re.fullmatch(r"[A-Z][a-z]+ [A-Z]\. [A-Z][a-z'\u2019-]+", name):
        return "PERSON"
    if name.startswith("State of ") or " " in name and last in PLACE_HEADS and label != "PERSON":
        return "LOC"
    return label


def _common_phrase(name: str, common: set[str]) -> bool:
    """Whether a name is two words the corpus mostly writes in lower case, neither an organization's
    nor a place's head ("Climate Change", "Climate Action", "Earth Day"; not "White House", "Green
    Party", "Justice Department"): a phrase written in capitals, in a headline or a longer name."""
    words = name.split()
    return (len(words) == 2 and all(w in common for w in words)
            and words[-1] not in _HEADS and words[-1] not in _OFFICES)


def _thing(name: str, label: str) -> bool:
    """Whether a name is a thing's, not an actor's: a storm's, or (unless the recognizer took it
    for a person) a treaty's, law's, plan's or report's (:data:`THING_HEADS`)."""
    words = name.split()
    return len(words) > 1 and (words[0] in STORMS or words[-1] in THING_HEADS and label != "PERSON"
                               and not ORGANIZATION_HEADS.intersection(words))      # "Sabin Center for ... Law"


def _after_title(name: str) -> str | None:
    """The name after a person's title inside a run of capitalized words ("South Korean
    President Moon Jae-in": "Moon Jae-in"), or None: one to three words, no title or office."""
    words = name.split()
    ends = [k for k, w in enumerate(words[:-1]) if w.rstrip(".") in _PERSON_TITLES
            or w == "General" and k and words[k - 1] == "Attorney"]
    if not ends:
        return None
    tail = words[ends[-1] + 1:]
    if len(tail) > 3 or any(w in _TITLE_WORDS or w in _NOT_NAMES or w in ("of", "the") or w in _OFFICES for w in tail):
        return None
    return " ".join(tail)


def _ner_listens(nlp) -> bool:
    """Whether the recognizer reads the shared ``tok2vec`` (then it must run too)."""
    ner = nlp.get_pipe("ner")
    return any("listener" in node.name for node in ner.model.walk())


@dataclass
class _Found:
    """A discovered actor while it is built: its forms, titles and occurrences."""

    name: str
    label: str
    aliases: list[str]
    titles: tuple[str, ...]
    gender: str | None
    places: list[tuple[int, int, str | None]]
    #: (title, surname, occurrences, soft): a surname set apart by its title's gender; a soft one
    #: (the person's own articles never give that title) goes back if no other person can take it
    strays: list[tuple[str, str, list, bool]] = field(default_factory=list)


def _titled_forms(name: str, titles) -> list[str]:
    """A name with each title before it: "Mrs. May", "Mrs May", "Prime Minister May"."""
    return [form for title in sorted(titles) for form in
            ([f"{title}. {name}", f"{title} {name}"] if title in _SHORT_TITLES else [f"{title} {name}"])]


def _actor(name: str, cores_of: list[str], cores: dict, occurrences: dict, titles: dict, article_ids: list) -> _Found:
    """One actor from its merged names. A person's gendered titles must agree: the surname
    written after a title of the other gender is set apart ("Mr. Clinton" is not Hillary
    Clinton; see :func:`_strays`). A name that is also a common word ("May") is kept only with
    its titles ("Mrs. May")."""
    label = cores[name][0]
    forms = sorted(cores_of, key=lambda c: (c != name, -cores[c][1], c))
    raws = [raw for c in cores_of for raw in cores[c][3]]
    places = sorted(p for raw in raws for p in occurrences[raw])
    seen = Counter()
    for key in cores_of + raws:
        seen += titles.get(key, Counter())
    aliases, strays = list(forms), []
    if label == "PERSON":
        # the person's own gender: of its surname's gendered titles, the one written in more of
        # the articles that name it in full ("Ms. Page" beside "Lisa Page"), then the more frequent
        full = {article_ids[p] for raw in raws if " " in raw for p, _, _ in occurrences[raw]}
        score = {}
        for gendered in (_MALE_TITLES, _FEMALE_TITLES):
            titled = [p for raw in raws if " " not in raw for p in occurrences[raw] if p[2] in gendered]
            score[gendered] = (len(full & {article_ids[p] for p, _, _ in titled}), len(titled))
        minority, soft = set(), False
        if score[_MALE_TITLES][1] and score[_FEMALE_TITLES][1]:       # without evidence, both go
            minority = (min(score, key=score.get) if score[_MALE_TITLES] != score[_FEMALE_TITLES]
                        else _MALE_TITLES | _FEMALE_TITLES)
        elif full and any(score[g][1] and not score[g][0] for g in score):
            # one gender's title, never in an article that names the person in full ("Mr. Clinton"
            # only where Bill Clinton is named): another person's, if the corpus has one
            minority, soft = next(g for g in score if score[g][1]), True
        if minority:
            for raw in (r for r in raws if " " not in r):
                for title in sorted(minority):
                    apart = [p for p in occurrences[raw] if p[2] == title]
                    if apart:
                        strays.append((title, raw, apart, soft))
            gone = {p for _, _, apart, _ in strays for p in apart}
            places = [p for p in places if p not in gone]
            for title in minority:
                seen.pop(title, None)
        for form in [f for f in forms if f in _NOT_NAMES]:
            aliases.remove(form)
            aliases += _titled_forms(form, {t for raw in cores[form][3] for t in titles.get(raw, ())})
    gender = ("male" if seen.keys() & _MALE_TITLES and not seen.keys() & _FEMALE_TITLES
              else "female" if seen.keys() & _FEMALE_TITLES and not seen.keys() & _MALE_TITLES else None)
    return _Found(name, label, aliases, tuple(sorted(seen)) if label == "PERSON" else (), gender, places, strays)


def _strays(found: list[_Found], article_ids: list) -> list[_Found]:
    """Give each surname set apart by its title's gender ("Mr. Clinton") to the other person of
    that surname whose gender agrees ("Bill Clinton"): the only one, or the one named in most of
    its articles (twice as many as any other); else to an actor of its own ("Mr. Clinton").
    Returns the new actors; the others are changed in place."""
    by_surname: dict[str, dict[int, _Found]] = defaultdict(dict)
    for f in found:
        if f.label == "PERSON":
            for alias in f.aliases:
                if " " in alias:
                    by_surname[surname(alias)][id(f)] = f
    extra: dict[str, _Found] = {}
    for f in found:
        for title, raw, places, soft in f.strays:
            gender = "male" if title in _MALE_TITLES else "female"
            others = [o for o in by_surname.get(raw, {}).values() if o is not f and o.gender in (None, gender)]
            if soft and not others:      # no other person of that surname: the title was the person's own
                f.aliases += [a for a in _titled_forms(raw, [title]) if a not in f.aliases]
                f.places = sorted(f.places + places)
                f.titles = tuple(sorted({*f.titles, title}))
                f.gender = gender if f.gender in (None, gender) and not (set(f.titles) & (
                    _FEMALE_TITLES if gender == "male" else _MALE_TITLES)) else None
                continue
            own = {article_ids[p] for p, _, _ in places}
            shared = sorted(((len(own & {article_ids[p] for p, _, _ in o.places}), i) for i, o in enumerate(others)),
                            reverse=True)
            key = f"{title}. {raw}"
            target = (others[shared[0][1]] if len(others) == 1 or others and shared[0][0] >= max(1, 2 * shared[1][0])
                      else extra.setdefault(key, _Found(key, "PERSON", [], (title,), gender, [])))
            target.aliases += [a for a in _titled_forms(raw, [title]) if a not in target.aliases]
            target.places = sorted(target.places + places)
            target.gender = gender
    return list(extra.values())


#: A name seen this many times or more is typed from ``2 * contexts + 1`` sentences.
FREQUENT = 20
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
        Sentences per candidate that the recognizer reads to type it (on ties, the first);
        ``2 * contexts + 1`` for a name seen :data:`FREQUENT` times or more.
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
    occurrences: dict[str, list[tuple[int, int, str | None]]] = defaultdict(list)
    titles: dict[str, Counter] = defaultdict(Counter)
    candidates, headlines, common, lower_words, mostly_lower = _candidates(sentences, actors)
    for name, position, start, title in candidates:
        occurrences[name].append((position, start, title))
        if title:
            titles[name][title] += 1
    # names joined by a hyphen, each a name of its own, are an adjective ("a Putin-Trump summit")
    for name in [n for n in occurrences if "-" in n and " " not in n]:
        if all(part in occurrences for part in name.split("-")):
            del occurrences[name]
    # typed: the frequent candidates, counting a name with the others of its last word ("Aurel
    # Dovan" once and "Dovan" once make two), and rare full names of a frequent word ("Yuri Ushakov")
    family = Counter()
    for name, places in occurrences.items():
        family[name.split()[-1]] += len(places)
    frequent = {n for n in occurrences if family[n.split()[-1]] >= min_count}
    words = {n for n in frequent if " " not in n}
    wanted = {n: p for n, p in occurrences.items() if n in frequent or " " in n and n.split()[-1] in words}
    texts = sentences["text"].tolist()
    variants = name_variants()
    # a listed name ("U.S.", "Kiev") is typed by the list; a name written after a person's title
    # at least half the time ("Mr. Garin") is a person: the recognizer need not read either
    listed = {n for n in wanted if n in variants.forms}
    titled = {n for n in wanted if n not in listed and sum(titles[n].values()) * 2 >= len(wanted[n])}
    after_title = {n: _after_title(n) for n in wanted if n not in listed and n not in titled}
    after_title = {n: core for n, core in after_title.items() if core}
    untitled = {n: sorted(((p, start) for p, start, _ in places), key=lambda place: place[0] in headlines)
                for n, places in wanted.items() if n not in titled and n not in listed and n not in after_title}
    typed = _types(untitled, texts, contexts, pipeline, batch_size, processes) if untitled else {}
    typed.update({n: ("PERSON", n.split(" of ")[0]) for n in titled})     # "Rep. Elijah Cummings of Maryland"
    typed.update({n: ("PERSON", core) for n, core in after_title.items()})
    typed.update({n: (_LABELS[variants.forms[n][1]], n) for n in listed})
    # names too rare to type, or that the recognizer did not mark ("Gates" beside "Rick Gates")
    typed.update(_rare_variants([n for n in occurrences if n not in wanted or typed.get(n, 0) is None], typed))
    article_ids, outlets = sentences["article_id"].tolist(), sentences["outlet"].tolist()
    cores: dict[str, list] = {}
    for name, found in typed.items():
        if found is None:
            continue
        label, core = found
        label = _LABELS[variants.forms[core][1]] if core in variants.forms else _head_label(core, label)
        if label != "PERSON" and core not in variants.forms and (core in common or _common_phrase(core, mostly_lower)):
            continue        # "Summit", "State"; "Climate Change", "Earth Day"
        entry = cores.setdefault(core, [label, 0, Counter(), [], set(), set(), Counter()])
        entry[6][label] += len(occurrences[name])
        entry[1] += len(occurrences[name])
        entry[2][name] += len(occurrences[name])
        entry[3].append(name)
        entry[4].update(article_ids[p] for p, _, _ in occurrences[name])
        prefix = _title_prefix(name[:-len(core)].strip()) if core != name and name.endswith(core) else ""
        if prefix:                      # "President Vladimir Putin": a title
            titles[core][prefix] += len(occurrences[name])
        # the articles that write it after a person's title ("Mr. Obama", "President Obama")
        entry[5].update(article_ids[p] for p, _, title in occurrences[name] if title or prefix and label == "PERSON")
    # a name is of the type most of its written forms get, counted by occurrences (not the type of
    # the first form typed: "Bernie Sanders Campaign Becomes", a headline typed an organization,
    # made "Bernie Sanders" one and split him from "Sanders")
    for entry in cores.values():
        entry[0] = entry[6].most_common(1)[0][0]
    # a full name the recognizer did not take for a person, whose surname alone it did, in the same
    # articles ("Rustem Umerov" an organization, "Umerov" a person): a person; and a surname alone
    # typed otherwise, written in the articles of a person of that surname ("Trump" beside "Donald
    # Trump"), is that person's surname
    for core, entry in cores.items():
        last = cores.get(surname(core)) if " " in core and entry[0] != "PERSON" else None
        if last is not None and last[0] == "PERSON" and entry[4] & last[4]:
            entry[0] = "PERSON"
    for core, entry in cores.items():
        if entry[0] == "PERSON" and " " in core and (last := cores.get(surname(core))) is not None \
                and last[0] != "PERSON" and core.split()[-1] == surname(core) and len(entry[4] & last[4]) * 2 >= len(last[4]):
            last[0] = "PERSON"
    # a first name alone that the corpus writes for people of several surnames, more often than
    # alone, names no one ("Andrew"; not a town, "Corvane", beside "Corvane University"): the
    # names written, however rare, whose last word may be a surname (never written in lower
    # case, no weekday, no place or organization found: not "Hillary Thursday")
    others = {core for core, entry in cores.items() if entry[0] != "PERSON"}
    written = [n for n in occurrences if " " in n and surname(n).split()[0].lower() not in lower_words
               and surname(n).split()[0] not in _NOT_NAMES and surname(n).split()[0] not in others]
    people = {core for core, entry in cores.items() if entry[0] == "PERSON"}
    before_names = Counter(n.split()[0] for n in written for _ in occurrences[n])
    for word in shared_first_names(written) & people - {surname(core) for core in people if " " in core}:
        if before_names[word] > len(occurrences.get(word, ())):     # not a name mostly written alone ("Corvane")
            del cores[word]
    merged = group_variants({core: (entry[0], entry[1]) for core, entry in cores.items()},
                            {core: entry[4] for core, entry in cores.items()}, variants,
                            {core: entry[5] for core, entry in cores.items()}, written=written)
    members: dict[str, list[str]] = defaultdict(list)
    for core, actor in merged.items():
        members[actor].append(core)
    # no thing is an actor, nor its other forms ("Green New Deal", "GND"; "Cyclone Kenneth", "Kenneth"), nor a
    # storm's name alone ("Irma" of "Hurricane Irma"), a title alone ("Pope") or a treaty's word alone ("Accord")
    storms = {n.split()[-1] for n in occurrences if " " in n and n.split()[0] in STORMS}
    things = {core for core, entry in cores.items() if _thing(core, entry[0]) or core in _NOT_ALONE
              or core in _TITLE_WORDS or core in storms and not titles.get(core)}
    members = {actor: [c for c in cores_of if c not in things] for actor, cores_of in members.items()
               if actor not in things}
    members = {actor: cores_of for actor, cores_of in members.items() if cores_of}
    found = [_actor(name, cores_of, cores, occurrences, titles, article_ids) for name, cores_of in members.items()]
    found += _strays(found, article_ids)
    numbers = sentences["sentence"].tolist()
    new, rows = [], []
    for f in found:
        if not f.places:
            continue
        new.append(Actor(name=f.name, type=ENTITY_TYPES[f.label], side=UNASSIGNED, aliases=tuple(f.aliases),
                         titles=f.titles, gender=f.gender))
        first = f.places[0][0]
        positions = [p for p, _, _ in f.places]
        rows.append((f.name, ENTITY_TYPES[f.label], f.label, len(positions), len({article_ids[p] for p in positions}),
                     " | ".join(sorted({str(outlets[p]) for p in positions})), " | ".join(f.aliases),
                     " | ".join(f.titles), texts[first], article_ids[first], numbers[first], "discovered"))
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
