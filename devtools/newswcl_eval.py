"""Measuring :func:`toolkit.discover_actors` on NewsWCL50, a public corpus of annotated actor mentions.

NewsWCL50 (Hamborg, Zhukova and Gipp, JCDL 2019; annotations CC BY-SA 4.0, github.com/fhamborg/NewsWCL50)
holds 50 articles on 10 events (2017-2018), one from each of five US outlets per event (publisher
ids LL, L, M, R, RR), in which every mention of the main concepts of each event is annotated.
The texts are not in that repository (copyright); Luis García gathered them again
(github.com/Luisgarchi/NewsWCL50, ``1-raw-articles/event_N/N_X.txt``: the headline on the first
line, one paragraph a line). Neither is committed here: both are read from the folders (or git
mirrors) given on the command line.

**What is gold.** Annotations of the four code types that name actors: ``ACTOR`` (the main people),
``ACTOR-I`` (other people, grouped per country), ``COUNTRY`` (a country with its government and
institutions: "the White House", "Congress", "the FBI" are all ``USA``) and ``GROUP`` (parties,
the caravan, WikiLeaks). Each is found in the text by its words (:func:`read_newswcl`). Of these,
only **proper-name mentions** count (:func:`proper_name_head`): the mention is cut at its first
comma, conjunction or preposition ("the leader of North Korea" → "the leader"; "Elijah E. Cummings
of Maryland" → "Elijah E. Cummings"; "of" stays after a title or a common word: "Secretary of
State", "Bank of England"), and its last word (its head, without "'s") must be

- an abbreviation (two capitals or more, with or without dots: "U.S.", "F.B.I.", "EU", "DNC"), or
- a capitalized word that is no title, pronoun or demonym ("President", "He", "Chinese") and that the corpus
  writes capitalized after a lower-case word or a comma at least as often as in lower case
  ("May" 33 times against "may" 16, so a name; "Leader" 5 against "leader" 30, so not).

A title followed by "of" and at most two words is no name either ("The President of the United
States", "Secretary of State"), and a suffix is not the head ("Donald F. McGahn II": "McGahn").
So "Mr. Trump", "the U.S.", "Mrs. May" and "Senate Republicans" are proper names; "the president",
"the Trump administration", "North Korean leader", "Russian officials", "American and European
officials", "he" are not.

**Figures** (:func:`score`), for the actors ``discover_actors`` finds in the articles of a split:

- *mention recall*: the share of gold mentions whose head word a discovered mention covers;
- *precision by actor*: the share of discovered actors (with a mention in the split) of which at
  least one mention is *attributed* to a gold mention: it lies inside the gold mention and covers
  its head; *by mention*: the share of discovered mentions that overlap a gold mention of any of
  the four code types, proper name or not (NewsWCL50 annotates only each event's main concepts,
  so a real actor the annotators left out counts as wrong here);
- *precision by actor* also for the actors with :data:`FREQUENT_ACTOR` mentions or more;
- *merges*: discovered actors to which mentions of two or more gold identities are attributed.
  An identity is the concept of an ``ACTOR`` (its last name: "PRK\\Jong Un" and "PRK\\Kim" are
  both Kim, by the table :data:`SAME_PERSON`), the head word of an ``ACTOR-I`` mention (that code
  groups all the other people of a country), and the concept of a ``COUNTRY`` or ``GROUP``.
  Each merge is listed with its mentions, to be read: it may join two people, or two names the
  annotators filed under one group (or undo an annotation error: one "Mr. Kim" is coded as
  Trump). Merges of two *person* identities are counted apart.

The articles of events 0-4 are the development split, those of events 5-9 the held-out split;
each split is its own corpus (discovery runs on its 25 articles).

``python -m devtools.newswcl_eval --raw PATH/TO/Luisgarchi-NewsWCL50 --annotations PATH/TO/fhamborg-NewsWCL50
--split dev``
"""

from __future__ import annotations

import argparse
import re
import subprocess
from pathlib import Path
from typing import Literal

import pandas as pd

from toolkit import discover_actors, find_mentions, split_sentences
from toolkit._checks import check_choice

#: The columns of :func:`read_newswcl`'s gold table.
GOLD_COLUMNS = ["article_id", "event", "code_type", "concept", "mention", "start", "end", "proper", "head_start",
                "head_end", "identity"]
#: The code types that name actors.
ACTOR_CODES = ("ACTOR", "ACTOR-I", "COUNTRY", "GROUP")
#: ``ACTOR`` concepts of one person under two names, by the last word of the concept.
SAME_PERSON = {"Un": "Kim", "Jinping": "Xi", "Jae": "Moon"}
#: Discovered actors with this many mentions or more also get a precision of their own.
FREQUENT_ACTOR = 3
SPLITS = {"dev": range(0, 5), "held-out": range(5, 10), "all": range(0, 10)}
Split = Literal["dev", "held-out", "all"]

_QUOTES = str.maketrans({"\u201c": '"', "\u201d": '"', "\u2019": "'", "\u2018": "'"})    # one character each
_PTB = {"``": '"', "''": '"', "`": "'", "-LSB-": "[", "-RSB-": "]", "-LRB-": "(", "-RRB-": ")", "-LCB-": "{",
        "-RCB-": "}"}
_TITLES = frozenset(
    "Mr Mrs Ms Dr President Vice Prime Minister Secretary Director Chancellor Senator Sen Rep Representative Gov "
    "Governor General Gen Attorney Counsel Special Chairman Chairwoman Chief Leader Speaker King Queen Prince "
    "Ambassador Judge Justice Officer Agent Lady First Former Supreme Deputy".split())
_PRONOUNS = frozenset("I He She It We They You His Her Its Our Their Him Them Who This That These Those".split())
_DEMONYMS = frozenset(
    "American Chinese Russian Korean Iranian Israeli Japanese Mexican Canadian British French German European "
    "Syrian Saudi Palestinian Ukrainian Turkish Iraqi Afghan Pakistani Indian Arab Honduran Guatemalan Salvadoran "
    "Latino Hispanic Asian African Western Soviet".split())
_SUFFIXES = frozenset({"Jr", "Sr", "II", "III", "IV"})
_CUT = frozenset("in at from for with on to by who which that and or as against over under than about".split())
_ABBREVIATION = re.compile(r"^(?:[A-Z]\.){2,}$|^[A-Z]{2,}$|^(?:[A-Z]\.)+[A-Z]$")


def _read(root: Path, path: str) -> str:
    """A file of a folder, or of a git repository without a work tree (a mirror)."""
    if (root / path).exists():
        return (root / path).read_text(encoding="utf-8")
    done = subprocess.run(["git", "-C", str(root), "show", f"HEAD:{path}"], capture_output=True, text=True)
    if done.returncode:
        raise FileNotFoundError(f"{root}: no file {path} (neither in the folder nor in its git HEAD)")
    return done.stdout


def _list(root: Path, folder: str) -> list[str]:
    if (root / folder).is_dir():
        return sorted(str(p.relative_to(root)) for p in (root / folder).rglob("*.txt"))
    done = subprocess.run(["git", "-C", str(root), "ls-tree", "-r", "--name-only", "HEAD", folder],
                          capture_output=True, text=True)
    return sorted(done.stdout.split())


def _articles(raw: Path) -> pd.DataFrame:
    rows = []
    for path in _list(raw, "1-raw-articles"):
        match = re.search(r"event_(\d)/(\d)_([LMR]{1,2})\.txt", path)
        if not match:
            continue
        full = _read(raw, path).translate(_QUOTES)
        title, _, _ = full.partition("\n")
        body_start = len(title) + len(full[len(title):]) - len(full[len(title):].lstrip("\n"))
        rows.append((f"{match[2]}_{match[3]}", int(match[1]), match[3], title.strip(), full[body_start:], body_start,
                     full))
    return pd.DataFrame(rows, columns=["article_id", "event", "outlet", "title", "text", "body_start", "full"])


def _unescape(mention: str) -> str:
    for ptb, char in _PTB.items():
        mention = mention.replace(ptb, char)
    return mention.translate(_QUOTES)


def _occurrences(text: str, mention: str) -> list[int]:
    words = [re.escape(w) for w in mention.split()]
    pattern = re.compile(r"(?<!\w)" + r"\s*".join(words) + r"(?!\w)") if words else None
    return [m.start() for m in pattern.finditer(text)] if pattern else []


def _locate(full: str, rows: pd.DataFrame) -> list[tuple[int, int] | None]:
    """Character spans of one article's annotations: each at the occurrence of its words nearest
    to its paragraph, the occurrences of one concept's mention used once each, in order."""
    paragraphs, position = [], 0
    for line in full.split("\n"):
        if line.strip():
            paragraphs.append(position)
        position += len(line) + 1
    paragraph_of = lambda offset: sum(1 for p in paragraphs if p <= offset) - 1   # noqa: E731
    used: dict[tuple, set] = {}
    spans = []
    for row in rows.itertuples():
        mention = _unescape(str(row.code_mention))
        places = _occurrences(full, mention)
        taken = used.setdefault((row.code_name, mention), set())
        free = [p for p in places if p not in taken] or places
        if not free:
            spans.append(None)
            continue
        best = min(free, key=lambda p: (abs(paragraph_of(p) - row.paragraph), p))
        taken.add(best)
        end = re.match(r"\s*".join(re.escape(w) for w in mention.split()), full[best:]).end() + best
        spans.append((best, end))
    return spans


def _name_words(texts) -> set[str]:
    """Capitalized words the corpus writes capitalized in mid-sentence at least as often as in lower case."""
    upper, lower = {}, {}
    for text in texts:
        for word in re.findall(r"(?<=[a-z,] )[A-Z][A-Za-z'-]+", text):
            upper[word] = upper.get(word, 0) + 1
        for word in re.findall(r"(?<![\w.'-])[a-z][a-z'-]+", text):
            lower[word] = lower.get(word, 0) + 1
    return {w for w, n in upper.items() if n >= lower.get(w.lower(), 0)}


def proper_name_head(mention: str, name_words: set[str]) -> tuple[int, int] | None:
    """The head word of a proper-name mention (see the module's documentation), or None.

    Parameters
    ----------
    mention : str
    name_words : set of str
        Capitalized words the corpus treats as names.

    Returns
    -------
    tuple of int or None
        The head's start and end in ``mention``.

    Examples
    --------
    >>> words = {"Trump", "May", "Korea", "North", "Republicans", "Senate"}
    >>> [proper_name_head(m, words) for m in ("Mr. Trump's", "the U.S.", "the leader of North Korea",
    ...                                         "the Trump administration", "Senate Republicans", "He")]
    [(4, 9), (4, 8), None, None, (7, 18), None]
    """
    tokens = [(m.start(), m.end(), m.group()) for m in re.finditer(r"\S+", mention)]
    kept = []
    for i, (start, end, word) in enumerate(tokens):
        bare = word.strip(",;:")
        previous = kept[-1][2] if kept else ""
        if word.startswith(",") or (bare in _CUT and kept) or (bare == "of" and kept and (
                not previous[:1].isupper() or previous in name_words and previous not in _TITLES)):
            break
        kept.append((start, start + len(word.rstrip(",;:")), bare))
        if word.endswith((",", ";", ":")):
            break
    if not kept:
        return None
    words = [w for _, _, w in kept if w.lower() not in ("the", "a", "an")]
    if len(words) > 1 and words[0].rstrip(".") in _TITLES and words[1] == "of" and len(words) <= 2 + 1 + 2:
        return None     # a title of a country or an office: "The President of the United States"
    if len(kept) > 1 and kept[-1][2].rstrip(".,") in _SUFFIXES:
        kept = kept[:-1]    # "Donald F. McGahn II": the head is "McGahn"
    start, _, head = kept[-1]
    head = re.sub(r"['\u2019]s?$", "", head)
    if not _ABBREVIATION.match(head):
        head = head.rstrip(".")
        if (not _ABBREVIATION.match(head) and (not head[:1].isupper() or head in _TITLES or head in _PRONOUNS
                                                or head in _DEMONYMS or head not in name_words)):
            return None
    return start, start + len(head)


def read_newswcl(raw: str | Path, annotations: str | Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The articles of NewsWCL50 and its gold actor mentions.

    Parameters
    ----------
    raw : str or pathlib.Path
        The folder (or git mirror) of Luisgarchi/NewsWCL50, with ``1-raw-articles``.
    annotations : str or pathlib.Path
        The folder (or git mirror) of fhamborg/NewsWCL50 with ``Annotations.csv``, or that file.

    Returns
    -------
    articles : pandas.DataFrame
        ``article_id`` ("0_LL"), ``event``, ``outlet`` (the publisher id), ``title``, ``text``
        (the body), ``body_start`` (where the body starts in the file) and ``full`` (the file's
        text; curly quotes made straight, one character for one).
    gold : pandas.DataFrame
        One row per annotation of the code types :data:`ACTOR_CODES` found in its article
        (:data:`GOLD_COLUMNS`): ``start, end`` into ``full``; ``proper`` (a proper-name mention),
        ``head_start, head_end`` (its head word, else -1) and ``identity`` (see the module's
        documentation).
    """
    raw, annotations = Path(raw), Path(annotations)
    articles = _articles(raw)
    if articles.empty:
        raise FileNotFoundError(f"{raw}: no articles 1-raw-articles/event_N/N_X.txt")
    csv = (annotations.read_text(encoding="utf-8") if annotations.is_file()
           else _read(annotations, "Annotations.csv"))
    from io import StringIO

    table = pd.read_csv(StringIO(csv.split("\n", 1)[1] if csv.startswith("sep=") else csv))
    table = table[table["code_type"].isin(ACTOR_CODES)].copy()
    table["article_id"] = table["event_id"].astype(str) + "_" + table["publisher_id"]
    table = table.sort_values(["article_id", "paragraph", "sentence", "start", "id"], kind="stable")
    fulls = articles.set_index("article_id")["full"]
    name_words = _name_words(fulls)
    rows = []
    for article_id, group in table.groupby("article_id", sort=True):
        full = fulls[article_id]
        for row, span in zip(group.itertuples(), _locate(full, group)):
            if span is None:
                continue
            mention = full[span[0]:span[1]]
            head = proper_name_head(mention, name_words)
            identity = _identity(row.code_type, row.code_name, mention[head[0]:head[1]] if head else "")
            rows.append((article_id, row.event_id, row.code_type, row.code_name, mention, span[0], span[1],
                         head is not None, span[0] + head[0] if head else -1, span[0] + head[1] if head else -1,
                         identity))
    return articles, pd.DataFrame(rows, columns=GOLD_COLUMNS)


def _identity(code_type: str, concept: str, head: str) -> str:
    """A gold mention's identity (see the module's documentation); a person's key is a last name
    without a final "s" ("Democrat" and "Democrats" annotated as ACTOR-I are one)."""
    if code_type == "ACTOR":
        last = concept.split("\\")[-1].split()[-1]
        return "person " + SAME_PERSON.get(last, last).removesuffix("s")
    if code_type == "ACTOR-I" and head:
        return "person " + head.removesuffix("s")
    return concept


def _discovered_mentions(articles: pd.DataFrame, found) -> pd.DataFrame:
    """Mentions of the discovered actors, with offsets into each article's ``full`` text."""
    sentences = split_sentences(articles[["article_id", "outlet", "title", "text"]])
    mentions = find_mentions(sentences, found)
    shift = mentions["article_id"].map(articles.set_index("article_id")["body_start"])
    body = mentions["part"] == "body"
    return mentions.assign(start=mentions["start"] + shift.where(body, 0), end=mentions["end"] + shift.where(body, 0))


def score(articles: pd.DataFrame, gold: pd.DataFrame, found=None) -> dict:
    """Mention recall, precision and merges of discovered actors against NewsWCL50's gold.

    Parameters
    ----------
    articles, gold : pandas.DataFrame
        From :func:`read_newswcl`, for the articles of one split.
    found : ActorDictionary, optional
        The discovered actors; by default ``discover_actors`` of the articles' sentences.

    Returns
    -------
    dict
        ``gold`` (proper-name mentions), ``recalled``, ``recall``; ``actors`` (discovered actors
        with a mention), ``actors_matched``, ``precision_actors``; ``mentions`` (discovered),
        ``mentions_matched``, ``precision_mentions``; ``frequent`` (discovered actors with
        :data:`FREQUENT_ACTOR` mentions or more) and ``precision_frequent``; ``merges`` (the
        number of discovered actors holding two identities or more), ``people_merged`` (the
        actors holding two person identities); and three tables: ``missed`` (gold mentions not
        recalled), ``unmatched`` (discovered actors no gold mention is attributed to, with their
        mentions) and ``merged`` (actor, identity, mentions: one row per identity of each merge).
    """
    if found is None:
        found = discover_actors(split_sentences(articles[["article_id", "outlet", "title", "text"]]))
    mine = _discovered_mentions(articles, found)
    proper = gold[gold["proper"]]
    by_article = {k: list(zip(g["start"], g["end"], g["actor"], g["surface"]))
                  for k, g in mine.groupby("article_id")}
    recalled, attributed = [], []
    for row in proper.itertuples():
        hits = [(s, e, a, t) for s, e, a, t in by_article.get(row.article_id, [])
                if s <= row.head_start and e >= row.head_end]
        recalled.append(bool(hits))
        attributed += [(a, row.identity, t) for s, e, a, t in hits if s >= row.start and e <= row.end]
    proper = proper.assign(recalled=recalled)
    overlaps = []
    gold_by_article = {k: list(zip(g["start"], g["end"])) for k, g in gold.groupby("article_id")}
    for row in mine.itertuples():
        overlaps.append(any(s < row.end and e > row.start for s, e in gold_by_article.get(row.article_id, [])))
    mine = mine.assign(matched=overlaps)
    links = pd.DataFrame(attributed, columns=["actor", "identity", "surface"])
    identities = links.groupby("actor")["identity"].nunique() if len(links) else pd.Series(dtype=int)
    merged_actors = identities[identities >= 2].index
    people = links[links["identity"].str.startswith("person ")].groupby("actor")["identity"].nunique()
    people_merged = sorted(people[people >= 2].index)
    merged = (links[links["actor"].isin(merged_actors)].groupby(["actor", "identity"])["surface"]
              .agg(lambda s: " | ".join(f"{k} ({n})" for k, n in s.value_counts().items())).reset_index())
    actors = mine["actor"].unique()
    counts = mine["actor"].value_counts()
    frequent = counts[counts >= FREQUENT_ACTOR].index
    matched_actors = set(links["actor"])
    unmatched = (mine[~mine["actor"].isin(matched_actors)].groupby("actor")["surface"]
                 .agg(lambda s: " | ".join(f"{k} ({n})" for k, n in s.value_counts().items())).reset_index())
    return {"gold": len(proper), "recalled": int(proper["recalled"].sum()),
            "recall": float(proper["recalled"].mean()) if len(proper) else 0.0,
            "actors": len(actors), "actors_matched": len(matched_actors & set(actors)),
            "precision_actors": len(matched_actors & set(actors)) / len(actors) if len(actors) else 0.0,
            "mentions": len(mine), "mentions_matched": int(mine["matched"].sum()),
            "precision_mentions": float(mine["matched"].mean()) if len(mine) else 0.0,
            "precision_frequent": (len(matched_actors & set(frequent)) / len(frequent)) if len(frequent) else 0.0,
            "frequent": len(frequent), "merges": len(merged_actors), "people_merged": people_merged,
            "missed": proper[~proper["recalled"]], "unmatched": unmatched, "merged": merged}


def split(articles: pd.DataFrame, gold: pd.DataFrame, name: Split) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The articles and gold of one split: "dev" (events 0-4), "held-out" (5-9) or "all"."""
    check_choice("split", name, Split)
    events = list(SPLITS[name])
    return (articles[articles["event"].isin(events)].reset_index(drop=True),
            gold[gold["event"].isin(events)].reset_index(drop=True))


def main(argv=None) -> None:
    """Print mention recall, precision and merges of discovered actors on a split of NewsWCL50."""
    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("--raw", required=True,
                        help="Luisgarchi/NewsWCL50 (folder or git mirror), outside the repository")
    parser.add_argument("--annotations", required=True,
                        help="fhamborg/NewsWCL50 (folder, git mirror or Annotations.csv)")
    parser.add_argument("--split", default="dev", choices=list(SPLITS))
    parser.add_argument("--show", type=int, default=25, help="rows of each list to print")
    args = parser.parse_args(argv)
    articles, gold = split(*read_newswcl(args.raw, args.annotations), args.split)
    r = score(articles, gold)
    print(f"NewsWCL50 {args.split}: {len(articles)} articles, {r['gold']} proper-name gold mentions "
          f"(of {len(gold)} actor annotations)")
    print(f"mention recall {r['recalled']}/{r['gold']} = {r['recall']:.3f}")
    print(f"precision by actor {r['actors_matched']}/{r['actors']} = {r['precision_actors']:.3f}; "
          f"by mention {r['mentions_matched']}/{r['mentions']} = {r['precision_mentions']:.3f}")
    print(f"precision by actor with {FREQUENT_ACTOR} mentions or more: {r['precision_frequent']:.3f} "
          f"(of {r['frequent']})")
    print(f"merges of two gold identities or more: {r['merges']}; of two people: {len(r['people_merged'])} "
          f"({', '.join(r['people_merged'])})")
    with pd.option_context("display.width", 200, "display.max_colwidth", 120, "display.max_rows", 500):
        print(r["merged"].to_string(index=False) if len(r["merged"]) else "(none)")
        missed = r["missed"]["mention"].value_counts()
        print("missed:", ", ".join(f"{k} ({n})" for k, n in missed.head(args.show).items()))
        print("discovered actors matching no gold mention:")
        print(r["unmatched"].head(args.show).to_string(index=False))


if __name__ == "__main__":
    main()
