"""Does the correction bring the figures closer to people's? A check on real annotated news.

Each check takes annotated news no one here wrote, where every item has a human label and the
toolkit gives a machine label, and a share per group (per outlet where the data records one).
Each of ``--draws`` draws takes a random 10 % of each group's items as the "coded sample" (their
human labels are used, the others' are not) and computes
:func:`toolkit.validation.corrected_shares`. Reported per group: the share all the human labels
give (the truth here), the machine's share, how far the machine's, the corrected (PPI) and the
power-tuned (PPI++) figures land from the truth on average, in how many draws the corrected
figure lands closer than the machine's, and how often the corrected 95 % interval holds the
all-human share. Nothing here was tuned on these data.

- ``--newsmtsc``: NewsMTSC's development splits (Hamborg & Donnay, EACL 2021; MIT; never its test
  splits): the tone people found towards each target, against the toolkit's default method for tone
  towards an actor (``newsmtsc-linear``, trained on NewsMTSC's training split); shares of targets
  negative and positive. NewsMTSC records no outlet: its sentences come from two collections of
  articles of many outlets, AllSides and POLUSA (the start of each ``primary_gid``), in two splits
  (``dev_rw``, the real-world distribution, and ``dev_mt``, sentences with several targets), so the
  groups are collection x split, four groups of 161-231 targets standing in for outlets.
- ``--polnear``: PolNeAR's development split (Newell, Margolin and Ruths, LREC 2018; 84 articles of
  seven US outlets; never its test split; no licence: read from a scratch folder): the share of
  body sentences that carry an attribution (a gold content span overlaps the sentence), against
  :func:`toolkit.extract_quotes` without a dictionary (a found quote overlaps the sentence). Real
  outlets; PolNeAR also counts beliefs and "according to" as attributions, which the quote finder
  is not made for, so the machine's share is low.

- ``--polnear ... --voices``: share of voice on PolNeAR dev. Each quote the toolkit finds (no
  dictionary) is *right* when it matches a gold attribution's content (spans overlapping by 0.3 of
  the longer, one to one) and its speaker's head word is the gold source's; the truth is each
  outlet's share of the found quoted words that are right quotes of each speaker type (named,
  unnamed, pronoun), all quotes judged; the machine's is its share of the found quoted words;
  the corrected one :func:`toolkit.validation.corrected_voice_shares` with a random 10 % of each
  outlet's quotes coded ("right" or "not a quote").

``python -m devtools.ppi_realdata [--newsmtsc ../shared/data/newsmtsc] [--polnear PolNeAR/data [--voices]]
[--draws 200] [--seed 0]``.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
import pandas as pd

from toolkit.tone.targets import score_targets
from toolkit.validation import corrected_shares, corrected_voice_shares
from .ppi_simulation import markdown
from .target_eval import read_newsmtsc

#: The method labelled by the machine: the toolkit's default for tone towards an actor.
METHOD = "newsmtsc-linear"

#: The voices of the share-of-voice check (speaker types).
VOICES = ["named", "unnamed", "pronoun"]

#: The shares compared.
SHARES = ("negative", "positive")


def labelled_targets(folder: str | Path, *, method: str = METHOD) -> pd.DataFrame:
    """Both development splits, one row per target: ``item, group, label, predicted``."""
    parts = []
    for split in ("dev_rw", "dev_mt"):
        data = read_newsmtsc(Path(folder) / f"{split}.jsonl")
        data["predicted"], _ = score_targets(data["text"], data["start"], data["end"], method=method)
        data["group"] = data["gid"].str.split("_").str[0] + " " + split
        data["item"] = split + ":" + data.index.astype(str)
        parts.append(data[["item", "group", "text", "mention", "label", "predicted"]])
    return pd.concat(parts, ignore_index=True)


def polnear_sentences(folder: str | Path) -> pd.DataFrame:
    """PolNeAR dev's body sentences: ``item, group`` (the outlet), ``text``, ``human`` and ``predicted``
    (1 where a gold attribution's content, or a quote the toolkit finds, overlaps the sentence)."""
    from toolkit import extract_quotes, split_sentences
    from .attribution_eval import read_polnear

    articles, gold = read_polnear(folder, "dev")
    sentences = split_sentences(articles, parts=("body",))
    quotes = extract_quotes(sentences)
    sentences["human"] = _overlapped(sentences, gold)
    sentences["predicted"] = _overlapped(sentences, quotes)
    sentences["item"] = sentences["article_id"] + ":" + sentences["sentence"].astype(str)
    return sentences.rename(columns={"outlet": "group"})[["item", "group", "text", "human", "predicted"]]


def _overlapped(sentences: pd.DataFrame, spans: pd.DataFrame) -> np.ndarray:
    """1 for each sentence that a span of the same article overlaps by a character or more."""
    out = np.zeros(len(sentences), dtype=int)
    by_article = {key: part[["start", "end"]].to_numpy() for key, part in spans.groupby("article_id")}
    for position, (article, start, end) in enumerate(sentences[["article_id", "start", "end"]].itertuples(index=False)):
        found = by_article.get(article)
        out[position] = int(found is not None and bool(np.any((found[:, 0] < end) & (found[:, 1] > start))))
    return out


def draws(items: pd.DataFrame, *, runs: int, fraction: float, seed: int) -> pd.DataFrame:
    """Per group, over ``runs`` random coded samples of ``fraction`` of each group's items.

    Parameters
    ----------
    items : pandas.DataFrame
        One row per item: ``item``, ``group``, ``human`` and ``predicted`` (0 or 1).

    Returns
    -------
    pandas.DataFrame
        One row per group: ``group, N, n, human`` (the all-human share), ``machine``, ``wrong %``
        (items whose machine label differs from the human one), the mean
        absolute distance to ``human`` of the machine, corrected and tuned figures, ``closer %``
        (draws where the corrected figure is closer than the machine's), ``ties %`` (as close),
        ``covers %`` (draws whose corrected interval holds ``human``) and ``width``.
    """
    corpus = items[["item", "group", "predicted"]].rename(columns={"group": "outlet"})
    human = items["human"]
    truth = human.groupby(items["group"]).mean()
    wrong = (human != items["predicted"]).groupby(items["group"]).mean()
    rng = np.random.default_rng(seed)
    results = []
    for _ in range(runs):
        chosen = np.concatenate([rng.choice(np.flatnonzero(items["group"].to_numpy() == g),
                                            round(fraction * size), replace=False)
                                 for g, size in items["group"].value_counts().sort_index().items()])
        coded = pd.DataFrame({"item": items["item"].to_numpy()[chosen], "human": human.to_numpy()[chosen]})
        results.append(corrected_shares(corpus, coded))
    table = pd.concat(results, ignore_index=True)
    table["truth"] = table["outlet"].map(truth)
    for name in ("machine", "corrected", "tuned"):
        table[f"off_{name}"] = (table[name] - table["truth"]).abs()
    table["closer"] = table["off_corrected"] < table["off_machine"] - 1e-12
    table["tie"] = (table["off_corrected"] - table["off_machine"]).abs() <= 1e-12
    table["covers"] = (table["corrected_low"] <= table["truth"]) & (table["truth"] <= table["corrected_high"])
    table["width"] = table["corrected_high"] - table["corrected_low"]
    out = table.groupby("outlet").agg(
        N=("N", "first"), n=("n", "first"), human=("truth", "first"), machine=("machine", "first"),
        machine_off=("off_machine", "mean"), corrected_off=("off_corrected", "mean"), tuned_off=("off_tuned", "mean"),
        closer=("closer", "mean"), ties=("tie", "mean"), covers=("covers", "mean"), width=("width", "mean"))
    out["wrong"] = wrong
    out[["closer", "ties", "covers", "wrong"]] *= 100
    out = out.rename(columns={"closer": "closer %", "ties": "ties %", "covers": "covers %", "wrong": "wrong %"})
    return out.reset_index().rename(columns={"outlet": "group"})


def polnear_quotes(folder: str | Path) -> pd.DataFrame:
    """The quotes the toolkit finds in PolNeAR dev without a dictionary, with ``right`` (True where
    the quote matches a gold attribution and its speaker's head word is the gold source's)."""
    from toolkit import extract_quotes, split_sentences

    from .attribution_eval import head_word, match_spans, read_polnear

    articles, gold = read_polnear(folder, "dev")
    quotes = extract_quotes(split_sentences(articles, parts=("body",))).reset_index(drop=True)
    gold = gold.reset_index(drop=True)
    right = np.zeros(len(quotes), dtype=bool)
    for i, j in match_spans(quotes, gold):
        right[i] = head_word(str(quotes.at[i, "speaker"])) == head_word(str(gold.at[j, "source"]))
    return quotes.assign(right=right)


def voice_draws(quotes: pd.DataFrame, *, by: str = "speaker_type", voices=None, runs: int, fraction: float,
                seed: int) -> pd.DataFrame:
    """Per voice and outlet, over ``runs`` random coded samples of ``fraction`` of each outlet's quotes
    (at least two): how far the machine's and the corrected share of voice land from the all-judged one.

    Parameters
    ----------
    quotes : pandas.DataFrame
        The quotes table with ``right`` (:func:`polnear_quotes`).
    by, voices
        As for :func:`toolkit.validation.corrected_voice_shares`.

    Returns
    -------
    pandas.DataFrame
        One row per voice and outlet: ``by``, ``outlet``, ``N``, ``n``, ``human`` (the share of
        found quoted words that are right quotes of the voice), ``machine``, ``machine_off`` and
        ``corrected_off`` (mean absolute distance to ``human``), ``closer %``, ``covers %`` (the
        corrected 95 % interval holds ``human``), ``width``.

    Examples
    --------
    >>> quotes = pd.DataFrame({"article_id": "a", "sentence": range(4), "speaker": "S", "start": 0, "end": 1,
    ...     "outlet": "A", "speaker_type": "named", "words": 10, "right": [True, True, False, False]})
    >>> voice_draws(quotes, runs=3, fraction=1.0, seed=0)[["N", "n", "human", "machine", "corrected_off"]].values.tolist()
    [[4.0, 4.0, 0.5, 1.0, 0.0]]
    """
    quotes = quotes.reset_index(drop=True)
    quotes = quotes.assign(**{by: quotes[by].astype(object).where(quotes[by].notna(), "(none)").astype(str)})
    tables = {"quotes": quotes, "sentences": None, "articles": None}
    found = quotes["words"] / quotes.groupby("outlet")["words"].transform("sum")
    truth = (found * quotes["right"]).groupby([quotes[by], quotes["outlet"]]).sum()
    voices = sorted(quotes[by].unique()) if voices is None else voices
    rng = np.random.default_rng(seed)
    results = []
    for _ in range(runs):
        chosen = np.concatenate([rng.choice(np.flatnonzero(quotes["outlet"].to_numpy() == o),
                                            min(size, max(2, round(fraction * size))), replace=False)
                                 for o, size in quotes["outlet"].value_counts().sort_index().items()])
        coded = pd.DataFrame({"measure": "quotes", "row": chosen, "outlet": quotes["outlet"].to_numpy()[chosen],
                              "coded": np.where(quotes["right"].to_numpy()[chosen], "right", "not a quote")})
        results.append(corrected_voice_shares(tables, coded, by=by, voices=voices, min_coded=1))
    table = pd.concat(results, ignore_index=True)
    table["truth"] = truth.reindex(pd.MultiIndex.from_frame(table[[by, "outlet"]])).fillna(0).to_numpy()
    table["off_machine"] = (table["machine"] - table["truth"]).abs()
    table["off_corrected"] = (table["corrected"] - table["truth"]).abs()
    table["closer"] = table["off_corrected"] < table["off_machine"] - 1e-12
    table["covers"] = (table["corrected_low"] <= table["truth"] + 1e-12) & (table["truth"] <= table["corrected_high"] + 1e-12)
    table["width"] = table["corrected_high"] - table["corrected_low"]
    out = table.groupby([by, "outlet"]).agg(
        N=("N", "first"), n=("n", "first"), human=("truth", "first"), machine=("machine", "first"),
        machine_off=("off_machine", "mean"), corrected_off=("off_corrected", "mean"), closer=("closer", "mean"),
        covers=("covers", "mean"), width=("width", "mean"))
    out[["closer", "covers"]] *= 100
    return out.rename(columns={"closer": "closer %", "covers": "covers %"}).reset_index()


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--newsmtsc", help="the folder with NewsMTSC's dev_rw.jsonl and dev_mt.jsonl")
    parser.add_argument("--polnear", help="PolNeAR's data folder (holding dev/)")
    parser.add_argument("--voices", action="store_true",
                        help="with --polnear: the share of voice by speaker type, corrected with coded quotes")
    parser.add_argument("--draws", type=int, default=200)
    parser.add_argument("--fraction", type=float, default=0.1)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    columns = ["group", "N", "n", "human", "machine", "wrong %", "machine_off", "corrected_off", "tuned_off",
               "closer %", "ties %", "covers %", "width"]
    settings = f"{args.draws} draws of {args.fraction:.0%} per group, seed {args.seed}"
    if args.newsmtsc:
        targets = labelled_targets(args.newsmtsc)
        for share in SHARES:
            items = targets.assign(human=(targets["label"] == share).astype(int),
                                   predicted=(targets["predicted"] == share).astype(int))
            print(f"\nNewsMTSC dev_rw + dev_mt, share of {len(targets)} targets labelled {share}, machine {METHOD}; "
                  f"{settings}\n")
            print(markdown(draws(items, runs=args.draws, fraction=args.fraction, seed=args.seed)[columns]))
    if args.polnear:
        sentences = polnear_sentences(args.polnear)
        print(f"\nPolNeAR dev, share of {len(sentences)} body sentences with an attribution, machine "
              f"extract_quotes (no dictionary); {settings}\n")
        print(markdown(draws(sentences, runs=args.draws, fraction=args.fraction, seed=args.seed)[columns]))
    if args.polnear and args.voices:
        quotes = polnear_quotes(args.polnear)
        table = voice_draws(quotes, voices=VOICES, runs=args.draws, fraction=args.fraction, seed=args.seed)
        print(f"\nPolNeAR dev, share of voice by speaker type of {len(quotes)} quotes found (no dictionary), "
              f"{quotes['right'].mean():.1%} right; {settings}\n")
        print(markdown(table))
        print(f"\nAll voices and outlets: corrected closer in {table['closer %'].mean():.1f} % of draws, "
              f"interval holds the truth in {table['covers %'].mean():.1f} %, mean distance "
              f"{table['machine_off'].mean():.3f} (machine) and {table['corrected_off'].mean():.3f} (corrected)")


if __name__ == "__main__":
    main()
