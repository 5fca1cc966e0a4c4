"""Cautions beside weak figures (issue 23), computed from the study's tables with stated thresholds."""

from pathlib import Path
from types import SimpleNamespace

import pandas as pd

from toolkit import Settings
from toolkit.report.cautions import FACT_SHARE, FRAME_AUC, ROLE_F1, TONE_F1, caution_html, cautions, fact_concentration


def _study(facts_per_event, *, quotes=None, roles=None, target_method="newsmtsc-linear"):
    """A stand-in for a Study: events E1.. with body sentences in the given facts, nothing else."""
    rows = [(f"E{i}", fact) for i, facts in enumerate(facts_per_event, 1) for fact in facts]
    sentence_facts = pd.DataFrame(rows, columns=["event", "fact"]).assign(part="body")
    summary = pd.DataFrame({"event": [f"E{i}" for i in range(1, len(facts_per_event) + 1)], "comparable": True})
    empty = pd.DataFrame()
    return SimpleNamespace(event_summary=summary, sentence_facts=sentence_facts,
                           settings=Settings(target_method=target_method),
                           quotes=quotes if quotes is not None else pd.DataFrame(columns=["kind"]),
                           stance=pd.DataFrame({"score": [0.1]}), roles=roles if roles is not None else empty,
                           frames=empty, learned_frames=empty)


def test_fact_concentration_counts_the_largest_fact_of_each_event():
    table = pd.DataFrame({"event": ["E1"] * 5 + ["E2"] * 3, "fact": [1, 1, 1, 2, 9, 3, 4, 5],
                          "part": ["body"] * 4 + ["title"] + ["body"] * 3})
    assert fact_concentration(table).values.tolist() == [["E1", 4, 3, 0.75], ["E2", 3, 1, 1 / 3]]
    assert fact_concentration(table, events=["E2"])["event"].tolist() == ["E2"]
    assert fact_concentration(table.iloc[:0]).empty


def test_giant_facts_get_a_caution_and_small_ones_none():
    """Issue 23: in the median BASIL event 79 % of the sentences were one fact."""
    giant = cautions(_study([[1] * 24 + [2, 3], [4] * 3 + [5, 6, 7], [8] * 20 + [9]]))
    text = giant.set_index("section").at["facts", "caution"]
    assert text.startswith("In the median comparable event, 92 % of the body sentences fall in one single fact "
                           "(a caution from 25 %; 2 of 3 events have a fact of 20 sentences or more).")
    small = cautions(_study([[1, 1, 2, 3, 4, 5, 6, 7, 8], [9, 10, 11, 12]]))
    assert "facts" not in set(small["section"])


def test_tone_caution_follows_the_measured_figure_of_the_method_used():
    weak = cautions(_study([[1, 2]], target_method="newsmtsc-linear")).set_index("section")
    assert weak.at["target_tone", "value"] == 66.1 and weak.at["target_tone", "threshold"] == 70
    assert "(a caution below 70; 32 % of its labels were wrong there)" in weak.at["target_tone", "caution"]
    assert weak.at["sentence_tone", "value"] == 42.9
    strong = cautions(_study([[1, 2]], target_method="newsmtsc-minilm"))
    assert "target_tone" not in set(strong["section"])     # 81.5 on the same data: no caution


def test_roles_and_voices_cautions_count_what_this_corpus_holds():
    roles = pd.DataFrame({"probability": [0.4, 0.45, 0.7, 0.9]})
    quotes = pd.DataFrame({"kind": ["direct", "indirect", "mixed", "direct"]})
    found = cautions(_study([[1, 2]], roles=roles, quotes=quotes)).set_index("section")
    assert "Here 50 % of the article × actor roles have a probability below 0.5." in found.at["roles", "caution"]
    assert "25 % of the quotes found here are reported speech" in found.at["voices", "caution"]
    html = caution_html(found.reset_index(), "roles")
    assert html.startswith('<p style="border-left: 4px solid #D55E00') and html.count("<strong>Caution.</strong>") == 1
    assert caution_html(found.reset_index(), "keyness") == ""


def test_the_docs_state_the_thresholds_the_code_uses():
    """The user guide's description of the report (docs/user-guide/study.md) quotes these thresholds."""
    page = Path(__file__).resolve().parents[1] / "docs" / "user-guide" / "study.md"
    text = " ".join(page.read_text(encoding="utf-8").split())
    assert f"one fact holds {FACT_SHARE * 100:.0f} % or more of the body sentences" in text
    assert f"tone with a measured macro-F1 below {TONE_F1}" in text
    assert f"(macro-F1 below {ROLE_F1}, ROC AUC below {FRAME_AUC})" in text
