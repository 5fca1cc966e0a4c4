"""The toolkit's version: the one place it is set.

``pyproject.toml`` reads it (``[tool.setuptools.dynamic]``), so the installed package's metadata,
``toolkit.__version__``, ``python -m toolkit --version``, every saved study (``study.json``) and
every report's methods block give this one. Change it here, in ``CITATION.cff`` and in
``CHANGELOG.md`` (``tests/test_packaging.py`` checks that they agree).
"""

__version__ = "0.1.0"
