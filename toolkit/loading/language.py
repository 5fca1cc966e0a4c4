"""Which language a text is in, so that texts the English resources cannot read are flagged.

The toolkit's sentence splitter, actor and frame dictionaries, verb list and sentiment
lexicons are for English. :func:`language_of` uses py3langid (a maintained, offline version of
langid.py: Lui & Baldwin 2012, 97 languages, naive Bayes over byte n-grams) on the first 500
characters; texts under :data:`MIN_WORDS` words are too short to tell and give ``""``.
"""

from __future__ import annotations

from ..text.normalize import count_words

#: Texts shorter than this (in words) get no language: langid guesses wildly on a few words.
MIN_WORDS = 15


def language_of(text: str, *, min_words: int = MIN_WORDS) -> str:
    """The ISO 639-1 code of a text's language ("en", "fr", ...), or "" if it is too short.

    Parameters
    ----------
    text : str
    min_words : int, default 15

    Returns
    -------
    str

    Examples
    --------
    >>> language_of("Russian drones hit the town of Ternivka in the Dnipropetrovsk region overnight, "
    ...             "killing two people and wounding three more, the regional governor said.")
    'en'
    >>> language_of("Des drones russes ont frappé la ville de Ternivka dans la région de Dnipropetrovsk "
    ...             "pendant la nuit, tuant deux personnes et en blessant trois autres.")
    'fr'
    >>> language_of("Putin spoke.")
    ''
    """
    sample = text[:500]
    if count_words(sample) < min_words:
        return ""
    import py3langid

    return py3langid.classify(sample)[0]
