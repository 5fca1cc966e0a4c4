"""Generic news frames as cue-word indicators (Semetko & Valkenburg 2000).

The five generic frames of Semetko and Valkenburg (2000, *Journal of Communication* 50(2):
93-109) are conflict, human interest, attribution of responsibility, morality and economic
consequences. They coded them by answering yes/no questions about whole stories. This module
does something much simpler and says so: it counts, in each sentence, the words of an
editable cue list (``toolkit/resources/frames.yml``) that often go with each frame.

The scores are **cue-word indicators, not a frame classifier**. Against the annotators of the
Narrative Frames Corpus (343 climate-change articles; ``devtools.frame_eval``), the share of
an article's sentences with a cue ranks the articles with a frame above those without with a
ROC AUC of 0.66 (conflict), 0.70 (human interest), 0.81 (economic), 0.77 (morality) and 0.56
(responsibility, against the corpus's narrower "resolution"): macro 0.70; the rule "any cue"
flags most articles (macro precision 0.38, recall 0.85, F1 0.51). A cue can occur without its
frame ("attack" in a sports report) and a frame without any cue. Use the scores to find
sentences to read, and to compare outlets over many texts; every score lists the words behind
it. A learned alternative is :mod:`toolkit.compare.frame_model`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd

from .._checks import check_choice, check_columns
from .._files import read_yaml_list, resource_path
from ..text.normalize import count_words, cue_regex

_FRAME_ID = re.compile(r"^[a-z][a-z0-9_]*$")


class FramesError(ValueError):
    """A frame dictionary file is missing or malformed."""


@dataclass(frozen=True)
class Frames:
    """A frame dictionary: frame ids, labels, cue lists and compiled patterns per frame.

    ``patterns`` match lower-cased text (three times faster than case-insensitive matching);
    ``any_case`` match any text, for the rare text whose lower-case form changes length.
    """

    name: str
    source: str
    labels: dict
    cues: dict
    patterns: dict
    any_case: dict

    def __len__(self) -> int:
        return len(self.labels)


def default_frames_path() -> Path:
    """The path of the toolkit's frame dictionary (copy it to make your own)."""
    return resource_path("frames.yml")


def load_frames(path: str | Path | None = None) -> Frames:
    """Read a frame dictionary.

    Parameters
    ----------
    path : str or pathlib.Path, optional
        A YAML file like the toolkit's own (:func:`default_frames_path`), which is the default:
        a mapping with ``name``, ``source`` and ``frames``, a list of mappings with ``frame``
        (an id: lower case letters, digits, underscores), ``label`` and ``cues``.

    Returns
    -------
    Frames

    Raises
    ------
    FramesError
        If the file is missing or malformed, a frame id repeats, a frame has no cues, a cue
        has characters that are not allowed, or a cue is in two frames; the message names the
        file, the frame and the cue.

    Examples
    --------
    >>> frames = load_frames()
    >>> list(frames.labels)
    ['conflict', 'human_interest', 'responsibility', 'morality', 'economic']
    """
    path, data = read_yaml_list(path if path is not None else default_frames_path(), "frames", FramesError,
                                what="frame dictionary")
    labels, cues, owner, patterns, any_case = {}, {}, {}, {}, {}
    for i, entry in enumerate(data["frames"], start=1):
        where = f"{path}: frame {i}"
        if not isinstance(entry, dict) or not isinstance(entry.get("frame"), str) or not _FRAME_ID.match(entry["frame"]):
            raise FramesError(f"{where}: expected a mapping whose 'frame' is an id of lower-case letters, digits "
                              f"and underscores, got {entry!r:.80}")
        frame = entry["frame"]
        where += f" ({frame})"
        if frame in labels:
            raise FramesError(f"{where}: the frame id {frame!r} is used twice")
        listed = entry.get("cues")
        if not isinstance(listed, list) or not listed or not all(isinstance(c, str) and c.strip() for c in listed):
            raise FramesError(f"{where}: field 'cues' must be a non-empty list of words or phrases")
        for cue in listed:
            key = cue.strip().lower()
            if key in owner and owner[key] != frame:
                raise FramesError(f"{where}: the cue {cue!r} is also in frame {owner[key]!r}; a cue belongs to one frame")
            owner[key] = frame
        try:
            any_case[frame] = cue_regex(listed)
        except ValueError as error:
            raise FramesError(f"{where}: {error}") from None
        patterns[frame] = cue_regex([c.lower() for c in listed], case_sensitive=True)
        labels[frame] = str(entry.get("label") or frame)
        cues[frame] = [c.strip() for c in listed]
    if not labels:
        raise FramesError(f"{path}: the list 'frames' is empty")
    return Frames(name=str(data.get("name", path.stem)), source=str(path), labels=labels, cues=cues,
                  patterns=patterns, any_case=any_case)


@lru_cache(maxsize=1)
def _default_frames() -> Frames:
    return load_frames()


#: The columns of :func:`frame_scores` by sentence.
SENTENCE_COLUMNS = ["article_id", "outlet", "sentence", "frame", "label", "cues", "evidence", "words", "method"]
#: The columns of :func:`frame_scores` by outlet.
OUTLET_COLUMNS = ["outlet", "frame", "label", "sentences", "share_of_sentences", "cues", "per_1000_words",
                  "top_cues", "articles", "method"]


def _method(frames: Frames) -> str:
    """How frame scores were made, recorded in every row."""
    return f"cue words: {frames.name} ({Path(frames.source).name})"


def frame_scores(sentences: pd.DataFrame, *, frames: Frames | str | Path | None = None,
                 by: str = "sentence") -> pd.DataFrame:
    """Count frame cue words per sentence, or per outlet.

    Parameters
    ----------
    sentences : pandas.DataFrame
        The sentences table.
        Every part counts: headline, captions and body (to leave the first two out, pass
        :func:`toolkit.body_of` of the table).
    frames : Frames or path, optional
        A frame dictionary (:func:`load_frames`) or the path of one; default the toolkit's own.
    by : {"sentence", "outlet"}, default "sentence"
        One row per sentence with a cue, or one row per outlet and frame.

    Returns
    -------
    pandas.DataFrame
        ``by="sentence"``: one row per sentence and frame with at least one cue:
        ``article_id``, ``outlet``, ``sentence``, ``frame``, ``label``, ``cues`` (how many cue
        words), ``evidence`` (the words found, in order, separated by " | ") and ``words`` (the
        sentence's length in words) and ``method`` (the dictionary's name and file).

        ``by="outlet"``: one row per outlet and frame (every frame, zeros included):
        ``sentences`` with at least one cue, ``share_of_sentences``, ``cues`` (all cue words),
        ``per_1000_words``, ``top_cues`` (the most frequent, with counts) and ``articles`` (how
        many of the outlet's articles have a cue) and ``method``.

    Raises
    ------
    ValueError
        If ``by`` is not one of the choices, or a column is missing.
    FramesError
        If the frame dictionary cannot be read.

    Examples
    --------
    >>> import pandas as pd
    >>> sentences = pd.DataFrame({"article_id": ["a"], "outlet": ["X"], "sentence": [0],
    ...     "text": ["Families of the victims blamed the ministry for the cost of the attack."]})
    >>> frame_scores(sentences)[["frame", "evidence"]].values.tolist()
    [['conflict', 'attack'], ['human_interest', 'Families | victims'], ['responsibility', 'blamed'], ['economic', 'cost']]
    """
    check_choice("by", by, ("sentence", "outlet"))
    check_columns(sentences, ["article_id", "outlet", "sentence", "text"], what="the sentences table")
    if frames is None:
        frames = _default_frames()
    elif not isinstance(frames, Frames):
        frames = load_frames(frames)
    method = _method(frames)
    rows = []
    for article_id, outlet, number, text in zip(sentences["article_id"], sentences["outlet"], sentences["sentence"],
                                                sentences["text"]):
        words = None
        lower = text.lower()
        patterns, searched = (frames.patterns, lower) if len(lower) == len(text) else (frames.any_case, text)
        for frame, pattern in patterns.items():
            found = [text[m.start():m.end()] for m in pattern.finditer(searched)]
            if found:
                words = words if words is not None else count_words(text)
                rows.append({"article_id": article_id, "outlet": outlet, "sentence": number, "frame": frame,
                             "label": frames.labels[frame], "cues": len(found), "evidence": " | ".join(found),
                             "words": words, "method": method})
    table = pd.DataFrame(rows, columns=SENTENCE_COLUMNS)
    if by == "sentence":
        return table
    return frames_by_outlet(table, sentences, frames=frames)


def frames_by_outlet(frame_rows: pd.DataFrame, sentences: pd.DataFrame, *,
                     frames: Frames | str | Path | None = None) -> pd.DataFrame:
    """The per-outlet profile (``frame_scores(..., by="outlet")``) from the per-sentence rows,
    without matching the cue words again.

    Parameters
    ----------
    frame_rows : pandas.DataFrame
        ``frame_scores(sentences, frames=frames)``.
    sentences : pandas.DataFrame
        The same sentences (for the number of sentences and words per outlet).
    frames : Frames or path, optional
        The same frame dictionary.

    Returns
    -------
    pandas.DataFrame
        As ``frame_scores(sentences, by="outlet")``.

    Examples
    --------
    >>> import pandas as pd
    >>> sentences = pd.DataFrame({"article_id": ["a", "b"], "outlet": ["X", "Y"], "sentence": [0, 0],
    ...     "text": ["Rivals clashed in an attack.", "Calm day."]})
    >>> profile = frames_by_outlet(frame_scores(sentences), sentences)
    >>> profile.loc[profile["frame"] == "conflict", ["outlet", "sentences", "cues"]].values.tolist()
    [['X', 1, 3], ['Y', 0, 0]]
    """
    from ..actors.voices import counted

    check_columns(sentences, ["article_id", "outlet", "text"], what="the sentences table")
    frames = _default_frames() if frames is None else frames if isinstance(frames, Frames) else load_frames(frames)
    table = frame_rows
    method = _method(frames)

    rows = []
    for outlet, own in sentences.groupby("outlet", sort=True):
        words = sum(count_words(t) for t in own["text"])
        hits = table[table["outlet"] == outlet]
        for frame, label in frames.labels.items():
            part = hits[hits["frame"] == frame]
            cue_words = pd.Series([w.lower() for e in part["evidence"] for w in e.split(" | ")], dtype=object)
            rows.append({"outlet": outlet, "frame": frame, "label": label, "sentences": len(part),
                         "share_of_sentences": len(part) / len(own) if len(own) else 0.0,
                         "cues": int(part["cues"].sum()),
                         "per_1000_words": 1000 * int(part["cues"].sum()) / words if words else 0.0,
                         "top_cues": counted(cue_words, top=5), "articles": int(part["article_id"].nunique()),
                         "method": method})
    return pd.DataFrame(rows, columns=OUTLET_COLUMNS)
