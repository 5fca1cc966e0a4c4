"""VADER's compound score and TextBlob's polarity, computed fast and exactly like the libraries.

The libraries re-tokenize and re-lowercase every text and, in VADER, rebuild the lowercased
word list several times per lexicon word. Here the work per whitespace-separated chunk
(stripping, lowercasing, TextBlob's splitting of punctuation and contractions) is kept in a
bounded cache, and the rules are applied to the words in one pass, with the libraries'
lexicons, constants and rules (vaderSentiment 3.3.2, TextBlob 0.20.1 pattern analyzer):

- a text none of whose words is in the lexicon scores exactly 0.0 without further work;
- the rare cases are left to the libraries: VADER on a text with an emoji (VADER replaces
  each by its description), VADER's contrastive "but" (its own ``_but_check``), and TextBlob
  on a text with a line break, with "(" and "!" (sarcasm mark), or with tokens that TextBlob
  would join into an emoticon.

The results are the libraries' floats, bit for bit (``tests/test_targets.py`` compares them on
tricky literal sentences and on random word sequences drawn from the lexicons).
"""

from __future__ import annotations

from functools import lru_cache

#: Entries in each per-chunk cache before it is emptied (bounded memory on long corpora).
CHUNK_CACHE_SIZE = 200_000


class _ChunkCache(dict):
    """A dict of chunk -> derived value, filled by ``make`` and emptied when it grows too large.

    ``inert`` (optional) tells from a value that the chunk cannot change a score; such chunks
    are also kept in the set ``.inert``, so that a text of inert chunks is seen at C speed.
    """

    def __init__(self, make, inert=None):
        super().__init__()
        self.make, self.is_inert, self.inert = make, inert, set()

    def __missing__(self, chunk):
        if len(self) >= CHUNK_CACHE_SIZE:
            self.clear()
        value = self[chunk] = self.make(chunk)
        if self.is_inert is not None and self.is_inert(value):
            self.inert.add(chunk)
        return value

    def clear(self) -> None:
        super().clear()
        self.inert.clear()


# --- VADER ---------------------------------------------------------------------------------

class _Vader:
    """VADER's ``polarity_scores(text)["compound"]``, with the rules of vaderSentiment 3.3.2."""

    def __init__(self):
        from vaderSentiment import vaderSentiment as vs
        self.vs = vs
        self.analyzer = vs.SentimentIntensityAnalyzer()
        self.lexicon = self.analyzer.lexicon
        self.negate = frozenset(vs.NEGATE)
        # VADER replaces each character that is an emoji (none is a space) by its description
        self.emoji = frozenset(e for e in self.analyzer.emojis if len(e) == 1)
        # the words of the multi-word idioms and booster phrases (their check is skipped without one)
        self.idiom_words = frozenset(w for phrase in [*vs.SPECIAL_CASES, *vs.BOOSTER_DICT] if " " in phrase
                                     for w in phrase.split())
        # chunk -> (word as VADER keeps it, lowercased, in the lexicon, booster, ALL CAPS, has an emoji)
        self.words = _ChunkCache(self._word, inert=lambda info: not info[2] and not info[5])

    def _word(self, chunk: str) -> tuple:
        word = self.vs.SentiText._strip_punc_if_word(chunk)
        lower = word.lower()
        return (word, lower, lower in self.lexicon, lower in self.vs.BOOSTER_DICT, word.isupper(),
                not chunk.isascii() and not self.emoji.isdisjoint(chunk))

    def compound(self, text: str) -> float:
        """The compound score of ``text`` (-1..1, rounded to 4 decimals like VADER)."""
        chunks = text.split()
        if self.words.inert.issuperset(chunks):
            return 0.0
        info = list(map(self.words.__getitem__, chunks))
        words, lower, known, booster, upper, emoji = zip(*info)
        if any(emoji):
            return float(self.analyzer.polarity_scores(text)["compound"])
        if not any(known):
            return 0.0
        caps = sum(upper)
        is_cap_diff = 0 < caps < len(words)
        last = len(words) - 1
        scored = [i for i, k in enumerate(known) if k and not booster[i]
                  and not (lower[i] == "kind" and i < last and lower[i + 1] == "of")]
        valences = [self._valence(words, lower, booster, i, is_cap_diff) for i in scored]
        if "but" in lower:
            sentiments = [0] * len(words)
            for i, valence in zip(scored, valences):
                sentiments[i] = valence
            valences = self.analyzer._but_check(list(words), sentiments)
        # zeros left out of the sum change no bit of it
        total = float(sum(valences))
        emphasis = self.analyzer._punctuation_emphasis(text)
        if total > 0:
            total += emphasis
        elif total < 0:
            total -= emphasis
        return round(self.vs.normalize(total), 4)

    def _valence(self, words: tuple, lower: tuple, booster: tuple, i: int, is_cap_diff: bool) -> float:
        """``SentimentIntensityAnalyzer.sentiment_valence`` of the lexicon word ``i``."""
        vs, lexicon = self.vs, self.lexicon
        word = lower[i]
        valence = lexicon[word]
        if word == "no" and i != len(words) - 1 and lower[i + 1] in lexicon:
            valence = 0.0
        if (i > 0 and lower[i - 1] == "no") or (i > 1 and lower[i - 2] == "no") \
                or (i > 2 and lower[i - 3] == "no" and lower[i - 1] in ("or", "nor")):
            valence = lexicon[word] * vs.N_SCALAR
        if is_cap_diff and words[i].isupper():
            valence = valence + vs.C_INCR if valence > 0 else valence - vs.C_INCR
        for start_i in range(3):
            j = i - (start_i + 1)
            if j >= 0 and lower[j] not in lexicon:
                s = vs.scalar_inc_dec(words[j], valence, is_cap_diff) if booster[j] else 0.0
                if start_i == 1 and s != 0:
                    s = s * 0.95
                if start_i == 2 and s != 0:
                    s = s * 0.9
                valence = self._negation(valence + s, lower, start_i, i)
                if start_i == 2 and not self.idiom_words.isdisjoint(lower[i - 3:i + 3]):
                    valence = self._idioms(valence, lower, i)
        return self._least(valence, lower, i)

    def _negated(self, word: str) -> bool:
        return word in self.negate or "n't" in word

    def _negation(self, valence: float, lower: tuple, start_i: int, i: int) -> float:
        """``SentimentIntensityAnalyzer._negation_check`` on the lowercased words."""
        n_scalar = self.vs.N_SCALAR
        if start_i == 0:
            if self._negated(lower[i - 1]):
                valence = valence * n_scalar
        elif start_i == 1:
            if lower[i - 2] == "never" and lower[i - 1] in ("so", "this"):
                valence = valence * 1.25
            elif lower[i - 2] == "without" and lower[i - 1] == "doubt":
                pass
            elif self._negated(lower[i - 2]):
                valence = valence * n_scalar
        else:
            if (lower[i - 3] == "never" and lower[i - 2] in ("so", "this")) or lower[i - 1] in ("so", "this"):
                valence = valence * 1.25
            elif lower[i - 3] == "without" and (lower[i - 2] == "doubt" or lower[i - 1] == "doubt"):
                pass
            elif self._negated(lower[i - 3]):
                valence = valence * n_scalar
        return valence

    def _idioms(self, valence: float, lower: tuple, i: int) -> float:
        """``SentimentIntensityAnalyzer._special_idioms_check`` on the lowercased words."""
        special, booster = self.vs.SPECIAL_CASES, self.vs.BOOSTER_DICT
        three, two, one, zero = lower[i - 3], lower[i - 2], lower[i - 1], lower[i]
        for seq in (f"{one} {zero}", f"{two} {one} {zero}", f"{two} {one}", f"{three} {two} {one}", f"{three} {two}"):
            if seq in special:
                valence = special[seq]
                break
        if len(lower) - 1 > i:
            seq = f"{zero} {lower[i + 1]}"
            if seq in special:
                valence = special[seq]
        if len(lower) - 1 > i + 1:
            seq = f"{zero} {lower[i + 1]} {lower[i + 2]}"
            if seq in special:
                valence = special[seq]
        for n_gram in (f"{three} {two} {one}", f"{three} {two}", f"{two} {one}"):
            if n_gram in booster:
                valence = valence + booster[n_gram]
        return valence

    def _least(self, valence: float, lower: tuple, i: int) -> float:
        """``SentimentIntensityAnalyzer._least_check`` on the lowercased words."""
        if i > 0 and lower[i - 1] == "least" and lower[i - 1] not in self.lexicon:
            if i == 1 or lower[i - 2] not in ("at", "very"):
                valence = valence * self.vs.N_SCALAR
        return valence


# --- TextBlob ------------------------------------------------------------------------------

class _TextBlob:
    """TextBlob's (pattern analyzer) polarity of a string, with the rules of TextBlob 0.20.1."""

    def __init__(self):
        from textblob import _text
        from textblob.en import sentiment
        self.text = _text
        self.sentiment = sentiment
        len(sentiment)  # loads the lexicon (a lazy dict)
        entries = dict(dict.items(sentiment))
        self.lexicon = {w: pos[None][0] for w, pos in entries.items()}
        self.intensity = {w: pos[None][2] for w, pos in entries.items()}
        self.adverbs = frozenset(w for w, pos in entries.items() if any(m in pos for m in sentiment.modifiers))
        self.negations = frozenset(sentiment.negations)
        self.emoticons: dict[str, float] = {}
        for (_, p), faces in _text.EMOTICONS.items():
            for face in faces:
                self.emoticons.setdefault(face.lower(), p)
        # token that ends an emoticon -> last characters of the token before it, when
        # TextBlob would join the two into one emoticon
        self.joins: dict[str, set] = {}
        for faces in _text.EMOTICONS.values():
            for face in faces:
                for j in range(1, len(face)):
                    self.joins.setdefault(face[j:], set()).add(face[j - 1])
        self.punctuation = tuple(_text.PUNCTUATION.replace(".", ""))
        self.tokens = _ChunkCache(self._chunk, inert=lambda value: value[4])

    def _split(self, chunk: str) -> list[str]:
        """The tokens ``find_tokens`` makes of one whitespace-free chunk."""
        t = self.text
        for a, b in t.replacements.items():
            chunk = chunk.replace(a, b)
        for quote in ("“", "”", "‘", "’", "'", '"'):
            chunk = chunk.replace(quote, f" {quote} ")
        tokens = []
        for token in chunk.split():
            tail = []
            while token.startswith(self.punctuation) and token not in t.replacements:
                tokens.append(token[0])
                token = token[1:]
            while token.endswith(self.punctuation + (".",)) and token not in t.replacements:
                if token.endswith(self.punctuation):
                    tail.append(token[-1])
                    token = token[:-1]
                if token.endswith("..."):
                    tail.append("...")
                    token = token[:-3].rstrip(".")
                if token.endswith("."):
                    if (token in t.ABBREVIATIONS or t.RE_ABBR1.match(token) is not None
                            or t.RE_ABBR2.match(token) is not None or t.RE_ABBR3.match(token) is not None):
                        break
                    tail.append(token[-1])
                    token = token[:-1]
            if token != "":
                tokens.append(token)
            tokens.extend(reversed(tail))
        return tokens

    def _chunk(self, chunk: str) -> tuple:
        """A chunk's lowercased tokens, its first token, the last character of its last token,
        whether two of its own tokens could be joined into an emoticon, and whether it is inert:
        none of its tokens can be assessed, or joined with the token before into an emoticon."""
        tokens = self._split(chunk)
        if not tokens:
            return (), "", "", False, True
        lower = tuple(token.lower() for token in tokens)
        inside = self._joins_emoticon(tokens)
        inert = (not inside and tokens[0] not in self.joins and self.lexicon.keys().isdisjoint(lower)
                 and self.emoticons.keys().isdisjoint(lower) and "(!)" not in lower)
        return lower, tokens[0], tokens[-1][-1], inside, inert

    def _joins_emoticon(self, tokens: list[str]) -> bool:
        """Whether two neighbouring tokens could be joined into one emoticon by TextBlob."""
        joins = self.joins
        return any(tokens[k] in joins and tokens[k - 1][-1] in joins[tokens[k]] for k in range(1, len(tokens)))

    def words(self, text: str) -> list[str]:
        """The lowercased tokens that TextBlob's ``sentiment(text)`` assesses (none if it can
        assess none of them)."""
        if "\n" not in text and not ("(" in text and "!" in text):
            chunks = text.split()
            if self.tokens.inert.issuperset(chunks):
                return []
            lower, first, last, inside, _ = zip(*map(self.tokens.__getitem__, chunks))
            if not any(inside) and (self.joins.keys().isdisjoint(first) or not any(
                    f in self.joins and l in self.joins[f] for l, f in zip(last, first[1:]) if l)):
                return [token for tokens in lower for token in tokens]
        return [w.lower() for w in " ".join(self.text.find_tokens(text)).split()]

    def polarity(self, text: str) -> float:
        """TextBlob's ``sentiment(text).polarity``."""
        words = self.words(text)
        lexicon, emoticons = self.lexicon, self.emoticons
        if lexicon.keys().isdisjoint(words) and emoticons.keys().isdisjoint(words) and "(!)" not in words:
            return 0.0
        total, count = 0, 0
        for p in self._assessments(words):
            total += p
            count += 1
        return total / float(count or 1)

    def _assessments(self, words: list[str]) -> list[float]:
        """The polarity of each assessment of ``Sentiment.assessments`` (negation on)."""
        lexicon, intensity, negations = self.lexicon, self.intensity, self.negations
        found = []  # [polarity, intensity, negated] per assessment
        m = n = None
        for w in words:
            if w in lexicon:
                p, i = lexicon[w], intensity[w]
                if m is None:
                    found.append([p, i, False])
                else:
                    last = found[-1]
                    last[0] = max(-1.0, min(p * last[1], +1.0))
                    last[1] = i
                if n is not None:
                    found[-1][1] = 1.0 / found[-1][1]
                    found[-1][2] = True
                m = w if w in self.adverbs else None
                n = w if w in negations else None
            else:
                if w in negations:
                    n = w
                elif n and len(w.strip("'")) > 1:
                    n = None
                if n is not None and m is not None and self.sentiment.modifier(m):
                    found[-1][2] = True
                    n = None
                elif m and len(w) > 2:
                    m = None
                if w == "!" and found:
                    found[-1][0] = max(-1.0, min(found[-1][0] * 1.25, +1.0))
                if w == "(!)":
                    found.append([0.0, 1.0, False])
                if w.isalpha() is False and len(w) <= 5 and w not in self.text.PUNCTUATION and w in self.emoticons:
                    found.append([self.emoticons[w], 1.0, False])
        return [p * -0.5 if negated else p for p, _, negated in found]


@lru_cache(maxsize=1)
def _vader() -> _Vader:
    return _Vader()


@lru_cache(maxsize=1)
def _textblob() -> _TextBlob:
    return _TextBlob()


def vader_compound(text: str) -> float:
    """VADER's compound score: ``SentimentIntensityAnalyzer().polarity_scores(text)["compound"]``.

    Examples
    --------
    >>> vader_compound("The book was only kind of good.")
    0.3832
    >>> vader_compound("It is not a very good idea!")
    -0.4432
    """
    return _vader().compound(text)


def textblob_polarity(text: str) -> float:
    """TextBlob's polarity: ``textblob.en.sentiment(text)[0]`` (no negation expansion).

    Examples
    --------
    >>> textblob_polarity("Not bad at all")
    0.3499999999999999
    """
    return _textblob().polarity(text)


def clear_caches() -> None:
    """Empty the per-chunk caches (for timings from a cold start)."""
    _vader().words.clear()
    _textblob().tokens.clear()
