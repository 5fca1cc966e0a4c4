"""The documentation site's sources (docs/): every public name in the API reference, every method
page with its figures and reference, every relative link of the README and the pages pointing at a
file that exists. Building the site (Sphinx, about 30 s here) is `make docs`, run by CI after the
tests: it fails on any warning, a reference to a name that exists nowhere, or a broken page link."""

import re
from pathlib import Path

import toolkit

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"


def _autosummary_names(text: str) -> list[str]:
    names = []
    for block in re.findall(r"\.\. autosummary::\n((?:   .*\n|\n)+)", text):
        names += [line.strip() for line in block.splitlines() if line.strip() and not line.strip().startswith(":")]
    return names


def test_the_api_reference_lists_every_public_name_once():
    listed = _autosummary_names((DOCS / "api" / "index.md").read_text(encoding="utf-8"))
    assert sorted(listed) == sorted(toolkit.__all__)
    assert len(listed) == len(set(listed))


def test_autosummary_names_are_read_from_each_block():
    text = ".. autosummary::\n   :toctree: generated\n\n   analyze\n   Study\n\nafter\n"
    assert _autosummary_names(text) == ["analyze", "Study"]


def test_every_method_page_says_what_it_measures_its_figures_and_its_reference():
    pages = sorted((DOCS / "methods").glob("*.md"))
    listed = re.findall(r"^([\w-]+)$", (DOCS / "methods" / "index.md").read_text(encoding="utf-8").split("```{toctree}")[1],
                        re.M)
    assert sorted(listed) == sorted(p.stem for p in pages if p.stem != "index")
    for page in pages:
        if page.stem == "index":
            continue
        text = page.read_text(encoding="utf-8")
        assert "**What it measures.**" in text or "**What it does.**" in text, page.name
        assert re.search(r"^## (Checked on|How it works and how well)$", text, re.M), page.name
        assert re.search(r"^## Reference\n\n\S", text, re.M), page.name


def test_the_user_guide_has_a_page_per_task():
    toctree = (DOCS / "user-guide" / "index.md").read_text(encoding="utf-8")
    assert re.findall(r"^(\w+)$", toctree, re.M) == ["loading", "actors", "voices", "tone", "events", "frames",
                                                       "study", "scale", "checking"]
    titles = [(DOCS / "user-guide" / f"{name}.md").read_text(encoding="utf-8").splitlines()[0]
              for name in re.findall(r"^(\w+)$", toctree, re.M)]
    assert titles == ["# Loading and cleaning", "# Actors and naming", "# Voices", "# Tone towards actors",
                      "# Events, facts and profiles", "# Frames, roles and vocabulary",
                      "# The analysis object and saved studies", "# All cores and a Dask cluster",
                      "# Checking the machine on your corpus"]


def _relative_links(path: Path) -> list[str]:
    text = re.sub(r"```.*?```", "", path.read_text(encoding="utf-8"), flags=re.S)
    return [link for link in re.findall(r"\]\(([^)\s]+)\)", text) if not re.match(r"[a-z]+:", link)]


def test_the_readme_is_a_landing_page_whose_links_exist():
    readme = ROOT / "README.md"
    assert len(readme.read_text(encoding="utf-8").splitlines()) <= 150
    links = _relative_links(readme)
    assert "docs/getting-started.md" in links and "docs/methods/index.md" in links
    assert [link for link in links if not (ROOT / link.split("#")[0]).exists()] == []


def test_relative_links_of_the_pages_point_at_files_that_exist():
    """Sphinx checks the anchors too (make docs); this catches a moved page without building."""
    broken = [(page.relative_to(DOCS).as_posix(), link) for page in DOCS.rglob("*.md")
              if "_build" not in page.parts for link in _relative_links(page)
              if not (page.parent / link.split("#")[0]).exists()]
    assert broken == []


def test_relative_links_are_found_outside_code_blocks(tmp_path):
    page = tmp_path / "p.md"
    page.write_text("[a](x.md#y) [b](https://example.org)\n```\n[c](z.md)\n```\n")
    assert _relative_links(page) == ["x.md#y"]
