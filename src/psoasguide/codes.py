"""Every diagnostic code psoasguide reports: its severity, exit class and meaning.

The table below is the reference, read top to bottom like httpx's exception tree. Severity:
`error` fails the build, `warning` only under `--strict`. Exit class: `content` errors exit 1,
`environment` errors (the invocation or the machine, not the articles) exit 2. Adding a code is
one line here; `tests/test_codes.py` fails for a code used in `src/` but missing from the table,
and when the README's copy (`python scripts/codes_table.py` writes it) is out of date.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

_TABLE = """
code                   severity  exit         meaning
alias-collision        error     content      an alias is the URL of a page, a generated file or another alias
bad-date               error     content      a date that is not a real YYYY-MM-DD date
bad-include            error     content      a {{< ... >}} shortcode that is not a block include alone on its line
bad-option             error     environment  a command-line value is invalid (e.g. --base-url)
bad-range              error     content      a dose range that is not [low, high] with low below high
bad-slug               error     content      a file name or slug that is not lowercase words joined by hyphens
bad-url                error     content      a URL that is not an absolute http(s) URL
bad-value              error     content      a value outside its allowed set (an enum, an alias, a DOI, a language tag)
broken-link            error     content      a link or asset in the built HTML that points to no file of the site
dose-override          warning   content      a routine item's dose outside its exercise's own, with no 'note' saying why
dose-shape             error     content      a dose with both 'movements' and a hold or reps of its own
draft-target           error     content      a published page relates or links to a draft
duplicate-key          error     content      a key written twice in the same YAML mapping
duplicate-relation     warning   content      the same slug listed twice in one relation
duplicate-slug         error     content      two articles with the same file name
empty-list             error     content      a list that must have at least one item is empty
empty-value            error     content      a text field that is empty or only spaces
encoding               error     content      a file that is not UTF-8
evidence-label         error     content      a published cause article labels no claim (Established, Limited, Not supported, Not known), or says Not supported of an untested claim
few-references         error     content      a published anatomy, cause or stretch article with fewer than lint.min_references sources
future-date            error     content      a date after today (`reviewed`, `date`)
heading-level          error     content      a body heading that skips a level, or an h1 in the body
hold-or-reps           error     content      a stretch, or one of its movements, with neither hold_seconds nor reps
image-alt              error     content      an image without alt text that says what it shows
in-short               warning   content      a published exercise or cause page without its three 'in_short' lines
jargon                 warning   content      a statistic or unit outside a footnote, or a technical term not explained in its sentence
link-text              error     content      vague link text ("click here"), empty text, or a bare URL
lonely-tag             warning   content      a tag used on one page only (a typo?)
markdown-timeout       error     content      converting an article's Markdown took longer than its time limit (e.g. thousands of unmatched "[")
missing-field          error     content      a required key is missing
no-front-matter        error     content      an article that does not start with a '---' line
no-site-config         error     environment  the site root has no site.yaml
orphan                 warning   content      an article no other article links to
output-failed          error     environment  the output folder could not be written
output-not-ours        error     environment  the output folder holds files psoasguide did not write
overclaim              error     content      a selling or alarming phrase (instant relief, cure, miracle...)
pose-count             error     content      an exercise's 'poses' with fewer than two positions (a start and an end)
pose-floor             error     content      a pose whose figure passes through the floor or a prop, or rests on nothing
pose-range             error     content      a pose angle beyond the joint's normal range of motion (AAOS) plus a passive-stretch margin
pose-support           error     content      a body part named in a pose's 'support' that does not touch what it rests on
reading-level          warning   content      a body above lint.max_grade on the Flesch-Kincaid scale
reserved-anchor        error     content      a heading id the theme already uses on that page
review-overdue         warning   content      'reviewed' is more than review_cycle_months ago
search-index           error     environment  Pagefind is missing, failed, timed out or wrote no UI
self-relation          error     content      a page that names itself in a relation
table-header           error     content      a table without a header row
template-error         error     content      a template failed while rendering a page
template-limit         error     content      a template took too long or wrote too much for one page
template-missing       error     content      a template that does not exist
template-syntax        error     content      a template that is not valid Jinja2
template-unsafe        error     content      a template reached for Python internals the sandbox refuses
too-large              error     content      an article file over the size limit (8 MiB)
too-long               error     content      a text longer than its limit (a summary over 160 characters)
unclosed-front-matter  error     content      front matter with no closing '---' line
unknown-anchor         error     content      a link to a heading the target page does not have
unknown-block          error     content      an include of a block, or a variant of it, that does not exist
unknown-joint          error     content      a pose angle for a joint the figure does not have (with "did you mean")
unknown-key            error     content      a key the schema does not know (with "did you mean")
unknown-page           error     content      a body link to a page that does not exist
unknown-part           error     content      a pose support naming a body part the figure does not have (with "did you mean")
unknown-rule           error     content      a suppression or lint.disable names no lint rule
unknown-section        error     content      an article outside content/<section>/
unknown-source         error     content      a safety sign whose source is not listed under 'sources'
unknown-target         error     content      a relation or safety_page names no page of the right kind
unreadable             error     environment  a file or folder that cannot be read, or no content/ folder
unsafe-html            error     content      script, inline style, an on...= or srcdoc attribute, a javascript:/data: URL or an embedding element in an article
unused-suppression     warning   content      a lint suppression comment that silences nothing
wrong-type             error     content      a value of the wrong type (text for a number, a list for a mapping...)
yaml-syntax            error     content      YAML that cannot be parsed
"""  # noqa: E501 (one row a line)

SEVERITIES = ("error", "warning")
EXIT_CODES = {"content": 1, "environment": 2}


@dataclass(frozen=True)
class Code:
    """One diagnostic code: how bad it is, which exit class it belongs to, what it means."""

    name: str
    severity: str
    exit: str
    meaning: str


def _parse(table: str) -> dict[str, Code]:
    """The rows of `_TABLE`, checked: known severities and exit classes, no repeats."""
    codes: dict[str, Code] = {}
    for row in table.strip().splitlines()[1:]:
        name, severity, exit_class, meaning = row.split(maxsplit=3)
        if severity not in SEVERITIES or exit_class not in EXIT_CODES or name in codes:
            raise ValueError(f"bad row in the table of codes: {row!r}")
        codes[name] = Code(name, severity, exit_class, meaning)
    return codes


#: Every code, by name.
CODES: Mapping[str, Code] = _parse(_TABLE)

#: Codes that mean the environment or the invocation is wrong, not the content (exit code 2).
ENVIRONMENT_CODES = frozenset(c.name for c in CODES.values() if c.exit == "environment")

START = "<!-- codes: generated by `python scripts/codes_table.py` -->"
END = "<!-- end of codes -->"


def markdown_table() -> str:
    """The table in Markdown, between the markers the README keeps it in."""
    rows = [f"| `{c.name}` | {c.severity} | {c.exit} ({EXIT_CODES[c.exit]}) | {c.meaning} |"
            for c in CODES.values()]
    return "\n".join([START, "| code | severity | exit | meaning |",
                      "| --- | --- | --- | --- |", *rows, END])
