"""The methods block's figures come from the files the measurements wrote, and agree with the documents."""

from pathlib import Path

import pytest
import yaml

import toolkit
from toolkit import Settings
from toolkit._files import resource_path
from toolkit.report.methods import figure, methods_table, validation_figures, versions

ROOT = Path(__file__).resolve().parents[1]


def test_every_figure_of_validation_yml_is_stated_in_the_document_it_cites():
    """A figure changed in one place and not the other fails here: measure again, update both."""
    entries = yaml.safe_load(resource_path("validation.yml").read_text(encoding="utf-8"))
    for step, entry in entries.items():
        document = " ".join((ROOT / entry["reported_in"]).read_text(encoding="utf-8").split())
        for item in entry["figures"]:
            assert " ".join(item["text"].split()) in document, (step, item["text"], entry["reported_in"])
            value = item["value"]     # the value itself is what the text states (as a share, a percentage or rounded)
            written = {f"{value:g}", f"{value:.2f}", f"{value * 100:.0f} %", f"{value * 100:.1f} %", f"about {value:.0f}"}
            assert any(w in item["text"] for w in written), (step, item)


def test_figures_are_looked_up_by_step_measure_and_method():
    assert figure("events", "adjusted Rand index") == 0.908
    assert figure("sentence_tone", "macro-F1", "textblob") == 42.9
    with pytest.raises(KeyError, match=r"has no figure 'macro-F1' for 'sentence_tone' \(vader\)"):
        figure("sentence_tone", "macro-F1", "vader")
    assert set(validation_figures()["step"]) == {"events", "facts", "actors", "quotes", "sentence_tone"}


def test_methods_table_reads_the_figures_of_the_methods_chosen():
    table = methods_table(Settings(target_method="vader-window", tone_method="vader", event_threshold=0.3),
                          facts_method="tfidf-cosine threshold=0.15", actors_discovered=False).set_index("step")
    vader = toolkit.target_validation().query("method == 'vader-window' and split == 'dev_rw'").iloc[0]
    assert table.at["target_tone", "measured"].startswith(
        f"vader-window: macro-F1 {vader['macro_f1']:g}, accuracy {vader['accuracy']:g} (NewsMTSC dev_rw")
    assert table.at["sentence_tone", "measured"] == "not measured"
    assert table.at["sentence_tone", "reference"] == "VADER (Hutto and Gilbert 2014)"
    assert table.at["events", "method"].startswith("threshold 0.3, within 3 days")
    assert table.at["facts", "method"] == "tfidf-cosine threshold=0.15"
    assert table.at["actors", "method"] == "the actor dictionary given"
    assert table.at["keyness", "reference"].startswith("log-odds ratio with an informative Dirichlet prior: Monroe, "
                                                        "Colaresi and Quinn 2008")
    assert table.at["roles", "measured"].startswith(f"macro-F1 {toolkit.role_validation()['macro_f1'].iat[0]:.2f}")
    assert table.at["intervals", "method"] == "95 %, 2,000 resamples, seed 0; fewer than 5 events: marked too_few"


def test_versions_name_the_toolkit_and_say_what_is_not_installed(monkeypatch):
    import importlib.metadata

    found = versions()
    assert found["toolkit"] == toolkit.__version__ and found["pandas"] == importlib.metadata.version("pandas")
    monkeypatch.setattr("toolkit.report.methods.PACKAGES", ("no-such-package-xyz",))
    assert versions() == {"toolkit": toolkit.__version__, "no-such-package-xyz": "not installed"}


def test_the_reports_tone_guide_quotes_the_default_methods_measured_figures():
    """The report's guide to tone towards actors says "about two targets in three right (66 macro-F1)":
    the default method's figures on NewsMTSC's real-world development split."""
    import json

    cells = json.loads(resource_path("report.ipynb").read_text(encoding="utf-8"))["cells"]
    guide = "".join(next(c["source"] for c in cells if c.get("id") == "cell-035"))
    table = toolkit.target_validation().set_index(["method", "split"])
    row = table.loc[(Settings().target_method, "dev_rw")]
    assert f"({row['macro_f1']:.0f} macro-F1)" in " ".join(guide.split())
    assert "two targets in three" in guide and abs(row["accuracy"] / 100 - 2 / 3) < 0.03
