"""One analysis of a corpus: every table computed once, kept, saved as Parquet and reopened.

``study = toolkit.analyze(source, actors=...)`` loads the corpus and computes each table the
first time it is asked for: ``study.sentences``, ``study.events``, ``study.facts``,
``study.omission_profile`` and so on (:data:`TABLES` lists them all, with what each holds).
``study.save(folder)`` writes every table as Parquet with the settings used
(``study.json``); :func:`open_study` reads them back without computing anything again, and
``study.report(path)`` writes the HTML report.

Two kinds of step, so that the same code can later run on all cores and on a cluster:

- *per article* (:func:`article_tables`): sentences, sentence tone, mentions and quotes are a
  pure function of a batch of articles;
- *corpus-wide*: events (local in time), comparisons within each event, and profiles that add
  up events.
"""

from __future__ import annotations

import os
import time
import warnings
from dataclasses import asdict, dataclass, fields
from functools import cached_property, partial
from pathlib import Path

import pandas as pd

from ._checks import check_choice
from .actors.dictionary import ActorDictionary, load_actors
from .parallel import join_batches, map_tables
from .progress import print_progress
from .study_files import DICTIONARY, StudyError  # noqa: F401 (StudyError: re-exported)

#: From this many articles, the per-article stages use every core by default.
PARALLEL_ARTICLES = 200

#: Every table of a study, in pipeline order, with what it holds (one row per ...).
TABLES = {
    "articles": "article (the articles table, with its event)",
    "cleaning_log": "line removed by cleaning, with the rule",
    "load_log": "input read, skipped or ignored, and article analysed in part, with the reason",
    "sentences": "sentence, with its offsets, part and event",
    "sentence_tone": "sentence, with its polarity and subjectivity",
    "actor_list": "actor of the dictionary: type, forms, counts, an example; 'discovered' when found automatically",
    "mentions": "mention of an actor of the dictionary",
    "quotes": "quote, with its speaker and verb",
    "events": "article, with its event",
    "event_summary": "event: label, outlets, dates, whether comparable",
    "coverage_misses": "comparable event and outlet that does not report it: its nearest article of nearby dates, "
                       "whether a likely split event",
    "pairs": "pair of sentences of two outlets that report the same fact, within an event",
    "facts": "fact and outlet that reports its event: reported or not, nearest sentence",
    "sentence_facts": "sentence, with its fact",
    "omissions": "fact an outlet leaves out that two other outlets of the event report",
    "leads": "article of a comparable event, with the fact it opens with",
    "coverage_profile": "outlet: comparable events it reports, with an interval over events",
    "omission_profile": "outlet: share of the facts others report that it leaves out",
    "lead_profile": "outlet: share of its leads another outlet shares",
    "voice_profile": "outlet and side: share of quoted words, with an interval over events",
    "stance": "mention, with the tone towards it",
    "roles": "article and actor: most likely narrative role (hero, villain, victim), with the sentences behind it",
    "tone_profile": "outlet and actor: mean tone towards it, with an interval over events",
    "framing": "outlet and actor: mentions, tone towards it, naming, voice, narrative roles",
    "keyness": "word and outlet: use against the other outlets (log-odds z)",
    "frames": "outlet and frame: sentences with cue words",
    "frame_sentences": "sentence and frame with a cue word, the evidence",
    "learned_frames": "article and frame: probability from the model learned on annotated climate news, with its evidence",
    "outlets": "outlet: articles, events, words, what could be compared",
    "coded": "item of a hand-coded validation sample: the coder's answer beside the machine's label (study.add_coded)",
    "validation": "measure and outlet: the machine's accuracy on the coded items, with an interval",
}


@dataclass(frozen=True)
class Settings:
    """The settings of a study, recorded with its tables (``study.json``).

    Attributes
    ----------
    actors : str or None
        The actor dictionary's absolute path (or its name, if it was not read from a file); in
        a saved or opened study, ``"actors.yml"``: the dictionary's copy in the study's folder.
    discover : bool
        Without a dictionary, find the actors (:func:`toolkit.discover_actors`); if False,
        a study without a dictionary has no mentions, quotes or tone towards actors.
    discover_min_count : int or None
        :func:`toolkit.discover_actors`' ``min_count`` (None: 1 below 100 articles, else 2).
    pipeline : str or None
        The spaCy pipeline for speakers and discovery (see :func:`toolkit.text.nlp.load_pipeline`;
        None: the default small English model).
    event_threshold, event_days : float
        :func:`toolkit.group_events`.
    tone_method : str
        :func:`toolkit.score_sentences`.
    target_method : str
        :func:`toolkit.score_mentions`.
    omission_others : int
        :func:`toolkit.omissions`: how many other outlets must report a fact.
    processes : int or None
        Worker processes for the per-article stages (split, tone, mentions, quotes; the tables
        are identical whatever the number); None: every core from :data:`PARALLEL_ARTICLES`
        articles, else one.
    start, end : str or None
        Only the articles published from ``start`` to ``end`` (both days included; see
        :func:`toolkit.loading.filters.filter_corpus`).
    outlets : list of str or None
        Only the articles of these outlets.
    """

    actors: str | None = None
    discover: bool = True
    discover_min_count: int | None = None
    pipeline: str | None = None
    event_threshold: float = 0.2
    event_days: float = 3
    tone_method: str = "textblob"
    target_method: str = "newsmtsc-linear"
    omission_others: int = 2
    processes: int | None = None
    start: str | None = None
    end: str | None = None
    outlets: list[str] | None = None


def _whole(minimum: int):
    def check(value):
        return isinstance(value, int) and not isinstance(value, bool) and value >= minimum
    return check, f"at least {minimum}, a whole number"


def _number(low: float, high: float | None):
    def check(value):
        return isinstance(value, (int, float)) and not isinstance(value, bool) and value == value \
            and low <= value <= (high if high is not None else float("inf"))
    return check, f"a number from {low:g} to {high:g}" if high is not None else f"a number of {low:g} or more"


def _text(value) -> bool:
    return isinstance(value, str)


#: What each setting must be: a test of the value, and what is expected, in words (None is
#: allowed where the default is None).
_SETTING_TYPES = {
    "actors": (_text, "the actor dictionary's path or name"),
    "discover": (lambda v: isinstance(v, bool), "True or False"),
    "discover_min_count": _whole(1),
    "pipeline": (_text, "a spaCy pipeline's name or path"),
    "event_threshold": _number(0, 1),
    "event_days": _number(0, None),
    "omission_others": _whole(1),
    "processes": _whole(1),
    "start": (_text, "a date, YYYY-MM-DD"),
    "end": (_text, "a date, YYYY-MM-DD"),
    "outlets": (lambda v: isinstance(v, list) and all(isinstance(o, str) for o in v), "a list of outlet names"),
}


def check_settings(settings: dict) -> dict:
    """Check the fields of :class:`Settings` given as a dict, and return them as a study keeps them.

    Dates (``datetime.date``, ``pandas.Timestamp``) become ISO text and a single outlet or a tuple
    of outlets a list, so that the settings can be recorded in ``study.json``.

    Parameters
    ----------
    settings : dict
        Field names and values.

    Returns
    -------
    dict

    Raises
    ------
    ValueError
        For an unknown setting, or a value of the wrong type or range: the message names the
        setting, the value and what is expected.

    Examples
    --------
    >>> check_settings({"event_threshold": "abc"})
    Traceback (most recent call last):
    ...
    ValueError: event_threshold='abc' must be a number from 0 to 1
    """
    import datetime
    import numbers

    from .tone.sentiment import Method as ToneMethod
    from .tone.stance import Method as TargetMethod

    known = [f.name for f in fields(Settings)]
    unknown = [name for name in settings if name not in known]
    if unknown:
        raise ValueError(f"unknown setting(s) {', '.join(sorted(map(str, unknown)))}; valid: "
                         f"{', '.join(sorted(known))}")
    checked = dict(settings)
    for name, value in settings.items():
        if name in ("start", "end") and isinstance(value, datetime.date):
            value = checked[name] = value.isoformat()
        if isinstance(value, numbers.Number) and type(value) not in (int, float, bool) and hasattr(value, "item"):
            value = checked[name] = value.item()        # a NumPy number, as JSON records it
        if name == "outlets" and isinstance(value, (str, tuple)):
            value = checked[name] = [value] if isinstance(value, str) else list(value)
        if name == "tone_method":
            check_choice(name, value, ToneMethod)
        elif name == "target_method":
            check_choice(name, value, TargetMethod)
        elif value is None and getattr(Settings, name) is None:
            continue
        else:
            test, expected = _SETTING_TYPES[name]
            if not test(value):
                raise ValueError(f"{name}={value!r} must be {expected}")
    return checked


#: How the per-article tables are sorted over the whole input (kept when batches are joined).
_TABLE_ORDER = {"quotes": ["article_id", "part", "start"]}


def article_tables(articles: pd.DataFrame, *, actors: ActorDictionary | None = None,
                   tone_method: str = "textblob", pipeline: str | None = None, processes: int = 1,
                   client=None) -> dict[str, pd.DataFrame]:
    """The per-article tables of a batch of articles: a pure function, safe to map over batches.

    Parameters
    ----------
    articles : pandas.DataFrame
        A batch of the articles table.
    actors : ActorDictionary, optional
        Without one, ``mentions`` and ``quotes`` are empty.
    tone_method : str, default "textblob"
    pipeline : str, optional
        The spaCy pipeline for speakers (:func:`toolkit.extract_quotes`).
    processes : int, default 1
        Worker processes, each given batches of articles
        (:func:`toolkit.parallel.map_tables`); the tables are identical whatever the number.
    client : distributed.Client, optional
        Run the batches on this Dask cluster instead; the tables are identical.

    Returns
    -------
    dict
        ``sentences``, ``sentence_tone``, ``mentions`` and ``quotes``; and ``article_log``,
        rows for the load log (:data:`toolkit.guard.ARTICLE_LOG_COLUMNS`, status "incomplete")
        of the articles analysed in part: a stage that raised on an article (its name and the
        error; the article has no rows in that stage, nor in the quotes when its mentions
        failed), a sentence too long to search for speakers
        (:func:`toolkit.actors.quotes.long_sentences`). One article never stops the batch.

    Examples
    --------
    >>> from toolkit import load_articles, sample_data_path
    >>> tables = article_tables(load_articles(sample_data_path()))
    >>> {name: len(table) for name, table in tables.items()}
    {'sentences': 63, 'sentence_tone': 63, 'mentions': 0, 'quotes': 0, 'article_log': 0}
    """
    from . import score_sentences, split_sentences
    from .guard import article_log, guarded

    if processes > 1 or client is not None:
        return map_tables(partial(article_tables, actors=actors, tone_method=tone_method, pipeline=pipeline),
                          articles, processes=processes, order=_TABLE_ORDER, client=client)
    log: list = []
    sentences = guarded("sentences", split_sentences, articles, log)
    tone = guarded("sentence tone", partial(score_sentences, method=tone_method, processes=1), sentences, log)
    actor = actor_tables(sentences, actors, pipeline=pipeline)
    entries = log + list(actor.pop("article_log")[["article_id", "reason"]].itertuples(index=False, name=None))
    sources = dict(zip(articles["article_id"], articles["source"])) if "source" in articles.columns else None
    return {"sentences": sentences, "sentence_tone": tone, **actor, "article_log": article_log(entries, sources)}


def actor_tables(sentences: pd.DataFrame, actors: ActorDictionary | None, *,
                 pipeline: str | None = None, processes: int = 1, client=None) -> dict[str, pd.DataFrame]:
    """The mentions and quotes of a batch of sentences (both empty without a dictionary).

    Parameters
    ----------
    sentences : pandas.DataFrame
    actors : ActorDictionary or None
    pipeline : str, optional
        For :func:`toolkit.extract_quotes`.
    processes : int, default 1
    client : distributed.Client, optional
        As for :func:`article_tables`.

    Returns
    -------
    dict
        ``mentions`` and ``quotes``, and ``article_log`` (as for :func:`article_tables`;
        ``path`` missing).
    """
    from . import extract_quotes, find_mentions
    from .actors.mentions import MENTION_COLUMNS
    from .actors.quotes import QUOTE_COLUMNS, long_sentences
    from .guard import article_log, guarded

    if actors is None:
        return {"mentions": pd.DataFrame(columns=MENTION_COLUMNS), "quotes": pd.DataFrame(columns=QUOTE_COLUMNS),
                "article_log": article_log([])}
    if processes > 1 or client is not None:
        return map_tables(partial(actor_tables, actors=actors, pipeline=pipeline), sentences,
                          processes=processes, order=_TABLE_ORDER, client=client)
    log: list = []
    mentions = guarded("mentions", partial(find_mentions, actors=actors), sentences, log)
    failed = {article_id for article_id, _ in log}
    if failed:      # no quotes without the article's mentions: the record says so
        log = [(article_id, reason.replace("mentions:", "mentions (and so quotes):", 1)) for article_id, reason in log]
        sentences = sentences[~sentences["article_id"].isin(failed)]
    by_article = {}

    def quotes_of(rows):
        if len(rows) == len(sentences) or rows.empty:
            return extract_quotes(rows, actors, mentions=mentions, pipeline=pipeline)
        if not by_article:
            by_article.update(dict(tuple(mentions.groupby("article_id", sort=False))))
        article = rows["article_id"].iloc[0]
        return extract_quotes(rows, actors, mentions=by_article.get(article, mentions.iloc[:0]), pipeline=pipeline)

    quotes = guarded("quotes", quotes_of, sentences, log, sort=_TABLE_ORDER["quotes"])
    return {"mentions": mentions, "quotes": quotes, "article_log": article_log(log + long_sentences(sentences))}


def actor_list(actors: ActorDictionary | None) -> pd.DataFrame:
    """The study's table of actors: a discovered dictionary's evidence, or the dictionary's actors."""
    from .actors.discovered import listed_actors

    evidence = getattr(actors, "evidence", None)
    if evidence is not None:
        return evidence
    return listed_actors(actors, "discovered" if actors is not None and actors.name == "discovered" else "given")


class Study:
    """The tables of one analysis of a corpus (see the module's documentation and :data:`TABLES`).

    Make one with :func:`analyze` or :func:`open_study`. Each table is computed the first time
    it is read, from the tables before it, and kept.

    Attributes
    ----------
    settings : Settings
    actors : ActorDictionary or None
        The dictionary given, or the one found in the corpus (named "discovered") when none
        was given and ``settings.discover`` holds.
    client : distributed.Client or None
        The Dask cluster that runs the per-article stages and the tone towards actors, if any.
    """

    def __init__(self, corpus, *, actors: ActorDictionary | None = None, settings: Settings = Settings(),
                 progress=None, client=None):
        self._corpus = corpus
        self._given_actors = actors
        self.settings = settings
        self._progress = progress
        self.client = client
        self._coded = None

    @property
    def _discovering(self) -> bool:
        return self._given_actors is None and self.settings.discover

    @cached_property
    def actors(self) -> ActorDictionary | None:
        if not self._discovering:
            return self._given_actors

        def discover():
            from .actors.discovered import discover_actors
            from .parallel import release_memory

            found = discover_actors(self._sentence_tables["sentences"], min_count=self.settings.discover_min_count,
                                    pipeline=self.settings.pipeline, processes=self._processes)
            release_memory()        # the recognizer's documents, before the workers of the next stages start
            return found
        return self._step("discover actors", discover)

    @property
    def actors_discovered(self) -> bool:
        """True if the actors were found automatically (check and edit them: :attr:`actor_list`)."""
        return self.actors is not None and self.actors.name == "discovered"

    @cached_property
    def actor_list(self) -> pd.DataFrame:
        return actor_list(self.actors)

    # --- progress ------------------------------------------------------------------------

    def _step(self, name: str, compute):
        started = time.perf_counter()
        if self._progress:
            self._progress(f"{name} ...")
        result = compute()
        if self._progress:
            rows = f"{len(result):,} rows, " if isinstance(result, pd.DataFrame) else ""
            self._progress(f"{name}: {rows}{time.perf_counter() - started:.1f} s")
        return result

    # --- loading and per-article tables ----------------------------------------------------

    @cached_property
    def articles(self) -> pd.DataFrame:
        articles = self._corpus.articles.drop(columns=["event"], errors="ignore")
        return articles.merge(self.events[["article_id", "event"]], on="article_id", how="left")

    @cached_property
    def cleaning_log(self) -> pd.DataFrame:
        return self._corpus.cleaning_log

    @cached_property
    def load_log(self) -> pd.DataFrame:
        # every input, and the articles analysed in part ("incomplete": a stage failed on them, or
        # a sentence was too long to search for speakers)
        return join_batches([self._corpus.load_log, self._per_article["article_log"]])

    @cached_property
    def _sentence_tables(self) -> dict[str, pd.DataFrame]:
        return self._step("sentences and tone", lambda: article_tables(
            self._corpus.articles, tone_method=self.settings.tone_method, processes=self._processes,
            client=self.client))

    @cached_property
    def _per_article(self) -> dict[str, pd.DataFrame]:
        if not self._discovering:
            return self._step("sentences, tone, mentions and quotes", lambda: article_tables(
                self._corpus.articles, actors=self.actors, tone_method=self.settings.tone_method,
                pipeline=self.settings.pipeline, processes=self._processes, client=self.client))
        tables = self._sentence_tables
        actors = self.actors
        found = self._step("mentions and quotes", lambda: actor_tables(
            tables["sentences"], actors, pipeline=self.settings.pipeline, processes=self._processes,
            client=self.client))
        articles = self._corpus.articles
        log = found.pop("article_log").assign(path=lambda t: t["article_id"].map(
            dict(zip(articles["article_id"], articles["source"]))))
        return {**tables, **found, "article_log": join_batches([tables["article_log"], log])}

    @property
    def _processes(self) -> int:
        """The worker processes of the per-article stages: ``settings.processes``, or every core
        for :data:`PARALLEL_ARTICLES` articles or more (fewer are faster in one process)."""
        if self.settings.processes is not None:
            return self.settings.processes
        return (os.cpu_count() or 1) if len(self._corpus.articles) >= PARALLEL_ARTICLES else 1

    def _with_event(self, table: pd.DataFrame) -> pd.DataFrame:
        return table.merge(self.events[["article_id", "event"]], on="article_id", how="left")

    @cached_property
    def sentences(self) -> pd.DataFrame:
        return self._with_event(self._per_article["sentences"])

    @cached_property
    def sentence_tone(self) -> pd.DataFrame:
        return self._with_event(self._per_article["sentence_tone"])

    @cached_property
    def mentions(self) -> pd.DataFrame:
        return self._with_event(self._per_article["mentions"])

    @cached_property
    def quotes(self) -> pd.DataFrame:
        return self._with_event(self._per_article["quotes"])

    # --- events and comparisons within events ----------------------------------------------

    @cached_property
    def _events(self):
        from .compare.events import group_events

        mentions = self._per_article["mentions"] if self.actors is not None else None
        return self._step("events", lambda: group_events(
            self._corpus.articles, threshold=self.settings.event_threshold, days=self.settings.event_days,
            mentions=mentions))

    @cached_property
    def events(self) -> pd.DataFrame:
        return self._events.articles

    @cached_property
    def event_summary(self) -> pd.DataFrame:
        return self._events.summary

    @cached_property
    def coverage_misses(self) -> pd.DataFrame:
        return self._events.misses

    @cached_property
    def coverage_units(self) -> pd.DataFrame:
        """Each outlet and comparable event: whether the outlet reports it, and the article that
        shows it (:func:`toolkit.compare.profiles.coverage_units`; the items of the coverage
        measure of :mod:`toolkit.validation`)."""
        from .compare.profiles import coverage_units

        return coverage_units(self.events, summary=self.event_summary, misses=self.coverage_misses)

    @cached_property
    def _comparison(self):
        from .compare.alignment import ALIGN_COLUMNS, COVERAGE_COLUMNS, Alignment, compare_sentences

        sentences = self.sentences
        if sentences["outlet"].nunique() < 2:   # one outlet: nothing to compare, empty tables of the same columns
            from .compare.facts import furniture_reason

            return Alignment(pairs=pd.DataFrame(columns=["event", *ALIGN_COLUMNS[:-1], "same_fact", "method"]),
                             facts=pd.DataFrame(columns=["event", *COVERAGE_COLUMNS]),
                             sentence_facts=sentences[["article_id", "outlet", "sentence", "part", "event"]].assign(
                                 fact=0, excluded=[furniture_reason(t) for t in sentences["text"]],
                                 lead_link=float("nan")))
        mentions = self.mentions if self.actors is not None else None
        return self._step("facts within events", lambda: compare_sentences(sentences, mentions=mentions,
                                                                            within="event"))

    @cached_property
    def pairs(self) -> pd.DataFrame:
        return self._comparison.pairs

    @cached_property
    def facts(self) -> pd.DataFrame:
        return self._comparison.facts

    @cached_property
    def sentence_facts(self) -> pd.DataFrame:
        return self._comparison.sentence_facts

    @cached_property
    def omissions(self) -> pd.DataFrame:
        from .compare.profiles import omissions

        return self._step("omissions", lambda: omissions(self.facts, articles=self.articles,
                                                         others=self.settings.omission_others))

    @cached_property
    def leads(self) -> pd.DataFrame:
        from .compare.profiles import leads

        return self._step("leads", lambda: leads(self.sentence_facts, self.facts, self.sentences))

    # --- profiles across events ------------------------------------------------------------

    @cached_property
    def coverage_profile(self) -> pd.DataFrame:
        from .compare.profiles import coverage_profile

        return self._step("coverage profile", lambda: coverage_profile(self.events, summary=self.event_summary,
                                                                       misses=self.coverage_misses))

    @cached_property
    def omission_profile(self) -> pd.DataFrame:
        from .compare.profiles import omission_profile

        return self._step("omission profile", lambda: omission_profile(self.facts, articles=self.articles,
                                                                       others=self.settings.omission_others))

    @cached_property
    def lead_profile(self) -> pd.DataFrame:
        from .compare.profiles import lead_profile

        return lead_profile(self.leads)

    @cached_property
    def voice_profile(self) -> pd.DataFrame:
        from .compare.profiles import voice_profile

        return self._step("voice profile", lambda: voice_profile(self.quotes, self.events))

    @cached_property
    def stance(self) -> pd.DataFrame:
        from .tone.stance import score_mentions

        if self.actors is None or self.mentions.empty:
            return self.mentions.assign(label=pd.Series(dtype=object), score=pd.Series(dtype=float))
        return self._step("tone towards actors", lambda: score_mentions(
            self._per_article["mentions"], self._per_article["sentences"], method=self.settings.target_method,
            quotes=self._per_article["quotes"], client=self.client))

    @cached_property
    def _article_roles(self) -> pd.DataFrame | None:
        """The narrative roles before their events are known (None without actors or mentions)."""
        from .actors.roles import actor_roles

        if self.actors is None or self._per_article["mentions"].empty:
            return None
        return self._step("narrative roles", lambda: actor_roles(self._per_article["sentences"],
                                                                 self._per_article["mentions"]))

    @cached_property
    def roles(self) -> pd.DataFrame:
        from .actors.roles import COLUMNS

        if self._article_roles is None:
            return pd.DataFrame(columns=[*COLUMNS, "event"])
        return self._with_event(self._article_roles)

    @cached_property
    def tone_profile(self) -> pd.DataFrame:
        from .compare.profiles import tone_profile

        return self._step("tone profile", lambda: tone_profile(self.stance, self.events))

    @cached_property
    def framing(self) -> pd.DataFrame:
        from .tone.framing import framing_table

        if self.actors is None or self.stance.empty:
            return pd.DataFrame(columns=["outlet", "actor"])
        return self._step("framing table", lambda: framing_table(self.stance, self.quotes, roles=self.roles))

    @cached_property
    def keyness(self) -> pd.DataFrame:
        from .compare.keyness import keyness_by_group

        return self._step("keyness", lambda: keyness_by_group(self._per_article["sentences"]))

    @cached_property
    def _frames(self) -> tuple[pd.DataFrame, pd.DataFrame]:
        from .compare.frames import frame_scores, frames_by_outlet

        def compute():
            sentences = self._per_article["sentences"]
            rows = frame_scores(sentences)
            return rows, frames_by_outlet(rows, sentences)
        return self._step("frames", compute)

    @cached_property
    def frame_sentences(self) -> pd.DataFrame:
        return self._frames[0]

    @cached_property
    def frames(self) -> pd.DataFrame:
        return self._frames[1]

    @cached_property
    def _article_frames(self) -> pd.DataFrame:
        """The learned frames before their events are known."""
        from .compare.frame_model import frame_probabilities

        return self._step("learned frames", lambda: frame_probabilities(self._per_article["sentences"]))

    @cached_property
    def learned_frames(self) -> pd.DataFrame:
        return self._with_event(self._article_frames)

    @cached_property
    def outlets(self) -> pd.DataFrame:
        from .compare.summary import outlet_summary

        summary = outlet_summary(self._corpus.articles, self._per_article["sentences"])
        events = self.events.groupby("outlet")["event"].nunique().rename("events")
        comparable = set(self.event_summary.loc[self.event_summary["comparable"], "event"])
        in_comparable = self.events[self.events["event"].isin(comparable)].groupby("outlet")["event"].nunique()
        return summary.merge(events, left_on="outlet", right_index=True, how="left").assign(
            comparable_events=lambda t: t["outlet"].map(in_comparable).fillna(0).astype("int64"))

    def notes(self) -> list[str]:
        """What could not be compared, and what to keep in mind, in plain sentences.

        Returns
        -------
        list of str
        """
        notes = []
        articles, summary = self.articles, self.event_summary
        outlets = articles["outlet"].nunique()
        if outlets < 2:
            notes.append(f"Only one outlet ({', '.join(map(str, articles['outlet'].unique()))}): outlets cannot be "
                         "compared; the sections on coverage, facts, leads and keyness are empty.")
        single = summary[~summary["comparable"]]
        if len(single) and outlets > 1:
            notes.append(f"{len(single):,} of {len(summary):,} events are reported by one outlet only: nothing to "
                         "compare in them. They count in each outlet's coverage, not in its omissions or leads.")
        alone = self.outlets[self.outlets["comparable_events"] == 0]["outlet"].tolist()
        if alone and outlets > 1:
            notes.append(f"No event of {', '.join(map(str, alone))} is reported by another outlet: "
                         "it is left out of the comparisons.")
        undated = int(articles["published"].isna().sum())
        if undated:
            notes.append(f"{undated:,} article(s) have no date: they were grouped into events by their words alone.")
        foreign = articles[~articles["language"].isin(["en", ""])]
        if len(foreign):
            notes.append(f"{len(foreign):,} article(s) are not in English ({', '.join(sorted(foreign['language'].unique()))}):"
                         " the toolkit's resources are for English, so their scores mean little.")
        cut = int(articles["truncated"].sum())
        if cut:
            notes.append(f"{cut:,} article(s) stop before the story ends (a paywall, or cut off): what they leave out "
                         "may be what we could not read; their omissions are marked.")
        duplicates = int(articles["duplicate_of"].notna().sum())
        if duplicates:
            notes.append(f"{duplicates:,} article(s) repeat the text of another (flagged in duplicate_of, kept).")
        filtered = int((self.load_log["status"] == "filtered").sum())
        if filtered:
            given = (("from", self.settings.start), ("to", self.settings.end),
                     ("outlets", ", ".join(self.settings.outlets or [])))
            chosen = ", ".join(f"{name} {value}" for name, value in given if value)
            notes.append(f"{filtered:,} article(s) were left out by the filters ({chosen}); the load log lists them.")
        skipped = self.load_log[self.load_log["status"] == "skipped"]
        if len(skipped):
            notes.append(f"{len(skipped):,} input(s) could not be read and were skipped; the load log says why.")
        incomplete = self.load_log.loc[self.load_log["status"] == "incomplete", "article_id"].nunique()
        if incomplete:
            notes.append(f"{incomplete:,} article(s) were analysed in part (a stage failed on them, or a sentence "
                         "was too long to search for speakers); the load log says what was left out.")
        return notes

    # --- checking the machine on this corpus --------------------------------------------------

    def validation_sample(self, measure: str, *, n: int = 30, by="outlet", seed: int = 0,
                          show_outlet: bool = False) -> pd.DataFrame:
        """A random sample of one measure's items to code by hand (stratified by outlet), with
        the context to judge each one: :func:`toolkit.validation.validation_sample` on this
        study's tables (only those the measure reads are computed)."""
        from .validation.sample import Measure, validation_sample

        check_choice("measure", measure, Measure)
        return validation_sample(self._measure_tables(measure), measure, n=n, by=by, seed=seed,
                                 show_outlet=show_outlet)

    def _measure_tables(self, measure: str) -> dict[str, pd.DataFrame]:
        """The tables a measure of :mod:`toolkit.validation` reads (computed if need be)."""
        from .validation.sample import MEASURES

        return {name: getattr(self, name) for name in MEASURES[measure].tables}

    def add_coded(self, coded: pd.DataFrame, *, replace: bool = False) -> pd.DataFrame:
        """Keep a coded sample with this study: saved with it, read back by :func:`open_study`,
        used by :meth:`validate`, :meth:`corrected_shares` and the report.

        Parameters
        ----------
        coded : pandas.DataFrame
            A sample of this study (:meth:`validation_sample`), coded and read back
            (:func:`toolkit.validation.read_coded`). Several samples may be kept, of one measure
            or of several.
        replace : bool, default False
            Replace the answers kept for the same items.

        Returns
        -------
        pandas.DataFrame
            The validation table of every coded item kept (:attr:`validation`).

        Raises
        ------
        ValueError
            For a sample not drawn from this study, an item kept already (without ``replace``),
            or a table that is not a coded sample (:func:`toolkit.validation.kept.join_coded`).
        """
        from .validation.kept import join_coded
        from .validation.sample import machine_labels

        self._coded = join_coded(self.coded, coded, replace=replace,
                                 labels=lambda measure: machine_labels(self._measure_tables(measure), measure))
        return self.validation

    @property
    def coded(self) -> pd.DataFrame:
        """The coded samples kept (:meth:`add_coded`), one row per item: ``sample`` (its number),
        ``item_id``, ``measure``, ``coded``, ``coder``, ``machine``, ``subject``, ``outlet``,
        ``event``, ``article_id``, ``sentence``, ``row``; no row when none is kept."""
        from .validation.kept import empty_coded

        return empty_coded() if self._coded is None else self._coded.copy()

    def _coded_or(self, coded: pd.DataFrame | None) -> pd.DataFrame:
        """The coded table given, or the coded items kept with this study."""
        return self.coded if coded is None else coded

    @property
    def validation(self) -> pd.DataFrame:
        """The machine's accuracy per measure and outlet on the coded items kept
        (:func:`toolkit.validation.validate`); no row when none is kept."""
        from .validation.kept import validation_table

        return validation_table(self.coded)

    def corrected_shares(self, coded: pd.DataFrame | None = None, *, measure: str, label: str,
                         subject: str | None = None, by_subject: bool = False, **options) -> pd.DataFrame:
        """Each outlet's share of items the machine gives ``label`` (tone, learned frames, roles,
        coverage), corrected with a coded sample of this study (by default the coded items kept), for all
        items, one ``subject`` (an actor or frame), or each subject and outlet (``by_subject``):
        :func:`toolkit.validation.corrected_label_shares`."""
        from .validation.label_shares import CLASS_MEASURES, corrected_label_shares

        check_choice("measure", measure, CLASS_MEASURES)
        return corrected_label_shares(self._measure_tables(measure), self._coded_or(coded),
                                      measure=measure, label=label, subject=subject, by_subject=by_subject,
                                      **options)

    def corrected_voice_shares(self, coded: pd.DataFrame | None = None, *, by: str = "side", voices=None,
                               top: int = 8, **options) -> pd.DataFrame:
        """Each outlet's share of voice (quoted words by side or speaker), corrected for the quotes
        a coded sample finds wrong (by default the coded items kept):
        :func:`toolkit.validation.corrected_voice_shares`."""
        from .validation.check_shares import corrected_voice_shares

        return corrected_voice_shares(self._measure_tables("quotes"), self._coded_or(coded),
                                      by=by, voices=voices, top=top, **options)

    def corrected_omission_profile(self, coded: pd.DataFrame | None = None, *, level: float = 0.95,
                                   **options) -> pd.DataFrame:
        """Each outlet's omission rate (:attr:`omission_profile`), corrected for the omissions a
        coded sample finds not real (by default the coded items kept):
        :func:`toolkit.validation.corrected_omission_profile`. The rate's interval is computed
        again at the level that function needs."""
        from .compare.profiles import omission_profile
        from .validation.check_shares import corrected_omission_profile

        profile = omission_profile(self.facts, articles=self.articles, others=self.settings.omission_others,
                                   level=1 - (1 - level) / 2)
        return corrected_omission_profile(profile, self._measure_tables("omissions"),
                                          self._coded_or(coded), level=level, **options)

    def corrected_cue_frames(self, coded: pd.DataFrame | None = None, **options) -> pd.DataFrame:
        """Each outlet's share of sentences with each frame's cue words (:attr:`frames`), corrected
        for the cue sentences a coded sample finds do not use the frame (by default the coded
        items kept): :func:`toolkit.validation.corrected_cue_frames`."""
        from .validation.check_shares import corrected_cue_frames

        return corrected_cue_frames(self.frames, self._measure_tables("cue_frames"),
                                    self._coded_or(coded), **options)

    def corrected_differences(self, coded: pd.DataFrame | None = None, *, measure: str, label: str,
                              subject: str | None = None, pairs=None, **options) -> pd.DataFrame:
        """The difference between two outlets' shares of ``label``, corrected with a coded sample
        of this study (by default the coded items kept): :func:`toolkit.validation.label_share_tables`
        then :func:`toolkit.validation.corrected_differences`."""
        from .validation.correct import corrected_differences
        from .validation.label_shares import CLASS_MEASURES, label_share_tables

        check_choice("measure", measure, CLASS_MEASURES)
        corpus, sample = label_share_tables(self._measure_tables(measure), self._coded_or(coded),
                                            measure=measure, label=label, subject=subject)
        return corrected_differences(corpus, sample, pairs=pairs, **options)

    def validate(self, coded: pd.DataFrame | None = None, *, level: float = 0.95) -> pd.DataFrame:
        """The machine's accuracy per measure and outlet on a coded sample (by default the coded
        items kept, :attr:`validation`): :func:`toolkit.validation.validate`."""
        from .validation.accuracy import validate
        from .validation.kept import validation_table

        return validation_table(self.coded, level=level) if coded is None else validate(coded, level=level)

    # --- all tables, saving, report ----------------------------------------------------------

    def tables(self) -> dict[str, pd.DataFrame]:
        """Every table of :data:`TABLES`, computing those not yet computed.

        Returns
        -------
        dict of str to pandas.DataFrame
        """
        self._compute_beside()
        return {name: getattr(self, name) for name in TABLES}

    def _compute_beside(self) -> None:
        """With two worker processes or more (``settings.processes``, or every core for a large
        corpus) and no Dask client, the tables that need only the per-article tables and not the
        events (:data:`BESIDE`: the narrative roles, keyness, frames and learned frames) are
        computed in a forked process while this one computes the events, the facts and the
        profiles of omissions, leads and voices; the tone towards actors (in worker processes of
        its own) waits until they are done, so that no more processes than cores are busy. The
        tables are the same as when computed one after another."""
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor
        from concurrent.futures.process import BrokenProcessPool

        from .parallel import release_memory

        todo = [name for name, tables in BESIDE.items()
                if name not in self.__dict__ and any(table not in self.__dict__ for table in tables)]
        if (self.client is not None or self._processes < 2 or len(todo) < 2
                or "fork" not in multiprocessing.get_all_start_methods()):
            return
        self._per_article            # noqa: B018 - computed here, so that the forked process has it
        self.actors                  # noqa: B018
        global _BESIDE_STUDY
        _BESIDE_STUDY = self
        try:
            with ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork")) as pool:
                beside = pool.submit(_compute_tables, todo)
                for name in ("events", "sentence_facts", "omissions", "leads", "coverage_profile",
                             "omission_profile", "lead_profile", "voice_profile"):
                    getattr(self, name)
                self.__dict__.update(beside.result())
            release_memory()    # what the facts freed, before the workers of the tone towards actors fork
        except BrokenProcessPool as err:     # the process was killed (out of memory?): computed here instead
            if self._progress:
                self._progress(f"the process computing the narrative roles, keyness and frames stopped ({err}); "
                               "computing them here")
        finally:
            _BESIDE_STUDY = None

    def save(self, folder: str | Path) -> Path:
        """Write the study into a folder of its own: every table as Parquet (``<name>.parquet``),
        the actor dictionary (``actors.yml``) and the settings with a record of every file
        (``study.json``).

        The folder is self-contained (:mod:`toolkit.study_files`): copy or move it anywhere.
        The study is written beside it and swapped in when complete: a save that stops half-way
        leaves an older study in the folder as it was.

        Parameters
        ----------
        folder : str or pathlib.Path
            Created if needed. An older study in it is replaced (files of your own in it are
            kept); a folder that holds something else is refused.

        Returns
        -------
        pathlib.Path
            The folder.

        Raises
        ------
        toolkit.StudyError
            If ``folder`` is a file, or not empty and holds no study.
        """
        from . import __version__
        from .study_files import save_folder

        folder = Path(folder)
        tables = self.tables()      # the tables not read yet are computed here, each step saying so
        meta = {"toolkit": __version__, "settings": asdict(self.settings),
                "tables": {name: len(table) for name, table in tables.items()}, "descriptions": TABLES}
        return self._step(f"saving {len(tables)} tables to {folder}",
                          lambda: save_folder(folder, tables, meta, self.actors))

    def report(self, path: str | Path, *, title: str = "How the outlets frame the same events") -> Path:
        """Write the HTML report of this study (its tables are saved beside it).

        Parameters
        ----------
        path : str or pathlib.Path
            The HTML file.
        title : str

        Returns
        -------
        pathlib.Path
        """
        from .report.build import report_from_study

        return report_from_study(self, path, title=title, progress=self._progress)


#: The (cached) attributes of a study that need only its per-article tables, and the tables
#: made of them: computed in a process of their own beside the events and facts
#: (:meth:`Study._compute_beside`).
BESIDE = {"_article_roles": ("roles",), "keyness": ("keyness",), "_frames": ("frames", "frame_sentences"),
          "_article_frames": ("learned_frames",)}
_BESIDE_STUDY = None


def _compute_tables(names: list[str]) -> dict:
    """In a forked process: the attributes ``names`` of the study being computed (they travel
    back by pickle; the study itself is inherited from the parent, never pickled)."""
    return {name: getattr(_BESIDE_STUDY, name) for name in names}


def _to_parquet(table: pd.DataFrame, path: Path) -> None:
    """Parquet with every object column that mixes types written as text."""
    data = table.copy()
    for column in data.columns:
        if data[column].dtype == object:
            kinds = {type(v) for v in data[column].dropna()}
            if len(kinds) > 1 or kinds - {str, bool}:
                data[column] = data[column].map(lambda v: v if v is None or isinstance(v, str) else str(v),
                                                na_action="ignore")
    data.to_parquet(path, index=False)


def analyze(source, *, actors=None, manifest=None, columns: dict | None = None, errors: str = "skip",
            progress=True, client=None, exclude=(), **settings) -> Study:
    """Load a corpus and make its :class:`Study` (the tables are computed when first read).

    Parameters
    ----------
    source : str, pathlib.Path, list or pandas.DataFrame
        As for :func:`toolkit.load_corpus`.
    actors : str, pathlib.Path or ActorDictionary, optional
        An actor dictionary; without one, the actors are found in the corpus
        (:func:`toolkit.discover_actors`; ``study.actor_list`` lists them, ``study.save``
        writes them as ``actors.yml`` to check and edit), unless ``discover=False``.
    manifest, columns, errors
        As for :func:`toolkit.load_corpus` (``errors`` defaults to "skip": every input is
        accounted for in ``study.load_log``).
    progress : callable, True or False, default True
        Called with a line of text as each long step starts and ends (loading, actors, events,
        facts, tone, the framing table, saving, each section of the report); ``True`` prints the
        lines to standard error (in a notebook, under the cell that computes the table);
        ``False`` or None: no lines.
    exclude : list of str or pathlib.Path, optional
        Paths inside the source folders that are not inputs, as for :func:`toolkit.load_corpus`
        (the report's own output, when it is written into the folder it reads).
    client : distributed.Client, optional
        A Dask cluster (the ``dask`` extra) to run the per-article stages and the tone towards
        actors on, in batches of whole articles; the tables are identical to a run in one
        process. For corpora larger than this machine's memory, see :func:`toolkit.analyze_partitioned`.
    **settings
        Fields of :class:`Settings` other than ``actors``; among them the filters ``start``,
        ``end`` (dates, both days included) and ``outlets`` (names): the articles left out are
        in ``study.load_log`` with the status "filtered".

    Returns
    -------
    Study

    Raises
    ------
    toolkit.InputError
        If no article could be loaded.
    ValueError
        For an unknown setting.

    Warns
    -----
    UserWarning
        When articles lack a publication date or an outlet, when outlet names were merged, or
        when inputs were skipped: what it changes, and how to give the field
        (:func:`toolkit.loading.corpus.load_warnings`).

    Examples
    --------
    >>> import toolkit
    >>> study = analyze(toolkit.sample_data_path(), actors=toolkit.sample_actors_path())
    >>> study.event_summary[["event", "articles", "outlets", "comparable"]].values.tolist()
    [['E1', 2, 2, True]]
    >>> study.coverage_profile[["outlet", "events", "numerator"]].values.tolist()
    [['AP wire copy', 1, 1], ['Morning Star', 1, 1]]
    """
    from .loading.corpus import load_corpus, load_warnings
    from .loading.encoding import InputError

    known = {f.name for f in fields(Settings)} - {"actors"}
    unknown = set(settings) - known
    if unknown:
        raise ValueError(f"unknown setting(s) {', '.join(sorted(unknown))}; valid: {', '.join(sorted(known))}")
    settings = check_settings(settings)
    check_choice("errors", errors, ("raise", "skip"))
    if progress is True:
        progress = print_progress
    dictionary = actors if isinstance(actors, ActorDictionary) or actors is None else load_actors(actors)
    started = time.perf_counter()
    corpus = load_corpus(source, manifest=manifest, columns=columns, errors=errors, exclude=exclude)
    if any(settings.get(name) is not None for name in ("start", "end", "outlets")):
        from .loading.filters import filter_corpus

        corpus = filter_corpus(corpus, start=settings.get("start"), end=settings.get("end"),
                               outlets=settings.get("outlets"))
    if progress:
        progress(f"load and clean: {len(corpus.articles):,} articles from {len(corpus.load_log):,} inputs, "
                 f"{time.perf_counter() - started:.1f} s")
    if corpus.articles.empty:
        skipped = corpus.load_log[corpus.load_log["status"] == "skipped"]
        raise InputError(f"no article could be loaded from {source}: " + "; ".join(
            (skipped["path"] + ": " + skipped["reason"]).head(3)) if len(skipped) else f"no article found in {source}")
    for message in load_warnings(corpus):       # missing dates or outlets, merged outlet names, skipped inputs
        warnings.warn(message, UserWarning, stacklevel=2)
    # the dictionary's file as an absolute path (a study is reopened from anywhere), or its name
    path = None if dictionary is None else str(Path(dictionary.source).resolve()) if dictionary.source else dictionary.name
    return Study(corpus, actors=dictionary, settings=Settings(actors=path, **settings), progress=progress,
                 client=client)


def open_study(folder: str | Path) -> Study:
    """Open a study saved with :meth:`Study.save`: its tables are read, not computed again.

    Every file is checked against the record in ``study.json`` (its size, hash, rows and
    columns) before it is read, and nothing outside the folder is read (see
    :mod:`toolkit.study_files`).

    Parameters
    ----------
    folder : str or pathlib.Path

    Returns
    -------
    Study

    A folder written by :func:`toolkit.cluster.analyze_partitioned` opens too: its per-article
    tables are read from their partitions, and the corpus-wide tables are computed when first
    read.

    Raises
    ------
    FileNotFoundError
        If the folder has no ``study.json``.
    toolkit.StudyError
        If ``study.json`` is malformed, a table is missing, damaged or not the one saved, or
        a partitioned run did not complete: the message names the file and what is wrong.
        A study saved by a version before files were recorded opens with its row counts checked;
        if its dictionary was kept outside its folder, the message says to copy it in.
    """
    from .loading.corpus import Corpus
    from .study_files import read_dictionary, read_meta, read_partitioned_tables, read_saved_tables

    folder = Path(folder)
    meta = read_meta(folder)
    partitioned = "partitions" in meta
    tables = read_partitioned_tables(folder, meta) if partitioned else read_saved_tables(folder, meta)
    actors = read_dictionary(folder, meta)
    # the dictionary is the folder's (a study saved before it was kept there may record its name only)
    settings = Settings(**{**meta["settings"], "actors": DICTIONARY if actors is not None else None})
    study = Study(Corpus(articles=tables["articles"], cleaning_log=tables["cleaning_log"],
                         load_log=tables["load_log"]), actors=actors, settings=settings)
    # the coded samples kept (read back and checked like every table); their validation is computed from them
    coded = tables.pop("coded", None)
    tables.pop("validation", None)
    if coded is not None and len(coded):
        study._coded = coded
    if not partitioned:
        study.__dict__.update(tables)
        return study
    # partitioned: per-article tables read, the rest computed when read
    per_article = ("sentences", "sentence_tone", "mentions", "quotes")
    study.__dict__["_per_article"] = {name: tables[name] for name in per_article}
    for name, table in tables.items():
        if name not in per_article and name != "articles":     # these two get their events when read
            study.__dict__[name] = table
    return study
