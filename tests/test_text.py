import pytest

from toolkit.text.normalize import count_words, join_paragraphs, normalize_line


@pytest.mark.parametrize("raw, expected", [
    ("Putin to ''stop wasting the world's time''.", 'Putin to "stop wasting the world\'s time".'),
    ("``Quoted,'' he said.", '"Quoted," he said.'),
    ("\u201cCurly\u201d and \u00abangled\u00bb", '"Curly" and "angled"'),
    ("Ukraine\u2019s delegation", "Ukraine's delegation"),
    ("\u2018single quote\u2019 kept", "\u2018single quote\u2019 kept"),
    ("  oil\u00a0 refinery.\u00a0 ", "oil refinery."),
    ("zero\u200bwidth soft\u00adhyphen", "zerowidth softhyphen"),
    ("tab\tseparated", "tab separated"),
])
def test_normalize_line(raw, expected):
    assert normalize_line(raw) == expected


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
