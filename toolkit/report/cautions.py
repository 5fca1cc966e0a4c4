"""Cautions shown beside a study's figures when they rest on something weak.

Each caution is computed from the study's own tables (how its facts are distributed, how sure
its role labels are, what kind of quotes it found) and from the measured accuracy of the method
behind the figure (:mod:`toolkit.report.methods`), against a threshold that the caution states.
"""

from __future__ import annotations

import html

import pandas as pd

#: Facts: a caution when, in the median comparable event, one fact holds this share of the body sentences.
FACT_SHARE = 0.25
#: Facts: the size (in sentences) counted as a giant fact in the caution.
BIG_FACT = 20
#: Tone (sentence and towards actors): a caution below this macro-F1 (percent).
TONE_F1 = 70
#: Roles: a caution below this macro-F1 (0-1).
ROLE_F1 = 0.7
#: Roles: a role this probable or more is the model's clear choice among the three.
ROLE_SURE = 0.5
#: Frames: a caution below this mean ROC AUC (0.5 is chance, 1 perfect).
FRAME_AUC = 0.8
#: Quotes: a caution when reported speech is found below this recall.
SPEECH_RECALL = 0.5

COLUMNS = ["section", "measure", "value", "threshold", "caution"]


def fact_concentration(sentence_facts: pd.DataFrame, *, events=None) -> pd.DataFrame:
    """How much of each event its largest fact holds: the mark of facts chained into one.

    A fact is one thing reported; in an event of several articles, no single fact is told in a
    large share of all their sentences. When one fact holds most of them, sentences were chained
    together and the facts (and the omissions and shared leads built on them) mean little.

    Parameters
    ----------
    sentence_facts : pandas.DataFrame
        The study's ``sentence_facts`` (``event``, ``fact``, ``part``).
    events : iterable, optional
        Only these events (the comparable ones); by default all.

    Returns
    -------
    pandas.DataFrame
        One row per event: ``event``, ``sentences`` (of the body that carry a fact),
        ``largest_fact`` (its sentences in the largest fact) and ``share``.

    Examples
    --------
    >>> table = pd.DataFrame({"event": ["E1"] * 5 + ["E2"] * 2, "fact": [1, 1, 1, 2, 0, 3, 4], "part": "body"})
    >>> fact_concentration(table).values.tolist()
    [['E1', 4, 3, 0.75], ['E2', 2, 1, 0.5]]
    """
    body = sentence_facts[(sentence_facts["part"] == "body") & (sentence_facts["fact"] > 0)]   # 0: no fact
    if events is not None:
        body = body[body["event"].isin(list(events))]
    if body.empty:
        return pd.DataFrame(columns=["event", "sentences", "largest_fact", "share"])
    sizes = body.groupby(["event", "fact"]).size()
    table = pd.DataFrame({"sentences": body.groupby("event").size(), "largest_fact": sizes.groupby("event").max()})
    return table.assign(share=table["largest_fact"] / table["sentences"]).reset_index()


def _row(section, measure, value, threshold, text):
    return {"section": section, "measure": measure, "value": value, "threshold": threshold, "caution": text}


def cautions(study) -> pd.DataFrame:
    """The cautions of a study's figures, one per weak ground, each with the figure and its threshold.

    Parameters
    ----------
    study : toolkit.Study

    Returns
    -------
    pandas.DataFrame
        One row per caution: ``section`` (``facts``, ``voices``, ``sentence_tone``,
        ``target_tone``, ``roles``, ``frames``, ``learned_frames``), ``measure``, ``value``,
        ``threshold`` and ``caution`` (the text shown).
    """
    from .methods import figure, frame_figures, role_figure, target_figure

    rows = []
    summary = study.event_summary
    comparable = summary.loc[summary["comparable"], "event"]
    facts = fact_concentration(study.sentence_facts, events=comparable)
    if len(facts):
        median = float(facts["share"].median())
        if median >= FACT_SHARE:
            big = int((facts["largest_fact"] >= BIG_FACT).sum())
            rows.append(_row("facts", "median share of an event's body sentences in its largest fact", median,
                             FACT_SHARE, (
                f"In the median comparable event, {median * 100:.0f} % of the body sentences fall in one single fact "
                f"(a caution from {FACT_SHARE * 100:.0f} %; {big:,} of {len(facts):,} events have a fact of {BIG_FACT} "
                "sentences or more). Facts this large join sentences that report different things, so the omissions "
                "and shared leads below overstate what outlets share: read the sentences of a fact before citing it.")))
    settings = study.settings
    quotes = study.quotes
    recall = figure("quotes", "recall of reported speech")
    if len(quotes) and recall < SPEECH_RECALL:
        indirect = float((quotes["kind"] == "indirect").mean())
        rows.append(_row("voices", "recall of reported speech", recall, SPEECH_RECALL, (
            f"Reported speech is mostly missed: {recall * 100:.0f} % of it was found on annotated US news (a caution "
            f"below {SPEECH_RECALL * 100:.0f} %); {indirect * 100:.0f} % of the quotes found here are reported speech. "
            "The shares of voice count mostly words in quote marks; an outlet that paraphrases its sources is "
            "under-counted.")))
    try:
        sentence_f1 = figure("sentence_tone", "macro-F1", settings.tone_method)
    except KeyError:        # a method never measured: the methods block says so
        sentence_f1 = None
    if sentence_f1 is not None and sentence_f1 < TONE_F1:
        rows.append(_row("sentence_tone", "macro-F1 of sentence polarity", sentence_f1, TONE_F1, (
            f"Sentence tone ({settings.tone_method}) agrees with annotators at a macro-F1 of {sentence_f1:g} (a "
            f"caution below {TONE_F1}; random labels score about {100 / 3:.0f} when the three labels are equally "
            "common): not far above chance. A difference between outlets here is a hint to read the sentences, not a "
            "finding.")))
    if len(study.stance):
        target = target_figure(settings.target_method)
        if target["macro_f1"] < TONE_F1:
            rows.append(_row("target_tone", "macro-F1 of the tone towards actors", float(target["macro_f1"]), TONE_F1, (
                f"Tone towards actors ({target['method']}) agrees with annotators at a macro-F1 of "
                f"{target['macro_f1']:g} on annotated news it was not trained on (a caution below {TONE_F1}; "
                f"{100 - target['accuracy']:.0f} % of its labels were wrong there), and its errors can differ between "
                "outlets. Read the evidence sentences before comparing outlets; a gap smaller than the intervals is no "
                "difference.")))
    roles = study.roles
    if len(roles):
        role = role_figure()
        unsure = float((roles["probability"] < ROLE_SURE).mean())
        if role["macro_f1"] < ROLE_F1:
            rows.append(_row("roles", "cross-validated macro-F1 of the roles", float(role["macro_f1"]), ROLE_F1, (
                f"The roles come from a model trained on climate-change news only; there it agrees with annotators "
                f"at a macro-F1 of {role['macro_f1']:.2f} (a caution below {ROLE_F1}), and on other topics it "
                f"is untested. Here {unsure * 100:.0f} % of the article × actor roles have a probability below "
                f"{ROLE_SURE}. Treat a role as a pointer to the sentences, never as a finding.")))
    frames = frame_figures().set_index("method")["roc_auc"]
    if len(study.frames) and frames["cue words"] < FRAME_AUC:
        rows.append(_row("frames", "mean ROC AUC of the cue words", float(frames["cue words"]), FRAME_AUC, (
            f"Cue words rank the articles annotated with a frame above the others with a mean ROC AUC of "
            f"{frames['cue words']:.2f} (0.5 is chance; a caution below {FRAME_AUC}): an indicator, not a "
            "classifier.")))
    learned = frames["learned (frames-linear)"]
    if len(study.learned_frames) and learned < FRAME_AUC:
        rows.append(_row("learned_frames", "mean ROC AUC of the learned frames", float(learned), FRAME_AUC, (
            f"The learned frames come from a model trained on climate-change news only (mean ROC AUC {learned:.2f} "
            f"there; a caution below {FRAME_AUC}); on other topics its strongest words are topic words.")))
    return pd.DataFrame(rows, columns=COLUMNS)


def caution_html(table: pd.DataFrame, section: str) -> str:
    """The cautions of one section as visible HTML boxes ("" when there is none).

    Examples
    --------
    >>> table = pd.DataFrame([{"section": "roles", "caution": "A <weak> model."}])
    >>> caution_html(table, "roles")
    '<p style="border-left: 4px solid #D55E00; background: #FFF3E8; padding: 6px 10px;"><strong>Caution.</strong> A &lt;weak&gt; model.</p>'
    """
    return "".join('<p style="border-left: 4px solid #D55E00; background: #FFF3E8; padding: 6px 10px;">'
                   f"<strong>Caution.</strong> {html.escape(text)}</p>"
                   for text in table.loc[table["section"] == section, "caution"])
