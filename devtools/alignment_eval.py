"""Measuring sentence alignment and coverage against a hand-annotated gold standard.

A gold file (``data/gold/alignment/*.jsonl``) has one line per sentence of two articles:
``article_id``, ``sentence``, ``text``, ``topic`` and ``matches``, the sentences of the other
article that report the same fact (``same_fact``) or another aspect of the same event
(``same_event``). An empty ``matches`` means the sentence's fact is in its own outlet only.

Run ``python -m devtools.alignment_eval`` for the figures of the toolkit's gold files.
"""

from __future__ import annotations

import argparse

from toolkit.validation.alignment_gold import evaluate_alignment, gold_sets, read_alignment_gold


def main(argv=None) -> None:
    """Print the alignment figures of every gold set (``python -m devtools.alignment_eval``)."""
    from toolkit import align, find_mentions, load_actors, load_articles, sample_actors_path, split_sentences

    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("--root", default="data/gold/alignment")
    parser.add_argument("--threshold", type=float, default=None)
    parser.add_argument("--mutual-threshold", type=float, default=None)
    options = parser.parse_args(argv)
    thresholds = {k: v for k, v in (("threshold", options.threshold), ("mutual_threshold", options.mutual_threshold))
                  if v is not None}
    actors = load_actors(sample_actors_path())
    for name, (gold_path, articles_path) in gold_sets(options.root).items():
        sentences = split_sentences(load_articles(articles_path))
        mentions = find_mentions(sentences, actors) if name.startswith("sample") else None
        scores = evaluate_alignment(align(sentences, mentions=mentions, **thresholds), read_alignment_gold(gold_path))
        print(name, " ".join(f"{k}={v:.2f}" if isinstance(v, float) else f"{k}={v}" for k, v in scores.items()))


if __name__ == "__main__":
    main()
