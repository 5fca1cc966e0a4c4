import os
import shutil
import warnings

import pandas as pd
import pytest

from toolkit import InputError, load_articles, load_corpus, parse_header, read_manifest
from toolkit.loading.corpus import ARTICLE_COLUMNS, LOAD_LOG_COLUMNS

from .conftest import Path

DATA = Path(__file__).parent / "data"
BODY = "Ukrainian and American negotiators met in Miami on Thursday, officials said on Friday."


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode(encoding))
    return path


# --- the sample corpus (the "done when") -------------------------------------------

def test_sample_corpus_articles(sample_corpus):
    articles = sample_corpus.articles
    assert list(articles.columns) == ARTICLE_COLUMNS
    assert articles["article_id"].tolist() == ["000_f630b2af681dd528", "002_4cb80e3135c7eb75"]
    assert articles["outlet"].tolist() == ["Morning Star", "AP wire copy"]
    assert articles["paywalled"].tolist() == [True, False]
    assert articles["truncated"].tolist() == [True, False]
    assert articles["title"].fillna("(none)").tolist() == [
        "Russian strike on Ukraine kills 12-year-old boy as peace talks continue", "(none)"]
    assert articles["published"].dt.strftime("%Y-%m-%d").tolist() == ["2025-12-04", "2025-12-04"]
    assert articles.loc[1, "text"].startswith("Ukraine and its European allies have accused")
    assert articles["source"].tolist() == ["000_f630b2af681dd528.txt", "002_4cb80e3135c7eb75.txt"]
    assert articles["duplicate_of"].isna().all()


def test_seed_002_header_is_logged(sample_corpus):
    log = sample_corpus.cleaning_log
    rows = log[log["article_id"] == "002_4cb80e3135c7eb75"]
    assert rows[["line", "text", "reason"]].values.tolist() == [[1, "date 2025-12-04", "metadata header (published)"]]


def test_sample_load_log_accounts_for_every_file(sample_corpus):
    assert list(sample_corpus.load_log.columns) == LOAD_LOG_COLUMNS
    assert sample_corpus.load_log["status"].tolist() == ["loaded", "loaded"]


def test_same_input_same_ids(sample_path, sample_corpus):
    again = load_corpus(sample_path)
    pd.testing.assert_frame_equal(again.articles, sample_corpus.articles)


def test_seed_published_from_header_without_manifest(sample_path, tmp_path):
    shutil.copy(sample_path / "002_4cb80e3135c7eb75.txt", tmp_path)
    articles = load_articles(tmp_path)
    assert articles.loc[0, "published"] == pd.Timestamp("2025-12-04")
    assert articles.loc[0, "outlet"] == "unknown"


# --- headers and metadata precedence -------------------------------------------------------

def test_parse_header_with_colons():
    meta, body, removed = parse_header("Title: Talks end\nURL: https://x.test/a\n\nBody starts here.")
    assert meta == {"title": "Talks end", "url": "https://x.test/a"}
    assert body == "\n\n\nBody starts here."
    assert [r[:3] for r in removed] == [(1, "Title: Talks end", "metadata header (title)"),
                                        (2, "URL: https://x.test/a", "metadata header (url)")]


def test_parse_header_leaves_ordinary_text_alone():
    for text in ["Date palms grew along the road.", "Title IX funding was cut.", "Published reports said so."]:
        assert parse_header(text) == ({}, text, [])


def test_metadata_precedence(tmp_path):
    write(tmp_path / "a.txt", f"title: From the header\noutlet: Header Outlet\ndate 2025-01-01\n{BODY}")
    write(tmp_path / "manifest.csv", "file,outlet,published\na.txt,Manifest Outlet,2025-02-02\n")
    articles = load_articles(tmp_path)
    assert articles.loc[0, ["outlet", "title"]].tolist() == ["Manifest Outlet", "From the header"]
    assert articles.loc[0, "published"] == pd.Timestamp("2025-02-02")
    articles = load_articles(tmp_path, outlet="Explicit", title="Explicit title")
    assert articles.loc[0, ["outlet", "title"]].tolist() == ["Explicit", "Explicit title"]


# --- every input form ----------------------------------------------------------------------

def test_html_file():
    corpus = load_corpus(DATA / "article.html")
    article = corpus.articles.iloc[0]
    assert article["title"] == "Talks in Miami end without a deal"
    assert article["outlet"] == "The Example Herald"
    assert article["published"] == pd.Timestamp("2025-12-05")
    assert article["url"] == "https://www.example-herald.test/world/2025/12/05/miami-talks"
    assert article["text"].startswith("Ukrainian and American negotiators met in Miami")
    assert article["text"].endswith("to fund Ukraine's defence.")
    assert '"We are not there yet," a Ukrainian official said' in article["text"]
    assert "cookies" not in article["text"] and "Home" not in article["text"]
    assert corpus.load_log.loc[0, "reason"] == "main text extracted by trafilatura"


def test_csv_with_column_mapping(tmp_path):
    write(tmp_path / "t.csv", f'id,site,body,day\nx1,Herald,"{BODY}",2025-12-04\nx2,Courier,"{BODY} Again.",2025-12-05\n')
    articles = load_articles(tmp_path / "t.csv",
                             columns={"text": "body", "outlet": "site", "article_id": "id", "published": "day"})
    assert articles[["article_id", "outlet"]].values.tolist() == [["x1", "Herald"], ["x2", "Courier"]]
    assert articles["source"].tolist() == ["t.csv#row=1", "t.csv#row=2"]
    assert articles["published"].dt.day.tolist() == [4, 5]


def test_tsv_jsonl_json_parquet_and_dataframe_give_the_same_articles(tmp_path):
    frame = pd.DataFrame({"article_id": ["a", "b"], "outlet": ["Herald", "Courier"],
                          "text": [BODY, BODY.replace("Miami", "Geneva")]})
    frame.to_csv(tmp_path / "t.tsv", sep="\t", index=False)
    frame.to_json(tmp_path / "t.jsonl", orient="records", lines=True)
    frame.to_json(tmp_path / "t.json", orient="records")
    frame.to_parquet(tmp_path / "t.parquet")
    expected = load_articles(frame)[["article_id", "outlet", "text"]]
    assert expected["text"].tolist() == frame["text"].tolist()
    for name in ["t.tsv", "t.jsonl", "t.json", "t.parquet"]:
        got = load_articles(tmp_path / name)[["article_id", "outlet", "text"]]
        pd.testing.assert_frame_equal(got, expected, obj=name)


def test_dataframe_without_ids_gets_row_ids():
    articles = load_articles(pd.DataFrame({"text": [BODY, BODY + " More."]}))
    assert articles["article_id"].tolist() == ["row-1", "row-2"]
    assert articles["outlet"].tolist() == ["unknown", "unknown"]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp1252"])
def test_text_files_in_any_encoding(tmp_path, encoding):
    text = "Kyiv\u2019s caf\u00e9 owners said the talks in Miami had ended without a deal on Friday."
    write(tmp_path / "a.txt", text, encoding)
    assert load_articles(tmp_path / "a.txt").loc[0, "text"] == text.replace("\u2019", "'")


def test_folder_is_read_recursively_and_hidden_files_ignored(tmp_path):
    write(tmp_path / "herald" / "a.txt", BODY)
    write(tmp_path / "courier" / "b.txt", BODY + " Again.")
    write(tmp_path / ".hidden" / "c.txt", BODY)
    write(tmp_path / ".DS_Store", "junk")
    assert load_articles(tmp_path)["article_id"].tolist() == ["courier/b", "herald/a"]


# --- bad input -----------------------------------------------------------------------------

@pytest.mark.parametrize("make, message", [
    (lambda d: d / "missing.txt", "missing.txt: no such file or folder"),
    (lambda d: write(d / "empty.txt", ""), "empty.txt is empty"),
    (lambda d: write(d / "binary.txt", "\x00\x01\x02\x03binary" * 50), "binary.txt looks like a binary file, not text"),
    (lambda d: write(d / "doc.pdf", "%PDF-1.4"), r"doc.pdf: unsupported file type '.pdf'; supported: .csv"),
    (lambda d: write(d / "t.csv", "title,summary\nT,text\n"), r"t.csv has no text column: none of text, body, content, "
                                                               r".*; its columns are 'title', 'summary'"),
    (lambda d: write(d / "bad.jsonl", '{"text": "ok"}\n{broken\n'), r"bad.jsonl#line=2: not valid JSON \(Expecting property name"),
    (lambda d: write(d / "bad.parquet", "not parquet at all"), "bad.parquet is not a valid Parquet table"),
    (lambda d: write(d / "furniture.txt", "Skip to main content\nSubscribe to continue reading."), "no article text left after cleaning"),
    (lambda d: (d / "emptydir").mkdir() or d / "emptydir", "emptydir: folder holds no files"),
])
def test_bad_inputs_raise_a_clear_error(tmp_path, make, message):
    with pytest.raises(InputError, match=message):
        load_corpus(make(tmp_path))


def test_bad_inputs_are_skipped_and_logged(tmp_path):
    write(tmp_path / "good.txt", BODY)
    write(tmp_path / "empty.txt", "")
    write(tmp_path / "doc.pdf", "%PDF-1.4")
    write(tmp_path / "t.csv", f'text\n"{BODY} Row one."\n""\n')
    corpus = load_corpus([tmp_path, tmp_path / "missing.txt"], errors="skip")
    log = corpus.load_log.sort_values("path").reset_index(drop=True)
    assert log[["path", "status"]].values.tolist() == [
        [str(tmp_path / "missing.txt"), "skipped"], ["doc.pdf", "skipped"], ["empty.txt", "skipped"],
        ["good.txt", "loaded"], ["t.csv#row=1", "loaded"], ["t.csv#row=2", "skipped"]]
    assert log["reason"].tolist()[:3] == ["no such file or folder",
                                          "unsupported file type '.pdf'; supported: .csv, .htm, .html, "
                                          ".json, .jsonl, .ndjson, .parquet, .text, .tsv, .txt",
                                          "is empty"]
    assert corpus.articles["article_id"].tolist() == ["good", "t-1"]


def test_load_articles_warns_about_skips(tmp_path):
    write(tmp_path / "good.txt", BODY)
    write(tmp_path / "empty.txt", "")
    with pytest.warns(UserWarning, match=r"1 input\(s\) skipped; .*empty.txt \(is empty\)"):
        load_articles(tmp_path, errors="skip")


def test_manifest_row_without_file_and_file_without_row(tmp_path):
    write(tmp_path / "a.txt", BODY)
    write(tmp_path / "b.txt", BODY + " Other.")
    write(tmp_path / "manifest.csv", "file,outlet\na.txt,Herald\nghost.txt,Courier\n")
    with pytest.raises(InputError, match="ghost.txt: manifest row matches no file"):
        load_corpus(tmp_path)
    corpus = load_corpus(tmp_path, errors="skip")
    assert corpus.articles["outlet"].tolist() == ["Herald"]
    assert corpus.load_log[corpus.load_log["status"] == "skipped"]["reason"].tolist() == [
        "manifest row matches no file", f"no row in the manifest {tmp_path / 'manifest.csv'}"]


@pytest.mark.parametrize("content, message", [
    ("name,outlet\na.txt,X\n", "has no 'file' column"),
    ("file,outlet,colour\na.txt,X,red\n", "unknown column"),
    ("file,outlet\na.txt,X\na.txt,Y\n", "names these files more than once: a.txt"),
])
def test_malformed_manifest(tmp_path, content, message):
    write(tmp_path / "m.csv", content)
    with pytest.raises(InputError, match=message):
        read_manifest(tmp_path / "m.csv")


def test_yaml_manifest(tmp_path):
    write(tmp_path / "a.txt", BODY)
    write(tmp_path / "m.yml", "- file: a.txt\n  outlet: Herald\n  url: https://herald.test/a\n")
    assert load_articles(tmp_path, manifest=tmp_path / "m.yml").loc[0, ["outlet", "url"]].tolist() == [
        "Herald", "https://herald.test/a"]


def test_duplicates_are_flagged_not_dropped(tmp_path):
    write(tmp_path / "a.txt", BODY)
    write(tmp_path / "b.txt", "  " + BODY.upper() + "\n")
    write(tmp_path / "c.txt", BODY + " Different.")
    corpus = load_corpus(tmp_path)
    assert corpus.articles["duplicate_of"].fillna("").tolist() == ["", "a", ""]
    assert corpus.load_log.loc[1, "reason"].endswith("duplicate of a (flagged, kept)")


def test_duplicate_ids_in_a_table(tmp_path):
    write(tmp_path / "t.csv", f'article_id,text\nx,"{BODY}"\nx,"{BODY} Two."\n')
    with pytest.raises(InputError, match="t.csv#row=2: duplicate article_id 'x'"):
        load_corpus(tmp_path / "t.csv")


def test_unknown_options_are_named(tmp_path):
    write(tmp_path / "a.txt", BODY)
    with pytest.raises(ValueError, match=r"errors='ignore' is not valid; choose one of 'raise', 'skip'"):
        load_corpus(tmp_path, errors="ignore")
    with pytest.raises(ValueError, match="columns= maps unknown field"):
        load_corpus(pd.DataFrame({"text": [BODY]}), columns={"body": "text"})
    with pytest.raises(TypeError):
        load_corpus(tmp_path, colour="red")


def test_unparsable_date_is_recorded(tmp_path):
    write(tmp_path / "a.txt", BODY)
    write(tmp_path / "manifest.csv", "file,published\na.txt,sometime soon\n")
    corpus = load_corpus(tmp_path)
    assert pd.isna(corpus.articles.loc[0, "published"])
    assert "date 'sometime soon' not understood" in corpus.load_log.loc[0, "reason"]


def test_no_warning_for_clean_load(sample_path):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        load_articles(sample_path)


# --- issue 9: nothing lost silently ---------------------------------------------------------

CURLY = "Zelenskyy said Kyiv\u2019s \u201cdelegation\u201d met in Miami \u2014 officials said on Friday."
STRAIGHT = 'Zelenskyy said Kyiv\'s "delegation" met in Miami \u2014 officials said on Friday.'   # as cleaned


def test_a_bad_byte_in_a_utf8_file_keeps_the_text_and_is_logged(tmp_path):
    (tmp_path / "a.txt").write_bytes((CURLY + "\n").encode() * 3 + b"\xff\n")
    corpus = load_corpus(tmp_path / "a.txt", outlet="A")
    assert corpus.articles.loc[0, "text"] == "\n\n".join([STRAIGHT] * 3)   # no mojibake
    # the line left holding only the replacement character is not text: removed, and logged (issue 23)
    assert corpus.cleaning_log[["line", "text", "reason"]].values.tolist() == [
        [4, "\ufffd", "separator, symbol or bare number"]]
    assert corpus.articles.loc[0, "encoding"] == "utf-8"
    assert corpus.load_log.loc[0, "reason"] == ("1 byte(s) that are not UTF-8 replaced by \ufffd (first on line 4, "
                                                "character 1); the rest is valid UTF-8 (12 multi-byte characters)")


def test_a_legacy_encoding_is_recorded_in_the_load_log(tmp_path):
    write(tmp_path / "a.txt", CURLY, "cp1252")
    corpus = load_corpus(tmp_path / "a.txt", outlet="A")
    assert corpus.articles.loc[0, "text"] == STRAIGHT
    assert corpus.load_log.loc[0, "reason"].startswith("not UTF-8 (4 invalid byte(s), first on line 1): read as cp1252")


def test_utf16_without_bom_loads(tmp_path):
    write(tmp_path / "a.txt", CURLY, "utf-16-le")
    corpus = load_corpus(tmp_path / "a.txt", outlet="A")
    assert corpus.articles.loc[0, "text"] == STRAIGHT
    assert corpus.load_log.loc[0, "reason"] == "no byte-order mark: read as UTF-16-LE by its pattern of zero bytes"


def test_one_nul_byte_does_not_reject_a_csv(tmp_path):
    (tmp_path / "t.csv").write_bytes(f'text,outlet\n"{BODY}",A\x00\n"{CURLY}",B\n'.encode())
    corpus = load_corpus(tmp_path / "t.csv")
    assert corpus.articles["outlet"].tolist() == ["A", "B"]
    assert corpus.load_log["reason"].tolist() == ["1 NUL character(s) removed (first on line 2)"] * 2


def test_a_malformed_json_lines_row_is_skipped_by_line_number(tmp_path):
    write(tmp_path / "t.jsonl", f'{{"text": "{BODY}"}}\n{{broken\n\n[1, 2]\n{{"text": "{BODY} Again."}}\n')
    corpus = load_corpus(tmp_path / "t.jsonl", errors="skip", outlet="A")
    assert corpus.articles[["article_id", "source"]].values.tolist() == [["t-1", "t.jsonl#line=1"],
                                                                      ["t-5", "t.jsonl#line=5"]]
    assert corpus.load_log[["path", "status", "reason"]].values.tolist() == [
        ["t.jsonl#line=2", "skipped", "not valid JSON (Expecting property name enclosed in double quotes, character 2)"],
        ["t.jsonl#line=4", "skipped", "a JSON list, not an object with a text field"],
        ["t.jsonl#line=1", "loaded", ""], ["t.jsonl#line=5", "loaded", ""]]
    with pytest.raises(InputError, match=r"^t.jsonl#line=2: not valid JSON \(Expecting property name"):
        load_corpus(tmp_path / "t.jsonl")


def test_a_malformed_csv_line_is_skipped_by_line_number(tmp_path):
    write(tmp_path / "t.csv", f'text,outlet\n"{BODY}",A\n"{BODY} More.",B,extra\n"{BODY} Again.",C\n')
    corpus = load_corpus(tmp_path / "t.csv", errors="skip")
    assert corpus.articles["outlet"].tolist() == ["A", "C"]
    assert corpus.load_log.loc[0].tolist()[:3] == ["t.csv#line=3", "skipped", "malformed CSV line: expected 2 fields, saw 3"]
    with pytest.raises(InputError, match=r"^t.csv#line=3: malformed CSV line: expected 2 fields, saw 3$"):
        load_corpus(tmp_path / "t.csv")


def test_parquet_text_of_the_wrong_type_is_named(tmp_path):
    pd.DataFrame({"text": [5, 7]}).to_parquet(tmp_path / "ints.parquet")
    with pytest.raises(InputError, match=r"ints.parquet#row=1: text is of type int \(5\), not a string: is the text "
                                         r"column mapped to the right column\?"):
        load_corpus(tmp_path / "ints.parquet")
    pd.DataFrame({"text": [BODY.encode(), CURLY.encode("utf-16")]}).to_parquet(tmp_path / "bytes.parquet")
    corpus = load_corpus(tmp_path / "bytes.parquet", outlet="A")
    assert corpus.articles["text"].tolist() == [BODY, STRAIGHT]
    assert corpus.load_log["reason"].tolist() == ["text stored as bytes, decoded as utf-8",
                                                  "text stored as bytes, decoded as utf-16"]


def test_symbolic_links_are_all_accounted_for(tmp_path):
    articles = tmp_path / "elsewhere"
    write(articles / "linked.txt", BODY)
    corpus_dir = tmp_path / "corpus"
    write(corpus_dir / "a.txt", BODY + " A.")
    (corpus_dir / "dangling.txt").symlink_to(tmp_path / "gone.txt")
    (corpus_dir / "loop.txt").symlink_to(corpus_dir / "loop.txt")
    (corpus_dir / "folder").symlink_to(articles)
    (corpus_dir / "again.txt").symlink_to(corpus_dir / "a.txt")
    (corpus_dir / "sub").mkdir()
    (corpus_dir / "sub" / "up").symlink_to(corpus_dir)
    corpus = load_corpus(corpus_dir, errors="skip", outlet="A")
    assert corpus.articles["article_id"].tolist() == ["a", "folder/linked"]
    assert sorted(corpus.load_log[["path", "status", "reason"]].values.tolist()) == [
        ["a.txt", "loaded", ""],
        ["again.txt", "ignored", "same file as a.txt, already read (symbolic link)"],
        ["dangling.txt", "skipped", f"broken symbolic link (to {tmp_path / 'gone.txt'}, which does not exist)"],
        ["folder", "followed", f"symbolic link to the folder {articles.resolve()}"],
        ["folder/linked.txt", "loaded", ""],
        ["loop.txt", "skipped", "symbolic link loop"],
        ["sub/up", "ignored", "symbolic link to a folder that holds it (a loop), not followed"]]
    with pytest.raises(InputError, match="dangling.txt: broken symbolic link"):
        load_corpus(corpus_dir)


def test_hidden_paths_are_logged_as_ignored(tmp_path):
    write(tmp_path / "a.txt", BODY)
    write(tmp_path / ".DS_Store", "junk")
    write(tmp_path / ".git" / "config", "junk")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        corpus = load_corpus(tmp_path, outlet="A")
    assert corpus.load_log[["path", "status", "reason"]].values.tolist() == [
        [".DS_Store", "ignored", "hidden file"], [".git", "ignored", "hidden folder, not read"], ["a.txt", "loaded", ""]]


_UNREADABLE = """
import json, sys, warnings
warnings.simplefilter("ignore")
from toolkit import load_corpus, InputError
folder = sys.argv[1]
log = load_corpus(folder, errors="skip", outlet="A").load_log
try:
    load_corpus(folder, outlet="A")
    raised = ""
except InputError as error:
    raised = str(error)
print(json.dumps({"log": log[["path", "status", "reason"]].values.tolist(), "raised": raised}))
"""


def test_unreadable_files_and_folders_are_recorded_skips():
    """Root reads everything: as root, the check runs without the capabilities that override file
    permissions (util-linux's setpriv), so that permissions apply as for any user."""
    import json
    import os
    import subprocess
    import sys
    import tempfile

    root = Path(tempfile.mkdtemp(prefix="unreadable-"))
    try:
        folder = root / "corpus"
        write(folder / "a.txt", BODY)
        write(folder / "secret.txt", BODY + " Secret.")
        write(folder / "locked" / "b.txt", BODY + " Locked.")
        for path in (root, folder):
            path.chmod(0o755)
        (folder / "a.txt").chmod(0o644)
        (folder / "secret.txt").chmod(0o000)
        (folder / "locked").chmod(0o000)
        unprivileged = []
        if os.geteuid() == 0:
            if shutil.which("setpriv") is None:
                pytest.skip("running as root without util-linux's setpriv: permissions cannot be made to apply")
            caps = "-dac_override,-dac_read_search"
            unprivileged = ["setpriv", f"--inh-caps={caps}", f"--bounding-set={caps}"]
        result = subprocess.run([*unprivileged, sys.executable, "-c", _UNREADABLE, str(folder)], capture_output=True,
                                text=True, cwd=root, timeout=120)
        assert result.returncode == 0, result.stderr[-3000:]
        outcome = json.loads(result.stdout.splitlines()[-1])
        assert outcome["log"] == [["locked", "skipped", "cannot read the folder (Permission denied)"],
                                  ["secret.txt", "skipped", "cannot read the file (Permission denied)"],
                                  ["a.txt", "loaded", ""]]
        assert outcome["raised"] == "locked: cannot read the folder (Permission denied)"
    finally:
        for path in root.rglob("*"):
            if not path.is_symlink():
                path.chmod(0o777)
        shutil.rmtree(root)


def test_the_event_column_from_a_table_a_manifest_and_a_header(tmp_path):
    write(tmp_path / "t.csv", f'text,outlet,event\n"{BODY}",A,strike\n"{BODY} Again.",B,\n')
    assert load_articles(tmp_path / "t.csv")["event"].fillna("(none)").tolist() == ["strike", "(none)"]
    write(tmp_path / "files" / "a.txt", f"event: storm\n{BODY}")
    write(tmp_path / "files" / "b.txt", BODY + " Other.")
    write(tmp_path / "files" / "manifest.csv", "file,outlet,event\na.txt,A,\nb.txt,B,storm\n")
    articles = load_articles(tmp_path / "files")
    assert articles[["article_id", "event"]].values.tolist() == [["a", "storm"], ["b", "storm"]]
    write(tmp_path / "bad" / "a.txt", BODY)
    write(tmp_path / "bad" / "manifest.csv", "file,outlet,events\na.txt,A,storm\n")
    with pytest.raises(InputError, match="unknown column\\(s\\) events; expected file, notes, outlet, published, "
                                         "title, url, author, event"):
        load_articles(tmp_path / "bad")


# --- loading in pieces (what analyze_partitioned uses) ------------------------------------

def test_list_inputs_lists_without_reading_and_logs_what_it_leaves(tmp_path):
    from toolkit.loading.corpus import list_inputs
    write(tmp_path / "a.txt", BODY)
    write(tmp_path / "sub" / "b.xyz", "not an article")
    write(tmp_path / ".hidden.txt", BODY)
    write(tmp_path / "manifest.csv", "file,outlet\na.txt,Daily\nmissing.txt,Weekly\n")
    files, log, manifest = list_inputs([tmp_path, tmp_path / "nope"])
    assert [(name, notes) for _, name, notes in files] == [("a.txt", []), ("sub/b.xyz", [])]
    assert log[["path", "status", "reason"]].values.tolist() == [
        [".hidden.txt", "ignored", "hidden file"],
        [str(tmp_path / "nope"), "skipped", "no such file or folder"],
        [f"{tmp_path / 'manifest.csv'}: missing.txt", "skipped", "manifest row matches no file"]]
    assert manifest == (str(tmp_path / "manifest.csv"), {"a.txt": {"outlet": "Daily"}})


def test_load_files_in_pieces_gives_the_articles_of_load_corpus(tmp_path):
    from toolkit.loading.corpus import list_inputs, load_files
    for name, outlet in [("a.txt", "Daily"), ("b.txt", "Weekly"), ("c/d.txt", "Daily")]:
        write(tmp_path / name, f"{BODY} {name}")
    write(tmp_path / "manifest.csv", "file,outlet\na.txt,Daily\nb.txt,Weekly\nc/d.txt,Daily\n")
    files, _, manifest = list_inputs(tmp_path)
    pieces = [load_files(files[:2], manifest=manifest), load_files(files[2:], manifest=manifest)]
    whole = load_corpus(tmp_path)
    joined = pd.concat([p.articles for p in pieces], ignore_index=True)
    pd.testing.assert_frame_equal(joined, whole.articles)
    assert joined[["article_id", "outlet"]].values.tolist() == [["a", "Daily"], ["b", "Weekly"], ["c/d", "Daily"]]


def test_load_files_names_a_missing_or_unsupported_file_or_logs_it(tmp_path):
    from toolkit.loading.corpus import load_files
    write(tmp_path / "b.xyz", BODY)
    with pytest.raises(InputError, match=r"^gone: cannot read the file \(No such file or directory\)"):
        load_files([(tmp_path / "gone.txt", "gone", [])])
    with pytest.raises(InputError, match=r"^b: unsupported file type '\.xyz'"):
        load_files([(tmp_path / "b.xyz", "b", [])])
    corpus = load_files([(tmp_path / "gone.txt", "gone", []), (tmp_path / "b.xyz", "b", [])], errors="skip")
    assert corpus.articles.empty
    assert corpus.load_log[["path", "status"]].values.tolist() == [["gone", "skipped"], ["b", "skipped"]]


def test_load_rows_numbers_rows_as_in_the_whole_table_and_logs_bad_ones():
    from toolkit.loading.corpus import load_rows
    rows = pd.DataFrame({"text": [BODY, "", None, 5], "outlet": ["Daily"] * 4})
    corpus = load_rows(rows, name="news.parquet", prefix="news", first_row=101, errors="skip")
    assert corpus.articles["article_id"].tolist() == ["news-101"]
    assert corpus.load_log[["path", "status", "reason"]].values.tolist() == [
        ["news.parquet#row=102", "skipped", "empty text"],
        ["news.parquet#row=103", "skipped", "empty text"],
        ["news.parquet#row=104", "skipped",
         "text is of type int (5), not a string: is the text column mapped to the right column?"],
        ["news.parquet#row=101", "loaded", ""]]


@pytest.mark.parametrize("call, error, message", [
    (lambda f: f(pd.DataFrame({"words": [BODY]}), name="t"), InputError, r"t has no text column"),
    (lambda f: f(pd.DataFrame({"text": [BODY]}), name="t", errors="ignore"), ValueError, r"errors='ignore' is not valid"),
    (lambda f: f(pd.DataFrame({"text": [BODY]}), name="t", first_row=0), ValueError, r"first_row=0 is not a row number"),
    (lambda f: f(pd.DataFrame({"text": [BODY]}), name="t", first_row=1.5), ValueError, r"first_row=1.5 is not"),
    (lambda f: f([BODY], name="t"), TypeError, r"needs a pandas DataFrame of articles, not list"),
])
def test_load_rows_bad_input_is_named(call, error, message):
    from toolkit.loading.corpus import load_rows
    with pytest.raises(error, match=message):
        call(load_rows)


# --- issue 23: nothing lost silently on the way in --------------------------------------------

ROWS = [{"id": "nyt-17", "source": "NYT", "date": "2025-12-04", "headline": "Talks end", "link": "https://nyt.test/a",
         "body": BODY},
        {"id": "ap-3", "source": "AP", "date": "2025-12-05", "headline": "Talks go on", "link": "https://ap.test/b",
         "body": BODY.replace("Miami", "Geneva")}]


@pytest.mark.parametrize("kind", ["jsonl", "csv", "parquet"])
def test_common_column_names_are_read(tmp_path, kind):
    """`date`, `id`, `source`, `headline`, `link` and `body` were dropped: every article undated, ids line numbers."""
    frame = pd.DataFrame(ROWS)
    path = tmp_path / f"t.{kind}"
    {"jsonl": lambda: frame.to_json(path, orient="records", lines=True), "csv": lambda: frame.to_csv(path, index=False),
     "parquet": lambda: frame.to_parquet(path)}[kind]()
    corpus = load_corpus(path)
    articles = corpus.articles
    assert articles[["article_id", "outlet", "title", "url"]].values.tolist() == [
        ["nyt-17", "NYT", "Talks end", "https://nyt.test/a"], ["ap-3", "AP", "Talks go on", "https://ap.test/b"]]
    assert articles["published"].tolist() == [pd.Timestamp("2025-12-04"), pd.Timestamp("2025-12-05")]
    assert corpus.load_log.loc[0, "reason"] == ("columns read: body as text, id as article_id, source as outlet, "
                                                "date as published, headline as title, link as url")


@pytest.mark.parametrize("column", ["date", "published_at", "pubdate", "datetime", "timestamp", "publishedAt",
                                    "Published At", "DATE"])
def test_every_common_name_of_the_date_is_read(column):
    articles = load_articles(pd.DataFrame({"text": [BODY], column: ["2025-12-04T10:00:00Z"]}))
    assert articles.loc[0, "published"] == pd.Timestamp("2025-12-04 10:00:00")


def test_a_unix_timestamp_is_read_as_a_date():
    corpus = load_corpus(pd.DataFrame({"text": [BODY, BODY + " Later."], "timestamp": [1764842400, 1764842400000]}))
    assert corpus.articles["published"].tolist() == [pd.Timestamp("2025-12-04 10:00:00")] * 2
    assert "date 1764842400 read as seconds since 1970 (UTC)" in corpus.load_log.loc[0, "reason"]


def test_the_preferred_name_wins_and_unread_columns_are_logged():
    corpus = load_corpus(pd.DataFrame({"text": [BODY], "body": ["Other."], "published": ["2025-12-04"],
                                       "date": ["2020-01-01"], "bias": ["left"]}))
    assert corpus.articles.loc[0, ["text", "published"]].tolist() == [BODY, pd.Timestamp("2025-12-04")]
    assert corpus.load_log.loc[0, "reason"] == "columns not read: body, date, bias; outlet inferred: unknown"


def test_newsapi_records_are_read():
    """NewsAPI gives "source": {"id": ..., "name": ...}, "publishedAt" and "content"."""
    articles = load_articles(pd.DataFrame([{"source": {"id": None, "name": "BBC News"}, "author": ["A. B.", "C. D."],
                                            "publishedAt": "2025-12-04T10:00:00Z", "content": BODY}]))
    assert articles.loc[0, ["outlet", "author", "published"]].tolist() == [
        "BBC News", "A. B., C. D.", pd.Timestamp("2025-12-04 10:00:00")]


def test_an_explicit_mapping_still_wins_and_a_missing_one_is_named(tmp_path):
    frame = pd.DataFrame({"text": ["Short."], "story": [BODY], "date": ["2025-12-04"], "day": ["2025-12-06"]})
    articles = load_articles(frame, columns={"text": "story", "published": "day"})
    assert articles.loc[0, ["text", "published"]].tolist() == [BODY, pd.Timestamp("2025-12-06")]
    with pytest.raises(InputError, match=r"lacks the column\(s\) 'paper' \(for outlet\)"):
        load_articles(frame, columns={"outlet": "paper"})


def test_duplicate_ids_from_an_id_column_are_named_with_the_first(tmp_path):
    write(tmp_path / "t.jsonl", f'{{"id": 1, "text": "{BODY}"}}\n{{"id": 1, "text": "{BODY} Two."}}\n')
    with pytest.raises(InputError, match=r"t.jsonl#line=2: duplicate article_id '1', already the id of "
                                         r"t.jsonl#line=1: each article needs an id of its own"):
        load_corpus(tmp_path / "t.jsonl")
    corpus = load_corpus(tmp_path / "t.jsonl", errors="skip")
    assert corpus.articles["article_id"].tolist() == ["1"]
    assert corpus.load_log["status"].tolist() == ["loaded", "skipped"]


def test_outlets_that_differ_in_case_spacing_or_unicode_are_one():
    outlets = ["nyt", "NYT", "NYT", "AP", "AP ", "\uff21\uff30", "AP", "Reuters"]
    corpus = load_corpus(pd.DataFrame({"text": [f"{BODY} Story {i}." for i in range(8)], "outlet": outlets}))
    assert corpus.articles["outlet"].tolist() == ["NYT", "NYT", "NYT", "AP", "AP", "AP", "AP", "Reuters"]
    assert corpus.cleaning_log.empty
    assert corpus.load_log["reason"].tolist()[:3] == [
        "outlet 'nyt' read as 'NYT' (the same name but for letter case, spacing or Unicode form; the most frequent "
        "spelling is kept)", "", ""]
    assert corpus.load_log.loc[5, "reason"].startswith("outlet '\uff21\uff30' read as 'AP'")


def test_the_cleaning_log_carries_the_merged_outlet(tmp_path):
    write(tmp_path / "a.txt", f"outlet: Herald\n\nSkip to main content\n{BODY}")
    write(tmp_path / "b.txt", f"outlet: HERALD \n\n{BODY} More.")
    write(tmp_path / "c.txt", f"outlet: Herald\n\n{BODY} Again.")
    corpus = load_corpus(tmp_path)
    assert corpus.articles["outlet"].tolist() == ["Herald"] * 3
    assert set(corpus.cleaning_log["outlet"]) == {"Herald"}


def test_a_header_ends_at_a_dashed_line(tmp_path):
    """The `---` under the header became sentence 0 of all 18 excerpts: every lead was `---`."""
    write(tmp_path / "a.txt", f"title: Talks end\noutlet: Herald\npublished: 2025-12-04\nurl: https://h.test/a\n---\n{BODY}\n")
    corpus = load_corpus(tmp_path)
    assert corpus.articles.loc[0, ["title", "outlet", "text"]].tolist() == ["Talks end", "Herald", BODY]
    assert corpus.cleaning_log[["line", "text", "reason"]].values.tolist()[-1] == [5, "---", "metadata header (end)"]


@pytest.mark.parametrize("text, body", [
    ("---\ntitle: T\n---\n\nBody.", "\n\n\n\nBody."),               # YAML front matter
    ("title: T\n\n---\nBody.", "\n\n\nBody."),                       # blank line, then the separator
    ("title: T\n\nurl: https://x.test\nBody.", "\n\nurl: https://x.test\nBody."),   # a blank line ends the header
    ("---\nNo header here.", "---\nNo header here."),
])
def test_parse_header_separators(text, body):
    assert parse_header(text)[1] == body


def test_analyze_warns_about_missing_dates_and_outlets(tmp_path):
    import toolkit
    frame = pd.DataFrame({"text": [BODY, BODY + " Two.", BODY + " Three."], "url": ["https://www.nyt.test/a",
                                                                                 "https://mobile.nyt.test/b", None]})
    with pytest.warns(UserWarning) as caught:
        toolkit.analyze(frame)
    messages = [str(w.message) for w in caught]
    assert messages[0].startswith("No article has a publication date: events are grouped by their words alone "
                                  "(unless an 'event' column gives them), with no time window")
    assert "a column named 'published', 'date', 'published_at', 'pubdate', 'datetime' or 'timestamp'" in messages[0]
    assert messages[1].startswith("3 of 3 articles do not name their outlet: 2 take the domain of their URL as outlet "
                                  "(nyt.test: 1, mobile.nyt.test: 1) and 1 are 'unknown'. Each domain counts as an "
                                  "outlet of its own")
    dated = frame.assign(published=["2025-12-04", None, None], outlet=["nyt", "NYT", "NYT"])
    with pytest.warns(UserWarning) as caught:
        study = toolkit.analyze(dated)
    from toolkit.loading.corpus import load_warnings
    assert load_warnings(study) == [str(w.message) for w in caught]     # a study (or a saved one) gives them too
    assert [str(w.message)[:70] for w in caught] == [
        "2 of 3 articles have no publication date (for example row-2, row-3): t",
        "Outlet names that differ only in letter case, spacing or Unicode form "]


def test_a_complete_corpus_gives_no_load_warning(sample_corpus):
    from toolkit.loading.corpus import load_warnings
    assert load_warnings(sample_corpus) == []


def test_the_command_line_prints_the_load_warnings(tmp_path, capsys, monkeypatch):
    import toolkit.report.build
    from toolkit.__main__ import main
    from toolkit.study import analyze

    def analyze_only(source, out, **options):
        analyze(source, progress=options["progress"])
        return out
    monkeypatch.setattr(toolkit.corpus_report, "build_report", analyze_only)
    pd.DataFrame({"text": [BODY], "outlet": ["Herald"]}).to_csv(tmp_path / "t.csv", index=False)
    assert main(["report", str(tmp_path / "t.csv"), "--out", str(tmp_path / "r.html"), "--quiet"]) == 0
    assert capsys.readouterr().err.startswith("warning: No article has a publication date: events are grouped")


def test_the_docs_list_the_column_names_read():
    """Getting started (docs/getting-started.md) lists every field's column names, in the loader's order."""
    from toolkit.loading.corpus import COLUMN_NAMES
    page = (Path(__file__).parents[1] / "docs" / "getting-started.md").read_text(encoding="utf-8")
    rows = [line for line in page.splitlines() if line.startswith("| `")]
    assert rows == [f"| `{field}` | {', '.join(names)} |" for field, names in COLUMN_NAMES.items()]


def test_a_tie_between_spellings_keeps_mixed_case_or_an_acronym():
    from toolkit.loading.corpus import outlet_spellings
    assert outlet_spellings(["NEW YORK TIMES", "New York Times", "nyt", "NYT", "fox news", "Fox\u200bNews"]) == {
        "NEW YORK TIMES": "New York Times", "nyt": "NYT", "Fox\u200bNews": "fox news"}


def test_a_folder_readme_is_ignored_and_logged(tmp_path):
    write(tmp_path / "a.txt", BODY)
    write(tmp_path / "README.md", "# What these files are\n")
    write(tmp_path / "sub" / "LICENSE", "CC BY 4.0\n")
    corpus = load_corpus(tmp_path)
    assert corpus.articles["article_id"].tolist() == ["a"]
    assert corpus.load_log[["path", "status"]].values.tolist() == [
        ["README.md", "ignored"], ["sub/LICENSE", "ignored"], ["a.txt", "loaded"]]
    with pytest.raises(InputError, match="unsupported file type '.md'"):     # named on its own, it is an error
        load_corpus(tmp_path / "README.md")


def test_any_markdown_file_of_a_folder_is_ignored_not_only_a_readme(tmp_path):
    """A corpus folder's SOURCES.md or notes.rst (the final project's list of sources) is documentation."""
    write(tmp_path / "a.txt", BODY)
    write(tmp_path / "SOURCES.md", "# Sources and licences\n")
    write(tmp_path / "sub" / "notes.rst", "Notes\n")
    corpus = load_corpus(tmp_path)
    assert corpus.articles["article_id"].tolist() == ["a"]
    assert sorted(corpus.load_log[["path", "status"]].values.tolist()) == [
        ["SOURCES.md", "ignored"], ["a.txt", "loaded"], ["sub/notes.rst", "ignored"]]


def test_outlets_under_a_short_and_a_long_name_are_named_in_a_warning():
    """BASIL spells some outlets "FOX", "NYT", "HPO" and others "Fox News", "New York Times", "HuffPost":
    read as six outlets, an outlet seemed to leave out facts it reported under its other name."""
    from toolkit.loading.corpus import load_warnings
    outlets = ["FOX", "Fox News", "NYT", "The New York Times", "HPO", "HuffPost", "AP", "AFP", "RT", "Reuters"]
    corpus = load_corpus(pd.DataFrame({"text": [f"{BODY} Story {i}." for i in range(10)], "outlet": outlets,
                                       "date": ["2025-12-04"] * 10}))
    assert corpus.articles["outlet"].tolist() == outlets          # warned, never merged
    assert load_warnings(corpus) == [
        "Some outlet names may be one outlet under a short and a long name: 'FOX' and 'Fox News', 'HPO' and "
        "'HuffPost', 'NYT' and 'The New York Times'. They are compared as different outlets (an event may then seem "
        "to have two reports of one outlet, and an outlet may seem to leave out what it reported under its other "
        "name). If they are one, give them one name (e.g. articles.replace({'outlet': {'NYT': 'New York Times'}}) "
        "before toolkit.analyze)."]


def test_bidirectional_controls_are_removed_from_the_text_and_the_names_with_a_note():
    """Issue 24: right-to-left overrides (U+202E) and isolates in an outlet, a title or the text reached the HTML
    and showed a name reordered."""
    corpus = load_corpus(pd.DataFrame({"text": [f"{BODY} Kevin \u202eyhtraCcM\u202c and \u2066Kyiv\u2069."],
                                       "outlet": ["Fox\u202eswen\u202c"], "title": ["\u2067Kyiv\u2069 talks"]}))
    article = corpus.articles.iloc[0]
    assert (article["outlet"], article["title"]) == ("Foxswen", "Kyiv talks")
    assert article["text"].endswith("Kevin yhtraCcM and Kyiv.")
    assert corpus.load_log["reason"].tolist() == [
        "2 invisible character(s) removed from the outlet 'Fox\\u202eswen\\u202c' (zero-width, soft hyphen or "
        "bidirectional control); 2 invisible character(s) removed from the title '\\u2067Kyiv\\u2069 talks' "
        "(zero-width, soft hyphen or bidirectional control)"]


@pytest.mark.parametrize("line, where, problem", [
    ('"broken"x,B', "line=3", "text after a closing quote mark (a quote mark inside a field must be doubled)"),
    ('"broken,B,extra,x', "lines=3-4", "text after a closing quote mark (a quote mark inside a field must be doubled) "
                                       "(a quote mark left open joined lines 3 to 4 into one record)"),
])
def test_a_malformed_quoted_csv_line_is_skipped_with_the_lines_it_spans(tmp_path, line, where, problem):
    """Issue 24: "broken"x was loaded as the article "brokenx"; an unclosed quote swallowed the next article."""
    write(tmp_path / "t.csv", f'text,outlet\n"{BODY}",A\n{line}\n"{BODY} Two.",C\n"{BODY} Three.",D\n')
    corpus = load_corpus(tmp_path / "t.csv", errors="skip")
    kept = ["A", "C", "D"] if where == "line=3" else ["A", "D"]
    assert corpus.articles["outlet"].tolist() == kept
    assert corpus.load_log.loc[0].tolist()[:3] == [f"t.csv#{where}", "skipped", f"malformed CSV line: {problem}"]
    with pytest.raises(InputError, match=rf"^t.csv#{where}: malformed CSV line: text after a closing quote"):
        load_corpus(tmp_path / "t.csv")


def test_a_quote_never_closed_is_skipped_and_the_rows_before_it_kept(tmp_path):
    """Issue 24: an unclosed quote on the last line made the whole file 'not a valid CSV table'."""
    write(tmp_path / "t.csv", f'text,outlet\n"{BODY}",A\n"broken,B,extra,x\n')
    corpus = load_corpus(tmp_path / "t.csv", errors="skip")
    assert corpus.articles["outlet"].tolist() == ["A"]
    assert corpus.load_log.loc[0].tolist()[:3] == [
        "t.csv#line=3", "skipped",
        "malformed CSV line: a quote mark opened here is never closed (the field runs to the end of the file)"]
    write(tmp_path / "h.tsv", f'text\t"outlet\n"{BODY}"\tA\n')
    with pytest.raises(InputError, match=r"^h.tsv is not a valid TSV table: its header \(line 1\) is malformed: text "
                                         r"after a closing quote mark"):
        load_corpus(tmp_path / "h.tsv")


def test_a_reports_own_output_inside_the_folder_it_reads_is_left_out(tmp_path):
    """Issue 24: a report written into its input folder read its own tables as inputs on the next run."""
    from toolkit.report.build import check_output
    write(tmp_path / "corpus" / "a.txt", BODY)
    tables = tmp_path / "corpus" / "r-tables"
    write(tables / "articles.csv", f"text\n{BODY} Old.\n")
    write(tables / "study.json", "{}")
    write(tmp_path / "corpus" / "r.html", "<html></html>")
    corpus = load_corpus(tmp_path / "corpus", errors="skip", exclude=check_output(tmp_path / "corpus" / "r.html"))
    assert corpus.articles["source"].tolist() == ["a.txt"]
    assert corpus.load_log[["path", "status", "reason"]].values.tolist() == [
        ["r-tables", "ignored", "written by this run (its output), not an input"],
        ["r.html", "ignored", "written by this run (its output), not an input"],
        ["a.txt", "loaded", "outlet inferred: unknown"]]


def test_a_pipe_is_not_a_regular_file(tmp_path):
    """Issue 24: a FIFO given as the source was called "no such file or folder"."""
    os.mkfifo(tmp_path / "pipe.csv")
    with pytest.raises(InputError, match=r"pipe.csv: not a regular file \(a pipe, socket or device\)$"):
        load_corpus(tmp_path / "pipe.csv")


def test_a_parquet_file_that_expands_beyond_its_budget_is_refused_before_it_is_decoded(tmp_path, monkeypatch):
    """Issue 24: a 738-byte Parquet file expanded to 1 GB of text (peak 5.0 GB, 99 s)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from toolkit.loading import corpus as loader
    one = pa.array([BODY + " x" * 500_000])                     # 1 MB of text, stored once in the dictionary
    pq.write_table(pa.table({"text": pa.DictionaryArray.from_arrays(pa.array([0] * 100, pa.int32()), one)}),
                   tmp_path / "bomb.parquet", compression="zstd")
    assert (tmp_path / "bomb.parquet").stat().st_size < 2_000     # 100 MB once decoded
    with pytest.raises(InputError, match=r"^bomb.parquet: its table holds more than 64 MB once decompressed \(after "
                                         r"\d+ rows\), from a file of \d+ bytes; the budget of a table read whole is 100 "
                                         r"times its file's size and at most 1 GB: a larger corpus is analyzed in pieces"):
        load_corpus(tmp_path / "bomb.parquet")
    # one long text, not repeated: refused from the file's record of its pages, before any page is read
    pq.write_table(pa.table({"text": one, "outlet": ["A"]}), tmp_path / "long.parquet", compression="zstd")
    assert len(load_corpus(tmp_path / "long.parquet").articles) == 1
    monkeypatch.setattr(loader, "MIN_PARQUET_BUDGET", 100_000)
    monkeypatch.setattr(loader, "MAX_TABLE_BYTES", 100_000)
    with pytest.raises(InputError, match=r"^long.parquet: its table holds more than 100,000 bytes once decompressed \(after 0 rows\)"):
        load_corpus(tmp_path / "long.parquet")


def test_an_article_over_the_budget_is_skipped_and_logged(tmp_path, monkeypatch):
    """Issue 24 §2: "give each article a budget so that one pathological input is skipped and logged,
    never the end of the run"."""
    from toolkit.loading import corpus as loader

    monkeypatch.setattr(loader, "MAX_ARTICLE_CHARS", 1_000)
    write(tmp_path / "a.txt", BODY)
    write(tmp_path / "dump.txt", BODY + " More words." * 100)
    corpus = load_corpus(tmp_path, errors="skip", outlet="A")
    assert corpus.articles["article_id"].tolist() == ["a"]
    assert corpus.load_log.query("status == 'skipped'")[["path", "reason"]].values.tolist() == [[
        "dump.txt", f"{len(BODY) + 1_200:,} characters, over the budget of 1,000 for one article (a scraped dump, or "
                    "many articles in one?); to analyze it anyway, set toolkit.loading.corpus.MAX_ARTICLE_CHARS higher"]]
    with pytest.raises(InputError, match=r"^dump.txt: .* characters, over the budget of 1,000 for one article"):
        load_corpus(tmp_path, outlet="A")
