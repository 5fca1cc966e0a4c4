import pandas as pd
import pytest

import toolkit
from toolkit.compare.profiles import MIN_EVENTS


def test_bootstrap_ratio_resamples_events_not_rows():
    # outlet A: 10 of 10 facts in one long event and 0 of 1 in five others; the event is the unit
    units = pd.DataFrame({"outlet": "A", "event": list("uvwxyz"), "hits": [10, 0, 0, 0, 0, 0], "of": [10, 1, 1, 1, 1, 1]})
    row = toolkit.bootstrap_ratio(units, numerator="hits", denominator="of").iloc[0]
    assert (row["events"], row["numerator"], row["denominator"], round(row["share"], 3)) == (6, 10, 15, 0.667)
    assert (row["ci_low"], round(row["ci_high"], 3)) == (0.0, 0.909) and not row["too_few"]
    again = toolkit.bootstrap_ratio(units, numerator="hits", denominator="of")
    pd.testing.assert_frame_equal(again, toolkit.bootstrap_ratio(units, numerator="hits", denominator="of"))


def test_bootstrap_ratio_groups_small_n_and_empty_units():
    units = pd.DataFrame({"outlet": ["A", "A", "B", "B"], "side": ["x", "y", "x", "x"], "event": ["e1", "e1", "e1", "e2"],
                          "words": [3, 1, 2, 0], "all": [4, 4, 2, 0]})
    table = toolkit.bootstrap_ratio(units, numerator="words", denominator="all", group=["outlet", "side"])
    assert table[["outlet", "side", "events", "numerator", "denominator", "share", "too_few"]].values.tolist() == [
        ["A", "x", 1, 3, 4, 0.75, True], ["A", "y", 1, 1, 4, 0.25, True], ["B", "x", 1, 2, 2, 1.0, True]]
    assert MIN_EVENTS == 5


def test_bootstrap_ratio_bad_input():
    units = pd.DataFrame({"outlet": ["A"], "event": ["e"], "n": [1], "d": [1]})
    with pytest.raises(ValueError, match="lacks the column\\(s\\) 'missing'"):
        toolkit.bootstrap_ratio(units, numerator="missing", denominator="d")
    with pytest.raises(ValueError, match="n must be at least 1 and level between 0 and 1, not 0 and 0.95"):
        toolkit.bootstrap_ratio(units, numerator="n", denominator="d", n=0)


def test_coverage_profile_counts_comparable_events_and_lists_the_missed():
    events = pd.DataFrame({"outlet": ["A", "B", "A", "B", "C", "C", "C"], "event": ["e1", "e1", "e2", "e2", "e2", "e3", "e3"]})
    summary = pd.DataFrame({"event": ["e1", "e2", "e3"], "label": ["fire", "vote", "storm"]})
    table = toolkit.coverage_profile(events, summary=summary)
    assert table[["outlet", "events", "numerator", "share", "missed"]].values.tolist() == [
        ["A", 2, 2, 1.0, ""], ["B", 2, 2, 1.0, ""], ["C", 2, 1, 0.5, "e1 (fire)"]]   # e3: C alone, not comparable
    single = toolkit.coverage_profile(pd.DataFrame({"outlet": ["A", "B"], "event": ["e1", "e2"]}))
    assert single.empty and list(single.columns)[:3] == ["outlet", "events", "numerator"]



def test_coverage_profile_shows_the_evidence_of_each_miss_and_leaves_likely_splits_out():
    events = pd.DataFrame({"outlet": ["A", "B", "A", "B", "C", "C", "D"],
                           "event": ["e1", "e1", "e2", "e2", "e3", "e4", "e5"]})
    summary = pd.DataFrame({"event": ["e1", "e2"], "label": ["flood", "rates"]})
    misses = pd.DataFrame({"event": ["e1", "e1", "e2", "e2"], "outlet": ["C", "D", "C", "D"],
                           "nearest_article_id": ["c3", None, "c2", None],
                           "nearest_title": ["Millbrook counts the cost", None, "Farm prices", None],
                           "nearest_published": pd.to_datetime(["2026-03-07", None, "2026-03-04", None]),
                           "nearest_similarity": [0.615, None, 0.0, None], "likely_split": [True, False, False, False]})
    table = toolkit.coverage_profile(events, summary=summary, misses=misses)
    assert table[["outlet", "events", "numerator", "share", "likely_split"]].values.tolist() == [
        ["A", 2, 2, 1.0, 0], ["B", 2, 2, 1.0, 0], ["C", 1, 0, 0.0, 1], ["D", 2, 0, 0.0, 0]]
    assert table.set_index("outlet")["missed"].to_dict() == {
        "A": "", "B": "", "C": 'e2 (rates): c2 "Farm prices" 2026-03-04, similarity 0.00',
        "D": "e1 (flood): no article of the outlet at nearby dates; "
             "e2 (rates): no article of the outlet at nearby dates"}
    assert table["split_events"].tolist() == ["", "", 'e1 (flood): c3 "Millbrook counts the cost" 2026-03-07, '
                                              "similarity 0.61", ""]
    # without the evidence, every miss counts
    assert toolkit.coverage_profile(events, summary=summary)[["events", "likely_split"]].values.tolist() == [
        [2, 0], [2, 0], [2, 0], [2, 0]]
    with pytest.raises(ValueError, match="the misses table lacks the column\\(s\\) 'likely_split'"):
        toolkit.coverage_profile(events, misses=misses.drop(columns="likely_split"))


FACTS = pd.DataFrame({
    "event": "e1", "fact": [1] * 4 + [2] * 4 + [3] * 4, "label": ["strike"] * 4 + ["toll"] * 4 + ["talks"] * 4,
    "outlet": ["A", "B", "C", "D"] * 3,
    "article_id": ["a", "b", "", "", "a", "b", "c", "", "a", "", "", ""],
    "sentences": [1, 1, 0, 0, 2, 1, 1, 0, 1, 0, 0, 0],
    "text": ["S1.", "S2.", "", "", "T1.", "T2.", "T3.", "", "U.", "", "", ""],
    "reported_by": [2] * 4 + [3] * 4 + [1] * 4,
    "nearest_article_id": ["", "", "c", "d", "", "", "", "d", "", "b", "c", ""],
    "nearest_sentence": [None, None, 3, 1, None, None, None, 0, None, 2, 5, None],
    "nearest_similarity": [None, None, 0.1, 0.05, None, None, None, 0.3, None, 0.1, 0.1, 0.0],
    "nearest_text": ["", "", "Near C.", "Near D.", "", "", "", "Toll D?", "", "x", "y", ""]})


def test_omissions_need_two_other_outlets():
    found = toolkit.omissions(FACTS)
    # strike (A, B): C and D miss it; toll (A, B, C): D misses it; talks (A only) counts for nobody
    assert found[["outlet", "fact", "label", "reported_by_others", "example_outlet", "example_text", "nearest_text"]] \
        .values.tolist() == [["C", 1, "strike", 2, "A", "S1.", "Near C."], ["D", 1, "strike", 2, "A", "S1.", "Near D."],
                             ["D", 2, "toll", 3, "A", "T1.", "Toll D?"]]
    assert toolkit.omissions(FACTS, others=3)[["outlet", "fact"]].values.tolist() == [["D", 2]]
    with pytest.raises(ValueError, match="others must be at least 1, not 0"):
        toolkit.omissions(FACTS, others=0)


def test_omission_profile_and_truncated_texts():
    articles = pd.DataFrame({"article_id": ["a", "b", "c", "d"], "outlet": ["A", "B", "C", "D"],
                             "truncated": [False, False, True, False], "event": "e1"})
    profile = toolkit.omission_profile(FACTS, articles=articles)
    # facts that two other outlets report: A: toll (B, C); B: toll (A, C); C: strike (A, B) and toll (A, B);
    # D: strike and toll
    assert profile[["outlet", "denominator", "numerator", "share", "in_truncated"]].values.tolist() == [
        ["A", 1, 0, 0.0, 0], ["B", 1, 0, 0.0, 0], ["C", 2, 1, 0.5, 1], ["D", 2, 2, 1.0, 0]]
    assert toolkit.omissions(FACTS, articles=articles)["truncated"].tolist() == [True, False, False]


def test_leads_and_their_profile():
    sentence_facts = pd.DataFrame({"article_id": ["a", "a", "b", "b", "c", "d"], "outlet": ["A", "A", "B", "B", "C", "D"],
                                   "sentence": [-1, 0, 0, 1, 0, 0], "part": ["title", "body", "body", "body", "body", "body"],
                                   "event": ["e1"] * 4 + ["e1", "e2"], "fact": [9, 1, 2, 1, 1, 3]})
    facts = pd.DataFrame({"fact": [1, 2, 3, 9], "label": ["strike", "toll", "storm", "headline"], "reported_by": [3, 1, 1, 1]})
    sentences = sentence_facts[["article_id", "sentence"]].assign(text=["H.", "A lead.", "B lead.", "B2.", "C lead.", "D."])
    table = toolkit.leads(sentence_facts, facts, sentences)
    # the headline (-1) is not the lead; e2 has one outlet: no lead compared
    assert table[["event", "outlet", "label", "text", "shared", "other_leads", "reported_by"]].values.tolist() == [
        ["e1", "A", "strike", "A lead.", True, "strike; toll", 3], ["e1", "B", "toll", "B lead.", False, "strike", 1],
        ["e1", "C", "strike", "C lead.", True, "strike; toll", 3]]
    assert toolkit.lead_profile(table)[["outlet", "numerator", "denominator"]].values.tolist() == [
        ["A", 1, 1], ["B", 0, 1], ["C", 1, 1]]
    assert toolkit.lead_profile(table.iloc[:0]).empty


def test_voice_profile_pools_events():
    quotes = pd.DataFrame({"article_id": ["a", "a", "b", "c"], "outlet": ["A", "A", "A", "B"],
                           "side": ["X", None, "X", "Y"], "words": [10, 10, 5, 4], "event": "stale"})
    events = pd.DataFrame({"article_id": ["a", "b", "c"], "event": ["e1", "e2", "e1"]})
    table = toolkit.voice_profile(quotes, events)
    # every voice of the corpus for every outlet: a side an outlet never quotes is a share of 0
    assert table[["outlet", "side", "events", "numerator", "denominator", "share"]].values.tolist() == [
        ["A", "(none)", 2, 10, 25, 0.4], ["A", "X", 2, 15, 25, 0.6], ["A", "Y", 2, 0, 25, 0.0],
        ["B", "(none)", 1, 0, 4, 0.0], ["B", "X", 1, 0, 4, 0.0], ["B", "Y", 1, 4, 4, 1.0]]
    with pytest.raises(ValueError, match="the quotes table lacks the column\\(s\\) 'speaker'"):
        toolkit.voice_profile(quotes, events, by="speaker")


def test_tone_profile_resamples_events():
    stance = pd.DataFrame({"article_id": ["a", "a", "b", "c", "c"], "outlet": ["A", "A", "A", "B", "B"],
                           "actor": ["X", "Y", "X", "X", "X"], "score": [-1.0, 0.5, 0.0, 0.25, 0.75]})
    events = pd.DataFrame({"article_id": ["a", "b", "c"], "event": ["e1", "e2", "e1"]})
    table = toolkit.tone_profile(stance, events)
    assert table[["outlet", "actor", "events", "numerator", "denominator", "mean_score", "too_few"]].values.tolist() == [
        ["A", "X", 2, -1.0, 2, -0.5, True], ["A", "Y", 1, 0.5, 1, 0.5, True], ["B", "X", 1, 1.0, 2, 0.5, True]]
    assert toolkit.tone_profile(stance, events, top=1)["actor"].unique().tolist() == ["X"]
    assert list(toolkit.tone_profile(stance.iloc[:0], events).columns) == [
        "outlet", "actor", "events", "numerator", "denominator", "mean_score", "ci_low", "ci_high", "too_few"]


def test_profiles_from_units_of_batches_are_the_profiles_of_the_whole():
    from toolkit.compare.profiles import tone_profile_of_units, tone_units, voice_profile_of_units, voice_units

    stance = pd.DataFrame({"article_id": ["a", "a", "b", "c"], "outlet": ["A", "A", "A", "B"], "actor": "X",
                           "score": [-1.0, 0.5, 0.5, 0.25]})
    quotes = pd.DataFrame({"article_id": ["a", "b", "c"], "outlet": ["A", "A", "B"], "side": ["X", None, "X"],
                           "words": [10, 4, 6]})
    events = pd.DataFrame({"article_id": ["a", "b", "c"], "event": ["e1", "e1", "e1"]})
    units = pd.concat([tone_units(stance.iloc[:2], events), tone_units(stance.iloc[2:], events)])
    assert tone_profile_of_units(units)[["outlet", "denominator", "mean_score"]].values.tolist() == \
        [["A", 3, 0.0], ["B", 1, 0.25]]
    pd.testing.assert_frame_equal(tone_profile_of_units(units), toolkit.tone_profile(stance, events))
    units = pd.concat([voice_units(quotes.iloc[:1], events), voice_units(quotes.iloc[1:], events)])
    pd.testing.assert_frame_equal(voice_profile_of_units(units), toolkit.voice_profile(quotes, events))


def test_bootstrap_difference_resamples_the_same_events_for_both():
    # In every event A gives the side one word in ten more than B; the events differ a lot. Each share's
    # own interval is wide and the two overlap, but the difference is 0.1 in every draw of events.
    units = pd.DataFrame({"outlet": ["A"] * 6 + ["B"] * 6, "event": list("uvwxyz") * 2,
                          "hits": [9, 7, 5, 3, 1, 8] + [8, 6, 4, 2, 0, 7], "of": 10})
    shares = toolkit.bootstrap_ratio(units, numerator="hits", denominator="of").set_index("outlet")
    assert shares.loc["B", "ci_high"] > shares.loc["A", "ci_low"]                      # the intervals overlap
    row = toolkit.bootstrap_difference(units, numerator="hits", denominator="of", pairs=[("A", "B")]).iloc[0]
    assert (row["a"], row["b"], row["events"], row["share_a"], row["share_b"]) == ("A", "B", 6, 0.55, 0.45)
    assert [round(row[c], 6) for c in ("difference", "ci_low", "ci_high")] == [0.1, 0.1, 0.1] and not row["too_few"]


def test_bootstrap_difference_small_n_and_bad_pairs():
    units = pd.DataFrame({"outlet": ["A", "A", "B"], "side": ["x", "y", "x"], "event": ["e1", "e1", "e2"],
                          "words": [3, 1, 2], "all": [4, 4, 2]})
    row = toolkit.bootstrap_difference(units, numerator="words", denominator="all", group=["outlet", "side"],
                                       pairs=[(("A", "x"), ("B", "x"))]).iloc[0]
    assert (row["events"], row["share_a"], row["share_b"], row["difference"], row["too_few"]) == (2, 0.75, 1.0, -0.25, True)
    assert pd.isna(row["ci_low"]) and pd.isna(row["ci_high"])
    with pytest.raises(ValueError, match=r"pairs names groups that are not in the table: \['C'\]; the groups of "
                                         r"'outlet' are \['A', 'B'\]"):
        toolkit.bootstrap_difference(units, numerator="words", denominator="all", pairs=[("A", "C")])


def test_voice_differences_compare_the_shares_of_voice_profile():
    quotes = pd.DataFrame({"article_id": list("aabbccddee"), "outlet": "A", "side": ["X", None] * 5,
                           "words": [10, 5, 8, 4, 9, 1, 6, 6, 12, 2]})
    events = pd.DataFrame({"article_id": list("abcde"), "event": ["e1", "e2", "e3", "e4", "e5"]})
    profile = toolkit.voice_profile(quotes, events).set_index("side")["share"]
    row = toolkit.voice_differences(quotes, events, pairs=[(("A", "X"), ("A", "(none)"))]).iloc[0]
    assert (row["share_a"], row["share_b"]) == (profile["X"], profile["(none)"]) == (45 / 63, 18 / 63)
    assert round(row["difference"], 3) == 0.429 and row["ci_low"] > 0


def test_bootstrap_difference_of_a_pair_does_not_depend_on_the_other_pairs():
    units = pd.DataFrame({"outlet": ["A"] * 6 + ["B"] * 6 + ["C"] * 6, "event": list("uvwxyz") * 3,
                          "hits": [9, 7, 5, 3, 1, 8, 2, 6, 4, 2, 0, 7, 5, 5, 1, 9, 3, 2], "of": 10})
    alone = toolkit.bootstrap_difference(units, numerator="hits", denominator="of", pairs=[("A", "C")])
    second = toolkit.bootstrap_difference(units, numerator="hits", denominator="of", pairs=[("A", "B"), ("A", "C")])
    pd.testing.assert_frame_equal(alone, second.iloc[[1]].reset_index(drop=True))


def test_tone_differences_compare_the_means_of_tone_profile():
    # per event, A is 0.3 or 0.4 more negative than B: the difference's interval stays within those
    stance = pd.DataFrame({"article_id": list("abcdeABCDE"), "outlet": ["A"] * 5 + ["B"] * 5, "actor": "X",
                           "score": [-0.5, -0.4, -0.6, -0.2, -0.3, -0.1, 0.0, -0.2, 0.1, 0.0]})
    events = pd.DataFrame({"article_id": list("abcdeABCDE"), "event": list("vwxyz") * 2})
    means = toolkit.tone_profile(stance, events).set_index("outlet")["mean_score"]
    row = toolkit.tone_differences(stance, events, pairs=[(("A", "X"), ("B", "X"))]).iloc[0]
    assert (row["a"], row["b"], row["events"]) == (("A", "X"), ("B", "X"), 5)
    assert (row["share_a"], row["share_b"]) == (means["A"], means["B"])
    assert round(row["difference"], 2) == -0.36 and -0.4 <= round(row["ci_low"], 9) <= round(row["ci_high"], 9) <= -0.3
