"""Checks a student runs on the answer to a coding exercise of the course: right, or what is not yet right.

``toolkit.check_exercise("04-1", answer)`` compares the answer with what the toolkit computes itself, on
the corpus the lesson uses, and prints one friendly sentence: what is right, or the first thing to
look at again (never the answer). The questions asked in words are not checked: their worked
answers are in ``notebooks/solutions``.
"""

from __future__ import annotations

from functools import lru_cache

import pandas as pd

#: The exercises that have a check, and what each check wants.
EXERCISES = {
    "04-1": "the rows of Vladimir Putin in the framing table of the VADER window's scores",
    "05-1": "two tables of pairs: those the strict setting loses, those the loose setting adds",
    "06-1": "the articles grouped again (group_events(...).articles) and the threshold used",
}


def check_exercise(exercise: str, *answer, **options) -> bool:
    """Check the answer to a coding exercise and say, in one sentence, whether it is right.

    Parameters
    ----------
    exercise : str
        The lesson and exercise numbers, e.g. ``"04-1"`` (:data:`EXERCISES` lists them).
    *answer
        The tables the exercise asks for (the scaffold of the exercise's cell names them).
    **options
        What else the check needs (``threshold=`` for ``"06-1"``).

    Returns
    -------
    bool
        True when the answer is right. A message is printed either way.

    Raises
    ------
    ValueError
        If the exercise has no check.

    Examples
    --------
    >>> check_exercise("04-1", "a sentence")
    Not yet: give the check a table (a pandas DataFrame), not str.
    False
    """
    if exercise not in EXERCISES:
        raise ValueError(f"exercise must be one of {', '.join(map(repr, EXERCISES))}, not {exercise!r}")
    tables = [a for a in answer if isinstance(a, pd.DataFrame)]
    if len(tables) != len(answer) or not answer:
        wrong = next((type(a).__name__ for a in answer if not isinstance(a, pd.DataFrame)), "nothing")
        return _say(f"give the check a table (a pandas DataFrame), not {wrong}.")
    return _say(*_CHECKS[exercise](*answer, **options))


def _say(problem: str, right: str = "") -> bool:
    print(f"Right: {right}" if not problem else f"Not yet: {problem}")
    return not problem


def _missing(table: pd.DataFrame, columns: list[str]) -> str:
    lacking = [c for c in columns if c not in table.columns]
    return f"the table needs the column(s) {', '.join(lacking)}." if lacking else ""


@lru_cache(maxsize=1)
def _sample_tables():
    """The sample corpus as lessons 04 and 05 read it: sentences, mentions and quotes."""
    import toolkit
    articles = toolkit.load_articles(toolkit.sample_data_path())
    sentences = toolkit.split_sentences(articles)
    actors = toolkit.load_actors(toolkit.sample_actors_path())
    mentions = toolkit.find_mentions(sentences, actors)
    return sentences, mentions, toolkit.extract_quotes(sentences, actors, mentions=mentions)


def _putin(method: str) -> pd.DataFrame:
    import toolkit
    sentences, mentions, quotes = _sample_tables()
    table = toolkit.framing_table(toolkit.score_mentions(mentions, sentences, method=method, quotes=quotes), quotes)
    return table[table["actor"] == "Vladimir Putin"].set_index("outlet")


def _check_04_1(answer: pd.DataFrame) -> tuple[str, str]:
    problem = _missing(answer, ["outlet", "mean_score", "n"])
    if problem:
        return problem + " framing_table gives them.", ""
    if "actor" in answer and set(answer["actor"]) != {"Vladimir Putin"}:
        return "keep only the rows of the actor Vladimir Putin.", ""
    mine = answer.set_index("outlet")[["mean_score", "n"]].sort_index()
    for method, hint in (("newsmtsc-linear", "these are the linear model's means: score the mentions with the "
                                             "VADER window (its name is in help(toolkit.score_mentions))."),
                         ("vader-window", "")):
        expected = _putin(method)[["mean_score", "n"]].sort_index()
        if mine.index.equals(expected.index) and (mine["n"] == expected["n"]).all() and \
                ((mine["mean_score"] - expected["mean_score"]).abs() < 1e-9).all():
            if hint:
                return hint, ""
            return "", ("the VADER window's mean tone towards Putin in each outlet, with the number of mentions "
                        "behind it. Now compare it with the linear model's (the framing table of section 4) and "
                        "answer the questions in words.")
    return ("the means differ from the VADER window's on the lesson's tables: use method='vader-window' with the "
            "lesson's mentions, sentences and quotes, one row per outlet."), ""


@lru_cache(maxsize=3)
def _pair_keys(threshold: float | None) -> frozenset:
    """The pairs of lesson 05 (the sample's bodies, their mentions) at a threshold (None: the default)."""
    import toolkit
    body = toolkit.split_sentences(toolkit.load_articles(toolkit.sample_data_path()), parts=("body",))
    mentions = toolkit.find_mentions(body, toolkit.load_actors(toolkit.sample_actors_path()))
    options = {} if threshold is None else {"threshold": threshold, "mutual_threshold": threshold}
    pairs = toolkit.align(body, mentions=mentions, **options)
    return frozenset(zip(pairs["sentence_a"], pairs["sentence_b"]))


def _check_05_1(lost: pd.DataFrame, gained: pd.DataFrame | None = None) -> tuple[str, str]:
    if gained is None:
        return "give the check two tables: the pairs the strict setting loses, and those the loose one adds.", ""
    for table in (lost, gained):
        problem = _missing(table, ["sentence_a", "sentence_b"])
        if problem:
            return problem + " Keep the columns of align's pairs.", ""
    default, strict, loose = _pair_keys(None), _pair_keys(0.25), _pair_keys(0.10)
    for name, table, expected in (("lost", lost, default - strict), ("added", gained, loose - default)):
        mine = set(zip(table["sentence_a"], table["sentence_b"]))
        if mine != expected:
            extra, missing = len(mine - expected), len(expected - mine)
            return (f"the pairs {name} are not right yet ({missing} missing, {extra} too many). Compare with the "
                    "pairs of section 1 (the default setting), and give both thresholds of each setting.", "")
    return "", (f"the strict setting loses {len(default - strict)} pairs and the loose one adds {len(loose - default)}. "
                "Now read them with the annotator's relation, and answer in words.")


def _check_06_1(grouped: pd.DataFrame, *, threshold: float | None = None) -> tuple[str, str]:
    import toolkit
    if threshold is None:
        return "say which threshold the table was grouped with: toolkit.check_exercise(\"06-1\", grouped, threshold=...).", ""
    problem = _missing(grouped, ["article_id", "event"])
    if problem:
        return problem + " Give the articles table of group_events(...).", ""
    articles = _practice_articles()
    expected = toolkit.group_events(articles, threshold=threshold).articles
    if len(grouped) != len(expected):
        return (f"the table has {len(grouped)} articles; the practice corpus has {len(expected)}. Group all of "
                "study.articles.", "")
    if "method" in grouped and grouped["method"].eq("given").all():
        return "the events are the ones you gave: drop the event column of the articles before you group them.", ""
    mine = {frozenset(ids) for ids in grouped.groupby("event")["article_id"].agg(frozenset)}
    truth = {frozenset(ids) for ids in expected.groupby("event")["article_id"].agg(frozenset)}
    if mine != truth:
        return (f"group_events with threshold={threshold} makes {len(truth)} events of these articles; your table "
                f"has {len(mine)}. Did you drop the event column and pass threshold={threshold}?"), ""
    return "", (f"at threshold {threshold}, {len(truth)} events. Now compare them with the truth (section 1's table) "
                "and answer in words.")


@lru_cache(maxsize=1)
def _practice_articles() -> pd.DataFrame:
    import toolkit
    return toolkit.load_corpus(toolkit.events_corpus_path()).articles.drop(columns="event", errors="ignore")


_CHECKS = {"04-1": _check_04_1, "05-1": _check_05_1, "06-1": _check_06_1}
