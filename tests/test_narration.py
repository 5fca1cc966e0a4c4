"""devtools.narration: the figures a notebook's text quotes, checked against what its code shows."""

from devtools.narration import quoted_numbers, shown_numbers, unshown_numbers


def _printed(text):
    return {"cell_type": "code", "source": "", "outputs": [{"output_type": "stream", "text": text}]}


def _text(source, cell_id="m"):
    return {"cell_type": "markdown", "source": source, "id": cell_id}


def test_the_issue_26_contradictions_are_caught():
    cells = [_printed("The wire: 3 of 20 facts left out; the tabloid: 7 of 10 articles\n"),
             _text("The wire leaves out few (2 of 19); the tabloid does so in six articles of ten."),
             _printed("dev_mt: linear 60.4 %, vader-window 58.1 %\n"),
             _text("About two targets in three right, against 58.1 % for a lexicon window.", "n")]
    missing = unshown_numbers(cells, before=1, after=0)
    assert missing[["cell_id", "number"]].values.tolist() == [
        ["m", "2"], ["m", "19"], ["m", "six articles of ten"], ["n", "two targets in three"]]


def test_rounding_percentages_and_counts_in_words_match():
    cells = [_printed("share 0.6042, interval 0.11 to 0.32; 4 of 6 hostile; 1,150 jobs; -0.27\n"),
             _text("60 % (0.60), 0.11 to 0.32 %, four of the six, 1,150 jobs, a mean of -0.27.")]
    assert unshown_numbers(cells).empty


def test_references_conventions_code_and_headings_are_not_figures():
    text = ("## 3. Exercise 2\n\n1. In section 2 and notebook 05 (about 45 minutes, 4 December 2025, Python 3.10),\n"
            "a 95 % interval, where 0.5 is a coin toss and 1 perfect, polarity from -1 (negative) to +1, z beyond ±1.96;"
            " call `group_events(threshold=0.3)` or read [the key](data/gold/events/README.md); Frermann et al. 2023.\n"
            "| [07 · Words](07-words.ipynb) | 45 min | 02-04 |")
    assert quoted_numbers(text) == []


def test_a_number_shown_only_far_away_is_not_shown_nearby():
    cells = [_printed("12 events\n"), _printed("a\n"), _printed("b\n"), _printed("c\n"), _text("In 12 events.")]
    assert unshown_numbers(cells)["number"].tolist() == ["12"]
    assert unshown_numbers(cells, before=4).empty


def test_shown_numbers_reads_tables_and_skips_html_placeholders():
    outputs = [{"output_type": "execute_result", "data": {"text/plain": "   share\n0   0.92", "text/html": "<td>9</td>"}},
               {"output_type": "display_data", "data": {"text/plain": "<IPython.core.display.HTML object>",
                                                        "text/html": "<b>41</b> rows"}}]
    assert shown_numbers(outputs) == {0.0, 0.92, 41.0}
