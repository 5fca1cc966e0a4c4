"""Measuring quote extraction against hand-annotated gold quotes.

A gold file is JSON Lines, one quote per line, with at least ``doc_id`` (the article_id),
``kind``, ``text`` (exactly as in the cleaned article text), ``speaker`` and ``verb`` (see
``data/gold/quotes/README.md``). A predicted quote matches a gold quote of the same article when
their character spans overlap by at least half of the shorter one; pairs are matched one to
one, largest overlap first.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .._checks import check_columns
from .._files import jsonl_records

GOLD_FIELDS = ("doc_id", "kind", "text", "speaker", "verb")


def read_quote_gold(path: str | Path, articles: pd.DataFrame) -> pd.DataFrame:
    """Read gold quotes and locate each in its article's text.

    Parameters
    ----------
    path : str or pathlib.Path
        A JSON Lines file of gold quotes.
    articles : pandas.DataFrame
        The articles table holding the annotated articles (``article_id``, ``text``).

    Returns
    -------
    pandas.DataFrame
        The gold quotes with ``start`` and ``end`` offsets into the article text.

    Raises
    ------
    ValueError
        For a malformed line, a missing field, an unknown article or a text not found in it;
        the message names the line.
    """
    path = Path(path)
    texts = dict(zip(articles["article_id"], articles["text"]))
    rows, cursor = [], {}
    for number, row in jsonl_records(path):
        missing = [f for f in GOLD_FIELDS if f not in row]
        if missing:
            raise ValueError(f"{path}, line {number}: missing field(s) {', '.join(missing)}")
        text = texts.get(row["doc_id"])
        if text is None:
            raise ValueError(f"{path}, line {number}: article {row['doc_id']!r} is not in the articles table")
        start = text.find(row["text"], cursor.get(row["doc_id"], 0))
        if start < 0:
            start = text.find(row["text"])
        if start < 0:
            raise ValueError(f"{path}, line {number}: text not found in article {row['doc_id']!r}: {row['text'][:60]!r}")
        cursor[row["doc_id"]] = start
        rows.append({**row, "start": start, "end": start + len(row["text"])})
    return pd.DataFrame(rows)


def match_quotes(gold: pd.DataFrame, predicted: pd.DataFrame) -> list[tuple[int, int]]:
    """Pair gold and predicted quotes one to one by span overlap.

    Parameters
    ----------
    gold : pandas.DataFrame
        ``doc_id, start, end``.
    predicted : pandas.DataFrame
        ``article_id, start, end``.

    Returns
    -------
    list of tuple of int
        (gold row position, predicted row position) pairs.

    Examples
    --------
    >>> import pandas as pd
    >>> gold = pd.DataFrame({"doc_id": ["a", "a"], "start": [0, 50], "end": [20, 60]})
    >>> pred = pd.DataFrame({"article_id": ["a", "a"], "start": [2, 30], "end": [20, 40]})
    >>> match_quotes(gold, pred)
    [(0, 0)]
    """
    candidates = []
    for i, g in enumerate(gold[["doc_id", "start", "end"]].itertuples(index=False)):
        for j, p in enumerate(predicted[["article_id", "start", "end"]].itertuples(index=False)):
            if g.doc_id != p.article_id:
                continue
            overlap = min(g.end, p.end) - max(g.start, p.start)
            shorter = min(g.end - g.start, p.end - p.start)
            if shorter > 0 and overlap >= shorter / 2:
                candidates.append((overlap, i, j))
    pairs, used_g, used_p = [], set(), set()
    for _, i, j in sorted(candidates, key=lambda c: (-c[0], c[1], c[2])):
        if i not in used_g and j not in used_p:
            pairs.append((i, j))
            used_g.add(i)
            used_p.add(j)
    return sorted(pairs)


def _prf(correct: int, predicted: int, gold: int) -> dict:
    precision = correct / predicted if predicted else 0.0
    recall = correct / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"correct": correct, "predicted": predicted, "gold": gold,
            "precision": precision, "recall": recall, "f1": f1}


def score_quotes(gold: pd.DataFrame, predicted: pd.DataFrame) -> pd.DataFrame:
    """Precision, recall and F1 of quote extraction, overall and for quotes in quote marks.

    A quote counts as found when it matches a gold quote (see :func:`match_quotes`); its
    speaker (or verb, or kind) counts as correct when it also equals the gold value.

    Parameters
    ----------
    gold : pandas.DataFrame
        From :func:`read_quote_gold`.
    predicted : pandas.DataFrame
        The quotes table of the same articles.

    Returns
    -------
    pandas.DataFrame
        One row per ``subset`` ("all", "direct+mixed") × ``measure`` ("quotes", "speaker",
        "verb", "kind"): ``correct, predicted, gold, precision, recall, f1``.
    """
    check_columns(predicted, ["article_id", "start", "end", "speaker", "verb", "kind"], what="the quotes table")
    rows = []
    for subset, kinds in (("all", None), ("direct+mixed", ("direct", "mixed"))):
        g = gold if kinds is None else gold[gold["kind"].isin(kinds)]
        p = predicted if kinds is None else predicted[predicted["kind"].isin(kinds)]
        g, p = g.reset_index(drop=True), p.reset_index(drop=True)
        pairs = match_quotes(g, p)
        rows.append({"subset": subset, "measure": "quotes", **_prf(len(pairs), len(p), len(g))})
        for measure in ("speaker", "verb", "kind"):
            correct = sum(g.loc[i, measure] == p.loc[j, measure] for i, j in pairs)
            rows.append({"subset": subset, "measure": measure, **_prf(int(correct), len(p), len(g))})
    return pd.DataFrame(rows)


def quote_errors(gold: pd.DataFrame, predicted: pd.DataFrame) -> pd.DataFrame:
    """List the disagreements: missed gold quotes, spurious predictions, wrong speakers.

    Parameters
    ----------
    gold, predicted : pandas.DataFrame
        As for :func:`score_quotes`.

    Returns
    -------
    pandas.DataFrame
        ``error`` (missed, spurious, speaker, verb, kind), ``doc_id``, ``gold`` and
        ``predicted`` values, and the ``text`` concerned.
    """
    gold, predicted = gold.reset_index(drop=True), predicted.reset_index(drop=True)
    pairs = match_quotes(gold, predicted)
    rows = []
    matched_g = {i for i, _ in pairs}
    matched_p = {j for _, j in pairs}
    for i in range(len(gold)):
        if i not in matched_g:
            rows.append(("missed", gold.loc[i, "doc_id"], gold.loc[i, "speaker"], "", gold.loc[i, "text"]))
    for j in range(len(predicted)):
        if j not in matched_p:
            rows.append(("spurious", predicted.loc[j, "article_id"], "", predicted.loc[j, "speaker"],
                         predicted.loc[j, "text"]))
    for i, j in pairs:
        for measure in ("speaker", "verb", "kind"):
            if gold.loc[i, measure] != predicted.loc[j, measure]:
                rows.append((measure, gold.loc[i, "doc_id"], gold.loc[i, measure], predicted.loc[j, measure],
                             gold.loc[i, "text"]))
    return pd.DataFrame(rows, columns=["error", "doc_id", "gold", "predicted", "text"])
