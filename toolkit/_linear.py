"""Linear models stored as plain JSON and NumPy arrays, not as pickles.

A fitted ``TfidfVectorizer`` is kept as its settings and vocabulary (JSON) and its ``idf_``
(an array); a logistic regression as its classes (JSON), ``coef_`` and ``intercept_`` (arrays).
Such files load with any version of scikit-learn, and can be read and checked by anyone.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

#: The ``TfidfVectorizer`` settings stored with a model (the others are scikit-learn's defaults).
VECTORIZER_PARAMS = {"lowercase", "ngram_range", "min_df", "max_df", "sublinear_tf", "token_pattern", "norm",
                     "use_idf", "smooth_idf", "analyzer"}


def vectorizer_spec(vectorizer) -> dict:
    """The settings and vocabulary (in column order) of a fitted ``TfidfVectorizer``, for JSON.

    Examples
    --------
    >>> from sklearn.feature_extraction.text import TfidfVectorizer
    >>> vec = TfidfVectorizer().fit(["rain fell", "sun shone"])
    >>> spec = vectorizer_spec(vec)
    >>> spec["vocabulary"], spec["params"]["sublinear_tf"]
    (['fell', 'rain', 'shone', 'sun'], False)
    >>> (vectorizer_from_spec(spec, vec.idf_).transform(["rain"]) != vec.transform(["rain"])).nnz
    0
    """
    return {"params": {k: v for k, v in vectorizer.get_params().items() if k in VECTORIZER_PARAMS},
            "vocabulary": sorted(vectorizer.vocabulary_, key=vectorizer.vocabulary_.get)}


def vectorizer_from_spec(spec: dict, idf: np.ndarray):
    """The fitted ``TfidfVectorizer`` of :func:`vectorizer_spec`'s output and its ``idf_``."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    params = dict(spec["params"])
    params["ngram_range"] = tuple(params["ngram_range"])
    vectorizer = TfidfVectorizer(vocabulary={w: j for j, w in enumerate(spec["vocabulary"])}, **params)
    vectorizer.idf_ = idf
    return vectorizer


def classifier_from(classes, coef: np.ndarray, intercept: np.ndarray):
    """A ``LogisticRegression`` ready to predict, from its stored classes and weights."""
    from sklearn.linear_model import LogisticRegression

    classifier = LogisticRegression()
    classifier.classes_ = np.array(classes)
    classifier.coef_ = coef
    classifier.intercept_ = intercept
    return classifier


def read_model(folder: str | Path, *, what: str, train: str) -> tuple[dict, dict]:
    """The ``model.json`` and ``weights.npz`` of a stored model.

    Parameters
    ----------
    folder : str or pathlib.Path
    what : str
        The model's name, for the error message.
    train : str
        The command that trains it, for the error message.

    Returns
    -------
    spec : dict
    weights : numpy.lib.npyio.NpzFile

    Raises
    ------
    FileNotFoundError
        If either file is missing: "the <what> is missing in <folder>; train it with `<train>`".
    """
    folder = Path(folder)
    if not (folder / "model.json").is_file() or not (folder / "weights.npz").is_file():
        raise FileNotFoundError(f"the {what} is missing in {folder}; train it with `{train}`")
    return json.loads((folder / "model.json").read_text(encoding="utf-8")), np.load(folder / "weights.npz")


def write_model(folder: str | Path, document: dict, vectorizer, **arrays: np.ndarray) -> None:
    """Write a model as ``model.json`` (``document`` and the vectorizer's settings and vocabulary)
    and ``weights.npz`` (``arrays`` and the vectorizer's ``idf_``); the folder is created if needed."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "model.json").write_text(json.dumps({**document, "vectorizer": vectorizer_spec(vectorizer)},
                                                  indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    np.savez_compressed(folder / "weights.npz", **arrays, idf=vectorizer.idf_)


def read_vectorized(folder: str | Path, *, what: str, train: str) -> tuple[object, dict, dict]:
    """The fitted vectorizer, ``model.json`` and ``weights.npz`` of a model written by :func:`write_model`.

    Raises
    ------
    FileNotFoundError
        As :func:`read_model`.
    """
    spec, weights = read_model(folder, what=what, train=train)
    return vectorizer_from_spec(spec["vectorizer"], weights["idf"]), spec, weights


def read_figures(folder: str | Path, *, train: str):
    """The validation figures a model's ``metrics.json`` holds, as a table (one row per figure).

    Raises
    ------
    FileNotFoundError
        If the folder holds no ``metrics.json``: "no figures in <folder>: metrics.json is written by `<train>`".
    """
    import pandas as pd

    path = Path(folder) / "metrics.json"
    if not path.is_file():
        raise FileNotFoundError(f"no figures in {Path(folder)}: metrics.json is written by `{train}`")
    return pd.DataFrame(json.loads(path.read_text(encoding="utf-8"))["figures"])


def write_figures(folder: str | Path, rows: list[dict], metadata: dict) -> Path:
    """Write ``metrics.json``: the validation figures (``rows``) and how the model was trained."""
    path = Path(folder) / "metrics.json"
    path.write_text(json.dumps({"figures": rows, "model": metadata}, indent=1) + "\n", encoding="utf-8")
    return path
