"""Script in an article body is refused at its line and column; code samples are left alone.

The about page's body starts on file line 6 (see conftest's page_md).
"""

from __future__ import annotations

import pytest
from conftest import assert_no_input_errors, base_files, one, page_md, show, where, with_code

from psoasguide import Diagnostic, Severity

PAGE = "content/pages/about.md"
BODY = 6
HINT = "articles may use HTML for layout, never for script"


def body_problems(check, body: str) -> list[Diagnostic]:
    return check({**base_files(), PAGE: page_md(body=body)})


def unsafe(diags: list[Diagnostic]) -> list[tuple[int, int, str]]:
    """(line, col, message) of every unsafe-html finding, in file order."""
    found = with_code(diags, "unsafe-html")
    assert all(d.path == PAGE and d.severity is Severity.ERROR and d.hint == HINT
               for d in found), show(found)
    return sorted((d.line, d.col, d.message) for d in found)


SCRIPT = "a <script> element is not allowed in an article"


@pytest.mark.parametrize(("body", "line", "col"), [
    ("Text <script>alert(1)</script> here.\n", BODY, 6),
    ("Intro.\n\n<script>\nalert(1)\n</script>\n", BODY + 2, 1),
    ("<div>\n  <SCRIPT src=\"https://example.org/x.js\"></SCRIPT>\n</div>\n", BODY + 1, 3),
    ("A <script src=x.js /> tag.\n", BODY, 3),
])
def test_script_element(check, body: str, line: int, col: int) -> None:
    assert unsafe(body_problems(check, body)) == [(line, col, SCRIPT)]


@pytest.mark.parametrize(("body", "line", "col", "attr"), [
    ('<div onclick="go()">Hi</div>\n', BODY, 6, "onclick"),
    ('Inline <span onmouseover="x()">text</span>.\n', BODY, 14, "onmouseover"),
    ("Picture: <img src=x.png alt=\"A hip\" onerror=alert(1)>\n", BODY, 37, "onerror"),
    ('<p ONCLICK="go()">Upper case</p>\n', BODY, 4, "onclick"),
    ("<details ontoggle='x()'>\n<summary>More</summary>\nText\n</details>\n", BODY, 10,
     "ontoggle"),
])
def test_event_handler_in_raw_html(check, body: str, line: int, col: int, attr: str) -> None:
    message = f"an event-handler attribute '{attr}' is not allowed"
    assert unsafe(body_problems(check, body)) == [(line, col, message)]


@pytest.mark.parametrize(("body", "line", "col"), [
    ('A paragraph.\n{: onclick="evil()" }\n', BODY + 1, 4),
    ('## A heading {: onclick="evil()" }\n', BODY, 17),
    ('Text with a [link](https://example.org/){: onclick="x()" }.\n', BODY, 44),
])
def test_event_handler_in_an_attribute_list(check, body: str, line: int, col: int) -> None:
    assert unsafe(body_problems(check, body)) == [
        (line, col, "an event-handler attribute 'onclick' is not allowed")]


JS = "a 'javascript:' URL is not allowed in an article"


@pytest.mark.parametrize(("body", "line", "col"), [
    ("[click me](javascript:alert(1))\n", BODY, 12),
    ("Then [click me](JavaScript:alert(1)) please.\n", BODY, 17),
    ("[obfuscated](jav&#x61;script:alert(1))\n", BODY, 14),
    ("[obfuscated](&#106;avascript:alert(1))\n", BODY, 14),
    ("[spaced]( javascript:alert(1) )\n", BODY, 11),
    ("[ref link][r]\n\n[r]: javascript:alert(1)\n", BODY + 2, 6),
    ("![an image](javascript:alert(1))\n", BODY, 13),
    ('<a href="javascript:void(0)">raw</a>\n', BODY, 10),
    ("<a href='jav&#x09;ascript:x()'>tab-split</a>\n", BODY, 10),
    ('<video poster="javascript:alert(1)"></video>\n', BODY, 16),
])
def test_javascript_url(check, body: str, line: int, col: int) -> None:
    assert unsafe(body_problems(check, body)) == [(line, col, JS)]


@pytest.mark.parametrize(("body", "col", "element"), [
    ('<iframe src="https://example.org/"></iframe>\n', 1, "iframe"),
    ('Text <object data="x.svg"></object>\n', 6, "object"),
    ('<embed src="x.swf">\n', 1, "embed"),
    ('<base href="https://evil.example/">\n', 1, "base"),
    ('<meta http-equiv="refresh" content="0;url=https://evil.example/">\n', 1, "meta"),
])
def test_embedding_elements(check, body: str, col: int, element: str) -> None:
    """What loads, re-bases or redirects documents has no place in an article."""
    assert unsafe(body_problems(check, body)) == [
        (BODY, col, f"a <{element}> element is not allowed in an article")]


def test_srcdoc_is_refused(check) -> None:
    found = unsafe(body_problems(check, '<p srcdoc="&lt;script&gt;x&lt;/script&gt;">x</p>\n'))
    assert found == [(BODY, 4, "the attribute 'srcdoc' is not allowed")]


@pytest.mark.parametrize(("body", "scheme"), [
    ("[x](vbscript:msgbox(1))\n", "vbscript"),
    ('<a href="data:text/html,<script>alert(1)</script>">x</a>\n', "data"),
    ('<a href="data:image/svg+xml,<svg onload=alert(1)>">x</a>\n', "data"),
])
def test_other_script_urls(check, body: str, scheme: str) -> None:
    found = unsafe(body_problems(check, body))
    assert [(line, col) for line, col, _ in found] == [(BODY, 5 if scheme == "vbscript" else 10)]
    assert f"'{scheme}:' URL" in found[0][2]


SAFE_CODE = """\
Inline `<script>alert(1)</script>` and `<div onclick="x()">` and
`[click](javascript:alert(1))` and ``jav&#x61;script:`` are examples.

```html
<script>alert(1)</script>
<div onclick="x()">hi</div>
[click](javascript:alert(1))
{: onclick="evil()" }
```

~~~
<img src=x onerror=alert(1)>
~~~

    <script>indented code</script>
    [x](javascript:alert(1))

1. A list with code:

    ```
    <script>in a list</script>
    ```

Prose may say javascript: or onclick= as words, and &lt;script&gt; too.
"""


def test_the_same_strings_in_code_do_not_error(check) -> None:
    diags = body_problems(check, SAFE_CODE)
    assert unsafe(diags) == []
    assert_no_input_errors(diags)


@pytest.mark.parametrize(("body", "line", "col", "message"), [
    ('Some <span style="color: red">red</span> text.\n', BODY, 12,
     "a 'style' attribute is not allowed in an article"),
    ("Intro.\n\n<style>p { color: red }</style>\n", BODY + 2, 1,
     "a <style> element is not allowed in an article"),
    ('A paragraph.\n{: style="color: red" }\n', BODY + 1, 4,
     "a 'style' attribute is not allowed in an article"),
])
def test_inline_style_is_refused_by_the_page_policy(check, body, line, col, message) -> None:
    d = one(body_problems(check, body), "unsafe-html")
    assert (d.line, d.col, d.message) == (line, col, message)
    assert "security policy" in d.hint


def test_layout_html_is_allowed(check) -> None:
    body = ('<div class="note" id="n1" data-kind="tip">\n<p>A note.</p>\n</div>\n\n'
            '<details><summary>More</summary>Text</details>\n\n'
            'An <abbr title="Anterior superior iliac spine">ASIS</abbr>, a '
            '<a href="https://example.org/" title="on-site">an example site</a>, and '
            '<span class="onclick">a class named onclick</span>.\n\n'
            '## Heading {: #custom-id .wide }\n')
    diags = body_problems(check, body)
    assert unsafe(diags) == []
    assert_no_input_errors(diags)


def test_real_script_after_one_in_a_code_span(check) -> None:
    body = "`<script>x</script>` then <script>y</script>\n"
    assert unsafe(body_problems(check, body)) == [(BODY, 27, SCRIPT)]


def test_real_script_after_one_in_an_indented_code_block(check) -> None:
    body = "Code:\n\n    <script>x</script>\n\nReal: <script>x</script>\n"
    assert unsafe(body_problems(check, body)) == [(BODY + 4, 7, SCRIPT)]


def test_real_handler_in_a_list_paragraph_is_placed_right(check) -> None:
    body = "- item\n\n    more <b onclick=x()>b</b>\n\n        <b onclick=x()>code</b>\n"
    found = unsafe(body_problems(check, body))
    assert [(line, col) for line, col, _ in found] == [(BODY + 2, 13)]


def test_real_url_after_the_same_url_in_code(check) -> None:
    body = "```\n[a](javascript:go())\n```\n\n[a](javascript:go())\n"
    assert unsafe(body_problems(check, body)) == [(BODY + 4, 5, JS)]


def test_every_finding_in_one_file(check) -> None:
    body = ("## Start\n"                                   # 6
            "\n"
            "Text <script>alert(1)</script> here.\n"       # 8:6
            "\n"
            '<div onclick="x()">hi</div>\n'                # 10:6
            "\n"
            "A paragraph.\n"
            '{: onclick="evil()" }\n'                      # 13:4
            "\n"
            "[one](javascript:a()) and [two](jav&#x61;script:b())\n"  # 15:7, 15:33
            "\n"
            "`<script>` in code is fine.\n")
    found = unsafe(body_problems(check, body))
    assert [(line, col) for line, col, _ in found] == [(8, 6), (10, 6), (13, 4), (15, 7),
                                                        (15, 33)]


def test_crlf_gives_the_same_positions(check) -> None:
    body = 'Intro.\n\n<div onclick="x()">hi</div>\n\n[a](javascript:go()) <script></script>\n'
    lf = body_problems(check, body)
    page = page_md(body=body).replace("\n", "\r\n")
    crlf = check({**base_files(), PAGE: page})
    assert unsafe(crlf) == unsafe(lf)
    assert [(line, col) for line, col, _ in unsafe(lf)] == [(BODY + 2, 6), (BODY + 4, 5),
                                                            (BODY + 4, 22)]


def test_unsafe_html_in_a_draft_is_still_reported(check) -> None:
    files = {**base_files(), PAGE: page_md(extra="draft: true\n", body="<script></script>\n")}
    d = one(check(files), "unsafe-html")
    assert where(d) == (PAGE, BODY + 1, 1)


def test_unsafe_html_in_every_kind(check) -> None:
    from conftest import anatomy_md, cause_md, routine_md, stretch_md

    files = {
        "content/anatomy/psoas-major.md": anatomy_md(body="<script></script>\n"),
        "content/causes/prolonged-sitting.md": cause_md(body="[x](javascript:x())\n"),
        "content/stretches/couch-stretch.md": stretch_md(body="<b onclick=x()>b</b>\n"),
        "content/routines/desk-break.md": routine_md(body="<script></script>\n"),
        PAGE: page_md(body="<i onmouseover=x()>i</i>\n"),
    }
    found = sorted(where(d) for d in with_code(check(files), "unsafe-html"))
    assert found == [
        ("content/anatomy/psoas-major.md", 11, 1),
        ("content/causes/prolonged-sitting.md", 9, 5),
        (PAGE, BODY, 4),
        ("content/routines/desk-break.md", 8, 1),
        ("content/stretches/couch-stretch.md", 15, 4),
    ]
