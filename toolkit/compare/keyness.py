"""Distinctive vocabulary: which words set one outlet apart (keyness), and the words in context.

:func:`keyness` is the log-odds ratio with an informative Dirichlet prior of Monroe, Colaresi
and Quinn (2008, "Fightin' words", *Political Analysis* 16(4): 372-403), section 3.5: each
word's log-odds in the target group minus its log-odds in the reference group, both smoothed
towards the word's frequency in the two groups together, divided by its standard error. The
z-score says how clearly a word's *rate* differs between the groups, taking into account how
often it occurs at all: a word used 3 times against 0 is not as telling as 30 against 0.

What it measures is word use, not meaning: read the sentences (:func:`kwic`) before saying an
outlet "prefers" a word. With two articles, a high z-score can be one author's habit.
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass
from collections import Counter

import numpy as np
import pandas as pd

from .._checks import check_columns
from ..text.normalize import cue_regex, terms, word_spans

#: The columns of :func:`keyness`.
KEYNESS_COLUMNS = ["term", "target", "reference", "n_target", "n_reference", "per_1000_target",
                   "per_1000_reference", "sentences_target", "sentences_reference", "log_odds", "z",
                   "key_for", "example_article_id", "example_sentence", "example", "method"]

#: Below this many words on a side, :func:`keyness` warns that the texts are too small.
MIN_WORDS = 5000


def _side(sentences: pd.DataFrame, group: str, values, name: str) -> pd.DataFrame:
    part = sentences[sentences[group].isin(values)]
    if part.empty:
        raise ValueError(f"{name} {', '.join(map(repr, values))} has no sentences; "
                         f"the values of {group!r} are {', '.join(map(repr, sorted(sentences[group].unique())))}")
    return part


@dataclass
class _Size:
    """The words and articles of a side (all the other groups)."""

    n: int
    articles: int


@dataclass
class _Counts:
    """Word counts of one side: words, sentences per word, first sentence per word, articles.

    ``articles`` is a number, not the article ids, so that the counts of a million articles
    stay as small as their vocabulary: batches never split an article, so their numbers add up.
    """

    words: Counter
    docs: Counter
    first: dict
    articles: int

    @property
    def n(self) -> int:
        return sum(self.words.values())

    @staticmethod
    def total(sides) -> "_Counts":
        out = _Counts(Counter(), Counter(), {}, 0)
        for side in sides:
            out.words.update(side.words)
            out.docs.update(side.docs)
            for t, example in side.first.items():
                out.first.setdefault(t, example)
            out.articles += side.articles
        return out


def _counts(part: pd.DataFrame) -> _Counts:
    words, docs, first = Counter(), Counter(), {}
    for article_id, sentence, text in zip(part["article_id"], part["sentence"], part["text"]):
        found = terms(text)
        words.update(found)
        for t in set(found):
            docs[t] += 1
            first.setdefault(t, (article_id, sentence, text))
    return _Counts(words, docs, first, part["article_id"].nunique())


def _other_examples(counts: dict) -> dict:
    """Each word's first examples among the groups (groups in their order), of up to two groups:
    the first example of a word among all the groups but one is one of them."""
    firsts = {}
    for g, side in counts.items():
        for t, example in side.first.items():
            found = firsts.setdefault(t, [])
            if len(found) < 2:
                found.append((g, example))
    return firsts


def keyness(sentences: pd.DataFrame, *, group: str = "outlet", target=None, reference=None,
            min_count: int = 3, prior: float = 1.0) -> pd.DataFrame:
    """Which words one group (an outlet) uses distinctively more or less than another.

    Parameters
    ----------
    sentences : pandas.DataFrame
        The sentences table (:func:`toolkit.split_sentences`); headlines and captions are
        counted as they come (filter on ``part`` to leave them out).
    group : str, default "outlet"
        The column that defines the groups.
    target : str or list of str, optional
        The group(s) to describe. Default: the first group in sorted order.
    reference : str or list of str, optional
        The group(s) to compare with. Default: every other group.
    min_count : int, default 3
        Leave out terms used fewer times than this in target and reference together: they
        cannot reach a meaningful z-score.
    prior : float, default 1.0
        Strength of the informative prior: the pseudo-count of a word is ``prior`` times its
        count in target and reference together (Monroe et al.'s choice is 1.0).

    Returns
    -------
    pandas.DataFrame
        One row per term (lower case, possessive 's removed): ``target`` and ``reference``
        (the groups, joined by " + "), ``n_target`` and ``n_reference`` (occurrences),
        ``per_1000_target`` and ``per_1000_reference`` (rates per 1,000 words),
        ``sentences_target`` and ``sentences_reference`` (how many sentences use it),
        ``log_odds`` (target minus reference, smoothed), ``z`` (log-odds over its standard
        error: positive means key for the target), ``key_for`` (the group it is key for when
        ``|z| >= 1.96``, else ""), and the first sentence using it on that side
        (``example_article_id``, ``example_sentence``, ``example``), and ``method`` (the prior and
        the minimum count). Sorted by ``z``, highest first.

    Raises
    ------
    ValueError
        If a side has no sentences or no words, the two sides overlap, or ``min_count`` or ``prior`` is not
        positive.

    Warns
    -----
    UserWarning
        When a side has fewer than 5,000 words (:data:`MIN_WORDS`) or only one article: the
        differences may be one writer's habits and should be read as leads, not findings.

    Examples
    --------
    >>> import toolkit, warnings
    >>> sentences = toolkit.split_sentences(toolkit.load_articles(toolkit.sample_data_path()))
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore")
    ...     table = keyness(sentences, target="Morning Star")
    >>> table.loc[table["term"] == "mr", ["n_target", "n_reference", "key_for"]].values.tolist()
    [[4, 0, '']]
    """
    check_columns(sentences, ["article_id", group, "sentence", "text"], what="the sentences table")
    if min_count < 1 or prior <= 0:
        raise ValueError(f"min_count must be at least 1 and prior above 0, not {min_count!r} and {prior!r}")
    groups = sorted(sentences[group].dropna().unique())
    if not groups:
        raise ValueError("the sentences table is empty: there is nothing to compare")
    targets = list(target) if isinstance(target, (list, tuple, set)) else [target] if target is not None else groups[:1]
    if reference is None:
        references = [g for g in groups if g not in targets]
        if not references:
            raise ValueError(f"keyness needs a reference: {group!r} has only {', '.join(map(repr, groups))}; "
                             "compare with another outlet, or pass reference=")
    else:
        references = list(reference) if isinstance(reference, (list, tuple, set)) else [reference]
    if set(targets) & set(references):
        raise ValueError(f"target and reference overlap: {sorted(set(targets) & set(references))}")
    a = _side(sentences, group, targets, "target")
    b = _side(sentences, group, references, "reference")
    side_a, side_b = _counts(a), _counts(b)
    for name, side, counts in (("target", targets, side_a), ("reference", references, side_b)):
        if counts.n == 0:
            raise ValueError(f"{name} {', '.join(map(repr, side))} has sentences but no words: nothing to compare")
    note = _small_note(" + ".join(map(str, targets)), side_a, " + ".join(map(str, references)), side_b)
    if note:
        warnings.warn(f"keyness: {note}: the z-scores are leads to read in context (kwic), "
                      "not evidence of a difference between outlets", UserWarning, stacklevel=2)
    return _score(side_a, side_b, " + ".join(map(str, targets)), " + ".join(map(str, references)),
                  min_count=min_count, prior=prior)


def _small_note(name_a: str, a: "_Counts", name_b: str, b: "_Counts") -> str:
    """Why a comparison is weak (small texts, one article a side), or ""."""
    small = [f"{name} {c.n:,} words" for name, c in ((name_a, a), (name_b, b)) if c.n < MIN_WORDS]
    single = [name for name, c in ((name_a, a), (name_b, b)) if c.articles == 1]
    return ((f"small texts ({'; '.join(small)}; fewer than {MIN_WORDS:,} on a side)" if small else "")
            + (" and " if small and single else "") + (f"one article only ({', '.join(single)})" if single else ""))


def _score(a: "_Counts", b: "_Counts", name_a: str, name_b: str, *, min_count: int, prior: float,
           top: int | None = None) -> pd.DataFrame:
    """The keyness table of two sides' counts (Monroe et al.'s log-odds with an informative prior)."""
    words_a, words_b = a.words, b.words
    vocabulary = sorted(t for t in set(words_a) | set(words_b) if words_a[t] + words_b[t] >= min_count)
    y_a = np.array([words_a[t] for t in vocabulary], dtype=float)
    y_b = np.array([words_b[t] for t in vocabulary], dtype=float)
    return _table(vocabulary, y_a, y_b, a.n, b.n, name_a, name_b, min_count=min_count, prior=prior, top=top,
                  docs=lambda kept: ([a.docs[vocabulary[i]] for i in kept], [b.docs[vocabulary[i]] for i in kept]),
                  example=lambda t, za: (a.first if za >= 0 and t in a.first or t not in b.first else b.first)[t])


def _table(vocabulary: list, y_a: np.ndarray, y_b: np.ndarray, n_a: int, n_b: int, name_a: str, name_b: str, *,
           min_count: int, prior: float, top: int | None, docs, example) -> pd.DataFrame:
    """The keyness table of the counts ``y_a``, ``y_b`` of each word of ``vocabulary`` (sorted)
    on two sides of ``n_a`` and ``n_b`` words: sorted by z, highest first, its ``top`` rows (all
    if None). ``docs(kept)`` gives the sentences using each kept word on each side, and
    ``example(term, z)`` the example sentence of a word: only the rows kept are looked up."""
    alpha = prior * (y_a + y_b)
    alpha0 = prior * (n_a + n_b)
    delta = (np.log((y_a + alpha) / (n_a + alpha0 - y_a - alpha))
             - np.log((y_b + alpha) / (n_b + alpha0 - y_b - alpha)))
    z = delta / np.sqrt(1 / (y_a + alpha) + 1 / (y_b + alpha))
    ranked = pd.DataFrame({"term": vocabulary, "z": z}).sort_values(["z", "term"], ascending=[False, True],
                                                                    kind="stable")
    kept = ranked.index.to_numpy()[:top]
    terms, z, delta, y_a, y_b = [vocabulary[i] for i in kept], z[kept], delta[kept], y_a[kept], y_b[kept]
    keys = [name_a if za >= 1.96 else name_b if za <= -1.96 else "" for za in z]
    examples = [example(t, za) for t, za in zip(terms, z)]
    docs_a, docs_b = docs(kept)
    # built column by column, so that an empty table (no word used min_count times) keeps numeric dtypes
    return pd.DataFrame({
        "term": terms, "target": name_a, "reference": name_b,
        "n_target": y_a.astype("int64"), "n_reference": y_b.astype("int64"),
        "per_1000_target": 1000 * y_a / n_a, "per_1000_reference": 1000 * y_b / n_b,
        "sentences_target": np.array(docs_a, dtype="int64"),
        "sentences_reference": np.array(docs_b, dtype="int64"),
        "log_odds": delta, "z": z, "key_for": keys,
        "example_article_id": [e[0] for e in examples],
        "example_sentence": np.array([e[1] for e in examples], dtype="int64"),
        "example": [e[2] for e in examples],
        "method": f"log-odds informative-dirichlet prior={prior} min_count={min_count}"}, columns=KEYNESS_COLUMNS)


def keyness_by_group(sentences: pd.DataFrame, *, group: str = "outlet", top: int = 50, min_count: int = 3,
                     prior: float = 1.0) -> pd.DataFrame:
    """:func:`keyness` of every group (outlet) against all the others, counting the words once.

    Parameters
    ----------
    sentences : pandas.DataFrame
        The sentences table; every part counts (pass :func:`toolkit.body_of` of it to leave
        headlines and captions out).
    group : str, default "outlet"
    top : int, default 50
        The words kept per group: those it uses most distinctively (largest z), whatever their
        z (``key_for`` says which reach 1.96).
    min_count, prior
        As in :func:`keyness`.

    Returns
    -------
    pandas.DataFrame
        The columns of :func:`keyness` (``target``: the group, ``reference``: "all others"),
        and ``note``: why the comparison is weak (small texts, one article), or "". Groups
        with no words, or with no other group to compare with, have no rows.

    Examples
    --------
    >>> import toolkit
    >>> sentences = toolkit.split_sentences(toolkit.load_articles(toolkit.sample_data_path()))
    >>> table = keyness_by_group(sentences, top=2)
    >>> table[["target", "term", "n_target", "n_reference"]].values.tolist()
    [['AP wire copy', 'that', 20, 2], ['AP wire copy', 'he', 11, 1], ['Morning Star', 'mr', 4, 0], ['Morning Star', 'port', 4, 0]]
    """
    check_columns(sentences, ["article_id", group, "sentence", "text"], what="the sentences table")
    return keyness_of_counts(group_counts(sentences, group=group), top=top, min_count=min_count, prior=prior)


def group_counts(sentences: pd.DataFrame, *, group: str = "outlet") -> dict:
    """The word counts of each group, to add up over batches (:func:`merge_counts`) and score
    (:func:`keyness_of_counts`): what :func:`keyness_by_group` does in one call."""
    return {g: _counts(part) for g, part in sentences.groupby(group, sort=True)}


def merge_counts(first: dict, second: dict) -> dict:
    """The counts of two batches of sentences, ``first`` before ``second`` (its examples come first)."""
    return {g: _Counts.total([c for c in (first.get(g), second.get(g)) if c is not None])
            for g in sorted({*first, *second}, key=str)}


def keyness_of_counts(counts: dict, *, top: int = 50, min_count: int = 3, prior: float = 1.0) -> pd.DataFrame:
    """:func:`keyness_by_group` from the counts of :func:`group_counts` (merged over batches)."""
    if min_count < 1 or prior <= 0 or top < 1:
        raise ValueError(f"min_count and top must be at least 1 and prior above 0, not {min_count!r}, {top!r} "
                         f"and {prior!r}")
    # each group against all the others, the others' counts being the total less the group's own
    # (where groups share articles, ``part``, an article counts once for each group it is in)
    vocabulary = sorted(set().union(*(side.words for side in counts.values())))
    index = {t: i for i, t in enumerate(vocabulary)}

    def dense(counter: Counter) -> np.ndarray:
        values = np.zeros(len(vocabulary), dtype="int64")
        values[np.fromiter((index[t] for t in counter), dtype="int64", count=len(counter))] = list(counter.values())
        return values
    total_words = sum((dense(side.words) for side in counts.values()), np.zeros(len(vocabulary), dtype="int64"))
    total_docs = sum((dense(side.docs) for side in counts.values()), np.zeros(len(vocabulary), dtype="int64"))
    scored = np.flatnonzero(total_words >= min_count)      # the same words on every side: own + others = total
    words = {g: dense(side.words)[scored] for g, side in counts.items()}
    terms = [vocabulary[i] for i in scored]
    n_total, articles = int(total_words.sum()), sum(side.articles for side in counts.values())
    firsts = _other_examples(counts)
    tables = []
    for g, own in counts.items():
        rest = _Size(n_total - own.n, articles - own.articles)
        if own.n == 0 or rest.n == 0:
            continue
        y_a = words[g]

        def example(t, za, own=own, g=g):
            other = next((e for h, e in firsts[t] if h != g), None)     # None: no other group uses it
            return own.first[t] if za >= 0 and t in own.first or other is None else other

        def docs(kept, own=own):
            mine = np.array([own.docs[terms[i]] for i in kept], dtype="int64")
            return mine, total_docs[scored[kept]] - mine
        table = _table(terms, y_a.astype(float), (total_words[scored] - y_a).astype(float), own.n, rest.n, str(g),
                       "all others", min_count=min_count, prior=prior, top=top, docs=docs, example=example)
        tables.append(table.assign(target=g, note=_small_note(str(g), own, "the others", rest)))
    if not tables:
        return pd.DataFrame(columns=[*KEYNESS_COLUMNS, "note"])
    return pd.concat(tables, ignore_index=True)


#: The columns of :func:`kwic`.
KWIC_COLUMNS = ["article_id", "outlet", "sentence", "left", "match", "right", "start", "end", "part"]


def kwic(sentences: pd.DataFrame, pattern, *, window: int = 6, regex: bool = False,
         case_sensitive: bool = False) -> pd.DataFrame:
    """Keyword in context: every occurrence of a word or phrase, with the words around it.

    Parameters
    ----------
    sentences : pandas.DataFrame
        The sentences table; every part is searched (headline and captions too: pass
        :func:`toolkit.body_of` of it to search the body only).
    pattern : str or list of str
        A word or phrase (``"Kiev"``, ``"peace talks"``), with an optional trailing ``*`` for
        any ending (``"negotiat*"``), or a list of them. With ``regex=True``, a regular expression.
    window : int, default 6
        How many words to show on each side (the sentence, not beyond).
    regex : bool, default False
    case_sensitive : bool, default False

    Returns
    -------
    pandas.DataFrame
        One row per occurrence, in corpus order: ``article_id``, ``outlet``, ``sentence``,
        ``left`` (the text from ``window`` words before), ``match`` (the text found), ``right``
        (to ``window`` words after; to the end of the sentence when it is that close), and
        ``start``/``end``, the character offsets of the match in the text of its ``part``
        (title, caption or body, as for sentences: :func:`toolkit.locate` finds it).
        :func:`side_by_side` puts the outlets next to each other.

    Raises
    ------
    ValueError
        If the pattern is empty or not valid, or ``window`` is negative.

    Examples
    --------
    >>> import toolkit
    >>> sentences = toolkit.split_sentences(toolkit.load_articles(toolkit.sample_data_path()))
    >>> kwic(sentences, "Kiev*", window=3)[["outlet", "left", "match", "right"]].values.tolist()
    [['Morning Star', 'have not moved ', 'Kiev', '.']]
    """
    check_columns(sentences, ["article_id", "outlet", "sentence", "start", "text"], what="the sentences table")
    if window < 0:
        raise ValueError(f"window must be 0 or more, not {window!r}")
    if regex:
        if not pattern:
            raise ValueError("the pattern is empty")
        try:
            compiled = re.compile(pattern, 0 if case_sensitive else re.IGNORECASE)
        except re.error as error:
            raise ValueError(f"the pattern {pattern!r} is not a valid regular expression: {error}") from None
    else:
        compiled = cue_regex([pattern] if isinstance(pattern, str) else pattern, case_sensitive=case_sensitive)
    rows = []
    parts = sentences["part"] if "part" in sentences.columns else ["body"] * len(sentences)
    for article_id, outlet, number, start, text, part in zip(sentences["article_id"], sentences["outlet"],
                                                             sentences["sentence"], sentences["start"],
                                                             sentences["text"], parts):
        spans = None
        for m in compiled.finditer(text):
            if m.end() == m.start():
                continue
            spans = spans if spans is not None else word_spans(text)
            before = [s for s in spans if s[1] <= m.start()]
            after = [s for s in spans if s[0] >= m.end()]
            left_from = before[-window][0] if window and len(before) >= window else 0 if window else m.start()
            right_to = after[window - 1][1] if window and len(after) > window else len(text) if window else m.end()
            rows.append({"article_id": article_id, "outlet": outlet, "sentence": number,
                         "left": text[left_from:m.start()], "match": m.group(), "right": text[m.end():right_to],
                         "start": start + m.start(), "end": start + m.end(), "part": part})
    return pd.DataFrame(rows, columns=KWIC_COLUMNS)


def side_by_side(table: pd.DataFrame, *, group: str = "outlet") -> pd.DataFrame:
    """Lay a keyword-in-context table out with one column per outlet.

    Parameters
    ----------
    table : pandas.DataFrame
        The result of :func:`kwic`.
    group : str, default "outlet"

    Returns
    -------
    pandas.DataFrame
        One column per group (sorted), one row per occurrence number; each cell reads
        ``left[match]right`` with the text's own spacing; empty where a group has fewer
        occurrences.

    Examples
    --------
    >>> import pandas as pd
    >>> table = pd.DataFrame({"outlet": ["A", "B", "B"], "left": ["in ", "to ", "from "],
    ...     "match": ["Kiev", "Kyiv", "Kyiv"], "right": [" today", "", "."]})
    >>> side_by_side(table).values.tolist()
    [['in [Kiev] today', 'to [Kyiv]'], ['', 'from [Kyiv].']]
    """
    check_columns(table, [group, "left", "match", "right"], what="the keyword-in-context table")
    lines = (table["left"] + "[" + table["match"] + "]" + table["right"]).str.strip()
    wide = {g: lines[table[group] == g].tolist() for g in sorted(table[group].unique())}
    depth = max((len(v) for v in wide.values()), default=0)
    return pd.DataFrame({g: v + [""] * (depth - len(v)) for g, v in wide.items()})

