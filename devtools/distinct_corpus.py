"""A benchmark corpus of distinct articles: public annotated news corpora joined, topped up with retold ones.

Run ``python -m devtools.distinct_corpus --out corpus.jsonl --basil basil.jsonl --polnear DATA
--newswcl50 RAW --newswcl50-urls urls.tsv --frames articles.jsonl --articles 3000``. Each source
is read from a folder outside the repository (nothing of the data is committed):

- ``--basil``: BASIL converted to JSON Lines (fields ``id, source, date, title, text``);
- ``--polnear``: PolNeAR's ``data`` folder: its *training* split only (the test split is
  never read); the date and the publisher come from the file name;
- ``--newswcl50``: NewsWCL50's ``1-raw-articles`` folder (``event_N/N_X.txt``, the first line
  the headline); with ``--newswcl50-urls`` (the annotations' ``urls.tsv``) each article gets its
  outlet (the site) and, where the URL holds one, its date;
- ``--frames``: the Narrative Frames articles (``articles.jsonl``: ``id, outlet, published, text``).

Articles whose text repeats another's are dropped, so that every real article is distinct. If
they number fewer than ``--articles``, the corpus is topped up with *retold* articles: the
first real articles (in a seeded random order) told again by one of twelve outlets named
"Retold A" ... "Retold L", dated a day later, every sentence of the body (as
:func:`toolkit.split_sentences` finds it) and the headline changed so that no sentence repeats:
its first number is raised by one to three, else its first weekday or month is moved on by one,
else it opens with a connective ("Meanwhile, ", "Separately, " ...). A retold article has the
length, words and syntax of real news, so every sentence is parsed and scored like a new one,
and it joins the event of the article it retells, as a rewrite of wire copy does.

It prints what it wrote: articles per source, sentences, and the share of distinct sentences.
"""

from __future__ import annotations

import argparse
import json
import random
import re
from pathlib import Path

import pandas as pd

#: PolNeAR's publisher codes, as the outlets name themselves.
POLNEAR_OUTLETS = {"breitbart": "Breitbart", "huff-post": "HuffPost", "nyt": "New York Times",
                   "politico": "Politico", "usa-today": "USA Today", "wash-post": "Washington Post",
                   "west-journal": "Western Journal"}
#: NewsWCL50's sites, as the outlets name themselves (others keep their host name).
SITES = {"huffingtonpost.com": "HuffPost", "huffingtonpost.co.uk": "HuffPost", "nytimes.com": "New York Times",
         "usatoday.com": "USA Today", "foxnews.com": "Fox News", "insider.foxnews.com": "Fox News",
         "breitbart.com": "Breitbart"}
RETOLD = [f"Retold {chr(65 + i)}" for i in range(12)]
_CONNECTIVES = ["Meanwhile, ", "Separately, ", "At the same time, ", "Still, ", "Indeed, ", "In addition, "]
_LOWER_FIRST = {"The", "A", "An", "This", "That", "These", "Those", "It", "Its", "He", "She", "They", "We", "There",
                "In", "On", "At", "For", "But", "And", "As", "If", "When", "After", "Before", "While", "His", "Her",
                "Their", "Our", "One", "Some", "Many", "Most", "Other", "According", "By", "With", "To", "From"}
_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"]
_NUMBER = re.compile(r"\d+")
_DAY_OR_MONTH = re.compile(r"\b(" + "|".join(_DAYS + _MONTHS) + r")\b")


def _read_jsonl(path: str | Path) -> pd.DataFrame:
    """A JSON Lines file as a table, every value as written (ids and dates as text)."""
    with open(path, encoding="utf-8") as lines:
        table = pd.DataFrame([json.loads(line) for line in lines if line.strip()])
    return table.assign(id=table["id"].astype(str))


def read_basil(path: str | Path) -> pd.DataFrame:
    """BASIL's articles from its JSON Lines conversion (``id, source, date, title, text``)."""
    table = _read_jsonl(path)
    return pd.DataFrame({"article_id": "basil/" + table["id"], "outlet": table["source"],
                         "published": table["date"], "title": table["title"], "text": table["text"],
                         "corpus": "BASIL"})


def read_polnear_train(data: str | Path) -> pd.DataFrame:
    """PolNeAR's training articles (``data/train/text``); date and publisher from the file name."""
    rows = []
    for path in sorted((Path(data) / "train" / "text").glob("*.txt")):
        code, date, _ = path.stem.split("_", 2)
        rows.append({"article_id": f"polnear/{path.stem}", "outlet": POLNEAR_OUTLETS.get(code, code),
                     "published": date, "title": None, "text": path.read_text(encoding="utf-8"),
                     "corpus": "PolNeAR train"})
    if not rows:
        raise FileNotFoundError(f"no PolNeAR training texts in {Path(data) / 'train' / 'text'}")
    return pd.DataFrame(rows)


def read_newswcl50(raw: str | Path, urls: str | Path | None = None) -> pd.DataFrame:
    """NewsWCL50's raw articles (``event_N/N_X.txt``, headline on the first line)."""
    sites = {}
    if urls is not None:
        table = pd.read_csv(urls, sep="\t", dtype=str)
        for event, code, url in table[["Event ID", "Outlet", "URL"]].itertuples(index=False):
            host = re.sub(r"^www\.", "", url.split("/")[2])
            date = re.search(r"/(20\d\d)/(\d\d)/(\d\d)/", url)
            sites[(event, code)] = (SITES.get(host, host), "-".join(date.groups()) if date else None)
    rows = []
    for path in sorted(Path(raw).glob("event_*/*.txt")):
        event, code = path.name.split(".")[0].split("_", 1)       # event 4's files end in .txt.txt
        title, _, text = path.read_text(encoding="utf-8").strip().partition("\n")
        outlet, date = sites.get((event, code), (f"NewsWCL50 {code}", None))
        rows.append({"article_id": f"newswcl50/{event}_{code}", "outlet": outlet, "published": date,
                     "title": title.strip(), "text": text.strip(), "corpus": "NewsWCL50"})
    if not rows:
        raise FileNotFoundError(f"no NewsWCL50 articles in {raw} (expected event_N/N_X.txt)")
    return pd.DataFrame(rows)


def read_frames(path: str | Path) -> pd.DataFrame:
    """The Narrative Frames articles (``id, outlet, published, text``)."""
    table = _read_jsonl(path)
    return pd.DataFrame({"article_id": "frames/" + table["id"], "outlet": table["outlet"],
                         "published": table["published"], "title": None, "text": table["text"],
                         "corpus": "Narrative Frames"})


def retell_sentence(text: str, number: int) -> str:
    """The sentence changed so that it no longer repeats (see the module's description).

    Examples
    --------
    >>> retell_sentence("Talks lasted 3 hours.", 0)
    'Talks lasted 4 hours.'
    >>> retell_sentence("They met on Monday in May.", 1)
    'They met on Tuesday in May.'
    >>> retell_sentence("The talks failed.", 2)
    'At the same time, the talks failed.'
    """
    found = _NUMBER.search(text)
    if found:
        return f"{text[:found.start()]}{int(found.group()) + 1 + number % 3}{text[found.end():]}"
    found = _DAY_OR_MONTH.search(text)
    if found:
        names = _DAYS if found.group() in _DAYS else _MONTHS
        following = names[(names.index(found.group()) + 1) % len(names)]
        return f"{text[:found.start()]}{following}{text[found.end():]}"
    first = text.split(" ", 1)[0]
    opening = text[0].lower() + text[1:] if first in _LOWER_FIRST else text
    return _CONNECTIVES[number % len(_CONNECTIVES)] + opening


def retell(articles: pd.DataFrame, count: int, *, seed: int = 0) -> pd.DataFrame:
    """``count`` retold articles, from the first articles of ``articles`` in a seeded order.

    Returns
    -------
    pandas.DataFrame
        ``article_id`` (``retold/<n>/<original id>``), ``outlet``, ``published`` (a day later),
        ``title``, ``text`` and ``corpus`` ("retold").
    """
    from toolkit.loading.corpus import load_corpus
    from toolkit.text.sentences import split_sentences

    if count > len(articles):
        raise ValueError(f"{count:,} retold articles asked for, but only {len(articles):,} articles to retell")
    order = list(range(len(articles)))
    random.Random(seed).shuffle(order)
    chosen = articles.iloc[order[:count]].reset_index(drop=True)
    loaded = load_corpus(chosen[["article_id", "outlet", "published", "title", "text"]]).articles
    sentences = split_sentences(loaded, parts="body")
    spans = {key: part for key, part in sentences.groupby("article_id", sort=False)}
    rows = []
    for number, article in enumerate(loaded.itertuples(index=False)):
        text = article.text
        part = spans.get(article.article_id)
        if part is not None:
            for k, (start, end) in enumerate(zip(part["start"][::-1], part["end"][::-1])):
                text = text[:start] + retell_sentence(text[start:end], number + k) + text[end:]
        published = pd.Timestamp(article.published) + pd.Timedelta(days=1) if pd.notna(article.published) else None
        rows.append({"article_id": f"retold/{number:05d}/{article.article_id}", "outlet": RETOLD[number % len(RETOLD)],
                     "published": None if published is None else f"{published:%Y-%m-%d}",
                     "title": retell_sentence(article.title, number) if isinstance(article.title, str) and article.title
                     else None, "text": text, "corpus": "retold"})
    return pd.DataFrame(rows)


def build(sources: list[pd.DataFrame], *, articles: int, seed: int = 0) -> pd.DataFrame:
    """The real articles (each text once), topped up to ``articles`` with retold ones."""
    real = pd.concat(sources, ignore_index=True)
    real = real[real["text"].fillna("").str.strip() != ""]
    real = real.drop_duplicates("text").reset_index(drop=True)
    if len(real) >= articles:
        return real.head(articles)
    return pd.concat([real, retell(real, articles - len(real), seed=seed)], ignore_index=True)


def describe(corpus: pd.DataFrame) -> str:
    """Articles per source, sentences, and the share of distinct sentences (body and headline)."""
    from toolkit.loading.corpus import load_corpus
    from toolkit.text.sentences import split_sentences

    sentences = split_sentences(load_corpus(corpus.drop(columns="corpus")).articles, parts=("title", "body"))
    counts = corpus["corpus"].value_counts()
    return "\n".join([f"{len(corpus):,} articles of {corpus['outlet'].nunique():,} outlets: "
                      + ", ".join(f"{name} {n:,}" for name, n in counts.items()),
                      f"{len(sentences):,} sentences, {sentences['text'].nunique() / len(sentences):.1%} of them distinct; "
                      f"{corpus['published'].isna().sum():,} articles undated"])


def main(argv: list[str] | None = None) -> None:
    """Command line: see the module's description."""
    parser = argparse.ArgumentParser(prog="python -m devtools.distinct_corpus", description=__doc__.splitlines()[0])
    parser.add_argument("--out", required=True, help="the JSON Lines file to write (outside the repository)")
    parser.add_argument("--articles", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--basil", help="BASIL as JSON Lines (id, source, date, title, text)")
    parser.add_argument("--polnear", help="PolNeAR's data folder (its train split is read, never the test split)")
    parser.add_argument("--newswcl50", help="NewsWCL50's 1-raw-articles folder")
    parser.add_argument("--newswcl50-urls", help="NewsWCL50's urls.tsv (outlets and dates)")
    parser.add_argument("--frames", help="the Narrative Frames articles.jsonl")
    args = parser.parse_args(argv)
    sources = []
    if args.basil:
        sources.append(read_basil(args.basil))
    if args.polnear:
        sources.append(read_polnear_train(args.polnear))
    if args.newswcl50:
        sources.append(read_newswcl50(args.newswcl50, args.newswcl50_urls))
    if args.frames:
        sources.append(read_frames(args.frames))
    if not sources:
        parser.error("give at least one source (--basil, --polnear, --newswcl50, --frames)")
    corpus = build(sources, articles=args.articles, seed=args.seed)
    with open(args.out, "w", encoding="utf-8") as out:
        for row in corpus.to_dict("records"):
            out.write(json.dumps({k: (None if isinstance(v, float) and v != v else v) for k, v in row.items()},
                                 ensure_ascii=False) + "\n")
    print(describe(corpus))


if __name__ == "__main__":
    main()
