"""Comparing outlets: events, alignment and coverage, keyness, frames, summaries."""
