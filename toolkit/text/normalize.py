"""Character-level normalization of article text: quote marks and white space.

The cleaned text of an article is the text that every offset in the toolkit points into,
so normalization happens once, before sentences are split, and never afterwards.
"""

from __future__ import annotations

import re

# Double quotes of every typographic kind, and the typewriter pairs '' and ``, become ".
_DOUBLE_QUOTES = re.compile(r"''|``|[\u201c\u201d\u201e\u201f\u00ab\u00bb\u2033]")
# A right single quote between letters is an apostrophe (Ukraine’s, don’t): make it '.
# Single quote marks used as quotes (‘stop’) are kept, so they stay distinguishable
# from apostrophes.
_APOSTROPHE = re.compile(r"(?<=\w)[\u2019\u02bc](?=\w)")
# Every white space within a line (tabs, spaces of every width, the ogham space mark, control characters
# that Unicode counts as space such as the unit separator U+001F): one space, so that "Kevin\x1fMcCarthy"
# is one name in every stage.
_SPACES = re.compile(r"\s+")
# Bidirectional embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069) and marks (U+200E, U+200F,
# U+061C): invisible, they reorder how the letters around them are shown (a name spelled backwards on the page).
BIDI_CONTROLS = "\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c"
# Invisible characters a scrape leaves behind: zero-width spaces and joiners, byte-order marks, soft hyphens.
_INVISIBLE = re.compile(f"[\u200b\u200c\u200d\u2060\ufeff\u00ad{BIDI_CONTROLS}]")


def remove_invisible(text: str) -> str:
    r"""Remove the invisible characters of a text: zero-width characters, soft hyphens and bidirectional controls.

    Applied to every line of an article (:func:`normalize_line`) and to the names and titles read with it, so that
    no name on a page is shown reordered by a hidden override character (U+202E) and none hides a character that
    breaks its matching.

    Examples
    --------
    >>> remove_invisible("Fox\u202eswen\u202c and Ky\u200biv")
    'Foxswen and Kyiv'
    """
    return _INVISIBLE.sub("", text)


def normalize_line(line: str) -> str:
    """Normalize quote marks and white space in one line of text.

    ``''``, `````` and curly or angled double quotes become ``"``; a curly apostrophe inside a
    word becomes ``'``; runs of white space of any kind (tabs, non-breaking and other Unicode spaces,
    control characters Unicode counts as space) become one space; zero-width characters, soft hyphens
    and bidirectional controls are removed (:func:`remove_invisible`); the line is stripped.

    Parameters
    ----------
    line : str
        One line, without its line break.

    Returns
    -------
    str
        The normalized line.

    Examples
    --------
    >>> normalize_line("Putin to ''stop wasting the world\u2019s time''.\u00a0")
    'Putin to "stop wasting the world\\'s time".'
    """
    line = remove_invisible(line)
    line = _DOUBLE_QUOTES.sub('"', line)
    line = _APOSTROPHE.sub("'", line)
    return _SPACES.sub(" ", line).strip()


_TERMINAL = re.compile(r"""[.!?:;"'\u2019)\]…]$""")


def join_paragraphs(lines: list[str]) -> list[str]:
    """Group the kept lines of an article into paragraphs.

    Lines separated by an empty line are separate paragraphs. Within a block of consecutive
    lines, a line is joined to the next one when it was evidently hard-wrapped: it does not
    end with sentence-final punctuation and the next line starts with a lower-case letter or
    a digit. Otherwise each line is its own paragraph, as in text flattened from a web page.

    Parameters
    ----------
    lines : list of str
        Normalized lines; an empty string marks a blank line.

    Returns
    -------
    list of str
        The paragraphs, none empty.

    Examples
    --------
    >>> join_paragraphs(["One line that was", "wrapped here.", "", "Next."])
    ['One line that was wrapped here.', 'Next.']
    """
    paragraphs: list[str] = []
    current = ""
    for line in lines:
        if not line:
            if current:
                paragraphs.append(current)
            current = ""
            continue
        wrapped = current and not _TERMINAL.search(current) and (line[0].islower() or line[0].isdigit())
        if wrapped:
            current = f"{current} {line}"
        else:
            if current:
                paragraphs.append(current)
            current = line
    if current:
        paragraphs.append(current)
    return paragraphs


_WORD = re.compile(r"\w+(?:['\u2019-]\w+)*")


def count_words(text: str) -> int:
    """Count the words in a text (runs of letters or digits, with inner ' and -).

    Parameters
    ----------
    text : str

    Returns
    -------
    int

    Examples
    --------
    >>> count_words("Ukraine's 12-year-old boy, killed.")
    4
    """
    return len(_WORD.findall(text))


def word_spans(text: str) -> list[tuple[int, int, str]]:
    """The words of a text with their offsets: ``(start, end, word)``, ``end`` exclusive.

    A word is a run of letters or digits with inner ``'`` or ``-`` (as in :func:`count_words`).

    Examples
    --------
    >>> word_spans("Kiev's mayor, 12-year-old.")
    [(0, 6, "Kiev's"), (7, 12, 'mayor'), (14, 25, '12-year-old')]
    """
    return [(m.start(), m.end(), m.group()) for m in _WORD.finditer(text)]


def term(word: str) -> str:
    """The counting form of a word: lower case, without a possessive ``'s``.

    Examples
    --------
    >>> term("Kiev's"), term("NATO"), term("don't")
    ('kiev', 'nato', "don't")
    """
    word = word.lower().replace("\u2019", "'")
    return word[:-2] if word.endswith("'s") else word


def terms(text: str) -> list[str]:
    """The counting forms (:func:`term`) of the words of a text.

    Examples
    --------
    >>> terms("Ukraine's allies met in Kyiv.")
    ['ukraine', 'allies', 'met', 'in', 'kyiv']
    """
    return [term(w) for w in _WORD.findall(text)]


_CUE_CHARACTERS = re.compile(r"^[\w' -]+\*?$")


def cue_regex(cues, *, case_sensitive: bool = False) -> re.Pattern:
    """Compile cue words or phrases into one whole-word regular expression.

    A trailing ``*`` matches any ending (``negotiat*``: negotiate, negotiations); the words
    of a phrase may be separated by any white space. Longer cues are tried first.

    Parameters
    ----------
    cues : iterable of str
        Letters, digits, spaces, apostrophes and hyphens, with an optional trailing ``*``.
    case_sensitive : bool, default False

    Returns
    -------
    re.Pattern

    Raises
    ------
    ValueError
        If there are no cues, or a cue has other characters (it names the cue).

    Examples
    --------
    >>> cue_regex(["negotiat*", "peace talks"]).findall("Negotiators held peace  talks; negotiating.")
    ['Negotiators', 'peace  talks', 'negotiating']
    """
    cues = [str(c).strip() for c in cues]
    if not cues:
        raise ValueError("no cue words given")
    bad = [c for c in cues if not _CUE_CHARACTERS.match(c)]
    if bad:
        raise ValueError(f"cue {bad[0]!r} has characters other than letters, digits, spaces, ' and -, "
                         "with an optional trailing *")
    parts = []
    for cue in sorted(set(cues), key=lambda c: (-len(c), c)):
        stem, wildcard = (cue[:-1], True) if cue.endswith("*") else (cue, False)
        body = r"\s+".join(re.escape(w) for w in stem.split())
        parts.append(body + (r"[\w'-]*" if wildcard else ""))
    flags = 0 if case_sensitive else re.IGNORECASE
    return re.compile(r"(?<![\w'-])(?:" + "|".join(parts) + r")(?![\w-])", flags)
