"""Finding the actors of a dictionary in sentences, and how each outlet names them.

Matching is exact and case-sensitive (an all-caps "RUSSIAN" is not "Russia"), on whole words,
with one Aho-Corasick automaton for all surface forms; where forms overlap, the longest wins
("Russian President Vladimir Putin" is one mention, not three). Pronouns are not mentions, nor
a place or organization named before a treaty's word ("the Paris agreement", "the Minsk accords").
"""

from __future__ import annotations

import re
from typing import Literal

import pandas as pd

from .._checks import check_choice, check_columns
from .dictionary import ActorDictionary

#: The columns of the mentions table.
MENTION_COLUMNS = ["article_id", "outlet", "sentence", "actor", "surface", "start", "end", "kind",
                   "variant", "type", "side", "possessive", "part"]


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


# A name written before a treaty's word names the treaty, not the actor ("the Paris agreement", "the
# Paris Climate Accord", "the Minsk accords", "the Iran deal"); a person's is kept ("a Trump deal").
_TREATY_AFTER = re.compile(r" (?:climate |nuclear |peace |trade )?(?:agreements?|accords?|deals?|treaty|pact|protocol)\b",
                           re.IGNORECASE)


def match_spans(text: str, actors: ActorDictionary) -> list[tuple[int, int, str, str, str]]:
    """Find the surface forms of ``actors`` in one text.

    Parameters
    ----------
    text : str
    actors : ActorDictionary

    Returns
    -------
    list of tuple
        ``(start, end, actor, kind, variant)``, non-overlapping, in text order; where two
        matches overlap, the longer (then the earlier) wins.

    Examples
    --------
    >>> from toolkit import load_actors, sample_actors_path
    >>> actors = load_actors(sample_actors_path())
    >>> [(s, e, a, k) for s, e, a, k, _ in match_spans("Russian President Vladimir Putin met Mr Trump.", actors)]
    [(0, 32, 'Vladimir Putin', 'title'), (37, 45, 'Donald Trump', 'title')]
    """
    candidates = []
    for last, (length, actor, kind, variant) in actors.automaton.iter(text):
        start, end = last + 1 - length, last + 1
        if (start > 0 and _is_word_char(text[start - 1])) or (end < len(text) and _is_word_char(text[end])):
            continue
        if end < len(text) and text[end] == " " and _TREATY_AFTER.match(text, end) and actors[actor].type != "person":
            continue
        candidates.append((start, end, actor, kind, variant))
    candidates.sort(key=lambda c: (-(c[1] - c[0]), c[0]))
    taken: list[tuple[int, int, str, str, str]] = []
    used = bytearray(len(text))     # the characters of the matches taken: a check costs the match's length
    for cand in candidates:
        if used.find(1, cand[0], cand[1]) < 0:
            taken.append(cand)
            used[cand[0]:cand[1]] = b"\x01" * (cand[1] - cand[0])
    return sorted(taken)


def find_mentions(sentences: pd.DataFrame, actors: ActorDictionary) -> pd.DataFrame:
    """Find every mention of a dictionary actor in the sentences.

    Parameters
    ----------
    sentences : pandas.DataFrame
        The sentences table.
    actors : ActorDictionary
        From :func:`toolkit.load_actors`.

    Returns
    -------
    pandas.DataFrame
        The mentions table, one row per mention: ``article_id, outlet, sentence, actor``
        (canonical name), ``surface`` (the words as written), ``start, end`` (offsets into the
        article's text, or title or captions; see ``part``), ``kind`` (name, title, descriptor or label), ``variant`` (the alias or
        descriptor matched, without title), ``type, side`` (from the dictionary),
        ``possessive`` (followed by 's) and ``part`` (title, caption or body: the offsets point
        into that part's column of the articles table).

    Examples
    --------
    >>> from toolkit import load_actors, load_articles, sample_actors_path, sample_data_path, split_sentences
    >>> sentences = split_sentences(load_articles(sample_data_path()))
    >>> mentions = find_mentions(sentences, load_actors(sample_actors_path()))
    >>> mentions.loc[mentions["actor"] == "Kyiv", ["outlet", "surface"]].value_counts().sort_index().to_dict()
    {('AP wire copy', 'Kyiv'): 3, ('Morning Star', 'Kiev'): 1, ('Morning Star', 'Kyiv'): 1}
    """
    check_columns(sentences, ["article_id", "outlet", "sentence", "start", "text"], what="the sentences table")
    if not isinstance(actors, ActorDictionary):
        raise TypeError(f"actors must be an ActorDictionary (see toolkit.load_actors), not {type(actors).__name__}")
    rows = []
    parts = sentences["part"].tolist() if "part" in sentences.columns else ["body"] * len(sentences)
    columns = [sentences[c].tolist() for c in ("article_id", "outlet", "sentence", "start", "text")]
    for article_id, outlet, number, offset, text, part in zip(*columns, parts):
        for start, end, actor, kind, variant in match_spans(text, actors):
            info = actors[actor]
            possessive = text[end:end + 2] in ("'s", "\u2019s") or (text[end:end + 1] in ("'", "\u2019")
                                                                   and text[end - 1] == "s")
            rows.append((article_id, outlet, number, actor, text[start:end], offset + start, offset + end,
                         kind, variant, info.type, info.side, possessive, part))
    return pd.DataFrame(rows, columns=MENTION_COLUMNS)


By = Literal["surface", "variant"]


def naming(mentions: pd.DataFrame, *, by: By = "surface", group: str = "outlet", min_forms: int = 1) -> pd.DataFrame:
    """How each group (outlet) names each actor: the forms used and how often.

    Parameters
    ----------
    mentions : pandas.DataFrame
        The mentions table.
        Every part counts: headline, captions and body (to leave the first two out, pass
        :func:`toolkit.body_of` of the table).
    by : {"surface", "variant"}, default "surface"
        Count the words as written ("Mr Putin", "Putin") or the name variant without title
        ("Putin"): use "variant" to compare spellings such as Zelensky and Zelenskyy.
    group : str, default "outlet"
    min_forms : int, default 1
        Keep only actors named in at least this many forms across all groups (2: the actors
        whose naming varies).

    Returns
    -------
    pandas.DataFrame
        One row per group × actor × form: ``<group>, actor, <by>, kind, mentions`` and ``share``
        (of the actor's mentions in that group). Evaluative labels ("the aggressor") are rows
        with kind "label".

    Examples
    --------
    >>> from toolkit import load_actors, load_articles, sample_actors_path, sample_data_path, split_sentences
    >>> mentions = find_mentions(split_sentences(load_articles(sample_data_path())), load_actors(sample_actors_path()))
    >>> table = naming(mentions, by="variant")
    >>> table[table["actor"] == "Volodymyr Zelenskyy"][["outlet", "variant", "mentions"]].values.tolist()
    [['AP wire copy', 'Volodymyr Zelenskyy', 1], ['AP wire copy', 'Zelenskyy', 1], ['Morning Star', 'Volodymyr Zelensky', 1], ['Morning Star', 'Volodymyr Zelenskyy', 1], ['Morning Star', 'Zelensky', 1]]
    """
    check_choice("by", by, By)
    check_columns(mentions, [group, "actor", by, "kind"], what="the mentions table")
    forms = mentions.groupby("actor")[by].nunique()
    mentions = mentions[mentions["actor"].isin(forms[forms >= min_forms].index)]
    counts = (mentions.groupby([group, "actor", by, "kind"]).size().rename("mentions").reset_index())
    counts["share"] = counts["mentions"] / counts.groupby([group, "actor"])["mentions"].transform("sum")
    return counts.sort_values([group, "actor", "mentions", by], ascending=[True, True, False, True],
                              kind="stable").reset_index(drop=True)


def naming_differences(naming_table: pd.DataFrame, *, by: str = "variant", group: str = "outlet",
                       kinds=("name", "title", "label")) -> pd.DataFrame:
    """Keep the forms that set the groups apart: used by some groups, not by all.

    Only actors that every group mentions are kept (an actor one outlet never names is a
    different finding), and only the forms of the given kinds (spellings, titles, labels; not
    descriptions, which vary with the story).

    Parameters
    ----------
    naming_table : pandas.DataFrame
        From :func:`naming`, with the same ``by``.
    by : str, default "variant"
    group : str, default "outlet"
    kinds : sequence of str
        The kinds of form to compare.

    Returns
    -------
    pandas.DataFrame
        The naming rows of those forms, with ``used_by``: the groups that use the form, joined
        with " | ". Most mentioned actors first.

    Examples
    --------
    >>> import pandas as pd
    >>> table = pd.DataFrame({"outlet": ["A", "B", "B"], "actor": ["Kyiv"] * 3, "variant": ["Kiev", "Kyiv", "Kiev"],
    ...     "kind": ["descriptor"] * 3, "mentions": [1, 3, 1]})
    >>> naming_differences(table, kinds=("descriptor",))[["outlet", "variant", "used_by"]].values.tolist()
    [['B', 'Kyiv', 'B']]
    """
    check_columns(naming_table, [group, "actor", by, "kind", "mentions"], what="the naming table")
    groups = naming_table[group].nunique()
    everywhere = naming_table.groupby("actor")[group].nunique()
    table = naming_table[naming_table["actor"].isin(everywhere[everywhere == groups].index)
                         & naming_table["kind"].isin(kinds)]
    used_by = table.groupby(["actor", by])[group].agg(lambda g: " | ".join(sorted(set(g))))
    table = table.join(used_by.rename("used_by"), on=["actor", by])
    table = table[table["used_by"].str.count(r" \| ") + 1 < groups]
    order = table.groupby("actor")["mentions"].transform("sum")
    return (table.assign(_order=order).sort_values(["_order", "actor", by, group], ascending=[False, True, True, True],
                                                   kind="stable").drop(columns="_order").reset_index(drop=True))
