"""Checking the machine on the user's own corpus: a hand-coded sample (drawn, written as a sheet and
read back), the machine's accuracy per outlet, agreement between coders, corrected estimates,
and the size of a useful coded sample."""

from .accuracy import DIFFERENTIAL_P, agreement, class_scores, validate, wilson_interval
from .check_shares import corrected_cue_frames, corrected_omission_profile, corrected_voice_shares, voice_share_tables
from .coders import combine_coders, disagreements
from .correct import MIN_CODED, corrected_differences, corrected_shares, power_tuning
from .label_shares import corrected_label_shares, label_share_tables
from .power import items_needed, sample_plan
from .practice import practice_answers, practice_key_path
from .sample import MEASURES, machine_labels, validation_sample
from .sheet import SheetError, key_path, read_coded, read_key, write_sheet
from .widget import Annotator

__all__ = ["Annotator", "DIFFERENTIAL_P", "MEASURES", "MIN_CODED", "SheetError", "agreement", "class_scores",
           "corrected_cue_frames", "corrected_differences", "corrected_label_shares", "corrected_omission_profile", "corrected_shares",
           "corrected_voice_shares", "combine_coders", "disagreements", "items_needed", "key_path",
           "label_share_tables", "machine_labels", "power_tuning", "practice_answers", "practice_key_path", "read_coded", "read_key", "sample_plan",
           "validate", "validation_sample", "voice_share_tables", "wilson_interval", "write_sheet"]
