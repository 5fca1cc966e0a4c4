import pandas as pd
import pytest

from devtools.discovery_read import draw_sample, reading_sheet, score, wilson


def test_score_counts_precision_by_actor_and_by_mention():
    sheet = pd.DataFrame({
        "actor": ["A", "B", "C", "D", "E"],
        "by_actor": [1, 1, 1, 1, 0],
        "mention_draws": [5, 0, 2, 1, 2],
        "top_rank": [1, 0, 0, 0, 2],
        "verdict": ["right", "wrong-type", "wrong-merge-people", "wrong-fragment", "right"]})
    r = score(sheet)
    assert (r["actors_right"], r["actors"], r["precision_actors"]) == (1, 4, 0.25)
    assert (r["mentions_right"], r["mentions"], r["precision_mentions"]) == (7, 10, 0.7)
    assert (r["real_actors"], r["real_mentions"]) == (0.5, 0.7)
    assert r["verdicts_actors"] == {"right": 1, "wrong-type": 1, "wrong-merge-people": 1, "wrong-fragment": 1}
    assert r["verdicts_mentions"] == {"right": 7, "wrong-merge-people": 2, "wrong-fragment": 1}
    assert r["people_merged"] == ["C"]
    assert (r["top"], r["top_right"]) == (2, 2)
    assert [round(x, 4) for x in r["interval_actors"]] == [round(x, 4) for x in wilson(1, 4)]


def test_wilson_interval():
    assert [round(x, 4) for x in wilson(8, 10)] == [0.4902, 0.9433]
    assert wilson(0, 0) == (0.0, 1.0)
    assert wilson(10, 10)[1] == pytest.approx(1.0) and round(wilson(10, 10)[0], 4) == 0.7225


def test_score_refuses_a_drawn_actor_without_a_known_verdict():
    sheet = pd.DataFrame({"actor": ["A", "B"], "by_actor": [1, 0], "mention_draws": [0, 0], "top_rank": [0, 1],
                          "verdict": ["", ""]})
    with pytest.raises(ValueError, match="actor 'A': verdict '' is not one of right, wrong-type"):
        score(sheet)
    with pytest.raises(ValueError, match="actor 'B': verdict 'ok' is not one of"):
        score(sheet.assign(verdict=["right", "ok"]))


def test_sample_by_actor_and_by_mention_is_seeded_and_excludes():
    mentions = pd.DataFrame({"actor": ["A"] * 6 + ["B", "C", "D"]})
    first = draw_sample(mentions, n=2, seed=3)
    assert first.equals(draw_sample(mentions, n=2, seed=3))
    assert first["by_actor"].sum() == 2 and first["mention_draws"].sum() == 2
    assert sum(len(d) for d in first["drawn"]) == 2
    again = draw_sample(mentions, n=9, seed=4, exclude={"A"})
    assert again[["actor", "by_actor", "mention_draws"]].values.tolist() == [
        ["A", 0, 6], ["B", 1, 1], ["C", 1, 1], ["D", 1, 1]]


def test_reading_sheet_marks_mentions_and_shows_each_form():
    from toolkit import find_mentions
    from toolkit.actors.dictionary import Actor, ActorDictionary

    s = pd.DataFrame({"article_id": ["a", "a", "b"], "outlet": ["X", "X", "Y"], "sentence": [0, 1, 0],
                      "start": [0, 51, 0],
                      "text": ["Rep. Kevin McCarthy spoke in Washington on Monday.", "Mr. McCarthy's bill failed.",
                               "Kevin McCarthy said Washington must act."]})
    actors = ActorDictionary((Actor("Kevin McCarthy", "person", "unassigned", ("Kevin McCarthy", "McCarthy")),
                              Actor("Washington", "place", "unassigned", ("Washington",))))
    found = {"actors": actors, "sentences": s, "mentions": find_mentions(s, actors)}
    sample = draw_sample(found["mentions"], n=1, seed=0)
    sheet = reading_sheet(found, sample, seed=0, top=2)
    assert sheet["actor"].tolist() == ["Kevin McCarthy", "Washington"]
    row = sheet.iloc[0]
    assert (row["type"], row["forms"], row["mentions"], row["articles"]) == ("person", "Kevin McCarthy | McCarthy", 3, 2)
    assert sorted(row["examples"].split("\n")) == [
        "Mr. [[McCarthy]]'s bill failed.", "Rep. [[Kevin McCarthy]] spoke in Washington on Monday.",
        "[[Kevin McCarthy]] said Washington must act."]
    assert row["form_examples"] == "McCarthy: Mr. [[McCarthy]]'s bill failed."
    assert sheet["verdict"].tolist() == ["", ""]
