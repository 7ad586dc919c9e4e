"""site.yaml: every problem at its line and column in one run; a valid file gets its defaults."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import assert_no_input_errors, base_files, diagnose, one, show, where, write_files

from psoasguide import Severity, format_line
from psoasguide.config import RelatedSettings, SiteConfig, TimerSettings, load_config

OK = "title: Test guide\nbase_url: https://example.org/guide/\n"


def config_problems(check, site_yaml: str | bytes):
    """site.yaml's diagnostics, for a site with a valid article set and this site.yaml."""
    return [d for d in check(base_files(), site_yaml=site_yaml) if d.path == "site.yaml"]


def test_valid_config_builds_clean(check) -> None:
    diags = config_problems(check, OK)
    assert_no_input_errors(diags)


def test_valid_config_gets_every_default(tmp_path: Path) -> None:
    config, problems = load_config(write_files(tmp_path, {}, OK))
    assert problems == []
    assert config == SiteConfig(title="Test guide", base_url="https://example.org/guide/")
    assert config.language == "en"
    assert config.description == "" and config.publisher == ""
    assert config.review_cycle_months == 36
    assert config.safety_page is None and config.repo_url == ""
    assert config.related == RelatedSettings(count=4, tag_share=0.5)
    assert config.timer == TimerSettings(rest_seconds=10, switch_seconds=5, rep_seconds=3)
    assert dict(config.lint) == {}


def test_every_key_given(tmp_path: Path) -> None:
    text = (
        "title: Guide\n"
        "base_url: http://example.org\n"
        "language: en-GB\n"
        "description: A guide.\n"
        "publisher: Someone\n"
        "review_cycle_months: 12\n"
        "safety_page: about\n"
        "repo_url: https://github.com/example/guide/\n"
        "related: {count: 6, tag_share: 0.25}\n"
        "lint: {max_grade: 10}\n"
        "timer: {rest_seconds: 15, switch_seconds: 4, rep_seconds: 2}\n"
    )
    config, problems = load_config(write_files(tmp_path, {}, text))
    assert problems == [], show(problems)
    assert config.language == "en-GB"
    assert config.review_cycle_months == 12
    assert config.safety_page == "about"
    assert config.repo_url == "https://github.com/example/guide"
    assert config.related == RelatedSettings(count=6, tag_share=0.25)
    assert config.timer == TimerSettings(15, 4, 2)
    assert dict(config.lint) == {"max_grade": 10}


@pytest.mark.parametrize(("given", "normalised"), [
    ("https://example.org/guide", "https://example.org/guide/"),
    ("https://example.org/guide/", "https://example.org/guide/"),
    ("https://example.org//", "https://example.org/"),
    ("https://example.org", "https://example.org/"),
])
def test_base_url_gets_one_trailing_slash(tmp_path: Path, given: str, normalised: str) -> None:
    config, problems = load_config(write_files(tmp_path, {}, f"title: T\nbase_url: {given}\n"))
    assert problems == []
    assert config.base_url == normalised


def test_yaml_syntax_error_at_its_position(check) -> None:
    diags = config_problems(check, "title: Test\n  base_url: https://example.org/\n")
    d = one(diags, "yaml-syntax")
    assert where(d) == ("site.yaml", 2, 11)  # the ':' that cannot start a mapping there
    assert d.severity is Severity.ERROR
    assert "mapping values are not allowed" in d.message


def test_yaml_tab_indentation(check) -> None:
    diags = config_problems(check, OK + "\tlanguage: en\n")
    d = one(diags, "yaml-syntax")
    assert where(d) == ("site.yaml", 3, 1)
    assert "tab" in d.message


def test_unclosed_flow_list_is_reported_where_it_opens(check) -> None:
    d = one(config_problems(check, "title: T\nbase_url: [https://example.org/\n"), "yaml-syntax")
    assert where(d) == ("site.yaml", 2, 11)
    assert d.hint == "while parsing a flow sequence that starts here"


def test_unclosed_quote_is_reported_where_it_opens(check) -> None:
    d = one(config_problems(check, 'title: "Guide\nbase_url: https://example.org/\n'),
            "yaml-syntax")
    assert where(d) == ("site.yaml", 1, 8)
    assert "quoted scalar" in d.hint


def test_duplicate_key(check) -> None:
    diags = config_problems(check, OK + "title: Again\n")
    d = one(diags, "duplicate-key")
    assert where(d) == ("site.yaml", 3, 1)
    assert "'title'" in d.message
    assert "silently" in d.hint


def test_unknown_key_with_did_you_mean(check) -> None:
    diags = config_problems(check, OK + "langauge: en\n")
    d = one(diags, "unknown-key")
    assert where(d) == ("site.yaml", 3, 1)
    assert "'langauge'" in d.message
    assert d.hint == "did you mean 'language'?"


def test_unknown_key_far_from_any_lists_the_known_keys(check) -> None:
    d = one(config_problems(check, OK + "zzz: 1\n"), "unknown-key")
    assert where(d) == ("site.yaml", 3, 1)
    assert "known keys:" in d.hint and "base_url" in d.hint


def test_unknown_nested_key(check) -> None:
    d = one(config_problems(check, OK + "related:\n  cuont: 3\n"), "unknown-key")
    assert where(d) == ("site.yaml", 4, 3)
    assert "'related.cuont'" in d.message
    assert d.hint == "did you mean 'count'?"


@pytest.mark.parametrize(("text", "missing"), [
    ("base_url: https://example.org/\n", "title"),
    ("title: T\n", "base_url"),
])
def test_missing_required_field(check, text: str, missing: str) -> None:
    d = one(config_problems(check, text), "missing-field")
    assert where(d) == ("site.yaml", 1, 1)
    assert f"'{missing}'" in d.message


def test_both_required_fields_missing_are_both_reported(check) -> None:
    diags = config_problems(check, "language: en\n")
    missing = [d for d in diags if d.code == "missing-field"]
    assert sorted(d.message for d in missing) == [
        "required key 'base_url' is missing", "required key 'title' is missing"]


@pytest.mark.parametrize(("line", "col", "text", "expected"), [
    (1, 8, "title: 42\nbase_url: https://example.org/\n", "text"),
    (3, 22, OK + "review_cycle_months: often\n", "a whole number"),
    (3, 10, OK + "related: 3\n", "a mapping"),
    (3, 7, OK + "lint: [a]\n", "a mapping"),
    (4, 17, OK + "timer:\n  rest_seconds: 1.5\n", "a whole number"),
])
def test_wrong_type(check, line: int, col: int, text: str, expected: str) -> None:
    d = one(config_problems(check, text), "wrong-type")
    assert where(d) == ("site.yaml", line, col)
    assert expected in d.message


def test_number_as_title_hints_at_quotes(check) -> None:
    d = one(config_problems(check, "title: 2026\nbase_url: https://example.org/\n"), "wrong-type")
    assert d.message == "'title' must be text, not a number"
    assert d.hint == "put it in quotes"


@pytest.mark.parametrize("url", [
    "example.org", "/guide/", "ftp://example.org/", "https://", "mailto:a@example.org",
    "'  '",
])
def test_bad_url(check, url: str) -> None:
    d = one(config_problems(check, f"title: T\nbase_url: {url}\n"), "bad-url")
    assert where(d) == ("site.yaml", 2, 11)
    assert "absolute http(s) URL" in d.message
    assert "https://" in d.hint


@pytest.mark.parametrize(("text", "line", "col", "words"), [
    (OK + "language: english!\n", 3, 11, "BCP 47"),
    (OK + "language: e\n", 3, 11, "BCP 47"),
    (OK + "related: {count: 4, tag_share: 1.5}\n", 3, 32, "0.0 to 1.0"),
    (OK + "related:\n  tag_share: -0.1\n", 4, 14, "0.0 to 1.0"),
    (OK + "related:\n  count: 51\n", 4, 10, "0 to 50"),
    (OK + "review_cycle_months: 0\n", 3, 22, "1 to 120"),
    (OK + "timer: {rep_seconds: 0}\n", 3, 22, "1 to 30"),
    (OK + "timer: {ready_seconds: 61}\n", 3, 24, "0 to 60"),
])
def test_bad_value(check, text: str, line: int, col: int, words: str) -> None:
    d = one(config_problems(check, text), "bad-value")
    assert where(d) == ("site.yaml", line, col)
    assert words in d.message


def test_bad_language_hint(check) -> None:
    d = one(config_problems(check, OK + "language: en_GB\n"), "bad-value")
    assert where(d) == ("site.yaml", 3, 11)
    assert "'en-GB'" in d.hint


def test_bad_repo_url(check) -> None:
    d = one(config_problems(check, OK + "repo_url: github.com/example/guide\n"), "bad-url")
    assert where(d) == ("site.yaml", 3, 11)
    assert "absolute http(s) URL" in d.message


def test_bad_safety_page_slug(check) -> None:
    d = one(config_problems(check, OK + "safety_page: Safety Page\n"), "bad-slug")
    assert where(d) == ("site.yaml", 3, 14)
    assert "lowercase" in d.hint


def test_safety_page_that_does_not_exist(check) -> None:
    d = one(config_problems(check, OK + "safety_page: safty\n"), "unknown-target")
    assert where(d) == ("site.yaml", 3, 14)
    assert "'safty'" in d.message


@pytest.mark.parametrize("text", ["", "\n\n", "# just a comment\n", "---\n"])
def test_empty_file(check, text: str) -> None:
    diags = config_problems(check, text)
    d = one(diags, "missing-field")
    assert where(d) == ("site.yaml", 1, 1)
    assert "empty" in d.message
    assert "'title'" in d.hint and "'base_url'" in d.hint


@pytest.mark.parametrize(("text", "line"), [
    ("- title\n- base_url\n", 1), ("# a list\n- a\n", 2), ("just words\n", 1)])
def test_not_a_mapping(check, text: str, line: int) -> None:
    d = one(config_problems(check, text), "wrong-type")
    assert where(d) == ("site.yaml", line, 1)
    assert d.message == "site.yaml must be a mapping of keys to values"
    assert "key: value" in d.hint


def test_no_site_yaml_is_an_environment_error(make_site) -> None:
    root = make_site(base_files(), site_yaml=None)
    d = one(diagnose(root), "no-site-config")
    assert where(d) == ("site.yaml", 1, 1)
    assert "--root" in d.hint


def test_every_config_problem_in_one_run(check) -> None:
    text = (
        "title: 42\n"                        # 1 wrong-type
        "base_url: example.org\n"            # 2 bad-url
        "langauge: en\n"                     # 3 unknown-key
        "related: {count: 4, tag_share: 2}\n"  # 4 bad-value
        "timer: {rest: 1}\n"                 # 5 unknown-key (nested)
    )
    diags = config_problems(check, text)
    found = [(d.code, d.line, d.col) for d in diags]
    assert found == [
        ("wrong-type", 1, 8),
        ("bad-url", 2, 11),
        ("unknown-key", 3, 1),
        ("bad-value", 4, 32),
        ("unknown-key", 5, 9),
    ], show(diags)
    assert all(d.path == "site.yaml" for d in diags)


def test_bom_is_not_counted(check) -> None:
    d = one(config_problems(check, "\ufefftitle: 42\nbase_url: https://example.org/\n"),
            "wrong-type")
    assert where(d) == ("site.yaml", 1, 8)


def test_crlf_gives_the_same_positions(check) -> None:
    lf = "title: T\nbase_url: https://example.org/\nrelated:\n  count: 99\n"
    crlf = lf.replace("\n", "\r\n")
    assert [where(d) for d in config_problems(check, crlf)] == \
        [where(d) for d in config_problems(check, lf)] == [("site.yaml", 4, 10)]


def test_columns_count_characters_not_bytes(check) -> None:
    d = one(config_problems(check, OK + 'related: {"çöünt": 3, tag_share: 2}\n'), "bad-value")
    assert where(d) == ("site.yaml", 3, 34)


def test_invalid_utf8(check) -> None:
    d = one(config_problems(check, b"title: Caf\xe9\nbase_url: https://example.org/\n"),
            "encoding")
    assert where(d) == ("site.yaml", 1, 11)
    assert "0xe9" in d.message and "UTF-8" in d.hint


def test_python_tag_is_refused(check) -> None:
    text = "title: !!python/object/apply:os.system [echo hi]\nbase_url: https://example.org/\n"
    d = one(config_problems(check, text), "yaml-syntax")
    assert where(d) == ("site.yaml", 1, 8)
    assert "python/object/apply" in d.message


def test_formatted_line() -> None:
    from psoasguide.config import parse_config

    _, problems = parse_config(OK + "langauge: en\n")
    assert [format_line(d) for d in problems] == [
        "site.yaml:3:1: error[unknown-key] unknown key 'langauge' (did you mean 'language'?)"]
