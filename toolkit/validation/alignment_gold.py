"""Checking sentence alignment and coverage against a hand-annotated gold standard.

A gold file (``data/gold/alignment/*.jsonl``) has one line per sentence of two articles:
``article_id``, ``sentence``, ``text``, ``topic`` and ``matches``, the sentences of the other
article that report the same fact (``same_fact``) or another aspect of the same event
(``same_event``). An empty ``matches`` means the sentence's fact is in its own outlet only.
``python -m devtools.alignment_eval`` scores the toolkit's gold files with it.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .._files import jsonl_records


def read_alignment_gold(path: str | Path) -> pd.DataFrame:
    """Read an alignment gold file.

    Parameters
    ----------
    path : str or pathlib.Path

    Returns
    -------
    pandas.DataFrame
        One row per sentence: ``article_id``, ``sentence``, ``text``, ``topic`` and
        ``matches`` (a list of ``(article_id, sentence, relation)``).

    Raises
    ------
    ValueError
        For a line that is not JSON or lacks a field, or a match that is not symmetric,
        naming the file and line.
    """
    rows, relations = [], {}
    for number, record in jsonl_records(path):
        missing = [k for k in ("article_id", "sentence", "text", "matches") if k not in record]
        if missing:
            raise ValueError(f"{path}, line {number}: missing field(s) {', '.join(missing)}")
        matches = [(m["article_id"], m["sentence"], m["relation"]) for m in record["matches"]]
        for article_id, sentence, relation in matches:
            relations[(record["article_id"], record["sentence"], article_id, sentence)] = (relation, number)
        rows.append({"article_id": record["article_id"], "sentence": record["sentence"], "text": record["text"],
                     "topic": record.get("topic", ""), "matches": matches})
    for (a, s, b, t), (relation, number) in relations.items():
        if relations.get((b, t, a, s), (None,))[0] != relation:
            raise ValueError(f"{path}, line {number}: the match {a}:{s} - {b}:{t} ({relation}) is not symmetric")
    return pd.DataFrame(rows, columns=["article_id", "sentence", "text", "topic", "matches"])


def evaluate_alignment(pairs: pd.DataFrame, gold: pd.DataFrame) -> dict:
    """Score predicted pairs against a gold standard.

    Parameters
    ----------
    pairs : pandas.DataFrame
        The table of :func:`toolkit.align`.
    gold : pandas.DataFrame
        The table of :func:`read_alignment_gold`.

    Returns
    -------
    dict
        ``predicted`` (pairs), ``precision`` (share of predicted pairs that are gold pairs of
        either relation), ``recall_same_fact`` and ``recall_any`` (shares of gold pairs found),
        and for coverage, the detection of one-outlet sentences (no counterpart at all):
        ``one_outlet_precision``, ``one_outlet_recall`` and ``sentence_accuracy`` (share of
        sentences rightly said to have, or not have, a counterpart).

    Examples
    --------
    >>> gold = pd.DataFrame({"article_id": ["a", "a", "b"], "sentence": [0, 1, 0], "text": ["", "", ""],
    ...     "topic": ["", "", ""], "matches": [[("b", 0, "same_fact")], [], [("a", 0, "same_fact")]]})
    >>> pairs = pd.DataFrame({"article_id_a": ["a"], "sentence_a": [0], "article_id_b": ["b"], "sentence_b": [0]})
    >>> evaluate_alignment(pairs, gold)["precision"], evaluate_alignment(pairs, gold)["one_outlet_recall"]
    (1.0, 1.0)
    """
    relation = {}
    for row in gold.itertuples():
        for article_id, sentence, rel in row.matches:
            relation[frozenset([(row.article_id, row.sentence), (article_id, sentence)])] = rel
    predicted = {frozenset([(a, s), (b, t)]) for a, s, b, t in
                 zip(pairs["article_id_a"], pairs["sentence_a"], pairs["article_id_b"], pairs["sentence_b"])}
    hits = [relation[p] for p in predicted if p in relation]
    n_fact = sum(r == "same_fact" for r in relation.values())
    linked = {key for p in predicted for key in p}
    has = {(r.article_id, r.sentence): bool(r.matches) for r in gold.itertuples()}
    gold_only = {k for k, v in has.items() if not v}
    said_only = {k for k in has if k not in linked}

    def share(a: float, b: float) -> float:
        return a / b if b else float("nan")

    return {"predicted": len(predicted), "gold_pairs": len(relation), "gold_same_fact": n_fact,
            "precision": share(len(hits), len(predicted)),
            "recall_same_fact": share(hits.count("same_fact"), n_fact), "recall_any": share(len(hits), len(relation)),
            "one_outlet_precision": share(len(gold_only & said_only), len(said_only)),
            "one_outlet_recall": share(len(gold_only & said_only), len(gold_only)),
            "sentence_accuracy": share(sum((k not in linked) == (k in gold_only) for k in has), len(has))}


def gold_sets(root: str | Path = "data/gold/alignment") -> dict[str, tuple[Path, Path]]:
    """The toolkit's alignment gold files and the articles they annotate."""
    root = Path(root)
    return {"sample (dev)": (root / "sample.jsonl", root.parent.parent / "raw"),
            "fictional-pair-1 (held out)": (root / "fictional-pair-1.jsonl", root / "fictional-pair-1"),
            "fictional-pair-2 (held out)": (root / "fictional-pair-2.jsonl", root / "fictional-pair-2")}
