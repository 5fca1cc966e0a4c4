"""The TF-IDF matrix of a fitted ``TfidfVectorizer``, built without its per-document Python loop.

``TfidfVectorizer.transform`` lowercases and tokenizes every document and looks up each of its
unigrams and bigrams. Here the tokens of each whitespace-separated chunk are looked up once
(chunks repeat: the same words are in the marked sentence and in both contexts, and in every
target of a sentence) and the bigrams are found with numpy: every vocabulary bigram is made of
two vocabulary unigrams (``min_df`` ensures it), so a bigram is a pair of unigram ids. The
counts matrix is the one scikit-learn builds (same sorted indices, same counts), and the
fitted vectorizer's idf, sublinear tf and norm are applied to it by scikit-learn's
``TfidfTransformer``, so the TF-IDF matrix is identical. Vectorizers with other settings (or
without idf) are left to their own ``transform``.
"""

from __future__ import annotations

import re
from itertools import chain

import numpy as np
from scipy import sparse

from .fastlex import _ChunkCache

DEFAULT_TOKEN_PATTERN = r"(?u)\b\w\w+\b"


class NgramTfidf:
    """``vectorizer.transform(docs)`` for a fitted word (1, 2)-gram ``TfidfVectorizer``.

    Parameters
    ----------
    vectorizer : sklearn.feature_extraction.text.TfidfVectorizer
        Fitted (``vocabulary_`` and ``idf_``).

    Examples
    --------
    >>> from sklearn.feature_extraction.text import TfidfVectorizer
    >>> docs = ["Putin attacked Kyiv.", "Putin met Biden in Kyiv", "Biden attacked"]
    >>> vec = TfidfVectorizer(ngram_range=(1, 2)).fit(docs)
    >>> (NgramTfidf(vec).transform(docs) != vec.transform(docs)).nnz
    0
    """

    def __init__(self, vectorizer):
        from sklearn.feature_extraction.text import TfidfTransformer

        self.vectorizer = vectorizer
        vocabulary = vectorizer.vocabulary_
        self.size = len(vocabulary)
        self.unigrams = {term: j for term, j in vocabulary.items() if " " not in term}
        pairs = [(term.split(" "), j) for term, j in vocabulary.items() if " " in term]
        self.exact = _plain_word_ngrams(vectorizer) and vectorizer.use_idf and all(
            len(words) == 2 and words[0] in self.unigrams and words[1] in self.unigrams for words, _ in pairs)
        keys = np.array([self.unigrams[a] * self.size + self.unigrams[b] for (a, b), _ in pairs] if self.exact else [],
                        dtype=np.int64)
        order = np.argsort(keys)
        self.bigram_keys = keys[order]
        self.bigram_ids = np.array([j for _, j in pairs] if self.exact else [], dtype=np.int64)[order]
        pattern = re.compile(vectorizer.token_pattern)
        self.chunks = _ChunkCache(lambda chunk: tuple(self.unigrams.get(t, -1) for t in pattern.findall(chunk.lower())))
        self.tfidf = TfidfTransformer(norm=vectorizer.norm, use_idf=vectorizer.use_idf,
                                      smooth_idf=vectorizer.smooth_idf, sublinear_tf=vectorizer.sublinear_tf)
        if self.exact:
            self.tfidf.idf_ = vectorizer.idf_

    def transform(self, docs: list[str]) -> sparse.csr_array:
        """The TF-IDF matrix of ``docs``, one row per document."""
        if not self.exact:
            return self.vectorizer.transform(docs)
        return self.tfidf.transform(self.counts(docs), copy=False)

    def counts(self, docs: list[str]) -> sparse.csr_array:
        """The n-gram counts of ``docs`` (float, sorted indices), as ``CountVectorizer`` makes them."""
        get = self.chunks.__getitem__
        tokens = [list(chain.from_iterable(map(get, doc.split()))) for doc in docs]
        lengths = np.fromiter(map(len, tokens), dtype=np.int64, count=len(tokens))
        ids = np.fromiter(chain.from_iterable(tokens), dtype=np.int64, count=int(lengths.sum()))
        doc = np.repeat(np.arange(len(docs), dtype=np.int64), lengths)
        # bigrams: two neighbouring tokens of one document, both in the vocabulary
        pair = (doc[:-1] == doc[1:]) & (ids[:-1] >= 0) & (ids[1:] >= 0)
        keys = ids[:-1][pair] * self.size + ids[1:][pair]
        at = np.minimum(np.searchsorted(self.bigram_keys, keys), max(len(self.bigram_keys) - 1, 0))
        found = self.bigram_keys[at] == keys if len(self.bigram_keys) else np.zeros(len(keys), dtype=bool)
        unigram = ids >= 0
        features = np.concatenate([ids[unigram], self.bigram_ids[at[found]]])
        rows = np.concatenate([doc[unigram], doc[:-1][pair][found]])
        cells, counts = np.unique(rows * self.size + features, return_counts=True)
        indptr = np.zeros(len(docs) + 1, dtype=np.int32)
        np.cumsum(np.bincount(cells // self.size, minlength=len(docs)), out=indptr[1:])
        return sparse.csr_array((counts.astype(np.float64), (cells % self.size).astype(np.int32), indptr),
                                shape=(len(docs), self.size))


def _plain_word_ngrams(vectorizer) -> bool:
    """Whether the vectorizer lowercases and counts word unigrams and bigrams of the default pattern."""
    return (vectorizer.analyzer == "word" and vectorizer.lowercase and tuple(vectorizer.ngram_range) == (1, 2)
            and vectorizer.token_pattern == DEFAULT_TOKEN_PATTERN and vectorizer.tokenizer is None
            and vectorizer.preprocessor is None and vectorizer.stop_words is None
            and vectorizer.strip_accents is None and not vectorizer.binary and vectorizer.input == "content")
