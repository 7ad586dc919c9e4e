"""Front matter: splitting, YAML errors at their file position, encodings, and odd input."""

from __future__ import annotations

import pytest
from conftest import assert_no_input_errors, base_files, errors, input_errors, one, show, where

from psoasguide import Diagnostic, Severity

PAGE = "content/pages/extra.md"
GOOD = "---\ntitle: Extra\nsummary: An extra page.\nreviewed: 2026-11-20\n---\nBody.\n"


def page_problems(check, text: str | bytes, drafts: bool = False) -> list[Diagnostic]:
    """Diagnostics of a valid site plus one extra page with this text."""
    return check({**base_files(), PAGE: text}, drafts=drafts)


def test_good_page_passes(check) -> None:
    diags = page_problems(check, GOOD)
    assert_no_input_errors(diags)


@pytest.mark.parametrize("text", [
    "Just Markdown, no front matter.\n",
    "\n---\ntitle: Extra\n---\n",        # a blank line first
    " ---\ntitle: Extra\n---\n",         # an indented fence
    "-- \ntitle: Extra\n---\n",
    "+++\ntitle = 'Extra'\n+++\n",       # TOML front matter is not supported
])
def test_no_front_matter(check, text: str) -> None:
    d = one(page_problems(check, text), "no-front-matter")
    assert where(d) == (PAGE, 1, 1)
    assert "'---'" in d.message
    assert "front matter" in d.hint


def test_empty_file_has_no_front_matter(check) -> None:
    d = one(page_problems(check, ""), "no-front-matter")
    assert where(d) == (PAGE, 1, 1)


@pytest.mark.parametrize("text", [
    "---\ntitle: Extra\nsummary: s\nreviewed: 2026-11-20\n\nBody without a closing fence.\n",
    "---\n",
    "---",
    "---\ntitle: Extra\n-- \n",
])
def test_unclosed_front_matter_is_reported_at_line_1(check, text: str) -> None:
    d = one(page_problems(check, text), "unclosed-front-matter")
    assert where(d) == (PAGE, 1, 1)
    assert "line 1" in d.message
    assert "'---'" in d.hint


@pytest.mark.parametrize("closing", ["---", "...", "---   ", "...\t"])
def test_closing_fences(check, closing: str) -> None:
    text = f"---\ntitle: Extra\nsummary: s\nreviewed: 2026-11-20\n{closing}\nBody.\n"
    diags = page_problems(check, text)
    assert_no_input_errors(diags)


def test_opening_fence_may_have_trailing_space(check) -> None:
    diags = page_problems(check, "---  \n" + GOOD.removeprefix("---\n"))
    assert_no_input_errors(diags)


def test_yaml_error_on_first_front_matter_line_is_file_line_2(check) -> None:
    text = "---\ntitle: Extra: more\nsummary: s\nreviewed: 2026-11-20\n---\n"
    d = one(page_problems(check, text), "yaml-syntax")
    assert where(d) == (PAGE, 2, 13)
    assert "mapping values are not allowed" in d.message


def test_yaml_error_later_in_front_matter(check) -> None:
    text = "---\ntitle: Extra\nsummary: s\n  reviewed: 2026-11-20\n---\n"
    d = one(page_problems(check, text), "yaml-syntax")
    assert where(d) == (PAGE, 4, 11)
    assert d.severity is Severity.ERROR


def test_unclosed_quote_is_reported_where_it_opens(check) -> None:
    text = "---\ntitle: 'Extra\nsummary: s\nreviewed: 2026-11-20\n---\n"
    d = one(page_problems(check, text), "yaml-syntax")
    assert where(d) == (PAGE, 2, 8)
    assert "end of stream" in d.message
    assert d.hint == "while scanning a quoted scalar that starts here"


def test_unclosed_flow_list_is_reported_where_it_opens(check) -> None:
    text = "---\ntitle: Extra\nsummary: s\nreviewed: 2026-11-20\ntags: [a, b\n---\n"
    d = one(page_problems(check, text), "yaml-syntax")
    assert where(d) == (PAGE, 5, 7)
    assert "']'" in d.message


def test_tab_indentation(check) -> None:
    text = "---\ntitle: Extra\nsummary: s\nreviewed: 2026-11-20\n\ttags: [a]\n---\n"
    d = one(page_problems(check, text), "yaml-syntax")
    assert where(d) == (PAGE, 5, 1)
    assert "tab" in d.message


def test_control_character_at_its_position(check) -> None:
    text = "---\ntitle: Extra\nsummary: Bad \x07 bell\nreviewed: 2026-11-20\n---\n"
    d = one(page_problems(check, text), "yaml-syntax")
    assert where(d) == (PAGE, 3, 14)
    assert "U+0007" in d.message


def test_duplicate_key(check) -> None:
    text = "---\ntitle: Extra\nsummary: s\ntitle: Again\nreviewed: 2026-11-20\n---\n"
    d = one(page_problems(check, text), "duplicate-key")
    assert where(d) == (PAGE, 4, 1)
    assert "'title'" in d.message
    assert "keep one" in d.hint


def test_duplicate_key_in_a_nested_mapping(check) -> None:
    text = ("---\ntitle: Extra\nsummary: s\nreviewed: 2026-11-20\nreferences:\n"
            "  - title: A\n    publisher: B\n    year: 2020\n    year: 2021\n---\n")
    d = one(page_problems(check, text), "duplicate-key")
    assert where(d) == (PAGE, 9, 5)
    assert "'year'" in d.message


@pytest.mark.parametrize(("yaml_text", "line", "col"), [
    ("- title\n- summary\n", 2, 1),
    ("just a sentence\n", 2, 1),
    ("42\n", 2, 1),
    ("# a comment first\n- a\n", 3, 1),
])
def test_front_matter_that_is_not_a_mapping(check, yaml_text: str, line: int, col: int) -> None:
    d = one(page_problems(check, f"---\n{yaml_text}---\nBody.\n"), "wrong-type")
    assert where(d) == (PAGE, line, col)
    assert "mapping" in d.message
    assert "key: value" in d.hint


@pytest.mark.parametrize(("value", "type_name"), [
    ("42", "a number"), ("2026", "a number"), ("3.5", "a decimal number"), ("yes", "true/false"),
    ("2026-11-20", "a date"),
])
def test_title_that_is_not_text_hints_at_quotes(check, value: str, type_name: str) -> None:
    text = f"---\ntitle: {value}\nsummary: s\nreviewed: 2026-11-20\n---\n"
    d = one(page_problems(check, text), "wrong-type")
    assert where(d) == (PAGE, 2, 8)
    assert d.message == f"'title' must be text, not {type_name}"
    assert d.hint == "put it in quotes"


def test_quoted_number_title_is_fine(check) -> None:
    diags = page_problems(check, "---\ntitle: '42'\nsummary: s\nreviewed: 2026-11-20\n---\n")
    assert_no_input_errors(diags)


def test_empty_front_matter_reports_every_required_key(check) -> None:
    diags = page_problems(check, "---\n---\nBody.\n")
    missing = sorted(d.message for d in diags if d.code == "missing-field" and d.path == PAGE)
    assert missing == ["required key 'reviewed' is missing", "required key 'summary' is missing",
                       "required key 'title' is missing"], show(diags)


def test_keys_that_are_not_words_are_named_as_written(check) -> None:
    text = "---\ntitle: Extra\nsummary: s\nreviewed: 2026-11-20\n1: a\nnull: b\ntrue: c\n---\n"
    found = [(d.line, d.message) for d in page_problems(check, text) if d.code == "unknown-key"]
    assert found == [(5, "unknown key '1'"), (6, "unknown key 'null'"),
                     (7, "unknown key 'true'")]


def test_a_value_that_refers_to_itself(check) -> None:
    text = "---\ntitle: Extra\nsummary: s\nreviewed: 2026-11-20\ntags: &t [a, *t]\n---\n"
    d = one(page_problems(check, text), "yaml-syntax")
    assert where(d) == (PAGE, 5, 7)
    assert "contains itself" in d.message
    assert "aliases" in d.hint


def test_python_tags_are_refused_at_their_position(check) -> None:
    text = ("---\ntitle: Extra\nsummary: s\nreviewed: 2026-11-20\n"
            "tags: !!python/object/apply:os.system [echo hi]\n---\n")
    d = one(page_problems(check, text), "yaml-syntax")
    assert where(d) == (PAGE, 5, 7)
    assert "python/object/apply:os.system" in d.message
    assert "remove the tag" in d.hint


def test_a_long_unreadable_value_is_shortened_in_the_message(check) -> None:
    text = "---\ntitle: !!int " + "x" * 500 + "\nsummary: s\nreviewed: 2026-11-20\n---\n"
    d = one(page_problems(check, text), "yaml-syntax")
    assert where(d) == (PAGE, 2, 8)
    assert len(d.message) < 200


# --- encodings and line ends --------------------------------------------------------------------

def test_invalid_utf8_byte_at_its_line_and_column(check) -> None:
    data = b"---\ntitle: Extra\nsummary: Caf\xe9 au lait\nreviewed: 2026-11-20\n---\n"
    d = one(page_problems(check, data), "encoding")
    assert where(d) == (PAGE, 3, 13)
    assert "0xe9" in d.message
    assert "UTF-8" in d.hint


def test_invalid_utf8_after_multibyte_characters_counts_characters(check) -> None:
    data = "---\ntitle: Extra\nsummary: ééé ".encode() + b"\xff\n---\n"
    d = one(page_problems(check, data), "encoding")
    assert where(d) == (PAGE, 3, 14)
    assert "0xff" in d.message


def test_invalid_utf8_in_the_body(check) -> None:
    data = GOOD.encode() + b"\nSecond \x80 paragraph.\n"
    d = one(page_problems(check, data), "encoding")
    assert where(d) == (PAGE, 8, 8)


def test_invalid_utf8_after_a_bom(check) -> None:
    data = b"\xef\xbb\xbf---\ntitle: Caf\xe9\n---\n"
    d = one(page_problems(check, data), "encoding")
    assert where(d) == (PAGE, 2, 11)
    assert "0xe9" in d.message


def test_invalid_utf8_with_crlf_line_ends(check) -> None:
    data = b"---\r\ntitle: Extra\r\nsummary: Caf\xe9\r\n---\r\n"
    d = one(page_problems(check, data), "encoding")
    assert where(d) == (PAGE, 3, 13)


def test_bom_is_accepted_and_not_counted(check) -> None:
    text = "---\ntitle: 42\nsummary: s\nreviewed: 2026-11-20\n---\n"
    plain = page_problems(check, text)
    with_bom = page_problems(check, "\ufeff" + text)
    assert [where(d) for d in input_errors(with_bom)] == [where(d) for d in input_errors(plain)] \
        == [(PAGE, 2, 8)]


def test_bom_page_that_is_valid_passes(check) -> None:
    diags = page_problems(check, ("\ufeff" + GOOD).encode())
    assert_no_input_errors(diags)


# One file with problems in the front matter and the body, to compare line-end styles.
MANY = (
    "---\n"
    "title: Extra\n"
    "summary: An extra page.\n"
    "reviewed: 2026-11-22\n"              # 4:11 future-date
    "tags: [a, b]\n"
    "draft: maybe\n"                      # 6:8 wrong-type
    "sumary: typo\n"                      # 7:1 unknown-key
    "---\n"
    "## Section\n"
    "\n"
    "See [[psoas-majr]] and <b onclick=\"x()\">bold</b>.\n"   # 11:5 unknown-page, 11:27 unsafe
    "\n"
    "Also [[#sektion]].\n"                # 13:6 unknown-anchor
)
MANY_EXPECTED = [
    ("future-date", 4, 11), ("wrong-type", 6, 8), ("unknown-key", 7, 1),
]
MANY_BODY_EXPECTED = [
    ("unknown-page", 11, 5), ("unsafe-html", 11, 27), ("unknown-anchor", 13, 6),
]


def positions(diags: list[Diagnostic]) -> list[tuple[str, int, int]]:
    return sorted((d.code, d.line, d.col) for d in errors(diags) if d.path == PAGE)


def test_front_matter_problems_positions_lf(check) -> None:
    assert positions(page_problems(check, MANY)) == sorted(MANY_EXPECTED)


def test_body_problems_positions_lf(check) -> None:
    fixed = MANY.replace("reviewed: 2026-11-22", "reviewed: 2026-11-20") \
        .replace("draft: maybe\n", "").replace("sumary: typo\n", "")
    diags = page_problems(check, fixed)
    assert positions(diags) == sorted((c, line - 2, col) for c, line, col in MANY_BODY_EXPECTED)


@pytest.mark.parametrize("style", ["\r\n", "\r"])
def test_crlf_and_cr_give_the_same_positions_as_lf(check, style: str) -> None:
    fixed = MANY.replace("reviewed: 2026-11-22", "reviewed: 2026-11-20") \
        .replace("draft: maybe\n", "").replace("sumary: typo\n", "")
    for text in (MANY, fixed):
        lf = page_problems(check, text)
        other = page_problems(check, text.replace("\n", style))
        bom = page_problems(check, ("\ufeff" + text.replace("\n", style)).encode())
        assert positions(lf) == positions(other) == positions(bom), show(other)
        assert positions(lf)


def test_mixed_line_ends(check) -> None:
    text = "---\r\ntitle: Extra\nsummary: s\r\nreviewed: 2026-11-20\n---\r\n\r\n[[nowhere]]\n"
    d = one(page_problems(check, text), "unknown-page")
    assert where(d) == (PAGE, 7, 1)


# --- odd input never raises ---------------------------------------------------------------------

ODD: dict[str, str | bytes] = {
    "binary-png": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00",
    "binary-utf8ish": b"\x00\x01\x02\x03---\n\x00",
    "bad-surrogate": b"---\ntitle: \xed\xa0\x80\n---\n",
    "empty": b"",
    "only-bom": b"\xef\xbb\xbf",
    "only-fence": "---",
    "list": "---\n- a\n- b\n---\n",
    "null-doc": "---\n~\n---\n",
    "tabs": "---\ntitle: A\n\tsummary: s\n---\n",
    "python-tag": "---\ntitle: !!python/object:os.system x\nsummary: s\n---\n",
    "python-apply": "---\ntags: !!python/object/apply:os.system [echo hi]\n---\n",
    "python-name": "---\ntitle: !!python/name:os.system\n---\n",
    "unknown-tag": "---\ntitle: !thing x\n---\n",
    "set-tag": "---\ntags: !!set {a, b}\n---\n",
    "merge-key": "---\n<<: {title: x}\n---\n",
    "self-alias": "---\ntags: &a [*a]\n---\n",
    "undefined-alias": "---\ntags: *nope\n---\n",
    "alias-bomb": "---\n" + "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]\n" for i in range(1, 8)) + "---\n",
    "deep-nesting": "---\ntags: " + "[" * 3000 + "]" * 3000 + "\n---\n",
    "complex-key": "---\n? [a, b]\n: c\n---\n",
    "number-keys": "---\n1: a\nnull: b\ntrue: c\n---\n",
    "directive": "---\n%YAML 1.1\n---\n",
    "two-docs": "---\ntitle: a\n--- \n---\n",
    "nul-in-yaml": "---\ntitle: a\x00b\n---\n",
    "huge-line": "---\ntitle: " + "x" * 200_000 + "\n---\n",
    "bad-dates": "---\nreviewed: 2026-02-30\ndate: 0000-01-01\n---\n",
    "huge-int": "---\nweight: " + "9" * 5000 + "\nsets: 1e999\n---\n",
    "items-scalars": "---\nitems: [[[]]]\n---\n",
    "html-mess": GOOD + "<div><script>\n<a href='jav&#x0A;ascript:x'>x</a>\n<![CDATA[ x",
    "unclosed-fence-body": GOOD + "```\n[[nowhere]]\n<script>x</script>\n",
    "weird-wiki": GOOD + "[[]] [[|]] [[#]] [[ | x]] [[a#b#c]] [[a|b|c]] [[../x.md]]\n",
    "weird-links": GOOD + "[a](.md) [b](../../../../etc/passwd.md) [c](%ZZ.md) [d](<>) [e](#)\n",
}


@pytest.mark.parametrize("name", sorted(ODD))
def test_odd_input_gives_diagnostics_never_an_exception(check, name: str) -> None:
    path = f"content/routines/{name}.md"
    diags = check({**base_files(), path: ODD[name]})  # would raise on a traceback
    mine = [d for d in input_errors(diags) if d.path == path]
    assert mine, f"no error for {name}:\n{show(diags)}"
    for d in mine:
        assert d.line >= 1 and d.col >= 1
        assert d.message and d.code
    others = [d for d in input_errors(diags) if d.path != path]
    assert not others, show(others)


def test_every_odd_file_at_once(check) -> None:
    files = {**base_files(), **{f"content/pages/{n}.md": t for n, t in ODD.items()}}
    diags = check(files)
    reported = {d.path for d in input_errors(diags)}
    assert reported == {f"content/pages/{n}.md" for n in ODD}, show(diags)


# --- both YAML loaders (libyaml and pure Python) agree on positions ------------------------------

LOADER_CASES = [
    ("a: 1\nb: é\x01", [(3, 5, "yaml-syntax")]),
    ("a: &x [*x]", [(2, 4, "yaml-syntax")]),
    ('t: "x\nb: 2', [(2, 4, "yaml-syntax")]),
    ("x: !!python/object/apply:os.system [ls]", [(2, 4, "yaml-syntax")]),
    ("a: 1\n  b: 2", [(3, 4, "yaml-syntax")]),
    ("a: 1\na: 2", [(3, 1, "duplicate-key")]),
    ("reviewed: 2026-02-30\n1: a\nnull: b", []),
]


@pytest.mark.parametrize("loader", ["CSafeLoader", "SafeLoader"])
@pytest.mark.parametrize(("text", "expected"), LOADER_CASES)
def test_yaml_loaders_agree(monkeypatch, loader: str, text: str,
                            expected: list[tuple[int, int, str]]) -> None:
    import yaml

    from psoasguide import yamlsource

    if not hasattr(yaml, loader):
        pytest.skip(f"PyYAML was built without {loader}")
    monkeypatch.setattr(yamlsource, "Loader", getattr(yaml, loader))
    loaded = yamlsource.load(text, PAGE, first_line=2)
    assert [(d.line, d.col, d.code) for d in loaded.diagnostics] == expected
    if not expected:
        assert loaded.data == {"reviewed": "2026-02-30", "1": "a", "null": "b"}
