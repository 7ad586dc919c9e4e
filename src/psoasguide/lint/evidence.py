"""Rule `evidence-label`: claims carry honest evidence labels in the text.

The style guide's labels are **Established**, **Limited**, **Not supported** (studied, and the
evidence went against it) and **Not known** (not properly studied), written into the body as an
admonition title (`!!! note "Evidence: limited"`) or a bold lead (`**Limited:**`). Two checks:

- a published cause article whose body uses no label is an error at its `evidence` key: the reader
  sees one verdict for the page but cannot tell which claim it belongs to;
- on any page, a **Not supported** label whose paragraph says the claim was never tested ("no
  trial", "no study of it", "not been tested", ...) is an error at the label: a reader takes "Not
  supported" as "shown not to work", so an untested claim is **Not known**.

Labels inside code or comments do not count. Drafts are exempt from the first check.
"""

from __future__ import annotations

import re

from ..diagnostics import Diagnostic, error
from ..model import Kind
from .source import ArticleSource

CODE = "evidence-label"
LABELS = ("Established", "Limited", "Not supported", "Not known")

_WORDS = "|".join(label.replace(" ", r"\s+") for label in LABELS)
_ADMONITION = re.compile(r"^[ \t]*(?:!!!|\?\?\?\+?)[ \t]+[\w-]+[ \t]+\"Evidence:[ \t]*"
                         r"(" + _WORDS + r")\b", re.I | re.M)
_BOLD_LEAD = re.compile(r"(?:\*\*|__)(?:Evidence:[ \t]*)?(" + _WORDS + r")[.:]?(?:\*\*|__)",
                        re.I)
#: Words that say a claim was never tested: its honest label is "Not known".
_UNTESTED = re.compile(
    r"\b(?:no (?:[a-z]+ ){0,2}(?:trials?|study|studies|data)\b(?! (?:has )?(?:found|showed|shows))"
    r"|(?:not|never) (?:been )?(?:properly )?(?:tested|studied)|"
    r"none of the sources\b[^.]*\btested|no source\b[^.]*\bshows?)", re.I)
_PARAGRAPH_END = re.compile(r"\n[ \t]*\n(?![ \t]{4})|\n[ \t]*(?:[-*+]|\d+[.)])[ \t]")


def _labels(text: str) -> list[re.Match[str]]:
    """Every label in `text`; a pattern runs only over a text holding its markers."""
    admonitions = _ADMONITION.finditer(text) if "!!!" in text or "???" in text else ()
    bold = _BOLD_LEAD.finditer(text) if "**" in text or "__" in text else ()
    return [*admonitions, *bold]


def labels_in(source: ArticleSource) -> int:
    """How many evidence labels the article's body shows (code and comments excluded)."""
    return len(_labels(source.masked))


def _untested_not_supported(source: ArticleSource) -> list[Diagnostic]:
    """A "Not supported" label on a claim its own paragraph calls untested."""
    text = source.masked
    problems = []
    for match in _labels(text):
        if re.sub(r"\s+", " ", match.group(1)).casefold() != "not supported":
            continue
        end = _PARAGRAPH_END.search(text, match.end())
        paragraph = text[match.end():end.start() if end else len(text)]
        if said := _UNTESTED.search(paragraph):
            mark = source.at(match.start())
            problems.append(error(
                source.path, mark.line, mark.col, CODE,
                f"'Not supported' on a claim the text calls untested ('{said.group(0)}')",
                "'Not supported' means studied and not found; an untested claim is "
                "**Not known:**"))
    return problems


def check_evidence_labels(source: ArticleSource) -> list[Diagnostic]:
    """Unlabelled cause articles, and untested claims labelled "Not supported"."""
    doc = source.document
    problems = _untested_not_supported(source)
    if doc.kind is not Kind.CAUSE or doc.draft or labels_in(source):
        return problems
    where = source.marks.get(("evidence",)) or source.key_mark("title")
    level = str(doc.fields.get("evidence", "limited")).replace("-", " ")
    return [*problems, error(doc.path, where.line, where.col, CODE,
                             "no claim in the text carries an evidence label "
                             "(Established, Limited, Not supported or Not known)",
                             f'label each claim about the cause, e.g. !!! note "Evidence: {level}" '
                             f"or a bold lead **{level.capitalize()}:**")]
