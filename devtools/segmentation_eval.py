"""Gold standards and scores for sentence segmentation.

A gold document is a dict with the keys ``doc_id``, ``source``, ``licence`` and
``paragraphs``, where ``paragraphs`` is a list of paragraphs and each paragraph is
the list of its sentences, exactly as they should be split. Scoring joins the
sentences of each paragraph with single spaces, hands that string to a splitter
and compares the sentence boundaries it finds with the gold ones.

Two gold sources are supported:

- the hand-built file ``data/gold/sentences/handmade.jsonl`` (see its README),
  read with :func:`read_gold`;
- the NewsMTSC training data (MIT licence), turned into gold documents at run
  time with :func:`newsmtsc_gold`; the data itself is never copied into the
  project.

Every function here is pure: it reads its arguments (and, for the two readers,
one file) and returns new objects.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from toolkit._files import jsonl_records
from toolkit.text.normalize import normalize_line

__all__ = [
    "normalize_gold_text",
    "parse_newsmtsc_gid",
    "read_gold",
    "newsmtsc_gold",
    "conllu_gold",
    "score_segmentation",
]

# allsides_<article>_<event>_<position>_<target>_<from>_<to>, and
# polusa_v1_<article>_-1_<position>_<target>_<from>_<to>. The target is free text
# (it may hold underscores or newlines), so it is matched between the fixed parts.
_GID = re.compile(
    r"^(?P<corpus>[a-z]+(?:_v\d+)?)_(?P<article>\d+)_(?P<event>-?\d+)_(?P<position>\d+)_"
    r"(?P<target>.*)_(?P<start>\d+)_(?P<end>\d+)$",
    re.DOTALL,
)

# A sentence should end in . ? ! or an ellipsis, optionally followed by closing
# quotes or brackets.
_FINAL_PUNCTUATION = re.compile(r"(?:[.?!]|\u2026)[\"'\u2019)\]]*$")

# A lower-case word of three or more letters ending in a full stop (optionally
# followed by closing quotes) or in a bare ? or !, then a space, optional opening
# quotes and a capital letter: two sentences glued together by the source's own
# splitter. "Capt. Jan", "a.m. Friday" and '"Why?" Cruz said' do not match.
_INTERNAL_BOUNDARY = re.compile(r"\b[a-z]{3,}(?:\.[\"'\u2019)]*|[?!])\s+[\"'\u2018(]*[A-Z]")

# A sentence that ends in a title or a word that always comes before a name or
# number was cut too early by the source's own splitter ("...the likes of Sen.").
_ENDS_IN_TITLE = re.compile(
    r"(?:^|[\s(\"'\u2018])(?:Mr|Mrs|Ms|Dr|Sens?|Reps?|Govs?|Gen|Lt|Col|Capt|Sgt|Prof|Rev|Hon|No|vs?)\.$"
)

_GOLD_KEYS = ("doc_id", "source", "licence", "paragraphs")


def normalize_gold_text(text: str) -> str:
    """Normalize quotes and spaces exactly as the toolkit's cleaner does, line by line.

    This is :func:`toolkit.text.normalize.normalize_line` applied to each line, so that gold text is the
    text the splitter sees in practice: ``''`` and curly double quotes become ``"``, a curly
    apostrophe inside a word becomes ``'``, runs of spaces become one, lines are stripped.

    Parameters
    ----------
    text : str
        Raw text.

    Returns
    -------
    str
        The normalized text.

    Examples
    --------
    >>> normalize_gold_text("\\u201cYes,\\u201d he said. ''No.''\\u00a0")
    '"Yes," he said. "No."'
    """
    return "\n".join(normalize_line(line) for line in text.split("\n"))


def parse_newsmtsc_gid(gid: str) -> dict[str, Any]:
    """Split a NewsMTSC ``primary_gid`` into its parts.

    A gid reads ``<corpus>_<article>_<event>_<position>_<target>_<from>_<to>``,
    for example ``allsides_1000_401_25_Reality Leigh Winner_0_6``: corpus
    ``allsides``, article 1000 (which belongs to AllSides event 401), the
    sentence at position 25 of the article (0 is the headline), and the target
    ``Reality Leigh Winner`` at characters 0 to 6 of the sentence. POLUSA gids
    read ``polusa_v1_<article>_-1_<position>_...``: they have no event.

    Parameters
    ----------
    gid : str
        A ``primary_gid`` value.

    Returns
    -------
    dict
        Keys ``corpus`` (str), ``article`` (str), ``event`` (str),
        ``position`` (int), ``target`` (str), ``start`` and ``end`` (int).

    Raises
    ------
    ValueError
        If the gid does not have this structure.

    Examples
    --------
    >>> parse_newsmtsc_gid("allsides_1000_401_25_Reality Leigh Winner_0_6")["position"]
    25
    >>> parse_newsmtsc_gid("polusa_v1_113705206_-1_7_Donald Trump_63_68")["article"]
    '113705206'
    """
    match = _GID.match(gid)
    if match is None:
        raise ValueError(f"not a NewsMTSC gid: {gid!r}")
    parts: dict[str, Any] = match.groupdict()
    for key in ("position", "start", "end"):
        parts[key] = int(parts[key])
    return parts


def _check_gold_doc(doc: Any) -> str | None:
    """Return what is wrong with a gold document, or None if nothing is."""
    if not isinstance(doc, dict):
        return f"expected a JSON object, got {type(doc).__name__}"
    missing = [key for key in _GOLD_KEYS if key not in doc]
    if missing:
        return f"missing key(s) {', '.join(missing)}"
    for key in ("doc_id", "source", "licence"):
        if not isinstance(doc[key], str) or not doc[key]:
            return f"{key!r} must be a non-empty string"
    paragraphs = doc["paragraphs"]
    if not isinstance(paragraphs, list) or not paragraphs:
        return "'paragraphs' must be a non-empty list of lists of sentences"
    for p, paragraph in enumerate(paragraphs):
        if not isinstance(paragraph, list) or not paragraph:
            return f"paragraph {p} must be a non-empty list of sentences"
        for s, sentence in enumerate(paragraph):
            if not isinstance(sentence, str) or not sentence.strip():
                return f"paragraph {p}, sentence {s} must be a non-empty string"
            if sentence != sentence.strip():
                return f"paragraph {p}, sentence {s} has leading or trailing whitespace"
    return None


def read_gold(path: str | Path) -> list[dict]:
    """Read a hand-built segmentation gold file (JSON Lines).

    Each non-blank line is one document: ``{"doc_id": str, "source": str,
    "licence": str, "paragraphs": [[sentence, ...], ...]}``.

    Parameters
    ----------
    path : str or Path
        The ``.jsonl`` file, e.g. ``data/gold/sentences/handmade.jsonl``.

    Returns
    -------
    list of dict
        One dict per document with the keys ``doc_id``, ``source``,
        ``licence`` and ``paragraphs`` (and any other keys the line holds),
        in file order.

    Raises
    ------
    ValueError
        If a line is not valid JSON, lacks a key, has an empty or non-string
        sentence, or repeats a ``doc_id``; the message names the file and line.

    Examples
    --------
    >>> docs = read_gold("data/gold/sentences/handmade.jsonl")  # doctest: +SKIP
    >>> docs[0]["paragraphs"][2][0]  # doctest: +SKIP
    'Ukrainian drones attacked a port in Russia’s Krasnodar region on the border with Ukraine.'
    """
    path = Path(path)
    docs: list[dict] = []
    seen: dict[str, int] = {}
    for number, doc in jsonl_records(path):
        problem = _check_gold_doc(doc)
        if problem is not None:
            raise ValueError(f"{path}, line {number}: {problem}")
        if doc["doc_id"] in seen:
            raise ValueError(
                f"{path}, line {number}: doc_id {doc['doc_id']!r} "
                f"already used on line {seen[doc['doc_id']]}"
            )
        seen[doc["doc_id"]] = number
        docs.append(doc)
    return docs


def conllu_gold(text: str, *, prefix: str = "GUM_news_", source: str = "UD English GUM",
                licence: str = "Wikinews text CC BY 2.5; GUM annotations CC BY-NC-SA 4.0") -> list[dict]:
    """Gold documents from a Universal Dependencies treebank (CoNLL-U), such as GUM's news.

    A document starts at ``# newdoc id =``, a paragraph at ``# newpar``, and each sentence is
    its ``# text =`` line (in GUM these equal the tokens joined as ``SpaceAfter`` says).
    Sentences are normalized as the toolkit's loader would (:func:`normalize_gold_text`).

    Parameters
    ----------
    text : str
        The content of a ``.conllu`` file.
    prefix : str, default "GUM_news_"
        Only documents whose id starts with it (GUM's Wikinews articles).
    source, licence : str
        Recorded in each document.

    Returns
    -------
    list of dict
        Gold documents (``doc_id``, ``source``, ``licence``, ``paragraphs``).

    Raises
    ------
    ValueError
        If a sentence has no ``# text =`` line, or comes before any document.

    Examples
    --------
    >>> sample = "\\n".join(["# newdoc id = GUM_news_x", "# newpar", "# text = Rain fell.", "1 Rain", "",
    ...     "# text = Roads shut.", "1 Roads", "", "# newpar", "# text = Then sun.", "1 Then", "",
    ...     "# newdoc id = GUM_bio_y", "# text = Not news.", "1 Not", ""])
    >>> [d["paragraphs"] for d in conllu_gold(sample)]
    [[['Rain fell.', 'Roads shut.'], ['Then sun.']]]
    """
    docs: list[dict] = []
    doc, new_paragraph, sentence, tokens = None, False, None, False
    for number, line in enumerate([*text.splitlines(), ""], start=1):
        if line.startswith("# newdoc id ="):
            doc = {"doc_id": line.split("=", 1)[1].strip(), "source": source, "licence": licence, "paragraphs": []}
            docs.append(doc)
            new_paragraph = True
        elif line.startswith("# newpar"):
            new_paragraph = True
        elif line.startswith("# text ="):
            sentence = line.split("=", 1)[1].strip()
        elif line.strip() == "" and tokens:
            if doc is None or sentence is None:
                raise ValueError(f"line {number}: a sentence without {'a document' if doc is None else '# text ='}")
            if new_paragraph or not doc["paragraphs"]:
                doc["paragraphs"].append([])
            doc["paragraphs"][-1].append(normalize_gold_text(sentence))
            new_paragraph, sentence, tokens = False, None, False
        elif line and not line.startswith("#"):
            tokens = True
    return [d for d in docs if d["doc_id"].startswith(prefix) and d["paragraphs"]]


def _drop_reason(sentence: str) -> str | None:
    """Why a NewsMTSC sentence is not usable as one gold sentence, or None."""
    if "\n" in sentence or "\r" in sentence:
        return "newline"
    if not _FINAL_PUNCTUATION.search(sentence):
        return "no_final_punctuation"
    if _ENDS_IN_TITLE.search(sentence):
        return "ends_in_title"
    if _INTERNAL_BOUNDARY.search(sentence):
        return "internal_boundary"
    return None


def newsmtsc_gold(path: str | Path) -> list[dict]:
    """Build gold documents from a NewsMTSC JSON Lines file.

    NewsMTSC holds one news sentence per line (``sentence_normalized``) with a
    ``primary_gid`` that names its article and its position in the article (see
    :func:`parse_newsmtsc_gid`). Lines are grouped by article, repeated
    (article, position) pairs (one line per sentiment target) are kept once,
    and the sentences are ordered by position. Each article becomes one
    document with a single paragraph: its sentences in order. Sentences that
    were not adjacent in the article are still each a true sentence, so every
    join between two of them is a true boundary.

    Text is normalized with :func:`normalize_gold_text` and stripped.
    Sentences are dropped, with a reason, when they are not one sentence:

    - ``newline``: the text spans several lines (captions, tweets, bylines);
    - ``no_final_punctuation``: it does not end in ``.``, ``?``, ``!`` or an
      ellipsis (optionally followed by closing quotes or brackets): headlines,
      truncated text, lead-ins ending in a colon. Joined to the next sentence,
      they would make a boundary that no splitter can see in running text;
    - ``ends_in_title``: it ends in a title or word that always precedes a
      name or number (``Mr.``, ``Sen.``, ``Gov.``, ``Rep.``, ``No.``, ``v.``
      and the like): a fragment cut too early by the source's own splitter;
    - ``internal_boundary``: a lower-case word of three or more letters ends
      in a full stop (optionally followed by closing quotes) or in a bare
      ``?`` or ``!``, and a space and a capital letter follow: two sentences
      that the source's own splitter glued together.

    Parameters
    ----------
    path : str or Path
        A NewsMTSC file such as ``../shared/data/newsmtsc/train.jsonl``.

    Returns
    -------
    list of dict
        One dict per article, sorted by ``doc_id``, with the keys

        - ``doc_id``: ``"newsmtsc_<corpus>_<article>"``;
        - ``source``: file, corpus, article and event;
        - ``licence``: ``"MIT"``;
        - ``paragraphs``: ``[[sentence, ...]]``, or ``[]`` when every sentence
          of the article was dropped;
        - ``positions``: the position in the article of each kept sentence;
        - ``dropped``: a list of ``{"position", "sentence", "reason"}`` dicts.

        The number of dropped sentences is ``sum(len(d["dropped"]) for d in docs)``.

    Raises
    ------
    ValueError
        If a line is not valid JSON, lacks ``primary_gid`` or
        ``sentence_normalized``, has a gid of another structure, or gives two
        different sentences for the same article and position; the message
        names the file and line.

    Examples
    --------
    >>> docs = newsmtsc_gold("../shared/data/newsmtsc/train.jsonl")  # doctest: +SKIP
    >>> docs[0]["doc_id"], docs[0]["positions"]  # doctest: +SKIP
    ('newsmtsc_allsides_1', [14])
    """
    path = Path(path)
    articles: dict[tuple[str, str], dict[str, Any]] = {}
    for number, row in jsonl_records(path):
        try:
            raw = row["sentence_normalized"]
            parts = parse_newsmtsc_gid(row["primary_gid"])
        except (KeyError, TypeError, ValueError) as error:
            raise ValueError(f"{path}, line {number}: not a NewsMTSC row ({error})") from None
        key = (parts["corpus"], parts["article"])
        article = articles.setdefault(key, {"event": parts["event"], "sentences": {}})
        sentence = normalize_gold_text(raw)
        previous = article["sentences"].setdefault(parts["position"], sentence)
        if previous != sentence:
            raise ValueError(
                f"{path}, line {number}: article {key[1]} position {parts['position']} "
                f"already holds a different sentence"
            )
    docs = []
    for (corpus, article_id), article in sorted(articles.items()):
        kept, positions, dropped = [], [], []
        for position, sentence in sorted(article["sentences"].items()):
            reason = _drop_reason(sentence)
            if reason is None:
                kept.append(sentence)
                positions.append(position)
            else:
                dropped.append({"position": position, "sentence": sentence, "reason": reason})
        event = "" if article["event"] == "-1" else f", event {article['event']}"
        docs.append(
            {
                "doc_id": f"newsmtsc_{corpus}_{article_id}",
                "source": f"NewsMTSC {path.name} ({corpus} article {article_id}{event})",
                "licence": "MIT",
                "paragraphs": [kept] if kept else [],
                "positions": positions,
                "dropped": dropped,
            }
        )
    return docs


def _piece_starts(text: str, pieces: Sequence[Any]) -> list[int]:
    """Start offsets in ``text`` of a splitter's pieces (strings or spans)."""
    if pieces and all(isinstance(p, tuple) and len(p) == 2 for p in pieces):
        starts = []
        for start, end in pieces:
            if not 0 <= start <= end <= len(text):
                raise ValueError(f"split returned the span {(start, end)} outside 0..{len(text)}")
            piece = text[start:end]
            if piece.strip():
                starts.append(start + len(piece) - len(piece.lstrip()))
        return starts
    # Strings: align on non-whitespace characters, so that a splitter may strip
    # or keep spaces but must not change any other character.
    positions = [i for i, char in enumerate(text) if not char.isspace()]
    visible = "".join(text[i] for i in positions)
    starts, cursor = [], 0
    for number, piece in enumerate(pieces):
        if not isinstance(piece, str):
            raise TypeError(f"split must return strings or (start, end) pairs, got {piece!r}")
        chars = "".join(piece.split())
        if not chars:
            continue
        if visible[cursor : cursor + len(chars)] != chars:
            rest = text[positions[cursor] :] if cursor < len(positions) else ""
            raise ValueError(
                f"split changed the text: piece {number} {piece[:60]!r} does not continue "
                f"the paragraph, which goes on {rest[:60]!r}"
            )
        starts.append(positions[cursor])
        cursor += len(chars)
    if cursor != len(positions):
        raise ValueError(f"split lost text: its pieces stop before {text[positions[cursor]:][:60]!r}")
    return starts


def _region_error(
    doc_id: str, paragraph: int, text: str, gold: list[int], pred: list[int], lo: int, hi: int
) -> dict:
    """Describe one stretch of a paragraph where gold and predicted cuts differ."""
    gold_cuts = [lo, *[c for c in gold if lo < c < hi], hi]
    pred_cuts = [lo, *[c for c in pred if lo < c < hi], hi]
    missed = set(gold_cuts) - set(pred_cuts)
    extra = set(pred_cuts) - set(gold_cuts)
    kind = "missed" if not extra else "extra" if not missed else "both"
    return {
        "doc_id": doc_id,
        "paragraph": paragraph,
        "kind": kind,
        "start": lo,
        "end": hi,
        "gold": [text[a:b].strip() for a, b in zip(gold_cuts, gold_cuts[1:])],
        "predicted": [text[a:b].strip() for a, b in zip(pred_cuts, pred_cuts[1:])],
    }


def score_segmentation(
    gold_docs: Sequence[dict], split: Callable[[str], Sequence[Any]]
) -> dict[str, Any]:
    """Score a sentence splitter against gold documents.

    Each paragraph's sentences are joined with single spaces and passed to
    ``split``. A boundary is the character offset where a sentence starts,
    offset 0 excluded; boundaries are pooled over all paragraphs
    (micro-average). A gold sentence counts as exact when both its ends are
    predicted boundaries (or paragraph ends) and no predicted boundary falls
    inside it.

    Parameters
    ----------
    gold_docs : sequence of dict
        Documents as returned by :func:`read_gold` or :func:`newsmtsc_gold`;
        only ``doc_id`` and ``paragraphs`` are used, and empty paragraph lists
        are skipped.
    split : callable
        Takes a paragraph string and returns its sentences, either as strings
        (whitespace between and around them may be dropped, but no other
        character may change) or as ``(start, end)`` offsets into the string.
        ``toolkit.text.sentences.sentence_spans`` can be passed as it is.

    Returns
    -------
    dict
        - ``precision``, ``recall``, ``f1``: of boundaries. With no predicted
          boundaries precision is 0.0 (1.0 if there are no gold boundaries
          either); with no gold boundaries recall is 1.0.
        - ``sentence_accuracy``: exact gold sentences / gold sentences.
        - ``n_docs``, ``n_paragraphs``, ``n_gold_sentences``,
          ``n_predicted_sentences``, ``n_exact_sentences``,
          ``n_gold_boundaries``, ``n_predicted_boundaries``,
          ``true_positives``, ``false_positives``, ``false_negatives``: counts.
        - ``errors``: one dict per stretch of a paragraph where the splits
          disagree, with ``doc_id``, ``paragraph`` (index), ``kind``
          (``"missed"`` boundary, ``"extra"`` boundary or ``"both"``),
          ``start`` and ``end`` (offsets in the joined paragraph), ``gold``
          (the gold sentences of the stretch) and ``predicted`` (the pieces).

    Raises
    ------
    ValueError
        If ``split`` changes or loses characters of the paragraph.

    Examples
    --------
    >>> gold = [{"doc_id": "d", "paragraphs": [["Mr. Li left.", "He was sad."]]}]
    >>> naive = lambda text: text.replace(". ", ".\\n").split("\\n")
    >>> scores = score_segmentation(gold, naive)
    >>> scores["precision"], scores["recall"], scores["sentence_accuracy"]
    (0.5, 1.0, 0.5)
    >>> scores["errors"][0]["predicted"]
    ['Mr.', 'Li left.']
    """
    counts = dict.fromkeys(
        ["n_paragraphs", "n_gold_sentences", "n_predicted_sentences", "n_exact_sentences",
         "n_gold_boundaries", "n_predicted_boundaries", "true_positives"],
        0,
    )
    errors = []
    for doc in gold_docs:
        for index, sentences in enumerate(doc["paragraphs"]):
            if not sentences:
                continue
            text = " ".join(sentences)
            gold_starts, offset = [], 0
            for sentence in sentences:
                gold_starts.append(offset)
                offset += len(sentence) + 1
            pred_starts = sorted(set(_piece_starts(text, split(text))))
            gold = set(gold_starts[1:])
            pred = {start for start in pred_starts if start > 0}
            gold_cuts = [0, *sorted(gold), len(text)]
            pred_cuts = [0, *sorted(pred), len(text)]
            pred_pairs = set(zip(pred_cuts, pred_cuts[1:]))
            counts["n_paragraphs"] += 1
            counts["n_gold_sentences"] += len(sentences)
            counts["n_predicted_sentences"] += len(pred) + 1
            gold_pairs = zip(gold_cuts, gold_cuts[1:])
            counts["n_exact_sentences"] += sum(pair in pred_pairs for pair in gold_pairs)
            counts["n_gold_boundaries"] += len(gold)
            counts["n_predicted_boundaries"] += len(pred)
            counts["true_positives"] += len(gold & pred)
            if gold != pred:
                common = sorted((gold & pred) | {0, len(text)})
                for lo, hi in zip(common, common[1:]):
                    if any(lo < c < hi for c in gold ^ pred):
                        errors.append(
                            _region_error(doc["doc_id"], index, text, sorted(gold), sorted(pred), lo, hi)
                        )
    tp = counts["true_positives"]
    n_gold, n_pred = counts["n_gold_boundaries"], counts["n_predicted_boundaries"]
    precision = tp / n_pred if n_pred else (1.0 if n_gold == 0 else 0.0)
    recall = tp / n_gold if n_gold else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    n_sent = counts["n_gold_sentences"]
    return {
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "sentence_accuracy": counts["n_exact_sentences"] / n_sent if n_sent else 1.0,
        "n_docs": len(gold_docs),
        **counts,
        "false_positives": n_pred - tp,
        "false_negatives": n_gold - tp,
        "errors": errors,
    }


def split_halves(docs: list[dict]) -> tuple[list[dict], list[dict]]:
    """Split gold documents into the design half and the held-out half.

    The split is by ``crc32(doc_id) % 2``: documents with remainder 0 were used to design the
    splitter's post-processing rules, those with remainder 1 were held out and give the
    figure reported in the documentation.

    Parameters
    ----------
    docs : list of dict
        Gold documents, e.g. from :func:`newsmtsc_gold`.

    Returns
    -------
    design, held_out : list of dict

    Examples
    --------
    >>> design, held_out = split_halves([{"doc_id": "a"}, {"doc_id": "d"}, {"doc_id": "x"}])
    >>> [d["doc_id"] for d in design], [d["doc_id"] for d in held_out]
    (['d'], ['a', 'x'])
    """
    design = [d for d in docs if zlib.crc32(d["doc_id"].encode("utf-8")) % 2 == 0]
    held_out = [d for d in docs if zlib.crc32(d["doc_id"].encode("utf-8")) % 2 == 1]
    return design, held_out
