"""Where the toolkit finds its sample corpus."""

from __future__ import annotations

import os
from pathlib import Path


def sample_data_path() -> Path:
    """Return the folder of the sample corpus (``data/raw`` in the project's repository).

    The environment variable ``FRAMING_TOOLKIT_DATA`` overrides it (a folder holding ``raw/``).
    Notebooks use this function so that they need no ``../`` paths.

    Returns
    -------
    pathlib.Path

    Raises
    ------
    FileNotFoundError
        If the toolkit was installed without its repository and the variable is not set.

    Examples
    --------
    >>> sorted(p.name for p in sample_data_path().iterdir())
    ['000_f630b2af681dd528.txt', '002_4cb80e3135c7eb75.txt', 'manifest.csv']
    """
    root = os.environ.get("FRAMING_TOOLKIT_DATA")
    folder = Path(root) if root else Path(__file__).resolve().parents[2] / "data"
    raw = folder / "raw"
    if not raw.is_dir():
        raise FileNotFoundError(
            f"sample corpus not found at {raw}: install the toolkit from its repository with "
            "`pip install -e .`, or set FRAMING_TOOLKIT_DATA to a folder that holds raw/")
    return raw


def sample_actors_path() -> Path:
    """Return the actor dictionary for the sample corpus (``data/actors/russia-ukraine.yml``).

    Returns
    -------
    pathlib.Path

    Examples
    --------
    >>> sample_actors_path().name
    'russia-ukraine.yml'
    """
    return sample_data_path().parent / "actors" / "russia-ukraine.yml"


def practice_actors_path() -> Path:
    """Return the actor dictionary of the practice corpus (``data/actors/palvaria.yml``, CC0-1.0).

    42 actors of :func:`events_corpus_path` ("dev"), with sides and the forms each outlet uses.

    Examples
    --------
    >>> practice_actors_path().name
    'palvaria.yml'
    """
    return sample_data_path().parent / "actors" / "palvaria.yml"


def events_corpus_path(name: str = "dev") -> Path:
    """Return a practice corpus of many events and outlets (``data/gold/events/<name>``).

    Fictional news written for the project (CC0-1.0): ``dev`` has 48 articles from 4 outlets
    about 14 events in March-April 2026, with traps (two fires in one town, one event told in very
    different words). The true event of each article is in ``data/gold/events/<name>.csv``
    (:func:`events_gold_path`), so that the automatic grouping can be checked. ``heldout`` is
    kept for measuring the grouping once: do not tune anything on it.

    Parameters
    ----------
    name : {"dev", "heldout"}, default "dev"

    Returns
    -------
    pathlib.Path

    Raises
    ------
    ValueError
        For another name.

    Examples
    --------
    >>> sorted(p.name for p in events_corpus_path().iterdir())
    ['business', 'partisan', 'tabloid', 'wire']
    """
    if name not in ("dev", "heldout"):
        raise ValueError(f"name={name!r} is not valid; choose one of 'dev', 'heldout'")
    return sample_data_path().parent / "gold" / "events" / name


def events_gold_path(name: str = "dev") -> Path:
    """Return the true events of :func:`events_corpus_path` (a CSV: ``file, event, event_label, ...``).

    Examples
    --------
    >>> events_gold_path().name
    'dev.csv'
    """
    return events_corpus_path(name).with_suffix(".csv")
