"""Shared fixtures. Jupyter, IPython and matplotlib are kept out of $HOME."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

_CACHE = Path(tempfile.mkdtemp(prefix="framing-toolkit-tests-"))
for variable, sub in [("JUPYTER_CONFIG_DIR", "jupyter/config"), ("JUPYTER_DATA_DIR", "jupyter/data"),
                      ("JUPYTER_RUNTIME_DIR", "jupyter/runtime"), ("IPYTHONDIR", "ipython"),
                      ("MPLCONFIGDIR", "matplotlib")]:
    os.environ.setdefault(variable, str(_CACHE / sub))
os.environ.setdefault("JUPYTER_PLATFORM_DIRS", "1")

import pytest  # noqa: E402

import toolkit  # noqa: E402

SHARED = Path(__file__).resolve().parents[2] / "shared"


@pytest.fixture(scope="session")
def sample_path() -> Path:
    return toolkit.sample_data_path()


@pytest.fixture(scope="session")
def sample_corpus(sample_path):
    return toolkit.load_corpus(sample_path)


@pytest.fixture(scope="session")
def sample_sentences(sample_corpus):
    return toolkit.split_sentences(sample_corpus.articles)


@pytest.fixture(scope="session")
def shared_path() -> Path:
    if not SHARED.is_dir():
        pytest.skip(f"../shared not found at {SHARED}")
    return SHARED
