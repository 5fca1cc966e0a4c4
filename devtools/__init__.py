"""Development tooling: the benchmarks, the evaluations against gold standards, model training.

Not part of the installed package (the wheel leaves this folder out, and ``toolkit`` never imports
it): run it from the repository root, ``python -m devtools.bench``.
"""

from __future__ import annotations

import os
from pathlib import Path

#: The repository's root folder (``devtools`` runs from a clone, never from an installed package).
ROOT = Path(__file__).resolve().parents[1]


def python_path() -> str:
    """The ``PYTHONPATH`` for a child process that imports ``devtools`` (or this clone's ``toolkit``).

    Returns
    -------
    str
        The repository root, then the current ``PYTHONPATH`` if one is set.
    """
    saved = os.environ.get("PYTHONPATH")
    return os.pathsep.join([str(ROOT)] + ([saved] if saved else []))
