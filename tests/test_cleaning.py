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
    assert [r.reason for r in rules.rules] == [
        "navigation", "site error message", "donation or support appeal", "paywall or subscription prompt",
        "subscription or newsletter offer", "social media or contact prompt", "cookie notice",
        "read-more or related-article link", "editor's note, correction or contribution credit",
        "byline or dateline furniture", "date or time alone", "photo caption or credit", "credit or source line",
        "web address or e-mail alone", "separator, symbol or bare number"]
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


# --- issue 23: furniture that survived cleaning, from real pages about the Ukraine talks ------------

BODY = "The talks in Miami ended without an agreement, officials said on Friday."


@pytest.mark.parametrize("line, reason", [
    ("All news", "navigation"),
    ("Featured Story", "navigation"),
    ("regular-article-logo Thursday, 04 December 2025", "navigation"),
    ("Icon - support the ZSU Support Ukraine\u2019s Army", "navigation"),
    ("403", "site error message"),
    ("404 Not Found", "site error message"),
    ("Sign up now: Get ST's newsletters delivered to your inbox", "subscription or newsletter offer"),
    ("Stay informed with the best tips, trends, and news \u2014 straight to your inbox.", "subscription or newsletter offer"),
    ("Join us on TelegramTwitter, and VK.", "social media or contact prompt"),
    ("Contact us: info@strategic-culture.su", "social media or contact prompt"),
    ("Brooke Singman is a Reporter for Fox News. Follow her on Twitter at @brookefoxnews.",
     "social media or contact prompt"),
    ("\u2014 Volodymyr Zelenskyy (@ZelenskyyUa) December 23, 2025", "social media or contact prompt"),
    ("Editor's note: This story is being updated.", "editor's note, correction or contribution credit"),
    ("Fox News\u2019 Matt Richardson and John Roberts contributed to this report.",
     "editor's note, correction or contribution credit"),
    ("A version of this article appears in print on October 12, 2012, on page A16 of the New York edition.",
     "editor's note, correction or contribution credit"),
    ("UPDATE:", "editor's note, correction or contribution credit"),
    ("FLORIDA", "byline or dateline furniture"),
    ("MOSCOW (AP) \u2014", "byline or dateline furniture"),
    ("By RFE/RL December 06, 2025", "byline or dateline furniture"),
    ("OAN Staff Brooke Mallory", "byline or dateline furniture"),
    ("Published: Dec. 4, 2025 10:07 GMT", "byline or dateline furniture"),
    ("12:47 PM \u2013 Tuesday, December 2, 2025", "date or time alone"),
    ("Publication time 3 December 2025 11:07", "date or time alone"),
    ("Dec 3, 2025, 5:19 amDec 3, 2025, 5:29 am", "date or time alone"),
    ("December 8, 2025", "date or time alone"),
    ("Vladimir Putin. Photo: Sputnik/Mikhail Tereshchenko/Pool via REUTERS", "photo caption or credit"),
    ("Putin and Steve Witkoff in the foreground.Image: keystone", "photo caption or credit"),
    ("\u00a9 Photo: Public domain", "photo caption or credit"),
    ("Getty Images", "credit or source line"),
    ("AFP via Getty Images", "credit or source line"),
    ("Mikhail Metzel/Reuters", "credit or source line"),
    ("Source:  Reuters", "credit or source line"),
    ("Reference(s):", "credit or source line"),
    ("cgtn.com", "web address or e-mail alone"),
    ("* * *", "separator, symbol or bare number"),
    ("---", "separator, symbol or bare number"),
])
def test_more_furniture_lines(line, reason):
    result = clean_text(f"{BODY}\n{line}\n{BODY}")
    assert [(n, r) for n, _, r, _ in result.removed] == [(2, reason)]
    assert result.text == f"{BODY}\n\n{BODY}"


@pytest.mark.parametrize("line", [
    # a dateline, label or credit glued to a real sentence: the sentence stays
    "UPDATE: In a significant diplomatic development, President Donald Trump stated that the envoys had a good meeting.",
    "MOSCOW, December 3. /TASS/. A peace agreement on Ukraine is now closer than before, Marco Rubio said.",
    "\u201cOur approach is that everything must be workable \u2013 every crucial measure for peace.\u201d REUTERS",
    "WASHINGTON (Reuters) - The Democratic Party sued the Russian government on Friday.",
    "EXPERT OPINION / PERSPECTIVE -- Reports from Moscow suggest that the U.S. envoys are optimistic.",
    "KYIV - Ukrainian President Volodymyr Zelensky said on Dec 6 that he had had a long phone call.",
    "Updated: Rick Santorum on Sunday tried to clarify his comment that President Obama subscribed to a theology.",
    "He urged his supporters to follow him on Twitter.",
    "The meeting started at around 11:30 a.m. ET.",
    "He posted a photo by the river.",
    "The U.S. and the U.K. signed the statement in 2025.",
])
def test_glued_datelines_and_credits_keep_their_sentence(line):
    assert clean_text(f"{BODY}\n{line}\n{BODY}").removed == []


def test_the_prefilter_finds_what_every_rule_finds(sample_path):
    """The pre-filter (start-anchored rules tried at the start only) gives the result of trying each rule in turn."""
    from toolkit.loading.cleaning import _anchored, _default_rules
    rules = _default_rules()
    lines = [line for path in sorted(sample_path.glob("*.txt")) for line in path.read_text(encoding="utf-8").splitlines()]
    lines += [line for line, _ in test_more_furniture_lines.pytestmark[0].args[1]]
    lines += ["x" * 50 + " Photo: AP", "In 2025 we use cookies", "^", "|", "Source: x | y"]

    def each_rule(line):
        return next(((rule, pattern) for rule in rules.rules if (pattern := rule.matches(line)) is not None), None)
    assert [rules.match(line) for line in lines] == [each_rule(line) for line in lines]
    assert [_anchored(p) for p in ["^a|b", "^(a|b)", "^[|]x", r"^\|x|y", "a"]] == [False, True, True, False, False]
