"""The report's section "How far to trust these figures": the machine measured on a coded sample,
the corrected profiles beside the uncorrected ones, and what to code next.

Every figure of the report rests on automatic labels (:data:`toolkit.validation.MEASURES`). With
coded samples kept in the study (:meth:`toolkit.Study.add_coded`), the section gives the
machine's accuracy per measure and outlet (:attr:`toolkit.Study.validation`) and, for the
measures whose coder gives a label (tone, learned frames, roles, coverage), each outlet's share of each
label before and after the correction (:meth:`toolkit.Study.corrected_shares`). Without them it
says which figures are uncorrected, and how many items of each outlet a useful sample needs
(:func:`toolkit.validation.items_needed`).
"""

from __future__ import annotations

import pandas as pd

from ..validation.accuracy import wilson_interval
from ..validation.power import items_needed
from ..validation.sample import MEASURES, machine_labels

#: The report's figures that rest on each measure (its section, and what).
FIGURES = {
    "quotes": "Who gets a voice: the speakers of quotes, shares of voice",
    "tone": "Tone and stance: the tone towards each actor",
    "cue_frames": "Frames: sentences with cue words",
    "learned_frames": "Frames: the learned frames",
    "roles": "Heroes, villains and victims: the roles",
    "omissions": "Coverage, omissions and leads: the omissions",
    "events": "Events: the grouping of the articles",
    "coverage": "Coverage: which events each outlet reports",
    "actors": "Actors and naming: the actors found automatically",
}

#: The half-width of the intervals the coding plan aims at.
HALF_WIDTH = 0.1

PLAN_COLUMNS = ["measure", "figures", "outlet", "items", "coded", "needed", "to_code"]
PROFILE_COLUMNS = ["measure", "label", "outlet", "items", "coded", "uncorrected", "uncorrected_low",
                   "uncorrected_high", "corrected", "corrected_low", "corrected_high", "figure"]


def coding_plan(study, *, half_width: float = HALF_WIDTH, level: float = 0.95) -> pd.DataFrame:
    """How many items of each measure and outlet to code for intervals of ``+/- half_width``.

    Parameters
    ----------
    study : toolkit.Study
    half_width : float, default 0.1
    level : float, default 0.95

    Returns
    -------
    pandas.DataFrame
        One row per measure with items in the study and outlet (the measures in the order of
        :data:`toolkit.validation.MEASURES`, outlets sorted): ``measure``, ``figures`` (the
        report's figures that rest on it), ``outlet``, ``items`` (the machine's labels),
        ``coded`` (kept coded items), ``needed`` (:func:`items_needed` for the worst case, a
        share of one half: enough for the machine's accuracy and for any corrected share,
        whatever the machine's accuracy; all the items when they are fewer) and ``to_code``
        (``needed`` minus ``coded``, at least 0).
    """
    needed = items_needed(half_width, level=level)
    kept = study.coded
    kept = kept[kept["coded"].notna()]
    rows = []
    for measure in MEASURES:
        labels = machine_labels(study._measure_tables(measure), measure)
        if labels.empty:
            continue
        done = kept[kept["measure"] == measure].groupby("outlet").size()
        for outlet, items in labels.groupby("outlet", sort=True).size().items():
            coded = int(done.get(outlet, 0))
            rows.append({"measure": measure, "figures": FIGURES[measure], "outlet": outlet, "items": int(items),
                         "coded": coded, "needed": min(needed, int(items)),
                         "to_code": max(0, min(needed, int(items)) - coded)})
    return pd.DataFrame(rows, columns=PLAN_COLUMNS)


def _profile_row(measure: str, label: str, outlet: str, items: int, coded: int, uncorrected: tuple,
                 corrected: tuple, figure: str) -> dict:
    return dict(zip(PROFILE_COLUMNS, (measure, label, outlet, items, coded, *uncorrected, *corrected, figure)))


def _figure(n: int, note: str, method: str) -> str:
    """What a corrected figure is: its method and coded items, with the note of few items; or the note."""
    if not n:
        return note
    return f"corrected ({method}) with {n} coded item(s)" + (f" ({note})" if note else "")


def _label_rows(study, kept: pd.DataFrame, level: float) -> list[dict]:
    rows = []
    for measure in (m for m, spec in MEASURES.items() if spec.right is None):
        if not (kept["measure"] == measure).any():
            continue
        for label in MEASURES[measure].choices:
            table = study.corrected_shares(measure=measure, label=label, level=level)
            for row in table.itertuples(index=False):
                figure = _figure(row.n, row.note, "PPI++")
                low, high = row.tuned_low, row.tuned_high
                if row.n and low == high:
                    # every coded item has the label, or none has: the normal interval has no width
                    low, high = wilson_interval(round(row.coded * row.n), row.n, level=level)
                    figure += (f"; {'none' if row.coded == 0 else 'all'} of the {row.n} coded items have the label, "
                               "so the interval is the Wilson interval of their share")
                rows.append(_profile_row(measure, label, row.outlet, row.N, row.n,
                                         (row.machine, row.machine_low, row.machine_high),
                                         (row.tuned, low, high), figure))
    return rows


def _voice_rows(study, level: float) -> list[dict]:
    return [_profile_row("quotes", f"share of voice: {row.side}", row.outlet, row.N, row.n,
                         (row.machine, row.machine_low, row.machine_high),
                         (row.corrected, row.corrected_low, row.corrected_high),
                         _figure(row.n, row.note, "PPI, quoted words of the quotes found"))
            for row in study.corrected_voice_shares(level=level).itertuples(index=False)]


def _omission_rows(study, level: float) -> list[dict]:
    return [_profile_row("omissions", "omission rate", row.outlet, row.numerator, row.coded,
                         (row.share, row.ci_low, row.ci_high), (row.corrected, row.corrected_low, row.corrected_high),
                         _figure(row.coded, row.note, "times the share of coded omissions that are real"))
            for row in study.corrected_omission_profile(level=level).itertuples(index=False)]


def _cue_frame_rows(study, level: float) -> list[dict]:
    return [_profile_row("cue_frames", f"frame: {row.label}", row.outlet, row.sentences, row.coded,
                         (row.share_of_sentences, row.share_of_sentences, row.share_of_sentences),
                         (row.corrected, row.corrected_low, row.corrected_high),
                         _figure(row.coded, row.note, "times the share of coded cue sentences that use the frame"))
            for row in study.corrected_cue_frames(level=level).itertuples(index=False)]


def corrected_profiles(study, *, level: float = 0.95) -> pd.DataFrame:
    """Each outlet's profiles, uncorrected and corrected with the coded items kept.

    For the measures whose coder gives a label (tone, learned frames, roles, coverage) and that
    have coded items: each outlet's share of each label, :meth:`toolkit.Study.corrected_shares` (its
    power-tuned estimate, PPI++: never much wider than the coded items' alone when the machine is
    poor, much narrower when it is good). With coded quotes: each outlet's share of voice by side
    (:meth:`toolkit.Study.corrected_voice_shares`, plain PPI: power tuning falls back on the coded
    items alone, a share of 0 with no width, for a side none of the few coded quotes has); with
    coded omissions: each outlet's omission rate (:meth:`toolkit.Study.corrected_omission_profile`);
    with coded cue sentences: each outlet's share of sentences with each frame's cue words
    (:meth:`toolkit.Study.corrected_cue_frames`; counted on every sentence, so its uncorrected
    interval has no width). These three correct the machine's false finds only
    (:mod:`toolkit.validation.check_shares`).

    Parameters
    ----------
    study : toolkit.Study
    level : float, default 0.95

    Returns
    -------
    pandas.DataFrame
        One row per measure, label and outlet: ``measure``, ``label`` (a tone, frame or role
        label; "share of voice: <side>"; "omission rate"; "frame: <label>"), ``outlet``, ``items``
        (the machine's items: mentions, articles, quotes, omissions, cue sentences), ``coded``, ``uncorrected`` (the machine's
        share) with its interval (``uncorrected_low``, ``uncorrected_high``: sampling only; for
        omission rates resampled by event at the level the correction needs),
        ``corrected`` with its interval (sampling and the machine's errors; normal intervals, not
        clipped to [0, 1]; where every coded item has a label or none has, the normal interval has
        no width, and the Wilson interval of the coded items' share is given instead), ``figure``
        (what the corrected figure is, e.g. "corrected (PPI++) with n coded item(s)", with a note
        when they are few, or "no coded items: not corrected").
    """
    kept = study.coded
    kept = kept[kept["coded"].notna()]
    rows = _label_rows(study, kept, level)
    if (kept["measure"] == "quotes").any():
        rows += _voice_rows(study, level)
    if (kept["measure"] == "omissions").any():
        rows += _omission_rows(study, level)
    if (kept["measure"] == "cue_frames").any():
        rows += _cue_frame_rows(study, level)
    return pd.DataFrame(rows, columns=PROFILE_COLUMNS)
