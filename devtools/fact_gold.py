"""Reading and checking a gold standard of facts across outlets (``data/gold/facts/``).

A fact gold standard marks, for every sentence of the articles of one or more events (the
toolkit's own sentences: ``split_sentences(load_articles(...))``, title ``-1``, captions ``-2``,
..., body from ``0``), the facts it asserts: a fact is a specific occurrence, statement or claim,
and the sentences that share a fact id all report that same thing, in whatever words or figures.
It measures how the toolkit groups the sentences of different outlets into facts.

The format (``data/gold/facts/README.md``): a JSON Lines file, one object per sentence::

    {"event": "F1", "article_id": "...", "outlet": "...", "part": "body", "sentence": 7,
     "start": 1234, "end": 1300, "text": "<exact sentence text>",
     "facts": ["F1-F3", "F1-F9"], "kind": "fact", "note": "optional"}

``kind`` is ``fact`` (asserts at least one fact), ``comment`` (the outlet's own evaluation:
``facts`` lists nothing, or the facts it asserts) or ``furniture`` (bylines, credits, "Read more",
fragments: ``facts`` is empty). Fact ids are ``<event>-F<number>``. Beside it,
``<name>-facts.csv`` (``event, fact, summary``) says in one line what each fact is.

:func:`read_fact_gold` reads and checks each line; :func:`validate_fact_gold` checks the whole
against the corpus and returns the counts; ``python -m devtools.fact_gold`` prints them.
"""

from __future__ import annotations

import argparse
import itertools
import re
from pathlib import Path

import pandas as pd

from toolkit._checks import check_columns
from toolkit._files import json_lines

#: The fields every line of a fact gold file has (``note`` is optional).
FACT_GOLD_FIELDS = ("event", "article_id", "outlet", "part", "sentence", "start", "end", "text", "facts", "kind")
#: The kinds of sentence.
KINDS = ("fact", "comment", "furniture")
_PARTS = ("title", "caption", "body")
_EVENT_ID = re.compile(r"[A-Za-z][A-Za-z0-9_]*")
_FACT_NUMBER = re.compile(r"F[1-9][0-9]*")
#: How many problems :func:`validate_fact_gold` lists in its error message.
MAX_LISTED = 20


def fact_gold_path(name: str = "fictional") -> Path:
    """Return the path of a committed fact gold file (``data/gold/facts/<name>.jsonl``).

    Its corpus is the folder of the same name, its fact summaries ``<name>-facts.csv``.

    Parameters
    ----------
    name : str, default "fictional"

    Returns
    -------
    pathlib.Path

    Examples
    --------
    >>> fact_gold_path().name, fact_gold_path().with_suffix("").name
    ('fictional.jsonl', 'fictional')
    """
    from toolkit.loading.samples import sample_data_path

    return sample_data_path().parent / "gold" / "facts" / f"{name}.jsonl"


def _is_int(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _line_problem(row: dict) -> str | None:
    """What is wrong with one parsed line of a fact gold file, or None."""
    missing = [f for f in FACT_GOLD_FIELDS if f not in row]
    if missing:
        return f"missing field(s) {', '.join(missing)}"
    unknown = sorted(set(row) - set(FACT_GOLD_FIELDS) - {"note"})
    if unknown:
        return f"unknown field(s) {', '.join(unknown)}; the fields are {', '.join(FACT_GOLD_FIELDS)}, note"
    event = row["event"]
    if not isinstance(event, str) or not _EVENT_ID.fullmatch(event):
        return f"event {event!r} is not an event id (a letter, then letters, digits or _; e.g. 'E1')"
    for name in ("article_id", "outlet", "text"):
        if not isinstance(row[name], str) or not row[name].strip():
            return f"{name} must be a non-empty string, not {row[name]!r}"
    if row["part"] not in _PARTS:
        return f"part {row['part']!r} is not one of {', '.join(map(repr, _PARTS))}"
    for name in ("sentence", "start", "end"):
        if not _is_int(row[name]):
            return f"{name} must be a whole number, not {row[name]!r}"
    if not 0 <= row["start"] < row["end"]:
        return f"start {row['start']} and end {row['end']} are not offsets of a sentence (0 <= start < end)"
    if row["end"] - row["start"] != len(row["text"]):
        return f"end - start is {row['end'] - row['start']}, but the text has {len(row['text'])} characters"
    facts = row["facts"]
    if not isinstance(facts, list) or not all(isinstance(f, str) for f in facts):
        return f"facts must be a list of fact ids, not {facts!r}"
    for fact in facts:
        prefix, _, number = fact.partition("-")
        if prefix != event or not _FACT_NUMBER.fullmatch(number):
            return f"fact id {fact!r} is not of the form '{event}-F<number>' (the event's id, '-F', a number)"
    doubled = sorted({f for f in facts if facts.count(f) > 1})
    if doubled:
        return f"fact id(s) listed twice: {', '.join(doubled)}"
    kind = row["kind"]
    if kind not in KINDS:
        return f"kind {kind!r} is not one of {', '.join(map(repr, KINDS))}"
    if kind == "fact" and not facts:
        return "kind 'fact' but no facts: a sentence that asserts no fact is a 'comment' or 'furniture'"
    if kind == "furniture" and facts:
        return f"kind 'furniture' lists facts {facts}: page furniture asserts no fact"
    if "note" in row and not isinstance(row["note"], str):
        return f"note must be a string, not {row['note']!r}"
    return None


def read_fact_gold(path: str | Path) -> pd.DataFrame:
    """Read a fact gold file (JSON Lines), checking every line.

    Parameters
    ----------
    path : str or pathlib.Path
        The ``.jsonl`` file.

    Returns
    -------
    pandas.DataFrame
        One row per sentence, in the file's order: ``event, article_id, outlet, part, sentence,
        start, end, text, facts`` (a list of fact ids), ``kind, note`` ("" if none) and ``line``
        (the line of the file).

    Raises
    ------
    ValueError
        For a file with no lines, or a malformed line (not JSON, not an object, a field missing,
        unknown or of the wrong type, a malformed fact id or one of another event, a kind that
        does not fit its facts, the same sentence twice); the message names the file and the line.

    Examples
    --------
    >>> gold = read_fact_gold(fact_gold_path())
    >>> first = gold.iloc[0]
    >>> first["event"], first["part"], int(first["sentence"]), first["kind"], first["facts"]
    ('F1', 'title', -1, 'fact', ['F1-F1', 'F1-F2', 'F1-F3'])
    """
    path = Path(path)
    rows, seen = [], {}
    for number, value, error in json_lines(path.read_text(encoding="utf-8")):
        if error is None and not isinstance(value, dict):
            error = f"a JSON {type(value).__name__}, not an object"
        if error is None:
            error = _line_problem(value)
        if error:
            raise ValueError(f"{path}, line {number}: {error}")
        key = (value["article_id"], value["part"], value["sentence"])
        if key in seen:
            raise ValueError(f"{path}, line {number}: sentence {key[2]} ({key[1]}) of article {key[0]!r} is "
                             f"already on line {seen[key]}")
        seen[key] = number
        rows.append({**{f: value[f] for f in FACT_GOLD_FIELDS}, "note": value.get("note", ""), "line": number})
    if not rows:
        raise ValueError(f"{path}: no lines; a fact gold file has one JSON object per sentence")
    return pd.DataFrame(rows, columns=[*FACT_GOLD_FIELDS, "note", "line"])


def read_fact_summaries(path: str | Path) -> pd.DataFrame:
    """Read the fact summaries of a fact gold set (``<name>-facts.csv``: ``event, fact, summary``).

    Parameters
    ----------
    path : str or pathlib.Path

    Returns
    -------
    pandas.DataFrame
        ``event, fact, summary``, one row per fact.

    Raises
    ------
    ValueError
        For a missing column, a malformed fact id, a fact of another event, an empty summary or
        a fact listed twice; the message names the row (counting the header as row 1).

    Examples
    --------
    >>> summaries = read_fact_summaries(fact_gold_path().with_name("fictional-facts.csv"))
    >>> summaries.loc[0, "fact"], summaries.loc[0, "summary"][:30]
    ('F1-F1', 'The ferry Orvan Star capsized ')
    """
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    check_columns(table, ["event", "fact", "summary"], what=f"the fact summaries {path}")
    for row, (event, fact, summary) in enumerate(zip(table["event"], table["fact"], table["summary"]), start=2):
        prefix, _, number = fact.partition("-")
        if not _EVENT_ID.fullmatch(event) or prefix != event or not _FACT_NUMBER.fullmatch(number):
            raise ValueError(f"{path}, row {row}: fact {fact!r} of event {event!r} is not of the form "
                             "'<event>-F<number>'")
        if not summary.strip():
            raise ValueError(f"{path}, row {row}: fact {fact} has no summary")
    doubled = table["fact"][table["fact"].duplicated()].tolist()
    if doubled:
        raise ValueError(f"{path}: facts listed twice: {', '.join(doubled)}")
    return table[["event", "fact", "summary"]]


def _corpus_sentences(corpus) -> pd.DataFrame:
    """The toolkit's sentences of a corpus: a folder (each sub-folder loaded on its own, with its
    own manifest; or the folder itself if it has none) or an articles table."""
    from toolkit.loading.corpus import load_articles
    from toolkit.text.sentences import split_sentences

    if isinstance(corpus, pd.DataFrame):
        articles = corpus
    else:
        folder = Path(corpus)
        if not folder.is_dir():
            raise ValueError(f"corpus {folder} is not a folder")
        subfolders = sorted(p for p in folder.iterdir() if p.is_dir() and not p.name.startswith("."))
        articles = pd.concat([load_articles(p) for p in subfolders or [folder]], ignore_index=True)
    doubled = articles["article_id"][articles["article_id"].duplicated()].tolist()
    if doubled:
        raise ValueError(f"the corpus has these article ids more than once: {', '.join(doubled)}")
    return split_sentences(articles)


def _problems(gold: pd.DataFrame, summaries: pd.DataFrame, sentences: pd.DataFrame) -> list[str]:
    """Every disagreement of a gold table with its summaries and the corpus's sentences."""
    problems = []
    gold_ids, corpus_ids = set(gold["article_id"]), set(sentences["article_id"])
    problems += [f"article {a!r} is not in the corpus" for a in sorted(gold_ids - corpus_ids)]
    problems += [f"article {a!r} of the corpus has no lines" for a in sorted(corpus_ids - gold_ids)]
    for article_id, events in gold.groupby("article_id")["event"]:
        if events.nunique() > 1:
            problems.append(f"article {article_id!r} has lines of several events: {', '.join(sorted(set(events)))}")
    split = sentences.set_index(["article_id", "part", "sentence"])
    keys = list(zip(gold["article_id"], gold["part"], gold["sentence"]))
    for key, line, outlet, start, end, text in zip(keys, gold["line"], gold["outlet"], gold["start"], gold["end"],
                                                   gold["text"]):
        if key[0] not in corpus_ids:
            continue
        if key not in split.index:
            problems.append(f"line {line}: article {key[0]!r} has no {key[1]} sentence {key[2]}")
            continue
        found = split.loc[key]
        for name, value in (("text", text), ("start", start), ("end", end), ("outlet", outlet)):
            if found[name] != value:
                problems.append(f"line {line}: {name} {value!r} differs from the splitter's {found[name]!r}")
    annotated = set(keys)
    for key in split.index:
        if key[0] in gold_ids and key not in annotated:
            problems.append(f"article {key[0]!r}: {key[1]} sentence {key[2]} has no line "
                            f"({split.loc[key, 'text'][:60]!r})")
    used = {(e, f) for e, facts in zip(gold["event"], gold["facts"]) for f in facts}
    listed = set(zip(summaries["event"], summaries["fact"]))
    problems += [f"fact {f} ({e}) is not in the fact summaries" for e, f in sorted(used - listed)]
    problems += [f"fact {f} ({e}) of the fact summaries is on no line" for e, f in sorted(listed - used)]
    return problems


def fact_gold_counts(gold: pd.DataFrame) -> dict:
    """Count the articles, sentences and facts of a fact gold table.

    Parameters
    ----------
    gold : pandas.DataFrame
        From :func:`read_fact_gold` (``event, article_id, outlet, facts, kind`` are used, and
        ``part`` if present).

    Returns
    -------
    dict
        ``events, articles, sentences``; sentences by kind (``fact_sentences,
        comment_sentences, furniture_sentences``); ``facts``; facts reported by one outlet,
        two, three or more (``facts_one_outlet, facts_two_outlets, facts_three_plus_outlets``);
        ``cross_outlet_pairs`` (pairs of sentences of different outlets that share at least one
        fact, each pair counted once); ``repeats_in_article`` (pairs of a fact and an article
        that gives it in two or more sentences, headline included) and ``repeats_in_body`` (the
        same within the body alone); ``fact_sizes`` (number of sentences of a fact: number of
        facts of that size).

    Examples
    --------
    >>> gold = pd.DataFrame({"event": ["E1"] * 3, "article_id": ["a", "b", "b"], "outlet": ["A", "B", "B"],
    ...                      "facts": [["E1-F1"], ["E1-F1", "E1-F2"], []], "kind": ["fact", "fact", "comment"]})
    >>> counts = fact_gold_counts(gold)
    >>> counts["facts"], counts["facts_two_outlets"], counts["cross_outlet_pairs"], counts["fact_sizes"]
    (2, 1, 1, {1: 1, 2: 1})
    """
    check_columns(gold, ["event", "article_id", "outlet", "facts", "kind"], what="the fact gold table")
    columns = ["article_id", "outlet", "facts", *(["part"] if "part" in gold.columns else [])]
    members = gold[columns].explode("facts").dropna(subset=["facts"])
    outlets = members.groupby("facts")["outlet"].nunique()
    sizes = members.groupby("facts").size()
    per_article = members.groupby(["facts", "article_id"]).size()
    body = members[members["part"] == "body"] if "part" in members.columns else members
    per_article_body = body.groupby(["facts", "article_id"]).size()
    pairs = set()
    for _, group in members.groupby("facts"):
        rows = list(zip(group.index, group["outlet"]))
        pairs.update((a, b) for (a, oa), (b, ob) in itertools.combinations(rows, 2) if oa != ob)
    kinds = gold["kind"].value_counts()
    return {
        "events": int(gold["event"].nunique()),
        "articles": int(gold["article_id"].nunique()),
        "sentences": len(gold),
        **{f"{kind}_sentences": int(kinds.get(kind, 0)) for kind in KINDS},
        "facts": len(sizes),
        "facts_one_outlet": int((outlets == 1).sum()),
        "facts_two_outlets": int((outlets == 2).sum()),
        "facts_three_plus_outlets": int((outlets >= 3).sum()),
        "cross_outlet_pairs": len(pairs),
        "repeats_in_article": int((per_article > 1).sum()),
        "repeats_in_body": int((per_article_body > 1).sum()),
        "fact_sizes": {int(k): int(v) for k, v in sizes.value_counts().sort_index().items()},
    }


def validate_fact_gold(path: str | Path, corpus, *, summaries: str | Path | None = None) -> dict:
    """Check a fact gold file against its corpus and its fact summaries; return its counts.

    The checks: every line is well formed (:func:`read_fact_gold`); every article of the corpus
    has exactly one line per sentence of the toolkit's split (all parts) and no other line,
    with the text, offsets and outlet of the split; an article's lines are of one event; every
    fact on a line is in the summaries and every fact of the summaries is on a line.

    Parameters
    ----------
    path : str or pathlib.Path
        The ``.jsonl`` file.
    corpus : str, pathlib.Path or pandas.DataFrame
        The annotated articles: a folder (each sub-folder, one per event, is loaded on its own
        with its own manifest; a folder without sub-folders is loaded as it is) or an articles
        table (as :func:`toolkit.load_articles` returns it).
    summaries : str or pathlib.Path, optional
        The fact summaries; by default ``<name>-facts.csv`` beside ``<name>.jsonl``.

    Returns
    -------
    dict
        The counts of :func:`fact_gold_counts` for the whole file, and ``by_event``: the same
        counts for each event.

    Raises
    ------
    ValueError
        Listing the problems found (up to :data:`MAX_LISTED`, and how many there are), each
        naming the line or the article.

    Examples
    --------
    >>> path = fact_gold_path()
    >>> counts = validate_fact_gold(path, path.with_suffix(""))
    >>> counts["articles"], counts["sentences"], counts["facts"], counts["cross_outlet_pairs"]
    (12, 296, 160, 213)
    """
    path = Path(path)
    gold = read_fact_gold(path)
    summaries = Path(summaries) if summaries is not None else path.with_name(f"{path.stem}-facts.csv")
    problems = _problems(gold, read_fact_summaries(summaries), _corpus_sentences(corpus))
    if problems:
        listed = "\n".join(f"- {p}" for p in problems[:MAX_LISTED])
        more = f"\n... and {len(problems) - MAX_LISTED} more" if len(problems) > MAX_LISTED else ""
        raise ValueError(f"{path}: {len(problems)} problem(s):\n{listed}{more}")
    return {**fact_gold_counts(gold),
            "by_event": {event: fact_gold_counts(group) for event, group in gold.groupby("event", sort=True)}}


def main(argv=None) -> None:
    """Check a fact gold file and print its counts (``python -m devtools.fact_gold``)."""
    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("path", nargs="?", help="the .jsonl file (default: the committed fictional set)")
    parser.add_argument("corpus", nargs="?", help="the corpus folder (default: the .jsonl's name without .jsonl)")
    options = parser.parse_args(argv)
    path = Path(options.path) if options.path else fact_gold_path()
    counts = validate_fact_gold(path, options.corpus or path.with_suffix(""))
    by_event = counts.pop("by_event")
    for name, value in counts.items():
        print(f"{name}: {value}")
    for event, event_counts in by_event.items():
        print(f"{event}: " + ", ".join(f"{k}={v}" for k, v in event_counts.items() if k != "fact_sizes"))


if __name__ == "__main__":
    main()
