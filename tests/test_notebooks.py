"""Notebooks are teaching material: stripped of outputs, importing from toolkit, no installs or ../ paths.

They are executed top to bottom by nbmake (``pytest --nbmake notebooks``, run by ``make test``).
"""

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb")) + [ROOT / "toolkit" / "resources" / "report.ipynb"]


def test_there_are_numbered_notebooks():
    names = [p.name for p in NOTEBOOKS if p.parent.name == "notebooks"]
    assert names and all(n[:2].isdigit() and n[2] == "-" for n in names)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_hygiene(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    assert all(c.get("outputs") == [] and c.get("execution_count") is None for c in code), "outputs not stripped"
    source = "\n".join("".join(c["source"]) for c in code)
    assert "pip install" not in source and "!pip" not in source
    assert "../" not in source and "..\\" not in source
    assert "import toolkit" in source or "from toolkit" in source
    assert "def " not in source and "class " not in source, "reusable code belongs in the toolkit"
