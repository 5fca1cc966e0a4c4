import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from toolkit.__main__ import main

PAYLOAD = '<script>alert("pwned")</script>'
IMG_PAYLOAD = "<img src=x onerror=alert(1)>"
SECTIONS = ["Articles and cleaning", "How much each outlet says", "Actors and naming", "Who gets a voice",
            "Tone and stance", "Coverage and alignment", "Keyness: the words that set the outlets apart", "Frames"]
ONE_OUTLET = "Only one outlet (unknown): nothing to compare."


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
    out = tmp_path_factory.mktemp("report") / "sample.html"
    actors = sample_path.parent / "actors" / "russia-ukraine.yml"
    assert main(["report", str(sample_path), "--actors", str(actors), "--out", str(out)]) == 0
    return out


@pytest.fixture(scope="module")
def sample_report(sample_report_path):
    return sample_report_path.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def hostile_report(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    (folder / "a.txt").write_text(f"The minister said {PAYLOAD} was not acceptable, officials said on Friday.\n")
    (folder / "b.txt").write_text(f"outlet: Evil {IMG_PAYLOAD} News\nThe talks {IMG_PAYLOAD} ended without any deal, officials said.\n")
    out = tmp_path_factory.mktemp("report") / "hostile.html"
    assert main(["report", str(folder), "--out", str(out), "--title", f"Report {PAYLOAD}"]) == 0
    return out.read_text(encoding="utf-8")


def test_report_sections(sample_report):
    parser = _structure(sample_report)
    assert parser.headings == [("h1", "How the outlets frame the same events")] + [("h2", s) for s in SECTIONS]
    assert all(re.search(r"\breading guide\.", parser.guides.get(s, ""), re.I) for s in SECTIONS), parser.guides
    assert "2 articles from 2 outlets (AP wire copy, Morning Star), published 2025-12-04 to 2025-12-04." in sample_report
    images = [attrs["src"] for tag, attrs in parser.tags if tag == "img"]
    # 5 before the comparison; coverage matrix, aligned pairs, keyness of each outlet, frames
    assert len(images) == 10 and all(src.startswith("data:image/png;base64,") for src in images)
    # 12 before the comparison; one-outlet facts, shared facts, pairs, 2 keyness, keyword in context,
    # frame profile, frame evidence
    assert sum(tag == "table" for tag, _ in parser.tags) == 20
    assert sum(tag == "mark" for tag, _ in parser.tags) == 10   # evidence: 5 mentions marked per outlet
    assert "You have reached the free limit." in sample_report
    assert "paywall or subscription prompt" in sample_report
    assert "a senior Trump administration official" in sample_report
    assert "No actor dictionary was given" not in sample_report


def test_report_comparison_sections(sample_report):
    flat = re.sub(r"\s+", " ", sample_report)
    for text in ["Reported by one outlet only", "Reported by several outlets", "The aligned pairs",
                 "Dnipropetrovsk region, Ukraine, Vladyslav Haivanenko",      # evidence of an aligned pair
                 "AP wire copy against the other outlets", "Morning Star against the other outlets",
                 "Note: keyness: small texts", "Keyword in context", "[Mr]",      # warning shown, kwic
                 "Attribution of responsibility", "sentence_text",
                 "TF-IDF", "60–67 %", "64–78 %", "Monroe", "1.96", "Semetko", "not a validated frame classifier",
                 "no accuracy figure exists"]:
        assert text in flat, text
    assert ONE_OUTLET not in flat


def test_report_without_actors_says_so(hostile_report):
    assert "No actor dictionary was given (<code>--actors</code>): this section and the next are skipped." in hostile_report


def test_report_is_self_contained_and_hides_code(sample_report):
    assert not re.search(r"<(script|link|img|iframe)[^>]+(src|href)=[\"']https?://", sample_report)
    assert "import toolkit" not in sample_report
    assert "Traceback" not in sample_report


def test_article_text_is_escaped(hostile_report):
    assert PAYLOAD not in hostile_report and IMG_PAYLOAD not in hostile_report
    assert "&lt;script&gt;alert(\"pwned\")&lt;/script&gt;" in hostile_report
    assert "Evil &lt;img src=x onerror=alert(1)&gt; News" in hostile_report
    # every section ran on the hostile texts too: aligned pairs, keyness note, keyword in context
    assert [h for tag, h in _structure(hostile_report).headings if tag == "h2"] == SECTIONS
    assert "Evil &lt;img src=x onerror=alert(1)&gt; News against the other outlets" in hostile_report
    assert "Note: keyness: small texts (Evil &lt;img src=x onerror=alert(1)&gt; News 14 words" in hostile_report
    assert "officials [said] on Friday." in hostile_report
    assert "Traceback" not in hostile_report


def test_report_of_one_outlet_says_there_is_nothing_to_compare(tmp_path, sample_path):
    out = tmp_path / "one.html"
    actors = sample_path.parent / "actors" / "russia-ukraine.yml"
    assert main(["report", str(sample_path / "002_4cb80e3135c7eb75.txt"), "--actors", str(actors),
                 "--out", str(out)]) == 0
    report = out.read_text(encoding="utf-8")
    parser = _structure(report)
    assert parser.headings == [("h1", "How the outlets frame the same events")] + [("h2", s) for s in SECTIONS]
    assert "1 article from 1 outlet (unknown), published 2025-12-04 to 2025-12-04." in report
    coverage, keyness, frames = (report.index(f">{s}<") for s in SECTIONS[-3:])
    assert coverage < report.index(ONE_OUTLET, coverage) < keyness < report.index(ONE_OUTLET, keyness) < frames
    assert report.count(ONE_OUTLET) == 2
    assert all(re.search(r"\breading guide\.", parser.guides.get(s, ""), re.I) for s in SECTIONS)
    assert "<img" in report[frames:] and "Conflict" in report[frames:] and "sentence_text" in report[frames:]
    assert "Reported by one outlet only" not in report and "Keyword in context" not in report
    assert "Traceback" not in report


def _chromium(args, timeout=120):
    """Run headless Chromium (Debian's package) with a throw-away profile; return the completed process."""
    return subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                           "--disable-background-networking", "--disable-component-update", "--disable-sync",
                           *args], capture_output=True, text=True, timeout=timeout)


@pytest.mark.skipif(shutil.which("chromium") is None,
                    reason="chromium is not installed (Debian: apt-get install chromium); the report is not "
                           "rendered in a real browser")
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


def test_cli_usage_error():
    result = subprocess.run([sys.executable, "-m", "toolkit", "report"], capture_output=True, text=True)
    assert result.returncode == 2
    assert "the following arguments are required: source, --out" in result.stderr
