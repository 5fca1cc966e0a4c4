"""The tables as an Excel workbook: a sheet per table, Excel's limits handled visibly."""

import zipfile

import pandas as pd
import pytest

from toolkit.report.export import EXCEL_CELL, sheet_names, write_workbook

openpyxl = pytest.importorskip("openpyxl")


def _read(path):
    book = openpyxl.load_workbook(path)
    return {sheet.title: [[cell.value for cell in row] for row in sheet.iter_rows()] for sheet in book.worksheets}


def test_one_sheet_per_table_after_the_contents(tmp_path):
    tables = {"articles": pd.DataFrame({"article_id": ["a", "b"], "outlet": ["AP", "TASS"],
                                        "published": pd.to_datetime(["2025-12-04", None])}),
              "omission_profile": pd.DataFrame({"outlet": ["AP"], "share": [0.0819], "ci_low": [float("nan")]}),
              "empty": pd.DataFrame(columns=["fact"])}
    contents = write_workbook(tables, tmp_path / "t.xlsx")
    sheets = _read(tmp_path / "t.xlsx")
    assert list(sheets) == ["contents", "articles", "omission_profile", "empty"]
    assert sheets["articles"][0] == ["article_id", "outlet", "published"]
    assert [row[:2] for row in sheets["articles"][1:]] == [["a", "AP"], ["b", "TASS"]]
    assert str(sheets["articles"][1][2]) == "2025-12-04 00:00:00" and sheets["articles"][2][2] is None
    assert sheets["omission_profile"][1] == ["AP", 0.0819, None]
    assert sheets["empty"] == [["fact"]]
    assert contents[["table", "rows", "rows_written", "note"]].values.tolist() == [
        ["articles", 2, 2, ""], ["omission_profile", 1, 1, ""], ["empty", 0, 0, ""]]
    assert sheets["contents"][0] == ["table", "sheet", "rows", "rows_written", "note"]
    assert sheets["contents"][1][:4] == ["articles", "articles", 2, 2]


def test_a_table_longer_than_a_sheet_is_cut_and_the_contents_say_so(tmp_path):
    """Excel's 1,048,576 rows (header included), shown here with a limit of 4 rows."""
    contents = write_workbook({"sentences": pd.DataFrame({"sentence": range(10)})}, tmp_path / "t.xlsx", max_rows=4)
    sheets = _read(tmp_path / "t.xlsx")
    assert sheets["sentences"] == [["sentence"], [0], [1], [2]]
    note = "cut at 3 rows (the sheet limit): the whole table is in sentences.csv and sentences.parquet"
    assert contents["note"].tolist() == [note]
    assert sheets["contents"][1] == ["sentences", "sentences", 10, 3, note]


def test_sheet_names_are_cut_to_31_characters_made_valid_and_unique():
    names = sheet_names(["share_of_words_by_speaker_and_outlet_a", "share_of_words_by_speaker_and_outlet_b",
                         "a:b/c", "Contents"])
    assert names == {"share_of_words_by_speaker_and_outlet_a": "share_of_words_by_speaker_and_o",
                     "share_of_words_by_speaker_and_outlet_b": "share_of_words_by_speaker_and~2",
                     "a:b/c": "a_b_c", "Contents": "Contents~2"}
    assert all(len(n) <= 31 for n in names.values())


def test_text_cells_are_text_never_formulas_and_too_long_ones_are_cut(tmp_path):
    long = "x" * (EXCEL_CELL + 5)
    contents = write_workbook({"sentences": pd.DataFrame({"text": ["=HYPERLINK(\"http://x\")", "a\x01b", long]})},
                              tmp_path / "t.xlsx")
    book = openpyxl.load_workbook(tmp_path / "t.xlsx")
    cells = [row[0] for row in book["sentences"].iter_rows(min_row=2)]
    assert [c.data_type for c in cells] == ["s", "s", "s"]
    assert cells[0].value == "=HYPERLINK(\"http://x\")" and cells[1].value == "a\ufffdb"
    assert len(cells[2].value) == EXCEL_CELL
    assert contents["note"].item() == ("1 text cell(s) cut at 32,767 characters (the cell limit): the whole table is "
                                       "in sentences.csv and sentences.parquet")


def test_time_zones_are_kept_as_text_and_the_file_is_the_same_every_time(tmp_path):
    table = pd.DataFrame({"published": pd.to_datetime(["2025-12-04 10:00+01:00"]), "tags": [["a", "b"]]})
    write_workbook({"articles": table}, tmp_path / "one.xlsx")
    write_workbook({"articles": table}, tmp_path / "two.xlsx")
    assert (tmp_path / "one.xlsx").read_bytes() == (tmp_path / "two.xlsx").read_bytes()
    with zipfile.ZipFile(tmp_path / "one.xlsx") as archive:      # no time stamp that a later run would change
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        assert b"dcterms:modified" not in archive.read("docProps/core.xml")
    assert _read(tmp_path / "one.xlsx")["articles"][1] == ["2025-12-04T10:00:00+01:00", "['a', 'b']"]
