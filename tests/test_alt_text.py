"""Alternative texts of the report's figures: the layout and the main values, ties named."""

import pandas as pd

from toolkit.report.alt_text import frames_alt, keyness_alt, profiles_alt


def test_profile_alt_names_the_extremes_and_every_tie():
    coverage = pd.DataFrame({"outlet": ["FOX", "Fox News", "HPO", "NYT"], "share": [0.0412, 0.9588, 0.0412, 0.0412]})
    leads = pd.DataFrame({"outlet": ["A", "B"], "share": [0.0, 0.0]})
    assert profiles_alt({"Coverage": coverage, "Shared leads": leads, "Omissions": leads.iloc[:0]}, outlets=4) == (
        "One panel per profile, one row per outlet (4 outlets), each point a share from 0 to 1 with its 95 % interval "
        "over events. Coverage: highest Fox News 0.96, lowest FOX, HPO, NYT 0.04; Shared leads: 2 at 0.00; "
        "Omissions: no values.")


def test_keyness_and_frames_alt():
    table = pd.DataFrame({"term": ["mr", "port", "that"], "z": [3.1, 2.0, -2.5]})
    assert keyness_alt(table, outlet="AP") == ("Bars of z-scores: to the right the words AP uses more than the other "
                                               "outlets (mr, port), to the left those it uses less (that); dashed lines "
                                               "at z = ±1.96.")
    assert "to the left" not in keyness_alt(table.iloc[:2], outlet="AP")
    profile = pd.DataFrame({"outlet": ["A", "B"], "label": ["Conflict"] * 2, "per_1000_words": [19.31, 17.1]})
    assert frames_alt(profile, grid=True) == ("Grid: one row per outlet, one column per frame, the frame's cue words "
                                              "per 1,000 words. Conflict: highest A 19.3, lowest B 17.1.")
