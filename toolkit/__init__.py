"""framing toolkit: compare how news outlets frame the same events and actors.

Tidy tables in, tidy tables out; every table carries ``article_id`` and ``outlet``, and every
row can be traced to its place in the article text (see DESIGN.md).
"""

from .cleaning import CleanedText, CleaningRules, RulesError, clean_text, default_rules_path, load_rules
from .encoding import InputError
from .loading import Corpus, load_articles, load_corpus, parse_header, read_manifest
from .paths import sample_data_path

__all__ = [
    "CleanedText", "CleaningRules", "Corpus", "InputError", "RulesError", "clean_text",
    "default_rules_path", "load_articles", "load_corpus", "load_rules", "parse_header",
    "read_manifest", "sample_data_path",
]
__version__ = "0.1.0"
