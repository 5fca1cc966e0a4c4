"""Does the correction bring the figures closer to people's? A check on real annotated news.

NewsMTSC's development splits (Hamborg & Donnay, EACL 2021; MIT; never its test splits) give,
for each target (a person named in a news sentence), the tone people found towards it. The
toolkit's default method for tone towards an actor (``newsmtsc-linear``) labels every target;
the share of targets it finds negative (or positive) is compared, per group, with the share all
the human labels give. NewsMTSC records no outlet: its sentences come from two collections of
articles of many outlets, AllSides and POLUSA (the start of each ``primary_gid``), in two splits
(``dev_rw``, the real-world distribution, and ``dev_mt``, sentences with several targets), so the
groups here are collection x split, four groups of 161-231 targets standing in for outlets.

Each of ``--draws`` draws takes a random 10 % of each group's targets as the "coded sample" (their
human labels are used, the others' are not) and computes
:func:`toolkit.validation.corrected_shares`. Reported per group and share: the all-human share
(the truth here), the machine's share, how far the machine's, the corrected (PPI) and the
power-tuned (PPI++) figures land from the truth on average, in how many draws the corrected
figure lands closer than the machine's, and how often the corrected 95 % interval holds the
all-human share. The machine was trained on NewsMTSC's training split only, and nothing here was
tuned.

``python -m toolkit.dev.ppi_newsmtsc --newsmtsc ../shared/data/newsmtsc [--draws 200] [--seed 0]``.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
import pandas as pd

from ..tone.targets import score_targets
from ..validation import corrected_shares
from .ppi_simulation import markdown
from .target_eval import read_newsmtsc

#: The method labelled by the machine: the toolkit's default for tone towards an actor.
METHOD = "newsmtsc-linear"

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


def draws(targets: pd.DataFrame, *, share: str, runs: int, fraction: float, seed: int) -> pd.DataFrame:
    """Per group, over ``runs`` random coded samples of ``fraction`` of each group's targets.

    Returns
    -------
    pandas.DataFrame
        One row per group: ``group, N, n, human`` (the all-human share), ``machine``, the mean
        absolute distance to ``human`` of the machine, corrected and tuned figures, ``closer %``
        (draws where the corrected figure is closer than the machine's), ``ties %`` (as close),
        ``covers %`` (draws whose corrected interval holds ``human``) and ``width``.
    """
    corpus = pd.DataFrame({"item": targets["item"], "outlet": targets["group"],
                           "predicted": (targets["predicted"] == share).astype(int)})
    human = (targets["label"] == share).astype(int)
    truth = human.groupby(targets["group"]).mean()
    rng = np.random.default_rng(seed)
    results = []
    for _ in range(runs):
        chosen = np.concatenate([rng.choice(np.flatnonzero(targets["group"].to_numpy() == g),
                                            round(fraction * size), replace=False)
                                 for g, size in targets["group"].value_counts().sort_index().items()])
        coded = pd.DataFrame({"item": targets["item"].to_numpy()[chosen], "human": human.to_numpy()[chosen]})
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
    out[["closer", "ties", "covers"]] *= 100
    out = out.rename(columns={"closer": "closer %", "ties": "ties %", "covers": "covers %"})
    return out.reset_index().rename(columns={"outlet": "group"}).assign(share=share)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--newsmtsc", required=True, help="the folder with dev_rw.jsonl and dev_mt.jsonl")
    parser.add_argument("--draws", type=int, default=200)
    parser.add_argument("--fraction", type=float, default=0.1)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    targets = labelled_targets(args.newsmtsc)
    table = pd.concat([draws(targets, share=share, runs=args.draws, fraction=args.fraction, seed=args.seed)
                       for share in SHARES])
    columns = ["share", "group", "N", "n", "human", "machine", "machine_off", "corrected_off", "tuned_off",
               "closer %", "ties %", "covers %", "width"]
    print(f"NewsMTSC dev_rw + dev_mt, {len(targets)} targets, machine {METHOD}; {args.draws} draws of "
          f"{args.fraction:.0%} per group, seed {args.seed}\n")
    print(markdown(table[columns]))


if __name__ == "__main__":
    main()
