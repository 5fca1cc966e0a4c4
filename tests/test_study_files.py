"""A saved study's folder: written whole, every file checked when opened, nothing read from outside
(issue 24, section 1). Tiny studies without actors, so that no language model is loaded."""

import json
import os
import shutil

import pandas as pd
import pytest

import toolkit
import toolkit.study_files
from toolkit import StudyError
from toolkit.study import TABLES

ARTICLES = pd.DataFrame({
    "article_id": ["a1", "a2", "b1"], "outlet": ["A", "B", "A"],
    "published": ["2024-01-02", "2024-01-02", "2024-01-03"], "title": ["Flood", "Flood", "Fire"],
    "text": ["The river flooded the town of Elm on Monday, officials said.",
             "Officials said the river flooded Elm on Monday.",
             "A fire burned a barn near Oak, the mayor said."]})


@pytest.fixture(scope="module")
def saved(tmp_path_factory):
    """A tiny saved study, and a second one of other articles."""
    folder = tmp_path_factory.mktemp("saved")
    first = toolkit.analyze(ARTICLES, discover=False, progress=False).save(folder / "first")
    other = ARTICLES.assign(article_id=["c1", "c2", "d1"], text=ARTICLES["text"].str.replace("Elm", "Ash"))
    second = toolkit.analyze(other, discover=False, progress=False).save(folder / "second")
    return first, second


@pytest.fixture
def study(saved, tmp_path):
    """A copy of the first saved study, to tamper with."""
    return shutil.copytree(saved[0], tmp_path / "study")


def _edit_meta(folder, change):
    meta = json.loads((folder / "study.json").read_text())
    meta = change(meta)
    (folder / "study.json").write_text(meta if isinstance(meta, str) else json.dumps(meta))


def test_a_saved_study_records_every_file_and_opens_from_anywhere(study, tmp_path):
    meta = json.loads((study / "study.json").read_text())
    assert meta["format"] == 2 and meta["settings"]["actors"] is None
    assert sorted(meta["files"]) == sorted(f"{name}.parquet" for name in TABLES)
    record = meta["files"]["articles.parquet"]
    assert record["rows"] == 3 and record["bytes"] == (study / "articles.parquet").stat().st_size
    assert list(record["columns"]) == ["article_id", "outlet", "published", "title", "url", "text", "source",
                                       "paywalled", "truncated", "duplicate_of", "author", "encoding", "captions",
                                       "language", "event"]
    assert (record["columns"]["paywalled"], record["columns"]["published"][:9]) == ("bool", "timestamp")
    moved = shutil.move(study, tmp_path / "elsewhere" / "moved")
    assert toolkit.open_study(moved).articles["article_id"].tolist() == ["a1", "a2", "b1"]


def test_an_interrupted_save_leaves_the_older_study_as_it_was(saved, tmp_path, monkeypatch):
    folder = shutil.copytree(saved[0], tmp_path / "study")
    (folder / "my notes.txt").write_text("mine")                   # a file of the user's own
    newer = toolkit.open_study(saved[1])
    real, written = toolkit.study_files.write_file, []

    def stops_after_three_tables(data, path):
        if len(written) == 3:
            raise KeyboardInterrupt
        written.append(path.name)
        real(data, path)

    monkeypatch.setattr(toolkit.study_files, "write_file", stops_after_three_tables)
    with pytest.raises(KeyboardInterrupt):
        newer.save(folder)
    monkeypatch.undo()
    assert written == ["articles.parquet", "cleaning_log.parquet", "load_log.parquet"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["study"]      # nothing half-written left beside it
    older = toolkit.open_study(folder)
    assert older.articles["article_id"].tolist() == ["a1", "a2", "b1"]
    assert older.sentences["article_id"].unique().tolist() == ["a1", "a2", "b1"]
    newer.save(folder)                                               # a save that completes replaces it whole
    again = toolkit.open_study(folder)
    assert again.articles["article_id"].tolist() == again.sentences["article_id"].unique().tolist() == \
        ["c1", "c2", "d1"]
    assert (folder / "my notes.txt").read_text() == "mine"


def test_a_save_refuses_a_folder_that_holds_something_else(saved, tmp_path):
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "thesis.docx").write_text("mine")
    study = toolkit.open_study(saved[0])
    with pytest.raises(StudyError, match="full is not empty and holds no study: choose an empty folder"):
        study.save(tmp_path / "full")
    (tmp_path / "a file").write_text("x")
    with pytest.raises(StudyError, match="a file is a file, not a folder"):
        study.save(tmp_path / "a file")
    assert (tmp_path / "full" / "thesis.docx").read_text() == "mine"


@pytest.mark.parametrize("change, message", [
    (lambda m: "{not json", r"study.json is not valid JSON \(Expecting property name enclosed in double quotes, "
                            r"line 1, column 2\)"),
    (lambda m: "[" * 100_000 + "]" * 100_000, "study.json: nested too deeply"),
    (lambda m: [m], "study.json holds a JSON list, not an object"),
    (lambda m: {k: v for k, v in m.items() if k != "tables"}, "study.json lacks the key 'tables'"),
    (lambda m: {k: v for k, v in m.items() if k != "settings"}, "study.json lacks the key 'settings'"),
    (lambda m: {**m, "settings": None}, "study.json: 'settings' must be an object of settings, not null"),
    (lambda m: {**m, "settings": {**m["settings"], "threshold": 0.3}},
     "study.json: settings: unknown setting\\(s\\) threshold; valid: actors, discover"),
    (lambda m: {**m, "settings": {**m["settings"], "event_threshold": "abc"}},
     "study.json: settings: event_threshold='abc' must be a number from 0 to 1"),
    (lambda m: {**m, "settings": {**m["settings"], "discover": "no"}},
     "study.json: settings: discover='no' must be True or False"),
    (lambda m: {**m, "settings": {**m["settings"], "outlets": [1]}},
     "study.json: settings: outlets=\\[1\\] must be a list of outlet names"),
    (lambda m: {**m, "settings": {**m["settings"], "tone_method": 3}},
     "study.json: settings: tone_method=3 is not valid; choose one of 'textblob', 'vader'"),
    (lambda m: {**m, "tables": "articles"}, "study.json: 'tables' must be an object of table names and row counts"),
    (lambda m: {**m, "tables": {**m["tables"], "quotes": "many"}}, "study.json: 'tables' must be an object"),
    (lambda m: {**m, "partitions": "ten"}, "study.json: 'partitions' must be a whole number of at least 1, not 'ten'"),
    (lambda m: {**m, "partitions": 2, "complete": True}, "is incomplete: 0 of 2 partitions were written"),
    (lambda m: {**m, "format": 99}, "study.json: format 99 is not one this version reads"),
    (lambda m: {**m, "files": []}, "study.json: 'files' must be an object of the study's files"),
    (lambda m: {**m, "tables": {k: v for k, v in m["tables"].items() if k != "load_log"}},
     "lacks the table\\(s\\) load_log"),
])
def test_a_malformed_study_json_is_a_study_error_naming_it(study, change, message):
    _edit_meta(study, change)
    with pytest.raises(StudyError, match=message):
        toolkit.open_study(study)


@pytest.mark.parametrize("name", ["../../outside", "/etc/passwd", "report", "notes", "settings", "tables", "save"])
def test_a_table_name_that_is_no_table_of_a_study_is_refused(study, tmp_path, name):
    pd.DataFrame({"secret": ["outside"]}).to_parquet(tmp_path / "outside.parquet")
    _edit_meta(study, lambda m: {**m, "tables": {**m["tables"], name: 1}})
    with pytest.raises(StudyError, match=f"study.json: '{name}' is not a table of a study \\(a study reads only its "
                                         "own tables: articles, cleaning_log"):
        toolkit.open_study(study)


@pytest.mark.parametrize("actors, message", [
    ("/etc/passwd", "settings.actors is '/etc/passwd'; a study's dictionary is the file 'actors.yml' in its folder"),
    ("../../../actors.yml", "settings.actors is '../../../actors.yml'"),
    ("russia-ukraine.yml", "settings.actors is 'russia-ukraine.yml'"),
    ("actors.yml", "actors.yml is missing"),
])
def test_the_dictionary_is_read_from_the_folder_only(study, actors, message):
    _edit_meta(study, lambda m: {**m, "settings": {**m["settings"], "actors": actors}})
    with pytest.raises(StudyError, match=message):
        toolkit.open_study(study)


def test_a_file_linked_from_outside_the_folder_is_refused(study, saved):
    (study / "articles.parquet").unlink()
    os.symlink(saved[0] / "articles.parquet", study / "articles.parquet")
    with pytest.raises(StudyError, match="articles.parquet is a link to .*, outside the study's folder; a study reads "
                                         "nothing outside its folder"):
        toolkit.open_study(study)


def test_a_damaged_table_is_a_study_error_naming_it(study, saved):
    articles = pd.read_parquet(study / "articles.parquet")
    cases = [
        (lambda path: path.write_bytes(os.urandom(2000)),
         "articles.parquet is not a readable Parquet table \\(ArrowInvalid"),
        (lambda path: articles.drop(columns="title").assign(extra=1).to_parquet(path, index=False),
         "articles.parquet has other columns than were saved: missing title; not saved: extra"),
        (lambda path: articles.assign(paywalled=articles["paywalled"].astype(int)).to_parquet(path, index=False),
         "articles.parquet has other columns than were saved: paywalled is int64, not bool"),
        (lambda path: articles.head(0).to_parquet(path, index=False), "articles.parquet holds 0 rows, 3 were saved"),
        (lambda path: shutil.copyfile(saved[1] / "articles.parquet", path),     # another study's articles
         "articles.parquet holds [0-9,]+ bytes, [0-9,]+ were saved"),
        (lambda path: path.write_bytes(original[:100] + bytes([original[100] ^ 1]) + original[101:]),   # one bit
         "articles.parquet is not the file that was saved \\(its SHA-256 hash differs\\)"),
        (lambda path: path.unlink(), "articles.parquet is missing"),
    ]
    original = (study / "articles.parquet").read_bytes()
    for damage, message in cases:
        damage(study / "articles.parquet")
        with pytest.raises(StudyError, match=message):
            toolkit.open_study(study)
        (study / "articles.parquet").write_bytes(original)
    assert len(toolkit.open_study(study).articles) == 3


def _as_saved_by_an_earlier_version(folder, actors):
    _edit_meta(folder, lambda m: {k: v for k, v in m.items() if k not in ("format", "files")}
               | {"settings": {**m["settings"], "actors": actors}})


def test_a_study_saved_by_an_earlier_version_opens_with_its_rows_checked(study):
    _as_saved_by_an_earlier_version(study, None)
    assert toolkit.open_study(study).articles["article_id"].tolist() == ["a1", "a2", "b1"]
    pd.read_parquet(study / "sentences.parquet").head(2).to_parquet(study / "sentences.parquet")
    with pytest.raises(StudyError, match="sentences.parquet holds 2 rows, study.json records 6; save the study again"):
        toolkit.open_study(study)
    pd.DataFrame({"x": [1, 2, 3]}).to_parquet(study / "articles.parquet")
    with pytest.raises(StudyError, match="articles.parquet is not a articles table: it lacks the column\\(s\\) "
                                         "article_id, outlet, published"):
        toolkit.open_study(study)


def test_a_study_of_an_earlier_version_with_its_dictionary_outside_says_to_copy_it_in(study, tmp_path):
    elsewhere = tmp_path / "dictionaries" / "town.yml"
    elsewhere.parent.mkdir()
    elsewhere.write_text("name: town\nactors:\n- {name: Elm, type: place, side: none, aliases: [Elm]}\n")
    _as_saved_by_an_earlier_version(study, str(elsewhere))
    with pytest.raises(StudyError, match=f"saved by an earlier version of the toolkit, which kept its actor "
                                         f"dictionary outside the study's folder \\({elsewhere}\\); a study reads "
                                         f"nothing outside its folder: copy that file into .*study as actors.yml"):
        toolkit.open_study(study)
    shutil.copyfile(elsewhere, study / "actors.yml")
    reopened = toolkit.open_study(study)
    assert (reopened.actors.name, len(reopened.actors), reopened.settings.actors) == ("town", 1, "actors.yml")


def test_a_killed_save_leaves_folders_that_the_next_save_deletes_and_opening_names(saved, tmp_path):
    """Issue 24 §1: a save killed between its steps (no clean-up) left hidden folders for ever."""
    folder = shutil.copytree(saved[0], tmp_path / "study")
    new = shutil.copytree(saved[1], tmp_path / ".study.saving-0123456789ab")     # killed after writing all
    old = tmp_path / ".study.old-ba9876543210"
    os.replace(folder, old)                                # ... and after moving the older study aside
    with pytest.raises(FileNotFoundError, match=r"no saved study in .*study \(no study.json\); a save of it was "
                                                r"killed .* left \.study\.old-ba9876543210 \(the study it replaced\) "
                                                r"and \.study\.saving-0123456789ab \(the study being saved\)"):
        toolkit.open_study(folder)
    toolkit.open_study(new).save(folder)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["study"]
    assert toolkit.open_study(folder).articles["article_id"].tolist() == ["c1", "c2", "d1"]
