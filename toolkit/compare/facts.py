"""Facts: sets of sentences of different articles that all report the same thing.

A fact is built from the pairs of :func:`toolkit.align` by constrained average-link
clustering, never by chaining pairs into connected components (where "A is like B and B is
like C" put A and C in one fact, and one story's facts fused into one):

- the pairs are taken from the most similar down; a pair counts only if its sentences share
  at least :data:`MIN_SHARED` words, actors or numbers and are :data:`PARAPHRASE` alike (or
  share :data:`MANY_SHARED`), or are :data:`SURE` alike with most of their words shared
  (:func:`may_join`), and it joins the two facts its sentences belong to only if
  - the two facts share no article (a fact holds at most one sentence of each article),
  - the mean similarity between their sentences, all pairs counted (average link), is at
    least ``link``, and
  - no two of their sentences share nothing at all (every pair above ``floor``);
- similarities are the cosines of :mod:`toolkit.compare.alignment` (shared content words,
  actors and numbers), so a member of a fact is close to the fact as a whole, not to one
  other member only.

Sentences that carry no fact are left out before the pairing (:func:`furniture_reason`):
fragments with fewer than :data:`MIN_CONTENT_WORDS` content words (credit lines, datelines,
a bare place name or "403"), and short credit lines, bylines and newsletter prompts. They are
never facts, leads or omissions.
"""

from __future__ import annotations

import re
from functools import lru_cache

import numpy as np

#: Default least mean similarity between the sentences of two facts joined into one (chosen on
#: the BASIL development gold, ``devtools.fact_eval``).
LINK = 0.3

#: Least similarity of every pair of sentences in one fact (they share something).
FLOOR = 0.05

#: A pair of sentences starts a fact (or joins two) only if they share at least this many
#: features (content words, actors, numbers), or are at least :data:`SURE` alike: pairs that
#: share two or three words are as often two facts as one (BASIL development gold).
MIN_SHARED = 4

#: See :data:`MIN_SHARED` (a quotation repeated word for word shares few words but is one fact).
SURE = 0.5

#: A pair that shares :data:`MIN_SHARED` features but fewer than :data:`MANY_SHARED` must be at
#: least this alike: at lower similarity such pairs share a topic ("indictment", "Stone",
#: "WikiLeaks") more often than a claim (BASIL, facts read outside the gold events).
PARAPHRASE = 0.4

#: See :data:`PARAPHRASE`.
MANY_SHARED = 5

#: A pair admitted as :data:`SURE` alike with fewer than :data:`MIN_SHARED` shared features must
#: share at least this share of the features of the two sentences together (Jaccard): a short
#: quotation repeated ("God help us.") is one fact, a short sentence inside a long one on another
#: claim ("Not a one defended Lieberman." / "Mr. McCain defended Mr. Lieberman, who ...") is not.
SURE_OVERLAP = 0.5

#: An outlet whose closest sentence has at least this mean similarity to a fact's sentences may
#: report it in other words (in a sentence counted under another fact): its absence is no
#: omission (chosen on the BASIL development gold).
OTHER_WORDS = 0.12

#: A line that does not end like a sentence (a headline, a credit, a dateline) with fewer content
#: words than this is a fragment, not a fact: numbers, days, months and words of page furniture do
#: not count. A sentence that ends like one is a fragment only with no content word or fewer than
#: three words ("Why?", "TEAR gas.", a tabloid's teaser): "Several more were wounded." reports a fact.
MIN_CONTENT_WORDS = 3

#: The end of a sentence: its punctuation, then closing quotes or brackets.
_SENTENCE_END = re.compile(r"[.!?…][\"'’”)\]]*\s*$")

#: Words that do not count towards a sentence's content: days, months and page furniture.
NOT_CONTENT = """monday tuesday wednesday thursday friday saturday sunday january february march april may june
    july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec am pm gmt
    utc est edt bst cet updated published photo image picture file getty reuters afp ap pool credit video watch
    read click subscribe newsletter sign inbox email logo""".split()


@lru_cache(maxsize=1)
def _not_content() -> frozenset:
    from .alignment import _stem

    return frozenset(_stem(w) for w in NOT_CONTENT)


#: Short lines of page furniture that can survive cleaning glued into a sentence: a photo credit, a
#: byline ("By NAME and NAME", "By RFE/RL December 06, 2025"), a newsletter prompt.
_FURNITURE = re.compile(
    r"(?i)^\s*\(?(?:photo|image|picture|video|file photo|credit)s?\s*(?:by\b|:)"
    r"|\b(?:via|/)\s*getty images\b"
    r"|^\s*sign up\b|\bnewsletters?\b.*\binbox\b"
    r"|^\s*by\s+(?!(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun)[a-z]*\b)"
    r"(?-i:[A-Z])[\w/&.'-]*(?:\s+(?:and\s+)?(?-i:[A-Z])[\w/&.'-]*){0,5}(?:\s*[,|\u00b7\u2022-]\s*[^,]{0,40}|\s+\d.*)?$")

#: A dateline left as a sentence of its own: a place in capitals and a date ("MOSCOW, December 3.").
_DATELINE = re.compile(r"^[A-Z][A-Z.'-]+(?:\s+[A-Z][A-Z.'-]+)*\s*(?:\([^)]{1,30}\)\s*)?[,\u2014\u2013-]\s*[\w .,]{0,25}\d[\w .,]{0,12}$")

#: Furniture patterns apply to sentences up to this many characters.
FURNITURE_LENGTH = 90


def furniture_reason(text: str) -> str:
    """Why a sentence carries no fact (``"fragment"``, ``"credit, byline or prompt"``, ``"dateline"``),
    or ``""``.

    Parameters
    ----------
    text : str
        The sentence.

    Returns
    -------
    str

    Examples
    --------
    >>> furniture_reason("AFP via Getty Images"), furniture_reason("All news")
    ('credit, byline or prompt', 'fragment')
    >>> furniture_reason("Sign up now: get ST's newsletters delivered to your inbox")
    'credit, byline or prompt'
    >>> furniture_reason("Two of his fund-raisers have already been charged.")
    ''
    >>> furniture_reason("By March 2017, when the inquiry opened, he was already under investigation.")
    ''
    >>> furniture_reason("Several more were wounded."), furniture_reason("TEAR gas."), furniture_reason("FLORIDA")
    ('', 'fragment', 'fragment')
    >>> furniture_reason("MOSCOW, December 3."), furniture_reason("KYIV (Reuters) - 5 December 2025")
    ('dateline', 'dateline')
    """
    from ..text.normalize import _WORD

    if len(text) <= FURNITURE_LENGTH and _FURNITURE.search(text):
        return "credit, byline or prompt"
    if len(text) <= 45 and _DATELINE.match(text.strip()):
        return "dateline"
    if _SENTENCE_END.search(text):
        return "fragment" if _content_words_upto(text, 1) == 0 or len(_WORD.findall(text)) < 3 else ""
    return "fragment" if _content_words_upto(text, MIN_CONTENT_WORDS) < MIN_CONTENT_WORDS else ""


def _content_words_upto(text: str, enough: int) -> int:
    """How many content words a text has (its :func:`toolkit.compare.alignment.content_words`
    that are neither numbers nor :data:`NOT_CONTENT`), counted up to ``enough``: a long sentence
    is not stemmed to its end."""
    from .alignment import _NUMBER, _WORD, _stem, _stop_words
    from ..text.normalize import term

    stop, not_content, count = _stop_words(), _not_content(), 0
    for word in _WORD.findall(text):
        counted = term(word)
        if counted in stop or _NUMBER.fullmatch(counted) or _stem(counted) in not_content:
            continue
        count += 1
        if count >= enough:
            break
    return count


def may_join(similarity: float, shared: int, union: int) -> bool:
    """Whether a pair of sentences may start a fact or join two (see the module).

    Parameters
    ----------
    similarity : float
        The pair's cosine similarity.
    shared, union : int
        The number of features (content words, actors, numbers) the two sentences share, and
        the number of features of the two together.

    Returns
    -------
    bool

    Examples
    --------
    >>> may_join(0.45, 4, 20), may_join(0.33, 4, 18), may_join(0.33, 5, 22)
    (True, False, True)
    >>> may_join(1.0, 2, 2), may_join(0.56, 2, 7)
    (True, False)
    """
    if shared >= MIN_SHARED and (similarity >= PARAPHRASE or shared >= MANY_SHARED):
        return True
    return similarity >= SURE and shared >= SURE_OVERLAP * union


def cluster_facts(similarity, articles: np.ndarray, pairs, *, link: float = LINK, floor: float = FLOOR) -> np.ndarray:
    """Group sentences into facts from their pairs (constrained average link; see the module).

    Parameters
    ----------
    similarity : callable
        ``similarity(a, b)``: the similarities of the sentences (rows) ``a`` to the sentences
        ``b``, as an array of ``len(a)`` by ``len(b)``.
    articles : numpy.ndarray
        The article of each sentence (row).
    pairs : iterable of (int, int, float)
        Candidate pairs of sentences (rows) with their similarity.
    link, floor : float
        See :data:`LINK` and :data:`FLOOR`.

    Returns
    -------
    numpy.ndarray
        A group number per sentence (the smallest row of its fact); a sentence in no pair is
        its own fact.

    Examples
    --------
    Sentences 0 and 1 are alike, 1 and 2 are alike, 0 and 2 share nothing: chaining would make
    one fact of the three, average link keeps two.

    >>> sims = np.array([[1, 0.6, 0], [0.6, 1, 0.64], [0, 0.64, 1]])
    >>> def similarity(a, b):
    ...     return sims[np.ix_(a, b)]
    >>> cluster_facts(similarity, np.array(["a", "b", "c"]), [(0, 1, 0.6), (1, 2, 0.64)]).tolist()
    [0, 1, 1]

    Two sentences of one article are never one fact:

    >>> sims[0, 2] = sims[2, 0] = 0.5
    >>> cluster_facts(similarity, np.array(["a", "b", "b"]), [(0, 1, 0.6), (1, 2, 0.64), (0, 2, 0.5)]).tolist()
    [0, 0, 2]
    """
    group = np.arange(len(articles))
    members: dict[int, list[int]] = {}
    for x, y, _ in sorted(pairs, key=lambda p: (-p[2], p[0], p[1])):
        gx, gy = group[x], group[y]
        if gx == gy:
            continue
        a, b = members.get(gx, [gx]), members.get(gy, [gy])
        if set(articles[a]) & set(articles[b]):
            continue
        sims = similarity(a, b)
        if sims.mean() < link or sims.min() < floor:
            continue
        keep, gone = min(gx, gy), max(gx, gy)
        joined = sorted(a + b)
        group[joined] = keep
        members[keep] = joined
        members.pop(gone, None)
    return group


def fact_validation() -> "pd.DataFrame":
    """How well the facts agreed with hand-annotated gold standards, as measured with the default
    settings (``python -m devtools.fact_eval``).

    Returns
    -------
    pandas.DataFrame
        One row per gold set: ``gold_set``, ``role`` (development or held out), ``data``,
        ``events``, ``articles``, ``sentences`` and ``outlets`` (the most of one event),
        ``predicted`` and ``gold`` (sentence pairs of different articles put in one fact / in
        one gold fact), ``right``, ``precision``, ``recall``, ``f1``, ``largest_fact``,
        ``gold_article_pairs`` and ``recall_articles`` (the share of gold facts shared by two
        articles that the toolkit links between them), ``omissions`` and ``real_omissions``
        (the share of the omissions found that the gold confirms), ``gold_omissions`` and
        ``omissions_found`` (the gold's omissions, and those the toolkit finds), ``leads``,
        ``leads_shared`` and ``leads_right`` (leads scored, shared in the gold, and rightly
        called shared or not).

    Examples
    --------
    >>> table = fact_validation()
    >>> table["gold_set"].tolist()
    ['fictional', 'basil-dev', 'basil-heldout']
    >>> table.loc[table["gold_set"] == "fictional", ["precision", "real_omissions"]].round(2).values.tolist()
    [[0.85, 0.97]]
    """
    import json

    import pandas as pd

    from .._files import resource_path

    path = resource_path("validation/facts.json")
    return pd.DataFrame(json.loads(path.read_text(encoding="utf-8"))["figures"])


def fact_validation_text(figures: "pd.DataFrame | None" = None) -> str:
    """The measured figures of the facts on held-out gold standards, in one plain sentence (for the
    report and the lessons, so that no figure is typed by hand).

    Examples
    --------
    >>> print(fact_validation_text())  # doctest: +NORMALIZE_WHITESPACE
    On events annotated by hand and kept out of the tuning (fictional: 3 events x 4 outlets; BASIL: 5 real events
    x 3 US outlets), 85 % and 86 % of the pairs of sentences put in one fact were the same fact; 44 % and 46 % of
    the facts two articles share were found in both; 37 of 38 and 7 of 7 omissions were real, but they were 38 of 131
    and 8 of 64 of the omissions the annotators found (omissions are a floor, not a count); 10 of 12 and 9 of 15
    leads were rightly called shared or not.
    """
    table = (fact_validation() if figures is None else figures).set_index("gold_set")
    rows = [table.loc[name] for name in ("fictional", "basil-heldout")]

    def both(form):
        return " and ".join(form(r) for r in rows)

    fictional, basil = rows
    return ("On events annotated by hand and kept out of the tuning (fictional: "
            f"{fictional.events} events x {fictional.outlets} outlets; BASIL: {basil.events} real events x "
            f"{basil.outlets} US outlets), {both(lambda r: f'{r.precision:.0%}'.replace('%', ' %'))} of the pairs of "
            "sentences put in one fact were the same fact; "
            f"{both(lambda r: f'{r.recall_articles:.0%}'.replace('%', ' %'))} of the facts two articles share "
            "were found in both; "
            f"{both(lambda r: f'{round(r.real_omissions * r.omissions)} of {r.omissions}')} omissions were "
            f"real, but they were {both(lambda r: f'{r.omissions_found} of {r.gold_omissions}')} of the omissions "
            "the annotators found (omissions are a floor, not a count); "
            f"{both(lambda r: f'{r.leads_right} of {r.leads}')} leads were rightly called shared or not.")
