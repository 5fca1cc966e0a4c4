"""Growing an actor dictionary: proper names in the text that no dictionary entry covers."""

from __future__ import annotations

import re
from collections import Counter
from typing import Literal

import pandas as pd

from .._checks import check_choice, check_columns
from .dictionary import ActorDictionary
from .mentions import match_spans
from ..text.sentences import ABBREVIATIONS

#: The columns of :func:`candidate_actors`.
CANDIDATE_COLUMNS = ["candidate", "count", "articles", "outlets", "example", "article_id", "sentence"]

# A run of capitalized words (a capital then lower-case letters, with inner capitals as in
# "McCarthy" or "DeSantis", a short acronym, or an abbreviation with dots: "U.S.", "F.B.I."),
# with "of" or "the" allowed between two of them ("Secretary of State"), and middle initials
# ("Robert S. Mueller"); "St." opens a name ("St. Petersburg"). The words of a name are separated by one
# space, as the loaded text writes them: a tab, a line break or any other white space ends the name, so that
# every name found is the text's own span and an actor matcher finds it as written ("Mr. O'Neil \t Kevin
# McCarthy" is O'Neil and Kevin McCarthy, never "O'Neil Kevin McCarthy").
_WORD = (r"(?:(?:St|Mt|Ft)\.(?= [A-Z])|[A-Z][a-z\u00e0-\u00ff']+(?:[A-Z][a-z\u00e0-\u00ff']+)*"
         r"(?:-(?:[A-Za-z][a-z\u00e0-\u00ff']+|[A-Z]{2,5}\b))*|(?:[A-Z]\.){2,}|[A-Z]{2,5}\b)")
_NAME = re.compile(rf"\b{_WORD}(?: (?:of (?:the )?|(?:[A-Z]\. )+)?{_WORD})*")
# Names, abbreviations and acronyms seen after a lower-case letter or a comma (not a sentence's
# opening), and not as a possessive ("Sam's Club" does not make "Sam" a name).
_ELSEWHERE = re.compile(r"(?<=[a-z,] )(?:[A-Z][a-z\u00e0-\u00ff]+(?:[A-Z][a-z\u00e0-\u00ff]+)*"
                        r"|(?:[A-Z]\.){2,}|[A-Z]{2,5})(?![\w'\u2019])")
#: Number words: "Two" opening a sentence, or a headline run into its body, is no name.
NUMBER_WORDS = frozenset("one two three four five six seven eight nine ten eleven twelve thirteen fifteen twenty "
                         "thirty forty fifty hundred hundreds thousand thousands million millions billion dozen "
                         "dozens".split())
# Capitalized words that are not names on their own.
_NOT_NAMES = frozenset(
    "The A An This That These Those It Its He She They We I You His Her Their Our In On At For "
    "But And Or If As After Before Since While When Where What Who Why How Meanwhile However "
    "Instead Overall Asked Unlike Many Some Several Both Each Every Previous Falling Under Over According "
    "Mr Mrs Ms Dr President Minister Prime Foreign Secretary Secretary-General Mayor Gov Governor "
    "Spokesman Spokeswoman Chancellor King Queen Prince General Senator Representative Envoy Ambassador "
    "Chairman Director Adviser Advisor Aide Official Officials Top Senior Former TV "
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May "
    "June July August September October November December Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec "
    "AND OR THE OF TO IN ON AT FOR BY BUT NOT ALL NEW NOW AM PM ST POOL PHOTO FILE VIDEO WATCH READ MORE "
    "UPDATE UPDATED BREAKING EXCLUSIVE LIVE OPINION ANALYSIS EDITOR NOTE".split()) | frozenset(
    w.capitalize() for w in NUMBER_WORDS)
#: Photo agencies and credit words: a name in a picture credit ("Getty Images", "POOL") is no actor.
_CREDITS = frozenset({"Getty Images", "Getty", "AFP via Getty Images", "Shutterstock", "EPA-EFE", "AP Photo",
                      "AFP Photo", "Reuters Photo", "Reuters Pictures", "Sputnik via Reuters", "Pool", "Kremlin Pool"})
_REGIONS = frozenset("North South East West Central Latin Western Eastern Northern Southern Middle".split())
_POSSESSIVE = re.compile(r"['\u2019]s?$")
_DEMONYM = re.compile(r"^[A-Z][a-z]+(?:ian|ean|ese|ish)$|^(?:German|American|African|Korean|Mexican|"
                      r"Cuban|Chilean|Moroccan|Venezuelan|Kenyan|Thai|Iraqi|Israeli|Pakistani|Afghan|Greek|"
                      r"Dutch|French|Swiss|Polish|Czech|Slovak|Turkish|European)$")

Method = Literal["rules", "spacy"]


#: English function words: a capitalized one opens a sentence or stands in a headline, it is no
#: name ("Get ST's newsletters", "Trump Bows Out").
FUNCTION_WORDS = frozenset(
    "a an the of to in on at for and or nor but by with as vs from into onto over under out up down off about "
    "after before since than then so not no all any some more most just also only even still here there now "
    "how why what when where who whom whose which this that these those it its he she they we you i his her "
    "their our your my me him them us is are was were be been being am has have had do does did will would "
    "shall should can could may might must get gets got let lets new anything everything nothing "
    "something anyone everyone someone nobody top senior former".split()) | NUMBER_WORDS


_LOWER = re.compile(r"(?<![\w'\u2019-])[a-z]+(?![\w'\u2019-])")


def case_counts(texts) -> tuple[Counter, Counter]:
    """How often each word is written capitalized in mid-sentence (:data:`_ELSEWHERE`), and
    how often each word is written in lower case."""
    return (Counter(w for t in texts for w in _ELSEWHERE.findall(t)),
            Counter(w for t in texts for w in _LOWER.findall(t)))


def common_words(capitalized: Counter, lower: Counter) -> set[str]:
    """Capitalized words the corpus writes in lower case at least as often ("Fish" of "Fish and
    Wildlife Service"): common words, not names of their own (see :func:`_runs`).

    Examples
    --------
    >>> capitalized, lower = case_counts(["The Fish and Wildlife Service met Trump.", "Fish swim; fish eat.",
    ...                                   "He saw Trump and the fish."])
    >>> sorted(common_words(capitalized, lower))
    ['Fish']
    """
    return {w for w, n in capitalized.items() if lower[w.lower()] >= n}


def _is_candidate(name: str) -> bool:
    words = [re.sub(r"['\u2019]s$", "", w) for w in name.split()]
    name = " ".join(words)
    if name in _CREDITS or len(words) == 1 and name in _NOT_NAMES or _DEMONYM.match(words[-1]) and all(
            w in _REGIONS for w in words[:-1]):
        return False        # a demonym, also "Central American", is no actor
    # nor a demonym before titles ("Russian President"; but "Mr Tavish"), nor two demonyms joined
    # by a hyphen ("Russian-American")
    demonyms = next((k for k, w in enumerate(words) if not _DEMONYM.match(w)), len(words))
    return not all(w in _NOT_NAMES or w in ("of", "the") for w in words[demonyms:]) and not (
        len(words) == 1 and "-" in name and all(_DEMONYM.match(part) for part in name.split("-")))


#: Words that end the first part of an organization's name joined to the rest by "on" or "for"
#: ("Intergovernmental Panel on Climate Change", "Goddard Institute for Space Studies").
ORGANIZATION_WORDS = frozenset(
    "Council Panel Institute Center Centre Committee Coalition Association Foundation Bank Commission Office Program "
    "Programme Alliance Campaign Network League Board Bureau Fund Society Union Federation Agency Authority "
    "Conference Forum Initiative Project Partnership Trust Court Tribunal Caucus Ministry Department Organisation "
    "Organization Service Survey Administration".split())
_JOINED = re.compile(r"\s+(?:on|for)\s+(?:the\s+)?")
# "Office of Management and Budget", "Organisation for Economic Co-operation and Development": an
# organization's name that goes on after "and"
_OFFICE_OF = re.compile(rf"\b(?:{'|'.join(sorted(ORGANIZATION_WORDS))}) (?:of|for|on) ")
_ADJECTIVE = re.compile(r"[a-z](?:ic|al|ive|ous|ary|ory)$")
_DATES = frozenset("Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June "
                   "July August September October November December Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec "
                   "Today Tonight Tomorrow Yesterday".split())


def _runs(text: str, common: frozenset[str] | set[str] = frozenset()) -> list[tuple[int, int]]:
    """The runs of capitalized words of :data:`_NAME` as (start, end).

    An organization's name is one run where it goes on after a small word: joined by "on" or
    "for" ("Council on Foreign Relations"; not "Committee on Monday"); by "&" ("Procter &
    Gamble"); by "and" after "Office of", "Institute for" ... ("Office of Management and
    Budget"), or between a word the corpus mostly writes in lower case (``common``) and a name
    that ends with an organization's word ("Fish and Wildlife Service"; not "Trump and Justice
    Department"). A capitalized "The" inside a run starts a new one (a headline run into its
    body: "... of Americans The Environmental Protection Agency")."""
    runs: list[list[int]] = []
    for m in _NAME.finditer(text):
        pieces, start = [], m.start()
        for inner in re.finditer(r"\s+The(?=\s)", m.group()):
            pieces.append([start, m.start() + inner.start()])
            start = m.start() + inner.end() - 3          # "The ..." (a leading "The" is dropped later)
        pieces.append([start, m.end()])
        if runs and _goes_on(text[runs[-1][0]:runs[-1][1]], text[runs[-1][1]:pieces[0][0]],
                             text[pieces[0][0]:pieces[0][1]], common):
            runs[-1][1] = pieces.pop(0)[1]
        runs += pieces
    return [(a, b) for a, b in runs]


def _goes_on(before: str, between: str, after: str, common) -> bool:
    """Whether the run ``after`` continues the organization's name ``before`` (see :func:`_runs`)."""
    if after.split()[0] in _DATES:
        return False
    if between == " & ":
        return True
    if _JOINED.fullmatch(between):
        return before.split()[-1] in ORGANIZATION_WORDS
    if between != " and " or after.startswith("The "):
        return False
    if _OFFICE_OF.search(before):       # "Office of Management and Budget"; not "... of Justice and Bureau for ..."
        return after.split()[0] not in ORGANIZATION_WORDS
    # "Fish and Wildlife Service", "National Oceanic and Atmospheric Administration"
    last = before.split()[-1]
    return (last in common or bool(_ADJECTIVE.search(last))) and after.split()[-1] in ORGANIZATION_WORDS


def _rule_names(text: str, capitalized_elsewhere: set[str], *, keep_initial_names: bool = False,
                common: frozenset[str] | set[str] = frozenset()):
    """Runs of capitalized words: (start, name). With ``keep_initial_names``, a sentence's
    capitalized first word is kept when a capitalized word follows it and it is neither a word
    that is never a name nor a function word ("Kevin McCarthy said", not "The Kremlin said" or
    "Get ST's newsletters"). A leading "The" is not part of a name, and the possessive of a
    name written alone elsewhere ends one ("Trump's Twitter" is "Trump", "Twitter"; "Sam's
    Club" stays whole). ``common``: see :func:`_runs`."""
    for run_start, run_end in _runs(text, common):
        words = [(run_start + w.start(), w.group()) for w in re.finditer(r"\S+", text[run_start:run_end])]
        # A sentence's first word is capitalized anyway: keep it only if it is capitalized
        # somewhere else too; an all-caps opening ("KYIV, Ukraine") only if written so elsewhere.
        before = text[:run_start].rstrip()
        after_abbreviation = before.endswith(".") and before.split()[-1].rstrip(".").lower() in ABBREVIATIONS
        initial = (not before.strip("\"'\u2018\u201c(")
                   or before.endswith((":", ".", "!", "?", '"', "\u2018")) and not after_abbreviation)
        first = words[0][1]
        name_first = (keep_initial_names and len(words) > 1 and first not in _NOT_NAMES and not first.isupper()
                      and first.lower() not in FUNCTION_WORDS)         # "Get ST's newsletters" is no name
        if initial and not name_first and first not in capitalized_elsewhere:
            words = words[1:]
        while words:
            while words and words[0][1] in ("of", "the", "The"):
                words = words[1:]
            if not words:
                break
            cut = next((k + 1 for k, (_, w) in enumerate(words[:-1])
                        if _POSSESSIVE.search(w) and _POSSESSIVE.sub("", w) in capitalized_elsewhere), len(words))
            start, end = words[0][0], words[cut - 1][0] + len(words[cut - 1][1])
            yield start, re.sub(r"['\u2019]s?$", "", text[start:end])
            words = words[cut:]


def candidate_actors(sentences: pd.DataFrame, actors: ActorDictionary | None = None, *,
                     method: Method = "rules", min_count: int = 1, model: str = "en_core_web_sm") -> pd.DataFrame:
    """List proper names in the text that no dictionary entry covers, to grow the dictionary.

    Parameters
    ----------
    sentences : pandas.DataFrame
        The sentences table.
        Every part counts: headline, captions and body (to leave the first two out, pass
        :func:`toolkit.body_of` of the table).
    actors : ActorDictionary, optional
        Names covered by its surface forms are left out.
    method : {"rules", "spacy"}, default "rules"
        "rules" (offline, no model): runs of capitalized words, leaving out words at the start
        of a sentence or quotation that are never capitalized elsewhere, all-caps openings, lone demonyms
        ("Ukrainian") and titles. "spacy": the named entities (PERSON, ORG, GPE, NORP, LOC,
        FAC) of a spaCy model you have installed.
    min_count : int, default 1
        Leave out candidates seen fewer times.
    model : str, default "en_core_web_sm"
        The spaCy model, for ``method="spacy"``.

    Returns
    -------
    pandas.DataFrame
        One row per candidate: ``candidate, count, articles, outlets`` (how many, and which,
        joined with " | "), and one ``example`` sentence with its ``article_id`` and
        ``sentence``; most frequent first.

    Raises
    ------
    ValueError
        For an unknown method, or ``method="spacy"`` without spaCy or the model.

    Examples
    --------
    >>> import pandas as pd
    >>> s = pd.DataFrame({"article_id": ["a", "a"], "outlet": ["X", "X"], "sentence": [0, 1],
    ...     "text": ["RUSSIAN drones hit Ternivka, Gov. Ivan Petrov said.", "Petrov visited Ternivka on Monday."]})
    >>> candidate_actors(s)[["candidate", "count"]].values.tolist()
    [['Ternivka', 2], ['Ivan Petrov', 1], ['Petrov', 1]]
    """
    check_choice("method", method, Method)
    check_columns(sentences, ["article_id", "outlet", "sentence", "text"], what="the sentences table")
    found: list[tuple[str, str, str, int, str]] = []
    if method == "spacy":
        found = list(_spacy_names(sentences, model))
    else:
        capitalized, lower = case_counts(sentences["text"])
        capitalized_elsewhere, common = set(capitalized), common_words(capitalized, lower)
        for article_id, outlet, number, text in zip(sentences["article_id"], sentences["outlet"],
                                                     sentences["sentence"], sentences["text"]):
            covered = match_spans(text, actors) if actors is not None else []
            for start, name in _rule_names(text, capitalized_elsewhere, common=common):
                end = start + len(name)
                if any(a < end and b > start for a, b, *_ in covered) or not _is_candidate(name):
                    continue
                found.append((name, article_id, outlet, number, text))
    table = pd.DataFrame(found, columns=["candidate", "article_id", "outlet", "sentence", "example"])
    if table.empty:
        return pd.DataFrame(columns=CANDIDATE_COLUMNS)
    summary = table.groupby("candidate", sort=False).agg(
        count=("article_id", "size"), articles=("article_id", "nunique"),
        outlets=("outlet", lambda o: " | ".join(sorted(set(o)))), example=("example", "first"),
        article_id=("article_id", "first"), sentence=("sentence", "first")).reset_index()
    summary = summary[summary["count"] >= min_count]
    summary = summary.sort_values(["count", "candidate"], ascending=[False, True], kind="stable")
    return summary[CANDIDATE_COLUMNS].reset_index(drop=True)


def _spacy_names(sentences: pd.DataFrame, model: str):
    from ..text.nlp import LONG_SENTENCE, PipelineError, load_pipeline

    try:
        nlp = load_pipeline(model)
    except (ImportError, PipelineError) as err:
        raise ValueError(f"method='spacy' needs spaCy and its model {model!r} installed "
                         f"(pip install spacy, then the model); here: {err}") from None
    labels = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"}
    sentences = sentences[sentences["text"].str.len() <= LONG_SENTENCE]     # too long for the recognizer
    for doc, (article_id, outlet, number, text) in zip(
            nlp.pipe(sentences["text"]), sentences[["article_id", "outlet", "sentence", "text"]].itertuples(index=False)):
        for ent in doc.ents:
            if ent.label_ in labels:
                yield ent.text, article_id, outlet, number, text
