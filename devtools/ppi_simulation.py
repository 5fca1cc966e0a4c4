"""Do the corrected intervals hold? A simulation where the truth is known.

Three outlets whose true shares differ (A 0.35, B 0.30, C 0.20: say, the share of items negative
towards an actor), N items each; a machine labels every item, with error rates that differ by
outlet; people code a simple random sample of n items per outlet. Each run draws a new corpus,
machine labels and sample, and computes :func:`toolkit.validation.corrected_shares` and
:func:`toolkit.validation.corrected_differences`. Reported, per outlet and per pair of outlets:
how often the 95 % interval of each estimator covers the true share (or difference), the mean
estimate, and the mean width of the intervals.

Two machines:

- ``differing errors``: true-positive rate 0.80, 0.80, 0.70 and false-positive rate 0.05, 0.25,
  0.15 for A, B, C (the machine finds B's share higher than A's; in truth it is lower);
- ``good machine``: true-positive rate 0.95 and false-positive rate 0.02, 0.04, 0.03.

The truth is the share that generates the items (the paper's target); the coverage of the share of
the corpus's own N items is printed too.

``python -m devtools.ppi_simulation [--runs 1000] [--items 5000] [--coded 200] [--seed 0]``.
"""

from __future__ import annotations

import argparse
import time

import numpy as np
import pandas as pd

from toolkit.validation import corrected_differences, corrected_shares

#: The outlets' true shares.
TRUE_SHARES = {"A": 0.35, "B": 0.30, "C": 0.20}

#: Per machine, each outlet's (true-positive rate, false-positive rate).
MACHINES = {
    "differing errors": {"A": (0.80, 0.05), "B": (0.80, 0.25), "C": (0.70, 0.15)},
    "good machine": {"A": (0.95, 0.02), "B": (0.95, 0.04), "C": (0.95, 0.03)},
}

_ESTIMATORS = {"machine": "machine", "coded": "coded only", "corrected": "PPI", "tuned": "PPI++"}


def draw(rates: dict, *, items: int, coded: int, rng: np.random.Generator) -> tuple[pd.DataFrame, pd.DataFrame]:
    """One simulated corpus (item, outlet, predicted, truth) and its coded sample (item, human)."""
    corpora, samples = [], []
    for number, (outlet, share) in enumerate(TRUE_SHARES.items()):
        truth = rng.random(items) < share
        tpr, fpr = rates[outlet]
        predicted = np.where(truth, rng.random(items) < tpr, rng.random(items) < fpr)
        ids = number * items + np.arange(items)
        corpora.append(pd.DataFrame({"item": ids, "outlet": outlet, "predicted": predicted.astype(int),
                                     "truth": truth.astype(int)}))
        chosen = rng.choice(items, coded, replace=False)
        samples.append(pd.DataFrame({"item": ids[chosen], "human": truth[chosen].astype(int)}))
    return pd.concat(corpora, ignore_index=True), pd.concat(samples, ignore_index=True)


def simulate(machine: str, *, runs: int, items: int, coded: int, seed: int) -> pd.DataFrame:
    """Coverage, mean estimate and mean width per outlet and pair over ``runs`` runs.

    Returns
    -------
    pandas.DataFrame
        One row per quantity (outlet ``A`` or pair ``A-B``) and estimator: ``machine`` (the
        setting), ``quantity``, ``truth``, ``estimator``, ``coverage`` (share of runs whose 95 %
        interval holds the truth), ``corpus_coverage`` (... the share of the corpus's own items),
        ``mean`` (mean estimate), ``width`` (mean interval width).
    """
    rng = np.random.default_rng(seed)
    rows = []
    for run in range(runs):
        corpus, sample = draw(MACHINES[machine], items=items, coded=coded, rng=rng)
        in_corpus = corpus.groupby("outlet")["truth"].mean()
        shares = corrected_shares(corpus, sample).set_index("outlet")
        for outlet, share in TRUE_SHARES.items():
            rows.append((run, outlet, share, in_corpus[outlet], shares.loc[outlet]))
        for _, pair in corrected_differences(corpus, sample).iterrows():
            a, b = pair["outlet_a"], pair["outlet_b"]
            rows.append((run, f"{a}-{b}", TRUE_SHARES[a] - TRUE_SHARES[b], in_corpus[a] - in_corpus[b], pair))
    records = []
    for run, quantity, truth, corpus_truth, row in rows:
        for name, label in _ESTIMATORS.items():
            low, high = row[f"{name}_low"], row[f"{name}_high"]
            records.append({"quantity": quantity, "truth": truth, "estimator": label,
                            "covered": low <= truth <= high, "corpus_covered": low <= corpus_truth <= high,
                            "estimate": row[name], "width": high - low})
    table = pd.DataFrame(records).groupby(["quantity", "estimator"], sort=False).agg(
        truth=("truth", "first"), coverage=("covered", "mean"), corpus_coverage=("corpus_covered", "mean"),
        mean=("estimate", "mean"), width=("width", "mean")).reset_index()
    return table.assign(machine=machine)[["machine", "quantity", "truth", "estimator", "coverage",
                                          "corpus_coverage", "mean", "width"]]


def summary(table: pd.DataFrame) -> pd.DataFrame:
    """One row per machine and quantity: coverage (%) of each estimator and the interval widths."""
    wide = table.pivot_table(index=["machine", "quantity", "truth"], columns="estimator",
                             values=["coverage", "corpus_coverage", "mean", "width"], sort=False)
    out = pd.DataFrame({
        "machine mean": wide[("mean", "machine")],
        "machine covers %": 100 * wide[("coverage", "machine")],
        "coded only covers %": 100 * wide[("coverage", "coded only")],
        "PPI covers %": 100 * wide[("coverage", "PPI")],
        "PPI++ covers %": 100 * wide[("coverage", "PPI++")],
        "PPI covers corpus share %": 100 * wide[("corpus_coverage", "PPI")],
        "width coded only": wide[("width", "coded only")],
        "width PPI": wide[("width", "PPI")],
        "width PPI++": wide[("width", "PPI++")],
    })
    return out.reset_index()


def markdown(table: pd.DataFrame, *, digits: int = 3) -> str:
    """A table as Markdown, numbers with ``digits`` decimals (percentages with one)."""
    def cell(column, value):
        if isinstance(value, (float, np.floating)):
            return f"{value:.1f}" if column.endswith("%") else f"{value:.{digits}f}"
        return str(value)
    lines = ["| " + " | ".join(table.columns) + " |", "|" + "---|" * len(table.columns)]
    lines += ["| " + " | ".join(cell(c, v) for c, v in zip(table.columns, row)) + " |"
              for row in table.itertuples(index=False)]
    return "\n".join(lines)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=1000)
    parser.add_argument("--items", type=int, default=5000, help="items per outlet (N)")
    parser.add_argument("--coded", type=int, default=200, help="coded items per outlet (n)")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    start = time.perf_counter()
    tables = [simulate(machine, runs=args.runs, items=args.items, coded=args.coded, seed=args.seed + i)
              for i, machine in enumerate(MACHINES)]
    print(f"{args.runs} runs per machine, N = {args.items:,} items and n = {args.coded} coded per outlet, "
          f"seed {args.seed}; {time.perf_counter() - start:.0f} s\n")
    print(markdown(summary(pd.concat(tables))))


if __name__ == "__main__":
    main()
