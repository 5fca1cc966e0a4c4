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
# Spaces of every width, and invisible characters a scrape leaves behind.
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_INVISIBLE = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad]")


def normalize_line(line: str) -> str:
    """Normalize quote marks and white space in one line of text.

    ``''``, `````` and curly or angled double quotes become ``"``; a curly apostrophe inside a
    word becomes ``'``; runs of spaces (non-breaking spaces included) become one space;
    zero-width characters and soft hyphens are removed; the line is stripped.

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
    line = _INVISIBLE.sub("", line)
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
