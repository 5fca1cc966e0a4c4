"""Text: normalization, sentences with offsets, and finding the sentence behind any row."""
