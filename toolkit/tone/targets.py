"""Target-level sentiment: the tone of the text towards one mention, not the whole sentence.

Methods (validated on NewsMTSC; figures in ``toolkit/resources/models/README.md``):

- ``"textblob-window"`` and ``"vader-window"``: the lexicon score of the clause around the
  mention (bounded by punctuation and quote marks, at most eight words each side). Negation is
  handled: VADER does it itself; for TextBlob, "n't" is expanded to "not", which TextBlob's
  lexicon does handle ("isn't a bad idea" is no longer scored like "is a bad idea"). The
  score is mapped to negative / neutral / positive with a threshold chosen on the NewsMTSC
  *training* split.
- ``"newsmtsc-linear"``: logistic regression over TF-IDF features of the target-marked
  sentence and of its left and right context, plus lexicon scores; trained on the NewsMTSC
  training split (``python -m devtools.train_linear``); its weights ship with the toolkit.
- ``"newsmtsc-minilm"``: a fine-tuned MiniLM transformer, in the optional ``neural`` extra
  (:mod:`toolkit.tone.neural`).

A score is in -1..1: the lexicon score of the window, or P(positive) - P(negative).

Speed: VADER and TextBlob are computed by :mod:`toolkit.tone.fastlex` and the TF-IDF blocks by
:mod:`toolkit.tone.fasttfidf`, which give the libraries' floats and scikit-learn's matrices bit
for bit; each sentence is read once for all its targets and each distinct text scored once
(the last ``LEXICON_CACHE_SIZE`` are kept between calls). ``newsmtsc-linear`` scores about
5,000 targets/s on one core on PolNeAR news sentences (2,400 before), with identical labels and
probabilities; what remains is mostly VADER and TextBlob on the window and contexts of each
target, and the tokenization of each marked sentence.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Literal

import numpy as np
import pandas as pd

from .._checks import check_choice
from .._files import resource_path
from .._linear import vectorizer_spec
from . import fastlex

Method = Literal["textblob-window", "vader-window", "newsmtsc-linear", "newsmtsc-minilm"]
LABELS = ("negative", "neutral", "positive")
LINEAR_DIR = "models/newsmtsc-linear"

_CLAUSE_BOUNDARY = re.compile(r"[,;:()\u2014\u2013\"\u2018\u2019]|\s-\s")
_CLAUSE_BOUNDARY_AT = re.compile(f"(?=(?:{_CLAUSE_BOUNDARY.pattern}))")   # every place a boundary can start
_NEGATION = re.compile(r"n't\b|\bcannot\b", re.IGNORECASE)
_WORD = re.compile(r"\S+")
#: Distinct texts whose lexicon scores are kept between calls (wire copies repeat them).
LEXICON_CACHE_SIZE = 1 << 16


class _Sentence:
    """Where the words (runs of non-space) and clause boundaries of a sentence are, found once
    for all its targets."""

    __slots__ = ("text", "word_texts", "word_starts", "word_ends", "boundary_ends", "boundary_starts")

    def __init__(self, text: str):
        self.text = text
        words = list(_WORD.finditer(text))
        self.word_texts = [m.group() for m in words]
        self.word_starts = [m.start() for m in words]
        self.word_ends = [m.end() for m in words]
        # ends of the boundaries a scan from the start finds (those ending by ``start`` are the
        # ones a scan of ``text[:start]`` finds), and every position where one can start
        self.boundary_ends = [m.end() for m in _CLAUSE_BOUNDARY.finditer(text)]
        self.boundary_starts = [m.start() for m in _CLAUSE_BOUNDARY_AT.finditer(text)]

    def words(self, left: int, right: int, *, first: int | None = None, last: int | None = None) -> list[str]:
        """``_WORD.findall(text[left:right])``, or only its ``first`` or ``last`` words."""
        i = bisect_right(self.word_ends, left)
        j = bisect_left(self.word_starts, right)
        if last is not None:
            i = max(i, j - last)
        if first is not None:
            j = min(j, i + first)
        words = self.word_texts[i:j]
        if words and self.word_starts[i] < left:   # the first and last words may be cut
            words[0] = self.text[left:self.word_ends[i]]
        if words and self.word_ends[j - 1] > right:
            words[-1] = self.text[max(self.word_starts[j - 1], left):right]
        return words

    def window(self, start: int, end: int, max_words: int = 8) -> str:
        """See :func:`target_window`."""
        k = bisect_right(self.boundary_ends, start)
        left_bound = self.boundary_ends[k - 1] if k else 0
        k = bisect_left(self.boundary_starts, end)
        right_bound = self.boundary_starts[k] if k < len(self.boundary_starts) else len(self.text)
        words = [*self.words(left_bound, start, last=max_words), self.text[start:end],
                 *self.words(end, right_bound, first=max_words)]
        return " ".join(words).strip()

    def parts(self, start: int, end: int, context_words: int = 10) -> tuple[str, str, str]:
        """See :func:`marked_parts`."""
        text = self.text
        return (f"{text[:start]}TARGET{text[end:]}", " ".join(self.words(0, start, last=context_words)),
                " ".join(self.words(end, len(text), first=context_words)))


def target_window(text: str, start: int, end: int, *, max_words: int = 8) -> str:
    """The clause around a target: up to ``max_words`` words each side, within punctuation.

    Parameters
    ----------
    text : str
        The sentence.
    start, end : int
        The target's offsets in it.
    max_words : int, default 8

    Returns
    -------
    str

    Examples
    --------
    >>> s = 'Rutte said Putin, the aggressor, "is a brutal man" and left.'
    >>> target_window(s, 11, 16)
    'Rutte said Putin'
    """
    return _Sentence(text).window(start, end, max_words)


def expand_negation(text: str) -> str:
    """Write "n't" and "cannot" as "not", which TextBlob's lexicon understands.

    Examples
    --------
    >>> expand_negation("It isn't a bad idea; we cannot wait.")
    'It is not a bad idea; we can not wait.'
    """
    return _NEGATION.sub(lambda m: " not" if m.group().lower() == "n't" else "can not", text)


@lru_cache(maxsize=LEXICON_CACHE_SIZE)
def textblob_polarity(text: str) -> float:
    """TextBlob's polarity of a text, negation expanded first.

    TextBlob's own result (:func:`toolkit.tone.fastlex.textblob_polarity`), kept for the last
    ``LEXICON_CACHE_SIZE`` distinct texts.
    """
    return fastlex.textblob_polarity(expand_negation(text))


@lru_cache(maxsize=LEXICON_CACHE_SIZE)
def vader_compound(text: str) -> float:
    """VADER's compound score of a text (-1..1).

    VADER's own result (:func:`toolkit.tone.fastlex.vader_compound`), kept for the last
    ``LEXICON_CACHE_SIZE`` distinct texts.
    """
    return fastlex.vader_compound(text)


def clear_caches() -> None:
    """Forget the lexicon scores and tokens kept between calls (for timings from a cold start)."""
    vader_compound.cache_clear()
    textblob_polarity.cache_clear()
    fastlex.clear_caches()
    for block in _tfidf_blocks(load_linear_model().vectorizers):
        block.chunks.clear()


# --- the linear model ---------------------------------------------------------------------

def marked_parts(text: str, start: int, end: int, *, context_words: int = 10) -> tuple[str, str, str]:
    """The three texts the linear model reads: the marked sentence, left and right context.

    Examples
    --------
    >>> marked_parts("Critics attacked Putin over the war.", 17, 22)
    ('Critics attacked TARGET over the war.', 'Critics attacked', 'over the war.')
    """
    return _Sentence(text).parts(start, end, context_words)


def lexicon_features(text: str, start: int, end: int) -> list[float]:
    """Dense lexicon features: VADER and TextBlob on the window, the context and the sentence.

    Examples
    --------
    >>> lexicon_features("Critics attacked Putin over the war.", 17, 22)
    [-0.8442, 0.0, -0.6369, -0.5994, -0.8442, 0.0]
    """
    sentence = _Sentence(text)
    return _lexicon_row(text, sentence.window(start, end), *sentence.parts(start, end)[1:])


def _lexicon_row(text: str, window: str, left: str, right: str) -> list[float]:
    return [vader_compound(window), textblob_polarity(window), vader_compound(left), vader_compound(right),
            vader_compound(text), textblob_polarity(text)]


@lru_cache(maxsize=4)
def _tfidf_blocks(vectorizers: tuple) -> tuple:
    from .fasttfidf import NgramTfidf
    return tuple(NgramTfidf(vec) for vec in vectorizers)


@dataclass(frozen=True)
class LinearTargetModel:
    """Logistic regression over TF-IDF and lexicon features, as trained by ``devtools.train_linear``.

    Stored as plain arrays and vocabularies (``model.json`` and ``weights.npz``), not as a
    pickle, so that it loads with any version of scikit-learn.
    """

    vectorizers: tuple   # three fitted TfidfVectorizers: marked sentence, left, right
    classifier: object   # a fitted LogisticRegression
    metadata: dict

    def features(self, texts, starts, ends):
        """The feature matrix: the three TF-IDF blocks and the six lexicon scores, one row per target.

        Each distinct sentence is read once for all its targets, each distinct text scored
        once (and kept for later calls: :func:`vader_compound`), the TF-IDF blocks built by
        :class:`toolkit.tone.fasttfidf.NgramTfidf` (identical to ``vectorizer.transform``).
        """
        from scipy import sparse

        sentences: dict[str, _Sentence] = {}
        parts, dense = [], []
        for text, start, end in zip(texts, starts, ends):
            sentence = sentences.get(text) or sentences.setdefault(text, _Sentence(text))
            marked, left, right = sentence.parts(start, end)
            parts.append((marked, left, right))
            dense.append(_lexicon_row(text, sentence.window(start, end), left, right))
        blocks = [block.transform([p[i] for p in parts]) for i, block in enumerate(_tfidf_blocks(self.vectorizers))]
        dense = np.array(dense, dtype=float).reshape(len(parts), -1)
        return sparse.hstack([*blocks, sparse.csr_matrix(dense)]).tocsr()

    def predict_proba(self, texts, starts, ends) -> np.ndarray:
        """Probabilities of negative, neutral and positive, one row per target."""
        if len(texts) == 0:
            return np.zeros((0, 3))
        proba = self.classifier.predict_proba(self.features(texts, starts, ends))
        order = [list(self.classifier.classes_).index(label) for label in LABELS]
        return proba[:, order]

    def save(self, folder: str | Path) -> None:
        """Write the model as ``model.json`` and ``weights.npz`` in ``folder``."""
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        vectorizers = [vectorizer_spec(vec) for vec in self.vectorizers]
        (folder / "model.json").write_text(json.dumps(
            {"metadata": self.metadata, "vectorizers": vectorizers, "classes": list(self.classifier.classes_)},
            indent=1, ensure_ascii=False), encoding="utf-8")
        np.savez_compressed(folder / "weights.npz", coef=self.classifier.coef_, intercept=self.classifier.intercept_,
                            **{f"idf{i}": vec.idf_ for i, vec in enumerate(self.vectorizers)})


def load_linear_model(folder: str | Path | None = None) -> LinearTargetModel:
    """Load the linear target-sentiment model.

    Parameters
    ----------
    folder : str or pathlib.Path, optional
        By default the model shipped with the toolkit.

    Returns
    -------
    LinearTargetModel

    Raises
    ------
    FileNotFoundError
        If the model files are missing; the message says how to train them.
    """
    model = _load_linear(str(folder) if folder is not None else str(resource_path(LINEAR_DIR)))
    _tfidf_blocks(model.vectorizers)   # built with the model, not on its first use
    return model


@lru_cache(maxsize=2)
def _load_linear(folder: str) -> LinearTargetModel:
    from .._linear import classifier_from, read_model, vectorizer_from_spec

    spec, weights = read_model(folder, what="linear target model",
                               train="python -m devtools.train_linear --data PATH/TO/newsmtsc")
    vectorizers = [vectorizer_from_spec(entry, weights[f"idf{i}"]) for i, entry in enumerate(spec["vectorizers"])]
    classifier = classifier_from(spec["classes"], weights["coef"], weights["intercept"])
    return LinearTargetModel(tuple(vectorizers), classifier, spec["metadata"])


# --- one entry point for every method -----------------------------------------------------

#: Lexicon thresholds, chosen on the NewsMTSC training split (see toolkit.train_linear).
def lexicon_thresholds() -> dict:
    """The neutral-band thresholds of the window methods, as chosen on the training split."""
    return load_linear_model().metadata["lexicon_thresholds"]


def score_targets(texts, starts, ends, *, method: Method) -> tuple[list[str], np.ndarray]:
    """Label and score targets in sentences with one method.

    Parameters
    ----------
    texts : sequence of str
        Sentences.
    starts, ends : sequence of int
        The target's offsets in each sentence.
    method : {"textblob-window", "vader-window", "newsmtsc-linear", "newsmtsc-minilm"}

    Returns
    -------
    labels : list of str
        negative, neutral or positive.
    scores : numpy.ndarray
        In -1..1.

    Examples
    --------
    >>> score_targets(["Critics praised the brave doctor."], [20], [32], method="vader-window")[0]
    ['positive']
    """
    check_choice("method", method, Method)
    texts, starts, ends = list(texts), list(starts), list(ends)
    if method in ("textblob-window", "vader-window"):
        scorer = textblob_polarity if method == "textblob-window" else vader_compound
        scores = np.array([scorer(target_window(t, s, e)) for t, s, e in zip(texts, starts, ends)], dtype=float)
        threshold = lexicon_thresholds()[method]
        labels = ["positive" if x > threshold else "negative" if x < -threshold else "neutral" for x in scores]
        return labels, scores
    if method == "newsmtsc-linear":
        proba = load_linear_model().predict_proba(texts, starts, ends)
    else:
        from .neural import predict_proba
        proba = predict_proba(texts, starts, ends)
    labels = [LABELS[i] for i in proba.argmax(axis=1)] if len(proba) else []
    return labels, (proba[:, 2] - proba[:, 0]) if len(proba) else np.zeros(0)


def target_validation() -> pd.DataFrame:
    """The validation figures of every target method, as recorded with the shipped models.

    Returns
    -------
    pandas.DataFrame
        One row per method × NewsMTSC development split: ``method, split, macro_f1,
        accuracy, n, install``. The neural method appears when its weights are present.

    Examples
    --------
    >>> table = target_validation()
    >>> table.loc[(table["method"] == "newsmtsc-linear") & (table["split"] == "dev_rw"), "macro_f1"].item()
    66.1
    """
    rows = []
    for key, result in load_linear_model().metadata["dev"].items():
        split, method = key.split("/")
        rows.append((method, split, round(100 * result["macro_f1"], 1), round(100 * result["accuracy"], 1),
                     result["n"], "default"))
    neural = resource_path("models/newsmtsc-minilm/metrics.json")
    if neural.is_file():
        metrics = json.loads(neural.read_text(encoding="utf-8"))
        for split, m in metrics["dev"].items():
            rows.append(("newsmtsc-minilm", split, round(100 * m["macro_f1"], 1), round(100 * m["accuracy"], 1),
                         m["targets"], "neural extra"))
    table = pd.DataFrame(rows, columns=["method", "split", "macro_f1", "accuracy", "n", "install"])
    return table.sort_values(["split", "macro_f1"], kind="stable").reset_index(drop=True)
