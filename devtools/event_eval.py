"""Measuring the grouping of articles into events against a hand-made gold standard.

The gold standards are in ``data/gold/events/`` (README there): ``dev`` for choosing the
settings, ``heldout`` scored once with the chosen settings. A gold CSV has one row per article
file (``file, event, ...``); the corpus is the folder of the same name.

Figures: the adjusted Rand index (1 is perfect, 0 is chance; scikit-learn), and over all pairs
of articles, the precision and recall of "same event" (of the pairs put in one event, the share
that are one gold event; of the gold same-event pairs, the share put together), with the events
that mix gold events and the gold events split in two or more
(:mod:`toolkit.validation.event_gold`).

``python -m devtools.event_eval`` prints the figures of the dev set with the defaults of
:func:`toolkit.group_events`; ``--set heldout`` the held-out set; ``--grid`` the dev figures
over a grid of settings.
"""

from __future__ import annotations

import argparse
import itertools
from pathlib import Path

from toolkit.validation.event_gold import evaluate_events, read_event_gold

def score_gold_set(root: str | Path, name: str, **options) -> dict:
    """Group the articles of one gold set into events and score them.

    Parameters
    ----------
    root : str or pathlib.Path
        The folder of the gold standards (``data/gold/events``).
    name : str
        The set: ``dev`` or ``heldout``.
    **options
        Passed to :func:`toolkit.group_events`.

    Returns
    -------
    dict
        As :func:`evaluate_events`.
    """
    from toolkit import group_events, load_articles

    root = Path(root)
    articles = load_articles(root / name)
    events = group_events(articles, **options).articles
    found = articles[["article_id", "source"]].merge(events[["article_id", "event"]], on="article_id")
    return evaluate_events(found, read_event_gold(root / f"{name}.csv"))


def _line(scores: dict) -> str:
    return " ".join(f"{k}={v:.3f}" if isinstance(v, float) else f"{k}={v}" for k, v in scores.items())


def main(argv=None) -> None:
    """Print the event-grouping figures (``python -m devtools.event_eval``)."""
    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("--root", default="data/gold/events")
    parser.add_argument("--set", default="dev", choices=["dev", "heldout"])
    parser.add_argument("--grid", action="store_true", help="dev set only: figures over a grid of settings")
    options = parser.parse_args(argv)
    if options.grid:
        if options.set != "dev":
            parser.error("--grid is for the dev set only: the held-out set is scored once")
        for threshold, days in itertools.product((0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4), (1, 2, 3, 4, 7)):
            print(f"threshold={threshold} days={days}", _line(score_gold_set(options.root, "dev", threshold=threshold,
                                                                             days=days)))
        return
    print(options.set, _line(score_gold_set(options.root, options.set)))


if __name__ == "__main__":
    main()
