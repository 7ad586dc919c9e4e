"""Each kind's front-matter schema: required keys, enums, limits, dates, lists, doses, slugs.

Line layout of the helper articles (conftest), which the positions below rely on:
  anatomy: 2 title, 3 summary, 4 reviewed, 5 origin, 6 insertion, 7 innervation, 8 actions, 9 extra
  cause:   2 title, 3 summary, 4 reviewed, 5 evidence, 6 affects, 7 extra
  stretch: 2 title, 3 summary, 4 reviewed, 5 type, 6 difficulty, 7 hold_seconds, 8 sets,
           9 targets, 10 steps, 11 avoid_if, 12 stop_if, 13 extra
  routine: 2 title, 3 summary, 4 reviewed, 5 items:, 6 '  - stretch: couch-stretch', 7 extra
  page:    2 title, 3 summary, 4 reviewed, 5 extra
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from conftest import (
    ANATOMY,
    CAUSE,
    PAGE,
    ROUTINE,
    STRETCH,
    TODAY,
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

from psoasguide import Diagnostic
from psoasguide.content.load import load_documents

MAKERS = {ANATOMY: anatomy_md, CAUSE: cause_md, STRETCH: stretch_md, ROUTINE: routine_md,
          PAGE: page_md}


def site_with(check, path: str, text: str, **files: str) -> list[Diagnostic]:
    """Diagnostics of the valid base site with `path` replaced by `text`."""
    return check({**base_files(), path: text, **files})


def test_every_kind_valid(check) -> None:
    assert_no_input_errors(check(base_files()))


def test_the_design_example_stretch_is_valid(check) -> None:
    example = textwrap.dedent("""\
        ---
        title: Half-kneeling hip flexor stretch
        summary: Lengthens the iliopsoas of the back leg; the pelvic tuck is what makes it work.
        reviewed: 2026-11-20
        type: stretch
        difficulty: beginner
        equipment: [cushion]
        hold_seconds: 30
        sets: 3
        per_side: true
        targets: [psoas-major, iliacus]
        helps: [prolonged-sitting]
        tags: [hip-flexors, kneeling]
        steps:
          - Kneel on a cushion with one foot forward.
          - Tuck the tailbone and squeeze the buttock of the back leg.
        avoid_if:
          - Knee pain when kneeling; use the standing version instead.
        stop_if:
          - Sharp, shooting or electric pain.
          - Pins and needles or numbness.
        common_mistakes:
          - Arching the lower back instead of tucking the pelvis.
        references:
          - title: "ACSM's Guidelines for Exercise Testing and Prescription"
            publisher: American College of Sports Medicine
            year: 2021
            url: https://www.acsm.org/
          - title: A second source, as the linter asks for two
            publisher: A journal
            year: 2020
        ---
        Body in Markdown: why it works, variations, how it should feel. Links: [[psoas-major]].
        """)
    files = {**base_files(),
             "content/anatomy/iliacus.md": anatomy_md("Iliacus"),
             "content/stretches/half-kneeling-hip-flexor-stretch.md": example}
    assert_no_input_errors(check(files))


def test_every_optional_key_of_every_kind(check) -> None:
    common = ("tags: [a, b]\nrelated: [about]\ndraft: false\n"
              "date: 2026-01-01\nweight: -3\nreferences:\n  - title: A book\n    publisher: P\n"
              "    year: 2026\n    url: https://example.org/\n    doi: 10.1234/abc.5\n"
              "  - {title: Another, publisher: Q, year: 1999}\n")
    files = {
        ANATOMY: anatomy_md(extra=common + "region: hip\n"),
        CAUSE: cause_md(extra=common.replace("related: [about]", "related: [couch-stretch]")),
        STRETCH: stretch_md(extra=common + "equipment: [mat]\nper_side: true\nhelps: "
                            "[prolonged-sitting]\ncommon_mistakes: [Rushing.]\n"),
        ROUTINE: routine_md(items="\n  - stretch: couch-stretch\n    reps: 5\n    sets: 2\n",
                            extra=common),
        PAGE: page_md(extra=common.replace("related: [about]", "related: [desk-break]")
                      + "aliases: [/old/x/, /old/y.html]\n"),
    }
    assert_no_input_errors(check(files))


def test_validated_values_are_normalised(make_site) -> None:
    root = make_site({**base_files(), PAGE: page_md(extra="aliases: [/old/about, /a/b.html]\n")})
    documents, problems = load_documents(root, TODAY)
    assert not problems, show(problems)
    about = next(d for d in documents if d.slug == "about")
    assert about.aliases == ("/old/about/", "/a/b.html")
    assert about.url == "/pages/about/"


# --- required keys ------------------------------------------------------------------------------

REQUIRED = [
    *[(path, key) for path in MAKERS for key in ("title", "summary", "reviewed")],
    *[(ANATOMY, key) for key in ("origin", "insertion", "innervation", "actions")],
    (CAUSE, "evidence"),
    *[(STRETCH, key) for key in ("type", "difficulty", "sets", "targets", "steps", "avoid_if",
                                 "stop_if")],
    (ROUTINE, "items"),
]


@pytest.mark.parametrize(("path", "key"), REQUIRED)
def test_missing_required_field(check, path: str, key: str) -> None:
    diags = site_with(check, path, MAKERS[path](drop=[key]))
    d = one(diags, "missing-field")
    assert where(d) == (path, 2, 1)  # the start of the front matter
    assert d.message == f"required key '{key}' is missing"


def test_every_missing_field_in_one_run(check) -> None:
    diags = site_with(check, STRETCH, "---\nsets: 2\n---\n")
    missing = sorted(d.message.split("'")[1] for d in with_code(diags, "missing-field"))
    assert missing == sorted(["title", "summary", "reviewed", "type", "difficulty", "targets",
                              "steps", "avoid_if", "stop_if"]), show(diags)


def test_missing_field_in_a_routine_item(check) -> None:
    diags = site_with(check, ROUTINE, routine_md(items="\n  - reps: 5\n"))
    d = one(diags, "missing-field")
    assert where(d) == (ROUTINE, 6, 5)
    assert d.message == "required key 'items[0].stretch' is missing"


# --- unknown keys -------------------------------------------------------------------------------

@pytest.mark.parametrize(("path", "typo", "meant", "line"), [
    (ANATOMY, "orign: x", "origin", 9),
    (ANATOMY, "regoin: hip", "region", 9),
    (CAUSE, "afects: [psoas-major]", "affects", 7),
    (STRETCH, "dificulty: beginner", "difficulty", 13),
    (STRETCH, "equipement: [mat]", "equipment", 13),
    (STRETCH, "per-side: true", "per_side", 13),
    (STRETCH, "stop_when: [Pain.]", "stop_if", 13),
    (ROUTINE, "item: []", "items", 7),
    (PAGE, "tag: [a]", "tags", 5),
    (PAGE, "refrences: []", "references", 5),
])
def test_unknown_key_with_did_you_mean(check, path: str, typo: str, meant: str,
                                       line: int) -> None:
    d = one(site_with(check, path, MAKERS[path](extra=typo + "\n")), "unknown-key")
    assert where(d) == (path, line, 1)
    assert d.message == f"unknown key '{typo.split(':')[0]}'"
    assert d.hint == f"did you mean '{meant}'?"


def test_unknown_key_of_another_kind(check) -> None:
    # 'evidence' belongs to causes, not to anatomy pages
    d = one(site_with(check, ANATOMY, anatomy_md(extra="evidence: limited\n")), "unknown-key")
    assert where(d) == (ANATOMY, 9, 1)
    assert "'evidence'" in d.message


def test_unknown_key_nothing_close_lists_known_keys(check) -> None:
    d = one(site_with(check, PAGE, page_md(extra="zzzz: 1\n")), "unknown-key")
    assert where(d) == (PAGE, 5, 1)
    assert d.hint.startswith("known keys: ")
    assert "summary" in d.hint


def test_unknown_key_in_a_routine_item(check) -> None:
    diags = site_with(check, ROUTINE, routine_md(
        items="\n  - stretch: couch-stretch\n    hold_second: 30\n"))
    d = one(diags, "unknown-key")
    assert where(d) == (ROUTINE, 7, 5)
    assert d.message == "unknown key 'items[0].hold_second'"
    assert d.hint == "did you mean 'hold_seconds'?"


def test_unknown_key_in_a_reference(check) -> None:
    refs = ("references:\n  - title: T\n    publisher: P\n    year: 2020\n    isbn: 1\n"
            "  - title: T\n    publisher: P\n    year: 2020\n    yaer: 2021\n")
    diags = site_with(check, PAGE, page_md(extra=refs))
    first, second = sorted(with_code(diags, "unknown-key"), key=where)
    assert where(first) == (PAGE, 9, 5)
    assert first.message == "unknown key 'references[0].isbn'"
    assert first.hint == "known keys: doi, publisher, title, url, year"
    assert where(second) == (PAGE, 13, 5)
    assert second.message == "unknown key 'references[1].yaer'"
    assert second.hint == "did you mean 'year'?"


# --- enums --------------------------------------------------------------------------------------

@pytest.mark.parametrize(("path", "old", "new", "line", "col", "hint"), [
    (CAUSE, "evidence: limited", "evidence: establised", 5, 11, "did you mean 'established'?"),
    (CAUSE, "evidence: limited", "evidence: strong", 5, 11,
     "use one of established, limited, not-supported, not-known"),
    (CAUSE, "evidence: limited", "evidence: Limited", 5, 11, "did you mean 'limited'?"),
    (STRETCH, "type: stretch", "type: strech", 5, 7, "did you mean 'stretch'?"),
    (STRETCH, "type: stretch", "type: yoga", 5, 7, "use one of stretch, strength, mobility"),
    (STRETCH, "difficulty: beginner", "difficulty: beginer", 6, 13, "did you mean 'beginner'?"),
    (STRETCH, "difficulty: beginner", "difficulty: expert", 6, 13,
     "use one of beginner, intermediate, advanced"),
])
def test_bad_enum_value(check, path: str, old: str, new: str, line: int, col: int,
                        hint: str) -> None:
    d = one(site_with(check, path, MAKERS[path]().replace(old, new)), "bad-value")
    assert where(d) == (path, line, col)
    key, value = new.split(": ")
    assert d.message.startswith(f"'{key}' is '{value}', not one of ")
    assert d.hint == hint


def test_enum_that_is_not_text(check) -> None:
    d = one(site_with(check, STRETCH, stretch_md().replace("type: stretch", "type: [stretch]")),
            "wrong-type")
    assert where(d) == (STRETCH, 5, 7)
    assert "one of stretch, strength, mobility" in d.message


# --- summary length -----------------------------------------------------------------------------

def test_summary_over_160_characters(check) -> None:
    text = stretch_md().replace("summary: About couch stretch.", "summary: " + "x" * 161)
    d = one(site_with(check, STRETCH, text), "too-long")
    assert where(d) == (STRETCH, 3, 10)
    assert d.message == "'summary' has 161 characters; the limit is 160"
    assert "shorten" in d.hint


@pytest.mark.parametrize("summary", ["x" * 160, "é" * 160, "😀" * 160, "  " + "x" * 160 + "  "])
def test_summary_of_160_characters_is_fine(check, summary: str) -> None:
    text = page_md().replace("summary: About about.", f"summary: '{summary}'")
    assert_no_input_errors(site_with(check, PAGE, text))


def test_empty_summary(check) -> None:
    d = one(site_with(check, PAGE, page_md().replace("summary: About about.", "summary: ''")),
            "empty-value")
    assert where(d) == (PAGE, 3, 10)
    assert "'summary'" in d.message


def test_missing_summary_value_is_not_text(check) -> None:
    d = one(site_with(check, PAGE, page_md().replace("summary: About about.", "summary:")),
            "wrong-type")
    assert where(d) == (PAGE, 3, 9)
    assert d.message == "'summary' must be text, not nothing"


# --- dates --------------------------------------------------------------------------------------

@pytest.mark.parametrize("day", ["2026-11-22", "2027-01-01", "2099-12-31"])
def test_reviewed_in_the_future(check, day: str) -> None:
    text = anatomy_md().replace("reviewed: 2026-11-20", f"reviewed: {day}")
    d = one(site_with(check, ANATOMY, text), "future-date")
    assert where(d) == (ANATOMY, 4, 11)
    assert d.message == f"'reviewed' is {day}, which is in the future"
    assert d.hint == f"today is {TODAY.isoformat()}"


@pytest.mark.parametrize("day", ["2026-11-21", "2026-11-20", "'2026-11-21'", "2000-02-29",
                                 "2026-11-21T23:59:59"])
def test_reviewed_today_or_earlier_is_fine(check, day: str) -> None:
    text = anatomy_md().replace("reviewed: 2026-11-20", f"reviewed: {day}")
    assert_no_input_errors(site_with(check, ANATOMY, text))


def test_date_in_the_future(check) -> None:
    d = one(site_with(check, PAGE, page_md(extra="date: 2026-12-01\n")), "future-date")
    assert where(d) == (PAGE, 5, 7)
    assert "'date'" in d.message


@pytest.mark.parametrize(("value", "reason"), [
    ("20 Nov 2026", ""),
    ("2026/11/20", ""),
    ("'next week'", ""),
    ("2026-02-30", "day is out of range for month"),
    ("2026-13-01", "month must be in 1..12"),
    ("2025-02-29", "day is out of range for month"),
])
def test_bad_date(check, value: str, reason: str) -> None:
    text = cause_md().replace("reviewed: 2026-11-20", f"reviewed: {value}")
    d = one(site_with(check, CAUSE, text), "bad-date")
    assert where(d) == (CAUSE, 4, 11)
    assert d.message.startswith("'reviewed' is not a date: ")
    assert reason in d.message
    assert d.hint == "write it as YYYY-MM-DD"


@pytest.mark.parametrize(("value", "type_name"), [("2026", "a number"), ("[2026-11-20]", "a list"),
                                                  ("true", "true/false")])
def test_date_of_the_wrong_type(check, value: str, type_name: str) -> None:
    text = cause_md().replace("reviewed: 2026-11-20", f"reviewed: {value}")
    d = one(site_with(check, CAUSE, text), "wrong-type")
    assert where(d) == (CAUSE, 4, 11)
    assert d.message == f"'reviewed' must be a date (YYYY-MM-DD), not {type_name}"


# --- lists --------------------------------------------------------------------------------------

@pytest.mark.parametrize(("key", "line", "col"), [("steps", 10, 8), ("avoid_if", 11, 11),
                                                  ("stop_if", 12, 10), ("targets", 9, 10)])
def test_empty_required_list_of_a_stretch(check, key: str, line: int, col: int) -> None:
    lines = stretch_md().split("\n")
    lines[line - 1] = f"{key}: []"
    d = one(site_with(check, STRETCH, "\n".join(lines)), "empty-list")
    assert where(d) == (STRETCH, line, col)
    assert d.message == f"'{key}' must list at least one item"


def test_empty_actions_and_items(check) -> None:
    diags = check({**base_files(),
                   ANATOMY: anatomy_md().replace("actions: [hip flexion]", "actions: []"),
                   ROUTINE: routine_md(items="[]")})
    found = sorted(where(d) for d in with_code(diags, "empty-list"))
    assert found == [(ANATOMY, 8, 10), (ROUTINE, 5, 8)], show(diags)


def test_all_three_empty_lists_in_one_run(check) -> None:
    text = (stretch_md().replace("[Kneel down.]", "[]").replace("[Knee pain.]", "[]")
            .replace("[Sharp pain.]", "[]"))
    diags = site_with(check, STRETCH, text)
    assert sorted(where(d) for d in with_code(diags, "empty-list")) == [
        (STRETCH, 10, 8), (STRETCH, 11, 11), (STRETCH, 12, 10)]


def test_single_value_instead_of_a_list(check) -> None:
    d = one(site_with(check, STRETCH, stretch_md().replace("steps: [Kneel down.]",
                                                           "steps: Kneel down.")), "wrong-type")
    assert where(d) == (STRETCH, 10, 8)
    assert d.message == "'steps' must be a list, not text"
    assert "- item" in d.hint


def test_list_item_of_the_wrong_type(check) -> None:
    text = stretch_md().replace("steps: [Kneel down.]", "steps:\n  - Kneel down.\n  - 42")
    d = one(site_with(check, STRETCH, text), "wrong-type")
    assert where(d) == (STRETCH, 12, 5)
    assert d.message == "'steps[1]' must be text, not a number"
    assert d.hint == "put it in quotes"


# --- numbers and booleans -----------------------------------------------------------------------

@pytest.mark.parametrize(("old", "new", "line", "col", "code", "words"), [
    ("sets: 2", "sets: 0", 8, 7, "bad-value", "1 to 20"),
    ("sets: 2", "sets: 21", 8, 7, "bad-value", "1 to 20"),
    ("sets: 2", "sets: two", 8, 7, "wrong-type", "a whole number"),
    ("sets: 2", "sets: 2.5", 8, 7, "wrong-type", "not a decimal number"),
    ("hold_seconds: 30", "hold_seconds: 0", 7, 15, "bad-value", "1 to 600"),
    ("hold_seconds: 30", "hold_seconds: 601", 7, 15, "bad-value", "1 to 600"),
    ("hold_seconds: 30", "hold_seconds: true", 7, 15, "wrong-type", "not true/false"),
    ("hold_seconds: 30", "reps: 201", 7, 7, "bad-value", "1 to 200"),
])
def test_stretch_numbers(check, old: str, new: str, line: int, col: int, code: str,
                         words: str) -> None:
    d = one(site_with(check, STRETCH, stretch_md().replace(old, new)), code)
    assert where(d) == (STRETCH, line, col)
    assert words in d.message


def test_boolean_fields(check) -> None:
    diags = site_with(check, STRETCH, stretch_md(extra="per_side: sometimes\ndraft: 'no'\n"))
    found = [(d.line, d.col, d.message) for d in with_code(diags, "wrong-type")]
    assert found == [(13, 11, "'per_side' must be true or false, not text"),
                     (14, 8, "'draft' must be true or false, not text")], show(diags)


# --- hold_seconds or reps -----------------------------------------------------------------------

def test_stretch_with_hold_and_reps_holds_each_rep(check) -> None:
    assert_no_input_errors(site_with(check, STRETCH, stretch_md(extra="reps: 10\n")))


def test_stretch_with_neither_hold_nor_reps(check) -> None:
    d = one(site_with(check, STRETCH, stretch_md(drop=["hold_seconds"])), "hold-or-reps")
    assert where(d) == (STRETCH, 2, 1)
    assert d.message == "a stretch needs 'hold_seconds', 'reps' or 'movements'"
    assert "hold_seconds: 30" in d.hint and "reps: 10" in d.hint


def test_stretch_with_reps_only_is_fine(check) -> None:
    assert_no_input_errors(site_with(check, STRETCH, stretch_md(dose="reps: 10")))


def test_routine_item_with_neither_uses_the_stretch_dose(check) -> None:
    assert_no_input_errors(site_with(check, ROUTINE, routine_md()))


def test_routine_items_of_the_wrong_shape(check) -> None:
    d = one(site_with(check, ROUTINE, routine_md(items="[couch-stretch]")), "wrong-type")
    assert where(d) == (ROUTINE, 5, 9)
    assert d.message == "'items[0]' must be a mapping of keys to values, not text"


# --- slugs and sections -------------------------------------------------------------------------

@pytest.mark.parametrize(("name", "suggested"), [
    ("Couch_Stretch", "couch-stretch"),
    ("couch_stretch", "couch-stretch"),
    ("Couch Stretch", "couch-stretch"),
    ("couch--stretch", "couch-stretch"),
    ("-couch-stretch-", "couch-stretch"),
    ("dehnübung", "dehnubung"),
    ("a.b", "a-b"),
    ("___", "page"),
])
def test_bad_slug_file_name_suggests_a_name(check, name: str, suggested: str) -> None:
    path = f"content/stretches/{name}.md"
    d = one(check({**base_files(), path: stretch_md("Other stretch")}), "bad-slug")
    assert where(d) == (path, 1, 1)
    assert d.message == f"file name '{name}.md' is not a valid slug"
    assert d.hint == f"rename it to '{suggested}.md'"


def test_bad_slug_and_front_matter_errors_together(check) -> None:
    path = "content/pages/About_Us.md"
    diags = check({**base_files(), path: page_md(extra="tgas: [a]\n")})
    assert sorted((d.code, d.line) for d in input_errors(diags)) == [
        ("bad-slug", 1), ("unknown-key", 5)], show(diags)


def test_duplicate_slug_across_sections(check) -> None:
    diags = check({**base_files(), "content/pages/couch-stretch.md": page_md("Couch page")})
    d = one(diags, "duplicate-slug")
    # content/pages/ is read before content/stretches/, so the stretch is the duplicate
    assert where(d) == (STRETCH, 1, 1)
    assert d.message == "slug 'couch-stretch' is already used by content/pages/couch-stretch.md"
    assert "unique across the whole site" in d.hint


def test_duplicate_slug_in_three_files(check) -> None:
    diags = check({**base_files(), "content/pages/about.md": page_md(),
                   "content/causes/about.md": cause_md("About causes"),
                   "content/anatomy/about.md": anatomy_md("About anatomy")})
    dups = with_code(diags, "duplicate-slug")
    assert sorted(d.path for d in dups) == ["content/causes/about.md", "content/pages/about.md"]
    assert all("content/anatomy/about.md" in d.message for d in dups)


@pytest.mark.parametrize("path", [
    "content/blog/post.md", "content/stray.md", "content/pages/sub/deep.md",
    "content/Pages/about-us.md", "content/stretch/one.md",
])
def test_unknown_section(check, path: str) -> None:
    d = one(check({**base_files(), path: page_md()}), "unknown-section")
    assert where(d) == (path, 1, 1)
    assert "content/<section>/<slug>.md" in d.message
    assert d.hint == "sections: anatomy, causes, stretches, routines, pages"


def test_a_site_root_given_relative_finds_the_same_articles(make_site, monkeypatch) -> None:
    """`--root .` (the default) names the same files, sections and slugs as an absolute root."""
    root = make_site({**base_files(), "content/stray.md": page_md()})
    monkeypatch.chdir(root)
    relative, problems = load_documents(Path("."), TODAY)
    absolute, same_problems = load_documents(root.resolve(), TODAY)
    assert [d.path for d in relative] == [d.path for d in absolute]
    assert {d.path for d in relative} >= {"content/pages/about.md"}
    assert [(d.path, d.code) for d in problems] == [("content/stray.md", "unknown-section")]
    assert problems == same_problems


def test_files_that_are_not_articles_are_ignored(check) -> None:
    files = {**base_files(), "content/pages/notes.txt": "not an article",
             "content/pages/.hidden.md": "no front matter", "content/.drafts/x.md": "nothing",
             "content/pages/image.png": "\x89PNG"}
    assert_no_input_errors(check(files))


def test_no_content_folder(tmp_path: Path) -> None:
    from conftest import diagnose

    (tmp_path / "site.yaml").write_text("title: T\nbase_url: https://example.org/\n")
    d = one(diagnose(tmp_path), "unreadable")
    assert where(d) == ("content", 1, 1)
    assert "content/" in d.message


# --- references ---------------------------------------------------------------------------------

def refs(*items: str) -> str:
    return "references:\n" + "".join(items)


@pytest.mark.parametrize("missing", ["title", "publisher", "year"])
def test_reference_without_a_required_key(check, missing: str) -> None:
    keys = {"title": "A study", "publisher": "A journal", "year": "2020"}
    item = "".join(f"{'  - ' if i == 0 else '    '}{k}: {v}\n"
                   for i, (k, v) in enumerate((k, v) for k, v in keys.items() if k != missing))
    d = one(site_with(check, PAGE, page_md(extra=refs(item))), "missing-field")
    assert where(d) == (PAGE, 6, 5)
    assert d.message == f"required key 'references[0].{missing}' is missing"


def test_every_reference_problem_in_one_run(check) -> None:
    text = page_md(extra=refs(
        "  - title: Good\n    publisher: P\n    year: 2020\n",        # 6-8
        "  - publisher: P\n    year: 2020\n",                          # 9-10: no title
        "  - title: T\n    publisher: P\n    year: 2027\n",            # 11-13: future year
        "  - title: T\n    publisher: P\n    year: 2020\n"
        "    doi: https://doi.org/10.1/x\n",                           # 14-17: doi as URL
        "  - title: T\n    publisher: P\n    year: 2020\n    url: www.x.org\n",  # 18-21
        "  - A bare string\n",                                         # 22
    ))
    diags = site_with(check, PAGE, text)
    assert [(d.code, d.line, d.col) for d in input_errors(diags)] == [
        ("missing-field", 9, 5),
        ("bad-value", 13, 11),
        ("bad-value", 17, 10),
        ("bad-url", 21, 10),
        ("wrong-type", 22, 5),
    ], show(diags)


@pytest.mark.parametrize("doi", ["doi:10.1249/x", "https://doi.org/10.1249/x", "10.12/x",
                                 "10.1249", "10.1249/"])
def test_bad_doi(check, doi: str) -> None:
    item = f"  - title: T\n    publisher: P\n    year: 2020\n    doi: '{doi}'\n"
    d = one(site_with(check, PAGE, page_md(extra=refs(item))), "bad-value")
    assert where(d) == (PAGE, 9, 10)
    assert d.message == f"'{doi}' is not a DOI"
    assert "bare DOI" in d.hint and "10." in d.hint


def test_good_doi(check) -> None:
    item = "  - title: T\n    publisher: P\n    year: 2020\n    doi: 10.1249/MSS.0b013e318213fefb\n"
    assert_no_input_errors(site_with(check, PAGE, page_md(extra=refs(item))))


def test_reference_year_is_a_number(check) -> None:
    item = "  - title: T\n    publisher: P\n    year: '2020'\n"
    d = one(site_with(check, PAGE, page_md(extra=refs(item))), "wrong-type")
    assert where(d) == (PAGE, 8, 11)
    assert "'references[0].year' must be a whole number" in d.message


# --- aliases and related ------------------------------------------------------------------------

@pytest.mark.parametrize("alias", ["old/about", "/a/../b/", "/", "https://example.org/old/",
                                   "/old page/", "/old?x=1", "''"])
def test_bad_alias(check, alias: str) -> None:
    d = one(site_with(check, PAGE, page_md(extra=f"aliases:\n  - {alias}\n")),
            "empty-value" if alias == "''" else "bad-value")
    assert where(d) == (PAGE, 6, 5)
    if alias != "''":
        assert d.message == f"'{alias}' is not a site path"
        assert "/old/" in d.hint


def test_alias_that_is_not_a_list(check) -> None:
    d = one(site_with(check, PAGE, page_md(extra="aliases: /old/about/\n")), "wrong-type")
    assert where(d) == (PAGE, 5, 10)
    assert d.message == "'aliases' must be a list, not text"


@pytest.mark.parametrize(("value", "col"), [("Couch Stretch", 11), ("couch_stretch", 11)])
def test_related_that_is_not_a_slug(check, value: str, col: int) -> None:
    d = one(site_with(check, PAGE, page_md(extra=f"related: [{value}]\n")), "bad-slug")
    assert where(d) == (PAGE, 5, col)
    assert d.message == f"'{value}' is not a slug"
    assert "lowercase" in d.hint


def test_target_that_is_not_a_slug(check) -> None:
    d = one(site_with(check, STRETCH, stretch_md(targets="[Psoas Major]")), "bad-slug")
    assert where(d) == (STRETCH, 9, 11)


# --- all schema problems of a site in one run ---------------------------------------------------

def test_every_kind_broken_at_once(check) -> None:
    files = {
        ANATOMY: anatomy_md(drop=["origin"]),
        CAUSE: cause_md().replace("evidence: limited", "evidence: strong"),
        STRETCH: stretch_md(drop=["hold_seconds"]),
        ROUTINE: routine_md(items="[]"),
        PAGE: page_md().replace("reviewed: 2026-11-20", "reviewed: 2030-01-01"),
    }
    diags = check(files)
    assert [(d.path, d.code) for d in input_errors(diags)] == [
        (ANATOMY, "missing-field"),
        (CAUSE, "bad-value"),
        (PAGE, "future-date"),
        (ROUTINE, "empty-list"),
        (STRETCH, "hold-or-reps"),
    ], show(diags)
