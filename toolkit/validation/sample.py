"""A random sample of the machine's labels to code by hand, with the context to judge each one.

Every automatic measure of a study (speakers of quotes, tone towards an actor, frames, roles,
omissions, events, coverage, discovered actors) is right only part of the time, and its errors may differ
between outlets. :func:`validation_sample` draws a simple random sample of each outlet's items of
one measure, reproducible from its ``seed``, and gives each item a question, its answer choices
and what a coder needs to judge it: the article's title, the sentence with the item marked
``[[...]]`` and the sentences before and after it. The outlet is hidden by default (a coder who
knows it may judge one outlet's items differently); it stays in the table's key columns so that
the answers can be joined back. :mod:`toolkit.validation.sheet` writes the sample as a CSV or
Excel sheet and reads the coded sheet back; :mod:`toolkit.validation.accuracy` measures the
machine per outlet.

Each measure (:data:`MEASURES`) says which study tables it reads, the coder's choices and which
answer means the machine was right: for *class* measures (tone, learned frames, roles, coverage)
the coder gives the label, and the machine is right when it gave the same; for *check* measures
(quotes, cue-word frames, omissions, events, discovered actors) the coder answers a question about the
machine's label, and one answer ("right" or "yes") means it was right.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd

from .._checks import check_choice, check_columns
from ..text.lookup import _around
from ..text.nlp import LONG_SENTENCE

Measure = Literal["quotes", "tone", "cue_frames", "learned_frames", "roles", "omissions", "events", "coverage",
                  "actors"]


@dataclass(frozen=True)
class MeasureSpec:
    """What one measure's items are, and how a coder answers.

    Attributes
    ----------
    tables : tuple of str
        The study tables it reads.
    choices : tuple of str
        The answers a coder may give.
    right : str or None
        The answer that means the machine was right; None: the answer is a label, compared with
        the machine's.
    whole_article : bool
        The item is judged on the whole article (the sample's ``article`` column holds it).
    """

    tables: tuple[str, ...]
    choices: tuple[str, ...]
    right: str | None
    whole_article: bool = False


#: The measures a sample can be drawn of.
MEASURES = {
    "quotes": MeasureSpec(("quotes", "sentences", "articles"), ("right", "wrong speaker", "not a quote"), "right"),
    "tone": MeasureSpec(("stance", "sentences", "articles"), ("negative", "neutral", "positive"), None),
    "cue_frames": MeasureSpec(("frame_sentences", "sentences", "articles"), ("yes", "no"), "yes"),
    "learned_frames": MeasureSpec(("learned_frames", "articles"), ("yes", "no"), None, whole_article=True),
    "roles": MeasureSpec(("roles", "articles"), ("hero", "villain", "victim", "none"), None, whole_article=True),
    "omissions": MeasureSpec(("omissions", "sentences", "articles"), ("yes", "no"), "yes", whole_article=True),
    "events": MeasureSpec(("events", "sentences", "articles"), ("yes", "no"), "yes"),
    "coverage": MeasureSpec(("coverage_units", "sentences", "articles"), ("reported", "not reported"), None,
                            whole_article=True),
    "actors": MeasureSpec(("actor_list", "sentences", "articles"), ("right", "wrong merge", "wrong type",
                                                                      "not an actor"), "right"),
}

#: The columns a coder sees, in order (``shown_outlet`` only with ``show_outlet=True``).
SHEET_COLUMNS = ["item_id", "measure", "question", "choices", "title", "before", "text", "after", "article", "coded",
                 "coder"]

#: The most characters of an article in the ``article`` column (a spreadsheet cell holds 32,767).
ARTICLE_CHARACTERS = 30_000

#: The columns that join an answer back to the machine's row: what the item is about (``subject``:
#: the actor of tone, roles and discovered actors, the frame of frames, the speaker of quotes, the
#: fact of omissions, the event of events), the outlet, the event, the article, the sentence, and
#: the row's position in the study table the measure reads (``row``).
KEY_COLUMNS = ["item_id", "measure", "machine", "subject", "outlet", "event", "article_id", "sentence", "row"]

OPEN, CLOSE = "[[", "]]"


def _nonempty(value) -> bool:
    return isinstance(value, str) and value != ""


# --- the items of each measure: key columns, question, and the span to mark ---------------------

def _quotes(tables) -> pd.DataFrame:
    quotes = tables["quotes"]
    speaker = quotes["speaker"].astype(object).where(quotes["speaker"].notna(), "(no speaker)")
    return pd.DataFrame({
        "machine": speaker, "subject": speaker, "outlet": quotes["outlet"], "event": quotes.get("event"),
        "article_id": quotes["article_id"], "sentence": quotes["sentence"],
        "last_sentence": quotes.get("last_sentence", quotes["sentence"]),
        "start": quotes["start"], "end": quotes["end"],
        "question": [f"Are the words in [[ ]] quoted from someone, and did {s} say them?" if s != "(no speaker)"
                     else "Are the words in [[ ]] quoted from someone whom the text does not name?" for s in speaker]})


def _tone(tables) -> pd.DataFrame:
    stance = tables["stance"]
    return pd.DataFrame({
        "machine": stance["label"], "subject": stance["actor"], "outlet": stance["outlet"],
        "event": stance.get("event"),
        "article_id": stance["article_id"], "sentence": stance["sentence"], "last_sentence": stance["sentence"],
        "start": stance["start"], "end": stance["end"],
        "question": [f"Is the text negative, neutral or positive towards {a} (named in [[ ]])?"
                     for a in stance["actor"]]})


def _cue_frames(tables) -> pd.DataFrame:
    rows = tables["frame_sentences"]
    events = _events_of(rows, tables)
    return pd.DataFrame({
        "machine": "yes", "subject": rows["frame"], "outlet": rows["outlet"], "event": events,
        "article_id": rows["article_id"],
        "sentence": rows["sentence"], "last_sentence": rows["sentence"], "start": pd.NA, "end": pd.NA,
        "question": [f"Does the sentence in [[ ]] use the frame '{label}'? (cue words found: {cues})"
                     for label, cues in zip(rows["label"], rows["evidence"])]})


def _learned_frames(tables) -> pd.DataFrame:
    rows = tables["learned_frames"]
    return pd.DataFrame({
        "machine": np.where(rows["present"].astype(bool), "yes", "no"), "subject": rows["frame"],
        "outlet": rows["outlet"],
        "event": rows.get("event"), "article_id": rows["article_id"], "sentence": pd.NA,
        "text": rows["evidence"].astype(object),
        "question": [f"Does the article use the frame '{label}'? (its sentences that weigh most are shown)"
                     for label in rows["label"]]})


def _roles(tables) -> pd.DataFrame:
    rows = tables["roles"]
    return pd.DataFrame({
        "machine": rows["role"], "subject": rows["actor"], "outlet": rows["outlet"], "event": rows.get("event"),
        "article_id": rows["article_id"], "sentence": pd.NA, "text": rows["evidence"].astype(object),
        "question": [f"Is {actor} the hero, the villain or the victim of this article, or none of them? "
                     "(the sentences behind the machine's label are shown)" for actor in rows["actor"]]})


def _omissions(tables) -> pd.DataFrame:
    rows = tables["omissions"]
    articles = tables["articles"]
    # the omitting outlet's article of the event: the nearest sentence's, else its first of the event
    first = articles.drop_duplicates(["event", "outlet"]).set_index(["event", "outlet"])["article_id"]
    fallback = first.reindex(pd.MultiIndex.from_frame(rows[["event", "outlet"]])).to_numpy()
    nearest = rows["nearest_article_id"].astype(object)
    known = nearest.map(_nonempty).to_numpy(dtype=bool) & rows["nearest_sentence"].notna().to_numpy()
    article = np.where(known, nearest.to_numpy(), fallback)
    body = tables["sentences"]
    lead = body[body["part"] == "body"].drop_duplicates("article_id").set_index("article_id")["sentence"]
    sentence = np.where(known, rows["nearest_sentence"].astype(object).to_numpy(),
                        lead.reindex(article).astype(object).to_numpy())
    return pd.DataFrame({
        "machine": "yes", "subject": rows["fact"].astype(str), "outlet": rows["outlet"], "event": rows["event"],
        "article_id": article,
        "sentence": sentence, "last_sentence": sentence, "start": pd.NA, "end": pd.NA,
        "question": [f"Another outlet reports: \u00ab{text}\u00bb Does this article leave that out? (judge the whole "
                     + f"article; its {'nearest' if near else 'first'} sentence is in [[ ]])"
                     for text, near in zip(rows["example_text"], known)]})


def _events(tables) -> pd.DataFrame:
    rows = tables["events"]
    body = tables["sentences"]
    body = body[body["part"] == "body"].drop_duplicates("article_id").set_index("article_id")
    # each article named by its title, or by its first sentence when it has none
    leads = body["text"].reindex(rows["article_id"]).fillna("").map(lambda t: t if len(t) <= 200 else t[:200] + "…")
    names = pd.Series(np.where(rows["title"].fillna("").to_numpy() != "", rows["title"].fillna("").to_numpy(),
                               leads.to_numpy()), index=rows.index)
    members = rows.assign(name=names).groupby("event")[["article_id", "name"]].agg(list)
    others = [[f"«{n}»" for a, n in zip(*members.loc[event]) if a != article][:3]
              for event, article in zip(rows["event"], rows["article_id"])]
    keep = np.array([len(o) > 0 for o in others], dtype=bool)     # an article alone in its event: nothing to check
    rows = rows[keep]
    others = [o for o, k in zip(others, keep) if k]
    sentence = body["sentence"].reindex(rows["article_id"]).to_numpy()
    return pd.DataFrame({
        "machine": rows["event"].to_numpy(), "subject": rows["event"].to_numpy(), "outlet": rows["outlet"].to_numpy(),
        "event": rows["event"].to_numpy(),
        "article_id": rows["article_id"].to_numpy(), "sentence": sentence, "last_sentence": sentence,
        "start": pd.NA, "end": pd.NA,
        "question": ["Is this article about the same event as these other articles of its group: " + " ".join(o) + "?"
                     for o in others]},
        index=rows.index)


def _coverage(tables) -> pd.DataFrame:
    units = tables["coverage_units"]
    units = units[~units["split"].astype(bool)]          # a likely split event: not counted, nothing to check
    articles = tables["articles"]
    # each event's (outlet, title) pairs, looked up once per unit (no table filtered per unit: a
    # hundred outlets x thousands of events)
    titled = articles[articles["title"].fillna("") != ""]
    reports = {event: list(zip(part["outlet"], part["title"])) for event, part in titled.groupby("event", sort=False)}
    others = [[f"\u00ab{t}\u00bb" for o, t in reports.get(event, []) if o != outlet][:3]
              for outlet, event in zip(units["outlet"], units["event"])]
    body = tables["sentences"]
    lead = body[body["part"] == "body"].drop_duplicates("article_id").set_index("article_id")["sentence"]
    article = units["article_id"].astype(object)
    shown = np.where(units["reported"].to_numpy() == 1, "its article in the event",
                     np.where(article.notna().to_numpy(), "its nearest article of nearby dates",
                              "no article of this outlet at nearby dates"))
    first = lead.reindex(article).to_numpy()          # the shown article's first body sentence
    return pd.DataFrame({
        "machine": np.where(units["reported"].to_numpy() == 1, "reported", "not reported"),
        "subject": units["event"].to_numpy(), "outlet": units["outlet"].to_numpy(), "event": units["event"].to_numpy(),
        "article_id": article.to_numpy(), "sentence": first, "last_sentence": first, "start": pd.NA, "end": pd.NA,
        "question": [f"Does this outlet report the event that other outlets report as {' '.join(o) or 'shown'}? "
                     f"Shown: {s} (judge the whole article)" for o, s in zip(others, shown)]},
        index=units.index)


def _actors(tables) -> pd.DataFrame:
    rows = tables["actor_list"]
    rows = rows[rows["source"] == "discovered"] if "source" in rows else rows.iloc[:0]
    articles = tables["articles"].set_index("article_id")
    article = rows["article_id"].astype(object)
    # the example sentence, with the first of the actor's names in it marked
    sentences = tables["sentences"].set_index(["article_id", "sentence"])
    found = sentences.reindex(pd.MultiIndex.from_arrays([article, rows["sentence"]]))
    starts, ends = [], []
    for forms, text, begin in zip(rows["forms"], found["text"], found["start"]):
        place = _first_of(str(forms).split(" | "), text if isinstance(text, str) else "")
        starts.append(pd.NA if place is None else int(begin) + place[0])
        ends.append(pd.NA if place is None else int(begin) + place[1])
    return pd.DataFrame({
        "machine": rows["actor"] + " (" + rows["type"].astype(str) + ")", "subject": rows["actor"],
        "outlet": articles["outlet"].reindex(article).to_numpy(),
        "event": articles["event"].reindex(article).to_numpy() if "event" in articles else pd.NA, "article_id": article,
        "sentence": rows["sentence"], "last_sentence": rows["sentence"], "start": starts, "end": ends,
        "question": [f"Are these names one actor, {actor!r}, of type {kind}, and is it an actor at all? "
                     f"Names: {forms}. (an example is in [[ ]])"
                     for actor, kind, forms in zip(rows["actor"], rows["type"], rows["forms"])]},
        index=rows.index)


def _first_of(forms: list[str], text: str) -> tuple[int, int] | None:
    """Where the first of ``forms`` found in ``text`` is (the longest form where two start alike)."""
    places = [(text.find(form), -len(form)) for form in forms if form and text.find(form) >= 0]
    if not places:
        return None
    start, length = min(places)
    return start, start - length


def _events_of(rows: pd.DataFrame, tables) -> pd.Series:
    if "event" in rows:
        return rows["event"]
    articles = tables["articles"]
    if "event" not in articles:
        return pd.Series(pd.NA, index=rows.index)
    return pd.Series(articles.set_index("article_id")["event"].reindex(rows["article_id"]).to_numpy(), index=rows.index)


_ITEMS = {"quotes": _quotes, "tone": _tone, "cue_frames": _cue_frames, "learned_frames": _learned_frames,
          "roles": _roles, "omissions": _omissions, "events": _events, "coverage": _coverage, "actors": _actors}


def _labelled(tables, measure: str) -> tuple[pd.DataFrame, dict]:
    """Every item of ``measure`` (with ``row``, its position in the measure's table) and the tables read."""
    check_choice("measure", measure, Measure)
    spec = MEASURES[measure]
    missing = [name for name in spec.tables if name not in tables]
    if missing:
        raise ValueError(f"measure {measure!r} needs the table(s) {', '.join(missing)}")
    tables = {name: tables[name] for name in spec.tables}
    tables[spec.tables[0]] = tables[spec.tables[0]].reset_index(drop=True)    # row: the position in it
    items = _ITEMS[measure](tables)
    items.insert(0, "row", items.index)
    return items.reset_index(drop=True), tables


def machine_labels(tables, measure: Measure) -> pd.DataFrame:
    """The machine's label of every item of a measure: the corpus that a coded sample corrects.

    Parameters
    ----------
    tables : mapping of str to pandas.DataFrame
        As for :func:`validation_sample`.
    measure : str
        One of :data:`MEASURES`.

    Returns
    -------
    pandas.DataFrame
        One row per item: ``row`` (its position in the measure's study table, as in a
        sample's key), ``machine``, ``subject``, ``outlet``, ``event``, ``article_id``.

    Examples
    --------
    >>> stance = pd.DataFrame({"article_id": ["a", "b"], "outlet": ["X", "Y"], "sentence": [0, 0],
    ...                        "actor": ["Ann", "Bo"], "start": [0, 0], "end": [3, 2],
    ...                        "label": ["negative", "neutral"]})
    >>> machine_labels({"stance": stance, "sentences": None, "articles": None}, "tone").values.tolist()
    [[0, 'negative', 'Ann', 'X', None, 'a'], [1, 'neutral', 'Bo', 'Y', None, 'b']]
    """
    items, _ = _labelled(tables, measure)
    return items[["row", "machine", "subject", "outlet", "event", "article_id"]]


#: Why a measure may have no items, for the warning.
_WHY_EMPTY = {
    "quotes": ": no actors, or no quotes found", "tone": ": no actors (give a dictionary, or let the study find them)",
    "roles": ": no actors (give a dictionary, or let the study find them)",
    "omissions": ": no fact that two other outlets report and one leaves out",
    "events": ": no event of more than one article", "coverage": ": no event reported by two outlets or more",
    "actors": ": the actors were given, not discovered"}


# --- drawing -----------------------------------------------------------------------------------

def _draw(items: pd.DataFrame, *, n: int, by: list[str], seed: int) -> pd.DataFrame:
    """``n`` items of each group of ``by`` (all of a smaller group), drawn at random without
    replacement, then shuffled together (so that a sheet's order does not give the outlet away)."""
    rng = np.random.default_rng(seed)
    if not by:
        chosen = rng.choice(len(items), size=min(n, len(items)), replace=False)
        return items.iloc[np.sort(chosen)]
    missing = items[by].isna().any(axis=1)
    if missing.any():
        raise ValueError(f"{int(missing.sum())} item(s) have no {' or '.join(by)}: they cannot be drawn by "
                         f"{by!r} (e.g. row(s) {_listed(items.index[missing])}); use by=None")
    picked, small = [], []
    for name, group in items.groupby(by, sort=True):
        if len(group) < n:
            small.append(f"{name if len(by) > 1 else name[0]} ({len(group)})")
        picked.extend(group.index[np.sort(rng.choice(len(group), size=min(n, len(group)), replace=False))])
    if small:
        warnings.warn(f"{len(small)} group(s) have fewer than n={n} items; all their items are in the sample: "
                      f"{', '.join(map(str, small[:10]))}{' and more' if len(small) > 10 else ''}", UserWarning,
                      stacklevel=3)
    return items.loc[picked].iloc[rng.permutation(len(picked))]


def _listed(values, limit: int = 5) -> str:
    values = list(values)
    return ", ".join(map(str, values[:limit])) + (f" and {len(values) - limit} more" if len(values) > limit else "")


# --- context -----------------------------------------------------------------------------------

def _marked(text: str, start: int, end: int) -> str:
    """``text`` with ``[start, end)`` between the markers, cut around it when over-long."""
    start, end = max(0, min(start, len(text))), max(0, min(end, len(text)))
    text = text[:start] + OPEN + text[start:end] + CLOSE + text[end:]
    if len(text) > LONG_SENTENCE:
        first, last = _around(start, end + len(OPEN) + len(CLOSE))
        text = ("\u2026" if first else "") + text[first:last] + ("\u2026" if last < len(text) else "")
    return text


def _short(text) -> str:
    if not isinstance(text, str):
        return ""
    return text if len(text) <= LONG_SENTENCE else text[:2 * 500] + "\u2026"


def _context(items: pd.DataFrame, tables) -> pd.DataFrame:
    """``title``, ``before``, ``text`` and ``after`` of each item."""
    articles = tables["articles"].set_index("article_id")
    titles = articles["title"].reindex(items["article_id"]).fillna("").tolist()
    before, text, after = [], [], []
    sentences = tables.get("sentences")
    by_article = {}
    if sentences is not None and "sentence" in items and items["sentence"].notna().any():
        wanted = sentences[sentences["article_id"].isin(set(items["article_id"].dropna()))]
        by_article = {a: s.sort_values("sentence").set_index("sentence") for a, s in wanted.groupby("article_id")}
    for row in items.itertuples(index=False):
        if pd.isna(getattr(row, "sentence", pd.NA)) or row.article_id not in by_article:
            before.append("")
            text.append(_short(getattr(row, "text", "")))
            after.append("")
            continue
        rows = by_article[row.article_id]
        first, last = int(row.sentence), int(row.last_sentence)
        span = (int(row.start), int(row.end)) if pd.notna(row.start) else None
        numbers = [n for n in rows.index if first <= n <= last] or ([first] if first in rows.index else [])
        texts = [str(rows.loc[n, "text"]) for n in numbers]
        joined = " ".join(texts)
        if span is None:
            text.append(OPEN + _short(joined) + CLOSE)
        else:
            # the span's offsets in the article, as offsets in the sentences joined by spaces
            places, offset = [], 0
            for number, body in zip(numbers, texts):
                begin = int(rows.loc[number, "start"])
                places.append((begin, offset, len(body)))
                offset += len(body) + 1
            low = min((o + min(max(span[0] - b, 0), n) for b, o, n in places if span[0] < b + n), default=len(joined))
            high = max((o + max(min(span[1] - b, n), 0) for b, o, n in places if span[1] > b), default=low)
            text.append(_marked(joined, low, max(low, high)))
        body_numbers = [n for n in rows.index if rows.loc[n, "part"] == "body"] if "part" in rows else list(rows.index)
        earlier = [n for n in body_numbers if n < first and first >= 0]
        later = [n for n in body_numbers if n > last]
        before.append(_short(rows.loc[earlier[-1], "text"]) if earlier else "")
        after.append(_short(rows.loc[later[0], "text"]) if later else "")
    return pd.DataFrame({"title": titles, "before": before, "text": text, "after": after}, index=items.index)


def _articles(items: pd.DataFrame, articles: pd.DataFrame) -> list[str]:
    """The text of each item's article (cut at :data:`ARTICLE_CHARACTERS`, marked "…")."""
    texts = articles.set_index("article_id")["text"].reindex(items["article_id"]).fillna("")
    return [t if len(t) <= ARTICLE_CHARACTERS else t[:ARTICLE_CHARACTERS] + "\u2026" for t in texts]


# --- the sample --------------------------------------------------------------------------------

def validation_sample(tables, measure: Measure, *, n: int = 30, by: str | list[str] | None = "outlet",
                      seed: int = 0, show_outlet: bool = False) -> pd.DataFrame:
    """A random sample of one measure's items to code by hand, with the context to judge each one.

    Parameters
    ----------
    tables : mapping of str to pandas.DataFrame
        The study tables the measure reads (``MEASURES[measure].tables``; a :class:`toolkit.Study`
        gives them: :meth:`toolkit.Study.validation_sample`).
    measure : {"quotes", "tone", "cue_frames", "learned_frames", "roles", "omissions", "events", "coverage", "actors"}
        ``quotes``: a quote and its speaker (right / wrong speaker / not a quote); ``tone``: the
        tone towards the actor of a mention (negative / neutral / positive); ``cue_frames``: a
        sentence with a frame's cue word (does it use the frame?); ``learned_frames``: an article
        and a frame (does it use it?); ``roles``: an actor's narrative role in an article (hero /
        villain / victim / none); ``omissions``: a fact an outlet leaves out (does it?);
        ``events``: an article grouped into an event with others (same event?); ``coverage``: an
        outlet and an event others report (does it report it too? reported / not reported, its
        article in the event or its nearest article of nearby dates shown); ``actors``: an
        actor found automatically (right / wrong merge / wrong type / not an actor; its outlet is
        that of its example sentence).
    n : int, default 30
        Items drawn from each group of ``by`` (all the items of a smaller group, with a warning).
    by : str, list of str or None, default "outlet"
        The groups drawn from separately (a stratified sample: each outlet's items are a simple
        random sample of that outlet's, as :func:`corrected_shares` assumes); ``["outlet",
        "event"]`` draws ``n`` from each outlet in each event; None: ``n`` from all the items.
    seed : int, default 0
        The same seed draws the same sample from the same tables.
    show_outlet : bool, default False
        Show the coder each item's outlet (column ``shown_outlet``). Hidden by default: a coder
        who knows the outlet may judge its items differently.

    Returns
    -------
    pandas.DataFrame
        One row per item, in random order: :data:`SHEET_COLUMNS` (``item_id`` as
        ``<measure>-001``, ``measure``, ``question``, ``choices`` joined by " / ", ``title``,
        ``before``, ``text`` with the item marked ``[[...]]``, ``after``, ``article`` (the whole
        article, for the measures judged on it: learned frames, roles, omissions; else empty),
        ``coded`` and ``coder`` empty), ``shown_outlet`` with ``show_outlet=True``, then the key: ``machine`` (the
        machine's label), ``subject`` (the actor, frame, speaker, fact or event the item is
        about), ``outlet``, ``event``, ``article_id``, ``sentence``, ``row`` (the item's position
        in the measure's study table, ``MEASURES[measure].tables[0]``).

    Raises
    ------
    ValueError
        For an unknown measure, a table the measure needs that is missing, ``n`` below 1, or
        items with no value of ``by``.

    Examples
    --------
    >>> import toolkit
    >>> study = toolkit.analyze(toolkit.sample_data_path(), actors=toolkit.sample_actors_path(), progress=False)
    >>> sample = study.validation_sample("tone", n=2, seed=1)
    >>> sample[["item_id", "machine", "subject", "outlet"]].values.tolist()    # doctest: +NORMALIZE_WHITESPACE
    [['tone-001', 'negative', 'European governments', 'AP wire copy'],
     ['tone-002', 'negative', 'Russia', 'AP wire copy'], ['tone-003', 'neutral', 'India', 'Morning Star'],
     ['tone-004', 'neutral', 'Volodymyr Zelenskyy', 'Morning Star']]
    >>> sample["text"].iloc[0][:36]
    'Many [[European leaders]] worry that'
    """
    check_choice("measure", measure, Measure)
    if not isinstance(n, (int, np.integer)) or isinstance(n, bool) or n < 1:
        raise ValueError(f"n={n!r} must be a whole number of at least 1 (items drawn from each group)")
    spec = MEASURES[measure]
    by = [] if by is None else [by] if isinstance(by, str) else list(by)
    items, tables = _labelled(tables, measure)
    if items.empty:
        warnings.warn(f"measure {measure!r} has no items in these tables (its table "
                      f"{spec.tables[0]!r} is empty{_WHY_EMPTY.get(measure, '')}): the sample is empty", UserWarning,
                      stacklevel=2)
    check_columns(items, by, what=f"the items of {measure!r}")
    drawn = _draw(items, n=n, by=by, seed=seed)
    context = _context(drawn, tables)
    out = pd.DataFrame({
        "item_id": [f"{measure}-{i:03d}" for i in range(1, len(drawn) + 1)], "measure": measure,
        "question": drawn["question"].to_numpy(), "choices": " / ".join(spec.choices),
        "title": context["title"].to_numpy(), "before": context["before"].to_numpy(),
        "text": context["text"].to_numpy(), "after": context["after"].to_numpy(),
        "article": _articles(drawn, tables["articles"]) if spec.whole_article else "", "coded": "", "coder": ""})
    if show_outlet:
        out["shown_outlet"] = drawn["outlet"].to_numpy()
    for column in KEY_COLUMNS[2:]:
        values = drawn[column].to_numpy() if column in drawn else pd.NA
        out[column] = values
    out["sentence"] = pd.array(out["sentence"], dtype="Int64")
    out["row"] = out["row"].astype("int64")
    return out
