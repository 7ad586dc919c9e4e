"""No script injection: author text never reaches a page as markup.

Each of the PAYLOADS (HTML and JavaScript, in several encodings and cases) is put, one build per
place, in every front-matter string (and site.yaml's), a tag, an alias, a reference URL, a file
name, a link target and the body. Each build either refuses the input with a diagnostic, or
makes a site in which a parser finds no script element, event-handler attribute,
`javascript:`/`data:` URL, `srcdoc`, `<base>`, `<meta http-equiv=refresh>`, `<iframe>`,
`<object>` or `<embed>` that the theme does not put there itself, and whose JSON-LD parses (so
it was not closed early). The feed must stay well-formed XML.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import pytest
from sample_site import TODAY, Files, write_files

from psoasguide import BuildConfig, Severity, build

BASE = "https://example.org/guide/"
PAYLOADS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<ScRiPt>alert(1)</sCrIpT>",
    "<img src=x onerror=alert(1)>",
    "<IMG SRC=x ONERROR=alert(1)>",
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    '"><script>alert(1)</script>',
    "'><img src=x onerror=alert(1)>",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    " \tjavascript:alert(1)",
    "java&#x09;script:alert(1)",
    "&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    '<iframe src="javascript:alert(1)"></iframe>',
    '<iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"></iframe>',
    '<base href="https://evil.example/">',
    '<meta http-equiv="refresh" content="0;url=https://evil.example/">',
    '<a href="javascript:alert(1)">click</a>',
    '<a href="&#x6A;avascript:alert(1)">click</a>',
    "<body onload=alert(1)>",
    "<details open ontoggle=alert(1)>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "</script><script>alert(1)</script>",
    "</SCRIPT ><script>alert(1)</script>",
    "<!--<script>alert(1)</script>-->",
    "%3Cscript%3Ealert(1)%3C%2Fscript%3E",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "\\u003cscript\\u003ealert(1)\\u003c/script\\u003e",
    "<scr<script>ipt>alert(1)</script>",
    '<object data="javascript:alert(1)"></object>',
    '<embed src="data:text/html,<script>alert(1)</script>">',
    '<form action="javascript:alert(1)"><button>go</button></form>',
    "<input autofocus onfocus=alert(1)>",
    "\uff1cscript\uff1ealert(1)\uff1c/script\uff1e",
    "]]></title><script>alert(1)</script>",
    "<x onclick=alert(1)>click",
    "{{ 7*7 }}{% if true %}x{% endif %}",
]
_URL_ATTRS = {"href", "src", "action", "formaction", "data", "poster", "srcset", "xlink:href",
              "background", "ping"}
_FORBIDDEN_TAGS = {"iframe", "base", "object", "embed", "frame", "frameset", "applet"}
_SCHEME = re.compile(r"^[\x00-\x20]*(javascript|vbscript|data)\s*:", re.I)


class _Scan(HTMLParser):
    """Everything on a page that could run script or send the reader elsewhere."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self.json_ld: list[str] = []
        self._in_json_ld = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag in _FORBIDDEN_TAGS:
            self.found.append(f"<{tag}>")
        if tag == "script":
            theme_file = re.fullmatch(r"(\.\./)*(static/[\w.-]+|pagefind/pagefind-ui)\.js",
                                      values.get("src", ""))
            self._in_json_ld = values.get("type") == "application/ld+json" and not values.get(
                "src")
            extra = set(values) - ({"src", "defer", "async"} if theme_file else {"type"})
            if not (theme_file or self._in_json_ld) or extra:
                self.found.append(f"<script {values}>")
        if tag == "meta" and values.get("http-equiv", "").lower() == "refresh":
            target = values.get("content", "").partition("url=")[2]
            if not target.startswith(BASE):
                self.found.append(f"<meta refresh {target}>")
        for name, value in values.items():
            if name.startswith("on") or name == "srcdoc":
                self.found.append(f"{tag} {name}=")
            elif name in _URL_ATTRS and _SCHEME.match(value) and not (
                    tag == "link" and value == "data:,"):  # the theme's empty favicon
                self.found.append(f"{tag} {name}={value}")

    handle_startendtag = handle_starttag

    def handle_data(self, data: str) -> None:
        if self._in_json_ld:
            self.json_ld.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_json_ld = False


def foreign_markup(path: str, data: bytes) -> list[str]:
    """What on a built file the theme did not put there: script, handlers, script URLs..."""
    text = data.decode("utf-8")
    if path.endswith(".xml"):
        root = ET.fromstring(text)  # the feed and sitemap stay well-formed
        return [f"{path}: <{el.tag}>" for el in root.iter() if "script" in el.tag.lower()]
    scan = _Scan()
    scan.feed(text)
    scan.close()
    for block in scan.json_ld:
        json.loads(block)  # closed early, it would not parse
        assert "</" not in block, f"{path}: '</' inside JSON-LD"
    return [f"{path}: {what}" for what in scan.found]


def _yaml(value: str) -> str:
    return json.dumps(value)  # a JSON string is a YAML double-quoted scalar


def _site(payload: str, place: str) -> tuple[Files, str]:
    """The files of a small site with `payload` in one `place`, and its site.yaml."""
    p = _yaml(payload)
    refs = (f"references:\n  - {{title: {p}, publisher: {p}, year: 2020}}\n"
            "  - {title: A paper, publisher: A journal, year: 2021}\n")
    fields = {"title": p, "summary": p} if place == "fields" else {
        "title": '"Muscle"', "summary": '"A muscle."'}
    text_fields = place == "fields"
    anatomy = "".join(f"{k}: {v}\n" for k, v in fields.items()) + (
        "reviewed: 2026-01-10\n"
        f"origin: {p if text_fields else 'Spine'}\ninsertion: {p if text_fields else 'Femur'}\n"
        f"innervation: {p if text_fields else 'L1'}\n"
        f"actions: [{p if text_fields else 'Flexes the hip'}]\n" + refs)
    if place == "tag":
        anatomy += f"tags: [{p}]\n"
    if place == "alias":
        anatomy += f"aliases: [{p}]\n"
    if place == "reference-url":
        anatomy = anatomy.replace(
            "year: 2020}", f"year: 2020, url: {_yaml('https://example.org/' + payload)}}}")
    body = "Some text.\n"
    if place == "link-target":
        body = f"See [[{payload}]] and [the page]({payload}).\n"
    if place == "link-text":
        body = f"See [[stretch|{payload}]] and [{payload}](../stretches/stretch.md).\n"
    if place == "body":
        body = f"{payload}\n\nText {payload} more.\n\n## {payload}\n"
    stretch = ("---\ntitle: Stretch\nsummary: A stretch.\nreviewed: 2026-01-10\ntype: stretch\n"
               "difficulty: beginner\nhold_seconds: 30\nsets: 2\ntargets: [muscle]\n"
               f"steps: [{p}]\navoid_if: [{p}]\nstop_if: [{p}]\ncommon_mistakes: [{p}]\n"
               f"equipment: [{p}]\n" if text_fields else
               "---\ntitle: Stretch\nsummary: A stretch.\nreviewed: 2026-01-10\ntype: stretch\n"
               "difficulty: beginner\nhold_seconds: 30\nsets: 2\ntargets: [muscle]\n"
               "steps: [Kneel.]\navoid_if: [Knee pain.]\nstop_if: [Sharp pain.]\n")
    files: Files = {
        "content/anatomy/muscle.md": f"---\n{anatomy}---\n{body}See [[stretch]].\n",
        "content/stretches/stretch.md": stretch + refs + "---\nFor the [[muscle]].\n",
    }
    if place == "file-name":
        name = re.sub(r"[/\x00]", "_", payload)[:200]
        files[f"content/pages/{name}.md"] = ("---\ntitle: A\nsummary: B.\nreviewed: 2026-01-10\n"
                                            "---\nC\n")
    site = f"title: Guide\nbase_url: {BASE}\n"
    if text_fields:
        site = f"title: {p}\nbase_url: {BASE}\ndescription: {p}\npublisher: {p}\n"
    return files, site


PLACES = ["fields", "tag", "alias", "reference-url", "file-name", "link-target", "link-text",
          "body"]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str, str], tuple[int, int]]:
    """`built(payload, place)` -> (files checked, errors reported), asserting nothing foreign."""
    work = tmp_path_factory.mktemp("inject")
    counter = iter(range(10**6))

    def run(payload: str, place: str) -> tuple[int, int]:
        files, site = _site(payload, place)
        root = write_files(work / f"s{next(counter)}", files, site)
        result = build(BuildConfig(root=root, write=False, today=TODAY))
        errors = [d for d in result.diagnostics if d.severity is Severity.ERROR]
        if errors:
            return 0, len(errors)
        found = [f for out in result.files if out.path.endswith((".html", ".xml"))
                 for f in foreign_markup(out.path, out.data)]
        assert not found, "\n".join(found)
        return len(result.files), 0

    return run


def test_at_least_thirty_payloads() -> None:
    assert len(set(PAYLOADS)) == len(PAYLOADS) >= 30


@pytest.mark.parametrize("place", PLACES)
def test_payloads_never_become_markup(place: str, built: Callable[[str, str], tuple[int, int]]
                                      ) -> None:
    outcomes = [built(payload, place) for payload in PAYLOADS]
    if place == "fields":  # free text: every payload is accepted, and shown as text
        assert all(checked for checked, _ in outcomes)
    print(f"\n{place}: {sum(1 for c, _ in outcomes if c)} built clean, "
          f"{sum(1 for _, e in outcomes if e)} refused with a diagnostic")


def test_the_checker_finds_what_it_looks_for() -> None:
    """The scanner is not blind: each kind of markup it forbids is found on a page."""
    page = ('<script>x</script><img onerror=y><a href=" JavaScript:z">a</a><iframe></iframe>'
            '<base href=/><meta http-equiv=Refresh content="0;url=https://evil.example/">'
            '<iframe srcdoc=q></iframe><a href="data:text/html,x">d</a>')
    assert len(foreign_markup("x.html", page.encode())) == 9
    with pytest.raises(json.JSONDecodeError):
        foreign_markup("x.html", b'<script type="application/ld+json">{"a": "</script>')


def test_text_payloads_show_as_text(tmp_path: Path) -> None:
    """A payload in a title reaches the page escaped, so a reader sees it as written."""
    files, site = _site("<img src=x onerror=alert(1)>", "fields")
    root = write_files(tmp_path / "s", files, site)
    result = build(BuildConfig(root=root, write=False, today=TODAY))
    page = next(f.data for f in result.files if f.path == "anatomy/muscle/index.html").decode()
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
