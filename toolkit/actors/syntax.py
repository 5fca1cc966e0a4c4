"""The speaker of an attribution verb, found by syntax (spaCy's dependency parse).

The speaker is the subject of the speech verb, in either order ("X said" / "said X"); for a
verb that depends on another ("declined to comment, saying", "was quoted as saying", "and
warned"), the subject of the verb it depends on. A name is the proper-noun chain of the
subject ("Rep. Kevin McCarthy" gives "Kevin McCarthy"; the named entity where the recognizer
ran and found one, but :func:`toolkit.extract_quotes` parses without it), or of its apposition ("the spokeswoman, Ann Lee,"); a pronoun is kept as such (the
quote extractor resolves it); anything else is a description kept as written ("a spokesman for
the senator", "Clinton's campaign"), without its relative clauses and appositions. Adverbs,
conjunctions, clause fragments and quoted words never are.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, replace

_SUBJECTS = ("nsubj", "nsubjpass", "csubj")
# A verb in one of these relations takes the subject of the verb it depends on.
_INHERITS = ("advcl", "xcomp", "conj", "pcomp", "prep", "acomp")
_TITLES = {"mr", "mrs", "ms", "dr", "rep", "sen", "gov", "gen", "lt", "col", "prof", "president", "senator",
           "representative", "governor", "secretary", "minister", "judge", "mayor", "rev", "sir", "lord", "lady",
           "ambassador", "chairman", "chairwoman", "spokesman", "spokeswoman", "general", "secretary-general",
           "chancellor", "envoy", "adviser", "advisor", "aide", "mr.", "mrs.", "ms.", "dr.", "rep.",
           "sen.", "gov.", "gen.", "lt.", "col.", "prof.", "rev.", "pres."}
_TITLE_WORDS = _TITLES | {t.rstrip(".") for t in _TITLES}
_MALE, _FEMALE = {"he", "him", "his", "mr", "mr."}, {"she", "her", "mrs", "mrs.", "ms", "ms."}
_PRONOUNS = {"he", "she", "they", "i", "we", "you", "it"}
_NAMED_ENTITIES = {"PERSON", "ORG", "GPE", "NORP", "FAC"}
_CUT = ("relcl", "acl", "appos", "advcl", "punct", "parataxis")
# "Neither government", "no one": nobody said it
_NOBODY = {"no", "neither", "nobody", "none", "nothing"}


@dataclass(frozen=True)
class SyntacticSpeaker:
    """A speaker phrase: character offsets in the parsed text, the name or phrase, its kind.

    Attributes
    ----------
    start, end : int
        Offsets of the whole subject phrase in the parsed text.
    head : tuple of int
        Offsets of the phrase's head word (the subject token).
    name : str
        The name (for ``named``), the pronoun, or the phrase as written.
    kind : str
        ``named``, ``pronoun``, ``multiple`` (coordinated subjects) or ``unnamed``.
    entity : str
        The named-entity label of the name (PERSON, ORG, ...), or "".
    gender : str or None
        From a pronoun or a title (Mr, Ms), when the text says.
    """

    start: int
    end: int
    name: str
    kind: str
    entity: str = ""
    gender: str | None = None
    head: tuple[int, int] = (0, 0)


def _index(doc) -> tuple[list[int], int]:
    """The character offset of each token of a parsed text, and the position of its first quote
    mark (``len(doc)`` if none): computed once per text and kept in its ``user_data``, so that
    finding a token by offset costs a bisection, not a pass over the text."""
    index = doc.user_data.get("toolkit_index")
    if index is None:
        marks = [t.i for t in doc if t.text in _QUOTE_MARKS]
        index = doc.user_data["toolkit_index"] = ([t.idx for t in doc], marks[0] if marks else len(doc))
    return index


def _text(doc) -> str:
    """The parsed text, kept in its ``user_data`` (spaCy joins its tokens again at every ``doc.text``)."""
    text = doc.user_data.get("toolkit_text")
    if text is None:
        text = doc.user_data["toolkit_text"] = doc.text
    return text


def verb_at(doc, offset: int):
    """The token of a parsed text that starts at (or covers) a character offset, or None."""
    i = bisect_right(_index(doc)[0], offset) - 1
    if i >= 0 and offset < doc[i].idx + max(len(doc[i].text), 1):
        return doc[i]
    return None


def tokens_within(doc, start: int, end: int):
    """The tokens of a parsed text that start from ``start`` to before ``end`` (a slice)."""
    starts = _index(doc)[0]
    return doc[bisect_left(starts, start):bisect_left(starts, end)]


_QUOTE_MARKS = {'"', "\u2018", "\u2019", "'", "\u201c", "\u201d"}


def subject_of(verb, depth: int = 4):
    """The subject token of a speech verb, following the verbs it depends on (see the module's
    documentation), or the agent of a passive ("was said by X"); None if there is none.

    Two repairs of the small model's usual misparses: after a quotation, an inverted subject
    read as an object ("'...,' added the minister": *minister* as dobj); and a name at the
    start whose participle between commas took it as its own subject ("Ms Kerrow, asked whether
    ..., said").
    """
    for _ in range(depth):
        found = [child for child in verb.children if child.dep_ in _SUBJECTS]
        if found:
            return found[0]
        agents = [grand for child in verb.children if child.dep_ == "agent" for grand in child.children
                  if grand.dep_ == "pobj"]
        if agents:
            return agents[0]
        first_mark = _index(verb.doc)[1]
        if first_mark < verb.i:
            inverted = [c for c in verb.children if c.dep_ in ("dobj", "attr") and c.i > verb.i
                        and c.pos_ in ("NOUN", "PROPN")]
            if inverted:
                return inverted[0]
        for clause in (c for c in verb.children if c.dep_ in ("ccomp", "advcl", "parataxis") and c.i < verb.i):
            named = [g for g in clause.children if g.dep_ in _SUBJECTS and g.i < clause.i and g.pos_ == "PROPN"
                     and not first_mark < g.i]
            if named:
                return named[0]
        if verb.dep_ not in _INHERITS or verb.head.i == verb.i:
            return None
        verb = verb.head
    return None


def _name_tokens(token) -> list:
    """The proper-noun chain ending at a token ("Rep. Kevin McCarthy"), without the titles."""
    chain = [child for child in token.lefts if child.dep_ in ("compound", "flat") and child.pos_ == "PROPN"]
    chain += [token] + [child for child in token.rights if child.dep_ in ("flat",) and child.pos_ == "PROPN"]
    chain.sort(key=lambda t: t.i)
    # the words after the last title: "UK Foreign Secretary Yvette Cooper" gives "Yvette Cooper"
    titled = [k for k, t in enumerate(chain[:-1]) if t.text.lower().rstrip(".") in _TITLE_WORDS]
    return chain[titled[-1] + 1:] if titled else chain


def _gender(token) -> str | None:
    words = {child.text.lower() for child in token.lefts} | {token.text.lower()}
    return "male" if words & _MALE else "female" if words & _FEMALE else None


def speaker_of(subject) -> SyntacticSpeaker | None:
    """The speaker that a subject token stands for (see :class:`SyntacticSpeaker`).

    Examples
    --------
    >>> from toolkit.text.nlp import parse
    >>> doc = parse(['"We will win," said Rep. Ann Lee of Ohio.'])[0]
    >>> speaker_of(subject_of(verb_at(doc, 15)))
    SyntacticSpeaker(start=20, end=40, name='Ann Lee', kind='named', entity='PERSON', gender=None, head=(29, 32))
    """
    found = _speaker_of(subject)
    return None if found is None else replace(found, head=(subject.idx, subject.idx + len(subject.text)))


def _speaker_of(subject) -> SyntacticSpeaker | None:
    if subject is None or subject.pos_ not in ("NOUN", "PROPN", "PRON"):
        return None
    if subject.text.lower() in _NOBODY or any(c.dep_ == "det" and c.text.lower() in _NOBODY for c in subject.children) \
            or (subject.text.lower() == "one" and subject.i > 0 and subject.doc[subject.i - 1].text.lower() == "no"):
        return None
    doc = subject.doc
    # the phrase without its relative clauses, appositions and the like, and without edge punctuation
    dropped = {d.i for t in subject.subtree if t.i != subject.i and t.dep_ in _CUT for d in t.subtree}
    kept = [t for t in subject.subtree if t.i not in dropped]
    while len(kept) > 1 and kept[0].is_punct:
        kept = kept[1:]
    while len(kept) > 1 and kept[-1].is_punct:
        kept = kept[:-1]
    start, end = kept[0].idx, kept[-1].idx + len(kept[-1].text)
    conjuncts = [c for c in subject.children if c.dep_ == "conj"]
    if conjuncts:    # "Canada, Germany and Poland said", "Ukraine and its allies accused": the whole phrase
        whole = list(subject.subtree)
        start, end = whole[0].idx, whole[-1].idx + len(whole[-1].text)
        return SyntacticSpeaker(start, end, _text(doc)[start:end].strip(" ,"), "multiple")
    if subject.pos_ == "PRON":
        word = subject.text.lower()
        if word not in _PRONOUNS:
            return None
        gender = "male" if word == "he" else "female" if word == "she" else None
        return SyntacticSpeaker(subject.idx, subject.idx + len(subject.text), subject.text, "pronoun", "", gender)
    named = subject if subject.pos_ == "PROPN" else next(
        (child for child in subject.children if child.dep_ == "appos" and child.pos_ == "PROPN"), None)
    if named is not None and named.text.lower().rstrip(".") in _TITLE_WORDS:
        named = None    # "the Transport Minister": a role, not a name
    if named is not None:
        entity = next((e for e in doc.ents if e.start <= named.i < e.end), None)
        if entity is not None and entity.label_ in _NAMED_ENTITIES:
            tokens = [t for t in entity if t.text.lower().rstrip(".") not in _TITLES] or list(entity)
        else:
            tokens = _name_tokens(named)
        name = doc[tokens[0].i:tokens[-1].i + 1].text
        # the phrase as written runs to the name ("Putin's adviser, Yuri Ushakov")
        end = max(end, tokens[-1].idx + len(tokens[-1].text))
        return SyntacticSpeaker(start, end, name, "named", entity.label_ if entity is not None else "", _gender(named))
    words = _text(doc)[start:end].split()
    if len(words) > 12:
        return None
    return SyntacticSpeaker(start, end, _text(doc)[start:end], "unnamed", "", _gender(subject))
