import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from toolkit.text.normalize import BIDI_CONTROLS, count_words, join_paragraphs, normalize_line


@pytest.mark.parametrize("raw, expected", [
    ("Putin to ''stop wasting the world's time''.", 'Putin to "stop wasting the world\'s time".'),
    ("``Quoted,'' he said.", '"Quoted," he said.'),
    ("\u201cCurly\u201d and \u00abangled\u00bb", '"Curly" and "angled"'),
    ("Ukraine\u2019s delegation", "Ukraine's delegation"),
    ("\u2018single quote\u2019 kept", "\u2018single quote\u2019 kept"),
    ("  oil\u00a0 refinery.\u00a0 ", "oil refinery."),
    ("zero\u200bwidth soft\u00adhyphen", "zerowidth softhyphen"),
    ("tab\tseparated", "tab separated"),
    # issue 24: every white space is one space (the unit separator and the ogham space mark made "Kevin McCarthy"
    # one name for discovery and none for the matcher); bidirectional controls are removed
    ("Kevin\x1fMcCarthy and Kevin\u1680McCarthy", "Kevin McCarthy and Kevin McCarthy"),
    ("Fox \u202eswen\u202c, \u2066Kyiv\u2069 \u202a\u202b\u202d\u2067\u2068x\u200f", "Fox swen, Kyiv x"),
])
def test_normalize_line(raw, expected):
    assert normalize_line(raw) == expected


@given(st.text(alphabet=st.characters(codec="utf-8")))
def test_a_normalized_line_has_single_spaces_and_no_invisible_characters(line):
    """Issue 24: every white space counts as a space, and no bidirectional control reaches a page."""
    normalized = normalize_line(line)
    assert not [c for c in normalized if c.isspace() and c != " "]
    assert "  " not in normalized and normalized == normalized.strip()
    assert not re.search(f"[{BIDI_CONTROLS}\u200b\u200c\u200d\u2060\ufeff\u00ad]", normalized)
    assert normalize_line(normalized) == normalized


def test_join_paragraphs_keeps_flattened_lines_apart_and_joins_wrapped_ones():
    lines = ["Headline without stop", "First paragraph of a", "wrapped story.", "",
             "Second paragraph.", "Third, on its own line."]
    assert join_paragraphs(lines) == ["Headline without stop", "First paragraph of a wrapped story.",
                                      "Second paragraph.", "Third, on its own line."]


def test_join_paragraphs_of_nothing():
    assert join_paragraphs(["", ""]) == []


def test_count_words():
    assert count_words("Ukraine's 12-year-old boy, killed.") == 4
    assert count_words("") == 0
