"""Tone: sentence sentiment, target-level sentiment towards actors, the framing table."""
