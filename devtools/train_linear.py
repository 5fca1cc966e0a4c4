"""Train the linear target-sentiment model and the lexicon thresholds on NewsMTSC's training split.

Run ``python -m devtools.train_linear --data PATH/TO/newsmtsc``. Every choice (the lexicon
thresholds, the regularization strength) is made on the training split alone, by
cross-validation; the development splits are only scored, and the figures written to
``metadata.dev`` in the model file, so that they stay honest estimates.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import numpy as np

from toolkit._files import resource_path
from .target_eval import macro_f1, read_newsmtsc
from toolkit.tone.targets import LABELS, LINEAR_DIR, LinearTargetModel, target_window, textblob_polarity, vader_compound

_THRESHOLDS = np.round(np.arange(0.0, 0.61, 0.025), 3)


def choose_threshold(scores, gold) -> float:
    """The neutral-band threshold that maximizes macro-F1 on the given (training) data."""
    def f1(t):
        labels = np.where(scores > t, "positive", np.where(scores < -t, "negative", "neutral"))
        return macro_f1(gold, labels)[0]
    return float(max(_THRESHOLDS, key=f1))


def train(data_dir: str | Path, *, seed: int = 0) -> LinearTargetModel:
    """Train the model on ``train.jsonl`` and score it on the development splits.

    Parameters
    ----------
    data_dir : str or pathlib.Path
        The folder with NewsMTSC's ``train.jsonl``, ``dev_rw.jsonl`` and ``dev_mt.jsonl``.
    seed : int, default 0

    Returns
    -------
    LinearTargetModel
    """
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GridSearchCV, StratifiedKFold

    data_dir = Path(data_dir)
    train_data = read_newsmtsc(data_dir / "train.jsonl")
    start = time.perf_counter()
    thresholds = {}
    for method, scorer in (("textblob-window", textblob_polarity), ("vader-window", vader_compound)):
        scores = np.array([scorer(target_window(t, s, e)) for t, s, e in
                           zip(train_data["text"], train_data["start"], train_data["end"])])
        thresholds[method] = choose_threshold(scores, train_data["label"])
    settings = dict(lowercase=True, ngram_range=(1, 2), min_df=2, sublinear_tf=True)
    vectorizers = tuple(TfidfVectorizer(**settings) for _ in range(3))
    from toolkit.tone.targets import marked_parts
    parts = [marked_parts(t, s, e) for t, s, e in zip(train_data["text"], train_data["start"], train_data["end"])]
    for i, vec in enumerate(vectorizers):
        vec.fit([p[i] for p in parts])
    draft = LinearTargetModel(vectorizers, None, {})
    features = draft.features(train_data["text"], train_data["start"], train_data["end"])
    search = GridSearchCV(LogisticRegression(max_iter=3000, class_weight="balanced"),
                          {"C": [0.25, 0.5, 1.0, 2.0, 4.0]}, scoring="f1_macro",
                          cv=StratifiedKFold(5, shuffle=True, random_state=seed))
    search.fit(features, train_data["label"])
    metadata = {"trained_on": "NewsMTSC train.jsonl (Hamborg & Donnay, EACL 2021; MIT licence)",
                "train_targets": len(train_data), "C": search.best_params_["C"],
                "cv_macro_f1_on_train": round(float(search.best_score_), 4),
                "lexicon_thresholds": thresholds, "labels": list(LABELS), "seed": seed,
                "training_seconds": round(time.perf_counter() - start, 1)}
    model = LinearTargetModel(vectorizers, search.best_estimator_, metadata)
    return model


def main(argv: list[str] | None = None) -> None:
    """Command line: train, score on the development splits, save."""
    parser = argparse.ArgumentParser(prog="python -m devtools.train_linear", description=__doc__.splitlines()[0])
    parser.add_argument("--data", required=True, help="folder with NewsMTSC train.jsonl, dev_rw.jsonl, dev_mt.jsonl")
    parser.add_argument("--out", default=str(resource_path(LINEAR_DIR)))
    args = parser.parse_args(argv)
    model = train(args.data)
    model.save(args.out)   # saved first: the lexicon methods read their thresholds from it
    from toolkit import targets
    targets._load_linear.cache_clear()
    from .target_eval import evaluate_method
    dev = {}
    for split in ("dev_rw", "dev_mt"):
        data = read_newsmtsc(Path(args.data) / f"{split}.jsonl")
        for method in ("textblob-window", "vader-window", "newsmtsc-linear"):
            result = evaluate_method(data, method)
            dev[f"{split}/{method}"] = {k: round(v, 4) if isinstance(v, float) else v for k, v in result.items()}
            print(split, method, f"macro-F1 {100 * result['macro_f1']:.1f}", f"accuracy {100 * result['accuracy']:.1f}",
                  f"{result['targets_per_second']:.0f} targets/s")
    model.metadata["dev"] = dev
    model.save(args.out)
    print(f"model written to {args.out}")


if __name__ == "__main__":
    main()
