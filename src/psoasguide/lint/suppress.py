"""Suppressions: a visible comment that silences one rule for one line.

In the body: `<!-- lint: allow overclaim -->` (several rules: `allow overclaim, link-text`).
In front matter: a YAML comment, `reviewed: 2020-01-10  # lint: allow review-overdue`.
A suppression covers findings of the named rules on its own line and on the line after it.
Naming an unknown rule is an error; a suppression that silences nothing is a warning.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..diagnostics import Diagnostic, did_you_mean, error, warning
from .settings import RULES
from .source import ArticleSource

_BODY = re.compile(r"<!--\s*lint:\s*allow\b(?P<rules>.*?)-->", re.I | re.S)
_FRONT = re.compile(r"(?:^|\s)#\s*lint:\s*allow\b(?P<rules>.*)$", re.I)
_NAME = re.compile(r"[A-Za-z][\w-]*")


@dataclass(frozen=True)
class Suppression:
    """One rule allowed at one line (and the line after it)."""

    path: str
    line: int
    col: int
    rule: str

    def covers(self, d: Diagnostic) -> bool:
        """Whether this suppression silences `d`."""
        return d.path == self.path and d.code == self.rule and d.line in (self.line,
                                                                          self.line + 1)


def _parse(path: str, line: int, col: int, names: str) -> tuple[list[Suppression],
                                                                list[Diagnostic]]:
    found: list[Suppression] = []
    problems: list[Diagnostic] = []
    rules = _NAME.findall(names)
    if not rules:
        problems.append(error(path, line, col, "unknown-rule", "this lint comment names no rule",
                              "write e.g. '<!-- lint: allow overclaim -->'"))
    for rule in rules:
        if rule.lower() in RULES:
            found.append(Suppression(path, line, col, rule.lower()))
        else:
            hint = did_you_mean(rule, RULES) or "rules: " + ", ".join(RULES)
            problems.append(error(path, line, col, "unknown-rule",
                                  f"'{rule}' is not a lint rule", hint))
    return found, problems


def find_suppressions(source: ArticleSource) -> tuple[list[Suppression], list[Diagnostic]]:
    """Every suppression comment in the article, and any that name unknown rules."""
    found: list[Suppression] = []
    problems: list[Diagnostic] = []
    for line, text in source.front.items():
        match = _FRONT.search(text)
        if match:
            col = match.start() + 1 + (match.group(0)[0] != "#")
            more, bad = _parse(source.path, line, col, match.group("rules"))
            found += more
            problems += bad
    for match in _BODY.finditer(source.without_code):
        mark = source.at(match.start())
        more, bad = _parse(source.path, mark.line, mark.col, match.group("rules"))
        found += more
        problems += bad
    return found, problems


def apply_suppressions(findings: Iterable[Diagnostic], suppressions: Sequence[Suppression],
                       disabled: frozenset[str] = frozenset(),
                       ) -> tuple[list[Diagnostic], int, list[Diagnostic]]:
    """(findings kept, how many were silenced, warnings for suppressions that silenced none)."""
    kept: list[Diagnostic] = []
    used: set[Suppression] = set()
    silenced = 0
    for finding in findings:
        covering = [s for s in suppressions if s.covers(finding)]
        if covering:
            used.update(covering)
            silenced += 1
        else:
            kept.append(finding)
    unused = [warning(s.path, s.line, s.col, "unused-suppression",
                      f"nothing on this line or the next breaks '{s.rule}'",
                      "remove the comment")
              for s in suppressions if s not in used and s.rule not in disabled]
    return kept, silenced, unused
