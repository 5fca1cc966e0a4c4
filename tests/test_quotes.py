from pathlib import Path

import pandas as pd
import pytest

from toolkit import extract_quotes, load_actors, load_articles, load_verbs, locate, split_sentences
from toolkit.validation.quote_gold import quote_errors, read_quote_gold, score_quotes
from toolkit.actors.quotes import QUOTE_COLUMNS, VerbsError, quote_spans

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "data" / "gold" / "quotes"

ACTORS = """\
actors:
  - {name: Anna Varga, type: person, side: A, gender: female, aliases: [Anna Varga, Varga], titles: [Ms, Foreign Minister]}
  - {name: Piet Holm, type: person, side: B, gender: male, aliases: [Piet Holm, Holm], titles: [Mr]}
  - {name: Marevia, type: country, side: A, aliases: [Marevia]}
  - {name: Tessaly, type: place, side: other, aliases: [Tessaly]}
"""


@pytest.fixture(scope="module")
def actors(tmp_path_factory):
    path = tmp_path_factory.mktemp("actors") / "a.yml"
    path.write_text(ACTORS, encoding="utf-8")
    return load_actors(path)


def quotes_of(text, actors):
    articles = load_articles(pd.DataFrame({"article_id": ["a"], "outlet": ["X"], "text": [text]}))
    found = extract_quotes(split_sentences(articles, parts="body"), actors)
    assert (locate(articles, found) == found["text"]).all()
    return found[["speaker", "speaker_type", "verb", "kind", "text"]].values.tolist()


# --- the "done when", on the sample corpus -----------------------------------------

@pytest.fixture(scope="module")
def sample_quotes(sample_corpus, sample_sentences):
    from toolkit import sample_actors_path
    return extract_quotes(sample_sentences, load_actors(sample_actors_path()))


def test_sample_quotes_match_the_gold_standard_exactly(sample_corpus, sample_quotes):
    gold = read_quote_gold(GOLD / "sample.jsonl", sample_corpus.articles)
    assert quote_errors(gold, sample_quotes).empty
    scores = score_quotes(gold, sample_quotes).set_index(["subset", "measure"])
    assert scores.loc[("all", "quotes"), ["correct", "predicted", "gold"]].tolist() == [40, 40, 40]


def test_wire_speakers_he_said_peskov_and_the_unnamed_official(sample_quotes):
    ap = sample_quotes[sample_quotes["outlet"] == "AP wire copy"].set_index("text")
    assert ap.loc["But there's still a lot of work to be done, both in Washington and in Moscow,",
                  ["speaker", "speaker_type"]].tolist() == ["Yuri Ushakov", "pronoun"]
    assert ap.loc["We're deliberately not going to add anything,", "speaker"] == "Dmitry Peskov"
    assert ap.loc["It's understood that the quieter these negotiations are conducted, the more productive they will be.",
                  ["speaker", "speaker_type"]].tolist() == ["Dmitry Peskov", "none"]
    official = ap[ap["speaker"] == "a senior Trump administration official"]
    assert official[["speaker_type", "verb", "kind"]].values.tolist() == [["unnamed", "according to", "indirect"]]


def test_putin_quote_in_the_morning_star(sample_quotes):
    ms = sample_quotes[(sample_quotes["outlet"] == "Morning Star") & (sample_quotes["kind"] == "direct")]
    assert ms[["speaker", "speaker_type", "verb"]].values.tolist() == [["Vladimir Putin", "pronoun", "say"]]
    assert ms["text"].iloc[0].startswith("All this boils down to one thing")


def test_urged_and_accused_are_evaluative(sample_quotes):
    classes = dict(zip(sample_quotes["verb"], sample_quotes["verb_class"]))
    assert (classes["urge"], classes["accuse"], classes["say"], classes["tell"]) == (
        "evaluative", "evaluative", "neutral", "neutral")


def test_columns_and_offsets(sample_corpus, sample_quotes):
    assert list(sample_quotes.columns) == QUOTE_COLUMNS
    assert (locate(sample_corpus.articles, sample_quotes) == sample_quotes["text"]).all()


@pytest.mark.parametrize("name", ["fictional-example", "fictional-example-2"])
def test_written_text_matches_its_gold(name):
    articles = load_articles(GOLD / f"{name}.txt")
    found = extract_quotes(split_sentences(articles), load_actors(ROOT / "data" / "actors" / f"{name}.yml"))
    assert quote_errors(read_quote_gold(GOLD / f"{name}.jsonl", articles), found).empty


# --- small literal cases --------------------------------------------------------------------

def test_direct_quote_after_and_before_attribution(actors):
    assert quotes_of('"We will not give up," Ms Varga said. Holm said: "It is over."', actors) == [
        ["Anna Varga", "named", "say", "direct", "We will not give up,"],
        ["Piet Holm", "named", "say", "direct", "It is over."]]


def test_inverted_attribution_and_pronoun(actors):
    assert quotes_of('Varga met Holm. "Talks failed," said Holm. "We tried," she said.', actors) == [
        ["Piet Holm", "named", "say", "direct", "Talks failed,"],
        ["Anna Varga", "pronoun", "say", "direct", "We tried,"]]


def test_multi_sentence_quote_and_continuation(actors):
    text = '"The talks failed. We will try again," Holm said. "Nobody wants a war."'
    assert quotes_of(text, actors) == [
        ["Piet Holm", "named", "say", "direct", "The talks failed. We will try again,"],
        ["Piet Holm", "none", "", "direct", "Nobody wants a war."]]


def test_mixed_quote_and_curly_single_quotes(actors):
    assert quotes_of("Varga urged Holm to \u2018stop wasting time\u2019 in the talks.", actors) == [
        ["Anna Varga", "named", "urge", "mixed", "stop wasting time"]]


def test_reported_speech_forms(actors):
    text = ("Holm said that the border would stay closed for a week. "
            "The river has flooded three villages, officials in Tessaly said on Monday. "
            "The dam is safe, according to a senior engineer who asked not to be named. "
            "Diplomats in Tessaly warned that the crisis could spread to the coast.")
    assert quotes_of(text, actors) == [
        ["Piet Holm", "named", "say", "indirect", "the border would stay closed for a week"],
        ["officials in Tessaly", "unnamed", "say", "indirect", "The river has flooded three villages"],
        ["a senior engineer", "unnamed", "according to", "indirect", "The dam is safe"],
        ["Diplomats in Tessaly", "unnamed", "warn", "indirect", "the crisis could spread to the coast"]]


def test_not_attributions(actors):
    text = ("The plan was criticised by farmers across the whole region. Neither side has said when talks resume. "
            "Holm declined to comment on the claims from Marevia. The so-called peace plan is dead, it is clear.")
    assert quotes_of(text, actors) == []


def test_compound_and_list_speakers(actors):
    text = "Marevia and Tessaly said the water agreement would be signed next week."
    assert quotes_of(text, actors) == [
        ["Marevia and Tessaly", "multiple", "say", "indirect", "the water agreement would be signed next week"]]


def test_quote_spans():
    assert quote_spans('He said "yes" and "no') == [(9, 12), (19, 21)]
    assert quote_spans("Kyiv\u2019s \u2018plan\u2019 works") == [(8, 12)]


# --- verbs ----------------------------------------------------------------------------------

def test_verb_list(tmp_path):
    verbs = load_verbs()
    assert verbs.lookup("claimed") == ("claim", "evaluative")
    assert verbs.lookup("Told") == ("tell", "neutral")
    path = tmp_path / "v.yml"
    path.write_text("verbs:\n  - {lemma: grumble, class: evaluative, forms: [grumbled]}\n")
    assert quotes_of_with_verbs("Holm grumbled that the food was bad and cold.", path) == [["grumble", "evaluative"]]


def quotes_of_with_verbs(text, verbs_path):
    articles = load_articles(pd.DataFrame({"article_id": ["a"], "outlet": ["X"], "text": [text]}))
    from toolkit.actors.dictionary import ActorDictionary
    found = extract_quotes(split_sentences(articles), ActorDictionary(()), verbs=verbs_path)
    return found[["verb", "verb_class"]].values.tolist()


@pytest.mark.parametrize("content, message", [
    ("verbs: [", "is not valid YAML"),
    ("say: x\n", "expected a top-level key 'verbs' holding a list"),
    ("verbs:\n  - say\n", "verb 1: expected a mapping"),
    ("verbs:\n  - {lemma: say, class: polite, forms: [said]}\n", r"verb 1 \(say\): field 'class' must be one of neutral, evaluative, other; got 'polite'"),
    ("verbs:\n  - {lemma: say, class: neutral}\n", r"verb 1 \(say\): field 'forms' must be a non-empty list"),
    ("verbs:\n  - {lemma: say, class: neutral, forms: [said], participles: saying}\n",
     r"verb 1 \(say\): field 'participles' must be a list of strings"),
])
def test_malformed_verb_lists(tmp_path, content, message):
    path = tmp_path / "v.yml"
    path.write_text(content)
    with pytest.raises(VerbsError, match=message):
        load_verbs(path)


def test_participles_are_read_apart_from_the_forms(tmp_path):
    path = tmp_path / "v.yml"
    path.write_text("verbs:\n  - {lemma: say, class: neutral, forms: [said], participles: [saying]}\n")
    verbs = load_verbs(path)
    assert (verbs.forms, verbs.participles) == ({"said": ("say", "neutral")}, {"saying": ("say", "neutral")})
    assert verbs.lookup("Saying") == ("say", "neutral")


def test_bad_input(actors):
    with pytest.raises(ValueError, match="the sentences table lacks the column"):
        extract_quotes(pd.DataFrame({"text": ["x"]}), actors)
    with pytest.raises(VerbsError, match="speech-verb list not found"):
        load_verbs("/nonexistent/verbs.yml")


def test_a_headline_of_two_sentences_with_a_quote(actors, tmp_path):
    """Issue 9, case 9: title sentences are numbered -1, -2, ...; they were put back in the wrong
    order and the quote was looked for in the wrong sentence (StopIteration)."""
    (tmp_path / "a.txt").write_text('"We will not surrender." Varga defiant as strikes go on\n\n'
                                    'Holm said on Friday that the talks in Tessaly would go on next week.\n')
    articles = load_articles(tmp_path, outlet="X")
    sentences = split_sentences(articles)
    assert sentences[["part", "sentence", "text"]].values.tolist() == [
        ["title", -1, '"We will not surrender."'], ["title", -2, "Varga defiant as strikes go on"],
        ["body", 0, "Holm said on Friday that the talks in Tessaly would go on next week."]]
    found = extract_quotes(sentences, actors)
    assert found[["part", "sentence", "speaker", "kind", "text", "start", "end"]].values.tolist() == [
        ["body", 0, "Piet Holm", "indirect", "the talks in Tessaly would go on next week", 25, 67],
        ["title", -1, "unknown", "direct", "We will not surrender.", 1, 23]]
    assert (locate(articles, found) == found["text"]).all()
    captions = pd.DataFrame({"article_id": ["b"], "outlet": ["X"], "text": ["Holm spoke."], "title": [None],
                             "captions": ['Smoke rises. "We stay," Varga said.\n"No," said Holm. He left.']})
    assert extract_quotes(split_sentences(captions), actors)[["part", "speaker", "text"]].values.tolist() == [
        ["caption", "Anna Varga", "We stay,"], ["caption", "Piet Holm", "No,"]]


def test_a_speech_verb_after_a_line_break_and_a_semicolon_does_not_crash(actors):
    """Found on PolNeAR's headlines: '...; \\nSays Clinton would ...' left an empty subject (IndexError)."""
    articles = pd.DataFrame({"article_id": ["a"], "outlet": ["X"], "title": [None], "captions": [""],
                             "text": ["Trump hints at his secret weapon; \nSays Clinton would stack the court against gun owners."]})
    assert extract_quotes(split_sentences(articles, parts="body"), actors).empty   # the raw text, not cleaned


def test_speaker_spans_point_at_the_written_speaker(actors):
    text = ('"We will win," said Rep. Ann Lee of Ohio. Holm, a veteran envoy, said the talks had failed again. '
            '"Nobody wants a war."')
    articles = load_articles(pd.DataFrame({"article_id": ["a"], "outlet": ["X"], "text": [text]}))
    found = extract_quotes(split_sentences(articles, parts="body"), actors)
    written = [text[a:b] if pd.notna(a) else None for a, b in zip(found["speaker_start"], found["speaker_end"])]
    assert found[["speaker", "speaker_type"]].values.tolist() == [
        ["Ann Lee", "named"], ["Piet Holm", "named"], ["Piet Holm", "none"]]
    assert written == ["Rep. Ann Lee of Ohio", "Holm, a veteran envoy", None]


def test_a_speaker_announced_in_the_sentence_before(actors):
    text = 'Holm told reporters on Monday.\n\n"Nothing was agreed, and nothing will be."\n\nVarga said:\n\n"We wait."'
    assert quotes_of(text, actors) == [
        ["Piet Holm", "named", "tell", "direct", "Nothing was agreed, and nothing will be."],
        ["Anna Varga", "named", "say", "direct", "We wait."]]


def test_a_participle_reports_a_clause_only_where_the_parse_says_so(actors):
    text = ("The ministry issued a statement on Monday, saying the talks had failed again.\n\n"
            "As the old saying goes, the early bird gets the worm.\n\n"
            'Holm called the plan "a disgrace" and "a waste of money," saying it would fail.\n\n'
            "Varga left the room, adding that nobody had asked her opinion.")
    assert quotes_of(text, actors) == [
        ["The ministry", "unnamed", "say", "indirect", "the talks had failed again"],
        ["Piet Holm", "named", "called", "mixed", "a disgrace"],
        ["Piet Holm", "named", "called", "mixed", "a waste of money,"],
        ["Anna Varga", "named", "add", "indirect", "nobody had asked her opinion"]]


def test_participles_need_the_parse(actors):
    articles = load_articles(pd.DataFrame({"article_id": ["a"], "outlet": ["X"],
                                           "text": ["The ministry issued a statement on Monday, saying the talks had failed."]}))
    assert extract_quotes(split_sentences(articles, parts="body"), actors, syntax=False).empty


def test_the_quotes_of_one_statement_share_its_number(actors):
    from toolkit import statements

    text = ('"Judge," Holm said, "I have never seen that happen in thirty years."\n\n'
            '"We will win," said Varga. "Nobody can stop us now."\n\n'
            '"The bill is dead," said Rep. Ann Lee.')
    articles = load_articles(pd.DataFrame({"article_id": ["a"], "outlet": ["X"], "text": [text]}))
    found = extract_quotes(split_sentences(articles, parts="body"), actors)
    assert found[["speaker", "kind", "statement"]].values.tolist() == [
        ["Piet Holm", "direct", 0], ["Piet Holm", "direct", 0], ["Anna Varga", "direct", 1],
        ["Anna Varga", "direct", 1], ["Ann Lee", "direct", 2]]
    joined = statements(found)
    assert joined[["speaker", "quotes", "words", "verb", "text"]].values.tolist() == [
        ["Piet Holm", 2, 10, "say", "Judge, … I have never seen that happen in thirty years."],
        ["Anna Varga", 2, 8, "say", "We will win, … Nobody can stop us now."],
        ["Ann Lee", 1, 4, "say", "The bill is dead,"]]
    assert (joined["start"].tolist(), joined["end"].tolist()) == ([1, 71, 125], [67, 121, 142])


def test_statements_of_the_sample_corpus(sample_quotes):
    from toolkit import statements

    joined = statements(sample_quotes)
    assert (len(sample_quotes), len(joined)) == (40, 37)
    assert joined.loc[joined["quotes"] > 1, ["speaker", "kind", "verb"]].values.tolist() == [
        ["Yuri Ushakov", "mixed", "tell"], ["Dmitry Peskov", "direct", "say"], ["Margus Tsahkna", "direct", "say"]]
    assert joined["words"].sum() == sample_quotes["words"].sum()


def test_statements_of_a_table_without_statement_numbers():
    from toolkit import statements

    with pytest.raises(ValueError, match="the quotes table lacks the column\\(s\\) 'statement'"):
        statements(pd.DataFrame(columns=["article_id", "part", "start", "end", "text", "words"]))
