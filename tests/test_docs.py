"""The documentation site's sources (docs/): every public name in the API reference, every method
page with its figures and reference, every relative link of the README and the pages pointing at a
file that exists. Building the site (Sphinx: too slow for this suite) is `make docs`, run by CI after the
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
    import toolkit.validation
    listed = _autosummary_names((DOCS / "api" / "index.md").read_text(encoding="utf-8"))
    checking = [name for name in toolkit.validation.__all__ if callable(getattr(toolkit.validation, name))]
    assert sorted(listed) == sorted(toolkit.__all__ + checking)
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


# --- the figures the method pages quote are the ones the measurements recorded --------------------

def _page(name: str) -> str:
    return (DOCS / "methods" / f"{name}.md").read_text(encoding="utf-8")


def _row(text: str, start: str) -> list[str]:
    """The cells of the table row that starts with ``start`` (bold marks dropped)."""
    line = next(line for line in text.splitlines() if line.startswith(start))
    return [cell.strip().strip("*") for cell in line.strip("|").split("|")]


def test_the_tone_page_quotes_the_recorded_macro_f1():
    table = toolkit.target_validation().pivot(index="method", columns="split", values="macro_f1")
    page = _page("target-tone")
    for method, row in table.iterrows():
        assert _row(page, f"| `{method}` |")[2:] == [f"{row['dev_rw']:.1f}", f"{row['dev_mt']:.1f}"], method


def test_the_roles_page_quotes_the_recorded_figures():
    table = toolkit.role_validation()
    page = _page("roles")
    rows = {"| `roles-linear` (context, no names) |": 0, "| `roles-linear` | 5 folds, each outlet": 3,
            "| reference: with the actors' names |": 1, "| reference: always \"villain\"": 2}
    for start, i in rows.items():
        expected = [f"{table.at[i, c]:.3f}" for c in ("accuracy", "macro_f1", "f1_hero", "f1_villain", "f1_victim")]
        assert _row(page, start)[2:] == expected, start


def test_the_frames_page_quotes_the_recorded_figures():
    table = toolkit.frame_validation()
    page = _page("frames")
    checks = {"| cue words (share": table["method"] == "cue words",
              "| learned (TF-IDF": table["check"].str.contains("random folds"),
              "| learned | 5 folds, each outlet": table["check"].str.contains("outlet")}
    for start, rows in checks.items():
        part = table[rows & (table["method"] != "cue words") if "learned" in start else rows]
        cells = _row(page, start)[2:]
        assert [c.split()[0] for c in cells[:5]] == [f"{a:.2f}" for a in part["roc_auc"]], start
        assert cells[5:] == [f"{part['roc_auc'].mean():.2f}", f"{part['f1'].mean():.2f}"], start


def test_the_facts_page_holds_the_recorded_table():
    from devtools.fact_eval import results_table
    assert results_table() in _page("facts")


def test_the_method_pages_quote_the_figures_of_validation_yml():
    """The report's methods block reads validation.yml; the method page of each step states the same figures."""
    import yaml
    from toolkit._files import resource_path

    pages = {"events": "events", "facts": "facts", "actors": "actor-discovery", "quotes": "quotes",
             "sentence_tone": "sentence-tone"}
    entries = yaml.safe_load(resource_path("validation.yml").read_text(encoding="utf-8"))
    assert set(entries) == set(pages)
    for step, entry in entries.items():
        page = " ".join(_page(pages[step]).split())
        for item in entry["figures"]:
            value = item["value"]
            written = {f"{value:g}", f"{value:.2f}", f"{value * 100:.0f} %", f"{value * 100:.1f} %", f"about {value:.0f}"}
            assert " ".join(item["text"].split()) in page or any(w in page for w in written), (step, item)


def _pages() -> list[Path]:
    return [ROOT / "README.md"] + [p for p in DOCS.rglob("*.md") if "_build" not in p.parts]


def _resolves(dotted: str) -> bool:
    import importlib

    parts = dotted.split(".")
    for i in range(len(parts), 0, -1):
        try:
            found = importlib.import_module(".".join(parts[:i]))
        except ImportError:
            continue
        try:
            for name in parts[i:]:
                found = getattr(found, name)
        except AttributeError:
            return False
        return True
    return False


def test_the_pages_name_only_functions_modules_and_files_that_exist():
    """Every `toolkit.x.y` the README and the pages name can be imported, every repository path exists."""
    text = "\n".join(page.read_text(encoding="utf-8") for page in _pages())
    names = set(re.findall(r"\btoolkit(?:\.[A-Za-z_]\w*)+", text))
    assert len(names) > 50 and [name for name in sorted(names) if not _resolves(name)] == []
    paths = set(re.findall(r"`((?:toolkit|data|notebooks|tests|docs)/[^`\s*<]*)`", text))
    built = ("docs/_build", "docs/api/generated", "docs/lessons")       # written by `make docs`, not in a clone
    assert len(paths) > 40 and [p for p in sorted(paths)
                                if not p.startswith(built) and not (ROOT / p.rstrip("/")).exists()] == []


def test_a_name_that_does_not_exist_does_not_resolve():
    assert _resolves("toolkit.compare.keyness.keyness") and _resolves("toolkit.study")
    assert not _resolves("toolkit.compare.keyness.no_such_function") and not _resolves("toolkit.no_such_module.x")


def test_the_loading_page_states_the_article_budget():
    from toolkit.loading.corpus import MAX_ARTICLE_CHARS

    page = (DOCS / "user-guide" / "loading.md").read_text(encoding="utf-8")
    assert f"`toolkit.loading.corpus.MAX_ARTICLE_CHARS` characters ({MAX_ARTICLE_CHARS:,}:" in " ".join(page.split())
