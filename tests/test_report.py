import re
import subprocess
import sys
from html.parser import HTMLParser

import pytest

from toolkit.__main__ import main

PAYLOAD = '<script>alert("pwned")</script>'
IMG_PAYLOAD = "<img src=x onerror=alert(1)>"


class _Structure(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.headings, self._in = [], [], None

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag in ("h1", "h2"):
            self._in = tag

    def handle_endtag(self, tag):
        if tag == self._in:
            self._in = None

    def handle_data(self, data):
        if self._in and data.strip() and data.strip() != "¶":
            self.headings.append((self._in, data.strip()))


@pytest.fixture(scope="module")
def sample_report(tmp_path_factory, sample_path):
    out = tmp_path_factory.mktemp("report") / "sample.html"
    actors = sample_path.parent / "actors" / "russia-ukraine.yml"
    assert main(["report", str(sample_path), "--actors", str(actors), "--out", str(out)]) == 0
    return out.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def hostile_report(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    (folder / "a.txt").write_text(f"The minister said {PAYLOAD} was not acceptable, officials said on Friday.\n")
    (folder / "b.txt").write_text(f"outlet: Evil {IMG_PAYLOAD} News\nThe talks {IMG_PAYLOAD} ended without any deal, officials said.\n")
    out = tmp_path_factory.mktemp("report") / "hostile.html"
    assert main(["report", str(folder), "--out", str(out), "--title", f"Report {PAYLOAD}"]) == 0
    return out.read_text(encoding="utf-8")


def test_report_sections(sample_report):
    parser = _Structure()
    parser.feed(sample_report)
    assert [h for h in parser.headings if h[0] in ("h1", "h2")] == [("h1", "How the outlets frame the same events"),
                               ("h2", "Articles and cleaning"), ("h2", "How much each outlet says"),
                               ("h2", "Actors and naming"), ("h2", "Who gets a voice"),
                               ("h2", "Tone and stance")]
    assert "2 articles from 2 outlets (AP wire copy, Morning Star), published 2025-12-04 to 2025-12-04." in sample_report
    images = [attrs["src"] for tag, attrs in parser.tags if tag == "img"]
    assert len(images) == 5 and all(src.startswith("data:image/png;base64,") for src in images)
    assert sum(tag == "table" for tag, _ in parser.tags) == 12
    assert sum(tag == "mark" for tag, _ in parser.tags) == 10   # evidence: 5 mentions marked per outlet
    assert "You have reached the free limit." in sample_report
    assert "paywall or subscription prompt" in sample_report
    assert "a senior Trump administration official" in sample_report
    assert "No actor dictionary was given" not in sample_report


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
