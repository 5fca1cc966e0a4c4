"""Checking the machine on the user's own corpus: corrected estimates from a hand-coded sample."""

from .correct import MIN_CODED, corrected_differences, corrected_shares, power_tuning

__all__ = ["MIN_CODED", "corrected_differences", "corrected_shares", "power_tuning"]
