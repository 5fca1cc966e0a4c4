import pytest

from toolkit import RulesError, clean_text, default_rules_path, load_rules

SEED_000_REMOVED = [
    (1, "Skip to main content", "navigation"),
    (3, "Error message", "site error message"),
    (5, "An error occurred while searching, try again later.", "site error message"),
    (6, "Donate to the 95 years appeal", "donation or support appeal"),
    (7, "Russian strike on Ukraine kills 12-year-old boy as peace talks continue", "headline (taken as title)"),
    (8, "Ukrainian President Volodymyr Zelenskyy attends a joint news conference with Cyprus' "
        "President Nikos Christodoulides in Kyiv, Ukraine, December 4, 2025", "photo caption or credit"),
    (34, "The 95th Anniversary Appeal", "donation or support appeal"),
    (35, "Support the Morning Star", "donation or support appeal"),
    (36, "You have reached the free limit.", "paywall or subscription prompt"),
    (37, "Subscribe to continue reading.", "paywall or subscription prompt"),
]


@pytest.fixture(scope="module")
def seed_000(sample_path):
    return clean_text((sample_path / "000_f630b2af681dd528.txt").read_text(encoding="utf-8"))


def test_seed_000_boilerplate_is_removed_with_reasons(seed_000):
    assert [(line, text, reason) for line, text, reason, _ in seed_000.removed] == SEED_000_REMOVED


def test_seed_000_title_paywall_and_text(seed_000):
    assert seed_000.title == "Russian strike on Ukraine kills 12-year-old boy as peace talks continue"
    assert seed_000.paywalled is True
    assert seed_000.truncated is True
    assert seed_000.text.startswith("RUSSIAN overnight drone strikes have killed a 12-year-old boy")
    assert seed_000.text.endswith('Ukrainian troops withdraw," he said.')
    assert seed_000.text.count("\n\n") == 11
    for _, text, _ in SEED_000_REMOVED:
        assert text not in seed_000.text


def test_every_line_is_kept_or_logged(sample_path, seed_000):
    raw_lines = (sample_path / "000_f630b2af681dd528.txt").read_text(encoding="utf-8").splitlines()
    removed = {line for line, *_ in seed_000.removed}
    kept = [i + 1 for i, line in enumerate(raw_lines) if line.strip() and i + 1 not in removed]
    assert len(kept) + len(removed) == sum(1 for line in raw_lines if line.strip())
    assert len(kept) == 12


@pytest.mark.parametrize("line, reason", [
    ("Skip to content", "navigation"),
    ("Advertisement", "navigation"),
    ("We use cookies to improve your experience.", "cookie notice"),
    ("Read more: Kyiv braces for winter", "read-more or related-article link"),
    ("By Jane Smith and Tom Jones, Associated Press", "byline or dateline furniture"),
    ("Photo: Reuters", "photo caption or credit"),
    ("A man walks past a building (Photo: AP)", "photo caption or credit"),
    ("This article is only available to subscribers", "paywall or subscription prompt"),
])
def test_furniture_lines(line, reason):
    body = "The talks in Miami ended without an agreement, officials said on Friday."
    result = clean_text(f"{body}\n{line}\n{body}")
    assert [(n, r) for n, _, r, _ in result.removed] == [(2, reason)]


def test_body_sentences_that_resemble_furniture_are_kept():
    text = ("By the end of the day, twelve people had died in the strike on the city.\n"
            "Support for the plan among European governments has grown since the summer.\n"
            "Officials said the cookies handed out at the summit were a gesture of goodwill, not policy.")
    assert clean_text(text).removed == []


def test_clean_false_keeps_every_line_and_normalizes():
    result = clean_text("Skip to main content\nHe said ''no''.", clean=False)
    assert result.text == 'Skip to main content\n\nHe said "no".'
    assert (result.removed, result.title, result.paywalled) == ([], None, False)


def test_unfinished_article_is_truncated():
    assert clean_text("The talks went on for five hours and ended without an agreement, and").truncated
    assert not clean_text("The talks went on for five hours and ended without an agreement.").truncated


def test_custom_rule_file(tmp_path):
    rules_file = tmp_path / "rules.yml"
    rules_file.write_text("rules:\n  - reason: newsletter plug\n    patterns: ['^sign up for briefing']\n")
    result = clean_text("Sign up for Briefing now\nThe talks ended without a deal, officials said on Friday.",
                        rules=load_rules(rules_file))
    assert [(n, r) for n, _, r, _ in result.removed] == [(1, "newsletter plug")]


def test_default_rules_file_is_readable():
    rules = load_rules(default_rules_path())
    assert len(rules.rules) == 9
    assert [r.reason for r in rules.rules if r.paywall] == ["paywall or subscription prompt"]


@pytest.mark.parametrize("content, message", [
    ("rules: [", "is not valid YAML"),
    ("- a\n- b\n", "expected a top-level key 'rules'"),
    ("rules:\n  - just a string\n", "rule 1: expected a mapping"),
    ("rules:\n  - patterns: ['x']\n", "rule 1: field 'reason' must be a non-empty string"),
    ("rules:\n  - reason: r\n", r"rule 1 \(r\): field 'patterns' must be a non-empty list"),
    ("rules:\n  - reason: r\n    patterns: ['(']\n", r"rule 1 \(r\): pattern '\(' is not a valid regular expression"),
    ("rules:\n  - reason: r\n    patterns: ['x']\n    max_length: -3\n", "field 'max_length' must be a positive"),
    ("rules:\n  - reason: r\n    patterns: ['x']\n  - reason: s\n    pattern: ['y']\n", "rule 2: unknown field"),
])
def test_malformed_rules_are_named(tmp_path, content, message):
    path = tmp_path / "rules.yml"
    path.write_text(content)
    with pytest.raises(RulesError, match=message):
        load_rules(path)


def test_missing_rules_file(tmp_path):
    with pytest.raises(RulesError, match="cleaning rules file not found"):
        load_rules(tmp_path / "nope.yml")


def test_a_navigation_line_is_not_taken_for_the_headline():
    """The NYT's "Site Mobile Navigation" was read as a headline (issue 10)."""
    result = clean_text("Site Mobile Navigation\n\nGovernor Appoints Ex-Aide to Fill Seat\n\n"
                        "BOSTON - The governor on Wednesday appointed his former aide to the Senate seat, officials said.")
    assert result.title == "Governor Appoints Ex-Aide to Fill Seat"
    assert [(line, reason) for line, _, reason, _ in result.removed] == [(1, "navigation"), (3, "headline (taken as title)")]
