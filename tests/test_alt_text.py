"""Alternative texts of the report's figures: the layout and the main values, ties named."""

import pandas as pd
import pytest

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


# Issue 26 §6: every figure a toolkit plot draws carries its alternative text, and toolkit.show_figure
# shows it as <img alt="..."> (an HTML export keeps it; matplotlib's own display gives no alt).

def _profile(outlets=("A", "B")):
    return pd.DataFrame({"outlet": list(outlets), "share": [0.5, 0.8][:len(outlets)], "ci_low": [0.3, 0.6][:len(outlets)],
                         "ci_high": [0.7, 1.0][:len(outlets)], "events": [12, 3][:len(outlets)],
                         "too_few": [False, True][:len(outlets)]})


def _plots(sample_sentences):
    """(name, function drawing on an Axes or making a Figure) for every figure-producing toolkit function."""
    import toolkit
    body = sample_sentences[sample_sentences["part"] == "body"]
    actors = toolkit.load_actors(toolkit.sample_actors_path())
    mentions = toolkit.find_mentions(sample_sentences, actors)
    scored = toolkit.score_sentences(sample_sentences)
    framing = toolkit.framing_table(toolkit.score_mentions(mentions, sample_sentences))
    pairs = toolkit.align(body)
    key = toolkit.keyness(body, target="AP wire copy")
    frames = toolkit.frame_scores(body, by="outlet")
    voices = toolkit.voices(toolkit.extract_quotes(sample_sentences, actors, syntax=False), by="speaker")
    return {
        "plot_sentence_tone": lambda ax: toolkit.plot_sentence_tone(scored, ax=ax),
        "plot_naming": lambda ax: toolkit.plot_naming(toolkit.naming(mentions, by="variant"), ax=ax),
        "plot_voices": lambda ax: toolkit.plot_voices(voices, ax=ax),
        "plot_actor_tone": lambda ax: toolkit.plot_actor_tone(framing, ax=ax),
        "plot_tone_arc": lambda ax: toolkit.plot_tone_arc(scored, article_id=scored["article_id"].iat[0], ax=ax),
        "plot_coverage": lambda ax: toolkit.plot_coverage(toolkit.coverage(body), ax=ax),
        "plot_aligned_pairs": lambda ax: toolkit.plot_aligned_pairs(pairs, sentences=body, ax=ax),
        "plot_keyness": lambda ax: toolkit.plot_keyness(key, ax=ax),
        "plot_frames": lambda ax: toolkit.plot_frames(frames, ax=ax),
        "plot_frames grid": lambda ax: toolkit.plot_frames(frames, kind="grid", ax=ax),
        "plot_profile": lambda ax: toolkit.plot_profile(_profile(), ax=ax),
        "actor_tone_panels": lambda ax: toolkit.actor_tone_panels(framing),
        "profile_panels": lambda ax: toolkit.profile_panels({"Coverage": _profile(), "Omissions": _profile("B")}),
    }


def test_every_figure_producing_function_records_an_alt_text(sample_sentences):
    import inspect

    import matplotlib.pyplot as plt

    import toolkit
    from toolkit.report.alt_text import figure_alt
    plots = _plots(sample_sentences)
    public = {name for name in toolkit.__all__ if name.startswith("plot_") or name.endswith("_panels")}
    assert public == {name.split()[0] for name in plots}, "a plotting function without an alt-text test"
    for name, draw in plots.items():
        fig, ax = plt.subplots()
        drawn = draw(ax)
        figure = drawn if isinstance(drawn, plt.Figure) else drawn.figure
        alt = figure_alt(figure)
        assert len(alt) > 40 and "nan" not in alt, (name, alt)
        plt.close("all")
    assert "show_figure" in toolkit.__all__ and inspect.signature(toolkit.show_figure).parameters["alt"].default is None


def test_alt_texts_of_plots_on_literal_tables():
    import matplotlib.pyplot as plt

    import toolkit
    from toolkit.report.alt_text import figure_alt
    fig, ax = plt.subplots()
    scored = pd.DataFrame({"article_id": "a", "outlet": "Wire", "sentence": [0, 1, 2], "polarity": [0.5, -0.2, 0.0],
                           "part": "body"})
    toolkit.plot_tone_arc(scored, article_id="a", ax=ax)
    assert figure_alt(fig) == ("Bars, one per body sentence of article a (Wire) in order, the polarity from -1 to +1: "
                               "1 above zero (blue), 1 below (vermilion), 1 at zero. Highest sentence 0 (0.50), lowest "
                               "sentence 1 (-0.20).")
    fig, ax = plt.subplots()
    voices = pd.DataFrame({"outlet": ["A", "A", "B"], "side": ["Russia", "Ukraine", "Russia"], "quoted_words": [10, 30, 5]})
    toolkit.plot_voices(voices, by="side", x="quoted_words", ax=ax)
    assert figure_alt(fig) == ("Stacked bars, one per outlet: the share of its quoted words given to each side. Largest "
                               "side per outlet: A: Ukraine 75 %; B: Russia 100 %.")
    fig, ax = plt.subplots()
    toolkit.plot_profile(_profile().iloc[:0], ax=ax)
    assert figure_alt(fig) == "An empty plot: no data."
    fig = toolkit.profile_panels({"Coverage": _profile()})
    assert figure_alt(fig).startswith("One panel per profile, one row per outlet (2 outlets)")
    plt.close("all")


def test_show_figure_shows_the_recorded_alt_text_as_html(monkeypatch):
    import matplotlib.pyplot as plt

    import toolkit
    shown = []
    monkeypatch.setattr("IPython.display.display", shown.append)
    fig, ax = plt.subplots()
    toolkit.plot_profile(_profile(), ax=ax)
    toolkit.show_figure(fig)
    assert shown[0].data.startswith('<img src="data:image/png;base64,') and shown[0].data.endswith(
        'alt="One row per outlet (2 outlets), each point a share from 0 to 1 with its 95 % interval over events; '
        'hollow points rest on fewer than five events. Highest B 0.80, lowest A 0.50.">')
    fig, ax = plt.subplots()
    ax.plot([0, 1])
    with pytest.raises(ValueError, match="alt must describe the figure.*pass alt="):
        toolkit.show_figure(fig)
    plt.close("all")


def test_plots_use_the_colour_blind_safe_palette(sample_sentences):
    """Okabe-Ito colours (toolkit.report.plots.PALETTE) or greys, never matplotlib's default cycle; stacked
    segments differ by hatch as well."""
    import matplotlib.pyplot as plt
    from matplotlib.colors import to_hex

    from toolkit.report.plots import PALETTE
    allowed = {c.lower() for c in PALETTE}
    for name, draw in _plots(sample_sentences).items():
        if name in ("plot_naming", "plot_frames grid", "plot_aligned_pairs"):
            continue     # shades of one hue (Blues), every cell labelled with its number
        fig, ax = plt.subplots()
        drawn = draw(ax)
        figure = drawn if isinstance(drawn, plt.Figure) else drawn.figure
        colours = set()
        for axes in figure.axes:
            colours |= {to_hex(p.get_facecolor()) for p in axes.patches}
            colours |= {to_hex(c) for coll in axes.collections for c in coll.get_facecolors() if c[3] > 0}
        greys = {c for c in colours if c[1:3] == c[3:5] == c[5:7]}
        assert colours - greys <= allowed, (name, colours - greys - allowed)
        plt.close("all")
    fig, ax = plt.subplots()
    from toolkit import plot_voices
    plot_voices(pd.DataFrame({"outlet": ["A", "A"], "side": ["x", "y"], "share_of_words": [0.5, 0.5]}), by="side", ax=ax)
    assert len({p.get_hatch() for p in ax.patches}) == 2
    plt.close("all")
