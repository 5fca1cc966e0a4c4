"""Frame methods against the annotators of the Narrative Frames Corpus, and the learned model's training.

Run ``python -m devtools.frame_eval --data ../shared/data/frames`` to print the figures, and
add ``--save`` to train the learned model on all the articles and write it, with the figures,
to ``toolkit/resources/models/frames-linear``. The data: 343 English climate-change articles
(2017-2019) with five frame labels, each the majority of 2-4 trained annotators (README there);
the corpus's other articles are kept apart for a separate measurement and never read here.

Two methods are measured:

- **cue words** (``toolkit/resources/frames.yml``, :func:`toolkit.frame_scores`): nothing is
  fitted, so every article is scored as it is. The score of an article is the share of its
  sentences with a cue of the frame (for ROC AUC); the yes/no rule is "at least one cue".
  The dictionary's responsibility frame is scored against the corpus's narrower resolution.
- **learned** (:mod:`toolkit.compare.frame_model`): cross-validated, so that no article is
  scored by a model that saw it. Two splits: 5 folds at random, repeated with three seeds;
  and 5 folds that keep each outlet's articles together (a model scoring an outlet it has never
  seen, the user's usual case). Inside each training part, the regularization is chosen by
  a further cross-validation, and so is each frame's threshold for the yes/no rule.
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import numpy as np
import pandas as pd

from toolkit.compare.frame_model import FRAME_LABELS, MODEL_DIR, article_texts, train_frame_model

#: The cue dictionary's frame scored against each frame of the corpus.
CUE_FRAME = {"conflict": "conflict", "human_interest": "human_interest", "economic": "economic", "moral": "morality",
             "resolution": "responsibility"}
DATA_NOTE = "Narrative Frames Corpus, 343 development articles (climate change, 2017-2019), Frermann et al. 2023"


def read_frames_data(folder: str | Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The articles (as :func:`toolkit.load_corpus` reads a table) and their frame labels.

    Parameters
    ----------
    folder : str or pathlib.Path
        The folder with ``articles.jsonl`` (see its README).

    Returns
    -------
    articles : pandas.DataFrame
        ``article_id`` (``nfc-<id>``), ``outlet`` (as given), ``published``, ``text``.
    labels : pandas.DataFrame
        One boolean column per frame of :data:`FRAME_LABELS`, indexed by ``article_id``.
    """
    path = Path(folder) / "articles.jsonl"
    if not path.is_file():
        raise FileNotFoundError(f"{path} not found: give the folder of the Narrative Frames data (--data)")
    data = pd.read_json(path, lines=True, dtype={"id": str})
    missing = [c for c in ["id", "outlet", "published", "text", *FRAME_LABELS] if c not in data]
    if missing:
        raise ValueError(f"{path} lacks the column(s) {', '.join(missing)}")
    data["article_id"] = "nfc-" + data["id"].astype(str)
    labels = data.set_index("article_id")[list(FRAME_LABELS)].astype(bool)
    return data[["article_id", "outlet", "published", "text"]], labels


def outlet_group(name: str) -> str:
    """One name for an outlet spelled several ways ("The Huffington Post", "thehuffingtonpost").

    >>> outlet_group("The Huffington Post"), outlet_group("thehuffingtonpost"), outlet_group("Breitbart")
    ('huffingtonpost', 'huffingtonpost', 'breitbart')
    """
    return re.sub(r"^the", "", re.sub(r"[^a-z0-9]", "", str(name).lower()))


def corpus_sentences(articles: pd.DataFrame) -> pd.DataFrame:
    """The toolkit's sentences of the articles (loaded and cleaned as any corpus); every article must load."""
    from toolkit import load_corpus, split_sentences

    corpus = load_corpus(articles)
    if len(corpus.articles) != len(articles):
        lost = corpus.load_log[corpus.load_log["status"] != "loaded"]
        raise ValueError(f"{len(articles) - len(corpus.articles)} articles did not load: {lost.to_dict('records')}")
    return split_sentences(corpus.articles)


def _rule_figures(gold: np.ndarray, flagged: np.ndarray) -> dict:
    true = int((gold & flagged).sum())
    precision = true / flagged.sum() if flagged.sum() else 0.0
    recall = true / gold.sum() if gold.sum() else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": float(precision), "recall": float(recall), "f1": float(f1), "flagged": int(flagged.sum())}


def cue_figures(sentences: pd.DataFrame, labels: pd.DataFrame) -> list[dict]:
    """ROC AUC of the share of sentences with a cue, and the figures of the "any cue" rule, per frame."""
    from sklearn.metrics import roc_auc_score

    from toolkit import frame_scores

    hits = frame_scores(sentences)
    counts = sentences.groupby("article_id")["sentence"].count().reindex(labels.index)
    rows = []
    for frame in labels.columns:
        flagged = hits.loc[hits["frame"] == CUE_FRAME[frame]].groupby("article_id")["sentence"].nunique()
        share = (flagged.reindex(labels.index).fillna(0) / counts).to_numpy()
        gold = labels[frame].to_numpy()
        rows.append({"method": "cue words", "frame": frame, "positives": int(gold.sum()), "articles": len(gold),
                     "roc_auc": float(roc_auc_score(gold, share)), **_rule_figures(gold, share > 0),
                     "check": "nothing fitted, every article scored",
                     "data": f"{DATA_NOTE}; nothing fitted, every article scored"})
    return rows


def learned_figures(texts: list[str], labels: pd.DataFrame, *, groups: np.ndarray | None = None,
                    seeds=(0, 1, 2), folds: int = 5) -> list[dict]:
    """Cross-validated figures of the learned model, per frame (means over the seeds).

    Parameters
    ----------
    texts : list of str
        One per article (:func:`toolkit.compare.frame_model.article_texts`).
    labels : pandas.DataFrame
        One boolean column per frame.
    groups : numpy.ndarray, optional
        An outlet per article: folds then keep each outlet's articles together (one seed).
    seeds : sequence of int
    folds : int
    """
    from sklearn.metrics import roc_auc_score
    from sklearn.model_selection import GroupKFold, KFold

    gold = labels.to_numpy(dtype=bool)
    runs = []
    for seed in (seeds if groups is None else seeds[:1]):
        splitter = GroupKFold(folds) if groups is not None else KFold(folds, shuffle=True, random_state=seed)
        proba, flags = np.zeros(gold.shape), np.zeros(gold.shape, dtype=bool)
        for train, test in splitter.split(texts, groups=groups):
            model = train_frame_model([texts[i] for i in train], labels.iloc[train], seed=seed)
            proba[test] = model.predict_proba([texts[i] for i in test])
            flags[test] = proba[test] >= model.thresholds
        runs.append((proba, flags))
    how = ("5 folds keeping each outlet's articles together" if groups is not None
           else f"5 random folds, mean of {len(runs)} seeds")
    rows = []
    for k, frame in enumerate(labels.columns):
        figures = [{"roc_auc": float(roc_auc_score(gold[:, k], p[:, k])), **_rule_figures(gold[:, k], f[:, k])}
                   for p, f in runs]
        mean = {key: float(np.mean([f[key] for f in figures])) for key in figures[0]}
        mean["flagged"] = round(mean["flagged"], 1)
        rows.append({"method": "learned (frames-linear)", "frame": frame, "positives": int(gold[:, k].sum()),
                     "articles": len(gold), **mean, "check": f"cross-validated: {how}",
                     "data": f"{DATA_NOTE}; cross-validated: {how}"})
    return rows


def figures_table(rows: list[dict]) -> str:
    """The figures as a Markdown table, macro means included."""
    table = pd.DataFrame(rows)
    lines = ["| method | data | frame | positives | ROC AUC | precision | recall | F1 |", "|---|---|---|---|---|---|---|---|"]
    for (method, data), part in table.groupby(["method", "data"], sort=False):
        split = data.split("; ", 1)[-1]
        for row in part.itertuples():
            lines.append(f"| {method} | {split} | {row.frame} | {row.positives} | {row.roc_auc:.2f} | "
                         f"{row.precision:.2f} | {row.recall:.2f} | {row.f1:.2f} |")
        lines.append(f"| {method} | {split} | **macro** | | **{part['roc_auc'].mean():.2f}** | "
                     f"{part['precision'].mean():.2f} | {part['recall'].mean():.2f} | **{part['f1'].mean():.2f}** |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    """Print the figures of both methods; with ``--save``, train on all articles and write the model."""
    parser = argparse.ArgumentParser(prog="python -m devtools.frame_eval", description=__doc__.splitlines()[0])
    parser.add_argument("--data", required=True, help="the folder of the Narrative Frames data (articles.jsonl)")
    parser.add_argument("--save", action="store_true", help="train on all articles and write the shipped model")
    parser.add_argument("--out", help="where to write the model (default: the toolkit's resources)")
    args = parser.parse_args(argv)
    from toolkit._files import resource_path
    from toolkit._linear import write_figures

    articles, labels = read_frames_data(args.data)
    sentences = corpus_sentences(articles)
    texts = article_texts(sentences).set_index("article_id").loc[labels.index, "text"].tolist()
    rows = cue_figures(sentences, labels)
    rows += learned_figures(texts, labels)
    rows += learned_figures(texts, labels, groups=articles["outlet"].map(outlet_group).to_numpy())
    print(figures_table(rows))
    if args.save:
        model = train_frame_model(texts, labels, metadata={"data": DATA_NOTE, "labels": list(labels.columns)})
        folder = Path(args.out) if args.out else resource_path(MODEL_DIR)
        model.save(folder)
        write_figures(folder, rows, model.metadata)
        print(f"model and figures written to {folder}")


if __name__ == "__main__":
    main()
