"""The answer key of the practice corpus: a coded sample of its tone towards actors, shipped with
the toolkit so that lesson 08 and its tests run unattended.

The key (``toolkit/resources/validation/practice-tone.csv``, CC0-1.0 like the practice corpus)
holds 100 mentions of actors in the practice corpus (:func:`toolkit.events_corpus_path`, with
:func:`toolkit.practice_actors_path`), 25 of each outlet: the sample
``study.validation_sample("tone", n=25, seed=8)``. Two coders coded each one negative, neutral or
positive towards the actor named in ``[[ ]]``, independently, reading the sentence with its
neighbours and the title, without the outlet or the machine's label shown: the first (column
``coded``: the helper session that wrote lesson 08) and a second one later (column ``second``: a
session that saw only the coding sheet and a short codebook, not the first coder's answers).
They agree on 89 of the 100 items, Krippendorff's alpha 0.71 (checked by the tests): above 0.667,
the lowest for tentative conclusions, below the usual bar of 0.8 (Krippendorff 2004); 9 of the 11
differences are items the first coder called negative and the second neutral. A teaching key, not
a gold standard: the lessons use the first coder's answers, and the two together to teach
agreement. A mention is found by its article, sentence, actor and marked sentence, not by its item
id, so that another sample's items that are in the key are coded too.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import pandas as pd

from .._checks import check_choice, check_columns
from .._files import resource_path
from .sheet import read_coded

#: What identifies a mention in the key.
KEY = ["article_id", "sentence", "actor", "text"]


def practice_key_path() -> Path:
    """The answer key of the practice corpus's tone towards actors (a CSV: ``article_id``,
    ``sentence``, ``actor``, ``text`` with the mention marked ``[[ ]]``, ``coded``).

    Examples
    --------
    >>> practice_key_path().name
    'practice-tone.csv'
    """
    return resource_path("validation/practice-tone.csv")


def practice_answers(sample: pd.DataFrame, *, coder: str = "answer key",
                     answers: Literal["first", "second"] = "first") -> pd.DataFrame:
    """A tone sample of the practice corpus, coded with the answer key (as if a coder had done it).

    Parameters
    ----------
    sample : pandas.DataFrame
        From ``study.validation_sample("tone", ...)`` on the practice corpus with its dictionary.
    coder : str, default "answer key"
        The name in the ``coder`` column.
    answers : {"first", "second"}, default "first"
        The first coder's answers (the key), or the second coder's (for agreement).

    Returns
    -------
    pandas.DataFrame
        As :func:`toolkit.validation.read_coded`: one row per item of the sample, ``coded`` from
        the key (missing, with a warning, for an item the key does not hold).

    Raises
    ------
    ValueError
        For a sample of another measure than tone.

    Examples
    --------
    >>> import toolkit
    >>> study = toolkit.analyze(toolkit.events_corpus_path(), actors=toolkit.practice_actors_path(), progress=False)
    >>> coded = practice_answers(study.validation_sample("tone", n=25, seed=8))
    >>> coded["coded"].value_counts().to_dict()
    {'neutral': 70, 'negative': 26, 'positive': 4}
    >>> second = practice_answers(study.validation_sample("tone", n=25, seed=8), coder="second", answers="second")
    >>> second["coded"].value_counts().to_dict()
    {'neutral': 81, 'negative': 17, 'positive': 2}
    """
    check_columns(sample, ["item_id", "measure", "article_id", "sentence", "subject", "text"], what="the sample")
    other = sorted(set(sample["measure"]) - {"tone"})
    if other:
        raise ValueError(f"the practice corpus's answer key codes the measure 'tone'; the sample holds "
                         f"{', '.join(map(repr, other))}")
    check_choice("answers", answers, ("first", "second"))
    key = pd.read_csv(practice_key_path(), dtype={"article_id": str, "actor": str, "text": str, "coded": str,
                                                  "second": str})
    if answers == "second":
        key = key.drop(columns="coded").rename(columns={"second": "coded"})
    found = sample.rename(columns={"subject": "actor"})[["item_id", *KEY]].astype({"sentence": "int64"}).merge(
        key[[*KEY, "coded"]], on=KEY, how="left")
    sheet = sample.drop(columns=["coded", "coder"]).merge(found[["item_id", "coded"]], on="item_id", how="left")
    return read_coded(sheet.assign(coder=coder), key=sample)
