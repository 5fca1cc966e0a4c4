"""The progress lines the toolkit prints with ``progress=True``."""

from __future__ import annotations

import sys


def print_progress(line: str) -> None:
    """Print one progress line on standard error.

    One write of the whole line: the lines of a thread (the CSV files) or of a forked process
    (roles, keyness, frames) never break into each other.

    Parameters
    ----------
    line : str
    """
    sys.stderr.write(f"{line}\n")
    sys.stderr.flush()
