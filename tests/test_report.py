import csv
import html
import http.server
import os
import re
import shutil
import subprocess
import sys
import threading
from html.parser import HTMLParser
from pathlib import Path

import pytest

import toolkit
import toolkit.corpus_report
import toolkit.report.build
import toolkit.study
from toolkit import load_actors
from toolkit.__main__ import main

#: Minutes, not seconds: left out of `make quick` (run by `make test`).
pytestmark = pytest.mark.slow

# Payloads that would run, fetch or render as markup if the report let data through as HTML,
# Markdown or a template: each marks the page (data-pwned) or calls the local server if it runs.
PAYLOAD = "<script>document.documentElement.setAttribute('data-pwned', 'script')</script>"
IMG_PAYLOAD = "<img src=x onerror=alert(1)>"
MARKDOWN_LINK = "[x](javascript:alert(1))"
TEMPLATE = "{{7*7}} {% raw %}"
MERMAID = "```mermaid\ngraph TD; A-->B\n```"
DOLLAR_FILE, DOLLAR_OUTLET, DOLLAR_TITLE = "costs_$100_vs_$200.txt", "Ca$h_$ News", "Price $5 to $6 Daily"
OUT_NAME = "x` [a](javascript:alert(1)) <b>B<i> `.html"   # a code span closed, a link, HTML
SECTIONS = ["The corpus at a glance", "Events", "Articles and cleaning", "Coverage, omissions and leads across events",
            "The most covered events, side by side", "Actors and naming", "Who gets a voice", "Tone and stance",
            "Heroes, villains and victims", "Keyness: the words that set the outlets apart", "Frames",
            "How far to trust these figures", "Methods, settings and versions"]
ONE_OUTLET = "Only one outlet (unknown): outlets cannot be compared"
NO_COMPARABLE = "No event is reported by two or more outlets"


class _Structure(HTMLParser):
    """Tags, h1/h2 headings, and the text of the first paragraph after each h2 (its reading guide)."""

    def __init__(self):
        super().__init__()
        self.tags, self.headings, self.guides, self._in, self._guide = [], [], {}, None, None

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag in ("h1", "h2"):
            self._in = tag
        elif tag == "p" and self._guide is not None and self._guide not in self.guides:
            self.guides[self._guide] = ""

    def handle_endtag(self, tag):
        if tag == self._in:
            self._in = None
        elif tag == "p" and self._guide in self.guides:
            self._guide = None

    def handle_data(self, data):
        if self._in and data.strip() and data.strip() != "¶":
            self.headings.append((self._in, data.strip()))
            if self._in == "h2":
                self._guide = data.strip()
        elif self._guide in self.guides:
            self.guides[self._guide] += data


def _structure(report: str) -> _Structure:
    parser = _Structure()
    parser.feed(report)
    return parser


@pytest.fixture(scope="module")
def sample_report_path(tmp_path_factory, sample_path):
    out = tmp_path_factory.mktemp("report") / "sample-report.html"
    actors = sample_path.parent / "actors" / "russia-ukraine.yml"
    assert main(["report", str(sample_path), "--actors", str(actors), "--out", str(out), "--excel"]) == 0
    return out


@pytest.fixture(scope="module")
def sample_report(sample_report_path):
    return sample_report_path.read_text(encoding="utf-8")


class _Recorder(http.server.BaseHTTPRequestHandler):
    """A local web server that records every request: a report that fetches anything calls it."""

    requests: list[str] = []

    def do_GET(self):  # noqa: N802 - the name http.server expects
        self.requests.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "application/javascript")
        self.end_headers()
        self.wfile.write(b"document.documentElement.setAttribute('data-pwned', 'fetched');")

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def recorder():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}", _Recorder.requests
    server.shutdown()


@pytest.fixture(scope="module")
def hostile_folder(tmp_path_factory, recorder):
    """Payloads in the outlet, title, URL and text of a text file's header, a manifest and a CSV table."""
    base, _ = recorder
    folder = tmp_path_factory.mktemp("hostile")
    (folder / "a.txt").write_text(
        f"outlet: {MARKDOWN_LINK} {TEMPLATE}\ntitle: [t](javascript:alert(2)) <b>bold</b>\nurl: javascript:alert(3)\n"
        f"The minister said {PAYLOAD} was not acceptable, officials said on Friday. "
        "See [here](javascript:alert(4)) and <a href=\"javascript:alert(5)\">this</a>.\n")
    (folder / "b.txt").write_text(f"The talks {IMG_PAYLOAD} ended without any deal, officials said.\n")
    # issue 24: a "$" in a file name, an outlet and a title made matplotlib read mathtext and the report fail
    (folder / DOLLAR_FILE).write_text(f"outlet: {DOLLAR_OUTLET}\ntitle: {DOLLAR_TITLE}\n"
                                      "The talks ended without a deal on Friday, officials said.\n")
    (folder / "manifest.csv").write_text(f'file,outlet,title\na.txt,,\nb.txt,Evil {IMG_PAYLOAD} News,"{TEMPLATE} <i>x</i>"\n'
                                     f'{DOLLAR_FILE},,\n')
    with open(folder / "c.csv", "w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["outlet", "title", "url", "text"])
        writer.writerow([MERMAID, f'<iframe src="{base}/frame"></iframe>', f"{base}/link",
                         f'Officials said on Friday that the talks ended, as <script src="{base}/x.js"></script> '
                         f"and <img src=\"{base}/pixel.png\"> and {MERMAID} showed, officials said."])
    return folder


@pytest.fixture(scope="module")
def hostile_report_path(tmp_path_factory, hostile_folder):
    out = tmp_path_factory.mktemp("report") / OUT_NAME      # issue 24: the output's name is data too
    assert main(["report", str(hostile_folder), "--out", str(out), "--title", f"Report {PAYLOAD} {MARKDOWN_LINK}"]) == 0
    return out


@pytest.fixture(scope="module")
def hostile_report(hostile_report_path):
    return hostile_report_path.read_text(encoding="utf-8")


def test_report_sections(sample_report):
    parser = _structure(sample_report)
    assert parser.headings == [("h1", "How the outlets frame the same events")] + [("h2", s) for s in SECTIONS]
    assert all(re.search(r"\breading guide\.", parser.guides.get(s, ""), re.I) for s in SECTIONS), parser.guides
    assert "2 articles from 2 outlets (AP wire copy, Morning Star), published 2025-12-04 to 2025-12-04." in sample_report
    images = [attrs["src"] for tag, attrs in parser.tags if tag == "img"]
    # profiles, the event's coverage matrix and aligned pairs, naming grid, voices, sentence tone, arcs, actor tone,
    # keyness of each outlet, frames
    assert len(images) == 11 and all(src.startswith("data:image/png;base64,") for src in images)
    # 27 before the roles (their measured figures, the profile per outlet and actor, the evidence) and the learned
    # frames (their measured figures, the profile per outlet, the evidence); what to code next; the settings,
    # methods and cautions
    assert sum(tag == "table" for tag, _ in parser.tags) == 37
    assert sum(tag == "mark" for tag, _ in parser.tags) == 10   # evidence: 5 mentions marked per outlet
    assert "1 event, 1 of them reported by two or more outlets." in sample_report
    assert "E1: Ukraine, Russian, Ukrainian, talks · Ukraine, Russia" in sample_report
    assert "You have reached the free limit." in sample_report
    assert "paywall or subscription prompt" in sample_report
    assert "a senior Trump administration official" in sample_report
    assert "No actor dictionary was given" not in sample_report


def test_report_comparison_sections(sample_report):
    flat = re.sub(r"\s+", " ", sample_report)
    for text in ["Reported by one outlet only", "Reported by several outlets", "The aligned pairs",
                 "Dnipropetrovsk region, Ukraine, Vladyslav Haivanenko",      # evidence of an aligned pair
                 "AP wire copy against the other outlets", "Morning Star against the other outlets",
                 "Note: keyness: small texts (AP wire copy 983 words; the others 410 words; fewer than 5,000 on a side)",
                 "Keyword in context", "[Mr]",      # warning shown, kwic
                 "Coverage: share of comparable events reported", "Omissions: share of facts others report",
                 "adjusted Rand index of 0.91", "sample-report-tables/cleaning_log.csv",
                 "Attribution of responsibility", "sentence_text",
                 "TF-IDF", toolkit.compare.facts.fact_validation_text(), "same fact", "In this corpus: 61 facts",
                 "Monroe", "1.96", "Semetko", "not a validated frame classifier",
                 "Narrative Frames Corpus", "ROC AUC of 0.70 on average over the five frames",
                 "about one actor in two gets the annotators' role", "always the most common role",
                 "sample-report-tables/roles.csv", "The learned frames", "macro ROC AUC 0.76 against 0.70",
                 "sample-report-tables/learned_frames.csv"]:
        assert text in flat, text
    assert ONE_OUTLET not in flat and NO_COMPARABLE not in flat


def test_report_without_a_dictionary_finds_the_actors_and_says_so(tmp_path, sample_path):
    """Issue 11: a corpus without a dictionary gets the sections on actors, naming, voices and
    tone towards actors, built on actors found automatically and marked as such."""
    out = tmp_path / "found.html"
    assert main(["report", str(sample_path), "--out", str(out), "--quiet"]) == 0
    report = out.read_text(encoding="utf-8")
    flat = re.sub(r"\s+", " ", report)
    assert [h for tag, h in _structure(report).headings if tag == "h2"] == SECTIONS
    assert "Actors found automatically: check and edit</strong> (48 actors; the list is <code>found-tables/actors.yml" in flat
    assert "No actor dictionary was given" not in report
    found = load_actors(out.with_name("found-tables") / "actors.yml")
    assert found.name == "discovered" and found["Vladimir Putin"].aliases == ("Vladimir Putin", "Putin")
    voices = flat[flat.index(">Who gets a voice"):flat.index(">Tone and stance")]
    assert "<td>Yuri Ushakov</td>" in voices and "The actors have no sides yet" in voices
    tone = flat[flat.index(">Tone and stance"):flat.index(">Keyness")]
    assert "<td>Vladimir Putin</td>" in tone
    images = [attrs["src"] for tag, attrs in _structure(report).tags if tag == "img"]
    assert len(images) == 10      # as with the dictionary, less the voices-by-side chart
    assert not out.with_name("found-tables.xlsx").exists() and "(for an Excel workbook too, add --excel)" in flat


def test_report_without_discovery_says_there_is_no_dictionary(tmp_path):
    table = tmp_path / "tiny.csv"
    table.write_text("site,body\nA,Ann Lee said the talks ended.\nB,Ann Lee said the talks failed.\n")
    out = tmp_path / "tiny.html"
    assert main(["report", str(table), "--columns", "text=body,outlet=site", "--no-discover", "--out", str(out),
                 "--quiet"]) == 0
    assert ("No actor dictionary was given (<code>--actors</code>): the sections on actors, voices and tone towards "
            "actors are skipped.") in out.read_text(encoding="utf-8")


def test_report_is_self_contained_and_hides_code(sample_report):
    assert not re.search(r"<(script|link|img|iframe)[^>]+(src|href)=[\"']https?://", sample_report)
    assert "import toolkit" not in sample_report
    assert "Traceback" not in sample_report


def test_article_text_is_escaped(hostile_report):
    assert PAYLOAD not in hostile_report and IMG_PAYLOAD not in hostile_report
    assert "&lt;script&gt;document.documentElement.setAttribute('data-pwned', 'script')&lt;/script&gt;" in hostile_report
    assert "Evil &lt;img src=x onerror=alert(1)&gt; News" in hostile_report
    # every section ran on the hostile texts too: aligned pairs, keyness note, keyword in context
    assert [h for tag, h in _structure(hostile_report).headings if tag == "h2"] == SECTIONS
    assert "Evil &lt;img src=x onerror=alert(1)&gt; News against the other outlets" in hostile_report
    assert "Note: keyness: small texts (Evil &lt;img src=x onerror=alert(1)&gt; News 20 words" in hostile_report
    assert "See [here]([javascript]:alert(4)) and &lt;a href" in hostile_report   # keyword in context
    assert "Traceback" not in hostile_report


def test_report_shows_markdown_and_templates_from_the_data_as_text(hostile_report):
    """Issue 9, case 1: Markdown, HTML and template syntax in the data reach the page as text."""
    parser = _structure(hostile_report)
    links = [attrs.get("href", "") for tag, attrs in parser.tags if tag == "a"]
    assert links and all(link.startswith("#") for link in links), links     # only nbconvert's heading anchors
    # alt texts describe figures in words taken from the data (titles, labels): text, never a link, and escaped
    attributes = [value or "" for _, attrs in parser.tags for name, value in attrs.items() if name != "alt"]
    assert not [a for a in attributes if "javascript:" in a.lower() or "127.0.0.1" in a]
    alts = re.findall(r'\balt="([^"]*)"', hostile_report)
    assert any("javascript:" in a for a in alts) and not [a for a in alts if "<" in a or ">" in a]
    assert {tag for tag, _ in parser.tags}.isdisjoint({"script", "iframe", "i", "embed", "object"})
    assert "<b>bold</b>" not in hostile_report and "<i>x</i>" not in hostile_report
    assert not [attrs for tag, attrs in parser.tags if tag == "img" and not attrs.get("src", "").startswith("data:image/png")]
    assert "<h1>Report &lt;script&gt;" in hostile_report
    assert "[x](javascript:alert(1)) {{7*7}} {% raw %} against the other outlets" in hostile_report
    assert "&lt;b&gt;bold&lt;/b&gt;" in hostile_report and "{{7*7}} {% raw %} &lt;i&gt;x&lt;/i&gt;" in hostile_report
    assert "<em>7" not in hostile_report
    assert not [attrs for _, attrs in parser.tags if "mermaid" in attrs.get("class", "").lower()]


def test_report_loads_nothing_from_the_network(hostile_report, sample_report):
    """Issue 9, case 2: no script at all (nbconvert's mermaid and MathJax loaders are removed), and a
    Content-Security-Policy that forbids any fetch but embedded images."""
    for page in (hostile_report, sample_report):
        tags = _structure(page).tags
        assert {tag for tag, _ in tags}.isdisjoint({"script", "link", "iframe", "embed", "object"})
        assert not [value for _, attrs in tags for name, value in attrs.items()
                    if name in ("src", "href") and not (value or "").startswith(("#", "data:image/png;base64,"))]
        assert "import(" not in page
        head = page[:page.index("</head>")]
        assert re.search(r"<head>\s*<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                         r"img-src data:; style-src 'unsafe-inline'; font-src data:\">", head), head[:300]


def test_report_of_one_outlet_says_there_is_nothing_to_compare(tmp_path, sample_path):
    out = tmp_path / "one.html"
    actors = sample_path.parent / "actors" / "russia-ukraine.yml"
    assert main(["report", str(sample_path / "002_4cb80e3135c7eb75.txt"), "--actors", str(actors),
                 "--out", str(out)]) == 0
    report = out.read_text(encoding="utf-8")
    parser = _structure(report)
    assert parser.headings == [("h1", "How the outlets frame the same events")] + [("h2", s) for s in SECTIONS]
    assert "1 article from 1 outlet (unknown), published 2025-12-04 to 2025-12-04." in report
    glance, profiles, keyness, frames = (report.index(f">{s}<") for s in (SECTIONS[0], SECTIONS[3], *SECTIONS[-4:-2]))
    assert glance < report.index(ONE_OUTLET) < profiles < report.index(NO_COMPARABLE, profiles) < keyness
    assert keyness < report.index("Only one outlet: there is nothing to compare.", keyness) < frames
    assert all(re.search(r"\breading guide\.", parser.guides.get(s, ""), re.I) for s in SECTIONS)
    assert "<img" in report[frames:] and "Conflict" in report[frames:] and "sentence_text" in report[frames:]
    assert "Reported by one outlet only" not in report and "Keyword in context" not in report
    assert "<h3>E1: " not in report       # no event side by side (the arcs name the event in their title)
    assert "Traceback" not in report


def _chromium(args, timeout=120):
    """Run headless Chromium (Debian's package) with a throw-away profile; return the completed process."""
    return subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                           "--disable-background-networking", "--disable-component-update", "--disable-sync",
                           *args], capture_output=True, text=True, timeout=timeout)


NO_CHROMIUM = pytest.mark.skipif(shutil.which("chromium") is None,
                                 reason="chromium is not installed (Debian: apt-get install chromium); the report "
                                        "is not rendered in a real browser")


@NO_CHROMIUM
def test_report_renders_in_chromium(sample_report_path, tmp_path):
    uri = Path(sample_report_path).resolve().as_uri()
    result = _chromium([f"--user-data-dir={tmp_path / 'profile'}", "--enable-logging=stderr", "--v=0",
                        "--dump-dom", uri])
    assert result.returncode == 0, result.stderr[-2000:]
    dom = result.stdout
    for section in SECTIONS:
        assert re.search(r"<h2[^>]*>" + re.escape(section), dom), section
    assert len(re.findall(r"<img\b[^>]*\bsrc=\"data:image/png;base64,", dom)) >= 1
    errors = [line for line in result.stderr.splitlines() if "Uncaught" in line]
    assert not errors, errors


def test_executed_notebook_is_kept_beside_the_report(tmp_path, sample_path):
    out = tmp_path / "r.html"
    main(["report", str(sample_path), "--out", str(out)])
    assert out.with_suffix(".ipynb").is_file()


def test_missing_source_is_a_clear_error(tmp_path, capsys, sample_path):
    assert main(["report", str(tmp_path / "nothing"), "--out", str(tmp_path / "r.html")]) == 2
    assert "error: no such file or folder:" in capsys.readouterr().err
    assert main(["report", str(sample_path), "--actors", str(tmp_path / "none.yml"), "--out", str(tmp_path / "r.html")]) == 2
    assert "error: no such actor dictionary:" in capsys.readouterr().err


def test_cli_bad_columns_option(capsys, sample_path):
    with pytest.raises(SystemExit) as caught:
        main(["report", str(sample_path), "--out", "x.html", "--columns", "text:body"])
    assert caught.value.code == 2
    assert "argument --columns: 'text:body' is not field=column (for example text=body)" in capsys.readouterr().err


def test_cli_usage_error():
    result = subprocess.run([sys.executable, "-m", "toolkit", "report"], capture_output=True, text=True)
    assert result.returncode == 2
    assert "the following arguments are required: source, --out" in result.stderr


@NO_CHROMIUM
def test_hostile_report_runs_nothing_and_fetches_nothing_in_chromium(hostile_report_path, recorder, tmp_path):
    """Issue 9, case 3, in a real browser: no payload runs, nothing is fetched from the local server."""
    _, requests = recorder
    result = _chromium([f"--user-data-dir={tmp_path / 'profile'}", "--enable-logging=stderr", "--v=0",
                        "--virtual-time-budget=3000", "--dump-dom", hostile_report_path.resolve().as_uri()])
    assert result.returncode == 0, result.stderr[-2000:]
    dom = result.stdout
    assert [h for h in SECTIONS if not re.search(r"<h2[^>]*>" + re.escape(h), dom)] == []
    assert not re.search(r"<html[^>]*data-pwned", dom) and "<script" not in dom.lower()
    assert not re.search(r"<a\b[^>]*href=\"javascript:", dom, re.I)
    assert "Evil &lt;img src=x onerror=alert(1)&gt; News" in dom
    assert requests == []


def test_report_of_a_tiny_corpus_renders_and_says_what_it_could_not_compute(tmp_path):
    """Issue 9, case 10: two one-sentence files; keyness has no word used three times."""
    table = tmp_path / "tiny.csv"       # a table with other column names, mapped with --columns
    table.write_text("site,body\nA,The talks ended.\nB,The talks failed.\n")
    out = tmp_path / "tiny.html"
    assert main(["report", str(table), "--columns", "text=body,outlet=site", "--out", str(out), "--quiet"]) == 0
    report = out.read_text(encoding="utf-8")
    assert [h for tag, h in _structure(report).headings if tag == "h2"] == SECTIONS
    keyness = report[report.index(">Keyness"):report.index(">Frames<")]
    assert keyness.count("No word is used often enough (three times) to be compared.") == 2
    assert "A against the other outlets" in keyness and "Keyword in context" not in keyness
    assert "The talks ended." in report and "Traceback" not in report


def test_cli_prints_one_line_when_no_article_can_be_loaded(tmp_path, capsys):
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "empty.txt").write_text("   \n")
    assert main(["report", str(tmp_path / "corpus"), "--out", str(tmp_path / "r.html"), "--quiet"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert re.fullmatch(r"error: no article could be loaded from .*corpus: empty.txt: is empty\n", err), err


def test_cli_names_the_section_that_failed(tmp_path, capsys, monkeypatch, sample_path):
    import nbformat

    template = tmp_path / "template.ipynb"
    metadata = nbformat.read(toolkit.report.build.template_path(), as_version=4).metadata
    notebook = nbformat.v4.new_notebook(metadata=metadata, cells=[
        nbformat.v4.new_code_cell("study_path = None\ntables_name = None\nreport_title = ''",
                                  metadata={"tags": ["parameters"]}),
        nbformat.v4.new_markdown_cell("## First section\n\nText."), nbformat.v4.new_code_cell("1 + 1"),
        nbformat.v4.new_markdown_cell("## Second section"), nbformat.v4.new_code_cell("{}['missing']")])
    nbformat.write(notebook, template)
    monkeypatch.setattr(toolkit.report.build, "template_path", lambda: template)
    assert main(["report", str(sample_path), "--out", str(tmp_path / "r.html"), "--quiet"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: the report failed in section 'Second section': KeyError: 'missing' (the partly ")
    assert err.count("\n") == 1


def test_report_is_byte_identical_when_built_twice(sample_report_path, sample_path, tmp_path):
    """Issue 9, case 12: same input, same settings, same bytes (HTML, executed notebook and every table)."""
    tables = sample_report_path.with_name(f"{sample_report_path.stem}-tables")
    figures = sample_report_path.with_name(f"{sample_report_path.stem}-figures")
    files = [sample_report_path.with_suffix(".html"), sample_report_path.with_suffix(".ipynb"), *sorted(tables.iterdir()),
             sample_report_path.with_name(f"{tables.name}.xlsx"), *sorted(figures.iterdir())]
    # Parquet and CSV of each table, study.json, the dictionary (actors.yml); the workbook; PNG and SVG of each figure
    assert len(files) == 2 + 2 * len(toolkit.study.TABLES) + 2 + 1 + 2 * 11
    first = {path: path.read_bytes() for path in files}
    actors = sample_path.parent / "actors" / "russia-ukraine.yml"
    assert main(["report", str(sample_path), "--actors", str(actors), "--out", str(sample_report_path), "--excel"]) == 0
    for path, content in first.items():
        assert path.read_bytes() == content, path.name


def _section(report: str, heading: str) -> str:
    """The HTML of one h2 section, up to the next h2."""
    start = report.index(f">{heading}<")
    following = [report.index(f">{s}<") for s in SECTIONS if report.index(f">{s}<") > start]
    return report[start:min(following, default=len(report))]


def test_every_image_has_a_real_alt_text(sample_report):
    """Issue 23: nbconvert gave every figure the alt text "No description has been provided for this image"."""
    images = [attrs for tag, attrs in _structure(sample_report).tags if tag == "img"]
    alts = [" ".join(attrs.get("alt", "").split()) for attrs in images]
    assert len(alts) == 11 and not [a for a in alts if len(a) < 80 or "No description" in a], alts
    assert alts[0] == ("One panel per profile, one row per outlet (2 outlets), each point a share from 0 to 1 with its "
                       "95 % interval over events. Coverage: 2 at 1.00; "
                       "Omissions: no values; Shared leads: 2 at 0.00.")
    assert alts[5].startswith("Box plots of sentence polarity from -1 to +1, one row per outlet (2 outlets)")
    assert "Mean polarity: highest AP wire copy 0.096, lowest Morning Star -0.007." in alts[5]


def test_tables_have_no_scientific_notation_and_no_stray_none(sample_report):
    """Issue 23: 9.58e-02 in the tone table, and a bare "None." under the load log."""
    cells = re.findall(r"<td>([^<]*)</td>", sample_report)
    assert len(cells) > 500 and not [c for c in cells if re.fullmatch(r"-?[\d.,]+[eE][-+]?\d+", c.strip())]
    tone = _section(sample_report, "Tone and stance")
    assert "<td>0.10</td>" in tone and "<td>-0.0066</td>" in tone        # mean polarity: 0.0958 and -0.0066
    assert "None.</em>" not in sample_report
    assert "Every input was loaded: none was skipped, ignored or filtered out." in sample_report


def test_arcs_are_titled_with_the_event_label_and_the_article_titles(sample_report_path):
    """Issue 23: each arc was titled with its article id."""
    figures = sample_report_path.with_name("sample-report-figures")
    svg = (figures / "07-tone-arcs.svg").read_text(encoding="utf-8")
    assert "The tone of each sentence, event E1: Ukraine, Russian, Ukrainian, talks · Ukraine, Russia" in svg
    assert "Morning Star: Russian strike on Ukraine kills 12-year-old boy as peace talks continue" in svg
    assert "AP wire copy (untitled)" in svg
    assert "000_f630b2af681dd528" not in svg and "002_4cb80e3135c7eb75" not in svg


def test_cautions_stand_beside_the_figures_they_qualify(sample_report):
    """Issue 23: a short visible caution near each profile that rests on something weak, computed from the study."""
    flat = re.sub(r"\s+", " ", sample_report)
    sections = {s: _section(flat, s) for s in SECTIONS}
    caution = "<strong>Caution.</strong> "
    # the sample's facts hold one or two sentences each: no caution on the facts (a chained table gets
    # one: tests/test_cautions.py)
    assert "fall in one single fact" not in sections[SECTIONS[3]]
    assert caution + "Reported speech is mostly missed: 29 % of it was found" in sections["Who gets a voice"]
    assert caution + "Sentence tone (textblob) agrees with annotators at a macro-F1 of 42.9 (a caution below 70" \
        in sections["Tone and stance"]
    assert caution + "Tone towards actors (newsmtsc-linear) agrees with annotators at a macro-F1 of 66.1" \
        in sections["Tone and stance"]
    assert caution + "The roles come from a model trained on climate-change news only; there it agrees with " \
        "annotators at a macro-F1 of 0.55 (a caution below 0.7)" in sections["Heroes, villains and victims"]
    assert sections["Frames"].count(caution) == 2
    assert caution not in sections["Keyness: the words that set the outlets apart"]


def test_methods_block_gives_version_settings_references_and_measured_figures(sample_report):
    """Issue 23: the methods, each with its reference and its measured accuracy, read from the models' files."""
    methods = re.sub(r"\s+", " ", _section(sample_report, "Methods, settings and versions"))
    assert f"<strong>Versions:</strong> toolkit {toolkit.__version__}; pandas " in methods
    assert "<td>event_threshold</td> <td>0.2</td>" in methods and "<td>target_method</td> <td>newsmtsc-linear</td>" \
        in methods
    for reference in ["Hamborg and Donnay 2021", "Monroe, Colaresi and Quinn 2008", "Semetko and Valkenburg 2000",
                      "Frermann, Li, Khanehzar and Mikolajczak 2023", "Efron and Tibshirani 1993"]:
        assert reference in methods, reference
    linear = toolkit.target_validation().query("method == 'newsmtsc-linear' and split == 'dev_rw'").iloc[0]
    assert f"newsmtsc-linear: macro-F1 {linear['macro_f1']:g}, accuracy {linear['accuracy']:g}" in methods
    assert f"macro-F1 {toolkit.role_validation()['macro_f1'].iat[0]:.2f}" in methods
    assert "adjusted Rand index 0.908" in methods and "recall of reported speech 0.29" in methods
    assert "tfidf-cosine threshold=0.15" in methods      # the facts' method, with its settings


def test_figures_and_an_excel_workbook_are_written_beside_the_report(sample_report_path):
    """Issue 23: the figures as PNG and SVG files, the tables as an Excel workbook."""
    openpyxl = pytest.importorskip("openpyxl")
    figures = sorted(p.name for p in sample_report_path.with_name("sample-report-figures").iterdir())
    assert [name for name in figures if name.endswith(".png")] == [
        "01-profiles.png", "02-coverage-e1.png", "03-aligned-e1.png", "04-naming.png", "05-voices-by-side.png",
        "06-sentence-tone.png", "07-tone-arcs.png", "08-actor-tone.png", "09-keyness-ap-wire-copy.png",
        "10-keyness-morning-star.png", "11-frames.png"]
    assert [name.replace(".svg", ".png") for name in figures if name.endswith(".svg")] == \
        [name for name in figures if name.endswith(".png")]
    book = openpyxl.load_workbook(sample_report_path.with_name("sample-report-tables.xlsx"))
    assert book.sheetnames == ["contents", *toolkit.study.TABLES]
    study = toolkit.open_study(sample_report_path.with_name("sample-report-tables"))
    for name in ("articles", "sentences", "facts", "framing"):
        assert book[name].max_row == len(getattr(study, name)) + 1, name
    contents = list(book["contents"].iter_rows(min_row=2, values_only=True))
    assert contents[0] == ("articles", "articles", 2, 2, None)


def test_dollars_and_markdown_in_names_reach_the_page_as_plain_text(hostile_report_path, hostile_report):
    """Issue 24: a "$" in a file name, an outlet or a title killed the report ("Tone and stance") or was drawn as
    math; the output's name went into a Markdown cell (``b>-tables/actors.yml``)."""
    svg = hostile_report_path.with_name(hostile_report_path.stem + "-figures")
    arcs = next(svg.glob("*tone-arcs.svg")).read_text(encoding="utf-8")
    assert f"{DOLLAR_OUTLET}: {DOLLAR_TITLE}" in arcs
    tone = next(svg.glob("*sentence-tone.svg")).read_text(encoding="utf-8")
    assert f"{DOLLAR_OUTLET} (n=2)" in tone       # the title and the sentence
    tables = html.escape(OUT_NAME.removesuffix(".html"), quote=False) + "-tables"
    assert f"<code>{tables}/actors.yml</code>" in hostile_report and f"<code>{tables}</code>" in hostile_report
    assert "<b>B" not in hostile_report and "<i> `" not in hostile_report


def test_no_bidirectional_control_reaches_the_page():
    """Issue 24: a file name or a dictionary's actor with U+202E is shown reordered; the page drops every such control."""
    page = toolkit.report.build.offline_html("<html><head></head><body><td>a\u202etxt.exe\u202c</td><td>\u2066B\u2069"
                                             "\u202a\u202b\u202d\u2067\u2068\u200e\u200f</td></body></html>")
    assert page.endswith("<body><td>atxt.exe</td><td>B</td></body></html>")


# --- issue 24: the command line checks its output before any work ------------------------------------------------

def _no_analysis(monkeypatch):
    """Make any analysis fail loudly: these errors must come before it."""
    def refuse(*args, **kwargs):
        raise AssertionError("the analysis ran")
    monkeypatch.setattr(toolkit.study, "analyze", refuse)
    monkeypatch.setattr(toolkit.corpus_report, "analyze", refuse)     # the name the command calls (issue 27 §2)


def test_cli_refuses_an_output_that_overwrites_its_input(tmp_path, capsys, monkeypatch):
    _no_analysis(monkeypatch)
    table = tmp_path / "t.csv"
    table.write_text("text\nThe talks ended.\n")
    assert main(["report", str(table), "--out", str(table), "--quiet"]) == 2
    assert f"error: --out {table} would overwrite the input {table} (with t.csv): write the report elsewhere" in \
        capsys.readouterr().err
    assert table.read_text() == "text\nThe talks ended.\n"
    (tmp_path / "r-tables").mkdir()
    assert main(["report", str(tmp_path / "r-tables"), "--out", str(tmp_path / "r.html"), "--quiet"]) == 2
    assert "would overwrite the input" in capsys.readouterr().err


def test_cli_refuses_an_output_that_is_a_folder_or_under_a_file_before_the_analysis(tmp_path, capsys, monkeypatch):
    _no_analysis(monkeypatch)
    table = tmp_path / "t.csv"
    table.write_text("text\nThe talks ended.\n")
    assert main(["report", str(table), "--out", str(tmp_path), "--quiet"]) == 2
    assert f"error: --out {tmp_path} is a folder: give the name of the HTML file to write" in capsys.readouterr().err
    assert main(["report", str(table), "--out", str(table / "sub" / "r.html"), "--quiet"]) == 2
    assert f"cannot be written: {table} is a file, not a folder" in capsys.readouterr().err


def test_cli_leaves_its_own_outputs_in_the_folder_it_reads_out_of_the_inputs(tmp_path, monkeypatch):
    """Issue 24: a report written into its input folder read its own tables on the next run (584 skipped inputs):
    the command hands every path it writes to the analysis as ``exclude``."""
    given = {}

    def capture(source, **options):
        given.update(options, source=source)
        raise KeyboardInterrupt         # nothing to analyse: the call is what is checked

    monkeypatch.setattr(toolkit.corpus_report, "analyze", capture)
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "a.txt").write_text("The talks ended on Friday, officials said.\n")
    with pytest.raises(KeyboardInterrupt):
        main(["report", str(tmp_path / "corpus"), "--out", str(tmp_path / "corpus" / "r.html"), "--quiet"])
    assert given["source"] == (tmp_path / "corpus").resolve()
    assert given["exclude"] == [(tmp_path / "corpus" / name).resolve()
                                for name in ("r.html", "r.ipynb", "r-tables", "r-figures", "r-tables.xlsx")]


def test_cli_refuses_a_field_mapped_twice(capsys, sample_path):
    with pytest.raises(SystemExit) as caught:
        main(["report", str(sample_path), "--out", "x.html", "--columns", "text=body,text=title"])
    assert caught.value.code == 2
    assert ("argument --columns: 'text' is given twice (text=body and text=title): give each field once"
            in capsys.readouterr().err)


def test_cli_names_a_pipe_as_not_a_regular_file(tmp_path, capsys, monkeypatch):
    _no_analysis(monkeypatch)
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    assert main(["report", str(fifo), "--out", str(tmp_path / "r.html"), "--quiet"]) == 2
    err = capsys.readouterr().err
    assert f"error: {fifo} is not a regular file or folder (a pipe, socket or device): nothing to read" in err
    assert "no such file" not in err


def test_without_a_coded_sample_the_report_says_every_figure_is_uncorrected_and_what_to_code(sample_report):
    """Issue 25 §4: with no coded sample, which figures are uncorrected and how many items a sample needs."""
    from toolkit.validation import items_needed

    trust = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", _section(sample_report, "How far to trust these figures")))
    assert ("No coded sample is kept with this study: every figure of this report is uncorrected , the machine's "
            "labels as they are, with intervals for sampling only. 7 figures rest on automatic labels: Who gets a "
            "voice: the speakers of quotes, shares of voice; Tone and stance: the tone towards each actor;") in trust
    # the plan: 111 mentions of the wire, 97 to code for +/- 0.10 (the guide's "about 97 items"); 48 of the other: all
    assert items_needed(0.1) == 97 and "about 97 items whatever the machine's accuracy" in trust
    assert re.search(r"tone Tone and stance: the tone towards each actor AP wire copy 111 0 97 97 ", trust)
    assert re.search(r"tone Tone and stance: the tone towards each actor Morning Star 48 0 48 48 ", trust)


def test_a_study_with_a_coded_sample_reports_the_machine_per_outlet_and_corrected_profiles(tmp_path):
    """Issue 25 §4: the coded sample kept with the study reaches the report: accuracy per outlet, and each
    outlet's shares uncorrected and corrected side by side, marked; the coder's name is escaped. One report run
    (about a minute): only a real run shows the section."""
    from toolkit.validation import read_coded

    study = toolkit.analyze(toolkit.sample_data_path(), actors=toolkit.sample_actors_path(), progress=False)
    sample = study.validation_sample("tone", n=3, seed=1)
    sample["coded"] = ["negative", "neutral", "neutral", "positive", "neutral", "negative"]
    study.add_coded(read_coded(sample, key=sample, coder=f"me {PAYLOAD}"))
    page = study.report(tmp_path / "coded.html").read_text(encoding="utf-8")
    section = _section(page, "How far to trust these figures")
    assert PAYLOAD not in page and html.escape(PAYLOAD, quote=False) in section
    trust = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", section))
    assert "6 coded items kept with this study (tone), by me " in trust
    assert re.search(r"tone AP wire copy 3 2 0.67 0.21 0.94 False", trust)
    assert re.search(r"tone negative AP wire copy 111 3 0.\d\d 0.\d\d 0.\d\d -?\d.\d\d -?\d.\d\d -?\d.\d\d "
                     r"corrected \(PPI\+\+\) with 3 coded item\(s\) \(only 3 coded item\(s\), fewer than 30\)", trust)
    assert "No coded sample is kept" not in trust and "tone Tone and stance: the tone towards each actor AP wire copy 111 3 97 94" in trust


def test_the_report_takes_a_study_and_never_imports_the_analysis():
    """Issue 27 §2: report/build.py imported analyze from study.py, which imports the report back."""
    import ast
    from pathlib import Path

    folder = Path(toolkit.__file__).parent / "report"
    imported = {node.module for path in folder.glob("*.py") for node in ast.walk(ast.parse(path.read_text()))
                if isinstance(node, ast.ImportFrom) and node.module}
    assert not {name for name in imported if name == "study" or name.endswith(".study")}
    assert toolkit.build_report.__module__ == "toolkit.corpus_report"
