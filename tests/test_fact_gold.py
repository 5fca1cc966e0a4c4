import json
import re

import pytest

import toolkit
from devtools.fact_gold import fact_gold_counts, fact_gold_path, read_fact_gold, validate_fact_gold

GOLD = fact_gold_path()
README = GOLD.with_name("README.md")

# The counts of the committed fictional set (stated in its README).
TOTALS = {
    "events": 3, "articles": 12, "sentences": 296, "fact_sentences": 256, "comment_sentences": 14,
    "furniture_sentences": 26, "facts": 160, "facts_one_outlet": 75, "facts_two_outlets": 54,
    "facts_three_plus_outlets": 31, "cross_outlet_pairs": 213, "repeats_in_article": 24, "repeats_in_body": 2,
    "fact_sizes": {1: 71, 2: 52, 3: 26, 4: 4, 5: 3, 6: 2, 7: 2},
}
BY_EVENT = {  # sentences, facts, one / two / three or more outlets, cross-outlet pairs
    "F1": (108, 59, 28, 19, 12, 76),
    "F2": (94, 51, 24, 17, 10, 69),
    "F3": (94, 50, 23, 18, 9, 68),
}


@pytest.fixture(scope="module")
def committed():
    return validate_fact_gold(GOLD, GOLD.with_suffix(""))


def test_committed_gold_validates_with_its_counts(committed):
    assert {k: v for k, v in committed.items() if k != "by_event"} == TOTALS
    keys = ["sentences", "facts", "facts_one_outlet", "facts_two_outlets", "facts_three_plus_outlets",
            "cross_outlet_pairs"]
    assert {e: tuple(c[k] for k in keys) for e, c in committed["by_event"].items()} == BY_EVENT
    assert {e: c["articles"] for e, c in committed["by_event"].items()} == {"F1": 4, "F2": 4, "F3": 4}


def test_readme_states_the_counts(committed):
    """Every row of the README's counts table (| `name` | total | F1 | F2 | F3 |) is the computed count."""
    rows = re.findall(r"^\| `(\w+)` \| ([\d ]+) \| ([\d ]+) \| ([\d ]+) \| ([\d ]+) \|$", README.read_text(), re.M)
    assert len(rows) == 12
    for name, *values in rows:
        expected = [committed[name], *(committed["by_event"][e][name] for e in ("F1", "F2", "F3"))]
        assert [int(v) for v in values] == expected, name
    sizes = re.search(r"^Sentences per fact: (.+)\.$", README.read_text(), re.M).group(1)
    assert sizes == ", ".join(f"{size}: {n}" for size, n in TOTALS["fact_sizes"].items())


def test_readme_states_the_articles_and_the_figures_of_its_prose(committed):
    text = README.read_text()
    gold = read_fact_gold(GOLD)
    rows = re.findall(r"^\| (F\d) \| `([\w-]+)` \| ([^|]+) \| (\d+) \((\d+) \+ (\d+) \+ (\d+)\) \|$", text, re.M)
    assert len(rows) == 12
    for event, article_id, outlet, total, title, captions, body in rows:
        lines = gold[gold["article_id"] == article_id]
        assert (lines["event"].iloc[0], lines["outlet"].iloc[0]) == (event, outlet.strip())
        parts = lines["part"].value_counts()
        assert [int(total), int(title), int(captions), int(body)] == [
            len(lines), parts.get("title", 0), parts.get("caption", 0), parts.get("body", 0)], article_id
    for phrase in (f"({committed['facts_one_outlet']} of {committed['facts']})",
                   f"{committed['comment_sentences']} comments", f"{committed['furniture_sentences']} lines of furniture",
                   f"all {committed['sentences']} units"):
        assert phrase in " ".join(text.split())


def test_data_readme_states_the_counts(committed):
    text = " ".join(README.parents[2].joinpath("README.md").read_text().split())
    assert (f"`fictional.jsonl`: {committed['articles']} articles, {committed['sentences']} sentences, "
            f"{committed['facts']} facts;") in text


def test_leads_and_deep_positions_named_in_the_readme():
    """The 'lead in one outlet, deep in another' examples: (fact, article, body sentence)."""
    gold = read_fact_gold(GOLD)
    body = gold[gold["part"] == "body"]
    where = {(f, a, s) for facts, a, s in zip(body["facts"], body["article_id"], body["sentence"]) for f in facts}
    for fact, article, sentence in [
        ("F1-F29", "2026-05-13-clarion-policy-waiting-to-kill", 0),      # the 2024 inspection change: lead
        ("F1-F29", "2026-05-12-eastgate-ferry-capsizes", 25),            # ... and deep in the wire
        ("F1-F33", "2026-05-13-dunmere-exchange-varrow-shares", 1),      # the share fall: lead
        ("F1-F33", "2026-05-12-eastgate-ferry-capsizes", 28),
        ("F2-F28", "2026-05-22-dunmere-exchange-property-rally", 1),     # Halden Homes' rise
        ("F2-F28", "2026-05-21-eastgate-housing-law-passes", 24),
        ("F3-F26", "2026-06-03-dunmere-exchange-corvel-shares", 1),      # Corvel's share rise
        ("F3-F26", "2026-06-02-eastgate-danek-sentenced", 22),
        ("F3-F18", "2026-06-02-eastgate-danek-sentenced", 15),           # Rennick "vindicated"
        ("F3-F18", "2026-06-03-morning-blast-fat-cat-walks-free", 2),
    ]:
        assert (fact, article, sentence) in where, (fact, article, sentence)
    short = {"Eastgate News Agency": "wire", "The Morning Blast": "tabloid", "The Clarion": "Clarion",
             "The Dunmere Exchange": "Exchange"}
    members = body.explode("facts")
    outlets = members.groupby("facts")["outlet"].agg(lambda o: sorted({short[name] for name in o}))
    # background facts shared by outlets, as the README lists them
    assert outlets[["F1-F29", "F1-F32", "F2-F26", "F2-F27", "F3-F19", "F3-F20", "F3-F22"]].tolist() == [
        ["Clarion", "Exchange", "wire"], ["tabloid", "wire"], ["Clarion", "Exchange", "wire"], ["Exchange", "wire"],
        ["Clarion", "Exchange", "wire"], ["Exchange", "wire"], ["Exchange", "wire"]]


def test_read_gives_one_row_per_sentence_with_a_list_of_facts():
    gold = read_fact_gold(GOLD)
    assert len(gold) == 296
    first = gold.iloc[1]
    assert (first["article_id"], first["part"], first["sentence"], first["facts"], first["kind"], first["line"]) == (
        "2026-05-12-eastgate-ferry-capsizes", "body", 0, ["F1-F2", "F1-F4"], "fact", 2)
    assert gold["kind"].value_counts().to_dict() == {"fact": 256, "furniture": 26, "comment": 14}


# --- a small corpus written here ---------------------------------------------------------

def _line(**fields):
    row = {"event": "E1", "article_id": "a", "outlet": "A", "part": "body", "sentence": 0, "start": 0,
           "end": 29, "text": "It rained all day in Corvane.", "facts": ["E1-F1"], "kind": "fact"}
    row.update(fields)
    return json.dumps(row)


@pytest.fixture
def small(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("title: Rain in Corvane\noutlet: A\n\nIt rained all day in Corvane. "
                                  "Roads were closed.\n\nBy Jo Vell | Corvane\n")
    (corpus / "b.txt").write_text("title: Storm\noutlet: B\n\nHeavy rain fell on Corvane on Monday.\n")
    lines = [
        _line(part="title", sentence=-1, end=15, text="Rain in Corvane"),
        _line(),
        _line(sentence=1, start=30, end=48, text="Roads were closed.", facts=["E1-F2"]),
        _line(sentence=2, start=50, end=70, text="By Jo Vell | Corvane", facts=[], kind="furniture"),
        _line(article_id="b", outlet="B", part="title", sentence=-1, end=5, text="Storm", facts=[], kind="comment"),
        _line(article_id="b", outlet="B", end=37, text="Heavy rain fell on Corvane on Monday."),
    ]
    gold = tmp_path / "small.jsonl"
    gold.write_text("\n".join(lines) + "\n")
    (tmp_path / "small-facts.csv").write_text("event,fact,summary\nE1,E1-F1,It rained.\nE1,E1-F2,Roads closed.\n")
    return gold, corpus


def test_small_gold_validates_with_exact_counts(small):
    gold, corpus = small
    counts = validate_fact_gold(gold, corpus)
    assert counts["sentences"] == 6 and counts["facts"] == 2
    assert (counts["facts_one_outlet"], counts["facts_two_outlets"], counts["cross_outlet_pairs"]) == (1, 1, 2)
    assert counts["fact_sizes"] == {1: 1, 3: 1}
    assert (counts["repeats_in_article"], counts["repeats_in_body"]) == (1, 0)
    assert (counts["fact_sentences"], counts["comment_sentences"], counts["furniture_sentences"]) == (4, 1, 1)
    # an articles table does as well as a folder
    assert validate_fact_gold(gold, toolkit.load_articles(corpus))["cross_outlet_pairs"] == 2


@pytest.mark.parametrize("line, message", [
    ('{"event": "E1", "article_id": ', r"line 3: not valid JSON"),
    ('["E1"]', r"line 3: a JSON list, not an object"),
    (_line(sentence=5, facts=None), r"line 3: facts must be a list"),
    (_line(sentence=5, kind="fact", facts=[]), r"line 3: kind 'fact' but no facts"),
    (_line(sentence=5, facts=["E2-F1"]), r"line 3: fact id 'E2-F1' is not of the form 'E1-F<number>'"),
    (_line(sentence=5, facts=["E1-3"]), r"line 3: fact id 'E1-3'"),
    (_line(sentence=5, kind="furniture"), r"line 3: kind 'furniture' lists facts"),
    (_line(sentence=5, kind="opinion"), r"line 3: kind 'opinion' is not one of 'fact', 'comment', 'furniture'"),
    (_line(sentence="5"), r"line 3: sentence must be a whole number"),
    (_line(sentence=5, fact=["E1-F1"]), r"line 3: unknown field\(s\) fact"),
    (json.dumps({"event": "E1", "article_id": "a"}), r"line 3: missing field\(s\) outlet, part"),
    (_line(sentence=5, end=12), r"line 3: end - start is 12, but the text has 29 characters"),
    (_line(), r"line 3: sentence 0 \(body\) of article 'a' is already on line 2"),
])
def test_malformed_line_gives_an_error_naming_the_line(tmp_path, line, message):
    path = tmp_path / "bad.jsonl"
    path.write_text("\n".join([_line(part="title", sentence=-1, end=15, text="Rain in Corvane"), _line(), line]))
    with pytest.raises(ValueError, match=re.escape(str(path)) + ", " + message):
        read_fact_gold(path)


def test_empty_file_is_an_error(tmp_path):
    path = tmp_path / "empty.jsonl"
    path.write_text("\n")
    with pytest.raises(ValueError, match="no lines"):
        read_fact_gold(path)


def test_disagreements_with_the_split_and_the_summaries_are_listed(small):
    gold, corpus = small
    lines = gold.read_text().splitlines()
    lines[2] = lines[2].replace("Roads were closed.", "Roads were shut!!.")     # the text differs
    lines[5] = lines[5].replace("E1-F1", "E1-F9")                              # a fact missing from the CSV
    del lines[3]                                                               # the byline has no line
    gold.write_text("\n".join(lines) + "\n")
    with pytest.raises(ValueError) as error:
        validate_fact_gold(gold, corpus)
    assert str(error.value).splitlines()[1:] == [
        "- line 3: text 'Roads were shut!!.' differs from the splitter's 'Roads were closed.'",
        "- article 'a': body sentence 2 has no line ('By Jo Vell | Corvane')",
        "- fact E1-F9 (E1) is not in the fact summaries",
    ]
    assert str(error.value).splitlines()[0].endswith("small.jsonl: 3 problem(s):")


def test_unannotated_article_and_unused_summary_are_listed(small, tmp_path):
    gold, corpus = small
    (corpus / "c.txt").write_text("title: Sun\noutlet: C\n\nThe sun came out in Corvane on Tuesday.\n")
    (tmp_path / "small-facts.csv").write_text("event,fact,summary\nE1,E1-F1,It rained.\nE1,E1-F2,Roads closed.\n"
                                              "E1,E1-F3,Unused.\n")
    with pytest.raises(ValueError, match=r"(?s)article 'c' of the corpus has no lines.*fact E1-F3 \(E1\) of the "
                                         r"fact summaries is on no line"):
        validate_fact_gold(gold, corpus)


def test_counts_of_a_literal_table():
    import pandas as pd

    gold = pd.DataFrame({"event": ["E1"] * 4, "article_id": ["a", "a", "b", "c"], "outlet": ["A", "A", "B", "C"],
                         "part": ["title", "body", "body", "body"],
                         "facts": [["E1-F1"], ["E1-F1", "E1-F2"], ["E1-F1"], []],
                         "kind": ["fact", "fact", "fact", "furniture"]})
    counts = fact_gold_counts(gold)
    # F1: a title, a body, b body -> pairs (a-title, b), (a-body, b); F2: one sentence
    assert (counts["facts"], counts["facts_one_outlet"], counts["facts_two_outlets"]) == (2, 1, 1)
    assert counts["cross_outlet_pairs"] == 2
    assert (counts["repeats_in_article"], counts["repeats_in_body"]) == (1, 0)
    assert counts["fact_sizes"] == {1: 1, 3: 1}
