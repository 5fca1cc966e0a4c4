"""The role model against the annotators of the Narrative Frames Corpus, and its training.

Run ``python -m devtools.role_eval --data ../shared/data/frames`` to print the figures, and
add ``--save`` to train the model on all the annotated actors and write it, with the figures,
to ``toolkit/resources/models/roles-linear``. The data: the actors of 343 climate-change
articles, each annotated as hero, villain or victim (``roles.tsv``; README there); the corpus's
other articles are kept apart for a separate measurement and never read here.

From annotation to mentions
    An annotated actor is a phrase as written ("fossil fuel companies", "Trump", "they").
    Its mentions are the places where the phrase occurs in the article (case ignored, whole
    words), found in the toolkit's sentences. Pronouns ("they", "he") are left out: the
    toolkit never scores a pronoun as an actor. Phrases found nowhere (the annotators
    sometimes paraphrased) are left out too; both counts are printed and stored.

Figures
    Accuracy and macro-F1 over the annotated actors (a phrase given two roles in one article
    counts twice, once per role), each scored by a model that never saw its article:

    - 5 folds keeping each article together, with three shuffles;
    - 5 folds keeping each outlet together (an outlet the model has never seen, the user's
      usual case);

    inside each training part the regularization is chosen by a further cross-validation. Two
    references: always answering the most common role of the training part, and the same model
    given the actors' proper names as well ("Trump", "Exxon"), which the shipped model leaves
    out because they carry the topic, not the role.
"""

from __future__ import annotations

import argparse
import re
import shutil
from pathlib import Path

import numpy as np
import pandas as pd

from toolkit.actors.roles import MODEL_DIR, ROLES, role_documents, stem, train_role_model
from .frame_eval import DATA_NOTE, corpus_sentences, outlet_group, read_frames_data

#: Annotated phrases that are pronouns: no actor of the toolkit is one.
PRONOUNS = frozenset("i you he she it we they me him her us them his its our their theirs this that these those "
                     "who which".split())
_WORD = re.compile(r"\w+(?:['\u2019]\w+)?")


def read_roles(folder: str | Path) -> pd.DataFrame:
    """The annotated actors (``roles.tsv``): ``article_id`` (``nfc-<id>``), ``entity``, ``role``.

    Raises
    ------
    FileNotFoundError, ValueError
        If the file is missing, lacks a column or holds an unknown role.
    """
    path = Path(folder) / "roles.tsv"
    if not path.is_file():
        raise FileNotFoundError(f"{path} not found: give the folder of the Narrative Frames data (--data)")
    table = pd.read_csv(path, sep="\t", dtype=str, keep_default_na=False)
    missing = [c for c in ["id", "entity", "role"] if c not in table]
    if missing:
        raise ValueError(f"{path} lacks the column(s) {', '.join(missing)}")
    unknown = sorted(set(table["role"]) - set(ROLES))
    if unknown:
        raise ValueError(f"{path}: unknown role(s) {unknown}")
    return pd.DataFrame({"article_id": "nfc-" + table["id"], "entity": table["entity"].str.strip(),
                         "role": table["role"]})


def annotated_mentions(sentences: pd.DataFrame, roles: pd.DataFrame) -> pd.DataFrame:
    """Every occurrence of each annotated phrase (not a pronoun) in its article, as a mentions table.

    Returns
    -------
    pandas.DataFrame
        ``article_id``, ``outlet``, ``sentence``, ``actor`` (the phrase), ``start``, ``end``
        (offsets as the mentions table has them).

    Examples
    --------
    >>> sentences = pd.DataFrame({"article_id": ["a"], "outlet": ["X"], "sentence": [0], "start": [10],
    ...     "text": ["They said the Farmers and farmers' unions lost."]})
    >>> roles = pd.DataFrame({"article_id": ["a", "a"], "entity": ["farmers", "they"], "role": ["victim", "hero"]})
    >>> annotated_mentions(sentences, roles)[["actor", "start", "end"]].values.tolist()
    [['farmers', 24, 31], ['farmers', 36, 43]]
    """
    by_article = {a: part for a, part in sentences.groupby("article_id", sort=False)}
    rows = []
    for article_id, entity in roles[["article_id", "entity"]].drop_duplicates().itertuples(index=False):
        if entity.lower() in PRONOUNS or article_id not in by_article:
            continue
        pattern = re.compile(r"(?<!\w)" + re.escape(entity) + r"(?!\w)", re.IGNORECASE)
        part = by_article[article_id]
        for outlet, number, base, text in zip(part["outlet"], part["sentence"], part["start"], part["text"]):
            rows += [(article_id, outlet, number, entity, base + m.start(), base + m.end())
                     for m in pattern.finditer(text)]
    return pd.DataFrame(rows, columns=["article_id", "outlet", "sentence", "actor", "start", "end"])


def labelled_documents(sentences: pd.DataFrame, roles: pd.DataFrame) -> pd.DataFrame:
    """One row per annotated actor found in its article: ``article_id``, ``outlet``, ``entity``, ``role``, ``document``."""
    mentions = annotated_mentions(sentences, roles)
    actors, _ = role_documents(sentences, mentions)
    found = actors.rename(columns={"actor": "entity", "documents": "document"})
    return roles.merge(found[["article_id", "outlet", "entity", "document"]], on=["article_id", "entity"])


def with_proper_names(table: pd.DataFrame) -> pd.DataFrame:
    """The table of :func:`labelled_documents` with each actor's capitalized words (``P:w``) added to its
    document, for the reference figure with proper names.

    Examples
    --------
    >>> with_proper_names(pd.DataFrame({"entity": ["Exxon Mobil", "farmers"], "document": ["R:pay", "L:poor"]}))[
    ...     "document"].tolist()
    ['R:pay P:exxon P:mobil', 'L:poor']
    """
    proper = table["entity"].map(lambda e: " ".join(f"P:{stem(w.lower())}" for w in _WORD.findall(e)
                                                    if not w.islower()))
    return table.assign(document=(table["document"] + " " + proper).str.strip())


def cross_validated(table: pd.DataFrame, *, by: str = "article", seeds=(0, 1, 2), folds: int = 5) -> dict:
    """Accuracy, macro-F1 and the F1 of each role, of the model and of the majority role, out of fold.

    Parameters
    ----------
    table : pandas.DataFrame
        From :func:`labelled_documents`.
    by : {"article", "outlet"}
        What each fold keeps together (outlets: one run, the folds are fixed).
    seeds : sequence of int
        Shuffles of the article folds; the figures are their means.
    """
    from sklearn.metrics import accuracy_score, f1_score
    from sklearn.model_selection import GroupKFold

    gold = table["role"].to_numpy()
    groups = (table["article_id"] if by == "article" else table["outlet"].map(outlet_group)).to_numpy()
    documents = table["document"].tolist()
    runs = {"model": [], "majority": []}
    for seed in (seeds if by == "article" else seeds[:1]):
        splitter = GroupKFold(folds, shuffle=True, random_state=seed) if by == "article" else GroupKFold(folds)
        predicted = {k: np.empty(len(gold), dtype=object) for k in runs}
        for train, test in splitter.split(documents, gold, groups):
            model = train_role_model([documents[i] for i in train], gold[train], groups[train])
            proba = model.predict_proba([documents[i] for i in test])
            predicted["model"][test] = np.array(model.roles)[proba.argmax(axis=1)]
            predicted["majority"][test] = pd.Series(gold[train]).value_counts().index[0]
        for key, values in predicted.items():
            values = values.astype(str)
            runs[key].append({"accuracy": accuracy_score(gold, values),
                              "macro_f1": f1_score(gold, values, average="macro", labels=list(ROLES)),
                              **{f"f1_{r}": f1_score(gold == r, values == r) for r in ROLES}})
    return {key: {k: round(float(np.mean([r[k] for r in rs])), 4) for k in rs[0]} for key, rs in runs.items()}


def figures(table: pd.DataFrame, roles: pd.DataFrame) -> list[dict]:
    """Every figure of the role model and its references, as rows for ``metrics.json``.

    Parameters
    ----------
    table : pandas.DataFrame
        From :func:`labelled_documents`.
    roles : pandas.DataFrame
        All the annotated actors (:func:`read_roles`), for the counts of those left out.
    """
    named = with_proper_names(table)
    pronouns = int(roles["entity"].str.lower().isin(PRONOUNS).sum())
    data = (f"{DATA_NOTE}; {len(table)} of {len(roles)} annotated actors ({pronouns} pronouns left out, "
            f"{len(roles) - pronouns - len(table)} phrases not found verbatim)")
    rows = []
    for by, how in (("article", "5 folds keeping each article together, mean of 3 shuffles"),
                    ("outlet", "5 folds keeping each outlet together")):
        result = cross_validated(table, by=by)
        named_result = cross_validated(named, by=by)
        for method, values in (("roles-linear (context, no proper names)", result["model"]),
                               ("reference: with proper names", named_result["model"]),
                               ("reference: always the most common role", result["majority"])):
            rows.append({"method": method, "actors": len(table), **values, "check": f"cross-validated: {how}",
                         "data": data})
    return rows


def figures_table(rows: list[dict]) -> str:
    """The figures as a Markdown table."""
    lines = ["| method | check | accuracy | macro-F1 | F1 hero | F1 villain | F1 victim |", "|---|---|---|---|---|---|---|"]
    for row in rows:
        lines.append(f"| {row['method']} | {row['check'].split(': ', 1)[-1]} | {row['accuracy']:.3f} | "
                     f"{row['macro_f1']:.3f} | {row['f1_hero']:.3f} | {row['f1_villain']:.3f} | "
                     f"{row['f1_victim']:.3f} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    """Print the figures; with ``--save``, train on all the annotated actors and write the model."""
    parser = argparse.ArgumentParser(prog="python -m devtools.role_eval", description=__doc__.splitlines()[0])
    parser.add_argument("--data", required=True, help="the folder of the Narrative Frames data (roles.tsv)")
    parser.add_argument("--save", action="store_true", help="train on all annotated actors and write the model")
    parser.add_argument("--out", help="where to write the model (default: the toolkit's resources)")
    args = parser.parse_args(argv)
    from toolkit._files import resource_path
    from toolkit._linear import write_figures

    articles, _ = read_frames_data(args.data)
    roles = read_roles(args.data)
    table = labelled_documents(corpus_sentences(articles), roles)
    rows = figures(table, roles)
    print(figures_table(rows))
    if args.save:
        model = train_role_model(table["document"].tolist(), table["role"].tolist(), table["article_id"].to_numpy(),
                                 metadata={"data": rows[0]["data"]})
        folder = Path(args.out) if args.out else resource_path(MODEL_DIR)
        model.save(folder)
        licence = resource_path("models/frames-linear/LICENSE-NarrativeFrames.txt")
        shutil.copyfile(licence, folder / licence.name)
        write_figures(folder, rows, model.metadata)
        print(f"model and figures written to {folder}")


if __name__ == "__main__":
    main()
