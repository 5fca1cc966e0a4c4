"""Tiny literal study tables for the tests of toolkit.validation (two outlets, three articles)."""

import pandas as pd

TEXTS = {"a1": "Ann won. Bo lost the vote. Cy said: no.", "a2": "Bo wins. Ann fails.", "b1": "Ann spoke. Bo left."}
TITLES = {"a1": "Vote day", "a2": "", "b1": "Ann speaks"}
OUTLETS = {"a1": "X", "a2": "X", "b1": "Y"}


def _sentences():
    rows = []
    for article, text in TEXTS.items():
        rows.append((article, -1, 0, len(TITLES[article]), TITLES[article], "title"))
        start = 0
        for number, sentence in enumerate(s + "." for s in text.rstrip(".").split(". ")):
            rows.append((article, number, start, start + len(sentence), sentence, "body"))
            start += len(sentence) + 1
    table = pd.DataFrame(rows, columns=["article_id", "sentence", "start", "end", "text", "part"])
    table = table[table["text"] != ""].reset_index(drop=True)
    return table.assign(outlet=table["article_id"].map(OUTLETS), event="E1")


def _mention(article, sentence, actor, label):
    text = TEXTS[article]
    start = text.index(actor, SENTENCES.query("article_id == @article and sentence == @sentence")["start"].iloc[0])
    return {"article_id": article, "outlet": OUTLETS[article], "sentence": sentence, "actor": actor,
            "start": start, "end": start + len(actor), "label": label, "event": "E1"}


SENTENCES = _sentences()
ARTICLES = pd.DataFrame({"article_id": list(TEXTS), "outlet": list(OUTLETS.values()), "title": list(TITLES.values()),
                         "text": list(TEXTS.values()), "event": "E1"})
STANCE = pd.DataFrame([_mention("a1", 0, "Ann", "positive"), _mention("a1", 1, "Bo", "negative"),
                       _mention("a2", 0, "Bo", "positive"), _mention("a2", 1, "Ann", "negative"),
                       _mention("b1", 0, "Ann", "neutral"), _mention("b1", 1, "Bo", "neutral")])
# "Cy said: no." is a quote of Cy; the second row is a quote that runs over two sentences
QUOTES = pd.DataFrame({"article_id": ["a1", "b1"], "outlet": ["X", "Y"], "sentence": [2, 0], "last_sentence": [2, 1],
                       "speaker": ["Cy", None], "start": [36, 0], "end": [38, 19], "event": "E1"})


def tables():
    return {"sentences": SENTENCES, "articles": ARTICLES, "stance": STANCE, "quotes": QUOTES}
