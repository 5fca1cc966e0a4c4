"""framing toolkit: compare how news outlets frame the same events and actors.

Tidy tables in, tidy tables out; every table carries ``article_id`` and ``outlet``, and every
row can be traced to its place in the article text (see DESIGN.md).
"""

from .compare.alignment import Alignment, align, compare_sentences, coverage
from .actors.dictionary import ActorDictionary, ActorsError, load_actors
from .loading.cleaning import CleanedText, CleaningRules, RulesError, clean_text, default_rules_path, load_rules
from .loading.encoding import InputError
from .compare.events import Events, group_events
from .text.lookup import add_sentence_text
from .compare.frames import Frames, FramesError, frame_scores, frames_by_outlet, load_frames
from .compare.frame_model import frame_probabilities, frame_validation, learned_frames_by_outlet, load_frame_model
from .tone.framing import evidence, evidence_html, framing_table
from .compare.keyness import keyness, keyness_by_group, kwic, side_by_side
from .compare.profiles import (bootstrap_difference, bootstrap_ratio, coverage_profile, lead_profile, leads,
                               omission_profile, omissions, tone_differences, tone_profile, voice_differences,
                               voice_profile)
from .loading.language import language_of
from .loading.corpus import Corpus, load_articles, load_corpus, parse_header, read_manifest
from .actors.discovery import candidate_actors
from .actors.discovered import discover_actors
from .actors.mentions import find_mentions, naming, naming_differences
from .actors.roles import actor_roles, load_role_model, role_profile, role_validation
from .loading.samples import (events_corpus_path, events_gold_path, practice_actors_path, sample_actors_path,
                              sample_data_path)
from .report.comparison_plots import (plot_aligned_pairs, plot_coverage, plot_frames, plot_keyness, plot_profile,
                                      profile_panels)
from .report.plots import (actor_tone_panels, plot_actor_tone, plot_naming, plot_sentence_tone, plot_tone_arc,
                           plot_voices)
from .actors.quotes import extract_quotes, load_verbs, statements
from .report.build import ReportError, report_heading, safe_html, show_figure
from .corpus_report import build_report
from .course import course_display, lesson_path, print_texts, run_lesson
from .exercises import check_exercise
from .setup_check import check_setup
from .text.sentences import body_of, locate, paragraph_spans, sentence_spans, split_sentences
from .tone.sentiment import extreme_sentences, score_sentences, tone_summary
from .tone.stance import score_mentions
from .tone.targets import target_validation
from .compare.summary import articles_overview, outlet_summary
from .actors.voices import voices

__all__ = [
    "Alignment", "compare_sentences", "frames_by_outlet", "keyness_by_group", "bootstrap_ratio", "bootstrap_difference", "coverage_profile",
    "lead_profile", "leads", "omission_profile", "omissions", "tone_profile", "tone_differences", "voice_profile", "voice_differences", "Settings", "Study",
    "StudyError", "analyze",
    "article_tables", "open_study", "analyze_partitioned", "plot_profile", "events_corpus_path", "events_gold_path",
    "profile_panels", "actor_tone_panels",
    "align", "coverage", "Events", "group_events", "Frames", "FramesError", "frame_scores", "load_frames",
    "frame_probabilities", "frame_validation", "learned_frames_by_outlet", "load_frame_model", "actor_roles", "load_role_model", "role_profile",
    "role_validation",
    "keyness", "kwic", "side_by_side", "language_of", "plot_aligned_pairs", "plot_coverage", "plot_frames",
    "plot_keyness",
    "ActorDictionary", "ActorsError", "add_sentence_text", "evidence", "evidence_html", "framing_table",
    "plot_actor_tone", "plot_tone_arc", "score_mentions", "target_validation", "candidate_actors", "discover_actors", "extract_quotes", "find_mentions",
    "load_actors", "load_verbs", "statements", "locate", "naming", "naming_differences", "plot_naming", "plot_voices", "sample_actors_path", "voices",
    "CleanedText", "CleaningRules", "Corpus", "InputError", "RulesError", "articles_overview",
    "build_report", "ReportError", "safe_html", "show_figure", "clean_text", "default_rules_path", "extreme_sentences", "load_articles",
    "load_corpus", "load_rules", "outlet_summary", "paragraph_spans", "parse_header",
    "plot_sentence_tone", "read_manifest", "report_heading", "sample_data_path",
    "score_sentences", "sentence_spans", "split_sentences", "body_of", "tone_summary", "check_setup", "lesson_path",
    "run_lesson", "course_display", "print_texts", "check_exercise", "practice_actors_path",
]
from .study import Settings, Study, StudyError, analyze, article_tables, open_study  # noqa: E402 (needs the names above)
from .cluster import analyze_partitioned  # noqa: E402 (Dask is imported only when it runs)

from ._version import __version__  # noqa: E402 (the one place the version is set)
