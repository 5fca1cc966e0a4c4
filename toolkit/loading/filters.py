"""Keep the articles of a period and of some outlets; every article left out stays in the load log."""

from __future__ import annotations

import pandas as pd

from .corpus import Corpus
from .encoding import InputError

#: The status, in the load log, of an article left out by a filter.
FILTERED = "filtered"


def _bound(name: str, value) -> pd.Timestamp | None:
    if value is None or value == "":
        return None
    try:
        stamp = pd.Timestamp(value)
    except (ValueError, TypeError):
        stamp = pd.NaT
    if pd.isna(stamp):
        raise ValueError(f"{name}={value!r} is not a date; write it as YYYY-MM-DD")
    return stamp.tz_convert("UTC").tz_localize(None) if stamp.tzinfo else stamp


def filter_corpus(corpus: Corpus, *, start=None, end=None, outlets=None) -> Corpus:
    """Keep the articles published from ``start`` to ``end`` and written by ``outlets``.

    Parameters
    ----------
    corpus : Corpus
        As :func:`toolkit.load_corpus` returns it.
    start, end : str or datetime-like, optional
        The first and last day kept, both included (``"2019-01-31"`` keeps the whole day; a
        time keeps up to that time). Dates are compared in UTC, as the loader stores them.
        With either bound, an article without a date cannot be placed and is left out.
    outlets : list of str, optional
        The outlets kept, by their names in the corpus.

    Returns
    -------
    Corpus
        The articles kept and their cleaning log; in the load log, every article left out has
        the status "filtered" and the reason first (``published 2010-07-02, before the start
        2011-01-01``; ``outlet 'X' not among the outlets chosen``; ``no date, and a period was
        chosen``), then what loading noted.

    Raises
    ------
    ValueError
        If a bound is not a date, ``start`` is after ``end``, or an outlet is not in the
        corpus (the message lists the outlets it has).
    toolkit.InputError
        If no article is left.

    Examples
    --------
    >>> from toolkit import load_corpus, sample_data_path
    >>> kept = filter_corpus(load_corpus(sample_data_path()), outlets=["Morning Star"])
    >>> kept.articles["outlet"].tolist(), kept.load_log["status"].tolist()
    (['Morning Star'], ['loaded', 'filtered'])
    """
    first, last = _bound("start", start), _bound("end", end)
    if last is not None and last == last.normalize():
        last = last + pd.Timedelta(days=1) - pd.Timedelta(1, "ns")   # a day: the whole of it
    if first is not None and last is not None and first > last:
        raise ValueError(f"start={start!r} is after end={end!r}")
    articles = corpus.articles
    reasons = pd.Series("", index=articles.index)
    if outlets is not None:
        outlets = [outlets] if isinstance(outlets, str) else list(outlets)
        present = set(articles["outlet"])
        unknown = [o for o in outlets if o not in present]
        if unknown:
            raise ValueError(f"outlets: {', '.join(map(repr, unknown))} not in the corpus; its outlets are "
                             f"{', '.join(map(repr, sorted(present, key=str)))}")
        reasons = reasons.mask(~articles["outlet"].isin(outlets),
                               "outlet " + articles["outlet"].map(repr) + " not among the outlets chosen")
    if first is not None or last is not None:
        published = articles["published"]
        day = published.dt.strftime("%Y-%m-%d")
        reasons = reasons.mask((reasons == "") & published.isna(), "no date, and a period was chosen")
        if first is not None:
            reasons = reasons.mask((reasons == "") & (published < first),
                                   "published " + day + f", before the start {start}")
        if last is not None:
            reasons = reasons.mask((reasons == "") & (published > last), "published " + day + f", after the end {end}")
    out = reasons != ""
    if not out.any():
        return corpus
    if out.all():
        dates = articles["published"].dropna()
        span = f"published {dates.min():%Y-%m-%d} to {dates.max():%Y-%m-%d}" if len(dates) else "none dated"
        chosen = ", ".join(f"{k}={v!r}" for k, v in (("start", start), ("end", end), ("outlets", outlets)) if v)
        raise InputError(f"no article is left after the filters ({chosen}): the corpus has {len(articles):,} "
                         f"article(s), {span}, from {', '.join(sorted(map(str, set(articles['outlet']))))}")
    dropped = dict(zip(articles.loc[out, "article_id"], reasons[out]))
    log = corpus.load_log.copy()
    hit = log["article_id"].isin(dropped)
    log.loc[hit, "status"] = FILTERED
    log.loc[hit, "reason"] = [dropped[a] + (f"; {r}" if isinstance(r, str) and r else "")
                              for a, r in zip(log.loc[hit, "article_id"], log.loc[hit, "reason"])]
    kept = articles[~out].reset_index(drop=True)
    cleaning = corpus.cleaning_log[corpus.cleaning_log["article_id"].isin(kept["article_id"])].reset_index(drop=True)
    return Corpus(articles=kept, cleaning_log=cleaning, load_log=log)
