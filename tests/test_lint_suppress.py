"""Suppressions, the `lint` settings in site.yaml, and the linter on the repository's guide."""

from __future__ import annotations

from pathlib import Path

import pytest
from sample_site import REPO
from test_lint_support import SITE_YAML, article, codes, lint, position, run, where, write

from psoasguide.lint import RULES, LintSettings
from psoasguide.lint.settings import DEFAULT_OVERCLAIMS, parse_settings
from psoasguide.model import Mark

# --- suppression --------------------------------------------------------------------------------


def test_a_comment_on_the_same_line_silences_the_rule(tmp_path: Path) -> None:
    text = article("A miracle stretch. <!-- lint: allow overclaim -->\n")
    assert lint(tmp_path, text) == []


def test_a_comment_on_the_line_before_silences_the_rule(tmp_path: Path) -> None:
    text = article("<!-- lint: allow overclaim -->\nA miracle stretch.\n")
    assert lint(tmp_path, text) == []


def test_only_one_line_is_silenced(tmp_path: Path) -> None:
    text = article("<!-- lint: allow overclaim -->\nA miracle stretch.\n\nA cure.\n")
    [d] = lint(tmp_path, text)
    assert where(d) == position(text, "cure")


def test_only_the_named_rule_is_silenced(tmp_path: Path) -> None:
    text = article("A miracle, [here](https://example.org/). <!-- lint: allow link-text -->\n")
    [d] = lint(tmp_path, text)
    assert d.code == "overclaim"


def test_one_comment_can_name_several_rules(tmp_path: Path) -> None:
    text = article("<!-- lint: allow overclaim, link-text -->\n"
                   "A miracle, [here](https://example.org/).\n")
    assert lint(tmp_path, text) == []


def test_front_matter_findings_are_silenced_with_a_yaml_comment(tmp_path: Path) -> None:
    text = article("Body.\n", reviewed="2001-01-01  # lint: allow review-overdue")
    assert lint(tmp_path, text) == []
    text = article("Body.\n", "anatomy", references=None,
                   title="Psoas  # lint: allow few-references")
    assert lint(tmp_path / "b", text, "anatomy") == []


def test_the_report_counts_suppressions(tmp_path: Path) -> None:
    text = article("<!-- lint: allow overclaim -->\nA miracle, instantly.\n")
    root = write(tmp_path, {"content/pages/x.md": text})
    [row] = [r for r in run(root).report if r.path == "content/pages/x.md"]
    assert row.suppressed == 2


def test_an_unknown_rule_is_an_error_with_a_suggestion(tmp_path: Path) -> None:
    text = article("A plain line. <!-- lint: allow overclaims -->\n")
    [d] = lint(tmp_path, text)
    assert d.code == "unknown-rule" and d.severity == "error"
    assert where(d) == position(text, "<!--") and d.hint == "did you mean 'overclaim'?"


def test_a_suppression_that_silences_nothing_is_a_warning(tmp_path: Path) -> None:
    text = article("A plain line.\n\n<!-- lint: allow table-header -->\n")
    [d] = lint(tmp_path, text)
    assert d.code == "unused-suppression" and d.severity == "warning"
    assert where(d) == position(text, "<!--")


def test_a_comment_in_code_is_not_a_suppression(tmp_path: Path) -> None:
    text = article("`<!-- lint: allow overclaim -->` A miracle.\n")
    assert codes(lint(tmp_path, text)) == ["overclaim"]


# --- settings -----------------------------------------------------------------------------------


def test_defaults_without_a_lint_mapping() -> None:
    settings = LintSettings()
    assert settings.max_grade == 10 and settings.min_references == 2
    assert "instant relief" in settings.overclaims and settings.overclaims == DEFAULT_OVERCLAIMS


def test_settings_are_read(tmp_path: Path) -> None:
    settings, problems = parse_settings(
        {"max_grade": 8, "words_per_minute": 180, "overclaims": ["Magic"],
         "disable": ["reading-level"]}, {})
    assert problems == []
    assert settings.max_grade == 8.0 and settings.words_per_minute == 180
    assert settings.overclaims == ("magic",) and not settings.enabled("reading-level")


def test_an_unknown_key_is_an_error_at_its_line_with_did_you_mean(tmp_path: Path) -> None:
    site = SITE_YAML + "lint:\n  max_grad: 9\n"
    [d] = lint(tmp_path, article("Body.\n"), site_yaml=site)
    assert (d.path, d.code, d.severity) == ("site.yaml", "unknown-key", "error")
    assert where(d) == position(site, "max_grad") and d.hint == "did you mean 'max_grade'?"


@pytest.mark.parametrize(("setting", "code", "needle"), [
    ("max_grade: high", "wrong-type", "high"),
    ("words_per_minute: 0", "bad-value", "0"),
    ("overclaims: cure", "wrong-type", "cure"),
    ("disable: [overclaims]", "unknown-rule", "overclaims]"),
])
def test_bad_values_are_errors_at_their_position(tmp_path: Path, setting: str, code: str,
                                                 needle: str) -> None:
    site = SITE_YAML + f"lint:\n  {setting}\n"
    [d] = lint(tmp_path, article("Body.\n"), site_yaml=site)
    assert d.code == code and d.path == "site.yaml"
    assert d.line == position(site, needle)[0]


def test_lint_that_is_not_a_mapping_is_a_config_error(tmp_path: Path) -> None:
    site = SITE_YAML + "lint: [max_grade]\n"
    [d] = lint(tmp_path, article("Body.\n"), site_yaml=site)
    assert d.code == "wrong-type" and d.line == position(site, "lint:")[0]


def test_positions_fall_back_to_the_lint_key() -> None:
    _, [d] = parse_settings({"nope": 1}, {("lint",): Mark(7, 3)})
    assert (d.line, d.col, d.code) == (7, 3, "unknown-key")


def test_a_disabled_rule_does_not_run(tmp_path: Path) -> None:
    site = SITE_YAML + "lint:\n  disable: [overclaim, heading-level]\n"
    assert lint(tmp_path, article("#### A miracle\n"), site_yaml=site) == []


def test_every_rule_has_a_description() -> None:
    assert set(RULES) == {"overclaim", "reading-level", "few-references",
                          "review-overdue", "heading-level", "image-alt", "link-text",
                          "table-header", "evidence-label", "in-short", "jargon",
                          "dose-override"}


# --- the repository's own guide -----------------------------------------------------------------


def test_the_repository_guide_has_no_lint_errors_and_a_report_row_per_article(guide) -> None:
    repo, result = REPO, guide.result
    lint_codes = set(RULES) | {"unknown-rule", "unused-suppression"}
    assert [d for d in result.diagnostics if d.code in lint_codes and d.severity == "error"] == []
    assert {r.path for r in result.report} == \
        {p.relative_to(repo).as_posix() for p in (repo / "content").rglob("*.md")}
