"""Tests for toolkit.validation.widget: the annotation widget, driven through its callbacks (no browser)."""

import pytest

from toolkit.validation import Annotator, read_coded, validation_sample

from .validation_tables import tables


@pytest.fixture
def sample():
    return validation_sample(tables(), "tone", n=2, seed=0)      # tone-001 .. tone-004


def test_buttons_and_keys_code_and_save_each_answer(tmp_path, sample):
    path = tmp_path / "tone.csv"
    annotator = Annotator(sample, path, coder="ann")
    assert annotator._progress.value == "<b>0 of 4 coded</b>"
    assert "[[" not in annotator._item.value and "<mark>Ann</mark> spoke." in annotator._item.value
    assert "outlet" not in annotator._item.value and "neutral" not in annotator._item.value.split("</b>", 2)[-1]
    assert [b.description for b in annotator._buttons.children] == ["1 negative", "2 neutral", "3 positive"]
    annotator._buttons.children[1].click()              # item 1: neutral, saved at once
    with pytest.warns(UserWarning, match=r"3 of 4 item\(s\) are not coded yet"):
        assert read_coded(path)["coded"].tolist() == ["neutral", None, None, None]
    annotator._keys.value = "3"                           # item 2: the keyboard, choice 3
    assert annotator.position == 2 and annotator._keys.value == ""
    annotator._keys.value = "9"                           # not a choice: nothing happens
    assert annotator.position == 2 and annotator.done == 2
    annotator.widget.children[3].children[2].click()      # skip item 3
    annotator.answer("negative")                          # item 4
    assert annotator.position == 2                        # back to the item skipped
    annotator.answer("neutral")
    assert annotator.position == 4 and "Every item is coded" in annotator._item.value
    coded = read_coded(path)
    assert coded[["item_id", "coded", "coder"]].values.tolist() == [
        ["tone-001", "neutral", "ann"], ["tone-002", "positive", "ann"], ["tone-003", "neutral", "ann"],
        ["tone-004", "negative", "ann"]]
    with pytest.raises(ValueError, match=r"every item is coded"):
        annotator.answer("neutral")


def test_a_pass_resumes_where_it_stopped(tmp_path, sample):
    path = tmp_path / "tone.xlsx"
    first = Annotator(sample, path, coder="ann")
    first.answer("negative")
    first.answer("positive")
    again = Annotator(sample, path, coder="ann")
    assert again.position == 2 and again._progress.value == "<b>2 of 4 coded</b>"
    again.widget.children[3].children[1].click()          # back: the answer given is shown
    assert again.position == 1 and "answered: <b>positive</b>" in again._item.value


def test_bad_coder_and_choice(tmp_path, sample):
    with pytest.raises(ValueError, match=r"coder='  ': give the coder's name"):
        Annotator(sample, tmp_path / "t.csv", coder="  ")
    annotator = Annotator(sample, tmp_path / "t.csv", coder="bo")
    with pytest.raises(ValueError, match=r"choice='bad' is not valid for 'tone'; choose one of 'negative', 'neutral'"):
        annotator.answer("bad")
