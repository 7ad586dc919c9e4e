"""Rules `few-references` and `review-overdue`; drafts are exempt."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from test_lint_support import SITE_YAML, TODAY, article, lint, position, run, where, write

from psoasguide.lint.completeness import add_months, check_references, check_review
from psoasguide.lint.source import ArticleSource
from psoasguide.model import Document, Kind, Reference

#: A body every kind accepts (a cause must label its claims).
LABELLED = "**Limited:** the body.\n"
ONE_REFERENCE = "references:\n  - title: Back pain\n    publisher: NHS\n    year: 2024\n"


@pytest.mark.parametrize("kind", ["anatomy", "causes", "stretches"])
def test_one_reference_is_too_few_for_a_citing_kind(tmp_path: Path, kind: str) -> None:
    text = article(LABELLED, kind, references=ONE_REFERENCE)
    [d] = lint(tmp_path, text, kind)
    assert d.code == "few-references" and d.severity == "error"
    assert where(d) == position(text, "references:")
    assert "at least 2 references; this one has 1" in d.message


def test_no_references_is_reported_at_the_title(tmp_path: Path) -> None:
    text = article("Body.\n", "anatomy", references=None)
    [d] = lint(tmp_path, text, "anatomy")
    assert d.code == "few-references" and where(d) == position(text, "title:")


@pytest.mark.parametrize("kind", ["anatomy", "causes", "stretches"])
def test_two_references_are_enough(tmp_path: Path, kind: str) -> None:
    assert lint(tmp_path, article(LABELLED, kind), kind) == []


@pytest.mark.parametrize("kind", ["pages", "routines"])
def test_pages_and_routines_need_no_references(tmp_path: Path, kind: str) -> None:
    assert lint(tmp_path, article("Body.\n", kind, references=None), kind) == []


def test_drafts_are_exempt_from_completeness(tmp_path: Path) -> None:
    text = article("Body.\n", "anatomy", references=None, reviewed="2001-01-01",
                   extra="draft: true\n")
    assert lint(tmp_path, text, "anatomy") == []


def test_min_references_is_a_setting(tmp_path: Path) -> None:
    site = SITE_YAML + "lint:\n  min_references: 3\n"
    [d] = lint(tmp_path / "a", article("Body.\n", "anatomy"), "anatomy", site_yaml=site)
    assert "at least 3 references; this one has 2" in d.message
    site = SITE_YAML + "lint:\n  min_references: 1\n"
    text = article("Body.\n", "anatomy", references=ONE_REFERENCE)
    assert lint(tmp_path / "b", text, "anatomy", site_yaml=site) == []


def _document(references: tuple[Reference, ...], reviewed: dt.date = TODAY,
              draft: bool = False, kind: Kind = Kind.ANATOMY) -> Document:
    return Document(f"content/{kind.section}/x.md", kind, "x", "X", "x", reviewed, "Body.", 9,
                    references=references, draft=draft)


def test_only_published_citing_kinds_need_references() -> None:
    one = (Reference("A book", "A press", 2020),)
    [d] = check_references(ArticleSource(_document(one)), 2)
    assert d.message.endswith("needs at least 2 references; this one has 1")
    assert check_references(ArticleSource(_document(one * 2)), 2) == []
    assert check_references(ArticleSource(_document((), draft=True)), 2) == []
    for kind in (Kind.ROUTINE, Kind.PAGE):
        assert check_references(ArticleSource(_document((), kind=kind)), 2) == []


def test_an_incomplete_reference_is_a_schema_error_at_its_line(tmp_path: Path) -> None:
    refs = ("references:\n  - {title: A book, publisher: A press, year: 2020}\n"
            "  - title: ' '\n    year: 2021\n")
    text = article("Body.\n", "anatomy", references=refs)
    root = write(tmp_path, {"content/anatomy/x.md": text})
    found = [(d.code, d.line, d.col) for d in run(root).diagnostics
             if d.path == "content/anatomy/x.md"]
    # the empty title at its value, the missing publisher at the reference's first key
    assert found == [("missing-field", *position(text, "title: ' '")),
                     ("empty-value", *position(text, "' '"))]


def test_review_overdue_after_the_cycle(tmp_path: Path) -> None:
    # 36 months after 2023-11-20 is 2026-11-20; today (2026-11-21) is past it
    text = article("Body.\n", reviewed="2023-11-20")
    [d] = lint(tmp_path, text)
    assert d.code == "review-overdue" and d.severity == "warning"
    assert where(d) == position(text, "2023-11-20")
    assert "due by 2026-11-20 (review_cycle_months: 36)" in d.message


def test_review_due_today_is_not_overdue(tmp_path: Path) -> None:
    assert lint(tmp_path, article("Body.\n", reviewed="2023-11-21")) == []


def test_review_cycle_comes_from_site_yaml(tmp_path: Path) -> None:
    site = SITE_YAML + "review_cycle_months: 12\n"
    [d] = lint(tmp_path, article("Body.\n", reviewed="2025-11-01"), site_yaml=site)
    assert d.code == "review-overdue" and "due by 2026-11-01" in d.message


def test_today_can_be_pinned_by_source_date_epoch(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    root = write(tmp_path, {"content/pages/x.md": article("Body.\n", reviewed="2023-11-21")})
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795219200")  # 2026-11-21: due today, fine
    assert not [d for d in run(root, today=None).diagnostics if d.code == "review-overdue"]
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795305600")  # 2026-11-22: one day late
    late = [d for d in run(root, today=None).diagnostics if d.code == "review-overdue"]
    assert [d.path for d in late] == ["content/pages/x.md"]


def test_add_months_clamps_to_the_end_of_the_month() -> None:
    assert add_months(dt.date(2024, 2, 29), 12) == dt.date(2025, 2, 28)
    assert add_months(dt.date(2026, 1, 31), 1) == dt.date(2026, 2, 28)
    assert add_months(dt.date(2026, 11, 20), 36) == dt.date(2029, 11, 20)
    assert add_months(dt.date(2026, 12, 5), 1) == dt.date(2027, 1, 5)


def test_review_check_skips_drafts() -> None:
    old = _document((), reviewed=dt.date(2000, 1, 1), draft=True)
    assert check_review(ArticleSource(old), TODAY, 36) == []
    assert len(check_review(ArticleSource(_document((), dt.date(2000, 1, 1))), TODAY, 36)) == 1
