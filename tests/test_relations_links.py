"""Typed relations and body links: unknown, wrong-kind, self, duplicate and draft targets, and
wiki or relative links to unknown pages or anchors, each at the place it was written.

Helper article layout (see conftest): a page's body starts on line 6; a stretch's `targets` is
line 9, its extra keys start on line 13 and are followed by one references line, so its body
starts on line 15 plus the number of extra lines; a cause's `affects` is line 6; a routine's first
item is line 6 ('  - stretch: couch-stretch', the slug at column 14).
"""

from __future__ import annotations

import pytest
from conftest import (
    ANATOMY,
    CAUSE,
    PAGE,
    ROUTINE,
    STRETCH,
    anatomy_md,
    assert_no_input_errors,
    base_files,
    cause_md,
    input_errors,
    one,
    page_md,
    routine_md,
    show,
    stretch_md,
    where,
    with_code,
)

from psoasguide import BuildConfig, Diagnostic, Severity, build

BODY = 6  # first body line of page_md()

ABOUT_BODY = """\
## Why it matters

Text.

## How it feels

More text.
"""


def site(check, drafts: bool = False, **changes: str) -> list[Diagnostic]:
    """The base site, with files replaced by keyword (anatomy=, cause=, ...)."""
    paths = {"anatomy": ANATOMY, "cause": CAUSE, "stretch": STRETCH, "routine": ROUTINE,
             "page": PAGE}
    files = {**base_files(), **{paths.get(k, k): v for k, v in changes.items()}}
    return check(files, drafts=drafts)


def body_problems(check, body: str, **changes: str) -> list[Diagnostic]:
    """Diagnostics when the about page has this body (the other pages as in the base site)."""
    return site(check, page=page_md(body=body), **changes)


# --- typed relations ----------------------------------------------------------------------------

def test_all_relations_resolve(check) -> None:
    stretch = stretch_md(extra="helps: [prolonged-sitting]\nrelated: [desk-break, about]\n")
    assert_no_input_errors(site(check, stretch=stretch))


def test_unknown_target_in_a_block_list(check) -> None:
    diags = site(check, stretch=stretch_md(targets="\n  - psoas-major\n  - psoas-majr"))
    d = one(diags, "unknown-target")
    assert where(d) == (STRETCH, 11, 5)
    assert d.message == "'psoas-majr' is not an anatomy page"
    assert d.hint == "did you mean 'psoas-major'?"


def test_unknown_target_in_a_flow_list(check) -> None:
    d = one(site(check, stretch=stretch_md(targets="[psoas-major, psoa-major]")), "unknown-target")
    assert where(d) == (STRETCH, 9, 24)
    assert d.hint == "did you mean 'psoas-major'?"


def test_unknown_target_formatted_as_in_the_design(check) -> None:
    from psoasguide import format_line

    d = one(site(check, stretch=stretch_md(targets="[psoas-majr]")), "unknown-target")
    assert format_line(d) == (
        "content/stretches/couch-stretch.md:9:11: error[unknown-target] 'psoas-majr' is not an "
        "anatomy page (did you mean 'psoas-major'?)")


def test_unknown_target_with_nothing_close_has_no_hint(check) -> None:
    d = one(site(check, stretch=stretch_md(targets="[knee]")), "unknown-target")
    assert where(d) == (STRETCH, 9, 11)
    assert d.hint == ""


@pytest.mark.parametrize(("changes", "path", "line", "col", "message"), [
    ({"stretch": stretch_md(targets="[prolonged-sitting]")}, STRETCH, 9, 11,
     "'prolonged-sitting' is not an anatomy page (it is a cause page)"),
    ({"stretch": stretch_md(extra="helps: [psoas-major]\n")}, STRETCH, 13, 9,
     "'psoas-major' is not a cause page (it is an anatomy page)"),
    ({"cause": cause_md(affects="[couch-stretch]")}, CAUSE, 6, 11,
     "'couch-stretch' is not an anatomy page (it is a stretch page)"),
    ({"routine": routine_md(items="\n  - stretch: psoas-major\n")}, ROUTINE, 6, 14,
     "'psoas-major' is not a stretch page (it is an anatomy page)"),
    ({"routine": routine_md(items="\n  - stretch: about\n")}, ROUTINE, 6, 14,
     "'about' is not a stretch page (it is a page page)"),
])
def test_target_of_the_wrong_kind(check, changes: dict[str, str], path: str, line: int,
                                  col: int, message: str) -> None:
    d = one(site(check, **changes), "unknown-target")
    assert where(d) == (path, line, col)
    assert d.message == message


def test_wrong_kind_hint_names_a_page_of_the_right_kind(check) -> None:
    files = {"content/causes/psoas-major-strain.md": cause_md("Strain", affects="[]")}
    d = one(site(check, stretch=stretch_md(extra="helps: [psoas-major]\n"), **files),
            "unknown-target")
    assert d.hint == "did you mean 'psoas-major-strain'?"


def test_unknown_routine_item(check) -> None:
    d = one(site(check, routine=routine_md(items="\n  - stretch: couch-strech\n")),
            "unknown-target")
    assert where(d) == (ROUTINE, 6, 14)
    assert d.message == "'couch-strech' is not a stretch page"
    assert d.hint == "did you mean 'couch-stretch'?"


def test_related_may_name_any_kind_but_must_exist(check) -> None:
    d = one(site(check, page=page_md(extra="related: [couch-stretch, desk-brake]\n")),
            "unknown-target")
    assert where(d) == (PAGE, 5, 26)
    assert d.message == "'desk-brake' is not a page"
    assert d.hint == "did you mean 'desk-break'?"


@pytest.mark.parametrize(("changes", "path", "line", "col", "relation"), [
    ({"stretch": stretch_md(extra="related: [couch-stretch]\n")}, STRETCH, 13, 11, "related"),
    ({"page": page_md(extra="related:\n  - desk-break\n  - about\n")}, PAGE, 7, 5, "related"),
    ({"cause": cause_md(affects="[psoas-major]", extra="related: [prolonged-sitting]\n")},
     CAUSE, 7, 11, "related"),
])
def test_self_relation(check, changes: dict[str, str], path: str, line: int, col: int,
                       relation: str) -> None:
    d = one(site(check, **changes), "self-relation")
    assert where(d) == (path, line, col)
    assert d.message == f"'{relation}' names this page itself"
    assert d.hint == "remove it"


def test_duplicate_relation_is_a_warning(check) -> None:
    diags = site(check, stretch=stretch_md(targets="[psoas-major, psoas-major]"))
    d = one(diags, "duplicate-relation")
    assert d.severity is Severity.WARNING
    assert where(d) == (STRETCH, 9, 24)  # the repeat, not the first
    assert d.message == "'psoas-major' is listed twice in 'targets'"
    assert d.hint == "remove the repeat"
    assert_no_input_errors(diags)


def test_duplicate_related_in_a_block_list(check) -> None:
    d = one(site(check, page=page_md(extra="related:\n  - desk-break\n  - desk-break\n")),
            "duplicate-relation")
    assert where(d) == (PAGE, 7, 5)


def test_same_stretch_twice_in_a_routine_is_fine(check) -> None:
    items = "\n  - stretch: couch-stretch\n  - stretch: couch-stretch\n"
    diags = site(check, routine=routine_md(items=items))
    assert not with_code(diags, "duplicate-relation"), show(diags)
    assert_no_input_errors(diags)


def test_a_routine_listing_a_stretch_twice_is_shown_once_under_it(make_site) -> None:
    items = "\n  - stretch: couch-stretch\n  - stretch: couch-stretch\n"
    files = {**base_files(), ROUTINE: routine_md(items=items)}
    result = build(BuildConfig(root=make_site(files), write=False))
    assert result.graph.inverse["couch-stretch"]["in-routine"] == ("desk-break",)
    html = next(f.data for f in result.files
                if f.path == "stretches/couch-stretch/index.html").decode()
    listed = html.split('data-rel="in-routine"', 1)[1].split("</ul>", 1)[0]
    assert listed.count("Desk break") == 1, listed


def test_relation_to_a_draft(check) -> None:
    diags = site(check, anatomy=anatomy_md(extra="draft: true\n"))
    found = sorted(with_code(diags, "draft-target"), key=where)
    assert [where(d) for d in found] == [(CAUSE, 6, 11), (STRETCH, 9, 11)], show(diags)
    assert found[1].message == "'targets' names 'psoas-major', which is a draft"
    assert "--drafts" in found[1].hint


def test_relation_to_a_draft_is_fine_when_building_drafts(check) -> None:
    diags = site(check, drafts=True, anatomy=anatomy_md(extra="draft: true\n"))
    assert_no_input_errors(diags)


def test_routine_item_that_is_a_draft(check) -> None:
    d = one(site(check, stretch=stretch_md(extra="draft: true\n")), "draft-target")
    assert where(d) == (ROUTINE, 6, 14)
    assert "'couch-stretch'" in d.message


def test_draft_relating_to_a_draft_is_fine(check) -> None:
    diags = site(check, anatomy=anatomy_md(extra="draft: true\n"),
                 stretch=stretch_md(extra="draft: true\n"),
                 cause=cause_md(extra="draft: true\n"),
                 routine=routine_md(extra="draft: true\n"))
    assert_no_input_errors(diags)


# --- body links ---------------------------------------------------------------------------------

def test_good_body_links(check) -> None:
    body = ("## Start\n\n[[psoas-major]], [[psoas-major|the psoas]], [[couch-stretch#steps]],\n"
            "[[about#start]], [[#start]], [[ desk-break ]],\n"
            "[text](../stretches/couch-stretch.md), [dose](../stretches/couch-stretch.md#dose)\n"
            "and [self](about.md#start).\n")
    assert_no_input_errors(body_problems(check, body))


def test_unknown_page(check) -> None:
    d = one(body_problems(check, "Intro.\n\nSee [[psoas-majr]] for more.\n"), "unknown-page")
    assert where(d) == (PAGE, BODY + 2, 5)
    assert d.message == "'psoas-majr' is not a page of this site"
    assert d.hint == "did you mean 'psoas-major'?"


def test_unknown_page_with_text(check) -> None:
    d = one(body_problems(check, "Read [[couch-strech|this stretch]].\n"), "unknown-page")
    assert where(d) == (PAGE, BODY, 6)
    assert d.hint == "did you mean 'couch-stretch'?"


def test_unknown_anchor(check) -> None:
    page = page_md(body=ABOUT_BODY)
    diags = site(check, page=page, stretch=stretch_md(body="Body.\n\nSee [[about#how-it-feel]].\n"))
    d = one(diags, "unknown-anchor")
    assert where(d) == (STRETCH, 17, 5)  # 13 front-matter lines, then '---', 'Body.', ''
    assert d.message == "'about' has no heading '#how-it-feel'"
    assert d.hint == "did you mean 'how-it-feels'?"


def test_anchor_of_a_template_section(check) -> None:
    diags = body_problems(check, "[[couch-stretch#stop-if]] [[couch-stretch#stopif]]\n")
    d = one(diags, "unknown-anchor")
    assert where(d) == (PAGE, BODY, 27)
    assert d.hint == "did you mean 'stop-if'?"


def test_same_page_anchor(check) -> None:
    body = ABOUT_BODY + "\nBack to [[#why-it-matters]] or [[#how-it-fels|here]].\n"
    d = one(body_problems(check, body), "unknown-anchor")
    assert where(d) == (PAGE, BODY + 8, 32)
    assert d.message == "'about' has no heading '#how-it-fels'"
    assert d.hint == "did you mean 'how-it-feels'?"


def test_relative_link_to_an_unknown_file(check) -> None:
    body = "Line one.\n\nTry [the stretch](../stretches/couch-strech.md) today.\n"
    d = one(body_problems(check, body), "unknown-page")
    assert where(d) == (PAGE, BODY + 2, 19)  # where the path is written
    assert "content/stretches/couch-strech.md" in d.message
    assert d.hint == "did you mean 'content/stretches/couch-stretch.md'?"


def test_relative_link_with_a_bad_anchor(check) -> None:
    body = "[a](../stretches/couch-stretch.md#dose) [b](../anatomy/psoas-major.md#nerves)\n"
    d = one(body_problems(check, body), "unknown-anchor")
    assert where(d) == (PAGE, BODY, 45)
    assert d.message == "'psoas-major' has no heading '#nerves'"


def test_relative_link_to_the_wrong_folder(check) -> None:
    d = one(body_problems(check, "[x](../anatomy/couch-stretch.md)\n"), "unknown-page")
    assert where(d) == (PAGE, BODY, 5)
    assert "content/anatomy/couch-stretch.md" in d.message


def test_several_links_on_one_line(check) -> None:
    body = "[[psoas-major]] [[nope-one]] [[psoas-major]] [[nope-two]] [[nope-one]]\n"
    found = [where(d) for d in with_code(body_problems(check, body), "unknown-page")]
    assert sorted(found) == [(PAGE, BODY, 17), (PAGE, BODY, 46), (PAGE, BODY, 59)]


def test_links_in_lists_quotes_and_tables(check) -> None:
    body = ("- item [[nope-a]]\n"
            "  - nested [[nope-b]]\n"
            "\n"
            "> quoted [[nope-c]]\n"
            "\n"
            "| a | b |\n"
            "| - | - |\n"
            "| x | [[nope-d]] |\n"
            "\n"
            "Footnote.[^1]\n"
            "\n"
            "[^1]: In a note [[nope-e]].\n")
    found = sorted(where(d) for d in with_code(body_problems(check, body), "unknown-page"))
    assert found == [(PAGE, BODY, 8), (PAGE, BODY + 1, 12), (PAGE, BODY + 3, 10),
                     (PAGE, BODY + 7, 7), (PAGE, BODY + 11, 17)]


def test_links_in_code_are_left_alone(check) -> None:
    body = ("Inline `[[nope-a]]` and ``[x](../nope.md)`` code.\n"
            "\n"
            "```\n"
            "[[nope-b]] [y](../nope.md)\n"
            "```\n"
            "\n"
            "~~~markdown\n"
            "[[nope-c]]\n"
            "~~~\n"
            "\n"
            "    [[nope-d]] indented code\n"
            "\n"
            "- list\n"
            "\n"
            "    ```\n"
            "    [[nope-e]]\n"
            "    ```\n")
    assert_no_input_errors(body_problems(check, body))


def test_link_after_the_same_text_in_code_is_placed_right(check) -> None:
    body = "`[[nope]]` then [[nope]]\n\n```\n[[nope]]\n```\n\nand [[nope]]\n"
    found = sorted(where(d) for d in with_code(body_problems(check, body), "unknown-page"))
    assert found == [(PAGE, BODY, 17), (PAGE, BODY + 6, 5)]


def test_link_after_the_same_text_in_an_indented_code_block(check) -> None:
    body = "Code:\n\n    [[nope]]\n\nReal [[nope]]\n\n- list\n\n    paragraph [[nope]]\n"
    found = sorted(where(d) for d in with_code(body_problems(check, body), "unknown-page"))
    assert found == [(PAGE, BODY + 4, 6), (PAGE, BODY + 8, 15)]


def test_body_link_to_a_draft(check) -> None:
    diags = site(check, page=page_md(body="Text [[desk-break]].\n"),
                 routine=routine_md(extra="draft: true\n"))
    d = one(diags, "draft-target")
    assert where(d) == (PAGE, BODY, 6)
    assert d.message == "this page links to 'desk-break', which is a draft"
    assert "--drafts" in d.hint


def test_relative_link_to_a_draft(check) -> None:
    diags = site(check, page=page_md(body="Text [x](../routines/desk-break.md).\n"),
                 routine=routine_md(extra="draft: true\n"))
    assert where(one(diags, "draft-target")) == (PAGE, BODY, 10)


def test_body_link_to_a_draft_is_fine_with_drafts(check) -> None:
    diags = site(check, drafts=True, page=page_md(body="Text [[desk-break]].\n"),
                 routine=routine_md(extra="draft: true\n"))
    assert_no_input_errors(diags)


def test_crlf_body_positions(check) -> None:
    body = "Intro.\r\n\r\nSee [[psoas-majr]] and [x](../nope.md).\r\n"
    page = page_md().replace("\n", "\r\n").replace("Body text.\r\n", body)
    found = sorted((d.code, d.line, d.col) for d in input_errors(site(check, page=page)))
    assert found == [("unknown-page", BODY + 2, 5), ("unknown-page", BODY + 2, 28)]


def test_wide_characters_before_a_link(check) -> None:
    body = "Ünïcödé 😀 text [[nope]]\n"  # 15 characters before the link, more bytes
    d = one(body_problems(check, body), "unknown-page")
    assert where(d) == (PAGE, BODY, 16)


# --- errors are not repeated ---------------------------------------------------------------------

def test_links_to_a_broken_page_are_not_reported_again(check) -> None:
    broken_anatomy = anatomy_md(drop=["origin"])  # psoas-major has an error of its own
    page = page_md(body="[[psoas-major]], [[psoas-major#x]], [x](../anatomy/psoas-major.md)\n")
    diags = site(check, anatomy=broken_anatomy, page=page)
    assert [(d.path, d.code) for d in input_errors(diags)] == [(ANATOMY, "missing-field")], \
        show(diags)


def test_relations_to_a_broken_page_are_not_reported_again(check) -> None:
    diags = site(check, stretch=stretch_md(extra="bogus: 1\n"))  # the routine names it
    assert [(d.path, d.code) for d in input_errors(diags)] == [(STRETCH, "unknown-key")], \
        show(diags)


@pytest.mark.parametrize("broken", [
    b"\xff\xfe not UTF-8", "no front matter", "---\ntitle: [unclosed\n---\n", "---\n- a\n---\n",
])
def test_unreadable_target_is_reported_once(check, broken: str | bytes) -> None:
    diags = site(check, anatomy=broken)
    assert {d.path for d in input_errors(diags)} == {ANATOMY}, show(diags)
    assert len(input_errors(diags)) == 1


# --- many problems at once ----------------------------------------------------------------------

def test_every_link_problem_in_one_run(check) -> None:
    diags = site(
        check,
        stretch=stretch_md(targets="[psoas-majr, prolonged-sitting, psoas-major, psoas-major]",
                           extra="related: [couch-stretch]\n",
                           body="Body.\n\n[[nowhere]] and [[about#nowhere]]\n"),
        routine=routine_md(items="\n  - stretch: couch-strech\n"),
        page=page_md(body="[[#missing]]\n"),
    )
    found = [(d.path, d.line, d.col, d.code, d.severity) for d in diags
             if d.path.startswith("content/") and d.code != "orphan"]
    e, w = Severity.ERROR, Severity.WARNING
    assert [f for f in found if f[4] is e or f[3] == "duplicate-relation"] == [
        (PAGE, BODY, 1, "unknown-anchor", e),
        (ROUTINE, 6, 14, "unknown-target", e),
        (STRETCH, 9, 11, "unknown-target", e),
        (STRETCH, 9, 23, "unknown-target", e),
        (STRETCH, 13, 11, "self-relation", e),
        (STRETCH, 18, 1, "unknown-page", e),  # 1 extra line + references: the body is at 16
        (STRETCH, 18, 17, "unknown-anchor", e),
        (STRETCH, 9, 55, "duplicate-relation", w),  # warnings after every error
    ], show(diags)


def test_whole_site_in_one_run_errors_first(check) -> None:
    files = {
        ANATOMY: anatomy_md(drop=["origin"], extra="regoin: hip\n"),
        CAUSE: cause_md().replace("evidence: limited", "evidence: strong")
                         .replace("reviewed: 2026-11-20", "reviewed: 2027-01-01"),
        STRETCH: stretch_md(targets="[psoas-major, psoas-major]",
                            body="[[nowhere]]\n\n<script></script>\n"),
        ROUTINE: "no front matter\n",
        PAGE: b"---\ntitle: Caf\xe9\n---\n",
        "content/pages/other.md": "---\ntitle: [unclosed\nsummary: s\n---\n",
        "content/pages/Bad_Name.md": page_md("Bad name", body="[[#nowhere]]\n"),
    }
    diags = check(files)
    assert diags == sorted(diags, key=Diagnostic.sort_key)
    ranks = [d.severity is Severity.WARNING for d in diags]
    assert ranks == sorted(ranks), "every error comes before every warning"
    assert [(d.path, d.line, d.col, d.code) for d in input_errors(diags)] == [
        (ANATOMY, 2, 1, "missing-field"),
        (ANATOMY, 8, 1, "unknown-key"),  # 'origin' dropped, so the extra line moves up
        (CAUSE, 4, 11, "future-date"),
        (CAUSE, 5, 11, "bad-value"),
        ("content/pages/Bad_Name.md", 1, 1, "bad-slug"),
        (PAGE, 2, 11, "encoding"),
        ("content/pages/other.md", 3, 8, "yaml-syntax"),
        (ROUTINE, 1, 1, "no-front-matter"),
        (STRETCH, 15, 1, "unknown-page"),
        (STRETCH, 17, 1, "unsafe-html"),
    ], show(diags)
    assert (STRETCH, 9, 24, "duplicate-relation") in [
        (d.path, d.line, d.col, d.code) for d in diags if d.severity is Severity.WARNING]


def test_site_yaml_and_content_problems_in_one_run(check) -> None:
    diags = check({**base_files(), PAGE: page_md(extra="tgas: [a]\n")},
                  site_yaml="title: T\nbase_url: example.org\n")
    assert {(d.path, d.code) for d in input_errors(diags)} == {
        ("site.yaml", "bad-url"), (PAGE, "unknown-key")}


def test_duplicate_of_a_broken_or_unknown_target_is_still_a_duplicate(check) -> None:
    diags = site(check, anatomy=anatomy_md(drop=["origin"]),
                 stretch=stretch_md(targets="[psoas-major, psoas-major, knee, knee]"))
    dups = sorted(where(d) for d in with_code(diags, "duplicate-relation"))
    assert dups == [(STRETCH, 9, 24), (STRETCH, 9, 43)], show(diags)
    assert [where(d) for d in with_code(diags, "unknown-target")] == [(STRETCH, 9, 37)]
