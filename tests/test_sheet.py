"""Tests for toolkit.validation.sheet: the coder's sheet written and read back with strict checks."""

import warnings

import pandas as pd
import pytest

from toolkit.validation import SheetError, key_path, read_coded, read_key, validation_sample, write_sheet
from toolkit.validation.sample import KEY_COLUMNS

from .validation_tables import tables


@pytest.fixture
def sample():
    return validation_sample(tables(), "tone", n=2, seed=0)      # tone-001 .. tone-004


def _code(path, answers, coder=None):
    """Fill in the coded column of a written sheet, as a coder would."""
    sheet = pd.read_csv(path, dtype=str, keep_default_na=False) if path.suffix == ".csv" else \
        pd.read_excel(path, dtype=str, keep_default_na=False)
    sheet["coded"] = answers
    if coder is not None:
        sheet["coder"] = coder
    (sheet.to_csv(path, index=False) if path.suffix == ".csv" else sheet.to_excel(path, index=False))
    return sheet


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_written_sheet_hides_the_key_and_reads_back(tmp_path, sample, suffix):
    sheet_path, key = write_sheet(sample, tmp_path / f"tone{suffix}")
    assert key == tmp_path / "tone.key.csv"
    _code(sheet_path, ["neutral", " Positive", "negative", "negative"], coder="ann")
    written = pd.read_csv(sheet_path) if suffix == ".csv" else pd.read_excel(sheet_path)
    assert list(written.columns) == ["item_id", "measure", "question", "choices", "title", "before", "text",
                                     "after", "article", "coded", "coder"]       # no outlet, no machine label
    coded = read_coded(sheet_path)
    assert coded.values.tolist() == [
        ["tone-001", "tone", "neutral", "ann", "neutral", "Ann", "Y", "E1", "b1", 0, 4],
        ["tone-002", "tone", "positive", "ann", "positive", "Bo", "X", "E1", "a2", 0, 2],
        ["tone-003", "tone", "negative", "ann", "neutral", "Bo", "Y", "E1", "b1", 1, 5],
        ["tone-004", "tone", "negative", "ann", "negative", "Ann", "X", "E1", "a2", 1, 3]]
    assert read_key(key).equals(sample[KEY_COLUMNS])


def test_rows_in_another_order_and_the_sample_as_key(sample):
    sheet = sample.iloc[::-1].assign(coded=["neutral", "negative", "positive", "neutral"])
    coded = read_coded(sheet, sample, coder="bo")
    assert coded[["item_id", "coded", "coder"]].values.tolist() == [
        ["tone-001", "neutral", "bo"], ["tone-002", "positive", "bo"], ["tone-003", "negative", "bo"],
        ["tone-004", "neutral", "bo"]]


def test_empty_answers_are_counted_and_kept(sample):
    sheet = sample.assign(coded=["neutral", "", None, "negative"])
    with pytest.warns(UserWarning, match=r"2 of 4 item\(s\) are not coded yet \(row\(s\) 3, 4\); they are kept"):
        coded = read_coded(sheet, sample)
    assert coded["coded"].tolist() == ["neutral", None, None, "negative"]


@pytest.mark.parametrize("edit, message", [
    (lambda s: s.assign(item_id=["tone-001", "tone-002", "tone-002", "tone-004"]),
     r"item id\(s\) listed more than once, row\(s\) 3, 4: tone-002"),
    (lambda s: s.assign(item_id=["tone-001", "tone-009", "tone-003", "tone-004"]),
     r"row\(s\) 3 have item id\(s\) not in the key: tone-009"),
    (lambda s: s.drop(index=2),
     r"1 item\(s\) of the key are missing from the sheet: tone-003; put the rows back"),
    (lambda s: s.assign(item_id=["tone-001", None, "tone-003", "tone-004"]),
     r"row\(s\) 3 have no item_id"),
    (lambda s: s.assign(coded=["neutral", "good", "negative", "bad"]),
     r"2 answer\(s\) are not among the measure's choices \(negative / neutral / positive\): row 3: 'good'; "
     r"row 5: 'bad'"),
    (lambda s: s.assign(measure=["tone", "roles", "tone", "tone"]),
     r"row\(s\) 3 have a measure that is not the key's"),
    (lambda s: s.drop(columns="coded"), r"lacks the column\(s\) 'coded'"),
])
def test_bad_sheets_name_the_rows(sample, edit, message):
    sheet = edit(sample.assign(coded="neutral"))
    with pytest.raises(SheetError if "lacks" not in message else ValueError, match=message):
        read_coded(sheet, sample)


def test_bad_paths_and_missing_key(tmp_path, sample):
    with pytest.raises(ValueError, match=r"a sheet is written as .csv or .xlsx, not '.txt'"):
        write_sheet(sample, tmp_path / "tone.txt")
    with pytest.raises(ValueError, match=r"key= is needed with a sheet given as a table"):
        read_coded(sample)
    with pytest.raises(FileNotFoundError):
        read_coded(tmp_path / "nothing.csv")
    assert key_path("a/b.xlsx").name == "b.key.csv"


def test_two_measures_in_one_sheet(tmp_path, sample):
    both = pd.concat([sample, validation_sample(tables(), "quotes", n=1)], ignore_index=True)
    path, _ = write_sheet(both, tmp_path / "both.csv")
    _code(path, ["neutral", "positive", "negative", "negative", "right", "not a quote"])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        coded = read_coded(path)
    assert coded[["item_id", "coded", "machine"]].values.tolist()[-2:] == [
        ["quotes-001", "right", "Cy"], ["quotes-002", "not a quote", "(no speaker)"]]
    _code(path, ["neutral", "positive", "negative", "negative", "right", "yes"])
    with pytest.raises(SheetError, match=r"row 7: 'yes'"):
        read_coded(path)


def test_control_characters_in_an_excel_sheet(tmp_path, sample):
    odd = sample.assign(text=["a\x0bb", "c", "d", "e"])
    path, _ = write_sheet(odd, tmp_path / "odd.xlsx")
    assert pd.read_excel(path)["text"].tolist() == ["a\ufffdb", "c", "d", "e"]
