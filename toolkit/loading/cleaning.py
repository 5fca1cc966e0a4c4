"""Cleaning text that was flattened from a news web page.

A scrape keeps the page's furniture as lines of text: navigation, error messages, appeals for
donations, paywall prompts, photo captions, bylines, links to other articles, cookie notices.
:func:`clean_text` removes such lines by rules that are data (a YAML file a user can read and
extend), takes the headline as the title, flags paywalled and truncated articles, and records
every removed line with its reason, so that nothing is lost silently.
"""

from __future__ import annotations

import bisect
import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path


from .._files import read_yaml_list, resource_path
from ..text.normalize import join_paragraphs, normalize_line

DEFAULT_RULES = "cleaning_rules.yml"

#: The columns of the cleaning log.
CLEANING_LOG_COLUMNS = ["article_id", "outlet", "line", "text", "reason", "rule"]


class RulesError(ValueError):
    """A malformed cleaning-rules file; the message names the rule and the field."""


@dataclass(frozen=True)
class Rule:
    """One cleaning rule: lines matching any of its patterns are removed with its reason."""

    reason: str
    patterns: tuple[re.Pattern, ...]
    max_length: int | None = None
    paywall: bool = False
    paratext: str | None = None

    def matches(self, line: str) -> str | None:
        """Return the pattern that matches ``line``, or None."""
        if self.max_length is not None and len(line) > self.max_length:
            return None
        for pattern in self.patterns:
            if pattern.search(line):
                return pattern.pattern
        return None


@dataclass(frozen=True)
class CleaningRules:
    """An ordered set of cleaning rules, as read by :func:`load_rules`.

    Attributes
    ----------
    rules : tuple of Rule
        The rules, in the file's order; the first that matches a line gives its reason.
    source : str
        Where the rules were read from.
    """

    rules: tuple[Rule, ...]
    source: str
    _limits: tuple[float, ...] = field(init=False, repr=False, compare=False)
    _prefilters: tuple[tuple[re.Pattern, re.Pattern], ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self):
        # A fast pre-filter: most lines match no rule at all. A rule cannot match a line longer
        # than its max_length, so there is one pair of combined patterns per length limit,
        # holding the patterns of the rules that still apply to lines up to that length: those
        # anchored at the start of the line, tried there only, and the others, searched for.
        limits = sorted({r.max_length or math.inf for r in self.rules})
        prefilters = []
        for limit in limits:
            patterns = [p for rule in self.rules if (rule.max_length or math.inf) >= limit for p in rule.patterns]
            anchored = [p for p in patterns if _anchored(p.pattern)]
            prefilters.append(tuple(_combined([p for p in patterns if (p in anchored) == start])
                                    for start in (True, False)))
        object.__setattr__(self, "_limits", tuple(limits))
        object.__setattr__(self, "_prefilters", tuple(prefilters))

    def match(self, line: str) -> tuple[Rule, str] | None:
        """Return the first rule that removes ``line`` and the pattern that matched, or None."""
        i = bisect.bisect_left(self._limits, len(line))
        if i == len(self._limits):
            return None
        at_start, anywhere = self._prefilters[i]
        if not at_start.match(line) and not anywhere.search(line):
            return None
        for rule in self.rules:
            pattern = rule.matches(line)
            if pattern is not None:
                return rule, pattern
        return None


def _anchored(pattern: str) -> bool:
    """True if a regular expression can only match at the start of a line: it begins with ``^``
    and has no ``|`` outside brackets and groups."""
    if not pattern.startswith("^"):
        return False
    depth, escaped, in_class = 0, False, False
    for char in pattern:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            return False
    return True


def _combined(patterns: list[re.Pattern]) -> re.Pattern:
    """One pattern that matches where any of ``patterns`` does (each keeps its own letter case rule)."""
    parts = [f"(?i:{p.pattern})" if p.flags & re.IGNORECASE else f"(?:{p.pattern})" for p in patterns]
    return re.compile("|".join(parts) or r"(?!)")


def default_rules_path() -> Path:
    """Return the path of the cleaning rules shipped with the toolkit.

    Copy this file to write your own rules.

    Returns
    -------
    pathlib.Path

    Examples
    --------
    >>> default_rules_path().name
    'cleaning_rules.yml'
    """
    return resource_path(DEFAULT_RULES)


def _parse_rule(index: int, entry: object, source: str) -> Rule:
    where = f"{source}: rule {index + 1}"
    if not isinstance(entry, dict):
        raise RulesError(f"{where}: expected a mapping with 'reason' and 'patterns', got {entry!r}")
    unknown = set(entry) - {"reason", "patterns", "max_length", "paywall", "case_sensitive", "paratext"}
    if unknown:
        raise RulesError(f"{where}: unknown field(s) {', '.join(sorted(unknown))}; "
                         "expected reason, patterns, max_length, paywall, case_sensitive, paratext")
    reason = entry.get("reason")
    if not isinstance(reason, str) or not reason.strip():
        raise RulesError(f"{where}: field 'reason' must be a non-empty string")
    patterns = entry.get("patterns")
    if not isinstance(patterns, list) or not patterns or not all(isinstance(p, str) for p in patterns):
        raise RulesError(f"{where} ({reason}): field 'patterns' must be a non-empty list of strings")
    max_length = entry.get("max_length")
    if max_length is not None and (not isinstance(max_length, int) or max_length <= 0):
        raise RulesError(f"{where} ({reason}): field 'max_length' must be a positive whole number")
    paratext = entry.get("paratext")
    if paratext not in (None, "caption"):
        raise RulesError(f"{where} ({reason}): field 'paratext' must be 'caption' if given; got {paratext!r}")
    flags = 0 if entry.get("case_sensitive", False) else re.IGNORECASE
    compiled = []
    for pattern in patterns:
        try:
            compiled.append(re.compile(pattern, flags))
        except re.error as err:
            raise RulesError(f"{where} ({reason}): pattern {pattern!r} is not a valid regular "
                             f"expression: {err}") from None
    return Rule(reason=reason, patterns=tuple(compiled), max_length=max_length,
                paywall=bool(entry.get("paywall", False)), paratext=paratext)


def load_rules(path: str | Path | None = None) -> CleaningRules:
    """Read cleaning rules from a YAML file.

    Parameters
    ----------
    path : str or pathlib.Path, optional
        The rules file; by default the toolkit's own (:func:`default_rules_path`).

    Returns
    -------
    CleaningRules

    Raises
    ------
    RulesError
        If the file is missing, is not YAML, or a rule lacks a field or has a bad pattern;
        the message names the rule and the field.

    Examples
    --------
    >>> rules = load_rules()
    >>> rules.match("Subscribe to continue reading.")[0].reason
    'paywall or subscription prompt'
    """
    path, data = read_yaml_list(path if path is not None else default_rules_path(), "rules", RulesError,
                                what="cleaning rules file")
    return CleaningRules(tuple(_parse_rule(i, e, str(path)) for i, e in enumerate(data["rules"])),
                         source=str(path))


@dataclass(frozen=True)
class CleanedText:
    """The result of cleaning one article.

    Attributes
    ----------
    text : str
        The cleaned body: normalized paragraphs separated by one blank line.
    title : str or None
        The headline found in the text, if any.
    paywalled : bool
        True if a paywall or subscription prompt was found.
    truncated : bool
        True if the body ends in the middle of a sentence, or at a paywall.
    removed : list of tuple
        ``(line, text, reason, rule)`` for each removed line; ``line`` counts from 1.
    captions : list of str
        Removed lines kept as paratext (photo captions), normalized.
    """

    text: str
    title: str | None
    paywalled: bool
    truncated: bool
    removed: list[tuple[int, str, str, str]]
    captions: list[str] = field(default_factory=list)


_SENTENCE_END = re.compile(r"""[.!?…]["')\]']?$""")
_TITLE_WORDS = (3, 30)


def _is_body(line: str) -> bool:
    """A body line is a sentence: it ends with final punctuation and has at least 8 words."""
    return bool(_SENTENCE_END.search(line)) and len(line.split()) >= 8


def _is_headline(line: str) -> bool:
    words = len(line.split())
    return _TITLE_WORDS[0] <= words <= _TITLE_WORDS[1] and not line.endswith((".", ",", ";", ":"))


def clean_text(text: str, *, rules: CleaningRules | None = None, clean: bool = True) -> CleanedText:
    """Clean the text of one article.

    Each line is normalized (quote marks, white space; see :func:`toolkit.text.normalize.normalize_line`).
    With ``clean=True``, lines that match a cleaning rule are removed, and a headline-like line
    before the first body paragraph is taken as the title and removed from the body.

    Parameters
    ----------
    text : str
        The article as extracted or scraped, with line breaks.
    rules : CleaningRules, optional
        The rules; by default the toolkit's own (:func:`load_rules`).
    clean : bool, default True
        False keeps every line (only normalization and paragraph joining happen).

    Returns
    -------
    CleanedText
        The body, title, paywall and truncation flags, and the removed lines with reasons.

    Examples
    --------
    >>> result = clean_text("Skip to main content\\nBig news today\\nIt rained all day in Kyiv, officials said on Monday.")
    >>> result.text, result.title
    ('It rained all day in Kyiv, officials said on Monday.', 'Big news today')
    >>> [(line, reason) for line, _, reason, _ in result.removed]
    [(1, 'navigation'), (2, 'headline (taken as title)')]
    """
    rules = rules if rules is not None else _default_rules()
    raw_lines = text.splitlines()
    lines = [normalize_line(line) for line in raw_lines]
    removed: list[tuple[int, str, str, str]] = []
    captions: list[str] = []
    paywalled = False
    if clean:
        for i, line in enumerate(lines):
            if not line:
                continue
            hit = rules.match(line)
            if hit is not None:
                rule, pattern = hit
                removed.append((i + 1, raw_lines[i].strip(), rule.reason, pattern))
                paywalled = paywalled or rule.paywall
                if rule.paratext == "caption":
                    captions.append(line)
                lines[i] = ""
    title = _take_headline(lines, raw_lines, removed) if clean else None
    removed.sort()
    paragraphs = join_paragraphs(lines)
    truncated = paywalled or bool(paragraphs) and not _SENTENCE_END.search(paragraphs[-1])
    return CleanedText("\n\n".join(paragraphs), title, paywalled, truncated, removed, captions)


def _take_headline(lines: list[str], raw_lines: list[str], removed: list) -> str | None:
    """Remove and return the headline: a title-like line before the first body line."""
    for i, line in enumerate(lines):
        if not line:
            continue
        if _is_body(line):
            return None
        if _is_headline(line) and any(_is_body(later) for later in lines[i + 1:]):
            removed.append((i + 1, raw_lines[i].strip(), "headline (taken as title)", ""))
            lines[i] = ""
            return line
    return None


@lru_cache(maxsize=1)
def _default_rules() -> CleaningRules:
    """The shipped rules, read and compiled once per process (they are immutable)."""
    return load_rules()
