"""Splitting articles into paragraphs and sentences, with character offsets.

The splitter is nupunkt (an offline Punkt implementation whose model ships inside the package:
nothing is downloaded), applied paragraph by paragraph, with six post-processing rules.
Measured with ``devtools.segmentation_eval`` (in the repository) (boundary F1):

=====================================  ==========  ==================
gold standard                          nupunkt     this module
=====================================  ==========  ==================
hand-made (seeds + written), 76 b.     0.954       0.980
NewsMTSC held-out half, 1,020 b.       0.971       0.984
GUM news train + dev, 375 b.           0.955       0.975
GUM news test (scored once), 40 b.     0.880       0.880
=====================================  ==========  ==================

Rules 1-3 were designed on the hand-made gold and the other NewsMTSC half (the held-out half is
their fair figure), rules 4-6 on the news of UD English GUM's train and dev parts. See
``data/gold/sentences/README.md`` and ``docs/methods/sentences.md``.
"""

from __future__ import annotations

import re
from typing import Literal, get_args

import nupunkt
import pandas as pd

from .._checks import check_choice, check_columns

#: The columns of the sentences table.
SENTENCE_COLUMNS = ["article_id", "outlet", "paragraph", "sentence", "start", "end", "text", "part"]

_PARAGRAPH = re.compile(r"[^\n]+(?:\n(?![ \t]*\n)[^\n]*)*")


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Return the (start, end) offsets of the paragraphs of a text.

    Paragraphs are separated by one or more blank lines; leading and trailing white space is
    not part of a paragraph.

    Parameters
    ----------
    text : str

    Returns
    -------
    list of tuple of int

    Examples
    --------
    >>> paragraph_spans("One.\\n\\nTwo. Three.\\n")
    [(0, 4), (6, 17)]
    """
    spans = []
    for m in _PARAGRAPH.finditer(text):
        start, end = m.span()
        chunk = m.group()
        start += len(chunk) - len(chunk.lstrip())
        end -= len(chunk) - len(chunk.rstrip())
        if end > start:
            spans.append((start, end))
    return spans


# Post-processing of nupunkt's output, six rules measured on real news text (see
# data/gold/sentences/README.md):
# 1. nupunkt's model treats about 2,450 ordinary words as abbreviations ("York", "month",
#    "whites"); split after a word of two or more letters and a full stop that is followed by
#    a capitalized word, unless the word is a real abbreviation in ABBREVIATIONS.
# 2. Never end a sentence on a title ("Lt.", "St.", "Gov."): merge it with the next one.
# 3. A piece that starts with a lower-case word or closing punctuation continues the
#    previous sentence ("(D-Va.) said", "N.F.L. coach").
# Rules 4-6 come from the news documents of UD English GUM (Wikinews; train and dev only,
# GUM is not stored in the project); none of them fires on the hand-made or NewsMTSC gold:
# 4. A photo credit ("Image: Nick Moreau.", "Photograph: Rick Findler/PA") starts a sentence of
#    its own when a space precedes it ("(Photo: AP)" is left alone): captions glued to their
#    credit, often after a caption with no final stop or after "D.C.".
# 5. A paragraph that opens with a full date ("Thursday, May 7, 2015") followed by a capital
#    starts with a dateline sentence.
# 6. An attribution after a closing quote ('..." - Matthew Ingram': a piece that is only a dash
#    and one to four capitalized words) belongs to the quoted sentence.
ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof gov sen rep gen lt col capt sgt adm cmdr rev hon sens reps govs gens "
    "messrs st ft mt jr sr no nos vs v cf viz approx incl esp al fig vol pp op inc corp ltd co "
    "jan feb mar apr jun jul aug sep sept oct nov dec".split())
_MISSED_END = re.compile(r"(?<![\w.])([A-Za-z]{2,})\.[\"'\u2019\u201d)]*(?=\s+[\"'\u2018\u201c(]*[A-Z])")
_TITLE_END = re.compile(r"(?:^|[\s(\"'‘“])(?:Mr|Mrs|Ms|Dr|Prof|Gov|Sen|Rep|Gen|Lt|Col|Capt|Sgt|Adm"
                        r"|Cmdr|Rev|Hon|Sens|Reps|St|Ft|Mt|No)\.$")
_CONTINUATION = re.compile(r"^(?:[a-z]+(?:['’][a-z]+)?[\s,;:.]|[)\],;:])")
_CREDIT = re.compile(r"(?<=\S)\s+((?:Image|Photo|Photograph|Picture|Video|Credit)s?:\s+\S)")
_DATELINE = re.compile(r"^(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,\s+(?:January|February|March|April|May"
                       r"|June|July|August|September|October|November|December)\s+\d{1,2},\s+\d{4}"
                       r"(?=\s+[\"'\u2018\u201c(]*[A-Z])")
_QUOTE_END = re.compile(r"[.?!\u2026][\"'\u2019\u201d]$")
_ATTRIBUTION = re.compile(r"^[-\u2013\u2014]+\s*[A-Z][\w'\u2019.-]*(?:\s+[A-Z][\w'\u2019.-]*){0,3}$")


def _strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    piece = text[start:end]
    return start + len(piece) - len(piece.lstrip()), end - len(piece) + len(piece.rstrip())


def sentence_spans(paragraph: str) -> list[tuple[int, int]]:
    """Return the (start, end) offsets of the sentences of one paragraph.

    Parameters
    ----------
    paragraph : str

    Returns
    -------
    list of tuple of int
        End-exclusive offsets into ``paragraph``, without surrounding white space.

    Examples
    --------
    >>> p = 'Asked, Ushakov said: "Not further, that\\'s for sure." "But there\\'s work," he said.'
    >>> [p[s:e] for s, e in sentence_spans(p)]
    ['Asked, Ushakov said: "Not further, that\\'s for sure."', '"But there\\'s work," he said.']
    """
    pieces = []
    dateline = _DATELINE.match(paragraph)
    for start, end in nupunkt.sent_spans(paragraph):
        chunk = paragraph[start:end]
        cuts = [start + m.end() for m in _MISSED_END.finditer(chunk)
                if m.group(1).lower() not in ABBREVIATIONS]
        cuts += [start + m.start(1) for m in _CREDIT.finditer(chunk)]
        if dateline and start < dateline.end() < end:
            cuts.append(dateline.end())
        cuts = sorted(set(cuts))
        for a, b in zip([start, *cuts], [*cuts, end]):
            a, b = _strip_span(paragraph, a, b)
            if b > a:
                pieces.append((a, b))
    spans: list[tuple[int, int]] = []
    for start, end in pieces:
        previous = paragraph[spans[-1][0]:spans[-1][1]] if spans else ""
        if spans and (_TITLE_END.search(previous) or _CONTINUATION.match(paragraph[start:end])
                      or (_QUOTE_END.search(previous) and _ATTRIBUTION.match(paragraph[start:end]))):
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
    return spans


Part = Literal["title", "caption", "body"]
PARTS: tuple[str, ...] = get_args(Part)
def body_of(table: pd.DataFrame) -> pd.DataFrame:
    """The rows of a table that belong to the article body (all rows if it has no ``part`` column).

    The toolkit's rule for the ``part`` column: an analysis uses every sentence it is given,
    headline and captions included (they are on the page and report facts too, though a caption
    may be an agency's words); only the analyses that read positions in the body (the tone arc,
    the aligned-pairs drawing, leads, paragraph counts) use the body alone, through this
    function. Each says which in its docstring. To leave headlines and captions out of any
    analysis, pass ``body_of(sentences)``.

    Parameters
    ----------
    table : pandas.DataFrame
        Sentences, mentions, quotes or scores.

    Returns
    -------
    pandas.DataFrame

    Examples
    --------
    >>> body_of(pd.DataFrame({"part": ["title", "body"], "sentence": [-1, 0]}))["sentence"].tolist()
    [0]
    """
    return table[table["part"] == "body"] if "part" in table.columns else table


#: Which column of the articles table each part's offsets point into.
PART_COLUMNS = {"title": "title", "caption": "captions", "body": "text"}


def split_sentences(articles: pd.DataFrame, *, parts=PARTS) -> pd.DataFrame:
    """Split each article's text into sentences.

    Parameters
    ----------
    articles : pandas.DataFrame
        The articles table; needs ``article_id``, ``outlet`` and ``text`` (and ``title`` and
        ``captions`` for those parts, if present).
    parts : sequence of {"title", "caption", "body"}, default all three
        Which texts to split. The headline and photo captions are the outlet's words too (and
        often name actors differently from the body: a caption written by a photo agency may
        say "Kyiv" where the report says "Kiev"), but they are not the body; the ``part``
        column tells them apart.

    Returns
    -------
    pandas.DataFrame
        The sentences table, one row per sentence: ``article_id, outlet, paragraph`` (index of
        the paragraph in the body, from 0; -1 for the title, -2, -3, ... for each caption),
        ``sentence`` (from 0 in the body; paratext sentences are numbered -1, -2, ... so that
        the body's numbering does not depend on them), ``start, end`` (character offsets, end
        exclusive, into the part's column: ``text`` for the body, ``title``, or ``captions``),
        ``text`` (equal to ``column[start:end]``) and ``part``.

    Raises
    ------
    ValueError
        If a needed column is missing, or for an unknown part.

    Examples
    --------
    >>> from toolkit import load_articles, sample_data_path
    >>> sentences = split_sentences(load_articles(sample_data_path()))
    >>> sentences.groupby(["outlet", "part"])["sentence"].count().to_dict()
    {('AP wire copy', 'body'): 46, ('Morning Star', 'body'): 15, ('Morning Star', 'caption'): 1, ('Morning Star', 'title'): 1}
    """
    parts = (parts,) if isinstance(parts, str) else tuple(parts)
    for part in parts:
        check_choice("parts", part, Part)
    needed = ["article_id", "outlet", *(PART_COLUMNS[p] for p in parts if p == "body")]
    check_columns(articles, needed or ["article_id", "outlet"], what="the articles table")
    columns = {p: articles[PART_COLUMNS[p]].tolist() if PART_COLUMNS[p] in articles.columns else [None] * len(articles)
               for p in PARTS}
    rows = []
    for i, (article_id, outlet) in enumerate(zip(articles["article_id"].tolist(), articles["outlet"].tolist())):
        paratext = 0
        for part in ("title", "caption"):
            if part in parts:
                for row in _part_sentences(article_id, outlet, columns[part][i], part, first_paragraph=-1 - (part == "caption")):
                    paratext += 1
                    rows.append(row[:2] + (row[2], -paratext) + row[4:])
        if "body" in parts:
            rows.extend(_part_sentences(article_id, outlet, columns["body"][i], "body", first_paragraph=0))
    table = pd.DataFrame(rows, columns=SENTENCE_COLUMNS)
    return table.astype({"paragraph": "int64", "sentence": "int64", "start": "int64", "end": "int64"})


def _part_sentences(article_id: str, outlet: str, text, part: str, *, first_paragraph: int) -> list[tuple]:
    """Sentences of one text; paragraphs count up from ``first_paragraph`` (down if negative)."""
    rows = []
    if not isinstance(text, str):
        return rows
    spans = paragraph_spans(text) if part != "caption" else _line_spans(text)
    step = 1 if first_paragraph >= 0 else -1
    for p, (p_start, p_end) in enumerate(spans):
        for s_start, s_end in sentence_spans(text[p_start:p_end]):
            start, end = p_start + s_start, p_start + s_end
            rows.append((article_id, outlet, first_paragraph + step * p, len(rows), start, end,
                         text[start:end], part))
    return rows


def _line_spans(text: str) -> list[tuple[int, int]]:
    spans, offset = [], 0
    for line in text.split("\n"):
        if line.strip():
            spans.append((offset, offset + len(line)))
        offset += len(line) + 1
    return spans


def locate(articles: pd.DataFrame, rows: pd.DataFrame) -> pd.Series:
    """Return the text that each row's offsets point to in its article: the evidence itself.

    Works for any table with ``article_id, start, end`` (and ``part``; "body" if absent):
    sentences, mentions, quotes.

    Parameters
    ----------
    articles : pandas.DataFrame
        The articles table the rows were derived from.
    rows : pandas.DataFrame
        Rows with offsets.

    Returns
    -------
    pandas.Series
        One string per row, aligned with ``rows``.

    Examples
    --------
    >>> from toolkit import load_articles, sample_data_path
    >>> articles = load_articles(sample_data_path())
    >>> sentences = split_sentences(articles)
    >>> bool((locate(articles, sentences) == sentences["text"]).all())
    True
    """
    check_columns(rows, ["article_id", "start", "end"], what="the rows")
    by_id = articles.set_index("article_id")
    parts = rows["part"] if "part" in rows.columns else pd.Series("body", index=rows.index)
    texts = [by_id.at[a, PART_COLUMNS[p]] for a, p in zip(rows["article_id"], parts)]
    return pd.Series([t[s:e] for t, s, e in zip(texts, rows["start"], rows["end"])], index=rows.index, dtype=object)
