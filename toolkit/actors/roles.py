"""Narrative roles of actors: is an outlet casting an actor as hero, villain or victim?

What it measures
    For each actor in each article, how likely trained annotators would be to call it the
    **hero** (who solves or could solve the problem), the **villain** (who causes it) or the
    **victim** (who suffers it), as defined by the Narrative Frames Corpus (Frermann, Li,
    Khanehzar and Mikolajczak, ACL 2023), and which sentences of the article say so.

How
    Each mention of the actor is described by the words around it, never by the actor's proper
    name: the six words before and after it (crudely stemmed: "attacks" and "attacked" count as
    "attack"), the words just before and just after, whether those windows hold a strongly
    negative or positive word of the VADER lexicon, the common nouns the outlet uses for the
    actor ("farmers", "the president") and whether the mention opens the article. An actor's
    mentions in an article are pooled into one TF-IDF vector, and a multinomial logistic
    regression, trained on the annotated actors of 343 climate-change articles
    (``devtools.role_eval``), gives the probability of each role. Stored as JSON and arrays
    (``toolkit/resources/models/roles-linear``), not a pickle. No parse, so it runs at the
    speed of the mentions table.

How well, and how far it carries
    The figures (accuracy and macro-F1 by cross-validation that never scores an article the
    model was trained on, against always answering the most common role) are in the model's
    ``metrics.json``; :func:`role_validation` gives them as a table. About one actor in two
    gets the annotators' role (chance is one in three): read the role as a lead to the
    sentences, never as a verdict. Capitalized names are left out on purpose: in climate news
    "Trump" is mostly a villain and "Greta Thunberg" a hero, which says nothing about the next
    topic. The context words still come from climate coverage, where villains emit and deny,
    victims suffer floods and heroes lead and invest; on wars, elections or trials expect
    weaker results than the published figure.

Evidence
    Each row gives the features that pushed towards the role most (``_`` stands for the
    actor: "_ destroy" is "destroy" just after a mention) and the sentences whose mention
    pushed most, strongest first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from .._checks import check_columns
from .._files import resource_path

#: The roles, in the order of the probability columns.
ROLES = ("hero", "villain", "victim")
#: Words on each side of a mention that describe it.
WINDOW = 6
#: Where the shipped model lives, under ``toolkit/resources``.
MODEL_DIR = "models/roles-linear"
#: The command that trains it.
TRAIN = "python -m devtools.role_eval --data PATH/TO/frames --save"
#: Regularization strengths tried by the inner cross-validation of :func:`train_role_model`.
C_GRID = (0.1, 0.3, 1.0, 3.0, 10.0)
#: The columns of :func:`actor_roles`.
COLUMNS = ["article_id", "outlet", "actor", "mentions", "role", "probability", *ROLES, "features", "sentences",
           "evidence", "method"]
#: The columns of :func:`role_profile` after the group and the actor.
PROFILE_COLUMNS = ["role_articles", *ROLES, "main_role"]
#: What a capitalized word (a name, of another actor or a place) near a mention becomes.
NAME = "<name>"
#: A lexicon word at least this strong (VADER's scale runs from -4 to 4) marks a window negative or positive.
LEXICON_STRENGTH = 0.5

_WORD = re.compile(r"\w+(?:['\u2019]\w+)?")
_SUFFIXES = ("ing", "ed", "s")


def stem(word: str) -> str:
    """A crude stem: a final "ing", "ed" or "s" cut from words long enough to keep four letters.

    Examples
    --------
    >>> [stem(w) for w in ["attacks", "attacked", "attacking", "strikes", "gas", "floods", "is"]]
    ['attack', 'attack', 'attack', 'strike', 'gas', 'flood', 'is']
    """
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) > len(suffix) + 3:
            return word[:-len(suffix)]
    return word


@lru_cache(maxsize=1)
def _lexicon() -> dict:
    from ..tone.fastlex import _vader

    return _vader().lexicon


def _token(word: str, *, initial: bool) -> str:
    """A window word as a feature: stemmed and lowercased, or ``<name>`` if capitalized mid-sentence."""
    return NAME if word[:1].isupper() and not initial else _lower_stem(word)


@lru_cache(maxsize=1 << 16)
def _lower_stem(word: str) -> str:
    return stem(word.lower())


def mention_features(text: str, start: int, end: int, *, first: bool = False) -> list[str]:
    """The features of one mention: the words around it, never its proper name.

    Parameters
    ----------
    text : str
        The sentence.
    start, end : int
        The mention's offsets in ``text``.
    first : bool, default False
        The sentence opens the article (headline or first sentence).

    Returns
    -------
    list of str
        ``L:w`` and ``R:w`` for the (stemmed, lowercased) words within :data:`WINDOW` words
        left and right, a word capitalized inside the sentence being :data:`NAME` (names of
        people, places and parties carry the topic, not the role); ``L1:w``, ``R1:w`` and ``R2:w`` for the nearest ones (``^`` and ``$``
        when the sentence starts or ends there); ``L:neg``, ``L:pos``, ``R:neg``, ``R:pos`` for
        each strong lexicon word in a window; ``N:w`` for each word of the mention written in
        lower case (a common noun, not a name); ``first``.

    Examples
    --------
    >>> mention_features("Floods left farmers without homes.", 12, 19)
    ['L:flood', 'L:left', 'R:without', 'R:home', 'L1:left', 'R1:without', 'R2:home', 'N:farmer']
    >>> mention_features("Putin ordered the strikes.", 0, 5, first=True)
    ['R:order', 'R:the', 'R:strike', 'L1:^', 'R1:order', 'R2:the', 'R:neg', 'first']
    >>> mention_features("Trump praised Kim Jong Un.", 14, 25)
    ['L:trump', 'L:prais', 'L1:prais', 'R1:$', 'L:pos']
    """
    lexicon = _lexicon()
    before = _WORD.findall(text[:start])
    after = _WORD.findall(text[end:])[:WINDOW]
    nearest = max(0, len(before) - WINDOW)      # only the window's words become features
    left = [_token(before[i], initial=i == 0) for i in range(nearest, len(before))]
    right = [_token(w, initial=False) for w in after]
    features = [f"L:{w}" for w in left] + [f"R:{w}" for w in right]
    features.append(f"L1:{left[-1]}" if left else "L1:^")
    features.append(f"R1:{right[0]}" if right else "R1:$")
    if len(right) > 1:
        features.append(f"R2:{right[1]}")
    for side, words in (("L", before[nearest:]), ("R", after)):
        for w in words:
            valence = lexicon.get(w.lower())
            if valence is not None and abs(valence) >= LEXICON_STRENGTH:
                features.append(f"{side}:{'neg' if valence < 0 else 'pos'}")
    features += [f"N:{stem(w)}" for w in _WORD.findall(text[start:end]) if w.islower()]
    if first:
        features.append("first")
    return features


def describe(feature: str) -> str:
    """A feature as a reader can take it in.

    ``_`` stands for the actor, ``…`` for up to five words, ``·`` for exactly one word, "a
    name" for a word capitalized inside the sentence.

    Examples
    --------
    >>> [describe(f) for f in ["L:by", "R1:destroy", "R2:home", "R:neg", "N:farmer", "first", "L1:<name>"]]
    ['by … _', '_ destroy', '_ · home', '_ … negative word', "called 'farmer'", 'opens the article', 'a name _']
    """
    if feature == "first":
        return "opens the article"
    kind, _, word = feature.partition(":")
    if kind == "N":
        return f"called '{word}'"
    if word in ("neg", "pos") and kind in ("L", "R"):
        word = "negative word" if word == "neg" else "positive word"
    word = "a name" if word == NAME else word
    if kind == "L1":
        return "start of sentence, _" if word == "^" else f"{word} _"
    if kind in ("R1", "R2"):
        return "_, end of sentence" if word == "$" else ("_ " if kind == "R1" else "_ · ") + word
    return f"{word} … _" if kind == "L" else f"_ … {word}"


@dataclass(frozen=True)
class RoleModel:
    """A TF-IDF vectorizer of mention features and a multinomial logistic regression.

    Attributes
    ----------
    vectorizer : sklearn.feature_extraction.text.TfidfVectorizer
    coef : numpy.ndarray
        One row of feature weights per role (in the order of ``roles``).
    intercept : numpy.ndarray
    roles : tuple of str
    metadata : dict
        How it was trained.
    """

    vectorizer: object
    coef: np.ndarray
    intercept: np.ndarray
    roles: tuple
    metadata: dict

    def weights(self, documents: list[str]):
        """The TF-IDF matrix of feature documents (space-separated features, one per actor)."""
        return self.vectorizer.transform(documents)

    def proba_of(self, matrix) -> np.ndarray:
        """The probability of each role (softmax of the linear scores), one row per document."""
        scores = np.asarray(matrix @ self.coef.T) + self.intercept
        scores -= scores.max(axis=1, keepdims=True)
        exp = np.exp(scores)
        return exp / exp.sum(axis=1, keepdims=True)

    def predict_proba(self, documents: list[str]) -> np.ndarray:
        """The probability of each role for each document."""
        if len(documents) == 0:
            return np.zeros((0, len(self.roles)))
        return self.proba_of(self.weights(documents))

    def save(self, folder: str | Path) -> None:
        """Write ``model.json`` (settings, vocabulary, roles, metadata) and ``weights.npz``."""
        from .._linear import write_model

        write_model(folder, {"metadata": self.metadata, "roles": list(self.roles)}, self.vectorizer,
                    coef=self.coef, intercept=self.intercept)


def load_role_model(folder: str | Path | None = None) -> RoleModel:
    """Load the role model (by default the one shipped with the toolkit).

    Raises
    ------
    FileNotFoundError
        If the model files are missing; the message says how to train them.
    """
    return _load(str(folder) if folder is not None else str(resource_path(MODEL_DIR)))


@lru_cache(maxsize=2)
def _load(folder: str) -> RoleModel:
    from .._linear import read_vectorized

    vectorizer, spec, weights = read_vectorized(folder, what="role model", train=TRAIN)
    return RoleModel(vectorizer, weights["coef"], weights["intercept"], tuple(spec["roles"]), spec["metadata"])


def role_validation(folder: str | Path | None = None) -> pd.DataFrame:
    """How well the role model agreed with the annotators, as measured when it was made.

    Returns
    -------
    pandas.DataFrame
        One row per method (the model, the same model with the actors' proper names as
        features, always the most common role): ``method``, ``actors`` (annotated actors
        scored), ``accuracy``, ``macro_f1``, the F1 of each role, ``check`` (how it was
        measured) and ``data``.

    Raises
    ------
    FileNotFoundError
        If the folder holds no ``metrics.json``.
    """
    from .._linear import read_figures

    return read_figures(folder if folder is not None else resource_path(MODEL_DIR), train=TRAIN)


def role_documents(sentences: pd.DataFrame, mentions: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    """The features of every mention, and each article × actor's document of them.

    Parameters
    ----------
    sentences : pandas.DataFrame
        The sentences table (``article_id``, ``sentence``, ``start``, ``text``).
    mentions : pandas.DataFrame
        ``article_id``, ``outlet``, ``sentence``, ``actor``, ``start``, ``end`` (offsets as in
        the mentions table: into the part's text, the sentence starting at its ``start``).

    Returns
    -------
    actors : pandas.DataFrame
        ``article_id``, ``outlet``, ``actor``, ``mentions``, one row per article and actor in
        order of first mention; ``documents`` (its features, space-separated) and ``rows`` (the
        positions of its mentions in ``mentions``).
    mention_documents : list of str
        The features of each mention, in the order of ``mentions``.

    Raises
    ------
    ValueError
        If a mention's sentence is not in the sentences table.
    """
    from ..text.lookup import bounded_context, sentences_of

    check_columns(sentences, ["article_id", "sentence", "start", "text"], what="the sentences table")
    check_columns(mentions, ["article_id", "outlet", "sentence", "actor", "start", "end"], what="the mentions table")
    located = sentences_of(mentions, sentences)
    if located["text"].isna().any():
        lost = mentions.loc[located["text"].isna().to_numpy(), ["article_id", "sentence"]].head(3)
        raise ValueError(f"{int(located['text'].isna().sum())} mentions have no sentence in the sentences table, "
                         f"e.g. {lost.to_dict('records')}")
    first = mentions["sentence"].to_numpy() <= 0
    texts, offsets = bounded_context(located["text"].tolist(), [
        (s - base, e - base) for base, s, e in zip(located["start"].astype(int), mentions["start"], mentions["end"])])
    docs = [" ".join(mention_features(text, s, e, first=f)) for text, (s, e), f in zip(texts, offsets, first)]
    positions = pd.Series(np.arange(len(mentions)))
    grouped = positions.groupby([mentions["article_id"].to_numpy(), mentions["actor"].to_numpy()], sort=False)
    # each article × actor's positions, groups in order of first mention (as the groupby's own order)
    number = grouped.ngroup().to_numpy()
    kept = np.flatnonzero(~np.isnan(number)) if number.dtype.kind == "f" else np.arange(len(number))
    order = kept[np.argsort(number[kept], kind="stable")]
    ends = np.cumsum(np.bincount(number[kept].astype("int64"), minlength=grouped.ngroups))
    rows = [chunk.tolist() for chunk in np.split(order, ends[:-1])] if len(order) else []
    keys = list(grouped.groups) if len(mentions) else []
    actors = pd.DataFrame({"article_id": [k[0] for k in keys], "actor": [k[1] for k in keys]})
    outlets = mentions["outlet"].to_numpy(dtype=object)
    actors.insert(1, "outlet", [outlets[r[0]] for r in rows])
    actors["mentions"] = [len(r) for r in rows]
    actors["documents"] = [" ".join(docs[i] for i in r) for r in rows]
    actors["rows"] = rows
    return actors, docs


def train_role_model(documents: list[str], roles: list[str], groups, *, c_grid=C_GRID, folds: int = 5,
                     metadata: dict | None = None) -> RoleModel:
    """Fit the vectorizer and the logistic regression on annotated actors.

    The regularization strength is chosen from ``c_grid`` by the macro-F1 of a ``folds``-fold
    cross-validation on these documents alone that keeps each group (article) together; then
    the model is fitted on all of them.

    Parameters
    ----------
    documents : list of str
        One per annotated actor (:func:`role_documents`).
    roles : list of str
        Its annotated role, one of :data:`ROLES`.
    groups : array-like
        Its article, so that no fold splits an article.
    c_grid : sequence of float
    folds : int
    metadata : dict, optional

    Returns
    -------
    RoleModel
    """
    from sklearn.metrics import f1_score
    from sklearn.model_selection import GroupKFold

    roles = np.asarray(roles, dtype=object)
    unknown = sorted(str(r) for r in set(roles) - set(ROLES))
    if unknown:
        raise ValueError(f"unknown role(s) {unknown}; the roles are {', '.join(ROLES)}")
    if len(documents) != len(roles):
        raise ValueError(f"{len(documents)} documents but {len(roles)} roles")
    score = {}
    splits = list(GroupKFold(folds).split(documents, roles, groups))
    for c in c_grid:
        predicted = np.empty(len(roles), dtype=object)
        for train, test in splits:
            vectorizer, classifier = _fit([documents[i] for i in train], roles[train], c)
            predicted[test] = classifier.predict(vectorizer.transform([documents[i] for i in test]))
        score[c] = float(f1_score(roles, predicted.astype(str), average="macro"))
    best = max(c_grid, key=lambda c: (score[c], -c))
    vectorizer, classifier = _fit(list(documents), roles, best)
    order = [list(classifier.classes_).index(r) for r in ROLES]
    meta = {**(metadata or {}), "features": "TF-IDF (sublinear tf, min_df 2) of mention features: stemmed words "
            f"within {WINDOW} words left and right, the nearest ones, strong VADER words in each window, the "
            "mention's lower-case words, whether it opens the article; pooled over an actor's mentions in an article",
            "classifier": "multinomial logistic regression, class_weight balanced; C chosen by inner "
                          "cross-validation by article (macro-F1)",
            "C": float(best), "inner_cv_macro_f1": {str(c): round(s, 4) for c, s in score.items()},
            "actors": len(roles)}
    return RoleModel(vectorizer, classifier.coef_[order], classifier.intercept_[order], ROLES, meta)


def _fit(documents: list[str], roles: np.ndarray, c: float):
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    vectorizer = TfidfVectorizer(token_pattern=r"\S+", lowercase=False, sublinear_tf=True, min_df=2)
    matrix = vectorizer.fit_transform(documents)
    return vectorizer, LogisticRegression(C=c, class_weight="balanced", max_iter=5000).fit(matrix, roles)


def actor_roles(sentences: pd.DataFrame, mentions: pd.DataFrame, *, model: RoleModel | None = None,
                top_features: int = 4, top_sentences: int = 3) -> pd.DataFrame:
    """The most likely narrative role of each actor in each article, with the sentences behind it.

    Parameters
    ----------
    sentences : pandas.DataFrame
        The sentences table.
    mentions : pandas.DataFrame
        The mentions table (:func:`toolkit.find_mentions`).
    model : RoleModel, optional
        By default the shipped model (:func:`load_role_model`).
    top_features, top_sentences : int
        How many features and sentences to keep as evidence.

    Returns
    -------
    pandas.DataFrame
        One row per article and actor: ``article_id``, ``outlet``, ``actor``, ``mentions``,
        ``role`` (the most likely), ``probability`` (its probability), ``hero``, ``villain``,
        ``victim`` (the probability of each), ``features`` (those that pushed most towards the
        role, with their part of the score on the log-odds scale; ``_`` is the actor),
        ``sentences`` (the numbers of the sentences whose mention pushed most towards it),
        ``evidence`` (the strongest one's text) and ``method``.

    Examples
    --------
    >>> import pandas as pd
    >>> sentences = pd.DataFrame({"article_id": ["a", "a"], "sentence": [0, 1], "start": [0, 40],
    ...     "text": ["Floods destroyed the homes of farmers.", "The farmers lost everything they owned."]})
    >>> mentions = pd.DataFrame({"article_id": ["a", "a"], "outlet": ["X", "X"], "sentence": [0, 1],
    ...     "actor": ["farmers", "farmers"], "start": [30, 44], "end": [37, 51]})
    >>> actor_roles(sentences, mentions)[["actor", "mentions", "role"]].values.tolist()
    [['farmers', 2, 'victim']]
    """
    model = model or load_role_model()
    if mentions.empty:
        check_columns(mentions, ["article_id", "outlet", "sentence", "actor", "start", "end"],
                      what="the mentions table")
        return pd.DataFrame(columns=COLUMNS)
    actors, mention_docs = role_documents(sentences, mentions)
    matrix = model.weights(actors["documents"].tolist()).tocsr()
    proba = model.proba_of(matrix)
    best = proba.argmax(axis=1)
    # towards a role: its weights against the mean of all roles' (the softmax is unchanged by a shift)
    towards = model.coef - model.coef.mean(axis=0)
    per_mention = np.asarray(model.weights(mention_docs) @ towards.T)
    names = model.vectorizer.get_feature_names_out()
    numbers = mentions["sentence"].to_numpy()
    features, chosen, strongest = [], [], []
    for i, rows in enumerate(actors["rows"]):
        indices = matrix.indices[matrix.indptr[i]:matrix.indptr[i + 1]]     # row i, without a matrix per row
        contribution = matrix.data[matrix.indptr[i]:matrix.indptr[i + 1]] * towards[best[i], indices]
        order = np.argsort(-contribution, kind="stable")[:top_features]
        features.append(" | ".join(f"{describe(names[indices[j]])} ({contribution[j]:+.2f})" for j in order
                                   if contribution[j] > 0))
        strength = per_mention[rows, best[i]]
        ranked, seen = [], set()
        for j in np.argsort(-strength, kind="stable"):
            if strength[j] > 0 and numbers[rows[j]] not in seen and len(ranked) < top_sentences:
                seen.add(numbers[rows[j]])
                ranked.append(rows[j])
        chosen.append(", ".join(str(numbers[r]) for r in ranked))
        strongest.append(ranked[0] if ranked else -1)
    result = actors[["article_id", "outlet", "actor", "mentions"]].copy()
    result["role"] = [model.roles[k] for k in best]
    result["probability"] = proba[np.arange(len(best)), best]
    for k, role in enumerate(model.roles):
        result[role] = proba[:, k]
    result["features"], result["sentences"] = features, chosen
    result["evidence"] = _evidence_texts(sentences, mentions, strongest)
    result["method"] = f"learned: {Path(MODEL_DIR).name} (Narrative Frames Corpus, climate news)"
    return result[COLUMNS]


def _evidence_texts(sentences: pd.DataFrame, mentions: pd.DataFrame, rows: list[int]) -> list[str]:
    """The sentence of the mention at each position of ``rows`` ("" for -1: no evidence), looked up once."""
    from ..text.lookup import sentences_of

    found = [r for r in rows if r >= 0]
    texts = iter(sentences_of(mentions.iloc[found], sentences, columns=("text",))["text"].tolist())
    return [next(texts) if r >= 0 else "" for r in rows]


def role_profile(roles: pd.DataFrame, *, group: str = "outlet") -> pd.DataFrame:
    """How each outlet casts each actor: the share of its articles giving the actor each role.

    Parameters
    ----------
    roles : pandas.DataFrame
        From :func:`actor_roles`.
    group : str, default "outlet"

    Returns
    -------
    pandas.DataFrame
        One row per group and actor it mentions: ``<group>``, ``actor``, ``role_articles``
        (articles mentioning it), ``hero``, ``villain``, ``victim`` (the share of those
        articles in which that role is the most likely) and ``main_role`` (the most frequent;
        ties joined with "/").

    Examples
    --------
    >>> import pandas as pd
    >>> roles = pd.DataFrame({"outlet": ["A", "A", "A", "B"], "actor": ["X", "X", "X", "X"],
    ...     "role": ["villain", "villain", "victim", "hero"]})
    >>> role_profile(roles).round(2).values.tolist()
    [['A', 'X', 3, 0.0, 0.67, 0.33, 'villain'], ['B', 'X', 1, 1.0, 0.0, 0.0, 'hero']]
    """
    check_columns(roles, [group, "actor", "role"], what="the roles table")
    if roles.empty:
        return pd.DataFrame(columns=[group, "actor", *PROFILE_COLUMNS])
    counts = pd.crosstab([roles[group], roles["actor"]], roles["role"]).reindex(columns=list(ROLES), fill_value=0)
    total = counts.sum(axis=1)
    shares = counts.div(total, axis=0)
    is_top = counts.to_numpy() == counts.max(axis=1).to_numpy()[:, None]
    main = ["/".join(r for r, top in zip(ROLES, row) if top) for row in is_top.tolist()]
    profile = shares.assign(role_articles=total, main_role=main).reset_index()
    profile.columns.name = None
    return profile[[group, "actor", *PROFILE_COLUMNS]]
