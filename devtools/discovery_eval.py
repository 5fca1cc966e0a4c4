"""Measuring :func:`toolkit.discover_actors` against the names of a hand-written dictionary.

On a text whose actors a hand-written dictionary lists, the *gold names* are the mentions that
dictionary finds by name or by title and name (not descriptions such as "the Kremlin's envoy":
no recognizer finds those). The discovered dictionary's **mention recall** is the share of gold
names that one of its own mentions overlaps; its **merge accuracy**, over the gold actors with
two or more recalled mentions, is the share whose recalled mentions all fall to one discovered
actor (the variants of a name merged, nothing split).

``python -m devtools.discovery_eval`` prints the figures on the texts of ``data/gold/quotes``.
"""

from __future__ import annotations

import pandas as pd

from toolkit import discover_actors, find_mentions, load_actors, load_articles, sample_actors_path, sample_data_path
from toolkit import split_sentences

from devtools import ROOT



def mention_recall(sentences: pd.DataFrame, gold_actors, found=None) -> dict:
    """Mention recall and merge accuracy of discovered actors against a hand-written dictionary.

    Parameters
    ----------
    sentences : pandas.DataFrame
    gold_actors : ActorDictionary
        The hand-written dictionary.
    found : ActorDictionary, optional
        The discovered one; by default ``discover_actors(sentences)``.

    Returns
    -------
    dict
        ``gold_names``, ``recalled``, ``recall``, ``actors`` (gold actors with two or more
        recalled mentions), ``merged`` (of those, all in one discovered actor),
        ``merge_accuracy`` and ``missed`` (the surface forms not recalled, most frequent first).
    """
    found = discover_actors(sentences) if found is None else found
    gold = find_mentions(sentences, gold_actors)
    gold = gold[gold["kind"].isin(["name", "title"])]
    mine = find_mentions(sentences, found)
    spans = {}
    for row in mine.itertuples():
        spans.setdefault((row.article_id, row.sentence), []).append((row.start, row.end, row.actor))
    owner = []
    for row in gold.itertuples():
        hits = [a for s, e, a in spans.get((row.article_id, row.sentence), []) if s < row.end and e > row.start]
        owner.append(hits[0] if hits else None)
    gold = gold.assign(found=owner)
    recalled = gold[gold["found"].notna()]
    grouped = recalled.groupby("actor")["found"].nunique()
    several = recalled.groupby("actor").size() >= 2
    return {"gold_names": len(gold), "recalled": len(recalled),
            "recall": len(recalled) / len(gold) if len(gold) else 0.0,
            "actors": int(several.sum()), "merged": int((grouped[several] == 1).sum()),
            "merge_accuracy": float((grouped[several] == 1).mean()) if several.any() else 0.0,
            "missed": gold.loc[gold["found"].isna(), "surface"].value_counts().index.tolist()}


def gold_texts() -> list[tuple[str, pd.DataFrame, object]]:
    """The texts of ``data/gold/quotes`` with their hand-written dictionaries: (name, sentences, actors)."""
    gold = ROOT / "data" / "gold" / "quotes"
    return [("sample", split_sentences(load_articles(sample_data_path())), load_actors(sample_actors_path()))] + [
        (name, split_sentences(load_articles(gold / f"{name}.txt")), load_actors(ROOT / "data" / "actors" / f"{name}.yml"))
        for name in ("fictional-example", "fictional-example-2")]


def main() -> None:
    """Print mention recall and merge accuracy on each gold text (``min_count=1`` and the default 2)."""
    for name, sentences, actors in gold_texts():
        for min_count in (1, 2):
            r = mention_recall(sentences, actors, discover_actors(sentences, min_count=min_count))
            print(f"{name} min_count={min_count}: recall {r['recalled']}/{r['gold_names']} = {r['recall']:.3f}, "
                  f"merged {r['merged']}/{r['actors']}; missed: {', '.join(r['missed'][:8])}")


if __name__ == "__main__":
    main()
