"""Same event, different story: which sentences of different outlets report the same fact.

Each sentence becomes a TF-IDF vector (scikit-learn) of its content words, Porter-stemmed
(NLTK, no data download) so that "territory" and "territories" meet, with every actor mention
replaced by its actor (given a mentions table) so that "Kiev" and "Kyiv", "Zelensky" and
"Zelenskyy" count as the same word. Two sentences are similar when their vectors point the same
way (cosine similarity, 0 to 1). For each sentence, its nearest sentences in every other outlet
are found with scikit-learn's sparse nearest-neighbour search, so no dense sentence × sentence
matrix is built, and pairs at or above a threshold are kept (:func:`align`). Facts are built
from those pairs by average-link clustering with at most one sentence per article
(:mod:`toolkit.compare.facts`; :func:`coverage`, :func:`compare_sentences`).

What it measures is shared wording about shared things (actors, places, numbers, rare words),
not meaning: a paraphrase with no word in common is missed, and two different strikes in the
same region can look alike. Every pair comes with the actors, numbers and words the two
sentences share, so that a reader can judge it. Validation of the pairs on hand-annotated
article pairs (``data/gold/alignment/README.md``; thresholds chosen on the sample corpus, then
two held-out pairs scored once): pair precision 0.67 and 0.60, same-fact recall 0.78 and 0.64.
The facts are measured on fact gold standards by ``python -m devtools.fact_eval`` (the
figures are in :mod:`toolkit.compare.facts`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property, lru_cache

import numpy as np
import pandas as pd

from .._checks import check_columns, in_range
from ..text.normalize import _WORD, term, terms
from .facts import LINK, OTHER_WORDS, cluster_facts, furniture_reason, may_join

#: Words that carry no fact: English function words (scikit-learn's list) and reporting words.
_REPORTING = frozenset("""said say says saying told tell tells according added adds also would could
    mr mrs ms dr just like told reportedly""".split())

#: Number words, so that "four regions" and "4 regions" meet ("one" is left out: "one thing").
_NUMBER_WORDS = {w: str(i) for i, w in enumerate(
    "two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty".split(), start=2)}
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*|\b(?:" + "|".join(_NUMBER_WORDS) + r")\b", re.IGNORECASE)

#: Default thresholds of :func:`align` and :func:`coverage` (chosen on the sample corpus's gold).
THRESHOLD = 0.15
MUTUAL_THRESHOLD = 0.12

#: The columns of :func:`align`.
ALIGN_COLUMNS = ["article_id_a", "outlet_a", "sentence_a", "text_a", "article_id_b", "outlet_b", "sentence_b",
                 "text_b", "similarity", "mutual", "shared_actors", "shared_numbers", "shared_words", "method"]


@lru_cache(maxsize=None)
def _stem(word: str) -> str:
    return _porter().stem(word)


@lru_cache(maxsize=1)
def _porter():
    from nltk.stem.porter import PorterStemmer

    return PorterStemmer()


@lru_cache(maxsize=1)
def _stop_words() -> frozenset:
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    return frozenset(ENGLISH_STOP_WORDS) | _REPORTING


def numbers(text: str) -> list[str]:
    """The numbers a text states, as digits ("four" is "4"; "12-year-old" gives "12").

    Examples
    --------
    >>> numbers("Four regions, 12-year-old boy, 1,200 drones")
    ['4', '12', '1200']
    """
    return [_NUMBER_WORDS.get(m.group().lower(), m.group().replace(",", "")) for m in _NUMBER.finditer(text)]


def content_words(text: str, actors=()) -> list[str]:
    """The features of a sentence: stemmed content words, its actors and its numbers.

    Parameters
    ----------
    text : str
        The sentence, with the actor mentions already cut out (see :func:`align`).
    actors : iterable of str
        The actors mentioned in the sentence; each becomes one feature ``"@actor"``.

    Returns
    -------
    list of str

    Examples
    --------
    >>> content_words("They said the territories were taken", actors=["Kyiv"])
    ['territori', 'taken', '@Kyiv']
    """
    return _analysed(text, actors)[0]


def _analysed(text: str, actors=()) -> tuple[list[str], dict[str, str]]:
    """The features of a text (:func:`content_words`) and a surface form of each stem: the first,
    in lower case unless the word is capitalized where a sentence cannot begin (a name; a word in
    capitals of more than five letters is emphasis, not an acronym).

    Examples
    --------
    >>> _analysed("Fires hit Oszmar. The Oszmar fire spread.")[1]
    {'fire': 'fires', 'hit': 'hit', 'oszmar': 'Oszmar', 'spread': 'spread'}
    """
    stop = _stop_words()
    words, surfaces, named = [], {}, set()
    for position, word in enumerate(_WORD.findall(text)):
        counted = term(word)
        if counted in stop or _NUMBER.fullmatch(counted):
            continue
        stem = _stem(counted)
        words.append(stem)
        cased = word[:len(counted)]
        # capitalized where no sentence begins: a name; all in capitals only if short (NATO, not RUSSIAN)
        if position and cased[:1].isupper() and stem not in named and not (cased.isupper() and len(cased) > 5):
            surfaces[stem] = cased
            named.add(stem)
        else:
            surfaces.setdefault(stem, counted)
    return words + [f"@{a}" for a in actors] + [f"#{n}" for n in numbers(text)], surfaces


def _content_terms(text: str) -> list[str]:
    """The terms of a text that carry content: no function or reporting words, no numbers."""
    stop = _stop_words()
    return [w for w in terms(text) if w not in stop and not _NUMBER.fullmatch(w)]


def _features(sentences: pd.DataFrame, mentions: pd.DataFrame | None) -> tuple[list, list[set], list[str], list[dict]]:
    """Features, actor sets, the text with mentions cut out and the surface form of each stem,
    one per sentence."""
    spans: dict = {}
    if mentions is not None and len(mentions):
        check_columns(mentions, ["article_id", "sentence", "actor", "start", "end"], what="the mentions table")
        # each sentence's mentions, in one pass over the columns (not one table per sentence)
        for key, span in zip(zip(mentions["article_id"].to_numpy(dtype=object), mentions["sentence"].to_numpy()),
                             zip(mentions["start"].to_numpy(), mentions["end"].to_numpy(),
                                 mentions["actor"].to_numpy(dtype=object))):
            spans.setdefault(key, []).append(span)
        for found in spans.values():
            found.sort()
    features, actor_sets, texts, surfaces = [], [], [], []
    for article_id, number, start, text in zip(sentences["article_id"], sentences["sentence"], sentences["start"],
                                               sentences["text"]):
        found = spans.get((article_id, number), [])
        if found:
            pieces, at = [], 0
            for s, e, _ in found:
                pieces.append(text[at:max(at, s - start)])
                at = max(at, e - start)
                at += 2 if text[at:at + 2] in ("'s", "\u2019s") else 0
            pieces.append(text[at:])
            text = " ".join(pieces)
        actors = sorted({a for _, _, a in found})
        words, forms = _analysed(text, actors)
        features.append(words)
        surfaces.append(forms)
        actor_sets.append(set(actors))
        texts.append(text)
    return features, actor_sets, texts, surfaces


def _surfaces(text: str) -> dict[str, str]:
    """First surface form of each stem in a text."""
    return _analysed(text)[1]


class _Candidates:
    """The nearest cross-outlet sentences of every sentence, computed once."""

    def __init__(self, sentences, mentions, within, top):
        group = "outlet"
        check_columns(sentences, ["article_id", group, "sentence", "start", "text"], what="the sentences table")
        if top < 1:
            raise ValueError(f"top must be at least 1, not {top!r}")
        self.outlets = sorted(sentences[group].dropna().unique())
        if len(self.outlets) < 2:
            found = ", ".join(map(repr, self.outlets)) or "none"
            raise ValueError(f"comparing outlets needs sentences from at least two values of {group!r}; "
                             f"found {found}")
        self.data = sentences.reset_index(drop=True)
        self.group = group
        self.features, self.actors, self.texts, self._surfaces = _features(self.data, mentions)
        # fragments, credit lines and bylines carry no fact: no features, so they pair with nothing
        self.excluded = [furniture_reason(text) for text in self.data["text"]]
        self.features = [[] if why else words for why, words in zip(self.excluded, self.features)]
        self.labels = self.data[group].to_numpy()
        # blocks of sentences compared with each other (one, or one per value of ``within``)
        self.blocks = [self.data.index.to_numpy()] if within is None else [
            idx.to_numpy() for idx in self.data.groupby(within, sort=True).groups.values()]
        self.block_of = np.zeros(len(self.data), dtype=np.int64)
        for number, block in enumerate(self.blocks):
            self.block_of[block] = number
        self.block_outlets = [sorted(set(self.labels[block]), key=str) for block in self.blocks]
        self.similarity: dict[tuple[int, int], float] = {}
        self.nearest: dict[tuple[int, str], tuple[int, float]] = {}
        if not any(self.features):
            return
        from sklearn.feature_extraction.text import TfidfVectorizer

        self.vectorizer = TfidfVectorizer(analyzer=lambda f: f, sublinear_tf=True)
        self.vectors = self.vectorizer.fit_transform(self.features)
        labels = self.labels
        for block, present in zip(self.blocks, self.block_outlets):
            if len(present) < 2:
                continue
            if len(block) <= DENSE_BLOCK:
                self._dense_block(block, present, top)
                continue
            for a in present:
                rows_a = block[labels[block] == a]
                for b in present:
                    if a != b:
                        self._keep(_nearest(self.vectors, rows_a, block[labels[block] == b], top), a, b)

    def _keep(self, found, a, b):
        """Record the nearest sentences of outlet b found for sentences of outlet a."""
        for query, neighbour, sim in found:
            self.nearest.setdefault((query, b), (neighbour, sim))
            if sim > 0:
                key = (query, neighbour) if a < b else (neighbour, query)
                self.similarity[key] = sim

    def _dense_block(self, block: np.ndarray, present: list, top: int):
        """All similarities of a small block (an event) at once, then the nearest per outlet."""
        vectors = self.vectors[block]
        sims = (vectors @ vectors.T).toarray()
        labels = self.labels[block]
        for b in present:
            columns = np.flatnonzero(labels == b)
            k = min(top, len(columns))
            order = np.argsort(-sims[:, columns], axis=1, kind="stable")[:, :k]
            for a in present:
                if a == b:
                    continue
                rows = np.flatnonzero(labels == a)
                found = ((int(block[r]), int(block[columns[j]]), float(sims[r, columns[j]]))
                         for r in rows for j in order[r])
                self._keep(found, a, b)

    @cached_property
    def names(self) -> np.ndarray:
        """The feature names of the vectors' columns (computed once: sklearn sorts the vocabulary)."""
        return self.vectorizer.get_feature_names_out()

    def mutual(self, x: int, y: int) -> bool:
        """Whether each of two sentences is the other's nearest in its outlet."""
        gx, gy = self.labels[x], self.labels[y]
        return self.nearest.get((x, gy), (None,))[0] == y and self.nearest.get((y, gx), (None,))[0] == x

    def kept(self, threshold: float, mutual_threshold: float) -> list[tuple[int, int, float, bool]]:
        """The pairs at or above ``threshold``, or mutual nearest at or above ``mutual_threshold``."""
        if not in_range(threshold, 0, 1) or not in_range(mutual_threshold, 0, 1):
            raise ValueError(f"threshold and mutual_threshold must be between 0 and 1, not {threshold!r} "
                             f"and {mutual_threshold!r}")
        out = []
        for (x, y), sim in self.similarity.items():
            mutual = self.mutual(x, y)
            if sim >= threshold or (mutual and sim >= mutual_threshold):
                out.append((x, y, sim, mutual))
        return out

    def surfaces(self, i: int) -> dict[str, str]:
        """The first surface form of each stem of sentence ``i``."""
        return self._surfaces[i]

    def shared(self, x: int, y: int) -> dict:
        """The evidence of a pair: shared actors, numbers and words."""
        sa, sb = self.surfaces(x), self.surfaces(y)
        return {"shared_actors": ", ".join(sorted(self.actors[x] & self.actors[y])),
                "shared_numbers": ", ".join(sorted({f[1:] for f in self.features[x] if f[0] == "#"}
                                                   & {f[1:] for f in self.features[y] if f[0] == "#"},
                                                   key=lambda n: (float(n), n))),   # "09" before "9", whatever the set order
                "shared_words": ", ".join(sa[s] for s in sa if s in sb)}


def _method(threshold: float, mutual_threshold: float, top: int, mentions, link: float | None = None) -> str:
    """How a pairing (and, with ``link``, a fact) was made, recorded in every row (DESIGN:
    results record their method)."""
    return (f"tfidf-cosine threshold={threshold} mutual_threshold={mutual_threshold} top={top}"
            f"{' actors' if mentions is not None else ''}"
            f"{'' if link is None else f' average-link={link} one-sentence-per-article'}")


def align(sentences: pd.DataFrame, *, mentions: pd.DataFrame | None = None, within: str | None = None, threshold: float = THRESHOLD, mutual_threshold: float = MUTUAL_THRESHOLD,
          top: int = 3) -> pd.DataFrame:
    """Pair the sentences of different outlets that report the same fact or event.

    Parameters
    ----------
    sentences : pandas.DataFrame
        The sentences table (:func:`toolkit.split_sentences`). Every part counts: a headline
        reports a fact too (its sentence number is -1, captions -2, -3, ...); pass
        :func:`toolkit.body_of` of the table to align the bodies only.
    mentions : pandas.DataFrame, optional
        The mentions table (:func:`toolkit.find_mentions`): each mention then counts as its
        actor, whatever the spelling, and the pairs list the actors they share.
    within : str, optional
        A column (an event from :func:`group_events` merged onto the sentences, a date):
        sentences are paired only within the same value. Default: all of them.
    threshold : float, default 0.15
        The least cosine similarity for a pair to be kept.
    mutual_threshold : float, default 0.12
        Two sentences that are each other's nearest sentence in the other outlet are kept from
        this lower similarity (a single shared rare word, as in "territory").
    top : int, default 3
        How many nearest sentences of each other outlet to consider for each sentence.

    Returns
    -------
    pandas.DataFrame
        One row per pair of sentences (each pair once, ``a`` from the outlet that sorts first):
        with ``within``, its value first (the pair's event), then ``article_id_a``, ``outlet_a``, ``sentence_a``, ``text_a``, the same for ``b``,
        ``similarity`` (cosine, 0-1), ``mutual`` (each is the other's nearest sentence in its
        outlet), ``shared_actors``, ``shared_numbers`` and ``shared_words`` (comma-separated,
        the evidence of the match) and ``method`` (the similarity, thresholds and whether actors
        were used). Sorted by ``outlet_a``, ``article_id_a``, ``sentence_a``, then similarity.

    Raises
    ------
    ValueError
        If there are fewer than two outlets, a threshold is outside 0-1, or ``top`` is below 1.

    Notes
    -----
    The thresholds were chosen on the annotated alignment of the sample corpus and then
    checked once on two held-out pairs of articles (``data/gold/alignment/README.md``).

    Examples
    --------
    >>> import toolkit
    >>> articles = toolkit.load_articles(toolkit.sample_data_path())
    >>> sentences = toolkit.split_sentences(articles, parts=("body",))
    >>> mentions = toolkit.find_mentions(sentences, toolkit.load_actors(toolkit.sample_actors_path()))
    >>> pairs = align(sentences, mentions=mentions)
    >>> pairs.loc[pairs["sentence_b"] == 1, ["sentence_a", "shared_actors"]].head(1).values.tolist()
    [[41, 'Dnipropetrovsk region, Ukraine, Vladyslav Haivanenko']]
    """
    found = _Candidates(sentences, mentions, within, top)
    return _pairs_table(found, found.kept(threshold, mutual_threshold), within,
                        _method(threshold, mutual_threshold, top, mentions))


def _pairs_table(found: _Candidates, kept: list, within: str | None, method: str) -> pd.DataFrame:
    """The table of :func:`align` from the pairs kept."""
    x = np.array([k[0] for k in kept], dtype=int)
    y = np.array([k[1] for k in kept], dtype=int)
    columns = {within: found.data[within].to_numpy()[x]} if within is not None else {}
    for side, rows in (("a", x), ("b", y)):
        for name in ("article_id", "outlet", "sentence", "text"):
            columns[f"{name}_{side}"] = found.data[name].to_numpy()[rows]
    shared = [found.shared(i, j) for i, j in zip(x, y)]
    table = pd.DataFrame({**columns, "similarity": [k[2] for k in kept], "mutual": [k[3] for k in kept],
                          **{k: [s[k] for s in shared] for k in ("shared_actors", "shared_numbers", "shared_words")},
                          "method": method},
                         columns=([within] if within is not None else []) + ALIGN_COLUMNS)
    table = table.sort_values(["outlet_a", "article_id_a", "sentence_a", "similarity"],
                              ascending=[True, True, True, False], kind="stable")
    return table.reset_index(drop=True)


#: Blocks (events) up to this many sentences are compared all at once (a dense block x block
#: matrix, 128 MB at most); larger ones by nearest-neighbour search per pair of outlets.
DENSE_BLOCK = 4000

#: Memory (MB) for each block of the nearest-neighbour search: scikit-learn's default (1 GB)
#: made grouping 10,000 near-duplicate articles peak at 2 GB; 64 MB is as fast.
WORKING_MEMORY = 64


def kneighbors(index_vectors, query_vectors, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Cosine similarities and positions of the ``k`` nearest index rows of each query row.

    A sparse, brute-force search by scikit-learn, computed in blocks of
    :data:`WORKING_MEMORY` MB: no dense all-against-all matrix is built.

    Returns
    -------
    similarity, positions : numpy.ndarray
        Both of shape (queries, k), nearest first.
    """
    import sklearn
    from sklearn.neighbors import NearestNeighbors

    with sklearn.config_context(working_memory=WORKING_MEMORY):
        index = NearestNeighbors(n_neighbors=k, metric="cosine", algorithm="brute").fit(index_vectors)
        distances, positions = index.kneighbors(query_vectors)
    return 1.0 - distances, positions


def _nearest(vectors, rows_a: np.ndarray, rows_b: np.ndarray, top: int):
    """Yield ``(row_a, row_b, similarity)`` for the ``top`` nearest rows of b to each row of a."""
    similarity, positions = kneighbors(vectors[rows_b], vectors[rows_a], min(top, len(rows_b)))
    for row, sims, pos in zip(rows_a, similarity, positions):
        for sim, p in zip(sims, pos):
            yield int(row), int(rows_b[p]), float(sim)


#: The columns of :func:`coverage`.
COVERAGE_COLUMNS = ["fact", "label", "outlet", "article_id", "sentences", "first_sentence", "text", "reported_by",
                    "fact_sentences", "only_in", "nearest_article_id", "nearest_sentence", "nearest_similarity",
                    "nearest_text", "nearest_fact", "nearest_link", "in_other_words", "method"]


def coverage(sentences: pd.DataFrame, *, mentions: pd.DataFrame | None = None, within: str | None = None,
             threshold: float = THRESHOLD, mutual_threshold: float = MUTUAL_THRESHOLD, top: int = 3,
             link: float = LINK) -> pd.DataFrame:
    """Which facts each outlet reports, and which appear in one outlet only.

    Sentences paired by :func:`align` (same options) are grouped into facts
    (:func:`toolkit.compare.facts.cluster_facts`): a fact is a set of sentences of different
    articles whose mean similarity is at least ``link`` (average link, never a chain of pairs),
    with at most one sentence of each article. A sentence in no fact with another is a fact
    reported by its outlet only. For each outlet that does not report a fact, the table gives
    the sentence it has that is closest to the fact as a whole, so that an absence can be
    checked by reading.

    Parameters
    ----------
    sentences : pandas.DataFrame
        The sentences table; every part counts, as in :func:`align`.
    mentions, within, threshold, mutual_threshold, top
        As in :func:`align`.
    link : float, default 0.3
        The least mean similarity of the sentences of two facts joined into one
        (:data:`toolkit.compare.facts.LINK`, chosen on the BASIL development gold).

    Returns
    -------
    pandas.DataFrame
        One row per fact and outlet (every outlet that could report it, so that absences are
        rows too: with ``within``, the outlets with sentences in the fact's block, its event;
        that block is the first column, named after ``within``): ``fact``
        (numbered in order of first appearance), ``label`` (its most distinctive words and
        actors), ``outlet``, ``article_id`` and ``first_sentence`` (where the outlet first
        reports it; empty if it does not), ``sentences`` (how many of the outlet's sentences
        report it), ``text`` (the first of them), ``reported_by`` (how many outlets report it),
        ``fact_sentences`` (how many sentences it holds), ``only_in`` (the outlet, when only one
        does), and for an outlet that does not report it: ``nearest_article_id``,
        ``nearest_sentence``, ``nearest_text`` and ``nearest_fact``, its sentence closest to the
        fact as a whole (highest mean similarity to the fact's sentences; empty when no sentence
        shares a word with the fact), ``nearest_similarity`` (its highest similarity to one of
        them), ``nearest_link`` (the mean) and ``in_other_words`` (``nearest_link`` is at least
        :data:`toolkit.compare.facts.OTHER_WORDS`: the outlet may report the fact in a sentence
        counted under another fact, so its absence is no omission), and ``method`` (as in
        :func:`align`, with the link).

    Raises
    ------
    ValueError
        As :func:`align`.

    Examples
    --------
    >>> import toolkit
    >>> sentences = toolkit.split_sentences(toolkit.load_articles(toolkit.sample_data_path()), parts=("body",))
    >>> table = coverage(sentences)
    >>> only = table[(table["only_in"] == "Morning Star") & (table["sentences"] > 0)]
    >>> only[["first_sentence", "label"]].values.tolist()[-2:]
    [[13, 'Donetsk, eastern, fulfil, goals'], [14, 'boils, eventually, thing, troops']]
    """
    found = _Candidates(sentences, mentions, within, top)
    return _facts_tables(found, found.kept(threshold, mutual_threshold), within,
                         _method(threshold, mutual_threshold, top, mentions, link), link)[0]


def _facts_tables(found: _Candidates, kept: list, within: str | None, method: str,
                  link: float = LINK) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The table of :func:`coverage`, and the fact of every sentence, one block (event) at a time."""
    if not 0 < link <= 1:
        raise ValueError(f"link must be above 0 and at most 1, not {link!r}")
    data = found.data
    ids, outlets, numbers_, texts = (data[c].to_numpy() for c in ("article_id", "outlet", "sentence", "text"))
    blocks = data[within].to_numpy() if within is not None else None
    excluded = np.array([bool(why) for why in found.excluded], dtype=bool)
    body = (data["part"] == "body").to_numpy() if "part" in data else (data["sentence"] >= 0).to_numpy()
    lead_link = np.full(len(data), np.nan)
    pairs_of: dict[int, list] = {}
    for x, y, sim, _ in kept:
        fx, fy = set(found.features[x]), set(found.features[y])
        if may_join(sim, len(fx & fy), len(fx | fy)):
            pairs_of.setdefault(int(found.block_of[x]), []).append((x, y, sim))
    fact_of = np.zeros(len(data), dtype=np.int64)
    last = 0       # the number of the last fact so far
    table = []
    for number, (block, present) in enumerate(zip(found.blocks, found.block_outlets)):
        if len(present) < 2:   # one outlet: nothing to compare, no facts
            continue
        rows = block[~excluded[block]]
        if not len(rows):
            continue
        similarity = _BlockSimilarity(found.vectors, rows)
        groups = cluster_facts(similarity, ids, pairs_of.get(number, []), link=link)
        _lead_links(similarity, rows, ids, outlets, numbers_, body[rows], lead_link)
        members: dict[int, list[int]] = {}
        for i in rows:
            members.setdefault(int(groups[i]), []).append(int(i))
        order = sorted(members.values(), key=lambda m: (min(numbers_[i] for i in m), min(str(outlets[i]) for i in m)))
        first, last = last + 1, last + len(order)
        for fact, fact_rows in enumerate(order, start=first):
            fact_of[fact_rows] = fact
        of_outlet = {o: rows[outlets[rows] == o] for o in present}     # where an absent outlet's nearest is sought
        for fact, fact_rows in enumerate(order, start=first):
            # the outlets that could report it: those with sentences in its block (its event)
            by_outlet = {o: sorted((r for r in fact_rows if outlets[r] == o), key=lambda r: (ids[r], numbers_[r]))
                         for o in present}
            reporting = [o for o, r in by_outlet.items() if r]
            label = _label(found, fact_rows)
            for outlet, own in by_outlet.items():
                row = {"fact": fact, "label": label, "outlet": outlet, "reported_by": len(reporting),
                       "fact_sentences": len(fact_rows),
                       **({within: blocks[fact_rows[0]]} if within is not None else {}),
                       "only_in": reporting[0] if len(reporting) == 1 else "", "sentences": len(own)}
                if own:
                    row.update(article_id=ids[own[0]], first_sentence=numbers_[own[0]], text=texts[own[0]],
                               nearest_text="", nearest_article_id="", in_other_words=False)
                else:
                    near, closeness, best = similarity.nearest(of_outlet[outlet], fact_rows)
                    row.update(article_id="", text="", nearest_text="" if near is None else texts[near],
                               nearest_article_id="" if near is None else ids[near],
                               nearest_sentence=None if near is None else numbers_[near],
                               nearest_similarity=best, nearest_fact=0 if near is None else int(fact_of[near]),
                               nearest_link=closeness, in_other_words=closeness >= OTHER_WORDS)
                table.append(row)
    columns = ([within] if within is not None else []) + COVERAGE_COLUMNS
    out = pd.DataFrame(table, columns=columns).assign(method=method)
    for column in ("first_sentence", "nearest_sentence", "nearest_fact"):
        out[column] = out[column].astype("Int64")
    out["fact_sentences"] = out["fact_sentences"].astype("int64")
    out["in_other_words"] = out["in_other_words"].astype(bool)
    keep = ["article_id", "outlet", "sentence"] + (["part"] if "part" in data else []) + ([within] if within else [])
    return out, data[keep].assign(fact=fact_of, excluded=found.excluded, lead_link=lead_link)


def _lead_links(similarity, rows: np.ndarray, ids, outlets, numbers_, in_body: np.ndarray, out: np.ndarray) -> None:
    """For each article's lead (its first body sentence that carries a fact), its highest
    similarity to the lead of an article of another outlet in the block, written into ``out``."""
    leads: dict = {}
    for row in rows[in_body]:
        if ids[row] not in leads or numbers_[row] < numbers_[leads[ids[row]]]:
            leads[ids[row]] = int(row)
    heads = list(leads.values())
    if len(heads) < 2:
        return
    sims = similarity(heads, heads)
    other = outlets[heads][:, None] != outlets[heads][None, :]
    best = np.where(other, sims, -np.inf).max(axis=1)
    out[heads] = np.where(np.isfinite(best), best, np.nan)


class _BlockSimilarity:
    """Cosine similarities between the sentences of one block (an event): a dense matrix for
    blocks up to :data:`DENSE_BLOCK` sentences (computed once), sparse products beyond."""

    def __init__(self, vectors, rows: np.ndarray):
        self.vectors = vectors
        self.position = {int(r): i for i, r in enumerate(rows)}
        self.dense = (vectors[rows] @ vectors[rows].T).toarray() if len(rows) <= DENSE_BLOCK else None

    def __call__(self, a: list[int], b: list[int]) -> np.ndarray:
        """The similarities of sentences ``a`` (rows) to sentences ``b`` (columns)."""
        if self.dense is not None:
            return self.dense[np.ix_([self.position[i] for i in a], [self.position[j] for j in b])]
        return (self.vectors[a] @ self.vectors[b].T).toarray()

    def nearest(self, candidates: np.ndarray, fact: list[int]) -> tuple[int | None, float, float]:
        """Of ``candidates``, the sentence closest to a fact as a whole (highest mean similarity to
        its sentences): its row, that mean and its highest similarity to one of them; ``None``
        when no candidate shares a word with the fact."""
        if not len(candidates):
            return None, 0.0, 0.0
        sims = self(list(map(int, candidates)), fact)
        means = sims.mean(axis=1)
        best = int(np.argmax(means))
        if sims[best].max() <= 0:
            return None, 0.0, 0.0
        return int(candidates[best]), float(means[best]), float(sims[best].max())


def _label(found: _Candidates, rows: list[int], size: int = 4) -> str:
    """The most distinctive features of a set of sentences, in words."""
    if not any(found.features[r] for r in rows):
        return ""
    vectors = found.vectors
    pieces = [slice(vectors.indptr[r], vectors.indptr[r + 1]) for r in rows]
    # summed weights of the features present (ties in column order, as a dense sum would give)
    columns, inverse = np.unique(np.concatenate([vectors.indices[p] for p in pieces]), return_inverse=True)
    weights = np.bincount(inverse, weights=np.concatenate([vectors.data[p] for p in pieces]), minlength=len(columns))
    names = found.names
    surfaces: dict[str, str] = {}
    for r in rows:
        for stem, word in found.surfaces(r).items():
            surfaces.setdefault(stem, word)
    words = []
    for i in np.argsort(-weights, kind="stable"):
        if weights[i] <= 0 or len(words) == size:
            break
        name = names[columns[i]]
        if name.startswith("#"):
            continue
        words.append(name[1:] if name.startswith("@") else surfaces.get(name, name))
    return ", ".join(words)


@dataclass(frozen=True)
class Alignment:
    """Sentences of different outlets compared once: their pairs, the facts, each sentence's fact.

    Attributes
    ----------
    pairs : pandas.DataFrame
        As :func:`align`, with ``same_fact`` (both sentences are in one fact).
    facts : pandas.DataFrame
        As :func:`coverage`.
    sentence_facts : pandas.DataFrame
        One row per sentence: ``article_id``, ``outlet``, ``sentence``, ``part`` (if the
        sentences had it), the ``within`` column (if given), ``fact`` (its number in
        ``facts``; 0 for a sentence that carries no fact, and in a block, an event, that only
        one outlet reports: it has no facts) and ``excluded`` (why a sentence carries no fact:
        ``fragment`` or ``credit, byline or prompt``; see :func:`toolkit.compare.facts.furniture_reason`).
    """

    pairs: pd.DataFrame
    facts: pd.DataFrame
    sentence_facts: pd.DataFrame


def compare_sentences(sentences: pd.DataFrame, *, mentions: pd.DataFrame | None = None, within: str | None = None,
                      threshold: float = THRESHOLD, mutual_threshold: float = MUTUAL_THRESHOLD,
                      top: int = 3, link: float = LINK) -> Alignment:
    """:func:`align` and :func:`coverage` at once, with every sentence's fact: the features and
    nearest sentences are computed once.

    Parameters
    ----------
    sentences, mentions, within, threshold, mutual_threshold, top
        As in :func:`align`.

    Returns
    -------
    Alignment
        ``pairs`` (:func:`align`'s, with ``same_fact``: both sentences are in one fact; a
        similar pair is not always one fact), ``facts`` (:func:`coverage`) and ``sentence_facts``.

    Examples
    --------
    >>> import toolkit
    >>> sentences = toolkit.split_sentences(toolkit.load_articles(toolkit.sample_data_path()), parts=("body",))
    >>> found = compare_sentences(sentences.assign(event="E1"), within="event")
    >>> found.pairs.drop(columns="same_fact").equals(align(sentences.assign(event="E1"), within="event"))
    True
    >>> int(found.pairs["same_fact"].sum()), len(found.pairs)
    (3, 20)
    >>> found.sentence_facts.query("outlet == 'Morning Star' and sentence == 12")["fact"].tolist()
    [24]
    """
    found = _Candidates(sentences, mentions, within, top)
    kept = found.kept(threshold, mutual_threshold)
    facts, sentence_facts = _facts_tables(found, kept, within, _method(threshold, mutual_threshold, top, mentions, link),
                                          link)
    pairs = _pairs_table(found, kept, within, _method(threshold, mutual_threshold, top, mentions))
    fact = sentence_facts.set_index(["article_id", "sentence"])["fact"]
    fact_a = fact.reindex(list(zip(pairs["article_id_a"], pairs["sentence_a"]))).to_numpy()
    fact_b = fact.reindex(list(zip(pairs["article_id_b"], pairs["sentence_b"]))).to_numpy()
    pairs.insert(pairs.columns.get_loc("method"), "same_fact", (fact_a == fact_b) & (fact_a > 0))
    return Alignment(pairs=pairs, facts=facts, sentence_facts=sentence_facts)
