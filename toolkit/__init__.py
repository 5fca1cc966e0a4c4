"""framing toolkit: compare how news outlets frame the same events and actors.

Tidy tables in, tidy tables out; every table carries ``article_id`` and ``outlet``, and every
row can be traced to its place in the article text (see DESIGN.md).
"""

from .alignment import align, coverage
from .actors import ActorDictionary, ActorsError, load_actors
from .cleaning import CleanedText, CleaningRules, RulesError, clean_text, default_rules_path, load_rules
from .encoding import InputError
from .events import Events, group_events
from .evidence import add_sentence_text
from .frames import Frames, FramesError, frame_scores, load_frames
from .framing import evidence, evidence_html, framing_table
from .keyness import keyness, kwic, side_by_side
from .language import language_of
from .loading import Corpus, load_articles, load_corpus, parse_header, read_manifest
from .discovery import candidate_actors
from .mentions import find_mentions, naming, naming_differences
from .paths import sample_actors_path, sample_data_path
from .comparison_plots import plot_aligned_pairs, plot_coverage, plot_frames, plot_keyness
from .plotting import plot_actor_tone, plot_naming, plot_sentence_tone, plot_tone_arc, plot_voices
from .quotes import extract_quotes, load_verbs
from .report import ReportError, build_report, report_heading, safe_html
from .sentences import locate, paragraph_spans, sentence_spans, split_sentences
from .sentiment import extreme_sentences, score_sentences, tone_summary
from .stance import score_mentions
from .targets import target_validation
from .summary import articles_overview, outlet_summary
from .voices import voices

__all__ = [
    "align", "coverage", "Events", "group_events", "Frames", "FramesError", "frame_scores", "load_frames",
    "keyness", "kwic", "side_by_side", "language_of", "plot_aligned_pairs", "plot_coverage", "plot_frames",
    "plot_keyness",
    "ActorDictionary", "ActorsError", "add_sentence_text", "evidence", "evidence_html", "framing_table",
    "plot_actor_tone", "plot_tone_arc", "score_mentions", "target_validation", "candidate_actors", "extract_quotes", "find_mentions",
    "load_actors", "load_verbs", "locate", "naming", "naming_differences", "plot_naming", "plot_voices", "sample_actors_path", "voices",
    "CleanedText", "CleaningRules", "Corpus", "InputError", "RulesError", "articles_overview",
    "build_report", "ReportError", "safe_html", "clean_text", "default_rules_path", "extreme_sentences", "load_articles",
    "load_corpus", "load_rules", "outlet_summary", "paragraph_spans", "parse_header",
    "plot_sentence_tone", "read_manifest", "report_heading", "sample_data_path",
    "score_sentences", "sentence_spans", "split_sentences", "tone_summary",
]
__version__ = "0.1.0"
