"""Measuring quote and speaker extraction on PolNeAR, a public corpus of annotated attributions.

PolNeAR (Newell, Margolin and Ruths, LREC 2018; github.com/networkdynamics/PolNeAR) holds 1,008
news articles of seven US outlets (2015-2016) in which every attribution is annotated: its
source (who), cue (the verb or phrase) and content (what), in brat standoff files. It has no
licence statement: it is read from a folder outside the repository and never committed. Its
**test split is kept apart** and measured separately; this module reads only ``train`` (for
development) and ``dev`` (for the figures we report).

Matching follows the Gender Gap Tracker's convention: a predicted statement (:func:`toolkit.statements`:
the quotes of one statement joined, as PolNeAR annotates one content per attribution) matches a gold content
span when they overlap by at least 0.3 of the longer one (one-to-one, largest overlap first).
Figures: precision, recall and F1, overall and by kind (direct and mixed quotes, whose content
holds quote marks, against indirect ones); the speaker accuracy of matched quotes (the predicted
speaker and the gold source share their head word), over all gold sources that are not a pronoun,
and over named ones alone (a capitalized head).

PolNeAR counts as attributions beliefs and intentions as well as speech ("X *fears* that ...",
"*according to* polls"); a speech-quote extractor cannot reach full recall on it.

``python -m devtools.attribution_eval --polnear PATH/TO/PolNeAR/data --split dev``.
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import pandas as pd

from toolkit._checks import check_columns
from toolkit.text.normalize import _APOSTROPHE

#: The columns of :func:`read_polnear`'s gold table.
GOLD_COLUMNS = ["article_id", "attribution", "start", "end", "text", "kind", "source_start", "source_end",
                "source", "cue"]
_PRONOUNS = {"he", "she", "they", "i", "we", "you", "it", "him", "her", "them", "his", "their", "its", "who",
             "which", "that", "this", "these", "those", "one", "us", "me"}
_TWO_APOSTROPHES = re.compile(r"''(?=(\w))?")
_ONE_TO_ONE = str.maketrans({"\u201c": '"', "\u201d": '"', "\u201e": '"', "\u00a0": " "})


def _spans(field: str) -> tuple[int, int]:
    """The outer (start, end) of a brat span field ``Label s e[;s e...]``."""
    numbers = [int(n) for n in re.split(r"[ ;]", field)[1:]]
    return min(numbers[0::2]), max(numbers[1::2])


def _kind(text: str) -> str:
    stripped = text.strip(" .,;:")
    if '"' in stripped or "\u201c" in stripped or "\u201d" in stripped:
        return "direct" if stripped[:1] in '"\u201c' and stripped[-1:] in '"\u201d' else "mixed"
    return "indirect"


def read_polnear(root: str | Path, split: str, *, limit: int | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Read one split of PolNeAR: the articles, and the gold attributions.

    Parameters
    ----------
    root : str or pathlib.Path
        PolNeAR's ``data`` folder (holding ``train/`` and ``dev/``, each with ``text/`` and
        ``attributions/``).
    split : {"train", "dev"}
        The test split is refused: it is kept apart for a separate measurement.
    limit : int, optional
        Only the first ``limit`` articles (in file name order).

    Returns
    -------
    articles : pandas.DataFrame
        ``article_id``, ``outlet`` (the publisher code), ``text`` (the file's text with curly
        double quotes, apostrophes and no-break spaces normalized one character for one, as the
        loader does, and two apostrophes ``''`` as a quote mark and a space, so that offsets
        are unchanged),
        ``title`` (None) and ``captions`` ("").
    gold : pandas.DataFrame
        One row per attribution: :data:`GOLD_COLUMNS` (``kind``: direct, mixed or indirect, from
        the quote marks of the content; ``source`` may be empty). An article annotated twice
        uses the annotation whose file name sorts first.

    Raises
    ------
    ValueError
        For the test split or another name.
    FileNotFoundError
        If the split's folders are missing.
    """
    if split not in ("train", "dev"):
        raise ValueError(f"split={split!r} is not valid; choose 'train' or 'dev' (the test split is kept apart "
                         "and measured separately)")
    folder = Path(root) / split
    if not (folder / "text").is_dir() or not (folder / "attributions").is_dir():
        raise FileNotFoundError(f"no PolNeAR {split} split at {folder} (expected text/ and attributions/)")
    annotations: dict[str, Path] = {}
    for path in sorted((folder / "attributions").glob("*.ann")):
        annotations.setdefault(path.stem.rsplit("_", 1)[0], path)
    texts = sorted((folder / "text").glob("*.txt"))[:limit]
    articles, gold = [], []
    for path in texts:
        article_id = path.stem
        raw = path.read_text(encoding="utf-8")
        # the toolkit's normalization where it keeps the length: quote marks and apostrophes, and
        # two apostrophes as a double quote mark, a space on the side away from the quoted words
        text = _APOSTROPHE.sub("'", raw.translate(_ONE_TO_ONE))
        text = _TWO_APOSTROPHES.sub(lambda m: ' "' if m.group(1) else '" ', text)
        articles.append({"article_id": article_id, "outlet": article_id.split("_", 1)[0],
                         "text": text, "title": None, "captions": ""})
        # entry lines only: a span's text may run over several lines
        lines = [line.split("\t") for line in annotations[article_id].read_text(encoding="utf-8").splitlines()
                 if re.match(r"[TE]\d+\t", line)]
        spans = {f[0]: (f[1].split()[0], *_spans(f[1])) for f in lines if f[0].startswith("T")}
        for fields in lines:
            if fields[0].startswith("E"):
                roles = dict(part.split(":") for part in fields[1].split())
                if "Content" not in roles:
                    continue
                _, start, end = spans[roles["Content"]]
                source = spans.get(roles.get("Source", ""), (None, None, None))
                cue = spans.get(roles.get("Cue", ""), (None, None, None))
                gold.append({"article_id": article_id, "attribution": fields[0], "start": start, "end": end,
                             "text": raw[start:end], "kind": _kind(text[start:end]),
                             "source_start": source[1], "source_end": source[2],
                             "source": raw[source[1]:source[2]] if source[1] is not None else "",
                             "cue": raw[cue[1]:cue[2]] if cue[1] is not None else ""})
    return pd.DataFrame(articles), pd.DataFrame(gold, columns=GOLD_COLUMNS)


_FIRST_PART = re.compile(r",|\(|\u2014|\u2013| - | of | who | which | from ")


def head_word(phrase: str) -> str:
    """The head of a name or noun phrase, for comparing speakers: the last capitalized word (a
    name) of its first part (before a comma, a parenthesis, a dash, "of", "from" or a relative
    clause: "Karimi, executive director of ..." is Karimi), else its last word; lower case,
    without a possessive.

    Examples
    --------
    >>> head_word("Rep. Kevin McCarthy (R-Calif.)"), head_word("a senior official"), head_word("Trump's campaign")
    ('mccarthy', 'official', 'trump')
    >>> head_word("Sen. Bernie Sanders (I-Vt.)"), head_word("Karimi, executive director of Interfaith Paths to Peace")
    ('sanders', 'karimi')
    """
    first = _FIRST_PART.split(phrase, maxsplit=1)[0] or phrase
    words = re.findall(r"[\w'\u2019-]+", first)
    named = [w for w in words if w[:1].isupper() and w.lower() not in _PRONOUNS]
    word = (named or words or [""])[-1]
    return re.sub(r"['\u2019]s$", "", word).lower()


def match_spans(predicted: pd.DataFrame, gold: pd.DataFrame, *, overlap: float = 0.3) -> list[tuple[int, int]]:
    """Pairs (predicted row, gold row) whose spans overlap by at least ``overlap`` of the longer
    one, one to one, the largest overlaps first (positions in the two tables).

    Examples
    --------
    >>> p = pd.DataFrame({"article_id": ["a", "a"], "start": [0, 50], "end": [10, 60]})
    >>> g = pd.DataFrame({"article_id": ["a", "a"], "start": [2, 80], "end": [12, 90]})
    >>> match_spans(p, g)
    [(0, 0)]
    """
    candidates = []
    gold_by_article = {a: part for a, part in gold.reset_index(drop=True).groupby("article_id")}
    for i, row in enumerate(predicted[["article_id", "start", "end"]].itertuples(index=False)):
        part = gold_by_article.get(row.article_id)
        if part is None:
            continue
        shared = (part["end"].clip(upper=row.end) - part["start"].clip(lower=row.start)).clip(lower=0)
        longer = pd.concat([part["end"] - part["start"], pd.Series(row.end - row.start, index=part.index)], axis=1).max(axis=1)
        ratio = shared / longer.where(longer > 0, 1)
        for j, value in ratio[ratio >= overlap].items():
            candidates.append((float(value), i, int(j)))
    used_p, used_g, pairs = set(), set(), []
    for _, i, j in sorted(candidates, key=lambda c: (-c[0], c[1], c[2])):
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            pairs.append((i, j))
    return sorted(pairs)


def score_attributions(predicted: pd.DataFrame, gold: pd.DataFrame, *, overlap: float = 0.3) -> dict:
    """Precision, recall, F1 and speaker accuracy of predicted quotes against gold attributions.

    Parameters
    ----------
    predicted : pandas.DataFrame
        The statements (:func:`toolkit.statements`) or the quotes table
        (:func:`toolkit.extract_quotes`): ``article_id``, ``start``, ``end``, ``kind``,
        ``speaker``. PolNeAR annotates one content per attribution, so the statements, whose
        span runs over the quotes of one statement, are what matches it.
    gold : pandas.DataFrame
        From :func:`read_polnear`.
    overlap : float, default 0.3

    Returns
    -------
    dict
        ``predicted``, ``gold``, ``matched``, ``precision``, ``recall``, ``f1``; the same
        three for ``direct_mixed`` and ``indirect`` (recall by the gold kind, precision by the
        predicted kind); ``speaker_accuracy`` (matched quotes whose gold source is not a pronoun
        or empty), ``speaker_accuracy_named`` (gold source with a capitalized head) and their n.

    Examples
    --------
    >>> p = pd.DataFrame({"article_id": ["a"], "start": [0], "end": [10], "kind": ["direct"], "speaker": ["Kevin McCarthy"]})
    >>> g = pd.DataFrame({"article_id": ["a", "a"], "start": [1, 40], "end": [10, 50], "kind": ["direct", "indirect"],
    ...     "source": ["Mr. McCarthy", "officials"]})
    >>> s = score_attributions(p, g)
    >>> s["precision"], s["recall"], s["speaker_accuracy_named"]
    (1.0, 0.5, 1.0)
    """
    check_columns(predicted, ["article_id", "start", "end", "kind", "speaker"], what="the predicted quotes")
    check_columns(gold, ["article_id", "start", "end", "kind", "source"], what="the gold attributions")
    predicted, gold = predicted.reset_index(drop=True), gold.reset_index(drop=True)
    pairs = match_spans(predicted, gold, overlap=overlap)

    def prf(p_mask, g_mask) -> tuple[float, float, float]:
        hits = sum(1 for i, j in pairs if p_mask[i] and g_mask[j])
        hits_g = sum(1 for i, j in pairs if g_mask[j])
        n_p, n_g = int(p_mask.sum()), int(g_mask.sum())
        precision = hits / n_p if n_p else 0.0
        recall = hits_g / n_g if n_g else 0.0
        return precision, recall, 2 * precision * recall / (precision + recall) if precision + recall else 0.0

    everything = prf(pd.Series(True, index=predicted.index), pd.Series(True, index=gold.index))
    direct = prf(predicted["kind"] != "indirect", gold["kind"] != "indirect")
    indirect = prf(predicted["kind"] == "indirect", gold["kind"] == "indirect")
    heads = [(head_word(str(predicted.at[i, "speaker"])), head_word(str(gold.at[j, "source"])),
              str(gold.at[j, "source"])) for i, j in pairs]
    judged = [(p, g) for p, g, source in heads if g and g not in _PRONOUNS]
    named = [(p, g) for p, g, source in heads if g and g not in _PRONOUNS
             and any(w[:1].isupper() and w.lower() == g for w in re.findall(r"[\w'-]+", source))]
    return {"predicted": len(predicted), "gold": len(gold), "matched": len(pairs),
            "precision": everything[0], "recall": everything[1], "f1": everything[2],
            "direct_mixed_precision": direct[0], "direct_mixed_recall": direct[1], "direct_mixed_f1": direct[2],
            "indirect_precision": indirect[0], "indirect_recall": indirect[1], "indirect_f1": indirect[2],
            "speaker_n": len(judged), "speaker_accuracy": sum(p == g for p, g in judged) / len(judged) if judged else 0.0,
            "speaker_named_n": len(named),
            "speaker_accuracy_named": sum(p == g for p, g in named) / len(named) if named else 0.0}


def evaluate(root: str | Path, split: str, *, actors=None, limit: int | None = None, discover: bool = False,
             syntax: bool = True) -> dict:
    """Extract the quotes of a PolNeAR split with the toolkit and score them.

    Parameters
    ----------
    root, split, limit
        As in :func:`read_polnear`.
    actors : ActorDictionary, optional
        Default: an empty dictionary (the user has none).
    discover : bool, default False
        Use the actors :func:`toolkit.discover_actors` finds in the split (what
        :func:`toolkit.analyze` does without a dictionary).
    syntax : bool, default True
        As for :func:`toolkit.extract_quotes`.

    Returns
    -------
    dict
        As :func:`score_attributions`.
    """
    from toolkit import extract_quotes, split_sentences, statements
    from toolkit.actors.dictionary import ActorDictionary

    from toolkit.actors.discovered import discover_actors

    articles, gold = read_polnear(root, split, limit=limit)
    sentences = split_sentences(articles, parts=("body",))
    actors = actors if actors is not None else ActorDictionary(())
    if discover:
        actors = discover_actors(sentences, actors)
    return score_attributions(statements(extract_quotes(sentences, actors, syntax=syntax)), gold)


def main(argv=None) -> None:
    """Print the figures (``python -m devtools.attribution_eval --polnear PATH --split dev``)."""
    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("--polnear", required=True, help="PolNeAR's data folder (outside the repository)")
    parser.add_argument("--split", default="dev", choices=["train", "dev"])
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--discover", action="store_true", help="with the actors discover_actors finds")
    parser.add_argument("--rules-only", action="store_true", help="speakers by patterns only, without the parser")
    options = parser.parse_args(argv)
    scores = evaluate(options.polnear, options.split, limit=options.limit, discover=options.discover,
                      syntax=not options.rules_only)
    print(" ".join(f"{k}={v:.3f}" if isinstance(v, float) else f"{k}={v}" for k, v in scores.items()))


if __name__ == "__main__":
    main()
