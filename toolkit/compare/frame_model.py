"""Narrative frames of whole articles, learned from annotated news (a linear model).

What it measures
    For each article, the probability that trained annotators would say it uses each of the
    five frames of the Narrative Frames Corpus (Frermann, Li, Khanehzar and Mikolajczak, ACL
    2023): **conflict** (disagreement, reproach, two sides), **human interest** (a human face,
    emotion, private lives), **economic** (gains, losses, costs), **moral** (a moral message,
    morality, God or religion) and **resolution** (a solution is suggested, and someone could
    bring it about). These are the corpus's definitions, close to Semetko and Valkenburg's
    generic frames (resolution is narrower than their attribution of responsibility).

How
    One logistic regression per frame over TF-IDF word weights of the article (headline and
    body), trained on the 343 development articles of the corpus (``devtools.frame_eval``).
    Stored as plain JSON and arrays (``toolkit/resources/models/frames-linear``), not a pickle.

How well, and how far it carries
    The figures (ROC AUC and F1 per frame, from cross-validation that never scores an article
    the model was trained on) are in ``toolkit/resources/models/frames-linear/metrics.json``
    and :func:`frame_validation` gives them as a table. The articles are all about **climate change** (2017-2019, US,
    UK and Australian outlets): words such as "emissions" or "carbon tax" carry the economic
    frame there, and the model has never seen a war, an election or a trial. On other topics
    treat its probabilities as a rough guide and read the evidence; the cue-word indicators
    (:func:`toolkit.frame_scores`) stay the transparent default of the report.

Evidence
    Every score keeps the words that drove it (their weight in the article times their
    coefficient) and the sentences that hold most of that weight.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from .._checks import check_columns
from .._files import resource_path

#: The frames of the Narrative Frames Corpus, with their labels.
FRAME_LABELS = {"conflict": "Conflict", "human_interest": "Human interest", "economic": "Economic consequences",
                "moral": "Morality", "resolution": "Resolution"}
#: Where the shipped model lives, under ``toolkit/resources``.
MODEL_DIR = "models/frames-linear"
#: The command that trains it.
TRAIN = "python -m devtools.frame_eval --data PATH/TO/frames --save"
#: Regularization strengths tried by the inner cross-validation of :func:`train_frame_model`.
C_GRID = (0.3, 1.0, 3.0, 10.0, 30.0, 100.0)
#: The columns of :func:`frame_probabilities`.
COLUMNS = ["article_id", "outlet", "frame", "label", "probability", "present", "words", "sentences", "evidence",
           "method"]


@dataclass(frozen=True)
class LinearFrameModel:
    """A TF-IDF vectorizer and one logistic regression per frame.

    Attributes
    ----------
    vectorizer : sklearn.feature_extraction.text.TfidfVectorizer
        Fitted on the training articles.
    coef : numpy.ndarray
        One row of feature weights per frame.
    intercept : numpy.ndarray
        One per frame.
    frames : tuple of str
        The frame of each row.
    metadata : dict
        How it was trained (data, settings, the regularization chosen).
    thresholds : numpy.ndarray
        Per frame, the probability from which the frame counts as present (the best F1 in the
        training data's cross-validation).
    """

    vectorizer: object
    coef: np.ndarray
    intercept: np.ndarray
    frames: tuple
    metadata: dict
    thresholds: np.ndarray

    def weights(self, texts: list[str]):
        """The TF-IDF matrix of ``texts`` (one row per text)."""
        return self.vectorizer.transform(texts)

    def predict_proba(self, texts: list[str]) -> np.ndarray:
        """The probability of each frame (columns in the order of ``frames``), one row per text."""
        if len(texts) == 0:
            return np.zeros((0, len(self.frames)))
        return self.proba_of(self.weights(texts))

    def proba_of(self, matrix) -> np.ndarray:
        """The probability of each frame from a TF-IDF matrix of :meth:`weights`."""
        return _sigmoid(matrix @ self.coef.T + self.intercept)

    def save(self, folder: str | Path) -> None:
        """Write ``model.json`` (settings, vocabulary, frames, metadata) and ``weights.npz``."""
        from .._linear import write_model

        write_model(folder, {"metadata": self.metadata, "frames": list(self.frames)}, self.vectorizer,
                    coef=self.coef, intercept=self.intercept, thresholds=self.thresholds)


def frame_validation(folder: str | Path | None = None) -> pd.DataFrame:
    """How well each frame method agrees with the annotators, as measured when the model was made.

    Returns
    -------
    pandas.DataFrame
        One row per method and frame: ``method``, ``frame``, ``positives``, ``articles``,
        ``roc_auc`` (how well the score ranks the articles with the frame above those without:
        0.5 is chance, 1 perfect), ``precision``, ``recall`` and ``f1`` of the yes/no rule the
        method ships with, ``check`` (how it was measured) and ``data`` (on what, and how).

    Raises
    ------
    FileNotFoundError
        If the folder holds no ``metrics.json``.
    """
    from .._linear import read_figures

    return read_figures(folder if folder is not None else resource_path(MODEL_DIR), train=TRAIN)


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-z))


def load_frame_model(folder: str | Path | None = None) -> LinearFrameModel:
    """Load the learned frame model (by default the one shipped with the toolkit).

    Raises
    ------
    FileNotFoundError
        If the model files are missing; the message says how to train them.
    """
    return _load(str(folder) if folder is not None else str(resource_path(MODEL_DIR)))


@lru_cache(maxsize=2)
def _load(folder: str) -> LinearFrameModel:
    from .._linear import read_vectorized

    vectorizer, spec, weights = read_vectorized(folder, what="frame model", train=TRAIN)
    return LinearFrameModel(vectorizer, weights["coef"], weights["intercept"], tuple(spec["frames"]),
                            spec["metadata"], weights["thresholds"])


def train_frame_model(texts: list[str], labels: pd.DataFrame, *, c_grid=C_GRID, folds: int = 5,
                      seed: int = 0, metadata: dict | None = None) -> LinearFrameModel:
    """Fit the vectorizer and one logistic regression per frame (column of ``labels``).

    One regularization strength for all frames is chosen from ``c_grid`` by a ``folds``-fold
    cross-validation on these texts alone (mean of the frames' ROC AUC over the pooled
    out-of-fold probabilities), and each frame's threshold for "present" is the one of best F1
    on those probabilities; then the model is fitted on all the texts.

    Parameters
    ----------
    texts : list of str
        One per article, as :func:`article_texts` makes them.
    labels : pandas.DataFrame
        One boolean column per frame, one row per text.
    c_grid : sequence of float
    folds : int
    seed : int
        For the folds.
    metadata : dict, optional
        Stored with the model (the data it was trained on).

    Returns
    -------
    LinearFrameModel
    """
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.metrics import roc_auc_score
    from sklearn.model_selection import KFold

    if len(texts) != len(labels):
        raise ValueError(f"{len(texts)} texts but {len(labels)} rows of labels")
    gold = labels.to_numpy(dtype=bool)
    for k, frame in enumerate(labels.columns):
        if gold[:, k].all() or not gold[:, k].any():
            raise ValueError(f"frame {frame!r}: the labels are all {bool(gold[0, k])}; there is nothing to learn")
    # the inner folds: one vectorizer per fold, shared by every frame and every C
    splits = []
    for train, test in KFold(folds, shuffle=True, random_state=seed).split(texts):
        inner = TfidfVectorizer(sublinear_tf=True, min_df=2)
        splits.append((train, test, inner.fit_transform([texts[i] for i in train]),
                       inner.transform([texts[i] for i in test])))
    # out-of-fold probabilities of every frame for every C: one C for all frames (less noise
    # from choosing on a few dozen positives), then each frame's threshold of best F1
    pooled = {}
    for c in c_grid:
        proba = np.zeros(gold.shape)
        for train, test, train_matrix, test_matrix in splits:
            for k in range(gold.shape[1]):
                y = gold[train, k]
                proba[test, k] = _fit(train_matrix, y, c).predict_proba(test_matrix)[:, 1] if 0 < y.sum() < len(y) \
                    else float(y.mean())
        pooled[c] = proba
    auc = {c: [float(roc_auc_score(gold[:, k], p[:, k])) for k in range(gold.shape[1])] for c, p in pooled.items()}
    best = max(c_grid, key=lambda c: (np.mean(auc[c]), -c))
    thresholds = np.array([best_threshold(gold[:, k], pooled[best][:, k]) for k in range(gold.shape[1])])
    vectorizer = TfidfVectorizer(sublinear_tf=True, min_df=2)
    matrix = vectorizer.fit_transform(texts)
    fitted = [_fit(matrix, gold[:, k], best) for k in range(gold.shape[1])]
    meta = {**(metadata or {}), "features": "TF-IDF of words (sublinear tf, min_df 2) of headline and body",
            "classifier": "logistic regression per frame, class_weight balanced; one C for all frames, chosen by "
                          "inner cross-validation (pooled ROC AUC); per frame, the threshold of best F1 there",
            "C": float(best), "inner_cv_auc": dict(zip(labels.columns, np.round(auc[best], 4).tolist())),
            "thresholds": dict(zip(labels.columns, np.round(thresholds, 4).tolist())), "articles": len(texts)}
    return LinearFrameModel(vectorizer, np.array([m.coef_[0] for m in fitted]),
                            np.array([m.intercept_[0] for m in fitted]), tuple(labels.columns), meta, thresholds)


def best_threshold(gold: np.ndarray, proba: np.ndarray) -> float:
    """The probability threshold with the best F1 (the lowest of equals), midway between two scores.

    Examples
    --------
    >>> import numpy as np
    >>> best_threshold(np.array([False, True, False, True]), np.array([0.1, 0.4, 0.3, 0.8]))
    0.35
    """
    order = np.argsort(-proba, kind="stable")
    hits = np.cumsum(gold[order])
    f1 = 2 * hits / (np.arange(1, len(gold) + 1) + gold.sum())
    k = int(np.argmax(f1))
    below = proba[order[k + 1]] if k + 1 < len(order) else 0.0
    return float((proba[order[k]] + below) / 2)


def _fit(matrix, y, c: float):
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(C=c, class_weight="balanced", max_iter=5000).fit(matrix, y)


def article_texts(sentences: pd.DataFrame) -> pd.DataFrame:
    """Each article's text as the frame model reads it: its sentences in table order, joined.

    Parameters
    ----------
    sentences : pandas.DataFrame
        The sentences table (headline and captions included, as :func:`toolkit.split_sentences`
        gives them).

    Returns
    -------
    pandas.DataFrame
        ``article_id``, ``outlet``, ``text``, one row per article in order of first appearance.
    """
    check_columns(sentences, ["article_id", "outlet", "text"], what="the sentences table")
    grouped = sentences.groupby("article_id", sort=False)
    return pd.DataFrame({"article_id": list(grouped.groups), "outlet": grouped["outlet"].first().to_numpy(),
                         "text": grouped["text"].agg(" ".join).to_numpy()})


def frame_probabilities(sentences: pd.DataFrame, *, model: LinearFrameModel | None = None, top_words: int = 5,
                        top_sentences: int = 3) -> pd.DataFrame:
    """The learned model's probability of each frame in each article, with its evidence.

    Parameters
    ----------
    sentences : pandas.DataFrame
        The sentences table (``article_id``, ``outlet``, ``sentence``, ``text``).
    model : LinearFrameModel, optional
        By default the shipped model (:func:`load_frame_model`).
    top_words, top_sentences : int
        How many words and sentences to keep as evidence.

    Returns
    -------
    pandas.DataFrame
        One row per article and frame: ``article_id``, ``outlet``, ``frame``, ``label``,
        ``probability``, ``present`` (the probability reaches the frame's threshold, chosen for the best
        F1 in training), ``words`` (the words that raise the probability most, with their
        part of the score: weight in the article times coefficient, on the log-odds scale),
        ``sentences`` (the numbers of the sentences holding most of the words that raise it,
        strongest first), ``evidence`` (the strongest sentence's text) and ``method``.

    Examples
    --------
    >>> import pandas as pd
    >>> sentences = pd.DataFrame({"article_id": ["a", "a"], "outlet": ["X", "X"], "sentence": [0, 1],
    ...     "text": ["Rival parties clashed over the carbon tax.", "Farmers said the tax will cost them jobs."]})
    >>> table = frame_probabilities(sentences)
    >>> table["frame"].tolist()
    ['conflict', 'human_interest', 'economic', 'moral', 'resolution']
    """
    check_columns(sentences, ["article_id", "outlet", "sentence", "text"], what="the sentences table")
    model = model or load_frame_model()
    if sentences.empty:
        return pd.DataFrame(columns=COLUMNS)
    texts = article_texts(sentences)
    matrix = model.weights(texts["text"].tolist()).tocsr()
    proba = model.proba_of(matrix)
    vocabulary = model.vectorizer.vocabulary_
    names = model.vectorizer.get_feature_names_out()
    analyze = model.vectorizer.build_analyzer()
    by_article = {a: part for a, part in sentences.groupby("article_id", sort=False)}
    method = f"learned: {Path(MODEL_DIR).name} (Narrative Frames Corpus, climate news)"
    rows = []
    for i, (article_id, outlet) in enumerate(zip(texts["article_id"], texts["outlet"])):
        terms = matrix.indices[matrix.indptr[i]:matrix.indptr[i + 1]]     # row i, without a matrix per row
        weights = matrix.data[matrix.indptr[i]:matrix.indptr[i + 1]]
        part = by_article[article_id]
        sentence_texts, numbers = part["text"].tolist(), part["sentence"].tolist()
        term_sets = [{vocabulary[t] for t in analyze(text) if t in vocabulary} for text in sentence_texts]
        # each sentence's terms, one after another (a set's own order), as positions in the row
        # (len(terms): not in the row); a sentence's strength adds its terms' positive
        # contributions in that order, as a sum over the set does
        local = {t: j for j, t in enumerate(terms.tolist())}
        at = np.array([local.get(t, len(terms)) for found in term_sets for t in found], dtype="int64")
        of = np.repeat(np.arange(len(term_sets)), [len(found) for found in term_sets])
        for k, frame in enumerate(model.frames):
            contribution = weights * model.coef[k, terms]
            order = np.argsort(-contribution, kind="stable")
            words = " | ".join(f"{names[terms[j]]} ({contribution[j]:+.2f})" for j in order[:top_words]
                               if contribution[j] > 0)
            share = np.append(np.where(contribution > 0, contribution, 0.0), 0.0)
            strength = np.bincount(of, weights=share[at], minlength=len(term_sets))
            best = [j for j in np.argsort(-strength, kind="stable")[:top_sentences] if strength[j] > 0]
            rows.append({"article_id": article_id, "outlet": outlet, "frame": frame,
                         "label": FRAME_LABELS.get(frame, frame), "probability": float(proba[i, k]),
                         "present": bool(proba[i, k] >= model.thresholds[k]), "words": words,
                         "sentences": ", ".join(str(numbers[j]) for j in best),
                         "evidence": sentence_texts[best[0]] if best else "", "method": method})
    return pd.DataFrame(rows, columns=COLUMNS)


def learned_frames_by_outlet(probabilities: pd.DataFrame, *, group: str = "outlet") -> pd.DataFrame:
    """Each outlet's learned frames: its articles, their mean probability and the share over the threshold.

    Parameters
    ----------
    probabilities : pandas.DataFrame
        From :func:`frame_probabilities`.
    group : str, default "outlet"

    Returns
    -------
    pandas.DataFrame
        One row per group and frame: ``<group>``, ``frame``, ``label``, ``articles``,
        ``mean_probability`` and ``share_present`` (of its articles, those whose probability
        reaches the frame's threshold).

    Examples
    --------
    >>> import pandas as pd
    >>> rows = pd.DataFrame({"outlet": ["A", "A", "B"], "frame": ["moral"] * 3, "label": ["Morality"] * 3,
    ...     "probability": [0.2, 0.6, 0.5], "present": [False, True, True]})
    >>> learned_frames_by_outlet(rows).values.tolist()
    [['A', 'moral', 'Morality', 2, 0.4, 0.5], ['B', 'moral', 'Morality', 1, 0.5, 1.0]]
    """
    check_columns(probabilities, [group, "frame", "label", "probability", "present"], what="the learned frames")
    grouped = probabilities.groupby([group, "frame", "label"], sort=False)
    table = grouped.agg(articles=("probability", "size"), mean_probability=("probability", "mean"),
                        share_present=("present", "mean")).reset_index()
    return table.sort_values([group], kind="stable").reset_index(drop=True)
