"""Rules `heading-level`, `image-alt`, `link-text` and `table-header`, each at its line."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_lint_support import SITE_YAML, article, codes, lint, position, where

# --- headings -----------------------------------------------------------------------------------


def test_the_first_heading_must_be_level_2(tmp_path: Path) -> None:
    text = article("Intro.\n\n### Too deep\n\nText.\n")
    [d] = lint(tmp_path, text)
    assert d.code == "heading-level" and where(d) == position(text, "### Too deep")
    assert "the first heading is level 3" in d.message and "'##'" in d.hint


def test_a_skipped_level_after_level_2(tmp_path: Path) -> None:
    text = article("## Where it is\n\nText.\n\n#### Detail\n\nText.\n")
    [d] = lint(tmp_path, text)
    assert where(d) == position(text, "#### Detail") and "after level 2" in d.message


def test_a_level_1_heading_in_the_body(tmp_path: Path) -> None:
    text = article("# Title again\n\nText.\n")
    [d] = lint(tmp_path, text)
    assert d.code == "heading-level" and where(d) == position(text, "# Title again")


def test_setext_and_html_headings_count(tmp_path: Path) -> None:
    text = article("Section\n-------\n\nText.\n\n<h4>Deep</h4>\n")
    [d] = lint(tmp_path, text)
    assert where(d) == position(text, "<h4>")
    text = article("Big title\n=========\n\nText.\n")
    [d] = lint(tmp_path / "b", text)
    assert where(d) == position(text, "Big title")


def test_headings_going_up_and_down_one_level_are_fine(tmp_path: Path) -> None:
    body = ("## One\n\n### One a\n\n#### One a i\n\n## Two\n\n### Two a\n\n"
            "```\n#### code, not a heading\n```\n\n    # indented code\n")
    assert lint(tmp_path, article(body)) == []


# --- images -------------------------------------------------------------------------------------


@pytest.mark.parametrize(("markup", "message"), [
    ("![](kneel.png)", "an image with empty alt text"),
    ("![  ][pic]\n\n[pic]: kneel.png", "an image with empty alt text"),
    ("![image](kneel.png)", "alt text 'image' does not say what the image shows"),
    ("![kneel.png](kneel.png)", "alt text 'kneel.png' does not say what the image shows"),
    ('<img src="kneel.png">', "an image without alt text"),
    ("<img src='kneel.png' alt=''>", "an image with empty alt text"),
])
def test_images_without_real_alt_text(tmp_path: Path, markup: str, message: str) -> None:
    text = article(f"Intro.\n\n{markup}\n")
    [d] = lint(tmp_path, text)
    assert d.code == "image-alt" and d.message == message
    assert where(d) == position(text, markup.split("\n")[0][:4])


@pytest.mark.parametrize("markup", [
    "![A person half-kneeling, the back knee on a cushion](kneel.png)",
    '<img src="kneel.png" alt="The pelvis tucked under, seen from the side">',
    "`![](in-code.png)`",
])
def test_images_with_alt_text_are_fine(tmp_path: Path, markup: str) -> None:
    assert lint(tmp_path, article(f"Intro.\n\n{markup}\n")) == []


# --- link text ----------------------------------------------------------------------------------


@pytest.mark.parametrize(("markup", "said"), [
    ("[click here](https://www.nhs.uk/)", "link text 'click here'"),
    ("[Here](https://www.nhs.uk/)", "link text 'here'"),
    ("[**Read more**](https://www.nhs.uk/)", "link text 'read more'"),
    ("[here][nhs]\n\n[nhs]: https://www.nhs.uk/", "link text 'here'"),
    ("[[psoas-major|here]]", "link text 'here'"),
    ('<a href="https://www.nhs.uk/">click here</a>', "link text 'click here'"),
    ("[https://www.nhs.uk/](https://www.nhs.uk/)", "a bare URL as link text"),
    ("[nhs.uk](https://www.nhs.uk/)", "a bare URL as link text"),
    ("<https://www.nhs.uk/>", "a bare URL as link text"),
    ("Go to https://www.nhs.uk/conditions/back-pain/ now.", "a bare URL in the text"),
    ("[](https://www.nhs.uk/)", "a link with no text"),
])
def test_vague_or_url_link_text(tmp_path: Path, markup: str, said: str) -> None:
    text = article(f"Intro.\n\n{markup}\n")
    [d] = lint(tmp_path, text)
    assert d.code == "link-text" and d.severity == "error" and said in d.message
    start = "https" if markup.startswith("Go to") else markup[:2]
    assert where(d) == position(text, start)


@pytest.mark.parametrize("markup", [
    "[the NHS page on back pain](https://www.nhs.uk/conditions/back-pain/)",
    "[[psoas-major]] and [[psoas-major|the psoas major]]",
    "[the psoas major](../anatomy/psoas-major.md)",
    "A footnote.[^1]\n\n[^1]: NHS, *Back pain*.",
    "`https://www.nhs.uk/` in code",
    "[![A person kneeling](kneel.png)](https://example.org/)",
    "[where it is][where]\n\n[where]: https://example.org/where",
])
def test_descriptive_link_text_is_fine(tmp_path: Path, markup: str) -> None:
    assert lint(tmp_path, article(f"Intro.\n\n{markup}\n")) == []


def test_vague_link_text_is_a_setting(tmp_path: Path) -> None:
    site = SITE_YAML + "lint:\n  vague_link_text: [this guide]\n"
    text = article("See [this guide](https://example.org/) or [here](https://example.org/).\n")
    [d] = lint(tmp_path, text, site_yaml=site)
    assert where(d) == position(text, "[this guide]")


# --- tables -------------------------------------------------------------------------------------


def test_a_table_with_an_empty_header_row(tmp_path: Path) -> None:
    text = article("Intro.\n\n|  |  |\n| --- | --- |\n| Hold | 30 s |\n")
    [d] = lint(tmp_path, text)
    assert d.code == "table-header" and where(d) == (position(text, "|  |")[0], 1)


def test_pipe_rows_without_a_separator_line(tmp_path: Path) -> None:
    text = article("Intro.\n\n| Hold | 30 s |\n| Sets | 2 |\n")
    [d] = lint(tmp_path, text)
    assert d.code == "table-header" and where(d) == (position(text, "| Hold")[0], 1)


def test_an_html_table_without_th(tmp_path: Path) -> None:
    text = article("Intro.\n\n<table>\n<tr><td>Hold</td><td>30 s</td></tr>\n</table>\n")
    [d] = lint(tmp_path, text)
    assert d.code == "table-header" and where(d) == position(text, "<table>")


@pytest.mark.parametrize("body", [
    "| What | How long |\n| --- | --- |\n| Hold | 30 s |\n",
    "What | How long\n:--- | ---:\nHold | 30 s\n",
    "<table>\n<tr><th>What</th></tr>\n<tr><td>Hold</td></tr>\n</table>\n",
    "```\n| a | b |\n| c | d |\n```\n",
])
def test_tables_with_a_header_row_are_fine(tmp_path: Path, body: str) -> None:
    assert lint(tmp_path, article(f"Intro.\n\n{body}")) == []


def test_every_finding_of_an_article_in_one_run(tmp_path: Path) -> None:
    text = article("#### Deep\n\n![](a.png) [here](https://example.org/)\n\n| a |\n| b |\n\n"
                   "A miracle.\n")
    found = lint(tmp_path, text)
    assert codes(found) == ["heading-level", "image-alt", "link-text", "table-header",
                            "overclaim"]
    assert [d.line for d in found] == sorted(d.line for d in found)
