"""Who gets a voice: direct, mixed and reported quotes, with speakers and attribution verbs.

What it finds, by rules (no statistical model):

- **direct** quotes: text between quote marks that stands as the speaker's own sentence(s)
  (``"...," he said``; ``Ushakov said: "Not further..."``), over several sentences if the
  marks run on; a quote with no attribution that follows another quote continues that speaker
  (news-agency style);
- **mixed** quotes: a quoted fragment inside reported speech (``urged Putin to "stop wasting
  the world's time"``); one quoted word without an attribution is a scare quote, a nickname
  or a term, not a quote;
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
from itertools import accumulate
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pandas as pd

from .._checks import check_columns
from .._files import read_yaml_list, resource_path
from .dictionary import ActorDictionary
from .mentions import find_mentions
from ..text.nlp import LONG_SENTENCE
from ..text.normalize import count_words

#: The columns of the quotes table.
QUOTE_COLUMNS = ["article_id", "outlet", "sentence", "speaker", "actor", "verb", "kind", "text",
                 "start", "end", "verb_class", "cue", "speaker_type", "side", "words", "last_sentence", "part",
                 "speaker_start", "speaker_end", "statement"]
VERB_CLASSES = ("neutral", "evaluative", "other")


class VerbsError(ValueError):
    """A malformed speech-verb list; the message names the entry and the field."""


@dataclass(frozen=True)
class SpeechVerbs:
    """Speech verbs by form: ``forms[form] == (lemma, verb_class)``; ``participles`` likewise for
    the forms in -ing, which only the parse can tell from nouns ("saying" in "X left, saying
    that ...", not in "an old saying")."""

    forms: dict
    source: str = ""
    participles: dict = field(default_factory=dict)
    pattern: re.Pattern = field(init=False, repr=False, compare=False)
    participle_pattern: re.Pattern = field(init=False, repr=False, compare=False)

    def __post_init__(self):
        object.__setattr__(self, "pattern", _forms_pattern(self.forms))
        object.__setattr__(self, "participle_pattern", _forms_pattern(self.participles))

    def lookup(self, form: str) -> tuple[str, str]:
        """Return (lemma, class) of a verb form as written."""
        return self.forms.get(form.lower()) or self.participles[form.lower()]


def _forms_pattern(forms) -> re.Pattern:
    """A pattern that finds the forms as whole words, lower case or capitalized (none if no forms)."""
    alternatives = sorted({f for form in forms for f in (form, form.capitalize())}, key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, alternatives)) + r")(?![\w-])" if alternatives
                      else r"(?!)")


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
    return resource_path("speech_verbs.yml")


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
    path, data = read_yaml_list(path if path is not None else default_verbs_path(), "verbs", VerbsError,
                                what="speech-verb list")
    forms: dict[str, tuple[str, str]] = {}
    participles: dict[str, tuple[str, str]] = {}
    for i, entry in enumerate(data["verbs"], start=1):
        where = f"{path}: verb {i}"
        if not isinstance(entry, dict) or not isinstance(entry.get("lemma"), str):
            raise VerbsError(f"{where}: expected a mapping with lemma, class and forms, got {entry!r}")
        where += f" ({entry['lemma']})"
        if entry.get("class") not in VERB_CLASSES:
            raise VerbsError(f"{where}: field 'class' must be one of {', '.join(VERB_CLASSES)}; got {entry.get('class')!r}")
        if not isinstance(entry.get("forms"), list) or not entry["forms"] or not all(isinstance(f, str) for f in entry["forms"]):
            raise VerbsError(f"{where}: field 'forms' must be a non-empty list of strings")
        if not isinstance(entry.get("participles", []), list) or not all(isinstance(f, str) for f in entry.get("participles", [])):
            raise VerbsError(f"{where}: field 'participles' must be a list of strings")
        for form in entry["forms"]:
            forms[form.lower()] = (entry["lemma"], entry["class"])
        for form in entry.get("participles", []):
            participles[form.lower()] = (entry["lemma"], entry["class"])
    return SpeechVerbs(forms, source=str(path), participles=participles)


@lru_cache(maxsize=1)
def _default_verbs() -> SpeechVerbs:
    return load_verbs()


# --- finding quote marks ------------------------------------------------------------------

_SINGLE_CLOSE = re.compile("[\u2019'](?![A-Za-z])")


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Return the (start, end) offsets of the text inside quote marks in one paragraph.

    Double quotes ``"`` pair up in order; a quote left open at the end of the paragraph runs to
    its end (a quotation continued in the next paragraph reopens there). Curly single quotes
    ``‘...’`` pair up too, with ``’`` or ``'`` as the closing mark when no letter follows; an
    unclosed one also runs to the paragraph's end.

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
    # one pass over each kind of mark (linear in the paragraph): the closing marks found once, an
    # opening mark inside a double quote found by bisection, inside a single quote by the
    # furthest end of the single quotes before it (they start in text order)
    closes = [m.start() for m in _SINGLE_CLOSE.finditer(text)]
    double_starts = [s for s, _ in spans]
    single_end, singles = 0, []
    for m in re.finditer("\u2018", text):
        i = bisect_right(double_starts, m.start()) - 1
        if m.start() < single_end or (i >= 0 and m.start() < spans[i][1]):
            continue
        j = bisect_left(closes, m.end())
        end = closes[j] if j < len(closes) else len(text)
        singles.append((m.end(), end))
        single_end = max(single_end, end)
    return sorted(span for span in spans + singles if span[1] > span[0])


# --- attribution --------------------------------------------------------------------------

_PRONOUNS = {"he": "male", "she": "female", "He": "male", "She": "female"}
# Words between a subject and its verb: auxiliaries, adverbs, days ("Ushakov on Tuesday said").
_SKIP_BEFORE = {"have", "has", "had", "also", "repeatedly", "later", "again", "then", "previously",
                "would", "will", "once", "further", "earlier", "already", "publicly", "reportedly",
                "privately", "on", "today", "yesterday", "Monday", "Tuesday", "Wednesday", "Thursday",
                "Friday", "Saturday", "Sunday", "but"}
# A verb form after these is passive, an infinitive, a noun, negated, or in a relative clause
# ("an official who asked not to be named"): not an attribution.
_NOT_BEFORE = {"was", "were", "been", "being", "is", "are", "be", "to", "so", "the", "a", "an", "his",
               "her", "their", "its", "media", "these", "those", "such", "of", "not", "never",
               "who", "which"}
# A form followed by these is a noun ("claims from", "the demands were"), not a verb.
_NOUN_AFTER = {"from", "of", "by", "about", "was", "were", "is", "are", "has", "have", "had"}
_NEGATED_SUBJECT = re.compile(r"^(?:neither|no|nobody|no one|none)\b", re.IGNORECASE)
_COMPOUND = ("as well as ", "along with ", "together with ")
_RELATIVE = ("which ", "who ", "whose ")
_PREPOSITIONS = {"in", "from", "of", "at", "for", "on", "near", "across"}
_DOCUMENTS = {"statement", "statements", "report", "letter", "release", "communique", "post", "message",
              "video", "interview", "briefing"}
_BOUNDARY = re.compile(r"[,;:()\u2014\u2013\"\u2018\u2019]|\s-\s")
_COORDINATED = re.compile(r"(?:^|[\s,\u2014\u2013])and\s*$")
_ACCORDING = re.compile(r"\b[Aa]ccording to\s+")
_TIME_WORDS = re.compile(r"^\s*(?:(?:on\s+)?(?:today|yesterday|tonight|overnight|Monday|Tuesday|Wednesday|"
                         r"Thursday|Friday|Saturday|Sunday)\b\s*)+")
# Reported content shorter than this is not a statement ("claims as its own").
_MIN_CONTENT_WORDS = 4
# Words that are never a speaker, nor open one: conjunctions, articles, adverbs of discourse.
_NOT_SPEAKER = {"and", "but", "or", "as", "so", "yet", "however", "also", "explicitly", "meanwhile", "instead",
                "then", "still", "now", "later", "earlier", "indeed", "moreover", "furthermore", "finally",
                "separately", "additionally", "publicly", "privately", "reportedly", "officially", "that",
                "the", "a", "an", "this", "to", "on", "in", "of", "for", "with", "while", "when", "if"}
_EDGE = " \t\n,.;:!?\u2014\u2013-\"'\u2018\u2019\u201c\u201d\u00ab\u00bb()[]"


def _trimmed(sentence: str, start: int, end: int) -> tuple[int, int] | None:
    """A speaker phrase without edge punctuation and leading conjunctions ("and Jared Kushner"),
    or None if nothing is left that can speak (see ``_NOT_SPEAKER``)."""
    while start < end and sentence[start] in _EDGE:
        start += 1
    while end > start and sentence[end - 1] in _EDGE:
        end -= 1
    while True:
        first = re.match(r"(\w+)[\s,]+", sentence[start:end])
        if not first or first.group(1).lower() not in _NOT_SPEAKER - {"the", "a", "an", "this"}:
            break
        start += first.end()
    words = re.findall(r"\w+", sentence[start:end])
    if not words or all(w.lower() in _NOT_SPEAKER for w in words):
        return None
    return start, end


def _overlaps(start: int, end: int, spans) -> bool:
    return any(a < end and b > start for a, b in spans)


@dataclass
class _Attribution:
    verb_start: int
    verb_end: int
    cue: str
    lemma: str
    verb_class: str
    participle: bool = False    # a form in -ing, found by the parse


@dataclass
class _Speaker:
    name: str
    actor: str | None
    kind: str           # named, pronoun, unnamed, multiple, none
    surface: str
    gender: str | None = None
    entity: str = ""    # the named-entity label of a name found by the parser (PERSON, ORG, ...)


@dataclass
class _Sentence:
    number: int
    paragraph: int
    start: int
    end: int
    text: str
    mentions: list   # (start, end, actor) in sentence offsets
    quoted: list = field(default_factory=list)   # quote spans in sentence offsets
    attributions: list = field(default_factory=list)   # (_Attribution, _Speaker or None)
    doc: object = None   # the parse of the sentence (spaCy), if it was parsed
    rules: list | None = None   # its attributions by the patterns, if already found (to decide on parsing)

    covered: tuple = ((), ())    # the union of ``quoted``: (starts, ends) of disjoint spans, for :meth:`in_quote`

    def in_quote(self, offset: int) -> bool:
        """Whether a sentence offset lies inside one of its quotes (by bisection)."""
        starts, ends = self.covered
        i = bisect_right(starts, offset) - 1
        return i >= 0 and offset < ends[i]

    def overlaps_quote(self, start: int, end: int) -> bool:
        """Whether the span from ``start`` to ``end`` overlaps one of the sentence's quotes."""
        starts, ends = self.covered
        i = bisect_left(starts, end) - 1
        return i >= 0 and ends[i] > start

    @property
    def searched(self) -> bool:
        """Whether the sentence is searched for attributions: not longer than
        :data:`toolkit.text.nlp.LONG_SENTENCE`."""
        return len(self.text) <= LONG_SENTENCE


def _words_before(text: str, end: int, n: int) -> list[str]:
    return text[:end].split()[-n:]


def _verbs_in(sentence: str, verbs: SpeechVerbs, quoted: list[tuple[int, int]], doc=None) -> list[_Attribution]:
    """Speech-verb forms of a sentence outside quotes that can be attributions; with the
    sentence's parse, also the participles that it takes as verbs with a clause to report
    (:func:`_reporting_participle`)."""
    found = []
    matches = list(verbs.pattern.finditer(sentence))
    if doc is not None:
        matches += [m for m in verbs.participle_pattern.finditer(sentence) if _reporting_participle(doc, m.start())]
        matches.sort(key=lambda m: m.start())
    for m in matches:
        if any(s <= m.start() < e for s, e in quoted):
            continue
        before = _words_before(sentence, m.start(), 1)
        after = sentence[m.end():].split(None, 1)
        next_word = after[0].strip(",.;:").lower() if after else ""
        if before and (before[0].lower() in _NOT_BEFORE or before[0].endswith("n't")):
            continue
        if next_word in _NOUN_AFTER or (next_word and next_word in verbs.forms):
            continue
        lemma, verb_class = verbs.lookup(m.group())
        if lemma == "ask" and (not before or before[0].endswith(",")):
            continue  # "Asked whether ..., Ushakov said": a participle, not the attribution
        found.append(_Attribution(m.start(), m.end(), m.group(), lemma, verb_class,
                                  m.re is verbs.participle_pattern))
    return found


def _reporting_participle(doc, offset: int) -> bool:
    """Whether the parse takes the word at ``offset`` as a participle that reports a clause:
    tagged ``VBG``, depending on a verb ("..., saying the talks had failed"), with a clausal
    complement."""
    from .syntax import verb_at

    token = verb_at(doc, offset)
    return (token is not None and token.tag_ == "VBG" and token.dep_ in ("advcl", "xcomp", "conj")
            and any(child.dep_ in ("ccomp", "parataxis") for child in token.children))


_COORDINATION = object()


def _subject_span(sentence: str, verb_start: int, mentions: list = ()):
    """The subject of a verb: (start, end) in the sentence, ``_COORDINATION``, or None.

    The subject runs back from the verb to a clause boundary, without auxiliaries and adverbs.
    A compound ("Mr Zelensky, as well as European leaders backing him") and a list of actors
    ("Canada, Germany, Poland and the Netherlands") are kept whole; a relative clause ("The
    Commission, which monitors rivers, said") is skipped; a verb after "and" shares the
    subject of the verb before it (``_COORDINATION``). A relative clause or a participle
    between commas ("Brask, asked whether ..., said") is skipped.
    """
    end = verb_start
    while True:
        words = _words_before(sentence, end, 1)
        if words and words[0].strip(",") in _SKIP_BEFORE:
            end = sentence[:end].rstrip(" ,").rfind(words[0].strip(","))
            continue
        end = len(sentence[:end].rstrip(" ,"))
        break
    if _COORDINATED.search(sentence[:end]):
        return _COORDINATION
    boundaries = [m.end() for m in _BOUNDARY.finditer(sentence, 0, end)]
    start = boundaries[-1] if boundaries else 0
    segment = sentence[start:end].strip()
    first_word = segment.split()[0] if segment else ""
    appositive = segment.lower().startswith(_RELATIVE) or (first_word.islower() and first_word.endswith(("ed", "ing")))
    if appositive and boundaries:
        end = boundaries.pop() - 1
        start = boundaries[-1] if boundaries else 0
    elif segment.lower().startswith(_COMPOUND) and boundaries:
        boundaries.pop()
        start = boundaries[-1] if boundaries else 0
    elif _only_mentions(sentence, start, end, mentions):
        # a list of actors: extend over comma-separated items that are each one mention
        while boundaries and sentence[boundaries[-1] - 1] == ",":
            previous = boundaries[-2] if len(boundaries) >= 2 else 0
            if not _only_mentions(sentence, previous, boundaries[-1] - 1, mentions):
                break
            boundaries.pop()
            start = previous
    while start < end and sentence[start] in " \t":
        start += 1
    words = sentence[start:end].split()
    if not words or len(words) > 12 or words[-1].endswith("ing"):
        return None
    return start, end


def _only_mentions(sentence: str, start: int, end: int, mentions: list) -> bool:
    """True if the span holds mentions and nothing else but "the", "and", "or" and commas."""
    inside = [m for m in mentions if m[0] >= start and m[1] <= end]
    if not inside:
        return False
    rest = sentence[start:end]
    for m in sorted(inside, reverse=True):
        rest = rest[:m[0] - start] + rest[m[1] - start:]
    return not re.sub(r"\b(?:the|and|or)\b|[,\s]", "", rest)


def _speaker_from(sentence: str, span: tuple[int, int], mentions: list, actors: ActorDictionary) -> _Speaker | None:
    span = _trimmed(sentence, *span)
    if span is None:
        return None
    start, end = span
    phrase = sentence[start:end]
    if phrase in _PRONOUNS:
        return _Speaker(phrase, None, "pronoun", phrase, _PRONOUNS[phrase])
    if _NEGATED_SUBJECT.match(phrase):
        return None  # "Neither government has said ...": nobody said it
    inside = [m for m in mentions if m[0] >= start and m[1] <= end]
    if len({m[2] for m in inside}) >= 2 and re.search(r"\band\b|,|\bas well as\b", phrase):
        return _Speaker(phrase, None, "multiple", phrase)
    at_end = [m for m in inside if m[1] == end]
    if at_end and _after_preposition(sentence, start, at_end[0][0]):
        # "Diplomats in Tessaly", "Dr Salko of the Institute": the head comes before the preposition
        before = [m for m in inside if m[1] < at_end[0][0]]
        at_end = before[:1] if before and before[0][0] - start <= 4 else []
    at_start = [m for m in inside if m[0] - start <= 4 and sentence[m[1]:m[1] + 1] == ","]
    for m in at_end or at_start:
        actor = actors[m[2]]
        return _Speaker(actor.name, actor.name, "named", phrase, actor.gender)
    # "Ms Hanne Corbel, chair of the Federation, said": the name before the apposition
    head = [m for m in mentions if m[1] < start and sentence[m[1]:start].strip() == ","
            and actors[m[2]].type == "person"]
    if head and (head[-1][0] == 0 or _BOUNDARY.match(sentence[:head[-1][0]].rstrip()[-1:] or ",")):
        actor = actors[head[-1][2]]
        return _Speaker(actor.name, actor.name, "named", sentence[head[-1][0]:end], actor.gender)
    return _Speaker(phrase, None, "unnamed", phrase)


def _after_preposition(sentence: str, start: int, position: int) -> bool:
    """True if the word before ``position`` (past "the", "a") is a preposition, within the span.

    Not after a document noun: in "a statement from the Council" the Council speaks.
    """
    words = [w.lower() for w in sentence[start:position].split()]
    while words and words[-1] in ("the", "a", "an"):
        words.pop()
    return len(words) >= 2 and words[-1] in _PREPOSITIONS and words[-2] not in _DOCUMENTS


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


def _attributions(s: _Sentence, verbs: SpeechVerbs, actors: ActorDictionary) -> list:
    """Each attribution verb of a sentence with its (unresolved) speaker, or None: by syntax
    when the sentence was parsed, else by the patterns around the verb."""
    result, previous = [], None
    for cand in _verbs_in(s.text, verbs, s.quoted, s.doc):
        if s.doc is not None:
            speaker = _syntax_speaker(s, cand, actors)
        else:
            span = _subject_span(s.text, cand.verb_start, s.mentions)
            if span is _COORDINATION:
                speaker = previous
            else:
                # never a subject from inside a quote ('"The talks will go on," and said')
                speaker = (_speaker_from(s.text, span, s.mentions, actors)
                           if span and not s.overlaps_quote(*span) else None)
        result.append((cand, speaker))
        previous = speaker or previous
    return result


def _syntax_speaker(s: _Sentence, cand: _Attribution, actors: ActorDictionary) -> _Speaker | None:
    """The speaker of an attribution verb by the parse (:mod:`toolkit.actors.syntax`), linked to
    the dictionary's actor whose mention ends the name (or lies in the subject phrase)."""
    from .syntax import speaker_of, subject_of, verb_at

    verb = verb_at(s.doc, cand.verb_start)
    found = speaker_of(subject_of(verb)) if verb is not None else None
    if found is None or s.overlaps_quote(found.start, found.end) or _trimmed(s.text, found.start, found.end) is None:
        return None
    if found.kind == "pronoun":
        return _Speaker(found.name, None, "pronoun", found.name, found.gender)
    if found.kind == "multiple":
        return _Speaker(found.name, None, "multiple", found.name)
    inside = [m for m in s.mentions if m[0] >= found.start and m[1] <= found.end]
    # the dictionary's actor: the mention that holds the head word ("the council"), or the name
    own = [m for m in inside if m[0] <= found.head[0] and m[1] >= found.head[1]]
    if found.kind == "named":
        # a mention that holds the name, or ends it (a surname); not one inside it ("Transport")
        own = own or [m for m in inside if found.name in s.text[m[0]:m[1]] or found.name.endswith(s.text[m[0]:m[1]])]
    if own:
        actor = actors[own[-1][2]]
        return _Speaker(actor.name, actor.name, "named", s.text[found.start:found.end], actor.gender or found.gender,
                        found.entity)
    if found.kind == "named":
        return _Speaker(found.name, None, "named", s.text[found.start:found.end], found.gender, found.entity)
    return _Speaker(found.name, None, "unnamed", found.name, found.gender)


def _resolve(speaker: _Speaker, last: _Speaker | None, people: dict,
             position: int, actors: ActorDictionary) -> _Speaker:
    """Resolve "he"/"she" and "the official".

    A pronoun is the last speaker if that is a person of the same gender, else the last person
    of that gender named outside quotes; "the official" (or "the source") is the last unnamed
    speaker if that phrase has the same noun.
    """
    if speaker.kind == "unnamed" and last is not None and last.kind == "unnamed":
        words = speaker.name.split()
        if len(words) == 2 and words[0].lower() == "the" and words[1].lower() in last.name.lower().split():
            return _Speaker(last.name, None, "unnamed", speaker.surface)
    if speaker.kind != "pronoun":
        return speaker
    if speaker.surface.lower() in ("it", "they"):
        # an organization, a government or a group: the last speaker if it is not a person
        group = last is not None and (last.actor and actors[last.actor].type != "person"
                                      or not last.actor and (last.kind in ("unnamed", "multiple")
                                                             or last.entity in ("ORG", "GPE", "NORP")))
        return _Speaker(last.name, last.actor, "pronoun", speaker.surface, None, last.entity) if group else speaker
    person = last is not None and (last.actor and actors[last.actor].type == "person"
                                   or not last.actor and last.kind in ("named", "pronoun")
                                   and last.entity not in ("GPE", "NORP", "FAC"))
    if person and last.gender in (None, speaker.gender):
        return _Speaker(last.name, last.actor, "pronoun", speaker.surface, last.gender or speaker.gender, last.entity)
    offsets, names = people.get(speaker.gender, ((), ()))
    i = bisect_left(offsets, position) - 1
    if i >= 0:
        return _Speaker(names[i], names[i], "pronoun", speaker.surface, actors[names[i]].gender)
    return speaker


def _people(sents: list[_Sentence], actors: ActorDictionary) -> dict:
    """The persons named outside quotes, for each pronoun gender (None, "male", "female") those of
    that gender or none: ``{gender: (offsets, names)}`` in text order (for :func:`_resolve`)."""
    found = [(s.start + m[0], m[2]) for s in sents for m in s.mentions
             if actors[m[2]].type == "person" and not s.in_quote(m[0])]
    found.sort(key=lambda place: place[0])
    people = {}
    for gender in (None, "male", "female"):
        kept = [(offset, name) for offset, name in found if actors[name].gender in (None, gender)]
        people[gender] = ([offset for offset, _ in kept], [name for _, name in kept])
    return people


def _quote_attribution(q_start: int, q_end: int, inner: str, first: _Sentence, final: _Sentence,
                       actors: ActorDictionary, consumed: set):
    """The attribution of one quote, after it ('"...," he said') or before it ('X said: "..."'):
    (attribution, speaker, the sentence that holds them), or three times None."""
    tail_start = q_end - final.start + 1
    tail = final.text[tail_start:tail_start + 200]
    if inner.rstrip().endswith((",", "?", "!")) or (tail.lstrip() or final.text[tail_start:].lstrip()).startswith(","):
        for cand, speaker in final.attributions:
            if cand.participle:
                continue    # '"a waste of money," saying it would fail': the participle reports its own clause
            if cand.verb_start >= tail_start and len(final.text[tail_start:cand.verb_start].split()) <= 10:
                if not final.text[tail_start:cand.verb_start].strip(" ,") and (final.doc is None or speaker is None):
                    speaker = _speaker_after(final.text, cand.verb_end, final.mentions, actors)
                if speaker:
                    consumed.add((final.number, cand.verb_start))
                    return cand, speaker, final
                break
    local_open = q_start - first.start - 1
    for cand, speaker in reversed(first.attributions):
        if cand.verb_end <= local_open and speaker is not None:
            consumed.add((first.number, cand.verb_start))
            return cand, speaker, first
    return None, None, None


def _announced(first: _Sentence, order: tuple, actors: ActorDictionary):
    """For a quote that opens its sentence with no attribution of its own: the speaker announced
    by the sentence before, whose speech verb reports nothing itself ("Peskov told reporters:",
    "Trump said in a statement."). Returns (attribution, speaker, sentence) or three Nones."""
    index, sents = order
    i = index.get(id(first), 0)
    if i == 0:
        return None, None, None
    before = sents[i - 1]
    if before.quoted:       # '"...," he said. "..."': a continuation of that quote, not an announcement
        return None, None, None
    for cand, speaker in reversed(before.attributions):
        if speaker is not None and (before.text.rstrip().endswith(":") or _reported(before, cand, None) is None):
            return cand, speaker, before
    return None, None, None


def _governing_attribution(s: _Sentence, start: int, end: int, actors: ActorDictionary, verbs: SpeechVerbs):
    """For a quoted fragment with no speech verb around it ("Trump delivers a defense of 'New York
    values'"): the verb outside the quote that governs it, and that verb's subject (by the parse).

    Returns (attribution, speaker), or (None, None) when the parse gives no such verb or subject.
    """
    from .syntax import speaker_of, subject_of, tokens_within

    inside = list(tokens_within(s.doc, start, end))
    roots = [t for t in inside if not start <= t.head.idx < end or t.head.i == t.i]
    verb = roots[0].head if roots else None
    while verb is not None and verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    if verb is None or verb.pos_ not in ("VERB", "AUX") or start <= verb.idx < end:
        return None, None
    found = speaker_of(subject_of(verb))
    if found is None:
        return None, None
    lemma, verb_class = verbs.forms.get(verb.text.lower(), (verb.lemma_.lower() or verb.text.lower(), "other"))
    cand = _Attribution(verb.idx, verb.idx + len(verb.text), verb.text, lemma, verb_class)
    return cand, _syntax_speaker(s, cand, actors)


def _next_verb(s: _Sentence, cand: _Attribution, later: list[_Attribution]) -> int | None:
    """Where the next attribution verb after ``cand`` starts, the end of its reported content;
    with the parse, not a verb inside that content ("adding that nobody had *asked* her")."""
    if s.doc is not None and later:
        from .syntax import verb_at

        token = verb_at(s.doc, cand.verb_start)
        if token is not None:
            inside = {t.idx for t in token.subtree}
            later = [c for c in later if c.verb_start not in inside]
    return later[0].verb_start if later else None


def _reported(s: _Sentence, cand: _Attribution, next_verb: int | None) -> tuple[int, int] | None:
    """The reported content of a verb: (start, end) in sentence offsets, or None.

    ``..., X said [today], while ...``: the content comes before; otherwise it follows the
    verb (after "that", and after the object of "told reporters that"), and stops where the
    next attribution verb of the sentence starts ("accused X of Y -- and warned that Z").
    """
    text = s.text
    span = _subject_span(text, cand.verb_start, s.mentions)
    before = text[:span[0]].rstrip() if isinstance(span, tuple) else ""
    after = _TIME_WORDS.sub("", text[cand.verb_end:]).lstrip()
    if before.endswith(",") and (not after or after[0] in ",.;"):
        start, end = 0, len(before) - 1
    else:
        start, end = cand.verb_end, len(text.rstrip(" ."))
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
    return start, end


def _union(spans: list[tuple[int, int]]) -> tuple[list[int], list[int]]:
    """The union of spans as disjoint spans in text order: (starts, ends)."""
    starts, ends = [], []
    for a, b in sorted(spans):
        if b <= a:
            continue
        if ends and a <= ends[-1]:
            ends[-1] = max(ends[-1], b)
        else:
            starts.append(a)
            ends.append(b)
    return starts, ends


def _mark_quotes(sents: list[_Sentence]) -> list[tuple]:
    """The quote spans of each paragraph (quotes may run over sentences), also set on each
    sentence (``quoted``): a list of (paragraph, sentences, start, text, spans)."""
    paragraphs: dict[int, list[_Sentence]] = {}
    for s in sents:
        paragraphs.setdefault(s.paragraph, []).append(s)
    result = []
    for number, members in paragraphs.items():
        base, ptext = members[0].start, ""
        for s in members:
            ptext += " " * (s.start - base - len(ptext)) + s.text
        spans = [(base + a, base + b) for a, b in quote_spans(ptext)]
        # one sweep over sentences and spans, both in text order: the spans open at a sentence's
        # start (at most one of each kind of mark) and those that start inside it
        following, open_ = 0, []
        for s in members:
            while following < len(spans) and spans[following][0] < s.end:
                open_.append(spans[following])
                following += 1
            open_ = [span for span in open_ if span[1] > s.start]
            s.quoted = [(max(a, s.start) - s.start, min(b, s.end) - s.start) for a, b in open_]
            s.covered = _union(s.quoted)
        result.append((number, members, base, ptext, spans))
    return result


def _text_before(text: str, end: int, window: int = 200) -> str:
    """``text[:end]`` as far as ``.strip()``, ``.rstrip().endswith()`` read
    it: the last ``window`` characters when they hold a word, else the whole (a bounded read
    per quote, so that a sentence of many quotes costs its length, not its length squared)."""
    near = text[max(end - window, 0):end]
    return near if end <= window or near.split() else text[:end]


def _article_quotes(sents: list[_Sentence], actors: ActorDictionary, verbs: SpeechVerbs,
                    paragraphs: list[tuple] | None = None) -> list[dict]:
    """All quotes of one article (one part of it): attributions first, then speakers in text order."""
    events = []   # (offset, kind, payload)
    paragraphs = paragraphs or _mark_quotes(sents)
    for _, members, _, _, _ in paragraphs:
        for s in members:
            s.attributions = ([] if not s.searched else s.rules if s.doc is None and s.rules is not None
                              else _attributions(s, verbs, actors))
    order = {id(s): i for i, s in enumerate(sents)}
    order = (order, sents)
    for number, members, base, ptext, spans in paragraphs:
        consumed: set[tuple[int, int]] = set()
        starts, ends = [s.start for s in members], list(accumulate((s.end + 1 for s in members), max))
        for q_start, q_end in spans:
            # the sentences where the quote starts and ends (a quote mark may sit in the space between two)
            first = members[max(bisect_right(starts, q_start) - 1, 0)]
            final = members[min(bisect_left(ends, q_end), len(members) - 1)]
            inner = ptext[q_start - base:q_end - base]
            if not any(c.isalnum() for c in inner):
                continue    # quote marks around nothing but spaces or punctuation
            head = _text_before(first.text, max(q_start - first.start - 1, 0))
            kind = "direct" if (not head.strip() or head.rstrip().endswith(":")) and inner[:1].isupper() else "mixed"
            attribution, speaker, said_in = _quote_attribution(q_start, q_end, inner, first, final, actors, consumed)
            if speaker is None and first.doc is not None and kind == "mixed":
                attribution, speaker = _governing_attribution(first, q_start - first.start, q_end - first.start,
                                                              actors, verbs)
                said_in = first
            if speaker is None and not head.strip():
                attribution, speaker, said_in = _announced(first, order, actors)
            if kind == "mixed" and speaker is None and len(inner.split()) <= 1:
                continue    # one quoted word that no one says: a scare quote, a name or a term, not a voice
            cue = (said_in.number, attribution.verb_start) if said_in is not None and attribution else None
            events.append((q_start, "quote", (kind, speaker, attribution, q_start, q_end, first.number,
                                              final.number, inner, number, not head.strip(),
                                              _speaker_span(said_in, speaker, attribution), cue)))
        for s in members:
            cands = [c for c, _ in s.attributions]
            for i, (cand, speaker) in enumerate(s.attributions):
                if (s.number, cand.verb_start) in consumed or speaker is None:
                    continue
                content = _reported(s, cand, _next_verb(s, cand, cands[i + 1:]))
                if content is not None:
                    events.append((s.start + content[0], "indirect", (speaker, cand, s, content, number,
                                                                      _speaker_span(s, speaker, cand, content))))
            for m in _ACCORDING.finditer(s.text) if s.searched else ():
                if s.in_quote(m.start()):
                    continue
                stop = re.search(r",| who | which ", s.text[m.end():])
                np_end = m.end() + stop.start() if stop else len(s.text.rstrip("."))
                speaker = _speaker_from(s.text, (m.end(), np_end), s.mentions, actors)
                content = (0, len(s.text[:m.start()].rstrip(" ,")))
                if not s.text[:m.start()].strip():
                    # "According to X, who ..., CONTENT."
                    comma = s.text.find(",", np_end)
                    content = (comma + 1 + len(s.text[comma + 1:]) - len(s.text[comma + 1:].lstrip()),
                               len(s.text.rstrip(" ."))) if comma > 0 else (0, 0)
                cand = _Attribution(m.start(), m.end(), "according to", "according to", "neutral")
                if speaker is not None and len(s.text[content[0]:content[1]].split()) >= _MIN_CONTENT_WORDS:
                    events.append((s.start, "indirect", (speaker, cand, s, content, number,
                                                         _speaker_span(s, speaker, cand, content))))

    people = _people(sents, actors)
    quotes: list[dict] = []
    last: _Speaker | None = None
    last_paragraph = -10
    previous = None     # the last quote, when nothing but attributions came after it: (speaker, cue, paragraph, kind)
    statement = -1
    reported = []       # (start, end, statement) of the reported contents
    for offset, event, payload in sorted(events, key=lambda e: (e[0], e[1])):
        if event == "quote":
            kind, speaker, attribution, q_start, q_end, first, final, inner, paragraph, opens, span, cue = payload
            continued = speaker is None and last is not None and paragraph - last_paragraph <= 1 and opens
            if speaker is None:
                speaker = (_Speaker(last.name, last.actor, "none", "", last.gender) if continued
                           else _Speaker("unknown", None, "none", ""))
            row = (kind, speaker, attribution, q_start, q_end, first, final, inner)
        else:
            speaker, attribution, s, (c_start, c_end), paragraph, span = payload
            row = ("indirect", speaker, attribution, s.start + c_start, s.start + c_end, s.number, s.number,
                   s.text[c_start:c_end])
        speaker = _resolve(row[1], last, people, offset, actors)
        kind, _, attribution, start, end, first, final, text = row
        # one statement in several quotes: '"Judge," Brafman said, "I have never ..."', or a
        # quotation that goes on without an attribution of its own
        joins = (event == "quote" and previous is not None and speaker.name == previous[0] != "unknown"
                 and (continued and paragraph - previous[2] <= 1 or cue is not None and cue == previous[1]))
        if joins and previous[3] == "direct" and text[:1].isupper():
            kind = "direct"
        # a quoted fragment within reported words ('He said the plan was "a disaster" and would
        # fail') is part of that statement
        if event == "quote":    # contents that end before this quote hold no later quote either
            reported = [r for r in reported if r[1] >= start]
        within = next((number for a, b, number in reported if event == "quote" and a <= start and end <= b), None)
        if within is None:
            statement += not joins
        if event == "indirect":
            reported.append((start, end, statement))
        quotes.append({"sentence": first, "last_sentence": final, "speaker": speaker.name,
                       "actor": speaker.actor, "speaker_type": speaker.kind, "kind": kind, "text": text,
                       "start": start, "end": end, "verb": attribution.lemma if attribution else "",
                       "cue": attribution.cue if attribution else "",
                       "verb_class": attribution.verb_class if attribution else "",
                       "speaker_start": span[0] if span else None, "speaker_end": span[1] if span else None,
                       "statement": statement if within is None else within})
        previous = ((speaker.name, cue or previous and previous[1], paragraph, kind if not joins else previous[3])
                    if event == "quote" else None)
        if speaker.name != "unknown":
            last, last_paragraph = speaker, paragraph
    return quotes


def _statements(table: pd.DataFrame) -> pd.Series:
    """Number the statements of each article 0, 1, ... in table order, from the numbers
    :func:`_article_quotes` gives them within one part of the article."""
    number = table.groupby(["article_id", "part", "statement"], sort=False).ngroup()
    return (number - number.groupby(table["article_id"]).transform("min")).astype("int64")


def _speaker_span(s: _Sentence | None, speaker: _Speaker | None, attribution: _Attribution | None,
                  content: tuple[int, int] = (0, 0)):
    """Where the speaker is written: (start, end) in the article, the whole-word occurrence of
    its phrase nearest the attribution verb, outside quotes and the reported content; None for
    a quote without a speaker in its own sentences."""
    if s is None or speaker is None or attribution is None or not speaker.surface:
        return None
    found = [m.start() for m in re.finditer(rf"(?<!\w){re.escape(speaker.surface)}(?!\w)", s.text)
             if not (s.overlaps_quote(m.start(), m.end()) or _overlaps(m.start(), m.end(), [content]))]
    if not found:
        return None
    nearest = min(found, key=lambda i: abs(i - attribution.verb_start))
    return s.start + nearest, s.start + nearest + len(speaker.surface)


def _needs_parse(s: _Sentence, verbs: SpeechVerbs, actors: ActorDictionary) -> bool:
    """Whether the parse can change a sentence's speakers: it holds a speech verb whose speaker
    the patterns do not find as a name or pronoun, or a quoted fragment inside the sentence
    (a mixed quote, whose governing verb the parse finds)."""
    if not s.searched:
        return False
    if any(a > 0 and not s.text[:a].rstrip().endswith(":") and s.text[:a - 1].strip() for a, _ in s.quoted):
        return True
    if verbs.participle_pattern.search(s.text):
        return True
    if not verbs.pattern.search(s.text):
        return False
    s.rules = _attributions(s, verbs, actors)
    return any(speaker is None or speaker.kind not in ("named", "pronoun") for _, speaker in s.rules)


def _parse_attributions(groups: dict, verbs: SpeechVerbs, actors: ActorDictionary, pipeline: str | None) -> None:
    """Parse the sentences whose speakers the parse can change (:func:`_needs_parse`; only those:
    parsing costs about five times sentence sentiment), in batches, and attach each parse to its
    sentence."""
    from ..text.nlp import parse

    wanted = [s for sents in groups.values() for s in sents if _needs_parse(s, verbs, actors)]
    # each distinct text once (wire copy repeats sentences across outlets); without the
    # recognizer: measured on PolNeAR train, it changes no speaker and doubles the cost
    texts = list(dict.fromkeys(s.text for s in wanted))
    docs = dict(zip(texts, parse(texts, pipeline=pipeline, ner=False)))
    for s in wanted:
        s.doc = docs[s.text]


def extract_quotes(sentences: pd.DataFrame, actors: ActorDictionary | None = None, *, verbs=None,
                   mentions: pd.DataFrame | None = None, syntax: bool = True,
                   pipeline: str | None = None) -> pd.DataFrame:
    """Find direct, mixed and reported quotes with their speakers and attribution verbs.

    Parameters
    ----------
    sentences : pandas.DataFrame
        The sentences table.
    actors : ActorDictionary, optional
        From :func:`toolkit.load_actors` or :func:`toolkit.discover_actors`; named speakers are
        linked to its actors. Without one, speakers are the names and phrases as written.
    verbs : str, pathlib.Path or SpeechVerbs, optional
        The speech-verb list; by default the toolkit's own (:func:`default_verbs_path`).
    mentions : pandas.DataFrame, optional
        The mentions of these sentences with these actors, if already found (saves finding
        them again).
    syntax : bool, default True
        Find speakers by the dependency parse (:mod:`toolkit.actors.syntax`, spaCy without its
        recognizer) of the sentences where it can change them: a quoted fragment inside the
        sentence, or a speech verb whose speaker the patterns do not find as a name or pronoun, or a participle
        (about a third of news sentences, parsed in batches). ``False``: patterns around the
        speech verb only (about ten times faster; speakers right for 63 % instead of 83 % of
        quotes on PolNeAR, see ``data/gold/quotes/README.md``).
    pipeline : str, optional
        The spaCy pipeline for ``syntax`` (see :func:`toolkit.text.nlp.load_pipeline`).

    Returns
    -------
    pandas.DataFrame
        The quotes table, one row per quote: ``article_id, outlet, sentence`` (where the quote
        starts), ``speaker`` (actor name, or the unnamed source as written, or "unknown"),
        ``actor`` (dictionary actor or missing), ``verb`` (lemma; "" when the quote continues a
        previous one), ``kind`` (direct, mixed, indirect), ``text`` (inside the quote marks, or
        the reported clause), ``start, end`` (offsets of ``text`` in the article),
        ``verb_class`` (neutral, evaluative, other), ``cue`` (the verb as written),
        ``speaker_type`` (named, pronoun, unnamed, multiple, none), ``side`` (the actor's),
        ``words`` (in ``text``), ``last_sentence`` and ``part`` (title, caption or body: where
        ``start`` and ``end`` point), ``speaker_start, speaker_end`` (where the speaker's
        phrase is written, in the same text; missing for a quote whose speaker is not written
        in its sentences, such as a continued quote), ``statement`` (the statement's number in
        the article, from 0: the quotes of one statement interrupted by its attribution,
        ``"Judge," Brafman said, "I have never ..."``, or continued without one, share it).

    Examples
    --------
    >>> from toolkit import load_actors, load_articles, sample_actors_path, sample_data_path, split_sentences
    >>> quotes = extract_quotes(split_sentences(load_articles(sample_data_path())), load_actors(sample_actors_path()))
    >>> quotes.loc[quotes["outlet"] == "Morning Star", ["speaker", "verb", "kind"]].tail(1).values.tolist()
    [['Vladimir Putin', 'say', 'direct']]
    """
    check_columns(sentences, ["article_id", "outlet", "paragraph", "sentence", "start", "end", "text"],
                  what="the sentences table")
    actors = actors if actors is not None else ActorDictionary(())
    verbs = verbs if isinstance(verbs, SpeechVerbs) else (load_verbs(verbs) if verbs is not None else _default_verbs())
    mentions = find_mentions(sentences, actors) if mentions is None else mentions
    by_sentence: dict[tuple[str, int], list] = {}
    for key in zip(mentions["article_id"].tolist(), mentions["sentence"].tolist(),
                   mentions["start"].tolist(), mentions["end"].tolist(), mentions["actor"].tolist()):
        by_sentence.setdefault(key[:2], []).append(key[2:])
    if "part" not in sentences.columns:
        sentences = sentences.assign(part="body")
    # plain lists and one pass: much faster than grouping and iterating pandas objects
    columns = [sentences[c].tolist() for c in ("article_id", "outlet", "part", "sentence", "paragraph",
                                                "start", "end", "text")]
    groups: dict[tuple, list[_Sentence]] = {}
    for article_id, outlet, part, number, paragraph, start, end, text in zip(*columns):
        ms = [(a - start, b - start, actor) for a, b, actor in by_sentence.get((article_id, number), [])]
        groups.setdefault((article_id, outlet, part), []).append(_Sentence(number, paragraph, start, end, text, ms))
    paragraphs = {}
    for key, sents in groups.items():
        # in text order: title and caption sentences are numbered -1, -2, ... from the top
        sents.sort(key=lambda s: (s.start, s.number))
        paragraphs[key] = _mark_quotes(sents)
    if syntax:
        _parse_attributions(groups, verbs, actors, pipeline)
    rows = []
    for (article_id, outlet, part), sents in groups.items():
        for q in _article_quotes(sents, actors, verbs, paragraphs[(article_id, outlet, part)]):
            rows.append({"article_id": article_id, "outlet": outlet, "part": part, **q})
    table = pd.DataFrame(rows, columns=[c for c in QUOTE_COLUMNS if c not in ("side", "words")])
    table = table.sort_values(["article_id", "part", "start"], kind="stable").reset_index(drop=True)
    table["statement"] = _statements(table)
    table["side"] = table["actor"].map(lambda a: actors[a].side if isinstance(a, str) and a in actors else None)
    table["words"] = table["text"].map(count_words).astype("int64")
    table[["speaker_start", "speaker_end"]] = table[["speaker_start", "speaker_end"]].astype("Int64")
    return table[QUOTE_COLUMNS]


def long_sentences(sentences: pd.DataFrame) -> list[tuple[str, str]]:
    """The sentences :func:`extract_quotes` neither parses nor searches for speech verbs: longer
    than :data:`toolkit.text.nlp.LONG_SENTENCE` characters (their quote marks still count: the
    quotes are kept, without a speaker).

    Parameters
    ----------
    sentences : pandas.DataFrame
        The sentences table.

    Returns
    -------
    list of (article_id, reason)
        One for each such sentence, the reason naming it and its length.

    Examples
    --------
    >>> import pandas as pd
    >>> long_sentences(pd.DataFrame({"article_id": ["a"], "sentence": [3], "text": ["word " * 1200]}))
    [('a', 'quotes: sentence 3 (6,000 characters) was not searched for speakers: longer than 5,000 characters')]
    """
    found = sentences[sentences["text"].str.len() > LONG_SENTENCE]
    return [(article_id, f"quotes: sentence {number} ({len(text):,} characters) was not searched for speakers: "
                         f"longer than {LONG_SENTENCE:,} characters")
            for article_id, number, text in zip(found["article_id"], found["sentence"], found["text"])]


#: The columns of :func:`statements`.
STATEMENT_COLUMNS = ["article_id", "outlet", "part", "statement", "sentence", "last_sentence", "speaker", "actor",
                     "speaker_type", "side", "kind", "verb", "verb_class", "quotes", "words", "start", "end", "text"]


def statements(quotes: pd.DataFrame) -> pd.DataFrame:
    """One row per statement: the quotes of one statement (interrupted by its attribution, or
    continued without one) joined.

    Parameters
    ----------
    quotes : pandas.DataFrame
        The quotes table (:func:`extract_quotes`).

    Returns
    -------
    pandas.DataFrame
        :data:`STATEMENT_COLUMNS`: the first quote's speaker and verb (the first one written),
        ``kind`` (the quotes' kind if they share it, else mixed: reported words with a quoted
        fragment), ``quotes`` (how many), ``words`` (their sum; a fragment within reported
        words counts twice), ``start`` of the first and ``end`` of the last (the span holds the
        attributions between them), and ``text``, the quotes joined by " … ".

    Examples
    --------
    >>> import pandas as pd
    >>> from toolkit import split_sentences
    >>> text = '"Judge," Brafman said, "I have never had that happen in thirty-seven years."'
    >>> sentences = split_sentences(pd.DataFrame({"article_id": ["a"], "outlet": ["X"], "text": [text]}))
    >>> statements(extract_quotes(sentences))[["speaker", "quotes", "start", "end", "text"]].values.tolist()
    [['Brafman', 2, 1, 75, 'Judge, … I have never had that happen in thirty-seven years.']]
    """
    check_columns(quotes, ["article_id", "part", "statement", "start", "end", "text", "words"], what="the quotes table")
    grouped = quotes.groupby(["article_id", "part", "statement"], sort=False)
    kinds = grouped["kind"].agg(lambda k: k.iloc[0] if (k == k.iloc[0]).all() else "mixed")
    table = grouped.first().assign(
        last_sentence=grouped["last_sentence"].max(), quotes=grouped.size(), words=grouped["words"].sum(),
        start=grouped["start"].min(), end=grouped["end"].max(), kind=kinds,
        verb=grouped["verb"].agg(lambda verbs: next((v for v in verbs if v), "")),
        text=grouped["text"].agg(lambda texts: " \u2026 ".join(t.strip() for t in texts)))
    return table.reset_index()[STATEMENT_COLUMNS]

