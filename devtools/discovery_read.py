"""Precision of :func:`toolkit.discover_actors` by reading: a seeded sample, a reading sheet, a scorer.

No public corpus annotates every actor a news article names (NewsWCL50 annotates only the main
concepts of each event, see :mod:`devtools.newswcl_eval`), so precision is measured by
reading: discovery runs on a corpus exactly as :func:`toolkit.analyze` runs it without a
dictionary (:func:`discover`), a seeded random sample of the discovered actors is drawn
(:func:`draw_sample`), a reader fills one verdict per actor in a sheet that shows each actor's
name, type, forms, mention count, three random sentences with the mention marked, and one
sentence for each form other than the name (:func:`reading_sheet`), and :func:`score` counts.

**Two samples, one sheet.** *By actor*: ``n`` distinct actors drawn uniformly (every actor
weighs the same, as in a list of actors). *By mention*: ``n`` mentions drawn uniformly without
replacement among all mentions of discovered actors (a frequent actor weighs by its mentions, as
in the tables built on them); each draw takes its actor's verdict. An actor drawn in both, or
several times, is read once. The top actors by mentions can be added to the sheet (``top``);
they count in neither figure unless drawn.

**Verdicts** (:data:`VERDICTS`), one per actor, judged from the sentences and the forms:

- ``right``: a real named person, organization, place or group (party, nationality as a
  group; a party's adjective typed as a group, "Democratic", counts), of the type given, and
  every form names that same entity (one name written for two entities, "Washington" the
  state and the capital, is judged by most of its mentions);
- ``wrong-type``: a real named actor of another type (a person typed as a place, a party
  typed as a person, a power plant or a mine typed as an organization);
- ``wrong-not-an-actor``: a real name of something that is no actor: a law, treaty, event,
  report, work, product, date or period ("Paris Agreement", "Green New Deal", "Christmas");
- ``wrong-not-a-name``: no name at all: a common word, a sentence opening, a headline word,
  an adjective, page furniture or a dateline ("Republican" for a person, "Read", "Getty");
- ``wrong-fragment``: a piece of a longer name, or a name run together with other words, in
  most of its mentions ("Climate Change" of "Intergovernmental Panel on Climate Change",
  "Fracking Warren" of a headline run into its body);
- ``wrong-merge-people``: forms that name two or more different people joined in one actor
  (counted apart: the issue's "merge of two different people");
- ``wrong-merge-other``: forms that name two or more different entities, not all people
  ("Georgia" the state and the country; "Fox" the network and Vicente Fox).

Precision is the share of ``right`` (strict); :func:`score` gives also the share that is a real
actor whatever its type (``right`` or ``wrong-type``). Intervals are Wilson's 95 % score
intervals on the number of draws (actors, or mentions).

``python -m devtools.discovery_read discover SOURCE --cache FILE`` runs discovery once and
caches it; ``... sheet --cache FILE --out SHEET.csv --seed 1 --n 120 [--exclude OLD.csv]``
writes the sheet (and a Markdown copy to read); ``... score SHEET.csv`` prints the figures.
"""

from __future__ import annotations

import argparse
import math
import pickle
import random
from pathlib import Path

import pandas as pd

#: The verdicts a reader may give an actor (see the module's documentation).
VERDICTS = ("right", "wrong-type", "wrong-not-an-actor", "wrong-not-a-name", "wrong-fragment",
            "wrong-merge-people", "wrong-merge-other")
#: The columns of :func:`reading_sheet`.
SHEET_COLUMNS = ["actor", "type", "forms", "mentions", "articles", "by_actor", "mention_draws", "top_rank",
                 "examples", "form_examples", "verdict", "note"]
#: How a mention is marked in the example sentences.
MARK = "[[{}]]"


def discover(source, **load) -> dict:
    """Discovered actors of a corpus, as :func:`toolkit.analyze` finds them without a dictionary.

    Parameters
    ----------
    source
        As for :func:`toolkit.analyze`.
    **load
        Passed to :func:`toolkit.analyze` (``columns``, ``manifest``...).

    Returns
    -------
    dict
        ``actors`` (the :class:`~toolkit.actors.discovered.DiscoveredActors` of the study),
        ``sentences`` (the study's sentences table, from which they were found) and
        ``mentions`` (:func:`toolkit.find_mentions` of those actors in those sentences).
    """
    from toolkit import analyze, find_mentions

    study = analyze(source, progress=False, **load)
    actors = study.actors                                   # the study's own discovery step
    sentences = study._sentence_tables["sentences"]         # the table that step read
    return {"actors": actors, "sentences": sentences, "mentions": find_mentions(sentences, actors)}


def draw_sample(mentions: pd.DataFrame, *, n: int, seed: int, exclude=()) -> pd.DataFrame:
    """The seeded samples of discovered actors: ``n`` by actor and ``n`` mentions.

    Parameters
    ----------
    mentions : pandas.DataFrame
        The mentions of the discovered actors (every actor with a mention is in the population).
    n : int
        Actors drawn by actor, and mentions drawn by mention (fewer if there are fewer).
    seed : int
    exclude : iterable of str
        Actors left out of the sample by actor (those read in an earlier sample); the mentions
        are drawn among all mentions (leaving out the actors read before would leave out
        mostly the frequent ones, and the draw would no longer weigh actors by their mentions).

    Returns
    -------
    pandas.DataFrame
        One row per actor drawn: ``actor``, ``by_actor`` (1 if drawn by actor), ``mention_draws``
        (how many of the drawn mentions are its), and the drawn mentions' rows in ``drawn``
        (a list of row labels of ``mentions``).

    Examples
    --------
    >>> m = pd.DataFrame({"actor": ["A", "A", "A", "B", "C"]})
    >>> draw_sample(m, n=2, seed=0)[["actor", "by_actor", "mention_draws"]].values.tolist()
    [['A', 0, 2], ['B', 1, 0], ['C', 1, 0]]
    """
    actors = sorted(set(mentions["actor"]) - set(exclude))
    rng = random.Random(seed)
    by_actor = set(rng.sample(actors, min(n, len(actors))))
    labels = sorted(mentions.index)
    drawn: dict[str, list] = {}
    for label in rng.sample(labels, min(n, len(labels))):
        drawn.setdefault(mentions.at[label, "actor"], []).append(label)
    rows = [(a, int(a in by_actor), len(drawn.get(a, [])), drawn.get(a, [])) for a in sorted(by_actor | set(drawn))]
    return pd.DataFrame(rows, columns=["actor", "by_actor", "mention_draws", "drawn"])


def _marked(sentences: pd.DataFrame, mention) -> str:
    """The sentence of a mention with the mention marked."""
    row = sentences.loc[(mention.article_id, mention.sentence)]
    start, end = mention.start - row.start, mention.end - row.start
    return f"{row.text[:start]}{MARK.format(row.text[start:end])}{row.text[end:]}"


def reading_sheet(found: dict, sample: pd.DataFrame, *, seed: int, top: int = 30, examples: int = 3) -> pd.DataFrame:
    """The sheet to read: each sampled actor (and each of the ``top`` by mentions) with its evidence.

    Parameters
    ----------
    found : dict
        From :func:`discover`.
    sample : pandas.DataFrame
        From :func:`draw_sample`.
    seed : int
        For the choice of example sentences.
    top : int, default 30
        Also list the actors with the most mentions (``top_rank`` 1 ... ``top``).
    examples : int, default 3
        Random sentences per actor (a drawn mention's sentence first).

    Returns
    -------
    pandas.DataFrame
        :data:`SHEET_COLUMNS`: the actor's ``type``, ``forms`` (its aliases, " | "), counts of
        ``mentions`` and ``articles``, how it was drawn (``by_actor``, ``mention_draws``,
        ``top_rank``), ``examples`` and ``form_examples`` (one sentence per form other than
        the name, "form: sentence"; sentences joined with a new line, the mention marked
        ``[[...]]``), and empty ``verdict`` and ``note`` to fill.
    """
    mentions, actors = found["mentions"], found["actors"]
    sentences = found["sentences"].set_index(["article_id", "sentence"]).sort_index()
    counts = mentions["actor"].value_counts()
    ranks = {a: k + 1 for k, a in enumerate(sorted(counts.index, key=lambda a: (-counts[a], a))[:top])}
    sample = sample.set_index("actor")
    rng = random.Random(seed)
    rows = []
    for name in sorted(set(sample.index) | set(ranks), key=lambda a: (-counts[a], a)):
        own = mentions[mentions["actor"] == name]
        actor = actors[name]
        first = sample.at[name, "drawn"][:1] if name in sample.index else []
        rest = [label for label in own.index if label not in first]
        chosen = first + rng.sample(rest, min(examples - len(first), len(rest)))
        lines = [_marked(sentences, own.loc[label]) for label in chosen]
        forms = []
        for form in actor.aliases:
            if form == name:
                continue
            of_form = own[own["variant"] == form]
            if len(of_form):
                forms.append(f"{form}: {_marked(sentences, of_form.loc[rng.choice(list(of_form.index))])}")
            else:
                forms.append(f"{form}: (no mention)")
        drawn = sample.loc[name] if name in sample.index else None
        rows.append((name, actor.type, " | ".join(actor.aliases), int(counts[name]), own["article_id"].nunique(),
                     int(drawn["by_actor"]) if drawn is not None else 0,
                     int(drawn["mention_draws"]) if drawn is not None else 0, ranks.get(name, 0),
                     "\n".join(lines), "\n".join(forms), "", ""))
    return pd.DataFrame(rows, columns=SHEET_COLUMNS)


def sheet_markdown(sheet: pd.DataFrame) -> str:
    """The sheet as Markdown, one section per actor, to read (the verdicts go in the CSV)."""
    parts = []
    for k, row in enumerate(sheet.itertuples(), 1):
        how = ", ".join(filter(None, ["by actor" if row.by_actor else "",
                                      f"{row.mention_draws} mention draw(s)" if row.mention_draws else "",
                                      f"top {row.top_rank}" if row.top_rank else ""]))
        parts.append(f"## {k}. {row.actor} ({row.type}; {row.mentions} mentions in {row.articles} articles; {how})\n"
                     f"forms: {row.forms}\n\n" + "\n".join(f"- {line}" for line in row.examples.split("\n"))
                     + ("\n\nforms:\n" + "\n".join(f"- {line}" for line in row.form_examples.split("\n"))
                        if row.form_examples else ""))
    return "\n\n".join(parts) + "\n"


def wilson(k: int, n: int, z: float = 1.959964) -> tuple[float, float]:
    """Wilson's score interval of a proportion ``k / n`` (95 % by default).

    Examples
    --------
    >>> [round(x, 4) for x in wilson(8, 10)]
    [0.4902, 0.9433]
    """
    if n == 0:
        return 0.0, 1.0
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return max(0.0, centre - half), min(1.0, centre + half)


def score(sheet: pd.DataFrame) -> dict:
    """Precision of the discovered actors from a filled sheet.

    Parameters
    ----------
    sheet : pandas.DataFrame
        With ``actor``, ``by_actor``, ``mention_draws``, ``top_rank`` and ``verdict`` (one of
        :data:`VERDICTS` for every actor drawn; rows only in the top may be left empty).

    Returns
    -------
    dict
        ``actors``, ``actors_right``, ``precision_actors`` and ``interval_actors`` (Wilson 95 %)
        for the sample by actor; ``mentions``, ``mentions_right``, ``precision_mentions`` and
        ``interval_mentions`` for the sample by mention; ``real_actors`` and ``real_mentions``
        (the shares ``right`` or ``wrong-type``); ``verdicts_actors`` and ``verdicts_mentions``
        (count of each verdict, by actor and by mention draw); ``people_merged`` (the actors
        read ``wrong-merge-people``, in any part of the sheet); ``top`` and ``top_right``.

    Raises
    ------
    ValueError
        For a drawn actor without a verdict, or any unknown verdict (naming the actor).

    Examples
    --------
    >>> sheet = pd.DataFrame({"actor": ["A", "B", "C", "D"], "by_actor": [1, 1, 1, 0], "mention_draws": [3, 0, 1, 1],
    ...     "top_rank": [1, 0, 0, 2], "verdict": ["right", "wrong-type", "wrong-merge-people", "right"]})
    >>> r = score(sheet)
    >>> r["actors_right"], r["actors"], r["mentions_right"], r["mentions"], r["people_merged"]
    (1, 3, 4, 5, ['C'])
    """
    verdicts = sheet["verdict"].fillna("").astype(str).str.strip()
    drawn = (sheet["by_actor"] > 0) | (sheet["mention_draws"] > 0)
    for actor, verdict, needed in zip(sheet["actor"], verdicts, drawn):
        if verdict not in VERDICTS and (verdict or needed):
            raise ValueError(f"actor {actor!r}: verdict {verdict!r} is not one of {', '.join(VERDICTS)}")
    right = verdicts == "right"
    real = right | (verdicts == "wrong-type")
    by_actor = sheet["by_actor"] > 0
    weights = sheet["mention_draws"]
    n_actors, k_actors = int(by_actor.sum()), int((by_actor & right).sum())
    n_mentions, k_mentions = int(weights.sum()), int(weights[right].sum())
    top = sheet["top_rank"] > 0
    return {"actors": n_actors, "actors_right": k_actors,
            "precision_actors": k_actors / n_actors if n_actors else 0.0, "interval_actors": wilson(k_actors, n_actors),
            "mentions": n_mentions, "mentions_right": k_mentions,
            "precision_mentions": k_mentions / n_mentions if n_mentions else 0.0,
            "interval_mentions": wilson(k_mentions, n_mentions),
            "real_actors": int((by_actor & real).sum()) / n_actors if n_actors else 0.0,
            "real_mentions": int(weights[real].sum()) / n_mentions if n_mentions else 0.0,
            "verdicts_actors": verdicts[by_actor].value_counts().to_dict(),
            "verdicts_mentions": weights.groupby(verdicts).sum()[lambda s: s > 0].to_dict(),
            "people_merged": sorted(sheet.loc[verdicts == "wrong-merge-people", "actor"]),
            "top": int(top.sum()), "top_right": int((top & right).sum())}


def score_text(r: dict) -> str:
    """The figures of :func:`score` as lines of text."""
    low, high = r["interval_actors"]
    lines = [f"precision by actor: {r['actors_right']}/{r['actors']} = {r['precision_actors']:.3f} "
             f"(95 % interval {low:.3f}-{high:.3f}); real actor of any type {r['real_actors']:.3f}"]
    low, high = r["interval_mentions"]
    lines.append(f"precision by mention: {r['mentions_right']}/{r['mentions']} = {r['precision_mentions']:.3f} "
                 f"(95 % interval {low:.3f}-{high:.3f}); real actor of any type {r['real_mentions']:.3f}")
    lines.append("verdicts by actor: " + ", ".join(f"{k} {v}" for k, v in sorted(r["verdicts_actors"].items())))
    lines.append("verdicts by mention: " + ", ".join(f"{k} {v}" for k, v in sorted(r["verdicts_mentions"].items())))
    lines.append(f"merges of different people: {len(r['people_merged'])} ({', '.join(r['people_merged'])})")
    lines.append(f"top actors by mentions right: {r['top_right']}/{r['top']}")
    return "\n".join(lines)


def main(argv=None) -> None:
    """Run discovery and cache it, write a reading sheet, or score a filled one."""
    parser = argparse.ArgumentParser(description=main.__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("discover", help="run discovery on a corpus and cache it (pickle)")
    run.add_argument("source")
    run.add_argument("--cache", required=True)
    write = commands.add_parser("sheet", help="draw the samples and write the reading sheet (CSV and .md)")
    write.add_argument("--cache", required=True)
    write.add_argument("--out", required=True)
    write.add_argument("--seed", type=int, required=True)
    write.add_argument("--n", type=int, default=120)
    write.add_argument("--top", type=int, default=30)
    write.add_argument("--exclude", nargs="*", default=[],
                       help="sheets already read: their actors are left out of the sample by actor")
    count = commands.add_parser("score", help="score a filled sheet")
    count.add_argument("sheet")
    args = parser.parse_args(argv)
    if args.command == "discover":
        found = discover(args.source)
        Path(args.cache).write_bytes(pickle.dumps(found))
        print(f"{len(found['actors'])} actors, {len(found['mentions'])} mentions, "
              f"{found['sentences']['article_id'].nunique()} articles -> {args.cache}")
    elif args.command == "sheet":
        found = pickle.loads(Path(args.cache).read_bytes())
        exclude = {a for path in args.exclude for a in pd.read_csv(path)["actor"]}
        sample = draw_sample(found["mentions"], n=args.n, seed=args.seed, exclude=exclude)
        sheet = reading_sheet(found, sample, seed=args.seed, top=args.top)
        sheet.to_csv(args.out, index=False)
        Path(args.out).with_suffix(".md").write_text(sheet_markdown(sheet), encoding="utf-8")
        print(f"{len(sheet)} actors to read -> {args.out}")
    else:
        print(score_text(score(pd.read_csv(args.sheet, keep_default_na=False))))


if __name__ == "__main__":
    main()
