"""Rule `evidence-label`: a cause article labels its claims in the body; drafts are exempt."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_lint_support import article, lint, position, where


@pytest.mark.parametrize("body", [
    '!!! note "Evidence: limited"\n    One small study found a link.\n',
    '??? note "Evidence: Not supported"\n    No study found it.\n',
    "**Established:** guidance supports general exercise.\n",
    "**Not supported:** the idea that sitting shortens the psoas for good.\n",
    "**Not known:** whether cycling causes psoas problems. We found no study of it.\n",
    '!!! note "Evidence: not known"\n    No trial has tested it.\n',
    "**Evidence: limited.** One small study.\n",
    "Some text.\n\n__Limited:__ a small study.\n",
])
def test_a_labelled_cause_passes(tmp_path: Path, body: str) -> None:
    assert lint(tmp_path, article(body, "causes"), "causes") == []


def test_an_unlabelled_cause_is_an_error_at_its_evidence_key(tmp_path: Path) -> None:
    text = article("Sitting is linked to stiff hips in one study.\n", "causes")
    [d] = lint(tmp_path, text, "causes")
    assert d.code == "evidence-label" and d.severity == "error"
    assert where(d) == position(text, "limited")
    assert "Established, Limited, Not supported or Not known" in d.message
    assert '"Evidence: limited"' in d.hint and "**Limited:**" in d.hint


@pytest.mark.parametrize("body", [
    "The evidence is limited and not supported by trials.\n",  # plain words are not a label
    "```\n**Limited:** inside code\n```\n",
    "<!-- **Limited:** in a comment -->\nText.\n",
    '!!! note "Evidence: maybe"\n    Not one of the three labels.\n',
])
def test_words_that_are_not_a_label_do_not_count(tmp_path: Path, body: str) -> None:
    [d] = lint(tmp_path, article(body, "causes"), "causes")
    assert d.code == "evidence-label"


@pytest.mark.parametrize("kind", ["anatomy", "stretches", "pages"])
def test_other_kinds_need_no_label(tmp_path: Path, kind: str) -> None:
    assert lint(tmp_path, article("Plain words.\n", kind), kind) == []


def test_a_draft_cause_is_exempt(tmp_path: Path) -> None:
    text = article("Not written yet.\n", "causes", extra="draft: true\n")
    assert lint(tmp_path, text, "causes") == []


def test_the_rule_can_be_disabled(tmp_path: Path) -> None:
    site = "title: T\nbase_url: https://example.org/\nlint:\n  disable: [evidence-label]\n"
    assert lint(tmp_path, article("No label.\n", "causes"), "causes", site_yaml=site) == []


@pytest.mark.parametrize(("body", "said"), [
    ("**Not supported:** the idea that leg swings prevent injury. There are no injury data.\n",
     "no injury data"),
    ("Intro.\n\n**Not supported:** stretching the psoas eases back pain. We found no trial.\n",
     "no trial"),
    ("**Not supported:** a tight psoas blocks the core. It has not been tested.\n",
     "not been tested"),
])
def test_not_supported_on_an_untested_claim_is_an_error_at_the_label(
        tmp_path: Path, body: str, said: str) -> None:
    text = article(body, "stretches")
    [d] = lint(tmp_path, text, "stretches")
    assert d.code == "evidence-label" and f"'{said}'" in d.message
    assert where(d) == position(text, "**Not supported:**")
    assert "**Not known:**" in d.hint


@pytest.mark.parametrize("body", [
    "**Not supported:** sitting tips the pelvis. One study found no link.\n",
    "**Not supported:** a tight psoas tips the pelvis.\n\nWe found no trial of stretching.\n",
    "- **Not supported:** studied, evidence against.\n- **Not known:** not tested.\n",
])
def test_not_supported_on_a_tested_claim_passes(tmp_path: Path, body: str) -> None:
    assert lint(tmp_path, article(body, "stretches"), "stretches") == []
