"""Measuring the facts of :func:`toolkit.compare_sentences` against hand-annotated gold standards.

A fact is a set of sentences of different articles that report the same thing. Two kinds of
gold standard say which sentences do:

- *alignment gold* (``data/gold/alignment/*.jsonl``, two articles each): pairs of sentences
  marked ``same_fact``;
- *fact gold* (``data/gold/facts/*.jsonl``, several outlets per event): each sentence lists the
  facts it asserts; two sentences of different articles that share one report the same fact.

Figures, over pairs of sentences of different articles of one event:

- **pair precision**: of the pairs the toolkit puts in one fact, the share that the gold says
  report the same fact;
- **pair recall**: of the gold same-fact pairs, the share put in one fact;
- the **size distribution** of facts (sentences per fact), and the share of an event's
  sentences that fall in its largest fact (a fact that holds most of an event is a chain, not a
  fact);
- for fact gold, the **omissions that are real**: of the facts the toolkit says an outlet leaves
  out although two others report them, the share whose gold fact no sentence of that outlet
  asserts.

``python -m devtools.fact_eval`` prints the figures of the gold sets in the repository;
``--gold FILE --corpus SOURCE`` scores a fact gold kept elsewhere (with ``--columns`` as for the
command line's ``report``).
"""

from __future__ import annotations

import argparse
from pathlib import Path

import pandas as pd

from toolkit._checks import check_columns

#: The columns of :func:`fact_sizes`.
SIZE_COLUMNS = ["sentences", "facts", "share_of_facts"]


def fact_pairs(sentence_facts: pd.DataFrame) -> set[frozenset]:
    """The pairs of sentences of different articles that the toolkit puts in one fact.

    Parameters
    ----------
    sentence_facts : pandas.DataFrame
        ``article_id``, ``sentence`` and ``fact`` (0: no fact), as
        ``compare_sentences(...).sentence_facts``.

    Returns
    -------
    set of frozenset
        Each pair as ``frozenset({(article_id, sentence), (article_id, sentence)})``.

    Examples
    --------
    >>> table = pd.DataFrame({"article_id": ["a", "b", "c", "a"], "sentence": [0, 0, 3, 1], "fact": [1, 1, 1, 0]})
    >>> sorted(sorted(p) for p in fact_pairs(table))
    [[('a', 0), ('b', 0)], [('a', 0), ('c', 3)], [('b', 0), ('c', 3)]]
    """
    check_columns(sentence_facts, ["article_id", "sentence", "fact"], what="the sentence facts")
    pairs = set()
    kept = sentence_facts[sentence_facts["fact"] > 0]
    for _, part in kept.groupby("fact"):
        keys = list(zip(part["article_id"], part["sentence"]))
        pairs.update(frozenset((x, y)) for i, x in enumerate(keys) for y in keys[i + 1:] if x[0] != y[0])
    return pairs


def gold_pairs(gold: pd.DataFrame) -> set[frozenset]:
    """The same-fact pairs of a gold standard (sentences of different articles).

    Parameters
    ----------
    gold : pandas.DataFrame
        A fact gold (``article_id``, ``sentence``, ``facts``: a list of fact ids per
        sentence) or an alignment gold (``matches``: ``(article_id, sentence, relation)``).

    Returns
    -------
    set of frozenset

    Examples
    --------
    >>> gold = pd.DataFrame({"article_id": ["a", "b", "c"], "sentence": [0, 0, 0], "facts": [["F1"], ["F1", "F2"], []]})
    >>> [sorted(p) for p in gold_pairs(gold)]
    [[('a', 0), ('b', 0)]]
    """
    if "facts" in gold.columns:
        by_fact: dict[str, list] = {}
        for article_id, sentence, facts in zip(gold["article_id"], gold["sentence"], gold["facts"]):
            for fact in facts:
                by_fact.setdefault(fact, []).append((article_id, sentence))
        return {frozenset((x, y)) for keys in by_fact.values() for i, x in enumerate(keys) for y in keys[i + 1:]
                if x[0] != y[0]}
    check_columns(gold, ["article_id", "sentence", "matches"], what="the gold standard")
    return {frozenset(((a, s), (b, t))) for a, s, matches in zip(gold["article_id"], gold["sentence"], gold["matches"])
            for b, t, relation in matches if relation == "same_fact" and a != b}


def fact_sizes(sentence_facts: pd.DataFrame) -> pd.DataFrame:
    """How many facts hold one, two, three ... sentences.

    Returns
    -------
    pandas.DataFrame
        One row per size: ``sentences`` (the size), ``facts`` (how many facts have it),
        ``share_of_facts``.

    Examples
    --------
    >>> table = pd.DataFrame({"article_id": ["a", "b", "c", "a"], "sentence": [0, 0, 3, 1], "fact": [1, 1, 2, 0]})
    >>> fact_sizes(table).to_dict("records")
    [{'sentences': 1, 'facts': 1, 'share_of_facts': 0.5}, {'sentences': 2, 'facts': 1, 'share_of_facts': 0.5}]
    """
    sizes = sentence_facts.loc[sentence_facts["fact"] > 0].groupby("fact").size()
    counts = sizes.value_counts().sort_index()
    return pd.DataFrame({"sentences": counts.index.astype("int64"), "facts": counts.to_numpy(),
                         "share_of_facts": counts.to_numpy() / max(len(sizes), 1)}, columns=SIZE_COLUMNS)


def largest_fact_share(sentence_facts: pd.DataFrame, *, within: str = "event") -> pd.Series:
    """Per event, the share of its fact-bearing sentences that fall in its largest fact.

    Examples
    --------
    >>> table = pd.DataFrame({"event": "e", "fact": [1, 1, 2, 3]})
    >>> largest_fact_share(table).tolist()
    [0.5]
    """
    kept = sentence_facts[sentence_facts["fact"] > 0]
    sizes = kept.groupby([within, "fact"]).size()
    return (sizes.groupby(level=0).max() / kept.groupby(within).size()).rename("largest_fact_share")


def evaluate_facts(sentence_facts: pd.DataFrame, gold: pd.DataFrame) -> dict:
    """Pair precision and recall of the toolkit's facts on the sentences of a gold standard.

    Parameters
    ----------
    sentence_facts : pandas.DataFrame
        ``article_id``, ``sentence``, ``fact``.
    gold : pandas.DataFrame
        A fact gold or an alignment gold (see :func:`gold_pairs`); only its sentences count.

    Returns
    -------
    dict
        ``predicted`` and ``gold`` (pairs), ``right`` (predicted pairs the gold has),
        ``precision``, ``recall``, ``f1``, ``largest_fact`` (sentences in the largest fact).

    Examples
    --------
    >>> gold = pd.DataFrame({"article_id": ["a", "b", "c"], "sentence": [0, 0, 0], "facts": [["F1"], ["F1"], ["F2"]]})
    >>> found = pd.DataFrame({"article_id": ["a", "b", "c"], "sentence": [0, 0, 0], "fact": [1, 1, 1]})
    >>> {k: round(v, 2) for k, v in evaluate_facts(found, gold).items()}
    {'predicted': 3, 'gold': 1, 'right': 1, 'precision': 0.33, 'recall': 1.0, 'f1': 0.5, 'largest_fact': 3, 'gold_article_pairs': 1, 'recall_articles': 1.0}
    """
    units = set(zip(gold["article_id"], gold["sentence"]))
    keys = list(zip(sentence_facts["article_id"], sentence_facts["sentence"]))
    inside = sentence_facts[[k in units for k in keys]]
    predicted, expected = fact_pairs(inside), gold_pairs(gold)
    right = len(predicted & expected)
    precision = right / len(predicted) if predicted else float("nan")
    recall = right / len(expected) if expected else float("nan")
    f1 = 2 * precision * recall / (precision + recall) if precision + recall > 0 else 0.0
    largest = int(inside.loc[inside["fact"] > 0].groupby("fact").size().max()) if (inside["fact"] > 0).any() else 0
    scores = {"predicted": len(predicted), "gold": len(expected), "right": right, "precision": precision,
              "recall": recall, "f1": f1, "largest_fact": largest}
    if "facts" in gold.columns:
        scores.update(_article_pair_recall(predicted, gold))
    return scores


def _article_pair_recall(predicted: set, gold: pd.DataFrame) -> dict:
    """Of the gold facts and the pairs of articles that both assert one, the share that the
    toolkit links through some pair of their sentences that both assert it (what the outlet
    comparisons need: does this article report that fact too?)."""
    asserted = {(a, s): set(f) for a, s, f in zip(gold["article_id"], gold["sentence"], gold["facts"])}
    articles_of: dict[str, set] = {}
    for (article_id, _), facts in asserted.items():
        for fact in facts:
            articles_of.setdefault(fact, set()).add(article_id)
    expected = {(fact, frozenset((a, b))) for fact, arts in articles_of.items() for a in arts for b in arts if a < b}
    found = set()
    for pair in predicted:
        (a, s), (b, t) = sorted(pair)
        for fact in asserted.get((a, s), set()) & asserted.get((b, t), set()):
            found.add((fact, frozenset((a, b))))
    return {"gold_article_pairs": len(expected), "recall_articles": len(found & expected) / len(expected)
            if expected else float("nan")}


def real_omissions(omissions: pd.DataFrame, sentence_facts: pd.DataFrame, gold: pd.DataFrame) -> pd.DataFrame:
    """Check each omission against a fact gold: does the outlet really leave the fact out?

    The gold facts of a toolkit fact are those asserted by at least half of its sentences; an
    omission is real when no sentence of the outlet in that event asserts any of them, and
    ``no_gold_fact`` when the toolkit's fact has none (its sentences do not share a fact).

    Parameters
    ----------
    omissions : pandas.DataFrame
        From :func:`toolkit.compare.profiles.omissions` (``event``, ``outlet``, ``fact``).
    sentence_facts : pandas.DataFrame
        ``article_id``, ``outlet``, ``sentence``, ``event``, ``fact``.
    gold : pandas.DataFrame
        A fact gold (``article_id``, ``sentence``, ``facts``).

    Returns
    -------
    pandas.DataFrame
        The omissions within the gold's articles, with ``gold_facts`` and ``verdict``
        (``real``, ``reported`` or ``no_gold_fact``).
    """
    asserted = {(a, s): set(f) for a, s, f in zip(gold["article_id"], gold["sentence"], gold["facts"])}
    articles = set(gold["article_id"])
    members = sentence_facts[sentence_facts["fact"] > 0]
    rows = []
    for row in omissions.itertuples(index=False):
        of_fact = members[members["fact"] == row.fact]
        if not set(of_fact["article_id"]) <= articles:
            continue
        counts: dict[str, int] = {}
        for key in zip(of_fact["article_id"], of_fact["sentence"]):
            for fact in asserted.get(key, ()):
                counts[fact] = counts.get(fact, 0) + 1
        facts = {f for f, n in counts.items() if 2 * n >= len(of_fact)}
        own = sentence_facts[(sentence_facts["event"] == row.event) & (sentence_facts["outlet"] == row.outlet)]
        told = set().union(*(asserted.get(k, set()) for k in zip(own["article_id"], own["sentence"])))
        verdict = "no_gold_fact" if not facts else "reported" if facts & told else "real"
        rows.append({**row._asdict(), "gold_facts": ", ".join(sorted(facts)), "verdict": verdict})
    return pd.DataFrame(rows, columns=[*omissions.columns, "gold_facts", "verdict"])


def gold_omissions(gold: pd.DataFrame, *, others: int = 2) -> set[tuple[str, str]]:
    """The omissions a fact gold holds: (outlet, fact) for every fact that at least ``others``
    other outlets of its event assert and no sentence of the outlet does (the outlet has an
    article in the event).

    Examples
    --------
    >>> gold = pd.DataFrame({"event": "e", "article_id": ["a", "b", "c"], "outlet": ["A", "B", "C"],
    ...                      "facts": [["F1"], ["F1"], ["F2"]]})
    >>> sorted(gold_omissions(gold))
    [('C', 'F1')]
    """
    told: dict = {}
    for event, outlet, facts in zip(gold["event"], gold["outlet"], gold["facts"]):
        told.setdefault(event, {}).setdefault(outlet, set()).update(facts)
    found = set()
    for by_outlet in told.values():
        for outlet, own in by_outlet.items():
            for fact in set().union(*by_outlet.values()) - own:
                if sum(fact in facts for o, facts in by_outlet.items() if o != outlet) >= others:
                    found.add((outlet, fact))
    return found


def read_gold_jsonl(path: str | Path) -> pd.DataFrame:
    """A gold file of either kind as a table (see :func:`gold_pairs`): a fact gold
    (:func:`devtools.fact_gold.read_fact_gold`) or an alignment gold."""
    from toolkit._files import jsonl_records
    from toolkit.validation.alignment_gold import read_alignment_gold
    from .fact_gold import read_fact_gold

    for _, record in jsonl_records(path):
        return read_fact_gold(path) if "facts" in record else read_alignment_gold(path)
    raise ValueError(f"{path}: no gold line")


def match_units(gold: pd.DataFrame, sentences: pd.DataFrame) -> pd.DataFrame:
    """The gold's lines on the toolkit's current sentences: each line takes the number of the
    sentence of its article with the same text (cleaning rules change, and move sentence
    numbers; the texts stay). Lines whose text is no longer a sentence (a line cleaning now
    removes) are dropped, with a count in the ``dropped`` attribute of the result.

    Examples
    --------
    >>> gold = pd.DataFrame({"article_id": ["a", "a"], "sentence": [0, 1], "text": ["EXCLUSIVE", "Floods hit."],
    ...                      "facts": [[], ["F1"]]})
    >>> sentences = pd.DataFrame({"article_id": ["a"], "sentence": [0], "text": ["Floods hit."]})
    >>> found = match_units(gold, sentences)
    >>> found[["sentence", "text"]].values.tolist(), found.attrs["dropped"]
    ([[0, 'Floods hit.']], 1)
    """
    numbers: dict = {}
    for article_id, number, text in zip(sentences["article_id"], sentences["sentence"], sentences["text"]):
        numbers.setdefault((article_id, text), []).append(int(number))
    taken: dict = {}
    rows = []
    for row in gold.itertuples(index=False):
        key = (row.article_id, row.text)
        options = numbers.get(key, [])
        used = taken.setdefault(key, 0)
        if used < len(options):
            rows.append(row._replace(sentence=options[used]))
            taken[key] = used + 1
    matched = pd.DataFrame(rows, columns=gold.columns)
    matched.attrs["dropped"] = len(gold) - len(matched)
    return matched


def score_corpus(sentences: pd.DataFrame, gold: pd.DataFrame, *, mentions=None, within: str | None = "event",
                 **options) -> tuple[dict, pd.DataFrame]:
    """Compare the sentences of a corpus (its facts within ``within``) and score them on a gold:
    :func:`evaluate_facts`, and for a fact gold the omissions checked by :func:`real_omissions`
    (``omissions``, ``real_omissions``: their share that the gold confirms).

    Returns
    -------
    dict, pandas.DataFrame
        The figures, and the omissions with their verdicts (empty for an alignment gold).
    """
    from toolkit.compare.alignment import compare_sentences
    from toolkit.compare.profiles import leads, omissions

    found = compare_sentences(sentences, mentions=mentions, within=within, **options)
    if "facts" in gold.columns:
        gold = match_units(gold, sentences)
    scores = evaluate_facts(found.sentence_facts, gold)
    checked = pd.DataFrame()
    if "facts" in gold.columns:
        checked = real_omissions(omissions(found.facts), found.sentence_facts, gold)
        scores.update(omissions=len(checked), real_omissions=(checked["verdict"] == "real").mean()
                      if len(checked) else float("nan"))
        truth = gold_omissions(gold)
        hits = {(o, f) for o, facts in zip(checked["outlet"], checked["gold_facts"]) for f in facts.split(", ") if f}
        scores.update(gold_omissions=len(truth), omissions_found=len(truth & hits))
        scores.update(shared_leads(leads(found.sentence_facts, found.facts, sentences), gold))
    return scores, checked


def shared_leads(lead_table: pd.DataFrame, gold: pd.DataFrame) -> dict:
    """How often :func:`toolkit.compare.profiles.leads` is right that a lead is shared.

    In the gold, an article's lead is its first body sentence that is not furniture, and it is
    shared when the lead of an article of another outlet of the event asserts one of its facts.

    Returns
    -------
    dict
        ``leads`` (articles scored), ``leads_shared`` (shared in the gold), ``leads_right``
        (articles whose ``shared`` agrees with the gold).

    Examples
    --------
    >>> gold = pd.DataFrame({"event": "e", "article_id": ["a", "b", "c"], "outlet": ["A", "B", "C"], "part": "body",
    ...     "sentence": 0, "kind": "fact", "facts": [["F1"], ["F1"], ["F2"]]})
    >>> table = pd.DataFrame({"article_id": ["a", "b", "c"], "shared": [True, False, False]})
    >>> shared_leads(table, gold)
    {'leads': 3, 'leads_shared': 2, 'leads_right': 2}
    """
    body = gold[(gold["part"] == "body") & (gold["kind"] != "furniture")]
    firsts = body.sort_values(["article_id", "sentence"], kind="stable").drop_duplicates("article_id")
    facts = {a: set(f) for a, f in zip(firsts["article_id"], firsts["facts"])}
    event, outlet = dict(zip(firsts["article_id"], firsts["event"])), dict(zip(firsts["article_id"], firsts["outlet"]))
    truth = {a: any(facts[a] & facts[b] for b in facts if event[b] == event[a] and outlet[b] != outlet[a])
             for a in facts}
    scored = lead_table[lead_table["article_id"].isin(set(truth))]
    return {"leads": len(scored), "leads_shared": int(sum(truth[a] for a in scored["article_id"])),
            "leads_right": int(sum(truth[a] == bool(s) for a, s in zip(scored["article_id"], scored["shared"])))}


def _print(name: str, scores: dict) -> None:
    print(f"{name}: " + " ".join(f"{k}={v:.3f}" if isinstance(v, float) else f"{k}={v}" for k, v in scores.items()))


def gold_corpus_sentences(gold: pd.DataFrame, corpus, *, columns: dict | None = None) -> pd.DataFrame:
    """The sentences of the articles a fact gold annotates, with the gold's events.

    Parameters
    ----------
    gold : pandas.DataFrame
        From :func:`devtools.fact_gold.read_fact_gold`.
    corpus : str or pathlib.Path
        A folder of event folders (as ``data/gold/facts/fictional``) or a file or folder
        :func:`toolkit.load_corpus` reads (with ``columns``).
    """
    from toolkit import load_corpus, split_sentences
    from .fact_gold import _corpus_sentences

    path = Path(corpus)
    if path.is_dir() and any(p.is_dir() for p in path.iterdir()):
        sentences = _corpus_sentences(path)
    else:
        articles = load_corpus(path, columns=columns or None).articles
        sentences = split_sentences(articles[articles["article_id"].isin(set(gold["article_id"]))])
    events = gold[["article_id", "event"]].drop_duplicates("article_id")
    return sentences.drop(columns=["event"], errors="ignore").merge(events, on="article_id")


#: Where the figures of the facts are kept (read by :func:`toolkit.compare.facts.fact_validation`).
FIGURES = "validation/facts.json"

#: What each scored gold set is, for the figures' ``data`` column.
GOLD_SETS = {
    "fictional": ("held out", "fictional events, four outlets each (wire, tabloid, partisan daily, business paper), "
                  "annotated blind (data/gold/facts, CC0)"),
    "basil-dev": ("development: the settings were chosen here", "BASIL (Fan et al. 2019): real events of three US "
                  "outlets (Fox News, New York Times, HuffPost), annotated blind"),
    "basil-heldout": ("held out", "BASIL (Fan et al. 2019): other real events of the same three outlets, annotated "
                      "blind"),
}


def gold_size(gold: pd.DataFrame) -> dict:
    """How large a fact gold is: ``events``, ``articles``, ``sentences`` and ``outlets`` (the most
    of one event).

    Examples
    --------
    >>> gold = pd.DataFrame({"event": ["E1", "E1", "E2"], "article_id": ["a", "b", "c"], "outlet": ["A", "B", "A"]})
    >>> gold_size(gold)
    {'events': 2, 'articles': 3, 'sentences': 3, 'outlets': 2}
    """
    return {"events": int(gold["event"].nunique()), "articles": int(gold["article_id"].nunique()),
            "sentences": len(gold), "outlets": int(gold.groupby("event")["outlet"].nunique().max())}


def save_figures(name: str, scores: dict) -> Path:
    """Record one gold set's figures in the toolkit's resources (:data:`FIGURES`), replacing any
    earlier figures of the same set."""
    import json

    from toolkit._files import resource_path

    path = resource_path(FIGURES)
    rows = json.loads(path.read_text(encoding="utf-8"))["figures"] if path.is_file() else []
    role, data = GOLD_SETS[name]
    row = {"gold_set": name, "role": role, "data": data, **scores}
    rows = [r for r in rows if r["gold_set"] != name] + [row]
    rows.sort(key=lambda r: list(GOLD_SETS).index(r["gold_set"]))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"figures": rows, "command": "python -m devtools.fact_eval --save"}, indent=1)
                    + "\n", encoding="utf-8")
    return path


def results_table(figures: pd.DataFrame | None = None) -> str:
    """The recorded figures (:func:`toolkit.compare.facts.fact_validation`) as a Markdown table,
    as ``data/gold/facts/README.md`` gives them (a test checks that it does).

    Examples
    --------
    >>> print(results_table().splitlines()[0])
    | gold | role | pair precision | pair recall | article-pair recall | largest fact | omissions real | omissions found | leads right |
    """
    from toolkit.compare.facts import fact_validation

    figures = fact_validation() if figures is None else figures
    lines = ["| gold | role | pair precision | pair recall | article-pair recall | largest fact | omissions real "
             "| omissions found | leads right |", "|---|---|---|---|---|---|---|---|---|"]
    for r in figures.itertuples():
        real = round(r.real_omissions * r.omissions)
        lines.append(f"| {r.gold_set} | {r.role.split(':')[0]} | {r.precision:.2f} ({r.right} of {r.predicted}) "
                     f"| {r.recall:.2f} | {r.recall_articles:.2f} | {r.largest_fact} | {real} of {r.omissions} "
                     f"| {r.omissions_found} of {r.gold_omissions} | {r.leads_right} of {r.leads} |")
    return "\n".join(lines)


def main(argv=None) -> None:
    """Print the fact figures (``python -m devtools.fact_eval``)."""
    from toolkit import find_mentions, load_actors, load_articles, sample_actors_path, split_sentences
    from toolkit.validation.alignment_gold import gold_sets
    from .fact_gold import fact_gold_path, read_fact_gold

    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("--gold", help="a fact gold kept outside the repository")
    parser.add_argument("--corpus", help="the corpus it annotates")
    parser.add_argument("--columns", default="", help="field=column pairs, as for the report command")
    parser.add_argument("--link", type=float, default=None)
    parser.add_argument("--save", choices=sorted(GOLD_SETS), default=None,
                        help="record the figures of this gold set in the toolkit's resources")
    options = parser.parse_args(argv)
    extra = {"link": options.link} if options.link is not None else {}
    if options.gold:
        columns = dict(pair.split("=", 1) for pair in options.columns.split(",") if pair)
        gold = read_fact_gold(options.gold)
        scores, _ = score_corpus(gold_corpus_sentences(gold, options.corpus, columns=columns), gold, **extra)
        _print(Path(options.gold).name, scores)
        if options.save:
            print("saved in", save_figures(options.save, {**gold_size(gold), **scores}))
        return
    actors = load_actors(sample_actors_path())
    for name, (gold_path, articles_path) in gold_sets().items():
        sentences = split_sentences(load_articles(articles_path)).assign(event="E1")
        mentions = find_mentions(sentences, actors) if name.startswith("sample") else None
        scores, _ = score_corpus(sentences, read_gold_jsonl(gold_path), mentions=mentions, **extra)
        _print(f"alignment gold {name}", scores)
    path = fact_gold_path()
    gold = read_fact_gold(path)
    scores, _ = score_corpus(gold_corpus_sentences(gold, path.with_suffix("")), gold, **extra)
    _print("fact gold fictional (held out)", scores)
    if options.save == "fictional":
        print("saved in", save_figures("fictional", {**gold_size(gold), **scores}))


if __name__ == "__main__":
    main()
