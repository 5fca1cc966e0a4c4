"""Who gets a voice: direct, mixed and reported quotes, with speakers and attribution verbs.

What it finds, by rules (no statistical model):

- **direct** quotes: text between quote marks that stands as the speaker's own sentence(s)
  (``"...," he said``; ``Ushakov said: "Not further..."``), over several sentences if the
  marks run on; a quote with no attribution that follows another quote continues that speaker
  (news-agency style);
- **mixed** quotes: a quoted fragment inside reported speech (``urged Putin to "stop wasting
  the world's time"``);
- **indirect** (reported) speech: ``X said (that) ...``, ``..., X said``, ``according to X``.

The attribution verb is looked up in an editable verb list (``speech_verbs.yml``: lemma and
class, neutral / evaluative / other). The speaker is the subject of that verb: a dictionary
actor where one ends the subject (``Putin's foreign affairs adviser, Yuri Ushakov``), "he" or
"she" resolved to the last speaker of that gender or else the last person of that gender
named outside quotes, or an unnamed source kept as written ("a senior Trump administration
official"). Quote marks are the cleaned text's ``"`` (every double-quote style is normalized
to it) and curly single quotes ``‘...’``.

Accuracy on hand-annotated gold quotes is in ``data/gold/quotes/README.md``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

import pandas as pd
import yaml

from ._checks import check_columns
from .actors import ActorDictionary
from .mentions import find_mentions
from .text import count_words

#: The columns of the quotes table.
QUOTE_COLUMNS = ["article_id", "outlet", "sentence", "speaker", "actor", "verb", "kind", "text",
                 "start", "end", "verb_class", "cue", "speaker_type", "side", "words", "last_sentence"]
VERB_CLASSES = ("neutral", "evaluative", "other")


class VerbsError(ValueError):
    """A malformed speech-verb list; the message names the entry and the field."""


@dataclass(frozen=True)
class SpeechVerbs:
    """Speech verbs by form: ``forms[form] == (lemma, verb_class)``."""

    forms: dict
    source: str = ""
    pattern: re.Pattern = field(init=False, repr=False, compare=False)

    def __post_init__(self):
        alternatives = sorted({f for form in self.forms for f in (form, form.capitalize())}, key=len, reverse=True)
        object.__setattr__(self, "pattern", re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, alternatives))
                                                       + r")(?![\w-])"))

    def lookup(self, form: str) -> tuple[str, str]:
        """Return (lemma, class) of a verb form as written."""
        return self.forms[form.lower()]


def default_verbs_path() -> Path:
    """Return the path of the speech-verb list shipped with the toolkit.

    Returns
    -------
    pathlib.Path

    Examples
    --------
    >>> default_verbs_path().name
    'speech_verbs.yml'
    """
    return Path(str(resources.files("toolkit") / "resources" / "speech_verbs.yml"))


def load_verbs(path: str | Path | None = None) -> SpeechVerbs:
    """Read a speech-verb list.

    Parameters
    ----------
    path : str or pathlib.Path, optional
        A YAML file like the toolkit's own (:func:`default_verbs_path`), which is the default.

    Returns
    -------
    SpeechVerbs

    Raises
    ------
    VerbsError
        If the file is missing or malformed; the message names the entry and the field.

    Examples
    --------
    >>> load_verbs().lookup("Accused")
    ('accuse', 'evaluative')
    """
    path = Path(path) if path is not None else default_verbs_path()
    if not path.is_file():
        raise VerbsError(f"speech-verb list not found: {path}")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as err:
        raise VerbsError(f"{path} is not valid YAML: {err}") from None
    if not isinstance(data, dict) or not isinstance(data.get("verbs"), list):
        raise VerbsError(f"{path}: expected a key 'verbs' holding a list of verbs")
    forms: dict[str, tuple[str, str]] = {}
    for i, entry in enumerate(data["verbs"], start=1):
        where = f"{path}: verb {i}"
        if not isinstance(entry, dict) or not isinstance(entry.get("lemma"), str):
            raise VerbsError(f"{where}: expected a mapping with lemma, class and forms, got {entry!r}")
        where += f" ({entry['lemma']})"
        if entry.get("class") not in VERB_CLASSES:
            raise VerbsError(f"{where}: field 'class' must be one of {', '.join(VERB_CLASSES)}; got {entry.get('class')!r}")
        if not isinstance(entry.get("forms"), list) or not entry["forms"] or not all(isinstance(f, str) for f in entry["forms"]):
            raise VerbsError(f"{where}: field 'forms' must be a non-empty list of strings")
        for form in entry["forms"]:
            forms[form.lower()] = (entry["lemma"], entry["class"])
    return SpeechVerbs(forms, source=str(path))


@lru_cache(maxsize=1)
def _default_verbs() -> SpeechVerbs:
    return load_verbs()


# --- finding quote marks ------------------------------------------------------------------

def quote_spans(text: str) -> list[tuple[int, int]]:
    """Return the (start, end) offsets of the text inside quote marks in one paragraph.

    Double quotes ``"`` pair up in order; a quote left open at the end of the paragraph runs to
    its end (a quotation continued in the next paragraph reopens there). Curly single quotes
    ``‘...’`` pair up too (a ``’`` followed by a letter is an apostrophe).

    Parameters
    ----------
    text : str
        One paragraph of cleaned text.

    Returns
    -------
    list of tuple of int
        Offsets of the quoted text, without the marks, in text order.

    Examples
    --------
    >>> quote_spans('He said "yes." Then: \u2018no\u2019 and "maybe')
    [(9, 13), (22, 24), (31, 36)]
    """
    marks = [m.start() for m in re.finditer('"', text)]
    spans = [(marks[i] + 1, marks[i + 1] if i + 1 < len(marks) else len(text)) for i in range(0, len(marks), 2)]
    for m in re.finditer("\u2018", text):
        close = re.compile("\u2019(?![A-Za-z])").search(text, m.end())
        if close and not any(s <= m.start() < e for s, e in spans):
            spans.append((m.end(), close.start()))
    return sorted(span for span in spans if span[1] > span[0])


# --- attribution --------------------------------------------------------------------------

_PRONOUNS = {"he": "male", "she": "female", "He": "male", "She": "female"}
_SKIP_BEFORE = {"have", "has", "had", "also", "repeatedly", "later", "again", "then", "previously",
                "would", "will", "once", "further", "had", "earlier", "already", "publicly", "reportedly",
                "on", "today", "yesterday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
                "Saturday", "Sunday", "and", "but"}
_PASSIVE = {"was", "were", "been", "being", "is", "are", "be", "to", "so", "the", "a", "an", "his",
            "her", "their", "its", "media", "these", "those", "such", "of"}
_NOUN_AFTER = {"from", "of", "by", "about", "for"}
_COMPOUND = ("as well as ", "along with ", "together with ")
_BOUNDARY = re.compile(r"[,;:()\u2014\u2013\"]|\s-\s")
_ACCORDING = re.compile(r"\baccording to\s+")
_TIME_WORDS = re.compile(r"^\s*(?:(?:on\s+)?(?:today|yesterday|tonight|overnight|Monday|Tuesday|Wednesday|"
                         r"Thursday|Friday|Saturday|Sunday)\b\s*)+")
# Reported content shorter than this is not a statement ("claims as its own").
_MIN_CONTENT_WORDS = 4


@dataclass
class _Attribution:
    verb_start: int
    verb_end: int
    cue: str
    lemma: str
    verb_class: str
    subject: tuple[int, int] | None = None   # offsets in the sentence, None if after the verb


@dataclass
class _Speaker:
    name: str
    actor: str | None
    kind: str           # named, pronoun, unnamed, none
    surface: str
    gender: str | None = None


def _words_before(text: str, end: int, n: int) -> list[str]:
    return text[:end].split()[-n:]


def _verbs_in(sentence: str, verbs: SpeechVerbs, quoted: list[tuple[int, int]]) -> list[_Attribution]:
    found = []
    for m in verbs.pattern.finditer(sentence):
        if any(s <= m.start() < e for s, e in quoted):
            continue
        before = _words_before(sentence, m.start(), 1)
        after = sentence[m.end():].split(None, 1)
        next_word = after[0].strip(",.;:").lower() if after else ""
        if before and before[0].lower() in _PASSIVE:
            continue
        if next_word in _NOUN_AFTER or (next_word and next_word in verbs.forms):
            continue
        lemma, verb_class = verbs.lookup(m.group())
        found.append(_Attribution(m.start(), m.end(), m.group(), lemma, verb_class))
    return found


def _subject_span(sentence: str, verb_start: int) -> tuple[int, int] | None:
    """The subject of a verb: the words before it back to a clause boundary, minus adverbs."""
    end = verb_start
    while True:
        words = _words_before(sentence, end, 1)
        stripped = sentence[:end].rstrip(" ,")
        if words and words[0].strip(",") in _SKIP_BEFORE:
            end = stripped.rfind(words[0].strip(","))
            continue
        end = len(stripped)
        break
    boundaries = [m.end() for m in _BOUNDARY.finditer(sentence, 0, end)]
    start = boundaries[-1] if boundaries else 0
    segment = sentence[start:end]
    if segment.strip().lower().startswith(_COMPOUND):
        # "Mr Zelensky, as well as European leaders backing him, have accused": the first part
        start = boundaries[-2] if len(boundaries) >= 2 else 0
        end = boundaries[-1] - 1
    while start < end and sentence[start] in " \t":
        start += 1
    words = sentence[start:end].split()
    if end <= start or len(words) > 12 or words[-1].endswith("ing"):
        return None
    return start, end


def _speaker_from(sentence: str, span: tuple[int, int], mentions: list, actors: ActorDictionary) -> _Speaker:
    start, end = span
    phrase = sentence[start:end]
    if phrase in _PRONOUNS:
        return _Speaker(phrase, None, "pronoun", phrase, _PRONOUNS[phrase])
    inside = [m for m in mentions if m[0] >= start and m[1] <= end]
    at_end = [m for m in inside if m[1] == end]
    at_start = [m for m in inside if m[0] - start <= 4 and sentence[m[1]:m[1] + 1] == ","]
    for m in at_end or at_start:
        actor = actors[m[2]]
        return _Speaker(actor.name, actor.name, "named", phrase, actor.gender)
    return _Speaker(phrase, None, "unnamed", phrase)


def _speaker_after(sentence: str, verb_end: int, mentions: list, actors: ActorDictionary) -> _Speaker | None:
    """Inverted attribution: ``..." said Trump``."""
    rest = sentence[verb_end:]
    lead = len(rest) - len(rest.lstrip())
    for m in mentions:
        if m[0] == verb_end + lead:
            actor = actors[m[2]]
            return _Speaker(actor.name, actor.name, "named", sentence[m[0]:m[1]], actor.gender)
    word = rest.split(None, 1)[0].strip(",.") if rest.strip() else ""
    if word in _PRONOUNS:
        return _Speaker(word, None, "pronoun", word, _PRONOUNS[word])
    return None


@dataclass
class _Sentence:
    number: int
    paragraph: int
    start: int
    end: int
    text: str
    mentions: list   # (start, end, actor) in sentence offsets
    quoted: list = field(default_factory=list)   # quote spans in sentence offsets


def _resolve(speaker: _Speaker, last_speaker: _Speaker | None, people: list[tuple[int, str]],
             position: int, actors: ActorDictionary) -> _Speaker:
    """Resolve he/she to the last speaker of that gender, else the last such person named."""
    if speaker.kind != "pronoun":
        return speaker
    if last_speaker is not None and last_speaker.actor and last_speaker.gender in (None, speaker.gender):
        return _Speaker(last_speaker.name, last_speaker.actor, "pronoun", speaker.surface, last_speaker.gender)
    for offset, name in reversed(people):
        if offset < position and actors[name].gender in (None, speaker.gender):
            return _Speaker(name, name, "pronoun", speaker.surface, actors[name].gender)
    return speaker


def _article_quotes(sents: list[_Sentence], actors: ActorDictionary, verbs: SpeechVerbs) -> list[dict]:
    quotes: list[dict] = []
    # persons named outside quotes, as (article offset, actor), for pronoun resolution
    people = [(s.start + m[0], m[2]) for s in sents for m in s.mentions
              if actors[m[2]].type == "person" and not any(a <= m[0] < b for a, b in s.quoted)]
    last: _Speaker | None = None
    last_paragraph = -1

    def add(kind, speaker, attribution, q_start, q_end, first, last_sentence, text):
        quotes.append({"sentence": first, "last_sentence": last_sentence, "speaker": speaker.name,
                       "actor": speaker.actor, "speaker_type": speaker.kind, "kind": kind, "text": text,
                       "start": q_start, "end": q_end,
                       "verb": attribution.lemma if attribution else "", "cue": attribution.cue if attribution else "",
                       "verb_class": attribution.verb_class if attribution else ""})

    paragraphs: dict[int, list[_Sentence]] = {}
    for s in sents:
        paragraphs.setdefault(s.paragraph, []).append(s)
    for number, members in paragraphs.items():
        base = members[0].start
        ptext = ""
        for s in members:
            ptext += " " * (s.start - base - len(ptext)) + s.text
        spans = [(base + a, base + b) for a, b in quote_spans(ptext)]
        for s in members:
            s.quoted = [(max(a, s.start) - s.start, min(b, s.end) - s.start) for a, b in spans
                        if a < s.end and b > s.start]
        consumed: set[tuple[int, int]] = set()
        for q_start, q_end in spans:
            first = next(s for s in members if s.start <= q_start < s.end + 1)
            final = next(s for s in members if s.start < q_end <= s.end + 1)
            inner = ptext[q_start - base:q_end - base]
            local_open = q_start - first.start - 1
            head = first.text[:max(local_open, 0)]
            kind = "direct" if (not head.strip() or head.rstrip().endswith(":")) and inner[:1].isupper() else "mixed"
            speaker, attribution = None, None
            # after the quote: '"...," he said' / '"...," said Trump'
            tail_start = q_end - final.start + 1
            tail = final.text[tail_start:]
            if inner.rstrip().endswith((",", "?", "!")) or tail.lstrip().startswith(","):
                for cand in _verbs_in(final.text, verbs, final.quoted):
                    if cand.verb_start >= tail_start and len(final.text[tail_start:cand.verb_start].split()) <= 10:
                        span = (tail_start + len(tail) - len(tail.lstrip(" ,")), cand.verb_start)
                        span_text = final.text[span[0]:span[1]].strip()
                        if span_text:
                            sub = _subject_span(final.text, cand.verb_start)
                            speaker = _speaker_from(final.text, sub, final.mentions, actors) if sub else None
                        else:
                            speaker = _speaker_after(final.text, cand.verb_end, final.mentions, actors)
                        if speaker:
                            attribution = cand
                            consumed.add((final.number, cand.verb_start))
                        break
            # before the quote: 'X said: "..."', 'X urged Putin to "..."'
            if speaker is None and head.strip():
                cands = _verbs_in(first.text[:local_open], verbs, first.quoted)
                for cand in reversed(cands):
                    sub = _subject_span(first.text, cand.verb_start)
                    if sub:
                        speaker, attribution = _speaker_from(first.text, sub, first.mentions, actors), cand
                        consumed.add((first.number, cand.verb_start))
                        break
                    if (first.number, cand.verb_start) in consumed and last is not None:
                        speaker, attribution = last, cand
                        break
            if speaker is None:
                # a quote without attribution continues the previous speaker
                if last is not None and number - last_paragraph <= 1 and not head.strip():
                    speaker = _Speaker(last.name, last.actor, "none", "", last.gender)
                else:
                    speaker = _Speaker("unknown", None, "none", "")
            speaker = _resolve(speaker, last, people, q_start, actors)
            add(kind, speaker, attribution, q_start, q_end, first.number, final.number, inner)
            if speaker.kind != "none" or speaker.actor:
                last, last_paragraph = speaker, number
        # reported speech in the paragraph's sentences, by verbs no quote used
        for s in members:
            previous_in_sentence = None
            cands = _verbs_in(s.text, verbs, s.quoted)
            for i, cand in enumerate(cands):
                if (s.number, cand.verb_start) in consumed:
                    previous_in_sentence = last
                    continue
                next_verb = cands[i + 1].verb_start if i + 1 < len(cands) else None
                reported = _reported(s, cand, actors, previous_in_sentence, next_verb)
                if reported is None:
                    continue
                speaker, c_start, c_end = reported
                speaker = _resolve(speaker, last, people, s.start + cand.verb_start, actors)
                add("indirect", speaker, cand, s.start + c_start, s.start + c_end, s.number, s.number,
                    s.text[c_start:c_end])
                last, last_paragraph, previous_in_sentence = speaker, number, speaker
            for m in _ACCORDING.finditer(s.text):
                if any(a <= m.start() < b for a, b in s.quoted):
                    continue
                np_end = len(s.text.rstrip("."))
                stop = re.search(r",| who | which ", s.text[m.end():])
                if stop:
                    np_end = m.end() + stop.start()
                phrase = (m.end(), np_end)
                speaker = _speaker_from(s.text, phrase, s.mentions, actors)
                content = s.text[:m.start()].rstrip(" ,")
                according = _Attribution(m.start(), m.end(), "according to", "according to", "neutral")
                add("indirect", speaker, according, s.start, s.start + len(content), s.number, s.number, content)
                last, last_paragraph = speaker, number
    return sorted(quotes, key=lambda q: q["start"])


def _reported(s: _Sentence, cand: _Attribution, actors, previous,
              next_verb: int | None = None) -> tuple[_Speaker, int, int] | None:
    """Reported speech around a verb: (speaker, content start, content end) in sentence offsets.

    ``next_verb`` is where the next attribution verb of the sentence starts: the content of
    this one stops before it ("accused X of Y — and warned that Z").
    """
    text = s.text
    sub = _subject_span(text, cand.verb_start)
    if sub is None:
        if previous is None:
            return None
        speaker = previous
    else:
        speaker = _speaker_from(text, sub, s.mentions, actors)
    body_end = len(text.rstrip(" ."))
    before = text[:sub[0]].rstrip() if sub else ""
    after = _TIME_WORDS.sub("", text[cand.verb_end:]).lstrip()
    if sub and before.endswith(",") and (not after or after[0] in ",.;"):
        # '..., X said [today], while ...': the content is what comes before
        start, end = 0, len(before) - 1
    else:
        start, end = cand.verb_end, body_end
        if next_verb is not None:
            end = len(re.sub(r"(?:[\s,;\u2014\u2013]|\band\b)+$", "", text[:next_verb]))
        rest = text[start:end]
        that = re.search(r"\bthat\b[\s,]*", rest[:80])
        if that and (cand.lemma != "say" or len(rest[:that.start()].split()) <= 3):
            start += that.end()
        else:
            start += len(rest) - len(rest.lstrip(" ,:"))
    if len(text[start:end].split()) < _MIN_CONTENT_WORDS:
        return None
    return speaker, start, end


def extract_quotes(sentences: pd.DataFrame, actors: ActorDictionary, *, verbs=None) -> pd.DataFrame:
    """Find direct, mixed and reported quotes with their speakers and attribution verbs.

    Parameters
    ----------
    sentences : pandas.DataFrame
        The sentences table.
    actors : ActorDictionary
        From :func:`toolkit.load_actors`; named speakers are resolved to its actors.
    verbs : str, pathlib.Path or SpeechVerbs, optional
        The speech-verb list; by default the toolkit's own (:func:`default_verbs_path`).

    Returns
    -------
    pandas.DataFrame
        The quotes table, one row per quote: ``article_id, outlet, sentence`` (where the quote
        starts), ``speaker`` (actor name, or the unnamed source as written, or "unknown"),
        ``actor`` (dictionary actor or missing), ``verb`` (lemma; "" when the quote continues a
        previous one), ``kind`` (direct, mixed, indirect), ``text`` (inside the quote marks, or
        the reported clause), ``start, end`` (offsets of ``text`` in the article),
        ``verb_class`` (neutral, evaluative, other), ``cue`` (the verb as written),
        ``speaker_type`` (named, pronoun, unnamed, none), ``side`` (the actor's),
        ``words`` (in ``text``) and ``last_sentence``.

    Examples
    --------
    >>> from toolkit import load_actors, load_articles, sample_actors_path, sample_data_path, split_sentences
    >>> quotes = extract_quotes(split_sentences(load_articles(sample_data_path())), load_actors(sample_actors_path()))
    >>> quotes.loc[quotes["outlet"] == "Morning Star", ["speaker", "verb", "kind"]].tail(1).values.tolist()
    [['Vladimir Putin', 'say', 'direct']]
    """
    check_columns(sentences, ["article_id", "outlet", "paragraph", "sentence", "start", "end", "text"],
                  what="the sentences table")
    verbs = verbs if isinstance(verbs, SpeechVerbs) else (load_verbs(verbs) if verbs is not None else _default_verbs())
    mentions = find_mentions(sentences, actors)
    by_sentence: dict[tuple[str, int], list] = {}
    for m in mentions.itertuples(index=False):
        by_sentence.setdefault((m.article_id, m.sentence), []).append((m.start, m.end, m.actor))
    rows = []
    for (article_id, outlet), group in sentences.groupby(["article_id", "outlet"], sort=False):
        sents = []
        for r in group.sort_values("sentence").itertuples(index=False):
            ms = [(a - r.start, b - r.start, actor) for a, b, actor in by_sentence.get((article_id, r.sentence), [])]
            sents.append(_Sentence(r.sentence, r.paragraph, r.start, r.end, r.text, ms))
        for q in _article_quotes(sents, actors, verbs):
            rows.append({"article_id": article_id, "outlet": outlet, **q})
    table = pd.DataFrame(rows, columns=[c for c in QUOTE_COLUMNS if c not in ("side", "words")])
    table["side"] = table["actor"].map(lambda a: actors[a].side if isinstance(a, str) and a in actors else None)
    table["words"] = table["text"].map(count_words).astype("int64")
    return table[QUOTE_COLUMNS]
