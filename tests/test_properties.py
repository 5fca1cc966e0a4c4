"""Property-based tests (hypothesis): for any text, the pipeline's promises hold.

Nothing is lost in cleaning, every sentence, mention and quote points at exactly its own text
in the article, sentences do not overlap, and nothing crashes. The examples are derandomized
(the same on every run and in CI) and news-like: words, names of the sample dictionary, titles
such as "Mr.", every kind of quote mark, boilerplate lines, blank lines and stray Unicode.
"""

import pandas as pd
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from toolkit import clean_text, extract_quotes, find_mentions, load_actors, locate, sample_actors_path, split_sentences
from toolkit.loading.cleaning import _default_rules
from toolkit.text.normalize import normalize_line

#: Examples per property: enough to reach the odd corners (quotes across paragraphs, titles at
#: line ends, empty parts), few enough for the suite to stay under a minute.
EXAMPLES = 400
PROPERTY = settings(max_examples=EXAMPLES, derandomize=True, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

WORDS = ["the", "talks", "said", "told", "reporters", "Putin", "Zelenskyy", "Zelensky", "Kyiv", "Kiev", "Mr.", "Gov.",
         "Russia", "Ukraine", "U.S.", "officials", "he", "she", "accused", "urged", "on", "Friday", "12", "1.5",
         "according", "to", "Moscow", "the Kremlin", "Witkoff", "Dr", "St.", "No.", "a", "that", "would", "not"]
PUNCTUATION = [".", ",", "?", "!", ":", ";", " —", " -", '"', "''", "``", "\u201c", "\u201d", "\u2018", "\u2019", "'",
               "(", ")", "...", "\u2026"]
LINES = ["Subscribe to continue reading.", "Skip to main content", "Advertisement", "Share this article",
         "Photo: Reuters", "Read more: Ukraine talks", "By Jane Doe", ""]

token = st.one_of(st.sampled_from(WORDS), st.sampled_from(PUNCTUATION), st.text(max_size=3))
line = st.one_of(st.lists(token, max_size=25).map(" ".join), st.sampled_from(LINES))
article_text = st.lists(line, min_size=1, max_size=12).map("\n".join)


@PROPERTY
@given(article_text)
def test_cleaning_loses_nothing(text):
    """Every non-blank line is in the cleaned text, or in the log of removed lines (once)."""
    result = clean_text(text, rules=_default_rules())
    removed = [number for number, *_ in result.removed]
    assert len(removed) == len(set(removed))
    for number, raw in enumerate(text.splitlines(), start=1):
        normalized = normalize_line(raw)
        if normalized:
            assert number in removed or normalized in result.text, (number, raw)
    unchanged = clean_text(text, clean=False)
    assert unchanged.removed == [] and unchanged.text.split() == " ".join(map(normalize_line, text.splitlines())).split()


# An article: its body, a headline (or none) and photo captions, each normalized as the loader does.
article = st.tuples(article_text, st.one_of(st.none(), line), st.lists(line, max_size=3))


def _articles(drawn):
    return pd.DataFrame({
        "article_id": [f"a{i}" for i in range(len(drawn))], "outlet": "X",
        "text": [clean_text(body, rules=_default_rules()).text for body, _, _ in drawn],
        "title": [normalize_line(title) or None if title is not None else None for _, title, _ in drawn],
        "captions": ["\n".join(filter(None, map(normalize_line, captions))) for _, _, captions in drawn]})


@PROPERTY
@given(st.lists(article, min_size=1, max_size=3))
@example([("", None, [".{"])])        # a caption split inside a "word": covered all the same
def test_sentences_are_exact_ordered_and_cover_the_text(drawn):
    articles = _articles(drawn)
    sentences = split_sentences(articles)
    assert (locate(articles, sentences) == sentences["text"]).all()
    for (article_id, part), group in sentences.groupby(["article_id", "part"]):
        spans = sorted(zip(group["start"], group["end"]))
        assert all(end <= next_start for (_, end), (next_start, _) in zip(spans, spans[1:]))
        assert all(start < end for start, end in spans)
        body = articles.set_index("article_id").at[article_id, {"body": "text", "title": "title",
                                                                 "caption": "captions"}[part]]
        gaps = zip([(0, 0)] + spans, spans + [(len(body), 0)])
        outside = "".join(body[end:next_start] for (_, end), (next_start, _) in gaps)
        assert not outside.strip(), outside          # nothing but white space outside the sentences


ACTORS = load_actors(sample_actors_path())


@PROPERTY
@given(st.lists(article, min_size=1, max_size=3))
def test_mentions_and_quotes_point_at_their_own_text(drawn):
    articles = _articles(drawn)
    sentences = split_sentences(articles)
    mentions = find_mentions(sentences, ACTORS)
    assert (locate(articles, mentions) == mentions["surface"]).all()
    quotes = extract_quotes(sentences, ACTORS, mentions=mentions)
    assert (locate(articles, quotes) == quotes["text"]).all()
    assert (quotes["start"] <= quotes["end"]).all()
    assert set(quotes["kind"]) <= {"direct", "mixed", "indirect"}
